"""Recurring entry templates and the drafts they propose, inside the caller's transaction.

A template is checked against the books when it is saved (its journal exists and is active, its
accounts are postable and active, a third party stands wherever the account needs one), and
again for each occurrence when it falls due, because an account can be deactivated or a year
closed in between.

``propose_due`` never posts: it saves drafts through the same path as the editor
(``entries.save_draft``), records each occurrence in ``recurring_draft`` so it is drafted only
once (a draft the user deleted is not proposed again), and moves the template's next date on.
It is all or nothing: if any occurrence due cannot be drafted (no open fiscal year holds its
day, the day is locked, an account was deactivated), nothing is written and ``RecurringRefused``
names every template, day and reason; the accountant fixes or pauses that template and runs it
again. A run that drafts some templates and silently leaves others behind would be harder to
reason about than one that says exactly what stopped it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import NamedTuple

from sqlcipher3.dbapi2 import Cursor, IntegrityError

from app.ledger.model import Entry, EntryId, Line, Problem
from app.ledger.money import Currency, from_minor, to_minor
from app.ledger.problems import Code
from app.ledger.recurring import (
    Template,
    TemplateLine,
    draft_of,
    first_on_or_after,
    following,
)
from app.ledger.rules import PostingContext, PostingRefused, check_date, check_lines
from app.store import entries
from app.store.audit import audit
from app.store.database import StoreError
from app.store.reference import load_accounts, load_journals, load_third_parties
from app.store.years import load_fiscal_years

_COLUMNS = ("r.id, r.name, j.code, r.label, r.reference, r.every_months, r.day_of_month, "
            "r.next_date, r.end_date, r.active")


class Proposal(NamedTuple):
    """A draft ``propose_due`` wrote: the template, the occurrence's day, the draft's id."""

    template: Template
    day: date
    entry_id: EntryId


@dataclass(frozen=True, slots=True)
class Due:
    """An occurrence due and not drafted yet, with the draft it would make."""

    template: Template
    day: date
    entry: Entry
    problems: tuple[Problem, ...] = ()
    """Why it cannot be drafted now; empty when it can."""

    def reason(self) -> str:
        return "; ".join(str(p) for p in self.problems)


class RecurringRefused(StoreError):
    """Occurrences due that cannot be drafted: none of the run was written."""

    def __init__(self, blocked: Sequence[Due]) -> None:
        self.blocked = tuple(blocked)
        said = "; ".join(f"{d.template.name!r} on {d.day}: {d.reason()}" for d in self.blocked)
        super().__init__(f"nothing was drafted: {said}; fix what is said (open the year, "
                         "reactivate the account...), pause the template or propose up to an "
                         "earlier day, then run again")


# --- reading ---------------------------------------------------------------------------------


def list_templates(cur: Cursor, cur_currency: Currency) -> list[Template]:
    """Every template, paused ones included, by name."""
    rows = cur.execute(f"SELECT {_COLUMNS} FROM recurring r JOIN journal j ON j.id = r.journal_id "
                       "ORDER BY r.name").fetchall()
    return [_template(cur, row, cur_currency) for row in rows]


def load_template(cur: Cursor, name: str, cur_currency: Currency) -> Template:
    row = cur.execute(f"SELECT {_COLUMNS} FROM recurring r JOIN journal j ON j.id = r.journal_id "
                      "WHERE r.name = ?", (name,)).fetchone()
    if row is None:
        raise StoreError(f"there is no recurring template named {name!r}")
    return _template(cur, row, cur_currency)


def _template(cur: Cursor, row: tuple, cur_currency: Currency) -> Template:
    lines = tuple(
        TemplateLine(r[0], debit=from_minor(r[3], cur_currency),
                     credit=from_minor(r[4], cur_currency), third_party=r[1], label=r[2])
        for r in cur.execute(
            "SELECT a.number, t.code, l.label, l.debit, l.credit FROM recurring_line l "
            "JOIN account a ON a.id = l.account_id "
            "LEFT JOIN third_party t ON t.id = l.third_party_id "
            "WHERE l.recurring_id = ? ORDER BY l.position", (row[0],)))
    return Template(
        id=row[0], name=row[1], journal=row[2], label=row[3], reference=row[4],
        every_months=row[5], day_of_month=row[6], next_date=date.fromisoformat(row[7]),
        end_date=date.fromisoformat(row[8]) if row[8] else None, active=bool(row[9]),
        lines=lines)


def template_from_entry(cur: Cursor, entry_id: EntryId, cur_currency: Currency, *, name: str,
                        every_months: int, day_of_month: int, next_date: date,
                        end_date: date | None = None, label: str | None = None) -> Template:
    """A template (not saved) with the journal, label, reference and lines of an entry.

    A line's due date is left behind (the draft takes its party's payment terms again); a line
    with a tax code is refused, as a template has nowhere to keep it and a VAT return must not
    miss it.
    """
    entry = entries.load_entry(cur, entry_id, cur_currency)
    taxed = [f"line {n} ({line.account}) carries tax code {line.tax}"
             for n, line in enumerate(entry.lines, start=1) if line.tax]
    if taxed:
        raise StoreError(f"entry {entry_id} cannot become a template: {'; '.join(taxed)}, "
                         "which a template does not keep")
    return Template(
        name=name, journal=entry.journal, label=entry.label if label is None else label,
        reference=entry.reference, every_months=every_months, day_of_month=day_of_month,
        next_date=next_date, end_date=end_date,
        lines=tuple(TemplateLine(line.account, debit=line.debit, credit=line.credit,
                                 third_party=line.third_party, label=line.label)
                    for line in entry.lines))


# --- writing templates -----------------------------------------------------------------------


def add_template(cur: Cursor, template: Template, cur_currency: Currency) -> Template:
    """Save a new template after checking it against the books; returns it with its id."""
    journal_id = _checked(cur, template)
    try:
        cur.execute(
            "INSERT INTO recurring (name, journal_id, label, reference, every_months, "
            "day_of_month, next_date, end_date, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (template.name.strip(), journal_id, *_fields(template)))
    except IntegrityError:
        raise StoreError(f"a recurring template named {template.name.strip()!r} already "
                         "exists") from None
    saved = replace(template, id=cur.lastrowid, name=template.name.strip())
    _write_lines(cur, saved, cur_currency)
    audit(cur, "add_recurring", **_audited(saved))
    return saved


def update_template(cur: Cursor, name: str, template: Template,
                    cur_currency: Currency) -> Template:
    """Replace template ``name`` (schedule, lines, even its name) with ``template``.

    The occurrences already drafted stay recorded: moving the next date back does not draft
    them twice.
    """
    old = load_template(cur, name, cur_currency)
    journal_id = _checked(cur, template)
    saved = replace(template, id=old.id, name=template.name.strip())
    try:
        cur.execute(
            "UPDATE recurring SET name = ?, journal_id = ?, label = ?, reference = ?, "
            "every_months = ?, day_of_month = ?, next_date = ?, end_date = ?, active = ? "
            "WHERE id = ?", (saved.name, journal_id, *_fields(saved), old.id))
    except IntegrityError:
        raise StoreError(f"a recurring template named {saved.name!r} already exists") from None
    cur.execute("DELETE FROM recurring_line WHERE recurring_id = ?", (old.id,))
    _write_lines(cur, saved, cur_currency)
    audit(cur, "update_recurring", was=name, **_audited(saved))
    return saved


def delete_template(cur: Cursor, name: str) -> None:
    """Forget a template; the drafts it already made stay, as drafts the user may still post."""
    cur.execute("DELETE FROM recurring WHERE name = ?", (name,))
    if cur.rowcount != 1:
        raise StoreError(f"there is no recurring template named {name!r}")
    audit(cur, "delete_recurring", name=name)


def set_template_active(cur: Cursor, name: str, active: bool,
                        skip_before: date | None = None) -> None:
    """Pause or resume a template. A resumed template proposes the occurrences it missed while
    paused, unless ``skip_before`` moves it on to its first occurrence on or after that day
    (same months, same day: a quarterly template stays on its quarters)."""
    row = cur.execute("SELECT next_date, every_months, day_of_month FROM recurring "
                      "WHERE name = ?", (name,)).fetchone()
    if row is None:
        raise StoreError(f"there is no recurring template named {name!r}")
    next_date = date.fromisoformat(row[0])
    if skip_before is not None:
        next_date = first_on_or_after(next_date, row[1], row[2], skip_before)
    cur.execute("UPDATE recurring SET active = ?, next_date = ? WHERE name = ?",
                (int(active), next_date.isoformat(), name))
    audit(cur, "resume_recurring" if active else "pause_recurring", name=name,
          next_date=next_date)


def _fields(template: Template) -> tuple:
    return (template.label, template.reference, template.every_months, template.day_of_month,
            template.next_date.isoformat(),
            template.end_date.isoformat() if template.end_date else None, int(template.active))


def _audited(template: Template) -> dict[str, object]:
    return {"name": template.name, "journal": template.journal, "label": template.label,
            "every_months": template.every_months, "day": template.day_of_month,
            "next_date": template.next_date, "end_date": template.end_date,
            "total": template.total}


def _write_lines(cur: Cursor, template: Template, cur_currency: Currency) -> None:
    accounts = dict(cur.execute("SELECT number, id FROM account").fetchall())
    parties = dict(cur.execute("SELECT code, id FROM third_party").fetchall())
    cur.executemany(
        "INSERT INTO recurring_line (recurring_id, position, account_id, third_party_id, label, "
        "debit, credit) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(template.id, n, accounts[line.account], parties.get(line.third_party or ""),
          line.label, to_minor(line.debit, cur_currency), to_minor(line.credit, cur_currency))
         for n, line in enumerate(template.lines, start=1)])


def _checked(cur: Cursor, template: Template) -> int:
    """The journal's id, once ``template`` is found fit for the books; else every reason."""
    problems = [str(p) for p in _problems(template, _context(cur))]
    if template.end_date is not None and template.end_date < template.next_date:
        problems.append(f"it ends on {template.end_date}, before its first day "
                        f"{template.next_date}")
    if problems:
        raise StoreError(f"template {template.name.strip()!r}: {'; '.join(problems)}")
    return cur.execute("SELECT id FROM journal WHERE code = ?", (template.journal,)).fetchone()[0]


