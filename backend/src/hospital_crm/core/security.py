"""Password hashing (argon2id) and JSON Web Tokens."""

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from zxcvbn import zxcvbn
from zxcvbn.frequency_lists import FREQUENCY_LISTS

from hospital_crm.core.errors import FieldError, InvalidToken, ValidationFailed

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 256
# zxcvbn scores 0-4; 3 means "safely unguessable: moderate protection from offline attack".
MIN_ZXCVBN_SCORE = 3
JWT_ALGORITHM = "HS256"
JWT_ISSUER = "hospital-crm"

# argon2-cffi's defaults follow RFC 9106's second recommended option (argon2id, 64 MiB).
_hasher = PasswordHasher()
# Verified against when the email is unknown, so a login takes as long either way.
_DUMMY_HASH = _hasher.hash("not-a-real-password-for-timing")


@cache
def _common_passwords() -> frozenset[str]:
    return frozenset(FREQUENCY_LISTS["passwords"])


def check_password_policy(
    password: str, *, email: str | None = None, field: str = "password"
) -> None:
    """Raise ValidationFailed naming the rule the password breaks.

    The common-password list is zxcvbn's 30,000 most frequent leaked passwords; the
    zxcvbn score also rejects guessable patterns such as keyboard walks and repeats.
    """
    problems: list[tuple[str, str]] = []
    if len(password) < MIN_PASSWORD_LENGTH:
        problems.append(("password_too_short", f"Use at least {MIN_PASSWORD_LENGTH} characters."))
    elif len(password) > MAX_PASSWORD_LENGTH:
        problems.append(("password_too_long", f"Use at most {MAX_PASSWORD_LENGTH} characters."))
    elif password.lower() in _common_passwords():
        problems.append(("password_too_common", "This password is on a list of common passwords."))
    elif email and _contains_email(password, email):
        problems.append(
            (
                "password_contains_email",
                "Do not use your email address, or the part before the @ when it has 3 or more"
                " characters, in the password.",
            )
        )
    elif zxcvbn(password, user_inputs=_email_parts(email))["score"] < MIN_ZXCVBN_SCORE:
        problems.append(
            ("password_too_weak", "This password is easy to guess; use a longer phrase.")
        )
    if problems:
        code, message = problems[0]
        raise ValidationFailed(message, fields=[FieldError(["body", field], code, message)])


def _email_parts(email: str | None) -> list[str]:
    """Split an address into the words zxcvbn should treat as known to an attacker."""
    if not email:
        return []
    return [email, *(part for part in re.split(r"[^a-z0-9]+", email.lower()) if part)]


def _contains_email(password: str, email: str) -> bool:
    """Tell whether the password contains the address, or its local part of 3+ characters."""
    letters = re.sub(r"[^a-z0-9]", "", password.lower())
    local = re.sub(r"[^a-z0-9]", "", email.lower().split("@")[0])
    whole = re.sub(r"[^a-z0-9]", "", email.lower())
    return whole in letters or (len(local) >= 3 and local in letters)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def password_needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


@dataclass(frozen=True)
class TokenClaims:
    subject: uuid.UUID
    session_id: uuid.UUID
    token_id: uuid.UUID
    role: str
    issued_at: datetime
    expires_at: datetime


def encode_token(
    *,
    secret: str,
    token_type: str,
    subject: uuid.UUID,
    session_id: uuid.UUID,
    role: str,
    lifetime: timedelta,
    token_id: uuid.UUID | None = None,
) -> tuple[str, TokenClaims]:
    now = datetime.now(UTC).replace(microsecond=0)
    claims = TokenClaims(
        subject=subject,
        session_id=session_id,
        token_id=token_id or uuid.uuid4(),
        role=role,
        issued_at=now,
        expires_at=now + lifetime,
    )
    payload = {
        "iss": JWT_ISSUER,
        "typ": token_type,
        "sub": str(subject),
        "sid": str(session_id),
        "jti": str(claims.token_id),
        "role": role,
        "iat": int(now.timestamp()),
        "exp": int(claims.expires_at.timestamp()),
    }
    return jwt.encode(payload, secret, algorithm=JWT_ALGORITHM), claims


def decode_token(token: str, *, secret: str, token_type: str) -> TokenClaims:
    """Verify signature, expiry, issuer and type; only HS256 is accepted, never `none`."""
    try:
        payload = jwt.decode(
            token,
            secret,
            algorithms=[JWT_ALGORITHM],
            issuer=JWT_ISSUER,
            options={"require": ["exp", "iat", "sub", "sid", "jti", "typ"]},
        )
        if payload["typ"] != token_type:
            raise InvalidToken()
        return TokenClaims(
            subject=uuid.UUID(payload["sub"]),
            session_id=uuid.UUID(payload["sid"]),
            token_id=uuid.UUID(payload["jti"]),
            role=str(payload.get("role", "")),
            issued_at=datetime.fromtimestamp(payload["iat"], UTC),
            expires_at=datetime.fromtimestamp(payload["exp"], UTC),
        )
    except (jwt.PyJWTError, ValueError, KeyError) as error:
        raise InvalidToken() from error
