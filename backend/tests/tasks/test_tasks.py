import uuid
from contextlib import contextmanager

from sqlalchemy import event, update

from hospital_crm.cases.models import Case
from hospital_crm.core.models import utc_now
from hospital_crm.core.permissions import Role


@contextmanager
def counted_statements(database):
    """Collect the SQL statements that the read engine runs inside the block."""
    statements = []

    def record(_connection, _cursor, statement, *_args):
        statements.append(statement)

    engine = database.read_engine.sync_engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


async def new_patient_task(client, headers, *, title="問い合わせへの返信", **patient_fields):
    """Create a patient, a case for them and a task on the case, and return all three."""
    patient = (await client.post("/api/v1/patients", headers=headers, json=patient_fields)).json()
    case = (
        await client.post(
            "/api/v1/cases",
            headers=headers,
            json={"patient_id": patient["id"], "channel": "email"},
        )
    ).json()
    task = (
        await client.post(
            "/api/v1/tasks", headers=headers, json={"title": title, "case_id": case["id"]}
        )
    ).json()
    return patient, case, task


async def test_due_time_in_tokyo_and_patient_zone(client, as_role):
    headers = await as_role()
    patient = (
        await client.post(
            "/api/v1/patients", headers=headers, json={"family_name": "Nguyễn", "nationality": "VN"}
        )
    ).json()

    response = await client.post(
        "/api/v1/tasks",
        headers=headers,
        json={
            "title": "到着便の確認",
            "patient_id": patient["id"],
            "due_at": "2026-12-10T01:00:00Z",
        },
    )

    task = response.json()
    assert task["due_at"].startswith("2026-12-10T01:00:00")
    assert task["due_at_tokyo"].startswith("2026-12-10T10:00:00+09:00")
    assert task["patient_time_zone"] == "Asia/Ho_Chi_Minh"
    assert task["due_at_patient_local"].startswith("2026-12-10T08:00:00+07:00")


async def test_naive_due_time_rejected(client, as_role):
    headers = await as_role()

    response = await client.post(
        "/api/v1/tasks", headers=headers, json={"title": "x", "due_at": "2026-12-10T10:00:00"}
    )

    assert response.status_code == 422


async def test_overdue_listed_per_user(client, as_role, make_user, login):
    me = await make_user()
    colleague = await make_user()
    headers = await login(me)
    for assignee, due in (
        (me, "2020-01-01T00:00:00Z"),
        (me, "2099-01-01T00:00:00Z"),
        (colleague, "2020-01-01T00:00:00Z"),
    ):
        await client.post(
            "/api/v1/tasks",
            headers=headers,
            json={"title": "t", "due_at": due, "assignee_id": str(assignee.id)},
        )

    mine_overdue = await client.get(
        "/api/v1/tasks", headers=headers, params={"scope": "mine", "overdue": True}
    )
    team_overdue = await client.get(
        "/api/v1/tasks", headers=headers, params={"scope": "team", "overdue": True}
    )
    colleague_overdue = await client.get(
        "/api/v1/tasks", headers=headers, params={"assignee_id": str(colleague.id), "overdue": True}
    )

    assert mine_overdue.json()["total"] == 1
    assert mine_overdue.json()["items"][0]["overdue"] is True
    assert team_overdue.json()["total"] == 2
    assert colleague_overdue.json()["total"] == 1


async def test_completing_task_writes_timeline(client, as_role):
    headers = await as_role()
    patient = (
        await client.post("/api/v1/patients", headers=headers, json={"family_name": "王"})
    ).json()
    task = (
        await client.post(
            "/api/v1/tasks",
            headers=headers,
            json={"title": "見積書送付", "patient_id": patient["id"]},
        )
    ).json()

    done = await client.patch(
        f"/api/v1/tasks/{task['id']}", headers=headers, json={"status": "done"}
    )
    timeline = await client.get(f"/api/v1/patients/{patient['id']}/timeline", headers=headers)

    assert done.json()["completed_at"] is not None
    assert timeline.json()["items"][0]["kind"] == "task_completed"
    assert timeline.json()["items"][0]["subject"] == "見積書送付"


