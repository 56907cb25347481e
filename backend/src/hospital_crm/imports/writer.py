"""Write one chunk of parsed rows as patients: the bulk path of the import.

Creating 100,000 patients through patients.service.create would run the duplicate
queries and append one audit event per patient. This module instead looks up the
duplicates of a whole chunk with four queries, builds each patient with the patient
service's own field rules (encryption, passport hash, duplicate keys, time zone,
search terms) and inserts the chunk in bulk. The import as a whole is one audit
event, written by the pipeline.
"""

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from sqlalchemy import and_, insert, or_, select

from hospital_crm.activities.models import Activity, ActivityKind
from hospital_crm.cases import service as case_service
from hospital_crm.cases.models import Case, CaseStage, CaseStageChange, Channel
from hospital_crm.core.context import Principal
from hospital_crm.core.crypto import FieldCipher
from hospital_crm.core.db import AsyncReadSession, AsyncSession
from hospital_crm.core.models import utc_now
from hospital_crm.imports.models import DuplicatePolicy, RowOutcome
from hospital_crm.imports.reasons import RowError
from hospital_crm.imports.rows import ParsedRow
from hospital_crm.patients import search_keys
from hospital_crm.patients import service as patient_service
from hospital_crm.patients.models import Patient, PatientSearchTerm
from hospital_crm.patients.schemas import PatientCreate

# Order in which a duplicate's reasons are listed, strongest evidence first.
REASON_ORDER = ("passport", "email", "phone", "name_dob")

# Empty values of the patient's JSON columns, as patients.service.create sets them.
_JSON_DEFAULTS: dict[str, type] = {
    "preferred_languages": list,
    "phones": list,
    "messaging": dict,
    "emergency_contact": dict,
    "care_preferences": dict,
    "travel_insurance": dict,
    "tags": list,
    "custom_fields": dict,
}


@dataclass
class RowResult:
    row: ParsedRow
    outcome: RowOutcome
    patient_id: uuid.UUID | None = None
    duplicate_reasons: list[str] = field(default_factory=list)
    case_values: dict[str, Any] | None = None


@dataclass
class CandidateKeys:
    """The duplicate-rule keys of one row, in the forms stored on the patients table."""

    passport_hashes: list[str]
    email: str | None
    phone_terms: list[str]
    native_key: tuple[Any, str] | None
    latin_key: tuple[Any, str] | None


class DuplicateIndex:
    """Duplicate-rule keys mapped to patient ids, for existing patients and this import's rows.

    The index grows with every patient the import creates, so a later row of the same
    file (or of a later chunk in a dry run, where nothing is written) is matched too.
    """

    def __init__(self) -> None:
        self._keys: dict[str, dict[Any, uuid.UUID]] = {reason: {} for reason in REASON_ORDER}

    def add(self, reason: str, key: Any, patient_id: uuid.UUID) -> None:
        self._keys[reason].setdefault(key, patient_id)

    def add_row(self, keys: CandidateKeys, patient_id: uuid.UUID) -> None:
        for passport_hash in keys.passport_hashes[:1]:
            self.add("passport", passport_hash, patient_id)
        if keys.email:
            self.add("email", keys.email, patient_id)
        for term in keys.phone_terms:
            self.add("phone", term, patient_id)
        for name_key in (keys.native_key, keys.latin_key):
            if name_key:
                self.add("name_dob", name_key, patient_id)

    def match(self, keys: CandidateKeys) -> tuple[uuid.UUID, list[str]] | None:
        """Return the first matching patient and every rule by which it matches."""
        matches: dict[uuid.UUID, list[str]] = {}
        lookups: list[tuple[str, Iterable[Any]]] = [
            ("passport", keys.passport_hashes),
            ("email", [keys.email] if keys.email else []),
            ("phone", keys.phone_terms),
            ("name_dob", [key for key in (keys.native_key, keys.latin_key) if key]),
        ]
        for reason, values in lookups:
            for value in values:
                patient_id = self._keys[reason].get(value)
                if patient_id is not None and reason not in matches.setdefault(patient_id, []):
                    matches[patient_id].append(reason)
        if not matches:
            return None
        return next(iter(matches.items()))


