"""Trial balance and third-party balances, as data.

Income and expense accounts (classes 6 and 7) start every fiscal year at zero: their movements of
earlier years are shown as the result carried forward on account 120 (profit) or 129 (loss),
exactly as if the year-end closing entries had been posted. Balance-sheet accounts carry their
balance from year to year. Every column therefore still balances, and an allocation of last year's
result posted against 120/129 nets that line out as it should.

A year opened by à-nouveaux (entries of the opening journal on its first day) takes its opening
balances from them instead, and they are not counted again as the year's movements
(``app.store.openings``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from app.ledger.model import Account, FiscalYear
from app.ledger.money import ZERO, from_minor
from app.ledger.rules import RESULT_CLASSES
from app.reports import periods
from app.store import openings, queries
from app.store.books import Books


@dataclass(frozen=True, slots=True)
class TrialBalanceRow:
    account: str
    label: str
    opening_debit: Decimal
    opening_credit: Decimal
    debit: Decimal
    """Total debits of the range."""
    credit: Decimal
    """Total credits of the range."""
    closing_debit: Decimal
    closing_credit: Decimal

    @property
    def balance(self) -> Decimal:
        """Movement of the range: debit − credit."""
        return self.debit - self.credit


@dataclass(frozen=True, slots=True)
class TrialBalance:
    start: date
    end: date
    currency: str
    rows: tuple[TrialBalanceRow, ...]
    journals: tuple[str, ...] = ()
    """With journals, the movements of those journals only, and no opening balance."""

    def total(self, column: str) -> Decimal:
        return sum((getattr(row, column) for row in self.rows), ZERO)


def in_account_range(number: str, low: str | None, high: str | None) -> bool:
    """``401``–``409`` style ranges where ``4`` alone means every account of class 4."""
    if low and number[: len(low)] < low:
        return False
    return not (high and number[: len(high)] > high)


def _split(net: int) -> tuple[int, int]:
    return (net, 0) if net > 0 else (0, -net)


def _openings(
    books: Books, accounts: dict[int, Account], years: list[FiscalYear], start: date
) -> dict[int, int]:
    """Net opening balance (debit − credit, minor units) per account id at ``start``.

    Balance-sheet accounts carry everything from the latest à-nouveaux on or before ``start``
    (``openings.anchor``; the beginning of the books when there are none), those à-nouveaux
    included; income and expense accounts only this fiscal year's part, the results of the years
    no à-nouveaux carry yet showing on 120/129 (``periods``).
    """
    year = periods.year_of(years, start)
    day_before = start - timedelta(days=1)
    with books.read() as cur:
        since = openings.anchor(cur, years, start)
        before = (openings.opening_sums(cur, start) if since == start
                  else queries.range_sums(cur, since, day_before))
        this_year = queries.range_sums(cur, year[0], day_before) if year else before
        carried = periods.carried_results(accounts, years, year[0], cur) if year else {}
    result: dict[int, int] = {}
    for account_id, account in accounts.items():
        sums = (this_year if account.account_class in RESULT_CLASSES
                else before).get(account_id, (0, 0))
        net = sums[0] - sums[1] + carried.get(account_id, 0)
        if net:
            result[account_id] = net
    return result


def opening_balances(
    books: Books, start: date, years: list[FiscalYear] | None = None
) -> dict[str, Decimal]:
    """Net opening balance (debit − credit) per account number at ``start``."""
    accounts = {a.id: a for a in books.accounts().values()}
    years = books.fiscal_years() if years is None else years
    return {
        accounts[aid].number: from_minor(net, books.currency)
        for aid, net in _openings(books, accounts, years, start).items()
    }


def trial_balance(
    books: Books,
    start: date,
    end: date,
    *,
    low: str | None = None,
    high: str | None = None,
    language: str = "fr",
    journals: tuple[str, ...] = (),
) -> TrialBalance:
    """Opening balance at ``start``, movements over [start, end], closing balance at ``end``.

    With ``journals``, only the movements of those journals over the range, as a journal's
    centralisation shows them: a balance carried from earlier belongs to no journal, so the
    opening columns are zero and the closing ones the movements' net.
    """
    years = books.fiscal_years()
    periods.check_one_year(years, start, end)
    accounts = {a.id: a for a in books.accounts().values()}
    if journals:
        opening: dict[int, int] = {}
        moves = _journal_sums(books, start, end, journals)
    else:
        opening = _openings(books, accounts, years, start)
        with books.read() as cur:
            moves = openings.movements(cur, years, start, end)
    rows = []
    for account in sorted(accounts.values(), key=lambda a: a.number):
        debit, credit = moves.get(account.id, (0, 0))
        carried = opening.get(account.id, 0)
        if not (carried or debit or credit) or not in_account_range(account.number, low, high):
            continue
        rows.append(_row(books, account, carried, debit, credit, language))
    return TrialBalance(start, end, books.currency.code, tuple(rows), journals)


def _journal_sums(books: Books, start: date, end: date, journals: tuple[str, ...]) -> queries.Sums:
    """Posted debit and credit per account id of some journals' lines over [start, end]."""
    known = books.journals()
    unknown = [code for code in journals if code not in known]
    if unknown:
        raise ValueError(f"unknown journal {', '.join(unknown)}")
    with books.read() as cur:
        return queries.journal_range_sums(cur, start, end, [known[c].id for c in journals])


