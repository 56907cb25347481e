import time
import uuid

from hospital_crm.imports.ids import uuid7


def test_uuid7_version_and_variant() -> None:
    value = uuid7()

    assert value.version == 7
    assert value.variant == uuid.RFC_4122


def test_uuid7_carries_current_millisecond() -> None:
    before = time.time_ns() // 1_000_000
    value = uuid7()
    after = time.time_ns() // 1_000_000

    # A burst of earlier calls may have pushed the counter a few milliseconds ahead.
    assert before <= value.int >> 80 <= after + 5


def test_uuid7_increases_within_millisecond() -> None:
    values = [uuid7() for _ in range(10_000)]

    assert values == sorted(values)
    assert len(set(values)) == len(values)
    # PostgreSQL orders uuid values by their bytes, as the primary key indexes do.
    assert [value.bytes for value in values] == sorted(value.bytes for value in values)
