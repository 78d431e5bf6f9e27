"""The FEC: export of a year, the structural checker, and import, on real company files.

Every exported file goes through ``check_fec``; the checker in turn is fed hand-made files that
each break one rule. Imports either post everything or leave the company file byte-identical.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from app.demo import build_demo
from app.io.csv_journal import ImportFailed
from app.io.fec import (
    COLUMNS,
    MANDATORY,
    ExportRefused,
    check_fec,
    export_fec,
    import_fec,
)
from app.io.fec.columns import ymd
from app.ledger.model import (
    AccountKind,
    Entry,
    JournalKind,
    Line,
    ThirdParty,
    ThirdPartyKind,
)
from app.ledger.problems import Code
from app.reports.balances import trial_balance
from app.store import posted_lines as posted_store
from app.store.books import Books
from app.store.company import KeySource, open_company
from app.store.matching import match_lines
from app.store.verify import verify
from tests.ledger_text import SAMPLE, post_text

YEAR = (date(2025, 1, 1), date(2025, 12, 31))
NIF = "000216001234567"
HEADER = "\t".join(COLUMNS)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Books]:
    """The demo company (a year of books, opening entry first), shared read-only."""
    folder = tmp_path_factory.mktemp("demo")
    books, _key, _count = build_demo(folder / "demo.daftar",
                                     KeySource(key_file=folder / "demo.key"))
    yield books
    books.close()


def read_rows(path: Path, separator: str = "\t") -> list[list[str]]:
    return [line.split(separator) for line in
            path.read_bytes().decode("utf-8").removesuffix("\r\n").split("\r\n")]


def posted_lines(books: Books) -> tuple[int, int]:
    """Count and total debit (minor units) of the posted lines."""
    with books.read() as cur:
        return cur.execute("SELECT count(*), sum(l.debit) FROM line l JOIN entry e "
                           "ON e.id = l.entry_id WHERE e.status = 'posted'").fetchone()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- export ----------------------------------------------------------------------------------

@pytest.mark.parametrize("separator", ["\t", "|"])
def test_demo_export_keeps_every_rule_and_every_line(demo, tmp_path, separator):
    path = export_fec(demo, YEAR[0], tmp_path, separator=separator)
    assert path == tmp_path / "000216001FEC20251231.txt"
    assert check_fec(path, year=YEAR) == []
    rows = read_rows(path, separator)
    assert tuple(rows[0]) == COLUMNS
    assert all(len(row) == 18 for row in rows)
    count, debit = posted_lines(demo)
    assert len(rows) - 1 == count
    to_minor = [int(row[11].replace(",", "")) for row in rows[1:]]
    assert sum(to_minor) == debit == sum(int(row[12].replace(",", "")) for row in rows[1:])
    assert rows[1][0] == "AN" and rows[1][3] == "20250101"
    dates = [row[3] for row in rows[1:] if row[0] != "AN"]
    assert dates == sorted(dates)


def test_small_ledger_rows_column_by_column(books, tmp_path):
    """Reference or journal-number as PieceRef, line label or entry label, third parties, the
    posting day as ValidDate; the opening journal first although posted last; drafts never."""
    books.update_company(nif=NIF)
    post_text(books, SAMPLE)
    books.post(Entry("OD", date(2025, 3, 10), "Frais", (
        Line("627", debit=Decimal("12.50"), label="Commission"),
        Line("512", credit=Decimal("12.50"))), reference="REL-03"))
    books.post(Entry("AN", date(2025, 1, 1), "À-nouveaux", (
        Line("512", debit=Decimal("1000")), Line("101", credit=Decimal("1000")))))
    books.save_draft(Entry("OD", date(2025, 4, 1), "Brouillon", (
        Line("627", debit=Decimal("1")), Line("512", credit=Decimal("1")))))
    path = export_fec(books, YEAR[0], tmp_path)
    assert check_fec(path, year=YEAR) == []
    rows = read_rows(path)[1:]
    valid = {row[15] for row in rows}
    assert len(valid) == 1 and ymd(valid.pop()) is not None
    expected = [
        ("AN", "À-nouveaux", "AN-1", "20250101", "512", "", "", "AN-1", "À-nouveaux",
         "1000,00", "0,00"),
        ("AN", "À-nouveaux", "AN-1", "20250101", "101", "", "", "AN-1", "À-nouveaux", "0,00",
         "1000,00"),
        ("VT", "Ventes", "VT-1", "20250115", "411", "CLIENT1", "Client1", "VT-1", "Facture 1",
         "1190,00", "0,00"),
        ("VT", "Ventes", "VT-1", "20250115", "700", "", "", "VT-1", "Facture 1", "0,00",
         "1000,00"),
        ("VT", "Ventes", "VT-1", "20250115", "4457", "", "", "VT-1", "Facture 1", "0,00",
         "190,00"),
        ("BQ", "Banque", "BQ-1", "20250201", "512", "", "", "BQ-1", "Règlement", "1190,00",
         "0,00"),
        ("BQ", "Banque", "BQ-1", "20250201", "411", "CLIENT1", "Client1", "BQ-1", "Règlement",
         "0,00", "1190,00"),
        ("AC", "Achats", "AC-1", "20250310", "600", "", "", "AC-1", "Achat", "500,00", "0,00"),
        ("AC", "Achats", "AC-1", "20250310", "401", "FOURN1", "Fourn1", "AC-1", "Achat", "0,00",
         "500,00"),
        ("OD", "Opérations diverses", "OD-1", "20250310", "627", "", "", "REL-03", "Commission",
         "12,50", "0,00"),
        ("OD", "Opérations diverses", "OD-1", "20250310", "512", "", "", "REL-03", "Frais",
         "0,00", "12,50"),
    ]
    assert [(r[0], r[1], r[2], r[3], r[4], r[6], r[7], r[8], r[10], r[11], r[12])
            for r in rows] == expected
    assert all(r[9] == r[3] and r[13:15] == ["", ""] and r[16:] == ["", ""] for r in rows)
    assert all(r[5] for r in rows)  # CompteLib: the chart's label


def test_matched_lines_carry_their_letter_and_its_day(books, tmp_path):
    """EcritureLet and DateLet come from the matching letter; open lines leave them empty, and
    a partial group's letter is written in capitals like any other."""
    books.update_company(nif=NIF)
    post_text(books, SAMPLE)
    post_text(books, """
        2025-04-01 VT "Facture 2"
          411  300.00  CLIENT1
          700  -300.00
        2025-04-20 BQ "Acompte"
          512  100.00
          411  -100.00  CLIENT1
    """)
    with books.write() as cur:
        assert match_lines(cur, [(1, 1), (2, 2)], date(2025, 2, 3)) == "A"
        assert match_lines(cur, [(4, 1), (5, 2)], date(2025, 4, 21), allow_partial=True) == "B"
    path = export_fec(books, YEAR[0], tmp_path)
    assert check_fec(path, year=YEAR) == []
    lettered = {(r[2], r[4]): (r[13], r[14]) for r in read_rows(path)[1:]}
    assert lettered[("VT-1", "411")] == lettered[("BQ-1", "411")] == ("A", "20250203")
    assert lettered[("VT-2", "411")] == lettered[("BQ-2", "411")] == ("B", "20250421")
    assert lettered[("VT-1", "700")] == lettered[("AC-1", "401")] == ("", "")


