"""Reports as text tables, CSV or JSON, written to any text stream.

Amounts are written exactly, with the currency's decimals and a decimal point, in CSV and JSON
(JSON carries them as strings so that no reader turns them into floats).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, TextIO

from app.ledger.money import ZERO
from app.reports.aged import BUCKETS, AgedBalance, OpenItem
from app.reports.balances import ThirdPartyRow, TrialBalance
from app.reports.cashflow import CashFlow
from app.reports.ledger import LedgerSection, ReportLine
from app.reports.statements import BalanceSheet, IncomeStatement, StatementLine
from app.reports.vat import VatReturn, form

FORMATS = ("text", "csv", "json")


def _amount(value: Decimal, blank_zero: bool = False) -> str:
    if blank_zero and not value:
        return ""
    return f"{value:f}"


def _table(out: TextIO, header: Sequence[str], rows: Iterable[Sequence[str]],
           numeric_from: int) -> None:
    """A plain text table: text columns left-aligned, amounts right-aligned."""
    rows = [list(header), *[list(r) for r in rows]]
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    for n, row in enumerate(rows):
        cells = [
            cell.rjust(widths[i]) if i >= numeric_from else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        out.write("  ".join(cells).rstrip() + "\n")
        if n == 0:
            out.write("  ".join("-" * w for w in widths) + "\n")


def trial_balance(tb: TrialBalance, fmt: str, out: TextIO) -> None:
    columns = ("opening_debit", "opening_credit", "debit", "credit", "closing_debit",
               "closing_credit")
    if fmt == "csv":  # the balance of D.E. 09-110: opening, movements and closing, in pairs
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["account", "label", *columns, "balance"])
        for r in tb.rows:
            writer.writerow([r.account, r.label, *(_amount(getattr(r, c)) for c in columns),
                             _amount(r.balance)])
        return
    if fmt == "json":
        json.dump({
            "report": "trial_balance", "from": tb.start.isoformat(), "to": tb.end.isoformat(),
            "currency": tb.currency, "journals": list(tb.journals),
            "rows": [{"account": r.account, "label": r.label,
                      **{c: _amount(getattr(r, c)) for c in columns},
                      "balance": _amount(r.balance)} for r in tb.rows],
            "totals": {c: _amount(tb.total(c)) for c in columns},
        }, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    journals = f", journals {', '.join(tb.journals)} only" if tb.journals else ""
    out.write(f"Trial balance {tb.start.isoformat()} to {tb.end.isoformat()} ({tb.currency}"
              f"{journals})\n\n")
    body = [[r.account, r.label[:40], *(_amount(getattr(r, c), True) for c in columns)]
            for r in tb.rows]
    body.append(["", "Total", *(_amount(tb.total(c)) for c in columns)])
    _table(out, ["Account", "Label", "Open Dr", "Open Cr", "Debit", "Credit", "Close Dr",
                 "Close Cr"], body, 2)


def _line_cells(line: ReportLine, with_balance: bool) -> list[str]:
    cells = [line.date.isoformat(), f"{line.journal}-{line.entry_number}", line.account,
             line.label, line.reference, line.third_party, _amount(line.debit, True),
             _amount(line.credit, True)]
    return [*cells, _amount(line.balance)] if with_balance else cells


_LINE_HEADER = ["date", "entry", "account", "label", "reference", "third_party", "debit", "credit"]


def general_ledger(sections: Iterable[LedgerSection], fmt: str, out: TextIO) -> None:
    """Streams: each account's lines are written as they are read."""
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([*_LINE_HEADER, "balance"])
        for section in sections:
            for line in section.lines:
                writer.writerow(_line_cells(line, True))
        return
    if fmt == "json":
        out.write('{"report": "general_ledger", "accounts": [')
        for n, section in enumerate(sections):
            out.write(("," if n else "") + "\n")
            head = {"account": section.account, "label": section.label,
                    "opening": _amount(section.opening)}
            out.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "lines": [')
            for m, line in enumerate(section.lines):
                cells = dict(zip([*_LINE_HEADER, "balance"], _line_cells(line, True),
                                 strict=True))
                out.write(("," if m else "") + json.dumps(cells, ensure_ascii=False))
            out.write("]}")
        out.write("\n]}\n")
        return
    for section in sections:
        out.write(f"\n{section.account}  {section.label}   opening {_amount(section.opening)}\n")
        rows = [[c[0], c[1], c[3], c[5], c[6], c[7], c[8]]
                for c in (_line_cells(line, True) for line in section.lines)]
        _table(out, ["Date", "Entry", "Label", "Third party", "Debit", "Credit", "Balance"],
               rows, 4)


def journal(lines: Iterable[ReportLine], fmt: str, out: TextIO) -> None:
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(_LINE_HEADER)
        writer.writerows(_line_cells(line, False) for line in lines)
        return
    if fmt == "json":
        out.write('{"report": "journal", "lines": [')
        for n, line in enumerate(lines):
            cells = dict(zip(_LINE_HEADER, _line_cells(line, False), strict=True))
            out.write(("," if n else "") + "\n" + json.dumps(cells, ensure_ascii=False))
        out.write("\n]}\n")
        return
    _table(out, ["Date", "Entry", "Account", "Label", "Reference", "Third party", "Debit",
                 "Credit"], (_line_cells(line, False) for line in lines), 6)


def _statement_rows(lines: Sequence[StatementLine]) -> list[dict[str, Any]]:
    return [{"key": s.key, "label": s.label, "section": s.section, "subtotal": s.subtotal,
             "amount": _amount(s.amount)} for s in lines]


def balance_sheet(sheet: BalanceSheet, fmt: str, out: TextIO) -> None:
    if fmt == "json":
        json.dump({"report": "balance_sheet", "at": sheet.at.isoformat(),
                   "currency": sheet.currency, "assets": _statement_rows(sheet.assets),
                   "liabilities": _statement_rows(sheet.liabilities),
                   "total_assets": _amount(sheet.total_assets),
                   "total_liabilities": _amount(sheet.total_liabilities)},
                  out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["side", "key", "label", "amount"])
        for side, lines in (("assets", sheet.assets), ("liabilities", sheet.liabilities)):
            writer.writerows([side, s.key, s.label, _amount(s.amount)] for s in lines)
        return
    out.write(f"Balance sheet at {sheet.at.isoformat()} ({sheet.currency})\n")
    for title, lines, total in (("ASSETS", sheet.assets, sheet.total_assets),
                                ("EQUITY AND LIABILITIES", sheet.liabilities,
                                 sheet.total_liabilities)):
        out.write(f"\n{title}\n")
        _table(out, ["Line", "Amount"],
               [*([s.label, _amount(s.amount)] for s in lines), ["Total", _amount(total)]], 1)


def income_statement(statement: IncomeStatement, fmt: str, out: TextIO) -> None:
    if fmt == "json":
        json.dump({"report": "income_statement", "from": statement.start.isoformat(),
                   "to": statement.end.isoformat(), "currency": statement.currency,
                   "lines": _statement_rows(statement.lines),
                   "net_result": _amount(statement.net_result)},
                  out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["key", "label", "amount"])
        writer.writerows([s.key, s.label, _amount(s.amount)] for s in statement.lines)
        return
    out.write(f"Income statement {statement.start.isoformat()} to {statement.end.isoformat()} "
              f"({statement.currency})\n\n")
    _table(out, ["Line", "Amount"],
           ([("= " if s.subtotal else "  ") + s.label, _amount(s.amount)]
            for s in statement.lines), 1)


def third_parties(rows: Sequence[ThirdPartyRow], fmt: str, out: TextIO) -> None:
    header = ["code", "name", "kind", "account", "opening", "debit", "credit", "balance"]
    cells = [[r.code, r.name, r.kind, r.account, _amount(r.opening), _amount(r.debit),
              _amount(r.credit), _amount(r.balance)] for r in rows]
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(cells)
    elif fmt == "json":
        json.dump({"report": "third_parties", "rows": [dict(zip(header, c, strict=True))
                                                      for c in cells]},
                  out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        _table(out, [h.replace("_", " ").capitalize() for h in header], cells, 4)


_BUCKET_TITLES = ("Not yet due", "0-30", "31-60", "61-90", "> 90")
_ITEM_HEADER = ["code", "name", "account", "entry", "reference", "date", "due_date", "label",
                "letter", "amount", "days_overdue", "bucket"]


def _item_cells(item: OpenItem) -> list[str]:
    return [item.code, item.name, item.account, item.entry, item.reference,
            item.date.isoformat(), item.due_date.isoformat(), item.label, item.letter,
            _amount(item.amount), str(item.days_overdue), item.bucket]


def aged_balance(report: AgedBalance, fmt: str, out: TextIO) -> None:
    """The aged balance per third party; with its detail, each open line. CSV holds one table:
    the open lines when the detail was asked for, else the parties."""
    header = ["code", "name", *BUCKETS, "total"]
    rows = [[r.code, r.name, *(_amount(v) for v in r.buckets), _amount(r.total)]
            for r in report.rows]
    totals = [*(_amount(v) for v in report.totals), _amount(report.total)]
    items = [_item_cells(item) for item in report.items]
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(_ITEM_HEADER if items else header)
        writer.writerows(items if items else rows)
        return
    if fmt == "json":
        json.dump({"report": "aged_balance", "at": report.at.isoformat(),
                   "side": report.side.value, "currency": report.currency,
                   "accounts": list(report.accounts),
                   "rows": [dict(zip(header, r, strict=True)) for r in rows],
                   "totals": dict(zip([*BUCKETS, "total"], totals, strict=True)),
                   **({"items": [dict(zip(_ITEM_HEADER, c, strict=True)) for c in items]}
                      if items else {})}, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    out.write(f"Aged {report.side.value} at {report.at.isoformat()} ({report.currency})\n\n")
    _table(out, ["Code", "Name", *_BUCKET_TITLES, "Total"],
           [*([r[0], r[1][:40], *r[2:]] for r in rows), ["", "Total", *totals]], 2)
    if not items:
        return
    out.write("\nOpen items\n")
    _table(out, ["Code", "Entry", "Date", "Due", "Label", "Letter", "Amount", "Days"],
           ([c[0], c[3], c[5], c[6], c[7][:40], c[8], c[9], c[10]] for c in items), 6)


def vat(ret: VatReturn, fmt: str, out: TextIO) -> None:
    """The VAT return: by code in CSV, everything in JSON, the form's boxes as text."""
    codes = [("collected", v) for v in ret.collected] + [("deductible", v) for v in ret.deductible]
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["direction", "code", "rate", "label", "base", "tax"])
        writer.writerows([direction, v.code.code, f"{v.code.rate:f}", v.code.label,
                          _amount(v.base), _amount(v.tax)] for direction, v in codes)
        return
    if fmt == "json":
        json.dump({
            "report": "vat", "form": "CA3" if ret.chart == "pcg" else "G50",
            "from": ret.start.isoformat(), "to": ret.end.isoformat(), "currency": ret.currency,
            "codes": [{"direction": direction, "code": v.code.code, "rate": f"{v.code.rate:f}",
                       "base": _amount(v.base), "tax": _amount(v.tax)} for direction, v in codes],
            "credit_brought_forward": _amount(ret.credit_brought_forward),
            "total_collected": _amount(ret.total_collected),
            "total_deductible": _amount(ret.total_deductible),
            "due": _amount(ret.due), "credit_carried": _amount(ret.credit_carried),
            "withheld": {key: _amount(amount) for key, amount in ret.withheld},
        }, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    name = "CA3" if ret.chart == "pcg" else "G50"
    out.write(f"{name} {ret.start.isoformat()} to {ret.end.isoformat()} ({ret.currency})\n\n")
    _table(out, ["Box", "Line", "Base", "Amount"],
           ([line.box, line.label, "" if line.base is None else _amount(line.base),
             "" if line.amount is None else _amount(line.amount)] for line in form(ret)), 2)


# --- statements with their N-1 column, gross/depreciation/net assets, and the cash-flow ---------

def _optional(value: Decimal | None) -> str:
    return _amount(value if value is not None else ZERO)


def _compared_row(s: StatementLine, assets: bool) -> dict[str, Any]:
    row: dict[str, Any] = {"key": s.key, "label": s.label, "section": s.section,
                           "subtotal": s.subtotal}
    if assets:
        row |= {"gross": _optional(s.gross), "depreciation": _optional(s.depreciation)}
    return row | {"amount": _amount(s.amount), "previous": _amount(s.previous)}


def _compared_label(s: StatementLine) -> str:
    return ("= " if s.subtotal else "  ") + s.label


def compared_balance_sheet(sheet: BalanceSheet, fmt: str, out: TextIO) -> None:
    """The balance sheet with gross, depreciation and net assets and the N-1 column; JSON's
    ``amount`` is the net, as before."""
    previous = sheet.previous_at.isoformat() if sheet.previous_at else ""
    if fmt == "json":
        json.dump({"report": "balance_sheet", "at": sheet.at.isoformat(),
                   "previous_at": previous, "currency": sheet.currency,
                   "assets": [_compared_row(s, True) for s in sheet.assets],
                   "liabilities": [_compared_row(s, False) for s in sheet.liabilities],
                   "total_gross": _amount(sheet.total_gross),
                   "total_depreciation": _amount(sheet.total_depreciation),
                   "total_assets": _amount(sheet.total_assets),
                   "total_liabilities": _amount(sheet.total_liabilities),
                   "previous_total_assets": _amount(sheet.previous_total_assets),
                   "previous_total_liabilities": _amount(sheet.previous_total_liabilities)},
                  out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    assets = [[s.key, s.label, _optional(s.gross), _optional(s.depreciation),
               _amount(s.amount), _amount(s.previous)] for s in sheet.assets]
    assets.append(["total_assets", sheet.assets_total_label, _amount(sheet.total_gross),
                   _amount(sheet.total_depreciation), _amount(sheet.total_assets),
                   _amount(sheet.previous_total_assets)])
    liabilities = [[s.key, s.label, "", "", _amount(s.amount), _amount(s.previous)]
                   for s in sheet.liabilities]
    liabilities.append(["total_liabilities", sheet.liabilities_total_label, "", "",
                        _amount(sheet.total_liabilities),
                        _amount(sheet.previous_total_liabilities)])
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["side", "key", "label", "gross", "depreciation", "net", "previous"])
        writer.writerows(["assets", *row] for row in assets)
        writer.writerows(["liabilities", *row] for row in liabilities)
        return
    out.write(f"Balance sheet at {sheet.at.isoformat()} ({sheet.currency}), N-1 at "
              f"{previous}\n\nASSETS\n")
    marks = ["= " if s.subtotal else "  " for s in sheet.assets] + ["= "]
    _table(out, ["Line", "Gross", "Depreciation", "Net", "N-1"],
           ([mark + row[1], *row[2:]] for mark, row in zip(marks, assets, strict=True)), 1)
    out.write("\nEQUITY AND LIABILITIES\n")
    marks = ["= " if s.subtotal else "  " for s in sheet.liabilities] + ["= "]
    _table(out, ["Line", "Amount", "N-1"],
           ([mark + row[1], *row[4:]] for mark, row in zip(marks, liabilities, strict=True)), 1)


def compared_income_statement(statement: IncomeStatement, fmt: str, out: TextIO) -> None:
    """The income statement with its N-1 column."""
    first = statement.previous_start.isoformat() if statement.previous_start else ""
    last = statement.previous_end.isoformat() if statement.previous_end else ""
    if fmt == "json":
        json.dump({"report": "income_statement", "from": statement.start.isoformat(),
                   "to": statement.end.isoformat(), "previous_from": first,
                   "previous_to": last, "currency": statement.currency,
                   "lines": [_compared_row(s, False) for s in statement.lines],
                   "net_result": _amount(statement.net_result),
                   "previous_net_result": _amount(statement.previous_net_result)},
                  out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["key", "label", "amount", "previous"])
        writer.writerows([s.key, s.label, _amount(s.amount), _amount(s.previous)]
                         for s in statement.lines)
        return
    out.write(f"Income statement {statement.start.isoformat()} to {statement.end.isoformat()} "
              f"({statement.currency}), N-1 {first} to {last}\n\n")
    _table(out, ["Line", "Amount", "N-1"],
           ([_compared_label(s), _amount(s.amount), _amount(s.previous)]
            for s in statement.lines), 1)


def cash_flow(flows: CashFlow, fmt: str, out: TextIO) -> None:
    """The cash-flow statement (tableau des flux de trésorerie)."""
    if fmt == "json":
        json.dump({"report": "cash_flow", "from": flows.start.isoformat(),
                   "to": flows.end.isoformat(), "currency": flows.currency,
                   "previous_from": flows.previous_start.isoformat()
                   if flows.previous_start else None,
                   "previous_to": flows.previous_end.isoformat() if flows.previous_end else None,
                   "lines": [{"key": s.key, "label": s.label, "section": s.section,
                              "subtotal": s.subtotal, "amount": _amount(s.amount),
                              "previous": _amount(s.previous)}
                             for s in flows.lines],
                   "net_change": _amount(flows.net_change)},
                  out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["section", "key", "label", "amount", "previous"])
        writer.writerows([s.section, s.key, s.label, _amount(s.amount), _amount(s.previous)]
                         for s in flows.lines)
        return
    out.write(f"Cash-flow statement {flows.start.isoformat()} to {flows.end.isoformat()} "
              f"({flows.currency})\n\n")
    _table(out, ["Line", "Amount", "N-1"],
           ([_compared_label(s), _amount(s.amount), _amount(s.previous)] for s in flows.lines), 1)
