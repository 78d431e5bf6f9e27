"""``daftar bank import|lines|rules|post``: statements into the company file, and the entries
the ledger lacks for their lines.

``import`` keeps a statement's lines for a bank account (512…) and journal, skipping those
imported before. ``lines`` lists the lines matched to nothing yet, each with its suggested
counterpart and why. ``rules`` keeps the company's rules. ``post`` posts one line's entry and
matches it, on the account given or, with ``--accept``, the one suggested.

``post --all-suggested`` posts every open line that a rule decides, one transaction per line
and in booking-date order, and stops at the first refusal: each line posted is whole (entry and
match), and since a journal is numbered in date order, nothing dated after the refused line is
posted, so the line can still be posted once its cause is fixed and the command run again.
Lines that only the company's history suggests are never posted without a person: ``--accept``.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path
from typing import Any

from app.cli.session import UsageError, UserError, opened
from app.io.bank import FORMATS, check_balance, detect_format, read_statements, require_balanced
from app.io.bank.mappings import load_mapping
from app.io.cells import parse_amount
from app.ledger.bank_rules import DIRECTIONS, Rule, Suggestion, describe, first_rule
from app.ledger.money import from_minor
from app.store import bank
from app.store.books import Books
from app.store.database import StoreError

_PAGE = 500


def register_actions(actions: argparse._SubParsersAction, key_options: Any) -> None:
    """Add ``import``, ``lines``, ``rules`` and ``post`` under ``daftar bank``."""
    p = actions.add_parser(
        "import", help="keep a statement's new lines in a company file",
        description="Read STATEMENT and keep its lines for the bank account and journal; lines "
        "imported before are skipped and counted. Refused whole if it does not add up or is "
        "not in the books' currency.")
    _file(p)
    p.add_argument("statement", type=Path, metavar="STATEMENT")
    p.add_argument("--account", required=True, metavar="NUMBER",
                   help="the ledger bank account (512…)")
    p.add_argument("--journal", required=True, metavar="CODE", help="the bank journal (BQ…)")
    p.add_argument("--format", choices=FORMATS, default="auto")
    p.add_argument("--mapping", metavar="NAME", help="CSV: the saved mapping to read it with")
    p.add_argument("--json", action="store_true")
    key_options(p)
    p.set_defaults(run=_import)

    p = actions.add_parser(
        "lines", help="the open statement lines of a bank account, with suggestions",
        description="The statement lines matched to nothing yet, by date, each with its "
        "suggested counterpart: a rule's, or what this company did with similar lines.")
    _file(p)
    p.add_argument("--account", required=True, metavar="NUMBER", help="the bank account")
    p.add_argument("--limit", type=int, default=_PAGE, metavar="N")
    p.add_argument("--offset", type=int, default=0, metavar="N")
    p.add_argument("--json", action="store_true")
    key_options(p)
    p.set_defaults(run=_lines)

    _register_rules(actions, key_options)

    p = actions.add_parser(
        "post", help="post the entry a statement line lacks, and match them",
        description="Post statement line ID on --account (with --party), or on its suggested "
        "counterpart with --accept; the entry and its match are one transaction. "
        "--all-suggested posts every open line of --bank that a rule decides, in date order, "
        "one line at a time, stopping at the first refusal.")
    _file(p)
    p.add_argument("--line", type=int, metavar="ID", help="the statement line (bank lines)")
    p.add_argument("--account", metavar="NUMBER", help="the counterpart account")
    p.add_argument("--party", metavar="CODE", help="the counterpart's third party")
    p.add_argument("--label", metavar="TEXT", help="the entry's label (default: the line's)")
    p.add_argument("--journal", metavar="CODE", help="default: the statement's journal")
    p.add_argument("--accept", action="store_true", help="take the first suggestion")
    p.add_argument("--all-suggested", action="store_true",
                   help="post every open line of --bank that a rule decides")
    p.add_argument("--bank", metavar="NUMBER", help="with --all-suggested: the bank account")
    key_options(p)
    p.set_defaults(run=_post)


def _file(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", type=Path, metavar="FILE", help="the company file (.daftar)")


def _register_rules(actions: argparse._SubParsersAction, key_options: Any) -> None:
    rules = actions.add_parser("rules", help="the company's rules for statement lines")
    rule_actions = rules.add_subparsers(dest="rule_action", required=True, metavar="ACTION",
                                        parser_class=type(rules))
    p = rule_actions.add_parser(
        "add", help="add a rule",
        description="Lines that match every criterion given go to --account. Texts are "
        "compared without case, accents or punctuation; amounts without their sign.")
    _file(p)
    p.add_argument("name", metavar="NAME")
    p.add_argument("--account", required=True, metavar="NUMBER")
    p.add_argument("--party", metavar="CODE", help="the third party (where the account needs one)")
    p.add_argument("--label-contains", default="", metavar="TEXT")
    p.add_argument("--counterparty-contains", default="", metavar="TEXT")
    p.add_argument("--direction", choices=DIRECTIONS, default="any",
                   help="in: money in, out: money out")
    p.add_argument("--min", default="", metavar="AMOUNT")
    p.add_argument("--max", default="", metavar="AMOUNT")
    p.add_argument("--journal", metavar="CODE", help="default: the statement's journal")
    p.add_argument("--entry-label", default="", metavar="TEXT",
                   help="default: the statement line's label")
    p.add_argument("--priority", type=int, default=100, help="lower first (default 100)")
    key_options(p)
    p.set_defaults(run=_rules_add)

    p = rule_actions.add_parser("list", help="list the rules, in the order they are tried")
    _file(p)
    p.add_argument("--json", action="store_true")
    key_options(p)
    p.set_defaults(run=_rules_list)
    for action, run, help_text in (("delete", _rules_delete, "delete a rule"),
                                   ("disable", _rules_disable, "keep a rule but apply it to "
                                    "nothing"), ("enable", _rules_enable, "apply a rule again")):
        p = rule_actions.add_parser(action, help=help_text)
        _file(p)
        p.add_argument("name", metavar="NAME")
        key_options(p)
        p.set_defaults(run=run)


# --- import -----------------------------------------------------------------------------------

def _import(args: argparse.Namespace) -> int:
    if not args.statement.is_file():
        raise UserError(f"{args.statement}: no such file")
    with opened(args) as books:
        fmt = detect_format(args.statement) if args.format == "auto" else args.format
        mapping = None
        if fmt == "csv":
            if not args.mapping:
                raise UserError(f"{args.statement} is neither camt.053 nor OFX, so it is read "
                                "as CSV: give --mapping NAME")
            mapping = load_mapping(books, args.mapping)
        found = read_statements(args.statement, fmt, mapping=mapping,
                                currency=books.currency.code, account=args.account)
        for statement in found:
            require_balanced(statement)
        with books.write() as cur:
            results = [bank.import_statement(cur, s, account=args.account,
                                             journal=args.journal, fmt=fmt) for s in found]
    if args.json:
        print(json.dumps({"format": fmt, "account": args.account, "journal": args.journal,
                          "statements": [_imported_json(s, r) for s, r in zip(
                              found, results, strict=True)]}, ensure_ascii=False, indent=2))
        return 0
    for statement, result in zip(found, results, strict=True):
        print(f"{statement.path}, {statement.where}: {statement.account or '(no account)'} "
              f"({statement.currency}), {statement.period_start or '?'} to "
              f"{statement.period_end or '?'}")
        print(f"  balances:  {check_balance(statement).reason}")
        into = (f"statement {result.statement_id}" if result.statement_id
                else "nothing new, nothing imported")
        print(f"  {args.account} / {args.journal}: {result.summary} ({into})")
    return 0


def _imported_json(statement: Any, result: bank.Imported) -> dict[str, object]:
    check = check_balance(statement)
    return {"file": str(statement.path), "index": statement.index,
            "identifier": statement.identifier, "bank_account": statement.account,
            "balance_check": {"checked": check.checked, "ok": check.ok,
                              "message": check.reason},
            "statement_id": result.statement_id, "new": result.new,
            "duplicates": result.duplicates, "zero_amount": result.zero}


# --- lines ------------------------------------------------------------------------------------

def _lines(args: argparse.Namespace) -> int:
    with opened(args) as books, books.read() as cur:
        lines = bank.open_lines(cur, args.account, limit=args.limit, offset=args.offset)
        made = bank.suggestions(cur, lines)
    if args.json:
        print(json.dumps([{
            "id": x.id, "statement_id": x.statement_id,
            "booking_date": x.booking_date.isoformat(),
            "value_date": x.value_date and x.value_date.isoformat(), "amount": str(x.amount),
            "label": x.label, "counterparty": x.counterparty, "reference": x.reference,
            "end_to_end_id": x.end_to_end_id,
            "suggestions": [_suggestion_json(s) for s in made[x.id]]} for x in lines],
            ensure_ascii=False, indent=2))
        return 0
    if not lines:
        print(f"no open statement line on {args.account}")
    width = max((len(str(x.amount)) for x in lines), default=0)
    for x in lines:
        party = f"  [{x.counterparty}]" if x.counterparty else ""
        print(f"#{x.id}  {x.booking_date}  {x.amount:>{width}}  {x.label}{party}")
        for n, s in enumerate(made[x.id]):
            print(f"      {'→' if n == 0 else 'or'} {_counterpart(s)}: {s.reason}")
        if not made[x.id]:
            print("      no suggestion")
    return 0


def _counterpart(s: Suggestion) -> str:
    return s.account + (f" {s.third_party}" if s.third_party else "")


def _suggestion_json(s: Suggestion) -> dict[str, object]:
    return {"account": s.account, "third_party": s.third_party, "journal": s.journal,
            "entry_label": s.entry_label, "source": s.source, "reason": s.reason,
            "count": s.count, "total": s.total, "confidence": s.confidence}


# --- rules ------------------------------------------------------------------------------------

def _rules_add(args: argparse.Namespace) -> int:
    with opened(args) as books:
        rule = Rule(args.name, args.account, args.label_contains, args.counterparty_contains,
                    args.direction, _amount(books, args.min, "--min"),
                    _amount(books, args.max, "--max"), args.party or None,
                    args.journal or None, args.entry_label, args.priority)
        with books.write() as cur:
            kept = bank.add_rule(cur, rule)
    print(f"added the bank rule {kept.name!r}: {_rule_text(kept)}")
    return 0


def _amount(books: Books, text: str, option: str) -> Any:
    if not text.strip():
        return None
    try:
        return from_minor(parse_amount(text, books.currency.exponent), books.currency)
    except ValueError as exc:
        raise UserError(f"{option} {text!r}: {exc}") from None


def _rule_text(rule: Rule) -> str:
    to = rule.account + (f" {rule.third_party}" if rule.third_party else "")
    extra = "".join([f", journal {rule.journal}" if rule.journal else "",
                     f", label {rule.entry_label!r}" if rule.entry_label else ""])
    return f"{describe(rule)} → {to}{extra}"


def _rules_list(args: argparse.Namespace) -> int:
    with opened(args) as books, books.read() as cur:
        found = bank.rules(cur)
    if args.json:
        print(json.dumps([{
            "id": r.id, "name": r.name, "priority": r.priority, "active": r.active,
            "label_contains": r.label_contains, "counterparty_contains": r.counterparty_contains,
            "direction": r.direction, "amount_min": r.amount_min and str(r.amount_min),
            "amount_max": r.amount_max and str(r.amount_max), "account": r.account,
            "third_party": r.third_party, "journal": r.journal, "entry_label": r.entry_label,
        } for r in found], ensure_ascii=False, indent=2))
        return 0
    if not found:
        print(f"no bank rule in {args.file}")
    for r in found:
        off = ", off" if not r.active else ""
        print(f"{r.name} (priority {r.priority}{off}): {_rule_text(r)}")
    return 0


def _rules_delete(args: argparse.Namespace) -> int:
    with opened(args) as books, books.write() as cur:
        bank.delete_rule(cur, args.name)
    print(f"deleted the bank rule {args.name!r}")
    return 0


def _rules_disable(args: argparse.Namespace) -> int:
    return _set_active(args, False)


def _rules_enable(args: argparse.Namespace) -> int:
    return _set_active(args, True)


def _set_active(args: argparse.Namespace, active: bool) -> int:
    with opened(args) as books, books.write() as cur:
        bank.set_rule_active(cur, args.name, active)
    print(f"the bank rule {args.name!r} is {'on' if active else 'off'}")
    return 0


# --- post -------------------------------------------------------------------------------------

def _post(args: argparse.Namespace) -> int:
    if args.all_suggested:
        extra = [name for name, given in (
            ("--line", args.line is not None), ("--account", args.account),
            ("--party", args.party), ("--label", args.label), ("--journal", args.journal),
            ("--accept", args.accept)) if given]
        if extra:
            raise UsageError(f"{', '.join(extra)} cannot go with --all-suggested, which posts "
                             "each line as its rule says")
        if not args.bank:
            raise UsageError("--all-suggested needs --bank NUMBER, the bank account whose open "
                             "lines to post")
        return _post_all(args)
    if args.line is None:
        raise UsageError("give --line ID (see daftar bank lines), or --all-suggested --bank N")
    if args.bank:
        raise UsageError("--bank goes with --all-suggested; a line knows its bank account")
    if args.accept and args.account:
        raise UsageError("--accept takes the suggested account; give --account without it to "
                         "choose another")
    with opened(args) as books, books.write() as cur:
        line = bank.bank_line(cur, args.line)
        chosen = _chosen(cur, args, line)
        posted = bank.post_line(cur, line.id, day=date.today(), **chosen)
    _say_posted(posted, line, chosen["account"])
    return 0


def _chosen(cur: Any, args: argparse.Namespace, line: bank.BankLine) -> dict[str, Any]:
    """The counterpart of the command line, or the first suggestion with ``--accept``."""
    if args.account:
        return {"account": args.account, "third_party": args.party, "journal": args.journal,
                "label": args.label or "", "source": "given"}
    made = bank.suggestions(cur, [line])[line.id]
    if not made:
        raise UserError(f"statement line {line.id} has no suggestion: give --account NUMBER "
                        "(and --party CODE where the account needs one)")
    first = made[0]
    if not args.accept:
        raise UserError(f"statement line {line.id}: give --account NUMBER, or --accept to post "
                        f"the suggestion {_counterpart(first)} ({first.reason})")
    return {"account": first.account, "third_party": args.party or first.third_party,
            "journal": args.journal or first.journal,
            "label": args.label or first.entry_label, "source": first.source}


def _say_posted(posted: bank.PostedLine, line: bank.BankLine, account: str) -> None:
    print(f"posted {posted.journal}-{posted.number} (entry {posted.entry_id}) for statement "
          f"line {line.id}: {line.booking_date} {line.amount} on {account}, matched "
          f"(match {posted.match_id})")


def _post_all(args: argparse.Namespace) -> int:
    with opened(args) as books:
        with books.read() as cur:
            lines, page = [], bank.open_lines(cur, args.bank, limit=_PAGE)
            while page:
                lines += page
                page = bank.open_lines(cur, args.bank, limit=_PAGE, offset=len(lines))
            active = bank.rules(cur, active_only=True)
        decided = [(line, rule) for line in lines if (rule := first_rule(active, line))]
        for done, (line, rule) in enumerate(decided):
            try:
                with books.write() as cur:
                    posted = bank.post_line(
                        cur, line.id, account=rule.account, third_party=rule.third_party,
                        journal=rule.journal, label=rule.entry_label, source="rule",
                        day=date.today())
            except StoreError as exc:
                total = _count(len(decided), "line")
                raise UserError(f"stopped after posting {done} of the {total} that rules "
                                f"decide, at rule {rule.name!r}: {exc}") from None
            _say_posted(posted, line, rule.account)
    left = len(lines) - len(decided)
    print(f"posted {_count(len(decided), 'line')} that rules decide on {args.bank}; "
          f"{_count(left, 'open line')} left for a person")
    return 0


def _count(n: int, what: str) -> str:
    return f"{n} {what}" if n == 1 else f"{n} {what}s"
