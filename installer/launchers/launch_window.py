"""Entry point of the window launcher, ``Daftar.exe`` at the root of an installation.

It starts the current version's ``Daftar.exe`` from ``versions\\<version>\\`` (switching to a
staged update, rolling back one that fails to open its window); see
``sync/client/updates/launch.py``. Windowed, so errors go to a message box, not a console.
"""

import os
import sys

for _name in ("stdout", "stderr"):
    if getattr(sys, _name) is None:
        setattr(sys, _name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115

from sync.client.updates.launch import main  # noqa: E402

sys.exit(main("window"))
