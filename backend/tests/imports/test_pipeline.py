import csv
import datetime as dt
import io
import uuid
from pathlib import Path

import pytest
from sqlalchemy import func, select

from hospital_crm.activities.models import Activity
from hospital_crm.audit.models import AuditEvent
from hospital_crm.cases.models import Case
from hospital_crm.core.config import Settings
from hospital_crm.core.context import SYSTEM
from hospital_crm.core.db import AsyncSession
from hospital_crm.core.pagination import PageParams
from hospital_crm.departments.models import Department
from hospital_crm.imports import service, writer
from hospital_crm.imports.mapping import REJECT_REASON_HEADER
from hospital_crm.imports.models import BatchStatus, DuplicatePolicy, ImportBatch, RowOutcome
from hospital_crm.imports.pipeline import ImportOptions, ImportRunner
from hospital_crm.imports.rows import RowParser
from hospital_crm.partners.models import Partner, PartnerKind
from hospital_crm.patients import service as patient_service
from hospital_crm.patients.models import Patient

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TODAY = dt.date(2026, 1, 15)


@pytest.fixture
async def partner_id(session: AsyncSession) -> uuid.UUID:
    partner = Partner(name="上海メディカルツアー", kind=PartnerKind.agency, country="CN")
    session.add(partner)
    await session.commit()
    return partner.id


@pytest.fixture
def runner(app: object, settings: Settings) -> ImportRunner:
    return ImportRunner(app.state.database, SYSTEM, settings, today=TODAY)  # type: ignore[attr-defined]


async def count(session: AsyncSession, model: type) -> int:
    total = await session.scalar(select(func.count()).select_from(model)) or 0
    # Ends the read transaction: on SQLite it holds the write lock the runner needs.
    await session.commit()
    return total


async def patient_named(session: AsyncSession, family: str, given: str) -> Patient:
    session.expire_all()
    patient = await session.scalar(
        select(Patient).where(Patient.family_name == family, Patient.given_name == given)
    )
    assert patient is not None, f"{family} {given} was not imported"
    await session.commit()
    return patient


async def test_cp932_sheet_imports_every_row(
    runner: ImportRunner, session: AsyncSession, partner_id: uuid.UUID, cipher: object
) -> None:
    summary = await runner.run(FIXTURES / "patients_cp932.csv", ImportOptions())

    assert summary.status is BatchStatus.completed
    assert (summary.created, summary.updated, summary.skipped, summary.rejected) == (6, 0, 0, 0)
    assert summary.cases_created == 6
    assert summary.layout.encoding == "cp932"
    assert await count(session, Patient) == 6

    wang = await patient_named(session, "王", "偉")
    assert wang.name_kana == "ワン ウェイ"
    assert wang.name_latin == "WANG WEI"
    assert wang.nationality == "CN"
    assert wang.date_of_birth == dt.date(1985, 3, 12)
    assert wang.sex.value == "male"
    assert wang.phones == [{"number": "+8613800138000", "kind": "mobile"}]
    assert wang.notes == "胃カメラ希望\n通訳同伴"
    assert wang.custom_fields == {"通訳希望": "中国語"}
    assert wang.referring_partner_id == partner_id
    revealed = cipher.decrypt(  # type: ignore[attr-defined]
        wang.passport_number_encrypted,
        context=patient_service.encryption_context(wang.id, "passport_number"),
    )
    assert revealed == "E12345678"

    li = await patient_named(session, "李", "娜")
    assert li.phones == [{"number": "+819012345678", "kind": "mobile"}]
    assert li.notes == "膝の手術～リハビリ"
    kim = await patient_named(session, "金", "敏俊")
    assert kim.notes == "① 髙橋医師より紹介"
    assert kim.date_of_birth == dt.date(1978, 11, 3)
    nguyen = await patient_named(session, "グエン", "ヴァン アン")
    assert nguyen.date_of_birth == dt.date(2019, 5, 1)
    assert nguyen.nationality == "VN"
    chen = await patient_named(session, "陳", "美玲")
    assert chen.date_of_birth == dt.date(1989, 1, 8)
    assert chen.phones == [{"number": "+886912345678", "kind": "mobile"}]


