"""Fixtures: every test that uses `client` or `session` runs on SQLite and on PostgreSQL.

Each test gets a fresh, migrated database: a copy of a migrated SQLite file, or a
PostgreSQL database created from a migrated template. Tests therefore commit for
real, and the PostgreSQL run uses Redis for the cache.

Set TEST_DATABASES=sqlite (or postgresql) to run on one backend only.
"""

import asyncio
import base64
import itertools
import os
import shutil
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import httpx
import pytest
import redis as redis_sync
from argon2 import PasswordHasher

from hospital_crm.app import create_app
from hospital_crm.core import security
from hospital_crm.core.config import Settings
from hospital_crm.core.context import Principal
from hospital_crm.core.db import AsyncSession
from hospital_crm.core.migrations import migrate
from hospital_crm.core.permissions import Role
from hospital_crm.core.security import hash_password
from hospital_crm.users.models import User

POSTGRES_ADMIN_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
BACKENDS = [
    name for name in os.environ.get("TEST_DATABASES", "sqlite,postgresql").split(",") if name
]
ENCRYPTION_KEY = base64.b64encode(bytes(range(32))).decode()
PASSWORD = "correct-horse-battery-staple-42"

_counter = itertools.count()
_run_id = uuid.uuid4().hex[:8]


def _server_url(database: str) -> str:
    base, _, _ = POSTGRES_ADMIN_URL.rpartition("/")
    return f"{base}/{database}"


def pytest_sessionstart(session: pytest.Session) -> None:
    """Fail at once, with the fix, when PostgreSQL or Redis is not running."""
    if "postgresql" not in BACKENDS:
        return

    async def check_postgres() -> None:
        connection = await asyncpg.connect(POSTGRES_ADMIN_URL, timeout=5)
        await connection.close()

    try:
        asyncio.run(check_postgres())
    except (OSError, asyncpg.PostgresError) as error:
        raise pytest.UsageError(
            f"PostgreSQL is not reachable at {POSTGRES_ADMIN_URL} ({error}). Start it with: "
            "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"
        ) from error
    try:
        redis_sync.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis_sync.RedisError as error:
        raise pytest.UsageError(
            f"Redis is not reachable at {REDIS_URL} ({error}). Start it with: redis-server --daemonize yes "
            '--bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no'
        ) from error


@pytest.fixture(autouse=True, scope="session")
def fast_password_hashing() -> Iterator[None]:
    """Hash test passwords with argon2id at minimum cost; production keeps the library defaults.

    Each default hash takes about 0.1 s here, and the suite logs in hundreds of times.
    """
    original = security._hasher
    security._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    yield
    security._hasher = original


def make_settings(data_dir: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "app_env": "development",
        "data_dir": data_dir,
        "jwt_secret": "test-access-secret-" + "a" * 32,
        "jwt_refresh_secret": "test-refresh-secret-" + "b" * 32,
        "encryption_key": ENCRYPTION_KEY,
        "log_level": "INFO",
        "frontend_dist": data_dir / "no-frontend",
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


@dataclass
class TemplateDatabases:
    sqlite_file: Path | None = None
    postgres_name: str | None = None


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TemplateDatabases]:
    templates = TemplateDatabases()
    if "sqlite" in BACKENDS:
        directory = tmp_path_factory.mktemp("sqlite-template")
        asyncio.run(migrate(make_settings(directory)))
        templates.sqlite_file = make_settings(directory).sqlite_path
    if "postgresql" in BACKENDS:
        name = f"crm_template_{_run_id}"
        asyncio.run(_admin(f'CREATE DATABASE "{name}"'))
        asyncio.run(
            migrate(make_settings(tmp_path_factory.mktemp("pg"), database_url=_server_url(name)))
        )
        templates.postgres_name = name
    yield templates
    if templates.postgres_name:
        asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{templates.postgres_name}" WITH (FORCE)'))


async def _admin(statement: str) -> None:
    connection = await asyncpg.connect(POSTGRES_ADMIN_URL)
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
async def settings(
    backend: str, templates: TemplateDatabases, tmp_path: Path
) -> AsyncIterator[Settings]:
    if backend == "sqlite":
        assert templates.sqlite_file is not None
        test_settings = make_settings(tmp_path)
        shutil.copy(templates.sqlite_file, test_settings.sqlite_path)
        yield test_settings
        return

    name = f"crm_test_{_run_id}_{next(_counter)}"
    await _admin(f'CREATE DATABASE "{name}" TEMPLATE "{templates.postgres_name}"')
    try:
        yield make_settings(tmp_path, database_url=_server_url(name), redis_url=REDIS_URL)
    finally:
        await _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
async def app(settings: Settings) -> AsyncIterator[object]:
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def client(app: object) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app, client=("203.0.113.10", 50000))  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="https://testserver") as test_client:
        yield test_client


@pytest.fixture
async def session(app: object) -> AsyncIterator[AsyncSession]:
    async with app.state.database.sessionmaker() as db_session:  # type: ignore[attr-defined]
        yield db_session


@pytest.fixture
def cipher(app: object):  # type: ignore[no-untyped-def]
    return app.state.cipher  # type: ignore[attr-defined]


UserFactory = Callable[..., "asyncio.Future[User]"]


@pytest.fixture
def make_user(app: object) -> Callable[..., object]:
    """Create a user directly in the database; returns the committed User."""

    async def factory(
        *,
        role: Role = Role.coordinator,
        email: str | None = None,
        partner_id: uuid.UUID | None = None,
        password: str = PASSWORD,
        active: bool = True,
        name: str = "テスト ユーザー",
    ) -> User:
        role = Role(role)
        async with app.state.database.sessionmaker() as db_session:  # type: ignore[attr-defined]
            user = User(
                email=email or f"{role.value}-{uuid.uuid4().hex[:8]}@example.com",
                display_name=name,
                role=role,
                languages=["ja"],
                ui_language="ja",
                partner_id=partner_id,
                password_hash=hash_password(password),
                active=active,
            )
            db_session.add(user)
            await db_session.commit()
            return user

    return factory


@pytest.fixture
def login(client: httpx.AsyncClient) -> Callable[..., object]:
    """Log a user in and return the Authorization header for their access token."""

    async def do_login(user: User, password: str = PASSWORD) -> dict[str, str]:
        response = await client.post(
            "/api/v1/auth/login", json={"email": user.email, "password": password}
        )
        assert response.status_code == 200, response.text
        return {"Authorization": f"Bearer {response.json()['access_token']}"}

    return do_login


@pytest.fixture
def as_role(
    make_user: Callable[..., object], login: Callable[..., object]
) -> Callable[..., object]:
    """Create a user of a role and return their auth headers."""

    async def factory(role: Role = Role.coordinator, **kwargs: object) -> dict[str, str]:
        user = await make_user(role=role, **kwargs)  # type: ignore[operator]
        return await login(user)  # type: ignore[operator]

    return factory


def principal_of(user: User) -> Principal:
    return Principal(user_id=user.id, role=user.role, partner_id=user.partner_id)
