"""Import a journal from CSV: every entry posted, or nothing at all.

Columns (any order, header required): ``entry_no,date,journal,account,account_label,label,debit,
credit,third_party``. UTF-8 with or without BOM; comma or semicolon separated; amounts with a
decimal point or a decimal comma (spaces as thousands separators are fine); dates ISO or
``dd/mm/yyyy``. Consecutive lines with the same (journal, entry_no) form one entry, which takes the
first line's label; Daftar numbers the posted entries itself and keeps ``entry_no`` as the
reference. Accounts missing from the chart are opened from ``account_label`` under their parent,
third parties are found by code or name or created, and fiscal years after the first are opened
as the dates need them.

The import reads the file once, in a stream, inside one write transaction: memory stays flat as the
file grows, and the first bad row raises ``ImportFailed`` naming the file, row, column and reason,
after which the company file is exactly as it was.
"""

from __future__ import annotations

import csv
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TextIO

from app.ledger.chart import derived_account, valid_number
from app.ledger.model import (
    Account,
    AccountKind,
    FiscalYear,
    FiscalYearState,
    ThirdParty,
    ThirdPartyKind,
)
from app.ledger.money import MAX_MINOR
from app.store.books import Books
from app.store.bulk import BulkLine, BulkPoster

COLUMNS = ("entry_no", "date", "journal", "account", "account_label", "label", "debit", "credit",
           "third_party")
_DDMMYYYY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}$")


class ImportFailed(Exception):
    """A row the import cannot take; nothing was imported."""

    def __init__(self, path: Path, row: int | None, column: str | None, reason: str) -> None:
        self.path, self.row, self.column, self.reason = path, row, column, reason
        where = str(path)
        if row is not None:
            where += f", row {row}"
        if column:
            where += f", column {column}"
        super().__init__(f"{where}: {reason}")


@dataclass(slots=True)
class ImportResult:
    entries: int = 0
    lines: int = 0
    accounts_created: list[str] = field(default_factory=list)
    third_parties_created: int = 0
    fiscal_years_opened: list[str] = field(default_factory=list)
    seconds: float = 0.0


class _Fail(Exception):
    """Raised inside the import with (column, reason); turned into ImportFailed with the row."""

    def __init__(self, column: str | None, reason: str, row: int | None = None) -> None:
        super().__init__(reason)
        self.column, self.reason, self.row = column, reason, row


def parse_amount(text: str, exponent: int) -> int:
    """Exact minor units from ``1234.56``, ``1234,56``, ``1 234,56`` or ``1.234,56``; '' is 0."""
    whole, dot, frac = text.partition(".")
    if whole.isdecimal() and (not dot or (frac.isdecimal() and len(frac) <= exponent)):
        minor = int(whole + frac.ljust(exponent, "0")) if dot else int(whole) * 10**exponent
        if minor <= MAX_MINOR:
            return minor
    return _parse_amount_slowly(text, exponent)


def _parse_amount_slowly(text: str, exponent: int) -> int:
    raw = text.strip()
    if not raw:
        return 0
    if raw.startswith("-"):
        raise ValueError(f"negative amount {raw!r}; put it in the other column")
    text = raw
    for space in (" ", "\u00a0", "\u202f", "'"):
        text = text.replace(space, "")
    marks = [ch for ch in text if ch in ".,"]
    decimal_mark = ""
    if marks:
        # the last mark is the decimal point, unless it repeats: then all are thousands marks
        last = marks[-1]
        if marks.count(last) == 1:
            decimal_mark = last
    whole, _, frac = text.rpartition(decimal_mark) if decimal_mark else (text, "", "")
    groups = whole.replace(",", ".").split(".") if whole else []
    if (not all(g.isdecimal() for g in groups) or not (frac.isdecimal() or frac == "")
            or (len(groups) > 1 and (not groups[0] or len(groups[0]) > 3
                                     or any(len(g) != 3 for g in groups[1:])))
            or (not "".join(groups) and not frac)):
        raise ValueError(f"not an amount: {raw!r}")
    frac = frac.rstrip("0")
    if len(frac) > exponent:
        raise ValueError(f"{raw} has more than {exponent} decimals")
    minor = int("".join(groups) or "0") * 10**exponent + int(frac.ljust(exponent, "0") or "0")
    if minor > MAX_MINOR:
        raise ValueError(f"{raw} is too large for an amount")
    return minor


