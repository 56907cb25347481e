import os

import pytest

from hospital_crm.core.crypto import DecryptionError, FieldCipher, key_id

OLD = os.urandom(32)
NEW = os.urandom(32)


def test_round_trip_and_key_id():
    cipher = FieldCipher(NEW)

    stored = cipher.encrypt("TK1234567", context="patients.passport_number:1")

    assert stored.startswith(f"v1:{key_id(NEW)}:")
    assert cipher.decrypt(stored, context="patients.passport_number:1") == "TK1234567"


def test_same_plaintext_encrypts_differently():
    cipher = FieldCipher(NEW)

    assert cipher.encrypt("x", context="c") != cipher.encrypt("x", context="c")


def test_value_moved_to_other_row_fails():
    cipher = FieldCipher(NEW)
    stored = cipher.encrypt("TK1234567", context="patients.passport_number:1")

    with pytest.raises(DecryptionError, match="authentication"):
        cipher.decrypt(stored, context="patients.passport_number:2")


def test_tampered_value_fails():
    cipher = FieldCipher(NEW)
    stored = cipher.encrypt("TK1234567", context="c")
    tampered = stored[:-4] + ("AAAA" if not stored.endswith("AAAA") else "BBBB")

    with pytest.raises(DecryptionError):
        cipher.decrypt(tampered, context="c")


def test_old_key_still_decrypts_and_needs_rotation():
    old_value = FieldCipher(OLD).encrypt("secret", context="c")
    cipher = FieldCipher(NEW, previous_keys=[OLD])

    assert cipher.decrypt(old_value, context="c") == "secret"
    assert cipher.needs_rotation(old_value)
    assert not cipher.needs_rotation(cipher.encrypt("secret", context="c"))


def test_unknown_key_named_in_error():
    stored = FieldCipher(OLD).encrypt("secret", context="c")

    with pytest.raises(DecryptionError, match=key_id(OLD)):
        FieldCipher(NEW).decrypt(stored, context="c")


def test_lookup_hash_keyed_and_found_under_old_key():
    assert FieldCipher(NEW).lookup_hash("TK1") != FieldCipher(OLD).lookup_hash("TK1")
    assert FieldCipher(OLD).lookup_hash("TK1") in FieldCipher(
        NEW, previous_keys=[OLD]
    ).lookup_hashes("TK1")
