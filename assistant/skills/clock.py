"""datetime_query ("what time is it", "what's the date", "what day is it", "how many days until
christmas", "when is thanksgiving") and datetime_convert ("what time is it in Tokyo") from
``ctx.clock()``, the system's time-zone database and :mod:`assistant.holidays`."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from .. import holidays
from ..types import Reply, Understanding
from .agenda import parse_days
from .base import Skill, SkillContext
from .zones import CLOCK_CHANGE, clock_change, find_zones, zone_reply
from .zones import say_time_of_day as _say_time
from .spoken import (iso_time, next_occurrence, parse_clock, parse_duration, say_duration,
                     say_time, tokens, years_as_digits)

def _say_date(t: dt.datetime) -> str:
    return f"{t.strftime('%A')}, {t.strftime('%B')} {t.day}, {t.year}"


_UNTIL = re.compile(r"\bhow (?:many|much|long)\b.*\b(?:until|till|til|to|before|since|ago)\b|"
                    r"^(?:(?:and |so )?how many )?(?:days|weeks|sleeps) "
                    r"(?:until|till|til|to|before|left)\b")
_WHEN_IS = re.compile(r"^(?:so |and |okay |ok )?(?:when(?:'s| is| does| do| will| was| did)?|what (?:day|date)|"
                      r"which day|what's the date)(?: (?:is|does|will|was|did|of|on|the|it|this|next|last|"
                      r"year|fall|falls|fell|be|day|date))*$")
"""A question about a named day once the name is taken out: "when is (christmas)", "what day
does (christmas) fall on"; not "when is the (christmas) party"."""


def _to_month(low: str, today: dt.date) -> tuple[str, str]:
    """"how many weeks until june" → ("how many weeks until in june", "June"): a month said alone
    after "until" is its first day (this month's name: next year's); (low, "") when none is."""
    m = re.search(r"\b(?:until|till|til|before|to) (january|february|march|april|may|june|july|august|september|"
                  r"october|november|december)$", low)
    if m is None:
        return low, ""
    this = m[1] == today.strftime("%B").lower()
    return f"{low[:m.start(1)]}{'next' if this else 'in'} {m[1]}", m[1].capitalize()


def asks_days_until(text: str, today: dt.date) -> bool:
    """"How many days until christmas", "when is thanksgiving", "what day is halloween on":
    a question about a day, whatever intent the model read ("when is ..." leans calendar)."""
    low = " ".join(tokens(text))
    if _UNTIL.search(low):
        return parse_days(_to_month(low, today)[0], today) is not None or _season(low, today) is not None \
            or holidays.find(low, today) is not None
    if _WHEN_SEASON.match(low):  # "when does spring start" (a calendar read)
        return True
    return holidays.find(low, today) is not None and bool(_WHEN_IS.match(holidays.without(low)))


_OWN_DAY = re.compile(r"(?:\b(?:until|till|til|before)|^what day is) (?:(?P<own>my|our)|(?P<whose>[a-z]+'s)) "
                      r"(?P<what>[a-z' ]+?)(?: this year| next)?$")
"""A day of the household's own: "how many days until my birthday" ("when is my birthday" is
the calendar's question, skills/agenda.py)."""


_NOT_A_DAY = {"alarm", "alarms", "timer", "timers", "reminder", "reminders", "song", "music", "episode",
              "podcast", "book", "audiobook", "chapter", "sleep", "list", "order", "delivery", "turn"}


def asks_own_day(text: str) -> bool:
    m = _OWN_DAY.search(" ".join(tokens(text)))
    return bool(m) and not set(m["what"].split()) & _NOT_A_DAY \
        and holidays.find(m["what"], dt.date.today()) is None


