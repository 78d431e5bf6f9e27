"""Re-check a company file from its bytes up: what an auditor (or a worried accountant) runs.

``verify`` walks the hash chain recomputing every hash and names the first entry that does not
match; checks that numbering is continuous in every journal and fiscal year, that every posted
entry and every journal per month balances, that the maintained balances equal the lines, and runs
SQLite's own integrity and foreign-key checks. It reads only, in one snapshot.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import groupby

from sqlcipher3.dbapi2 import Cursor

from app.ledger.chain import GENESIS, canonical_bytes, chain_hash
from app.store.books import Books
from app.store.posting import canonical_line


@dataclass(slots=True)
class Report:
    entries: int = 0
    lines: int = 0
    problems: list[str] = field(default_factory=list)
    head: str = GENESIS
    """Hash of the last posted entry. Nothing inside the file can show that the newest entries
    were cut off; a head noted elsewhere (a report, a backup) and compared later can."""

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(books: Books) -> Report:
    report = Report()
    with books.read() as cur:
        _integrity(cur, report)
        _chain(cur, report)
        _numbering(cur, report)
        _balanced(cur, report)
        _maintained_balances(cur, report)
    return report


def _integrity(cur: Cursor, report: Report) -> None:
    result = [row[0] for row in cur.execute("PRAGMA integrity_check")]
    if result != ["ok"]:
        report.problems.extend(f"SQLite integrity: {r}" for r in result[:10])
    for table, rowid, parent, _ in cur.execute("PRAGMA foreign_key_check").fetchmany(10):
        report.problems.append(f"row {rowid} of {table} refers to a missing {parent}")


def _posted_lines(cur: Cursor) -> Iterator[tuple]:
    cur.execute(
        "SELECT e.seq, e.id, j.code, e.number, e.date, e.label, e.reference, e.reversal_of, "
        "e.posted_at, e.prev_hash, e.hash, a.number, coalesce(t.code, ''), l.label, l.debit, "
        "l.credit, coalesce(l.due_date, ''), l.date, x.code "
        "FROM entry e JOIN journal j ON j.id = e.journal_id JOIN line l ON l.entry_id = e.id "
        "JOIN account a ON a.id = l.account_id LEFT JOIN third_party t ON t.id = l.third_party_id "
        "LEFT JOIN tax_code x ON x.id = l.tax_code_id "
        "WHERE e.status = 'posted' ORDER BY e.seq, l.position"
    )
    while rows := cur.fetchmany(5000):
        yield from rows


def _chain(cur: Cursor, report: Report) -> None:
    head = GENESIS
    expected_seq = 1
    for seq, rows in groupby(_posted_lines(cur), key=lambda r: r[0]):
        rows = list(rows)
        first = rows[0]
        name = f"entry {first[2]}-{first[3]} of {first[4]} (id {first[1]}, position {seq})"
        report.entries += 1
        report.lines += len(rows)
        if seq != expected_seq:
            report.problems.append(f"the chain skips from position {expected_seq - 1} to {seq}")
            return
        expected_seq += 1
        if any(r[17] != first[4] for r in rows):
            report.problems.append(f"{name}: a line is not dated like its entry")
        canonical = canonical_bytes(
            seq=seq, journal=first[2], number=first[3], date=first[4], label=first[5],
            reference=first[6], reversal_of=first[7], posted_at=first[8],
            lines=[canonical_line(r[11:17], r[18]) for r in rows],
        )
        digest = chain_hash(head, canonical)
        if first[9] != head or first[10] != digest:
            report.problems.append(
                f"the hash chain breaks at {name}: its content or its place in the chain was "
                "altered after posting"
            )
            return
        head = digest
        report.head = head


def _numbering(cur: Cursor, report: Report) -> None:
    rows = cur.execute(
        "SELECT j.code, f.start, count(*), min(e.number), max(e.number) FROM entry e "
        "JOIN journal j ON j.id = e.journal_id JOIN fiscal_year f ON f.id = e.fiscal_year_id "
        "WHERE e.status = 'posted' GROUP BY e.journal_id, e.fiscal_year_id"
    )
    for journal, start, count, low, high in rows:
        if low != 1 or high != count:
            report.problems.append(
                f"journal {journal}, fiscal year from {start}: {count} entries numbered "
                f"{low} to {high}; the numbering has gaps or duplicates"
            )


def _balanced(cur: Cursor, report: Report) -> None:
    for entry_id, debit, credit in cur.execute(
        "SELECT l.entry_id, sum(l.debit), sum(l.credit) FROM line l "
        "JOIN entry e ON e.id = l.entry_id WHERE e.status = 'posted' "
        "GROUP BY l.entry_id HAVING sum(l.debit) <> sum(l.credit) LIMIT 10"
    ):
        report.problems.append(f"entry {entry_id} does not balance: {debit} against {credit}")
    for journal, month, _debit, _credit in cur.execute(
        "SELECT j.code, substr(e.date, 1, 7), sum(l.debit), sum(l.credit) FROM line l "
        "JOIN entry e ON e.id = l.entry_id JOIN journal j ON j.id = e.journal_id "
        "WHERE e.status = 'posted' GROUP BY e.journal_id, substr(e.date, 1, 7) "
        "HAVING sum(l.debit) <> sum(l.credit) LIMIT 10"
    ):
        report.problems.append(f"journal {journal} does not balance in {month}")


def _maintained_balances(cur: Cursor, report: Report) -> None:
    mismatches = cur.execute(
        "WITH actual AS (SELECT l.account_id, l.date AS day, sum(l.debit) AS d, "
        "  sum(l.credit) AS c FROM line l JOIN entry e ON e.id = l.entry_id "
        "  WHERE e.status = 'posted' GROUP BY l.account_id, l.date) "
        "SELECT count(*) FROM (SELECT account_id, day, d, c FROM actual EXCEPT "
        "  SELECT account_id, day, debit, credit FROM balance_day WHERE debit <> 0 OR credit <> 0) "
        "UNION ALL SELECT count(*) FROM (SELECT account_id, day, debit, credit FROM balance_day "
        "  WHERE debit <> 0 OR credit <> 0 EXCEPT SELECT account_id, day, d, c FROM actual) "
        "UNION ALL SELECT count(*) FROM (SELECT account_id, substr(day, 1, 7), sum(debit), "
        "  sum(credit) FROM balance_day GROUP BY 1, 2 EXCEPT "
        "  SELECT account_id, month, debit, credit FROM balance_month)"
        "UNION ALL SELECT count(*) FROM (SELECT account_id, month, debit, credit "
        "  FROM balance_month WHERE debit <> 0 OR credit <> 0 EXCEPT "
        "  SELECT account_id, substr(day, 1, 7), sum(debit), sum(credit) FROM balance_day "
        "  GROUP BY 1, 2)"
    ).fetchall()
    if any(count for (count,) in mismatches):
        report.problems.append(
            "the maintained account balances differ from the posted lines; reports would be wrong"
        )
