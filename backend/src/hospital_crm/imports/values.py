"""Parsers for cell values as Japanese hospital staff type them into spreadsheets.

Every parser takes the raw cell (a str from CSV; str, int, float, date or datetime
from XLSX) and either returns the normalised value or raises CellError with a
stable reason code from reasons.REASONS. None of them guesses: an ambiguous or
unknown value is an error that the row's rejection reports.
"""

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

import phonenumbers
from openpyxl.utils.datetime import WINDOWS_EPOCH, from_excel

from hospital_crm.core.schemas import find_disguising_character


class CellError(ValueError):
    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


# First characters that make a spreadsheet read a cell as a formula. Exports put a
# single quote before them (formula injection guard), which imports remove again.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralize(value: Any) -> Any:
    """Put a single quote before text that a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def strip_formula_guard(text: str) -> str:
    if text.startswith("'") and text[1:2] and text[1] in FORMULA_TRIGGERS:
        return text[1:]
    return text


def check_characters(value: object) -> None:
    """Raise CellError when a text cell has a bidi control or a control character.

    These characters can make a name display differently from what is stored. Tabs
    and line breaks are allowed, because multi-line cells (notes) keep them and
    normalize_text turns them into spaces elsewhere.
    """
    if not isinstance(value, str):
        return
    character = find_disguising_character(value, multiline=True)
    if character is not None:
        raise CellError("invalid_characters", code_point=f"{ord(character):04X}")


def show_invisible_characters(text: str) -> str:
    """Return the text with each bidi control and control character written as <U+XXXX>."""
    return "".join(
        f"<U+{ord(char):04X}>" if find_disguising_character(char, multiline=True) else char
        for char in text
    )


def normalize_text(value: object) -> str | None:
    """Return the cell as NFKC text with collapsed whitespace, or None when blank.

    NFKC turns full-width digits and letters into ASCII, half-width katakana into
    full-width katakana and the ideographic space into a plain space.
    """
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFKC", strip_formula_guard(str(value)))
    text = " ".join(text.split())
    return text or None


def normalize_key(value: str) -> str:
    """Return a lookup key: NFKC, case-folded, without spaces and common punctuation."""
    text = unicodedata.normalize("NFKC", value).casefold()
    return re.sub(r"[\s._\-・･:：*※/()\[\]'\"]+", "", text)


# --- Dates -------------------------------------------------------------------------------

# Era start and end dates from the imperial proclamations: Reiwa began 2019-05-01,
# Heisei ran 1989-01-08 to 2019-04-30, Showa 1926-12-25 to 1989-01-07 and Taisho
# 1912-07-30 to 1926-12-25 (its last day is also Showa's first).
_ERAS: dict[str, tuple[dt.date, dt.date | None]] = {
    "令和": (dt.date(2019, 5, 1), None),
    "平成": (dt.date(1989, 1, 8), dt.date(2019, 4, 30)),
    "昭和": (dt.date(1926, 12, 25), dt.date(1989, 1, 7)),
    "大正": (dt.date(1912, 7, 30), dt.date(1926, 12, 25)),
}
_ERA_LETTERS = {"r": "令和", "h": "平成", "s": "昭和", "t": "大正"}

_SEP = r"\s*[年./\-]\s*"
_ERA_DATE = re.compile(
    r"^(令和|平成|昭和|大正|[rhst])\s*(元|\d{1,2})"
    + _SEP
    + r"(\d{1,2})\s*[月./\-]\s*(\d{1,2})\s*日?$",
    re.IGNORECASE,
)
_YMD_DATE = re.compile(r"^(\d{4})" + _SEP + r"(\d{1,2})\s*[月./\-]\s*(\d{1,2})\s*日?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_DMY_OR_MDY_DATE = re.compile(r"^(\d{1,2})[./\-](\d{1,2})[./\-](\d{4})$")
_SERIAL_TEXT = re.compile(r"^\d{5}(\.0+)?$")
_TIME_SUFFIX = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")
_WEEKDAY_SUFFIX = re.compile(r"\s*\((月|火|水|木|金|土|日|mon|tue|wed|thu|fri|sat|sun)\)$", re.I)

# Largest serial Excel accepts (9999-12-31).
_MAX_EXCEL_SERIAL = 2958465


def parse_date(value: object, *, epoch: dt.datetime = WINDOWS_EPOCH) -> dt.date:
    """Parse a date cell: ISO, 2024/4/1, 2024年4月1日, era dates, Excel serials.

    Raises CellError("ambiguous_date") for 01/02/1990-style values where both
    parts could be the month, and "date_outside_era" for an era date past its era.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise CellError("invalid_date")
    if isinstance(value, int | float):
        return _date_from_serial(value, epoch)

    text = normalize_text(value)
    if text is None:
        raise CellError("invalid_date")
    text = _WEEKDAY_SUFFIX.sub("", _TIME_SUFFIX.sub("", text))

    if match := _ERA_DATE.match(text):
        return _date_from_era(*match.groups())
    if match := _YMD_DATE.match(text) or _COMPACT_DATE.match(text):
        return _make_date(int(match[1]), int(match[2]), int(match[3]))
    if match := _DMY_OR_MDY_DATE.match(text):
        return _date_from_day_month(int(match[1]), int(match[2]), int(match[3]))
    if _SERIAL_TEXT.match(text):
        return _date_from_serial(float(text), epoch)
    raise CellError("invalid_date")


