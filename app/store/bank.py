"""Bank statements kept in the company file, the company's bank rules, and posting the entries
the ledger was missing for a statement's lines.

A statement is imported for one ledger bank account (512…) and one bank journal. Each line is
kept under its fingerprint, which the schema holds unique: importing a statement again, or one
that overlaps the last, adds only the lines not seen before. The readers of ``app.io.bank``
sit above the store, so a statement comes in as anything shaped like theirs
(``StatementInput``); the caller has run their full balance check (``require_balanced``),
and the arithmetic of opening, lines and closing is checked again here before anything is
written, whoever the caller.

Posting a line is one transaction with its match (``bank_match.match``, ``how="posted"``):
the entry exists exactly when the line is matched to it. Every function takes the caller's
cursor; a refusal raises before the transaction commits, so nothing is left half done.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Protocol

from sqlcipher3.dbapi2 import Cursor

from app.ledger.bank_rules import (
    BankLineLike,
    History,
    Precedent,
    Rule,
    Suggestion,
    bank_entry,
    entry_label,
    suggest,
)
from app.ledger.model import AccountKind, EntryId, JournalKind
from app.ledger.money import Currency, currency, from_minor, to_minor
from app.ledger.rules import PostingRefused
from app.store import bank_match
from app.store import entries as entry_store
from app.store.audit import audit
from app.store.database import StoreError
from app.store.posting import utc_now
from app.store.reference import load_account, load_journal, load_third_party

FORMATS = {"camt": "camt053", "camt053": "camt053", "ofx": "ofx", "csv": "csv"}
"""The readers' format names, as the schema stores them."""
CSV_MAPPING_PREFIX = "bank_csv_mapping:"
"""The settings that hold the bank CSV mappings (``app.io.bank.mappings``)."""
_CHUNK = 500
_LINE_COLUMNS = (
    "b.id, b.statement_id, a.number, j.code, b.booking_date, b.value_date, b.amount, b.label, "
    "b.counterparty, b.reference, b.end_to_end_id, b.fingerprint, b.match_id")
_LINE_TABLES = ("bank_line b JOIN bank_statement s ON s.id = b.statement_id "
                "JOIN account a ON a.id = s.account_id JOIN journal j ON j.id = s.journal_id")


class BalanceInput(Protocol):
    @property
    def amount(self) -> Decimal: ...


class LineInput(BankLineLike, Protocol):
    @property
    def value_date(self) -> date | None: ...
    @property
    def fingerprint(self) -> str: ...


class StatementInput(Protocol):
    """What the store reads of an ``app.io.bank.Statement``."""

    @property
    def path(self) -> Path: ...
    @property
    def where(self) -> str: ...
    @property
    def account(self) -> str: ...
    @property
    def currency(self) -> str: ...
    @property
    def identifier(self) -> str: ...
    @property
    def period_start(self) -> date | None: ...
    @property
    def period_end(self) -> date | None: ...
    @property
    def opening(self) -> BalanceInput | None: ...
    @property
    def closing(self) -> BalanceInput | None: ...
    @property
    def lines(self) -> Sequence[LineInput]: ...


@dataclass(frozen=True, slots=True)
class Imported:
    """What an import added: ``statement_id`` is None when every line was there already."""

    statement_id: int | None
    new: int
    duplicates: int
    zero: int = 0
    """Lines of no amount (information lines some banks send), left out."""

    @property
    def summary(self) -> str:
        zero = f", {self.zero} of no amount left out" if self.zero else ""
        return f"{_count(self.new, 'new line')}, {self.duplicates} already imported{zero}"


@dataclass(frozen=True, slots=True)
class StoredStatement:
    id: int
    account: str
    journal: str
    file_name: str
    format: str
    bank_account: str
    identifier: str
    currency: str
    period_start: date | None
    period_end: date | None
    opening: Decimal | None
    closing: Decimal | None
    imported_at: str
    lines: int
    open_lines: int


@dataclass(frozen=True, slots=True)
class BankLine:
    """A statement line as kept: amount signed, money in positive."""

    id: int
    statement_id: int
    account: str
    """The ledger bank account its statement was imported for."""
    journal: str
    """The journal its statement was imported with."""
    booking_date: date
    value_date: date | None
    amount: Decimal
    label: str
    counterparty: str
    reference: str
    end_to_end_id: str
    fingerprint: str
    match_id: int | None


@dataclass(frozen=True, slots=True)
class PostedLine:
    line_id: int
    entry_id: EntryId
    journal: str
    number: int
    match_id: int


