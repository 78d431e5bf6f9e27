"""``daftar recurring``: templates added, listed, paused, and their drafts proposed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.ledger.model import EntryStatus
from app.store.company import KeySource, open_company
from tests.cli_run import one_line_error, run
from tests.ledger_text import key_file_of, post_text

RENT = ("--name", "Loyer", "--journal", "BQ", "--label", "Loyer {month}", "--every", "1",
        "--day", "31", "--start", "2025-01-31", "--line", "613:50 000,00:",
        "--line", "512::50000")


@pytest.fixture
def company(books) -> tuple[Path, Path]:
    post_text(books, """
        2025-01-05 AC "Loyer janvier"
          613  30000.00
          401  -30000.00  BAILLEUR
    """)
    path, key_file = books.path, key_file_of(books)
    books.close()
    return path, key_file


def daftar(capsys, company: tuple[Path, Path], action: str, *words: object):
    path, key = company
    return run(capsys, "recurring", action, path, "--key-file", key, *words)


def statuses(company: tuple[Path, Path]) -> list[EntryStatus]:
    with open_company(company[0], KeySource(key_file=company[1])) as books, \
            books.read() as cur:
        ids = [row[0] for row in cur.execute("SELECT id FROM entry ORDER BY id")]
        return [books.entry(i).status for i in ids]


def test_add_list_show(capsys, company) -> None:
    code, out, err = daftar(capsys, company, "add", *RENT)
    assert (code, err) == (0, "")
    assert out == "saved template 'Loyer': every month on day 31, next 2025-01-31\n"
    code, out, _ = daftar(capsys, company, "list")
    assert out == "Loyer  BQ  50000.00 DZD  every month on day 31, next 2025-01-31\n"
    code, out, _ = daftar(capsys, company, "list", "--json")
    [data] = json.loads(out)
    assert (data["total"], data["lines"][1]["credit"]) == ("50000.00", "50000.00")
    code, out, _ = daftar(capsys, company, "show", "--name", "Loyer")
    assert out.splitlines()[0] == "Loyer: BQ 'Loyer {month}'"
    assert "613" in out.splitlines()[2] and "50000.00" in out.splitlines()[2]


def test_due_writes_nothing_and_propose_drafts(capsys, company) -> None:
    daftar(capsys, company, "add", *RENT)
    code, out, err = daftar(capsys, company, "due", "--until", "31/03/2025")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "2025-01-31  Loyer  BQ  Loyer 01/2025  50000.00 DZD",
        "2025-02-28  Loyer  BQ  Loyer 02/2025  50000.00 DZD",
        "2025-03-31  Loyer  BQ  Loyer 03/2025  50000.00 DZD",
        "3 due up to 2025-03-31"]
    assert len(statuses(company)) == 1
    code, out, err = daftar(capsys, company, "propose", "--until", "2025-02-28")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "drafted entry 2 on 2025-01-31: Loyer  BQ  Loyer 01/2025  50000.00 DZD",
        "drafted entry 3 on 2025-02-28: Loyer  BQ  Loyer 02/2025  50000.00 DZD",
        "2 drafts up to 2025-02-28; review and post them (daftar post FILE --draft ID)"]
    assert statuses(company) == [EntryStatus.POSTED, EntryStatus.DRAFT, EntryStatus.DRAFT]
    code, out, _ = daftar(capsys, company, "propose", "--until", "2025-02-28")
    assert out.startswith("0 drafts")


def test_due_json_shows_what_blocks(capsys, company) -> None:
    daftar(capsys, company, "add", *RENT)
    code, out, _ = daftar(capsys, company, "due", "--until", "2026-01-31", "--json")
    data = json.loads(out)
    assert len(data) == 13
    assert data[-1]["day"] == "2026-01-31" and data[-1]["problems"]
    assert not data[0]["problems"]
    code, out, err = daftar(capsys, company, "propose", "--until", "2026-01-31")
    one_line_error(code, err, "nothing was drafted", "'Loyer' on 2026-01-31")
    assert len(statuses(company)) == 1


def test_from_entry(capsys, company) -> None:
    code, out, err = daftar(capsys, company, "add", "--name", "Loyer", "--from-entry", "1",
                            "--label", "Loyer {month}", "--every", "3", "--day", "5",
                            "--start", "2025-04-01")
    assert (code, err) == (0, "")
    assert "every 3 months on day 5, next 2025-04-01" in out
    _, out, _ = daftar(capsys, company, "show", "--name", "Loyer", "--json")
    data = json.loads(out)
    assert (data["journal"], data["lines"][1]["third_party"]) == ("AC", "BAILLEUR")
    _, out, _ = daftar(capsys, company, "due", "--until", "2025-07-31")
    assert out.splitlines()[0] == "2025-04-05  Loyer  AC  Loyer 04/2025  30000.00 DZD"


def test_pause_resume_delete(capsys, company) -> None:
    daftar(capsys, company, "add", *RENT)
    assert daftar(capsys, company, "pause", "--name", "Loyer")[1] == "paused template 'Loyer'\n"
    _, out, _ = daftar(capsys, company, "due", "--until", "2025-03-31")
    assert out == "0 due up to 2025-03-31\n"
    _, out, _ = daftar(capsys, company, "resume", "--name", "Loyer", "--from", "2025-03-01")
    assert out == "resumed template 'Loyer': every month on day 31, next 2025-03-31\n"
    _, out, _ = daftar(capsys, company, "delete", "--name", "Loyer")
    assert out == "deleted template 'Loyer'; the drafts it made stay\n"
    code, _, err = daftar(capsys, company, "show", "--name", "Loyer")
    one_line_error(code, err, "no recurring template named 'Loyer'")


@pytest.mark.parametrize(("words", "needles"), [
    (("--line", "613:12,3,4:", "--line", "512::1"), ("--line '613:12,3,4:'", "debit '12,3,4'")),
    (("--line", "613", "--line", "512::1"), ("--line '613'", "ACCOUNT:DEBIT:CREDIT")),
    (("--line", "613:5:", "--line", "512::4"), ("template 'X'", "differ")),
    (("--line", "613:5:", "--line", "401::5"), ("template 'X'", "401")),
])
def test_bad_lines_are_one_line(capsys, company, words, needles) -> None:
    code, _, err = daftar(capsys, company, "add", "--name", "X", "--journal", "BQ", "--label",
                          "L", "--every", "1", "--day", "1", "--start", "2025-01-01", *words)
    one_line_error(code, err, *needles)


def test_usage_errors(capsys, company) -> None:
    code, _, err = daftar(capsys, company, "add", "--name", "X", "--every", "1", "--day", "1",
                          "--start", "2025-01-01")
    one_line_error(code, err, "--journal, --label and --line")
    code, _, err = daftar(capsys, company, "add", "--name", "X", "--every", "1", "--day", "1",
                          "--start", "2025-01-01", "--from-entry", "1", "--line", "613:1:")
    one_line_error(code, err, "--line cannot go with --from-entry")
    with pytest.raises(SystemExit) as exited:
        daftar(capsys, company, "add", *RENT[:7], "5", *RENT[8:])
    assert exited.value.code == 1
    assert "--every: invalid choice: 5" in capsys.readouterr().err
    code, _, err = daftar(capsys, company, "add", "--name", "Y", "--every", "1", "--day", "1",
                          "--start", "2025-01-01", "--from-entry", "99")
    one_line_error(code, err, "entry 99 does not exist")
