"""Tasks: due times in UTC, shown in Asia/Tokyo and in the patient's time zone."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Row, and_, or_, select

from hospital_crm.activities.models import Activity, ActivityKind
from hospital_crm.audit import service as audit
from hospital_crm.cases import service as cases
from hospital_crm.cases.models import Case
from hospital_crm.core.context import Principal
from hospital_crm.core.db import AsyncReadSession, AsyncSession
from hospital_crm.core.errors import NotFound, ValidationFailed
from hospital_crm.core.models import HOSPITAL_TIME_ZONE, utc_now
from hospital_crm.core.pagination import Page, PageParams, paginate
from hospital_crm.patients import service as patients
from hospital_crm.patients.models import Patient
from hospital_crm.patients.schemas import PatientName
from hospital_crm.tasks.models import Task, TaskStatus
from hospital_crm.tasks.schemas import TaskCreate, TaskOut, TaskScope, TaskUpdate
from hospital_crm.users.models import User


class TaskNotFound(NotFound):
    code = "task_not_found"
    message = "The task does not exist."


def to_out(row: Row, now: datetime | None = None) -> TaskOut:
    """Build a task's output from a `_query` row: the task, then its patient and case columns."""
    task, patient_time_zone, family_name, given_name, name_latin, case_reference = row
    now = now or utc_now()
    local = (
        task.due_at.astimezone(ZoneInfo(patient_time_zone))
        if task.due_at and patient_time_zone
        else None
    )
    patient_name = (
        PatientName(family_name=family_name, given_name=given_name, name_latin=name_latin)
        if task.patient_id is not None
        else None
    )
    return TaskOut(
        id=task.id,
        title=task.title,
        description=task.description,
        due_at=task.due_at,
        due_at_tokyo=task.due_at.astimezone(HOSPITAL_TIME_ZONE) if task.due_at else None,
        due_at_patient_local=local,
        patient_time_zone=patient_time_zone,
        assignee_id=task.assignee_id,
        case_id=task.case_id,
        patient_id=task.patient_id,
        patient_name=patient_name,
        case_reference=case_reference,
        status=task.status,
        completed_at=task.completed_at,
        overdue=task.status is TaskStatus.open and task.due_at is not None and task.due_at < now,
        created_at=task.created_at,
    )


def visible_tasks(principal: Principal):  # type: ignore[no-untyped-def]
    """Tasks on patients the principal may see, plus tasks tied to no patient (staff only)."""
    patient_visible = patients.visible_patients(principal)
    if principal.is_partner:
        return and_(Task.patient_id.is_not(None), patient_visible)
    return or_(Task.patient_id.is_(None), patient_visible)


def _query(principal: Principal):  # type: ignore[no-untyped-def]
    """Select visible tasks with the names a task list shows, in one statement for any page size.

    The patient's name is safe to join: `visible_tasks` keeps only tasks whose patient the
    principal may see. A task's case belongs to that same patient, so the principal may see
    the case too unless it was deleted, and then the reference is left out.
    """
    return (
        select(
            Task,
            Patient.time_zone,
            Patient.family_name,
            Patient.given_name,
            Patient.name_latin,
            Case.reference,
        )
        .outerjoin(Patient, Patient.id == Task.patient_id)
        .outerjoin(Case, and_(Case.id == Task.case_id, Case.deleted_at.is_(None)))
        .where(visible_tasks(principal))
    )


async def _check_assignee(session: AsyncReadSession, assignee_id: uuid.UUID) -> None:
    assignee = await session.get(User, assignee_id)
    if assignee is None or not assignee.active:
        raise ValidationFailed.single(
            ["body", "assignee_id"], "assignee_not_found", "The assignee is not an active user."
        )


async def _check_links(
    session: AsyncReadSession, principal: Principal, data: TaskCreate
) -> uuid.UUID | None:
    patient_id = data.patient_id
    if data.case_id is not None:
        case: Case = await cases.get(session, principal, data.case_id)
        if patient_id is not None and patient_id != case.patient_id:
            raise ValidationFailed.single(
                ["body", "case_id"], "case_of_other_patient", "The case belongs to another patient."
            )
        patient_id = case.patient_id
    if patient_id is not None:
        await patients.get(session, principal, patient_id)
    if data.assignee_id is not None:
        await _check_assignee(session, data.assignee_id)
    return patient_id


async def create(session: AsyncSession, principal: Principal, data: TaskCreate) -> TaskOut:
    patient_id = await _check_links(session, principal, data)
    task = Task(
        title=data.title,
        description=data.description,
        due_at=data.due_at,
        assignee_id=data.assignee_id or principal.user_id,
        case_id=data.case_id,
        patient_id=patient_id,
        created_by_id=principal.user_id,
    )
    session.add(task)
    await session.flush()
    await audit.record(session, principal, action="create", entity_type="task", entity_id=task.id)
    return await get(session, principal, task.id)


async def get(session: AsyncReadSession, principal: Principal, task_id: uuid.UUID) -> TaskOut:
    row = (await session.execute(_query(principal).where(Task.id == task_id))).first()
    if row is None:
        raise TaskNotFound()
    return to_out(row)


@dataclass(frozen=True)
class TaskFilters:
    scope: TaskScope | None = None
    assignee_id: uuid.UUID | None = None
    status: TaskStatus | None = None
    overdue: bool = False
    case_id: uuid.UUID | None = None
    patient_id: uuid.UUID | None = None


async def list_tasks(
    session: AsyncReadSession, principal: Principal, filters: TaskFilters, page: PageParams
) -> Page[TaskOut]:
    """Tasks by due time; `scope=team` is the whole department's, `overdue` the open ones past due."""
    now = utc_now()
    query = _query(principal)
    if filters.scope == "mine":
        query = query.where(Task.assignee_id == principal.user_id)
    if filters.assignee_id:
        query = query.where(Task.assignee_id == filters.assignee_id)
    if filters.status:
        query = query.where(Task.status == filters.status)
    if filters.overdue:
        query = query.where(Task.status == TaskStatus.open, Task.due_at < now)
    if filters.case_id:
        query = query.where(Task.case_id == filters.case_id)
    if filters.patient_id:
        query = query.where(Task.patient_id == filters.patient_id)

    result = await paginate(
        session,
        query,
        page,
        default_order=Task.due_at.asc(),
        scalars=False,
        sort_columns={"due_at": Task.due_at, "created_at": Task.created_at, "title": Task.title},
    )
    result.items = [to_out(row, now) for row in result.items]
    return result


async def update(
    session: AsyncSession, principal: Principal, task_id: uuid.UUID, data: TaskUpdate
) -> TaskOut:
    await get(session, principal, task_id)
    task = await session.get(Task, task_id)
    assert task is not None
    changes = data.model_dump(exclude_unset=True)
    if changes.get("assignee_id"):
        await _check_assignee(session, changes["assignee_id"])

    completing = changes.get("status") is TaskStatus.done and task.status is not TaskStatus.done
    for name, value in changes.items():
        setattr(task, name, value)
    task.completed_at = utc_now() if task.status is TaskStatus.done else None
    if completing and task.patient_id is not None:
        session.add(
            Activity(
                patient_id=task.patient_id,
                case_id=task.case_id,
                kind=ActivityKind.task_completed,
                actor_id=principal.user_id,
                subject=task.title,
                details={"task_id": str(task.id)},
            )
        )
    await session.flush()
    await audit.record(
        session,
        principal,
        action="update",
        entity_type="task",
        entity_id=task.id,
        fields=sorted(changes),
    )
    return await get(session, principal, task.id)
