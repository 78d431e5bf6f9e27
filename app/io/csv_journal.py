"""Import a journal from CSV: every entry posted, or nothing at all.

Columns (any order, header required): ``entry_no,date,journal,account,account_label,label,debit,
credit,third_party``, and optionally ``tax`` (a line's tax code). UTF-8 with or without BOM; comma
or semicolon separated; amounts with a decimal point or a decimal comma (spaces as thousands
separators are fine); dates ISO or ``dd/mm/yyyy``. Consecutive lines with the same (journal,
entry_no) form one entry, which takes the first non-empty label of its lines (an entry with no
label at all is refused: the label is mandatory); Daftar numbers the posted entries itself and
keeps ``entry_no`` as the reference. Within each journal and fiscal year the entries must come in
date order, since the journal is numbered in that order; a third party must suit its account, as
the posting rules say. Accounts missing from the chart are opened from ``account_label`` under
their parent, third parties are found by code or name or created, and fiscal years after the first
are opened as the dates need them.

The import reads the file once, in a stream, inside one write transaction: memory stays flat as the
file grows, and the first bad row raises ``ImportFailed`` naming the file, row, column and reason,
after which the company file is exactly as it was.
"""

from __future__ import annotations

import csv
import re
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TextIO

from app.io.cells import BadCell, parse_amount, parse_date
from app.ledger.chart import derived_account, valid_number
from app.ledger.model import (
    Account,
    AccountKind,
    FiscalYear,
    FiscalYearState,
    Problem,
    ThirdParty,
    ThirdPartyKind,
)
from app.ledger.money import from_minor
from app.ledger.problems import Code
from app.ledger.rules import RESULT_CLASSES, party_problem
from app.store.books import Books
from app.store.bulk import BulkLine, BulkPoster

COLUMNS = ("entry_no", "date", "journal", "account", "account_label", "label", "debit", "credit",
           "third_party")
OPTIONAL_COLUMNS = ("tax",)
"""Columns a file may add: ``tax``, the line's tax code (``app.ledger.tax``), for VAT returns."""


class ImportFailed(Exception):
    """A row the import cannot take; nothing was imported.

    ``problem`` is the reason as a code with arguments, so the interface can word it in the
    user's language; ``reason`` and the message are English, for the CLI and the logs.
    """

    def __init__(self, path: Path, row: int | None, column: str | None, problem: Problem) -> None:
        self.path, self.row, self.column, self.problem = path, row, column, problem
        self.reason = problem.message
        where = str(path)
        if row is not None:
            where += f", row {row}"
        if column:
            where += f", column {column}"
        super().__init__(f"{where}: {self.reason}")


@dataclass(slots=True)
class ImportResult:
    entries: int = 0
    lines: int = 0
    accounts_created: list[str] = field(default_factory=list)
    third_parties_created: int = 0
    fiscal_years_opened: list[str] = field(default_factory=list)
    seconds: float = 0.0
    defaulted: dict[str, int] = field(default_factory=dict)
    """Lines without a third party given the account's default party, by account."""


class RowProblem(Exception):
    """Raised inside an import with (column, problem), the row added once known; the import turns
    it into ``ImportFailed``. ``column`` is the CSV's name for it (``date``, ``account``...); the
    FEC import raises it with its own column names too, and maps the CSV's to them."""

    def __init__(self, column: str | None, code: Code, args: Mapping[str, object] | None = None,
                 row: int | None = None) -> None:
        self.problem = Problem(code, args or {}, field=column or "")
        super().__init__(self.problem.message)
        self.column, self.row = column, row


def _open_reader(f: TextIO, path: Path) -> tuple[Iterator[list[str]], list[int]]:
    header_line = f.readline()
    if not header_line.strip():
        raise ImportFailed(path, 1, None, Problem(Code.EMPTY_FILE))
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    header = [h.strip().lower() for h in next(csv.reader([header_line], delimiter=delimiter))]
    missing = [c for c in COLUMNS if c not in header]
    unknown = [h for h in header if h not in COLUMNS + OPTIONAL_COLUMNS]
    if missing or unknown or len(set(header)) != len(header):
        detail = []
        if missing:
            detail.append("missing " + ", ".join(missing))
        if unknown:
            detail.append("unknown " + ", ".join(unknown))
        if len(set(header)) != len(header):
            detail.append("a column appears twice")
        raise ImportFailed(path, 1, None, Problem(Code.BAD_HEADER, {
            "detail": "; ".join(detail), "expected": delimiter.join(COLUMNS)}))
    wanted = COLUMNS + tuple(c for c in OPTIONAL_COLUMNS if c in header)
    return csv.reader(f, delimiter=delimiter), [header.index(c) for c in wanted]


