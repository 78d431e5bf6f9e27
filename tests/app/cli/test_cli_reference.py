"""``daftar journal``, ``daftar party`` and ``daftar account`` on real company files: what they
add and change, and that each refusal is one line on stderr, exit 1, and an unchanged file."""

from __future__ import annotations

import json

import pytest

from app.cli.main import main
from app.store.books import Books
from app.store.company import KeySource, open_company
from tests.ledger_text import key_file_of


class Daftar:
    """``daftar("journal", "add", "--code", ...)``: a command run on the test's company (its
    file goes after the words before the first option), giving its exit status, stdout and
    stderr; an argument error exits 1 as it does from the shell."""

    def __init__(self, books: Books, capsys: pytest.CaptureFixture[str]) -> None:
        self.path, self.key = books.path, key_file_of(books)
        self.capsys = capsys

    def __call__(self, *words: str) -> tuple[int, str, str]:
        at = next((n for n, word in enumerate(words) if word.startswith("-")), len(words))
        try:
            code = main([*words[:at], str(self.path), "--key-file", str(self.key), *words[at:]])
        except SystemExit as exit_:
            code = int(exit_.code or 0)
        out, err = self.capsys.readouterr()
        return code, out, err

    def state(self) -> tuple[list, ...]:
        """Everything these commands could change, read back from the file."""
        with open_company(self.path, KeySource(key_file=self.key)) as books, \
                books.read() as cur:
            return tuple(sorted(cur.execute(f"SELECT * FROM {table}").fetchall()) for table in (
                "journal", "third_party", "account", "entry", "line", "audit_event"))


@pytest.fixture
def daftar(books: Books, capsys: pytest.CaptureFixture[str]) -> Daftar:
    run = Daftar(books, capsys)
    books.close()
    return run


def refused(daftar: Daftar, message: str, *words: str) -> None:
    """The command exits 1 with ``message`` in its one line on stderr and changes nothing."""
    before = daftar.state()
    code, out, err = daftar(*words)
    assert code == 1, (out, err)
    assert message in err and err.count("\n") == 1, err
    assert daftar.state() == before


def test_a_second_bank_journal_takes_entries(daftar: Daftar) -> None:
    code, out, _ = daftar("journal", "add", "--code", "BQ2", "--label", "Banque CPA",
                          "--kind", "bank")
    assert code == 0 and out == "added journal BQ2: Banque CPA (bank, active)\n"
    code, out, err = daftar("post", "--journal", "BQ2", "--date", "2025-02-01", "--label",
                            "Virement reçu", "--debit", "512:1000.00", "--credit", "101:1000.00")
    assert code == 0, err
    assert out.startswith("posted BQ2-1 ")
    code, out, _ = daftar("journal", "list")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["code", "kind", "state", "label"]
    assert "BQ2   bank       active  Banque CPA" in lines
    code, out, _ = daftar("journal", "list", "--json")
    assert {"code": "BQ2", "label": "Banque CPA", "kind": "bank", "active": True} in json.loads(out)


def test_journal_set_and_an_inactive_journal(daftar: Daftar) -> None:
    daftar("journal", "add", "--code", "BQ2", "--label", "Banque 2", "--kind", "bank")
    code, out, _ = daftar("journal", "set", "--code", "BQ2", "--label", "Caisse annexe",
                          "--kind", "cash", "--active", "no")
    assert code == 0 and out == "changed journal BQ2: Caisse annexe (cash, inactive)\n"
    refused(daftar, "journal BQ2 is deactivated", "post", "--journal", "BQ2", "--date",
            "2025-02-01", "--label", "x", "--debit", "512:10", "--credit", "101:10")
    assert daftar("journal", "set", "--code", "BQ2", "--active", "yes")[0] == 0
    code, out, err = daftar("post", "--journal", "BQ2", "--date", "2025-02-01", "--label", "x",
                            "--debit", "512:10", "--credit", "101:10")
    assert code == 0 and out.startswith("posted BQ2-1 "), err


