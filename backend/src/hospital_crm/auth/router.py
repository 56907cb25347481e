from typing import Annotated

from fastapi import APIRouter, Body, Cookie, Depends, Response, status
from fastapi.security import HTTPAuthorizationCredentials

from hospital_crm.auth import service
from hospital_crm.auth.schemas import LoginRequest, RefreshRequest, TokenResponse
from hospital_crm.core.deps import CacheDep, DatabaseDep, SettingsDep, WriteSession, bearer_scheme
from hospital_crm.core.errors import InvalidToken
from hospital_crm.core.models import utc_now
from hospital_crm.users.schemas import UserOut

router = APIRouter(prefix="/auth", tags=["auth"])

REFRESH_COOKIE = "hospital_crm_refresh"
REFRESH_COOKIE_PATH = "/api/v1/auth"


def _respond(
    tokens: service.IssuedTokens, response: Response, *, use_cookie: bool
) -> TokenResponse:
    if use_cookie:
        response.set_cookie(
            REFRESH_COOKIE,
            tokens.refresh_token,
            max_age=int((tokens.refresh_expires_at - utc_now()).total_seconds()),
            path=REFRESH_COOKIE_PATH,
            httponly=True,
            secure=True,
            samesite="strict",
        )
    response.headers["Cache-Control"] = "no-store"
    return TokenResponse(
        access_token=tokens.access_token,
        expires_in=tokens.access_lifetime_seconds,
        refresh_token=None if use_cookie else tokens.refresh_token,
        refresh_expires_at=tokens.refresh_expires_at,
        user=UserOut.model_validate(tokens.user),
    )


@router.post("/login", response_model=TokenResponse, response_model_exclude_none=True)
async def login(
    data: LoginRequest, response: Response, session: WriteSession, settings: SettingsDep
) -> object:
    """Log in with email and password."""
    tokens = await service.login(session, settings, email=data.email, password=data.password)
    return _respond(tokens, response, use_cookie=data.session_cookie)


@router.post("/refresh", response_model=TokenResponse, response_model_exclude_none=True)
async def refresh(
    response: Response,
    session: WriteSession,
    settings: SettingsDep,
    cache: CacheDep,
    data: Annotated[RefreshRequest | None, Body()] = None,
    cookie_token: Annotated[str | None, Cookie(alias=REFRESH_COOKIE)] = None,
) -> object:
    """Exchange a refresh token (cookie or body) for a new pair; the old one is spent."""
    token = cookie_token or (data.refresh_token if data else None)
    if not token:
        raise InvalidToken("No refresh token was sent.", code="refresh_token_missing")
    tokens = await service.refresh(session, settings, cache, refresh_token=token)
    return _respond(
        tokens, response, use_cookie=cookie_token is not None or bool(data and data.session_cookie)
    )


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT)
async def logout(
    response: Response,
    session: WriteSession,
    settings: SettingsDep,
    cache: CacheDep,
    database: DatabaseDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)],
    data: Annotated[RefreshRequest | None, Body()] = None,
    cookie_token: Annotated[str | None, Cookie(alias=REFRESH_COOKIE)] = None,
) -> None:
    """End the session of the access token, or of the refresh token (cookie or body)."""
    token = cookie_token or (data.refresh_token if data else None)
    if token:
        await service.logout_by_refresh_token(session, settings, cache, token)
    elif credentials is not None:
        principal = await service.authenticate_access_token(
            credentials.credentials, settings=settings, database=database, cache=cache
        )
        await service.logout(session, cache, principal)
    response.delete_cookie(
        REFRESH_COOKIE, path=REFRESH_COOKIE_PATH, httponly=True, secure=True, samesite="strict"
    )
