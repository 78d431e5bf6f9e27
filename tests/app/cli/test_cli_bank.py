"""``daftar bank preview`` and ``daftar bank mapping add|list``, driven through ``main``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.bank_samples import CSV_DEBIT_CREDIT, OFX_V2, write_camt
from tests.cli_run import one_line_error, run
from tests.ledger_text import key_file_of


@pytest.fixture
def company(books) -> tuple[Path, Path]:
    path, key_file = books.path, key_file_of(books)
    books.close()
    return path, key_file


def test_preview_camt(capsys, tmp_path: Path) -> None:
    path = write_camt(tmp_path / "releve.xml", version=8)
    code, out, err = run(capsys, "bank", "preview", path)
    assert (code, err) == (0, "")
    assert out.splitlines()[:3] == [
        f"{path}, statement 1 (STMT-1)",
        "  account:   FR7630004000031234567890143  (EUR)",
        "  period:    2025-03-01 to 2025-03-31"]
    assert "  balances:  ok: opening 1000.00 + 250.00 = closing 1250.00" in out
    assert "3 lines, total 250.00; left out, not booked yet: 1" in out
    assert "  2025-03-03  300.00  Facture 12  [SARL Client]  ref R1" in out


def test_preview_json_and_a_failed_balance(capsys, tmp_path: Path) -> None:
    path = write_camt(tmp_path / "releve.xml", closing="1300.00")
    code, out, err = run(capsys, "bank", "preview", path, "--json")
    one_line_error(code, err, f"{path}, statement 1 (STMT-1), closing balance: expected "
                   "1250.00", "found 1300.00")
    data = json.loads(out)
    assert data["format"] == "camt"
    [statement] = data["statements"]
    assert statement["balance_check"] == {
        "checked": True, "ok": False, "expected": "1250.00", "found": "1300.00",
        "message": statement["balance_check"]["message"]}
    assert statement["lines"][1]["amount"] == "-42.50"
    assert len(statement["lines"][0]["fingerprint"]) == 64


def test_preview_ofx(capsys, tmp_path: Path) -> None:
    path = tmp_path / "statement.ofx"
    path.write_text(OFX_V2, encoding="utf-8")
    code, out, err = run(capsys, "bank", "preview", path, "--format", "ofx")
    assert (code, err) == (0, "")
    assert "balances:  not checked: the statement gives no opening balance" in out
    assert "  2025-01-15  2500.00  Salary  [ACME PAYROLL]  ref A3" in out


def test_refused_camt_is_one_line(capsys, tmp_path: Path) -> None:
    path = tmp_path / "laughs.xml"
    path.write_text('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><d>&a;</d>')
    one_line_error(*run(capsys, "bank", "preview", path)[::2], "laughs.xml, XML: refused")


def test_csv_mapping_add_list_and_preview(capsys, company, tmp_path: Path) -> None:
    path, key_file = company
    statement = tmp_path / "cpa.csv"
    statement.write_bytes(CSV_DEBIT_CREDIT.encode("cp1252"))
    code, out, err = run(capsys, "bank", "preview", statement)
    one_line_error(code, err, "neither camt.053 nor OFX", "--mapping NAME")

    code, out, err = run(
        capsys, "bank", "mapping", "add", path, "CPA", "--date", "Date operation",
        "--value-date", "Date valeur", "--label", "Libelle", "--debit", "Debit", "--credit",
        "Credit", "--counterparty", "Tiers", "--decimal-comma", "--thousands", ".",
        "--encoding", "cp1252", "--date-format", "%Y-%m-%d", "--key-file", key_file)
    assert (code, err) == (0, "")
    assert out == f"saved the bank CSV mapping 'CPA' in {path}\n"
    code, out, err = run(capsys, "bank", "mapping", "list", path, "--key-file", key_file)
    assert code == 0 and out.startswith("CPA: date 'Date operation', label 'Libelle', debit ")

    code, out, err = run(capsys, "bank", "preview", statement, "--company", path,
                         "--mapping", "CPA", "--key-file", key_file)
    assert (code, err) == (0, "")
    assert "account:   (not given)  (DZD)" in out
    assert "  2025-03-03  1000.00  Virement recu  [SARL Client]" in out
    assert out.count("-7.50  Frais tenue") == 2

    code, out, err = run(capsys, "bank", "preview", statement, "--company", path,
                         "--mapping", "SG", "--key-file", key_file)
    one_line_error(code, err, "no bank CSV mapping named 'SG' (saved: CPA)")


def test_mapping_add_refusals(capsys, company) -> None:
    path, key_file = company
    code, _, err = run(capsys, "bank", "mapping", "add", path, "X", "--date", "D", "--label",
                       "L", "--amount", "A", "--debit", "B", "--key-file", key_file)
    one_line_error(code, err, "mapping 'X': give an amount column, or debit and credit")
    code, _, err = run(capsys, "bank", "mapping", "add", path, "X", "--date", "D", "--label",
                       "L", "--amount", "A", "--key-file", key_file)
    assert code == 0
    code, _, err = run(capsys, "bank", "mapping", "add", path, "X", "--date", "D", "--label",
                       "L", "--amount", "A", "--key-file", key_file)
    one_line_error(code, err, "a mapping named 'X' exists already")


def test_mapping_needs_company(capsys, tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("a,b\n")
    code, _, err = run(capsys, "bank", "preview", path, "--mapping", "X")
    one_line_error(code, err, "--mapping needs --company FILE")