def test_export_pages_through_entries(books, tmp_path, monkeypatch):
    """The same file whether the year is read in one page or many."""
    books.update_company(nif=NIF)
    post_text(books, SAMPLE * 3)
    whole = export_fec(books, YEAR[0], tmp_path / "whole.txt").read_bytes()
    monkeypatch.setattr(posted_store, "PAGE", 2)
    assert export_fec(books, YEAR[0], tmp_path / "paged.txt").read_bytes() == whole


def test_export_labels_lose_the_separator(books, tmp_path):
    books.update_company(nif=NIF)
    books.post(Entry("OD", date(2025, 2, 1), "a|b\tc", (
        Line("627", debit=Decimal("1")), Line("512", credit=Decimal("1")))))
    for separator, label in (("\t", "a|b c"), ("|", "a b\tc")):
        path = export_fec(books, YEAR[0], tmp_path, separator=separator)
        assert check_fec(path) == []
        assert read_rows(path, separator)[2][10] == label


def test_export_needs_a_siren(books, tmp_path):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    with pytest.raises(ExportRefused, match=r"company\.nif"):
        export_fec(books, YEAR[0], tmp_path)
    assert list(tmp_path.iterdir()) == []
    path = export_fec(books, YEAR[0], tmp_path, siren="123456782")
    assert path.name == "123456782FEC20251231.txt"
    assert check_fec(path) == []  # an empty year: the header alone
    with pytest.raises(ExportRefused, match="9 digits"):
        export_fec(books, YEAR[0], tmp_path, siren="12345")


