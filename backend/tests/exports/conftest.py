from collections.abc import AsyncIterator

import pytest
from fastapi import FastAPI

from hospital_crm.app import create_app
from hospital_crm.core.config import Settings
from hospital_crm.exports.router import router as exports_router


@pytest.fixture
async def app(settings: Settings) -> AsyncIterator[FastAPI]:
    """The application, with the exports router included if app.py does not include it yet."""
    application = create_app(settings)
    if not any(
        getattr(route, "path", "").startswith("/api/v1/exports") for route in application.routes
    ):
        application.include_router(exports_router, prefix="/api/v1")
    async with application.router.lifespan_context(application):
        yield application
