"""Drafts, posting and reversal of single entries, inside the caller's write transaction.

The rules are checked twice: by ``app.ledger.rules`` here, which explains every problem at once in
words an accountant reads, and by the triggers of the schema, which hold whatever the code does.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from sqlcipher3.dbapi2 import Cursor

from app.ledger.model import Entry as LedgerEntry
from app.ledger.model import (
    EntryId,
    EntryStatus,
    FiscalYear,
    Line,
    Problem,
    ThirdPartyKind,
)
from app.ledger.money import Currency, MoneyError, from_minor, to_minor
from app.ledger.problems import Code
from app.ledger.rules import (
    PostingContext,
    PostingRefused,
    check_date,
    check_entry,
    fiscal_year_for,
    reversal,
)
from app.store.database import StoreError
from app.store.openings import opening_journal_code
from app.store.posting import Poster, canonical_line, utc_now
from app.store.reference import (
    ACCOUNT_COLUMNS,
    JOURNAL_COLUMNS,
    account_from_row,
    journal_from_row,
)
from app.store.tax import load_tax_codes, tax_code_ids
from app.store.years import load_fiscal_years

_ENTRY_COLUMNS = (
    "e.id, j.code, e.date, e.label, e.reference, e.status, e.number, e.reversal_of, "
    "e.posted_at, e.hash, e.fiscal_year_id, e.journal_id, e.seq"
)


def load_entry(cur: Cursor, entry_id: EntryId, cur_currency: Currency) -> LedgerEntry:
    """An entry with its lines, amounts as Decimal."""
    row = cur.execute(
        f"SELECT {_ENTRY_COLUMNS} FROM entry e JOIN journal j ON j.id = e.journal_id "
        "WHERE e.id = ?",
        (entry_id,),
    ).fetchone()
    if row is None:
        raise StoreError(f"entry {entry_id} does not exist")
    lines = tuple(
        Line(
            account=r[0], third_party=r[1], label=r[2],
            debit=from_minor(r[3], cur_currency), credit=from_minor(r[4], cur_currency),
            due_date=date.fromisoformat(r[5]) if r[5] else None, tax=r[6],
        )
        for r in cur.execute(
            "SELECT a.number, t.code, l.label, l.debit, l.credit, l.due_date, x.code FROM line l "
            "LEFT JOIN tax_code x ON x.id = l.tax_code_id "
            "JOIN account a ON a.id = l.account_id "
            "LEFT JOIN third_party t ON t.id = l.third_party_id "
            "WHERE l.entry_id = ? ORDER BY l.position",
            (entry_id,),
        )
    )
    return LedgerEntry(
        id=EntryId(row[0]), journal=row[1], date=date.fromisoformat(row[2]), label=row[3],
        reference=row[4], status=EntryStatus(row[5]), number=row[6], reversal_of=row[7],
        posted_at=row[8], hash=row[9], lines=lines,
    )


def _lookup(cur: Cursor, table: str, key: str, values: set[str]) -> dict[str, int]:
    if not values:
        return {}
    marks = ",".join("?" * len(values))
    rows = cur.execute(f"SELECT {key}, id FROM {table} WHERE {key} IN ({marks})", tuple(values))
    return dict(rows.fetchall())


def posting_context(cur: Cursor, entry: LedgerEntry) -> PostingContext:
    numbers = tuple({line.account for line in entry.lines})
    marks = ",".join("?" * len(numbers))
    accounts = {
        r[1]: account_from_row(r)
        for r in cur.execute(
            f"SELECT {ACCOUNT_COLUMNS} FROM account WHERE number IN ({marks})", numbers
        )
    } if numbers else {}
    journals = {
        r[1]: journal_from_row(r)
        for r in cur.execute(
            f"SELECT {JOURNAL_COLUMNS} FROM journal WHERE code = ?", (entry.journal,)
        )
    }
    codes = {line.third_party for line in entry.lines if line.third_party}
    parties = {code: (ThirdPartyKind(kind), active) for code, kind, active in cur.execute(
        f"SELECT code, kind, active FROM third_party WHERE code IN ({','.join('?' * len(codes))})",
        tuple(codes))} if codes else {}
    lock = cur.execute("SELECT value FROM setting WHERE key = 'lock_date'").fetchone()
    years = load_fiscal_years(cur)
    return PostingContext(
        accounts=accounts,
        journals=journals,
        third_parties={code: kind for code, (kind, _active) in parties.items()},
        inactive_third_parties={code for code, (_kind, active) in parties.items() if not active},
        fiscal_years=years,
        lock_date=date.fromisoformat(lock[0]) if lock else None,
        last_posted=_last_posted(cur, entry, years),
        opening_journal=opening_journal_code(cur),
        tax_codes=load_tax_codes(cur) if any(line.tax for line in entry.lines) else {},
    )


def _last_posted(
    cur: Cursor, entry: LedgerEntry, years: Sequence[FiscalYear]
) -> dict[tuple[str, date], tuple[date, int]]:
    """The date and number of the last posted entry of ``entry``'s journal in its year."""
    year = fiscal_year_for(entry.date, years)
    if year is None:
        return {}
    row = cur.execute(
        "SELECT e.date, e.number FROM entry e JOIN journal j ON j.id = e.journal_id "
        "WHERE j.code = ? AND e.fiscal_year_id = ? AND e.number IS NOT NULL "
        "ORDER BY e.number DESC LIMIT 1",
        (entry.journal, year.id),
    ).fetchone()
    return {(entry.journal, year.start): (date.fromisoformat(row[0]), row[1])} if row else {}


