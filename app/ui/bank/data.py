"""What the bank page reads and writes, off the UI thread, with no Qt: each function takes the
books and runs in one transaction, so the page stays a view and these are tested on their own."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.io.bank import detect_format, read_statements, require_balanced
from app.io.bank.mappings import load_mapping, saved_mappings
from app.ledger.model import AccountKind, JournalKind
from app.reports import bank_reconciliation
from app.reports.bank_reconciliation import Reconciliation, reconciliation
from app.reports.export import write_xlsx
from app.reports.legal import LegalReport
from app.store import bank, bank_match, bank_reconcile
from app.store.bank import Imported, PostedLine
from app.store.bank_reconcile import AutoMatch, LineKey, OpenLedgerLine
from app.store.books import Books
from app.ui.bank.models import StatementRow

MAX_LINES = 5000
"""Open statement lines shown at once: more is a year taken on in one go, worked a page at a
time by matching, after which the next lines show."""


@dataclass(frozen=True, slots=True)
class BankChoices:
    """The bank accounts to reconcile, the bank journals and the saved CSV mappings."""

    accounts: list[tuple[str, str]]
    """(number, label) of every active postable bank account."""
    journals: list[str]
    mappings: list[str]


@dataclass(frozen=True, slots=True)
class BankView:
    account: str
    day: date
    statement: list[StatementRow]
    ledger: list[OpenLedgerLine]
    reconciliation: Reconciliation | None
    """None until a statement of the account is imported."""
    party_names: dict[str, str]


def choices(books: Books, language: str) -> BankChoices:
    accounts = [(a.number, a.label(language)) for a in books.accounts().values()
                if a.kind is AccountKind.BANK and a.postable and a.active]
    journals = [j.code for j in books.journals().values()
                if j.kind is JournalKind.BANK and j.active]
    return BankChoices(accounts, journals, [m.name for m in saved_mappings(books)])


def load(books: Books, account: str, day: date | None, language: str) -> BankView:
    """The open lines of both sides up to ``day``, the statement lines' suggestions, and the
    reconciliation at ``day`` (None: the end of the account's last statement, else today).

    Book lines dated before the first statement are left out, as the reconciliation leaves
    them: the first statement's opening balance stands for them.
    """
    with books.read() as cur:
        account_id = bank_reconcile.bank_account(cur, account)
        start = bank_reconcile.statement_start(cur, account_id)
        day = day or bank_reconcile.latest_statement_end(cur, account_id) or date.today()
        lines = [line for line in bank.open_lines(cur, account, limit=MAX_LINES)
                 if line.booking_date <= day]
        found = bank.suggestions(cur, lines, limit=1)
        ledger = [line for line in bank_reconcile.open_ledger_lines(cur, account_id, day)
                  if start is None or line.day >= start]
    rows = [StatementRow(line, (found.get(line.id) or [None])[0]) for line in lines]
    names = {p.code: p.name for p in books.third_parties().values()}
    rec = reconciliation(books, account, day, language=language) if start else None
    return BankView(account, day, rows, ledger, rec, names)


def import_file(books: Books, path: Path, *, account: str, journal: str, mapping: str = ""
                ) -> list[Imported]:
    """Every statement of ``path`` into the books for ``account``, all or none: a file whose
    second statement is refused adds nothing of the first. A CSV is read for the ledger
    account, as the command line reads it, so both give its lines the same fingerprints."""
    chosen = load_mapping(books, mapping) if mapping else None
    fmt = "csv" if chosen else detect_format(path)
    statements = read_statements(path, fmt, mapping=chosen, currency=books.currency.code,
                                 account=account)
    for statement in statements:
        require_balanced(statement)
    with books.write() as cur:
        return [bank.import_statement(cur, statement, account=account, journal=journal,
                                      fmt=fmt) for statement in statements]


def post(books: Books, line_id: int, *, account: str, third_party: str | None, label: str,
         source: str, day: date) -> PostedLine:
    with books.write() as cur:
        return bank.post_line(cur, line_id, account=account, third_party=third_party,
                              label=label, source=source, day=day)


def match(books: Books, statement_lines: Sequence[int], ledger_lines: Sequence[LineKey],
          day: date) -> int:
    with books.write() as cur:
        return bank_match.match(cur, statement_lines, ledger_lines, how="manual", day=day)


def write_reconciliation(books: Books, rec: Reconciliation, path: Path, language: str,
                         write_pdf: Callable[[LegalReport, Path], int], generated: str) -> None:
    """The état de rapprochement at ``path``: a PDF through ``write_pdf`` (Qt lays it out,
    so the page hands it in), else a spreadsheet."""
    if path.suffix.lower() == ".pdf":
        write_pdf(bank_reconciliation.legal_report(books, rec, language), path)
    else:
        write_xlsx(bank_reconciliation.report_table(books, rec, language), path, generated)


def auto_match(books: Books, account: str, day: date) -> AutoMatch:
    with books.write() as cur:
        account_id = bank_reconcile.bank_account(cur, account)
        return bank_reconcile.auto_match(cur, account_id, day, apply=True)
