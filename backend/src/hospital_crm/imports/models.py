import uuid
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import Enum, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from hospital_crm.core.models import Base, IdMixin, TimestampMixin, utc_now


class BatchStatus(StrEnum):
    # Uploaded through the web wizard, waiting for a preview or a commit.
    uploaded = "uploaded"
    # Dry run finished: every row has an outcome but nothing was written.
    previewed = "previewed"
    running = "running"
    completed = "completed"
    # Stopped by an error; rows up to last_row_number are committed, the rest can be resumed.
    failed = "failed"


class RowOutcome(StrEnum):
    created = "created"
    updated = "updated"
    # A duplicate of an existing patient, left as it was (on_duplicate=skip).
    skipped = "skipped"
    rejected = "rejected"


class DuplicatePolicy(StrEnum):
    skip = "skip"
    update = "update"
    create = "create"


class ImportBatch(IdMixin, TimestampMixin, Base):
    """One import of one sheet, with its progress so a failed import can resume.

    Rows are committed in chunks, and each chunk's commit also stores last_row_number
    and the counts. After a crash, everything up to last_row_number is in the
    database and nothing after it is.
    """

    __tablename__ = "import_batches"
    __table_args__ = (Index("ix_import_batches_file_sha256", "file_sha256"),)

    created_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20), default="patients")
    file_name: Mapped[str] = mapped_column(String(500))
    file_sha256: Mapped[str] = mapped_column(String(64))
    file_size: Mapped[int] = mapped_column(Integer)
    # Where an uploaded file waits between preview and commit (under DATA_DIR).
    stored_path: Mapped[str | None] = mapped_column(Text)
    format: Mapped[str] = mapped_column(String(10))
    encoding: Mapped[str | None] = mapped_column(String(20))
    sheet_name: Mapped[str | None] = mapped_column(String(200))
    # The options the rows were imported with: mapping, on_duplicate, create_cases, chunk_size.
    options: Mapped[dict] = mapped_column(default=dict)
    status: Mapped[BatchStatus] = mapped_column(
        Enum(BatchStatus, native_enum=False, length=20), default=BatchStatus.uploaded
    )
    dry_run: Mapped[bool] = mapped_column(default=False)
    header_row: Mapped[int | None]
    # Sheet row (1-based, as Excel numbers it) of the last row whose outcome is committed.
    last_row_number: Mapped[int] = mapped_column(default=0)
    processed_rows: Mapped[int] = mapped_column(default=0)
    # Data rows in the file, counted before the import starts so progress can be shown.
    total_rows: Mapped[int | None]
    created_count: Mapped[int] = mapped_column(default=0)
    updated_count: Mapped[int] = mapped_column(default=0)
    skipped_count: Mapped[int] = mapped_column(default=0)
    rejected_count: Mapped[int] = mapped_column(default=0)
    cases_created_count: Mapped[int] = mapped_column(default=0)
    error_code: Mapped[str | None] = mapped_column(String(60))
    error_message: Mapped[str | None] = mapped_column(Text)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]


# A running batch whose progress has not moved for this long is taken to be abandoned
# (its process died), so it may be resumed.
STALE_RUNNING_AFTER = timedelta(minutes=5)


def is_resumable(
    status: BatchStatus, dry_run: bool, updated_at: datetime, now: datetime | None = None
) -> bool:
    """Tell whether a real import can continue: it failed, or its runner stopped reporting."""
    if dry_run:
        return False
    if status is BatchStatus.failed:
        return True
    stale = (now or utc_now()) - updated_at >= STALE_RUNNING_AFTER
    return status is BatchStatus.running and stale


class ImportBatchRow(Base):
    """The outcome of one data row of a batch, committed in the same chunk as the row.

    A preview (dry run) lists every data row. A real import lists the rows that were
    not created, because a created patient's "imported" timeline entry already names
    the batch and the row. Rejected rows keep their original cells and reasons so they
    can be downloaded, fixed and imported again.
    """

    __tablename__ = "import_batch_rows"

    batch_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("import_batches.id", ondelete="CASCADE"), primary_key=True
    )
    row_number: Mapped[int] = mapped_column(Integer, primary_key=True)
    outcome: Mapped[RowOutcome] = mapped_column(Enum(RowOutcome, native_enum=False, length=20))
    # No foreign key: a dry run names patients without writing them, and a later
    # merge must not be blocked by an import record.
    patient_id: Mapped[uuid.UUID | None]
    duplicate_reasons: Mapped[list] = mapped_column(default=list)
    errors: Mapped[list] = mapped_column(default=list)
    cells: Mapped[list] = mapped_column(default=list)


class ImportMapping(IdMixin, TimestampMixin, Base):
    """A column mapping a user saved under a name, to reuse for sheets of the same layout."""

    __tablename__ = "import_mappings"
    __table_args__ = (UniqueConstraint("user_id", "name", name="uq_import_mappings_user_id_name"),)

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    # {"header text": "field" | null}, the same shape as a mapping file.
    mapping: Mapped[dict] = mapped_column(default=dict)
