"""Pairing statement lines with the ledger's lines on the bank account (rapprochement).

A match is a set of statement lines and a set of posted ledger lines, on the same bank account,
whose amounts agree to the centime: one payment cleared as one line, a remittance of several
cheques cleared as one, or one transfer booked in two entries. Both sides point at a
``bank_match`` row; undoing the match deletes the row and the foreign keys clear both sides.
Nothing here touches what the hash chain covers (``line.bank_match_id`` is outside it), so a
posted line can be matched and unmatched at will while everything else about it stays fixed.

Every function takes the caller's cursor: matching after posting the missing entry happens in
the posting's own transaction, so either both land or neither does.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Literal

from sqlcipher3.dbapi2 import Cursor

from app.ledger.money import currency, from_minor
from app.store.audit import audit
from app.store.database import StoreError

How = Literal["manual", "automatic", "posted"]
LineKey = tuple[int, int]
"""A ledger line as (entry id, position): the line table's own key."""


class MatchError(StoreError):
    """A match refused: the lines are not open, not on one bank account, or do not agree."""


def match(cur: Cursor, bank_lines: Sequence[int], ledger_lines: Sequence[LineKey], *,
          how: How, day: date) -> int:
    """Record that ``bank_lines`` and ``ledger_lines`` are the same money; return the match id.

    Refused, with nothing written, unless every line exists and is open (in no other match),
    every ledger line is posted on the statements' bank account, and the statement lines' sum
    (money in positive) equals the ledger lines' debits less their credits.
    """
    if not bank_lines or not ledger_lines:
        raise MatchError("a match needs at least one statement line and one ledger line")
    if len(set(bank_lines)) != len(bank_lines) or len(set(ledger_lines)) != len(ledger_lines):
        raise MatchError("a line is named twice in the match")
    bank_total, account_id = _bank_side(cur, bank_lines)
    ledger_total = _ledger_side(cur, ledger_lines, account_id)
    if bank_total != ledger_total:
        raise MatchError(
            f"the amounts do not agree: the statement lines come to "
            f"{_amount(cur, bank_total)}, the ledger lines to {_amount(cur, ledger_total)} "
            f"(difference {_amount(cur, ledger_total - bank_total)})")
    cur.execute("INSERT INTO bank_match (made_on, how) VALUES (?, ?)", (day.isoformat(), how))
    match_id = int(cur.lastrowid)
    cur.executemany("UPDATE bank_line SET match_id = ? WHERE id = ?",
                    [(match_id, bank_id) for bank_id in bank_lines])
    cur.executemany("UPDATE line SET bank_match_id = ? WHERE entry_id = ? AND position = ?",
                    [(match_id, entry_id, position) for entry_id, position in ledger_lines])
    if how != "automatic":
        audit(cur, "bank_match", match=match_id, how=how, bank_lines=list(bank_lines),
              ledger_lines=[list(key) for key in ledger_lines])
    return match_id


def unmatch(cur: Cursor, match_id: int) -> None:
    """Undo a match: both sides become open again."""
    row = cur.execute("SELECT id FROM bank_match WHERE id = ?", (match_id,)).fetchone()
    if row is None:
        raise MatchError(f"there is no bank match {match_id}")
    cur.execute("DELETE FROM bank_match WHERE id = ?", (match_id,))
    audit(cur, "bank_unmatch", match=match_id)


def _bank_side(cur: Cursor, bank_lines: Sequence[int]) -> tuple[int, int]:
    marks = ",".join("?" * len(bank_lines))
    rows = cur.execute(
        f"SELECT b.id, b.amount, b.match_id, s.account_id FROM bank_line b "
        f"JOIN bank_statement s ON s.id = b.statement_id WHERE b.id IN ({marks})",
        list(bank_lines)).fetchall()
    found = {row[0] for row in rows}
    missing = [bank_id for bank_id in bank_lines if bank_id not in found]
    if missing:
        raise MatchError(f"there is no statement line {missing[0]}")
    taken = [row[0] for row in rows if row[2] is not None]
    if taken:
        raise MatchError(f"statement line {taken[0]} is already matched")
    accounts = {row[3] for row in rows}
    if len(accounts) > 1:
        raise MatchError("the statement lines come from statements of different bank accounts")
    return sum(row[1] for row in rows), accounts.pop()


def _ledger_side(cur: Cursor, ledger_lines: Sequence[LineKey], account_id: int) -> int:
    total = 0
    for entry_id, position in ledger_lines:
        row = cur.execute(
            "SELECT l.debit - l.credit, l.account_id, l.bank_match_id, e.status, a.number "
            "FROM line l JOIN entry e ON e.id = l.entry_id "
            "JOIN account a ON a.id = l.account_id "
            "WHERE l.entry_id = ? AND l.position = ?", (entry_id, position)).fetchone()
        where = f"line {position} of entry {entry_id}"
        if row is None:
            raise MatchError(f"there is no {where}")
        amount, line_account, taken, status, number = row
        if status != "posted":
            raise MatchError(f"{where} is a draft: post it before matching it")
        if line_account != account_id:
            bank = cur.execute("SELECT number FROM account WHERE id = ?",
                               (account_id,)).fetchone()[0]
            raise MatchError(f"{where} is on account {number}, not on the bank account {bank}")
        if taken is not None:
            raise MatchError(f"{where} is already matched")
        total += amount
    return total


def _amount(cur: Cursor, amount: int) -> str:
    """Minor units as a plain signed amount in the company's currency, for a message."""
    code = cur.execute("SELECT currency FROM company").fetchone()[0]
    return str(from_minor(amount, currency(code)))
