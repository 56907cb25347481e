"""Request id, client address and one JSON log line per request."""

import re
import time
import uuid

import structlog
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hospital_crm.core.context import RequestInfo, current_request

log = structlog.get_logger("hospital_crm.request")

REQUEST_ID_HEADER = b"x-request-id"
# A client-supplied id is kept only when it looks like one, so it cannot inject into logs.
_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestContextMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        headers = dict(scope.get("headers") or [])
        supplied = headers.get(REQUEST_ID_HEADER, b"").decode("latin-1")
        request_id = supplied if _SAFE_REQUEST_ID.match(supplied) else uuid.uuid4().hex
        client = scope.get("client")
        info = RequestInfo(
            request_id=request_id,
            client_ip=client[0] if client else None,
            user_agent=headers.get(b"user-agent", b"").decode("latin-1")[:400] or None,
        )
        token = current_request.set(info)
        # Starlette sends the response to an unhandled error outside this middleware, after
        # the context var is reset, so that handler reads the id from the request state.
        scope.setdefault("state", {})["request_id"] = request_id
        structlog.contextvars.bind_contextvars(request_id=request_id)
        started = time.perf_counter()
        status_code = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status_code
            if message["type"] == "http.response.start":
                status_code = message["status"]
                message.setdefault("headers", [])
                message["headers"].append((REQUEST_ID_HEADER, request_id.encode()))
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            state = scope.get("state") or {}
            log.info(
                "http.request",
                method=scope["method"],
                path=scope["path"],
                status=status_code,
                duration_ms=round((time.perf_counter() - started) * 1000, 1),
                user_id=str(state["user_id"]) if state.get("user_id") else None,
                client_ip=info.client_ip,
            )
            structlog.contextvars.unbind_contextvars("request_id")
            current_request.reset(token)
