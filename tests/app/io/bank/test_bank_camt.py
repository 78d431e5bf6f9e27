"""camt.053 statements: versions by namespace, balances, hardened parsing, named errors."""

from __future__ import annotations

import time
from decimal import Decimal
from pathlib import Path

import pytest

from app.io.bank import (
    StatementError,
    check_balance,
    detect_format,
    read_statements,
    require_balanced,
    split_duplicates,
)
from tests.bank_samples import MARCH, Entry, camt_document, camt_statement, write_camt


@pytest.mark.parametrize("version", [2, 8])
def test_reads_both_versions_alike(tmp_path: Path, version: int) -> None:
    path = write_camt(tmp_path / f"releve{version}.xml", version=version)
    assert detect_format(path) == "camt"
    [statement] = read_statements(path)
    assert statement.account == "FR7630004000031234567890143"
    assert statement.currency == "EUR" and statement.identifier == "STMT-1"
    assert statement.opening and statement.opening.amount == Decimal("1000.00")
    assert statement.closing and statement.closing.amount == Decimal("1250.00")
    assert str(statement.period_start) == "2025-03-01" and str(statement.period_end) == "2025-03-31"
    assert statement.pending_skipped == 1
    first, second, third = statement.lines
    assert (first.amount, first.label, first.counterparty, first.reference,
            first.end_to_end_id) == (Decimal("300.00"), "Facture 12", "SARL Client", "R1", "E2E-1")
    assert second.amount == Decimal("-42.50") and second.end_to_end_id == ""
    assert str(third.booking_date) == "2025-03-05" and str(third.value_date) == "2025-03-05"
    check = check_balance(statement)
    assert check.checked and check.ok
    require_balanced(statement)


def test_a_closing_balance_that_does_not_add_up_is_named(tmp_path: Path) -> None:
    path = write_camt(tmp_path / "releve.xml", closing="1300.00")
    [statement] = read_statements(path)
    check = check_balance(statement)
    assert not check.ok and (check.expected, check.found) == (Decimal("1250.00"),
                                                              Decimal("1300.00"))
    with pytest.raises(StatementError) as caught:
        require_balanced(statement)
    message = str(caught.value)
    assert message.startswith(f"{path}, statement 1 (STMT-1), closing balance: ")
    assert "expected 1250.00" in message and "found 1300.00" in message


def test_several_statements_in_one_file(tmp_path: Path) -> None:
    path = tmp_path / "two.xml"
    path.write_text(camt_document([
        camt_statement(MARCH, ident="A"),
        camt_statement([Entry("10.00", False, "2025-04-02", "x", ref="Z")], ident="B",
                       opening="-5.00", closing="-15.00")]), encoding="utf-8")
    first, second = read_statements(path)
    assert (first.index, first.identifier, second.index, second.identifier) == (1, "A", 2, "B")
    assert second.opening and second.opening.amount == Decimal("-5.00")
    assert check_balance(second).ok


def test_dtd_and_entity_expansion_are_refused(tmp_path: Path) -> None:
    laughs = ('<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">'
              '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;">]>')
    path = tmp_path / "laughs.xml"
    entries = [Entry("1.00", True, "2025-03-01", "&lol3;", ref="X")]
    path.write_text(camt_document([camt_statement(entries)], prolog=laughs), encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(StatementError, match=r"laughs\.xml, XML: refused: it declares a DTD"):
        read_statements(path)
    assert time.perf_counter() - started < 1


def test_bad_amount_and_date_name_the_entry_and_the_field(tmp_path: Path) -> None:
    bad = [MARCH[0], Entry("12,3", False, "2025-03-05", "x", ref="B")]
    path = write_camt(tmp_path / "bad.xml", entries=bad)
    with pytest.raises(StatementError) as caught:
        read_statements(path)
    assert str(caught.value) == (f"{path}, statement 1 (STMT-1), entry 2, Ntry/Amt: "
                                 "'12,3' is not an amount")
    path = write_camt(tmp_path / "date.xml", entries=[Entry("1.00", True, "2025-02-30", "x")])
    with pytest.raises(StatementError, match=r"entry 1, BookgDt/Dt: '2025-02-30' is not a date"):
        read_statements(path)
    path = write_camt(tmp_path / "cents.xml", entries=[Entry("1.001", True, "2025-03-01", "x")])
    with pytest.raises(StatementError, match=r"entry 1, Ntry/Amt: '1.001'.*more than 2 decimals"):
        read_statements(path)


def test_other_xml_and_broken_xml_are_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "pain.xml"
    path.write_text('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"/>')
    with pytest.raises(StatementError, match=r"pain\.001\.001\.03 is not a camt\.053 namespace"):
        read_statements(path)
    path.write_text("<Document><BkToCstmrStmt>")
    with pytest.raises(StatementError, match=r"pain\.xml, line 1, column \d+: not well-formed"):
        read_statements(path)


def test_fingerprints_are_stable_and_rank_identical_lines(tmp_path: Path) -> None:
    twin = Entry("7.50", False, "2025-03-05", "Frais")
    path = write_camt(tmp_path / "twins.xml", entries=[twin, twin], opening="0", closing="-15.00")
    [once] = read_statements(path)
    [again] = read_statements(path)
    assert [x.fingerprint for x in once.lines] == [x.fingerprint for x in again.lines]
    assert once.lines[0].fingerprint != once.lines[1].fingerprint
    new, seen = split_duplicates(again.lines, {once.lines[0].fingerprint})
    assert (new, seen) == ([again.lines[1]], [again.lines[0]])


def test_ten_thousand_entries_parse_quickly(tmp_path: Path) -> None:
    entries = [Entry("1.25", i % 2 == 0, "2025-03-10", f"ligne {i}", "Tiers", f"R{i}")
               for i in range(10_000)]
    path = write_camt(tmp_path / "big.xml", entries=entries, opening="0.00", closing="0.00")
    started = time.perf_counter()
    [statement] = read_statements(path)
    seconds = time.perf_counter() - started
    assert len(statement.lines) == 10_000 and check_balance(statement).ok
    assert seconds < 4, f"{seconds:.2f} s (target 2 s; twice that allowed on a busy machine)"
