"""The posting rules of double-entry books, as pure functions.

``check_entry`` returns every problem at once (errors as values, like beancount's ``book()``) so
an editor can show all the reasons an entry cannot post; ``PostingRefused`` carries them when a
caller wants an exception. The store runs these checks before it writes, and its triggers hold the
same rules a second time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from app.ledger.model import (
    Account,
    Entry,
    EntryStatus,
    FiscalYear,
    FiscalYearState,
    Journal,
    Line,
    Problem,
)
from app.ledger.money import ZERO


class PostingRefused(Exception):
    """An entry broke one or more posting rules; ``problems`` lists every reason."""

    def __init__(self, problems: Sequence[Problem], entry: Entry | None = None) -> None:
        self.problems = tuple(problems)
        self.entry = entry
        super().__init__("; ".join(str(p) for p in self.problems))


@dataclass(frozen=True, slots=True)
class PostingContext:
    """What the rules need to know about the books to judge one entry."""

    accounts: Mapping[str, Account]
    journals: Mapping[str, Journal]
    third_parties: frozenset[str] | set[str]
    fiscal_years: Sequence[FiscalYear]
    lock_date: date | None = None
    inactive_third_parties: frozenset[str] | set[str] = frozenset()
    """Third parties that exist but were deactivated: they take no new lines."""


def fiscal_year_for(day: date, years: Sequence[FiscalYear]) -> FiscalYear | None:
    """The fiscal year that holds ``day``, if any."""
    for year in years:
        if year.contains(day):
            return year
    return None


def check_lines(lines: Sequence[Line], ctx: PostingContext) -> list[Problem]:
    """Problems of the lines alone: amounts, accounts and third parties."""
    problems: list[Problem] = []
    for n, line in enumerate(lines, start=1):
        if line.debit < ZERO or line.credit < ZERO:
            problems.append(Problem("amounts cannot be negative", n, "amount"))
        if line.debit and line.credit:
            problems.append(Problem("a line has a debit or a credit, not both", n, "amount"))
        if not line.debit and not line.credit:
            problems.append(Problem("the line has no amount", n, "amount"))
        account = ctx.accounts.get(line.account)
        if account is None:
            problems.append(Problem(f"account {line.account} does not exist", n, "account"))
            continue
        if not account.postable:
            problems.append(Problem(
                f"account {line.account} is a heading and cannot be posted to", n, "account"))
        if not account.active:
            problems.append(Problem(f"account {line.account} is deactivated", n, "account"))
        if account.needs_third_party and not line.third_party:
            problems.append(Problem(
                f"account {line.account} needs a third party", n, "third_party"))
        if line.third_party and line.third_party not in ctx.third_parties:
            problems.append(Problem(
                f"third party {line.third_party} does not exist", n, "third_party"))
        elif line.third_party in ctx.inactive_third_parties:
            problems.append(Problem(
                f"third party {line.third_party} is deactivated", n, "third_party"))
    return problems


def check_entry(entry: Entry, ctx: PostingContext) -> list[Problem]:
    """Every reason ``entry`` cannot be posted; an empty list means it can."""
    problems: list[Problem] = []
    if entry.status is not EntryStatus.DRAFT:
        problems.append(Problem("the entry is already posted"))
    journal = ctx.journals.get(entry.journal)
    if journal is None:
        problems.append(Problem(f"journal {entry.journal} does not exist", field="journal"))
    elif not journal.active:
        problems.append(Problem(f"journal {entry.journal} is deactivated", field="journal"))
    problems.extend(check_date(entry.date, ctx))
    if len(entry.lines) < 2:
        problems.append(Problem("an entry needs at least two lines", field="lines"))
    problems.extend(check_lines(entry.lines, ctx))
    debit, credit = entry.total_debit, entry.total_credit
    if debit != credit:
        problems.append(Problem(
            f"the entry does not balance: debit {debit}, credit {credit}, "
            f"difference {debit - credit}", field="amount"))
    return problems


def check_date(day: date, ctx: PostingContext) -> list[Problem]:
    """Problems with posting on ``day``: outside every fiscal year, in a closed one, or locked."""
    year = fiscal_year_for(day, ctx.fiscal_years)
    if year is None:
        return [Problem(f"{day.isoformat()} lies in no fiscal year", field="date")]
    if year.state is FiscalYearState.CLOSED:
        return [Problem(
            f"{day.isoformat()} lies in fiscal year {year.name}, which is closed", field="date")]
    if ctx.lock_date is not None and day <= ctx.lock_date:
        return [Problem(
            f"{day.isoformat()} is on or before the lock date {ctx.lock_date.isoformat()}",
            field="date")]
    return []


def reversal(entry: Entry, day: date, label: str | None = None) -> Entry:
    """A draft that cancels a posted ``entry``: same lines with debit and credit swapped.

    Never dated before the original: the journal would then show the cancellation of an entry
    that did not yet exist, and a balance at a date in between would hold only half of the pair.
    """
    if entry.status is not EntryStatus.POSTED or entry.id is None:
        raise ValueError("only a posted entry can be reversed")
    if day < entry.date:
        raise ValueError(f"a reversal cannot be dated {day.isoformat()}, before the entry it "
                         f"cancels ({entry.date.isoformat()})")
    lines = tuple(replace(line, debit=line.credit, credit=line.debit) for line in entry.lines)
    return Entry(
        journal=entry.journal,
        date=day,
        label=label or f"Reversal of {entry.journal}-{entry.number}: {entry.label}",
        lines=lines,
        reference=entry.reference,
        reversal_of=entry.id,
    )
