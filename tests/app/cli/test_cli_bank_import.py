"""``daftar bank import|lines|rules|post``, driven through ``main`` on a real company file."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from app.store.company import KeySource, open_company
from tests.bank_samples import CSV_DEBIT_CREDIT, write_camt
from tests.cli_run import one_line_error, run
from tests.ledger_text import key_file_of


@pytest.fixture
def company(books) -> tuple[Path, Path]:
    path, key_file = books.path, key_file_of(books)
    books.close()
    return path, key_file


def dinar_camt(path: Path, **balances: str) -> Path:
    """The sample March statement, in the test company's currency."""
    write_camt(path, **balances)
    path.write_text(path.read_text().replace('Ccy="EUR"', 'Ccy="DZD"')
                    .replace("<Ccy>EUR</Ccy>", "<Ccy>DZD</Ccy>"), encoding="utf-8")
    return path


def daftar(capsys, company, *argv: object) -> tuple[int, str, str]:
    """``daftar bank ARGV``, the company file after the action (and the rules' own action)."""
    path, key_file = company
    words = 2 if argv[0] == "rules" else 1
    return run(capsys, "bank", *argv[:words], path, *argv[words:], "--key-file", key_file)


def imported(capsys, company, tmp_path: Path) -> Path:
    statement = dinar_camt(tmp_path / "mars.xml")
    code, _, err = daftar(capsys, company, "import", statement, "--account", "512",
                          "--journal", "BQ")
    assert (code, err) == (0, "")
    return statement


def open_lines(capsys, company) -> list[dict]:
    code, out, err = daftar(capsys, company, "lines", "--account", "512", "--json")
    assert (code, err) == (0, "")
    return json.loads(out)


def test_import_twice_adds_nothing_the_second_time(capsys, company, tmp_path: Path) -> None:
    statement = dinar_camt(tmp_path / "mars.xml")
    code, out, err = daftar(capsys, company, "import", statement, "--account", "512",
                            "--journal", "BQ")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"{statement}, statement 1 (STMT-1): FR7630004000031234567890143 (DZD), 2025-03-01 to "
        "2025-03-31",
        "  balances:  ok: opening 1000.00 + 250.00 = closing 1250.00",
        "  512 / BQ: 3 new lines, 0 already imported (statement 1)"]
    code, out, err = daftar(capsys, company, "import", statement, "--account", "512",
                            "--journal", "BQ", "--json")
    assert (code, err) == (0, "")
    [result] = json.loads(out)["statements"]
    assert (result["statement_id"], result["new"], result["duplicates"]) == (None, 0, 3)


@pytest.mark.parametrize(("balances", "options", "needles"), [
    ({"closing": "1300.00"}, ("--account", "512", "--journal", "BQ"),
     ("statement 1 (STMT-1), closing balance: expected 1250.00",)),
    ({}, ("--account", "607", "--journal", "BQ"), ("account 607 is not a bank account",)),
    ({}, ("--account", "512", "--journal", "VT"), ("journal VT is a sales journal",)),
])
def test_import_refusals_are_one_line(capsys, company, tmp_path: Path, balances: dict,
                                      options: tuple[str, ...], needles: tuple[str, ...]) -> None:
    statement = dinar_camt(tmp_path / "mars.xml", **balances)
    one_line_error(*daftar(capsys, company, "import", statement, *options)[::2], *needles)
    assert open_lines(capsys, company) == []


def test_import_of_another_currency(capsys, company, tmp_path: Path) -> None:
    statement = write_camt(tmp_path / "eur.xml")
    one_line_error(*daftar(capsys, company, "import", statement, "--account", "512",
                           "--journal", "BQ")[::2], "the statement is in EUR, the books in DZD")


