"""Create the import batch, batch row and saved mapping tables

Revision ID: 0002_imports
Revises: 0001_initial
Create Date: 2026-12-04 20:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import hospital_crm.core.models

revision: str = "0002_imports"
down_revision: str | None = "0001_initial"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON_TYPE = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
TIMESTAMP = hospital_crm.core.models.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "import_batches",
        sa.Column("created_by_id", sa.Uuid(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("file_name", sa.String(length=500), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("file_size", sa.Integer(), nullable=False),
        sa.Column("stored_path", sa.Text(), nullable=True),
        sa.Column("format", sa.String(length=10), nullable=False),
        sa.Column("encoding", sa.String(length=20), nullable=True),
        sa.Column("sheet_name", sa.String(length=200), nullable=True),
        sa.Column("options", JSON_TYPE, nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "uploaded",
                "previewed",
                "running",
                "completed",
                "failed",
                name="batchstatus",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("dry_run", sa.Boolean(), nullable=False),
        sa.Column("header_row", sa.Integer(), nullable=True),
        sa.Column("last_row_number", sa.Integer(), nullable=False),
        sa.Column("processed_rows", sa.Integer(), nullable=False),
        sa.Column("total_rows", sa.Integer(), nullable=True),
        sa.Column("created_count", sa.Integer(), nullable=False),
        sa.Column("updated_count", sa.Integer(), nullable=False),
        sa.Column("skipped_count", sa.Integer(), nullable=False),
        sa.Column("rejected_count", sa.Integer(), nullable=False),
        sa.Column("cases_created_count", sa.Integer(), nullable=False),
        sa.Column("error_code", sa.String(length=60), nullable=True),
        sa.Column("error_message", sa.Text(), nullable=True),
        sa.Column("started_at", TIMESTAMP, nullable=True),
        sa.Column("finished_at", TIMESTAMP, nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("updated_at", TIMESTAMP, nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_import_batches_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_batches")),
    )
    with op.batch_alter_table("import_batches", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_import_batches_created_by_id"), ["created_by_id"], unique=False
        )
        batch_op.create_index("ix_import_batches_file_sha256", ["file_sha256"], unique=False)

    op.create_table(
        "import_batch_rows",
        sa.Column("batch_id", sa.Uuid(), nullable=False),
        sa.Column("row_number", sa.Integer(), nullable=False),
        sa.Column(
            "outcome",
            sa.Enum(
                "created",
                "updated",
                "skipped",
                "rejected",
                name="rowoutcome",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("patient_id", sa.Uuid(), nullable=True),
        sa.Column("duplicate_reasons", JSON_TYPE, nullable=False),
        sa.Column("errors", JSON_TYPE, nullable=False),
        sa.Column("cells", JSON_TYPE, nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["import_batches.id"],
            name=op.f("fk_import_batch_rows_batch_id_import_batches"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("batch_id", "row_number", name=op.f("pk_import_batch_rows")),
    )

    op.create_table(
        "import_mappings",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("mapping", JSON_TYPE, nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("updated_at", TIMESTAMP, nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_import_mappings_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_mappings")),
        sa.UniqueConstraint("user_id", "name", name="uq_import_mappings_user_id_name"),
    )


def downgrade() -> None:
    op.drop_table("import_mappings")
    op.drop_table("import_batch_rows")
    with op.batch_alter_table("import_batches", schema=None) as batch_op:
        batch_op.drop_index("ix_import_batches_file_sha256")
        batch_op.drop_index(batch_op.f("ix_import_batches_created_by_id"))
    op.drop_table("import_batches")
