"""Encryption of company files: wrong keys, recovery keys, passphrases, rekeying, plaintext on disk.

Every test uses real SQLCipher files. The only test double is an in-memory ``keyring`` backend,
since the OS credential store cannot run here.
"""

from __future__ import annotations

import sqlite3
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from app.ledger.model import Company, ThirdParty, ThirdPartyKind
from app.reports.balances import third_party_balances, trial_balance
from app.reports.ledger import general_ledger, journal_lines
from app.reports.statements import balance_sheet, income_statement
from app.store import keys
from app.store.books import Books
from app.store.company import KeySource, create_company, open_company, rekey
from app.store.database import (
    FileTooNew,
    NotACompanyFile,
    StoreError,
    WrongKey,
    raw_connect,
)
from app.store.keys import KEYRING_SERVICE, FileKey
from app.store.verify import verify
from tests.ledger_text import SAMPLE, key_file_of, post_text

YEAR = (date(2025, 1, 1), date(2025, 12, 31))

SALES = SAMPLE

def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _snapshot(books: Books) -> tuple:
    with books.read() as cur:
        counts = tuple(
            cur.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("entry", "line", "account", "third_party", "fiscal_year")
        )
        hashes = cur.execute(
            "SELECT group_concat(hash) FROM (SELECT hash FROM entry ORDER BY seq)").fetchone()[0]
    tb = trial_balance(books, *YEAR)
    return counts, hashes, [(r.account, r.debit, r.credit) for r in tb.rows]


def _other_key_file(folder: Path, name: str = "other.key") -> Path:
    path = folder / name
    keys.write_key_file(path, keys.new_key())
    return path


def _key_file_with(folder: Path, key: FileKey, name: str) -> Path:
    path = folder / name
    keys.write_key_file(path, key)
    return path


# --- wrong keys -------------------------------------------------------------------------------

def test_wrong_key_file_is_refused_and_changes_nothing(books, tmp_path):
    post_text(books, SALES)
    path, key_file = books.path, key_file_of(books)
    books.close()
    elsewhere = tmp_path / "keys"
    elsewhere.mkdir()
    wrong = _other_key_file(elsewhere)
    before = _files(tmp_path)
    with pytest.raises(WrongKey) as err:
        open_company(path, KeySource(key_file=wrong))
    assert str(err.value) == (
        f"cannot open {path}: the key is wrong, or this is not a Daftar company file")
    assert _files(tmp_path) == before
    with open_company(path, KeySource(key_file=key_file)) as again:
        assert verify(again).ok
        assert again.entry(1).label == "Facture 1"


def test_wrong_key_while_the_file_is_open_leaves_file_and_wal_alone(books, tmp_path):
    post_text(books, SALES)
    wal = Path(f"{books.path}-wal")
    assert wal.exists() and wal.stat().st_size > 0
    main_bytes, wal_bytes = books.path.read_bytes(), wal.read_bytes()
    with pytest.raises(WrongKey, match=str(books.path)):
        open_company(books.path, KeySource(key_file=_other_key_file(tmp_path)))
    assert books.path.read_bytes() == main_bytes
    assert wal.read_bytes() == wal_bytes
    assert books.entry(3).label == "Achat"
    with open_company(books.path, KeySource(key_file=key_file_of(books))) as second:
        assert _snapshot(second) == _snapshot(books)


def test_another_recovery_key_and_a_passphrase_are_wrong_keys(books):
    other_recovery = keys.recovery_key(keys.new_key())
    path = books.path
    books.close()
    before = path.read_bytes()
    with pytest.raises(WrongKey, match="the key is wrong"):
        open_company(path, KeySource(recovery_key=other_recovery))
    with pytest.raises(WrongKey, match="the key is wrong"):
        open_company(path, KeySource(passphrase="not how this file was made"))
    assert path.read_bytes() == before


