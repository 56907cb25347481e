"""Search terms for patients and search prefixes for what staff type.

A search term is a short normalised string stored in ``patient_search_terms(patient_id,
term)``. The patient service finds a patient when one of its terms starts with a prefix
derived from the query, using a btree range scan, so no encrypted column is decrypted or
scanned. This module decides both sides: `build_name_terms` and `build_contact_terms`
produce the terms, and `parse_query` turns a query into prefixes.

NOTE: the range's upper bound must be the prefix followed by U+10FFFF. With U+FFFF, a term
whose next character lies outside the BMP (太郎𠮷田 for the prefix 太郎) sorts above the
bound in SQLite and in PostgreSQL's C collation, and is missed.

Each normalisation runs on the stored names and on the query alike. The folding is
symmetric because a spelling folds to the same string whether it was stored or typed, so
``Satō``, ``Sato``, ``Satou`` and ``SATOH`` all become ``sato`` and match one another.

Forms produced for one name part or query token:

- written: NFKC, case-folded, punctuation removed. Hiragana and half-width katakana become
  full-width katakana, Han characters stay as they are, and Latin text is folded as below.
- kana: the Japanese reading in katakana (pykakasi), for tokens with kana or kanji.
- romaji: the Japanese reading in Hepburn romaji, folded like Latin text.
- pinyin: toneless pinyin (pypinyin) of a token made only of Han characters, folded like
  Latin text, because the same characters may be a Chinese name.

Hangul, Cyrillic and other scripts keep only their written form, so such patients are
found by the characters as written or by their passport (Latin) name.
"""

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import jaconv
import phonenumbers
import pykakasi
from pypinyin import Style, lazy_pinyin
from unidecode import unidecode

MAX_TERM_LENGTH = 64

# A one-letter reading of a single kanji (王 -> "o") would match every patient whose name
# starts with that letter, so shorter romaji and pinyin readings of Han queries are dropped.
_MIN_HAN_READING_LENGTH = 2

_MIN_PHONE_DIGITS = 6
_PASSPORT_LENGTHS = range(6, 21)
# About 250 bytes per cached token (measured with tracemalloc), so about 5 MB when full.
_TOKEN_CACHE_SIZE = 20_000

# Applied after NFKC, which already maps the full-width space, comma and equals sign and
# the half-width middle dot to these characters.
_QUERY_SEPARATORS = re.compile(r"[\s,、・·=゠]+")
# Stored names are also split on hyphens so "Jean-Pierre" gives "jean" and "pierre". A
# query keeps its hyphens, which folding removes, so "jean-pierre" matches "jeanpierre".
_NAME_SEPARATORS = re.compile(r"[\s,、・·=゠\-‐‑]+")
_PASSPORT_SEPARATORS = re.compile(r"[\s\-‐‑‒–—−]+")

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f々〆]")
_KANA = re.compile(r"[\u3041-\u309f\u30a1-\u30ff\u31f0-\u31ff]")
_HEPBURN = re.compile(r"[a-z']+")
_PINYIN_SYLLABLE = re.compile(r"[a-zü]+")
_PHONE_LIKE = re.compile(r"[0-9+\-().\s]+")
_PASSPORT_LIKE = re.compile(r"[A-Za-z0-9\s\-]+")
_NON_ALPHANUMERIC = re.compile(r"[^a-z0-9]")
_NON_DIGIT = re.compile(r"\D")
_WHITESPACE = re.compile(r"\s+")

# Long vowels, folded after diacritics are stripped (ō -> o): "ou" and "oo" become "o" and
# "uu" becomes "u". The passport spelling "oh" before a consonant or at the end becomes "o"
# (SATOH -> sato, OHNO -> ono), but Ohashi keeps its h because a vowel follows.
_O_LONG = re.compile(r"o[ou]+")
_U_LONG = re.compile(r"uu+")
_OH_LONG = re.compile(r"oh(?![aeiou])")
# Japanese passports write ン as "m" before b, m and p (HOMMA, NAMBA) while the kana
# reading gives "n" (honma, nanba), so the fold writes "n" there.
_NASAL_M = re.compile(r"m(?=[bmp])")