def _count(n: int, what: str) -> str:
    return f"{n} {what}" if n == 1 else f"{n} {what}s"


def _currency(cur: Cursor) -> Currency:
    return currency(cur.execute("SELECT currency FROM company").fetchone()[0])


def _bank_account(cur: Cursor, number: str) -> int:
    account = load_account(cur, number)
    if account.kind is not AccountKind.BANK or not account.postable or not account.active:
        state = ("not a bank account" if account.kind is not AccountKind.BANK
                 else "a heading, not postable" if not account.postable else "deactivated")
        raise StoreError(f"account {number} is {state}; import statements for an active "
                         "postable bank account (512…)")
    return int(account.id or 0)


def _bank_journal(cur: Cursor, code: str) -> int:
    journal = load_journal(cur, code)
    if journal.kind is not JournalKind.BANK or not journal.active:
        state = "deactivated" if journal.kind is JournalKind.BANK else f"a {journal.kind} journal"
        raise StoreError(f"journal {code} is {state}; import statements with an active bank "
                         "journal")
    return int(journal.id or 0)


def import_statement(cur: Cursor, statement: StatementInput, *, account: str, journal: str,
                     fmt: str) -> Imported:
    """Keep the lines of ``statement`` not imported before, for bank ``account`` and
    ``journal``. Refused whole if the statement is in another currency than the books, does
    not add up, or names another bank account than the statements already imported."""
    place = f"{statement.path}, {statement.where}"
    if fmt not in FORMATS:
        raise StoreError(f"{place}: unknown statement format {fmt!r}")
    account_id, journal_id = _bank_account(cur, account), _bank_journal(cur, journal)
    books = _currency(cur)
    if statement.currency.strip().upper() != books.code:
        raise StoreError(f"{place}: the statement is in {statement.currency}, the books in "
                         f"{books.code}; only statements in the books' currency are imported")
    lines = [line for line in statement.lines if line.amount]
    total = sum((line.amount for line in lines), Decimal(0))
    if statement.opening and statement.closing and (
            statement.opening.amount + total != statement.closing.amount):
        raise StoreError(f"{place}: the opening balance {statement.opening.amount} and the lines "
                         f"({total}) do not come to the closing {statement.closing.amount}")
    _same_bank_account(cur, place, account_id, account, FORMATS[fmt], statement.account)
    known = _known_fingerprints(cur, place, account_id, [line.fingerprint for line in lines])
    new = [line for line in lines if line.fingerprint not in known]
    result = Imported(None, len(new), len(lines) - len(new), len(statement.lines) - len(lines))
    if not new:
        return result
    cur.execute(
        "INSERT INTO bank_statement (account_id, journal_id, file_name, format, bank_account, "
        "identifier, currency, period_start, period_end, opening, closing, imported_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (account_id, journal_id, statement.path.name, FORMATS[fmt], statement.account,
         statement.identifier, books.code, _day(statement.period_start),
         _day(statement.period_end), _minor(statement.opening, books),
         _minor(statement.closing, books), utc_now()))
    statement_id = int(cur.lastrowid)
    cur.executemany(
        "INSERT INTO bank_line (statement_id, fingerprint, booking_date, value_date, amount, "
        "label, counterparty, reference, end_to_end_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(statement_id, line.fingerprint, line.booking_date.isoformat(),
          _day(line.value_date), to_minor(line.amount, books), line.label, line.counterparty,
          line.reference, line.end_to_end_id) for line in new])
    audit(cur, "bank_import", statement=statement_id, account=account, journal=journal,
          file=statement.path.name, identifier=statement.identifier, new=result.new,
          duplicates=result.duplicates)
    return Imported(statement_id, result.new, result.duplicates, result.zero)


def _same_bank_account(cur: Cursor, place: str, account_id: int, number: str, fmt: str,
                       bank_account: str) -> None:
    """A camt.053 or OFX statement names its bank account: one imported for the wrong ledger
    account is caught here, not months later in the reconciliation. (A CSV names none.)"""
    mine = "".join(bank_account.split()).upper()
    if fmt == "csv" or not mine:
        return
    for (other,) in cur.execute(
            "SELECT DISTINCT bank_account FROM bank_statement WHERE account_id = ? "
            "AND format <> 'csv' AND bank_account <> ''", (account_id,)).fetchall():
        if "".join(other.split()).upper() != mine:
            raise StoreError(f"{place}: the statement is of bank account {bank_account}, but "
                             f"account {number} holds the statements of {other}; choose the "
                             "ledger account of that bank account")