def test_missing_file_is_reported(tmp_path):
    path = tmp_path / "absent.daftar"
    with pytest.raises(StoreError, match=r"absent\.daftar does not exist"):
        open_company(path, KeySource(key_file=_other_key_file(tmp_path)))
    assert not path.exists()


def test_plain_sqlite_file_is_refused_unchanged(tmp_path):
    path = tmp_path / "plain.db"
    cx = sqlite3.connect(path)
    cx.execute("CREATE TABLE t (x)")
    cx.commit()
    cx.close()
    before = path.read_bytes()
    with pytest.raises(WrongKey, match="not a Daftar company file"):
        open_company(path, KeySource(key_file=_other_key_file(tmp_path)))
    assert path.read_bytes() == before


# --- recovery keys and passphrases ------------------------------------------------------------

def test_recovery_key_from_creation_opens_the_file(tmp_path):
    path, key_file = tmp_path / "rk.daftar", tmp_path / "rk.key"
    books, recovery = create_company(path, Company("Recovery SARL", "DZD", "scf"), YEAR[0],
                                     KeySource(key_file=key_file))
    post_text(books, SALES)
    expected = _snapshot(books)
    books.close()
    assert keys.parse_recovery_key(recovery).key == keys.read_key_file(key_file).key
    key_file.unlink()
    for form in (recovery, recovery.lower().replace("-", " ")):
        with open_company(path, KeySource(recovery_key=form)) as again:
            assert again.company.name == "Recovery SARL"
            assert _snapshot(again) == expected
            assert verify(again).ok


def test_passphrase_mode_creates_and_reopens(tmp_path, memory_keyring):
    path = tmp_path / "pp.daftar"
    phrase = "Un mot de passe assez long, ولا بأس"
    books, recovery = create_company(path, Company("Phrase SARL", "DZD", "scf"), YEAR[0],
                                     KeySource(passphrase=phrase))
    post_text(books, SALES)
    expected = _snapshot(books)
    books.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pp.daftar"]
    assert memory_keyring.secrets == {}, "a passphrase-derived key is never stored"
    derived = keys.passphrase_key(phrase, keys.read_salt(path))
    assert keys.parse_recovery_key(recovery).key == derived.key
    with open_company(path, KeySource(passphrase=phrase)) as again:
        assert _snapshot(again) == expected
    with pytest.raises(WrongKey, match=str(path)):
        open_company(path, KeySource(passphrase=phrase + " "))
    with open_company(path, KeySource(recovery_key=recovery)) as again:
        assert again.company.name == "Phrase SARL"


def test_a_recovery_key_cannot_create_a_file(tmp_path):
    path = tmp_path / "nope.daftar"
    with pytest.raises(StoreError, match="opens an existing file"):
        create_company(path, Company("X", "DZD", "scf"), YEAR[0],
                       KeySource(recovery_key=keys.recovery_key(keys.new_key())))
    assert list(tmp_path.iterdir()) == []


def test_creating_over_an_existing_file_changes_nothing(books, tmp_path):
    path, key_file = books.path, key_file_of(books)
    books.close()
    before = _files(tmp_path)
    with pytest.raises(StoreError, match="already exists"):
        create_company(path, Company("X", "DZD", "scf"), YEAR[0], KeySource(key_file=key_file))
    with pytest.raises(StoreError, match="already exists"):
        create_company(path, Company("X", "DZD", "scf"), YEAR[0],
                       KeySource(key_file=tmp_path / "fresh.key"))
    assert _files(tmp_path) == before


def test_creating_in_a_missing_folder_leaves_no_key_behind(tmp_path):
    key_file = tmp_path / "new.key"
    with pytest.raises(StoreError):
        create_company(tmp_path / "missing" / "new.daftar", Company("X", "DZD", "scf"), YEAR[0],
                       KeySource(key_file=key_file))
    assert list(tmp_path.iterdir()) == []


