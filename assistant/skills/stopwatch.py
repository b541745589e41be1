"""A stopwatch: "start a stopwatch", "how long has it been", "stop the stopwatch".

One per household, its start kept in the database's ``meta`` table (so it survives a restart
of the service, as timers do). Reached through the timer skill: HWU64 has no stopwatch intent
and the model read "start a stopwatch" as play_audiobook.
"""

from __future__ import annotations

import re

from ..types import Reply
from .base import SkillContext
from .spoken import say_duration, tokens

STARTED_KEY = "skills.stopwatch_started"
"""Unix seconds (of ``ctx.clock``) when the running stopwatch started; "" when none runs."""

_WATCH = r"(?:stop|stock) ?watch"  # tiny.en's "start a stock watch"
_START = re.compile(rf"\b(?:start|begin|run|set|turn on)(?: up)?(?: a| the| my| new)? {_WATCH}\b|"
                    rf"^{_WATCH}(?: start| on)?$")
_STOP = re.compile(rf"\b(?:stop|end|pause|halt|turn off|finish)(?: the| my)? {_WATCH}\b")
_RESET = re.compile(rf"\b(?:cancel|reset|clear|delete|restart)(?: the| my)? {_WATCH}\b")
_READ = re.compile(rf"\b(?:how (?:long|much time)|what(?:'s| is)(?: the)? time)\b.*\b(?:{_WATCH}|been|"
                   r"passed|gone by|elapsed|so far)\b|^(?:how long|how much time)(?: now| so far)?$")


def _started(ctx: SkillContext) -> float | None:
    raw = ctx.db.get_meta(STARTED_KEY) or ""
    return float(raw) if re.fullmatch(r"\d+(?:\.\d+)?", raw) else None


def asks_stopwatch(text: str, ctx: SkillContext) -> bool:
    """A stopwatch command, or "how long has it been?" while one runs."""
    low = " ".join(tokens(text))
    if _START.search(low) or _STOP.search(low) or _RESET.search(low):
        return True
    return bool(_READ.search(low)) and _started(ctx) is not None  # the database last: every command asks


def stopwatch_reply(text: str, ctx: SkillContext) -> Reply | None:
    """The stopwatch's answer to ``text``, or None when ``text`` is not about it."""
    if not asks_stopwatch(text, ctx):
        return None
    low = " ".join(tokens(text))
    now, started = ctx.clock(), _started(ctx)
    elapsed = say_duration(max(1.0, now - started)) if started is not None else ""
    if _RESET.search(low):
        ctx.db.set_meta(STARTED_KEY, "")
        if "restart" in low.split():
            ctx.db.set_meta(STARTED_KEY, f"{now:.3f}")
            return Reply("Stopwatch restarted.", "stopwatch", (("state", "running"),))
        return Reply("Stopwatch cleared.", "stopwatch", (("state", "stopped"),))
    if _START.search(low):
        if started is not None:
            return Reply(f"The stopwatch is already running: {elapsed} so far.", "stopwatch",
                         (("state", "running"),))
        ctx.db.set_meta(STARTED_KEY, f"{now:.3f}")
        return Reply("Stopwatch started.", "stopwatch", (("state", "running"),))
    if started is None:
        return Reply("No stopwatch is running. Say: start a stopwatch.", "say")
    if _STOP.search(low):
        ctx.db.set_meta(STARTED_KEY, "")
        return Reply(f"Stopped at {elapsed}.", "stopwatch", (("state", "stopped"),
                                                            ("seconds", f"{now - started:.0f}")))
    return Reply(f"{elapsed[0].upper()}{elapsed[1:]} so far.", "say",
                 (("seconds", f"{now - started:.0f}"),))


__all__ = ["STARTED_KEY", "asks_stopwatch", "stopwatch_reply"]
