"""Judging an entry that is still being written, without writing anything.

The entry editor shows, while the accountant types, every reason the entry could not post yet.
It asks the same rules the store applies when posting (``check_entry`` over the store's own
``PostingContext``), so what the editor says and what posting refuses never disagree.
"""

from __future__ import annotations

from dataclasses import replace

from app.ledger.model import Entry, EntryStatus, Problem
from app.ledger.rules import PostingRefused, check_entry
from app.store import entries
from app.store.books import Books
from app.store.entries import posting_context


def entry_problems(books: Books, entry: Entry) -> list[Problem]:
    """Every reason ``entry`` could not be posted as it stands; empty when it could.

    The entry is judged as a draft whatever its status, so a caller may ask about an entry it
    is editing before saving it. Nothing is written: one read transaction.
    """
    draft = replace(entry, status=EntryStatus.DRAFT)
    with books.read() as cur:
        return check_entry(draft, posting_context(cur, draft))


def post_checked(books: Books, entry: Entry) -> Entry:
    """Post a new entry, or a draft with the changes made to it, once no rule objects.

    The rules are asked first, so a refused entry is explained with every reason at once; then
    the draft is saved and posted in one transaction, so the books never keep a draft's changes
    without its posting (the store checks the rules again inside it).
    """
    problems = entry_problems(books, entry)
    if problems:
        raise PostingRefused(problems, entry)
    with books.write() as cur:
        entry_id = entries.save_draft(cur, entry, books.currency)
        entries.post_drafts(cur, [entry_id], books.currency)
        return entries.load_entry(cur, entry_id, books.currency)
