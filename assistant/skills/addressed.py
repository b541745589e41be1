"""Was a sentence heard in the follow-up window meant for the speaker?

After a reply the speaker listens for a few seconds without the wake phrase, so that "and
tomorrow?" or "louder" need none. People in the room go on talking to each other, though, and
what they say is heard too. Two kinds are let pass in silence (the loop closes the window):

- a sentence the speaker would have had to ask about (unknown, or below ``[nlu]
  clarify_below``): "I think she's coming over at six" is no question to answer with "Sorry, I
  didn't catch that";
- a remark about the past, said as a statement: "The weather was lovely yesterday." reads as a
  weather question to the model (0.99), but nobody asked anything. Reactions to the speaker
  ("that was funny", "I loved that song") are not remarks: their intents are general_* or
  music_likeness.
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
_REACTIONS = ("general_", "music_likeness", "music_dislikeness")


def is_remark(text: str, intent: str) -> bool:
    """A statement about the past not put to the speaker: "The weather was lovely yesterday.",
    "My sister had the same alarm.", but not "What was that song?", "Was it raining
    yesterday?", "Play what was on last night", "That was a good one" (a reaction)."""
    plain = text.strip().lower()
    words = re.findall(r"[a-z']+", plain)
    if not words or plain.endswith("?") or intent.startswith(_REACTIONS):
        return False
    if words[0] in _QUESTION_START or words[0] not in _SUBJECT:
        return False
    return bool(_PAST.search(" ".join(words)))


def meant_for_me(text: str, intent: str, confidence: float, clarify_below: float) -> bool:
    """False for a sentence heard without the wake phrase that was not meant for the speaker
    (see the module docstring); the caller has already let answers to its questions through."""
    if intent == "unknown" or confidence < clarify_below:
        return False
    return not is_remark(text, intent)
