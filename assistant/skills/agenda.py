"""calendar_set / calendar_query / calendar_remove on the calendar kept on the device
(``assistant/agenda.py``): "add dentist appointment on friday at five", "what's on my calendar
tomorrow", "when is dale's birthday", "cancel the dentist appointment".

The days and times are read from the words (:func:`parse_days`, ``spoken.parse_clock``); the
title is what is left of the sentence once its lead-in ("add", "schedule", "put"), the calendar
words and the day and time are taken out (:func:`title_of`).
"""

from __future__ import annotations

import datetime as dt
import re

from .. import holidays
from ..agenda import Agenda, Entry
from ..types import Reply, Understanding
from .base import Skill, SkillContext
from .spoken import (EXCEPT, _ORDINALS, _TENS, _UNITS, _WEEKDAYS, first_number, parse_clock, say_count,
                     say_list, say_time, tokens)

_MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}
_MONTHS.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
                "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12})
_ORDINAL = dict(_ORDINALS, eleventh=11, twelfth=12, thirteenth=13, fourteenth=14, fifteenth=15,
                sixteenth=16, seventeenth=17, eighteenth=18, nineteenth=19, twentieth=20,
                thirtieth=30)
_PARTS_OF_DAY = {"morning", "afternoon", "evening", "night", "tonight", "noon", "midday",
                 "midnight", "lunchtime"}
_WHEN = (set(_WEEKDAYS) | set(_MONTHS) | set(_ORDINAL) | set(_UNITS) | set(_TENS) | _PARTS_OF_DAY
         | {"today", "tomorrow", "yesterday", "weekend", "week", "month", "am", "pm", "o'clock",
            "oclock", "hundred", "half", "quarter", "th", "st", "nd", "rd", "today's",
            "tomorrow's"})
"""Words that say a day or a time."""
_GLUE = {"at", "on", "for", "this", "next", "coming", "the", "of", "in", "from", "by", "around",
         "until", "till", "to", "past", "day", "after", "and", "a", "an", "between", "rest"}
"""Words that join day and time words ("on the twelfth at five", "in the morning")."""
_LEAD = re.compile(
    r"^(?:(?:please|can you|could you|would you|will you|hey|ok|okay|now|and|also|just|make sure to|be sure to)\s+)*"
    r"(?:(?:i want to|i'd like to|i need to|i wanna|let's|go ahead and|i must|i have to|i want you to|"
    r"i need you to|i'd like you to|i would like you to|i would like to)\s+)?"
    r"(?:add|put|schedule|set up|set|create|make|book me|book us|book|enter|insert|note|save|mark|write down|"
    r"write|pencil in|arrange|plan|organi[sz]e|remind me that i have|remind me that|remind me of|"
    r"remind me about|remind me to|remind me|tell me to|tell me|i have got|i have|i've got|i got|"
    r"there's|there is|we have|we've got|have)(?:\s+|$)")
_CALENDAR = re.compile(r"\b(?:(?:to|in|on|into|onto|for|from|off|of)\s+)?(?:(?:my|the|our|your)?\s*"
                       r"(?:calendar|agenda|diary|planner)|(?:my|the|our|your)\s+schedule)\b"
                       r"(?:\s+(?:event|entry|for))?")
"""The calendar named as a place ("to my calendar", "on the schedule"); not "schedule" the verb
("can you schedule a meeting with george" had the title "can you a meeting with george")."""
_ARTICLE = re.compile(r"^(?:(?:a|an|the|my|our|new|event|entry|reminder|an event|called|named|"
                      r"for|about|that|to)\s+)+")
