"""``daftar match``: matching (lettrage) of third-party and bank account lines."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: argparse._SubParsersAction, key_options: Any) -> None:
    """Add ``daftar match`` and its actions."""
