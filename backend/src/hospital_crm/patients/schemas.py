import unicodedata
import uuid
from datetime import date, datetime
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import jaconv
from pydantic import EmailStr, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from hospital_crm.core.schemas import (
    CountryCode,
    LanguageCode,
    MultilineText,
    RequestSchema,
    Schema,
    SingleLineText,
    check_characters,
)
from hospital_crm.patients.models import Sex

SensitiveField = Literal["passport_number", "medical_summary", "allergies"]
SENSITIVE_FIELDS: tuple[SensitiveField, ...] = ("passport_number", "medical_summary", "allergies")


class Phone(Schema):
    number: str = Field(
        min_length=3, max_length=40, description="E.164 once stored, e.g. +819012345678"
    )
    kind: Literal["mobile", "home", "work", "other"] = "mobile"


class Messaging(Schema):
    wechat: str | None = Field(default=None, max_length=100)
    whatsapp: str | None = Field(default=None, max_length=100)
    line: str | None = Field(default=None, max_length=100)


class EmergencyContact(Schema):
    name: str | None = Field(default=None, max_length=200)
    relationship: str | None = Field(default=None, max_length=100)
    phone: str | None = Field(default=None, max_length=40)
    email: EmailStr | None = None


class CarePreferences(Schema):
    religion: str | None = Field(default=None, max_length=100)
    # For example halal, kosher, vegetarian, vegan, no_pork, no_beef, gluten_free.
    diet: list[str] = Field(default_factory=list, max_length=20)
    staff_gender: Literal["female", "male", "no_preference"] | None = None
    room: str | None = Field(default=None, max_length=500)


class TravelInsurance(Schema):
    insurer: str | None = Field(default=None, max_length=200)
    policy_number: str | None = Field(default=None, max_length=100)
    contact: str | None = Field(default=None, max_length=300)


class ConsentIn(Schema):
    topic: str = Field(
        min_length=1, max_length=100, description="e.g. sensitive_data, cross_border_transfer"
    )
    version: str = Field(min_length=1, max_length=40)
    language: LanguageCode
    given_at: datetime


class ConsentOut(ConsentIn):
    id: uuid.UUID
    withdrawn_at: datetime | None


def _katakana(value: str | None) -> str | None:
    if value is None:
        return None
    # NFKC turns half-width katakana into full width; hiragana readings become katakana.
    return jaconv.hira2kata(unicodedata.normalize("NFKC", value)).strip() or None


class PatientFields(RequestSchema):
    family_name: SingleLineText | None = Field(default=None, max_length=200)
    given_name: SingleLineText | None = Field(default=None, max_length=200)
    name_latin: SingleLineText | None = Field(default=None, max_length=300)
    name_kana: SingleLineText | None = Field(default=None, max_length=300)
    sex: Sex | None = None
    date_of_birth: date | None = None
    nationality: CountryCode | None = None
    country_of_residence: CountryCode | None = None
    time_zone: str | None = Field(default=None, max_length=64)
    preferred_languages: list[LanguageCode] | None = None
    email: EmailStr | None = None
    phones: list[Phone] | None = Field(default=None, max_length=10)
    messaging: Messaging | None = None
    address: MultilineText | None = Field(default=None, max_length=2000)
    emergency_contact: EmergencyContact | None = None
    passport_number: SingleLineText | None = Field(default=None, max_length=40)
    passport_expiry: date | None = None
    medical_summary: MultilineText | None = Field(default=None, max_length=20_000)
    allergies: MultilineText | None = Field(default=None, max_length=5_000)
    referring_partner_id: uuid.UUID | None = None
    care_preferences: CarePreferences | None = None
    travel_insurance: TravelInsurance | None = None
    tags: list[SingleLineText] | None = Field(default=None, max_length=50)
    notes: MultilineText | None = Field(default=None, max_length=20_000)
    custom_fields: dict[SingleLineText, MultilineText] | None = None

    _kana = field_validator("name_kana")(_katakana)

    @field_validator("name_latin")
    @classmethod
    def _upper_latin(cls, value: str | None) -> str | None:
        # Passports print the name in capitals. str.upper keeps diacritics (José -> JOSÉ).
        return value.upper() if value else value

    @field_validator("messaging", "emergency_contact", "care_preferences", "travel_insurance")
    @classmethod
    def _check_nested_characters(cls, value: Schema | None) -> Schema | None:
        # These models are response models too, so their fields stay plain str there: a
        # check on output would fail on a value stored before this check existed.
        if value is None:
            return None
        for name, field_value in value:
            items = field_value if isinstance(field_value, list) else [field_value]
            for item in items:
                if isinstance(item, str):
                    check_characters(item, multiline=name == "room")
        return value

    @field_validator("email")
    @classmethod
    def _lower_email(cls, value: str | None) -> str | None:
        return value.lower() if value else value

    @field_validator("time_zone")
    @classmethod
    def _check_time_zone(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(
                f"{value!r} is not an IANA time zone (for example Asia/Shanghai)"
            ) from error
        return value

    @field_validator("date_of_birth")
    @classmethod
    def _check_birth_date(cls, value: date | None) -> date | None:
        if value is not None and (value > date.today() or value.year < 1900):
            # A code of its own lets the web app translate this rule instead of a generic value_error.
            raise PydanticCustomError(
                "date_of_birth_out_of_range", "The date of birth must be between 1900 and today."
            )
        return value


class PatientCreate(PatientFields):
    sex: Sex = Sex.unknown
    # Set after the caller has seen the duplicate candidates and wants a new patient anyway.
    confirm_duplicate: bool = False
    consents: list[ConsentIn] = Field(default_factory=list, max_length=20)

    @model_validator(mode="after")
    def _require_a_name(self) -> "PatientCreate":
        if not (self.family_name or self.given_name or self.name_latin):
            raise ValueError(
                "Enter the patient's name: family or given name, or the name as in the passport."
            )
        return self


class PatientUpdate(PatientFields):
    pass


class PatientName(Schema):
    """A patient's name as lists beside other records show it: native, then passport spelling."""

    family_name: str | None
    given_name: str | None
    name_latin: str | None


class PatientSummary(Schema):
    id: uuid.UUID
    family_name: str | None
    given_name: str | None
    name_latin: str | None
    name_kana: str | None
    sex: Sex
    date_of_birth: date | None
    nationality: str | None
    country_of_residence: str | None
    email: str | None
    phones: list[Phone]
    referring_partner_id: uuid.UUID | None
    tags: list[str]
    time_zone: str | None
    created_at: datetime
    updated_at: datetime


class PatientOut(PatientSummary):
    preferred_languages: list[str]
    messaging: Messaging
    address: str | None
    emergency_contact: EmergencyContact
    passport_expiry: date | None
    care_preferences: CarePreferences
    travel_insurance: TravelInsurance
    notes: str | None
    custom_fields: dict[str, str]
    consents: list[ConsentOut] = Field(default_factory=list)
    merged_into_id: uuid.UUID | None
    # Encrypted values are never sent here; POST /patients/{id}/reveal returns them, audited.
    has_passport_number: bool
    has_medical_summary: bool
    has_allergies: bool


class RevealRequest(RequestSchema):
    fields: list[SensitiveField] = Field(min_length=1)


class RevealResponse(Schema):
    passport_number: str | None = None
    medical_summary: str | None = None
    allergies: str | None = None


DuplicateReason = Literal["passport", "email", "phone", "name_dob"]


class DuplicateCandidate(Schema):
    patient: PatientSummary
    reasons: list[DuplicateReason]


class MergeRequest(RequestSchema):
    duplicate_id: uuid.UUID
