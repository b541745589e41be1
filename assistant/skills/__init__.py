"""Skills, registered by intent, and :func:`respond`, the one call the voice loop makes.

``respond(u, ctx)`` picks the skill for ``u.intent`` and returns its ``Reply``, after three
checks that no single skill can make:

1. routing on the words when the intent alone would mislead: "timer" plus a duration is a timer
   whatever the intent (HWU64 has no timer intent); a bare "stop", "pause", "next", "repeat
   that", "hello", "what can you do" acts at any confidence; while a timer rings, "stop"-like
   commands silence it; a play command naming something in the library plays it; "I love this"
   while something plays is a like; a sentence that names a list ("add milk to my shopping
   list") is a list command, and one that is a sum or a unit conversion from start to end
   ("what's 15 times 4", "how many grams in a pound") is maths; questions about the speaker
   itself ("what's your name", "are you recording me") get their own answers; a question about
   a named day ("when is thanksgiving", "how many days until friday") is a date question;
   "change my alarm to seven" moves an alarm; "flip a coin", "roll a die", "spell necessary"
   are small games; "what did I listen to yesterday" and "what should I listen to" are music;
2. "unknown" or confidence below ``[nlu] clarify_below`` gets a short clarifying question
   ("Did you want me to set an alarm?"); a "yes" within :data:`PENDING_S` carries it out, a "no"
   drops it. A skill's own question for a missing piece ("For how long should I set the
   timer?") is completed by the next answer ("ten minutes"), unless that is a new question or
   command ("what's on my calendar"). A suggestion ("How about Strobe by Deadmau5?") is an
   offer that "yes" plays (all of this in :mod:`.asking`);
3. negative sentiment makes the reply apologetic, except for music_likeness, where it means
   "I don't like this song", and for commands whose negative words are the command itself
   ("cancel my alarm", "mute"; :data:`_NOT_A_COMPLAINT`, :data:`_PLAIN_ACTIONS`);
4. a guess is only offered above :data:`.asking.GUESS_MIN` confidence.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from .. import library
from ..lists import Lists
from ..types import Reply, Understanding
from .addressed import meant_for_me, to_someone_else
from .asking import (OTHER_OFFER, PENDING_S, answer_to_question, as_answer, clarify, completes,
                     lacks_its_words, offer, pending, set_pending)
from .bare import BARE_INTENT, is_bare_command, known_words, says_goodbye
from .base import Skill, SkillContext
from .chat import ChatSkill, about_me, announcement, criticises_joke, how_to, likes_joke
from .clock import ClockSkill, asks_day_kind, asks_days_until, asks_holiday, asks_own_day
from .done import DoneSkill, asks_done, reminder_done, told_done
from .games import GamesSkill, game_of
from .likes import adds_to_favourites
from .lists import ListsSkill
from .agenda import AgendaSkill, asks_my_day, asks_named_entry, moves_named_entry, parse_days
from .lists import asks_have, bought, intent_of as list_intent
from .maths import MathsError, MathsSkill, calculate, number_fact
from .stopwatch import asks_stopwatch
from .units import convert
from .listening import (asks_about_this, asks_count, asks_forget, asks_history, asks_suggestion,
                        asks_unfavourite, asks_who_made, number_asked)
from .music import MusicSkill
from .match import genre_named
from .music_query import asks_liked, asks_this_liked, asks_what_was_on
from .timer_query import asks_bedtime, no_alarm_needed, says_day_off
from .music_words import (BEFORE, KIND_OF_INTENT, LIKES_LAST, asks_next, asks_playlist, asks_repeat,
                          asks_untagged, of_this, only_transport, rating_said, seek_of,
                          transport_alone, wants_like_this, wants_new, wants_replay, wants_something_else,
                          without_service)
from .follow_on import heard_command
from .naming import names_library_music, play_name, plain_words as _plain
from .offline import DECISIVE, OFFLINE_INTENTS, OfflineSkill, cannot_by_words
from .queue import queue_command
from .spoken import parse_clock, parse_duration, tokens
from .reminders import (asks_reminders, asks_time_of_day, asks_time_on_a_day, asks_when_to_remind, before_entry,
                        is_reminder, later_by_days, moves_reminder, odd_repeat, place_reminder)
from .timer_words import (EXTEND, RENAME, RING_STOP_WORDS, SHORTEN, asks_music_stop, asks_sleep_left,
                          asks_sleep_timer, asks_time_left, asks_what_rings, corrects, mentions_timer,
                          moves_alarm, names_other_alarm, names_running_timer, names_the_last, play_for,
                          own, pauses_timer, woke_with_music)
from .timers import TimerSkill
from .undo import undo, undoes
from .volume import VolumeSkill, asks_volume, pace_asked, play_level, too_loud_or_quiet, whisper_asked

EXTRA_INTENTS = ("general_greet", "note_done")
"""Served although HWU64 has no such label (greetings land in general_quirky there; "I took my
pills" and "did I take my pills" are found by their words)."""
HWU64_INTENTS: tuple[str, ...] = tuple(sorted(
    set(MusicSkill.intents + VolumeSkill.intents + TimerSkill.intents + ClockSkill.intents
        + ChatSkill.intents + ListsSkill.intents + MathsSkill.intents + AgendaSkill.intents
        + GamesSkill.intents + OFFLINE_INTENTS)
    - set(EXTRA_INTENTS)))
"""The 64 HWU64 intents, every one served by some skill."""
ALL_INTENTS = HWU64_INTENTS + EXTRA_INTENTS + ("unknown",)

NEGATIVE_MIN = 0.8
"""Sentiment confidence at which a negative sentiment makes the reply apologetic. The sentiment
head learnt from film reviews: on plain commands ("tell me a joke") it leans negative at 0.4-0.7,
so only a clear complaint ("why is the music so loud", 0.9) earns an apology."""

_NOT_A_COMPLAINT = ("music_likeness", "music_settings", "alarm_remove", "lists_remove",
                    "calendar_remove", "general_commandstop", "audio_volume_mute", "general_negate",
                    "general_greet", "note_done", "general_dontcare")  # "I didn't take my pills" is no complaint
"""Intents whose negative words are the command itself ("cancel my alarm", "delete the list",
"mute", "skip", "never mind"): the sentiment head, learnt from film reviews, reads them as
negative, but nobody is complaining, so these replies get no apology (a dislike of a song is
recorded, not apologised for). Nor is a greeting or a farewell ("Goodbye.": negative 0.82)."""

_PLAIN_ACTIONS = ("stop", "pause", "resume", "next", "previous", "dismiss", "snooze", "mute",
                  "dislike", "timer_remove", "alarm_remove", "clarify", "list_remove",
                  "list_clear", "list_delete", "calendar_remove", "repeat_mode", "alarm_change",
                  "reminder_remove", "restart", "timer_pause", "sleep_timer", "timer_change",
                  "reminder_change", "seek", "confirm_first", "history_clear", "announce",
                  "stopwatch", "game", "calendar_move", "queue_clear", "timer_extend",
                  "calculate", "repeat", "list_add", "list_read", "dislike_genre", "reminder_set")
"""Replies to stop, skip or remove something: whatever the intent the model read ("stop the
podcast" is play_podcasts), the negative words are the command, not a complaint. And a question
back ("Did you want me to play music?") is not the place for an apology."""

_COMPLAINT = re.compile(r"\b(?:too|so|really|annoying|annoyed|hate|stupid|awful|terrible|"
                        r"deafening|hurts|can't hear|cannot hear|barely hear)\b")
"""A volume command's negative words are usually the command ("turn the volume down a bit" read
as negative got "Sorry. Volume 65 percent."); only these words make it a complaint ("it's way
too loud") that earns an apology."""

_GET_UP = re.compile(r"\b(?:what time|when) (?:do|should|must|will) i (?:need to |have to |got to |"
                     r"gotta )?(?:get up|wake up|be up)\b")
"""A question about the alarm in other words (the model: calendar_query)."""
_PLAIN_PLAY = re.compile(r"^(?:please |can you |could you )?(?:play|put on|start|resume|continue|"
                         r"listen to)\b")
"""A play command said plainly ("play episode 2": negative 0.81) is no complaint; "you never play
anything good, play rock" is."""

_PLAIN_QUESTION = re.compile(r"^(?:so |and |okay |ok )?(?:how|what|what's|whats|when|where|which|who|"
                             r"who's|is|are|do|does|did)\b")
"""A plain question ("how much is left of this episode": negative 0.93) is no complaint either;
"why did you stop" can be."""

_LIKENESS = re.compile(r"^(?:i |oh i |i really |i just )?(?:love|like|hate|dislike|do not like|don't like|"
                       r"can't stand|really like|really love|really don't like)"
                       r" (?:this|it|that|this song|this one|this track)(?: song| one| track)?$|"
                       r"^(?:this|that) (?:song|music|track|one) (?:is|sounds) (?:so |really )?"
                       r"(?:great|amazing|awesome|brilliant|fantastic|beautiful|lovely|good)$")
"""While something plays, "I love this" / "I don't like this song" is a like or a dislike whatever
the model's confidence (it was asked back: "Did you want me to remember how you like this song?")."""
_GENRE_LIKENESS = re.compile(r"^(?:i |oh i |i really |i just )?(?:love|like|hate|dislike|do not like|don't like|"
                             r"dont like|can't stand|really like|really love|really don't like) "
                             r"(?P<what>[a-z&' ]+?)(?: music)?$")
""""I don't like jazz" while music plays (the model: music_settings): of that genre."""
_DISLIKE = re.compile(r"\bi (?:really |just )?(?:don't|do not|dont) like (?:this|it|that)\b(?! (?:light|lights|lamp|colou?r|"
                      r"weather|room|food|recipe|idea|plan|place|restaurant|movie|film|show|dress|shirt)\b)|"
                      r"\bi (?:really )?(?:hate|can't stand) (?:this|it|that)\b|"
                      r"\b(?:this|that) (?:music|song|track|one) (?:is|sounds) (?:so |really )?"
                      r"(?:terrible|awful|horrible|rubbish|boring|annoying|bad|crap|the worst)\b|"
                      r"\b(?:this|that) (?:music|song|track) sucks\b|"
                      r"\b(?:don't|do not|dont|never)(?: ever)? play (?:this|that|it)(?: song| one| track)?"
                      r"(?: ever)? again\b|\b(?:i'm|i am|we're|we are) (?:so |really |getting )?(?:tired|"
                      r"sick) of (?:this|that|it|hearing (?:this|that|it))(?: song| one| track)?\b|"
                      r"\b(?:i've|i have|we've|we have) heard (?:this|that|it)(?: song| one| track)? "
                      r"(?:too many times|too often|enough|a million times)\b")
"""A dislike inside a longer sentence ("skip this one, I don't like it"); a like must be the
whole sentence (_LIKENESS), since "I like it when ..." is not about the song."""
_DONT = re.compile(r"^(?:(?:no|please|oh|okay|ok|wait|actually) )*(?:don't|do not|dont|never mind,? don't) "
                   r"(?:play|cancel|stop|set|add|turn|remind|delete|remove|skip|pause|mute|change|move|clear|"
                   r"shuffle|repeat|put|start|snooze|call|order|buy)\b(?!.*\bagain\b)")
"""A command said not to be done ("don't cancel my alarm", "don't play jazz"): each was done."""
_YOU_CHOOSE = re.compile(r"(?:(?:oh|um|hmm|well) )*(?:you (?:choose|pick|decide)|(?:it's )?up to you|whatever|"
                         r"anything|i don't mind|your choice|surprise me|you can choose|dealer's choice)(?: please)?")
_ANOTHER = {"another one", "another", "one more", "another joke", "tell me another",
            "tell me another one", "tell me another joke", "one more joke", "more"}
_HOW_LONG_LEFT = re.compile(r"how (?:much|long)(?: time)? (?:is )?(?:left|remaining|to go|long) (?:of|on|in|"
                            r"for) (?:this|the) (?:song|track|episode|chapter|podcast|book|audiobook)$|"
                            r"how long is (?:this|the) (?:song|track|episode|chapter|podcast|book|audiobook)$|"
                            r"how much longer (?:is|on|for|of) (?:this|the) (?:song|track|episode|"
                            r"chapter|podcast|book|audiobook)$|how much of (?:this|the) (?:song|track|"
                            r"episode|chapter|podcast|book|audiobook) is (?:left|to go)$|"
                            r"when (?:does|is|will) (?:this|the|it)(?: song| track| episode| chapter)? "
                            r"(?:end|over|finish|be over|be done)$")
_SAY_AGAIN = re.compile(r"(?:ai |sorry |hold on |wait )?(?:i (?:did not|didn't|couldn't|could not) (?:quite )?(?:hear|catch|"
                        r"understand|get) (?:you|that|what you said)(?: (?:can you|could you|please) (?:say it again|"
                        r"repeat(?: that| it)?))?|(?:please )?(?:repeat|restate) (?:yourself|that|the last thing you "
                        r"(?:said|told me))|what was the question|repeat the question|what was that you just said|"
                        r"(?:sorry )?i (?:didn't|did not) hear you (?:can you|could you) say (?:that|it) (?:again|gain))")
""""I did not hear you", "please repeat yourself": the last reply again, whatever the model read."""
_STEP_BACK = re.compile(r"\b(?:go|skip|jump) back to the (?:previous|last) (?:chapter|episode|song|track|one)$")
"""While something plays: "go back to the previous chapter" (the model: play_podcasts, over a book)."""
_STOP_TALKING = re.compile(r"(?:(?:ai|hey|can you|could you|would you|will you|please|just|oh|okay|i need you to) )*"
                           r"(?:be quiet|quiet|hush|shush|shut up|quit|halt|"
                           r"(?:cancel|abort|stop|quit|discontinue)(?: the| your)?(?: current| present| last)? (?:action|task|"
                           r"request|command)|cancel what you(?:'re| are) doing|discontinue|stop doing what i asked)"
                           r"(?: please| now)?$")
"""Said to stop what it does ("ai stop talking", "quit" muted the sound; "cancel action" looked on the calendar)."""
_OFF = re.compile(r"(?:turn|switch|shut) (?:off )?(?:the |this |that )?(?:radio|music|podcast|audiobook|"
                  r"audio book|book|song|stream)(?: off)?$|stop (?:reading|the (?:book|audiobook|"
                  r"audio book|podcast|story|radio))(?: now| please)?$")
"""Ways to say stop ("turn the radio off": the model read a smart plug; "stop reading": mute)."""
_FOR_NOW = r"(?: for (?:now|today|tonight))?"
_ENOUGH = re.compile(rf"(?:ok |okay |alright )?(?:that's|that is|thats) enough(?: music| of (?:this|"
                     rf"that|the music))?{_FOR_NOW}(?: thanks| thank you)?$|enough (?:music|of "
                     rf"(?:this|that)){_FOR_NOW}$|no more music{_FOR_NOW}$|"
                     rf"(?:i'm|i am|we're|we are) (?:done|finished) (?:listening|with (?:this|the "
                     rf"music|music)){_FOR_NOW}$")
"""Ways to say stop that are not one fixed phrase ("that's enough music for today": the model
read a like)."""
_WHAT_IS_ON = re.compile(r"(?:what|which) (?:episode|chapter|song|track|station|podcast|book|"
                         r"audiobook|artist|band|album|tune)(?:'s|s)?(?: is| are| was)? (?:this|that|it|"
                         r"playing|on)\b")
"""A question about what plays ("what episode is this": the model read play_podcasts; "what
chapters this", tiny.en's "chapter's": a podcast started over the book)."""
_WHO_IS_THIS = re.compile(r"^(?:and |so |hey )?(?:who|what)(?:'s| is| was) (?:this|that|it|singing|"
                          r"playing|on)(?: one| again| now)?$|^who (?:sings|sang|plays|wrote) "
                          r"(?:this|that|it)(?: one| song)?$|^where (?:was i|am i|were we|are we)"
                          r"(?: up to)?$|^what chapter (?:is (?:this|it)|are we on)$|"
                          r"^(?:what|which) (?:chapter|episode|song|track) (?:am i|are we) (?:on|at|up to)$|"
                          r"^what(?:'s| is) (?:this|that|it)(?: song| track| one)? called$|"
                          r"^what(?:'s| is) the name of (?:this|that|it)(?: song| track)?$|"
                          r"^(?:i need|i want|tell me|give me) (?:this|the) (?:song|track)(?:'s)? (?:title|name)$|"
                          r".*\b(?:title|name) of (?:this|the|that) (?:song|track|tune)$")  # "tell our best and title of ..."
"""While something plays, "who is this?" is about it (the model: qa_definition 0.34), and so
is "where was I?" over an audiobook (the model: qa_factoid 0.47)."""
_SET_VOLUME = re.compile(r"^(?:please )?(?:(?:set|put|turn|change|make|bring) )?(?:the |my )?(?:volume|"
                         r"sound)(?: level)? (?:up |down )?(?:to|at) (?:\d|one|two|three|four|five|six|"
                         r"seven|eight|nine|ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
                         r"half|a quarter|three quarters)")
"""A level asked for by number ("set the volume to 30%": the model read audio_volume_up at 0.46)."""
_IT_UP = re.compile(r"^(?:please |can you |could you |now )?(?:turn|crank|bump|pump|bring|knock|take) "
                    r"(?:it|that|this|things|the music|the song|this song|the sound) (?P<way>up|down)\b")
""""Turn it up a notch" names no light: the speaker's own volume (the model: iot_hue_lightup)."""
_WHO_BEFORE = re.compile(r"^(?:so |and )?who(?:'s| is| was)? (?:sang|sung|sings|singing|saying|made|played|"
                         r"performed|did)\b")
""""Who sang the last one", heard "Who's saying the last one?" (the model: general_repeat)."""
_STOPPY = ("general_commandstop", "audio_volume_mute", "alarm_remove")
_UP = re.compile(r"\b(?:i'm|im|i am) up\b")
"""While an alarm rings, "I'm up" silences it too; "turn it up" does not."""
_SORRY = ("Sorry about that.", "I'm sorry.", "Sorry.")

_DEFAULT: dict[str, Skill] | None = None


def build_skills() -> dict[str, Skill]:
    """{intent: skill} for the 64 HWU64 intents and EXTRA_INTENTS (one instance per skill)."""
    table: dict[str, Skill] = {}
    for skill in (MusicSkill(), VolumeSkill(), TimerSkill(), ClockSkill(), ChatSkill(),
                  ListsSkill(), MathsSkill(), AgendaSkill(), GamesSkill(), OfflineSkill(), DoneSkill()):
        for intent in skill.intents:
            table[intent] = skill
    return table


def route(u: Understanding, ctx: SkillContext) -> tuple[str, bool]:
    """(the intent to serve, whether the words decided it so confidence does not matter)."""
    words = set(tokens(u.text))
    plain = _plain(u.text)
    me = about_me(u.text)  # a question about the speaker itself, or None
    if me == "emergency":  # "help, I've fallen": before all else, whatever rings or plays
        return "general_quirky", True
    if reminder_done(u.text, ctx):  # "Reminder: take your pills." "I took them."
        return "note_done", True
    if ctx.timers.ringing() and not names_other_alarm(plain):
        if "snooze" in words:
            return "alarm_remove", True
        if u.intent in _STOPPY or words & RING_STOP_WORDS or _UP.search(plain):
            return "general_commandstop", True
        if asks_what_rings(u.text):  # "what was that?"
            return "alarm_query", True
    if "snooze" in words and woke_with_music(ctx) is not None:  # music that woke the speaker
        return "alarm_remove", True
    if asks_sleep_left(u.text) or says_day_off(u.text):  # "how much sleep will I get", "day off tomorrow"
        return "alarm_query", True
    if no_alarm_needed(u.text):  # "I don't need an alarm tomorrow" (the model: alarm_set: "What time?")
        return "alarm_remove", True
    if asks_stopwatch(u.text, ctx):  # "start a stopwatch" (the model: play_audiobook)
        return "alarm_set", True
    if names_the_last(u.text, ctx.last_reply):  # "it's for the pasta" (the model: takeaway_order)
        return "alarm_set", True
    if pace_asked(u.text) or whisper_asked(u.text):  # "speak more slowly" (audio_volume_up 0.99), "whisper mode"
        return "audio_volume_down", True
    if asks_volume(u.text):  # "how loud is it?" (the model: audio_volume_down 0.42)
        return "audio_volume_up", True
    if re.search(r"\b(?:talk|speak)(?:ing)? (?:more |a bit )?(?:quietly|softly|quieter|softer)\b|\b(?:don't|do not) (?:talk|"
                 r"speak) so loud(?:ly)?\b", plain):  # "please talk quietly" muted everything
        return "audio_volume_down", True
    too = too_loud_or_quiet(u.text)
    if too:  # "it's too quiet" (the model: audio_volume_mute 0.96)
        return too, True
    it_up = _IT_UP.match(plain)
    if it_up and not u.intent.startswith("audio_volume"):  # (also read as general_affirm 0.40)
        return f"audio_volume_{it_up['way']}", True
    if _WHO_BEFORE.match(plain) and BEFORE.search(plain):
        return "music_query", True
    if _SET_VOLUME.search(u.text.lower()):  # "set the volume to 30%": the skill sets a level
        return (u.intent if u.intent == "audio_volume_down" else "audio_volume_up"), True
    if asks_music_stop(u.text, ctx):  # "how long until the music stops", with a sleep timer
        return "alarm_query", True
    if criticises_joke(plain, ctx):  # "that was terrible" is of the joke, not the song
        return "general_negate", True
    if likes_joke(plain, ctx):  # "that was a funny one": of the joke, even while a song plays
        return "general_praise", True
    if plain in _ANOTHER and ctx.last_reply is not None and \
            ctx.last_reply.text in ChatSkill.jokes():  # "another one" after a joke
        return "general_joke", True
    if plain in ("repeat", "repeat please", "again") and ctx.player.current is None:
        return "general_repeat", True  # nothing to put on repeat: say it again
    if _SAY_AGAIN.fullmatch(plain):  # "i did not hear you" (was noted as a thing done)
        return "general_repeat", True
    said = re.search(r"\b(chapter|episode)s?\b", plain)
    other_kind = said is not None and ctx.player.current is not None \
        and _KIND_NOUN[said[1]] != ctx.player.current.kind  # "play the next episode" over music
    if plain in BARE_INTENT and not other_kind:
        return BARE_INTENT[plain], True
    if said and u.intent in KIND_OF_INTENT and KIND_OF_INTENT[u.intent] != _KIND_NOUN[said[1]] \
            and number_asked(plain) and not _PLAIN_QUESTION.match(plain):  # "go to chapter one" (a podcast)
        return ("play_audiobook" if said[1] == "chapter" else "play_podcasts"), True
    to_all = re.sub(r" (?:everyone|everybody|all|all of you|guys|folks|family|speaker)$", "", plain)
    if BARE_INTENT.get(to_all) == "general_greet":  # "goodnight everyone" muted (the model)
        return "general_greet", True
    if _STOP_TALKING.match(plain):  # "be quiet", "shush" (the model: mute)
        return "general_commandstop", True
    if says_goodbye(u.text) and not ctx.timers.ringing():  # "talk later" muted; "until next time" played a podcast
        return "general_greet", True
    if u.intent == "lists_remove" and "list" not in words and parse_days(u.text, dt.date.fromtimestamp(ctx.clock())):
        return "calendar_remove", True  # "delete lunch with steve on friday" looked on the shopping list
    if u.intent in ("music_likeness", "audio_volume_mute") and re.match(
            r"(?:can (?:you|yo) )?(?:find|search for|look for|get|plau|i d like to see|i'd like to see)\b", plain):
        return "play_music", True  # "find a love song" liked the song playing; "find quiet night in" muted
    if re.fullmatch(r"(?:i )?(?:can't say|don't know|do not know|not sure|no idea|who knows)", plain):
        return "general_dontcare", True  # "can't say" muted the sound
    if re.search(r"\b(?:great|nice|good|lovely|fun) (?:conversation|chat|talk)\b", plain) and not says_goodbye(u.text):
        return "general_praise", True  # "this was a great conversation" recorded a like
    if re.fullmatch(r"(?:actually |oh |no )?forget (?:it|that|about it|my (?:previous|last) (?:command|request))(?: i (?:do not|"
                    r"don't) need it(?: anymore)?)?", plain):  # "forget it, i do not need it anymore" (a calendar removal)
        return "general_dontcare", True
    if _ENOUGH.match(plain) or _OFF.match(plain):  # "that's enough music", "turn the radio off"
        return "general_commandstop", True
    likes = _GENRE_LIKENESS.match(plain)
    if likes and ctx.player.current is not None and ctx.player.current.kind == "music" and \
            genre_named(likes["what"], library.tracks(ctx.db, kind="music"), whole=True):
        return "music_likeness", True
    if ctx.player.current is not None and (_LIKENESS.search(plain) or _DISLIKE.search(plain)
                                           or asks_unfavourite(plain)):
        return "music_likeness", True
    if _DONT.match(plain) and not _DISLIKE.search(plain):  # "don't cancel my alarm" cancelled it
        return "general_negate", True
    if me in ("rooms", "eq", "bluetooth"):  # "play on the kitchen speaker": not a name
        return "general_quirky", True
    if _SOUNDS.match(plain):  # "play white noise" (the model: mute, which it did)
        return "play_music", True
    if names_library_music(plain, u, ctx) or wants_something_else(plain) or wants_like_this(plain) \
            or wants_new(plain) or (ctx.player.current is not None and of_this(plain)):
        return "play_music", True
    if u.intent_confidence < ctx.cfg.nlu.clarify_below and (play_name(u.text, ctx) or ("", 1))[1] \
            is False:  # "play something by tailors wift": not here; not "play an audiobook?"
        return "play_music", True
    if queue_command(u.text) is not None:  # "add some jazz to the queue" (the model: a list)
        return "music_settings", True
    if rating_said(u.text) is not None:  # "give the current book 4 stars" (the model: play it)
        return "music_likeness", True
    if without_service(u.text) is not None:  # "play some rap on pandora": from the library
        return "play_music", True
    if u.intent == "play_game" and game_of(u.text) is None and not re.search(r"\bgames?\b", plain) \
            and re.match(r"(?:please )?play\b", plain):  # "play shara worden" (the model: a game)
        return "play_music", True
    if asks_repeat(u.text) or wants_replay(u.text):  # "stop repeating", "play it again"
        return "music_settings", True
    if LIKES_LAST.search(plain) or adds_to_favourites(plain):  # "add brew numbers to my favorites" went on
        return "music_likeness", True  # the shopping list; "like the last song" went back to it
    alone = transport_alone(u.text) or _same_kind_transport(plain, ctx)
    if seek_of(u.text) is not None or ctx.player.current is not None and (
            alone in ("next", "previous") or _STEP_BACK.search(plain)
            or (alone == "resume" and ctx.player.status().state == "paused")):
        return "music_settings", True  # "play the next one", "skip ahead 30 s" (play_podcasts)
    if ctx.player.current is not None and _WHO_IS_THIS.match(plain):  # "who is this?"
        return "music_query", True
    if ctx.player.current is not None and (asks_about_this(plain) or asks_this_liked(plain)):
        # "how many chapters are there", "do I like this song" (the model: a like, recorded)
        return "music_query", True
    if _HOW_LONG_LEFT.match(plain) or ctx.player.current is not None and (
            asks_next(plain) or asks_untagged(plain)):
        return "music_query", True  # "how much is left of this episode", "what's next?"
    if asks_history(u.text) or asks_suggestion(u.text) or _WHAT_IS_ON.match(plain) \
            or asks_count(u.text, ctx.db) or asks_forget(u.text) or asks_who_made(u.text) \
            or asks_liked(u.text) or asks_what_was_on(plain):
        return "music_query", True  # "what should I listen to", "what episode is this"
    if re.search(r"\breminders? list\b", plain) and not re.search(r"\b(?:add|put)\b", plain) and not (
            {"reminder", "reminders"} & set(Lists(ctx.db).names())):
        return "alarm_query", True  # "what's on my reminder list": the reminders, not a list of that name
    if asks_playlist(u.text):  # "add this song to my road trip playlist" (the model: a like), "add new songs to play list"
        return "play_music", True
    listed = list_intent(u.text)  # "add milk to my shopping list", "what's on my list"
    if listed:
        return listed, True
    if asks_have(Lists(ctx.db), u.text, u.intent):  # "do we have any milk" (the model: recipe)
        return "lists_query", True
    if bought(Lists(ctx.db), u.text):  # "I got the milk", when milk is on a list
        return "lists_remove", True
    if told_done(u.text) or asks_done(u.text):  # "I took my pills", "did I take my pills today"
        return "note_done", True
    if _is_sum(u.text):  # "what's fifteen times four"
        return "qa_maths", True
    if game_of(u.text):  # "flip a coin", "spell necessary"
        return "play_game", True
    if u.intent == "play_game" and re.match(r"(?:can you |could you |will you )?play\b(?!.*\bgames?\b)", plain):
        return "play_music", False  # "can you play baby shark": a song, not a game it lacks
    if me or announcement(u.text):  # "what's your name", "announce dinner is ready"
        return "general_quirky", True
    if how_to(u.text):  # "how do I set an alarm" (the model: alarm_query)
        return "general_explain", True
    if before_entry(u.text):  # "remind me 10 minutes before my meeting" (said when the meeting was)
        return "alarm_set", True
    if asks_days_until(u.text, dt.date.fromtimestamp(ctx.clock())) or asks_day_kind(u.text) \
            or asks_own_day(u.text) or asks_holiday(u.text) or re.fullmatch(
                r"(?:can you |please )?remind me (?:of )?(?:the date|today's date|what day it is|what the date is)"
                r"(?: today)?", plain):
        return "datetime_query", True  # "when is thanksgiving", "is it the weekend", "remind me of the date"
    if re.fullmatch(r"what(?:'s| is) happening on .+", plain) and parse_days(
            u.text, dt.date.fromtimestamp(ctx.clock())) is not None:
        return "calendar_query", True  # "what's happening on may 3rd" (the model: events, "can't find")
    if asks_time_left(u.text, ctx) or _GET_UP.search(plain) or asks_bedtime(plain):  # "... get up"
        return "alarm_query", True
    if SHORTEN.search(plain) and parse_duration(u.text) and own(ctx, "timer") and "alarm" not in plain:
        return "alarm_set", True  # "take off a minute" (the model: mute for a minute)
    reminders = asks_reminders(u.text)  # "what reminders do I have" (the model: calendar)
    if reminders:
        return reminders, True
    if corrects(u.text, ctx.last_reply):  # "no, make it fifteen" just after a timer was set
        return "alarm_set", True
    if moves_alarm(u.text) and not mentions_timer(u.text):  # "change my alarm to seven"
        return "alarm_set", True
    if moves_named_entry(u.text, ctx):  # "move lunch to one o'clock"
        return "calendar_set", True
    if asks_named_entry(u.text, ctx) or asks_my_day(u.text):
        return "calendar_query", True  # "when is mom's birthday" (on the calendar), "my day"
    if pauses_timer(u.text) or asks_sleep_timer(u.text) or RENAME.fullmatch(plain):
        # "pause the timer", "rename the pasta timer to noodles", "turn it off in ten minutes"
        return "alarm_set", True  # (the model: mute)
    if cannot_by_words(u.text) == "conditional":  # "remind me to take an umbrella if it rains" asked a time
        return "conditional", True
    if is_reminder(u.text) and (parse_duration(u.text) or parse_clock(u.text) or place_reminder(u)
                                or asks_when_to_remind(u.text, ctx) or asks_time_on_a_day(u.text, ctx)
                                or later_by_days(u.text) or odd_repeat(u.text) or asks_time_of_day(u.text)) \
            or moves_reminder(u.text):
        return "alarm_set", True  # "remind me in ten minutes to ..." (HWU64: calendar_set)
    cannot = cannot_by_words(u.text)  # "set the thermostat to 70", "call my mom"
    if cannot and (cannot in DECISIVE or u.intent in OFFLINE_INTENTS
                   or u.intent_confidence < ctx.cfg.nlu.clarify_below):
        return cannot, True
    if re.match(r"(?:please |can you |could you )?(?:add|schedule|pencil in|book in)\b", plain) \
            and parse_days(u.text, dt.date.fromtimestamp(ctx.clock())) is not None:
        return "calendar_set", True  # "add trip to paris from friday to sunday" (the model: tickets)
    if u.intent == "qa_maths" and ctx.timers.pending("timer") and re.search(r"\bmore (?:sec|min|hour)", plain):
        return "alarm_set", True  # "add five more minutes" with a timer running (the model: a sum)
    if names_running_timer(u.text, ctx) and not mentions_timer(u.text):  # "how's the cake doing"
        if parse_duration(u.text) and EXTEND.search(u.text.lower()):
            return "alarm_set", True  # "add ten minutes to the cake"
        if re.search(r"\bhow\b|\bleft\b|\bready\b|\bdone\b|\bremaining\b", u.text.lower()):
            return "alarm_query", True
        if re.fullmatch(r"(?:(?:okay|ok|please|now) )?(?:cancel|stop|delete|remove|clear|end|turn off|"
                        r"switch off) (?:the |my )?[a-z]+(?: one)?(?: now| please)?", " ".join(tokens(u.text))):
            return "alarm_remove", True  # "cancel the rice" (the model: take it off a list)
    if mentions_timer(u.text):
        starts = re.match(r"(?:please )?(?:set|start)\b(?!.*\b(?:cancel|delete|remove))", plain)  # "start the
        if not (starts and parse_duration(u.text)) and (  # timer now and stop at 30 minutes" cancelled it
                u.intent.endswith("_remove") or u.intent in ("general_commandstop", "general_negate")
                or words & {"cancel", "stop", "delete", "remove", "clear"}):
            return "alarm_remove", True
        if u.intent.endswith("_query") or words & {"left", "remaining", "long", "much"}:
            return "alarm_query", True
        if parse_duration(u.text) or u.intent == "alarm_set" or words & {"set", "start"}:
            return "alarm_set", True
    return u.intent, False


_SOUNDS = re.compile(r"(?:can you |please )?(?:play|put on)(?: me)?(?: some| the)? (?:(?:white|pink|brown) "
                     r"noise|(?:rain|rainfall|ocean|sea|wave|waves|forest|nature|fan|sleep|thunder|"
                     r"storm|river|bird|birds|relaxing|ambient|campfire|fire) sounds?)\b")
_KIND_NOUN = {"chapter": "audiobook", "book": "audiobook", "episode": "podcast", "song": "music",
              "track": "music", "tune": "music", "station": "radio"}


def _same_kind_transport(plain: str, ctx: SkillContext) -> str | None:
    """"Skip this chapter" over an audiobook (the model: play_podcasts, which played one): a
    transport command whose noun is the kind of thing playing."""
    said = re.search(r"\b(chapter|book|episode|song|track|tune|station)s?\b", plain)
    t = ctx.player.current
    if said is None or t is None or (_KIND_NOUN[said[1]] != t.kind
                                     and not re.search(r"\b(?:this|that)\b", plain)):
        return None  # "skip this chapter" is of what plays, whatever its kind
    return only_transport(plain)


def _is_sum(text: str) -> bool:
    """Is ``text`` a sum or a unit conversion from start to end?"""
    if number_fact(text, 2000) is not None:  # "is 17 a prime number": any year tells it
        return True
    try:
        return calculate(text) is not None or convert(text) is not None
    except MathsError:  # "five divided by zero" is a sum too; the skill says why it has no answer
        return True


def _apologise(reply: Reply, u: Understanding) -> Reply:
    if reply.text.lower().startswith(("sorry", "i'm sorry")):
        return reply
    sorry = _SORRY[len(u.text) % len(_SORRY)]
    return dataclasses.replace(reply, text=f"{sorry} {reply.text}")


def respond(u: Understanding, ctx: SkillContext,
            skills: dict[str, Skill] | None = None, *, answers: bool = True,
            unbidden: bool = False) -> Reply:
    """The reply to one understood command (see the module docstring for the rules).

    ``answers=False`` for the second and later commands of one breath ("set an alarm and play
    some jazz"): they neither answer nor drop a question the first one left open.
    ``unbidden=True`` for one heard in the follow-up window without the wake phrase: unless it
    answers the speaker's question or its words decide it, one that was not meant for the
    speaker (:func:`.addressed.meant_for_me`) gets ``Reply("", "ignore")``: nothing is said."""
    global _DEFAULT
    if skills is None:
        if _DEFAULT is None:
            _DEFAULT = build_skills()
        skills = _DEFAULT
    asked, need, then = pending(ctx) if answers else (None, "", "")
    answer = answer_to_question(u) if asked is not None else None
    choose = asked is not None and bool(_YOU_CHOOSE.fullmatch(_plain(u.text)))
    if answer is None and choose and not need:
        answer = "yes"  # "How about Strobe?" "You choose.": that one ("Okay, I'll choose." did nothing)
    if choose and need and ctx.last_reply is not None:  # "What time ...?" "You choose." dropped it
        return Reply(f"Sorry, I can't pick that for you. {ctx.last_reply.text}", "clarify", ctx.last_reply.detail)
    if answers:
        set_pending(ctx, None)
    offered = dict(ctx.last_reply.detail).get("offered") if ctx.last_reply is not None and \
        ctx.last_reply.action == "suggest" else None
    if asked is not None and offered and OTHER_OFFER.fullmatch(_plain(u.text)):
        # "How about Strobe by Deadmau5?" "Something else." (was "Okay, never mind.")
        reply = skills["music_query"].suggest(ctx, avoid=frozenset(map(int, offered.split(","))))
        if reply.action == "suggest":
            set_pending(ctx, offer(dict(reply.detail), u))
        return reply
    if answer == "no":
        return Reply("Okay, never mind.", "say", (("dropped", asked.intent),))
    if asked is not None and need and completes(u, asked, need, ctx) and not (
            need in ("item", "name") and is_bare_command(u.text)):  # "play" was put on the list
        said = as_answer(u.text, need)
        if then:  # the skill said how its answer completes the command
            answer = said.strip(" .!?")
            if need == "time" and parse_clock(answer) is None and parse_duration(answer) is None \
                    and parse_clock(f"at {answer}") is not None:
                answer = f"at {answer}"  # "When should I remind you?" "Five."
            text = then.replace("{}", answer)  # a slot whose words it no longer has is dropped
            slots = tuple(s for s in asked.slots if s.text.lower() in text.lower())
        else:  # a bare "seven thirty" after "What time ...?" reads as a time only after "at"
            joint = " at " if need == "time" and parse_clock(said) is None else " "
            text, slots = f"{asked.text}{joint}{said}", asked.slots + u.slots
        u = Understanding(text, asked.intent, 1.0, u.sentiment, u.sentiment_confidence, slots)
        intent, forced = u.intent, True
    elif answer == "yes" and not need:
        u = asked
        intent, forced = u.intent, True
    elif undoes(u.text, ctx.last_reply) and not ctx.timers.ringing():  # "cancel that" right after a timer was set
        return undo(ctx)
    else:
        u = heard_command(u, ctx)
        intent, forced = route(u, ctx)
        if unbidden and (not forced and not meant_for_me(u.text, intent, u.intent_confidence,
                                                         ctx.cfg.nlu.clarify_below)
                         or to_someone_else(u.text)  # "did you take the bins out", by its words too
                         # "I fed the cat", said in the room, must not become a false "yes" later
                         or intent == "note_done" and told_done(u.text) and not reminder_done(u.text, ctx)):
            return Reply("", "ignore", (("why", "not meant for me"),))
    if not forced and (intent == "unknown" or u.intent_confidence < ctx.cfg.nlu.clarify_below
                       or not ctx.timers.ringing() and lacks_its_words(intent, u.text)):
        reply = clarify(u, ctx)
    else:
        skill = skills.get(intent) or OfflineSkill()
        plays = intent == "play_music" or intent in KIND_OF_INTENT
        text, level = play_level(u.text) if plays else (u.text, None)
        text, until = play_for(text) if plays else (text, "")
        if text != u.text:  # the level's words are no name: "play the podcast at 40 percent"
            u = dataclasses.replace(u, text=text, slots=tuple(s for s in u.slots if s.text in text))
        reply = skill.handle(dataclasses.replace(u, intent=intent), ctx)
        if until and reply.action == "play":  # "play some jazz until 11": and a sleep timer
            reply = skills["alarm_set"].stop_after(reply, until, ctx)
        if level is not None and reply.action == "play":  # "play some jazz quietly"
            said = VolumeSkill().set_level(ctx, level)
            reply = dataclasses.replace(reply, text=f"{reply.text} {said.text}",
                                        detail=reply.detail + said.detail)
        asks = dict(reply.detail) if reply.action in ("clarify", "suggest") else {}
        if asks.get("need"):  # the skill asked for a missing piece: the next answer completes it
            set_pending(ctx, dataclasses.replace(u, intent=intent), asks["need"],
                         asks.get("then", ""))
        elif reply.action == "suggest":  # "How about Strobe by Deadmau5?": "yes" plays it
            set_pending(ctx, offer(asks, u))
        elif reply.action == "confirm_first":  # "Clear your whole listening history?": "yes" does it
            d = dict(reply.detail)  # what "yes" runs, under the intent the skill names, if it does
            set_pending(ctx, Understanding(d["confirm"], d.get("confirm_intent", intent), 1.0, "neutral", 1.0, ()))
    if (u.sentiment == "negative" and u.sentiment_confidence >= NEGATIVE_MIN
            and intent not in _NOT_A_COMPLAINT and reply.action not in _PLAIN_ACTIONS
            and not dict(reply.detail).get("about")  # answers to feelings fit them already
            and (not intent.startswith("audio_volume") or _COMPLAINT.search(u.text.lower()))
            and not ((_PLAIN_PLAY.match(u.text.lower()) or _PLAIN_QUESTION.match(u.text.lower()))
                     and not _COMPLAINT.search(u.text.lower()))):
        reply = _apologise(reply, u)
    return reply


__all__ = ["ALL_INTENTS", "EXTRA_INTENTS", "HWU64_INTENTS", "PENDING_S", "Skill", "SkillContext", "build_skills",
           "clarify", "is_bare_command", "known_words", "play_name", "respond", "route"]
