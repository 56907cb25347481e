"""Run an import: read the sheet, parse rows, write them in atomic chunks, record progress.

Every data row ends as exactly one of created, updated, skipped (a duplicate) or
rejected, and the four counts add up to the number of data rows (blank rows and
title rows above the header are not data rows). Each chunk of rows is written in
one transaction together with its row outcomes and the batch's progress, so after
a crash the batch records exactly which rows are in the database and the import can
resume after the last committed row.
"""

import asyncio
import datetime as dt
import uuid
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import structlog
from sqlalchemy import delete, select, text, update

from hospital_crm.audit import service as audit
from hospital_crm.audit.models import AuditOutcome
from hospital_crm.core.config import Settings
from hospital_crm.core.context import Principal
from hospital_crm.core.crypto import FieldCipher
from hospital_crm.core.db import AsyncSession, Database
from hospital_crm.core.models import utc_now
from hospital_crm.departments.models import Department
from hospital_crm.imports.bulk import insert_rows
from hospital_crm.imports.mapping import (
    Column,
    HeaderSearch,
    ImportField,
    MappingError,
    build_columns,
    find_header,
    is_blank,
    parse_explicit_mapping,
)
from hospital_crm.imports.models import (
    BatchStatus,
    DuplicatePolicy,
    ImportBatch,
    ImportBatchRow,
    RowOutcome,
    is_resumable,
)
from hospital_crm.imports.parsing import (
    Cell,
    SheetError,
    SheetReader,
    check_readable,
    file_sha256,
    open_sheet,
)
from hospital_crm.imports.prepare import (
    WORKER_MIN_ROWS,
    PrepareContext,
    PreparedRow,
    RowPreparer,
    worker_count,
)
from hospital_crm.imports.rows import Lookups, NameIndex
from hospital_crm.imports.writer import ChunkWriter, RowResult
from hospital_crm.partners.models import Partner

logger = structlog.get_logger(__name__)

DEFAULT_CHUNK_SIZE = 500

ProgressCallback = Callable[[int, int | None], None]


class BatchInProgress(Exception):
    def __init__(self, batch_id: uuid.UUID) -> None:
        super().__init__(
            f"Import batch {batch_id} of the same file is still running; wait for it, "
            f"or resume it with --resume {batch_id} once it has stopped"
        )
        self.batch_id = batch_id


class BatchNotResumable(Exception):
    pass


@dataclass
class ImportOptions:
    encoding: str | None = None
    sheet: str | None = None
    # {"header text": "field" | None}, as in a mapping file.
    mapping: dict[str, str | None] | None = None
    on_duplicate: DuplicatePolicy = DuplicatePolicy.skip
    # None: open a case only when the sheet has a status column.
    create_cases: bool | None = None
    chunk_size: int = DEFAULT_CHUNK_SIZE
    dry_run: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "encoding": self.encoding,
            "sheet": self.sheet,
            "mapping": self.mapping,
            "on_duplicate": self.on_duplicate.value,
            "create_cases": self.create_cases,
            "chunk_size": self.chunk_size,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], *, dry_run: bool = False) -> "ImportOptions":
        return cls(
            encoding=data.get("encoding"),
            sheet=data.get("sheet"),
            mapping=data.get("mapping"),
            on_duplicate=DuplicatePolicy(data.get("on_duplicate", "skip")),
            create_cases=data.get("create_cases"),
            chunk_size=int(data.get("chunk_size") or DEFAULT_CHUNK_SIZE),
            dry_run=dry_run,
        )


@dataclass
class SheetLayout:
    """The sheet's format, header and columns, read before any row is written."""

    file_name: str
    file_sha256: str
    file_size: int
    format: str
    encoding: str | None
    delimiter: str | None
    sheet_names: list[str]
    sheet_name: str | None
    header_row: int
    title_rows: list[int]
    columns: list[Column]
    total_rows: int


