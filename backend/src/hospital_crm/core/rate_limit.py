"""Request rate limit per client address, counted in the cache (Redis when configured).

A fixed one-minute window: cheap, and precise enough to stop a runaway script. With
Redis down the counter is unavailable and requests pass; the failed-login limits,
which protect accounts, are kept in the database and hold regardless.
"""

import time

import structlog
from starlette.types import ASGIApp, Receive, Scope, Send

from hospital_crm.core.context import current_request

log = structlog.get_logger(__name__)

WINDOW_SECONDS = 60


class RateLimitMiddleware:
    def __init__(self, app: ASGIApp, *, requests_per_minute: int) -> None:
        self.app = app
        self.limit = requests_per_minute

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/api/") or self.limit <= 0:
            await self.app(scope, receive, send)
            return

        client_ip = current_request.get().client_ip or "unknown"
        window = int(time.time() // WINDOW_SECONDS)
        cache = scope["app"].state.cache
        count = await cache.increment(f"ratelimit:{client_ip}:{window}", WINDOW_SECONDS + 5)
        if count is not None and count > self.limit:
            if count == self.limit + 1:
                log.warning("http.rate_limited", client_ip=client_ip, limit=self.limit)
            await self._reject(scope, send)
            return
        await self.app(scope, receive, send)

    async def _reject(self, scope: Scope, send: Send) -> None:
        retry_after = WINDOW_SECONDS - int(time.time()) % WINDOW_SECONDS
        body = (
            b'{"error":{"code":"rate_limited","message":"Too many requests; try again shortly.","fields":[]},'
            b'"request_id":"' + (current_request.get().request_id or "").encode() + b'"}'
        )
        await send(
            {
                "type": "http.response.start",
                "status": 429,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"retry-after", str(retry_after).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
