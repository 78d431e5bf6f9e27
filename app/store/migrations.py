"""The company file's schema, as small numbered steps.

Each step takes a file from version N-1 to N inside the caller's transaction, so an upgrade either
completes or leaves the file as it was. Steps are frozen once released: a change to the schema is
a new step, never an edit of an old one, and each step is tested against a real file written by
the version before it (``tests/fixtures``).

Posting rules live in triggers as well as in ``app.ledger.rules``: the database refuses an
unbalanced or misdated posting, a gap in numbering, a break in the hash chain's links, and any
change to a posted entry, whatever code path tries it.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlcipher3.dbapi2 import Cursor

from app.store import tax

APPLICATION_ID = 0x44414654  # "DAFT": marks a SQLite file as a Daftar company file

_POSTING_CHECKS = """    SELECT RAISE(ABORT, 'posting refused: the entry must have two or more lines that balance, each on an active postable account, dated like the entry, with its third party where the account needs one')
    FROM (SELECT count(*) AS n, coalesce(sum(l.debit), 0) - coalesce(sum(l.credit), 0) AS diff,
                 max(a.postable = 0 OR a.active = 0 OR l.date <> NEW.date
                     OR (a.needs_third_party = 1 AND l.third_party_id IS NULL)) AS bad
          FROM line l JOIN account a ON a.id = l.account_id WHERE l.entry_id = NEW.id)
    WHERE n < 2 OR diff <> 0 OR bad;
    SELECT RAISE(ABORT, 'posting refused: the date must lie in an open fiscal year, after the lock date')
    WHERE NOT EXISTS (SELECT 1 FROM fiscal_year f
                      WHERE f.id = NEW.fiscal_year_id AND f.state = 'open'
                        AND NEW.date BETWEEN f.start AND f."end")
       OR NEW.date <= (SELECT value FROM setting WHERE key = 'lock_date');
    SELECT RAISE(ABORT, 'posting refused: the entry must take the next number of its journal and year, and extend the hash chain')
    WHERE NEW.number <> 1 + coalesce((SELECT max(number) FROM entry
                                       WHERE journal_id = NEW.journal_id
                                         AND fiscal_year_id = NEW.fiscal_year_id
                                         AND number IS NOT NULL), 0)
       OR NEW.seq <> 1 + coalesce((SELECT max(seq) FROM entry), 0)
       OR NEW.prev_hash <> coalesce((SELECT hash FROM entry WHERE seq = NEW.seq - 1),
                                    '0000000000000000000000000000000000000000000000000000000000000000');
"""
"""The posting rules as the database holds them, for posting a draft (UPDATE) and for posting
lines written just before their entry (INSERT, as the bulk import does)."""

_V1 = """
CREATE TABLE company (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL CHECK (name <> ''),
    currency TEXT NOT NULL,
    chart TEXT NOT NULL,
    nif TEXT NOT NULL DEFAULT '',
    nis TEXT NOT NULL DEFAULT '',
    rc TEXT NOT NULL DEFAULT '',
    ai TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);

CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

CREATE TABLE fiscal_year (
    id INTEGER PRIMARY KEY,
    start TEXT NOT NULL UNIQUE,
    "end" TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
    closed_at TEXT,
    CHECK ("end" >= start)
);

