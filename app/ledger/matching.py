"""Matching (lettrage) of third-party lines: the letters, and the automatic grouping.

An invoice and the payments that settle it carry the same letter on their account; a group whose
debits equal its credits is complete, otherwise partial. Letters run A..Z, AA..ZZ, AAA.. up to
four capitals (bijective base 26), a new one always after the highest in use on the account.

``auto_groups`` finds the groups a person would make without thinking twice, over the open lines
of one account, never across third parties, and only groups that balance exactly (a partial group
is always a person's decision). Three passes, each over what the previous ones left open:

1. same reference: the lines sharing an invoice number (the entry's reference, or a token with
   a digit in the label, "FA-2025-017") whose amounts cancel out;
2. same amount: one debit and one credit of equal amount, nearest dates first;
3. small sums: one line settled by 2 to ``MAX_PARTS`` lines of the other side (one payment of
   several invoices, or an invoice paid in instalments), looked for among the ``WINDOW`` lines
   nearest in date, the fewest lines first.

Everything is decided by the lines' own data in a fixed order, so the same open lines give the
same groups whatever order they are handed in. Pure: no SQL; amounts are integer minor units.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from functools import cache
from itertools import combinations
from typing import Literal, NamedTuple

MAX_LETTERS = 4
_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
MAX_PARTS = 4
"""At most this many lines settle one line in pass 3."""
WINDOW = 16
"""Candidates looked at, per line, in pass 3: enough for a month's invoices of a customer, few
enough that the search stays a few hundred sums per line."""
MAX_SHARED = 40
"""A token shared by more lines than this is not an invoice number (a year, a contract)."""
_PAIRS_ALL = 4096
"""Equal amounts: past this many (debit, credit) pairs, pair them in date order instead."""

LineKey = tuple[int, int]
"""A ledger line as (entry id, position)."""
Pass = Literal["reference", "amount", "sum"]


class OpenLine(NamedTuple):
    """An open (unlettered) posted line, as the automatic matching sees it."""

    key: LineKey
    party: int | None
    """The third party's id; lines of different parties never share a letter."""
    day: date
    amount: int
    """Debit less credit, minor units (never zero)."""
    reference: str = ""
    """The entry's reference (piece number)."""
    label: str = ""
    """The line's label, or the entry's when the line has none."""


class Group(NamedTuple):
    """Lines that settle each other exactly, and the pass that found them."""

    keys: tuple[LineKey, ...]
    found_by: Pass
    day: date
    """The earliest line's date: letters are handed out in this order."""


def letter_number(letter: str) -> int:
    """A letter's rank: A is 1, Z 26, AA 27 ... (ValueError for anything not a letter)."""
    if not (1 <= len(letter) <= MAX_LETTERS and letter.isascii() and letter.isalpha()
            and letter.isupper()):
        raise ValueError(f"a matching letter is one to four capital letters A-Z, not {letter!r}")
    rank = 0
    for char in letter:
        rank = rank * 26 + _ALPHABET.index(char) + 1
    return rank


def letter_of(rank: int) -> str:
    """The letter of rank ``rank`` (1 is A); ValueError past ZZZZ."""
    if rank < 1:
        raise ValueError(f"a letter's rank starts at 1, not {rank}")
    chars = []
    while rank:
        rank, digit = divmod(rank - 1, 26)
        chars.append(_ALPHABET[digit])
    if len(chars) > MAX_LETTERS:
        raise ValueError("an account has used every letter up to ZZZZ")
    return "".join(reversed(chars))


def next_letter(used: Iterable[str]) -> str:
    """The letter after the highest of ``used`` (A when none), so a letter is never taken twice
    while it is on a line; one freed below the highest is not handed out again."""
    return letter_of(max((letter_number(u) for u in used), default=0) + 1)


def is_complete(amounts: Iterable[int]) -> bool:
    """A group is complete when its debits equal its credits."""
    return sum(amounts) == 0


def shown_letter(letter: str, complete: bool) -> str:
    """The French convention: a partial group's letter is written in lower case."""
    return letter if complete else letter.lower()


_TOKEN = re.compile(r"[0-9A-Z/_.-]*[0-9][0-9A-Z/_.-]*", re.IGNORECASE)
_PUNCTUATION = "/_.-"


