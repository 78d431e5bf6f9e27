"""``daftar recurring``: entry templates on a schedule, proposed as drafts when due.

``add`` saves a template (its lines typed, or taken from an existing entry), ``list`` and
``show`` read them, ``pause``/``resume``/``delete`` change them, ``due`` says what would be
drafted up to a day without writing anything, and ``propose`` writes those drafts, all of them or
none (``app.store.recurring``). Nothing here posts: the drafts wait for the accountant.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.cli.session import UsageError, UserError, date_argument, opened
from app.io.cells import parse_amount
from app.ledger.model import EntryId
from app.ledger.money import Currency, from_minor
from app.ledger.recurring import EVERY_MONTHS, Template, TemplateLine
from app.store import entries, recurring
from app.store.books import Books

LINE_SPEC = "ACCOUNT:DEBIT:CREDIT[:PARTY[:LABEL]]"



def register(sub: argparse._SubParsersAction, key_options: Any) -> None:
    """Add ``daftar recurring`` and its actions."""
    parser = sub.add_parser(
        "recurring", help="recurring entries (rent, payroll, depreciation) proposed as drafts",
        description="Keep entry templates that repeat every 1, 2, 3, 4, 6 or 12 months, and "
        "draft the occurrences that are due. Drafts are never posted by this command.")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION",
                                    parser_class=type(parser))

    def action(name: str, run: Any, help_: str) -> argparse.ArgumentParser:
        p = actions.add_parser(name, help=help_, description=help_)
        p.add_argument("file", type=Path, metavar="FILE", help="the company file (.daftar)")
        key_options(p)
        p.set_defaults(run=run)
        return p

    p = action("add", _add, "save a template: its lines, or those of an existing entry")
    p.add_argument("--name", required=True, help="the template's name, unique in the file")
    p.add_argument("--journal", help="the journal code (default with --from-entry: its own)")
    p.add_argument("--label", help="the entries' label; {month}, {year} and {period} are "
                   "filled in for each occurrence, e.g. 'Loyer {month}' (default with "
                   "--from-entry: its own)")
    p.add_argument("--reference", default="", help="the entries' reference (placeholders too)")
    p.add_argument("--every", type=int, required=True, choices=EVERY_MONTHS, metavar="MONTHS",
                   help="1, 2, 3, 4, 6 or 12 months between two entries")
    p.add_argument("--day", type=int, required=True, metavar="D",
                   help="the day of the month (1 to 31; past a month's end: its last day)")
    p.add_argument("--start", type=date_argument, required=True, metavar="DATE",
                   help="the first day an entry may fall on")
    p.add_argument("--end", type=date_argument, metavar="DATE", help="no entry after this day")
    p.add_argument("--line", action="append", default=[], metavar=LINE_SPEC,
                   help="a line: DEBIT or CREDIT empty (613:50000: or 512::50000); repeat")
    p.add_argument("--from-entry", type=int, metavar="ENTRY_ID",
                   help="take the journal, label and lines of this entry (draft or posted)")

    p = action("list", _list, "list the templates")
    p.add_argument("--json", action="store_true", help="print JSON")
    p = action("show", _show, "show a template and its lines")
    p.add_argument("--name", required=True)
    p.add_argument("--json", action="store_true", help="print JSON")
    p = action("delete", _delete, "delete a template (the drafts it made stay)")
    p.add_argument("--name", required=True)
    p = action("pause", _pause, "stop a template proposing drafts until it is resumed")
    p.add_argument("--name", required=True)
    p = action("resume", _resume, "let a paused template propose drafts again")
    p.add_argument("--name", required=True)
    p.add_argument("--from", dest="start", type=date_argument, metavar="DATE",
                   help="skip what it missed: its next entry falls on or after DATE")

    for name, run, help_ in (
            ("due", _due, "what would be drafted up to a day; nothing is written"),
            ("propose", _propose, "draft every entry due up to a day (all or none)")):
        p = action(name, run, help_)
        p.add_argument("--until", type=date_argument, metavar="DATE", help="default: today")
        if name == "due":
            p.add_argument("--json", action="store_true", help="print JSON")


# --- add -------------------------------------------------------------------------------------


def _amount(spec: str, side: str, text: str, cur: Currency) -> Decimal:
    try:
        return from_minor(parse_amount(text, cur.exponent), cur)
    except ValueError as exc:
        raise UserError(f"--line {spec!r}: {side} {text!r}: {exc}") from None


def _template_line(spec: str, cur: Currency) -> TemplateLine:
    """One ``ACCOUNT:DEBIT:CREDIT[:PARTY[:LABEL]]``; the label may itself hold colons."""
    parts = spec.split(":", 4)
    if len(parts) < 3 or not parts[0].strip():
        raise UserError(f"--line {spec!r}: expected {LINE_SPEC}, e.g. 613:50000: or 512::50000")
    party = parts[3].strip() if len(parts) > 3 and parts[3].strip() else None
    return TemplateLine(parts[0].strip(), debit=_amount(spec, "debit", parts[1], cur),
                        credit=_amount(spec, "credit", parts[2], cur), third_party=party,
                        label=parts[4].strip() if len(parts) > 4 else "")


def _check_add(args: argparse.Namespace) -> None:
    if args.from_entry is not None:
        if args.line:
            raise UsageError("--line cannot go with --from-entry, which takes the entry's lines")
    elif not (args.journal and args.label and args.line):
        raise UsageError("give --journal, --label and --line lines (or --from-entry ENTRY_ID)")
    if not 1 <= args.day <= 31:
        raise UsageError(f"--day {args.day}: expected a day of the month, 1 to 31")


def _add(args: argparse.Namespace) -> int:
    _check_add(args)
    with opened(args) as books, books.write() as cur:
        if args.from_entry is not None:
            template = recurring.template_from_entry(
                cur, EntryId(args.from_entry), books.currency, name=args.name,
                every_months=args.every, day_of_month=args.day, next_date=args.start,
                end_date=args.end, label=args.label)
            template = replace(template, journal=args.journal or template.journal,
                               reference=args.reference or template.reference)
        else:
            template = Template(
                name=args.name, journal=args.journal, label=args.label,
                reference=args.reference, every_months=args.every, day_of_month=args.day,
                next_date=args.start, end_date=args.end,
                lines=tuple(_template_line(spec, books.currency) for spec in args.line))
        saved = recurring.add_template(cur, template, books.currency)
        print(f"saved template {saved.name!r}: {_schedule(saved)}")
    return 0


# --- reading ---------------------------------------------------------------------------------


def _schedule(t: Template) -> str:
    every = "every month" if t.every_months == 1 else f"every {t.every_months} months"
    until = f", until {t.end_date}" if t.end_date else ""
    paused = ", paused" if not t.active else ""
    return f"{every} on day {t.day_of_month}, next {t.next_date}{until}{paused}"


def _as_json(t: Template, books: Books) -> dict[str, object]:
    return {"name": t.name, "journal": t.journal, "label": t.label, "reference": t.reference,
            "every_months": t.every_months, "day_of_month": t.day_of_month,
            "next_date": t.next_date.isoformat(),
            "end_date": t.end_date.isoformat() if t.end_date else None, "active": t.active,
            "total": f"{t.total:f}", "currency": books.currency.code,
            "lines": [{"account": x.account, "debit": f"{x.debit:f}", "credit": f"{x.credit:f}",
                       "third_party": x.third_party, "label": x.label} for x in t.lines]}


def _list(args: argparse.Namespace) -> int:
    with opened(args) as books, books.read() as cur:
        templates = recurring.list_templates(cur, books.currency)
        if args.json:
            print(json.dumps([_as_json(t, books) for t in templates], ensure_ascii=False,
                             indent=2))
            return 0
        for t in templates:
            print(f"{t.name}  {t.journal}  {t.total:f} {books.currency.code}  {_schedule(t)}")
        if not templates:
            print("no recurring templates")
    return 0


def _show(args: argparse.Namespace) -> int:
    with opened(args) as books, books.read() as cur:
        t = recurring.load_template(cur, args.name, books.currency)
        if args.json:
            print(json.dumps(_as_json(t, books), ensure_ascii=False, indent=2))
            return 0
        print(f"{t.name}: {t.journal} {t.label!r}" + (f" ref {t.reference!r}"
                                                       if t.reference else ""))
        print(f"  {_schedule(t)}")
        for x in t.lines:
            party = f"  [{x.third_party}]" if x.third_party else ""
            label = f"  {x.label}" if x.label else ""
            print(f"  {x.account:<10} {x.debit or '':>14} {x.credit or '':>14}{party}{label}")
    return 0


# --- changing --------------------------------------------------------------------------------


def _delete(args: argparse.Namespace) -> int:
    with opened(args) as books, books.write() as cur:
        recurring.delete_template(cur, args.name)
    print(f"deleted template {args.name!r}; the drafts it made stay")
    return 0


def _pause(args: argparse.Namespace) -> int:
    with opened(args) as books, books.write() as cur:
        recurring.set_template_active(cur, args.name, False)
    print(f"paused template {args.name!r}")
    return 0


def _resume(args: argparse.Namespace) -> int:
    with opened(args) as books, books.write() as cur:
        recurring.set_template_active(cur, args.name, True, args.start)
        t = recurring.load_template(cur, args.name, books.currency)
    print(f"resumed template {args.name!r}: {_schedule(t)}")
    return 0


def _due(args: argparse.Namespace) -> int:
    until = args.until or date.today()
    with opened(args) as books, books.read() as cur:
        pending = recurring.due(cur, until, books.currency)
        code = books.currency.code
    if args.json:
        print(json.dumps([{"name": d.template.name, "day": d.day.isoformat(),
                           "journal": d.entry.journal, "label": d.entry.label,
                           "total": f"{d.entry.total_debit:f}", "currency": code,
                           "problems": [str(p) for p in d.problems]} for d in pending],
                         ensure_ascii=False, indent=2))
        return 0
    for d in pending:
        print(f"{d.day}  {d.template.name}  {d.entry.journal}  {d.entry.label}  "
              f"{d.entry.total_debit:f} {code}")
        if d.problems:
            print(f"    cannot be drafted: {d.reason()}")
    blocked = sum(1 for d in pending if d.problems)
    print(f"{len(pending)} due up to {until}" + (f", {blocked} cannot be drafted"
                                                  if blocked else ""))
    return 0


def _propose(args: argparse.Namespace) -> int:
    until = args.until or date.today()
    with opened(args) as books, books.write() as cur:
        said = [f"drafted entry {p.entry_id} on {p.day}: {p.template.name}  {e.journal}  "
                f"{e.label}  {e.total_debit:f} {books.currency.code}"
                for p in recurring.propose_due(cur, until, books.currency)
                for e in [entries.load_entry(cur, p.entry_id, books.currency)]]
    for line in said:
        print(line)
    print(f"{len(said)} drafts up to {until}; review and post them (daftar post FILE --draft ID)")
    return 0
