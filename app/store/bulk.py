"""Posting a long stream of entries in one write transaction, fast: the store side of an import.

``BulkPoster`` takes entries whose rules the caller has checked, numbers and chains them
(``Poster``), and writes them in batches from a thread of its own while the caller reads on. Each
batch goes to SQLite as multi-row INSERT statements, lines first: the entry's triggers check its
lines as the entry is inserted, already posted (``line.entry_id`` is a deferred foreign key). A
statement inserts thousands of rows in one ``sqlite3_step`` without the GIL, which is what lets
parsing and writing overlap; ``executemany`` would take the GIL back for every row.
"""

from __future__ import annotations

import queue
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date as Day
from datetime import timedelta

from sqlcipher3.dbapi2 import Cursor

from app.ledger.model import Account, AccountKind, FiscalYear, ThirdParty, ThirdPartyKind
from app.store.audit import audit
from app.store.database import CACHE_KIB
from app.store.openings import opening_journal_code
from app.store.posting import Poster, utc_now
from app.store.reference import (
    ACCOUNT_COLUMNS,
    account_from_row,
    insert_accounts,
    insert_third_party,
)
from app.store.years import load_fiscal_years, open_next_fiscal_year

_BATCH = 4000
"""Entries per batch handed to the writer thread."""
_SWITCH_INTERVAL_S = 0.0001
"""While posting in bulk, threads hand over the GIL every 0.1 ms instead of every 5: the writer
needs it back briefly after each statement, and waiting out the default interval each time kept
it idle (about 75k lines/s against 115k with this)."""
_CACHE_KIB = 65536
"""A million-line import outgrows the usual page cache in its (account, date) index; 64 MiB
keeps it near 100k lines/s (instead of ~85k) within the 300 MB an import may use."""
_MAX_VARIABLES = 32_000  # SQLite allows 32,766 parameters in one statement
_LINE_SQL = ("INSERT INTO line (entry_id, position, account_id, third_party_id, date, label,"
             " debit, credit) VALUES ", "(?,?,?,?,?,?,?,?)")
_TAXED_LINE_SQL = ("INSERT INTO line (entry_id, position, account_id, third_party_id, date, label,"
                   " debit, credit, tax_code_id) VALUES ", "(?,?,?,?,?,?,?,?,?)")
"""Lines with a tax code go apart: a ninth parameter on every line of a million-line import
costs about 6 % of its speed, and most imported lines carry no code."""
_DUE_LINE_SQL = ("INSERT INTO line (entry_id, position, account_id, third_party_id, date, label,"
                 " debit, credit, tax_code_id, due_date) VALUES ", "(?,?,?,?,?,?,?,?,?,?)")
"""Lines that fall due after their party's payment terms, with or without a tax code."""
_ENTRY_SQL = ("INSERT INTO entry (id, journal_id, fiscal_year_id, date, label, reference, status,"
              " number, seq, posted_at, prev_hash, hash, created_at) VALUES ",
              "(?,?,?,?,?,?,'posted',?,?,?,?,?,?)")


@dataclass(slots=True)
class Reference:
    """What entries are checked against, read once at the start of a bulk posting."""

    accounts: dict[str, Account]
    journals: dict[str, int]
    """Active journals: code → id."""
    inactive_journals: set[str]
    parties: dict[str, tuple[int | None, str]]
    """Active third parties by name and by code → (id, code)."""
    codes: set[str]
    """Every third-party code, active or not: new codes must differ from all of them."""
    years: list[FiscalYear]
    lock_date: str
    """ISO date, or "" when the books have no lock date."""
    party_kinds: dict[str, ThirdPartyKind]
    """Every third party's kind, by code."""
    last_dates: dict[tuple[int, int], str]
    """(journal id, fiscal year id) → ISO date of the last posted entry, for date order."""
    opening_journal: str = ""
    """Code of the journal of à-nouveaux (``rules.check_opening``)."""
    tax_codes: dict[str, tuple[int, bool]] = field(default_factory=dict)
    """Tax code → (id, active)."""
    payment_days: dict[int, int] = field(default_factory=dict)
    """Third-party id → payment terms in days, for the parties that have terms."""
    usable: dict[str, Account] = field(init=False)
    """Accounts lines may use as they are (postable and active), derived from ``accounts``."""
    terms_sides: dict[int, int] = field(init=False)
    """Account id → the side of its lines that fall due after their party's terms
    (``terms_side``), for the accounts that have one."""

    def __post_init__(self) -> None:
        self.usable = {n: a for n, a in self.accounts.items() if a.postable and a.active}
        self.terms_sides = {a.id: side for a in self.accounts.values()
                            if a.id is not None and (side := terms_side(a))}


DEBITS, CREDITS, EITHER = 1, 2, 3


