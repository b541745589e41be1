"""A command read with what just happened: the words alone mislead the model there.

"And divided by two?" after a sum, "and another one for ten minutes" after a timer, "add bread"
after a list was read, "Choose." while an alarm rings (tiny.en's "Snooze."), "Boss." while music
plays (its "Pause."). :func:`heard_command` rewrites such a command before :func:`.route`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from .. import library
from ..compound import COMMAND_WORDS, IMPERATIVES, one_more
from ..types import Understanding
from .agenda import parse_days
from .base import SkillContext
from .games import game_of
from .match import best_artist, best_genre, best_items, genre_named, residue
from .music_words import one_word_command, podcast_heard
from .naming import plain_words as _plain
from .reminders import REMIND_PREFIX, as_remind_me
from .spoken import parse_clock, parse_duration, tokens
from .timer_words import RING_STOP_WORDS, own, play_for, sounds_like_snooze


_GO_ON = re.compile(r"^(?:and |end |then |now |okay )*(?:what(?:'s| is) (?:that |it )?)?"
                    r"(?P<rest>(?:plus|minus|times|multiplied by|divided by|over|to the power of|"
                    r"squared|cubed)\b.*)$")
"""A sum that goes on from the last answer: "what's seven times eight?" "And divided by two?"."""
_DOUBLE = re.compile(r"(?:and |now |okay |then )?(?:what(?:'s| is) )?(?P<how>double|triple|halve|half|square)"
                     r"(?: of)? (?:that|it|the answer|this)(?: please)?")
_DOUBLE_AS = {"double": "times 2", "triple": "times 3", "halve": "divided by 2", "half": "divided by 2",
              "square": "squared"}
"""A sum that goes on from the last answer in a word: "double that", "halve it"."""
_FOR_DAY = re.compile(r"(?:(?:no|actually|sorry|oh|and) )*(?:make it |make that |change it to )?(?:for |on )?"
                      r"(?P<day>(?:this |next )?(?:tomorrow|today|monday|tuesday|wednesday|thursday|friday|"
                      r"saturday|sunday))(?: instead| please)?")
"""Right after an alarm was set: "for Friday" moves it there, at the same time."""
_AND_ALSO = re.compile(r"^(?:and|end|also|plus|oh and|and also|and some)\s+(?P<items>.+?)"
                       r"(?:\s+(?:too|as well|also))?$")


_PLAY_INSTEAD = re.compile(r"^(?:(?:no|nope|nah|actually|sorry|oops|wait|oh|um|uh)\s+)*(?:i said|i meant|"
                           r"i mean|i'm in|i wanted|i asked for|i want|play)\s+(?P<what>.+)$|"
                           r"^(?:no|nope|nah)\s+(?!not\b)(?P<just>.+?)(?: please)?$|"
                           r"^(?:(?:no|hmm|um|maybe|actually)\s+)*(?P<some>(?:something|anything)\s+(?:a bit |a little |"
                           r"more |a lot )*[a-z]+)(?: please| instead)?$")
"""Right after something was played: "no, I said jazz", "I meant John Coltrane" ("I'm in John
Coltrane" as tiny.en heard it), "no, Miles Davis"."""


def _with_commas(text: str) -> str:
    """Plain lower-case words with the commas kept, which part the items of a list."""
    return " ".join(re.sub(r"\s*,\s*", ", ", re.sub(r"[^a-z0-9,' ]", " ", text.lower())).split()).strip(" ,")


def _instead(text: str, ctx: SkillContext) -> str | None:
    """The music named in a correction of what was just played, or None."""
    m = _PLAY_INSTEAD.match(_plain(text))
    what = m and (m["what"] or m["just"] or m["some"])
    if not what:
        return None
    tracks = library.tracks(ctx.db, kind="music")
    rest = residue(f"play {what}")
    named = rest and (best_genre(rest, tracks) or best_artist(rest, tracks)
                      or best_items(rest, tracks, fields=("title", "album")))
    return what if named else None


_MORE_TIME = re.compile(r"(?:(?:just |okay |ok |oh )?(?:give me|let me sleep|i need|another|just) )?"
                        r"(?:[a-z]+ ){1,3}(?:more|extra) (?:minutes?|mins?|hours?)(?: please)?|"
                        r"(?:snooze )?(?:for )?(?:another )?(?:[a-z]+ ){1,3}(?:minutes?|mins?) more(?: please)?")
"""While something rings: "five more minutes", "give me ten more minutes", "another ten minutes
please" (with a while said) is a snooze for that while."""


_RESUME_NAMED = re.compile(r"(?:resume|unpause|continue|restart|start|carry on with) (?:the |my )?"
                           r"(?P<name>[a-z]+)(?: again)?")
_AND_WHAT = re.compile(r"(?:and|what about|how about|and what about|and how about|and for|and on|"
                       r"and in|and until|and till|and to|and at) (?P<rest>(?:[a-z0-9']+ ?){1,4})")


def _same_question(rest: str, last) -> tuple[str, str] | None:
    """(text, intent) of the question just answered, asked of ``rest`` instead ("and
    tomorrow?" after a calendar read, "and in London?" after the time in Tokyo, "and Easter?"
    after the days until Christmas), or None."""
    d = dict(last.detail)
    rest = re.sub(r"^(?:in|on|for|until|till|to|at) ", "", rest)
    if rest.split()[0] in IMPERATIVES or rest.split()[0] in COMMAND_WORDS:
        return None  # "and play some jazz", "and what's the time": a command of its own
    if last.action == "calendar_read" and "entries" in d:
        return f"what's on my calendar {rest}", "calendar_query"
    if last.action == "say" and "zone" in d:
        return f"what time is it in {rest}", "datetime_query"
    if last.action == "say" and "days" in d and d.get("date"):
        return f"how many days until {rest}", "datetime_query"
    if last.action == "unsupported" and d.get("intent"):
        return rest, d["intent"]  # "and tomorrow?" after the weather: the same honest answer
    return None


_GIVE_UP = re.compile(r"(?:what(?:'s| is) the answer|tell me(?: the answer)?|i give up|i don't know|"
                      r"no idea|i dunno|go on|what is it)\b")


def game_turn(said: str, last) -> str | None:
    """The next turn of a game the speaker is in the middle of, as the games skill reads it
    ("knock knock who is there lettuce"), or None when ``said`` is something else."""
    d = dict(last.detail) if last is not None and last.action == "game" else {}
    if not d or not said:
        return None
    if "rps" in d:
        pick = re.search(r"\b(rock|paper|scissors?)\b", said)
        return f"rock paper scissors i picked {d['rps']} you picked {pick[1]}" if pick else None
    if "menu" in d:  # "Which one?" "A riddle."
        for word, game in (("riddle", "tell me a riddle"), ("coin", "flip a coin"),
                           ("dice|die", "roll a die"), ("number", "pick a number"),
                           ("rock|paper|scissors", "rock paper scissors"),
                           ("knock", "knock knock")):
            if re.search(rf"\b(?:{word})\b", said) and len(said.split()) <= 6:
                return game
        return None
    if "rps_result" in d:  # after a round: "again" plays another, a bare pick plays it at once
        if re.fullmatch(r"(?:let's |can we )?(?:play |go )?(?:again|one more(?: time| round| game)?|"
                        r"another(?: one| round| game)?)(?: please)?", said):
            return "rock paper scissors"
        pick = re.fullmatch(r"(?:i pick |i choose |i'll go |i go )?(rock|paper|scissors?)", said)
        return f"rock paper scissors you picked {pick[1]}" if pick else None
    if "telling" in d and len(said.split()) <= 6:  # "Knock, knock." "Who's there?" "Lettuce." "Lettuce who?"
        return f"knock knock joke {d['telling']} {'name' if d.get('step') == '0' else 'punchline'}"
    if d.get("knock") in ("1", "2") and len(said.split()) <= 10:
        return f"knock knock {'who is there' if d['knock'] == '1' else 'punchline'} {said}"
    if "riddle" in d and (_GIVE_UP.match(said) or len(said.split()) <= 4
                          and said.split()[0] not in IMPERATIVES and game_of(said) is None):
        return f"riddle {d['riddle']} answer {said}"
    return None


_ON_IT = re.compile(r"(?:and |so |okay )?(?P<ask>how many (?:things|items|of them)? ?(?:are|is) (?:on|in)|"
                    r"what(?:'s| is| else is) (?:on|in)|read) (?:it|there|that|that one|that list)"
                    r"(?: now| again| back| back to me| out| out to me| to me)?")
"""Right after a list was read or changed: "how many things are on it?", "what's on it now?"."""
_REST = re.compile(r"(?:and |so |okay )?(?:what else|what else is (?:on|in) (?:it|there|the list)|"
                   r"(?:read |and )?the rest(?: of it| of them)?|what are the (?:others|rest)|read (?:me )?more|more|keep going|"
                   r"go on|carry on|continue)(?: please)?")
"""Right after a list was read in part ("..., and 7 more."): the rest of it."""
_MOVE_IT = re.compile(r"(?:(?:actually|no|oh|sorry|wait|and) )*(?:can you |please )?(?:move|change|push|"
                      r"shift|make) (?:it|that|that one) (?:to|for|till|until) (?P<to>.+?)"
                      r"(?: instead| please)?")
"""Right after an entry was added to the calendar: "move it to four" (asked back)."""
_MOVE_BARE = re.compile(r"(?:(?:actually|no|oh|sorry|wait|oops) )+(?:on |to |for |make it |make that )?(?P<to>(?:this |next )?"
                        r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|today)"
                        r"(?: at .+)?)(?: instead| please)?")
