import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, status

from hospital_crm.core.context import Principal
from hospital_crm.core.deps import CurrentPrincipal, ReadSession, WriteSession, require
from hospital_crm.core.permissions import Permission
from hospital_crm.departments import service
from hospital_crm.departments.schemas import DepartmentCreate, DepartmentOut, DepartmentUpdate

router = APIRouter(prefix="/departments", tags=["departments"])

CanWrite = Annotated[Principal, Depends(require(Permission.departments_write))]


@router.get("", response_model=list[DepartmentOut])
async def list_departments(
    session: ReadSession, principal: CurrentPrincipal, include_inactive: bool = False
) -> object:
    """List departments in display order."""
    return await service.list_departments(session, include_inactive=include_inactive)


@router.post("", response_model=DepartmentOut, status_code=status.HTTP_201_CREATED)
async def create_department(
    data: DepartmentCreate, session: WriteSession, principal: CanWrite
) -> object:
    """Add a department."""
    return await service.create(session, principal, data)


@router.patch("/{department_id}", response_model=DepartmentOut)
async def update_department(
    department_id: uuid.UUID, data: DepartmentUpdate, session: WriteSession, principal: CanWrite
) -> object:
    """Rename, reorder or deactivate a department."""
    return await service.update(session, principal, department_id, data)
