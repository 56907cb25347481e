import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from pydantic import Field, model_validator

from hospital_crm.cases.models import CaseStage, Channel, Priority
from hospital_crm.core.schemas import (
    CurrencyCode,
    MultilineText,
    RequestSchema,
    Schema,
    SingleLineText,
)


class FirstTask(RequestSchema):
    title: SingleLineText = Field(min_length=1, max_length=300)
    due_at: datetime | None = None
    assignee_id: uuid.UUID | None = None


class CaseFields(RequestSchema):
    department_id: uuid.UUID | None = None
    requested_treatment: MultilineText | None = Field(default=None, max_length=5000)
    desired_date_from: date | None = None
    desired_date_to: date | None = None
    planned_arrival_date: date | None = None
    planned_departure_date: date | None = None
    received_on: date | None = None
    owner_id: uuid.UUID | None = None
    referring_partner_id: uuid.UUID | None = None
    guarantor_organization_id: uuid.UUID | None = None
    priority: Priority | None = None
    estimated_value: Decimal | None = Field(default=None, ge=0, max_digits=14, decimal_places=2)
    currency: CurrencyCode | None = None
    notes: MultilineText | None = Field(default=None, max_length=20_000)

    @model_validator(mode="after")
    def _check_dates(self) -> "CaseFields":
        if (
            self.desired_date_from
            and self.desired_date_to
            and self.desired_date_to < self.desired_date_from
        ):
            raise ValueError("desired_date_to must not be before desired_date_from.")
        if (
            self.planned_arrival_date
            and self.planned_departure_date
            and self.planned_departure_date < self.planned_arrival_date
        ):
            raise ValueError("planned_departure_date must not be before planned_arrival_date.")
        if self.estimated_value is not None and self.currency is None:
            raise ValueError("Give the currency of estimated_value (ISO 4217, for example JPY).")
        return self


class CaseCreate(CaseFields):
    patient_id: uuid.UUID
    channel: Channel
    priority: Priority = Priority.normal
    first_task: FirstTask | None = None


class CaseUpdate(CaseFields):
    channel: Channel | None = None


class StageChangeRequest(RequestSchema):
    to_stage: CaseStage
    lost_reason: MultilineText | None = Field(default=None, max_length=2000)
    note: MultilineText | None = Field(default=None, max_length=2000)


class CasePatient(Schema):
    id: uuid.UUID
    family_name: str | None
    given_name: str | None
    name_latin: str | None
    nationality: str | None
    time_zone: str | None


class CaseSummary(Schema):
    id: uuid.UUID
    reference: str
    patient: CasePatient
    channel: Channel
    department_id: uuid.UUID | None
    requested_treatment: str | None
    stage: CaseStage
    stage_changed_at: datetime
    owner_id: uuid.UUID | None
    referring_partner_id: uuid.UUID | None
    priority: Priority
    estimated_value: Decimal | None
    currency: str | None
    planned_arrival_date: date | None
    created_at: datetime


class CaseOut(CaseSummary):
    desired_date_from: date | None
    desired_date_to: date | None
    planned_departure_date: date | None
    received_on: date | None
    guarantor_organization_id: uuid.UUID | None
    lost_reason: str | None
    notes: str | None
    closed_at: datetime | None
    updated_at: datetime


class StageChangeOut(Schema):
    id: uuid.UUID
    from_stage: CaseStage | None
    to_stage: CaseStage
    changed_by_id: uuid.UUID | None
    changed_at: datetime
    note: str | None
    # Time spent in `to_stage`, up to the next change or until now for the current stage.
    duration_seconds: int


class StageDuration(Schema):
    stage: CaseStage
    # Completed stays in the stage that the figures cover.
    count: int
    mean_hours: float
    median_hours: float


def case_out(found: Any, schema: type[CaseSummary] = CaseOut) -> CaseSummary:
    """Build a case response from a service's (case, patient) pair."""
    values = {name: getattr(found.case, name) for name in schema.model_fields if name != "patient"}
    return schema.model_validate({**values, "patient": CasePatient.model_validate(found.patient)})
