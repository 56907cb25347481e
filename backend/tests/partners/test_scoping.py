"""Partner users see only the patients and cases their organization referred."""

import uuid

from hospital_crm.core.permissions import Role


async def setup_two_partners(client, as_role):
    admin = await as_role(Role.admin)
    agencies = []
    for name in ("上海エージェント", "Hanoi Agency"):
        response = await client.post(
            "/api/v1/partners", headers=admin, json={"name": name, "kind": "agency"}
        )
        agencies.append(response.json()["id"])
    partner_a = await as_role(Role.partner, partner_id=uuid.UUID(agencies[0]))
    partner_b = await as_role(Role.partner, partner_id=uuid.UUID(agencies[1]))
    return admin, agencies, partner_a, partner_b


async def test_partner_sees_only_own_referrals(client, as_role):
    admin, agencies, partner_a, partner_b = await setup_two_partners(client, as_role)
    own = await client.post(
        "/api/v1/patients",
        headers=partner_a,
        json={"family_name": "张", "referring_partner_id": agencies[1]},
    )
    other = await client.post("/api/v1/patients", headers=partner_b, json={"family_name": "Trần"})
    staff_only = await client.post("/api/v1/patients", headers=admin, json={"family_name": "Smith"})

    listed = await client.get("/api/v1/patients", headers=partner_a)
    by_url = await client.get(f"/api/v1/patients/{other.json()['id']}", headers=partner_a)
    staff_by_url = await client.get(
        f"/api/v1/patients/{staff_only.json()['id']}", headers=partner_a
    )
    admin_list = await client.get("/api/v1/patients", headers=admin)

    assert own.json()["referring_partner_id"] == agencies[0]
    assert [item["id"] for item in listed.json()["items"]] == [own.json()["id"]]
    assert by_url.status_code == 404
    assert staff_by_url.status_code == 404
    assert admin_list.json()["total"] == 3


async def test_partner_cannot_touch_other_partners_records(client, as_role):
    _, _, partner_a, partner_b = await setup_two_partners(client, as_role)
    other = (
        await client.post("/api/v1/patients", headers=partner_b, json={"family_name": "Trần"})
    ).json()
    case = (
        await client.post(
            "/api/v1/cases",
            headers=partner_b,
            json={"patient_id": other["id"], "channel": "partner"},
        )
    ).json()

    attempts = [
        await client.patch(
            f"/api/v1/patients/{other['id']}", headers=partner_a, json={"notes": "x"}
        ),
        await client.post(
            f"/api/v1/patients/{other['id']}/reveal",
            headers=partner_a,
            json={"fields": ["passport_number"]},
        ),
        await client.get(f"/api/v1/cases/{case['id']}", headers=partner_a),
        await client.post(
            "/api/v1/cases",
            headers=partner_a,
            json={"patient_id": other["id"], "channel": "partner"},
        ),
        await client.post(
            "/api/v1/activities",
            headers=partner_a,
            json={"patient_id": other["id"], "kind": "note", "body": "x"},
        ),
        await client.get(f"/api/v1/patients/{other['id']}/timeline", headers=partner_a),
    ]

    assert [response.status_code for response in attempts] == [404] * len(attempts)
    assert (await client.get("/api/v1/cases", headers=partner_a)).json()["total"] == 0
    assert (await client.get("/api/v1/activities", headers=partner_a)).json()["total"] == 0


async def test_partner_cannot_move_own_case(client, as_role):
    _, _, partner_a, _ = await setup_two_partners(client, as_role)
    patient = (
        await client.post("/api/v1/patients", headers=partner_a, json={"family_name": "Lê"})
    ).json()
    case = (
        await client.post(
            "/api/v1/cases",
            headers=partner_a,
            json={"patient_id": patient["id"], "channel": "partner"},
        )
    ).json()

    moved = await client.post(
        f"/api/v1/cases/{case['id']}/stage", headers=partner_a, json={"to_stage": "accepted"}
    )

    assert moved.status_code == 403
    assert moved.json()["error"]["code"] == "permission_denied"
    reread = await client.get(f"/api/v1/cases/{case['id']}", headers=partner_a)
    assert reread.json()["stage"] == "inquiry_received"


async def test_partner_sees_own_organization_only(client, as_role):
    _, agencies, partner_a, _ = await setup_two_partners(client, as_role)

    response = await client.get(f"/api/v1/partners/{agencies[1]}", headers=partner_a)

    assert response.status_code == 403


async def test_partner_search_treats_wildcards_literally(client, as_role):
    headers = await as_role()
    for name in ("50% Travel", "Fifty Travel"):
        created = await client.post(
            "/api/v1/partners", headers=headers, json={"name": name, "kind": "agency"}
        )
        assert created.status_code == 201, created.text

    found = await client.get("/api/v1/partners", headers=headers, params={"q": "%"})

    assert [partner["name"] for partner in found.json()["items"]] == ["50% Travel"]
