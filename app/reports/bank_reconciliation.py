"""The bank reconciliation statement (état de rapprochement) of a bank account at a date.

Two balances that should tell the same story: the account's balance per the books, and the
balance per the bank's statements. Each is brought to the *reconciled* balance by the lines the
other side has not seen yet: the books add the statement lines not yet booked (bank charges,
a transfer received), the statement adds the booked lines the bank has not cleared yet
(cheques written but not cashed, a deposit in transit). The two reconciled balances must agree;
when they do not, the difference is shown as such, never hidden.

Decisions:

* The balance per the statement at a date is the closing balance of the last stored statement
  ended on or before it, plus the statement lines booked after that statement's end up to the
  date (a statement that runs past the date still counts up to it). Without such a statement,
  the first statement's opening balance plus its lines up to the date.
* A match counts as reconciled at the date only when all its lines, on both sides, are dated on
  or before it; otherwise its lines up to the date are listed as outstanding.
* Ledger lines dated before the first day the stored statements cover are taken as part of the
  first statement's opening balance: they are never listed as outstanding.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TextIO

from app.ledger.money import ZERO, from_minor
from app.reports.export import Column, ReportTable, Row, Style
from app.reports.legal import LegalReport, Part, day_text, identifiers
from app.store import bank_reconcile as store
from app.store.books import Books
from app.store.database import StoreError

FORMATS = ("text", "csv", "json", "xlsx", "pdf")

_TEXTS: dict[str, dict[str, str]] = {
    "title": {"fr": "État de rapprochement bancaire", "en": "Bank reconciliation statement",
              "ar": "حالة التقارب البنكي"},
    "at": {"fr": "Au {0}", "en": "At {0}", "ar": "في {0}"},
    "account": {"fr": "Compte {0} — {1}", "en": "Account {0} — {1}", "ar": "الحساب {0} — {1}"},
    "summary": {"fr": "Rapprochement", "en": "Reconciliation", "ar": "التقارب"},
    "item": {"fr": "Libellé", "en": "Item", "ar": "البيان"},
    "amount": {"fr": "Montant", "en": "Amount", "ar": "المبلغ"},
    "book_balance": {"fr": "Solde du compte selon les livres au {0}",
                     "en": "Balance per the books at {0}", "ar": "الرصيد حسب الدفاتر في {0}"},
    "plus_statement": {"fr": "Opérations du relevé non comptabilisées ({0})",
                       "en": "Statement lines not in the books ({0})",
                       "ar": "عمليات الكشف غير المسجلة ({0})"},
    "reconciled_books": {"fr": "Solde comptable rapproché", "en": "Reconciled book balance",
                         "ar": "الرصيد المحاسبي المطابق"},
    "statement_closing": {"fr": "Solde selon le relevé au {0} (clôture du relevé du {1})",
                          "en": "Balance per the statement at {0} (closing of the statement "
                                "ended {1})",
                          "ar": "الرصيد حسب الكشف في {0} (رصيد إقفال الكشف المنتهي في {1})"},
    "statement_opening": {"fr": "Solde selon le relevé au {0} (ouverture du relevé du {1})",
                          "en": "Balance per the statement at {0} (opening of the statement "
                                "started {1})",
                          "ar": "الرصيد حسب الكشف في {0} (رصيد افتتاح الكشف المبتدئ في {1})"},
    "lines_after": {"fr": ", plus {0} opérations passées depuis",
                    "en": ", plus {0} lines booked since", "ar": "، مع {0} عمليات بعده"},
    "no_statement_balance": {"fr": "Solde selon le relevé : inconnu (aucun solde de relevé "
                                   "au {0})",
                             "en": "Balance per the statement: unknown (no statement balance "
                                   "at {0})",
                             "ar": "الرصيد حسب الكشف: غير معروف (لا رصيد كشف في {0})"},
    "plus_books": {"fr": "Opérations comptabilisées absentes du relevé ({0})",
                   "en": "Book lines not on the statement ({0})",
                   "ar": "عمليات مسجلة غير واردة في الكشف ({0})"},
    "reconciled_statement": {"fr": "Solde bancaire rapproché",
                             "en": "Reconciled statement balance",
                             "ar": "الرصيد البنكي المطابق"},
    "agree": {"fr": "Les soldes rapprochés concordent", "en": "The reconciled balances agree",
              "ar": "الرصيدان المطابقان متساويان"},
    "difference": {"fr": "ÉCART NON EXPLIQUÉ (livres moins relevé)",
                   "en": "UNEXPLAINED DIFFERENCE (books less statement)",
                   "ar": "فرق غير مفسر (الدفاتر ناقص الكشف)"},
    "no_difference": {"fr": "Écart non calculable : aucun solde de relevé connu",
                      "en": "No difference can be worked out: no statement balance is known",
                      "ar": "لا يمكن حساب الفرق: لا رصيد كشف معروف"},
    "books_part": {"fr": "Opérations comptabilisées non portées sur le relevé",
                   "en": "Booked, not yet on the statement",
                   "ar": "عمليات مسجلة لم ترد بعد في الكشف"},
    "statement_part": {"fr": "Opérations du relevé non encore comptabilisées",
                       "en": "On the statement, not yet in the books",
                       "ar": "عمليات الكشف غير المسجلة بعد"},
    "date": {"fr": "Date", "en": "Date", "ar": "التاريخ"},
    "entry": {"fr": "Pièce", "en": "Entry", "ar": "القيد"},
    "line": {"fr": "Ligne", "en": "Line", "ar": "السطر"},
    "reference": {"fr": "Référence", "en": "Reference", "ar": "المرجع"},
    "label": {"fr": "Libellé", "en": "Label", "ar": "البيان"},
    "money_in": {"fr": "Entrées", "en": "Money in", "ar": "مقبوضات"},
    "money_out": {"fr": "Sorties", "en": "Money out", "ar": "مدفوعات"},
    "total": {"fr": "Total", "en": "Total", "ar": "المجموع"},
    "none": {"fr": "Aucune", "en": "None", "ar": "لا شيء"},
}


def text(key: str, language: str = "fr") -> str:
    """A label of the statement in ``language``, French when the language is unknown."""
    texts = _TEXTS[key]
    return texts.get(language) or texts["fr"]


@dataclass(frozen=True, slots=True)
class Outstanding:
    """A line one side has and the other has not seen yet; money in positive."""

    day: date
    amount: Decimal
    source: str
    """``BQ-12:1`` for a ledger line, ``#45`` for a statement line (its id)."""
    reference: str
    label: str


