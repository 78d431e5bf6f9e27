"""Shared fixtures: real encrypted company files, each test with its own copy.

Creating a company (chart of ~350 accounts) takes a moment, so one template file per chart is made
per session and copied for every test (as Anki's tests copy an empty collection). Entries are
written as text in the test itself (``tests.ledger_text``)::

    post_text(books, '''
        2025-01-15 VT "Facture 1"
          411  1190.00  CLIENT1
          700  -1000.00
          4457 -190.00
    ''')

"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from app.ledger.model import Company
from app.store.books import Books
from app.store.company import KeySource, create_company, open_company
from tests.keyring_double import MemoryKeyring

FIRST_YEAR = date(2025, 1, 1)

pytest_plugins = ["tests.cloud_fixtures"]

# Qt draws offscreen in every test run: there is no screen in CI. Set before any QApplication.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _daftar_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test is a PC of its own: its per-user state (cloud settings, device token, outbox)
    lives under its own folder, never the real user's."""
    home = tmp_path / "daftar-home"
    monkeypatch.setenv("DAFTAR_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def _templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    base = tmp_path_factory.mktemp("templates")
    made = {}
    for chart in ("scf", "pcg"):
        path, key = base / f"{chart}.daftar", base / f"{chart}.key"
        books, _ = create_company(path, Company(f"Test {chart.upper()}", "DZD", chart),
                                  FIRST_YEAR, KeySource(key_file=key))
        books.close()
        made[chart] = (path, key)
    return made


@pytest.fixture
def make_books(
    _templates: dict[str, tuple[Path, Path]], tmp_path: Path
) -> Iterator[Callable[..., Books]]:
    """``make_books(chart="scf", name="books")``: a fresh copy of a template company, opened."""
    opened: list[Books] = []

    def make(chart: str = "scf", name: str = "books") -> Books:
        template, key = _templates[chart]
        path, key_copy = tmp_path / f"{name}.daftar", tmp_path / f"{name}.key"
        shutil.copyfile(template, path)
        shutil.copyfile(key, key_copy)
        books = open_company(path, KeySource(key_file=key_copy))
        opened.append(books)
        return books

    yield make
    for books in opened:
        books.close()


@pytest.fixture
def books(make_books: Callable[..., Books]) -> Books:
    """A fresh SCF company in DZD whose first fiscal year is 2025."""
    return make_books()


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """An in-memory credential store in place of the OS one, for the test's duration."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """A system without a credential store."""
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        yield
    finally:
        keyring.set_keyring(previous)