"""Right after an entry was added: "no, Thursday" (asked to say it again)."""
_MEANT = re.compile(r"(?:(?:no|sorry|oops|actually) )*(?:i meant|i said|i mean|make (?:it|that)) (?P<what>.+)")
"""Right after an item went on a list: "I meant oat milk" (the model: recipes)."""
_CLEAR_IT = re.compile(r"(?:and |so |okay |then |now )?(?P<verb>clear|empty|wipe|erase|delete) (?:it|that|"
                       r"that list|the whole thing)(?: out| all| please)?")
"""Right after a list was read: "clear it" (asked what to take off the list)."""
_MORE_OF_IT = re.compile(r"(?:(?:a|just a|a little|a tiny|a wee) )?(?:bit |little |touch |tad )?"
                         r"(?P<more>more|further|again|even more|some more)(?: please)?|"
                         r"(?:no |oh |oops |whoa )?(?P<back>too much|too far|not that much|back a bit|"
                         r"go back a bit)(?: please)?|(?P<less>(?:a )?(?:bit |little |touch )?less)(?: please)?")
"""Right after the volume was changed: "a bit more" goes on the same way, "too much" back a
step, "a little less" quieter."""
_NOT_THIS = re.compile(r"(?:no |nah |oh )?not (?:this|that)(?: one| song| track| again)?(?: please)?")


