"""A small key-value cache: Redis when REDIS_URL is set, else an in-process dictionary.

Nothing the application must not lose lives only here. When Redis is unreachable
every call behaves as a cache miss, so callers fall back to the database.
"""

import time
from typing import Protocol

import redis.asyncio as redis
import structlog
from redis.exceptions import RedisError

log = structlog.get_logger(__name__)

# Seconds between two warnings about an unreachable Redis, so an outage does not flood the log.
REDIS_WARNING_INTERVAL = 60.0


class Cache(Protocol):
    name: str

    async def get(self, key: str) -> str | None: ...
    async def set(self, key: str, value: str, ttl_seconds: int) -> None: ...
    async def delete(self, key: str) -> None: ...
    async def increment(self, key: str, ttl_seconds: int) -> int | None: ...
    async def ping(self) -> bool: ...
    async def close(self) -> None: ...


class MemoryCache:
    """Process-local cache for a single-process installation; entries expire lazily."""

    name = "memory"

    def __init__(self, max_entries: int = 100_000) -> None:
        self._entries: dict[str, tuple[float, str]] = {}
        self._max_entries = max_entries

    async def get(self, key: str) -> str | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        expires_at, value = entry
        if expires_at < time.monotonic():
            self._entries.pop(key, None)
            return None
        return value

    async def set(self, key: str, value: str, ttl_seconds: int) -> None:
        if len(self._entries) >= self._max_entries:
            self._evict_expired()
        if len(self._entries) >= self._max_entries:
            self._entries.pop(next(iter(self._entries)))
        self._entries[key] = (time.monotonic() + ttl_seconds, value)

    async def delete(self, key: str) -> None:
        self._entries.pop(key, None)

    async def increment(self, key: str, ttl_seconds: int) -> int | None:
        """Add one to a counter that starts with the first call and expires after `ttl_seconds`."""
        current = await self.get(key)
        if current is None:
            await self.set(key, "1", ttl_seconds)
            return 1
        expires_at, _ = self._entries[key]
        self._entries[key] = (expires_at, str(int(current) + 1))
        return int(current) + 1

    async def ping(self) -> bool:
        return True

    async def close(self) -> None:
        self._entries.clear()

    def _evict_expired(self) -> None:
        now = time.monotonic()
        for key in [key for key, (expires_at, _) in self._entries.items() if expires_at < now]:
            del self._entries[key]


class RedisCache:
    name = "redis"

    def __init__(self, url: str) -> None:
        self._client = redis.from_url(
            url, decode_responses=True, socket_connect_timeout=1.0, socket_timeout=1.0
        )
        self._last_warning = 0.0

    def _warn(self, operation: str, error: RedisError) -> None:
        now = time.monotonic()
        if now - self._last_warning >= REDIS_WARNING_INTERVAL:
            self._last_warning = now
            log.warning("cache.redis_unavailable", operation=operation, error=type(error).__name__)

    async def get(self, key: str) -> str | None:
        try:
            return await self._client.get(key)
        except RedisError as error:
            self._warn("get", error)
            return None

    async def set(self, key: str, value: str, ttl_seconds: int) -> None:
        try:
            await self._client.set(key, value, ex=ttl_seconds)
        except RedisError as error:
            self._warn("set", error)

    async def delete(self, key: str) -> None:
        try:
            await self._client.delete(key)
        except RedisError as error:
            self._warn("delete", error)

    async def increment(self, key: str, ttl_seconds: int) -> int | None:
        try:
            async with self._client.pipeline(transaction=True) as pipeline:
                pipeline.incr(key)
                pipeline.expire(key, ttl_seconds, nx=True)
                count, _ = await pipeline.execute()
            return int(count)
        except RedisError as error:
            self._warn("increment", error)
            return None

    async def ping(self) -> bool:
        try:
            return bool(await self._client.ping())
        except RedisError as error:
            self._warn("ping", error)
            return False

    async def close(self) -> None:
        await self._client.aclose()


def create_cache(redis_url: str | None) -> Cache:
    return RedisCache(redis_url) if redis_url else MemoryCache()
