"""Reading numbers, durations and clock times out of spoken text, and writing them back speakably.

Transcripts say the same thing many ways ("ten minutes", "10 minutes", "10 min", "half an hour";
"seven am", "7 a.m.", "7:30", "half past seven", "noon"), so skills parse the text themselves as a
fallback when the understanding model left a slot out. Everything here is pure functions of text.
"""

from __future__ import annotations

import datetime as dt
import re

_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate(
    "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if w != "_"}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
             "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
_NUM_WORD = set(_UNITS) | set(_TENS) | {"hundred", "a", "an", "and", "half", "oh", "o"}


def tokens(text: str) -> list[str]:
    """Lower-case words and numbers; "7:30" → ["7:30"], "a.m." → ["am"], "10min" → ["10", "min"]."""
    t = text.lower().replace("a.m.", "am").replace("p.m.", "pm").replace("a. m.", "am") \
        .replace("p. m.", "pm").replace("-", " ")
    t = re.sub(r"(\d)(am|pm|h|min|mins|s|sec|secs|m)\b", r"\1 \2", t)
    return re.findall(r"\d+:\d\d|\d+(?:\.\d+)?|[a-z']+", t)


_TWO_DIGITS = r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?: (?:one|two|three|four|five|" \
    r"six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|" \
    r"nineteen|oh (?:one|two|three|four|five|six|seven|eight|nine))"
_YEAR_WORDS = re.compile(rf"\btwo thousand(?: and)?(?: (?P<a>{_TWO_DIGITS}|one|two|three|four|five|six|seven|"
                         rf"eight|nine))?\b|\b(?P<c>eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
                         rf"seventeen|eighteen|nineteen|twenty) (?P<b>{_TWO_DIGITS}|hundred)\b")


def years_as_digits(text: str) -> str:
    """``text`` (plain lower-case words) with years said as words written as digits: "two
    thousand thirty" → "2030", "seventeen seventy six" → "1776", "nineteen oh five" → "1905",
    "twenty twenty six" → "2026". Only a whole year is read ("twenty minutes" stays)."""
    def two(words: str) -> int:
        return sum(_UNITS.get(w, 0) + _TENS.get(w, 0) for w in words.split())

    def year(m: re.Match) -> str:
        if m["c"] is None:
            return str(2000 + (two(m["a"]) if m["a"] else 0))
        return str(two(m["c"]) * 100 + (0 if m["b"] == "hundred" else two(m["b"])))
    return _YEAR_WORDS.sub(year, text)


def number_at(toks: list[str], i: int) -> tuple[float | None, int]:
    """The number starting at ``toks[i]`` → (value, tokens used), or (None, 0).

    Handles digits, "twenty five", "a hundred", "two and a half", "an"/"a" (= 1, only before a
    unit word the caller checks), "half" (= 0.5).
    """
    if i >= len(toks):
        return None, 0
    w = toks[i]
    if re.fullmatch(r"\d+(?:\.\d+)?", w):
        value, used = float(w), 1
    elif w in ("a", "an"):
        value, used = 1.0, 1
        if i + 1 < len(toks) and toks[i + 1] == "hundred":
            value, used = 100.0, 2
    elif w == "half":
        return 0.5, 1
    elif w in _UNITS or w in _TENS:
        value, used = 0.0, 0
        j = i
        if toks[j] in _TENS:
            value += _TENS[toks[j]]
            j += 1
            if j < len(toks) and toks[j] in _UNITS and _UNITS[toks[j]] < 10:
                value += _UNITS[toks[j]]
                j += 1
        elif toks[j] in _UNITS:
            value += _UNITS[toks[j]]
            j += 1
        if j < len(toks) and toks[j] == "hundred":
            value *= 100
            j += 1
            if j < len(toks) and toks[j] == "and" and j + 1 < len(toks) and (
                    toks[j + 1] in _UNITS or toks[j + 1] in _TENS):
                j += 1
            rest, n = number_at(toks, j)
            if rest is not None and toks[j] not in ("a", "an", "half"):
                value += rest
                j += n
        used = j - i
    else:
        return None, 0
    # "two and a half", "one and a quarter"
    j = i + used
    if j + 2 < len(toks) and toks[j] == "and" and toks[j + 1] in ("a", "an"):
        if toks[j + 2] == "half":
            return value + 0.5, used + 3
        if toks[j + 2] == "quarter":
            return value + 0.25, used + 3
    return value, used


def first_number(text: str) -> float | None:
    """The first number said in ``text`` (digits or words; "a"/"an" not counted), or None."""
    toks = tokens(text)
    for i, w in enumerate(toks):
        if w in ("a", "an", "half", "and", "oh", "o"):
            continue
        if w in _ORDINALS:
            return float(_ORDINALS[w])
        v, n = number_at(toks, i)
        if v is not None:
            return v
    return None


_DUR_UNITS = {"second": 1, "seconds": 1, "sec": 1, "secs": 1, "s": 1,
              "minute": 60, "minutes": 60, "min": 60, "mins": 60, "m": 60,
              "hour": 3600, "hours": 3600, "hr": 3600, "hrs": 3600, "h": 3600}


_ORDINAL_NOUNS = {"timer", "timers", "alarm", "reminder", "one", "time", "list", "song", "track"}
"""Words after "second" that make it an ordinal ("a second timer"), not a unit."""


_MORE = {"more", "extra", "additional"}


def parse_duration(text: str) -> float | None:
    """A duration said in ``text`` in seconds ("ten minutes" → 600, "an hour and a half" → 5400,
    "1 hour 20 minutes" → 4800, "half an hour" → 1800, "90 seconds" → 90), or None."""
    toks = [t for t in tokens(text) if t not in _MORE]  # "five more minutes", "two extra hours"
    total, found, i = 0.0, False, 0
    while i < len(toks):
        if toks[i] == "half" and i + 2 < len(toks) and toks[i + 1] in ("a", "an") \
                and toks[i + 2] in _DUR_UNITS:
            total += 0.5 * _DUR_UNITS[toks[i + 2]]
            found, i = True, i + 3
            continue
        if toks[i] in ("quarter", "quarters") and i + 2 < len(toks) and toks[i + 1] in ("of",) \
                and toks[i + 2] in ("an", "a") and i + 3 < len(toks) and toks[i + 3] == "hour":
            total += 2700 if i > 0 and toks[i - 1] == "three" else 900  # "three quarters of an hour"
            found, i = True, i + 4
            continue
        v, n = number_at(toks, i)
        if v is not None and i + n < len(toks) and toks[i + n] in _DUR_UNITS and not (
                toks[i] == "a" and toks[i + n] == "second" and i + n + 1 < len(toks)
                and toks[i + n + 1] in _ORDINAL_NOUNS):  # "a second timer" is the next one
            unit = _DUR_UNITS[toks[i + n]]
            total += v * unit
            found, i = True, i + n + 1
            # "an hour and a half", "a minute and a half", "an hour and a quarter"
            if i + 2 < len(toks) and toks[i] == "and" and toks[i + 1] in ("a", "an") \
                    and toks[i + 2] in ("half", "quarter"):
                total += (0.5 if toks[i + 2] == "half" else 0.25) * unit
                i += 3
            continue
        i += 1
    return total if found and total > 0 else None


_CLOCK_WORDS = {"noon": (12, 0), "midday": (12, 0), "midnight": (0, 0)}
_MORNING = ("morning", "am")
_EVENING = ("pm", "evening", "tonight", "afternoon", "night")


def parse_clock(text: str) -> tuple[int, int, bool] | None:
    """A clock time said in ``text`` → (hour 0-23, minute, sure) or None. ``sure`` is False when
    the hour could be am or pm ("at seven": the caller picks the next occurrence).

    "seven am", "7 am", "7:30 pm", "seven thirty", "half past seven", "quarter to eight",
    "noon", "at 19:00", "five o'clock in the evening", "my 745 alarm".
    """
    toks = tokens(re.sub(r"\b(\d{1,2})\.([0-5]\d)\b(?! ?(?:hours?|minutes?|seconds?))",
                         r"\1:\2", text.lower()))  # "6.30" is a time, "1.5 hours" is not
    low = " ".join(toks)
    span = re.search(r"\b(?:from|between) (\S+(?: \S+)?) (?:to|and|till|until) ", low)
    if span and not low.startswith("at "):  # "from 5 to 7": it starts at 5 (it was 6:55, "five to seven")
        start = parse_clock(f"at {span[1]}")
        half = re.match(r"\S+(?: \S+)? (am|pm)\b", low[span.end():])  # "between 6 and 7 pm": both PM
        if start is not None and not start[2] and half:
            return start[0] % 12 + (12 if half[1] == "pm" else 0), start[1], True
        if start is not None:
            return start
    for word, (h, m) in _CLOCK_WORDS.items():
        if word in toks:
            return h, m, True
    hour = minute = None
    m = re.search(r"\b(\d{1,2}):(\d\d)\b", low)
    if m:
        hour, minute = int(m.group(1)), int(m.group(2))
    else:
        m = re.search(r"\b(half|quarter|(?:(?:twenty|thirty|forty|fifty) )?\S+ minutes?|(?:(?:twenty|thirty|forty|"
                      r"fifty) )?\S+) (past|after|to|till) (\S+(?: \S+)?)", low)  # "twenty five past six"
        if m:
            rel = m.group(1).replace(" minutes", "").replace(" minute", "")
            mins = 30 if rel == "half" else 15 if rel == "quarter" else first_number(rel)
            h = first_number(m.group(3)) if first_number(m.group(3).split()[0]) is not None else None
            if m.group(2) in ("to", "till") and (mins is not None and mins % 5 and "minute" not in m.group(1)
                                                  or re.search(r"\b(?:from|between)\s*$", low[:m.start()])):
                h = None  # "from july 1 to july 10" was 9:59 ("one minute to ten"), "from 5 to 7" 6:55
            if mins is not None and h is not None and 0 < h <= 24:
                hour = int(h) if m.group(2) in ("past", "after") else (int(h) - 1) % 24
                minute = int(mins) if m.group(2) in ("past", "after") else 60 - int(mins)
        if hour is None:
            for i, w in enumerate(toks):
                if w in ("am", "pm", "o'clock", "oclock") and i > 0:
                    start = i - 1
                    while start > 0 and toks[start - 1] in _NUM_WORD | set(_TENS) and \
                            toks[start - 1] not in ("a", "an", "and"):
                        start -= 1
                    hour, minute = _hour_minute(toks[start:i])
                    if hour is not None:
                        break
        if hour is None:
            for i, w in enumerate(toks[:-1]):
                if w in ("at", "for", "to") and toks[i + 1] not in ("a", "an", "half"):
                    hour, minute = _hour_minute(toks[i + 1:i + 5], stop_at_unit=True)
                    if hour is not None:
                        break
        if hour is None:  # "delete my 7:45 alarm", "the seven thirty alarm"
            for i, w in enumerate(toks):
                if w == "alarm" and i > 0:  # not "alarms": "two alarms" is a count
                    start = i
                    while start > 0 and i - start < 4 and toks[start - 1] not in ("a", "an", "and") \
                            and (toks[start - 1] in _NUM_WORD or re.fullmatch(r"\d{1,4}|\d{1,2}:\d\d",
                                                                            toks[start - 1])):
                        start -= 1
                    if start < i:
                        hour, minute = _hour_minute(toks[start:i])
                        if hour is not None:
                            break
    if hour is None or minute is None or not (0 <= hour <= 24 and 0 <= minute < 60):
        return None
    hour %= 24
    if "pm" in toks or any(w in toks for w in _EVENING[1:]):
        if hour < 12:
            hour += 12
        return hour, minute, True
    if "am" in toks or "morning" in toks:
        if hour == 12:
            hour = 0
        return hour, minute, True
    return hour, minute, hour == 0 or hour > 12


def _hour_minute(toks: list[str], stop_at_unit: bool = False) -> tuple[int | None, int | None]:
    """["seven", "thirty"] → (7, 30); ["7"] → (7, 0); ["seven", "oh", "five"] → (7, 5)."""
    if not toks:
        return None, None
    if re.fullmatch(r"\d+:\d\d", toks[0]):
        h, m = toks[0].split(":")
        return int(h), int(m)
    w = toks[0]
    if w in _UNITS:
        h, n = _UNITS[w], 1
    elif re.fullmatch(r"\d{1,4}", w):
        v = int(w)
        if v >= 100:  # "0730", "730"
            return v // 100, v % 100
        h, n = v, 1
    else:
        return None, None
    if stop_at_unit and n < len(toks) and toks[n] in _DUR_UNITS:
        return None, None  # "for ten minutes" is a duration, not a time
    if h > 24:
        return None, None
    rest = toks[n:]
    if rest and rest[0] in ("oh", "o") and len(rest) > 1 and rest[1] in _UNITS:
        return h, _UNITS[rest[1]]
    if rest and (rest[0] in _TENS or (rest[0] in _UNITS and _UNITS[rest[0]] >= 10)):
        v, _ = number_at(rest, 0)
        return h, int(v) if v is not None and v < 60 else 0
    if rest and re.fullmatch(r"\d\d", rest[0]):
        return h, int(rest[0]) if int(rest[0]) < 60 else 0
    return h, 0


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def next_occurrence(hour: int, minute: int, now: float, sure: bool = True,
                    text: str = "") -> float:
    """Epoch seconds of the next local ``hour:minute`` after ``now``.

    Not ``sure`` (no am/pm said): whichever of the am and pm readings comes first. "tomorrow" or a
    weekday in ``text`` moves it to that day.
    """
    base = dt.datetime.fromtimestamp(now)
    toks = set(tokens(text))
    day_offset = None
    if "tomorrow" in toks:
        day_offset = 1
    else:
        for i, name in enumerate(_WEEKDAYS):
            if name in toks:
                day_offset = (i - base.weekday()) % 7 or 7
                break
    choices = [hour] if sure else [hour % 12, hour % 12 + 12]
    best = None
    for h in choices:
        if day_offset is not None:
            cand = (base + dt.timedelta(days=day_offset)).replace(hour=h, minute=minute, second=0,
                                                                  microsecond=0)
        else:
            cand = base.replace(hour=h, minute=minute, second=0, microsecond=0)
            if cand.timestamp() <= now:
                cand += dt.timedelta(days=1)
        if best is None or cand < best:
            best = cand
    return best.timestamp()


_TODAY = re.compile(r"\b(?:today|tonight|this (?:morning|afternoon|evening))\b")


def passed_today(text: str, at: float, now: float) -> str:
    """"Remind me at 8 tonight" said at 10 PM: "It's past 8 PM already. " to say before what
    was set for tomorrow (``at``); "" when ``text`` names no part of today or ``at`` is today."""
    if _TODAY.search(text.lower()) and dt.date.fromtimestamp(at) != dt.date.fromtimestamp(now):
        return f"It's past {say_time(dt.datetime.fromtimestamp(at).time())} already. "
    return ""


def first_day(at: float, now: float) -> str:
    """"today", "tomorrow", "on Monday" (within a week of ``now``)."""
    days = (dt.date.fromtimestamp(at) - dt.date.fromtimestamp(now)).days
    return "today" if days == 0 else "tomorrow" if days == 1 else f"on {dt.date.fromtimestamp(at):%A}"


def say_hm(clock: tuple[int, int, bool]) -> str:
    """(7, 30, True) → "7:30 AM"; (7, 0, False) → "7"; noon."""
    h, m, sure = clock
    if (h, m, sure) == (12, 0, True):
        return "noon"
    h12 = h % 12 or 12
    core = f"{h12}" if m == 0 else f"{h12}:{m:02d}"
    return f"{core} {'AM' if h < 12 else 'PM'}" if sure else core


def say_count(n: int, word: str) -> str:
    """3, "alarm" → "three alarms"; 1 → "one alarm"."""
    names = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}
    return f"{names.get(n, str(n))} {word}{'' if n == 1 else 's'}"


