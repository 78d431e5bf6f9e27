"""``daftar report``: every report to text, CSV or JSON, with the options each report takes (and a
clear refusal of those it does not)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TextIO

from app.cli.session import UsageError, account_range, opened, period
from app.reports import aged, balances, cashflow, ledger, render, statements, vat
from app.store.books import Books
from sync.client import usage


@contextmanager
def _output(path: Path | None) -> Iterator[TextIO]:
    if path is None:
        yield sys.stdout
        return
    with open(path, "w", encoding="utf-8", newline="") as f:
        yield f


_NOT_FOR = {
    ("balance-sheet", "--from"): "a balance sheet is at one date (--to)",
    ("balance-sheet", "--accounts"): "a balance sheet shows every account",
    ("balance-sheet", "--journal"): "a balance sheet counts every journal",
    ("income-statement", "--accounts"): "an income statement shows every income and expense "
                                        "account",
    ("income-statement", "--journal"): "an income statement counts every journal",
    ("cash-flow", "--accounts"): "a cash-flow statement reads every account",
    ("cash-flow", "--journal"): "a cash-flow statement counts every journal",
    ("general-ledger", "--journal"): "an account's running balance counts every journal; use "
                                     "'report journal --journal'",
    ("journal", "--accounts"): "a journal lists whole entries; use 'report general-ledger "
                               "--accounts'",
    ("journal", "--lang"): "the journal shows no labels to translate",
    ("third-parties", "--journal"): "a third party's balance counts every journal",
    ("third-parties", "--lang"): "the report shows no labels to translate",
    ("vat", "--accounts"): "a VAT return reads the tax codes of every account",
    ("vat", "--journal"): "a VAT return counts every journal",
    ("vat", "--lang"): "the return is worded as its form, in French",
    ("aged-balance", "--from"): "an aged balance is at one date (--to)",
    ("aged-balance", "--journal"): "what is still owed counts every journal",
    ("aged-balance", "--lang"): "the report shows no labels to translate",
}

def _refuse_options(args: argparse.Namespace) -> None:
    given = {"--from": args.start is not None, "--accounts": args.accounts is not None,
             "--journal": bool(args.journal), "--lang": args.lang is not None}
    refused = [f"{option} does not apply to {args.kind}: {_NOT_FOR[args.kind, option]}"
               for option, present in given.items() if present and (args.kind, option) in _NOT_FOR]
    aged_options = {"--payables": args.payables, "--detail": args.detail}
    if args.kind != "aged-balance":
        refused += [f"{option} does not apply to {args.kind}: it is an option of aged-balance"
                    for option, present in aged_options.items() if present]
    if refused:
        raise UsageError("; ".join(refused))


def _aged_date(books: Books, args: argparse.Namespace) -> date:
    """``--to``; else today, or the end of the latest fiscal year if that is earlier (books
    kept for a past year are aged at their year's end)."""
    given = args.end
    if given is not None:
        return given
    return min(date.today(), books.fiscal_years()[-1].end)


def report(args: argparse.Namespace) -> int:
    _refuse_options(args)
    usage.count("reports." + args.kind.replace("-", "_"))
    with opened(args) as books, _output(args.output) as out:
        start, end = period(books, args.start, args.end)
        low, high = account_range(args.accounts)
        fmt, lang = args.format, args.lang or "fr"
        if args.kind == "trial-balance":
            tb = balances.trial_balance(books, start, end, low=low, high=high, language=lang,
                                        journals=tuple(args.journal))
            render.trial_balance(tb, fmt, out)
        elif args.kind == "general-ledger":
            sections = ledger.general_ledger(books, start, end, low=low, high=high, language=lang)
            render.general_ledger(sections, fmt, out)
        elif args.kind == "journal":
            lines = ledger.journal_lines(books, start, end, journals=tuple(args.journal))
            render.journal(lines, fmt, out)
        elif args.kind == "balance-sheet":
            sheet = statements.balance_sheet(books, end, language=lang)
            render.compared_balance_sheet(sheet, fmt, out)
        elif args.kind == "income-statement":
            statement = statements.income_statement(books, start, end, language=lang)
            render.compared_income_statement(statement, fmt, out)
        elif args.kind == "cash-flow":
            render.cash_flow(cashflow.cash_flow(books, start, end, language=lang), fmt, out)
        elif args.kind == "vat":
            render.vat(vat.vat_return(books, start, end), fmt, out)
        elif args.kind == "aged-balance":
            side = aged.Side.PAYABLES if args.payables else aged.Side.RECEIVABLES
            aging = aged.aged_balance(books, _aged_date(books, args), side=side, low=low,
                                      high=high, detail=args.detail)
            render.aged_balance(aging, fmt, out)
        else:
            rows = balances.third_party_balances(books, args.start, end, low=low, high=high)
            render.third_parties(rows, fmt, out)
    return 0


