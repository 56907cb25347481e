import itertools

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from hospital_crm.audit import service as audit
from hospital_crm.audit.models import AuditEvent
from hospital_crm.commands import verify_audit_chain


async def make_events(client, as_role, count=3):
    headers = await as_role()
    for index in range(count):
        await client.post("/api/v1/patients", headers=headers, json={"family_name": f"患者{index}"})


async def test_chain_links_every_row(client, as_role, session):
    await make_events(client, as_role)

    events = (await session.scalars(select(AuditEvent).order_by(AuditEvent.sequence))).all()

    assert events[0].previous_hash == audit.GENESIS_HASH
    for before, after in itertools.pairwise(events):
        assert after.previous_hash == before.row_hash
    assert all(audit.compute_row_hash(event) == event.row_hash for event in events)


async def test_verify_reports_first_broken_row(client, as_role, session, settings, backend):
    await make_events(client, as_role)
    checked, intact = await verify_audit_chain(settings)
    target = (await session.scalars(select(AuditEvent).order_by(AuditEvent.sequence))).all()[2]

    if backend == "postgresql":
        # The trigger blocks tampering; an attacker with owner rights could disable it first.
        await session.execute(
            text("ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only")
        )
    await session.execute(
        text("UPDATE audit_events SET action = 'tampered' WHERE sequence = :s"),
        {"s": target.sequence},
    )
    await session.commit()
    _, chain_break = await verify_audit_chain(settings)

    assert intact is None
    assert checked >= 4
    assert chain_break.sequence == target.sequence
    assert chain_break.reason == "row content does not match its hash"


async def test_postgres_trigger_rejects_update_and_delete(client, as_role, session, backend):
    if backend != "postgresql":
        pytest.skip("the append-only trigger exists on PostgreSQL only")
    await make_events(client, as_role, count=1)

    for statement in (
        "UPDATE audit_events SET action = 'x'",
        "DELETE FROM audit_events",
        "TRUNCATE audit_events",
    ):
        with pytest.raises(DBAPIError, match="append-only"):
            await session.execute(text(statement))
        await session.rollback()


async def test_audit_api_filters(client, as_role):
    admin = await as_role("admin")
    await make_events(client, as_role, count=2)

    response = await client.get(
        "/api/v1/audit-events", headers=admin, params={"entity_type": "patient", "action": "create"}
    )

    items = response.json()["items"]
    assert len(items) == 2
    assert items[0]["sequence"] > items[1]["sequence"]
    assert {item["actor_role"] for item in items} == {"coordinator"}


async def test_no_route_changes_audit_events(app):
    paths = app.openapi()["paths"]

    methods = {
        method
        for path, item in paths.items()
        if path.startswith("/api/v1/audit-events")
        for method in item
    }

    assert methods == {"get"}


async def test_audit_events_name_their_targets(client, as_role):
    admin = await as_role("admin")
    patient = (
        await client.post(
            "/api/v1/patients",
            headers=admin,
            json={"family_name": "王", "given_name": "小明", "name_latin": "WANG XIAOMING"},
        )
    ).json()
    case = (
        await client.post(
            "/api/v1/cases", headers=admin, json={"patient_id": patient["id"], "channel": "email"}
        )
    ).json()

    response = await client.get("/api/v1/audit-events", headers=admin, params={"action": "create"})

    logins = await client.get("/api/v1/audit-events", headers=admin, params={"action": "login"})

    labels = {item["entity_type"]: item["target_label"] for item in response.json()["items"]}
    assert labels["patient"] == "王 小明 (WANG XIAOMING)"
    assert labels["case"] == case["reference"]
    me = (await client.get("/api/v1/users/me", headers=admin)).json()
    assert logins.json()["items"][0]["target_label"] == me["display_name"]