def test_export_refuses_other_years_ranges_and_separators(books, tmp_path):
    books.update_company(nif=NIF)
    with pytest.raises(ExportRefused, match="no fiscal year contains 2024-06-01"):
        export_fec(books, date(2024, 6, 1), tmp_path)
    books.open_next_fiscal_year()
    with pytest.raises(ExportRefused, match="inside one fiscal year"):
        export_fec(books, (date(2025, 6, 1), date(2026, 1, 31)), tmp_path)
    with pytest.raises(ExportRefused, match="separator"):
        export_fec(books, YEAR[0], tmp_path, separator=";")
    post_text(books, SAMPLE)
    part = export_fec(books, (date(2025, 2, 1), date(2025, 2, 28)), tmp_path)
    assert part.name == "000216001FEC20251231.txt"
    assert [row[2] for row in read_rows(part)[1:]] == ["BQ-1", "BQ-1"]


# --- round trip ------------------------------------------------------------------------------

def test_round_trip_gives_the_same_books(demo, make_books, tmp_path):
    exported = export_fec(demo, YEAR[0], tmp_path / "demo.txt")
    books = make_books(name="copy")
    books.update_company(nif=NIF)
    result = import_fec(books, exported)
    count, _ = posted_lines(demo)
    assert (result.entries, result.lines) == (verify(demo).entries, count)
    assert result.journals_created == [] and result.accounts_created == []
    assert result.third_parties_created == len({row[6] for row in read_rows(exported)[1:]
                                                if row[6]})
    assert trial_balance(books, *YEAR).rows == trial_balance(demo, *YEAR).rows
    assert not verify(books).problems
    again = export_fec(books, YEAR[0], tmp_path / "again.txt")

    def without_valid_date(path: Path) -> list[list[str]]:
        return [row[:15] + row[16:] for row in read_rows(path)]

    assert without_valid_date(again) == without_valid_date(exported)


# --- import ----------------------------------------------------------------------------------

def fec_file(folder: Path, rows: list[str], *, separator: str = "\t", encoding: str = "utf-8",
             name: str = "123456782FEC20251231.txt", header: str = HEADER) -> Path:
    """A FEC from rows written with ``;`` between fields (turned into ``separator``)."""
    text = "".join(line.replace(";", separator) + "\r\n"
                   for line in [header.replace("\t", separator), *rows])
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def row(journal: str = "VTE", label: str = "Ventes", num: str = "1", day: str = "20250115",
        account: str = "41100000", account_label: str = "Clients", aux: str = "C001",
        aux_label: str = "Client Un", piece: str = "F-001", text: str = "Facture F-001",
        debit: str = "120,00", credit: str = "0,00") -> str:
    return ";".join([journal, label, num, day, account, account_label, aux, aux_label, piece,
                     day, text, debit, credit, "", "", "20250120", "", ""])