def _make_date(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise CellError("invalid_date") from None


def _date_from_era(era: str, year_text: str, month: str, day: str) -> dt.date:
    era_name = _ERA_LETTERS.get(era.casefold(), era)
    start, end = _ERAS[era_name]
    era_year = 1 if year_text == "元" else int(year_text)
    if era_year < 1:
        raise CellError("invalid_date")

    date = _make_date(start.year + era_year - 1, int(month), int(day))
    if date < start or (end is not None and date > end):
        raise CellError("date_outside_era")
    return date


def _date_from_day_month(first: int, second: int, year: int) -> dt.date:
    if first == second:
        return _make_date(year, first, second)
    if first <= 12 and second <= 12:
        raise CellError("ambiguous_date")
    if first > 12:
        return _make_date(year, second, first)
    return _make_date(year, first, second)


def _date_from_serial(serial: float, epoch: dt.datetime) -> dt.date:
    # Serial 60 is 1900-02-29, a day that Excel counts (copying a Lotus 1-2-3 bug) but
    # that never existed; from_excel maps serials below 61 around it.
    is_phantom_leap_day = epoch == WINDOWS_EPOCH and int(serial) == 60
    # A whole number 1900-2100 in a date column is a year typed alone, not a day in 1905.
    looks_like_year = float(serial).is_integer() and 1900 <= serial <= 2100
    if serial < 1 or serial > _MAX_EXCEL_SERIAL or is_phantom_leap_day or looks_like_year:
        raise CellError("invalid_date")
    converted = from_excel(serial, epoch)
    if converted is None:
        raise CellError("invalid_date")
    return converted.date() if isinstance(converted, dt.datetime) else converted


def parse_birth_date(
    value: object, *, today: dt.date, epoch: dt.datetime = WINDOWS_EPOCH
) -> dt.date:
    date = parse_date(value, epoch=epoch)
    if date > today:
        raise CellError("date_in_future")
    return date


# --- Sex ---------------------------------------------------------------------------------

_SEX_VALUES = {
    "male": ("男", "男性", "m", "male", "man", "おとこ", "オトコ"),
    "female": ("女", "女性", "f", "female", "woman", "おんな", "オンナ"),
    "other": ("その他", "other", "x", "其他"),
    "unknown": ("不明", "unknown", "未回答", "?"),
}
_SEX_LOOKUP = {normalize_key(word): sex for sex, words in _SEX_VALUES.items() for word in words}


def parse_sex(value: object) -> str:
    text = normalize_text(value)
    sex = _SEX_LOOKUP.get(normalize_key(text)) if text else None
    if sex is None:
        raise CellError("unknown_sex")
    return sex


# --- Email -------------------------------------------------------------------------------


# A shape check only: the patient schema validates the address fully (email-validator)
# when the row is validated, and a failure there is reported as invalid_email as well.
_EMAIL_SHAPE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def parse_email(value: object) -> str:
    text = normalize_text(value)
    if text is None or not _EMAIL_SHAPE.match(text):
        raise CellError("invalid_email")
    return text.lower()


# --- Phone numbers -----------------------------------------------------------------------

# Characters that Japanese input methods produce where a hyphen is meant; NFKC leaves
# them alone, so they are replaced before parsing.
_HYPHEN_LIKE = str.maketrans(dict.fromkeys("ー‐‑‒–—―−～〜", "-"))
_PHONE_SEPARATORS = re.compile(r"\s*(?:[/,;、，；]|\n)\s*")


def parse_phones(value: object, *, regions: Iterable[str | None]) -> list[str]:
    """Parse one or more phone numbers into E.164, trying each default region in turn.

    A number written without a country code is tried against the patient's country
    of residence, then nationality, then Japan (patients often give the Japanese
    number they use during their stay). Among the regions where the number is valid,
    the first where it is a mobile number wins, because 090-1234-5678 is a Japanese
    mobile number but also a valid landline number in China. Without a mobile match,
    the first region where it is valid wins.
    """
    text = normalize_text(value)
    if text is None:
        raise CellError("invalid_phone")
    candidates = [region for region in regions if region]
    candidates.append("JP")

    numbers = []
    for part in _PHONE_SEPARATORS.split(text.translate(_HYPHEN_LIKE)):
        if part:
            numbers.append(_parse_phone(part, candidates))
    return list(dict.fromkeys(numbers))


_MOBILE_TYPES = frozenset(
    {phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE}
)


def _parse_phone(text: str, regions: list[str]) -> str:
    valid = []
    # A number with its country code parses the same in every region.
    candidates = [None] if text.startswith("+") else list(dict.fromkeys(regions))
    for region in candidates:
        try:
            number = phonenumbers.parse(text, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            valid.append(number)
    if not valid:
        raise CellError("invalid_phone")

    mobile = [number for number in valid if phonenumbers.number_type(number) in _MOBILE_TYPES]
    chosen = (mobile or valid)[0]
    return phonenumbers.format_number(chosen, phonenumbers.PhoneNumberFormat.E164)


# --- Names -------------------------------------------------------------------------------


def split_full_name(full_name: str, passport_name: str | None = None) -> tuple[str, str | None]:
    """Split a single name cell into family and given name.

    A passport name lists the family name first. When it has the same words as the
    name cell in another order ("Ahmed Hassan" beside "HASSAN AHMED"), the name cell
    is split where that order says. Otherwise the split is at the first space.
    The text is already NFKC-normalised, so a full-width space is a plain space here.
    Without a space the whole text is the family name and the given name is None.
    """
    words = full_name.split(" ")
    if passport_name is not None and len(words) > 1:
        passport_words = [_latin_word(word) for word in passport_name.split()]
        plain = [_latin_word(word) for word in words]
        for given_count in range(1, len(words)):
            if plain[given_count:] + plain[:given_count] == passport_words:
                return " ".join(words[given_count:]), " ".join(words[:given_count])

    family, _, given = full_name.partition(" ")
    return family, (given or None)


def _latin_word(word: str) -> str:
    """Return a name word without diacritics or case, for comparing spellings of one name."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
