"""The permission matrix, role by role, through the real routes."""

import uuid

import pytest

from hospital_crm.core.permissions import Role

# Each row is a method, a path and the permission it needs. The bodies are invalid on purpose,
# so an allowed role passes the permission check and fails validation (422) while a denied
# role gets 403 first.
ROUTES = [
    ("GET", "/api/v1/patients", "patients:read"),
    ("POST", "/api/v1/patients", "patients:write"),
    ("DELETE", "/api/v1/patients/00000000-0000-0000-0000-000000000000", "patients:delete"),
    ("POST", "/api/v1/patients/00000000-0000-0000-0000-000000000000/merge", "patients:merge"),
    ("GET", "/api/v1/cases", "cases:read"),
    ("POST", "/api/v1/cases", "cases:write"),
    ("POST", "/api/v1/cases/00000000-0000-0000-0000-000000000000/stage", "cases:move_stage"),
    ("GET", "/api/v1/tasks", "tasks:read"),
    ("POST", "/api/v1/tasks", "tasks:write"),
    ("GET", "/api/v1/activities", "activities:read"),
    ("POST", "/api/v1/activities", "activities:write"),
    ("GET", "/api/v1/partners", "partners:read"),
    ("POST", "/api/v1/partners", "partners:write"),
    ("POST", "/api/v1/departments", "departments:write"),
    ("GET", "/api/v1/users", "users:read"),
    ("POST", "/api/v1/users", "users:manage"),
    ("GET", "/api/v1/audit-events", "audit:read"),
    ("GET", "/api/v1/cases/stage-durations", "reports:read"),
]
ALLOWED = {
    Role.admin: {route[2] for route in ROUTES},
    Role.coordinator: {
        "patients:read",
        "patients:write",
        "patients:merge",
        "cases:read",
        "cases:write",
        "cases:move_stage",
        "tasks:read",
        "tasks:write",
        "activities:read",
        "activities:write",
        "partners:read",
        "partners:write",
        "users:read",
        "reports:read",
    },
    Role.doctor: {
        "patients:read",
        "cases:read",
        "cases:write",
        "cases:move_stage",
        "tasks:read",
        "tasks:write",
        "activities:read",
        "activities:write",
        "partners:read",
        "users:read",
        "reports:read",
    },
    Role.interpreter: {
        "patients:read",
        "cases:read",
        "tasks:read",
        "tasks:write",
        "activities:read",
        "activities:write",
        "partners:read",
        "users:read",
        "reports:read",
    },
    Role.finance: {
        "patients:read",
        "cases:read",
        "tasks:read",
        "tasks:write",
        "activities:read",
        "activities:write",
        "partners:read",
        "users:read",
        "reports:read",
    },
    Role.partner: {
        "patients:read",
        "patients:write",
        "cases:read",
        "cases:write",
        "tasks:read",
        "activities:read",
        "activities:write",
    },
}


@pytest.mark.parametrize("role", [role for role in Role if role is not Role.partner])
async def test_matrix_for_staff_role(client, as_role, role):
    headers = await as_role(role)
    wrong = []
    for method, path, permission in ROUTES:
        response = await client.request(
            method, path, headers=headers, json={} if method == "POST" else None
        )
        allowed = permission in ALLOWED[role]
        if allowed == (response.status_code == 403):
            wrong.append(f"{method} {path}: {response.status_code}")

    assert wrong == []


async def test_matrix_for_partner_role(client, as_role, make_user, session):
    admin = await as_role(Role.admin)
    partner = await client.post(
        "/api/v1/partners", headers=admin, json={"name": "Agency", "kind": "agency"}
    )
    headers = await as_role(Role.partner, partner_id=uuid.UUID(partner.json()["id"]))
    wrong = []
    for method, path, permission in ROUTES:
        response = await client.request(
            method, path, headers=headers, json={} if method == "POST" else None
        )
        if (permission in ALLOWED[Role.partner]) == (response.status_code == 403):
            wrong.append(f"{method} {path}: {response.status_code}")

    assert wrong == []


async def test_denied_access_is_audited(client, as_role):
    admin = await as_role(Role.admin)
    doctor = await as_role(Role.doctor)

    denied = await client.get("/api/v1/audit-events", headers=doctor)
    log = await client.get(
        "/api/v1/audit-events", headers=admin, params={"action": "access_denied"}
    )

    assert denied.status_code == 403
    assert denied.json()["error"]["code"] == "permission_denied"
    event = log.json()["items"][0]
    assert event["outcome"] == "denied"
    assert event["details"] == {"permission": "audit:read"}
    assert event["actor_role"] == "doctor"


@pytest.mark.parametrize(
    ("role", "field", "allowed"),
    [
        (Role.doctor, "medical_summary", True),
        (Role.doctor, "passport_number", False),
        (Role.interpreter, "allergies", True),
        (Role.finance, "passport_number", True),
        (Role.finance, "medical_summary", False),
    ],
)
async def test_reveal_checks_field_permission(client, as_role, role, field, allowed):
    coordinator = await as_role()
    patient = (
        await client.post(
            "/api/v1/patients",
            headers=coordinator,
            json={
                "family_name": "李",
                "passport_number": "G12345678",
                "medical_summary": "糖尿病",
                "allergies": "なし",
            },
        )
    ).json()
    headers = await as_role(role)

    response = await client.post(
        f"/api/v1/patients/{patient['id']}/reveal", headers=headers, json={"fields": [field]}
    )

    assert (response.status_code == 200) is allowed


async def test_refused_reveal_is_audited(client, as_role):
    coordinator = await as_role()
    admin = await as_role(Role.admin)
    patient = (
        await client.post(
            "/api/v1/patients", headers=coordinator, json={"family_name": "李", "allergies": "なし"}
        )
    ).json()
    finance = await as_role(Role.finance)

    refused = await client.post(
        f"/api/v1/patients/{patient['id']}/reveal", headers=finance, json={"fields": ["allergies"]}
    )
    log = await client.get(
        "/api/v1/audit-events", headers=admin, params={"action": "read_sensitive"}
    )

    assert refused.status_code == 403
    event = log.json()["items"][0]
    assert event["outcome"] == "denied"
    assert event["fields"] == ["allergies"]
    assert event["actor_role"] == "finance"
