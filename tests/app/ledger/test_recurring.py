"""Recurring templates: their checks, the days they fall on, the labels they fill in."""

from __future__ import annotations

import calendar
import itertools
import re
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.ledger.recurring import (
    EVERY_MONTHS,
    Template,
    TemplateError,
    TemplateLine,
    draft_of,
    fill_label,
    first_on_or_after,
    following,
    occurrences,
)

RENT = (TemplateLine("613", debit=Decimal("50000.00")),
        TemplateLine("512", credit=Decimal("50000.00")))


def rent(**changes: object) -> Template:
    fields: dict = dict(name="Loyer", journal="BQ", label="Loyer {month}", lines=RENT,
                        every_months=1, day_of_month=31, next_date=date(2026, 1, 31))
    fields.update(changes)
    return Template(**fields)


def test_a_sound_template() -> None:
    assert rent().total == Decimal("50000.00")


@pytest.mark.parametrize(("changes", "says"), [
    ({"lines": RENT[:1]}, "1 line(s): an entry needs at least two"),
    ({"lines": (RENT[0], TemplateLine("512", credit=Decimal("40000")))},
     "debits 50000.00 and credits 40000 differ by 10000.00"),
    ({"lines": (TemplateLine("613", debit=Decimal(1), credit=Decimal(1)), *RENT)},
     "line 1: give a debit or a credit, not both, not neither"),
    ({"lines": (TemplateLine("613"), *RENT)},
     "line 1: give a debit or a credit, not both, not neither"),
    ({"lines": (TemplateLine("613", debit=Decimal(-5)), TemplateLine("512", credit=Decimal(-5)))},
     "line 1: a negative amount"),
    ({"every_months": 5}, "every 5 months: expected one of 1, 2, 3, 4, 6, 12"),
    ({"day_of_month": 32}, "day 32: expected a day of the month, 1 to 31"),
    ({"label": "  "}, "the label is empty"),
    ({"label": "Loyer {mois}"}, "the label has {mois}"),
    ({"name": ""}, "the name is empty"),
])
def test_unsound_templates_are_refused(changes: dict, says: str) -> None:
    with pytest.raises(TemplateError, match="^template .*" + re.escape(says)):
        rent(**changes)


def test_every_reason_at_once() -> None:
    with pytest.raises(TemplateError) as refused:
        rent(every_months=5, day_of_month=0, lines=RENT[:1])
    assert str(refused.value).count(";") == 3


def test_the_31st_clamps_to_each_months_end_and_comes_back() -> None:
    assert rent(next_date=date(2024, 1, 31)).due(date(2024, 5, 31)) == [
        date(2024, 1, 31), date(2024, 2, 29), date(2024, 3, 31), date(2024, 4, 30),
        date(2024, 5, 31)]
    assert occurrences(date(2025, 1, 31), 1, 31, date(2025, 3, 31)) == [
        date(2025, 1, 31), date(2025, 2, 28), date(2025, 3, 31)]


def test_start_in_mid_month_skips_an_earlier_day_of_that_month() -> None:
    assert occurrences(date(2026, 3, 15), 3, 1, date(2026, 12, 31)) == [
        date(2026, 6, 1), date(2026, 9, 1), date(2026, 12, 1)]
    assert occurrences(date(2026, 3, 15), 1, 20, date(2026, 4, 30)) == [
        date(2026, 3, 20), date(2026, 4, 20)]


def test_end_date_and_up_to_both_bound() -> None:
    assert occurrences(date(2026, 1, 5), 1, 5, date(2026, 12, 31), date(2026, 3, 4)) == [
        date(2026, 1, 5), date(2026, 2, 5)]
    assert occurrences(date(2026, 1, 5), 1, 5, date(2026, 1, 4)) == []


def test_following_keeps_the_day_of_the_template() -> None:
    assert following(date(2026, 2, 28), 1, 31) == date(2026, 3, 31)
    assert following(date(2026, 11, 30), 3, 30) == date(2027, 2, 28)


