"""How a FEC's text is encoded: UTF-8, or the legacy 8-bit encodings the BOI allows."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

_C1 = re.compile(rb"[\x80-\x9f]")


def detect_encoding(path: Path) -> str:
    """UTF-8 if the whole file decodes so, else a legacy 8-bit encoding, as the BOI allows.

    Bytes 0x80–0x9F are control characters in ISO-8859-15 that no FEC contains, but letters in
    Windows-1252 (œ, €, ’...): a file holding any is Windows-1252, the rest ISO-8859-15.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    utf8, c1 = True, False
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            if utf8:
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    utf8 = False
            c1 = c1 or _C1.search(chunk) is not None
            if not utf8 and c1:
                break
        if utf8:
            try:
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                utf8 = False
    return "utf-8-sig" if utf8 else "cp1252" if c1 else "iso-8859-15"


def undecodable_line(path: Path, encoding: str) -> int | None:
    """The line holding the first bytes ``encoding`` cannot read (read again, on error only)."""
    with open(path, "rb") as f:
        for number, raw in enumerate(f, start=1):
            try:
                raw.decode(encoding)
            except UnicodeDecodeError:
                return number
    return None
