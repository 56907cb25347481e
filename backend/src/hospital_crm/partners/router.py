import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, status

from hospital_crm.core.context import Principal
from hospital_crm.core.deps import ReadSession, WriteSession, require
from hospital_crm.core.pagination import PageOut, PageParams, page_params
from hospital_crm.core.permissions import Permission
from hospital_crm.partners import service
from hospital_crm.partners.models import PartnerKind
from hospital_crm.partners.schemas import PartnerCreate, PartnerOut, PartnerUpdate

router = APIRouter(prefix="/partners", tags=["partners"])

CanRead = Annotated[Principal, Depends(require(Permission.partners_read))]
CanWrite = Annotated[Principal, Depends(require(Permission.partners_write))]


@router.get("", response_model=PageOut[PartnerOut])
async def list_partners(
    session: ReadSession,
    principal: CanRead,
    page: Annotated[PageParams, Depends(page_params)],
    kind: PartnerKind | None = None,
    active: bool | None = None,
    q: Annotated[str | None, Query(max_length=100)] = None,
) -> object:
    """List partner organizations."""
    return await service.list_partners(session, principal, page, kind=kind, active=active, q=q)


@router.post("", response_model=PartnerOut, status_code=status.HTTP_201_CREATED)
async def create_partner(data: PartnerCreate, session: WriteSession, principal: CanWrite) -> object:
    """Register a partner organization."""
    return await service.create(session, principal, data)


@router.get("/{partner_id}", response_model=PartnerOut)
async def read_partner(partner_id: uuid.UUID, session: ReadSession, principal: CanRead) -> object:
    """Return one partner organization."""
    return await service.get(session, principal, partner_id)


@router.patch("/{partner_id}", response_model=PartnerOut)
async def update_partner(
    partner_id: uuid.UUID, data: PartnerUpdate, session: WriteSession, principal: CanWrite
) -> object:
    """Change a partner organization."""
    return await service.update(session, principal, partner_id, data)
