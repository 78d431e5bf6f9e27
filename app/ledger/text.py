"""Text as searches compare it: one normalisation for every search in Daftar.

``fold`` is what the entries list (in SQL, through the connection's ``fold`` function), the chart,
the third parties and the entry editor's completion all compare, so a word typed finds the same
things wherever it is typed.
"""

from __future__ import annotations

import unicodedata

_ACCENTS = range(0x0300, 0x0370)
"""Combining Diacritical Marks: the accents of Latin (and Greek, Cyrillic) letters."""
_HARAKAT = frozenset([*range(0x064B, 0x0653), 0x0670, 0x0640])
"""Arabic short vowels, tanwin, shadda and sukun, the dagger alif and the tatweel: optional in
writing (most names are typed without them), so ``محمد`` must find ``مُحَمَّد``. The hamza
(U+0654, U+0655) is not among them: it is part of its letter (``أحمد`` is not ``احمد``)."""
_DROPPED = frozenset(_ACCENTS) | _HARAKAT


def fold(text: str) -> str:
    """``text`` without case, Latin accents and Arabic harakat: ``RÈGLEMENT``, ``Règlement`` →
    ``reglement``; ``مُحَمَّد`` → ``محمد``.

    Compatibility forms become their plain letters (``ﬁ`` → ``fi``, Arabic presentation forms →
    letters); Arabic letters are otherwise unchanged. Deterministic: SQLite indexes may rely on it.
    """
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    kept = "".join(ch for ch in decomposed if ord(ch) not in _DROPPED)
    return unicodedata.normalize("NFC", kept)


def fold_or_none(text: str | None) -> str | None:
    """``fold`` for SQL, where a column may be NULL."""
    return None if text is None else fold(text)
