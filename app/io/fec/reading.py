"""Import: a FEC written by other software, posted into a Daftar company, all of it or nothing.

The file is read once to learn its journals and third parties, then again to post, inside one
write transaction. Each entry goes through the CSV import's checks (``JournalImporter``: dates and
fiscal years, accounts, order, third parties, the à-nouveaux rules); any bad line raises
``ImportFailed`` naming the file, line, column and a problem code, so the interface words it in
the user's language, and leaves the company file as it was.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TextIO

from app.io.cells import BadCell, parse_amount, parse_date
from app.io.csv_journal import ImportFailed, ImportResult, JournalImporter, RowProblem
from app.io.fec.columns import COLUMNS, ymd
from app.io.fec.encoding import detect_encoding, undecodable_line
from app.ledger.model import (
    Account,
    Journal,
    JournalKind,
    Problem,
    ThirdParty,
    ThirdPartyKind,
)
from app.ledger.money import from_minor
from app.ledger.problems import Code
from app.store.audit import audit
from app.store.books import Books
from app.store.bulk import BulkLine, BulkPoster
from app.store.reference import JOURNAL_CODE_LENGTH, insert_journal, journal_code_problem

(_JOURNAL, _JOURNAL_LIB, _NUM, _DATE, _ACCOUNT, _ACCOUNT_LIB, _AUX, _AUX_LIB, _PIECE, _PIECE_DATE,
 _LABEL, _DEBIT, _CREDIT) = range(13)
"""Where each column stands in the cells ``_rows`` yields (the order of ``COLUMNS``)."""
_JOURNAL_KINDS = (("BQ", JournalKind.BANK), ("VE", JournalKind.SALES), ("VT", JournalKind.SALES),
                  ("AC", JournalKind.PURCHASES), ("HA", JournalKind.PURCHASES),
                  ("CA", JournalKind.CASH))
"""Kinds guessed for journals an import opens, from the codes French software commonly uses;
any other code opens a miscellaneous journal. The kind only describes the journal."""


_COLUMN_OF = {"date": "EcritureDate", "account": "CompteNum", "account_label": "CompteLib",
              "third_party": "CompAuxNum", "debit": "Debit", "credit": "Credit",
              "label": "EcritureLib", "entry_no": "EcritureNum", "journal": "JournalCode"}
"""The CSV importer's column names, which its shared checks raise, as the FEC names them."""


@dataclass(slots=True)
class FecImportResult(ImportResult):
    journals_created: list[str] = field(default_factory=list)
    zero_lines_skipped: int = 0
    encoding: str = ""


@dataclass(slots=True)
class _Layout:
    separator: str
    width: int
    """Fields in the header: the 18 columns, and any others (BNC and BA files add some)."""
    pick: list[int]
    """Where each of ``COLUMNS`` stands in a line."""


@dataclass(slots=True)
class _PartySeen:
    name: str
    kinds: set[ThirdPartyKind]
    line: int

    @property
    def kind(self) -> ThirdPartyKind:
        """Customer if only seen on class-41 accounts, supplier if only on class 40, else other:
        a party on both, or on other accounts, may stand on any third-party account."""
        return next(iter(self.kinds)) if len(self.kinds) == 1 else ThirdPartyKind.OTHER


@dataclass(slots=True)
class _Survey:
    journals: dict[str, list] = field(default_factory=dict)
    """Code → [JournalLib (the first non-empty), first line]."""
    parties: dict[str, _PartySeen] = field(default_factory=dict)


def _read_header(f: TextIO, path: Path) -> _Layout:
    header = f.readline().rstrip("\r\n")
    if not header.strip():
        raise ImportFailed(path, 1, None, Problem(Code.EMPTY_FILE))
    separator = "\t" if "\t" in header else "|" if "|" in header else ""
    names = [name.strip().lower() for name in header.split(separator)] if separator else []
    while names and not names[-1]:
        names.pop()  # a trailing separator
    missing = [column for column in COLUMNS if column.lower() not in names]
    if missing:
        detail = ("no tab or | between the column names" if not separator
                  else "missing " + ", ".join(missing))
        raise ImportFailed(path, 1, None, Problem(Code.BAD_HEADER, {
            "detail": detail, "expected": "|".join(COLUMNS)}))
    return _Layout(separator, len(names), [names.index(column.lower()) for column in COLUMNS])


