"""Sign-in for the web companion: a display name and a passphrase, kept only as a salted scrypt
hash (a memory-hard key-derivation function from the standard library), in SQLite beside the
data.

An account's memory, threads and profile are keyed by its id, a random string made at sign-up,
never by its name: a new account starts empty even when memory exists under the same name (written
by the command line, an import or another agent), and bringing such memory in is an explicit
import by the signed-in user. Wrong passphrases are throttled per name and per client."""
from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import sqlite3
import threading
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.settings import Settings

# scrypt cost: 2^14 x 8 x 1 = 16 MiB and ~50 ms per check here, the usual interactive setting.
SCRYPT = {"n": 2 ** 14, "r": 8, "p": 1}
MIN_PASSPHRASE = 8
MAX_NAME = 64
FREE_FAILURES = 3  # wrong passphrases allowed before the delay starts
MAX_DELAY = 900.0  # seconds: the delay doubles per failure up to this


class SignInError(ValueError):
    """A refused sign-in; the message says why, plainly."""


class SignInThrottled(SignInError):
    """Too many wrong passphrases for this name or from this client: try again later."""

    def __init__(self, wait: float) -> None:
        super().__init__(f"too many wrong passphrases: try again in {max(1, round(wait))} s")
        self.wait = wait


@dataclass(frozen=True)
class Account:
    id: str  # the key of the account's memory and threads
    name: str  # what the companion calls the user
    created: bool = False  # made by this sign-in


def name_key(name: str) -> str:
    """Names that look alike are one name: "Emily", "emily" and "Ｅｍｉｌｙ" cannot be two accounts."""
    return unicodedata.normalize("NFKC", name).casefold()


def delay(failures: int) -> float:
    """Seconds a name or client must wait after `failures` wrong passphrases in a row."""
    return 0.0 if failures <= FREE_FAILURES else min(2.0 ** (failures - FREE_FAILURES), MAX_DELAY)


