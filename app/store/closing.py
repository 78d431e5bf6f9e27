"""Closing a fiscal year: the checks, the à-nouveaux of the next year, and the closing itself.

One mechanism carries a year into the next: its closing balances become the next year's opening
entries (journal of à-nouveaux, dated on the next year's first day), balance-sheet accounts only,
each third party's balance on its own line, the year's result on 120 (profit) or 129 (loss)
awaiting its allocation. Reports then open the next year from those entries
(``app.store.openings``). À-nouveaux the accountant posted before closing (a provisional
opening, common while last year's adjustments are still coming) are kept: the closing posts
only what they lack, so the next year opens on exactly the closed year's balances.

Everything runs in the caller's one write transaction: a refused closing changes nothing, and
the closing, the à-nouveaux and the audit record land together or not at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlcipher3.dbapi2 import Cursor

from app.ledger.model import Entry, EntryId, FiscalYear, FiscalYearState, Line, Problem
from app.ledger.money import Currency, from_minor, to_minor
from app.ledger.problems import Code, plain
from app.ledger.rules import RESULT_CLASSES
from app.store import entries, openings, queries
from app.store.audit import audit
from app.store.database import StoreError
from app.store.years import close_fiscal_year, load_fiscal_years, lock_date, open_next_fiscal_year

SUSPENSE_SETTING = "suspense_accounts"
DEFAULT_SUSPENSE = "47,58"
"""Suspense (comptes transitoires ou d'attente, 47) and internal-transfer accounts (58): both
charts want them cleared before the balance sheet is drawn up; an amount left there is
unexplained. A comma-separated list of account prefixes in the setting replaces it."""
NOT_SUSPENSE = ("476", "477", "478")
"""Conversion differences (476, 477) and other transitory accounts (478) of class 47 rightly
carry a balance into the balance sheet."""

Balances = dict[tuple[str, str], int]
"""(account number, third-party code or "") → net debit in minor units."""


class ClosingRefused(StoreError):
    """The year cannot be closed yet; ``problems`` lists every reason at once."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(p.message for p in self.problems))


@dataclass(frozen=True, slots=True)
class YearEnd:
    """What closing a year did, or would do (``plan``)."""

    year: FiscalYear
    next_start: date
    result: Decimal
    """The year's result: positive a profit, negative a loss."""
    balances: int
    """Lines the next year opens with (accounts and third parties with a balance)."""
    already_opened: int
    """Lines of à-nouveaux the next year held before the closing."""
    posted_lines: int
    """Lines the closing's own à-nouveaux entry holds: all of them, or what was lacking."""
    entry_id: EntryId | None = None
    """The à-nouveaux entry posted by the closing; None for a plan, or when nothing lacked."""


def _year(cur: Cursor, start: date) -> tuple[FiscalYear, list[FiscalYear]]:
    years = load_fiscal_years(cur)
    year = next((y for y in years if y.start == start), None)
    if year is None:
        raise StoreError(f"no fiscal year starts on {start.isoformat()}")
    return year, years


def _numbers(cur: Cursor) -> dict[int, str]:
    """Account number by account id."""
    return dict(cur.execute("SELECT id, number FROM account").fetchall())


def _suspense_prefixes(cur: Cursor) -> list[str]:
    row = cur.execute("SELECT value FROM setting WHERE key = ?", (SUSPENSE_SETTING,)).fetchone()
    text = row[0] if row else DEFAULT_SUSPENSE
    return [p.strip() for p in text.split(",") if p.strip()]


def closing_problems(cur: Cursor, start: date, currency: Currency) -> list[Problem]:
    """Every reason the fiscal year starting on ``start`` cannot be closed now."""
    year, years = _year(cur, start)
    if year.state is FiscalYearState.CLOSED:
        return [Problem(Code.CLOSE_ALREADY_CLOSED, {"year": year.name})]
    problems = [Problem(Code.CLOSE_EARLIER_OPEN, {"year": year.name, "earlier": y.name})
                for y in years if y.start < year.start and y.state is FiscalYearState.OPEN][:1]
    drafts = cur.execute("SELECT count(*) FROM entry WHERE fiscal_year_id = ? AND seq IS NULL",
                         (year.id,)).fetchone()[0]
    if drafts:
        problems.append(Problem(Code.CLOSE_DRAFTS, {"year": year.name, "count": drafts}))
    for code, debit, credit in cur.execute(
            "SELECT j.code, sum(l.debit), sum(l.credit) FROM line l "
            "JOIN entry e ON e.id = l.entry_id JOIN journal j ON j.id = e.journal_id "
            "WHERE e.fiscal_year_id = ? AND e.status = 'posted' GROUP BY j.code "
            "HAVING sum(l.debit) <> sum(l.credit) ORDER BY j.code", (year.id,)):
        problems.append(Problem(Code.CLOSE_JOURNAL_UNBALANCED, {
            "journal": code, "debit": from_minor(debit, currency),
            "credit": from_minor(credit, currency)}))
    problems.extend(_suspense_problems(cur, year, years, currency))
    journal = cur.execute("SELECT active FROM journal WHERE code = ?",
                          (openings.opening_journal_code(cur),)).fetchone()
    if journal is None or not journal[0]:
        problems.append(Problem(Code.CLOSE_NO_OPENING_JOURNAL,
                                {"journal": openings.opening_journal_code(cur)}))
    lock = lock_date(cur)
    next_start = _next_start(year)
    if lock is not None and lock >= next_start:
        problems.append(Problem(Code.CLOSE_NEXT_LOCKED, {"lock": lock, "start": next_start}))
    try:
        openings.result_account_ids(cur)
    except StoreError:
        profit, loss = openings.result_accounts(cur)
        problems.append(Problem(Code.CLOSE_NO_RESULT_ACCOUNT, {"profit": profit, "loss": loss}))
    return problems


def _next_start(year: FiscalYear) -> date:
    return year.end + timedelta(days=1)


def _suspense_problems(cur: Cursor, year: FiscalYear, years: list[FiscalYear],
                       currency: Currency) -> list[Problem]:
    prefixes = _suspense_prefixes(cur)
    sums = openings.position_sums(cur, years, year.end)
    numbers = _numbers(cur)
    out = []
    for account_id in sorted(sums, key=lambda aid: numbers[aid]):
        number = numbers[account_id]
        debit, credit = sums[account_id]
        if (debit != credit and any(number.startswith(p) for p in prefixes)
                and not number.startswith(NOT_SUSPENSE)):
            out.append(Problem(Code.CLOSE_SUSPENSE, {
                "account": number, "balance": from_minor(debit - credit, currency),
                "year": year.name}))
    return out


def closing_balances(cur: Cursor, year: FiscalYear, years: list[FiscalYear]
                     ) -> tuple[Balances, int]:
    """The next year's opening balances from ``year``'s closing, and the year's result.

    Balance-sheet accounts carry their balance at the year's end, split by third party where
    lines name one (a remainder without a party stays on its own line); the results of this
    year and of any earlier year no à-nouveaux carried yet go to 120 (profit) or 129 (loss).
    The result is returned as a net debit: a loss is positive.
    """
    numbers = _numbers(cur)
    classes = {aid: int(number[0]) for aid, number in numbers.items()}
    sums = openings.position_sums(cur, years, year.end)
    nets = {aid: d - c for aid, (d, c) in sums.items() if classes[aid] not in RESULT_CLASSES}
    for aid, net in openings.carried_results(cur, classes, years, year.start).items():
        nets[aid] = nets.get(aid, 0) + net
    result = openings.year_result(cur, classes, year.start, year.end)
    profit_id, loss_id = openings.result_account_ids(cur)
    result_id = loss_id if result > 0 else profit_id
    nets[result_id] = nets.get(result_id, 0) + result
    parties = queries.third_party_sums(cur, openings.anchor(cur, years, year.end), year.end)
    return _split({numbers[aid]: net for aid, net in nets.items()},
                  {(p.account, p.code): p.debit - p.credit for p in parties}), result


def _split(nets: Mapping[str, int], by_party: Mapping[tuple[str, str], int]) -> Balances:
    """Account nets split into their third parties' nets and a remainder without a party."""
    out: Balances = {}
    for (number, code), net in by_party.items():
        if net:
            out[(number, code)] = net
    named: dict[str, int] = {}
    for (number, _code), net in by_party.items():
        named[number] = named.get(number, 0) + net
    for number, net in nets.items():
        rest = net - named.get(number, 0)
        if rest:
            out[(number, "")] = rest
    return out


def existing_openings(cur: Cursor, day: date) -> Balances:
    """The à-nouveaux already posted on ``day``, in the same shape as ``closing_balances``."""
    numbers = _numbers(cur)
    nets = {numbers[aid]: d - c for aid, (d, c) in openings.opening_sums(cur, day).items()}
    parties = {(p.account, p.code): p.debit - p.credit
               for p in openings.opening_party_sums(cur, day)}
    return _split(nets, parties)


def _lacking(target: Balances, existing: Balances) -> Balances:
    keys = target.keys() | existing.keys()
    diff = {key: target.get(key, 0) - existing.get(key, 0) for key in keys}
    return {key: net for key, net in diff.items() if net}


def plan(cur: Cursor, start: date, currency: Currency) -> YearEnd:
    """What closing the year starting on ``start`` would post, without posting it."""
    year, years = _year(cur, start)
    target, result = closing_balances(cur, year, years)
    next_start = _next_start(year)
    existing = existing_openings(cur, next_start)
    lacking = _lacking(target, existing)
    return YearEnd(year, next_start, from_minor(-result, currency), len(target), len(existing),
                   len(lacking))


def close_year(cur: Cursor, start: date, currency: Currency) -> YearEnd:
    """Check, post the next year's à-nouveaux (what they lack), and close the year for good.

    Raises ``ClosingRefused`` with every problem when a check fails, and ``PostingRefused``
    when an à-nouveaux line breaks a posting rule (an account deactivated with a balance on
    it, say); either way nothing is written.
    """
    problems = closing_problems(cur, start, currency)
    if problems:
        raise ClosingRefused(problems)
    year, years = _year(cur, start)
    next_start = _next_start(year)
    if not any(y.start == next_start for y in years):
        open_next_fiscal_year(cur)
        years = load_fiscal_years(cur)
    target, result = closing_balances(cur, year, years)
    existing = existing_openings(cur, next_start)
    lacking = _lacking(target, existing)
    entry_id = None
    if lacking:
        label = (f"À-nouveaux de l'exercice {year.name}" if not existing
                 else f"Complément des à-nouveaux de l'exercice {year.name}")
        entry = Entry(
            journal=openings.opening_journal_code(cur), date=next_start, label=label,
            reference=f"AN {year.name}", lines=tuple(
                Line(number, third_party=code or None,
                     debit=from_minor(max(net, 0), currency),
                     credit=from_minor(max(-net, 0), currency))
                for (number, code), net in sorted(lacking.items())))
        entry_id = entries.save_draft(cur, entry, currency)
        entries.post_drafts(cur, [entry_id], currency)
    closed = close_fiscal_year(cur, start)
    outcome = YearEnd(closed, next_start, from_minor(-result, currency), len(target),
                      len(existing), len(lacking), entry_id)
    audit(cur, "year_end", start=start.isoformat(), result=str(outcome.result),
          opening_entry=entry_id, opening_lines=len(lacking), kept_lines=len(existing))
    return outcome


def _result(cur: Cursor, year: FiscalYear, numbers: Mapping[int, str]) -> int:
    """The year's result in minor units, a profit positive."""
    classes = {aid: int(number[0]) for aid, number in numbers.items()}
    return -openings.year_result(cur, classes, year.start, year.end)


def result_of(cur: Cursor, start: date, currency: Currency) -> Decimal:
    """The result of the fiscal year starting on ``start``: a profit positive."""
    year, _years = _year(cur, start)
    numbers = _numbers(cur)
    return from_minor(_result(cur, year, numbers), currency)


ALLOCATION_JOURNAL = ("allocation_journal", "OD")
"""Journal of the result's allocation: an ordinary entry, dated on the general meeting's day."""


def allocation_entry(cur: Cursor, start: date, day: date, shares: Mapping[str, Decimal | None],
                     currency: Currency) -> Entry:
    """The entry allocating the result of the closed year starting on ``start``, dated ``day``.

    ``shares`` maps accounts (reserves 106x, retained earnings 110/119, dividends 457...) to
    amounts; one of them may be None and takes what is left. A profit leaves 120 for them, a
    loss leaves 129 for them (usually 119). The result must still stand on 120 or 129 on ``day``,
    all of it: an allocation is made once, for the whole result.
    """
    year, years = _year(cur, start)
    if year.state is not FiscalYearState.CLOSED:
        raise StoreError(f"close fiscal year {year.name} before allocating its result")
    numbers = _numbers(cur)
    result = _result(cur, year, numbers)
    if not result:
        raise StoreError(f"fiscal year {year.name} made neither a profit nor a loss")
    profit_id, loss_id = openings.result_account_ids(cur)
    source = profit_id if result > 0 else loss_id
    debit, credit = openings.position_sums(cur, years, day).get(source, (0, 0))
    standing = credit - debit if result > 0 else debit - credit
    amount = from_minor(abs(result), currency)
    if standing < abs(result):
        left = plain(from_minor(standing, currency))
        raise StoreError(
            f"the result of {year.name} ({plain(amount)}) no longer stands whole on account "
            f"{numbers[source]} on {day.isoformat()} ({left} left): it was already allocated")
    rest = [number for number, share in shares.items() if share is None]
    if len(rest) > 1:
        raise StoreError("only one account can take what is left of the result")
    shares = {number: None if share is None else from_minor(to_minor(share, currency), currency)
              for number, share in shares.items()}
    given = sum((share for share in shares.values() if share is not None), from_minor(0, currency))
    amounts = {number: (amount - given if share is None else share)
               for number, share in shares.items()}
    if any(value <= 0 for value in amounts.values()):
        raise StoreError(f"each share must be positive; the result to allocate is "
                         f"{plain(amount)} and the shares given add up to "
                         f"{plain(given)}")
    if sum(amounts.values(), Decimal(0)) != amount:
        raise StoreError(f"the shares add up to {plain(given)}, not the result of "
                         f"{year.name}, {plain(amount)}")
    journal = cur.execute("SELECT value FROM setting WHERE key = ?",
                          (ALLOCATION_JOURNAL[0],)).fetchone()
    kind = "bénéfice" if result > 0 else "perte"
    lines = [Line(numbers[source], debit=amount if result > 0 else Decimal(0),
                  credit=Decimal(0) if result > 0 else amount)]
    lines += [Line(number, credit=value if result > 0 else Decimal(0),
                   debit=Decimal(0) if result > 0 else value)
              for number, value in amounts.items()]
    return Entry(journal=journal[0] if journal else ALLOCATION_JOURNAL[1], date=day,
                 label=f"Affectation du résultat de l'exercice {year.name} ({kind})",
                 reference=f"AFF {year.name}", lines=tuple(lines))