def _rows(f: TextIO, layout: _Layout) -> Iterator[tuple[int, list[str]]]:
    """(line number, the 18 cells in ``COLUMNS`` order, stripped) for each non-blank line."""
    separator, width, pick = layout.separator, layout.width, layout.pick
    for number, raw in enumerate(f, start=2):
        text = raw.rstrip("\r\n")
        if not text.strip():
            continue
        cells = text.split(separator)
        if len(cells) != width and not (len(cells) == width + 1 and not cells[-1].strip()):
            raise RowProblem(None, Code.FIELD_COUNT, {"found": len(cells), "expected": width},
                             number)
        yield number, [cells[i].strip() for i in pick]


def _party_kind(account: str) -> ThirdPartyKind:
    if account.startswith("41"):
        return ThirdPartyKind.CUSTOMER
    if account.startswith("40"):
        return ThirdPartyKind.SUPPLIER
    return ThirdPartyKind.OTHER


def _survey(path: Path, encoding: str) -> _Survey:
    """The journals and third parties the file names, read before anything is written."""
    survey = _Survey()
    with open(path, encoding=encoding) as f:
        for number, cells in _rows(f, _read_header(f, path)):
            journal = survey.journals.setdefault(cells[_JOURNAL], [cells[_JOURNAL_LIB], number])
            if not journal[0]:
                journal[0] = cells[_JOURNAL_LIB]
            code = cells[_AUX]
            if code:
                seen = survey.parties.setdefault(code, _PartySeen("", set(), number))
                seen.kinds.add(_party_kind(cells[_ACCOUNT]))
                seen.name = seen.name or cells[_AUX_LIB]
    return survey


def _journal_kind(code: str) -> JournalKind:
    return next((kind for prefix, kind in _JOURNAL_KINDS if code.startswith(prefix)),
                JournalKind.MISC)


def _journals_to_open(survey: _Survey, known: set[str]) -> list[Journal]:
    """The file's journals missing from the books, checked as the store will check them."""
    wanted = []
    for code, (label, line) in survey.journals.items():
        if code in known:
            continue
        if not code:
            raise RowProblem("JournalCode", Code.FEC_MISSING_FIELD, {"column": "JournalCode"},
                             line)
        if journal_code_problem(code):
            raise _bad_journal_code(code, line)
        if not label:
            raise RowProblem("JournalLib", Code.FEC_JOURNAL_LABEL_MISSING, {"journal": code},
                             line)
        wanted.append(Journal(code, label, _journal_kind(code)))
    return wanted


def _bad_journal_code(code: str, line: int) -> RowProblem:
    """Why ``code`` cannot name a new journal, with the upper-case spelling if that one could."""
    upper = code.upper()
    if journal_code_problem(upper):
        return RowProblem("JournalCode", Code.FEC_BAD_JOURNAL_CODE,
                          {"journal": code, "length": JOURNAL_CODE_LENGTH}, line)
    return RowProblem("JournalCode", Code.FEC_JOURNAL_CODE_CASE,
                      {"journal": code, "length": JOURNAL_CODE_LENGTH, "upper": upper}, line)


