import json

import httpx

from hospital_crm.app import create_app
from tests.conftest import make_settings


async def test_health_ok(client, backend):
    response = await client.get("/health")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "cache": "ok" if backend == "postgresql" else "disabled",
    }
    assert (await client.get("/health/live")).json() == {"status": "ok"}
    assert (await client.get("/health/ready")).status_code == 200


async def test_health_503_when_postgres_unreachable(tmp_path):
    # Port 1 on loopback refuses connections: the database is down.
    settings = make_settings(tmp_path, database_url="postgresql://postgres@127.0.0.1:1/test")
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="https://testserver") as client:
            response = await client.get("/health")
            live = await client.get("/health/live")

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": "unavailable",
        "cache": "disabled",
    }
    assert live.status_code == 200


async def test_unknown_route_is_json_404(client):
    response = await client.get("/api/v1/nothing-here")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


async def test_request_id_echoed(client):
    response = await client.get("/health", headers={"X-Request-ID": "abc12345-trace"})
    unsafe = await client.get("/health", headers={"X-Request-ID": "bad id\nwith newline"})

    assert response.headers["x-request-id"] == "abc12345-trace"
    assert unsafe.headers["x-request-id"] != "bad id\nwith newline"


async def test_security_headers(client):
    response = await client.get("/health")

    assert response.headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


async def test_openapi_served(client):
    response = await client.get("/api/openapi.json")

    assert "/api/v1/patients" in response.json()["paths"]


async def test_docs_need_no_cdn(client):
    page = await client.get("/api/docs")
    script = await client.get("/api/docs/assets/swagger-ui-bundle.js")
    stylesheet = await client.get("/api/docs/assets/swagger-ui.css")

    assert page.status_code == 200
    assert "/api/docs/assets/swagger-ui-bundle.js" in page.text
    assert "cdn" not in page.text.lower()
    assert "script-src 'self' 'unsafe-inline'" in page.headers["content-security-policy"]
    assert script.status_code == 200
    assert "SwaggerUIBundle" in script.text
    assert stylesheet.status_code == 200


async def test_logs_carry_no_personal_data(client, as_role, capfd):
    headers = await as_role()
    capfd.readouterr()

    await client.post(
        "/api/v1/patients",
        headers=headers,
        json={
            "family_name": "秘密太郎",
            "email": "secret.person@example.com",
            "passport_number": "ZZ9876543",
            "medical_summary": "極秘の病歴",
        },
    )
    await client.post(
        "/api/v1/auth/login",
        json={"email": "someone@example.com", "password": "my-secret-password-1"},
    )
    output = capfd.readouterr().out

    lines = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    assert any(line["event"] == "http.request" and line["status"] == 201 for line in lines)
    for secret in (
        "秘密太郎",
        "secret.person",
        "ZZ9876543",
        "極秘",
        "my-secret-password-1",
        headers["Authorization"][7:],
    ):
        assert secret not in output


async def test_unexpected_error_carries_request_id(app):
    async def broken() -> None:
        raise RuntimeError("boom")

    app.router.add_api_route("/api/v1/test-broken", broken)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="https://testserver") as client:
        response = await client.get("/api/v1/test-broken", headers={"X-Request-ID": "req-4711"})

    assert response.status_code == 500
    assert response.json()["request_id"] == "req-4711"
    assert response.json()["error"]["code"] == "internal_error"
    assert "boom" not in response.text
    assert response.headers["x-request-id"] == "req-4711"
