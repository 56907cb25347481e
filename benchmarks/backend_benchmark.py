"""Measure patient search and the filtered case list on a large generated database.

Usage, from the repository root:

    backend/.venv/bin/python benchmarks/backend_benchmark.py --database both --patients 100000

For each database the script creates an empty one: a scratch PostgreSQL database
`crm_bench_<random>` on the server of --postgres-url, or a SQLite file in a temporary
DATA_DIR. It migrates it with Alembic and bulk-inserts generated patients, cases and
activities. It then sends GET requests through the real FastAPI app (httpx over ASGI,
no network) as a logged-in coordinator. It prints N, p50, p95 and max latency
per query kind, and the load time. The database is dropped at the end unless --keep
is given. With --reuse the script measures a kept database again without loading it,
for example after an index was created by hand.

The rows are what the services would write for the same input. The patient service's
`field_values` and `apply_fields` fill each patient (E.164 phones, fields encrypted
with the app's FieldCipher, passport lookup hash, duplicate keys, time zone), and
`search_terms_for` gives its search terms. Names follow the demo data generator
(hospital_crm.demo): its origins and weights, Faker locales, pinyin for Chinese
passport names and Faker's kanji/kana/romaji triples for Japanese ones. Case stages
follow the demo too: uniform over the journey from inquiry_received to follow_up,
8 % lost. Stage history, tasks, partners and audit rows are not written, because
neither measured endpoint reads them.
"""

import argparse
import asyncio
import base64
import json
import math
import os
import random
import secrets
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import jaconv
import phonenumbers
from faker import Faker
from hospital_crm.activities.models import Activity, ActivityKind, Direction
from hospital_crm.app import create_app
from hospital_crm.cases.models import (
    STAGE_ORDER,
    TERMINAL_STAGES,
    Case,
    CaseStage,
    Channel,
    Priority,
)
from hospital_crm.cases.service import REFERENCE_ALPHABET, REFERENCE_LENGTH
from hospital_crm.commands import cipher_for
from hospital_crm.core.config import Settings
from hospital_crm.core.crypto import FieldCipher
from hospital_crm.core.db import create_database
from hospital_crm.core.migrations import migrate
from hospital_crm.core.permissions import Role
from hospital_crm.core.security import hash_password
from hospital_crm.demo import MESSAGES, ORIGINS, TREATMENTS, Origin
from hospital_crm.departments.models import Department
from hospital_crm.patients.models import Patient, PatientSearchTerm, Sex
from hospital_crm.patients.schemas import CarePreferences, Messaging, PatientCreate, Phone
from hospital_crm.patients.service import apply_fields, field_values, search_terms_for
from hospital_crm.users.models import User
from pypinyin import Style, lazy_pinyin
from rich.console import Console
from rich.table import Table
from sqlalchemy import Table as SqlTable
from sqlalchemy import insert, select
from unidecode import unidecode

BATCH_SIZE = 5_000
# Patients are created over this many days before the anchor time, cases after them.
HISTORY_DAYS = 3 * 365
COORDINATOR_EMAIL = "bench.coordinator@example.com"
# Distinct target patients per search kind. Requests cycle through them.
PROBES_PER_KIND = 50
STATE_FILE = "benchmark_state.json"
TARGET_P95_MS = 50.0

# Wide enough for the latency table when the output is a file or a pipe.
console = Console(width=None if sys.stdout.isatty() else 150)


@dataclass(frozen=True)
class Counts:
    patients: int
    cases: int
    activities: int


@dataclass
class Probe:
    """One request to time. A case list response must match the filters in `params`."""

    params: dict[str, str]
    # For a search: the patient the query was built from.
    patient_id: str | None = None
    # For a case list by department: index into the migrated departments.
    department_slot: int | None = None


@dataclass
class QueryKind:
    key: str
    label: str
    path: str
    probes: list[Probe]
    # False for the baseline request, whose response is not a page of results.
    paged: bool = True


@dataclass
class Result:
    kind: QueryKind
    latencies_ms: list[float]
    # None for a kind whose response is not a page.
    median_total: float | None
    # Responses that lack the target patient although it should fit on the first page,
    # or that contain a case outside the filter.
    misses: int


@dataclass
class Dataset:
    patients: list[dict[str, Any]]
    search_terms: list[dict[str, Any]]
    cases: list[dict[str, Any]]
    # Index into the migrated departments of each case, resolved when the rows are inserted.
    department_slots: list[int]
    activities: list[dict[str, Any]]
    users: list[dict[str, Any]]
    query_kinds: list[QueryKind]
    generate_seconds: float


