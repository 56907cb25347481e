"""The FastAPI application: API under /api/v1, health checks, and the built web app at /."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import fastapi_offline
import structlog
from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.staticfiles import StaticFiles
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from hospital_crm import __version__
from hospital_crm.activities.router import router as activities_router
from hospital_crm.audit.router import router as audit_router
from hospital_crm.auth.router import router as auth_router
from hospital_crm.cases.router import router as cases_router
from hospital_crm.core.body_limit import BodySizeLimitMiddleware
from hospital_crm.core.cache import create_cache
from hospital_crm.core.config import Settings, get_settings
from hospital_crm.core.context import current_request
from hospital_crm.core.crypto import FieldCipher
from hospital_crm.core.db import create_database, refresh_sqlite_statistics
from hospital_crm.core.errors import AppError
from hospital_crm.core.logging import configure_logging
from hospital_crm.core.middleware import RequestContextMiddleware
from hospital_crm.core.rate_limit import RateLimitMiddleware
from hospital_crm.departments.router import router as departments_router
from hospital_crm.exports.router import router as exports_router
from hospital_crm.health.router import router as health_router
from hospital_crm.imports.router import router as imports_router
from hospital_crm.imports.service import MAX_UPLOAD_REQUEST_BYTES
from hospital_crm.partners.router import router as partners_router
from hospital_crm.patients.router import router as patients_router
from hospital_crm.reports.router import router as reports_router
from hospital_crm.tasks.router import router as tasks_router
from hospital_crm.users.router import router as users_router

log = structlog.get_logger(__name__)

DEFAULT_FRONTEND_DIST = Path(__file__).resolve().parents[3] / "frontend" / "dist"
# The Vite build inlines no scripts; Ant Design sets inline styles, so style-src needs 'unsafe-inline'.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; "
    "object-src 'none'"
)
# Swagger UI starts from an inline script that FastAPI writes into the page.
DOCS_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
    "object-src 'none'"
)
DOCS_ASSETS = Path(fastapi_offline.__file__).parent / "static"


def _error_response(status_code: int, body: dict[str, object]) -> JSONResponse:
    return JSONResponse(
        {"error": body, "request_id": current_request.get().request_id}, status_code=status_code
    )


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AppError)
    async def app_error(_request: Request, error: AppError) -> JSONResponse:
        return _error_response(error.status_code, error.to_dict())

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, error: RequestValidationError) -> JSONResponse:
        fields = [
            {
                "path": list(item["loc"]),
                "code": item["type"],
                "message": item["msg"].removeprefix("Value error, "),
            }
            for item in error.errors()
        ]
        return _error_response(
            422,
            {"code": "validation_failed", "message": "Some values are invalid.", "fields": fields},
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, error: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed"}.get(error.status_code, "http_error")
        return _error_response(
            error.status_code, {"code": code, "message": str(error.detail), "fields": []}
        )

    @app.exception_handler(Exception)
    async def unexpected_error(request: Request, error: Exception) -> JSONResponse:
        # The traceback goes to the log with the request id, and the client gets only the id.
        request_id = getattr(request.state, "request_id", None)
        log.error(
            "http.unhandled_error",
            error_type=type(error).__name__,
            request_id=request_id,
            exc_info=error,
        )
        response = JSONResponse(
            {
                "error": {
                    "code": "internal_error",
                    "message": "An unexpected error occurred.",
                    "fields": [],
                },
                "request_id": request_id,
            },
            status_code=500,
        )
        if request_id:
            response.headers["X-Request-ID"] = request_id
        return response


def _api_router() -> APIRouter:
    api = APIRouter(prefix="/api/v1")
    for router in (
        auth_router,
        users_router,
        departments_router,
        partners_router,
        patients_router,
        cases_router,
        activities_router,
        tasks_router,
        audit_router,
        reports_router,
        imports_router,
        exports_router,
    ):
        api.include_router(router)
    return api


def _mount_frontend(app: FastAPI, dist: Path) -> None:
    """Serve the built web app; unknown paths return index.html so client-side routes load."""
    index = dist / "index.html"
    if not index.is_file():
        # An API-only container (the web app served by nginx) has no dist folder.
        log.info("frontend.not_served", path=str(dist))
        return
    if (dist / "assets").is_dir():
        app.mount("/assets", StaticFiles(directory=dist / "assets"), name="assets")

    @app.get("/{path:path}", include_in_schema=False)
    def spa(path: str) -> FileResponse:
        if path.startswith(("api/", "health")):
            raise StarletteHTTPException(status_code=404, detail="Not Found")
        candidate = (dist / path).resolve()
        if path and candidate.is_file() and candidate.is_relative_to(dist.resolve()):
            return FileResponse(candidate)
        return FileResponse(index, headers={"Cache-Control": "no-cache"})


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    configure_logging(settings.log_level)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.settings = settings
        app.state.database = create_database(settings)
        app.state.cache = create_cache(settings.redis_url)
        if settings.uses_sqlite:
            await refresh_sqlite_statistics(app.state.database)
        app.state.cipher = FieldCipher(
            settings.encryption_key_bytes(), settings.previous_encryption_keys()
        )
        log.info(
            "app.started",
            environment=settings.app_env.value,
            database=app.state.database.engine.dialect.name,
            cache=app.state.cache.name,
            version=__version__,
        )
        try:
            yield
        finally:
            await app.state.cache.close()
            await app.state.database.dispose()
            log.info("app.stopped")

    app = FastAPI(
        title="Hospital CRM API",
        version=__version__,
        description="International patient CRM: patients, inquiries (cases), tasks, timeline and audit.",
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    _install_error_handlers(app)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):  # type: ignore[no-untyped-def]
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        policy = (
            DOCS_CONTENT_SECURITY_POLICY
            if request.url.path.startswith("/api/docs")
            else CONTENT_SECURITY_POLICY
        )
        response.headers.setdefault("Content-Security-Policy", policy)
        if request.url.path.startswith("/api/"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_credentials=True,
            allow_methods=["GET", "POST", "PATCH", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "X-Request-ID"],
            expose_headers=["X-Request-ID", "Content-Disposition"],
        )
    app.add_middleware(
        BodySizeLimitMiddleware,
        max_body_bytes=settings.max_request_body_bytes,
        path_limits={"/api/v1/imports/uploads": MAX_UPLOAD_REQUEST_BYTES},
    )
    app.add_middleware(RateLimitMiddleware, requests_per_minute=settings.rate_limit_per_minute)
    app.add_middleware(RequestContextMiddleware)
    if settings.trusted_proxies:
        # Added last, so it runs first and the request context gets the client address from X-Forwarded-For.
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=settings.trusted_proxies)

    app.include_router(health_router)
    _install_docs(app)
    app.include_router(_api_router())
    _mount_frontend(app, settings.frontend_dist or DEFAULT_FRONTEND_DIST)
    return app


def _install_docs(app: FastAPI) -> None:
    """Serve Swagger UI at /api/docs from files installed with the backend, not from a CDN."""
    app.mount("/api/docs/assets", StaticFiles(directory=DOCS_ASSETS), name="docs-assets")

    @app.get("/api/docs", include_in_schema=False)
    async def api_docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/api/openapi.json",
            title=f"{app.title} - Swagger UI",
            swagger_js_url="/api/docs/assets/swagger-ui-bundle.js",
            swagger_css_url="/api/docs/assets/swagger-ui.css",
            swagger_favicon_url="/api/docs/assets/favicon.png",
        )
