"""Patients: create with duplicate detection, search, update, reveal, merge."""

import unicodedata
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from babel.core import get_global
from sqlalchemy import (
    Select,
    and_,
    delete,
    exists,
    false,
    insert,
    intersect,
    or_,
    select,
    union,
    union_all,
)
from sqlalchemy import update as sql_update
from sqlalchemy.sql.elements import ColumnElement
from unidecode import unidecode

from hospital_crm.activities.models import Activity, ActivityKind
from hospital_crm.audit import service as audit
from hospital_crm.audit.models import AuditOutcome
from hospital_crm.cases.models import Case
from hospital_crm.core.context import Principal
from hospital_crm.core.crypto import FieldCipher
from hospital_crm.core.db import AsyncReadSession, AsyncSession
from hospital_crm.core.errors import (
    Conflict,
    FieldError,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)
from hospital_crm.core.models import utc_now
from hospital_crm.core.pagination import LIST_COUNT_LIMIT, Page, PageParams, paginate
from hospital_crm.core.permissions import Permission
from hospital_crm.core.schemas import to_e164
from hospital_crm.imports.countries import parse_country
from hospital_crm.imports.values import CellError
from hospital_crm.partners.models import Partner
from hospital_crm.patients import search_keys
from hospital_crm.patients.models import Patient, PatientConsent, PatientSearchTerm
from hospital_crm.patients.schemas import (
    SENSITIVE_FIELDS,
    ConsentIn,
    PatientCreate,
    PatientFields,
    PatientUpdate,
    SensitiveField,
)
from hospital_crm.tasks.models import Task

# Highest code point, so `term < prefix + PREFIX_END` bounds every term starting with prefix.
PREFIX_END = "\U0010ffff"
SENSITIVE_PERMISSIONS: dict[str, Permission] = {
    "passport_number": Permission.patients_read_identity,
    "medical_summary": Permission.patients_read_medical,
    "allergies": Permission.patients_read_medical,
}
_JSON_DEFAULTS: dict[str, Any] = {
    "preferred_languages": [],
    "phones": [],
    "messaging": {},
    "emergency_contact": {},
    "care_preferences": {},
    "travel_insurance": {},
    "tags": [],
    "custom_fields": {},
}


class PatientNotFound(NotFound):
    code = "patient_not_found"
    message = "The patient does not exist."


class PatientMerged(PatientNotFound):
    code = "patient_merged"
    message = "The patient was merged into another patient; its record is under merged_into_id."


class DuplicateCandidates(Conflict):
    code = "duplicate_candidates"
    message = "Patients with the same passport, email, phone, or name and date of birth exist."


class UnknownNationality(ValidationFailed):
    code = "unknown_nationality"
    message = "The nationality is not a known country name or code."


def nationality_code(value: str | None) -> str | None:
    """Return the ISO 3166-1 alpha-2 code for a nationality filter typed as a name or code.

    Accepts what the importer reads (中国, 中華人民共和国, China, CHN, cn). Raises
    UnknownNationality for anything else: the stored nationality is always a code, so
    an unknown name would silently match no patient.
    """
    if not value:
        return None
    try:
        return parse_country(value)
    except CellError:
        message = f"Unknown nationality {value!r}: use a country name or ISO code such as 中国, China or CN"
        fields = [FieldError(["query", "nationality"], UnknownNationality.code, message)]
        raise UnknownNationality(message, fields=fields) from None


@dataclass
class Duplicate:
    patient: Patient
    reasons: list[str] = field(default_factory=list)


def encryption_context(patient_id: uuid.UUID, field_name: str) -> str:
    return f"patients.{field_name}:{patient_id}"


