"""Insert many rows in the caller's transaction: COPY on PostgreSQL, executemany elsewhere."""

import datetime as dt
import io
import json
import operator
from collections.abc import Sequence
from typing import Any

from sqlalchemy import JSON, Table, insert

from hospital_crm.core.db import AsyncSession


async def insert_rows(session: AsyncSession, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert rows that all have the same keys.

    COPY bypasses SQLAlchemy's type processing, so every value must already be what
    the column stores: aware UTC datetimes, str-based enum members, and JSON documents,
    which are sent as text. SQLite goes through a normal executemany INSERT.
    """
    if not rows:
        return
    columns = list(rows[0])
    getter = operator.itemgetter(*columns)
    records: list[Any] = [getter(row) for row in rows]
    if len(columns) == 1:
        records = [(value,) for value in records]
    await insert_records(session, table, columns, records)


async def insert_records(
    session: AsyncSession, table: Table, columns: Sequence[str], records: Sequence[Sequence[Any]]
) -> None:
    """Insert tuples of values in the order of `columns`, with the same rules as insert_rows.

    Tuples skip building a dictionary per row, which matters for the 1.7 million search
    terms of a 100,000-row import.
    """
    if not records:
        return
    if session.bind.dialect.name != "postgresql":
        await session.execute(insert(table), [dict(zip(columns, r, strict=True)) for r in records])
        return

    json_indexes = [i for i, name in enumerate(columns) if isinstance(table.c[name].type, JSON)]
    if json_indexes:
        records = [_with_json_text(record, json_indexes) for record in records]
    connection = await session.connection()
    raw = await connection.get_raw_connection()
    await raw.driver_connection.copy_records_to_table(
        table.name, records=records, columns=list(columns)
    )


def _with_json_text(record: Sequence[Any], json_indexes: list[int]) -> list[Any]:
    values = list(record)
    for index in json_indexes:
        value = values[index]
        # Most JSON columns of an imported patient are empty; dumps is slow for them too.
        if value == {}:
            values[index] = "{}"
        elif value == []:
            values[index] = "[]"
        else:
            values[index] = json.dumps(value, ensure_ascii=False, default=str)
    return values


# Backslash escapes of PostgreSQL's COPY text format, for the characters it reserves.
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def copy_text_value(value: Any) -> str:
    """Format one value as a field of PostgreSQL's COPY text format.

    Lists and dictionaries become JSON, for json and jsonb columns. A str-based enum
    member gives its value, as with COPY's binary format.
    """
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, dict | list):
        text = json.dumps(value, ensure_ascii=False, default=str) if value else str(value)
    elif isinstance(value, dt.date):
        text = value.isoformat()
    else:
        text = str(value)
    return text.translate(_COPY_ESCAPES)


def copy_text_line(values: Sequence[Any]) -> str:
    """Format one row as a line of COPY text, its values in the order of the columns."""
    # Most values are empty or text, so those skip the function call.
    fields = [
        "\\N"
        if value is None
        else value.translate(_COPY_ESCAPES)
        if type(value) is str
        else copy_text_value(value)
        for value in values
    ]
    return "\t".join(fields) + "\n"


def copy_text_lines(first: Any, seconds: Sequence[str]) -> str:
    """Format rows of two columns that share the first value, such as a patient's search terms."""
    if not seconds:
        return ""
    prefix = copy_text_value(first) + "\t"
    escaped = [value.translate(_COPY_ESCAPES) for value in seconds]
    return prefix + ("\n" + prefix).join(escaped) + "\n"


async def copy_text(session: AsyncSession, table: Table, columns: Sequence[str], text: str) -> None:
    """Send lines made by copy_text_line to PostgreSQL with COPY ... FROM STDIN (FORMAT text)."""
    if not text:
        return
    connection = await session.connection()
    raw = await connection.get_raw_connection()
    await raw.driver_connection.copy_to_table(
        table.name, source=io.BytesIO(text.encode()), columns=list(columns), format="text"
    )
