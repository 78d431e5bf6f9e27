"""What the matching page reads and writes, off the UI thread and without Qt: each function
takes the books and is one transaction, so the page stays a view."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from app.store import matching
from app.store.books import Books
from app.store.matching import AutoMatchResult, ItemLine, LineKey


@dataclass(frozen=True, slots=True)
class MatchingChoices:
    accounts: list[tuple[int, str, str]]
    """(id, number, label) of the accounts kept per third party."""
    parties: dict[str, tuple[int, str]]
    """code: (id, name) of every third party."""


@dataclass(frozen=True, slots=True)
class MatchingView:
    account_id: int
    lines: list[ItemLine]
    complete: dict[str, bool]
    """Every letter of the account and whether its group balances."""


def choices(books: Books, language: str) -> MatchingChoices:
    accounts = books.accounts()
    with books.read() as cur:
        matchable = matching.matchable_accounts(cur)
    labels = {a.number: a.label(language) for a in accounts.values()}
    parties = {p.code: (int(p.id or 0), p.name) for p in books.third_parties().values()}
    return MatchingChoices([(i, n, labels.get(n, "")) for i, n in matchable], parties)


def load(books: Books, account_id: int, party_id: int | None, *, everything: bool
         ) -> MatchingView:
    """The account's lines of one party (or all): the open ones, those of partial groups
    included, or ``everything``."""
    with books.read() as cur:
        lines = matching.account_lines(cur, account_id, party_id)
        complete = matching.letters(cur, account_id)
    if not everything:
        lines = [x for x in lines if x.letter is None or not complete.get(x.letter, False)]
    return MatchingView(account_id, lines, complete)


def match(books: Books, keys: Sequence[LineKey], day: date, *, partial: bool) -> str:
    with books.write() as cur:
        return matching.match_lines(cur, keys, day, allow_partial=partial)


def add_to(books: Books, account_id: int, letter: str, keys: Sequence[LineKey], day: date, *,
           partial: bool) -> bool:
    with books.write() as cur:
        return matching.add_to_letter(cur, account_id, letter, keys, day,
                                      allow_partial=partial)


def unmatch(books: Books, account_id: int, letter: str) -> int:
    with books.write() as cur:
        return matching.unmatch(cur, account_id, letter)


def auto_match(books: Books, account: tuple[int, str], day: date) -> AutoMatchResult:
    with books.write() as cur:
        return matching.auto_match(cur, [account], day)
