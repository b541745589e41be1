"""What timer and alarm commands say, read from their words: names ("a pasta timer", "an alarm
called gym"), durations and clock times from the model's slots or the text, sleep timers,
pausing, corrections ("no, make it fifteen"), moving an alarm, and the words an alarm rings
with. :mod:`.timers` acts on them.
"""

from __future__ import annotations

import re
from typing import Callable

from ..types import Reply, Understanding
from .base import SkillContext
from .list_words import same_item
from .reminders import REMIND_PREFIX
from .spoken import (_DUR_UNITS, _NUM_WORD, first_number, parse_clock, parse_duration, tokens)


SNOOZE_S = 9 * 60.0
SNOOZE_TIMER_S = 60.0
"""A snoozed alarm or reminder rings again in 9 minutes, a snoozed kitchen timer in one."""


_OTHER_ALARM = re.compile(r"\b(?:tomorrow|tonight|monday|tuesday|wednesday|thursday|friday|saturday|"
                          r"sunday|weekdays?|weekends?|morning|all|every|other|next)(?:'s)?\b")


def names_other_alarm(text: str) -> bool:
    """While something rings, "skip tomorrow's alarm" or "cancel all my alarms" names others:
    not a stop of the ringing (the ringing timer was dismissed instead of tomorrow's skipped)."""
    return bool(_OTHER_ALARM.search(text.lower()))


RING_STOP_WORDS = {"stop", "off", "enough", "quiet", "cancel", "dismiss", "shut", "silence", "okay",
                   "ok", "thanks", "pause", "awake"}
"""While a timer rings, these words (or a stop-like intent) silence it."""

_SNOOZE_LIKE = re.compile(r"^(?:[a-z]{1,3}(?:oo|u|o|ue)(?:s|z|se|ze)|sn[a-z]+|please)$")


def sounds_like_snooze(text: str) -> bool:
    """Is ``text`` a lone word that may be "Snooze." said alone? tiny.en hears it right less
    than one time in four: Piper voice seeds 0-7 and espeak gave "Please." (twice), "Choose.",
    "Slose.", "Close.", "Snaise.", "Snays.", "Oose.", "Tastes.", "Two.". For the loop to use only
    while something rings, where snoozing is the likely wish and a wrong guess costs nine
    minutes' quiet, not an action."""
    words = tokens(text)
    return len(words) == 1 and (words[0] == "snooze" or bool(_SNOOZE_LIKE.match(words[0]))
                                and words[0] not in ("pause", "pauses"))  # a stop word


REPEATING = re.compile(r"\b(every|each|daily|weekdays|weekends|mondays|tuesdays|wednesdays|"
                        r"thursdays|fridays|saturdays|sundays)\b")


EXTEND = re.compile(r"\badd\b.*\bto\b|\bextend\b|\bmore (seconds?|minutes?|hours?)\b|"
                    r"^(?:please |and |okay )?add (?:[a-z0-9]+ ){1,3}(?:seconds?|minutes?|mins?|hours?)"
                    r"(?: on| more| to it| please)?[.!]?$")
"""More time on a running timer: "add five minutes to my timer", "extend it by a minute",
"two more minutes" (not "add a timer for five minutes" or "set another timer")."""
SHORTEN = re.compile(r"\b(?:take|knock|shave|cut)\b.*\b(?:off|away)\b|\b(?:remove|take|subtract|deduct)\b.*"
                     r"\bfrom\b|\b(?:subtract|minus|deduct)\b|\b(?:seconds?|minutes?|mins?|hours?) less\b|"
                     r"\b(?:shorten|reduce|cut)\b.*\bby\b|\b(?:seconds?|minutes?|mins?|hours?) off\b")
"""Less time on a running timer: "take a minute off", "knock two minutes off the timer",
"remove a minute from it", "reduce it by a minute", "... two minutes off the rice" (heard "not two
minutes off the rice") (with a while said)."""