_DAY_IS = re.compile(r"(?P<what>(?:my|our|[a-z]+'s) (?:[a-z']+ )?(?:birthday|anniversary|wedding anniversary|"
                     r"name day))(?: is| falls)(?: on)? (?P<when>(?:the )?[a-z0-9 ]+?)")
"""A day of the household's said as a fact: "my birthday is on june 5th"."""


_LATER = re.compile(r"(?:(?:ok|okay|oh|um) )*(?:later|not now|not yet|in a (?:bit|minute|while)|i'll do it later|"
                    r"remind me later|maybe later|i'm busy|not right now)(?: please)?")
"""Said to a ringing reminder: again later, not done (it was dismissed, the errand lost)."""


_MOOD_FOR = re.compile(r"(?:i'm|i am|im|we're|we are) (?:in the mood|in a mood) for (?P<what>(?:some |a |an )?(?:"
                       r"something|music|songs?|tunes?|a song)\b.*|some (?!food|pizza|chinese|indian|thai|"
                       r"takeaway|takeout|tea|coffee|ice cream|wine|beer)[a-z]+(?: music)?)")
"""Music asked for as a mood: "I'm in the mood for something sad" (the model: general_quirky)."""


_MAY_I_HEAR = re.compile(r"(?:(?:so|okay|ok|hey|um) )*(?:can|could|may) (?:i|we) (?:get|have|hear|listen to) "
                         r"(?P<what>.+?)(?: now)?(?: please)?")
"""Music asked for as a question: "can I get some rock music please", "could we hear Miles Davis"."""


