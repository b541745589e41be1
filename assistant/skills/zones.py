"""Time in other places: a place named in a sentence → its time zone (the system's tz database,
two-part names like "Asia/Tokyo", and common aliases: "LA", "the UK"), the time there, the
difference between two places, and the speaker's own zone. Used by :class:`.clock.ClockSkill`."""

from __future__ import annotations

import datetime as dt
import functools
import re
import time

from ..types import Reply, Understanding
from .spoken import iso_time, say_duration, say_time, tokens

_ALIASES = {
    "la": "America/Los_Angeles", "l a": "America/Los_Angeles",
    "san francisco": "America/Los_Angeles", "seattle": "America/Los_Angeles",
    "california": "America/Los_Angeles", "washington": "America/New_York",
    "boston": "America/New_York", "miami": "America/New_York", "new york city": "America/New_York",
    "texas": "America/Chicago", "dallas": "America/Chicago", "houston": "America/Chicago",
    "beijing": "Asia/Shanghai", "china": "Asia/Shanghai", "hong kong": "Asia/Hong_Kong",
    "delhi": "Asia/Kolkata", "new delhi": "Asia/Kolkata", "mumbai": "Asia/Kolkata",
    "bangalore": "Asia/Kolkata", "india": "Asia/Kolkata", "japan": "Asia/Tokyo",
    "uk": "Europe/London", "england": "Europe/London", "britain": "Europe/London",
    "manchester": "Europe/London", "edinburgh": "Europe/London", "scotland": "Europe/London",
    "france": "Europe/Paris", "germany": "Europe/Berlin", "munich": "Europe/Berlin",
    "italy": "Europe/Rome", "milan": "Europe/Rome", "spain": "Europe/Madrid",
    "barcelona": "Europe/Madrid", "australia": "Australia/Sydney", "hawaii": "Pacific/Honolulu",
    "dubai": "Asia/Dubai", "singapore": "Asia/Singapore", "russia": "Europe/Moscow",
    # US zones by name ("what time is it in eastern time" gave the time here)
    "eastern time": "America/New_York", "eastern standard time": "America/New_York", "est": "America/New_York",
    "central time": "America/Chicago", "central standard time": "America/Chicago", "cst": "America/Chicago",
    "mountain time": "America/Denver", "mountain standard time": "America/Denver",
    "pacific time": "America/Los_Angeles", "pacific standard time": "America/Los_Angeles",
    "pst": "America/Los_Angeles", "mst": "America/Denver", "hst": "Pacific/Honolulu", "akst": "America/Anchorage",
    "alaska time": "America/Anchorage", "hawaii time": "Pacific/Honolulu",
}
_EAST, _CENTRAL, _MOUNTAIN, _WEST = "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"
_ALIASES.update({  # US states by the zone most of their people keep; cities and countries with no zone of their name
    **{s: _EAST for s in ("connecticut", "delaware", "florida", "georgia", "kentucky", "maine", "maryland",
                          "massachusetts", "new hampshire", "new jersey", "north carolina", "ohio", "pennsylvania",
                          "rhode island", "south carolina", "vermont", "virginia", "west virginia", "atlanta",
                          "orlando", "tampa", "philadelphia", "pittsburgh", "charlotte", "baltimore", "cleveland")},
    **{s: _CENTRAL for s in ("alabama", "arkansas", "illinois", "iowa", "kansas", "louisiana", "minnesota",
                             "mississippi", "missouri", "nebraska", "north dakota", "oklahoma", "south dakota",
                             "tennessee", "wisconsin", "austin", "san antonio", "new orleans", "minneapolis",
                             "st louis", "saint louis", "kansas city", "nashville", "memphis")},
    **{s: _MOUNTAIN for s in ("colorado", "montana", "new mexico", "utah", "wyoming", "salt lake city",
                              "albuquerque")},
    **{s: _WEST for s in ("nevada", "oregon", "washington state", "las vegas", "san diego", "portland",
                          "sacramento", "san jose")},
    "arizona": "America/Phoenix", "idaho": "America/Boise", "indiana": "America/Indiana/Indianapolis",
    "michigan": "America/Detroit", "cuba": "America/Havana", "brazil": "America/Sao_Paulo",
    "canada": "America/Toronto", "mexico": "America/Mexico_City", "argentina": "America/Argentina/Buenos_Aires",
    "colombia": "America/Bogota", "peru": "America/Lima", "chile": "America/Santiago", "ireland": "Europe/Dublin",
    "netherlands": "Europe/Amsterdam", "holland": "Europe/Amsterdam", "portugal": "Europe/Lisbon",
    "greece": "Europe/Athens", "turkey": "Europe/Istanbul", "poland": "Europe/Warsaw", "sweden": "Europe/Stockholm",
    "norway": "Europe/Oslo", "egypt": "Africa/Cairo", "israel": "Asia/Jerusalem", "korea": "Asia/Seoul",
    "south korea": "Asia/Seoul", "thailand": "Asia/Bangkok", "vietnam": "Asia/Ho_Chi_Minh",
    "philippines": "Asia/Manila", "indonesia": "Asia/Jakarta", "new zealand": "Pacific/Auckland",
    "south africa": "Africa/Johannesburg", "nigeria": "Africa/Lagos", "kenya": "Africa/Nairobi",
    "pakistan": "Asia/Karachi", "saudi arabia": "Asia/Riyadh", "iran": "Asia/Tehran",
})


