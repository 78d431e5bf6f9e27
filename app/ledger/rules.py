"""The posting rules of double-entry books, as pure functions.

``check_entry`` returns every problem at once (errors as values, like beancount's ``book()``) so
an editor can show all the reasons an entry cannot post; ``PostingRefused`` carries them when a
caller wants an exception. The store runs these checks before it writes, and its triggers hold the
same rules a second time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from app.ledger.model import (
    Account,
    AccountKind,
    Entry,
    EntryStatus,
    FiscalYear,
    FiscalYearState,
    Journal,
    Line,
    Problem,
    ThirdPartyKind,
)
from app.ledger.money import ZERO
from app.ledger.problems import Code
from app.ledger.tax import TaxCode


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
    third_parties: Mapping[str, ThirdPartyKind]
    """Each third party the entry names that exists, with its kind."""
    fiscal_years: Sequence[FiscalYear]
    lock_date: date | None = None
    inactive_third_parties: frozenset[str] | set[str] = frozenset()
    """Third parties that exist but were deactivated: they take no new lines."""
    last_posted: Mapping[tuple[str, date], tuple[date, int]] = field(default_factory=dict)
    """(journal code, fiscal year start) → date and number of the journal's last posted entry
    in that year, for the chronological numbering rule; absent when none is posted yet."""
    opening_journal: str = ""
    """Code of the journal of à-nouveaux (``check_opening``); "" when the books have none."""
    tax_codes: Mapping[str, TaxCode] = field(default_factory=dict)
    """The tax codes the entry's lines name, at least (``app.ledger.tax``)."""


def fiscal_year_for(day: date, years: Sequence[FiscalYear]) -> FiscalYear | None:
    """The fiscal year that holds ``day``, if any."""
    for year in years:
        if year.contains(day):
            return year
    return None


def party_problem(account: Account, kind: ThirdPartyKind) -> Code | None:
    """Whether a third party of ``kind`` may stand on a line of ``account``.

    A customer account takes customers, a supplier account suppliers; parties of kind *other*
    (a party that is both, an associate, an employee, the tax office) go on any third-party
    account. Third-party accounts are class 4 (comptes de tiers) in both charts, so a party on a
    sales, expense, bank or equity account is a mistake: it would vanish from every balance of
    third parties while looking recorded.
    """
    if account.kind is AccountKind.CUSTOMER and kind is ThirdPartyKind.SUPPLIER:
        return Code.PARTY_NOT_CUSTOMER
    if account.kind is AccountKind.SUPPLIER and kind is ThirdPartyKind.CUSTOMER:
        return Code.PARTY_NOT_SUPPLIER
    if not account.needs_third_party and account.account_class != THIRD_PARTY_CLASS:
        return Code.PARTY_NOT_TAKEN
    return None


THIRD_PARTY_CLASS = 4


def check_lines(lines: Sequence[Line], ctx: PostingContext) -> list[Problem]:
    """Problems of the lines alone: amounts, accounts and third parties."""
    problems: list[Problem] = []
    for n, line in enumerate(lines, start=1):
        if line.debit < ZERO or line.credit < ZERO:
            problems.append(Problem(Code.NEGATIVE_AMOUNT, {}, n, "amount"))
        if line.debit and line.credit:
            problems.append(Problem(Code.DEBIT_AND_CREDIT, {}, n, "amount"))
        if not line.debit and not line.credit:
            problems.append(Problem(Code.NO_AMOUNT, {}, n, "amount"))
        account = ctx.accounts.get(line.account)
        if account is None:
            code = Code.ACCOUNT_MISSING if line.account.strip() else Code.ACCOUNT_BLANK
            problems.append(Problem(code, {"account": line.account}, n, "account"))
            continue
        about = {"account": line.account}
        if not account.postable:
            problems.append(Problem(Code.ACCOUNT_HEADING, about, n, "account"))
        if not account.active:
            problems.append(Problem(Code.ACCOUNT_INACTIVE, about, n, "account"))
        if line.tax:
            tax = ctx.tax_codes.get(line.tax)
            if tax is None:
                problems.append(Problem(Code.TAX_CODE_MISSING, {"tax": line.tax}, n, "tax"))
            elif not tax.active:
                problems.append(Problem(Code.TAX_CODE_INACTIVE, {"tax": line.tax}, n, "tax"))
        party = line.third_party
        if not party:
            if account.needs_third_party:
                problems.append(Problem(Code.PARTY_REQUIRED, about, n, "third_party"))
            continue
        kind = ctx.third_parties.get(party)
        if kind is None:
            problems.append(Problem(Code.PARTY_MISSING, {"party": party}, n, "third_party"))
            continue
        if party in ctx.inactive_third_parties:
            problems.append(Problem(Code.PARTY_INACTIVE, {"party": party}, n, "third_party"))
        mismatch = party_problem(account, kind)
        if mismatch is not None:
            problems.append(Problem(mismatch, {**about, "party": party}, n, "third_party"))
    return problems


