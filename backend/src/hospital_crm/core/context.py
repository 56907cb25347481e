"""The acting principal and the request it acts in."""

import uuid
from contextvars import ContextVar
from dataclasses import dataclass, field

from hospital_crm.core.errors import PermissionDenied
from hospital_crm.core.permissions import Permission, Role, role_has


@dataclass(frozen=True)
class RequestInfo:
    request_id: str | None = None
    client_ip: str | None = None
    user_agent: str | None = None


# Set by the request middleware; the audit log reads it so services need not pass it along.
current_request: ContextVar[RequestInfo] = ContextVar(
    "current_request",
    default=RequestInfo(),  # noqa: B039 (a frozen dataclass, so sharing it is safe)
)


@dataclass(frozen=True)
class Principal:
    """The authenticated user of a request, or the system itself for CLI jobs."""

    user_id: uuid.UUID | None
    role: Role | None
    partner_id: uuid.UUID | None = None
    session_id: uuid.UUID | None = None
    ui_language: str = "ja"
    # Set for a one-time password: only the user's own profile and password change are open.
    must_change_password: bool = False
    extra_permissions: frozenset[Permission] = field(default_factory=frozenset)

    @property
    def is_system(self) -> bool:
        return self.role is None

    @property
    def role_name(self) -> str:
        return self.role.value if self.role else "system"

    @property
    def is_partner(self) -> bool:
        return self.role is Role.partner

    def can(self, permission: Permission) -> bool:
        return (
            self.is_system
            or role_has(self.role, permission)
            or permission in self.extra_permissions
        )

    def require(self, permission: Permission) -> None:
        if not self.can(permission):
            raise PermissionDenied(permission=permission.value)


SYSTEM = Principal(user_id=None, role=None)
