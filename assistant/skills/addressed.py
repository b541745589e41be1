"""Was a sentence heard in the follow-up window meant for the speaker?

After a reply the speaker listens for a few seconds without the wake phrase, so that "and
tomorrow?" or "louder" need none. People in the room go on talking to each other, though, and
what they say is heard too. Three kinds are let pass in silence (the loop closes the window):

- a sentence the speaker would have had to ask about (unknown, or below ``[nlu]
  clarify_below``): "I think she's coming over at six" is no question to answer with "Sorry, I
  didn't catch that";
- a remark, said as a statement about someone or something: "The weather was lovely
  yesterday." reads as a weather question to the model (0.99), "The kids are asleep." as a mute,
  but nobody asked anything. Reactions to the speaker ("that was funny", "I loved that song")
  are not remarks: their intents are general_* or music_likeness;
- talk to someone else (:func:`to_someone_else`): "Mum, can you help me", "did you take the
  bins out", "shall we watch a film".
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


_TO_A_PERSON = re.compile(
    r"^(?:mum|mom|mummy|mommy|dad|daddy|honey|darling|sweetie|sweetheart|babe|kids|guys|"
    r"grandma|grandpa|granny|nana|sweetpea)\b(?! (?:is|was|are|has|had|will|said)\b)|"
    r"^did you (?!hear|get|catch|understand|set|add|play|remove|cancel|save|stop|change|start|"
    r"turn|just)[a-z]+\b|"
    r"^have you (?:seen|got|been|had|finished|done|eaten|fed|called|packed|taken|cleaned)\b|"
    r"^(?:do|would|did) you (?:want|like|fancy|need) (?:some|any|a|to (?:come|go|eat|have|watch))\b|"
    r"^what (?:do|would) you (?:want|like|fancy) (?:for|to)\b|"
    r"^(?:are|were) you (?:coming|going|ready|hungry|okay|ok|home|done|still|awake|sure)\b|"
    r"^(?:shall|should) we\b|^(?:i think |maybe |i guess )?we (?:should|need to|have to|could|must|"
    r"ought to|better|'d better)\b(?! (?:turn|play|listen|hear|stop|skip|ask))|^let's (?!play|hear|listen)\b|^(?:what time|where|when) are (?:we|you) "
    r"(?:leaving|going|off|meeting|eating|coming)\b|^is (?:dinner|lunch|breakfast|tea|the food) "
    r"(?:ready|done|on)\b|^who (?:ate|took|left|broke|moved|used|finished)\b|"
    r"^(?:can|may|could) i (?:have|get|go|watch|play with|borrow) (?:some|a|an|my|the|to|out)\b|"
    r"^(?:happy|merry) (?:birthday|christmas|xmas|new year|holidays|thanksgiving|easter|anniversary)\b|"
    r"^guess what$")
"""Talk to someone else in the room: a name or a word for a person first ("Mum, can you help
me"), or what only a person is asked ("did you take the bins out", "have you seen my phone",
"shall we watch a film", "I think we should go", "is dinner ready", "can I have some juice"),
or a wish said to the people there ("happy birthday"). Music asked for ("can I get some jazz") is
a play command before this is asked."""


def to_someone_else(text: str) -> bool:
    """See :data:`_TO_A_PERSON` (the model read them as takeaway, contacts, social media)."""
    return bool(_TO_A_PERSON.search(" ".join(re.findall(r"[a-z']+", text.lower()))))


def meant_for_me(text: str, intent: str, confidence: float, clarify_below: float) -> bool:
    """False for a sentence heard without the wake phrase that was not meant for the speaker
    (see the module docstring); the caller has already let answers to its questions through."""
    if intent == "unknown" or confidence < clarify_below:
        return False
    return not is_remark(text, intent) and not to_someone_else(text)