SALE = [row(),
        row(account="70600000", account_label="Prestations", aux="", aux_label="",
            debit="0,00", credit="100,00"),
        row(account="44571000", account_label="TVA collectée", aux="", aux_label="",
            debit="0,00", credit="20,00")]
PURCHASE = [row(journal="HA", label="Achats", num="7", day="20250201", account="60100000",
                account_label="Achats de matières", aux="", aux_label="", piece="A-9",
                text="Facture Œuvre’s", debit="50.00", credit=""),
            row(journal="HA", label="Achats", num="7", day="20250201", account="40110000",
                account_label="Fournisseurs", aux="F001", aux_label="Fournisseur Un",
                piece="A-9", text="Facture Œuvre’s", debit="", credit="50.00")]
PAYMENT = [row(journal="BQ1", label="Banque 1", num="1", day="20250301", account="512",
               aux="", aux_label="", piece="R-1", text="Encaissement", debit="120,00"),
           row(journal="BQ1", label="Banque 1", num="1", day="20250301", text="Encaissement",
               piece="R-1", credit="120,00", debit="0,00")]


def test_import_opens_journals_accounts_and_parties(books, tmp_path):
    path = fec_file(tmp_path, SALE + PURCHASE + PAYMENT, separator="|", encoding="cp1252")
    result = import_fec(books, path)
    assert (result.entries, result.lines, result.encoding) == (3, 7, "cp1252")
    assert result.journals_created == ["VTE", "HA", "BQ1"]
    assert sorted(result.accounts_created) == ["40110000", "41100000", "44571000", "60100000",
                                               "70600000"]
    assert result.third_parties_created == 2
    journals = books.journals()
    assert [journals[c].kind for c in ("VTE", "HA", "BQ1")] == [
        JournalKind.SALES, JournalKind.PURCHASES, JournalKind.BANK]
    assert journals["BQ1"].label == "Banque 1"
    accounts = books.accounts()
    assert accounts["41100000"].kind is AccountKind.CUSTOMER
    assert accounts["41100000"].needs_third_party and accounts["41100000"].account_class == 4
    assert accounts["60100000"].label_fr == "Achats de matières"
    parties = books.third_parties()
    assert (parties["C001"].name, parties["C001"].kind) == ("Client Un", ThirdPartyKind.CUSTOMER)
    assert (parties["F001"].name, parties["F001"].kind) == (
        "Fournisseur Un", ThirdPartyKind.SUPPLIER)
    with books.read() as cur:
        entries = cur.execute("SELECT j.code, e.number, e.reference, e.label FROM entry e "
                              "JOIN journal j ON j.id = e.journal_id ORDER BY e.seq").fetchall()
    assert entries == [("VTE", 1, "F-001", "Facture F-001"), ("HA", 1, "A-9", "Facture Œuvre’s"),
                       ("BQ1", 1, "R-1", "Encaissement")]
    assert not verify(books).problems


def test_import_latin9_and_party_on_both_sides(books, tmp_path):
    """ISO-8859-15 (no byte 0x80-0x9F) is told from Windows-1252; a third party seen on a
    customer and a supplier account becomes kind other, which both accept."""
    both = [row(aux="X1", aux_label="Œuvre"), *SALE[1:],
            row(journal="HA", num="2", day="20250116", account="40110000", aux="X1",
                aux_label="Œuvre", debit="0,00", credit="10,00", text="Avoir"),
            row(journal="HA", num="2", day="20250116", account="60100000", aux="",
                aux_label="", debit="10,00", credit="0,00", text="Avoir")]
    result = import_fec(books, fec_file(tmp_path, both, encoding="iso-8859-15"))
    assert result.encoding == "iso-8859-15"
    party = books.third_parties()["X1"]
    assert (party.name, party.kind) == ("Œuvre", ThirdPartyKind.OTHER)


