"""Reading a bank account's open lines on both sides, and matching them automatically.

Open means in no bank match: a statement line whose ``match_id`` is empty, a posted ledger line
on the account whose ``bank_match_id`` is empty. The pairing itself is ``app.ledger.bank_pairing``
(no SQL); this module feeds it and writes what it finds safe through ``bank_match.match``, the
one way a match is written, in the caller's transaction: all the automatic matches land, or none.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlcipher3.dbapi2 import Cursor

from app.ledger.bank_pairing import (
    DEFAULT_WINDOW,
    LedgerItem,
    LineKey,
    Pairing,
    Proposal,
    StatementItem,
    pair,
)
from app.store import bank_match
from app.store.audit import audit
from app.store.database import StoreError


@dataclass(frozen=True, slots=True)
class OpenStatementLine:
    id: int
    statement_id: int
    booking_date: date
    amount: int
    """Minor units, money in positive."""
    label: str
    counterparty: str
    reference: str
    end_to_end_id: str


@dataclass(frozen=True, slots=True)
class OpenLedgerLine:
    entry_id: int
    position: int
    day: date
    amount: int
    """The line's debit less its credit, in minor units: money in positive."""
    label: str
    reference: str
    journal: str
    number: int

    @property
    def key(self) -> LineKey:
        return (self.entry_id, self.position)

    @property
    def name(self) -> str:
        """``BQ-12:2``: how the command line names the line back."""
        return f"{self.journal}-{self.number}:{self.position}"


@dataclass(frozen=True, slots=True)
class AutoMatch:
    """What ``auto_match`` did (or would do, in a dry run) and what it leaves to a person."""

    applied: tuple[tuple[int | None, Proposal], ...]
    """Each automatic pair with its match id (None in a dry run)."""
    proposals: tuple[Proposal, ...]
    statement_lines: dict[int, OpenStatementLine]
    ledger_lines: dict[LineKey, OpenLedgerLine]


def bank_account(cur: Cursor, number: str) -> int:
    """The id of the bank account ``number``, refused unless it is a postable bank account or
    already has statements (an account the chart calls general but the user banks on)."""
    row = cur.execute("SELECT id, kind, postable FROM account WHERE number = ?",
                      (number,)).fetchone()
    if row is None:
        raise StoreError(f"there is no account {number}")
    account_id, kind, postable = row
    has_statements = cur.execute("SELECT 1 FROM bank_statement WHERE account_id = ? LIMIT 1",
                                 (account_id,)).fetchone()
    if not has_statements and (kind != "bank" or not postable):
        raise StoreError(f"account {number} is not a bank account and has no statement stored")
    return int(account_id)


def check_currency(cur: Cursor, account_id: int) -> None:
    """Refuse an account whose statements are in another currency than the books: their amounts
    cannot be compared with the ledger's."""
    company = cur.execute("SELECT currency FROM company").fetchone()[0]
    other = cur.execute("SELECT DISTINCT currency FROM bank_statement "
                        "WHERE account_id = ? AND currency <> ?", (account_id, company)).fetchone()
    if other is not None:
        raise StoreError(f"the account's statements are in {other[0]} and the books in {company}:"
                         " a foreign-currency account cannot be reconciled here")


def open_statement_lines(cur: Cursor, account_id: int, day: date) -> list[OpenStatementLine]:
    """Unmatched statement lines of the account booked on or before ``day``, in date order."""
    rows = cur.execute(
        "SELECT b.id, b.statement_id, b.booking_date, b.amount, b.label, b.counterparty, "
        "b.reference, b.end_to_end_id FROM bank_line b "
        "JOIN bank_statement s ON s.id = b.statement_id "
        "WHERE s.account_id = ? AND b.match_id IS NULL AND b.booking_date <= ? "
        "ORDER BY b.booking_date, b.id", (account_id, day.isoformat()))
    return [OpenStatementLine(r[0], r[1], date.fromisoformat(r[2]), *r[3:]) for r in rows]


def open_ledger_lines(cur: Cursor, account_id: int, day: date) -> list[OpenLedgerLine]:
    """Unmatched posted lines of the account dated on or before ``day``, in date order; the
    label is the line's own, else the entry's."""
    rows = cur.execute(
        "SELECT l.entry_id, l.position, l.date, l.debit - l.credit, "
        "CASE WHEN l.label <> '' THEN l.label ELSE e.label END, e.reference, j.code, e.number "
        "FROM line l JOIN entry e ON e.id = l.entry_id JOIN journal j ON j.id = e.journal_id "
        "WHERE l.account_id = ? AND l.bank_match_id IS NULL AND l.date <= ? "
        "AND e.status = 'posted' ORDER BY l.date, l.entry_id, l.position",
        (account_id, day.isoformat()))
    return [OpenLedgerLine(r[0], r[1], date.fromisoformat(r[2]), *r[3:]) for r in rows]


