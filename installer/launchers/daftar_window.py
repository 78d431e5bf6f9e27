"""Entry point of ``Daftar.exe``, the window (the same as ``python -m app``).

A windowed Windows program has no console, so ``sys.stdout`` and ``sys.stderr`` are ``None``;
any library that writes a warning there would then raise. They are pointed at ``os.devnull``
instead: the application logs to its own file (``app.ui.kit.errors.setup_logging``).
"""

import os
import sys

for _name in ("stdout", "stderr"):
    if getattr(sys, _name) is None:
        setattr(sys, _name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115

from app.ui.main import main  # noqa: E402

sys.exit(main())
