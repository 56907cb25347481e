"""Back up a scratch PostgreSQL database with scripts/backup.sh and restore it.

The source database gets the application's schema and demo data
(`hospital-crm migrate` and `hospital-crm demo-data`) plus fixture tables with
awkward names and types. After scripts/restore.sh each table's row count and
an md5 of its ordered rows must match the source, and every sequence must
continue where it stopped. The refusals of restore.sh are checked too.
All scratch databases live on 127.0.0.1:5432 and are dropped at the end.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import tempfile
from pathlib import Path

from checklib import REPO_ROOT, Results

PG_HOST = os.environ.get("INFRA_TEST_PGHOST", "127.0.0.1")
PG_PORT = os.environ.get("INFRA_TEST_PGPORT", "5432")
PG_USER = os.environ.get("INFRA_TEST_PGUSER", "postgres")
HOSPITAL_CRM = os.environ.get(
    "HOSPITAL_CRM_BIN", str(REPO_ROOT / "backend" / ".venv" / "bin" / "hospital-crm")
)
BACKUP_SCRIPT = REPO_ROOT / "scripts" / "backup.sh"
RESTORE_SCRIPT = REPO_ROOT / "scripts" / "restore.sh"

FIXTURE_SQL = """
CREATE SCHEMA "infra check";
CREATE TABLE "infra check"."Mixed Case" (
    id bigserial PRIMARY KEY,
    name_ja text NOT NULL,
    details jsonb,
    scan bytea,
    admitted_at timestamptz,
    fee numeric(12, 2)
);
INSERT INTO "infra check"."Mixed Case" (name_ja, details, scan, admitted_at, fee)
SELECT '患者 ' || g,
       jsonb_build_object('stage', 'in_treatment', 'n', g, 'note', E'tab\\there'),
       CASE WHEN g % 3 = 0 THEN NULL ELSE decode(md5(g::text), 'hex') END,
       timestamptz '2026-01-01 09:00+09' + g * interval '1 hour',
       g * 1234.5
