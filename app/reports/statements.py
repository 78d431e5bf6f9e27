"""Balance sheet and income statement in the layout of the company's chart (SCF or PCG).

A layout (``resources/charts/<chart>_layout.json``) lists the statement's lines and, for each, the
account prefixes it gathers; ``:D`` or ``:C`` after a prefix limits it to accounts whose balance is
a debit or a credit (a bank overdraft moves to the liabilities). When several prefixes match an
account the longest wins, so ``40`` can be suppliers and ``409`` supplier advances. An account that
no line claims is shown on an "unclassified" line rather than dropped, so totals always balance.

``<chart>_statements_layout.json`` adds what the model statements show beyond one amount a line:

* **Gross, depreciation, net** on the assets. Contra accounts — those starting with a prefix of
  its ``contra.prefixes`` (28 amortissements, 29/39/49/59 dépréciations) — stay on the asset line
  that claims them in the layout (2818 by its prefix 281 on the line of 21, 491 on the customers'
  line); their credit balance fills the line's depreciation column, every other account its gross
  column, and the net is gross − depreciation. The liabilities carry one amount.
* **N-1**: each line also carries ``previous``. The balance sheet's N-1 is at the closing of the
  previous fiscal year (the day before the fiscal year of ``at`` starts), as the SCF and PCG
  models show it; for the first year the books hold, it is what that year's à-nouveaux carry in
  (a company taken on from other software), else zero; the income statement's is the same range
  one fiscal year earlier (``previous_range``). Both read the books through the
  à-nouveaux-aware functions, so they hold whether the previous year was closed or not.
* **Section subtotals** of the balance sheet (``balance_sheet.assets``/``liabilities``): a line
  with ``subtotal`` set after the last line of its sections, left out of the side's total.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from typing import Any

from app.ledger.model import Account
from app.ledger.money import ZERO, from_minor
from app.reports import periods
from app.resources import layout_file
from app.store import openings, queries
from app.store.books import Books


@dataclass(frozen=True, slots=True)
class StatementLine:
    key: str
    label: str
    amount: Decimal
    """The line's amount; on the assets, its net (gross − depreciation)."""
    section: str = ""
    subtotal: bool = False
    previous: Decimal = ZERO
    """The same line at N-1 (see the module's docstring)."""
    gross: Decimal | None = None
    """Assets only: the gross amount (debit balances of the asset accounts)."""
    depreciation: Decimal | None = None
    """Assets only: amortissements and dépréciations (credit balances of the contra accounts)."""
    previous_gross: Decimal | None = None
    previous_depreciation: Decimal | None = None


def _total(lines: tuple[StatementLine, ...], attribute: str) -> Decimal:
    """The sum of ``attribute`` over the lines that are not subtotals, in the lines' decimals."""
    zero = lines[0].amount * 0 if lines else ZERO
    values = (getattr(line, attribute) for line in lines if not line.subtotal)
    return sum((v for v in values if v is not None), zero)


@dataclass(frozen=True, slots=True)
class BalanceSheet:
    at: date
    currency: str
    assets: tuple[StatementLine, ...]
    """The asset lines, with the section subtotals (``subtotal`` set) after their sections."""
    liabilities: tuple[StatementLine, ...]
    previous_at: date | None = None
    """The date of the N-1 column: the closing of the previous fiscal year."""
    assets_total_label: str = "Total"
    liabilities_total_label: str = "Total"

    @property
    def total_assets(self) -> Decimal:
        return _total(self.assets, "amount")

    @property
    def total_liabilities(self) -> Decimal:
        return _total(self.liabilities, "amount")

    @property
    def total_gross(self) -> Decimal:
        return _total(self.assets, "gross")

    @property
    def total_depreciation(self) -> Decimal:
        return _total(self.assets, "depreciation")

    @property
    def previous_total_assets(self) -> Decimal:
        return _total(self.assets, "previous")

    @property
    def previous_total_liabilities(self) -> Decimal:
        return _total(self.liabilities, "previous")


@dataclass(frozen=True, slots=True)
class IncomeStatement:
    start: date
    end: date
    currency: str
    lines: tuple[StatementLine, ...]
    previous_start: date | None = None
    """The N-1 range: ``previous_range(start, end)``."""
    previous_end: date | None = None

    @property
    def net_result(self) -> Decimal:
        return self.lines[-1].amount if self.lines else ZERO

    @property
    def previous_net_result(self) -> Decimal:
        return self.lines[-1].previous if self.lines else ZERO


