from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from hospital_crm.cases.models import CaseStageChange
from hospital_crm.core.permissions import Role


async def new_case(client, headers, **fields):
    patient = (
        await client.post(
            "/api/v1/patients", headers=headers, json={"family_name": "Ли", "nationality": "RU"}
        )
    ).json()
    response = await client.post(
        "/api/v1/cases",
        headers=headers,
        json={"patient_id": patient["id"], "channel": "whatsapp", **fields},
    )
    assert response.status_code == 201, response.text
    return response.json()


async def test_create_case_defaults(client, as_role):
    headers = await as_role()

    case = await new_case(
        client,
        headers,
        estimated_value="1500000",
        currency="jpy",
        first_task={"title": "診療情報の依頼", "due_at": "2026-12-10T10:00:00+09:00"},
    )

    assert case["stage"] == "inquiry_received"
    assert case["currency"] == "JPY"
    assert case["owner_id"]
    assert len(case["reference"]) == 13
    tasks = await client.get("/api/v1/tasks", headers=headers, params={"case_id": case["id"]})
    assert tasks.json()["items"][0]["title"] == "診療情報の依頼"


async def test_invalid_case_values(client, as_role):
    headers = await as_role()
    patient = (
        await client.post("/api/v1/patients", headers=headers, json={"family_name": "A"})
    ).json()

    response = await client.post(
        "/api/v1/cases",
        headers=headers,
        json={"patient_id": patient["id"], "channel": "fax", "currency": "YEN"},
    )
    no_currency = await client.post(
        "/api/v1/cases",
        headers=headers,
        json={"patient_id": patient["id"], "channel": "email", "estimated_value": "100"},
    )

    paths = {tuple(field["path"]) for field in response.json()["error"]["fields"]}
    assert ("body", "channel") in paths
    assert ("body", "currency") in paths
    assert no_currency.status_code == 422


async def test_invalid_characters_in_case(client, as_role):
    headers = await as_role()
    case = await new_case(client, headers)

    created = await client.post(
        "/api/v1/cases",
        headers=headers,
        json={
            "patient_id": case["patient"]["id"],
            "channel": "email",
            "requested_treatment": "\u202e術手",
            "first_task": {"title": "連絡\x07"},
        },
    )
    lost = await client.post(
        f"/api/v1/cases/{case['id']}/stage",
        headers=headers,
        json={"to_stage": "lost", "lost_reason": "他院\u2067で治療"},
    )
    updated = await client.patch(
        f"/api/v1/cases/{case['id']}", headers=headers, json={"notes": "複数行\nのメモ"}
    )

    created_fields = {
        (tuple(item["path"]), item["code"]) for item in created.json()["error"]["fields"]
    }
    assert created_fields == {
        (("body", "requested_treatment"), "invalid_characters"),
        (("body", "first_task", "title"), "invalid_characters"),
    }
    lost_fields = [(item["path"], item["code"]) for item in lost.json()["error"]["fields"]]
    assert lost_fields == [(["body", "lost_reason"], "invalid_characters")]
    assert updated.status_code == 200, updated.text


async def test_stage_history_keeps_who_when_from_to(client, as_role, session):
    headers = await as_role()
    case = await new_case(client, headers)

    for stage in (
        "records_received",
        "doctor_review",
        "records_received",
        "doctor_review",
        "quote_sent",
    ):
        response = await client.post(
            f"/api/v1/cases/{case['id']}/stage", headers=headers, json={"to_stage": stage}
        )
        assert response.status_code == 200
    history = (
        await client.get(f"/api/v1/cases/{case['id']}/stage-history", headers=headers)
    ).json()

    assert [(row["from_stage"], row["to_stage"]) for row in history] == [
        (None, "inquiry_received"),
        ("inquiry_received", "records_received"),
        ("records_received", "doctor_review"),
        ("doctor_review", "records_received"),
        ("records_received", "doctor_review"),
        ("doctor_review", "quote_sent"),
    ]
    assert all(row["changed_by_id"] for row in history)
    assert all(row["duration_seconds"] >= 0 for row in history)
    timeline = await client.get(f"/api/v1/cases/{case['id']}/activities", headers=headers)
    assert sum(item["kind"] == "stage_change" for item in timeline.json()["items"]) == 5
    rows = (await session.scalars(select(CaseStageChange))).all()
    assert len(rows) == 6