# CLDR lists a country's zones alphabetically, so for countries with several zones the
# first is rarely where most people live (America/Adak for the US). These are the zones
# of each country's capital or largest city.
PREFERRED_TIME_ZONES = {
    "US": "America/New_York",
    "RU": "Europe/Moscow",
    "AU": "Australia/Sydney",
    "CA": "America/Toronto",
    "BR": "America/Sao_Paulo",
    "ID": "Asia/Jakarta",
    "MX": "America/Mexico_City",
    "KZ": "Asia/Almaty",
    "MN": "Asia/Ulaanbaatar",
    "CN": "Asia/Shanghai",
    "UA": "Europe/Kyiv",
    "AR": "America/Argentina/Buenos_Aires",
    "CL": "America/Santiago",
    "ES": "Europe/Madrid",
    "PT": "Europe/Lisbon",
    "NZ": "Pacific/Auckland",
    "DE": "Europe/Berlin",
    "MY": "Asia/Kuala_Lumpur",
    "EC": "America/Guayaquil",
}


def default_time_zone(country: str | None) -> str | None:
    """Return the usual IANA zone of a country: the table above, else CLDR's first zone."""
    if not country:
        return None
    code = country.upper()
    if code in PREFERRED_TIME_ZONES:
        return PREFERRED_TIME_ZONES[code]
    zones = get_global("territory_zones").get(code)
    return zones[0] if zones else None


def duplicate_keys(
    family_name: str | None, given_name: str | None, name_latin: str | None
) -> tuple[str | None, str | None]:
    """Keys for the name-and-birth-date rule: the native name, and the Latin name in any word order."""
    native = "".join(part for part in (family_name, given_name) if part)
    native_key = (
        unicodedata.normalize("NFKC", native).casefold().replace(" ", "").replace("\u3000", "")
        or None
    )
    latin_words = sorted(unidecode(name_latin or "").lower().replace(",", " ").split())
    return native_key, " ".join(latin_words) or None


def visible_patients(principal: Principal) -> ColumnElement[bool]:
    """Rows the principal may see: live patients, and for partner users only their referrals."""
    condition = and_(Patient.deleted_at.is_(None), Patient.merged_into_id.is_(None))
    if principal.is_partner:
        condition = and_(condition, Patient.referring_partner_id == principal.partner_id)
    return condition


def search_terms_for(patient: Patient) -> set[str]:
    terms = search_keys.build_name_terms(
        family_name=patient.family_name,
        given_name=patient.given_name,
        name_latin=patient.name_latin,
        name_kana=patient.name_kana,
    )
    terms |= search_keys.build_contact_terms(
        email=patient.email, phones_e164=[phone["number"] for phone in patient.phones or []]
    )
    return terms


async def replace_search_terms(session: AsyncSession, patient: Patient) -> None:
    await session.execute(
        delete(PatientSearchTerm).where(PatientSearchTerm.patient_id == patient.id)
    )
    terms = search_terms_for(patient)
    if terms:
        await session.execute(
            insert(PatientSearchTerm),
            [{"patient_id": patient.id, "term": term} for term in sorted(terms)],
        )


def _terms_with_prefix(prefixes: Iterable[str]) -> Select[tuple[uuid.UUID]]:
    """Select patient ids with a search term starting with one of `prefixes`.

    Each prefix is its own btree range scan, joined by UNION ALL. PostgreSQL estimates
    each range from its statistics and reads the (term, patient_id) index alone, whereas
    an OR of the ranges made it guess and scan every term of every patient.
    """
    scans = [
        select(PatientSearchTerm.patient_id).where(
            PatientSearchTerm.term >= prefix, PatientSearchTerm.term < prefix + PREFIX_END
        )
        for prefix in sorted(set(prefixes))
    ]
    if len(scans) == 1:
        return scans[0]
    # SQLite rejects a compound SELECT nested in another one unless it is a derived table.
    combined = union_all(*scans).subquery()
    return select(combined.c.patient_id)


