"""The desktop's link to the Daftar cloud: check-ins, automatic backups, the read-only state.

One ``CloudController`` per running program (the window rebuilt in another language keeps it).
All network work runs on its own worker thread, so the books never wait on the service:

- on start and on a timer, a check-in when one is due (backoff after failures), which also
  learns of hand-overs and sends the usage counters the user opted into;
- after changes to a company, a backup once the books have been quiet for a while
  (debounced), and one more when the window closes;
- after each of these, every open company's read-only state is worked out again from the
  licence and the company's writer lease (no network), so views and the banner follow.

Offline is a state like any other (``SyncState``): nothing is queued in memory that a closed
window could lose. A backup cut short resumes by itself the next time (uploaded chunks are
not sent again).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import Enum
from weakref import WeakKeyDictionary

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from app.store.keys import read_salt
from app.ui.cloud.updates import UpdateController
from app.ui.kit.errors import describe
from app.ui.kit.session import Change, CompanySession
from app.ui.kit.tasks import Progress, TaskRunner
from sync.client import backup, leases, licence, outbox, registry, usage
from sync.client.device import CloudConfig
from sync.client.gate import write_gate
from sync.client.http import Offline
from sync.wire.licence import LicenceState

CHECK_EVERY_MS = 10 * 60 * 1000
"""How often the timer asks whether a check-in is due (the due time itself is hours apart)."""
BACKUP_AFTER_QUIET_MS = 3 * 60 * 1000
"""A company is backed up once its books have not changed for this long."""
OWED_BACKUP = "owed-backup"
"""Outbox kind: a company whose books changed since its last good backup."""
STALE_BACKUP = timedelta(days=2)
"""A company whose last good backup is older than this is flagged in the status bar."""
RESUME_AFTER_MS = 15 * 1000
"""A backup owed when the program last closed is made this soon after the company opens."""
BACKUP_CHANGES = (Change.ENTRIES | Change.ACCOUNTS | Change.THIRD_PARTIES | Change.JOURNALS
                  | Change.FISCAL_YEARS | Change.LOCK | Change.COMPANY)


def _tr(text: str) -> str:
    return QCoreApplication.translate("status", text)


class SyncState(Enum):
    """Where the companion service stands, shown in the status bar."""

    NOT_SET_UP = "not_set_up"
    OFFLINE = "offline"
    ONLINE = "online"
    SYNCING = "syncing"


@dataclass(frozen=True)
class BackupHealth:
    """The last good backup of one company file, as this PC remembers it."""

    last: datetime | None
    stale: bool


def backup_health(session: CompanySession, now: datetime | None = None) -> BackupHealth:
    entry = registry.registry().get(read_salt(session.path).hex(), {})
    last = entry.get("last_taken_at")
    when = datetime.fromisoformat(last) if last else None
    now = now or datetime.now(UTC)
    return BackupHealth(when, when is None or now - when > STALE_BACKUP)


_ATTACHED: WeakKeyDictionary[CompanySession, CloudController] = WeakKeyDictionary()
"""Which controller looks after each open company. Kept here rather than on the session, so the
session (app.ui.kit, below every page) knows nothing of the cloud."""


def controller_of(session: CompanySession) -> CloudController | None:
    """The program's link to the cloud for this company, once the window attached it."""
    return _ATTACHED.get(session)


