import asyncio
import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hospital_crm.core.config import Settings
from hospital_crm.core.context import SYSTEM
from hospital_crm.core.db import AsyncSession
from hospital_crm.exports import cli
from hospital_crm.imports.pipeline import ImportOptions, ImportRunner
from hospital_crm.patients import service as patient_service
from hospital_crm.patients.schemas import PatientCreate

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture
def invoke(settings: Settings, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(cli, "get_settings", lambda: settings)

    async def run(*arguments: str):  # type: ignore[no-untyped-def]
        return await asyncio.to_thread(CliRunner().invoke, cli.app, list(arguments))

    return run


async def test_cli_exports_filtered_cases(
    invoke, app: object, settings: Settings, tmp_path: Path
) -> None:
    runner = ImportRunner(app.state.database, SYSTEM, settings)  # type: ignore[attr-defined]
    await runner.run(FIXTURES / "patients_utf8_bom.csv", ImportOptions())
    out = tmp_path / "cases.csv"

    result = await invoke("cases", str(out), "--stage", "accepted")

    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert [(row["姓"], row["ステータス"]) for row in rows] == [("Tran", "受入決定")]


async def test_cli_cp932_failure_exit_two(
    invoke, app: object, session: AsyncSession, tmp_path: Path
) -> None:
    await patient_service.create(
        session,
        SYSTEM,
        app.state.cipher,  # type: ignore[attr-defined]
        PatientCreate(family_name="김", given_name="민준"),
    )
    await session.commit()
    out = tmp_path / "patients.csv"

    result = await invoke("patients", str(out), "--encoding", "cp932")

    assert result.exit_code == 2
    assert "U+AE40" in result.output
    assert not out.exists()


async def test_cli_invalid_sort_exit_two(invoke, tmp_path: Path) -> None:
    out = tmp_path / "patients.csv"

    result = await invoke("patients", str(out), "--sort", "allergies")

    assert result.exit_code == 2, result.output
    assert "Cannot sort by 'allergies'" in result.output
    assert not out.exists()


async def test_cli_nationality_by_name(
    invoke, app: object, settings: Settings, tmp_path: Path
) -> None:
    runner = ImportRunner(app.state.database, SYSTEM, settings)  # type: ignore[attr-defined]
    await runner.run(FIXTURES / "patients_cp932.csv", ImportOptions())
    out = tmp_path / "patients.csv"

    result = await invoke("patients", str(out), "--nationality", "中国")

    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert [(row["姓"], row["国籍"]) for row in rows] == [("李", "CN")]


async def test_cli_unknown_nationality_exit_two(invoke, tmp_path: Path) -> None:
    out = tmp_path / "patients.csv"
    out.write_text("an earlier export", encoding="utf-8")

    result = await invoke("patients", str(out), "--nationality", "ワカンダ")

    assert result.exit_code == 2
    assert "Unknown nationality 'ワカンダ'" in result.output
    assert out.read_text(encoding="utf-8") == "an earlier export"
