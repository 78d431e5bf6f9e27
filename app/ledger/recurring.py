"""Recurring entries: a template (rent, payroll, depreciation) and the days it falls due.

A template is an entry without a date plus a schedule: every N months on a day of the month,
from its next date on, until an optional end. Its occurrences are computed here, with no
storage: the store turns the ones that are due into drafts, which the accountant reviews and
posts. Nothing here posts, and nothing here knows whether the books can take an entry on a day;
that is for the rules (``app.ledger.rules``) when the draft is made.

A day past the end of a month means that month's last day (31 → 30 April, 28 or 29 February);
the template keeps its day, so the month after takes the 31st again.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.ledger.model import Entry, Line
from app.ledger.money import ZERO

EVERY_MONTHS = (1, 2, 3, 4, 6, 12)
"""The periods a template may repeat at: months, bimonths, quarters, four-months, halves, years.
Each divides twelve, so a schedule comes back to the same months every year."""

PLACEHOLDERS = ("month", "year", "period")
"""What a template's labels may carry, filled in for each occurrence (``fill_label``)."""

_PLACEHOLDER = re.compile(r"\{(\w*)\}")


class TemplateError(ValueError):
    """A template that cannot describe a balanced entry on a schedule; every reason at once."""


@dataclass(frozen=True, slots=True)
class TemplateLine:
    """One line of a template: an account and an amount on one side, as on an entry."""

    account: str
    debit: Decimal = ZERO
    credit: Decimal = ZERO
    third_party: str | None = None
    label: str = ""
    """May carry ``{month}``, ``{year}`` or ``{period}`` like the template's label."""


@dataclass(frozen=True, slots=True)
class Template:
    """An entry to draft every ``every_months`` months on ``day_of_month``.

    Checked when made: at least two lines, each a debit or a credit (not both, not neither,
    never negative), debits equal to credits, a known period and a day of 1 to 31, labels whose
    placeholders are known. Whether its accounts and journal exist is for the store to say.
    """

    name: str
    journal: str
    label: str
    lines: tuple[TemplateLine, ...]
    every_months: int
    day_of_month: int
    next_date: date
    """The first occurrence still to draft; the store moves it on as drafts are made."""
    end_date: date | None = None
    """No occurrence after this day; ``None``: no end."""
    reference: str = ""
    active: bool = True
    """A paused template proposes nothing until resumed."""
    id: int | None = None

    def __post_init__(self) -> None:
        problems = template_problems(self)
        if problems:
            raise TemplateError(f"template {self.name!r}: {'; '.join(problems)}")

    @property
    def total(self) -> Decimal:
        return sum((line.debit for line in self.lines), ZERO)

    def due(self, up_to: date) -> list[date]:
        """The occurrences from ``next_date`` up to ``up_to`` (both included)."""
        return occurrences(self.next_date, self.every_months, self.day_of_month, up_to,
                           self.end_date)


def template_problems(template: Template) -> list[str]:
    """Every reason ``template`` is not a sound template, in words; empty when it is."""
    problems = []
    if not template.name.strip():
        problems.append("the name is empty")
    if not template.journal.strip():
        problems.append("the journal is empty")
    if not template.label.strip():
        problems.append("the label is empty")
    if template.every_months not in EVERY_MONTHS:
        problems.append(f"every {template.every_months} months: expected one of "
                        f"{', '.join(map(str, EVERY_MONTHS))}")
    if not 1 <= template.day_of_month <= 31:
        problems.append(f"day {template.day_of_month}: expected a day of the month, 1 to 31")
    problems.extend(_label_problems("label", template.label))
    problems.extend(_label_problems("reference", template.reference))
    problems.extend(_lines_problems(template.lines))
    return problems


def _lines_problems(lines: tuple[TemplateLine, ...]) -> list[str]:
    problems = []
    if len(lines) < 2:
        problems.append(f"{len(lines)} line(s): an entry needs at least two")
    for n, line in enumerate(lines, start=1):
        if not line.account.strip():
            problems.append(f"line {n}: no account")
        if line.debit < ZERO or line.credit < ZERO:
            problems.append(f"line {n}: a negative amount")
        elif bool(line.debit) == bool(line.credit):
            problems.append(f"line {n}: give a debit or a credit, not both, not neither")
        problems.extend(f"line {n}: {p}" for p in _label_problems("label", line.label))
    debit = sum((line.debit for line in lines), ZERO)
    credit = sum((line.credit for line in lines), ZERO)
    if debit != credit:
        problems.append(f"debits {debit} and credits {credit} differ by {abs(debit - credit)}")
    return problems


