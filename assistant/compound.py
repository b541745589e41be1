"""Two commands in one breath: "play some jazz and set a timer for five minutes".

The understanding model gives one intent per sentence, so such a sentence did one of its
commands and said nothing of the other. :func:`split_commands` cuts a transcript where a new
command starts after "and" / "then" / a full stop, and only there: each part must open with a
command word. So "play rock and roll", "play Simon and Garfunkel", "add bread and butter to my
list" and "turn the lights on and off" stay whole. The loop then understands each part on its
own and carries them out in order only when it is sure of every part (see ``loop.py``).
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


def split_commands(text: str) -> list[str]:
    """The commands said in ``text``, in order (one element when it is a single command).

    "Play some jazz and set a timer for five minutes." → ["Play some jazz", "set a timer for
    five minutes."]; "Play rock and roll." → ["Play rock and roll."]."""
    text = text.strip()
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
