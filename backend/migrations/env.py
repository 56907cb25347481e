"""Alembic environment: runs migrations on the application's primary database."""

import asyncio

from alembic import context
from sqlalchemy.engine import Connection

from hospital_crm.core.config import get_settings
from hospital_crm.core.db import create_engine
from hospital_crm.models import Base

target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things in place; batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_online() -> None:
    settings = get_settings()
    engine = create_engine(settings.async_database_url, settings)
    async with engine.connect() as async_connection:
        await async_connection.run_sync(_run)
    await engine.dispose()


if context.is_offline_mode():
    raise SystemExit("Offline SQL generation is not supported; run `hospital-crm migrate`.")
# `hospital-crm migrate` passes its own connection; the `alembic` command opens one here.
connection = context.config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    asyncio.run(_run_online())