def search_condition(query: str, cipher: FieldCipher) -> ColumnElement[bool]:
    """Match `q` against the indexed search terms and the passport hash; nothing is decrypted.

    The alternatives are one compound subquery: INTERSECT across the query's words, and
    UNION with the whole query and the passport hash. PostgreSQL turns that into a
    semi-join, whereas an OR of IN lists made it scan every patient.
    """
    parsed = search_keys.parse_query(query)
    matches: list[Select[tuple[uuid.UUID]]] = []
    groups = [group for group in parsed.groups if group]
    if groups:
        words = (
            _terms_with_prefix(groups[0])
            if len(groups) == 1
            else intersect(*(_terms_with_prefix(group) for group in groups)).subquery()
        )
        # SQLite rejects a parenthesised INTERSECT inside a UNION, so it sits in a derived table.
        matches.append(words if len(groups) == 1 else select(words.c.patient_id))
    if parsed.whole and set(parsed.whole) != set(groups[0] if len(groups) == 1 else ()):
        matches.append(_terms_with_prefix(parsed.whole))
    if parsed.passport:
        matches.append(
            select(Patient.id).where(
                Patient.passport_number_hash.in_(cipher.lookup_hashes(parsed.passport))
            )
        )
    if not matches:
        return false()
    return Patient.id.in_(matches[0] if len(matches) == 1 else union(*matches))


def _passport_hash(cipher: FieldCipher, value: str | None) -> str | None:
    return cipher.lookup_hash(search_keys.normalize_passport_number(value)) if value else None


async def _check_partner(session: AsyncReadSession, partner_id: uuid.UUID | None) -> None:
    if partner_id is not None and await session.get(Partner, partner_id) is None:
        raise ValidationFailed.single(
            ["body", "referring_partner_id"],
            "partner_not_found",
            "The referring partner does not exist.",
        )


async def find_duplicates(
    session: AsyncReadSession,
    principal: Principal,
    cipher: FieldCipher,
    *,
    passport_number: str | None,
    email: str | None,
    phones_e164: Sequence[str],
    family_name: str | None,
    given_name: str | None,
    name_latin: str | None,
    date_of_birth: date | None,
    exclude_id: uuid.UUID | None = None,
) -> list[Duplicate]:
    """Patients that match by passport, email, phone, or normalised name with the same birth date."""
    rules: list[tuple[str, ColumnElement[bool]]] = []
    if passport_number:
        normalized = search_keys.normalize_passport_number(passport_number)
        rules.append(
            ("passport", Patient.passport_number_hash.in_(cipher.lookup_hashes(normalized)))
        )
    if email:
        rules.append(("email", Patient.email == email.lower()))
    phone_terms = {number.lstrip("+") for number in phones_e164}
    if phone_terms:
        rules.append(
            (
                "phone",
                Patient.id.in_(
                    select(PatientSearchTerm.patient_id).where(
                        PatientSearchTerm.term.in_(phone_terms)
                    )
                ),
            )
        )
    native_key, latin_key = duplicate_keys(family_name, given_name, name_latin)
    if date_of_birth and (native_key or latin_key):
        name_rules = [
            column == key
            for column, key in (
                (Patient.duplicate_key_native, native_key),
                (Patient.duplicate_key_latin, latin_key),
            )
            if key
        ]
        rules.append(("name_dob", and_(Patient.date_of_birth == date_of_birth, or_(*name_rules))))
    if not rules:
        return []

    query = select(Patient).where(visible_patients(principal), or_(*(rule for _, rule in rules)))
    if exclude_id is not None:
        query = query.where(Patient.id != exclude_id)
    patients = (await session.scalars(query.limit(20))).all()

    duplicates = {patient.id: Duplicate(patient) for patient in patients}
    for reason, rule in rules:
        matching = (
            (
                await session.scalars(
                    select(Patient.id).where(Patient.id.in_(list(duplicates)), rule)
                )
            ).all()
            if duplicates
            else []
        )
        for patient_id in matching:
            duplicates[patient_id].reasons.append(reason)
    return list(duplicates.values())


def _normalise_phones(phones: list[dict[str, str]], region: str | None) -> list[dict[str, str]]:
    """Store phones as E.164, reading national numbers in the patient's country."""
    normalised = []
    for index, phone in enumerate(phones):
        try:
            normalised.append({**phone, "number": to_e164(phone["number"], region)})
        except ValueError as error:
            raise ValidationFailed.single(
                ["body", "phones", index, "number"], "invalid_phone", str(error)
            ) from error
    return normalised


