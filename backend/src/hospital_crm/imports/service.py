"""Import batches, their row outcomes, rejected-row downloads and saved mappings."""

import csv
import io
import re
import uuid
from collections.abc import AsyncIterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import delete, select
from starlette.concurrency import run_in_threadpool

from hospital_crm.core.config import Settings
from hospital_crm.core.context import Principal
from hospital_crm.core.db import AsyncReadSession, AsyncSession, Database
from hospital_crm.core.errors import NotFound, ValidationFailed
from hospital_crm.core.pagination import Page, PageParams, paginate
from hospital_crm.core.permissions import Role
from hospital_crm.imports.mapping import REJECT_REASON_HEADER, MappingError, parse_explicit_mapping
from hospital_crm.imports.models import ImportBatch, ImportBatchRow, ImportMapping, RowOutcome

# Uploads larger than this are rejected before they are stored (a 100,000-row sheet
# with twenty columns is about 20 MB as CSV).
MAX_UPLOAD_BYTES = 200 * 1024 * 1024
_UNSAFE_NAME = re.compile(r"[^\w.\-]+")


class ImportBatchNotFound(NotFound):
    code = "import_batch_not_found"
    message = "The import batch does not exist."


class ImportMappingNotFound(NotFound):
    code = "import_mapping_not_found"
    message = "No saved mapping has that name."


class UploadTooLarge(ValidationFailed):
    code = "upload_too_large"
    message = f"The file is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB."


def upload_directory(settings: Settings) -> Path:
    directory = settings.data_dir / "imports"
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def store_upload(settings: Settings, file_name: str, stream: BinaryIO) -> Path:
    """Copy an uploaded file under DATA_DIR/imports, where it waits for preview and commit.

    The file is deleted when its import completes (discard_upload).
    """
    # TODO: delete the uploads of batches that were previewed or failed and then
    # abandoned; they stay under DATA_DIR/imports until someone commits or resumes them.
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


def reason_text(row_number: int, errors: list[dict[str, str]]) -> str:
    """Reasons for one rejected row, Japanese first, then English, naming the sheet row."""
    japanese = "；".join(error["message_ja"] for error in errors)
    english = "; ".join(error["message_en"] for error in errors)
    return f"{row_number}行目: {japanese} / Row {row_number}: {english}"


async def rejected_rows_csv(session: AsyncReadSession, batch: ImportBatch) -> AsyncIterator[bytes]:
    """Stream the rejected rows as UTF-8 CSV with BOM: the original columns plus a reason.

    The reason column's header is ignored by the importer, so the file can be fixed
    in Excel and imported again as it is.
    """
    headers = list(batch.options.get("headers") or [])
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([*headers, REJECT_REASON_HEADER])
    yield "\ufeff".encode() + buffer.getvalue().encode()

    last_row = 0
    while True:
        rows = (
            await session.scalars(
                select(ImportBatchRow)
                .where(
                    ImportBatchRow.batch_id == batch.id,
                    ImportBatchRow.outcome == RowOutcome.rejected,
                    ImportBatchRow.row_number > last_row,
                )
                .order_by(ImportBatchRow.row_number)
                .limit(1000)
            )
        ).all()
        if not rows:
            return
        buffer.seek(0)
        buffer.truncate()
        for row in rows:
            cells = ["" if cell is None else cell for cell in row.cells]
            cells += [""] * (len(headers) - len(cells))
            writer.writerow([*cells, reason_text(row.row_number, row.errors)])
            last_row = row.row_number
        yield buffer.getvalue().encode()


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
