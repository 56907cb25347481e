"""Alembic from Python: upgrade to head, and tell whether a database is up to date."""

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, make_url

from hospital_crm.core.config import ConfigurationError, Settings
from hospital_crm.core.db import create_engine

MIGRATIONS_DIR = Path(__file__).resolve().parents[3] / "migrations"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def upgrade_to_head(connection: Connection) -> None:
    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


async def migrate(settings: Settings) -> None:
    engine = create_engine(settings.async_database_url, settings)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(upgrade_to_head)
    finally:
        await engine.dispose()


async def current_revision(settings: Settings) -> str | None:
    engine = create_engine(settings.async_database_url, settings, read_only=True)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(
                lambda sync: MigrationContext.configure(sync).get_current_revision()
            )
    finally:
        await engine.dispose()


async def require_current(settings: Settings) -> None:
    """Raise ConfigurationError unless the database is at the code's migration head.

    Commands other than migrate and init call this first, so that one run with the
    wrong DATA_DIR reports where it looked instead of failing on a missing table.
    """
    current, head = await current_revision(settings), head_revision()
    if current == head:
        return
    location = (
        settings.sqlite_path
        if settings.uses_sqlite
        else make_url(settings.async_database_url).render_as_string(hide_password=True)
    )
    raise ConfigurationError(
        f"the database at {location} is not migrated (at {current or 'no revision'}, "
        f"code expects {head}). Run `hospital-crm init` or `hospital-crm migrate`, or set "
        "DATA_DIR or DATABASE_URL to the database you meant."
    )