@dataclass
class PatientIdentity:
    """Values a coordinator could type to find one generated patient."""

    id: uuid.UUID
    nationality: str
    family_name: str
    given_name: str
    name_latin: str
    name_kana: str | None
    email: str
    phone_e164: str | None
    passport_number: str


# --- Generation --------------------------------------------------------------------------


class Generator:
    """Source of row values: one seeded random generator and one seeded Faker per locale.

    The same seed gives the same rows, except for ciphertexts, whose nonces are random.
    """

    def __init__(self, seed: int, anchor: datetime) -> None:
        # Reproducible generated data, never secrets.
        self.rng = random.Random(seed)  # noqa: S311
        self.anchor = anchor
        self.fakers = {origin.locale: Faker(origin.locale) for origin in ORIGINS}
        for index, faker in enumerate(self.fakers.values()):
            faker.seed_instance(seed + index)

    def uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def phone(self, country: str) -> str | None:
        """Return a valid mobile number of the country with up to seven random trailing digits."""
        example = phonenumbers.example_number_for_type(country, phonenumbers.PhoneNumberType.MOBILE)
        if example is None:
            return None
        digits = str(example.national_number)
        width = min(7, len(digits) - 2)
        for _ in range(20):
            candidate = digits[:-width] + f"{self.rng.randrange(10**width):0{width}d}"
            number = phonenumbers.parse(f"+{example.country_code}{candidate}")
            if phonenumbers.is_valid_number(number):
                return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        return phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)

    def names(self, origin: Origin, sex: Sex) -> tuple[str, str, str, str | None]:
        """Return family, given, passport (Latin) and kana names, built as the demo generator does."""
        faker = self.fakers[origin.locale]
        female = sex is Sex.female
        if origin.locale == "ja_JP":
            family, family_kana, family_latin = faker.last_name_pair()
            pair = faker.first_name_female_pair() if female else faker.first_name_male_pair()
            given, given_kana, given_latin = pair
            return (
                family,
                given,
                f"{family_latin} {given_latin}".upper(),
                f"{family_kana} {given_kana}",
            )

        family = faker.last_name()
        given = faker.first_name_female() if female else faker.first_name_male()
        if origin.locale.startswith("zh"):
            latin = " ".join(
                "".join(lazy_pinyin(part, style=Style.NORMAL)) for part in (family, given)
            )
        else:
            latin = f"{unidecode(family)} {unidecode(given)}"
        return family, given, latin.upper(), None

    def patient_input(self, origin: Origin) -> PatientCreate:
        rng = self.rng
        sex = rng.choice((Sex.female, Sex.male))
        family, given, latin, kana = self.names(origin, sex)
        phone = self.phone(origin.nationality)
        handle = _email_handle(latin, rng.randrange(10, 10_000))
        return PatientCreate(
            family_name=family,
            given_name=given,
            name_latin=latin,
            name_kana=kana,
            sex=sex,
            date_of_birth=date(1945, 1, 1) + timedelta(days=rng.randrange(365 * 60)),
            nationality=origin.nationality,
            country_of_residence=origin.nationality,
            preferred_languages=list(origin.languages),
            email=f"{handle}@example.{rng.choice(('com', 'net', 'org'))}",
            phones=[Phone(number=phone)] if phone else [],
            messaging=Messaging(
                wechat=handle if origin.nationality in {"CN", "TW"} else None,
                whatsapp=phone if origin.nationality not in {"CN", "JP"} else None,
                line=handle if origin.nationality in {"JP", "TW"} else None,
            ),
            passport_number=f"{rng.choice('EGKPT')}{rng.randrange(10_000_000, 99_999_999)}",
            passport_expiry=self.anchor.date() + timedelta(days=rng.randrange(200, 3000)),
            medical_summary=rng.choice(TREATMENTS) + "を希望。既往歴: 高血圧。",
            allergies=rng.choice(("なし", "ペニシリン", "造影剤（ヨード）")),
            care_preferences=CarePreferences(
                diet=["halal"] if origin.nationality == "SA" else [],
                staff_gender="female" if sex is Sex.female and rng.random() < 0.3 else None,
            ),
            tags=rng.sample(["VIP", "リピーター", "車椅子", "同伴者あり"], k=rng.randrange(0, 2)),
            confirm_duplicate=True,
        )


def _email_handle(latin: str, number: int) -> str:
    words = [word for word in latin.lower().split() if word.isascii() and word.isalnum()]
    return ".".join(reversed(words)) + str(number) if words else f"patient{number}"


