"""Figures for the dashboard, computed on the read replica."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import and_, func, or_, select

from hospital_crm.cases import service as cases
from hospital_crm.cases.models import TERMINAL_STAGES, Case
from hospital_crm.core.context import Principal
from hospital_crm.core.db import AsyncReadSession
from hospital_crm.core.models import HOSPITAL_TIME_ZONE, utc_now
from hospital_crm.patients.models import Patient
from hospital_crm.tasks import service as tasks
from hospital_crm.tasks.models import Task, TaskStatus

ARRIVAL_WINDOW_DAYS = 14


def start_of_week(now: datetime) -> datetime:
    """Monday 00:00 in Japan, as a UTC instant: the week as the hospital counts it."""
    local = now.astimezone(HOSPITAL_TIME_ZONE)
    monday = (local - timedelta(days=local.weekday())).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    return monday.astimezone(ZoneInfo("UTC"))


@dataclass
class DashboardFigures:
    new_inquiries_this_week: int
    cases_per_stage: dict[str, int]
    overdue_tasks: int
    my_overdue_tasks: int
    arrivals: list[cases.CaseWithPatient]
    cases_by_nationality: dict[str, int]


async def dashboard(session: AsyncReadSession, principal: Principal) -> DashboardFigures:
    now = utc_now()
    visible = cases.visible_cases(principal)
    base = select(Case).join(Patient, Patient.id == Case.patient_id).where(visible)

    # An inquiry counts in the week it was received (受付日), which for a case imported
    # from a sheet is long before the case was created here.
    week_start = start_of_week(now)
    received_this_week = or_(
        Case.received_on >= week_start.astimezone(HOSPITAL_TIME_ZONE).date(),
        and_(Case.received_on.is_(None), Case.created_at >= week_start),
    )
    new_this_week = await session.scalar(
        select(func.count()).select_from(base.where(received_this_week).subquery())
    )
    per_stage = dict(
        (
            await session.execute(
                select(Case.stage, func.count())
                .join(Patient, Patient.id == Case.patient_id)
                .where(visible)
                .group_by(Case.stage)
            )
        ).all()
    )
    by_nationality = dict(
        (
            await session.execute(
                select(Patient.nationality, func.count())
                .select_from(Case)
                .join(Patient, Patient.id == Case.patient_id)
                .where(
                    visible, Case.stage.not_in(TERMINAL_STAGES), Patient.nationality.is_not(None)
                )
                .group_by(Patient.nationality)
                .order_by(func.count().desc())
                .limit(20)
            )
        ).all()
    )

    overdue = (
        select(func.count())
        .select_from(Task)
        .outerjoin(Patient, Patient.id == Task.patient_id)
        .where(tasks.visible_tasks(principal), Task.status == TaskStatus.open, Task.due_at < now)
    )
    overdue_total = await session.scalar(overdue)
    my_overdue = await session.scalar(overdue.where(Task.assignee_id == principal.user_id))

    today = now.astimezone(HOSPITAL_TIME_ZONE).date()
    arrivals = (
        await session.execute(
            select(Case, Patient)
            .join(Patient, Patient.id == Case.patient_id)
            .where(
                visible,
                Case.stage.not_in(TERMINAL_STAGES),
                Case.planned_arrival_date >= today,
                Case.planned_arrival_date <= today + timedelta(days=ARRIVAL_WINDOW_DAYS),
            )
            .order_by(Case.planned_arrival_date)
            .limit(50)
        )
    ).all()

    return DashboardFigures(
        new_inquiries_this_week=new_this_week or 0,
        cases_per_stage={stage.value: count for stage, count in per_stage.items()},
        overdue_tasks=overdue_total or 0,
        my_overdue_tasks=my_overdue or 0,
        arrivals=[cases.CaseWithPatient(case, patient) for case, patient in arrivals],
        cases_by_nationality=by_nationality,
    )
