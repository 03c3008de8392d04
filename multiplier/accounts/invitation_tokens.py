"""The secret in an invitation link.

A link token is `key` (16 characters: which invitation) followed by a secret (43 characters).
The key is stored as is, to find the invitation with one indexed lookup; of the secret only a
SHA-256 hash is stored, and it is compared in constant time. The secret has 256 random bits, so
a plain hash is enough (no slow password hash needed), and it does not depend on SECRET_KEY, so
rotating that key does not break invitations that are on their way.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

KEY_LENGTH = 16  # len(secrets.token_urlsafe(12))


def new_key() -> str:
    return secrets.token_urlsafe(12)


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def make_token(key: str, secret: str) -> str:
    return key + secret


def split_token(token: str) -> tuple[str, str] | None:
    """(key, secret), or None when the token cannot be one of ours."""
    if len(token) <= KEY_LENGTH or len(token) > 200:
        return None
    return token[:KEY_LENGTH], token[KEY_LENGTH:]


def secret_matches(secret: str, stored_hash: str) -> bool:
    return bool(stored_hash) and hmac.compare_digest(hash_secret(secret), stored_hash)
