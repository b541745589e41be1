"""Short commands the speaker knows by their words alone, whatever the model read ("resume",
"louder", "never mind", "hello"): the model has no intent for some (greetings) and reads others
unsurely when they are said alone.
"""

from __future__ import annotations

import re

from ..types import Reply
from .follow_on import game_turn
from .games import game_of
from .music_words import rating_said
from .naming import plain_words as _plain
from .undo import undoes

BARE = {
    "general_commandstop": ("stop", "stop it", "go to sleep", "stop that", "stop the music", "cancel",
                            "quiet", "be quiet", "turn off everything", "turn everything off",
                            "switch everything off", "switch off everything", "shut up", "enough", "that's enough", "stop playing",
                            "silence", "off", "turn it off", "turn off the music", "turn the music off",
                            "switch off the music", "music off", "stop music", "stop everything",
                            "stop all", "stop all of it", "turn everything off", "stop it all"),
    "music_settings": ("pause", "pause it", "pause the music", "next", "next song", "skip",
                       "skip it", "skip this", "skip song", "resume", "continue", "previous",
                       "keep going", "carry on", "keep playing", "go on", "unpause",
                       "go back", "next track", "next episode", "play the next episode",
                       "next chapter", "play the next chapter", "skip this episode"),
    "play_music": ("play", "play music", "play some music", "play something", "music", "some music",
                   "put some music on", "put on some music"),
    "audio_volume_up": ("louder", "volume up", "turn it up", "unmute"),
    "audio_volume_down": ("quieter", "quiter", "softer", "volume down", "turn it down"),
    "audio_volume_mute": ("mute",),
    # HWU64 has no greeting intent (the model reads "hello" as unknown, "good morning" as
    # alarm_set), so greetings only reach general_greet by their words
    "general_greet": ("hello", "hello there", "hi", "hi there", "hey", "hey there", "hiya", "howdy",
                      "greetings", "good morning", "good afternoon", "good evening",
                      # farewells too: the greeting skill says goodbye to them
                      "goodbye", "good bye", "bye", "bye bye", "good night", "goodnight",
                      "see you", "see you later", "see ya", "night night", "nighty night"),
    "general_explain": ("help", "help me", "what can you do", "what can i say", "what can i ask",
                        "what can i ask you", "what do you do", "what are you able to do",
                        "what can you help me with", "how do you work", "how does this work",
                        "what commands do you know", "what commands can i use", "what can i tell you",
                        "what do you know how to do"),  # "I said: ..." (general_confirm)
    "general_affirm": ("okay", "ok", "alright", "all right", "sure", "fine", "cool", "got it",
                       "okay then", "ok then"),  # "okay" alone: "Okay, I'll choose." (dontcare)
    "general_praise": ("good job", "great job", "well done", "nice one", "good work",
                       "thank you", "thanks", "cheers", "awesome", "perfect"),
    "general_repeat": ("repeat that", "say that again", "say it again", "come again", "pardon",
                       "what did you say", "repeat what you said", "pardon me", "excuse me",
                       "sorry what", "what was that again", "huh", "what", "sorry", "what was that",
                       "i didn't catch that", "i didn't hear you", "i didn't hear that", "i couldn't hear you",
                       "say again", "one more time"),  # "excuse me" muted the speaker; "huh": "Okay."
    # the model reads "never mind" as general_dontcare ("Okay, I'll choose.")
    "general_negate": ("never mind", "nevermind", "forget it", "forget about it", "no thanks",
                       "no thank you", "nothing", "not now"),
}
BARE_INTENT = {phrase: intent for intent, phrases in BARE.items() for phrase in phrases}
"""Each short command the speaker knows by its words → the intent it is served as."""


def known_words(text: str, last: Reply | None) -> bool:
    """Does the skills know ``text`` by its words alone: a short command ("resume"), a game
    ("knock knock"), the next turn of one ("Paper." just after "rock, paper, scissors"), a
    rating ("rate the demolished man five stars", which lost to "read the demolish man ...") or
    "undo that" after what it can take back (which lost to "do that", heard at 0.9x)?"""
    return is_bare_command(text) or game_of(text) in ("knock", "rps", "riddle") \
        or game_turn(_plain(text), last) is not None or rating_said(text) is not None \
        or undoes(text, last)


def is_bare_command(text: str) -> bool:
    """Is ``text`` one of the short commands the speaker knows by their words ("resume",
    "louder", "never mind")?"""
    return _plain(text) in BARE_INTENT


FAREWELL = re.compile(r"\b(good ?bye|bye|good ?night|night night|nighty night|see (you|ya)(?: again)?(?: later| soon| "
                       r"around)?|talk (to you )?later|until "
                       r"next time|adios|ciao|sayonara|syonara|ta ?ta(?: for now)?|catch you later|i'm out of here|i must go|"
                       r"time to say goodbye|peace out|farewell|cheerio)\b")
"""A farewell ("talk later" muted the sound; "until next time" played a podcast)."""


def says_goodbye(text: str) -> bool:
    """A farewell said with nothing to do in it ("it was great to see you again, see ya later"), at
    the start or the end of the sentence ("can you see if there are rooms" is no "see you"; "kiss me
    goodbye" is a title to find)."""
    low = " ".join(re.findall(r"[a-z']+", text.lower()))
    low = re.sub(r"(?: (?:ai|alexa|speaker|assistant|helpful|device|now|then|for now|again|soon|alligator|"
                 r"everyone|all|to you))+$", "", low)
    if len(low.split()) > 12 or re.search(
            r"\b(?:play|playing|set|add|remind|timer|alarm|turn|what|how|when|call|text|message|find|rate|search|"
            r"look|looking|watch|showing|movie|film|saga|book|song|cinema|theatres?|translate|tell \w+ (?!me\b))\b", low):
        return False
    return any(m.start() == 0 or m.end() == len(low) for m in FAREWELL.finditer(low))
