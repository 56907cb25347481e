"""Index failed logins by email address

Revision ID: 0004_login_attempt_email
Revises: 0003_search_indexes
Create Date: 2026-12-04 21:45:00

Failed logins for an unknown address are counted by address, so that such an
address locks like a real account would.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004_login_attempt_email"
down_revision: str | None = "0003_search_indexes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_login_attempts_email_attempted_at", "login_attempts", ["email", "attempted_at"]
    )


def downgrade() -> None:
    op.drop_index("ix_login_attempts_email_attempted_at", table_name="login_attempts")
