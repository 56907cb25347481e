"""Application settings, read once from environment variables."""

import base64
import binascii
import ipaddress
import json
import os
import secrets
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

# Secrets shorter than this are rejected outside development (bytes of the UTF-8 value).
MIN_SECRET_LENGTH = 32
# Values copied from examples are rejected outside development even when long enough.
KNOWN_WEAK_SECRETS = {
    "dev_jwt_secret",
    "secure_random_string",
    "another_secure_random_string",
    "32_character_encryption_key",
    "changeme",
    "secret",
}
GENERATED_SECRETS_FILE = "secrets.json"


class Environment(StrEnum):
    development = "development"
    staging = "staging"
    production = "production"


class ConfigurationError(RuntimeError):
    """A setting is missing or unsafe; the message names the environment variable."""


def _split_csv(value: object) -> object:
    if isinstance(value, str):
        return [item.strip() for item in value.split(",") if item.strip()]
    return value


def default_data_dir() -> Path:
    """Return `data/` of the source checkout the backend runs from, else `data` here.

    A relative default would follow the working directory, so a command run from
    another folder made a new, empty database with new secrets next to it.
    """
    source = Path(__file__).resolve().parents[2]
    if source.name == "src" and (source.parent / "pyproject.toml").is_file():
        return source.parent.parent / "data"
    return Path("data")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=None, extra="ignore", case_sensitive=False)

    app_env: Environment = Environment.development
    data_dir: Path = Field(default_factory=default_data_dir)
    host: str = "127.0.0.1"
    port: int = 3001
    log_level: str = "INFO"

    database_url: str | None = None
    database_read_url: str | None = None
    # Pool size per process; with several workers the total must stay under the server's limit.
    database_pool_size: int = 10
    redis_url: str | None = None

    jwt_secret: str | None = None
    jwt_refresh_secret: str | None = None
    encryption_key: str | None = None
    # Keys that values may still be encrypted under, until `hospital-crm rotate-key` has run.
    encryption_keys_previous: Annotated[list[str], NoDecode] = Field(default_factory=list)

    access_token_minutes: int = 15
    refresh_token_days: int = 7
    session_idle_minutes: int = 30
    session_max_hours: int = 12
    login_max_failures: int = 10
    login_lock_minutes: int = 15
    # Failed logins allowed from one client IP address per window, across all accounts.
    login_ip_max_failures: int = 50
    login_ip_window_minutes: int = 15
    # API requests allowed per client IP address per minute; 0 turns the limit off.
    rate_limit_per_minute: int = 600
    # Largest request body in bytes; the spreadsheet upload has its own, larger limit.
    max_request_body_bytes: int = Field(default=1024 * 1024, gt=0)

    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    trusted_proxies: Annotated[list[str], NoDecode] = Field(default_factory=list)
    frontend_dist: Path | None = None
    import_upload_retention_hours: int = 72  # unused uploads of unfinished imports live this long

    s3_bucket_name: str | None = None
    aws_region: str = "ap-northeast-1"
    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_from: str | None = None

    _split = field_validator(
        "cors_origins", "trusted_proxies", "encryption_keys_previous", mode="before"
    )(_split_csv)

    @field_validator("trusted_proxies")
    @classmethod
    def _check_networks(cls, value: list[str]) -> list[str]:
        for item in value:
            try:
                ipaddress.ip_network(item, strict=False)
            except ValueError as error:
                raise ValueError(
                    f"TRUSTED_PROXIES: {item!r} is not an IP address or CIDR"
                ) from error
        return value

    @property
    def is_production_like(self) -> bool:
        return self.app_env is not Environment.development

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "hospital_crm.sqlite3"

    @property
    def async_database_url(self) -> str:
        return (
            _to_async_url(self.database_url)
            if self.database_url
            else (f"sqlite+aiosqlite:///{self.sqlite_path}")
        )

    @property
    def async_read_database_url(self) -> str | None:
        return _to_async_url(self.database_read_url) if self.database_read_url else None

    @property
    def uses_sqlite(self) -> bool:
        return self.async_database_url.startswith("sqlite")

    def encryption_key_bytes(self) -> bytes:
        assert self.encryption_key is not None
        return decode_key(self.encryption_key, "ENCRYPTION_KEY")

    def previous_encryption_keys(self) -> list[bytes]:
        return [
            decode_key(value, "ENCRYPTION_KEYS_PREVIOUS") for value in self.encryption_keys_previous
        ]


