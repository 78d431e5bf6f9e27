"""Tax codes from ``daftar post`` and the return from ``daftar report vat``."""

from __future__ import annotations

import pytest

from app.cli.main import main
from app.store.books import Books
from tests.ledger_text import key_file_of


def test_post_with_tax_codes_then_the_g50(books: Books, capsys: pytest.CaptureFixture[str]) -> None:
    path, key = str(books.path), str(key_file_of(books))
    books.close()
    assert main(["party", "add", path, "--key-file", key, "--code", "C1", "--name", "Client",
                 "--kind", "customer"]) == 0
    assert main(["post", path, "--key-file", key, "--journal", "VT", "--date", "05/03/2025",
                 "--label", "Facture 12", "--debit", "411:1 190,00:C1",
                 "--credit", "700:1000::TVA19", "--credit", "4457:190::TVA19"]) == 0
    capsys.readouterr()
    assert main(["report", "vat", path, "--key-file", key, "--from", "2025-03-01",
                 "--to", "2025-03-31"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("G50 2025-03-01 to 2025-03-31 (DZD)")
    assert "au taux de 19 %  1000.00  190.00" in out
    assert "TVA à payer" in out and "190.00" in out
    assert main(["post", path, "--key-file", key, "--journal", "VT", "--date", "2025-03-06",
                 "--label", "Facture 13", "--debit", "411:119:C1",
                 "--credit", "700:100::TVA7", "--credit", "4457:19::TVA19"]) == 1
    assert "tax code TVA7 does not exist" in capsys.readouterr().err
    assert main(["report", "vat", path, "--key-file", key, "--journal", "VT"]) == 1
    assert "--journal does not apply to vat" in capsys.readouterr().err
