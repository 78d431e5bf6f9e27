"""The statement of account (relevé de compte) of one third party, to send to a customer.

Over a period, on the party's accounts (customer, supplier and every account that needs a third
party): the party's name, address and identifiers, the balance it started with, each movement
(date, entry, label, due date, letter, debit, credit, running balance) and the closing balance;
then what is still open at the period's end, with how long overdue, and that total by age. It is a
``legal.LegalReport``, so the desktop and ``daftar print party-statement`` print it the same way,
with the company's name and identifiers on every page.

Balances are the books' own, debit − credit: positive when the party owes the company. A letter
is written in capitals when its group is complete at the period's end, in lower case when partial.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from decimal import Decimal

from app.ledger.model import Account, AccountKind, ThirdParty, ThirdPartyKind
from app.ledger.money import ZERO, Currency, from_minor
from app.reports.export import Column, Row, Style
from app.reports.legal import LegalReport, Part, day_text, identifiers
from app.store import open_items, openings
from app.store.books import Books

KIND = "party_statement"

_TEXTS: dict[str, dict[str, str]] = {
    "title": {"fr": "Relevé de compte", "en": "Statement of account", "ar": "كشف حساب"},
    "period": {"fr": "Du {0} au {1}", "en": "From {0} to {1}", "ar": "من {0} إلى {1}"},
    "date": {"fr": "Date", "en": "Date", "ar": "التاريخ"},
    "entry": {"fr": "Pièce", "en": "Entry", "ar": "القيد"},
    "label": {"fr": "Libellé", "en": "Label", "ar": "البيان"},
    "due": {"fr": "Échéance", "en": "Due date", "ar": "تاريخ الاستحقاق"},
    "letter": {"fr": "Lettre", "en": "Match", "ar": "الترصيد"},
    "debit": {"fr": "Débit", "en": "Debit", "ar": "مدين"},
    "credit": {"fr": "Crédit", "en": "Credit", "ar": "دائن"},
    "balance": {"fr": "Solde", "en": "Balance", "ar": "الرصيد"},
    "address": {"fr": "Adresse : {0}", "en": "Address: {0}", "ar": "العنوان: {0}"},
    "opening": {"fr": "Solde au {0}", "en": "Balance at {0}", "ar": "الرصيد في {0}"},
    "carried": {"fr": "Report à nouveau", "en": "Brought forward", "ar": "ترحيل من جديد"},
    "movements": {"fr": "Total des mouvements", "en": "Total movements",
                  "ar": "مجموع الحركات"},
    "closing": {"fr": "Solde au {0}", "en": "Balance at {0}", "ar": "الرصيد في {0}"},
    "open_items": {"fr": "Échéances non réglées au {0}", "en": "Open items at {0}",
                   "ar": "المستحقات غير المسددة في {0}"},
    "no_open_items": {"fr": "Aucune échéance non réglée", "en": "No open items",
                      "ar": "لا توجد مستحقات غير مسددة"},
    "days_late": {"fr": "{0} j de retard", "en": "{0} days overdue", "ar": "متأخر {0} يوم"},
    "aged": {"fr": "Ancienneté des soldes", "en": "Aged balance", "ar": "أعمار الأرصدة"},
    "not_due": {"fr": "Non échu", "en": "Not yet due", "ar": "غير مستحق"},
    "days_0_30": {"fr": "Échu de 0 à 30 jours", "en": "0 to 30 days overdue",
                  "ar": "متأخر من 0 إلى 30 يوما"},
    "days_31_60": {"fr": "Échu de 31 à 60 jours", "en": "31 to 60 days overdue",
                   "ar": "متأخر من 31 إلى 60 يوما"},
    "days_61_90": {"fr": "Échu de 61 à 90 jours", "en": "61 to 90 days overdue",
                   "ar": "متأخر من 61 إلى 90 يوما"},
    "over_90": {"fr": "Échu depuis plus de 90 jours", "en": "Over 90 days overdue",
                "ar": "متأخر أكثر من 90 يوما"},
    "total_due": {"fr": "Total restant dû", "en": "Total outstanding", "ar": "المجموع المتبقي"},
}

BUCKET_KEYS = ("not_due", "days_0_30", "days_31_60", "days_61_90", "over_90")


def text(key: str, language: str = "fr") -> str:
    """A label of the statement in ``language``, French when the language is unknown."""
    texts = _TEXTS[key]
    return texts.get(language) or texts["fr"]


def columns(language: str = "fr") -> tuple[Column, ...]:
    def amount(key: str, blank_zero: bool = True) -> Column:
        return Column(text(key, language), numeric=True, width=15, blank_zero=blank_zero)

    return (Column(text("date", language), width=11), Column(text("entry", language), width=10),
            Column(text("label", language), width=34), Column(text("due", language), width=11),
            Column(text("letter", language), width=6), amount("debit"), amount("credit"),
            amount("balance", blank_zero=False))


def statement_accounts(accounts: Sequence[Account]) -> list[Account]:
    """The accounts a statement reads: those kept per third party."""
    return [a for a in accounts if a.postable and (
        a.needs_third_party or a.kind in (AccountKind.CUSTOMER, AccountKind.SUPPLIER))]


def party_statement(books: Books, code: str, start: date, end: date, *,
                    language: str = "fr") -> LegalReport:
    """The statement of third party ``code`` over [start, end]; rows are read at once (a
    party's lines over a period are few).

    À-nouveaux dated in the period are left out of its movements: on its first day they are
    the opening balance, later they restate the balance the running total already holds.
    """
    party = books.third_parties().get(code)
    if party is None or party.id is None:
        raise ValueError(f"third party {code} does not exist")
    if end < start:
        raise ValueError(f"the statement ends ({end}) before it starts ({start})")
    ids = [a.id for a in statement_accounts(list(books.accounts().values())) if a.id is not None]
    years = books.fiscal_years()
    with books.read() as cur:
        journal_id = openings.opening_journal_id(cur)
        days = [d for d in openings.opening_days(cur, years) if start <= d <= end]
        if days and days[0] == start and journal_id is not None:
            opening = open_items.party_sum(cur, ids, party.id, start, start,
                                           journal_id=journal_id)
        else:
            opening = open_items.party_sum(cur, ids, party.id, openings.anchor(cur, years, start),
                                           start - timedelta(days=1))
        since = openings.anchor(cur, years, end)
        moves = open_items.party_movements(
            cur, ids, party.id, start, end, since=since,
            skip=(journal_id, days) if journal_id is not None else None)
        still_open = open_items.open_lines(cur, ids, since, end, party.id)
    carried = any(year.start == start for year in years)
    rows = [*_identity(party, language),
            *_movements(moves, opening, start, end, carried, books.currency, language),
            *_open_items(still_open, end, party.kind is ThirdPartyKind.SUPPLIER, books.currency,
                         language)]
    title = f"{text('title', language)} — {party.name}"
    period = text("period", language).format(day_text(start), day_text(end))
    part = Part(title, columns(language), rows)
    return LegalReport(KIND, title, books.company.name, identifiers(books), period, (part,),
                       start, end, language)


def _row(label: str, *, day: date | None = None, entry: str = "", due: date | None = None,
         letter: str = "", debit: Decimal | None = None, credit: Decimal | None = None,
         balance: Decimal | str | None = None, style: Style = Style.NORMAL,
         entry_id: int | None = None) -> Row:
    return Row((day, entry, label, due, letter, debit, credit, balance), style,
               entry_id=entry_id)


def _identity(party: ThirdParty, language: str) -> Iterator[Row]:
    yield _row(f"{party.name} ({party.code})", style=Style.SECTION)
    if party.address:
        yield _row(text("address", language).format(party.address))
    ids = "  ·  ".join(f"{key.upper()} {value}" for key in ("nif", "nis", "rc", "ai")
                       if (value := getattr(party, key)))
    if ids:
        yield _row(ids)


def _movements(moves: Sequence[open_items.Movement], opening: int, start: date, end: date,
               carried: bool, cur_: Currency, language: str) -> Iterator[Row]:
    label = text("carried", language) if carried else \
        text("opening", language).format(day_text(start))
    balance = from_minor(opening, cur_)
    yield _row(label, day=start, balance=balance)
    debits = credits = ZERO
    for move in moves:
        debit, credit = from_minor(move.debit, cur_), from_minor(move.credit, cur_)
        balance += debit - credit
        debits, credits = debits + debit, credits + credit
        letter = move.letter if move.complete else move.letter.lower()
        reference = f" ({move.reference})" if move.reference else ""
        yield _row(move.label + reference, day=move.date, entry=f"{move.journal}-{move.number}",
                   due=move.due_date, letter=letter, debit=debit or None,
                   credit=credit or None, balance=balance, entry_id=move.entry_id)
    yield _row(text("movements", language), debit=debits, credit=credits, style=Style.SUBTOTAL)
    yield _row(text("closing", language).format(day_text(end)), day=end, balance=balance,
               style=Style.TOTAL)


def _open_items(lines: Sequence[open_items.OpenLine], end: date, supplier: bool, cur_: Currency,
                language: str) -> Iterator[Row]:
    """The open lines at ``end`` with their remaining amount, then the total by age: what the
    party is asked to pay, and since when. Days overdue are said of what is owed (a customer's
    debits, a supplier's credits), not of the payments and credit notes against it."""
    yield _row(text("open_items", language).format(day_text(end)), style=Style.SECTION)
    if not lines:
        yield _row(text("no_open_items", language))
        return
    buckets = [ZERO] * len(BUCKET_KEYS)
    for line in lines:
        debit, credit = from_minor(line.debit, cur_), from_minor(line.credit, cur_)
        buckets[open_items.bucket_of(line.days_overdue)] += debit - credit
        owed = line.credit if supplier else line.debit
        late = text("days_late", language).format(line.days_overdue) \
            if owed and line.days_overdue >= 0 else ""
        yield _row(line.label, day=line.date, entry=f"{line.journal}-{line.number}",
                   due=line.due_date or line.date, letter=line.letter.lower(),
                   debit=debit or None, credit=credit or None, balance=late,
                   entry_id=line.entry_id)
    yield _row(text("aged", language), style=Style.SECTION)
    for key, amount in zip(BUCKET_KEYS, buckets, strict=True):
        yield _row(text(key, language), balance=amount)
    yield _row(text("total_due", language), balance=sum(buckets, ZERO), style=Style.TOTAL)
