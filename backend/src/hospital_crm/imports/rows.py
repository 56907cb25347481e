"""Turn one sheet row into patient and case values, or into a list of reasons."""

import datetime as dt
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils.datetime import WINDOWS_EPOCH

from hospital_crm.imports.countries import parse_country
from hospital_crm.imports.mapping import Column, ImportField
from hospital_crm.imports.parsing import Cell
from hospital_crm.imports.reasons import RowError
from hospital_crm.imports.values import (
    CellError,
    check_characters,
    normalize_key,
    normalize_text,
    parse_birth_date,
    parse_date,
    parse_email,
    parse_phones,
    parse_sex,
    show_invisible_characters,
    split_full_name,
    strip_formula_guard,
)

# Case stages with their labels in the glossary's three languages; a status cell
# may hold the identifier or any label.
STAGE_LABELS: dict[str, tuple[str, ...]] = {
    "inquiry_received": ("問い合わせ受付", "問合せ受付", "Inquiry received", "已收到咨询", "受付"),
    "records_received": ("診療情報受領", "Medical records received", "已收到病历"),
    "doctor_review": ("医師確認（受入可否）", "医師確認", "受入可否", "Doctor review", "医生审核"),
    "quote_sent": ("見積提示", "Quote sent", "已发送报价"),
    "accepted": ("受入決定", "Accepted", "已确认接收"),
    "visa_travel": ("ビザ・渡航手配", "ビザ手配", "渡航手配", "Visa and travel", "签证与行程"),
    "in_treatment": ("治療中", "In treatment", "治疗中"),
    "returned_home": ("帰国", "Returned home", "已回国"),
    "follow_up": ("フォローアップ", "Follow-up", "随访"),
    "closed": ("完了", "Closed", "已完成"),
    "lost": ("失注", "Lost", "未成交"),
    "cancelled": ("キャンセル", "Cancelled", "Canceled", "已取消"),
}

# Maximum lengths of the text fields, matching the patient table's columns for the
# names and the patient API's schema (patients/schemas.py) for the long text fields.
TEXT_LIMITS = {
    ImportField.FAMILY_NAME: 200,
    ImportField.GIVEN_NAME: 200,
    ImportField.NAME_KANA: 300,
    ImportField.NAME_LATIN: 300,
    ImportField.PASSPORT_NUMBER: 20,
    ImportField.MEDICAL_SUMMARY: 20_000,
    ImportField.ALLERGIES: 5_000,
    ImportField.NOTES: 20_000,
}


class NameIndex:
    """Lookup of named records (departments, partners) by any of their names, NFKC-folded."""

    def __init__(self, entries: Iterable[tuple[Any, Iterable[str | None]]]) -> None:
        self._ids: dict[str, Any] = {}
        for record_id, names in entries:
            for name in names:
                if name:
                    self._ids.setdefault(normalize_key(name), record_id)

    def get(self, name: str) -> Any | None:
        return self._ids.get(normalize_key(name))


def stage_index() -> NameIndex:
    return NameIndex((stage, (stage, *labels)) for stage, labels in STAGE_LABELS.items())


@dataclass
class Lookups:
    departments: NameIndex
    partners: NameIndex
    stages: NameIndex = field(default_factory=stage_index)


@dataclass
class ParsedRow:
    row_number: int
    cells: list[Cell]
    patient: dict[str, Any] = field(default_factory=dict)
    case: dict[str, Any] | None = None
    errors: list[RowError] = field(default_factory=list)
    # Patient attribute -> header of the column it came from, to name it in a rejection.
    sources: dict[str, str] = field(default_factory=dict)

    @property
    def rejected(self) -> bool:
        return bool(self.errors)


