"""Reminders: "remind me in ten minutes to check the oven", "remind me at five to call mom"
(a timer or an alarm whose label says what it is for, :data:`REMIND_PREFIX`), "remind me to buy
milk" (asks when), "what reminders do I have", "cancel my reminder". HWU64 files them all as
calendar intents; the timer skill serves them with these functions, and falls back to the
calendar's entries for "reminders" kept there ("remind me that I have the dentist on friday").
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from ..timers import MAX_DURATION_S, next_on_days
from ..types import Reply, Understanding
from .agenda import DAY_OFFSET, AgendaSkill, parse_days, say_day, when_spans
from .base import SkillContext
from .list_words import same_item
from .spoken import (EXCEPT, iso_time, next_occurrence, parse_clock, parse_duration, passed_today, repeat_days,
                     say_clock, say_count, say_duration, say_list, say_repeat, say_time, to_you, tokens)

REMIND_PREFIX = "remind: "
"""A timer or alarm label starting with this is a reminder: the loop says the rest as it rings."""
_WHEN = re.compile(r"\b(?:in|after|at|for)\s+(?:\S+\s+){0,3}?(?:seconds?|minutes?|mins?|hours?|days?|weeks?|"
                   r"months?|years?|"
                   r"o'?clock|am|pm|a\.m\.|p\.m\.)(?:\s+and\s+(?:\S+\s+){0,2}?(?:seconds?|minutes?))?"
                   r"|\b(?:at|by)\s+\d{1,2}(?::\d\d)?\b|\b(?:at|by)\s+(?:noon|midnight)\b"
                   r"|\b(?:at|by)\s+(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
                   r"(?:\s+(?:o'?clock|fifteen|thirty|forty five|forty|twenty|ten))?\b"
                   # a clock time said without "at": Whisper writes "grandma at 5pm" as "grandmart 5pm"
                   r"|\b(?:(?:at|by)\s+)?\d{1,2}(?::\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)"
                   r"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
                   r"(?:\s+(?:fifteen|thirty|forty five|forty|twenty|ten))?\s+(?:o'? ?clock|am|pm)\b")


_SET_REMINDER = re.compile(r"^(?:(?:please|can you|could you|will you|would you|i need to|i want to|i'd like to|"
                           r"help me|you need to)\s+)*(?:(?:set|create|add|make|put in|schedule|give me|set up|open up|"
                           r"write)(?: me)? (?:a |an |one )?(?:new )?reminder\b(?: for me\b)?|i (?:need|want|would like) "
                           r"(?:a |an )?reminder(?: set)?\b|i (?:want|need) to (?:get|be) reminded\b|tell me\b(?= to ))",
                           re.IGNORECASE)


_FOR_SOMEONE = re.compile(r"^(?P<lead>.*?\b)remind (?P<who>(?:my|our) [a-z]+|the (?:kids|children|boys|girls)|"
                          r"every ?one|every ?body|them|him|her|(?!me\b|us\b|myself\b|you\b|it\b|this\b|that\b|"
                          r"again\b|to\b|about\b|at\b|in\b|on\b|every\b|tomorrow\b|tonight\b|later\b|when\b|"
                          r"of\b|what\b|whoever\b)[a-z]+) (?P<when>(?:.*? )??)(?P<how>to|about|that) (?P<what>.+)$",
                          re.IGNORECASE)


def as_remind_me(text: str) -> str:
    """"Set a reminder for friday at noon to call the bank" → "remind me for friday at noon to
    call the bank": one form for the rules that read reminders (the entry was "reminder").
    Someone else's: "remind tom at five to do his homework" → "remind me at five to tell tom to
    do his homework" (the speaker reminds whoever is in the room; it was a calendar entry)."""
    text = re.sub(r"\bremind us\b|(?<!\bthat )(?<!\bit )(?<!\bthis )\bremind(?:s|ed) me\b(?= to\b)", "remind me",
                  _SET_REMINDER.sub("remind me", text.strip(), count=1))  # "on every tuesday reminds me to" (tiny.en)
    text = re.sub(r"^(?:please )?(?:don't|do not|dont) let me forget\b", "remind me", text, flags=re.I)
    # "set up a reminder i need to remember to ask about work", "i need a reminder set for signing up"
    text = re.sub(r"\bremind me,? (?:that )?(?:i|we) (?:need|have|got|must) to (?:remember to )?", "remind me to ", text,
                  flags=re.I)
    text = re.sub(r"\bremind me for (?=\w+ing\b|(?:the|my|our) (?!morning|afternoon|evening|night|weekend|week|"
                  r"day|next|end|\d|first|second|third|fourth|fifth|last|following)\w)", "remind me about ", text, flags=re.I)
    m = _FOR_SOMEONE.match(text)
    if m is None:
        return text
    return f"{m['lead']}remind me {m['when']}to tell {m['who']} {m['how']} {m['what']}"