def _own_day(text: str, ctx: SkillContext, today: dt.date) -> Reply | None:
    """The next calendar entry whose title holds the words asked for ("my birthday": an entry
    "my birthday" or "birthday party"), counted in days; None when it names no such thing."""
    from ..agenda import Agenda

    m = _OWN_DAY.search(" ".join(tokens(text)))
    if not m:
        return None
    words = ([m["whose"]] if m["whose"] else []) + [
        w for w in m["what"].split() if w not in ("my", "our", "the", "a", "next", "first")]
    now = dt.datetime.combine(today, dt.time(0))
    ahead = Agenda(ctx.db).upcoming(now, limit=500)
    hits = [e for e in ahead
            if all(re.search(rf"\b{re.escape(w)}", e.title) for w in words)
            and (m["whose"] or not re.search(r"\b[a-z]+'s\b", e.title))]  # not mom's, for "my"
    if not hits and words in (["appointment"], ["event"], ["entry"], ["thing"]):
        hits = ahead  # "how long until my next appointment": whatever is next
        words = hits[0].title.split() if hits else words
    said = " ".join(words)
    your, add = ("", "") if m["whose"] else ("your ", "my ")  # "mom's birthday"
    if not hits:
        return Reply(f"I don't know when {your}{said} is. Add it to your calendar, like: add "
                     f"{add}{said} on June third, and I'll count the days.", "say", (("days", ""),))
    e = hits[0]
    n = (e.day - today).days
    left = e.starts().timestamp() - ctx.clock()
    if n == 0 and e.at and left > 0:  # "how long until my meeting" (was "is today, on ...")
        return Reply(f"{your.capitalize() or said[0].upper()}{said if your else said[1:]} is in "
                     f"{say_duration(max(60.0, round(left / 60) * 60))}, at {say_time(e.at)}.", "say",
                     (("date", e.day.isoformat()), ("days", "0")))
    when = "today" if n == 0 else "tomorrow" if n == 1 else f"in {n} days"
    at = f" at {say_time(e.at)}" if e.at else ""
    return Reply(f"{your.capitalize() or said[0].upper()}{said if your else said[1:]} is {when}, on "
                 f"{_say_date(dt.datetime.combine(e.day, dt.time(12)))}{at}.", "say",
                 (("date", e.day.isoformat()), ("days", str(n))))


_DAYS_OFF = re.compile(r"\b(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                       r"fourteen|twenty|thirty|\d+) (?P<unit>days?|weeks?) (?P<dir>ago|from now|from today|"
                       r"later)\b|\bin (?P<n2>a|an|one|two|three|four|five|six|seven|eight|nine|ten|"
                       r"eleven|twelve|fourteen|twenty|thirty|\d+) (?P<unit2>days?|weeks?)(?: time)?$")


def _days_off(m: re.Match, today: dt.date) -> Reply:
    """"Three days ago was Friday, November 27, 2026." / "In ten days it will be ..."."""
    from .spoken import first_number

    n_word, unit = (m["n"], m["unit"]) if m["n"] else (m["n2"], m["unit2"])
    n = 1 if n_word in ("a", "an") else int(first_number(n_word) or 0)
    days = n * (7 if unit.startswith("week") else 1)
    ago = m["dir"] == "ago"
    day = today - dt.timedelta(days=days) if ago else today + dt.timedelta(days=days)
    when = _say_date(dt.datetime.combine(day, dt.time(12)))
    span = f"{n_word if n_word not in ('a', 'an') else 'a'} {unit}"
    text = (f"{span.capitalize()} ago was {when}." if ago else f"In {span} it will be {when}.")
    return Reply(text, "say", (("date", day.isoformat()),))


_DAY_KIND = re.compile(r"^(?:so )?is (?:it|today|tomorrow) (?:a |the )?(weekend|weekday|week day|"
                       r"school day|work day|workday|working day|business day|"
                       r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?: today| tomorrow)?$")
_WORK_DAYS = ("school day", "work day", "workday", "working day", "business day")
_IS_ON_A = re.compile(r"^(?:so )?(?:is|was|will|does|did) (?P<day>(?:the |my )?[a-z0-9' ]+?) (?:be |fall |falls )?(?:on )?"
                      r"(?:a )?(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?: this year)?$")
"""A day checked against a weekday: "is the 4th a monday", "is christmas on a friday"."""
_LEFT_IN = re.compile(r"\b(?P<unit>days|weeks) (?:are |is )?(?:left|remaining) (?:in |of )?(?:the |this )"
                      r"(?P<span>year|month)\b|\b(?P<unit2>days|weeks) (?:until|till|to|before) the end "
                      r"of (?:the |this )?(?P<span2>year|month)\b")
""""How many days are left in the year", "weeks until the end of the month" (said the date)."""
_ORDERED = ("monday tuesday wednesday thursday friday saturday sunday".split(),
            "january february march april may june july august september october november december".split())
_NEXT_NAME = re.compile(r"^(?:so )?what (?:day |month )?(?:comes|is|goes) (?P<way>after|before) (?P<name>" +
                        "|".join(_ORDERED[0] + _ORDERED[1]) + ")$")
