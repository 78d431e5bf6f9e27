"""Matching letters (lettrage) on third-party accounts: the one way a letter is written.

A letter ties posted lines of one account and one third party: an invoice and the payments that
settle it. It lives in ``line.reconciliation`` with the day it was made in ``line.matched_on``,
both outside the hash chain, so matching and unmatching never change a posted byte. A letter is
unique on its account (the same letter on another account is another group); a new one is the
letter after the highest in use on the account (``next_letter``), so a letter freed below it is
never handed out again while a higher one stands. Whether a group is complete (its debits equal
its credits) or partial is read from its lines, never stored.

Every function takes the caller's cursor: an automatic run over many accounts is one
transaction, so it lands whole or not at all. Each manual match and unmatch is audited; an
automatic run leaves one summary event, however many groups it made.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from sqlcipher3.dbapi2 import Cursor

from app.ledger.matching import (
    LineKey,
    OpenLine,
    auto_groups,
    is_complete,
    letter_number,
    letter_of,
    next_letter,
)
from app.ledger.money import currency, from_minor
from app.store.audit import audit
from app.store.database import StoreError


class MatchingError(StoreError):
    """A match refused: a line missing, not posted, already lettered, or lines that do not
    belong together; nothing was written."""


class ItemLine(NamedTuple):
    """A posted line of a third-party account, with what names its entry."""

    entry_id: int
    position: int
    account_id: int
    account: str
    party_id: int | None
    party: str
    """The third party's code ("" for none)."""
    journal: str
    number: int | None
    day: str
    """ISO date."""
    label: str
    """The line's label, else its entry's."""
    reference: str
    debit: int
    credit: int
    letter: str | None
    matched_on: str | None

    @property
    def key(self) -> LineKey:
        return self.entry_id, self.position


@dataclass
class AutoMatchResult:
    """What an automatic run did (or, dry, would do)."""

    dry_run: bool
    accounts: int = 0
    lines_read: int = 0
    groups: list[tuple[str, str, tuple[LineKey, ...], str]] = field(default_factory=list)
    """(account number, letter, line keys, pass) of each group, in the order lettered."""

    @property
    def lines_matched(self) -> int:
        return sum(len(keys) for _, _, keys, _ in self.groups)

    def by_pass(self) -> dict[str, int]:
        return dict(Counter(found_by for *_, found_by in self.groups))


_ITEM = (
    "SELECT l.entry_id, l.position, l.account_id, a.number, l.third_party_id, "
    "coalesce(t.code, ''), j.code, e.number, l.date, "
    "CASE WHEN l.label <> '' THEN l.label ELSE e.label END, e.reference, l.debit, l.credit, "
    "l.reconciliation, l.matched_on FROM line l JOIN entry e ON e.id = l.entry_id "
    "JOIN journal j ON j.id = e.journal_id JOIN account a ON a.id = l.account_id "
    "LEFT JOIN third_party t ON t.id = l.third_party_id ")
_POSTED = "WHERE e.status = 'posted' "
_ORDER = " ORDER BY l.date, l.entry_id, l.position"


def account_lines(cur: Cursor, account_id: int, party_id: int | None = None, *,
                  open_only: bool = False) -> list[ItemLine]:
    """The posted lines of an account (of one third party if given), by date; only the open
    (unlettered) ones if ``open_only``."""
    sql, params = _ITEM + _POSTED + "AND l.account_id = ?", [account_id]
    if party_id is not None:
        sql, params = sql + " AND l.third_party_id = ?", [*params, party_id]
    if open_only:
        sql += " AND l.reconciliation IS NULL"
    return [ItemLine(*row) for row in cur.execute(sql + _ORDER, params)]


def open_lines(cur: Cursor, account_id: int, party_id: int | None = None) -> list[ItemLine]:
    """The lines of an account still to be matched."""
    return account_lines(cur, account_id, party_id, open_only=True)


def letter_lines(cur: Cursor, account_id: int, letter: str) -> list[ItemLine]:
    """The lines carrying ``letter`` on the account (none if the letter is free)."""
    return [ItemLine(*row) for row in cur.execute(
        _ITEM + _POSTED + "AND l.account_id = ? AND l.reconciliation = ?" + _ORDER,
        (account_id, letter.upper()))]