CREATE TABLE account (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE CHECK (number GLOB '[1-9]*' AND number NOT GLOB '*[^0-9]*'),
    parent_id INTEGER REFERENCES account(id),
    label_fr TEXT NOT NULL,
    label_en TEXT NOT NULL DEFAULT '',
    label_ar TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL DEFAULT 'general'
        CHECK (kind IN ('general', 'bank', 'cash', 'customer', 'supplier', 'tax')),
    postable INTEGER NOT NULL DEFAULT 1 CHECK (postable IN (0, 1)),
    needs_third_party INTEGER NOT NULL DEFAULT 0 CHECK (needs_third_party IN (0, 1)),
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

CREATE TABLE third_party (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE CHECK (code <> ''),
    name TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'other' CHECK (kind IN ('customer', 'supplier', 'other')),
    nif TEXT NOT NULL DEFAULT '',
    nis TEXT NOT NULL DEFAULT '',
    rc TEXT NOT NULL DEFAULT '',
    ai TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);
CREATE INDEX third_party_name ON third_party(name);

CREATE TABLE journal (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE CHECK (code <> ''),
    label TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'misc'
        CHECK (kind IN ('sales', 'purchases', 'bank', 'cash', 'misc')),
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

CREATE TABLE entry (
    id INTEGER PRIMARY KEY,
    journal_id INTEGER NOT NULL REFERENCES journal(id),
    fiscal_year_id INTEGER NOT NULL REFERENCES fiscal_year(id),
    date TEXT NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    reference TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'posted')),
    number INTEGER,
    seq INTEGER UNIQUE,
    posted_at TEXT,
    reversal_of INTEGER REFERENCES entry(id),
    prev_hash TEXT,
    hash TEXT,
    created_at TEXT NOT NULL,
    CHECK ((status = 'draft' AND number IS NULL AND seq IS NULL AND hash IS NULL)
        OR (status = 'posted' AND number > 0 AND seq > 0 AND posted_at IS NOT NULL
            AND length(hash) = 64 AND length(prev_hash) = 64))
);
CREATE UNIQUE INDEX entry_number ON entry(journal_id, fiscal_year_id, number)
    WHERE number IS NOT NULL;
CREATE INDEX entry_date ON entry(date);
CREATE UNIQUE INDEX entry_reversed_once ON entry(reversal_of)
    WHERE reversal_of IS NOT NULL AND status = 'posted';

CREATE TABLE line (
    entry_id INTEGER NOT NULL REFERENCES entry(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    position INTEGER NOT NULL,
    account_id INTEGER NOT NULL REFERENCES account(id),
    third_party_id INTEGER REFERENCES third_party(id),
    date TEXT NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    debit INTEGER NOT NULL DEFAULT 0 CHECK (debit >= 0),
    credit INTEGER NOT NULL DEFAULT 0 CHECK (credit >= 0),
    due_date TEXT,
    reconciliation TEXT,
    CHECK ((debit = 0) <> (credit = 0)),
    PRIMARY KEY (entry_id, position)
) WITHOUT ROWID;
CREATE INDEX line_account_date ON line(account_id, date);

CREATE TABLE audit_event (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '{}'
);

CREATE TRIGGER entry_post_rules BEFORE UPDATE OF status ON entry
WHEN OLD.status = 'draft' AND NEW.status = 'posted'
BEGIN
{posting_checks}END;

CREATE TRIGGER entry_insert_posted_rules BEFORE INSERT ON entry WHEN NEW.status = 'posted'
BEGIN
{posting_checks}END;

CREATE TRIGGER entry_posted_immutable BEFORE UPDATE ON entry WHEN OLD.status = 'posted'
BEGIN
    SELECT RAISE(ABORT, 'a posted entry cannot be changed; post a reversal instead');
END;

CREATE TRIGGER entry_posted_undeletable BEFORE DELETE ON entry WHEN OLD.status = 'posted'
BEGIN
    SELECT RAISE(ABORT, 'a posted entry cannot be deleted; post a reversal instead');
END;

CREATE TRIGGER line_posted_immutable BEFORE UPDATE ON line
WHEN (SELECT status FROM entry WHERE id = OLD.entry_id) = 'posted'
 AND (NEW.entry_id IS NOT OLD.entry_id OR NEW.position IS NOT OLD.position
      OR NEW.account_id IS NOT OLD.account_id OR NEW.third_party_id IS NOT OLD.third_party_id
      OR NEW.date IS NOT OLD.date OR NEW.label IS NOT OLD.label OR NEW.debit IS NOT OLD.debit
      OR NEW.credit IS NOT OLD.credit OR NEW.due_date IS NOT OLD.due_date)
BEGIN
    SELECT RAISE(ABORT, 'a line of a posted entry cannot be changed; post a reversal instead');
END;

CREATE TRIGGER line_moved_into_posted BEFORE UPDATE OF entry_id ON line
WHEN (SELECT status FROM entry WHERE id = NEW.entry_id) = 'posted'
 AND (SELECT status FROM entry WHERE id = OLD.entry_id) IS NOT 'posted'
BEGIN
    SELECT RAISE(ABORT, 'a posted entry cannot gain lines');
END;

CREATE TRIGGER line_posted_undeletable BEFORE DELETE ON line
WHEN (SELECT status FROM entry WHERE id = OLD.entry_id) = 'posted'
BEGIN
    SELECT RAISE(ABORT, 'a line of a posted entry cannot be deleted; post a reversal instead');
END;

CREATE TRIGGER line_posted_closed BEFORE INSERT ON line
WHEN (SELECT status FROM entry WHERE id = NEW.entry_id) = 'posted'
BEGIN
    SELECT RAISE(ABORT, 'a posted entry cannot gain lines');
END;

CREATE TRIGGER lock_date_forward_only BEFORE UPDATE ON setting
WHEN OLD.key = 'lock_date' AND NEW.value < OLD.value
BEGIN
    SELECT RAISE(ABORT, 'the lock date can only move forward');
END;

CREATE TRIGGER lock_date_kept BEFORE DELETE ON setting WHEN OLD.key = 'lock_date'
BEGIN
    SELECT RAISE(ABORT, 'the lock date can only move forward');
END;

CREATE TRIGGER fiscal_year_closed_for_good BEFORE UPDATE ON fiscal_year
WHEN OLD.state = 'closed'
BEGIN
    SELECT RAISE(ABORT, 'a closed fiscal year cannot be changed');
END;

CREATE TRIGGER fiscal_year_closed_kept BEFORE DELETE ON fiscal_year WHEN OLD.state = 'closed'
BEGIN
    SELECT RAISE(ABORT, 'a closed fiscal year cannot be deleted');
END;
"""

_V2 = """
CREATE TABLE balance_day (
    account_id INTEGER NOT NULL REFERENCES account(id),
    day TEXT NOT NULL,
    debit INTEGER NOT NULL DEFAULT 0,
    credit INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, day)
) WITHOUT ROWID;
CREATE INDEX balance_day_day ON balance_day(day);

