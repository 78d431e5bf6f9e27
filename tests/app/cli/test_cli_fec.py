"""``daftar fec export|check|import`` driven in-process through ``main``."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from app.cli.main import main
from app.io.fec import check_fec
from tests.cli_run import one_line_error, run
from tests.ledger_text import SAMPLE, key_file_of, post_text

NIF = "000216001234567"


@pytest.fixture
def company(books) -> tuple[Path, Path]:
    """A closed company with a NIF and three posted entries, and its key file."""
    books.update_company(nif=NIF)
    post_text(books, SAMPLE)
    path, key_file = books.path, key_file_of(books)
    books.close()
    return path, key_file


def test_export_then_check_then_import(company, make_books, capsys, tmp_path):
    path, key_file = company
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    code, out, err = run(capsys, "fec", "export", path, "--key-file", key_file, "--year",
                         "2025-01-01", "--output", out_dir, "--separator", "pipe")
    fec_file = out_dir / "000216001FEC20251231.txt"
    assert (code, err) == (0, "")
    assert out == f"wrote {fec_file}; it follows the FEC's structural rules\n"
    assert fec_file.read_text(encoding="utf-8").startswith("JournalCode|JournalLib|")
    assert run(capsys, "fec", "check", fec_file) == (
        0, f"{fec_file} follows the FEC's structural rules\n", "")

    target = make_books(name="target")
    target_path, target_key = target.path, key_file_of(target)
    target.close()
    code, out, err = run(capsys, "fec", "import", target_path, fec_file, "--key-file",
                         target_key)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith(f"imported 3 entries (7 lines) from {fec_file} (utf-8) in ")
    assert lines[1:] == ["created 2 third parties"]


def test_export_defaults_to_the_current_folder_and_the_year(company, capsys, tmp_path,
                                                           monkeypatch):
    path, key_file = company
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "fec", "export", path, "--key-file", key_file, "--siren",
                         "123456782")
    assert (code, err) == (0, "")
    assert out.startswith("wrote 123456782FEC20251231.txt")
    assert check_fec(tmp_path / "123456782FEC20251231.txt") == []


def test_export_refusals_are_one_line(books, capsys, tmp_path):
    path, key_file = books.path, key_file_of(books)
    books.close()
    code, _, err = run(capsys, "fec", "export", path, "--key-file", key_file, "--output",
                       tmp_path)
    one_line_error(code, err, "company.nif", "--siren")
    code, _, err = run(capsys, "fec", "export", path, "--key-file", key_file, "--siren", "12")
    one_line_error(code, err, "a SIREN is 9 digits")
    code, _, err = run(capsys, "fec", "export", path, "--key-file", key_file, "--siren",
                       "123456782", "--year", "2030-01-01")
    one_line_error(code, err, "no fiscal year contains 2030-01-01")
    code, _, err = run(capsys, "fec", "export", path, "--key-file", key_file, "--output",
                       tmp_path / "absent")
    one_line_error(code, err, "not a folder")
    with pytest.raises(SystemExit) as exited:
        main(["fec", "export", str(path), "--separator", "comma"])
    assert exited.value.code == 1
    assert "invalid choice: 'comma'" in capsys.readouterr().err


def test_check_lists_problems_on_stdout(capsys, tmp_path):
    bad = tmp_path / "journal.txt"
    bad.write_text("JournalCode\tJournalLib\n", encoding="utf-8")
    code, out, err = run(capsys, "fec", "check", bad)
    one_line_error(code, err, f"{bad} breaks the FEC rules (2 problems listed)")
    assert out.splitlines() == [
        "journal.txt: the file name must be <SIREN>FEC<YYYYMMDD> (9 digits, 'FEC', the fiscal "
        "year's closing date)",
        "journal.txt, line 1, column EcritureNum: column 3 must be 'EcritureNum', found nothing"]
    code, _, err = run(capsys, "fec", "check", tmp_path / "absent.txt")
    one_line_error(code, err, "no such file")


def test_import_refusal_leaves_the_file_unchanged(company, capsys, tmp_path):
    path, key_file = company
    code, _, _ = run(capsys, "fec", "export", path, "--key-file", key_file, "--output", tmp_path)
    assert code == 0
    exported = tmp_path / "000216001FEC20251231.txt"
    bad = tmp_path / "bad.txt"
    bad.write_bytes(exported.read_bytes().replace(b"1190,00", b"1190,01", 1))
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    code, out, err = run(capsys, "fec", "import", path, bad, "--key-file", key_file)
    one_line_error(code, err, f"{bad}, row 2, column Debit: entry VT-1 of journal VT does not "
                              "balance: debit 1190.01, credit 1190.00")
    assert out == ""
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    code, _, err = run(capsys, "fec", "import", path, tmp_path / "absent.txt", "--key-file",
                       key_file)
    one_line_error(code, err, "cannot read the file")


def test_import_refuses_zero_lines_unless_told_to_skip_them(company, make_books, capsys,
                                                             tmp_path):
    path, key_file = company
    code, _, _ = run(capsys, "fec", "export", path, "--key-file", key_file, "--output", tmp_path)
    assert code == 0
    lines = (tmp_path / "000216001FEC20251231.txt").read_bytes().decode().split("\r\n")
    zero = lines[1].split("\t")
    zero[11] = zero[12] = "0,00"
    lines.insert(2, "\t".join(zero))
    with_zero = tmp_path / "zero.txt"
    with_zero.write_bytes("\r\n".join(lines).encode())
    target = make_books(name="target")
    target_path, target_key = target.path, key_file_of(target)
    target.close()
    code, out, err = run(capsys, "fec", "import", target_path, with_zero, "--key-file",
                         target_key)
    one_line_error(code, err, f"{with_zero}, row 3, column Debit: the line has no amount",
                   "--skip-zero-lines")
    assert out == ""
    code, out, err = run(capsys, "fec", "import", target_path, with_zero, "--key-file",
                         target_key, "--skip-zero-lines")
    assert (code, err) == (0, "")
    assert out.splitlines()[0].startswith("imported 3 entries (7 lines)")
    assert "left out 1 lines with no amount" in out.splitlines()
