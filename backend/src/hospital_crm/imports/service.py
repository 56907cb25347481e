"""Import batches, their row outcomes, rejected-row downloads and saved mappings."""

import csv
import datetime as dt
import io
import re
import uuid
from collections.abc import AsyncIterator, Collection, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any, BinaryIO

import structlog
from sqlalchemy import and_, delete, or_, select, update
from starlette.concurrency import run_in_threadpool

from hospital_crm.core.config import Settings
from hospital_crm.core.context import Principal
from hospital_crm.core.db import AsyncReadSession, AsyncSession, Database
from hospital_crm.core.errors import Conflict, NotFound, ValidationFailed
from hospital_crm.core.models import utc_now
from hospital_crm.core.pagination import Page, PageParams, paginate
from hospital_crm.core.permissions import Role
from hospital_crm.imports.mapping import REJECT_REASON_HEADER, MappingError, parse_explicit_mapping
from hospital_crm.imports.models import (
    STALE_RUNNING_AFTER,
    BatchStatus,
    ImportBatch,
    ImportBatchRow,
    ImportMapping,
    RowOutcome,
)
from hospital_crm.imports.schemas import BatchRowOut
from hospital_crm.imports.values import neutralize
from hospital_crm.patients import service as patient_service
from hospital_crm.patients.models import Patient
from hospital_crm.patients.schemas import PatientName

logger = structlog.get_logger(__name__)

# Uploads larger than this are rejected before they are stored (a 100,000-row sheet
# with twenty columns is about 20 MB as CSV).
MAX_UPLOAD_BYTES = 200 * 1024 * 1024
# The whole multipart request may be larger than the file by its boundaries, part
# headers and form fields. frontend/nginx.conf sets client_max_body_size to this size.
MAX_UPLOAD_REQUEST_BYTES = MAX_UPLOAD_BYTES + 1024 * 1024
_UNSAFE_NAME = re.compile(r"[^\w.\-]+")
# Batches whose upload waits for a preview, a commit or a resume.
UNFINISHED_STATUSES = (BatchStatus.uploaded, BatchStatus.previewed, BatchStatus.failed)


class ImportBatchNotFound(NotFound):
    code = "import_batch_not_found"
    message = "The import batch does not exist."


class ImportMappingNotFound(NotFound):
    code = "import_mapping_not_found"
    message = "No saved mapping has that name."


class ImportUploadMissing(Conflict):
    code = "import_upload_missing"
    message = "The batch's uploaded file was deleted after a long time unused; upload it again."


class UploadTooLarge(ValidationFailed):
    code = "upload_too_large"
    message = f"The file is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB."


def upload_directory(settings: Settings) -> Path:
    directory = settings.data_dir / "imports"
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def store_upload(settings: Settings, file_name: str, stream: BinaryIO) -> Path:
    """Copy an uploaded file under DATA_DIR/imports, where it waits for preview and commit.

    The file is deleted when its import completes (discard_upload), or when its batch
    is left unfinished for IMPORT_UPLOAD_RETENTION_HOURS (delete_abandoned_uploads).
    """
    safe_name = _UNSAFE_NAME.sub("_", Path(file_name).name)[-100:] or "upload"
    path = upload_directory(settings) / f"{uuid.uuid4().hex}-{safe_name}"
    written = 0
    with path.open("wb") as target:
        for block in iter(lambda: stream.read(1024 * 1024), b""):
            written += len(block)
            if written > MAX_UPLOAD_BYTES:
                target.close()
                path.unlink(missing_ok=True)
                raise UploadTooLarge()
            target.write(block)
    return path


async def discard_upload(database: Database, batch_id: uuid.UUID) -> None:
    """Delete a completed batch's uploaded file: it holds patient data nobody needs any more."""
    async with database.sessionmaker() as session:
        batch = await session.get(ImportBatch, batch_id)
        if batch is None or not batch.stored_path:
            return
        await run_in_threadpool(Path(batch.stored_path).unlink, missing_ok=True)
        batch.stored_path = None
        await session.commit()


