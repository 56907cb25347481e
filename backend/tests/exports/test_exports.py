import csv
import datetime as dt
import io
from pathlib import Path

import httpx
import openpyxl
import pytest
from sqlalchemy import select

from hospital_crm.audit.models import AuditEvent
from hospital_crm.cases.models import Channel, Priority
from hospital_crm.core.config import Settings
from hospital_crm.core.context import SYSTEM
from hospital_crm.core.db import AsyncSession, create_database
from hospital_crm.core.migrations import migrate
from hospital_crm.core.permissions import Role
from hospital_crm.exports.service import CHANNEL_LABELS, PRIORITY_LABELS
from hospital_crm.imports.pipeline import ImportOptions, ImportRunner
from hospital_crm.partners.models import Partner, PartnerKind
from hospital_crm.patients import service as patient_service
from hospital_crm.patients.models import Patient
from hospital_crm.patients.schemas import PatientCreate
from tests.conftest import make_settings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture
async def imported(app: object, settings: Settings, session: AsyncSession) -> None:
    session.add(Partner(name="上海メディカルツアー", kind=PartnerKind.agency))
    await session.commit()
    runner = ImportRunner(app.state.database, SYSTEM, settings)  # type: ignore[attr-defined]
    await runner.run(FIXTURES / "patients_cp932.csv", ImportOptions())


def read_csv(content: bytes, encoding: str = "utf-8-sig") -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode(encoding))))


async def test_patients_csv_has_bom_and_rows(
    client: httpx.AsyncClient, as_role, imported: None
) -> None:
    headers = await as_role(Role.coordinator)

    response = await client.get("/api/v1/exports/patients", headers=headers)

    assert response.status_code == 200, response.text
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert response.headers["content-disposition"].startswith('attachment; filename="patients_')
    rows = read_csv(response.content)
    assert len(rows) == 6
    wang = next(row for row in rows if row["姓"] == "王")
    assert wang["名"] == "偉"
    assert wang["生年月日"] == "1985-03-12"
    assert wang["性別"] == "男"
    assert wang["パスポート番号"] == "E12345678"
    assert wang["紹介元"] == "上海メディカルツアー"
    assert wang["通訳希望"] == "中国語"
    assert wang["電話番号"] == "'+8613800138000"


async def test_finance_gets_passport_not_medical(
    client: httpx.AsyncClient, as_role, imported: None
) -> None:
    headers = await as_role(Role.finance)

    response = await client.get("/api/v1/exports/patients", headers=headers)

    columns = read_csv(response.content)[0].keys()
    assert "パスポート番号" in columns
    assert "病歴概要" not in columns
    assert "アレルギー" not in columns


async def test_interpreter_cannot_export(client: httpx.AsyncClient, as_role) -> None:
    headers = await as_role(Role.interpreter)

    response = await client.get("/api/v1/exports/patients", headers=headers)

    assert response.status_code == 403


async def test_formula_cells_are_neutralised(
    client: httpx.AsyncClient, as_role, app: object, session: AsyncSession
) -> None:
    await patient_service.create(
        session,
        SYSTEM,
        app.state.cipher,  # type: ignore[attr-defined]
        PatientCreate(
            family_name='=HYPERLINK("http://example.com")',
            given_name="@SUM(A1)",
            notes="-1+2",
            name_latin="\tTAB",
        ),
    )
    await session.commit()
    headers = await as_role(Role.coordinator)

    response = await client.get("/api/v1/exports/patients", headers=headers)

    row = read_csv(response.content)[0]
    assert row["姓"] == '\'=HYPERLINK("http://example.com")'
    assert row["名"] == "'@SUM(A1)"
    assert row["備考"] == "'-1+2"

    workbook = await client.get("/api/v1/exports/patients?format=xlsx", headers=headers)
    sheet = openpyxl.load_workbook(io.BytesIO(workbook.content)).active
    headers_row = [cell.value for cell in sheet[1]]
    cells = {
        header: sheet.cell(row=2, column=index + 1) for index, header in enumerate(headers_row)
    }
    assert cells["姓"].value == '\'=HYPERLINK("http://example.com")'
    assert cells["姓"].data_type == "s"
    assert cells["名"].value == "@SUM(A1)"
    assert cells["名"].data_type == "s"


async def test_cp932_export_names_missing_characters(
    client: httpx.AsyncClient, as_role, app: object, session: AsyncSession
) -> None:
    await patient_service.create(
        session,
        SYSTEM,
        app.state.cipher,  # type: ignore[attr-defined]
        PatientCreate(family_name="张", given_name="伟"),
    )
    await session.commit()
    headers = await as_role(Role.coordinator)

    response = await client.get("/api/v1/exports/patients?encoding=cp932", headers=headers)

    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "cp932_unencodable"
    assert "张 (U+5F20)" in error["message"]
    assert "伟 (U+4F1F)" in error["message"]