def is_reminder(text: str) -> bool:
    return bool(re.search(r"\bremind me\b", text.lower()))


_WHEN_I_GET = re.compile(r"\b(?:when|as soon as|once|after|before) (?:i|we) (?:get|arrive|leave|come|reach|go|"
                         r"am|'m|walk|drive) (?:home|back|in|out|to|there|here|at|from|the)\b|\b(?:the )?next time "
                         r"(?:i|we) (?:see|meet|talk to|speak to|visit|call|go|get) (?:\w+(?: \w+)??)(?= to |$)")
""""Remind me when I get home to call mom": a place or a moment the speaker cannot know of."""


_WHEN_SHOPPING = re.compile(r"^(?:please )?remind me (?:to |that i need to |i need to )?(?:buy|get|pick up|grab) (?P<what>.+?) "
                            r"(?:when|next time|the next time|whenever) (?:i|we) (?:go|am|'m|are|get to|go to) "
                            r"(?:shopping|to the (?:store|shop|shops|supermarket|grocery store|grocer's))$")


def shopping_reminder(u: Understanding, ctx: SkillContext) -> Reply | None:
    """"Remind me to buy milk when I go shopping": the speaker cannot know when that is, but the
    shopping list is what such a reminder is for, so milk goes on it (and it is said so)."""
    from ..lists import Lists
    from .list_words import split_items

    m = _WHEN_SHOPPING.match(" ".join(tokens(u.text)))
    if m is None:
        return None
    items = split_items(m["what"])
    added = Lists(ctx.db).add("shopping", items, ctx.clock())  # "undo that" takes them off again
    return Reply(f"I can't tell when you go shopping, so I put {say_list(items)} on your shopping list.",
                 "list_add", (("list", "shopping"), ("added", ", ".join(added))))


def place_reminder(u: Understanding) -> Reply | None:
    """The honest answer to a reminder for when something happens ("when I get home"), with
    the question for a time instead; None for any other command."""
    low = " ".join(tokens(u.text))
    m = _WHEN_I_GET.search(low)
    if not (re.search(r"\bremind me\b", low) and m):
        return None
    end = m.end()
    if m.group(0).endswith((" to", " at", " from", " the")):  # "when I get to the office"
        place = re.match(r" (?:the |my |work|school|office)?[a-z]*", low[end:])
        end += place.end() if place else 0
    rest = f"{low[:m.start()]} {low[end:]}"
    what = re.sub(r"^\s*remind me\s*(?:to\s+)?", "", " ".join(rest.split())).strip() or "that"
    return Reply("Sorry, I can't tell where you are, only what time it is. When should I remind "
                 "you?", "clarify",
                 (("need", "time"), ("then", f"remind me {{}} to {what}")))


def asks_when_to_remind(text: str, ctx: SkillContext) -> bool:
    """"Remind me to buy milk": a reminder with no time and no day, so the speaker asks when
    (a day makes it a calendar entry: "remind me to call mom on friday")."""
    low = " ".join(tokens(text))
    if re.search(r"\bremind me\b", low) and REPEAT_WORDS.search(low) and parse_clock(low) is None:
        return True  # "remind me every monday to put the bins out": at what time?
    return bool(re.search(r"\bremind me (?:to|about(?!.*\b(?:birthday|anniversary)))\b", low)) and parse_days(
        low, dt.date.fromtimestamp(ctx.clock())) is None


