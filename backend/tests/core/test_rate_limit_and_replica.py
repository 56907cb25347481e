import secrets

import httpx
import pytest

from hospital_crm.app import create_app
from tests.conftest import _admin, _server_url


async def test_rate_limit_per_ip(app, client):
    # An address of this run's own (documentation range 2001:db8::/32): the Redis
    # counters are shared with other test runs on the machine within the same minute.
    address = f"2001:db8::{secrets.token_hex(2)}:{secrets.token_hex(2)}"
    limited = create_app(app.state.settings.model_copy(update={"rate_limit_per_minute": 3}))
    async with limited.router.lifespan_context(limited):
        transport = httpx.ASGITransport(app=limited, client=(address, 1234))
        async with httpx.AsyncClient(
            transport=transport, base_url="https://testserver"
        ) as limited_client:
            statuses = [
                (await limited_client.get("/api/v1/departments")).status_code for _ in range(5)
            ]
            health = await limited_client.get("/health")
            blocked = await limited_client.get("/api/v1/departments")

    assert statuses == [401, 401, 401, 429, 429]
    assert health.status_code == 200
    assert blocked.json()["error"]["code"] == "rate_limited"
    assert int(blocked.headers["retry-after"]) > 0


async def test_lists_read_from_replica(settings, backend, as_role, client, templates):
    if backend != "postgresql":
        pytest.skip("a read replica is a PostgreSQL setting")
    headers = await as_role()
    await client.post("/api/v1/patients", headers=headers, json={"family_name": "一次"})
    replica_name = settings.database_url.rsplit("/", 1)[1] + "_replica"
    await _admin(f'CREATE DATABASE "{replica_name}" TEMPLATE "{templates.postgres_name}"')
    try:
        # The "replica" is a copy taken before the patient existed, so a list that reads
        # from it shows nothing while the primary has the patient.
        with_replica = settings.model_copy(update={"database_read_url": _server_url(replica_name)})
        application = create_app(with_replica)
        async with application.router.lifespan_context(application):
            transport = httpx.ASGITransport(app=application)
            async with httpx.AsyncClient(
                transport=transport, base_url="https://testserver"
            ) as replica_client:
                listed = await replica_client.get("/api/v1/patients", headers=headers)
                created = await replica_client.post(
                    "/api/v1/patients", headers=headers, json={"family_name": "二次"}
                )
            await application.state.database.dispose()
    finally:
        await _admin(f'DROP DATABASE IF EXISTS "{replica_name}" WITH (FORCE)')

    assert listed.status_code == 200
    assert listed.json()["total"] == 0
    assert created.status_code == 201