def parse_date(text: str) -> date:
    """ISO ``2025-03-31`` or ``31/03/2025``."""
    text = text.strip()
    match = _DDMMYYYY.match(text)
    try:
        if match:
            return date(int(match[3]), int(match[2]), int(match[1]))
        if _ISO.match(text):
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise ValueError(f"not a date: {text!r} (use 2025-03-31 or 31/03/2025)")


def _open_reader(f: TextIO, path: Path) -> tuple[Iterator[list[str]], list[int]]:
    header_line = f.readline()
    if not header_line.strip():
        raise ImportFailed(path, 1, None, "the file is empty; a header row is required")
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    header = [h.strip().lower() for h in next(csv.reader([header_line], delimiter=delimiter))]
    missing = [c for c in COLUMNS if c not in header]
    unknown = [h for h in header if h not in COLUMNS]
    if missing or unknown or len(set(header)) != len(header):
        detail = []
        if missing:
            detail.append("missing " + ", ".join(missing))
        if unknown:
            detail.append("unknown " + ", ".join(unknown))
        if len(set(header)) != len(header):
            detail.append("a column appears twice")
        raise ImportFailed(path, 1, None, f"bad header ({'; '.join(detail)}); expected "
                           + delimiter.join(COLUMNS))
    return csv.reader(f, delimiter=delimiter), [header.index(c) for c in COLUMNS]


