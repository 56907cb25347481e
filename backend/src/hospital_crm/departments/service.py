"""Clinical departments (診療科), seeded by the first migration."""

import uuid

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from hospital_crm.audit import service as audit
from hospital_crm.core.context import Principal
from hospital_crm.core.db import AsyncReadSession, AsyncSession
from hospital_crm.core.errors import NotFound, ValidationFailed
from hospital_crm.departments.models import Department
from hospital_crm.departments.schemas import DepartmentCreate, DepartmentUpdate


class DepartmentNotFound(NotFound):
    code = "department_not_found"
    message = "The department does not exist."


def _code_taken() -> ValidationFailed:
    return ValidationFailed.single(
        ["body", "code"], "code_taken", "A department with this code already exists."
    )


async def list_departments(
    session: AsyncReadSession, *, include_inactive: bool = False
) -> list[Department]:
    query = select(Department).order_by(Department.sort_order, Department.name_en)
    if not include_inactive:
        query = query.where(Department.active.is_(True))
    return list((await session.scalars(query)).all())


async def create(session: AsyncSession, principal: Principal, data: DepartmentCreate) -> Department:
    if await session.scalar(select(Department.id).where(Department.code == data.code)):
        raise _code_taken()
    department = Department(**data.model_dump())
    session.add(department)
    try:
        await session.flush()
    except IntegrityError as error:
        raise _code_taken() from error
    await audit.record(
        session, principal, action="create", entity_type="department", entity_id=department.id
    )
    return department


async def update(
    session: AsyncSession, principal: Principal, department_id: uuid.UUID, data: DepartmentUpdate
) -> Department:
    department = await session.get(Department, department_id)
    if department is None:
        raise DepartmentNotFound()
    changes = data.model_dump(exclude_unset=True)
    for name, value in changes.items():
        setattr(department, name, value)
    await session.flush()
    await audit.record(
        session,
        principal,
        action="update",
        entity_type="department",
        entity_id=department.id,
        fields=sorted(changes),
    )
    return department
