"""Each report of ``app.reports`` laid out as a ``ReportTable``: columns, rows, totals, headings.

This runs on a worker thread (``QCoreApplication.translate`` is thread-safe). The general ledger
and the journal are not laid out here: the page shows them a page at a time and their exports and
printouts read the books again (``ledger_rows``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtCore import QCoreApplication

from app.ledger.money import ZERO
from app.reports import aged, balances, cashflow, statements
from app.reports.balances import ThirdPartyRow, TrialBalance
from app.reports.cashflow import CashFlow
from app.reports.export import Cell, Column, ReportTable, Row, Style
from app.reports.statements import BalanceSheet, IncomeStatement, StatementLine
from app.store.books import Books
from app.ui.kit.tasks import Progress
from app.ui.reports import aged_table

KINDS = ("trial_balance", "general_ledger", "journal", "balance_sheet", "income_statement",
         "cash_flow", "third_parties", "aged_balance")


tr = QCoreApplication.translate
"""Called as ``tr("reports", "...")``: lupdate reads the context and the string at each call."""


def report_title(kind: str) -> str:
    return {"trial_balance": tr("reports", "Trial balance"),
            "general_ledger": tr("reports", "General ledger"),
            "journal": tr("reports", "Journal"),
            "balance_sheet": tr("reports", "Balance sheet"),
            "income_statement": tr("reports", "Income statement"),
            "cash_flow": tr("reports", "Cash-flow statement"),
            "third_parties": tr("reports", "Third-party balances"),
            "aged_balance": tr("reports", "Aged balance")}[kind]


def section_title(key: str) -> str:
    """The heading of a statement section of the SCF or PCG layout."""
    titles = {
        "non_current_assets": tr("reports", "Non-current assets"),
        "current_assets": tr("reports", "Current assets"),
        "fixed_assets": tr("reports", "Fixed assets"),
        "accruals": tr("reports", "Accruals"),
        "equity": tr("reports", "Equity"),
        "other_equity": tr("reports", "Other equity"),
        "uncalled_capital": tr("reports", "Uncalled capital"),
        "provisions": tr("reports", "Provisions"),
        "debts": tr("reports", "Debts"),
        "non_current_liabilities": tr("reports", "Non-current liabilities"),
        "current_liabilities": tr("reports", "Current liabilities"),
        "operating": tr("reports", "Operating activities"),
        "financial": tr("reports", "Financial items"),
        "joint_operations": tr("reports", "Joint operations"),
        "exceptional": tr("reports", "Exceptional items"),
        "extraordinary": tr("reports", "Extraordinary items"),
        "income_taxes": tr("reports", "Income taxes"),
        "investing": tr("reports", "Investing activities"),
        "financing": tr("reports", "Financing activities"),
        "treasury": tr("reports", "Cash and cash equivalents"),
    }
    return titles.get(key, key.replace("_", " ").capitalize())


@dataclass(frozen=True, slots=True)
class Params:
    """What the user asked for. ``first`` is None for the reports taken at one date."""

    kind: str
    first: date | None
    last: date
    low: str | None = None
    high: str | None = None
    journal: str | None = None
    language: str = "fr"
    payables: bool = False
    """Aged balance: what is owed to suppliers rather than by customers."""
    detail: bool = False
    """Aged balance: every open line under its third party."""


Drills = dict[int, tuple[tuple[str, str], ...]]
"""Row index → (number, label) of the accounts behind that statement line, for a drill-down."""


def build(books: Books, params: Params, frame: ReportTable, progress: Progress) -> ReportTable:
    """Run the report ``params`` asks for and lay it out in ``frame`` (title, company, period)."""
    return build_report(books, params, frame, progress)[0]


def build_report(books: Books, params: Params, frame: ReportTable, progress: Progress
                 ) -> tuple[ReportTable, Drills]:
    """``build``, with the accounts behind each line of the balance sheet and the income
    statement (their other reports drill down by each row's own account)."""
    p, lang = params, params.language
    if p.kind in ("balance_sheet", "income_statement"):
        keys: list[str | None] = []
        if p.kind == "balance_sheet":
            table = balance_sheet_table(statements.balance_sheet(books, p.last, language=lang),
                                        frame, keys)
        else:
            assert p.first is not None
            statement = statements.income_statement(books, p.first, p.last, language=lang)
            table = income_statement_table(statement, frame, keys)
        return table, statement_drills(books, p.kind, keys, p.first, p.last, lang)
    return _build(books, params, frame, progress), {}


def statement_drills(books: Books, kind: str, keys: Sequence[str | None], first: date | None,
                     last: date, language: str) -> Drills:
    """For each row of a statement whose line gathers accounts (``keys[row]``, the line's key),
    the accounts behind it (``statements.accounts_by_line``). Subtotal and total lines have no
    key and gather none."""
    gathered = statements.accounts_by_line(books, kind, first, last, language=language)
    return {row: gathered[key] for row, key in enumerate(keys)
            if key is not None and key in gathered}


def _build(books: Books, params: Params, frame: ReportTable, progress: Progress
           ) -> ReportTable:
    p, lang = params, params.language
    if p.kind == "trial_balance":
        assert p.first is not None
        tb = balances.trial_balance(books, p.first, p.last, low=p.low, high=p.high, language=lang)
        return trial_balance_table(tb, frame)
    if p.kind in ("general_ledger", "journal"):
        raise ValueError(f"{p.kind} is read a page at a time (ledger_rows), never laid out here")
    if p.kind == "balance_sheet":
        return balance_sheet_table(statements.balance_sheet(books, p.last, language=lang), frame)
    if p.kind == "income_statement":
        assert p.first is not None
        statement = statements.income_statement(books, p.first, p.last, language=lang)
        return income_statement_table(statement, frame)
    if p.kind == "cash_flow":
        assert p.first is not None
        return cash_flow_table(cashflow.cash_flow(books, p.first, p.last, language=lang), frame)
    if p.kind == aged_table.KIND:
        side = aged.Side.PAYABLES if p.payables else aged.Side.RECEIVABLES
        return aged_table.aged_balance_table(
            aged.aged_balance(books, p.last, side=side, low=p.low, high=p.high,
                              detail=p.detail), frame)
    return third_party_table(balances.third_party_balances(books, None, p.last), frame)


def _amount(title: str, blank_zero: bool = False) -> Column:
    return Column(title, numeric=True, width=15, blank_zero=blank_zero)


def trial_balance_table(tb: TrialBalance, frame: ReportTable) -> ReportTable:
    columns = (Column(tr("reports", "Account"), width=10),
               Column(tr("reports", "Label"), width=40),
               _amount(tr("reports", "Opening debit"), True),
               _amount(tr("reports", "Opening credit"), True),
               _amount(tr("reports", "Debit"), True), _amount(tr("reports", "Credit"), True),
               _amount(tr("reports", "Closing debit"), True),
               _amount(tr("reports", "Closing credit"), True))
    names = ("opening_debit", "opening_credit", "debit", "credit", "closing_debit",
             "closing_credit")
    rows = [Row((r.account, r.label, *(getattr(r, n) for n in names)), account=r.account)
            for r in tb.rows]
    rows.append(Row(("", tr("reports", "Total"), *(tb.total(n) for n in names)), Style.TOTAL))
    return replace(frame, columns=columns, rows=rows, first=tb.start, last=tb.end)


def _statement_rows(lines: Sequence[StatementLine],
                    cells: Callable[[StatementLine], tuple[Cell, ...]],
                    keys: list[str | None] | None = None) -> list[Row]:
    """The lines under a heading for each section, subtotals in bold; ``cells`` gives the
    amounts of a line. ``keys`` (if given) gets each row's line key, None for the headings and
    subtotals."""
    rows, section = [], None
    keys = [] if keys is None else keys
    for line in lines:
        if line.section and line.section != section and not line.subtotal:
            rows.append(Row((section_title(line.section), *(None,) * len(cells(line))),
                            Style.SECTION))
            keys.append(None)
        section = line.section or section
        rows.append(Row((line.label, *cells(line)),
                        Style.SUBTOTAL if line.subtotal else Style.NORMAL))
        keys.append(None if line.subtotal else line.key)
    return rows


def _statement_columns(*amounts: str) -> tuple[Column, ...]:
    return (Column(tr("reports", "Line"), width=64), *(_amount(title) for title in amounts))


def _asset_cells(line: StatementLine) -> tuple[Cell, ...]:
    return line.gross, line.depreciation, line.amount, line.previous


def _liability_cells(line: StatementLine) -> tuple[Cell, ...]:
    return None, None, line.amount, line.previous


def balance_sheet_table(sheet: BalanceSheet, frame: ReportTable,
                        keys: list[str | None] | None = None) -> ReportTable:
    """Assets gross, depreciation and net; equity and liabilities in the net column; both with
    the N-1 column (the previous fiscal year's closing). ``keys`` gets each row's line key."""
    keys = [] if keys is None else keys
    assets = _statement_rows(sheet.assets, _asset_cells, (asset_keys := []))
    liabilities = _statement_rows(sheet.liabilities, _liability_cells, (liability_keys := []))
    keys += [None, *asset_keys, None, None, *liability_keys, None]
    columns = _statement_columns(tr("reports", "Gross"),
                                 tr("reports", "Depreciation and impairment"),
                                 tr("reports", "Net"),
                                 tr("reports", "N-1 ({0})").format(sheet.previous_at or ""))
    rows = [Row((tr("reports", "Assets"), None, None, None, None), Style.SECTION),
            *assets,
            Row((sheet.assets_total_label, sheet.total_gross, sheet.total_depreciation,
                 sheet.total_assets, sheet.previous_total_assets), Style.TOTAL),
            Row((tr("reports", "Equity and liabilities"), None, None, None, None), Style.SECTION),
            *liabilities,
            Row((sheet.liabilities_total_label, None, None, sheet.total_liabilities,
                 sheet.previous_total_liabilities), Style.TOTAL)]
    return replace(frame, columns=columns, rows=rows, last=sheet.at)


def income_statement_table(statement: IncomeStatement, frame: ReportTable,
                           keys: list[str | None] | None = None) -> ReportTable:
    """Each line with its N-1 amount (the same range one fiscal year earlier). ``keys`` gets
    each row's line key."""
    rows = _statement_rows(statement.lines, lambda line: (line.amount, line.previous), keys)
    if rows and statement.lines[-1].key == "net_result":
        rows[-1] = replace(rows[-1], style=Style.TOTAL)
    previous = tr("reports", "N-1 ({0} to {1})").format(statement.previous_start or "",
                                                         statement.previous_end or "")
    columns = _statement_columns(tr("reports", "Amount"), previous)
    return replace(frame, columns=columns, rows=rows, first=statement.start, last=statement.end)


def cash_flow_table(flows: CashFlow, frame: ReportTable) -> ReportTable:
    """The tableau des flux de trésorerie: each activity's lines and total, then the change in
    cash between the opening and the closing treasury."""
    rows = _statement_rows(flows.lines, lambda line: (line.amount, line.previous))
    net = next((line.label for line in flows.lines if line.key == "net_change"), None)
    rows = [replace(r, style=Style.TOTAL) if r.cells[0] == net else r for r in rows]
    previous = tr("reports", "N-1 ({0} to {1})").format(flows.previous_start or "",
                                                         flows.previous_end or "")
    return replace(frame, columns=_statement_columns(tr("reports", "Amount"), previous),
                   rows=rows, first=flows.start, last=flows.end)


def third_party_table(parties: Sequence[ThirdPartyRow], frame: ReportTable) -> ReportTable:
    columns = (Column(tr("reports", "Code"), width=12), Column(tr("reports", "Name"), width=32),
               Column(tr("reports", "Kind"), width=12), Column(tr("reports", "Account"), width=10),
               _amount(tr("reports", "Debit"), True), _amount(tr("reports", "Credit"), True),
               _amount(tr("reports", "Balance")))
    kinds = {"customer": tr("reports", "Customer"), "supplier": tr("reports", "Supplier"),
             "other": tr("reports", "Other")}
    rows = [Row((p.code, p.name, kinds.get(p.kind, p.kind), p.account, p.debit, p.credit,
                 p.balance)) for p in parties]
    debit = sum((p.debit for p in parties), ZERO)
    credit = sum((p.credit for p in parties), ZERO)
    rows.append(Row(("", tr("reports", "Total"), "", "", debit, credit, debit - credit),
                    Style.TOTAL))
    return replace(frame, columns=columns, rows=rows)