def candidate_keys(data: PatientCreate, cipher: FieldCipher) -> CandidateKeys:
    passport_hashes: list[str] = []
    if data.passport_number:
        normalized = search_keys.normalize_passport_number(data.passport_number)
        passport_hashes = cipher.lookup_hashes(normalized)
    native, latin = patient_service.duplicate_keys(
        data.family_name, data.given_name, data.name_latin
    )
    birth = data.date_of_birth
    return CandidateKeys(
        passport_hashes=passport_hashes,
        email=data.email.lower() if data.email else None,
        phone_terms=[phone.number.lstrip("+") for phone in data.phones or []],
        native_key=(birth, native) if birth and native else None,
        latin_key=(birth, latin) if birth and latin else None,
    )


async def load_existing_keys(
    session: AsyncReadSession,
    principal: Principal,
    index: DuplicateIndex,
    chunk_keys: Sequence[CandidateKeys],
) -> None:
    """Add to the index the existing patients that share a key with any row of the chunk."""
    visible = patient_service.visible_patients(principal)
    hashes = {value for keys in chunk_keys for value in keys.passport_hashes}
    emails = {keys.email for keys in chunk_keys if keys.email}
    phones = {term for keys in chunk_keys for term in keys.phone_terms}
    name_keys = [key for keys in chunk_keys for key in (keys.native_key, keys.latin_key) if key]

    if hashes:
        rows = await session.execute(
            select(Patient.id, Patient.passport_number_hash).where(
                visible, Patient.passport_number_hash.in_(hashes)
            )
        )
        for patient_id, passport_hash in rows:
            index.add("passport", passport_hash, patient_id)
    if emails:
        rows = await session.execute(
            select(Patient.id, Patient.email).where(visible, Patient.email.in_(emails))
        )
        for patient_id, email in rows:
            index.add("email", email, patient_id)
    if phones:
        rows = await session.execute(
            select(PatientSearchTerm.patient_id, PatientSearchTerm.term)
            .join(Patient, Patient.id == PatientSearchTerm.patient_id)
            .where(visible, PatientSearchTerm.term.in_(phones))
        )
        for patient_id, term in rows:
            index.add("phone", term, patient_id)
    if name_keys:
        await _load_name_keys(session, visible, index, name_keys)


async def _load_name_keys(
    session: AsyncReadSession, visible: Any, index: DuplicateIndex, name_keys: list[tuple[Any, str]]
) -> None:
    births = {birth for birth, _ in name_keys}
    names = {name for _, name in name_keys}
    rows = await session.execute(
        select(
            Patient.id,
            Patient.date_of_birth,
            Patient.duplicate_key_native,
            Patient.duplicate_key_latin,
        ).where(
            visible,
            Patient.date_of_birth.in_(births),
            or_(Patient.duplicate_key_native.in_(names), Patient.duplicate_key_latin.in_(names)),
        )
    )
    for patient_id, birth, native, latin in rows:
        for name in (native, latin):
            if name:
                index.add("name_dob", (birth, name), patient_id)


def validate_row(row: ParsedRow) -> PatientCreate | None:
    """Validate the row's values with the API's own schema; add reasons when it fails."""
    values = dict(row.patient)
    if "phones" in values:
        values["phones"] = [{"number": number, "kind": "mobile"} for number in values["phones"]]
    try:
        return PatientCreate(**values, confirm_duplicate=True)
    except ValidationError as error:
        for problem in error.errors():
            location = str(problem["loc"][0]) if problem["loc"] else "family_name"
            column = row.sources.get(location, location)
            row.errors.append(
                RowError(
                    "invalid_value",
                    column,
                    str(values.get(location, ""))[:80],
                    (("detail", problem["msg"]),),
                )
            )
        return None


def new_patient(
    data: PatientCreate, principal: Principal, cipher: FieldCipher
) -> tuple[Patient, set[str]]:
    """Build a patient exactly as patients.service.create does, without flushing it."""
    values = data.model_dump(mode="python", exclude={"confirm_duplicate"})
    patient = Patient(id=uuid.uuid4(), created_by_id=principal.user_id)
    for name, empty in _JSON_DEFAULTS.items():
        setattr(patient, name, empty())
    # TODO: switch to a public builder once patients.service exposes one; _apply_fields is
    # the single place that encrypts, hashes and derives duplicate keys, so it is reused
    # rather than copied.
    patient_service._apply_fields(patient, values, cipher)
    return patient, patient_service.search_terms_for(patient)


