"""Ledger invariants as properties over real encrypted company files.

Each example gets a fresh copy of the SCF template (``make_books`` with a unique name), opens the
2026 fiscal year, posts a random set of balanced entries between 2025-01-01 and 2026-12-31, and
checks what must hold whatever was posted: debits equal credits, the trial balance equals an
independent recomputation and the general ledger, a reversal nets its accounts to zero, and
numbering in every journal and fiscal year runs 1..n.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.ledger.model import Entry, EntryStatus, Line, ThirdParty, ThirdPartyKind
from app.ledger.money import currency, from_minor
from app.ledger.problems import Code
from app.ledger.rules import PostingRefused
from app.reports.balances import trial_balance
from app.reports.ledger import general_ledger
from app.store.books import Books
from app.store.reference import load_chart
from app.store.verify import verify

FIRST, LAST = date(2025, 1, 1), date(2026, 12, 31)
YEAR_2026 = date(2026, 1, 1)
JOURNALS = ("VT", "AC", "BQ", "CA", "OD")
OPENING = "AN"
"""The journal of à-nouveaux: its entries open a year, dated on its first day (``openings``)."""
PARTIES = ("T1", "T2")

_CHART = load_chart("scf")
PLAIN_ACCOUNTS = sorted(a.number for a in _CHART if a.postable and not a.needs_third_party)
PARTY_ACCOUNTS = sorted(a.number for a in _CHART if a.postable and a.needs_third_party)
DZD = currency("DZD")
# a few accounts that every example is likely to hit twice, so balances accumulate
COMMON = ("120", "129", "411", "401", "512", "53", "600", "700", "4457")

_names = itertools.count()

PROPERTY_SETTINGS = settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    max_examples=25,
    deadline=None,
)


def fresh(make_books: Callable[..., Books]) -> Books:
    """A new company file for one example, with fiscal year 2026 open and two third parties."""
    books = make_books(name=f"p{next(_names)}")
    books.open_next_fiscal_year()
    for code in PARTIES:
        books.add_third_party(ThirdParty(code, f"Tiers {code}", ThirdPartyKind.OTHER))
    return books


def cents(units: int) -> Decimal:
    return from_minor(units, DZD)


accounts = st.one_of(st.sampled_from(COMMON), st.sampled_from(PLAIN_ACCOUNTS),
                     st.sampled_from(PARTY_ACCOUNTS))
balance_sheet_accounts = accounts.filter(lambda number: number[0] not in "67")
days = st.dates(FIRST, LAST)


@st.composite
def entries(draw: st.DrawFn, day: st.SearchStrategy[date] = days,
            journal: st.SearchStrategy[str] | None = None,
            account: st.SearchStrategy[str] = accounts) -> Entry:
    """A balanced entry of 2 to 6 lines on random postable SCF accounts."""
    amount = st.one_of(st.integers(1, 10_000), st.integers(1, 10**11))
    debits = draw(st.lists(amount, min_size=1, max_size=3))
    total = sum(debits)
    parts = draw(st.integers(1, min(3, total)))
    cuts = sorted(draw(st.lists(st.integers(1, total - 1), min_size=parts - 1,
                                max_size=parts - 1, unique=True))) if parts > 1 else []
    credits = [b - a for a, b in itertools.pairwise([0, *cuts, total])]
    sides = [(d, 0) for d in debits] + [(0, c) for c in credits]
    lines = []
    for debit, credit in draw(st.permutations(sides)):
        number = draw(account)
        party = draw(st.sampled_from(PARTIES)) if number in PARTY_ACCOUNTS else None
        lines.append(Line(number, debit=cents(debit), credit=cents(credit), third_party=party,
                          label=draw(st.sampled_from(["", "ligne"]))))
    return Entry(
        journal=draw(journal if journal is not None else st.sampled_from(JOURNALS)),
        date=draw(day),
        label=draw(st.text(min_size=1, max_size=12).filter(str.strip)),
        lines=tuple(lines),
        reference=draw(st.sampled_from(["", "F1", "CHQ 00042"])),
    )


opening_entries = entries(st.sampled_from([FIRST, YEAR_2026]), st.just(OPENING),
                          balance_sheet_accounts)
"""À-nouveaux: a take-on on the books' first day, or the opening of 2026."""


def month_edge(day: date, last: bool) -> date:
    if not last:
        return day.replace(day=1)
    following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return following - timedelta(days=1)


@st.composite
def ranges(draw: st.DrawFn) -> tuple[date, date]:
    """Ranges whose ends often fall on a month's first or last day, where reports switch
    between month and day balances."""
    start = draw(days)
    if draw(st.booleans()):
        start = month_edge(start, last=draw(st.booleans()))
    end = draw(st.dates(start, date(start.year, 12, 31)))  # reports cover one fiscal year
    if draw(st.booleans()):
        end = max(start, month_edge(end, last=draw(st.booleans())))
    return start, end


# --- an independent model of what the books hold ---------------------------------------------