class JournalImporter:
    """The row checker and poster shared by the CSV import and the FEC import (``app.io.fec``).

    Checks each entry of the file against the books' reference data (read once, kept in dicts)
    and hands it to the bulk poster, opening accounts, parties and years on the way. Its checks
    (``day``, ``account``, ``check_party``, ``check_order``, ``check_opening_date``,
    ``check_opening_account``) raise ``RowProblem`` naming the CSV's column; ``add_entry`` reads
    the CSV's rows, and the FEC importer, a subclass, reads its own with the same checks.
    """

    def __init__(self, books: Books, bulk: BulkPoster, result: ImportResult,
                 default_parties: Mapping[str, str] | None = None) -> None:
        self.bulk, self.result = bulk, result
        self.default_parties = sorted((default_parties or {}).items(),
                                      key=lambda item: -len(item[0]))
        """(account prefix, party code or name), longest prefix first."""
        self.currency = books.currency
        self.exponent = books.currency.exponent
        ref = bulk.reference
        self.accounts, self.usable, self.parties, self.codes = (
            ref.accounts, ref.usable, ref.parties, ref.codes)
        self.journals, self.inactive_journals = ref.journals, ref.inactive_journals
        self.years, self.lock = ref.years, ref.lock_date
        self.party_kinds = ref.party_kinds
        self.opening_journal = ref.opening_journal
        self.tax_codes = ref.tax_codes
        self.fitting: set[tuple[str, str]] = set()
        """(account, party code) pairs already found to go together."""
        self.last = {key: (day, "") for key, day in ref.last_dates.items()}
        """(journal id, year id) → date and entry_no of the journal's latest entry so far."""
        self.dates: dict[str, tuple[str, int]] = {}

    def day(self, text: str) -> tuple[str, int]:
        """ISO date and fiscal year id for a date cell, opening later years as needed."""
        known = self.dates.get(text)
        if known is not None:
            return known
        try:
            day = parse_date(text)
        except BadCell as exc:
            raise RowProblem("date", exc.problem.code, exc.problem.args) from None
        year = self._year_for(day)
        if year.state is FiscalYearState.CLOSED:
            raise RowProblem("date", Code.YEAR_CLOSED, {"date": day, "year": year.name})
        iso = day.isoformat()
        if self.lock and iso <= self.lock:
            raise RowProblem("date", Code.LOCKED,
                             {"date": day, "lock": date.fromisoformat(self.lock)})
        self.dates[text] = (iso, year.id)
        return iso, year.id

    def _year_for(self, day: date) -> FiscalYear:
        for year in self.years:
            if year.contains(day):
                return year
        if day < self.years[0].start:
            raise RowProblem("date", Code.BEFORE_FIRST_YEAR,
                             {"date": day, "start": self.years[0].start})
        horizon = date(date.today().year + 1, 12, 31)
        if day > horizon:
            raise RowProblem("date", Code.BEYOND_HORIZON, {"date": day, "horizon": horizon})
        while self.years[-1].end < day:
            year = self.bulk.open_next_fiscal_year()
            self.years.append(year)
            self.result.fiscal_years_opened.append(year.name)
        return self.years[-1]

    def account(self, number: str, label: str) -> Account:
        account = self.accounts.get(number)
        if account is None:
            if not valid_number(number):
                raise RowProblem("account", Code.NOT_AN_ACCOUNT_NUMBER, {"text": number})
            if not label.strip():
                raise RowProblem("account_label", Code.ACCOUNT_LABEL_MISSING,
                                 {"account": number})
            account = self.bulk.add_account(
                derived_account(number, label.strip(), self.accounts), self.accounts)
            self.accounts[number] = self.usable[number] = account
            self.result.accounts_created.append(number)
        elif not account.postable:
            raise RowProblem("account", Code.ACCOUNT_HEADING, {"account": number})
        elif not account.active:
            raise RowProblem("account", Code.ACCOUNT_INACTIVE, {"account": number})
        return account

    def party(self, name: str, account: Account) -> tuple[int | None, str]:
        name = name.strip()
        known = self.parties.get(name)
        if known is not None:
            return known
        if not name:
            if account.needs_third_party:
                raise RowProblem("third_party", Code.PARTY_REQUIRED,
                                 {"account": account.number})
            return None, ""
        kind = {AccountKind.CUSTOMER: ThirdPartyKind.CUSTOMER,
                AccountKind.SUPPLIER: ThirdPartyKind.SUPPLIER}.get(account.kind,
                                                                   ThirdPartyKind.OTHER)
        code = _unique_code(name, self.codes)
        self.codes.add(code)
        party = self.bulk.add_third_party(ThirdParty(code, name, kind))
        self.parties[name] = self.parties[code] = (party.id, code)
        self.party_kinds[code] = kind
        self.result.third_parties_created += 1
        return party.id, code

    def tax(self, text: str) -> tuple[int, str]:
        """Id and code of a tax code cell; unknown or deactivated codes are refused."""
        code = text.strip().upper()
        known = self.tax_codes.get(code)
        if known is None:
            raise RowProblem("tax", Code.TAX_CODE_MISSING, {"tax": text.strip()})
        if not known[1]:
            raise RowProblem("tax", Code.TAX_CODE_INACTIVE, {"tax": code})
        return known[0], code

    def missing_party(self, account: Account) -> tuple[int | None, str]:
        """The party for a line that names none on an account that needs one: the default party
        given for the account (the longest matching prefix), or a refusal.

        Books kept elsewhere often carry lines without a third party on accounts Daftar's chart
        keeps per party (advances 409/419, doubtful debts 416...); a default party per account,
        chosen by the accountant, takes them in while keeping every third-party balance whole.
        """
        for prefix, party in self.default_parties:
            if account.number.startswith(prefix):
                known = self.parties.get(party) or self.party(party, account)
                self.check_party(account, known[1])
                self.result.defaulted[account.number] = (
                    self.result.defaulted.get(account.number, 0) + 1)
                return known
        raise RowProblem("third_party", Code.PARTY_REQUIRED, {"account": account.number})

    def check_party(self, account: Account, code: str) -> None:
        """The rules' own test that this party may stand on this account (``party_problem``)."""
        if (account.number, code) in self.fitting:
            return
        mismatch = party_problem(account, self.party_kinds[code])
        if mismatch is not None:
            raise RowProblem("third_party", mismatch,
                             {"account": account.number, "party": code})
        self.fitting.add((account.number, code))

    def check_order(self, journal: str, journal_id: int, year_id: int, iso: str,
                    entry_no: str) -> None:
        """Journals are numbered in date order (``rules.check_order``): so must the file be."""
        key = (journal_id, year_id)
        last = self.last.get(key)
        if last is not None and iso < last[0]:
            raise RowProblem("date", Code.FILE_OUT_OF_ORDER, {
                "entry": entry_no, "journal": journal, "date": date.fromisoformat(iso),
                "last": date.fromisoformat(last[0]), "previous": last[1] or "—"})
        self.last[key] = (iso, entry_no)

    def check_opening_date(self, journal: str, year_id: int, iso: str) -> None:
        """À-nouveaux are dated on their year's first day (``rules.check_opening``)."""
        year = next(y for y in self.years if y.id == year_id)
        if iso != year.start.isoformat():
            raise RowProblem("date", Code.OPENING_DATE,
                             {"journal": journal, "start": year.start, "year": year.name})

    def check_opening_account(self, journal: str, account: Account) -> None:
        """À-nouveaux carry balance-sheet accounts only (``rules.check_opening``)."""
        if account.account_class in RESULT_CLASSES:
            raise RowProblem("account", Code.OPENING_RESULT_ACCOUNT,
                             {"account": account.number, "journal": journal})

    def add_entry(self, rows: list[tuple[int, list[str]]]) -> None:
        """Check one entry's rows and queue it; raises RowProblem with the row of the culprit."""
        first_row, first = rows[0]
        journal = first[2].strip()
        if journal not in self.journals:
            code = (Code.JOURNAL_INACTIVE if journal in self.inactive_journals
                    else Code.JOURNAL_MISSING)
            raise RowProblem("journal", code, {"journal": journal}, first_row)
        if len(rows) < 2:
            raise RowProblem("entry_no", Code.ONE_LINE_ENTRY,
                             {"entry": first[0], "journal": journal}, first_row)
        try:
            iso, year_id = self.day(first[1])
            self.check_order(journal, self.journals[journal], year_id, iso, first[0])
            if journal == self.opening_journal:
                self.check_opening_date(journal, year_id, iso)
        except RowProblem as fail:
            fail.row = first_row
            raise
        entry_label = first[5] if first[5].strip() else next(
            (cells[5] for _row, cells in rows if cells[5].strip()), "")
        if not entry_label:
            raise RowProblem("label", Code.LABEL_MISSING, row=first_row)
        lines: list[BulkLine] = []
        total_debit = total_credit = 0
        usable, parties = self.usable, self.parties
        for row_no, cells in rows:
            try:
                if cells[1] != first[1] and self.day(cells[1])[0] != iso:
                    raise RowProblem("date", Code.MIXED_DATES, {
                        "entry": first[0], "date": date.fromisoformat(iso),
                        "other": date.fromisoformat(self.day(cells[1])[0])})
                account = usable.get(cells[3]) or self.account(cells[3].strip(), cells[4])
                if journal == self.opening_journal:
                    self.check_opening_account(journal, account)
                debit, credit = self.amounts(cells)
                party = cells[8]
                if party:
                    party_id, party_code = parties.get(party) or self.party(party, account)
                    self.check_party(account, party_code)
                elif account.needs_third_party:
                    party_id, party_code = self.missing_party(account)
                else:
                    party_id, party_code = None, ""
                tax_id, tax_code = (self.tax(cells[9]) if len(cells) > 9 and cells[9]
                                    else (None, ""))
            except RowProblem as fail:
                fail.row = fail.row or row_no
                raise
            label = "" if cells[5] == entry_label else cells[5]
            total_debit += debit
            total_credit += credit
            lines.append((account.id, account.number, party_id, party_code, label, debit, credit,
                          tax_id, tax_code))
        if total_debit != total_credit:
            raise RowProblem("debit", Code.ENTRY_UNBALANCED, {
                "entry": first[0], "journal": journal,
                "debit": from_minor(total_debit, self.currency),
                "credit": from_minor(total_credit, self.currency)}, first_row)
        self.bulk.post(journal_id=self.journals[journal], journal_code=journal,
                       fiscal_year_id=year_id, date=iso, label=entry_label, reference=first[0],
                       lines=lines)
        self.result.entries += 1
        self.result.lines += len(rows)

    def amounts(self, cells: list[str]) -> tuple[int, int]:
        """Minor units of the debit and credit cells; exactly one of them is set."""
        try:
            debit = parse_amount(cells[6], self.exponent) if cells[6] else 0
        except BadCell as exc:
            raise RowProblem("debit", exc.problem.code, exc.problem.args) from None
        try:
            credit = parse_amount(cells[7], self.exponent) if cells[7] else 0
        except BadCell as exc:
            raise RowProblem("credit", exc.problem.code, exc.problem.args) from None
        if debit and credit:
            raise RowProblem("credit", Code.DEBIT_AND_CREDIT)
        if not debit and not credit:
            raise RowProblem("debit", Code.NO_AMOUNT)
        return debit, credit



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
    books: Books, path: Path, *, progress: Callable[[int], None] | None = None,
    default_parties: Mapping[str, str] | None = None,
) -> ImportResult:
    """Import and post every entry of ``path``, or raise ``ImportFailed`` having changed nothing.

    ``default_parties`` maps account prefixes to a third party (code or name, created if new)
    for lines that name none on accounts that need one (``JournalImporter.missing_party``).
    """
    started = time.perf_counter()
    result = ImportResult()
    try:
        f = open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise ImportFailed(path, None, None, Problem(Code.UNREADABLE,
                                                     {"reason": exc.strerror})) from None
    reader = None
    try:
        with f, books.bulk() as bulk:
            reader, order = _open_reader(f, path)
            importer = JournalImporter(books, bulk, result, default_parties)
            _read_entries(reader, order, importer, result, progress)
            bulk.audit("import", file=path.name, entries=result.entries, lines=result.lines)
    except RowProblem as fail:
        raise ImportFailed(path, fail.row, fail.column, fail.problem) from None
    except csv.Error as exc:
        row = getattr(reader, "line_num", 0) + 1
        raise ImportFailed(path, row, None, Problem(Code.MALFORMED_CSV,
                                                    {"reason": str(exc)})) from None
    except UnicodeDecodeError as exc:
        raise ImportFailed(path, _first_undecodable_row(path), None,
                           Problem(Code.NOT_UTF8, {"reason": exc.reason})) from None
    result.seconds = time.perf_counter() - started
    return result


