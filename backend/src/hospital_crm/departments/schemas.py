import uuid

from pydantic import Field

from hospital_crm.core.schemas import Schema


class DepartmentCreate(Schema):
    code: str = Field(min_length=1, max_length=60, pattern=r"^[a-z][a-z0-9_]*$")
    name_ja: str = Field(min_length=1, max_length=100)
    name_en: str = Field(min_length=1, max_length=100)
    name_zh: str | None = Field(default=None, max_length=100)
    active: bool = True
    sort_order: int = 0


class DepartmentUpdate(Schema):
    name_ja: str | None = Field(default=None, min_length=1, max_length=100)
    name_en: str | None = Field(default=None, min_length=1, max_length=100)
    name_zh: str | None = Field(default=None, max_length=100)
    active: bool | None = None
    sort_order: int | None = None


class DepartmentOut(DepartmentCreate):
    id: uuid.UUID
