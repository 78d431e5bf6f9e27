"""The cash-flow statement (tableau des flux de trésorerie), indirect method, SCF and PCG.

Its lines and account groups are in ``<chart>_statements_layout.json`` (``cash_flow``). Every
balance-sheet account falls in one group (its longest prefix; an account no prefix claims goes to
``other``), and each line's cash effect is the opposite of its accounts' movement over the period,
à-nouveaux left out (``openings.movements``):

* operating (A): the net result; + the allowances net of reversals (classes 68 − 78); the
  disposal gains taken out (SCF 752/652, PCG 775/675), deferred taxes; − the change in
  inventories (class 3 gross); − the change in class 4 accounts whose closing balance is a debit
  (customers and other receivables) and in those whose closing balance is a credit (suppliers,
  taxes, staff and other payables) — except 404/405 (fixed-asset suppliers), 455 (associates'
  current accounts), 456 (capital), 457 (dividends), 462 (disposal receivables), classified below;
* investing (B): acquisitions are the debits of class 2 gross accounts and 50, less the increase
  of fixed-asset suppliers; disposals their credits, plus the movements of the contra accounts
  (28, 29, 39, 49, 59, 15) that the allowances do not explain — the depreciation written off on
  a disposal — plus the disposal gains, less the increase of disposal receivables: the proceeds;
* financing (C): dividends (11, 12, 106 reserves, 457: the result's allocation less what is
  still owed), capital (10 other than 106, 456), investment grants (SCF 131/132, PCG 13), new
  borrowings (credits of 16, 17, 455) and repayments (their debits).

Treasury is 51–54 and 58, overdrafts (519) netted. As every entry balances, the movements of all
accounts add up to zero, so A + B + C equals the change in treasury *by construction*;
``CashFlow.reconciles`` checks it against the treasury balances read at both ends.

Each line also carries its N-1 (``previous``): the same statement over the income statement's N-1
range (``statements.previous_range``), zero when the books hold no earlier year.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from app.ledger.money import ZERO, from_minor
from app.reports import periods
from app.reports.statements import StatementLine, load_additions, previous_range
from app.store import openings, queries
from app.store.books import Books

TOTALS = {"operating_total": "operating", "investing_total": "investing",
          "financing_total": "financing"}


@dataclass(frozen=True, slots=True)
class CashFlow:
    start: date
    end: date
    currency: str
    lines: tuple[StatementLine, ...]
    """In the layout's order; section totals and the net change have ``subtotal`` set."""
    previous_start: date | None = None
    previous_end: date | None = None
    """The N-1 range (its amounts are zero when the books hold no earlier year)."""

    def amount(self, key: str) -> Decimal:
        return next((line.amount for line in self.lines if line.key == key), ZERO)

    @property
    def net_change(self) -> Decimal:
        return self.amount("net_change")

    @property
    def reconciles(self) -> bool:
        """The flows add up to the change between the opening and the closing treasury."""
        return self.net_change == self.amount("closing_treasury") - self.amount(
            "opening_treasury")


def _longest(number: str, prefixes: dict[str, str] | list[str]) -> str | None:
    best = max((p for p in prefixes if number.startswith(p)), key=len, default=None)
    return prefixes[best] if isinstance(prefixes, dict) and best else best


def _flows(config: dict[str, Any], numbers: dict[int, str], moves: queries.Sums,
           closing: queries.Sums) -> dict[str, int]:
    """Each line's cash effect in minor units (inflows positive), treasury left out."""
    flows: dict[str, int] = defaultdict(int)
    allowances = 0
    for account_id, (debit, credit) in moves.items():
        number, net = numbers[account_id], debit - credit
        if number[0] in "67":
            flows["net_result"] -= net
            if _longest(number, config["allowance_charges"]):
                allowances += net
            if _longest(number, config["disposal_results"]):
                flows["disposal_gains"] += net
                flows["disposals"] -= net
            continue
        if _longest(number, config["treasury"]):
            continue
        group = _longest(number, config["groups"]) or "other"
        if group == "working_capital":
            d, c = closing.get(account_id, (0, 0))
            group = "receivables" if d - c > 0 or (d == c and net < 0) else "payables"
        _add(flows, group, debit, credit)
    flows["depreciation_and_provisions"] += allowances
    flows["disposals"] -= allowances
    return flows


_SPLIT = {"investments": ("acquisitions", "disposals"),
          "borrowings": ("repayments", "new_borrowings")}
_NET = {"allowances": "disposals", "asset_payables": "acquisitions",
        "asset_receivables": "disposals"}


def _add(flows: dict[str, int], group: str, debit: int, credit: int) -> None:
    """One account's movement into its line: debits and credits apart for the groups that show
    both ways (acquisitions and disposals, repayments and new borrowings), else the net."""
    if group in _SPLIT:
        out, into = _SPLIT[group]
        flows[out] -= debit
        flows[into] += credit
    else:
        flows[_NET.get(group, group)] += credit - debit


def _treasury(config: dict[str, Any], numbers: dict[int, str], sums: queries.Sums) -> int:
    return sum(d - c for aid, (d, c) in sums.items()
               if _longest(numbers[aid], config["treasury"]))


def cash_flow(books: Books, start: date, end: date, *, language: str = "fr") -> CashFlow:
    """The flows of [start, end] (within one fiscal year), the opening and closing treasury,
    each line with its N-1."""
    years = books.fiscal_years()
    periods.check_one_year(years, start, end)
    config = load_additions(books.company.chart)["cash_flow"]
    numbers = {a.id: a.number for a in books.accounts().values()}
    flows = _flow_amounts(books, config, numbers, start, end)
    before = previous_range(books, start, end)
    held = periods.year_of(years, before[0]) is not None  # else nothing before: N-1 is zero
    earlier = _flow_amounts(books, config, numbers, *before) if held else {}
    lines = tuple(
        StatementLine(line["key"], line["label"].get(language) or line["label"]["fr"],
                      from_minor(flows.get(line["key"], 0), books.currency), line["section"],
                      bool(line.get("total")),
                      previous=from_minor(earlier.get(line["key"], 0), books.currency))
        for line in config["lines"]
        if line["key"] != "other" or flows.get("other") or earlier.get("other"))
    return CashFlow(start, end, books.currency.code, lines, before[0], before[1])


def _flow_amounts(books: Books, config: dict[str, Any], numbers: dict[int, str], start: date,
                  end: date) -> dict[str, int]:
    """Every line's amount (minor units) over [start, end], totals and treasury included."""
    years = books.fiscal_years()
    with books.read() as cur:
        moves = openings.movements(cur, years, start, end)
        closing = openings.position_sums(cur, years, end)
        if openings.anchor(cur, years, start) == start:
            opening = openings.opening_sums(cur, start)
        else:
            opening = openings.position_sums(cur, years, start - timedelta(days=1))
    flows = _flows(config, numbers, moves, closing)
    for total, section in TOTALS.items():
        flows[total] = sum(v for line in config["lines"] if line["section"] == section
                           and line["key"] not in TOTALS for v in [flows.get(line["key"], 0)])
    flows["net_change"] = sum(flows[t] for t in TOTALS)
    flows["opening_treasury"] = _treasury(config, numbers, opening)
    flows["closing_treasury"] = _treasury(config, numbers, closing)
    return flows
