from typing import Annotated

from fastapi import APIRouter, Depends

from hospital_crm.cases.schemas import CaseSummary, case_out
from hospital_crm.core.context import Principal
from hospital_crm.core.deps import ReadSession, require
from hospital_crm.core.permissions import Permission
from hospital_crm.reports import service
from hospital_crm.reports.schemas import Dashboard

router = APIRouter(tags=["reports"])


@router.get("/dashboard", response_model=Dashboard)
async def read_dashboard(
    session: ReadSession, principal: Annotated[Principal, Depends(require(Permission.cases_read))]
) -> object:
    """Figures for the start page: new inquiries, stages, overdue tasks, arrivals, nationalities."""
    figures = await service.dashboard(session, principal)
    return Dashboard(
        new_inquiries_this_week=figures.new_inquiries_this_week,
        cases_per_stage=figures.cases_per_stage,
        overdue_tasks=figures.overdue_tasks,
        my_overdue_tasks=figures.my_overdue_tasks,
        arrivals_next_14_days=[case_out(item, CaseSummary) for item in figures.arrivals],
        cases_by_nationality=figures.cases_by_nationality,
    )
