"""Daftar: offline-first accounting, one encrypted ledger file per client company."""
