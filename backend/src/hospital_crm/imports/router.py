"""The import wizard's API: upload, preview (dry run), commit, progress, rejected rows."""

import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Annotated
from urllib.parse import quote

import structlog
from fastapi import APIRouter, BackgroundTasks, Depends, File, Form, Request, UploadFile, status
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from hospital_crm.core.context import Principal
from hospital_crm.core.deps import ReadSession, WriteSession, require
from hospital_crm.core.errors import Conflict, FieldError, ValidationFailed
from hospital_crm.core.pagination import PageOut, PageParams, page_params
from hospital_crm.core.permissions import Permission
from hospital_crm.imports import service
from hospital_crm.imports.mapping import MappingError
from hospital_crm.imports.models import BatchStatus, RowOutcome, is_resumable
from hospital_crm.imports.parsing import SheetError
from hospital_crm.imports.pipeline import (
    BatchInProgress,
    BatchNotResumable,
    ImportOptions,
    ImportRunner,
    SheetLayout,
    inspect_sheet,
)
from hospital_crm.imports.schemas import (
    FIELD_LABELS,
    BatchOut,
    BatchRowOut,
    ColumnOut,
    FieldOut,
    ImportOptionsIn,
    LayoutOut,
    MappingIn,
    MappingOut,
    UploadOut,
)

router = APIRouter(prefix="/imports", tags=["imports"])
logger = structlog.get_logger(__name__)

CanImport = Annotated[Principal, Depends(require(Permission.data_import))]


class UnreadableSheet(ValidationFailed):
    code = "unreadable_sheet"
    message = "The file cannot be read as a sheet."


class SheetCellTooLarge(ValidationFailed):
    code = "sheet_cell_too_large"
    message = "A cell of the file is too long to read."


class ImportBatchBusy(Conflict):
    code = "import_batch_busy"
    message = "The import batch is running or already completed."


def _layout_out(layout: SheetLayout) -> LayoutOut:
    return LayoutOut(
        format=layout.format,
        encoding=layout.encoding,
        delimiter=layout.delimiter,
        sheet_names=layout.sheet_names,
        sheet_name=layout.sheet_name,
        header_row=layout.header_row,
        title_rows=layout.title_rows,
        total_rows=layout.total_rows,
        columns=[
            ColumnOut(index=c.index, header=c.header, field=c.field, source=c.source)
            for c in layout.columns
        ],
    )


def _unreadable(error: Exception) -> UnreadableSheet | SheetCellTooLarge:
    code = getattr(error, "code", "invalid_mapping")
    fields = [FieldError(["body", "file"], code, str(error))]
    error_class = SheetCellTooLarge if code == "cell_too_large" else UnreadableSheet
    return error_class(str(error), fields=fields, row=getattr(error, "row", None))


@router.get("/fields", response_model=list[FieldOut])
async def list_fields(_principal: CanImport) -> object:
    """Fields a sheet column can be mapped to, with their labels."""
    return [
        FieldOut(field=field, label_ja=ja, label_en=en, label_zh=zh)
        for field, (ja, en, zh) in FIELD_LABELS.items()
    ]


@router.post("/uploads", response_model=UploadOut, status_code=status.HTTP_201_CREATED)
async def upload_sheet(
    request: Request,
    principal: CanImport,
    file: Annotated[UploadFile, File(description="CSV or XLSX sheet")],
    encoding: Annotated[str | None, Form(max_length=20)] = None,
    sheet: Annotated[str | None, Form(max_length=200)] = None,
) -> object:
    """Store a sheet and return its layout: header, columns and their automatic mapping."""
    settings = request.app.state.settings
    try:
        await service.delete_abandoned_uploads(request.app.state.database, settings)
    except OSError as error:
        # The new upload does not depend on the old ones being gone; the next upload retries.
        logger.warning("import.upload_cleanup_failed", error=str(error))
    path = await run_in_threadpool(service.store_upload, settings, file.filename or "", file.file)
    options = ImportOptions(encoding=encoding, sheet=sheet)
    try:
        layout = await run_in_threadpool(
            inspect_sheet, path, options, file_name=file.filename or path.name
        )
    except (SheetError, MappingError) as error:
        path.unlink(missing_ok=True)
        raise _unreadable(error) from None

    runner = ImportRunner(request.app.state.database, principal, settings)
    batch_id = await runner.create_batch(layout, options, stored_path=str(path))
    async with request.app.state.database.read_sessionmaker() as session:
        batch = await service.get_batch(session, principal, batch_id)
    return UploadOut(batch=BatchOut.model_validate(batch), layout=_layout_out(layout))