class _Importer:
    """Checks each entry of the file against the books' reference data (read once, kept in
    dicts) and hands it to the bulk poster, opening accounts, parties and years on the way."""

    def __init__(self, books: Books, bulk: BulkPoster, result: ImportResult) -> None:
        self.bulk, self.result = bulk, result
        self.exponent = books.currency.exponent
        ref = bulk.reference
        self.accounts, self.usable, self.parties, self.codes = (
            ref.accounts, ref.usable, ref.parties, ref.codes)
        self.journals, self.inactive_journals = ref.journals, ref.inactive_journals
        self.years, self.lock = ref.years, ref.lock_date
        self.dates: dict[str, tuple[str, int]] = {}

    def day(self, text: str) -> tuple[str, int]:
        """ISO date and fiscal year id for a date cell, opening later years as needed."""
        known = self.dates.get(text)
        if known is not None:
            return known
        try:
            day = parse_date(text)
        except ValueError as exc:
            raise _Fail("date", str(exc)) from None
        year = self._year_for(day)
        if year.state is FiscalYearState.CLOSED:
            raise _Fail("date", f"{day.isoformat()} lies in fiscal year {year.name}, "
                        "which is closed")
        iso = day.isoformat()
        if self.lock and iso <= self.lock:
            raise _Fail("date", f"{iso} is on or before the lock date {self.lock}")
        self.dates[text] = (iso, year.id)
        return iso, year.id

    def _year_for(self, day: date) -> FiscalYear:
        for year in self.years:
            if year.contains(day):
                return year
        if day < self.years[0].start:
            raise _Fail("date", f"{day.isoformat()} is before the first fiscal year, which "
                        f"starts on {self.years[0].start.isoformat()}")
        horizon = date(date.today().year + 1, 12, 31)
        if day > horizon:
            raise _Fail("date", f"{day.isoformat()} is after {horizon.isoformat()}; the import "
                        "opens fiscal years only up to the end of next year (a typo in the year?)")
        while self.years[-1].end < day:
            year = self.bulk.open_next_fiscal_year()
            self.years.append(year)
            self.result.fiscal_years_opened.append(year.name)
        return self.years[-1]

    def account(self, number: str, label: str) -> Account:
        account = self.accounts.get(number)
        if account is None:
            if not valid_number(number):
                raise _Fail("account", f"{number!r} is not an account number")
            if not label.strip():
                raise _Fail("account_label", f"account {number} is not in the chart and "
                            "account_label is empty, so it cannot be created")
            account = self.bulk.add_account(
                derived_account(number, label.strip(), self.accounts), self.accounts)
            self.accounts[number] = self.usable[number] = account
            self.result.accounts_created.append(number)
        elif not account.postable:
            raise _Fail("account", f"account {number} is a heading and cannot be posted to")
        elif not account.active:
            raise _Fail("account", f"account {number} is deactivated")
        return account

    def party(self, name: str, account: Account) -> tuple[int | None, str]:
        name = name.strip()
        known = self.parties.get(name)
        if known is not None:
            return known
        if not name:
            if account.needs_third_party:
                raise _Fail("third_party", f"account {account.number} needs a third party")
            return None, ""
        kind = {AccountKind.CUSTOMER: ThirdPartyKind.CUSTOMER,
                AccountKind.SUPPLIER: ThirdPartyKind.SUPPLIER}.get(account.kind,
                                                                   ThirdPartyKind.OTHER)
        code = _unique_code(name, self.codes)
        self.codes.add(code)
        party = self.bulk.add_third_party(ThirdParty(code, name, kind))
        self.parties[name] = self.parties[code] = (party.id, code)
        self.result.third_parties_created += 1
        return party.id, code

    def add_entry(self, rows: list[tuple[int, list[str]]]) -> None:
        """Check one entry's rows and queue it; raises _Fail with the row of the culprit."""
        first_row, first = rows[0]
        journal = first[2].strip()
        if journal not in self.journals:
            reason = "is deactivated" if journal in self.inactive_journals else "does not exist"
            raise _Fail("journal", f"journal {journal!r} {reason}", first_row)
        if len(rows) < 2:
            raise _Fail("entry_no", f"entry {first[0]} of journal {journal} has only one line",
                        first_row)
        try:
            iso, year_id = self.day(first[1])
        except _Fail as fail:
            fail.row = first_row
            raise
        entry_label = first[5]
        lines: list[BulkLine] = []
        total_debit = total_credit = 0
        usable, parties = self.usable, self.parties
        for row_no, cells in rows:
            try:
                if cells[1] != first[1] and self.day(cells[1])[0] != iso:
                    raise _Fail("date", f"entry {first[0]} has lines on different dates "
                                f"({iso} and {self.day(cells[1])[0]})")
                account = usable.get(cells[3]) or self.account(cells[3].strip(), cells[4])
                debit, credit = self.amounts(cells)
                party = cells[8]
                if party:
                    party_id, party_code = parties.get(party) or self.party(party, account)
                elif account.needs_third_party:
                    raise _Fail("third_party", f"account {account.number} needs a third party")
                else:
                    party_id, party_code = None, ""
            except _Fail as fail:
                fail.row = fail.row or row_no
                raise
            label = "" if cells[5] == entry_label else cells[5]
            total_debit += debit
            total_credit += credit
            lines.append((account.id, account.number, party_id, party_code, label, debit, credit))
        if total_debit != total_credit:
            raise _Fail("debit", f"entry {first[0]} of journal {journal} does not balance: "
                        f"debit {self.show(total_debit)}, credit {self.show(total_credit)}",
                        first_row)
        self.bulk.post(journal_id=self.journals[journal], journal_code=journal,
                       fiscal_year_id=year_id, date=iso, label=entry_label, reference=first[0],
                       lines=lines)
        self.result.entries += 1
        self.result.lines += len(rows)

    def amounts(self, cells: list[str]) -> tuple[int, int]:
        """Minor units of the debit and credit cells; exactly one of them is set."""
        try:
            debit = parse_amount(cells[6], self.exponent) if cells[6] else 0
        except ValueError as exc:
            raise _Fail("debit", str(exc)) from None
        try:
            credit = parse_amount(cells[7], self.exponent) if cells[7] else 0
        except ValueError as exc:
            raise _Fail("credit", str(exc)) from None
        if debit and credit:
            raise _Fail("credit", "debit and credit are both set; a line has one or the other")
        if not debit and not credit:
            raise _Fail("debit", "the line has neither a debit nor a credit")
        return debit, credit

    def show(self, minor: int) -> str:
        sign, minor = ("-", -minor) if minor < 0 else ("", minor)
        if not self.exponent:
            return f"{sign}{minor}"
        whole, frac = divmod(minor, 10**self.exponent)
        return f"{sign}{whole}.{frac:0{self.exponent}d}"


