"""audio_volume_up / audio_volume_down / audio_volume_mute, and a set level ("volume to 5",
"raise the volume to fifty five percent", "turn it down by 20 percent").

Levels are the Player's volume, 0.0-1.0, spoken as percent. A number up to 10 is read on a
0-10 scale, above 10 as percent. HWU64 files "unmute" under audio_volume_up and "pause the
music" under audio_volume_mute, so those words are honoured whatever the intent. The level before
a mute is kept in the database's ``meta`` table so "unmute" restores it, even after a restart.
"""

from __future__ import annotations

import dataclasses
import re

from ..tts import PACE_KEY
from ..types import Reply, Understanding
from .base import Skill, SkillContext
from .music import do_transport
from .spoken import first_number, parse_duration, say_duration, tokens

STEP = 0.1
PACE_STEP = 0.85
""""Speak more slowly" multiplies the speaking pace by this, "faster" divides by it."""
_PACE = re.compile(
    r"\b(?:speak|talk|say (?:it|that|things)|repeat|read|reply|answer)\b.*?\b(?P<way>slower|more slowly|"
    r"slowly|less fast|faster|more quickly|quicker|quickly|more rapidly|rapidly|normally|at (?:a |the |your )?(?:normal|"
    r"usual) (?:speed|pace|rate))\b|\byou(?:'re| are)? (?:talking|speaking) (?:too |so |really |a bit "
    r"|way )*(?P<too>fast|quickly|slow|slowly)\b")
_PACE_MORE = re.compile(
    r"\b(?:slow|speed)(?: down| up)? (?:of )?(?:your |the )?(?:speech|speaking|talking|voice|talk|replies|answers|"
    r"reading|narration)\b|\b(?:your )?(?:speech|speaking|talking|replies|reading|voice)\b.*?\b(?:slower|faster|slow|"
    r"fast|quicker|pace)\b|\b(?:don't|do not|dont|stop|not) (?:speak|talk)(?:ing)? (?:so |too )?(?:fast|slow|slowly)\b|"
    r"\byour (?:speed|pace|rate) (?:a bit |a little )?(?:slower|faster)\b|\bslow down how (?:fast )?you(?:'re| are)? "
    r"(?:talk|speak)|\b(?:decrease|"
    r"reduce|lower|increase|raise|slow down|speed up) (?:the|your) (?:speed|pace|rate|speaking rate|talking speed|speaking "
    r"speed)(?: (?:of|"
    r"at which) (?:your|you)(?: (?:speech|speaking|talking|voice|talk))?)?\b|^(?:(?:whoa|hey|please|can you|could you|"
    r"okay) )*(?:slow down|speed up)(?: please| a (?:bit|little))?$")
"""The pace said other ways ("slow your speech" and "please don't speak so fast" muted the speaker)."""
_UNMUTE_KEY = "skills.volume_before_mute"
_BACK_KEY = "skills.volume_before_down"
_UNMUTE_AT_KEY = "skills.volume_unmute_at"
"""When a mute for a while ("mute for an hour", "don't disturb me for an hour") ends: epoch s."""


def _level_text(v: float) -> str:
    return f"{int(round(v * 100))} percent"


def _amount(u: Understanding) -> float | None:
    s = u.slot("change_amount")
    if s is not None and isinstance(s.value, (int, float)) and not isinstance(s.value, bool):
        return float(s.value)
    return first_number(u.text)


def _as_level(n: float, text: str) -> float:
    if "percent" in text or "%" in text or n > 10:
        return min(1.0, max(0.0, n / 100.0))
    return min(1.0, max(0.0, n / 10.0))


_FRACTION = re.compile(r"\b(?:to|at) (?:a |one )?(?P<a>half|quarter|three quarters?)\b(?! (?:a|an|of)\b)|"
                       r"\b(?P<b>half|quarter)(?: volume| way)\b|\b(?P<c>halfway)\b")
_FRACTIONS = {"half": 0.5, "halfway": 0.5, "quarter": 0.25, "three quarter": 0.75,
              "three quarters": 0.75}
"""A level said as a fraction: "set the volume to half" (was read as "up a step"), "a quarter"."""


def fraction_level(text: str) -> float | None:
    m = _FRACTION.search(text.lower())
    return None if m is None else _FRACTIONS[m["a"] or m["b"] or m["c"]]


