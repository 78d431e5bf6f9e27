"""Where a bank statement line goes: the company's own rules, and what its past postings say.

An imported statement line that the ledger does not hold yet (bank charges, a direct debit, a
customer's transfer) needs an entry: the bank account on one side, a counterpart account (with
its third party) on the other. Two sources propose that counterpart, and this module words both
so the accountant can judge them:

* a ``Rule`` the company wrote (``label contains SONELGAZ, money out → 6061``): the first active
  rule that applies, by priority then age, is applied without a second look by
  ``daftar bank post --all-suggested``;
* what this company did before (``History``): statement lines already posted and matched whose
  counterparty, or the significant words of whose label, are those of the line. Those are only
  proposed: a person accepts them one by one.

Text is compared folded (``app.ledger.text.fold``: no case, no accents) with punctuation as
spaces, so ``Prélèvement EDF-GDF`` and ``PRELEVEMENT EDF GDF`` read alike. No SQL here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Literal, Protocol

from app.ledger.model import Entry, Line
from app.ledger.text import fold

Direction = Literal["in", "out", "any"]
DIRECTIONS: tuple[Direction, ...] = ("in", "out", "any")
Source = Literal["rule", "learned", "given"]
LABEL_LENGTH = 120
"""An entry label taken from a statement line is cut to this many characters: a bank's
remittance text can run to 140 characters of references that no ledger shows in full."""
REFERENCE_LENGTH = 35
"""The bank's reference kept on the entry: ISO 20022 references are at most 35 characters."""

_STOP_TEXT = """
    vir virt virement virements sepa recu recue emis emise prlv prel prelevement cb carte chq
    cheque cheques paiement payment transfer retrait depot versement remise ref reference
    facture fact fac avis ordre donneur beneficiaire
    de du des la le les et au aux pour par sur en avec the of to from for and
    janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre
    january february march april may june july august september october november december
    jan janv fev feb mar apr avr jun juil jul aug sep sept oct nov dec
    sarl eurl spa sas sasu snc ets ste societe ltd inc llc gmbh
"""
_STOP_WORDS = frozenset(_STOP_TEXT.split())
"""Words that say how money moved, or when, or what legal form a company has, and so nothing
about where it should go; dropped with numbers and one- or two-letter words."""


class BankText(Protocol):
    """What the rules read of a statement line (``app.io.bank.StatementLine`` and the store's
    stored lines both have it)."""

    @property
    def amount(self) -> Decimal: ...
    @property
    def label(self) -> str: ...
    @property
    def counterparty(self) -> str: ...


class BankLineLike(BankText, Protocol):
    @property
    def booking_date(self) -> date: ...
    @property
    def reference(self) -> str: ...
    @property
    def end_to_end_id(self) -> str: ...


@lru_cache(maxsize=8192)
def normalise(text: str) -> str:
    """``text`` folded, every run of characters other than letters and digits one space.

    Cached: every rule reads every line's label, and a page of lines meets the same texts."""
    cleaned = "".join(ch if ch.isalnum() else " " for ch in fold(text))
    return " ".join(fold(cleaned).split())


def tokens(text: str) -> frozenset[str]:
    """The words of ``text`` that say who or what: no numbers, dates, references (any word
    with a digit), short words, or words of ``_STOP_WORDS``."""
    return frozenset(word for word in normalise(text).split()
                     if len(word) > 2 and word not in _STOP_WORDS
                     and not any(ch.isdigit() for ch in word))


def party_key(counterparty: str) -> str:
    """What two spellings of one counterparty share: ``SONELGAZ SPA`` and ``Sonelgaz
    S.P.A.`` are both ``sonelgaz``."""
    return " ".join(sorted(tokens(counterparty)))


