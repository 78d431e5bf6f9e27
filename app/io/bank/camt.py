"""ISO 20022 camt.053 (bank-to-customer statement), versions 001.02 onwards.

The version is read from the document's namespace rather than assumed, since banks send
anything from .02 to .13 and the elements used here kept their names across them (a party's
name moved under ``Pty`` in .08; both places are read). The XML is parsed by ``defusedxml``
with DTDs forbidden: a statement comes from outside, and a DTD is how entity-expansion ("billion
laughs") and external-entity attacks get in; no genuine camt.053 carries one.

One ``Statement`` per ``Stmt``; one line per booked ``Ntry`` (a batch booking stays one line,
its remittance texts joined), since the entry is what the bank's balance moves by.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal
from pathlib import Path

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

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

CAMT053 = re.compile(r"urn:iso:std:iso:20022:tech:xsd:camt\.053\.001\.(\d{2})$")
OPENING_CODES = ("OPBD", "PRCD")
"""Opening booked balance, else the previous closing one, which some banks send instead."""
NOT_PROVIDED = "NOTPROVIDED"


def namespace_of(tag: str) -> str:
    return tag[1:].partition("}")[0] if tag.startswith("{") else ""


def is_camt053(namespace: str) -> bool:
    return CAMT053.match(namespace) is not None


def read_camt(path: Path) -> list[Statement]:
    """Every statement of a camt.053 file, its lines fingerprinted; balances not yet checked."""
    try:
        root = SafeET.parse(path, forbid_dtd=True, forbid_entities=True,
                            forbid_external=True).getroot()
    except DefusedXmlException as exc:
        raise StatementError(path, "", "XML", f"refused: it declares a DTD or entities "
                             f"({type(exc).__name__}), which no bank statement needs") from None
    except ET.ParseError as exc:
        line, column = exc.position
        raise StatementError(path, f"line {line}, column {column}", "",
                             f"not well-formed XML ({exc})") from None
    namespace = namespace_of(root.tag)
    if not is_camt053(namespace):
        raise StatementError(path, "", "namespace", f"{namespace or 'none'} is not a "
                             "camt.053 namespace (urn:iso:std:iso:20022:tech:xsd:camt.053.001.NN)")
    reader = _Reader(path, namespace)
    statements = [reader.statement(stmt, index) for index, stmt in
                  enumerate(root.iterfind(reader.path("BkToCstmrStmt/Stmt")), start=1)]
    if not statements:
        raise StatementError(path, "", "BkToCstmrStmt/Stmt", "the file holds no statement")
    return statements


class _Reader:
    """Paths in the document's namespace, and the fields every element type shares."""

    def __init__(self, path: Path, namespace: str) -> None:
        self.file, self.ns = path, namespace
        self._paths: dict[str, str] = {}

    def path(self, short: str) -> str:
        full = self._paths.get(short)
        if full is None:
            full = "/".join(f"{{{self.ns}}}{part}" for part in short.split("/"))
            self._paths[short] = full
        return full

    def text(self, element: ET.Element, short: str) -> str:
        found = element.find(self.path(short))
        return (found.text or "").strip() if found is not None else ""

    def first(self, element: ET.Element, *shorts: str) -> str:
        for short in shorts:
            if value := self.text(element, short):
                return value
        return ""

    def fail(self, where: str, what: str, reason: str) -> StatementError:
        return StatementError(self.file, where, what, reason)

    def day(self, element: ET.Element, short: str, where: str, *, required: bool) -> date | None:
        """``short/Dt`` or the date of ``short/DtTm``."""
        text = self.first(element, f"{short}/Dt", f"{short}/DtTm")
        if not text:
            if required:
                raise self.fail(where, f"{short}/Dt", "missing")
            return None
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            raise self.fail(where, f"{short}/Dt", f"{text!r} is not a date") from None

    def signed_amount(self, element: ET.Element, where: str, prefix: str, cur: Currency
                      ) -> Decimal:
        """``Amt`` with its ``Ccy`` checked and the sign of ``CdtDbtInd`` (DBIT: money out)."""
        found = element.find(self.path("Amt"))
        if found is None:
            raise self.fail(where, f"{prefix}/Amt", "missing")
        ccy = found.get("Ccy", "")
        if ccy and ccy.upper() != cur.code:
            raise self.fail(where, f"{prefix}/Amt", f"in {ccy}, the statement is in {cur.code}")
        try:
            amount = exact_amount(found.text or "", cur)
        except ValueError as exc:
            raise self.fail(where, f"{prefix}/Amt", str(exc)) from None
        if amount < 0:
            raise self.fail(where, f"{prefix}/Amt", "negative; the sign is CdtDbtInd's")
        indicator = self.text(element, "CdtDbtInd")
        if indicator not in ("CRDT", "DBIT"):
            raise self.fail(where, f"{prefix}/CdtDbtInd", f"{indicator!r} is neither CRDT "
                            "nor DBIT")
        return amount if indicator == "CRDT" else -amount

    def currency_of(self, stmt: ET.Element, where: str) -> Currency:
        code = self.text(stmt, "Acct/Ccy")
        if not code:
            for short in ("Bal/Amt", "Ntry/Amt"):
                found = stmt.find(self.path(short))
                if found is not None and found.get("Ccy"):
                    code = found.get("Ccy", "")
                    break
        if not code:
            raise self.fail(where, "Acct/Ccy", "the statement names no currency")
        return statement_currency(code, self.file, where)

    def statement(self, stmt: ET.Element, index: int) -> Statement:
        identifier = self.text(stmt, "Id")
        where = f"statement {index}" + (f" ({identifier})" if identifier else "")
        cur = self.currency_of(stmt, where)
        balances: dict[str, Balance] = {}
        for number, bal in enumerate(stmt.iterfind(self.path("Bal")), start=1):
            code = self.first(bal, "Tp/CdOrPrtry/Cd", "Tp/CdOrPrtry/Prtry")
            place = f"{where}, balance {number} ({code or 'no type'})"
            balances.setdefault(code, Balance(self.signed_amount(bal, place, "Bal", cur),
                                              self.day(bal, "Dt", place, required=False)))
        lines, pending = [], 0
        for number, ntry in enumerate(stmt.iterfind(self.path("Ntry")), start=1):
            line = self.entry(ntry, f"{where}, entry {number}", cur)
            if line is None:
                pending += 1
            else:
                lines.append(line)
        account = self.first(stmt, "Acct/Id/IBAN", "Acct/Id/Othr/Id")
        period_start = self.first(stmt, "FrToDt/FrDtTm", "FrToDt/FrDt")
        period_end = self.first(stmt, "FrToDt/ToDtTm", "FrToDt/ToDt")
        opening = next((balances[c] for c in OPENING_CODES if c in balances), None)
        return with_period(Statement(
            self.file, index, account, cur.code, fingerprinted(account, lines),
            opening=opening, closing=balances.get("CLBD"), available=balances.get("CLAV"),
            identifier=identifier, period_start=_date_or_none(period_start),
            period_end=_date_or_none(period_end), pending_skipped=pending))

    def entry(self, ntry: ET.Element, where: str, cur: Currency) -> StatementLine | None:
        """The line of a booked entry; ``None`` for one the bank has not booked yet."""
        status = self.first(ntry, "Sts/Cd", "Sts")
        if status and status != "BOOK":
            return None
        amount = self.signed_amount(ntry, where, "Ntry", cur)
        booked = self.day(ntry, "BookgDt", where, required=True)
        assert booked is not None
        details = ntry.findall(self.path("NtryDtls/TxDtls"))
        texts = [t for tx in details for t in self._remittance(tx)]
        if not texts:
            texts = [self.first(ntry, "AddtlNtryInf")]
        side = "Dbtr" if amount > 0 else "Cdtr"
        counterparty = end_to_end = tx_reference = ""
        for tx in details:
            counterparty = counterparty or self.first(
                tx, f"RltdPties/{side}/Nm", f"RltdPties/{side}/Pty/Nm")
            found = self.text(tx, "Refs/EndToEndId")
            if found.upper() != NOT_PROVIDED:
                end_to_end = end_to_end or found
            tx_reference = tx_reference or self.text(tx, "Refs/AcctSvcrRef")
        return StatementLine(
            booking_date=booked, amount=amount, label=" ".join(t for t in texts if t),
            counterparty=counterparty,
            reference=self.first(ntry, "AcctSvcrRef", "NtryRef") or tx_reference,
            end_to_end_id=end_to_end,
            value_date=self.day(ntry, "ValDt", where, required=False), source=where)

    def _remittance(self, tx: ET.Element) -> list[str]:
        unstructured = [(u.text or "").strip()
                        for u in tx.iterfind(self.path("RmtInf/Ustrd"))]
        if any(unstructured):
            return unstructured
        return [self.first(tx, "RmtInf/Strd/CdtrRefInf/Ref", "AddtlTxInf")]


def _date_or_none(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None