async def test_invalid_transitions(client, as_role):
    headers = await as_role()
    case = await new_case(client, headers)
    url = f"/api/v1/cases/{case['id']}/stage"

    same = await client.post(url, headers=headers, json={"to_stage": "inquiry_received"})
    early_close = await client.post(url, headers=headers, json={"to_stage": "closed"})
    lost_without_reason = await client.post(url, headers=headers, json={"to_stage": "lost"})
    lost = await client.post(
        url, headers=headers, json={"to_stage": "lost", "lost_reason": "他院で治療"}
    )
    cancel_after_lost = await client.post(url, headers=headers, json={"to_stage": "cancelled"})
    reopened = await client.post(url, headers=headers, json={"to_stage": "doctor_review"})

    assert same.status_code == 409
    assert early_close.json()["error"]["code"] == "invalid_stage_transition"
    assert lost_without_reason.status_code == 422
    assert lost.json()["lost_reason"] == "他院で治療"
    assert lost.json()["closed_at"] is not None
    assert cancel_after_lost.status_code == 409
    assert reopened.status_code == 200
    assert reopened.json()["closed_at"] is None


async def test_final_stages_need_reopening(client, as_role):
    headers = await as_role()
    case = await new_case(client, headers)
    url = f"/api/v1/cases/{case['id']}/stage"
    for stage in ("returned_home", "closed"):
        moved = await client.post(url, headers=headers, json={"to_stage": stage})
        assert moved.status_code == 200, moved.text

    lost_without_reason = await client.post(url, headers=headers, json={"to_stage": "lost"})
    lost = await client.post(
        url, headers=headers, json={"to_stage": "lost", "lost_reason": "他院で治療"}
    )
    cancelled = await client.post(url, headers=headers, json={"to_stage": "cancelled"})
    reopened = await client.post(url, headers=headers, json={"to_stage": "follow_up"})

    assert lost_without_reason.status_code == 409
    assert lost_without_reason.json()["error"]["code"] == "invalid_stage_transition"
    assert lost.status_code == 409
    assert cancelled.status_code == 409
    assert reopened.status_code == 200
    assert reopened.json()["stage"] == "follow_up"


async def test_lost_reason_in_timeline(client, as_role):
    headers = await as_role()
    case = await new_case(client, headers)

    await client.post(
        f"/api/v1/cases/{case['id']}/stage",
        headers=headers,
        json={"to_stage": "lost", "lost_reason": "他院で治療", "note": "電話で連絡あり"},
    )
    activities = await client.get(
        "/api/v1/activities", headers=headers, params={"case_id": case["id"]}
    )

    changes = [item for item in activities.json()["items"] if item["kind"] == "stage_change"]
    assert len(changes) == 1
    assert changes[0]["details"] == {
        "from": "inquiry_received",
        "to": "lost",
        "lost_reason": "他院で治療",
    }
    assert changes[0]["body"] == "電話で連絡あり"


