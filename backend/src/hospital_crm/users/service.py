"""Staff and partner accounts."""

import secrets
import uuid

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from hospital_crm.audit import service as audit
from hospital_crm.core.context import Principal
from hospital_crm.core.db import AsyncReadSession, AsyncSession
from hospital_crm.core.errors import Conflict, NotFound, ValidationFailed
from hospital_crm.core.models import utc_now
from hospital_crm.core.pagination import Page, PageParams, paginate
from hospital_crm.core.permissions import Role
from hospital_crm.core.security import check_password_policy, hash_password, verify_password
from hospital_crm.partners.models import Partner
from hospital_crm.users.models import User
from hospital_crm.users.schemas import MeUpdate, UserCreate, UserUpdate

EMAIL_TAKEN = "email_taken"


class UserNotFound(NotFound):
    code = "user_not_found"
    message = "The user does not exist."


def generate_initial_password() -> str:
    # 18 random bytes give 24 URL-safe characters, well above the policy's minimum.
    return secrets.token_urlsafe(18)


async def _check_partner_link(
    session: AsyncReadSession, role: Role, partner_id: uuid.UUID | None
) -> None:
    if role is Role.partner and partner_id is None:
        raise ValidationFailed.single(
            ["body", "partner_id"],
            "partner_required",
            "A partner user must belong to a partner organization.",
        )
    if role is not Role.partner and partner_id is not None:
        raise ValidationFailed.single(
            ["body", "partner_id"],
            "partner_not_allowed",
            "Only partner users belong to a partner organization.",
        )
    if partner_id is not None and await session.get(Partner, partner_id) is None:
        raise ValidationFailed.single(
            ["body", "partner_id"], "partner_not_found", "The partner organization does not exist."
        )


async def create(
    session: AsyncSession, principal: Principal, data: UserCreate
) -> tuple[User, str | None]:
    """Create an account; without a password a one-time password is generated and returned."""
    email = data.email.lower()
    if await session.scalar(select(User.id).where(User.email == email)):
        raise ValidationFailed.single(
            ["body", "email"], EMAIL_TAKEN, "A user with this email address already exists."
        )
    await _check_partner_link(session, data.role, data.partner_id)

    initial_password = None
    password = data.password
    if password is None:
        initial_password = password = generate_initial_password()
    check_password_policy(password, email=email)

    user = User(
        email=email,
        display_name=data.display_name,
        role=data.role,
        languages=data.languages,
        ui_language=data.ui_language,
        partner_id=data.partner_id,
        password_hash=hash_password(password),
        password_changed_at=utc_now(),
        must_change_password=initial_password is not None,
    )
    session.add(user)
    try:
        await session.flush()
    except IntegrityError as error:
        # Two admins created the same address at the same moment.
        raise ValidationFailed.single(
            ["body", "email"], EMAIL_TAKEN, "A user with this email address already exists."
        ) from error
    await audit.record(
        session,
        principal,
        action="create",
        entity_type="user",
        entity_id=user.id,
        fields=["email", "display_name", "role", "partner_id"],
    )
    return user, initial_password


async def get(session: AsyncReadSession, user_id: uuid.UUID) -> User:
    user = await session.get(User, user_id)
    if user is None:
        raise UserNotFound()
    return user


async def list_users(
    session: AsyncReadSession,
    page: PageParams,
    *,
    role: Role | None = None,
    active: bool | None = None,
    q: str | None = None,
) -> Page[User]:
    query = select(User)
    if role is not None:
        query = query.where(User.role == role)
    if active is not None:
        query = query.where(User.active == active)
    if q:
        # autoescape makes a typed % or _ match itself instead of acting as a wildcard.
        text = q.lower()
        query = query.where(
            func.lower(User.display_name).contains(text, autoescape=True)
            | User.email.contains(text, autoescape=True)
        )
    return await paginate(
        session,
        query,
        page,
        default_order=User.display_name.asc(),
        sort_columns={
            "display_name": User.display_name,
            "email": User.email,
            "role": User.role,
            "created_at": User.created_at,
            "last_login_at": User.last_login_at,
        },
    )


async def update(
    session: AsyncSession, principal: Principal, user_id: uuid.UUID, data: UserUpdate
) -> User:
    user = await session.get(User, user_id, with_for_update=True)
    if user is None:
        raise UserNotFound()
    changes = data.model_dump(exclude_unset=True)
    if user.id == principal.user_id and (
        changes.get("active") is False or changes.get("role", user.role) != user.role
    ):
        raise Conflict(
            "You cannot deactivate yourself or change your own role.",
            code="cannot_change_own_account",
        )
    await _check_partner_link(
        session, changes.get("role", user.role), changes.get("partner_id", user.partner_id)
    )

    for name, value in changes.items():
        setattr(user, name, value)
    await session.flush()
    await audit.record(
        session,
        principal,
        action="update",
        entity_type="user",
        entity_id=user.id,
        fields=sorted(changes),
    )
    return user


async def update_me(session: AsyncSession, principal: Principal, data: MeUpdate) -> User:
    assert principal.user_id is not None
    user = await get(session, principal.user_id)
    changes = data.model_dump(exclude_unset=True, exclude_none=True)
    for name, value in changes.items():
        setattr(user, name, value)
    await session.flush()
    await audit.record(
        session,
        principal,
        action="update",
        entity_type="user",
        entity_id=user.id,
        fields=sorted(changes),
    )
    return user


async def change_password(
    session: AsyncSession, principal: Principal, *, current_password: str, new_password: str
) -> None:
    assert principal.user_id is not None
    user = await get(session, principal.user_id)
    if not verify_password(current_password, user.password_hash):
        raise ValidationFailed.single(
            ["body", "current_password"],
            "current_password_incorrect",
            "The current password is incorrect.",
        )
    check_password_policy(new_password, email=user.email, field="new_password")
    if verify_password(new_password, user.password_hash):
        raise ValidationFailed.single(
            ["body", "new_password"],
            "password_unchanged",
            "Choose a password different from the current one.",
        )
    user.password_hash = hash_password(new_password)
    user.password_changed_at = utc_now()
    user.must_change_password = False
    await audit.record(
        session, principal, action="change_password", entity_type="user", entity_id=user.id
    )


async def set_password(
    session: AsyncSession, principal: Principal, user: User, password: str
) -> None:
    """Set a password from the CLI (reset by an operator)."""
    check_password_policy(password, email=user.email)
    user.password_hash = hash_password(password)
    user.password_changed_at = utc_now()
    user.failed_login_count = 0
    user.locked_until = None
    await audit.record(
        session, principal, action="reset_password", entity_type="user", entity_id=user.id
    )


async def any_admin_exists(session: AsyncReadSession) -> bool:
    return await session.scalar(select(User.id).where(User.role == Role.admin).limit(1)) is not None
