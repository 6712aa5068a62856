"""Class codes for the board, teacher keys shown once, and how the store keeps them.

A class code is short and easy to copy from a projector (no 0/O, 1/I/L); it only names a class.
The teacher key is what proves a teacher: 72 random bits, shown once when the class opens, kept
only as a salted scrypt hash (about 50 ms and 16 MB of memory per try, so guessing is slow even
from a stolen database). A student's session token is random too and kept as sha256 (it is long
enough that a fast hash is safe).
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from classroom.schema import CODE_LENGTH

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
SCRYPT = {"n": 2 ** 14, "r": 8, "p": 1, "dklen": 32}


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def tidy_code(typed: str) -> str:
    """What a student typed, as a code: capitals, no spaces or dashes ('ab3 k9x' → 'AB3K9X')."""
    return "".join(ch for ch in str(typed).upper() if ch.isascii() and ch.isalnum())[:2 * CODE_LENGTH]


def new_teacher_key() -> str:
    return secrets.token_urlsafe(9)   # 12 characters


def new_token() -> str:
    return secrets.token_urlsafe(24)


def salt() -> bytes:
    return secrets.token_bytes(16)


def slow_hash(key: str, key_salt: bytes) -> bytes:
    return hashlib.scrypt(key.encode("utf-8")[:256], salt=key_salt, maxmem=64 * 1024 * 1024, **SCRYPT)


# The keys already found right within one run of a page (see one_check_per_run); None outside such a run.
_MATCHED: ContextVar[set[tuple[str, bytes, bytes]] | None] = ContextVar("matched_teacher_keys", default=None)


@contextmanager
def one_check_per_run() -> Iterator[None]:
    """Within this block a key found right is not hashed again: one slow check per run of the console.

    Only a match is remembered, and only until the block ends; a wrong key is hashed every time (its tries
    still count), and a class that was closed or has ended is refused before its key is looked at.
    Blocks nest: an inner one (a fragment run inside the page's run) shares the outer one's memory.
    """
    if _MATCHED.get() is not None:
        yield
        return
    token = _MATCHED.set(set())
    try:
        yield
    finally:
        _MATCHED.reset(token)


def key_matches(key: str, key_salt: bytes, stored: bytes) -> bool:
    matched = _MATCHED.get()
    if matched is not None and (key, key_salt, stored) in matched:
        return True
    right = hmac.compare_digest(slow_hash(key, key_salt), stored)
    if right and matched is not None:
        matched.add((key, key_salt, stored))
    return right


def token_hash(token: str) -> bytes:
    return hashlib.sha256(token.encode("utf-8")[:256]).digest()