def patient_row(
    generator: Generator,
    cipher: FieldCipher,
    data: PatientCreate,
    created_at: datetime,
    created_by_id: uuid.UUID,
) -> dict[str, Any]:
    """Build the patients row that the service's create() stores for `data`.

    The service's own field_values and apply_fields fill the patient, so phones, encrypted
    fields, the passport hash, duplicate keys and the time zone match what it writes.
    """
    patient = Patient(
        id=generator.uuid(),
        created_by_id=created_by_id,
        created_at=created_at,
        updated_at=created_at,
    )
    apply_fields(patient, field_values(data, exclude_unset=False), cipher)
    return {column: getattr(patient, column) for column in Patient.__table__.columns.keys()}


def generate(
    seed: int, anchor: datetime, counts: Counts, cipher: FieldCipher, password: str
) -> Dataset:
    """Generate every row and every probe in memory, so all databases get the same data."""
    started = time.perf_counter()
    generator = Generator(seed, anchor)
    rng = generator.rng
    users = _user_rows(generator, anchor, password)
    owners = [user["id"] for user in users]

    # Sorted, so that the physical row order follows created_at as it does in a live database.
    offsets = sorted(rng.uniform(0, HISTORY_DAYS * 86_400) for _ in range(counts.patients))
    weights = [origin.weight for origin in ORIGINS]
    patient_rows: list[dict[str, Any]] = []
    term_rows: list[dict[str, Any]] = []
    identities: list[PatientIdentity] = []
    for offset in reversed(offsets):
        origin = rng.choices(ORIGINS, weights)[0]
        data = generator.patient_input(origin)
        created_at = anchor - timedelta(seconds=offset)
        row = patient_row(generator, cipher, data, created_at, rng.choice(owners))
        patient_rows.append(row)
        terms = search_terms_for(Patient(**row))
        term_rows.extend({"patient_id": row["id"], "term": term} for term in sorted(terms))
        identities.append(_identity(row, data))

    case_rows, department_slots = _case_rows(generator, patient_rows, counts.cases, owners)
    activity_rows = _activity_rows(generator, case_rows, counts.activities)
    # The cost of authentication and one response alone, to set the search figures against.
    baseline = QueryKind(
        "baseline", "Baseline: GET /users/me", "/api/v1/users/me", [Probe(params={})], paged=False
    )
    query_kinds = [
        baseline,
        *_search_kinds(rng, identities),
        *_case_list_kinds(rng, anchor),
    ]
    return Dataset(
        patients=patient_rows,
        search_terms=term_rows,
        cases=case_rows,
        department_slots=department_slots,
        activities=activity_rows,
        users=users,
        query_kinds=query_kinds,
        generate_seconds=time.perf_counter() - started,
    )


def _identity(row: dict[str, Any], data: PatientCreate) -> PatientIdentity:
    return PatientIdentity(
        id=row["id"],
        nationality=data.nationality or "",
        family_name=data.family_name or "",
        given_name=data.given_name or "",
        name_latin=data.name_latin or "",
        name_kana=data.name_kana,
        email=data.email or "",
        phone_e164=row["phones"][0]["number"] if row["phones"] else None,
        passport_number=data.passport_number or "",
    )


def _user_rows(generator: Generator, anchor: datetime, password: str) -> list[dict[str, Any]]:
    password_hash = hash_password(password)
    rows = []
    for index, (email, name) in enumerate(
        (
            (COORDINATOR_EMAIL, "山田 美咲"),
            ("coordinator.1@example.com", "李 静"),
            ("coordinator.2@example.com", "Nguyen Thi Lan"),
        )
    ):
        rows.append(
            {
                "id": generator.uuid(),
                "email": email,
                "display_name": name,
                "role": Role.coordinator,
                "languages": ["ja"],
                "ui_language": "ja",
                "active": True,
                "password_hash": password_hash if index == 0 else None,
                "partner_id": None,
                "failed_login_count": 0,
                "must_change_password": False,
                "created_at": anchor - timedelta(days=HISTORY_DAYS + 1),
                "updated_at": anchor - timedelta(days=HISTORY_DAYS + 1),
            }
        )
    return rows


def _case_rows(
    generator: Generator,
    patients: Sequence[dict[str, Any]],
    count: int,
    owners: Sequence[uuid.UUID],
) -> tuple[list[dict[str, Any]], list[int]]:
    """Return case rows and a department slot for each.

    Each patient's first case opens with the patient. Cases beyond one per patient are
    repeat visits of random patients, opened at a random time after registration. The
    department slot picks one of the migrated departments, whose ids are known at load.
    """
    rng = generator.rng
    references: set[str] = set()
    rows = []
    for patient in patients[:count]:
        created_at = patient["created_at"] + timedelta(seconds=rng.uniform(1, 60))
        rows.append(_case_row(generator, patient, created_at, rng.choice(owners), references))
    for _ in range(count - len(rows)):
        patient = rng.choice(patients)
        span = (generator.anchor - patient["created_at"]).total_seconds()
        created_at = patient["created_at"] + timedelta(seconds=rng.uniform(0, span))
        rows.append(_case_row(generator, patient, created_at, rng.choice(owners), references))
    rows.sort(key=lambda row: row["created_at"])
    return rows, [rng.randrange(1_000) for _ in rows]