class CloudController(QObject):
    """Check-ins, backups and the read-only state of every open company."""

    changed = Signal()
    """The sync state, the licence or a company's backup health changed."""

    def __init__(self, *, synchronous: bool = False, timers: bool = True) -> None:
        super().__init__()
        self.runner = TaskRunner("daftar-cloud", synchronous=synchronous)
        self.state = SyncState.NOT_SET_UP
        self.last_error = ""
        self.sessions: list[CompanySession] = []
        self._quiet: dict[CompanySession, QTimer] = {}
        self._check_timer = QTimer(self)
        self._check_timer.setInterval(CHECK_EVERY_MS)
        self._check_timer.timeout.connect(self.check_in_if_due)
        if timers:
            self._check_timer.start()
        self.updates = UpdateController(synchronous=synchronous, timers=timers)
        """Updates of Daftar itself: checked through the same service."""
        self._follow_config()

    # --- state ------------------------------------------------------------------------------

    @property
    def connected(self) -> bool:
        return CloudConfig.load().connected

    def licence_status(self) -> licence.LicenceStatus:
        return licence.status()

    def _follow_config(self) -> None:
        if not self.connected:
            self.state = SyncState.NOT_SET_UP
        elif self.state is SyncState.NOT_SET_UP:
            self.state = SyncState.OFFLINE

    def refresh_read_only(self) -> None:
        """Work out again, offline, whether each open company may change; tell its views."""
        for session in self.sessions:
            gate = session.books.db.write_gate
            reason = (gate() if gate else None) or ""
            if reason != session.read_only_reason:
                session.read_only_reason = reason
                session.changed.emit(Change.ACCESS)
        self.changed.emit()

    # --- companies --------------------------------------------------------------------------

    def attach(self, session: CompanySession) -> None:
        """Put the licence and lease gate on a newly opened company and follow its changes."""
        session.books.db.write_gate = write_gate(session.books.db)
        _ATTACHED[session] = self
        self.sessions.append(session)
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(BACKUP_AFTER_QUIET_MS)
        timer.timeout.connect(lambda: self.backup(session))
        self._quiet[session] = timer
        session.changed.connect(lambda changes: self._books_changed(session, changes))
        if self.connected and self._owed(session):
            timer.start(RESUME_AFTER_MS)
        self.refresh_read_only()

    def detach(self, session: CompanySession) -> None:
        if _ATTACHED.get(session) is self:
            del _ATTACHED[session]
        if session in self.sessions:
            self.sessions.remove(session)
        timer = self._quiet.pop(session, None)
        if timer is not None:
            timer.stop()
            timer.deleteLater()

    def _books_changed(self, session: CompanySession, changes: Change) -> None:
        timer = self._quiet.get(session)
        if timer is not None and changes & BACKUP_CHANGES and self.connected:
            timer.start(BACKUP_AFTER_QUIET_MS)
            self._owe(session)

    @staticmethod
    def _owed_key(session: CompanySession) -> str:
        return f"backup:{read_salt(session.path).hex()}"

    def _owe(self, session: CompanySession) -> None:
        """Remember, beyond this run of the program, that the company needs a backup."""
        with outbox.connect() as cx:
            outbox.add(cx, OWED_BACKUP, {"file": str(session.path)}, self._owed_key(session))

    def _owed(self, session: CompanySession) -> bool:
        key = self._owed_key(session)
        return any(item.idempotency_key == key for item in outbox.pending(OWED_BACKUP))

    def backup_pending(self, session: CompanySession) -> bool:
        """Whether the books changed since their last good backup (in this run or before)."""
        timer = self._quiet.get(session)
        return (timer is not None and timer.isActive()) or self._owed(session)

    # --- work on the service ----------------------------------------------------------------

    def check_in_if_due(self) -> None:
        if licence.check_in_due():
            self.check_in()

    def check_in(self, on_done: Callable[[], None] | None = None) -> None:
        """Renew the licence lease, learn of hand-overs, send opted-in usage counters."""
        self._follow_config()
        if not self.connected:
            self.refresh_read_only()
            return

        def work(_progress: Progress) -> None:
            licence.check_in()
            with licence.service(CloudConfig.load()) as api:
                leases.refresh(api)
                if usage.enabled():
                    usage.send(api)

        self._run(work, on_done)

    def backup(self, session: CompanySession, *, progress: Callable[[int, int, str], None]
               | None = None, on_done: Callable[[backup.BackupResult | None], None]
               | None = None) -> object:
        """Back up one company now, if this PC is connected; returns the task's handle."""
        timer = self._quiet.get(session)
        if timer is not None:
            timer.stop()
        self._follow_config()
        if not self.connected:
            if on_done is not None:
                on_done(None)
            return None
        config = CloudConfig.load()

        def work(task: Progress) -> backup.BackupResult:
            result = self._backup(session, config, task)
            outbox.forget(self._owed_key(session))
            return result

        return self._run(work, on_done, progress)

    @staticmethod
    def _backup(session: CompanySession, config: CloudConfig,
                task: Progress) -> backup.BackupResult:
        def cancelled() -> bool:
            return task.cancelled

        with licence.service(config, cancelled=cancelled) as api:
            return backup.backup(
                session.books, api, device_name=config.device_name,
                progress=lambda done: task.report(done, 0, ""), cancelled=cancelled)

    def _run(self, work: Callable[[Progress], object],
             on_done: Callable | None, progress: Callable | None = None) -> object:
        self.state = SyncState.SYNCING
        self.changed.emit()

        def done(result: object) -> None:
            self.state, self.last_error = SyncState.ONLINE, ""
            self.refresh_read_only()
            if on_done is not None:
                on_done(result)

        def failed(error: BaseException) -> None:
            self.state = SyncState.OFFLINE if isinstance(error, Offline) else SyncState.ONLINE
            self.last_error = describe(error)
            self._follow_config()
            self.refresh_read_only()
            if on_done is not None:
                on_done(None)

        return self.runner.run(work, done, failed, progress)

    def status_text(self) -> str:
        """One short phrase for the status bar."""
        if self.state is SyncState.NOT_SET_UP:
            return _tr("Cloud: not connected")
        status = licence.status()
        words = {SyncState.OFFLINE: _tr("Cloud: offline"),
                 SyncState.ONLINE: _tr("Cloud: online"),
                 SyncState.SYNCING: _tr("Cloud: syncing…")}[self.state]
        if status.state is LicenceState.GRACE and status.grace_end is not None:
            words += " · " + _tr("licence to renew by {0}").format(f"{status.grace_end:%Y-%m-%d}")
        return words

    def shutdown(self) -> None:
        self._check_timer.stop()
        self.updates.shutdown()
        self.runner.shutdown()
