"""``daftar journal``, ``daftar party`` and ``daftar account``: the books' reference data.

Each command lists, adds or changes one kind of record through ``Books``. Codes and numbers
never change once given (entries and chained lines name them), so ``set`` finds the record by
them and changes the rest; what is not given on the command line keeps its value. Every
refusal is one line and leaves the file as it was: options are checked before the file is
opened, values before anything is written.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from app.cli.session import UsageError, UserError, opened
from app.ledger.identifiers import IDENTIFIERS, identifier_problem
from app.ledger.model import (
    Account,
    AccountKind,
    Journal,
    JournalKind,
    ThirdParty,
    ThirdPartyKind,
)
from app.store.books import Books

ACTIONS = ("list", "add", "set")
YES_NO = ("yes", "no")


def register(sub: argparse._SubParsersAction, key_options: Any) -> None:
    p = _command(sub, key_options, "journal", _journal,
                 "list the journals, add one (a second bank journal, say) or change one",
                 "Journal codes are 1 to 8 upper-case letters or digits and never change; "
                 "a deactivated journal keeps its entries and takes no new ones.")
    p.add_argument("--code", help="add/set: the journal's code, e.g. BQ2")
    p.add_argument("--label", help="add/set: its label")
    p.add_argument("--kind", choices=[k.value for k in JournalKind],
                   help="add/set: what it is for (add: default misc)")
    _active_option(p)

    p = _command(sub, key_options, "party", _party,
                 "list the third parties (customers, suppliers, others), add or change one",
                 "A third party's code never changes once lines name it; its NIF, NIS, RC and AI "
                 "are checked for their shape as the company's are.")
    p.add_argument("--code", help="add/set: the third party's code, e.g. CLIENT1")
    p.add_argument("--name", help="add/set: its name")
    p.add_argument("--kind", choices=[k.value for k in ThirdPartyKind],
                   help="add/set: customer, supplier or other (add: default other)")
    for legal in IDENTIFIERS:
        p.add_argument(f"--{legal}", help=f"add/set: its {legal.upper()} ('' clears it)")
    p.add_argument("--address", help="add/set: its address")
    p.add_argument("--payment-days", metavar="N",
                   help="add/set: payment terms, 0 to 999 days: its lines on customer and "
                        "supplier accounts fall due N days after their date ('' removes them)")
    _active_option(p)

    p = _command(sub, key_options, "account", _account,
                 "list the chart of accounts, open a sub-account or change one",
                 "An account's number and kind never change; a new account inherits its "
                 "parent's kind and third-party need unless told otherwise.")
    p.add_argument("--number", help="add/set: the account's number, e.g. 512100")
    p.add_argument("--label", help="add/set: its French label, the chart's reference language")
    p.add_argument("--label-en", help="add/set: its English label (add: default the French)")
    p.add_argument("--label-ar", help="add/set: its Arabic label (add: default the French)")
    p.add_argument("--kind", choices=[k.value for k in AccountKind],
                   help="add: its kind (default its parent's)")
    p.add_argument("--third-party", choices=YES_NO,
                   help="add/set: whether its lines must name a third party (add: default its "
                        "parent's)")
    _active_option(p)
    p.add_argument("--class", dest="account_class", metavar="K",
                   help="list: only the accounts of class K (1 to 9)")


def _command(sub: argparse._SubParsersAction, key_options: Any, name: str,
             run: Callable[[argparse.Namespace], int], help_: str,
             epilog: str) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help=help_, description=f"{help_[0].upper()}{help_[1:]}. {epilog}")
    p.add_argument("action", choices=ACTIONS)
    p.add_argument("file", type=Path, metavar="FILE", help="the company file (.daftar)")
    key_options(p)
    p.add_argument("--json", action="store_true", help="list: print JSON")
    p.set_defaults(run=run)
    return p


def _active_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--active", choices=YES_NO,
                   help="add/set: 'no' keeps it in the books but refuses anything new on it")


# --- checking the options before the file is opened ------------------------------------------

def _given(args: argparse.Namespace, names: Sequence[str]) -> dict[str, Any]:
    """The options of ``names`` the command line gave, by name."""
    return {name: getattr(args, name) for name in names if getattr(args, name) is not None}


def _flag(name: str) -> str:
    return "--class" if name == "account_class" else "--" + name.replace("_", "-")


def _check(args: argparse.Namespace, noun: str, key: str, fields: Sequence[str],
           only: dict[str, str] | None = None) -> dict[str, Any]:
    """The options ``add`` or ``set`` gives, by name, once they fit the action.

    ``key`` is the option naming the record, ``fields`` what may change; ``only`` names options
    the action refuses although the command knows them, and why. An option that does not apply
    is refused, never ignored.
    """
    names = (key, *fields, *(["account_class"] if hasattr(args, "account_class") else []))
    given = _given(args, names) | ({"json": True} if args.json else {})
    allowed = {"json", "account_class"} if args.action == "list" else {key, *fields}
    refused = [f"{_flag(n)} cannot go with '{noun} {args.action}'"
               for n in given if n not in allowed]
    refused += [f"{_flag(n)} cannot go with '{noun} {args.action}': {why}"
                for n, why in (only or {}).items() if n in given]
    if refused:
        raise UsageError("; ".join(refused))
    if args.action == "list":
        return {}
    if key not in given:
        raise UsageError(f"'{noun} {args.action}' needs {_flag(key)}")
    if args.action == "set" and len(given) == 1:
        changeable = [_flag(f) for f in fields if f not in (only or {})]
        raise UsageError(f"give what to change: {', '.join(changeable)}")
    return given


def _yes(value: str | None) -> bool | None:
    return None if value is None else value == "yes"


# --- printing ------------------------------------------------------------------------------

def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Columns padded to their widest cell; the last column, free text, is never padded."""
    widths = [max(len(str(row[i])) for row in (headers, *rows)) for i in range(len(headers))]
    for row in (headers, *rows):
        cells = [str(c).ljust(w) for c, w in zip(row[:-1], widths, strict=False)]
        print("  ".join([*cells, str(row[-1])]).rstrip())


