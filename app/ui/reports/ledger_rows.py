"""The general ledger and the journal as ``Row`` objects, read a page at a time from the books.

Both reports can run to millions of lines, so they are never laid out whole: the screen reads
the page it paints (``ledger_model.LedgerModel``), an export streams every row to its file, and
only a printout (a ``QTextDocument`` holds its whole text) is laid out in memory, up to
``PRINT_CAP`` lines with a note saying so. Everything here may run on a worker thread
(``QCoreApplication.translate`` is thread-safe).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from app.reports import ledger
from app.reports.export import Column, ReportTable, Row, Style
from app.reports.ledger import DisplayRow, JournalPlan, LedgerPlan, ReportLine, RowKind
from app.store.books import Books
from app.ui.kit.tasks import Progress

if TYPE_CHECKING:
    from app.ui.reports.tables import Params

LEDGER_KINDS = ("general_ledger", "journal")
"""The reports shown through the paged model rather than as a whole ``ReportTable``."""
PRINT_CAP = 100_000
"""Most lines a PDF or a printout of these reports lays out: its whole text sits in memory."""
READ_PAGE = 2000
"""Rows an export reads at a time."""

tr = QCoreApplication.translate
"""Called as ``tr("reports", "...")``: lupdate reads the context and the string at each call."""


@dataclass(frozen=True, slots=True)
class LedgerQuery:
    """What the paged model reads: the report and its plan (accounts, totals), read once."""

    kind: str
    plan: LedgerPlan | JournalPlan


def plan_query(books: Books, params: Params, *, count: bool = False) -> LedgerQuery:
    """The plan of the general ledger or journal ``params`` asks for (``count``: its lines too,
    for an export's progress and row limit)."""
    assert params.first is not None
    if params.kind == "general_ledger":
        plan: LedgerPlan | JournalPlan = ledger.general_ledger_plan(
            books, params.first, params.last, low=params.low, high=params.high,
            language=params.language, count=count)
    else:
        plan = ledger.journal_plan(books, params.first, params.last,
                                   journals=(params.journal,) if params.journal else (),
                                   count=count)
    return LedgerQuery(params.kind, plan)


def _amount(title: str, blank_zero: bool = False) -> Column:
    return Column(title, numeric=True, width=15, blank_zero=blank_zero)


def line_columns(with_account: bool, with_balance: bool) -> tuple[Column, ...]:
    """The journal's columns (with the account) and the general ledger's (with the balance)."""
    columns = [Column(tr("reports", "Date"), width=11), Column(tr("reports", "Entry"), width=9)]
    if with_account:
        columns.append(Column(tr("reports", "Account"), width=10))
    columns += [Column(tr("reports", "Label"), width=36),
                Column(tr("reports", "Third party"), width=10),
                _amount(tr("reports", "Debit"), True), _amount(tr("reports", "Credit"), True)]
    if with_balance:
        columns.append(_amount(tr("reports", "Balance")))
    return tuple(columns)


def columns(kind: str) -> tuple[Column, ...]:
    return line_columns(False, True) if kind == "general_ledger" else line_columns(True, False)


def line_row(line: ReportLine, with_account: bool, with_balance: bool) -> Row:
    cells: list[date | str | Decimal] = [line.date, f"{line.journal}-{line.entry_number}"]
    if with_account:
        cells.append(line.account)
    cells += [line.label, line.third_party, line.debit, line.credit]
    if with_balance:
        cells.append(line.balance)
    return Row(tuple(cells), account=line.account, entry_id=line.entry_id)


def ledger_row(row: DisplayRow) -> Row:
    """A general ledger row: heading, opening balance, line, account total or grand total."""
    if row.kind is RowKind.LINE:
        assert row.line is not None
        return line_row(row.line, False, True)
    if row.kind is RowKind.HEADING:
        return Row((None, "", f"{row.account}  {row.label}", "", None, None, None),
                   Style.SECTION, account=row.account)
    if row.kind is RowKind.OPENING:
        return Row((None, "", tr("reports", "Opening balance"), "", None, None, row.balance),
                   account=row.account)
    if row.kind is RowKind.TOTAL:
        return Row((None, "", tr("reports", "Total {0}").format(row.account), "", row.debit,
                    row.credit, row.balance), Style.SUBTOTAL, account=row.account)
    return Row((None, "", tr("reports", "Total"), "", row.debit, row.credit, None), Style.TOTAL)


def journal_row(row: DisplayRow) -> Row:
    """A journal row: a line, or the total at the end."""
    if row.kind is RowKind.LINE:
        assert row.line is not None
        return line_row(row.line, True, False)
    return Row((None, "", "", tr("reports", "Total"), "", row.debit, row.credit), Style.TOTAL)


def read_page(books: Books, query: LedgerQuery, after: object | None, limit: int
              ) -> list[tuple[object, Row]]:
    """Up to ``limit`` rows after the key ``after``, each with its own key."""
    if isinstance(query.plan, LedgerPlan):
        rows = ledger.general_ledger_rows(books, query.plan, after, limit)  # type: ignore[arg-type]
        return [(r.key, ledger_row(r)) for r in rows]
    rows = ledger.journal_rows(books, query.plan, after, limit)  # type: ignore[arg-type]
    return [(r.key, journal_row(r)) for r in rows]


def stream(books: Books, query: LedgerQuery, progress: Progress | None = None,
           page: int = READ_PAGE) -> Iterator[Row]:
    """Every row, read ``page`` at a time; checks for Cancel between pages."""
    after: object | None = None
    while True:
        if progress is not None:
            progress.check()
        got = read_page(books, query, after, page)
        yield from (row for _key, row in got)
        if len(got) < page:
            return
        after = got[-1][0]


def cap_note(cap: int) -> str:
    return tr("reports", "Only the first {0} lines are printed: narrow the dates or the accounts, "
                         "or export to CSV or Excel for every line (totals are left out)."
              ).format(cap)


def capped_table(books: Books, query: LedgerQuery, frame: ReportTable, progress: Progress,
                 cap: int | None = None) -> ReportTable:
    """The report laid out whole for a printout, up to ``cap`` lines (``PRINT_CAP``), then with
    a note and without the totals, which would mislead on a part."""
    cap = PRINT_CAP if cap is None else cap
    total = query.plan.rows
    rows: list[Row] = []
    lines = 0
    for row in stream(books, query, progress):
        if row.entry_id is not None:
            lines += 1
            if lines > cap:
                return replace(frame, columns=columns(query.kind), rows=rows,
                               note=cap_note(cap))
        rows.append(row)
        if len(rows) % 500 == 0:
            progress.report(len(rows), total or 0,
                            tr("reports", "{0} lines read").format(lines))
    return replace(frame, columns=columns(query.kind), rows=rows)