CREATE TABLE balance_month (
    account_id INTEGER NOT NULL REFERENCES account(id),
    month TEXT NOT NULL,
    debit INTEGER NOT NULL DEFAULT 0,
    credit INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, month)
) WITHOUT ROWID;
CREATE INDEX balance_month_month ON balance_month(month);

INSERT INTO balance_day (account_id, day, debit, credit)
SELECT l.account_id, l.date, sum(l.debit), sum(l.credit)
FROM line l JOIN entry e ON e.id = l.entry_id
WHERE e.status = 'posted'
GROUP BY l.account_id, l.date;

INSERT INTO balance_month (account_id, month, debit, credit)
SELECT account_id, substr(day, 1, 7), sum(debit), sum(credit)
FROM balance_day GROUP BY account_id, substr(day, 1, 7);
"""

_ORDER_CHECKS = """    SELECT RAISE(ABORT, 'posting refused: a journal is numbered in date order; the entry is dated before the previous entry of its journal and year')
    WHERE NEW.date < (SELECT date FROM entry WHERE journal_id = NEW.journal_id
                                               AND fiscal_year_id = NEW.fiscal_year_id
                                               AND number = NEW.number - 1);
    SELECT RAISE(ABORT, 'posting refused: the entry has no label')
    WHERE trim(NEW.label) = '';
    SELECT RAISE(ABORT, 'posting refused: a reversal is dated before the entry it cancels')
    WHERE NEW.reversal_of IS NOT NULL
      AND NEW.date < (SELECT date FROM entry WHERE id = NEW.reversal_of);
"""
"""Rules added in version 3, checked at posting like those of ``_POSTING_CHECKS``."""

_DRAFT_CHECKS = """    SELECT RAISE(ABORT, 'a draft must be dated in an open fiscal year, after the lock date')
    WHERE NOT EXISTS (SELECT 1 FROM fiscal_year f
                      WHERE f.id = NEW.fiscal_year_id AND f.state = 'open'
                        AND NEW.date BETWEEN f.start AND f."end")
       OR NEW.date <= (SELECT value FROM setting WHERE key = 'lock_date');
"""

_V3 = """
CREATE TRIGGER entry_post_order BEFORE UPDATE OF status ON entry
WHEN OLD.status = 'draft' AND NEW.status = 'posted'
BEGIN
{order_checks}END;

CREATE TRIGGER entry_insert_posted_order BEFORE INSERT ON entry WHEN NEW.status = 'posted'
BEGIN
{order_checks}END;

CREATE TRIGGER entry_draft_period BEFORE INSERT ON entry WHEN NEW.status = 'draft'
BEGIN
{draft_checks}END;