def _hash(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(passphrase.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32,
                          maxmem=64 * 1024 * 1024)


class Accounts:
    """The account book. Safe to share between threads (Streamlit runs each session in its
    own): every statement runs under one lock."""

    def __init__(self, path: Path, clock: Callable[[], float] = time.time) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(str(path), check_same_thread=False)
        self.clock = clock
        self._lock = threading.Lock()
        with self._lock, self.conn:
            self.conn.execute("PRAGMA secure_delete = ON")  # a deleted account leaves no bytes
            columns = [r[1] for r in self.conn.execute("PRAGMA table_info(accounts)")]
            if columns and "id" not in columns:  # before ids: the name was the memory's key
                self.conn.execute("ALTER TABLE accounts RENAME TO accounts_by_name")
            self.conn.execute("CREATE TABLE IF NOT EXISTS accounts (id TEXT PRIMARY KEY, "
                              "name TEXT NOT NULL, name_key TEXT NOT NULL UNIQUE, "
                              "salt BLOB NOT NULL, hash BLOB NOT NULL, n INTEGER NOT NULL, "
                              "r INTEGER NOT NULL, p INTEGER NOT NULL)")
            if columns and "id" not in columns:
                for user, *rest in self.conn.execute("SELECT * FROM accounts_by_name").fetchall():
                    self.conn.execute("INSERT OR IGNORE INTO accounts VALUES (?, ?, ?, ?, ?, ?, "
                                      "?, ?)", (user, user, name_key(user), *rest))
                self.conn.execute("DROP TABLE accounts_by_name")
            self.conn.execute("CREATE TABLE IF NOT EXISTS failures (key TEXT PRIMARY KEY, "
                              "count INTEGER NOT NULL, until REAL NOT NULL)")

    @classmethod
    def open(cls, s: Settings) -> "Accounts":
        return cls(Path(s.data_dir) / "accounts.sqlite")

    def _row(self, column: str, value: str) -> tuple | None:
        with self._lock:
            return self.conn.execute(f"SELECT id, name, salt, hash, n, r, p FROM accounts "
                                     f"WHERE {column} = ?", (value,)).fetchone()

    def get(self, account_id: str) -> Account | None:
        """The account with this id, if it still exists (a deleted one signs its sessions out)."""
        row = self._row("id", account_id)
        return None if row is None else Account(row[0], row[1])

    def exists(self, name: str) -> bool:
        return self._row("name_key", name_key(name.strip())) is not None

    # -- throttling -------------------------------------------------------------------------
    def _keys(self, name: str, client: str | None) -> list[str]:
        return [f"name:{name_key(name)}"] + ([f"client:{client}"] if client else [])

    def _check_throttle(self, keys: list[str]) -> None:
        now = self.clock()
        with self._lock:
            waits = [until - now for (until,) in self.conn.execute(
                f"SELECT until FROM failures WHERE key IN ({','.join('?' * len(keys))})", keys)]
        if waits and max(waits) > 0:
            raise SignInThrottled(max(waits))

    def _failed(self, keys: list[str]) -> None:
        now = self.clock()
        with self._lock, self.conn:
            for key in keys:
                row = self.conn.execute("SELECT count FROM failures WHERE key = ?",
                                        (key,)).fetchone()
                count = (row[0] if row else 0) + 1
                self.conn.execute("INSERT OR REPLACE INTO failures VALUES (?, ?, ?)",
                                  (key, count, now + delay(count)))

    def _succeeded(self, name: str) -> None:
        with self._lock, self.conn:
            self.conn.execute("DELETE FROM failures WHERE key = ?", (f"name:{name_key(name)}",))

    # -- signing in ---------------------------------------------------------------------------
    def sign_in(self, name: str, passphrase: str, client: str | None = None) -> Account:
        """Checks the passphrase of the account called `name`, or creates the account if the
        name is new (`Account.created`). `client` (an address) is throttled as well as the
        name. Raises SignInError (SignInThrottled while a delay runs) when refused."""
        name = name.strip()
        if not name:
            raise SignInError("a user name is needed")
        if len(name) > MAX_NAME or any(ord(c) < 32 for c in name):
            raise SignInError(f"a user name has at most {MAX_NAME} printable characters")
        keys = self._keys(name, client)
        self._check_throttle(keys)
        row = self._row("name_key", name_key(name))
        if row is None:
            if len(passphrase) < MIN_PASSPHRASE:
                raise SignInError(f"a new passphrase needs at least {MIN_PASSPHRASE} characters")
            account = self._create(name, passphrase)
            if account is not None:
                return account
            row = self._row("name_key", name_key(name))  # made meanwhile by another sign-up
            if row is None:
                raise SignInError("the account was deleted meanwhile: try again")
        account_id, stored_name, salt, stored, n, r, p = row
        if not hmac.compare_digest(_hash(passphrase, salt, n, r, p), stored):
            self._failed(keys)
            raise SignInError("wrong passphrase")
        self._succeeded(name)
        return Account(account_id, stored_name)

    def _create(self, name: str, passphrase: str) -> Account | None:
        """A new account, or None when another sign-up took the name first."""
        salt, account_id = os.urandom(16), "acct-" + secrets.token_hex(10)
        digest = _hash(passphrase, salt, **SCRYPT)
        try:
            with self._lock, self.conn:
                self.conn.execute("INSERT INTO accounts VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                  (account_id, name, name_key(name), salt, digest, SCRYPT["n"],
                                   SCRYPT["r"], SCRYPT["p"]))
        except sqlite3.IntegrityError:
            return None
        return Account(account_id, name, created=True)

    def delete(self, account_id: str) -> bool:
        """Removes the account; its sessions are signed out at their next step. True if it
        existed."""
        with self._lock, self.conn:
            return self.conn.execute("DELETE FROM accounts WHERE id = ?",
                                     (account_id,)).rowcount > 0
