"""``daftar print``: the legal printouts (journal, general ledger, trial balance) and a third
party's statement of account, as a PDF.

Qt lays the pages out, so it is imported inside the command only: every other command runs
where Qt is not installed. Without a display Qt draws offscreen.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from app.cli.session import UserError, account_range, date_argument, opened, period
from app.ledger.money import Currency
from app.reports import legal, party_statement

PRINTOUTS = {"journal": "journal", "general-ledger": "general_ledger",
             "trial-balance": "trial_balance", "party-statement": party_statement.KIND}



def register(sub: argparse._SubParsersAction, key_options: Any) -> None:
    p = sub.add_parser(
        "print", help="write a legal printout (journal, general ledger, trial balance) or a "
        "third party's statement of account as PDF",
        description="Write the journal (with its centralisation), the general ledger, the "
        "trial balance or a third party's statement of account (party-statement --party CODE) "
        "as an A4 PDF whose every page carries the company's name and identifiers, the period, "
        "the edition date and 'Page n / N'.")
    p.add_argument("kind", choices=tuple(PRINTOUTS))
    p.add_argument("file", type=Path, metavar="FILE")
    key_options(p)
    p.add_argument("--from", dest="start", type=date_argument, metavar="DATE")
    p.add_argument("--to", dest="end", type=date_argument, metavar="DATE")
    p.add_argument("--output", "-o", type=Path, required=True, metavar="OUT.pdf")
    p.add_argument("--lang", choices=("fr", "en", "ar"), default="fr",
                   help="language of the printout (default fr)")
    p.add_argument("--accounts", metavar="LOW[-HIGH]",
                   help="general ledger, trial balance: account range, e.g. 4 or 401-419")
    p.add_argument("--journal", action="append", default=[],
                   help="journal: only these journals")
    p.add_argument("--party", metavar="CODE",
                   help="party-statement: the third party whose statement of account to print")
    p.set_defaults(run=run)


def _qt_app() -> Any:
    """The one Qt application fonts and PDF writing need, offscreen without a display.

    A ``QApplication`` rather than the ``QGuiApplication`` that would do: a process holds one
    application for good, and the desktop code run in the same process later needs widgets.
    """
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY") \
            and sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(["daftar"])


def run(args: argparse.Namespace) -> int:
    kind = PRINTOUTS[args.kind]
    if args.journal and kind != "journal":
        raise UserError(f"--journal does not apply to print {args.kind}")
    if args.accounts and kind in ("journal", party_statement.KIND):
        raise UserError(f"--accounts does not apply to print {args.kind}: "
                        + ("it lists whole entries" if kind == "journal"
                           else "a statement reads every account kept per third party"))
    if (args.party is not None) != (kind == party_statement.KIND):
        raise UserError("print party-statement needs --party CODE" if args.party is None
                        else f"--party does not apply to print {args.kind}")
    with opened(args) as books:
        start, end = period(books, args.start, args.end)
        low, high = account_range(args.accounts)
        if kind == party_statement.KIND:
            report = party_statement.party_statement(books, args.party, start, end,
                                                     language=args.lang)
        else:
            report = legal.legal_report(books, kind, start, end, low=low, high=high,
                                        journals=tuple(args.journal), language=args.lang)
        pages = write_pdf(report, books.currency, args.lang, args.output)
    print(f"wrote {args.output} ({pages} pages)")
    return 0


def write_pdf(report: legal.LegalReport, currency: Currency, language: str, output: Path) -> int:
    """Write ``report`` as an A4 PDF at ``output``; return its number of pages.

    Written beside the target and renamed into place, so a failure never leaves half a PDF
    where the user expects the printout. Every command printing a PDF comes through here: Qt
    is imported in this one place of the command line.
    """
    if output.suffix.lower() != ".pdf":
        raise UserError(f"--output {output}: the printout is a PDF file (.pdf)")
    _app = _qt_app()
    from app.ui.kit import i18n
    from app.ui.kit.fmt import Formatter
    from app.ui.reports import legal_print

    fmt = Formatter(i18n.language(language).locale, currency, language)
    partial = output.with_name(output.name + ".part")
    try:
        pages = legal_print.write_pdf(report, fmt, legal_print.edition_stamp(language), partial)
        os.replace(partial, output)
    finally:
        partial.unlink(missing_ok=True)
    return pages
