"""Long work with a progress bar and a Cancel button, the window staying responsive."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget
from shiboken6 import isValid

from app.store.books import Books
from app.ui.kit.errors import show_error
from app.ui.kit.session import Change, CompanySession
from app.ui.kit.tasks import Handle, Progress

T = TypeVar("T")


def run_with_progress(
    parent: QWidget | None,
    session: CompanySession,
    title: str,
    work: Callable[[Books, Progress], T],
    on_done: Callable[[T], None] | None = None,
    *,
    changes: Change = Change.NONE,
    reading: bool = False,
    on_error: Callable[[BaseException], None] | None = None,
) -> Handle[T]:
    """Run ``work`` off the UI thread behind a progress dialog that can cancel it.

    The dialog appears only if the work lasts more than half a second. ``work`` reports with
    ``progress.report(done, total)`` and calls ``progress.check()`` between units of work, which
    raises ``Cancelled`` so its transaction rolls back and nothing is changed. A failure is
    shown in plain words, unless ``on_error`` takes it (a refusal the caller words itself).
    """
    dialog = QProgressDialog(title, QCoreApplication.translate("progress", "Cancel"), 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(500)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)

    # The dialog belongs to ``parent``: if the page goes (its company closed) while the work
    # still reports, the reports and the outcome that arrive after it find nothing to update.
    def progressed(done: int, total: int, text: str) -> None:
        if not isValid(dialog):
            return
        if total:
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))
        if text:
            dialog.setLabelText(text)

    def finished(result: T) -> None:
        if isValid(dialog):
            dialog.close()
        if on_done is not None:
            on_done(result)

    def failed(exc: BaseException) -> None:
        if isValid(dialog):
            dialog.close()
        if on_error is not None:
            on_error(exc)
            return
        show_error(parent if parent is None or isValid(parent) else None, exc)

    handle = session.long_op(work, changes, finished, progressed, failed, reading=reading)
    dialog.canceled.connect(handle.cancel)
    return handle