FROM generate_series(1, 250) AS g;
CREATE TABLE "infra check".empty_table (id int);
"""


def psql(database: str, sql: str) -> str:
    result = subprocess.run(
        ["psql", "--no-psqlrc", "--quiet", "--tuples-only", "--no-align",
         "--set=ON_ERROR_STOP=1", "-h", PG_HOST, "-p", PG_PORT, "-U", PG_USER,
         "-d", database, "--command", sql],
        capture_output=True, text=True, check=True,
    )
    return result.stdout


# Trust authentication ignores it, but it makes backup.sh take the PGPASSFILE
# path, and the check below looks for it in the script's output.
URL_PASSWORD = "url-password-" + secrets.token_hex(4)


def database_url(database: str) -> str:
    return f"postgresql://{PG_USER}:{URL_PASSWORD}@{PG_HOST}:{PG_PORT}/{database}"


def table_fingerprints(database: str) -> dict[str, tuple[str, str]]:
    """Map each user table to (row count, md5 of its rows sorted as text)."""
    tables = psql(database, """
        SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')
          AND n.nspname NOT LIKE 'pg\\_%' ORDER BY 1""").split("\n")
    fingerprints = {}
    for table in filter(None, tables):
        row = psql(database, f"SELECT count(*) || ' ' || coalesce(md5(string_agg(t::text, "
                             f"E'\\n' ORDER BY t::text)), '-') FROM {table} AS t").strip()
        count, checksum = row.split(" ")
        fingerprints[table] = (count, checksum)
    return fingerprints


def sequence_positions(database: str) -> dict[str, str]:
    rows = psql(database, "SELECT format('%I.%I', schemaname, sequencename) || ' ' || "
                          "coalesce(last_value::text, 'unused') FROM pg_sequences ORDER BY 1")
    return dict(line.split(" ", 1) for line in rows.split("\n") if line)


def run_script(script: Path, *arguments: str, database: str, env: dict[str, str]):
    return subprocess.run([str(script), *arguments], capture_output=True, text=True,
                          check=False, env={**env, "DATABASE_URL": database_url(database)})


def app_environment(workdir: Path) -> dict[str, str]:
    environment = {**os.environ, "DATA_DIR": str(workdir / "app-data"),
                   "APP_ENV": "development", "HOSPITAL_CRM_BIN": HOSPITAL_CRM}
    for name in ("DATABASE_READ_URL", "REDIS_URL", "BACKUP_S3_BUCKET"):
        environment.pop(name, None)
    return environment


def load_source(results: Results, source: str, env: dict[str, str]) -> None:
    app_env = {**env, "DATABASE_URL": database_url(source)}
    migrate = subprocess.run([HOSPITAL_CRM, "migrate"], capture_output=True, text=True,
                             check=False, env=app_env)
    results.check("backup: app schema migrated", migrate.returncode == 0,
                  (migrate.stderr or migrate.stdout)[-500:])
    demo = subprocess.run([HOSPITAL_CRM, "demo-data", "--patients", "40"],
                          capture_output=True, text=True,
                          check=False, env=app_env)
    results.check("backup: demo data loaded", demo.returncode == 0,
                  (demo.stderr or demo.stdout)[-500:])
    psql(source, FIXTURE_SQL)


def check_round_trip(results: Results, source: str, target: str, env: dict[str, str],
                     backup_dir: Path) -> Path | None:
    backup = run_script(BACKUP_SCRIPT, database=source, env={**env, "BACKUP_DIR": str(backup_dir)})
    dumps = sorted(backup_dir.glob("hospital-crm-*.dump"))
    if not results.check("backup: backup.sh wrote a dump", backup.returncode == 0 and len(dumps) == 1,
                         backup.stderr[-500:]):
        return None
    dump = dumps[0]
    results.check("backup: dump is custom format",
                  dump.read_bytes()[:5] == b"PGDMP", repr(dump.read_bytes()[:5]))
    results.check("backup: dump readable by owner only", dump.stat().st_mode & 0o077 == 0,
                  oct(dump.stat().st_mode))
    results.check("backup: password kept off the output",
                  URL_PASSWORD not in backup.stdout + backup.stderr)

    restore = run_script(RESTORE_SCRIPT, str(dump), database=target, env=env)
    results.check("backup: restore.sh into an empty database", restore.returncode == 0,
                  (restore.stderr or restore.stdout)[-800:])
    results.check("backup: restore ran the row-count verification",
                  "match the backup manifest" in restore.stdout, restore.stdout[-300:])
    results.check("backup: restore ran hospital-crm audit verify",
                  "running hospital-crm audit verify" in restore.stdout, restore.stdout[-300:])

    source_tables, target_tables = table_fingerprints(source), table_fingerprints(target)
    results.check("backup: same tables restored", source_tables.keys() == target_tables.keys(),
                  f"missing {sorted(source_tables.keys() - target_tables.keys())}")
    differing = [name for name in source_tables if source_tables[name] != target_tables.get(name)]
    results.check(f"backup: row counts and md5 match for {len(source_tables)} tables",
                  not differing and len(source_tables) > 3, f"differ: {differing}")
    results.check("backup: restored data is not empty",
                  sum(int(count) for count, _ in target_tables.values()) > 250)
    results.check("backup: sequences continue where they stopped",
                  sequence_positions(source) == sequence_positions(target))
    return dump


def check_refusals(results: Results, dump: Path, target: str, scratch: str,
                   env: dict[str, str], workdir: Path) -> None:
    psql(target, 'DELETE FROM "infra check"."Mixed Case" WHERE id <= 10')
    refused = run_script(RESTORE_SCRIPT, str(dump), database=target, env=env)
    results.check("backup: restore refuses a non-empty database",
                  refused.returncode != 0 and "--force" in refused.stderr, refused.stderr[-300:])
    remaining = psql(target, 'SELECT count(*) FROM "infra check"."Mixed Case"').strip()
    results.check("backup: refused restore left the database alone", remaining == "240", remaining)

    forced = run_script(RESTORE_SCRIPT, "--force", str(dump), database=target, env=env)
    restored = psql(target, 'SELECT count(*) FROM "infra check"."Mixed Case"').strip()
    results.check("backup: --force restores over existing tables",
                  forced.returncode == 0 and restored == "250",
                  (forced.stderr or forced.stdout)[-500:])

    corrupted_dir = workdir / "corrupted"
    corrupted_dir.mkdir()
    for file in dump.parent.glob(dump.stem + ".*"):
        shutil.copy(file, corrupted_dir / file.name)
    corrupted = corrupted_dir / dump.name
    data = bytearray(corrupted.read_bytes())
    data[len(data) // 2] ^= 0xFF
    corrupted.write_bytes(bytes(data))
    rejected = run_script(RESTORE_SCRIPT, str(corrupted), database=scratch, env=env)
    results.check("backup: restore rejects a corrupted dump",
                  rejected.returncode != 0 and "checksum mismatch" in rejected.stderr,
                  rejected.stderr[-300:])
    results.check("backup: rejected dump restored nothing", table_fingerprints(scratch) == {})


def main() -> None:
    results = Results()
    suffix = secrets.token_hex(4)
    source, target, scratch = (f"crm_backup_{role}_{suffix}" for role in ("src", "dst", "scratch"))
    workdir = Path(tempfile.mkdtemp(prefix="crm-backup-"))
    env = app_environment(workdir)
    created: list[str] = []
    try:
        for database in (source, target, scratch):
            subprocess.run(["createdb", "-h", PG_HOST, "-p", PG_PORT, "-U", PG_USER, database],
                           check=True)
            created.append(database)
        load_source(results, source, env)
        backup_dir = workdir / "backups"
        dump = check_round_trip(results, source, target, env, backup_dir)
        if dump is not None:
            check_refusals(results, dump, target, scratch, env, workdir)
    finally:
        for database in created:
            subprocess.run(["dropdb", "--if-exists", "-h", PG_HOST, "-p", PG_PORT, "-U", PG_USER,
                            database], check=False)
        shutil.rmtree(workdir, ignore_errors=True)
    results.exit()


if __name__ == "__main__":
    main()
