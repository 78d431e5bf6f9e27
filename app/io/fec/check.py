"""Check: any FEC held to the published structural rules, every problem worded as a sentence.

So a test or an accountant learns of a broken file before the tax auditor does. The checker reads
the file as it is, without books, and reports problems as English sentences naming the file, line
and column; it never stops at the first.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TextIO

from app.io.fec.columns import COLUMNS, DATE_COLUMNS, FILE_NAME, MANDATORY, ymd
from app.io.fec.encoding import detect_encoding, undecodable_line

_AMOUNT = re.compile(r"-?\d+(,\d+)?")
_LONGEST_YEAR = 2
"""Years a fiscal year may last at most (a long first year), for files checked without one."""


class _Problems:
    """Problems as the checker words them, each naming the file, line and column; at most
    ``limit`` of them, then a count of the rest."""

    def __init__(self, name: str, limit: int) -> None:
        self.name, self.limit, self.items, self.dropped = name, limit, [], 0

    def add(self, line: int | None, column: str | None, reason: str) -> None:
        if len(self.items) >= self.limit:
            self.dropped += 1
            return
        where = self.name
        if line is not None:
            where += f", line {line}"
        if column:
            where += f", column {column}"
        self.items.append(f"{where}: {reason}")

    def result(self) -> list[str]:
        more = [f"{self.name}: … and {self.dropped} more problems"] if self.dropped else []
        return self.items + more


def check_fec(
    path: Path, *, year: tuple[date, date] | None = None, limit: int = 1000
) -> list[str]:
    """The published structural rules ``path`` breaks, as sentences; empty if it keeps them all.

    The name must be ``<SIREN>FEC<YYYYMMDD>``; the header the 18 columns in order, and every line
    18 fields with the header's separator; mandatory fields filled, dates ``YYYYMMDD`` and real,
    amounts digits with a decimal comma, CompAuxLib beside every CompAuxNum, and each entry
    (JournalCode, EcritureNum) balanced. EcritureDate must lie in one fiscal year: ``year`` when
    given, else the year ending on the file name's date, which lasts at most two years (a long
    first year), else any span of at most two years.
    """
    problems = _Problems(path.name, limit)
    name = FILE_NAME.fullmatch(path.stem)
    closing = ymd(name[2]) if name else None
    if name is None:
        problems.add(None, None, "the file name must be <SIREN>FEC<YYYYMMDD> (9 digits, 'FEC', "
                                 "the fiscal year's closing date)")
    elif closing is None:
        problems.add(None, None, f"{name[2]} in the file name is not a date YYYYMMDD")
    window = year or ((_years_before(closing), closing) if closing else None)
    encoding = "utf-8-sig"
    try:
        encoding = detect_encoding(path)
        with open(path, encoding=encoding) as f:
            _check_lines(f, problems, window)
    except OSError as exc:
        problems.add(None, None, f"cannot read the file: {exc.strerror}")
    except UnicodeDecodeError as exc:
        problems.add(undecodable_line(path, encoding), None,
                     f"not UTF-8 nor ISO-8859-15/Windows-1252 text ({exc.reason})")
    return problems.result()


def _check_lines(f: TextIO, problems: _Problems, window: tuple[date, date] | None) -> None:
    header = f.readline().rstrip("\r\n")
    separator = "\t" if "\t" in header else "|" if "|" in header else None
    if separator is None:
        problems.add(1, None, "the first line must name the 18 columns, separated by tabs or |")
        return
    names = header.split(separator)
    if tuple(names) != COLUMNS:
        at = next((i for i, column in enumerate(COLUMNS) if i >= len(names) or names[i] != column),
                  len(COLUMNS))
        if at == len(COLUMNS):
            problems.add(1, names[at], f"{len(names)} columns where the FEC has 18")
        else:
            found = repr(names[at]) if at < len(names) else "nothing"
            problems.add(1, COLUMNS[at], f"column {at + 1} must be {COLUMNS[at]!r}, found {found}")
        return
    other = "|" if separator == "\t" else "tab"
    entries: dict[tuple[str, str], list] = {}
    """(JournalCode, EcritureNum) → [first line, debit, credit]."""
    span: list[tuple[date, int]] = []
    for number, raw in enumerate(f, start=2):
        cells = raw.rstrip("\r\n").split(separator)
        if len(cells) != len(COLUMNS):
            mixed = (f"; the separator must be the header's throughout, not {other}"
                     if ("|" if separator == "\t" else "\t") in raw else "")
            problems.add(number, None, f"{len(cells)} fields where the header has 18{mixed}")
            continue
        row = dict(zip(COLUMNS, cells, strict=True))
        _check_row(row, number, problems, window, span)
        debit, credit = (Decimal(row[c].replace(",", ".")) if _AMOUNT.fullmatch(row[c])
                         else None for c in ("Debit", "Credit"))
        if debit is not None and credit is not None:
            totals = entries.setdefault((row["JournalCode"], row["EcritureNum"]),
                                        [number, Decimal(0), Decimal(0)])
            totals[1] += debit
            totals[2] += credit
    for (journal, num), (first, debit, credit) in entries.items():
        if debit != credit:
            problems.add(first, "Debit", f"entry {num} of journal {journal} does not balance: "
                                         f"debit {debit}, credit {credit}")
    if window is None and span:
        (low, _), (high, line) = min(span), max(span)
        if _years_before(high) > low:
            problems.add(line, "EcritureDate", f"the dates run from {low:%Y%m%d} to "
                                               f"{high:%Y%m%d}, longer than one fiscal year")


def _check_row(row: dict[str, str], number: int, problems: _Problems,
               window: tuple[date, date] | None, span: list[tuple[date, int]]) -> None:
    """The rules of one line; ``span`` keeps the earliest and latest EcritureDate seen."""
    for column in MANDATORY:
        if not row[column].strip():
            problems.add(number, column, "mandatory field is empty")
    for column in DATE_COLUMNS:
        if row[column] and ymd(row[column]) is None:
            problems.add(number, column, f"{row[column]!r} is not a date YYYYMMDD")
    day = ymd(row["EcritureDate"])
    if day is not None:
        if window and not window[0] <= day <= window[1]:
            problems.add(number, "EcritureDate",
                         f"{day:%Y%m%d} is outside the fiscal year {window[0]:%Y%m%d}-"
                         f"{window[1]:%Y%m%d}")
        if not span:
            span.extend([(day, number), (day, number)])
        span[0], span[1] = min(span[0], (day, number)), max(span[1], (day, number))
    for column in ("Debit", "Credit", "Montantdevise"):
        value = row[column]
        if (value or column != "Montantdevise") and not _AMOUNT.fullmatch(value):
            problems.add(number, column, f"{value!r} is not an amount written with a decimal "
                                         "comma and no thousands separator (0,00 when none)")
    if row["CompAuxNum"].strip() and not row["CompAuxLib"].strip():
        problems.add(number, "CompAuxLib", "required when CompAuxNum is given")


def _years_before(day: date) -> date:
    """The first day of the longest fiscal year that can end on ``day``."""
    try:
        back = day.replace(year=day.year - _LONGEST_YEAR)
    except ValueError:  # 29 February
        back = day.replace(year=day.year - _LONGEST_YEAR, day=28)
    return back + timedelta(days=1)