_GENERIC = {"event", "events", "meeting", "meetings", "appointment", "appointments", "plans",
            "plan", "anything", "something", "things", "thing", "schedule", "calendar", "busy",
            "free", "reminder", "reminders", "entry", "entries", "going", "on", "program",
            "programs", "agenda", "happening", "coming", "up", "upcoming", "next", "planned",
            "scheduled", "any", "have", "do", "i", "is", "my", "what", "what's", "whats", "when",
            "where", "the", "a", "an", "there", "are", "am", "me", "tell", "check", "show", "list",
            "all", "to", "for", "of", "in", "at", "it", "with", "remove", "delete", "cancel",
            "clear", "erase", "drop", "from", "off", "please", "can", "you", "could", "will",
            "be", "no", "longer", "joining", "set", "get", "rid", "take", "out", "wipe", "that",
            "time", "day", "does", "did", "how", "many", "much", "left", "pending", "which",
            "open", "read", "lined", "need", "and", "or", "about", "again", "go", "through",
            "everything", "every", "entire", "whole", "look", "looks", "looking", "like", "got", "when's",
            "whens", "first", "last", "soonest", "edit", "want", "leave", "this"}
"""Words of a calendar question that do not name an entry ("do I have any meetings friday")."""
_REPEATING = re.compile(r"\b(?:every|each|daily|weekly|monthly|yearly|annually)\b")
SAY_MAX = 5


def _number(toks: list[str], i: int) -> tuple[int | None, int]:
    """A day of the month at toks[i]: "12" "th", "twelfth", "twenty fifth", "thirty first",
    "25" → (day, tokens used)."""
    w = toks[i]
    if re.fullmatch(r"\d{1,2}", w):
        n = 2 if i + 1 < len(toks) and toks[i + 1] in ("th", "st", "nd", "rd") else 1
        return int(w), n
    if w in _ORDINAL:
        return _ORDINAL[w], 1
    if w in ("twenty", "thirty") and i + 1 < len(toks) and toks[i + 1] in _ORDINAL:
        return _TENS[w] + _ORDINAL[toks[i + 1]], 2
    return None, 0


def _month_day(year: int, month: int, day: int, today: dt.date) -> dt.date | None:
    """That day in ``year``, moved to the next year when it has passed."""
    for y in (year, year + 1):
        try:
            d = dt.date(y, month, day)
        except ValueError:
            return None
        if d >= today:
            return d
    return None


_NOT_A_DATE_AFTER = {"thing", "things", "one", "ones", "item", "items", "event", "events", "entry",
                     "appointment", "appointments", "meeting", "meetings", "time", "song", "chapter",
                     "episode", "alarm", "timer", "reminder", "step", "place", "person"}
"""Words after an ordinal that make it no day of the month ("the first thing", "the second
alarm"); "the first of may" is read with its month before this."""


DAY_OFFSET = re.compile(r"\b(?:(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}) "
                     r"(?P<unit>days?|weeks?)|the (?P<one>day|week)) (?P<way>before|after)\b"
                     r"(?! tomorrow| yesterday)")


def day_offset_said(text: str) -> bool:
    """"Three weeks before thanksgiving": a span that moves a day, not a duration from now."""
    return DAY_OFFSET.search(" ".join(tokens(text))) is not None


def parse_days(text: str, today: dt.date) -> tuple[dt.date, dt.date] | None:
    """:func:`days_named`, moved by an offset said before the day: "three weeks before
    thanksgiving", "the day after christmas"."""
    days = days_named(text, today)
    m = DAY_OFFSET.search(" ".join(tokens(text)))
    if days is None or m is None or days[0] != days[1]:
        return days
    n = 1 if m["one"] or m["n"] in ("a", "an") else int(first_number(m["n"]) or 1)
    step = dt.timedelta(days=n * (7 if (m["unit"] or m["one"]).startswith("week") else 1))
    d = days[0] - step if m["way"] == "before" else days[0] + step
    return (d, d) if d >= today else days


