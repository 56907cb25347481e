"""Page-based pagination and whitelisted sorting for list endpoints."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel
from sqlalchemy import Select, func, select
from sqlalchemy.sql.elements import ColumnElement

from hospital_crm.core.db import AsyncReadSession
from hospital_crm.core.errors import ValidationFailed

T = TypeVar("T")
MAX_PAGE_SIZE = 200


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


class PageOut(BaseModel, Generic[T]):
    items: list[T]
    total: int
    page: int
    page_size: int


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
) -> Page[Any]:
    total = await session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    ordered = query.order_by(*sort_clause(params.sort, sort_columns or {}, default_order))
    paged = ordered.limit(params.page_size).offset(params.offset)
    result = await session.execute(paged)
    items = result.scalars().all() if scalars else result.all()
    return Page(items=items, total=total or 0, page=params.page, page_size=params.page_size)