_MOVE = re.compile(r"\b(?:change|move|reschedule|push|shift|update)\b(?:\s+\S+){0,4}?\s+alarm\b|"
                   r"\b(?:make|switch)\b(?:\s+\S+){0,4}?\s+alarm\b.*\b(?:to|for|instead)\b|"
                   r"\balarm\b.*\binstead\b|"
                   r"\breset\b(?:\s+\S+){0,2}?\s+alarm\b.*\b(?:to|for|at|in)\b\s+\S")  # "I'll reset my alarm to go off in an hour"
"""An alarm moved to another time: "change my alarm to seven", "move my 6:30 alarm to 7",
"push my alarm back half an hour", "make the alarm 7:30 instead"."""


def moves_alarm(text: str) -> bool:
    return bool(_MOVE.search(" ".join(tokens(text))))


def ring_words(kind: str, label: str) -> str:
    """What the speaker says as a timer or alarm starts ringing: "Reminder: check the oven.",
    "Your pasta timer is done.", "Your gym alarm.", or "" for a plain one (a "wake up" or
    snooze alarm too)."""
    if label.startswith(REMIND_PREFIX):
        what = re.sub(r"^(about|that) ", "", label[len(REMIND_PREFIX):].strip())
        return f"Reminder: {what}." if what else "This is your reminder."
    if kind == "alarm" and label and label not in PLAIN_ALARMS and music_of(label) is None:
        return f"Your {label} alarm."
    return f"Your {label} timer is done." if kind == "timer" and label else ""


MUSIC_ALARM = "music:"
"""Label prefix of an alarm that starts music instead of ringing ("music:jazz", "music:" for
any): "wake me up with jazz at seven"."""
_WITH_MUSIC = re.compile(r"\b(?:with|to|playing) (?:some |the |my )?(?P<what>(?:[a-z']+ ){0,3}?)"
                         r"(?:music|songs?|tunes|playlist)\b|\b(?:with|to|playing) (?:some )?"
                         r"(?P<genre>[a-z]+)\b")


def alarm_music(text: str, tracks: Callable[[], list]) -> str | None:
    """"wake me up with music at seven" → "" (any music), "set an alarm for seven with jazz" →
    "jazz" (a genre of the library's ``tracks()``, read only when "with ..." is said, lower
    case); None when no music is asked for."""
    from .match import best_genre

    low = " ".join(tokens(text))
    found = list(_WITH_MUSIC.finditer(low))
    tracks = tracks() if found else []
    for m in found:
        what = (m["what"] or m["genre"] or "").strip()
        genre = best_genre(what, tracks) if what else None
        if genre:
            return genre.lower()
        if m["what"] is not None and what in ("", "favourite", "favorite", "good", "nice",
                                              "relaxing", "some nice", "some good"):
            return ""
    return None


def music_of(label: str) -> str | None:
    """The genre of a music alarm's label ("" for any music), else None."""
    return label[len(MUSIC_ALARM):] if label.startswith(MUSIC_ALARM) else None


def woke_with_music(ctx: SkillContext):
    """The music alarm whose music is playing now (it went off in the last 15 minutes), or None:
    "snooze" then stops the music and plays it again later."""
    now = ctx.clock()
    if ctx.player.current is None or ctx.player.status().state != "playing":
        return None
    return next((t for t in ctx.timers.recent("alarm", 10) if music_of(t.label) is not None
                 and now - 900 <= t.due_at <= now), None)


def wake_up_queue(db, label: str) -> list:
    """What a music alarm plays: the household's favourites of its genre first, then the rest
    of it shuffled; [] when the library has none (the alarm rings its tone instead)."""
    import random

    from .. import library
    from .listening import favourite_queue

    music = music_of(label)
    pool = [t for t in library.tracks(db, kind="music") if not music or t.genre.lower() == music]
    first = favourite_queue(db, pool)[:5]
    rest = [t for t in pool if t not in first]
    random.shuffle(rest)
    return first + rest


PLAIN_ALARMS = ("wake up", "snooze")
_CALLED = re.compile(r"\b(?:called|named|labell?ed|titled)\s+(.+?)(?:\s+(?:for|at|on|in|tomorrow|"
                     r"tonight|today|every)\b.*)?$")


def alarm_name(text: str) -> str:
    """"set an alarm for seven called gym" → "gym" ("" when the alarm is not named)."""
    m = _CALLED.search(" ".join(tokens(text)))
    return m.group(1).strip() if m else ""