def days_named(text: str, today: dt.date) -> tuple[dt.date, dt.date] | None:
    """The days ``text`` names, as (first, last), both included; None when it names none.

    "today", "tonight", "tomorrow", "the day after tomorrow"; "friday", "on friday", "next
    friday" (the coming one; a bare weekday that is today means today); "this week", "next
    week", "this weekend", "this month", "next month"; "march twenty fifth", "the 12th",
    "25th of march", "march 25"; "on christmas eve" (:mod:`assistant.holidays`); past dates move
    to the next year (or month)."""
    toks = tokens(holidays.spell_out(text, today))
    low = " ".join(toks)
    if "day after tomorrow" in low:
        d = today + dt.timedelta(days=2)
        return d, d
    if "today" in toks or "tonight" in toks or "today's" in toks or re.search(
            r"\bthis (?:morning|afternoon|evening)\b", low):
        return today, today
    if "tomorrow" in toks or "tomorrow's" in toks:
        d = today + dt.timedelta(days=1)
        return d, d
    for i, w in enumerate(toks):
        if w in _MONTHS and not (w == "may" and i + 1 < len(toks) and not re.fullmatch(
                r"\d{1,2}|[a-z]+(?:st|nd|rd|th)", toks[i + 1])):
            month = _MONTHS[w]
            day, _ = _number(toks, i + 1) if i + 1 < len(toks) else (None, 0)
            if day is None and i >= 2 and toks[i - 1] == "of":
                day, _ = _number(toks, i - 2)
                if day is None and i >= 3:
                    day, _ = _number(toks, i - 3)
            if day is not None:
                d = _month_day(today.year, month, day, today)
                if d is not None:
                    return d, d
    for i, w in enumerate(toks):
        if w in _WEEKDAYS:
            ahead = (_WEEKDAYS.index(w) - today.weekday()) % 7
            if ahead == 0 and i > 0 and toks[i - 1] == "next":
                ahead = 7
            d = today + dt.timedelta(days=ahead)
            return d, d
    for i, w in enumerate(toks[:-1]):  # "on the twelfth", "the 3rd", "on fifteenth"
        day, used = _number(toks, i + 1) if w in ("the", "on") else (None, 0)
        if day is None or not 1 <= day <= 31 or (i + 1 + used < len(toks) and toks[i + 1 + used]
                                                 in _NOT_A_DATE_AFTER):
            continue  # "the first thing on my calendar" is no April 1
        first = today.replace(day=1)
        for _ in range(3):  # this month, or the next that has that day
            try:
                d = first.replace(day=day)
                if d >= today:
                    return d, d
            except ValueError:
                pass
            first = (first + dt.timedelta(days=32)).replace(day=1)
    for i, w in enumerate(toks[1:], 1):  # "in june", "during july": the whole month (its days ahead)
        if w in _MONTHS and toks[i - 1] in ("in", "during", "for", "throughout", "this", "next", "of"):
            month = _MONTHS[w]
            year = today.year + (month < today.month or month == today.month and toks[i - 1] == "next")
            first = dt.date(year, month, 1)
            last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
            return max(first, today), last
    m = re.search(r"\b(this|next|the)? ?(weekend|week|month)\b", low)
    if m:
        which, span = m.group(1) or "this", m.group(2)
        if span == "weekend":
            wd = today.weekday()
            sat = today + dt.timedelta(days=(5 - wd) % 7) if wd < 6 else today - dt.timedelta(days=1)
            if which == "next":
                sat += dt.timedelta(days=7)
            return max(sat, today), sat + dt.timedelta(days=1)
        if span == "week":
            if which == "next":
                mon = today + dt.timedelta(days=7 - today.weekday())
                return mon, mon + dt.timedelta(days=6)
            # "this week" on a Saturday or Sunday means the days ahead, not the one or two left
            end = today + dt.timedelta(days=6 - today.weekday())
            return today, end if (end - today).days >= 2 else today + dt.timedelta(days=6)
        first = today.replace(day=1)
        if which == "next":
            first = (first + dt.timedelta(days=32)).replace(day=1)
        nxt = (first + dt.timedelta(days=32)).replace(day=1)
        return max(first, today), nxt - dt.timedelta(days=1)
    return None


_MOVE = re.compile(r"^(?:please |can you |could you )?(?:move|reschedule|push|shift|change|postpone|"
                   r"bring forward) .+ to .+")


