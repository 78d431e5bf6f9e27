"""``daftar fiscal-year check|close``: the year-end from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli.main import main
from app.ledger.model import FiscalYearState
from app.store.books import Books
from app.store.company import KeySource, open_company
from tests.ledger_text import YEAR_2025, key_file_of, post_text


def _closed_file(books: Books) -> tuple[str, str]:
    post_text(books, YEAR_2025)
    path, key = str(books.path), str(key_file_of(books))
    books.close()
    return path, key


def test_check_and_dry_run_change_nothing_then_close_posts_the_a_nouveaux(
        books: Books, capsys: pytest.CaptureFixture[str]) -> None:
    path, key = _closed_file(books)
    assert main(["fiscal-year", "check", path, "--key-file", key, "--start", "2025-01-01"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == ["can close fiscal year 2025",
                   "result of 2025: profit 300.00",
                   "à-nouveaux on 2026-01-01: closing would post 5 lines"]
    assert main(["fiscal-year", "close", path, "--key-file", key, "--start", "2025-01-01",
                 "--dry-run"]) == 0
    assert capsys.readouterr().out.splitlines() == out
    with open_company(Path(path), KeySource(key_file=Path(key))) as again:
        assert [y.state for y in again.fiscal_years()] == [FiscalYearState.OPEN]

    assert main(["fiscal-year", "close", path, "--key-file", key, "--start", "2025-01-01"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "closed fiscal year 2025; nothing more can be posted into it",
        "result of 2025: profit 300.00",
        "à-nouveaux on 2026-01-01: AN-1 (entry 4), 5 lines"]


def test_a_refused_check_lists_the_reasons_on_one_line(
        books: Books, capsys: pytest.CaptureFixture[str]) -> None:
    post_text(books, """
        2025-06-01 OD "Virement à identifier"
          581  80.00
          512  -80.00
    """)
    path, key = str(books.path), str(key_file_of(books))
    books.close()
    for action in ("check", "close"):
        assert main(["fiscal-year", action, path, "--key-file", key,
                     "--start", "2025-01-01"]) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1
        assert "account 581 still has a balance of 80.00 at the end of 2025" in err


def test_allocate_the_result_after_the_general_meeting(
        books: Books, capsys: pytest.CaptureFixture[str]) -> None:
    path, key = _closed_file(books)
    assert main(["fiscal-year", "close", path, "--key-file", key, "--start", "2025-01-01"]) == 0
    capsys.readouterr()
    assert main(["fiscal-year", "allocate", path, "--key-file", key, "--start", "2025-01-01",
                 "--date", "30/05/2026", "--to", "1061:30", "--to", "110"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == ("posted OD-1 (entry 5) on 2026-05-30: Affectation du résultat de "
                      "l'exercice 2025 (bénéfice)")
    assert [line.split() for line in out[1:]] == [
        ["120", "debit", "300.00"], ["1061", "credit", "30.00"], ["110", "credit", "270.00"]]
    assert main(["fiscal-year", "allocate", path, "--key-file", key, "--start", "2025-01-01",
                 "--date", "2026-06-30", "--to", "110"]) == 1
    assert "already allocated" in capsys.readouterr().err
