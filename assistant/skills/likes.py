"""Likes and dislikes (music_likeness): "I love this song" (the song playing, or the one that
just stopped), "I don't like this artist", "I hate jazz", "rate this four stars", "like the last
song", "I love Miles Davis" and "add bruno mars to my favorites" (the artist named, not the song
playing). Kept in the play history (:mod:`assistant.history`), which the recommender reads.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .. import history, library
from ..types import Reply, Understanding
from .base import SkillContext
from .listening import asks_unfavourite, unfavourite
from .match import best_artist, best_items, genre_named, norm
from .music_query import before_track, recent_track
from .music_words import LIKES_LAST, NEG_WORDS, THIS_ARTIST, rated_name, rating_said, slot_text
from .music_words import says_track as _says
from .music_words import track_detail as _detail
from .spoken import speakable

Recommended = Callable[[SkillContext, list[library.Track]], Reply]
"""Plays the recommender's order of some tracks (MusicSkill._recommended): a genre disliked
while it plays moves on to the rest."""
_LIKE_WORDS = re.compile(r"\b(?:love|loves|like|likes|adore|enjoy|fan|into|favou?rites?|hate|hates|dislike|can't stand|"
                         r"cannot stand|sick of|tired of|best|great|awesome)\b")
_A_BOOK = re.compile(r"\b(?:novel|book|textbook|essay|saga|chronicle|series|story|poem|journal|film|movie)s?\b")
_TASTE = re.compile(r"(?:i|we) (?:really |just |also |do )?(?:like|love|enjoy|adore|hate|dislike|can't stand|don't like|"
                    r"do not like) (?P<what>.+)")
_OF_THIS = re.compile(r"\b(?:this|that|it|these|those|one|song|track|tune|what's playing|what is playing)\b")
_FAVOURITES = re.compile(r"(?:please )?(?:add|put|save) (?P<what>.+?) (?:to|on|in|into) (?:my |our |the )?"
                         r"favou?rites\W*$")


def _remember(e, negative: bool, ctx: SkillContext) -> Reply:
    """A like or dislike of a track that is not playing (a history event: the last song, or
    the one that stopped a moment ago)."""
    return _keep(negative, ctx, e.title, e.artist, e.track_id, (("title", e.title), ("artist", e.artist)))


def _remember_track(t: library.Track, negative: bool, ctx: SkillContext) -> Reply:
    """A like or dislike of a library track named, not the one playing."""
    return _keep(negative, ctx, t.title, t.artist, t.id, _detail(t))


def _keep(negative: bool, ctx: SkillContext, title: str, artist: str, track_id: int | None, detail) -> Reply:
    history.record(ctx.db, "disliked" if negative else "liked", artist=artist, title=title, track_id=track_id)
    verb = "won't play" if negative else "will remember"
    return Reply(f"Okay, I {verb} {speakable(title)}.", "dislike" if negative else "like", detail)


def adds_to_favourites(text: str) -> bool:
    """"Add brew numbers to my favorites": a like of what is named (a list command to the model)."""
    return bool(_FAVOURITES.match(text.lower()))


def _artist_likeness(t: library.Track, negative: bool, ctx: SkillContext) -> Reply:
    """A like or dislike of the artist playing: kept for the artist as well as the song; a
    dislike also takes the artist's other songs out of the queue (it disliked the song and
    played the next one, often by the same artist)."""
    ctx.player.like(not negative)
    history.record(ctx.db, "disliked" if negative else "liked", artist=t.artist)
    if not negative:
        return Reply(f"Noted, you like {speakable(t.artist)}.", "like", (("artist", t.artist),))
    ctx.player.set_upcoming([x for x in ctx.player.upcoming(1000) if x.artist != t.artist])
    ctx.player.next()
    nxt = ctx.player.current
    text = f"Okay, less {speakable(t.artist)} from now on." + (f" Here's {_says(nxt)}." if nxt else "")
    return Reply(text, "dislike", (("artist", t.artist),))


def _genre_likeness(genre: str, negative: bool, ctx: SkillContext, recommended: Recommended) -> Reply:
    """"I don't like jazz": that genre out of what is to play (and skipped if it plays); "I
    love jazz": noted, nothing changed. Not kept: the play history has songs, not genres."""
    p = ctx.player
    if not negative:
        return Reply(f"Good to know. Say: play some {genre.lower()}, whenever you like.", "say",
                     (("genre", genre),))
    lead = f"Okay, no more {genre.lower()} for now."
    if p.current is not None and p.current.genre == genre:  # something else, now
        others = [x for x in library.tracks(ctx.db, kind="music") if x.genre != genre]
        if not others:
            p.stop()
            return Reply(f"{lead} Your library has nothing else.", "dislike_genre", (("genre", genre),))
        reply = recommended(ctx, others)
        return Reply(f"{lead} {reply.text}", "dislike_genre", reply.detail + (("genre", genre),))
    p.set_upcoming([x for x in p.upcoming(1000) if x.genre != genre])
    return Reply(lead, "dislike_genre", (("genre", genre),))