_KINDS = ("written", "kana", "romaji", "pinyin")


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """Prefixes derived from one search query.

    A patient matches when every group has at least one prefix that some term of the
    patient starts with, or when one of the patient's terms starts with a prefix in
    `whole`. A query without searchable characters has no groups and no whole prefixes.
    That rule would match every patient then, so callers decide what such a query means.
    """

    groups: tuple[frozenset[str], ...]
    whole: frozenset[str]
    passport: str | None


@dataclass(frozen=True, slots=True)
class _TokenForms:
    """Normalised forms of one name part or query token. A form that does not apply is None."""

    written: str
    kana: str | None
    romaji: str | None
    pinyin: str | None
    has_han: bool
    # Latin spellings before the m -> n fold, so "cam" still finds Campbell ("canpbell").
    unfolded_nasal: str | None = None

    def all_forms(self) -> set[str]:
        forms = {self.written, self.kana, self.romaji, self.pinyin, self.unfolded_nasal}
        return {form for form in forms if form}


def build_name_terms(
    *,
    family_name: str | None,
    given_name: str | None,
    name_latin: str | None,
    name_kana: str | None,
) -> set[str]:
    """Build the search terms of a patient's names.

    Each part (every token of each field) gives its written, kana, romaji and pinyin forms.
    A field with several tokens also gives their concatenation in the written order and
    rotated by one token both ways. Family and given name give their concatenation in both
    orders in each form, so 佐藤 + 花子 yields 佐藤花子, サトウハナコ, satohanako and
    hanakosato.
    """
    family = _name_tokens(family_name)
    given = _name_tokens(given_name)

    terms: set[str] = set()
    for tokens in (family, given, _name_tokens(name_latin), _name_tokens(name_kana)):
        terms |= _field_terms(tokens)

    if family and given:
        for kind in _KINDS:
            family_form = _joined(family, kind)
            given_form = _joined(given, kind)
            if family_form and given_form:
                terms.add(family_form + given_form)
                terms.add(given_form + family_form)

    return _clipped(terms)


def build_contact_terms(*, email: str | None, phones_e164: Sequence[str]) -> set[str]:
    """Build the search terms of a patient's email address and phone numbers.

    The email address is one case-folded term. A phone number gives its international
    digits (819012345678), its national significant number (9012345678) and, where the
    country dials a trunk prefix, its national digits (09012345678), so a query typed in
    any of those formats is a prefix of one term.
    """
    terms: set[str] = set()
    if email:
        terms.add(_normalize_email(email))
    for phone in phones_e164:
        terms |= _phone_terms(phone)

    return _clipped(terms)


def parse_query(q: str) -> SearchQuery:
    """Turn a search query into prefixes to look up in the search terms.

    A query with "@" is one email prefix. A query made of digits and phone punctuation with
    at least six digits is one group of digit prefixes. Any other query is split on spaces,
    commas and middle dots into tokens, and each token becomes one group holding its
    normalised forms. A query of 6 to 20 Latin letters and digits with at least one digit
    also sets `passport`.
    """
    text = unicodedata.normalize("NFKC", q).strip()
    passport = _passport_candidate(text)

    if "@" in text:
        email = frozenset(_clipped({_normalize_email(text)}))
        return SearchQuery(groups=(email,), whole=email, passport=passport)

    if _looks_like_phone(text):
        digits = frozenset(_clipped(_phone_query_prefixes(text)))
        return SearchQuery(groups=(digits,), whole=digits, passport=passport)

    folded = text.casefold()
    groups = [_query_alternatives(token) for token in _QUERY_SEPARATORS.split(folded)]
    whole = _query_alternatives(_QUERY_SEPARATORS.sub("", folded))
    return SearchQuery(
        groups=tuple(group for group in groups if group), whole=whole, passport=passport
    )


