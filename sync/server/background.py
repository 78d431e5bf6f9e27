"""Work a service instance does on its own, beside requests: started and stopped with the app.

Returns a function that stops it. Every task here must be safe with several instances running
(each instance may run it; the work itself is idempotent or takes a database lock).

The one task, every ``gc_interval_minutes``: backup retention and garbage collection
(:mod:`sync.server.retention`), then forgetting old usage batch ids and counters
(:func:`sync.server.usage.prune`). It runs in a daemon thread; on PostgreSQL an advisory lock
lets one instance at a time do it (two at once would be safe, only wasteful). The first run comes
soon after start, not a full interval later, so instances restarted more often than the interval
still collect.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import timedelta

from sync.server import retention, usage
from sync.server.deps import Services

log = logging.getLogger("daftar.server.background")

FIRST_RUN_DELAY = 60.0
STOP_TIMEOUT = 10.0


def start(services: Services) -> Callable[[], None]:
    interval = services.settings.gc_interval_minutes * 60
    if interval <= 0:
        return lambda: None
    stop = threading.Event()
    thread = threading.Thread(target=_loop, args=(services, interval, stop),
                              name="daftar-maintenance", daemon=True)
    thread.start()

    def halt() -> None:
        stop.set()
        thread.join(STOP_TIMEOUT)

    return halt


def _loop(services: Services, interval: float, stop: threading.Event) -> None:
    delay = min(interval, FIRST_RUN_DELAY)
    while not stop.wait(delay):
        try:
            run_once(services, stop)
        except Exception:  # the loop must outlive a database outage
            log.exception("backup maintenance failed")
        delay = interval


def run_once(services: Services, stop: threading.Event | None = None) -> None:
    """One retention and garbage-collection pass over all tenants, unless another instance's
    pass is under way."""
    with retention.maintenance_lock(services.store) as mine:
        if not mine:
            log.info("backup maintenance skipped: another instance is running it")
            return
        report = retention.run_maintenance(
            services.store, services.blobs,
            grace=timedelta(hours=services.settings.gc_grace_hours), stop=stop)
        batches, counters = usage.prune(
            services.store, retention_days=services.settings.usage_retention_days)
    for tenant in report.tenants:
        if tenant.snapshots_removed or tenant.chunks_removed:
            log.info("backup maintenance of tenant %s: %d snapshots and %d chunks removed, "
                     "%d bytes freed", tenant.tenant_id, tenant.snapshots_removed,
                     tenant.chunks_removed, tenant.bytes_freed)
    if batches or counters:
        log.info("usage maintenance: %d old batch ids and %d old counters forgotten",
                 batches, counters)