class _FecImporter(JournalImporter):
    """The CSV importer's checks (dates and years, accounts, order, party fit, à-nouveaux), over
    FEC rows: entries keyed by (JournalCode, EcritureNum), third parties by CompAuxNum."""

    def __init__(self, books: Books, bulk: BulkPoster, result: FecImportResult,
                 parties: dict[str, _PartySeen], skip_zero_lines: bool,
                 default_parties: Mapping[str, str] | None = None) -> None:
        super().__init__(books, bulk, result, default_parties)
        self.fec_result, self.seen, self.skip_zero_lines = result, parties, skip_zero_lines
        self.first_date = ""
        """EcritureDate of the entry being read, as written."""

    def fec_day(self, text: str) -> tuple[str, int]:
        """ISO date and fiscal year of an EcritureDate (YYYYMMDD, or as the CSV import reads)."""
        day = ymd(text)
        if day is None:
            try:
                day = parse_date(text)
            except BadCell:
                raise RowProblem("EcritureDate", Code.FEC_BAD_DATE, {"text": text}) from None
        return self.day(day.isoformat())

    def fec_party(self, code: str, account: Account) -> tuple[int | None, str]:
        known = self.parties.get(code)
        if known is not None and known[1] == code:
            return known
        if code in self.codes:
            raise RowProblem("third_party", Code.PARTY_INACTIVE, {"party": code})
        seen = self.seen[code]
        if not seen.name:
            raise RowProblem("CompAuxLib", Code.FEC_PARTY_LABEL_MISSING, {"party": code})
        party = self.bulk.add_third_party(ThirdParty(code, seen.name, seen.kind))
        self.parties[code] = (party.id, code)
        self.codes.add(code)
        self.party_kinds[code] = seen.kind
        self.result.third_parties_created += 1
        return party.id, code

    def fec_account(self, number: str, label: str) -> Account:
        account = self.usable.get(number)
        if account is not None:
            return account
        if number not in self.accounts and not label:
            raise RowProblem("CompteLib", Code.FEC_ACCOUNT_LABEL_MISSING, {"account": number})
        return self.account(number, label)

    def fec_amounts(self, cells: list[str]) -> tuple[int, int]:
        sides = []
        for column, text in (("debit", cells[_DEBIT]), ("credit", cells[_CREDIT])):
            try:
                sides.append(parse_amount(text, self.exponent) if text else 0)
            except BadCell as exc:
                raise RowProblem(column, exc.problem.code, exc.problem.args) from None
        if sides[0] and sides[1]:
            raise RowProblem("credit", Code.DEBIT_AND_CREDIT)
        return sides[0], sides[1]

    def fec_line(self, cells: list[str], iso: str, entry_label: str) -> BulkLine | None:
        """One line for the bulk poster, or None for a zero line the caller chose to leave out."""
        if cells[_DATE] != self.first_date and self.fec_day(cells[_DATE])[0] != iso:
            raise RowProblem("date", Code.MIXED_DATES, {
                "entry": cells[_NUM], "date": date.fromisoformat(iso),
                "other": date.fromisoformat(self.fec_day(cells[_DATE])[0])})
        debit, credit = self.fec_amounts(cells)
        if not debit and not credit:
            if self.skip_zero_lines:
                self.fec_result.zero_lines_skipped += 1
                return None
            raise RowProblem("Debit", Code.FEC_ZERO_LINE)
        account = self.fec_account(cells[_ACCOUNT], cells[_ACCOUNT_LIB])
        if cells[_JOURNAL] == self.opening_journal:
            self.check_opening_account(cells[_JOURNAL], account)
        party_id, party_code = None, ""
        if cells[_AUX]:
            party_id, party_code = self.fec_party(cells[_AUX], account)
            self.check_party(account, party_code)
        elif account.needs_third_party:
            party_id, party_code = self.missing_party(account)
        label = "" if cells[_LABEL] == entry_label else cells[_LABEL]
        return (account.id, account.number, party_id, party_code, label, debit, credit, None, "")

    def add_fec_entry(self, rows: list[tuple[int, list[str]]]) -> None:
        """Check one entry's rows and queue it; raises with the line of the culprit."""
        first_row, first = rows[0]
        journal, num = first[_JOURNAL], first[_NUM]
        if journal not in self.journals:
            code = (Code.JOURNAL_INACTIVE if journal in self.inactive_journals
                    else Code.JOURNAL_MISSING)
            raise RowProblem("journal", code, {"journal": journal}, first_row)
        self.first_date = first[_DATE]
        try:
            iso, year_id = self.fec_day(first[_DATE])
            self.check_order(journal, self.journals[journal], year_id, iso, num)
            if journal == self.opening_journal:
                self.check_opening_date(journal, year_id, iso)
        except RowProblem as fail:
            fail.row = first_row
            raise
        entry_label = next((cells[_LABEL] for _row, cells in rows if cells[_LABEL]), "")
        if not entry_label:
            raise RowProblem("label", Code.LABEL_MISSING, row=first_row)
        lines: list[BulkLine] = []
        for row_no, cells in rows:
            try:
                line = self.fec_line(cells, iso, entry_label)
            except RowProblem as fail:
                fail.row = fail.row or row_no
                raise
            if line is not None:
                lines.append(line)
        if not lines:
            return
        if len(lines) < 2:
            raise RowProblem("entry_no", Code.ONE_LINE_ENTRY,
                             {"entry": num, "journal": journal}, first_row)
        debit, credit = sum(line[5] for line in lines), sum(line[6] for line in lines)
        if debit != credit:
            raise RowProblem("debit", Code.ENTRY_UNBALANCED, {
                "entry": num, "journal": journal, "debit": from_minor(debit, self.currency),
                "credit": from_minor(credit, self.currency)}, first_row)
        self.bulk.post(journal_id=self.journals[journal], journal_code=journal,
                       fiscal_year_id=year_id, date=iso, label=entry_label,
                       reference=first[_PIECE], lines=lines)
        self.result.entries += 1
        self.result.lines += len(lines)


