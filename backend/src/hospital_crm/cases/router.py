import uuid
from datetime import date, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, status

from hospital_crm.activities import service as activities
from hospital_crm.activities.schemas import ActivityOut
from hospital_crm.cases import service
from hospital_crm.cases.models import CaseStage, Priority
from hospital_crm.cases.schemas import (
    CaseCreate,
    CaseOut,
    CaseSummary,
    CaseUpdate,
    StageChangeOut,
    StageChangeRequest,
    StageDuration,
    case_out,
)
from hospital_crm.core.context import Principal
from hospital_crm.core.deps import CipherDep, ReadSession, WriteSession, require
from hospital_crm.core.pagination import PageOut, PageParams, page_params
from hospital_crm.core.permissions import Permission
from hospital_crm.patients import service as patient_service

router = APIRouter(prefix="/cases", tags=["cases"])

CanRead = Annotated[Principal, Depends(require(Permission.cases_read))]
CanWrite = Annotated[Principal, Depends(require(Permission.cases_write))]
CanMoveStage = Annotated[Principal, Depends(require(Permission.cases_move_stage))]


def case_filters(
    q: Annotated[
        str | None,
        Query(max_length=200, description="Case reference or the patient's name, phone or email"),
    ] = None,
    stage: Annotated[list[CaseStage] | None, Query()] = None,
    department_id: uuid.UUID | None = None,
    nationality: Annotated[
        str | None,
        Query(max_length=100, description="Country name or ISO code: 中国, China, CN or CHN"),
    ] = None,
    partner_id: uuid.UUID | None = None,
    owner_id: uuid.UUID | None = None,
    patient_id: uuid.UUID | None = None,
    priority: Priority | None = None,
    created_from: datetime | None = None,
    created_to: datetime | None = None,
    arrival_from: date | None = None,
    arrival_to: date | None = None,
) -> service.CaseFilters:
    return service.CaseFilters(
        q=q,
        stage=stage,
        department_id=department_id,
        nationality=patient_service.nationality_code(nationality),
        partner_id=partner_id,
        owner_id=owner_id,
        patient_id=patient_id,
        priority=priority,
        created_from=created_from,
        created_to=created_to,
        arrival_from=arrival_from,
        arrival_to=arrival_to,
    )


@router.get("", response_model=PageOut[CaseSummary])
async def list_cases(
    session: ReadSession,
    principal: CanRead,
    cipher: CipherDep,
    filters: Annotated[service.CaseFilters, Depends(case_filters)],
    page: Annotated[PageParams, Depends(page_params)],
) -> object:
    """List cases with filters; the pipeline board pages through this by stage."""
    result = await service.list_cases(session, principal, cipher, filters, page)
    return PageOut[CaseSummary](
        items=[case_out(item, CaseSummary) for item in result.items],
        total=result.total,
        page=result.page,
        page_size=result.page_size,
        total_exact=result.total_exact,
    )


@router.post("", response_model=CaseOut, status_code=status.HTTP_201_CREATED)
async def create_case(data: CaseCreate, session: WriteSession, principal: CanWrite) -> object:
    """Open a case (inquiry) for a patient."""
    return case_out(await service.create(session, principal, data))


@router.get("/stage-durations", response_model=list[StageDuration])
async def read_stage_durations(
    session: ReadSession,
    principal: Annotated[Principal, Depends(require(Permission.reports_read))],
    changed_from: datetime | None = None,
    changed_to: datetime | None = None,
) -> object:
    """Mean and median hours that cases spent in each stage."""
    durations = await service.stage_durations(
        session, principal, changed_from=changed_from, changed_to=changed_to
    )
    return [
        StageDuration(stage=stage, count=len(hours), mean_hours=mean, median_hours=median)
        for stage, hours in durations.items()
        for mean, median in [service.summarise(hours)]
    ]


@router.get("/{case_id}", response_model=CaseOut)
async def read_case(case_id: uuid.UUID, session: ReadSession, principal: CanRead) -> object:
    """Return one case."""
    return case_out(await service.get_with_patient(session, principal, case_id))


@router.patch("/{case_id}", response_model=CaseOut)
async def update_case(
    case_id: uuid.UUID, data: CaseUpdate, session: WriteSession, principal: CanWrite
) -> object:
    """Change a case's fields; the stage changes through /stage."""
    return case_out(await service.update(session, principal, case_id, data))


@router.post("/{case_id}/stage", response_model=CaseOut)
async def change_stage(
    case_id: uuid.UUID, data: StageChangeRequest, session: WriteSession, principal: CanMoveStage
) -> object:
    """Move a case to another stage; returns 409 `invalid_stage_transition` when not allowed."""
    return case_out(await service.change_stage(session, principal, case_id, data))


@router.get("/{case_id}/stage-history", response_model=list[StageChangeOut])
async def read_stage_history(
    case_id: uuid.UUID, session: ReadSession, principal: CanRead
) -> object:
    """List every stage the case has been in, with the time spent there."""
    stays = await service.stage_history(session, principal, case_id)
    return [
        StageChangeOut(
            id=stay.change.id,
            from_stage=stay.change.from_stage,
            to_stage=stay.change.to_stage,
            changed_by_id=stay.change.changed_by_id,
            changed_at=stay.change.changed_at,
            note=stay.change.note,
            duration_seconds=stay.duration_seconds,
        )
        for stay in stays
    ]


@router.get("/{case_id}/activities", response_model=PageOut[ActivityOut])
async def read_case_activities(
    case_id: uuid.UUID,
    session: ReadSession,
    principal: Annotated[Principal, Depends(require(Permission.activities_read))],
    page: Annotated[PageParams, Depends(page_params)],
) -> object:
    """List the case's activities, newest first."""
    await service.get(session, principal, case_id)
    return await activities.list_activities(session, principal, page, case_id=case_id)