def _active(active: bool) -> str:
    return "active" if active else "inactive"


# --- journals ------------------------------------------------------------------------------

def _journal(args: argparse.Namespace) -> int:
    changes = _check(args, "journal", "code", ("label", "kind", "active"))
    with opened(args) as books:
        if args.action == "list":
            _list_journals(books.journals().values(), args.json)
            return 0
        code = changes["code"]
        if args.action == "add":
            if "label" not in changes:
                raise UsageError("'journal add' needs --label")
            journal = books.add_journal(Journal(
                code, changes["label"], JournalKind(changes.get("kind", JournalKind.MISC)),
                _yes(changes.get("active")) is not False))
            print(f"added {_journal_line(journal)}")
            return 0
        journal = books.journal(code)
        if "label" in changes or "kind" in changes:
            journal = books.update_journal(
                code, label=changes.get("label", journal.label),
                kind=JournalKind(changes.get("kind", journal.kind)))
        if "active" in changes:
            journal = books.set_journal_active(code, bool(_yes(changes["active"])))
    print(f"changed {_journal_line(journal)}")
    return 0


def _journal_line(journal: Journal) -> str:
    return (f"journal {journal.code}: {journal.label} ({journal.kind.value}, "
            f"{_active(journal.active)})")


def _list_journals(journals: Iterable[Journal], as_json: bool) -> None:
    if as_json:
        print(json.dumps([{"code": j.code, "label": j.label, "kind": j.kind.value,
                           "active": j.active} for j in journals], indent=2, ensure_ascii=False))
        return
    _table(("code", "kind", "state", "label"),
           [(j.code, j.kind.value, _active(j.active), j.label) for j in journals])


# --- third parties -------------------------------------------------------------------------

PARTY_DETAILS = ("name", "kind", *IDENTIFIERS, "address", "payment_days")
PARTY_FIELDS = (*PARTY_DETAILS, "active")


def _party(args: argparse.Namespace) -> int:
    changes = _check(args, "party", "code", PARTY_FIELDS)
    if "payment_days" in changes:
        changes["payment_days"] = _payment_days(changes["payment_days"])
    with opened(args) as books:
        if args.action == "list":
            _list_parties(books.third_parties().values(), args.json)
            return 0
        _check_identifiers(books, changes)
        code = changes["code"]
        if args.action == "add":
            party = _add_party(books, changes)
            print(f"added {_party_line(party)}")
            return 0
        party = books.third_parties().get(code)
        if party is None:
            raise UserError(f"third party {code} does not exist")
        details = {f: changes[f] for f in PARTY_DETAILS if f in changes}
        if details:
            merged = {f: getattr(party, f) for f in PARTY_DETAILS} | details
            party = books.update_third_party(
                code, name=merged["name"], kind=ThirdPartyKind(merged["kind"]),
                nif=merged["nif"], nis=merged["nis"], rc=merged["rc"], ai=merged["ai"],
                address=merged["address"], payment_days=merged["payment_days"])
        if "active" in changes:
            books.set_third_party_active(code, bool(_yes(changes["active"])))
            party = books.third_parties()[code]
    print(f"changed {_party_line(party)}")
    return 0


def _payment_days(text: str) -> int | None:
    """``--payment-days``: a whole number of days, or '' for no terms."""
    if not text.strip():
        return None
    if not (text.strip().isascii() and text.strip().isdigit()) or int(text) > 999:
        raise UsageError(f"--payment-days {text!r}: expected 0 to 999 days, or '' for none")
    return int(text)


def _check_identifiers(books: Books, changes: dict[str, Any]) -> None:
    """The same shape checks as the company's own identifiers, under the company's chart."""
    wrong = [f"--{name}: {found}" for name in IDENTIFIERS if name in changes
             if (found := identifier_problem(books.company.chart, name, changes[name]))]
    if wrong:
        raise UserError("; ".join(wrong))


