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

from collections.abc import Iterator, Sequence
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
    return match_many(cur, [(bank_lines, ledger_lines)], how=how, day=day)[0]


def match_many(cur: Cursor, pairs: Sequence[tuple[Sequence[int], Sequence[LineKey]]], *,
               how: How, day: date) -> list[int]:
    """Record several matches at once, each checked as ``match`` checks one, and no line in two
    of them; return their ids in order. The lines are read in a few queries for all the matches:
    an automatic run writes thousands."""
    for bank_lines, ledger_lines in pairs:
        if not bank_lines or not ledger_lines:
            raise MatchError("a match needs at least one statement line and one ledger line")
        if len(set(bank_lines)) != len(bank_lines) or len(set(ledger_lines)) != len(ledger_lines):
            raise MatchError("a line is named twice in the match")
    all_bank = [i for bank_lines, _ in pairs for i in bank_lines]
    all_ledger = [k for _, ledger_lines in pairs for k in ledger_lines]
    if len(set(all_bank)) != len(all_bank) or len(set(all_ledger)) != len(all_ledger):
        raise MatchError("a line is named in two of the matches")
    banks = _bank_rows(cur, all_bank)
    ledgers = _ledger_rows(cur, all_ledger)
    for bank_lines, ledger_lines in pairs:
        bank_total, account_id = _bank_side(banks, bank_lines)
        ledger_total = _ledger_side(cur, ledgers, ledger_lines, account_id)
        if bank_total != ledger_total:
            raise MatchError(
                f"the amounts do not agree: the statement lines come to "
                f"{_amount(cur, bank_total)}, the ledger lines to {_amount(cur, ledger_total)} "
                f"(difference {_amount(cur, ledger_total - bank_total)})")
    first = cur.execute("SELECT coalesce(max(id), 0) + 1 FROM bank_match").fetchone()[0]
    ids = list(range(first, first + len(pairs)))
    cur.executemany("INSERT INTO bank_match (id, made_on, how) VALUES (?, ?, ?)",
                    [(match_id, day.isoformat(), how) for match_id in ids])
    numbered = list(zip(ids, pairs, strict=True))
    # in key order: thousands of updates then walk each table's b-tree once
    cur.executemany("UPDATE bank_line SET match_id = ? WHERE id = ?",
                    sorted(((match_id, bank_id) for match_id, (bank_lines, _) in numbered
                            for bank_id in bank_lines), key=lambda row: row[1]))
    cur.executemany("UPDATE line SET bank_match_id = ? WHERE entry_id = ? AND position = ?",
                    sorted(((match_id, entry_id, position) for match_id, (_, ledger_lines)
                            in numbered for entry_id, position in ledger_lines),
                           key=lambda row: row[1:]))
    if how != "automatic":
        for match_id, (bank_lines, ledger_lines) in numbered:
            audit(cur, "bank_match", match=match_id, how=how, bank_lines=list(bank_lines),
                  ledger_lines=[list(key) for key in ledger_lines])
    return ids


def unmatch(cur: Cursor, match_id: int) -> None:
    """Undo a match: both sides become open again."""
    row = cur.execute("SELECT id FROM bank_match WHERE id = ?", (match_id,)).fetchone()
    if row is None:
        raise MatchError(f"there is no bank match {match_id}")
    cur.execute("DELETE FROM bank_match WHERE id = ?", (match_id,))
    audit(cur, "bank_unmatch", match=match_id)


_CHUNK = 500
"""Ids per query: well under SQLite's limit of bound parameters."""


def _chunks(values: list, size: int = _CHUNK) -> Iterator[list]:
    for start in range(0, len(values), size):
        yield values[start:start + size]


def _bank_rows(cur: Cursor, bank_lines: list[int]) -> dict[int, tuple[int, int | None, int]]:
    """Statement line id → (amount, match id, bank account id); refused if one is missing."""
    found: dict[int, tuple[int, int | None, int]] = {}
    for chunk in _chunks(bank_lines):
        marks = ",".join("?" * len(chunk))
        for row in cur.execute(
                f"SELECT b.id, b.amount, b.match_id, s.account_id FROM bank_line b "
                f"JOIN bank_statement s ON s.id = b.statement_id WHERE b.id IN ({marks})", chunk):
            found[row[0]] = (row[1], row[2], row[3])
    missing = [bank_id for bank_id in bank_lines if bank_id not in found]
    if missing:
        raise MatchError(f"there is no statement line {missing[0]}")
    return found


def _ledger_rows(cur: Cursor, keys: list[LineKey]) -> dict[LineKey, tuple]:
    """(entry, position) → (amount, account id, match id, status, account number)."""
    wanted = set(keys)
    found: dict[LineKey, tuple] = {}
    for chunk in _chunks(sorted({entry_id for entry_id, _ in keys})):
        marks = ",".join("?" * len(chunk))
        for row in cur.execute(
                f"SELECT l.entry_id, l.position, l.debit - l.credit, l.account_id, "
                f"l.bank_match_id, e.status, a.number FROM line l "
                f"JOIN entry e ON e.id = l.entry_id JOIN account a ON a.id = l.account_id "
                f"WHERE l.entry_id IN ({marks})", chunk):
            if (row[0], row[1]) in wanted:
                found[row[0], row[1]] = row[2:]
    return found


def _bank_side(banks: dict[int, tuple[int, int | None, int]],
               bank_lines: Sequence[int]) -> tuple[int, int]:
    taken = [bank_id for bank_id in bank_lines if banks[bank_id][1] is not None]
    if taken:
        raise MatchError(f"statement line {taken[0]} is already matched")
    accounts = {banks[bank_id][2] for bank_id in bank_lines}
    if len(accounts) > 1:
        raise MatchError("the statement lines come from statements of different bank accounts")
    return sum(banks[bank_id][0] for bank_id in bank_lines), accounts.pop()


def _ledger_side(cur: Cursor, ledgers: dict[LineKey, tuple], ledger_lines: Sequence[LineKey],
                 account_id: int) -> int:
    total = 0
    for entry_id, position in ledger_lines:
        row = ledgers.get((entry_id, position))
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