@dataclass(frozen=True, slots=True)
class Reconciliation:
    account: str
    account_label: str
    at: date
    currency: str
    book_balance: Decimal
    statement_balance: store.StatementBalance | None
    statement_amount: Decimal | None
    books_not_on_statement: tuple[Outstanding, ...]
    statement_not_in_books: tuple[Outstanding, ...]

    @property
    def reconciled_books(self) -> Decimal:
        return self.book_balance + sum((x.amount for x in self.statement_not_in_books), ZERO)

    @property
    def reconciled_statement(self) -> Decimal | None:
        if self.statement_amount is None:
            return None
        return self.statement_amount + sum((x.amount for x in self.books_not_on_statement), ZERO)

    @property
    def difference(self) -> Decimal | None:
        """Reconciled books less reconciled statement: zero when all is explained."""
        other = self.reconciled_statement
        return None if other is None else self.reconciled_books - other


def reconciliation(books: Books, account: str, at: date | None = None, *,
                   language: str = "fr") -> Reconciliation:
    """The reconciliation of ``account`` at ``at`` (default: the end of its last statement)."""
    with books.read() as cur:
        account_id = store.bank_account(cur, account)
        store.check_currency(cur, account_id)
        start = store.statement_start(cur, account_id)
        if start is None:
            raise StoreError(f"account {account} has no bank statement stored: import one "
                             "before drawing up its reconciliation")
        day = at or store.latest_statement_end(cur, account_id) or date.today()
        balance = store.statement_balance(cur, account_id, day)
        ledger = store.outstanding_ledger_lines(cur, account_id, day, start)
        statement = store.outstanding_statement_lines(cur, account_id, day)
        books_amount = store.book_balance(cur, account_id, day)
    money = books.currency
    return Reconciliation(
        account, books.account(account).label(language), day, money.code,
        from_minor(books_amount, money), balance,
        None if balance is None else from_minor(balance.amount, money),
        tuple(Outstanding(x.day, from_minor(x.amount, money), x.name, x.reference, x.label)
              for x in ledger),
        tuple(Outstanding(s.booking_date, from_minor(s.amount, money), f"#{s.id}",
                          s.reference, " ".join(p for p in (s.label, s.counterparty) if p))
              for s in statement))


