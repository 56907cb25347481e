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
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from sqlalchemy import Date, String, Uuid, and_, bindparam, func, or_, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.sql.elements import ColumnElement

if TYPE_CHECKING:
    from hospital_crm.imports.prepare import PreparedRow

from hospital_crm.activities.models import Activity, ActivityKind
from hospital_crm.cases import service as case_service
from hospital_crm.cases.models import Case, CaseStage, CaseStageChange, Channel, Priority
from hospital_crm.core.context import Principal
from hospital_crm.core.crypto import FieldCipher
from hospital_crm.core.db import AsyncReadSession, AsyncSession
from hospital_crm.core.models import utc_now
from hospital_crm.imports.bulk import (
    copy_text,
    copy_text_line,
    copy_text_lines,
    insert_records,
    insert_rows,
)
from hospital_crm.imports.ids import uuid7
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
    # The created, updated or matched patient. None when no such patient exists: a
    # dry run creates none, so its created rows and their duplicates have no patient.
    patient_id: uuid.UUID | None = None
    duplicate_reasons: list[str] = field(default_factory=list)
    case_values: dict[str, Any] | None = None
    # Sheet row of an earlier row of this file that a dry run would create, for a
    # duplicate of it; patient_id is None then.
    duplicate_row: int | None = None


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
    NOTE: this is the one part of an import whose memory grows with the file, by up
    to five short keys per created row; rows themselves are held one chunk at a time.
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


def among(session: AsyncReadSession, column: Any, values: Iterable[Any]) -> ColumnElement[bool]:
    """Build `column IN (values)`, with the values in one array parameter on PostgreSQL.

    Rendering an IN list of 1,000 values costs SQLAlchemy more than PostgreSQL spends
    running the query. With the array, every chunk sends the same statement, which
    PostgreSQL soon plans once for any array. `IN (SELECT unnest(...))` keeps that
    generic plan an index lookup per value, where `= ANY(...)` was planned as a scan
    of the whole table.
    """
    if session.bind.dialect.name != "postgresql":
        return column.in_(values)
    element_type = _ARRAY_ELEMENT_TYPES.get(type(column.type).__name__, String())
    array = bindparam(None, list(values), type_=ARRAY(element_type))
    return column.in_(select(func.unnest(array)).scalar_subquery())


# Array element types by column type; strings go without length or collation, which
# an array cast cannot carry.
_ARRAY_ELEMENT_TYPES: dict[str, Any] = {"Date": Date(), "Uuid": Uuid(), "UUID": Uuid()}


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
                visible, among(session, Patient.passport_number_hash, hashes)
            )
        )
        for patient_id, passport_hash in rows:
            index.add("passport", passport_hash, patient_id)
    if emails:
        rows = await session.execute(
            select(Patient.id, Patient.email).where(visible, among(session, Patient.email, emails))
        )
        for patient_id, email in rows:
            index.add("email", email, patient_id)
    if phones:
        await _load_phone_keys(session, visible, index, phones)
    if name_keys:
        await _load_name_keys(session, visible, index, name_keys)


async def _load_phone_keys(
    session: AsyncReadSession, visible: Any, index: DuplicateIndex, phones: set[str]
) -> None:
    # Two queries rather than a join: while an import grows the tables, PostgreSQL's
    # statistics lag behind and the join is planned as a loop over every patient.
    terms = (
        await session.execute(
            select(PatientSearchTerm.patient_id, PatientSearchTerm.term).where(
                among(session, PatientSearchTerm.term, phones)
            )
        )
    ).all()
    if not terms:
        return
    live = set(
        (
            await session.scalars(
                select(Patient.id).where(
                    visible, among(session, Patient.id, {row[0] for row in terms})
                )
            )
        ).all()
    )
    for patient_id, term in terms:
        if patient_id in live:
            index.add("phone", term, patient_id)


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
            among(session, Patient.date_of_birth, births),
            or_(
                among(session, Patient.duplicate_key_native, names),
                among(session, Patient.duplicate_key_latin, names),
            ),
        )
    )
    for patient_id, birth, native, latin in rows:
        for name in (native, latin):
            if name:
                index.add("name_dob", (birth, name), patient_id)


# Reason codes for the patient schema's own checks, by the attribute that failed.
_SCHEMA_ERROR_CODES = {
    "email": "invalid_email",
    "phones": "invalid_phone",
    "date_of_birth": "invalid_date",
    "nationality": "unknown_country",
    "country_of_residence": "unknown_country",
}