# --- no plaintext on disk ---------------------------------------------------------------------

NEEDLES = ("ZZSECRETLABEL42", "ZZSECRETPARTY", "ZZSECRETCOMPANY")


def _leaks(paths: list[Path]) -> list[str]:
    found = []
    for path in paths:
        data = path.read_bytes()
        for needle in NEEDLES:
            for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
                if needle.encode(encoding) in data:
                    found.append(f"{path.name}: {needle} ({encoding})")
    return found


def _all_files(*folders: Path) -> list[Path]:
    return [p for folder in folders for p in folder.rglob("*") if p.is_file()]


def test_the_leak_scanner_finds_plaintext(tmp_path):
    """The scan below can fail: it finds the label in a plain SQLite file and in UTF-16 text."""
    cx = sqlite3.connect(tmp_path / "plain.db")
    cx.execute("CREATE TABLE t (label TEXT)")
    cx.execute("INSERT INTO t VALUES ('ZZSECRETLABEL42')")
    cx.commit()
    cx.close()
    (tmp_path / "wide.txt").write_bytes("ZZSECRETPARTY".encode("utf-16-le"))
    assert sorted(_leaks(_all_files(tmp_path))) == [
        "plain.db: ZZSECRETLABEL42 (utf-8)", "wide.txt: ZZSECRETPARTY (utf-16-le)"]


def test_no_plaintext_reaches_the_disk(tmp_path, monkeypatch):
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    for var in ("TMPDIR", "SQLITE_TMPDIR", "TEMP", "TMP"):
        monkeypatch.setenv(var, str(private_tmp))
    monkeypatch.setattr(tempfile, "tempdir", str(private_tmp))
    folder = tmp_path / "books"
    folder.mkdir()
    path, key_file = folder / "secret.daftar", folder / "secret.key"
    books, _ = create_company(path, Company("ZZSECRETCOMPANY", "DZD", "scf"), YEAR[0],
                              KeySource(key_file=key_file))
    try:
        books.add_third_party(ThirdParty("ZZP", "ZZSECRETPARTY", ThirdPartyKind.CUSTOMER))
        for month in range(1, 13):
            post_text(books, f"""
                2025-{month:02d}-05 VT "ZZSECRETLABEL42 facture {month}"
                  411  {1190 * month}.00  ZZP
                  700  -{1000 * month}.00
                  4457 -{190 * month}.00
                2025-{month:02d}-20 BQ "ZZSECRETLABEL42 règlement {month}"
                  512  {1190 * month}.00
                  411  -{1190 * month}.00 ZZP
            """)
        tb = trial_balance(books, *YEAR)
        assert tb.total("debit") == tb.total("credit") == Decimal("185640.00")
        ledger_lines = [line for section in general_ledger(books, *YEAR)
                        for line in section.lines]
        assert len(ledger_lines) == 60
        assert sum(1 for _ in journal_lines(books, *YEAR)) == 60
        assert [r.name for r in third_party_balances(books, YEAR[0], YEAR[1])] == [
            "ZZSECRETPARTY"]
        balance_sheet(books, YEAR[1])
        income_statement(books, *YEAR)
        report = verify(books)
        assert report.ok and report.entries == 24 and report.lines == 60
        wal = Path(f"{path}-wal")
        assert wal.exists() and wal.stat().st_size > 0, "the test must cover the WAL"
        on_disk = [p for p in _all_files(folder, private_tmp) if p != key_file]
        assert {p.name for p in on_disk} >= {"secret.daftar", "secret.daftar-wal",
                                             "secret.daftar-shm"}
        assert _leaks(on_disk) == []
        assert not path.read_bytes().startswith(b"SQLite format 3")
    finally:
        books.close()
    on_disk = [p for p in _all_files(folder, private_tmp) if p != key_file]
    assert _leaks(on_disk) == []
    assert not path.read_bytes().startswith(b"SQLite format 3")


