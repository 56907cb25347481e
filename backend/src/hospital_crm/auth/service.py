"""Login, token refresh with reuse detection, logout and session checks."""

import json
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import structlog
from sqlalchemy import func, select, update

from hospital_crm.audit import service as audit
from hospital_crm.audit.models import AuditOutcome
from hospital_crm.auth.models import AuthSession, LoginAttempt, RefreshToken
from hospital_crm.core.cache import Cache
from hospital_crm.core.config import Settings
from hospital_crm.core.context import Principal, current_request
from hospital_crm.core.db import AsyncSession, Database
from hospital_crm.core.errors import (
    AccountLocked,
    InvalidCredentials,
    InvalidToken,
    PermissionDenied,
    SessionExpired,
    TooManyAttempts,
)
from hospital_crm.core.models import utc_now
from hospital_crm.core.permissions import Permission, Role
from hospital_crm.core.security import (
    decode_token,
    encode_token,
    hash_password,
    password_needs_rehash,
    verify_password,
)
from hospital_crm.users.models import User

log = structlog.get_logger(__name__)

ACCESS = "access"
REFRESH = "refresh"
# last_seen_at is written to the database at most this often per session.
LAST_SEEN_WRITE_INTERVAL = timedelta(seconds=60)
# How long a session's state may be served from the cache before it is read again.
SESSION_CACHE_SECONDS = 60


@dataclass(frozen=True)
class IssuedTokens:
    access_token: str
    access_expires_at: datetime
    access_lifetime_seconds: int
    refresh_token: str
    refresh_expires_at: datetime
    user: User


async def _recent_ip_failures(session: AsyncSession, client_ip: str, settings: Settings) -> int:
    since = utc_now() - timedelta(minutes=settings.login_ip_window_minutes)
    count = await session.scalar(
        select(func.count())
        .select_from(LoginAttempt)
        .where(LoginAttempt.client_ip == client_ip, LoginAttempt.attempted_at >= since)
    )
    return count or 0


async def _raise_if_unknown_email_locked(
    session: AsyncSession, email: str, settings: Settings
) -> None:
    """Raise AccountLocked for an unknown address after as many failures as lock a real account.

    Otherwise only existing accounts could ever reach 423, which tells an attacker which
    email addresses have accounts.
    """
    since = utc_now() - timedelta(minutes=settings.login_lock_minutes)
    attempts = (
        await session.scalars(
            select(LoginAttempt.attempted_at)
            .where(LoginAttempt.email == email, LoginAttempt.attempted_at >= since)
            .order_by(LoginAttempt.attempted_at)
        )
    ).all()
    if len(attempts) >= settings.login_max_failures:
        locked_until = attempts[settings.login_max_failures - 1] + timedelta(
            minutes=settings.login_lock_minutes
        )
        raise AccountLocked(keep_changes=True, locked_until=locked_until.isoformat())


async def _record_failure(
    session: AsyncSession, user: User | None, email: str, client_ip: str, settings: Settings
) -> None:
    session.add(LoginAttempt(client_ip=client_ip, email=email[:320]))
    principal = Principal(user_id=user.id if user else None, role=user.role if user else None)
    details: dict[str, object] = {"reason": "invalid_credentials" if user else "unknown_email"}
    if user is not None:
        user.failed_login_count += 1
        if user.failed_login_count >= settings.login_max_failures:
            user.locked_until = utc_now() + timedelta(minutes=settings.login_lock_minutes)
            details["locked_until"] = user.locked_until.isoformat()
    await audit.record(
        session,
        principal,
        action="login",
        entity_type="user",
        entity_id=user.id if user else None,
        details=details,
        outcome=AuditOutcome.denied,
    )


async def _issue(
    session: AsyncSession, user: User, auth_session: AuthSession, settings: Settings
) -> IssuedTokens:
    access_token, access_claims = encode_token(
        secret=settings.jwt_secret or "",
        token_type=ACCESS,
        subject=user.id,
        session_id=auth_session.id,
        role=user.role.value,
        lifetime=timedelta(minutes=settings.access_token_minutes),
    )
    refresh_lifetime = min(
        timedelta(days=settings.refresh_token_days), auth_session.expires_at - utc_now()
    )
    refresh_token, refresh_claims = encode_token(
        secret=settings.jwt_refresh_secret or "",
        token_type=REFRESH,
        subject=user.id,
        session_id=auth_session.id,
        role=user.role.value,
        lifetime=refresh_lifetime,
    )
    session.add(
        RefreshToken(
            id=refresh_claims.token_id,
            session_id=auth_session.id,
            issued_at=refresh_claims.issued_at,
            expires_at=refresh_claims.expires_at,
        )
    )
    await session.flush()
    return IssuedTokens(
        access_token=access_token,
        access_expires_at=access_claims.expires_at,
        access_lifetime_seconds=int(
            (access_claims.expires_at - access_claims.issued_at).total_seconds()
        ),
        refresh_token=refresh_token,
        refresh_expires_at=refresh_claims.expires_at,
        user=user,
    )


