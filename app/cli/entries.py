"""``daftar post`` and ``daftar reverse``: an entry typed on the command line, checked by the same
rules as the desktop's editor, every problem listed at once and nothing written on a refusal."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import replace

from app.cli.session import UsageError, UserError, opened
from app.io.cells import parse_amount
from app.ledger.model import Entry, EntryId, Line, Problem
from app.ledger.money import Currency, from_minor
from app.ledger.rules import PostingRefused
from app.store import entries
from app.store.books import Books
from app.store.entry_checks import entry_problems
from sync.client import usage


def _line(spec: str, side: str, currency: Currency) -> Line:
    """One ``ACCOUNT:AMOUNT[:PARTY[:TAX]]``, the amount written as the CSV import reads it."""
    parts = spec.split(":")
    if len(parts) not in (2, 3, 4) or not parts[0].strip() or not parts[1].strip():
        raise ValueError("expected ACCOUNT:AMOUNT, ACCOUNT:AMOUNT:PARTY or "
                         "ACCOUNT:AMOUNT:PARTY:TAX (PARTY may be empty)")
    amount = from_minor(parse_amount(parts[1], currency.exponent), currency)
    party = parts[2].strip() if len(parts) >= 3 and parts[2].strip() else None
    tax = parts[3].strip() if len(parts) == 4 and parts[3].strip() else None
    if side == "debit":
        return Line(parts[0].strip(), debit=amount, third_party=party, tax=tax)
    return Line(parts[0].strip(), credit=amount, third_party=party, tax=tax)


def _lines(args: argparse.Namespace, currency: Currency) -> tuple[dict[int, Line], list[str]]:
    """The lines of ``--debit`` then ``--credit`` by their line number, and every bad spec."""
    lines: dict[int, Line] = {}
    errors: list[str] = []
    specs = [("debit", n, s) for n, s in enumerate(args.debit, 1)]
    specs += [("credit", n, s) for n, s in enumerate(args.credit, 1)]
    for number, (side, n, spec) in enumerate(specs, 1):
        try:
            lines[number] = _line(spec, side, currency)
        except ValueError as exc:
            errors.append(f"--{side} {spec!r} (#{n}, line {number}): {exc}")
    return lines, errors


def _renumbered(problems: Sequence[Problem], numbers: list[int]) -> list[Problem]:
    """Problems of the lines that parsed, told by their line numbers on the command line.

    The entry's totals are left out: with a line missing, they say nothing.
    """
    return [replace(p, line=numbers[p.line - 1]) if p.line is not None else p
            for p in problems if p.line is not None or p.field not in ("amount", "lines")]


def _draft_problems(books: Books, draft: Entry) -> list[Problem]:
    """What saving ``draft`` would refuse, learnt by saving it in a transaction undone after."""

    class Undo(Exception):
        pass

    try:
        with books.write() as cur:
            entries.save_draft(cur, draft, books.currency)
            raise Undo
    except PostingRefused as refused:
        return list(refused.problems)
    except Undo:
        return []


def _refuse(errors: list[str], problems: Sequence[Problem]) -> None:
    if errors or problems:
        raise UserError("; ".join([*errors, *(str(p) for p in problems)]))


def _new_entry(args: argparse.Namespace, books: Books) -> Entry:
    """The entry of the command line, or every reason it cannot be saved or posted at once."""
    lines, errors = _lines(args, books.currency)
    draft = Entry(args.journal, args.date, args.label, tuple(lines.values()),
                  reference=args.reference)
    if errors:
        found = _draft_problems(books, draft) if args.save_draft else entry_problems(books, draft)
        _refuse(errors, _renumbered(found, list(lines)))
    elif not args.save_draft:
        _refuse([], entry_problems(books, draft))
    return draft


def _check_post_options(args: argparse.Namespace) -> None:
    if args.draft is not None:
        extra = [name for name, given in (
            ("--journal", args.journal), ("--date", args.date), ("--label", args.label),
            ("--reference", args.reference), ("--debit", args.debit),
            ("--credit", args.credit), ("--save-draft", args.save_draft)) if given]
        if extra:
            raise UsageError(f"{', '.join(extra)} cannot go with --draft, which posts the saved "
                             "draft as it is")
    elif not (args.journal and args.date and (args.debit or args.credit)):
        raise UsageError("give --journal, --date and --debit/--credit lines (or --draft ID)")


def post(args: argparse.Namespace) -> int:
    _check_post_options(args)
    with opened(args) as books:
        if args.draft is not None:
            entry = books.post(EntryId(args.draft))
        else:
            draft = _new_entry(args, books)
            if args.save_draft:
                entry = books.save_draft(draft)
                print(f"saved draft {entry.id}")
                return 0
            entry = books.post(draft)
    usage.count("entries.posted")
    print(f"posted {entry.journal}-{entry.number} (entry {entry.id}) on {entry.date}: "
          f"{entry.total_debit:f} {books.currency.code}")
    return 0


def reverse(args: argparse.Namespace) -> int:
    with opened(args) as books:
        entry = books.reverse(EntryId(args.entry), args.date, args.label)
    print(f"posted reversal {entry.journal}-{entry.number} (entry {entry.id}) of entry "
          f"{args.entry}")
    return 0


