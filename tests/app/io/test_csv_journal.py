"""CSV journal import: every entry posted, or nothing at all.

Files are written as text inside each test. Refusals share one table of cases: each must raise
``ImportFailed`` naming the file, the row (the header is row 1), the column and the reason, and
leave the company file exactly as it was, including what the valid rows before the bad one had
created (an account, a third party, a fiscal year, entries).
"""

from __future__ import annotations

import hashlib
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from app.io.cells import parse_amount, parse_date
from app.io.csv_journal import ImportFailed, ImportResult, import_journal
from app.ledger.model import (
    AccountKind,
    Company,
    FiscalYearState,
    ThirdParty,
    ThirdPartyKind,
)
from app.ledger.money import MAX_MINOR
from app.reports.balances import trial_balance
from app.store.books import Books
from app.store.company import KeySource, create_company, open_company
from app.store.verify import verify
from tests.journal_gen import journal_rows
from tests.ledger_text import post_text

HEADER = "entry_no,date,journal,account,account_label,label,debit,credit,third_party"
YEAR = (date(2025, 1, 1), date(2025, 12, 31))


def write_csv(
    folder: Path, text: str, *, name: str = "journal.csv", header: str | None = HEADER,
    encoding: str = "utf-8", newline: str = "\n",
) -> Path:
    """``text`` (dedented; blank first and last lines dropped) under ``header`` as a CSV file."""
    body = textwrap.dedent(text).strip("\n").splitlines()
    rows = ([header] if header is not None else []) + body
    path = folder / name
    path.write_bytes("".join(row + newline for row in rows).encode(encoding))
    return path


def run(books: Books, folder: Path, text: str, **options: object) -> ImportResult:
    return import_journal(books, write_csv(folder, text, **options))  # type: ignore[arg-type]


def posted(books: Books) -> list[tuple]:
    """(journal, number, reference, date, label, line count) of each posted entry, in seq order."""
    with books.read() as cur:
        return cur.execute(
            "SELECT j.code, e.number, e.reference, e.date, e.label, "
            "(SELECT count(*) FROM line l WHERE l.entry_id = e.id) "
            "FROM entry e JOIN journal j ON j.id = e.journal_id "
            "WHERE e.status = 'posted' ORDER BY e.seq"
        ).fetchall()


def lines_of(books: Books, reference: str) -> list[tuple]:
    """(account, third-party name, debit, credit in minor units) of the entry with ``reference``."""
    with books.read() as cur:
        return cur.execute(
            "SELECT a.number, t.name, l.debit, l.credit FROM line l "
            "JOIN entry e ON e.id = l.entry_id JOIN account a ON a.id = l.account_id "
            "LEFT JOIN third_party t ON t.id = l.third_party_id "
            "WHERE e.reference = ? ORDER BY l.position",
            (reference,),
        ).fetchall()


def balances(books: Books, start: date = YEAR[0], end: date = YEAR[1]) -> dict[str, tuple]:
    """Account → (debit, credit, closing debit, closing credit) of the trial balance."""
    tb = trial_balance(books, start, end)
    return {r.account: (r.debit, r.credit, r.closing_debit, r.closing_credit) for r in tb.rows}


def party_by_name(books: Books) -> dict[str, ThirdParty]:
    return {p.name: p for p in books.third_parties().values()}


_TABLES = ("entry", "line", "account", "third_party", "fiscal_year", "audit_event", "journal",
           "setting", "balance_day", "balance_month")


def snapshot(books: Books) -> dict[str, object]:
    """Everything an import may touch, to compare before and after a refused import."""
    with books.read() as cur:
        snap: dict[str, object] = {
            table: cur.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in _TABLES
        }
        snap["accounts"] = cur.execute(
            "SELECT number, kind, needs_third_party, active FROM account ORDER BY number"
        ).fetchall()
        snap["parties"] = cur.execute(
            "SELECT code, name, kind, active FROM third_party ORDER BY code").fetchall()
        snap["years"] = cur.execute(
            'SELECT start, "end", state FROM fiscal_year ORDER BY start').fetchall()
        snap["settings"] = cur.execute("SELECT key, value FROM setting ORDER BY key").fetchall()
        snap["head"] = cur.execute(
            "SELECT seq, hash FROM entry WHERE seq = (SELECT max(seq) FROM entry)").fetchall()
        snap["sums"] = cur.execute(
            "SELECT coalesce(sum(debit), 0), coalesce(sum(credit), 0) FROM balance_day"
        ).fetchall()
    return snap


def seed(books: Books) -> None:
    """One posted sale, so that a refused import has something to leave alone."""
    post_text(books, """
        2025-01-01 VT "Facture initiale"
          411  1190.00  CLIENT1
          700  -1000.00
          4457 -190.00
    """)


# --- success paths ---------------------------------------------------------------------------

SALES_AND_MORE = """
    F001,2025-01-15,VT,411,,Facture F001,1190.00,,Client Alpha
    F001,2025-01-15,VT,700,,Facture F001,,1000.00,
    F001,2025-01-15,VT,4457,,Facture F001,,190.00,
    F002,2025-01-20,VT,411,,Facture F002,595.00,,Client Beta
    F002,2025-01-20,VT,700,,Facture F002,,500.00,
    F002,2025-01-20,VT,4457,,Facture F002,,95.00,
    A001,2025-01-22,AC,600,,Achat A001,400.00,,
    A001,2025-01-22,AC,44566,,Achat A001,76.00,,
    A001,2025-01-22,AC,401,,Achat A001,,476.00,Fournisseur Gamma
    R001,2025-02-01,BQ,512,,Règlement F001,1190.00,,
    R001,2025-02-01,BQ,411,,Règlement F001,,1190.00,Client Alpha
    7,2025-03-10,OD,627,,Frais bancaires,25.50,,
    7,2025-03-10,OD,512,,Frais bancaires,,25.50,
    7,2025-03-11,BQ,512,,Remise Beta,300.00,,
    7,2025-03-11,BQ,411,,Remise Beta,,300.00,Client Beta
"""