def _unique_code(name: str, taken: set[str]) -> str:
    base = re.sub(r"[^0-9A-Za-z]+", "", name.upper())[:12] or "TIERS"
    code, n = base, 1
    while code in taken:
        n += 1
        code = f"{base}{n}"
    return code


def _first_undecodable_row(path: Path) -> int | None:
    """The physical line holding the first bytes that are not UTF-8 (read again, on error only)."""
    with open(path, "rb") as f:
        for number, raw in enumerate(f, start=1):
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError:
                return number
    return None


def import_journal(
    books: Books, path: Path, *, progress: Callable[[int], None] | None = None
) -> ImportResult:
    """Import and post every entry of ``path``, or raise ``ImportFailed`` having changed nothing."""
    started = time.perf_counter()
    result = ImportResult()
    try:
        f = open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise ImportFailed(path, None, None, f"cannot read the file: {exc.strerror}") from None
    reader = None
    try:
        with f, books.bulk() as bulk:
            reader, order = _open_reader(f, path)
            _read_entries(reader, order, _Importer(books, bulk, result), result, progress)
            bulk.audit("import", file=path.name, entries=result.entries, lines=result.lines)
    except _Fail as fail:
        raise ImportFailed(path, fail.row, fail.column, fail.reason) from None
    except csv.Error as exc:
        row = getattr(reader, "line_num", 0) + 1
        raise ImportFailed(path, row, None, f"malformed CSV: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ImportFailed(path, _first_undecodable_row(path), None,
                           f"the file is not UTF-8 text ({exc.reason}); save it as UTF-8") from None
    result.seconds = time.perf_counter() - started
    return result


def _read_entries(
    reader: Iterator[list[str]],
    order: list[int],
    importer: _Importer,
    result: ImportResult,
    progress: Callable[[int], None] | None,
) -> None:
    """Group the rows into entries and hand each to the importer; raises _Fail on a bad row."""
    seen: set[tuple[str, str]] = set()
    pending: list[tuple[int, list[str]]] = []
    raw_key: tuple[str, str] | None = None
    reorder = order != list(range(len(COLUMNS)))
    next_progress = 50_000
    for cells in reader:
        row_no = reader.line_num + 1  # type: ignore[attr-defined]  # the header was row 1
        if len(cells) != len(order):
            if not cells or (len(cells) == 1 and not cells[0].strip()):
                continue
            raise _Fail(None, f"{len(cells)} fields where the header has {len(order)}", row_no)
        if reorder:
            cells = [cells[i] for i in order]
        if (cells[2], cells[0]) != raw_key:
            raw_key = (cells[2], cells[0])
            key = (cells[2].strip(), cells[0].strip())
            if not key[1]:
                raise _Fail("entry_no", "entry_no is empty", row_no)
            if pending and key != (pending[0][1][2].strip(), pending[0][1][0].strip()):
                if key in seen:
                    raise _Fail("entry_no", f"entry {key[1]} of journal {key[0]} continues "
                                "here after other entries; keep the lines of an entry together",
                                row_no)
                importer.add_entry(pending)
                pending = []
                if progress and result.lines >= next_progress:
                    progress(result.lines)
                    next_progress += 50_000
            seen.add(key)
        pending.append((row_no, cells))
    if pending:
        importer.add_entry(pending)
    if result.entries == 0:
        raise _Fail(None, "the file has a header but no lines", None)
