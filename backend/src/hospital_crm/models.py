"""Every ORM model, imported once so the metadata and Alembic see all tables."""

from hospital_crm.activities.models import Activity
from hospital_crm.audit.models import AuditEvent
from hospital_crm.auth.models import AuthSession, LoginAttempt, RefreshToken
from hospital_crm.cases.models import Case, CaseStageChange
from hospital_crm.core.models import Base
from hospital_crm.departments.models import Department
from hospital_crm.imports.models import ImportBatch, ImportBatchRow, ImportMapping
from hospital_crm.partners.models import Partner
from hospital_crm.patients.models import Patient, PatientConsent, PatientSearchTerm
from hospital_crm.tasks.models import Task
from hospital_crm.users.models import User

__all__ = [
    "Activity",
    "AuditEvent",
    "AuthSession",
    "Base",
    "Case",
    "CaseStageChange",
    "Department",
    "ImportBatch",
    "ImportBatchRow",
    "ImportMapping",
    "LoginAttempt",
    "Partner",
    "Patient",
    "PatientConsent",
    "PatientSearchTerm",
    "RefreshToken",
    "Task",
    "User",
]