def _known_fingerprints(cur: Cursor, place: str, account_id: int, prints: Sequence[str]
                        ) -> set[str]:
    """The fingerprints already kept, refused when kept for another bank account: the same
    line twice in two accounts is a statement imported for the wrong one (or two CSV exports,
    which name no account, read without ``account``; the CLI reads them with it)."""
    known: dict[str, str] = {}
    for start in range(0, len(prints), _CHUNK):
        chunk = prints[start:start + _CHUNK]
        known.update(cur.execute(
            f"SELECT b.fingerprint, CASE WHEN s.account_id = ? THEN '' ELSE a.number END "
            f"FROM bank_line b JOIN bank_statement s ON s.id = b.statement_id "
            f"JOIN account a ON a.id = s.account_id WHERE b.fingerprint IN "
            f"({','.join('?' * len(chunk))})", (account_id, *chunk)).fetchall())
    others = sorted({number for number in known.values() if number})
    if others:
        raise StoreError(f"{place}: lines of this statement were imported for account "
                         f"{', '.join(others)} already; a statement belongs to one bank account")
    return set(known)


def _day(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _minor(balance: BalanceInput | None, books: Currency) -> int | None:
    return None if balance is None else to_minor(balance.amount, books)


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _amount(units: int | None, books: Currency) -> Decimal | None:
    return None if units is None else from_minor(units, books)


# --- reading ----------------------------------------------------------------------------------

def statements(cur: Cursor, account: str) -> list[StoredStatement]:
    """The statements imported for bank ``account``, in the order they were imported."""
    account_id, books = int(load_account(cur, account).id or 0), _currency(cur)
    rows = cur.execute(
        "SELECT s.id, j.code, s.file_name, s.format, s.bank_account, s.identifier, s.currency, "
        "s.period_start, s.period_end, s.opening, s.closing, s.imported_at, count(b.id), "
        "count(b.id) - count(b.match_id) FROM bank_statement s "
        "JOIN journal j ON j.id = s.journal_id LEFT JOIN bank_line b ON b.statement_id = s.id "
        "WHERE s.account_id = ? GROUP BY s.id ORDER BY s.id", (account_id,)).fetchall()
    return [StoredStatement(r[0], account, r[1], r[2], r[3], r[4], r[5], r[6], _date(r[7]),
                            _date(r[8]), _amount(r[9], books), _amount(r[10], books), r[11],
                            r[12], r[13]) for r in rows]


def _line(row: tuple, books: Currency) -> BankLine:
    return BankLine(row[0], row[1], row[2], row[3], date.fromisoformat(row[4]), _date(row[5]),
                    from_minor(row[6], books), *row[7:])


def open_lines(cur: Cursor, account: str, *, limit: int = 500, offset: int = 0
               ) -> list[BankLine]:
    """The statement lines of bank ``account`` matched to nothing yet, by booking date: the
    entries the ledger still lacks, or lacks a match for. One page of ``limit`` lines."""
    account_id, books = int(load_account(cur, account).id or 0), _currency(cur)
    rows = cur.execute(
        f"SELECT {_LINE_COLUMNS} FROM {_LINE_TABLES} WHERE s.account_id = ? "
        "AND b.match_id IS NULL ORDER BY b.booking_date, b.id LIMIT ? OFFSET ?",
        (account_id, limit, offset)).fetchall()
    return [_line(row, books) for row in rows]


def bank_line(cur: Cursor, line_id: int) -> BankLine:
    row = cur.execute(f"SELECT {_LINE_COLUMNS} FROM {_LINE_TABLES} WHERE b.id = ?",
                      (line_id,)).fetchone()
    if row is None:
        raise StoreError(f"there is no statement line {line_id}")
    return _line(row, _currency(cur))


# --- rules ------------------------------------------------------------------------------------

_RULE_COLUMNS = (
    "r.id, r.name, a.number, r.label_contains, r.counterparty_contains, r.direction, "
    "r.amount_min, r.amount_max, t.code, j.code, r.entry_label, r.priority, r.active")


def rules(cur: Cursor, *, active_only: bool = False) -> list[Rule]:
    """The company's rules in the order they are tried: priority, then id."""
    books = _currency(cur)
    rows = cur.execute(
        f"SELECT {_RULE_COLUMNS} FROM bank_rule r JOIN account a ON a.id = r.account_id "
        "LEFT JOIN third_party t ON t.id = r.third_party_id "
        "LEFT JOIN journal j ON j.id = r.journal_id "
        + ("WHERE r.active = 1 " if active_only else "") + "ORDER BY r.priority, r.id").fetchall()
    return [Rule(id=r[0], name=r[1], account=r[2], label_contains=r[3],
                 counterparty_contains=r[4], direction=r[5], amount_min=_amount(r[6], books),
                 amount_max=_amount(r[7], books), third_party=r[8], journal=r[9],
                 entry_label=r[10], priority=r[11], active=bool(r[12])) for r in rows]


def rule(cur: Cursor, name: str) -> Rule:
    found = [r for r in rules(cur) if r.name == name.strip()]
    if not found:
        names = ", ".join(r.name for r in rules(cur)) or "none yet"
        raise StoreError(f"there is no bank rule named {name!r} (rules: {names})")
    return found[0]


def add_rule(cur: Cursor, new: Rule) -> Rule:
    """Keep ``new`` after checking it against the books: its account postable and active,
    its third party existing (and given where the account needs one), its journal existing."""
    problems = new.problems()
    if problems:
        raise StoreError(f"bank rule {new.name!r}: {'; '.join(problems)}")
    if cur.execute("SELECT 1 FROM bank_rule WHERE name = ?", (new.name.strip(),)).fetchone():
        raise StoreError(f"a bank rule named {new.name.strip()!r} exists already")
    account_id, party_id, journal_id = _rule_references(cur, new)
    books = _currency(cur)
    cur.execute(
        "INSERT INTO bank_rule (name, priority, label_contains, counterparty_contains, "
        "direction, amount_min, amount_max, account_id, third_party_id, journal_id, "
        "entry_label, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (new.name.strip(), new.priority, new.label_contains.strip(),
         new.counterparty_contains.strip(), new.direction,
         None if new.amount_min is None else to_minor(new.amount_min, books),
         None if new.amount_max is None else to_minor(new.amount_max, books),
         account_id, party_id, journal_id, new.entry_label.strip(), int(new.active)))
    audit(cur, "bank_rule_add", name=new.name.strip(), account=new.account,
          third_party=new.third_party, journal=new.journal)
    return rule(cur, new.name)