def tokens(line: OpenLine) -> set[str]:
    """The invoice numbers a line may name: its reference whole, and each word with a digit in
    its reference or label (upper-cased; "2" alone is too common to count)."""
    reference = line.reference.strip()
    words = _TOKEN.findall(f"{reference} {line.label}" if reference else line.label)
    found = {word for word in (raw.strip(_PUNCTUATION).upper() for raw in words)
             if len(word) > 1}
    if reference:
        found.add(reference.upper())
    return found


def auto_groups(lines: Sequence[OpenLine]) -> list[Group]:
    """The exact groups of ``lines`` (one account's open lines), in date order of their first
    line; every line is in at most one group and every group balances."""
    parties: dict[int | None, list[OpenLine]] = defaultdict(list)
    for line in lines:
        parties[line.party].append(line)
    groups: list[Group] = []
    for party in sorted(parties, key=lambda p: (p is not None, p or 0)):
        groups.extend(_party_groups(sorted(parties[party], key=_order)))
    return sorted(groups, key=lambda g: (g.day, g.keys))


def _order(line: OpenLine) -> tuple[date, LineKey]:
    return line.day, line.key


def _party_groups(lines: list[OpenLine]) -> list[Group]:
    """The three passes over one party's lines, given in date order."""
    used: set[LineKey] = set()
    groups = _by_reference(lines, used)
    groups += _by_amount([ln for ln in lines if ln.key not in used], used)
    groups += _by_sum([ln for ln in lines if ln.key not in used], used)
    return groups


def _by_reference(lines: list[OpenLine], used: set[LineKey]) -> list[Group]:
    shared: dict[str, list[OpenLine]] = defaultdict(list)
    for line in lines:
        for token in tokens(line):
            shared[token].append(line)
    groups = []
    ordered = sorted(shared.items(), key=lambda item: (_order(item[1][0]), item[0]))
    for _token, members in ordered:
        if not 2 <= len(members) <= MAX_SHARED:
            continue
        members = [ln for ln in members if ln.key not in used]
        if (len(members) >= 2 and sum(ln.amount for ln in members) == 0
                and any(ln.amount > 0 for ln in members)):
            used.update(ln.key for ln in members)
            groups.append(Group(tuple(sorted(ln.key for ln in members)), "reference",
                                members[0].day))
    return groups


def _by_amount(lines: list[OpenLine], used: set[LineKey]) -> list[Group]:
    sides: dict[int, tuple[list[OpenLine], list[OpenLine]]] = {}
    for line in lines:
        debits, credits = sides.setdefault(abs(line.amount), ([], []))
        (debits if line.amount > 0 else credits).append(line)
    groups = []
    for amount in sorted(sides):
        debits, credits = sides[amount]
        if not debits or not credits:
            continue
        for debit, credit in _nearest_pairs(debits, credits):
            used.update((debit.key, credit.key))
            groups.append(Group(tuple(sorted((debit.key, credit.key))), "amount",
                                min(debit.day, credit.day)))
    return groups


def _nearest_pairs(debits: list[OpenLine], credits: list[OpenLine]
                   ) -> list[tuple[OpenLine, OpenLine]]:
    """Debits and credits of one amount paired closest in date first (ties by date, then key);
    a great many of one amount are paired in date order, which is what closest-first tends to."""
    if len(debits) == 1 == len(credits):
        return [(debits[0], credits[0])]
    if len(debits) * len(credits) > _PAIRS_ALL:
        return list(zip(debits, credits, strict=False))
    candidates = sorted(
        ((abs((d.day - c.day).days), min(d.day, c.day), d.key, c.key, i, j)
         for i, d in enumerate(debits) for j, c in enumerate(credits)))
    taken_d: set[int] = set()
    taken_c: set[int] = set()
    pairs = []
    for *_, i, j in candidates:
        if i not in taken_d and j not in taken_c:
            taken_d.add(i)
            taken_c.add(j)
            pairs.append((debits[i], credits[j]))
    return pairs


