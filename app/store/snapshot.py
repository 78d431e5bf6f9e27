"""A logical snapshot of a company file as a byte stream, and a new company file built from one.

Backups need the books' plaintext in a form whose bytes change only where the books changed, so
that content-defined chunking finds most of it unchanged from one backup to the next. The
encrypted file cannot serve (SQLCipher gives every page a fresh IV on each write), and neither can
a page image (a rebuilt B-tree shifts every page after an insert). So the snapshot is logical:

    header  →  schema (sqlite_master)  →  each table's rows in primary-key order  →  end

Each row is written as the SQL literals SQLite's ``quote()`` gives for its columns, so every value
comes back with its exact type (integers stay integers; there are no floats in the books). New
entries and lines land at the end of their tables; a changed balance row changes a few bytes in
place. Indexes and triggers are rebuilt from the schema, after the rows, on restore.

The stream is produced inside one read transaction, so it is one consistent moment of the books
even while a window keeps posting; it is never written to disk in plaintext.
"""

from __future__ import annotations

import json
import os
import struct
from collections.abc import Iterable, Iterator
from pathlib import Path

from sqlcipher3 import dbapi2

from app.store import migrations
from app.store.database import Database, StoreError, raw_connect, remove_database_files
from app.store.keys import FileKey

FORMAT = "daftar-snapshot/1"
_HEADER, _SCHEMA, _TABLE, _ROWS, _END = b"H", b"S", b"T", b"R", b"E"
_FRAME = struct.Struct(">cI")
_PIECE = 256 * 1024
"""Rows are handed on in pieces of about this many bytes."""
_INSERT_ROWS = 500


class SnapshotInvalid(StoreError):
    """The stream is not a complete Daftar snapshot (damaged, truncated, or too new)."""


def _frame(tag: bytes, payload: bytes) -> bytes:
    return _FRAME.pack(tag, len(payload)) + payload


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def dump(db: Database) -> Iterator[bytes]:
    """The snapshot of ``db`` as pieces of bytes, read in one transaction."""
    with db.read() as conn:
        cur = conn.connection.driver_connection.cursor()
        header = {"format": FORMAT,
                  "application_id": cur.execute("PRAGMA application_id").fetchone()[0],
                  "user_version": cur.execute("PRAGMA user_version").fetchone()[0]}
        yield _frame(_HEADER, json.dumps(header).encode())
        objects = cur.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master "
            "WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
            "ORDER BY CASE type WHEN 'table' THEN 0 ELSE 1 END, name").fetchall()
        for row in objects:
            yield _frame(_SCHEMA, json.dumps(row).encode())
        for kind, name, _, _ in objects:
            if kind == "table":
                yield from _table(cur, name)
        yield _frame(_END, b"")


def _table(cur: dbapi2.Cursor, table: str) -> Iterator[bytes]:
    columns = cur.execute(f"PRAGMA table_info({_quote(table)})").fetchall()
    keys = [c[1] for c in sorted(columns, key=lambda c: c[5]) if c[5] > 0]
    order = ", ".join(map(_quote, keys)) if keys else "rowid"
    literal = " || ',' || ".join(f"quote({_quote(c[1])})" for c in columns)
    yield _frame(_TABLE, table.encode())
    piece: list[bytes] = []
    size = 0
    for (text,) in cur.execute(f"SELECT {literal} FROM {_quote(table)} ORDER BY {order}"):
        data = text.encode()
        piece.append(_FRAME.pack(_ROWS, len(data)))
        piece.append(data)
        size += len(data) + _FRAME.size
        if size >= _PIECE:
            yield b"".join(piece)
            piece, size = [], 0
    if piece:
        yield b"".join(piece)


class _Reader:
    """Exact reads over an iterable of byte pieces."""

    def __init__(self, pieces: Iterable[bytes]) -> None:
        self._pieces = iter(pieces)
        self._buffer = bytearray()

    def read(self, n: int) -> bytes:
        while len(self._buffer) < n:
            piece = next(self._pieces, None)
            if piece is None:
                raise SnapshotInvalid("the snapshot ends too early (truncated)")
            self._buffer += piece
        data = bytes(self._buffer[:n])
        del self._buffer[:n]
        return data

    def records(self) -> Iterator[tuple[bytes, bytes]]:
        while True:
            tag, length = _FRAME.unpack(self.read(_FRAME.size))
            yield tag, self.read(length)
            if tag == _END:
                return


def restore(pieces: Iterable[bytes], path: Path, key: FileKey) -> None:
    """Build a new company file at ``path`` from a snapshot stream, keyed with ``key``.

    Written under a temporary name and linked into place only when complete and checked, so a
    failure leaves nothing at ``path``; an existing ``path`` is never overwritten.
    """
    if path.exists():
        raise StoreError(f"{path} already exists; restore never overwrites a file")
    if key.salt is None:
        raise ValueError("a new file needs a key with its salt")
    building = path.with_name(f".{path.name}.restoring")
    remove_database_files(building)
    cx = raw_connect(building, key)
    try:
        cx.execute("PRAGMA journal_mode = WAL")
        cx.execute("PRAGMA foreign_keys = OFF")
        cx.execute("BEGIN IMMEDIATE")
        _load(_Reader(pieces).records(), cx)
        problems = cx.execute("PRAGMA foreign_key_check").fetchmany(3)
        if problems:
            raise SnapshotInvalid(f"the snapshot's rows break foreign keys: {problems}")
        cx.execute("COMMIT")
        cx.close()
        try:
            os.link(building, path)
        except FileExistsError:
            raise StoreError(f"{path} already exists; restore never overwrites a file") from None
        remove_database_files(building)
    except BaseException:
        cx.close()
        remove_database_files(building)
        raise


def _load(records: Iterator[tuple[bytes, bytes]], cx: dbapi2.Connection) -> None:
    tag, payload = next(records)
    header = json.loads(payload) if tag == _HEADER else {}
    if header.get("format") != FORMAT:
        raise SnapshotInvalid("not a Daftar snapshot (unknown format)")
    if header["user_version"] > migrations.SCHEMA_VERSION:
        raise SnapshotInvalid(
            f"the snapshot was taken by a newer Daftar (schema {header['user_version']}, this "
            f"program knows up to {migrations.SCHEMA_VERSION}); update Daftar to restore it")
    later: list[str] = []
    table, rows = "", []
    for tag, payload in records:
        if tag == _SCHEMA:
            kind, _, _, sql = json.loads(payload)
            if kind == "table":
                cx.execute(sql)
            else:
                later.append(sql)
        elif tag == _TABLE:
            _insert(cx, table, rows)
            table, rows = payload.decode(), []
        elif tag == _ROWS:
            rows.append(payload.decode())
            if len(rows) >= _INSERT_ROWS:
                _insert(cx, table, rows)
                rows = []
        elif tag == _END:
            _insert(cx, table, rows)
            break
        else:
            raise SnapshotInvalid(f"the snapshot holds an unknown record {tag!r}")
    else:
        raise SnapshotInvalid("the snapshot has no end (truncated)")
    for sql in later:
        cx.execute(sql)
    cx.execute(f"PRAGMA application_id = {int(header['application_id'])}")
    cx.execute(f"PRAGMA user_version = {int(header['user_version'])}")


def _insert(cx: dbapi2.Connection, table: str, rows: list[str]) -> None:
    """Insert rows given as the SQL literals ``quote()`` wrote; they came from an authenticated
    snapshot of a Daftar file, and ``quote()`` escapes every value."""
    if rows:
        values = ",".join(f"({row})" for row in rows)
        cx.execute(f"INSERT INTO {_quote(table)} VALUES {values}")
