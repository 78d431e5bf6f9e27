"""Updates seen from the window: a check soon after start and daily, a download in the
background, and one line in the status bar saying where things stand.

The work is :mod:`sync.client.updates.client`'s, on a worker thread: the books never wait for
it. Nothing is installed under the user's feet: a new version is unpacked beside the running
one and starts the next time Daftar opens (the launcher proves it and rolls it back if its
window never appears, which the next start reports here). Being offline is not an error worth
a word; a refused or damaged release is.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from app.ui.kit.tasks import Progress, TaskRunner
from sync.client.device import CloudConfig
from sync.client.http import APP_VERSION, CloudError, Offline
from sync.client.updates import client

FIRST_CHECK_MS = 60 * 1000
"""The first check waits this long after start: the start itself comes first."""
CHECK_EVERY_MS = 60 * 60 * 1000
"""How often the timer asks whether the daily check is due."""
ROLLBACK_NEWS = timedelta(days=7)


def _tr(text: str) -> str:
    return QCoreApplication.translate("updates", text)


class UpdateController(QObject):
    """The program's one updater; the window shows :attr:`text`."""

    changed = Signal()

    def __init__(self, *, synchronous: bool = False, timers: bool = True) -> None:
        super().__init__()
        self.runner = TaskRunner("daftar-updates", synchronous=synchronous)
        self.text = self._rollback_news()
        self.busy = False
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_EVERY_MS)
        self._timer.timeout.connect(self.check_if_due)
        if timers:
            self._timer.start()
            QTimer.singleShot(FIRST_CHECK_MS, self.check_if_due)

    def _rollback_news(self) -> str:
        """Said once the launcher set a new version aside and brought this one back."""
        try:
            back = client.installation().load().rolled_back
        except client.UpdateError:
            return ""
        if not back or back.get("to") != APP_VERSION:
            return ""
        try:
            recent = datetime.now(UTC) - datetime.fromisoformat(back["at"]) < ROLLBACK_NEWS
        except (KeyError, TypeError, ValueError):
            recent = False
        return _tr("Daftar {0} could not start and was set aside; this is {1}").format(
            back.get("version"), APP_VERSION) if recent else ""

    def check_if_due(self) -> None:
        config = CloudConfig.load()
        if config.auto_update and config.connected and config.server and client.Status.load(
        ).due():
            self.check(quiet=True)

    def check(self, *, quiet: bool = False) -> None:
        """Check now, and download and stage what is offered (only check where this copy
        cannot install itself). ``quiet`` says nothing when the service is out of reach."""
        config = CloudConfig.load()
        if not (config.connected and config.server):
            self._say(_tr("Updates come through the Daftar cloud: connect this PC first"))
            return
        if self.busy:
            return
        self.busy = True
        self._say(_tr("Looking for a newer Daftar…") if not quiet else self.text)
        self.runner.run(self._work, self._done, lambda error: self._failed(error, quiet),
                        self._progress)

    @staticmethod
    def _work(progress: Progress) -> client.Outcome | None:
        try:
            client.installation()
        except client.UpdateError:
            offer = client.check()
            return client.Outcome(APP_VERSION, offer)
        return client.update(progress=lambda done, total: progress.report(done, total))

    def _progress(self, done: int, total: int, _text: str) -> None:
        self._say(_tr("Downloading the update… {0} %").format(done * 100 // max(total, 1)))

    def _done(self, outcome: client.Outcome | None) -> None:
        self.busy = False
        if outcome is None or outcome.offer is None:
            self._say(_tr("Daftar {0} is up to date").format(APP_VERSION))
        elif outcome.staged:
            self._say(_tr("Daftar {0} is ready: it starts the next time you open Daftar")
                      .format(outcome.staged))
        elif outcome.downloaded is None and outcome.offer.version in client.installation_failed():
            self._say(_tr("Daftar {0} could not start on this PC; staying on {1}").format(
                outcome.offer.version, APP_VERSION))
        else:
            self._say(_tr("Daftar {0} is available").format(outcome.offer.version))

    def _failed(self, error: BaseException, quiet: bool) -> None:
        self.busy = False
        if isinstance(error, Offline) and quiet:
            self._say("")
        elif isinstance(error, CloudError | OSError):
            self._say(_tr("Update not installed: {0}").format(error))
        else:
            raise error

    def _say(self, text: str) -> None:
        self.text = text
        self.changed.emit()

    def shutdown(self) -> None:
        self._timer.stop()
        self.runner.shutdown()