def _case_row(
    generator: Generator,
    patient: dict[str, Any],
    created_at: datetime,
    owner_id: uuid.UUID,
    references: set[str],
) -> dict[str, Any]:
    rng = generator.rng
    stage = STAGE_ORDER[rng.randrange(1, len(STAGE_ORDER)) - 1]
    if rng.random() < 0.08:
        stage = CaseStage.lost
    stage_changed_at = min(created_at + timedelta(days=rng.uniform(0, 30)), generator.anchor)
    arrival = created_at.date() + timedelta(days=rng.randrange(14, 120))
    return {
        "id": generator.uuid(),
        "reference": _unique_reference(rng, created_at.year, references),
        "patient_id": patient["id"],
        "channel": rng.choice(list(Channel)),
        "department_id": None,
        "requested_treatment": rng.choice(TREATMENTS),
        "desired_date_from": None,
        "desired_date_to": None,
        "planned_arrival_date": arrival,
        "planned_departure_date": arrival + timedelta(days=rng.randrange(3, 30)),
        "received_on": created_at.date(),
        "owner_id": owner_id,
        "referring_partner_id": None,
        "guarantor_organization_id": None,
        "priority": rng.choice(list(Priority)),
        "estimated_value": Decimal(rng.randrange(300, 8000) * 1000),
        "currency": "JPY",
        "stage": stage,
        "stage_changed_at": stage_changed_at,
        "lost_reason": "他院で治療を受けることになったため" if stage is CaseStage.lost else None,
        "notes": None,
        "closed_at": stage_changed_at if stage in TERMINAL_STAGES else None,
        "created_by_id": owner_id,
        "created_at": created_at,
        "updated_at": stage_changed_at,
        "deleted_at": None,
    }


def _unique_reference(rng: random.Random, year: int, taken: set[str]) -> str:
    # The format of cases.service.new_reference, drawn from the seeded generator. Random
    # draws can still collide, so each one is checked against the references made so far.
    while True:
        code = "".join(rng.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))
        reference = f"{year}-{code}"
        if reference not in taken:
            taken.add(reference)
            return reference


def _activity_rows(
    generator: Generator, cases: Sequence[dict[str, Any]], count: int
) -> list[dict[str, Any]]:
    """Build the `created` entry of each case first, then staff notes, calls and messages."""
    rng = generator.rng
    rows = []
    for index in range(count):
        case = cases[index] if index < len(cases) else rng.choice(cases)
        is_created_entry = index < len(cases)
        occurred_at = case["created_at"] if is_created_entry else case["stage_changed_at"]
        rows.append(
            {
                "id": generator.uuid(),
                "patient_id": case["patient_id"],
                "case_id": case["id"],
                "kind": ActivityKind.created
                if is_created_entry
                else rng.choice((ActivityKind.note, ActivityKind.call, ActivityKind.message)),
                "channel": None,
                "direction": None if is_created_entry else rng.choice(list(Direction)),
                "subject": None,
                "body": None if is_created_entry else rng.choice(MESSAGES),
                "details": {"source": "benchmark", "reference": case["reference"]}
                if is_created_entry
                else {},
                "actor_id": case["owner_id"],
                "occurred_at": occurred_at,
                "created_at": occurred_at,
            }
        )
    return rows


# --- Queries -----------------------------------------------------------------------------