def apply_fields(patient: Patient, values: dict[str, Any], cipher: FieldCipher) -> list[str]:
    """Copy validated values onto the patient, encrypting sensitive ones; return changed field names."""
    changed: list[str] = []
    if values.get("phones"):
        region = (
            values.get("country_of_residence")
            or values.get("nationality")
            or patient.country_of_residence
            or patient.nationality
        )
        values = {**values, "phones": _normalise_phones(values["phones"], region)}
    for name, value in values.items():
        if name in SENSITIVE_FIELDS:
            if value in (None, ""):
                encrypted = None
            else:
                encrypted = cipher.encrypt(value, context=encryption_context(patient.id, name))
            setattr(patient, f"{name}_encrypted", encrypted)
            if name == "passport_number":
                patient.passport_number_hash = _passport_hash(cipher, value)
            changed.append(name)
            continue
        if value is None and name in _JSON_DEFAULTS:
            value = type(_JSON_DEFAULTS[name])()
        if getattr(patient, name) != value:
            setattr(patient, name, value)
            changed.append(name)

    patient.duplicate_key_native, patient.duplicate_key_latin = duplicate_keys(
        patient.family_name, patient.given_name, patient.name_latin
    )
    if patient.time_zone is None:
        patient.time_zone = default_time_zone(patient.country_of_residence or patient.nationality)
    return changed


def field_values(data: PatientFields, *, exclude_unset: bool) -> dict[str, Any]:
    return data.model_dump(exclude_unset=exclude_unset, exclude={"confirm_duplicate", "consents"})


def _scoped_partner(principal: Principal, requested: uuid.UUID | None) -> uuid.UUID | None:
    # Patients a partner user records are always their organization's referrals.
    return principal.partner_id if principal.is_partner else requested


async def create(
    session: AsyncSession,
    principal: Principal,
    cipher: FieldCipher,
    data: PatientCreate,
    *,
    source: str = "manual",
) -> Patient:
    """Create a patient, unless duplicates exist and the caller has not confirmed."""
    values = field_values(data, exclude_unset=False)
    values["referring_partner_id"] = _scoped_partner(principal, data.referring_partner_id)
    await _check_partner(session, values["referring_partner_id"])

    if values["phones"]:
        values["phones"] = _normalise_phones(
            values["phones"], data.country_of_residence or data.nationality
        )

    if not data.confirm_duplicate:
        duplicates = await find_duplicates(
            session,
            principal,
            cipher,
            passport_number=data.passport_number,
            email=data.email,
            phones_e164=[phone["number"] for phone in values["phones"] or []],
            family_name=data.family_name,
            given_name=data.given_name,
            name_latin=data.name_latin,
            date_of_birth=data.date_of_birth,
        )
        if duplicates:
            raise DuplicateCandidates(
                candidates=[
                    {"patient_id": str(duplicate.patient.id), "reasons": duplicate.reasons}
                    for duplicate in duplicates
                ]
            )

    patient = Patient(
        id=uuid.uuid4(),
        created_by_id=principal.user_id,
        **{name: type(default)() for name, default in _JSON_DEFAULTS.items()},
    )
    apply_fields(patient, values, cipher)
    session.add(patient)
    await session.flush()
    for consent in getattr(data, "consents", []):
        session.add(
            PatientConsent(
                patient_id=patient.id, recorded_by_id=principal.user_id, **consent.model_dump()
            )
        )
    await replace_search_terms(session, patient)

    session.add(
        Activity(
            patient_id=patient.id,
            kind=ActivityKind.created,
            actor_id=principal.user_id,
            details={"source": source},
        )
    )
    await audit.record(
        session,
        principal,
        action="create",
        entity_type="patient",
        entity_id=patient.id,
        fields=sorted(name for name, value in values.items() if value not in (None, [], {}, "")),
        details={"source": source},
    )
    return patient


async def get(session: AsyncReadSession, principal: Principal, patient_id: uuid.UUID) -> Patient:
    """Return a visible patient, or raise PatientNotFound (also for another partner's patient)."""
    patient = await session.scalar(
        select(Patient).where(Patient.id == patient_id, visible_patients(principal))
    )
    if patient is None:
        survivor = await merged_survivor(session, principal, patient_id)
        if survivor is not None:
            raise PatientMerged(merged_into_id=str(survivor))
        raise PatientNotFound()
    return patient


