"""``Books``: the one object through which everything reaches an open company file.

A window, a command or an import gets a ``Books`` and calls its methods; nothing above the store
writes SQL. Reference data (accounts, journals, third parties, fiscal years, the lock date) lives
here; entries, reports and verification are in their own modules and reached through this facade.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sqlcipher3.dbapi2 import Cursor, IntegrityError

from app.ledger.chart import derived_account, parent_number
from app.ledger.model import (
    Account,
    AccountId,
    AccountKind,
    Company,
    Entry,
    EntryId,
    FiscalYear,
    FiscalYearId,
    FiscalYearState,
    Journal,
    JournalId,
    JournalKind,
    ThirdParty,
    ThirdPartyId,
    ThirdPartyKind,
)
from app.ledger.money import Currency, currency
from app.store.database import Database, StoreError
from app.store.posting import utc_now

if TYPE_CHECKING:
    from app.store.bulk import BulkPoster

ACCOUNT_COLUMNS = (
    "id, number, label_fr, label_en, label_ar, kind, postable, needs_third_party, active"
)
THIRD_PARTY_COLUMNS = "id, code, name, kind, nif, nis, rc, ai, address, active"


def account_from_row(row: tuple) -> Account:
    return Account(
        id=AccountId(row[0]), number=row[1], label_fr=row[2], label_en=row[3], label_ar=row[4],
        kind=AccountKind(row[5]), postable=bool(row[6]), needs_third_party=bool(row[7]),
        active=bool(row[8]),
    )


def third_party_from_row(row: tuple) -> ThirdParty:
    return ThirdParty(
        id=ThirdPartyId(row[0]), code=row[1], name=row[2], kind=ThirdPartyKind(row[3]),
        nif=row[4], nis=row[5], rc=row[6], ai=row[7], address=row[8], active=bool(row[9]),
    )


def fiscal_year_from_row(row: tuple) -> FiscalYear:
    return FiscalYear(
        id=FiscalYearId(row[0]), start=date.fromisoformat(row[1]),
        end=date.fromisoformat(row[2]), state=FiscalYearState(row[3]),
    )


def year_after(start: date) -> date:
    """The last day of a twelve-month fiscal year starting on ``start``."""
    try:
        return start.replace(year=start.year + 1) - timedelta(days=1)
    except ValueError:  # starts on 29 February
        return date(start.year + 1, 2, 28)


def audit(cur: Cursor, kind: str, **detail: object) -> None:
    """Record an event of the books' life (creation, lock, closing, import, rekey)."""
    cur.execute(
        "INSERT INTO audit_event (at, kind, detail) VALUES (?, ?, ?)",
        (utc_now(), kind, json.dumps(detail, ensure_ascii=False, default=str)),
    )


