"""The timeline: activities logged by staff and written by the system."""

import uuid

from sqlalchemy import select

from hospital_crm.activities.models import Activity, ActivityKind
from hospital_crm.activities.schemas import ActivityCreate
from hospital_crm.audit import service as audit
from hospital_crm.cases import service as cases
from hospital_crm.core.context import Principal
from hospital_crm.core.db import AsyncReadSession, AsyncSession
from hospital_crm.core.errors import ValidationFailed
from hospital_crm.core.models import utc_now
from hospital_crm.core.pagination import Page, PageParams, paginate
from hospital_crm.patients import service as patients
from hospital_crm.patients.models import Patient


async def create(session: AsyncSession, principal: Principal, data: ActivityCreate) -> Activity:
    """Log a note, call, email or message on a patient and optionally one of their cases."""
    patient_id = data.patient_id
    if data.case_id is not None:
        case = await cases.get(session, principal, data.case_id)
        if patient_id is not None and patient_id != case.patient_id:
            raise ValidationFailed.single(
                ["body", "case_id"], "case_of_other_patient", "The case belongs to another patient."
            )
        patient_id = case.patient_id
    assert patient_id is not None
    await patients.get(session, principal, patient_id)

    activity = Activity(
        patient_id=patient_id,
        case_id=data.case_id,
        kind=ActivityKind(data.kind),
        channel=data.channel,
        direction=data.direction,
        subject=data.subject,
        body=data.body,
        actor_id=principal.user_id,
        occurred_at=data.occurred_at or utc_now(),
    )
    session.add(activity)
    await session.flush()
    await audit.record(
        session,
        principal,
        action="create",
        entity_type="activity",
        entity_id=activity.id,
        details={"kind": data.kind, "patient_id": str(patient_id)},
    )
    return activity


async def list_activities(
    session: AsyncReadSession,
    principal: Principal,
    page: PageParams,
    *,
    patient_id: uuid.UUID | None = None,
    case_id: uuid.UUID | None = None,
) -> Page[Activity]:
    """Activities newest first, limited to patients the principal may see."""
    query = (
        select(Activity)
        .join(Patient, Patient.id == Activity.patient_id)
        .where(patients.visible_patients(principal))
    )
    if patient_id is not None:
        query = query.where(Activity.patient_id == patient_id)
    if case_id is not None:
        query = query.where(Activity.case_id == case_id)
    return await paginate(
        session,
        query,
        page,
        default_order=Activity.occurred_at.desc(),
        sort_columns={"occurred_at": Activity.occurred_at, "created_at": Activity.created_at},
    )
