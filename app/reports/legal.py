"""The legal printouts as data: journal, journal centralisateur, general ledger, trial balance.

What the Algerian D.E. 09-110 (arts 9–12) and the French PCG expect on paper: every entry of
every journal with subtotals per journal and month, the journals centralised month by month, each
account's movements from its opening balance to its closing one, and the trial balance by class.

A ``LegalReport`` is one or more ``Part``s, each a table whose rows are produced lazily (a
generator over ``app.store.queries``), so a million lines are never held at once while they are
read. Labels are written in ``language`` (``fr``, the default, ``en`` or ``ar``) without Qt, so the
desktop and the command line print the same words; dates and amounts stay ``date`` and ``Decimal``
cells that the printer formats for the locale. Nothing here imports Qt.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.ledger.money import ZERO, from_minor
from app.reports import balances, ledger
from app.reports.export import Column, Row, Style
from app.store import queries
from app.store.books import Books

KINDS = ("journal", "general_ledger", "trial_balance")

_TEXTS: dict[str, dict[str, str]] = {
    "journal": {"fr": "Journal", "en": "Journal", "ar": "اليومية"},
    "centralisateur": {"fr": "Journal centralisateur", "en": "Centralising journal",
                       "ar": "اليومية المركزية"},
    "general_ledger": {"fr": "Grand livre", "en": "General ledger", "ar": "دفتر الأستاذ العام"},
    "trial_balance": {"fr": "Balance générale", "en": "Trial balance", "ar": "ميزان المراجعة"},
    "period": {"fr": "Du {0} au {1}", "en": "From {0} to {1}", "ar": "من {0} إلى {1}"},
    "entry": {"fr": "Pièce", "en": "Entry", "ar": "القيد"},
    "date": {"fr": "Date", "en": "Date", "ar": "التاريخ"},
    "account": {"fr": "Compte", "en": "Account", "ar": "الحساب"},
    "account_label": {"fr": "Intitulé du compte", "en": "Account name", "ar": "اسم الحساب"},
    "third_party": {"fr": "Tiers", "en": "Third party", "ar": "الغير"},
    "label": {"fr": "Libellé", "en": "Label", "ar": "البيان"},
    "debit": {"fr": "Débit", "en": "Debit", "ar": "مدين"},
    "credit": {"fr": "Crédit", "en": "Credit", "ar": "دائن"},
    "balance": {"fr": "Solde", "en": "Balance", "ar": "الرصيد"},
    "month": {"fr": "Mois", "en": "Month", "ar": "الشهر"},
    "journal_col": {"fr": "Journal", "en": "Journal", "ar": "اليومية"},
    "opening_debit": {"fr": "Solde initial débit", "en": "Opening debit",
                      "ar": "رصيد افتتاحي مدين"},
    "opening_credit": {"fr": "Solde initial crédit", "en": "Opening credit",
                       "ar": "رصيد افتتاحي دائن"},
    "move_debit": {"fr": "Mouvements débit", "en": "Debit movements", "ar": "حركات مدينة"},
    "move_credit": {"fr": "Mouvements crédit", "en": "Credit movements", "ar": "حركات دائنة"},
    "closing_debit": {"fr": "Solde final débit", "en": "Closing debit", "ar": "رصيد نهائي مدين"},
    "closing_credit": {"fr": "Solde final crédit", "en": "Closing credit",
                       "ar": "رصيد نهائي دائن"},
    "reference": {"fr": "Réf. {0}", "en": "Ref. {0}", "ar": "المرجع {0}"},
    "total_journal_month": {"fr": "Total journal {0} — {1}", "en": "Total journal {0} — {1}",
                            "ar": "مجموع اليومية {0} — {1}"},
    "total_journal": {"fr": "Total journal {0}", "en": "Total journal {0}",
                      "ar": "مجموع اليومية {0}"},
    "total_account": {"fr": "Total compte {0}", "en": "Total account {0}",
                      "ar": "مجموع الحساب {0}"},
    "total_class": {"fr": "Total classe {0}", "en": "Total class {0}", "ar": "مجموع الصنف {0}"},
    "grand_total": {"fr": "Total général", "en": "Grand total", "ar": "المجموع العام"},
    "opening_at": {"fr": "Solde au {0}", "en": "Balance at {0}", "ar": "الرصيد في {0}"},
    "carried": {"fr": "Report à nouveau", "en": "Brought forward", "ar": "ترحيل من جديد"},
    "carry_out": {"fr": "À reporter", "en": "Carried forward", "ar": "يرحّل"},
    "carry_in": {"fr": "Report", "en": "Brought forward", "ar": "مرحّل"},
    "page": {"fr": "Page {0} / {1}", "en": "Page {0} / {1}", "ar": "صفحة {0} / {1}"},
    "edited": {"fr": "Édité le {0}", "en": "Printed on {0}", "ar": "طبع في {0}"},
}

_MONTHS = {
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "ar": ("جانفي", "فيفري", "مارس", "أفريل", "ماي", "جوان", "جويلية", "أوت", "سبتمبر", "أكتوبر",
           "نوفمبر", "ديسمبر"),
}
"""Month names as written in Algeria (the Maghreb's Arabic names)."""


def text(key: str, language: str = "fr") -> str:
    """A label of the printouts in ``language``, French when the language is unknown."""
    texts = _TEXTS[key]
    return texts.get(language) or texts["fr"]


def month_name(year: int, month: int, language: str = "fr") -> str:
    """``mars 2025``, ``March 2025``, ``مارس 2025``."""
    return f"{_MONTHS.get(language, _MONTHS['fr'])[month - 1]} {year}"


def day_text(day: date) -> str:
    """``31/03/2025``: the day first, as the three languages write it in Algeria and France."""
    return day.strftime("%d/%m/%Y")


@dataclass(frozen=True, slots=True)
class Part:
    """One table of a printout; ``rows`` may be a generator, read once."""

    title: str
    columns: tuple[Column, ...]
    rows: Iterable[Row]
    carry: tuple[int, int] | None = None
    """The debit and credit columns whose detail rows (``Style.NORMAL``) are totalled from
    page to page: "À reporter" at the foot of each page the table runs off, "Report" at the
    head of the next, as a bound journal carries its totals forward."""


@dataclass(frozen=True, slots=True)
class LegalReport:
    """A legal printout: the heading every page carries, and its tables."""

    kind: str
    title: str
    company: str
    identifiers: tuple[str, ...]
    """``NIF 000…``, ``RC …``: the company's identifiers that are filled in."""
    period: str
    parts: tuple[Part, ...]
    first: date
    last: date
    language: str = "fr"

    @property
    def right_to_left(self) -> bool:
        return self.language == "ar"

    def page_label(self, page: int, pages: int) -> str:
        return text("page", self.language).format(page, pages)

    def edited_label(self, stamp: str) -> str:
        return text("edited", self.language).format(stamp)


def identifiers(books: Books) -> tuple[str, ...]:
    """The company's filled-in identifiers; a French company's NIF field holds its SIREN (9
    digits) or SIRET (14)."""
    company = books.company
    out = []
    for key in ("nif", "nis", "rc", "ai"):
        value = getattr(company, key).strip()
        if not value:
            continue
        name = key.upper()
        if company.chart == "pcg" and key == "nif":
            name = "SIREN" if len(value) == 9 else "SIRET"
        out.append(f"{name} {value}")
    return tuple(out)


def _report(books: Books, kind: str, start: date, end: date, parts: tuple[Part, ...],
            language: str) -> LegalReport:
    period = text("period", language).format(day_text(start), day_text(end))
    return LegalReport(kind, text(kind, language), books.company.name, identifiers(books),
                       period, parts, start, end, language)


def _amount(key: str, language: str) -> Column:
    return Column(text(key, language), numeric=True, width=15, blank_zero=True)


# --- journal ---------------------------------------------------------------------------------

def journal_columns(language: str = "fr") -> tuple[Column, ...]:
    return (Column(text("entry", language), width=10), Column(text("date", language), width=11),
            Column(text("account", language), width=10),
            Column(text("account_label", language), width=28),
            Column(text("third_party", language), width=10),
            Column(text("label", language), width=30),
            _amount("debit", language), _amount("credit", language))


def _journal_codes(books: Books, journals: tuple[str, ...]) -> list[tuple[str, int]]:
    known = books.journals()
    unknown = [code for code in journals if code not in known]
    if unknown:
        raise ValueError(f"unknown journal {', '.join(unknown)}")
    chosen = journals or tuple(known)
    return [(code, known[code].id) for code in sorted(chosen)]  # type: ignore[misc]


def _journal_stream(books: Books, start: date, end: date, journal_id: int
                    ) -> Iterator[queries.LedgerLine]:
    with books.read() as cur:
        yield from queries.iter_journal_lines(cur, start, end, [journal_id])


def journal_rows(books: Books, start: date, end: date, *, journals: tuple[str, ...] = (),
                 language: str = "fr") -> Iterator[Row]:
    """Journal by journal, entry by entry in (date, number) order: a heading row per entry
    (number, date, label, reference), its lines, a subtotal per journal and month and per
    journal, and the grand total. Streams: one journal's lines at a time, a page at a time."""
    labels = {a.number: a.label(language) for a in books.accounts().values()}
    cur_ = books.currency
    all_debit = all_credit = ZERO
    for code, journal_id in _journal_codes(books, journals):
        j_debit = j_credit = ZERO
        month: tuple[int, int] | None = None
        m_debit = m_credit = ZERO
        entry = heading = None
        for line in _journal_stream(books, start, end, journal_id):
            day = date.fromisoformat(line.date)
            if (day.year, day.month) != month:
                if month is not None:
                    yield _month_total(code, month, m_debit, m_credit, language)
                month, m_debit, m_credit = (day.year, day.month), ZERO, ZERO
            if line.entry_id != entry:
                entry, heading = line.entry_id, line.label
                reference = text("reference", language).format(line.reference) \
                    if line.reference else ""
                title = " — ".join(part for part in (line.label, reference) if part)
                yield Row((f"{code}-{line.entry_number}", day, "", "", "", title, None, None),
                          Style.SECTION, entry_id=line.entry_id)
            debit, credit = from_minor(line.debit, cur_), from_minor(line.credit, cur_)
            yield Row(("", None, line.account, labels.get(line.account, ""), line.third_party,
                       "" if line.label == heading else line.label, debit, credit),
                      account=line.account, entry_id=line.entry_id)
            m_debit, m_credit = m_debit + debit, m_credit + credit
            j_debit, j_credit = j_debit + debit, j_credit + credit
        if month is None:
            continue
        yield _month_total(code, month, m_debit, m_credit, language)
        yield Row(("", None, "", "", "", text("total_journal", language).format(code),
                   j_debit, j_credit), Style.SUBTOTAL)
        all_debit, all_credit = all_debit + j_debit, all_credit + j_credit
    yield Row(("", None, "", "", "", text("grand_total", language), all_debit, all_credit),
              Style.TOTAL)


def _month_total(code: str, month: tuple[int, int], debit: Decimal, credit: Decimal,
                 language: str) -> Row:
    label = text("total_journal_month", language).format(code, month_name(*month, language))
    return Row(("", None, "", "", "", label, debit, credit), Style.SUBTOTAL)


@dataclass(frozen=True, slots=True)
class MonthTotal:
    journal: str
    journal_label: str
    year: int
    month: int
    debit: Decimal
    credit: Decimal


def journal_month_totals(books: Books, start: date, end: date, *,
                         journals: tuple[str, ...] = ()) -> list[MonthTotal]:
    """Debit and credit per journal and month, journals in code order, months in order. The
    lines are streamed and summed: the result has one item per journal and month only."""
    known = books.journals()
    cur_ = books.currency
    out: list[MonthTotal] = []
    for code, journal_id in _journal_codes(books, journals):
        sums: dict[tuple[int, int], tuple[int, int]] = {}
        for line in _journal_stream(books, start, end, journal_id):
            key = (int(line.date[:4]), int(line.date[5:7]))
            debit, credit = sums.get(key, (0, 0))
            sums[key] = (debit + line.debit, credit + line.credit)
        out += [MonthTotal(code, known[code].label, year, month, from_minor(debit, cur_),
                           from_minor(credit, cur_))
                for (year, month), (debit, credit) in sorted(sums.items())]
    return out


def centralisateur_columns(language: str = "fr") -> tuple[Column, ...]:
    return (Column(text("journal_col", language), width=10),
            Column(text("label", language), width=30), Column(text("month", language), width=18),
            _amount("debit", language), _amount("credit", language))


def centralisateur_rows(books: Books, start: date, end: date, *,
                        journals: tuple[str, ...] = (), language: str = "fr") -> Iterator[Row]:
    """One row per journal and month, a subtotal per journal, then the grand total."""
    totals = journal_month_totals(books, start, end, journals=journals)
    all_debit = all_credit = ZERO
    for index, item in enumerate(totals):
        yield Row((item.journal, item.journal_label, month_name(item.year, item.month, language),
                   item.debit, item.credit))
        all_debit, all_credit = all_debit + item.debit, all_credit + item.credit
        if index + 1 == len(totals) or totals[index + 1].journal != item.journal:
            mine = [t for t in totals if t.journal == item.journal]
            yield Row(("", text("total_journal", language).format(item.journal), "",
                       sum((t.debit for t in mine), ZERO), sum((t.credit for t in mine), ZERO)),
                      Style.SUBTOTAL)
    yield Row(("", text("grand_total", language), "", all_debit, all_credit), Style.TOTAL)


def journal_report(books: Books, start: date, end: date, *, journals: tuple[str, ...] = (),
                   language: str = "fr") -> LegalReport:
    """The journal, then its centralisation (each part read lazily, when printed)."""
    parts = (
        Part(text("journal", language), journal_columns(language),
             journal_rows(books, start, end, journals=journals, language=language),
             carry=(6, 7)),
        Part(text("centralisateur", language), centralisateur_columns(language),
             centralisateur_rows(books, start, end, journals=journals, language=language)),
    )
    return _report(books, "journal", start, end, parts, language)


# --- general ledger --------------------------------------------------------------------------

def general_ledger_columns(language: str = "fr") -> tuple[Column, ...]:
    return (Column(text("date", language), width=11), Column(text("entry", language), width=10),
            Column(text("label", language), width=36),
            Column(text("third_party", language), width=10),
            _amount("debit", language), _amount("credit", language),
            Column(text("balance", language), numeric=True, width=15))


def _opening_label(books: Books, start: date, language: str) -> str:
    """``Report à nouveau`` on a fiscal year's first day, else ``Solde au 01/04/2025``."""
    if any(year.start == start for year in books.fiscal_years()):
        return text("carried", language)
    return text("opening_at", language).format(day_text(start))


def general_ledger_rows(books: Books, start: date, end: date, *, low: str | None = None,
                        high: str | None = None, language: str = "fr") -> Iterator[Row]:
    """Per account: its heading, the opening row, its lines with the running balance, then its
    totals (debit, credit, closing balance); the grand totals at the end."""
    opening_label = _opening_label(books, start, language)
    all_debit = all_credit = ZERO
    for section in ledger.general_ledger(books, start, end, low=low, high=high,
                                         language=language):
        account = section.account
        yield Row((None, "", f"{account}  {section.label}", "", None, None, None), Style.SECTION,
                  account=account)
        yield Row((start, "", opening_label, "", None, None, section.opening), account=account)
        debit = credit = ZERO
        balance = section.opening
        for line in section.lines:
            yield Row((line.date, f"{line.journal}-{line.entry_number}", line.label,
                       line.third_party, line.debit, line.credit, line.balance),
                      account=account, entry_id=line.entry_id)
            debit, credit, balance = debit + line.debit, credit + line.credit, line.balance
        yield Row((None, "", text("total_account", language).format(account), "", debit, credit,
                   balance), Style.SUBTOTAL, account=account)
        all_debit, all_credit = all_debit + debit, all_credit + credit
    yield Row((None, "", text("grand_total", language), "", all_debit, all_credit, None),
              Style.TOTAL)


def general_ledger_report(books: Books, start: date, end: date, *, low: str | None = None,
                          high: str | None = None, language: str = "fr") -> LegalReport:
    rows = general_ledger_rows(books, start, end, low=low, high=high, language=language)
    part = Part(text("general_ledger", language), general_ledger_columns(language), rows)
    return _report(books, "general_ledger", start, end, (part,), language)


# --- trial balance ---------------------------------------------------------------------------

_TB_FIELDS = ("opening_debit", "opening_credit", "debit", "credit", "closing_debit",
              "closing_credit")


def trial_balance_columns(language: str = "fr") -> tuple[Column, ...]:
    return (Column(text("account", language), width=10),
            Column(text("account_label", language), width=36),
            _amount("opening_debit", language), _amount("opening_credit", language),
            _amount("move_debit", language), _amount("move_credit", language),
            _amount("closing_debit", language), _amount("closing_credit", language))


def trial_balance_rows(books: Books, start: date, end: date, *, low: str | None = None,
                       high: str | None = None, language: str = "fr") -> Iterator[Row]:
    """The accounts in number order, a subtotal after each class (its first digit), then the
    grand total."""
    tb = balances.trial_balance(books, start, end, low=low, high=high, language=language)
    totals = [ZERO] * len(_TB_FIELDS)
    klass, class_totals = "", [ZERO] * len(_TB_FIELDS)
    for row in tb.rows:
        if row.account[:1] != klass:
            if klass:
                yield _class_total(klass, class_totals, language)
            klass, class_totals = row.account[:1], [ZERO] * len(_TB_FIELDS)
        values = [getattr(row, name) for name in _TB_FIELDS]
        class_totals = [a + b for a, b in zip(class_totals, values, strict=True)]
        totals = [a + b for a, b in zip(totals, values, strict=True)]
        yield Row((row.account, row.label, *values), account=row.account)
    if klass:
        yield _class_total(klass, class_totals, language)
    yield Row(("", text("grand_total", language), *totals), Style.TOTAL)


def _class_total(klass: str, totals: list[Decimal], language: str) -> Row:
    return Row(("", text("total_class", language).format(klass), *totals), Style.SUBTOTAL)


def trial_balance_report(books: Books, start: date, end: date, *, low: str | None = None,
                         high: str | None = None, language: str = "fr") -> LegalReport:
    rows = trial_balance_rows(books, start, end, low=low, high=high, language=language)
    part = Part(text("trial_balance", language), trial_balance_columns(language), rows)
    return _report(books, "trial_balance", start, end, (part,), language)


def legal_report(books: Books, kind: str, start: date, end: date, *, low: str | None = None,
                 high: str | None = None, journals: tuple[str, ...] = (),
                 language: str = "fr") -> LegalReport:
    """The printout ``kind`` (one of ``KINDS``) over [start, end]."""
    if kind == "journal":
        return journal_report(books, start, end, journals=journals, language=language)
    if kind == "general_ledger":
        return general_ledger_report(books, start, end, low=low, high=high, language=language)
    if kind == "trial_balance":
        return trial_balance_report(books, start, end, low=low, high=high, language=language)
    raise ValueError(f"no legal printout {kind!r}; expected one of {', '.join(KINDS)}")