_NAMES_IT = re.compile(r"^(?:(?:oh|and|oh and) )?(?:(?:it's|its|it is|that's|that is|this one's|that one's|this is) )?"
                       r"for (?:the |my |our |some )(?P<a>[a-z]+(?: [a-z]+)?)$|^(?:call|name|label) it "
                       r"(?:the )?(?P<b>[a-z]+(?: [a-z]+)?)(?: timer| alarm)?$|^(?:(?:oh|and|oh and) )?"
                       r"(?:it's|its|it is|that's|that is|this one's|that one's|this is) for (?P<c>[a-z]+(?: [a-z]+)?)$")


def names_the_last(text: str, last) -> str | None:
    """Right after a timer or alarm was set: "it's for the pasta", "call it eggs" → "pasta",
    "eggs" (its new name); None for anything else."""
    if last is None or last.action not in ("timer_set", "alarm_set") or not dict(last.detail).get("id"):
        return None
    m = _NAMES_IT.match(" ".join(tokens(text)))
    name = (m["a"] or m["b"] or m["c"]) if m else None
    return None if name in ("tomorrow", "today", "tonight", "the morning", "the evening") else name


SLEEP = "sleep"
"""The label of a sleep timer: when it is due the loop stops the music instead of ringing."""
_SLEEP = re.compile(r"\b(?:set|start|put on|add|create|make|use|want|need)\b.*\bsleep timer\b|"
                    r"^(?:a )?sleep timer\b|^(?:please )?(?:(?:stop|turn off|switch off|pause|end|fade out)"
                    r"(?: the music| it| this| playback| everything| playing| the radio| the podcast|"
                    r" reading| the book| the audiobook| the story)?"
                    r"|(?:turn|switch) (?:it|this|that|the music|everything) off) (?:in|after|at|when|once) ")


def asks_sleep_timer(text: str) -> bool:
    """"Set a sleep timer for 30 minutes", "turn it off in ten minutes", "stop the music after an
    hour", "turn off the music at nine" (the model read the last three as mute, at once)."""
    low = " ".join(tokens(text))
    return bool(_SLEEP.search(low)) and not re.search(r"\b(?:alarm|reminder)s?\b", low) and (
        "sleep timer" in low or not mentions_timer(low))


_MUSIC_STOP = re.compile(r"\b(?:how long|how much time|when|what time)\b.*\b(?:music|it|this|playback|radio|"
                         r"sleep timer)\b.*\b(?:stops?|ends?|turns? off|goes off|switch(?:es)? off|off)\b")


def asks_music_stop(text: str, ctx: SkillContext) -> bool:
    """"How long until the music stops?" with a sleep timer set, or with music playing."""
    low = " ".join(tokens(text))
    return bool(_MUSIC_STOP.search(low)) and not re.search(
        r"\b(?:song|track|tune|episode|chapter|album|book|podcast)\b", low) and (any(
            t.label == SLEEP for t in ctx.timers.pending("timer")) or ctx.player.current is not None)


_NOT_A_NAME = {"a", "an", "the", "my", "new", "another", "second", "kitchen", "quick", "short",
               "long", "set", "start", "that", "this", "one", "two", "minute", "minutes", "hour",
               "hours", "seconds", "me", "for", "like", "about", "around", "roughly", "maybe", "um",
               "uh", "just", "exactly", "approximately", "half", "quarter"}