_QUESTION = re.compile(r"^(what|what's|whats|how|is)\b.*\b(volume|loud)\b|^(?:is|are) (?:it|the "
                       r"(?:sound|volume|speaker|music)|you|that) (?:on )?(?:muted|mute|silent|off)\b|"
                       r"^is the (?:sound|volume) (?:on|up|working)\b")
"""A question about the volume ("is it muted"), answered without changing it."""
_CHANGE_WORDS = {"up", "down", "set", "to", "louder", "quieter", "increase", "decrease", "turn",
                 "raise", "lower", "change", "make", "max", "maximum", "minimum"}


_PLAY_LEVEL = re.compile(
    r"\s+(?:(?:at|on|with the) (?:volume|level) (?P<n>\d+|[a-z]+)(?: percent)?|at (?P<p>\d+|[a-z]+) "
    r"percent(?: volume)?|(?P<low>quietly|softly|gently|(?:at|on) (?:a )?low volume)|(?P<high>"
    r"loud|loudly|really loud|full blast|at full volume|at max volume|(?:nice and|really) loud))"
    r"(?=(?: please)?[.!?]*$)", re.IGNORECASE)
QUIET_LEVEL, LOUD_LEVEL = 0.3, 0.9
"""The levels of "play some jazz quietly" and "play it loud"."""


def play_level(text: str) -> tuple[str, float | None]:
    """A play command with its level said at the end ("play jazz at volume three", "play some
    classical music quietly") → (the command without it, the level 0-1); (text, None) else."""
    m = _PLAY_LEVEL.search(text)
    if m is None:
        return text, None
    if m["low"] or m["high"]:
        level = QUIET_LEVEL if m["low"] else 1.0 if re.search(r"full|max", m["high"]) else LOUD_LEVEL
    else:
        n = first_number(m["n"] or m["p"])
        if n is None:
            return text, None
        level = _as_level(n, "percent" if m["p"] else m.group(0).lower())
    return text[:m.start()] + text[m.end():], level


_WHISPER = re.compile(r"\bwhisper(?:ing)?(?: mode| voice| for me)?\b|\b(?:indoor|inside|quiet) voice\b|\bquiet mode\b|"
                      r"\bnormal (?:vocals?|voice) mode\b")


def whisper_asked(text: str) -> str | None:
    """"on" for "change to whisper mode" / "use your indoor voice", "off" for "whisper mode off" /
    "normal vocals mode"; None when neither is said ("whisper mode" muted everything)."""
    low = text.lower()
    if not _WHISPER.search(low) or re.search(r"\bdown to a whisper\b", low):
        return None
    if "quiet mode" in low and (parse_duration(low) or re.search(r"\b(?:until|till|for)\b", low)):
        return None  # "quiet mode four hours", "quiet mode on until I am home": a mute for a while
    return "off" if re.search(r"\b(?:off|out of|stop|normal|deactivate|disable|exit|end|no more)\b", low) else "on"


def pace_asked(text: str) -> str | None:
    """"slower" for "can you speak more slowly" / "you're talking too fast", "faster", "normal"
    ("talk at normal speed"), None when the speaking pace is not asked about."""
    m = _PACE.search(text.lower())
    more = _PACE_MORE.search(text.lower()) if not m else None
    if more:
        said = more[0]
        if re.search(r"\b(?:don't|do not|dont|not|stop)\b", said):  # "don't talk so fast" / "so slow"
            return "faster" if "slow" in said else "slower"
        return "slower" if re.search(r"slow|decrease|reduce|lower", said) else "faster"
    if not m:
        return None
    if m["too"]:
        return "slower" if m["too"] in ("fast", "quickly") else "faster"
    way = m["way"]
    return "slower" if "slow" in way or way == "less fast" else "normal" if way.startswith(
        ("normal", "at")) else "faster"


def _restore(db, player, default: float) -> float:
    """The sound back at its level before the mute (the configured one when unknown)."""
    before = db.get_meta(_UNMUTE_KEY) or ""
    try:
        level = float(before) if before else float(default)
    except ValueError:
        level = float(default)
    level = max(level, 0.1)
    player.set_volume(level)
    db.set_meta(_UNMUTE_KEY, "")
    db.set_meta(_UNMUTE_AT_KEY, "")
    return level


