import uuid
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Date, Enum, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from hospital_crm.core.models import Base, IdMixin, TimestampMixin

# Code-point order on PostgreSQL too, so a prefix range (term >= p AND term < p || U+10FFFF)
# selects exactly the terms that start with p; SQLite compares code points already.
SearchTermType = String(64).with_variant(String(64, collation="C"), "postgresql")


class Sex(StrEnum):
    male = "male"
    female = "female"
    other = "other"
    unknown = "unknown"


class Patient(IdMixin, TimestampMixin, Base):
    __tablename__ = "patients"
    __table_args__ = (
        Index("ix_patients_created_at", "created_at"),
        Index("ix_patients_nationality_created_at", "nationality", "created_at"),
        # For counting live patients of one nationality joined to their cases.
        Index(
            "ix_patients_live_nationality_id",
            "nationality",
            "id",
            postgresql_where=text("deleted_at IS NULL"),
            sqlite_where=text("deleted_at IS NULL"),
        ),
        # For searches: check that a match is live and sort matches by age, index only.
        Index(
            "ix_patients_live_id_created_at",
            "id",
            "created_at",
            postgresql_where=text("deleted_at IS NULL AND merged_into_id IS NULL"),
            sqlite_where=text("deleted_at IS NULL AND merged_into_id IS NULL"),
        ),
    )

    family_name: Mapped[str | None] = mapped_column(String(200))
    given_name: Mapped[str | None] = mapped_column(String(200))
    # Name exactly as in the passport (Latin script); visa documents must match it.
    name_latin: Mapped[str | None] = mapped_column(String(300))
    # フリガナ: katakana reading, as Japanese hospital systems expect.
    name_kana: Mapped[str | None] = mapped_column(String(300))
    sex: Mapped[Sex] = mapped_column(Enum(Sex, native_enum=False, length=10), default=Sex.unknown)
    date_of_birth: Mapped[date | None] = mapped_column(Date, index=True)
    nationality: Mapped[str | None] = mapped_column(String(2))
    country_of_residence: Mapped[str | None] = mapped_column(String(2))
    time_zone: Mapped[str | None] = mapped_column(String(64))
    preferred_languages: Mapped[list] = mapped_column(default=list)
    email: Mapped[str | None] = mapped_column(String(320), index=True)
    phones: Mapped[list] = mapped_column(default=list)
    messaging: Mapped[dict] = mapped_column(default=dict)
    address: Mapped[str | None] = mapped_column(Text)
    emergency_contact: Mapped[dict] = mapped_column(default=dict)

    # Encrypted with ENCRYPTION_KEY (see core.crypto); never selected into lists or logs.
    passport_number_encrypted: Mapped[str | None] = mapped_column(Text)
    # Keyed hash of the normalised passport number, for exact lookup without decrypting.
    passport_number_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    passport_expiry: Mapped[date | None] = mapped_column(Date)
    medical_summary_encrypted: Mapped[str | None] = mapped_column(Text)
    allergies_encrypted: Mapped[str | None] = mapped_column(Text)

    referring_partner_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("partners.id", ondelete="RESTRICT"), index=True
    )
    care_preferences: Mapped[dict] = mapped_column(default=dict)
    travel_insurance: Mapped[dict] = mapped_column(default=dict)
    tags: Mapped[list] = mapped_column(default=list)
    notes: Mapped[str | None] = mapped_column(Text)
    # Imported columns that match no field, kept by their header text.
    custom_fields: Mapped[dict] = mapped_column(default=dict)

    # Keys for the name-and-date-of-birth duplicate rule: folded native and Latin names.
    duplicate_key_native: Mapped[str | None] = mapped_column(String(200))
    duplicate_key_latin: Mapped[str | None] = mapped_column(String(300))

    created_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    # A merged patient's row is kept and points at the patient it was merged into; no route deletes it.
    merged_into_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("patients.id", ondelete="RESTRICT"), index=True
    )
    deleted_at: Mapped[datetime | None]


class PatientSearchTerm(Base):
    """One normalised search key of a patient: a name in some script, a phone or an email."""

    __tablename__ = "patient_search_terms"
    # (term, patient_id) lets PostgreSQL read a prefix range from the index alone.
    __table_args__ = (Index("ix_patient_search_terms_term_patient_id", "term", "patient_id"),)

    patient_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("patients.id", ondelete="CASCADE"), primary_key=True
    )
    term: Mapped[str] = mapped_column(SearchTermType, primary_key=True)


class PatientConsent(IdMixin, Base):
    """A consent the patient gave (同意書): what, which version, in which language, when."""

    __tablename__ = "patient_consents"

    patient_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("patients.id", ondelete="CASCADE"), index=True
    )
    topic: Mapped[str] = mapped_column(String(100))
    version: Mapped[str] = mapped_column(String(40))
    language: Mapped[str] = mapped_column(String(10))
    given_at: Mapped[datetime]
    withdrawn_at: Mapped[datetime | None]
    recorded_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