def _read_entries(
    reader: Iterator[list[str]],
    order: list[int],
    importer: JournalImporter,
    result: ImportResult,
    progress: Callable[[int], None] | None,
) -> None:
    """Group the rows into entries and hand each to the importer; raises RowProblem on a bad row."""
    seen: set[tuple[str, str]] = set()
    pending: list[tuple[int, list[str]]] = []
    raw_key: tuple[str, str] | None = None
    reorder = order != list(range(len(order)))
    next_progress = 50_000
    for cells in reader:
        row_no = reader.line_num + 1  # type: ignore[attr-defined]  # the header was row 1
        if len(cells) != len(order):
            if not cells or (len(cells) == 1 and not cells[0].strip()):
                continue
            raise RowProblem(None, Code.FIELD_COUNT,
                             {"found": len(cells), "expected": len(order)}, row_no)
        if reorder:
            cells = [cells[i] for i in order]
        if (cells[2], cells[0]) != raw_key:
            raw_key = (cells[2], cells[0])
            key = (cells[2].strip(), cells[0].strip())
            if not key[1]:
                raise RowProblem("entry_no", Code.ENTRY_NO_MISSING, row=row_no)
            if pending and key != (pending[0][1][2].strip(), pending[0][1][0].strip()):
                if key in seen:
                    raise RowProblem("entry_no", Code.ENTRY_SPLIT,
                                     {"entry": key[1], "journal": key[0]}, row_no)
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
        raise RowProblem(None, Code.NO_LINES)