# --- as rows, for the PDF and the spreadsheet ---------------------------------------------------

def _statement_line_text(rec: Reconciliation, language: str) -> str:
    balance, at = rec.statement_balance, day_text(rec.at)
    if balance is None:
        return text("no_statement_balance", language).format(at)
    key = "statement_closing" if balance.basis == "closing" else "statement_opening"
    out = text(key, language).format(at, day_text(balance.day))
    if balance.lines_after:
        out += text("lines_after", language).format(balance.lines_after)
    return out


SummaryLine = tuple[str, Decimal | None, Style]


def summary(rec: Reconciliation, language: str = "fr") -> list[SummaryLine]:
    """The two balances, what each adds, the reconciled balances and their difference."""
    def t(key: str) -> str:
        return text(key, language)

    lines: list[SummaryLine] = [
        (t("book_balance").format(day_text(rec.at)), rec.book_balance, Style.NORMAL),
        (t("plus_statement").format(len(rec.statement_not_in_books)),
         rec.reconciled_books - rec.book_balance, Style.NORMAL),
        (t("reconciled_books"), rec.reconciled_books, Style.SUBTOTAL),
        (_statement_line_text(rec, language), rec.statement_amount, Style.NORMAL),
    ]
    if rec.statement_amount is not None and rec.reconciled_statement is not None:
        lines += [(t("plus_books").format(len(rec.books_not_on_statement)),
                   rec.reconciled_statement - rec.statement_amount, Style.NORMAL),
                  (t("reconciled_statement"), rec.reconciled_statement, Style.SUBTOTAL)]
    difference = rec.difference
    if difference is None:
        lines.append((t("no_difference"), None, Style.TOTAL))
    elif difference == 0:
        lines.append((t("agree"), None, Style.TOTAL))
    else:
        lines.append((t("difference"), difference, Style.TOTAL))
    return lines


def summary_rows(rec: Reconciliation, language: str = "fr") -> list[Row]:
    return [Row((label, amount), style) for label, amount, style in summary(rec, language)]


def _summary_columns(language: str) -> tuple[Column, ...]:
    return (Column(text("item", language), width=70),
            Column(text("amount", language), numeric=True, width=18))


def _item_columns(language: str, source: str) -> tuple[Column, ...]:
    return (Column(text("date", language), width=11), Column(text(source, language), width=12),
            Column(text("reference", language), width=16),
            Column(text("label", language), width=40),
            Column(text("money_in", language), numeric=True, width=15, blank_zero=True),
            Column(text("money_out", language), numeric=True, width=15, blank_zero=True))


def item_rows(items: tuple[Outstanding, ...], language: str = "fr") -> list[Row]:
    rows = [Row((x.day, x.source, x.reference, x.label, max(x.amount, ZERO),
                 max(-x.amount, ZERO))) for x in items]
    money_in = sum((x.amount for x in items if x.amount > 0), ZERO)
    money_out = -sum((x.amount for x in items if x.amount < 0), ZERO)
    label = text("total", language) if items else text("none", language)
    rows.append(Row((None, "", "", label, money_in, money_out), Style.TOTAL))
    return rows


def _title(rec: Reconciliation, language: str) -> str:
    return (f"{text('title', language)} — "
            f"{text('account', language).format(rec.account, rec.account_label)}")


