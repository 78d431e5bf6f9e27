"""The cells of the files Daftar imports: amounts and dates as an accountant's files write them.

One reading for every importer and command (CSV journals, the FEC, amounts typed on the command
line): ``1 234,56`` and ``1.234,56`` are the same amount wherever they are typed, and a cell that
is not one is refused with the same words (``BadCell`` carries a ``Problem``, worded in the
interface's language by ``app.ledger.problems``).
"""

from __future__ import annotations

import re
from datetime import date

from app.ledger.model import Problem
from app.ledger.money import MAX_MINOR
from app.ledger.problems import Code

_DDMMYYYY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}$")


class BadCell(ValueError):
    """A cell that is not a date or an amount: the problem, as the importer and the CLI word it."""

    def __init__(self, code: Code, **args: object) -> None:
        self.problem = Problem(code, args)
        super().__init__(self.problem.message)


def parse_amount(text: str, exponent: int) -> int:
    """Exact minor units from ``1234.56``, ``1234,56``, ``1 234,56`` or ``1.234,56``; '' is 0."""
    whole, dot, frac = text.partition(".")
    if whole.isdecimal() and (not dot or (frac.isdecimal() and len(frac) <= exponent)):
        minor = int(whole + frac.ljust(exponent, "0")) if dot else int(whole) * 10**exponent
        if minor <= MAX_MINOR:
            return minor
    return _parse_amount_slowly(text, exponent)


def _parse_amount_slowly(text: str, exponent: int) -> int:
    raw = text.strip()
    if not raw:
        return 0
    if raw.startswith("-"):
        raise BadCell(Code.NEGATIVE_IN_FILE, text=raw)
    text = raw
    for space in (" ", "\u00a0", "\u202f", "'"):
        text = text.replace(space, "")
    marks = [ch for ch in text if ch in ".,"]
    decimal_mark = ""
    if marks:
        # the last mark is the decimal point, unless it repeats: then all are thousands marks
        last = marks[-1]
        if marks.count(last) == 1:
            decimal_mark = last
    whole, _, frac = text.rpartition(decimal_mark) if decimal_mark else (text, "", "")
    groups = whole.replace(",", ".").split(".") if whole else []
    if (not all(g.isdecimal() for g in groups) or not (frac.isdecimal() or frac == "")
            or (len(groups) > 1 and (not groups[0] or len(groups[0]) > 3
                                     or any(len(g) != 3 for g in groups[1:])))
            or (not "".join(groups) and not frac)):
        raise BadCell(Code.NOT_AN_AMOUNT, text=raw)
    frac = frac.rstrip("0")
    if len(frac) > exponent:
        raise BadCell(Code.TOO_MANY_DECIMALS, text=raw, decimals=exponent)
    minor = int("".join(groups) or "0") * 10**exponent + int(frac.ljust(exponent, "0") or "0")
    if minor > MAX_MINOR:
        raise BadCell(Code.AMOUNT_TOO_LARGE, text=raw)
    return minor


def parse_date(text: str) -> date:
    """ISO ``2025-03-31`` or ``31/03/2025``."""
    text = text.strip()
    match = _DDMMYYYY.match(text)
    try:
        if match:
            return date(int(match[3]), int(match[2]), int(match[1]))
        if _ISO.match(text):
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise BadCell(Code.NOT_A_DATE, text=text)
