"""The drill-down's lines: keyset pages whose keys carry the running balance on."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from app.ledger.model import Entry, Line
from app.reports.account_lines import (
    LinesQuery,
    read_lines,
    read_opening,
    read_page,
    read_start,
)
from app.store.books import Books

D = Decimal
YEAR = (date(2025, 1, 1), date(2025, 12, 31))


def fill(books: Books, count: int = 25) -> list[Decimal]:
    """A deposit in January, then ``count`` bank lines from February; their amounts."""
    amounts = [D(n * 7 % 50 + 1) for n in range(count)]
    entries = [Entry("BQ", date(2025, 1, 10), "Apport", (
        Line("512", debit=D(1000)), Line("101", credit=D(1000))))]
    for n, amount in enumerate(amounts):
        day = date(2025, 2, 1) + timedelta(days=n // 3)
        if n % 2:
            lines = (Line("512", debit=amount), Line("706", credit=amount))
        else:
            lines = (Line("627", debit=amount), Line("512", credit=amount))
        entries.append(Entry("BQ", day, f"Op {n}", lines))
    books.post_many(entries)
    return [a if n % 2 else -a for n, a in enumerate(amounts)]


def test_pages_carry_the_balance_on_and_a_middle_page_reads_again_the_same(books: Books) -> None:
    signed = fill(books)
    account, opening = read_opening(books, "512", date(2025, 2, 1), YEAR[1])
    assert opening == D(1000)
    assert account.id is not None
    query = LinesQuery(account.id, date(2025, 2, 1), YEAR[1], opening)

    whole = read_lines(books, query, None, 100)
    assert len(whole) == len(signed)
    expected, balance = [], opening
    for amount in signed:
        balance += amount
        expected.append(balance)
    assert [line.balance for line in whole] == expected

    paged, after = [], None
    while True:
        page = read_lines(books, query, after, 4)
        paged.extend(page)
        if len(page) < 4:
            break
        after = page[-1].key
    assert paged == whole

    # a page read again from a key in the middle: the same lines, the same balances
    again = read_lines(books, query, whole[9].key, 4)
    assert again == whole[10:14]
    assert [line.balance for line in again] == expected[10:14]


def test_read_page_and_read_start_still_page_with_row_tuples(books: Books) -> None:
    fill(books, 5)
    account, opening, first = read_start(books, "512", date(2025, 2, 1), YEAR[1])
    assert account.id is not None and opening == D(1000)
    query = LinesQuery(account.id, date(2025, 2, 1), YEAR[1], opening)
    lines = read_lines(books, query, None)
    assert first.rows == [line.cells for line in lines] and first.complete
    head = read_page(books, account.id, date(2025, 2, 1), YEAR[1], None, opening, limit=2)
    tail = read_page(books, account.id, date(2025, 2, 1), YEAR[1], head.after, head.balance)
    assert not head.complete and tail.complete
    assert head.rows + tail.rows == first.rows
    assert tail.balance == lines[-1].balance
