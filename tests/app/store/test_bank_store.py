"""Statements kept in the company file, bank rules, suggestions and posting a line's entry."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from app.io.bank import Balance, Statement, StatementLine
from app.io.bank.model import fingerprinted
from app.ledger.bank_rules import Rule
from app.ledger.model import AccountKind, ThirdParty, ThirdPartyKind
from app.store import bank
from app.store.books import Books
from app.store.database import StoreError

TODAY = date(2025, 4, 2)
MARCH = [("2025-03-03", "300.00", "VIR FACTURE 12", "SARL CLIENT", "R1"),
         ("2025-03-05", "-980.00", "PRLV SONELGAZ 0325", "SONELGAZ", "R2"),
         ("2025-03-05", "-7.50", "FRAIS TENUE COMPTE", "", "R3")]


def statement(rows=MARCH, *, opening: str = "1000.00", closing: str | None = None,
              currency: str = "DZD", iban: str = "DZ5800100", name: str = "mars.xml"
              ) -> Statement:
    lines = fingerprinted(iban, [
        StatementLine(date.fromisoformat(day), Decimal(amount), label, party, ref)
        for day, amount, label, party, ref in rows])
    total = sum((line.amount for line in lines), Decimal(0))
    end = Decimal(closing) if closing else Decimal(opening) + total
    return Statement(Path(name), 1, iban, currency, lines, Balance(Decimal(opening), None),
                     Balance(end, None), identifier="STMT-3")


def imported(books: Books, stmt: Statement, account: str = "512", journal: str = "BQ"
             ) -> bank.Imported:
    with books.write() as cur:
        return bank.import_statement(cur, stmt, account=account, journal=journal, fmt="camt")


def open_ids(books: Books, account: str = "512") -> list[int]:
    with books.read() as cur:
        return [line.id for line in bank.open_lines(cur, account)]


def count(books: Books, table: str) -> int:
    with books.read() as cur:
        return cur.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_import_keeps_new_lines_and_says_what_was_there(books: Books) -> None:
    first = imported(books, statement())
    assert (first.new, first.duplicates, first.summary) == (
        3, 0, "3 new lines, 0 already imported")
    again = imported(books, statement())
    assert again == bank.Imported(None, 0, 3)
    assert count(books, "bank_statement") == 1
    april = statement([*MARCH[1:], ("2025-04-01", "-15.00", "CB NAFTAL", "", "R4")],
                      opening="1300.00", name="avril.xml")
    assert imported(books, april).summary == "1 new line, 2 already imported"
    with books.read() as cur:
        [march, later] = bank.statements(cur, "512")
        lines = bank.open_lines(cur, "512")
        events = cur.execute("SELECT detail FROM audit_event WHERE kind = 'bank_import'"
                             ).fetchall()
    assert (march.file_name, march.format, march.bank_account, march.lines, march.open_lines,
            march.opening, march.closing) == ("mars.xml", "camt053", "DZ5800100", 3, 3,
                                              Decimal("1000.00"), Decimal("312.50"))
    assert later.lines == 1 and march.journal == "BQ"
    assert [(str(x.booking_date), x.amount) for x in lines] == [
        ("2025-03-03", Decimal("300.00")), ("2025-03-05", Decimal("-980.00")),
        ("2025-03-05", Decimal("-7.50")), ("2025-04-01", Decimal("-15.00"))]
    assert [json.loads(e[0])["new"] for e in events] == [3, 1]


def test_open_lines_page(books: Books) -> None:
    imported(books, statement())
    with books.read() as cur:
        page = bank.open_lines(cur, "512", limit=2, offset=1)
        one = bank.bank_line(cur, page[0].id)
        with pytest.raises(StoreError, match="there is no statement line 99"):
            bank.bank_line(cur, 99)
    assert [x.label for x in page] == ["PRLV SONELGAZ 0325", "FRAIS TENUE COMPTE"]
    assert (one.account, one.journal, one.counterparty, one.match_id) == (
        "512", "BQ", "SONELGAZ", None)


@pytest.mark.parametrize(("stmt", "account", "journal", "message"), [
    (statement(currency="EUR"), "512", "BQ", "mars.xml, statement 1 (STMT-3): the statement "
     "is in EUR, the books in DZD"),
    (statement(closing="999.00"), "512", "BQ", "the opening balance 1000.00 and the lines "
     "(-687.50) do not come to the closing 999.00"),
    (statement(), "607", "BQ", "account 607 is not a bank account"),
    (statement(), "51", "BQ", "account 51 is not a bank account"),
    (statement(), "5129", "BQ", "account 5129 does not exist"),
    (statement(), "512", "VT", "journal VT is a sales journal"),
])
def test_import_refusals_write_nothing(books: Books, stmt: Statement, account: str,
                                       journal: str, message: str) -> None:
    with pytest.raises(StoreError, match=message.replace("(", r"\(").replace(")", r"\)")):
        imported(books, stmt, account, journal)
    assert count(books, "bank_line") == 0 and count(books, "audit_event WHERE kind = "
                                                    "'bank_import'") == 0


def test_import_refuses_another_bank_accounts_statement(books: Books) -> None:
    imported(books, statement())
    other = statement([("2025-03-09", "5.00", "x", "", "Z")], iban="DZ99 000")
    with pytest.raises(StoreError, match="the statement is of bank account DZ99 000, but "
                       "account 512 holds the statements of DZ5800100"):
        imported(books, other)
    books.add_account("5121", "Banque 2", kind=AccountKind.BANK)
    assert imported(books, other, "5121").new == 1
    with pytest.raises(StoreError, match=r"mars.xml, statement 1 \(STMT-3\): lines of this "
                       "statement were imported for account 512 already"):
        books.add_account("5122", "Banque 3", kind=AccountKind.BANK)
        imported(books, statement(), "5122")


def test_zero_lines_are_left_out(books: Books) -> None:
    result = imported(books, statement([*MARCH, ("2025-03-06", "0.00", "INFO", "", "")]))
    assert result.summary == "3 new lines, 0 already imported, 1 of no amount left out"


# --- rules ------------------------------------------------------------------------------------

def add(books: Books, rule: Rule) -> Rule:
    with books.write() as cur:
        return bank.add_rule(cur, rule)


def test_rules_are_kept_checked_and_ordered(books: Books) -> None:
    books.add_third_party(ThirdParty("SNG", "Sonelgaz", ThirdPartyKind.SUPPLIER))
    add(books, Rule("Frais", "627", label_contains="frais", direction="out", id=None))
    kept = add(books, Rule("Sonelgaz", "401", counterparty_contains="sonelgaz",
                           third_party="SNG", journal="BQ", amount_min=Decimal("1.5"),
                           entry_label="Electricite", priority=5))
    assert (kept.third_party, kept.journal, kept.amount_min, kept.amount_max, kept.id) == (
        "SNG", "BQ", Decimal("1.50"), None, 2)
    with books.read() as cur:
        assert [r.name for r in bank.rules(cur)] == ["Sonelgaz", "Frais"]
    for rule, message in [
        (Rule("Frais", "627", label_contains="x"), "a bank rule named 'Frais' exists already"),
        (Rule("x", "401", label_contains="x"), "bank rule 'x': account 401 needs a third party"),
        (Rule("x", "60", label_contains="x"), "account 60 is a heading, not postable"),
        (Rule("x", "401", label_contains="x", third_party="NOPE"), "third party NOPE does not"),
        (Rule("x", "627", label_contains="x", journal="ZZ"), "journal ZZ does not exist"),
        (Rule("x", "627"), "bank rule 'x': a rule needs a label, a counterparty or an amount"),
    ]:
        with pytest.raises(StoreError, match=message):
            add(books, rule)
    with books.write() as cur:
        assert not bank.set_rule_active(cur, "Frais", False).active
        assert [r.name for r in bank.rules(cur, active_only=True)] == ["Sonelgaz"]
        bank.delete_rule(cur, "Sonelgaz")
        with pytest.raises(StoreError, match="no bank rule named 'Sonelgaz' \\(rules: Frais\\)"):
            bank.delete_rule(cur, "Sonelgaz")
    assert count(books, "audit_event WHERE kind LIKE 'bank_rule%'") == 4


# --- posting and suggestions ------------------------------------------------------------------

def post(books: Books, line_id: int, **counterpart: str) -> bank.PostedLine:
    with books.write() as cur:
        return bank.post_line(cur, line_id, day=TODAY, **counterpart)


def test_post_a_line_matches_it_in_the_same_transaction(books: Books) -> None:
    imported(books, statement())
    _, sonelgaz, fees = open_ids(books)
    posted = post(books, fees, account="627", source="rule")
    entry = books.entry(posted.entry_id)
    assert (entry.journal, entry.number, entry.date, entry.label, entry.reference) == (
        "BQ", 1, date(2025, 3, 5), "FRAIS TENUE COMPTE", "R3")
    assert [(x.account, x.debit, x.credit) for x in entry.lines] == [
        ("512", 0, Decimal("7.50")), ("627", Decimal("7.50"), 0)]
    with books.read() as cur:
        line = bank.bank_line(cur, fees)
        matched = cur.execute("SELECT bank_match_id FROM line WHERE entry_id = ? AND position = 1",
                              (posted.entry_id,)).fetchone()[0]
        how = cur.execute("SELECT how FROM bank_match").fetchall()
    assert line.match_id == matched == posted.match_id and how == [("posted",)]
    assert fees not in open_ids(books)
    with pytest.raises(StoreError, match=f"statement line {fees} \\(2025-03-05, -7.50\\) is "
                       "matched already"):
        post(books, fees, account="627")
    post(books, sonelgaz, account="607", label="Electricité mars")
    assert books.entry(posted.entry_id + 1).label == "Electricité mars"


@pytest.mark.parametrize(("counterpart", "message"), [
    ({"account": "512"}, "the counterpart cannot be the bank account 512 itself"),
    ({"account": "401"}, "line 2: account 401 needs a third party"),
    ({"account": "9999"}, "line 2: account 9999 does not exist"),
    ({"account": "627", "journal": "ZZ"}, "journal ZZ does not exist"),
])
def test_a_refused_posting_writes_nothing(books: Books, counterpart: dict[str, str],
                                          message: str) -> None:
    imported(books, statement())
    first = open_ids(books)[0]
    entries = count(books, "entry")
    with pytest.raises(StoreError, match=message):
        post(books, first, **counterpart)
    assert count(books, "entry") == entries and count(books, "bank_match") == 0
    assert first in open_ids(books)


def test_lock_date_and_journal_order_refuse_with_the_line_named(books: Books) -> None:
    imported(books, statement())
    client, sonelgaz, _ = open_ids(books)
    post(books, sonelgaz, account="607")
    with pytest.raises(StoreError, match=f"statement line {client} \\(2025-03-03, 300.00\\): "
                       "2025-03-03 is before 2025-03-05, the date of BQ-1"):
        post(books, client, account="706")
    books.set_lock_date(date(2025, 3, 31))
    with pytest.raises(StoreError, match="2025-03-05 is on or before the lock date 2025-03-31"):
        post(books, open_ids(books)[-1], account="627")
    assert count(books, "entry") == 1


def test_suggestions_learn_from_this_companys_postings(books: Books) -> None:
    books.add_account("6061", "Sonelgaz", kind=AccountKind.GENERAL)
    imported(books, statement())
    _, sonelgaz, _ = open_ids(books)
    with books.write() as cur:
        bank.add_rule(cur, Rule("Frais", "627", label_contains="frais tenue"))
    post(books, sonelgaz, account="6061")
    april = statement([("2025-04-03", "-1010.00", "PRLV 0425", "Sonelgaz S.P.A.", "R9")],
                      opening="1312.50", name="avril.xml")
    imported(books, april)
    with books.read() as cur:
        lines = bank.open_lines(cur, "512")
        made = bank.suggestions(cur, lines)
    client, fee_line, new = lines
    assert made[client.id] == []
    [rule] = made[fee_line.id]
    assert (rule.account, rule.source, rule.reason) == (
        "627", "rule", "rule 'Frais': label contains 'frais tenue'")
    [learned] = made[new.id]
    assert (learned.account, learned.source) == ("6061", "learned")
    assert learned.reason == "1 earlier payment to Sonelgaz S.P.A. went to 6061 Sonelgaz"


def test_precedents_take_the_counterpart_not_the_bank(books: Books) -> None:
    books.add_third_party(ThirdParty("C1", "Client un", ThirdPartyKind.CUSTOMER))
    imported(books, statement())
    client = open_ids(books)[0]
    post(books, client, account="411", third_party="C1")
    with books.read() as cur:
        [known] = bank.precedents(cur)
    assert (known.account, known.third_party, known.third_party_name, known.money_in,
            known.counterparty) == ("411", "C1", "Client un", True, "SARL CLIENT")


def test_csv_mapping_delete_and_rename(books: Books) -> None:
    books.set_setting(bank.CSV_MAPPING_PREFIX + "CPA", "{}")
    with books.write() as cur:
        bank.rename_csv_mapping(cur, "CPA", "BNA")
        with pytest.raises(StoreError, match="no bank CSV mapping named 'CPA' \\(saved: BNA\\)"):
            bank.rename_csv_mapping(cur, "CPA", "X")
        bank.delete_csv_mapping(cur, "BNA")
        with pytest.raises(StoreError, match="saved: none saved yet"):
            bank.delete_csv_mapping(cur, "BNA")
    assert books.settings(bank.CSV_MAPPING_PREFIX) == {}