CREATE TRIGGER entry_draft_period_moved BEFORE UPDATE OF date, fiscal_year_id ON entry
WHEN NEW.status = 'draft'
BEGIN
{draft_checks}END;
""".replace("{order_checks}", _ORDER_CHECKS).replace("{draft_checks}", _DRAFT_CHECKS)


_V5 = """
CREATE TABLE bank_match (
    id INTEGER PRIMARY KEY,
    made_on TEXT NOT NULL,
    how TEXT NOT NULL CHECK (how IN ('manual', 'automatic', 'posted'))
);

ALTER TABLE third_party ADD COLUMN payment_days INTEGER
    CHECK (payment_days IS NULL OR payment_days BETWEEN 0 AND 999);

ALTER TABLE line ADD COLUMN matched_on TEXT;
ALTER TABLE line ADD COLUMN bank_match_id INTEGER REFERENCES bank_match(id) ON DELETE SET NULL;
CREATE INDEX line_letter ON line(account_id, reconciliation) WHERE reconciliation IS NOT NULL;
CREATE INDEX line_open_item ON line(account_id, third_party_id) WHERE reconciliation IS NULL;
CREATE INDEX line_bank_match ON line(bank_match_id) WHERE bank_match_id IS NOT NULL;

CREATE TRIGGER line_match_needs_posted BEFORE UPDATE OF reconciliation, matched_on, bank_match_id
ON line
WHEN (NEW.reconciliation IS NOT NULL OR NEW.bank_match_id IS NOT NULL)
 AND (SELECT status FROM entry WHERE id = NEW.entry_id) IS NOT 'posted'
BEGIN
    SELECT RAISE(ABORT, 'only a line of a posted entry can be matched');
END;

CREATE TRIGGER line_letter_shape BEFORE UPDATE OF reconciliation, matched_on ON line
WHEN (NEW.reconciliation IS NULL) <> (NEW.matched_on IS NULL)
  OR (NEW.reconciliation IS NOT NULL
      AND (NEW.reconciliation = '' OR NEW.reconciliation GLOB '*[^A-Z]*'
           OR length(NEW.reconciliation) > 4))
BEGIN
    SELECT RAISE(ABORT, 'a matching letter is one to four capital letters, with the day it was made');
END;

CREATE TABLE bank_statement (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES account(id),
    journal_id INTEGER NOT NULL REFERENCES journal(id),
    file_name TEXT NOT NULL,
    format TEXT NOT NULL CHECK (format IN ('camt053', 'ofx', 'csv')),
    bank_account TEXT NOT NULL DEFAULT '',
    identifier TEXT NOT NULL DEFAULT '',
    currency TEXT NOT NULL,
    period_start TEXT,
    period_end TEXT,
    opening INTEGER,
    closing INTEGER,
    imported_at TEXT NOT NULL
);

CREATE TABLE bank_line (
    id INTEGER PRIMARY KEY,
    statement_id INTEGER NOT NULL REFERENCES bank_statement(id),
    fingerprint TEXT NOT NULL UNIQUE,
    booking_date TEXT NOT NULL,
    value_date TEXT,
    amount INTEGER NOT NULL CHECK (amount <> 0),
    label TEXT NOT NULL DEFAULT '',
    counterparty TEXT NOT NULL DEFAULT '',
    reference TEXT NOT NULL DEFAULT '',
    end_to_end_id TEXT NOT NULL DEFAULT '',
    match_id INTEGER REFERENCES bank_match(id) ON DELETE SET NULL
);
CREATE INDEX bank_line_statement ON bank_line(statement_id);
CREATE INDEX bank_line_match ON bank_line(match_id) WHERE match_id IS NOT NULL;
CREATE INDEX bank_line_open ON bank_line(booking_date) WHERE match_id IS NULL;