def terms_side(account: Account) -> int:
    """Which lines of ``account`` fall due after their party's terms, as
    ``entries.TERMS_SIDE`` says: ``DEBITS`` (customers), ``CREDITS`` (suppliers), ``EITHER``
    (other accounts kept per third party), 0 for none."""
    if account.kind is AccountKind.CUSTOMER:
        return DEBITS
    if account.kind is AccountKind.SUPPLIER:
        return CREDITS
    return EITHER if account.needs_third_party else 0


def load_reference(cur: Cursor) -> Reference:
    accounts = {r[1]: account_from_row(r)
                for r in cur.execute(f"SELECT {ACCOUNT_COLUMNS} FROM account")}
    journals, inactive = {}, set()
    for code, journal_id, active in cur.execute("SELECT code, id, active FROM journal"):
        if active:
            journals[code] = journal_id
        else:
            inactive.add(code)
    parties: dict[str, tuple[int | None, str]] = {}
    codes = set()
    kinds = {}
    terms = {}
    for party_id, code, name, active, kind, days in cur.execute(
            "SELECT id, code, name, active, kind, payment_days FROM third_party"):
        if active:
            parties.setdefault(name, (party_id, code))
            parties[code] = (party_id, code)
        codes.add(code)
        kinds[code] = ThirdPartyKind(kind)
        if days is not None:
            terms[party_id] = days
    lock = cur.execute("SELECT value FROM setting WHERE key = 'lock_date'").fetchone()
    last_dates = {(journal_id, year_id): day for journal_id, year_id, day, _number in cur.execute(
        "SELECT journal_id, fiscal_year_id, date, max(number) FROM entry "
        "WHERE number IS NOT NULL GROUP BY journal_id, fiscal_year_id")}
    taxes = {code: (tax_id, bool(active)) for tax_id, code, active in cur.execute(
        "SELECT id, code, active FROM tax_code")}
    return Reference(accounts, journals, inactive, parties, codes, load_fiscal_years(cur),
                     lock[0] if lock else "", kinds, last_dates, opening_journal_code(cur),
                     taxes, terms)


BulkLine = tuple[int, str, int | None, str, str, int, int, int | None, str]
"""(account id, account number, third-party id, third-party code or "", label, debit, credit,
tax-code id, tax code or ""), amounts in minor units."""


