"""``Books``: the one object through which everything reaches an open company file.

A window, a command or an import gets a ``Books`` and calls its methods; nothing above the store
writes SQL. ``Books`` opens the transactions (``read``, ``write``, ``bulk``) and hands their cursor
to the modules below it, which do the work: reference data in ``reference``, the calendar in
``years``, entries in ``entries``, year-end in ``closing``, bulk posting in ``bulk``. Those modules
take a cursor and never import this one, so the store's imports form no cycle (``tests/
test_layers.py``); the modules that need an open ``Books`` (``company``, ``entry_checks``,
``entry_list``, ``verify``) sit above it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlcipher3.dbapi2 import Cursor

from app.ledger.identifiers import IDENTIFIERS, identifier_problem
from app.ledger.model import (
    Account,
    AccountKind,
    Company,
    Entry,
    EntryId,
    FiscalYear,
    Journal,
    JournalKind,
    Problem,
    ThirdParty,
    ThirdPartyKind,
)
from app.ledger.money import Currency, currency
from app.ledger.tax import TaxCode
from app.store import closing, reference, years
from app.store import entries as entry_store
from app.store.audit import audit
from app.store.bulk import BulkPoster
from app.store.closing import YearEnd
from app.store.database import Database, StoreError
from app.store.tax import load_tax_codes

OPEN_SETTING_PREFIXES = ("bank_csv_mapping:",)
"""Settings ``Books.set_setting`` may write: a feature's own preferences, which no posting rule
reads. ``bank_csv_mapping:<name>`` holds a bank's CSV column mapping as JSON (``app.io.bank``)."""


