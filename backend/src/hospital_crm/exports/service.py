"""Export the patient and case lists, with the list filters in effect, to CSV or XLSX.

The column headers are the ones the importer maps, so an exported patient list can
be imported again as it is. Encrypted fields (passport number, medical summary,
allergies) are exported only to roles that may read them, and every export is one
audit event that names the filters, the format and the encrypted fields included.
"""

import csv
import datetime as dt
import io
import tempfile
import uuid
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import asdict, dataclass, replace
from decimal import Decimal
from enum import StrEnum
from typing import IO, Any, TypeVar
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from sqlalchemy import func, select

from hospital_crm.audit import service as audit
from hospital_crm.cases import service as case_service
from hospital_crm.cases.models import Case, Channel, Priority
from hospital_crm.core.context import Principal
from hospital_crm.core.crypto import FieldCipher
from hospital_crm.core.db import AsyncReadSession, AsyncSession
from hospital_crm.core.errors import ValidationFailed
from hospital_crm.core.pagination import sort_clause
from hospital_crm.core.permissions import Permission
from hospital_crm.departments.models import Department
from hospital_crm.imports.rows import STAGE_LABELS
from hospital_crm.imports.values import neutralize
from hospital_crm.partners.models import Partner
from hospital_crm.patients import service as patient_service
from hospital_crm.patients.models import Patient

# Rows fetched from the database per round trip while streaming.
FETCH_SIZE = 1000
# Characters CP932 cannot hold that are listed in the error, at most.
MAX_REPORTED_CHARACTERS = 20

SEX_LABELS = {"male": "男", "female": "女", "other": "その他", "unknown": "不明"}
# The Japanese labels the screens show (frontend/src/locales/ja.json, "channels", "priority").
CHANNEL_LABELS = {
    Channel.email: "メール",
    Channel.web_form: "Webフォーム",
    Channel.phone: "電話",
    Channel.whatsapp: "WhatsApp",
    Channel.wechat: "WeChat",
    Channel.line: "LINE",
    Channel.partner: "紹介元経由",
    Channel.imported: "取り込み（経路不明）",
}
PRIORITY_LABELS = {
    Priority.low: "低",
    Priority.normal: "通常",
    Priority.high: "高",
    Priority.urgent: "至急",
}
# Timestamps are stored in UTC and exported in the hospital's time zone, with the UTC
# offset in CSV text. An XLSX cell cannot carry an offset, so its header names the zone.
EXPORT_TIME_ZONE = ZoneInfo("Asia/Tokyo")
CREATED_AT_HEADER = "登録日時（JST）"


ListFilters = TypeVar("ListFilters", patient_service.PatientFilters, case_service.CaseFilters)


class ExportFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"


class ExportEncoding(StrEnum):
    utf8_bom = "utf-8-sig"
    cp932 = "cp932"


class UnencodableCharacters(ValidationFailed):
    code = "cp932_unencodable"
    message = "Some characters cannot be written in CP932 (Shift_JIS)."


@dataclass(frozen=True)
class ExportColumn:
    header: str
    value: Callable[[Any], Any]
    # Permission needed to see the column; None for every role that may export.
    permission: Permission | None = None
    # Patient attribute the column reads, named in the audit event of a restricted column.
    field: str | None = None


def _phones(patient: Patient) -> str:
    return " / ".join(phone["number"] for phone in patient.phones or [])