def timer_name(text: str) -> str:
    """What a timer is for, as said: "a pasta timer" / "a timer for the eggs" / "a timer for ten
    minutes for the pasta" / "a timer called pasta" → "pasta" / "eggs" / "pasta" / "pasta";
    "" for "a ten minute timer" or "a timer for ten minutes"."""
    low = " ".join(tokens(text))
    called = _CALLED.search(low)  # "a timer called pasta for ten minutes", "... named rice"
    if called and called.group(1).split()[-1] not in _NOT_A_NAME:
        return called.group(1).split()[-1]
    last = re.search(r"\btimer for (?:the |my |some )?[a-z]+ (?:[a-z]+ )?([a-z]+)(?: (?:for )?(?:\S+ ){1,4}?(?:seconds?|"
                     r"minutes?|hours?))?$", low)
    if last and not (last[1] in _NOT_A_NAME or last[1] in _NUM_WORD or last[1] in _DUR_UNITS
                     or last[1] in ("please", "now", "oven", "of", "and", "to", "in", "on", "at", "or")):
        return last[1]  # "a timer for soft boiled eggs": "eggs", not "soft"
    for pattern in (r"\b([a-z]+) timer\b", r"\btimer for (?:the |my )?([a-z]+)\b",
                    r"\btimer\b.* for (?:the |my |our |some )?([a-z]+)$",  # "... for the pasta"
                    r"\bfor (?:the |my |our )([a-z]+)\b"):  # "set another one for the sauce for ..."
        m = re.search(pattern, low)
        word = m.group(1) if m else ""
        if word and not (word in _NOT_A_NAME or word in _NUM_WORD or word in _DUR_UNITS):
            return word
    return ""


_EACH = re.compile(r"((?:\S+ ){0,3}?(?:seconds?|minutes?|mins?|hours?)) for (?:the |my |our )?([a-z]+)")


_UNIT_WORD = re.compile(r"\b(seconds?|minutes?|mins?|hours?)\b")


def several_durations(text: str) -> list[float]:
    """"timers for 5 and 10 minutes", "two timers, one for 5 minutes and one for 10" → [300,
    600]: one unnamed timer each; [] for one timer or any part that is no duration."""
    low = " ".join(tokens(text))
    m = re.search(r"\btimers\b.*?\bfor (.+)$|\bone for (.+ and (?:one|another) for .+)$", low)
    if m is None:
        return []
    parts = [p for p in re.split(r"\s*\band (?:(?:one|another) )?(?:for )?", m[1] or m[2]) if p]
    unit = _UNIT_WORD.search(parts[-1]) if parts else None
    out = []
    for part in parts:
        part = part if _UNIT_WORD.search(part) or unit is None else f"{part} {unit[1]}"
        seconds = parse_duration(part)
        if not seconds:
            return []
        out.append(seconds)
    return out if len(out) >= 2 else []


_AND_AT = re.compile(r"\s*,?\s*\band (?:(?:one|another|again|also|then) )?(?:(?:for|at) )?")


def several_alarms(text: str) -> list[str]:
    """"Set an alarm for 6 tomorrow morning and 7 on Saturday", "alarms at 6 and 6:30 am" →
    ["set an alarm for 6 tomorrow morning", "set an alarm for 7 on saturday"] (["... 6 am",
    "... 6:30 am"]): one alarm command each; [] for one alarm or any part that is no clock time."""
    low = " ".join(tokens(text))
    m = re.match(r"(.*?\b(?:alarms?|wake me(?: up)?)\b.*?\b(?:for|at)) (.+)$", low)
    if m is None:
        return []
    parts = [p for p in _AND_AT.split(m[2]) if p]
    half = re.search(r"\b(am|pm)\b", parts[-1]) if parts else None
    out = []
    for part in parts:
        if half and not re.search(r"\b(?:am|pm|morning|evening|night|afternoon|tonight)\b", part):
            # "6 and 6:30 am": both in the morning ("6 am", "seven thirty am")
            first, _, rest = part.partition(" ")
            if re.fullmatch(r"\d{1,2}(?::\d\d)?", first) and not rest:
                part = f"{first} {half[1]}"
            elif all(w in _NUM_WORD for w in part.split()):
                part = f"{part} {half[1]}"
        if parse_clock(f"at {part}") is None or not re.match(
                r"(?:\d|noon|midnight|half|quarter)", part) and part.split()[0] not in _NUM_WORD:
            return []  # "... and remind me at 8": another command, not another alarm
        out.append(f"{m[1]} {part}")
    return out if len(out) >= 2 else []


def named_durations(text: str) -> list[tuple[str, float]]:
    """"a timer for eight minutes for the eggs and fifteen minutes for the rice" → [("eggs",
    480), ("rice", 900)]: one timer each (a lone pair is an ordinary named timer)."""
    out = []
    for m in _EACH.finditer(" ".join(tokens(text))):
        seconds, name = parse_duration(m.group(1)), m.group(2)
        if seconds and name not in _NOT_A_NAME and name not in _DUR_UNITS:
            out.append((name, seconds))
    return out


