import datetime as dt

import pytest
from sqlalchemy import select, text

from hospital_crm.activities.models import Activity
from hospital_crm.audit.models import AuditEvent
from hospital_crm.patients.models import Patient

SATO = {
    "family_name": "佐藤",
    "given_name": "花子",
    "name_latin": "SATO HANAKO",
    "name_kana": "さとう はなこ",
    "sex": "female",
    "date_of_birth": "1985-03-12",
    "nationality": "JP",
    "country_of_residence": "SG",
    "email": "Hanako.Sato@Example.com",
    "phones": [{"number": "+65 8123 4567"}],
    "passport_number": "TK1234567",
    "medical_summary": "胃がん術後の経過観察",
    "allergies": "ペニシリン",
}


async def create(client, headers, **fields):
    response = await client.post("/api/v1/patients", json=fields, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def test_create_normalises_fields(client, as_role):
    headers = await as_role()

    patient = await create(client, headers, **SATO)

    assert patient["name_kana"] == "サトウ ハナコ"
    assert patient["email"] == "hanako.sato@example.com"
    assert patient["phones"] == [{"number": "+6581234567", "kind": "mobile"}]
    assert patient["time_zone"] == "Asia/Singapore"
    assert patient["has_passport_number"] is True
    assert "passport_number" not in patient
    assert "medical_summary" not in patient


async def test_latin_name_stored_upper_case(client, as_role):
    headers = await as_role()

    wang = await create(client, headers, family_name="王", name_latin="wang xiaoming")
    jose = await create(client, headers, family_name="García", name_latin="García José")
    updated = await client.patch(
        f"/api/v1/patients/{wang['id']}", headers=headers, json={"name_latin": "Wang Xiao-Ming"}
    )
    found = await client.get("/api/v1/patients", headers=headers, params={"q": "xiaoming"})

    assert wang["name_latin"] == "WANG XIAOMING"
    assert jose["name_latin"] == "GARCÍA JOSÉ"
    assert updated.json()["name_latin"] == "WANG XIAO-MING"
    assert [item["id"] for item in found.json()["items"]] == [wang["id"]]


async def test_national_phone_uses_country(client, as_role):
    headers = await as_role()

    patient = await create(
        client,
        headers,
        family_name="王",
        given_name="小明",
        nationality="CN",
        phones=[{"number": "138 0013 8000"}],
    )

    assert patient["phones"][0]["number"] == "+8613800138000"


async def test_sensitive_fields_encrypted_at_rest(client, as_role, session):
    headers = await as_role()
    patient = await create(client, headers, **SATO)

    row = (
        await session.execute(
            text(
                "SELECT passport_number_encrypted, medical_summary_encrypted, allergies_encrypted, passport_number_hash "
                "FROM patients WHERE family_name = '佐藤'"
            )
        )
    ).one()

    for value in row[:3]:
        assert value.startswith("v1:")
        assert "TK1234567" not in value
        assert "ペニシリン" not in value
    assert row[3] and "TK1234567" not in row[3]
    assert patient["id"]


async def test_validation_errors_name_fields(client, as_role):
    headers = await as_role()

    response = await client.post(
        "/api/v1/patients",
        headers=headers,
        json={
            "family_name": "李",
            "nationality": "XX",
            "email": "not-an-email",
            "date_of_birth": "1990-02-30",
        },
    )

    assert response.status_code == 422
    body = response.json()
    assert body["error"]["code"] == "validation_failed"
    paths = {tuple(field["path"]) for field in body["error"]["fields"]}
    assert ("body", "nationality") in paths
    assert ("body", "email") in paths
    assert ("body", "date_of_birth") in paths
    assert body["request_id"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("family_name", "\u202eoknaH"),
        ("given_name", "花\u2066子"),
        ("name_latin", "SATO\u202aHANAKO"),
        ("name_kana", "サトウ\x00"),
        ("passport_number", "TK\x85123"),
        ("notes", "ok\u2069"),
    ],
)
async def test_invalid_characters_rejected(client, as_role, field, value):
    headers = await as_role()

    response = await client.post(
        "/api/v1/patients", headers=headers, json={"family_name": "佐藤", field: value}
    )

    assert response.status_code == 422
    fields = response.json()["error"]["fields"]
    assert [(item["path"], item["code"]) for item in fields] == [
        (["body", field], "invalid_characters")
    ]
    assert "\u202e" not in fields[0]["message"]


async def test_invalid_characters_in_nested_fields(client, as_role):
    headers = await as_role()

    response = await client.post(
        "/api/v1/patients",
        headers=headers,
        json={"family_name": "佐藤", "emergency_contact": {"name": "\u202eoknaH"}},
    )

    assert response.status_code == 422
    fields = response.json()["error"]["fields"]
    assert [(item["path"], item["code"]) for item in fields] == [
        (["body", "emergency_contact"], "invalid_characters")
    ]


async def test_joiners_and_line_breaks_allowed(client, as_role):
    headers = await as_role()

    patient = await create(
        client,
        headers,
        family_name="\u0645\u06cc\u200c\u0631\u0632\u0627",
        given_name="\u0915\u094d\u200d\u0937",
        notes="一行目\n二行目\tタブ",
        address="東京都\r\n千代田区",
    )

    assert patient["family_name"] == "\u0645\u06cc\u200c\u0631\u0632\u0627"
    assert patient["given_name"] == "\u0915\u094d\u200d\u0937"
    assert patient["notes"] == "一行目\n二行目\tタブ"


