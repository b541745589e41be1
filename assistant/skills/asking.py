"""Questions the speaker asks back, and their answers.

A clarifying question when unsure ("Did you want me to set an alarm?": "yes" carries the guess
out, "no" drops it), a skill's question for a missing piece ("For how long should I set the
timer?": the next answer completes the command, unless it is a new command), a suggestion ("How
about Strobe by Deadmau5?": "yes" plays it, "something else" offers another) and a confirmation
("Clear your whole listening history?"). The open question is kept in the database's ``meta``
table (``PENDING_KEY``), since the loop builds a new ``SkillContext`` per command.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re

from ..types import Reply, Slot, Understanding
from .agenda import parse_days
from .base import SkillContext
from .lists import intent_of as list_intent
from .offline import CANNOT, DECISIVE, OFFLINE_INTENTS, cannot_by_words
from .spoken import first_number, parse_clock, parse_duration, tokens

PENDING_KEY = "skills.pending_clarify"
PENDING_S = 30.0
"""A clarifying question can be answered "yes" for this long (seconds of ``ctx.clock``)."""
GUESS_MIN = 0.4
"""Below this intent confidence the speaker asks to hear it again instead of proposing its guess.
On spoken HWU64 valid (runs/nlu/asr_aug/valid.tsv, the shipped model) the guess was right for
4 of 32 commands under 0.4 and 5 of 20 between 0.4 and 0.5 ("call mom" at 0.23 was
"Did you want me to play the radio?")."""

_ASK = {
    "play_music": "play music", "play_radio": "play the radio", "play_podcasts": "play a podcast",
    "play_audiobook": "play an audiobook", "music_settings": "change the music",
    "music_query": "tell you what's playing", "music_likeness": "remember how you like this song",
    "audio_volume_up": "turn the volume up", "audio_volume_down": "turn the volume down",
    "audio_volume_mute": "mute the sound", "alarm_set": "set an alarm",
    "alarm_query": "check your alarms", "alarm_remove": "cancel an alarm",
    "datetime_query": "tell you the time", "datetime_convert": "tell you the time elsewhere",
    "general_commandstop": "stop", "general_repeat": "repeat that", "general_joke": "tell a joke",
    "lists_createoradd": "add to a list", "lists_query": "read you a list",
    "lists_remove": "take something off a list", "qa_maths": "work out a sum",
    "calendar_set": "add that to your calendar", "calendar_query": "check your calendar",
    "calendar_remove": "take something off your calendar", "play_game": "play a game",
    **CANNOT,
}
"""What each actionable intent would do, for "Did you want me to ...?"."""
_YES = {"yes", "yeah", "yep", "yup", "sure", "please", "correct", "right", "okay", "ok", "do"}
_NO = {"no", "nope", "nah", "don't", "dont", "never", "mind", "not", "wrong", "cancel"}
_FILL = {"it", "that", "go", "ahead", "thanks", "thank", "you", "olly", "oh", "well", "i", "a",
         "actually", "forget", "um", "uh"}
def pending(ctx: SkillContext) -> tuple[Understanding | None, str, str]:
    """The question left open: (the command asked about, what it still needs or "", and the
    command the answer completes, with "{}" for the answer, or "")."""
    raw = ctx.db.get_meta(PENDING_KEY) or ""
    if not raw:
        return None, "", ""
    try:
        d = json.loads(raw)
        if ctx.clock() - float(d["at"]) > PENDING_S:
            return None, "", ""
        return (Understanding(d["text"], d["intent"], 1.0, d["sentiment"], 1.0,
                              tuple(Slot(*s) for s in d["slots"])),
                str(d.get("need", "")), str(d.get("then", "")))
    except (ValueError, KeyError, TypeError):
        return None, "", ""


def set_pending(ctx: SkillContext, u: Understanding | None, need: str = "",
                 then: str = "") -> None:
    if u is None:
        if ctx.db.get_meta(PENDING_KEY):
            ctx.db.set_meta(PENDING_KEY, "")
        return
    ctx.db.set_meta(PENDING_KEY, json.dumps({
        "text": u.text, "intent": u.intent, "sentiment": u.sentiment, "at": ctx.clock(),
        "need": need, "then": then, "slots": [[s.type, s.text, s.value] for s in u.slots]}))


_QUESTION = re.compile(r"(?:what|what's|whats|when|where|who|why|how|can|could|would|will|does|do|did|is|"
                       r"are|am)\b")
_COMMAND = re.compile(r"(?:play|stop|set|turn|cancel|add|remove|delete|tell|read|show|pause|skip)\b")
"""How a new question or command starts, and an answer to "When is it?" does not (an answer to
"What should I add?" may: "call mom", so only questions count there)."""


_PART_TIME = {"morning": "9 am", "afternoon": "1 pm", "evening": "6 pm", "night": "9 pm",
              "tonight": "9 pm", "lunchtime": "12 pm", "lunch time": "12 pm"}
"""The time of a part of the day said as the answer to "When should I remind you?" (said back,
so it can be changed)."""
_PART = re.compile(r"\b(?:(?:and|in|at|around|on|by) )?(?:the |this )?(morning|afternoon|evening|"
                   r"tonight|night|lunch ?time)\b")


def _misheard_at(low: str) -> bool:
    """"At six." heard "Add six." / "And six.": a time, not a command."""
    m = re.fullmatch(r"(?:(?:add|and|had|ad|that|it|at) )?(?P<t>(?:\d|one|two|three|four|five|six|seven|"
                     r"eight|nine|ten|eleven|twelve|noon|midnight).*)", low)
    return bool(m) and parse_clock(f"at {m['t']}") is not None and len(low.split()) <= 4


def as_answer(text: str, need: str) -> str:
    """An answer to a skill's question in the words the command takes: "in the evening" → "at 6
    pm" (for a time), "five" → "5 minutes" (for a timer's length)."""
    low = " ".join(tokens(text))
    if need == "time" and _misheard_at(low):  # "Add six." (tiny.en) after "When should I remind you?"
        said = low.split(" ", 1)[1] if re.match(r"(?:add|and|had|ad|that|it|at) ", low) else low
        h, m, sure = parse_clock(f"at {said}")
        return f"at {h if sure else h % 12 or 12}:{m:02d}" + ((" am" if h < 12 else " pm") if sure else "")
    if need == "time" and parse_clock(low) is None and _PART.search(low):
        part = _PART.search(low)[1]
        day = "today " if part == "tonight" else ""
        return _PART.sub(f"{day}at {_PART_TIME[part]}", low, count=1)
    if need == "duration" and parse_duration(low) is None:
        n = first_number(low)
        if n is not None and 0 < n <= 180:  # "make it five" after "For how long?": minutes
            return f"for {n:g} minutes"
    return text