async def test_cp932_rows_open_cases_in_stage(
    runner: ImportRunner, session: AsyncSession, partner_id: uuid.UUID
) -> None:
    await runner.run(FIXTURES / "patients_cp932.csv", ImportOptions())

    wang = await patient_named(session, "王", "偉")
    case = await session.scalar(select(Case).where(Case.patient_id == wang.id))
    gastro = await session.scalar(select(Department).where(Department.name_ja == "消化器内科"))
    assert case is not None
    assert case.stage.value == "inquiry_received"
    assert case.received_on == dt.date(2024, 4, 1)
    assert gastro is not None
    assert case.department_id == gastro.id
    assert case.referring_partner_id == partner_id
    assert case.channel.value == "partner"

    stages = {stage.value for stage in (await session.scalars(select(Case.stage))).all()}
    assert stages == {
        "inquiry_received",
        "quote_sent",
        "accepted",
        "in_treatment",
        "follow_up",
        "returned_home",
    }
    imported = await session.scalar(select(Activity).where(Activity.patient_id == wang.id))
    assert imported is not None
    assert imported.kind.value == "imported"
    assert imported.case_id == case.id
    assert imported.details["row_number"] == 2
    assert imported.details["reference"] == case.reference
    chen = await patient_named(session, "陳", "美玲")
    chen_case = await session.scalar(select(Case).where(Case.patient_id == chen.id))
    assert chen_case is not None
    assert chen_case.received_on == dt.date(2024, 6, 1)
    li = await patient_named(session, "李", "娜")
    li_case = await session.scalar(select(Case).where(Case.patient_id == li.id))
    assert li_case is not None
    assert li_case.channel.value == "imported"


async def test_dry_run_writes_no_patient(
    runner: ImportRunner, session: AsyncSession, partner_id: uuid.UUID
) -> None:
    summary = await runner.run(FIXTURES / "patients_cp932.csv", ImportOptions(dry_run=True))

    assert summary.status is BatchStatus.previewed
    assert summary.created == 6
    assert await count(session, Patient) == 0
    assert await count(session, Case) == 0


async def test_same_file_twice_creates_no_duplicates(
    runner: ImportRunner, session: AsyncSession, partner_id: uuid.UUID
) -> None:
    await runner.run(FIXTURES / "patients_cp932.csv", ImportOptions())
    second = await runner.run(FIXTURES / "patients_cp932.csv", ImportOptions())

    assert (second.created, second.skipped) == (0, 6)
    assert await count(session, Patient) == 6
    assert await count(session, Case) == 6


async def test_bad_rows_rejected_with_reasons(runner: ImportRunner, session: AsyncSession) -> None:
    summary = await runner.run(FIXTURES / "patients_bad_rows.csv", ImportOptions())

    assert (summary.created, summary.rejected) == (2, 8)
    assert summary.processed == summary.total_rows == 10
    batch = await service.get_batch(session, SYSTEM, summary.batch_id)
    rows = (await service.list_rows(session, batch, _all_rows(), outcome=RowOutcome.rejected)).items
    reasons = {row.row_number: [(e["code"], e["column"]) for e in row.errors] for row in rows}
    assert reasons == {
        3: [("invalid_date", "生年月日")],
        4: [("unknown_country", "国籍")],
        5: [("invalid_email", "メール")],
        6: [("missing_name", "氏名")],
        7: [("ambiguous_date", "生年月日")],
        8: [("date_outside_era", "生年月日")],
        9: [("invalid_phone", "電話番号")],
        11: [("unknown_country", "国籍"), ("invalid_date", "生年月日"), ("unknown_sex", "性別")],
    }
    first_error = rows[0].errors[0]
    assert "生年月日" in first_error["message_ja"]
    assert "2023/2/29" in first_error["message_en"]


async def test_rejects_csv_reimports_after_fix(
    runner: ImportRunner, session: AsyncSession, tmp_path: Path
) -> None:
    summary = await runner.run(FIXTURES / "patients_bad_rows.csv", ImportOptions())
    batch = await service.get_batch(session, SYSTEM, summary.batch_id)

    content = b"".join([chunk async for chunk in service.rejected_rows_csv(session, batch)])

    assert content.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert table[0] == [
        "氏名",
        "国籍",
        "生年月日",
        "性別",
        "電話番号",
        "メール",
        REJECT_REASON_HEADER,
    ]
    assert len(table) == 9
    assert table[1][:3] == ["趙 磊", "中国", "2023/2/29"]
    assert table[1][6].startswith("3行目: ")
    assert "Row 3:" in table[1][6]

    await session.commit()
    table[1][2] = "2023/2/28"
    fixed = tmp_path / "fixed.csv"
    with fixed.open("w", encoding="utf-8-sig", newline="") as stream:
        csv.writer(stream).writerows(table[:2])
    again = await runner.run(fixed, ImportOptions())
    assert (again.created, again.rejected) == (1, 0)
    zhao = await patient_named(session, "趙", "磊")
    assert zhao.custom_fields == {}


