"""OFX 1.x (SGML) and 2.x (XML) bank statements."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from app.io.bank import StatementError, check_balance, detect_format, read_statements
from tests.bank_samples import OFX_V1, OFX_V2


def test_ofx_1_sgml(tmp_path: Path) -> None:
    path = tmp_path / "releve.ofx"
    path.write_bytes(OFX_V1.format(amount="1000,00").encode("cp1252"))
    assert detect_format(path) == "ofx"
    [statement] = read_statements(path)
    assert (statement.account, statement.currency) == ("30004 00123 00012345678", "EUR")
    assert statement.closing and statement.closing.amount == Decimal("2457.50")
    assert statement.available and statement.available.amount == Decimal("2400.00")
    assert statement.opening is None
    spent, received = statement.lines
    assert (spent.amount, spent.label, spent.counterparty, spent.reference) == (
        Decimal("-42.50"), "Achat 05/03", "CB CARREFOUR", "F1")
    assert str(spent.booking_date) == "2025-03-05"
    assert (received.amount, received.label) == (Decimal("1000.00"), "VIR SARL CLIENT")
    check = check_balance(statement)
    assert not check.checked and check.ok and "no opening balance" in check.reason


def test_ofx_2_xml(tmp_path: Path) -> None:
    path = tmp_path / "statement.qfx"
    path.write_text(OFX_V2, encoding="utf-8")
    assert detect_format(path) == "ofx"
    [statement] = read_statements(path, "ofx")
    assert (statement.account, statement.currency) == ("121000248 4000123", "USD")
    assert [line.amount for line in statement.lines] == [
        Decimal("-15.00"), Decimal("-15.00"), Decimal("2500.00")]
    assert str(statement.lines[2].value_date) == "2025-01-16"
    assert statement.closing and statement.closing.amount == Decimal("3470.00")
    assert str(statement.period_start) == "2025-01-01"
    assert len({line.fingerprint for line in statement.lines}) == 3


def test_bad_amount_names_the_transaction(tmp_path: Path) -> None:
    path = tmp_path / "bad.ofx"
    path.write_bytes(OFX_V1.format(amount="1O00.00").encode("cp1252"))
    with pytest.raises(StatementError) as caught:
        read_statements(path)
    assert str(caught.value) == (f"{path}, statement 1, transaction 2, STMTTRN/TRNAMT: "
                                 "'1O00.00' is not an amount")


def test_not_ofx_at_all(tmp_path: Path) -> None:
    path = tmp_path / "junk.ofx"
    path.write_text("OFXHEADER:100\nnothing else\n")
    with pytest.raises(StatementError, match=r"junk\.ofx, OFX: cannot be read"):
        read_statements(path)
