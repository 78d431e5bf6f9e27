"""The ``daftar`` command line, driven in-process through ``main`` and as the installed script.

Each test works on its own copy of a real encrypted company (``books`` fixture of conftest),
closed before the command runs, with its key file next to it.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import stat
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from app.cli.main import main
from app.store import keys
from app.store.company import KeySource, open_company
from app.store.database import WrongKey, raw_connect
from app.store.verify import verify
from tests.cli_run import run
from tests.ledger_text import SAMPLE, key_file_of, post_text

DAFTAR = Path(sys.executable).parent / "daftar"
RECOVERY = re.compile(r"^    ([A-Z2-7]{5}(?:-[A-Z2-7]{1,5}){10})$", re.MULTILINE)

ENTRIES = SAMPLE

# account: (debit, credit, balance) over 2025, once ENTRIES and the capital entry are posted
TRIAL_BALANCE = {
    "101": ("0.00", "1000.50", "-1000.50"),
    "401": ("0.00", "500.00", "-500.00"),
    "411": ("1190.00", "1190.00", "0.00"),
    "4457": ("0.00", "190.00", "-190.00"),
    "512": ("2190.50", "0.00", "2190.50"),
    "600": ("500.00", "0.00", "500.00"),
    "700": ("0.00", "1000.00", "-1000.00"),
}


@pytest.fixture
def company(books) -> tuple[Path, Path]:
    """A closed company file with three posted entries (and its parties), and its key file."""
    post_text(books, ENTRIES)
    path, key_file = books.path, key_file_of(books)
    books.close()
    return path, key_file


def daftar(*argv: object, cwd: Path, env: dict[str, str] | None = None):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DAFTAR_")}
    environment.update(env or {})
    return subprocess.run([str(DAFTAR), *map(str, argv)], cwd=cwd, env=environment,
                          capture_output=True, text=True, timeout=60)


def assert_one_line_error(code: int, err: str, *needles: str) -> str:
    assert code == 1
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("daftar: error: ")
    for needle in needles:
        assert needle in lines[0]
    return lines[0]


def _counts(path: Path, key_file: Path) -> tuple[int, ...]:
    with open_company(path, KeySource(key_file=key_file)) as books, books.read() as cur:
        return tuple(cur.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                     for t in ("entry", "line", "account", "third_party", "fiscal_year"))


def _post_capital(capsys, path: Path, key_file: Path) -> str:
    code, out, err = run(capsys, "post", path, "--key-file", key_file, "--journal", "OD",
                         "--date", "2025-01-15", "--label", "Capital", "--debit", "512:1000.50",
                         "--credit", "101:1000.50")
    assert (code, err) == (0, "")
    return out


# --- new --------------------------------------------------------------------------------------

def test_new_creates_the_file_and_a_private_key_file(tmp_path, capsys):
    path, key_file = tmp_path / "new.daftar", tmp_path / "new.key"
    code, out, err = run(capsys, "new", path, "--key-file", key_file, "--name", "Nouvelle SARL",
                         "--fiscal-year-start", "2025-01-01", "--nif", "000016001234567")
    assert (code, err) == (0, "")
    assert out.startswith(f"created {path}: Nouvelle SARL, chart SCF, DZD\n")
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    recovery = RECOVERY.findall(out)
    assert len(recovery) == 1, out
    assert keys.parse_recovery_key(recovery[0]).key == keys.read_key_file(key_file).key
    key_file.unlink()
    with open_company(path, KeySource(recovery_key=recovery[0])) as books:
        assert verify(books).ok
    keys.write_key_file(key_file, keys.parse_recovery_key(recovery[0]))
    with open_company(path, KeySource(key_file=key_file)) as books:
        assert books.company.name == "Nouvelle SARL"
        assert books.company.nif == "000016001234567"
        assert [(y.start, y.end) for y in books.fiscal_years()] == [
            (date(2025, 1, 1), date(2025, 12, 31))]
        assert sorted(books.journals()) == ["AC", "AN", "BQ", "CA", "OD", "VT"]
        assert len(books.accounts()) > 300


def test_new_on_an_existing_path_is_refused(company, tmp_path, capsys):
    path, key_file = company
    before = path.read_bytes(), key_file.read_bytes()
    code, out, err = run(capsys, "new", path, "--key-file", key_file, "--name", "Other",
                         "--fiscal-year-start", "2025-01-01")
    assert_one_line_error(code, err, str(path), "already exists")
    assert out == ""
    assert (path.read_bytes(), key_file.read_bytes()) == before
    fresh_key = tmp_path / "fresh.key"
    code, _, err = run(capsys, "new", path, "--key-file", fresh_key, "--name", "Other",
                       "--fiscal-year-start", "2025-01-01")
    assert_one_line_error(code, err, "already exists")
    assert not fresh_key.exists()


def test_new_without_a_credential_store_says_what_to_do(tmp_path, capsys, no_keyring):
    path = tmp_path / "nokey.daftar"
    code, out, err = run(capsys, "new", path, "--name", "X", "--fiscal-year-start", "2025-01-01")
    assert_one_line_error(code, err, "--key-file", "--passphrase")
    assert out == ""
    assert list(tmp_path.iterdir()) == []


def test_new_with_an_unknown_currency_creates_nothing(tmp_path, capsys):
    code, _, err = run(capsys, "new", tmp_path / "x.daftar", "--key-file", tmp_path / "x.key",
                       "--name", "X", "--currency", "ZZZ", "--fiscal-year-start", "2025-01-01")
    assert_one_line_error(code, err, "unknown currency 'ZZZ'")
    assert list(tmp_path.iterdir()) == []


def test_new_in_a_missing_folder_is_a_user_error(tmp_path, capsys):
    key_file = tmp_path / "new.key"
    code, _, err = run(capsys, "new", tmp_path / "missing" / "new.daftar", "--key-file",
                       key_file, "--name", "X", "--fiscal-year-start", "2025-01-01")
    assert_one_line_error(code, err, "missing")
    assert not key_file.exists()


# --- post -------------------------------------------------------------------------------------

def test_post_prints_the_number(company, capsys):
    path, key_file = company
    out = _post_capital(capsys, path, key_file)
    assert out == "posted OD-1 (entry 4) on 2025-01-15: 1000.50 DZD\n"
    code, out, err = run(capsys, "post", path, "--key-file", key_file, "--journal", "VT",
                         "--date", "2025-04-02", "--label", "Facture 2",
                         "--debit", "411:595,00:CLIENT1", "--credit", "700:500",
                         "--credit", "4457:95.00")
    assert (code, err) == (0, "")
    assert out == "posted VT-2 (entry 5) on 2025-04-02: 595.00 DZD\n"
    with open_company(path, KeySource(key_file=key_file)) as books:
        entry = books.entry(5)
        assert [(ln.account, ln.debit, ln.credit, ln.third_party) for ln in entry.lines] == [
            ("411", Decimal("595.00"), Decimal("0.00"), "CLIENT1"),
            ("700", Decimal("0.00"), Decimal("500.00"), None),
            ("4457", Decimal("0.00"), Decimal("95.00"), None)]
        assert verify(books).ok


def test_unbalanced_post_is_refused_on_one_line(company, capsys):
    path, key_file = company
    before = _counts(path, key_file)
    code, out, err = run(capsys, "post", path, "--key-file", key_file, "--journal", "OD",
                         "--date", "2025-01-15", "--debit", "512:100", "--credit", "101:90")
    assert_one_line_error(code, err, "the entry does not balance: debit 100.00, credit 90.00, "
                          "difference 10.00")
    assert out == ""
    assert _counts(path, key_file) == before


def test_post_refusal_lists_every_reason_on_one_line(company, capsys):
    path, key_file = company
    code, _, err = run(capsys, "post", path, "--key-file", key_file, "--journal", "VT",
                       "--date", "2025-01-15", "--debit", "411:100", "--credit", "700:90")
    line = assert_one_line_error(code, err)
    assert "line 1: account 411 needs a third party" in line
    assert "the entry does not balance: debit 100.00, credit 90.00" in line
    code, _, err = run(capsys, "post", path, "--key-file", key_file, "--journal", "VT",
                       "--date", "2025-01-15", "--debit", "512:100", "--credit", "999:100")
    assert_one_line_error(code, err, "line 2: account 999 does not exist")


def test_post_with_a_malformed_line_spec(company, capsys):
    path, key_file = company
    code, _, err = run(capsys, "post", path, "--key-file", key_file, "--journal", "OD",
                       "--date", "2025-01-15", "--debit", "512", "--credit", "101:10")
    assert_one_line_error(code, err, "--debit '512'", "ACCOUNT:AMOUNT")
    code, _, err = run(capsys, "post", path, "--key-file", key_file, "--journal", "OD",
                       "--date", "2025-01-15", "--debit", "512:ten", "--credit", "101:10")
    assert_one_line_error(code, err, "not an amount")


def test_save_draft_then_post_it_and_reverse(company, capsys):
    path, key_file = company
    code, out, err = run(capsys, "post", path, "--key-file", key_file, "--journal", "OD",
                         "--date", "2025-05-05", "--label", "Draft", "--debit", "512:7",
                         "--credit", "101:7", "--save-draft")
    assert (code, out, err) == (0, "saved draft 4\n", "")
    code, out, err = run(capsys, "post", path, "--key-file", key_file, "--draft", 4)
    assert (code, out, err) == (0, "posted OD-1 (entry 4) on 2025-05-05: 7.00 DZD\n", "")
    code, out, err = run(capsys, "reverse", path, 4, "--key-file", key_file,
                         "--date", "2025-05-06")
    assert (code, out, err) == (0, "posted reversal OD-2 (entry 5) of entry 4\n", "")
    code, _, err = run(capsys, "reverse", path, 4, "--key-file", key_file,
                       "--date", "2025-05-07")
    assert_one_line_error(code, err, "entry 4 was already reversed by entry 5")


def test_a_reversal_dated_before_its_entry_is_refused_and_changes_nothing(company, capsys):
    path, key_file = company
    run(capsys, "post", path, "--key-file", key_file, "--journal", "OD", "--date", "2025-05-05",
        "--label", "Capital", "--debit", "512:7", "--credit", "101:7")
    before = Path(path).read_bytes()
    code, _, err = run(capsys, "reverse", path, 4, "--key-file", key_file,
                       "--date", "2025-05-04")
    assert_one_line_error(code, err, "a reversal cannot be dated 2025-05-04, before the entry "
                          "it cancels (2025-05-05)")
    assert Path(path).read_bytes() == before


# --- reports ----------------------------------------------------------------------------------

def test_trial_balance_csv_is_exact(company, capsys):
    path, key_file = company
    _post_capital(capsys, path, key_file)
    code, out, err = run(capsys, "report", "trial-balance", path, "--key-file", key_file,
                         "--format", "csv")
    assert (code, err) == (0, "")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["account", "label", "opening_debit", "opening_credit", "debit", "credit",
                       "closing_debit", "closing_credit", "balance"]
    assert {r[0]: (r[4], r[5], r[8]) for r in rows[1:]} == TRIAL_BALANCE
    for account, _label, od, oc, debit, credit, cd, cc, balance in rows[1:]:
        assert Decimal(balance) == Decimal(debit) - Decimal(credit), account
        assert Decimal(cd) - Decimal(cc) == Decimal(od) - Decimal(oc) + Decimal(balance), account
    assert len(rows) == 1 + len(TRIAL_BALANCE)


def test_trial_balance_json_totals_balance(company, capsys):
    path, key_file = company
    _post_capital(capsys, path, key_file)
    code, out, err = run(capsys, "report", "trial-balance", path, "--key-file", key_file,
                         "--format", "json", "--from", "2025-01-01", "--to", "2025-12-31")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert (data["from"], data["to"], data["currency"]) == ("2025-01-01", "2025-12-31", "DZD")
    assert data["totals"]["debit"] == data["totals"]["credit"] == "3880.50"
    assert data["totals"]["closing_debit"] == data["totals"]["closing_credit"]
    assert sum(Decimal(r["balance"]) for r in data["rows"]) == 0
    assert {r["account"]: (r["debit"], r["credit"], r["balance"])
            for r in data["rows"]} == TRIAL_BALANCE


def test_trial_balance_account_range_and_period(company, capsys):
    path, key_file = company
    code, out, _ = run(capsys, "report", "trial-balance", path, "--key-file", key_file,
                       "--format", "csv", "--accounts", "4", "--from", "2025-02-01",
                       "--to", "2025-02-28")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))[1:]
    assert [(r[0], r[4], r[5], r[8]) for r in rows] == [
        ("411", "0.00", "1190.00", "-1190.00"), ("4457", "0.00", "0.00", "0.00")]
    code, _, err = run(capsys, "report", "trial-balance", path, "--key-file", key_file,
                       "--from", "2025-03-01", "--to", "2025-02-01")
    assert_one_line_error(code, err, "before")


KINDS = ("trial-balance", "general-ledger", "journal", "balance-sheet", "income-statement",
         "third-parties")


@pytest.mark.parametrize("fmt", ["text", "csv", "json"])
@pytest.mark.parametrize("kind", KINDS)
def test_every_report_in_every_format(company, capsys, kind, fmt):
    path, key_file = company
    code, out, err = run(capsys, "report", kind, path, "--key-file", key_file, "--format", fmt)
    assert (code, err) == (0, "")
    assert out.strip()
    if fmt == "json":
        data = json.loads(out)
        assert data["report"] == kind.replace("-", "_")
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(out)))
        assert len(rows) >= 2 and all(len(r) == len(rows[0]) for r in rows)
    if kind in ("general-ledger", "journal") and fmt != "text":
        assert "Facture 1" in out and "CLIENT1" in out


def test_report_figures_agree_across_kinds(company, capsys):
    path, key_file = company
    _, out, _ = run(capsys, "report", "balance-sheet", path, "--key-file", key_file,
                    "--format", "json")
    sheet = json.loads(out)
    assert sheet["total_assets"] == sheet["total_liabilities"] == "1190.00"
    _, out, _ = run(capsys, "report", "income-statement", path, "--key-file", key_file,
                    "--format", "json")
    assert json.loads(out)["net_result"] == "500.00"
    _, out, _ = run(capsys, "report", "third-parties", path, "--key-file", key_file,
                    "--format", "json")
    parties = {(r["code"], r["account"]): r["balance"] for r in json.loads(out)["rows"]}
    assert parties["FOURN1", "401"] == "-500.00"
    _, out, _ = run(capsys, "report", "journal", path, "--key-file", key_file, "--format",
                    "csv", "--journal", "BQ")
    rows = list(csv.reader(io.StringIO(out)))
    assert [(r[1], r[2], r[6], r[7]) for r in rows[1:]] == [
        ("BQ-1", "512", "1190.00", ""), ("BQ-1", "411", "", "1190.00")]


def test_report_to_an_output_file(company, capsys, tmp_path):
    path, key_file = company
    target = tmp_path / "tb.csv"
    code, out, err = run(capsys, "report", "trial-balance", path, "--key-file", key_file,
                         "--format", "csv", "-o", target)
    assert (code, out, err) == (0, "", "")
    assert target.read_text(encoding="utf-8").startswith(
        "account,label,opening_debit,opening_credit,debit,credit,closing_debit,closing_credit,"
        "balance\n")


# --- verify and keys --------------------------------------------------------------------------

def test_verify_prints_ok(company, capsys):
    path, key_file = company
    code, out, err = run(capsys, "verify", path, "--key-file", key_file)
    assert (code, err) == (0, "")
    assert out.startswith(f"{path}: OK — 3 posted entries, 7 lines")


def test_verify_reports_a_broken_chain(company, capsys):
    path, key_file = company
    cx = raw_connect(path, keys.read_key_file(key_file))
    cx.execute("DROP TRIGGER line_posted_immutable")
    cx.execute("UPDATE line SET debit = 1191 * 100 WHERE debit = 1190 * 100 AND position = 1 "
               "AND entry_id = 1")
    cx.close()
    code, out, err = run(capsys, "verify", path, "--key-file", key_file)
    assert code == 1
    assert out == ""
    assert "the hash chain breaks at entry VT-1" in err
    assert "Traceback" not in err


def test_key_show_recovery_prints_a_key_that_opens_the_file(company, capsys):
    path, key_file = company
    code, out, err = run(capsys, "key", "show-recovery", path, "--key-file", key_file)
    assert (code, err) == (0, "")
    recovery = RECOVERY.findall(out)
    assert len(recovery) == 1, out
    with open_company(path, KeySource(recovery_key=recovery[0])) as books:
        assert verify(books).ok
        assert books.db.key.key == keys.read_key_file(key_file).key


def test_key_rekey_with_a_key_file(company, capsys, tmp_path):
    path, key_file = company
    old_copy = tmp_path / "old.key"
    shutil.copyfile(key_file, old_copy)
    code, out, err = run(capsys, "key", "rekey", path, "--key-file", key_file)
    assert (code, err) == (0, "")
    assert out.startswith(f"{path} is now encrypted with a new key")
    new_recovery = RECOVERY.findall(out)
    assert len(new_recovery) == 1, out
    assert keys.parse_recovery_key(new_recovery[0]).key == keys.read_key_file(key_file).key
    assert key_file.read_bytes() != old_copy.read_bytes()
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert not key_file.with_name(key_file.name + ".pending").exists()
    code, _, err = run(capsys, "verify", path, "--key-file", old_copy)
    assert_one_line_error(code, err, "the key is wrong")
    code, out, _ = run(capsys, "verify", path, "--key-file", key_file)
    assert code == 0 and "OK — 3 posted entries" in out


def test_wrong_key_file_is_one_line(company, capsys, tmp_path):
    path, _ = company
    wrong = tmp_path / "wrong.key"
    keys.write_key_file(wrong, keys.new_key())
    before = path.read_bytes()
    code, out, err = run(capsys, "verify", path, "--key-file", wrong)
    assert_one_line_error(code, err, f"cannot open {path}: the key is wrong")
    assert out == ""
    assert path.read_bytes() == before


def test_junk_and_missing_key_files_are_one_line(company, capsys, tmp_path):
    path, _ = company
    junk = tmp_path / "junk.key"
    junk.write_text("not a key\n", encoding="utf-8")
    code, _, err = run(capsys, "verify", path, "--key-file", junk)
    assert_one_line_error(code, err, f"key file {junk} holds no key")
    code, _, err = run(capsys, "verify", path, "--key-file", tmp_path / "absent.key")
    assert_one_line_error(code, err, "cannot read key file", "absent.key")


def test_missing_company_file(tmp_path, capsys):
    key_file = tmp_path / "k.key"
    keys.write_key_file(key_file, keys.new_key())
    for argv in (("verify", tmp_path / "nope.daftar"),
                 ("report", "trial-balance", tmp_path / "nope.daftar"),
                 ("post", tmp_path / "nope.daftar", "--journal", "OD", "--date", "2025-01-01",
                  "--debit", "512:1", "--credit", "101:1")):
        code, out, err = run(capsys, *argv, "--key-file", key_file)
        assert_one_line_error(code, err, "nope.daftar does not exist")
        assert out == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["k.key"]


def test_key_file_from_the_environment(company, capsys, monkeypatch, tmp_path):
    path, key_file = company
    monkeypatch.setenv("DAFTAR_KEY_FILE", str(key_file))
    code, out, err = run(capsys, "verify", path)
    assert (code, err) == (0, "")
    assert "OK — 3 posted entries" in out
    code, out, _ = run(capsys, "report", "trial-balance", path, "--format", "csv")
    assert code == 0 and out.startswith(
        "account,label,opening_debit,opening_credit,debit,credit,closing_debit,closing_credit,"
        "balance\n")
    wrong = tmp_path / "wrong.key"
    keys.write_key_file(wrong, keys.new_key())
    monkeypatch.setenv("DAFTAR_KEY_FILE", str(wrong))
    code, _, err = run(capsys, "verify", path)
    assert_one_line_error(code, err, "the key is wrong")
    code, _, _ = run(capsys, "verify", path, "--key-file", key_file)
    assert code == 0, "--key-file wins over DAFTAR_KEY_FILE"


def test_two_key_sources_are_refused(company, capsys, monkeypatch):
    path, key_file = company
    monkeypatch.setenv("DAFTAR_PASSPHRASE", "whatever")
    code, _, err = run(capsys, "verify", path, "--key-file", key_file, "--passphrase")
    assert_one_line_error(code, err, "give one of --key-file, --passphrase and --recovery-key")


def test_recovery_key_from_the_environment(company, capsys, monkeypatch):
    path, key_file = company
    monkeypatch.setenv("DAFTAR_RECOVERY_KEY",
                       keys.recovery_key(keys.read_key_file(key_file)).lower())
    code, out, err = run(capsys, "verify", path, "--recovery-key")
    assert (code, err) == (0, "")
    assert "OK" in out


def test_passphrase_from_the_environment(tmp_path, capsys, monkeypatch):
    path = tmp_path / "pp.daftar"
    monkeypatch.setenv("DAFTAR_PASSPHRASE", "première phrase secrète")
    code, out, err = run(capsys, "new", path, "--passphrase", "--name", "Phrase SARL",
                         "--fiscal-year-start", "2025-01-01")
    assert (code, err) == (0, "")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pp.daftar"]
    recovery = RECOVERY.findall(out)[0]
    code, out, _ = run(capsys, "verify", path, "--passphrase")
    assert code == 0 and "OK — 0 posted entries" in out
    monkeypatch.setenv("DAFTAR_NEW_PASSPHRASE", "seconde phrase")
    code, out, err = run(capsys, "key", "rekey", path, "--passphrase")
    assert (code, err) == (0, "")
    assert RECOVERY.findall(out)[0] != recovery
    code, _, err = run(capsys, "verify", path, "--passphrase")
    assert_one_line_error(code, err, "the key is wrong")
    monkeypatch.setenv("DAFTAR_PASSPHRASE", "seconde phrase")
    code, _, _ = run(capsys, "verify", path, "--passphrase")
    assert code == 0


# --- lock and fiscal years --------------------------------------------------------------------

def test_lock_refuses_postings_on_or_before_the_lock_date(company, capsys):
    path, key_file = company
    code, out, err = run(capsys, "lock", path, "2025-03-31", "--key-file", key_file)
    assert (code, err) == (0, "")
    assert out == f"locked {path} up to and including 2025-03-31\n"
    before = _counts(path, key_file)
    for day in ("2025-03-31", "2025-01-02"):
        code, out, err = run(capsys, "post", path, "--key-file", key_file, "--journal", "OD",
                                     "--label", "Apport",
                             "--date", day, "--debit", "512:5", "--credit", "101:5")
        assert_one_line_error(code, err, f"{day} is on or before the lock date 2025-03-31")
        assert out == ""
    assert _counts(path, key_file) == before
    code, out, _ = run(capsys, "post", path, "--key-file", key_file, "--journal", "OD",
                               "--label", "Apport",
                       "--date", "2025-04-01", "--debit", "512:5", "--credit", "101:5")
    assert code == 0 and out.startswith("posted OD-1 ")
    code, _, err = run(capsys, "lock", path, "2025-01-31", "--key-file", key_file)
    assert_one_line_error(code, err, "only moves forward")


def test_fiscal_year_list_open_next_and_close(company, capsys):
    path, key_file = company
    code, out, err = run(capsys, "fiscal-year", "list", path, "--key-file", key_file)
    assert (code, err) == (0, "")
    assert out.split() == ["2025", "2025-01-01", "2025-12-31", "open"]
    code, out, _ = run(capsys, "fiscal-year", "open-next", path, "--key-file", key_file)
    assert (code, out) == (0, "opened fiscal year 2026: 2026-01-01 to 2026-12-31\n")
    code, _, err = run(capsys, "fiscal-year", "close", path, "--key-file", key_file)
    assert_one_line_error(code, err, "--start")
    code, _, err = run(capsys, "fiscal-year", "close", path, "--start", "2026-01-01",
                       "--key-file", key_file)
    assert_one_line_error(code, err, "close fiscal year 2025 before 2026")
    code, out, _ = run(capsys, "fiscal-year", "close", path, "--start", "2025-01-01",
                       "--key-file", key_file)
    assert code == 0
    assert out.splitlines()[0] == "closed fiscal year 2025; nothing more can be posted into it"
    code, out, _ = run(capsys, "fiscal-year", "list", path, "--key-file", key_file)
    assert [line.split() for line in out.splitlines()] == [
        ["2025", "2025-01-01", "2025-12-31", "closed"],
        ["2026", "2026-01-01", "2026-12-31", "open"]]
    code, _, err = run(capsys, "post", path, "--key-file", key_file, "--journal", "OD",
                               "--label", "Apport",
                       "--date", "2025-06-01", "--debit", "512:5", "--credit", "101:5")
    assert_one_line_error(code, err, "2025-06-01 lies in fiscal year 2025, which is closed")
    code, out, _ = run(capsys, "post", path, "--key-file", key_file, "--journal", "OD",
                               "--label", "Apport",
                       "--date", "2026-01-10", "--debit", "512:5", "--credit", "101:5")
    assert code == 0 and out.startswith("posted OD-1 (entry 5) on 2026-01-10")  # 4: à-nouveaux


# --- import-journal ---------------------------------------------------------------------------

GOOD_CSV = """entry_no,date,journal,account,account_label,label,debit,credit,third_party
A1,2025-02-01,VT,411,Clients,Facture A,238.00,,Client Zed
A1,2025-02-01,VT,700,Ventes,Facture A,,200.00,
A1,2025-02-01,VT,4457,TVA,Facture A,,38.00,
B1,05/02/2025,BQ,512,Banque,Règlement A,"238,00",,
B1,05/02/2025,BQ,411,Clients,Règlement A,,238.00,Client Zed
"""


def test_import_journal_prints_counts(company, capsys, tmp_path):
    path, key_file = company
    source = tmp_path / "journal.csv"
    source.write_text(GOOD_CSV, encoding="utf-8")
    code, out, err = run(capsys, "import-journal", path, source, "--key-file", key_file)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith(f"imported 2 entries (5 lines) from {source} in ")
    assert lines[1:] == ["created 1 third parties"]
    code, out, _ = run(capsys, "report", "trial-balance", path, "--key-file", key_file,
                       "--format", "csv", "--accounts", "411")
    row = list(csv.reader(io.StringIO(out)))[1]
    assert [row[4], row[5], row[8]] == ["1428.00", "1428.00", "0.00"]
    code, out, _ = run(capsys, "verify", path, "--key-file", key_file)
    assert code == 0 and "OK — 5 posted entries, 12 lines" in out


def test_import_journal_bad_row_changes_nothing(company, capsys, tmp_path):
    path, key_file = company
    before = _counts(path, key_file)
    source = tmp_path / "bad.csv"
    source.write_text(GOOD_CSV.replace(',"238,00",,', ",two hundred,,"), encoding="utf-8")
    code, out, err = run(capsys, "import-journal", path, source, "--key-file", key_file)
    assert_one_line_error(code, err, f"{source}, row 5, column debit: not an amount")
    assert out == ""
    assert _counts(path, key_file) == before
    unbalanced = tmp_path / "unbalanced.csv"
    unbalanced.write_text(GOOD_CSV.replace(",,200.00,", ",,201.00,"), encoding="utf-8")
    code, _, err = run(capsys, "import-journal", path, unbalanced, "--key-file", key_file)
    assert_one_line_error(code, err, f"{unbalanced}, row 2, column debit: entry A1 of journal "
                          "VT does not balance: debit 238.00, credit 239.00")
    assert _counts(path, key_file) == before


def test_import_journal_missing_csv(company, capsys, tmp_path):
    path, key_file = company
    code, _, err = run(capsys, "import-journal", path, tmp_path / "absent.csv",
                       "--key-file", key_file)
    assert_one_line_error(code, err, "absent.csv", "cannot read the file")


# --- the installed console script -------------------------------------------------------------

def test_console_script_end_to_end(tmp_path):
    assert DAFTAR.exists(), f"{DAFTAR} is not installed (pip install -e .)"
    result = daftar("new", "shop.daftar", "--key-file", "shop.key", "--name", "Boutique SARL",
                    "--fiscal-year-start", "2025-01-01", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    match = RECOVERY.search(result.stdout)
    assert match, result.stdout
    key_file = tmp_path / "shop.key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert keys.parse_recovery_key(match[1]).key == keys.read_key_file(key_file).key
    with open_company(tmp_path / "shop.daftar", KeySource(recovery_key=match[1])) as books:
        assert books.company.name == "Boutique SARL"

    result = daftar("post", "shop.daftar", "--journal", "OD",
                    "--label", "Apport", "--date", "2025-01-15",
                    "--debit", "512:1000.50", "--credit", "101:1000.50", cwd=tmp_path,
                    env={"DAFTAR_KEY_FILE": "shop.key"})
    assert (result.returncode, result.stdout, result.stderr) == (
        0, "posted OD-1 (entry 1) on 2025-01-15: 1000.50 DZD\n", "")

    result = daftar("key", "show-recovery", "shop.daftar", "--key-file", "shop.key",
                    cwd=tmp_path)
    assert result.returncode == 0
    assert RECOVERY.search(result.stdout)[1] == match[1]

    result = daftar("new", "shop.daftar", "--key-file", "shop.key", "--name", "Again",
                    "--fiscal-year-start", "2025-01-01", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == ("daftar: error: shop.daftar already exists; choose another name "
                             "or remove it first\n")


def test_console_script_rekey_prints_a_recovery_key_that_opens(company, tmp_path):
    path, key_file = company
    old = keys.read_key_file(key_file)
    result = daftar("key", "rekey", path, "--key-file", key_file, cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    new_recovery = RECOVERY.search(result.stdout)[1]
    assert keys.parse_recovery_key(new_recovery).key == keys.read_key_file(key_file).key
    with open_company(path, KeySource(recovery_key=new_recovery)) as books:
        assert verify(books).ok
    with pytest.raises(WrongKey):
        open_company(path, KeySource(recovery_key=keys.recovery_key(old)))


def test_console_script_errors_without_traceback(tmp_path):
    result = daftar("verify", "missing.daftar", "--key-file", "missing.key", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == "daftar: error: missing.daftar does not exist\n"


@pytest.mark.parametrize("argv", [
    ("report", "trial-balance", "x.daftar", "--from", "2025-13-01"),
    ("frobnicate",),
    ("post",),
])
def test_argument_errors_are_one_line_with_exit_1(capsys, argv):
    with pytest.raises(SystemExit) as stopped:
        main(list(argv))
    err = capsys.readouterr().err
    assert stopped.value.code == 1
    assert len(err.strip().splitlines()) == 1 and "error:" in err and "Traceback" not in err


def test_review_findings_are_one_line_user_errors(tmp_path, company, capsys):
    path, key_file = company
    code, _, err = run(capsys, "new", tmp_path / "n.daftar", "--name", " ", "--key-file",
                       tmp_path / "n.key", "--fiscal-year-start", "2025-01-01")
    assert_one_line_error(code, err, "needs a name")
    code, _, err = run(capsys, "report", "trial-balance", path, "--key-file", key_file,
                       "--from", "9999-12-15", "--to", "9999-12-31")
    assert_one_line_error(code, err)
    code, _, err = run(capsys, "post", path, "--key-file", key_file, "--journal", "OD",
                       "--date", "2025-06-01", "--debit", "512:1e99999999", "--credit", "101:1")
    assert_one_line_error(code, err, "--debit '512:1e99999999'", "not an amount")


def test_third_party_balances_end_as_of_the_end_date_whatever_the_start(company, capsys):
    path, key_file = company
    whole = run(capsys, "report", "third-parties", path, "--key-file", key_file,
                "--format", "csv", "--to", "2025-12-31")[1]
    late = run(capsys, "report", "third-parties", path, "--key-file", key_file,
               "--format", "csv", "--from", "2025-12-01", "--to", "2025-12-31")[1]
    owed = {(r[0], r[3]): r[7] for r in list(csv.reader(io.StringIO(whole)))[1:] if r[7] != "0.00"}
    late_rows = list(csv.reader(io.StringIO(late)))[1:]
    assert owed and {(r[0], r[3]): r[7] for r in late_rows} == owed
    assert all(r[5:7] == ["0.00", "0.00"] for r in late_rows)  # nothing moved in December


def test_a_second_company_on_one_key_file_is_told_it_shares_the_key(tmp_path, capsys):
    key_file = tmp_path / "shared.key"
    first = run(capsys, "new", tmp_path / "a.daftar", "--name", "A", "--key-file", key_file,
                "--fiscal-year-start", "2025-01-01")
    assert first[0] == 0 and first[2] == ""
    code, _, err = run(capsys, "new", tmp_path / "b.daftar", "--name", "B", "--key-file",
                       key_file, "--fiscal-year-start", "2025-01-01")
    assert code == 0 and "note:" in err and "one key file per company" in err
