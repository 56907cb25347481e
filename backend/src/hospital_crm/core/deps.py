"""FastAPI dependencies: sessions, the current principal and permission checks."""

from collections.abc import AsyncIterator, Callable, Coroutine
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from hospital_crm.auth.service import authenticate_access_token, record_denied_access
from hospital_crm.core.cache import Cache
from hospital_crm.core.config import Settings
from hospital_crm.core.context import Principal
from hospital_crm.core.crypto import FieldCipher
from hospital_crm.core.db import AsyncReadSession, AsyncSession, Database
from hospital_crm.core.errors import AppError, NotAuthenticated, PermissionDenied
from hospital_crm.core.permissions import Permission


def get_settings_dependency(request: Request) -> Settings:
    return request.app.state.settings


def get_database(request: Request) -> Database:
    return request.app.state.database


def get_cache(request: Request) -> Cache:
    return request.app.state.cache


def get_cipher(request: Request) -> FieldCipher:
    return request.app.state.cipher


SettingsDep = Annotated[Settings, Depends(get_settings_dependency)]
DatabaseDep = Annotated[Database, Depends(get_database)]
CacheDep = Annotated[Cache, Depends(get_cache)]
CipherDep = Annotated[FieldCipher, Depends(get_cipher)]


async def _write_session(database: DatabaseDep) -> AsyncIterator[AsyncSession]:
    """Open the request's transaction, commit it before the response is sent, roll back on error.

    Errors marked `keep_changes` (a failed login, a denied access) still commit, so
    the counters and audit rows written before them persist.
    """
    async with database.sessionmaker() as session:
        try:
            yield session
        except AppError as error:
            if error.keep_changes:
                await session.commit()
            else:
                await session.rollback()
            raise
        except BaseException:
            await session.rollback()
            raise
        else:
            await session.commit()


async def _read_session(database: DatabaseDep) -> AsyncIterator[AsyncReadSession]:
    async with database.read_sessionmaker() as session:
        yield session


# scope="function": the commit happens before the response is sent, so a failed commit
# (an audit row included) turns into an error response instead of a silent loss.
WriteSession = Annotated[AsyncSession, Depends(_write_session, scope="function")]
ReadSession = Annotated[AsyncReadSession, Depends(_read_session, scope="function")]

bearer_scheme = HTTPBearer(
    auto_error=False, description="Access token from POST /api/v1/auth/login"
)


async def get_principal(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)],
) -> Principal:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise NotAuthenticated()
    principal = await authenticate_access_token(
        credentials.credentials,
        settings=request.app.state.settings,
        database=request.app.state.database,
        cache=request.app.state.cache,
    )
    # Read by the request log middleware.
    request.state.user_id = principal.user_id
    return principal


CurrentPrincipal = Annotated[Principal, Depends(get_principal)]


def require(permission: Permission) -> Callable[..., Coroutine[Any, Any, Principal]]:
    """A dependency that returns the principal when their role has `permission`."""

    async def dependency(request: Request, principal: CurrentPrincipal) -> Principal:
        if principal.must_change_password:
            raise PermissionDenied(
                "Set a new password first (POST /api/v1/users/me/password).",
                code="password_change_required",
            )
        if not principal.can(permission):
            await record_denied_access(
                request.app.state.database, principal, permission, request.url.path
            )
        return principal

    dependency.__name__ = f"require_{permission.name}"
    return dependency
