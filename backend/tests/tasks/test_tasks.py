import uuid

from hospital_crm.core.permissions import Role


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