def named_in(items: list, text: str) -> list:
    """The timers whose name ("pasta") is said in ``text`` ("the potato timer" names the
    potatoes timer)."""
    words = {same_item(w) for w in tokens(text)}
    return [t for t in items if t.label and not t.label.startswith(REMIND_PREFIX)
            and same_item(t.label) in words]


def own(ctx: SkillContext, kind: str) -> list:
    """Pending timers or alarms, soonest first, less reminders (stored as either kind, they are
    listed and cancelled as reminders, never as "your alarm")."""
    return [t for t in ctx.timers.pending(kind) if not t.label.startswith(REMIND_PREFIX)]


def asks_time_left(text: str, ctx: SkillContext) -> bool:
    """"How much time is left?" with a timer running and no alarm named: the timer."""
    words = set(tokens(text))  # a question of time: not "book me a left taxi" (tiny.en's "lyft")
    return bool(words & {"left", "remaining"}) and "alarm" not in words and bool(own(ctx, "timer")) \
        and (len(words) <= 3 or bool(words & {"how", "time", "long", "much", "minutes", "seconds", "hours", "timer",
                                              "timers", "when", "done", "ready"}))


_SLEEP_LEFT = re.compile(r"\bhow (?:much|many hours of) sleep\b|\bhow (?:long|many hours) (?:can|do|will|would) "
                         r"i (?:get to )?sleep\b|\bhow many hours (?:can|do|will|would) i get\b")


def asks_sleep_left(text: str) -> bool:
    """"How much sleep will I get", "how long can I sleep": the time until the next alarm."""
    return bool(_SLEEP_LEFT.search(" ".join(tokens(text))))


RENAME = re.compile(r"(?:please )?(?:rename|call|change the name of|name) (?:the |my )?(?P<old>[a-z]+) "
                    r"timer(?: to| as)? (?:the |a )?(?P<new>[a-z]+)(?: timer)?")
""""Rename the pasta timer to noodles", "call the pasta timer noodles"."""
_PAUSE = re.compile(r"\b(?:pause|hold|freeze)\b.*\btimers?\b|\btimers?\b.*\b(?:pause|on hold)\b")
_RESUME = re.compile(r"\b(?:resume|unpause|continue|restart|start)\b.*\btimers?\b|"
                     r"\btimers?\b.*\b(?:again|going)\b")


def pauses_timer(text: str) -> str | None:
    """"pause" for "pause the timer", "resume" for "resume the timer" / "start the timer again"
    (not "start a timer for five minutes"), else None."""
    low = " ".join(tokens(text))
    if _PAUSE.search(low):
        return "pause"
    if _RESUME.search(low) and parse_duration(low) is None:
        return "resume"
    return None


CORRECT = re.compile(r"^(?:(?:no|actually|sorry|oops|wait|oh|um|uh|i mean)\s+)*(?:make (?:it|that)|"
                      r"(?:change|move|push|put) (?:it|that) to|i meant|i said|set it (?:to|for))\s+"
                      r"(?P<value>.+)$|^(?:(?:no|actually|sorry|oops|wait|i mean)\s+)+(?:at |for |to )?"
                      r"(?P<bare>.+)$")
"""A correction: "no, make it fifteen", and said barely: "no, seven", "no, at six"."""


def correction_value(text: str) -> str | None:
    """What :data:`CORRECT` says the thing should be instead ("fifteen", "seven"), or None."""
    m = CORRECT.match(" ".join(tokens(text)))
    return (m["value"] or m["bare"]) if m else None


def corrects(text: str, last: Reply | None) -> bool:
    """"No, make it fifteen" / "actually, make that seven thirty" / "move it to six" just after
    a timer, an alarm or a reminder was set, or named as the only one: a change to that one."""
    value = correction_value(text)
    if value is None or last is None or not (
            last.action in ("timer_set", "timer_change", "alarm_set", "alarm_change",
                            "reminder_set", "reminder_change")
            or last.action == "say" and "1" in (dict(last.detail).get("alarms"),
                                               dict(last.detail).get("reminders"))):
        return False
    # a time or an amount: "make it louder" is no correction
    return (parse_duration(value) is not None or first_number(value) is not None
            or parse_clock(f"at {value}") is not None)