def _row(
    books: Books, account: Account, opening: int, debit: int, credit: int, language: str
) -> TrialBalanceRow:
    cur = books.currency
    od, oc = _split(opening)
    cd, cc = _split(opening + debit - credit)
    return TrialBalanceRow(
        account.number, account.label(language),
        from_minor(od, cur), from_minor(oc, cur), from_minor(debit, cur), from_minor(credit, cur),
        from_minor(cd, cur), from_minor(cc, cur),
    )


@dataclass(frozen=True, slots=True)
class ThirdPartyRow:
    code: str
    name: str
    kind: str
    account: str
    debit: Decimal
    """Total debits of the range."""
    credit: Decimal
    """Total credits of the range."""
    opening: Decimal = ZERO
    """Net balance (debit − credit) before the range; zero when it starts with the books."""

    @property
    def balance(self) -> Decimal:
        """Net balance at the end of the range: what the party owes (+) or is owed (−)."""
        return self.opening + self.debit - self.credit


def third_party_balances(
    books: Books, start: date | None, end: date, *, low: str | None = None,
    high: str | None = None,
) -> Sequence[ThirdPartyRow]:
    """Movements per customer and supplier and collective account over [start, end], with the
    balance each carried into the range, so that ``balance`` is what each owes or is owed at
    ``end``. ``start=None`` starts with the books, or with the latest à-nouveaux before ``end``
    (which then make the opening). ``low``/``high`` keep collective accounts in that range
    (``401``–``409``)."""
    years = books.fiscal_years()
    with books.read() as cur:
        if start is None:
            start = openings.anchor(cur, years, end)
        since = openings.anchor(cur, years, start) if start is not None else None
        moves = _party_sums(queries.third_party_sums(cur, start, end))
        if since is not None and since == start:
            carried = _party_sums(openings.opening_party_sums(cur, start))
            moves = _less(moves, carried)
        elif start is not None:
            carried = _party_sums(queries.third_party_sums(cur, since, start - timedelta(days=1)))
        else:
            carried = {}
    cur_ = books.currency
    rows = []
    for key in sorted(moves.keys() | carried.keys()):
        if not in_account_range(key[1], low, high):
            continue
        move, old = moves.get(key), carried.get(key)
        party = move or old
        assert party is not None
        opening = old.debit - old.credit if old else 0
        if move is None and not opening:
            continue
        rows.append(ThirdPartyRow(
            party.code, party.name, party.kind, party.account,
            from_minor(move.debit if move else 0, cur_),
            from_minor(move.credit if move else 0, cur_), from_minor(opening, cur_)))
    return rows


_PartySums = dict[tuple[str, str], queries.PartyBalance]


def _party_sums(rows: Sequence[queries.PartyBalance]) -> _PartySums:
    return {(r.code, r.account): r for r in rows}


def _less(moves: _PartySums, opening: _PartySums) -> _PartySums:
    """Movements without the à-nouveaux lines, which are the opening balance instead."""
    out = dict(moves)
    for key, line in opening.items():
        move = out.pop(key, None)
        if move is None:
            continue
        debit, credit = move.debit - line.debit, move.credit - line.credit
        if debit or credit:
            out[key] = replace(move, debit=debit, credit=credit)
    return out
