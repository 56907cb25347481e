from enum import StrEnum

from sqlalchemy import Enum, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hospital_crm.core.models import Base, IdMixin, TimestampMixin


class PartnerKind(StrEnum):
    agency = "agency"
    facilitator = "facilitator"
    # 身元保証機関: required for the medical stay visa; registered with METI or the Japan Tourism Agency.
    guarantor_organization = "guarantor_organization"


class GuarantorRegistry(StrEnum):
    meti = "meti"
    japan_tourism_agency = "japan_tourism_agency"


class Partner(IdMixin, TimestampMixin, Base):
    __tablename__ = "partners"

    name: Mapped[str] = mapped_column(String(300), index=True)
    kind: Mapped[PartnerKind] = mapped_column(Enum(PartnerKind, native_enum=False, length=40))
    country: Mapped[str | None] = mapped_column(String(2))
    languages: Mapped[list] = mapped_column(default=list)
    contacts: Mapped[list] = mapped_column(default=list)
    guarantor_registry: Mapped[GuarantorRegistry | None] = mapped_column(
        Enum(GuarantorRegistry, native_enum=False, length=40)
    )
    guarantor_registration_number: Mapped[str | None] = mapped_column(String(100))
    active: Mapped[bool] = mapped_column(default=True)
    notes: Mapped[str | None] = mapped_column(Text)