TERMS_SIDE = ("CASE WHEN kind = 'customer' THEN 'debit' WHEN kind = 'supplier' THEN 'credit' "
              "WHEN needs_third_party THEN 'any' END")
"""SQL: which lines of an account fall due after their party's payment terms: the invoices,
debits on a customer account and credits on a supplier's (a payment or a credit note is not
due later); either side on the other accounts kept per third party; none elsewhere."""


def _accounts(cur: Cursor, numbers: set[str]) -> tuple[dict[str, int], dict[str, str]]:
    """Account ids by number, and the side (``TERMS_SIDE``) of those whose lines take terms."""
    if not numbers:
        return {}, {}
    rows = cur.execute(
        f"SELECT number, id, {TERMS_SIDE} FROM account "
        f"WHERE number IN ({','.join('?' * len(numbers))})", tuple(numbers)).fetchall()
    return ({number: aid for number, aid, _ in rows},
            {number: side for number, _, side in rows if side})


def _parties(cur: Cursor, codes: set[str]) -> tuple[dict[str, int], dict[str, int]]:
    """Third-party ids by code, and the payment terms (days) of those that have some."""
    if not codes:
        return {}, {}
    rows = cur.execute(
        f"SELECT code, id, payment_days FROM third_party "
        f"WHERE code IN ({','.join('?' * len(codes))})", tuple(codes)).fetchall()
    return ({code: pid for code, pid, _ in rows},
            {code: days for code, _, days in rows if days is not None})


def _takes_terms(line: Line, side: str | None) -> bool:
    return side == "any" or (side == "debit" and line.debit > 0) or (
        side == "credit" and line.credit > 0)


def _due_dates(cur: Cursor, entry: LedgerEntry, sides: dict[str, str], terms: dict[str, int]
               ) -> list[date | None]:
    """Each line's due date: its own, else its date plus its party's payment terms where its
    account and side take them (``TERMS_SIDE``). À-nouveaux take none: a balance brought
    forward is no new invoice."""
    due: list[date | None] = [line.due_date for line in entry.lines]
    if not terms or entry.journal == opening_journal_code(cur):
        return due
    return [entry.date + timedelta(days=terms[line.third_party])
            if day is None and line.third_party in terms
            and _takes_terms(line, sides.get(line.account)) else day
            for day, line in zip(due, entry.lines, strict=True)]


def save_draft(cur: Cursor, entry: LedgerEntry, cur_currency: Currency) -> EntryId:
    """Insert ``entry`` as a draft, or replace the draft with its id; returns the draft's id.

    A draft may be unbalanced or unlabelled, but its journal, accounts and third parties must
    exist and its date must lie in an open fiscal year after the lock date: a draft is work
    still to post, and a closed year or locked period takes no more work. An invoice line on a
    customer or supplier account without a due date takes its party's terms (``_due_dates``).
    """
    problems: list[Problem] = []
    journal_id = _lookup(cur, "journal", "code", {entry.journal}).get(entry.journal)
    if journal_id is None:
        problems.append(Problem(Code.JOURNAL_MISSING, {"journal": entry.journal},
                                field="journal"))
    years = load_fiscal_years(cur)
    year = fiscal_year_for(entry.date, years)
    lock = cur.execute("SELECT value FROM setting WHERE key = 'lock_date'").fetchone()
    problems.extend(check_date(entry.date, PostingContext(
        accounts={}, journals={}, third_parties={}, fiscal_years=years,
        lock_date=date.fromisoformat(lock[0]) if lock else None)))
    account_ids, sides = _accounts(cur, {line.account for line in entry.lines})
    party_ids, terms = _parties(
        cur, {line.third_party for line in entry.lines if line.third_party})
    due_dates = _due_dates(cur, entry, sides, terms)
    tax_ids = tax_code_ids(cur, {line.tax for line in entry.lines if line.tax})
    rows = []
    for n, (line, due) in enumerate(zip(entry.lines, due_dates, strict=True), start=1):
        if line.account not in account_ids:
            code = Code.ACCOUNT_MISSING if line.account.strip() else Code.ACCOUNT_BLANK
            problems.append(Problem(code, {"account": line.account}, n, "account"))
        if line.third_party and line.third_party not in party_ids:
            problems.append(Problem(Code.PARTY_MISSING, {"party": line.third_party}, n,
                                    "third_party"))
        if line.tax and line.tax not in tax_ids:
            problems.append(Problem(Code.TAX_CODE_MISSING, {"tax": line.tax}, n, "tax"))
        try:
            debit, credit = to_minor(line.debit, cur_currency), to_minor(line.credit, cur_currency)
        except MoneyError:
            amount = line.debit or line.credit
            problems.append(Problem(Code.BAD_AMOUNT, {"amount": str(amount),
                                                      "currency": cur_currency.code}, n, "amount"))
            continue
        if debit < 0 or credit < 0:
            problems.append(Problem(Code.NEGATIVE_AMOUNT, {}, n, "amount"))
        elif debit and credit:
            problems.append(Problem(Code.DEBIT_AND_CREDIT, {}, n, "amount"))
        elif not debit and not credit:
            problems.append(Problem(Code.NO_AMOUNT, {}, n, "amount"))
        rows.append((n, account_ids.get(line.account), party_ids.get(line.third_party or ""),
                     entry.date.isoformat(), line.label, debit, credit,
                     due.isoformat() if due else None,
                     tax_ids[line.tax][0] if line.tax in tax_ids else None))
    if problems or year is None or journal_id is None:
        raise PostingRefused(problems, entry)
    values = (journal_id, year.id, entry.date.isoformat(), entry.label, entry.reference,
              entry.reversal_of)
    if entry.id is None:
        cur.execute(
            "INSERT INTO entry (journal_id, fiscal_year_id, date, label, reference, reversal_of,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (*values, utc_now()),
        )
        entry_id = EntryId(cur.lastrowid)
    else:
        entry_id = entry.id
        cur.execute(
            "UPDATE entry SET journal_id = ?, fiscal_year_id = ?, date = ?, label = ?,"
            " reference = ?, reversal_of = ? WHERE id = ? AND status = 'draft'",
            (*values, entry_id),
        )
        if cur.rowcount != 1:
            raise StoreError(f"entry {entry_id} is not a draft; posted entries cannot change")
        cur.execute("DELETE FROM line WHERE entry_id = ?", (entry_id,))
    cur.executemany(
        "INSERT INTO line (entry_id, position, account_id, third_party_id, date, label, debit,"
        " credit, due_date, tax_code_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(entry_id, *row) for row in rows],
    )
    return entry_id