def test_import_into_existing_parties_and_zero_lines(books, tmp_path):
    books.add_third_party(ThirdParty("C001", "Déjà là", ThirdPartyKind.CUSTOMER))
    zero = row(account="44571000", aux="", aux_label="", debit="0,00", credit="0,00")
    path = fec_file(tmp_path, [*SALE, zero])
    with pytest.raises(ImportFailed) as failed:
        import_fec(books, path)
    assert (failed.value.row, failed.value.column) == (5, "Debit")
    assert failed.value.problem.code is Code.FEC_ZERO_LINE
    assert "--skip-zero-lines" in str(failed.value)
    result = import_fec(books, path, skip_zero_lines=True)
    assert (result.entries, result.lines, result.zero_lines_skipped) == (1, 3, 1)
    assert result.third_parties_created == 0
    assert books.third_parties()["C001"].name == "Déjà là"


BAD = [
    ("unbalanced", [SALE[0], SALE[1].replace("100,00", "101,00"), SALE[2]], 4, "Debit",
     "does not balance"),
    ("date", [*SALE[:2], SALE[2].replace("20250115", "20251315", 1)], 6, "EcritureDate",
     "not a date"),
    ("mixed dates", [*SALE[:2], SALE[2].replace("20250115", "20250116", 1)], 6, "EcritureDate",
     "different dates"),
    ("no party", [SALE[0].replace("C001", "", 1), *SALE[1:]], 4, "CompAuxNum",
     "needs a third party"),
    ("party name", [SALE[0].replace("Client Un", ""), *SALE[1:]], 4, "CompAuxLib",
     "CompAuxLib"),
    ("party misplaced", [SALE[0], SALE[1].replace(";;;F-001", ";C001;Client Un;F-001"),
                         SALE[2]], 5, "CompAuxNum", "not a third-party account"),
    ("amount", [SALE[0].replace("120,00", "12O,00"), *SALE[1:]], 4, "Debit", "not an amount"),
    ("negative", [*SALE[:2], SALE[2].replace("0,00;20,00", "-20,00;0,00")], 6, "Debit",
     "negative"),
    ("both sides", [*SALE[:2], SALE[2].replace("0,00;20,00", "1,00;21,00")], 6, "Credit",
     "not both"),
    ("account", [*SALE[:2], SALE[2].replace("44571000", "0457")], 6, "CompteNum",
     "not an account number"),
    ("account label", [*SALE[:2], SALE[2].replace("TVA collectée", "")], 6, "CompteLib",
     "CompteLib"),
    ("journal code", [line.replace("VTE", "vte", 1) for line in SALE], 4, "JournalCode",
     "upper-case"),
    ("fields", [*SALE[:2], SALE[2] + ";extra"], 6, None, "19 fields"),
    ("split", [*SALE, *PAYMENT, SALE[0]], 9, "EcritureNum", "keep the lines"),
    ("one line", [SALE[0], *PAYMENT], 4, "EcritureNum", "only one line"),
    ("zero line", [*SALE, SALE[2].replace("20,00", "0,00")], 7, "Debit", "no amount"),
    ("before the books", [line.replace("20250115", "20240115") for line in SALE], 4,
     "EcritureDate", "2024-01-15"),
    ("label", [line.replace("Facture F-001", "") for line in SALE], 4, "EcritureLib",
     "no label"),
    ("number", [line.replace("Ventes;1;", "Ventes;;") for line in SALE], 4, "EcritureNum",
     "EcritureNum is empty"),
    ("no journal", [line.replace("VTE", "", 1) for line in SALE], 4, "JournalCode",
     "JournalCode is empty"),
    ("long journal code", [line.replace("VTE", "VENTES2025", 1) for line in SALE], 4,
     "JournalCode", "upper-case"),
    ("journal name", [line.replace("VTE;Ventes", "VTE;") for line in SALE], 4, "JournalLib",
     "JournalLib, its name, is empty"),
]


@pytest.mark.parametrize(("rows", "line", "column", "reason"),
                         [case[1:] for case in BAD], ids=[case[0] for case in BAD])
