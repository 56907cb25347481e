"""Realistic multilingual demo data, created through the same services as real data."""

import random
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import phonenumbers
from faker import Faker
from pypinyin import Style, lazy_pinyin
from sqlalchemy import select
from unidecode import unidecode

from hospital_crm.activities.models import Activity, ActivityKind, Direction
from hospital_crm.cases import service as cases
from hospital_crm.cases.models import (
    STAGE_ORDER,
    Case,
    CaseStage,
    CaseStageChange,
    Channel,
    Priority,
)
from hospital_crm.cases.schemas import CaseCreate, FirstTask, StageChangeRequest
from hospital_crm.commands import cipher_for
from hospital_crm.core.config import Settings
from hospital_crm.core.context import SYSTEM, Principal
from hospital_crm.core.db import AsyncSession, create_database
from hospital_crm.core.models import HOSPITAL_TIME_ZONE
from hospital_crm.core.permissions import Role
from hospital_crm.departments.models import Department
from hospital_crm.partners import service as partners
from hospital_crm.partners.models import GuarantorRegistry, Partner, PartnerKind
from hospital_crm.partners.schemas import PartnerContact, PartnerCreate
from hospital_crm.patients import service as patients
from hospital_crm.patients.models import Patient, Sex
from hospital_crm.patients.schemas import CarePreferences, Messaging, PatientCreate, Phone
from hospital_crm.patients.search_keys import hepburn_reading
from hospital_crm.users.models import User


@dataclass(frozen=True)
class Origin:
    locale: str
    nationality: str
    languages: tuple[str, ...]
    # Relative share of patients from this origin.
    weight: int


ORIGINS = (
    Origin("zh_CN", "CN", ("zh",), 40),
    Origin("zh_TW", "TW", ("zh",), 8),
    Origin("vi_VN", "VN", ("vi",), 12),
    Origin("ru_RU", "RU", ("ru",), 10),
    Origin("ko_KR", "KR", ("ko",), 6),
    Origin("en_US", "US", ("en",), 8),
    Origin("ar_SA", "SA", ("ar", "en"), 6),
    Origin("ja_JP", "JP", ("ja", "en"), 10),
)
TREATMENTS = (
    "人間ドック（PET-CT含む）",
    "肺がんの陽子線治療",
    "胃がんの内視鏡的切除",
    "人工膝関節置換術",
    "心臓カテーテル検査",
    "脳ドック（MRI）",
    "乳がん検診とセカンドオピニオン",
    "重粒子線治療の適応相談",
    "不妊治療の相談",
    "再生医療の相談",
)
MESSAGES = (
    "診療情報提供書と画像データ（DICOM）を受領しました。",
    "医師に受入可否の確認を依頼しました。",
    "概算見積書を英語と中国語で送付しました。",
    "デポジットの入金を確認しました。",
    "身元保証機関に受診等予定証明書を送付しました。",
    "来日日程と同伴者の人数を確認しました。",
    "通訳（中国語）を外来受診日に手配しました。",
    "帰国後のフォローアップ診察をオンラインで予約しました。",
)


def _phone(rng: random.Random, country: str) -> str | None:
    example = phonenumbers.example_number_for_type(country, phonenumbers.PhoneNumberType.MOBILE)
    if example is None:
        return None
    digits = str(example.national_number)
    for _ in range(20):
        candidate = digits[:-4] + f"{rng.randrange(10_000):04d}"
        number = phonenumbers.parse(f"+{example.country_code}{candidate}")
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)


def _patient(
    rng: random.Random, origin: Origin, faker: Faker, partner_id: uuid.UUID | None
) -> PatientCreate:
    sex = rng.choice((Sex.female, Sex.male))
    kana = None
    if origin.locale == "ja_JP":
        family, family_kana, _ = faker.last_name_pair()
        pair = faker.first_name_female_pair() if sex is Sex.female else faker.first_name_male_pair()
        given, given_kana, _ = pair
        kana = f"{family_kana} {given_kana}"
        latin = f"{passport_hepburn(family_kana)} {passport_hepburn(given_kana)}"
    else:
        family = faker.last_name()
        given = faker.first_name_female() if sex is Sex.female else faker.first_name_male()
        if origin.locale.startswith("zh"):
            latin = f"{''.join(lazy_pinyin(family, style=Style.NORMAL))} {''.join(lazy_pinyin(given, style=Style.NORMAL))}"
        else:
            latin = f"{_latin(family)} {_latin(given)}"
        latin = latin.upper()
    birth = date(1945, 1, 1) + timedelta(days=rng.randrange(365 * 60))
    phone = _phone(rng, origin.nationality)
    handle = f"{_latin(given).lower().replace(' ', '') or 'patient'}{rng.randrange(10_000, 99_999)}"
    return PatientCreate(
        family_name=family,
        given_name=given,
        name_latin=latin,
        name_kana=kana,
        sex=sex,
        date_of_birth=birth,
        nationality=origin.nationality,
        country_of_residence=origin.nationality,
        preferred_languages=list(origin.languages),
        email=f"{handle}@example.com",
        phones=[Phone(number=phone)] if phone else [],
        messaging=Messaging(
            wechat=handle if origin.nationality in {"CN", "TW"} else None,
            whatsapp=phone if origin.nationality not in {"CN", "JP"} else None,
            line=handle if origin.nationality in {"JP", "TW"} else None,
        ),
        passport_number=f"{rng.choice('EGKPT')}{rng.randrange(10_000_000, 99_999_999)}",
        passport_expiry=date.today() + timedelta(days=rng.randrange(200, 3000)),
        medical_summary=rng.choice(TREATMENTS) + "を希望。既往歴: 高血圧。",
        allergies=rng.choice(("なし", "ペニシリン", "造影剤（ヨード）")),
        referring_partner_id=partner_id,
        care_preferences=CarePreferences(
            diet=["halal"] if origin.nationality == "SA" else [],
            staff_gender="female" if sex is Sex.female and rng.random() < 0.3 else None,
        ),
        tags=rng.sample(["VIP", "リピーター", "車椅子", "同伴者あり"], k=rng.randrange(0, 2)),
        confirm_duplicate=True,
    )


