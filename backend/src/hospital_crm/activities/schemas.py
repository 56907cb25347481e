import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import Field, model_validator

from hospital_crm.activities.models import ActivityKind, Direction
from hospital_crm.core.schemas import RequestSchema, Schema

StaffActivityKind = Literal["note", "call", "email", "message"]


class ActivityCreate(RequestSchema):
    patient_id: uuid.UUID | None = None
    case_id: uuid.UUID | None = None
    kind: StaffActivityKind
    channel: (
        Literal["phone", "video", "email", "whatsapp", "wechat", "line", "in_person", "other"]
        | None
    ) = None
    direction: Direction | None = None
    subject: str | None = Field(default=None, max_length=500)
    body: str = Field(min_length=1, max_length=50_000)
    occurred_at: datetime | None = None

    @model_validator(mode="after")
    def _needs_a_subject(self) -> "ActivityCreate":
        if self.patient_id is None and self.case_id is None:
            raise ValueError("Give the patient_id or the case_id the activity belongs to.")
        if self.occurred_at is not None and self.occurred_at.tzinfo is None:
            raise ValueError(
                "occurred_at needs a time zone offset, for example 2026-04-01T10:00:00+09:00."
            )
        return self


class ActivityOut(Schema):
    id: uuid.UUID
    patient_id: uuid.UUID
    case_id: uuid.UUID | None
    kind: ActivityKind
    channel: str | None
    direction: Direction | None
    subject: str | None
    body: str | None
    details: dict[str, Any]
    actor_id: uuid.UUID | None
    occurred_at: datetime
    created_at: datetime