async def delete_abandoned_uploads(
    database: Database, settings: Settings, *, now: dt.datetime | None = None
) -> int:
    """Delete the uploads of unfinished batches untouched for the retention time.

    A batch that was uploaded, previewed or failed and then left alone keeps patient
    data on disk that may never be imported. Its file is deleted and its stored_path
    cleared, so a later preview, commit or resume requires a new upload. Files under
    DATA_DIR/imports that no batch names (left by a crash between storing an upload
    and recording its batch) are deleted after the same time. Returns the number of
    files deleted.
    """
    cutoff = (now or utc_now()) - dt.timedelta(hours=settings.import_upload_retention_hours)
    abandoned = (
        ImportBatch.status.in_(UNFINISHED_STATUSES),
        ImportBatch.stored_path.is_not(None),
        ImportBatch.updated_at < cutoff,
    )
    async with database.sessionmaker() as session:
        rows = await session.execute(
            select(ImportBatch.id, ImportBatch.stored_path).where(*abandoned)
        )
        candidates = {batch_id: stored_path for batch_id, stored_path in rows}
        # The conditions are checked again, so a batch claimed in the meantime keeps its file.
        cleared = set(
            (
                await session.scalars(
                    update(ImportBatch)
                    .where(ImportBatch.id.in_(candidates), *abandoned)
                    .values(stored_path=None)
                    .returning(ImportBatch.id)
                )
            ).all()
        )
        referenced = set(
            (
                await session.scalars(
                    select(ImportBatch.stored_path).where(ImportBatch.stored_path.is_not(None))
                )
            ).all()
        )
        await session.commit()

    expired = {candidates[batch_id] for batch_id in cleared}
    directory = upload_directory(settings)
    deleted = await run_in_threadpool(_delete_files, directory, expired, referenced, cutoff)
    if deleted:
        logger.info("import.uploads_deleted", files=deleted, batches=len(cleared))
    return deleted


def _delete_files(
    directory: Path,
    expired: Collection[str | None],
    referenced: Collection[str],
    cutoff: dt.datetime,
) -> int:
    deleted = 0
    for path in directory.iterdir():
        if not path.is_file():
            continue
        is_expired = str(path) in expired
        is_orphan = str(path) not in referenced and path.stat().st_mtime < cutoff.timestamp()
        if is_expired or is_orphan:
            path.unlink(missing_ok=True)
            deleted += 1
    return deleted


async def claim_batch(
    database: Database,
    batch_id: uuid.UUID,
    allowed: Collection[BatchStatus],
    *,
    stale_running: bool = False,
) -> bool:
    """Mark the batch running if its status is one of `allowed`, and return whether it was.

    With `stale_running`, a running batch without progress for STALE_RUNNING_AFTER is
    claimed too: its server process stopped. The check and the change are one UPDATE,
    so of two requests that start the same batch at the same moment exactly one claims it.
    """
    status_ok = ImportBatch.status.in_(allowed)
    if stale_running:
        status_ok = or_(
            status_ok,
            and_(
                ImportBatch.status == BatchStatus.running,
                ImportBatch.updated_at < utc_now() - STALE_RUNNING_AFTER,
            ),
        )
    async with database.sessionmaker() as session:
        claimed = await session.scalar(
            update(ImportBatch)
            .where(
                ImportBatch.id == batch_id,
                status_ok,
                ImportBatch.stored_path.is_not(None),
            )
            .values(
                status=BatchStatus.running,
                error_code=None,
                error_message=None,
                updated_at=utc_now(),
            )
            .returning(ImportBatch.id)
        )
        await session.commit()
    return claimed is not None


async def fail_claimed_batch(database: Database, batch_id: uuid.UUID, error: Exception) -> None:
    """Mark a claimed batch failed when its import stopped before the runner recorded it."""
    code = getattr(error, "code", None) or type(error).__name__
    async with database.sessionmaker() as session:
        await session.execute(
            update(ImportBatch)
            .where(ImportBatch.id == batch_id, ImportBatch.status == BatchStatus.running)
            .values(
                status=BatchStatus.failed,
                error_code=str(code)[:60],
                error_message=str(error)[:2000],
                updated_at=utc_now(),
            )
        )
        await session.commit()


def _visible_batches(principal: Principal) -> Any:
    query = select(ImportBatch)
    if principal.role is not Role.admin and not principal.is_system:
        query = query.where(ImportBatch.created_by_id == principal.user_id)
    return query


