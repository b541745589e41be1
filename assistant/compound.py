"""Two commands in one breath: "play some jazz and set a timer for five minutes".

The understanding model gives one intent per sentence, so such a sentence did one of its
commands and said nothing of the other. :func:`split_commands` cuts a transcript where a new
command starts after "and" / "then" / a full stop, and only there: each part must open with a
command word. So "play rock and roll", "play Simon and Garfunkel", "add bread and butter to my
list" and "turn the lights on and off" stay whole. The loop then understands each part on its
own and carries them out in order only when it is sure of every part (see ``loop.py``).

A command changed in the same breath ("play jazz, actually no, play rock") is one command, the
last: :func:`self_corrected` gives it, before the breath is understood.
"""

from __future__ import annotations

import re

MAX_PARTS = 3

COMMAND_WORDS = frozenset(
    "play put set start turn switch stop pause resume skip add remind wake cancel delete remove "
    "tell mute unmute increase decrease lower raise shuffle read what what's whats how when "
    "who is are do does can could will would please".split())
"""Words a command may open with: imperatives of the speaker's skills and question words."""

_JOINS = re.compile(r"\s*(?:,\s*)?\b(?:and then|and also|and|then|also)\b\s*,?\s*|\s*[.;!?]\s+")
_MISHEARD_AND = re.compile(r"\s+in\s+")
"""Whisper often writes a quick "and" as "in" ("play some jazz in set a timer"): a join only
where an imperative follows, as no single command says "in play" or "in set"."""
IMPERATIVES = frozenset("play put set start turn switch stop pause resume skip add remind wake "
                        "cancel delete remove tell mute unmute increase decrease lower raise "
                        "shuffle read".split())
_LEAD = re.compile(r"^(?:(?:ok|okay|hey|now|also|please|just|oh|hi|hello|good morning|good "
                   r"afternoon|good evening|morning)[,.!]?\s+)+")


_ANOTHER = re.compile(r"^(?:and |also |oh and |then )?(?:(?:set|make|start|add|do) )?(?:another|"
                      r"one more|a second|and one)(?: one)?(?= (?:for|at|in)\b)")
"""'... and another for ten minutes': one more of the timer or alarm just asked for."""


def one_more(text: str, kind: str) -> str | None:
    """"another one for ten minutes" → "set a timer for ten minutes" (``kind`` "timer" or
    "alarm"); None when ``text`` (lower-case words) does not ask for one more."""
    m = _ANOTHER.match(text)
    return None if m is None else f"set {'a timer' if kind == 'timer' else 'an alarm'}{text[m.end():]}"


def _opens_command(part: str) -> bool:
    words = re.findall(r"[a-z']+", _LEAD.sub("", part.lower()))
    return bool(words) and (words[0] in COMMAND_WORDS and len(words) >= 2
                            or bool(_ANOTHER.match(" ".join(words))))


def _spelt_out(parts: list[str]) -> list[str]:
    """"set a timer for five minutes", "another for ten minutes" → the second as "set a timer
    for ten minutes", so each part is a whole command on its own."""
    out = []
    for part in parts:
        kind = re.search(r"\b(timer|alarm)\b", out[-1].lower()) if out else None
        spelt = one_more(_LEAD.sub("", part.lower()), kind.group(1)) if kind else None
        out.append(spelt or part)
    return out


def _joins(text: str) -> list[re.Match]:
    found = list(_JOINS.finditer(text))
    for m in _MISHEARD_AND.finditer(text):
        nxt = re.match(r"[a-z']+", text[m.end():].lower())
        if nxt and nxt.group() in IMPERATIVES:
            found.append(m)
    return sorted(found, key=lambda m: m.start())


_TWO_REMINDERS = re.compile(r"(?P<lead>(?:please )?remind me) (?P<first>(?:(?:at|in|on|tomorrow at|tonight at) "
                            r"[^,]+?|[^,]+? (?:at|in) [^,]+?) to .+?),? (?:and|in|an) (?P<second>(?:at|in|on|tomorrow at|"
                            r"tonight at|then at) \S+(?: \S+)?(?: (?:am|pm|a\.m\.|p\.m\.|minutes?|hours?))? to .+)$",
                            re.IGNORECASE)


