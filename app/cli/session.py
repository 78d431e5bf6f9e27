"""What every ``daftar`` command shares: opening the company file with its key, the errors a
command reports in one line, and the options many commands read (the period, an account range,
default third parties)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from app.errors import USER_ERRORS as SHARED_USER_ERRORS
from app.io.cells import parse_date
from app.reports import statements
from app.store.books import Books
from app.store.company import KeySource, open_company
from sync.client.gate import write_gate


class UserError(Exception):
    """Anything the user can fix; printed as one line, exit status 1."""


class UsageError(UserError):
    """Options that do not go together, found before the file is opened; exit status 1, like
    the argument errors of the parser."""


USER_ERRORS = (UserError, *SHARED_USER_ERRORS, ValueError, OverflowError, OSError)
def secret(env: str, prompt: str) -> str:
    """A secret from the environment, else asked for without echo."""
    value = os.environ.get(env)
    if value:
        return value
    if not sys.stdin.isatty():
        raise UserError(f"{prompt.rstrip(': ')} is needed: set {env} or run interactively")
    return getpass.getpass(prompt)


def key_source(args: argparse.Namespace, *, creating: bool = False) -> KeySource:
    chosen = sum(bool(x) for x in (args.key_file, args.passphrase, args.recovery_key))
    if chosen > 1:
        raise UserError("give one of --key-file, --passphrase and --recovery-key")
    if args.passphrase:
        phrase = secret("DAFTAR_PASSPHRASE", "Passphrase: ")
        confirm = creating and not os.environ.get("DAFTAR_PASSPHRASE")
        if confirm and getpass.getpass("Passphrase again: ") != phrase:
            raise UserError("the two passphrases differ")
        return KeySource(passphrase=phrase)
    if args.recovery_key:
        return KeySource(recovery_key=secret("DAFTAR_RECOVERY_KEY", "Recovery key: "))
    return KeySource(key_file=Path(args.key_file) if args.key_file else None)


@contextmanager
def opened(args: argparse.Namespace, source: KeySource | None = None) -> Iterator[Books]:
    """The books of ``args.file``, with the cloud's write gate (licence, writer lease) on."""
    books = open_company(args.file, source or key_source(args))
    books.db.write_gate = write_gate(books.db)
    try:
        yield books
    finally:
        books.close()


def default_parties(specs: Sequence[str]) -> dict[str, str]:
    """``--default-party ACCOUNT=PARTY`` options as {account prefix: party code or name}."""
    out = {}
    for spec in specs:
        account, sep, party = spec.partition("=")
        if not sep or not account.strip().isdigit() or not party.strip():
            raise UsageError(f"--default-party {spec!r}: expected ACCOUNT=PARTY, e.g. 409=DIVERS")
        out[account.strip()] = party.strip()
    return out


def print_defaulted(defaulted: dict[str, int]) -> None:
    """Say which lines took a default party: the accountant reviews them after a take-on."""
    for account, count in sorted(defaulted.items()):
        print(f"{count} lines on {account} had no third party and took the default one")


def date_argument(text: str) -> date:
    """An option's date: ISO ``2025-03-31`` or ``31/03/2025``, as the imports read dates; a
    bad one is argparse's one-line error naming the option."""
    try:
        return parse_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def period(books: Books, start: date | None, end: date | None) -> tuple[date, date]:
    """Missing ends come from the fiscal year of the other, or the latest fiscal year."""
    years = books.fiscal_years()
    if start is None and end is None:
        return years[-1].start, years[-1].end
    if start is None:
        return statements.fiscal_year_range(books, end)[0], end  # type: ignore[arg-type]
    if end is None:
        return start, statements.fiscal_year_range(books, start)[1]
    if end < start:
        raise UserError(f"--to {end} is before --from {start}")
    return start, end


def account_range(text: str | None) -> tuple[str | None, str | None]:
    if not text:
        return None, None
    low, _, high = text.partition("-")
    if not low.isdigit() or (high and not high.isdigit()):
        raise UserError(f"--accounts {text!r}: expected digits like 4 or 401-419")
    return low, high or low