def iso_time(ts: float) -> str:
    """Unix seconds → local ISO 8601 to the second, for the events' detail."""
    return dt.datetime.fromtimestamp(ts).astimezone().isoformat(timespec="seconds")


def say_list(parts: list[str]) -> str:
    """["milk"] → "milk"; ["milk", "eggs", "bread"] → "milk, eggs and bread"."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def say_time(t: dt.time) -> str:
    """A clock time as said: "7 AM", "7:30 PM", "noon" ("12 PM" is read out letter by letter;
    midnight stays "12 AM", since "midnight tomorrow" is read as either night)."""
    if (t.hour, t.minute) == (12, 0):
        return "noon"
    hour12 = t.hour % 12 or 12
    ampm = "AM" if t.hour < 12 else "PM"
    return f"{hour12} {ampm}" if t.minute == 0 else f"{hour12}:{t.minute:02d} {ampm}"


def say_duration(seconds: float) -> str:
    """600 → "10 minutes"; 5400 → "1 hour and 30 minutes"; 2 → "2 seconds"."""
    s = int(round(seconds))
    h, rem = divmod(s, 3600)
    m, sec = divmod(rem, 60)
    parts = [f"{v} {name}{'' if v == 1 else 's'}"
             for v, name in ((h, "hour"), (m, "minute"), (sec, "second")) if v]
    return say_list(parts) if parts else "0 seconds"


def say_clock(ts: float, now: float | None = None) -> str:
    """Epoch seconds → "7 AM", "7:30 PM", with "tomorrow" or a weekday when not today."""
    t = dt.datetime.fromtimestamp(ts)
    clock = say_time(t.time())
    if now is None:
        return clock
    today = dt.datetime.fromtimestamp(now).date()
    days = (t.date() - today).days
    if days == 1:
        return f"{clock} tomorrow"
    if 1 < days < 7:
        return f"{clock} on {t.strftime('%A')}"
    if days >= 7:  # the year too when it could be another one ("in 5 years")
        return f"{clock} on {t.strftime('%A')} {t.strftime('%B')} {t.day}" + (f", {t.year}" if days > 300 else "")
    return clock


_YOU = {"i": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself", "i'm": "you're",
        "i've": "you've", "i'll": "you'll", "i'd": "you'd", "we": "you", "us": "you", "our": "your",
        "ours": "yours", "ourselves": "yourselves", "we're": "you're", "we've": "you've"}


def to_you(text: str) -> str:
    """The speaker's words said back to them: "take my pills" → "take your pills", "that I have a
    meeting" → "that you have a meeting" (lowercase words in, lowercase out)."""
    text = re.sub(r"\bi am\b", "you are", text)  # not "9 am"
    return re.sub(r"\b[a-z']+\b", lambda m: _YOU.get(m[0], m[0]), text)


