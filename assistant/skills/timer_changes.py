"""Changes to a running timer: pause or resume it (or all of them), start it again from its
full time, rename it. Called by :class:`.timers.TimerSkill`."""

from __future__ import annotations

import re

from ..types import Reply, Understanding
from .base import SkillContext
from .reminders import REMIND_PREFIX
from .spoken import iso_time, say_count, say_duration
from .timer_words import SLEEP, named_in, own


def pause_timers(what: str, u: Understanding, ctx: SkillContext) -> Reply | None:
    """"Pause the timer" / "resume the timer" (the one named, else the soonest; "pause all
    timers": every one); None when there is no paused timer to resume ("start the timer" then
    sets one)."""
    now = ctx.clock()
    items = own(ctx, "timer") if what == "pause" else ctx.timers.paused()
    if not items and what == "resume" and re.search(r"\b(?:restart|reset|again)\b",
                                                    u.text.lower()):
        return restart_timer(u, ctx)  # "restart the timer": its whole time again
    if not items:
        return Reply("You have no timers running.", "say") if what == "pause" else None
    if len(items) > 1 and re.search(r"\b(?:all|every|both|timers)\b", u.text.lower()) \
            and not named_in(items, u.text):  # "pause all timers" paused one
        for t in items:
            ctx.timers.pause(t.id, now) if what == "pause" else ctx.timers.resume(t.id, now)
        many = "both timers" if len(items) == 2 else f"all {say_count(len(items), 'timer')}"
        return Reply(f"{'Paused' if what == 'pause' else 'Resumed'} {many}.", f"timer_{what}",
                     (("ids", ",".join(str(t.id) for t in items)),))
    t = (named_in(items, u.text) or items)[0]
    t = ctx.timers.pause(t.id, now) if what == "pause" else ctx.timers.resume(t.id, now)
    name = f"{t.label} " if t.label and not t.label.startswith(REMIND_PREFIX) else ""
    left = say_duration(max(1.0, t.remaining(now)))
    text = (f"Paused your {name}timer with {left} left." if what == "pause"
            else f"Resumed your {name}timer. {left.capitalize()} to go.")
    return Reply(text, f"timer_{what}", (("id", str(t.id)), ("left_s", f"{t.remaining(now):.0f}")))

def restart_timer(u: Understanding, ctx: SkillContext) -> Reply | None:
    """"Restart the timer": the one named, else the last set, from its full time again."""
    now = ctx.clock()
    recent = [t for t in (own(ctx, "timer") + ctx.timers.recent("timer")) if t.duration_s
              and t.label != SLEEP and not t.label.startswith(REMIND_PREFIX)]
    if not recent:
        return None
    t = (named_in(recent, u.text) or recent)[0]
    if t.state == "pending":
        ctx.timers.cancel(t.id)
    new = ctx.timers.add_timer(t.duration_s, now, t.label)
    name = f"{t.label} " if t.label else ""
    return Reply(f"Restarted your {name}timer: {say_duration(t.duration_s)}.", "timer_set",
                 (("id", str(new.id)), ("seconds", f"{t.duration_s:g}"),
                  ("due_at", iso_time(new.due_at))))

def rename_timer(m: re.Match, ctx: SkillContext) -> Reply:
    """"Rename the pasta timer to noodles", "call the pasta timer noodles"."""
    items = own(ctx, "timer") + ctx.timers.paused()
    t = next((x for x in items if x.label == m["old"]), None)
    if t is None:
        return Reply(f"You don't have a {m['old']} timer.", "say")
    ctx.timers.relabel(t.id, m["new"])
    return Reply(f"Okay, it's your {m['new']} timer now.", "timer_change",
                 (("id", str(t.id)), ("label", m["new"])))

# ------------------------------------------------------------------ move