class Books:
    """An open company file. Create one with ``open_company`` or ``create_company``."""

    def __init__(self, db: Database) -> None:
        self.db = db
        with self.read() as cur:
            row = cur.execute(
                "SELECT name, currency, chart, nif, nis, rc, ai, address FROM company"
            ).fetchone()
        if row is None:
            raise StoreError(f"{db.path} has no company record; it was not created by Daftar")
        self.company = Company(*row)
        self.currency: Currency = currency(self.company.currency)

    @property
    def path(self) -> Path:
        return self.db.path

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Books:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def read(self) -> Iterator[Cursor]:
        with self.db.read() as conn:
            yield conn.connection.driver_connection.cursor()

    @contextmanager
    def write(self) -> Iterator[Cursor]:
        with self.db.write() as conn:
            yield conn.connection.driver_connection.cursor()

    @contextmanager
    def bulk(self) -> Iterator[BulkPoster]:
        """One write transaction for posting many checked entries fast (imports)."""
        from app.store.bulk import BulkPoster

        with self.write() as cur, BulkPoster(cur) as poster:
            yield poster

    # --- settings ------------------------------------------------------------------------------

    def setting(self, key: str, default: str = "") -> str:
        with self.read() as cur:
            row = cur.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def lock_date(self) -> date | None:
        value = self.setting("lock_date")
        return date.fromisoformat(value) if value else None

    def set_lock_date(self, day: date) -> None:
        """Lock the books up to and including ``day``. The lock only ever moves forward."""
        current = self.lock_date()
        if current is not None and day < current:
            raise StoreError(
                f"the books are locked up to {current.isoformat()}; a lock date only moves forward"
            )
        with self.write() as cur:
            drafts = cur.execute(
                "SELECT count(*) FROM entry WHERE status = 'draft' AND date <= ?",
                (day.isoformat(),),
            ).fetchone()[0]
            if drafts:
                raise StoreError(
                    f"{drafts} draft entries are dated on or before {day.isoformat()}; "
                    "post or delete them before locking"
                )
            cur.execute(
                "INSERT INTO setting (key, value) VALUES ('lock_date', ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (day.isoformat(),),
            )
            audit(cur, "lock", date=day.isoformat(), previous=current)

    # --- accounts -------------------------------------------------------------------------------

    def accounts(self) -> dict[str, Account]:
        """Every account by number, in number order."""
        with self.read() as cur:
            rows = cur.execute(f"SELECT {ACCOUNT_COLUMNS} FROM account ORDER BY number").fetchall()
        return {row[1]: account_from_row(row) for row in rows}

    def account(self, number: str) -> Account:
        from app.store import reference

        with self.read() as cur:
            return reference.load_account(cur, number)

    def add_account(
        self, number: str, label: str, *, label_en: str = "", label_ar: str = "",
        kind: AccountKind | None = None, needs_third_party: bool | None = None,
    ) -> Account:
        """Open a postable sub-account; kind and third-party need default to its parent's."""
        with self.write() as cur:
            existing = {r[1]: account_from_row(r) for r in cur.execute(
                f"SELECT {ACCOUNT_COLUMNS} FROM account").fetchall()}
            if number in existing:
                raise StoreError(f"account {number} already exists")
            try:
                derived = derived_account(number, label, existing)
            except ValueError as exc:
                raise StoreError(str(exc)) from None
            account = Account(
                number=number, label_fr=label, label_en=label_en or label,
                label_ar=label_ar or label, kind=kind or derived.kind,
                needs_third_party=derived.needs_third_party if needs_third_party is None
                else needs_third_party,
            )
            return insert_accounts(cur, [account], existing)[0]

    def set_account_active(self, number: str, active: bool) -> None:
        """Deactivate (or reactivate) an account: it stays in the books but takes no new lines."""
        with self.write() as cur:
            cur.execute("UPDATE account SET active = ? WHERE number = ?", (int(active), number))
            if cur.rowcount == 0:
                raise StoreError(f"account {number} does not exist")

    def update_account(
        self, number: str, *, label_fr: str, label_en: str, label_ar: str,
        needs_third_party: bool,
    ) -> Account:
        """Relabel an account or change its third-party need; its number never changes."""
        from app.store import reference

        with self.write() as cur:
            return reference.update_account(
                cur, number, label_fr=label_fr, label_en=label_en, label_ar=label_ar,
                needs_third_party=needs_third_party)

    def account_usage(self, number: str) -> int:
        """How many lines (drafts and posted) the account itself carries."""
        from app.store import reference

        with self.read() as cur:
            return reference.account_usage(cur, number)

    def delete_account(self, number: str) -> None:
        """Delete an unused, childless sub-account the user opened; the chart's own stay."""
        from app.store import reference
        from app.store.company import load_chart

        chart = {a.number for a in load_chart(self.company.chart)}
        with self.write() as cur:
            reference.delete_account(cur, number, chart)
            audit(cur, "delete_account", number=number)

    # --- journals and third parties ----------------------------------------------------------

    def journals(self) -> dict[str, Journal]:
        with self.read() as cur:
            rows = cur.execute("SELECT id, code, label, kind, active FROM journal ORDER BY code")
            return {
                r[1]: Journal(r[1], r[2], JournalKind(r[3]), bool(r[4]), JournalId(r[0]))
                for r in rows
            }

    def add_journal(self, journal: Journal) -> Journal:
        with self.write() as cur:
            try:
                cur.execute(
                    "INSERT INTO journal (code, label, kind, active) VALUES (?, ?, ?, ?)",
                    (journal.code, journal.label, journal.kind.value, int(journal.active)),
                )
            except IntegrityError:
                raise StoreError(f"journal {journal.code} already exists") from None
            return Journal(journal.code, journal.label, journal.kind, journal.active,
                           JournalId(cur.lastrowid))

    def third_parties(self) -> dict[str, ThirdParty]:
        with self.read() as cur:
            rows = cur.execute(f"SELECT {THIRD_PARTY_COLUMNS} FROM third_party ORDER BY code")
            return {r[1]: third_party_from_row(r) for r in rows}

    def add_third_party(self, party: ThirdParty) -> ThirdParty:
        with self.write() as cur:
            try:
                return insert_third_party(cur, party)
            except IntegrityError:
                raise StoreError(f"third party {party.code} already exists") from None

    def update_third_party(
        self, code: str, *, name: str, kind: ThirdPartyKind, nif: str = "", nis: str = "",
        rc: str = "", ai: str = "", address: str = "",
    ) -> ThirdParty:
        """New details for a third party; its code, which posted lines name, never changes."""
        from app.store import reference

        with self.write() as cur:
            return reference.update_third_party(cur, code, name=name, kind=kind, nif=nif,
                                                nis=nis, rc=rc, ai=ai, address=address)

    def set_third_party_active(self, code: str, active: bool) -> None:
        from app.store import reference

        with self.write() as cur:
            reference.set_third_party_active(cur, code, active)

    def third_party_usage(self, code: str) -> int:
        from app.store import reference

        with self.read() as cur:
            return reference.third_party_usage(cur, code)

    def delete_third_party(self, code: str) -> None:
        """Delete a third party no line names; one in use is deactivated instead."""
        from app.store import reference

        with self.write() as cur:
            reference.delete_third_party(cur, code)
            audit(cur, "delete_third_party", code=code)

    # --- fiscal years -------------------------------------------------------------------------

    def fiscal_years(self) -> list[FiscalYear]:
        with self.read() as cur:
            return load_fiscal_years(cur)

    def fiscal_year_of(self, day: date) -> FiscalYear | None:
        return next((y for y in self.fiscal_years() if y.contains(day)), None)

    def open_next_fiscal_year(self) -> FiscalYear:
        """Open the twelve months that follow the last fiscal year."""
        with self.write() as cur:
            return open_next_fiscal_year(cur)

    def close_fiscal_year(self, start: date) -> FiscalYear:
        """Close the earliest open year for good; nothing can be posted into it afterwards."""
        with self.write() as cur:
            years = load_fiscal_years(cur)
            year = next((y for y in years if y.start == start), None)
            if year is None:
                raise StoreError(f"no fiscal year starts on {start.isoformat()}")
            if year.state is FiscalYearState.CLOSED:
                raise StoreError(f"fiscal year {year.name} is already closed")
            earlier = [y for y in years if y.start < year.start and y.state is FiscalYearState.OPEN]
            if earlier:
                raise StoreError(f"close fiscal year {earlier[0].name} first")
            drafts = cur.execute(
                "SELECT count(*) FROM entry WHERE fiscal_year_id = ? AND status = 'draft'",
                (year.id,),
            ).fetchone()[0]
            if drafts:
                raise StoreError(
                    f"fiscal year {year.name} still has {drafts} draft entries; "
                    "post or delete them first"
                )
            cur.execute(
                "UPDATE fiscal_year SET state = 'closed', closed_at = ? WHERE id = ?",
                (utc_now(), year.id),
            )
            audit(cur, "close_fiscal_year", start=year.start.isoformat())
            return FiscalYear(year.start, year.end, FiscalYearState.CLOSED, year.id)

    # --- entries, reports, verification (in their own modules) -----------------------------

    def entry(self, entry_id: EntryId) -> Entry:
        from app.store import entries

        with self.read() as cur:
            return entries.load_entry(cur, entry_id, self.currency)

    def save_draft(self, entry: Entry) -> Entry:
        """Store ``entry`` as a draft (a new one, or replacing the draft with its id)."""
        from app.store import entries

        with self.write() as cur:
            entry_id = entries.save_draft(cur, entry, self.currency)
            return entries.load_entry(cur, entry_id, self.currency)

    def delete_draft(self, entry_id: EntryId) -> None:
        from app.store import entries

        with self.write() as cur:
            entries.delete_draft(cur, entry_id)

    def post(self, entry: Entry | EntryId) -> Entry:
        """Post a draft by id, or a new entry given whole; every rule is checked first."""
        from app.store import entries

        with self.write() as cur:
            if isinstance(entry, Entry):
                if entry.id is not None:
                    raise StoreError("save the draft, then post it by its id")
                entry_id = entries.save_draft(cur, entry, self.currency)
            else:
                entry_id = entry
            entries.post_drafts(cur, [entry_id], self.currency)
            return entries.load_entry(cur, entry_id, self.currency)

    def post_many(self, entries: Sequence[Entry]) -> int:
        """Post new entries in the order given, in one transaction: all of them or none."""
        from app.store import entries as store

        with self.write() as cur:
            ids = [store.save_draft(cur, entry, self.currency) for entry in entries]
            store.post_drafts(cur, ids, self.currency)
        return len(ids)

    def reverse(self, entry_id: EntryId, day: date, label: str | None = None) -> Entry:
        """Post the reversal of a posted entry, dated ``day``."""
        from app.store import entries

        with self.write() as cur:
            new_id = entries.reverse(cur, entry_id, day, label, self.currency)
            return entries.load_entry(cur, new_id, self.currency)