VAGUE_WHEN = re.compile(r"\b(?:in the (?:morning|afternoon|evening)|at (?:lunch ?time|dinner ?time|breakfast|"
                        r"lunch|dinner|bed ?time|night)|after (?:lunch|dinner|breakfast|work|school)|before "
                        r"(?:bed|bedtime|lunch|dinner|breakfast|work|school|i go to bed)|at the end of the day|"
                        r"when i (?:wake up|get up))\b")
"""A time of day said without a clock time ("after lunch"): the speaker asks what time."""


def asks_time_of_day(text: str) -> str | None:
    """"after lunch" for "remind me after lunch to take my medicine" (it asked "When is the
    after lunch to take my medicine?"); None for a reminder with a time, or no reminder."""
    low = " ".join(tokens(text))
    m = VAGUE_WHEN.search(low)
    if m is None or not re.search(r"\bremind me\b", low) or parse_clock(low) or parse_duration(low):
        return None
    return m[0]


_BEFORE_ENTRY = re.compile(r"\b(?P<kind>remind me|reminder|alarm|wake me(?: up)?)\b.*?\b(?P<d>(?:\S+ ){1,3}?"
                           r"(?:minutes?|mins?|hours?)|half an hour|an hour) (?:before|ahead of|prior to) "
                           r"(?:my|the|our) "
                           r"(?P<what>[a-z' ]+?)(?: starts| begins)?$")


def remind_before(u: Understanding, ctx: SkillContext) -> Reply | None:
    """"Remind me 10 minutes before my meeting", "set an alarm an hour before the dentist": a
    reminder (or alarm) that long before the calendar entry named; None for anything else (it
    answered when the meeting was and set nothing)."""
    from ..agenda import Agenda
    from .agenda import matching

    m = _BEFORE_ENTRY.search(" ".join(tokens(u.text)))
    seconds = parse_duration(m["d"]) if m else None
    if not seconds:
        return None
    now = ctx.clock()
    entries = [e for e in Agenda(ctx.db).upcoming(dt.datetime.fromtimestamp(now)) if e.at is not None]
    named = matching(entries, m["what"]) or [e for e in entries if m["what"] in ("meeting", "appointment",
                                                                                  "next appointment")]
    if not named:
        return Reply(f"I don't see your {m['what']} on the calendar with a time. Add it first, like: "
                     f"add {m['what']} tomorrow at nine.", "say", (("need", "entry"),))
    e = named[0]
    at = e.starts().timestamp() - seconds
    if at <= now:
        return Reply(f"{e.title[0].upper()}{e.title[1:]} starts in less than {say_duration(seconds)}.", "say")
    alarm = m["kind"] in ("alarm", "wake me", "wake me up")
    t = ctx.timers.add_alarm(at, now, e.title if alarm else f"{REMIND_PREFIX}{e.title}")
    head = "Alarm set for" if alarm else f"Okay, I'll remind you about {e.title} at"
    return Reply(f"{head} {say_clock(at, now)}, {say_duration(seconds)} before it.",
                 "alarm_set" if alarm else "reminder_set", (("id", str(t.id)), ("due_at", iso_time(at))))


def before_entry(text: str) -> bool:
    """Is ``text`` "remind me 10 minutes before my meeting" (see :func:`remind_before`)?"""
    return bool(_BEFORE_ENTRY.search(" ".join(tokens(text))))


_IN_DAYS = re.compile(r"\bin (?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|a couple of|"
                      r"a few|\d+) (?:days?|weeks?|months?|years?)\b")