class BulkPoster:
    """Posts checked entries inside the caller's write transaction; use it as a context manager.

    Leaving the block without an error writes what is still queued; with an error, the writer
    stops and the caller's transaction rolls everything back.
    """

    def __init__(self, cur: Cursor) -> None:
        self._cur = cur
        self.reference = load_reference(cur)
        self.now = utc_now()
        self._poster = Poster(cur, self.now, drafts=False)
        self._next_id = cur.execute("SELECT coalesce(max(id), 0) FROM entry").fetchone()[0] + 1
        self._entries: list[tuple] = []
        self._lines: list[tuple] = []
        self._taxed_lines: list[tuple] = []
        self._due_lines: list[tuple] = []
        self._due_dates: dict[tuple[str, int], str] = {}
        """(ISO date, days) → ISO due date: an import has few distinct pairs."""
        self._writer: _Writer | None = None

    def __enter__(self) -> BulkPoster:
        self._interval = sys.getswitchinterval()
        sys.setswitchinterval(_SWITCH_INTERVAL_S)
        self._cur.execute(f"PRAGMA cache_size = -{_CACHE_KIB}")
        self._writer = _Writer(self._cur.connection.cursor())
        return self

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        writer = self._writer
        if writer is None:
            raise RuntimeError("BulkPoster is used as a context manager")
        try:
            if kind is None:
                self._flush()
                writer.drain()
        finally:
            writer.close()
            self._cur.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            sys.setswitchinterval(self._interval)

    def post(
        self, *, journal_id: int, journal_code: str, fiscal_year_id: int, date: str, label: str,
        reference: str, lines: Sequence[BulkLine],
    ) -> None:
        """Queue one entry whose posting rules the caller has checked (the triggers check again).

        An invoice line naming a party with payment terms (``terms_side``) falls due that many
        days after ``date`` (à-nouveaux excepted, as ``entries.save_draft`` does): a dict lookup
        per line, the date sum cached.
        """
        if not self._poster.knows_numbering(journal_id, fiscal_year_id):
            self._drain()  # the Poster is about to read the journal's last number
        entry_id = self._next_id
        self._next_id += 1
        append = self._lines.append
        ref = self.reference
        terms = ref.payment_days if journal_code != ref.opening_journal else None
        canonical, account_ids = [], []
        for position, (account_id, number, party_id, party_code, line_label, debit, credit,
                       tax_id, tax_code) in enumerate(lines, start=1):
            days = terms.get(party_id) if terms and party_id is not None else None
            side = ref.terms_sides.get(account_id, 0) if days is not None else 0
            if side and (side == EITHER or (side == DEBITS) == (debit > 0)):
                due = self._due(date, days)
                self._due_lines.append((entry_id, position, account_id, party_id, date,
                                        line_label, debit, credit, tax_id, due))
                canonical.append((number, party_code, line_label, debit, credit, due,
                                  *((tax_code,) if tax_id is not None else ())))
            elif tax_id is None:
                append((entry_id, position, account_id, party_id, date, line_label, debit,
                        credit))
                canonical.append((number, party_code, line_label, debit, credit, ""))
            else:
                self._taxed_lines.append((entry_id, position, account_id, party_id, date,
                                          line_label, debit, credit, tax_id))
                canonical.append((number, party_code, line_label, debit, credit, "", tax_code))
            account_ids.append(account_id)
        posted = self._poster.post(
            entry_id=entry_id, journal_id=journal_id, journal_code=journal_code,
            fiscal_year_id=fiscal_year_id, date=date, label=label, reference=reference,
            reversal_of=None, lines=canonical, account_ids=account_ids,
        )
        self._entries.append((entry_id, journal_id, fiscal_year_id, date, label, reference,
                              posted.number, posted.seq, self.now, posted.prev_hash, posted.hash,
                              self.now))
        if self._poster.pending >= _BATCH:
            self._flush()

    def _due(self, day: str, days: int) -> str:
        due = self._due_dates.get((day, days))
        if due is None:
            due = (Day.fromisoformat(day) + timedelta(days=days)).isoformat()
            self._due_dates[(day, days)] = due
        return due

    # Reference rows are written by this thread, after the writer has caught up: the two must
    # never use the connection at once (its lastrowid and rowcount are shared).

    def open_next_fiscal_year(self) -> FiscalYear:
        self._drain()
        return open_next_fiscal_year(self._cur)

    def add_account(self, account: Account, existing: dict[str, Account]) -> Account:
        self._drain()
        added = insert_accounts(self._cur, [account], existing)[0]
        if added.id is not None and (side := terms_side(added)):
            self.reference.terms_sides[added.id] = side
        return added

    def add_third_party(self, party: ThirdParty) -> ThirdParty:
        self._drain()
        added = insert_third_party(self._cur, party)
        if added.id is not None and added.payment_days is not None:
            self.reference.payment_days[added.id] = added.payment_days
        return added

    def audit(self, kind: str, **detail: object) -> None:
        self._drain()
        audit(self._cur, kind, **detail)

    def _drain(self) -> None:
        if self._writer is not None:
            self._writer.drain()

    def _flush(self) -> None:
        entries, lines, postings = self._entries, self._lines, self._poster.take()
        taxed, due = self._taxed_lines, self._due_lines
        self._entries, self._lines, self._taxed_lines, self._due_lines = [], [], [], []

        def write(cur: Cursor) -> None:
            _insert_rows(cur, _LINE_SQL, lines)
            _insert_rows(cur, _TAXED_LINE_SQL, taxed)
            _insert_rows(cur, _DUE_LINE_SQL, due)
            _insert_rows(cur, _ENTRY_SQL, entries)
            postings.write(cur)

        if self._writer is None:
            raise RuntimeError("BulkPoster is used as a context manager")
        self._writer.submit(write)


def _insert_rows(cur: Cursor, sql: tuple[str, str], rows: list[tuple]) -> None:
    """Insert ``rows`` in order, in chunks of power-of-two sizes within SQLite's parameter limit.

    Only a dozen statement shapes per table ever exist, so the driver's statement cache keeps
    each compiled once; chunks of every size would fill it with megabytes of one-off statements.
    """
    if not rows:
        return
    largest = 1 << ((_MAX_VARIABLES // len(rows[0])).bit_length() - 1)
    start = 0
    while start < len(rows):
        size = min(largest, 1 << ((len(rows) - start).bit_length() - 1))
        chunk = rows[start : start + size]
        cur.execute(sql[0] + ",".join([sql[1]] * size),
                    [value for row in chunk for value in row])
        start += size


class _Writer:
    """Runs submitted jobs on a thread of its own, in order; the first error stops it and is
    raised in the submitting thread at its next ``submit`` or ``drain``."""

    def __init__(self, cur: Cursor) -> None:
        self._cur = cur
        self._jobs: queue.Queue[Callable[[Cursor], None] | None] = queue.Queue(maxsize=2)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="daftar-bulk-writer", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while (job := self._jobs.get()) is not None:
            try:
                if self._error is None:
                    job(self._cur)
            except BaseException as exc:  # handed to the submitting thread by _check
                self._error = exc
            finally:
                self._jobs.task_done()
        self._jobs.task_done()

    def _check(self) -> None:
        if self._error is not None:
            raise self._error

    def submit(self, job: Callable[[Cursor], None]) -> None:
        self._check()
        self._jobs.put(job)

    def drain(self) -> None:
        """Wait until every submitted job has run."""
        self._jobs.join()
        self._check()

    def close(self) -> None:
        self._jobs.put(None)
        self._thread.join()
