"""Upgrading a company file written by schema version 1 (``tests/fixtures/company_v1.daftar``).

The fixture is made by ``tests/fixtures/make_v1_fixture.py`` with the version-1 schema only, and
holds six posted entries. Its figures are written out here independently of that script, so a
backfill that drops, doubles or misplaces a line is caught to the centime.
"""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2

from app.ledger.model import Entry, Line
from app.reports.balances import third_party_balances, trial_balance
from app.reports.ledger import general_ledger
from app.store import keys, migrations
from app.store.company import KeySource, open_company
from app.store.database import StoreError, raw_connect
from app.store.verify import verify

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
YEAR = (date(2025, 1, 1), date(2025, 12, 31))

# account: (debit, credit) over 2025, as posted in the fixture
FIGURES = {
    "101": (Decimal("0.00"), Decimal("500000.00")),
    "401": (Decimal("600.00"), Decimal("600.00")),
    "411": (Decimal("3570.50"), Decimal("1190.00")),
    "4457": (Decimal("0.00"), Decimal("570.00")),
    "512": (Decimal("501190.00"), Decimal("600.00")),
    "600": (Decimal("600.00"), Decimal("0.00")),
    "700": (Decimal("0.00"), Decimal("3000.50")),
}
TOTAL = Decimal("505960.50")


@pytest.fixture
def v1_copy(tmp_path: Path) -> tuple[Path, Path]:
    path, key_file = tmp_path / "company_v1.daftar", tmp_path / "company_v1.key"
    shutil.copyfile(FIXTURES / "company_v1.daftar", path)
    shutil.copyfile(FIXTURES / "company_v1.key", key_file)
    key_file.chmod(0o600)
    return path, key_file


def _raw(path: Path, key_file: Path) -> dbapi2.Connection:
    return raw_connect(path, keys.read_key_file(key_file))


