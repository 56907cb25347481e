import uuid
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import Date, Enum, ForeignKey, Index, Numeric, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from hospital_crm.core.models import Base, IdMixin, TimestampMixin, utc_now


class CaseStage(StrEnum):
    inquiry_received = "inquiry_received"
    records_received = "records_received"
    doctor_review = "doctor_review"
    quote_sent = "quote_sent"
    accepted = "accepted"
    visa_travel = "visa_travel"
    in_treatment = "in_treatment"
    returned_home = "returned_home"
    follow_up = "follow_up"
    closed = "closed"
    lost = "lost"
    cancelled = "cancelled"


# The journey in order; `lost` and `cancelled` can be reached from any open stage.
STAGE_ORDER: tuple[CaseStage, ...] = tuple(CaseStage)[:10]
TERMINAL_STAGES = frozenset({CaseStage.closed, CaseStage.lost, CaseStage.cancelled})


class Channel(StrEnum):
    email = "email"
    web_form = "web_form"
    phone = "phone"
    whatsapp = "whatsapp"
    wechat = "wechat"
    line = "line"
    partner = "partner"
    # Cases created by a spreadsheet import, whose sheet does not say how the inquiry came.
    imported = "imported"


class Priority(StrEnum):
    low = "low"
    normal = "normal"
    high = "high"
    urgent = "urgent"


class Case(IdMixin, TimestampMixin, Base):
    """An inquiry (問い合わせ) and everything that follows from it, for one patient."""

    __tablename__ = "cases"
    __table_args__ = (
        Index("ix_cases_stage_created_at", "stage", "created_at"),
        Index("ix_cases_created_at", "created_at"),
        # For counting a stage's live cases joined to their patients (the pipeline filters).
        Index(
            "ix_cases_live_stage_patient_id",
            "stage",
            "patient_id",
            postgresql_where=text("deleted_at IS NULL"),
            sqlite_where=text("deleted_at IS NULL"),
        ),
    )

    reference: Mapped[str] = mapped_column(String(20), unique=True)
    patient_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("patients.id", ondelete="RESTRICT"), index=True
    )
    channel: Mapped[Channel] = mapped_column(Enum(Channel, native_enum=False, length=20))
    department_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("departments.id", ondelete="RESTRICT"), index=True
    )
    requested_treatment: Mapped[str | None] = mapped_column(Text)
    desired_date_from: Mapped[date | None] = mapped_column(Date)
    desired_date_to: Mapped[date | None] = mapped_column(Date)
    planned_arrival_date: Mapped[date | None] = mapped_column(Date, index=True)
    planned_departure_date: Mapped[date | None] = mapped_column(Date)
    received_on: Mapped[date | None] = mapped_column(Date)
    owner_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    referring_partner_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("partners.id", ondelete="RESTRICT"), index=True
    )
    guarantor_organization_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("partners.id", ondelete="RESTRICT")
    )
    priority: Mapped[Priority] = mapped_column(
        Enum(Priority, native_enum=False, length=10), default=Priority.normal
    )
    estimated_value: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    # ISO 4217 code of estimated_value.
    currency: Mapped[str | None] = mapped_column(String(3))
    stage: Mapped[CaseStage] = mapped_column(
        Enum(CaseStage, native_enum=False, length=30), default=CaseStage.inquiry_received
    )
    stage_changed_at: Mapped[datetime] = mapped_column(default=utc_now)
    lost_reason: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    closed_at: Mapped[datetime | None]
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    deleted_at: Mapped[datetime | None]


class CaseStageChange(IdMixin, Base):
    """One move between stages: who, when, from and to. The first row has no `from_stage`."""

    __tablename__ = "case_stage_changes"
    __table_args__ = (Index("ix_case_stage_changes_case_id_changed_at", "case_id", "changed_at"),)

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    from_stage: Mapped[CaseStage | None] = mapped_column(
        Enum(CaseStage, native_enum=False, length=30)
    )
    to_stage: Mapped[CaseStage] = mapped_column(Enum(CaseStage, native_enum=False, length=30))
    changed_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    changed_at: Mapped[datetime] = mapped_column(default=utc_now)
    note: Mapped[str | None] = mapped_column(Text)