def test_labels_carry_the_period() -> None:
    day = date(2026, 3, 31)
    assert fill_label("Loyer {month}", day, 1) == "Loyer 03/2026"
    assert fill_label("Loyer {period}", day, 1) == "Loyer 03/2026"
    assert fill_label("Loyer T {period}", date(2026, 11, 1), 3) == "Loyer T 11/2026-01/2027"
    assert fill_label("Dotation {period}", date(2026, 3, 31), 3) == "Dotation 01/2026-03/2026"
    assert fill_label("{period}", date(2027, 2, 16), 6) == "09/2026-02/2027"
    assert fill_label("Dotation {year}", day, 12) == "Dotation 2026"
    assert fill_label("Sans {rien}", day, 1) == "Sans {rien}"


def test_draft_of_fills_labels_and_keeps_lines() -> None:
    template = rent(lines=(TemplateLine("613", debit=Decimal(10), label="{month}"),
                           TemplateLine("401", credit=Decimal(10), third_party="BAILLEUR")),
                    reference="QUIT-{month}")
    entry = draft_of(template, date(2026, 4, 30))
    assert (entry.journal, entry.date, entry.label, entry.reference) == (
        "BQ", date(2026, 4, 30), "Loyer 04/2026", "QUIT-04/2026")
    assert [(x.account, x.debit, x.credit, x.third_party, x.label) for x in entry.lines] == [
        ("613", Decimal(10), Decimal(0), None, "04/2026"),
        ("401", Decimal(0), Decimal(10), "BAILLEUR", "")]


schedules = st.tuples(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31)),
    st.sampled_from(EVERY_MONTHS),
    st.integers(min_value=1, max_value=31),
    st.integers(min_value=0, max_value=2000),
    st.one_of(st.none(), st.integers(min_value=-30, max_value=2000)),
)


def _schedule(values: tuple) -> tuple[date, int, int, date, date | None]:
    start, every, day, span, end = values
    up_to = date.fromordinal(start.toordinal() + span)
    return start, every, day, up_to, (
        None if end is None else date.fromordinal(start.toordinal() + end))


@given(schedules)
def test_occurrences_are_increasing_and_in_bounds(values: tuple) -> None:
    start, every, day, up_to, end = _schedule(values)
    days = occurrences(start, every, day, up_to, end)
    assert days == sorted(set(days))
    assert all(start <= d <= up_to and (end is None or d <= end) for d in days)


@given(schedules)
def test_each_occurrence_is_in_its_month_on_its_clamped_day(values: tuple) -> None:
    start, every, day, up_to, end = _schedule(values)
    days = occurrences(start, every, day, up_to, end)
    first_month = start.year * 12 + start.month - 1
    for d in days:
        assert (d.year * 12 + d.month - 1 - first_month) % every == 0
        assert d.day == min(day, calendar.monthrange(d.year, d.month)[1])
    for earlier, later in itertools.pairwise(days):
        assert (later.year * 12 + later.month) - (earlier.year * 12 + earlier.month) == every


@given(schedules)
def test_nothing_due_is_missed_between_start_and_the_first_occurrence(values: tuple) -> None:
    start, every, day, up_to, end = _schedule(values)
    days = occurrences(start, every, day, up_to, end)
    if days:
        assert (days[0].year * 12 + days[0].month) - (start.year * 12 + start.month) in (0, every)


@given(schedules, st.data())
def test_stepping_from_any_occurrence_gives_the_same_later_ones(values: tuple,
                                                               data: st.DataObject) -> None:
    start, every, day, up_to, end = _schedule(values)
    days = occurrences(start, every, day, up_to, end)
    if not days:
        return
    i = data.draw(st.integers(min_value=0, max_value=len(days) - 1))
    assert occurrences(days[i], every, day, up_to, end) == days[i:]
    after = following(days[i], every, day)
    assert occurrences(after, every, day, up_to, end) == days[i + 1:]


@given(schedules, st.integers(min_value=0, max_value=1500))
def test_skipping_ahead_stays_on_the_schedule(values: tuple, ahead: int) -> None:
    start, every, day, _up_to, _end = _schedule(values)
    [first] = occurrences(start, every, day, date.fromordinal(start.toordinal() + 400))[:1]
    target = date.fromordinal(first.toordinal() + ahead)
    skipped = first_on_or_after(first, every, day, target)
    later = occurrences(first, every, day, date.fromordinal(target.toordinal() + 400))
    assert skipped == min(d for d in later if d >= target)
