"""``daftar fec``: the French Fichier des Écritures Comptables, exported, checked and imported.

``export`` writes one fiscal year's FEC and checks it before saying it is done; ``check`` holds
any FEC to the published structural rules and lists every problem on stdout (exit 1 if any);
``import`` posts a FEC from other software into a company, all of it or nothing.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from app.cli.session import UserError, date_argument, default_parties, opened, print_defaulted
from app.io.fec import SEPARATORS, check_fec, export_fec, import_fec
from app.ledger.model import FiscalYear


def register(sub: argparse._SubParsersAction, key_options: Any) -> None:
    parser = sub.add_parser(
        "fec", help="export, check or import a FEC (Fichier des Écritures Comptables)",
        description="The French FEC (art. A47 A-1 LPF): export a fiscal year, check a file "
        "against the published rules, or import one written by other software.")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION",
                                    parser_class=type(parser))

    p = actions.add_parser("export", help="write the FEC of a fiscal year",
                           description="Write <SIREN>FEC<closing date>.txt for one fiscal year "
                           "(default: the latest year that has ended, else the current one).")
    p.add_argument("file", type=Path, metavar="FILE", help="the company file (.daftar)")
    p.add_argument("--year", type=date_argument, metavar="START",
                   help="a day of the fiscal year to export, usually its first")
    p.add_argument("--output", type=Path, default=Path("."), metavar="DIR",
                   help="the folder to write into (default: the current one)")
    p.add_argument("--separator", choices=tuple(SEPARATORS), default="tab")
    p.add_argument("--siren", metavar="N",
                   help="the SIREN naming the file (default: the first 9 digits of the NIF)")
    key_options(p)
    p.set_defaults(run=_export)

    p = actions.add_parser("check", help="check a FEC against the published structural rules")
    p.add_argument("fec", type=Path, metavar="FECFILE")
    p.set_defaults(run=_check)

    p = actions.add_parser("import", help="import and post a FEC, all of it or nothing",
                           description="Post every entry of FECFILE into FILE, opening the "
                           "journals, accounts and third parties it names; the first bad line "
                           "stops it and the company file is left as it was.")
    p.add_argument("file", type=Path, metavar="FILE", help="the company file (.daftar)")
    p.add_argument("fec", type=Path, metavar="FECFILE")
    p.add_argument("--skip-zero-lines", action="store_true",
                   help="leave out lines with 0 on both sides (Daftar keeps no zero lines)")
    p.add_argument("--default-party", action="append", default=[], metavar="ACCOUNT=PARTY",
                   help="lines with no CompAuxNum on accounts starting with ACCOUNT take PARTY "
                   "(a code or a name, created if new); repeat for other accounts")
    key_options(p)
    p.set_defaults(run=_import)


def _default_year(years: list[FiscalYear], today: date) -> date:
    """The latest fiscal year that has ended, the one an auditor asks for; else the first."""
    ended = [y for y in years if y.end < today]
    return (ended[-1] if ended else years[0]).start


def _export(args: argparse.Namespace) -> int:
    if not args.output.is_dir():
        raise UserError(f"--output {args.output}: not a folder")
    with opened(args) as books:
        year = args.year or _default_year(books.fiscal_years(), date.today())
        path = export_fec(books, year, args.output, separator=SEPARATORS[args.separator],
                          siren=args.siren)
    problems = check_fec(path)
    if problems:
        raise UserError(f"wrote {path}, but it breaks the FEC rules: {problems[0]}")
    print(f"wrote {path}; it follows the FEC's structural rules")
    return 0


def _check(args: argparse.Namespace) -> int:
    if not args.fec.is_file():
        raise UserError(f"{args.fec}: no such file")
    problems = check_fec(args.fec)
    for problem in problems:
        print(problem)
    if problems:
        raise UserError(f"{args.fec} breaks the FEC rules ({len(problems)} problems listed)")
    print(f"{args.fec} follows the FEC's structural rules")
    return 0


def _import(args: argparse.Namespace) -> int:
    parties = default_parties(args.default_party)
    with opened(args) as books:
        result = import_fec(books, args.fec, skip_zero_lines=args.skip_zero_lines,
                            default_parties=parties)
    print(f"imported {result.entries} entries ({result.lines} lines) from {args.fec} "
          f"({result.encoding.removesuffix('-sig')}) in {result.seconds:.1f} s")
    if result.journals_created:
        print(f"opened {len(result.journals_created)} journals: "
              + ", ".join(result.journals_created))
    if result.accounts_created:
        print(f"opened {len(result.accounts_created)} accounts: "
              + ", ".join(result.accounts_created[:20])
              + (" …" if len(result.accounts_created) > 20 else ""))
    if result.third_parties_created:
        print(f"created {result.third_parties_created} third parties")
    for year in result.fiscal_years_opened:
        print(f"opened fiscal year {year}")
    if result.zero_lines_skipped:
        print(f"left out {result.zero_lines_skipped} lines with no amount")
    print_defaulted(result.defaulted)
    return 0