def test_bad_line_names_where_and_changes_nothing(make_books, tmp_path, rows, line, column,
                                                  reason):
    """Valid entries that open a journal, accounts and parties come first: all undone."""
    books = make_books(name="target")
    company, key = books.path, books.path.with_suffix(".key")
    books.close()
    before = digest(company)
    path = fec_file(tmp_path, PURCHASE + rows)
    books = open_company(company, KeySource(key_file=key))
    try:
        with pytest.raises(ImportFailed) as failed:
            import_fec(books, path)
    finally:
        books.close()
    error = failed.value
    assert (error.row, error.column) == (line, column), str(error)
    assert reason in str(error)
    assert str(error).startswith(f"{path}, row ")
    assert digest(company) == before


FEC_CODES = {
    "date": Code.FEC_BAD_DATE, "party name": Code.FEC_PARTY_LABEL_MISSING,
    "account label": Code.FEC_ACCOUNT_LABEL_MISSING, "journal code": Code.FEC_JOURNAL_CODE_CASE,
    "long journal code": Code.FEC_BAD_JOURNAL_CODE, "journal name": Code.FEC_JOURNAL_LABEL_MISSING,
    "zero line": Code.FEC_ZERO_LINE, "number": Code.FEC_MISSING_FIELD,
    "no journal": Code.FEC_MISSING_FIELD,
}
"""The refusals proper to the FEC, among ``BAD``, and their codes."""


@pytest.mark.parametrize(("rows", "code"),
                         [(case[1], FEC_CODES[case[0]]) for case in BAD if case[0] in FEC_CODES],
                         ids=[case[0] for case in BAD if case[0] in FEC_CODES])
def test_fec_refusals_have_codes_worded_in_every_language(books, tmp_path, rows, code):
    """Not an English reason under a catch-all code: the interface words them itself."""
    with pytest.raises(ImportFailed) as failed:
        import_fec(books, fec_file(tmp_path, PURCHASE + rows))
    problem = failed.value.problem
    assert (problem.code, problem.field) == (code, failed.value.column)
    assert failed.value.reason == problem.message
    assert len({problem.text(language) for language in ("en", "fr", "ar")}) == 3


def test_a_fec_refusal_in_french(books, tmp_path):
    zero = row(account="44571000", aux="", aux_label="", debit="0,00", credit="0,00")
    with pytest.raises(ImportFailed) as failed:
        import_fec(books, fec_file(tmp_path, [*SALE, zero]))
    assert failed.value.problem.text("fr") == (
        "la ligne n'a pas de montant (0 au débit comme au crédit) et Daftar ne garde aucune "
        "ligne à zéro ; écartez-les avec --skip-zero-lines")


# --- à-nouveaux ------------------------------------------------------------------------------

def opening_rows(day: str = "20250101", account: str = "512") -> list[str]:
    """An entry of the opening journal AN: ``account`` in debit against capital (101)."""
    common = {"journal": "AN", "label": "A-nouveaux", "num": "1", "day": day, "aux": "",
              "aux_label": "", "piece": "AN-2025", "text": "Reprise des soldes"}
    return [row(**common, account=account, account_label="Banque", debit="1000,00",
                credit="0,00"),
            row(**common, account="101", account_label="Capital", debit="0,00",
                credit="1000,00")]


@pytest.mark.parametrize(("rows", "line", "column", "code"), [
    (opening_rows(day="20250102"), 2, "EcritureDate", Code.OPENING_DATE),
    (opening_rows(account="600"), 2, "CompteNum", Code.OPENING_RESULT_ACCOUNT),
    (SALE + opening_rows(account="600"), 5, "CompteNum", Code.OPENING_RESULT_ACCOUNT),
], ids=["second day", "expense account", "after other entries"])
def test_opening_entries_follow_the_posting_rules(make_books, tmp_path, rows, line, column,
                                                  code):
    """À-nouveaux fall on their year's first day and carry balance-sheet accounts only, as
    ``rules.check_opening`` asks of an entry posted by hand; the refusal changes nothing."""
    books = make_books(name="target")
    before = posted_lines(books)
    with pytest.raises(ImportFailed) as failed:
        import_fec(books, fec_file(tmp_path, rows))
    error = failed.value
    assert (error.row, error.column, error.problem.code) == (line, column, code), str(error)
    assert posted_lines(books) == before


