"""``daftar match``: matching (lettrage) of third-party account lines.

``auto`` letters every exact group it finds (same invoice number, same amount, one line settled
by a few of the other side) on the customer and supplier accounts, or on ``--accounts``;
``add`` letters lines by hand (``--partial`` for an invoice paid in part), or adds them to a
letter; ``remove`` takes a letter off; ``list`` shows an account's lines and letters, a partial
group's letter in lower case. A line is named as ``daftar bank match`` names it: its entry by id
or ``JOURNAL-NUMBER``, and its position (``VT-12:1``).
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path
from typing import Any

from app.cli.bank_reconcile import line_key
from app.cli.session import UserError, account_range, date_argument, opened
from app.ledger.matching import shown_letter
from app.ledger.money import from_minor
from app.reports.balances import in_account_range
from app.store import matching
from app.store.books import Books

_LINE_HELP = ("a line: its entry's id or JOURNAL-NUMBER, and its position, e.g. 45:1 or VT-12:1 "
              "(repeatable)")


def register(sub: argparse._SubParsersAction, key_options: Any) -> None:
    """Add ``daftar match`` and its actions."""
    parser = sub.add_parser(
        "match", help="match (letter) customer and supplier lines: invoices with their payments",
        description="Matching (lettrage): give an invoice and the payments that settle it one "
        "letter on their account. A partial group's letter is shown in lower case.")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION",
                                    parser_class=type(parser))

    p = _action(actions, key_options, "auto", "letter every exact group automatically",
                "Letter the open lines that settle each other exactly, party by party: the "
                "same invoice number, the same amount, or one line settled by two to four of "
                "the other side. Never partial. Default: every customer and supplier account.")
    p.add_argument("--accounts", metavar="LOW[-HIGH]", help="account range, e.g. 411 or 401-419")
    p.add_argument("--date", type=date_argument, metavar="DATE",
                   help="the letters' day (default today)")
    p.add_argument("--dry-run", action="store_true", help="letter nothing, say what would be")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.set_defaults(run=_auto)

    p = _action(actions, key_options, "add", "letter lines by hand",
                "Give the lines a new letter, or add them to --letter; refused unless all are "
                "posted, open, on one account and of one third party, and balance (unless "
                "--partial).")
    p.add_argument("--line", dest="lines", action="append", required=True,
                   metavar="ENTRY:POSITION", help=_LINE_HELP)
    p.add_argument("--letter", metavar="LETTER", help="add the lines to this existing letter")
    p.add_argument("--partial", action="store_true",
                   help="allow a group whose debits and credits differ (a part payment)")
    p.add_argument("--date", type=date_argument, metavar="DATE",
                   help="the letter's day (default today)")
    p.set_defaults(run=_add)

    p = _action(actions, key_options, "remove", "take a letter off its lines",
                "Take LETTER off every line of the account that carries it.")
    p.add_argument("--account", required=True, metavar="NUMBER")
    p.add_argument("--letter", required=True, metavar="LETTER")
    p.set_defaults(run=_remove)

    p = _action(actions, key_options, "list", "show an account's lines and their letters",
                "The posted lines of the account by date, with their letters (lower case: "
                "partial), and the open balance.")
    p.add_argument("--account", required=True, metavar="NUMBER")
    p.add_argument("--party", metavar="CODE", help="only this third party's lines")
    p.add_argument("--open", action="store_true", help="only the lines without a letter")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.set_defaults(run=_list)


def _action(actions: argparse._SubParsersAction, key_options: Any, name: str, help_: str,
            description: str) -> argparse.ArgumentParser:
    p = actions.add_parser(name, help=help_, description=description)
    p.add_argument("file", type=Path, metavar="FILE", help="the company file (.daftar)")
    key_options(p)
    return p


def _account(books: Books, number: str) -> int:
    account = books.accounts().get(number.strip())
    if account is None or account.id is None:
        raise UserError(f"--account {number}: there is no such account")
    return account.id


def _auto(args: argparse.Namespace) -> int:
    day = args.date or date.today()
    low, high = account_range(args.accounts)
    with opened(args) as books:
        accounts = None
        if args.accounts:
            with books.read() as cur:
                accounts = [(i, n) for i, n in matching.matchable_accounts(cur)
                            if in_account_range(n, low, high)]
            if not accounts:
                raise UserError(f"--accounts {args.accounts}: no customer, supplier or other "
                                "third-party account in that range")
        with books.read() if args.dry_run else books.write() as cur:
            result = matching.auto_match(cur, accounts, day, dry_run=args.dry_run)
    if args.json:
        print(json.dumps({
            "dry_run": result.dry_run, "day": day.isoformat(), "accounts": result.accounts,
            "lines_read": result.lines_read, "lines_matched": result.lines_matched,
            "by_pass": result.by_pass(),
            "groups": [{"account": account, "letter": letter, "found_by": found_by,
                        "lines": [list(key) for key in keys]}
                       for account, letter, keys, found_by in result.groups]},
            ensure_ascii=False, indent=2))
        return 0
    verb = "would letter" if result.dry_run else "lettered"
    passes = ", ".join(f"{count} by {name}" for name, count in sorted(result.by_pass().items()))
    print(f"{verb} {len(result.groups)} groups ({result.lines_matched} of "
          f"{result.lines_read} open lines on {result.accounts} accounts)"
          + (f": {passes}" if passes else ""))
    per_account: dict[str, int] = {}
    for account, *_ in result.groups:
        per_account[account] = per_account.get(account, 0) + 1
    for account, count in per_account.items():
        print(f"  {account}: {count} groups")
    return 0


def _add(args: argparse.Namespace) -> int:
    day = args.date or date.today()
    with opened(args) as books:
        keys = [line_key(books, spec) for spec in args.lines]
        with books.write() as cur:
            if args.letter:
                first = matching.account_of(cur, keys[0])
                complete = matching.add_to_letter(cur, first, args.letter, keys, day,
                                                  allow_partial=args.partial)
                letter = args.letter.upper()
            else:
                letter = matching.match_lines(cur, keys, day, allow_partial=args.partial)
                complete = not args.partial or matching.letters(
                    cur, matching.account_of(cur, keys[0]))[letter]
    state = "complete" if complete else "partial"
    print(f"lettered {len(keys)} lines {shown_letter(letter, complete)} ({state})")
    return 0


def _remove(args: argparse.Namespace) -> int:
    with opened(args) as books:
        account_id = _account(books, args.account)
        with books.write() as cur:
            count = matching.unmatch(cur, account_id, args.letter)
    print(f"took the letter {args.letter.upper()} off {count} lines of {args.account}")
    return 0


def _list(args: argparse.Namespace) -> int:
    with opened(args) as books:
        account_id = _account(books, args.account)
        party_id = None
        if args.party:
            party = books.third_parties().get(args.party)
            if party is None or party.id is None:
                raise UserError(f"--party {args.party}: there is no such third party")
            party_id = party.id
        with books.read() as cur:
            lines = matching.account_lines(cur, account_id, party_id, open_only=args.open)
            complete = matching.letters(cur, account_id)
        money = books.currency
    shown = [(line, shown_letter(line.letter, complete[line.letter]) if line.letter else "")
             for line in lines]
    open_balance = sum(line.debit - line.credit for line in lines if line.letter is None)
    if args.json:
        print(json.dumps({
            "account": args.account, "party": args.party,
            "open_balance": str(from_minor(open_balance, money)),
            "lines": [{"entry": line.entry_id, "position": line.position,
                       "name": f"{line.journal}-{line.number}", "date": line.day,
                       "party": line.party, "label": line.label, "reference": line.reference,
                       "debit": str(from_minor(line.debit, money)),
                       "credit": str(from_minor(line.credit, money)),
                       "letter": letter or None, "matched_on": line.matched_on}
                      for line, letter in shown]}, ensure_ascii=False, indent=2))
        return 0
    for line, letter in shown:
        amount = from_minor(line.debit - line.credit, money)
        print(f"{line.day}  {line.journal + '-' + str(line.number):<10} {line.entry_id}:"
              f"{line.position:<3} {line.party:<10} {amount:>14} {letter:<4}  {line.label}")
    print(f"{len(shown)} lines; open balance {from_minor(open_balance, money)} {money.code}")
    return 0