SALES_AND_MORE_BALANCES = {
    "401": (Decimal("0.00"), Decimal("476.00"), Decimal("0.00"), Decimal("476.00")),
    "411": (Decimal("1785.00"), Decimal("1490.00"), Decimal("295.00"), Decimal("0.00")),
    "4457": (Decimal("0.00"), Decimal("285.00"), Decimal("0.00"), Decimal("285.00")),
    "44566": (Decimal("76.00"), Decimal("0.00"), Decimal("76.00"), Decimal("0.00")),
    "512": (Decimal("1490.00"), Decimal("25.50"), Decimal("1464.50"), Decimal("0.00")),
    "600": (Decimal("400.00"), Decimal("0.00"), Decimal("400.00"), Decimal("0.00")),
    "627": (Decimal("25.50"), Decimal("0.00"), Decimal("25.50"), Decimal("0.00")),
    "700": (Decimal("0.00"), Decimal("1500.00"), Decimal("0.00"), Decimal("1500.00")),
}


def test_import_posts_every_entry_grouped_numbered_and_referenced(books, tmp_path):
    result = run(books, tmp_path, SALES_AND_MORE)

    assert (result.entries, result.lines) == (6, 15)
    assert result.accounts_created == []
    assert result.fiscal_years_opened == []
    assert result.third_parties_created == 3
    # (journal, entry_no) groups: entry 7 of OD and entry 7 of BQ are two entries; each journal
    # is numbered from 1 without gaps; entry_no is the reference; the first line gives the label.
    assert posted(books) == [
        ("VT", 1, "F001", "2025-01-15", "Facture F001", 3),
        ("VT", 2, "F002", "2025-01-20", "Facture F002", 3),
        ("AC", 1, "A001", "2025-01-22", "Achat A001", 3),
        ("BQ", 1, "R001", "2025-02-01", "Règlement F001", 2),
        ("OD", 1, "7", "2025-03-10", "Frais bancaires", 2),
        ("BQ", 2, "7", "2025-03-11", "Remise Beta", 2),
    ]
    assert lines_of(books, "F001") == [
        ("411", "Client Alpha", 119000, 0), ("700", None, 0, 100000), ("4457", None, 0, 19000),
    ]
    tb = trial_balance(books, *YEAR)
    assert balances(books) == SALES_AND_MORE_BALANCES
    assert tb.total("debit") == tb.total("credit") == Decimal("3776.50")
    assert tb.total("closing_debit") == tb.total("closing_credit") == Decimal("2261.00")
    report = verify(books)
    assert report.ok, report.problems
    assert (report.entries, report.lines) == (6, 15)


def test_import_records_an_audit_event(books, tmp_path):
    with books.read() as cur:
        before = cur.execute("SELECT count(*) FROM audit_event").fetchone()[0]
    run(books, tmp_path, SALES_AND_MORE, name="ventes.csv")
    with books.read() as cur:
        events = cur.execute(
            "SELECT kind, detail FROM audit_event ORDER BY id").fetchall()[before:]
    assert len(events) == 1
    assert events[0][0] == "import"
    assert '"ventes.csv"' in events[0][1]


def test_numbering_continues_after_posted_entries_and_earlier_imports(books, tmp_path):
    seed(books)  # VT 1
    run(books, tmp_path, """
        S1,2025-02-01,VT,411,,Vente S1,119.00,,CLIENT1
        S1,2025-02-01,VT,700,,Vente S1,,100.00,
        S1,2025-02-01,VT,4457,,Vente S1,,19.00,
        S2,2025-02-02,VT,411,,Vente S2,238.00,,CLIENT1
        S2,2025-02-02,VT,700,,Vente S2,,200.00,
        S2,2025-02-02,VT,4457,,Vente S2,,38.00,
    """, name="first.csv")
    run(books, tmp_path, """
        S3,2025-02-03,VT,411,,Vente S3,11.90,,CLIENT1
        S3,2025-02-03,VT,700,,Vente S3,,10.00,
        S3,2025-02-03,VT,4457,,Vente S3,,1.90,
        B1,2025-02-04,BQ,512,,Encaissement,368.90,,
        B1,2025-02-04,BQ,411,,Encaissement,,368.90,CLIENT1
    """, name="second.csv")
    assert [(j, n, ref) for j, n, ref, *_ in posted(books)] == [
        ("VT", 1, ""), ("VT", 2, "S1"), ("VT", 3, "S2"), ("VT", 4, "S3"), ("BQ", 1, "B1"),
    ]
    # CLIENT1 is the code of the party post_text created: found by code, not created again.
    assert {p.code for p in books.third_parties().values()} == {"CLIENT1"}
    assert balances(books)["411"] == (
        Decimal("1558.90"), Decimal("368.90"), Decimal("1190.00"), Decimal("0.00"))
    assert verify(books).ok