def test_import_csv_through_its_mapping(capsys, company, tmp_path: Path) -> None:
    statement = tmp_path / "cpa.csv"
    statement.write_bytes(CSV_DEBIT_CREDIT.encode("cp1252"))
    path, key_file = company
    assert run(capsys, "bank", "mapping", "add", path, "CPA", "--date", "Date operation",
               "--label", "Libelle", "--debit", "Debit", "--credit", "Credit",
               "--counterparty", "Tiers", "--decimal-comma", "--thousands", ".", "--encoding",
               "cp1252", "--date-format", "%Y-%m-%d", "--key-file", key_file)[0] == 0
    one_line_error(*daftar(capsys, company, "import", statement, "--account", "512",
                           "--journal", "BQ")[::2], "so it is read as CSV: give --mapping NAME")
    code, out, err = daftar(capsys, company, "import", statement, "--account", "512",
                            "--journal", "BQ", "--mapping", "CPA")
    assert (code, err) == (0, "")
    assert "3 new lines, 0 already imported" in out
    assert [x["amount"] for x in open_lines(capsys, company)] == ["1000.00", "-7.50", "-7.50"]


def test_rules_add_list_disable_delete(capsys, company) -> None:
    code, out, err = daftar(capsys, company, "rules", "add", "Frais", "--account", "627",
                            "--label-contains", "frais", "--direction", "out", "--max", "50",
                            "--entry-label", "Frais bancaires")
    assert (code, err) == (0, "")
    assert out == ("added the bank rule 'Frais': label contains 'frais', money out, amount at "
                   "most 50.00 → 627, label 'Frais bancaires'\n")
    one_line_error(*daftar(capsys, company, "rules", "add", "Client", "--account", "411",
                           "--counterparty-contains", "client")[::2],
                   "bank rule 'Client': account 411 needs a third party on each line")
    one_line_error(*daftar(capsys, company, "rules", "add", "X", "--account", "627",
                           "--min", "abc")[::2], "--min 'abc'")
    assert daftar(capsys, company, "rules", "disable", "Frais")[1] == (
        "the bank rule 'Frais' is off\n")
    code, out, _ = daftar(capsys, company, "rules", "list")
    assert out.startswith("Frais (priority 100, off): label contains 'frais'")
    code, out, _ = daftar(capsys, company, "rules", "list", "--json")
    assert json.loads(out)[0]["amount_max"] == "50.00"
    assert daftar(capsys, company, "rules", "delete", "Frais")[0] == 0
    one_line_error(*daftar(capsys, company, "rules", "delete", "Frais")[::2],
                   "there is no bank rule named 'Frais' (rules: none yet)")


def test_lines_show_suggestions_and_post_one(capsys, company, tmp_path: Path) -> None:
    imported(capsys, company, tmp_path)
    daftar(capsys, company, "rules", "add", "Frais", "--account", "627", "--label-contains",
           "frais")
    code, out, err = daftar(capsys, company, "lines", "--account", "512")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "#1  2025-03-03  300.00  Facture 12  [SARL Client]", "      no suggestion",
        "#2  2025-03-05  -42.50  Carrefour", "      no suggestion",
        "#3  2025-03-05   -7.50  Frais", "      → 627: rule 'Frais': label contains 'frais'"]
    one_line_error(*daftar(capsys, company, "post", "--line", 3)[::2],
                   "statement line 3: give --account NUMBER, or --accept to post the "
                   "suggestion 627 (rule 'Frais'")
    one_line_error(*daftar(capsys, company, "post", "--line", 2, "--accept")[::2],
                   "statement line 2 has no suggestion: give --account NUMBER")
    code, out, err = daftar(capsys, company, "post", "--line", 2, "--account", "607")
    assert (code, err) == (0, "")
    assert out == ("posted BQ-1 (entry 1) for statement line 2: 2025-03-05 -42.50 on 607, "
                   "matched (match 1)\n")
    code, out, err = daftar(capsys, company, "post", "--line", 3, "--accept")
    assert out.startswith("posted BQ-2 (entry 2) for statement line 3") and err == ""
    one_line_error(*daftar(capsys, company, "post", "--line", 3, "--account", "627")[::2],
                   "statement line 3 (2025-03-05, -7.50) is matched already")
    assert [x["id"] for x in open_lines(capsys, company)] == [1]
    path, key_file = company
    with open_company(path, KeySource(key_file=key_file)) as books:
        assert books.entry(2).label == "Frais"


