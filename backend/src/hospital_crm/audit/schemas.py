import uuid
from datetime import datetime
from typing import Any

from pydantic import Field

from hospital_crm.audit.models import AuditOutcome
from hospital_crm.core.schemas import Schema


class AuditEventOut(Schema):
    sequence: int
    id: uuid.UUID
    occurred_at: datetime
    actor_id: uuid.UUID | None
    actor_role: str | None
    action: str
    entity_type: str
    entity_id: str | None
    fields: list[str]
    details: dict[str, Any]
    request_id: str | None
    client_ip: str | None
    outcome: AuditOutcome
    row_hash: str
    target_label: str | None = Field(
        default=None,
        description=(
            "The record's name: a patient's or user's name, a case reference or a partner "
            "organization's name"
        ),
    )
