"""``daftar``: the command line over a company file.

Every command that opens a file takes its key from ``--key-file`` (or ``DAFTAR_KEY_FILE``),
``--passphrase`` (asked for, or ``DAFTAR_PASSPHRASE``), ``--recovery-key`` (asked for, or
``DAFTAR_RECOVERY_KEY``), or else the OS credential store. A user error prints one line on stderr
and exits 1; success exits 0.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from app import __version__
from app.cli import (
    backups,
    bank,
    cloud,
    commands,
    entries,
    fec,
    matching,
    printing,
    recurring,
    reference,
    reports,
    session,
    updates,
    years,
)
from app.reports.render import FORMATS

REPORTS = ("trial-balance", "general-ledger", "journal", "balance-sheet", "income-statement",
           "cash-flow", "third-parties", "vat", "aged-balance")


DEFAULT_PARTY_HELP = ("lines with no third party on accounts starting with ACCOUNT take PARTY "
                      "(a code or a name, created if new); repeat for other accounts")


class _Parser(argparse.ArgumentParser):
    """Argument errors follow the command's rule: one line on stderr, exit status 1."""

    def error(self, message: str) -> NoReturn:
        self.exit(1, f"{self.prog}: error: {message} (see {self.prog} --help)\n")



def _key_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("key (default: the OS credential store)")
    group.add_argument("--key-file", type=Path, default=os.environ.get("DAFTAR_KEY_FILE"),
                       help="file holding the key (env DAFTAR_KEY_FILE)")
    group.add_argument("--passphrase", action="store_true",
                       help="derive the key from a passphrase (asked for, or DAFTAR_PASSPHRASE)")
    group.add_argument("--recovery-key", action="store_true",
                       help="open with the recovery key (asked for, or DAFTAR_RECOVERY_KEY)")


