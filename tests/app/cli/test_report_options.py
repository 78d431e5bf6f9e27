"""Every option of ``daftar report``, for every kind of report: honoured, or refused, never
silently ignored.

The table below holds one cell per (report kind, option) pair of the parser; a test fails if the
parser grows an option, or a kind, that the table does not judge.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.cli.main import REPORTS, build_parser, main
from tests.ledger_text import SAMPLE, key_file_of, post_text

LATER = """
    2025-06-05 VT "Facture 2"
      411  595.00  CLIENT1
      700  -500.00
      4457 -95.00
    2025-06-20 AC "Achat 2"
      600  200.00
      401  -200.00 FOURN1
"""
"""With SAMPLE: a quarter, then a sale and a purchase in June."""

Check = Callable[[Any], None]
REFUSED = "refused"


@pytest.fixture
def company(books) -> tuple[Path, Path]:
    post_text(books, SAMPLE + LATER)
    path, key_file = books.path, key_file_of(books)
    books.close()
    return path, key_file


def _report(capsys, company, kind: str, *options: object) -> tuple[int, str, str]:
    path, key_file = company
    code = main(["report", kind, str(path), "--key-file", str(key_file),
                 *(str(o) for o in options)])
    out = capsys.readouterr()
    return code, out.out, out.err


def _rows(data: dict[str, Any], *key: str) -> dict[Any, dict[str, str]]:
    return {tuple(r[k] for k in key) if len(key) > 1 else r[key[0]]: r for r in data["rows"]}


def _labels(data: dict[str, Any]) -> list[str]:
    if "rows" in data:
        return [r["label"] for r in data["rows"]]
    if "accounts" in data:
        return [a["label"] for a in data["accounts"]]
    return [line["label"] for line in data.get("lines", data.get("assets", []))]


def _not_french(data: dict[str, Any]) -> None:
    assert any(any("\u0600" <= ch <= "\u06ff" for ch in label) for label in _labels(data))


# --- what each honoured option must do (checked on the JSON output) ----------------------------

def _tb_from(data):
    rows = _rows(data, "account")
    assert data["from"] == "2025-04-01"
    assert (rows["401"]["opening_credit"], rows["401"]["credit"]) == ("500.00", "200.00")


def _tb_to(data):
    assert data["to"] == "2025-03-31"
    assert _rows(data, "account")["401"]["credit"] == "500.00"


def _tb_accounts(data):
    assert list(_rows(data, "account")) == ["600"]


def _tb_journal(data):
    rows = _rows(data, "account")
    assert data["journals"] == ["AC"]
    assert {a: (r["opening_debit"], r["opening_credit"], r["debit"], r["credit"])
            for a, r in rows.items()} == {"401": ("0.00", "0.00", "0.00", "700.00"),
                                          "600": ("0.00", "0.00", "700.00", "0.00")}
    assert data["totals"]["closing_debit"] == data["totals"]["closing_credit"] == "700.00"


def _gl_sections(data) -> dict[str, dict[str, Any]]:
    return {a["account"]: a for a in data["accounts"]}


def _gl_from(data):
    supplier = _gl_sections(data)["401"]
    assert supplier["opening"] == "-500.00"
    assert [ln["date"] for ln in supplier["lines"]] == ["2025-06-20"]


def _gl_to(data):
    dates = [ln["date"] for a in data["accounts"] for ln in a["lines"]]
    assert dates and max(dates) <= "2025-03-31"


def _gl_accounts(data):
    assert list(_gl_sections(data)) == ["401"]


def _aged_to(data):
    assert data["at"] == "2025-03-31"
    assert [(r["code"], r["total"]) for r in data["rows"]] == [("CLIENT1", "0.00")]


def _aged_accounts(data):
    assert all(a.startswith("40") for a in data["accounts"])
    assert [(r["code"], r["total"]) for r in data["rows"]] == [("FOURN1", "-700.00")]


def _aged_payables(data):
    assert data["side"] == "payables"
    assert [(r["code"], r["total"]) for r in data["rows"]] == [("FOURN1", "700.00")]


def _aged_detail(data):
    assert {item["entry"] for item in data["items"]} >= {"VT-2"}
    assert all(item["code"] == "CLIENT1" for item in data["items"])


def _journal_from(data):
    dates = [ln["date"] for ln in data["lines"]]
    assert dates and min(dates) >= "2025-04-01"


def _journal_to(data):
    dates = [ln["date"] for ln in data["lines"]]
    assert dates and max(dates) <= "2025-03-31"


def _journal_journal(data):
    assert {ln["entry"] for ln in data["lines"]} == {"AC-1", "AC-2"}


def _bs_to(data):
    assert data["at"] == "2025-03-31"
    assert data["total_assets"] == data["total_liabilities"] == "1190.00"


def _is_from(data):
    assert data["from"] == "2025-04-01" and data["net_result"] == "300.00"


def _is_to(data):
    assert data["to"] == "2025-03-31" and data["net_result"] == "500.00"


def _cf_lines(data) -> dict[str, str]:
    return {line["key"]: line["amount"] for line in data["lines"]}


def _cf_from(data):
    lines = _cf_lines(data)
    assert data["from"] == "2025-04-01" and lines["net_result"] == "300.00"
    assert (lines["opening_treasury"], lines["net_change"]) == ("1190.00", "0.00")


def _cf_to(data):
    lines = _cf_lines(data)
    assert data["to"] == "2025-03-31" and lines["net_result"] == "500.00"
    assert (lines["opening_treasury"], lines["closing_treasury"]) == ("0.00", "1190.00")
    assert lines["net_change"] == "1190.00"


def _tp_from(data):
    rows = _rows(data, "code", "account")
    assert {k: (r["opening"], r["debit"], r["credit"], r["balance"]) for k, r in rows.items()} == {
        ("CLIENT1", "411"): ("0.00", "595.00", "0.00", "595.00"),
        ("FOURN1", "401"): ("-500.00", "0.00", "200.00", "-700.00")}


def _tp_to(data):
    assert {k: r["balance"] for k, r in _rows(data, "code", "account").items()} == {
        ("CLIENT1", "411"): "0.00", ("FOURN1", "401"): "-500.00"}


def _tp_accounts(data):
    assert list(_rows(data, "code", "account")) == [("FOURN1", "401")]


def _vat_from(data):
    assert (data["form"], data["from"]) == ("G50", "2025-04-01")


def _vat_to(data):
    assert (data["from"], data["to"]) == ("2025-01-01", "2025-03-31")


FROM, TO = ("--from", "2025-04-01"), ("--to", "2025-03-31")

CELLS: dict[tuple[str, str], tuple[tuple[str, ...], Check] | str] = {
    ("trial-balance", "--from"): (FROM, _tb_from),
    ("trial-balance", "--to"): (TO, _tb_to),
    ("trial-balance", "--accounts"): (("--accounts", "6"), _tb_accounts),
    ("trial-balance", "--journal"): (("--journal", "AC"), _tb_journal),
    ("trial-balance", "--lang"): (("--lang", "ar"), _not_french),
    ("general-ledger", "--from"): (FROM, _gl_from),
    ("general-ledger", "--to"): (TO, _gl_to),
    ("general-ledger", "--accounts"): (("--accounts", "401"), _gl_accounts),
    ("general-ledger", "--journal"): REFUSED,
    ("general-ledger", "--lang"): (("--lang", "ar"), _not_french),
    ("journal", "--from"): (FROM, _journal_from),
    ("journal", "--to"): (TO, _journal_to),
    ("journal", "--accounts"): REFUSED,
    ("journal", "--journal"): (("--journal", "AC"), _journal_journal),
    ("journal", "--lang"): REFUSED,
    ("balance-sheet", "--from"): REFUSED,
    ("balance-sheet", "--to"): (TO, _bs_to),
    ("balance-sheet", "--accounts"): REFUSED,
    ("balance-sheet", "--journal"): REFUSED,
    ("balance-sheet", "--lang"): (("--lang", "ar"), _not_french),
    ("income-statement", "--from"): (FROM, _is_from),
    ("income-statement", "--to"): (TO, _is_to),
    ("income-statement", "--accounts"): REFUSED,
    ("income-statement", "--journal"): REFUSED,
    ("income-statement", "--lang"): (("--lang", "ar"), _not_french),
    ("cash-flow", "--from"): (FROM, _cf_from),
    ("cash-flow", "--to"): (TO, _cf_to),
    ("cash-flow", "--accounts"): REFUSED,
    ("cash-flow", "--journal"): REFUSED,
    ("cash-flow", "--lang"): (("--lang", "ar"), _not_french),
    ("third-parties", "--from"): (FROM, _tp_from),
    ("third-parties", "--to"): (TO, _tp_to),
    ("third-parties", "--accounts"): (("--accounts", "401-409"), _tp_accounts),
    ("third-parties", "--journal"): REFUSED,
    ("third-parties", "--lang"): REFUSED,
    ("vat", "--from"): (FROM, _vat_from),
    ("vat", "--to"): (TO, _vat_to),
    ("vat", "--accounts"): REFUSED,
    ("vat", "--journal"): REFUSED,
    ("vat", "--lang"): REFUSED,
    ("aged-balance", "--from"): REFUSED,
    ("aged-balance", "--to"): (TO, _aged_to),
    ("aged-balance", "--accounts"): (("--accounts", "401-409"), _aged_accounts),
    ("aged-balance", "--journal"): REFUSED,
    ("aged-balance", "--lang"): REFUSED,
    ("aged-balance", "--payables"): (("--payables",), _aged_payables),
    ("aged-balance", "--detail"): (("--detail",), _aged_detail),
    **{(kind, option): REFUSED for kind in REPORTS if kind != "aged-balance"
       for option in ("--payables", "--detail")},
}
"""--format and --output apply to every kind: ``test_format_and_output_apply_to_every_report``."""

EVERY_KIND = ("--format", "--output")
SAMPLE_VALUE = {"--from": "2025-04-01", "--accounts": "4", "--journal": "AC", "--lang": "en"}


def _report_options() -> set[str]:
    """The report command's own options, as the parser declares them."""
    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    parser = sub.choices["report"]
    key_options = {"--key-file", "--passphrase", "--recovery-key", "--help"}
    return {max(a.option_strings, key=len) for a in parser._actions if a.option_strings} \
        - key_options