def test_opening_entry_gives_the_years_opening_balances(books, tmp_path):
    result = import_fec(books, fec_file(tmp_path, [*opening_rows(), *PAYMENT]))
    assert (result.entries, result.lines) == (2, 4)
    rows = {r.account: r for r in trial_balance(books, *YEAR).rows}
    bank, capital = rows["512"], rows["101"]
    assert (bank.opening_debit, bank.opening_credit) == (Decimal("1000"), 0)
    assert (capital.opening_debit, capital.opening_credit) == (0, Decimal("1000"))
    assert (capital.debit, capital.credit) == (0, 0)
    assert (bank.debit, bank.credit) == (Decimal("120"), 0)  # the payment alone
    assert (bank.closing_debit, bank.closing_credit) == (Decimal("1120"), 0)


def test_bad_header_and_missing_file(books, tmp_path):
    wrong = fec_file(tmp_path, SALE, header=HEADER.replace("CompteLib", "Libelle"))
    with pytest.raises(ImportFailed, match="missing CompteLib") as failed:
        import_fec(books, wrong)
    assert failed.value.row == 1
    no_separator = tmp_path / "x.txt"
    no_separator.write_text("JournalCode;JournalLib\n", encoding="utf-8")
    with pytest.raises(ImportFailed, match="no tab or"):
        import_fec(books, no_separator)
    with pytest.raises(ImportFailed, match="cannot read"):
        import_fec(books, tmp_path / "absent.txt")
    empty = fec_file(tmp_path, [], name="empty.txt")
    with pytest.raises(ImportFailed, match="no lines"):
        import_fec(books, empty)


def test_header_in_another_order_with_extra_columns(books, tmp_path):
    """Columns are found by name; BNC files' extra columns are ignored."""
    names = [*reversed(COLUMNS), "ModeRglt"]
    lines = ["\t".join(reversed(line.split(";"))) + "\tchèque" for line in SALE]
    path = tmp_path / "other.txt"
    path.write_text("\n".join(["\t".join(names), *lines]) + "\n", encoding="utf-8")
    assert import_fec(books, path).lines == 3


# --- the checker -----------------------------------------------------------------------------

GOOD = [*SALE, *PAYMENT]


def problems_of(tmp_path: Path, rows: list[str], **options: object) -> list[str]:
    return check_fec(fec_file(tmp_path, rows, **options))  # type: ignore[arg-type]


def test_a_good_hand_made_file_passes(tmp_path):
    assert problems_of(tmp_path, GOOD) == []
    assert problems_of(tmp_path, GOOD, separator="|", encoding="cp1252") == []


