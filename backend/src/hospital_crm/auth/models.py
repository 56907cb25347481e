import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from hospital_crm.core.models import Base, IdMixin, utc_now


class AuthSession(IdMixin, Base):
    """One login: the family of refresh tokens issued from it.

    Reusing a spent refresh token revokes the whole family, because it means the
    token was copied.
    """

    __tablename__ = "auth_sessions"

    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    last_seen_at: Mapped[datetime] = mapped_column(default=utc_now)
    # Absolute end of the session, however active it is.
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    revoked_reason: Mapped[str | None] = mapped_column(String(40))
    client_ip: Mapped[str | None] = mapped_column(String(45))
    user_agent: Mapped[str | None] = mapped_column(String(400))


class RefreshToken(Base):
    """A refresh token of a session, kept by its id (the JWT `jti`); the token itself is never stored."""

    __tablename__ = "refresh_tokens"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    session_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("auth_sessions.id", ondelete="CASCADE"), index=True
    )
    issued_at: Mapped[datetime] = mapped_column(default=utc_now)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]


class LoginAttempt(IdMixin, Base):
    """A failed login, counted per client IP in the database so the limit still applies without Redis."""

    __tablename__ = "login_attempts"
    __table_args__ = (
        Index("ix_login_attempts_client_ip_attempted_at", "client_ip", "attempted_at"),
        Index("ix_login_attempts_email_attempted_at", "email", "attempted_at"),
    )

    client_ip: Mapped[str] = mapped_column(String(45))
    email: Mapped[str] = mapped_column(String(320))
    attempted_at: Mapped[datetime] = mapped_column(default=utc_now)
