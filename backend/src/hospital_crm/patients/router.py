import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, status

from hospital_crm.activities import service as activities
from hospital_crm.activities.schemas import ActivityOut
from hospital_crm.cases.models import CaseStage
from hospital_crm.core.context import Principal
from hospital_crm.core.deps import CipherDep, ReadSession, WriteSession, require
from hospital_crm.core.pagination import PageOut, PageParams, page_params
from hospital_crm.core.permissions import Permission
from hospital_crm.patients import service
from hospital_crm.patients.models import Patient
from hospital_crm.patients.schemas import (
    ConsentIn,
    ConsentOut,
    DuplicateCandidate,
    MergeRequest,
    PatientCreate,
    PatientOut,
    PatientSummary,
    PatientUpdate,
    RevealRequest,
    RevealResponse,
)

router = APIRouter(prefix="/patients", tags=["patients"])

CanRead = Annotated[Principal, Depends(require(Permission.patients_read))]
CanWrite = Annotated[Principal, Depends(require(Permission.patients_write))]


def patient_filters(
    q: Annotated[
        str | None,
        Query(
            max_length=200,
            description="Name in any script, kana, romaji, pinyin, email, phone or passport number",
        ),
    ] = None,
    nationality: Annotated[
        str | None,
        Query(max_length=100, description="Country name or ISO code: 中国, China, CN or CHN"),
    ] = None,
    stage: CaseStage | None = None,
    department_id: uuid.UUID | None = None,
    partner_id: uuid.UUID | None = None,
    owner_id: uuid.UUID | None = None,
    created_from: datetime | None = None,
    created_to: datetime | None = None,
) -> service.PatientFilters:
    return service.PatientFilters(
        q=q,
        nationality=service.nationality_code(nationality),
        stage=stage,
        department_id=department_id,
        partner_id=partner_id,
        owner_id=owner_id,
        created_from=created_from,
        created_to=created_to,
    )


async def _detail(session: ReadSession, patient: Patient) -> PatientOut:
    consents = await service.list_consents(session, patient.id)
    return PatientOut.model_validate(
        {
            **{
                column: getattr(patient, column)
                for column in PatientOut.model_fields
                if hasattr(patient, column)
            },
            "consents": [ConsentOut.model_validate(consent) for consent in consents],
            "has_passport_number": patient.passport_number_encrypted is not None,
            "has_medical_summary": patient.medical_summary_encrypted is not None,
            "has_allergies": patient.allergies_encrypted is not None,
        }
    )


@router.get("", response_model=PageOut[PatientSummary])
async def list_patients(
    session: ReadSession,
    principal: CanRead,
    cipher: CipherDep,
    filters: Annotated[service.PatientFilters, Depends(patient_filters)],
    page: Annotated[PageParams, Depends(page_params)],
) -> object:
    """Search and list patients."""
    return await service.list_patients(session, principal, cipher, filters, page)


@router.post("", response_model=PatientOut, status_code=status.HTTP_201_CREATED)
async def create_patient(
    data: PatientCreate, session: WriteSession, principal: CanWrite, cipher: CipherDep
) -> object:
    """Register a patient; returns 409 `duplicate_candidates` unless `confirm_duplicate` is set."""
    patient = await service.create(session, principal, cipher, data)
    return await _detail(session, patient)


@router.get("/{patient_id}", response_model=PatientOut)
async def read_patient(patient_id: uuid.UUID, session: ReadSession, principal: CanRead) -> object:
    """Return a patient; encrypted fields are only flagged, see /reveal."""
    return await _detail(session, await service.get(session, principal, patient_id))


@router.patch("/{patient_id}", response_model=PatientOut)
async def update_patient(
    patient_id: uuid.UUID,
    data: PatientUpdate,
    session: WriteSession,
    principal: CanWrite,
    cipher: CipherDep,
) -> object:
    """Change a patient's fields."""
    return await _detail(
        session, await service.update(session, principal, cipher, patient_id, data)
    )


@router.delete("/{patient_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_patient(
    patient_id: uuid.UUID,
    session: WriteSession,
    principal: Annotated[Principal, Depends(require(Permission.patients_delete))],
) -> None:
    """Hide a patient from lists; the record and its history are kept."""
    await service.soft_delete(session, principal, patient_id)


@router.post(
    "/{patient_id}/reveal", response_model=RevealResponse, response_model_exclude_unset=True
)
async def reveal_sensitive_fields(
    patient_id: uuid.UUID,
    data: RevealRequest,
    session: WriteSession,
    principal: CanRead,
    cipher: CipherDep,
) -> object:
    """Decrypt passport number, medical summary or allergies; every call is audited."""
    return await service.reveal(session, principal, cipher, patient_id, data.fields)


@router.get("/{patient_id}/duplicates", response_model=list[DuplicateCandidate])
async def list_duplicates(
    patient_id: uuid.UUID, session: ReadSession, principal: CanRead, cipher: CipherDep
) -> object:
    """Other patients that look like the same person."""
    duplicates = await service.duplicates_of(session, principal, cipher, patient_id)
    return [
        DuplicateCandidate(
            patient=PatientSummary.model_validate(item.patient), reasons=item.reasons
        )
        for item in duplicates
    ]


@router.post("/{patient_id}/merge", response_model=PatientOut)
async def merge_patients(
    patient_id: uuid.UUID,
    data: MergeRequest,
    session: WriteSession,
    cipher: CipherDep,
    principal: Annotated[Principal, Depends(require(Permission.patients_merge))],
) -> object:
    """Merge another patient into this one; cases, activities and tasks move here."""
    return await _detail(
        session, await service.merge(session, principal, cipher, patient_id, data.duplicate_id)
    )


@router.post(
    "/{patient_id}/consents", response_model=ConsentOut, status_code=status.HTTP_201_CREATED
)
async def add_consent(
    patient_id: uuid.UUID, data: ConsentIn, session: WriteSession, principal: CanWrite
) -> object:
    """Record a consent (同意書): topic, version, language and when it was given."""
    return await service.add_consent(session, principal, patient_id, data)


@router.post("/{patient_id}/consents/{consent_id}/withdraw", response_model=ConsentOut)
async def withdraw_consent(
    patient_id: uuid.UUID, consent_id: uuid.UUID, session: WriteSession, principal: CanWrite
) -> object:
    """Mark a consent as withdrawn; the record is kept."""
    return await service.withdraw_consent(session, principal, patient_id, consent_id)


@router.get("/{patient_id}/timeline", response_model=PageOut[ActivityOut])
async def read_timeline(
    patient_id: uuid.UUID,
    session: ReadSession,
    principal: Annotated[Principal, Depends(require(Permission.activities_read))],
    page: Annotated[PageParams, Depends(page_params)],
) -> object:
    """List the patient's activities, newest first."""
    await service.get(session, principal, patient_id)
    return await activities.list_activities(session, principal, page, patient_id=patient_id)
