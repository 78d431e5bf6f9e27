"""Editing a company's identity after creation, from the command line and through Books."""

from __future__ import annotations

import pytest

from app.cli.main import main
from app.store.books import Books
from app.store.company import KeySource, open_company
from app.store.database import StoreError
from tests.ledger_text import key_file_of


def test_update_company_checks_and_keeps_the_identifiers(books: Books) -> None:
    books.update_company(nif="000016001234567", address="12 rue Didouche Mourad, Alger")
    with pytest.raises(StoreError, match="the NIF has 15 digits; 12345 has 5"):
        books.update_company(nif="12345", nis="099916010123456")
    assert books.company.nis == ""  # nothing of a refused change is kept
    path, key = books.path, key_file_of(books)
    books.close()
    with open_company(path, KeySource(key_file=key)) as again:
        assert again.company.nif == "000016001234567"
        assert again.company.address == "12 rue Didouche Mourad, Alger"
        with pytest.raises(StoreError, match="cannot change chart"):
            again.update_company(chart="pcg")


def test_company_set_and_show(books: Books, capsys: pytest.CaptureFixture[str]) -> None:
    path, key = str(books.path), str(key_file_of(books))
    books.close()
    assert main(["company", "set", path, "--key-file", key, "--nif", "000016001234567",
                 "--ai", "16012345678"]) == 0
    out = capsys.readouterr().out
    assert "nif: 000016001234567" in out and "ai: 16012345678" in out
    assert main(["company", "set", path, "--key-file", key, "--nis", "12"]) == 1
    assert "the NIS has 15 digits" in capsys.readouterr().err
    assert main(["company", "show", path, "--key-file", key]) == 0
    assert "nis: \n" in capsys.readouterr().out
    assert main(["company", "set", path, "--key-file", key]) == 1


def test_new_refuses_a_short_nif(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "x.daftar"
    code = main(["new", str(target), "--name", "X", "--fiscal-year-start", "2025-01-01",
                 "--nif", "12345", "--key-file", str(tmp_path / "x.key")])
    assert code == 1 and "--nif: the NIF has 15 digits" in capsys.readouterr().err
    assert not target.exists()
