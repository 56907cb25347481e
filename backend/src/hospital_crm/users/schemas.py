import uuid
from datetime import datetime
from typing import Literal

from pydantic import EmailStr, Field, computed_field

from hospital_crm.core.permissions import PERMISSIONS, Permission, Role
from hospital_crm.core.schemas import LanguageCode, Schema

UILanguage = Literal["ja", "en", "zh-CN"]


class UserOut(Schema):
    id: uuid.UUID
    email: str
    display_name: str
    role: Role
    languages: list[str]
    ui_language: UILanguage
    active: bool
    partner_id: uuid.UUID | None
    last_login_at: datetime | None
    must_change_password: bool
    created_at: datetime


class CurrentUserOut(UserOut):
    """The logged-in user with the permissions of their role, which the web app uses to hide controls."""

    @computed_field
    @property
    def permissions(self) -> list[Permission]:
        """Permissions of the user's role, in the order of the Permission enum."""
        granted = PERMISSIONS[self.role]
        return [permission for permission in Permission if permission in granted]


class UserCreate(Schema):
    email: EmailStr
    display_name: str = Field(min_length=1, max_length=200)
    role: Role
    languages: list[LanguageCode] = Field(default_factory=list)
    ui_language: UILanguage = "ja"
    partner_id: uuid.UUID | None = None
    # When omitted a one-time password is generated and returned once.
    password: str | None = Field(default=None, max_length=256)


class UserCreated(Schema):
    user: UserOut
    initial_password: str | None = None


class UserUpdate(Schema):
    display_name: str | None = Field(default=None, min_length=1, max_length=200)
    role: Role | None = None
    languages: list[LanguageCode] | None = None
    ui_language: UILanguage | None = None
    active: bool | None = None
    partner_id: uuid.UUID | None = None


class MeUpdate(Schema):
    display_name: str | None = Field(default=None, min_length=1, max_length=200)
    languages: list[LanguageCode] | None = None
    ui_language: UILanguage | None = None


class PasswordChange(Schema):
    current_password: str = Field(max_length=256)
    new_password: str = Field(max_length=256)
