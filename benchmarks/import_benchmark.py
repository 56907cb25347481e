"""Measure a patient import of a generated sheet into an empty database.

Usage, from the repository root:

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/import_bench \\
        backend/.venv/bin/python benchmarks/import_benchmark.py --rows 100000

The script drops and recreates every table of DATABASE_URL (never point it at a
database whose data you need). It generates a UTF-8 CSV with BOM, because the
Simplified Chinese names have no CP932 code, with Japanese headers, names, era
dates, full-width digits, phones, nationalities and one status column. It imports
the file with the same runner as `hospital-crm import patients`, and prints the
elapsed time, rows per second, the peak resident memory and the outcome counts. It
then imports the same file again to time the all-duplicates case.
"""

import argparse
import asyncio
import csv
import io
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from faker import Faker
from hospital_crm.core.config import get_settings
from hospital_crm.core.context import SYSTEM
from hospital_crm.core.db import create_database
from hospital_crm.core.models import Base
from hospital_crm.departments.models import Department
from hospital_crm.imports.models import ImportBatch  # noqa: F401  (registers the tables)
from hospital_crm.imports.pipeline import ImportOptions, ImportRunner
from hospital_crm.models import Base as _registry  # noqa: F401  (registers the core tables)

HEADERS = [
    "氏名",
    "フリガナ",
    "ローマ字",
    "国籍",
    "生年月日",
    "性別",
    "電話番号",
    "メール",
    "パスポート番号",
    "希望診療科",
    "受付日",
    "ステータス",
    "備考",
]
COUNTRIES = [
    ("中国", "zh_CN", "CN"),
    ("China", "zh_CN", "CN"),
    ("台湾", "zh_TW", "TW"),
    ("韓国", "ko_KR", "KR"),
    ("ベトナム", "vi_VN", "VN"),
    ("US", "en_US", "US"),
    ("ロシア", "ru_RU", "RU"),
]
STAGES = [
    "問い合わせ受付",
    "診療情報受領",
    "医師確認",
    "見積提示",
    "受入決定",
    "治療中",
    "帰国",
]
DEPARTMENTS = [
    ("gastroenterology", "消化器内科", "Gastroenterology"),
    ("orthopedics", "整形外科", "Orthopedics"),
    ("cardiology", "循環器内科", "Cardiology"),
]


def generate_sheet(path: Path, rows: int, seed: int) -> None:
    """Write `rows` distinct patients; every value is unique enough to create a patient."""
    rng = random.Random(seed)
    fakers = {locale: Faker(locale) for _, locale, _ in COUNTRIES}
    for faker in fakers.values():
        faker.seed_instance(seed)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    with path.open("wb") as stream:
        stream.write(b"\xef\xbb\xbf")
        writer.writerow(HEADERS)
        for index in range(rows):
            country, locale, _code = COUNTRIES[index % len(COUNTRIES)]
            faker = fakers[locale]
            year = rng.randint(1940, 2010)
            birth = (
                f"{year}/{rng.randint(1, 12)}/{rng.randint(1, 28)}"
                if index % 3
                else f"S{year - 1925}.{rng.randint(1, 12)}.{rng.randint(1, 28)}"
                if 1927 <= year <= 1988
                else f"{year}年{rng.randint(1, 12)}月1日"
            )
            writer.writerow(
                [
                    f"{faker.last_name()}　{faker.first_name()}",
                    "ﾃｽﾄ ｶﾅ" if index % 5 == 0 else "",
                    f"PATIENT {index}",
                    country,
                    birth,
                    "男" if index % 2 else "女",
                    f"+81 90-{1000 + index // 10000:04d}-{index % 10000:04d}",
                    f"patient{index}@example.com",
                    f"Ｐ{index:08d}",
                    DEPARTMENTS[index % len(DEPARTMENTS)][1],
                    f"R6.{index % 12 + 1}.{index % 28 + 1}",
                    STAGES[index % len(STAGES)],
                    "備考～" if index % 7 == 0 else "",
                ]
            )
            if index % 1000 == 999:
                stream.write(buffer.getvalue().encode("utf-8"))
                buffer.seek(0)
                buffer.truncate()
        stream.write(buffer.getvalue().encode("utf-8"))


async def reset_database() -> None:
    settings = get_settings()
    database = create_database(settings)
    async with database.engine.begin() as connection:
        await connection.run_sync(Base.metadata.drop_all)
        await connection.run_sync(Base.metadata.create_all)
    async with database.sessionmaker() as session:
        for code, name_ja, name_en in DEPARTMENTS:
            session.add(Department(code=code, name_ja=name_ja, name_en=name_en))
        await session.commit()
    await database.dispose()


def postgres_cpu_seconds(database_name: str) -> float:
    """CPU time (user + system) of the PostgreSQL backends serving `database_name`.

    Reads /proc, so it works for a server on this Linux machine only; it returns 0.0
    when no backend is visible.
    """
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            command = (stat.parent / "cmdline").read_bytes().decode(errors="replace")
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if command.startswith("postgres:") and f" {database_name} " in command:
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def own_cpu_seconds() -> tuple[float, float]:
    """CPU time of this process and of its finished children (the import's workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


async def run_import(
    path: Path, chunk_size: int
) -> tuple[float, object, dict[str, float]]:
    settings = get_settings()
    database = create_database(settings)
    database_name = database.engine.url.database or ""
    runner = ImportRunner(database, SYSTEM, settings)
    main_before, workers_before = own_cpu_seconds()
    postgres_before = postgres_cpu_seconds(database_name)
    started = time.perf_counter()
    summary = await runner.run(path, ImportOptions(chunk_size=chunk_size))
    elapsed = time.perf_counter() - started
    main_after, workers_after = own_cpu_seconds()
    cpu = {
        "main": main_after - main_before,
        "worker": workers_after - workers_before,
        # Backends that closed during the run are missing from this figure.
        "postgres": postgres_cpu_seconds(database_name) - postgres_before,
    }
    await database.dispose()
    return elapsed, summary, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--chunk-size", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=20240401)
    arguments = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "patients.csv"
        started = time.perf_counter()
        generate_sheet(path, arguments.rows, arguments.seed)
        print(
            f"generated {arguments.rows} rows ({path.stat().st_size / 1e6:.1f} MB) "
            f"in {time.perf_counter() - started:.1f} s"
        )
        asyncio.run(reset_database())

        for label in ("first import", "same file again"):
            load_before = os.getloadavg()[0]
            elapsed, summary, cpu = asyncio.run(run_import(path, arguments.chunk_size))
            peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(
                f"{label}: {elapsed:.1f} s, {arguments.rows / elapsed:,.0f} rows/s, "
                f"peak RSS {peak_mb:.0f} MB; created {summary.created}, updated "
                f"{summary.updated}, skipped {summary.skipped}, rejected {summary.rejected}, "
                f"cases {summary.cases_created}"
            )
            print(
                f"  CPU seconds: main {cpu['main']:.1f}, workers {cpu['worker']:.1f}, "
                f"PostgreSQL {cpu['postgres']:.1f}; load average {load_before:.1f} before, "
                f"{os.getloadavg()[0]:.1f} after ({os.cpu_count()} CPUs)"
            )


if __name__ == "__main__":
    sys.exit(main())
