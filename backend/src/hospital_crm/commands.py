"""Operator tasks behind the CLI, each in its own transaction."""

import uuid
from dataclasses import dataclass

from pydantic import ValidationError
from sqlalchemy import or_, select

from hospital_crm.audit import service as audit
from hospital_crm.core.config import Settings
from hospital_crm.core.context import SYSTEM
from hospital_crm.core.crypto import FieldCipher
from hospital_crm.core.db import create_database
from hospital_crm.core.errors import AppError
from hospital_crm.core.permissions import Role
from hospital_crm.patients import search_keys
from hospital_crm.patients.models import Patient
from hospital_crm.patients.schemas import SENSITIVE_FIELDS
from hospital_crm.patients.service import encryption_context
from hospital_crm.users import service as users
from hospital_crm.users.models import User
from hospital_crm.users.schemas import UserCreate

# Change it after the first login; example.com is reserved for documentation (RFC 2606).
FIRST_ADMIN_EMAIL = "admin@example.com"


class CommandError(Exception):
    """Invalid input to a CLI command, reported as one line without a traceback."""


def _describe(error: ValueError) -> str:
    if isinstance(error, ValidationError):
        return "; ".join(
            f"{'.'.join(str(part) for part in item['loc'])}: {item['msg']}"
            for item in error.errors()
        )
    return str(error)


def cipher_for(settings: Settings) -> FieldCipher:
    return FieldCipher(settings.encryption_key_bytes(), settings.previous_encryption_keys())


async def create_user(
    settings: Settings,
    *,
    email: str,
    role: str,
    name: str,
    password: str,
    partner_id: str | None = None,
    ui_language: str = "ja",
) -> uuid.UUID:
    if role not in {member.value for member in Role}:
        roles = ", ".join(member.value for member in Role)
        raise CommandError(f"invalid role {role!r}; use one of: {roles}")
    if Role(role) is Role.partner and not partner_id:
        raise CommandError(
            "a partner user needs --partner-id with the id of the partner organization"
        )
    try:
        data = UserCreate(
            email=email,
            display_name=name,
            role=Role(role),
            password=password,
            partner_id=uuid.UUID(partner_id) if partner_id else None,
            ui_language=ui_language,
        )
    except ValueError as error:
        raise CommandError(f"invalid user: {_describe(error)}") from error
    database = create_database(settings)
    try:
        async with database.sessionmaker() as session:
            try:
                user, _ = await users.create(session, SYSTEM, data)
            except AppError as error:
                details = "; ".join(field.message for field in error.fields) or error.message
                raise CommandError(details) from error
            await session.commit()
            return user.id
    finally:
        await database.dispose()


async def reset_password(settings: Settings, *, email: str, password: str) -> None:
    """Set a user's password, unlock the account and ask for a new password at the next login."""
    database = create_database(settings)
    try:
        async with database.sessionmaker() as session:
            user = await session.scalar(select(User).where(User.email == email.strip().lower()))
            if user is None:
                raise CommandError(f"no user has the email address {email!r}")
            try:
                await users.set_password(session, SYSTEM, user, password)
            except AppError as error:
                details = "; ".join(field.message for field in error.fields) or error.message
                raise CommandError(details) from error
            user.must_change_password = True
            await session.commit()
    finally:
        await database.dispose()


async def ensure_first_admin(settings: Settings) -> tuple[str, str] | None:
    """Create the first administrator unless one exists; return its email and one-time password."""
    database = create_database(settings)
    try:
        async with database.sessionmaker() as session:
            if await users.any_admin_exists(session):
                return None
            user, password = await users.create(
                session,
                SYSTEM,
                UserCreate(
                    email=FIRST_ADMIN_EMAIL,
                    display_name="管理者",
                    role=Role.admin,
                    ui_language="ja",
                ),
            )
            await session.commit()
            assert password is not None
            return user.email, password
    finally:
        await database.dispose()


@dataclass(frozen=True)
class RotationResult:
    patients: int
    values: int


async def rotate_encryption_key(settings: Settings, *, batch_size: int = 500) -> RotationResult:
    """Re-encrypt values that are not under the current key, and refresh passport lookup hashes."""
    cipher = cipher_for(settings)
    database = create_database(settings)
    stale = f"v1:{cipher.current_key_id}:%"
    needs_rotation = or_(
        *(getattr(Patient, f"{name}_encrypted").not_like(stale) for name in SENSITIVE_FIELDS)
    )
    patients_done = values_done = 0
    last_id: uuid.UUID | None = None
    try:
        while True:
            async with database.sessionmaker() as session:
                query = select(Patient).where(needs_rotation).order_by(Patient.id).limit(batch_size)
                if last_id is not None:
                    query = query.where(Patient.id > last_id)
                batch = (await session.scalars(query)).all()
                if not batch:
                    break
                for patient in batch:
                    values_done += _rotate_patient(patient, cipher)
                    last_id = patient.id
                patients_done += len(batch)
                await audit.record(
                    session,
                    SYSTEM,
                    action="rotate_key",
                    entity_type="patient",
                    details={"patients": len(batch), "key_id": cipher.current_key_id},
                )
                await session.commit()
    finally:
        await database.dispose()
    return RotationResult(patients=patients_done, values=values_done)


def _rotate_patient(patient: Patient, cipher: FieldCipher) -> int:
    rotated = 0
    for name in SENSITIVE_FIELDS:
        stored = getattr(patient, f"{name}_encrypted")
        if not stored or not cipher.needs_rotation(stored):
            continue
        context = encryption_context(patient.id, name)
        plaintext = cipher.decrypt(stored, context=context)
        setattr(patient, f"{name}_encrypted", cipher.encrypt(plaintext, context=context))
        if name == "passport_number":
            patient.passport_number_hash = cipher.lookup_hash(
                search_keys.normalize_passport_number(plaintext)
            )
        rotated += 1
    return rotated


async def verify_audit_chain(settings: Settings) -> tuple[int, audit.ChainBreak | None]:
    database = create_database(settings)
    try:
        async with database.read_sessionmaker() as session:
            return await audit.verify_chain(session)
    finally:
        await database.dispose()
