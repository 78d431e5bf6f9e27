"""Bank statements read from the files banks give: ISO 20022 camt.053, OFX and CSV.

This package reads and checks them (``read_statements``, ``check_balance``,
``require_balanced``) and tells the lines already seen from the new ones (``split_duplicates``).
Keeping them in the company file, the company's rules and suggestions, and posting the entries
their lines lack are ``app.store.bank`` (with ``app.ledger.bank_rules``), which takes a
``Statement`` as read here: run ``require_balanced`` first, and read a CSV with ``account`` set
to the ledger bank account it is imported for, so that its fingerprints, which a CSV gives no
bank account to, differ from those of another account's export.
"""

from __future__ import annotations

from pathlib import Path

from app.io.bank.camt import read_camt
from app.io.bank.csv_bank import BankCsvMapping, MappingError, read_csv_statement
from app.io.bank.model import (
    Balance,
    BalanceCheck,
    Statement,
    StatementError,
    StatementLine,
    check_balance,
    require_balanced,
    split_duplicates,
)
from app.io.bank.ofx import read_ofx

FORMATS = ("auto", "camt", "ofx", "csv")
_SNIFF_BYTES = 4096

__all__ = [
    "FORMATS", "Balance", "BalanceCheck", "BankCsvMapping", "MappingError", "Statement",
    "StatementError", "StatementLine", "check_balance", "detect_format", "read_statements",
    "require_balanced", "split_duplicates",
]


def detect_format(path: Path) -> str:
    """``ofx`` for an OFX header or ``<OFX>``, ``camt`` for any other XML (its namespace is
    checked when read, so an XML file that is not camt.053 is refused by name), else ``csv``."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError as exc:
        raise StatementError(path, "", "", exc.strerror or str(exc)) from None
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    upper = text.upper()
    if b"OFXHEADER" in upper or b"<OFX>" in upper:
        return "ofx"
    if text.startswith(b"<"):
        return "camt"
    return "csv"


def read_statements(path: Path, fmt: str = "auto", *, mapping: BankCsvMapping | None = None,
                    currency: str = "", account: str = "") -> list[Statement]:
    """The statements of ``path`` in ``fmt`` (``FORMATS``). A CSV needs its ``mapping``, and
    ``currency`` when the mapping names none; ``account`` names a CSV's account."""
    if fmt not in FORMATS:
        raise StatementError(path, "", "format", f"{fmt!r} is not one of {', '.join(FORMATS)}")
    if fmt == "auto":
        fmt = detect_format(path)
    if fmt == "camt":
        return read_camt(path)
    if fmt == "ofx":
        return read_ofx(path)
    if mapping is None:
        raise StatementError(path, "", "format", "neither camt.053 nor OFX, so a CSV: "
                             "choose the bank's CSV mapping")
    return [read_csv_statement(path, mapping, currency=currency, account=account)]
