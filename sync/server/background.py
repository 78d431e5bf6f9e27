"""Work a service instance does on its own, beside requests: started and stopped with the app.

Returns a function that stops it. Every task here must be safe with several instances running
(each instance may run it; the work itself is idempotent or takes a database lock).
"""

from __future__ import annotations

from collections.abc import Callable

from sync.server.deps import Services


def start(services: Services) -> Callable[[], None]:
    return lambda: None
