"""``daftar bank reconcile|match|unmatch|reconciliation`` on a real company file."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.store.books import Books
from tests.app.store.test_bank_match import add_statement, post_bank
from tests.cli_run import one_line_error, run
from tests.ledger_text import key_file_of

Capsys = pytest.CaptureFixture[str]


@pytest.fixture
def company(books: Books) -> tuple[Path, Path, dict[str, int]]:
    """February: a sale and a transfer cleared, a cheque cashed weeks later, charges unbooked."""
    post_bank(books, "2025-01-02", "10000.00", "Apport", other="101", party=None)
    post_bank(books, "2025-02-01", "1190.00", "Règlement F1")
    post_bank(books, "2025-02-05", "-300.00", "Fournisseur A", "CHQ 7001", other="401",
              party="S1")
    post_bank(books, "2025-02-20", "-200.00", "Virement fournisseur", other="401", party="S1")
    ids = add_statement(books, [("2025-02-03", "1190.00", "VIR CLIENT1", ""),
                                ("2025-02-21", "-200.00", "VIR FOURNISSEUR", ""),
                                ("2025-02-27", "-15.00", "FRAIS TENUE DE COMPTE", ""),
                                ("2025-02-28", "-300.00", "CHEQUE 7001", "")],
                        opening="10000.00", closing="10675.00", start="2025-02-01",
                        end="2025-02-28")
    path, key = books.path, key_file_of(books)
    books.close()
    return path, key, {"sale": ids[0], "fees": ids[2], "cheque": ids[3]}


def _args(company: tuple[Path, Path, dict[str, int]], *extra: object) -> list[object]:
    path, key, _ = company
    return [path, "--key-file", key, *extra]


def test_reconcile_dry_run_then_for_real(company: tuple[Path, Path, dict[str, int]],
                                         capsys: Capsys) -> None:
    code, out, err = run(capsys, "bank", "reconcile", *_args(company, "--account", "512",
                                                             "--at", "2025-02-28",
                                                             "--dry-run"))
    assert code == 0, err
    assert out.startswith("would match 2 statement lines automatically")
    assert "[near, score 53]" in out
    cheque = company[2]["cheque"]
    assert f"daftar bank match {company[0]} --statement-line {cheque} --line BQ-3:1" in out
    code, out, err = run(capsys, "bank", "reconcile", *_args(company, "--account", "512",
                                                             "--at", "2025-02-28", "--json"))
    assert code == 0, err
    data = json.loads(out)
    assert [m["match"] for m in data["matched"]] == [1, 2]
    assert data["matched"][0]["statement_lines"][0]["amount"] == "1190.00"
    [proposal] = data["proposals"]
    assert proposal["ledger_lines"][0]["line"] == "BQ-3:1" and proposal["kind"] == "near"
    code, out, _ = run(capsys, "bank", "reconcile", *_args(company, "--account", "512",
                                                           "--at", "2025-02-28"))
    assert out.startswith("matched 0 statement lines")


def test_match_by_hand_then_the_statement_agrees(company: tuple[Path, Path, dict[str, int]],
                                                 capsys: Capsys, tmp_path: Path) -> None:
    run(capsys, "bank", "reconcile", *_args(company, "--account", "512", "--at", "2025-02-28"))
    code, out, err = run(capsys, "bank", "match", *_args(
        company, "--statement-line", company[2]["cheque"], "--line", "BQ-3:1"))
    assert (code, out, err) == (0, "matched 1 statement lines with 1 ledger lines (match 3)\n",
                                "")
    code, out, err = run(capsys, "bank", "reconciliation", *_args(
        company, "--account", "512", "--format", "json"))
    data = json.loads(out)
    assert (data["at"], data["book_balance"], data["statement_balance"]) == (
        "2025-02-28", "10690.00", "10675.00")
    assert data["books_not_on_statement"] == []
    assert [x["amount"] for x in data["statement_not_in_books"]] == ["-15.00"]
    assert data["difference"] == "0.00"
    code, out, err = run(capsys, "bank", "unmatch", *_args(company, "--match", 3))
    assert (code, out) == (0, "undid match 3: its lines are open again\n")
    code, out, _ = run(capsys, "bank", "reconciliation", *_args(company, "--account", "512",
                                                                "--lang", "en"))
    assert "Book lines not on the statement (1)" in out and "BQ-3:1" in out
    assert "The reconciled balances agree" in out


def test_the_statement_as_pdf_xlsx_and_csv(company: tuple[Path, Path, dict[str, int]],
                                           capsys: Capsys, tmp_path: Path) -> None:
    pdf = tmp_path / "rapprochement.pdf"
    code, out, err = run(capsys, "bank", "reconciliation", *_args(
        company, "--account", "512", "--format", "pdf", "--output", pdf))
    assert code == 0, err
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page(?!s)", data)) >= 1
    xlsx = tmp_path / "rapprochement.xlsx"
    code, out, err = run(capsys, "bank", "reconciliation", *_args(
        company, "--account", "512", "--format", "xlsx", "--output", xlsx, "--lang", "en"))
    assert (code, out) == (0, f"wrote {xlsx}\n"), err
    rows = list(load_workbook(xlsx).active.iter_rows(values_only=True))
    assert rows[6][3] == "Balance per the books at 28/02/2025" and rows[6][5] == 10690
    csv_out = tmp_path / "rapprochement.csv"
    code, _, err = run(capsys, "bank", "reconciliation", *_args(
        company, "--account", "512", "--format", "csv", "--output", csv_out))
    assert code == 0, err
    assert csv_out.read_text(encoding="utf-8").startswith("section,date,source")


@pytest.mark.parametrize("argv, needles", [
    (("match", "--statement-line", "999", "--line", "BQ-3:1"), ("no statement line 999",)),
    (("match", "--statement-line", "1", "--line", "BQ-9:1"), ("no posted entry BQ-9",)),
    (("match", "--statement-line", "1", "--line", "BQ3"), ("ENTRY:POSITION",)),
    (("match", "--statement-line", "1", "--line", "3:1"), ("do not agree", "1190.00")),
    (("unmatch", "--match", "7"), ("no bank match 7",)),
    (("reconcile", "--account", "411"), ("not a bank account",)),
    (("reconcile", "--account", "512", "--window", "-1"), ("--window -1",)),
    (("reconciliation", "--account", "512", "--format", "pdf"), ("needs --output",)),
    (("reconciliation", "--account", "515"), ("no bank statement stored",)),
])
def test_errors_are_one_line(company: tuple[Path, Path, dict[str, int]], capsys: Capsys,
                             argv: tuple[str, ...], needles: tuple[str, ...]) -> None:
    code, _, err = run(capsys, "bank", argv[0], *_args(company, *argv[1:]))
    one_line_error(code, err, *needles)
