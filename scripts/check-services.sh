#!/usr/bin/env bash
# Fail with the start command when PostgreSQL or Redis is not running; the tests need both.
set -euo pipefail

postgres_url="${TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/test}"
redis_host="${TEST_REDIS_HOST:-127.0.0.1}"
redis_port="${TEST_REDIS_PORT:-6379}"
missing=0

if ! backend/.venv/bin/python - "$postgres_url" <<'PY'
import asyncio, sys
import asyncpg

async def main() -> None:
    connection = await asyncpg.connect(sys.argv[1], timeout=5)
    await connection.close()

asyncio.run(main())
PY
then
    echo "PostgreSQL is not reachable at $postgres_url." >&2
    echo "  Start it with: pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start" >&2
    missing=1
fi

if ! backend/.venv/bin/python -c "import redis, sys; redis.Redis(host=sys.argv[1], port=int(sys.argv[2]), socket_connect_timeout=2).ping()" "$redis_host" "$redis_port" 2>/dev/null; then
    echo "Redis is not reachable at $redis_host:$redis_port." >&2
    echo "  Start it with: redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save \"\" --appendonly no" >&2
    missing=1
fi

exit "$missing"
