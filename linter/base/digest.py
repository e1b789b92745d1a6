"""Content digests and MACs for jxlint's own caches, without OpenSSL.

Importing `hashlib` (and `hmac`, which imports it) loads OpenSSL: 3-5 ms,
about what checking a whole form costs, paid by every pre-commit run for the
few digests its caches need. BLAKE2 is built into CPython (`_blake2` is what
`hashlib.blake2b` returns) and takes a key, so one function gives both the
digests that name cache entries and the MAC that signs them (keyed BLAKE2b
is a MAC by design, RFC 7693). The baseline's finding fingerprints stay
sha256 (`policy/baseline.py`): they are kept in users' repositories.
"""
from __future__ import annotations

from typing import Any

try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python without the built-in module
    from hashlib import blake2b

try:  # what hmac.compare_digest is, without importing hmac (and OpenSSL)
    from _operator import _compare_digest as same
except ImportError:  # pragma: no cover
    from hmac import compare_digest as same

SIZE = 32


def hasher(data: bytes = b"") -> Any:
    """A running digest (`update`, `hexdigest`) of 32 bytes."""
    return blake2b(data, digest_size=SIZE)


def hexdigest(data: bytes) -> str:
    return blake2b(data, digest_size=SIZE).hexdigest()


def mac(secret: bytes, data: bytes) -> bytes:
    """The MAC of `data` under `secret` (at most 64 bytes), as hex bytes."""
    return blake2b(data, key=secret, digest_size=SIZE).hexdigest().encode()


__all__ = ["hasher", "hexdigest", "mac", "same"]
