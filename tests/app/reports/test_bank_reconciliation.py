"""The bank reconciliation statement: both balances, what each side has not seen, and the
difference shown plainly when they do not agree."""

from __future__ import annotations

import io
import json
import random
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.reports import bank_reconciliation as br
from app.reports.export import Style, write_xlsx
from app.store.bank_match import match
from app.store.bank_reconcile import auto_match, bank_account
from app.store.books import Books
from app.store.database import StoreError
from tests.app.store.test_bank_match import add_statement, post_bank

FEB = date(2025, 2, 28)


def _february(books: Books, opening: str = "10000.00", closing: str = "10975.00") -> None:
    """Capital before the statements start, a sale and a transfer the bank cleared, a cheque
    it has not, and its charges not booked yet."""
    post_bank(books, "2025-01-02", "10000.00", "Apport", other="101", party=None)
    post_bank(books, "2025-02-01", "1190.00", "Règlement F1")
    post_bank(books, "2025-02-05", "-300.00", "Fournisseur A", "CHQ 7001", other="401",
              party="S1")
    post_bank(books, "2025-02-20", "-200.00", "Virement fournisseur", other="401", party="S1")
    add_statement(books, [("2025-02-03", "1190.00", "VIR CLIENT1", ""),
                          ("2025-02-21", "-200.00", "VIR FOURNISSEUR", ""),
                          ("2025-02-27", "-15.00", "FRAIS TENUE DE COMPTE", "")],
                  opening=opening, closing=closing, start="2025-02-01", end="2025-02-28")
    with books.write() as cur:
        done = auto_match(cur, bank_account(cur, "512"), FEB, apply=True)
    assert len(done.applied) == 2


def test_the_reconciled_balances_agree(books: Books) -> None:
    _february(books)
    rec = br.reconciliation(books, "512", FEB)
    assert rec.book_balance == Decimal("10690.00")
    assert rec.statement_amount == Decimal("10975.00")
    assert [(x.day, x.amount, x.source, x.reference) for x in rec.books_not_on_statement] == [
        (date(2025, 2, 5), Decimal("-300.00"), "BQ-3:1", "CHQ 7001")]
    assert [(x.amount, x.label) for x in rec.statement_not_in_books] == [
        (Decimal("-15.00"), "FRAIS TENUE DE COMPTE")]
    assert rec.reconciled_books == rec.reconciled_statement == Decimal("10675.00")
    assert rec.difference == 0
    lines = br.summary(rec)
    assert lines[-1] == ("Les soldes rapprochés concordent", None, Style.TOTAL)
    assert lines[3][0] == "Solde selon le relevé au 28/02/2025 (clôture du relevé du 28/02/2025)"


def test_the_at_date_defaults_to_the_last_statement_end(books: Books) -> None:
    _february(books)
    assert br.reconciliation(books, "512").at == FEB


def test_a_cheque_cashed_later_is_outstanding_until_then(books: Books) -> None:
    _february(books)
    [cashed] = add_statement(books, [("2025-03-04", "-300.00", "CHEQUE 7001", "")],
                             opening="10975.00", closing="10675.00", start="2025-03-01",
                             end="2025-03-31")
    with books.write() as cur:
        done = auto_match(cur, bank_account(cur, "512"), date(2025, 3, 31), apply=True)
    assert done.applied == ()
    [late] = done.proposals
    assert (late.kind, late.bank, late.ledger, late.score) == ("near", (cashed,), ((3, 1),), 51)
    with books.write() as cur:
        match(cur, late.bank, late.ledger, how="manual", day=date(2025, 4, 1))
    before = br.reconciliation(books, "512", FEB)
    assert [x.source for x in before.books_not_on_statement] == ["BQ-3:1"]
    assert before.difference == 0
    mid = br.reconciliation(books, "512", date(2025, 3, 10))
    assert mid.statement_balance is not None and mid.statement_balance.lines_after == 1
    assert mid.statement_amount == Decimal("10675.00") and mid.books_not_on_statement == ()
    assert mid.difference == 0
    assert "plus 1 lines booked since" in br.summary(mid, "en")[3][0]


def test_a_difference_is_shown_plainly(books: Books) -> None:
    _february(books, opening="9000.00", closing="9975.00")
    rec = br.reconciliation(books, "512", FEB)
    assert rec.difference == Decimal("1000.00")
    label, amount, style = br.summary(rec, "en")[-1]
    assert (label, amount, style) == ("UNEXPLAINED DIFFERENCE (books less statement)",
                                      Decimal("1000.00"), Style.TOTAL)