class RowParser:
    """Parse data rows with a fixed column mapping and fixed lookups."""

    def __init__(
        self,
        columns: list[Column],
        lookups: Lookups,
        *,
        today: dt.date,
        epoch: dt.datetime = WINDOWS_EPOCH,
        create_cases: bool | None = None,
    ) -> None:
        self.columns = columns
        self.lookups = lookups
        self.today = today
        self.epoch = epoch
        mapped = {column.field for column in columns if column.field is not None}
        self.create_cases = (ImportField.STAGE in mapped) if create_cases is None else create_cases
        self.name_column = next(
            (
                column.header
                for column in columns
                if column.field in (ImportField.FULL_NAME, ImportField.FAMILY_NAME)
            ),
            "氏名",
        )

    def parse(self, row_number: int, cells: list[Cell]) -> ParsedRow:
        row = ParsedRow(row_number=row_number, cells=cells)
        values: dict[ImportField, list[tuple[Column, Cell]]] = {}
        custom: dict[str, str] = {}

        for column in self.columns:
            cell = cells[column.index] if column.index < len(cells) else None
            if _is_empty(cell) or (column.field is None and not column.custom):
                continue
            _check_cell_characters(row, column.header, cell)
            if column.field is not None:
                values.setdefault(column.field, []).append((column, cell))
            elif column.custom:
                custom[column.header] = _cell_as_text(cell)
        for extra_index in range(len(self.columns), len(cells)):
            header = f"column {extra_index + 1}"
            cell = cells[extra_index]
            if not _is_empty(cell):
                _check_cell_characters(row, header, cell)
                custom[header] = _cell_as_text(cell)

        row.sources = _attribute_sources(values)
        self._parse_names(row, values)
        self._parse_patient_values(row, values)
        self._check_lengths(row, values)
        self._parse_case_values(row, values)
        if custom:
            row.patient["custom_fields"] = custom
        return row

    def _parse_names(self, row: ParsedRow, values: Mapping[ImportField, list]) -> None:
        patient = row.patient
        family = _first_text(values, ImportField.FAMILY_NAME)
        given = _first_text(values, ImportField.GIVEN_NAME)
        full = _first_text(values, ImportField.FULL_NAME)
        latin = _first_text(values, ImportField.NAME_LATIN)
        if family is None and given is None and full is not None:
            family, given = split_full_name(full, latin)
        if family is None and given is None and latin is not None:
            family, given = split_full_name(latin)
        if family is None and given is None:
            row.errors.append(RowError("missing_name", self.name_column))
            return

        patient["family_name"] = family or ""
        patient["given_name"] = given
        if latin is not None:
            patient["name_latin"] = latin.upper()
        kana = _first_text(values, ImportField.NAME_KANA)
        kana_parts = [
            _first_text(values, ImportField.NAME_KANA_FAMILY),
            _first_text(values, ImportField.NAME_KANA_GIVEN),
        ]
        if kana is None and any(kana_parts):
            kana = "　".join(part for part in kana_parts if part)
        if kana is not None:
            patient["name_kana"] = kana

    def _check_lengths(self, row: ParsedRow, values: Mapping[ImportField, list]) -> None:
        for field_name, limit in TEXT_LIMITS.items():
            target = field_name.value
            text = row.patient.get(target)
            if isinstance(text, str) and len(text) > limit:
                column = (
                    values[field_name][0][0].header if field_name in values else self.name_column
                )
                row.errors.append(
                    RowError("value_too_long", column, text[:40], (("max_length", limit),))
                )

    def _parse_patient_values(self, row: ParsedRow, values: Mapping[ImportField, list]) -> None:
        patient = row.patient
        self._convert(row, values, ImportField.NATIONALITY, "nationality", parse_country)
        self._convert(
            row, values, ImportField.COUNTRY_OF_RESIDENCE, "country_of_residence", parse_country
        )
        self._convert(
            row,
            values,
            ImportField.DATE_OF_BIRTH,
            "date_of_birth",
            lambda cell: parse_birth_date(cell, today=self.today, epoch=self.epoch),
        )
        self._convert(row, values, ImportField.SEX, "sex", parse_sex)
        self._convert(row, values, ImportField.EMAIL, "email", parse_email)

        regions = (patient.get("country_of_residence"), patient.get("nationality"))
        phones: list[str] = []
        for column, cell in values.get(ImportField.PHONE, []):
            try:
                phones.extend(parse_phones(cell, regions=regions))
            except CellError as error:
                row.errors.append(RowError(error.code, column.header, _cell_as_text(cell)))
        if phones:
            patient["phones"] = list(dict.fromkeys(phones))

        passport = _first_text(values, ImportField.PASSPORT_NUMBER)
        if passport is not None:
            patient["passport_number"] = passport.replace(" ", "").upper()
        for sensitive in (ImportField.MEDICAL_SUMMARY, ImportField.ALLERGIES):
            if sensitive in values:
                patient[sensitive.value] = _cell_as_text(values[sensitive][0][1])
        notes = [_cell_as_text(cell) for _, cell in values.get(ImportField.NOTES, [])]
        if notes:
            patient["notes"] = "\n".join(notes)

        partner = values.get(ImportField.REFERRING_PARTNER)
        if partner:
            column, cell = partner[0]
            partner_id = self.lookups.partners.get(_cell_as_text(cell))
            if partner_id is None:
                row.errors.append(RowError("unknown_partner", column.header, _cell_as_text(cell)))
            else:
                patient["referring_partner_id"] = partner_id

    def _parse_case_values(self, row: ParsedRow, values: Mapping[ImportField, list]) -> None:
        if not self.create_cases:
            return
        case: dict[str, Any] = {"stage": "inquiry_received"}
        stage = values.get(ImportField.STAGE)
        if stage:
            column, cell = stage[0]
            stage_id = self.lookups.stages.get(_cell_as_text(cell))
            if stage_id is None:
                row.errors.append(RowError("unknown_status", column.header, _cell_as_text(cell)))
            else:
                case["stage"] = stage_id

        department = values.get(ImportField.DEPARTMENT)
        if department:
            column, cell = department[0]
            department_id = self.lookups.departments.get(_cell_as_text(cell))
            if department_id is None:
                row.errors.append(
                    RowError("unknown_department", column.header, _cell_as_text(cell))
                )
            else:
                case["department_id"] = department_id

        received = values.get(ImportField.RECEIVED_DATE)
        if received:
            column, cell = received[0]
            try:
                case["received_date"] = parse_date(cell, epoch=self.epoch)
            except CellError as error:
                row.errors.append(RowError(error.code, column.header, _cell_as_text(cell)))
        if "referring_partner_id" in row.patient:
            case["referring_partner_id"] = row.patient["referring_partner_id"]
        row.case = case

    def _convert(
        self,
        row: ParsedRow,
        values: Mapping[ImportField, list],
        source: ImportField,
        target: str,
        parser: Any,
    ) -> None:
        found = values.get(source)
        if not found:
            return
        column, cell = found[0]
        try:
            row.patient[target] = parser(cell)
        except CellError as error:
            row.errors.append(RowError(error.code, column.header, _cell_as_text(cell)))


