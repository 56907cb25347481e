"""`hospital-crm import patients FILE`: import a sheet from the command line.

Exit status: 0 when every data row was created, updated or skipped as a duplicate.
1 when some rows were rejected, and the others are still imported. 2 when the file,
its mapping or the batch to resume cannot be used at all.
"""

import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from sqlalchemy import select

from hospital_crm.core.config import ConfigurationError, Settings, get_settings
from hospital_crm.core.context import SYSTEM, Principal
from hospital_crm.core.db import Database, create_database
from hospital_crm.core.migrations import require_current
from hospital_crm.core.permissions import Permission
from hospital_crm.imports import service
from hospital_crm.imports.mapping import MappingError
from hospital_crm.imports.models import DuplicatePolicy
from hospital_crm.imports.parsing import SheetError, check_readable, xlsx_sheet_names
from hospital_crm.imports.pipeline import (
    BatchInProgress,
    BatchNotResumable,
    ImportOptions,
    ImportRunner,
    ImportSummary,
)
from hospital_crm.users.models import User

app = typer.Typer(help="Import patients from CSV or XLSX sheets.", no_args_is_help=True)
console = Console(stderr=True)

# Rejected and skipped rows printed to the terminal, at most of each; the --rejects
# and --report files list them all.
SHOWN_ROWS = 20


class CliError(Exception):
    pass


@dataclass(frozen=True)
class OutputFiles:
    rejects: Path | None = None
    report: Path | None = None


@app.callback()
def imports() -> None:
    """Import patients from CSV or XLSX sheets."""


@app.command("patients")
def import_patients(
    file: Annotated[Path, typer.Argument(help="CSV (UTF-8, CP932, GB18030, Big5) or XLSX file")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check every row and report; write no patient")
    ] = False,
    encoding: Annotated[
        str | None, typer.Option(help="CSV encoding, e.g. cp932; detected when omitted")
    ] = None,
    sheet: Annotated[
        str | None, typer.Option(help="XLSX sheet name (default: the first sheet)")
    ] = None,
    mapping: Annotated[
        Path | None,
        typer.Option(help='JSON file {"header": "field" | null} overriding the automatic mapping'),
    ] = None,
    mapping_name: Annotated[
        str | None,
        typer.Option(help="Name of a mapping saved in the web app by the --user user"),
    ] = None,
    on_duplicate: Annotated[
        DuplicatePolicy, typer.Option(help="What to do with a row that matches a patient")
    ] = DuplicatePolicy.skip,
    cases: Annotated[
        bool | None,
        typer.Option(
            "--cases/--no-cases",
            help="Open a case per row (default: only when the sheet has a status column)",
        ),
    ] = None,
    rejects: Annotated[
        Path | None, typer.Option(help="Write rejected rows with their reasons to this CSV")
    ] = None,
    report: Annotated[
        Path | None,
        typer.Option(
            help="Write every row not created (rejected, skipped or updated) to this CSV, "
            "with the matched patient or the reason"
        ),
    ] = None,
    resume: Annotated[
        uuid.UUID | None, typer.Option(help="Resume this batch id instead of the automatic one")
    ] = None,
    chunk_size: Annotated[
        int, typer.Option(min=1, max=10_000, help="Rows committed per transaction")
    ] = 500,
    user: Annotated[
        str | None,
        typer.Option(help="Email of the user the import is recorded for (default: system)"),
    ] = None,
) -> None:
    """Import patients (and their cases) from a sheet, after a dry run if you like."""
    try:
        check_readable(file)
    except SheetError as error:
        # soft_wrap keeps the message on one line however long the path is.
        console.print(f"[red]Cannot import {escape(str(file))}:[/red] {error}", soft_wrap=True)
        raise typer.Exit(2) from error
    try:
        settings = get_settings()
        asyncio.run(require_current(settings))
        explicit = _read_mapping(mapping) if mapping else None
    except (ConfigurationError, CliError) as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(2) from error

    options = ImportOptions(
        encoding=encoding,
        sheet=sheet,
        mapping=explicit,
        on_duplicate=on_duplicate,
        create_cases=cases,
        chunk_size=chunk_size,
        dry_run=dry_run,
    )
    try:
        files = OutputFiles(rejects=rejects, report=report)
        summary = asyncio.run(_run(settings, file, options, resume, user, files, mapping_name))
    except (SheetError, MappingError, BatchNotResumable, BatchInProgress, CliError) as error:
        message = f"[red]Cannot import {escape(str(file))}:[/red] {escape(str(error))}"
        console.print(message, soft_wrap=True)
        if isinstance(error, MappingError):
            _print_sheet_hint(file, sheet)
        raise typer.Exit(2) from error

    _print_summary(summary)
    _print_rows(summary, files)
    raise typer.Exit(1 if summary.rejected else 0)


def _print_sheet_hint(file: Path, sheet: str | None) -> None:
    """Suggest --sheet when the sheet read is perhaps not the patient list of the workbook."""
    names = xlsx_sheet_names(file)
    if len(names) < 2:
        return
    read = sheet or names[0]
    listed = ", ".join(repr(name) for name in names)
    console.print(
        f"The sheet {read!r} was read. The workbook has the sheets {listed}: "
        "choose the patient list with --sheet NAME",
        soft_wrap=True,
        markup=False,
    )


def _read_mapping(path: Path) -> dict[str, str | None]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, json.JSONDecodeError) as error:
        raise CliError(f"Cannot read the mapping file {path}: {error}") from error
    if not isinstance(raw, dict):
        raise CliError(f'The mapping file {path} must hold an object {{"header": "field"}}')
    return raw


