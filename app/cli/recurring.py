"""``daftar recurring``: entry templates on a schedule, proposed as drafts when due."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: argparse._SubParsersAction, key_options: Any) -> None:
    """Add ``daftar recurring`` and its actions."""
