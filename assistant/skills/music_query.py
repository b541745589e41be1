"""music_query: "what's playing", "who sings this", "what year is this from" (what the tags do
not say), "how long is this song", "what did I listen to yesterday", "what should I listen to".
Called by :class:`.music.MusicSkill`."""

from __future__ import annotations

import re
import time

from .. import history, library
from ..types import Reply, Understanding
from .base import SkillContext
from .listening import (SAY_N, about_this_song, asks_history, asks_suggestion, favourite_queue,
                        forget_history, history_reply, library_count, library_has, library_summary,
                        natural, top_of, who_made)
from .match import norm
from .music_words import BEFORE, asks_next, asks_untagged
from .music_words import says_track as _says
from .music_words import track_detail as _detail
from .spoken import say_duration, say_list, speakable, tokens

RECENT_S = 600.0
"""A like or dislike, or a question, with nothing playing applies to what stopped less than this
long ago."""
_TIMES_PLAYED = re.compile(r"\bhow (?:many times|often)\b.*\b(?:play|played|listen|listened|heard|hear)\b")


def query_music(skill, u: Understanding, ctx: SkillContext) -> Reply:
    """music_query: what plays, who made it, what the tags do not say, how long, when last heard,
    the play history and a suggestion (``skill``: the music skill, whose suggestion this gives)."""
    made = forget_history(u.text, ctx.db) or who_made(u.text, ctx.db)  # "who wrote hamlet"
    if made is not None:
        return made
    if asks_history(u.text):  # "what did I listen to yesterday"
        return history_reply(u.text, ctx.db, time.time())
    if asks_suggestion(u.text):  # "what should I listen to"
        return skill.suggest(ctx)
    if asks_liked(u.text):  # "what songs have I liked" (named the whole library)
        return liked_reply(u.text, ctx)
    kind = _KIND_ASKED.search(u.text.lower())
    if kind and (ctx.player.current is None or ctx.player.current.kind != _KINDS[kind[1]]):
        was = _last_of_kind(ctx, _KINDS[kind[1]])  # "what book was I listening to" over music
        if was is not None:
            return Reply(f"You were listening to {_says(was)}.", "say", _detail(was))
        what = "audiobooks" if _KINDS[kind[1]] == "audiobook" else "podcasts"
        return Reply(f"You haven't listened to any {what} yet.", "say", (("media", _KINDS[kind[1]]),))
    playing = ctx.player.current
    if playing is not None and asks_this_liked(u.text):
        return _this_liked(playing, ctx)
    about = about_this_song(u.text, ctx.db, playing, ctx.clock()) if playing else None
    if about is not None:  # "when did I last hear this", "how many songs are on this album"
        return about
    # "how many songs do I have", "what audiobooks do I have"
    counted = (top_of(u.text, ctx.db) or library_count(u.text, ctx.db)
               or library_summary(u.text, ctx.db) or library_has(u.text, ctx.db))
    if counted is not None:
        return counted
    words = set(tokens(u.text))
    if words & {"favorite", "favourite"}:  # liked counts more than played
        best = favourite_queue(ctx.db, library.tracks(ctx.db, kind="music"))
        if best:
            return Reply(f"Your favourite seems to be {_says(best[0])}.", "say",
                         (("title", best[0].title), ("artist", best[0].artist)))
    if words & {"favorite", "favourite", "most"}:
        rows = ctx.db.query("SELECT artist, title, COUNT(*) AS n FROM history WHERE event IN "
                            "('started', 'liked') AND title != '' GROUP BY artist, title "
                            "ORDER BY n DESC, MAX(ts) DESC LIMIT 1")
        if rows:
            r = rows[0]
            return Reply(f"Your most played song is {speakable(r['title'])} by "
                         f"{speakable(r['artist'])}.", "say",
                         (("title", r["title"]), ("artist", r["artist"])))
        return Reply("You haven't played anything yet.", "say")
    t = ctx.player.current
    if t is not None and asks_untagged(u.text):
        return Reply(f"Sorry, I don't know that. Your library tells me the title, artist, album "
                     f"and genre of {speakable(t.title)}, and nothing more.", "say", _detail(t))
    if t is not None and asks_next(u.text):
        nxt = ctx.player.upcoming(1)
        if not nxt:
            return Reply(f"{speakable(t.title)} is the last in the queue.", "say", _detail(t))
        return Reply(f"Next up: {_says(nxt[0])}.", "say", _detail(nxt[0]))
    if _TIMES_PLAYED.search(u.text.lower()):  # "how many times have I played this?"
        return _times_played(ctx, t)
    if t is None:
        recent = recent_track(ctx)  # "what was that song?" just after it stopped
        if recent is not None:
            lead = "No, it's stopped. " if re.match(r"(?:is|are) ", norm(u.text)) else ""
            return Reply(f"{lead}That was {speakable(recent.title)} by {speakable(recent.artist)}.",
                         "say", (("title", recent.title), ("artist", recent.artist)))
        return Reply("Nothing is playing right now.", "say")
    if BEFORE.search(u.text.lower()):  # "what was the last song" while the next one plays
        before = before_track(ctx, t)
        if before is not None:
            return Reply(f"Before this, {speakable(before.title)} by {speakable(before.artist)}.",
                         "say", (("title", before.title), ("artist", before.artist)))
    if t.kind == "audiobook" and words & {"book", "audiobook"} and words & {"long", "longer", "length",
                                                                            "left", "remaining"}:
        return _book_left(t, ctx)  # "how long is this book" played it from the start
    if words & {"long", "longer", "length", "left", "remaining"} and "how" in words or \
            words & {"end", "ends", "finish", "finishes", "over"} and "when" in words:  # "how long is it"
        left = max(0.0, (t.duration_s or 0.0) - ctx.player.status().position_s)
        length = say_duration(max(1.0, t.duration_s or 0.0))
        return Reply(f"{speakable(t.title)} is {length} long, with "
                     f"{say_duration(max(1.0, left))} to go.", "say", _detail(t))
    if "genre" in words or "kind" in words or "type" in words:
        return Reply(f"It's {t.genre.lower() or 'untagged'}: {_says(t)}.", "say", _detail(t))
    if "album" in words and t.album:  # "what album is this from"
        return Reply(f"{speakable(t.title)} is from the album {speakable(t.album)} by "
                     f"{speakable(t.artist)}.", "say", _detail(t, album=t.album))
    if words & {"who", "artist", "band", "singer", "sings", "sung"} and t.artist:
        return Reply(f"This is {speakable(t.artist)}, playing {speakable(t.title)}.", "say",
                     _detail(t))
    at = ctx.player.status().position_s
    spoken = t.kind in ("audiobook", "podcast") and at >= 60  # "where was I?"
    return Reply(f"This is {_says(t)}{f', {say_duration(at)} in' if spoken else ''}.", "say",
                 _detail(t))

