"""Free time on the household's calendar: "am I free tomorrow afternoon", "are we busy on Friday
at 3", "when's my next free day"; and one person's part of it: "what's on Sarah's calendar".
Called by :class:`.agenda.AgendaSkill`."""

from __future__ import annotations

import datetime as dt
import re

from ..agenda import Agenda
from ..types import Reply
from .agenda import SAY_MAX, parse_days, parse_time, say_day, say_entry
from .spoken import say_list, say_time, tokens

_NEXT_FREE = re.compile(r"\b(?:next|first) (?:free|empty|open) (?:day|evening|weekend)\b|\bwhen (?:am i|are we) "
                        r"(?:next )?free\b|\bnext day (?:i'm|i am|we're|we are) free\b")
FREE_LOOK_DAYS = 60
"""How far ahead "when's my next free day" looks."""


def free_reply(text: str, store: Agenda, now: dt.datetime) -> Reply | None:
    """Yes or no with what is on then, or the next free day, or one person's entries; None for
    any other question."""
    if _NEXT_FREE.search(" ".join(tokens(text))):
        return _next_free_day(store, now)
    owner = calendar_owner(text)
    if owner is not None:
        return _owners(owner, text, store, now)
    return _free_then(text, store, now)


_NOT_OWNERS = {"today", "tomorrow", "yesterday", "tonight", "week", "weekend", "month", "year", "day",
               "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "morning",
               "afternoon", "evening", "night", "everyone", "everybody", "family", "household", "next"}


def calendar_owner(text: str) -> str | None:
    """"sarah" for "what's on sarah's calendar" / "add football to jack's schedule"; None for
    "today's calendar" or no one's. There is one calendar for the household."""
    m = re.search(r"\b([a-z]+)'s (?:calendar|schedule|agenda|diary|planner)\b", " ".join(tokens(text)))
    return m[1] if m and m[1] not in _NOT_OWNERS else None


def _owners(owner: str, text: str, store: Agenda, now: dt.datetime) -> Reply:
    """The entries whose title names ``owner`` ("jack's football"), on the days asked about."""
    today = now.date()
    days = parse_days(text, today)
    pool = store.between(*days) if days is not None else store.upcoming(now)
    mine = [e for e in pool if owner in {re.sub(r"'s$", "", w) for w in e.title.split()}]
    one_day = days is not None and days[0] == days[1]
    who = owner.capitalize()
    if not mine:
        when = f" {say_day(days[0], today)}" if one_day else ""
        return Reply(f"There's nothing for {who} on the calendar{when}. I keep one calendar for the "
                     "whole household.", "calendar_read", (("entries", "0"),))
    said = [say_entry(e, today, with_day=not one_day) for e in mine[:SAY_MAX]]
    return Reply(f"For {who}: {say_list(said)}.", "calendar_read", (("entries", str(len(mine))),))


def _next_free_day(store: Agenda, now: dt.datetime) -> Reply:
    """"When's my next free day" (it looked for an entry called "when's"): the first day from
    today (tomorrow, from 6 PM) with nothing at a time of day on it (an all-day entry leaves the
    day free)."""
    today = now.date()
    for i in range(0 if now.hour < 18 else 1, FREE_LOOK_DAYS):  # late in the day, today is spent
        day = today + dt.timedelta(days=i)
        if not [e for e in store.between(day, day) if e.at is not None]:
            when = say_day(day, today)
            text = f"You're free {when}." if i < 2 else f"Your next free day is {when.removeprefix('on ')}."
            return Reply(text, "calendar_read", (("entries", "0"), ("day", day.isoformat())))
    return Reply(f"You have something on every day for the next {FREE_LOOK_DAYS} days.", "calendar_read",
                 (("entries", str(FREE_LOOK_DAYS)),))


def _free_then(text: str, store: Agenda, now: dt.datetime) -> Reply | None:
    """"Am I free tomorrow afternoon?", "are we free on Friday at 3?": yes, or what is on
    then (entries with a time; a day's all-day entries do not make it busy)."""
    low = " ".join(tokens(text))
    if not re.match(r"(?:so )?(?:am i|are we|are you|is (?:he|she|mom|dad)) (?:free|busy|"
                    r"available)\b", low):
        return None
    today = now.date()
    days = parse_days(low, today) or (today, today)
    at = parse_time(low)
    part = re.search(r"\b(morning|afternoon|evening|tonight|night)\b", low)
    start, end = dt.time(0, 0), dt.time(23, 59)
    if at is not None:  # "at 3": the hour around it
        start = (dt.datetime.combine(today, at) - dt.timedelta(minutes=59)).time()
        end = (dt.datetime.combine(today, at) + dt.timedelta(minutes=59)).time()
    elif part:
        start, end = {"morning": (dt.time(5), dt.time(11, 59)),
                      "afternoon": (dt.time(12), dt.time(16, 59)),
                      "evening": (dt.time(17), dt.time(23, 59)),
                      "tonight": (dt.time(17), dt.time(23, 59)),
                      "night": (dt.time(17), dt.time(23, 59))}[part[1]]
    busy = [e for e in store.between(*days) if e.at is not None and start <= e.at <= end]
    span = (say_day(days[0], today) if days[0] == days[1] else "then") + (
        f" {part[1]}" if part and part[1] != "tonight" else "") + (
        f" at {say_time(at)}" if at is not None else "")
    asks_busy = " busy" in f" {low}"
    if not busy:
        return Reply(f"{'No' if asks_busy else 'Yes'}, nothing's on your calendar {span.strip()}.",
                     "calendar_read", (("entries", "0"),))
    said = say_list([say_entry(e, today, with_day=days[0] != days[1]) for e in busy[:SAY_MAX]])
    return Reply(f"{'Yes' if asks_busy else 'No'}, you have {said}.", "calendar_read",
                 (("entries", str(len(busy))),))
