"""Reading and changing the chart, the journals and the third parties.

Posted lines are chained by account number and third-party code (``app.ledger.chain``), and
entries are numbered per journal code, so none of these codes ever changes, and nothing a line
names can be deleted: an account, journal or third party in use is deactivated instead. Each
function takes the caller's cursor and runs inside its transaction, so a refusal raised part-way
leaves the books as they were. ``Books`` exposes them as methods; the lower modules that read or
write reference rows themselves (``entries``, ``bulk``, company creation) use the row mappers and
inserters here, which is why they live below ``Books`` rather than in it.
"""

from __future__ import annotations

import csv
import re
from dataclasses import replace
from enum import Enum

from sqlcipher3.dbapi2 import Cursor, IntegrityError

from app.ledger.chart import CHARTS, derived_account, parent_number, parse_chart_rows
from app.ledger.model import (
    Account,
    AccountId,
    AccountKind,
    Journal,
    JournalId,
    JournalKind,
    ThirdParty,
    ThirdPartyId,
    ThirdPartyKind,
)
from app.resources import chart_file
from app.store.database import StoreError

ACCOUNT_COLUMNS = (
    "id, number, label_fr, label_en, label_ar, kind, postable, needs_third_party, active"
)
THIRD_PARTY_COLUMNS = "id, code, name, kind, nif, nis, rc, ai, address, active, payment_days"
JOURNAL_COLUMNS = "id, code, label, kind, active"
JOURNAL_CODE_LENGTH = 8
_JOURNAL_CODE = re.compile(rf"[A-Z0-9]{{1,{JOURNAL_CODE_LENGTH}}}")
MAX_PAYMENT_DAYS = 999
"""The schema's bound on ``third_party.payment_days``."""


class Unchanged(Enum):
    """``update_third_party(payment_days=UNCHANGED)``: the terms stay as stored."""

    KEEP = "keep"


UNCHANGED = Unchanged.KEEP


def lines(count: int) -> str:
    """``1 line``, ``3 lines``: counts inside the store's messages."""
    return f"{count} line" if count == 1 else f"{count} lines"


def load_chart(chart: str) -> list[Account]:
    """The accounts of a chart template shipped in ``resources/charts``."""
    if chart not in CHARTS:
        raise StoreError(f"unknown chart {chart!r}; choose one of {', '.join(CHARTS)}")
    with open(chart_file(chart), encoding="utf-8", newline="") as f:
        return parse_chart_rows(csv.DictReader(f))


# --- accounts --------------------------------------------------------------------------------

def account_from_row(row: tuple) -> Account:
    """An account from a row selected as ``ACCOUNT_COLUMNS``."""
    return Account(
        id=AccountId(row[0]), number=row[1], label_fr=row[2], label_en=row[3], label_ar=row[4],
        kind=AccountKind(row[5]), postable=bool(row[6]), needs_third_party=bool(row[7]),
        active=bool(row[8]),
    )


def load_accounts(cur: Cursor) -> dict[str, Account]:
    """Every account by number, in number order."""
    rows = cur.execute(f"SELECT {ACCOUNT_COLUMNS} FROM account ORDER BY number").fetchall()
    return {row[1]: account_from_row(row) for row in rows}


def load_account(cur: Cursor, number: str) -> Account:
    row = cur.execute(
        f"SELECT {ACCOUNT_COLUMNS} FROM account WHERE number = ?", (number,)
    ).fetchone()
    if row is None:
        raise StoreError(f"account {number} does not exist")
    return account_from_row(row)


def insert_accounts(
    cur: Cursor, accounts: list[Account], existing: dict[str, Account]
) -> list[Account]:
    """Insert accounts (parents before children) and return them with their ids."""
    ids = {number: a.id for number, a in existing.items()}
    created = []
    for account in sorted(accounts, key=lambda a: a.number):
        parent = parent_number(account.number, ids)
        cur.execute(
            "INSERT INTO account (number, parent_id, label_fr, label_en, label_ar, kind, postable,"
            " needs_third_party, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (account.number, ids[parent] if parent else None, account.label_fr, account.label_en,
             account.label_ar, account.kind.value, int(account.postable),
             int(account.needs_third_party), int(account.active)),
        )
        ids[account.number] = AccountId(cur.lastrowid)
        created.append(replace(account, id=ids[account.number]))
    return created