def test_no_statement_balance_leaves_the_difference_unknown(books: Books) -> None:
    post_bank(books, "2025-02-01", "50.00")
    add_statement(books, [("2025-02-03", "50.00", "VIR", "")])
    rec = br.reconciliation(books, "512", FEB)
    assert rec.statement_amount is None and rec.difference is None
    assert "unknown" in br.summary(rec, "en")[3][0]
    assert br.summary(rec, "en")[-1][0].startswith("No difference can be worked out")
    assert len(br.summary(rec)) == 5


def test_an_account_without_statements_is_refused(books: Books) -> None:
    with pytest.raises(StoreError, match="no bank statement stored"):
        br.reconciliation(books, "512", FEB)


def test_text_csv_and_json(books: Books) -> None:
    _february(books)
    rec = br.reconciliation(books, "512", FEB)
    out = io.StringIO()
    br.write(rec, "json", out)
    data = json.loads(out.getvalue())
    assert (data["book_balance"], data["statement_balance"], data["difference"]) == (
        "10690.00", "10975.00", "0.00")
    assert data["statement_basis"] == {"kind": "closing", "date": "2025-02-28",
                                       "lines_after": 0}
    out = io.StringIO()
    br.write(rec, "csv", out, "en")
    rows = out.getvalue().splitlines()
    assert rows[0] == "section,date,source,reference,label,amount"
    assert "books_not_on_statement,2025-02-05,BQ-3:1,CHQ 7001,Fournisseur A,-300.00" in rows
    out = io.StringIO()
    br.write(rec, "text", out, "en")
    assert "Bank reconciliation statement — Account 512" in out.getvalue()
    assert "The reconciled balances agree" in out.getvalue()


def test_xlsx_holds_real_numbers(books: Books, tmp_path: Path) -> None:
    _february(books)
    rec = br.reconciliation(books, "512", FEB)
    path = tmp_path / "rapprochement.xlsx"
    write_xlsx(br.report_table(books, rec), path, "Édité le 01/03/2025")
    sheet = load_workbook(path).active
    values = [[cell for cell in row] for row in sheet.iter_rows(values_only=True)]
    assert values[1][0].startswith("État de rapprochement bancaire")
    assert values[6][3] == "Solde du compte selon les livres au 28/02/2025"
    assert values[6][5] == 10690
    assert any(row[1] == "BQ-3:1" and row[5] == 300 for row in values)


def test_the_printout_has_three_parts(books: Books) -> None:
    _february(books)
    report = br.legal_report(books, br.reconciliation(books, "512", FEB), "en")
    assert [part.title for part in report.parts] == [
        "Reconciliation", "Booked, not yet on the statement",
        "On the statement, not yet in the books"]
    assert report.period == "At 28/02/2025" and report.kind == "bank_reconciliation"
    assert [len(list(part.rows)) for part in report.parts] == [7, 2, 2]


@pytest.mark.parametrize("seed", range(6))
def test_the_balances_agree_at_any_date_whatever_is_matched(make_books, seed: int) -> None:
    """Random moves, a random part of them cleared up to ten days later, charges the books do
    not have, every proposal confirmed: the reconciled balances agree on every day, matches
    straddling the day included."""
    rng = random.Random(seed)
    books = make_books(name=f"seed{seed}")
    post_bank(books, "2025-01-02", "5000.00", "Apport", other="101", party=None)
    moves = sorted((date(2025, 2, rng.randint(1, 28)), rng.choice([-1, 1]) * rng.randint(1, 400))
                   for _ in range(12))
    rows = []
    for day, amount in moves:
        post_bank(books, day.isoformat(), f"{amount}.00")
        if rng.random() < 0.7:
            cleared = day + timedelta(days=rng.randint(0, 10))
            rows.append((cleared.isoformat(), f"{amount}.00", "OPERATION", ""))
    rows += [(f"2025-02-{rng.randint(1, 28):02d}", f"-{rng.randint(1, 9)}.50", "FRAIS", "")
             for _ in range(2)]
    closing = Decimal("5000.00") + sum((Decimal(r[1]) for r in rows), Decimal(0))
    add_statement(books, rows, opening="5000.00", closing=str(closing), start="2025-02-01",
                  end="2025-03-15")
    with books.write() as cur:
        done = auto_match(cur, bank_account(cur, "512"), date(2025, 3, 15), apply=True)
        for proposal in done.proposals:
            match(cur, proposal.bank, proposal.ledger, how="manual", day=date(2025, 3, 16))
    for day in (date(2025, 2, 1), date(2025, 2, 14), date(2025, 2, 28), date(2025, 3, 15)):
        rec = br.reconciliation(books, "512", day)
        assert rec.difference == 0, (day, rec)
