"""Cases (inquiries) and their journey through the stages."""

import secrets
import statistics
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql.elements import ColumnElement

from hospital_crm.activities.models import Activity, ActivityKind
from hospital_crm.audit import service as audit
from hospital_crm.cases.models import STAGE_ORDER, TERMINAL_STAGES, Case, CaseStage, CaseStageChange
from hospital_crm.cases.schemas import CaseCreate, CaseUpdate, StageChangeRequest
from hospital_crm.core.context import Principal
from hospital_crm.core.db import AsyncReadSession, AsyncSession
from hospital_crm.core.errors import Conflict, NotFound, ValidationFailed
from hospital_crm.core.models import hospital_today, utc_now
from hospital_crm.core.pagination import LIST_COUNT_LIMIT, Page, PageParams, paginate
from hospital_crm.departments.models import Department
from hospital_crm.partners.models import Partner, PartnerKind
from hospital_crm.patients import service as patients
from hospital_crm.patients.models import Patient
from hospital_crm.tasks.models import Task
from hospital_crm.users.models import User

# Crockford's base32 alphabet: no I, L, O or U, so a reference read over the phone is unambiguous.
REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
# A case can be closed only once the patient's treatment is over.
# 32**8 values a year: about 0.005 expected collisions among 100,000 cases (birthday bound),
# where 6 characters gave about 5.
REFERENCE_LENGTH = 8
CLOSABLE_FROM = frozenset({CaseStage.returned_home, CaseStage.follow_up})


class CaseNotFound(NotFound):
    code = "case_not_found"
    message = "The case does not exist."


class InvalidStageTransition(Conflict):
    code = "invalid_stage_transition"
    message = "The case cannot move to that stage."


def new_reference(today: date | None = None) -> str:
    year = (today or date.today()).year
    return f"{year}-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


def visible_cases(principal: Principal) -> ColumnElement[bool]:
    """Cases the principal may see; a partner user sees the cases their organization referred."""
    condition = and_(Case.deleted_at.is_(None), Patient.deleted_at.is_(None))
    if principal.is_partner:
        condition = and_(
            condition,
            or_(
                Case.referring_partner_id == principal.partner_id,
                Patient.referring_partner_id == principal.partner_id,
            ),
        )
    return condition


def _base_query(principal: Principal) -> Any:
    return (
        select(Case, Patient)
        .join(Patient, Patient.id == Case.patient_id)
        .where(visible_cases(principal))
    )


async def _check_references(session: AsyncReadSession, values: dict[str, Any]) -> None:
    checks = (
        ("department_id", Department, None),
        ("owner_id", User, None),
        ("referring_partner_id", Partner, None),
        ("guarantor_organization_id", Partner, PartnerKind.guarantor_organization),
    )
    for name, model, kind in checks:
        identifier = values.get(name)
        if identifier is None:
            continue
        row = await session.get(model, identifier)
        if row is None:
            raise ValidationFailed.single(
                ["body", name],
                f"{name.removesuffix('_id')}_not_found",
                f"No {model.__tablename__[:-1]} has the id given in {name}.",
            )
        if kind is not None and row.kind is not kind:
            raise ValidationFailed.single(
                ["body", name],
                "not_a_guarantor_organization",
                "The partner is not registered as a guarantor organization (身元保証機関).",
            )


@dataclass
class CaseWithPatient:
    case: Case
    patient: Patient


async def create(
    session: AsyncSession,
    principal: Principal,
    data: CaseCreate,
    *,
    source: str = "manual",
    stage: CaseStage = CaseStage.inquiry_received,
) -> CaseWithPatient:
    """Open a case for a patient, with its first stage entry and, if given, its first task."""
    patient = await patients.get(session, principal, data.patient_id)
    values = data.model_dump(exclude={"first_task", "patient_id"})
    if principal.is_partner:
        values["referring_partner_id"] = principal.partner_id
    elif values["referring_partner_id"] is None:
        values["referring_partner_id"] = patient.referring_partner_id
    if values["owner_id"] is None and principal.user_id is not None and not principal.is_partner:
        values["owner_id"] = principal.user_id
    if values["received_on"] is None:
        values["received_on"] = hospital_today()
    await _check_references(session, values)

    now = utc_now()
    case = Case(
        id=uuid.uuid4(),
        reference=new_reference(),
        patient_id=patient.id,
        stage=stage,
        stage_changed_at=now,
        created_by_id=principal.user_id,
        **values,
    )
    session.add(case)
    try:
        await session.flush()
    except IntegrityError as error:
        raise Conflict(
            "A case reference collided; send the request again.", code="reference_collision"
        ) from error
    session.add(
        CaseStageChange(
            case_id=case.id,
            from_stage=None,
            to_stage=stage,
            changed_by_id=principal.user_id,
            changed_at=now,
        )
    )
    session.add(
        Activity(
            patient_id=patient.id,
            case_id=case.id,
            kind=ActivityKind.created,
            actor_id=principal.user_id,
            details={"source": source, "reference": case.reference},
        )
    )
    if data.first_task is not None:
        session.add(
            Task(
                title=data.first_task.title,
                due_at=data.first_task.due_at,
                assignee_id=data.first_task.assignee_id or values["owner_id"],
                case_id=case.id,
                patient_id=patient.id,
                created_by_id=principal.user_id,
            )
        )
    await session.flush()
    await audit.record(
        session,
        principal,
        action="create",
        entity_type="case",
        entity_id=case.id,
        details={"patient_id": str(patient.id), "source": source},
    )
    return CaseWithPatient(case, patient)