def later_by_days(text: str, now: float | None = None) -> float | None:
    """"Remind me in two weeks to renew my passport" → 1209600 seconds ("a few days": three,
    "a month": 30 days); None when no such span is said."""
    from ..normalize import duration_seconds

    m = _IN_DAYS.search(" ".join(tokens(text)))
    if m is None:
        return None
    said = re.sub(r"a couple of", "two", re.sub(r"a few", "three", m[0]))
    said = re.sub(r"months?|years?", lambda w: "days", said)
    n = duration_seconds(said)
    if n and "year" in m[0] and now is not None:  # "in 5 years": the same day then (Feb 29: the 28th)
        t = dt.datetime.fromtimestamp(now)
        years = round(n / 86400)
        try:
            later = t.replace(year=t.year + years)
        except ValueError:  # February 29 in a year without one
            later = t.replace(year=t.year + years, day=28)
        return later.timestamp() - now
    return n * 30 if n and "month" in m[0] else n * 365 if n and "year" in m[0] else n


def asks_time_on_a_day(text: str, ctx: SkillContext) -> bool:
    """"Remind me to call mom on friday", "remind me tomorrow to call the plumber": an errand on
    a day with no time, so the speaker asks at what time (as a calendar entry of the whole day it
    was never told); "remind me about the dentist tomorrow" too. "Remind me that I have the
    dentist on friday" / "of mom's birthday on june 3rd" stay calendar entries: a day to keep,
    not a time to be told."""
    low = " ".join(tokens(text))
    return bool(re.search(r"\bremind me (?:[a-z0-9']+ ){0,4}?(?:to|about)\b", low)) and parse_clock(low) is None \
        and parse_duration(low) is None and parse_days(low, dt.date.fromtimestamp(ctx.clock())) is not None


_WHAT_WAS_I = re.compile(r"(?:so |and |um |sorry )?(?:can you |please )?(?:what (?:was|am) i (?:supposed|meant|going|meaning) to "
                         r"(?:do|remember)|(?:remind me )?(?:of )?what (?:did )?i (?:asked|ask|wanted|want|was trying|needed|"
                         r"need) (?:you )?to remember(?: again)?|what did i want to remember(?: again)?|"
                         r"what did you (?:just )?remind me (?:about|of|to do)|what was (?:the|that|my) (?:last )?"
                         r"reminder(?: about| for)?)$")
RUNG_S = 3 * 3600.0
"""How far back "what was I supposed to do" looks for a reminder that rang."""


def asks_reminders(text: str) -> str | None:
    """"alarm_query" for "what reminders do I have", "alarm_remove" for "cancel my reminder"
    (the model reads both as the calendar's), else None."""
    low = " ".join(tokens(text))
    if re.search(r"^(?:please )?(?:stop|quit|no more|don't keep) reminding (?:me|us)\b", low):
        return "alarm_remove"  # "stop reminding me to take my pills" looked for a calendar entry
    if _WHAT_WAS_I.match(low):  # "what was I supposed to do" looked on the calendar
        return "alarm_query"
    if re.match(r"(?:when|when's|what time)\b.*\b(?:my|the|a) reminders?\b", low) or re.search(
            r"\bremind me (?:of|about) (?:all )?(?:my|the|our) reminders\b", low):
        return "alarm_query"  # "when is my reminder to call the school" ("When is the when is ...?")
    if not re.search(r"\breminders?\b", low) or is_reminder(low):
        return None
    if re.search(r"\b(?:cancel|delete|remove|clear|forget|drop|stop|erase|get rid of)\b", low):
        return "alarm_remove"
    if re.search(r"^(?:(?:please|can you|could you|would you|will you|i want you to|i want to|i need you to|i need to) )*"
                 r"(?:what|which|any|do|did|are|is|how many|list|read|tell|show|check|repeat|go through|speak|say|iterate|"
                 r"hear)\b", low):
        return "alarm_query"
    return None


def about_words(what: str | None) -> str:
    """" to call mom", " about the laundry", or "" for a reminder of nothing said: what follows
    "I'll remind you"."""
    if not what:
        return ""
    return f" {what}" if what.startswith(("about ", "that ")) else f" to {what}"


