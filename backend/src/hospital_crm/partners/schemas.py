import uuid
from datetime import datetime

from pydantic import EmailStr, Field

from hospital_crm.core.schemas import CountryCode, LanguageCode, Schema
from hospital_crm.partners.models import GuarantorRegistry, PartnerKind


class PartnerContact(Schema):
    name: str = Field(min_length=1, max_length=200)
    role: str | None = Field(default=None, max_length=100)
    email: EmailStr | None = None
    phone: str | None = Field(default=None, max_length=40)
    languages: list[LanguageCode] = Field(default_factory=list)


class PartnerBase(Schema):
    name: str = Field(min_length=1, max_length=300)
    kind: PartnerKind
    country: CountryCode | None = None
    languages: list[LanguageCode] = Field(default_factory=list)
    contacts: list[PartnerContact] = Field(default_factory=list)
    # Where a guarantor organization is registered (METI or the Japan Tourism Agency) and its number.
    guarantor_registry: GuarantorRegistry | None = None
    guarantor_registration_number: str | None = Field(default=None, max_length=100)
    active: bool = True
    notes: str | None = Field(default=None, max_length=10_000)


class PartnerCreate(PartnerBase):
    pass


class PartnerUpdate(Schema):
    name: str | None = Field(default=None, min_length=1, max_length=300)
    kind: PartnerKind | None = None
    country: CountryCode | None = None
    languages: list[LanguageCode] | None = None
    contacts: list[PartnerContact] | None = None
    guarantor_registry: GuarantorRegistry | None = None
    guarantor_registration_number: str | None = Field(default=None, max_length=100)
    active: bool | None = None
    notes: str | None = Field(default=None, max_length=10_000)


class PartnerOut(PartnerBase):
    id: uuid.UUID
    created_at: datetime
    updated_at: datetime
