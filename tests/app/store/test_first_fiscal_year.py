"""A short or long first fiscal year (at most 24 months), then twelve-month years after it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.io.csv_journal import import_journal
from app.ledger.model import Company
from app.store.books import Books
from app.store.company import KeySource, create_company
from app.store.database import StoreError
from app.store.verify import verify
from app.store.years import (
    first_year_end,
    first_year_problem,
    latest_first_year_end,
    months_after,
    year_after,
)

START = date(2025, 5, 12)


def create(folder: Path, start: date = START, end: date | None = None) -> Books:
    books, _ = create_company(folder / "acme.daftar", Company("Acme", "DZD", "scf"), start,
                              KeySource(key_file=folder / "acme.key"), first_year_end=end)
    return books


def spans(books: Books) -> list[tuple[date, date]]:
    return [(y.start, y.end) for y in books.fiscal_years()]


def test_a_short_first_year_is_followed_by_calendar_years(tmp_path):
    with create(tmp_path, end=date(2025, 12, 31)) as books:
        assert spans(books) == [(START, date(2025, 12, 31))]
        assert books.fiscal_years()[0].name == "2025"
        following = books.open_next_fiscal_year()
        assert (following.start, following.end) == (date(2026, 1, 1), date(2026, 12, 31))
        books.open_next_fiscal_year()
        assert spans(books)[-1] == (date(2027, 1, 1), date(2027, 12, 31))


def test_a_long_first_year_is_followed_by_a_twelve_month_year(tmp_path):
    with create(tmp_path, end=date(2026, 12, 31)) as books:
        assert spans(books) == [(START, date(2026, 12, 31))]
        assert books.fiscal_years()[0].name == "2025-2026"
        following = books.open_next_fiscal_year()
        assert (following.start, following.end) == (date(2027, 1, 1), date(2027, 12, 31))


def test_without_an_end_the_first_year_lasts_twelve_months(tmp_path):
    with create(tmp_path) as books:
        assert spans(books) == [(START, date(2026, 5, 11))]


def test_the_longest_first_year_is_24_months(tmp_path):
    assert latest_first_year_end(START) == date(2027, 5, 11)
    with create(tmp_path, end=date(2027, 5, 11)) as books:
        assert spans(books) == [(START, date(2027, 5, 11))]


@pytest.mark.parametrize(("end", "reason"), [
    (date(2027, 5, 12), "at most 24 months: starting on 2025-05-12, it ends on 2027-05-11"),
    (date(2027, 6, 11), "at most 24 months"),
    (START, "must end after it starts on 2025-05-12"),
    (date(2025, 5, 1), "must end after it starts"),
])
def test_a_first_year_too_long_or_ending_before_it_starts_is_refused_leaving_nothing(
        tmp_path, end, reason):
    with pytest.raises(StoreError, match=reason):
        create(tmp_path, end=end)
    assert list(tmp_path.iterdir()) == []


def test_a_one_day_first_year_is_allowed():
    assert first_year_problem(date(2025, 12, 30), date(2025, 12, 31)) == ""
    assert first_year_end(date(2025, 12, 30), date(2025, 12, 31)) == date(2025, 12, 31)


@pytest.mark.parametrize("start", [date(2024, 2, 29), date(2025, 1, 31), date(2025, 3, 1),
                                   date(2025, 12, 31), date(2024, 8, 31)])
def test_months_after_twelve_is_year_after(start):
    assert months_after(start, 12) == year_after(start)


@pytest.mark.parametrize(("start", "latest"), [
    (date(2024, 2, 29), date(2026, 2, 28)),
    (date(2025, 1, 1), date(2026, 12, 31)),
    (date(2025, 1, 31), date(2027, 1, 30)),
    (date(2025, 7, 1), date(2027, 6, 30)),
])
def test_the_latest_end_is_the_day_before_24_months_on(start, latest):
    assert latest_first_year_end(start) == latest


def test_an_import_opens_calendar_years_after_a_short_first_year(tmp_path):
    csv = tmp_path / "journal.csv"
    csv.write_text(
        "entry_no,date,journal,account,account_label,label,debit,credit,third_party\n"
        "1,2025-06-01,OD,512,,Apport,100.00,,\n"
        "1,2025-06-01,OD,101,,Apport,,100.00,\n"
        "2,2027-02-01,OD,512,,Vente,40.00,,\n"
        "2,2027-02-01,OD,700,,Vente,,40.00,\n", encoding="utf-8")
    with create(tmp_path, end=date(2025, 12, 31)) as books:
        result = import_journal(books, csv)
        assert result.fiscal_years_opened == ["2026", "2027"]
        assert spans(books) == [(START, date(2025, 12, 31)), (date(2026, 1, 1), date(2026, 12, 31)),
                                (date(2027, 1, 1), date(2027, 12, 31))]
        assert verify(books).ok


def test_an_import_into_a_long_first_year_opens_the_next_only_when_needed(tmp_path):
    csv = tmp_path / "journal.csv"
    csv.write_text(
        "entry_no,date,journal,account,account_label,label,debit,credit,third_party\n"
        "1,2026-11-30,OD,512,,Vente,40.00,,\n"
        "1,2026-11-30,OD,700,,Vente,,40.00,\n", encoding="utf-8")
    with create(tmp_path, end=date(2026, 12, 31)) as books:
        assert import_journal(books, csv).fiscal_years_opened == []
        assert spans(books) == [(START, date(2026, 12, 31))]