async def test_cp932_export_of_japanese_text(
    client: httpx.AsyncClient, as_role, imported: None
) -> None:
    headers = await as_role(Role.coordinator)

    response = await client.get("/api/v1/exports/patients?encoding=cp932", headers=headers)

    assert response.status_code == 200, response.text
    rows = read_csv(response.content, "cp932")
    notes = {row["備考"] for row in rows}
    assert "膝の手術～リハビリ" in notes
    assert "① 髙橋医師より紹介" in notes


async def test_xlsx_export_has_date_cells(
    client: httpx.AsyncClient, as_role, imported: None
) -> None:
    headers = await as_role(Role.coordinator)

    response = await client.get("/api/v1/exports/patients?format=xlsx", headers=headers)

    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    assert len(rows) == 7
    birth_dates = {row[header.index("生年月日")] for row in rows[1:]}
    assert dt.datetime(1985, 3, 12) in birth_dates


async def test_filters_and_audit(
    client: httpx.AsyncClient, as_role, imported: None, session: AsyncSession
) -> None:
    headers = await as_role(Role.coordinator)

    response = await client.get("/api/v1/exports/patients?nationality=CN", headers=headers)

    assert {row["国籍"] for row in read_csv(response.content)} == {"CN"}
    event = await session.scalar(select(AuditEvent).where(AuditEvent.action == "export"))
    assert event is not None
    assert event.details["row_count"] == 2
    assert event.details["filters"] == {"nationality": "CN"}
    assert event.fields == ["passport_number", "medical_summary", "allergies"]


async def test_finance_export_audits_passport_only(
    client: httpx.AsyncClient, as_role, imported: None, session: AsyncSession
) -> None:
    headers = await as_role(Role.finance)

    await client.get("/api/v1/exports/patients", headers=headers)

    event = await session.scalar(select(AuditEvent).where(AuditEvent.action == "export"))
    assert event is not None
    assert event.fields == ["passport_number"]


@pytest.mark.parametrize("kind", ["patients", "cases"])
async def test_nationality_filter_by_name(
    client: httpx.AsyncClient, as_role, imported: None, kind: str
) -> None:
    headers = await as_role(Role.coordinator)

    by_name = await client.get(f"/api/v1/exports/{kind}?nationality=中国", headers=headers)
    by_code = await client.get(f"/api/v1/exports/{kind}?nationality=cn", headers=headers)

    assert by_name.status_code == 200, by_name.text
    assert by_code.status_code == 200, by_code.text
    name_rows = read_csv(by_name.content)
    assert len(name_rows) == 2
    assert {row["国籍"] for row in name_rows} == {"CN"}
    assert read_csv(by_code.content) == name_rows


@pytest.mark.parametrize("kind", ["patients", "cases"])
async def test_unknown_nationality_rejected(
    client: httpx.AsyncClient, as_role, imported: None, session: AsyncSession, kind: str
) -> None:
    headers = await as_role(Role.coordinator)

    response = await client.get(f"/api/v1/exports/{kind}?nationality=ZZ", headers=headers)

    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "unknown_nationality"
    assert error["fields"][0]["path"] == ["query", "nationality"]
    assert "'ZZ'" in error["message"]
    audited = await session.scalar(select(AuditEvent).where(AuditEvent.action == "export"))
    assert audited is None


async def test_cases_export_stage_labels(
    client: httpx.AsyncClient, as_role, imported: None
) -> None:
    headers = await as_role(Role.coordinator)

    response = await client.get("/api/v1/exports/cases?stage=quote_sent", headers=headers)

    rows = read_csv(response.content)
    assert [(row["姓"], row["ステータス"], row["希望診療科"]) for row in rows] == [
        ("李", "見積提示", "整形外科")
    ]
    assert rows[0]["受付日"] == "2024-04-15"
    assert rows[0]["経路"] == "取り込み（経路不明）"
    assert rows[0]["優先度"] == "通常"


def test_case_labels_cover_every_enum() -> None:
    assert set(CHANNEL_LABELS) == set(Channel)
    assert set(PRIORITY_LABELS) == set(Priority)


@pytest.mark.parametrize(("kind", "title"), [("patients", "患者一覧"), ("cases", "案件一覧")])
async def test_xlsx_sheet_named_after_list(
    client: httpx.AsyncClient, as_role, imported: None, kind: str, title: str
) -> None:
    headers = await as_role(Role.coordinator)

    response = await client.get(f"/api/v1/exports/{kind}?format=xlsx", headers=headers)

    workbook = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    assert workbook.sheetnames == [title]


