"""Field types that several messages share, each refusing what the service cannot store.

A value that passes a model's validation must also fit the database behind it on both engines,
or it fails deep inside an INSERT as an internal error instead of a clear ``validation_error``:

- PostgreSQL refuses the NUL character in any text column (SQLite would keep it), so a name,
  fingerprint or version is one line of text without control characters
  (:data:`SingleLine`), which a desktop's UI can show as it is anyway.
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


def _single_line(value: str) -> str:
    if _CONTROL.search(value):
        raise ValueError("must be one line of text without control characters")
    return value


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
