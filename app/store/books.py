"""``Books``: the one object through which everything reaches an open company file.

A window, a command or an import gets a ``Books`` and calls its methods; nothing above the store
writes SQL. Reference data (accounts, journals, third parties) lives here; the calendar (fiscal
years, lock date), entries, reports and verification are in their own modules and reached
through this facade.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from sqlcipher3.dbapi2 import Cursor, IntegrityError

from app.ledger.chart import derived_account, parent_number
from app.ledger.identifiers import IDENTIFIERS, identifier_problem
from app.ledger.model import (
    Account,
    AccountId,
    AccountKind,
    Company,
    Entry,
    EntryId,
    FiscalYear,
    Journal,
    JournalKind,
    Problem,
    ThirdParty,
    ThirdPartyId,
    ThirdPartyKind,
)
from app.ledger.money import Currency, currency
from app.store import years
from app.store.audit import audit
from app.store.database import Database, StoreError

if TYPE_CHECKING:
    from app.ledger.tax import TaxCode
    from app.store.bulk import BulkPoster
    from app.store.closing import YearEnd

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

    def update_company(self, **fields: str) -> Company:
        """Change the company's name, address or legal identifiers (never its chart or
        currency); each identifier is checked for its shape (``ledger.identifiers``)."""
        allowed = {"name", "address", *IDENTIFIERS}
        unknown = sorted(set(fields) - allowed)
        if unknown:
            raise StoreError(f"cannot change {', '.join(unknown)} of a company")
        problems = [identifier_problem(self.company.chart, key, value)
                    for key, value in fields.items() if key in IDENTIFIERS]
        if "name" in fields and not fields["name"].strip():
            problems.append("the company needs a name")
        problems = [p for p in problems if p]
        if problems:
            raise StoreError("; ".join(problems))
        cleaned = {key: value.strip() for key, value in fields.items()}
        updated = replace(self.company, **cleaned)
        with self.write() as cur:
            cur.execute(
                "UPDATE company SET name = ?, nif = ?, nis = ?, rc = ?, ai = ?, address = ?",
                (updated.name, updated.nif, updated.nis, updated.rc, updated.ai, updated.address))
            audit(cur, "update_company", **cleaned)
        self.company = updated
        return updated

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
        with self.read() as cur:
            return years.lock_date(cur)

    def set_lock_date(self, day: date) -> None:
        """Lock the books up to and including ``day``. The lock only ever moves forward."""
        with self.write() as cur:
            years.set_lock_date(cur, day)

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
        """Every journal by code, inactive ones included, in code order."""
        from app.store import reference

        with self.read() as cur:
            rows = cur.execute(f"SELECT {reference.JOURNAL_COLUMNS} FROM journal ORDER BY code")
            return {r[1]: reference.journal_from_row(r) for r in rows}

    def journal(self, code: str) -> Journal:
        from app.store import reference

        with self.read() as cur:
            return reference.load_journal(cur, code)

    def add_journal(self, journal: Journal) -> Journal:
        """Open a journal (a second bank account's, say); its code is checked and never changes."""
        from app.store import reference

        with self.write() as cur:
            added = reference.insert_journal(cur, journal)
            audit(cur, "add_journal", code=added.code, label=added.label,
                  journal_kind=added.kind.value, active=added.active)
            return added

    def update_journal(self, code: str, *, label: str, kind: JournalKind) -> Journal:
        """Relabel a journal or change its kind; its code, which entries are numbered by, stays."""
        from app.store import reference

        with self.write() as cur:
            updated = reference.update_journal(cur, code, label=label, kind=kind)
            audit(cur, "update_journal", code=code, label=updated.label,
                  journal_kind=updated.kind.value)
            return updated

    def set_journal_active(self, code: str, active: bool) -> Journal:
        """Deactivate (or reactivate) a journal: its entries stay, posting into it is refused."""
        from app.store import reference

        with self.write() as cur:
            changed = reference.set_journal_active(cur, code, active)
            audit(cur, "set_journal_active", code=code, active=active)
            return changed

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

    def tax_codes(self) -> dict[str, TaxCode]:
        """The company's tax codes by code (``app.ledger.tax``)."""
        from app.store.tax import load_tax_codes

        with self.read() as cur:
            return load_tax_codes(cur)

    # --- fiscal years -------------------------------------------------------------------------

    def fiscal_years(self) -> list[FiscalYear]:
        with self.read() as cur:
            return years.load_fiscal_years(cur)

    def fiscal_year_of(self, day: date) -> FiscalYear | None:
        return next((y for y in self.fiscal_years() if y.contains(day)), None)

    def open_next_fiscal_year(self) -> FiscalYear:
        """Open the twelve months that follow the last fiscal year."""
        with self.write() as cur:
            return years.open_next_fiscal_year(cur)

    def closing_problems(self, start: date) -> list[Problem]:
        """Every reason the year starting on ``start`` cannot be closed yet (none: it can)."""
        from app.store import closing

        with self.read() as cur:
            return closing.closing_problems(cur, start, self.currency)

    def plan_year_end(self, start: date) -> YearEnd:
        """The result and the à-nouveaux that closing the year would post, posting nothing."""
        from app.store import closing

        with self.read() as cur:
            return closing.plan(cur, start, self.currency)

    def close_fiscal_year(self, start: date) -> YearEnd:
        """Close the year for good and open the next one on its balances (à-nouveaux).

        One transaction: the checks (``closing_problems``), the next year opened if need be, its
        à-nouveaux posted (or what provisional ones lack), the year closed, the audit record.
        """
        from app.store import closing

        with self.write() as cur:
            return closing.close_year(cur, start, self.currency)

    def year_result(self, start: date) -> Decimal:
        """The result of the fiscal year starting on ``start``: a profit positive, a loss
        negative."""
        from app.store import closing

        with self.read() as cur:
            return closing.result_of(cur, start, self.currency)

    def allocate_result(self, start: date, day: date, shares: Mapping[str, Decimal | None]
                        ) -> Entry:
        """Post the allocation of the closed year's result (``closing.allocation_entry``)."""
        from app.store import closing, entries

        with self.write() as cur:
            entry = closing.allocation_entry(cur, start, day, shares, self.currency)
            entry_id = entries.save_draft(cur, entry, self.currency)
            entries.post_drafts(cur, [entry_id], self.currency)
            audit(cur, "allocate_result", start=start.isoformat(), entry=entry_id)
            return entries.load_entry(cur, entry_id, self.currency)

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
        """Post new entries in one transaction, in date order: all of them or none."""
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