async def test_rejects_csv_guards_formulas(
    runner: ImportRunner, session: AsyncSession, tmp_path: Path
) -> None:
    sheet = tmp_path / "formulas.csv"
    sheet.write_text(
        "氏名,国籍,電話番号,備考\n王 芳,アトランティス,+86 138 1111 2222,=1+1\n", encoding="utf-8"
    )
    summary = await runner.run(sheet, ImportOptions())
    batch = await service.get_batch(session, SYSTEM, summary.batch_id)

    content = b"".join([chunk async for chunk in service.rejected_rows_csv(session, batch)])

    table = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert table[1][:4] == ["王 芳", "アトランティス", "'+86 138 1111 2222", "'=1+1"]

    await session.commit()
    table[1][1] = "中国"
    fixed = tmp_path / "fixed.csv"
    with fixed.open("w", encoding="utf-8-sig", newline="") as stream:
        csv.writer(stream).writerows(table[:2])
    again = await runner.run(fixed, ImportOptions())
    assert (again.created, again.rejected) == (1, 0)
    wang = await patient_named(session, "王", "芳")
    assert wang.phones[0]["number"] == "+8613811112222"
    assert "=1+1" in (wang.notes or "")


async def test_xlsx_dates_serials_and_title_row(
    runner: ImportRunner, session: AsyncSession
) -> None:
    summary = await runner.run(FIXTURES / "patients.xlsx", ImportOptions())

    assert summary.layout.header_row == 3
    assert summary.layout.title_rows == [1]
    assert summary.layout.sheet_names == ["患者一覧", "メモ"]
    assert (summary.created, summary.rejected, summary.cases_created) == (3, 0, 3)
    zhang = await patient_named(session, "張", "偉")
    assert zhang.date_of_birth == dt.date(1980, 1, 15)
    assert zhang.name_kana == "チョウ イ"
    assert zhang.phones == [{"number": "+8613800138001", "kind": "mobile"}]
    park = await patient_named(session, "朴", "智恩")
    assert park.date_of_birth == dt.date(1990, 1, 1)
    received = set((await session.scalars(select(Case.received_on))).all())
    assert received == {dt.date(2024, 4, 1), dt.date(2024, 4, 2), dt.date(2024, 4, 3)}


async def test_utf8_bom_english_headers(
    runner: ImportRunner, session: AsyncSession, partner_id: uuid.UUID
) -> None:
    summary = await runner.run(FIXTURES / "patients_utf8_bom.csv", ImportOptions())

    assert (summary.created, summary.rejected, summary.cases_created) == (4, 0, 4)
    smith = await patient_named(session, "Smith", "John")
    assert smith.nationality == "US"
    assert smith.custom_fields == {"Preferred hotel": "Hotel New Otani"}
    assert smith.notes == "Knee, left"
    tran = await patient_named(session, "Tran", "Thi Mai")
    assert tran.date_of_birth == dt.date(1992, 2, 13)
    assert tran.phones == [{"number": "+84987654321", "kind": "mobile"}]
    zhang = await patient_named(session, "Zhang", "Min")
    assert zhang.referring_partner_id == partner_id


async def test_update_policy_overwrites_and_merges(
    runner: ImportRunner, session: AsyncSession, tmp_path: Path
) -> None:
    await runner.run(FIXTURES / "patients_bad_rows.csv", ImportOptions())
    changed = tmp_path / "changed.csv"
    changed.write_text(
        "氏名,国籍,生年月日,性別,電話番号,メール,備考\r\n"
        "劉 洋,中国,1985/03/12,男,090-1111-2222,liu.yang@example.com,再来院希望\r\n",
        encoding="utf-8",
    )

    summary = await runner.run(changed, ImportOptions(on_duplicate=DuplicatePolicy.update))

    assert (summary.updated, summary.created) == (1, 0)
    liu = await patient_named(session, "劉", "洋")
    assert liu.notes == "再来院希望"
    assert liu.phones == [
        {"number": "+8613800138002", "kind": "mobile"},
        {"number": "+819011112222", "kind": "mobile"},
    ]
    assert await count(session, Patient) == 2