# Merges can chain (A into B, then B into C); a longer chain than this is not followed.
MAX_MERGE_HOPS = 10


async def merged_survivor(
    session: AsyncReadSession, principal: Principal, patient_id: uuid.UUID
) -> uuid.UUID | None:
    """Return the live patient a merged patient went into, if the principal may read it.

    Links and bookmarks to a merged-away patient keep working this way. A partner user
    learns of a merge only between two patients that both are their organization's.
    """
    scope = Patient.deleted_at.is_(None)
    if principal.is_partner:
        scope = and_(scope, Patient.referring_partner_id == principal.partner_id)

    current = patient_id
    for _ in range(MAX_MERGE_HOPS):
        target = await session.scalar(
            select(Patient.merged_into_id).where(Patient.id == current, scope)
        )
        if target is None:
            break
        current = target
    if current == patient_id:
        return None
    live = await session.scalar(
        select(Patient.id).where(Patient.id == current, visible_patients(principal))
    )
    return live


async def list_consents(session: AsyncReadSession, patient_id: uuid.UUID) -> list[PatientConsent]:
    return list(
        (
            await session.scalars(
                select(PatientConsent)
                .where(PatientConsent.patient_id == patient_id)
                .order_by(PatientConsent.given_at)
            )
        ).all()
    )


@dataclass(frozen=True)
class PatientFilters:
    q: str | None = None
    nationality: str | None = None
    stage: str | None = None
    department_id: uuid.UUID | None = None
    partner_id: uuid.UUID | None = None
    owner_id: uuid.UUID | None = None
    created_from: datetime | None = None
    created_to: datetime | None = None


def filtered_query(principal: Principal, cipher: FieldCipher, filters: PatientFilters) -> Any:
    """Build the SELECT behind the patient list and its export, with every filter applied."""
    query = select(Patient).where(visible_patients(principal))
    if filters.q and filters.q.strip():
        query = query.where(search_condition(filters.q, cipher))
    if filters.nationality:
        query = query.where(Patient.nationality == filters.nationality.upper())
    if filters.partner_id:
        query = query.where(Patient.referring_partner_id == filters.partner_id)
    if filters.created_from:
        query = query.where(Patient.created_at >= filters.created_from)
    if filters.created_to:
        query = query.where(Patient.created_at < filters.created_to)

    case_conditions = [
        condition
        for condition in (
            Case.stage == filters.stage if filters.stage else None,
            Case.department_id == filters.department_id if filters.department_id else None,
            Case.owner_id == filters.owner_id if filters.owner_id else None,
        )
        if condition is not None
    ]
    if case_conditions:
        query = query.where(
            exists().where(
                Case.patient_id == Patient.id, Case.deleted_at.is_(None), *case_conditions
            )
        )
    return query


SORT_COLUMNS = {
    "created_at": Patient.created_at,
    "updated_at": Patient.updated_at,
    "family_name": Patient.family_name,
    "name_latin": Patient.name_latin,
    "name_kana": Patient.name_kana,
    "date_of_birth": Patient.date_of_birth,
    "nationality": Patient.nationality,
}


async def list_patients(
    session: AsyncReadSession,
    principal: Principal,
    cipher: FieldCipher,
    filters: PatientFilters,
    page: PageParams,
) -> Page[Patient]:
    query = filtered_query(principal, cipher, filters)
    return await paginate(
        session,
        query,
        page,
        default_order=Patient.created_at.desc(),
        sort_columns=SORT_COLUMNS,
        count_limit=LIST_COUNT_LIMIT,
        key=Patient.id,
    )


async def update(
    session: AsyncSession,
    principal: Principal,
    cipher: FieldCipher,
    patient_id: uuid.UUID,
    data: PatientUpdate,
) -> Patient:
    patient = await get(session, principal, patient_id)
    values = field_values(data, exclude_unset=True)
    if "referring_partner_id" in values:
        values["referring_partner_id"] = _scoped_partner(principal, values["referring_partner_id"])
        await _check_partner(session, values["referring_partner_id"])
    changed = apply_fields(patient, values, cipher)
    if not changed:
        return patient
    patient.updated_at = utc_now()
    await session.flush()
    await replace_search_terms(session, patient)
    session.add(
        Activity(
            patient_id=patient.id,
            kind=ActivityKind.field_change,
            actor_id=principal.user_id,
            details={"fields": sorted(changed)},
        )
    )
    await audit.record(
        session,
        principal,
        action="update",
        entity_type="patient",
        entity_id=patient.id,
        fields=sorted(changed),
    )
    return patient


