"""The audit log: append-only, hash-chained, written in the caller's transaction."""

import hashlib
import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import select, text

from hospital_crm.audit.models import AuditEvent, AuditOutcome
from hospital_crm.audit.schemas import AuditEventOut
from hospital_crm.cases.models import Case
from hospital_crm.core.context import Principal, current_request
from hospital_crm.core.db import AsyncReadSession, AsyncSession
from hospital_crm.core.models import utc_now
from hospital_crm.core.pagination import Page, PageParams, paginate
from hospital_crm.partners.models import Partner
from hospital_crm.patients.models import Patient
from hospital_crm.users.models import User

GENESIS_HASH = "0" * 64
# Any constant works; every writer of the audit chain takes this transaction-level lock.
AUDIT_CHAIN_LOCK_KEY = 7_204_215_001


def _canonical(event: AuditEvent) -> bytes:
    document = {
        "id": str(event.id),
        "occurred_at": event.occurred_at.isoformat(timespec="microseconds"),
        "actor_id": str(event.actor_id) if event.actor_id else None,
        "actor_role": event.actor_role,
        "action": event.action,
        "entity_type": event.entity_type,
        "entity_id": event.entity_id,
        "fields": event.fields,
        "details": event.details,
        "request_id": event.request_id,
        "client_ip": event.client_ip,
        "outcome": str(event.outcome),
        "previous_hash": event.previous_hash,
    }
    return json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def compute_row_hash(event: AuditEvent) -> str:
    return hashlib.sha256(_canonical(event)).hexdigest()


async def _chain_tail(session: AsyncSession) -> str:
    if session.bind.dialect.name == "postgresql":
        await session.execute(
            text("SELECT pg_advisory_xact_lock(:key)"), {"key": AUDIT_CHAIN_LOCK_KEY}
        )
    # On SQLite the write transaction began with BEGIN IMMEDIATE, which serialises writers.
    last = await session.scalar(
        select(AuditEvent.row_hash).order_by(AuditEvent.sequence.desc()).limit(1)
    )
    return last or GENESIS_HASH


async def record(
    session: AsyncSession,
    principal: Principal,
    *,
    action: str,
    entity_type: str,
    entity_id: uuid.UUID | str | None = None,
    fields: Sequence[str] = (),
    details: dict[str, Any] | None = None,
    outcome: AuditOutcome = AuditOutcome.success,
) -> AuditEvent:
    """Append one event in the caller's transaction, so the access and its record commit together.

    `fields` contains attribute identifiers such as "passport_number", never display labels,
    because the audit log screen translates identifiers into the reader's language.
    """
    request = current_request.get()
    event = AuditEvent(
        id=uuid.uuid4(),
        occurred_at=utc_now(),
        actor_id=principal.user_id,
        actor_role=principal.role_name,
        action=action,
        entity_type=entity_type,
        entity_id=str(entity_id) if entity_id is not None else None,
        fields=list(fields),
        details=details or {},
        request_id=request.request_id,
        client_ip=request.client_ip,
        outcome=outcome,
    )
    event.previous_hash = await _chain_tail(session)
    event.row_hash = compute_row_hash(event)
    session.add(event)
    await session.flush()
    return event


@dataclass(frozen=True)
class ChainBreak:
    sequence: int
    event_id: uuid.UUID
    reason: str


async def verify_chain(
    session: AsyncReadSession, *, batch_size: int = 5000
) -> tuple[int, ChainBreak | None]:
    """Walk the chain in order; return the rows checked and the first break, if any."""
    expected_previous = GENESIS_HASH
    checked = 0
    last_sequence = 0
    while True:
        rows = (
            await session.scalars(
                select(AuditEvent)
                .where(AuditEvent.sequence > last_sequence)
                .order_by(AuditEvent.sequence)
                .limit(batch_size)
            )
        ).all()
        if not rows:
            return checked, None
        for event in rows:
            if event.previous_hash != expected_previous:
                return checked, ChainBreak(
                    event.sequence, event.id, "previous_hash does not match the row before"
                )
            if compute_row_hash(event) != event.row_hash:
                return checked, ChainBreak(
                    event.sequence, event.id, "row content does not match its hash"
                )
            expected_previous = event.row_hash
            last_sequence = event.sequence
            checked += 1
        session.expunge_all()


@dataclass(frozen=True)
class AuditFilters:
    actor_id: uuid.UUID | None = None
    entity_type: str | None = None
    entity_id: str | None = None
    action: str | None = None
    occurred_from: datetime | None = None
    occurred_to: datetime | None = None


async def list_events(
    session: AsyncReadSession, filters: AuditFilters, page: PageParams
) -> Page[AuditEventOut]:
    """List a page of events, naming each patient, case, user or partner target in one query per kind."""
    events = await _event_page(session, filters, page)
    labels = await _target_labels(session, events.items)
    items = [
        AuditEventOut.model_validate(event).model_copy(
            update={"target_label": labels.get((event.entity_type, event.entity_id))}
        )
        for event in events.items
    ]
    return replace(events, items=items)


def patient_label(family_name: str | None, given_name: str | None, latin: str | None) -> str:
    """Write a patient's name as the screens do: 王 小明 (WANG XIAOMING)."""
    native = " ".join(part for part in (family_name, given_name) if part)
    latin = (latin or "").strip()
    if not native:
        return latin
    if not latin or latin.casefold() == native.casefold():
        return native
    return f"{native} ({latin})"


def _uuids(events: Sequence[AuditEvent], entity_type: str) -> set[uuid.UUID]:
    ids = set()
    for event in events:
        if event.entity_type != entity_type or not event.entity_id:
            continue
        try:
            ids.add(uuid.UUID(event.entity_id))
        except ValueError:
            continue
    return ids


async def _target_labels(
    session: AsyncReadSession, events: Sequence[AuditEvent]
) -> dict[tuple[str, str], str]:
    # Merged and deleted patients keep their names here: the log is read by admins only.
    labels: dict[tuple[str, str], str] = {}
    if patient_ids := _uuids(events, "patient"):
        rows = await session.execute(
            select(Patient.id, Patient.family_name, Patient.given_name, Patient.name_latin).where(
                Patient.id.in_(patient_ids)
            )
        )
        for patient_id, family_name, given_name, latin in rows:
            labels[("patient", str(patient_id))] = patient_label(family_name, given_name, latin)
    named = (("case", Case.reference), ("user", User.display_name), ("partner", Partner.name))
    for entity_type, column in named:
        if ids := _uuids(events, entity_type):
            model = column.class_
            rows = await session.execute(select(model.id, column).where(model.id.in_(ids)))
            for entity_id, label in rows:
                labels[(entity_type, str(entity_id))] = label
    return labels


async def _event_page(
    session: AsyncReadSession, filters: AuditFilters, page: PageParams
) -> Page[AuditEvent]:
    query = select(AuditEvent)
    conditions: Iterable[Any] = [
        condition
        for condition in (
            AuditEvent.actor_id == filters.actor_id if filters.actor_id else None,
            AuditEvent.entity_type == filters.entity_type if filters.entity_type else None,
            AuditEvent.entity_id == filters.entity_id if filters.entity_id else None,
            AuditEvent.action == filters.action if filters.action else None,
            AuditEvent.occurred_at >= filters.occurred_from if filters.occurred_from else None,
            AuditEvent.occurred_at < filters.occurred_to if filters.occurred_to else None,
        )
        if condition is not None
    ]
    query = query.where(*conditions)
    return await paginate(session, query, page, default_order=AuditEvent.sequence.desc())