async def test_case_filters(client, as_role):
    headers = await as_role()
    departments = (await client.get("/api/v1/departments", headers=headers)).json()
    first = await new_case(
        client, headers, department_id=departments[0]["id"], planned_arrival_date="2027-01-10"
    )
    await new_case(client, headers)
    await client.post(
        f"/api/v1/cases/{first['id']}/stage", headers=headers, json={"to_stage": "doctor_review"}
    )

    by_stage = await client.get(
        "/api/v1/cases", headers=headers, params={"stage": ["doctor_review", "quote_sent"]}
    )
    by_department = await client.get(
        "/api/v1/cases", headers=headers, params={"department_id": departments[0]["id"]}
    )
    by_arrival = await client.get(
        "/api/v1/cases",
        headers=headers,
        params={"arrival_from": "2027-01-01", "arrival_to": "2027-01-31"},
    )
    by_reference = await client.get(
        "/api/v1/cases", headers=headers, params={"q": first["reference"].lower()}
    )
    by_nationality = await client.get(
        "/api/v1/cases", headers=headers, params={"nationality": "ru"}
    )
    by_country_name = await client.get(
        "/api/v1/cases", headers=headers, params={"nationality": "ロシア"}
    )
    by_unknown_country = await client.get(
        "/api/v1/cases", headers=headers, params={"nationality": "Atlantis"}
    )

    for response in (by_stage, by_department, by_arrival, by_reference):
        assert [item["id"] for item in response.json()["items"]] == [first["id"]]
    assert by_nationality.json()["total"] == 2
    assert by_country_name.json()["total"] == 2
    assert by_unknown_country.status_code == 422
    assert by_unknown_country.json()["error"]["code"] == "unknown_nationality"


async def test_stage_durations_report(client, as_role):
    headers = await as_role()
    case = await new_case(client, headers)
    await client.post(
        f"/api/v1/cases/{case['id']}/stage", headers=headers, json={"to_stage": "records_received"}
    )

    report = await client.get("/api/v1/cases/stage-durations", headers=headers)

    assert [row["stage"] for row in report.json()] == ["inquiry_received"]
    assert report.json()[0]["count"] == 1


async def test_guarantor_must_be_guarantor_organization(client, as_role):
    headers = await as_role(Role.admin)
    agency = (
        await client.post("/api/v1/partners", headers=headers, json={"name": "A", "kind": "agency"})
    ).json()
    missing_number = await client.post(
        "/api/v1/partners", headers=headers, json={"name": "G", "kind": "guarantor_organization"}
    )

    response = await client.post(
        "/api/v1/cases",
        headers=headers,
        json={
            "patient_id": (
                await client.post("/api/v1/patients", headers=headers, json={"family_name": "B"})
            ).json()["id"],
            "channel": "email",
            "guarantor_organization_id": agency["id"],
        },
    )

    assert missing_number.status_code == 422
    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["code"] == "not_a_guarantor_organization"


async def test_dashboard_counts(client, as_role):
    headers = await as_role()
    tomorrow_in_japan = datetime.now(ZoneInfo("Asia/Tokyo")).date() + timedelta(days=1)
    await new_case(client, headers, planned_arrival_date=tomorrow_in_japan.isoformat())

    dashboard = (await client.get("/api/v1/dashboard", headers=headers)).json()

    assert dashboard["new_inquiries_this_week"] == 1
    assert dashboard["cases_per_stage"] == {"inquiry_received": 1}
    assert dashboard["cases_by_nationality"] == {"RU": 1}
    assert len(dashboard["arrivals_next_14_days"]) == 1


async def test_dashboard_counts_inquiries_by_reception_date(client, as_role):
    headers = await as_role()
    today_in_japan = datetime.now(ZoneInfo("Asia/Tokyo")).date()
    today_case = await new_case(client, headers)
    await new_case(client, headers, received_on="2024-04-01")

    dashboard = (await client.get("/api/v1/dashboard", headers=headers)).json()

    assert today_case["received_on"] == today_in_japan.isoformat()
    assert dashboard["new_inquiries_this_week"] == 1


async def test_case_list_count_stops_at_the_limit(client, as_role, monkeypatch):
    headers = await as_role()
    for _ in range(3):
        await new_case(client, headers)
    monkeypatch.setattr("hospital_crm.cases.service.LIST_COUNT_LIMIT", 2)

    capped = await client.get("/api/v1/cases", headers=headers, params={"page_size": 1})
    second_page = await client.get(
        "/api/v1/cases", headers=headers, params={"page_size": 2, "page": 2}
    )

    assert (capped.json()["total"], capped.json()["total_exact"]) == (2, False)
    assert (second_page.json()["total"], second_page.json()["total_exact"]) == (3, True)
    assert len(second_page.json()["items"]) == 1
