import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import Enum, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hospital_crm.core.models import Base, IdMixin, utc_now


class ActivityKind(StrEnum):
    # Logged by staff.
    note = "note"
    call = "call"
    email = "email"
    message = "message"
    # Written by the system.
    created = "created"
    field_change = "field_change"
    stage_change = "stage_change"
    merged = "merged"
    imported = "imported"
    task_completed = "task_completed"


STAFF_ACTIVITY_KINDS = frozenset(
    {ActivityKind.note, ActivityKind.call, ActivityKind.email, ActivityKind.message}
)


class Direction(StrEnum):
    inbound = "inbound"
    outbound = "outbound"


class Activity(IdMixin, Base):
    """One entry of a patient's timeline, optionally tied to one of the patient's cases."""

    __tablename__ = "activities"
    __table_args__ = (
        Index("ix_activities_patient_id_occurred_at", "patient_id", "occurred_at"),
        Index("ix_activities_case_id_occurred_at", "case_id", "occurred_at"),
    )

    patient_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("patients.id", ondelete="RESTRICT"))
    case_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("cases.id", ondelete="RESTRICT"))
    kind: Mapped[ActivityKind] = mapped_column(Enum(ActivityKind, native_enum=False, length=20))
    # Messaging channel for calls and messages (phone, whatsapp, wechat, line, email).
    channel: Mapped[str | None] = mapped_column(String(20))
    direction: Mapped[Direction | None] = mapped_column(
        Enum(Direction, native_enum=False, length=10)
    )
    subject: Mapped[str | None] = mapped_column(String(500))
    body: Mapped[str | None] = mapped_column(Text)
    # Structured facts of system entries: changed field names, stages, merged ids.
    details: Mapped[dict] = mapped_column(default=dict)
    actor_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    occurred_at: Mapped[datetime] = mapped_column(default=utc_now)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
