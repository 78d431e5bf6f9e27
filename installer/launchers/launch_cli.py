"""Entry point of the command-line launcher, ``daftar-cli.exe`` at the root of an installation:
it runs the current version's ``daftar-cli`` and passes its exit code on."""

import sys

from sync.client.updates.launch import main

sys.exit(main("cli"))
