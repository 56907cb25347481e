"""Errors the API returns, each with an HTTP status and a stable code the UI translates.

Every error response has the shape
`{"error": {"code", "message", "fields": [...], ...extra}, "request_id"}`.
"""

from collections.abc import Sequence
from typing import Any


class AppError(Exception):
    status_code = 400
    code = "bad_request"
    message = "The request is invalid."

    def __init__(
        self,
        message: str | None = None,
        *,
        code: str | None = None,
        fields: Sequence["FieldError"] = (),
        keep_changes: bool = False,
        **extra: Any,
    ) -> None:
        self.message = message or self.message
        self.code = code or self.code
        self.fields = list(fields)
        # The request's transaction still commits, so records written before the error
        # (a failed-login counter, a denied-access audit row) are kept.
        self.keep_changes = keep_changes
        self.extra = extra
        super().__init__(self.message)

    def to_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "code": self.code,
            "message": self.message,
            "fields": [field.to_dict() for field in self.fields],
        }
        body.update(self.extra)
        return body


class FieldError:
    """One invalid value, located by its path in the request (for example ["body", "email"])."""

    def __init__(self, path: Sequence[str | int], code: str, message: str) -> None:
        self.path = list(path)
        self.code = code
        self.message = message

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "code": self.code, "message": self.message}


class ValidationFailed(AppError):
    status_code = 422
    code = "validation_failed"
    message = "Some values are invalid."

    @classmethod
    def single(cls, path: Sequence[str | int], code: str, message: str) -> "ValidationFailed":
        return cls(message, fields=[FieldError(path, code, message)])


class NotAuthenticated(AppError):
    status_code = 401
    code = "not_authenticated"
    message = "Log in to continue."


class InvalidCredentials(AppError):
    status_code = 401
    code = "invalid_credentials"
    message = "The email address or password is incorrect."


class SessionExpired(AppError):
    status_code = 401
    code = "session_expired"
    message = "The session has ended; log in again."


class InvalidToken(AppError):
    status_code = 401
    code = "invalid_token"
    message = "The token is invalid or has expired."


class PermissionDenied(AppError):
    status_code = 403
    code = "permission_denied"
    message = "Your role does not allow this action."


class NotFound(AppError):
    status_code = 404
    code = "not_found"
    message = "The requested resource does not exist."


class Conflict(AppError):
    status_code = 409
    code = "conflict"
    message = "The request conflicts with the current state."


class AccountLocked(AppError):
    status_code = 423
    code = "account_locked"
    message = "The account is locked after too many failed logins; try again later."


class TooManyAttempts(AppError):
    status_code = 429
    code = "too_many_attempts"
    message = "Too many failed logins from this address; try again later."


class ServiceUnavailable(AppError):
    status_code = 503
    code = "service_unavailable"
    message = "A service the application needs is unavailable."


class RequestTooLarge(AppError):
    status_code = 413
    code = "request_too_large"

    def __init__(self, max_bytes: int) -> None:
        super().__init__(
            f"The request body is larger than {max_bytes} bytes; send less data at once.",
            max_bytes=max_bytes,
        )