def _open_setting(key: str) -> None:
    if not key.startswith(OPEN_SETTING_PREFIXES):
        raise StoreError(f"the setting {key!r} is not one that can be written freely "
                         f"(those start with {', '.join(OPEN_SETTING_PREFIXES)})")


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
        with self.write() as cur, BulkPoster(cur) as poster:
            yield poster

    # --- settings ------------------------------------------------------------------------------

    def setting(self, key: str, default: str = "") -> str:
        with self.read() as cur:
            row = cur.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def settings(self, prefix: str) -> dict[str, str]:
        """Every setting whose key starts with ``prefix`` (one of ``OPEN_SETTING_PREFIXES``),
        by key in key order."""
        _open_setting(prefix)
        with self.read() as cur:
            rows = cur.execute("SELECT key, value FROM setting WHERE substr(key, 1, ?) = ? "
                               "ORDER BY key", (len(prefix), prefix)).fetchall()
        return dict(rows)

    def set_setting(self, key: str, value: str) -> None:
        """Write a setting that only features keep (a saved bank CSV mapping, say), in the
        audit trail like every change to the books. The settings the rules depend on (the lock
        date, the opening journal) have their own methods and are refused here."""
        _open_setting(key)
        with self.write() as cur:
            cur.execute("INSERT INTO setting (key, value) VALUES (?, ?) "
                        "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))
            audit(cur, "set_setting", key=key, value=value)

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
            return reference.load_accounts(cur)

    def account(self, number: str) -> Account:
        with self.read() as cur:
            return reference.load_account(cur, number)

    def add_account(
        self, number: str, label: str, *, label_en: str = "", label_ar: str = "",
        kind: AccountKind | None = None, needs_third_party: bool | None = None,
    ) -> Account:
        """Open a postable sub-account; kind and third-party need default to its parent's."""
        with self.write() as cur:
            return reference.add_account(cur, number, label, label_en=label_en,
                                         label_ar=label_ar, kind=kind,
                                         needs_third_party=needs_third_party)

    def set_account_active(self, number: str, active: bool) -> None:
        """Deactivate (or reactivate) an account: it stays in the books but takes no new lines."""
        with self.write() as cur:
            reference.set_account_active(cur, number, active)

    def update_account(
        self, number: str, *, label_fr: str, label_en: str, label_ar: str,
        needs_third_party: bool,
    ) -> Account:
        """Relabel an account or change its third-party need; its number never changes."""
        with self.write() as cur:
            return reference.update_account(
                cur, number, label_fr=label_fr, label_en=label_en, label_ar=label_ar,
                needs_third_party=needs_third_party)

    def account_usage(self, number: str) -> int:
        """How many lines (drafts and posted) the account itself carries."""
        with self.read() as cur:
            return reference.account_usage(cur, number)

    def delete_account(self, number: str) -> None:
        """Delete an unused, childless sub-account the user opened; the chart's own stay."""
        chart = {a.number for a in reference.load_chart(self.company.chart)}
        with self.write() as cur:
            reference.delete_account(cur, number, chart)
            audit(cur, "delete_account", number=number)

    # --- journals and third parties ----------------------------------------------------------

    def journals(self) -> dict[str, Journal]:
        """Every journal by code, inactive ones included, in code order."""
        with self.read() as cur:
            return reference.load_journals(cur)

    def journal(self, code: str) -> Journal:
        with self.read() as cur:
            return reference.load_journal(cur, code)

    def add_journal(self, journal: Journal) -> Journal:
        """Open a journal (a second bank account's, say); its code is checked and never changes."""
        with self.write() as cur:
            added = reference.insert_journal(cur, journal)
            audit(cur, "add_journal", code=added.code, label=added.label,
                  journal_kind=added.kind.value, active=added.active)
            return added

    def update_journal(self, code: str, *, label: str, kind: JournalKind) -> Journal:
        """Relabel a journal or change its kind; its code, which entries are numbered by, stays."""
        with self.write() as cur:
            updated = reference.update_journal(cur, code, label=label, kind=kind)
            audit(cur, "update_journal", code=code, label=updated.label,
                  journal_kind=updated.kind.value)
            return updated

    def set_journal_active(self, code: str, active: bool) -> Journal:
        """Deactivate (or reactivate) a journal: its entries stay, posting into it is refused."""
        with self.write() as cur:
            changed = reference.set_journal_active(cur, code, active)
            audit(cur, "set_journal_active", code=code, active=active)
            return changed

    def third_parties(self) -> dict[str, ThirdParty]:
        with self.read() as cur:
            return reference.load_third_parties(cur)

    def add_third_party(self, party: ThirdParty) -> ThirdParty:
        """Add a third party; its payment terms, if any, date the lines that name it."""
        with self.write() as cur:
            added = reference.add_third_party(cur, party)
            audit(cur, "add_third_party", code=added.code, name=added.name,
                  party_kind=added.kind.value, payment_days=added.payment_days)
            return added

    def update_third_party(
        self, code: str, *, name: str, kind: ThirdPartyKind, nif: str = "", nis: str = "",
        rc: str = "", ai: str = "", address: str = "",
        payment_days: int | reference.Unchanged | None = reference.UNCHANGED,
    ) -> ThirdParty:
        """New details for a third party; its code, which posted lines name, never changes.

        ``payment_days`` left out keeps the terms; None removes them. New terms date only the
        lines written from then on.
        """
        with self.write() as cur:
            updated = reference.update_third_party(
                cur, code, name=name, kind=kind, nif=nif, nis=nis, rc=rc, ai=ai,
                address=address, payment_days=payment_days)
            audit(cur, "update_third_party", code=code, name=updated.name,
                  party_kind=updated.kind.value, payment_days=updated.payment_days)
            return updated

    def set_third_party_active(self, code: str, active: bool) -> None:
        with self.write() as cur:
            reference.set_third_party_active(cur, code, active)

    def third_party_usage(self, code: str) -> int:
        with self.read() as cur:
            return reference.third_party_usage(cur, code)

    def delete_third_party(self, code: str) -> None:
        """Delete a third party no line names; one in use is deactivated instead."""
        with self.write() as cur:
            reference.delete_third_party(cur, code)
            audit(cur, "delete_third_party", code=code)

    def tax_codes(self) -> dict[str, TaxCode]:
        """The company's tax codes by code (``app.ledger.tax``)."""
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
        with self.read() as cur:
            return closing.closing_problems(cur, start, self.currency)

    def plan_year_end(self, start: date) -> YearEnd:
        """The result and the à-nouveaux that closing the year would post, posting nothing."""
        with self.read() as cur:
            return closing.plan(cur, start, self.currency)

    def close_fiscal_year(self, start: date) -> YearEnd:
        """Close the year for good and open the next one on its balances (à-nouveaux).

        One transaction: the checks (``closing_problems``), the next year opened if need be, its
        à-nouveaux posted (or what provisional ones lack), the year closed, the audit record.
        """
        with self.write() as cur:
            return closing.close_year(cur, start, self.currency)

    def year_result(self, start: date) -> Decimal:
        """The result of the fiscal year starting on ``start``: a profit positive, a loss
        negative."""
        with self.read() as cur:
            return closing.result_of(cur, start, self.currency)

    def allocate_result(self, start: date, day: date, shares: Mapping[str, Decimal | None]
                        ) -> Entry:
        """Post the allocation of the closed year's result (``closing.allocation_entry``)."""
        with self.write() as cur:
            entry = closing.allocation_entry(cur, start, day, shares, self.currency)
            entry_id = entry_store.save_draft(cur, entry, self.currency)
            entry_store.post_drafts(cur, [entry_id], self.currency)
            audit(cur, "allocate_result", start=start.isoformat(), entry=entry_id)
            return entry_store.load_entry(cur, entry_id, self.currency)

    # --- entries, reports, verification (in their own modules) -----------------------------

    def entry(self, entry_id: EntryId) -> Entry:
        with self.read() as cur:
            return entry_store.load_entry(cur, entry_id, self.currency)

    def save_draft(self, entry: Entry) -> Entry:
        """Store ``entry`` as a draft (a new one, or replacing the draft with its id)."""
        with self.write() as cur:
            entry_id = entry_store.save_draft(cur, entry, self.currency)
            return entry_store.load_entry(cur, entry_id, self.currency)

    def delete_draft(self, entry_id: EntryId) -> None:
        with self.write() as cur:
            entry_store.delete_draft(cur, entry_id)

    def post(self, entry: Entry | EntryId) -> Entry:
        """Post a draft by id, or a new entry given whole; every rule is checked first."""
        with self.write() as cur:
            if isinstance(entry, Entry):
                if entry.id is not None:
                    raise StoreError("save the draft, then post it by its id")
                entry_id = entry_store.save_draft(cur, entry, self.currency)
            else:
                entry_id = entry
            entry_store.post_drafts(cur, [entry_id], self.currency)
            return entry_store.load_entry(cur, entry_id, self.currency)

    def post_many(self, entries: Sequence[Entry]) -> int:
        """Post new entries in one transaction, in date order: all of them or none."""
        with self.write() as cur:
            ids = [entry_store.save_draft(cur, entry, self.currency) for entry in entries]
            entry_store.post_drafts(cur, ids, self.currency)
        return len(ids)

    def reverse(self, entry_id: EntryId, day: date, label: str | None = None) -> Entry:
        """Post the reversal of a posted entry, dated ``day``."""
        with self.write() as cur:
            new_id = entry_store.reverse(cur, entry_id, day, label, self.currency)
            return entry_store.load_entry(cur, new_id, self.currency)