def likeness(u: Understanding, ctx: SkillContext, recommended: Recommended) -> Reply:
    """The reply to a like, a dislike or a rating (``u.intent`` music_likeness): of what plays
    (or just played) unless a genre, an artist or a song is named; sentiment, dislike words or
    the rating tell a like from a dislike."""
    if asks_unfavourite(u.text):  # "remove this from my favourites" (the model: a list)
        return unfavourite(ctx.db, ctx.player.current)
    negative = u.sentiment == "negative" or bool(NEG_WORDS.search(u.text.lower()))
    rating = rating_said(u.text)  # "rate this song four stars": four of five is a like
    t = ctx.player.current
    if rating is not None and (t is None or t.kind == "music") and _A_BOOK.search(u.text.lower()):
        # "rate the current novel five of 6 points" (SNIPS) over a song recorded a like of the song
        playing = "nothing does" if t is None else "that is a song"
        return Reply(f"I can only rate what plays here, and {playing}.", "say")
    named = rated_name(u.text) if rating is not None else ""
    everything = library.tracks(ctx.db) if named else []
    if named and not genre_named(named, everything) and not (
            t is not None and best_items(named, [t], fields=("title", "album", "artist"))):
        # "rate the demolished man a five" (SNIPS, a book) liked the song playing
        if best_artist(named, [x for x in everything if x.kind == "music"]):  # "rate ac dc 4 stars"
            return _artist_said_likeness(named, rating <= 0.4, ctx)
        from rapidfuzz import fuzz  # near in spelling as a whole: "short stories" is not "Giant Stairs"
        hits = [x for x in best_items(named, everything, fields=("title", "album"))
                if max(fuzz.token_set_ratio(named, norm(x.title)), fuzz.token_set_ratio(named, norm(x.album or ""))) >= 85]
        if not hits:
            return Reply(f"Sorry, {speakable(named)} isn't in your library, and I can only rate what's there.", "say")
        return _remember_track(hits[0], rating <= 0.4, ctx)
    if rating is not None:
        if 0.4 < rating < 0.6:
            return Reply("Okay, noted: somewhere in the middle.", "say", (("rating", f"{rating:.2f}"),))
        negative = rating <= 0.4
    if LIKES_LAST.search(u.text.lower()):  # "like the last song": the one before this
        e = before_track(ctx, t) if t is not None else recent_track(ctx)
        if e is None:
            return Reply("I don't know what played before this.", "say")
        return _remember(e, negative, ctx)
    if t is not None and t.artist and THIS_ARTIST.search(u.text.lower()):
        return _artist_likeness(t, negative, ctx)  # "I don't like this artist"
    genre = genre_named(u.text, library.tracks(ctx.db, kind="music"))
    if genre is not None and (t is None or t.kind == "music") and not re.search(
            r"\b(?:this|that|it)\b", u.text.lower()):
        return _genre_likeness(genre, negative, ctx, recommended)  # "I don't like jazz" disliked the pop song
    artist = _artist_said(u, ctx)
    if artist:  # "add bruno mars to my favorites" liked the song playing
        return _artist_said_likeness(artist, negative, ctx)
    taste = _TASTE.match(" ".join(re.findall(r"[a-z']+", u.text.lower())))
    if t is not None and taste and not _OF_THIS.search(taste["what"]) and not best_items(
            taste["what"], [t], fields=("title", "album", "artist")):
        # "I like electric music." (tiny.en's "electronic", no such genre here) liked the song playing
        if best_artist(taste["what"], library.tracks(ctx.db, kind="music")):  # "I like AC DC"
            return _artist_said_likeness(taste["what"], negative, ctx)
        return Reply("Okay, good to know." if negative else "Good to know.", "say", (("about", "taste"),))
    if t is not None:
        ctx.player.like(not negative)
        if negative:
            ctx.player.next()
            nxt = ctx.player.current
            text = "Okay, I won't play that one again."
            text += f" Here's {_says(nxt)}." if nxt else ""
            return Reply(text, "dislike", _detail(t))
        said = f"This is {_says(t)}" if re.search(r"\b(?:what|who)(?:'s| is) (?:it|this|that)\b", u.text.lower()) \
            else f"I'll remember {speakable(t.title)}"  # "nice song, what is it"
        return Reply(f"Glad you like it. {said}.", "like", _detail(t))
    recent = recent_track(ctx)
    if recent is not None:
        return _remember(recent, negative, ctx)
    return Reply("Nothing is playing right now.", "say")


def _artist_said(u: Understanding, ctx: SkillContext) -> str:
    """The artist a like names when it is not the one playing ("I love bruno mars"), as the
    library spells it when it has them; "" when none is named, or "this" is said."""
    said = slot_text(u, "artist_name")
    favourite = _FAVOURITES.match(u.text.lower())
    if not said and favourite:  # "add brew numbers to my favorites": no slot; it liked the song playing
        said = rated_name(favourite["what"])  # ("add the song to my favorites": the one playing)
    if not said or re.search(r"\b(?:this|that|it)\b", u.text.lower()):
        return ""
    artist = best_artist(said, library.tracks(ctx.db, kind="music"))
    if artist is None and not (favourite or _LIKE_WORDS.search(u.text.lower())):
        return ""  # "Cffral music by erin carter." (tiny.en) was "Noted, you like Fral."
    artist = artist or said
    t = ctx.player.current
    return "" if t is not None and norm(artist) == norm(t.artist or "") else artist


def _artist_said_likeness(said: str, negative: bool, ctx: SkillContext) -> Reply:
    """A like of what was named: a song of the library by its title ("add strobe to my
    favorites"), else an artist, kept even when the library has none of theirs yet."""
    tracks = library.tracks(ctx.db, kind="music")
    spelt = best_artist(said, tracks)  # as the library spells it
    known = spelt is not None
    songs = [] if known else best_items(said, tracks)
    if len(songs) == 1:
        return _remember_track(songs[0], negative, ctx)
    artist = spelt or " ".join(w.capitalize() for w in said.split())
    history.record(ctx.db, "disliked" if negative else "liked", artist=artist)
    none = "" if known else " You have none of their songs yet."
    text = (f"Okay, less {speakable(artist)} from now on." if negative
            else f"Noted, you like {speakable(artist)}.{none}")
    return Reply(text, "dislike" if negative else "like", (("artist", artist),))
