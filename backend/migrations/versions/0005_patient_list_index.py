"""Index the live patients' ids with their creation time

Revision ID: 0005_patient_list_index
Revises: 0004_login_attempt_email
Create Date: 2026-12-04 22:40:00

A search's page takes the newest 50 of its matches. With this index PostgreSQL
checks that each match is live and sorts the matches without reading the wide
patient rows, and it counts them the same way (docs/benchmarks.md).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_patient_list_index"
down_revision: str | None = "0004_login_attempt_email"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LIVE = sa.text("deleted_at IS NULL AND merged_into_id IS NULL")


def upgrade() -> None:
    op.create_index(
        "ix_patients_live_id_created_at",
        "patients",
        ["id", "created_at"],
        postgresql_where=LIVE,
        sqlite_where=LIVE,
    )


def downgrade() -> None:
    op.drop_index("ix_patients_live_id_created_at", table_name="patients")