def reminders(ctx: SkillContext) -> list:
    return [t for t in ctx.timers.pending() if t.label.startswith(REMIND_PREFIX)]


def say_reminder(t, now: float) -> str:
    """"call mom at 5 PM tomorrow", "check the oven in 9 minutes"."""
    what = t.label[len(REMIND_PREFIX):].strip() or "a reminder"
    when = (f"in {say_duration(max(1.0, t.remaining(now)))}" if t.kind == "timer"
            else f"at {say_time(dt.datetime.fromtimestamp(t.due_at).time())} {say_repeat(t.repeat)}"
            if t.repeat else f"at {say_clock(t.due_at, now)}")
    return f"{what} {when}"


_DAY_WORDS = {"today", "tomorrow", "tonight", "monday", "tuesday", "wednesday", "thursday", "friday",
              "saturday", "sunday", "weekend", "week", "th", "st", "nd", "rd", "january", "february",
              "march", "april", "june", "july", "august", "september", "october", "november",
              "december"}


def to_or_not(what: str) -> str:
    """"to " before "call mom", nothing before "about the dentist" or "that ...": the word that
    joins a reminder's subject to "remind me" ("remind me at 9 to about the dentist")."""
    return "" if what.startswith(("about ", "that ")) else "to "


def reminder_subject(text: str) -> str:
    """"remind me in ten minutes to check the oven" → "check the oven", "... about the laundry" →
    "about the laundry" ("" when nothing is said)."""
    low = re.sub(r"[^\w' :.]", " ", text.lower())
    low = re.sub(rf"{DAY_OFFSET.pattern}(?: [\w']+){{0,3}}?(?= to |$)", " ", low)  # "... before thanksgiving"
    m = re.search(r"\bremind me\b(.*)", low)
    rest = VAGUE_WHEN.sub(" ", _WHEN.sub(" ", m.group(1) if m else ""))  # "after lunch" is no errand
    rest = re.sub(r"\b(?:this|tomorrow) (?:morning|afternoon|evening|night)\b", " ", rest)
    toks = tokens(rest.replace(".", " "))
    for a, b in reversed(when_spans(toks)):  # the day ("on the 7th", "tomorrow") is no errand
        if any(t in _DAY_WORDS or re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)", t) for t in toks[a:b]):
            del toks[a:b]
    rest = re.sub(r"^(?:to|of)\s+", "", " ".join(toks))  # "about ..." and "that ..." keep their word
    # said back and when it rings in the listener's words: "take your pills", not "take my pills"
    return to_you(re.sub(r"\s+(?:please)$", "", rest).strip())


_ODD_REPEAT = re.compile(
    r"\b(?:every|each) (?:other|second|third|few|couple of|\d+|two|three|four|five|six|seven|eight|nine|"
    r"ten|twelve|fifteen|twenty|thirty|forty five|forty|half(?: an?)?|an?)?\s*(?:minutes?|mins?|hours?|days?|"
    r"weeks?|months?|years?|fortnight|other day|other week)\b|\b(?:hourly|monthly|yearly|annually|"
    r"fortnightly|bi-?weekly)\b")
"""A repeat that reminders (and alarms) do not keep: only days of the week repeat."""


def odd_repeat(text: str) -> str | None:
    """"every other day", "every 30 minutes", "monthly" said in ``text``, or None ("every day",
    "every monday" and "every week" are repeats a reminder keeps or are left to the day said)."""
    m = _ODD_REPEAT.search(" ".join(tokens(text)))
    if m is None or re.fullmatch(r"(?:every|each) (?:day|week)", m[0]):
        return None
    return m[0]


REPEAT_WORDS = re.compile(r"\b(?:every ?day|daily|each day|every (?:morning|night|evening|afternoon|"
                           r"week ?day|weekend|monday|tuesday|wednesday|thursday|friday|saturday|"
                           r"sunday)s?|on (?:week ?days|weekends|mondays|tuesdays|wednesdays|"
                           r"thursdays|fridays|saturdays|sundays))\b", re.IGNORECASE)