def add_account(
    cur: Cursor, number: str, label: str, *, label_en: str = "", label_ar: str = "",
    kind: AccountKind | None = None, needs_third_party: bool | None = None,
) -> Account:
    """Open a postable sub-account; kind and third-party need default to its parent's."""
    existing = load_accounts(cur)
    if number in existing:
        raise StoreError(f"account {number} already exists")
    try:
        derived = derived_account(number, label, existing)
    except ValueError as exc:
        raise StoreError(str(exc)) from None
    account = Account(
        number=number, label_fr=label, label_en=label_en or label,
        label_ar=label_ar or label, kind=kind or derived.kind,
        needs_third_party=derived.needs_third_party if needs_third_party is None
        else needs_third_party,
    )
    return insert_accounts(cur, [account], existing)[0]


def set_account_active(cur: Cursor, number: str, active: bool) -> None:
    cur.execute("UPDATE account SET active = ? WHERE number = ?", (int(active), number))
    if cur.rowcount == 0:
        raise StoreError(f"account {number} does not exist")


def account_usage(cur: Cursor, number: str) -> int:
    """Lines (drafts and posted) on the account itself, not its sub-accounts."""
    account = load_account(cur, number)
    return cur.execute(
        "SELECT count(*) FROM line WHERE account_id = ?", (account.id,)
    ).fetchone()[0]


def update_account(
    cur: Cursor, number: str, *, label_fr: str, label_en: str, label_ar: str,
    needs_third_party: bool,
) -> Account:
    """New labels and third-party need; number, class, kind and heading status stay."""
    account = load_account(cur, number)
    label_fr = label_fr.strip()
    if not label_fr:
        raise StoreError(f"account {number} needs a French label")
    if needs_third_party and not account.needs_third_party:
        bare = cur.execute(
            "SELECT count(*) FROM line WHERE account_id = ? AND third_party_id IS NULL",
            (account.id,),
        ).fetchone()[0]
        if bare:
            # Their entries could no longer be reversed: the reversal would lack a third party.
            raise StoreError(
                f"account {number} has {lines(bare)} without a third party; "
                "it cannot require one now"
            )
    updated = replace(account, label_fr=label_fr, label_en=label_en.strip(),
                      label_ar=label_ar.strip(), needs_third_party=needs_third_party)
    cur.execute(
        "UPDATE account SET label_fr = ?, label_en = ?, label_ar = ?, needs_third_party = ? "
        "WHERE id = ?",
        (updated.label_fr, updated.label_en, updated.label_ar, int(needs_third_party),
         account.id),
    )
    return updated


def delete_account(cur: Cursor, number: str, chart_numbers: set[str]) -> None:
    """Delete a sub-account the user opened by mistake: unused, childless, not in the chart.

    The chart's own accounts stay so that every company keeps the statutory structure the
    statements are laid out on; an account in use stays because its lines name it.
    """
    account = load_account(cur, number)
    if not account.postable:
        raise StoreError(f"account {number} is a heading of the chart; it cannot be deleted")
    used = account_usage(cur, number)
    if used:
        raise StoreError(f"account {number} is used by {lines(used)}; deactivate it instead")
    children = cur.execute(
        "SELECT count(*) FROM account WHERE parent_id = ?", (account.id,)
    ).fetchone()[0]
    if children:
        raise StoreError(f"account {number} has sub-accounts; delete them first")
    if number in chart_numbers:
        raise StoreError(f"account {number} belongs to the chart; deactivate it instead")
    named = _named_elsewhere(cur, "account_id", int(account.id or 0))
    if named:
        raise StoreError(f"account {number} is named by {named}; change or delete them first, "
                         "or deactivate the account")
    cur.execute("DELETE FROM account WHERE id = ?", (account.id,))


_NAMED_BY = (("recurring_line", "recurring_id", "recurring template", ("account_id",
                                                                        "third_party_id")),
             ("bank_rule", "id", "bank rule", ("account_id", "third_party_id")),
             ("bank_statement", "id", "bank statement", ("account_id",)))
"""Records other than lines that name an account or a third party: (table, what counts one,
what it is called, the columns that name one)."""


