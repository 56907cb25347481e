"""The `hospital-crm` command, run as a user runs it: a subprocess with its own DATA_DIR."""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

CLI = [sys.executable, "-m", "hospital_crm.cli"]


def run(data_dir: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    environment = {
        key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "REDIS_URL"}
    }
    # A wide console keeps Rich from wrapping the messages that the tests look for.
    environment.update(
        DATA_DIR=str(data_dir), APP_ENV="development", LOG_LEVEL="WARNING", COLUMNS="200"
    )
    return subprocess.run(
        [*CLI, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cli")


def test_serve_refuses_unmigrated_database(tmp_path):
    result = run(tmp_path, "serve", "--port", "1")

    assert result.returncode == 1
    assert "not migrated" in result.stderr
    assert "hospital-crm migrate" in result.stderr


def test_init_creates_first_admin_once(data_dir):
    first = run(data_dir, "init")
    second = run(data_dir, "init")

    assert first.returncode == 0, first.stderr
    assert "admin@example.com" in first.stderr
    assert "password:" in first.stderr
    assert "First administrator" not in second.stderr


def test_create_user_reads_password_from_stdin(data_dir):
    result = run(
        data_dir,
        "create-user",
        "--email",
        "coordinator@example.com",
        "--role",
        "coordinator",
        "--name",
        "山田 美咲",
        stdin="a-long-enough-passphrase-2026\n",
    )
    duplicate = run(
        data_dir,
        "create-user",
        "--email",
        "coordinator@example.com",
        "--role",
        "coordinator",
        "--name",
        "山田 美咲",
        stdin="a-long-enough-passphrase-2026\n",
    )
    weak = run(
        data_dir,
        "create-user",
        "--email",
        "weak@example.com",
        "--role",
        "doctor",
        "--name",
        "X",
        stdin="password1234\n",
    )

    assert result.returncode == 0, result.stderr
    assert "Created user" in result.stderr
    assert duplicate.returncode == 1
    assert "already exists" in duplicate.stderr
    assert weak.returncode == 1
    assert "common passwords" in weak.stderr


def test_create_user_has_no_password_option(data_dir):
    result = run(data_dir, "create-user", "--help")

    assert "--password" not in result.stdout


def test_demo_data_and_audit_verify(data_dir):
    demo = run(data_dir, "demo-data", "--patients", "5")
    verify = run(data_dir, "audit", "verify")

    assert demo.returncode == 0, demo.stderr
    assert "5 patients" in demo.stderr
    assert "doctor.2@demo.example.com" in demo.stderr
    assert verify.returncode == 0
    assert "intact" in verify.stderr


def test_demo_data_twice_adds_patients(data_dir):
    first = run(data_dir, "demo-data", "--patients", "3")
    second = run(data_dir, "demo-data", "--patients", "3", "--seed", "7")
    login_ready = run(
        data_dir, "reset-password", "--email", "doctor.2@demo.example.com", stdin="Kq7!vR2m#Lp9xZ\n"
    )

    assert first.returncode == 0, first.stderr
    assert second.returncode == 0, second.stderr
    assert "0 partners, 0 staff, 3 patients" in second.stderr
    assert login_ready.returncode == 0, login_ready.stderr


def test_openapi_command(data_dir):
    result = run(data_dir, "openapi")

    assert result.returncode == 0
    assert '"/api/v1/patients"' in result.stdout


def test_production_without_secrets_stops(tmp_path):
    environment_run = subprocess.run(
        [*CLI, "migrate"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "APP_ENV": "production", "DATA_DIR": str(tmp_path), "JWT_SECRET": ""},
    )

    assert environment_run.returncode == 2
    assert "JWT_SECRET" in environment_run.stderr


def test_reset_password_unlocks_and_requires_change(data_dir):
    result = run(
        data_dir,
        "reset-password",
        "--email",
        "coordinator@example.com",
        stdin="another-long-passphrase-2026\n",
    )
    unknown = run(
        data_dir,
        "reset-password",
        "--email",
        "nobody@example.com",
        stdin="another-long-passphrase-2026\n",
    )

    assert result.returncode == 0, result.stderr
    assert unknown.returncode == 1
    assert "nobody@example.com" in unknown.stderr


def test_sqlite_file_private(data_dir):
    assert (data_dir / "hospital_crm.sqlite3").stat().st_mode & 0o077 == 0


def test_commands_refuse_unmigrated_database(tmp_path):
    result = run(tmp_path, "reset-password", "--email", "a@example.com", stdin="x\n")

    assert result.returncode == 1
    assert "not migrated" in result.stderr
    assert str(tmp_path) in result.stderr


def test_create_user_reports_bad_input(data_dir):
    bad_role = run(
        data_dir,
        "create-user",
        "--email",
        "x@example.com",
        "--role",
        "nurse",
        "--name",
        "X",
        stdin="Kq7!vR2m#Lp9xZ\n",
    )
    partner = run(
        data_dir,
        "create-user",
        "--email",
        "p@example.com",
        "--role",
        "partner",
        "--name",
        "P",
        stdin="Kq7!vR2m#Lp9xZ\n",
    )

    assert bad_role.returncode == 1
    assert "coordinator" in bad_role.stderr
    assert "Traceback" not in bad_role.stderr
    assert partner.returncode == 1
    assert "--partner-id" in partner.stderr


def test_serve_names_busy_port(data_dir):
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]

        result = run(data_dir, "serve", "--port", str(port))

    assert result.returncode == 2
    assert f"127.0.0.1:{port}" in result.stderr


def test_import_and_export_refuse_unmigrated_database(tmp_path):
    sheet = tmp_path / "patients.csv"
    sheet.write_text("氏名\n王 偉\n", encoding="utf-8")

    imported = run(tmp_path, "import", "patients", str(sheet), "--dry-run")
    exported = run(tmp_path, "export", "patients", str(tmp_path / "out.csv"))

    assert imported.returncode == 2
    assert "not migrated" in imported.stderr
    assert exported.returncode == 2
    assert "not migrated" in exported.stderr
