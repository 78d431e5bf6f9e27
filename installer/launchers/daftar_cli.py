"""Entry point of ``daftar-cli.exe``, the command line (the ``daftar`` command of a pip install)."""

import sys

from app.cli.main import main

sys.exit(main())