def _context(cur: Cursor) -> PostingContext:
    """What the rules need to judge a template's lines and days, read once for a whole run."""
    parties = load_third_parties(cur)
    lock = cur.execute("SELECT value FROM setting WHERE key = 'lock_date'").fetchone()
    return PostingContext(
        accounts=load_accounts(cur), journals=load_journals(cur),
        third_parties={code: party.kind for code, party in parties.items()},
        inactive_third_parties={code for code, party in parties.items() if not party.active},
        fiscal_years=load_fiscal_years(cur),
        lock_date=date.fromisoformat(lock[0]) if lock else None)


def _problems(template: Template, ctx: PostingContext) -> list[Problem]:
    """What stops ``template``'s journal and lines from being drafted, whatever the day."""
    found: list[Problem] = []
    journal = ctx.journals.get(template.journal)
    if journal is None:
        found.append(Problem(Code.JOURNAL_MISSING, {"journal": template.journal}))
    elif not journal.active:
        found.append(Problem(Code.JOURNAL_INACTIVE, {"journal": template.journal}))
    lines = [Line(line.account, debit=line.debit, credit=line.credit,
                  third_party=line.third_party) for line in template.lines]
    found.extend(check_lines(lines, ctx))
    return found


# --- proposing drafts ------------------------------------------------------------------------