def _rule_references(cur: Cursor, new: Rule) -> tuple[int, int | None, int | None]:
    where = f"bank rule {new.name.strip()!r}"
    account = load_account(cur, new.account.strip())
    if not account.postable or not account.active:
        state = "a heading, not postable" if not account.postable else "deactivated"
        raise StoreError(f"{where}: account {account.number} is {state}")
    party_id = journal_id = None
    if new.third_party:
        party = load_third_party(cur, new.third_party.strip())
        if not party.active:
            raise StoreError(f"{where}: third party {party.code} is deactivated")
        party_id = party.id
    elif account.needs_third_party:
        raise StoreError(f"{where}: account {account.number} needs a third party on each line; "
                         "name one")
    if new.journal:
        journal = load_journal(cur, new.journal.strip())
        if not journal.active:
            raise StoreError(f"{where}: journal {journal.code} is deactivated")
        journal_id = journal.id
    return int(account.id or 0), party_id, journal_id


def delete_rule(cur: Cursor, name: str) -> None:
    gone = rule(cur, name)
    cur.execute("DELETE FROM bank_rule WHERE id = ?", (gone.id,))
    audit(cur, "bank_rule_delete", name=gone.name)


def set_rule_active(cur: Cursor, name: str, active: bool) -> Rule:
    """Switch a rule off (kept, applied to nothing) or back on."""
    changed = rule(cur, name)
    cur.execute("UPDATE bank_rule SET active = ? WHERE id = ?", (int(active), changed.id))
    audit(cur, "bank_rule_active", name=changed.name, active=active)
    return rule(cur, name)


# --- suggestions ------------------------------------------------------------------------------

def precedents(cur: Cursor, *, limit: int = 5000) -> list[Precedent]:
    """The latest ``limit`` matched statement lines of the company, each with the largest line
    of its entry on another account than the bank's: where such money went before."""
    rows = cur.execute(
        "SELECT b.id, b.label, b.counterparty, b.amount > 0, b.booking_date, a.number, "
        "a.label_fr, t.code, coalesce(t.name, '') FROM bank_line b "
        "JOIN line bl ON bl.bank_match_id = b.match_id "
        "JOIN line l ON l.entry_id = bl.entry_id AND l.account_id <> bl.account_id "
        "JOIN account a ON a.id = l.account_id "
        "LEFT JOIN third_party t ON t.id = l.third_party_id "
        "WHERE b.id IN (SELECT id FROM bank_line WHERE match_id IS NOT NULL "
        "               ORDER BY booking_date DESC, id DESC LIMIT ?) "
        "ORDER BY b.id, l.debit + l.credit DESC, l.entry_id, l.position", (limit,)).fetchall()
    found: dict[int, Precedent] = {}
    for r in rows:
        if r[0] not in found:
            found[r[0]] = Precedent(r[1], r[2], bool(r[3]), date.fromisoformat(r[4]), r[5],
                                    r[6], r[7], r[8])
    return list(found.values())