def check_entry(entry: Entry, ctx: PostingContext) -> list[Problem]:
    """Every reason ``entry`` cannot be posted; an empty list means it can."""
    problems: list[Problem] = []
    if entry.status is not EntryStatus.DRAFT:
        problems.append(Problem(Code.ALREADY_POSTED))
    journal = ctx.journals.get(entry.journal)
    if journal is None:
        problems.append(Problem(Code.JOURNAL_MISSING, {"journal": entry.journal},
                                field="journal"))
    elif not journal.active:
        problems.append(Problem(Code.JOURNAL_INACTIVE, {"journal": entry.journal},
                                field="journal"))
    problems.extend(check_date(entry.date, ctx))
    problems.extend(check_order(entry.journal, entry.date, ctx))
    problems.extend(check_opening(entry, ctx))
    if not entry.label.strip():
        problems.append(Problem(Code.LABEL_MISSING, field="label"))
    if len(entry.lines) < 2:
        problems.append(Problem(Code.TOO_FEW_LINES, field="lines"))
    problems.extend(check_lines(entry.lines, ctx))
    debit, credit = entry.total_debit, entry.total_credit
    if debit != credit:
        problems.append(Problem(
            Code.UNBALANCED,
            {"debit": debit, "credit": credit, "difference": abs(debit - credit)},
            field="amount"))
    return problems


def check_date(day: date, ctx: PostingContext) -> list[Problem]:
    """Problems with posting on ``day``: outside every fiscal year, in a closed one, or locked."""
    year = fiscal_year_for(day, ctx.fiscal_years)
    if year is None:
        return [Problem(Code.NO_FISCAL_YEAR, {"date": day}, field="date")]
    if year.state is FiscalYearState.CLOSED:
        return [Problem(Code.YEAR_CLOSED, {"date": day, "year": year.name}, field="date")]
    if ctx.lock_date is not None and day <= ctx.lock_date:
        return [Problem(Code.LOCKED, {"date": day, "lock": ctx.lock_date}, field="date")]
    return []


def check_order(journal: str, day: date, ctx: PostingContext) -> list[Problem]:
    """Chronological numbering: a journal's numbers within a fiscal year follow the dates.

    Both the SCF (D.E. 09-110, art. 11: entries recorded in chronological order, numbered
    without gaps) and the PCG (art. 420-2 and 420-3: a chronological record, not to be
    altered) want the journal to read in date order. Numbers are given at posting, so an entry
    cannot be posted with a date before the journal's last posted entry of the same year: the
    accountant keeps late documents as drafts and posts them in date order (``post_drafts``
    sorts a batch), or dates them on or after that day.
    """
    year = fiscal_year_for(day, ctx.fiscal_years)
    if year is None:
        return []
    last = ctx.last_posted.get((journal, year.start))
    if last is None or day >= last[0]:
        return []
    return [Problem(Code.OUT_OF_ORDER, {"date": day, "last": last[0], "journal": journal,
                                        "number": last[1], "year": year.name}, field="date")]


RESULT_CLASSES = (6, 7)
"""Income and expense accounts: they restart every fiscal year and never appear in à-nouveaux."""


def check_opening(entry: Entry, ctx: PostingContext) -> list[Problem]:
    """À-nouveaux open a fiscal year: dated on its first day, on balance-sheet accounts only.

    Reports take a year's opening balances from the opening journal's entries on that day
    (``app.store.openings``); an entry there on another day, or on an income or expense
    account, would be neither an opening balance nor an ordinary movement.
    """
    if not ctx.opening_journal or entry.journal != ctx.opening_journal:
        return []
    problems = []
    year = fiscal_year_for(entry.date, ctx.fiscal_years)
    if year is not None and entry.date != year.start:
        problems.append(Problem(Code.OPENING_DATE, {"journal": entry.journal, "start": year.start,
                                                    "year": year.name}, field="date"))
    for n, line in enumerate(entry.lines, start=1):
        account = ctx.accounts.get(line.account)
        if account is not None and account.account_class in RESULT_CLASSES:
            problems.append(Problem(Code.OPENING_RESULT_ACCOUNT,
                                    {"account": line.account, "journal": entry.journal},
                                    n, "account"))
    return problems


def reversal(entry: Entry, day: date, label: str | None = None) -> Entry:
    """A draft that cancels a posted ``entry``: same lines with debit and credit swapped.

    Never dated before the original: the journal would then show the cancellation of an entry
    that did not yet exist, and a balance at a date in between would hold only half of the pair.
    """
    if entry.status is not EntryStatus.POSTED or entry.id is None:
        raise ValueError("only a posted entry can be reversed")
    if day < entry.date:
        raise PostingRefused([Problem(Code.REVERSAL_BEFORE_ORIGINAL,
                                      {"date": day, "original": entry.date}, field="date")])
    lines = tuple(replace(line, debit=line.credit, credit=line.debit) for line in entry.lines)
    return Entry(
        journal=entry.journal,
        date=day,
        label=label or f"Reversal of {entry.journal}-{entry.number}: {entry.label}",
        lines=lines,
        reference=entry.reference,
        reversal_of=entry.id,
    )
