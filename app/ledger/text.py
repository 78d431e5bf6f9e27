"""Text as searches compare it: one normalisation for every search in Daftar.

``fold`` is what the entries list (in SQL, through the connection's ``fold`` function), the chart,
the third parties and the entry editor's completion all compare, so a word typed finds the same
things wherever it is typed.
"""

from __future__ import annotations

import unicodedata

_ACCENTS = range(0x0300, 0x0370)
"""Combining Diacritical Marks: the accents of Latin (and Greek, Cyrillic) letters. Marks of
other scripts (Arabic hamza and harakat) are kept: they are part of the letter there."""


def fold(text: str) -> str:
    """``text`` without case and Latin accents: ``RÈGLEMENT``, ``Règlement`` → ``reglement``.

    Compatibility forms become their plain letters (``ﬁ`` → ``fi``, Arabic presentation forms →
    letters); Arabic text is otherwise unchanged. Deterministic: SQLite indexes may rely on it.
    """
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    kept = "".join(ch for ch in decomposed if ord(ch) not in _ACCENTS)
    return unicodedata.normalize("NFC", kept)


def fold_or_none(text: str | None) -> str | None:
    """``fold`` for SQL, where a column may be NULL."""
    return None if text is None else fold(text)
