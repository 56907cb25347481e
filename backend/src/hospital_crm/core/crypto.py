"""Field encryption (AES-256-GCM) and keyed hashes for exact lookups.

A stored value reads `v1:<key id>:<base64 nonce + ciphertext + tag>`. The key id is
the first 8 hex digits of SHA-256 over the key, so a value names the key that opened
it and `hospital-crm rotate-key` can find values still under an old key. The
associated data binds each value to its table, column and row id, so a ciphertext
copied into another row or column fails to decrypt.
"""

import base64
import hashlib
import hmac
import os
from collections.abc import Sequence

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

FORMAT_VERSION = "v1"
NONCE_BYTES = 12


class DecryptionError(Exception):
    """The value is corrupt, bound to another row, or under a key that is not configured."""


def key_id(key: bytes) -> str:
    return hashlib.sha256(key).hexdigest()[:8]


def _derive_lookup_key(key: bytes) -> bytes:
    # A separate key for blind indexes, so hashes reveal nothing about the AES key.
    return HKDF(
        algorithm=SHA256(), length=32, salt=None, info=b"hospital-crm lookup hash v1"
    ).derive(key)


class FieldCipher:
    """Encrypts under the current key; decrypts under the current or any previous key."""

    def __init__(self, current_key: bytes, previous_keys: Sequence[bytes] = ()) -> None:
        self.current_key_id = key_id(current_key)
        self._keys = {key_id(key): key for key in (*previous_keys, current_key)}
        self._lookup_keys = [_derive_lookup_key(current_key)] + [
            _derive_lookup_key(key) for key in previous_keys
        ]

    def encrypt(self, plaintext: str, *, context: str) -> str:
        nonce = os.urandom(NONCE_BYTES)
        sealed = AESGCM(self._keys[self.current_key_id]).encrypt(
            nonce, plaintext.encode(), context.encode()
        )
        payload = base64.b64encode(nonce + sealed).decode()
        return f"{FORMAT_VERSION}:{self.current_key_id}:{payload}"

    def decrypt(self, stored: str, *, context: str) -> str:
        try:
            version, value_key_id, payload = stored.split(":", 2)
        except ValueError as error:
            raise DecryptionError("value is not in the v1 format") from error
        if version != FORMAT_VERSION:
            raise DecryptionError(f"unknown format {version!r}")
        key = self._keys.get(value_key_id)
        if key is None:
            raise DecryptionError(
                f"value is under key {value_key_id}, which is neither ENCRYPTION_KEY nor in "
                "ENCRYPTION_KEYS_PREVIOUS"
            )
        raw = base64.b64decode(payload)
        try:
            return (
                AESGCM(key).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], context.encode()).decode()
            )
        except InvalidTag as error:
            raise DecryptionError("value failed authentication") from error

    def needs_rotation(self, stored: str) -> bool:
        return stored.split(":", 2)[1] != self.current_key_id

    def lookup_hash(self, normalized: str) -> str:
        """Keyed hash under the current key, stored beside an encrypted value for exact lookup."""
        return hmac.new(self._lookup_keys[0], normalized.encode(), hashlib.sha256).hexdigest()

    def lookup_hashes(self, normalized: str) -> list[str]:
        """Hashes under every configured key, so lookups still work midway through a rotation."""
        return [
            hmac.new(key, normalized.encode(), hashlib.sha256).hexdigest()
            for key in self._lookup_keys
        ]