def test_utf8_with_bom(books, tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes(("\ufeff" + HEADER + "\n"
                      "1,2025-04-01,OD,512,,Écriture,100.00,,\n"
                      "1,2025-04-01,OD,700,,Écriture,,100.00,\n").encode("utf-8"))
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    result = import_journal(books, path)
    assert result.entries == 1
    assert posted(books) == [("OD", 1, "1", "2025-04-01", "Écriture", 2)]
    assert verify(books).ok


def test_semicolons_decimal_commas_crlf_and_day_first_dates(books, tmp_path):
    result = run(books, tmp_path, """
        1;15/04/2025;OD;512;;Virement reçu;1 234,56;;
        1;15/04/2025;OD;700;;Virement reçu;;1 234,56;

        2;2025-04-16;OD;627;;Frais;0,75;;
        2;16/04/2025;OD;512;;Frais;;0,75;
        3;01/05/2025;OD;512;;Gros virement;1\u00a0000\u00a0000,10;;
        3;01/05/2025;OD;700;;Gros virement;;1\u202f000\u202f000,1;
    """, header=HEADER.replace(",", ";"), newline="\r\n")
    assert (result.entries, result.lines) == (3, 6)
    assert [(ref, day) for _, _, ref, day, *_ in posted(books)] == [
        ("1", "2025-04-15"), ("2", "2025-04-16"), ("3", "2025-05-01"),
    ]
    assert lines_of(books, "1") == [("512", None, 123456, 0), ("700", None, 0, 123456)]
    assert lines_of(books, "2") == [("627", None, 75, 0), ("512", None, 0, 75)]
    assert lines_of(books, "3") == [("512", None, 100000010, 0), ("700", None, 0, 100000010)]
    assert balances(books)["512"] == (
        Decimal("1001234.66"), Decimal("0.75"), Decimal("1001233.91"), Decimal("0.00"))
    assert verify(books).ok


def test_commas_with_quoted_amounts_in_every_notation(books, tmp_path):
    run(books, tmp_path, """
        1,2025-06-01,OD,512,,Quatre notations,"1 234,56",,
        1,2025-06-01,OD,512,,Quatre notations,"1.234,56",,
        1,2025-06-01,OD,512,,Quatre notations,"1,234.56",,
        1,2025-06-01,OD,512,,Quatre notations,1234.56,,
        1,2025-06-01,OD,700,,Quatre notations,,"4 938,24",
    """)
    assert lines_of(books, "1") == [("512", None, 123456, 0)] * 4 + [("700", None, 0, 493824)]
    assert balances(books)["700"] == (
        Decimal("0.00"), Decimal("4938.24"), Decimal("0.00"), Decimal("4938.24"))
    assert verify(books).ok


def test_columns_in_any_order_and_case(books, tmp_path):
    header = " Third_Party ,Credit,DEBIT,label,account,account_label,journal,date,entry_no"
    run(books, tmp_path, """
        Client Delta,,500.00,Facture D1,411,,VT,2025-07-01,D1
        ,500.00,,Facture D1,700,,VT,2025-07-01,D1
    """, header=header)
    assert posted(books) == [("VT", 1, "D1", "2025-07-01", "Facture D1", 2)]
    assert lines_of(books, "D1") == [("411", "Client Delta", 50000, 0), ("700", None, 0, 50000)]
    assert party_by_name(books)["Client Delta"].kind is ThirdPartyKind.CUSTOMER


def test_missing_accounts_are_created_under_their_parent_and_inherit(books, tmp_path):
    result = run(books, tmp_path, """
        E1,2025-03-01,VT,411100,Clients export,Export E1,1000.00,,Client Export
        E1,2025-03-01,VT,700,,Export E1,,1000.00,
        E2,2025-03-02,OD,627100,Commissions bancaires,Commission,12.00,,
        E2,2025-03-02,OD,512,,Commission,,12.00,
        E3,2025-03-03,BQ,512,,Règlement export,1000.00,,
        E3,2025-03-03,BQ,411100,ignored label,Règlement export,,1000.00,Client Export
    """)
    assert result.accounts_created == ["411100", "627100"]
    accounts = books.accounts()
    client, fee = accounts["411100"], accounts["627100"]
    assert (client.label_fr, client.kind, client.needs_third_party, client.postable,
            client.active) == ("Clients export", AccountKind.CUSTOMER, True, True, True)
    assert (fee.label_fr, fee.kind, fee.needs_third_party, fee.postable) == (
        "Commissions bancaires", AccountKind.GENERAL, False, True)
    with books.read() as cur:
        parents = dict(cur.execute(
            "SELECT a.number, p.number FROM account a JOIN account p ON p.id = a.parent_id "
            "WHERE a.number IN ('411100', '627100')"))
    assert parents == {"411100": "411", "627100": "627"}
    assert party_by_name(books)["Client Export"].kind is ThirdPartyKind.CUSTOMER
    assert balances(books)["411100"] == (
        Decimal("1000.00"), Decimal("1000.00"), Decimal("0.00"), Decimal("0.00"))
    assert verify(books).ok


def test_created_customer_sub_account_demands_a_third_party(books, tmp_path):
    """411100 inherits 411's need for a third party, in the very file that creates it."""
    path = write_csv(tmp_path, """
        E1,2025-03-01,VT,411100,Clients export,Export,1000.00,,Client Export
        E1,2025-03-01,VT,700,,Export,,1000.00,
        E2,2025-03-02,BQ,512,,Règlement,1000.00,,
        E2,2025-03-02,BQ,411100,,Règlement,,1000.00,
    """)
    before = snapshot(books)
    with pytest.raises(ImportFailed) as failed:
        import_journal(books, path)
    assert failed.value.column == "third_party"
    assert "411100" in failed.value.reason
    assert snapshot(books) == before
    assert "411100" not in books.accounts()


def test_third_parties_created_by_name_with_kind_and_reused(books, tmp_path):
    first = run(books, tmp_path, """
        1,2025-05-01,VT,411,,Vente,119.00,,Société Alpha
        1,2025-05-01,VT,700,,Vente,,100.00,
        1,2025-05-01,VT,4457,,Vente,,19.00,
        2,2025-05-02,AC,600,,Achat,50.00,,
        2,2025-05-02,AC,401,,Achat,,50.00,Fournisseur Béta
        3,2025-05-03,BQ,512,,Apport,10.00,,
        3,2025-05-03,BQ,455,,Apport,,10.00,Associé Gamma
    """, name="first.csv")
    assert first.third_parties_created == 3
    parties = party_by_name(books)
    assert {name: p.kind for name, p in parties.items()} == {
        "Société Alpha": ThirdPartyKind.CUSTOMER,
        "Fournisseur Béta": ThirdPartyKind.SUPPLIER,
        "Associé Gamma": ThirdPartyKind.OTHER,
    }
    assert len({p.code for p in parties.values()}) == 3
    assert all(p.code and p.active for p in parties.values())

    second = run(books, tmp_path, f"""
        4,2025-06-01,VT,411,,Vente,238.00,,Société Alpha
        4,2025-06-01,VT,700,,Vente,,200.00,
        4,2025-06-01,VT,4457,,Vente,,38.00,
        5,2025-06-02,AC,600,,Achat,20.00,,
        5,2025-06-02,AC,401,,Achat,,20.00,{parties["Fournisseur Béta"].code}
    """, name="second.csv")
    assert second.third_parties_created == 0
    assert party_by_name(books) == parties
    assert lines_of(books, "4")[0] == ("411", "Société Alpha", 23800, 0)
    assert lines_of(books, "5")[1] == ("401", "Fournisseur Béta", 0, 2000)
    assert verify(books).ok


def test_third_party_names_that_make_the_same_code_get_distinct_codes(books, tmp_path):
    run(books, tmp_path, """
        1,2025-05-01,VT,411,,Vente,10.00,,Client 0001
        1,2025-05-01,VT,411,,Vente,10.00,,Client-0001
        1,2025-05-01,VT,411,,Vente,10.00,,client 0001
        1,2025-05-01,VT,700,,Vente,,30.00,
    """)
    parties = party_by_name(books)
    assert set(parties) == {"Client 0001", "Client-0001", "client 0001"}
    assert len({p.code for p in parties.values()}) == 3
    assert verify(books).ok


def test_import_opens_the_fiscal_years_its_dates_need(books, tmp_path):
    result = run(books, tmp_path, """
        1,2025-12-31,OD,512,,Fin 2025,100.00,,
        1,2025-12-31,OD,700,,Fin 2025,,100.00,
        2,2027-03-01,OD,512,,Début 2027,40.00,,
        2,2027-03-01,OD,700,,Début 2027,,40.00,
        3,2026-01-01,OD,512,,Début 2026,20.00,,
        3,2026-01-01,OD,700,,Début 2026,,20.00,
    """)
    assert result.fiscal_years_opened == ["2026", "2027"]
    assert [(y.start, y.end, y.state) for y in books.fiscal_years()] == [
        (date(2025, 1, 1), date(2025, 12, 31), FiscalYearState.OPEN),
        (date(2026, 1, 1), date(2026, 12, 31), FiscalYearState.OPEN),
        (date(2027, 1, 1), date(2027, 12, 31), FiscalYearState.OPEN),
    ]
    # numbers are gap-free per journal *and* fiscal year
    assert [(ref, n) for _, n, ref, *_ in posted(books)] == [("1", 1), ("2", 1), ("3", 1)]
    assert balances(books, date(2026, 1, 1), date(2026, 12, 31))["700"] == (
        Decimal("0.00"), Decimal("20.00"), Decimal("0.00"), Decimal("20.00"))
    assert verify(books).ok


def test_opened_fiscal_year_id_is_the_rows_id(books):
    opened = books.open_next_fiscal_year()
    assert opened.id == books.fiscal_year_of(date(2026, 6, 1)).id


def test_import_into_a_year_opened_beforehand(books, tmp_path):
    books.open_next_fiscal_year()
    result = run(books, tmp_path, """
        1,2026-02-01,OD,512,,2026,70.00,,
        1,2026-02-01,OD,700,,2026,,70.00,
    """)
    assert result.fiscal_years_opened == []
    assert posted(books) == [("OD", 1, "1", "2026-02-01", "2026", 2)]
    assert verify(books).ok


def test_dates_after_the_lock_date_and_in_open_year_after_a_closed_one(books, tmp_path):
    books.open_next_fiscal_year()
    books.close_fiscal_year(date(2025, 1, 1))
    books.set_lock_date(date(2026, 1, 31))
    run(books, tmp_path, """
        1,01/02/2026,OD,512,,Février,70.00,,
        1,01/02/2026,OD,700,,Février,,70.00,
    """)
    assert posted(books) == [("OD", 1, "1", "2026-02-01", "Février", 2)]
    assert verify(books).ok


def test_a_big_import_spanning_several_batches(books, tmp_path):
    path = tmp_path / "big.csv"
    rows = list(journal_rows(12_000))
    path.write_text(HEADER + "\n" + "".join(rows), encoding="utf-8")
    entries = len({(r.split(",")[2], r.split(",")[0]) for r in rows})
    assert entries > 4000  # more than one batch of the importer
    result = import_journal(books, path)
    assert (result.entries, result.lines) == (entries, len(rows))
    report = verify(books)
    assert report.ok, report.problems
    assert (report.entries, report.lines) == (entries, len(rows))
    tb = trial_balance(books, *YEAR)
    assert tb.total("debit") == tb.total("credit")
    with books.read() as cur:
        by_journal = dict(cur.execute(
            "SELECT j.code, count(*) = max(e.number) FROM entry e "
            "JOIN journal j ON j.id = e.journal_id GROUP BY j.code"))
    assert by_journal == {"VT": 1, "AC": 1, "BQ": 1}


# --- refusals ----------------------------------------------------------------------------------

# Two valid entries come first: the first creates account 627100 and third party "Prefix Client"
# and opens fiscal year 2026; the second makes sure the first has been fully processed. A refused
# import must leave none of it behind. They take rows 2 to 5, so the bad rows start at row 6.
PREFIX = """
    P1,2026-02-01,OD,627100,Frais importés,Prefix,150.00,,
    P1,2026-02-01,OD,411,,Prefix,,150.00,Prefix Client
    P2,2026-02-02,OD,512,,Prefix 2,80.00,,
    P2,2026-02-02,OD,700,,Prefix 2,,80.00,
"""


def _deactivate_journal(books: Books) -> None:
    with books.write() as cur:
        cur.execute("UPDATE journal SET active = 0 WHERE code = 'CA'")


def _close_2025(books: Books) -> None:
    books.open_next_fiscal_year()
    books.close_fiscal_year(date(2025, 1, 1))


@dataclass(frozen=True)
class Case:
    id: str
    body: str
    row: int | None
    column: str | None
    reason: tuple[str, ...]
    setup: Callable[[Books], None] | None = None
    header: str | None = HEADER
    prefix: bool = True


def two_lines(cells_1: str, cells_2: str, no: str = "B1") -> str:
    return f"{no},{cells_1}\n{no},{cells_2}\n"


CASES = [
    Case("unbalanced", two_lines("2025-04-01,OD,512,,x,100.00,,", "2025-04-01,OD,700,,x,,90,"),
         6, "debit", ("does not balance", "debit 100.00, credit 90.00")),
    Case("unbalanced-later-line", "B1,2025-04-01,OD,512,,x,100.00,,\n"
         "B1,2025-04-01,OD,700,,x,,60.00,\nB1,2025-04-01,OD,4457,,x,,30.00,\n",
         6, "debit", ("debit 100.00, credit 90.00",)),
    Case("date-31-february", two_lines("31/02/2025,OD,512,,x,1,,", "31/02/2025,OD,700,,x,,1,"),
         6, "date", ("31/02/2025",)),
    Case("date-month-13", two_lines("2025-13-01,OD,512,,x,1,,", "2025-13-01,OD,700,,x,,1,"),
         6, "date", ("2025-13-01",)),
    Case("date-hello", two_lines("hello,OD,512,,x,1,,", "hello,OD,700,,x,,1,"),
         6, "date", ("hello",)),
    Case("date-bad-on-second-line", two_lines("2025-04-01,OD,512,,x,1,,", "hello,OD,700,,x,,1,"),
         7, "date", ("hello",)),
    Case("amount-two-dots", two_lines("2025-04-01,OD,512,,x,12.3.4,,", "2025-04-01,OD,700,,x,,1,"),
         6, "debit", ("12.3.4",)),
    Case("amount-letters", two_lines("2025-04-01,OD,512,,x,1,,", "2025-04-01,OD,700,,x,,abc,"),
         7, "credit", ("abc",)),
    Case("amount-negative", two_lines("2025-04-01,OD,512,,x,-5,,", "2025-04-01,OD,700,,x,,5,"),
         6, "debit", ("negative", "-5")),
    Case("amount-three-decimals",
         two_lines("2025-04-01,OD,512,,x,1.234,,", "2025-04-01,OD,700,,x,,1.234,"),
         6, "debit", ("1.234", "more than 2 decimals")),
    Case("debit-and-credit", two_lines("2025-04-01,OD,512,,x,5,5,", "2025-04-01,OD,700,,x,,5,"),
         6, "credit", ("both",)),
    Case("neither-debit-nor-credit",
         two_lines("2025-04-01,OD,512,,x,5,,", "2025-04-01,OD,700,,x,,,"),
         7, "debit", ("has no amount",)),
    Case("zero-amounts", two_lines("2025-04-01,OD,512,,x,5,,", "2025-04-01,OD,700,,x,0.00,0,"),
         7, "debit", ("has no amount",)),
    Case("unknown-journal", two_lines("2025-04-01,XX,512,,x,5,,", "2025-04-01,XX,700,,x,,5,"),
         6, "journal", ("journal XX", "does not exist")),
    Case("deactivated-journal", two_lines("2025-04-01,CA,53,,x,5,,", "2025-04-01,CA,700,,x,,5,"),
         6, "journal", ("journal CA", "deactivated"), setup=_deactivate_journal),
    Case("closed-fiscal-year", two_lines("2025-05-01,OD,512,,x,5,,", "2025-05-01,OD,700,,x,,5,"),
         6, "date", ("2025-05-01", "2025", "closed"), setup=_close_2025),
    Case("before-first-fiscal-year",
         two_lines("2024-12-31,OD,512,,x,5,,", "2024-12-31,OD,700,,x,,5,"),
         6, "date", ("2024-12-31", "before the first fiscal year", "2025-01-01")),
    Case("on-the-lock-date", two_lines("31/03/2025,OD,512,,x,5,,", "31/03/2025,OD,700,,x,,5,"),
         6, "date", ("2025-03-31", "lock date"),
         setup=lambda books: books.set_lock_date(date(2025, 3, 31))),
    Case("before-the-lock-date", two_lines("2025-02-01,OD,512,,x,5,,", "2025-02-01,OD,700,,x,,5,"),
         6, "date", ("2025-02-01", "lock date", "2025-03-31"),
         setup=lambda books: books.set_lock_date(date(2025, 3, 31))),
    Case("new-account-without-label",
         two_lines("2025-04-01,OD,627999,,x,5,,", "2025-04-01,OD,700,,x,,5,"),
         6, "account_label", ("627999", "account_label is empty")),
    Case("account-letters", two_lines("2025-04-01,OD,512,,x,5,,", "2025-04-01,OD,ABC,Abc,x,,5,"),
         7, "account", ("'ABC'", "not an account number")),
    Case("account-leading-zero",
         two_lines("2025-04-01,OD,0123,Zero,x,5,,", "2025-04-01,OD,700,,x,,5,"),
         6, "account", ("'0123'", "not an account number")),
    Case("heading-account-41", two_lines("2025-04-01,VT,41,,x,5,,C", "2025-04-01,VT,700,,x,,5,"),
         6, "account", ("41", "heading")),
    Case("heading-account-4", two_lines("2025-04-01,OD,512,,x,5,,", "2025-04-01,OD,4,,x,,5,"),
         7, "account", ("account 4 ", "heading")),
    Case("deactivated-account", two_lines("2025-04-01,OD,627,,x,5,,", "2025-04-01,OD,512,,x,,5,"),
         6, "account", ("627", "deactivated"),
         setup=lambda books: books.set_account_active("627", False)),
    Case("missing-third-party-on-411",
         two_lines("2025-04-01,VT,411,,x,5,,", "2025-04-01,VT,700,,x,,5,"),
         6, "third_party", ("411", "needs a third party")),
    Case("single-line-entry", "B1,2025-04-01,OD,512,,x,5,,\n"
         + two_lines("2025-04-01,OD,512,,x,5,,", "2025-04-01,OD,700,,x,,5,", "B2"),
         6, "entry_no", ("B1", "only one line")),
    Case("single-line-entry-at-the-end",
         two_lines("2025-04-01,OD,512,,x,5,,", "2025-04-01,OD,700,,x,,5,")
         + "B2,2025-04-02,OD,512,,x,5,,\n",
         8, "entry_no", ("B2", "only one line")),
    Case("lines-on-different-dates",
         two_lines("2025-04-01,OD,512,,x,5,,", "2025-04-02,OD,700,,x,,5,"),
         7, "date", ("different dates", "2025-04-01", "2025-04-02")),
    Case("entry-not-contiguous",
         two_lines("2025-04-01,OD,512,,x,5,,", "2025-04-01,OD,700,,x,,5,")
         + two_lines("2025-04-02,OD,512,,y,5,,", "2025-04-02,OD,700,,y,,5,", "B2")
         + "B1,2025-04-01,OD,512,,x,1,,\n",
         10, "entry_no", ("B1", "together")),
    Case("journal-out-of-date-order",
         two_lines("2025-04-02,OD,512,,x,5,,", "2025-04-02,OD,700,,x,,5,")
         + two_lines("2025-04-01,OD,512,,y,5,,", "2025-04-01,OD,700,,y,,5,", "B2"),
         8, "date", ("B2", "2025-04-01", "before 2025-04-02", "entry B1", "sort the file")),
    Case("no-label-on-any-line",
         two_lines("2025-04-01,OD,512,,,5,,", "2025-04-01,OD,700,,,,5,"),
         6, "label", ("no label",)),
    Case("supplier-on-a-customer-account",
         two_lines("2025-04-01,OD,401,,x,5,,Fournisseur Zeta", "2025-04-01,OD,512,,x,,5,")
         + two_lines("2025-04-02,OD,411,,y,5,,Fournisseur Zeta", "2025-04-02,OD,512,,y,,5,",
                     "B2"),
         8, "third_party", ("not a customer", "411")),
    Case("third-party-on-a-sales-account",
         two_lines("2025-04-01,OD,512,,x,5,,", "2025-04-01,OD,700,,x,,5,CLIENT1"),
         7, "third_party", ("700", "not a third-party account")),
    Case("empty-entry-no", ",2025-04-01,OD,512,,x,5,,\n,2025-04-01,OD,700,,x,,5,\n",
         6, "entry_no", ("empty",)),
    Case("too-few-fields", "B1,2025-04-01,OD,512,,x,5,\nB1,2025-04-01,OD,700,,x,,5,\n",
         6, None, ("8 fields", "9")),
    Case("too-many-fields", "B1,2025-04-01,OD,512,,x,5,,\nB1,2025-04-01,OD,700,,x,,5,,extra\n",
         7, None, ("10 fields", "9")),
    Case("field-too-long-for-csv", two_lines("2025-04-01,OD,512,,x,5,,", "2025-04-01,OD,700,,"
                                             + "y" * 200_000 + ",,5,"),
         7, None, ("malformed CSV", "field larger than field limit")),
    # the header itself
    Case("header-missing-column", "1,2025-04-01,OD,512,,x,5,\n1,2025-04-01,OD,700,,x,,5\n",
         1, None, ("bad header", "missing third_party"),
         header=HEADER.removesuffix(",third_party"), prefix=False),
    Case("header-unknown-column", "1,2025-04-01,OD,512,,x,5,,,\n1,2025-04-01,OD,700,,x,,5,,\n",
         1, None, ("bad header", "unknown memo"), header=HEADER + ",memo", prefix=False),
    Case("header-duplicate-column", "1,2025-04-01,OD,512,,x,5,,,x\n",
         1, None, ("bad header", "twice"), header=HEADER + ",label", prefix=False),
    Case("header-only", "", None, None, ("header but no lines",), prefix=False),
    Case("header-then-blank-lines", "\n\n", None, None, ("header but no lines",), prefix=False),
    Case("empty-file", "", 1, None, ("empty",), header=None, prefix=False),
]


def _write_case(folder: Path, case: Case) -> Path:
    body = textwrap.dedent(PREFIX).lstrip("\n") if case.prefix else ""
    body += case.body
    path = folder / f"{case.id}.csv"
    head = case.header + "\n" if case.header is not None else ""
    path.write_text(head + body, encoding="utf-8", newline="")
    return path


def _refuse(books: Books, tmp_path: Path, case: Case) -> tuple[Path, ImportFailed]:
    seed(books)
    if case.setup:
        case.setup(books)
    path = _write_case(tmp_path, case)
    before = snapshot(books)
    with pytest.raises(ImportFailed) as failed:
        import_journal(books, path)
    after = snapshot(books)
    assert after == before
    return path, failed.value


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_refused_import_says_where_and_why_and_changes_nothing(books, tmp_path, case):
    path, error = _refuse(books, tmp_path, case)

    assert (error.path, error.row, error.column) == (path, case.row, case.column)
    for part in case.reason:
        assert part in error.reason
    where = f"{path}, row {case.row}" if case.row else str(path)
    if case.column:
        where += f", column {case.column}"
    assert str(error) == f"{where}: {error.reason}"
    # what the valid rows before the bad one would have added is all gone
    assert "627100" not in books.accounts()
    assert "Prefix Client" not in party_by_name(books)
    assert all(e[2] not in ("P1", "P2") for e in posted(books))
    report = verify(books)
    assert report.ok, report.problems
    assert report.entries == (2 if case.setup is _close_2025 else 1)  # closing adds à-nouveaux


def test_rows_count_physical_lines_of_the_file(books, tmp_path):
    """Blank lines and a quoted label on two lines still count, as in the user's editor."""
    path = write_csv(tmp_path, """
        1,2025-04-01,OD,512,,"deux
        lignes",5,,

        1,2025-04-01,OD,700,,x,,5,
        2,2025-04-01,OD,512,,x,abc,,
        2,2025-04-01,OD,700,,x,,5,
    """)
    with pytest.raises(ImportFailed) as failed:
        import_journal(books, path)
    assert (failed.value.row, failed.value.column) == (6, "debit")


def test_refusal_after_several_batches_leaves_the_file_byte_identical(make_books, tmp_path):
    """Thousands of entries already handed to the writer thread, then a bad row: all undone."""
    books = make_books(name="bytes")
    seed(books)
    path, key = books.path, books.path.with_suffix(".key")
    books.close()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    rows = list(journal_rows(12_000))
    entries = len({(r.split(",")[2], r.split(",")[0]) for r in rows})
    assert entries > 4000  # more than one batch of the importer
    journal = tmp_path / "big-then-bad.csv"
    journal.write_text(
        HEADER + "\n"
        + "N1,2025-01-02,OD,627100,Frais importés,x,5,,\nN1,2025-01-02,OD,512,,x,,5,\n"
        + "".join(rows)
        + "Z1,2025-12-31,OD,512,,x,abc,,\nZ1,2025-12-31,OD,700,,x,,5,\n",
        encoding="utf-8")
    books = open_company(path, KeySource(key_file=key))
    try:
        before = snapshot(books)
        with pytest.raises(ImportFailed) as failed:
            import_journal(books, journal)
        assert (failed.value.row, failed.value.column) == (len(rows) + 4, "debit")
        assert "'abc'" in failed.value.reason
        assert snapshot(books) == before
        assert "627100" not in books.accounts()
    finally:
        books.close()
    assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size == 0
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest


def test_non_utf8_file_after_many_valid_rows(books, tmp_path):
    seed(books)
    rows = list(journal_rows(3_000))
    path = tmp_path / "latin1.csv"
    path.write_bytes((HEADER + "\n" + "".join(rows)).encode("utf-8")
                     + "Z1,2025-12-30,OD,512,,Crédit agricole,5,,\n"
                       "Z1,2025-12-30,OD,700,,x,,5,\n".encode("latin-1"))
    before = snapshot(books)
    with pytest.raises(ImportFailed) as failed:
        import_journal(books, path)
    assert snapshot(books) == before
    assert (failed.value.path, failed.value.row) == (path, len(rows) + 2)
    assert str(failed.value).startswith(f"{path}, row {len(rows) + 2}: ")
    assert "not UTF-8" in failed.value.reason
    assert verify(books).ok


def test_non_utf8_file_names_the_row(books, tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes((HEADER + "\n1,2025-04-01,OD,512,,Crédit,5,,\n"
                      "1,2025-04-01,OD,700,,x,,5,\n").encode("latin-1"))
    with pytest.raises(ImportFailed) as failed:
        import_journal(books, path)
    assert failed.value.row == 2


def test_missing_file(books, tmp_path):
    seed(books)
    path = tmp_path / "nowhere.csv"
    before = snapshot(books)
    with pytest.raises(ImportFailed) as failed:
        import_journal(books, path)
    assert snapshot(books) == before
    assert (failed.value.path, failed.value.row, failed.value.column) == (path, None, None)
    assert str(failed.value) == f"{path}: {failed.value.reason}"
    assert "cannot read" in failed.value.reason
    assert "No such file" in failed.value.reason


def test_a_directory_is_not_a_file(books, tmp_path):
    before = snapshot(books)
    with pytest.raises(ImportFailed) as failed:
        import_journal(books, tmp_path)
    assert snapshot(books) == before
    assert "cannot read" in failed.value.reason


def test_a_deactivated_party_does_not_break_the_import(books, tmp_path):
    """A new name whose code a deactivated party already holds gets a code of its own."""
    books.add_third_party(ThirdParty("ACME", "Ancien Acme", ThirdPartyKind.CUSTOMER,
                                     active=False))
    path = write_csv(tmp_path, """
        1,2025-04-01,VT,411,,Vente,100.00,,Acme
        1,2025-04-01,VT,700,,Vente,,100.00,
    """)
    before = snapshot(books)
    try:
        import_journal(books, path)
    except ImportFailed as error:  # refusing is acceptable, if it says where and why
        assert (error.row, error.column) == (2, "third_party")
        assert snapshot(books) == before
    else:  # so is creating a new customer under a free code
        acme = party_by_name(books)["Acme"]
        assert acme.code != "ACME" and acme.active and acme.kind is ThirdPartyKind.CUSTOMER
    assert verify(books).ok


def test_amount_too_large_for_the_file(books, tmp_path):
    seed(books)
    path = write_csv(tmp_path, """
        1,2025-04-01,OD,512,,x,1234567890123456789012.00,,
        1,2025-04-01,OD,700,,x,,1234567890123456789012.00,
    """)
    before = snapshot(books)
    with pytest.raises(ImportFailed) as failed:
        import_journal(books, path)
    assert (failed.value.row, failed.value.column) == (2, "debit")
    assert snapshot(books) == before


def test_huge_amounts_in_a_three_decimal_currency(tmp_path):
    books, _ = create_company(tmp_path / "tnd.daftar", Company("Tunis", "TND", "scf"),
                              date(2025, 1, 1), KeySource(key_file=tmp_path / "tnd.key"))
    try:
        path = write_csv(tmp_path, "\n".join(
            ["1,2025-04-01,OD,512,,x,999999999999999,,"] * 10
            + ["1,2025-04-01,OD,700,,x,,999999999999999,"] * 10))
        before = snapshot(books)
        with pytest.raises(ImportFailed) as failed:
            import_journal(books, path)
        assert (failed.value.row, failed.value.column) == (2, "debit")
        assert "too large" in failed.value.reason
        assert snapshot(books) == before
    finally:
        books.close()


# --- parse_amount and parse_date -------------------------------------------------------------

@pytest.mark.parametrize(("text", "exponent", "minor"), [
    ("1234.56", 2, 123456),
    ("1234,56", 2, 123456),
    ("1 234,56", 2, 123456),
    ("1.234,56", 2, 123456),
    ("1,234.56", 2, 123456),
    ("1.234.567,89", 2, 123456789),
    ("1,234,567.89", 2, 123456789),
    ("1\u00a0234,56", 2, 123456),
    ("1\u202f234,56", 2, 123456),
    ("1'234.56", 2, 123456),
    (" 12.50 ", 2, 1250),
    ("12", 2, 1200),
    ("12.5", 2, 1250),
    ("12,5", 2, 1250),
    ("0.01", 2, 1),
    (".5", 2, 50),
    ("1.230", 2, 123),  # trailing zeros beyond the minor unit are exact
    ("", 2, 0),
    ("   ", 2, 0),
    ("0", 2, 0),
    ("0,00", 2, 0),
    ("12.345", 3, 12345),
    ("12,3", 3, 12300),
    ("12", 0, 12),
    ("12.00", 0, 12),
    ("10 000 000 000 000,00", 2, 10**15),
    ("9999999999999.99", 2, 10**15 - 1),
])
def test_parse_amount(text, exponent, minor):
    assert parse_amount(text, exponent) == minor


@pytest.mark.parametrize(("text", "exponent", "words"), [
    ("12.3.4", 2, "not an amount"),
    ("abc", 2, "not an amount"),
    ("1e3", 2, "not an amount"),
    ("+5", 2, "not an amount"),
    ("5-", 2, "not an amount"),
    ("12.5x", 2, "not an amount"),
    ("-5", 2, "negative"),
    ("-0", 2, "negative"),
    ("-1 234,56", 2, "negative"),
    ("1.234", 2, "more than 2 decimals"),
    ("1,234", 2, "more than 2 decimals"),
    ("0.001", 2, "more than 2 decimals"),
    ("12.5", 0, "more than 0 decimals"),
    ("12.3456", 3, "more than 3 decimals"),
    ("1000000000000000.01", 2, "too large"),
    ("92233720368547758.07", 2, "too large"),
    ("1234567890123456789012", 2, "too large"),
])
def test_parse_amount_refuses(text, exponent, words):
    with pytest.raises(ValueError, match=words):
        parse_amount(text, exponent)


@pytest.mark.parametrize(("text", "exponent"), [
    (text, exponent)
    for exponent in (0, 2, 3)
    for text in ("999999999999999", "999999999999999.9", "99999999999999999999")
])
def test_parse_amount_never_exceeds_the_largest_amount(text, exponent):
    """Whatever the currency's decimals, no amount above MAX_MINOR minor units gets through."""
    try:
        minor = parse_amount(text, exponent)
    except ValueError as refused:
        assert "too large" in str(refused) or "decimals" in str(refused)
    else:
        assert minor <= MAX_MINOR


@pytest.mark.parametrize("text", [".", ","])
def test_parse_amount_refuses_a_lone_separator(text):
    with pytest.raises(ValueError):
        parse_amount(text, 2)


def test_parse_amount_refuses_misplaced_thousands_separators():
    with pytest.raises(ValueError):
        parse_amount("1.2.3,4", 2)


@pytest.mark.parametrize(("text", "day"), [
    ("2025-03-31", date(2025, 3, 31)),
    ("31/03/2025", date(2025, 3, 31)),
    ("1/2/2025", date(2025, 2, 1)),  # day first, never month first
    ("01/02/2025", date(2025, 2, 1)),
    ("29/02/2024", date(2024, 2, 29)),
    ("2024-02-29", date(2024, 2, 29)),
    (" 2025-03-01 ", date(2025, 3, 1)),
    ("\t15/06/2025 ", date(2025, 6, 15)),
])
def test_parse_date(text, day):
    assert parse_date(text) == day


@pytest.mark.parametrize("text", [
    "31/02/2025", "29/02/2025", "2025-13-01", "2025-02-30", "hello", "", "00/01/2025",
    "32/01/2025", "01/13/2025", "1/2/25", "2025/03/01", "2025-03-01T10:00", "31-03-2025",
    "31.03.2025", "2025-3-1",
])
def test_parse_date_refuses(text):
    with pytest.raises(ValueError, match="not a date") as refused:
        parse_date(text)
    assert repr(text.strip()) in str(refused.value)


def test_accruals_on_408_and_418_need_no_third_party(books, tmp_path):
    """Books exported by other software accrue invoices not yet received or issued in total."""
    run(books, tmp_path, """
        FNP,2025-12-31,OD,600,,Factures non parvenues,1200.00,,
        FNP,2025-12-31,OD,408,,Factures non parvenues,,1200.00,
        FAE,2025-12-31,OD,418,,Factures à établir,900.00,,
        FAE,2025-12-31,OD,706,,Factures à établir,,900.00,
        FA2,2025-12-31,OD,418,,Facture à établir Alpha,100.00,,Client Alpha
        FA2,2025-12-31,OD,706,,Facture à établir Alpha,,100.00,
    """)
    assert lines_of(books, "FNP")[1] == ("408", None, 0, 120000)
    assert lines_of(books, "FAE")[0] == ("418", None, 90000, 0)
    assert lines_of(books, "FA2")[0] == ("418", "Client Alpha", 10000, 0)
