"""Request body size limit, checked before a route reads and parses the body.

Without it a client can make the server read and parse a body of any size (a 60 MB
JSON document is decoded in full before field validation rejects it).
"""

import json
from collections.abc import Mapping

import structlog
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hospital_crm.core.context import current_request
from hospital_crm.core.errors import RequestTooLarge

log = structlog.get_logger(__name__)


class BodySizeLimitMiddleware:
    """Reject a body over the limit for its path with 413 `request_too_large`.

    A declared Content-Length over the limit is rejected before any byte is read. A
    body without one (chunked transfer) is counted as it arrives, and reading stops at
    the first chunk that crosses the limit. `path_limits` sets the limit for exact
    paths, such as the spreadsheet upload, and every other path gets `max_body_bytes`.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_body_bytes: int,
        path_limits: Mapping[str, int] | None = None,
    ) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.path_limits = dict(path_limits or {})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        limit = self.path_limits.get(scope["path"], self.max_body_bytes)
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await _reject(scope, send, limit, declared)
            return

        received = 0
        exceeded = False
        response_started = False

        async def receive_within_limit() -> Message:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    exceeded = True
                    raise RequestTooLarge(limit)
            return message

        async def send_unless_rejected(message: Message) -> None:
            nonlocal response_started
            # The route turns the interrupted read into an error response of its own
            # (FastAPI returns 400), which the 413 below replaces.
            if exceeded and not response_started:
                return
            if message["type"] == "http.response.start":
                response_started = True
            await send(message)

        try:
            await self.app(scope, receive_within_limit, send_unless_rejected)
        except Exception:
            if not exceeded or response_started:
                raise
        if exceeded and not response_started:
            await _reject(scope, send, limit, received)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers") or []:
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _reject(scope: Scope, send: Send, limit: int, size: int) -> None:
    log.warning("http.request_too_large", path=scope["path"], size=size, limit=limit)
    body = json.dumps(
        {
            "error": RequestTooLarge(limit).to_dict(),
            "request_id": current_request.get().request_id,
        }
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                # The rest of the body stays unread, so the connection cannot carry another request.
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