def moves_entry(text: str) -> bool:
    """"Move soccer practice to sunday" (checked against the entries by :meth:`AgendaSkill.move`)."""
    return bool(_MOVE.match(" ".join(tokens(text)))) and not re.search(r"\b(?:alarm|timer)s?\b",
                                                                         text.lower())


_EVENING = re.compile(r"\b(?:dinner|supper|party|drinks|evening|tonight|night|concert|theatre|theater|"
                      r"pub|gig|sleepover)\b")


def parse_time(text: str) -> dt.time | None:
    """The clock time said, with appointments' usual reading of a bare hour: 1 to 6 after
    noon, 7 to 11 before ("at five" → 17:00, "at nine" → 09:00), unless the words name an
    evening ("dinner at seven", "a party at eight" → 19:00, 20:00)."""
    c = parse_clock(text)
    if c is None:
        return None
    hour, minute, sure = c
    if not sure and (1 <= hour <= 6 or 7 <= hour <= 11 and _EVENING.search(text.lower())):
        hour += 12
    return dt.time(hour % 24, minute)


def when_spans(toks: list[str]) -> list[tuple[int, int]]:
    """[start, end) runs of day and time words (with the words joining them)."""
    def said_when(w: str) -> bool:
        return w in _WHEN or bool(re.fullmatch(r"\d+(?::\d\d)?", w))

    out, i = [], 0
    while i < len(toks):
        if said_when(toks[i]) or toks[i] in _GLUE:
            j, hit = i, False
            while j < len(toks) and (said_when(toks[j]) or toks[j] in _GLUE):
                hit = hit or said_when(toks[j])
                j += 1
            end = j
            while end > i and toks[end - 1] in _GLUE:  # "... at five to my": give back "to"
                end -= 1
            if hit and end > i:
                out.append((i, end))
            i = max(j, i + 1)
        else:
            i += 1
    return out


def title_of(text: str) -> str:
    """What the entry is called: "add dentist appointment for friday at five" → "dentist
    appointment"; "schedule a meeting with reeta today at five pm" → "meeting with reeta"."""
    from .free_time import calendar_owner

    owner = calendar_owner(text)  # "add football to jack's calendar": "jack's football"
    if owner is not None:
        title = title_of(re.sub(rf"\b{owner}'s (?=calendar|schedule|agenda|diary|planner)", "my ", text.lower()))
        return title if not title or owner in title else f"{owner}'s {title}"
    plain = " ".join(tokens(holidays.spell_out(text, dt.date.today())))  # "on christmas": a day
    m = re.search(r"^(.*?)\s+(?:to|in|on|into|onto)\s+(?:my|the|our)\s+(?:calendar|schedule|"
                  r"agenda|diary|planner)\b", plain)
    if m and m.group(1).strip():  # "add haircut to my calendar (misheard day words)": its title
        title = title_of(m.group(1))  # "make sure to add" (to my calendar ...) holds no title
        if title:
            return title
    t = _CALENDAR.sub(" ", plain)
    t = _LEAD.sub("", " ".join(t.split()))
    toks = t.split()
    chunks, last = [], 0
    for a, b in when_spans(toks) + [(len(toks), len(toks))]:
        chunks.append(" ".join(toks[last:a]))
        last = b
    for chunk in chunks:
        if not _LEAD.sub("", chunk + " ").strip():  # "can you tell me" (on tuesday) "to call jane"
            continue
        chunk = _ARTICLE.sub("", _REPEATING.sub(" ", chunk).strip())
        chunk = re.sub(r"^(?:that i have|i have|there is|there's|i need|i want|i'd like)\s+", "", chunk)
        chunk = re.sub(r"\s+(?:added|put in|put on|scheduled|set up)$", "", chunk)  # "i need dinner added"
        chunk = re.sub(r"\s+(?:that is|that's|which is)(?: scheduled| planned| set)?$", "", chunk)
        chunk = " ".join(_ARTICLE.sub("", chunk).split())
        if chunk and chunk not in ("it", "this", "that", "something", "me", "us"):
            return chunk
    return ""


