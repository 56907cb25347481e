import stat

import pytest

from hospital_crm.core.config import ConfigurationError, Settings, decode_key, validate_settings

STRONG = "s" * 48
KEY = "00" * 32


def production(**overrides):
    values = {
        "app_env": "production",
        "jwt_secret": STRONG,
        "jwt_refresh_secret": STRONG + "r",
        "encryption_key": KEY,
        "database_url": "postgresql://db/crm",
    }
    values.update(overrides)
    return Settings(**values)


@pytest.mark.parametrize(
    ("overrides", "variable"),
    [
        ({"jwt_secret": None}, "JWT_SECRET"),
        ({"jwt_secret": "dev_jwt_secret"}, "JWT_SECRET"),
        ({"jwt_refresh_secret": "short"}, "JWT_REFRESH_SECRET"),
        ({"jwt_refresh_secret": STRONG}, "JWT_REFRESH_SECRET"),
        ({"encryption_key": None}, "ENCRYPTION_KEY"),
        ({"encryption_key": "32_character_encryption_key_xxxx"}, "ENCRYPTION_KEY"),
        ({"database_url": None}, "DATABASE_URL"),
    ],
)
def test_production_refuses_missing_or_weak_secret(overrides, variable):
    with pytest.raises(ConfigurationError, match=variable):
        validate_settings(production(**overrides))


def test_production_accepts_strong_settings():
    assert validate_settings(production()).encryption_key == KEY


def test_development_generates_secrets_once(tmp_path):
    first = validate_settings(Settings(app_env="development", data_dir=tmp_path))
    second = validate_settings(Settings(app_env="development", data_dir=tmp_path))

    secrets_file = tmp_path / "secrets.json"
    assert first.jwt_secret == second.jwt_secret
    assert first.jwt_secret != first.jwt_refresh_secret
    assert len(first.encryption_key_bytes()) == 32
    assert stat.S_IMODE(secrets_file.stat().st_mode) == 0o600


def test_key_formats():
    assert decode_key("ab" * 32, "ENCRYPTION_KEY") == bytes([0xAB]) * 32
    assert decode_key("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", "K") == bytes(range(32))
    with pytest.raises(ConfigurationError, match="16 bytes"):
        decode_key("AAECAwQFBgcICQoLDA0ODw==", "ENCRYPTION_KEY")


def test_postgres_url_uses_asyncpg():
    settings = Settings(
        database_url="postgresql://u@h:5432/d", database_read_url="postgres://u@r:5432/d"
    )

    assert settings.async_database_url == "postgresql+asyncpg://u@h:5432/d"
    assert settings.async_read_database_url == "postgresql+asyncpg://u@r:5432/d"


def test_trusted_proxies_validated():
    assert Settings(trusted_proxies="10.0.0.0/8, 127.0.0.1").trusted_proxies == [
        "10.0.0.0/8",
        "127.0.0.1",
    ]
    with pytest.raises(ValueError, match="TRUSTED_PROXIES"):
        Settings(trusted_proxies="not-an-ip")