def _national_phone(e164: str) -> str:
    number = phonenumbers.parse(e164)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def _search_kinds(rng: random.Random, identities: Sequence[PatientIdentity]) -> list[QueryKind]:
    """Build search probes from generated patients, so each query has a patient to find."""
    japanese = [person for person in identities if person.nationality == "JP"]
    chinese = [person for person in identities if person.nationality == "CN"]
    vietnamese = [person for person in identities if person.nationality == "VN"]
    with_phone = [person for person in identities if person.phone_e164]
    specs = (
        ("kanji_surname", "Kanji surname (JP)", japanese, lambda p: p.family_name),
        ("katakana_name", "Katakana full name (JP)", japanese, lambda p: p.name_kana),
        (
            "hiragana_surname",
            "Hiragana surname (JP)",
            japanese,
            lambda p: jaconv.kata2hira(p.name_kana.split()[0]),
        ),
        ("romaji_name", "Romaji full name (JP)", japanese, lambda p: p.name_latin.title()),
        ("pinyin_name", "Pinyin full name (CN)", chinese, lambda p: p.name_latin.lower()),
        (
            "pinyin_surname",
            "Pinyin surname only (CN)",
            chinese,
            lambda p: p.name_latin.split()[0].lower(),
        ),
        (
            "vietnamese_name",
            "Vietnamese full name, no diacritics",
            vietnamese,
            lambda p: p.name_latin.lower(),
        ),
        ("email", "Email address", identities, lambda p: p.email),
        (
            "phone_national",
            "Phone, national format",
            with_phone,
            lambda p: _national_phone(p.phone_e164),
        ),
        ("passport", "Passport number (exact)", identities, lambda p: p.passport_number),
    )
    kinds = []
    for key, label, pool, build_query in specs:
        targets = rng.sample(pool, min(PROBES_PER_KIND, len(pool)))
        probes = [
            Probe(params={"q": build_query(person)}, patient_id=str(person.id))
            for person in targets
        ]
        if probes:
            kinds.append(QueryKind(key, label, "/api/v1/patients", probes))
    return kinds


def _case_list_kinds(rng: random.Random, anchor: datetime) -> list[QueryKind]:
    """Build case list probes: by stage and nationality, then also by department or arrival."""
    base = {"stage": "doctor_review", "nationality": "CN", "sort": "-created_at"}
    by_department = [
        Probe(params=dict(base), department_slot=slot) for slot in range(PROBES_PER_KIND)
    ]
    by_arrival = []
    for _ in range(PROBES_PER_KIND):
        start = anchor.date() - timedelta(days=rng.randrange(0, HISTORY_DAYS))
        window = {
            "arrival_from": start.isoformat(),
            "arrival_to": (start + timedelta(days=30)).isoformat(),
        }
        by_arrival.append(Probe(params={**base, **window}))
    return [
        QueryKind(
            "cases_stage_nationality",
            "Cases: stage + nationality",
            "/api/v1/cases",
            [Probe(params=base)],
        ),
        QueryKind("cases_department", "Cases: + department", "/api/v1/cases", by_department),
        QueryKind("cases_arrival", "Cases: + arrival in 30 days", "/api/v1/cases", by_arrival),
    ]


# --- Loading -----------------------------------------------------------------------------


async def load(settings: Settings, dataset: Dataset) -> dict[str, float]:
    """Migrate, insert every row in batches and refresh statistics. Return seconds per step."""
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    await migrate(settings)
    seconds["migrate"] = time.perf_counter() - started

    database = create_database(settings)
    try:
        departments = await _department_ids(database.engine)
        cases = [
            {**row, "department_id": departments[slot % len(departments)]}
            for row, slot in zip(dataset.cases, dataset.department_slots, strict=True)
        ]
        for name, table, rows in (
            ("users", User.__table__, dataset.users),
            ("patients", Patient.__table__, dataset.patients),
            ("patient_search_terms", PatientSearchTerm.__table__, dataset.search_terms),
            ("cases", Case.__table__, cases),
            ("activities", Activity.__table__, dataset.activities),
        ):
            started = time.perf_counter()
            await _insert(database.engine, table, rows)
            seconds[f"insert {name} ({len(rows):,})"] = time.perf_counter() - started

        if not settings.uses_sqlite:
            started = time.perf_counter()
            # VACUUM as well as ANALYZE: a live server's autovacuum sets the visibility map
            # that index-only scans rely on, and freshly bulk-loaded tables have none yet.
            async with database.engine.connect() as connection:
                autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
                await autocommit.exec_driver_sql("VACUUM ANALYZE")
            seconds["vacuum analyze"] = time.perf_counter() - started
    finally:
        await database.dispose()
    return seconds


async def _department_ids(engine: Any) -> list[uuid.UUID]:
    async with engine.connect() as connection:
        query = select(Department.id).order_by(Department.sort_order, Department.code)
        return list((await connection.scalars(query)).all())


async def _insert(engine: Any, table: SqlTable, rows: Sequence[dict[str, Any]]) -> None:
    for start in range(0, len(rows), BATCH_SIZE):
        async with engine.begin() as connection:
            await connection.execute(insert(table), list(rows[start : start + BATCH_SIZE]))


# --- Measuring ---------------------------------------------------------------------------