def _names_music(what: str, ctx: SkillContext) -> bool:
    """Does ``what`` ask for music: music words, or a genre, mood, artist or title the library has?"""
    return bool(re.search(r"\b(?:music|songs?|tunes?|tracks?)\b", what)) or bool(_instead(f"play {what}", ctx))


_COUNT_DOWN = re.compile(r"(?:(?:please|can you|could you) )*(?:start )?count(?:ing)? down(?: from)? (?P<d>.+?)(?: please)?"
                         r"|(?:please )?(?:tell me|let me know|alert me|beep|ring) (?:when|once|after) (?P<d2>.+?) "
                         r"(?:have|has|is|are) (?:passed|gone by|up|over)")
"""A timer said without the word ("count down 10 minutes": didn't catch that; "tell me when ninety minutes
have passed": read the calendar)."""
_NEXT_SAID = re.compile(r"(?:(?:lets|let's|please|can you|just) )*(?:pass(?: on)? (?:this|that|the)(?: song| one| track)?(?: and "
                        r"(?:do|play|go to) the next(?: one)?)?|(?:play |i want |let's hear |can i hear )?(?:the )?(?:very )?"
                        r"(?:next|following) (?:song|track|tune|musical number|number|hit)(?: played| please| now)?|play "
                        r"the (?:song|track|one) (?:after this(?: one)?|coming (?:on )?next)|move on(?: to the next(?: one| song)?)?)")
"""While music plays, the next song asked for in other words ("pass this song" recorded a like; "play the song
after this" looked for one called "after this")."""
_BOTH = re.compile(r"(?:(?:no|actually|okay|ok|please|now) )*(?:cancel|stop|delete|remove|turn off|clear|end)"
                   r"(?: them)? (?:both|both of them|them both)(?: please| now)?")
"""Two things cancelled at once with no noun: the two timers, or the two alarms, there are."""


_REMIND_MY_DAY = re.compile(r"(?:(?:can|could|would|will) you |please )*remind me (?:of |about )?(?P<what>(?:what(?:'s| "
                            r"is) (?:on )?my|my) (?:calendar|schedule|agenda|day|plans|appointments)\b.*)")
_START = re.compile(r"(?:please |okay |ok |now )*(?:start|begin|resume|unpause|continue)(?: it| again| now| playing| please)*")