@dataclass
class ImportSummary:
    batch_id: uuid.UUID
    status: BatchStatus
    dry_run: bool
    layout: SheetLayout
    total_rows: int
    created: int = 0
    updated: int = 0
    skipped: int = 0
    rejected: int = 0
    cases_created: int = 0
    resumed_after_row: int = 0
    # The first rejected and skipped rows, up to the `examples` that run() was given.
    rejected_rows: list[RowResult] = field(default_factory=list)
    skipped_rows: list[RowResult] = field(default_factory=list)

    @property
    def processed(self) -> int:
        return self.created + self.updated + self.skipped + self.rejected


def _explicit_mapping(options: ImportOptions) -> dict[str, ImportField | None]:
    return parse_explicit_mapping(options.mapping) if options.mapping else {}


def _data_rows(reader: SheetReader, search: HeaderSearch) -> Iterator[tuple[int, list[Cell]]]:
    """Yield the non-blank rows below the header, reading the sheet again from its start."""
    yield from search.pending_rows
    # Rows the header search has already handed back are not read a second time.
    after = search.pending_rows[-1][0] if search.pending_rows else search.row_number
    for row_number, cells in reader.rows():
        if row_number > after and not is_blank(cells):
            yield row_number, cells


def _chunks(
    rows: Iterator[tuple[int, list[Cell]]], after_row: int, size: int
) -> Iterator[list[tuple[int, list[Cell]]]]:
    chunk: list[tuple[int, list[Cell]]] = []
    for row_number, cells in rows:
        if row_number <= after_row:
            continue
        chunk.append((row_number, cells))
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _open_with_header(
    path: Path, options: ImportOptions
) -> tuple[SheetReader, HeaderSearch, list[Column]]:
    reader = open_sheet(path, encoding=options.encoding, sheet=options.sheet)
    explicit = _explicit_mapping(options)
    try:
        search = find_header(reader.rows(), explicit)
    except Exception:
        reader.close()
        raise
    columns = build_columns(search.cells, explicit)
    fields = {column.field for column in columns}
    if not fields & {
        ImportField.FULL_NAME,
        ImportField.FAMILY_NAME,
        ImportField.GIVEN_NAME,
        ImportField.NAME_LATIN,
    }:
        reader.close()
        headers = ", ".join(column.header for column in columns)
        raise MappingError(
            f"Name column not found among the headers ({headers}): map one to full_name, "
            "family_name or name_latin with a mapping",
            code="name_column_not_found",
        )
    return reader, search, columns


def inspect_sheet(
    path: Path, options: ImportOptions, *, file_name: str | None = None
) -> SheetLayout:
    """Read the sheet once to find its header and count its data rows; writes nothing.

    Raises SheetError for a file that cannot be read and MappingError for a sheet
    whose header cannot be used.
    """
    reader, search, columns = _open_with_header(path, options)
    with reader:
        total = sum(1 for _ in _data_rows(reader, search))
    return SheetLayout(
        file_name=file_name or path.name,
        file_sha256=file_sha256(path),
        file_size=path.stat().st_size,
        format=reader.info.format,
        encoding=reader.info.encoding,
        delimiter=reader.info.delimiter,
        sheet_names=reader.info.sheet_names,
        sheet_name=reader.info.sheet_name,
        header_row=search.row_number,
        title_rows=search.title_rows,
        columns=columns,
        total_rows=total,
    )


async def load_lookups(session: AsyncSession) -> Lookups:
    departments = (
        await session.execute(
            select(
                Department.id,
                Department.code,
                Department.name_ja,
                Department.name_en,
                Department.name_zh,
            )
        )
    ).all()
    partners = (await session.execute(select(Partner.id, Partner.name))).all()
    return Lookups(
        departments=NameIndex((row[0], row[1:]) for row in departments),
        partners=NameIndex((row[0], row[1:]) for row in partners),
    )


