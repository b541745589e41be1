"""The device's one SQLite database: library, play history, timers and alarms, lists.

Every piece of state that outlives a command lives here, behind :func:`open_db`. The file is
``assistant.paths.state_dir()/assistant.db``. It runs in WAL mode (a reader and a writer at once,
and a writer killed mid-transaction loses only that transaction), with foreign keys on and
``synchronous=NORMAL`` (durable across a process crash; a power cut may lose the last commit but
never corrupts the file).

Schema versions live in ``PRAGMA user_version``. To change the schema, append one SQL script to
:data:`MIGRATIONS`; the database is brought up to ``len(MIGRATIONS)`` on open, each step in its
own transaction together with the version bump. Never edit a migration that has shipped.

A file that is not a database, or that fails ``PRAGMA quick_check``, is moved aside
(``assistant.db.corrupt-<time>``) with a warning, and a fresh database is created in its place.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import Iterator

from .errors import DatabaseError

log = logging.getLogger(__name__)

DB_NAME = "assistant.db"
BUSY_TIMEOUT_MS = 5000

MIGRATIONS: list[str] = [
    # 1: library, play history, a key/value table for small settings
    """
    CREATE TABLE tracks (
        id          INTEGER PRIMARY KEY,
        path        TEXT NOT NULL UNIQUE,
        mtime       REAL NOT NULL,
        size        INTEGER NOT NULL,
        title       TEXT NOT NULL,
        artist      TEXT NOT NULL DEFAULT '',
        album       TEXT NOT NULL DEFAULT '',
        genre       TEXT NOT NULL DEFAULT '',
        kind        TEXT NOT NULL DEFAULT 'music'
                    CHECK (kind IN ('music', 'podcast', 'audiobook', 'radio')),
        duration_s  REAL NOT NULL DEFAULT 0,
        added_at    REAL NOT NULL
    );
    CREATE INDEX tracks_artist ON tracks (artist COLLATE NOCASE);
    CREATE TABLE skipped_files (
        path   TEXT PRIMARY KEY,
        mtime  REAL NOT NULL,
        size   INTEGER NOT NULL,
        reason TEXT NOT NULL
    );
    CREATE TABLE history (
        id         INTEGER PRIMARY KEY,
        ts         REAL NOT NULL,
        event      TEXT NOT NULL
                   CHECK (event IN ('started', 'finished', 'skipped', 'liked', 'disliked')),
        source     TEXT NOT NULL DEFAULT 'voice'
                   CHECK (source IN ('voice', 'recommendation', 'follow-on', 'import')),
        track_id   INTEGER REFERENCES tracks (id) ON DELETE SET NULL,
        artist     TEXT NOT NULL DEFAULT '',
        title      TEXT NOT NULL DEFAULT '',
        fraction   REAL CHECK (fraction IS NULL OR (fraction >= 0 AND fraction <= 1)),
        ms_played  INTEGER
    );
    CREATE INDEX history_ts ON history (ts);
    CREATE INDEX history_track ON history (track_id);
    CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """,
    # 2: timers and alarms (assistant/timers.py); times are Unix seconds
    """
    CREATE TABLE timers (
        id          INTEGER PRIMARY KEY,
        kind        TEXT NOT NULL CHECK (kind IN ('timer', 'alarm')),
        due_at      REAL NOT NULL,
        duration_s  REAL,
        label       TEXT NOT NULL DEFAULT '',
        state       TEXT NOT NULL DEFAULT 'pending'
                    CHECK (state IN ('pending', 'ringing', 'done')),
        created_at  REAL NOT NULL,
        rang_at     REAL
    );
    CREATE INDEX timers_state_due ON timers (state, due_at);
    """,
    # 3: the household's lists (assistant/lists.py): "add milk to my shopping list"
    """
    CREATE TABLE lists (
        name        TEXT PRIMARY KEY,
        created_at  REAL NOT NULL
    );
    CREATE TABLE list_items (
        id          INTEGER PRIMARY KEY,
        list        TEXT NOT NULL REFERENCES lists (name) ON DELETE CASCADE,
        item        TEXT NOT NULL,
        added_at    REAL NOT NULL,
        UNIQUE (list, item)
    );
    """,
    # 4: the household's calendar (assistant/agenda.py): "add the dentist on friday at five"
    """
    CREATE TABLE agenda (
        id          INTEGER PRIMARY KEY,
        title       TEXT NOT NULL,
        day         TEXT NOT NULL,
        at          TEXT,
        created_at  REAL NOT NULL
    );
    CREATE INDEX agenda_day ON agenda (day, at);
    """,
    # 5: a timer can be paused ("pause the timer"): state 'paused', its seconds left in left_s.
    # SQLite cannot change a CHECK constraint in place, so the table is copied.
    """
    CREATE TABLE timers_v5 (
        id          INTEGER PRIMARY KEY,
        kind        TEXT NOT NULL CHECK (kind IN ('timer', 'alarm')),
        due_at      REAL NOT NULL,
        duration_s  REAL,
        label       TEXT NOT NULL DEFAULT '',
        state       TEXT NOT NULL DEFAULT 'pending'
                    CHECK (state IN ('pending', 'ringing', 'done', 'paused')),
        created_at  REAL NOT NULL,
        rang_at     REAL,
        left_s      REAL
    );
    INSERT INTO timers_v5 (id, kind, due_at, duration_s, label, state, created_at, rang_at)
        SELECT id, kind, due_at, duration_s, label, state, created_at, rang_at FROM timers;
    DROP TABLE timers;
    ALTER TABLE timers_v5 RENAME TO timers;
    CREATE INDEX timers_state_due ON timers (state, due_at);
    """,
    # 6: an alarm can repeat ("every weekday at seven"): the weekdays it rings on, as digits of
    # date.weekday() (Monday 0); '' rings once
    """
    ALTER TABLE timers ADD COLUMN repeat TEXT NOT NULL DEFAULT '';
    """,
    # 7: a calendar entry with a time is told when it starts ("Now on your calendar: lunch with
    # sam."): when it was told, so it is told once
    """
    ALTER TABLE agenda ADD COLUMN told_at REAL;
    """,
    # 8: what the household said it has done ("I took my pills"), for "did I take my pills today"
    """
    CREATE TABLE done (
        id    INTEGER PRIMARY KEY,
        verb  TEXT NOT NULL,
        what  TEXT NOT NULL,
        at    REAL NOT NULL
    );
    CREATE INDEX done_at ON done (at);
    """,
]
"""Schema migrations, in order; entry i brings user_version from i to i+1."""

SCHEMA_VERSION = len(MIGRATIONS)


def default_path() -> Path:
    from . import paths

    return paths.state_dir() / DB_NAME


class Database:
    """One connection to the database (use one per thread; see :func:`open_db`).

    ``conn`` is a plain ``sqlite3.Connection`` in autocommit mode; group writes with
    :meth:`transaction` so they land all together or not at all.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path):
        self.conn = conn
        self.path = path
        self._lock = threading.RLock()
        self._depth = 0

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` ... ``COMMIT`` (``ROLLBACK`` on any exception). Nests (inner = no-op)."""
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self.conn
                finally:
                    self._depth -= 1
                return
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise DatabaseError(f"{self.path}: cannot start a write ({exc})") from None
            self._depth = 1
            try:
                yield self.conn
            except BaseException:
                self._depth = 0
                with contextlib.suppress(sqlite3.Error):
                    self.conn.execute("ROLLBACK")
                raise
            self._depth = 0
            try:
                self.conn.execute("COMMIT")
            except sqlite3.Error as exc:
                with contextlib.suppress(sqlite3.Error):
                    self.conn.execute("ROLLBACK")
                raise DatabaseError(f"{self.path}: write failed ({exc})") from None

    def execute(self, sql: str, params=()) -> sqlite3.Cursor:
        try:
            return self.conn.execute(sql, params)
        except sqlite3.Error as exc:
            raise DatabaseError(f"{self.path}: {exc}") from None

    def query(self, sql: str, params=()) -> list[sqlite3.Row]:
        return self.execute(sql, params).fetchall()

    @property
    def version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as c:
            c.execute("INSERT INTO meta (key, value) VALUES (?, ?) "
                      "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                           check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        log.warning("%s: WAL mode unavailable (journal_mode=%s)", path, mode)
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    ok = conn.execute("PRAGMA quick_check").fetchone()[0]
    if ok != "ok":
        conn.close()
        raise sqlite3.DatabaseError(f"quick_check: {ok}")
    return conn


def _move_aside(path: Path, why: str) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while aside.exists():
        aside = path.with_name(f"{path.name}.corrupt-{stamp}.{n}")
        n += 1
    os.replace(path, aside)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            os.replace(side, aside.with_name(aside.name + suffix))
    log.warning("%s: database unreadable (%s); moved aside to %s and started a fresh one",
                path, why, aside.name)
    return aside


def migrate(conn: sqlite3.Connection, path: Path | str = "database",
            migrations: list[str] | None = None) -> int:
    """Apply the pending migrations; returns the new version. Each step is atomic."""
    migrations = MIGRATIONS if migrations is None else migrations
    current = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if current > len(migrations):
        raise DatabaseError(f"{path}: schema version {current} is newer than this program "
                            f"knows ({len(migrations)}); upgrade the assistant")
    for version in range(current, len(migrations)):
        try:
            conn.execute("BEGIN IMMEDIATE")
            # re-read inside the write lock: another process may have migrated meanwhile
            if int(conn.execute("PRAGMA user_version").fetchone()[0]) != version:
                conn.execute("ROLLBACK")
                continue
            for statement in _statements(migrations[version]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise DatabaseError(f"{path}: migration to version {version + 1} failed ({exc})") from None
        log.info("%s: schema migrated to version %d", path, version + 1)
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (executescript would commit on its own)."""
    out, buf = [], ""
    for piece in script.split(";"):
        buf += piece + ";"
        if sqlite3.complete_statement(buf):
            if buf.strip(" \t\r\n;"):
                out.append(buf.strip())
            buf = ""
    if buf.strip(" \t\r\n;"):
        out.append(buf.strip())
    return out


def open_db(path: str | Path | None = None, migrations: list[str] | None = None) -> Database:
    """Open (creating, migrating or, when corrupt, replacing) the database at ``path``.

    ``path`` defaults to ``state_dir()/assistant.db``; ``":memory:"`` works for throwaway use.
    """
    p = Path(path) if path is not None else default_path()
    if str(p) != ":memory:":
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(f"{p.parent}: cannot create the state directory ({exc})") from None
    try:
        conn = _connect(p)
    except sqlite3.OperationalError as exc:
        # locked by another process, permission denied, disk full or I/O error: the file may be
        # perfectly good, so it is never moved aside for these (OperationalError is a subclass
        # of DatabaseError, hence this clause first)
        raise DatabaseError(f"{p}: cannot open database ({exc})") from None
    except sqlite3.DatabaseError as exc:  # "file is not a database", malformed image, ...
        if str(p) == ":memory:" or not p.exists():
            raise DatabaseError(f"{p}: cannot open database ({exc})") from None
        _move_aside(p, str(exc))
        try:
            conn = _connect(p)
        except sqlite3.Error as exc2:
            raise DatabaseError(f"{p}: cannot create database ({exc2})") from None
    except sqlite3.Error as exc:
        raise DatabaseError(f"{p}: cannot open database ({exc})") from None
    try:
        migrate(conn, p, migrations)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise DatabaseError(f"{p}: {exc}") from None
    return Database(conn, p)


def integrity_check(db: Database) -> str:
    """``PRAGMA integrity_check`` → "ok" or the first problem found."""
    return str(db.conn.execute("PRAGMA integrity_check").fetchone()[0])