async def test_round_trip_into_empty_database(
    client: httpx.AsyncClient, as_role, imported: None, app: object, tmp_path: Path
) -> None:
    headers = await as_role(Role.coordinator)
    exported = (await client.get("/api/v1/exports/patients", headers=headers)).content
    sheet = tmp_path / "export.csv"
    sheet.write_bytes(exported)
    original = await snapshot(app.state.database, app.state.cipher)  # type: ignore[attr-defined]

    empty = make_settings(tmp_path / "empty")
    await migrate(empty)
    database = create_database(empty)
    async with database.sessionmaker() as session:
        session.add(Partner(name="上海メディカルツアー", kind=PartnerKind.agency))
        await session.commit()
    summary = await ImportRunner(database, SYSTEM, empty).run(sheet, ImportOptions())
    copied = await snapshot(database, ImportRunner(database, SYSTEM, empty).cipher)
    await database.dispose()

    assert (summary.created, summary.rejected) == (6, 0)
    assert copied == original


async def snapshot(database, cipher) -> list[tuple]:  # type: ignore[no-untyped-def]
    async with database.sessionmaker() as session:
        rows = (await session.execute(select(Partner.id, Partner.name))).all()
        partners = {row[0]: row[1] for row in rows}
        patients = (await session.scalars(select(Patient))).all()
        result = []
        for p in patients:
            passport = (
                cipher.decrypt(
                    p.passport_number_encrypted,
                    context=patient_service.encryption_context(p.id, "passport_number"),
                )
                if p.passport_number_encrypted
                else None
            )
            result.append(
                (
                    p.family_name,
                    p.given_name,
                    p.name_kana,
                    p.name_latin,
                    p.sex.value,
                    p.date_of_birth,
                    p.nationality,
                    p.country_of_residence,
                    p.email,
                    tuple(phone["number"] for phone in p.phones),
                    passport,
                    p.notes,
                    tuple(sorted(p.custom_fields.items())),
                    partners.get(p.referring_partner_id),
                )
            )
    return sorted(result, key=repr)


async def test_patients_export_follows_sort(
    client: httpx.AsyncClient, as_role, imported: None
) -> None:
    headers = await as_role(Role.coordinator)

    by_birth = await client.get("/api/v1/exports/patients?sort=-date_of_birth", headers=headers)
    invalid = await client.get("/api/v1/exports/patients?sort=passport_number", headers=headers)

    assert by_birth.status_code == 200, by_birth.text
    births = [row["生年月日"] for row in read_csv(by_birth.content)]
    known = [birth for birth in births if birth]
    assert known == sorted(known, reverse=True)
    assert invalid.status_code == 422
    assert invalid.json()["error"]["fields"][0]["code"] == "invalid_sort"


async def test_cases_export_follows_sort(
    client: httpx.AsyncClient, as_role, imported: None, session: AsyncSession
) -> None:
    headers = await as_role(Role.coordinator)

    response = await client.get("/api/v1/exports/cases?sort=-reference", headers=headers)

    references = [row["案件番号"] for row in read_csv(response.content)]
    assert len(references) == 6
    assert references == sorted(references, reverse=True)
    event = await session.scalar(select(AuditEvent).where(AuditEvent.action == "export"))
    assert event is not None
    assert event.details["sort"] == "-reference"


async def test_export_times_in_tokyo(
    client: httpx.AsyncClient, as_role, imported: None, session: AsyncSession
) -> None:
    headers = await as_role(Role.coordinator)
    patient = await session.scalar(select(Patient).where(Patient.family_name == "王"))
    assert patient is not None
    created = patient.created_at.replace(tzinfo=patient.created_at.tzinfo or dt.UTC)
    in_tokyo = created.astimezone(dt.timezone(dt.timedelta(hours=9)))
    await session.commit()

    text = await client.get("/api/v1/exports/patients", headers=headers)
    workbook = await client.get("/api/v1/exports/patients?format=xlsx", headers=headers)

    wang = next(row for row in read_csv(text.content) if row["姓"] == "王")
    assert wang["登録日時（JST）"] == in_tokyo.isoformat(sep=" ", timespec="seconds")
    assert wang["登録日時（JST）"].endswith("+09:00")
    sheet = openpyxl.load_workbook(io.BytesIO(workbook.content), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    wang_cells = next(row for row in rows[1:] if row[header.index("姓")] == "王")
    cell = wang_cells[header.index("登録日時（JST）")]
    assert cell == in_tokyo.replace(tzinfo=None, microsecond=cell.microsecond)
