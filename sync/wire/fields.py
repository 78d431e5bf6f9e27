"""Field types that several messages share, each refusing what the service cannot store.

A value that passes a model's validation must also fit the database behind it on both engines,
or it fails deep inside an INSERT as an internal error instead of a clear ``validation_error``:

- PostgreSQL refuses the NUL character in any text column (SQLite would keep it), so a name,
  fingerprint or version is one line of text without control characters
  (:data:`SingleLine`), which a desktop's UI can show as it is anyway.
- JSON may spell half of a UTF-16 surrogate pair alone (``"\\ud800"``). Python decodes it into a
  string no encoder accepts, so it failed only when the database or a hash encoded it. Every text
  type here refuses it (:data:`Text`, :data:`SingleLine`); a pattern of ASCII characters does too.
  ``tests/sync/wire`` checks that every string field of every request body is one of these.
- A time with a UTC offset can lie outside the range of :class:`datetime` once turned into UTC
  (``0001-01-01T00:00:00+01:00``), which every timestamp column does; :data:`UtcDateTime`
  converts at validation, so such a time is refused there.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime, Field

SINGLE_LINE_PATTERN = r"^[^\x00-\x1f\x7f]*$"
"""No C0 control character (NUL, tab, newline…) and no DEL."""
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_NUL = "\x00"


def _text(value: str) -> str:
    if _SURROGATE.search(value):
        raise ValueError("is not valid Unicode text (an unpaired surrogate)")
    if _NUL in value:
        raise ValueError("must not contain the NUL character")
    return value


def _single_line(value: str) -> str:
    if _CONTROL.search(value):
        raise ValueError("must be one line of text without control characters")
    return _text(value)


Text = Annotated[str, AfterValidator(_text)]
"""Any text that can be stored and encoded: several lines allowed (a signed JSON document), no NUL
and no unpaired surrogate; add the length limits with ``Field``."""


SingleLine = Annotated[
    str, AfterValidator(_single_line), Field(json_schema_extra={"pattern": SINGLE_LINE_PATTERN}),
]
"""One line of text without control characters; add the length limits with ``Field``.

Checked by a validator rather than a ``pattern`` constraint for a message a person can act on;
the schema still states the pattern.
"""


def _to_utc(value: datetime) -> datetime:
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise ValueError("lies outside the range of dates once converted to UTC") from None


UtcDateTime = Annotated[AwareDatetime, AfterValidator(_to_utc)]
"""A time with its UTC offset in JSON, in UTC once parsed."""