async def test_future_birth_date_has_own_code(client, as_role):
    headers = await as_role()
    tomorrow = dt.date.today() + dt.timedelta(days=1)

    response = await client.post(
        "/api/v1/patients",
        headers=headers,
        json={"family_name": "李", "date_of_birth": tomorrow.isoformat()},
    )

    assert response.status_code == 422
    fields = response.json()["error"]["fields"]
    assert fields[0]["path"] == ["body", "date_of_birth"]
    assert fields[0]["code"] == "date_of_birth_out_of_range"
    assert fields[0]["message"] == "The date of birth must be between 1900 and today."


async def test_invalid_phone_reports_its_index(client, as_role):
    headers = await as_role()

    response = await client.post(
        "/api/v1/patients",
        headers=headers,
        json={
            "family_name": "李",
            "nationality": "CN",
            "phones": [{"number": "+8613800138000"}, {"number": "12"}],
        },
    )

    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["path"] == ["body", "phones", 1, "number"]


async def test_name_is_required(client, as_role):
    headers = await as_role()

    response = await client.post("/api/v1/patients", headers=headers, json={"nationality": "CN"})

    assert response.status_code == 422


async def test_reveal_returns_values_and_audits(client, as_role, session):
    headers = await as_role()
    patient = await create(client, headers, **SATO)

    response = await client.post(
        f"/api/v1/patients/{patient['id']}/reveal",
        headers=headers,
        json={"fields": ["passport_number", "allergies"]},
    )
    await client.post(
        f"/api/v1/patients/{patient['id']}/reveal",
        headers=headers,
        json={"fields": ["passport_number"]},
    )

    assert response.json() == {"passport_number": "TK1234567", "allergies": "ペニシリン"}
    reads = (
        await session.scalars(
            select(AuditEvent)
            .where(AuditEvent.action == "read_sensitive")
            .order_by(AuditEvent.sequence)
        )
    ).all()
    assert [event.fields for event in reads] == [
        ["passport_number", "allergies"],
        ["passport_number"],
    ]
    assert all(event.entity_id == patient["id"] for event in reads)
    assert reads[0].client_ip == "203.0.113.10"
    assert reads[0].request_id


async def test_update_writes_timeline_and_audit(client, as_role, session):
    headers = await as_role()
    patient = await create(client, headers, **SATO)

    response = await client.patch(
        f"/api/v1/patients/{patient['id']}",
        headers=headers,
        json={"phones": [{"number": "8765 4321"}], "passport_number": "TK7654321"},
    )

    assert response.status_code == 200
    assert response.json()["phones"][0]["number"] == "+6587654321"
    change = await session.scalar(select(Activity).where(Activity.kind == "field_change"))
    assert change.details == {"fields": ["passport_number", "phones"]}
    update = await session.scalar(select(AuditEvent).where(AuditEvent.action == "update"))
    assert update.fields == ["passport_number", "phones"]


async def test_delete_hides_patient_and_keeps_row(client, as_role, session):
    coordinator = await as_role()
    admin = await as_role(role="admin")
    patient = await create(client, coordinator, **SATO)

    denied = await client.delete(f"/api/v1/patients/{patient['id']}", headers=coordinator)
    deleted = await client.delete(f"/api/v1/patients/{patient['id']}", headers=admin)
    after = await client.get(f"/api/v1/patients/{patient['id']}", headers=admin)

    assert denied.status_code == 403
    assert deleted.status_code == 204
    assert after.status_code == 404
    assert (
        await session.scalar(select(Patient.deleted_at).where(Patient.family_name == "佐藤"))
        is not None
    )


async def test_unknown_patient_404(client, as_role):
    headers = await as_role()

    response = await client.get(
        "/api/v1/patients/00000000-0000-0000-0000-000000000000", headers=headers
    )

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "patient_not_found"


async def test_consents_recorded_and_withdrawn(client, as_role):
    headers = await as_role()
    patient = await create(
        client,
        headers,
        family_name="Lee",
        consents=[
            {
                "topic": "sensitive_data",
                "version": "2026-04",
                "language": "ko",
                "given_at": "2026-04-01T10:00:00+09:00",
            }
        ],
    )

    added = await client.post(
        f"/api/v1/patients/{patient['id']}/consents",
        headers=headers,
        json={
            "topic": "cross_border_transfer",
            "version": "2026-04",
            "language": "en",
            "given_at": "2026-04-02T10:00:00Z",
        },
    )
    withdrawn = await client.post(
        f"/api/v1/patients/{patient['id']}/consents/{added.json()['id']}/withdraw", headers=headers
    )
    detail = await client.get(f"/api/v1/patients/{patient['id']}", headers=headers)

    assert patient["consents"][0]["topic"] == "sensitive_data"
    assert withdrawn.json()["withdrawn_at"] is not None
    assert [consent["topic"] for consent in detail.json()["consents"]] == [
        "sensitive_data",
        "cross_border_transfer",
    ]


async def test_misspelt_field_rejected(client, as_role):
    headers = await as_role()

    response = await client.post(
        "/api/v1/patients", headers=headers, json={"family_name": "李", "nationalty": "CN"}
    )

    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["path"] == ["body", "nationalty"]


async def test_nationality_filter_takes_country_names(client, as_role):
    headers = await as_role()
    await create(client, headers, family_name="王", nationality="CN")
    await create(client, headers, family_name="Nguyễn", nationality="VN")

    listed = {
        value: await client.get("/api/v1/patients", headers=headers, params={"nationality": value})
        for value in ("中国", "中華人民共和国", "China", "CHN", "cn")
    }

    for value, response in listed.items():
        assert response.status_code == 200, value
        assert [item["family_name"] for item in response.json()["items"]] == ["王"], value


async def test_unknown_nationality_filter_rejected(client, as_role):
    headers = await as_role()

    response = await client.get(
        "/api/v1/patients", headers=headers, params={"nationality": "Atlantis"}
    )

    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "unknown_nationality"
    assert error["fields"][0]["path"] == ["query", "nationality"]
    assert "'Atlantis'" in error["message"]