class PatientExport:
    """Column definitions and row values for one patients export."""

    sheet_title = "患者一覧"

    def __init__(
        self,
        principal: Principal,
        cipher: FieldCipher,
        partners: dict[uuid.UUID, str],
        custom_keys: Sequence[str],
    ) -> None:
        self.cipher = cipher

        def decrypt(field: str) -> Callable[[Patient], str | None]:
            def read(patient: Patient) -> str | None:
                stored = getattr(patient, f"{field}_encrypted")
                context = patient_service.encryption_context(patient.id, field)
                return cipher.decrypt(stored, context=context) if stored else None

            return read

        columns = [
            ExportColumn("患者ID", lambda p: str(p.id)),
            ExportColumn("姓", lambda p: p.family_name),
            ExportColumn("名", lambda p: p.given_name),
            ExportColumn("フリガナ", lambda p: p.name_kana),
            ExportColumn("ローマ字氏名", lambda p: p.name_latin),
            ExportColumn("性別", lambda p: SEX_LABELS.get(p.sex.value, "")),
            ExportColumn("生年月日", lambda p: p.date_of_birth),
            ExportColumn("国籍", lambda p: p.nationality),
            ExportColumn("居住国", lambda p: p.country_of_residence),
            ExportColumn("電話番号", _phones),
            ExportColumn("メールアドレス", lambda p: p.email),
            ExportColumn(
                "パスポート番号",
                decrypt("passport_number"),
                Permission.patients_read_identity,
                "passport_number",
            ),
            ExportColumn("紹介元", lambda p: partners.get(p.referring_partner_id)),
            ExportColumn("備考", lambda p: p.notes),
            ExportColumn(
                "病歴概要",
                decrypt("medical_summary"),
                Permission.patients_read_medical,
                "medical_summary",
            ),
            ExportColumn(
                "アレルギー", decrypt("allergies"), Permission.patients_read_medical, "allergies"
            ),
            ExportColumn(CREATED_AT_HEADER, lambda p: p.created_at),
        ]
        columns += [
            ExportColumn(key, lambda p, key=key: (p.custom_fields or {}).get(key))
            for key in custom_keys
        ]
        self.columns = [c for c in columns if c.permission is None or principal.can(c.permission)]

    @property
    def sensitive_fields(self) -> list[str]:
        """Field identifiers of the restricted columns included, for the audit event."""
        return [column.field for column in self.columns if column.field is not None]

    @property
    def headers(self) -> list[str]:
        return [column.header for column in self.columns]

    def values(self, row: Any) -> list[Any]:
        patient = row[0]
        return [column.value(patient) for column in self.columns]


class CaseExport:
    sheet_title = "案件一覧"

    def __init__(self, partners: dict[uuid.UUID, str], departments: dict[uuid.UUID, str]) -> None:
        stage_label = {stage: labels[0] for stage, labels in STAGE_LABELS.items()}
        self.columns = [
            ExportColumn("案件番号", lambda row: row[0].reference),
            ExportColumn("患者ID", lambda row: str(row[1].id)),
            ExportColumn("姓", lambda row: row[1].family_name),
            ExportColumn("名", lambda row: row[1].given_name),
            ExportColumn("ローマ字氏名", lambda row: row[1].name_latin),
            ExportColumn("国籍", lambda row: row[1].nationality),
            ExportColumn("ステータス", lambda row: stage_label.get(row[0].stage.value)),
            ExportColumn("希望診療科", lambda row: departments.get(row[0].department_id)),
            ExportColumn("紹介元", lambda row: partners.get(row[0].referring_partner_id)),
            ExportColumn("受付日", lambda row: row[0].received_on),
            ExportColumn("経路", lambda row: CHANNEL_LABELS[row[0].channel]),
            ExportColumn("優先度", lambda row: PRIORITY_LABELS[row[0].priority]),
            ExportColumn("希望治療", lambda row: row[0].requested_treatment),
            ExportColumn("来日予定日", lambda row: row[0].planned_arrival_date),
            ExportColumn("帰国予定日", lambda row: row[0].planned_departure_date),
            ExportColumn("見積額", lambda row: row[0].estimated_value),
            ExportColumn("通貨", lambda row: row[0].currency),
            ExportColumn(CREATED_AT_HEADER, lambda row: row[0].created_at),
        ]
        self.sensitive_fields: list[str] = []

    @property
    def headers(self) -> list[str]:
        return [column.header for column in self.columns]

    def values(self, row: Any) -> list[Any]:
        return [column.value(row) for column in self.columns]


async def patient_exporter(
    session: AsyncReadSession, principal: Principal, cipher: FieldCipher, query: Any
) -> PatientExport:
    partners = await partner_names(session)
    custom_keys = await custom_field_keys(session, query)
    return PatientExport(principal, cipher, partners, custom_keys)


