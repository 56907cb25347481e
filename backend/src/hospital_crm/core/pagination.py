"""Page-based pagination and whitelisted sorting for list endpoints."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel, Field
from sqlalchemy import Select, func, select
from sqlalchemy.sql.elements import ColumnElement

from hospital_crm.core.db import AsyncReadSession
from hospital_crm.core.errors import ValidationFailed

T = TypeVar("T")
MAX_PAGE_SIZE = 200

# Patient and case lists stop counting at this many rows. Beyond it the screen shows
# "1,000件以上", because an exact 6,036 would not change what the user does next.
LIST_COUNT_LIMIT = 1000


@dataclass(frozen=True)
class PageParams:
    page: int = 1
    page_size: int = 50
    sort: str | None = None

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


def page_params(
    page: Annotated[int, Query(ge=1, description="1-based page number")] = 1,
    page_size: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="Rows per page")] = 50,
    sort: Annotated[
        str | None, Query(description="Field to sort by; prefix with '-' for descending")
    ] = None,
) -> PageParams:
    return PageParams(page=page, page_size=page_size, sort=sort)


@dataclass
class Page(Generic[T]):
    items: Sequence[T]
    total: int
    page: int
    page_size: int
    total_exact: bool = True


class PageOut(BaseModel, Generic[T]):
    items: list[T]
    total: int = Field(
        description="Matching rows; a lower bound when `total_exact` is false",
    )
    page: int
    page_size: int
    total_exact: bool = Field(
        default=True,
        description=(
            "False when counting stopped early: at least `total` rows match, and more "
            "pages may follow the last one that `total` implies"
        ),
    )


def sort_clause(
    sort: str | None, columns: Mapping[str, ColumnElement[Any] | Any], default: Any
) -> list[Any]:
    """Turn `sort=-created_at` into ORDER BY terms, accepting only the listed fields."""
    if not sort:
        return [default]
    descending = sort.startswith("-")
    name = sort.lstrip("-+")
    column = columns.get(name)
    if column is None:
        raise ValidationFailed.single(
            ["query", "sort"],
            "invalid_sort",
            f"Cannot sort by {name!r}; use one of: {', '.join(sorted(columns))}.",
        )
    return [column.desc() if descending else column.asc(), default]


async def paginate(
    session: AsyncReadSession,
    query: Select[Any],
    params: PageParams,
    *,
    default_order: Any,
    sort_columns: Mapping[str, Any] | None = None,
    scalars: bool = True,
    count_limit: int | None = None,
    key: Any = None,
) -> Page[Any]:
    """Return one page and the number of matching rows.

    With `count_limit`, counting stops after that many rows, or after the end of the
    requested page when that is further. A broad search then costs a bounded count
    instead of visiting every match, and the page marks its total as a lower bound.

    With `key`, the primary key column, the page's keys are selected first and their rows
    loaded afterwards. The sort can then run on a narrow covering index, and only the
    page's rows are read from the table.
    """
    counted = query.order_by(None)
    limit = None
    if count_limit is not None:
        limit = max(count_limit, params.offset + params.page_size)
        counted = counted.limit(limit + 1)
    total = await session.scalar(select(func.count()).select_from(counted.subquery())) or 0
    exact = limit is None or total <= limit

    order = sort_clause(params.sort, sort_columns or {}, default_order)
    if key is not None:
        items = await _page_by_key(session, query, order, params, key)
    else:
        paged = query.order_by(*order).limit(params.page_size).offset(params.offset)
        result = await session.execute(paged)
        items = result.scalars().all() if scalars else result.all()
    return Page(
        items=items,
        total=total if exact else limit or 0,
        page=params.page,
        page_size=params.page_size,
        total_exact=exact,
    )


async def _page_by_key(
    session: AsyncReadSession, query: Select[Any], order: list[Any], params: PageParams, key: Any
) -> list[Any]:
    keys_query = query.with_only_columns(key).order_by(*order)
    keys = list(await session.scalars(keys_query.limit(params.page_size).offset(params.offset)))
    if not keys:
        return []

    rows = {getattr(row, key.key): row for row in await session.scalars(query.where(key.in_(keys)))}
    return [rows[value] for value in keys if value in rows]