async def get(session: AsyncReadSession, principal: Principal, case_id: uuid.UUID) -> Case:
    row = (await session.execute(_base_query(principal).where(Case.id == case_id))).first()
    if row is None:
        raise CaseNotFound()
    return row[0]


async def get_with_patient(
    session: AsyncReadSession, principal: Principal, case_id: uuid.UUID
) -> CaseWithPatient:
    row = (await session.execute(_base_query(principal).where(Case.id == case_id))).first()
    if row is None:
        raise CaseNotFound()
    return CaseWithPatient(*row)


@dataclass(frozen=True)
class CaseFilters:
    q: str | None = None
    stage: list[CaseStage] | None = None
    department_id: uuid.UUID | None = None
    nationality: str | None = None
    partner_id: uuid.UUID | None = None
    owner_id: uuid.UUID | None = None
    patient_id: uuid.UUID | None = None
    priority: str | None = None
    created_from: datetime | None = None
    created_to: datetime | None = None
    arrival_from: date | None = None
    arrival_to: date | None = None


def filtered_query(principal: Principal, cipher: Any, filters: CaseFilters) -> Any:
    query = _base_query(principal)
    simple = (
        (Case.department_id, filters.department_id),
        (Patient.nationality, filters.nationality and filters.nationality.upper()),
        (Case.referring_partner_id, filters.partner_id),
        (Case.owner_id, filters.owner_id),
        (Case.patient_id, filters.patient_id),
        (Case.priority, filters.priority),
    )
    query = query.where(*(column == value for column, value in simple if value))
    if filters.stage:
        query = query.where(Case.stage.in_(filters.stage))
    if filters.created_from:
        query = query.where(Case.created_at >= filters.created_from)
    if filters.created_to:
        query = query.where(Case.created_at < filters.created_to)
    if filters.arrival_from:
        query = query.where(Case.planned_arrival_date >= filters.arrival_from)
    if filters.arrival_to:
        query = query.where(Case.planned_arrival_date <= filters.arrival_to)
    if filters.q and filters.q.strip():
        query = query.where(
            or_(
                Case.reference == filters.q.strip().upper(),
                patients.search_condition(filters.q, cipher),
            )
        )
    return query


SORT_COLUMNS = {
    "created_at": Case.created_at,
    "stage_changed_at": Case.stage_changed_at,
    "stage": Case.stage,
    "priority": Case.priority,
    "planned_arrival_date": Case.planned_arrival_date,
    "estimated_value": Case.estimated_value,
    "reference": Case.reference,
}


async def list_cases(
    session: AsyncReadSession,
    principal: Principal,
    cipher: Any,
    filters: CaseFilters,
    page: PageParams,
) -> Page[CaseWithPatient]:
    result = await paginate(
        session,
        filtered_query(principal, cipher, filters),
        page,
        default_order=Case.created_at.desc(),
        sort_columns=SORT_COLUMNS,
        scalars=False,
        count_limit=LIST_COUNT_LIMIT,
    )
    result.items = [CaseWithPatient(case, patient) for case, patient in result.items]
    return result


async def update(
    session: AsyncSession, principal: Principal, case_id: uuid.UUID, data: CaseUpdate
) -> CaseWithPatient:
    found = await get_with_patient(session, principal, case_id)
    case = found.case
    changes = data.model_dump(exclude_unset=True)
    if principal.is_partner:
        changes.pop("referring_partner_id", None)
        changes.pop("owner_id", None)
    await _check_references(session, changes)

    changed = [name for name, value in changes.items() if getattr(case, name) != value]
    for name in changed:
        setattr(case, name, changes[name])
    if not changed:
        return found
    case.updated_at = utc_now()
    session.add(
        Activity(
            patient_id=case.patient_id,
            case_id=case.id,
            kind=ActivityKind.field_change,
            actor_id=principal.user_id,
            details={"fields": sorted(changed)},
        )
    )
    await session.flush()
    await audit.record(
        session,
        principal,
        action="update",
        entity_type="case",
        entity_id=case.id,
        fields=sorted(changed),
    )
    return found


