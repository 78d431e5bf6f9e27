"""The financial statements as an accountant expects them: gross, depreciation and net assets,
the N-1 column, section subtotals, and a cash-flow statement that ties to the change in cash."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal as D

import pytest

from app.demo import build_demo
from app.reports import render
from app.reports.cashflow import cash_flow
from app.reports.statements import (
    BalanceSheet,
    accounts_by_line,
    balance_sheet,
    income_statement,
    load_additions,
    load_layout,
    previous_range,
)
from app.store.company import KeySource
from tests.ledger_text import YEAR_2025, post_text

COMPANY_2025 = """
    2025-01-02 OD "Apport en capital"
      512  10000.00
      101  -10000.00
    2025-01-10 AC "Achat véhicule"
      2182  6000.00
      404  -6000.00  FOURN1
    2025-01-20 BQ "Paiement du véhicule"
      404  6000.00  FOURN1
      512  -6000.00
    2025-02-01 BQ "Emprunt"
      512  4000.00
      164  -4000.00
    2025-03-01 AC "Achat de marchandises"
      600  2000.00
      401  -2000.00  FOURN1
    2025-04-01 VT "Vente"
      411  5000.00  CLIENT1
      700  -5000.00
    2025-05-01 BQ "Encaissement"
      512  3000.00
      411  -3000.00  CLIENT1
    2025-06-01 BQ "Remboursement d'emprunt"
      164  1000.00
      512  -1000.00
    2025-06-15 BQ "Paiement fournisseur"
      401  1500.00  FOURN1
      512  -1500.00
    2025-12-31 OD "Dotation aux amortissements"
      681  1200.00
      2818  -1200.00
    2025-12-31 OD "Stock final"
      30  800.00
      603  -800.00
"""
"""A vehicle of 6000 depreciated by 1200, a loan of 4000 less 1000 repaid, a sale of 5000 of
which 2000 is still owed, purchases of 2000 of which 500 still due, a closing stock of 800:
a profit of 2600 and 8500 in the bank."""

SALE_2026 = """
    2026-03-01 BQ "Cession du véhicule"
      512  5000.00
      2818  1200.00
      2182  -6000.00
      752  -200.00