async def insert_patients(
    session: AsyncSession,
    principal: Principal,
    created: Sequence[tuple[Patient, set[str]]],
    *,
    batch_id: uuid.UUID,
) -> None:
    """Insert new patients, their search terms and an "imported" timeline entry each."""
    if not created:
        return
    session.add_all([patient for patient, _ in created])
    await session.flush()

    terms = [
        {"patient_id": patient.id, "term": term}
        for patient, patient_terms in created
        for term in sorted(patient_terms)
    ]
    if terms:
        await session.execute(insert(PatientSearchTerm), terms)
    await session.execute(
        insert(Activity),
        [
            {
                "id": uuid.uuid4(),
                "patient_id": patient.id,
                "kind": ActivityKind.imported,
                "actor_id": principal.user_id,
                "details": {"import_batch_id": str(batch_id)},
            }
            for patient, _ in created
        ],
    )
    for patient, _ in created:
        session.expunge(patient)


async def update_patients(
    session: AsyncSession,
    principal: Principal,
    cipher: FieldCipher,
    updates: Sequence[tuple[uuid.UUID, PatientCreate]],
    *,
    batch_id: uuid.UUID,
) -> None:
    """Overwrite existing patients with the row's non-empty values (on_duplicate=update).

    Phones and custom fields are merged with what the patient has, so an import
    never removes a number or a column value that staff entered.
    """
    if not updates:
        return
    ids = [patient_id for patient_id, _ in updates]
    patients = {
        patient.id: patient
        for patient in (await session.scalars(select(Patient).where(Patient.id.in_(ids)))).all()
    }
    for patient_id, data in updates:
        patient = patients[patient_id]
        values = data.model_dump(mode="python", exclude_unset=True, exclude={"confirm_duplicate"})
        values = {name: value for name, value in values.items() if value not in (None, "", [], {})}
        if "phones" in values:
            known = {phone["number"] for phone in patient.phones}
            values["phones"] = [
                *patient.phones,
                *(phone for phone in values["phones"] if phone["number"] not in known),
            ]
        if "custom_fields" in values:
            values["custom_fields"] = {**patient.custom_fields, **values["custom_fields"]}
        changed = patient_service._apply_fields(patient, values, cipher)
        if changed:
            await session.flush()
            await patient_service.replace_search_terms(session, patient)
            session.add(
                Activity(
                    patient_id=patient.id,
                    kind=ActivityKind.imported,
                    actor_id=principal.user_id,
                    details={"import_batch_id": str(batch_id), "fields": sorted(changed)},
                )
            )
    await session.flush()


async def unique_references(session: AsyncReadSession, count: int) -> list[str]:
    """Draw case references that no case has yet.

    A reference has 32**6 random values per year, so among 100,000 imported cases a
    few collisions are expected; they are drawn again before the insert.
    """
    references: set[str] = set()
    while len(references) < count:
        drawn = {case_service.new_reference() for _ in range(count - len(references))}
        taken = set(
            (await session.scalars(select(Case.reference).where(Case.reference.in_(drawn)))).all()
        )
        references |= drawn - taken
    return sorted(references)


