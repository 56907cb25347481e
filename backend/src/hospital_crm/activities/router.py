import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, status

from hospital_crm.activities import service
from hospital_crm.activities.schemas import ActivityCreate, ActivityOut
from hospital_crm.core.context import Principal
from hospital_crm.core.deps import ReadSession, WriteSession, require
from hospital_crm.core.pagination import PageOut, PageParams, page_params
from hospital_crm.core.permissions import Permission

router = APIRouter(prefix="/activities", tags=["activities"])


@router.get("", response_model=PageOut[ActivityOut])
async def list_activities(
    session: ReadSession,
    principal: Annotated[Principal, Depends(require(Permission.activities_read))],
    page: Annotated[PageParams, Depends(page_params)],
    patient_id: uuid.UUID | None = None,
    case_id: uuid.UUID | None = None,
) -> object:
    """List timeline entries of a patient or a case, newest first."""
    return await service.list_activities(
        session, principal, page, patient_id=patient_id, case_id=case_id
    )


@router.post("", response_model=ActivityOut, status_code=status.HTTP_201_CREATED)
async def create_activity(
    data: ActivityCreate,
    session: WriteSession,
    principal: Annotated[Principal, Depends(require(Permission.activities_write))],
) -> object:
    """Log a note, call, email or message."""
    return await service.create(session, principal, data)
