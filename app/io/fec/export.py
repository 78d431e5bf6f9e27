"""Export: one fiscal year of the books as a FEC.

The file is streamed a page of entries at a time, so memory stays flat however many lines the year
holds, and written beside its final name, then renamed into place.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TextIO

from sqlcipher3.dbapi2 import Cursor

from app.io.fec.columns import COLUMNS, SEPARATORS
from app.ledger.model import FiscalYear
from app.ledger.money import Currency, format_amount, from_minor
from app.store.books import Books
from app.store.posted_lines import iter_posted_lines


class ExportRefused(ValueError):
    """The books cannot give a FEC as asked: no SIREN, no such fiscal year, a bad separator."""


def export_fec(
    books: Books, year_start_or_range: date | tuple[date, date], path_or_dir: Path, *,
    separator: str = "\t", siren: str | None = None,
) -> Path:
    """Write the FEC of one fiscal year and return its path.

    ``year_start_or_range`` is a day of the fiscal year (its start, usually) or a (first, last)
    range inside one year. Into a directory, the file takes the legal name
    ``<SIREN>FEC<YYYYMMDD>.txt`` (the year's closing date); ``siren`` overrides the first nine
    digits of the company's NIF. Entries of the opening journal come first, then every posted
    entry by date and posting order (so each journal by number); drafts never. The file is
    written beside its final name and renamed into place, so a failure leaves no half file.
    """
    if separator not in SEPARATORS.values():
        raise ExportRefused(f"the FEC separator is a tab or '|', not {separator!r}")
    siren = _siren(books.company.nif, siren)
    fiscal, first, last = _period(books.fiscal_years(), year_start_or_range)
    target = Path(path_or_dir)
    if target.is_dir():
        target = target / f"{siren}FEC{fiscal.end:%Y%m%d}.txt"
    opening = books.setting("opening_journal", "AN")
    clean = str.maketrans({separator: " ", "\r": " ", "\n": " "})
    with books.read() as cur, _written(target) as out:
        out.write(separator.join(COLUMNS) + "\r\n")
        for cells in _fec_rows(cur, first, last, opening, books.currency):
            out.write(separator.join(cell.translate(clean) for cell in cells) + "\r\n")
    return target


def _siren(nif: str, override: str | None) -> str:
    """The SIREN that names the file: ``override`` if given, else the NIF's first nine digits."""
    if override is not None:
        given = override.replace(" ", "")
        if not (len(given) == 9 and given.isascii() and given.isdigit()):
            raise ExportRefused(f"siren: a SIREN is 9 digits, not {override!r}")
        return given
    digits = nif.replace(" ", "")[:9]
    if len(digits) < 9 or not (digits.isascii() and digits.isdigit()):
        raise ExportRefused(
            f"the company's NIF (company.nif) {nif!r} does not start with a 9-digit SIREN, "
            "which names the FEC: set it (daftar company set --nif) or give the SIREN (--siren)")
    return digits


def _period(
    years: list[FiscalYear], wanted: date | tuple[date, date]
) -> tuple[FiscalYear, date, date]:
    """The fiscal year and the days of it to export; a FEC never spans two years."""
    first, last = wanted if isinstance(wanted, tuple) else (wanted, wanted)
    fiscal = next((y for y in years if y.contains(first)), None)
    if fiscal is None:
        raise ExportRefused(f"no fiscal year contains {first.isoformat()}")
    if not isinstance(wanted, tuple):
        return fiscal, fiscal.start, fiscal.end
    if last < first or not fiscal.contains(last):
        raise ExportRefused(f"{first.isoformat()} to {last.isoformat()} is not a range inside "
                            f"one fiscal year ({fiscal.name} runs {fiscal.start.isoformat()} to "
                            f"{fiscal.end.isoformat()})")
    return fiscal, first, last


@contextmanager
def _written(target: Path) -> Iterator[TextIO]:
    """A text file written under a temporary name, synced and renamed to ``target`` on success."""
    partial = target.with_name(target.name + ".part")
    try:
        with open(partial, "w", encoding="utf-8", newline="") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def _fec_rows(
    cur: Cursor, first: date, last: date, opening: str, money: Currency
) -> Iterator[tuple[str, ...]]:
    """The FEC's 18 cells of each posted line, opening journal first; a lettered line carries
    its letter (in capitals, complete or not) and the day it was given."""

    def amount(minor: int) -> str:
        return format_amount(from_minor(minor, money), money).replace(".", ",")

    for line in iter_posted_lines(cur, first, last, opening):
        num, ymd = f"{line.journal}-{line.number}", line.date.replace("-", "")
        valid = line.posted_at[:10].replace("-", "")
        yield (line.journal, line.journal_label, num, ymd, line.account, line.account_label,
               line.party, line.party_name, line.reference or num, ymd,
               line.label or line.entry_label, amount(line.debit), amount(line.credit),
               line.letter, line.matched_on.replace("-", ""), valid, "", "")