def due(cur: Cursor, up_to: date, cur_currency: Currency) -> list[Due]:
    """The occurrences of the active templates due on or before ``up_to`` and not drafted yet,
    in date order, each with what would stop it; nothing is written."""
    ctx = _context(cur)
    found = []
    for template in _active(cur, cur_currency):
        drafted = _drafted_days(cur, template)
        always = _problems(template, ctx)
        for day in template.due(up_to):
            if day not in drafted:
                found.append(Due(template, day, draft_of(template, day),
                                 (*check_date(day, ctx), *always)))
    return sorted(found, key=lambda d: (d.day, d.template.name))


def propose_due(cur: Cursor, up_to: date, cur_currency: Currency) -> list[Proposal]:
    """Draft every occurrence due on or before ``up_to``, or raise ``RecurringRefused`` having
    written nothing (see the module's docstring): a refusal found only when saving a draft
    leaves the earlier ones to the caller's transaction, which the exception undoes. Returns
    the drafts in date order."""
    pending = due(cur, up_to, cur_currency)
    blocked = [d for d in pending if d.problems]
    if blocked:
        raise RecurringRefused(blocked)
    made = []
    for item in pending:
        try:
            entry_id = entries.save_draft(cur, item.entry, cur_currency)
        except PostingRefused as refused:
            raise RecurringRefused([replace(item, problems=refused.problems)]) from None
        cur.execute("INSERT INTO recurring_draft (recurring_id, day, entry_id) VALUES (?, ?, ?)",
                    (item.template.id, item.day.isoformat(), entry_id))
        made.append(Proposal(item.template, item.day, entry_id))
    moved = {}
    for template in _active(cur, cur_currency):
        days = template.due(up_to)
        if days:
            moved[template.name] = following(days[-1], template.every_months,
                                             template.day_of_month)
            cur.execute("UPDATE recurring SET next_date = ? WHERE id = ?",
                        (moved[template.name].isoformat(), template.id))
    if moved:
        audit(cur, "propose_recurring", up_to=up_to, next_dates=moved,
              drafts=[{"name": p.template.name, "day": p.day, "entry": p.entry_id}
                      for p in made])
    return made


def _active(cur: Cursor, cur_currency: Currency) -> list[Template]:
    rows = cur.execute(f"SELECT {_COLUMNS} FROM recurring r JOIN journal j ON j.id = r.journal_id "
                       "WHERE r.active = 1 ORDER BY r.name").fetchall()
    return [_template(cur, row, cur_currency) for row in rows]


def _drafted_days(cur: Cursor, template: Template) -> set[date]:
    return {date.fromisoformat(day) for (day,) in cur.execute(
        "SELECT day FROM recurring_draft WHERE recurring_id = ?", (template.id,))}
