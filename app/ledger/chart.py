"""Charts of accounts: the hierarchy rules shared by templates and accounts created later.

An account's parent is the longest other account number that is a prefix of it, the way SCF and
PCG numbers nest (``4`` → ``41`` → ``411`` → ``4111``); a new sub-account inherits its parent's
kind and third-party requirement, so ``411100`` created by an import still demands a customer.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from app.ledger.model import Account, AccountKind

CHARTS = ("scf", "pcg")


def parent_number(number: str, existing: Iterable[str]) -> str | None:
    """The number of ``number``'s parent among ``existing``: its longest strict prefix."""
    best: str | None = None
    for other in existing:
        longer = best is None or len(other) > len(best)
        if len(other) < len(number) and number.startswith(other) and longer:
            best = other
    return best


def valid_number(number: str) -> bool:
    return number.isascii() and number.isdigit() and number[0] != "0" and len(number) <= 12


def derived_account(number: str, label: str, accounts: Mapping[str, Account]) -> Account:
    """A new postable account under its parent, inheriting what a sub-account should inherit."""
    if not valid_number(number):
        raise ValueError(f"{number!r} is not an account number (digits, not starting with 0)")
    parent = accounts.get(parent_number(number, accounts) or "")
    return Account(
        number=number,
        label_fr=label,
        label_en=label,
        label_ar=label,
        kind=parent.kind if parent else AccountKind.GENERAL,
        postable=True,
        needs_third_party=parent.needs_third_party if parent else False,
    )


def parse_chart_rows(rows: Iterable[Mapping[str, str]]) -> list[Account]:
    """Accounts from a template's CSV rows (``number,kind,postable,third_party,label_*``)."""
    return [
        Account(
            number=row["number"].strip(),
            label_fr=row["label_fr"].strip(),
            label_en=row["label_en"].strip(),
            label_ar=row["label_ar"].strip(),
            kind=AccountKind(row["kind"].strip()),
            postable=row["postable"].strip() == "1",
            needs_third_party=row["third_party"].strip() == "1",
        )
        for row in rows
    ]
