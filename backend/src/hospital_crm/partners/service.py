"""Referring agencies, facilitators and guarantor organizations (身元保証機関)."""

import uuid
from typing import Any

from sqlalchemy import func, select

from hospital_crm.audit import service as audit
from hospital_crm.core.context import Principal
from hospital_crm.core.db import AsyncReadSession, AsyncSession
from hospital_crm.core.errors import NotFound, ValidationFailed
from hospital_crm.core.pagination import Page, PageParams, paginate
from hospital_crm.partners.models import Partner, PartnerKind
from hospital_crm.partners.schemas import PartnerCreate, PartnerUpdate


class PartnerNotFound(NotFound):
    code = "partner_not_found"
    message = "The partner organization does not exist."


def _check_guarantor(kind: PartnerKind, values: dict[str, Any]) -> None:
    if kind is PartnerKind.guarantor_organization and not values.get(
        "guarantor_registration_number"
    ):
        raise ValidationFailed.single(
            ["body", "guarantor_registration_number"],
            "registration_number_required",
            "A guarantor organization needs its registration number from the METI or Japan Tourism Agency list.",
        )


def _visible(query: Any, principal: Principal) -> Any:
    # A partner user sees their own organization only.
    if principal.is_partner:
        return query.where(Partner.id == principal.partner_id)
    return query


async def create(session: AsyncSession, principal: Principal, data: PartnerCreate) -> Partner:
    values = data.model_dump(mode="json")
    _check_guarantor(data.kind, values)
    partner = Partner(
        **{**values, "kind": data.kind, "guarantor_registry": data.guarantor_registry}
    )
    session.add(partner)
    await session.flush()
    await audit.record(
        session,
        principal,
        action="create",
        entity_type="partner",
        entity_id=partner.id,
        fields=sorted(values),
    )
    return partner


async def get(session: AsyncReadSession, principal: Principal, partner_id: uuid.UUID) -> Partner:
    partner = await session.scalar(
        _visible(select(Partner).where(Partner.id == partner_id), principal)
    )
    if partner is None:
        raise PartnerNotFound()
    return partner


async def list_partners(
    session: AsyncReadSession,
    principal: Principal,
    page: PageParams,
    *,
    kind: PartnerKind | None = None,
    active: bool | None = None,
    q: str | None = None,
) -> Page[Partner]:
    query = _visible(select(Partner), principal)
    if kind is not None:
        query = query.where(Partner.kind == kind)
    if active is not None:
        query = query.where(Partner.active == active)
    if q:
        query = query.where(func.lower(Partner.name).contains(q.lower(), autoescape=True))
    return await paginate(
        session,
        query,
        page,
        default_order=Partner.name.asc(),
        sort_columns={
            "name": Partner.name,
            "kind": Partner.kind,
            "country": Partner.country,
            "created_at": Partner.created_at,
        },
    )


async def update(
    session: AsyncSession, principal: Principal, partner_id: uuid.UUID, data: PartnerUpdate
) -> Partner:
    partner = await get(session, principal, partner_id)
    changes = data.model_dump(mode="json", exclude_unset=True)
    merged = {"guarantor_registration_number": partner.guarantor_registration_number, **changes}
    _check_guarantor(data.kind or partner.kind, merged)
    for name, value in changes.items():
        setattr(partner, name, value)
    await session.flush()
    await audit.record(
        session,
        principal,
        action="update",
        entity_type="partner",
        entity_id=partner.id,
        fields=sorted(changes),
    )
    return partner
