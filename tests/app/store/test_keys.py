"""The forms a company key travels in (recovery key, key file, passphrase) and the OS keyring.

The OS credential store cannot run here, so the keyring tests install a small in-memory
``keyring`` backend: the only test double of the suite. Everything else is real: real files,
real SQLCipher, real scrypt.
"""

from __future__ import annotations

import base64
import os
import shutil
import stat
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from app.ledger.model import Account, AccountKind, Company
from app.store import keys
from app.store.books import Books
from app.store.company import KeySource, create_company, open_company, rekey
from app.store.database import WrongKey
from app.store.keys import (
    KEYRING_SERVICE,
    BadKeyFile,
    BadRecoveryKey,
    FileKey,
    KeyProblem,
    NoCredentialStore,
)

# A fixed key whose recovery form holds the letters O, I and B (checked below), so the 0/O, 1/I
# and 8/B slips can be tried on it.
FIXED = FileKey(bytes(range(100, 132)))
B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"

SMALL_CHART = [
    Account("1", "Comptes de capitaux", postable=False),
    Account("101", "Capital émis"),
    Account("12", "Résultat de l'exercice", postable=False),
    Account("120", "Résultat (bénéfice)"),
    Account("129", "Résultat (perte)"),
    Account("5", "Comptes financiers", postable=False),
    Account("512", "Banques", kind=AccountKind.BANK),
]


def _create(path: Path, source: KeySource | None = None) -> tuple[Books, str]:
    """A small company; without ``source`` the key goes to the OS credential store."""
    return create_company(path, Company("Keys SARL", "DZD", "scf"), date(2025, 1, 1),
                          source or KeySource(), accounts=SMALL_CHART)


# --- recovery keys ----------------------------------------------------------------------------

def test_recovery_key_roundtrip_and_shape():
    for key in (FIXED, keys.new_key(), FileKey(bytes(32)), FileKey(b"\xff" * 32)):
        text = keys.recovery_key(key)
        groups = text.split("-")
        assert len(groups) == 11
        assert all(len(g) == 5 for g in groups[:-1]) and 1 <= len(groups[-1]) <= 5
        assert set(text) <= set(B32 + "-")
        assert keys.parse_recovery_key(text).key == key.key


def test_recovery_key_is_stable_for_a_given_key():
    """The printed form is a pure function of the key (base32 of key ‖ sha256[:2])."""
    import hashlib

    payload = FIXED.key + hashlib.sha256(FIXED.key).digest()[:2]
    expected = base64.b32encode(payload).decode().rstrip("=")
    assert keys.recovery_key(FIXED).replace("-", "") == expected


def test_recovery_key_tolerates_case_spaces_and_dashes():
    text = keys.recovery_key(FIXED)
    plain = text.replace("-", "")
    variants = [
        text.lower(),
        plain,
        plain.lower(),
        text.replace("-", " "),
        "  " + text.replace("-", "  -  ") + "\n",
        " ".join(plain[i : i + 4] for i in range(0, len(plain), 4)),
        text.title(),
    ]
    for variant in variants:
        assert keys.parse_recovery_key(variant).key == FIXED.key, variant


def test_recovery_key_tolerates_zero_one_eight_slips():
    text = keys.recovery_key(FIXED)
    assert {"O", "I", "B"} <= set(text), "the fixed key must exercise every slip"
    slipped = text.replace("O", "0").replace("I", "1").replace("B", "8")
    assert slipped != text
    assert keys.parse_recovery_key(slipped).key == FIXED.key
    assert keys.parse_recovery_key(slipped.lower()).key == FIXED.key


def _typos(text: str, positions: range) -> Iterator[str]:
    for i in positions:
        if text[i] == "-":
            continue
        for ch in B32:
            if ch != text[i]:
                yield text[:i] + ch + text[i + 1 :]


def test_one_character_typo_in_the_key_part_is_rejected():
    text = keys.recovery_key(FIXED)
    tried = 0
    for typo in _typos(text, range(len(text) - 1)):
        tried += 1
        with pytest.raises(BadRecoveryKey) as err:
            keys.parse_recovery_key(typo)
        assert str(err.value) == "the recovery key has a typo (its checksum does not match)"
    assert tried == 54 * 31


def test_one_character_typo_in_the_last_character_is_rejected():
    """The last character carries 2 key bits and 3 unused ones: a slip in either is refused."""
    text = keys.recovery_key(FIXED)
    typos = list(_typos(text, range(len(text) - 1, len(text))))
    assert len(typos) == 31
    for typo in typos:
        with pytest.raises(BadRecoveryKey, match="typo"):
            keys.parse_recovery_key(typo)


