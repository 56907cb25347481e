import re
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from hospital_crm import app as app_module
from hospital_crm.app import create_app
from hospital_crm.imports.service import MAX_UPLOAD_BYTES, MAX_UPLOAD_REQUEST_BYTES

NGINX_CONFIG = Path(__file__).resolve().parents[3] / "frontend" / "nginx.conf"
SMALL_LIMIT = 4096


async def _limited_client(app) -> AsyncIterator[httpx.AsyncClient]:
    limited = create_app(
        app.state.settings.model_copy(update={"max_request_body_bytes": SMALL_LIMIT})
    )
    async with limited.router.lifespan_context(limited):
        transport = httpx.ASGITransport(app=limited, client=("203.0.113.20", 50000))
        async with httpx.AsyncClient(transport=transport, base_url="https://testserver") as client:
            yield client


@pytest.fixture
async def limited_client(app) -> AsyncIterator[httpx.AsyncClient]:
    async for client in _limited_client(app):
        yield client


def _patient_body(note_length: int) -> bytes:
    return ('{"family_name": "山田", "notes": "' + "a" * note_length + '"}').encode()


def _assert_too_large(response: httpx.Response) -> None:
    assert response.status_code == 413
    body = response.json()
    assert body["error"]["code"] == "request_too_large"
    assert body["error"]["fields"] == []
    assert body["error"]["max_bytes"] == SMALL_LIMIT
    assert body["request_id"] == response.headers["x-request-id"]


async def test_body_limit_declared_length(limited_client, as_role) -> None:
    headers = await as_role()

    response = await limited_client.post(
        "/api/v1/patients",
        headers={**headers, "content-type": "application/json"},
        content=_patient_body(SMALL_LIMIT),
    )

    _assert_too_large(response)


async def test_body_limit_chunked_body(limited_client, as_role) -> None:
    headers = await as_role()
    chunks_sent = 0

    async def chunks() -> AsyncIterator[bytes]:
        nonlocal chunks_sent
        for _ in range(64):
            chunks_sent += 1
            yield b" " * 1024
        yield _patient_body(10)

    response = await limited_client.post(
        "/api/v1/patients",
        headers={**headers, "content-type": "application/json"},
        content=chunks(),
    )

    _assert_too_large(response)
    assert "content-length" not in response.request.headers
    assert chunks_sent < 64


async def test_body_limit_allows_small_body(limited_client, as_role) -> None:
    headers = await as_role()

    response = await limited_client.post(
        "/api/v1/patients",
        headers={**headers, "content-type": "application/json"},
        content=_patient_body(100),
    )

    assert response.status_code == 201, response.text


async def test_body_limit_upload_has_own_limit(limited_client, as_role) -> None:
    headers = await as_role()
    content = "氏名,備考\r\n".encode() + "王 偉,a\r\n".encode() * 2000

    response = await limited_client.post(
        "/api/v1/imports/uploads", headers=headers, files={"file": ("patients.csv", content)}
    )

    assert len(content) > SMALL_LIMIT
    assert response.status_code == 201, response.text


async def test_body_limit_upload_over_its_limit(app, as_role, monkeypatch) -> None:
    headers = await as_role()
    monkeypatch.setattr(app_module, "MAX_UPLOAD_REQUEST_BYTES", 2 * SMALL_LIMIT)
    content = b"a" * (3 * SMALL_LIMIT)

    async for client in _limited_client(app):
        response = await client.post(
            "/api/v1/imports/uploads", headers=headers, files={"file": ("big.csv", content)}
        )

    assert response.status_code == 413
    assert response.json()["error"]["max_bytes"] == 2 * SMALL_LIMIT


def test_nginx_body_limit_fits_upload() -> None:
    match = re.search(r"^\s*client_max_body_size\s+(\d+)([km]?);", NGINX_CONFIG.read_text(), re.M)
    assert match is not None
    units = {"": 1, "k": 1024, "m": 1024 * 1024}
    nginx_limit = int(match.group(1)) * units[match.group(2)]

    assert nginx_limit >= MAX_UPLOAD_REQUEST_BYTES > MAX_UPLOAD_BYTES