def completes(u: Understanding, pending: Understanding, need: str, ctx: SkillContext) -> bool:
    """Does ``u`` supply what a skill asked for ("ten minutes" after "For how long?")?"""
    words = tokens(u.text)
    plain = " ".join(words)
    if need == "time" and _misheard_at(plain):
        return True
    if u.intent != pending.intent and (_QUESTION.match(plain) or (
            need not in ("item", "name") and _COMMAND.match(plain))):
        return False  # "what's on my calendar" after "When is the dinner?" is a new command
    if list_intent(u.text):
        return False  # a whole list command ("create a packing list") is not an item
    if pending.intent.startswith("lists_") and u.intent != pending.intent and (
            cannot_by_words(u.text) in DECISIVE
            or u.intent in OFFLINE_INTENTS and u.intent_confidence >= 0.9 and len(words) >= 3):
        # "send a text to dad" after "What should I add to your shopping list?" was put on it
        # (an errand to be reminded of may well be "call the plumber": that one is asked for);
        # a thing alone is the item, however sure the model is of a service ("Cheese.": a recipe)
        return False
    if need not in ("item", "name") and len(words) >= 3 and _COMMAND.match(plain) \
            and u.intent_confidence >= ctx.cfg.nlu.clarify_below:
        return False  # the command said again, whole ("cancel my alarm on saturday" after "Which one?")
    if need in ("item", "name"):  # "What should I add to your shopping list?" "Milk."
        return 0 < len(words) <= 8 and not re.match(  # a new command ("please remind me at six ...")
            r"(?:(?:please|can you|could you|okay|ok|and|now|oh) )*(?:remind me|set (?:an? |the )?(?:alarm|"
            r"timer)|wake me)\b", plain)
    if need == "day":  # "When is the dentist?" "Friday at five."
        today = dt.date.fromtimestamp(ctx.clock())
        return 0 < len(words) <= 8 and (parse_days(u.text, today) is not None
                                        or parse_clock(u.text) is not None)
    return len(words) <= 6 and (
        u.intent in (pending.intent, "unknown") or u.intent_confidence < ctx.cfg.nlu.clarify_below
        or parse_duration(u.text) is not None or parse_clock(u.text) is not None
        or need == "time" and parse_clock(f"at {' '.join(words)}") is not None  # "Seven."
        or need == "time" and (_PART.search(plain) is not None
                               or parse_days(plain, dt.date.fromtimestamp(ctx.clock())) is not None)
        or need == "which" and bool(set(words) & {"all", "both", "every", "everything"}))


