from typing import Literal

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from hospital_crm.core.deps import CacheDep, DatabaseDep

router = APIRouter(tags=["health"])


class HealthOut(BaseModel):
    status: Literal["ok", "unavailable"]
    database: Literal["ok", "unavailable"]
    cache: Literal["ok", "disabled", "unavailable"]


async def _readiness(database: DatabaseDep, cache: CacheDep) -> JSONResponse:
    try:
        async with database.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
        database_status = "ok"
    except (SQLAlchemyError, OSError):
        database_status = "unavailable"
    if cache.name == "memory":
        cache_status = "disabled"
    else:
        cache_status = "ok" if await cache.ping() else "unavailable"

    # An unreachable Redis degrades caching only, so the instance still takes traffic.
    ready = database_status == "ok"
    body = HealthOut(
        status="ok" if ready else "unavailable", database=database_status, cache=cache_status
    )
    return JSONResponse(
        body.model_dump(), status_code=200 if ready else 503, headers={"Cache-Control": "no-store"}
    )


@router.get("/health", response_model=HealthOut, responses={503: {"model": HealthOut}})
async def health(database: DatabaseDep, cache: CacheDep) -> JSONResponse:
    """Check readiness: 200 when the database responds, 503 when it does not."""
    return await _readiness(database, cache)


@router.get("/health/ready", response_model=HealthOut, responses={503: {"model": HealthOut}})
async def ready(database: DatabaseDep, cache: CacheDep) -> JSONResponse:
    """Readiness for the load balancer; the same check as /health."""
    return await _readiness(database, cache)


@router.get("/health/live")
async def live() -> dict[str, str]:
    """Check liveness without touching any dependency, so a database outage restarts no container."""
    return {"status": "ok"}