async def measure(
    settings: Settings,
    kinds: Sequence[QueryKind],
    password: str,
    *,
    requests: int,
    warmup: int,
) -> list[Result]:
    """Send the probes through the app as the benchmark coordinator and time each response."""
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        departments = await _department_ids(app.state.database.engine)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="https://testserver") as client:
            response = await client.post(
                "/api/v1/auth/login", json={"email": COORDINATOR_EMAIL, "password": password}
            )
            _check_status(response)
            client.headers["Authorization"] = f"Bearer {response.json()['access_token']}"
            load_before = os.getloadavg()
            results = [
                await _measure_kind(client, kind, departments, requests=requests, warmup=warmup)
                for kind in kinds
            ]
    # Other processes on the machine inflate the figures, so the load is printed beside them.
    console.print(
        f"Load average (1, 5, 15 min) before measuring: {_format_load(load_before)}, "
        f"after: {_format_load(os.getloadavg())}, on {os.cpu_count()} cores."
    )
    return results


def _format_load(load: tuple[float, float, float]) -> str:
    return " ".join(f"{value:.2f}" for value in load)


async def _measure_kind(
    client: httpx.AsyncClient,
    kind: QueryKind,
    departments: Sequence[uuid.UUID],
    *,
    requests: int,
    warmup: int,
) -> Result:
    params = [_resolved_params(probe, departments) for probe in kind.probes]
    for index in range(warmup):
        _check_status(await client.get(kind.path, params=params[index % len(params)]))

    latencies: list[float] = []
    totals: list[int] = []
    misses = 0
    for index in range(requests):
        probe = kind.probes[index % len(kind.probes)]
        started = time.perf_counter()
        response = await client.get(kind.path, params=params[index % len(params)])
        latencies.append((time.perf_counter() - started) * 1000)
        _check_status(response)
        if not kind.paged:
            continue
        page = response.json()
        totals.append(page["total"])
        misses += _is_miss(probe, params[index % len(params)], page)
    median_total = statistics.median(totals) if totals else None
    return Result(kind, latencies, median_total, misses)


def _resolved_params(probe: Probe, departments: Sequence[uuid.UUID]) -> dict[str, str]:
    if probe.department_slot is None:
        return probe.params
    department = departments[probe.department_slot % len(departments)]
    return {**probe.params, "department_id": str(department)}


def _check_status(response: httpx.Response) -> None:
    if response.status_code != 200:
        raise RuntimeError(
            f"{response.request.method} {response.request.url} returned "
            f"{response.status_code}: {response.text[:500]}"
        )


def _is_miss(probe: Probe, params: dict[str, str], page: dict[str, Any]) -> bool:
    items = page["items"]
    if probe.patient_id is not None:
        # A target beyond the first page may be there; only a short result set proves a miss.
        is_complete = page["total"] <= len(items)
        return is_complete and all(item["id"] != probe.patient_id for item in items)
    return any(not _case_matches(item, params) for item in items)


def _case_matches(item: dict[str, Any], params: dict[str, str]) -> bool:
    arrival = item["planned_arrival_date"]
    checks = (
        item["stage"] == params["stage"],
        item["patient"]["nationality"] == params["nationality"],
        "department_id" not in params or item["department_id"] == params["department_id"],
        "arrival_from" not in params or (arrival is not None and arrival >= params["arrival_from"]),
        "arrival_to" not in params or (arrival is not None and arrival <= params["arrival_to"]),
    )
    return all(checks)


