"""Shared Pydantic types: validated country, language and currency codes, phone numbers."""

from typing import Annotated

import phonenumbers
import pycountry
from pydantic import AfterValidator, BaseModel, ConfigDict


class Schema(BaseModel):
    model_config = ConfigDict(from_attributes=True, str_strip_whitespace=True)


class RequestSchema(Schema):
    """A request body: an unknown field is an error, so a misspelt name is not silently lost."""

    model_config = ConfigDict(extra="forbid")


def _country(value: str) -> str:
    code = value.strip().upper()
    if pycountry.countries.get(alpha_2=code) is None:
        raise ValueError(
            f"{value!r} is not an ISO 3166-1 alpha-2 country code (for example JP, CN, VN)"
        )
    return code


def _language(value: str) -> str:
    code = value.strip()
    base = code.split("-", 1)[0].lower()
    if pycountry.languages.get(alpha_2=base) is None:
        raise ValueError(
            f"{value!r} is not an ISO 639-1 language code (for example ja, zh, en, vi)"
        )
    return code if "-" in code else base


def _currency(value: str) -> str:
    code = value.strip().upper()
    if pycountry.currencies.get(alpha_3=code) is None:
        raise ValueError(f"{value!r} is not an ISO 4217 currency code (for example JPY, CNY, USD)")
    return code


CountryCode = Annotated[str, AfterValidator(_country)]
LanguageCode = Annotated[str, AfterValidator(_language)]
CurrencyCode = Annotated[str, AfterValidator(_currency)]


def to_e164(number: str, default_region: str | None) -> str:
    """Parse a phone number as staff type it and return it in E.164, or raise ValueError."""
    try:
        parsed = phonenumbers.parse(number, default_region.upper() if default_region else None)
    except phonenumbers.NumberParseException as error:
        raise ValueError(
            f"{number!r} is not a phone number; include the country code (for example +81 90-1234-5678)"
        ) from error
    if not phonenumbers.is_possible_number(parsed):
        raise ValueError(f"{number!r} has the wrong number of digits for its country")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
