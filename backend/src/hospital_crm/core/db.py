"""Database engines and sessions.

Two session types keep the read replica safe to use: functions that only read
take `AsyncReadSession`, functions that write take `AsyncSession`. A write session
is also a read session, so a caller holding one can pass it anywhere.
"""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.ext.asyncio import AsyncSession as _SQLAlchemyAsyncSession
from sqlalchemy.pool import NullPool

from hospital_crm.core.config import Settings


class AsyncReadSession(_SQLAlchemyAsyncSession):
    """A session that may be bound to the read replica: never write through it."""


class AsyncSession(AsyncReadSession):
    """A session bound to the primary database."""


def _configure_sqlite(engine: AsyncEngine, *, immediate: bool) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # The driver's own transaction handling is turned off so that BEGIN below is ours.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Any) -> None:
        # Writers take the database lock at BEGIN, so two writers never read the same
        # audit-chain tail and then both append after it.
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def create_engine(url: str, settings: Settings, *, read_only: bool = False) -> AsyncEngine:
    if url.startswith("sqlite"):
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        if not settings.sqlite_path.exists():
            # Patient data: readable by the service account only, like secrets.json.
            settings.sqlite_path.touch(mode=0o600)
        engine = create_async_engine(url, poolclass=NullPool if ":memory:" in url else None)
        _configure_sqlite(engine, immediate=not read_only)
        return engine
    return create_async_engine(
        url,
        pool_size=settings.database_pool_size,
        max_overflow=settings.database_pool_size,
        pool_pre_ping=True,
        pool_recycle=1800,
        connect_args={
            "server_settings": {
                "application_name": "hospital-crm",
                "timezone": "UTC",
                # asyncpg prepares every statement, and after five runs PostgreSQL may keep a
                # generic plan. A search for "wang" and one for an email share the SQL text, so
                # the email would inherit the plan of a broad search: a scan of every patient.
                "plan_cache_mode": "force_custom_plan",
            }
        },
    )


@dataclass
class Database:
    """The primary engine and, when configured, the read replica's engine."""

    engine: AsyncEngine
    read_engine: AsyncEngine
    sessionmaker: async_sessionmaker[AsyncSession]
    read_sessionmaker: async_sessionmaker[AsyncReadSession]

    async def dispose(self) -> None:
        await self.engine.dispose()
        if self.read_engine is not self.engine:
            await self.read_engine.dispose()


def create_database(settings: Settings) -> Database:
    engine = create_engine(settings.async_database_url, settings)
    read_url = settings.async_read_database_url
    if read_url:
        read_engine = create_engine(read_url, settings, read_only=True)
    elif settings.uses_sqlite:
        read_engine = create_engine(settings.async_database_url, settings, read_only=True)
    else:
        read_engine = engine
    return Database(
        engine=engine,
        read_engine=read_engine,
        sessionmaker=async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False),
        read_sessionmaker=async_sessionmaker(
            read_engine, class_=AsyncReadSession, expire_on_commit=False
        ),
    )


async def refresh_sqlite_statistics(database: Database) -> None:
    """Run ANALYZE: without statistics SQLite drives the patient search by an index that
    matches every live patient (docs/benchmarks.md has the measurements)."""
    async with database.engine.begin() as connection:
        await connection.exec_driver_sql("ANALYZE")
