from datetime import datetime
from typing import Literal

from pydantic import Field

from hospital_crm.core.schemas import RequestSchema, Schema
from hospital_crm.users.schemas import UserOut


class LoginRequest(RequestSchema):
    email: str = Field(min_length=3, max_length=320)
    password: str = Field(min_length=1, max_length=256)
    # Browsers set this: the refresh token then travels only in an HttpOnly cookie.
    session_cookie: bool = False


class RefreshRequest(Schema):
    refresh_token: str | None = None
    session_cookie: bool = False


class TokenResponse(Schema):
    access_token: str
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 (a scheme name, not a secret)
    # Seconds until the access token expires.
    expires_in: int
    # Omitted when the refresh token was set as a cookie.
    refresh_token: str | None = None
    refresh_expires_at: datetime
    user: UserOut
