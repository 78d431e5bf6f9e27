"""Running database work off the UI thread and bringing its outcome back to it.

A ``TaskRunner`` owns worker threads (one, for a company's writes, keeps them in order) and a
``_Bridge`` QObject living on the GUI thread: a worker emits the bridge's signal with a callable,
Qt queues it to the GUI thread, and the callable runs there. That is the one road by which results,
errors and progress reach widgets, as Electrum's ``qt_event_listener`` does for its events.

Under test a runner can be *synchronous*: the work runs at once on the calling thread, so a test
reads the outcome on the next line (Picard runs its background jobs the same way in its tests).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Qt, Signal, Slot

T = TypeVar("T")


class Cancelled(Exception):
    """Raised inside a task when the user pressed Cancel; the task's transaction rolls back."""


class Progress:
    """Handed to a task: report how far it got, and learn whether the user cancelled.

    Reports are throttled to a few per second so a tight loop calling ``report`` for every row
    never floods the event loop.
    """

    _INTERVAL_S = 0.05

    def __init__(self, emit: Callable[[int, int, str], None] | None = None) -> None:
        self._emit = emit
        self._cancel = threading.Event()
        self._last = 0.0
        self.done = 0
        """The latest ``done`` reported, whether or not it reached the GUI yet."""

    def report(self, done: int, total: int = 0, text: str = "") -> None:
        self.done = done
        now = time.monotonic()
        if self._emit is not None and (now - self._last >= self._INTERVAL_S or done == total):
            self._last = now
            self._emit(done, total, text)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise ``Cancelled`` if the user asked to stop: call it between units of work."""
        if self._cancel.is_set():
            raise Cancelled


class _Bridge(QObject):
    call = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.call.connect(self._run, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _run(self, fn: Callable[[], None]) -> None:
        fn()


class Handle(Generic[T]):
    """A submitted task: cancel it, or ask whether it finished."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.done = False

    def cancel(self) -> None:
        self.progress.cancel()


class TaskRunner:
    """Runs callables on worker threads; their results and errors come back on the GUI thread."""

    def __init__(self, name: str, *, threads: int = 1, synchronous: bool = False) -> None:
        self.synchronous = synchronous
        self._bridge = _Bridge()
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix=name)
        self._pending = 0
        self._lock = threading.Lock()

    def run(
        self,
        work: Callable[[Progress], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
    ) -> Handle[T]:
        """Run ``work(progress)`` off the UI thread, then ``on_done(result)`` or ``on_error(exc)``.

        The callbacks run on the GUI thread. An exception in ``work`` never escapes the worker:
        it goes to ``on_error`` (or is re-raised on the GUI thread if there is none, so the
        application's error handler shows it).
        """
        progress = Progress(self._relay(on_progress) if on_progress else None)
        handle: Handle[T] = Handle(progress)
        if self.synchronous:
            self._finish(handle, lambda: work(progress), on_done, on_error)
            return handle
        with self._lock:
            self._pending += 1
        self._pool.submit(self._in_worker, handle, work, on_done, on_error)
        return handle

    def _relay(
        self, on_progress: Callable[[int, int, str], None]
    ) -> Callable[[int, int, str], None]:
        return lambda done, total, text: self._bridge.call.emit(
            lambda: on_progress(done, total, text)
        )

    def _in_worker(
        self, handle: Handle[T], work: Callable[[Progress], T], on_done: Any, on_error: Any
    ) -> None:
        try:
            result = work(handle.progress)
        except BaseException as exc:  # delivered to the GUI thread
            self._bridge.call.emit(
                lambda error=exc: self._deliver(handle, on_error, error, failed=True))
        else:
            self._bridge.call.emit(lambda: self._deliver(handle, on_done, result, failed=False))

    def _finish(
        self, handle: Handle[T], call: Callable[[], T], on_done: Any, on_error: Any
    ) -> None:
        try:
            result = call()
        except BaseException as exc:
            self._deliver(handle, on_error, exc, failed=True, count=False)
        else:
            self._deliver(handle, on_done, result, failed=False, count=False)

    def _deliver(
        self, handle: Handle[T], callback: Any, value: Any, *, failed: bool, count: bool = True
    ) -> None:
        if count:
            with self._lock:
                self._pending -= 1
        handle.done = True
        if callback is not None:
            callback(value)
        elif failed:
            raise value

    @property
    def busy(self) -> bool:
        """Whether work is still queued or running (tests wait for this to turn False)."""
        with self._lock:
            return self._pending > 0

    def shutdown(self) -> None:
        """Let running work finish (a transaction is never cut in half), then stop the threads."""
        self._pool.shutdown(wait=True, cancel_futures=True)