def mentions_timer(text: str) -> bool:
    return bool(re.search(r"\btimers?\b", text.lower()))


def _slot_clock(u: Understanding) -> tuple[int, int, bool] | None:
    """The ``time`` slot's normalised "HH:MM" value, if the model gave one."""
    s = u.slot("time")
    if s is None or not isinstance(s.value, str):
        return None
    m = re.fullmatch(r"(\d{1,2}):(\d\d)", s.value.strip())
    if not m:
        return None
    h, mi = int(m.group(1)), int(m.group(2))
    said = set(tokens(s.text + " " + u.text))
    sure = h == 0 or h > 12 or bool(said & {"am", "pm", "morning", "evening", "afternoon",
                                           "tonight", "night", "noon", "midnight"})
    return (h, mi, sure) if h < 24 and mi < 60 else None


def duration_of(u: Understanding) -> float | None:
    """The duration said, in seconds: the model's first duration slot, with the next one when
    they are one phrase ("an hour and" + "fifteen minutes": the model split it), else the
    words' own."""
    if re.search(r"\bquarters? (?:of an )?hour\b|\band a quarter\b", u.text.lower()):
        said = parse_duration(u.text)  # "three quarters of an hour": the slot held "an hour" alone
        if said:
            return said
    for typ in ("time", "duration", "change_amount"):
        spans = [s for s in u.slots if s.type == typ and isinstance(s.value, (int, float))
                 and not isinstance(s.value, bool) and s.value > 0]
        if not spans:
            continue
        total, low = float(spans[0].value), u.text.lower()
        end = low.find(spans[0].text.lower()) + len(spans[0].text)
        for s in spans[1:]:
            at = low.find(s.text.lower(), end)
            if end < len(spans[0].text) or at < 0 or low[end:at].strip() not in ("", "and"):
                break
            total, end = total + float(s.value), at + len(s.text)
        return total
    return parse_duration(u.text)


def clock_of(u: Understanding) -> tuple[int, int, bool] | None:
    return parse_clock(u.text) or _slot_clock(u)


def names_running_timer(text: str, ctx: SkillContext) -> bool:
    """"How's the cake doing", "add ten minutes to the cake": a running timer named by its name
    alone (the model reads them as recipes or lists)."""
    return bool(named_in(own(ctx, "timer"), text))


_WHAT_RINGS = re.compile(r"^(?:what|what's|whats) (?:was|is|s)? ?(?:that|this|it|ringing|that for|this for|"
                         r"it for|that noise|that sound|the alarm for|the timer for|the reminder)\b|"
                         r"^(?:who|who's) (?:is |was )?(?:it|that|this) for\b|^what (?:do|did) you say\b")


def asks_what_rings(text: str) -> bool:
    """"What was that?", "what's that for?" (said while something rings)."""
    return bool(_WHAT_RINGS.match(" ".join(tokens(text))))


_PLAY_FOR = re.compile(r"[,.]?\s+(?:for (?:the next |about )?(?P<d>(?:\S+ ){0,3}?(?:seconds?|minutes?|mins?|hours?))|"
                       r"until (?P<c>midnight|noon|\d{1,2}(?::\d\d)?(?: ?[ap]\.?m\.?)?|(?:one|two|three|four|five|"
                       r"six|seven|eight|nine|ten|eleven|twelve)(?: thirty| fifteen| forty five)?(?: ?[ap]\.?m\.?| "
                       r"o'?clock)?))[.!?]?$", re.IGNORECASE)


def play_for(text: str) -> tuple[str, str]:
    """A play command with how long said at the end ("play music for 20 minutes", "play some
    jazz until 11") → (the command without it, "for 20 minutes" / "until 11"); (text, "") else."""
    m = _PLAY_FOR.search(text)
    if m is None or not re.match(r"\s*(?:(?:please|can you|could you) )?(?:play|put on|shuffle)\b", text, re.I):
        return text, ""
    return text[:m.start()], m.group(0).strip(" ,.!?")

