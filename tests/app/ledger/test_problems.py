"""The problems' sentences: three languages that say the same thing with the same arguments."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.ledger.model import Problem
from app.ledger.problems import LANGUAGES, TEXTS, Code, placeholders, sentence


def test_every_code_has_a_sentence_in_every_language() -> None:
    assert set(TEXTS) == set(Code)
    for code, texts in TEXTS.items():
        assert len(texts) == len(LANGUAGES), code
        assert all(text.strip() for text in texts), code


@pytest.mark.parametrize("code", list(Code))
def test_the_languages_fill_in_the_same_arguments(code: Code) -> None:
    english, french, arabic = TEXTS[code]
    assert placeholders(french) == placeholders(english), code
    assert placeholders(arabic) == placeholders(english), code


def test_arguments_are_formatted_by_the_caller_or_plainly() -> None:
    problem = Problem(Code.UNBALANCED, {"debit": Decimal("1000.50"), "credit": Decimal("0"),
                                        "difference": Decimal("1000.50")}, field="amount")
    assert problem.message == ("the entry does not balance: debit 1000.50, credit 0, "
                               "difference 1000.50")
    french = problem.text("fr", amount=lambda v: f"{v:,.2f}".replace(",", " ").replace(".", ","))
    assert french == ("l'écriture n'est pas équilibrée : débit 1 000,50, crédit 0,00, "
                      "écart 1 000,50")
    locked = Problem(Code.LOCKED, {"date": date(2025, 3, 1), "lock": date(2025, 3, 31)})
    assert locked.text("ar", day=lambda d: d.strftime("%d/%m/%Y")) == (
        "التاريخ 01/03/2025 سابق لتاريخ الإقفال 31/03/2025 أو مساوٍ له")
    assert str(Problem(Code.NO_AMOUNT, line=3)) == "line 3: the line has no amount"


def test_an_unknown_language_falls_back_to_english() -> None:
    assert sentence(Code.NO_AMOUNT, {}, "de") == "the line has no amount"