async def test_create_policy_ignores_duplicates(
    runner: ImportRunner, session: AsyncSession
) -> None:
    await runner.run(FIXTURES / "patients_bad_rows.csv", ImportOptions())
    summary = await runner.run(
        FIXTURES / "patients_bad_rows.csv", ImportOptions(on_duplicate=DuplicatePolicy.create)
    )

    assert summary.created == 2
    assert await count(session, Patient) == 4


async def test_duplicate_rows_within_file(
    runner: ImportRunner, session: AsyncSession, tmp_path: Path
) -> None:
    sheet = tmp_path / "twice.csv"
    sheet.write_text(
        "氏名,生年月日,メール\r\n王 偉,1985-03-12,wang@example.com\r\n"
        "ワン ウェイ,1990-01-01,WANG@example.com\r\n王 偉,1985/3/12,\r\n",
        encoding="utf-8",
    )

    summary = await runner.run(sheet, ImportOptions(chunk_size=1))

    assert (summary.created, summary.skipped) == (1, 2)
    batch = await service.get_batch(session, SYSTEM, summary.batch_id)
    rows = (await service.list_rows(session, batch, _all_rows())).items
    assert [(row.row_number, row.duplicate_reasons) for row in rows] == [
        (3, ["email"]),
        (4, ["name_dob"]),
    ]