def split_commands(text: str) -> list[str]:
    """The commands said in ``text``, in order (one element when it is a single command).

    "Play some jazz and set a timer for five minutes." → ["Play some jazz", "set a timer for
    five minutes."]; "Play rock and roll." → ["Play rock and roll."]."""
    text = text.strip()
    two = _TWO_REMINDERS.match(text)
    if two:  # "remind me at 5 to pick up the kids and at 6 to start dinner": one at 5 with both
        return [f"{two['lead']} {two['first']}", f"{two['lead']} {two['second']}"]
    if not _opens_command(text):
        return [text]
    parts, start = [], 0
    for m in _joins(text):
        rest = text[m.end():]
        if m.end() >= len(text) or not _opens_command(rest):
            continue
        head = text[start:m.start()].strip()
        if head and _opens_command(head):
            parts.append(head)
            start = m.end()
        if len(parts) == MAX_PARTS - 1:
            break
    parts.append(text[start:].strip())
    return _spelt_out([p for p in parts if p]) if len(parts) > 1 else [text]


# ---------------------------------------------------------------------- a command said again
_NUMBER = (r"(?:\d+(?:[:.]\d+)?|(?:(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
           r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
           r"sixty|seventy|eighty|ninety|hundred|a half|half)(?:[ -](?=[a-z]))?)+)")
_UNIT = r"(?:seconds?|minutes?|mins?|hours?|percent|%|am|pm|a\.m\.|p\.m\.|o'?clock)"
_VALUE = re.compile(rf"\b{_NUMBER}\b(?:\s*{_UNIT}\b)?", re.IGNORECASE)
_CHANGED = re.compile(r"[,.]?\s+\b(?:actually,? no|no,? actually|no,? wait|wait,? no|no,? sorry|sorry,? no|"
                      r"sorry,? i mean|i mean|i meant|or rather|no,? make (?:that|it)|make that|no no|nope)\b"
                      r"[,.]?\s+", re.IGNORECASE)
_BARE_NO = re.compile(rf"[,.]?\s+\bno\b[,.]?\s+(?=(?:at |for |to )?{_NUMBER}\b(?:\s*{_UNIT})?[.!?]?$)",
                      re.IGNORECASE)
_DROPPED = re.compile(r"^(?P<head>.+?\b\w+)[,.]?\s+(?:oh,? |no,? |actually,? |wait,? )?(?:never ?mind|forget it|"
                      r"forget that|cancel that|don't worry about it)[.!]?$", re.IGNORECASE)
_SORRY = re.compile(r"^sorry[,.]?\s+", re.IGNORECASE)


def self_corrected(text: str) -> str | None:
    """The command meant when one is changed in the same breath, else None.

    "Play jazz, actually no, play rock" → "play rock"; "set an alarm for 7, wait no, 8" →
    "set an alarm for 8"; "set a timer for ten minutes, I mean fifteen" → "set a timer for
    fifteen minutes"; "what's the weather like, oh never mind" → "never mind"; "sorry, what
    time is it" → "what time is it". A change that is neither a whole command nor a new value
    ("add milk, no wait, eggs") is left for the skills, as the model reads it."""
    text = text.strip()
    dropped = _DROPPED.match(text)
    if dropped and len(re.findall(r"[a-z']+", dropped["head"].lower())) >= 2:
        return "never mind"
    m = _SORRY.match(text)
    if m and _opens_command(text[m.end():]) and len(text[m.end():].split()) >= 3:
        return text[m.end():]
    cuts = list(_CHANGED.finditer(text)) or list(_BARE_NO.finditer(text))
    if not cuts:
        return None
    cut = cuts[-1]
    head, tail = text[:cut.start()].strip(), text[cut.end():].strip()
    if len(head.split()) < 2 or not tail:
        return None
    if _opens_command(tail):
        return tail
    said = re.fullmatch(rf"(?:(?P<prep>at|for|to|in) )?(?P<value>{_NUMBER}\b(?:\s*{_UNIT})?)[.!?]?", tail,
                        re.IGNORECASE)
    values = list(_VALUE.finditer(head))
    if said is None or not values:
        return None
    old = values[-1]
    new = said["value"]
    if not re.search(rf"{_UNIT}$", new, re.IGNORECASE):  # "ten minutes, I mean fifteen": the unit stays
        unit = re.search(rf"\s*{_UNIT}$", old[0], re.IGNORECASE)
        new += unit[0] if unit else ""
    return f"{head[:old.start()]}{new}{head[old.end():]}"
