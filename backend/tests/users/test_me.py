import pytest

from hospital_crm.core.permissions import PERMISSIONS, Permission, Role


@pytest.mark.parametrize("role", list(Role))
async def test_me_lists_role_permissions(client, as_role, role):
    headers = await as_role(role)

    response = await client.get("/api/v1/users/me", headers=headers)

    assert response.status_code == 200
    body = response.json()
    assert body["role"] == role.value
    assert sorted(body["permissions"]) == sorted(
        permission.value for permission in PERMISSIONS[role]
    )


async def test_me_permissions_follow_enum_order(client, as_role):
    headers = await as_role(Role.admin)

    response = await client.get("/api/v1/users/me", headers=headers)

    assert response.json()["permissions"] == [permission.value for permission in Permission]


async def test_partner_me_omits_staff_permissions(client, as_role):
    headers = await as_role(Role.partner)

    permissions = (await client.get("/api/v1/users/me", headers=headers)).json()["permissions"]

    assert "patients:read" in permissions
    assert "users:read" not in permissions
    assert "data:import" not in permissions
    assert "patients:read_medical" not in permissions


async def test_update_me_returns_permissions(client, as_role):
    headers = await as_role(Role.doctor)

    response = await client.patch("/api/v1/users/me", headers=headers, json={"ui_language": "en"})

    assert response.status_code == 200
    body = response.json()
    assert body["ui_language"] == "en"
    assert "patients:read_medical" in body["permissions"]
    assert "patients:read_identity" not in body["permissions"]


async def test_user_search_treats_wildcards_literally(client, as_role, make_user):
    headers = await as_role(Role.admin)
    await make_user(email="percent_sign@example.com", name="100% 担当")
    await make_user(email="plain@example.com", name="一般 担当")

    percent = await client.get("/api/v1/users", headers=headers, params={"q": "%"})
    underscore = await client.get("/api/v1/users", headers=headers, params={"q": "pl_in"})

    assert [user["email"] for user in percent.json()["items"]] == ["percent_sign@example.com"]
    assert underscore.json()["items"] == []