def passport_hepburn(kana: str) -> str:
    """Romanise a katakana name as Japanese passports print it (MITSURU, SATO, HOMMA).

    Faker's ja_JP romaji is partly Kunrei-shiki (MITURU). Passports use Hepburn without
    long vowels (サトウ is SATO, ヨウイチ is YOICHI, オオタ is OTA), with M for ン before
    B, M and P (ホンマ is HOMMA), and without the apostrophe of シンイチ (SHINICHI).
    NOTE: the long-vowel rule reads kana only, so a name whose ウ starts a new word
    other than 上 is shortened wrongly. That is good enough for demo names.
    """
    reading = hepburn_reading(kana)
    if reading is None:
        raise ValueError(f"{kana!r} has no Hepburn reading")
    passport = reading.replace("'", "")
    # ウエ is nearly always the word 上 (イノウエ is INOUE), so that ウ is no long vowel.
    passport = re.sub(r"o(?:o|u(?!e))", "o", passport)
    passport = passport.replace("uu", "u")
    passport = re.sub(r"n(?=[bmp])", "m", passport)
    return passport.upper()


def _latin(name: str) -> str:
    """Transliterate a name to Latin letters for the passport name and the email handle.

    unidecode writes some letters as punctuation (Arabic ة becomes "@"), which would make
    an invalid email address, so everything but letters, spaces and hyphens is dropped.
    """
    return re.sub(r"[^A-Za-z -]", "", unidecode(name)).strip()


def _stage_start_times(
    rng: random.Random, stages: list[CaseStage], now: datetime
) -> dict[CaseStage, datetime]:
    """Return when a demo case entered each of its stages, the last one before now.

    Each stage lasts one day to three weeks, and the current one began up to two weeks
    ago, so the stage duration report has real numbers to show.
    """
    start = now - timedelta(hours=rng.randrange(12, 14 * 24))
    began = {stages[-1]: start}
    for stage in reversed(stages[:-1]):
        start -= timedelta(hours=rng.randrange(24, 21 * 24))
        began[stage] = start
    return began


async def _backdate_case(
    session: AsyncSession, case: Case, patient: Patient, began: dict[CaseStage, datetime]
) -> None:
    """Move a demo case's history, written at one instant, to the times in `began`.

    The inquiry's reception date is the hospital's date of the first stage. The patient
    is new with the case, so the patient's record dates from the same moment.
    """
    opened = min(began.values())
    case.created_at = opened
    case.received_on = opened.astimezone(HOSPITAL_TIME_ZONE).date()
    case.stage_changed_at = began[case.stage]
    if case.closed_at is not None:
        case.closed_at = began[case.stage]
    patient.created_at = opened

    changes = await session.scalars(
        select(CaseStageChange).where(CaseStageChange.case_id == case.id)
    )
    for change in changes:
        change.changed_at = began[change.to_stage]
    activities = await session.scalars(select(Activity).where(Activity.patient_id == patient.id))
    for activity in activities:
        if activity.kind is ActivityKind.stage_change:
            activity.occurred_at = began[CaseStage(activity.details["to"])]
        elif activity.kind is ActivityKind.created:
            activity.occurred_at = opened


GUARANTOR = "日本メディカルアシスト株式会社"

# Owners and assignees of the demo cases and tasks. They have no password, so they cannot
# log in until an administrator runs `hospital-crm reset-password` for one of them.
DEMO_STAFF = (
    (Role.coordinator, "山田 美咲"),
    (Role.coordinator, "李 静"),
    (Role.doctor, "高橋 健一"),
    (Role.interpreter, "王 芳"),
    (Role.finance, "佐々木 直子"),
)


def demo_staff_email(index: int) -> str:
    return f"{DEMO_STAFF[index][0].value}.{index}@demo.example.com"