async def insert_cases(
    session: AsyncSession, principal: Principal, results: Sequence[RowResult]
) -> int:
    """Open a case for each created or updated row that carries case values.

    An updated patient gets no second case when one with the same received date and
    department exists, so importing the same sheet twice opens no duplicate cases.
    """
    wanted = [result for result in results if result.case_values and result.patient_id]
    if not wanted:
        return 0
    existing = await _existing_case_keys(session, [result.patient_id for result in wanted])
    wanted = [result for result in wanted if _case_key(result) not in existing]
    references = await unique_references(session, len(wanted))

    now = utc_now()
    cases, changes, activities = [], [], []
    for result, reference in zip(wanted, references, strict=True):
        values = result.case_values or {}
        stage = CaseStage(values["stage"])
        partner_id = values.get("referring_partner_id")
        case_id = uuid.uuid4()
        cases.append(
            {
                "id": case_id,
                "reference": reference,
                "patient_id": result.patient_id,
                # NOTE: Channel has no value for an imported inquiry; a referred one is
                # "partner" and any other is recorded as "email" until such a value exists.
                "channel": Channel.partner if partner_id else Channel.email,
                "department_id": values.get("department_id"),
                "received_on": values.get("received_date"),
                "referring_partner_id": partner_id,
                "stage": stage,
                "stage_changed_at": now,
                "priority": "normal",
                "created_by_id": principal.user_id,
                "owner_id": principal.user_id,
                "created_at": now,
                "updated_at": now,
            }
        )
        changes.append(
            {
                "id": uuid.uuid4(),
                "case_id": case_id,
                "from_stage": None,
                "to_stage": stage,
                "changed_by_id": principal.user_id,
                "changed_at": now,
            }
        )
        activities.append(
            {
                "id": uuid.uuid4(),
                "patient_id": result.patient_id,
                "case_id": case_id,
                "kind": ActivityKind.created,
                "actor_id": principal.user_id,
                "details": {"source": "import", "reference": reference},
            }
        )
    if cases:
        await session.execute(insert(Case), cases)
        await session.execute(insert(CaseStageChange), changes)
        await session.execute(insert(Activity), activities)
    return len(cases)


def _case_key(result: RowResult) -> tuple[Any, ...]:
    values = result.case_values or {}
    return (result.patient_id, values.get("received_date"), values.get("department_id"))


async def _existing_case_keys(
    session: AsyncReadSession, patient_ids: list[uuid.UUID | None]
) -> set[tuple[Any, ...]]:
    rows = await session.execute(
        select(Case.patient_id, Case.received_on, Case.department_id).where(
            and_(Case.patient_id.in_(patient_ids), Case.deleted_at.is_(None))
        )
    )
    return {tuple(row) for row in rows}


@dataclass
class ChunkWriter:
    """Decide each row's outcome and write the chunk (nothing is written in a dry run)."""

    principal: Principal
    cipher: FieldCipher
    policy: DuplicatePolicy
    batch_id: uuid.UUID
    dry_run: bool
    index: DuplicateIndex = field(default_factory=DuplicateIndex)

    async def write(
        self, session: AsyncSession, rows: Sequence[ParsedRow]
    ) -> tuple[list[RowResult], int]:
        """Return each row's result, in sheet order, and the number of cases opened."""
        results: list[RowResult] = []
        valid: list[tuple[ParsedRow, PatientCreate, CandidateKeys]] = []
        for row in rows:
            data = None if row.rejected else validate_row(row)
            if data is None:
                results.append(RowResult(row, RowOutcome.rejected))
            else:
                valid.append((row, data, candidate_keys(data, self.cipher)))

        await load_existing_keys(session, self.principal, self.index, [keys for *_, keys in valid])
        created: list[tuple[Patient, set[str]]] = []
        updates: list[tuple[uuid.UUID, PatientCreate]] = []
        for row, data, keys in valid:
            duplicate = None if self.policy is DuplicatePolicy.create else self.index.match(keys)
            if duplicate is None:
                patient, terms = new_patient(data, self.principal, self.cipher)
                created.append((patient, terms))
                self.index.add_row(keys, patient.id)
                results.append(RowResult(row, RowOutcome.created, patient.id, [], row.case))
                continue

            patient_id, reasons = duplicate
            if self.policy is DuplicatePolicy.update:
                updates.append((patient_id, data))
                results.append(RowResult(row, RowOutcome.updated, patient_id, reasons, row.case))
            else:
                results.append(RowResult(row, RowOutcome.skipped, patient_id, reasons))

        results.sort(key=lambda result: result.row.row_number)
        if self.dry_run:
            return results, 0

        await insert_patients(session, self.principal, created, batch_id=self.batch_id)
        await update_patients(session, self.principal, self.cipher, updates, batch_id=self.batch_id)
        cases_created = await insert_cases(session, self.principal, results)
        return results, cases_created
