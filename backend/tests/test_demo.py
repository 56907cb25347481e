import random
import re
from datetime import UTC, datetime

import pytest
from faker import Faker
from sqlalchemy import select

from hospital_crm import demo
from hospital_crm.cases.models import Case, CaseStageChange
from hospital_crm.core.models import HOSPITAL_TIME_ZONE
from hospital_crm.core.permissions import Role
from hospital_crm.partners.models import Partner


def test_latin_name_has_no_punctuation():
    assert demo._latin("فاطمة") == "fTm"
    assert "@" not in demo._latin("زكية")


def test_generated_patients_are_valid():
    rng = random.Random(20)
    fakers = {origin.locale: Faker(origin.locale) for origin in demo.ORIGINS}

    patients = [
        demo._patient(rng, origin, fakers[origin.locale], None)
        for origin in demo.ORIGINS
        for _ in range(150)
    ]

    assert all(patient.email and "@example.com" in patient.email for patient in patients)


@pytest.mark.parametrize(
    ("kana", "passport"),
    [
        ("ミツル", "MITSURU"),
        ("サトウ", "SATO"),
        ("ユウコ", "YUKO"),
        ("オオタ", "OTA"),
        ("ホンマ", "HOMMA"),
        ("シンイチ", "SHINICHI"),
        ("イノウエ", "INOUE"),
        ("ヨウイチ", "YOICHI"),
        ("オオイ", "OI"),
        ("ケイコ", "KEIKO"),
    ],
)
def test_passport_hepburn(kana: str, passport: str) -> None:
    assert demo.passport_hepburn(kana) == passport


def test_japanese_patients_have_hepburn_names():
    rng = random.Random(4)
    faker = Faker("ja_JP")
    faker.seed_instance(4)
    japan = next(origin for origin in demo.ORIGINS if origin.nationality == "JP")

    names = [demo._patient(rng, japan, faker, None).name_latin or "" for _ in range(300)]

    # Kunrei-shiki syllables (TU, SI, TI, HU, ZI, SYA, TYO) and written-out long vowels.
    kunrei = re.compile(r"TU|SI|TI|(?<![SC])HU|ZI|[STZ]Y|OU(?!E)|UU|OO")
    assert not [name for name in names if kunrei.search(name)]
    assert len(set(names)) > 100


async def test_demo_stage_durations_not_zero(settings, client, as_role, session):
    await demo.create_demo_data(settings, patient_count=15, seed=5)
    headers = await as_role(Role.admin)

    report = await client.get("/api/v1/cases/stage-durations", headers=headers)

    assert report.status_code == 200
    rows = report.json()
    assert rows
    assert all(row["median_hours"] >= 24 for row in rows)
    now = datetime.now(UTC)
    changes = (await session.scalars(select(CaseStageChange))).all()
    assert all(change.changed_at <= now for change in changes)
    for case in (await session.scalars(select(Case))).all():
        first = min(change.changed_at for change in changes if change.case_id == case.id)
        assert case.created_at == first
        assert case.received_on == first.astimezone(HOSPITAL_TIME_ZONE).date()


async def test_demo_partner_contacts_named(settings, session):
    await demo.create_demo_data(settings, patient_count=1, seed=5)

    partners = (await session.scalars(select(Partner).where(Partner.country != "JP"))).all()

    names = [contact["name"] for partner in partners for contact in partner.contacts]
    assert len(names) == 3
    assert "Contact" not in names
    assert all(name.strip() for name in names)
