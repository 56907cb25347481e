import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, status

from hospital_crm.core.context import Principal
from hospital_crm.core.deps import ReadSession, WriteSession, require
from hospital_crm.core.pagination import PageOut, PageParams, page_params
from hospital_crm.core.permissions import Permission
from hospital_crm.tasks import service
from hospital_crm.tasks.models import TaskStatus
from hospital_crm.tasks.schemas import TaskCreate, TaskOut, TaskScope, TaskUpdate

router = APIRouter(prefix="/tasks", tags=["tasks"])

CanRead = Annotated[Principal, Depends(require(Permission.tasks_read))]
CanWrite = Annotated[Principal, Depends(require(Permission.tasks_write))]


@router.get("", response_model=PageOut[TaskOut])
async def list_tasks(
    session: ReadSession,
    principal: CanRead,
    page: Annotated[PageParams, Depends(page_params)],
    scope: TaskScope | None = None,
    assignee_id: uuid.UUID | None = None,
    status: TaskStatus | None = None,
    overdue: bool = False,
    case_id: uuid.UUID | None = None,
    patient_id: uuid.UUID | None = None,
) -> object:
    """List tasks: mine, the team's, overdue, or those of a case or patient."""
    filters = service.TaskFilters(
        scope=scope,
        assignee_id=assignee_id,
        status=status,
        overdue=overdue,
        case_id=case_id,
        patient_id=patient_id,
    )
    return await service.list_tasks(session, principal, filters, page)


@router.post("", response_model=TaskOut, status_code=status.HTTP_201_CREATED)
async def create_task(data: TaskCreate, session: WriteSession, principal: CanWrite) -> object:
    """Create a task; without an assignee it is yours."""
    return await service.create(session, principal, data)


@router.get("/{task_id}", response_model=TaskOut)
async def read_task(task_id: uuid.UUID, session: ReadSession, principal: CanRead) -> object:
    """Return one task."""
    return await service.get(session, principal, task_id)


@router.patch("/{task_id}", response_model=TaskOut)
async def update_task(
    task_id: uuid.UUID, data: TaskUpdate, session: WriteSession, principal: CanWrite
) -> object:
    """Change, reassign, complete or cancel a task."""
    return await service.update(session, principal, task_id, data)
