import uuid
from datetime import datetime
from typing import Literal

from pydantic import Field, field_validator

from hospital_crm.core.schemas import RequestSchema, Schema
from hospital_crm.patients.schemas import PatientName
from hospital_crm.tasks.models import TaskStatus


def _aware(value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is None:
        raise ValueError(
            "Give the due time with a time zone offset, for example 2026-04-01T10:00:00+09:00."
        )
    return value


class TaskCreate(RequestSchema):
    title: str = Field(min_length=1, max_length=300)
    description: str | None = Field(default=None, max_length=10_000)
    due_at: datetime | None = None
    assignee_id: uuid.UUID | None = None
    case_id: uuid.UUID | None = None
    patient_id: uuid.UUID | None = None

    _due = field_validator("due_at")(_aware)


class TaskUpdate(RequestSchema):
    title: str | None = Field(default=None, min_length=1, max_length=300)
    description: str | None = Field(default=None, max_length=10_000)
    due_at: datetime | None = None
    assignee_id: uuid.UUID | None = None
    status: TaskStatus | None = None

    _due = field_validator("due_at")(_aware)


class TaskOut(Schema):
    id: uuid.UUID
    title: str
    description: str | None
    due_at: datetime | None
    # The due time in Japan, where the hospital works.
    due_at_tokyo: datetime | None
    # The due time where the patient lives, for calls and arrivals; null without a patient time zone.
    due_at_patient_local: datetime | None
    patient_time_zone: str | None
    assignee_id: uuid.UUID | None
    case_id: uuid.UUID | None
    patient_id: uuid.UUID | None
    # Null when the task has no patient.
    patient_name: PatientName | None
    # Null when the task has no case or its case was deleted.
    case_reference: str | None
    status: TaskStatus
    completed_at: datetime | None
    overdue: bool
    created_at: datetime


TaskScope = Literal["mine", "team"]