def _add_party(books: Books, changes: dict[str, Any]) -> ThirdParty:
    code = changes["code"].strip()
    if not code or any(c.isspace() or c == ":" for c in code):
        # ``post --debit ACCOUNT:AMOUNT:PARTY`` and the ledger texts split on these.
        raise UserError(f"third-party code {changes['code']!r} must be non-empty, without "
                        "spaces or ':'")
    if "name" not in changes:
        raise UsageError("'party add' needs --name")
    name = changes["name"].strip()
    if not name:
        raise UserError(f"third party {code} needs a name")
    return books.add_third_party(ThirdParty(
        code, name, ThirdPartyKind(changes.get("kind", ThirdPartyKind.OTHER)),
        **{f: changes.get(f, "").strip() for f in (*IDENTIFIERS, "address")},
        active=_yes(changes.get("active")) is not False,
        payment_days=changes.get("payment_days")))


def _party_line(party: ThirdParty) -> str:
    ids = ", ".join(f"{f.upper()} {getattr(party, f)}" for f in IDENTIFIERS if getattr(party, f))
    terms = f", {_terms(party)}" if party.payment_days is not None else ""
    return (f"third party {party.code}: {party.name} ({party.kind.value}, "
            f"{_active(party.active)}{terms}{', ' + ids if ids else ''})")


def _terms(party: ThirdParty) -> str:
    return "" if party.payment_days is None else f"{party.payment_days} days"


def _list_parties(parties: Iterable[ThirdParty], as_json: bool) -> None:
    if as_json:
        print(json.dumps([{"code": p.code, "name": p.name, "kind": p.kind.value, "nif": p.nif,
                           "nis": p.nis, "rc": p.rc, "ai": p.ai, "address": p.address,
                           "active": p.active, "payment_days": p.payment_days}
                          for p in parties], indent=2, ensure_ascii=False))
        return
    _table(("code", "kind", "state", "nif", "terms", "name"),
           [(p.code, p.kind.value, _active(p.active), p.nif, _terms(p), p.name)
            for p in parties])


# --- accounts ------------------------------------------------------------------------------

ACCOUNT_FIELDS = ("label", "label_en", "label_ar", "kind", "third_party", "active")
_KIND_STAYS = {"kind": "an account's kind is set when it is opened and never changes"}


def _account(args: argparse.Namespace) -> int:
    only = _KIND_STAYS if args.action == "set" else None
    changes = _check(args, "account", "number", ACCOUNT_FIELDS, only)
    wanted_class = _account_class(args.account_class)
    with opened(args) as books:
        if args.action == "list":
            accounts = [a for a in books.accounts().values()
                        if wanted_class is None or a.account_class == wanted_class]
            _list_accounts(accounts, args.json)
            return 0
        if args.action == "add":
            account = _add_account(books, changes)
            print(f"added {_account_line(account)}")
            return 0
        number = changes["number"]
        account = books.account(number)
        if set(changes) & {"label", "label_en", "label_ar", "third_party"}:
            needs = _yes(changes.get("third_party"))
            account = books.update_account(
                number, label_fr=changes.get("label", account.label_fr),
                label_en=changes.get("label_en", account.label_en),
                label_ar=changes.get("label_ar", account.label_ar),
                needs_third_party=account.needs_third_party if needs is None else needs)
        if "active" in changes:
            books.set_account_active(number, bool(_yes(changes["active"])))
            account = books.account(number)
    print(f"changed {_account_line(account)}")
    return 0


def _account_class(text: str | None) -> int | None:
    if text is None:
        return None
    if len(text) != 1 or text not in "123456789":
        raise UsageError(f"--class {text!r}: expected one digit, 1 to 9")
    return int(text)


def _add_account(books: Books, changes: dict[str, Any]) -> Account:
    """Open the account, then deactivate it if asked: the second step cannot be refused."""
    if "label" not in changes:
        raise UsageError("'account add' needs --label")
    label = changes["label"].strip()
    if not label:
        raise UserError(f"account {changes['number']} needs a French label")
    kind = changes.get("kind")
    account = books.add_account(
        changes["number"], label, label_en=changes.get("label_en", "").strip(),
        label_ar=changes.get("label_ar", "").strip(),
        kind=AccountKind(kind) if kind else None,
        needs_third_party=_yes(changes.get("third_party")))
    if _yes(changes.get("active")) is False:
        books.set_account_active(account.number, False)
        account = books.account(account.number)
    return account


def _account_flags(account: Account) -> str:
    flags = [] if account.postable else ["heading"]
    flags += ["third party"] if account.needs_third_party else []
    flags += [] if account.active else ["inactive"]
    return ", ".join(flags)


def _account_line(account: Account) -> str:
    flags = _account_flags(account)
    return (f"account {account.number}: {account.label_fr} ({account.kind.value}"
            f"{', ' + flags if flags else ''})")


def _list_accounts(accounts: Sequence[Account], as_json: bool) -> None:
    if as_json:
        print(json.dumps([{"number": a.number, "label_fr": a.label_fr, "label_en": a.label_en,
                           "label_ar": a.label_ar, "kind": a.kind.value, "postable": a.postable,
                           "needs_third_party": a.needs_third_party, "active": a.active}
                          for a in accounts], indent=2, ensure_ascii=False))
        return
    _table(("number", "kind", "flags", "label"),
           [(a.number, a.kind.value, _account_flags(a), a.label_fr) for a in accounts])