def speakable(text: str) -> str:
    """Names as TTS should read them: "AC/DC" → "AC DC", "Simon & Garfunkel" → "Simon and ..."."""
    text = text.replace("&", " and ").replace("/", " ").replace("_", " ")
    return re.sub(r"\s+", " ", text).strip()


EVERY_DAY, WEEKDAYS, WEEKENDS = "0123456", "01234", "56"
_DAY_PLURALS = {name + "s": str(i) for i, name in enumerate(_WEEKDAYS)}


def repeat_days(text: str) -> str | None:
    """The weekdays an alarm said to repeat rings on, as digits of ``date.weekday()`` (Monday 0):
    "every day" → "0123456", "every weekday" → "01234", "at weekends" → "56", "every monday and
    friday" / "on tuesdays" → "04" / "1"; None when it is said once."""
    low = " ".join(tokens(text))
    if re.search(r"\b(?:every ?day|daily|each day|every (?:morning|night|evening|afternoon)|each "
                 r"(?:morning|night)|seven days a week)\b", low):
        return EVERY_DAY
    if re.search(r"\b(?:every|each|on|during the) (?:week ?day|weekday)s?\b|\bweekdays\b|"
                 r"\bmonday (?:to|through|thru|till|until) friday\b|\bworkdays?\b", low):
        return WEEKDAYS
    if re.search(r"\b(?:every|each|on|at|over the) weekends?\b|\bweekends\b", low):
        return WEEKENDS
    days = set()
    for m in re.finditer(r"\b(?:every|each) ((?:monday|tuesday|wednesday|thursday|friday|saturday|"
                         r"sunday)(?:(?: and|,| or)? (?:monday|tuesday|wednesday|thursday|friday|"
                         r"saturday|sunday))*)", low):
        days |= {str(_WEEKDAYS.index(w)) for w in m.group(1).split() if w in _WEEKDAYS}
    days |= {d for w, d in _DAY_PLURALS.items() if re.search(rf"\b{w}\b", low)}
    return "".join(sorted(days)) or None


def say_repeat(days: str) -> str:
    """"every day", "every weekday", "every weekend", "every Monday and Friday"."""
    if days == EVERY_DAY:
        return "every day"
    if days == WEEKDAYS:
        return "every weekday"
    if days == WEEKENDS:
        return "every weekend"
    return "every " + say_list([_WEEKDAYS[int(d)].capitalize() for d in days])


EXCEPT = re.compile(r"\b(?:except|but|apart from|other than|besides)\b")
"""The words that keep one thing out of "cancel all ...": "except the rice", "but the milk"."""