@cache
def load_layout(chart: str) -> dict[str, Any]:
    with open(layout_file(chart), encoding="utf-8") as f:
        return json.load(f)


@cache
def load_additions(chart: str) -> dict[str, Any]:
    """``<chart>_statements_layout.json``: contra rule, subtotals, cash-flow statement."""
    with open(layout_file(f"{chart}_statements"), encoding="utf-8") as f:
        return json.load(f)


_UNCLASSIFIED = {
    "fr": "Comptes non classés", "en": "Unclassified accounts", "ar": "حسابات غير مصنفة",
}


def _winner(number: str, net: int, specs: list[tuple[str, str, str]]) -> str | None:
    """The key of the line whose spec matches ``number`` with the longest prefix."""
    best, best_len = None, -1
    for key, prefix, condition in specs:
        if not number.startswith(prefix) or len(prefix) <= best_len:
            continue
        if (condition == "D" and net <= 0) or (condition == "C" and net >= 0):
            continue
        best, best_len = key, len(prefix)
    return best


def _specs(lines: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    specs = []
    for line in lines:
        for spec in line.get("accounts", ()):
            prefix, _, condition = spec.partition(":")
            specs.append((line["key"], prefix, condition))
    return specs


def accounts_by_line(books: Books, kind: str, first: date | None, last: date, *,
                     language: str = "fr") -> dict[str, tuple[tuple[str, str], ...]]:
    """For each line key of the balance sheet (``kind="balance_sheet"``, balances at ``last``)
    or the income statement (movements over ``first``..``last``), the accounts (number, label)
    the line gathers, by the statements' own longest-prefix rule: what a drill-down from a line
    shows. Accounts nobody claims are under ``"unclassified"``; subtotals gather none."""
    layout = load_layout(books.company.chart)
    if kind == "balance_sheet":
        lines = [*layout["balance_sheet"]["assets"], *layout["balance_sheet"]["liabilities"]]
        classes = range(1, 6)
    else:
        lines, classes = layout["income_statement"], range(6, 8)
    specs = _specs(lines)
    by_id = {a.id: a for a in books.accounts().values()}
    with books.read() as cur:
        sums = (openings.position_sums(cur, books.fiscal_years(), last) if first is None
                else queries.range_sums(cur, first, last))
    gathered: dict[str, list[tuple[str, str]]] = {}
    for account_id, (debit, credit) in sums.items():
        account = by_id.get(account_id)
        if account is None or account.account_class not in classes or debit == credit:
            continue
        key = _winner(account.number, debit - credit, specs) or "unclassified"
        gathered.setdefault(key, []).append((account.number, account.label(language)))
    return {key: tuple(sorted(accounts)) for key, accounts in gathered.items()}


def _label(line: dict[str, Any], language: str) -> str:
    return line["label"].get(language) or line["label"]["fr"]


def _gather_split(nets: dict[str, int], sides: dict[str, list[dict[str, Any]]],
                  contra: tuple[str, ...]) -> dict[str, tuple[int, int]]:
    """Net debit per line key split in (other accounts, contra accounts), each account going to
    the one line that wins it on either side; accounts no line claims go under "unclassified"."""
    specs = [spec for lines in sides.values() for spec in _specs(lines)]
    amounts: dict[str, tuple[int, int]] = {}
    for number, net in nets.items():
        key = _winner(number, net, specs) or "unclassified"
        gross, less = amounts.get(key, (0, 0))
        if number.startswith(contra):
            amounts[key] = (gross, less + net)
        else:
            amounts[key] = (gross + net, less)
    return amounts


def previous_closing(books: Books, at: date) -> date:
    """The date of a balance sheet's N-1 column: the day before the fiscal year of ``at``."""
    return fiscal_year_range(books, at)[0] - timedelta(days=1)


@dataclass(frozen=True, slots=True)
class _Position:
    """A balance sheet's figures in minor units: (gross, contra) net debit by line, the result."""

    amounts: dict[str, tuple[int, int]]
    result: int


def _position(books: Books, accounts: dict[int, Account], at: date) -> _Position:
    layout = load_layout(books.company.chart)["balance_sheet"]
    contra = tuple(load_additions(books.company.chart)["contra"]["prefixes"])
    years = books.fiscal_years()
    year = periods.year_of(years, at)
    with books.read() as cur:
        cumulative = openings.position_sums(cur, years, at)
        current = queries.range_sums(cur, year[0], at) if year else cumulative
        carried = periods.carried_results(accounts, years, year[0], cur) if year else {}
    nets, result = _balance_sheet_nets(accounts, cumulative, current, carried)
    return _Position(_gather_split(nets, layout, contra), result)


def _opening_position(books: Books, accounts: dict[int, Account], day: date) -> _Position:
    """The balance sheet the à-nouveaux dated ``day`` carry: for the first year the books hold,
    when the company was taken on from other software, it is the previous closing the N-1
    column must show (the books hold nothing before it)."""
    layout = load_layout(books.company.chart)["balance_sheet"]
    contra = tuple(load_additions(books.company.chart)["contra"]["prefixes"])
    with books.read() as cur:
        carried_in = openings.opening_sums(cur, day)
    nets, result = _balance_sheet_nets(accounts, carried_in, {}, {})
    return _Position(_gather_split(nets, layout, contra), result)


def balance_sheet(books: Books, at: date, *, language: str = "fr") -> BalanceSheet:
    """Assets (gross, depreciation, net) against equity and liabilities at the end of ``at``,
    with the year's result, the N-1 column at the previous closing, and section subtotals."""
    chart = books.company.chart
    layout, additions = load_layout(chart)["balance_sheet"], load_additions(chart)["balance_sheet"]
    accounts = {a.id: a for a in books.accounts().values()}
    previous_at = previous_closing(books, at)
    now = _position(books, accounts, at)
    if periods.year_of(books.fiscal_years(), previous_at) is None:  # the first year held
        then = _opening_position(books, accounts, previous_at + timedelta(days=1))
    else:
        then = _position(books, accounts, previous_at)
    money = books.currency

    def rest(position: _Position, sign: int) -> int:
        """The unclaimed balance on this side: a debit is an asset, a credit a liability."""
        return max(sign * sum(position.amounts.get("unclassified", (0, 0))), 0)

    def line(key: str, label: str, section: str, sign: int, values: tuple[tuple[int, int], ...],
             results: tuple[int, int] | None = None) -> StatementLine:
        nets = [-r for r in results] if results else [sign * (g + c) for g, c in values]
        fields: dict[str, Any] = {}
        if sign > 0:  # an asset: gross and depreciation (a contra's credit shown positive)
            fields = {"gross": from_minor(values[0][0], money),
                      "depreciation": from_minor(-values[0][1], money),
                      "previous_gross": from_minor(values[1][0], money),
                      "previous_depreciation": from_minor(-values[1][1], money)}
        return StatementLine(key, label, from_minor(nets[0], money), section,
                             previous=from_minor(nets[1], money), **fields)

    def side(lines: list[dict[str, Any]], sign: int) -> tuple[StatementLine, ...]:
        out = []
        for spec in lines:
            key = spec["key"]
            special = spec.get("special") == "current_result"
            values = (now.amounts.get(key, (0, 0)), then.amounts.get(key, (0, 0)))
            out.append(line(key, _label(spec, language), spec.get("section", ""), sign, values,
                            (now.result, then.result) if special else None))
        leftovers = (rest(now, sign), rest(then, sign))
        if any(leftovers):
            values = tuple((n, 0) if sign > 0 else (-n, 0) for n in leftovers)
            out.append(line("unclassified", _UNCLASSIFIED.get(language, "?"), "", sign, values))
        return tuple(out)

    assets = side(layout["assets"], 1)
    liabilities = side(layout["liabilities"], -1)
    return BalanceSheet(
        at, money.code,
        with_subtotals(assets, additions["assets"], language),
        with_subtotals(liabilities, additions["liabilities"], language),
        previous_at,
        _label({"label": additions["assets_total"]}, language),
        _label({"label": additions["liabilities_total"]}, language),
    )


def with_subtotals(lines: tuple[StatementLine, ...], groups: list[dict[str, Any]],
                   language: str) -> tuple[StatementLine, ...]:
    """``lines`` with each group's subtotal after the last line of the group's sections."""
    last = {}
    for group in groups:
        found = [i for i, line in enumerate(lines) if line.section in group["sections"]]
        if found:
            last[found[-1]] = group
    out: list[StatementLine] = []
    for index, line in enumerate(lines):
        out.append(line)
        group = last.get(index)
        if group is None:
            continue
        members = tuple(x for x in lines if x.section in group["sections"])
        assets = line.gross is not None
        out.append(StatementLine(
            group["key"], _label(group, language), _total(members, "amount"),
            group["sections"][0], True, _total(members, "previous"),
            _total(members, "gross") if assets else None,
            _total(members, "depreciation") if assets else None,
            _total(members, "previous_gross") if assets else None,
            _total(members, "previous_depreciation") if assets else None))
    return tuple(out)


def _balance_sheet_nets(
    accounts: dict[int, Account], cumulative: queries.Sums, current: queries.Sums,
    carried: dict[int, int],
) -> tuple[dict[str, int], int]:
    """Net (debit − credit) of balance-sheet accounts, earlier years' results on 120/129.

    Returns the nets by account number and the current year's result as a net debit.
    """
    nets: dict[str, int] = {}
    result = 0
    for account_id, account in accounts.items():
        debit, credit = cumulative.get(account_id, (0, 0))
        if account.account_class in (6, 7):
            this_year = current.get(account_id, (0, 0))
            result += this_year[0] - this_year[1]
        elif debit != credit or carried.get(account_id):
            nets[account.number] = debit - credit + carried.get(account_id, 0)
    return nets, result


def _minus_year(day: date) -> date:
    return day.replace(year=day.year - 1, day=28) if (day.month, day.day) == (2, 29) \
        else day.replace(year=day.year - 1)


def previous_range(books: Books, start: date, end: date) -> tuple[date, date]:
    """The income statement's N-1 range: the previous fiscal year for a whole year; otherwise
    each end moved back one year (an end on a fiscal year's first or last day moves to the
    previous year's), kept inside the previous fiscal year."""
    year = fiscal_year_range(books, start)
    before = fiscal_year_range(books, year[0] - timedelta(days=1))

    def back(day: date, edge: date, previous_edge: date) -> date:
        if day == edge:
            return previous_edge
        return min(max(_minus_year(day), before[0]), before[1])

    return back(start, year[0], before[0]), back(end, year[1], before[1])


def _income_values(books: Books, accounts: dict[int, Account], start: date, end: date
                   ) -> tuple[dict[str, int], int]:
    """Each line's amount in minor units over [start, end], and the unclaimed net credit."""
    layout = load_layout(books.company.chart)["income_statement"]
    with books.read() as cur:
        sums = queries.range_sums(cur, start, end)
    nets = {
        accounts[aid].number: d - c
        for aid, (d, c) in sums.items()
        if accounts[aid].account_class in (6, 7) and d != c
    }
    specs = _specs(layout)
    raw: dict[str, int] = {}
    unclaimed = 0
    for number, net in nets.items():
        key = _winner(number, net, specs)
        if key is None:
            unclaimed -= net
        else:
            raw[key] = raw.get(key, 0) - net
    values: dict[str, int] = {}
    for line in layout:
        key = line["key"]
        if "sum" in line:
            values[key] = sum(
                (-values[k[1:]] if k.startswith("-") else values[k]) for k in line["sum"]
            )
        else:
            # raw is credit − debit; a charge line shows its amount as a positive debit
            values[key] = raw.get(key, 0) * (-1 if line.get("sign") == "debit" else 1)
        if key == "net_result":
            values[key] += unclaimed
    return values, unclaimed


def income_statement(
    books: Books, start: date, end: date, *, language: str = "fr"
) -> IncomeStatement:
    """Income and expenses over [start, end] with the chart's subtotals down to the net result,
    each line with its N-1 amount over ``previous_range(start, end)``."""
    periods.check_one_year(books.fiscal_years(), start, end)
    layout = load_layout(books.company.chart)["income_statement"]
    accounts = {a.id: a for a in books.accounts().values()}
    first, last = previous_range(books, start, end)
    values, unclaimed = _income_values(books, accounts, start, end)
    earlier, earlier_unclaimed = _income_values(books, accounts, first, last)
    money = books.currency
    lines = []
    for line in layout:
        key = line["key"]
        if key == "net_result" and (unclaimed or earlier_unclaimed):
            lines.append(StatementLine("unclassified", _UNCLASSIFIED.get(language, "?"),
                                       from_minor(unclaimed, money),
                                       previous=from_minor(earlier_unclaimed, money)))
        lines.append(StatementLine(key, _label(line, language), from_minor(values[key], money),
                                   line.get("section", ""), "sum" in line,
                                   from_minor(earlier[key], money)))
    return IncomeStatement(start, end, money.code, tuple(lines), first, last)


def fiscal_year_range(books: Books, day: date) -> tuple[date, date]:
    """The fiscal year holding ``day`` (or following the last one), else its calendar year."""
    year = periods.year_of(books.fiscal_years(), day)
    if year:
        return year
    return date(day.year, 1, 1), date(day.year + 1, 1, 1) - timedelta(days=1)
