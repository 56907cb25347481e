import datetime as dt
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from hospital_crm.core.config import Settings
from hospital_crm.core.context import SYSTEM
from hospital_crm.core.db import AsyncSession
from hospital_crm.imports.bulk import copy_text_line, copy_text_lines
from hospital_crm.imports.models import DuplicatePolicy
from hospital_crm.imports.pipeline import ImportOptions, ImportRunner
from hospital_crm.imports.prepare import MAX_WORKERS, worker_count
from hospital_crm.patients.models import Patient, PatientSearchTerm, Sex


def test_copy_line_escapes_reserved_characters() -> None:
    line = copy_text_line(["tab\there", "back\\slash", "line\nbreak\r", None])

    assert line == "tab\\there\tback\\\\slash\tline\\nbreak\\r\t\\N\n"


def test_copy_line_formats_typed_values() -> None:
    patient_id = uuid.UUID("01890a5d-ac96-774b-bcce-b302099a8057")
    moment = dt.datetime(2026, 12, 4, 0, 0, tzinfo=dt.UTC)

    line = copy_text_line(
        [patient_id, moment, dt.date(1980, 4, 1), Sex.female, True, 3, [], {"備考": "a\tb"}]
    )

    fields = line.removesuffix("\n").split("\t")
    assert fields[0] == "01890a5d-ac96-774b-bcce-b302099a8057"
    assert fields[1] == "2026-12-04T00:00:00+00:00"
    assert fields[2] == "1980-04-01"
    assert fields[3] == "female"
    assert fields[4] == "t"
    assert fields[5] == "3"
    assert fields[6] == "[]"
    assert fields[7] == '{"備考": "a\\\\tb"}'


def test_copy_lines_share_first_value() -> None:
    assert copy_text_lines(7, ["a", "b\tc"]) == "7\ta\n7\tb\\tc\n"
    assert copy_text_lines(7, []) == ""


def test_worker_count_by_rows() -> None:
    assert worker_count(100, min_rows=5000) == 0
    assert 1 <= worker_count(5000, min_rows=5000) <= MAX_WORKERS


async def test_reserved_characters_survive_import(
    app: object, settings: Settings, session: AsyncSession, tmp_path: Path
) -> None:
    sheet = tmp_path / "escapes.csv"
    notes = "1行目\\2行目\tタブ\r\n3行目"
    sheet.write_text(
        f'氏名,メール,備考,通訳\r\n"山田\\　太郎",yamada@example.com,"{notes}",\\N\r\n',
        encoding="utf-8-sig",
    )
    runner = ImportRunner(app.state.database, SYSTEM, settings)  # type: ignore[attr-defined]

    summary = await runner.run(sheet, ImportOptions(on_duplicate=DuplicatePolicy.create))

    assert summary.created == 1
    patient = await session.scalar(select(Patient))
    assert patient is not None
    assert patient.family_name == "山田\\"
    assert patient.given_name == "太郎"
    assert patient.notes == notes
    assert patient.custom_fields == {"通訳": "\\N"}
    terms = set((await session.scalars(select(PatientSearchTerm.term))).all())
    assert "yamada@example.com" in terms


@pytest.mark.parametrize("rows", [1, 3])
async def test_imported_values_by_database(
    app: object, settings: Settings, session: AsyncSession, tmp_path: Path, rows: int
) -> None:
    sheet = tmp_path / "plain.csv"
    lines = ["氏名,生年月日,電話番号,国籍"]
    lines += [
        f"患者　{index},1980/4/{index + 1},090-1234-{index:04d},中国" for index in range(rows)
    ]
    sheet.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8-sig")
    runner = ImportRunner(app.state.database, SYSTEM, settings)  # type: ignore[attr-defined]

    summary = await runner.run(sheet, ImportOptions())

    assert summary.created == rows
    patients = (await session.scalars(select(Patient).order_by(Patient.given_name))).all()
    assert [patient.given_name for patient in patients] == [str(index) for index in range(rows)]
    first = patients[0]
    assert first.date_of_birth == dt.date(1980, 4, 1)
    assert first.nationality == "CN"
    assert first.phones == [{"number": "+819012340000", "kind": "mobile"}]
    assert first.time_zone == "Asia/Shanghai"
    assert first.created_at.tzinfo is not None
    assert first.id.version == 7
