"""The CPU-bound half of an import: parse, validate and build rows, in a worker process.

Parsing a row and building its patient (validation, encryption, search terms) costs
about twice as much as writing it. A large import therefore hands the next chunks'
preparation to worker processes while the main process writes the current chunk.
Which prepared rows become patients is decided later, by ChunkWriter, because the
duplicate check needs the database.
"""

import asyncio
import datetime as dt
import gc
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

import structlog

from hospital_crm.core.context import Principal
from hospital_crm.core.crypto import FieldCipher
from hospital_crm.imports.mapping import Column
from hospital_crm.imports.parsing import Cell
from hospital_crm.imports.reasons import RowError
from hospital_crm.imports.rows import Lookups, ParsedRow, RowParser
from hospital_crm.imports.writer import (
    CandidateKeys,
    NewPatientRows,
    candidate_keys,
    new_patient_rows,
    validate_row,
)
from hospital_crm.patients import search_keys
from hospital_crm.patients.schemas import PatientCreate

logger = structlog.get_logger(__name__)

# Files with fewer data rows are prepared in the main process: starting a worker
# (and loading pykakasi's dictionaries in it) takes longer than preparing them.
WORKER_MIN_ROWS = 5000
# Worker processes of a large import, at most. On the import benchmark two workers
# prepare rows as fast as the main process and PostgreSQL write them, so a third
# would only hold one more chunk in memory.
MAX_WORKERS = 2


@dataclass
class PreparedRow:
    row: ParsedRow
    data: PatientCreate | None = None
    keys: CandidateKeys | None = None
    # The new patient's rows, inserted when the row is not a duplicate.
    patient: NewPatientRows | None = None


@dataclass
class PrepareContext:
    """Everything a worker needs to prepare rows; it is pickled once per worker."""

    columns: list[Column]
    lookups: Lookups
    today: dt.date
    epoch: dt.datetime
    create_cases: bool | None
    principal: Principal
    current_key: bytes
    previous_keys: list[bytes]
    build_patients: bool
    # Build new patients as COPY text lines, for PostgreSQL.
    copy_text: bool = False
    # Whether the main process needs a valid row's values after preparation: only
    # on_duplicate=update applies them to an existing patient.
    keep_row_values: bool = False

    def parser(self) -> RowParser:
        return RowParser(
            self.columns,
            self.lookups,
            today=self.today,
            epoch=self.epoch,
            create_cases=self.create_cases,
        )

    def cipher(self) -> FieldCipher:
        return FieldCipher(self.current_key, self.previous_keys)


def prepare_rows(
    raw_rows: Sequence[tuple[int, list[Cell]]],
    parser: RowParser,
    cipher: FieldCipher,
    principal: Principal,
    *,
    build_patients: bool,
    copy_text: bool = False,
) -> list[PreparedRow]:
    prepared = []
    for row_number, cells in raw_rows:
        try:
            row = parser.parse(row_number, cells)
            data = None if row.rejected else validate_row(row)
        except Exception as error:
            # A value no parser expected rejects its row instead of stopping the import.
            logger.exception("import.row_failed", row_number=row_number)
            failure = RowError("unreadable_row", "", "", (("detail", type(error).__name__),))
            prepared.append(PreparedRow(ParsedRow(row_number, cells, errors=[failure])))
            continue
        if data is None:
            prepared.append(PreparedRow(row))
            continue
        item = PreparedRow(row, data, candidate_keys(data, cipher))
        if build_patients:
            item.patient = new_patient_rows(data, principal, cipher, copy_text=copy_text)
        prepared.append(item)
    return prepared


_worker_state: dict[str, Any] = {}


def _initialise_worker(context: PrepareContext) -> None:
    _worker_state["context"] = context
    _worker_state["parser"] = context.parser()
    _worker_state["cipher"] = context.cipher()
    # Load the reading dictionaries now, then exempt them and everything else loaded so
    # far from garbage collection, which would otherwise rescan them while rows churn.
    search_keys.build_name_terms(
        family_name="山田", given_name="太郎", name_latin=None, name_kana=None
    )
    gc.freeze()


def _prepare_in_worker(raw_rows: list[tuple[int, list[Cell]]]) -> list[PreparedRow]:
    context: PrepareContext = _worker_state["context"]
    prepared = prepare_rows(
        raw_rows,
        _worker_state["parser"],
        _worker_state["cipher"],
        context.principal,
        build_patients=context.build_patients,
        copy_text=context.copy_text,
    )
    # Sending a row back costs about a third of preparing it, so what the main process
    # does not need stays here: a valid row's cells and validated model, and its values
    # unless an update needs them (the model is then rebuilt from row.patient).
    for item in prepared:
        if item.keys is not None:
            # A preview lists every row with its cells, so only a real import drops them.
            if context.build_patients:
                item.row.cells = []
            item.data = None
            if not context.keep_row_values:
                item.row.patient = {}
                item.row.sources = {}
    return prepared


def worker_count(rows: int, min_rows: int = WORKER_MIN_ROWS) -> int:
    """Return how many worker processes should prepare `rows` rows: 0 prepares in-process."""
    if rows < min_rows:
        return 0
    return max(1, min(MAX_WORKERS, os.cpu_count() or 1))


class RowPreparer:
    """Prepare chunks in-process, or in worker processes for large files."""

    def __init__(self, context: PrepareContext, *, workers: int) -> None:
        self.context = context
        self.workers = workers
        self._parser = context.parser()
        self._cipher = context.cipher()
        self._pool = (
            ProcessPoolExecutor(
                max_workers=workers, initializer=_initialise_worker, initargs=(context,)
            )
            if workers
            else None
        )

    async def prepare(self, raw_rows: list[tuple[int, list[Cell]]]) -> list[PreparedRow]:
        if self._pool is None:
            return prepare_rows(
                raw_rows,
                self._parser,
                self._cipher,
                self.context.principal,
                build_patients=self.context.build_patients,
                copy_text=self.context.copy_text,
            )
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, _prepare_in_worker, raw_rows)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
