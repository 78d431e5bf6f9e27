"""``daftar new --first-year-end``: a short or long first fiscal year, checked before anything."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.cli.main import main
from app.store.company import KeySource, open_company


def new(capsys: pytest.CaptureFixture[str], folder: Path, *options: str) -> tuple[int, str]:
    code = main(["new", str(folder / "acme.daftar"), "--key-file", str(folder / "acme.key"),
                 "--name", "Acme", "--fiscal-year-start", "2025-05-12", *options])
    return code, capsys.readouterr().err


def first_years(folder: Path) -> list[tuple[date, date]]:
    with open_company(folder / "acme.daftar", KeySource(key_file=folder / "acme.key")) as books:
        return [(y.start, y.end) for y in books.fiscal_years()]


@pytest.mark.parametrize(("end", "expected"), [
    ("2025-12-31", date(2025, 12, 31)),
    ("2026-12-31", date(2026, 12, 31)),
    ("2027-05-11", date(2027, 5, 11)),
])
def test_the_first_year_ends_where_asked(tmp_path, capsys, end, expected):
    assert new(capsys, tmp_path, "--first-year-end", end) == (0, "")
    assert first_years(tmp_path) == [(date(2025, 5, 12), expected)]


def test_without_the_option_the_first_year_lasts_twelve_months(tmp_path, capsys):
    assert new(capsys, tmp_path) == (0, "")
    assert first_years(tmp_path) == [(date(2025, 5, 12), date(2026, 5, 11))]


@pytest.mark.parametrize(("end", "reason"), [
    ("2027-05-12", "may last at most 24 months: starting on 2025-05-12, it ends on "
                   "2027-05-11 at the latest"),
    ("2025-05-12", "must end after it starts on 2025-05-12"),
    ("2024-12-31", "must end after it starts on 2025-05-12"),
])
def test_a_refused_end_is_one_line_naming_the_option_and_creates_nothing(
        tmp_path, capsys, end, reason):
    code, err = new(capsys, tmp_path, "--first-year-end", end)
    assert code == 1
    assert err == f"daftar: error: --first-year-end {end}: the first fiscal year {reason}\n"
    assert list(tmp_path.iterdir()) == []


def test_a_refused_end_is_reported_before_a_passphrase_is_asked_for(tmp_path, capsys):
    code = main(["new", str(tmp_path / "acme.daftar"), "--passphrase", "--name", "Acme",
                 "--fiscal-year-start", "2025-05-12", "--first-year-end", "2025-01-01"])
    err = capsys.readouterr().err
    assert code == 1 and err.startswith("daftar: error: --first-year-end 2025-01-01: ")
    assert list(tmp_path.iterdir()) == []


def test_a_malformed_end_is_an_argument_error_naming_the_option(tmp_path, capsys):
    with pytest.raises(SystemExit) as stopped:
        new(capsys, tmp_path, "--first-year-end", "2025-31-12")
    err = capsys.readouterr().err
    assert stopped.value.code == 1
    assert "--first-year-end" in err and "not a date: '2025-31-12'" in err
    assert list(tmp_path.iterdir()) == []
