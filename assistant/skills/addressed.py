"""Was a sentence heard in the follow-up window meant for the speaker?

After a reply the speaker listens for a few seconds without the wake phrase, so that "and
tomorrow?" or "louder" need none. People in the room go on talking to each other, though, and
what they say is heard too. Two kinds are let pass in silence (the loop closes the window):

- a sentence the speaker would have had to ask about (unknown, or below ``[nlu]
  clarify_below``): "I think she's coming over at six" is no question to answer with "Sorry, I
  didn't catch that";
- a remark, said as a statement about someone or something: "The weather was lovely
  yesterday." reads as a weather question to the model (0.99), "The kids are asleep." as a mute,
  but nobody asked anything. Reactions to the speaker ("that was funny", "I loved that song")
  are not remarks: their intents are general_* or music_likeness.
"""

from __future__ import annotations

import re

_QUESTION_START = {"what", "whats", "what's", "when", "where", "who", "whos", "who's", "why", "how",
                   "which", "is", "are", "was", "were", "do", "does", "did", "can", "could",
                   "would", "will", "should", "have", "has", "shall", "may"}
_SUBJECT = {"the", "my", "our", "his", "her", "their", "your", "he", "she", "they", "we", "it",
            "its", "it's", "that", "this", "there", "mum", "mom", "dad", "everyone", "nobody"}
_PAST = re.compile(r"\b(?:was|were|wasn't|weren't|had|hadn't|did|didn't|yesterday|"
                   r"last (?:night|week|weekend|month|year|time)|ago)\b")
_STATEMENT = re.compile(r"\b(?:is|are|was|were|will|should|has|have|had|isn't|aren't|won't|gonna)\b|"
                        r"\b[a-z]+'(?:s|re|ll)\b")
"""A verb that makes words a sentence about something ("the kids are asleep", "it's raining"),
not a phrase ("the next one")."""
_ABOUT_ME = re.compile(r"\b(?:loud|louder|quiet|quieter|soft|volume|sound|music|song|radio|timer|alarm)\b")
_REACTIONS = ("general_", "music_likeness", "music_dislikeness")


def is_remark(text: str, intent: str) -> bool:
    """A statement about something not put to the speaker: "The weather was lovely yesterday.",
    "My sister had the same alarm.", "The kids are asleep." (the model: audio_volume_mute 0.88,
    and it muted), "Mom is coming over tonight."; but not "What was that song?", "Was it raining
    yesterday?", "Play what was on last night", "the next one" (no verb), "That was a good one"
    (a reaction). Statements the speaker acts on by their words ("it's too quiet") are routed
    before this is asked."""
    plain = text.strip().lower()
    words = re.findall(r"[a-z']+", plain)
    if not words or plain.endswith("?") or intent.startswith(_REACTIONS):
        return False
    if words[0] in _QUESTION_START or words[0] not in _SUBJECT:
        return False
    joined = " ".join(words)
    if _ABOUT_ME.search(joined) and not _PAST.search(joined):
        return False  # "it's too loud", "the music is too quiet": about what the speaker does now
    return bool(_PAST.search(joined) or _STATEMENT.search(joined))


def meant_for_me(text: str, intent: str, confidence: float, clarify_below: float) -> bool:
    """False for a sentence heard without the wake phrase that was not meant for the speaker
    (see the module docstring); the caller has already let answers to its questions through."""
    if intent == "unknown" or confidence < clarify_below:
        return False
    return not is_remark(text, intent)
