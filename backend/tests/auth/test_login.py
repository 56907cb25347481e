import time
import uuid

import jwt
import pytest
from sqlalchemy import select

from hospital_crm.audit.models import AuditEvent
from hospital_crm.auth.models import AuthSession
from hospital_crm.core.permissions import Role
from tests.conftest import PASSWORD


async def test_login_returns_tokens_and_user(client, make_user):
    user = await make_user(role=Role.coordinator)

    response = await client.post(
        "/api/v1/auth/login", json={"email": user.email.upper(), "password": PASSWORD}
    )

    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == 15 * 60
    assert body["refresh_token"]
    assert body["user"]["email"] == user.email
    assert response.headers["cache-control"] == "no-store"
    me = await client.get(
        "/api/v1/users/me", headers={"Authorization": f"Bearer {body['access_token']}"}
    )
    assert me.json()["id"] == str(user.id)


async def test_login_wrong_password(client, make_user, session):
    user = await make_user()

    response = await client.post(
        "/api/v1/auth/login", json={"email": user.email, "password": "wrong-password-123"}
    )

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_credentials"
    events = (await session.scalars(select(AuditEvent).where(AuditEvent.action == "login"))).all()
    assert [event.outcome.value for event in events] == ["denied"]


async def test_login_unknown_email_same_error(client):
    response = await client.post(
        "/api/v1/auth/login", json={"email": "nobody@example.com", "password": "whatever-123"}
    )

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_credentials"


async def test_login_inactive_user_rejected(client, make_user):
    user = await make_user(active=False)

    response = await client.post(
        "/api/v1/auth/login", json={"email": user.email, "password": PASSWORD}
    )

    assert response.status_code == 401


async def test_account_locks_after_ten_failures(client, make_user):
    user = await make_user()
    for _ in range(9):
        response = await client.post(
            "/api/v1/auth/login", json={"email": user.email, "password": "nope-nope-nope"}
        )
        assert response.status_code == 401

    tenth = await client.post(
        "/api/v1/auth/login", json={"email": user.email, "password": "nope-nope-nope"}
    )
    with_right_password = await client.post(
        "/api/v1/auth/login", json={"email": user.email, "password": PASSWORD}
    )

    assert tenth.status_code == 423
    assert tenth.json()["error"]["code"] == "account_locked"
    assert with_right_password.status_code == 423
    assert "locked_until" in with_right_password.json()["error"]


async def test_failed_logins_limited_per_ip(client, settings, make_user):
    settings.login_ip_max_failures = 5
    users = [await make_user() for _ in range(6)]
    for user in users[:5]:
        await client.post(
            "/api/v1/auth/login", json={"email": user.email, "password": "bad-password-1"}
        )

    response = await client.post(
        "/api/v1/auth/login", json={"email": users[5].email, "password": PASSWORD}
    )

    assert response.status_code == 429
    assert response.json()["error"]["code"] == "too_many_attempts"


async def test_browser_login_sets_http_only_cookie(client, make_user):
    user = await make_user()

    response = await client.post(
        "/api/v1/auth/login",
        json={"email": user.email, "password": PASSWORD, "session_cookie": True},
    )

    assert "refresh_token" not in response.json()
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("hospital_crm_refresh=")
    assert "HttpOnly" in cookie
    assert "Secure" in cookie
    assert "SameSite=strict" in cookie
    assert "Path=/api/v1/auth" in cookie


async def test_refresh_rotates_token(client, make_user):
    user = await make_user()
    first = (
        await client.post("/api/v1/auth/login", json={"email": user.email, "password": PASSWORD})
    ).json()

    second = await client.post(
        "/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]}
    )

    assert second.status_code == 200
    assert second.json()["refresh_token"] != first["refresh_token"]