async def find_resumable_batch(
    session: AsyncSession, sha256: str, *, now: dt.datetime | None = None
) -> ImportBatch | None:
    """Return the latest unfinished real import of the same file, if any.

    Raises BatchInProgress when that batch is running and has made progress recently.
    """
    batch = await session.scalar(
        select(ImportBatch)
        .where(
            ImportBatch.file_sha256 == sha256,
            ImportBatch.dry_run.is_(False),
            ImportBatch.status.in_([BatchStatus.running, BatchStatus.failed]),
        )
        .order_by(ImportBatch.created_at.desc())
        .limit(1)
    )
    if batch is None:
        return None
    if not is_resumable(batch.status, batch.dry_run, batch.updated_at, now):
        raise BatchInProgress(batch.id)
    return batch


class ImportRunner:
    """Import one sheet into the database on behalf of a principal."""

    def __init__(
        self,
        database: Database,
        principal: Principal,
        settings: Settings,
        *,
        today: dt.date | None = None,
        worker_min_rows: int = WORKER_MIN_ROWS,
    ) -> None:
        self.database = database
        self.principal = principal
        # Raw keys as well as the cipher: the worker process builds its own FieldCipher.
        self.cipher_keys = (settings.encryption_key_bytes(), settings.previous_encryption_keys())
        self.cipher = FieldCipher(*self.cipher_keys)
        self.today = today or dt.date.today()
        self.worker_min_rows = worker_min_rows
        # Patients created when the tables were last analyzed (see _refresh_statistics).
        self._analyzed_at = 500

    async def create_batch(
        self,
        layout: SheetLayout,
        options: ImportOptions,
        *,
        stored_path: str | None = None,
        status: BatchStatus = BatchStatus.uploaded,
    ) -> uuid.UUID:
        async with self.database.sessionmaker() as session:
            batch = ImportBatch(
                id=uuid.uuid4(),
                created_by_id=self.principal.user_id,
                file_name=layout.file_name[:500],
                file_sha256=layout.file_sha256,
                file_size=layout.file_size,
                stored_path=stored_path,
                format=layout.format,
                encoding=layout.encoding,
                sheet_name=layout.sheet_name,
                options=_batch_options(options, layout),
                status=status,
                dry_run=options.dry_run,
                header_row=layout.header_row,
                total_rows=layout.total_rows,
            )
            session.add(batch)
            await session.commit()
            return batch.id

    async def run(
        self,
        path: Path,
        options: ImportOptions,
        *,
        batch_id: uuid.UUID | None = None,
        file_name: str | None = None,
        progress: ProgressCallback | None = None,
        examples: int = 0,
        restart: bool = False,
    ) -> ImportSummary:
        """Import the file, resuming batch_id when given (or the unfinished batch of the file).

        The batch's own options win over `options` on resume, so the rest of the file
        is read exactly as its first part was. With `restart`, batch_id (which the API
        has already claimed, see service.claim_batch) starts over with `options`.
        """
        check_readable(path)
        existing = await self._existing_batch(file_sha256(path), options, batch_id)
        resuming = existing is not None and existing.status in (
            BatchStatus.running,
            BatchStatus.failed,
        )
        if resuming and not restart:
            assert existing is not None
            options = ImportOptions.from_json(existing.options, dry_run=options.dry_run)
        layout = inspect_sheet(path, options, file_name=file_name)
        batch = await self._start_batch(existing, layout, options, restart=restart)
        summary = ImportSummary(
            batch_id=batch.id,
            status=BatchStatus.running,
            dry_run=batch.dry_run,
            layout=layout,
            total_rows=layout.total_rows,
            created=batch.created_count,
            updated=batch.updated_count,
            skipped=batch.skipped_count,
            rejected=batch.rejected_count,
            cases_created=batch.cases_created_count,
            resumed_after_row=batch.last_row_number,
        )
        logger.info(
            "import.started",
            batch_id=str(batch.id),
            resumed_after_row=batch.last_row_number,
            total_rows=layout.total_rows,
            dry_run=batch.dry_run,
        )
        try:
            await self._process(path, options, layout, batch, summary, progress, examples)
        except Exception as error:
            await self._fail(batch.id, summary, error)
            raise
        await self._finish(batch.id, summary)
        return summary

    async def _existing_batch(
        self, sha256: str, options: ImportOptions, batch_id: uuid.UUID | None
    ) -> ImportBatch | None:
        async with self.database.sessionmaker() as session:
            if batch_id is None:
                return None if options.dry_run else await find_resumable_batch(session, sha256)
            batch = await session.get(ImportBatch, batch_id)
        if batch is None:
            raise BatchNotResumable(f"Import batch {batch_id} not found")
        if batch.file_sha256 != sha256:
            raise BatchNotResumable(
                f"Import batch {batch_id} was made from another file "
                f"(SHA-256 {batch.file_sha256[:12]}…): pass the same file to resume it"
            )
        if batch.status is BatchStatus.completed:
            raise BatchNotResumable(f"Import batch {batch_id} is already completed")
        return batch

    async def _start_batch(
        self,
        existing: ImportBatch | None,
        layout: SheetLayout,
        options: ImportOptions,
        *,
        restart: bool = False,
    ) -> ImportBatch:
        batch_id = existing.id if existing else await self.create_batch(layout, options)
        async with self.database.sessionmaker() as session:
            batch = await session.get(ImportBatch, batch_id)
            assert batch is not None
            if restart or batch.status in (BatchStatus.uploaded, BatchStatus.previewed):
                # Nothing of an uploaded or previewed batch is written yet: it starts over
                # with the options given now, and a preview's row outcomes are replaced.
                await session.execute(
                    delete(ImportBatchRow).where(ImportBatchRow.batch_id == batch.id)
                )
                batch.options = _batch_options(options, layout)
                batch.total_rows = layout.total_rows
                batch.header_row = layout.header_row
                batch.last_row_number = batch.processed_rows = 0
                batch.created_count = batch.updated_count = batch.skipped_count = 0
                batch.rejected_count = batch.cases_created_count = 0
            batch.dry_run = options.dry_run
            batch.status = BatchStatus.running
            batch.started_at = batch.started_at or utc_now()
            batch.error_code = batch.error_message = None
            await session.commit()
            return batch

    async def _process(
        self,
        path: Path,
        options: ImportOptions,
        layout: SheetLayout,
        batch: ImportBatch,
        summary: ImportSummary,
        progress: ProgressCallback | None,
        examples: int,
    ) -> None:
        async with self.database.sessionmaker() as session:
            lookups = await load_lookups(session)
        writer = ChunkWriter(
            self.principal, self.cipher, options.on_duplicate, batch.id, dry_run=options.dry_run
        )
        reader, search, _ = _open_with_header(path, options)
        context = PrepareContext(
            columns=layout.columns,
            lookups=lookups,
            today=self.today,
            epoch=reader.info.epoch,
            create_cases=options.create_cases,
            principal=self.principal,
            current_key=self.cipher_keys[0],
            previous_keys=self.cipher_keys[1],
            build_patients=not options.dry_run,
            copy_text=self.database.engine.dialect.name == "postgresql",
            keep_row_values=options.on_duplicate is DuplicatePolicy.update,
        )
        remaining = layout.total_rows - summary.processed
        preparer = RowPreparer(context, workers=worker_count(remaining, self.worker_min_rows))
        if progress:
            progress(summary.processed, layout.total_rows)

        with reader:
            try:
                await self._write_chunks(
                    _chunks(_data_rows(reader, search), batch.last_row_number, options.chunk_size),
                    preparer,
                    writer,
                    batch.id,
                    summary,
                    examples,
                    lambda: progress(summary.processed, layout.total_rows) if progress else None,
                )
            finally:
                preparer.close()

    async def _write_chunks(
        self,
        chunks: Iterator[list[tuple[int, list[Cell]]]],
        preparer: RowPreparer,
        writer: ChunkWriter,
        batch_id: uuid.UUID,
        summary: ImportSummary,
        examples: int,
        report_progress: Callable[[], None],
    ) -> None:
        """Prepare the next chunks, in the worker processes if any, while a chunk is written.

        Chunks are written in sheet order, and at most one chunk per worker waits ahead
        of the one being written, so memory stays bounded.
        """
        pending: deque[asyncio.Future[list[PreparedRow]]] = deque()
        for raw_rows in chunks:
            pending.append(asyncio.ensure_future(preparer.prepare(raw_rows)))
            if len(pending) > max(preparer.workers, 1):
                chunk = await pending.popleft()
                await self._write_chunk(writer, batch_id, chunk, summary, examples)
                report_progress()
        while pending:
            chunk = await pending.popleft()
            await self._write_chunk(writer, batch_id, chunk, summary, examples)
            report_progress()

    async def _write_chunk(
        self,
        writer: ChunkWriter,
        batch_id: uuid.UUID,
        chunk: list[PreparedRow],
        summary: ImportSummary,
        examples: int,
    ) -> None:
        """Write one chunk, its row outcomes and the batch's progress in one transaction."""
        async with self.database.sessionmaker() as session:
            if session.bind.dialect.name == "postgresql":
                # Safe to lose on a server crash: the batch's progress is in the same
                # transaction, so a lost chunk is one the resumed import writes again.
                await session.execute(text("SET LOCAL synchronous_commit = off"))
                # The connection forces custom plans for the patient search (core.db). Here
                # that would plan each foreign key check of each inserted row anew, which
                # cost a 100,000-row import about 10 s of database CPU time.
                await session.execute(text("SET LOCAL plan_cache_mode = auto"))
            results, cases_created = await writer.write(session, chunk)
            counts = {outcome: 0 for outcome in RowOutcome}
            for result in results:
                counts[result.outcome] += 1
            # A real import lists only the rows that were not created: a created row's
            # patient has an "imported" timeline entry naming the batch and the row.
            listed = [
                result
                for result in results
                if writer.dry_run or result.outcome is not RowOutcome.created
            ]
            await insert_rows(
                session,
                ImportBatchRow.__table__,
                [_row_record(batch_id, r, keep_cells=writer.dry_run) for r in listed],
            )
            await session.execute(
                update(ImportBatch)
                .where(ImportBatch.id == batch_id)
                .values(
                    last_row_number=results[-1].row.row_number,
                    processed_rows=ImportBatch.processed_rows + len(results),
                    created_count=ImportBatch.created_count + counts[RowOutcome.created],
                    updated_count=ImportBatch.updated_count + counts[RowOutcome.updated],
                    skipped_count=ImportBatch.skipped_count + counts[RowOutcome.skipped],
                    rejected_count=ImportBatch.rejected_count + counts[RowOutcome.rejected],
                    cases_created_count=ImportBatch.cases_created_count + cases_created,
                    updated_at=utc_now(),
                )
            )
            await session.commit()
        await self._refresh_statistics(summary.created + counts[RowOutcome.created])

        summary.created += counts[RowOutcome.created]
        summary.updated += counts[RowOutcome.updated]
        summary.skipped += counts[RowOutcome.skipped]
        summary.rejected += counts[RowOutcome.rejected]
        summary.cases_created += cases_created
        for outcome, example_rows in (
            (RowOutcome.rejected, summary.rejected_rows),
            (RowOutcome.skipped, summary.skipped_rows),
        ):
            missing = examples - len(example_rows)
            if missing > 0:
                matching = [result for result in results if result.outcome is outcome]
                example_rows.extend(matching[:missing])

    async def _refresh_statistics(self, created: int) -> None:
        """ANALYZE the patient tables on PostgreSQL each time the import has doubled them.

        Autovacuum analyzes a table only after its own delay. Until then, the duplicate
        queries of an import into a small table are planned for the table's old size.
        """
        if self.database.engine.dialect.name != "postgresql" or created < self._analyzed_at * 2:
            return
        async with self.database.engine.connect() as connection:
            await connection.execute(text("ANALYZE patients, patient_search_terms"))
            await connection.commit()
        self._analyzed_at = created

    async def _finish(self, batch_id: uuid.UUID, summary: ImportSummary) -> None:
        summary.status = BatchStatus.previewed if summary.dry_run else BatchStatus.completed
        async with self.database.sessionmaker() as session:
            await session.execute(
                update(ImportBatch)
                .where(ImportBatch.id == batch_id)
                .values(status=summary.status, finished_at=utc_now(), updated_at=utc_now())
            )
            await self._audit(session, batch_id, summary, AuditOutcome.success)
            await session.commit()
        logger.info(
            "import.finished",
            batch_id=str(batch_id),
            created=summary.created,
            updated=summary.updated,
            skipped=summary.skipped,
            rejected=summary.rejected,
            dry_run=summary.dry_run,
        )

    async def _fail(self, batch_id: uuid.UUID, summary: ImportSummary, error: Exception) -> None:
        code = getattr(error, "code", None) or type(error).__name__
        logger.error(
            "import.failed",
            batch_id=str(batch_id),
            error_code=code,
            processed=summary.processed,
            error=str(error)[:500],
        )
        summary.status = BatchStatus.failed
        async with self.database.sessionmaker() as session:
            await session.execute(
                update(ImportBatch)
                .where(ImportBatch.id == batch_id)
                .values(
                    status=BatchStatus.failed,
                    error_code=str(code)[:60],
                    error_message=str(error)[:2000],
                    updated_at=utc_now(),
                )
            )
            await self._audit(session, batch_id, summary, AuditOutcome.failure)
            await session.commit()

    async def _audit(
        self,
        session: AsyncSession,
        batch_id: uuid.UUID,
        summary: ImportSummary,
        outcome: AuditOutcome,
    ) -> None:
        await audit.record(
            session,
            self.principal,
            action="import_preview" if summary.dry_run else "import",
            entity_type="import_batch",
            entity_id=batch_id,
            details={
                "file_sha256": summary.layout.file_sha256,
                "file_name": summary.layout.file_name,
                "total_rows": summary.total_rows,
                "created": summary.created,
                "updated": summary.updated,
                "skipped": summary.skipped,
                "rejected": summary.rejected,
                "cases_created": summary.cases_created,
                "resumed_after_row": summary.resumed_after_row,
            },
            outcome=outcome,
        )


