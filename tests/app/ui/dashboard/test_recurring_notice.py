"""The dashboard's line about recurring entries due: shown only while some are due up to today,
gone once they are drafted, and its link opens the window that proposes them."""

from datetime import date
from decimal import Decimal

import pytest

from app.ledger.recurring import Template, TemplateLine
from app.store import recurring
from app.ui.dashboard import page as dashboard_module
from app.ui.dashboard.page import DashboardPage

RENT = Template(name="Loyer", journal="OD", label="Loyer {month}", every_months=1,
                day_of_month=5, next_date=date(2025, 1, 5),
                lines=(TemplateLine("626", debit=Decimal("50000")),
                       TemplateLine("512", credit=Decimal("50000"))))


@pytest.fixture
def page(qtbot, session, monkeypatch):
    monkeypatch.setattr(dashboard_module, "_today", lambda: date(2025, 3, 10))
    widget = DashboardPage(session)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_no_line_without_templates(page):
    assert page.recurring_due.isHidden()


def test_the_line_counts_what_is_due_and_follows_the_drafts(page, session):
    with session.books.write() as cur:
        recurring.add_template(cur, RENT, session.books.currency)
    page.refresh()
    assert not page.recurring_due.isHidden()
    assert page.recurring_due.text().startswith("3 recurring entries due — ")
    page.recurring_due.linkActivated.emit("propose")
    dialog = page.recurring_dialog
    assert dialog is not None and dialog.isVisible()
    proposing = dialog.proposing
    assert proposing is not None and proposing.list.topLevelItemCount() == 3
    proposing.draft.click()
    assert page.recurring_due.isHidden()
    assert page.cards["drafts"].amount.text() == "3"
