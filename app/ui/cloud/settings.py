"""The "Daftar cloud" part of the Settings page: this PC's connection, licence and backups.

The licence belongs to the PC, the backups to the company shown: both are here so that an
accountant finds in one place whether this company is safe and whether this PC may keep it.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.cloud.dialogs import ConnectDialog, UsagePreview
from app.ui.cloud.link import CloudController, SyncState, backup_health
from app.ui.kit import file_dialogs
from app.ui.kit.errors import show_error
from app.ui.kit.session import CompanySession
from sync.client import licence, offline, usage
from sync.client.device import CloudConfig
from sync.wire.licence import LicenceState


class CloudGroup(QGroupBox):
    """Connection, licence state, this company's backup health, usage counters."""

    def __init__(self, session: CompanySession, cloud: CloudController,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Daftar cloud"), parent)
        self.session, self.cloud = session, cloud
        self.form = QFormLayout()
        self.server = QLabel()
        self.licence = QLabel()
        self.state = QLabel()
        self.backup = QLabel()
        for label in (self.server, self.licence, self.state, self.backup):
            label.setWordWrap(True)
        self.form.addRow(self.tr("Connection"), self.server)
        self.form.addRow(self.tr("Licence"), self.licence)
        self.form.addRow(self.tr("State"), self.state)
        self.form.addRow(self.tr("This company's backup"), self.backup)
        self.connect_button = QPushButton(self.tr("Connect…"))
        self.connect_button.clicked.connect(self._connect)
        self.check_button = QPushButton(self.tr("Check in now"))
        self.check_button.clicked.connect(lambda: self.cloud.check_in())
        self.backup_button = QPushButton(self.tr("Back up now"))
        self.backup_button.clicked.connect(self._backup)
        self.disconnect_button = QPushButton(self.tr("Disconnect this PC"))
        self.disconnect_button.clicked.connect(self._disconnect)
        buttons = QHBoxLayout()
        for button in (self.connect_button, self.check_button, self.backup_button,
                       self.disconnect_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.usage = QCheckBox(self.tr("Send anonymous usage counts (counts only)"))
        self.usage.toggled.connect(self._usage_toggled)
        preview = QPushButton(self.tr("Show what would be sent…"))
        preview.clicked.connect(lambda: UsagePreview(self).exec())
        usage_row = QHBoxLayout()
        usage_row.addWidget(self.usage)
        usage_row.addWidget(preview)
        usage_row.addStretch(1)
        offline = QHBoxLayout()
        request = QPushButton(self.tr("Offline activation: write a request…"))
        request.clicked.connect(self._offline_request)
        apply = QPushButton(self.tr("Apply a response…"))
        apply.clicked.connect(self._offline_apply)
        self.offline_buttons = [request, apply]
        offline.addWidget(request)
        offline.addWidget(apply)
        offline.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addLayout(buttons)
        layout.addLayout(usage_row)
        layout.addLayout(offline)
        cloud.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        config = CloudConfig.load()
        status = licence.status()
        fmt = self.session.fmt
        if not status.connected:
            self.server.setText(self.tr("Not connected. The books work fully without the "
                                        "cloud; connect to back them up and keep the licence "
                                        "current."))
            self.licence.setText("—")
        else:
            where = config.server or self.tr("activated offline, by files")
            self.server.setText(self.tr("{0}, as “{1}”").format(where, config.device_name))
            doc = status.document
            self.licence.setText(
                self.tr("{0}, {1} seat(s), lease until {2}").format(
                    doc.edition, doc.seats, fmt.date(doc.lease_end.date())) if doc else "—")
        self.state.setText(self._state_text(status))
        health = backup_health(self.session)
        self.backup.setText(self._backup_text(health.last, health.stale))
        self.connect_button.setVisible(not status.connected)
        for button in (self.check_button, self.backup_button, self.disconnect_button):
            button.setVisible(status.connected)
        for button in self.offline_buttons:
            button.setVisible(not status.connected)
        self.backup_button.setEnabled(self.cloud.state is not SyncState.SYNCING)
        self.usage.blockSignals(True)
        self.usage.setChecked(config.usage_opt_in)
        self.usage.blockSignals(False)

    def _state_text(self, status: licence.LicenceStatus) -> str:
        if status.state is None:
            return self.tr("Not connected")
        text = {LicenceState.ACTIVE: self.tr("Active"),
                LicenceState.GRACE: self.tr("Grace period: check in soon"),
                LicenceState.READ_ONLY: self.tr("Read-only")}[status.state]
        if status.reason:
            text += " — " + status.reason
        if self.cloud.last_error:
            text += "\n" + self.tr("Last attempt: {0}").format(self.cloud.last_error)
        return text

    def _backup_text(self, last: datetime | None, stale: bool) -> str:
        if last is None:
            return self.tr("Never backed up from this PC")
        when = self.session.fmt.date(last.date())
        return (self.tr("Last good backup on {0} — older than two days") if stale
                else self.tr("Last good backup on {0}")).format(when)

    def _connect(self) -> None:
        if ConnectDialog(self.cloud, self).exec():
            self.refresh()

    def _backup(self) -> None:
        from app.ui.cloud.backup import backup_with_progress

        backup_with_progress(self, self.cloud, self.session)

    def _disconnect(self) -> None:
        answer = QMessageBox.question(
            self, self.tr("Disconnect this PC"),
            self.tr("Free this PC's seat and stop backing up from it? The books stay on "
                    "this PC."))
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.cloud.runner.run(lambda _p: licence.disconnect(force=True),
                              lambda _told: self._after_disconnect(),
                              lambda error: show_error(self, error))

    def _after_disconnect(self) -> None:
        self.cloud.check_in()
        self.refresh()

    def _usage_toggled(self, on: bool) -> None:
        usage.set_enabled(on)
        self.refresh()

    def _offline_request(self) -> None:
        key, ok = QInputDialog.getText(self, self.tr("Offline activation"),
                                       self.tr("Licence key"), QLineEdit.EchoMode.Normal)
        if not ok or not key.strip():
            return
        path = file_dialogs.save_file(self, "activation", self.tr("Activation request"),
                                      "daftar-request.json", "JSON (*.json)")
        if path is not None:
            try:
                offline.offline_request(path, licence_key=key)
            except Exception as error:  # shown in words, nothing was activated
                show_error(self, error)

    def _offline_apply(self) -> None:
        path = file_dialogs.open_file(self, "activation", self.tr("Activation response"),
                                      "JSON (*.json)")
        if path is None:
            return
        try:
            offline.offline_apply(path)
        except Exception as error:  # shown in words, nothing was changed
            show_error(self, error)
        self.cloud.check_in()
        self.refresh()