def _batch_options(options: ImportOptions, layout: SheetLayout) -> dict[str, Any]:
    # The headers are kept so the rejects download can repeat the original columns.
    return {**options.as_json(), "headers": [column.header for column in layout.columns]}


def _row_record(batch_id: uuid.UUID, result: RowResult, *, keep_cells: bool) -> dict[str, Any]:
    """Build the batch row of one result: rejected rows, and every row of a preview, keep cells.

    The preview's cells let the wizard show each row's name beside its outcome.
    """
    rejected = result.outcome is RowOutcome.rejected
    return {
        "batch_id": batch_id,
        "row_number": result.row.row_number,
        "outcome": result.outcome,
        "patient_id": result.patient_id,
        "duplicate_reasons": result.duplicate_reasons,
        "errors": [error.as_dict() for error in result.row.errors] if rejected else [],
        "cells": [_json_cell(cell) for cell in result.row.cells] if rejected or keep_cells else [],
    }


def _json_cell(cell: Cell) -> str | int | float | bool | None:
    if isinstance(cell, dt.datetime | dt.date):
        return cell.isoformat()
    return cell


__all__ = [
    "BatchInProgress",
    "BatchNotResumable",
    "ImportOptions",
    "ImportRunner",
    "ImportSummary",
    "MappingError",
    "SheetError",
    "SheetLayout",
    "inspect_sheet",
]
