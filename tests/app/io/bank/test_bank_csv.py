"""Bank CSV exports read through a column mapping, and mappings saved in the company."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from app.io.bank import (
    BankCsvMapping,
    MappingError,
    StatementError,
    check_balance,
    detect_format,
    read_statements,
    require_balanced,
)
from app.io.bank.mappings import load_mapping, save_mapping, saved_mappings
from app.store.database import StoreError
from tests.bank_samples import CSV_DEBIT_CREDIT, CSV_SIGNED

SIGNED = BankCsvMapping(name="BNA", date="Date", label="Libellé", amount="Montant",
                        balance="Solde", reference="Référence", delimiter=";",
                        decimal_comma=True, header_rows=2)
DEBIT_CREDIT = BankCsvMapping(name="CPA", date="Date operation", value_date="Date valeur",
                              label="Libelle", debit="Debit", credit="Credit",
                              counterparty="Tiers", decimal_comma=True, thousands=".",
                              encoding="cp1252", date_formats=("%Y-%m-%d",))


def test_signed_amounts_newest_first_with_running_balance(tmp_path: Path) -> None:
    path = tmp_path / "releve.csv"
    path.write_text(CSV_SIGNED, encoding="utf-8")
    assert detect_format(path) == "csv"
    [statement] = read_statements(path, mapping=SIGNED, currency="DZD", account="0001234")
    assert [(str(x.booking_date), x.amount, x.label) for x in statement.lines] == [
        ("2025-03-03", Decimal("1000.00"), "VIR SARL CLIENT"),
        ("2025-03-05", Decimal("-42.50"), "CB CARREFOUR")]
    assert statement.opening and statement.opening.amount == Decimal("0.00")
    assert statement.closing and statement.closing.amount == Decimal("957.50")
    assert check_balance(statement).ok and statement.currency == "DZD"


def test_a_running_balance_that_does_not_follow_names_the_row(tmp_path: Path) -> None:
    path = tmp_path / "releve.csv"
    path.write_text(CSV_SIGNED.replace("957,50", "967,50"), encoding="utf-8")
    [statement] = read_statements(path, mapping=SIGNED, currency="DZD")
    with pytest.raises(StatementError) as caught:
        require_balanced(statement)
    assert str(caught.value) == (f"{path}, statement 1, row 3, running balance: expected "
                                 "957.50 (1000.00 - 42.50), found 967.50 (difference 10.00)")


def test_debit_and_credit_columns(tmp_path: Path) -> None:
    path = tmp_path / "cpa.csv"
    path.write_bytes(CSV_DEBIT_CREDIT.encode("cp1252"))
    [statement] = read_statements(path, "csv", mapping=DEBIT_CREDIT, currency="DZD")
    received, fee, same_fee = statement.lines
    assert (received.amount, received.counterparty, str(received.value_date)) == (
        Decimal("1000.00"), "SARL Client", "2025-03-04")
    assert fee.amount == same_fee.amount == Decimal("-7.50")
    assert fee.fingerprint != same_fee.fingerprint
    assert not check_balance(statement).checked
    [again] = read_statements(path, "csv", mapping=DEBIT_CREDIT, currency="DZD")
    assert [x.fingerprint for x in again.lines] == [x.fingerprint for x in statement.lines]


@pytest.mark.parametrize(("row", "needle"), [
    ("05/03/2025;CB;12,3,4;1,00;R", "row 3, amount: '12,3,4' is not an amount"),
    ("05/03/2025;CB;12,345;1,00;R", "row 3, amount: '12,345': 12.345 has more than 2 decimals"),
    ("2025/03/05;CB;12,00;1,00;R", "row 3, date: '2025/03/05' is not a date (%d/%m/%Y or"),
    ("05/03/2025;CB", "row 3, amount: the row has 2 columns, the mapping reads column 3"),
])
def test_bad_rows_name_file_row_and_field(tmp_path: Path, row: str, needle: str) -> None:
    path = tmp_path / "releve.csv"
    path.write_text(f"x\nDate;Libellé;Montant;Solde;Référence\n{row}\n", encoding="utf-8")
    with pytest.raises(StatementError) as caught:
        read_statements(path, mapping=SIGNED, currency="DZD")
    assert str(caught.value).startswith(f"{path}, ") and needle in str(caught.value)


def test_missing_column_and_both_sides(tmp_path: Path) -> None:
    path = tmp_path / "cpa.csv"
    path.write_text(CSV_DEBIT_CREDIT.replace("Tiers", "Nom"), encoding="cp1252")
    with pytest.raises(StatementError, match=r"row 1, counterparty: no column 'Tiers'"):
        read_statements(path, mapping=DEBIT_CREDIT, currency="DZD")
    path.write_text(CSV_DEBIT_CREDIT.replace(',"7,50",,', ',"7,50","1,00",', 1),
                    encoding="cp1252")
    with pytest.raises(StatementError, match=r"row 3, debit/credit: both hold an amount"):
        read_statements(path, mapping=DEBIT_CREDIT, currency="DZD")


def test_wrong_encoding_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "cpa.csv"
    path.write_bytes(CSV_SIGNED.encode("cp1252"))
    with pytest.raises(StatementError, match=r"line 1, encoding: not utf-8-sig text"):
        read_statements(path, mapping=SIGNED, currency="DZD")


def test_a_mapping_that_cannot_work_is_refused() -> None:
    bad = BankCsvMapping(name="X", date="1", label="2", amount="3", debit="4", delimiter=";;")
    problems = bad.problems()
    assert any("not both" in p for p in problems) and any("delimiter" in p for p in problems)
    assert BankCsvMapping(name="Y", date="D", label="L", amount="A", header_rows=0).problems()


def test_mappings_are_saved_in_the_company(books) -> None:
    save_mapping(books, SIGNED)
    save_mapping(books, DEBIT_CREDIT)
    assert load_mapping(books, "BNA") == SIGNED
    assert [m.name for m in saved_mappings(books)] == ["BNA", "CPA"]
    with pytest.raises(MappingError, match="exists already"):
        save_mapping(books, SIGNED)
    save_mapping(books, SIGNED, replace=True)
    with pytest.raises(MappingError, match=r"no bank CSV mapping named 'SG' \(saved: BNA, CPA\)"):
        load_mapping(books, "SG")
    assert books.settings("bank_csv_mapping:")["bank_csv_mapping:CPA"].startswith("{")
    with pytest.raises(StoreError, match="not one that can be written freely"):
        books.set_setting("lock_date", "2099-12-31")
