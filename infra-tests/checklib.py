"""Shared helpers for the infrastructure checks.

Every check program prints one line per assertion, starting with ``PASS `` or
``FAIL ``, and exits non-zero when any assertion failed. run.sh counts those
lines.
"""

from __future__ import annotations

import socket
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


class Results:
    """Collects assertion outcomes and prints them in the runner's format."""

    def __init__(self) -> None:
        self.failures = 0

    def check(self, name: str, condition: bool, detail: str = "") -> bool:
        if condition:
            print(f"PASS {name}", flush=True)
        else:
            self.failures += 1
            suffix = f": {detail}" if detail else ""
            print(f"FAIL {name}{suffix}", flush=True)
        return condition

    def exit(self) -> None:
        sys.exit(1 if self.failures else 0)


def free_loopback_port() -> int:
    """Return a TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