def test_swapping_two_groups_is_rejected():
    groups = keys.recovery_key(FIXED).split("-")
    groups[0], groups[1] = groups[1], groups[0]
    with pytest.raises(BadRecoveryKey, match="typo"):
        keys.parse_recovery_key("-".join(groups))


def test_recovery_key_of_wrong_length_is_rejected():
    text = keys.recovery_key(FIXED)
    plain = text.replace("-", "")
    for wrong in (text[:-6], text + "-AAAAA", plain[:40], plain + "A" * 9, "ABCDE"):
        with pytest.raises(BadRecoveryKey, match=r"^that is not a recovery key \(wrong length"):
            keys.parse_recovery_key(wrong)


def test_recovery_key_missing_characters_says_wrong_length():
    """Also for lengths that are not valid unpadded base32 (1, 3 or 6 modulo 8)."""
    plain = keys.recovery_key(FIXED).replace("-", "")
    for length in (54, 51, 46, 30, 1):
        with pytest.raises(BadRecoveryKey, match=r"wrong length: \d+ characters"):
            keys.parse_recovery_key(plain[:length])


def test_recovery_key_with_foreign_characters_is_rejected():
    text = keys.recovery_key(FIXED)
    for bad in ("", "hello world", text.replace(text[3], "é", 1), "9" * 55):
        with pytest.raises(BadRecoveryKey, match="not a recovery key"):
            keys.parse_recovery_key(bad)


def test_a_file_key_never_shows_its_bytes():
    assert FIXED.key.hex() not in repr(FIXED)
    assert repr(FIXED) == "FileKey(<secret>)"
    with pytest.raises(ValueError, match="32 bytes"):
        FileKey(b"short")


# --- key files --------------------------------------------------------------------------------

def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_key_file_is_written_owner_only_and_holds_the_key_in_hex(tmp_path):
    path = tmp_path / "company.key"
    old_umask = os.umask(0)
    try:
        keys.write_key_file(path, FIXED)
    finally:
        os.umask(old_umask)
    assert _mode(path) == 0o600
    assert path.read_text(encoding="utf-8") == FIXED.key.hex() + "\n"
    assert keys.read_key_file(path).key == FIXED.key
    assert sorted(p.name for p in tmp_path.iterdir()) == ["company.key"]


def test_key_file_is_replaced_atomically(tmp_path):
    """An existing key file is replaced by a rename (new inode, 0600), never rewritten in place."""
    path = tmp_path / "company.key"
    path.write_text("previous content\n", encoding="utf-8")
    path.chmod(0o644)
    inode = path.stat().st_ino
    other = keys.new_key()
    keys.write_key_file(path, other)
    assert path.stat().st_ino != inode
    assert _mode(path) == 0o600
    assert keys.read_key_file(path).key == other.key
    assert sorted(p.name for p in tmp_path.iterdir()) == ["company.key"]


def test_key_file_write_failure_leaves_no_partial_file(tmp_path):
    target = tmp_path / "a-directory"
    target.mkdir()
    (target / "inside").write_text("x", encoding="utf-8")
    with pytest.raises(OSError):
        keys.write_key_file(target, FIXED)  # cannot replace a non-empty directory
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-directory"]
    assert (target / "inside").read_text(encoding="utf-8") == "x"


def test_read_key_file_accepts_hex_and_recovery_forms(tmp_path):
    forms = {
        "hex": FIXED.key.hex(),
        "HEX": FIXED.key.hex().upper() + "\r\n",
        "padded": "\n  " + FIXED.key.hex() + "  \n\n",
        "recovery": keys.recovery_key(FIXED) + "\n",
        "recovery-lower": keys.recovery_key(FIXED).lower(),
    }
    for name, text in forms.items():
        path = tmp_path / f"{name}.key"
        path.write_text(text, encoding="utf-8")
        assert keys.read_key_file(path).key == FIXED.key, name


def test_read_key_file_rejects_junk_naming_the_file(tmp_path):
    junk = {
        "empty.key": "",
        "words.key": "this is not a key\n",
        "short.key": FIXED.key.hex()[:-2],
        "long.key": FIXED.key.hex() + "00",
        "typo.key": next(_typos(keys.recovery_key(FIXED), range(2, 3))),
    }
    for name, text in junk.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        with pytest.raises(BadKeyFile) as err:
            keys.read_key_file(path)
        assert str(err.value) == f"key file {path} holds no key (64 hex digits expected)"


def test_read_key_file_missing_names_the_file(tmp_path):
    path = tmp_path / "nowhere.key"
    with pytest.raises(BadKeyFile) as err:
        keys.read_key_file(path)
    assert str(path) in str(err.value)
    assert str(err.value).startswith("cannot read key file")


# --- passphrases ------------------------------------------------------------------------------