async def _import_in_background(
    request: Request,
    principal: Principal,
    batch_id: uuid.UUID,
    path: Path,
    options: ImportOptions,
    *,
    restart: bool,
) -> None:
    database = request.app.state.database
    runner = ImportRunner(database, principal, request.app.state.settings)
    try:
        summary = await runner.run(path, options, batch_id=batch_id, restart=restart)
        if summary.status is BatchStatus.completed:
            await service.discard_upload(database, batch_id)
    except (SheetError, MappingError, BatchNotResumable, BatchInProgress) as error:
        logger.warning("import.background_failed", batch_id=str(batch_id), error=str(error))
        # The runner marks the batch failed once it has started, and this call does before.
        await service.fail_claimed_batch(database, batch_id, error)
    except Exception as error:
        logger.exception("import.background_crashed", batch_id=str(batch_id))
        await service.fail_claimed_batch(database, batch_id, error)


async def _options(
    session: ReadSession, principal: Principal, data: ImportOptionsIn, *, dry_run: bool
) -> ImportOptions:
    mapping: dict[str, str | None] | None = None
    if data.mapping:
        mapping = {header: field.value if field else None for header, field in data.mapping.items()}
    elif data.mapping_name:
        mapping = (await service.get_mapping(session, principal, data.mapping_name)).mapping
    return ImportOptions(
        encoding=data.encoding,
        sheet=data.sheet,
        mapping=mapping,
        on_duplicate=data.on_duplicate,
        create_cases=data.create_cases,
        dry_run=dry_run,
    )


async def _start(
    request: Request,
    background: BackgroundTasks,
    session: ReadSession,
    principal: Principal,
    batch_id: uuid.UUID,
    data: ImportOptionsIn | None,
    *,
    dry_run: bool,
    allowed: set[BatchStatus],
) -> BatchOut:
    batch = await service.get_batch(session, principal, batch_id)
    resuming = BatchStatus.failed in allowed
    stale = resuming and is_resumable(batch.status, batch.dry_run, batch.updated_at)
    if batch.status not in allowed and not stale:
        raise ImportBatchBusy(status=batch.status.value)
    if not batch.stored_path:
        raise service.ImportUploadMissing()
    if data is None:
        options = ImportOptions.from_json(batch.options, dry_run=dry_run)
    else:
        options = await _options(session, principal, data, dry_run=dry_run)
    try:
        await run_in_threadpool(inspect_sheet, Path(batch.stored_path), options)
    except (SheetError, MappingError) as error:
        raise _unreadable(error) from None

    # Another request may have started the batch since it was read above.
    claimed = await service.claim_batch(
        request.app.state.database, batch.id, allowed, stale_running=resuming
    )
    if not claimed:
        raise ImportBatchBusy(status=BatchStatus.running.value)
    # A preview or a commit starts the batch over, while a resume continues after its last chunk.
    restart = not resuming
    path = Path(batch.stored_path)
    background.add_task(
        _import_in_background, request, principal, batch.id, path, options, restart=restart
    )
    return BatchOut.model_validate(batch).model_copy(update={"status": BatchStatus.running})


@router.post(
    "/batches/{batch_id}/preview", response_model=BatchOut, status_code=status.HTTP_202_ACCEPTED
)
async def preview_batch(
    batch_id: uuid.UUID,
    data: ImportOptionsIn,
    request: Request,
    background: BackgroundTasks,
    session: ReadSession,
    principal: CanImport,
) -> object:
    """Start a dry run: every row gets its outcome, nothing is written. Poll the batch."""
    allowed = {BatchStatus.uploaded, BatchStatus.previewed}
    return await _start(
        request, background, session, principal, batch_id, data, dry_run=True, allowed=allowed
    )