RULES = [
    ("name", {"name": "FEC2025.txt"}, GOOD, "FEC2025.txt: the file name must be"),
    ("name date", {"name": "123456782FEC20251331.txt"}, GOOD, "20251331 in the file name"),
    ("header order", {"header": HEADER.replace("JournalCode\tJournalLib",
                                               "JournalLib\tJournalCode")}, GOOD,
     "line 1, column JournalCode: column 1 must be 'JournalCode', found 'JournalLib'"),
    ("header long", {"header": HEADER + "\tDateRglt"}, [],
     "line 1, column DateRglt: 19 columns where the FEC has 18"),
    ("header short", {"header": HEADER.removesuffix("\tIdevise")}, GOOD,
     "line 1, column Idevise: column 18 must be 'Idevise', found nothing"),
    ("no separator", {"header": "JournalCode JournalLib"}, [], "line 1: the first line"),
    ("mixed separators", {}, [GOOD[0], GOOD[1].replace(";", "|"), *GOOD[2:]],
     "line 3: 1 fields where the header has 18; the separator must be"),
    ("bad date", {}, [GOOD[0].replace("20250115", "20250230", 1), *GOOD[1:]],
     "line 2, column EcritureDate: '20250230' is not a date YYYYMMDD"),
    ("iso date", {}, [GOOD[0].replace("20250120", "2025-01-20"), *GOOD[1:]],
     "line 2, column ValidDate: '2025-01-20' is not a date YYYYMMDD"),
    ("piece date", {}, [GOOD[0].replace("F-001;20250115", "F-001;15/01/2025"), *GOOD[1:]],
     "line 2, column PieceDate: '15/01/2025' is not a date"),
    ("outside year", {"name": "123456782FEC20241231.txt"}, GOOD,
     "line 2, column EcritureDate: 20250115 is outside the fiscal year 20230101-20241231"),
    ("dot decimal", {}, [GOOD[0].replace("120,00", "120.00"), *GOOD[1:]],
     "line 2, column Debit: '120.00' is not an amount"),
    ("thousands", {}, [*GOOD[:4], GOOD[4].replace("120,00", "1 120,00")],
     "line 6, column Credit: '1 120,00' is not an amount"),
    ("empty amount", {}, [GOOD[0].replace(";0,00;", ";;"), *GOOD[1:]],
     "line 2, column Credit: '' is not an amount"),
    ("foreign amount", {}, [GOOD[0].replace("20250120;;", "20250120;1.5;"), *GOOD[1:]],
     "line 2, column Montantdevise: '1.5' is not an amount"),
    ("unbalanced", {}, [GOOD[0].replace("120,00", "121,00"), *GOOD[1:]],
     "line 2, column Debit: entry 1 of journal VTE does not balance: debit 121.00, "
     "credit 120.00"),
    ("aux label", {}, [GOOD[0].replace("Client Un", ""), *GOOD[1:]],
     "line 2, column CompAuxLib: required when CompAuxNum is given"),
]


@pytest.mark.parametrize(("options", "rows", "expected"), [r[1:] for r in RULES],
                         ids=[r[0] for r in RULES])
def test_each_rule_fires(tmp_path, options, rows, expected):
    found = problems_of(tmp_path, rows, **options)
    assert any(expected in problem for problem in found), found


@pytest.mark.parametrize("column", MANDATORY)
def test_each_mandatory_field(tmp_path, column):
    cells = GOOD[0].split(";")
    cells[COLUMNS.index(column)] = ""
    found = problems_of(tmp_path, [";".join(cells), *GOOD[1:]])
    assert f"123456782FEC20251231.txt, line 2, column {column}: mandatory field is empty" in found


def test_dates_spanning_more_than_a_year_without_a_name_or_year(tmp_path):
    late = [line.replace("20250301", "20270301") for line in PAYMENT]
    found = problems_of(tmp_path, [*SALE, *late], name="journal.txt")
    assert any("line 6, column EcritureDate: the dates run from 20250115 to 20270301" in p
               for p in found), found
    assert check_fec(fec_file(tmp_path, GOOD), year=(date(2025, 2, 1), date(2025, 12, 31))) == [
        f"123456782FEC20251231.txt, line {n}, column EcritureDate: 20250115 is outside the "
        "fiscal year 20250201-20251231" for n in (2, 3, 4)]


def test_problems_are_capped(tmp_path):
    rows = [GOOD[0].replace("120,00", "x")] * 30
    found = check_fec(fec_file(tmp_path, rows), limit=5)
    assert len(found) == 6 and found[-1].endswith("more problems")


def test_undecodable_bytes_name_their_line(books, tmp_path):
    path = fec_file(tmp_path, SALE, encoding="cp1252")
    path.write_bytes(path.read_bytes().replace(b"Ventes", b"Vent\x80\x81", 2))
    with pytest.raises(ImportFailed, match="not UTF-8 nor Windows-1252") as failed:
        import_fec(books, path)
    assert (failed.value.row, failed.value.problem.code) == (2, Code.FEC_NOT_TEXT)
    assert any("line 2: not UTF-8" in p for p in check_fec(path))
