"""Timers and alarms, durable in the database (table ``timers``) so they survive a restart.

A timer counts down a duration ("a timer for ten minutes"); an alarm goes off at a clock time
("wake me up at seven am"). Both are rows with a due time in Unix seconds and a state::

    pending --(due(now) once now >= due_at)--> ringing --(dismiss_ringing())--> done

An alarm with ``repeat`` days ("every weekday") leaves, when it falls due, a new pending row for
its next day at the same local clock time, so dismissing or cancelling one ring never ends the
series early, and cancelling the pending row ends it.

The loop drives time: it calls :meth:`Timers.due` with its clock (the wall clock on a device, the
position in the recording with ``--input``) and rings a tone while :meth:`Timers.ringing` is not
empty, until "stop" dismisses them. A timer or alarm that fell due more than
:data:`MISSED_AFTER_S` ago (the speaker was off) is not rung late; it is marked done and
reported by :meth:`Timers.missed` once. One that was ringing when the speaker stopped is
pending again after a restart, so the next :meth:`Timers.due` rings it again.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import asdict, dataclass

from .db import Database
from .errors import UsageError

KINDS = ("timer", "alarm")
STATES = ("pending", "ringing", "done")
MISSED_AFTER_S = 3600.0
"""A timer or alarm found this long past its time (the device was off) is not rung late."""
MAX_DURATION_S = 7 * 86400.0


@dataclass(frozen=True)
class Timer:
    """One timer or alarm. ``due_at``/``created_at``/``rang_at`` in Unix seconds;
    ``duration_s`` the countdown length (timers only)."""

    id: int
    kind: str
    due_at: float
    duration_s: float | None
    label: str
    state: str
    created_at: float
    rang_at: float | None = None
    left_s: float | None = None
    """Seconds it had left when paused (state 'paused')."""
    repeat: str = ""
    """The weekdays a repeating alarm rings on, digits of ``date.weekday()``; '' rings once."""

    def remaining(self, now: float) -> float:
        """Seconds until it rings (0 when due); a paused timer's seconds left."""
        if self.state == "paused":
            return max(0.0, self.left_s or 0.0)
        return max(0.0, self.due_at - now)

    def to_json(self) -> dict:
        return asdict(self)


def _row(r) -> Timer:
    return Timer(r["id"], r["kind"], r["due_at"], r["duration_s"], r["label"], r["state"],
                 r["created_at"], r["rang_at"], r["left_s"], r["repeat"])


def next_on_days(after: float, days: str) -> float:
    """The first time after ``after`` at its local clock time on one of ``days`` (digits of
    ``date.weekday()``); computed on the local calendar, so it keeps its hour across DST."""
    t = dt.datetime.fromtimestamp(after)
    for k in range(1, 8):
        cand = t + dt.timedelta(days=k)
        if str(cand.weekday()) in days:
            return dt.datetime.combine(cand.date(), t.time()).timestamp()
    raise UsageError(f"no weekday in {days!r}")


