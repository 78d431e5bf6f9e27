"""The FEC's layout (art. A47 A-1 LPF), shared by its export, checker and importer.

Eighteen columns named in a header line, tab or ``|`` separated, dates ``YYYYMMDD``, the file named
``<SIREN>FEC<closing date>``.
"""

from __future__ import annotations

import re
from datetime import date

COLUMNS = ("JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum", "CompteLib",
           "CompAuxNum", "CompAuxLib", "PieceRef", "PieceDate", "EcritureLib", "Debit", "Credit",
           "EcritureLet", "DateLet", "ValidDate", "Montantdevise", "Idevise")
MANDATORY = ("JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum", "CompteLib",
             "PieceRef", "PieceDate", "EcritureLib", "ValidDate")
DATE_COLUMNS = ("EcritureDate", "PieceDate", "DateLet", "ValidDate")
SEPARATORS = {"tab": "\t", "pipe": "|"}
FILE_NAME = re.compile(r"(\d{9})FEC(\d{8})")
_YMD = re.compile(r"\d{8}")


def ymd(text: str) -> date | None:
    """The day a FEC date ``YYYYMMDD`` names, or None if ``text`` is not one."""
    if not _YMD.fullmatch(text):
        return None
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return None
