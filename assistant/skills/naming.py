"""What a play command names, and whether the library has it: "play strobe" (a song here),
"play so late" read by the model as radio (music after all), "play craft port" (nothing here:
the loop hears it again with the library's nearest names). Used by :func:`.route` and the loop.
"""

from __future__ import annotations

import re

from .. import library
from ..types import Understanding
from .base import SkillContext
from .games import game_of
from .listening import wants_favourites
from .match import best_artist, best_genre, best_items, name_said, residue
from .music_words import KIND_OF_INTENT, only_transport, wants_something_else

PLAY_KINDS = tuple(KIND_OF_INTENT)


def plain_words(text: str) -> str:
    """Lower-case words, "please" dropped: what the routing rules match on."""
    return " ".join(re.findall(r"[a-z']+", text.lower().replace("please", "")))


PLAY_WORDS = ("play ", "put on ", "listen to ", "how about ", "what about ", "i'd like to hear ",
               "i want to hear ", "i wanna hear ", "let's hear ", "can i hear ", "let's listen to ",
               "can we have ", "can we hear ")


def names_library_music(plain: str, u: Understanding, ctx: SkillContext) -> bool:
    """"play strobe", "put on some daft punk", "how about some miles davis": a play command naming
    an artist, song or album of the library (or, by the model's slots, any music) is play_music,
    whatever the model guessed (play_game, qa_factoid, or unsure). Guessed as radio, a podcast
    or an audiobook ("play so late": play_radio 0.69), only when the kind is not said and no
    item of that kind has the name."""
    if not plain.startswith(PLAY_WORDS) or (
            u.intent == "play_music" and u.intent_confidence >= ctx.cfg.nlu.clarify_below):
        return False
    rest = residue(plain)
    if not rest:
        return False
    if u.intent in PLAY_KINDS:
        whole = name_said(plain)
        if not whole or KIND_SAID.search(plain):
            return False
        if best_items(rest, library.tracks(ctx.db, kind=KIND_OF_INTENT[u.intent]),
                      fields=("title", "artist", "album"), whole=whole):
            return False
        tracks = library.tracks(ctx.db, kind="music")
        return bool(best_artist(rest, tracks)
                    or best_items(rest, tracks, fields=("title", "album"), whole=whole))
    if any(u.slot(t) for t in ("artist_name", "song_name")):
        return True  # "how about some taylor swift instead": the skill says if it is not here
    tracks = library.tracks(ctx.db, kind="music")
    return bool(best_artist(rest, tracks) or best_items(rest, tracks, fields=("title", "album")))


def play_name(text: str, ctx: SkillContext) -> tuple[str, bool] | None:
    """(the name said in a play command, whether the library has it), or None for anything
    else: no play command, or one that names no item ("play some jazz", "play my favourites",
    "play episode two"). The loop uses it to choose among hearings, and to hear a command again
    with the library's nearest names in Whisper's prompt when none names anything here ("play
    craft port", as tiny.en spells Kraftwerk; :func:`.match.nearest_names`)."""
    plain = plain_words(text)
    if not plain.startswith(PLAY_WORDS) or only_transport(text) is not None \
            or wants_favourites(text) or wants_something_else(plain) or game_of(text) \
            or KIND_SAID.search(plain) or re.search(r"\bgames?\b", plain):
        return None  # the kind said ("play episode two"): play_kind finds its items by number
    rest, whole = residue(text), name_said(text)
    if not rest or not whole:
        return None
    music = library.tracks(ctx.db, kind="music")
    artist = best_artist(rest, music)
    if not artist and best_genre(rest, music):
        # an artist first, as the music skill takes it: "daff punk" is Daft Punk, not rock
        # (punk), and a hearing of it is one that names library music
        return None
    others = [t for t in library.tracks(ctx.db) if t.kind != "music"]  # "play demo fm": by name
    return whole, bool(artist or best_items(
        rest, music, fields=("title", "artist", "album"), whole=whole) or best_items(
        "", others, fields=("title", "artist", "album"), whole=whole))


KIND_SAID = re.compile(r"\b(?:radio|station|fm|podcasts?|episodes?|audio ?books?|books?|chapters?|"
                        r"stories|story|show)\b")