async def reveal(
    session: AsyncSession,
    principal: Principal,
    cipher: FieldCipher,
    patient_id: uuid.UUID,
    fields: Sequence[SensitiveField],
) -> dict[str, str | None]:
    """Decrypt the requested fields and audit the read in the same transaction."""
    requested = list(dict.fromkeys(fields))
    forbidden = [name for name in requested if not principal.can(SENSITIVE_PERMISSIONS[name])]
    if forbidden:
        await audit.record(
            session,
            principal,
            action="read_sensitive",
            entity_type="patient",
            entity_id=patient_id,
            fields=forbidden,
            outcome=AuditOutcome.denied,
        )
        raise PermissionDenied(
            f"Your role may not read {', '.join(forbidden)}.",
            keep_changes=True,
            permission=SENSITIVE_PERMISSIONS[forbidden[0]].value,
        )
    patient = await get(session, principal, patient_id)

    await audit.record(
        session,
        principal,
        action="read_sensitive",
        entity_type="patient",
        entity_id=patient.id,
        fields=requested,
    )
    revealed: dict[str, str | None] = {}
    for name in requested:
        stored = getattr(patient, f"{name}_encrypted")
        revealed[name] = (
            cipher.decrypt(stored, context=encryption_context(patient.id, name)) if stored else None
        )
    return revealed


async def soft_delete(session: AsyncSession, principal: Principal, patient_id: uuid.UUID) -> None:
    patient = await get(session, principal, patient_id)
    patient.deleted_at = utc_now()
    await session.execute(
        delete(PatientSearchTerm).where(PatientSearchTerm.patient_id == patient.id)
    )
    await audit.record(
        session, principal, action="delete", entity_type="patient", entity_id=patient.id
    )


async def duplicates_of(
    session: AsyncReadSession, principal: Principal, cipher: FieldCipher, patient_id: uuid.UUID
) -> list[Duplicate]:
    patient = await get(session, principal, patient_id)
    passport = None
    if patient.passport_number_encrypted:
        passport = cipher.decrypt(
            patient.passport_number_encrypted,
            context=encryption_context(patient.id, "passport_number"),
        )
    return await find_duplicates(
        session,
        principal,
        cipher,
        passport_number=passport,
        email=patient.email,
        phones_e164=[phone["number"] for phone in patient.phones],
        family_name=patient.family_name,
        given_name=patient.given_name,
        name_latin=patient.name_latin,
        date_of_birth=patient.date_of_birth,
        exclude_id=patient.id,
    )


_MERGE_SCALARS = (
    "family_name",
    "given_name",
    "name_latin",
    "name_kana",
    "date_of_birth",
    "nationality",
    "country_of_residence",
    "time_zone",
    "email",
    "address",
    "passport_expiry",
    "referring_partner_id",
    "notes",
)