@router.post(
    "/batches/{batch_id}/commit", response_model=BatchOut, status_code=status.HTTP_202_ACCEPTED
)
async def commit_batch(
    batch_id: uuid.UUID,
    data: ImportOptionsIn,
    request: Request,
    background: BackgroundTasks,
    session: ReadSession,
    principal: CanImport,
) -> object:
    """Start the import for real. Poll the batch for progress."""
    allowed = {BatchStatus.uploaded, BatchStatus.previewed}
    return await _start(
        request, background, session, principal, batch_id, data, dry_run=False, allowed=allowed
    )


@router.post(
    "/batches/{batch_id}/resume", response_model=BatchOut, status_code=status.HTTP_202_ACCEPTED
)
async def resume_batch(
    batch_id: uuid.UUID,
    request: Request,
    background: BackgroundTasks,
    session: ReadSession,
    principal: CanImport,
) -> object:
    """Continue a failed or stalled import after its last committed row, with its original options."""
    return await _start(
        request,
        background,
        session,
        principal,
        batch_id,
        None,
        dry_run=False,
        allowed={BatchStatus.failed},
    )


@router.get("/batches", response_model=PageOut[BatchOut])
async def list_batches(
    session: ReadSession,
    principal: CanImport,
    page: Annotated[PageParams, Depends(page_params)],
) -> object:
    """List import batches, newest first; admins get every user's batches."""
    return await service.list_batches(session, principal, page)


@router.get("/batches/{batch_id}", response_model=BatchOut)
async def get_batch(batch_id: uuid.UUID, session: ReadSession, principal: CanImport) -> object:
    """Get one batch with its progress and counts."""
    return await service.get_batch(session, principal, batch_id)


@router.get("/batches/{batch_id}/rows", response_model=PageOut[BatchRowOut])
async def list_batch_rows(
    batch_id: uuid.UUID,
    session: ReadSession,
    principal: CanImport,
    page: Annotated[PageParams, Depends(page_params)],
    outcome: RowOutcome | None = None,
) -> object:
    """List row outcomes in sheet order: every row of a preview, uncreated rows of an import."""
    batch = await service.get_batch(session, principal, batch_id)
    return await service.list_rows_with_patients(session, principal, batch, page, outcome=outcome)


@router.get("/batches/{batch_id}/rejects.csv", response_class=StreamingResponse)
async def download_rejected_rows(
    batch_id: uuid.UUID, request: Request, session: ReadSession, principal: CanImport
) -> StreamingResponse:
    """Rejected rows as CSV (UTF-8 with BOM): the original columns plus the reason."""
    batch = await service.get_batch(session, principal, batch_id)
    database = request.app.state.database

    async def content() -> AsyncIterator[bytes]:
        # The request's session is closed once the route returns; the stream has its own.
        async with database.read_sessionmaker() as stream_session:
            async for chunk in service.rejected_rows_csv(stream_session, batch):
                yield chunk

    name = f"{Path(batch.file_name).stem}_rejected.csv"
    disposition = f"attachment; filename=\"rejected.csv\"; filename*=UTF-8''{quote(name)}"
    return StreamingResponse(
        content(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": disposition},
    )


@router.get("/mappings", response_model=list[MappingOut])
async def list_mappings(session: ReadSession, principal: CanImport) -> object:
    """List the current user's saved column mappings."""
    return await service.list_mappings(session, principal)


@router.put("/mappings/{name}", response_model=MappingOut)
async def save_mapping(
    name: str, data: MappingIn, session: WriteSession, principal: CanImport
) -> object:
    """Save a column mapping under a name, replacing one of the same name."""
    mapping = {header: field.value if field else None for header, field in data.mapping.items()}
    return await service.save_mapping(session, principal, name[:100], mapping)


@router.delete("/mappings/{name}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_mapping(name: str, session: WriteSession, principal: CanImport) -> None:
    """Delete a saved column mapping."""
    await service.delete_mapping(session, principal, name)