def propose(statement: list[OpenStatementLine], ledger: list[OpenLedgerLine], *,
            window: int = DEFAULT_WINDOW) -> Pairing:
    """The pairing of the open lines read above."""
    bank_items = [StatementItem(s.id, s.booking_date, s.amount,
                                f"{s.label} {s.counterparty} {s.end_to_end_id}", s.reference)
                  for s in statement]
    ledger_items = [LedgerItem(x.key, x.day, x.amount, x.label, x.reference) for x in ledger]
    return pair(bank_items, ledger_items, window=window)


def auto_match(cur: Cursor, account_id: int, day: date, *, apply: bool,
               window: int = DEFAULT_WINDOW, made_on: date | None = None) -> AutoMatch:
    """Match the unambiguous exact pairs of the account's open lines up to ``day`` (when
    ``apply``), and return them with the proposals left for a person. One audit event tells
    how many were made; ``bank_match.match`` leaves automatic matches out of the trail one by
    one, as there may be thousands."""
    check_currency(cur, account_id)
    statement = open_statement_lines(cur, account_id, day)
    ledger = open_ledger_lines(cur, account_id, day)
    pairing = propose(statement, ledger, window=window)
    ids: list[int | None] = [None] * len(pairing.automatic)
    if apply and pairing.automatic:
        ids = list(bank_match.match_many(cur, [(p.bank, p.ledger) for p in pairing.automatic],
                                         how="automatic", day=made_on or date.today()))
    applied = list(zip(ids, pairing.automatic, strict=True))
    if apply and applied:
        audit(cur, "bank_auto_match", account=account_id, at=day.isoformat(),
              matches=len(applied), window=window)
    return AutoMatch(tuple(applied), pairing.proposals, {s.id: s for s in statement},
                     {x.key: x for x in ledger})


def find_entry(cur: Cursor, journal: str, number: int) -> int:
    """The id of the posted entry ``JOURNAL-NUMBER``, refused when several fiscal years have
    one of that name (the numbering restarts each year)."""
    rows = cur.execute(
        "SELECT e.id, f.start FROM entry e JOIN journal j ON j.id = e.journal_id "
        "JOIN fiscal_year f ON f.id = e.fiscal_year_id "
        "WHERE j.code = ? AND e.number = ? AND e.status = 'posted' ORDER BY f.start",
        (journal, number)).fetchall()
    if not rows:
        raise StoreError(f"there is no posted entry {journal}-{number}")
    if len(rows) > 1:
        ids = ", ".join(f"{r[0]} ({r[1][:4]})" for r in rows)
        raise StoreError(f"{journal}-{number} names an entry in several fiscal years; give its "
                         f"id instead: {ids}")
    return int(rows[0][0])


# --- what the reconciliation statement reads ---------------------------------------------------

@dataclass(frozen=True, slots=True)
class StatementBalance:
    """The balance per the bank at a date, and what it was read from."""

    amount: int
    basis: str
    """``closing``: a statement's closing balance (of the statement ended on ``day``);
    ``opening``: the opening balance of the first statement (which started on ``day``)."""
    day: date
    lines_after: int
    """Statement lines booked after ``day`` up to the date, added to the balance."""


def statement_start(cur: Cursor, account_id: int) -> date | None:
    """The first day the stored statements of the account cover; None without a statement."""
    row = cur.execute(
        "SELECT min(coalesce(s.period_start, (SELECT min(b.booking_date) FROM bank_line b "
        "WHERE b.statement_id = s.id))) FROM bank_statement s WHERE s.account_id = ?",
        (account_id,)).fetchone()
    return date.fromisoformat(row[0]) if row and row[0] else None


def book_balance(cur: Cursor, account_id: int, day: date) -> int:
    """The account's posted debits less credits dated on or before ``day``."""
    row = cur.execute(
        "SELECT coalesce(sum(l.debit - l.credit), 0) FROM line l JOIN entry e "
        "ON e.id = l.entry_id WHERE l.account_id = ? AND l.date <= ? AND e.status = 'posted'",
        (account_id, day.isoformat())).fetchone()
    return int(row[0])