def legal_report(books: Books, rec: Reconciliation, language: str = "fr") -> LegalReport:
    """The statement as a printout, for ``app.cli.printing.write_pdf``."""
    parts = (Part(text("summary", language), _summary_columns(language),
                  summary_rows(rec, language)),
             Part(text("books_part", language), _item_columns(language, "entry"),
                  item_rows(rec.books_not_on_statement, language)),
             Part(text("statement_part", language), _item_columns(language, "line"),
                  item_rows(rec.statement_not_in_books, language)))
    first = rec.statement_balance.day if rec.statement_balance else rec.at
    return LegalReport("bank_reconciliation", _title(rec, language), books.company.name,
                       identifiers(books), text("at", language).format(day_text(rec.at)),
                       parts, min(first, rec.at), rec.at, language)


def report_table(books: Books, rec: Reconciliation, language: str = "fr") -> ReportTable:
    """The statement as one sheet: the summary, then each list under its heading row."""
    columns = _item_columns(language, "entry")
    rows = [Row((None, "", "", label, None, amount), style)
            for label, amount, style in summary(rec, language)]
    for key, items in (("books_part", rec.books_not_on_statement),
                       ("statement_part", rec.statement_not_in_books)):
        rows.append(Row((None, "", "", text(key, language), None, None), Style.SECTION))
        rows += item_rows(items, language)
    return ReportTable("bank_reconciliation", _title(rec, language), books.company.name,
                       text("at", language).format(day_text(rec.at)), columns, rows,
                       first=rec.at, last=rec.at, exponent=books.currency.exponent,
                       right_to_left=language == "ar")


# --- as text, CSV and JSON, for the command line ------------------------------------------------

def _amount(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:f}"


def as_json(rec: Reconciliation) -> dict[str, object]:
    balance = rec.statement_balance

    def items(lines: tuple[Outstanding, ...]) -> list[dict[str, object]]:
        return [{"date": x.day.isoformat(), "source": x.source, "reference": x.reference,
                 "label": x.label, "amount": _amount(x.amount)} for x in lines]

    return {
        "report": "bank_reconciliation", "account": rec.account, "at": rec.at.isoformat(),
        "currency": rec.currency, "book_balance": _amount(rec.book_balance),
        "statement_balance": _amount(rec.statement_amount),
        "statement_basis": None if balance is None else {
            "kind": balance.basis, "date": balance.day.isoformat(),
            "lines_after": balance.lines_after},
        "books_not_on_statement": items(rec.books_not_on_statement),
        "statement_not_in_books": items(rec.statement_not_in_books),
        "reconciled_books": _amount(rec.reconciled_books),
        "reconciled_statement": _amount(rec.reconciled_statement),
        "difference": _amount(rec.difference),
    }


def write(rec: Reconciliation, fmt: str, out: TextIO, language: str = "fr") -> None:
    """``text``, ``csv`` (one row per summary line and per outstanding line) or ``json``."""
    if fmt == "json":
        json.dump(as_json(rec), out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["section", "date", "source", "reference", "label", "amount"])
        writer.writerows(["summary", "", "", "", label, _amount(amount) or ""]
                         for label, amount, _ in summary(rec, language))
        for section, items in (("books_not_on_statement", rec.books_not_on_statement),
                               ("statement_not_in_books", rec.statement_not_in_books)):
            writer.writerows([section, x.day.isoformat(), x.source, x.reference, x.label,
                              _amount(x.amount)] for x in items)
    else:
        _write_text(rec, out, language)


def _write_text(rec: Reconciliation, out: TextIO, language: str) -> None:
    out.write(f"{_title(rec, language)}\n{text('at', language).format(day_text(rec.at))} "
              f"({rec.currency})\n\n")
    lines = [(label, _amount(amount) or "") for label, amount, _ in summary(rec, language)]
    width = max(len(label) for label, _ in lines)
    for label, amount in lines:
        out.write(f"  {label.ljust(width)}  {amount:>16}".rstrip() + "\n")
    for key, items in (("books_part", rec.books_not_on_statement),
                       ("statement_part", rec.statement_not_in_books)):
        out.write(f"\n{text(key, language)}\n")
        if not items:
            out.write(f"  {text('none', language)}\n")
        for x in items:
            out.write(f"  {x.day.isoformat()}  {x.source:<12} {_amount(x.amount):>14}  "
                      f"{x.label}{'  [' + x.reference + ']' if x.reference else ''}\n")