_NOT_PLACES = {"act", "north", "south", "west", "wake", "easter", "oral", "virgin", "jersey",
               "reunion", "regina", "stanley", "currie", "lhi", "nsw", "creston", "chatham",
               "canary", "midway", "christmas"}
"""Time-zone city names that are also everyday words (or legacy state aliases)."""


@functools.lru_cache(maxsize=1)
def _zones() -> dict[str, str]:
    try:
        import zoneinfo

        names = zoneinfo.available_timezones()
    except Exception:  # no tz database on this system: only the aliases can be tried
        names = set()
    out = {}
    regions = ("Africa", "America", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific")
    for name in sorted(names):
        parts = name.split("/")
        # two-part names only: "America/North_Dakota/Center" would make "center" a place
        if len(parts) == 2 and parts[0] in regions and parts[1].lower() not in _NOT_PLACES:
            out.setdefault(parts[1].replace("_", " ").lower(), name)
    for k, v in _ALIASES.items():
        if v in names:
            out[k] = v
    return out


def find_zones(text: str) -> list[tuple[str, str]]:
    """Places named in ``text`` that have a time zone → [(place as said, zone name)], in order."""
    zones = _zones()
    words = tokens(text)
    found, i = [], 0
    while i < len(words):
        for n in (3, 2, 1):
            key = " ".join(words[i:i + n])
            if len(words[i:i + n]) == n and key in zones:
                if not any(z == zones[key] for _, z in found):  # "dallas texas" is one place
                    found.append((key, zones[key]))
                i += n - 1
                break
        i += 1
    return found


def closest_zone(place: str) -> list[tuple[str, str]]:
    """A place the model found that no time zone is named after, spelt as Whisper heard it
    ("tokylo"): the zone whose place name is spelt nearly the same (ratio ≥ 0.85), if one is."""
    import difflib

    key = " ".join(tokens(place))
    if len(key) < 4:
        return []
    near = difflib.get_close_matches(key, list(_zones()), n=1, cutoff=0.85)
    return [(near[0], _zones()[near[0]])] if near else []


_DISPLAY = {"la": "Los Angeles", "l a": "Los Angeles", "uk": "the UK", "usa": "the USA", "netherlands": "the Netherlands",
            "philippines": "the Philippines", **{z: f"{z.upper()} time" for z in ("est", "cst", "mst", "pst", "hst", "akst")}}


def _place(key: str) -> str:
    return _DISPLAY.get(key, key.title())


def say_time_of_day(t: dt.datetime) -> str:
    """"7:05 PM" (the minutes always said, as a clock shows them)."""
    h = t.hour % 12 or 12
    return f"{h}:{t.minute:02d} {'AM' if t.hour < 12 else 'PM'}"


_OWN_ZONE = re.compile(r"\bwhat(?:'s| is)? (?:my |the |this |our )?time ?zone\b|\bwhich time ?zone\b|"
                       r"\btime ?zone (?:am i|are we|is (?:this|it|here))\b")
_AHEAD = re.compile(r"\b(?:ahead|behind|difference|different)\b")


def zone_reply(u: Understanding, now: float, local: dt.datetime) -> Reply | None:
    """The reply about another place's time, or the speaker's own zone; None when the sentence
    names no place and does not ask about zones (the clock then answers)."""
    low = " ".join(tokens(u.text))
    if _OWN_ZONE.search(low) and not find_zones(u.text):  # "what time zone am I in" said the time
        name = local.tzname() or "UTC"
        return Reply(f"This speaker is on {name} time. It's {say_time_of_day(local)}.", "say",
                     (("zone", name),))
    place = u.slot("place_name")
    places = [s for s in u.slots if s.type == "place_name"]
    # "the time difference between london and new york": both places, from the whole sentence
    zones = find_zones(place.text if len(places) == 1 else u.text)
    if place is not None and not zones:  # "what time is it in tokylo"
        zones = closest_zone(place.text)
    if u.intent == "datetime_convert" and not zones:
        return Reply("Sorry, I can only tell the time in a named city.", "unsupported",
                     (("intent", u.intent),))
    if place is not None and place.text.strip() and not zones:
        return Reply(f"Sorry, I don't know the time zone of {place.text.strip()}.",
                     "unsupported", (("place", place.text.strip()),))
    if len(zones) >= 2:
        return _difference(zones[0], zones[1], now)
    if zones and _AHEAD.search(low):  # "how many hours ahead is London"
        return _here(zones[0], now, local)
    if zones:
        import zoneinfo

        name, zone = zones[0]
        there = dt.datetime.fromtimestamp(now, zoneinfo.ZoneInfo(zone))
        text = f"In {_place(name)} it's {say_time_of_day(there)}"
        if there.date() != local.date():
            text += f" on {there.strftime('%A')}"
        return Reply(text + ".", "say", (("time", there.isoformat(timespec="minutes")),
                                        ("zone", zone)))


def _here(zone: tuple[str, str], now: float, local: dt.datetime) -> Reply:
    """"How many hours ahead is London": that place against the speaker's own clock."""
    import zoneinfo

    there = dt.datetime.fromtimestamp(now, zoneinfo.ZoneInfo(zone[1]))
    diff = (there.utcoffset() - local.utcoffset()).total_seconds() / 3600
    if diff == 0:
        return Reply(f"{_place(zone[0])} is on the same time as here: {say_time_of_day(there)}.", "say",
                     (("hours", "0"),))
    hours = abs(diff)
    rel = "ahead of" if diff > 0 else "behind"
    return Reply(f"{_place(zone[0])} is {hours:g} hour{'' if hours == 1 else 's'} {rel} here. It's "
                 f"{say_time_of_day(there)} there.", "say", (("hours", f"{diff:g}"),))


def _difference(a: tuple[str, str], b: tuple[str, str], now: float) -> Reply:
    import zoneinfo

    ta = dt.datetime.fromtimestamp(now, zoneinfo.ZoneInfo(a[1]))
    tb = dt.datetime.fromtimestamp(now, zoneinfo.ZoneInfo(b[1]))
    diff = (ta.utcoffset() - tb.utcoffset()).total_seconds() / 3600
    if diff == 0:
        return Reply(f"{_place(a[0])} and {_place(b[0])} are on the same time.", "say")
    hours = abs(diff)
    amount = f"{hours:g} hour{'' if hours == 1 else 's'}"
    rel = "ahead of" if diff > 0 else "behind"
    return Reply(f"{_place(a[0])} is {amount} {rel} {_place(b[0])}.", "say",
                 (("hours", f"{diff:g}"),))


CLOCK_CHANGE = re.compile(r"\bdaylight sav|\b(?:clocks?|time) (?:go|goes|change|changes|going) "
                          r"(?:forward|back|ahead)?|\bwhen do (?:the )?clocks\b|\bsummer time\b")
"""Asked about this device's clock changing: "when does daylight saving start"."""


def clock_change(now: float) -> Reply:
    """The next change of this device's clock (its time zone's rules, as ``time.localtime``
    knows them): "The clocks go forward an hour on Sunday, March 8, at 2 AM."."""
    offset = time.localtime(now).tm_gmtoff
    day = 86400.0
    t = now
    for _ in range(370):  # a day at a time, then the hour within the day
        if time.localtime(t + day).tm_gmtoff != offset:
            lo, hi = t, t + day
            while hi - lo > 1:
                mid = (lo + hi) / 2
                lo, hi = (mid, hi) if time.localtime(mid).tm_gmtoff == offset else (lo, mid)
            after = time.localtime(hi).tm_gmtoff
            way = "forward" if after > offset else "back"
            shift = say_duration(abs(after - offset))
            # the clock time they change at, as read just before: 2 AM (which becomes 3 or 1)
            when = dt.datetime.fromtimestamp(hi - 1) + dt.timedelta(seconds=1)
            return Reply(f"The clocks go {way} {'an hour' if shift == '1 hour' else shift} on "
                         f"{when:%A}, {when:%B} {when.day}, {when.year}, at {say_time(when.time())}.", "say",
                         (("at", iso_time(hi)),))
        t += day
    return Reply("The clocks don't change in this time zone.", "say")