async def create_demo_data(settings: Settings, *, patient_count: int, seed: int) -> dict[str, int]:
    rng = random.Random(seed)
    fakers = {origin.locale: Faker(origin.locale) for origin in ORIGINS}
    for index, faker in enumerate(fakers.values()):
        faker.seed_instance(seed + index)
    cipher = cipher_for(settings)
    database = create_database(settings)
    counts = {"partners": 0, "staff": 0, "patients": 0, "cases": 0, "activities": 0}
    try:
        async with database.sessionmaker() as session:
            departments = (await session.scalars(select(Department.id))).all()
            # A second run adds patients and cases and reuses the demo partners and staff.
            partner_ids = []
            for name, kind, country, locale in (
                ("上海国際医療サービス", PartnerKind.agency, "CN", "zh_CN"),
                ("Saigon Medical Travel", PartnerKind.facilitator, "VN", "vi_VN"),
                ("Moscow Health Bridge", PartnerKind.agency, "RU", "ru_RU"),
            ):
                partner = await session.scalar(select(Partner).where(Partner.name == name))
                if partner is None:
                    contact = PartnerContact(
                        name=fakers[locale].name(),
                        email=f"contact{len(partner_ids)}@example.com",
                    )
                    partner = await partners.create(
                        session,
                        SYSTEM,
                        PartnerCreate(
                            name=name,
                            kind=kind,
                            country=country,
                            languages=["en"],
                            contacts=[contact],
                        ),
                    )
                    counts["partners"] += 1
                partner_ids.append(partner.id)
            guarantor = await session.scalar(select(Partner).where(Partner.name == GUARANTOR))
            if guarantor is None:
                guarantor = await partners.create(
                    session,
                    SYSTEM,
                    PartnerCreate(
                        name=GUARANTOR,
                        kind=PartnerKind.guarantor_organization,
                        country="JP",
                        languages=["ja", "en", "zh"],
                        guarantor_registry=GuarantorRegistry.meti,
                        guarantor_registration_number="METI-2026-0042",
                    ),
                )
                counts["partners"] += 1

            staff = []
            for role, name in DEMO_STAFF:
                email = demo_staff_email(len(staff))
                user = await session.scalar(select(User).where(User.email == email))
                if user is None:
                    user = User(
                        email=email,
                        display_name=name,
                        role=role,
                        languages=["ja"],
                        ui_language="ja",
                        password_hash=None,
                    )
                    session.add(user)
                    counts["staff"] += 1
                staff.append(user)
            await session.flush()
            coordinators = [user for user in staff if user.role is Role.coordinator]

            weights = [origin.weight for origin in ORIGINS]
            for _ in range(patient_count):
                origin = rng.choices(ORIGINS, weights)[0]
                partner_id = rng.choice([None, *partner_ids])
                data = _patient(rng, origin, fakers[origin.locale], partner_id)
                patient = await patients.create(session, SYSTEM, cipher, data, source="demo")
                counts["patients"] += 1
                owner = rng.choice(coordinators)
                actor = Principal(user_id=owner.id, role=Role.coordinator)
                arrival = date.today() + timedelta(days=rng.randrange(-60, 60))
                found = await cases.create(
                    session,
                    actor,
                    CaseCreate(
                        patient_id=patient.id,
                        channel=rng.choice(list(Channel)),
                        department_id=rng.choice(departments),
                        requested_treatment=rng.choice(TREATMENTS),
                        priority=rng.choice(list(Priority)),
                        owner_id=owner.id,
                        guarantor_organization_id=guarantor.id,
                        estimated_value=Decimal(rng.randrange(300, 8000) * 1000),
                        currency="JPY",
                        planned_arrival_date=arrival,
                        planned_departure_date=arrival + timedelta(days=rng.randrange(3, 30)),
                        first_task=FirstTask(
                            title="問い合わせへの返信",
                            due_at=datetime.now(UTC) + timedelta(hours=rng.randrange(-72, 72)),
                        ),
                    ),
                    source="demo",
                )
                counts["cases"] += 1
                stages = [found.case.stage]
                for stage in STAGE_ORDER[1 : rng.randrange(1, len(STAGE_ORDER))]:
                    await cases.change_stage(
                        session, actor, found.case.id, StageChangeRequest(to_stage=stage)
                    )
                    stages.append(stage)
                if rng.random() < 0.08:
                    await cases.change_stage(
                        session,
                        actor,
                        found.case.id,
                        StageChangeRequest(
                            to_stage=CaseStage.lost,
                            lost_reason="他院で治療を受けることになったため",
                        ),
                    )
                    stages.append(CaseStage.lost)
                began = _stage_start_times(rng, stages, datetime.now(UTC))
                await _backdate_case(session, found.case, patient, began)
                opened = began[stages[0]]
                for _ in range(rng.randrange(1, 4)):
                    session.add(
                        Activity(
                            patient_id=patient.id,
                            case_id=found.case.id,
                            kind=rng.choice(
                                (ActivityKind.note, ActivityKind.call, ActivityKind.message)
                            ),
                            direction=rng.choice(list(Direction)),
                            body=rng.choice(MESSAGES),
                            actor_id=owner.id,
                            occurred_at=opened + (datetime.now(UTC) - opened) * rng.random(),
                        )
                    )
                    counts["activities"] += 1
            await session.commit()
    finally:
        await database.dispose()
    return counts