def suggestions(cur: Cursor, lines: Sequence[BankLine], *, limit: int = 3
                ) -> dict[int, list[Suggestion]]:
    """For each line (by id): its rule's counterpart, then what the company did before."""
    active, history = rules(cur, active_only=True), History.of(precedents(cur))
    return {line.id: suggest(line, active, history, limit) for line in lines}


# --- posting ----------------------------------------------------------------------------------

def post_line(cur: Cursor, line_id: int, *, account: str, third_party: str | None = None,
              journal: str | None = None, label: str = "", source: str = "given",
              day: date) -> PostedLine:
    """Post the entry statement line ``line_id`` lacks and match the two, on ``day``.

    The journal is the statement's unless one is given; the label ``label``, else the line's.
    Refused, with nothing written, if the line is matched already, the counterpart is the bank
    account itself, or the entry breaks a posting rule (closed year, lock date, journal order).
    """
    line = bank_line(cur, line_id)
    where = f"statement line {line.id} ({line.booking_date}, {line.amount})"
    if line.match_id is not None:
        raise StoreError(f"{where} is matched already (match {line.match_id})")
    if account.strip() == line.account:
        raise StoreError(f"{where}: the counterpart cannot be the bank account {line.account} "
                         "itself")
    text = entry_label(line, label)
    if not text:
        raise StoreError(f"{where} has no label or counterparty to name its entry; give a label")
    entry = bank_entry(line, bank_account=line.account, journal=(journal or line.journal).strip(),
                       account=account.strip(), third_party=third_party or None, label=text)
    books = _currency(cur)
    try:
        entry_id = entry_store.save_draft(cur, entry, books)
        entry_store.post_drafts(cur, [entry_id], books)
    except PostingRefused as refused:
        raise StoreError(f"{where}: {refused}") from None
    match_id = bank_match.match(cur, [line.id], [(entry_id, 1)], how="posted", day=day)
    number = cur.execute("SELECT number FROM entry WHERE id = ?", (entry_id,)).fetchone()[0]
    audit(cur, "bank_post", line=line.id, entry=entry_id, match=match_id, source=source)
    return PostedLine(line.id, entry_id, entry.journal, number, match_id)


# --- CSV mappings ---------------------------------------------------------------------------

def delete_csv_mapping(cur: Cursor, name: str) -> None:
    """Forget a saved bank CSV mapping (``app.io.bank.mappings``)."""
    key = CSV_MAPPING_PREFIX + name.strip()
    cur.execute("DELETE FROM setting WHERE key = ?", (key,))
    if cur.rowcount != 1:
        raise StoreError(f"no bank CSV mapping named {name!r} (saved: {_mapping_names(cur)})")
    audit(cur, "bank_mapping_delete", name=name.strip())


def rename_csv_mapping(cur: Cursor, old: str, new: str) -> None:
    if not new.strip():
        raise StoreError("a bank CSV mapping needs a name")
    source, target = CSV_MAPPING_PREFIX + old.strip(), CSV_MAPPING_PREFIX + new.strip()
    if cur.execute("SELECT 1 FROM setting WHERE key = ?", (target,)).fetchone():
        raise StoreError(f"a bank CSV mapping named {new.strip()!r} exists already")
    cur.execute("UPDATE setting SET key = ? WHERE key = ?", (target, source))
    if cur.rowcount != 1:
        raise StoreError(f"no bank CSV mapping named {old!r} (saved: {_mapping_names(cur)})")
    audit(cur, "bank_mapping_rename", old=old.strip(), new=new.strip())


def _mapping_names(cur: Cursor) -> str:
    rows = cur.execute("SELECT substr(key, ?) FROM setting WHERE substr(key, 1, ?) = ? "
                       "ORDER BY key", (len(CSV_MAPPING_PREFIX) + 1, len(CSV_MAPPING_PREFIX),
                                        CSV_MAPPING_PREFIX)).fetchall()
    return ", ".join(row[0] for row in rows) or "none saved yet"
