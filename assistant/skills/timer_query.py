"""alarm_query: "what timers do I have", "how long is left on the pasta", "what time is my
alarm tomorrow", "how much sleep will I get", "what was that?" while something rings. Called by
:class:`.timers.TimerSkill`, which also uses the ways of saying timers and alarms here."""

from __future__ import annotations

import datetime as dt
import re

from ..types import Reply, Understanding
from .agenda import parse_days, say_day
from .base import SkillContext
from .reminders import REMIND_PREFIX, asks_reminders, list_reminders, reminders
from .spoken import iso_time, say_clock, say_count, say_duration, say_list, say_repeat, say_time, tokens
from .timer_words import (PLAIN_ALARMS, SLEEP, asks_music_stop, asks_sleep_left, asks_time_left,
                          asks_what_rings, mentions_timer, music_of, named_in, names_running_timer,
                          own, ring_words)


def say_timers(timers: list, now: float) -> str:
    """"Your rice timer has 10 minutes left.", "You have 2 timers: the rice timer with 9 minutes
    left and one with 3 minutes left." (the first three, soonest first)."""
    left = [say_duration(max(1.0, t.remaining(now))) for t in timers[:3]]
    if len(timers) == 1:
        name = f"{timers[0].label} " if timers[0].label and timers[0].label != SLEEP else ""
        return f"Your {name}timer has {left[0]} left."  # "Your cake timer has ..."
    each = [f"{f'the {t.label} timer' if t.label else 'one'} with {x} left"
            for t, x in zip(timers, left)]
    return f"You have {say_count(len(timers), 'timer')}: {say_list(each)}."


def _also_reminders(ctx: SkillContext) -> str:
    n = len(reminders(ctx))
    return f" You also have {say_count(n, 'reminder')}." if n else ""


def say_alarm(a, now: float) -> str:
    """"7 AM tomorrow"; a repeating one by its days: "6:30 AM every weekday"."""
    if not a.repeat:
        return say_clock(a.due_at, now)
    return f"{say_time(dt.datetime.fromtimestamp(a.due_at).time())} {say_repeat(a.repeat)}"


_SET_FOR = re.compile(r"\b(?:how long|what|how many minutes) (?:did|was|were) (?:i|you|we|it|the timer|my "
                      r"timer)\b.*\bset\b|\bhow long was (?:it|the timer|my timer|that) (?:set )?for\b|"
                      r"\bhow (?:\w+ )?did (?:i|we) set (?:it|the timer|my timer|that)(?: \w+)? for\b")
"""The while a timer was set for, not what it has left."""


_BEDTIME = re.compile(r"\bbed ?time\b(?! (?:story|stories|music|songs?))|\btime (?:for|to go to) bed\b")


def asks_bedtime(text: str) -> bool:
    """"How long until bedtime", "is it bedtime yet", "what time is bedtime"."""
    return bool(_BEDTIME.search(text.lower())) and not re.match(
        r"(?:please )?(?:set|make|add|remind|create|change|move|cancel|delete)\b", text.lower())


def _bedtime(text: str, ctx: SkillContext, now: float) -> Reply:
    """Bedtime from an alarm, timer or reminder about bed; said honestly when there is none."""
    about = [t for t in ctx.timers.pending() if re.search(r"\bbed", t.label)]
    if not about:
        return Reply("I don't know when bedtime is. Set an alarm for it: say, set an alarm for "
                     "eight PM called bedtime.", "say", (("bedtime", ""),))
    t = about[0]
    no = "No, b" if re.match(r"(?:so )?is it\b", " ".join(tokens(text))) else "B"
    return Reply(f"{no}edtime is at {say_clock(t.due_at, now)}, in "
                 f"{say_duration(max(60.0, round((t.due_at - now) / 60) * 60))}.", "say",
                 (("bedtime", iso_time(t.due_at)),))


_NO_ALARM = re.compile(r"^(?:i|we) (?:don't|do not|dont|won't|will not) need (?:an?|my|the|any|our) alarms? "
                       r"(?:tomorrow|today|tonight|on \w+)$|^no alarms? (?:tomorrow|on \w+)(?: please)?$")
_DAY_OFF = re.compile(r"^(?:i|we)(?:'m| am|'re| are| have| got|'ve got)? (?:the day off|a day off|off work|"
                      r"off|not working|a lie in|going to sleep in|sleeping in|want to sleep in)"
                      r" (?:tomorrow|today|on \w+)$|^(?:i|we) (?:can|get to) sleep in (?:tomorrow|on \w+)$|"
                      r"^no (?:work|school) (?:tomorrow|on \w+)$")