def _label_problems(field: str, text: str) -> list[str]:
    unknown = sorted({name for name in _PLACEHOLDER.findall(text) if name not in PLACEHOLDERS})
    return [f"the {field} has {{{name}}}: the placeholders are "
            f"{', '.join('{' + p + '}' for p in PLACEHOLDERS)}" for name in unknown]


def on_day(year: int, month: int, day_of_month: int) -> date:
    """``day_of_month`` of that month, or its last day when the month is shorter."""
    return date(year, month, min(day_of_month, calendar.monthrange(year, month)[1]))


def months_later(day: date, months: int, day_of_month: int) -> date:
    """The ``day_of_month`` of the month ``months`` after ``day``'s month (clamped)."""
    index = day.year * 12 + day.month - 1 + months
    return on_day(index // 12, index % 12 + 1, day_of_month)


def occurrences(start: date, every_months: int, day_of_month: int, up_to: date,
                end: date | None = None) -> list[date]:
    """The days a schedule falls on from ``start`` to ``up_to``, none after ``end``.

    The months are ``start``'s month and every ``every_months``-th after it; an occurrence
    before ``start`` (a start in mid-month with an earlier day) is skipped, so ``start`` is the
    first day the template may fall on, whatever day it names.
    """
    if every_months not in EVERY_MONTHS or not 1 <= day_of_month <= 31:
        raise TemplateError(f"every {every_months} months on day {day_of_month} is no schedule")
    last = up_to if end is None else min(up_to, end)
    days = []
    step = 0
    day = on_day(start.year, start.month, day_of_month)
    while day <= last:
        if day >= start:
            days.append(day)
        step += every_months
        day = months_later(start, step, day_of_month)
    return days


def following(day: date, every_months: int, day_of_month: int) -> date:
    """The occurrence after ``day`` (itself an occurrence): the next date to draft from."""
    return months_later(day, every_months, day_of_month)


def first_on_or_after(next_date: date, every_months: int, day_of_month: int, day: date) -> date:
    """The first occurrence on or after ``day`` of the schedule whose next occurrence is
    ``next_date``: the same months and day, the ones before ``day`` skipped."""
    while next_date < day:
        next_date = following(next_date, every_months, day_of_month)
    return next_date


def fill_label(text: str, day: date, every_months: int) -> str:
    """``text`` with its placeholders filled in for the occurrence on ``day``.

    ``{month}`` is ``MM/YYYY`` of the day, ``{year}`` its year, ``{period}`` the months the
    occurrence stands for: its own month when monthly, else ``MM/YYYY-MM/YYYY``. An entry in
    the first half of its month opens its period (rent paid in advance on 1 April covers April
    to June), one in the second half closes it (depreciation on 31 March covers January to
    March). ``Loyer {month}`` becomes ``Loyer 03/2026``.
    """
    month = f"{day.month:02d}/{day.year}"
    if every_months == 1:
        period = month
    elif day.day <= 15:
        last = months_later(day, every_months - 1, 1)
        period = f"{month}-{last.month:02d}/{last.year}"
    else:
        first = months_later(day, 1 - every_months, 1)
        period = f"{first.month:02d}/{first.year}-{month}"
    values = {"month": month, "year": str(day.year), "period": period}
    return _PLACEHOLDER.sub(lambda m: values.get(m[1], m[0]), text)


def draft_of(template: Template, day: date) -> Entry:
    """The draft entry of ``template``'s occurrence on ``day``, labels filled in."""

    def fill(text: str) -> str:
        return fill_label(text, day, template.every_months)

    return Entry(
        journal=template.journal, date=day, label=fill(template.label),
        reference=fill(template.reference),
        lines=tuple(Line(line.account, debit=line.debit, credit=line.credit,
                         label=fill(line.label), third_party=line.third_party)
                    for line in template.lines),
    )
