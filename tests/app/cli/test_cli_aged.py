"""``daftar report aged-balance``: what customers and suppliers still owe, by age, in each
format; and its own options refused on the other reports."""

from __future__ import annotations

import argparse
import csv
import io
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from app.cli.main import build_parser
from app.ledger.model import Entry, Line, ThirdParty, ThirdPartyKind
from tests.cli_run import one_line_error, run
from tests.ledger_text import SAMPLE, key_file_of, post_text


def _report_options() -> set[str]:
    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return {o for a in sub.choices["report"]._actions for o in a.option_strings}


@pytest.fixture
def company(books) -> tuple[Path, Path]:
    books.add_third_party(ThirdParty("C30", "Client à 30 jours", ThirdPartyKind.CUSTOMER,
                                     payment_days=30))
    post_text(books, SAMPLE)  # CLIENT1 paid in full, FOURN1 owed 500 since 10 March
    books.post(Entry("VT", date(2025, 5, 2), "Facture 7", (
        Line("411", debit=Decimal("238.00"), third_party="C30"),
        Line("700", credit=Decimal("238.00")))))  # due 1 June
    path, key_file = books.path, key_file_of(books)
    books.close()
    return path, key_file


def aged(capsys, company, *options: object) -> tuple[int, str, str]:
    path, key_file = company
    return run(capsys, "report", "aged-balance", path, "--key-file", key_file, *options)


def test_receivables_as_text_csv_and_json(company, capsys) -> None:
    code, out, err = aged(capsys, company, "--to", "2025-06-30")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Aged receivables at 2025-06-30 (DZD)"
    assert lines[2].split() == ["Code", "Name", "Not", "yet", "due", "0-30", "31-60", "61-90",
                                ">", "90", "Total"]
    c30 = next(line for line in lines if line.startswith("C30"))
    assert c30.split()[-6:] == ["0.00", "238.00", "0.00", "0.00", "0.00", "238.00"]
    code, out, _ = aged(capsys, company, "--to", "2025-06-30", "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["code", "name", "not_due", "days_0_30", "days_31_60", "days_61_90",
                       "over_90", "total"]
    assert ["C30", "Client à 30 jours", "0.00", "238.00", "0.00", "0.00", "0.00",
            "238.00"] in rows
    code, out, _ = aged(capsys, company, "--to", "2025-05-31", "--format", "json")
    data = json.loads(out)
    assert (data["report"], data["at"], data["side"]) == ("aged_balance", "2025-05-31",
                                                          "receivables")
    by_code = {r["code"]: r for r in data["rows"]}
    assert by_code["C30"]["not_due"] == "238.00"
    assert data["totals"]["total"] == "238.00"
    assert "401" not in data["accounts"] and "411" in data["accounts"]


def test_an_account_range(company, capsys) -> None:
    code, out, _ = aged(capsys, company, "--to", "2025-06-30", "--accounts", "401",
                        "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["accounts"] == ["401"]
    assert [(r["code"], r["total"]) for r in data["rows"]] == [("FOURN1", "-500.00")]


def test_options_that_do_not_apply(company, capsys) -> None:
    one_line_error(*aged(capsys, company, "--from", "2025-01-01")[::2],
                   "--from does not apply to aged-balance: an aged balance is at one date")
    one_line_error(*aged(capsys, company, "--journal", "VT")[::2],
                   "--journal does not apply to aged-balance")


def test_payables_and_the_detail(company, capsys) -> None:
    code, out, err = aged(capsys, company, "--to", "2025-06-30", "--payables", "--detail",
                          "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["side"] == "payables"
    assert [(r["code"], r["over_90"]) for r in data["rows"]] == [("FOURN1", "500.00")]
    assert [(i["entry"], i["due_date"], i["days_overdue"], i["amount"])
            for i in data["items"]] == [("AC-1", "2025-03-10", "112", "500.00")]


def test_aged_options_are_refused_elsewhere(company, capsys) -> None:
    path, key_file = company
    one_line_error(*run(capsys, "report", "third-parties", path, "--key-file", key_file,
                        "--payables")[::2],
                   "--payables does not apply to third-parties: it is an option of aged-balance")


def test_print_a_party_statement_as_pdf(company, capsys, tmp_path) -> None:
    path, key_file = company
    out = tmp_path / "releve.pdf"
    code, printed, err = run(capsys, "print", "party-statement", path, "--key-file", key_file,
                             "--party", "C30", "--from", "2025-05-01", "--to", "2025-06-30",
                             "--output", out, "--lang", "ar")
    assert (code, err) == (0, ""), err
    assert printed.startswith(f"wrote {out} (1 pages)")
    assert out.read_bytes().startswith(b"%PDF")


def test_print_party_statement_refusals(company, capsys, tmp_path) -> None:
    path, key_file = company
    out = tmp_path / "releve.pdf"
    base = ("--key-file", key_file, "--output", out)
    one_line_error(*run(capsys, "print", "party-statement", path, *base)[::2],
                   "print party-statement needs --party CODE")
    one_line_error(*run(capsys, "print", "journal", path, *base, "--party", "C30")[::2],
                   "--party does not apply to print journal")
    one_line_error(*run(capsys, "print", "party-statement", path, *base, "--party", "C30",
                        "--accounts", "411")[::2], "--accounts does not apply")
    one_line_error(*run(capsys, "print", "party-statement", path, *base, "--party",
                        "NOPE")[::2], "third party NOPE does not exist")
    assert not out.exists()