"""
"""The vehicle sold for 5000: its book value is 4800, a gain of 200."""


PCG_NUMBERS = {"512": "5121", "101": "1013", "411": "4111", "401": "4011", "404": "4041",
               "700": "707", "600": "607", "681": "6811", "2818": "28182", "30": "37",
               "603": "6037"}


def in_pcg(text: str) -> str:
    """A ledger of this module with the PCG's postable accounts in place of the SCF's."""
    out = []
    for row in text.splitlines():
        parts = row.split(" ")
        number = next((p for p in parts if p), "")
        if row.startswith("      ") and number in PCG_NUMBERS:
            row = row.replace(number, PCG_NUMBERS[number], 1)
        out.append(row)
    return "\n".join(out)


def lines(sheet_side):
    return {line.key: line for line in sheet_side}


# --- gross, depreciation, net --------------------------------------------------------------------

def test_an_asset_shows_gross_depreciation_and_net(books):
    post_text(books, COMPANY_2025)
    sheet = balance_sheet(books, date(2025, 12, 31))
    vehicle = lines(sheet.assets)["other_tangible_assets"]
    assert (vehicle.gross, vehicle.depreciation, vehicle.amount) == (
        D("6000.00"), D("1200.00"), D("4800.00"))
    cash = lines(sheet.assets)["cash"]
    assert (cash.gross, cash.depreciation, cash.amount) == (D("8500.00"), D("0.00"),
                                                             D("8500.00"))
    assert sheet.total_gross - sheet.total_depreciation == sheet.total_assets
    assert all(line.gross is None for line in sheet.liabilities)


def test_a_line_drills_into_the_accounts_it_gathers_contra_accounts_included(books):
    post_text(books, COMPANY_2025)
    at = date(2025, 12, 31)
    sheet = balance_sheet(books, at)
    by_line = accounts_by_line(books, "balance_sheet", None, at, language="en")
    assert [n for n, _ in by_line["other_tangible_assets"]] == ["2182", "2818"]
    assert [n for n, _ in by_line["cash"]] == ["512"]
    shown = {line.key for line in sheet.assets if line.amount and not line.subtotal}
    assert shown <= set(by_line)
    income = accounts_by_line(books, "income_statement", date(2025, 1, 1), at)
    assert ("700", books.account("700").label("fr")) in income["turnover"]


def test_pcg_depreciation_goes_to_its_asset_line(make_books):
    books = make_books("pcg")
    post_text(books, in_pcg("""
        2025-01-02 OD "Véhicule"
          2182  1000.00
          512  -1000.00
        2025-12-31 OD "Dotation"
          681  100.00
          2818  -100.00
    """))
    sheet = balance_sheet(books, date(2025, 12, 31))
    line = lines(sheet.assets)["other_tangible_assets"]
    assert (line.gross, line.depreciation, line.amount) == (D("1000.00"), D("100.00"),
                                                            D("900.00"))
    assert lines(sheet.assets)["total_fixed_assets"].depreciation == D("100.00")


@pytest.mark.parametrize("chart", ("scf", "pcg"))
def test_every_contra_account_sits_on_an_asset_line(make_books, chart):
    """The rule of the layout: a 28/29/39/49/59 account is claimed by an asset line."""
    books = make_books(chart)
    prefixes = tuple(load_additions(chart)["contra"]["prefixes"])
    assets = load_layout(chart)["balance_sheet"]["assets"]
    specs = [s.split(":")[0] for line in assets for s in line["accounts"]]
    liabilities = load_layout(chart)["balance_sheet"]["liabilities"]
    others = [s.split(":")[0] for line in liabilities for s in line.get("accounts", ())]
    for account in books.accounts().values():
        if account.postable and account.number.startswith(prefixes):
            best = max((p for p in specs if account.number.startswith(p)), key=len, default="")
            other = max((p for p in others if account.number.startswith(p)), key=len, default="")
            assert len(best) > len(other), account.number


# --- subtotals -----------------------------------------------------------------------------------

@pytest.mark.parametrize("chart", ("scf", "pcg"))
def test_subtotals_add_up_and_both_sides_balance(make_books, chart):
    books = make_books(chart)
    post_text(books, in_pcg(COMPANY_2025) if chart == "pcg" else COMPANY_2025)
    sheet = balance_sheet(books, date(2025, 12, 31))
    assert sheet.total_assets == sheet.total_liabilities == D("16100.00")
    for side in (sheet.assets, sheet.liabilities):
        subtotals = [line for line in side if line.subtotal]
        assert subtotals
        for subtotal in subtotals:
            members = [x.amount for x in side if x.section == subtotal.section and not x.subtotal]
            assert subtotal.amount == sum(members, D(0))
    equity = lines(sheet.liabilities)["total_equity"]
    assert equity.amount == D("12600.00")  # capital 10000 + profit 2600


def test_scf_subtotals_are_those_of_the_model(books):
    sheet = balance_sheet(books, date(2025, 12, 31), language="fr")
    assert [x.label for x in sheet.assets if x.subtotal] == [
        "Total actif non courant", "Total actif courant"]
    assert [x.label for x in sheet.liabilities if x.subtotal] == [
        "Total I capitaux propres", "Total II passifs non courants", "Total III passifs courants"]
    assert sheet.assets_total_label == "Total général actif"


# --- N-1 -----------------------------------------------------------------------------------------

def _check_n_minus_1(books):
    post_text(books, """
        2026-02-01 VT "Vente 2026"
          411  100.00  C1
          700  -100.00
    """)
    sheet = balance_sheet(books, date(2026, 6, 30))
    assert sheet.previous_at == date(2025, 12, 31)
    assets, liabilities = lines(sheet.assets), lines(sheet.liabilities)
    assert (assets["cash"].amount, assets["cash"].previous) == (D("1000.00"), D("1000.00"))
    assert (assets["customers"].amount, assets["customers"].previous) == (D("600.00"),
                                                                          D("500.00"))
    assert liabilities["current_result"].previous == D("300.00")
    assert liabilities["current_result"].amount == D("100.00")
    assert sheet.previous_total_assets == sheet.previous_total_liabilities == D("1500.00")

    statement = income_statement(books, date(2026, 1, 1), date(2026, 12, 31))
    assert (statement.previous_start, statement.previous_end) == (date(2025, 1, 1),
                                                                  date(2025, 12, 31))
    assert (statement.net_result, statement.previous_net_result) == (D("100.00"), D("300.00"))
    assert lines(statement.lines)["turnover"].previous == D("500.00")


def test_n_minus_1_of_a_year_closed_with_a_nouveaux(books):
    post_text(books, YEAR_2025)
    books.close_fiscal_year(date(2025, 1, 1))
    _check_n_minus_1(books)


def test_n_minus_1_of_a_year_still_open(books):
    post_text(books, YEAR_2025)
    books.open_next_fiscal_year()
    _check_n_minus_1(books)


def test_n_minus_1_without_a_previous_year_is_zero(books):
    post_text(books, YEAR_2025)
    sheet = balance_sheet(books, date(2025, 12, 31))
    assert sheet.previous_at == date(2024, 12, 31)
    assert all(line.previous == 0 for line in (*sheet.assets, *sheet.liabilities))
    statement = income_statement(books, date(2025, 1, 1), date(2025, 3, 31))
    assert (statement.previous_start, statement.previous_end) == (date(2024, 1, 1),
                                                                  date(2024, 3, 31))
    assert all(line.previous == 0 for line in statement.lines)


def test_n_minus_1_of_a_first_year_taken_on_is_what_its_a_nouveaux_carry(books):
    post_text(books, """
        2025-01-01 AN "Reprise des soldes au 31/12/2024"
          512  7000.00
          411  2500.00  CLIENT1
          101  -8000.00
          120  -1500.00
        2025-03-01 VT "Vente"
          411  1000.00  CLIENT1
          700  -1000.00
    """)
    sheet = balance_sheet(books, date(2025, 12, 31))
    assert sheet.previous_at == date(2024, 12, 31)
    assets, liabilities = lines(sheet.assets), lines(sheet.liabilities)
    assert (assets["cash"].previous, assets["customers"].previous) == (D("7000.00"),
                                                                        D("2500.00"))
    assert liabilities["retained_earnings"].previous == D("1500.00")
    assert liabilities["current_result"].previous == 0
    assert sheet.previous_total_assets == sheet.previous_total_liabilities == D("9500.00")
    assert assets["customers"].amount == D("3500.00")


def test_previous_range_moves_back_one_fiscal_year(books):
    books.open_next_fiscal_year()
    assert previous_range(books, date(2026, 1, 1), date(2026, 6, 30)) == (
        date(2025, 1, 1), date(2025, 6, 30))
    assert previous_range(books, date(2026, 3, 15), date(2026, 12, 31)) == (
        date(2025, 3, 15), date(2025, 12, 31))


# --- cash flow -----------------------------------------------------------------------------------

def _flows(flows):
    return {line.key: line.amount for line in flows.lines}


def test_cash_flow_of_a_hand_made_year(books):
    post_text(books, COMPANY_2025)
    flows = cash_flow(books, date(2025, 1, 1), date(2025, 12, 31))
    got = _flows(flows)
    expected = {
        "net_result": "2600.00", "depreciation_and_provisions": "1200.00",
        "inventories": "-800.00", "receivables": "-2000.00", "payables": "500.00",
        "disposal_gains": "0.00", "operating_total": "1500.00",
        "acquisitions": "-6000.00", "disposals": "0.00", "investing_total": "-6000.00",
        "capital": "10000.00", "new_borrowings": "4000.00", "repayments": "-1000.00",
        "dividends": "0.00", "financing_total": "13000.00",
        "net_change": "8500.00", "opening_treasury": "0.00", "closing_treasury": "8500.00",
    }
    assert {k: got[k] for k in expected} == {k: D(v) for k, v in expected.items()}
    assert flows.reconciles


def test_cash_flow_after_closing_shows_the_disposal_proceeds(books):
    post_text(books, COMPANY_2025)
    books.close_fiscal_year(date(2025, 1, 1))
    post_text(books, SALE_2026)
    flows = cash_flow(books, date(2026, 1, 1), date(2026, 12, 31))
    got = _flows(flows)
    assert (got["net_result"], got["disposal_gains"], got["operating_total"]) == (
        D("200.00"), D("-200.00"), D("0.00"))
    assert (got["acquisitions"], got["disposals"]) == (D("0.00"), D("5000.00"))
    assert (got["opening_treasury"], got["closing_treasury"], got["net_change"]) == (
        D("8500.00"), D("13500.00"), D("5000.00"))
    assert flows.reconciles
    # N-1 is 2025's own statement, line by line
    year_before = {line.key: line.amount for line in
                   cash_flow(books, date(2025, 1, 1), date(2025, 12, 31)).lines}
    assert (flows.previous_start, flows.previous_end) == (date(2025, 1, 1), date(2025, 12, 31))
    assert {line.key: line.previous for line in flows.lines} == {
        key: year_before.get(key, D("0.00")) for key in (line.key for line in flows.lines)}
    assert next(line.previous for line in flows.lines if line.key == "closing_treasury") == (
        D("8500.00"))


def test_cash_flow_of_part_of_a_year_opens_on_the_day_before(books):
    post_text(books, COMPANY_2025)
    flows = cash_flow(books, date(2025, 6, 1), date(2025, 12, 31))
    got = _flows(flows)
    assert got["opening_treasury"] == D("11000.00")
    assert got["net_change"] == D("-2500.00") and flows.reconciles


def test_cash_flow_refuses_a_range_across_a_year_end(books):
    books.open_next_fiscal_year()
    with pytest.raises(ValueError, match="crosses the end"):
        cash_flow(books, date(2025, 6, 1), date(2026, 5, 31))


def test_cash_flow_of_the_demo_company_reconciles(tmp_path):
    books, _, _ = build_demo(tmp_path / "demo.daftar", KeySource(key_file=tmp_path / "demo.key"))
    try:
        flows = cash_flow(books, date(2025, 1, 1), date(2025, 12, 31))
        sheet = balance_sheet(books, date(2025, 12, 31))
    finally:
        books.close()
    got = _flows(flows)
    assert flows.reconciles
    assert got["depreciation_and_provisions"] == D("700000.00")
    assert got["closing_treasury"] == lines(sheet.assets)["cash"].amount
    assert got["net_change"] == (got["operating_total"] + got["investing_total"]
                                 + got["financing_total"])


def test_pcg_cash_flow_reconciles(make_books):
    books = make_books("pcg")
    post_text(books, in_pcg(YEAR_2025 + """
    2025-05-01 BQ "Encaissement"
      512  400.00
      411  -400.00  C1
