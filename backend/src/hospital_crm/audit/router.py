import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from hospital_crm.audit import service
from hospital_crm.audit.schemas import AuditEventOut
from hospital_crm.core.context import Principal
from hospital_crm.core.deps import ReadSession, require
from hospital_crm.core.pagination import PageOut, PageParams, page_params
from hospital_crm.core.permissions import Permission

# Read-only on purpose: the audit log has no update or delete route.
router = APIRouter(prefix="/audit-events", tags=["audit"])


@router.get("", response_model=PageOut[AuditEventOut])
async def list_audit_events(
    session: ReadSession,
    principal: Annotated[Principal, Depends(require(Permission.audit_read))],
    page: Annotated[PageParams, Depends(page_params)],
    actor_id: uuid.UUID | None = None,
    entity_type: Annotated[str | None, Query(max_length=40)] = None,
    entity_id: Annotated[str | None, Query(max_length=64)] = None,
    action: Annotated[str | None, Query(max_length=40)] = None,
    occurred_from: datetime | None = None,
    occurred_to: datetime | None = None,
) -> object:
    """Search the audit log, newest first."""
    filters = service.AuditFilters(
        actor_id=actor_id,
        entity_type=entity_type,
        entity_id=entity_id,
        action=action,
        occurred_from=occurred_from,
        occurred_to=occurred_to,
    )
    return await service.list_events(session, filters, page)