@dataclass(frozen=True, slots=True)
class Posting:
    account: str
    day: date
    debit: int
    credit: int
    opening: bool = False
    """À-nouveaux: a line of the opening journal on a year's first day."""


def postings(entry: Entry) -> list[Posting]:
    opening = entry.journal == OPENING
    return [Posting(ln.account, entry.date, int(ln.debit * 100), int(ln.credit * 100), opening)
            for ln in entry.lines]


def year_start(day: date) -> date:
    return date(day.year, 1, 1)


def expected_trial_balance(lines: list[Posting], start: date, end: date) -> dict[str, tuple]:
    """Opening, movements and closing per account, as the reports promise to compute them:
    classes 6 and 7 start each fiscal year at zero, their earlier net carried to 120 or 129;
    à-nouveaux replace everything before them, and on the range's first day they are its
    opening balance, not its movements."""
    ys = year_start(start)
    since = max((p.day for p in lines if p.opening and p.day <= start), default=date.min)
    opening: defaultdict[str, int] = defaultdict(int)
    moves: defaultdict[str, list[int]] = defaultdict(lambda: [0, 0])
    carried = 0
    for p in lines:
        if p.day < since:
            continue
        income_or_expense = p.account[0] in "67"
        opens = p.opening and p.day == start
        if (p.day < start or opens) and (not income_or_expense or p.day >= ys):
            opening[p.account] += p.debit - p.credit
        if income_or_expense and p.day < ys:
            carried += p.debit - p.credit
        if start <= p.day <= end and not opens:
            moves[p.account][0] += p.debit
            moves[p.account][1] += p.credit
    if carried:
        opening["120" if carried < 0 else "129"] += carried
    rows = {}
    for account in set(opening) | set(moves):
        net, (debit, credit) = opening[account], moves[account]
        if not (net or debit or credit):
            continue
        close = net + debit - credit
        rows[account] = tuple(cents(x) for x in (
            max(net, 0), max(-net, 0), debit, credit, max(close, 0), max(-close, 0)))
    return rows


def tb_rows(books: Books, start: date, end: date) -> dict[str, tuple]:
    tb = trial_balance(books, start, end)
    return {r.account: (r.opening_debit, r.opening_credit, r.debit, r.credit, r.closing_debit,
                        r.closing_credit) for r in tb.rows}


def posted_sums(books: Books) -> tuple[int, int, int]:
    with books.read() as cur:
        return cur.execute(
            "SELECT count(*), coalesce(sum(l.debit), 0), coalesce(sum(l.credit), 0) FROM line l "
            "JOIN entry e ON e.id = l.entry_id WHERE e.status = 'posted'"
        ).fetchone()


def numbers_by_journal_and_year(books: Books) -> dict[tuple[str, str], list[int]]:
    """Posted numbers per (journal, fiscal year start), in posting (seq) order."""
    found: defaultdict[tuple[str, str], list[int]] = defaultdict(list)
    with books.read() as cur:
        for code, start, number in cur.execute(
            "SELECT j.code, f.start, e.number FROM entry e JOIN journal j ON j.id = e.journal_id "
            "JOIN fiscal_year f ON f.id = e.fiscal_year_id WHERE e.status = 'posted' "
            "ORDER BY e.seq"
        ):
            found[(code, start)].append(number)
    return dict(found)


# --- properties -------------------------------------------------------------------------------


@PROPERTY_SETTINGS
@given(batch=st.lists(st.tuples(entries(), st.booleans()), min_size=1, max_size=8),
       opened=st.lists(opening_entries, max_size=2), data=st.data())
def test_trial_balance_equals_opening_plus_ledger_lines(make_books, batch, opened, data) -> None:
    books = fresh(make_books)
    try:
        posted: list[Posting] = []
        # journals are numbered in date order, so a batch is posted the way an accountant would
        batch = [*batch, *((entry, False) for entry in opened)]
        for entry, draft_only in sorted(batch, key=lambda pair: pair[0].date):
            if draft_only:  # drafts must never reach a total, a balance or a report
                books.save_draft(entry)
            else:
                books.post(entry)
                posted.extend(postings(entry))

        count, debit, credit = posted_sums(books)
        assert count == len(posted)
        assert debit == credit == sum(p.debit for p in posted) == sum(p.credit for p in posted)

        checked = [(FIRST, date(2025, 12, 31)), (YEAR_2026, LAST),
                   *data.draw(st.lists(ranges(), min_size=2, max_size=3), label="ranges")]
        for start, end in checked:
            rows = tb_rows(books, start, end)
            assert rows == expected_trial_balance(posted, start, end), (start, end)
            columns = list(zip(*rows.values(), strict=True)) or [()] * 6
            od, oc, d, c, cd, cc = (sum(col, Decimal(0)) for col in columns)
            assert od == oc, (start, end)
            assert d == c, (start, end)
            assert cd == cc, (start, end)

            sections = {s.account: (s.opening, list(s.lines))
                        for s in general_ledger(books, start, end)}
            assert sections.keys() == rows.keys()
            for account, (o_d, o_c, m_d, m_c, c_d, c_c) in rows.items():
                opening, lines = sections[account]
                assert opening == o_d - o_c, account
                assert sum((ln.debit for ln in lines), Decimal(0)) == m_d, account
                assert sum((ln.credit for ln in lines), Decimal(0)) == m_c, account
                assert all(start <= ln.date <= end for ln in lines)
                closing = lines[-1].balance if lines else opening
                assert closing == opening + m_d - m_c == c_d - c_c, account
        assert verify(books).ok
    finally:
        books.close()


