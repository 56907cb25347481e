from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from hospital_crm.core.migrations import head_revision
from hospital_crm.models import Base


async def test_models_match_migrations(app):
    def differences(connection):  # type: ignore[no-untyped-def]
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return context.get_current_revision(), compare_metadata(context, Base.metadata)

    async with app.state.database.engine.connect() as connection:
        revision, diff = await connection.run_sync(differences)

    assert revision == head_revision()
    assert diff == []