async def partner_names(session: AsyncReadSession) -> dict[uuid.UUID, str]:
    rows = (await session.execute(select(Partner.id, Partner.name))).all()
    return {row[0]: row[1] for row in rows}


async def department_names(session: AsyncReadSession) -> dict[uuid.UUID, str]:
    rows = (await session.execute(select(Department.id, Department.name_ja))).all()
    return {row[0]: row[1] for row in rows}


async def custom_field_keys(session: AsyncReadSession, query: Any) -> list[str]:
    """Custom field names used by the patients of the query, in first-seen order."""
    keys: dict[str, None] = {}
    subquery = query.with_only_columns(Patient.custom_fields).order_by(None)
    result = await session.stream_scalars(subquery.execution_options(yield_per=FETCH_SIZE))
    async for fields in result:
        keys.update(dict.fromkeys(fields or {}))
    return list(keys)


async def count_rows(session: AsyncReadSession, query: Any) -> int:
    counted = select(func.count()).select_from(query.order_by(None).subquery())
    return await session.scalar(counted) or 0


@dataclass(frozen=True)
class ExportRequest:
    kind: str
    format: ExportFormat
    encoding: ExportEncoding
    filters: dict[str, Any]
    # The list's sort parameter, such as "-created_at"; None keeps the oldest first.
    sort: str | None = None

    def file_name(self, today: dt.date) -> str:
        return f"{self.kind}_{today:%Y%m%d}.{self.format.value}"


async def record_export(
    session: AsyncSession,
    principal: Principal,
    request: ExportRequest,
    *,
    row_count: int,
    sensitive_fields: list[str],
) -> None:
    await audit.record(
        session,
        principal,
        action="export",
        entity_type=request.kind.removesuffix("s"),
        fields=sensitive_fields,
        details={
            "format": request.format.value,
            "encoding": request.encoding.value,
            "filters": {k: _jsonable(v) for k, v in request.filters.items() if v not in (None, [])},
            "sort": request.sort,
            "row_count": row_count,
        },
    )


def _jsonable(value: Any) -> Any:
    if isinstance(value, list):
        return [_jsonable(item) for item in value]
    if isinstance(value, uuid.UUID | dt.date | dt.datetime):
        return str(value)
    return value


def filters_as_dict(filters: Any) -> dict[str, Any]:
    return asdict(filters)


def with_country_code(filters: ListFilters) -> ListFilters:
    """Return the filters with the nationality as an ISO 3166-1 alpha-2 code.

    The CLI passes the nationality as typed, while the API's filters arrive resolved.
    Raises UnknownNationality for a value that is no country name or code.
    """
    return replace(filters, nationality=patient_service.nationality_code(filters.nationality))


# --- Writers -----------------------------------------------------------------------------