CREATE TABLE bank_rule (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (trim(name) <> ''),
    priority INTEGER NOT NULL DEFAULT 100,
    label_contains TEXT NOT NULL DEFAULT '',
    counterparty_contains TEXT NOT NULL DEFAULT '',
    direction TEXT NOT NULL DEFAULT 'any' CHECK (direction IN ('in', 'out', 'any')),
    amount_min INTEGER CHECK (amount_min IS NULL OR amount_min > 0),
    amount_max INTEGER CHECK (amount_max IS NULL OR amount_max > 0),
    account_id INTEGER NOT NULL REFERENCES account(id),
    third_party_id INTEGER REFERENCES third_party(id),
    journal_id INTEGER REFERENCES journal(id),
    entry_label TEXT NOT NULL DEFAULT '',
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    CHECK (label_contains <> '' OR counterparty_contains <> '' OR amount_min IS NOT NULL
           OR amount_max IS NOT NULL),
    CHECK (amount_min IS NULL OR amount_max IS NULL OR amount_min <= amount_max)
);

CREATE TABLE recurring (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (trim(name) <> ''),
    journal_id INTEGER NOT NULL REFERENCES journal(id),
    label TEXT NOT NULL CHECK (trim(label) <> ''),
    reference TEXT NOT NULL DEFAULT '',
    every_months INTEGER NOT NULL CHECK (every_months IN (1, 2, 3, 4, 6, 12)),
    day_of_month INTEGER NOT NULL CHECK (day_of_month BETWEEN 1 AND 31),
    next_date TEXT NOT NULL,
    end_date TEXT,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

CREATE TABLE recurring_line (
    recurring_id INTEGER NOT NULL REFERENCES recurring(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    account_id INTEGER NOT NULL REFERENCES account(id),
    third_party_id INTEGER REFERENCES third_party(id),
    label TEXT NOT NULL DEFAULT '',
    debit INTEGER NOT NULL DEFAULT 0 CHECK (debit >= 0),
    credit INTEGER NOT NULL DEFAULT 0 CHECK (credit >= 0),
    CHECK ((debit = 0) <> (credit = 0)),
    PRIMARY KEY (recurring_id, position)
) WITHOUT ROWID;

CREATE TABLE recurring_draft (
    recurring_id INTEGER NOT NULL REFERENCES recurring(id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    entry_id INTEGER REFERENCES entry(id) ON DELETE SET NULL,
    PRIMARY KEY (recurring_id, day)
) WITHOUT ROWID;
"""
"""Bank statements and their reconciliation with the ledger, matching letters (lettrage),
third parties' payment terms, and recurring entries.

A posted line stays immutable but for what says how it is matched: its letter
(``reconciliation``, with ``matched_on``) and its ``bank_match_id``. Neither is in the hash
chain, so matching and unmatching never touch a posted byte. A letter is stored in capitals;
whether its lines balance (complete) or not (partial) is read from the lines, never stored.
"""


def _script(sql: str) -> Callable[[Cursor], None]:
    def step(cur: Cursor) -> None:
        for statement in _split(sql):
            cur.execute(statement)

    return step


def _split(sql: str) -> list[str]:
    """Split a script on top-level semicolons (trigger bodies hold their own, up to END)."""
    statements, current, depth = [], [], 0
    for line in sql.splitlines(keepends=True):
        current.append(line)
        stripped = line.strip().upper()
        if stripped.startswith("CREATE TRIGGER"):
            depth = 1
        if depth and stripped == "END;":
            depth = 0
        if not depth and stripped.endswith(";"):
            text = "".join(current).strip()
            if text:
                statements.append(text)
            current = []
    if "".join(current).strip():
        statements.append("".join(current).strip())
    return statements


def _tax_step(cur: Cursor) -> None:
    _script(tax.SCHEMA)(cur)
    tax.seed_existing(cur)


STEPS: list[Callable[[Cursor], None]] = [
    _script(_V1.replace("{posting_checks}", _POSTING_CHECKS)),  # 1: the books
    _script(_V2),  # 2: per-account day and month balances, so reports never scan every line
    _script(_V3),  # 3: journals numbered in date order, labels, reversal dates, drafts' periods
    _tax_step,  # 4: tax codes, and the code a line carries (the VAT returns read them)
    _script(_V5),  # 5: bank statements and reconciliation, lettrage, payment terms, recurring
]

SCHEMA_VERSION = len(STEPS)


def upgrade(cur: Cursor, current: int) -> int:
    """Run every step after ``current`` in the caller's transaction; return the new version."""
    for version in range(current + 1, SCHEMA_VERSION + 1):
        STEPS[version - 1](cur)
        cur.execute(f"PRAGMA user_version = {version}")
    return SCHEMA_VERSION
