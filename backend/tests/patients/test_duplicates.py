import uuid

from sqlalchemy import select

from hospital_crm.activities.models import Activity
from hospital_crm.audit.models import AuditEvent
from hospital_crm.core.permissions import Role
from hospital_crm.patients.models import Patient

BASE = {
    "family_name": "陈",
    "given_name": "静",
    "name_latin": "CHEN JING",
    "nationality": "CN",
    "date_of_birth": "1978-06-01",
}


async def post(client, headers, body):
    return await client.post("/api/v1/patients", headers=headers, json=body)


async def test_duplicate_by_each_rule(client, as_role):
    headers = await as_role()
    first = await post(
        client,
        headers,
        {
            **BASE,
            "passport_number": "E12345678",
            "email": "chen@example.cn",
            "phones": [{"number": "+8613912345678"}],
        },
    )
    assert first.status_code == 201

    probes = {
        "passport": {"family_name": "X", "passport_number": "e 1234 5678"},
        "email": {"family_name": "X", "email": "CHEN@example.cn"},
        "phone": {"family_name": "X", "nationality": "CN", "phones": [{"number": "139 1234 5678"}]},
        "name_dob": {"family_name": "陈", "given_name": "静", "date_of_birth": "1978-06-01"},
    }
    for reason, body in probes.items():
        response = await post(client, headers, body)
        assert response.status_code == 409, reason
        error = response.json()["error"]
        assert error["code"] == "duplicate_candidates"
        assert error["candidates"] == [{"patient_id": first.json()["id"], "reasons": [reason]}]


async def test_latin_name_in_other_order_is_duplicate(client, as_role):
    headers = await as_role()
    await post(client, headers, BASE)

    response = await post(
        client, headers, {"name_latin": "Jing Chen", "date_of_birth": "1978-06-01"}
    )

    assert response.status_code == 409


async def test_confirm_duplicate_creates_anyway(client, as_role):
    headers = await as_role()
    await post(client, headers, BASE)

    response = await post(client, headers, {**BASE, "confirm_duplicate": True})

    assert response.status_code == 201


async def test_same_name_other_birth_date_is_not_duplicate(client, as_role):
    headers = await as_role()
    await post(client, headers, BASE)

    response = await post(client, headers, {**BASE, "date_of_birth": "1979-06-01"})

    assert response.status_code == 201


async def test_merge_moves_everything(client, as_role, session):
    headers = await as_role()
    kept = (await post(client, headers, {**BASE, "email": "chen@example.cn"})).json()
    other = (
        await post(
            client,
            headers,
            {
                **BASE,
                "confirm_duplicate": True,
                "passport_number": "E99999999",
                "phones": [{"number": "+8613900000000"}],
                "tags": ["VIP"],
            },
        )
    ).json()
    case = (
        await client.post(
            "/api/v1/cases", headers=headers, json={"patient_id": other["id"], "channel": "wechat"}
        )
    ).json()
    await client.post(
        "/api/v1/tasks", headers=headers, json={"title": "電話", "patient_id": other["id"]}
    )
    await client.post(
        "/api/v1/activities",
        headers=headers,
        json={"patient_id": other["id"], "kind": "note", "body": "メモ"},
    )

    candidates = await client.get(f"/api/v1/patients/{kept['id']}/duplicates", headers=headers)
    merged = await client.post(
        f"/api/v1/patients/{kept['id']}/merge", headers=headers, json={"duplicate_id": other["id"]}
    )

    assert candidates.json()[0]["patient"]["id"] == other["id"]
    assert candidates.json()[0]["reasons"] == ["name_dob"]
    assert merged.status_code == 200
    body = merged.json()
    assert body["has_passport_number"] is True
    assert body["tags"] == ["VIP"]
    assert body["phones"][0]["number"] == "+8613900000000"
    moved_case = await client.get(f"/api/v1/cases/{case['id']}", headers=headers)
    assert moved_case.json()["patient"]["id"] == kept["id"]
    tasks = await client.get("/api/v1/tasks", headers=headers, params={"patient_id": kept["id"]})
    assert tasks.json()["total"] == 1
    assert (await client.get(f"/api/v1/patients/{other['id']}", headers=headers)).status_code == 404
    revealed = await client.post(
        f"/api/v1/patients/{kept['id']}/reveal",
        headers=headers,
        json={"fields": ["passport_number"]},
    )
    assert revealed.json()["passport_number"] == "E99999999"
    search = await client.get("/api/v1/patients", headers=headers, params={"q": "E99999999"})
    assert [item["id"] for item in search.json()["items"]] == [kept["id"]]

    row = await session.get(Patient, uuid.UUID(other["id"]))
    assert str(row.merged_into_id) == kept["id"]
    merge_activity = await session.scalar(select(Activity).where(Activity.kind == "merged"))
    assert merge_activity.details["merged_patient_id"] == other["id"]
    audit = await session.scalar(select(AuditEvent).where(AuditEvent.action == "merge"))
    assert audit.details["moved"]["cases"] == 1


async def test_merged_patient_points_to_survivor(client, as_role):
    headers = await as_role()
    first = (await post(client, headers, BASE)).json()
    second = (await post(client, headers, {**BASE, "confirm_duplicate": True})).json()
    third = (await post(client, headers, {**BASE, "confirm_duplicate": True})).json()
    for kept, gone in ((second, first), (third, second)):
        response = await client.post(
            f"/api/v1/patients/{kept['id']}/merge",
            headers=headers,
            json={"duplicate_id": gone["id"]},
        )
        assert response.status_code == 200

    opened = await client.get(f"/api/v1/patients/{first['id']}", headers=headers)
    unknown = await client.get(f"/api/v1/patients/{uuid.uuid4()}", headers=headers)

    assert opened.status_code == 404
    assert opened.json()["error"]["code"] == "patient_merged"
    assert opened.json()["error"]["merged_into_id"] == third["id"]
    assert unknown.json()["error"]["code"] == "patient_not_found"


async def test_merge_hidden_from_other_partners(client, as_role):
    admin = await as_role(Role.admin)
    agency = await client.post(
        "/api/v1/partners", headers=admin, json={"name": "Agency", "kind": "agency"}
    )
    partner = await as_role(Role.partner, partner_id=uuid.UUID(agency.json()["id"]))
    kept = (await post(client, admin, BASE)).json()
    gone = (await post(client, admin, {**BASE, "confirm_duplicate": True})).json()
    await client.post(
        f"/api/v1/patients/{kept['id']}/merge", headers=admin, json={"duplicate_id": gone["id"]}
    )

    opened = await client.get(f"/api/v1/patients/{gone['id']}", headers=partner)

    assert opened.status_code == 404
    assert opened.json()["error"] == {
        "code": "patient_not_found",
        "message": "The patient does not exist.",
        "fields": [],
    }


async def test_merge_into_itself_rejected(client, as_role):
    headers = await as_role()
    patient = (await post(client, headers, BASE)).json()

    response = await client.post(
        f"/api/v1/patients/{patient['id']}/merge",
        headers=headers,
        json={"duplicate_id": patient["id"]},
    )

    assert response.status_code == 422
