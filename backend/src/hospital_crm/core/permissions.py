"""Roles, permissions and the matrix between them.

docs/permissions.md renders this matrix for people; a test checks that the two agree.
"""

from enum import StrEnum


class Role(StrEnum):
    admin = "admin"
    coordinator = "coordinator"
    doctor = "doctor"
    interpreter = "interpreter"
    finance = "finance"
    partner = "partner"


class Permission(StrEnum):
    patients_read = "patients:read"
    patients_write = "patients:write"
    patients_delete = "patients:delete"
    patients_merge = "patients:merge"
    # Passport number: identity documents for visas and guarantor forms.
    patients_read_identity = "patients:read_identity"
    # Medical summary and allergies: sensitive personal information under APPI.
    patients_read_medical = "patients:read_medical"
    cases_read = "cases:read"
    cases_write = "cases:write"
    # Moving a case through the pipeline records the hospital's decisions (records
    # reviewed, quote accepted, treatment closed), so referring partners may not.
    cases_move_stage = "cases:move_stage"
    activities_read = "activities:read"
    activities_write = "activities:write"
    tasks_read = "tasks:read"
    tasks_write = "tasks:write"
    partners_read = "partners:read"
    partners_write = "partners:write"
    departments_write = "departments:write"
    users_read = "users:read"
    users_manage = "users:manage"
    audit_read = "audit:read"
    data_import = "data:import"
    data_export = "data:export"
    reports_read = "reports:read"


_STAFF_BASE = {
    Permission.patients_read,
    Permission.cases_read,
    Permission.activities_read,
    Permission.activities_write,
    Permission.tasks_read,
    Permission.tasks_write,
    Permission.partners_read,
    Permission.users_read,
    Permission.reports_read,
}

PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.admin: frozenset(Permission),
    Role.coordinator: frozenset(
        _STAFF_BASE
        | {
            Permission.patients_write,
            Permission.patients_merge,
            Permission.patients_read_identity,
            Permission.patients_read_medical,
            Permission.cases_write,
            Permission.cases_move_stage,
            Permission.partners_write,
            Permission.data_import,
            Permission.data_export,
        }
    ),
    Role.doctor: frozenset(
        _STAFF_BASE
        | {
            Permission.patients_read_medical,
            Permission.cases_write,
            Permission.cases_move_stage,
        }
    ),
    Role.interpreter: frozenset(_STAFF_BASE | {Permission.patients_read_medical}),
    Role.finance: frozenset(
        _STAFF_BASE
        | {
            Permission.patients_read_identity,
            Permission.data_export,
        }
    ),
    # Partner users see only what their organization referred; the services scope every query.
    Role.partner: frozenset(
        {
            Permission.patients_read,
            Permission.patients_write,
            Permission.patients_read_identity,
            Permission.cases_read,
            Permission.cases_write,
            Permission.activities_read,
            Permission.activities_write,
            Permission.tasks_read,
        }
    ),
}


def role_has(role: Role | str, permission: Permission) -> bool:
    return permission in PERMISSIONS[Role(role)]
