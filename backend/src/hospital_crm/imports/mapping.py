"""Map sheet headers to patient and case fields.

Headers are matched after NFKC, case folding and removal of spaces and punctuation,
so "Ｅ－ｍａｉｌ", "e-mail" and "EMAIL" are the same header. An explicit mapping
({"header": "field"} or {"header": null}) overrides the automatic one. A column that
maps to no field is kept in the patient's custom_fields under its header text.
"""

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum

from openpyxl.utils import get_column_letter

from hospital_crm.imports.parsing import Cell
from hospital_crm.imports.values import normalize_key


class ImportField(StrEnum):
    FULL_NAME = "full_name"
    FAMILY_NAME = "family_name"
    GIVEN_NAME = "given_name"
    NAME_KANA = "name_kana"
    NAME_KANA_FAMILY = "name_kana_family"
    NAME_KANA_GIVEN = "name_kana_given"
    NAME_LATIN = "name_latin"
    NATIONALITY = "nationality"
    COUNTRY_OF_RESIDENCE = "country_of_residence"
    DATE_OF_BIRTH = "date_of_birth"
    SEX = "sex"
    PHONE = "phone"
    EMAIL = "email"
    PASSPORT_NUMBER = "passport_number"
    DEPARTMENT = "department"
    REFERRING_PARTNER = "referring_partner"
    RECEIVED_DATE = "received_date"
    STAGE = "stage"
    NOTES = "notes"
    MEDICAL_SUMMARY = "medical_summary"
    ALLERGIES = "allergies"


# Fields that may come from several columns: the values are combined, not overwritten.
MULTI_COLUMN_FIELDS = frozenset({ImportField.PHONE, ImportField.NOTES})

_SYNONYMS: dict[ImportField, tuple[str, ...]] = {
    ImportField.FULL_NAME: (
        "氏名",
        "名前",
        "お名前",
        "患者名",
        "患者氏名",
        "姓名",
        "name",
        "full name",
        "patient name",
    ),
    ImportField.FAMILY_NAME: ("姓", "氏", "苗字", "名字", "family name", "last name", "surname"),
    ImportField.GIVEN_NAME: ("名", "given name", "first name", "forename"),
    ImportField.NAME_KANA: (
        "フリガナ",
        "ふりがな",
        "カナ",
        "カナ氏名",
        "氏名カナ",
        "氏名フリガナ",
        "kana",
        "furigana",
        "name kana",
    ),
    ImportField.NAME_KANA_FAMILY: ("セイ", "姓フリガナ", "姓カナ", "family name kana"),
    ImportField.NAME_KANA_GIVEN: ("メイ", "名フリガナ", "名カナ", "given name kana"),
    ImportField.NAME_LATIN: (
        "ローマ字",
        "ローマ字氏名",
        "氏名ローマ字",
        "パスポート表記",
        "氏名パスポート表記",
        "英字氏名",
        "romaji",
        "passport name",
        "name in passport",
        "name as in passport",
        "latin name",
        "english name",
    ),
    ImportField.NATIONALITY: ("国籍", "國籍", "nationality", "citizenship"),
    ImportField.COUNTRY_OF_RESIDENCE: (
        "居住国",
        "在住国",
        "国",
        "country of residence",
        "residence",
        "country",
    ),
    ImportField.DATE_OF_BIRTH: (
        "生年月日",
        "出生日期",
        "誕生日",
        "date of birth",
        "dob",
        "birthday",
        "birth date",
        "birthdate",
    ),
    ImportField.SEX: ("性別", "性别", "sex", "gender"),
    ImportField.PHONE: (
        "電話番号",
        "电话",
        "電話號碼",
        "電話",
        "携帯",
        "携帯電話",
        "携帯番号",
        "連絡先電話番号",
        "tel",
        "phone",
        "phone number",
        "telephone",
        "mobile",
        "mobile phone",
    ),
    ImportField.EMAIL: (
        "メール",
        "邮箱",
        "電子郵件",
        "メールアドレス",
        "eメール",
        "email",
        "e-mail",
        "mail",
        "email address",
    ),
    ImportField.PASSPORT_NUMBER: (
        "パスポート番号",
        "护照号码",
        "護照號碼",
        "旅券番号",
        "passport",
        "passport no",
        "passport number",
    ),
    ImportField.DEPARTMENT: ("希望診療科", "診療科", "department", "dept", "specialty"),
    ImportField.REFERRING_PARTNER: (
        "紹介元",
        "紹介者",
        "仲介業者",
        "エージェント",
        "referrer",
        "partner",
        "referring partner",
        "agency",
    ),
    ImportField.RECEIVED_DATE: (
        "受付日",
        "問い合わせ日",
        "問合せ日",
        "受付日時",
        "received",
        "received date",
        "inquiry date",
        "date received",
    ),
    ImportField.STAGE: ("ステータス", "状態", "進捗", "ステージ", "status", "stage"),
    ImportField.NOTES: (
        "備考",
        "メモ",
        "特記事項",
        "备注",
        "備註",
        "notes",
        "remarks",
        "memo",
        "note",
        "comments",
    ),
}

_SYNONYMS[ImportField.MEDICAL_SUMMARY] = (
    "病歴",
    "病歴概要",
    "既往歴",
    "medical summary",
    "medical history",
)
_SYNONYMS[ImportField.ALLERGIES] = ("アレルギー", "allergies", "allergy", "过敏")