async def get_batch(
    session: AsyncReadSession, principal: Principal, batch_id: uuid.UUID
) -> ImportBatch:
    """Return a batch its creator (or an admin) may see, or raise ImportBatchNotFound."""
    batch = await session.scalar(_visible_batches(principal).where(ImportBatch.id == batch_id))
    if batch is None:
        raise ImportBatchNotFound()
    return batch


async def list_batches(
    session: AsyncReadSession, principal: Principal, page: PageParams
) -> Page[ImportBatch]:
    return await paginate(
        session, _visible_batches(principal), page, default_order=ImportBatch.created_at.desc()
    )


async def list_rows(
    session: AsyncReadSession,
    batch: ImportBatch,
    page: PageParams,
    *,
    outcome: RowOutcome | None = None,
) -> Page[ImportBatchRow]:
    query = select(ImportBatchRow).where(ImportBatchRow.batch_id == batch.id)
    if outcome is not None:
        query = query.where(ImportBatchRow.outcome == outcome)
    return await paginate(session, query, page, default_order=ImportBatchRow.row_number)


async def list_rows_with_patients(
    session: AsyncReadSession,
    principal: Principal,
    batch: ImportBatch,
    page: PageParams,
    *,
    outcome: RowOutcome | None = None,
) -> Page[BatchRowOut]:
    """List a page of rows with the name of each row's patient, in one query per page."""
    rows = await list_rows(session, batch, page, outcome=outcome)

    patient_ids = {row.patient_id for row in rows.items if row.patient_id is not None}
    names: dict[uuid.UUID, PatientName] = {}
    if patient_ids:
        query = select(
            Patient.id, Patient.family_name, Patient.given_name, Patient.name_latin
        ).where(Patient.id.in_(patient_ids), patient_service.visible_patients(principal))
        for patient_id, family_name, given_name, name_latin in await session.execute(query):
            names[patient_id] = PatientName(
                family_name=family_name, given_name=given_name, name_latin=name_latin
            )

    items = [
        BatchRowOut.model_validate(row).model_copy(
            update={"patient_name": names.get(row.patient_id) if row.patient_id else None}
        )
        for row in rows.items
    ]
    return replace(rows, items=items)


def reason_text(row_number: int, errors: list[dict[str, str]]) -> str:
    """Reasons for one rejected row, Japanese first, then English, naming the sheet row."""
    japanese = "；".join(error["message_ja"] for error in errors)
    english = "; ".join(error["message_en"] for error in errors)
    return f"{row_number}行目: {japanese} / Row {row_number}: {english}"


async def rejected_rows_csv(session: AsyncReadSession, batch: ImportBatch) -> AsyncIterator[bytes]:
    """Stream the rejected rows as UTF-8 CSV with BOM: the original columns plus a reason.

    The reason column's header is ignored by the importer, so the file can be fixed
    in Excel and imported again as it is. Cells get the exports' formula guard, which
    the importer removes again.
    """
    headers = list(batch.options.get("headers") or [])
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([*headers, REJECT_REASON_HEADER])
    yield "\ufeff".encode() + buffer.getvalue().encode()

    async for rows in _row_pages(session, batch, ImportBatchRow.outcome == RowOutcome.rejected):
        buffer.seek(0)
        buffer.truncate()
        for row in rows:
            cells = ["" if cell is None else neutralize(cell) for cell in row.cells]
            cells += [""] * (len(headers) - len(cells))
            writer.writerow([*cells, reason_text(row.row_number, row.errors)])
        yield buffer.getvalue().encode()


# Duplicate rules in the words of the report and the CLI (Japanese, English).
DUPLICATE_RULE_LABELS = {
    "passport": ("パスポート番号", "passport number"),
    "email": ("メールアドレス", "email address"),
    "phone": ("電話番号", "phone"),
    "name_dob": ("氏名と生年月日", "name and date of birth"),
}
REPORT_HEADERS = [
    "行 / Row",
    "結果 / Outcome",
    "患者ID / Patient ID",
    "一致 / Matched on",
    "理由 / Reason",
]