def _named_elsewhere(cur: Cursor, column: str, key: int) -> str:
    """``2 recurring templates and 1 bank rule``: what names the account or third party
    ``key`` in ``column``, so deleting it would orphan them; "" when nothing does."""
    found = []
    for table, counted, name, columns in _NAMED_BY:
        if column not in columns:
            continue
        count = cur.execute(f"SELECT count(DISTINCT {counted}) FROM {table} "
                            f"WHERE {column} = ?", (key,)).fetchone()[0]
        if count:
            found.append(f"{count} {name}{'s' if count > 1 else ''}")
    return " and ".join(found)


# --- third parties ---------------------------------------------------------------------------

def third_party_from_row(row: tuple) -> ThirdParty:
    """A third party from a row selected as ``THIRD_PARTY_COLUMNS``."""
    return ThirdParty(
        id=ThirdPartyId(row[0]), code=row[1], name=row[2], kind=ThirdPartyKind(row[3]),
        nif=row[4], nis=row[5], rc=row[6], ai=row[7], address=row[8], active=bool(row[9]),
        payment_days=row[10],
    )


def load_third_parties(cur: Cursor) -> dict[str, ThirdParty]:
    """Every third party by code, inactive ones included, in code order."""
    rows = cur.execute(f"SELECT {THIRD_PARTY_COLUMNS} FROM third_party ORDER BY code")
    return {r[1]: third_party_from_row(r) for r in rows}


def load_third_party(cur: Cursor, code: str) -> ThirdParty:
    row = cur.execute(
        f"SELECT {THIRD_PARTY_COLUMNS} FROM third_party WHERE code = ?", (code,)
    ).fetchone()
    if row is None:
        raise StoreError(f"third party {code} does not exist")
    return third_party_from_row(row)


def insert_third_party(cur: Cursor, party: ThirdParty) -> ThirdParty:
    """Insert a third party as it is (an import's, already checked) and return it with its id."""
    cur.execute(
        "INSERT INTO third_party (code, name, kind, nif, nis, rc, ai, address, active,"
        " payment_days) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (party.code, party.name, party.kind.value, party.nif, party.nis, party.rc, party.ai,
         party.address, int(party.active), party.payment_days),
    )
    return replace(party, id=ThirdPartyId(cur.lastrowid))


def add_third_party(cur: Cursor, party: ThirdParty) -> ThirdParty:
    """``insert_third_party``, a code already taken or terms out of range refused by name."""
    _check_payment_days(party.code, party.payment_days)
    try:
        return insert_third_party(cur, party)
    except IntegrityError:
        raise StoreError(f"third party {party.code} already exists") from None


def third_party_usage(cur: Cursor, code: str) -> int:
    """Lines (drafts and posted) naming the third party.

    There is no index on ``line.third_party_id``: this scans the lines, which is acceptable for
    the rare delete it guards.
    """
    party = load_third_party(cur, code)
    return cur.execute(
        "SELECT count(*) FROM line WHERE third_party_id = ?", (party.id,)
    ).fetchone()[0]


def _check_payment_days(code: str, days: int | None) -> None:
    if days is not None and (isinstance(days, bool) or not isinstance(days, int)
                             or not 0 <= days <= MAX_PAYMENT_DAYS):
        raise StoreError(f"the payment terms of third party {code} are 0 to "
                         f"{MAX_PAYMENT_DAYS} days, or none; not {days!r}")


def update_third_party(
    cur: Cursor, code: str, *, name: str, kind: ThirdPartyKind, nif: str = "", nis: str = "",
    rc: str = "", ai: str = "", address: str = "",
    payment_days: int | Unchanged | None = UNCHANGED,
) -> ThirdParty:
    """New details for a third party; its code stays, since posted lines are chained by it.

    New terms only date the lines written from now on: a posted line's due date is chained.
    """
    party = load_third_party(cur, code)
    name = name.strip()
    if not name:
        raise StoreError(f"third party {code} needs a name")
    days = party.payment_days if isinstance(payment_days, Unchanged) else payment_days
    _check_payment_days(code, days)
    updated = replace(party, name=name, kind=ThirdPartyKind(kind), nif=nif.strip(),
                      nis=nis.strip(), rc=rc.strip(), ai=ai.strip(), address=address.strip(),
                      payment_days=days)
    cur.execute(
        "UPDATE third_party SET name = ?, kind = ?, nif = ?, nis = ?, rc = ?, ai = ?, "
        "address = ?, payment_days = ? WHERE id = ?",
        (updated.name, updated.kind.value, updated.nif, updated.nis, updated.rc, updated.ai,
         updated.address, updated.payment_days, party.id),
    )
    return updated