_HEADER_LOOKUP: dict[str, ImportField] = {
    normalize_key(synonym): field for field, synonyms in _SYNONYMS.items() for synonym in synonyms
}

_PARENTHESISED = re.compile(r"\(.*?\)")

# Header of the reason column in a downloaded rejects file. The importer ignores a
# column with this header, so a fixed rejects file can be imported again as it is.
REJECT_REASON_HEADER = "取込エラー / Import error"
# Columns of this product's own patient export that describe the stored record rather
# than the patient. Importing an export ignores them, so they never become custom fields.
EXPORT_ONLY_HEADERS = (
    "患者ID",
    "Patient ID",
    "登録日時",
    "登録日時（JST）",
    "Created at",
    "更新日時",
    "Updated at",
)

_IGNORED_KEYS = frozenset(
    normalize_key(header) for header in (REJECT_REASON_HEADER, *EXPORT_ONLY_HEADERS)
)

# Rows searched for the header: Japanese sheets often start with a title line.
HEADER_SEARCH_ROWS = 10


class MappingError(ValueError):
    """A header row or a mapping the import cannot use, with the API's field error code."""

    def __init__(self, message: str, code: str = "invalid_mapping") -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Column:
    """One sheet column: its header as written and the field it feeds.

    field is None for a column kept in custom_fields (custom=True) or ignored on
    purpose through an explicit null mapping (custom=False).
    """

    index: int
    header: str
    field: ImportField | None
    source: str  # "auto", "explicit" or "unmapped"

    @property
    def custom(self) -> bool:
        return self.field is None and self.source == "unmapped"


def match_header(header: str) -> ImportField | None:
    key = normalize_key(header)
    if field := _HEADER_LOOKUP.get(key):
        return field
    # 生年月日（西暦） or 電話番号 (携帯): try again without the parenthesised note.
    without_note = _PARENTHESISED.sub("", unicodedata.normalize("NFKC", header))
    return _HEADER_LOOKUP.get(normalize_key(without_note))


def header_text(value: Cell, index: int) -> str:
    text = " ".join(unicodedata.normalize("NFKC", str(value)).split()) if value is not None else ""
    return text or f"column {get_column_letter(index + 1)}"


def parse_explicit_mapping(raw: Mapping[str, object]) -> dict[str, ImportField | None]:
    """Validate a user mapping {"header": "field" | null}; raises MappingError."""
    mapping: dict[str, ImportField | None] = {}
    for header, target in raw.items():
        if target is None:
            mapping[normalize_key(header)] = None
            continue
        try:
            mapping[normalize_key(header)] = ImportField(str(target))
        except ValueError:
            valid = ", ".join(field.value for field in ImportField)
            raise MappingError(
                f"Unknown field {target!r} for column {header!r}: use one of {valid} or null"
            ) from None
    return mapping


def build_columns(
    headers: Iterable[Cell], explicit: Mapping[str, ImportField | None] | None = None
) -> list[Column]:
    """Assign each header a field; a field taken twice keeps its first column only."""
    explicit = explicit or {}
    columns: list[Column] = []
    taken: set[ImportField] = set()

    for index, value in enumerate(headers):
        header = header_text(value, index)
        key = normalize_key(header)
        if key in explicit:
            field, source = explicit[key], "explicit"
        elif key in _IGNORED_KEYS:
            field, source = None, "explicit"
        else:
            field, source = match_header(header), "auto"
        if field is not None and field in taken and field not in MULTI_COLUMN_FIELDS:
            field, source = None, "unmapped"
        if field is None and source == "auto":
            source = "unmapped"
        if field is not None:
            taken.add(field)
        columns.append(Column(index=index, header=header, field=field, source=source))
    return columns


def is_blank(cells: list[Cell]) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells)


@dataclass
class HeaderSearch:
    """The header row, the title rows above it, and data rows read while searching."""

    row_number: int
    cells: list[Cell]
    title_rows: list[int]
    pending_rows: list[tuple[int, list[Cell]]]


def find_header(
    rows: Iterator[tuple[int, list[Cell]]], explicit: Mapping[str, ImportField | None] | None = None
) -> HeaderSearch:
    """Find the header row among the first non-blank rows.

    The header is the first row in which at least two cells name a known field or a
    column of the explicit mapping, and rows above it are title rows. When no row
    within HEADER_SEARCH_ROWS qualifies, the first non-blank row is the header. The
    other rows read are then handed back as data, so none is lost. Raises
    MappingError for a sheet without any non-blank row.
    """
    explicit = explicit or {}
    looked_at: list[tuple[int, list[Cell]]] = []
    for row_number, cells in rows:
        if is_blank(cells):
            continue
        looked_at.append((row_number, cells))
        if _known_header_count(cells, explicit) >= 2:
            titles = [number for number, _ in looked_at[:-1]]
            return HeaderSearch(row_number, cells, titles, [])
        if len(looked_at) >= HEADER_SEARCH_ROWS:
            break
    if not looked_at:
        raise MappingError("The sheet is empty: it has no header row", code="empty_sheet")
    first_number, first_cells = looked_at[0]
    return HeaderSearch(first_number, first_cells, [], looked_at[1:])


def _known_header_count(cells: list[Cell], explicit: Mapping[str, ImportField | None]) -> int:
    count = 0
    for index, cell in enumerate(cells):
        if cell is None:
            continue
        header = header_text(cell, index)
        if normalize_key(header) in explicit or match_header(header) is not None:
            count += 1
    return count
