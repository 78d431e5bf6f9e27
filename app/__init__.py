"""Daftar: offline-first accounting, one encrypted ledger file per client company."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("daftar")
except PackageNotFoundError:  # a checkout that was never installed
    __version__ = "0+unknown"