def set_third_party_active(cur: Cursor, code: str, active: bool) -> None:
    party = load_third_party(cur, code)
    cur.execute("UPDATE third_party SET active = ? WHERE id = ?", (int(active), party.id))


def delete_third_party(cur: Cursor, code: str) -> None:
    """Delete a third party no line names (one created by mistake)."""
    used = third_party_usage(cur, code)
    if used:
        raise StoreError(f"third party {code} is used by {lines(used)}; deactivate it instead")
    row = cur.execute("SELECT id FROM third_party WHERE code = ?", (code,)).fetchone()
    named = _named_elsewhere(cur, "third_party_id", row[0]) if row else ""
    if named:
        raise StoreError(f"third party {code} is named by {named}; change or delete them "
                         "first, or deactivate the third party")
    cur.execute("DELETE FROM third_party WHERE code = ?", (code,))


# --- journals --------------------------------------------------------------------------------

def journal_from_row(row: tuple) -> Journal:
    """A journal from a row selected as ``JOURNAL_COLUMNS``."""
    return Journal(row[1], row[2], JournalKind(row[3]), bool(row[4]), JournalId(row[0]))


def load_journals(cur: Cursor) -> dict[str, Journal]:
    """Every journal by code, inactive ones included, in code order."""
    rows = cur.execute(f"SELECT {JOURNAL_COLUMNS} FROM journal ORDER BY code")
    return {r[1]: journal_from_row(r) for r in rows}


def journal_code_problem(code: str) -> str:
    """Why ``code`` cannot name a new journal; "" if it can.

    Codes are short and upper-case because they prefix every entry number (``BQ2-14``) and are
    typed in imports and on the command line, where ``bq2`` and ``BQ2`` must not be two journals.
    """
    if not code.strip():
        return "a journal needs a code"
    if _JOURNAL_CODE.fullmatch(code):
        return ""
    hint = f" (did you mean {code.strip().upper()}?)" if _JOURNAL_CODE.fullmatch(
        code.strip().upper()) else ""
    return (f"journal code {code!r} is not 1 to {JOURNAL_CODE_LENGTH} upper-case letters or "
            f"digits{hint}")


def load_journal(cur: Cursor, code: str) -> Journal:
    row = cur.execute(
        f"SELECT {JOURNAL_COLUMNS} FROM journal WHERE code = ?", (code,)
    ).fetchone()
    if row is None:
        raise StoreError(f"journal {code} does not exist")
    return journal_from_row(row)


def _journal_label(code: str, label: str) -> str:
    label = label.strip()
    if not label:
        raise StoreError(f"journal {code} needs a label")
    return label


def insert_journal(cur: Cursor, journal: Journal) -> Journal:
    """A new journal, its code checked; a code already taken is refused by name."""
    problem = journal_code_problem(journal.code)
    if problem:
        raise StoreError(problem)
    label = _journal_label(journal.code, journal.label)
    try:
        cur.execute(
            "INSERT INTO journal (code, label, kind, active) VALUES (?, ?, ?, ?)",
            (journal.code, label, JournalKind(journal.kind).value, int(journal.active)),
        )
    except IntegrityError:
        raise StoreError(f"journal {journal.code} already exists") from None
    return replace(journal, label=label, kind=JournalKind(journal.kind),
                   id=JournalId(cur.lastrowid))


def update_journal(cur: Cursor, code: str, *, label: str, kind: JournalKind) -> Journal:
    """A new label or kind for a journal; its code stays, since its entries are numbered by it.

    The kind only describes what the journal is for: no posting rule and no chained hash reads
    it, so it may change even once entries were posted in the journal.
    """
    journal = load_journal(cur, code)
    updated = replace(journal, label=_journal_label(code, label), kind=JournalKind(kind))
    cur.execute("UPDATE journal SET label = ?, kind = ? WHERE id = ?",
                (updated.label, updated.kind.value, journal.id))
    return updated


def set_journal_active(cur: Cursor, code: str, active: bool) -> Journal:
    """Deactivate (or reactivate) a journal: its entries stay, it takes no new ones."""
    journal = load_journal(cur, code)
    cur.execute("UPDATE journal SET active = ? WHERE id = ?", (int(active), journal.id))
    return replace(journal, active=active)
