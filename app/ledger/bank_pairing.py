"""Which statement lines and ledger lines of a bank account are the same money (no SQL).

Three kinds of proposal, from the surest to the loosest:

* ``exact``: one statement line and one ledger line of the same amount, dated within the window
  of each other. It is *automatic* (safe to apply without a person) only when each is the
  other's one candidate; where several candidates share the amount, a reference or cheque
  number found on one side and in the other's text picks one, when it picks exactly one both
  ways. Automatic pairs never share a line, so applying them in any order gives the same books.
* ``sum``: one statement line equal to 2..``max_parts`` ledger lines of the same direction
  within the window (a remittance of cheques credited as one line), or one ledger line equal to
  several statement lines. The search is bounded (nearest ``max_candidates`` lines by date, and
  a budget of steps per line), so a pathological account costs time in proportion to its size.
* ``near``: the same amount outside the window, or several candidates within it.

Sums and near matches are only proposed: a person confirms them. Proposals never share a line
with each other or with the automatic pairs. Amounts are integer minor units, money in positive
on both sides (a ledger line's debit less its credit).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal, Protocol, TypeVar

LineKey = tuple[int, int]
"""A ledger line as (entry id, position)."""
Kind = Literal["exact", "sum", "near"]

DEFAULT_WINDOW = 5
"""Days allowed between a statement line's booking date and the ledger line's date."""
MAX_PARTS = 5
MAX_CANDIDATES = 16
SEARCH_BUDGET = 4000
"""Steps of the subset search per line: beyond it the line is left for a person."""
NEAR_DAYS = 120
"""Same-amount lines further apart than this are not proposed at all."""
NEAR_PER_LINE = 3
"""Same-amount lines looked at per statement line for a near match, the closest in date."""


@dataclass(frozen=True, slots=True)
class StatementItem:
    """An open statement line as the pairing sees it."""

    id: int
    day: date
    amount: int
    text: str = ""
    """Label, counterparty, reference, end-to-end id: where the other side's number may show."""
    reference: str = ""


@dataclass(frozen=True, slots=True)
class LedgerItem:
    """An open posted line on the bank account as the pairing sees it."""

    key: LineKey
    day: date
    amount: int
    text: str = ""
    """Entry label, line label and entry reference."""
    reference: str = ""


@dataclass(frozen=True, slots=True)
class Proposal:
    bank: tuple[int, ...]
    ledger: tuple[LineKey, ...]
    kind: Kind
    score: int
    """0..100: how sure the pairing is; automatic pairs score 80 or more."""
    reason: str
    automatic: bool = False


class _Dated(Protocol):
    @property
    def day(self) -> date: ...

    @property
    def amount(self) -> int: ...


T = TypeVar("T", bound=_Dated)


@dataclass(frozen=True, slots=True)
class Pairing:
    automatic: tuple[Proposal, ...]
    proposals: tuple[Proposal, ...]
    """Best first."""


_NUMBER = re.compile(r"[A-Z0-9]*[0-9][A-Z0-9]*")


def numbers(text: str) -> frozenset[str]:
    """The tokens of ``text`` that look like a document number: four characters or more with a
    digit, leading zeros dropped (``CHQ 0012345`` and ``12345`` name the same cheque)."""
    return frozenset(token.lstrip("0") or "0" for token in _NUMBER.findall(text.upper())
                     if len(token) >= 4)


def reference_hit(bank: StatementItem, line: LedgerItem) -> bool:
    """Whether either side's reference number appears in the other side's text."""
    ledger_refs = numbers(line.reference) if line.reference else frozenset()
    if ledger_refs and ledger_refs & numbers(bank.text + " " + bank.reference):
        return True
    bank_refs = numbers(bank.reference) if bank.reference else frozenset()
    return bool(bank_refs and bank_refs & numbers(line.text + " " + line.reference))


@dataclass(slots=True)
class _Index:
    """Open lines by amount and by day, with what is already taken."""

    bank_by_amount: dict[int, list[StatementItem]] = field(default_factory=dict)
    ledger_by_amount: dict[int, list[LedgerItem]] = field(default_factory=dict)
    taken_bank: set[int] = field(default_factory=set)
    taken_ledger: set[LineKey] = field(default_factory=set)


def _apart(a: date, b: date) -> int:
    return abs((a - b).days)


def pair(bank: Sequence[StatementItem], ledger: Sequence[LedgerItem], *,
         window: int = DEFAULT_WINDOW, max_parts: int = MAX_PARTS,
         max_candidates: int = MAX_CANDIDATES) -> Pairing:
    """Pair open statement lines with open ledger lines; see the module's docstring."""
    index = _Index()
    for item in bank:
        index.bank_by_amount.setdefault(item.amount, []).append(item)
    for line in ledger:
        index.ledger_by_amount.setdefault(line.amount, []).append(line)
    automatic = _exact(index, window)
    for proposal in automatic:
        index.taken_bank.update(proposal.bank)
        index.taken_ledger.update(proposal.ledger)
    proposals = _sums(bank, ledger, index, window, max_parts, max_candidates)
    proposals += _near(index, window)
    proposals.sort(key=lambda p: (-p.score, p.bank, p.ledger))
    return Pairing(tuple(automatic), tuple(proposals))


