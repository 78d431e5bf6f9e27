"""OFX bank and card statements, 1.x (SGML) and 2.x (XML), through ``ofxtools``' parser.

``ofxtools`` reads the header (version, charset) and turns either syntax into one element tree;
the fields are read from that tree here rather than through its strict model conversion, which
refuses a whole file for a missing sign-on status that real bank exports often leave out. Its
parser is a tag scanner, not an XML parser, so no DTD or entity is ever expanded.

OFX gives the closing (``LEDGERBAL``) and available (``AVAILBAL``) balances but no opening one,
so an OFX statement's balances cannot be checked against its lines; the preview says so.
``NAME`` is the payee as the bank words it: with a ``MEMO`` it is the counterparty and the memo
the label, else it is the label (banks that send no memo put their whole wording there).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal
from pathlib import Path

from ofxtools.Parser import OFXTree

from app.io.bank.model import (
    Balance,
    Statement,
    StatementError,
    StatementLine,
    exact_amount,
    fingerprinted,
    statement_currency,
    with_period,
)
from app.ledger.money import Currency

_OFX_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
STATEMENTS = ("STMTRS", "CCSTMTRS")
"""A bank account's statement, and a credit card's."""


def read_ofx(path: Path) -> list[Statement]:
    """Every statement of an OFX file, its lines fingerprinted."""
    tree = OFXTree()
    try:
        with open(path, "rb") as source:
            tree.parse(source)
    except (SyntaxError, ValueError, LookupError) as exc:
        raise StatementError(path, "", "OFX", f"cannot be read ({exc})") from None
    root = tree.getroot()
    found = [element for element in root.iter() if element.tag in STATEMENTS]
    if not found:
        raise StatementError(path, "", "STMTRS", "the file holds no bank or card statement")
    return [_statement(path, element, index) for index, element in enumerate(found, start=1)]


def _text(element: ET.Element, path: str) -> str:
    found = element.find(path)
    return (found.text or "").strip() if found is not None else ""


def _day(text: str, path: Path, where: str, what: str, *, required: bool) -> date | None:
    """The day of an OFX date (``YYYYMMDD[HHMMSS[.XXX]][[offset:TZ]]``)."""
    if not text:
        if required:
            raise StatementError(path, where, what, "missing")
        return None
    match = _OFX_DATE.match(text)
    try:
        if match:
            return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        pass
    raise StatementError(path, where, what, f"{text!r} is not a date")


def _amount(text: str, cur: Currency, path: Path, where: str, what: str) -> Decimal:
    """OFX amounts use a point, or a comma in some locales; the sign is the amount's own."""
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        return exact_amount(text, cur)
    except ValueError as exc:
        raise StatementError(path, where, what, str(exc)) from None


def _balance(element: ET.Element, tag: str, cur: Currency, path: Path, where: str
             ) -> Balance | None:
    found = element.find(tag)
    if found is None:
        return None
    place = f"{where}, {tag}"
    amount = _amount(_text(found, "BALAMT"), cur, path, place, "BALAMT")
    return Balance(amount, _day(_text(found, "DTASOF"), path, place, "DTASOF", required=False))


def _statement(path: Path, element: ET.Element, index: int) -> Statement:
    where = f"statement {index}"
    code = _text(element, "CURDEF")
    if not code:
        raise StatementError(path, where, "CURDEF", "the statement names no currency")
    cur = statement_currency(code, path, where)
    account_element = element.find("BANKACCTFROM")
    if account_element is None:
        account_element = element.find("CCACCTFROM")
    account = ""
    if account_element is not None:
        parts = (_text(account_element, tag) for tag in ("BANKID", "BRANCHID", "ACCTID"))
        account = " ".join(part for part in parts if part)
    lines = []
    for number, trn in enumerate(element.iterfind("BANKTRANLIST/STMTTRN"), start=1):
        place = f"{where}, transaction {number}"
        name, memo = _text(trn, "NAME"), _text(trn, "MEMO")
        if not name:
            name = _text(trn, "PAYEE/NAME")
        lines.append(StatementLine(
            booking_date=_required_day(trn, "DTPOSTED", path, place),
            amount=_amount(_text(trn, "TRNAMT"), cur, path, place, "STMTTRN/TRNAMT"),
            label=memo or name, counterparty=name if memo else "",
            reference=_text(trn, "FITID"),
            value_date=_day(_text(trn, "DTAVAIL"), path, place, "STMTTRN/DTAVAIL",
                            required=False),
            source=place))
    return with_period(Statement(
        path, index, account, cur.code, fingerprinted(account, lines),
        closing=_balance(element, "LEDGERBAL", cur, path, where),
        available=_balance(element, "AVAILBAL", cur, path, where),
        period_start=_day(_text(element, "BANKTRANLIST/DTSTART"), path, where,
                          "BANKTRANLIST/DTSTART", required=False),
        period_end=_day(_text(element, "BANKTRANLIST/DTEND"), path, where,
                        "BANKTRANLIST/DTEND", required=False)))


def _required_day(trn: ET.Element, tag: str, path: Path, where: str) -> date:
    day = _day(_text(trn, tag), path, where, f"STMTTRN/{tag}", required=True)
    assert day is not None
    return day