async def _principal(database: Database, email: str | None) -> Principal:
    if email is None:
        return SYSTEM
    async with database.sessionmaker() as session:
        found = await session.scalar(select(User).where(User.email == email.lower()))
    if found is None or not found.active:
        raise CliError(f"No active user has the email {email}")
    principal = Principal(user_id=found.id, role=found.role, partner_id=found.partner_id)
    if not principal.can(Permission.data_import):
        raise CliError(f"The {found.role} role may not import data")
    return principal


async def _run(
    settings: Settings,
    file: Path,
    options: ImportOptions,
    resume: uuid.UUID | None,
    email: str | None,
    files: OutputFiles,
    mapping_name: str | None = None,
) -> ImportSummary:
    database = create_database(settings)
    try:
        principal = await _principal(database, email)
        if mapping_name is not None:
            options.mapping = await _saved_mapping(database, principal, mapping_name)
        runner = ImportRunner(database, principal, settings)
        with Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=False,
        ) as progress:
            task = progress.add_task("取り込み中 / importing", total=None)

            def report(done: int, total: int | None) -> None:
                progress.update(task, completed=done, total=total)

            summary = await runner.run(
                file, options, batch_id=resume, progress=report, examples=SHOWN_ROWS
            )
        await _write_files(database, principal, summary, files)
        return summary
    finally:
        await database.dispose()


async def _saved_mapping(
    database: Database, principal: Principal, name: str
) -> dict[str, str | None]:
    if principal.is_system:
        raise CliError("--mapping-name needs --user: saved mappings belong to a user")
    async with database.sessionmaker() as session:
        try:
            return dict((await service.get_mapping(session, principal, name)).mapping)
        except service.ImportMappingNotFound:
            raise CliError(f"The user has no saved mapping named {name!r}") from None


async def _write_files(
    database: Database, principal: Principal, summary: ImportSummary, files: OutputFiles
) -> None:
    if files.rejects is None and files.report is None:
        return
    async with database.sessionmaker() as session:
        batch = await service.get_batch(session, principal, summary.batch_id)
        if files.rejects is not None:
            await _write_stream(files.rejects, service.rejected_rows_csv(session, batch))
        if files.report is not None:
            await _write_stream(files.report, service.outcome_report_csv(session, batch))


async def _write_stream(path: Path, chunks: AsyncIterator[bytes]) -> None:
    with path.open("wb") as stream:
        async for chunk in chunks:
            stream.write(chunk)


def _print_rows(summary: ImportSummary, files: OutputFiles) -> None:
    """Print the first rejected and skipped rows, and where the full lists are."""
    for result in summary.rejected_rows:
        errors = [error.as_dict() for error in result.row.errors]
        console.print(f"[yellow]{service.reason_text(result.row.row_number, errors)}[/yellow]")
    _print_more(summary.rejected, len(summary.rejected_rows), "--rejects", files.rejects)
    for result in summary.skipped_rows:
        text = service.duplicate_text(
            result.row.row_number,
            result.patient_id,
            result.duplicate_reasons,
            result.duplicate_row,
        )
        console.print(f"[cyan]{text}[/cyan]")
    _print_more(summary.skipped, len(summary.skipped_rows), "--report", files.report)
    if files.rejects is not None:
        console.print(f"Rejected rows written to {files.rejects}")
    if files.report is not None:
        console.print(f"Rows not created written to {files.report}")


def _print_more(total: int, printed: int, option: str, path: Path | None) -> None:
    if total <= printed:
        return
    where = f"see {path}" if path is not None else f"{option} FILE lists them all"
    console.print(f"… 他 {total - printed} 行 / {total - printed} more rows ({where})")


# The import wizard's words for each outcome (imports.outcomes and imports.previewOutcomes in
# frontend/src/locales/ja.json), so the CLI and the screen name a row's outcome alike.
RESULT_LABELS = {
    "created": "新規登録",
    "updated": "更新",
    "skipped": "重複のため未取込",
    "rejected": "不備あり",
    "cases": "作成した案件",
}
DRY_RUN_LABELS = {
    "created": "新規登録予定",
    "updated": "更新予定",
    "skipped": "重複のため取り込まない",
    "rejected": "不備あり",
    "cases": "作成予定の案件",
}


def _print_summary(summary: ImportSummary) -> None:
    layout = summary.layout
    table = Table(title="取り込み結果 / Import result" + (" (dry run)" if summary.dry_run else ""))
    table.add_column("")
    table.add_column("rows", justify="right")
    labels = DRY_RUN_LABELS if summary.dry_run else RESULT_LABELS
    table.add_row(f"{labels['created']} / created", str(summary.created))
    table.add_row(f"{labels['updated']} / updated", str(summary.updated))
    table.add_row(f"{labels['skipped']} / skipped as duplicates", str(summary.skipped))
    table.add_row(f"{labels['rejected']} / rejected", str(summary.rejected))
    table.add_row("合計 / data rows", str(summary.processed))
    table.add_row(f"{labels['cases']} / cases opened", str(summary.cases_created))
    console.print(table)

    source = layout.encoding or layout.sheet_name
    console.print(
        f"batch {summary.batch_id} · {layout.format} {source} · header row {layout.header_row}"
        f" · SHA-256 {layout.file_sha256}"
    )
    if len(layout.sheet_names) > 1:
        console.print(f"Sheets: {', '.join(layout.sheet_names)} (imported: {layout.sheet_name})")
    if summary.resumed_after_row:
        console.print(f"Resumed after sheet row {summary.resumed_after_row}.")
    unmapped = [column.header for column in layout.columns if column.custom]
    if unmapped:
        console.print(f"Kept in custom fields: {', '.join(unmapped)}")