def delete_draft(cur: Cursor, entry_id: EntryId) -> None:
    cur.execute("DELETE FROM entry WHERE id = ? AND status = 'draft'", (entry_id,))
    if cur.rowcount != 1:
        raise StoreError(f"entry {entry_id} is not a draft; posted entries cannot be deleted")


def post_drafts(cur: Cursor, entry_ids: Sequence[EntryId], cur_currency: Currency) -> None:
    """Post drafts in date order, or raise ``PostingRefused`` before writing anything.

    Date order (then the order the drafts were made) because numbers follow dates within a
    journal and year (``rules.check_order``): a batch of late invoices posts whole in any order
    it is given, as long as none is dated before what the journal already holds.
    """
    poster = Poster(cur)
    marks = ",".join("?" * len(entry_ids))
    known = [row[0] for row in cur.execute(
        f"SELECT id FROM entry WHERE id IN ({marks}) ORDER BY date, id", tuple(entry_ids))]
    missing = set(entry_ids) - set(known)
    if missing:
        raise StoreError(f"entry {min(missing)} does not exist")
    for entry_id in known:
        entry = load_entry(cur, entry_id, cur_currency)
        problems = check_entry(entry, posting_context(cur, entry))
        if problems:
            raise PostingRefused(problems, entry)
        row = cur.execute(
            "SELECT journal_id, fiscal_year_id FROM entry WHERE id = ?", (entry_id,)
        ).fetchone()
        lines = cur.execute(
            "SELECT l.account_id, a.number, coalesce(t.code, ''), l.label, l.debit, l.credit, "
            "coalesce(l.due_date, ''), x.code FROM line l JOIN account a ON a.id = l.account_id "
            "LEFT JOIN third_party t ON t.id = l.third_party_id "
            "LEFT JOIN tax_code x ON x.id = l.tax_code_id "
            "WHERE l.entry_id = ? ORDER BY l.position",
            (entry_id,),
        ).fetchall()
        poster.post(
            entry_id=entry_id, journal_id=row[0], journal_code=entry.journal,
            fiscal_year_id=row[1], date=entry.date.isoformat(), label=entry.label,
            reference=entry.reference, reversal_of=entry.reversal_of,
            lines=[canonical_line(r[1:7], r[7]) for r in lines],
            account_ids=[r[0] for r in lines],
        )
    poster.flush()


def reverse(
    cur: Cursor, entry_id: EntryId, day: date, label: str | None, cur_currency: Currency
) -> EntryId:
    """Post the reversal of posted entry ``entry_id``; an entry is reversed at most once."""
    original = load_entry(cur, entry_id, cur_currency)
    if original.status is not EntryStatus.POSTED:
        raise StoreError(f"entry {entry_id} is a draft; edit or delete it instead of reversing")
    already = cur.execute(
        "SELECT id FROM entry WHERE reversal_of = ? AND status = 'posted'", (entry_id,)
    ).fetchone()
    if already:
        raise StoreError(f"entry {entry_id} was already reversed by entry {already[0]}")
    cancelling = reversal(original, day, label)
    draft_id = save_draft(cur, cancelling, cur_currency)
    post_drafts(cur, [draft_id], cur_currency)
    return draft_id
