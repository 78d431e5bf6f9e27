"""What the entry editor needs to know about the books, and how it finds accounts and parties.

Loaded once per editor (and again when accounts, parties, journals or years change) through one
read, so completing an account as the user types never touches the database. The matching is
plain Python, free of Qt, so it is tested on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from app.ledger.model import (
    Account,
    Entry,
    EntryId,
    FiscalYear,
    Journal,
    ThirdParty,
)
from app.ledger.tax import TaxCode
from app.ledger.text import fold
from app.store.books import Books

MAX_MATCHES = 40
"""More proposals than a popup shows at once only slow the typing down."""


def _words(text: str) -> list[str]:
    cleaned = "".join(ch if ch.isalnum() else " " for ch in fold(text))
    return cleaned.split()


def words_match(typed: str, text: str) -> bool:
    """Every word typed begins some word of ``text`` (``ban cur`` finds ``Banks - current``)."""
    wanted, words = _words(typed), _words(text)
    return bool(wanted) and all(any(w.startswith(t) for w in words) for t in wanted)


def choose(typed: str, known: bool, matches: list[str]) -> str | None:
    """What a completed cell takes when the user did not pick a match in its list.

    ``typed`` itself when it is a key (``known``) or matches nothing (kept so the editor can say
    it is unknown), the match when there is only one, and None when there are several: the
    user must choose, and a different key is never taken silently.
    """
    if known or not typed or not matches:
        return typed
    return matches[0] if len(matches) == 1 else None


@dataclass(frozen=True, slots=True)
class Catalog:
    """The books' reference data as the editor sees it, in the interface language."""

    accounts: dict[str, Account]
    parties: dict[str, ThirdParty]
    journals: dict[str, Journal]
    years: list[FiscalYear]
    lock_date: date | None
    language: str
    tax_codes: dict[str, TaxCode] = field(default_factory=dict)

    def tax_matches(self, typed: str) -> list[TaxCode]:
        """Active tax codes starting with ``typed`` or whose label words match it."""
        text = typed.strip()
        return [t for t in self.tax_codes.values() if t.active and (
            t.code.upper().startswith(text.upper()) or words_match(text, t.label))]

    def tax_choice(self, typed: str) -> str | None:
        """The tax code ``typed`` means, or None when several match (see ``choose``)."""
        text = typed.strip().upper()
        return choose(text, text in self.tax_codes, [t.code for t in self.tax_matches(text)])

    def resolve_tax(self, typed: str) -> str:
        """The tax code meant by ``typed``; text naming no single code is kept as typed."""
        return self.tax_choice(typed) or typed.strip().upper()

    def account_label(self, number: str) -> str:
        account = self.accounts.get(number)
        return account.label(self.language) if account else ""

    def needs_party(self, number: str) -> bool:
        account = self.accounts.get(number)
        return bool(account and account.needs_third_party)

    def account_matches(self, typed: str) -> list[Account]:
        """Active postable accounts whose number starts with ``typed`` or whose label words do."""
        text = typed.strip()
        if not text:
            return []
        usable = [a for a in self.accounts.values() if a.postable and a.active]
        by_number = [a for a in usable if a.number.startswith(text)]
        by_label = [a for a in usable
                    if a not in by_number and words_match(text, a.label(self.language))]
        return (by_number + by_label)[:MAX_MATCHES]

    def party_matches(self, typed: str) -> list[ThirdParty]:
        """Active third parties whose code starts with ``typed`` or whose name words do."""
        text = typed.strip()
        if not text:
            return []
        usable = [p for p in self.parties.values() if p.active]
        by_code = [p for p in usable if fold(p.code).startswith(fold(text))]
        by_name = [p for p in usable if p not in by_code and words_match(text, p.name)]
        return (by_code + by_name)[:MAX_MATCHES]

    def account_choice(self, typed: str) -> str | None:
        """The account number ``typed`` means, or None when several match (see ``choose``).

        A number that is an account is kept even if it is a heading or closed, so the posting
        rules say what is wrong with it rather than another account being taken in its place.
        """
        text = typed.strip()
        return choose(text, text in self.accounts, [a.number for a in self.account_matches(text)])

    def resolve_account(self, typed: str) -> str:
        """The account number meant by ``typed``: itself if it is an account, else the only match.

        Other text is kept as typed, so the editor can say which account is unknown.
        """
        return self.account_choice(typed) or typed.strip()

    def party_choice(self, typed: str) -> str | None:
        """The third-party code ``typed`` means, or None when several match (see ``choose``)."""
        text = typed.strip()
        return choose(text, text in self.parties, [p.code for p in self.party_matches(text)])

    def resolve_party(self, typed: str) -> str:
        return self.party_choice(typed) or typed.strip()

    def active_journals(self, keep: str = "") -> list[Journal]:
        """Journals to offer: the active ones, and ``keep`` (an entry's own) even if inactive."""
        return [j for j in self.journals.values() if j.active or j.code == keep]

    def year_of(self, day: date) -> FiscalYear | None:
        return next((y for y in self.years if y.contains(day)), None)

    def default_date(self, today: date, current: FiscalYear | None) -> date:
        """``today`` brought into the current year, and after the lock date when that allows."""
        if current is None:
            return today
        day = min(max(today, current.start), current.end)
        if self.lock_date is not None and day <= self.lock_date < current.end:
            day = self.lock_date + timedelta(days=1)
        return day

    def first_open_day(self, day: date) -> date:
        """``day``, or the day after the lock date if ``day`` is locked."""
        if self.lock_date is not None and day <= self.lock_date:
            return self.lock_date + timedelta(days=1)
        return day


def load_catalog(books: Books, language: str) -> Catalog:
    """One look at the books' reference data (run off the UI thread)."""
    return Catalog(
        accounts=books.accounts(), parties=books.third_parties(), journals=books.journals(),
        years=books.fiscal_years(), lock_date=books.lock_date(), language=language,
        tax_codes=books.tax_codes(),
    )


def load_for_editor(books: Books, entry_id: int | None, language: str
                    ) -> tuple[Catalog, Entry | None]:
    """The catalog and, when editing an existing entry, the entry itself."""
    entry = books.entry(EntryId(entry_id)) if entry_id is not None else None
    return load_catalog(books, language), entry