def remind(u: Understanding, ctx: SkillContext, seconds: float | None,
           clock: tuple[int, int, bool] | None) -> Reply:
    """"Remind me in ten minutes to check the oven": a timer (or, at a clock time, an alarm)
    whose label the loop says when it rings (``REMIND_PREFIX``). A bare hour of 1 to 6 is
    the afternoon's, as for appointments ("remind me to call mom at five")."""
    now = ctx.clock()
    if clock is not None and not clock[2] and 1 <= clock[0] <= 6:
        clock = (clock[0] + 12, clock[1], True)
    repeat = repeat_days(u.text) if clock is not None and not seconds else None
    odd = odd_repeat(u.text)
    said = re.sub(re.escape(odd), " ", " ".join(tokens(u.text))) if odd else u.text
    what = reminder_subject(REPEAT_WORDS.sub(" ", said) if repeat else said)
    if what in ("", "again", "me again") and re.search(r"\bagain\b", u.text.lower()):
        last = ctx.timers.latest(REMIND_PREFIX)  # "remind me again in ten minutes"
        what = last.label[len(REMIND_PREFIX):] if last is not None else ""
    label = REMIND_PREFIX + what
    about = about_words(what)
    if seconds and seconds > MAX_DURATION_S:  # "in two weeks": past a timer's longest, an alarm
        t = ctx.timers.add_alarm(now + seconds, now, label)
        text = f"Okay, I'll remind you{about} at {say_clock(t.due_at, now)}."
    elif seconds:
        t = ctx.timers.add_timer(seconds, now, label)
        text = f"Okay, I'll remind you{about} in {say_duration(seconds)}."
    elif repeat:  # "remind me every day at 8 to take my pills": a repeating alarm, as alarms repeat
        at = next_occurrence(clock[0], clock[1], now, clock[2], "")
        if str(dt.date.fromtimestamp(at).weekday()) not in repeat:
            at = next_on_days(at, repeat)
        t = ctx.timers.add_alarm(at, now, label, repeat=repeat)
        text = (f"Okay, I'll remind you{about} at "
                f"{say_time(dt.datetime.fromtimestamp(at).time())} {say_repeat(repeat)}.")
    else:
        at = next_occurrence(clock[0], clock[1], now, clock[2], u.text)
        days = parse_days(u.text, dt.date.fromtimestamp(now))
        if days is not None:  # "on the 7th at nine", "this weekend at nine"
            on_day = dt.datetime.combine(days[0], dt.time(clock[0], clock[1])).timestamp()
            at = on_day if on_day > now else at
        t = ctx.timers.add_alarm(at, now, label)
        text = f"{passed_today(u.text, at, now)}Okay, I'll remind you{about} at {say_clock(at, now)}."
    if odd:  # say so rather than quietly drop "every other day"
        text += " I can only repeat reminders on days of the week, so this one is once."
    return Reply(text, "reminder_set", (("id", str(t.id)), ("due_at", iso_time(t.due_at)),
                                        ("label", what)))


