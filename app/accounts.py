"""Sign-in for the web companion: a user name and a passphrase, kept only as a salted scrypt hash
(a memory-hard key-derivation function from the standard library), in SQLite beside the data."""
from __future__ import annotations

import hashlib
import hmac
import os
import sqlite3
from pathlib import Path

from app.settings import Settings

# scrypt cost: 2^14 x 8 x 1 = 16 MiB and ~50 ms per check here, the usual interactive setting.
SCRYPT = {"n": 2 ** 14, "r": 8, "p": 1}
MIN_PASSPHRASE = 8
MAX_NAME = 64


class SignInError(ValueError):
    """A refused sign-in; the message says why, plainly."""


def _hash(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(passphrase.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32,
                          maxmem=64 * 1024 * 1024)


class Accounts:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(str(path), check_same_thread=False)
        with self.conn:
            self.conn.execute("CREATE TABLE IF NOT EXISTS accounts (user TEXT PRIMARY KEY, "
                              "salt BLOB NOT NULL, hash BLOB NOT NULL, n INTEGER NOT NULL, "
                              "r INTEGER NOT NULL, p INTEGER NOT NULL)")

    @classmethod
    def open(cls, s: Settings) -> "Accounts":
        return cls(Path(s.data_dir) / "accounts.sqlite")

    def exists(self, user: str) -> bool:
        return self.conn.execute("SELECT 1 FROM accounts WHERE user = ?", (user,)).fetchone() \
            is not None

    def sign_in(self, user: str, passphrase: str) -> bool:
        """Checks the passphrase of `user`, or creates the account if the name is new.
        Returns True when it created one; raises SignInError when refused."""
        user = user.strip()
        if not user:
            raise SignInError("a user name is needed")
        if len(user) > MAX_NAME or any(ord(c) < 32 for c in user):
            raise SignInError(f"a user name has at most {MAX_NAME} printable characters")
        row = self.conn.execute("SELECT salt, hash, n, r, p FROM accounts WHERE user = ?",
                                (user,)).fetchone()
        if row is not None:
            salt, stored, n, r, p = row
            if not hmac.compare_digest(_hash(passphrase, salt, n, r, p), stored):
                raise SignInError("wrong passphrase")
            return False
        if len(passphrase) < MIN_PASSPHRASE:
            raise SignInError(f"a new passphrase needs at least {MIN_PASSPHRASE} characters")
        salt = os.urandom(16)
        with self.conn:
            self.conn.execute("INSERT INTO accounts VALUES (?, ?, ?, ?, ?, ?)",
                              (user, salt, _hash(passphrase, salt, **SCRYPT), SCRYPT["n"],
                               SCRYPT["r"], SCRYPT["p"]))
        return True

    def delete(self, user: str) -> None:
        with self.conn:
            self.conn.execute("DELETE FROM accounts WHERE user = ?", (user,))