""""What comes after Tuesday" (a child's question; it read the calendar)."""
_YEAR = re.compile(r"\b(?:in )?(?P<y>1[0-9]{3}|2[0-9]{3})\b")
_WHICH_DAY = re.compile(r"\b(?:what|which) day\b|\bday of the week\b")
_SUN = re.compile(r"\b(?:sunset|sunrise|sun (?:set|rise|come up|go down|goes down|comes up)|dawn|"
                  r"dusk|daylight)\b")
_WEEK_NO = re.compile(r"\bweek (?:of the year|number)\b|^what week is it\b")
_LEAP = re.compile(r"\bleap years?\b")
""""Is it a leap year", "is 2028 a leap year", "when is the next leap year"."""


def _leap(text: str, today: dt.date) -> Reply:
    import calendar

    said = re.search(r"\b(1[6-9]\d\d|2\d\d\d)\b", text)
    year = int(said.group(1)) if said else today.year
    nxt = next(y for y in range(today.year + (1 if "next" in text.lower() else 0), today.year + 9)
               if calendar.isleap(y))
    if re.search(r"\bhow many (?:days|weeks)\b", text.lower()):  # was "No, 2026 is not a leap year."
        return Reply("A leap year has 366 days: February has 29. Other years have 365.", "say")
    if "next" in text.lower() and not said:
        return Reply(f"The next leap year is {nxt}.", "say", (("year", str(nxt)),))
    if calendar.isleap(year):
        return Reply(f"Yes, {year} is a leap year.", "say", (("year", str(year)),))
    tail = f" The next one is {nxt}." if year == today.year else ""
    return Reply(f"No, {year} is not a leap year.{tail}", "say", (("year", str(year)),))


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")
_MONTH_DAYS = re.compile(rf"\bhow many days (?:are |is )?(?:there )?in ({'|'.join(_MONTHS)})\b"
                         r"(?: (?:this|next) year| (\d{4}))?")
_UNTIL_CLOCK = re.compile(r"^how (?:long|much time|many (?:hours|minutes)) (?:is it |is there )?(?:until|"
                          r"till|til|before|to) (?P<at>.+)$")
_PART_OF_DAY = re.compile(r"^is it (?:morning|afternoon|evening|night|day|daytime|night time|am|pm)"
                          r"(?: or (?:morning|afternoon|evening|night|day|am|pm))?(?: now| yet)?$")


def _month_days(m: re.Match, today: dt.date) -> Reply:
    import calendar

    month = _MONTHS.index(m.group(1)) + 1
    year = int(m.group(2)) if m.group(2) else today.year + (1 if "next year" in m.group(0) else 0)
    n = calendar.monthrange(year, month)[1]
    return Reply(f"{m.group(1).capitalize()} has {n} days in {year}.", "say", (("days", str(n)),))


def _until_clock(m: re.Match, now: float) -> Reply | None:
    """"How long until midnight" → "Midnight is in 2 hours."; None for no clock time."""
    at = m.group("at")
    clock = parse_clock(at) or (parse_clock(f"at {at}") if not at.startswith("at ") else None)  # "until 11"
    if clock is None:
        return None
    due = next_occurrence(clock[0], clock[1], now, clock[2], at)
    name = at.capitalize() if at in ("noon", "midnight", "midday") else \
        say_time(dt.datetime.fromtimestamp(due).time())
    left = say_duration(max(60.0, round((due - now) / 60) * 60))
    return Reply(f"{name} is in {left}.", "say", (("at", iso_time(due)),))


_BETWEEN_TIMES = re.compile(r"^how (?:many (?:hours|minutes)|long|much time) (?:is it |is there |are there )?(?:between|"
                            r"from) (?P<a>.+?) (?:and|to|until|till) (?P<b>.+)$")
_TIME_FROM = re.compile(r"^what(?:'s| is| time is)(?: it)? (?P<d>.+?) (?P<way>after|before|from) (?P<t>.+)$")