def list_reminders(u: Understanding, ctx: SkillContext) -> Reply:
    """"What reminders do I have": the reminders waiting, else the calendar's entries."""
    now = ctx.clock()
    if _WHAT_WAS_I.match(" ".join(tokens(u.text))):  # the one that just rang, if one did
        rung = [t for t in ctx.timers.recent("timer", 10) + ctx.timers.recent("alarm", 10)
                if t.label.startswith(REMIND_PREFIX) and now - RUNG_S <= t.due_at <= now]
        if rung:
            t = max(rung, key=lambda x: x.due_at)
            return Reply(f"The last reminder was to {t.label[len(REMIND_PREFIX):] or 'do something'}, at "
                         f"{say_clock(t.due_at, now)}.", "say", (("reminders", "1"),))
    items = reminders(ctx)
    if not items:  # "reminders" the calendar keeps ("remind me that I have ... on friday")
        reply = AgendaSkill().handle(dataclasses.replace(u, intent="calendar_query"), ctx)
        if dict(reply.detail).get("entries", "0") != "0":
            return reply
        return Reply("You have no reminders set.", "say", (("reminders", "0"),))
    named = _named(u.text, items, _NOT_NAMES | _ASK_WORDS | _DAY_WORDS)[1]
    if named:  # "when is my reminder to call the school"
        return Reply(f"I'll remind you to {say_list([say_reminder(t, now) for t in named[:3]])}.", "say",
                     (("reminders", str(len(named))),))
    if re.search(r"\b(?:next|first|soonest)\b", u.text.lower()):  # "what's my next reminder" read all
        return Reply(f"Your next reminder: {say_reminder(items[0], now)}.", "say", (("reminders", "1"),))
    days = parse_days(" ".join(tokens(u.text)), dt.date.fromtimestamp(now))
    if days is not None:  # "what reminders do I have tomorrow" listed every one
        items = [t for t in items if days[0] <= dt.date.fromtimestamp(t.due_at) <= days[1]]
        if not items:
            span = say_day(days[0], dt.date.fromtimestamp(now)) if days[0] == days[1] else "then"
            return Reply(f"You have no reminders {span}.", "say", (("reminders", "0"),))
    said = say_list([say_reminder(t, now) for t in items[:3]])
    more = "" if len(items) <= 3 else f", and {len(items) - 3} more"
    noun = "one reminder" if len(items) == 1 else say_count(len(items), "reminder")
    return Reply(f"You have {noun}: {said}{more}.", "say", (("reminders", str(len(items))),))


_NOT_NAMES = {"reminder", "reminders", "my", "the", "a", "an", "to", "about", "cancel", "delete",
              "remove", "all", "one", "for", "please", "that", "this", "it", "i", "you", "me", "set",
              "can", "could", "would", "just", "now", "of", "off", "clear", "forget", "drop", "stop",
              "erase", "get", "rid", "turn", "don't", "need", "anymore", "any", "more", "and", "okay",
              "hey", "speaker", "actually", "so", "go", "ahead", "ok", "your", "call", "on", "in", "at"}
"""Words of a cancel command that name no reminder ("cancel my reminder please")."""
_ASK_WORDS = {"what", "what's", "whats", "when", "when's", "is", "are", "do", "have", "time", "which", "next",
              "first", "soonest", "reminders", "tomorrow", "today", "tonight", "there", "set", "left", "coming",
              "up", "upcoming", "list", "read", "tell", "show", "check", "many", "how", "we", "us", "our"}


_MOVE_IT = re.compile(r"\b(?:change|move|reschedule|push|shift|update|make|set)\b(?P<head>.*?)\breminder\b"
                      r"(?P<mid>.*?)\b(?:to|for|until|till)\b (?P<when>.+)$")


def moves_reminder(text: str) -> bool:
    """"Move my medicine reminder to 9", "change the reminder about mom to five"."""
    return bool(_MOVE_IT.search(" ".join(tokens(text))))


def _named(text: str, items: list, not_names: set[str]) -> tuple[set[str], list]:
    """(the words of ``text`` that may name a reminder, the reminders of ``items`` they name)."""
    words = {same_item(w) for w in tokens(text)} - not_names
    return words, [t for t in items if words & {same_item(w) for w in tokens(t.label[len(REMIND_PREFIX):])}]


