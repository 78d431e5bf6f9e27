"""Creating a company file: whole, or not at all."""

from datetime import date

import pytest

from app.ledger.model import Company
from app.store.company import KeySource, create_company


def test_a_creation_that_fails_midway_leaves_no_file_and_no_key(tmp_path):
    def failing(books):
        raise RuntimeError("power cut")

    with pytest.raises(RuntimeError, match="power cut"):
        create_company(tmp_path / "acme.daftar", Company("Acme", "DZD", "scf"), date(2025, 1, 1),
                       KeySource(key_file=tmp_path / "acme.key"), populate=failing)
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_created_company_is_in_place_with_no_temporary_file_left(tmp_path):
    books, _ = create_company(tmp_path / "acme.daftar", Company("Acme", "DZD", "pcg"),
                              date(2025, 1, 1), KeySource(key_file=tmp_path / "acme.key"),
                              populate=lambda b: b.set_lock_date(date(2025, 1, 31)))
    try:
        assert books.lock_date() == date(2025, 1, 31)
        assert books.company.chart == "pcg"
    finally:
        books.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["acme.daftar", "acme.key"]