# --- rekeying ---------------------------------------------------------------------------------

def test_rekey_with_a_key_file(books, tmp_path):
    post_text(books, SALES)
    path, key_file = books.path, key_file_of(books)
    old = keys.read_key_file(key_file)
    old_recovery = keys.recovery_key(old)
    salt = keys.read_salt(path)
    expected = _snapshot(books)
    new_recovery = rekey(books, KeySource(key_file=key_file))
    assert new_recovery != old_recovery
    new = keys.read_key_file(key_file)
    assert new.key != old.key
    assert keys.parse_recovery_key(new_recovery).key == new.key
    assert not key_file.with_name(key_file.name + ".pending").exists()
    assert keys.read_salt(path) == salt, "the salt (keyring name) survives a rekey"
    assert _snapshot(books) == expected, "the open books keep working"
    post_text(books, """
        2025-04-01 OD "After rekey"
          512  10.00
          101  -10.00
    """)
    books.close()
    with pytest.raises(WrongKey):
        open_company(path, KeySource(key_file=_key_file_with(tmp_path, old, "old.key")))
    with pytest.raises(WrongKey):
        open_company(path, KeySource(recovery_key=old_recovery))
    with open_company(path, KeySource(key_file=key_file)) as again:
        assert _snapshot(again)[0] == (4, 9, expected[0][2], 2, 1)
        assert verify(again).ok
        assert again.entry(4).label == "After rekey"
    with open_company(path, KeySource(recovery_key=new_recovery)) as again:
        assert verify(again).ok


def test_interrupted_rekey_is_finished_by_the_next_open(books, tmp_path):
    """Crash after the file was rekeyed but before the key file was replaced."""
    post_text(books, SALES)
    path, key_file = books.path, key_file_of(books)
    old = keys.read_key_file(key_file)
    expected = _snapshot(books)
    new = FileKey(keys.new_key().key)
    pending = key_file.with_name(key_file.name + ".pending")
    keys.write_key_file(pending, new)
    books.db.rekey(new)
    books.close()
    assert keys.read_key_file(key_file).key == old.key
    with open_company(path, KeySource(key_file=key_file)) as again:
        assert _snapshot(again) == expected
        assert verify(again).ok
    assert keys.read_key_file(key_file).key == new.key
    assert not pending.exists()
    with pytest.raises(WrongKey):
        open_company(path, KeySource(key_file=_key_file_with(tmp_path, old, "old.key")))


def test_rekey_interrupted_before_the_file_changed_still_opens(books):
    """Crash after the pending key was saved but before the file was rekeyed."""
    path, key_file = books.path, key_file_of(books)
    old = keys.read_key_file(key_file)
    pending = key_file.with_name(key_file.name + ".pending")
    keys.write_key_file(pending, keys.new_key())
    books.close()
    with open_company(path, KeySource(key_file=key_file)) as again:
        assert verify(again).ok
    assert keys.read_key_file(key_file).key == old.key


def test_rekey_with_the_keyring(tmp_path, memory_keyring):
    path = tmp_path / "kr.daftar"
    books, first_recovery = create_company(path, Company("Keyring SARL", "DZD", "scf"), YEAR[0])
    post_text(books, SALES)
    expected = _snapshot(books)
    salt = keys.read_salt(path)
    name = (KEYRING_SERVICE, f"company:{salt.hex()}")
    old = memory_keyring.secrets[name]
    new_recovery = rekey(books, KeySource())
    books.close()
    assert list(memory_keyring.secrets) == [name], "the pending key is gone"
    assert memory_keyring.secrets[name] == keys.parse_recovery_key(new_recovery).key.hex()
    assert memory_keyring.secrets[name] != old
    assert keys.read_salt(path) == salt
    with open_company(path) as again:
        assert _snapshot(again) == expected
        assert verify(again).ok
    with pytest.raises(WrongKey):
        open_company(path, KeySource(recovery_key=first_recovery))


