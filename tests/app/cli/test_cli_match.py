"""``daftar match auto|add|remove|list``, driven through ``main``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.store.books import Books
from app.store.company import KeySource, open_company
from app.store.verify import verify
from tests.cli_run import one_line_error, run
from tests.ledger_text import key_file_of, post_text

LEDGER = """
    2025-01-10 VT "Facture F1"
      411  300.00  C1
      700  -300.00
    2025-01-12 VT "Facture F2"
      411  200.00  C1
      700  -200.00
    2025-02-01 BQ "Reglement C1"
      512  500.00
      411  -500.00  C1
    2025-02-03 VT "Facture F3"
      411  1000.00  C2
      700  -1000.00
    2025-02-20 BQ "Acompte C2"
      512  400.00
      411  -400.00  C2
    2025-03-01 AC "Achat"
      600  250.00
      401  -250.00  S1
    2025-03-15 BQ "Paiement S1"
      401  250.00  S1
      512  -250.00
"""
"""VT-1, VT-2 paid together by BQ-1 (C1); VT-3 paid in part by BQ-2 (C2); AC-1 paid by BQ-3."""


@pytest.fixture
def company(books: Books) -> tuple[Path, Path]:
    post_text(books, LEDGER)
    path, key_file = books.path, key_file_of(books)
    books.close()
    return path, key_file


def match(capsys: pytest.CaptureFixture[str], company: tuple[Path, Path], *args: object
          ) -> tuple[int, str, str]:
    path, key = company
    return run(capsys, "match", args[0], path, "--key-file", key, *args[1:])


def test_auto_dry_run_then_for_real(capsys, company) -> None:
    code, out, err = match(capsys, company, "auto", "--dry-run", "--date", "2025-06-30")
    assert (code, err) == (0, "")
    first, *rest = out.splitlines()
    assert first.startswith("would letter 2 groups (5 of 7 open lines on ")
    assert first.endswith(" accounts): 1 by amount, 1 by sum")
    assert rest == ["  401: 1 groups", "  411: 1 groups"]
    code, out, err = match(capsys, company, "auto", "--accounts", "411", "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["dry_run"] is False and data["accounts"] == 1
    assert data["groups"] == [{"account": "411", "letter": "A", "found_by": "sum",
                               "lines": [[1, 1], [2, 1], [3, 2]]}]
    code, out, _ = match(capsys, company, "list", "--account", "411", "--json")
    lines = json.loads(out)["lines"]
    assert [line["letter"] for line in lines] == ["A", "A", "A", None, None]
    assert json.loads(out)["open_balance"] == "600.00"


def test_add_partial_list_in_lower_case_and_remove(capsys, company) -> None:
    code, out, err = match(capsys, company, "add", "--line", "VT-3:1", "--line", "BQ-2:2")
    one_line_error(code, err, "do not balance", "debits exceed the credits by 600.00 DZD",
                   "partial")
    code, out, err = match(capsys, company, "add", "--line", "VT-3:1", "--line", "5:2",
                           "--partial", "--date", "2025-03-01")
    assert (code, err, out) == (0, "", "lettered 2 lines a (partial)\n")
    code, out, _ = match(capsys, company, "list", "--account", "411", "--party", "C2")
    assert out.splitlines() == [
        "2025-02-03  VT-3       4:1   C2                1000.00 a     Facture F3",
        "2025-02-20  BQ-2       5:2   C2                -400.00 a     Acompte C2",
        "2 lines; open balance 0.00 DZD"]
    code, out, _ = match(capsys, company, "list", "--account", "411", "--open")
    assert len(out.splitlines()) == 4 and "open balance 0.00" in out
    code, out, err = match(capsys, company, "remove", "--account", "411", "--letter", "a")
    assert (code, err, out) == (0, "", "took the letter A off 2 lines of 411\n")
    code, _, err = match(capsys, company, "remove", "--account", "411", "--letter", "A")
    one_line_error(code, err, "there is no letter A on this account")


def test_add_to_a_letter_completes_it(capsys, company) -> None:
    match(capsys, company, "add", "--line", "VT-3:1", "--line", "BQ-2:2", "--partial")
    path, key = company
    with open_company(path, KeySource(key_file=key)) as books:
        post_text(books, """
            2025-04-01 BQ "Solde C2"
              512  600.00
              411  -600.00  C2
        """)
    code, out, err = match(capsys, company, "add", "--letter", "a", "--line", "BQ-4:2")
    assert (code, err, out) == (0, "", "lettered 1 lines A (complete)\n")
    with open_company(path, KeySource(key_file=key)) as books:
        assert verify(books).ok


@pytest.mark.parametrize(("args", "needles"), [
    (("add", "--line", "VT-1"), ("expected ENTRY:POSITION",)),
    (("add", "--line", "VT-9:1", "--line", "BQ-1:2"), ("no posted entry VT-9",)),
    (("add", "--line", "VT-1:1", "--line", "AC-1:2"), ("on account 401, not 411",)),
    (("add", "--line", "VT-1:1", "--line", "VT-1:2"), ("on account 700, not 411",)),
    (("remove", "--account", "999", "--letter", "A"), ("--account 999: there is no such",)),
    (("list", "--account", "411", "--party", "NOPE"), ("--party NOPE: there is no such",)),
    (("auto", "--accounts", "6"), ("--accounts 6: no customer, supplier",)),
])
def test_user_errors_are_one_line(capsys, company, args: tuple[str, ...],
                                  needles: tuple[str, ...]) -> None:
    code, _, err = match(capsys, company, *args)
    one_line_error(code, err, *needles)