def _exact(index: _Index, window: int) -> list[Proposal]:
    """The pairs each side of which is the other's one candidate (or one referenced one)."""
    out = []
    for amount, items in index.bank_by_amount.items():
        lines = index.ledger_by_amount.get(amount)
        if not lines:
            continue
        if len(items) == 1 and len(lines) == 1:  # the usual case, without the bookkeeping
            if _apart(items[0].day, lines[0].day) <= window:
                hit = reference_hit(items[0], lines[0])
                out.append(_exact_proposal(items[0], lines[0], hit, _ALONE))
            continue
        lines = sorted(lines, key=lambda x: x.day)
        days = [x.day for x in lines]
        near = {b.id: _within(lines, days, b.day, window) for b in items}
        back: dict[LineKey, list[StatementItem]] = defaultdict(list)
        for b in items:
            for line in near[b.id]:
                back[line.key].append(b)
        for b in items:
            chosen = _choose(b, near[b.id], back)
            if chosen is not None:
                out.append(chosen)
    return out


_ALONE = "the one line of this amount within the window"


def _choose(b: StatementItem, candidates: list[LedgerItem],
            back: dict[LineKey, list[StatementItem]]) -> Proposal | None:
    if len(candidates) == 1 and len(back[candidates[0].key]) == 1:
        line = candidates[0]
        hit = reference_hit(b, line)
        return _exact_proposal(b, line, hit, _ALONE)
    hits = [ln for ln in candidates if reference_hit(b, ln)]
    if len(hits) != 1:
        return None
    line = hits[0]
    if sum(reference_hit(other, line) for other in back[line.key]) != 1:
        return None
    return _exact_proposal(b, line, True, f"one of {len(candidates)} lines of this amount, "
                           "picked by its reference")


def _exact_proposal(b: StatementItem, line: LedgerItem, hit: bool, why: str) -> Proposal:
    days = _apart(b.day, line.day)
    score = 90 - 2 * days + (10 if hit else 0)
    reason = f"same amount, {_days(days)}, {why}" + (", reference found" if hit else "")
    return Proposal((b.id,), (line.key,), "exact", min(score, 100), reason, automatic=True)


def _days(days: int) -> str:
    return "same day" if days == 0 else f"{days} day{'s' if days > 1 else ''} apart"


def _has_same_amount_near(index: _Index, amount: int, day: date, window: int,
                          on_ledger: bool) -> bool:
    """Whether a one-to-one candidate exists: a sum is then not the likely story."""
    if on_ledger:
        pool = index.ledger_by_amount.get(amount, ())
        return any(_apart(day, x.day) <= window and x.key not in index.taken_ledger
                   for x in pool)
    others = index.bank_by_amount.get(amount, ())
    return any(_apart(day, x.day) <= window and x.id not in index.taken_bank for x in others)


def _sums(bank: Sequence[StatementItem], ledger: Sequence[LedgerItem], index: _Index,
          window: int, max_parts: int, max_candidates: int) -> list[Proposal]:
    """One line equal to several of the other side, both ways; never a line used twice."""
    out: list[Proposal] = []
    free_bank = [b for b in bank if b.id not in index.taken_bank
                 and not _has_same_amount_near(index, b.amount, b.day, window, True)]
    free_ledger = [ln for ln in ledger if ln.key not in index.taken_ledger
                   and not _has_same_amount_near(index, ln.amount, ln.day, window, False)]
    by_day = sorted(free_ledger, key=lambda x: x.day)
    days = [x.day for x in by_day]
    for b in sorted(free_bank, key=lambda x: (x.day, x.id)):
        pool = [x for x in _within(by_day, days, b.day, window)
                if x.key not in index.taken_ledger]
        found = _subset(b.amount, b.day, pool, max_parts, max_candidates)
        if found is not None:
            parts, unique = found
            index.taken_bank.add(b.id)
            index.taken_ledger.update(x.key for x in parts)
            hit = any(reference_hit(b, x) for x in parts)
            out.append(_sum_proposal((b.id,), tuple(x.key for x in parts), unique, hit,
                                     f"the statement line is the sum of {len(parts)} ledger "
                                     "lines"))
    by_day_bank = sorted((b for b in free_bank if b.id not in index.taken_bank),
                         key=lambda x: x.day)
    bank_days = [x.day for x in by_day_bank]
    for ln in sorted(free_ledger, key=lambda x: (x.day, x.key)):
        if ln.key in index.taken_ledger:
            continue
        pool_b = [x for x in _within(by_day_bank, bank_days, ln.day, window)
                  if x.id not in index.taken_bank]
        found_b = _subset(ln.amount, ln.day, pool_b, max_parts, max_candidates)
        if found_b is not None:
            parts_b, unique = found_b
            index.taken_ledger.add(ln.key)
            index.taken_bank.update(x.id for x in parts_b)
            hit = any(reference_hit(x, ln) for x in parts_b)
            out.append(_sum_proposal(tuple(x.id for x in parts_b), (ln.key,), unique, hit,
                                     f"the ledger line is the sum of {len(parts_b)} statement "
                                     "lines"))
    return out