def _csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return _local_time(value).isoformat(sep=" ", timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(neutralize(value) if isinstance(value, str) else value)


def _local_time(value: dt.datetime) -> dt.datetime:
    # SQLite returns naive datetimes; the application stores every timestamp in UTC.
    aware = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    return aware.astimezone(EXPORT_TIME_ZONE)


def _csv_chunk(rows: Sequence[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([_csv_text(value) for value in row])
    return buffer.getvalue()


async def row_partitions(
    session: AsyncReadSession, query: Any, exporter: "PatientExport | CaseExport"
) -> AsyncIterator[list[list[Any]]]:
    """Stream the query's rows as export values, FETCH_SIZE rows at a time."""
    result = await session.stream(query.execution_options(yield_per=FETCH_SIZE))
    async for partition in result.partitions(FETCH_SIZE):
        yield [exporter.values(row) for row in partition]


async def csv_utf8_stream(
    session: AsyncReadSession, query: Any, exporter: "PatientExport | CaseExport"
) -> AsyncIterator[bytes]:
    """UTF-8 CSV with BOM (so Excel detects the encoding), streamed as it is read."""
    yield "\ufeff".encode() + _csv_chunk([exporter.headers]).encode()
    async for rows in row_partitions(session, query, exporter):
        yield _csv_chunk(rows).encode()


def unencodable_characters(text: str, encoding: str = "cp932") -> list[str]:
    found: dict[str, None] = {}
    for character in text:
        try:
            character.encode(encoding)
        except UnicodeEncodeError:
            found[character] = None
    return list(found)


async def build_cp932_csv(
    session: AsyncReadSession, query: Any, exporter: "PatientExport | CaseExport"
) -> IO[bytes]:
    """Write the whole CSV in CP932 before anything is sent, so a failure is a clean error.

    Raises UnencodableCharacters naming the characters CP932 cannot hold (for example
    simplified Chinese 张 or Korean Hangul).
    """
    target = spooled_file()
    missing: dict[str, None] = {}
    text = _csv_chunk([exporter.headers])
    async for rows in row_partitions(session, query, exporter):
        text += _csv_chunk(rows)
        try:
            target.write(text.encode("cp932"))
        except UnicodeEncodeError:
            missing.update(dict.fromkeys(unencodable_characters(text)))
        text = ""
    if text:
        target.write(text.encode("cp932"))
    if missing:
        target.close()
        shown = list(missing)[:MAX_REPORTED_CHARACTERS]
        listing = " ".join(f"{c} (U+{ord(c):04X})" for c in shown)
        raise UnencodableCharacters(
            f"CP932 (Shift_JIS) cannot hold these characters: {listing}. "
            "Export as UTF-8 (encoding=utf-8-sig) instead; Excel opens it too.",
            characters=[f"U+{ord(c):04X}" for c in missing],
        )
    return target


async def build_xlsx(
    session: AsyncReadSession, query: Any, exporter: "PatientExport | CaseExport"
) -> IO[bytes]:
    """Write an XLSX with openpyxl's write-only mode; dates become real date cells."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(exporter.sheet_title)
    sheet.append([neutralize(header) for header in exporter.headers])
    async for rows in row_partitions(session, query, exporter):
        for row in rows:
            sheet.append([_xlsx_cell(sheet, value) for value in row])
    target = spooled_file()
    workbook.save(target)
    return target


def _xlsx_cell(sheet: Any, value: Any) -> Any:
    if isinstance(value, dt.datetime):
        cell = WriteOnlyCell(sheet, value=_local_time(value).replace(tzinfo=None))
        cell.number_format = "yyyy-mm-dd hh:mm:ss"
        return cell
    if isinstance(value, dt.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, str):
        # A string cell never runs as a formula when the file opens, so "+81 90…" stays
        # readable. Only "=" keeps the quote, because editing such a cell would run it.
        cell = WriteOnlyCell(sheet, value="'" + value if value.startswith("=") else value)
        cell.data_type = "s"
        return cell
    return value


def spooled_file() -> IO[bytes]:
    # Up to 16 MB stays in memory; larger exports spill to a temporary file.
    return tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)


async def iterate_file(handle: IO[bytes]) -> AsyncIterator[bytes]:
    try:
        handle.seek(0)
        while block := handle.read(256 * 1024):
            yield block
    finally:
        handle.close()


def case_query(
    principal: Principal, cipher: FieldCipher, filters: Any, sort: str | None = None
) -> Any:
    query = case_service.filtered_query(principal, cipher, filters)
    return _sorted(query, sort, case_service.SORT_COLUMNS, Case.created_at, Case.id)


def patient_query(
    principal: Principal, cipher: FieldCipher, filters: Any, sort: str | None = None
) -> Any:
    query = patient_service.filtered_query(principal, cipher, filters)
    return _sorted(query, sort, patient_service.SORT_COLUMNS, Patient.created_at, Patient.id)


def _sorted(query: Any, sort: str | None, columns: Any, created_at: Any, key: Any) -> Any:
    """Order an export by the list's whitelisted `sort` field, else oldest first.

    Raises ValidationFailed (invalid_sort) for a field the list cannot sort by.
    """
    return query.order_by(*sort_clause(sort, columns, created_at), key)