def validate_row(row: ParsedRow) -> PatientCreate | None:
    """Validate the row's values with the API's own schema; add reasons when it fails."""
    values = dict(row.patient)
    if "phones" in values:
        values["phones"] = [{"number": number, "kind": "mobile"} for number in values["phones"]]
    try:
        return PatientCreate(**values, confirm_duplicate=True)
    except ValidationError as error:
        for problem in error.errors():
            attribute = str(problem["loc"][0]) if problem["loc"] else "family_name"
            code = _SCHEMA_ERROR_CODES.get(attribute, "invalid_value")
            value = str(values.get(attribute, ""))[:80]
            detail = (("detail", problem["msg"]),)
            row.errors.append(RowError(code, row.sources.get(attribute, attribute), value, detail))
        return None


_PATIENT_COLUMNS = tuple(column.key for column in Patient.__table__.columns)


def new_patient(
    data: PatientCreate, principal: Principal, cipher: FieldCipher
) -> tuple[dict[str, Any], set[str]]:
    """Build a new patient's row and search terms exactly as patients.service.create does.

    The values are applied to a plain namespace rather than an ORM instance, which
    would cost more than the whole rest of the row's parsing, and the row is then
    inserted in bulk.
    """
    values = patient_service.field_values(data, exclude_unset=False)
    patient = SimpleNamespace(**dict.fromkeys(_PATIENT_COLUMNS))
    for name, empty in _JSON_DEFAULTS.items():
        setattr(patient, name, empty())
    now = utc_now()
    patient.id = uuid7()
    patient.created_by_id = principal.user_id
    patient.created_at = patient.updated_at = now
    # apply_fields is the single place that encrypts, hashes and derives duplicate keys,
    # so the bulk path reuses it rather than copying those rules.
    patient_service.apply_fields(patient, values, cipher)  # type: ignore[arg-type]
    row = {name: getattr(patient, name) for name in _PATIENT_COLUMNS}
    return row, patient_service.search_terms_for(patient)  # type: ignore[arg-type]


@dataclass(slots=True)
class NewPatientRows:
    """A new patient's table rows, built before the duplicate check decides whether to insert them.

    For PostgreSQL they are COPY text lines: one string sent back from the worker process
    costs a fraction of the values it replaces, as pickled objects or as COPY records.
    """

    patient_id: uuid.UUID
    # The patient's line and its search terms' lines in COPY text format (PostgreSQL).
    patient_line: str | None = None
    term_lines: str | None = None
    # Column values and search terms for an INSERT (SQLite).
    values: dict[str, Any] | None = None
    terms: set[str] | None = None


def new_patient_rows(
    data: PatientCreate, principal: Principal, cipher: FieldCipher, *, copy_text: bool
) -> NewPatientRows:
    """Build a new patient's rows, as COPY text lines when `copy_text` is true."""
    values, terms = new_patient(data, principal, cipher)
    patient_id = values["id"]
    if not copy_text:
        return NewPatientRows(patient_id, values=values, terms=terms)
    patient_line = copy_text_line([values[name] for name in _PATIENT_COLUMNS])
    term_lines = copy_text_lines(patient_id, sorted(terms))
    return NewPatientRows(patient_id, patient_line=patient_line, term_lines=term_lines)


async def insert_patients(session: AsyncSession, created: Sequence[NewPatientRows]) -> None:
    """Insert new patients and their search terms."""
    if not created:
        return
    if created[0].patient_line is not None:
        patients = "".join(rows.patient_line or "" for rows in created)
        await copy_text(session, Patient.__table__, _PATIENT_COLUMNS, patients)
        terms = "".join(rows.term_lines or "" for rows in created)
        await copy_text(session, PatientSearchTerm.__table__, ("patient_id", "term"), terms)
        return
    await insert_rows(session, Patient.__table__, [rows.values or {} for rows in created])
    await insert_records(
        session,
        PatientSearchTerm.__table__,
        ("patient_id", "term"),
        [(rows.patient_id, term) for rows in created for term in rows.terms or ()],
    )