async def login(
    session: AsyncSession, settings: Settings, *, email: str, password: str
) -> IssuedTokens:
    """Check the password and open a session; failures are counted per account and per IP."""
    request = current_request.get()
    client_ip = request.client_ip or "unknown"
    normalized_email = email.strip().lower()

    if await _recent_ip_failures(session, client_ip, settings) >= settings.login_ip_max_failures:
        log.warning("auth.login_rate_limited", client_ip=client_ip)
        raise TooManyAttempts()

    user = await session.scalar(select(User).where(User.email == normalized_email))
    password_ok = verify_password(password, user.password_hash if user else None)
    now = utc_now()

    if user is not None and user.locked_until is not None and user.locked_until > now:
        await audit.record(
            session,
            Principal(user_id=user.id, role=user.role),
            action="login",
            entity_type="user",
            entity_id=user.id,
            details={"reason": "account_locked"},
            outcome=AuditOutcome.denied,
        )
        raise AccountLocked(keep_changes=True, locked_until=user.locked_until.isoformat())

    if user is None or not password_ok or not user.active:
        await _record_failure(session, user, normalized_email, client_ip, settings)
        if user is not None and user.locked_until is not None and user.locked_until > now:
            raise AccountLocked(keep_changes=True, locked_until=user.locked_until.isoformat())
        if user is None:
            await _raise_if_unknown_email_locked(session, normalized_email, settings)
        raise InvalidCredentials(keep_changes=True)

    user.failed_login_count = 0
    user.locked_until = None
    user.last_login_at = now
    if user.password_hash and password_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    auth_session = AuthSession(
        user_id=user.id,
        created_at=now,
        last_seen_at=now,
        expires_at=now + timedelta(hours=settings.session_max_hours),
        client_ip=request.client_ip,
        user_agent=(request.user_agent or "")[:400] or None,
    )
    session.add(auth_session)
    await session.flush()
    await audit.record(
        session,
        Principal(user_id=user.id, role=user.role, session_id=auth_session.id),
        action="login",
        entity_type="user",
        entity_id=user.id,
    )
    return await _issue(session, user, auth_session, settings)


async def _revoke_session(
    session: AsyncSession, auth_session: AuthSession, reason: str, cache: Cache
) -> None:
    if auth_session.revoked_at is None:
        auth_session.revoked_at = utc_now()
        auth_session.revoked_reason = reason
    await cache.delete(_session_cache_key(auth_session.id))


async def refresh(
    session: AsyncSession, settings: Settings, cache: Cache, *, refresh_token: str
) -> IssuedTokens:
    """Spend a refresh token and issue a new pair; a reused token revokes its whole session."""
    claims = decode_token(
        refresh_token, secret=settings.jwt_refresh_secret or "", token_type=REFRESH
    )
    stored = await session.get(RefreshToken, claims.token_id, with_for_update=True)
    auth_session = await session.get(AuthSession, claims.session_id, with_for_update=True)
    if stored is None or auth_session is None or stored.session_id != auth_session.id:
        raise InvalidToken()
    user = await session.get(User, auth_session.user_id)
    assert user is not None
    principal = Principal(user_id=user.id, role=user.role, session_id=auth_session.id)

    if stored.used_at is not None:
        await _revoke_session(session, auth_session, "refresh_token_reuse", cache)
        await audit.record(
            session,
            principal,
            action="refresh_token_reuse",
            entity_type="auth_session",
            entity_id=auth_session.id,
            outcome=AuditOutcome.denied,
        )
        log.warning(
            "auth.refresh_token_reuse", session_id=str(auth_session.id), user_id=str(user.id)
        )
        raise InvalidToken(keep_changes=True)

    now = utc_now()
    idle_limit = timedelta(minutes=settings.session_idle_minutes)
    if auth_session.revoked_at is not None or not user.active:
        raise SessionExpired()
    if now >= auth_session.expires_at or now - auth_session.last_seen_at > idle_limit:
        await _revoke_session(session, auth_session, "expired", cache)
        raise SessionExpired(keep_changes=True)

    stored.used_at = now
    auth_session.last_seen_at = now
    return await _issue(session, user, auth_session, settings)


async def logout(session: AsyncSession, cache: Cache, principal: Principal) -> None:
    if principal.session_id is None:
        return
    auth_session = await session.get(AuthSession, principal.session_id)
    if auth_session is not None:
        await _revoke_session(session, auth_session, "logout", cache)
    await audit.record(
        session,
        principal,
        action="logout",
        entity_type="auth_session",
        entity_id=principal.session_id,
    )


async def logout_by_refresh_token(
    session: AsyncSession, settings: Settings, cache: Cache, refresh_token: str
) -> None:
    """Revoke the session a refresh token belongs to; used when the access token has expired."""
    claims = decode_token(
        refresh_token, secret=settings.jwt_refresh_secret or "", token_type=REFRESH
    )
    auth_session = await session.get(AuthSession, claims.session_id)
    if auth_session is None:
        return
    user = await session.get(User, auth_session.user_id)
    principal = Principal(
        user_id=auth_session.user_id, role=user.role if user else None, session_id=auth_session.id
    )
    await logout(session, cache, principal)