def test_the_table_judges_every_option_of_every_report():
    judged = {option for _, option in CELLS} | set(EVERY_KIND)
    assert judged == _report_options()
    assert set(CELLS) == {(kind, option) for kind in REPORTS for _, option in CELLS}


@pytest.mark.parametrize(("kind", "option"), sorted(CELLS))
def test_each_option_is_honoured_or_refused(company, capsys, tmp_path, kind, option):
    cell = CELLS[kind, option]
    if cell == REFUSED:
        target = tmp_path / "out.json"
        value = (SAMPLE_VALUE[option],) if option in SAMPLE_VALUE else ()  # a flag takes none
        code, out, err = _report(capsys, company, kind, option, *value, "-o", target)
        assert (code, out) == (1, "")
        assert err.startswith(f"daftar: error: {option} does not apply to {kind}: ")
        assert len(err.splitlines()) == 1
        assert not target.exists()
        return
    arguments, check = cell
    code, base, err = _report(capsys, company, kind, "--format", "json")
    assert (code, err) == (0, "")
    code, out, err = _report(capsys, company, kind, "--format", "json", *arguments)
    assert (code, err) == (0, "")
    assert out != base
    check(json.loads(out))


@pytest.mark.parametrize("kind", REPORTS)
def test_format_and_output_apply_to_every_report(company, capsys, tmp_path, kind):
    code, text, _ = _report(capsys, company, kind)
    code, out, err = _report(capsys, company, kind, "--format", "csv")
    assert (code, err) == (0, "") and out != text
    rows = list(csv.reader(io.StringIO(out)))
    assert len(rows) >= 2 and all(len(r) == len(rows[0]) for r in rows)
    target = tmp_path / "report.csv"
    code, printed, err = _report(capsys, company, kind, "--format", "csv", "-o", target)
    assert (code, printed, err) == (0, "", "")
    assert target.read_text(encoding="utf-8") == out


def test_balance_sheet_from_is_refused_with_the_reason(company, capsys):
    code, out, err = _report(capsys, company, "balance-sheet", "--from", "2025-01-01")
    assert (code, out) == (1, "")
    assert err == ("daftar: error: --from does not apply to balance-sheet: a balance sheet is at "
                   "one date (--to)\n")


def test_every_refused_option_is_named_at_once(company, capsys):
    code, _, err = _report(capsys, company, "third-parties", "--journal", "AC", "--lang", "en")
    assert code == 1
    assert "--journal does not apply to third-parties" in err
    assert "--lang does not apply to third-parties" in err


def test_trial_balance_of_an_unknown_journal_is_refused(company, capsys):
    code, out, err = _report(capsys, company, "trial-balance", "--journal", "ZZ")
    assert (code, out) == (1, "")
    assert err == "daftar: error: unknown journal ZZ\n"


def test_trial_balance_of_some_journals_in_text_says_so(company, capsys):
    code, out, _ = _report(capsys, company, "trial-balance", "--journal", "VT",
                           "--journal", "BQ")
    assert code == 0
    assert out.splitlines()[0] == ("Trial balance 2025-01-01 to 2025-12-31 "
                                   "(DZD, journals VT, BQ only)")
