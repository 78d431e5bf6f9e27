"""The window and the Daftar cloud, against a real ``daftar-server``: back up now, read-only
banner after a revocation, the backup owed at closing, restore on a new PC, connect."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.store.books import Books
from app.store.company import KeySource, open_company
from app.store.keys import recovery_key
from app.ui.cloud import backup as cloud_backup
from app.ui.cloud.dialogs import ConnectDialog, RestoreDialog
from app.ui.cloud.settings import CloudGroup
from app.ui.entries.page import EntriesPage
from app.ui.kit.prefs import Prefs
from app.ui.kit.session import Change
from app.ui.window.shell import MainWindow
from sync.client import backup, leases, licence, registry
from sync.client.crypto import BackupKeys
from sync.client.device import CloudConfig
from tests.cloud_server import ServerProcess
from tests.ledger_text import post_text

SALE = """
    2025-02-03 VT "Facture 7"
      411  119.00  CLIENT1
      700  -100.00
      4457 -19.00
"""


class Boxes:
    """Stands in for the message boxes: records what they would have said."""

    def __init__(self) -> None:
        self.said: list[str] = []

    def __call__(self, _parent: object, _title: str, text: str, *args: object) -> None:
        self.said.append(text)


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    boxes = Boxes()
    monkeypatch.setattr(cloud_backup.QMessageBox, "information", boxes)
    monkeypatch.setattr(cloud_backup.QMessageBox, "warning", boxes)
    return boxes


def _window(qtbot: QtBot) -> MainWindow:
    window = MainWindow(Prefs(language="en"), synchronous=True)
    qtbot.addWidget(window)
    return window


def _reopen(books: Books) -> Books:
    """The company as the window opens it: its own handle, closed with the window."""
    return open_company(books.path, KeySource(key_file=books.path.with_suffix(".key")))


def test_back_up_now_from_the_settings_page(connected: tuple, books: Books, qtbot: QtBot,
                                            english: None, boxes: Boxes) -> None:
    window = _window(qtbot)
    view = window.add_company(_reopen(books), KeySource(key_file=books.path.with_suffix(".key")))
    group = view.show_page("settings").findChild(CloudGroup)
    assert group is not None and "Never backed up" in group.backup.text()
    group.backup_button.click()
    assert boxes.said and boxes.said[-1].startswith("Backed up:")
    assert group.backup.text().startswith("Last good backup on")
    assert any(text.startswith("Backup: ") and "none" not in text
               for text in view.status_texts())
    group.backup_button.click()
    assert boxes.said[-1].startswith("Already backed up")


def test_a_revoked_licence_shows_the_banner_and_disables_edits(
        server: ServerProcess, connected: tuple, books: Books, qtbot: QtBot,
        english: None) -> None:
    tenant, licence_id, _ = connected
    window = _window(qtbot)
    view = window.add_company(_reopen(books), KeySource(key_file=books.path.with_suffix(".key")))
    entries = view.show_page("entries")
    assert isinstance(entries, EntriesPage) and entries.new_button.isEnabled()
    assert view.banner.isHidden()
    server.revoke(tenant, licence_id)
    window.cloud.check_in()
    assert "revoked" in view.session.read_only_reason
    assert not view.banner.isHidden() and "revoked" in view.banner.text()
    assert not entries.new_button.isEnabled()
    assert "Read-only" in view.status_texts()


def test_the_backup_owed_at_closing_is_made_before_the_window_closes(
        connected: tuple, books: Books, qtbot: QtBot, english: None) -> None:
    window = _window(qtbot)
    view = window.add_company(_reopen(books), KeySource(key_file=books.path.with_suffix(".key")))
    session = view.session
    session.op(lambda b: post_text(b, SALE), Change.ENTRIES)
    assert window.cloud.backup_pending(session)
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible())
    with _reopen(books) as closed:
        from app.store.keys import read_salt

        entry = registry.registry()[read_salt(closed.path).hex()]
    assert entry["last_snapshot_id"] and entry["company"] == "Test SCF"


def test_a_company_is_restored_from_the_cloud_on_a_new_pc(
        server: ServerProcess, books: Books, as_pc, qtbot: QtBot, english: None,
        tmp_path: Path, memory_keyring: object) -> None:
    _, key = server.issue_licence(server.new_tenant(), seats=3)
    trust = server.signing_key_id()
    post_text(books, SALE)
    with as_pc("lost laptop"):
        licence.connect(server.url, key, trust_key=trust, device_name="Laptop")
        with licence.service(CloudConfig.load()) as api:
            backup.backup(books, api)
    words = recovery_key(books.db.key)
    with as_pc("new PC"):
        window = _window(qtbot)
        connect = ConnectDialog(window.cloud, window)
        connect.server.setText(server.url)
        connect.licence_key.setText(key)
        connect.trust.setText(trust)
        connect.submit()
        assert CloudConfig.load().connected, connect.error.text()
        target, key_file = tmp_path / "restored.daftar", tmp_path / "restored.key"
        dialog = RestoreDialog(window.cloud, window.add_company, window)
        dialog.company.setText("Test SCF")
        dialog.recovery.setText(words)
        dialog.target.setText(str(target))
        dialog.key_file.setText(str(key_file))
        dialog.submit()
        assert "is kept on PC Laptop since" in dialog.error.text()
        assert "take it over" in dialog.error.text() and "--force" not in dialog.error.text()
        assert not target.exists()
        dialog.force.setChecked(True)
        dialog.submit()
        assert window.current is not None and window.current.session.path == target
        assert not window.current.session.read_only_reason
        with licence.service(CloudConfig.load()) as api:
            state = leases.state(api, BackupKeys.derive(books.db.key.key).backup_set)
        assert state.lease is not None
        window.close()


def test_a_backup_owed_when_the_service_was_down_is_made_at_the_next_start(
        connected: tuple, books: Books, qtbot: QtBot, english: None,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from app.ui.cloud import link as cloud

    monkeypatch.setattr(cloud, "RESUME_AFTER_MS", 200)
    config = CloudConfig.load()
    server_url, config.server = config.server, "http://127.0.0.1:9"
    config.save()
    window = _window(qtbot)
    view = window.add_company(_reopen(books), KeySource(key_file=books.path.with_suffix(".key")))
    view.session.op(lambda b: post_text(b, SALE), Change.ENTRIES)
    window.close()  # the backup at closing finds the service down
    qtbot.waitUntil(lambda: not window.isVisible())
    assert window.cloud.last_error and "did not answer" in window.cloud.last_error

    config = CloudConfig.load()
    config.server = server_url
    config.save()
    again = _window(qtbot)
    view = again.add_company(_reopen(books), KeySource(key_file=books.path.with_suffix(".key")))
    assert again.cloud.backup_pending(view.session)
    qtbot.waitUntil(lambda: not again.cloud.backup_pending(view.session), timeout=30_000)
    assert cloud.backup_health(view.session).last is not None
    again.close()


def test_the_window_counts_usage_only_once_opted_in(session, qtbot: QtBot) -> None:
    from app.ui.reports.page import ReportsPage
    from sync.client import usage

    page = ReportsPage(session)
    qtbot.addWidget(page)
    page.run()
    assert usage.preview() == []
    usage.set_enabled(True)
    page.run()
    page.run()
    [batch] = usage.preview()
    kind = page.params.params("en").kind
    assert [(c.name, c.value) for c in batch.counters] == [(f"reports.{kind}", 2)]
