"""What a bank statement says, whatever its format: the statement, its lines, and their checks.

The readers (``camt``, ``ofx``, ``csv_bank``) all produce these, so what comes after them (the
preview today, matching and posting later) never looks at a format. Amounts are exact
``Decimal`` in the statement's currency, signed from the account holder's side: a credit to the
bank account (money in) is positive. Every bad input is one ``StatementError`` whose message
names the file, where in it, the field and the reason, because the user fixes the file or the
mapping, not our code.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from app.ledger.money import Currency, MoneyError, currency, from_minor, money, to_minor

_PLAIN_AMOUNT = re.compile(r"[+-]?\d+(\.\d+)?$")


class StatementError(ValueError):
    """A statement that cannot be read or does not add up; nothing is imported from it."""

    def __init__(self, path: Path | str, where: str, what: str, reason: str) -> None:
        self.path, self.where, self.what, self.reason = Path(path), where, what, reason
        place = ", ".join(part for part in (str(path), where) if part)
        super().__init__(f"{place}, {what}: {reason}" if what else f"{place}: {reason}")


@dataclass(frozen=True, slots=True)
class Balance:
    amount: Decimal
    """Signed like the lines: an overdraft is negative."""
    day: date | None


@dataclass(frozen=True, slots=True)
class StatementLine:
    booking_date: date
    amount: Decimal
    """Positive: money in (a credit to the bank account); negative: money out."""
    label: str = ""
    """The remittance information, or the bank's wording of the operation."""
    counterparty: str = ""
    reference: str = ""
    """The bank's own reference for the line (AcctSvcrRef, NtryRef, FITID, a CSV column)."""
    end_to_end_id: str = ""
    value_date: date | None = None
    balance: Decimal | None = None
    """The running balance after this line, when the file gives one (some CSV exports)."""
    source: str = ""
    """Where the line is in its file (``row 14``, ``entry 3``), for messages."""
    fingerprint: str = ""
    """Stable identity for duplicate detection (``fingerprinted``)."""


@dataclass(frozen=True, slots=True)
class Statement:
    path: Path
    index: int
    """1-based position of the statement in its file (a CAMT file may hold several)."""
    account: str
    """The IBAN, or the bank's account number, as the statement gives it ('' if it does not)."""
    currency: str
    lines: tuple[StatementLine, ...]
    opening: Balance | None = None
    closing: Balance | None = None
    available: Balance | None = None
    identifier: str = ""
    period_start: date | None = None
    period_end: date | None = None
    pending_skipped: int = 0
    """Entries the bank marks as not yet booked: left out of the lines and the balance check."""

    @property
    def where(self) -> str:
        """How messages name the statement in its file: its rank and the bank's id if any."""
        own = f" ({self.identifier})" if self.identifier else ""
        return f"statement {self.index}{own}"

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal(0))


@dataclass(frozen=True, slots=True)
class BalanceCheck:
    checked: bool
    """False when the statement gives too little to check (no opening or closing balance)."""
    ok: bool
    expected: Decimal | None = None
    found: Decimal | None = None
    reason: str = ""
    where: str = ""
    """The statement, and the line for a running balance, in the words of ``StatementError``."""
    what: str = ""


def statement_currency(code: str, path: Path, where: str) -> Currency:
    """The currency of a statement, refused by name when Daftar does not know it."""
    try:
        return currency(code)
    except MoneyError as exc:
        raise StatementError(path, where, "currency", str(exc)) from None


def exact_amount(text: str, cur: Currency) -> Decimal:
    """``text`` (plain ``-1234.5``) as an exact amount in ``cur``'s minor unit.

    Raises ``ValueError`` with the reason alone; the reader adds where it was.
    """
    raw = text.strip()
    if not _PLAIN_AMOUNT.match(raw):
        raise ValueError(f"{text!r} is not an amount")
    try:
        return from_minor(to_minor(money(raw), cur), cur)
    except MoneyError as exc:
        raise ValueError(f"{text!r}: {exc}") from None


def normalized_account(account: str) -> str:
    return "".join(account.split()).upper()


def fingerprinted(account: str, lines: Iterable[StatementLine]) -> tuple[StatementLine, ...]:
    """The lines with their ``fingerprint``: a SHA-256 of the account, booking date, amount,
    reference and label, and the line's rank among the lines identical in all of these.

    The rank keeps two real payments of the same amount on the same day apart, while a
    statement read twice gives the same fingerprints, which is what makes a re-import visible.
    """
    seen: Counter[str] = Counter()
    out = []
    account_key = normalized_account(account)
    for line in lines:
        key = "\x1f".join((account_key, line.booking_date.isoformat(), str(line.amount),
                           line.reference.strip(), " ".join(line.label.split())))
        rank = seen[key]
        seen[key] += 1
        digest = hashlib.sha256(f"{key}\x1f{rank}".encode()).hexdigest()
        out.append(replace(line, fingerprint=digest))
    return tuple(out)


def with_period(statement: Statement) -> Statement:
    """Fill a period the file does not state from the lines' booking dates."""
    if (statement.period_start and statement.period_end) or not statement.lines:
        return statement
    days = [line.booking_date for line in statement.lines]
    return replace(statement, period_start=statement.period_start or min(days),
                   period_end=statement.period_end or max(days))


def check_balance(statement: Statement) -> BalanceCheck:
    """Opening balance plus the lines against the closing balance, and each running balance
    the file gives against the one before it plus the line."""
    previous = statement.opening.amount if statement.opening else None
    for line in statement.lines:
        if line.balance is None:
            previous = None
            continue
        if previous is not None and previous + line.amount != line.balance:
            expected = previous + line.amount
            return BalanceCheck(
                True, False, expected, line.balance,
                f"expected {expected} ({previous} {_signed(line.amount)}), found "
                f"{line.balance} (difference {line.balance - expected})",
                f"{statement.where}, {line.source}", "running balance")
        previous = line.balance
    if statement.opening is None or statement.closing is None:
        missing = "opening" if statement.opening is None else "closing"
        return BalanceCheck(False, True, reason=f"not checked: the statement gives no "
                            f"{missing} balance", where=statement.where)
    expected = statement.opening.amount + statement.total
    found = statement.closing.amount
    if expected != found:
        return BalanceCheck(
            True, False, expected, found,
            f"expected {expected} (opening {statement.opening.amount} "
            f"{_signed(statement.total)} from {len(statement.lines)} lines), found {found} "
            f"(difference {found - expected})", statement.where, "closing balance")
    return BalanceCheck(True, True, expected, found,
                        f"ok: opening {statement.opening.amount} {_signed(statement.total)} "
                        f"= closing {found}", statement.where)


def require_balanced(statement: Statement) -> None:
    """Raise the balance check's failure as a ``StatementError``."""
    result = check_balance(statement)
    if not result.ok:
        raise StatementError(statement.path, result.where, result.what, result.reason)


def split_duplicates(lines: Sequence[StatementLine], known: set[str] | frozenset[str]
                     ) -> tuple[list[StatementLine], list[StatementLine]]:
    """The lines not seen before, and those whose fingerprint is already in ``known``."""
    new = [line for line in lines if line.fingerprint not in known]
    seen = [line for line in lines if line.fingerprint in known]
    return new, seen


def _signed(amount: Decimal) -> str:
    return f"- {-amount}" if amount < 0 else f"+ {amount}"