@dataclass(frozen=True, slots=True)
class Rule:
    """A company's rule: statement lines that match it go to ``account`` (with
    ``third_party``). At least one criterion; every criterion given must hold."""

    name: str
    account: str
    label_contains: str = ""
    counterparty_contains: str = ""
    direction: Direction = "any"
    amount_min: Decimal | None = None
    """Bounds on the line's amount without its sign, both included."""
    amount_max: Decimal | None = None
    third_party: str | None = None
    journal: str | None = None
    """The journal to post in; None: the journal the statement was imported with."""
    entry_label: str = ""
    """The entry's label; "": the statement line's own."""
    priority: int = 100
    """Lower first; among equals, the older rule (lower id) first."""
    active: bool = True
    id: int | None = None

    def problems(self) -> list[str]:
        """What makes the rule unusable on its own terms (the books' checks come after)."""
        found = []
        if not self.name.strip():
            found.append("a rule needs a name")
        if not self.account.strip():
            found.append("a rule needs the account the lines go to")
        if self.direction not in DIRECTIONS:
            found.append(f"direction {self.direction!r} is not one of {', '.join(DIRECTIONS)}")
        for what, text in (("label", self.label_contains),
                           ("counterparty", self.counterparty_contains)):
            if text.strip() and not normalise(text):
                found.append(f"{what} contains {text!r}: no letter or digit to look for")
        for what, amount in (("minimum", self.amount_min), ("maximum", self.amount_max)):
            if amount is not None and amount <= 0:
                found.append(f"the {what} amount must be more than zero (the sign is the "
                             "direction)")
        if (self.amount_min is not None and self.amount_max is not None
                and self.amount_min > self.amount_max):
            found.append(f"the minimum {self.amount_min} is above the maximum {self.amount_max}")
        if not (self.label_contains.strip() or self.counterparty_contains.strip()
                or self.amount_min is not None or self.amount_max is not None):
            found.append("a rule needs a label, a counterparty or an amount to look for "
                         "(a direction alone would take every line)")
        return found


def rule_applies(rule: Rule, line: BankText) -> bool:
    """Whether ``rule`` takes ``line``: active, the direction, the amount range, and each text
    found in the line's (folded, punctuation-blind)."""
    if not rule.active or not line.amount:
        return False
    if (rule.direction == "in" and line.amount < 0) or (rule.direction == "out"
                                                         and line.amount > 0):
        return False
    size = abs(line.amount)
    if (rule.amount_min is not None and size < rule.amount_min) or (
            rule.amount_max is not None and size > rule.amount_max):
        return False
    return _contains(line.label, rule.label_contains) and _contains(
        line.counterparty, rule.counterparty_contains)


def _contains(text: str, wanted: str) -> bool:
    return not wanted.strip() or normalise(wanted) in normalise(text)


def first_rule(rules: Iterable[Rule], line: BankText) -> Rule | None:
    """The rule that decides ``line``: the first that applies by priority, then by id."""
    applying = [rule for rule in rules if rule_applies(rule, line)]
    return min(applying, key=lambda r: (r.priority, r.id is None, r.id or 0), default=None)


def describe(rule: Rule) -> str:
    """The rule's criteria in words, for lists and for the reason of its suggestion."""
    parts = []
    if rule.label_contains.strip():
        parts.append(f"label contains {rule.label_contains.strip()!r}")
    if rule.counterparty_contains.strip():
        parts.append(f"counterparty contains {rule.counterparty_contains.strip()!r}")
    if rule.direction != "any":
        parts.append("money in" if rule.direction == "in" else "money out")
    if rule.amount_min is not None and rule.amount_max is not None:
        parts.append(f"amount {rule.amount_min} to {rule.amount_max}")
    elif rule.amount_min is not None:
        parts.append(f"amount at least {rule.amount_min}")
    elif rule.amount_max is not None:
        parts.append(f"amount at most {rule.amount_max}")
    return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A counterpart proposed for a statement line, with why, in words."""

    account: str
    third_party: str | None
    journal: str | None
    """None: the statement's journal."""
    entry_label: str
    """"": the statement line's label."""
    source: Source
    reason: str
    count: int = 1
    """Earlier postings that agree (1 for a rule)."""
    total: int = 1
    """Earlier postings found similar, whatever account they went to."""

    @property
    def confidence(self) -> int:
        """The share of similar earlier postings that went this way, in percent (a rule: 100)."""
        return 100 * self.count // self.total if self.total else 0


def rule_suggestion(rule: Rule) -> Suggestion:
    return Suggestion(rule.account, rule.third_party, rule.journal, rule.entry_label, "rule",
                      f"rule {rule.name!r}: {describe(rule)}")


@dataclass(frozen=True, slots=True)
class Precedent:
    """A statement line already posted and matched, and where its counterpart went."""

    label: str
    counterparty: str
    money_in: bool
    day: date
    account: str
    account_label: str = ""
    third_party: str | None = None
    third_party_name: str = ""


@dataclass(frozen=True, slots=True)
class _Known:
    precedent: Precedent
    words: frozenset[str]