def _time_span(low: str) -> Reply | None:
    """"From 9 AM to 5 PM is 8 hours."; "3 hours after 10 PM is 1 AM."; None for other words."""
    m = _BETWEEN_TIMES.match(low)
    if m:
        a, b = parse_clock(f"at {m['a']}"), parse_clock(f"at {m['b']}")
        if a is None or b is None:
            return None
        start, end = a[0] * 60 + a[1], b[0] * 60 + b[1]
        if end <= start:  # "from 9 to 5": the 5 after the 9
            end += 12 * 60 if not b[2] and end + 12 * 60 > start else 24 * 60
        said = [say_time(dt.time((mins // 60) % 24, mins % 60)) for mins in (start, end)]
        return Reply(f"From {said[0]} to {said[1]} is {say_duration((end - start) * 60.0)}.", "say")
    m = _TIME_FROM.match(low)
    seconds = parse_duration(m["d"]) if m else None
    at = parse_clock(f"at {m['t']}") if seconds else None
    if at is None:
        return None
    start = dt.datetime.combine(dt.date(2000, 1, 3), dt.time(at[0], at[1]))
    t = start + dt.timedelta(seconds=-seconds if m["way"] == "before" else seconds)
    return Reply(f"{m['d'][0].upper()}{m['d'][1:]} {m['way']} {say_time(start.time())} is {say_time(t.time())}.", "say")


def _part_of_day(local: dt.datetime) -> Reply:
    h = local.hour
    part = "morning" if 5 <= h < 12 else "afternoon" if h < 17 else "evening" if 17 <= h < 21 \
        else "night"
    return Reply(f"It's {_say_time(local)}, {'at' if part == 'night' else 'in the'} {part}.", "say")


_HOLIDAY_Q = re.compile(r"^(?:so |and |okay |ok |hey )?(?:is|are|was|will|when|when's|what|what's|"
                        r"which|any|how|do|does|tell)\b.*\bholidays?\b")
_OWN_HOLIDAY = re.compile(r"\b(?:my|our|your|on|for|a family|summer|winter) holidays?\b|"
                          r"\bholidays? (?:home|rental|trip|plans?|party|list)\b|\bbook\b")
"""Holidays of the household's own ("when is my holiday", "how long until our summer holiday"):
the calendar's, not the public ones."""
_PUBLIC = re.compile(r"\b(?:public|bank|federal|national|government|legal|official)\b")


def asks_holiday(text: str) -> bool:
    """"Is tomorrow a holiday", "when is the next bank holiday", "what holidays are coming up",
    "is christmas a public holiday": the named days of :mod:`assistant.holidays`."""
    low = " ".join(tokens(text))
    return bool(_HOLIDAY_Q.search(low)) and not _OWN_HOLIDAY.search(low)


def _short_date(d: dt.date) -> str:
    return f"{d.strftime('%A')}, {d.strftime('%B')} {d.day}"


def _holiday(text: str, today: dt.date) -> Reply:
    low = " ".join(tokens(text))
    abroad = re.search(r"\b(?:in|for) (?!the us\b|america\b|the united states\b|the usa\b|this month\b|"
                       r"(?:" + "|".join(holidays.MONTH_NAMES) + r")\b)([a-z]+(?: [a-z]+)?)$", low)
    if abroad:  # "is it a holiday in france": these are the US's
        reply = _holiday(low[:abroad.start()], today)
        return Reply(f"I only know US holidays. {reply.text}", reply.action, reply.detail)
    federal = bool(_PUBLIC.search(low))
    kind = "public holiday" if federal else "holiday"
    named = holidays.find(low, today)
    if named is not None:  # "is christmas a holiday", "is valentine's day a bank holiday"
        name, d = named
        yes = name in holidays.FEDERAL
        said = f"{name[0].upper()}{name[1:]}"
        head = f"Yes, {said} is a public holiday." if yes else f"{said} isn't a public holiday."
        return Reply(f"{head} It's on {_short_date(d)}.", "say", (("date", d.isoformat()),))
    nxt = holidays.upcoming(today + dt.timedelta(days=1), 3, federal)
    then = f"The next {kind} is {nxt[0][0]}, on {_short_date(nxt[0][1])}."
    day = {"today": today, "tomorrow": today + dt.timedelta(days=1),
           "yesterday": today - dt.timedelta(days=1)}
    said_day = next((w for w in low.split() if w in day), None)
    if said_day is None and re.match(r"(?:so )?is it\b", low):
        said_day = "today"  # "is it a holiday"
    if said_day is not None:
        d = day[said_day]
        name = holidays.on(d, federal)
        verb = "was" if said_day == "yesterday" else "is"
        if name is not None:
            return Reply(f"Yes, {said_day} {verb} {name}.", "say", (("date", d.isoformat()),))
        return Reply(f"No, {said_day} {verb}n't a {kind}. {then}", "say",
                     (("date", nxt[0][1].isoformat()),))
    months = [i for i, m in enumerate(holidays.MONTH_NAMES, 1) if re.search(rf"\b{m}\b", low)]
    if months or re.search(r"\bthis month\b", low):  # "any holidays this month", "... in may"
        month = months[0] if months else today.month
        said = "this month" if month == today.month else f"in {holidays.MONTH_NAMES[month - 1].title()}"
        nxt = [h for h in holidays.upcoming(today, 20, federal) if h[1].month == month
               and (h[1] - today).days < 366]
        if not nxt:
            return Reply(f"There are no {'more ' if month == today.month else ''}{kind}s {said}. "
                         f"{then}", "say")
    if re.search(r"\bholidays\b", low) and len(nxt) > 1:  # "what holidays are coming up"
        items = [f"{name} on {_short_date(d)}" for name, d in nxt]
        return Reply(f"Coming up: {', '.join(items[:-1])} and {items[-1]}.", "say",
                     (("date", nxt[0][1].isoformat()),))
    n = (nxt[0][1] - today).days
    return Reply(f"{then[:-1]}, {'tomorrow' if n == 1 else f'in {n} days'}.", "say",
                 (("date", nxt[0][1].isoformat()),))


def asks_day_kind(text: str) -> bool:
    """"Is it the weekend", "is tomorrow a friday", "what week of the year is it", "is it a leap
    year", "what time is sunset", "how many days are in february", "how long until midnight",
    "is it morning", "when does daylight saving start": the clock's questions, whatever intent
    the model read (it leans calendar)."""
    low = " ".join(tokens(text))
    on_a = _IS_ON_A.match(low)  # "is the 4th a monday", not "is the meeting on a monday"
    on_a = on_a and _a_day_named(on_a["day"], dt.date.today())
    return bool(_DAY_KIND.match(low) or on_a or _WEEK_NO.search(low) or _LEAP.search(low) or _LEFT_IN.search(low)
                or _NEXT_NAME.match(low)
                or (_TIME_OFF.match(low) and parse_duration(low) is not None)
                or (_SUN.search(low) and re.match(r"(?:what|when)\b", low))
                or _MONTH_DAYS.search(low) or _PART_OF_DAY.match(low) or CLOCK_CHANGE.search(low)
                or (_UNTIL_CLOCK.match(low) and _until_clock(_UNTIL_CLOCK.match(low), 0.0) is not None)
                or _time_span(low) is not None)


def _a_day_named(day: str, today: dt.date) -> bool:
    """Is ``day`` (from "is <day> a monday") a date, a holiday or one of the household's own days,
    not a sentence ("is it possible to rent a car from tuesday to friday")?"""
    return len(day.split()) <= 4 and (bool(re.search(r"\d|\b(?:first|second|third|fourth|fifth|tenth|twentieth|"
                                                      r"thirtieth)\b", day))
                                      or holidays.find(day, today) is not None or bool(_own_date(day)))


_own_date = re.compile(r"(?:my|our|[a-z]+'s) (?:\w+ )?(?:birthday|anniversary)").fullmatch


def _is_on_a(m: re.Match, today: dt.date) -> Reply | None:
    """"Is the 4th a Monday": "No, March 4 is a Wednesday." (it said today's weekday)."""
    beyond = re.search(r"\b(\d+) ?(?:st|nd|rd|th)\b", m["day"])
    if beyond and int(beyond[1]) > 31:  # "is the 32nd a monday" read 32 as the year 2032
        return Reply(f"There's no {beyond[1]}{beyond[0][-2:]}: no month has more than 31 days.", "say")
    span = parse_days(m["day"], today) if _a_day_named(m["day"], today) else None
    if span is None or span[0] != span[1]:
        return None
    day = span[0]
    named = holidays.find(m["day"], today)
    name = named[0] if named else f"{day:%B} {day.day}"
    on = f": {day:%B} {day.day}" if named else ""
    yes = day.strftime("%A").lower() == m["wd"]
    verb = "was" if day < today else "is"
    return Reply(f"{'Yes' if yes else 'No'}, {name} {verb} a {day:%A}{on}.", "say", (("date", day.isoformat()),))


def _day_kind(text: str, today: dt.date) -> Reply:
    m = _DAY_KIND.match(" ".join(tokens(text)))
    day = today + dt.timedelta(days=1) if "tomorrow" in m.group(0).split() else today
    kind = m.group(1).replace("week day", "weekday")
    name = day.strftime("%A")
    when = "tomorrow" if day != today else "today"
    if kind in _WORK_DAYS:  # "is it a school day" (said the date), "is tomorrow a work day"
        off = holidays.on(day, federal=True)
        yes = day.weekday() < 5 and off is None
        said = f"{name}, {off}" if off and day.weekday() < 5 else name
        own = " I don't know your school's own days off." if kind == "school day" and yes else ""
        return Reply(f"{'Yes' if yes else 'No'}, {when} is {said}.{own}", "say",
                     (("date", day.isoformat()),))
    yes = (day.weekday() >= 5 if kind == "weekend" else day.weekday() < 5 if kind == "weekday"
           else name.lower() == kind)
    return Reply(f"{'Yes' if yes else 'No'}, {when} is {name}.", "say", (("date", day.isoformat()),))


def _left_in(m: re.Match, today: dt.date) -> Reply:
    unit, span = m["unit"] or m["unit2"], m["span"] or m["span2"]
    end = (dt.date(today.year, 12, 31) if span == "year" else
           (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1))
    n = (end - today).days
    which = str(today.year) if span == "year" else today.strftime("%B")
    said = (f"{n // 7} weeks and {n % 7} days" if unit == "weeks" and n % 7 else
            f"{n // 7} weeks" if unit == "weeks" else f"{n} days")
    return Reply(f"There are {said} left in {which}, after today.", "say",
                 (("days", str(n)), ("date", end.isoformat())))


def _day_in_year(text: str, today: dt.date) -> Reply | None:
    """"What day was July fourth 1776", "what day is christmas 2027": the weekday of a date in
    a year said (the year alone was read as today's date in that year)."""
    low = years_as_digits(" ".join(tokens(text)))  # "christmas in two thousand thirty" (tiny.en)
    year = _YEAR.search(low)
    if year is None or not _WHICH_DAY.search(low):
        return None
    first = dt.date(int(year["y"]), 1, 1)
    rest = low[:year.start()] + low[year.end():]
    named = holidays.find(rest, first)  # "what day will new years day be in 2030"
    days = parse_days(rest, first) or (named and (named[1], named[1]))
    if not days or days[0] != days[1] or days[0].year != first.year:
        return None
    d = days[0]
    verb = "was" if d < today else "is" if d == today else "will be"
    return Reply(f"{d:%B} {d.day}, {d.year} {verb} a {d:%A}.", "say", (("date", d.isoformat()),))


_SEASONS = {"spring": (3, 20), "summer": (6, 21), "autumn": (9, 22), "fall": (9, 22),
            "winter": (12, 21)}
"""The first day of each season (the northern hemisphere's astronomical seasons; the equinox or
solstice falls on this day or the day next to it)."""
_SEASON = re.compile(r"\b(?:until|till|til|to|before|is|does|starts?|of) (?:the )?(?:first day of )?"
                     r"(spring|summer|autumn|fall|winter)\b(?! (?:holidays?|time|vacation|break|camp|"
                     r"term|party|solstice))")


def _season(low: str, today: dt.date) -> tuple[str, dt.date] | None:
    """"how many weeks until summer" → ("Summer", its next first day)."""
    m = _SEASON.search(low)
    if m is None:
        return None
    month, day = _SEASONS[m[1]]
    d = dt.date(today.year, month, day)
    return m[1].title(), d if d >= today else dt.date(today.year + 1, month, day)


_WHAT_TIME_IS_THE = re.compile(r"(?:so )?what time (?:is|does|s) (?:the|my|our|his|her|their) "
                               r"(?!time\b|date\b|clock\b)(?P<what>[a-z' ]+?)(?: start| begin| tonight| "
                               r"today| tomorrow| on)?$")
"""A question about an event's time ("what time is the match"), for the calendar."""
_WHEN_SEASON = re.compile(r"(?:so )?(?:when|what day) (?:does|do|is|will) (?:the )?(?:first day of )?"
                          r"(?:spring|summer|autumn|fall|winter)(?: start| begin| starts| begins)?"
                          r"(?: this year| next year)?$")
_TIME_OFF = re.compile(r"^(?:so )?what time (?:will it be|is it going to be|would it be|will it be in|"
                       r"was it)\b.*\b(?:minutes?|hours?|mins?)\b|^(?:so )?what time is it "
                       r"(?:in|plus) .*\b(?:minutes?|hours?|mins?)(?: from now)?$")
""""What time will it be in 45 minutes", "what time was it three hours ago"."""


def _time_off(text: str, now: float) -> Reply | None:
    seconds = parse_duration(text)
    if not seconds:
        return None
    ago = bool(re.search(r"\bago\b|\bwas it\b", text.lower()))
    t = dt.datetime.fromtimestamp(now - seconds if ago else now + seconds)
    when = say_duration(seconds)
    day = "" if t.date() == dt.date.fromtimestamp(now) else f" on {t.strftime('%A')}"
    said = (f"{when[0].upper()}{when[1:]} ago it was {_say_time(t)}{day}." if ago
            else f"In {when} it will be {_say_time(t)}{day}.")
    return Reply(said, "say", (("time", t.isoformat(timespec="minutes")),))


def _days_until(text: str, today: dt.date) -> Reply | None:
    """"Christmas is in 26 days, on Friday, December 25." for a question about one day."""
    low = " ".join(tokens(text))
    # "when is easter next year" gave this year's; "how long ago was new year's day" today's date
    year = today.year + 1 if re.search(r"\bnext year\b", low) else \
        today.year - 1 if re.search(r"\blast year\b", low) else None
    past = bool(re.search(r"\b(?:ago|was|did|since|fell)\b", low))
    named = holidays.find(text, today, year, past) or _season(low, today)
    if named is None and not _UNTIL.search(low):
        return None
    month = ""
    if named is not None:
        name, day = named
    else:
        low, month = _to_month(low, today)
        span = parse_days(low, today)
        if span is None:
            return None
        day = span[0]
        name = month or "That" if re.search(r"\d|\bthe\b", low) or month else day.strftime("%A")
    n = (day - today).days
    when = _say_date(dt.datetime.combine(day, dt.time(12)))
    detail = (("date", day.isoformat()), ("days", str(n)))
    subject = "That's" if name == "That" else f"{name} starts" if month else f"{name} is"
    if n == 0:
        return Reply(f"{subject} today!", "say", detail)
    if n < 0:
        ago = "yesterday" if n == -1 else f"{-n} days ago"
        return Reply(f"{'That was' if name == 'That' else f'{name} was'} {ago}, on {when}.", "say", detail)
    days = "tomorrow" if n == 1 else f"in {n} days"
    if re.search(r"\bweeks?\b", low) and n >= 7:  # "how many weeks until christmas"
        w, d = divmod(n, 7)
        days = f"in {w} week{'s' if w > 1 else ''}" + (f" and {d} day{'s' if d > 1 else ''}" if d else "")
    return Reply(f"{subject} {days}, on {when}.", "say", detail)


def _slot_date(u: Understanding) -> dt.date | None:
    """The first ``date`` slot's normalised ISO value, if the model gave one ("this saturday"
    can come as two slots, "this" with no value and "saturday")."""
    for s in u.slots:
        if s.type == "date" and isinstance(s.value, str):
            try:
                return dt.date.fromisoformat(s.value)
            except ValueError:
                continue
    return None


class ClockSkill(Skill):
    intents = ("datetime_query", "datetime_convert")

    def handle(self, u: Understanding, ctx: SkillContext) -> Reply:
        now = ctx.clock()
        local = dt.datetime.fromtimestamp(now).astimezone()
        low = " ".join(tokens(u.text))
        if CLOCK_CHANGE.search(low):  # "when does daylight saving start"
            return clock_change(now)
        if _SUN.search(low):  # "what time is sunset" once got the time now
            return Reply("Sorry, I can't tell sunrise and sunset times offline yet.", "unsupported",
                         (("intent", u.intent),))
        if _DAY_KIND.match(low):
            return _day_kind(u.text, local.date())
        on_a = _IS_ON_A.match(low)
        checked = _is_on_a(on_a, local.date()) if on_a else None
        if on_a and checked is None and _own_date(on_a["day"]):  # "is my birthday on a saturday"
            checked = _own_day(f"what day is {on_a['day']}", ctx, local.date())
        if checked is not None:
            return checked
        dated = _day_in_year(u.text, local.date())
        if dated is not None:
            return dated
        order = _NEXT_NAME.match(low)
        if order:
            names = _ORDERED[0] if order["name"] in _ORDERED[0] else _ORDERED[1]
            i = names.index(order["name"]) + (1 if order["way"] == "after" else -1)
            said = names[i % len(names)].capitalize()
            return Reply(f"{said} comes {order['way']} {order['name'].capitalize()}.", "say", (("name", said),))
        left = _LEFT_IN.search(low)
        if left:
            return _left_in(left, local.date())
        event = _WHAT_TIME_IS_THE.match(low)
        if event and not find_zones(event["what"]):  # "what time is the match" said the time now
            from .agenda import AgendaSkill

            return AgendaSkill().handle(dataclasses.replace(u, intent="calendar_query"), ctx)
        if _TIME_OFF.match(low):  # "what time will it be in 45 minutes"
            reply = _time_off(low, now)
            if reply is not None:
                return reply
        if asks_holiday(u.text):
            return _holiday(u.text, local.date())
        if asks_own_day(u.text):  # "how many days until my birthday"
            reply = _own_day(u.text, ctx, local.date())
            if reply is not None:
                return reply
        if _LEAP.search(low):
            return _leap(u.text, local.date())
        month = _MONTH_DAYS.search(low)
        if month:  # "how many days are in february" ("That's Sunday, February 28")
            return _month_days(month, local.date())
        if _PART_OF_DAY.match(low):  # "is it morning or afternoon" (the model: weather)
            return _part_of_day(local)
        span = _time_span(low)
        if span is not None:  # "how many hours between 9 am and 5 pm" ("only the time in a named city")
            return span
        until = _UNTIL_CLOCK.match(low)
        if until:  # "how long until midnight" ("didn't catch that")
            reply = _until_clock(until, now)
            if reply is not None:
                return reply
        if _WEEK_NO.search(low):
            return Reply(f"It's week {local.isocalendar()[1]} of {local.isocalendar()[0]}.", "say",
                         (("date", local.date().isoformat()),))
        if asks_days_until(u.text, local.date()):
            reply = _days_until(u.text, local.date())
            if reply is not None:
                return reply
        shift = _DAYS_OFF.search(low)
        if shift:  # "what day was it three days ago", "what's the date in ten days"
            return _days_off(shift, local.date())
        reply = zone_reply(u, now, local)
        if reply is not None:  # "what time is it in Tokyo", "what time zone am I in"
            return reply
        words = set(tokens(u.text))
        if "time" in words and words & {"date", "day"} and not words & {"tomorrow", "yesterday"}:
            # "what's the time and the date" said the time only
            return Reply(f"It's {_say_time(local)} on {_say_date(local)}.", "say",
                         (("time", local.isoformat(timespec="minutes")),))
        wants_date = bool(words & {"date", "day", "today", "today's", "month", "year", "week",
                                   "tomorrow", "yesterday"}) and "time" not in words
        if "day after tomorrow" in " ".join(tokens(u.text)):  # "That's Tuesday" (the model's date slot)
            t = local + dt.timedelta(days=2)
            return Reply(f"The day after tomorrow is {_say_date(t)}.", "say", (("date", t.date().isoformat()),))
        if "tomorrow" in words:
            t = local + dt.timedelta(days=1)
            return Reply(f"Tomorrow is {_say_date(t)}.", "say", (("date", t.date().isoformat()),))
        if "yesterday" in words:
            t = local - dt.timedelta(days=1)
            return Reply(f"Yesterday was {_say_date(t)}.", "say", (("date", t.date().isoformat()),))
        day = _slot_date(u)
        if day is not None and day != local.date() and "time" not in words:
            # "what's the date next friday": the day asked about, not today
            t = dt.datetime.combine(day, dt.time(12))
            return Reply(f"That's {_say_date(t)}.", "say", (("date", day.isoformat()),))
        if wants_date:
            if re.fullmatch(r"(?:so )?what (?:year|month) is it(?: now)?", " ".join(tokens(u.text))):
                said = local.strftime("%Y" if "year" in words else "%B")
                return Reply(f"It's {said}.", "say", (("date", local.date().isoformat()),))
            if re.search(r"\bwhat (day|weekday)\b", u.text.lower()) and "date" not in words:
                return Reply(f"It's {local.strftime('%A')}.", "say",
                             (("date", local.date().isoformat()),))
            return Reply(f"Today is {_say_date(local)}.", "say",
                         (("date", local.date().isoformat()),))
        return Reply(f"It's {_say_time(local)}.", "say",
                     (("time", local.isoformat(timespec="minutes")),))