def test_journal_refusals_change_nothing(daftar: Daftar) -> None:
    refused(daftar, "journal BQ already exists", "journal", "add", "--code", "BQ",
            "--label", "Encore")
    refused(daftar, "journal code 'bq2' is not 1 to 8 upper-case letters or digits (did you "
            "mean BQ2?)", "journal", "add", "--code", "bq2", "--label", "x")
    refused(daftar, "is not 1 to 8", "journal", "add", "--code", "BANQUE-CPA", "--label", "x")
    refused(daftar, "a journal needs a code", "journal", "add", "--code", "", "--label", "x")
    refused(daftar, "journal BQ2 needs a label", "journal", "add", "--code", "BQ2",
            "--label", " ")
    refused(daftar, "'journal add' needs --label", "journal", "add", "--code", "BQ2")
    refused(daftar, "journal NOPE does not exist", "journal", "set", "--code", "NOPE",
            "--label", "x")
    refused(daftar, "give what to change: --label, --kind, --active", "journal", "set",
            "--code", "BQ")
    refused(daftar, "--label cannot go with 'journal list'", "journal", "list", "--label", "x")
    refused(daftar, "--json cannot go with 'journal set'", "journal", "set", "--code", "BQ",
            "--label", "x", "--json")
    refused(daftar, "invalid choice", "journal", "add", "--code", "BQ2", "--label", "x",
            "--kind", "loans")


def test_parties_add_set_and_list(daftar: Daftar) -> None:
    code, out, _ = daftar("party", "add", "--code", "CLIENT1", "--name", "SARL Client",
                          "--kind", "customer", "--nif", "000216001234567", "--rc", "16/00-1B")
    assert code == 0
    assert out == ("added third party CLIENT1: SARL Client (customer, active, "
                   "NIF 000216001234567, RC 16/00-1B)\n")
    code, out, _ = daftar("party", "set", "--code", "CLIENT1", "--address", "Alger",
                          "--rc", "", "--active", "no")
    assert code == 0
    assert out == ("changed third party CLIENT1: SARL Client (customer, inactive, "
                   "NIF 000216001234567)\n")
    daftar("party", "add", "--code", "FOURN1", "--name", "Fournisseur", "--kind", "supplier")
    code, out, _ = daftar("party", "list")
    assert out.splitlines() == [
        "code     kind      state     nif              terms  name",
        "CLIENT1  customer  inactive  000216001234567         SARL Client",
        "FOURN1   supplier  active                            Fournisseur",
    ]
    code, out, _ = daftar("party", "list", "--json")
    client = json.loads(out)[0]
    assert (client["address"], client["rc"], client["active"]) == ("Alger", "", False)


def test_party_payment_terms_add_set_clear_and_list(daftar: Daftar) -> None:
    code, out, _ = daftar("party", "add", "--code", "C30", "--name", "Client",
                          "--kind", "customer", "--payment-days", "30")
    assert (code, out) == (0, "added third party C30: Client (customer, active, 30 days)\n")
    code, out, _ = daftar("party", "set", "--code", "C30", "--name", "Client SARL")
    assert out == "changed third party C30: Client SARL (customer, active, 30 days)\n"
    code, out, _ = daftar("party", "set", "--code", "C30", "--payment-days", "0")
    assert out == "changed third party C30: Client SARL (customer, active, 0 days)\n"
    daftar("party", "add", "--code", "F60", "--name", "Fournisseur", "--payment-days", "60")
    _, out, _ = daftar("party", "list")
    assert out.splitlines()[1:] == [
        "C30   customer  active       0 days   Client SARL",
        "F60   other     active       60 days  Fournisseur",
    ]
    code, out, _ = daftar("party", "set", "--code", "C30", "--payment-days", "")
    assert out == "changed third party C30: Client SARL (customer, active)\n"
    _, out, _ = daftar("party", "list", "--json")
    assert [p["payment_days"] for p in json.loads(out)] == [None, 60]
    refused(daftar, "--payment-days '1000': expected 0 to 999 days, or '' for none",
            "party", "set", "--code", "F60", "--payment-days", "1000")
    refused(daftar, "--payment-days '-5': expected 0 to 999 days", "party", "add", "--code",
            "X", "--name", "x", "--payment-days=-5")
    refused(daftar, "--payment-days cannot go with 'party list'", "party", "list",
            "--payment-days", "3")