def _by_sum(lines: list[OpenLine], used: set[LineKey]) -> list[Group]:
    """Each line in date order, settled by the fewest lines of the other side near it."""
    sides = ([ln for ln in lines if ln.amount < 0], [ln for ln in lines if ln.amount > 0])
    if not sides[0] or not sides[1]:
        return []
    days = tuple([ln.day for ln in side] for side in sides)
    groups = []
    for line in lines:
        if line.key in used:
            continue
        side = 0 if line.amount > 0 else 1
        window = _window(line, sides[side], days[side], used)
        parts = _settling(abs(line.amount), [abs(ln.amount) for ln in window])
        if parts:
            keys = [line.key, *(window[i].key for i in parts)]
            used.update(keys)
            groups.append(Group(tuple(sorted(keys)), "sum",
                                min(line.day, *(window[i].day for i in parts))))
    return groups


def _window(line: OpenLine, others: list[OpenLine], days: list[date], used: set[LineKey]
            ) -> list[OpenLine]:
    """Up to ``WINDOW`` open lines of the other side smaller than ``line``: all of them in date
    order when they are that few, else the nearest in date first (ties: the earlier, then by
    key)."""
    target = abs(line.amount)
    if len(others) <= 4 * WINDOW:
        near = [o for o in others if o.key not in used and -target < o.amount < target]
        if len(near) <= WINDOW:
            return near
        day = line.day
        return [o for *_, o in sorted((abs((o.day - day).days), o.day, o.key, o)
                                      for o in near)[:WINDOW]]
    right = bisect_left(days, line.day)
    left = right - 1
    found: list[OpenLine] = []
    for _ in range(4 * WINDOW):
        if len(found) == WINDOW or (left < 0 and right >= len(others)):
            break
        go_left = right >= len(others) or (
            left >= 0 and (line.day - days[left]) <= (days[right] - line.day))
        candidate = others[left] if go_left else others[right]
        if go_left:
            left -= 1
        else:
            right += 1
        if candidate.key not in used and abs(candidate.amount) < target:
            found.append(candidate)
    return found


def _settling(target: int, amounts: list[int]) -> tuple[int, ...] | None:
    """Indexes of 2..MAX_PARTS of ``amounts`` adding up to ``target``: the fewest, then the
    first in the order given. Whether a size can work at all is asked of the set of pair sums
    first (most lines settle nothing), and only then are the indexes looked for."""
    count = len(amounts)
    if count < 2 or sum(amounts) < target:
        return None
    sums = [a + b for a, b in combinations(amounts, 2)]
    known = set(sums)
    if target in known:
        return _pair_indexes(count)[sums.index(target)]
    if MAX_PARTS >= 3 and count >= 3 and not known.isdisjoint([target - a for a in amounts]):
        found = _first_triple(amounts, sums, known, target)
        if found:
            return found
    if MAX_PARTS >= 4 and count >= 4 and not known.isdisjoint([target - s for s in sums]):
        return _first_quad(sums, known, target, count)
    return None


@cache
def _pair_indexes(count: int) -> tuple[tuple[int, int], ...]:
    """The pairs of ``range(count)`` in the order ``combinations`` gives them."""
    return tuple(combinations(range(count), 2))


def _first_triple(amounts: list[int], sums: list[int], known: set[int], target: int
                  ) -> tuple[int, ...] | None:
    needs = {target - amount for amount in amounts} & known
    where: dict[int, list[int]] = defaultdict(list)
    for p, total in enumerate(sums):
        if total in needs:
            where[total].append(p)
    pairs = _pair_indexes(len(amounts))
    triples = [tuple(sorted((i, *pairs[p]))) for i, amount in enumerate(amounts)
               for p in where.get(target - amount, ()) if i not in pairs[p]]
    return min(triples) if triples else None


def _first_quad(sums: list[int], known: set[int], target: int, count: int
                ) -> tuple[int, ...] | None:
    """The first pair in order that a later pair completes, with the first such pair (pairs
    whose first index is past the first pair's second come after it in order)."""
    pairs = _pair_indexes(count)
    for p, total in enumerate(sums):
        need = target - total
        if need in known:
            last = pairs[p][1]
            for q in range(p + 1, len(sums)):
                if sums[q] == need and pairs[q][0] > last:
                    return (*pairs[p], *pairs[q])
    return None