def test_post_learns_from_what_was_posted(capsys, company, tmp_path: Path) -> None:
    imported(capsys, company, tmp_path)
    daftar(capsys, company, "post", "--line", 2, "--account", "607")
    april = tmp_path / "avril.xml"
    april.write_text(dinar_camt(tmp_path / "x.xml").read_text()
                     .replace("R2", "R9").replace("2025-03-05", "2025-04-05")
                     .replace("<Ustrd>Frais", "<Ustrd>Agios").replace("STMT-1", "STMT-2"))
    code, out, err = daftar(capsys, company, "import", april, "--account", "512",
                            "--journal", "BQ")
    assert "2 new lines, 1 already imported" in out, err
    [carrefour] = [x for x in open_lines(capsys, company) if x["label"] == "Carrefour"]
    [learned] = carrefour["suggestions"]
    assert learned["source"] == "learned" and learned["account"] == "607"
    assert learned["reason"].startswith("1 earlier payment labelled like 'carrefour' went to 607")
    code, out, err = daftar(capsys, company, "post", "--line", carrefour["id"], "--accept")
    assert (code, err) == (0, ""), err


def test_all_suggested_posts_rule_lines_and_stops_at_a_refusal(capsys, company,
                                                               tmp_path: Path) -> None:
    imported(capsys, company, tmp_path)
    daftar(capsys, company, "rules", "add", "Client", "--account", "706",
           "--counterparty-contains", "sarl client")
    daftar(capsys, company, "rules", "add", "Frais", "--account", "627", "--label-contains",
           "frais")
    daftar(capsys, company, "post", "--line", 2, "--account", "607")
    code, out, err = daftar(capsys, company, "post", "--all-suggested", "--bank", "512")
    one_line_error(code, err, "stopped after posting 0 of the 2 lines that rules decide, at rule "
                   "'Client': statement line 1 (2025-03-03, 300.00): 2025-03-03 is before "
                   "2025-03-05")
    assert [x["id"] for x in open_lines(capsys, company)] == [1, 3]
    daftar(capsys, company, "rules", "disable", "Client")
    code, out, err = daftar(capsys, company, "post", "--all-suggested", "--bank", "512")
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == ("posted 1 line that rules decide on 512; 1 open line "
                                    "left for a person")
    assert [x["id"] for x in open_lines(capsys, company)] == [1]


@pytest.mark.parametrize(("argv", "needle"), [
    (("post",), "give --line ID"),
    (("post", "--all-suggested"), "--all-suggested needs --bank NUMBER"),
    (("post", "--all-suggested", "--bank", "512", "--line", "1"), "--line cannot go with"),
    (("post", "--line", "1", "--accept", "--account", "627"), "--accept takes the suggested"),
    (("post", "--line", "1", "--bank", "512"), "--bank goes with --all-suggested"),
    (("post", "--line", "99", "--account", "627"), "there is no statement line 99"),
    (("lines", "--account", "5129"), "account 5129 does not exist"),
])
def test_usage_errors(capsys, company, argv: tuple[str, ...], needle: str) -> None:
    one_line_error(*daftar(capsys, company, *argv)[::2], needle)


def test_mapping_delete_and_rename(capsys, company) -> None:
    path, key_file = company
    run(capsys, "bank", "mapping", "add", path, "CPA", "--date", "D", "--label", "L",
        "--amount", "A", "--key-file", key_file)
    code, out, err = run(capsys, "bank", "mapping", "rename", path, "CPA", "BNA",
                         "--key-file", key_file)
    assert (code, out, err) == (0, "renamed the bank CSV mapping 'CPA' to 'BNA'\n", "")
    code, out, _ = run(capsys, "bank", "mapping", "list", path, "--key-file", key_file)
    assert out.startswith("BNA: date 'D'")
    assert run(capsys, "bank", "mapping", "delete", path, "BNA", "--key-file", key_file)[0] == 0
    one_line_error(*run(capsys, "bank", "mapping", "delete", path, "BNA", "--key-file",
                        key_file)[::2], "no bank CSV mapping named 'BNA' (saved: none saved yet)")


def test_today_is_the_match_day(capsys, company, tmp_path: Path) -> None:
    imported(capsys, company, tmp_path)
    daftar(capsys, company, "post", "--line", 3, "--account", "627")
    path, key_file = company
    with open_company(path, KeySource(key_file=key_file)) as books, books.read() as cur:
        assert cur.execute("SELECT made_on, how FROM bank_match").fetchall() == [
            (date.today().isoformat(), "posted")]
