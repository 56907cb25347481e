"""Shared Pydantic types: validated country, language and currency codes, phone numbers,
and text without characters that disguise how it displays."""

import re
from typing import Annotated

import phonenumbers
import pycountry
from pydantic import AfterValidator, BaseModel, ConfigDict
from pydantic_core import PydanticCustomError


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


# Bidi embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069) make text
# display in another order than it is stored, so "\u202eoknaH" shows as "Hanko". C0 and C1
# control characters are invisible or break the layout. ZWNJ and ZWJ (U+200C, U+200D) stay
# allowed because Persian, Indic scripts and emoji sequences need them.
_BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
_SINGLE_LINE_FORBIDDEN = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI_CONTROLS}]")
# Multi-line text keeps tab, line feed and carriage return.
_MULTILINE_FORBIDDEN = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI_CONTROLS}]")


def find_disguising_character(value: str, *, multiline: bool = False) -> str | None:
    """Return the first bidi control or control character in `value`, or None."""
    pattern = _MULTILINE_FORBIDDEN if multiline else _SINGLE_LINE_FORBIDDEN
    match = pattern.search(value)
    return match.group() if match else None


def check_characters(value: str, *, multiline: bool) -> str:
    """Return the value, or raise `invalid_characters` when it has a disguising character."""
    character = find_disguising_character(value, multiline=multiline)
    if character is not None:
        raise PydanticCustomError(
            "invalid_characters",
            "The text contains U+{code_point}, a text direction or control character; "
            "type the text again without it.",
            {"code_point": f"{ord(character):04X}"},
        )
    return value


def _check_single_line(value: str) -> str:
    return check_characters(value, multiline=False)


def _check_multiline(value: str) -> str:
    return check_characters(value, multiline=True)


CountryCode = Annotated[str, AfterValidator(_country)]
LanguageCode = Annotated[str, AfterValidator(_language)]
CurrencyCode = Annotated[str, AfterValidator(_currency)]
# A name, identifier or other one-line value, without bidi controls or control characters.
SingleLineText = Annotated[str, AfterValidator(_check_single_line)]
# Notes and addresses: as SingleLineText, but tabs and line breaks are allowed.
MultilineText = Annotated[str, AfterValidator(_check_multiline)]


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