def _fill_from(kept: Patient, duplicate: Patient, cipher: FieldCipher) -> list[str]:
    """Copy what the kept patient lacks from the duplicate; the kept patient's values win."""
    filled = [
        name
        for name in _MERGE_SCALARS
        if getattr(kept, name) in (None, "") and getattr(duplicate, name)
    ]
    for name in filled:
        setattr(kept, name, getattr(duplicate, name))
    if kept.sex.value == "unknown" and duplicate.sex.value != "unknown":
        kept.sex = duplicate.sex
        filled.append("sex")

    known_numbers = {phone["number"] for phone in kept.phones}
    extra_phones = [phone for phone in duplicate.phones if phone["number"] not in known_numbers]
    if extra_phones:
        kept.phones = [*kept.phones, *extra_phones]
        filled.append("phones")
    for name in ("tags", "preferred_languages"):
        union = list(dict.fromkeys([*getattr(kept, name), *getattr(duplicate, name)]))
        if union != getattr(kept, name):
            setattr(kept, name, union)
            filled.append(name)
    for name in (
        "custom_fields",
        "messaging",
        "emergency_contact",
        "care_preferences",
        "travel_insurance",
    ):
        combined = {
            **{k: v for k, v in getattr(duplicate, name).items() if v},
            **{k: v for k, v in getattr(kept, name).items() if v},
        }
        if combined != getattr(kept, name):
            setattr(kept, name, combined)
            filled.append(name)

    for name in SENSITIVE_FIELDS:
        stored = getattr(duplicate, f"{name}_encrypted")
        if stored and not getattr(kept, f"{name}_encrypted"):
            plaintext = cipher.decrypt(stored, context=encryption_context(duplicate.id, name))
            setattr(
                kept,
                f"{name}_encrypted",
                cipher.encrypt(plaintext, context=encryption_context(kept.id, name)),
            )
            if name == "passport_number":
                kept.passport_number_hash = duplicate.passport_number_hash
            filled.append(name)
    return filled


async def merge(
    session: AsyncSession,
    principal: Principal,
    cipher: FieldCipher,
    kept_id: uuid.UUID,
    duplicate_id: uuid.UUID,
) -> Patient:
    """Merge `duplicate_id` into `kept_id`: move its cases, activities, tasks and consents, keep its row."""
    if kept_id == duplicate_id:
        raise ValidationFailed.single(
            ["body", "duplicate_id"],
            "merge_same_patient",
            "A patient cannot be merged into itself.",
        )
    kept = await get(session, principal, kept_id)
    duplicate = await get(session, principal, duplicate_id)

    moved: dict[str, int] = {}
    for model in (Case, Activity, Task, PatientConsent):
        result = await session.execute(
            sql_update(model)
            .where(model.patient_id == duplicate.id)
            .values(patient_id=kept.id)
            .execution_options(synchronize_session=False)
        )
        moved[model.__tablename__] = result.rowcount or 0

    filled = _fill_from(kept, duplicate, cipher)
    duplicate.merged_into_id = kept.id
    duplicate.passport_number_hash = None
    kept.updated_at = utc_now()
    await session.flush()
    await session.execute(
        delete(PatientSearchTerm).where(PatientSearchTerm.patient_id == duplicate.id)
    )
    await replace_search_terms(session, kept)

    session.add(
        Activity(
            patient_id=kept.id,
            kind=ActivityKind.merged,
            actor_id=principal.user_id,
            details={
                "merged_patient_id": str(duplicate.id),
                "moved": moved,
                "filled_fields": sorted(filled),
            },
        )
    )
    await audit.record(
        session,
        principal,
        action="merge",
        entity_type="patient",
        entity_id=kept.id,
        fields=sorted(filled),
        details={"merged_patient_id": str(duplicate.id), "moved": moved},
    )
    return kept


async def add_consent(
    session: AsyncSession, principal: Principal, patient_id: uuid.UUID, data: ConsentIn
) -> PatientConsent:
    """Record a consent the patient gave; consents are never edited, only withdrawn."""
    patient = await get(session, principal, patient_id)
    consent = PatientConsent(
        patient_id=patient.id, recorded_by_id=principal.user_id, **data.model_dump()
    )
    session.add(consent)
    await session.flush()
    await audit.record(
        session,
        principal,
        action="create",
        entity_type="consent",
        entity_id=consent.id,
        details={"patient_id": str(patient.id), "topic": data.topic, "version": data.version},
    )
    return consent


async def withdraw_consent(
    session: AsyncSession, principal: Principal, patient_id: uuid.UUID, consent_id: uuid.UUID
) -> PatientConsent:
    patient = await get(session, principal, patient_id)
    consent = await session.get(PatientConsent, consent_id)
    if consent is None or consent.patient_id != patient.id:
        raise NotFound("The consent does not exist.", code="consent_not_found")
    if consent.withdrawn_at is None:
        consent.withdrawn_at = utc_now()
        await audit.record(
            session,
            principal,
            action="withdraw",
            entity_type="consent",
            entity_id=consent.id,
            details={"patient_id": str(patient.id)},
        )
    return consent