def normalize_passport_number(value: str) -> str:
    """Normalise a passport number: NFKC, upper case, spaces and hyphens removed.

    Raises ValueError when nothing remains.
    """
    normalized = _PASSPORT_SEPARATORS.sub("", unicodedata.normalize("NFKC", value)).upper()
    if not normalized:
        raise ValueError(
            f"invalid passport number {value!r}: it is empty without spaces and hyphens"
        )
    return normalized


def _name_tokens(value: str | None) -> list[_TokenForms]:
    if not value:
        return []
    text = unicodedata.normalize("NFKC", value).casefold()
    tokens = (_token_forms(part) for part in _NAME_SEPARATORS.split(text))
    return [token for token in tokens if token is not None]


def _field_terms(tokens: list[_TokenForms]) -> set[str]:
    terms: set[str] = set()
    for token in tokens:
        terms |= token.all_forms()
    if len(tokens) < 2:
        return terms

    orderings = (tokens, tokens[1:] + tokens[:1], tokens[-1:] + tokens[:-1])
    for ordering in orderings:
        for kind in _KINDS:
            joined = _joined(ordering, kind)
            if joined:
                terms.add(joined)
    return terms


def _joined(tokens: Iterable[_TokenForms], kind: str) -> str | None:
    forms = [getattr(token, kind) for token in tokens]
    if not forms or not all(forms):
        return None
    return "".join(forms)


def _query_alternatives(token: str) -> frozenset[str]:
    forms = _token_forms(token)
    if forms is None:
        return frozenset()

    alternatives = {forms.written, forms.kana}
    for reading in (forms.romaji, forms.pinyin):
        is_long_enough = not forms.has_han or len(reading or "") >= _MIN_HAN_READING_LENGTH
        if is_long_enough:
            alternatives.add(reading)
    return frozenset(_clipped({form for form in alternatives if form}))


@functools.lru_cache(maxsize=_TOKEN_CACHE_SIZE)
def _token_forms(token: str) -> _TokenForms | None:
    """Compute the forms of one NFKC-normalised, case-folded token without separators.

    Cached because an import meets the same family and given names many times.
    """
    if _HAN.search(token) or _KANA.search(token):
        return _japanese_token_forms(token)
    if _is_latin(token):
        return _latin_token_forms(token)

    written = _word_characters(token)
    if not written:
        return None
    return _TokenForms(written=written, kana=None, romaji=None, pinyin=None, has_han=False)


def _japanese_token_forms(token: str) -> _TokenForms | None:
    # ー stays as written, so サトー and サトウ meet only through their romaji (sato).
    written = jaconv.hira2kata(_word_characters(token))
    if not written:
        return None

    kana = romaji = None
    reading = _japanese_reading(written)
    if reading is not None:
        kana, hepburn = reading
        romaji = _fold_latin(hepburn) or None

    pinyin = _toneless_pinyin(written)
    return _TokenForms(
        written=written,
        kana=kana,
        romaji=romaji,
        pinyin=_fold_latin(pinyin) if pinyin else None,
        has_han=_HAN.search(written) is not None,
    )


def _latin_token_forms(token: str) -> _TokenForms | None:
    unfolded = _fold_long_vowels(_strip_latin(token))
    folded = _NASAL_M.sub("n", unfolded)
    if not folded:
        return None

    return _TokenForms(
        written=folded,
        kana=None,
        romaji=folded,
        pinyin=folded,
        has_han=False,
        unfolded_nasal=unfolded if unfolded != folded else None,
    )


@functools.cache
def _kakasi() -> pykakasi.kakasi:
    # Loading the dictionaries takes about 0.4 s, so it happens on first use only.
    return pykakasi.kakasi()


def hepburn_reading(text: str) -> str | None:
    """Return the Hepburn reading of Japanese text in lower case (long vowels written out,
    as in "satou"), or None if a character has no reading."""
    reading = _japanese_reading(text)
    return reading[1] if reading is not None else None


