"""Balance sheet and income statement in the layout of the company's chart (SCF or PCG).

A layout (``resources/charts/<chart>_layout.json``) lists the statement's lines and, for each, the
account prefixes it gathers; ``:D`` or ``:C`` after a prefix limits it to accounts whose balance is
a debit or a credit (a bank overdraft moves to the liabilities). When several prefixes match an
account the longest wins, so ``40`` can be suppliers and ``409`` supplier advances. An account that
no line claims is shown on an "unclassified" line rather than dropped, so totals always balance.
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
    section: str = ""
    subtotal: bool = False


@dataclass(frozen=True, slots=True)
class BalanceSheet:
    at: date
    currency: str
    assets: tuple[StatementLine, ...]
    liabilities: tuple[StatementLine, ...]

    @property
    def total_assets(self) -> Decimal:
        return sum((line.amount for line in self.assets), ZERO)

    @property
    def total_liabilities(self) -> Decimal:
        return sum((line.amount for line in self.liabilities), ZERO)


@dataclass(frozen=True, slots=True)
class IncomeStatement:
    start: date
    end: date
    currency: str
    lines: tuple[StatementLine, ...]

    @property
    def net_result(self) -> Decimal:
        return self.lines[-1].amount if self.lines else ZERO


@cache
def load_layout(chart: str) -> dict[str, Any]:
    with open(layout_file(chart), encoding="utf-8") as f:
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


def _label(line: dict[str, Any], language: str) -> str:
    return line["label"].get(language) or line["label"]["fr"]


def _gather(nets: dict[str, int], sides: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
    """Net debit per line key, each account going to the one line that wins it on either side.

    Accounts no line claims are summed under ``"unclassified"``.
    """
    specs = [spec for lines in sides.values() for spec in _specs(lines)]
    amounts: dict[str, int] = {}
    for number, net in nets.items():
        key = _winner(number, net, specs) or "unclassified"
        amounts[key] = amounts.get(key, 0) + net
    return amounts


def balance_sheet(books: Books, at: date, *, language: str = "fr") -> BalanceSheet:
    """Assets against equity and liabilities at the end of ``at``, with the year's result."""
    layout = load_layout(books.company.chart)["balance_sheet"]
    accounts = {a.id: a for a in books.accounts().values()}
    years = books.fiscal_years()
    year = periods.year_of(years, at)
    with books.read() as cur:
        cumulative = openings.position_sums(cur, years, at)
        current = queries.range_sums(cur, year[0], at) if year else cumulative
        carried = periods.carried_results(accounts, years, year[0], cur) if year else {}
    nets, result = _balance_sheet_nets(accounts, cumulative, current, carried)
    amounts = _gather(nets, layout)
    rest = amounts.pop("unclassified", 0)  # an unclaimed debit is an asset, a credit a liability

    def side(lines: list[dict[str, Any]], sign: int, leftover: int) -> tuple[StatementLine, ...]:
        out = []
        for line in lines:
            special = line.get("special") == "current_result"
            minor = -result if special else sign * amounts.get(line["key"], 0)
            out.append(StatementLine(line["key"], _label(line, language),
                                     from_minor(minor, books.currency), line.get("section", "")))
        if leftover:
            out.append(StatementLine("unclassified", _UNCLASSIFIED.get(language, "?"),
                                     from_minor(leftover, books.currency)))
        return tuple(out)

    return BalanceSheet(
        at, books.currency.code,
        side(layout["assets"], 1, max(rest, 0)),
        side(layout["liabilities"], -1, max(-rest, 0)),
    )


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


def income_statement(
    books: Books, start: date, end: date, *, language: str = "fr"
) -> IncomeStatement:
    """Income and expenses over [start, end] with the chart's subtotals down to the net result."""
    periods.check_one_year(books.fiscal_years(), start, end)
    layout = load_layout(books.company.chart)["income_statement"]
    accounts = {a.id: a for a in books.accounts().values()}
    with books.read() as cur:
        sums = queries.range_sums(cur, start, end)
    nets = {
        accounts[aid].number: d - c
        for aid, (d, c) in sums.items()
        if accounts[aid].account_class in (6, 7) and d != c
    }
    specs = _specs(layout)
    signs = {line["key"]: (-1 if line.get("sign") == "debit" else 1) for line in layout}
    raw: dict[str, int] = {}
    unclaimed = 0
    for number, net in nets.items():
        key = _winner(number, net, specs)
        if key is None:
            unclaimed -= net
        else:
            raw[key] = raw.get(key, 0) - net
    values: dict[str, int] = {}
    lines = []
    for line in layout:
        key = line["key"]
        if "sum" in line:
            values[key] = sum(
                (-values[k[1:]] if k.startswith("-") else values[k]) for k in line["sum"]
            )
        else:
            # raw is credit − debit; a charge line shows its amount as a positive debit
            values[key] = raw.get(key, 0) * signs[key]
        if key == "net_result" and unclaimed:
            values[key] += unclaimed
            lines.append(StatementLine("unclassified", _UNCLASSIFIED.get(language, "?"),
                                       from_minor(unclaimed, books.currency)))
        lines.append(StatementLine(key, _label(line, language),
                                   from_minor(values[key], books.currency),
                                   line.get("section", ""), "sum" in line))
    return IncomeStatement(start, end, books.currency.code, tuple(lines))


def fiscal_year_range(books: Books, day: date) -> tuple[date, date]:
    """The fiscal year holding ``day`` (or following the last one), else its calendar year."""
    year = periods.year_of(books.fiscal_years(), day)
    if year:
        return year
    return date(day.year, 1, 1), date(day.year + 1, 1, 1) - timedelta(days=1)
