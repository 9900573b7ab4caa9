"""Sign-in for the web companion: a display name and a passphrase, kept only as a salted scrypt
hash (a memory-hard key-derivation function from the standard library), in SQLite beside the
data.

An account's memory, threads and profile are keyed by its id, a random string made at sign-up,
never by its name: a new account starts empty even when memory exists under the same name (written
by the command line, an import or another agent), and bringing such memory in is an explicit
import by the signed-in user. Wrong passphrases are throttled per name and per client.

A sign-in also opens a session: a random token the page keeps in its address, so that a reload
stays signed in. Only the token's SHA-256 is stored; it lapses after `SESSION_DAYS` unused, and
signing out or deleting the account ends it."""
from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import (Column, Float, Integer, LargeBinary, MetaData, String, Table, inspect,
                        select, text)
from sqlalchemy.exc import IntegrityError

from app.database import create_tables, engine_for
from app.settings import Settings

# scrypt cost: 2^14 x 8 x 1 = 16 MiB per check, the usual interactive setting.
SCRYPT = {"n": 2 ** 14, "r": 8, "p": 1}
MIN_PASSPHRASE = 8
MAX_NAME = 64
FREE_FAILURES = 3  # wrong passphrases allowed before the delay starts
MAX_DELAY = 900.0  # seconds: the delay doubles per failure up to this
SESSION_DAYS = 14  # a session not used for this long lapses


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
    """Names that look alike are one name: "Emily", "emily" and "Ｅｍｉｌｙ" are one account."""
    return unicodedata.normalize("NFKC", name).casefold()


def delay(failures: int) -> float:
    """Seconds a name or client must wait after `failures` wrong passphrases in a row."""
    return 0.0 if failures <= FREE_FAILURES else min(2.0 ** (failures - FREE_FAILURES), MAX_DELAY)