def test_interrupted_keyring_rekey_is_finished_by_the_next_open(tmp_path, memory_keyring):
    path = tmp_path / "kr.daftar"
    books, _ = create_company(path, Company("Keyring SARL", "DZD", "scf"), YEAR[0])
    post_text(books, SALES)
    expected = _snapshot(books)
    salt = keys.read_salt(path)
    old = books.db.key
    new = FileKey(keys.new_key().key)
    keys.keyring_store(salt, new, pending=True)
    books.db.rekey(new)
    books.close()
    with open_company(path) as again:
        assert _snapshot(again) == expected
    assert memory_keyring.secrets == {
        (KEYRING_SERVICE, f"company:{salt.hex()}"): new.key.hex()}
    with pytest.raises(WrongKey):
        open_company(path, KeySource(recovery_key=keys.recovery_key(old)))


def test_rekey_to_a_new_passphrase(tmp_path):
    path = tmp_path / "pp.daftar"
    books, _ = create_company(path, Company("Phrase SARL", "DZD", "scf"), YEAR[0],
                              KeySource(passphrase="first phrase"))
    post_text(books, SALES)
    expected = _snapshot(books)
    recovery = rekey(books, KeySource(passphrase="first phrase"), new_passphrase="second phrase")
    books.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pp.daftar"]
    with open_company(path, KeySource(passphrase="second phrase")) as again:
        assert _snapshot(again) == expected
        assert keys.recovery_key(again.db.key) == recovery
    with pytest.raises(WrongKey):
        open_company(path, KeySource(passphrase="first phrase"))


# --- files this program must not open ---------------------------------------------------------

def test_a_file_from_a_newer_daftar_is_refused(books):
    path, key_file = books.path, key_file_of(books)
    books.close()
    cx = raw_connect(path, keys.read_key_file(key_file))
    cx.execute("PRAGMA user_version = 99")
    cx.close()
    before = path.read_bytes()
    with pytest.raises(FileTooNew) as err:
        open_company(path, KeySource(key_file=key_file))
    message = str(err.value)
    assert str(path) in message and "schema 99" in message
    assert message.endswith("update Daftar to open it")
    assert path.read_bytes() == before


def _foreign_database(tmp_path: Path, *, wal: bool) -> tuple[Path, Path]:
    path, key_file = tmp_path / "foreign.db", tmp_path / "foreign.key"
    key = keys.new_key()
    keys.write_key_file(key_file, key)
    cx = raw_connect(path, key)
    mode = cx.execute(f"PRAGMA journal_mode = {'WAL' if wal else 'DELETE'}").fetchone()[0]
    assert mode == ("wal" if wal else "delete")
    cx.execute("CREATE TABLE notes (body TEXT)")
    cx.execute("INSERT INTO notes VALUES ('not books')")
    cx.close()
    return path, key_file


@pytest.mark.parametrize("wal", [True, False], ids=["wal", "rollback-journal"])
def test_a_sqlcipher_database_that_is_not_daftar_is_refused_untouched(tmp_path, wal):
    path, key_file = _foreign_database(tmp_path, wal=wal)
    before = path.read_bytes()
    with pytest.raises(NotACompanyFile) as err:
        open_company(path, KeySource(key_file=key_file))
    assert str(err.value) == f"{path} is an encrypted database but not a Daftar company file"
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["foreign.db", "foreign.key"]


@pytest.mark.parametrize("size", [0, 15, 100])
def test_an_empty_or_tiny_file_is_refused_untouched(tmp_path, size):
    path = tmp_path / "tiny.daftar"
    content = bytes(range(size))
    path.write_bytes(content)
    key_file = _other_key_file(tmp_path)
    with pytest.raises(NotACompanyFile, match=r"tiny\.daftar is too small"):
        open_company(path, KeySource(key_file=key_file))
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.key", "tiny.daftar"]