_ATTRIBUTES_OF_FIELD = {
    ImportField.FULL_NAME: ("family_name", "given_name"),
    ImportField.PHONE: ("phones",),
    ImportField.REFERRING_PARTNER: ("referring_partner_id",),
    ImportField.NAME_KANA_FAMILY: ("name_kana",),
    ImportField.NAME_KANA_GIVEN: ("name_kana",),
}


def _attribute_sources(values: Mapping[ImportField, list]) -> dict[str, str]:
    sources: dict[str, str] = {}
    for import_field, found in values.items():
        for attribute in _ATTRIBUTES_OF_FIELD.get(import_field, (import_field.value,)):
            sources.setdefault(attribute, found[0][0].header)
    return sources


def _check_cell_characters(row: ParsedRow, header: str, cell: Cell) -> None:
    """Reject the row when a cell has a bidi control or a control character."""
    try:
        check_characters(cell)
    except CellError as error:
        value = show_invisible_characters(_cell_as_text(cell))
        row.errors.append(RowError(error.code, header, value, tuple(error.params.items())))


def _is_empty(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _cell_as_text(cell: Cell) -> str:
    if isinstance(cell, str):
        cell = strip_formula_guard(cell)
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat() if cell.time() == dt.time() else cell.isoformat()
    if isinstance(cell, dt.date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return unicodedata.normalize("NFC", str(cell)).strip()


def _first_text(values: Mapping[ImportField, list], field_name: ImportField) -> str | None:
    found = values.get(field_name)
    return normalize_text(found[0][1]) if found else None