def _japanese_reading(text: str) -> tuple[str, str] | None:
    """Return the katakana and Hepburn reading of text, or None if a character has none.

    pykakasi returns an empty or bracketed reading for characters it does not know
    (simplified Chinese such as 吕, a lone 々), and a partial reading would mislead.
    """
    hiragana: list[str] = []
    hepburn: list[str] = []
    for segment in _kakasi().convert(text):
        if not _HEPBURN.fullmatch(segment["hepburn"]):
            return None
        hiragana.append(segment["hira"])
        hepburn.append(segment["hepburn"])
    return jaconv.hira2kata("".join(hiragana)), "".join(hepburn)


def _toneless_pinyin(text: str) -> str | None:
    if not all(_HAN.fullmatch(character) for character in text):
        return None
    syllables = lazy_pinyin(text, style=Style.NORMAL, v_to_u=True)
    if not all(_PINYIN_SYLLABLE.fullmatch(syllable) for syllable in syllables):
        return None
    return "".join(syllables)


def _fold_latin(text: str) -> str:
    """Fold Latin text: no diacritics, lower case, letters and digits only, long vowels and
    the passport "m" before b/m/p folded."""
    return _NASAL_M.sub("n", _fold_long_vowels(_strip_latin(text)))


def _strip_latin(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    without_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # unidecode covers letters without a decomposition: đ -> d, ø -> o, ß -> ss.
    return _NON_ALPHANUMERIC.sub("", unidecode(without_marks).casefold())


def _fold_long_vowels(text: str) -> str:
    text = _O_LONG.sub("o", text)
    text = _U_LONG.sub("u", text)
    return _OH_LONG.sub("o", text)


def _is_latin(token: str) -> bool:
    letters = (ch for ch in token if ch.isalpha())
    return all(ch.isascii() or unicodedata.name(ch, "").startswith("LATIN") for ch in letters)


def _word_characters(text: str) -> str:
    # Letters, combining marks and digits. This keeps ー and 々 (both Lm) and drops dots.
    return "".join(ch for ch in text if unicodedata.category(ch)[0] in "LMN")


def _normalize_email(value: str) -> str:
    return _WHITESPACE.sub("", unicodedata.normalize("NFKC", value)).casefold()


def _phone_terms(phone: str) -> set[str]:
    digits = _NON_DIGIT.sub("", unicodedata.normalize("NFKC", phone))
    try:
        number = phonenumbers.parse(phone, None)
    except phonenumbers.NumberParseException:
        return {digits} if digits else set()

    international = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    terms = {
        _NON_DIGIT.sub("", international),
        phonenumbers.national_significant_number(number),
        _NON_DIGIT.sub("", national),
    }
    return {term for term in terms if term}


def _looks_like_phone(text: str) -> bool:
    digit_count = sum(ch.isdigit() for ch in text)
    return _PHONE_LIKE.fullmatch(text) is not None and digit_count >= _MIN_PHONE_DIGITS


def _phone_query_prefixes(text: str) -> set[str]:
    """Return the digits as typed plus the international digits a leading + or 00 implies.

    The digits as typed cover the national form with its trunk prefix (090...) and the
    international form without + (8190...).
    """
    digits = _NON_DIGIT.sub("", text)
    prefixes = {digits}

    if text.startswith("+"):
        # phonenumbers drops a trunk prefix typed after the country code: +81 (0)90 or
        # +81 090 both become 8190...
        try:
            number = phonenumbers.parse(text, None)
        except phonenumbers.NumberParseException:
            number = None
        if number is not None:
            e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
            prefixes.add(_NON_DIGIT.sub("", e164))
    elif digits.startswith("00"):
        prefixes.add(digits[2:])

    return {prefix for prefix in prefixes if prefix}


def _passport_candidate(text: str) -> str | None:
    if _PASSPORT_LIKE.fullmatch(text) is None:
        return None
    candidate = _PASSPORT_SEPARATORS.sub("", text).upper()
    has_digit = any(ch.isdigit() for ch in candidate)
    if len(candidate) not in _PASSPORT_LENGTHS or not has_digit:
        return None
    return normalize_passport_number(candidate)


def _clipped(values: Iterable[str]) -> set[str]:
    return {value.strip()[:MAX_TERM_LENGTH] for value in values if value and value.strip()}