_LIKED = re.compile(r"\bwhat (?:(?:songs?|music|tracks?|artists?|else) )?(?:have|did|do) (?:i|we) (?:ever )?"
                    r"(?P<how>liked?|loved?|disliked?|hated?)\b|\b(?:list|read|tell me)(?: me)? (?:my|the) "
                    r"(?:songs |tracks )?(?:i|we) (?P<how2>liked?|disliked?)\b|^(?:what are |list |read |read me |tell "
                    r"me |name )?my (?P<how3>liked|disliked) (?:songs|tracks|music)$|^(?:so )?what did (?:i|we) (?P<how4>thumbs? (?:up|down))\b|"
                    r"^(?:so )?(?:what|which) (?:was|is) (?:the )?(?P<last>last|latest|most recent) (?:song|track|thing|one) "
                    r"(?:i|we) (?P<how5>liked|loved|disliked|hated)$")


def asks_liked(text: str) -> bool:
    """"What songs have I liked", "what did I dislike", "read me my liked songs"."""
    return bool(_LIKED.search(" ".join(tokens(text))))


def _last_words(ctx: SkillContext) -> dict[tuple[str, str], str]:
    """(title, artist) → "liked" or "disliked": the last word said of each song (a later like undoes
    a dislike, and the other way round)."""
    last: dict[tuple[str, str], str] = {}
    for e in history.events(ctx.db, limit=2000):  # newest first: the first seen is the last word
        if e.event in ("liked", "disliked") and e.title:
            last.setdefault((e.title, e.artist), e.event)
    return last


def liked_reply(text: str, ctx: SkillContext) -> Reply:
    """The songs liked (or disliked), most recent first: a like undone by a later dislike, or a
    dislike by a later like, is left out."""
    m = _LIKED.search(" ".join(tokens(text)))
    how = m["how"] or m["how2"] or m["how3"] or m["how4"] or m["how5"]
    want = "disliked" if how.startswith(("dis", "hate")) or how.endswith("down") else "liked"
    last = _last_words(ctx)
    songs = [f"{speakable(t)} by {speakable(a)}" if a else speakable(t)
             for (t, a), ev in last.items() if ev == want]
    if not songs:
        return Reply(f"You haven't {want} any songs yet." if want == "liked" else
                     "You haven't disliked anything.", "say", ((want, "0"),))
    if m["last"]:  # "what was the last song I liked" (said the song played before this one)
        return Reply(f"The last song you {want} was {songs[0]}.", "say", ((want, str(len(songs))),))
    said = songs[:SAY_N] + ([f"{len(songs) - SAY_N} more"] if len(songs) > SAY_N else [])
    return Reply(f"You've {want} {say_list(said)}.", "say", ((want, str(len(songs))),))