def _session_cache_key(session_id: uuid.UUID) -> str:
    return f"auth:session:{session_id}"


@dataclass(frozen=True)
class _SessionState:
    user_id: uuid.UUID
    role: Role
    partner_id: uuid.UUID | None
    ui_language: str
    active: bool
    revoked: bool
    expires_at: datetime
    last_seen_at: datetime
    must_change_password: bool = False

    def dumps(self) -> str:
        return json.dumps(
            {
                "user_id": str(self.user_id),
                "role": self.role.value,
                "partner_id": str(self.partner_id) if self.partner_id else None,
                "ui_language": self.ui_language,
                "active": self.active,
                "revoked": self.revoked,
                "expires_at": self.expires_at.isoformat(),
                "last_seen_at": self.last_seen_at.isoformat(),
                "must_change_password": self.must_change_password,
            }
        )

    @classmethod
    def loads(cls, raw: str) -> "_SessionState":
        data = json.loads(raw)
        return cls(
            user_id=uuid.UUID(data["user_id"]),
            role=Role(data["role"]),
            partner_id=uuid.UUID(data["partner_id"]) if data["partner_id"] else None,
            ui_language=data["ui_language"],
            active=data["active"],
            revoked=data["revoked"],
            expires_at=datetime.fromisoformat(data["expires_at"]),
            last_seen_at=datetime.fromisoformat(data["last_seen_at"]),
            must_change_password=data.get("must_change_password", False),
        )


async def _load_session_state(database: Database, session_id: uuid.UUID) -> _SessionState | None:
    # The primary, not the replica: a session opened a moment ago may not have replicated yet.
    async with database.sessionmaker() as session:
        row = (
            await session.execute(
                select(AuthSession, User)
                .join(User, User.id == AuthSession.user_id)
                .where(AuthSession.id == session_id)
            )
        ).first()
    if row is None:
        return None
    auth_session, user = row
    return _SessionState(
        user_id=user.id,
        role=user.role,
        partner_id=user.partner_id,
        ui_language=user.ui_language,
        active=user.active,
        revoked=auth_session.revoked_at is not None,
        expires_at=auth_session.expires_at,
        last_seen_at=auth_session.last_seen_at,
        must_change_password=user.must_change_password,
    )


async def _touch_session(database: Database, session_id: uuid.UUID, now: datetime) -> None:
    async with database.sessionmaker() as session:
        await session.execute(
            update(AuthSession).where(AuthSession.id == session_id).values(last_seen_at=now)
        )
        await session.commit()


async def authenticate_access_token(
    token: str, *, settings: Settings, database: Database, cache: Cache
) -> Principal:
    """Verify an access token and its session: not revoked, not idle too long, not past its end."""
    claims = decode_token(token, secret=settings.jwt_secret or "", token_type=ACCESS)
    cache_key = _session_cache_key(claims.session_id)
    cached = await cache.get(cache_key)
    state = (
        _SessionState.loads(cached)
        if cached
        else await _load_session_state(database, claims.session_id)
    )
    if state is None or state.revoked or not state.active or state.user_id != claims.subject:
        raise SessionExpired()

    now = utc_now()
    if now >= state.expires_at or now - state.last_seen_at > timedelta(
        minutes=settings.session_idle_minutes
    ):
        raise SessionExpired()

    # NOTE: with the in-process cache and several workers, a logout reaches the other
    # workers only when their cached state expires (SESSION_CACHE_SECONDS); Redis has no such lag.
    if now - state.last_seen_at >= LAST_SEEN_WRITE_INTERVAL:
        await _touch_session(database, claims.session_id, now)
        state = _SessionState(**{**state.__dict__, "last_seen_at": now})
    if cached is None or state.last_seen_at == now:
        await cache.set(cache_key, state.dumps(), SESSION_CACHE_SECONDS)

    return Principal(
        user_id=state.user_id,
        role=state.role,
        partner_id=state.partner_id,
        session_id=claims.session_id,
        ui_language=state.ui_language,
        must_change_password=state.must_change_password,
    )


async def forget_session_state(cache: Cache, session_id: uuid.UUID) -> None:
    """Drop a session's cached state, so the next request reads the user's changes."""
    await cache.delete(_session_cache_key(session_id))


async def record_denied_access(
    database: Database, principal: Principal, permission: Permission, path: str
) -> None:
    """Audit a refused permission in its own transaction, then raise PermissionDenied."""
    async with database.sessionmaker() as session:
        await audit.record(
            session,
            principal,
            action="access_denied",
            entity_type="route",
            entity_id=path[:64],
            details={"permission": permission.value},
            outcome=AuditOutcome.denied,
        )
        await session.commit()
    log.info("auth.access_denied", user_id=str(principal.user_id), permission=permission.value)
    raise PermissionDenied(permission=permission.value)
