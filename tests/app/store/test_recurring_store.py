"""Recurring templates in a real company file: saved, checked, and proposed as drafts."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from app.ledger.model import Entry, EntryId, EntryStatus, Line, ThirdParty, ThirdPartyKind
from app.ledger.recurring import Template, TemplateLine
from app.store import recurring
from app.store.books import Books
from app.store.database import StoreError
from app.store.recurring import RecurringRefused

RENT = (TemplateLine("613", debit=Decimal("50000.00"), label="Loyer {month}"),
        TemplateLine("512", credit=Decimal("50000.00")))


def rent(**changes: object) -> Template:
    fields: dict = dict(name="Loyer", journal="BQ", label="Loyer {month}", lines=RENT,
                        every_months=1, day_of_month=31, next_date=date(2025, 1, 31))
    fields.update(changes)
    return Template(**fields)


def add(books: Books, template: Template) -> Template:
    with books.write() as cur:
        return recurring.add_template(cur, template, books.currency)


def propose(books: Books, up_to: date) -> list[recurring.Proposal]:
    with books.write() as cur:
        return recurring.propose_due(cur, up_to, books.currency)


def get(books: Books, name: str = "Loyer") -> Template:
    with books.read() as cur:
        return recurring.load_template(cur, name, books.currency)


def counts(books: Books) -> tuple[int, int, int]:
    with books.read() as cur:
        return tuple(cur.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                     for table in ("entry", "recurring_draft", "audit_event"))


def test_add_list_get_delete(books: Books) -> None:
    saved = add(books, rent(end_date=date(2025, 12, 31)))
    assert saved.id is not None
    assert get(books) == saved
    with books.read() as cur:
        assert recurring.list_templates(cur, books.currency) == [saved]
    with books.write() as cur:
        recurring.delete_template(cur, "Loyer")
    with books.read() as cur, pytest.raises(StoreError, match="no recurring template named"):
        recurring.load_template(cur, "Loyer", books.currency)


def test_templates_are_checked_against_the_books(books: Books) -> None:
    books.set_account_active("613", False)
    lines = (TemplateLine("28", debit=Decimal(5)), TemplateLine("401", credit=Decimal(5)))
    with pytest.raises(StoreError) as refused:
        add(books, rent(lines=(*lines, *RENT), journal="XX"))
    said = str(refused.value)
    assert said.startswith("template 'Loyer': ")
    for needle in ("XX", "line 1", "28", "line 2", "401", "line 3", "613"):
        assert needle in said
    with pytest.raises(StoreError, match="before its first day"):
        add(books, rent(lines=(TemplateLine("626", debit=Decimal(1)),
                               TemplateLine("512", credit=Decimal(1))),
                        end_date=date(2025, 1, 1)))
    assert counts(books)[0] == 0


def test_the_name_is_unique(books: Books) -> None:
    add(books, rent())
    with pytest.raises(StoreError, match="named 'Loyer' already exists"):
        add(books, rent(label="Autre"))


def test_update_pause_resume(books: Books) -> None:
    add(books, rent())
    with books.write() as cur:
        recurring.update_template(cur, "Loyer", rent(name="Loyer siège", every_months=3),
                                  books.currency)
        recurring.set_template_active(cur, "Loyer siège", False)
    assert get(books, "Loyer siège").every_months == 3
    assert propose(books, date(2025, 12, 31)) == []
    with books.write() as cur:
        recurring.set_template_active(cur, "Loyer siège", True, date(2025, 6, 1))
    assert [p.day for p in propose(books, date(2025, 12, 31))] == [
        date(2025, 7, 31), date(2025, 10, 31)]


def test_propose_writes_drafts_never_posts(books: Books) -> None:
    add(books, rent())
    made = propose(books, date(2025, 4, 30))
    assert [p.day for p in made] == [date(2025, 1, 31), date(2025, 2, 28), date(2025, 3, 31),
                                     date(2025, 4, 30)]
    draft = books.entry(made[1].entry_id)
    assert draft.status is EntryStatus.DRAFT and draft.number is None
    assert (draft.label, draft.journal, draft.date) == ("Loyer 02/2025", "BQ", date(2025, 2, 28))
    assert [(x.account, x.debit, x.credit, x.label) for x in draft.lines] == [
        ("613", Decimal("50000.00"), Decimal("0.00"), "Loyer 02/2025"),
        ("512", Decimal("0.00"), Decimal("50000.00"), "")]
    assert get(books).next_date == date(2025, 5, 31)
    with books.read() as cur:
        assert cur.execute("SELECT count(*) FROM entry WHERE status = 'posted'").fetchone() == (0,)
        kind, detail = cur.execute(
            "SELECT kind, detail FROM audit_event ORDER BY id DESC LIMIT 1").fetchone()
    assert kind == "propose_recurring"
    assert [d["day"] for d in json.loads(detail)["drafts"]] == ["2025-01-31", "2025-02-28",
                                                                 "2025-03-31", "2025-04-30"]


def test_proposing_twice_adds_nothing(books: Books) -> None:
    add(books, rent())
    propose(books, date(2025, 3, 31))
    before = counts(books)
    assert propose(books, date(2025, 3, 31)) == []
    assert counts(books) == before


def test_a_deleted_draft_is_not_proposed_again(books: Books) -> None:
    add(books, rent())
    made = propose(books, date(2025, 2, 28))
    books.delete_draft(made[0].entry_id)
    with books.write() as cur:
        recurring.update_template(cur, "Loyer", rent(), books.currency)  # next date back to Jan
    assert [p.day for p in propose(books, date(2025, 3, 31))] == [date(2025, 3, 31)]
    with books.read() as cur:
        assert cur.execute("SELECT entry_id FROM recurring_draft WHERE day = '2025-01-31'"
                           ).fetchone() == (None,)


def test_a_posted_draft_stays_posted_and_is_not_redrafted(books: Books) -> None:
    add(books, rent())
    made = propose(books, date(2025, 1, 31))
    books.post(EntryId(made[0].entry_id))
    assert propose(books, date(2025, 1, 31)) == []


def test_all_or_nothing_when_a_day_has_no_open_year(books: Books) -> None:
    add(books, rent(name="Amortissement", label="Dotation {period}", every_months=3,
                    lines=(TemplateLine("681", debit=Decimal("1200.00")),
                           TemplateLine("2813", credit=Decimal("1200.00"))),
                    next_date=date(2025, 3, 31)))
    add(books, rent())
    before = counts(books)
    with pytest.raises(RecurringRefused) as refused:
        propose(books, date(2026, 1, 31))
    assert str(refused.value).startswith("nothing was drafted: ")
    assert [(d.template.name, d.day) for d in refused.value.blocked] == [
        ("Loyer", date(2026, 1, 31))]
    assert "2026-01-31" in str(refused.value)
    assert counts(books) == before
    assert get(books).next_date == date(2025, 1, 31)


def test_all_or_nothing_with_a_closed_year(books: Books) -> None:
    add(books, rent(next_date=date(2025, 12, 31)))
    books.close_fiscal_year(date(2025, 1, 1))
    add(books, rent(name="Loyer 2026", next_date=date(2026, 1, 31)))
    before = counts(books)
    with pytest.raises(RecurringRefused) as refused:
        propose(books, date(2026, 2, 28))
    assert [(d.template.name, d.day) for d in refused.value.blocked] == [
        ("Loyer", date(2025, 12, 31))]
    assert "closed" in refused.value.blocked[0].reason()
    assert counts(books) == before


def test_an_account_deactivated_since_blocks_with_its_reason(books: Books) -> None:
    add(books, rent())
    books.set_account_active("613", False)
    with books.read() as cur:
        [pending] = recurring.due(cur, date(2025, 1, 31), books.currency)
    assert "613" in pending.reason() and "line 1" in pending.reason()
    with pytest.raises(RecurringRefused, match="'Loyer' on 2025-01-31: line 1"):
        propose(books, date(2025, 1, 31))


def test_before_the_lock_date_is_refused(books: Books) -> None:
    add(books, rent())
    books.set_lock_date(date(2025, 1, 31))
    with pytest.raises(RecurringRefused, match="2025-01-31"):
        propose(books, date(2025, 2, 28))


def test_an_end_date_finishes_the_template(books: Books) -> None:
    add(books, rent(end_date=date(2025, 2, 28)))
    assert len(propose(books, date(2025, 12, 31))) == 2
    assert propose(books, date(2025, 12, 31)) == []


def test_a_supplier_line_takes_its_party(books: Books) -> None:
    books.add_third_party(ThirdParty("BAILLEUR", "SCI Bailleur", ThirdPartyKind.SUPPLIER))
    add(books, rent(lines=(RENT[0], TemplateLine("401", credit=Decimal("50000.00"),
                                                 third_party="BAILLEUR"))))
    [made] = propose(books, date(2025, 1, 31))
    assert books.entry(made.entry_id).lines[1].third_party == "BAILLEUR"


def test_template_from_an_entry(books: Books) -> None:
    books.add_third_party(ThirdParty("BAILLEUR", "SCI Bailleur", ThirdPartyKind.SUPPLIER))
    entry = books.post(_entry())
    with books.write() as cur:
        template = recurring.template_from_entry(
            cur, entry.id, books.currency, name="Loyer", every_months=1, day_of_month=5,
            next_date=date(2025, 2, 5), label="Loyer {month}")
        recurring.add_template(cur, template, books.currency)
    saved = get(books)
    assert (saved.journal, saved.label, saved.total) == ("AC", "Loyer {month}",
                                                         Decimal("30000.00"))
    assert [(x.account, x.third_party) for x in saved.lines] == [("613", None),
                                                                  ("401", "BAILLEUR")]


def _entry() -> Entry:
    return Entry("AC", date(2025, 1, 5), "Loyer janvier",
                 (Line("613", debit=Decimal("30000.00")),
                  Line("401", credit=Decimal("30000.00"), third_party="BAILLEUR")))