def statement_balance(cur: Cursor, account_id: int, day: date) -> StatementBalance | None:
    """The closing balance of the last statement ended on or before ``day``, plus the lines
    booked after its end up to ``day``; failing one, the first statement's opening balance plus
    its lines up to ``day``; None when no stored balance applies."""
    row = cur.execute(
        "SELECT closing, period_end FROM bank_statement WHERE account_id = ? "
        "AND closing IS NOT NULL AND period_end IS NOT NULL AND period_end <= ? "
        "ORDER BY period_end DESC, id DESC LIMIT 1", (account_id, day.isoformat())).fetchone()
    basis, after = "closing", ">"
    if row is None:
        row = cur.execute(
            "SELECT opening, period_start FROM bank_statement WHERE account_id = ? "
            "AND opening IS NOT NULL AND period_start IS NOT NULL AND period_start <= ? "
            "ORDER BY period_start, id LIMIT 1", (account_id, day.isoformat())).fetchone()
        basis, after = "opening", ">="
    if row is None:
        return None
    count, total = cur.execute(
        f"SELECT count(*), coalesce(sum(b.amount), 0) FROM bank_line b "
        f"JOIN bank_statement s ON s.id = b.statement_id WHERE s.account_id = ? "
        f"AND b.booking_date {after} ? AND b.booking_date <= ?",
        (account_id, row[1], day.isoformat())).fetchone()
    return StatementBalance(int(row[0]) + int(total), basis, date.fromisoformat(row[1]),
                            int(count))


_OPEN_AT = (
    "({alias}.{column} IS NULL "
    "OR EXISTS (SELECT 1 FROM bank_line o WHERE o.match_id = {alias}.{column} "
    "AND o.booking_date > :day) "
    "OR EXISTS (SELECT 1 FROM line o WHERE o.bank_match_id = {alias}.{column} "
    "AND o.date > :day))")
"""A line not reconciled at ``:day``: in no match, or in one with a line dated after the day
(a cheque written in March and cashed in April is outstanding at 31 March)."""


def outstanding_ledger_lines(cur: Cursor, account_id: int, day: date,
                             start: date) -> list[OpenLedgerLine]:
    """Posted lines dated from ``start`` (the statements' first day: older lines make up the
    first statement's opening balance) to ``day``, not reconciled at ``day``."""
    rows = cur.execute(
        "SELECT l.entry_id, l.position, l.date, l.debit - l.credit, "
        "CASE WHEN l.label <> '' THEN l.label ELSE e.label END, e.reference, j.code, e.number "
        "FROM line l JOIN entry e ON e.id = l.entry_id JOIN journal j ON j.id = e.journal_id "
        "WHERE l.account_id = :account AND l.date BETWEEN :start AND :day "
        "AND e.status = 'posted' AND " + _OPEN_AT.format(alias="l", column="bank_match_id")
        + " ORDER BY l.date, l.entry_id, l.position",
        {"account": account_id, "start": start.isoformat(), "day": day.isoformat()})
    return [OpenLedgerLine(r[0], r[1], date.fromisoformat(r[2]), *r[3:]) for r in rows]


def outstanding_statement_lines(cur: Cursor, account_id: int,
                                day: date) -> list[OpenStatementLine]:
    """Statement lines booked on or before ``day`` not reconciled at ``day``."""
    rows = cur.execute(
        "SELECT b.id, b.statement_id, b.booking_date, b.amount, b.label, b.counterparty, "
        "b.reference, b.end_to_end_id FROM bank_line b "
        "JOIN bank_statement s ON s.id = b.statement_id "
        "WHERE s.account_id = :account AND b.booking_date <= :day AND "
        + _OPEN_AT.format(alias="b", column="match_id") + " ORDER BY b.booking_date, b.id",
        {"account": account_id, "day": day.isoformat()})
    return [OpenStatementLine(r[0], r[1], date.fromisoformat(r[2]), *r[3:]) for r in rows]


def latest_statement_end(cur: Cursor, account_id: int) -> date | None:
    """Where a reconciliation is usually drawn up: the end of the account's last statement."""
    row = cur.execute("SELECT max(coalesce(period_end, (SELECT max(b.booking_date) "
                      "FROM bank_line b WHERE b.statement_id = s.id))) FROM bank_statement s "
                      "WHERE s.account_id = ?", (account_id,)).fetchone()
    return date.fromisoformat(row[0]) if row and row[0] else None
