"""What the household said it has done ("I took my pills", "I fed the cat"), kept in the
database (table ``done``) so "did I take my pills today?" can be answered after a restart.

Nothing is inferred: a row is one thing a person told the speaker, with when they said it. The
verb is kept in its base form ("take"), the thing as said ("my pills").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .db import Database

KEEP_S = 400 * 86400.0
"""How long a note is kept: "when did I last clean the gutters" can reach back a year; older
notes are dropped as new ones come, so the table does not grow for the life of the device."""


@dataclass(frozen=True)
class Done:
    """One thing said done. verb: base form ("take"); what: as said ("my pills"); at: epoch s."""

    id: int
    verb: str
    what: str
    at: float


class DoneLog:
    """The store of things said done, over one :class:`~assistant.db.Database`."""

    def __init__(self, db: Database):
        self.db = db

    def add(self, verb: str, what: str, now: float) -> Done:
        what = " ".join(what.lower().split())
        with self.db.transaction() as c:
            c.execute("DELETE FROM done WHERE at < ?", (now - KEEP_S,))
            cur = c.execute("INSERT INTO done (verb, what, at) VALUES (?, ?, ?)", (verb, what, now))
            return Done(int(cur.lastrowid), verb, what, now)

    def of(self, verb: str) -> list[Done]:
        """Everything said done with ``verb``, latest first."""
        rows = self.db.query("SELECT id, verb, what, at FROM done WHERE verb = ? ORDER BY at DESC, id DESC",
                             (verb,))
        return [Done(int(r["id"]), r["verb"], r["what"], float(r["at"])) for r in rows]

    def since(self, first: dt.date) -> list[Done]:
        """Everything said done from the start of local day ``first`` on, oldest first."""
        start = dt.datetime.combine(first, dt.time(0)).timestamp()
        rows = self.db.query("SELECT id, verb, what, at FROM done WHERE at >= ? ORDER BY at, id", (start,))
        return [Done(int(r["id"]), r["verb"], r["what"], float(r["at"])) for r in rows]

    def remove(self, done_id: int) -> bool:
        with self.db.transaction() as c:
            return c.execute("DELETE FROM done WHERE id = ?", (done_id,)).rowcount > 0