def clarify(u: Understanding, ctx: SkillContext) -> Reply:
    """A short clarifying question; remembers an actionable guess so "yes" can carry it out."""
    guess = u.intent if u.intent != "unknown" else (u.alternatives[0][0] if u.alternatives else "")
    if guess in _ASK and u.intent_confidence >= GUESS_MIN:
        set_pending(ctx, dataclasses.replace(u, intent=guess))
        return Reply(f"Did you want me to {_ASK[guess]}?", "clarify", (("guess", guess),))
    set_pending(ctx, None)
    return Reply("Sorry, I didn't catch that. Could you say it another way?", "clarify")


OTHER_OFFER = re.compile(r"(?:no |nah |nope |hmm |um )?(?:something else|anything else|what else|another "
                          r"one|another|a different one|something different|not that one|what "
                          r"else have you got|give me another)(?: please)?")


def offer(detail: dict[str, str], u: Understanding) -> Understanding:
    """The command a suggestion offers: another joke (``offer``), or the play command of a song ("play
    strobe by deadmau5"), named by its slots."""
    if detail.get("offer"):
        return Understanding("tell me another one", detail["offer"], 1.0, "neutral", 1.0, ())
    title, artist = detail.get("title", ""), detail.get("artist", "")
    slots = (Slot("song_name", title, title.lower()),) + (
        (Slot("artist_name", artist, artist.lower()),) if artist else ())
    text = f"play {title} by {artist}" if artist else f"play {title}"
    return Understanding(text, "play_music", 1.0, "neutral", 1.0, slots)


def answer_to_question(u: Understanding) -> str | None:
    """"yes" | "no" when ``u`` answers a yes/no question, else None."""
    words = set(tokens(u.text))
    if u.intent == "general_negate" or (words and words <= _NO | _FILL):
        return "no"
    if u.intent in ("general_affirm", "general_confirm") or (words and words <= _YES | _FILL):
        return "yes"
    return None


__all__ = ["answer_to_question", "as_answer", "clarify", "completes", "GUESS_MIN", "offer",
           "OTHER_OFFER", "pending", "PENDING_KEY", "PENDING_S", "set_pending"]


_ITS_WORDS = {
    "alarm_remove": re.compile(r"\b(?:snooze|cancel\w*|delete\w*|remove\w*|stop|off|clear|disable|don't|dont|turn|kill|"
                               r"erase|unset|skip|deactivate|rid|shut|end|no|not|never|forget|take away|silence\w*|reset|"
                               r"change)\b"),
    "music_likeness": re.compile(r"\b(?:love|loves|loved|like|likes|liked|adore|enjoy\w*|fan|into|favou?rites?|hate\w*|"
                                 r"dislike\w*|stand|sick|tired|best|great|awesome|good|nice|cool|amazing|wonderful|"
                                 r"beautiful|rate|rating|stars?|prefer\w*|this|it|it's|its|that|these|song|songs|music|"
                                 r"track|tune|one|playlist|genre|artist|band|ok|okay|terrible|awful|boring|rubbish|bad|"
                                 r"annoying|worst)\b"),
    "general_commandstop": re.compile(r"\b(?:stop\w*|pause\w*|quiet|enough|shut|off|cancel\w*|end|halt|quit|silence|"
                                      r"hush|shh|mute|done|finish\w*|kill|exit|close|turn|no|not|don't|dont|never|"
                                      r"nevermind|all|leave|abort|terminate|discontinue|cease|break|wait|hold|freeze|"
                                      r"interrupt|over|bye|goodbye|later)\b"),
}
"""Words without which an intent that changes something is asked about, not done: every HWU64
train sentence of alarm_remove and general_commandstop, and all but two of music_likeness, hold
one. As tiny.en wrote them, "Good morning isn't it a great day." and "Renew the alarms I have."
(the model: alarm_remove) cancelled tomorrow's alarm, "Save my car and text." (music_likeness)
liked the song playing, and "Hey smoking, pho." (general_commandstop) stopped it."""


def lacks_its_words(intent: str, text: str) -> bool:
    """Is ``text`` without any word ``intent`` needs (:data:`_ITS_WORDS`)?"""
    words = _ITS_WORDS.get(intent)
    return words is not None and not words.search(text.lower())