def unmute_when_due(db, player, now: float, default: float) -> float | None:
    """For the loop's tick: when a mute for a while is over, the sound back on; returns the
    level, or None when nothing was due."""
    at = db.get_meta(_UNMUTE_AT_KEY) or ""
    try:
        due = bool(at) and float(at) <= now
    except ValueError:
        due = True  # unreadable: never leave the speaker muted for good
    if not due:
        return None
    if player.volume > 0:  # turned up meanwhile
        db.set_meta(_UNMUTE_AT_KEY, "")
        return None
    return _restore(db, player, default)


_TOO = re.compile(r"\b(?:too|so|very|really|a bit|way too) (?P<way>quiet|soft|low|loud)\b|"
                  r"\b(?:that's|that is|it's|it is|this is) (?P<way2>loud|quiet)$|"
                  r"\b(?:can't|cannot|can not|couldn't) (?:really )?hear (?:it|that|you|the music|anything)\b|"
                  r"\bhard to hear\b")


def too_loud_or_quiet(text: str) -> str | None:
    """"audio_volume_up" for "it's too quiet" / "I can't hear it" (the model read "it's too
    quiet" as audio_volume_mute 0.96 and muted), "audio_volume_down" for "it's too loud"."""
    m = _TOO.search(" ".join(re.findall(r"[a-z']+", text.lower())))
    if not m or re.search(r"\b(?:speak|talk|talking|speaking)\b", text.lower()):
        return None
    return "audio_volume_down" if "loud" in (m["way"], m["way2"]) else "audio_volume_up"


def asks_volume(text: str) -> bool:
    """"How loud is it?", "what's the volume?", "is it muted?": a question, nothing to change."""
    low = text.lower()
    if re.match(r"(?:is|are) (?:the |my )?(?:volume|sound|it|you) (?:at|on|all the way|turned) (?:up )?(?:max|maximum|"
                r"full|the (?:max|maximum|highest|lowest)|minimum|the top|up)\b", low):
        return True  # "is the volume at max" turned it up to the top
    return bool(_QUESTION.search(low)) and not set(tokens(low)) & _CHANGE_WORDS


_SOUND_ON = re.compile(r"(?:please )?(?:turn |switch |put )?(?:the |my )?(?:audio|sound|volume|speaker|voice)s? "
                       r"(?:back )?on(?: again)?(?: please)?|(?:please )?(?:turn|switch|put) (?:back )?on (?:the |my )?"
                       r"(?:audio|sound|volume|speaker)(?: again)?(?: please)?")
"""The sound turned back on, which the model may read as a mute ("audio on": mute, and it muted)."""


