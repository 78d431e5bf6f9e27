"""The records of a set of books: immutable, typed, and free of storage concerns.

Records name each other by their natural keys (account number, journal code, third-party code),
which is how an accountant names them too; the store maps those keys to its row ids.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import NewType

from app.ledger.money import ZERO
from app.ledger.problems import Code, Formatter, sentence

AccountId = NewType("AccountId", int)
EntryId = NewType("EntryId", int)
JournalId = NewType("JournalId", int)
ThirdPartyId = NewType("ThirdPartyId", int)
FiscalYearId = NewType("FiscalYearId", int)


class AccountKind(StrEnum):
    GENERAL = "general"
    BANK = "bank"
    CASH = "cash"
    CUSTOMER = "customer"
    SUPPLIER = "supplier"
    TAX = "tax"


class JournalKind(StrEnum):
    SALES = "sales"
    PURCHASES = "purchases"
    BANK = "bank"
    CASH = "cash"
    MISC = "misc"


class ThirdPartyKind(StrEnum):
    CUSTOMER = "customer"
    SUPPLIER = "supplier"
    OTHER = "other"


class EntryStatus(StrEnum):
    DRAFT = "draft"
    POSTED = "posted"


class FiscalYearState(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


@dataclass(frozen=True, slots=True)
class Company:
    name: str
    currency: str
    """ISO 4217 code of the books' only currency."""
    chart: str
    """Chart template the books started from: ``scf`` or ``pcg``."""
    nif: str = ""
    """Numéro d'identification fiscale."""
    nis: str = ""
    """Numéro d'identification statistique."""
    rc: str = ""
    """Registre du commerce."""
    ai: str = ""
    """Article d'imposition."""
    address: str = ""


@dataclass(frozen=True, slots=True)
class Account:
    number: str
    label_fr: str
    label_en: str = ""
    label_ar: str = ""
    kind: AccountKind = AccountKind.GENERAL
    postable: bool = True
    """False for heading accounts, which only total their children."""
    needs_third_party: bool = False
    """Lines on this account must name a customer, supplier or other third party."""
    active: bool = True
    id: AccountId | None = None

    @property
    def account_class(self) -> int:
        """SCF and PCG classes: 1–5 balance sheet, 6 expenses, 7 income."""
        return int(self.number[0])

    def label(self, language: str = "fr") -> str:
        """The label in ``language``, falling back to French, the chart's reference language."""
        text = {"fr": self.label_fr, "en": self.label_en, "ar": self.label_ar}.get(language, "")
        return text or self.label_fr


@dataclass(frozen=True, slots=True)
class Journal:
    code: str
    label: str
    kind: JournalKind = JournalKind.MISC
    active: bool = True
    id: JournalId | None = None


@dataclass(frozen=True, slots=True)
class ThirdParty:
    code: str
    name: str
    kind: ThirdPartyKind = ThirdPartyKind.OTHER
    nif: str = ""
    nis: str = ""
    rc: str = ""
    ai: str = ""
    address: str = ""
    active: bool = True
    id: ThirdPartyId | None = None
    payment_days: int | None = None
    """Payment terms in days (0–999), None for none: an invoice line naming the party (a debit
    on a customer account, a credit on a supplier's) falls due this many days after its date,
    unless it carries a due date of its own."""


@dataclass(frozen=True, slots=True)
class FiscalYear:
    start: date
    end: date
    state: FiscalYearState = FiscalYearState.OPEN
    id: FiscalYearId | None = None

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    @property
    def name(self) -> str:
        """How accountants name a year: ``2025``, or ``2024-2025`` when it straddles two."""
        if self.start.year == self.end.year:
            return str(self.start.year)
        return f"{self.start.year}-{self.end.year}"


@dataclass(frozen=True, slots=True)
class Line:
    account: str
    """Account number."""
    debit: Decimal = ZERO
    credit: Decimal = ZERO
    label: str = ""
    third_party: str | None = None
    """Third-party code, required on accounts that need one."""
    due_date: date | None = None
    tax: str | None = None
    """Tax code (``app.ledger.tax``) on the base and the tax line of a taxed operation."""


@dataclass(frozen=True, slots=True)
class Entry:
    journal: str
    """Journal code."""
    date: date
    label: str
    lines: tuple[Line, ...]
    reference: str = ""
    """The source document's number (invoice, cheque, the imported file's entry number)."""
    status: EntryStatus = EntryStatus.DRAFT
    number: int | None = None
    """Gap-free number within its journal and fiscal year, assigned at posting."""
    reversal_of: EntryId | None = None
    id: EntryId | None = None
    posted_at: str | None = None
    hash: str | None = None

    @property
    def total_debit(self) -> Decimal:
        return sum((line.debit for line in self.lines), ZERO)

    @property
    def total_credit(self) -> Decimal:
        return sum((line.credit for line in self.lines), ZERO)


@dataclass(frozen=True, slots=True)
class Problem:
    """Why something cannot be done, as a value the caller can list, show, or turn into an error.

    A code and its arguments rather than a sentence: ``text`` words it in any of the three
    languages (see ``app.ledger.problems``), ``message`` in English for the CLI and the logs.
    """

    code: Code
    args: Mapping[str, object] = dataclasses.field(default_factory=dict)
    line: int | None = None
    """1-based line of the entry the problem is about, if any."""
    field: str = ""
    """What the problem is about: ``date``, ``journal``, ``label``, ``account``, ``amount``..."""

    @property
    def message(self) -> str:
        return sentence(self.code, self.args)

    def text(self, language: str, *, amount: Formatter | None = None,
             day: Formatter | None = None) -> str:
        """The problem in ``language``, with amounts and dates formatted by the caller's locale."""
        return sentence(self.code, self.args, language, amount=amount, day=day)

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line is not None else ""
        return f"{where}{self.message}"
