"""The errors written for the user, shared by the command line and the desktop.

Each of these carries a message that names what went wrong and what to do; the command line
prints it as one line (``app.cli.main``), the desktop shows it in a message box
(``app.ui.kit.errors.describe``, which words a few of them more fully). Anything else that escapes
is a defect of ours.

This module sits above everything it names (``app.ledger``, ``app.store``, ``app.io`` and the
sync client) and below ``app.cli`` and ``app.ui``, which both import it; it imports no Qt
(``tests/test_layers.py``).
"""

from __future__ import annotations

from app.io.bank import MappingError, StatementError
from app.io.csv_journal import ImportFailed
from app.ledger.money import MoneyError
from app.ledger.rules import PostingRefused
from app.store.database import StoreError
from app.store.keys import KeyProblem
from sync.client.home import StateError
from sync.client.http import CloudError

USER_ERRORS: tuple[type[Exception], ...] = (
    StoreError, PostingRefused, KeyProblem, MoneyError, ImportFailed, CloudError, StateError,
    StatementError, MappingError,
)
"""Errors whose message is meant for the user as it stands. ``StoreError`` covers the store's
refusals, the database's own (``RuleViolation``: a trigger refusing a change) and a year that
cannot be closed (``ClosingRefused``); the sync client's are a service that refused, a device
token missing, a company kept on another PC. ``StatementError`` is a bank statement that cannot
be read or does not add up (file, place, field, reason); ``MappingError`` a bank CSV mapping that
cannot work or is not saved."""
