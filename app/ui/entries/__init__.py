"""Entries: the entries list, the entry editor and its parts, and importing a journal."""