async def insert_import_activities(
    session: AsyncSession,
    principal: Principal,
    results: Sequence[RowResult],
    case_ids: dict[int, tuple[uuid.UUID, str]],
    *,
    batch_id: uuid.UUID,
) -> None:
    """Add one "imported" timeline entry per created patient, naming the batch and row.

    The entry also carries the case the row opened, so an imported row is one
    timeline entry rather than a patient entry and a case entry.
    """
    now = utc_now()
    activities = []
    for result in results:
        if result.outcome is not RowOutcome.created or result.patient_id is None:
            continue
        details: dict[str, Any] = {
            "import_batch_id": str(batch_id),
            "row_number": result.row.row_number,
        }
        case_id, reference = case_ids.get(result.row.row_number, (None, None))
        if reference:
            details["reference"] = reference
        activities.append(
            _activity_row(
                result.patient_id, case_id, ActivityKind.imported, principal, now, details
            )
        )
    await insert_rows(session, Activity.__table__, activities)


def _activity_row(
    patient_id: uuid.UUID,
    case_id: uuid.UUID | None,
    kind: ActivityKind,
    principal: Principal,
    now: Any,
    details: dict[str, Any],
) -> dict[str, Any]:
    return {
        "id": uuid7(),
        "patient_id": patient_id,
        "case_id": case_id,
        "kind": kind,
        "channel": None,
        "direction": None,
        "subject": None,
        "body": None,
        "details": details,
        "actor_id": principal.user_id,
        "occurred_at": now,
        "created_at": now,
    }


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
        values = patient_service.field_values(data, exclude_unset=True)
        values = {name: value for name, value in values.items() if value not in (None, "", [], {})}
        if "phones" in values:
            known = {phone["number"] for phone in patient.phones}
            values["phones"] = [
                *patient.phones,
                *(phone for phone in values["phones"] if phone["number"] not in known),
            ]
        if "custom_fields" in values:
            values["custom_fields"] = {**patient.custom_fields, **values["custom_fields"]}
        changed = patient_service.apply_fields(patient, values, cipher)
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

    A collision with an existing case is rare but possible. Such a reference is drawn
    again before the insert.
    """
    references: set[str] = set()
    while len(references) < count:
        drawn = {case_service.new_reference() for _ in range(count - len(references))}
        taken = set(
            (
                await session.scalars(
                    select(Case.reference).where(among(session, Case.reference, drawn))
                )
            ).all()
        )
        references |= drawn - taken
    return sorted(references)


async def insert_cases(
    session: AsyncSession, principal: Principal, results: Sequence[RowResult]
) -> dict[int, tuple[uuid.UUID, str]]:
    """Open a case for each created or updated row that carries case values.

    A patient gets no second case with the same received date and department, so
    importing the same sheet twice with on_duplicate=update opens no duplicate cases.
    """
    wanted = [result for result in results if result.case_values and result.patient_id]
    if not wanted:
        return {}
    # A patient created by this chunk has no case yet, so only the others are looked up.
    existing = [r.patient_id for r in wanted if r.outcome is not RowOutcome.created]
    seen = await _existing_case_keys(session, existing) if existing else set()
    unique = []
    for result in wanted:
        if _case_key(result) not in seen:
            seen.add(_case_key(result))
            unique.append(result)
    references = await unique_references(session, len(unique))

    now = utc_now()
    cases, changes, activities = [], [], []
    opened: dict[int, tuple[uuid.UUID, str]] = {}
    for result, reference in zip(unique, references, strict=True):
        case = _case_row(result, reference, principal, now)
        cases.append(case)
        opened[result.row.row_number] = (case["id"], reference)
        changes.append(
            {
                "id": uuid7(),
                "case_id": case["id"],
                "from_stage": None,
                "to_stage": case["stage"],
                "changed_by_id": principal.user_id,
                "changed_at": now,
                "note": None,
            }
        )
        if result.outcome is not RowOutcome.created:
            # A created patient's "imported" entry names the case; see insert_import_activities.
            activities.append(
                _activity_row(
                    case["patient_id"],
                    case["id"],
                    ActivityKind.created,
                    principal,
                    now,
                    {"source": "import", "reference": reference},
                )
            )
    await insert_rows(session, Case.__table__, cases)
    await insert_rows(session, CaseStageChange.__table__, changes)
    await insert_rows(session, Activity.__table__, activities)
    return opened


def _case_row(result: RowResult, reference: str, principal: Principal, now: Any) -> dict[str, Any]:
    values = result.case_values or {}
    partner_id = values.get("referring_partner_id")
    # A sheet does not say how the inquiry came, except that a referred one came via a partner.
    channel = Channel.partner if partner_id else Channel.imported
    return {
        "id": uuid7(),
        "reference": reference,
        "patient_id": result.patient_id,
        "channel": channel,
        "department_id": values.get("department_id"),
        "requested_treatment": None,
        "desired_date_from": None,
        "desired_date_to": None,
        "planned_arrival_date": None,
        "planned_departure_date": None,
        "received_on": values.get("received_date"),
        "owner_id": principal.user_id,
        "referring_partner_id": partner_id,
        "guarantor_organization_id": None,
        "priority": Priority.normal,
        "estimated_value": None,
        "currency": None,
        "stage": CaseStage(values["stage"]),
        "stage_changed_at": now,
        "lost_reason": None,
        "notes": None,
        "closed_at": None,
        "created_by_id": principal.user_id,
        "deleted_at": None,
        "created_at": now,
        "updated_at": now,
    }


def _case_key(result: RowResult) -> tuple[Any, ...]:
    values = result.case_values or {}
    return (result.patient_id, values.get("received_date"), values.get("department_id"))


async def _existing_case_keys(
    session: AsyncReadSession, patient_ids: list[uuid.UUID | None]
) -> set[tuple[Any, ...]]:
    rows = await session.execute(
        select(Case.patient_id, Case.received_on, Case.department_id).where(
            and_(among(session, Case.patient_id, patient_ids), Case.deleted_at.is_(None))
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
    # Sheet rows of a dry run's would-be patients, by the stand-in id in the index.
    planned_rows: dict[uuid.UUID, int] = field(default_factory=dict)

    def _created_patient_id(
        self, item: "PreparedRow", created: list[NewPatientRows], *, copy_text: bool
    ) -> uuid.UUID:
        """Return the id of the row's new patient, queuing the patient unless in a dry run."""
        if self.dry_run:
            # A dry run builds no patient. The stand-in id only links later duplicates
            # to this row, and never leaves the writer.
            stand_in = uuid.uuid4()
            self.planned_rows[stand_in] = item.row.row_number
            return stand_in
        if item.patient is None:
            data = item.data or validate_row(item.row)
            assert data is not None, "a row with duplicate keys has passed validation"
            item.patient = new_patient_rows(data, self.principal, self.cipher, copy_text=copy_text)
        created.append(item.patient)
        return item.patient.patient_id

    async def write(
        self, session: AsyncSession, rows: Sequence["PreparedRow"]
    ) -> tuple[list[RowResult], int]:
        """Return each row's result, in sheet order, and the number of cases opened."""
        results: list[RowResult] = []
        valid = []
        for item in rows:
            if item.keys is None:
                results.append(RowResult(item.row, RowOutcome.rejected))
            else:
                valid.append(item)

        await load_existing_keys(session, self.principal, self.index, [i.keys for i in valid])
        copy_text = session.bind.dialect.name == "postgresql"
        created: list[NewPatientRows] = []
        updates: list[tuple[uuid.UUID, PatientCreate]] = []
        for item in valid:
            row, keys = item.row, item.keys
            duplicate = None if self.policy is DuplicatePolicy.create else self.index.match(keys)
            if duplicate is None:
                new_id = self._created_patient_id(item, created, copy_text=copy_text)
                self.index.add_row(keys, new_id)
                shown_id = None if self.dry_run else new_id
                results.append(RowResult(row, RowOutcome.created, shown_id, [], row.case))
                continue

            patient_id, reasons = duplicate
            planned_row = self.planned_rows.get(patient_id)
            shown_id = None if planned_row is not None else patient_id
            if self.policy is DuplicatePolicy.update:
                data = item.data or validate_row(item.row)
                assert data is not None, "a row with duplicate keys has passed validation"
                updates.append((patient_id, data))
                outcome = RowOutcome.updated
            else:
                outcome = RowOutcome.skipped
            case_values = row.case if outcome is RowOutcome.updated else None
            results.append(
                RowResult(row, outcome, shown_id, reasons, case_values, duplicate_row=planned_row)
            )

        results.sort(key=lambda result: result.row.row_number)
        if self.dry_run:
            # Cases a real run would open; an updated patient's existing case is not checked.
            return results, sum(1 for result in results if result.case_values)

        await insert_patients(session, created)
        await update_patients(session, self.principal, self.cipher, updates, batch_id=self.batch_id)
        case_ids = await insert_cases(session, self.principal, results)
        await insert_import_activities(
            session, self.principal, results, case_ids, batch_id=self.batch_id
        )
        return results, len(case_ids)
