"""The household's calendar, kept on the device (table ``agenda``) so it survives a restart.

No account is synced: entries are what was said to the speaker ("add the dentist on Friday at
five"). An entry is a title, a local day and, when one was said, a local clock time; an entry
without a time lasts the whole day ("car payment on the twelfth").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .db import Database


@dataclass(frozen=True)
class Entry:
    """One calendar entry. day: local date; at: local clock time, or None for all day."""

    id: int
    title: str
    day: dt.date
    at: dt.time | None

    def sort_key(self) -> tuple:
        return (self.day, self.at is not None, self.at or dt.time(0), self.id)

    def starts(self) -> dt.datetime:
        """When it begins, local time (the start of the day for an all-day entry)."""
        return dt.datetime.combine(self.day, self.at or dt.time(0))


def _entry(row) -> Entry:
    at = dt.time.fromisoformat(row["at"]) if row["at"] else None
    return Entry(int(row["id"]), row["title"], dt.date.fromisoformat(row["day"]), at)


class Agenda:
    """The calendar store over one :class:`~assistant.db.Database`."""

    def __init__(self, db: Database):
        self.db = db

    def add(self, title: str, day: dt.date, at: dt.time | None, now: float) -> Entry:
        title = " ".join(title.lower().split())
        with self.db.transaction() as c:
            cur = c.execute("INSERT INTO agenda (title, day, at, created_at) VALUES (?, ?, ?, ?)",
                            (title, day.isoformat(), at.strftime("%H:%M") if at else None, now))
            return Entry(int(cur.lastrowid), title, day, at)

    def between(self, first: dt.date, last: dt.date) -> list[Entry]:
        """Entries on the days first..last (both included), in time order, all-day ones first."""
        rows = self.db.query("SELECT id, title, day, at FROM agenda WHERE day BETWEEN ? AND ?",
                             (first.isoformat(), last.isoformat()))
        return sorted((_entry(r) for r in rows), key=Entry.sort_key)

    def upcoming(self, now: dt.datetime, limit: int = 50) -> list[Entry]:
        """Entries not yet over at ``now``, soonest first: an all-day entry lasts until its day
        ends, one with a time is taken to last an hour (no end time is asked for)."""
        rows = self.db.query("SELECT id, title, day, at FROM agenda WHERE day >= ?",
                             (now.date().isoformat(),))
        out = [e for e in map(_entry, rows) if e.at is None or e.starts() >= now - dt.timedelta(hours=1)]
        return sorted(out, key=Entry.sort_key)[:limit]

    def due(self, now: dt.datetime, late: dt.timedelta = dt.timedelta(minutes=10)) -> list[Entry]:
        """Entries with a time that have started by ``now`` and were not yet told, at most
        ``late`` ago (after a night switched off, this morning's are not told at noon)."""
        rows = self.db.query("SELECT id, title, day, at FROM agenda WHERE day = ? AND at IS NOT "
                             "NULL AND told_at IS NULL", (now.date().isoformat(),))
        return sorted((e for e in map(_entry, rows) if now - late <= e.starts() <= now),
                      key=Entry.sort_key)

    def mark_told(self, entry_id: int, ts: float) -> None:
        with self.db.transaction() as c:
            c.execute("UPDATE agenda SET told_at = ? WHERE id = ?", (ts, entry_id))

    def move(self, entry_id: int, day: dt.date, at: dt.time | None) -> Entry | None:
        """Put one entry on another day or at another time ("move soccer to sunday"); it will
        be told at its new time."""
        with self.db.transaction() as c:
            c.execute("UPDATE agenda SET day = ?, at = ?, told_at = NULL WHERE id = ?",
                      (day.isoformat(), at.strftime("%H:%M") if at else None, entry_id))
        rows = self.db.query("SELECT id, title, day, at FROM agenda WHERE id = ?", (entry_id,))
        return _entry(rows[0]) if rows else None

    def remove(self, entry_id: int) -> bool:
        with self.db.transaction() as c:
            return c.execute("DELETE FROM agenda WHERE id = ?", (entry_id,)).rowcount > 0
