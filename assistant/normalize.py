"""Slot values in the form skills use: clock times "HH:MM", durations in seconds, numbers, ISO dates.

Spoken numbers go through text2num (``alpha2digit``), dates and the clock phrases it leaves
(noon, midnight, "7 am") through dateparser, with English only and the future preferred
(an alarm "at seven" or "on friday" means the next one). Nothing here raises on odd input:
a value that cannot be read is None.

>>> normalize("time", "seven am")
'07:00'
>>> normalize("time", "ten minutes")
600
"""

from __future__ import annotations

import datetime as _dt
import re

# slot types whose value is a clock time or a duration, a date, a number
TIME_TYPES = {"time"}
DATE_TYPES = {"date"}
NUMBER_TYPES = {"change_amount", "general_frequency"}

_UNITS = {"second": 1, "sec": 1, "minute": 60, "min": 60, "hour": 3600, "hr": 3600, "day": 86400,
          "week": 604800}
_DURATION = re.compile(r"(\d+(?:\.\d+)?|an?|half an?)\s*(second|sec|minute|min|hour|hr|day|week)s?\b")
_CLOCK = re.compile(r"^(?:at |for |by |around |about )?(\d{1,2})(?:[:. ](\d{2}))?\s*"
                    r"(a\.?\s?m\.?|p\.?\s?m\.?|o'?\s?clock|in the morning|in the evening|at night|"
                    r"in the afternoon|tonight)?$")
_PAST_TO = re.compile(r"^(?:at )?(?:a )?(half|quarter|\d{1,2})(?: minutes?)? (past|after|to|before) (\d{1,2})"
                      r"\s*(am|pm|a\.m\.|p\.m\.)?$")


def _digits(text: str) -> str:
    from text_to_num import alpha2digit
    try:
        return alpha2digit(text, "en", threshold=0)
    except Exception:  # the library's own parse errors: keep the words
        return text


def _hhmm(h: int, m: int, suffix: str | None) -> str | None:
    s = (suffix or "").replace(".", "").replace(" ", "")
    if s.startswith("pm") or s in ("intheevening", "atnight", "intheafternoon", "tonight"):
        if h < 12:
            h += 12
    elif s.startswith("am") and h == 12:
        h = 0
    if 0 <= h <= 23 and 0 <= m <= 59:
        return f"{h:02d}:{m:02d}"
    return None


def duration_seconds(text: str) -> int | None:
    """'ten minutes' -> 600, 'an hour and a half' -> 5400; None when no unit is said."""
    t = _digits(text.lower())
    # "a quarter of an hour" was an hour ("an hour" read alone)
    t = re.sub(r"\bthree quarters of an hour\b", "45 minutes", t)
    t = re.sub(r"\b(?:a )?quarter (?:of an )?hour\b", "15 minutes", t)
    total, found = 0.0, False
    for num, unit in _DURATION.findall(t):
        n = 0.5 if num.startswith("half") else 1.0 if num in ("a", "an") else float(num)
        total += n * _UNITS[unit]
        found = True
    if not found:
        return None
    m = re.search(r"(second|sec|minute|min|hour|hr|day|week)s? and a half", t)
    if m:
        total += _UNITS[m.group(1)] / 2
    return int(round(total))


def clock_time(text: str, now: _dt.datetime | None = None) -> str | None:
    """'seven am' -> '07:00', 'half past six pm' -> '18:30', 'noon' -> '12:00'; None for words
    that name no time of day ('tomorrow', 'friday')."""
    t = " ".join(_digits(text.lower()).split())
    m = _CLOCK.match(t)
    if m:
        return _hhmm(int(m.group(1)), int(m.group(2) or 0), m.group(3))
    m = _PAST_TO.match(t)
    if m:
        q = {"half": 30, "quarter": 15}.get(m.group(1))
        mins = q if q is not None else int(m.group(1))
        h = int(m.group(3))
        if m.group(2) in ("to", "before"):
            h, mins = (h - 1) % 24, 60 - mins
        return _hhmm(h, mins, m.group(4))
    if not _TIME_OF_DAY.search(t):
        return None  # dateparser reads "friday" or "tomorrow" as that day at the current time
    d = _dateparse(t, now)
    return d.strftime("%H:%M") if d else None


_TIME_OF_DAY = re.compile(r"\d|noon|midnight|morning|afternoon|evening|night|o'?clock|\b[ap]\.?m\b")


def _dateparse(text: str, now: _dt.datetime | None):
    import dateparser
    try:
        return dateparser.parse(text, languages=["en"], settings={
            "PREFER_DATES_FROM": "future", "RELATIVE_BASE": now or _dt.datetime.now(),
            "RETURN_AS_TIMEZONE_AWARE": False})
    except Exception:  # dateparser raises on some odd strings; an unreadable date is just None
        return None


def calendar_date(text: str, now: _dt.datetime | None = None) -> str | None:
    """'tomorrow' -> ISO date 'YYYY-MM-DD' relative to ``now``, 'christmas eve' -> its next
    date; None when it is not a date."""
    from . import holidays

    t = _digits(holidays.spell_out(text, (now or _dt.datetime.now()).date()))
    if re.fullmatch(r"(?:in |of )?\d{4}", t.strip()):
        return None  # a year alone ("what day is christmas 2027"): dateparser put today's day in it
    d = _dateparse(t, now)
    if d is None and t.startswith(("on ", "for ", "this ", "by ")):
        d = _dateparse(t.split(" ", 1)[1], now)
    return d.date().isoformat() if d else None


def number(text: str) -> int | float | None:
    """The first number said: 'by twenty percent' -> 20, 'two and a half' -> 2.5."""
    t = _digits(text.lower())
    m = re.search(r"-?\d+(?:\.\d+)?", t)
    if not m:
        return None
    v = float(m.group(0))
    if re.search(r"\d+ and a half", t):
        v += 0.5
    return int(v) if v.is_integer() else v


def normalize(slot_type: str, text: str, now: _dt.datetime | None = None) -> str | int | float | None:
    """The value a skill acts on for one slot; free-text slots (names, places) are lower-cased text."""
    text = " ".join(text.split()).strip(" ,!?;:")
    if text.endswith(".") and not text.endswith(("a.m.", "p.m.")):
        # Whisper ends a sentence with a full stop ("Seven thirty."): not part of the value
        text = text[:-1]
    if not text:
        return None
    try:
        if slot_type in TIME_TYPES:
            secs = duration_seconds(text)
            return secs if secs is not None else clock_time(text, now)
        if slot_type in DATE_TYPES:
            return calendar_date(text, now)
        if slot_type in NUMBER_TYPES:
            return number(text)
    except Exception:  # a value that cannot be read must never break understanding
        return None
    return text.lower()
