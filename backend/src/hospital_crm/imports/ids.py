"""Time-ordered UUIDs (version 7, RFC 9562) for the rows an import inserts.

A bulk import adds 100,000 patients with about 17 search terms each. With random
version 4 ids, every new key of the primary key indexes, and every foreign key check
against them, lands on a random index page. Version 7 ids grow with time, so the
inserts append to the right edge of each index. On the import benchmark this halved
the time PostgreSQL spent inserting search terms.
"""

import os
import threading
import time
import uuid

_lock = threading.Lock()
_last = 0


def uuid7() -> uuid.UUID:
    """Return a version 7 UUID that is greater than any returned before in this process.

    The first 48 bits are the Unix time in milliseconds. The 12 bits after the version
    are a counter within the millisecond (RFC 9562, section 6.2, method 1), and the
    last 62 bits are random.
    """
    global _last
    random_bits = int.from_bytes(os.urandom(8)) & ((1 << 62) - 1)
    with _lock:
        candidate = time.time_ns() // 1_000_000 << 12
        # Within one millisecond, or when the clock steps back, count up from the last id.
        sequence = max(candidate, _last + 1)
        _last = sequence
    milliseconds, counter = sequence >> 12, sequence & 0xFFF
    value = (milliseconds << 80) | (0x7 << 76) | (counter << 64) | (0b10 << 62) | random_bits
    return uuid.UUID(int=value)
