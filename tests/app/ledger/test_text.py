"""The one normalisation every search uses: case, Latin accents and Arabic harakat ignored."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from app.ledger.text import fold, fold_or_none


def test_case_and_latin_accents_are_ignored() -> None:
    assert {fold(t) for t in ("RÈGLEMENT", "Règlement", "reglement", "RÉGLEMENT")} == {"reglement"}
    assert fold("Ça coûte") == "ca coute"
    assert fold("ÉTAT — Créances") == "etat — creances"
    assert fold("Straße") == "strasse"
    assert fold("ﬁn") == "fin"  # compatibility forms become plain letters


def test_arabic_letters_are_unchanged_and_harakat_ignored() -> None:
    for text in ("أحمد", "إبراهيم بن عيسى", "شركة الأمل ش.ذ.م.م", "فاتورة ٣٤٥", "مؤسسة"):
        assert fold(text) == text                 # hamza is part of its letter: kept
    assert fold("مُحَمَّد") == fold("محمد") == "محمد"
    assert fold("شَرِكَةٌ") == "شركة"
    assert fold("مـحـمـد") == "محمد"               # tatweel stretches letters, means nothing
    assert fold("ﻻ") == "لا"  # a presentation-form ligature is the letters it shows


def test_null_stays_null_for_sql() -> None:
    assert fold_or_none(None) is None
    assert fold_or_none("É") == "e"


@given(st.text())
def test_folding_is_idempotent(text: str) -> None:
    once = fold(unicodedata.normalize("NFC", text))
    assert fold(once) == once