class VolumeSkill(Skill):
    """The sound of the speaker: the volume, and how fast it speaks (which HWU64 has no intent
    for: "speak more slowly" is read as audio_volume_up)."""

    intents = ("audio_volume_up", "audio_volume_down", "audio_volume_mute")

    def handle(self, u: Understanding, ctx: SkillContext) -> Reply:
        text = u.text.lower()
        way = pace_asked(text)
        if way is not None:
            return self.pace(way, ctx, bool(re.search(r"\b(?:repeat|again)\b", text)))
        last = ctx.last_reply
        again = re.match(r"(?:can you )?(?:repeat (?:that|it)|say (?:that|it) again|say again) ", text)
        if again and u.intent == "audio_volume_up" and last is not None and last.text:
            louder = self.handle(dataclasses.replace(u, text=text[again.end():]), ctx)
            if louder.action == "volume":  # "repeat that louder": louder, and said again
                return Reply(last.text, "repeat", (("repeated", last.action),) + louder.detail)
        if u.intent == "audio_volume_up" and last is not None and last.text and re.search(
                r"\b(?:couldn't|could not|didn't|did not|can't|cannot) hear\b.*\b(?:repeat|say (?:that|it) again)\b", text):
            louder = self.handle(dataclasses.replace(u, text="louder"), ctx)  # "i couldn't hear you, can you repeat it"
            return Reply(last.text, "repeat", (("repeated", last.action),) + louder.detail)
        words = set(tokens(text))
        if "unmute" in words or "un mute" in text or _SOUND_ON.fullmatch(text.strip(" .!?")) or (
                ctx.player.volume <= 0 and re.fullmatch(r"(?:an? ?mute|amute|on mute)[.!]?", text.strip())):
            return self.unmute(ctx)  # "Unmute" said alone is heard "A mute." / "Amute."
        if asks_volume(text):
            # "what's the volume?" is read as audio_volume_up: answer it, change nothing
            level = ctx.player.volume
            said = "muted" if level <= 0 else _level_text(level)
            return Reply(f"The volume is {said}.", "say", (("volume", f"{level:.2f}"),))
        whisper = whisper_asked(text)
        if whisper == "on":  # "change to whisper mode": quiet, not muted
            return dataclasses.replace(self.set_level(ctx, 0.1), text="Okay, I'll keep it down: volume 10 percent.")
        if whisper == "off":  # back to where it was before
            back = ctx.db.get_meta(_BACK_KEY) or ""
            return self.set_level(ctx, float(back) if re.fullmatch(r"\d+(\.\d+)?", back) and float(back) > 0.1 else 0.6)
        n = _amount(u)
        if u.intent == "audio_volume_mute" and not (  # "volume should be set at 4" (mute 0.59): a level
                words & {"volume", "level"} and n is not None and n > 0 and re.search(r"\b(?:to|at)\b", text)):
            if re.search(r"\bpaus(?:e|ing)\b", text):  # "would you mind pausing" (the model: mute)
                return do_transport("pause", ctx)
            return self.mute(ctx, parse_duration(text))
        if "mute" in words:
            return self.mute(ctx, parse_duration(text))
        p = ctx.player
        current = float(p.volume)
        before = ctx.db.get_meta(_UNMUTE_KEY) or ""
        if current <= 0 and re.fullmatch(r"\d+(\.\d+)?", before) and u.intent == "audio_volume_up":
            current = float(before)  # louder while muted: up from where it was
        back = ctx.db.get_meta(_BACK_KEY) or ""
        if re.search(r"\b(?:back up|back to (?:where|how|what) it was|put it back|as it was)\b", text) \
                and re.fullmatch(r"\d+(\.\d+)?", back) and float(back) > current:
            return self.set_level(ctx, float(back))  # "turn it back up" after "all the way down"
        if words & {"max", "maximum", "full", "loudest"} or "all the way up" in text:
            return self.set_level(ctx, 1.0)
        if re.search(r"\b(?:down )?by half\b|\bhalve\b", text) and u.intent != "audio_volume_up":
            return self.set_level(ctx, max(0.05, current / 2))  # "turn it down by half": half (it took one step)
        if words & {"whisper", "murmur"}:  # "turn it down to a whisper"
            return self.set_level(ctx, 0.1)
        if words & {"minimum", "lowest", "quietest"} or "all the way down" in text:
            return self.set_level(ctx, 0.05)
        part = fraction_level(text)
        if part is not None and not re.search(r"\bby\b", text):
            return self.set_level(ctx, part)
        if n == 0 and re.search(r"\b(?:to|at) (?:zero|0|nothing)\b", text) and not re.search(r"\bby\b", text):
            return self.mute(ctx, None)  # "make the volume to zero" (audio_volume_down) was 5 percent
        if n is not None and n >= 0:
            if re.search(r"\bby\b", text):
                step = _as_level(n, text)
                if "percent" in text and "current" in text:  # "by fifty percent of its level"
                    step = current * n / 100.0
                target = current + step if u.intent == "audio_volume_up" else current - step
            else:
                target = _as_level(n, text)
                if 10 < n <= 20 and "percent" not in text and "%" not in text and \
                        target < current and re.search(r"\b(?:up|louder|raise|increase)\b", text):
                    target = 1.0  # "turn it up to eleven": past the 0-10 scale's top, not 11 %
        else:
            step = STEP / 2 if words & {"little", "bit", "slightly", "tad"} else \
                2.5 * STEP if words & {"lot", "much", "way"} else STEP
            if u.intent == "audio_volume_up":
                target = current + step
            else:
                target = current - step
            if u.intent == "audio_volume_up" and current >= 1.0:
                return Reply("That's as loud as I go.", "volume", (("volume", f"{current:.2f}"),))
            if u.intent == "audio_volume_down" and current <= 0:  # "turn it down" while muted
                return Reply("It's muted. Say unmute or volume up to bring the sound back.", "say",
                             (("volume", "0.00"),))
            if u.intent == "audio_volume_down" and current <= 0.05:
                return Reply("That's as quiet as I go before mute.", "volume",
                             (("volume", f"{current:.2f}"),))
        return self.set_level(ctx, min(1.0, max(0.05, round(target, 3)) if target > 0 else 0.05))

    def set_level(self, ctx: SkillContext, level: float) -> Reply:
        """The detail's ``way`` (up or down) lets "a bit more" / "too much" go on from it."""
        before = ctx.player.volume
        if level < before:  # the level to go "back up" to
            ctx.db.set_meta(_BACK_KEY, f"{before:.3f}")
        ctx.player.set_volume(level)
        ctx.db.set_meta(_UNMUTE_KEY, "")
        ctx.db.set_meta(_UNMUTE_AT_KEY, "")
        way = (("way", "up" if level > before else "down"),) if level != before else ()
        return Reply(f"Volume {_level_text(level)}.", "volume", (("volume", f"{level:.2f}"),) + way)

    def mute(self, ctx: SkillContext, seconds: float | None = None) -> Reply:
        """Mute; for ``seconds`` only when a while is said ("mute for an hour"): the loop turns
        the sound back on then (:func:`unmute_when_due`). Alarms and replies still sound."""
        p = ctx.player
        if seconds:
            if p.volume > 0:
                ctx.db.set_meta(_UNMUTE_KEY, f"{p.volume:.3f}")
            p.set_volume(0.0)
            ctx.db.set_meta(_UNMUTE_AT_KEY, f"{ctx.clock() + seconds:.0f}")
            return Reply(f"Muted for {say_duration(seconds)}.", "mute",
                         (("volume", "0.00"), ("for_s", f"{seconds:.0f}")))
        ctx.db.set_meta(_UNMUTE_AT_KEY, "")
        if p.volume <= 0:
            # most often a misheard "unmute" ("a mute"): say how to get the sound back
            return Reply("It's already muted. Say unmute or volume up to bring the sound back.",
                         "say", (("volume", "0.00"),))
        if p.volume > 0:
            ctx.db.set_meta(_UNMUTE_KEY, f"{p.volume:.3f}")
        p.set_volume(0.0)
        return Reply("Muted.", "mute", (("volume", "0.00"),))

    def unmute(self, ctx: SkillContext) -> Reply:
        if ctx.player.volume > 0:  # it lowered a loud speaker to the level before the last mute
            return Reply(f"The sound is on, at {_level_text(ctx.player.volume)}.", "say",
                         (("volume", f"{ctx.player.volume:.2f}"),))
        level = _restore(ctx.db, ctx.player, ctx.cfg.player.volume)
        return Reply(f"Sound is back on, at {_level_text(level)}.", "unmute",
                     (("volume", f"{level:.2f}"),))

    def pace(self, way: str, ctx: SkillContext, again: bool = False) -> Reply:
        """Speak slower, faster or at the usual pace from this reply on; kept over restarts.
        ``again``: the last reply is said again at the new pace ("say that again slowly")."""
        sp = ctx.speaker
        current = ctx.player.current
        if not again and current is not None and current.kind in ("audiobook", "podcast") \
                and ctx.player.status().state == "playing":  # "read faster" over a book
            what = "book" if current.kind == "audiobook" else "podcast"
            return Reply(f"Sorry, I can't change the speed of a {what} yet. I play it as it was "
                         f"recorded.", "unsupported", (("pace", way),))
        if sp is None or sp.name == "none":
            return Reply("I'm not speaking out loud, so there's no pace to change.", "say")
        before = sp.pace
        target = 1.0 if way == "normal" else before * PACE_STEP if way == "slower" else before / PACE_STEP
        now = sp.set_pace(target)
        ctx.db.set_meta(PACE_KEY, f"{now:.2f}")
        detail = (("pace", f"{now:.2f}"),)
        last = ctx.last_reply
        if again and last is not None and last.text:  # "repeat that more slowly"
            return Reply(last.text, "repeat", (("repeated", last.action),) + detail)
        if way == "normal":
            return Reply("Okay, back to my usual pace.", "speech_pace", detail)
        if now == before:
            return Reply(f"This is as {'slowly' if way == 'slower' else 'fast'} as I speak.",
                         "speech_pace", detail)
        return Reply(f"Okay, I'll speak {'more slowly' if way == 'slower' else 'faster'}.",
                     "speech_pace", detail)
