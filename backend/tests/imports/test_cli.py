import asyncio
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from hospital_crm.core.config import Settings
from hospital_crm.core.db import AsyncSession
from hospital_crm.core.permissions import Role
from hospital_crm.imports import cli, parsing, service
from hospital_crm.patients.models import Patient
from tests.conftest import principal_of

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture
def invoke(settings: Settings, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(cli, "get_settings", lambda: settings)

    async def run(*arguments: str):  # type: ignore[no-untyped-def]
        # The command runs its own event loop, so it runs in a thread of its own.
        return await asyncio.to_thread(CliRunner().invoke, cli.app, ["patients", *arguments])

    return run


async def patient_count(session: AsyncSession) -> int:
    total = await session.scalar(select(func.count()).select_from(Patient)) or 0
    await session.commit()
    return total


async def test_cli_exit_one_with_rejects(invoke, session: AsyncSession, tmp_path: Path) -> None:
    rejects = tmp_path / "rejects.csv"

    result = await invoke(str(FIXTURES / "patients_bad_rows.csv"), "--rejects", str(rejects))

    assert result.exit_code == 1, result.output
    assert "新規登録 / created" in result.output
    assert "不備あり / rejected" in result.output
    assert await patient_count(session) == 2
    assert rejects.read_bytes().startswith(b"\xef\xbb\xbf")
    assert len(rejects.read_text(encoding="utf-8-sig").splitlines()) == 9


async def test_cli_dry_run_exit_zero(invoke, session: AsyncSession) -> None:
    result = await invoke(str(FIXTURES / "patients.xlsx"), "--dry-run")

    assert result.exit_code == 0, result.output
    assert "dry run" in result.output
    assert "新規登録予定 / created" in result.output
    assert "作成予定の案件 / cases opened" in result.output
    assert await patient_count(session) == 0


async def test_cli_unreadable_file_exit_two(invoke, tmp_path: Path) -> None:
    broken = tmp_path / "broken.csv"
    broken.write_bytes("氏名\r\n".encode("cp932") + b"\x85\x40\r\n")

    result = await invoke(str(broken), "--encoding", "cp932")

    assert result.exit_code == 2
    assert "Row 2" in result.output


@pytest.mark.parametrize(
    ("name", "reason"),
    [("absent.csv", "the file does not exist"), (".", "not a file")],
)
async def test_cli_missing_file_exit_two(invoke, tmp_path: Path, name: str, reason: str) -> None:
    path = tmp_path / name

    result = await invoke(str(path))

    lines = result.output.strip().splitlines()
    assert result.exit_code == 2
    assert len(lines) == 1, result.output
    assert lines[0].startswith(f"Cannot import {path}: ")
    assert reason in lines[0]


async def test_cli_long_cells_read(invoke, session: AsyncSession, tmp_path: Path) -> None:
    long_text = "経過" * 100_000
    sheet = tmp_path / "long.csv"
    rows = [
        "氏名,備考,紹介メモ",
        f"王 偉,短いメモ,{long_text}",
        f"李 {long_text},短いメモ,",
        f"張 敏,{long_text},",
    ]
    sheet.write_text("\r\n".join(rows) + "\r\n", encoding="utf-8")

    result = await invoke(str(sheet))

    assert result.exit_code == 1, result.output
    assert "3行目: 「氏名」が長すぎます（200文字まで）" in result.output
    assert "4行目: 「備考」が長すぎます（20000文字まで）" in result.output
    patients = (await session.scalars(select(Patient))).all()
    await session.commit()
    assert len(patients) == 1
    assert patients[0].custom_fields == {"紹介メモ": long_text}


async def test_cli_cell_over_limit_exit_two(invoke, session: AsyncSession, tmp_path: Path) -> None:
    sheet = tmp_path / "huge.csv"
    huge_cell = "x" * (parsing.CSV_FIELD_LIMIT + 1)
    sheet.write_text(f"氏名,備考\r\n王 偉,短いメモ\r\n李 娜,{huge_cell}\r\n", encoding="utf-8")

    result = await invoke(str(sheet))

    assert result.exit_code == 2, result.output
    assert "Row 3 has a cell longer than 16,777,216 characters" in result.output
    assert "Traceback" not in result.output
    assert await patient_count(session) == 0


async def test_cli_suggests_sheet_option(invoke, session: AsyncSession, tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    cover = workbook.active
    cover.title = "表紙"
    cover.append(["2024年度 国際患者"])
    patients = workbook.create_sheet("患者一覧")
    patients.append(["氏名", "国籍"])
    patients.append(["王 偉", "中国"])
    path = tmp_path / "book.xlsx"
    workbook.save(path)

    result = await invoke(str(path))
    chosen = await invoke(str(path), "--sheet", "患者一覧")

    assert result.exit_code == 2, result.output
    assert "The sheet '表紙' was read" in result.output
    assert "'表紙', '患者一覧'" in result.output
    assert "--sheet NAME" in result.output
    assert chosen.exit_code == 0, chosen.output
    assert await patient_count(session) == 1


async def test_cli_mapping_file(invoke, session: AsyncSession, tmp_path: Path) -> None:
    sheet = tmp_path / "clinic.csv"
    sheet.write_text("お客様名,連絡メモ\r\n王 偉,通訳あり\r\n", encoding="utf-8")
    mapping = tmp_path / "mapping.json"
    mapping.write_text('{"お客様名": "full_name", "連絡メモ": "notes"}', encoding="utf-8")

    result = await invoke(str(sheet), "--mapping", str(mapping))

    assert result.exit_code == 0, result.output
    patient = await session.scalar(select(Patient))
    assert patient is not None
    assert (patient.family_name, patient.given_name, patient.notes) == ("王", "偉", "通訳あり")


async def test_cli_unknown_mapping_field_exit_two(invoke, tmp_path: Path) -> None:
    mapping = tmp_path / "mapping.json"
    mapping.write_text('{"氏名": "shoe_size"}', encoding="utf-8")

    result = await invoke(str(FIXTURES / "patients_bad_rows.csv"), "--mapping", str(mapping))

    assert result.exit_code == 2
    assert "shoe_size" in result.output


async def test_cli_saved_mapping_of_user(
    invoke, session: AsyncSession, make_user, tmp_path: Path
) -> None:
    user = await make_user(role=Role.coordinator)
    await service.save_mapping(session, principal_of(user), "clinic", {"お客様名": "full_name"})
    await session.commit()
    sheet = tmp_path / "clinic.csv"
    sheet.write_text("お客様名\r\n李 娜\r\n", encoding="utf-8")

    result = await invoke(str(sheet), "--mapping-name", "clinic", "--user", user.email)
    without_user = await invoke(str(sheet), "--mapping-name", "clinic")

    assert result.exit_code == 0, result.output
    assert await patient_count(session) == 1
    assert without_user.exit_code == 2


async def test_cli_lists_skipped_duplicates(
    invoke, session: AsyncSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = tmp_path / "report.csv"
    sheet = tmp_path / "six.csv"
    lines = ["氏名,メール", *(f"患者 {index},p{index}@example.com" for index in range(6))]
    sheet.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    first = await invoke(str(sheet))
    monkeypatch.setattr(cli, "SHOWN_ROWS", 2)

    second = await invoke(str(sheet), "--report", str(report))

    assert first.exit_code == 0, first.output
    assert second.exit_code == 0, second.output
    patient_ids = {str(value) for value in (await session.scalars(select(Patient.id))).all()}
    await session.commit()
    skipped_lines = [line for line in second.output.splitlines() if "行目:" in line]
    assert len(skipped_lines) == 2
    assert skipped_lines[0].startswith("2行目: 患者 ")
    assert any(patient_id in skipped_lines[0] for patient_id in patient_ids)
    assert "4 more rows" in second.output
    lines = report.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("行 / Row,結果 / Outcome,患者ID / Patient ID")
    assert len(lines) == 7
    assert all(",skipped," in line for line in lines[1:])
    assert all(line.split(",")[2] in patient_ids for line in lines[1:])
