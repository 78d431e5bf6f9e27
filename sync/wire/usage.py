"""Usage counters: what an opted-in desktop sends, and what the service answers.

Counts only: a counter is a name, a day and a number, and the models refuse any other field, so
nothing else can travel this way by accident. The desktop shows the user the exact batch it would
send (``UsageBatch.model_dump_json(indent=2)``) before anything leaves the machine.

A batch carries an id the desktop makes up once and keeps until the service has acknowledged it;
re-sending after a lost answer is then harmless, the service counts each batch once.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

COUNTER_NAME_PATTERN = r"^[a-z][a-z0-9_.]{0,63}$"
MAX_COUNTERS_PER_BATCH = 1000
MAX_COUNTER_VALUE = 10**9
MAX_COUNTER_AGE_DAYS = 92
"""A quarter: counters of older days are not kept (a PC offline longer loses only those)."""
MAX_NAMES_PER_DAY = 100
"""Distinct counter names one device may have on one day (the desktop counts about a dozen)."""
MAX_BATCHES_PER_DAY = 100
"""Batches one device may send per UTC day; more are refused with 429 until the next day."""


class UsageCount(BaseModel):
    """How many times something happened on one day, e.g. ``entries.posted`` = 42."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=COUNTER_NAME_PATTERN,
                      description="Lower-case dotted name, e.g. `reports.trial_balance`.")
    day: date = Field(description="The local day the events happened.")
    value: int = Field(ge=0, le=MAX_COUNTER_VALUE)


class UsageBatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    batch_id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._-]+$",
                          description="Made up by the desktop, kept until acknowledged.")
    counters: list[UsageCount] = Field(max_length=MAX_COUNTERS_PER_BATCH)


class UsageReceipt(BaseModel):
    """The answer to a batch; the same batch sent again gets ``duplicate`` and changes nothing."""

    batch_id: str
    accepted: bool = Field(description="True when this request added the batch's counts.")
    duplicate: bool = Field(description="True when the batch had been received before.")
    dropped: int = Field(0, description="Counters not kept: their day is more than "
                         f"{MAX_COUNTER_AGE_DAYS} days ago.")