_THIS_LIKED = re.compile(r"^(?:so )?(?:is|was) (?:this|that|it) (?:song |track |one )?(?:liked|disliked|"
                         r"(?:one )?of my (?:favou?rites|liked songs))$|^(?:do|did|have) (?:i|we) (?:ever )?(?:like|liked|"
                         r"dislike|disliked|love|loved) (?:this|that|it)(?: song| track| one)?(?: before)?$")


def _book_left(t, ctx: SkillContext) -> Reply:
    """"A Short Book is 2 hours long, with 1 hour and 10 minutes to go.": its chapters together."""
    book = sorted((x for x in library.tracks(ctx.db, kind="audiobook") if (x.album, x.artist) == (t.album, t.artist)),
                  key=natural)
    after = book[book.index(t) + 1:] if t in book else []
    total = sum(x.duration_s or 0.0 for x in book) or (t.duration_s or 0.0)
    left = max(0.0, (t.duration_s or 0.0) - ctx.player.status().position_s) + sum(x.duration_s or 0.0 for x in after)
    name = speakable(t.album or t.title)
    return Reply(f"{name} is {say_duration(max(1.0, total))} long, with {say_duration(max(1.0, left))} to go"
                 f"{f', {len(after)} more chapters after this one' if len(after) > 1 else ''}.", "say", _detail(t))


def asks_this_liked(text: str) -> bool:
    """"Is this song liked", "do I like this one", "is this one of my favourites"."""
    return bool(_THIS_LIKED.search(" ".join(tokens(text))))


def _this_liked(track, ctx: SkillContext) -> Reply:
    """"Is this song liked", "did I like this one": the last word said of the track playing."""
    said = _last_words(ctx).get((track.title, track.artist))
    if said:
        return Reply(f"Yes, you {said} {_says(track)}." if said == "liked" else
                     f"You disliked {_says(track)}. Say next to skip it.", "say", (("said", said),))
    return Reply(f"You haven't said whether you like {_says(track)}. Say 'I like this song' to keep it.",
                 "say", (("said", "nothing"),))


_KIND_ASKED = re.compile(r"^(?:so )?(?:what|which) (book|audiobook|podcast|episode|chapter) (?:was|were|did) "
                         r"(?:i|we) (?:listening to|listen to|on|reading|hearing)\b")
_KINDS = {"book": "audiobook", "audiobook": "audiobook", "chapter": "audiobook", "podcast": "podcast",
          "episode": "podcast"}


def asks_what_was_on(text: str) -> bool:
    """"What book was I listening to", "what episode was I on"."""
    return bool(_KIND_ASKED.search(text.lower()))


def _last_of_kind(ctx: SkillContext, kind: str):
    """The track of ``kind`` started last (from the play history), or None."""
    for e in history.events(ctx.db, limit=500):
        if e.event == "started" and e.track_id:
            t = library.get(ctx.db, e.track_id)
            if t is not None and t.kind == kind:
                return t
    return None


def _times_played(ctx: SkillContext, t: library.Track | None) -> Reply:
    if t is None:
        recent = recent_track(ctx)
        t = library.get(ctx.db, recent.track_id) if recent is not None and recent.track_id else None
        if t is None:
            return Reply("Nothing is playing right now.", "say")
    n = ctx.db.query("SELECT COUNT(*) FROM history WHERE event = 'started' AND track_id = ?",
                     (t.id,))[0][0]
    if n <= 1:
        return Reply(f"This is the first time you've played {speakable(t.title)}.", "say",
                     _detail(t, plays=str(n)))
    times = "twice" if n == 2 else f"{n} times"
    return Reply(f"You've played {speakable(t.title)} {times}.", "say", _detail(t, plays=str(n)))

# ------------------------------------------------------------------ likes


def before_track(ctx: SkillContext, now_playing):
    """The last track started before ``now_playing`` (from the play history), if any."""
    for e in history.events(ctx.db, limit=20):
        if e.event == "started" and e.title and \
                (e.title, e.artist) != (now_playing.title, now_playing.artist):
            return e
    return None


def recent_track(ctx: SkillContext):
    """The track that was playing a moment ago (stopped less than RECENT_S ago), if any."""
    cutoff = time.time() - RECENT_S
    for e in history.events(ctx.db, limit=5, since=cutoff):
        if e.event in ("started", "finished", "skipped") and e.title:
            return e
    return None