def _to_async_url(url: str) -> str:
    for prefix in (
        "postgresql://",
        "postgres://",
        "postgresql+psycopg2://",
        "postgresql+psycopg://",
    ):
        if url.startswith(prefix):
            return "postgresql+asyncpg://" + url[len(prefix) :]
    if url.startswith("sqlite:///"):
        return "sqlite+aiosqlite:///" + url[len("sqlite:///") :]
    return url


def decode_key(value: str, variable: str) -> bytes:
    """Decode a 32-byte AES key given as 64 hex characters or as base64."""
    text = value.strip()
    try:
        if len(text) == 64:
            key = bytes.fromhex(text)
        else:
            padded = text + "=" * (-len(text) % 4)
            key = base64.b64decode(padded.replace("-", "+").replace("_", "/"), validate=True)
    except (ValueError, binascii.Error) as error:
        raise ConfigurationError(
            f"{variable} must be 32 random bytes as 64 hex characters or base64; "
            "generate one with: python -c 'import secrets; print(secrets.token_hex(32))'"
        ) from error
    if len(key) != 32:
        raise ConfigurationError(
            f"{variable} decodes to {len(key)} bytes; AES-256 needs exactly 32 "
            "(generate one with: python -c 'import secrets; print(secrets.token_hex(32))')"
        )
    return key


def _check_secret(name: str, value: str | None) -> None:
    if not value:
        raise ConfigurationError(
            f"{name} is not set; it is required when APP_ENV is not development"
        )
    if len(value.encode()) < MIN_SECRET_LENGTH or value.lower() in KNOWN_WEAK_SECRETS:
        raise ConfigurationError(
            f"{name} is too weak: use at least {MIN_SECRET_LENGTH} random characters "
            "(for example: python -c 'import secrets; print(secrets.token_urlsafe(48))')"
        )


def _load_or_create_development_secrets(data_dir: Path) -> dict[str, str]:
    """Create the development secrets once and keep them under DATA_DIR, readable by the owner only."""
    path = data_dir / GENERATED_SECRETS_FILE
    if path.exists():
        return json.loads(path.read_text())

    data_dir.mkdir(parents=True, exist_ok=True)
    generated = {
        "jwt_secret": secrets.token_urlsafe(48),
        "jwt_refresh_secret": secrets.token_urlsafe(48),
        "encryption_key": secrets.token_hex(32),
    }
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as file:
        json.dump(generated, file)
    return generated


def validate_settings(settings: Settings) -> Settings:
    """Fill development secrets, or stop start-up on a missing or weak secret elsewhere."""
    if settings.is_production_like:
        _check_secret("JWT_SECRET", settings.jwt_secret)
        _check_secret("JWT_REFRESH_SECRET", settings.jwt_refresh_secret)
        if settings.jwt_secret == settings.jwt_refresh_secret:
            raise ConfigurationError("JWT_REFRESH_SECRET must differ from JWT_SECRET")
        if not settings.encryption_key:
            raise ConfigurationError(
                "ENCRYPTION_KEY is not set; it is required when APP_ENV is not development"
            )
        settings.encryption_key_bytes()
        if not settings.database_url:
            raise ConfigurationError("DATABASE_URL is not set; SQLite is for development only")
        return settings

    missing = [
        name
        for name in ("jwt_secret", "jwt_refresh_secret", "encryption_key")
        if not getattr(settings, name)
    ]
    if missing:
        generated = _load_or_create_development_secrets(settings.data_dir)
        settings = settings.model_copy(update={name: generated[name] for name in missing})
    settings.encryption_key_bytes()
    return settings


@cache
def get_settings() -> Settings:
    return validate_settings(Settings())
