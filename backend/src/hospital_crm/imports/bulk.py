"""Insert many rows in the caller's transaction: COPY on PostgreSQL, executemany elsewhere."""

import enum
import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import JSON, Table, insert

from hospital_crm.core.db import AsyncSession


async def insert_rows(session: AsyncSession, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert rows that all have the same keys.

    COPY bypasses SQLAlchemy's type processing, so every value must already be what
    the column stores: aware UTC datetimes, enum members (sent as their values) and
    JSON documents (sent as text). SQLite goes through a normal executemany INSERT.
    """
    if not rows:
        return
    if session.bind.dialect.name != "postgresql":
        await session.execute(insert(table), list(rows))
        return

    columns = list(rows[0])
    json_columns = {name for name in columns if isinstance(table.c[name].type, JSON)}
    records = [
        tuple(_copy_value(row[name], name in json_columns) for name in columns) for row in rows
    ]
    connection = await session.connection()
    raw = await connection.get_raw_connection()
    await raw.driver_connection.copy_records_to_table(table.name, records=records, columns=columns)


def _copy_value(value: Any, is_json: bool) -> Any:
    if is_json:
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, enum.Enum):
        return value.value
    return value