def no_alarm_needed(text: str) -> bool:
    """"I don't need an alarm tomorrow" (the model: alarm_set, which asked the time)."""
    return bool(_NO_ALARM.match(" ".join(tokens(text))))


def says_day_off(text: str) -> bool:
    """"I have the day off tomorrow", "we're sleeping in on Saturday", "no school tomorrow"."""
    return bool(_DAY_OFF.match(" ".join(tokens(text))))


def day_off(u: Understanding, ctx: SkillContext) -> Reply:
    """A day off said: the alarms of that day are offered to be skipped (yes skips them, as
    "no alarm tomorrow" does); nothing is changed unasked."""
    now = ctx.clock()
    today = dt.date.fromtimestamp(now)
    day = (parse_days(u.text, today) or (today + dt.timedelta(days=1),))[0]
    when = say_day(day, today)
    hits = [a for a in own(ctx, "alarm") if dt.date.fromtimestamp(a.due_at) == day]
    if not hits:
        return Reply(f"Enjoy it! You have no alarm {when}.", "say", (("alarms", "0"), ("about", "day off")))
    times = say_list([say_time(dt.datetime.fromtimestamp(a.due_at).time()) for a in hits])
    return Reply(f"Enjoy it! Should I skip your {times} alarm{'s' if len(hits) > 1 else ''} {when}?",
                 "confirm_first", (("confirm", f"no alarms {when.removeprefix('on ')}"), ("confirm_intent", "alarm_remove"),
                  ("about", "day off")))


