"""The entries list queries: each filter, each sort both ways, keyset pages, LIKE escaping."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest

from app.ledger.model import Entry, EntryStatus, Line
from app.ledger.money import MoneyError
from app.ledger.text import fold
from app.store.books import Books
from app.store.entry_list import (
    EntryFilter,
    EntryRow,
    EntrySort,
    count_entries,
    entry_page,
    like_pattern,
    query_plan,
)
from tests.ledger_text import ensure_parties, parse_entries, post_text

LEDGER = """
    2025-01-15 VT "Facture 1"
      411  1190.00  CLIENT1
      700  -1000.00
      4457 -190.00
    2025-02-01 BQ "Règlement"
      512  1190.00
      411  -1190.00 CLIENT1
    2025-03-10 AC "Achat"
      600  500.00
      401  -500.00 FOURN1
    2025-01-15 VT "facture 2"
      411  238.00  CLIENT2
      700  -200.00
      4457 -38.00
"""
REFERENCES = {"Facture 1": "F-001", "Règlement": "CHQ 100%", "Achat": "A_1", "facture 2": "f-002"}


@pytest.fixture
def ids(books: Books) -> dict[str, int]:
    """Four posted entries with references (one line labelled) and a draft: label → id."""
    entries = parse_entries(LEDGER)
    ensure_parties(books, entries)
    out = {}
    for entry in entries:
        lines = entry.lines
        if entry.label == "Achat":
            lines = (replace(lines[0], label="Papeterie"), *lines[1:])
        posted = books.post(replace(entry, reference=REFERENCES[entry.label], lines=lines))
        out[entry.label] = posted.id
    draft = books.save_draft(Entry("OD", date(2025, 3, 20), "Brouillon loyer", (
        Line("626", debit=Decimal("800")), Line("512", credit=Decimal("800")))))
    out["Brouillon loyer"] = draft.id
    return out


def labels(books: Books, filt: EntryFilter) -> set[str]:
    rows = entry_page(books, filt, limit=100)
    assert count_entries(books, filt) == len(rows)
    return {row.label for row in rows}


def test_the_empty_filter_lists_every_entry_with_its_totals(books: Books, ids) -> None:
    rows = entry_page(books, EntryFilter(), limit=100)
    assert [r.id for r in rows] == [ids["Facture 1"], ids["facture 2"], ids["Règlement"],
                                    ids["Achat"], ids["Brouillon loyer"]]
    first = rows[0]
    assert (first.date, first.journal, first.number, first.reference, first.status) == (
        date(2025, 1, 15), "VT", 1, "F-001", EntryStatus.POSTED)
    assert (first.total_debit, first.line_count) == (119000, 3)
    draft = rows[-1]
    assert (draft.status, draft.number, draft.total_debit, draft.line_count) == (
        EntryStatus.DRAFT, None, 80000, 2)
    assert count_entries(books, EntryFilter()) == 5


def test_journal_period_and_status_filters(books: Books, ids) -> None:
    assert labels(books, EntryFilter(journals=("VT",))) == {"Facture 1", "facture 2"}
    assert labels(books, EntryFilter(journals=("VT", "BQ"))) == {
        "Facture 1", "facture 2", "Règlement"}
    assert labels(books, EntryFilter(first=date(2025, 2, 1), last=date(2025, 3, 10))) == {
        "Règlement", "Achat"}
    assert labels(books, EntryFilter(first=date(2025, 3, 11))) == {"Brouillon loyer"}
    assert labels(books, EntryFilter(last=date(2025, 1, 31))) == {"Facture 1", "facture 2"}
    assert labels(books, EntryFilter(status=EntryStatus.DRAFT)) == {"Brouillon loyer"}
    assert len(labels(books, EntryFilter(status=EntryStatus.POSTED))) == 4


def test_account_prefix_finds_entries_with_a_line_on_such_an_account(books: Books, ids) -> None:
    assert labels(books, EntryFilter(account_prefix="41")) == {
        "Facture 1", "facture 2", "Règlement"}
    assert labels(books, EntryFilter(account_prefix="4457")) == {"Facture 1", "facture 2"}
    assert labels(books, EntryFilter(account_prefix="6")) == {"Achat", "Brouillon loyer"}
    assert labels(books, EntryFilter(account_prefix="9")) == set()


def test_amount_matches_a_line_debit_or_credit_exactly(books: Books, ids) -> None:
    assert labels(books, EntryFilter(amount=Decimal("1190"))) == {"Facture 1", "Règlement"}
    assert labels(books, EntryFilter(amount=Decimal("-190.00"))) == {"Facture 1"}
    assert labels(books, EntryFilter(amount=Decimal("38"))) == {"facture 2"}
    assert labels(books, EntryFilter(amount=Decimal("1190.01"))) == set()
    with pytest.raises(MoneyError):
        count_entries(books, EntryFilter(amount=Decimal("1.001")))


def test_text_searches_labels_references_and_line_labels_ignoring_case(books: Books, ids) -> None:
    assert labels(books, EntryFilter(text="FACTURE")) == {"Facture 1", "facture 2"}
    assert labels(books, EntryFilter(text="f-00")) == {"Facture 1", "facture 2"}
    assert labels(books, EntryFilter(text="papet")) == {"Achat"}
    assert labels(books, EntryFilter(text="loyer")) == {"Brouillon loyer"}
    combined = EntryFilter(text="facture", journals=("VT",), first=date(2025, 1, 1),
                           account_prefix="700", amount=Decimal("200"))
    assert labels(books, combined) == {"facture 2"}


def test_like_wildcards_in_the_search_are_taken_literally(books: Books, ids) -> None:
    assert like_pattern("5%_\\") == "%5\\%\\_\\\\%"
    assert labels(books, EntryFilter(text="%")) == {"Règlement"}
    assert labels(books, EntryFilter(text="_")) == {"Achat"}
    assert labels(books, EntryFilter(text="A_1")) == {"Achat"}
    assert labels(books, EntryFilter(text="\\")) == set()
    assert labels(books, EntryFilter(account_prefix="4_")) == set()


def _python_order(rows: list[EntryRow], sort: EntrySort) -> list[int]:
    keys = {
        EntrySort.DATE: lambda r: (r.date, r.id),
        EntrySort.NUMBER: lambda r: (r.journal, r.number or 1 << 62, r.id),
        EntrySort.REFERENCE: lambda r: (r.reference.lower(), r.id),
        EntrySort.LABEL: lambda r: (r.label.lower(), r.id),
        EntrySort.STATUS: lambda r: (r.status.value, r.date, r.id),
        EntrySort.AMOUNT: lambda r: (r.total_debit, r.id),
    }
    return [r.id for r in sorted(rows, key=keys[sort])]


def _all_pages(books: Books, filt: EntryFilter, sort: EntrySort, descending: bool,
               limit: int) -> list[int]:
    out: list[int] = []
    after = None
    while True:
        rows = entry_page(books, filt, sort, descending, after_key=after, limit=limit)
        out.extend(r.id for r in rows)
        if len(rows) < limit:
            return out
        after = rows[-1].key


@pytest.mark.parametrize("sort", list(EntrySort))
@pytest.mark.parametrize("descending", [False, True])
def test_each_sort_both_ways_and_paged_by_key(
    books: Books, ids, sort: EntrySort, descending: bool
) -> None:
    rows = entry_page(books, EntryFilter(), sort, descending, limit=100)
    expected = _python_order(rows, sort)
    if descending:
        expected.reverse()
    assert [r.id for r in rows] == expected
    assert _all_pages(books, EntryFilter(), sort, descending, limit=2) == expected


def test_status_sort_puts_drafts_first_then_by_date(books: Books, ids) -> None:
    rows = entry_page(books, EntryFilter(), EntrySort.STATUS, limit=100)
    assert rows[0].id == ids["Brouillon loyer"]
    assert rows[-1].id == ids["Achat"]


def test_keyset_pages_return_every_entry_exactly_once(books: Books) -> None:
    """Sixty entries on a few days (many ties on date, label and amount), in pages of 7."""
    entries = []
    for n in range(60):
        amount = Decimal(100 + n % 4)
        entries.append(Entry("OD", date(2025, 5, 1) + timedelta(days=n % 3), f"Op {n % 5}", (
            Line("626", debit=amount), Line("512", credit=amount)), reference=f"R{n % 2}"))
    posted = {books.post(entry).id for entry in sorted(entries, key=lambda e: e.date)}
    for draft in entries[:6]:
        posted.add(books.save_draft(draft).id)
    narrow = EntryFilter(first=date(2025, 5, 2), text="op")
    narrow_ids = {r.id for r in entry_page(books, narrow, limit=1000)}
    assert len(narrow_ids) == count_entries(books, narrow) == 44
    for sort in EntrySort:
        for descending in (False, True):
            paged = _all_pages(books, EntryFilter(), sort, descending, limit=7)
            assert len(paged) == len(set(paged)) == 66 and set(paged) == posted
            in_range = _all_pages(books, narrow, sort, descending, limit=7)
            assert len(in_range) == len(set(in_range)) and set(in_range) == narrow_ids


def test_offset_pages_match_the_full_list(books: Books, ids) -> None:
    whole = entry_page(books, EntryFilter(), EntrySort.LABEL, True, limit=100)
    assert entry_page(books, EntryFilter(), EntrySort.LABEL, True, offset=2, limit=2) == whole[2:4]


def test_date_sort_walks_the_entry_date_index_both_ways(books: Books) -> None:
    for descending in (False, True):
        plan = " | ".join(query_plan(books, EntryFilter(), EntrySort.DATE, descending))
        assert "USING INDEX entry_date" in plan
        assert "TEMP B-TREE" not in plan
        filtered = " | ".join(query_plan(
            books, EntryFilter(first=date(2025, 1, 1), text="x"), EntrySort.DATE, descending))
        assert "USING INDEX entry_date" in filtered and "TEMP B-TREE" not in filtered


ACCENTED = """
    2025-04-01 BQ "RÈGLEMENT"
      512  100.00
      411  -100.00 CLIENT1
    2025-04-02 BQ "Règlement Société Générale"
      512  50.00
      411  -50.00 CLIENT1
    2025-04-03 OD "دفع فاتورة الكهرباء"
      626  30.00
      512  -30.00
    2025-04-04 OD "ÉTAT — IBS"
      444  20.00
      512  -20.00
