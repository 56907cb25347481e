"""Cover search-term lookups and the case counts with indexes

Revision ID: 0003_search_indexes
Revises: 0002_imports
Create Date: 2026-12-04 21:10:00

Measured on 100,000 patients (docs/benchmarks.md): the search terms are read from
the index alone, and the stage and nationality count becomes a merge of two index scans.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_search_indexes"
down_revision: str | None = "0002_imports"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LIVE = sa.text("deleted_at IS NULL")


def upgrade() -> None:
    op.create_index(
        "ix_patient_search_terms_term_patient_id", "patient_search_terms", ["term", "patient_id"]
    )
    op.drop_index("ix_patient_search_terms_term", table_name="patient_search_terms")
    op.create_index(
        "ix_patients_live_nationality_id",
        "patients",
        ["nationality", "id"],
        postgresql_where=LIVE,
        sqlite_where=LIVE,
    )
    op.create_index(
        "ix_cases_live_stage_patient_id",
        "cases",
        ["stage", "patient_id"],
        postgresql_where=LIVE,
        sqlite_where=LIVE,
    )


def downgrade() -> None:
    op.drop_index("ix_cases_live_stage_patient_id", table_name="cases")
    op.drop_index("ix_patients_live_nationality_id", table_name="patients")
    op.create_index("ix_patient_search_terms_term", "patient_search_terms", ["term"])
    op.drop_index("ix_patient_search_terms_term_patient_id", table_name="patient_search_terms")
