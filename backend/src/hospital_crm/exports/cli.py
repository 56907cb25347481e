"""`hospital-crm export patients|cases OUT`: write a list to CSV or XLSX."""

import asyncio
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from sqlalchemy import select

from hospital_crm.cases import service as case_service
from hospital_crm.cases.models import CaseStage
from hospital_crm.core.config import ConfigurationError, Settings, get_settings
from hospital_crm.core.context import SYSTEM, Principal
from hospital_crm.core.crypto import FieldCipher
from hospital_crm.core.db import Database, create_database
from hospital_crm.core.errors import AppError
from hospital_crm.core.migrations import require_current
from hospital_crm.core.permissions import Permission
from hospital_crm.exports import service
from hospital_crm.exports.service import ExportEncoding, ExportFormat, ExportRequest
from hospital_crm.patients import service as patient_service
from hospital_crm.users.models import User

app = typer.Typer(help="Export the patient or case list.", no_args_is_help=True)
console = Console(stderr=True)

FormatOption = Annotated[ExportFormat, typer.Option("--format", help="csv or xlsx")]
EncodingOption = Annotated[
    ExportEncoding,
    typer.Option(help="CSV encoding: utf-8-sig (Excel opens it) or cp932 (Shift_JIS)"),
]
NationalityOption = Annotated[
    str | None,
    typer.Option(help="Only patients of this nationality: a country name or ISO code (中国, CN)"),
]
StageOption = Annotated[CaseStage | None, typer.Option(help="Only this case stage")]
QueryOption = Annotated[str | None, typer.Option("--q", help="Search text, as in the list")]
SortOption = Annotated[
    str | None,
    typer.Option(help="Field to sort by, as in the list (e.g. -created_at); oldest first if unset"),
]
UserOption = Annotated[
    str | None,
    typer.Option(help="Email of the user the export runs as; decides the encrypted columns"),
]


class CliError(Exception):
    pass


@app.callback()
def exports() -> None:
    """Export the patient or case list."""


@app.command("patients")
def export_patients(
    out: Annotated[Path, typer.Argument(help="File to write")],
    format: FormatOption = ExportFormat.csv,
    encoding: EncodingOption = ExportEncoding.utf8_bom,
    nationality: NationalityOption = None,
    stage: StageOption = None,
    q: QueryOption = None,
    sort: SortOption = None,
    user: UserOption = None,
) -> None:
    """Write the patient list, with the given filters, to OUT."""
    filters = patient_service.PatientFilters(q=q, nationality=nationality, stage=stage)
    _export("patients", out, format, encoding, filters, sort, user)


@app.command("cases")
def export_cases(
    out: Annotated[Path, typer.Argument(help="File to write")],
    format: FormatOption = ExportFormat.csv,
    encoding: EncodingOption = ExportEncoding.utf8_bom,
    nationality: NationalityOption = None,
    stage: StageOption = None,
    q: QueryOption = None,
    sort: SortOption = None,
    user: UserOption = None,
) -> None:
    """Write the case list, with the given filters, to OUT."""
    filters = case_service.CaseFilters(
        q=q, nationality=nationality, stage=[stage] if stage else None
    )
    _export("cases", out, format, encoding, filters, sort, user)


def _export(
    kind: str,
    out: Path,
    format: ExportFormat,
    encoding: ExportEncoding,
    filters: Any,
    sort: str | None,
    email: str | None,
) -> None:
    try:
        filters = service.with_country_code(filters)
    except patient_service.UnknownNationality as error:
        # This check comes before the try below, which deletes OUT on failure, so a
        # file already at OUT is kept when the nationality is wrong.
        console.print(f"[red]Invalid --nationality:[/red] {error}", soft_wrap=True)
        raise typer.Exit(2) from error
    try:
        settings = get_settings()
        asyncio.run(require_current(settings))
        export = ExportRequest(kind, format, encoding, service.filters_as_dict(filters), sort)
        count = asyncio.run(_write(settings, export, out, filters, email))
    except (ConfigurationError, CliError, AppError, OSError) as error:
        # A half-written file must not pass for a complete export.
        out.unlink(missing_ok=True)
        console.print(f"[red]Export failed:[/red] {error}")
        raise typer.Exit(2) from error
    console.print(f"{count} rows written to {out}")


async def _principal(database: Database, email: str | None) -> Principal:
    if email is None:
        return SYSTEM
    async with database.sessionmaker() as session:
        found = await session.scalar(select(User).where(User.email == email.lower()))
    if found is None or not found.active:
        raise CliError(f"No active user has the email {email}")
    principal = Principal(user_id=found.id, role=found.role, partner_id=found.partner_id)
    if not principal.can(Permission.data_export):
        raise CliError(f"The {found.role} role may not export data")
    return principal


async def _write(
    settings: Settings, export: ExportRequest, out: Path, filters: Any, email: str | None
) -> int:
    database = create_database(settings)
    cipher = FieldCipher(settings.encryption_key_bytes(), settings.previous_encryption_keys())
    try:
        principal = await _principal(database, email)
        async with database.sessionmaker() as session:
            if export.kind == "patients":
                query = service.patient_query(principal, cipher, filters, export.sort)
                exporter: Any = await service.patient_exporter(session, principal, cipher, query)
            else:
                query = service.case_query(principal, cipher, filters, export.sort)
                exporter = service.CaseExport(
                    await service.partner_names(session), await service.department_names(session)
                )
            count = await service.count_rows(session, query)
            with out.open("wb") as target:
                await _write_file(session, export, query, exporter, target)
            await service.record_export(
                session,
                principal,
                export,
                row_count=count,
                sensitive_fields=exporter.sensitive_fields,
            )
            await session.commit()
        return count
    finally:
        await database.dispose()


async def _write_file(
    session: Any, export: ExportRequest, query: Any, exporter: Any, target: Any
) -> None:
    if export.format is ExportFormat.xlsx:
        handle = await service.build_xlsx(session, query, exporter)
    elif export.encoding is ExportEncoding.cp932:
        handle = await service.build_cp932_csv(session, query, exporter)
    else:
        async for chunk in service.csv_utf8_stream(session, query, exporter):
            target.write(chunk)
        return
    async for block in service.iterate_file(handle):
        target.write(block)
