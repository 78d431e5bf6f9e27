"""Dialogs of the Daftar cloud: connect this PC, preview the usage counters, restore a company.

Each runs its network work on the cloud controller's worker thread and shows a refusal inline,
in the words the service or the sync client gave, so the user can correct a field and retry.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.store import keys
from app.store.books import Books
from app.store.company import KeySource, open_company
from app.ui.cloud.link import CloudController
from app.ui.kit import file_dialogs
from app.ui.kit.errors import describe
from sync.client import handover, licence, usage
from sync.client.device import CloudConfig, default_device_name
from sync.client.http import ServiceError
from sync.wire.errors import ErrorCode


class _Form(QDialog):
    """A form with an inline error line and OK/Cancel; subclasses run their work on ``accept``."""

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def left_to_right(self, *fields: QLineEdit) -> None:
        """Addresses, keys and paths read left to right in every language."""
        for field in fields:
            field.setLayoutDirection(Qt.LayoutDirection.LeftToRight)

    def show_error(self, error: BaseException | str) -> None:
        self.error.setText(error if isinstance(error, str) else describe(error))
        self.error.show()
        self.buttons.setEnabled(True)

    def submit(self) -> None:
        raise NotImplementedError


class ConnectDialog(_Form):
    """Activate this PC with a licence key (a seat of the firm's licence)."""

    def __init__(self, cloud: CloudController, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Connect this PC to the Daftar cloud"), parent)
        self.cloud = cloud
        config = CloudConfig.load()
        self.server = QLineEdit(config.server or "")
        self.server.setPlaceholderText("https://")
        self.licence_key = QLineEdit()
        self.licence_key.setPlaceholderText("DAFTAR-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX")
        self.name = QLineEdit(config.device_name or default_device_name())
        self.trust = QLineEdit()
        self.trust.setPlaceholderText(self.tr("only for a service of your own"))
        self.proxy = QLineEdit(config.proxy or "")
        self.proxy.setPlaceholderText(self.tr("the system's settings"))
        self.form.addRow(self.tr("Service address"), self.server)
        self.form.addRow(self.tr("Licence key"), self.licence_key)
        self.form.addRow(self.tr("Name of this PC"), self.name)
        self.form.addRow(self.tr("Trusted key id"), self.trust)
        self.form.addRow(self.tr("Proxy"), self.proxy)
        self.left_to_right(self.server, self.licence_key, self.trust, self.proxy)
        (self.licence_key if config.server else self.server).setFocus()

    def submit(self) -> None:
        if not self.server.text().strip() or not self.licence_key.text().strip():
            self.show_error(self.tr("Give the service's address and the licence key."))
            return
        self.buttons.setEnabled(False)
        args = (self.server.text().strip(), self.licence_key.text().strip())
        options = {"trust_key": self.trust.text().strip() or None,
                   "device_name": self.name.text().strip() or None,
                   "proxy": self.proxy.text().strip() or None}

        def connected(result: licence.Connected) -> None:
            if result.warning:
                QMessageBox.information(self, self.windowTitle(), result.warning)
            self.cloud.check_in()
            self.accept()

        self.cloud.runner.run(lambda _p: licence.connect(*args, **options), connected,
                              self.show_error)


class UsagePreview(QDialog):
    """Exactly what the next sending of usage counters would carry, before anything leaves."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Usage counters: what would be sent"))
        text = QPlainTextEdit()
        text.setReadOnly(True)
        batches = [batch.model_dump(mode="json") for batch in usage.preview()]
        text.setPlainText(json.dumps(batches, indent=2) if batches else
                          self.tr("Nothing: no counts are waiting to be sent."))
        note = QLabel(self.tr("Counts only: a counter's name, a day and a number. Never a "
                              "company, a name, a label or an amount."))
        note.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(text)
        layout.addWidget(close)
        self.resize(560, 420)


class RestoreDialog(_Form):
    """Restore a company from the cloud onto this PC and keep it here (a lost laptop)."""

    def __init__(self, cloud: CloudController, on_open: Callable[[Books, KeySource], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Restore a company from the cloud"), parent)
        self.cloud, self.on_open = cloud, on_open
        self.company = QLineEdit()
        self.recovery = QLineEdit()
        self.recovery.setPlaceholderText("XXXXX-XXXXX-…")
        self.target = QLineEdit()
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._choose)
        row = QHBoxLayout()
        row.addWidget(self.target, 1)
        row.addWidget(browse)
        self.key_file = QLineEdit()
        self.key_file.setPlaceholderText(self.tr("the credential store"))
        if not keys.keyring_available():
            self.key_file.setPlaceholderText(self.tr("required: this system has no credential "
                                                     "store"))
        self.force = QCheckBox(self.tr("The PC that kept it is lost: take it over"))
        self.form.addRow(self.tr("Company name"), self.company)
        self.form.addRow(self.tr("Recovery key"), self.recovery)
        self.form.addRow(self.tr("New file"), row)
        self.form.addRow(self.tr("Key file"), self.key_file)
        self.form.addRow("", self.force)
        self.left_to_right(self.recovery, self.target, self.key_file)
        self.setTabOrder(self.target, self.key_file)
        self.setTabOrder(self.key_file, browse)
        self.company.setFocus()

    def _choose(self) -> None:
        path = file_dialogs.save_file(self, "company", self.tr("New company file"),
                                      self.company.text().strip() + ".daftar",
                                      self.tr("Daftar company (*.daftar)"))
        if path is not None:
            self.target.setText(str(path))

    def submit(self) -> None:
        company, words = self.company.text().strip(), self.recovery.text().strip()
        target = Path(self.target.text().strip()) if self.target.text().strip() else None
        key_file = Path(self.key_file.text().strip()) if self.key_file.text().strip() else None
        if not company or not words or target is None:
            self.show_error(self.tr("Give the company's name, its recovery key and the new "
                                    "file."))
            return
        if key_file is None and not keys.keyring_available():
            self.show_error(self.tr("This system has no credential store: give a key file "
                                    "where the company's key will be kept."))
            return
        try:
            key = keys.parse_recovery_key(words)
        except keys.BadRecoveryKey as error:
            self.show_error(error)
            return
        self.buttons.setEnabled(False)
        force = self.force.isChecked()

        def work(_progress: object) -> Books:
            with licence.service(CloudConfig.load()) as api:
                handover.take(api, key, company, target, force=force)
            if key_file is not None:
                if not key_file.exists():
                    keys.write_key_file(key_file, key)
            else:
                keys.keyring_store(keys.read_salt(target), key)
            return open_company(target, KeySource(key_file=key_file))

        def failed(error: BaseException) -> None:
            if isinstance(error, handover.LeaseHeld):
                self.show_error(self.tr(
                    "{0} is kept on PC {1} since {2}. Release it there first; if that PC is "
                    "lost, tick “take it over” and restore again (what was changed there since "
                    "its last backup stays on that PC).").format(
                        error.company, error.holder_name, f"{error.taken_at:%Y-%m-%d %H:%M}"))
            elif isinstance(error, ServiceError) and error.code == ErrorCode.LEASE_HELD:
                self.show_error(self.tr("Another PC took this company at the same moment; "
                                        "restore again."))
            else:
                self.show_error(error)

        def restored(books: Books) -> None:
            self.accept()
            self.on_open(books, KeySource(key_file=key_file))

        self.cloud.runner.run(work, restored, failed)