def test_passphrase_key_is_deterministic_and_depends_on_the_salt():
    salt_a, salt_b = b"A" * 16, b"B" * 16
    first = keys.passphrase_key("correct horse battery staple", salt_a)
    again = keys.passphrase_key("correct horse battery staple", salt_a)
    other_salt = keys.passphrase_key("correct horse battery staple", salt_b)
    assert first.key == again.key
    assert first.salt == salt_a
    assert len(first.key) == 32
    assert other_salt.key != first.key


def test_passphrase_key_normalises_unicode_and_refuses_empty():
    salt = b"S" * 16
    composed = keys.passphrase_key("caf\u00e9 \u0645\u0641\u062a\u0627\u062d", salt)
    decomposed = keys.passphrase_key("cafe\u0301 \u0645\u0641\u062a\u0627\u062d", salt)
    assert composed.key == decomposed.key
    with pytest.raises(KeyProblem, match="empty"):
        keys.passphrase_key("", salt)


# --- the OS credential store (in memory here) -------------------------------------------------

def test_new_company_key_goes_to_the_keyring_under_the_file_salt(tmp_path, memory_keyring):
    path = tmp_path / "kr.daftar"
    books, recovery = _create(path)
    books.close()
    salt = keys.read_salt(path)
    assert list(memory_keyring.secrets) == [(KEYRING_SERVICE, f"company:{salt.hex()}")]
    stored = memory_keyring.secrets[(KEYRING_SERVICE, f"company:{salt.hex()}")]
    assert stored == keys.parse_recovery_key(recovery).key.hex()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kr.daftar"], "no key file anywhere"
    with open_company(path) as again:
        assert again.company.name == "Keys SARL"
        assert again.db.key.key.hex() == stored


def test_keyring_key_follows_a_renamed_or_moved_file(tmp_path, memory_keyring):
    path = tmp_path / "before.daftar"
    _create(path)[0].close()
    renamed = tmp_path / "after rename.daftar"
    path.rename(renamed)
    with open_company(renamed) as books:
        assert books.company.name == "Keys SARL"
    elsewhere = tmp_path / "other" / "dir"
    elsewhere.mkdir(parents=True)
    moved = elsewhere / "moved.daftar"
    shutil.move(renamed, moved)
    with open_company(moved) as books:
        assert books.company.name == "Keys SARL"
    assert len(memory_keyring.secrets) == 1


def test_keyring_without_the_key_says_how_to_open(tmp_path, memory_keyring):
    path = tmp_path / "kr.daftar"
    _create(path)[0].close()
    memory_keyring.secrets.clear()
    with pytest.raises(KeyProblem) as err:
        open_company(path)
    message = str(err.value)
    assert str(path) in message
    assert "--recovery-key" in message and "--key-file" in message


def test_keyring_holding_a_wrong_key_is_wrong_key(tmp_path, memory_keyring):
    path = tmp_path / "kr.daftar"
    _create(path)[0].close()
    (entry,) = memory_keyring.secrets
    memory_keyring.secrets[entry] = keys.new_key().key.hex()
    with pytest.raises(WrongKey, match="credential store does not open"):
        open_company(path)


def test_two_companies_keep_their_own_keys(tmp_path, memory_keyring):
    first, second = tmp_path / "one.daftar", tmp_path / "two.daftar"
    _create(first)[0].close()
    _create(second)[0].close()
    assert len(memory_keyring.secrets) == 2
    assert keys.read_salt(first) != keys.read_salt(second)
    for path in (first, second):
        with open_company(path) as books:
            assert books.path == path


def test_without_a_credential_store_nothing_is_created(tmp_path, no_keyring, monkeypatch):
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(private_tmp))
    monkeypatch.setattr("tempfile.tempdir", str(private_tmp))
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    path = work / "nocred.daftar"
    with pytest.raises(NoCredentialStore) as err:
        _create(path)
    message = str(err.value)
    assert "--key-file" in message and "--passphrase" in message
    assert not path.exists()
    assert list(work.iterdir()) == []
    assert list(private_tmp.iterdir()) == []
    assert not keys.keyring_available()


def test_failed_creation_leaves_no_key_in_the_keyring(tmp_path, memory_keyring):
    with pytest.raises(Exception):  # noqa: B017 - which error is the subject of another test
        _create(tmp_path / "missing" / "kr.daftar")
    assert memory_keyring.secrets == {}


def test_rekeying_from_the_credential_store_to_a_passphrase_leaves_no_key_there(
        tmp_path, memory_keyring):
    books, _ = _create(tmp_path / "p.daftar")
    rekey(books, KeySource(), new_passphrase="correct horse battery staple")
    books.close()
    assert memory_keyring.secrets == {}
    with open_company(tmp_path / "p.daftar",
                      KeySource(passphrase="correct horse battery staple")) as reopened:
        assert reopened.company.name == "Keys SARL"