"""


def test_search_ignores_accents_and_non_ascii_case(books: Books) -> None:
    post_text(books, ACCENTED)
    found = {"RÈGLEMENT", "Règlement Société Générale"}
    for typed in ("reglement", "RÈGLEMENT", "Règlement", "REGLEMENT", "règl"):
        assert labels(books, EntryFilter(text=typed)) == found
        assert count_entries(books, EntryFilter(text=typed)) == 2
    assert labels(books, EntryFilter(text="societe generale")) == {"Règlement Société Générale"}
    assert labels(books, EntryFilter(text="état")) == {"ÉTAT — IBS"}
    assert labels(books, EntryFilter(text="فاتورة")) == {"دفع فاتورة الكهرباء"}
    assert labels(books, EntryFilter(text="الكهرباء")) == {"دفع فاتورة الكهرباء"}


def test_the_sql_fold_is_the_python_fold(books: Books) -> None:
    texts = ["RÈGLEMENT", "Straße", "مُحَمَّد أحمد", "ﻻ", "plain ascii", "ÇA"]
    with books.read() as cur:
        folded = [cur.execute("SELECT fold(?)", (t,)).fetchone()[0] for t in texts]
        assert cur.execute("SELECT fold(NULL)").fetchone()[0] is None
    assert folded == [fold(t) for t in texts]