def load_fiscal_years(cur: Cursor) -> list[FiscalYear]:
    rows = cur.execute('SELECT id, start, "end", state FROM fiscal_year ORDER BY start')
    return [fiscal_year_from_row(r) for r in rows]


def open_next_fiscal_year(cur: Cursor) -> FiscalYear:
    last = cur.execute('SELECT "end" FROM fiscal_year ORDER BY start DESC LIMIT 1').fetchone()
    if last is None:
        raise StoreError("the books have no fiscal year to follow")
    start = date.fromisoformat(last[0]) + timedelta(days=1)
    return insert_fiscal_year(cur, start, year_after(start))


def insert_fiscal_year(cur: Cursor, start: date, end: date) -> FiscalYear:
    cur.execute(
        'INSERT INTO fiscal_year (start, "end", state) VALUES (?, ?, \'open\')',
        (start.isoformat(), end.isoformat()),
    )
    year = FiscalYear(start, end, FiscalYearState.OPEN, FiscalYearId(cur.lastrowid))
    audit(cur, "open_fiscal_year", start=start.isoformat(), end=end.isoformat())
    return year


def insert_accounts(
    cur: Cursor, accounts: list[Account], existing: dict[str, Account]
) -> list[Account]:
    """Insert accounts (parents before children) and return them with their ids."""
    ids = {number: a.id for number, a in existing.items()}
    created = []
    for account in sorted(accounts, key=lambda a: a.number):
        parent = parent_number(account.number, ids)
        cur.execute(
            "INSERT INTO account (number, parent_id, label_fr, label_en, label_ar, kind, postable,"
            " needs_third_party, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (account.number, ids[parent] if parent else None, account.label_fr, account.label_en,
             account.label_ar, account.kind.value, int(account.postable),
             int(account.needs_third_party), int(account.active)),
        )
        ids[account.number] = AccountId(cur.lastrowid)
        created.append(replace(account, id=ids[account.number]))
    return created


def insert_third_party(cur: Cursor, party: ThirdParty) -> ThirdParty:
    cur.execute(
        "INSERT INTO third_party (code, name, kind, nif, nis, rc, ai, address, active)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (party.code, party.name, party.kind.value, party.nif, party.nis, party.rc, party.ai,
         party.address, int(party.active)),
    )
    return replace(party, id=ThirdPartyId(cur.lastrowid))

