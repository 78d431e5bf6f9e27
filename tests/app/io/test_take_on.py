"""Taking on books kept elsewhere: lines without a third party on accounts that need one."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.cli.main import main
from app.io.csv_journal import ImportFailed, import_journal
from app.reports.balances import third_party_balances
from app.store.books import Books
from tests.app.io.test_csv_journal import YEAR, write_csv
from tests.ledger_text import key_file_of

ADVANCES = """\
A1,2025-02-01,BQ,409,,Avance fournisseur,500.00,,
A1,2025-02-01,BQ,512,,Avance fournisseur,,500.00,
A2,2025-02-02,BQ,512,,Avance client,300.00,,
A2,2025-02-02,BQ,419,,Avance client,,300.00,
A3,2025-02-03,OD,418,,Produits à recevoir,200.00,,
A3,2025-02-03,OD,706,,Produits à recevoir,,200.00,
"""
"""Advances to suppliers (409) and from customers (419) with no party, as other software exports
them; 418 is a general account and takes lines without a party anyway."""


def test_lines_without_a_party_are_refused_unless_the_account_has_a_default(books, tmp_path):
    path = write_csv(tmp_path, ADVANCES)
    with pytest.raises(ImportFailed) as failed:
        import_journal(books, path)
    assert (failed.value.row, failed.value.column) == (2, "third_party")
    assert "account 409 needs a third party" in str(failed.value)

    result = import_journal(books, path, default_parties={"409": "FOURNISSEURS DIVERS",
                                                         "41": "CLIENTS DIVERS"})
    assert result.entries == 3
    assert result.defaulted == {"409": 1, "419": 1}
    assert result.third_parties_created == 2
    balances = {(p.name, p.account): p.balance for p in third_party_balances(books, None, YEAR[1])}
    assert balances == {("FOURNISSEURS DIVERS", "409"): Decimal("500.00"),
                        ("CLIENTS DIVERS", "419"): Decimal("-300.00")}


def test_the_cli_option_and_its_report(books: Books, tmp_path, capsys) -> None:
    path = write_csv(tmp_path, ADVANCES)
    company, key = str(books.path), str(key_file_of(books))
    books.close()
    assert main(["import-journal", company, str(path), "--key-file", key,
                 "--default-party", "409=FDIVERS", "--default-party", "419=CDIVERS"]) == 0
    out = capsys.readouterr().out
    assert "1 lines on 409 had no third party and took the default one" in out
    assert "1 lines on 419 had no third party and took the default one" in out
    assert main(["import-journal", company, str(path), "--key-file", key,
                 "--default-party", "409"]) == 1
    assert "expected ACCOUNT=PARTY" in capsys.readouterr().err