def letters(cur: Cursor, account_id: int) -> dict[str, bool]:
    """Every letter in use on the account, in letter order, and whether its group is complete."""
    rows = cur.execute(
        "SELECT reconciliation, sum(debit) - sum(credit) FROM line "
        "WHERE account_id = ? AND reconciliation IS NOT NULL GROUP BY reconciliation",
        (account_id,)).fetchall()
    return {letter: balance == 0
            for letter, balance in sorted(rows, key=lambda row: letter_number(row[0]))}


def free_letter(cur: Cursor, account_id: int) -> str:
    """The letter a new group on the account takes: the one after the highest in use."""
    longest = cur.execute(
        "SELECT max(length(reconciliation)) FROM line "
        "WHERE account_id = ? AND reconciliation IS NOT NULL", (account_id,)).fetchone()[0]
    if longest is None:
        return next_letter(())
    highest = cur.execute(
        "SELECT max(reconciliation) FROM line WHERE account_id = ? AND reconciliation IS NOT NULL "
        "AND length(reconciliation) = ?", (account_id, longest)).fetchone()[0]
    return next_letter((highest,))


def match_lines(cur: Cursor, keys: Sequence[LineKey], day: date, *,
                allow_partial: bool = False) -> str:
    """Give ``keys`` a new letter on their account and return it.

    Refused unless there are two lines or more, all posted, open, on one account and of one
    third party, and, unless ``allow_partial``, their debits equal their credits.
    """
    if len(keys) < 2:
        raise MatchingError("a match needs two lines or more")
    lines = _open_lines_of(cur, keys)
    _same_account_and_party(lines)
    _complete_unless_partial(cur, lines, allow_partial)
    letter = free_letter(cur, lines[0].account_id)
    _write(cur, [(letter, day.isoformat(), *key) for key in keys])
    audit(cur, "match", account=lines[0].account, letter=letter, day=day.isoformat(),
          lines=[list(key) for key in keys], complete=is_complete(_amounts(lines)))
    return letter


def add_to_letter(cur: Cursor, account_id: int, letter: str, keys: Sequence[LineKey], day: date,
                  *, allow_partial: bool = False) -> bool:
    """Add open lines to the group ``letter`` of the account; return whether it is now complete.

    The lines added are dated ``day``; those already in the group keep their day. Refused
    unless the result is complete, with ``allow_partial`` a partial group may stay partial.
    """
    letter = letter.upper()
    group = letter_lines(cur, account_id, letter)
    if not group:
        raise MatchingError(f"there is no letter {letter} on this account")
    if not keys:
        raise MatchingError("name the lines to add to the letter")
    lines = _open_lines_of(cur, keys)
    _same_account_and_party([*group, *lines])
    _complete_unless_partial(cur, [*group, *lines], allow_partial)
    _write(cur, [(letter, day.isoformat(), *key) for key in keys])
    complete = is_complete(_amounts([*group, *lines]))
    audit(cur, "match_add", account=group[0].account, letter=letter, day=day.isoformat(),
          lines=[list(key) for key in keys], complete=complete)
    return complete


def unmatch(cur: Cursor, account_id: int, letter: str) -> int:
    """Take ``letter`` off every line of the account that carries it; return how many."""
    letter = letter.upper()
    group = letter_lines(cur, account_id, letter)
    if not group:
        raise MatchingError(f"there is no letter {letter} on this account")
    cur.execute("UPDATE line SET reconciliation = NULL, matched_on = NULL "
                "WHERE account_id = ? AND reconciliation = ?", (account_id, letter))
    audit(cur, "unmatch", account=group[0].account, letter=letter,
          lines=[list(line.key) for line in group])
    return len(group)


def account_of(cur: Cursor, key: LineKey) -> int:
    """The account id of a line (to name its letter's account)."""
    row = cur.execute("SELECT account_id FROM line WHERE entry_id = ? AND position = ?",
                      key).fetchone()
    if row is None:
        raise MatchingError(f"there is no line {key[1]} of entry {key[0]}")
    return int(row[0])


def matchable_accounts(cur: Cursor) -> list[tuple[int, str]]:
    """(id, number) of the accounts automatic matching looks at by default: customers,
    suppliers and every account whose lines name a third party."""
    return [tuple(row) for row in cur.execute(
        "SELECT id, number FROM account WHERE postable = 1 AND (needs_third_party = 1 "
        "OR kind IN ('customer', 'supplier')) ORDER BY number")]