def duplicate_text(
    row_number: int, patient_id: uuid.UUID | None, reasons: list[str], duplicate_row: int | None
) -> str:
    """Describe a duplicate row, Japanese first, then English, naming the matched patient."""
    japanese_rules = "・".join(DUPLICATE_RULE_LABELS.get(r, (r, r))[0] for r in reasons)
    english_rules = ", ".join(DUPLICATE_RULE_LABELS.get(r, (r, r))[1] for r in reasons)
    if patient_id is not None:
        target_ja, target_en = f"患者 {patient_id}", f"patient {patient_id}"
    elif duplicate_row is not None:
        target_ja, target_en = (
            f"このファイルの{duplicate_row}行目",
            f"row {duplicate_row} of this file",
        )
    else:
        # A dry run's duplicate of a row it would create, read back from the database.
        target_ja, target_en = "このファイルの先の行", "an earlier row of this file"
    return (
        f"{row_number}行目: {target_ja}と{japanese_rules}が一致 / "
        f"Row {row_number}: same {english_rules} as {target_en}"
    )


async def outcome_report_csv(session: AsyncReadSession, batch: ImportBatch) -> AsyncIterator[bytes]:
    """Stream every row that was not created, as UTF-8 CSV with BOM, in sheet order.

    Each line names the outcome, the matched patient and rules of a duplicate, or the
    reasons of a rejection. Rejected rows with their original cells, ready to fix and
    import again, are in rejected_rows_csv instead.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(REPORT_HEADERS)
    yield "\ufeff".encode() + buffer.getvalue().encode()

    async for rows in _row_pages(session, batch, ImportBatchRow.outcome != RowOutcome.created):
        buffer.seek(0)
        buffer.truncate()
        for row in rows:
            if row.outcome is RowOutcome.rejected:
                reason = reason_text(row.row_number, row.errors)
            else:
                reason = duplicate_text(row.row_number, row.patient_id, row.duplicate_reasons, None)
            matched = ", ".join(row.duplicate_reasons)
            patient = str(row.patient_id) if row.patient_id else ""
            writer.writerow([row.row_number, row.outcome.value, patient, matched, reason])
        yield buffer.getvalue().encode()


async def _row_pages(
    session: AsyncReadSession, batch: ImportBatch, condition: Any
) -> AsyncIterator[list[ImportBatchRow]]:
    """Yield the batch's row outcomes that meet `condition`, 1,000 at a time in sheet order."""
    last_row = 0
    while True:
        rows = (
            await session.scalars(
                select(ImportBatchRow)
                .where(
                    ImportBatchRow.batch_id == batch.id,
                    condition,
                    ImportBatchRow.row_number > last_row,
                )
                .order_by(ImportBatchRow.row_number)
                .limit(1000)
            )
        ).all()
        if not rows:
            return
        yield list(rows)
        last_row = rows[-1].row_number


async def list_mappings(session: AsyncReadSession, principal: Principal) -> list[ImportMapping]:
    return list(
        (
            await session.scalars(
                select(ImportMapping)
                .where(ImportMapping.user_id == principal.user_id)
                .order_by(ImportMapping.name)
            )
        ).all()
    )


async def get_mapping(session: AsyncReadSession, principal: Principal, name: str) -> ImportMapping:
    mapping = await session.scalar(
        select(ImportMapping).where(
            ImportMapping.user_id == principal.user_id, ImportMapping.name == name
        )
    )
    if mapping is None:
        raise ImportMappingNotFound()
    return mapping


async def save_mapping(
    session: AsyncSession, principal: Principal, name: str, mapping: Mapping[str, str | None]
) -> ImportMapping:
    """Create or replace the principal's mapping of that name after validating it."""
    try:
        parse_explicit_mapping(mapping)
    except MappingError as error:
        raise ValidationFailed.single(["body", "mapping"], "invalid_mapping", str(error)) from None
    existing = await session.scalar(
        select(ImportMapping).where(
            ImportMapping.user_id == principal.user_id, ImportMapping.name == name
        )
    )
    if existing is None:
        existing = ImportMapping(user_id=principal.user_id, name=name, mapping=dict(mapping))
        session.add(existing)
    else:
        existing.mapping = dict(mapping)
    await session.flush()
    return existing


async def delete_mapping(session: AsyncSession, principal: Principal, name: str) -> None:
    result = await session.execute(
        delete(ImportMapping).where(
            ImportMapping.user_id == principal.user_id, ImportMapping.name == name
        )
    )
    if not result.rowcount:
        raise ImportMappingNotFound()