def percentile(values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile: the smallest value with `fraction` of the values at or below it."""
    ordered = sorted(values)
    return ordered[max(math.ceil(fraction * len(ordered)) - 1, 0)]


# --- Targets and reports -----------------------------------------------------------------


def settings_for(data_dir: Path, encryption_key: str, database_url: str | None) -> Settings:
    """Development settings with fixed secrets, as the test suite's make_settings builds them."""
    return Settings(
        app_env="development",
        data_dir=data_dir,
        database_url=database_url,
        jwt_secret="benchmark-access-secret-" + "a" * 32,
        jwt_refresh_secret="benchmark-refresh-secret-" + "b" * 32,
        encryption_key=encryption_key,
        log_level="WARNING",
        frontend_dist=data_dir / "no-frontend",
        # Long enough that the token outlives the slowest measured run.
        access_token_minutes=240,
        session_idle_minutes=240,
        # One client sends every request. The limit stays on, so its counting is timed too,
        # but it is set above what one client can send in a minute.
        rate_limit_per_minute=1_000_000,
    )


def _server_url(admin_url: str, database: str) -> str:
    base, _, _ = admin_url.rpartition("/")
    return f"{base}/{database}"


async def _admin(admin_url: str, statement: str) -> None:
    connection = await asyncpg.connect(admin_url)
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


@asynccontextmanager
async def postgres_target(
    admin_url: str, work_dir: Path, encryption_key: str, keep: bool
) -> AsyncIterator[Settings]:
    name = f"crm_bench_{secrets.token_hex(4)}"
    await _admin(admin_url, f'CREATE DATABASE "{name}"')
    try:
        yield settings_for(work_dir, encryption_key, _server_url(admin_url, name))
    finally:
        if keep:
            console.print(f"Kept PostgreSQL database {name}.")
        else:
            await _admin(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@asynccontextmanager
async def sqlite_target(work_dir: Path, encryption_key: str, keep: bool) -> AsyncIterator[Settings]:
    data_dir = work_dir / "sqlite"
    try:
        yield settings_for(data_dir, encryption_key, None)
    finally:
        if keep:
            console.print(f"Kept SQLite database {data_dir / 'hospital_crm.sqlite3'}.")
        else:
            shutil.rmtree(data_dir, ignore_errors=True)


def machine_description() -> str:
    """CPU model, core count and memory of this Linux machine, from /proc."""
    cpu = "unknown CPU"
    with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo", encoding="utf-8") as meminfo:
        kilobytes = int(meminfo.readline().split()[1])
    return f"{cpu}, {os.cpu_count()} cores, {kilobytes / 1024**2:.1f} GiB RAM"


async def server_version(settings: Settings) -> str:
    if settings.uses_sqlite:
        return f"SQLite {sqlite3.sqlite_version}"
    assert settings.database_url is not None
    connection = await asyncpg.connect(settings.database_url)
    try:
        return "PostgreSQL " + await connection.fetchval("SHOW server_version")
    finally:
        await connection.close()


def print_load(title: str, generate_seconds: float, seconds: dict[str, float]) -> None:
    table = Table(title=f"Load: {title}")
    table.add_column("Step")
    table.add_column("Seconds", justify="right")
    table.add_row("generate rows (shared by all databases)", f"{generate_seconds:.1f}")
    for step, value in seconds.items():
        table.add_row(step, f"{value:.1f}")
    table.add_row("load total (migrate, insert, statistics)", f"{sum(seconds.values()):.1f}")
    console.print(table)


def print_results(title: str, results: Sequence[Result]) -> None:
    table = Table(title=f"Latency: {title}")
    for name, justify in (
        ("Query kind", "left"),
        ("Example", "left"),
        ("N", "right"),
        ("Median matches", "right"),
        ("p50 ms", "right"),
        ("p95 ms", "right"),
        ("max ms", "right"),
        ("Misses", "right"),
    ):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for result in results:
        p95 = percentile(result.latencies_ms, 0.95)
        style = "red" if p95 > TARGET_P95_MS else None
        example = " ".join(f"{key}={value}" for key, value in result.kind.probes[0].params.items())
        table.add_row(
            result.kind.label,
            example[:60],
            str(len(result.latencies_ms)),
            "" if result.median_total is None else f"{result.median_total:g}",
            f"{percentile(result.latencies_ms, 0.5):.1f}",
            f"[{style}]{p95:.1f}[/{style}]" if style else f"{p95:.1f}",
            f"{max(result.latencies_ms):.1f}",
            str(result.misses),
        )
    console.print(table)


# --- Command line ------------------------------------------------------------------------


@dataclass
class KeptState:
    """What --reuse needs to measure a kept database again."""

    database_url: str | None
    data_dir: str
    encryption_key: str
    password: str
    kinds: list[dict[str, Any]]


def _save_state(path: Path, settings: Settings, kinds: Sequence[QueryKind], password: str) -> None:
    state = KeptState(
        database_url=settings.database_url,
        data_dir=str(settings.data_dir),
        encryption_key=settings.encryption_key or "",
        password=password,
        kinds=[asdict(kind) for kind in kinds],
    )
    path.write_text(json.dumps(asdict(state), ensure_ascii=False))


def _load_state(path: Path) -> tuple[Settings, list[QueryKind], str]:
    state = KeptState(**json.loads(path.read_text()))
    kinds = [
        QueryKind(
            key=kind["key"],
            label=kind["label"],
            path=kind["path"],
            probes=[Probe(**probe) for probe in kind["probes"]],
            paged=kind.get("paged", True),
        )
        for kind in state.kinds
    ]
    settings = settings_for(Path(state.data_dir), state.encryption_key, state.database_url)
    return settings, kinds, state.password


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=("postgresql", "sqlite", "both"), default="both")
    parser.add_argument("--patients", type=int, default=100_000, help="patients to load")
    parser.add_argument("--cases", type=int, help="cases to load (default: 1.5 per patient)")
    parser.add_argument(
        "--activities", type=int, help="timeline activities to load (default: as many as cases)"
    )
    parser.add_argument("--requests", type=int, default=100, help="timed requests per query kind")
    parser.add_argument("--warmup", type=int, default=10, help="untimed requests per query kind")
    parser.add_argument("--seed", type=int, default=20_260_401, help="seed of the generated data")
    parser.add_argument(
        "--postgres-url",
        default="postgresql://postgres@127.0.0.1:5432/postgres",
        help="server and admin database in which the scratch database is created and dropped",
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the databases and print the --reuse argument that measures them again",
    )
    parser.add_argument(
        "--reuse",
        type=Path,
        metavar="STATE_FILE",
        help=f"measure a database kept by --keep again, without loading ({STATE_FILE})",
    )
    arguments = parser.parse_args(argv)
    if arguments.patients < 1:
        parser.error("--patients must be at least 1")
    arguments.cases = (
        arguments.cases if arguments.cases is not None else arguments.patients * 3 // 2
    )
    arguments.activities = (
        arguments.activities if arguments.activities is not None else arguments.cases
    )
    if arguments.cases < 1 or arguments.activities < 0:
        parser.error("--cases must be at least 1 and --activities at least 0")
    return arguments


async def run_benchmark(arguments: argparse.Namespace) -> int:
    console.print(f"Machine: {machine_description()}")
    if arguments.reuse:
        settings, kinds, password = _load_state(arguments.reuse)
        console.print(f"Database: {await server_version(settings)} (reused, not reloaded)")
        results = await measure(
            settings, kinds, password, requests=arguments.requests, warmup=arguments.warmup
        )
        print_results(str(arguments.reuse), results)
        return _exit_code(results)

    work_dir = Path(tempfile.mkdtemp(prefix="crm_bench_"))
    try:
        return await _load_and_measure(arguments, work_dir)
    finally:
        if not arguments.keep:
            shutil.rmtree(work_dir, ignore_errors=True)


async def _load_and_measure(arguments: argparse.Namespace, work_dir: Path) -> int:
    counts = Counts(arguments.patients, arguments.cases, arguments.activities)
    encryption_key = base64.b64encode(secrets.token_bytes(32)).decode()
    password = secrets.token_urlsafe(24)
    anchor = datetime.now(UTC).replace(microsecond=0)
    console.print(
        f"Generating {counts.patients:,} patients, {counts.cases:,} cases and "
        f"{counts.activities:,} activities (seed {arguments.seed})..."
    )
    cipher = cipher_for(settings_for(work_dir, encryption_key, None))
    dataset = generate(arguments.seed, anchor, counts, cipher, password)
    console.print(
        f"Generated {len(dataset.search_terms):,} search terms in {dataset.generate_seconds:.1f} s."
    )

    exit_code = 0
    databases = ("postgresql", "sqlite") if arguments.database == "both" else (arguments.database,)
    for name in databases:
        target = (
            postgres_target(arguments.postgres_url, work_dir, encryption_key, arguments.keep)
            if name == "postgresql"
            else sqlite_target(work_dir, encryption_key, arguments.keep)
        )
        async with target as settings:
            exit_code = max(
                exit_code,
                await _run_one(name, settings, dataset, password, arguments, work_dir),
            )
    return exit_code


async def _run_one(
    name: str,
    settings: Settings,
    dataset: Dataset,
    password: str,
    arguments: argparse.Namespace,
    work_dir: Path,
) -> int:
    version = await server_version(settings)
    console.print(f"Loading into {version}...")
    seconds = await load(settings, dataset)
    print_load(version, dataset.generate_seconds, seconds)
    results = await measure(
        settings,
        dataset.query_kinds,
        password,
        requests=arguments.requests,
        warmup=arguments.warmup,
    )
    print_results(version, results)
    if arguments.keep:
        state = work_dir / f"{name}_{STATE_FILE}"
        _save_state(state, settings, dataset.query_kinds, password)
        console.print(f"Measure again with: --reuse {state}")
    return _exit_code(results)


def _exit_code(results: Sequence[Result]) -> int:
    misses = sum(result.misses for result in results)
    if misses:
        console.print(f"[red]{misses} responses missed their target or broke their filter.[/red]")
    return 1 if misses else 0


def main(argv: Sequence[str] | None = None) -> int:
    return asyncio.run(run_benchmark(parse_arguments(sys.argv[1:] if argv is None else argv)))


if __name__ == "__main__":
    sys.exit(main())