def _hash(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(passphrase.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32,
                          maxmem=64 * 1024 * 1024)


_meta = MetaData()
ACCOUNTS = Table("accounts", _meta,
                 Column("id", String, primary_key=True),
                 Column("name", String, nullable=False),
                 Column("name_key", String, nullable=False, unique=True),
                 Column("salt", LargeBinary, nullable=False),
                 Column("hash", LargeBinary, nullable=False),
                 Column("n", Integer, nullable=False),
                 Column("r", Integer, nullable=False),
                 Column("p", Integer, nullable=False))
FAILURES = Table("failures", _meta,  # wrong passphrases in a row, per name and per client
                 Column("key", String, primary_key=True),
                 Column("count", Integer, nullable=False),
                 Column("until", Float, nullable=False))
SESSIONS = Table("sessions", _meta,  # signed-in browsers: the token's hash, never the token
                 Column("digest", String, primary_key=True),
                 Column("account", String, nullable=False, index=True),
                 Column("until", Float, nullable=False))


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class Accounts:
    """The account book, on a SQLite file or a PostgreSQL URL (`app.database`). Safe to share
    between threads (Streamlit runs each session in its own) and between processes on one
    database: each call is its own transaction, and a name taken meanwhile is handled."""

    def __init__(self, target: str | Path, clock: Callable[[], float] = time.time) -> None:
        self.engine = engine_for(target)
        self.clock = clock
        with self.engine.begin() as db:  # before ids, the name was the memory's key
            columns = [c["name"] for c in inspect(db).get_columns("accounts")] \
                if inspect(db).has_table("accounts") else []
            if columns and "id" not in columns:
                db.execute(text("ALTER TABLE accounts RENAME TO accounts_by_name"))
                _meta.create_all(db)
                for user, salt, digest, n, r, p in db.execute(text(
                        "SELECT user, salt, hash, n, r, p FROM accounts_by_name")).all():
                    db.execute(ACCOUNTS.insert().values(
                        id=user, name=user, name_key=name_key(user), salt=salt, hash=digest,
                        n=n, r=r, p=p))
                db.execute(text("DROP TABLE accounts_by_name"))
        create_tables(self.engine, _meta)

    @classmethod
    def open(cls, s: Settings) -> "Accounts":
        return cls(s.database_url or Path(s.data_dir) / "accounts.sqlite")

    def _row(self, **where: str):
        (column, value), = where.items()
        with self.engine.connect() as db:
            return db.execute(select(ACCOUNTS).where(ACCOUNTS.c[column] == value)).first()

    def get(self, account_id: str) -> Account | None:
        """The account with this id, if it still exists (a deleted one signs its sessions out)."""
        row = self._row(id=account_id)
        return None if row is None else Account(row.id, row.name)

    def exists(self, name: str) -> bool:
        return self._row(name_key=name_key(name.strip())) is not None

    # -- throttling -------------------------------------------------------------------------
    def _keys(self, name: str, client: str | None) -> list[str]:
        return [f"name:{name_key(name)}"] + ([f"client:{client}"] if client else [])

    def _check_throttle(self, keys: list[str]) -> None:
        now = self.clock()
        with self.engine.connect() as db:
            waits = [until - now for until in db.scalars(
                select(FAILURES.c.until).where(FAILURES.c.key.in_(keys)))]
        if waits and max(waits) > 0:
            raise SignInThrottled(max(waits))

    def _failed(self, keys: list[str]) -> None:
        now = self.clock()
        for key in keys:
            with self.engine.begin() as db:
                count = (db.scalar(select(FAILURES.c.count).where(FAILURES.c.key == key))
                         or 0) + 1
                db.execute(FAILURES.delete().where(FAILURES.c.key == key))
                db.execute(FAILURES.insert().values(key=key, count=count,
                                                    until=now + delay(count)))

    def _succeeded(self, name: str) -> None:
        with self.engine.begin() as db:
            db.execute(FAILURES.delete().where(FAILURES.c.key == f"name:{name_key(name)}"))

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
        row = self._row(name_key=name_key(name))
        if row is None:
            if len(passphrase) < MIN_PASSPHRASE:
                raise SignInError(f"a new passphrase needs at least {MIN_PASSPHRASE} characters")
            account = self._create(name, passphrase)
            if account is not None:
                return account
            row = self._row(name_key=name_key(name))  # made meanwhile by another sign-up
            if row is None:
                raise SignInError("the account was deleted meanwhile: try again")
        if not hmac.compare_digest(_hash(passphrase, row.salt, row.n, row.r, row.p), row.hash):
            self._failed(keys)
            raise SignInError("wrong passphrase")
        self._succeeded(name)
        return Account(row.id, row.name)

    def _create(self, name: str, passphrase: str) -> Account | None:
        """A new account, or None when another sign-up took the name first."""
        salt, account_id = os.urandom(16), "acct-" + secrets.token_hex(10)
        digest = _hash(passphrase, salt, **SCRYPT)
        try:
            with self.engine.begin() as db:
                db.execute(ACCOUNTS.insert().values(
                    id=account_id, name=name, name_key=name_key(name), salt=salt, hash=digest,
                    **SCRYPT))
        except IntegrityError:
            return None
        return Account(account_id, name, created=True)

    def delete(self, account_id: str) -> bool:
        """Removes the account; its sessions are signed out at their next step. True if it
        existed."""
        with self.engine.begin() as db:
            db.execute(SESSIONS.delete().where(SESSIONS.c.account == account_id))
            return db.execute(ACCOUNTS.delete().where(ACCOUNTS.c.id == account_id)).rowcount > 0

    # -- sessions ------------------------------------------------------------------------------
    def open_session(self, account_id: str) -> str:
        """A new session of the account: the token to hand back with `resume`."""
        token = secrets.token_urlsafe(32)
        with self.engine.begin() as db:
            db.execute(SESSIONS.delete().where(SESSIONS.c.until < self.clock()))  # lapsed ones
            db.execute(SESSIONS.insert().values(digest=_digest(token), account=account_id,
                                                until=self.clock() + SESSION_DAYS * 86400))
        return token

    def resume(self, token: str) -> Account | None:
        """The account of a live session (which then lasts `SESSION_DAYS` from now), or None
        for a token unknown, lapsed, ended or of a deleted account."""
        now = self.clock()
        with self.engine.begin() as db:
            row = db.execute(select(SESSIONS).where(SESSIONS.c.digest == _digest(token))).first()
            if row is None or row.until < now:
                return None
            db.execute(SESSIONS.update().where(SESSIONS.c.digest == row.digest)
                       .values(until=now + SESSION_DAYS * 86400))
        return self.get(row.account)

    def end_session(self, token: str) -> None:
        with self.engine.begin() as db:
            db.execute(SESSIONS.delete().where(SESSIONS.c.digest == _digest(token)))
