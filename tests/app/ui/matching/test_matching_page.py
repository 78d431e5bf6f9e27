"""The matching page: letter an invoice with its payment, partly, then complete; unmatch;
match automatically; on a real company file."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.store.verify import verify
from app.ui.kit.session import CompanySession
from app.ui.matching.page import MatchingPage
from tests.ledger_text import post_text

INVOICES = """
    2025-01-10 VT "Facture 1"
      411  1000.00  CLIENT1
      700  -1000.00
    2025-01-20 VT "Facture 2"
      411  500.00  CLIENT1
      700  -500.00
    2025-02-05 BQ "Acompte facture 1"
      512  400.00
      411  -400.00  CLIENT1
    2025-02-25 BQ "Solde facture 1"
      512  600.00
      411  -600.00  CLIENT1
"""


def page_of(session: CompanySession, qtbot: QtBot) -> MatchingPage:
    post_text(session.books, INVOICES)
    page = MatchingPage(session)
    qtbot.addWidget(page)
    page.resize(1024, 600)
    page.show()
    page.select_account("411", "CLIENT1")
    return page


def rows(page: MatchingPage) -> list[tuple[str, str]]:
    return [(line.label, page.model.letter(line)) for line in page.model.rows]


def test_a_partial_match_then_its_completion(session: CompanySession, qtbot: QtBot) -> None:
    page = page_of(session, qtbot)
    assert [label for label, _ in rows(page)] == [
        "Facture 1", "Facture 2", "Acompte facture 1", "Solde facture 1"]
    page.select_rows([0, 2])  # 1000 against 400: not balanced
    assert not page.match_action.isEnabled() and page.partial_action.isEnabled()
    assert "balance \u2068600.00\u2069" in page.selection.text()
    page.match(partial=True)
    assert "Matched 2 lines under letter A" in page.message.text()
    assert ("Facture 1", "a") in rows(page), "a partial group stays in view, in lower case"

    page.select_rows([0, 2, 3])  # the partial group and the balance of the invoice
    labels = [page.model.rows[r].label for r in (0, 2, 3)]
    assert labels == ["Facture 1", "Acompte facture 1", "Solde facture 1"]
    assert page.match_action.isEnabled()
    page.match()
    assert "Letter A is complete" in page.message.text()
    assert rows(page) == [("Facture 2", "")], "complete groups leave the open lines"
    page.everything.setChecked(True)
    assert ("Solde facture 1", "A") in rows(page)
    assert verify(session.books).ok


def test_unmatch_and_match_automatically(session: CompanySession, qtbot: QtBot) -> None:
    page = page_of(session, qtbot)
    page.select_rows([0, 2, 3])
    page.match()
    page.everything.setChecked(True)
    page.table.setCurrentIndex(page.model.index(0, 0))
    assert page.unmatch_action.isEnabled()
    page.unmatch()
    assert "Letter A taken off 3 lines" in page.message.text()
    page.auto_match()
    assert "groups matched automatically" in page.message.text()
    letters = {label: letter for label, letter in rows(page)}
    assert letters["Facture 1"] and letters["Facture 1"] == letters["Solde facture 1"] \
        == letters["Acompte facture 1"], letters
    assert letters["Facture 2"] == ""


def test_a_match_that_does_not_balance_is_refused_in_words(session: CompanySession,
                                                           qtbot: QtBot) -> None:
    page = page_of(session, qtbot)
    page.select_rows([0, 2])
    page.match()  # the action is off, but the store is the judge: it says why
    assert "the lines do not balance (the debits exceed the credits by 600.00 DZD)" in \
        page.message.text()
    assert all(letter == "" for _label, letter in rows(page))