def test_party_refusals_change_nothing(daftar: Daftar) -> None:
    daftar("party", "add", "--code", "CLIENT1", "--name", "SARL Client")
    refused(daftar, "--nif: the NIF has 15 digits; 12345 has 5", "party", "add", "--code",
            "C2", "--name", "x", "--nif", "12345")
    refused(daftar, "--nif: the NIF has 15 digits; 12345 has 5; --ai: the AI is made of digits "
            "only: 'A1'", "party", "set", "--code", "CLIENT1", "--nif", "12345", "--ai", "A1",
            "--name", "Renamed")
    refused(daftar, "third party CLIENT1 already exists", "party", "add", "--code", "CLIENT1",
            "--name", "Again")
    refused(daftar, "third party NOPE does not exist", "party", "set", "--code", "NOPE",
            "--name", "x")
    refused(daftar, "third party CLIENT1 needs a name", "party", "set", "--code", "CLIENT1",
            "--name", " ")
    refused(daftar, "without spaces or ':'", "party", "add", "--code", "A:B", "--name", "x")
    refused(daftar, "'party add' needs --code", "party", "add", "--name", "x")


def test_accounts_add_set_and_list(daftar: Daftar) -> None:
    code, out, _ = daftar("account", "add", "--number", "512100", "--label", "CPA Hydra",
                          "--label-en", "CPA Hydra bank")
    assert code == 0 and out == "added account 512100: CPA Hydra (bank)\n"
    code, out, err = daftar("post", "--journal", "BQ", "--date", "2025-02-01", "--label", "x",
                            "--debit", "512100:10", "--credit", "101:10")
    assert code == 0, err
    code, out, _ = daftar("account", "set", "--number", "512100", "--label-ar", "بنك",
                          "--active", "no")
    assert code == 0 and out == "changed account 512100: CPA Hydra (bank, inactive)\n"
    code, out, _ = daftar("account", "list", "--class", "5")
    rows = out.splitlines()
    assert rows[0].split() == ["number", "kind", "flags", "label"]
    assert all(row.split()[0].startswith("5") for row in rows[1:])
    assert "512100  bank     inactive  CPA Hydra" in rows
    code, out, _ = daftar("account", "list", "--json", "--class", "5")
    found = next(a for a in json.loads(out) if a["number"] == "512100")
    assert (found["label_en"], found["label_ar"], found["active"]) == (
        "CPA Hydra bank", "بنك", False)
    refused(daftar, "account 512100 is deactivated", "post", "--journal", "BQ", "--date",
            "2025-02-02", "--label", "x", "--debit", "512100:10", "--credit", "101:10")


def test_a_sub_account_inherits_or_overrides_the_third_party_need(daftar: Daftar) -> None:
    daftar("account", "add", "--number", "411100", "--label", "Clients export")
    daftar("account", "add", "--number", "411200", "--label", "Clients divers",
           "--third-party", "no")
    _, out, _ = daftar("account", "list", "--json", "--class", "4")
    accounts = {a["number"]: a for a in json.loads(out)}
    assert accounts["411100"]["needs_third_party"] and accounts["411100"]["kind"] == "customer"
    assert not accounts["411200"]["needs_third_party"]
    assert daftar("account", "set", "--number", "411200", "--third-party", "yes")[0] == 0


def test_account_refusals_change_nothing(daftar: Daftar) -> None:
    refused(daftar, "account 512 already exists", "account", "add", "--number", "512",
            "--label", "x")
    refused(daftar, "'0512' is not an account number", "account", "add", "--number", "0512",
            "--label", "x")
    refused(daftar, "account 999999 does not exist", "account", "set", "--number", "999999",
            "--label", "x")
    refused(daftar, "account 512 needs a French label", "account", "set", "--number", "512",
            "--label", "")
    refused(daftar, "--kind cannot go with 'account set': an account's kind is set when it is "
            "opened and never changes", "account", "set", "--number", "512", "--kind", "cash")
    refused(daftar, "give what to change: --label, --label-en, --label-ar, --third-party, "
            "--active", "account", "set", "--number", "512")
    refused(daftar, "--class 'x': expected one digit", "account", "list", "--class", "x")
    refused(daftar, "--class cannot go with 'account add'", "account", "add", "--number",
            "512100", "--label", "x", "--class", "5")
