"""The hash chain over posted entries.

Every posted entry stores ``hash = SHA-256(prev_hash ‖ canonical bytes of the entry)``, the first
one chaining from ``GENESIS``. Changing any posted byte, removing an entry or reordering two breaks
every hash after it, which ``verify`` reports by naming the first entry that no longer matches.

The canonical form is compact JSON of primitive values only (amounts in integer minor units, dates
in ISO form), so a verifier in any language can recompute it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

GENESIS = "0" * 64

CanonicalLine = tuple[str, str, str, int, int, str] | tuple[str, str, str, int, int, str, str]
"""(account number, third-party code or "", label, debit minor units, credit minor units,
due date ISO or ""), then the tax code for a line that carries one: lines without a tax code
keep the form they had before tax codes existed, so every earlier hash still verifies."""

_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def canonical_bytes(
    *,
    seq: int,
    journal: str,
    number: int,
    date: str,
    label: str,
    reference: str,
    reversal_of: int | None,
    posted_at: str,
    lines: Sequence[CanonicalLine],
) -> bytes:
    """The bytes of a posted entry that the chain covers, in one fixed field order."""
    return _encode(
        [1, seq, journal, number, date, label, reference, reversal_of, posted_at,
         [list(line) for line in lines]]
    ).encode("utf-8")


def chain_hash(prev_hash: str, canonical: bytes) -> str:
    """The hex SHA-256 of the previous hash (hex text) followed by the entry's canonical bytes."""
    return hashlib.sha256(prev_hash.encode("ascii") + canonical).hexdigest()
