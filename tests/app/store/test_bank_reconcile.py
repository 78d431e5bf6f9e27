"""Reading open lines of a bank account and matching them automatically on a real file."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.ledger.model import Entry, Line
from app.store.bank_reconcile import (
    auto_match,
    bank_account,
    find_entry,
    open_ledger_lines,
    open_statement_lines,
)
from app.store.books import Books
from app.store.database import StoreError
from tests.app.store.test_bank_match import add_statement, post_bank

AT = date(2025, 3, 31)


def _account(books: Books, number: str = "512") -> int:
    with books.read() as cur:
        return bank_account(cur, number)


def test_open_lines_are_posted_unmatched_on_the_account_up_to_the_day(books: Books) -> None:
    kept = post_bank(books, "2025-02-01", "100.00", reference="F12")
    post_bank(books, "2025-04-02", "50.00")
    books.save_draft(Entry("BQ", date(2025, 2, 3), "Brouillon", (
        Line("512", debit=Decimal("70")), Line("706", credit=Decimal("70")))))
    first, _late = add_statement(books, [("2025-02-03", "100.00", "VIR", "R1"),
                                         ("2025-04-03", "50.00", "VIR", "")])
    add_statement(books, [("2025-02-03", "70.00", "OTHER BANK", "")], account="515")
    with books.read() as cur:
        ledger = open_ledger_lines(cur, _account(books), AT)
        statement = open_statement_lines(cur, _account(books), AT)
    assert [(x.entry_id, x.position, x.amount, x.reference, x.name) for x in ledger] == [
        (kept, 1, 10000, "F12", "BQ-1:1")]
    assert [(s.id, s.amount, s.reference) for s in statement] == [(first, 10000, "R1")]


def test_auto_match_applies_only_the_unambiguous_pairs(books: Books) -> None:
    late = post_bank(books, "2025-02-01", "-99.00", "Frais", other="627", party=None)
    rent = post_bank(books, "2025-03-01", "-45000.00", "Loyer mars", other="401", party="S1")
    sale = post_bank(books, "2025-03-03", "1190.00", "Règlement F1")
    cheque_a = post_bank(books, "2025-03-05", "-300.00", "Fournisseur A", "CHQ 7001",
                         other="401", party="S1")
    post_bank(books, "2025-03-06", "-300.00", "Fournisseur B", "CHQ 7002", other="401",
              party="S1")
    rent_b, sale_b, cheque_b, fee_b = add_statement(books, [
        ("2025-03-02", "-45000.00", "PRLV LOYER", ""),
        ("2025-03-06", "1190.00", "VIR CLIENT1", ""),
        ("2025-03-09", "-300.00", "CHEQUE 7001", ""),
        ("2025-03-20", "-99.00", "FRAIS TENUE", ""),
    ])
    account = _account(books)
    with books.write() as cur:
        dry = auto_match(cur, account, AT, apply=False)
    assert [match_id for match_id, _ in dry.applied] == [None, None, None]
    with books.read() as cur:
        assert len(open_statement_lines(cur, account, AT)) == 4
    with books.write() as cur:
        done = auto_match(cur, account, AT, apply=True, made_on=date(2025, 4, 1))
    pairs = sorted((p.bank, p.ledger) for _, p in done.applied)
    assert pairs == sorted([((rent_b,), ((rent, 1),)), ((sale_b,), ((sale, 1),)),
                            ((cheque_b,), ((cheque_a, 1),))])
    assert all(match_id is not None for match_id, _ in done.applied)
    [near] = done.proposals
    assert (near.kind, near.bank, near.ledger) == ("near", (fee_b,), ((late, 1),))
    with books.read() as cur:
        assert [s.id for s in open_statement_lines(cur, account, AT)] == [fee_b]
        assert cur.execute("SELECT count(*) FROM bank_match WHERE how = 'automatic' "
                           "AND made_on = '2025-04-01'").fetchone() == (3,)
        assert cur.execute("SELECT count(*) FROM audit_event WHERE kind = 'bank_auto_match'"
                           ).fetchone() == (1,)
    with books.write() as cur:
        again = auto_match(cur, account, AT, apply=True)
    assert again.applied == () and len(again.proposals) == 1


def test_a_refused_match_leaves_none_of_the_automatic_ones(books: Books) -> None:
    entry = post_bank(books, "2025-03-01", "10.00")
    [line_id] = add_statement(books, [("2025-03-01", "10.00", "VIR", "")])
    account = _account(books)

    class Stop(Exception):
        pass

    with pytest.raises(Stop), books.write() as cur:
        auto_match(cur, account, AT, apply=True)
        raise Stop
    with books.read() as cur:
        assert cur.execute("SELECT match_id FROM bank_line WHERE id = ?",
                           (line_id,)).fetchone() == (None,)
        assert cur.execute("SELECT bank_match_id FROM line WHERE entry_id = ? AND position = 1",
                           (entry,)).fetchone() == (None,)


def test_an_account_that_is_not_a_bank_is_refused(books: Books) -> None:
    with pytest.raises(StoreError, match="not a bank account"):
        _account(books, "411")
    with pytest.raises(StoreError, match="no account 999"):
        _account(books, "999")


def test_statements_in_another_currency_are_refused(books: Books) -> None:
    add_statement(books, [("2025-03-01", "10.00", "VIR", "")], currency="EUR")
    with pytest.raises(StoreError, match="in EUR and the books in DZD"), books.write() as cur:
        auto_match(cur, _account(books), AT, apply=True)


def test_find_entry_by_journal_and_number(books: Books) -> None:
    entry = post_bank(books, "2025-03-01", "10.00")
    with books.read() as cur:
        assert find_entry(cur, "BQ", 1) == entry
        with pytest.raises(StoreError, match="no posted entry BQ-2"):
            find_entry(cur, "BQ", 2)
