"""``daftar bank reconcile|match|unmatch|reconciliation``: pairing statement lines with the
ledger's bank lines, and the bank reconciliation statement (état de rapprochement)."""

from __future__ import annotations

import argparse
from typing import Any


def register_actions(actions: argparse._SubParsersAction, key_options: Any) -> None:
    """Add the reconciliation actions under ``daftar bank``."""