def _content(text: str) -> set[str]:
    toks = tokens(_CALENDAR.sub(" ", text.lower()))
    return {w for w in toks if w not in _GENERIC and w not in _WHEN and w not in _GLUE
            and not w[0].isdigit() and w not in ("called", "named")}  # "the event called baby shower"


def _base(word: str) -> str:
    return re.sub(r"(?:'s|s)$", "", word)


def matching(entries: list[Entry], text: str) -> list[Entry]:
    """The entries ``text`` names by their title's words ("cancel the dentist" → "dentist
    appointment"; "dale's birthday" → "dale's birthday party")."""
    said = {_base(w) for w in _content(text)}
    if not said:
        return []
    # whose it is must agree: "dad's birthday" is not "mom's birthday" (both "birthday")
    owners = {_base(w) for w in _content(text) if w.endswith("'s")}
    scored = []
    for e in entries:
        have = {_base(w) for w in tokens(e.title)}
        shared = said & have
        if shared and len(shared) >= max(1, len(said) // 2) and owners <= have:
            scored.append((len(shared), e))
    best = max((s for s, _ in scored), default=0)
    return [e for s, e in scored if s == best]


def say_day(day: dt.date, today: dt.date) -> str:
    ahead = (day - today).days
    if ahead == 0:
        return "today"
    if ahead == 1:
        return "tomorrow"
    if 1 < ahead < 7:
        return f"on {day.strftime('%A')}"
    return f"on {day.strftime('%A')}, {day.strftime('%B')} {day.day}"


def say_entry(e: Entry, today: dt.date, with_day: bool = True) -> str:
    when = say_day(e.day, today) if with_day else ""
    if e.at is not None:
        when = f"{when} at {say_time(e.at)}".strip()
    return f"{e.title} {when}".strip()


_DAY_SAID = r"(?:today|tonight|tomorrow|this week|this weekend|on \w+|\w+day)"
_MY_DAY = re.compile(r"^(?:so |and |okay )?(?:(?:i want|i need|read|show|tell|give)(?: me)? my (?:schedule|appointments|agenda|"
                     r"plans|day)(?: for| on) .+|(?:can you )?give me an overview of (?:what )?.+ (?:will )?look(?:s)? like(?: for me)?|"
                     r"what(?:'s| does| is) my (?:day|morning|afternoon|evening|week|"
                     r"weekend)(?: look| looking)?(?: like)?|(?:do|have) (?:i|we) (?:got |have )?(?:anything|"
                     rf"any plans|plans|something|much)(?: on| planned| going on)?(?: {_DAY_SAID})?|"
                     rf"what (?:am i|are we) (?:doing|up to) {_DAY_SAID})$")
"""The day's plan asked for ("what's my day look like": small talk to the model; "do I have
anything today": a shopping-list question)."""


_NEXT_ONE = re.compile(r"\b(?:next|first|upcoming|soonest) (?:appointment|meeting|event|thing|entry|"
                       r"engagement|plan)\b")


def asks_my_day(text: str) -> bool:
    return bool(_MY_DAY.match(" ".join(tokens(text))))


def moves_named_entry(text: str, ctx: SkillContext) -> bool:
    """"Move lunch to one o'clock" when an upcoming entry is named by the words before "to"
    (the model read takeaway_order 0.23 and the speaker asked to say it another way)."""
    if not moves_entry(text):
        return False
    head = " ".join(tokens(text)).rpartition(" to ")[0]
    return bool(matching(Agenda(ctx.db).upcoming(dt.datetime.fromtimestamp(ctx.clock())), head))


_WHEN_IS = re.compile(r"^(?:so |and |hey )?(?:when(?:'s| is| was| are)|what (?:day|time|date) is)\b")


def asks_named_entry(text: str, ctx: SkillContext) -> bool:
    """"When is mom's birthday?" when an upcoming entry is named (the model read
    email_querycontact 0.77 and the speaker said it could not look up contacts)."""
    low = " ".join(tokens(text))
    if not _WHEN_IS.match(low):
        return False
    return bool(matching(Agenda(ctx.db).upcoming(dt.datetime.fromtimestamp(ctx.clock())), low))


def _said_thing(text: str) -> str:
    """The entry asked about, as said: "the match" when it was said with its article, else its
    words ("dale's birthday")."""
    words = tokens(text)
    thing = [w for w in words if w in _content(text)]
    if thing:
        i = words.index(thing[0])
        if i > 0 and words[i - 1] == "the":
            return " ".join([words[i - 1]] + thing)
    return " ".join(thing)


class AgendaSkill(Skill):
    intents = ("calendar_set", "calendar_query", "calendar_remove")

    def handle(self, u: Understanding, ctx: SkillContext) -> Reply:
        now = dt.datetime.fromtimestamp(ctx.clock())
        store = Agenda(ctx.db)
        if moves_entry(u.text):
            reply = self.move(u.text, store, now)
            if reply is not None:
                return reply
        if u.intent == "calendar_set":
            return self.add(u.text, store, now, ctx.clock())
        if u.intent == "calendar_remove":
            return self.remove(u.text, store, now)
        return self.query(u.text, store, now, self._reminders_on(u.text, ctx, now))

    @staticmethod
    def _reminders_on(text: str, ctx: SkillContext, now: dt.datetime) -> list[str]:
        """The reminders due on the days asked about ("call mom at 5 PM"), to be told with the
        calendar's entries: to the listener, a reminder today is on today's plan."""
        from .reminders import reminders, say_reminder  # reminders.py reads the calendar too

        days = parse_days(text, now.date())
        if days is None:
            return []
        due = [t for t in reminders(ctx)
               if days[0] <= dt.datetime.fromtimestamp(t.due_at).date() <= days[1]]
        return [say_reminder(t, ctx.clock()) for t in sorted(due, key=lambda t: t.due_at)]

    def add(self, text: str, store: Agenda, now: dt.datetime, ts: float) -> Reply:
        title = title_of(text)
        days = parse_days(text, now.date())
        at = parse_time(text)
        when = " ".join(" ".join(tokens(text)[a:b]) for a, b in when_spans(tokens(text)))
        if not title:
            if re.search(r"\bremind me\b", text.lower()):  # "remind me tomorrow"
                return Reply("What should I remind you about?", "clarify",
                             (("need", "item"), ("then", f"remind me to {{}} {when}".strip())))
            return Reply("What should I put on your calendar?", "clarify",
                         (("need", "item"), ("then", f"add {{}} to my calendar {when}".strip())))
        if days is None and at is None:
            the = "" if "'s" in title else "the "  # "When is mom's birthday?"
            return Reply(f"When is {the}{title}?", "clarify",
                         (("need", "day"), ("then", f"add {title} to my calendar {{}}")))
        if days is None:  # a time alone: its next occurrence
            day = now.date() if dt.datetime.combine(now.date(), at) > now else \
                now.date() + dt.timedelta(days=1)
        else:
            day = days[0]
            if day == now.date() and at is not None and dt.datetime.combine(day, at) <= now and re.search(
                    rf"\b{now:%A}\b", text, re.IGNORECASE) and not re.search(r"\b(?:today|tonight)\b", text.lower()):
                day += dt.timedelta(days=7)  # "on monday at 10" said on a Monday evening: next Monday
        e = store.add(title, day, at, ts)
        said = f"Added {say_entry(e, now.date())} to your calendar."
        if _REPEATING.search(text.lower()):
            said += " I can't repeat calendar entries yet, so it's there once."
        plain = re.sub(r"\bto (?:my|the|our) (?:calendar|schedule|agenda|diary)\b", "", " ".join(tokens(text)))
        span = re.search(r".*\b(?:to|through|thru|until|till)\s+(.+)$", plain)  # not "to my calendar tomorrow"
        last = days_named(span[1], day) if span and days is not None and days[0] == days[1] else None
        if last is not None and last[0] > day:  # "from friday to sunday": kept as its first day
            said += " I keep one day for each entry, so it's on the first."
        return Reply(said, "calendar_add", (("id", str(e.id)), ("title", e.title),
                                            ("day", e.day.isoformat()),
                                            ("at", e.at.strftime("%H:%M") if e.at else "")))

    def move(self, text: str, store: Agenda, now: dt.datetime) -> Reply | None:
        """"Move soccer practice to sunday", "push the dentist to 4 pm": the one entry named, to
        the day and time said after "to" (a day alone keeps its time, a time alone its day);
        None when no entry is named (then it is an ordinary request)."""
        low = " ".join(tokens(text))
        head, _, tail = low.rpartition(" to ")
        hits = matching(store.upcoming(now), head)
        if len(hits) != 1:
            if hits:
                names = say_list([say_entry(e, now.date()) for e in hits[:3]])
                return Reply(f"Which one: {names}?", "clarify", (("need", "which"),))
            return None
        e = hits[0]
        # "to one thirty": a bare time after "to" (the "to" is gone with the head)
        days, at = parse_days(tail, now.date()), parse_time(tail) or parse_time(f"at {tail}")
        if days is None and at is None:
            return Reply(f"When should {e.title} be instead?", "clarify",
                         (("need", "day"), ("then", f"move {e.title} to {{}}")))
        said = parse_clock(tail) or parse_clock(f"at {tail}")
        if at is not None and e.at is not None and said is not None and not said[2] \
                and e.at.hour >= 12 > at.hour:  # "move yoga to 7", yoga at 6 PM: 7 PM, not 7 AM
            at = at.replace(hour=at.hour + 12)
        day = days[0] if days else e.day
        if dt.datetime.combine(day, at or e.at or dt.time(23, 59)) < now and days is not None \
                and set(tokens(tail)) & set(_WEEKDAYS):
            day += dt.timedelta(days=7)  # "to sunday" late on a Sunday: the coming one
        moved = store.move(e.id, day, at or e.at)
        when = say_entry(moved, now.date())[len(moved.title):].strip()
        return Reply(f"Moved {moved.title} to {when[3:] if when.startswith('on ') else when}.",
                     "calendar_move", (("id", str(moved.id)), ("day", moved.day.isoformat()),
                                       ("at", moved.at.strftime("%H:%M") if moved.at else "")))

    def query(self, text: str, store: Agenda, now: dt.datetime, reminded: list[str] = ()) -> Reply:
        """``reminded``: the reminders due on the days asked about, said after the entries."""
        reply = self._entries(text, store, now)
        if not reminded or dict(reply.detail).get("named"):
            return reply
        noun = "a reminder" if len(reminded) == 1 else say_count(len(reminded), "reminder")
        also = " also" if dict(reply.detail)["entries"] != "0" else ""
        return Reply(f"{reply.text} You{also} have {noun}: {say_list(reminded[:SAY_MAX])}.",
                     reply.action, reply.detail + (("reminders", str(len(reminded))),))

    def _entries(self, text: str, store: Agenda, now: dt.datetime) -> Reply:
        from .free_time import free_reply  # (it reads entries with this module's words)

        free = free_reply(text, store, now)
        if free is not None:
            return free
        today = now.date()
        days = parse_days(text, today)
        if days is None and re.search(r"\bmy (?:day|morning|afternoon|evening)\b", text.lower()):
            days = (today, today)  # "what's my day look like"
        if days is not None:
            entries = store.between(*days)
            if days[0] == today:
                entries = [e for e in entries if e.at is None or e.starts() >= now - dt.timedelta(hours=1)]
        else:
            entries = store.upcoming(now)
        named = matching(entries, text)
        if named:
            entries = named
        elif _content(text) and days is None:  # "when is dale's birthday": not on the calendar
            return Reply(f"I don't see {_said_thing(text)} on your calendar.", "calendar_read",
                         (("entries", "0"),))
        one_day = days is not None and days[0] == days[1]
        if not entries:
            span = re.search(r"\b(?:this|next|the) (?:weekend|week|month)\b", text.lower())
            span = ("" if days is None else " " + say_day(days[0], today) if one_day
                    else " " + span.group(0).replace("the ", "this ") if span else " then")
            return Reply(f"There's nothing on your calendar{span}.", "calendar_read",
                         (("entries", "0"),))
        if named and days is None and len(named) == 1:  # "when is my dentist appointment"
            e = named[0]
            when = say_entry(e, today)[len(e.title):].strip()
            return Reply(f"{e.title[0].upper()}{e.title[1:]} is {when}.", "calendar_read",
                         (("entries", "1"), ("ids", str(e.id))))
        if days is None and _NEXT_ONE.search(text.lower()):  # "what's my next appointment"
            e = entries[0]
            return Reply(f"Next up is {say_entry(e, today)}.", "calendar_read",
                         (("entries", "1"), ("ids", str(e.id))))
        if days is None and not named:
            entries = entries[:3]  # "what's on my calendar": the next few
        said = [say_entry(e, today, with_day=not one_day) for e in entries[:SAY_MAX]]
        more = len(entries) - len(said)
        tail = f", and {more} more" if more > 0 else ""
        day = say_day(days[0], today) if one_day else ""
        lead = f"{day[:1].upper()}{day[1:]} you have" if one_day else \
            "Coming up, you have" if days is None else "You have"
        many = re.match(r"(?:so )?how many (\w+?)s?\b", text.lower())
        if many:  # "how many meetings do I have tomorrow"
            noun = many[1] if many[1] in ("meeting", "appointment", "event", "plan") else "thing"
            lead = f"{lead} {say_count(len(entries), noun)}:"
        return Reply(f"{lead} {say_list(said)}{tail}.", "calendar_read",
                     (("entries", str(len(entries))),
                      ("ids", ",".join(str(e.id) for e in entries))))

    def remove(self, text: str, store: Agenda, now: dt.datetime) -> Reply:
        today = now.date()
        days = parse_days(text, today)
        pool = store.between(*days) if days is not None else store.upcoming(now)
        at = parse_time(text)
        if at is not None:
            pool = [e for e in pool if e.at == at]
        named = matching(pool, text)
        keep = named if EXCEPT.search(text.lower()) else []
        if keep and days is None:
            return Reply("Which day should I clear? To be safe I clear one day at a time.", "clarify")
        if keep:  # "cancel everything tomorrow except the dentist" removed the dentist
            gone = [e for e in pool if e not in keep]
        elif named:
            # the soonest one the words name; a day said takes all of them on that day
            gone = named if days is not None else named[:1]
        elif days is None and at is None and _NEXT_ONE.search(text.lower()):
            gone = pool[:1]  # "cancel next meeting": the soonest one, not a day's worth
        elif _content(text):
            return Reply(f"I don't see {_said_thing(text)} on your calendar.", "calendar_remove",
                         (("removed", "0"),))
        elif days is not None or at is not None:
            gone = pool  # "clear my calendar for tomorrow", "remove my event at one pm"
        else:
            return Reply("Which day should I clear? To be safe I clear one day at a time.",
                         "clarify", (("need", "day"), ("then", "clear my calendar {}")))
        if not gone:
            span = f" {say_day(days[0], today)}" if days is not None else ""
            return Reply(f"There's nothing on your calendar{span} to remove.", "calendar_remove",
                         (("removed", "0"),))
        for e in gone:
            store.remove(e.id)
        said = [say_entry(e, today) for e in gone[:SAY_MAX]]
        more = f", and {len(gone) - len(said)} more" if len(gone) > len(said) else ""
        return Reply(f"Removed {say_list(said)}{more} from your calendar.", "calendar_remove",
                     (("removed", str(len(gone))), ("ids", ",".join(str(e.id) for e in gone))))
