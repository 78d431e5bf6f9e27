"""The French Fichier des Écritures Comptables (FEC): export, structural check and import.

A company keeping French books must hand the tax auditor its entries as one flat file per fiscal
year (art. L47 A-I LPF), in the layout of art. A47 A-1: eighteen columns named in a header line,
tab or ``|`` separated, dates ``YYYYMMDD``, amounts with a decimal comma, one line per posted
ledger line, and the file named ``<SIREN>FEC<closing date>``. ``export_fec`` writes it from the
books (``export``), ``check_fec`` holds any such file to the published structural rules so a test
or an accountant learns of a broken file before the auditor does (``check``), and ``import_fec``
takes a FEC written by other software into a Daftar company, as the first step of moving books
over (``reading``). ``columns`` holds the layout the three share, ``encoding`` how a file's text
is told apart.
"""

from app.io.fec.check import check_fec
from app.io.fec.columns import COLUMNS, DATE_COLUMNS, FILE_NAME, MANDATORY, SEPARATORS
from app.io.fec.export import ExportRefused, export_fec
from app.io.fec.reading import FecImportResult, import_fec

__all__ = [
    "COLUMNS",
    "DATE_COLUMNS",
    "FILE_NAME",
    "MANDATORY",
    "SEPARATORS",
    "ExportRefused",
    "FecImportResult",
    "check_fec",
    "export_fec",
    "import_fec",
]