def heard_command(u: Understanding, ctx: SkillContext) -> Understanding:
    """``u`` completed from what just happened, else as it is:
    - right after a sum, "and divided by two" goes on from its answer;
    - right after a timer or an alarm was set, "and another one for ten minutes" is one more;
    - while something rings, a lone word that may be "Snooze." as tiny.en hears it is that, one
      that sounds like "Pause." or "Stop." silences it, and any other it cannot place snoozes;
    - right after something was played, "no, I said jazz" / "I meant John Coltrane" plays that;
    - right after items were added to a list, "and eggs" ("End eggs." as heard) adds to it too,
      and right after a list was read or changed, "add bread" adds to it;
    - while something plays, "not this one" skips it, and a lone word the model cannot place
      that sounds like a transport word is that word ("Boss." for "Pause.", "Scape." for "Skip.");
    - music asked for as a question or a mood ("can I get some rock music", "I'm in the mood for
      something sad") is a play command; right after a volume change "a bit more" / "too much"
      goes on from it; right after an alarm was set "for Friday" moves it; right after a sum
      "double that" goes on from its answer;
    - while music plays, "pass this song" / "play the song after this" is the next song; "count
      down 10 minutes" is a timer; "cancel them both" with two timers (or alarms) cancels those;
    - "start please" that the model read as a stop is "resume"."""
    if ctx.player.current is not None and _NEXT_SAID.fullmatch(_plain(u.text)):
        return dataclasses.replace(u, text="next song", intent="play_music", intent_confidence=1.0, slots=())
    if podcast_heard(u.text) != u.text and re.match(r"(?:(?:please|can you|could you|start) )*(?:play|start|put on|"
                                                   r"resume|listen to)\b", _plain(u.text)):
        # "Play the serial pog s." (tiny.en's "podcast"; the model: an audiobook)
        return dataclasses.replace(u, text=podcast_heard(u.text), intent="play_podcasts", intent_confidence=1.0,
                                   slots=())
    if u.intent == "general_commandstop" and _START.fullmatch(_plain(u.text)):  # "Start please." stopped the music
        return dataclasses.replace(u, text="resume", intent="music_settings", intent_confidence=1.0, slots=())
    down = _COUNT_DOWN.fullmatch(" ".join(tokens(u.text)))  # digits kept ("count down 10 minutes")
    if down and parse_duration(down["d"] or down["d2"]):
        return dataclasses.replace(u, text=f"set a timer for {down['d'] or down['d2']}", intent="alarm_set",
                                   intent_confidence=1.0, slots=())
    if _BOTH.fullmatch(_plain(u.text)):  # "cancel them both" with two timers: "Okay." and both ran on
        last = ctx.last_reply.action if ctx.last_reply is not None else ""
        for kind in (("alarm", "timer") if last.startswith("alarm") else ("timer", "alarm")):
            if len(own(ctx, kind)) == 2:
                return dataclasses.replace(u, text=f"cancel both {kind}s", intent="alarm_remove",
                                           intent_confidence=1.0, slots=())
    day = _REMIND_MY_DAY.fullmatch(_plain(u.text))
    if day:  # "can you remind me about what's on my calendar" asked "When is what's?"
        return dataclasses.replace(u, text=f"tell me {day['what']}", intent="calendar_query", intent_confidence=1.0)
    said = as_remind_me(u.text)
    if said != u.text:  # "set a reminder for friday at noon to call the bank"
        u = dataclasses.replace(u, text=said)
    day = _DAY_IS.fullmatch(" ".join(tokens(u.text)))
    if day:  # "my birthday is on june 5th" read that day's calendar: it is one to keep
        return dataclasses.replace(u, text=f"add {day['what']} on {day['when']} to my calendar",
                                   intent="calendar_set", intent_confidence=1.0)
    asked = _MAY_I_HEAR.fullmatch(_plain(u.text)) or _MOOD_FOR.fullmatch(_plain(u.text))
    if asked and _names_music(asked["what"], ctx):
        # "can I get some rock music please" (the model: music_query, "This is <the song>."),
        # "I'm in the mood for something sad" (general_quirky)
        return dataclasses.replace(u, text=f"play {asked['what']}", intent="play_music",
                                   intent_confidence=1.0, slots=())
    held = _RESUME_NAMED.fullmatch(_plain(u.text))
    if held and any(t.label == held["name"] for t in ctx.timers.paused()):
        # "resume the pasta" with the pasta timer paused (played an audiobook)
        return dataclasses.replace(u, text=f"resume the {held['name']} timer", intent="alarm_set",
                                   intent_confidence=1.0)
    if ctx.timers.ringing():
        if _MORE_TIME.fullmatch(_plain(u.text)) and parse_duration(u.text):
            # "five more minutes" (the model: an alarm at 5 AM), "give me ten more minutes"
            return dataclasses.replace(u, text=f"snooze for {_plain(u.text)}", intent="alarm_remove",
                                       intent_confidence=1.0)
        if sounds_like_snooze(u.text) or _LATER.fullmatch(_plain(u.text)) and any(
                t.label.startswith(REMIND_PREFIX) for t in ctx.timers.ringing()):
            # "Choose." for "Snooze."; "not now" / "I'll do it later" to a reminder lost it
            return dataclasses.replace(u, text="snooze", intent="alarm_remove", intent_confidence=1.0)
        if one_word_command(u.text) in ("pause", "stop"):  # "Boss." for "Pause."
            return dataclasses.replace(u, text="stop", intent="general_commandstop",
                                       intent_confidence=1.0)
        words = tokens(u.text)
        if len(words) == 1 and not set(words) & RING_STOP_WORDS and (
                u.intent == "unknown" or u.intent_confidence < ctx.cfg.nlu.clarify_below):
            # a lone word it cannot place, said to the ringing (espeak's "Snooze." was "Two."):
            # a snooze, which rings again, loses nothing; ringing on to its time-out helped no one
            return dataclasses.replace(u, text="snooze", intent="alarm_remove", intent_confidence=1.0)
    last = ctx.last_reply
    game = game_turn(_plain(u.text), last)
    if game is not None:  # "Who's there?" "Lettuce." / a riddle's guess / a rock-paper-scissors pick
        return dataclasses.replace(u, text=game, intent="play_game", intent_confidence=1.0, slots=())
    if last is not None and last.action in ("timer_set", "alarm_set"):
        # "and another one for ten minutes for the rice" (the model: cooking_recipe)
        said = " ".join(re.findall(r"[a-z0-9:']+", u.text.lower()))  # "another for 10 minutes"
        said = re.sub(r"^m ?1\b", "and one", said)  # tiny.en writes "And one for 7:15" "M1 for 715"
        text = one_more(said, "timer" if last.action == "timer_set" else "alarm")
        if text and (parse_duration(text) is not None or parse_clock(text) is not None):
            return dataclasses.replace(u, text=text, intent="alarm_set", intent_confidence=1.0)
    day = _FOR_DAY.fullmatch(_plain(u.text))
    if day and last is not None and last.action in ("alarm_set", "alarm_change") and dict(last.detail).get("id"):
        alarm = ctx.timers.get(int(dict(last.detail)["id"]))
        if alarm is not None and alarm.state == "pending" and parse_days(
                day["day"], dt.date.fromtimestamp(ctx.clock())) is not None:  # "Alarm set for 7 AM tomorrow." "For Friday."
            at = dt.datetime.fromtimestamp(alarm.due_at).strftime("%H:%M")
            return dataclasses.replace(u, text=f"move my {at} alarm to {day['day']}", intent="alarm_set",
                                       intent_confidence=1.0, slots=())
    go_on = _GO_ON.match(" ".join(re.findall(r"[a-z0-9'.]+", u.text.lower())).strip(". "))
    double = _DOUBLE.fullmatch(_plain(u.text))
    if double and not go_on:  # "double that" (the model: general_repeat, and said it again)
        go_on = {"rest": _DOUBLE_AS[double["how"]]}
    if go_on and last is not None and last.action == "calculate" and dict(last.detail).get("result"):
        text = f"{dict(last.detail)['result']} {go_on['rest']}"
        return dataclasses.replace(u, text=text, intent="qa_maths", intent_confidence=1.0)
    more = _AND_ALSO.match(_with_commas(u.text))
    if more and last is not None and last.action == "list_add":
        name = dict(last.detail).get("list", "shopping")
        return dataclasses.replace(u, text=f"add {more['items']} to my {name} list",
                                   intent="lists_createoradd", intent_confidence=1.0)
    add = re.fullmatch(r"(?:and |okay |ok |then )?(?:please )?(?:add|put)(?: on)? (?P<items>.+?)"
                       r"(?: to it| on it| please| too)?", _with_commas(u.text))
    if add and last is not None and last.action in ("list_read", "list_add", "list_remove", "list_create") \
            and not re.search(r"\b(?:play)?list\b|\b(?:to|on|onto|in|into) (?:my|the|a|our|your)\b",
                              u.text.lower()) and parse_duration(u.text) is None \
            and not (u.intent == "calendar_set" and u.intent_confidence >= 0.8 and parse_clock(u.text)) \
            and parse_days(u.text, dt.date.fromtimestamp(ctx.clock())) is None:
        # ("add a meeting with john tomorrow at ten", "add trip to paris from friday to sunday" went
        # on the list just added to)
        # "what's on my shopping list?" then "Add bread." (the model: lights, for "add red")
        name = dict(last.detail).get("list", "shopping")
        return dataclasses.replace(u, text=f"add {add['items']} to my {name} list",
                                   intent="lists_createoradd", intent_confidence=1.0)
    more = _AND_WHAT.fullmatch(_plain(u.text))
    again = _same_question(more["rest"], last) if more and last is not None else None
    if more and last is not None and last.action == "play" and _instead(f"play {more['rest']}", ctx):
        again = f"play {more['rest']}", "play_music"  # "and some rock" (the model: a like)
    if again is not None:  # "and tomorrow?" right after "What's on my calendar today?"
        return dataclasses.replace(u, text=again[0], intent=again[1], intent_confidence=1.0,
                                   slots=())
    rest = _REST.fullmatch(_plain(u.text))
    read_to = dict(last.detail).get("read_to") if last is not None and last.action == "list_read" else None
    if rest and read_to and last.text.endswith(" more."):  # "what else?" after "..., and 7 more."
        return dataclasses.replace(u, text=f"read my {dict(last.detail)['list']} list from {read_to}",
                                   intent="lists_query", intent_confidence=1.0)
    said_words = " ".join(tokens(u.text))  # (the plain words drop "4")
    move = _MOVE_IT.fullmatch(said_words) or _MOVE_BARE.fullmatch(said_words)
    if move and last is not None and last.action in ("calendar_add", "calendar_move") \
            and dict(last.detail).get("title"):  # "add dentist at 3 tomorrow" "move it to 4"
        return dataclasses.replace(u, text=f"move {dict(last.detail)['title']} to {move['to']}",
                                   intent="calendar_set", intent_confidence=1.0)
    again = _MORE_OF_IT.fullmatch(_plain(u.text))
    way = dict(last.detail).get("way") if last is not None and last.action == "volume" else None
    if again and way:  # "turn it down" "a bit more" (the model: general_repeat)
        up = not again["less"] and (way == "up") == bool(again["more"])
        bit = " a bit" if re.search(r"\b(?:bit|little|touch|tad)\b", u.text.lower()) else ""
        return dataclasses.replace(u, text=f"turn it {'up' if up else 'down'}{bit}",
                                   intent="audio_volume_up" if up else "audio_volume_down",
                                   intent_confidence=1.0, slots=())
    meant = _MEANT.fullmatch(_plain(u.text))
    if meant and last is not None and last.action == "list_add" and dict(last.detail).get("added") \
            and "," not in dict(last.detail)["added"]:  # "add milk" "I meant oat milk"
        return dataclasses.replace(u, text=f"replace the last item with {meant['what']}",
                                   intent="lists_createoradd", intent_confidence=1.0, slots=())
    clear = _CLEAR_IT.fullmatch(_plain(u.text))
    if clear and last is not None and last.action.startswith("list_") and dict(last.detail).get("list"):
        verb = "delete" if clear["verb"] == "delete" else "clear"
        return dataclasses.replace(u, text=f"{verb} my {dict(last.detail)['list']} list",
                                   intent="lists_remove", intent_confidence=1.0)
    on_it = _ON_IT.fullmatch(_plain(u.text))
    if on_it and last is not None and last.action.startswith("list_") and dict(last.detail).get("list"):
        # "how many things are on it?" right after a list was read (the model: calendar)
        text = f"{on_it['ask']} my {dict(last.detail)['list']} list"
        return dataclasses.replace(u, text=text, intent="lists_query", intent_confidence=1.0)
    not_that = re.fullmatch(r"(?:no |nah |oh )?not (?P<g>[a-z&' ]+?)(?: music| please)?", _plain(u.text))
    if not_that and last is not None and last.action == "play" and genre_named(
            not_that["g"], library.tracks(ctx.db, kind="music"), whole=True):  # "Playing rock ..." "Not rock."
        return dataclasses.replace(u, text=f"i don't like {not_that['g']}", intent="music_likeness",
                                   intent_confidence=1.0, sentiment="negative", slots=())
    playing_music = ctx.player.current is not None and ctx.player.current.kind == "music"
    instead = _PLAY_INSTEAD.fullmatch(_plain(u.text))
    if last is not None and last.action in ("play", "not_found") or playing_music and instead and instead["some"]:
        what = _instead(u.text, ctx)  # (over music, "something calmer" is of it, whatever was said last)
        if what:  # the slots were of the words as said ("coltring"): the skill reads the words
            until = play_for(u.text)[1]  # "... until 11" is kept for the sleep timer
            return dataclasses.replace(u, text=f"play {what} {until}".strip(), intent="play_music",
                                       intent_confidence=1.0, slots=())
    if ctx.player.current is None:
        return u
    if _NOT_THIS.fullmatch(_plain(u.text)):  # "not this one" (general_negate): skip it
        return dataclasses.replace(u, text="skip", intent="music_settings", intent_confidence=1.0)
    if u.intent_confidence >= ctx.cfg.nlu.clarify_below and not u.intent.startswith("general_"):
        return u
    command = one_word_command(u.text)
    return u if command is None else dataclasses.replace(u, text=command, intent="music_settings",
                                                          intent_confidence=1.0)