def _tables(cx: dbapi2.Connection) -> set[str]:
    return {r[0] for r in cx.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_the_fixture_is_a_version_1_file(v1_copy):
    path, key_file = v1_copy
    cx = _raw(path, key_file)
    try:
        assert cx.execute("PRAGMA user_version").fetchone()[0] == 1
        assert cx.execute("PRAGMA application_id").fetchone()[0] == migrations.APPLICATION_ID
        tables = _tables(cx)
        assert {"company", "account", "entry", "line", "fiscal_year"} <= tables
        assert not tables & {"balance_day", "balance_month"}
        assert cx.execute(
            "SELECT count(*), sum(status = 'posted') FROM entry").fetchone() == (6, 6)
        assert cx.execute("SELECT count(*), sum(debit), sum(credit) FROM line").fetchone() == (
            14, 50_596_050, 50_596_050)
    finally:
        cx.close()
    assert migrations.SCHEMA_VERSION > 1, "nothing to upgrade: this test would prove nothing"


def test_step_1_is_still_the_schema_the_fixture_was_written_with(v1_copy):
    """Released steps are frozen: editing STEPS[0] would leave real version-1 files behind."""
    fresh = dbapi2.connect(":memory:", isolation_level=None)
    migrations.STEPS[0](fresh.cursor())
    query = "SELECT type, name, sql FROM sqlite_master ORDER BY type, name"
    expected = fresh.execute(query).fetchall()
    fresh.close()
    cx = _raw(*v1_copy)
    try:
        assert cx.execute(query).fetchall() == expected, (
            "app.store.migrations.STEPS[0] changed since tests/fixtures/company_v1.daftar was "
            "written: change the schema in a new step (before the first release only, rerun "
            "tests/fixtures/make_v1_fixture.py)")
    finally:
        cx.close()


def test_opening_upgrades_and_backfills_the_balances(v1_copy):
    path, key_file = v1_copy
    with open_company(path, KeySource(key_file=key_file)) as books:
        with books.read() as cur:
            assert cur.execute("PRAGMA user_version").fetchone()[0] == migrations.SCHEMA_VERSION
            assert cur.execute(
                "SELECT count(*), sum(debit), sum(credit) FROM balance_day").fetchone() == (
                14, 50_596_050, 50_596_050)
            assert cur.execute(
                "SELECT count(*), sum(debit), sum(credit) FROM balance_month").fetchone() == (
                14, 50_596_050, 50_596_050)
            month = cur.execute(
                "SELECT m.debit, m.credit FROM balance_month m JOIN account a "
                "ON a.id = m.account_id WHERE a.number = '411' AND m.month = '2025-03'"
            ).fetchone()
            assert month == (238_050, 0)
        assert books.company.name == "Fixture V1 SARL"
        tb = trial_balance(books, *YEAR)
        assert {r.account: (r.debit, r.credit) for r in tb.rows} == FIGURES
        assert tb.total("debit") == tb.total("credit") == TOTAL
        assert {r.account: r.balance for r in tb.rows}["411"] == Decimal("2380.50")
        report = verify(books)
        assert report.problems == []
        assert (report.entries, report.lines) == (6, 14)


def test_upgraded_balances_serve_partial_ranges(v1_copy):
    """Mid-month edges read balance_day, whole months balance_month: both were backfilled."""
    path, key_file = v1_copy
    with open_company(path, KeySource(key_file=key_file)) as books:
        tb = trial_balance(books, date(2025, 2, 15), date(2025, 3, 31))
        rows = {r.account: r for r in tb.rows}
        assert (rows["411"].opening_debit, rows["411"].debit, rows["411"].credit) == (
            Decimal("1190.00"), Decimal("2380.50"), Decimal("1190.00"))
        assert rows["411"].closing_debit == Decimal("2380.50")
        assert (rows["512"].opening_debit, rows["512"].debit) == (
            Decimal("500000.00"), Decimal("1190.00"))
        assert (rows["600"].opening_debit, rows["600"].debit) == (Decimal("600.00"), Decimal(0))
        assert (rows["700"].opening_credit, rows["700"].credit) == (
            Decimal("1000.00"), Decimal("2000.50"))
        assert tb.total("closing_debit") == tb.total("closing_credit")
        parties = {(r.code, r.account): (r.debit, r.credit)
                   for r in third_party_balances(books, *YEAR)}
        assert parties == {("CLIENT1", "411"): (Decimal("3570.50"), Decimal("1190.00")),
                           ("FOURN1", "401"): (Decimal("600.00"), Decimal("600.00"))}
        ledger = {s.account: [(ln.journal, ln.entry_number, ln.balance) for ln in s.lines]
                  for s in general_ledger(books, *YEAR, low="411", high="411")}
        assert ledger == {"411": [("VT", 1, Decimal("1190.00")), ("BQ", 1, Decimal("0.00")),
                                  ("VT", 2, Decimal("2380.50"))]}


def test_postings_after_the_upgrade(v1_copy):
    path, key_file = v1_copy
    with open_company(path, KeySource(key_file=key_file)) as books:
        with books.read() as cur:  # step 4 gave the upgraded SCF file its tax codes
            codes = [r[0] for r in cur.execute("SELECT code FROM tax_code ORDER BY code")]
        assert {"TVA19", "TVA9", "EXO", "DED19", "IMMO19"} <= set(codes)
        posted = books.post(Entry("VT", date(2025, 5, 2), "Facture F-003", (
            Line("411", debit=Decimal("595.00"), third_party="CLIENT1"),
            Line("700", credit=Decimal("500.00"), tax="TVA19"),
            Line("4457", credit=Decimal("95.00"), tax="TVA19"),
        )))
        assert posted.number == 3
        assert [line.tax for line in posted.lines] == [None, "TVA19", "TVA19"]
        with books.read() as cur:
            assert cur.execute("SELECT max(seq) FROM entry").fetchone()[0] == 7
    with open_company(path, KeySource(key_file=key_file)) as books:
        tb = {r.account: (r.debit, r.credit) for r in trial_balance(books, *YEAR).rows}
        assert tb["411"] == (Decimal("4165.50"), Decimal("1190.00"))
        assert tb["700"] == (Decimal("0.00"), Decimal("3500.50"))
        assert tb["4457"] == (Decimal("0.00"), Decimal("665.00"))
        report = verify(books)
        assert report.problems == []
        assert (report.entries, report.lines) == (7, 17)


def test_a_second_open_does_not_upgrade_again(v1_copy):
    path, key_file = v1_copy
    open_company(path, KeySource(key_file=key_file)).close()
    with open_company(path, KeySource(key_file=key_file)) as books:
        tb = trial_balance(books, *YEAR)
        assert tb.total("debit") == TOTAL
        with books.read() as cur:
            assert cur.execute("SELECT count(*) FROM balance_day").fetchone()[0] == 14
        assert verify(books).ok


def test_a_failed_upgrade_leaves_the_file_at_version_1(v1_copy):
    path, key_file = v1_copy
    cx = _raw(path, key_file)
    cx.execute("CREATE TABLE balance_day (squatter TEXT)")
    cx.execute("INSERT INTO balance_day VALUES ('left here by hand')")
    cx.close()
    before = path.read_bytes()
    with pytest.raises((dbapi2.DatabaseError, StoreError), match="balance_day"):
        open_company(path, KeySource(key_file=key_file))
    assert path.read_bytes() == before
    cx = _raw(path, key_file)
    try:
        assert cx.execute("PRAGMA user_version").fetchone()[0] == 1
        assert "balance_month" not in _tables(cx)
        assert cx.execute("SELECT * FROM balance_day").fetchall() == [("left here by hand",)]
        assert cx.execute("SELECT count(*) FROM entry WHERE status = 'posted'").fetchone() == (6,)
        assert cx.execute("SELECT count(*), sum(debit) FROM line").fetchone() == (14, 50_596_050)
    finally:
        cx.close()