class Timers:
    """The timer and alarm store over one :class:`~assistant.db.Database`."""

    def __init__(self, db: Database):
        self.db = db
        self._missed: list[Timer] = []
        # one that was ringing when the speaker stopped rings again (via due) after the restart
        with db.transaction() as c:
            c.execute("UPDATE timers SET state = 'pending' WHERE state = 'ringing'")

    # -- creating
    def add_timer(self, seconds: float, now: float | None = None, label: str = "") -> Timer:
        """A countdown of ``seconds`` from ``now``."""
        if not 0 < seconds <= MAX_DURATION_S:
            raise UsageError(f"a timer must last between 1 second and 7 days, not {seconds:g} s")
        now = time.time() if now is None else now
        return self._add("timer", now + seconds, seconds, label, now)

    def add_alarm(self, at: float, now: float | None = None, label: str = "",
                  repeat: str = "") -> Timer:
        """An alarm at Unix time ``at`` (which must be after ``now``); ``repeat``: the weekdays
        it rings on from then on (digits of ``date.weekday()``), '' for once."""
        now = time.time() if now is None else now
        if at <= now:
            raise UsageError("an alarm must be in the future")
        if repeat and not (set(repeat) <= set("0123456")):
            raise UsageError(f"repeat days are digits 0 (Monday) to 6 (Sunday), not {repeat!r}")
        return self._add("alarm", at, None, label, now, "".join(sorted(set(repeat))))

    def _add(self, kind: str, due_at: float, duration: float | None, label: str,
             now: float, repeat: str = "") -> Timer:
        with self.db.transaction() as c:
            cur = c.execute("INSERT INTO timers (kind, due_at, duration_s, label, state, "
                            "created_at, repeat) VALUES (?, ?, ?, ?, 'pending', ?, ?)",
                            (kind, float(due_at), duration, label, float(now), repeat))
            tid = int(cur.lastrowid)
        return self.get(tid)

    # -- reading
    def get(self, timer_id: int) -> Timer | None:
        rows = self.db.query("SELECT * FROM timers WHERE id = ?", (timer_id,))
        return _row(rows[0]) if rows else None

    def pending(self, kind: str | None = None) -> list[Timer]:
        """Pending timers/alarms (of one kind), soonest first."""
        return self._state("pending", kind)

    def ringing(self) -> list[Timer]:
        return self._state("ringing", None)

    def finish(self, timer_id: int) -> None:
        """Mark one done without ringing (a sleep timer has stopped the music)."""
        with self.db.transaction() as c:
            c.execute("UPDATE timers SET state = 'done' WHERE id = ?", (timer_id,))

    def latest(self, label_prefix: str) -> Timer | None:
        """The one made last whose label starts with ``label_prefix``, in any state."""
        rows = self.db.query("SELECT * FROM timers WHERE substr(label, 1, ?) = ? "
                             "ORDER BY created_at DESC, id DESC LIMIT 1",
                             (len(label_prefix), label_prefix))
        return _row(rows[0]) if rows else None

    def recent(self, kind: str, limit: int = 5) -> list[Timer]:
        """The last ``limit`` of ``kind`` that are done (rung, dismissed or cancelled), newest first."""
        rows = self.db.query("SELECT * FROM timers WHERE kind = ? AND state = 'done' "
                             "ORDER BY created_at DESC, id DESC LIMIT ?", (kind, int(limit)))
        return [_row(r) for r in rows]

    def paused(self) -> list[Timer]:
        return self._state("paused", "timer")

    def pause(self, timer_id: int, now: float) -> Timer | None:
        """Stop one pending timer's countdown, keeping its seconds left; the timer after."""
        with self.db.transaction() as c:
            c.execute("UPDATE timers SET state = 'paused', left_s = MAX(0, due_at - ?) "
                      "WHERE id = ? AND state = 'pending' AND kind = 'timer'", (float(now), timer_id))
        return self.get(timer_id)

    def resume(self, timer_id: int, now: float) -> Timer | None:
        """Start a paused timer's countdown again from the seconds it had left."""
        with self.db.transaction() as c:
            c.execute("UPDATE timers SET state = 'pending', due_at = ? + left_s, left_s = NULL "
                      "WHERE id = ? AND state = 'paused'", (float(now), timer_id))
        return self.get(timer_id)

    def _state(self, state: str, kind: str | None) -> list[Timer]:
        sql, params = "SELECT * FROM timers WHERE state = ?", [state]
        if kind is not None:
            if kind not in KINDS:
                raise UsageError(f"unknown timer kind {kind!r}; one of {', '.join(KINDS)}")
            sql += " AND kind = ?"
            params.append(kind)
        return [_row(r) for r in self.db.query(sql + " ORDER BY due_at, id", params)]

    def next_due(self) -> float | None:
        """When the soonest pending one rings (Unix seconds), or None."""
        r = self.db.query("SELECT MIN(due_at) FROM timers WHERE state = 'pending'")
        return r[0][0] if r and r[0][0] is not None else None

    # -- the loop's side
    def due(self, now: float) -> list[Timer]:
        """Move every pending timer/alarm whose time has come to ``ringing``; returns those that
        started ringing now (soonest first). Ones overdue by more than :data:`MISSED_AFTER_S`
        are marked done instead (see :meth:`missed`)."""
        with self.db.transaction() as c:
            rows = c.execute("SELECT * FROM timers WHERE state = 'pending' AND due_at <= ? "
                             "ORDER BY due_at, id", (float(now),)).fetchall()
            out = []
            for r in rows:
                late = now - r["due_at"] > MISSED_AFTER_S
                c.execute("UPDATE timers SET state = ?, rang_at = ? WHERE id = ?",
                          ("done" if late else "ringing", float(now), r["id"]))
                t = _row(r)
                if t.repeat:  # the series goes on from its next day, even if this one was missed
                    nxt = next_on_days(t.due_at, t.repeat)
                    while nxt <= now:
                        nxt = next_on_days(nxt, t.repeat)
                    c.execute("INSERT INTO timers (kind, due_at, duration_s, label, state, "
                              "created_at, repeat) VALUES ('alarm', ?, NULL, ?, 'pending', ?, ?)",
                              (nxt, t.label, float(now), t.repeat))
                if late:
                    self._missed.append(t)
                else:
                    out.append(Timer(t.id, t.kind, t.due_at, t.duration_s, t.label, "ringing",
                                     t.created_at, float(now), repeat=t.repeat))
        return out

    def missed(self) -> list[Timer]:
        """Those found long overdue by :meth:`due` since the last call (each reported once)."""
        out, self._missed = self._missed, []
        return out

    def dismiss_ringing(self) -> int:
        """Silence everything ringing (state → done); returns how many were."""
        with self.db.transaction() as c:
            return c.execute("UPDATE timers SET state = 'done' WHERE state = 'ringing'").rowcount

    # -- removing
    def cancel(self, timer_id: int) -> bool:
        """Delete one pending (or paused) timer/alarm; True when there was one."""
        with self.db.transaction() as c:
            return c.execute("DELETE FROM timers WHERE id = ? AND state IN ('pending', 'paused')",
                             (timer_id,)).rowcount > 0

    def extend(self, timer_id: int, seconds: float) -> Timer | None:
        """Push one pending timer's end ``seconds`` later ("add five minutes"); the timer after."""
        with self.db.transaction() as c:
            c.execute("UPDATE timers SET due_at = due_at + ?, duration_s = duration_s + ? "
                      "WHERE id = ? AND state = 'pending'", (seconds, seconds, timer_id))
        return self.get(timer_id)

    def relabel(self, timer_id: int, label: str) -> Timer | None:
        """Name one pending timer or alarm ("it's for the pasta")."""
        with self.db.transaction() as c:
            c.execute("UPDATE timers SET label = ? WHERE id = ? AND state IN ('pending', 'paused')",
                      (label, timer_id))
        return self.get(timer_id)

    def move(self, timer_id: int, due_at: float) -> Timer | None:
        """Make one pending alarm ring at ``due_at`` instead ("change my alarm to seven")."""
        with self.db.transaction() as c:
            c.execute("UPDATE timers SET due_at = ? WHERE id = ? AND state = 'pending'",
                      (due_at, timer_id))
        return self.get(timer_id)

    def prune(self, older_than_s: float = 30 * 86400.0, now: float | None = None) -> int:
        """Delete finished rows older than ``older_than_s`` (keeps the table small)."""
        cutoff = (time.time() if now is None else now) - older_than_s
        with self.db.transaction() as c:
            return c.execute("DELETE FROM timers WHERE state = 'done' AND due_at < ?",
                             (cutoff,)).rowcount
