"""Editing the chart and third parties: what may change, what is refused, and that a refusal
leaves the books exactly as they were."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.ledger.model import Entry, Line, ThirdParty, ThirdPartyKind
from app.ledger.rules import PostingRefused
from app.store.books import Books
from app.store.database import StoreError
from app.store.verify import verify
from tests.ledger_text import SAMPLE, post_text


def snapshot(books: Books) -> tuple[list, list, list]:
    with books.read() as cur:
        return (cur.execute("SELECT * FROM account ORDER BY id").fetchall(),
                cur.execute("SELECT * FROM third_party ORDER BY id").fetchall(),
                cur.execute("SELECT * FROM audit_event ORDER BY id").fetchall())


def refused(books: Books, match: str, action, *args, **kwargs) -> None:
    """``action`` raises a StoreError matching ``match`` and changes nothing."""
    before = snapshot(books)
    with pytest.raises(StoreError, match=match):
        action(*args, **kwargs)
    assert snapshot(books) == before


# --- accounts -------------------------------------------------------------------------------

def test_update_account_changes_labels_and_need_only(books):
    books.add_account("411100", "Client A")
    updated = books.update_account("411100", label_fr=" Client Alpha ", label_en="Alpha",
                                   label_ar="ألفا", needs_third_party=False)
    stored = books.account("411100")
    assert stored == updated
    assert (stored.label_fr, stored.label_en, stored.label_ar) == ("Client Alpha", "Alpha", "ألفا")
    assert not stored.needs_third_party
    assert stored.kind.value == "customer" and stored.postable and stored.number == "411100"


def test_a_heading_stays_a_heading(books):
    books.update_account("41", label_fr="Clients", label_en="", label_ar="",
                         needs_third_party=True)
    heading = books.account("41")
    assert not heading.postable
    assert heading.label("en") == "Clients"  # an empty label falls back to French


def test_update_account_refusals(books):
    refused(books, "does not exist", books.update_account, "999999", label_fr="x",
            label_en="", label_ar="", needs_third_party=False)
    refused(books, "French label", books.update_account, "512", label_fr="  ",
            label_en="Bank", label_ar="", needs_third_party=False)


def test_an_account_with_bare_lines_cannot_start_requiring_a_third_party(books):
    post_text(books, SAMPLE)  # 512 and 700 carry lines without a third party
    refused(books, "account 512 has 1 line without a third party", books.update_account, "512",
            label_fr="Banque", label_en="", label_ar="", needs_third_party=True)
    books.update_account("411", label_fr="Clients", label_en="", label_ar="",
                         needs_third_party=True)  # its lines all name one
    books.update_account("4457", label_fr="TVA", label_en="", label_ar="",
                         needs_third_party=False)


def test_account_usage_counts_the_accounts_own_lines(books):
    post_text(books, SAMPLE)
    assert books.account_usage("411") == 2
    assert books.account_usage("41") == 0  # a heading carries no line itself
    books.save_draft(Entry("OD", date(2025, 4, 1), "Draft", (
        Line("512", debit=Decimal(1)),
        Line("700", credit=Decimal(1)))))
    assert books.account_usage("512") == 2  # drafts count too
    with pytest.raises(StoreError, match="does not exist"):
        books.account_usage("999999")


def test_deleting_an_unused_sub_account_the_user_opened(books):
    books.add_account("512100", "Banque BNA")
    books.delete_account("512100")
    assert "512100" not in books.accounts()
    with books.read() as cur:
        kinds = [r[0] for r in cur.execute("SELECT kind FROM audit_event").fetchall()]
    assert kinds[-1] == "delete_account"
    books.add_account("512100", "Banque BNA")  # the number is free again
    assert verify(books).ok


def test_delete_account_refusals(books):
    post_text(books, SAMPLE)
    books.add_account("411100", "Client A")
    books.add_account("411100100", "Client A, agence")
    refused(books, "account 411 is used by 2 lines; deactivate it instead",
            books.delete_account, "411")
    refused(books, "heading", books.delete_account, "41")
    refused(books, "has sub-accounts; delete them first", books.delete_account, "411100")
    refused(books, "belongs to the chart; deactivate it instead", books.delete_account, "601")
    refused(books, "does not exist", books.delete_account, "999999")


def test_a_deactivated_account_takes_no_new_lines_and_comes_back(books):
    books.set_account_active("600", False)
    assert not books.account("600").active
    purchase = """
        2025-03-10 AC "Achat"
          600  500.00
          401  -500.00 FOURN1
    """
    with pytest.raises(PostingRefused, match="account 600 is deactivated"):
        post_text(books, purchase)
    books.set_account_active("600", True)
    post_text(books, purchase)
    assert books.account_usage("600") == 1


# --- third parties ---------------------------------------------------------------------------

def test_update_third_party_keeps_the_code(books):
    books.add_third_party(ThirdParty("ACME", "Acme", ThirdPartyKind.OTHER))
    updated = books.update_third_party("ACME", name=" SARL Acme ", kind=ThirdPartyKind.CUSTOMER,
                                       nif="000216001234567", nis="12", rc="16/00-1B",
                                       ai="7", address="Alger")
    stored = books.third_parties()["ACME"]
    assert stored == updated
    assert (stored.name, stored.kind, stored.nif, stored.address) == (
        "SARL Acme", ThirdPartyKind.CUSTOMER, "000216001234567", "Alger")


def test_update_third_party_refusals(books):
    books.add_third_party(ThirdParty("ACME", "Acme"))
    refused(books, "needs a name", books.update_third_party, "ACME", name=" ",
            kind=ThirdPartyKind.OTHER)
    refused(books, "does not exist", books.update_third_party, "NOPE", name="x",
            kind=ThirdPartyKind.OTHER)


def test_third_party_active_flag(books):
    books.add_third_party(ThirdParty("ACME", "Acme"))
    books.set_third_party_active("ACME", False)
    assert not books.third_parties()["ACME"].active
    books.set_third_party_active("ACME", True)
    assert books.third_parties()["ACME"].active
    refused(books, "does not exist", books.set_third_party_active, "NOPE", False)


def test_a_deactivated_third_party_takes_no_new_lines(books):
    purchase = """
        2025-03-10 AC "Achat"
          600  500.00
          401  -500.00 FOURN1
    """
    post_text(books, purchase)
    books.set_third_party_active("FOURN1", False)
    with pytest.raises(PostingRefused, match="line 2: third party FOURN1 is deactivated"):
        post_text(books, purchase)
    books.set_third_party_active("FOURN1", True)
    post_text(books, purchase)


def test_delete_third_party_only_when_unused(books):
    post_text(books, SAMPLE)
    assert books.third_party_usage("CLIENT1") == 2
    refused(books, "third party CLIENT1 is used by 2 lines; deactivate it instead",
            books.delete_third_party, "CLIENT1")
    books.add_third_party(ThirdParty("TYPO", "Created by mistake"))
    books.delete_third_party("TYPO")
    assert "TYPO" not in books.third_parties()
    refused(books, "does not exist", books.delete_third_party, "TYPO")
    assert verify(books).ok


def test_an_account_or_party_named_by_a_rule_or_template_is_kept(books):
    """Deleting them would leave a bank rule or a recurring template pointing at nothing: the
    refusal says what names them, and nothing is deleted."""
    from app.ledger.bank_rules import Rule
    from app.ledger.recurring import Template, TemplateLine
    from app.store import bank, recurring

    books.add_account("6262", "Frais postaux")
    books.add_third_party(ThirdParty("LOC", "Bailleur", ThirdPartyKind.SUPPLIER))
    with books.write() as cur:
        bank.add_rule(cur, Rule(name="Poste", label_contains="poste", account="6262"))
        recurring.add_template(cur, Template(
            "Loyer", "OD", "Loyer {month}", (
                TemplateLine("6262", debit=Decimal("100")),
                TemplateLine("401", credit=Decimal("100"), third_party="LOC")),
            every_months=1, day_of_month=1, next_date=date(2025, 2, 1)), books.currency)
    refused(books, "account 6262 is named by 1 recurring template and 1 bank rule",
            books.delete_account, "6262")
    refused(books, "third party LOC is named by 1 recurring template",
            books.delete_third_party, "LOC")
    assert "6262" in books.accounts() and "LOC" in books.third_parties()
