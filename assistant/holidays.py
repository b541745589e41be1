"""Named days of the year ("christmas", "thanksgiving", "new year's eve") as dates.

US holidays, since the speaker's voices and Whisper model are US English. Fixed days, the
nth weekday of a month (Thanksgiving is the fourth Thursday of November) and Easter (the
Gregorian computus) are all computed here, offline, for any year.

>>> find("how many days until christmas", dt.date(2026, 11, 29))
('Christmas', datetime.date(2026, 12, 25))
>>> spell_out("dinner on christmas eve", dt.date(2026, 11, 29))
'dinner on december 24'
"""

from __future__ import annotations

import datetime as dt
import re

MONTH_NAMES = ("january february march april may june july august september october november "
                "december").split()


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th ``weekday`` (Monday 0) of the month; n = -1 for the last."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = (dt.date(year, month, 28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


_HOLIDAYS: tuple[tuple[str, str, object], ...] = (
    # (pattern over the plain lower-case words, name as said, the date in a given year)
    (r"new year'?s eve", "New Year's Eve", lambda y: dt.date(y, 12, 31)),
    (r"new year(?:'?s)?(?: day)?", "New Year's Day", lambda y: dt.date(y, 1, 1)),
    (r"christmas eve|xmas eve", "Christmas Eve", lambda y: dt.date(y, 12, 24)),
    (r"christmas(?: day)?|xmas", "Christmas", lambda y: dt.date(y, 12, 25)),
    (r"boxing day", "Boxing Day", lambda y: dt.date(y, 12, 26)),
    (r"valentine'?s(?: day)?", "Valentine's Day", lambda y: dt.date(y, 2, 14)),
    (r"(?:saint|st) patrick'?s(?: day)?|paddy'?s day", "St. Patrick's Day",
     lambda y: dt.date(y, 3, 17)),
    (r"easter(?: sunday)?|eastern(?= next year| this year| sunday| 20\d\d|$)", "Easter", easter),  # tiny.en: "eastern"
    (r"mother'?s day", "Mother's Day", lambda y: _nth_weekday(y, 5, 6, 2)),
    (r"father'?s day", "Father's Day", lambda y: _nth_weekday(y, 6, 6, 3)),
    (r"memorial day", "Memorial Day", lambda y: _nth_weekday(y, 5, 0, -1)),
    (r"juneteenth", "Juneteenth", lambda y: dt.date(y, 6, 19)),
    (r"independence day|(?:the )?(?:fourth|4th|4) of july", "the Fourth of July",
     lambda y: dt.date(y, 7, 4)),
    (r"labou?r day", "Labor Day", lambda y: _nth_weekday(y, 9, 0, 1)),
    (r"columbus day|indigenous peoples'? day", "Columbus Day", lambda y: _nth_weekday(y, 10, 0, 2)),
    (r"halloween", "Halloween", lambda y: dt.date(y, 10, 31)),
    (r"veterans'? day", "Veterans Day", lambda y: dt.date(y, 11, 11)),
    (r"thanksgiving(?: day)?", "Thanksgiving", lambda y: _nth_weekday(y, 11, 3, 4)),
    (r"(?:martin luther king|mlk)(?: jr)?(?: day)?", "Martin Luther King Day",
     lambda y: _nth_weekday(y, 1, 0, 3)),
    (r"presidents'? day", "Presidents' Day", lambda y: _nth_weekday(y, 2, 0, 3)),
)
FEDERAL = frozenset({"New Year's Day", "Martin Luther King Day", "Presidents' Day", "Memorial Day",
                      "Juneteenth", "the Fourth of July", "Labor Day", "Columbus Day", "Veterans Day",
                      "Thanksgiving", "Christmas"})
"""The US federal holidays: what "a public holiday" or "a bank holiday" means; the other named
days (Valentine's Day, Halloween) are days people ask about but work through."""
_COMPILED = [(re.compile(rf"\b(?:{p})\b"), name, when) for p, name, when in _HOLIDAYS]


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9' ]", " ", text.lower().replace("’", "'")).split())


def next_date(when, today: dt.date) -> dt.date:
    """The holiday's date this year, or next year's when this year's has passed."""
    d = when(today.year)
    return d if d >= today else when(today.year + 1)


def find(text: str, today: dt.date, year: int | None = None,
         past: bool = False) -> tuple[str, dt.date] | None:
    """The first holiday named in ``text`` → (its name, its next date from ``today`` on; its
    date in ``year`` when one is given; its last date up to ``today`` when ``past``)."""
    plain = _plain(text)
    hits = [(m.start(), name, when) for rx, name, when in _COMPILED for m in [rx.search(plain)] if m]
    if not hits:
        return None
    _, name, when = min(hits, key=lambda h: h[0])
    if year is not None:
        return name, when(year)
    if past:
        d = when(today.year)
        return name, d if d <= today else when(today.year - 1)
    return name, next_date(when, today)


def on(day: dt.date, federal: bool = False) -> str | None:
    """The name of the holiday that falls on ``day`` (only federal ones when asked), else None."""
    for _, name, when in _HOLIDAYS:
        if when(day.year) == day and (not federal or name in FEDERAL):
            return name
    return None


def upcoming(today: dt.date, n: int = 3, federal: bool = False) -> list[tuple[str, dt.date]]:
    """The next ``n`` holidays from ``today`` on (today's included), soonest first."""
    days = {(name, next_date(when, today)) for _, name, when in _HOLIDAYS
            if not federal or name in FEDERAL}
    return sorted(days, key=lambda h: h[1])[:n]


def without(text: str) -> str:
    """``text`` as plain words with every holiday's name taken out ("when is the christmas party"
    → "when is the party")."""
    out = _plain(text)
    for rx, _, _ in _COMPILED:
        out = rx.sub(" ", out)
    return " ".join(out.split())


_AS_A_DAY = {"on", "one", "for", "at", "until", "till", "til", "before", "after", "by", "over", "this",
             "next", "is", "to", "from", "since"}
"""Words before a holiday's name that make it a day ("dinner on christmas eve") and not part of
a name ("christmas party on friday"). "one" is Whisper's hearing of a quick "on".
"""


def spell_out(text: str, today: dt.date) -> str:
    """``text`` (as plain words) with each holiday said as a day replaced by its date as "month
    day", so date readers that know months but not holidays read it ("dinner on christmas eve"
    → "dinner on december 24"); ``text`` as it is when it names no holiday as a day. A name on
    its own ("christmas", a slot's text) is a day too."""
    if find(text, today) is None:
        return text
    out, changed = _plain(text), False
    for rx, _, when in _COMPILED:
        start = 0
        while (m := rx.search(out, start)) is not None:
            before = out[:m.start()].split()
            alone = not before and m.end() == len(out)
            if not alone and not (before and before[-1] in _AS_A_DAY):
                start = m.end()
                continue
            d = next_date(when, today)
            said = f"{MONTH_NAMES[d.month - 1]} {d.day}"
            out = f"{out[:m.start()]}{said}{out[m.end():]}"
            start, changed = m.start() + len(said), True
    return out if changed else text


__all__ = ["easter", "FEDERAL", "find", "MONTH_NAMES", "next_date", "on", "spell_out", "upcoming",
           "without"]
