"""The play queue by voice: "play Thriller next", "add some jazz to the queue", "what's in the
queue", "clear the queue". HWU64 has no queue intent: the model reads these as lists (the song
went on the shopping list) or as transport; the words decide (:func:`queue_command`), and
:class:`.music.MusicSkill` serves them here."""

from __future__ import annotations

import re

from .. import library
from ..types import Reply, Understanding
from .base import SkillContext
from .match import best_artist, best_genre, best_items, residue
from .music_words import says_track
from .spoken import say_count, speakable, tokens

_LEAD = r"^(?:(?:please|can you|could you|and|then|okay|ok) )*"
_PLAY_NEXT = re.compile(_LEAD + r"play (?P<what>.+?) (?:next|after this(?: one| song)?)(?: please)?$")
_ADD = re.compile(_LEAD + r"(?:add|put|stick) (?P<what>.+?) (?:to|on|in|onto|into|at the end of) "
                  r"(?:the|my) (?:play )?(?:queue|cue)(?: please)?$|" + _LEAD[1:] + r"queue (?:up )?(?P<what2>.+)$")
_ASK = re.compile(r"\bwhat(?:'s| is| else is) (?:in|on) (?:the|my) (?:play )?(?:queue|cue)\b|\bhow many (?:songs |"
                  r"tracks |things )?(?:are |is )?(?:left )?(?:in|on) (?:the|my) (?:play )?(?:queue|cue)\b|"
                  r"^(?:and |so )?what(?:'s| is| comes) (?:after this|after that)(?: one| song)?$")
_CLEAR = re.compile(_LEAD + r"(?:clear|empty|delete|wipe|reset) (?:the|my) (?:play )?(?:queue|cue)(?: please)?$")
_REMOVE = re.compile(_LEAD + r"(?:remove|take|delete|drop) (?P<what>.+?) (?:from|off|out of) (?:the|my) "
                     r"(?:play )?(?:queue|cue)(?: please)?$")
_THIS = {"this", "that", "it", "this song", "that song", "this one", "that one", "this track"}
_MANY = 3
"""Tracks an artist or a genre puts in the queue ("play some jazz next")."""


def queue_command(text: str) -> tuple[str, str] | None:
    """("next" | "add", what was named) for "play thriller next" / "add some jazz to the queue";
    ("ask", "") for "what's in the queue"; ("clear", "") for "clear the queue"; ("remove", what
    was named) for "take thriller off the queue"; else None."""
    low = " ".join(tokens(text))
    m = _PLAY_NEXT.match(low)
    if m and m["what"] not in ("the", "the song", "the track", "something", "a song"):
        return "next", m["what"]
    m = _ADD.match(low)
    if m:
        return "add", m["what"] or m["what2"]
    if _ASK.search(low):
        return "ask", ""
    if _CLEAR.match(low):
        return "clear", ""
    m = _REMOVE.match(low)
    if m:  # "remove this song from the queue" (went to the shopping list)
        return "remove", m["what"]
    return None


def _chosen(what: str, tracks: list[library.Track]) -> list[library.Track]:
    """The tracks ``what`` names: one song, or a few of an artist or a genre."""
    said = residue(what) or what
    songs = best_items(said, tracks, fields=("title",), whole=what)
    if songs:
        return songs[:1]
    artist = best_artist(said, tracks)
    if artist is not None:
        return [t for t in tracks if t.artist == artist][:_MANY]
    genre = best_genre(said, tracks)
    if genre is not None:
        return [t for t in tracks if t.genre.lower() == genre.lower()][:_MANY]
    return []


def _says(tracks: list[library.Track]) -> str:
    one = says_track(tracks[0])
    return one if len(tracks) == 1 else f"{say_count(len(tracks), 'song')}, starting with {one}"


def queue_reply(command: tuple[str, str], u: Understanding, ctx: SkillContext) -> Reply:
    """Serve one :func:`queue_command`."""
    verb, what = command
    p = ctx.player
    current = p.current
    if verb == "ask":
        if current is None:
            return Reply("Nothing is playing, so the queue is empty.", "say", (("queued", "0"),))
        after = p.upcoming(1000)
        if not after:
            return Reply(f"{speakable(current.title)} is the last one in the queue.", "say",
                         (("queued", "0"),))
        nxt = after[0]
        return Reply(f"{say_count(len(after), 'more song').capitalize()} after this one. Next is "
                     f"{says_track(nxt)}.", "say",
                     (("queued", str(len(after))),))
    if verb == "clear":
        if current is None or not p.upcoming(1):
            return Reply("The queue is already empty.", "say", (("queued", "0"),))
        p.set_upcoming([])
        return Reply("Okay, the queue is clear. This one plays to the end.", "queue_clear",
                     (("queued", "0"),))
    if verb == "remove":
        return _remove(what, ctx)
    if what in _THIS:  # "add this to the queue": what plays is in it already
        return Reply("It's already playing." if current is not None else "Nothing is playing.", "say")
    chosen = _chosen(what, library.tracks(ctx.db, kind="music"))
    if not chosen:
        return Reply(f"Sorry, I couldn't find {speakable(what)} in your library.", "not_found",
                     (("query", what),))
    detail = (("queued", str(len(chosen))), ("title", chosen[0].title), ("artist", chosen[0].artist))
    if current is None:  # nothing plays: a queue of one request is just playing it
        p.play(chosen, source="voice")
        return Reply(f"Playing {_says(chosen)}.", "play", detail)
    if verb == "next":
        ids = {t.id for t in chosen}
        p.set_upcoming(chosen + [t for t in p.upcoming(1000) if t.id not in ids])
        return Reply(f"Okay, next: {_says(chosen)}.", "queue_add", detail)
    p.enqueue(chosen)
    return Reply(f"Added to the queue: {_says(chosen)}.", "queue_add", detail)


def _remove(what: str, ctx: SkillContext) -> Reply:
    """"Remove this song from the queue" skips it; a song or an artist named comes out of what
    is still to play."""
    p = ctx.player
    if p.current is None:
        return Reply("Nothing is playing, so the queue is empty.", "say", (("queued", "0"),))
    if what in _THIS:
        p.next()
        nxt = p.current
        return Reply(f"Okay. Next: {says_track(nxt)}." if nxt is not None else "Okay, that was the last one.",
                     "next", (("removed", "1"),))
    after = p.upcoming(1000)
    gone = set(t.id for t in _chosen(what, after)) if after else set()
    if not gone:
        return Reply(f"{speakable(what).capitalize()} isn't in the queue.", "say", (("removed", "0"),))
    p.set_upcoming([t for t in after if t.id not in gone])
    return Reply(f"Okay, I took {say_count(len(gone), 'song')} off the queue.", "queue_remove",
                 (("removed", str(len(gone))),))