def auto_match(cur: Cursor, accounts: Sequence[tuple[int, str]] | None, day: date, *,
               dry_run: bool = False) -> AutoMatchResult:
    """Letter every exact group ``app.ledger.matching.auto_groups`` finds on ``accounts``
    ((id, number) pairs; the matchable accounts when None), in the caller's transaction.

    A dry run writes nothing and leaves no audit event; a real one leaves one summary event.
    """
    chosen = matchable_accounts(cur) if accounts is None else list(accounts)
    result = AutoMatchResult(dry_run=dry_run, accounts=len(chosen))
    rows: list[tuple[str, str, int, int]] = []
    for account_id, number in chosen:
        lines = _open_for_auto(cur, account_id)
        result.lines_read += len(lines)
        rank = letter_number(free_letter(cur, account_id))
        for group in auto_groups(lines):
            letter = letter_of(rank)
            rank += 1
            result.groups.append((number, letter, group.keys, group.found_by))
            rows.extend((letter, day.isoformat(), *key) for key in group.keys)
    if not dry_run and rows:
        _write(cur, rows)
        audit(cur, "auto_match", day=day.isoformat(), accounts=[n for _, n in chosen],
              groups=len(result.groups), lines=len(rows), by_pass=result.by_pass())
    return result


def _open_for_auto(cur: Cursor, account_id: int) -> list[OpenLine]:
    """The account's open posted lines, lean: the fields automatic matching reads."""
    parse = date.fromisoformat
    return [OpenLine((entry_id, position), party, parse(day), amount, reference, label)
            for entry_id, position, party, day, amount, reference, label in cur.execute(
                "SELECT l.entry_id, l.position, l.third_party_id, l.date, l.debit - l.credit, "
                "e.reference, CASE WHEN l.label <> '' THEN l.label ELSE e.label END "
                "FROM line l JOIN entry e ON e.id = l.entry_id "
                "WHERE l.account_id = ? AND l.reconciliation IS NULL AND e.status = 'posted'",
                (account_id,))]


def _open_lines_of(cur: Cursor, keys: Sequence[LineKey]) -> list[ItemLine]:
    if len(set(keys)) != len(keys):
        raise MatchingError("a line is named twice")
    lines = []
    for entry_id, position in keys:
        row = cur.execute(
            _ITEM + "WHERE l.entry_id = ? AND l.position = ?", (entry_id, position)).fetchone()
        where = f"line {position} of entry {entry_id}"
        if row is None:
            raise MatchingError(f"there is no {where}")
        line = ItemLine(*row)
        status = cur.execute("SELECT status FROM entry WHERE id = ?", (entry_id,)).fetchone()[0]
        if status != "posted":
            raise MatchingError(f"{where} is a draft: post it before matching it")
        if line.letter is not None:
            raise MatchingError(f"{where} ({line.journal}-{line.number}) already carries the "
                                f"letter {line.letter}: remove that letter first")
        lines.append(line)
    return lines


def _same_account_and_party(lines: Sequence[ItemLine]) -> None:
    first = lines[0]
    for line in lines[1:]:
        if line.account_id != first.account_id:
            raise MatchingError(f"line {line.position} of entry {line.entry_id} is on account "
                                f"{line.account}, not {first.account}: a letter stays on one "
                                "account")
        if line.party_id != first.party_id:
            raise MatchingError(f"line {line.position} of entry {line.entry_id} is of third "
                                f"party {line.party or '(none)'}, not {first.party or '(none)'}: "
                                "a letter ties one third party's lines")


def _complete_unless_partial(cur: Cursor, lines: Sequence[ItemLine], allow_partial: bool
                             ) -> None:
    balance = sum(_amounts(lines))
    if balance and not allow_partial:
        side = "debits exceed the credits" if balance > 0 else "credits exceed the debits"
        code = cur.execute("SELECT currency FROM company").fetchone()[0]
        gap = from_minor(abs(balance), currency(code))
        raise MatchingError(f"the lines do not balance (the {side} by {gap} {code}): add the "
                            "missing lines, or allow a partial match")


def _amounts(lines: Sequence[ItemLine]) -> list[int]:
    return [line.debit - line.credit for line in lines]


def _write(cur: Cursor, rows: list[tuple[str, str, int, int]]) -> None:
    """Letter ``(letter, day, entry id, position)`` rows in one statement: the rows go in as one
    JSON array, which spares binding each row from Python (an automatic run writes 100k)."""
    payload = json.dumps([list(row) for row in rows])
    cur.execute(
        "UPDATE line SET reconciliation = j.value ->> 0, matched_on = j.value ->> 1 "
        "FROM json_each(?) AS j "
        "WHERE line.entry_id = j.value ->> 2 AND line.position = j.value ->> 3", (payload,))
