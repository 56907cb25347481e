import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import BigInteger, Enum, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from hospital_crm.core.models import Base, utc_now

# SQLite only autoincrements a column declared exactly INTEGER PRIMARY KEY.
SequenceType = BigInteger().with_variant(Integer(), "sqlite")


class AuditOutcome(StrEnum):
    success = "success"
    denied = "denied"
    failure = "failure"


class AuditEvent(Base):
    """An append-only record of one access or change.

    Each row stores the SHA-256 of the previous row (`previous_hash`) and its own
    (`row_hash`), so editing or deleting a row breaks the chain at that row.
    """

    __tablename__ = "audit_events"
    __table_args__ = (
        Index("ix_audit_events_entity_type_entity_id", "entity_type", "entity_id"),
        Index("ix_audit_events_actor_id_occurred_at", "actor_id", "occurred_at"),
        Index("ix_audit_events_occurred_at", "occurred_at"),
    )

    sequence: Mapped[int] = mapped_column(SequenceType, primary_key=True, autoincrement=True)
    id: Mapped[uuid.UUID] = mapped_column(unique=True, default=uuid.uuid4)
    occurred_at: Mapped[datetime] = mapped_column(default=utc_now)
    # No foreign key: the record outlives any change to the user it names.
    actor_id: Mapped[uuid.UUID | None]
    actor_role: Mapped[str | None] = mapped_column(String(20))
    action: Mapped[str] = mapped_column(String(40))
    entity_type: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str | None] = mapped_column(String(64))
    fields: Mapped[list] = mapped_column(default=list)
    details: Mapped[dict] = mapped_column(default=dict)
    request_id: Mapped[str | None] = mapped_column(String(64))
    client_ip: Mapped[str | None] = mapped_column(String(45))
    outcome: Mapped[AuditOutcome] = mapped_column(Enum(AuditOutcome, native_enum=False, length=10))
    previous_hash: Mapped[str] = mapped_column(String(64))
    row_hash: Mapped[str] = mapped_column(String(64), unique=True)