async def test_crash_resumes_from_last_chunk(
    runner: ImportRunner,
    session: AsyncSession,
    partner_id: uuid.UUID,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    original = writer.insert_cases
    calls = {"count": 0}

    async def failing_insert_cases(*args: object, **kwargs: object) -> int:
        calls["count"] += 1
        if calls["count"] == 2:
            raise RuntimeError("database went away")
        return await original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(writer, "insert_cases", failing_insert_cases)
    with pytest.raises(RuntimeError):
        await runner.run(FIXTURES / "patients_cp932.csv", ImportOptions(chunk_size=2))

    failed = await session.scalar(select(ImportBatch))
    assert failed is not None
    assert failed.status is BatchStatus.failed
    assert failed.last_row_number == 3
    assert failed.created_count == 2
    assert await count(session, Patient) == 2

    monkeypatch.setattr(writer, "insert_cases", original)
    resumed = await runner.run(FIXTURES / "patients_cp932.csv", ImportOptions())

    assert resumed.batch_id == failed.id
    assert resumed.resumed_after_row == 3
    assert (resumed.created, resumed.skipped, resumed.rejected) == (6, 0, 0)
    assert await count(session, Patient) == 6
    assert await count(session, Case) == 6


async def test_import_is_one_audit_event(
    runner: ImportRunner, session: AsyncSession, partner_id: uuid.UUID
) -> None:
    before = await count(session, AuditEvent)
    summary = await runner.run(FIXTURES / "patients_cp932.csv", ImportOptions())

    events = (await session.scalars(select(AuditEvent).where(AuditEvent.action == "import"))).all()
    assert await count(session, AuditEvent) == before + 1
    assert len(events) == 1
    assert events[0].entity_id == str(summary.batch_id)
    assert events[0].details["file_sha256"] == summary.layout.file_sha256
    assert events[0].details["created"] == 6


async def test_worker_process_gives_same_outcome(
    app: object, settings: Settings, session: AsyncSession, partner_id: uuid.UUID
) -> None:
    runner = ImportRunner(
        app.state.database,
        SYSTEM,
        settings,
        today=TODAY,
        worker_min_rows=0,  # type: ignore[attr-defined]
    )

    preview = await runner.run(
        FIXTURES / "patients_cp932.csv", ImportOptions(chunk_size=2, dry_run=True)
    )
    summary = await runner.run(FIXTURES / "patients_cp932.csv", ImportOptions(chunk_size=2))

    assert (preview.created, preview.rejected, preview.cases_created) == (6, 0, 6)
    assert (summary.created, summary.rejected, summary.cases_created) == (6, 0, 6)
    wang = await patient_named(session, "王", "偉")
    assert wang.custom_fields == {"通訳希望": "中国語"}
    again = await runner.run(
        FIXTURES / "patients_cp932.csv", ImportOptions(on_duplicate=DuplicatePolicy.update)
    )
    assert (again.updated, again.created, again.cases_created) == (6, 0, 0)


def _all_rows() -> PageParams:
    return PageParams(page=1, page_size=200)


async def test_sheet_without_known_headers(
    runner: ImportRunner, session: AsyncSession, tmp_path: Path
) -> None:
    sheet = tmp_path / "names.csv"
    sheet.write_text("お客様名\r\n王 偉\r\n李 娜\r\n\r\n金 敏俊\r\n", encoding="utf-8")

    summary = await runner.run(sheet, ImportOptions(mapping={"お客様名": "full_name"}))

    assert (summary.total_rows, summary.created) == (3, 3)
    assert await count(session, Patient) == 3


async def test_unexpected_parse_error_rejects_row(
    runner: ImportRunner, session: AsyncSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = RowParser.parse

    def parse(self: RowParser, row_number: int, cells: list) -> object:
        if row_number == 4:
            raise KeyError("surprise")
        return original(self, row_number, cells)

    monkeypatch.setattr(RowParser, "parse", parse)

    summary = await runner.run(FIXTURES / "patients_bad_rows.csv", ImportOptions())

    assert summary.status is BatchStatus.completed
    assert (summary.created, summary.rejected) == (2, 8)
    batch = await service.get_batch(session, SYSTEM, summary.batch_id)
    rows = (await service.list_rows(session, batch, _all_rows(), outcome=RowOutcome.rejected)).items
    assert [e["code"] for e in rows[1].errors] == ["unreadable_row"]
    assert "KeyError" in rows[1].errors[0]["message_en"]


async def test_dry_run_names_no_unwritten_patient(
    runner: ImportRunner, session: AsyncSession, tmp_path: Path
) -> None:
    known = tmp_path / "known.csv"
    known.write_text("氏名,メール\r\n李 娜,li@example.com\r\n", encoding="utf-8")
    await runner.run(known, ImportOptions())
    sheet = tmp_path / "mixed.csv"
    sheet.write_text(
        "氏名,生年月日,メール\r\n王 偉,1985-03-12,wang@example.com\r\n"
        "王 偉,1985/3/12,\r\n李 娜,,li@example.com\r\n",
        encoding="utf-8",
    )

    preview = await runner.run(sheet, ImportOptions(dry_run=True, chunk_size=1), examples=5)

    li = await patient_named(session, "李", "娜")
    batch = await service.get_batch(session, SYSTEM, preview.batch_id)
    listed = (await service.list_rows(session, batch, _all_rows())).items
    rows = {row.row_number: row for row in listed}
    assert rows[2].outcome is RowOutcome.created
    assert rows[2].patient_id is None
    assert rows[3].outcome is RowOutcome.skipped
    assert rows[3].patient_id is None
    assert rows[4].outcome is RowOutcome.skipped
    assert rows[4].patient_id == li.id
    skipped = [(result.row.row_number, result.duplicate_row) for result in preview.skipped_rows]
    assert skipped == [(3, 2), (4, None)]


async def test_bidi_override_cell_rejects_row(
    runner: ImportRunner, session: AsyncSession, tmp_path: Path
) -> None:
    sheet = tmp_path / "bidi.csv"
    sheet.write_text(
        "氏名,氏名（パスポート表記）,備考\r\n"
        "王 偉,\u202eIEW GNAW,\r\n"
        "李 娜,LI NA,\u2067note\r\n"
        "محمد رضا,MOHAMMAD REZA,\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645\r\n",
        encoding="utf-8",
    )

    summary = await runner.run(sheet, ImportOptions())

    assert (summary.created, summary.rejected) == (1, 2)
    batch = await service.get_batch(session, SYSTEM, summary.batch_id)
    rows = (await service.list_rows(session, batch, _all_rows(), outcome=RowOutcome.rejected)).items
    reasons = {row.row_number: [(e["code"], e["column"]) for e in row.errors] for row in rows}
    assert reasons == {
        2: [("invalid_characters", "氏名(パスポート表記)")],
        3: [("invalid_characters", "備考")],
    }
    error = rows[0].errors[0]
    assert error["value"] == "<U+202E>IEW GNAW"
    assert "U+202E" in error["message_ja"]
    assert "\u202e" not in error["message_en"]
    persian = await patient_named(session, "محمد", "رضا")
    assert persian.notes == "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"


async def test_latin_name_imported_upper_case(
    runner: ImportRunner, session: AsyncSession, tmp_path: Path
) -> None:
    sheet = tmp_path / "latin.csv"
    sheet.write_text(
        "氏名,氏名（パスポート表記）\r\n王 小明,wang xiaoming\r\nGarcía José,García José\r\n",
        encoding="utf-8",
    )

    summary = await runner.run(sheet, ImportOptions())

    assert summary.created == 2
    wang = await patient_named(session, "王", "小明")
    assert wang.name_latin == "WANG XIAOMING"
    garcia = await patient_named(session, "García", "José")
    assert garcia.name_latin == "GARCÍA JOSÉ"