"""))
    flows = cash_flow(books, date(2025, 1, 1), date(2025, 12, 31), language="en")
    assert flows.reconciles and flows.net_change == D("1400.00")
    assert flows.lines[0].label == "Net result for the period"


# --- rendering -----------------------------------------------------------------------------------

def _render(function, report, fmt):
    out = io.StringIO()
    function(report, fmt, out)
    return out.getvalue()


def test_balance_sheet_renders_every_column(books):
    post_text(books, COMPANY_2025)
    sheet: BalanceSheet = balance_sheet(books, date(2025, 12, 31), language="en")
    data = json.loads(_render(render.compared_balance_sheet, sheet, "json"))
    vehicle = next(r for r in data["assets"] if r["key"] == "other_tangible_assets")
    assert (vehicle["gross"], vehicle["depreciation"], vehicle["amount"], vehicle["previous"]) \
        == ("6000.00", "1200.00", "4800.00", "0.00")
    assert data["total_assets"] == data["total_liabilities"] == "16100.00"
    assert data["previous_at"] == "2024-12-31"
    rows = list(csv.reader(io.StringIO(_render(render.compared_balance_sheet, sheet, "csv"))))
    assert rows[0] == ["side", "key", "label", "gross", "depreciation", "net", "previous"]
    assert ["assets", "total_assets", "Total assets", "17300.00", "1200.00", "16100.00",
            "0.00"] in rows
    text = _render(render.compared_balance_sheet, sheet, "text")
    assert "Depreciation" in text and "= Total non-current assets" in text


def test_income_statement_and_cash_flow_render(books):
    post_text(books, COMPANY_2025)
    statement = income_statement(books, date(2025, 1, 1), date(2025, 12, 31))
    data = json.loads(_render(render.compared_income_statement, statement, "json"))
    assert (data["net_result"], data["previous_net_result"]) == ("2600.00", "0.00")
    assert "N-1" in _render(render.compared_income_statement, statement, "text")
    flows = cash_flow(books, date(2025, 1, 1), date(2025, 12, 31))
    data = json.loads(_render(render.cash_flow, flows, "json"))
    assert data["net_change"] == "8500.00"
    rows = list(csv.reader(io.StringIO(_render(render.cash_flow, flows, "csv"))))
    assert rows[0] == ["section", "key", "label", "amount", "previous"] and len(rows) > 15


def test_dividends_are_the_part_of_the_result_paid_out(books):
    post_text(books, YEAR_2025)
    books.close_fiscal_year(date(2025, 1, 1))
    books.allocate_result(date(2025, 1, 1), date(2026, 5, 30),
                          {"1061": D("100.00"), "457": D("200.00")})
    post_text(books, """
        2026-06-15 BQ "Dividendes versés"
          457  150.00
          512  -150.00
    """)
    flows = cash_flow(books, date(2026, 1, 1), date(2026, 12, 31))
    got = _flows(flows)
    assert (got["dividends"], got["financing_total"], got["net_change"]) == (
        D("-150.00"), D("-150.00"), D("-150.00"))
    assert got["payables"] == D("0.00") and flows.reconciles