def query_timers(u: Understanding, ctx: SkillContext) -> Reply:
    """alarm_query: what rings, the timers (by name, time left, when they go off), the alarms
    (a day's, how long until the next, how much sleep), the reminders."""
    now = ctx.clock()
    if says_day_off(u.text):  # "I have the day off tomorrow" (read out the calendar)
        return day_off(u, ctx)
    ringing = ctx.timers.ringing()
    if ringing and asks_what_rings(u.text):  # "what was that?" while it rings
        t = ringing[0]
        said = ring_words(t.kind, t.label) or f"That was your {t.kind}."
        return Reply(said, "say", (("ringing", str(len(ringing))),))
    if _BEDTIME.search(u.text.lower()):  # "how long until bedtime" ("didn't catch that")
        return _bedtime(u.text, ctx, now)
    if asks_reminders(u.text) or re.search(r"\breminders? list\b|\blist of reminders\b", u.text.lower()):
        return list_reminders(u, ctx)
    if asks_music_stop(u.text, ctx):
        t = next((t for t in own(ctx, "timer") if t.label == SLEEP), None)
        if t is None:  # "what time does the music stop" said "This is <the song>."
            return Reply("There's no sleep timer, so the music plays on. Say: stop the music "
                         "in thirty minutes.", "say", (("timers", "0"),))
        when = (f"at {say_clock(t.due_at, now)}" if "what time" in u.text.lower()
                else f"in {say_duration(max(1.0, t.remaining(now)))}")
        return Reply(f"The music stops {when}.", "say", (("timers", "1"),))
    timers = own(ctx, "timer")
    set_for = bool(_SET_FOR.search(u.text.lower())) and "alarm" not in u.text.lower()
    done = ctx.timers.recent("timer", 1) if set_for and not timers else []
    if done and done[0].duration_s:  # asked after it rang
        name = f"{done[0].label} " if done[0].label and not done[0].label.startswith(REMIND_PREFIX) else ""
        return Reply(f"Your {name}timer was set for {say_duration(done[0].duration_s)}. It has rung.",
                     "say", (("timers", "0"),))
    if timers and set_for:
        t = (named_in(timers, u.text) or timers)[0]  # "how long did I set it for"
        return Reply(f"You set it for {say_duration(t.duration_s or 0.0)}. It has "
                     f"{say_duration(max(1.0, t.remaining(now)))} left.", "say", (("timers", str(len(timers))),))
    if mentions_timer(u.text) or asks_time_left(u.text, ctx) or names_running_timer(u.text, ctx):
        held = ctx.timers.paused()
        if held and not timers:
            name = f"{held[0].label} " if held[0].label else ""
            return Reply(f"Your {name}timer is paused with "
                         f"{say_duration(max(1.0, held[0].remaining(now)))} left.", "say",
                         (("timers", str(len(held))),))
        if not timers:
            return Reply("You have no timers running.", "say", (("timers", "0"),))
        named = named_in(timers, u.text)
        if re.search(r"\bwhat time\b|\bwhen (?:will|does|is)\b", u.text.lower()):
            t = (named or timers)[0]  # "what time will my timer go off": a time of day
            name = f"{t.label} " if t.label and t.label != SLEEP else "next " if len(timers) > 1 else ""
            return Reply(f"Your {name}timer goes off at {say_clock(t.due_at, now)}, in "
                         f"{say_duration(max(1.0, t.remaining(now)))}.", "say",
                         (("timers", str(len(timers))),))
        if named:  # "how long is left on the pasta timer"
            left = say_duration(max(1.0, named[0].remaining(now)))
            return Reply(f"Your {named[0].label} timer has {left} left.", "say", (("timers", "1"),))
        if len(timers) > 3:
            left = say_duration(max(1.0, timers[0].remaining(now)))
            return Reply(f"You have {say_count(len(timers), 'timer')}. The next one has {left} "
                         "left.", "say", (("timers", str(len(timers))),))
        text = say_timers(timers, now)
        if len(timers) == 1 and "how many" in u.text.lower():
            text = "You have one" + text[len("Your"):].replace(" has ", ", with ", 1)
        elif len(timers) == 1 and re.match(r"(?:so )?is (?:the|my) (?:\w+ )?timer (?:done|finished|"
                                           r"up|over)\b", u.text.lower()):  # "is the timer done"
            text = f"No, {text[0].lower()}{text[1:]}"
        return Reply(text, "say", (("timers", str(len(timers))),))
    alarms = own(ctx, "alarm")
    if not alarms and asks_sleep_left(u.text):
        return Reply("You have no alarm set, so sleep as long as you like.", "say", (("alarms", "0"),))
    if not alarms:
        text = "You have no alarms set."
        if timers:
            text += f" You have {say_count(len(timers), 'timer')} running."
        return Reply(text + _also_reminders(ctx), "say", (("alarms", "0"),))
    today = dt.date.fromtimestamp(now)
    days = parse_days(u.text, today)
    if days is not None:  # "what time is my alarm tomorrow": that day's alarms only
        span = [days[0] + dt.timedelta(days=i) for i in range(min(7, (days[1] - days[0]).days + 1))]
        that_day = [a for a in alarms if days[0] <= dt.date.fromtimestamp(a.due_at) <= days[1] or (
            a.repeat and any(str(d.weekday()) in a.repeat and d >= dt.date.fromtimestamp(a.due_at)
                             for d in span))]  # a weekday alarm rings on Friday too
        if not that_day:
            when = ("today" if days == (today, today) else "tomorrow"
                    if days[0] == days[1] == today + dt.timedelta(days=1)
                    else f"on {days[0]:%A}" if days[0] == days[1] else "then")
            return Reply(f"You have no alarm {when}. The next one is at "
                         f"{say_clock(alarms[0].due_at, now)}.", "say", (("alarms", "0"),))
        alarms = that_day
    if asks_sleep_left(u.text):  # "how much sleep will I get" (the model: unsure)
        nxt = alarms[0]
        left = say_duration(max(60.0, round((nxt.due_at - now) / 60) * 60))
        return Reply(f"If you go to sleep now, you'll get {left} before your alarm at "
                     f"{say_clock(nxt.due_at, now)}.", "say", (("alarms", str(len(alarms))),))
    if re.search(r"\bhow (?:long|much time)\b|\bwhen (?:does|will|is)\b", u.text.lower()):
        nxt = alarms[0]  # "how long until my alarm goes off"
        return Reply(f"Your {'next ' if len(alarms) > 1 else ''}alarm goes off in "
                     f"{say_duration(max(60.0, round((nxt.due_at - now) / 60) * 60))}, at "
                     f"{say_clock(nxt.due_at, now)}.", "say", (("alarms", str(len(alarms))),))
    times = [say_alarm(a, now) + (
        f" with {music_of(a.label) or 'music'}" if music_of(a.label) is not None
        else f" for {a.label}" if a.label and a.label not in PLAIN_ALARMS
        and not a.label.startswith(REMIND_PREFIX) else "") for a in alarms[:3]]
    if len(alarms) == 1:
        text = (f"Your alarm is at {times[0]}." if days is not None
                else f"You have one alarm, at {times[0]}.")
    else:
        more = "" if len(alarms) <= 3 else f", and {len(alarms) - 3} more"
        text = (f"You have {say_count(len(alarms), 'alarm')}, at "
                f"{', '.join(times[:-1])} and {times[-1]}{more}.")
    if days is None:
        text += _also_reminders(ctx)
    if re.match(r"(?:so )?(?:is|are) (?:my|the|an|any) alarms? (?:set|on)\b|"
                r"(?:do|have) i (?:got |have )?an alarm\b", u.text.lower()):  # "is my alarm set"
        text = f"Yes. {text}"
    return Reply(text, "say", (("alarms", str(len(alarms))),))