def _screenshots(args: argparse.Namespace) -> int:
    """Qt is imported here only: every other command runs where no Qt is installed."""
    from app.ui import screenshots

    return screenshots.main([str(args.outdir), "--lang", args.lang])


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="daftar", description="Daftar: double-entry books in one encrypted file per company.")
    parser.add_argument("--version", action="version", version=f"daftar {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, run: Callable[[argparse.Namespace], int], help_: str,
                opens: bool = True) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_)
        p.set_defaults(run=run)
        if opens:
            p.add_argument("file", type=Path, metavar="FILE", help="the company file (.daftar)")
            _key_options(p)
        return p

    p = command("new", commands.new, "create a company file")
    p.add_argument("--name", required=True)
    p.add_argument("--chart", choices=("scf", "pcg"), default="scf")
    p.add_argument("--currency", default="DZD")
    p.add_argument("--fiscal-year-start", type=session.date_argument, required=True, metavar="DATE",
                   help="first day of the first fiscal year")
    p.add_argument("--first-year-end", type=session.date_argument, metavar="DATE",
                   help="last day of a short or long first fiscal year, at most 24 months on "
                   "(default: twelve months on); the years after it last twelve months")
    for legal in ("nif", "nis", "rc", "ai"):
        p.add_argument(f"--{legal}", default="", help=f"legal identifier {legal.upper()}")
    p.add_argument("--address", default="")

    p = command("demo", commands.demo, "create a demo company with a year of books", opens=False)
    p.add_argument("file", type=Path, nargs="?", default=Path("demo.daftar"), metavar="FILE")
    _key_options(p)

    p = command("import-journal", commands.import_journal, "import and post a CSV journal")
    p.add_argument("csv", type=Path, metavar="CSV")
    p.add_argument("--default-party", action="append", default=[], metavar="ACCOUNT=PARTY",
                   help=DEFAULT_PARTY_HELP)

    p = command("post", entries.post, "post an entry (or a saved draft with --draft)")
    p.add_argument("--draft", type=int, metavar="ID", help="post the draft with this id")
    p.add_argument("--journal")
    p.add_argument("--date", type=session.date_argument)
    p.add_argument("--label", default="")
    p.add_argument("--reference", default="")
    p.add_argument("--debit", action="append", default=[],
                   metavar="ACCOUNT:AMOUNT[:PARTY[:TAX]]",
                   help="a debit line; TAX a tax code such as TVA19 or DED19 (VAT returns)")
    p.add_argument("--credit", action="append", default=[],
                   metavar="ACCOUNT:AMOUNT[:PARTY[:TAX]]")
    p.add_argument("--save-draft", action="store_true", help="save as a draft, do not post")

    p = command("reverse", entries.reverse, "post the reversal of a posted entry")
    p.add_argument("entry", type=int, metavar="ENTRY_ID")
    p.add_argument("--date", type=session.date_argument, required=True)
    p.add_argument("--label")

    p = command("report", reports.report, "print a report", opens=False)
    p.add_argument("kind", choices=REPORTS)
    p.add_argument("file", type=Path, metavar="FILE")
    _key_options(p)
    p.add_argument("--from", dest="start", type=session.date_argument, metavar="DATE")
    p.add_argument("--to", dest="end", type=session.date_argument, metavar="DATE")
    p.add_argument("--format", choices=FORMATS, default="text")
    p.add_argument("--accounts", metavar="LOW[-HIGH]", help="account range, e.g. 4 or 401-419")
    p.add_argument("--journal", action="append", default=[],
                   help="journal listing and trial balance: only these journals")
    p.add_argument("--lang", choices=("fr", "en", "ar"),
                   help="language of account and line labels (default fr)")
    p.add_argument("--output", "-o", type=Path, help="write to this file instead of stdout")
    p.add_argument("--payables", action="store_true",
                   help="aged-balance: what is owed to suppliers (default: owed by customers)")
    p.add_argument("--detail", action="store_true",
                   help="aged-balance: every open line under its third party")

    command("verify", commands.verify, "check the hash chain, numbering, balances and file")

    p = command("company", commands.company,
                "show the company, or set its name, address and legal identifiers", opens=False)
    p.add_argument("action", choices=("show", "set"))
    p.add_argument("file", type=Path, metavar="FILE")
    _key_options(p)
    for field in ("name", "nif", "nis", "rc", "ai", "address"):
        p.add_argument(f"--{field}", help=f"set: the new {field.upper()}" if len(field) < 4
                       else f"set: the new {field}")

    p = command("lock", commands.lock, "lock the books up to a date (inclusive)")
    p.add_argument("date", type=session.date_argument)

    p = command("fiscal-year", years.fiscal_year,
                "list or open fiscal years; check or close one (its à-nouveaux open the next)",
                opens=False)
    p.add_argument("action", choices=("list", "open-next", "check", "close", "allocate"))
    p.add_argument("file", type=Path, metavar="FILE")
    _key_options(p)
    p.add_argument("--start", type=session.date_argument,
                   help="check, close: the first day of the year to close")
    p.add_argument("--dry-run", action="store_true",
                   help="close: say what closing would do (result, à-nouveaux), change nothing")
    p.add_argument("--date", type=session.date_argument,
                   help="allocate: the day of the general meeting that decided it")
    p.add_argument("--to", action="append", default=[], metavar="ACCOUNT[:AMOUNT]",
                   help="allocate: a share of the result (1061:50000, 457:200000); one account "
                   "without an amount takes the rest")

    p = command("key", commands.key, "recovery key and rekeying", opens=False)
    p.add_argument("action", choices=("show-recovery", "rekey"))
    p.add_argument("file", type=Path, metavar="FILE")
    _key_options(p)
    p.add_argument("--new-passphrase", action="store_true",
                   help="rekey: protect with a new passphrase (DAFTAR_NEW_PASSPHRASE)")

    cloud.register(sub, _Parser)
    updates.register(sub, _Parser)
    backups.register(sub, _key_options)
    printing.register(sub, _key_options)
    fec.register(sub, _key_options)
    reference.register(sub, _key_options)
    bank.register(sub, _key_options)
    matching.register(sub, _key_options)
    recurring.register(sub, _key_options)

    p = command("screenshots", _screenshots, "render the main screens of the demo company as "
                "PNG files", opens=False)
    p.add_argument("outdir", type=Path, metavar="OUTDIR")
    p.add_argument("--lang", choices=("en", "fr", "ar"), default="en")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print("daftar: interrupted; nothing was changed by the unfinished command",
              file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except session.USER_ERRORS as exc:
        print(f"daftar: error: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:
        if os.environ.get("DAFTAR_DEBUG"):
            raise
        print(f"daftar: internal error ({type(exc).__name__}: {exc}); "
              "run again with DAFTAR_DEBUG=1 for the details and report it", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
