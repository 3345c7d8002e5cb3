"""Staff passwords, hashed with scrypt from the standard library: slow and memory-hard on purpose (about 16 MB
and tens of milliseconds per try), so a copied county.db does not give the passwords away cheaply. No new
dependency is needed for it; the parameters travel with each hash so they can be raised later."""

from __future__ import annotations

import hashlib
import hmac
import secrets

N, R, P = 2**14, 8, 1
MIN_LENGTH = 8
MAX_LENGTH = 200  # a longer "password" is a denial-of-service attempt on the hash, not a password


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=N, r=R, p=P, maxmem=64 * 1024 * 1024, dklen=32)
    return f"scrypt${N}${R}${P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        found = hashlib.scrypt(password.encode("utf-8", "replace"), salt=bytes.fromhex(salt), n=int(n), r=int(r),
                               p=int(p), maxmem=64 * 1024 * 1024, dklen=len(digest) // 2)
    except (ValueError, MemoryError):
        return False
    return hmac.compare_digest(found.hex(), digest)


# Checked against when the name is unknown, so a wrong name costs as long as a wrong password (no name probing).
DUMMY_HASH = hash_password(secrets.token_urlsafe(16))


def problem(password: str) -> str:
    """Why a new password is not acceptable (Chinese, for the person), or '' when it is."""
    if len(password) < MIN_LENGTH:
        return f"密码至少 {MIN_LENGTH} 个字符，请换一个更长的密码。"
    if len(password) > MAX_LENGTH:
        return f"密码最多 {MAX_LENGTH} 个字符。"
    return ""
