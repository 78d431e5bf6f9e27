"""``daftar print``: the legal printouts written as PDF from the command line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.cli.main import main
from tests.ledger_text import SAMPLE, key_file_of, post_text


@pytest.fixture
def company(books) -> tuple[Path, Path]:
    books.update_company(nif="000016001234567")
    post_text(books, SAMPLE)
    path, key_file = books.path, key_file_of(books)
    books.close()
    return path, key_file


@pytest.mark.parametrize("kind", ["journal", "general-ledger", "trial-balance"])
def test_print_writes_a_pdf(company: tuple[Path, Path], tmp_path: Path, kind: str,
                            capsys: pytest.CaptureFixture[str]) -> None:
    path, key = company
    out = tmp_path / f"{kind}.pdf"
    code = main(["print", kind, str(path), "--key-file", str(key), "--from", "2025-01-01",
                 "--to", "2025-12-31", "--output", str(out), "--lang", "fr"])
    assert code == 0, capsys.readouterr().err
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page(?!s)", data)) >= 1
    assert "wrote" in capsys.readouterr().out
    assert not out.with_name(out.name + ".part").exists()


def test_print_in_arabic_and_english(company: tuple[Path, Path], tmp_path: Path) -> None:
    path, key = company
    for lang in ("ar", "en"):
        out = tmp_path / f"tb-{lang}.pdf"
        assert main(["print", "trial-balance", str(path), "--key-file", str(key),
                     "--output", str(out), "--lang", lang]) == 0
        assert out.stat().st_size > 1000


def test_print_refuses_what_does_not_apply(company: tuple[Path, Path], tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    path, key = company
    base = ["--key-file", str(key), "--output", str(tmp_path / "x.pdf")]
    assert main(["print", "trial-balance", str(path), *base, "--journal", "VT"]) == 1
    assert "--journal does not apply" in capsys.readouterr().err
    assert main(["print", "journal", str(path), "--key-file", str(key),
                 "--output", str(tmp_path / "x.txt")]) == 1
    assert ".pdf" in capsys.readouterr().err
    assert main(["print", "journal", str(path), *base, "--journal", "ZZ"]) == 1
    assert "unknown journal" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()