async def test_refresh_token_reuse_revokes_family(client, make_user, session):
    user = await make_user()
    first = (
        await client.post("/api/v1/auth/login", json={"email": user.email, "password": PASSWORD})
    ).json()
    second = (
        await client.post("/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]})
    ).json()

    reuse = await client.post(
        "/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]}
    )
    newest = await client.post(
        "/api/v1/auth/refresh", json={"refresh_token": second["refresh_token"]}
    )
    access = await client.get(
        "/api/v1/users/me", headers={"Authorization": f"Bearer {second['access_token']}"}
    )

    assert reuse.status_code == 401
    assert newest.status_code == 401
    assert access.status_code == 401
    revoked = await session.scalar(select(AuthSession).where(AuthSession.user_id == user.id))
    assert revoked.revoked_reason == "refresh_token_reuse"


async def test_refresh_from_cookie(client, make_user):
    user = await make_user()
    await client.post(
        "/api/v1/auth/login",
        json={"email": user.email, "password": PASSWORD, "session_cookie": True},
    )

    response = await client.post("/api/v1/auth/refresh")

    assert response.status_code == 200
    assert "refresh_token" not in response.json()
    assert response.headers["set-cookie"].startswith("hospital_crm_refresh=")


async def test_logout_revokes_session(client, make_user):
    user = await make_user()
    tokens = (
        await client.post("/api/v1/auth/login", json={"email": user.email, "password": PASSWORD})
    ).json()
    headers = {"Authorization": f"Bearer {tokens['access_token']}"}

    logout = await client.post("/api/v1/auth/logout", headers=headers)
    after = await client.get("/api/v1/users/me", headers=headers)
    refresh = await client.post(
        "/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]}
    )

    assert logout.status_code == 204
    assert after.status_code == 401
    assert refresh.status_code == 401


async def test_idle_session_expires(client, make_user, session):
    user = await make_user()
    tokens = (
        await client.post("/api/v1/auth/login", json={"email": user.email, "password": PASSWORD})
    ).json()
    auth_session = await session.scalar(select(AuthSession).where(AuthSession.user_id == user.id))
    auth_session.last_seen_at = auth_session.last_seen_at.replace(year=2020)
    await session.commit()

    response = await client.post(
        "/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]}
    )

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "session_expired"


@pytest.mark.parametrize("case", ["expired", "forged", "alg_none", "refresh_as_access", "garbage"])
async def test_bad_access_tokens_rejected(client, settings, make_user, case):
    user = await make_user()
    tokens = (
        await client.post("/api/v1/auth/login", json={"email": user.email, "password": PASSWORD})
    ).json()
    claims = jwt.decode(tokens["access_token"], options={"verify_signature": False})
    if case == "expired":
        claims["exp"] = int(time.time()) - 10
        token = jwt.encode(claims, settings.jwt_secret, algorithm="HS256")
    elif case == "forged":
        claims["role"] = "admin"
        token = jwt.encode(claims, "an-attacker-guessed-secret-" + "x" * 20, algorithm="HS256")
    elif case == "alg_none":
        token = jwt.encode(claims, None, algorithm="none")
    elif case == "refresh_as_access":
        token = tokens["refresh_token"]
    else:
        token = "not.a.jwt"

    response = await client.get("/api/v1/users/me", headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_token"


async def test_missing_token_rejected(client):
    response = await client.get("/api/v1/patients")

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


async def test_token_for_unknown_session_rejected(client, settings, make_user):
    user = await make_user()
    tokens = (
        await client.post("/api/v1/auth/login", json={"email": user.email, "password": PASSWORD})
    ).json()
    claims = jwt.decode(tokens["access_token"], options={"verify_signature": False})
    claims["sid"] = str(uuid.uuid4())
    token = jwt.encode(claims, settings.jwt_secret, algorithm="HS256")

    response = await client.get("/api/v1/users/me", headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "session_expired"


async def test_one_time_password_must_be_changed(client, make_user, session):
    user = await make_user()
    user.must_change_password = True
    session.add(await session.merge(user))
    await session.commit()
    tokens = (
        await client.post("/api/v1/auth/login", json={"email": user.email, "password": PASSWORD})
    ).json()
    headers = {"Authorization": f"Bearer {tokens['access_token']}"}

    blocked = await client.get("/api/v1/patients", headers=headers)
    me = await client.get("/api/v1/users/me", headers=headers)
    changed = await client.post(
        "/api/v1/users/me/password",
        headers=headers,
        json={"current_password": PASSWORD, "new_password": "a-brand-new-passphrase-2026"},
    )
    allowed = await client.get("/api/v1/patients", headers=headers)

    assert blocked.status_code == 403
    assert blocked.json()["error"]["code"] == "password_change_required"
    assert me.json()["must_change_password"] is True
    assert changed.status_code == 204
    assert allowed.status_code == 200


async def test_unknown_email_locks_like_an_account(client):
    statuses = []
    for _ in range(11):
        response = await client.post(
            "/api/v1/auth/login", json={"email": "ghost@example.com", "password": "nope-nope-nope"}
        )
        statuses.append(response.status_code)

    assert statuses[:9] == [401] * 9
    assert statuses[9:] == [423, 423]


async def test_new_password_rejects_email_and_reuse(client, make_user):
    user = await make_user()
    tokens = (
        await client.post("/api/v1/auth/login", json={"email": user.email, "password": PASSWORD})
    ).json()
    headers = {"Authorization": f"Bearer {tokens['access_token']}"}
    local_part = user.email.split("@")[0]

    with_email = await client.post(
        "/api/v1/users/me/password",
        headers=headers,
        json={"current_password": PASSWORD, "new_password": f"{local_part}-Harbour-Lantern-9"},
    )
    same = await client.post(
        "/api/v1/users/me/password",
        headers=headers,
        json={"current_password": PASSWORD, "new_password": PASSWORD},
    )

    assert with_email.status_code == 422
    assert with_email.json()["error"]["fields"][0]["code"] == "password_contains_email"
    assert same.status_code == 422
    assert same.json()["error"]["fields"][0]["code"] == "password_unchanged"
