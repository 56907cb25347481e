from argon2 import PasswordHasher

from hospital_crm.core.security import verify_password


def test_production_hasher_uses_argon2id_defaults():
    stored = PasswordHasher().hash("a-long-enough-passphrase-2026")

    assert stored.startswith("$argon2id$")
    assert verify_password("a-long-enough-passphrase-2026", stored)
    assert not verify_password("another-passphrase-2026", stored)
    assert not verify_password("anything", None)