def check_transition(current: CaseStage, target: CaseStage, lost_reason: str | None) -> None:
    """Raise InvalidStageTransition unless the move is allowed.

    Open cases move freely between journey stages, forwards or back (a doctor may ask
    for more records). `lost` needs a reason. `closed` needs the treatment to be over.
    Closed, lost and cancelled are final: such a case moves only when staff reopen it
    into a journey stage, never straight to another final stage (a closed case did not
    become lost). The web app's copy of these rules is
    frontend/src/modules/cases/utils/stageMoveProblem.ts.
    """
    if target == current:
        raise InvalidStageTransition(
            f"The case is already in {current.value}.", current_stage=current.value
        )
    if current in TERMINAL_STAGES and target in TERMINAL_STAGES:
        raise InvalidStageTransition(
            f"The case is {current.value}, which is final. Reopen it into a journey stage "
            f"before moving it to {target.value}.",
            current_stage=current.value,
        )
    if target is CaseStage.closed and current not in CLOSABLE_FROM:
        raise InvalidStageTransition(
            "Close a case after the patient has returned home; use lost or cancelled before that.",
            current_stage=current.value,
        )
    if target is CaseStage.lost and not (lost_reason and lost_reason.strip()):
        raise ValidationFailed.single(
            ["body", "lost_reason"], "lost_reason_required", "Give the reason the case was lost."
        )


async def change_stage(
    session: AsyncSession, principal: Principal, case_id: uuid.UUID, data: StageChangeRequest
) -> CaseWithPatient:
    found = await get_with_patient(session, principal, case_id)
    case = found.case
    check_transition(case.stage, data.to_stage, data.lost_reason)

    now = utc_now()
    previous = case.stage
    case.stage = data.to_stage
    case.stage_changed_at = now
    case.updated_at = now
    case.closed_at = now if data.to_stage in TERMINAL_STAGES else None
    if data.to_stage is CaseStage.lost:
        case.lost_reason = data.lost_reason
    session.add(
        CaseStageChange(
            case_id=case.id,
            from_stage=previous,
            to_stage=data.to_stage,
            changed_by_id=principal.user_id,
            changed_at=now,
            note=data.note,
        )
    )
    session.add(
        Activity(
            patient_id=case.patient_id,
            case_id=case.id,
            kind=ActivityKind.stage_change,
            actor_id=principal.user_id,
            occurred_at=now,
            body=data.note,
            details=_stage_change_details(previous, data),
        )
    )
    await session.flush()
    await audit.record(
        session,
        principal,
        action="stage_change",
        entity_type="case",
        entity_id=case.id,
        fields=["stage"],
        details={"from": previous.value, "to": data.to_stage.value},
    )
    return found


def _stage_change_details(previous: CaseStage, data: StageChangeRequest) -> dict[str, str]:
    details = {"from": previous.value, "to": data.to_stage.value}
    if data.to_stage is CaseStage.lost and data.lost_reason:
        details["lost_reason"] = data.lost_reason
    return details


@dataclass(frozen=True)
class StageStay:
    change: CaseStageChange
    duration_seconds: int


async def stage_history(
    session: AsyncReadSession, principal: Principal, case_id: uuid.UUID
) -> list[StageStay]:
    await get(session, principal, case_id)
    changes = (
        await session.scalars(
            select(CaseStageChange)
            .where(CaseStageChange.case_id == case_id)
            .order_by(CaseStageChange.changed_at, CaseStageChange.id)
        )
    ).all()
    now = utc_now()
    stays = []
    for index, change in enumerate(changes):
        until = changes[index + 1].changed_at if index + 1 < len(changes) else now
        stays.append(StageStay(change, int((until - change.changed_at).total_seconds())))
    return stays


async def stage_durations(
    session: AsyncReadSession,
    principal: Principal,
    *,
    changed_from: datetime | None = None,
    changed_to: datetime | None = None,
) -> dict[CaseStage, list[float]]:
    """Hours each case spent in each journey stage, for stays that have ended."""
    query = (
        select(CaseStageChange.case_id, CaseStageChange.to_stage, CaseStageChange.changed_at)
        .join(Case, Case.id == CaseStageChange.case_id)
        .join(Patient, Patient.id == Case.patient_id)
        .where(visible_cases(principal))
        .order_by(CaseStageChange.case_id, CaseStageChange.changed_at)
    )
    if changed_from:
        query = query.where(CaseStageChange.changed_at >= changed_from)
    if changed_to:
        query = query.where(CaseStageChange.changed_at < changed_to)

    hours: dict[CaseStage, list[float]] = defaultdict(list)
    previous: tuple[uuid.UUID, CaseStage, datetime] | None = None
    for case_id, stage, changed_at in (await session.execute(query)).all():
        if previous is not None and previous[0] == case_id:
            hours[previous[1]].append((changed_at - previous[2]).total_seconds() / 3600)
        previous = (case_id, stage, changed_at)
    return {stage: hours[stage] for stage in STAGE_ORDER if hours.get(stage)}


def summarise(hours: list[float]) -> tuple[float, float]:
    return round(statistics.fmean(hours), 2), round(statistics.median(hours), 2)
