"""Placeholder: opening, creating and demo flows."""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from app.demo import build_demo
from app.store.books import Books
from app.store.company import KeySource, open_company
from app.ui.prefs import Prefs, config_dir

OnOpen = Callable[[Books, KeySource], object]


def open_file(parent: QWidget, path: Path, source: KeySource, on_open: OnOpen, *,
              synchronous: bool = False) -> None:
    on_open(open_company(path, source), source)


def choose_and_open(parent: QWidget, prefs: Prefs, on_open: OnOpen) -> None:
    pass


def create_with_wizard(parent: QWidget, prefs: Prefs, on_open: OnOpen, *,
                       synchronous: bool = False) -> None:
    pass


def open_demo(parent: QWidget, on_open: OnOpen, *, synchronous: bool = False) -> None:
    path = config_dir() / "demo.daftar"
    source = KeySource(key_file=config_dir() / "demo.key")
    if path.exists():
        on_open(open_company(path, source), source)
    else:
        books, _recovery, _count = build_demo(path, source)
        on_open(books, source)
