"""The aged balance (``app.reports.aged``) laid out as a ``ReportTable``.

One row per third party with its open amount in each age bucket and its total. With the detail,
the party's row heads its open lines: each line's amount stands in the column of its age (and in
the total), so a party's bucket is the sum of the lines under it, on screen and in every export.
Runs on a worker thread, as ``tables`` does.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from PySide6.QtCore import QCoreApplication

from app.ledger.money import ZERO
from app.reports.aged import BUCKETS, AgedBalance, OpenItem, Side
from app.reports.export import Cell, Column, ReportTable, Row, Style

tr = QCoreApplication.translate
"""Called as ``tr("reports", "...")``: lupdate reads the context and the string at each call."""

KIND = "aged_balance"
DETAIL_COLUMNS = 6
"""Party or entry, name or label, date, due date, letter, days overdue: then the amounts."""


def aged_title(side: Side) -> str:
    return tr("reports", "Aged receivables") if side is Side.RECEIVABLES else \
        tr("reports", "Aged payables")


def _amounts() -> tuple[Column, ...]:
    """Six amounts: narrower than other reports' so that at 1024 px the summary's total stays
    on screen (the detail's lines scroll sideways, as the general ledger's do)."""
    titles = (tr("reports", "Not yet due"), tr("reports", "0–30 days"),
              tr("reports", "31–60 days"), tr("reports", "61–90 days"),
              tr("reports", "> 90 days"))
    return (*(Column(title, numeric=True, width=12, blank_zero=True) for title in titles),
            Column(tr("reports", "Total"), numeric=True, width=12))


def _party_name(code: str, name: str) -> str:
    return name if code or name else tr("reports", "(no third party)")


def aged_balance_table(aged: AgedBalance, frame: ReportTable) -> ReportTable:
    """The aged balance in ``frame``; its detail when ``aged`` holds the open lines."""
    title = aged_title(aged.side)
    if not aged.items:
        columns = (Column(tr("reports", "Third party"), width=10),
                   Column(tr("reports", "Name"), width=32), *_amounts())
        rows = [Row((r.code, _party_name(r.code, r.name), *r.buckets, r.total))
                for r in aged.rows]
        rows.append(Row(("", tr("reports", "Total"), *aged.totals, aged.total), Style.TOTAL))
        return replace(frame, title=title, columns=columns, rows=rows, last=aged.at)
    return replace(frame, title=title, columns=detail_columns(), rows=_detail_rows(aged),
                   last=aged.at)


def detail_columns() -> tuple[Column, ...]:
    return (Column(tr("reports", "Party / entry"), width=12),
            Column(tr("reports", "Name / label"), width=32),
            Column(tr("reports", "Date"), width=10), Column(tr("reports", "Due date"), width=10),
            Column(tr("reports", "Letter"), width=4),
            Column(tr("reports", "Days overdue"), numeric=True, width=5), *_amounts())


def _detail_rows(aged: AgedBalance) -> list[Row]:
    """Each party's row (shaded) with its open lines under it, then the total. A party whose
    lines cancel out has no row of its own in the report: it gets one here, at zero, so that
    no open line is left out of the detail."""
    items: dict[str, list[OpenItem]] = defaultdict(list)
    for item in aged.items:
        items[item.code].append(item)
    empty = (ZERO,) * len(BUCKETS)
    parties = [(r.code, r.name, r.buckets, r.total) for r in aged.rows]
    known = {r.code for r in aged.rows}
    parties += [(code, lines[0].name, empty, ZERO) for code, lines in items.items()
                if code not in known]
    gap: tuple[Cell, ...] = (None, None, "", None)
    rows: list[Row] = []
    for code, name, buckets, total in parties:
        rows.append(Row((code, _party_name(code, name), *gap, *buckets, total), Style.SECTION))
        rows += [_item_row(item) for item in items.get(code, ())]
    rows.append(Row(("", tr("reports", "Total"), *gap, *aged.totals, aged.total), Style.TOTAL))
    return rows


def _item_row(item: OpenItem) -> Row:
    amounts: list[Cell] = [None] * len(BUCKETS)
    amounts[BUCKETS.index(item.bucket)] = item.amount
    label = f"{item.label} ({item.reference})" if item.reference else item.label
    late = str(item.days_overdue) if item.days_overdue >= 0 else ""
    return Row((item.entry, label, item.date, item.due_date, item.letter, late, *amounts,
                item.amount), entry_id=item.entry_id)


def party_of(row: Row) -> str | None:
    """The third party a summary row stands for (None for the total): where a drill-down
    into the detail lands."""
    if row.style is not Style.NORMAL:
        return None
    return str(row.cells[0])