def _sum_proposal(bank: tuple[int, ...], ledger: tuple[LineKey, ...], unique: bool, hit: bool,
                  why: str) -> Proposal:
    score = 70 + (10 if hit else 0) - (0 if unique else 25)
    reason = why + ("" if unique else ", one of several combinations") + \
        (", reference found" if hit else "")
    return Proposal(bank, ledger, "sum", score, reason)


def _within(items: list[T], days: list[date], day: date, window: int) -> list[T]:
    """The items (sorted by day, ``days`` their days) within ``window`` days of ``day``."""
    low = bisect_left(days, date.fromordinal(day.toordinal() - window))
    high = bisect_right(days, date.fromordinal(day.toordinal() + window))
    return items[low:high]


def _subset(target: int, day: date, pool: Iterable[T], max_parts: int,
            max_candidates: int) -> tuple[list[T], bool] | None:
    """2..max_parts items of ``pool`` (same direction as ``target``) adding up to it: the
    first found among the nearest by date, and whether it was the only one found."""
    sign = 1 if target > 0 else -1
    usable = [x for x in pool if 0 < x.amount * sign < target * sign]
    usable.sort(key=lambda x: abs((x.day - day).days))
    usable = usable[:max_candidates]
    usable.sort(key=lambda x: -abs(x.amount))
    amounts = [abs(x.amount) for x in usable]
    suffix = [0] * (len(amounts) + 1)
    for i in range(len(amounts) - 1, -1, -1):
        suffix[i] = suffix[i + 1] + amounts[i]
    goal = abs(target)
    if suffix[0] < goal:
        return None
    found: list[list[int]] = []
    budget = [SEARCH_BUDGET]

    def walk(start: int, left: int, chosen: list[int]) -> None:
        if len(found) > 1 or budget[0] <= 0:
            return
        for i in range(start, len(amounts)):
            budget[0] -= 1
            amount = amounts[i]
            if amount > left:
                continue
            if suffix[i] < left or budget[0] <= 0:
                return
            if amount == left:
                if len(chosen) >= 1:
                    found.append([*chosen, i])
                continue
            if len(chosen) + 1 < max_parts:
                walk(i + 1, left - amount, [*chosen, i])
            if len(found) > 1:
                return

    walk(0, goal, [])
    if not found:
        return None
    return [usable[i] for i in found[0]], len(found) == 1 and budget[0] > 0


def _near(index: _Index, window: int) -> list[Proposal]:
    """Same amount, not paired yet: the closest in date first, each line proposed once."""
    candidates = []
    for amount, items in index.bank_by_amount.items():
        lines = [ln for ln in index.ledger_by_amount.get(amount, ())
                 if ln.key not in index.taken_ledger]
        free = [b for b in items if b.id not in index.taken_bank]
        if not lines or not free:
            continue
        lines.sort(key=lambda x: x.day)
        days = [x.day for x in lines]
        for b in free:
            close = sorted(_within(lines, days, b.day, NEAR_DAYS),
                           key=lambda x, b=b: _apart(b.day, x.day))[:NEAR_PER_LINE]
            candidates += [(_apart(b.day, ln.day), b, ln, len(free), len(lines)) for ln in close]
    out = []
    candidates.sort(key=lambda c: (c[0], c[1].id, c[2].key))
    for days, b, ln, n_bank, n_ledger in candidates:
        if b.id in index.taken_bank or ln.key in index.taken_ledger:
            continue
        index.taken_bank.add(b.id)
        index.taken_ledger.add(ln.key)
        hit = reference_hit(b, ln)
        if days <= window:
            score = 60 - 2 * days
            why = (f"same amount, {_days(days)}, but {n_bank} statement and {n_ledger} ledger "
                   "lines share it")
        else:
            score = max(10, 50 - days // 3)
            why = f"same amount, {_days(days)} (outside ±{window} days)"
        out.append(Proposal((b.id,), (ln.key,), "near", score + (10 if hit else 0),
                            why + (", reference found" if hit else "")))
    return out