async def test_partner_cannot_write_tasks(client, as_role):
    admin = await as_role(Role.admin)
    partner = (
        await client.post("/api/v1/partners", headers=admin, json={"name": "P", "kind": "agency"})
    ).json()
    headers = await as_role(Role.partner, partner_id=uuid.UUID(partner["id"]))

    response = await client.post("/api/v1/tasks", headers=headers, json={"title": "x"})

    assert response.status_code == 403


async def test_task_list_names_patient_and_case(client, as_role):
    headers = await as_role()
    patient, case, _ = await new_patient_task(
        client, headers, family_name="王", given_name="小明", name_latin="WANG XIAOMING"
    )
    await client.post("/api/v1/tasks", headers=headers, json={"title": "院内会議の準備"})

    response = await client.get("/api/v1/tasks", headers=headers, params={"sort": "title"})

    by_title = {item["title"]: item for item in response.json()["items"]}
    linked = by_title["問い合わせへの返信"]
    assert linked["patient_id"] == patient["id"]
    assert linked["patient_name"] == {
        "family_name": "王",
        "given_name": "小明",
        "name_latin": "WANG XIAOMING",
    }
    assert linked["case_id"] == case["id"]
    assert linked["case_reference"] == case["reference"]
    assert by_title["院内会議の準備"]["patient_name"] is None
    assert by_title["院内会議の準備"]["case_reference"] is None


async def test_task_of_patient_without_case(client, as_role):
    headers = await as_role()
    patient = (
        await client.post("/api/v1/patients", headers=headers, json={"name_latin": "LE VAN AN"})
    ).json()

    task = (
        await client.post(
            "/api/v1/tasks", headers=headers, json={"title": "電話", "patient_id": patient["id"]}
        )
    ).json()

    assert task["patient_name"] == {
        "family_name": None,
        "given_name": None,
        "name_latin": "LE VAN AN",
    }
    assert task["case_reference"] is None


async def test_deleted_case_reference_hidden(client, as_role, app):
    headers = await as_role()
    _, case, task = await new_patient_task(client, headers, family_name="李")
    async with app.state.database.sessionmaker() as db_session:
        await db_session.execute(
            update(Case).where(Case.id == uuid.UUID(case["id"])).values(deleted_at=utc_now())
        )
        await db_session.commit()

    response = await client.get(f"/api/v1/tasks/{task['id']}", headers=headers)

    assert response.json()["case_reference"] is None
    assert response.json()["patient_name"]["family_name"] == "李"


async def test_task_list_statements_independent_of_rows(client, as_role, app):
    headers = await as_role()
    await new_patient_task(client, headers, family_name="陳")
    with counted_statements(app.state.database) as one_row:
        first = await client.get("/api/v1/tasks", headers=headers)
    for family_name in ("林", "黄", "周", "吴"):
        await new_patient_task(client, headers, family_name=family_name)

    with counted_statements(app.state.database) as five_rows:
        second = await client.get("/api/v1/tasks", headers=headers)

    assert first.json()["total"] == 1
    assert second.json()["total"] == 5
    assert {item["patient_name"]["family_name"] for item in second.json()["items"]} == {
        "陳",
        "林",
        "黄",
        "周",
        "吴",
    }
    assert len(five_rows) == len(one_row)


async def test_partner_sees_only_own_patient_names(client, as_role):
    admin = await as_role(Role.admin)
    partner_ids = []
    for name in ("Agency A", "Agency B"):
        partner = (
            await client.post(
                "/api/v1/partners", headers=admin, json={"name": name, "kind": "agency"}
            )
        ).json()
        partner_ids.append(partner["id"])
    _, own_case, _ = await new_patient_task(
        client, admin, family_name="Иванов", referring_partner_id=partner_ids[0]
    )
    await new_patient_task(client, admin, family_name="Петров", referring_partner_id=partner_ids[1])
    partner_headers = await as_role(Role.partner, partner_id=uuid.UUID(partner_ids[0]))

    response = await client.get("/api/v1/tasks", headers=partner_headers)

    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["patient_name"]["family_name"] for item in items] == ["Иванов"]
    assert [item["case_reference"] for item in items] == [own_case["reference"]]
    assert "Петров" not in response.text