@PROPERTY_SETTINGS
@given(entry=entries(), data=st.data())
def test_a_reversal_nets_every_account_of_its_entry_to_zero(
    make_books, entry, data: st.DataObject
) -> None:
    # drawn in the entry's fiscal year (a trial balance covers one) and never before what it
    # cancels: filtering random days with assume() made Hypothesis give up now and then
    reversal_day = data.draw(st.dates(entry.date, min(LAST, date(entry.date.year, 12, 31))))
    books = fresh(make_books)
    try:
        original = books.post(entry)
        undo = books.reverse(original.id, reversal_day)
        assert undo.status is EntryStatus.POSTED
        assert undo.reversal_of == original.id
        assert undo.journal == original.journal
        assert [(ln.account, ln.third_party, ln.debit, ln.credit) for ln in undo.lines] == [
            (ln.account, ln.third_party, ln.credit, ln.debit) for ln in original.lines]

        first, last = sorted((entry.date, reversal_day))
        tb = trial_balance(books, first, last)
        moved = defaultdict(lambda: Decimal(0))
        for ln in original.lines:
            moved[ln.account] += ln.debit + ln.credit
        assert {r.account for r in tb.rows} == set(moved)
        for row in tb.rows:
            assert row.debit == row.credit == moved[row.account], row
            assert row.balance == 0
            assert (row.opening_debit, row.opening_credit) == (0, 0), row
            assert (row.closing_debit, row.closing_credit) == (0, 0), row
        assert verify(books).ok
    finally:
        books.close()


@st.composite
def operations(draw: st.DrawFn) -> list[tuple]:
    """Posts, drafts (some deleted, some posted later) and reversals of earlier posts."""
    ops: list[tuple] = []
    for _ in range(draw(st.integers(1, 12))):
        kind = draw(st.sampled_from(["post", "post", "draft", "reverse"]))
        if kind == "reverse":
            ops.append(("reverse", draw(st.integers(0, 10**6)), draw(days)))
        elif kind == "draft":
            fate = draw(st.sampled_from(["keep", "delete", "post"]))
            ops.append(("draft", draw(entries()), fate))
        else:
            ops.append(("post", draw(entries())))
    return ops


@PROPERTY_SETTINGS
@given(ops=operations())
def test_numbering_runs_one_to_n_in_every_journal_and_year(make_books, ops) -> None:
    books = fresh(make_books)
    try:
        expected: defaultdict[tuple[str, str], int] = defaultdict(int)
        latest: dict[tuple[str, str], date] = {}
        reversible: list[Entry] = []
        drafts: list[tuple[Entry, str]] = []
        kept = 0

        def post(entry: Entry, action: Callable[[], Entry]) -> bool:
            """Post, expecting a refusal exactly when the journal already went past the date."""
            key = (entry.journal, year_start(entry.date).isoformat())
            if entry.date < latest.get(key, FIRST):
                with pytest.raises(PostingRefused) as refused:
                    action()
                assert [p.code for p in refused.value.problems] == [Code.OUT_OF_ORDER]
                return False
            done = action()
            assert done.status is EntryStatus.POSTED
            expected[key] += 1
            latest[key] = done.date
            assert done.number == expected[key], key
            reversible.append(done)
            return True

        for op in ops:
            if op[0] == "post":
                post(op[1], lambda entry=op[1]: books.post(entry))
            elif op[0] == "draft":
                drafts.append((books.save_draft(op[1]), op[2]))
            elif reversible:
                original = reversible.pop(op[1] % len(reversible))
                undo = replace(original, date=max(op[2], original.date))
                if not post(undo, lambda o=original, d=undo.date: books.reverse(o.id, d)):
                    reversible.append(original)
        for draft, fate in drafts:
            if fate == "delete":
                books.delete_draft(draft.id)
            elif fate == "keep" or not post(draft, lambda d=draft: books.post(d.id)):
                kept += 1

        found = numbers_by_journal_and_year(books)
        assert found == {key: list(range(1, n + 1)) for key, n in expected.items()}
        with books.read() as cur:
            left = cur.execute(
                "SELECT count(*) FROM entry WHERE status = 'draft' AND number IS NULL"
            ).fetchone()[0]
        assert left == kept
        report = verify(books)
        assert report.ok, report.problems
        assert report.entries == sum(expected.values())
    finally:
        books.close()
