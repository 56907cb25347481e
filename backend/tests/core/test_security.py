import pytest
from argon2 import PasswordHasher

from hospital_crm.core.errors import ValidationFailed
from hospital_crm.core.security import check_password_policy, verify_password


def test_production_hasher_uses_argon2id_defaults():
    stored = PasswordHasher().hash("a-long-enough-passphrase-2026")

    assert stored.startswith("$argon2id$")
    assert verify_password("a-long-enough-passphrase-2026", stored)
    assert not verify_password("another-passphrase-2026", stored)
    assert not verify_password("anything", None)


@pytest.mark.parametrize(
    "password",
    ["Kyoto-admin-Lantern-2026", "Kyoto-ADMIN@example.com-2026", "a.d.m.i.n-Kyoto-Lantern"],
)
def test_password_with_email_local_part_rejected(password: str) -> None:
    with pytest.raises(ValidationFailed) as raised:
        check_password_policy(password, email="admin@example.com")

    field = raised.value.fields[0]
    assert field.code == "password_contains_email"
    assert "part before the @" in field.message


def test_short_local_part_allowed_in_password() -> None:
    check_password_policy("Kyoto-Ginkgo-Lantern-ab-2026", email="ab@example.com")
