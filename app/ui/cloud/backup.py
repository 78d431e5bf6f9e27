"""Backups the user sees: "Back up now", and the last backup when the window closes.

Both show a progress dialog with Cancel. Cancelling loses nothing: what was uploaded stays on
the service and the next backup resumes from it. An unreachable service is not an error to
dwell on at closing time: the window closes, and the next start backs up.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from app.ui.cloud.link import CloudController
from app.ui.kit.session import CompanySession
from sync.client.backup import BackupResult


def _tr(text: str) -> str:
    return QCoreApplication.translate("cloud", text)


def _dialog(parent: QWidget | None, text: str) -> QProgressDialog:
    dialog = QProgressDialog(text, _tr("Cancel"), 0, 0, parent)
    dialog.setWindowTitle(_tr("Daftar cloud"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(500)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    return dialog


def backup_with_progress(parent: QWidget, cloud: CloudController,
                         session: CompanySession) -> None:
    """Back the company up now, behind a progress dialog; say how it went."""
    dialog = _dialog(parent, _tr("Backing up {0}…").format(session.company.name))

    def done(result: BackupResult | None) -> None:
        dialog.close()
        if result is None:
            QMessageBox.warning(parent, dialog.windowTitle(), cloud.last_error or _tr(
                "The backup did not complete; the next one resumes where it stopped."))
        elif result.unchanged:
            QMessageBox.information(parent, dialog.windowTitle(), _tr(
                "Already backed up: nothing changed since the last backup."))
        else:
            QMessageBox.information(parent, dialog.windowTitle(), _tr(
                "Backed up: {0} of {1} pieces were new.").format(
                    result.chunks_new, result.chunks_total))

    handle = cloud.backup(session, on_done=done)
    if handle is not None:
        dialog.canceled.connect(handle.cancel)


def backup_before_close(parent: QWidget, cloud: CloudController,
                        sessions: list[CompanySession], finished: Callable[[], None]) -> None:
    """Back up every company whose books changed since their last backup, one after the
    other, then call ``finished`` (also after Cancel, or when the service is unreachable)."""
    owed = [s for s in sessions if cloud.backup_pending(s)] if cloud.connected else []
    if not owed:
        finished()
        return
    dialog = _dialog(parent, "")
    state = {"cancelled": False, "handle": None}

    def cancel() -> None:
        state["cancelled"] = True
        if state["handle"] is not None:
            state["handle"].cancel()

    dialog.canceled.connect(cancel)

    def next_one(_result: object = None) -> None:
        if state["cancelled"] or not owed:
            dialog.close()
            finished()
            return
        session = owed.pop(0)
        dialog.setLabelText(_tr("Backing up {0} before closing…").format(
            session.company.name))
        state["handle"] = cloud.backup(session, on_done=next_one)

    next_one()
