"""The bank CSV mappings saved in a company, as settings ``bank_csv_mapping:<name>`` (JSON).

They live in the company file rather than on the PC because the books travel: the accountant who
takes a company over, or restores it elsewhere, reads its bank's exports the same way.
"""

from __future__ import annotations

from app.io.bank.csv_bank import BankCsvMapping, MappingError
from app.store.books import Books

PREFIX = "bank_csv_mapping:"


def save_mapping(books: Books, mapping: BankCsvMapping, *, replace: bool = False) -> None:
    """Save ``mapping`` under its name; an existing one is replaced only when asked to."""
    problems = mapping.problems()
    if problems:
        raise MappingError(f"mapping {mapping.name!r}: {'; '.join(problems)}")
    key = PREFIX + mapping.name.strip()
    if not replace and books.settings(key).get(key) is not None:
        raise MappingError(f"a mapping named {mapping.name!r} exists already; "
                           "replace it explicitly or choose another name")
    books.set_setting(key, mapping.to_json())


def saved_mappings(books: Books) -> list[BankCsvMapping]:
    """Every saved mapping, in name order."""
    return [BankCsvMapping.from_json(key.removeprefix(PREFIX), value)
            for key, value in books.settings(PREFIX).items()]


def load_mapping(books: Books, name: str) -> BankCsvMapping:
    """The mapping saved as ``name``; the error lists the saved ones."""
    key = PREFIX + name.strip()
    value = books.settings(key).get(key)
    if value is None:
        names = ", ".join(m.name for m in saved_mappings(books)) or "none saved yet"
        raise MappingError(f"no bank CSV mapping named {name!r} (saved: {names})")
    return BankCsvMapping.from_json(name.strip(), value)