def move_reminder(u: Understanding, ctx: SkillContext, near) -> Reply:
    """The reminder named (or the only one) to the time said, on its own day unless a day is
    said; ``near`` places a bare hour as alarms do (timers._near)."""
    now = ctx.clock()
    m = _MOVE_IT.search(" ".join(tokens(u.text)))
    items = reminders(ctx)
    if not items:
        return Reply("You have no reminders to move.", "say")
    words = set(f"{m['head']} {m['mid']}".split()) - _NOT_NAMES
    named = [t for t in items if words & set(tokens(t.label[len(REMIND_PREFIX):]))]
    named = named or (items if len(items) == 1 else [])
    if len(named) != 1:
        return Reply(f"Which one: {say_list([say_reminder(t, now) for t in items[:3]])}?", "clarify",
                     (("need", "which"),))
    t = named[0]
    clock = parse_clock(f"at {m['when']}")
    later = parse_duration(m["when"]) if clock is None else None
    if later:  # "change the laundry reminder to 30 minutes": from now
        ctx.timers.move(t.id, now + later)
        return Reply(f"Okay, I'll remind you{about_words(t.label[len(REMIND_PREFIX):])} in {say_duration(later)} "
                     f"instead.", "reminder_change", (("id", str(t.id)), ("due_at", iso_time(now + later))))
    if clock is None:
        return Reply("What time should I remind you instead?", "clarify",
                     (("need", "time"), ("then", f"move my {' '.join(sorted(words))} reminder to {{}}")))
    if not clock[2] and 1 <= clock[0] <= 6:  # a bare five is the afternoon's, as when it was set
        clock = (clock[0] + 12, clock[1], True)
    days = parse_days(m["when"], dt.date.fromtimestamp(now))
    at = near(t.due_at, clock, now)
    if days is not None:
        at = dt.datetime.combine(days[0], dt.datetime.fromtimestamp(at).time()).timestamp()
    ctx.timers.move(t.id, at)
    what = t.label[len(REMIND_PREFIX):]
    return Reply(f"Okay, I'll remind you{about_words(what)} at {say_clock(at, now)} instead.",
                 "reminder_change", (("id", str(t.id)), ("due_at", iso_time(at))))


def remove_reminder(u: Understanding, ctx: SkillContext) -> Reply:
    """"Cancel my reminder", "delete the reminder about mom", "cancel all my reminders"."""
    now = ctx.clock()
    items = reminders(ctx)
    if not items:  # perhaps one the calendar keeps ("delete the event reminder of friday")
        reply = AgendaSkill().handle(dataclasses.replace(u, intent="calendar_remove"), ctx)
        if reply.action == "calendar_remove":
            return reply
        return Reply("You have no reminders to cancel.", "say")
    words, named = _named(u.text, items, _NOT_NAMES)  # "my pill reminder": "take your pills"
    but = EXCEPT.search(u.text.lower())
    if named and but:  # "cancel all reminders except the cat one" cancelled the cat one
        for t in items:
            if t not in named:
                ctx.timers.cancel(t.id)
        kept = say_list([say_reminder(t, now) for t in named])
        return Reply(f"Cancelled {say_count(len(items) - len(named), 'reminder')}. Still set: {kept}.",
                     "reminder_remove", (("removed", str(len(items) - len(named))),))
    if words and not named and "all" not in tokens(u.text):
        # "delete the reminder about the plumber" with only "check the oven" set cancelled that
        reply = AgendaSkill().handle(dataclasses.replace(u, intent="calendar_remove"), ctx)
        if dict(reply.detail).get("removed", "0") != "0":  # "remind me tomorrow to call ..."
            return reply
        tail = re.search(r"\b(?:about|for|to) (.+)$", " ".join(tokens(u.text)))
        said = tail[1] if tail else " ".join(w for w in tokens(u.text) if w in words)
        return Reply(f"You don't have a reminder about {said}. "
                     f"You have {say_count(len(items), 'reminder')}: "
                     f"{say_list([say_reminder(t, now) for t in items[:3]])}.", "say",
                     (("reminders", str(len(items))),))
    if len(named) == 1 or len(items) == 1 or "all" in tokens(u.text):
        gone = named[:1] if len(named) == 1 else items
        for t in gone:
            ctx.timers.cancel(t.id)
        text = (f"Cancelled your reminder: {say_reminder(gone[0], now)}." if len(gone) == 1
                else f"All {len(gone)} reminders cancelled.")
        return Reply(text, "reminder_remove", (("removed", str(len(gone))),))
    return Reply(f"You have {say_count(len(items), 'reminder')}: "
                 f"{say_list([say_reminder(t, now) for t in items[:3]])}. Which one should I "
                 "cancel?", "clarify", (("need", "which"), ("then", "cancel my reminder {}")))
