import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, status

from hospital_crm.auth.service import forget_session_state
from hospital_crm.core.context import Principal
from hospital_crm.core.deps import CacheDep, CurrentPrincipal, ReadSession, WriteSession, require
from hospital_crm.core.pagination import PageOut, PageParams, page_params
from hospital_crm.core.permissions import Permission, Role
from hospital_crm.users import service
from hospital_crm.users.schemas import (
    CurrentUserOut,
    MeUpdate,
    PasswordChange,
    UserCreate,
    UserCreated,
    UserOut,
    UserUpdate,
)

router = APIRouter(prefix="/users", tags=["users"])


@router.get("/me", response_model=CurrentUserOut)
async def read_me(session: ReadSession, principal: CurrentPrincipal) -> object:
    """Return the logged-in user with the permissions of their role."""
    assert principal.user_id is not None
    return await service.get(session, principal.user_id)


@router.patch("/me", response_model=CurrentUserOut)
async def update_me(data: MeUpdate, session: WriteSession, principal: CurrentPrincipal) -> object:
    """Change your display name, languages or UI language."""
    return await service.update_me(session, principal, data)


@router.post("/me/password", status_code=status.HTTP_204_NO_CONTENT)
async def change_password(
    data: PasswordChange, session: WriteSession, principal: CurrentPrincipal, cache: CacheDep
) -> None:
    """Change your password."""
    await service.change_password(
        session, principal, current_password=data.current_password, new_password=data.new_password
    )
    # The cached session state still marks the password as one-time.
    assert principal.session_id is not None
    await forget_session_state(cache, principal.session_id)


@router.get("", response_model=PageOut[UserOut])
async def list_users(
    session: ReadSession,
    principal: Annotated[Principal, Depends(require(Permission.users_read))],
    page: Annotated[PageParams, Depends(page_params)],
    role: Role | None = None,
    active: bool | None = None,
    q: Annotated[str | None, Query(max_length=100)] = None,
) -> object:
    """List users, for assigning owners and tasks."""
    return await service.list_users(session, page, role=role, active=active, q=q)


@router.post("", response_model=UserCreated, status_code=status.HTTP_201_CREATED)
async def create_user(
    data: UserCreate,
    session: WriteSession,
    principal: Annotated[Principal, Depends(require(Permission.users_manage))],
) -> object:
    """Create a user; without a password the response carries a one-time password."""
    user, initial_password = await service.create(session, principal, data)
    return UserCreated(user=UserOut.model_validate(user), initial_password=initial_password)


@router.get("/{user_id}", response_model=UserOut)
async def read_user(
    user_id: uuid.UUID,
    session: ReadSession,
    principal: Annotated[Principal, Depends(require(Permission.users_read))],
) -> object:
    """Return one user."""
    return await service.get(session, user_id)


@router.patch("/{user_id}", response_model=UserOut)
async def update_user(
    user_id: uuid.UUID,
    data: UserUpdate,
    session: WriteSession,
    principal: Annotated[Principal, Depends(require(Permission.users_manage))],
) -> object:
    """Change a user's role, languages or active flag."""
    return await service.update(session, principal, user_id, data)