def import_fec(
    books: Books, path: Path, *, skip_zero_lines: bool = False,
    progress: Callable[[int], None] | None = None,
    default_parties: Mapping[str, str] | None = None,
) -> FecImportResult:
    """Post every entry of the FEC ``path``, or raise ``ImportFailed`` having changed nothing.

    Tab or ``|`` separated (told by the header), UTF-8 or ISO-8859-15/Windows-1252, the 18
    columns in any order (others are ignored), dates ``YYYYMMDD``, decimal comma or point. One
    entry per (JournalCode, EcritureNum), whose lines must follow each other; PieceRef becomes
    its reference and EcritureLib its label. Missing journals are opened from JournalLib,
    accounts from CompteLib (the number kept as given, under its parent in the chart), third
    parties from CompAuxNum and CompAuxLib. Nothing is bent to fit: a line the posting rules
    refuse (a customer account without CompAuxNum, a zero line unless ``skip_zero_lines``, an
    entry of the opening journal off its year's first day or on a class 6 or 7 account) stops
    the import with its problem code, unless ``default_parties`` gives the account a party for
    lines without CompAuxNum (``JournalImporter.missing_party``). Montantdevise and Idevise
    are not read: the books keep one currency.
    """
    started = time.perf_counter()
    result = FecImportResult()
    encoding = "utf-8"
    try:
        result.encoding = encoding = detect_encoding(path)
        survey = _survey(path, encoding)
        journals = _journals_to_open(survey, set(books.journals()))
        with books.write() as cur:
            for journal in journals:
                added = insert_journal(cur, journal)
                audit(cur, "add_journal", code=added.code, label=added.label,
                      journal_kind=added.kind.value, active=added.active)
                result.journals_created.append(added.code)
            with BulkPoster(cur) as bulk, open(path, encoding=encoding) as f:
                importer = _FecImporter(books, bulk, result, survey.parties, skip_zero_lines,
                                        default_parties)
                _post_entries(_rows(f, _read_header(f, path)), importer, progress)
                bulk.audit("import_fec", file=path.name, entries=result.entries,
                           lines=result.lines)
    except RowProblem as fail:
        column = _COLUMN_OF.get(fail.column or "", fail.column)
        raise ImportFailed(path, fail.row, column,
                           replace(fail.problem, field=column or "")) from None
    except OSError as exc:
        raise ImportFailed(path, None, None, Problem(Code.UNREADABLE,
                                                     {"reason": exc.strerror})) from None
    except UnicodeDecodeError as exc:
        raise ImportFailed(path, undecodable_line(path, encoding), None,
                           Problem(Code.FEC_NOT_TEXT, {"reason": exc.reason})) from None
    result.seconds = time.perf_counter() - started
    return result


def _post_entries(
    rows: Iterator[tuple[int, list[str]]], importer: _FecImporter,
    progress: Callable[[int], None] | None,
) -> None:
    """Group consecutive rows into entries and hand each to the importer."""
    seen: set[tuple[str, str]] = set()
    pending: list[tuple[int, list[str]]] = []
    next_progress = 50_000
    for number, cells in rows:
        key = (cells[_JOURNAL], cells[_NUM])
        if not key[1]:
            raise RowProblem("EcritureNum", Code.FEC_MISSING_FIELD, {"column": "EcritureNum"},
                             number)
        if pending and key != (pending[0][1][_JOURNAL], pending[0][1][_NUM]):
            if key in seen:
                raise RowProblem("entry_no", Code.ENTRY_SPLIT,
                                 {"entry": key[1], "journal": key[0]}, number)
            importer.add_fec_entry(pending)
            pending = []
            if progress and importer.result.lines >= next_progress:
                progress(importer.result.lines)
                next_progress += 50_000
        seen.add(key)
        pending.append((number, cells))
    if pending:
        importer.add_fec_entry(pending)
    if importer.result.entries == 0:
        raise RowProblem(None, Code.NO_LINES)
