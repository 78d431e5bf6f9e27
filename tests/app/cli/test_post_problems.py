"""``daftar post`` lists every problem of an entry at once, and reads amounts and dates as the CSV
import does (``1 000,50``, ``31/03/2025``)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from app.cli.main import main
from app.store.company import KeySource, open_company
from tests.ledger_text import SAMPLE, key_file_of, post_text


@pytest.fixture
def company(books) -> tuple[Path, Path]:
    post_text(books, SAMPLE)
    path, key_file = books.path, key_file_of(books)
    books.close()
    return path, key_file


def _post(capsys, company, *options: object) -> tuple[int, str, str]:
    path, key_file = company
    code = main(["post", str(path), "--key-file", str(key_file), *(str(o) for o in options)])
    out = capsys.readouterr()
    return code, out.out, out.err


def _entries(company) -> int:
    """Entries of any status: posted ones and drafts."""
    path, key_file = company
    with open_company(path, KeySource(key_file=key_file)) as books, books.read() as cur:
        return cur.execute("SELECT count(*) FROM entry").fetchone()[0]


def _one_line(code: int, err: str) -> str:
    assert code == 1
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("daftar: error: "), err
    return lines[0]


def test_every_bad_line_spec_is_listed_with_the_rule_problems(company, capsys):
    code, out, err = _post(capsys, company, "--journal", "OD", "--date", "2025-04-01",
                           "--label", "Several mistakes",
                           "--debit", "512:ten", "--debit", "411:100", "--debit", "512:-5",
                           "--credit", "700:1,2,3", "--credit", "999:5", "--credit", "101")
    line = _one_line(code, err)
    assert out == ""
    for reason in ("--debit '512:ten' (#1, line 1): not an amount: 'ten'",
                   "line 2: account 411 needs a third party",
                   "--debit '512:-5' (#3, line 3): negative amount",
                   "--credit '700:1,2,3' (#1, line 4): not an amount",
                   "line 5: account 999 does not exist",
                   "--credit '101' (#3, line 6): expected ACCOUNT:AMOUNT, ACCOUNT:AMOUNT:PARTY"):
        assert reason in line
    assert "does not balance" not in line  # with lines missing, the totals say nothing
    assert _entries(company) == 3


def test_rule_problems_are_all_listed_not_only_what_a_draft_refuses(company, capsys):
    code, _, err = _post(capsys, company, "--journal", "OD", "--date", "2025-04-01",
                         "--label", "Two problems", "--debit", "999:100", "--credit", "411:90")
    line = _one_line(code, err)
    assert "line 1: account 999 does not exist" in line
    assert "line 2: account 411 needs a third party" in line
    assert "the entry does not balance: debit 100.00, credit 90.00" in line
    assert _entries(company) == 3


def test_amounts_and_dates_as_the_csv_import_reads_them(company, capsys):
    code, out, err = _post(capsys, company, "--journal", "VT", "--date", "31/03/2025",
                           "--label", "Facture 2", "--debit", "411:1 000,50:CLIENT1",
                           "--credit", "700:1000.50")
    assert (code, err) == (0, "")
    assert out == "posted VT-2 (entry 4) on 2025-03-31: 1000.50 DZD\n"
    path, key_file = company
    with open_company(path, KeySource(key_file=key_file)) as books:
        entry = books.entry(4)
    assert entry.date == date(2025, 3, 31)
    assert [(ln.account, ln.debit, ln.credit, ln.third_party) for ln in entry.lines] == [
        ("411", Decimal("1000.50"), Decimal("0.00"), "CLIENT1"),
        ("700", Decimal("0.00"), Decimal("1000.50"), None)]


def test_save_draft_lists_bad_specs_with_what_the_draft_lacks(company, capsys):
    code, out, err = _post(capsys, company, "--journal", "OD", "--date", "2025-04-01",
                           "--label", "Draft", "--save-draft", "--debit", "512:x",
                           "--debit", "998:5", "--credit", "101:7")
    line = _one_line(code, err)
    assert out == ""
    assert "--debit '512:x' (#1, line 1): not an amount: 'x'" in line
    assert "line 2: account 998 does not exist" in line
    assert "balance" not in line  # a draft may be unbalanced
    assert _entries(company) == 3


def test_save_draft_of_an_unbalanced_entry_still_works(company, capsys):
    code, out, err = _post(capsys, company, "--journal", "OD", "--date", "01/04/2025",
                           "--label", "Draft", "--save-draft", "--debit", "512:7,5",
                           "--credit", "101:7")
    assert (code, out, err) == (0, "saved draft 4\n", "")


def test_draft_with_entry_options_is_refused(company, capsys):
    code, out, err = _post(capsys, company, "--draft", 4, "--debit", "512:5", "--label", "X")
    line = _one_line(code, err)
    assert out == ""
    assert "--label, --debit cannot go with --draft" in line
    assert _entries(company) == 3


def test_other_commands_take_dates_as_day_month_year(company, capsys):
    path, key_file = company
    code = main(["lock", str(path), "31/03/2025", "--key-file", str(key_file)])
    assert (code, capsys.readouterr().out) == (
        0, f"locked {path} up to and including 2025-03-31\n")
