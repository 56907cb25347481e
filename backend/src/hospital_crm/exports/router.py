"""Downloads of the patient and case lists, with the same filters as the list endpoints."""

import datetime as dt
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse

from hospital_crm.cases import service as case_service
from hospital_crm.cases.router import case_filters
from hospital_crm.core.context import Principal
from hospital_crm.core.db import Database
from hospital_crm.core.deps import CipherDep, WriteSession, require
from hospital_crm.core.permissions import Permission
from hospital_crm.exports import service
from hospital_crm.exports.service import ExportEncoding, ExportFormat, ExportRequest
from hospital_crm.patients import service as patient_service
from hospital_crm.patients.router import patient_filters

router = APIRouter(prefix="/exports", tags=["exports"])

CanExport = Annotated[Principal, Depends(require(Permission.data_export))]
SortParameter = Annotated[
    str | None,
    Query(
        max_length=40,
        description="Field to sort by, as in the list; prefix with '-' for descending. "
        "Default: oldest first",
    ),
]

MEDIA_TYPES = {
    ExportFormat.csv: "text/csv",
    ExportFormat.xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


async def _respond(
    database: Database,
    export: ExportRequest,
    query: Any,
    exporter: service.PatientExport | service.CaseExport,
) -> StreamingResponse:
    headers = {"Content-Disposition": f'attachment; filename="{export.file_name(dt.date.today())}"'}
    if export.format is ExportFormat.csv and export.encoding is ExportEncoding.utf8_bom:

        async def content() -> AsyncIterator[bytes]:
            # Streamed after the route returns, so the rows are read in a session of its own.
            async with database.read_sessionmaker() as session:
                async for chunk in service.csv_utf8_stream(session, query, exporter):
                    yield chunk

        return StreamingResponse(content(), media_type="text/csv; charset=utf-8", headers=headers)

    async with database.read_sessionmaker() as session:
        if export.format is ExportFormat.xlsx:
            handle = await service.build_xlsx(session, query, exporter)
            media_type = MEDIA_TYPES[ExportFormat.xlsx]
        else:
            handle = await service.build_cp932_csv(session, query, exporter)
            media_type = "text/csv; charset=shift_jis"
    return StreamingResponse(service.iterate_file(handle), media_type=media_type, headers=headers)


@router.get("/patients", response_class=StreamingResponse)
async def export_patients(
    request: Request,
    session: WriteSession,
    principal: CanExport,
    cipher: CipherDep,
    filters: Annotated[patient_service.PatientFilters, Depends(patient_filters)],
    format: ExportFormat = ExportFormat.csv,
    encoding: ExportEncoding = ExportEncoding.utf8_bom,
    sort: SortParameter = None,
) -> StreamingResponse:
    """Download the patient list as CSV or XLSX; encrypted fields only for roles that may read them."""
    export = ExportRequest("patients", format, encoding, service.filters_as_dict(filters), sort)
    query = service.patient_query(principal, cipher, filters, sort)
    exporter = await service.patient_exporter(session, principal, cipher, query)
    await service.record_export(
        session,
        principal,
        export,
        row_count=await service.count_rows(session, query),
        sensitive_fields=exporter.sensitive_fields,
    )
    return await _respond(request.app.state.database, export, query, exporter)


@router.get("/cases", response_class=StreamingResponse)
async def export_cases(
    request: Request,
    session: WriteSession,
    principal: CanExport,
    cipher: CipherDep,
    filters: Annotated[case_service.CaseFilters, Depends(case_filters)],
    format: ExportFormat = ExportFormat.csv,
    encoding: ExportEncoding = ExportEncoding.utf8_bom,
    sort: SortParameter = None,
) -> StreamingResponse:
    """Download the case list as CSV or XLSX."""
    export = ExportRequest("cases", format, encoding, service.filters_as_dict(filters), sort)
    query = service.case_query(principal, cipher, filters, sort)
    exporter = service.CaseExport(
        await service.partner_names(session), await service.department_names(session)
    )
    await service.record_export(
        session,
        principal,
        export,
        row_count=await service.count_rows(session, query),
        sensitive_fields=[],
    )
    return await _respond(request.app.state.database, export, query, exporter)
