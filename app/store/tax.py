"""Tax codes in the company file: the table, its default rows per chart, and reading them.

Rates are kept in hundredths of a percent (19 % is 1900, 5.5 % is 550), integers like every
amount in the file.
"""

from __future__ import annotations

from decimal import Decimal

from sqlcipher3.dbapi2 import Cursor

from app.ledger.tax import DEFAULT_TAX_CODES, TaxCode, TaxDirection

SCHEMA = """
CREATE TABLE tax_code (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE CHECK (code <> ''),
    label TEXT NOT NULL,
    rate INTEGER NOT NULL CHECK (rate >= 0),
    direction TEXT NOT NULL CHECK (direction IN ('collected', 'deductible')),
    fixed_assets INTEGER NOT NULL DEFAULT 0 CHECK (fixed_assets IN (0, 1)),
    exempt INTEGER NOT NULL DEFAULT 0 CHECK (exempt IN (0, 1)),
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

ALTER TABLE line ADD COLUMN tax_code_id INTEGER REFERENCES tax_code(id);

CREATE TRIGGER line_posted_tax_immutable BEFORE UPDATE OF tax_code_id ON line
WHEN (SELECT status FROM entry WHERE id = OLD.entry_id) = 'posted'
 AND NEW.tax_code_id IS NOT OLD.tax_code_id
BEGIN
    SELECT RAISE(ABORT, 'a line of a posted entry cannot be changed; post a reversal instead');
END;
"""
"""Schema step 4 (``migrations``): the codes, and the code a line carries."""

_HUNDREDTHS = Decimal(100)


def seed(cur: Cursor, chart: str) -> None:
    """The default codes of ``chart``, for a new company or one upgraded to step 4."""
    cur.executemany(
        "INSERT OR IGNORE INTO tax_code (code, label, rate, direction, fixed_assets, exempt) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [(t.code, t.label, int(t.rate * _HUNDREDTHS), t.direction.value, int(t.fixed_assets),
          int(t.exempt)) for t in DEFAULT_TAX_CODES.get(chart, ())],
    )


def seed_existing(cur: Cursor) -> None:
    """Step 4 on a file that already holds a company (a new file is seeded at creation)."""
    row = cur.execute("SELECT chart FROM company").fetchone()
    if row is not None:
        seed(cur, row[0])


def tax_code_from_row(row: tuple) -> TaxCode:
    code, label, rate, direction, fixed_assets, exempt, active = row
    return TaxCode(code, label, Decimal(rate) / _HUNDREDTHS, TaxDirection(direction),
                   bool(fixed_assets), bool(exempt), bool(active))


def load_tax_codes(cur: Cursor) -> dict[str, TaxCode]:
    rows = cur.execute("SELECT code, label, rate, direction, fixed_assets, exempt, active "
                       "FROM tax_code ORDER BY direction, rate DESC, code")
    return {row[0]: tax_code_from_row(row) for row in rows}


def tax_code_ids(cur: Cursor, codes: set[str]) -> dict[str, tuple[int, bool]]:
    """Id and active flag of each of ``codes`` that exists."""
    if not codes:
        return {}
    marks = ",".join("?" * len(codes))
    return {code: (tid, bool(active)) for tid, code, active in cur.execute(
        f"SELECT id, code, active FROM tax_code WHERE code IN ({marks})", tuple(codes))}