class History:
    """The company's precedents, indexed once by direction and counterparty and by direction
    and label word, so that suggesting for a page of lines reads only the precedents that
    share something with each line."""

    def __init__(self, precedents: Iterable[Precedent] = ()) -> None:
        self._by_party: defaultdict[tuple[bool, str], list[_Known]] = defaultdict(list)
        self._by_word: defaultdict[tuple[bool, str], list[_Known]] = defaultdict(list)
        for p in precedents:
            known, key = _Known(p, tokens(p.label)), party_key(p.counterparty)
            if key:
                self._by_party[(p.money_in, key)].append(known)
            for word in known.words:
                self._by_word[(p.money_in, word)].append(known)

    @classmethod
    def of(cls, precedents: Iterable[Precedent]) -> History:
        return cls(precedents)

    def suggest(self, line: BankText, limit: int = 3) -> list[Suggestion]:
        """The counterparts of the precedents like ``line``, the most frequent first.

        Like: same direction, and the same counterparty (its ``party_key``) or, failing any
        such, a label sharing at least half the significant words of the longer of the two.
        """
        money_in = line.amount > 0
        key = party_key(line.counterparty)
        by_party = self._by_party.get((money_in, key), []) if key else []
        if by_party:
            return _ranked(by_party, line, f"{_who(money_in)} {line.counterparty.strip()}",
                           limit)
        words = tokens(line.label)
        candidates = {id(k): k for word in words for k in self._by_word.get((money_in, word), [])}
        alike = [k for k in candidates.values()
                 if 2 * len(words & k.words) >= max(len(words), len(k.words))]
        seen = frozenset().union(*(k.words for k in alike))
        shared = dict.fromkeys(w for w in normalise(line.label).split() if w in seen & words)
        return _ranked(alike, line, f"labelled like {' '.join(shared)!r}", limit)


def _who(money_in: bool) -> str:
    return "from" if money_in else "to"


def _ranked(alike: Sequence[_Known], line: BankText, like: str, limit: int
            ) -> list[Suggestion]:
    groups: defaultdict[tuple[str, str | None], list[Precedent]] = defaultdict(list)
    for known in alike:
        groups[(known.precedent.account, known.precedent.third_party)].append(known.precedent)
    order = sorted(groups.values(), key=lambda g: (-len(g), -max(p.day for p in g).toordinal()))
    kind = "receipt" if line.amount > 0 else "payment"
    out = []
    for group in order[:limit]:
        first, count = group[0], len(group)
        where = f"{first.account} {first.account_label}".strip()
        if first.third_party:
            where += f", third party {first.third_party} {first.third_party_name}".rstrip()
        share = f" ({count} of {len(alike)} similar)" if count < len(alike) else ""
        plural = "s" if count > 1 else ""
        out.append(Suggestion(
            first.account, first.third_party, None, "", "learned",
            f"{count} earlier {kind}{plural} {like} went to {where}{share}", count, len(alike)))
    return out


def suggest(line: BankText, rules: Iterable[Rule], history: History, limit: int = 3
            ) -> list[Suggestion]:
    """The rule's counterpart first if one applies, then what the history suggests (less any
    that the rule already says)."""
    rule = first_rule(rules, line)
    out = [rule_suggestion(rule)] if rule else []
    taken = {(s.account, s.third_party) for s in out}
    out += [s for s in history.suggest(line, limit) if (s.account, s.third_party) not in taken]
    return out[:limit]


def entry_label(line: BankText, given: str = "") -> str:
    """The label of a line's entry: ``given`` (a rule's, the user's), else the line's label,
    else its counterparty; whitespace collapsed, cut to ``LABEL_LENGTH``. "" if none."""
    for text in (given, line.label, line.counterparty):
        text = " ".join(text.split())
        if text:
            return text if len(text) <= LABEL_LENGTH else text[:LABEL_LENGTH - 1].rstrip() + "…"
    return ""


def bank_entry(line: BankLineLike, *, bank_account: str, journal: str, account: str,
               third_party: str | None, label: str) -> Entry:
    """The entry a statement line was missing: the bank account debited for money in,
    credited for money out, ``account`` on the other side, on the booking date. The bank's
    reference (or end-to-end id) goes with it, so the entry can be traced to the statement."""
    size = abs(line.amount)
    bank = Line(bank_account, debit=size) if line.amount > 0 else Line(bank_account, credit=size)
    other = (Line(account, credit=size, third_party=third_party) if line.amount > 0
             else Line(account, debit=size, third_party=third_party))
    own = line.end_to_end_id if line.end_to_end_id.upper() != "NOTPROVIDED" else ""
    reference = (line.reference.strip() or own.strip())[:REFERENCE_LENGTH]
    return Entry(journal, line.booking_date, label, (bank, other), reference=reference)
