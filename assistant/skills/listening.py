"""What the household has listened to, and its favourites: "what did I listen to yesterday",
"what should I listen to", "play my favourite songs". Read from the play history in the database
(``history``: ``started``, ``liked``, ``disliked``, ``skipped`` events); the music skill acts on
the answers.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from .. import history, library
from ..db import Database
from ..types import Reply
from .match import MIN_SCORE, best_artist, best_items, residue, score
from .music_words import BEFORE
from .spoken import first_number, say_count, say_duration, say_list, speakable, tokens

_HISTORY = re.compile(
    r"\bwhat (?:did|have|had) (?:i|we) (?:been )?(?:listen(?:ed|ing)? to|play(?:ed|ing)?|hear(?:d)?)\b"
    r"|\bwhat (?:was|were) (?:i|we) listening to\b|\b(?:recently|last) played\b"
    r"|\bmy (?:listening|play) history\b"
    r"|\b(?:first|last) (?:song|track|thing) (?:you|i|we) (?:played|listened to|heard)\b"
    r"|" + r"\bhow (?:long|much time|many hours|many minutes) (?:have|did|had) (?:i|we) (?:been )?"
    r"(?:listen(?:ed|ing)?|play(?:ed|ing)?)\b")
_SUGGEST = re.compile(r"\bwhat should (?:i|we) (?:listen to|play|put on)\b|\bwhat (?:would|will) "
                      r"(?:i|we) like\b|\b(?:recommend|suggest|suggestions?|recommendations?)\b")
_JUST_SUGGEST = re.compile(r"(?:(?:can|could) you |please |so )?(?:recommend|suggest)(?: me)? (?:something|"
                           r"anything)(?: good| new| for me)?|(?:any|got any|do you have any) (?:recommendations|"
                           r"suggestions)|what do you (?:recommend|suggest)")
""""Recommend something", said to a music speaker (the model: recommendation_movies 0.34)."""
_MUSIC = re.compile(r"\b(?:songs?|music|tracks?|albums?|artists?|bands?|listen|listening|tunes?)\b")
_FAVOURITES = re.compile(r"\bfavou?rites?\b|\b(?:songs?|music|tracks?) (?:i|we) (?:like|love|liked|loved)\b|"
                         r"\bmy (?:most played|top) (?:songs?|tracks?|music)\b|"
                         r"\b(?:liked|loved) (?:songs?|tracks?|music)\b")
_FAVOURITE_WORDS = ("favourite", "favorite", "favourites", "favorites", "song", "songs", "music",
                    "track", "tracks", "tunes", "my", "our", "i", "we", "like", "love", "most",
                    "played", "top", "the", "one", "ones", "that", "stuff", "liked", "loved", "yesterday",
                    "earlier", "today", "before", "recently", "last", "week", "night")
FAVOURITE_MIN = 2
"""Score a track needs to be a favourite: two plays, or one like."""
SAY_N = 3
"""Titles named in a history answer; the rest are counted ("and 4 more")."""


def asks_history(text: str) -> bool:
    """"What did I listen to yesterday", "what have we been playing"."""
    return bool(_HISTORY.search(" ".join(tokens(text))))


def asks_suggestion(text: str) -> bool:
    """"What should I listen to", "recommend me some music" (not "recommend a restaurant")."""
    low = " ".join(tokens(text))
    m = _SUGGEST.search(low)
    return bool(m) and (m.group(0).startswith("what") or bool(_MUSIC.search(low))
                        or bool(_JUST_SUGGEST.fullmatch(low)))


def wants_favourites(text: str) -> bool:
    """"Play my favourite song", "play the songs I like": nothing named but the favourites."""
    return bool(_FAVOURITES.search(" ".join(tokens(text)))) and not residue(
        text, extra=_FAVOURITE_WORDS)


def _past_span(text: str, now: float) -> tuple[float, float, str]:
    """(start, end) in Unix seconds of the past time ``text`` names, and how to say it."""
    words = set(tokens(text))
    low = " ".join(tokens(text))
    today = dt.datetime.combine(dt.date.fromtimestamp(now), dt.time())
    if "last night" in low:
        evening, morning = today - dt.timedelta(hours=6), today + dt.timedelta(hours=5)
        return evening.timestamp(), morning.timestamp(), "last night"
    if "yesterday" in words:
        return (today - dt.timedelta(days=1)).timestamp(), today.timestamp(), "yesterday"
    if words & {"today", "morning", "tonight", "earlier"}:
        return today.timestamp(), now, "today"
    if words & {"month"}:
        return now - 30 * 86400.0, now + 1, "this month"
    return now - 7 * 86400.0, now + 1, "this week"


def history_reply(text: str, db: Database, now: float) -> Reply:
    """"Yesterday you listened to Strobe by Deadmau5, Just Demo by Lady Gaga and 2 more."""
    start, end, when = _past_span(text, now)
    lead = "Last night" if when == "last night" else when.capitalize()
    if re.search(r"\bhow (?:long|much time|many hours|many minutes)\b", text.lower()):
        # the player closes each play with the fraction heard; imported rows carry ms_played
        secs = db.query("SELECT COALESCE(SUM(COALESCE(h.ms_played / 1000.0, h.fraction * "
                        "t.duration_s)), 0) FROM history h LEFT JOIN tracks t ON t.id = h.track_id "
                        "WHERE h.event IN ('finished', 'skipped') AND h.ts >= ? AND h.ts < ?",
                        (start, end))[0][0]
        ms = int(secs * 1000)
        said = say_duration(round(ms / 60000) * 60) if ms >= 60000 else "less than a minute"
        return Reply(f"{lead} you listened for {said}." if ms else
                     f"You didn't play anything {when}.", "say", (("ms_played", str(int(ms))),))
    rows = db.query("SELECT artist, title, MAX(ts) AS last FROM history WHERE event = 'started' "
                    "AND title != '' AND ts >= ? AND ts < ? GROUP BY artist, title "
                    "ORDER BY last DESC", (start, end))
    if not rows:
        return Reply(f"You didn't play anything {when}.", "say", (("played", "0"),))
    if re.search(r"\bfirst\b", text.lower()):  # "what was the first song you played today"
        r = min(rows, key=lambda r: _first_start(db, r["artist"], r["title"], start, end))
        said = speakable(f"{r['title']} by {r['artist']}" if r["artist"] else r["title"])
        return Reply(f"The first song {when} was {said}.", "say",
                     (("title", r["title"]), ("artist", r["artist"])))
    names = [speakable(f"{r['title']} by {r['artist']}" if r["artist"] else r["title"])
             for r in rows[:SAY_N]]
    if len(rows) > SAY_N:
        names.append(f"{len(rows) - SAY_N} more")
    return Reply(f"{lead} you listened to {say_list(names)}.", "say",
                 (("played", str(len(rows))), ("since", dt.datetime.fromtimestamp(start).isoformat(
                     timespec="minutes"))))


def _first_start(db: Database, artist: str, title: str, start: float, end: float) -> float:
    return db.query("SELECT MIN(ts) FROM history WHERE event = 'started' AND artist = ? AND "
                    "title = ? AND ts >= ? AND ts < ?", (artist, title, start, end))[0][0]


_COUNTS = {"song": ("music", "song"), "songs": ("music", "song"), "track": ("music", "track"),
           "tracks": ("music", "track"), "podcasts": ("podcast", "podcast episode"),
           "episodes": ("podcast", "podcast episode"), "audiobooks": ("audiobook", "audiobook chapter"),
           "books": ("audiobook", "audiobook chapter"), "stations": ("radio", "radio station")}


_COUNT = re.compile(r"\bhow many (songs?|tracks?|podcasts|episodes|audiobooks|books|stations|"
                    r"radio stations|artists|albums)\b(?! (?:are )?(?:left|to go|in (?:the|this) queue))")


_WHAT_HAVE = re.compile(r"\bwhat (?:kind of |sort of )?(?P<what>music|songs|artists|bands|albums|podcasts|"
                        r"audiobooks|audio books|books|radio stations|stations) (?:do|have) (?:i|we)\b|"
                        r"\bwhat(?:'s| is) in (?:my|our|the) (?:music )?library\b|"
                        r"^(?:list|read|tell me) (?:all )?(?:my|our|the) (?P<listed>podcasts|audiobooks|"
                        r"audio books|books|radio stations|stations|albums|artists)$")
_HAVE_NAMED = re.compile(r"^(?:what (?P<genre>[a-z' ]+?) (?:music |songs )?do (?:i|we) have|do (?:i|we|you) "
                         r"have (?:any |some )?(?:songs? by |music by |albums? by |anything by )?"
                         r"(?P<name>[a-z0-9' ]+?)(?: songs| music| albums| on here| in (?:my|the) "
                         r"library)?)$")
""""What jazz do I have", "do I have any Beatles": answered from the library ("Nothing is
playing right now." before)."""


def asks_count(text: str, db: Database | None = None) -> bool:
    """"How many songs do I have", "what audiobooks do I have", "what's in my library", "list
    my podcasts"; with the library ``db``, "what jazz do I have" and "do I have any Miles Davis"
    when the library has that genre or artist, or music is said ("do I have any songs by ...").
    Not "what alarms do I have", "do we have any milk"."""
    low = " ".join(tokens(text))
    if re.search(r"\b(?:on|in) (?:my|the|our) (?:[a-z' ]+ )?(?:list|calendar|schedule|agenda)\b", low):
        # "do I have carrots on my shopping list", "do I have 30th birthday party on my calendar"
        return False
    if _COUNT.search(low) or _WHAT_HAVE.search(low):
        return True
    m = _HAVE_NAMED.match(low)
    if m is None or db is None:
        return False
    from .match import best_artist, best_genre

    said = (m["genre"] or m["name"]).strip()
    music = library.tracks(db, kind="music")
    return bool(best_genre(said, music) or (m["name"] and (
        best_artist(said, music) or re.search(r"\b(?:songs?|music|albums?|by)\b", low))))


def library_has(text: str, db: Database) -> Reply | None:
    """"Do I have any Miles Davis?" "Yes, 2 songs by Miles Davis."; a genre: "You have 6 jazz
    songs, by ..."; not here: "No, there's no beatles in your library."; None for no such question."""
    from .match import best_artist, best_genre, best_items

    m = _HAVE_NAMED.match(" ".join(tokens(text)))
    if not m:
        return None
    said = (m["genre"] or m["name"]).strip()
    said = re.sub(r"^(?:the )", "", said) if said != "the" else said
    music = library.tracks(db, kind="music")
    genre = best_genre(said, music)
    if genre is not None:
        songs = [t for t in music if t.genre.lower() == genre.lower()]
        artists = [a for a, _ in Counter(t.artist for t in songs if t.artist).most_common()]
        names = [speakable(a) for a in artists[:3]]
        if len(artists) > 3:
            names.append(f"{len(artists) - 3} more")
        return Reply(f"You have {len(songs)} {genre.lower()} song{'s' if len(songs) != 1 else ''}, "
                     f"by {say_list(names)}.", "say", (("count", str(len(songs))), ("genre", genre)))
    if m["genre"]:
        return None  # "what else do I have": not a genre here
    artist = best_artist(said, music)
    if artist is not None:
        n = sum(t.artist == artist for t in music)
        return Reply(f"Yes, {n} song{'s' if n != 1 else ''} by {speakable(artist)}.", "say",
                     (("count", str(n)), ("artist", artist)))
    hits = best_items(said, music, fields=("title", "album"))
    if hits:
        t = hits[0]
        return Reply(f"Yes: {speakable(t.title)} by {speakable(t.artist)}.", "say",
                     (("count", str(len(hits))), ("title", t.title)))
    return Reply(f"No, there's no {speakable(said)} in your library.", "say", (("count", "0"),))


_BY_ARTIST = re.compile(r"\bwhat (?P<what>albums|songs|music|tracks) (?:do|have) (?:i|we) (?:have |got )?"
                        r"(?:by|from) (?P<by>[a-z0-9' ]+)$")


def _by_artist(m: re.Match, db: Database) -> Reply:
    """"What albums do I have by Miles Davis": that artist's albums or songs."""
    items = library.tracks(db, kind="music")
    artist = best_artist(m["by"], items)
    if artist is None:
        return Reply(f"You don't have anything by {speakable(m['by'])}.", "say", (("count", "0"),))
    mine = [t for t in items if t.artist == artist]
    if m["what"] == "albums":
        albums = sorted({t.album for t in mine if t.album})
        said = say_list([speakable(a) for a in albums[:5]])
        return Reply(f"You have {say_count(len(albums), 'album')} by {speakable(artist)}: {said}.",
                     "say", (("count", str(len(albums))),))
    said = say_list([speakable(t.title) for t in mine[:3]])
    return Reply(f"You have {say_count(len(mine), 'song')} by {speakable(artist)}"
                 f"{', like' if len(mine) > 3 else ':'} {said}.",
                 "say", (("count", str(len(mine))),))


def library_summary(text: str, db: Database) -> Reply | None:
    """"What music do I have": how many, and a few names ("You have 26 songs by 13 artists,
    like Daft Punk, Miles Davis and Madonna.")."""
    low = " ".join(tokens(text))
    by = _BY_ARTIST.search(low)
    if by:
        return _by_artist(by, db)
    m = _WHAT_HAVE.search(low)
    if not m:
        return None
    what = (m["what"] or m["listed"] or "music").replace("audio books", "audiobooks")
    kind = {"podcasts": "podcast", "audiobooks": "audiobook", "books": "audiobook",
            "radio stations": "radio", "stations": "radio"}.get(what, "music")
    items = library.tracks(db, kind=kind)
    if not items:
        return Reply(f"You don't have any {_KIND_NAMES[kind]} in your library yet.", "say",
                     (("count", "0"),))
    if kind == "music":
        plays = Counter(t.artist for t in items if t.artist)  # most tracks first
        artists = [a for a, _ in plays.most_common()]
        names = say_list([speakable(a) for a in artists[:3]])
        if what == "albums":
            albums = sorted({t.album for t in items if t.album})
            return Reply(f"You have {len(albums)} albums, like {say_list(albums[:3])}.", "say",
                         (("count", str(len(albums))),))
        if what in ("artists", "bands"):
            return Reply(f"You have {len(artists)} artists, like {names}.", "say",
                         (("count", str(len(artists))),))
        return Reply(f"You have {len(items)} songs by {len(artists)} artists, like {names}.", "say",
                     (("count", str(len(items))),))
    shows = sorted({(t.album or t.artist or t.title) for t in items})
    said = say_list([speakable(x) for x in shows[:3]]) + (f" and {len(shows) - 3} more"
                                                           if len(shows) > 3 else "")
    noun = {"podcast": "podcast", "audiobook": "audiobook", "radio": "radio station"}[kind]
    return Reply(f"You have {len(shows)} {noun}{'' if len(shows) == 1 else 's'}: {said}.", "say",
                 (("count", str(len(shows))),))


_KIND_NAMES = {"music": "music", "podcast": "podcasts", "audiobook": "audiobooks",
               "radio": "radio stations"}


def library_count(text: str, db: Database) -> Reply | None:
    """"How many songs do I have": the library's count of that kind (artists and albums too)."""
    m = _COUNT.search(" ".join(tokens(text)))
    if not m:
        return None
    word = m.group(1).split()[-1]
    music = library.tracks(db, kind="music")
    if word in ("artists", "albums"):
        field = "artist" if word == "artists" else "album"
        n = len({getattr(t, field) for t in music if getattr(t, field)})
        noun = word[:-1]
    else:
        kind, noun = _COUNTS[word]
        n = len(music) if kind == "music" else len(library.tracks(db, kind=kind))
    return Reply(f"You have {n} {noun}{'' if n == 1 else 's'} in your library.", "say",
                 (("count", str(n)),))


def _scored(db: Database, tracks: list[library.Track]):
    """Each song's history summed: (its track among ``tracks`` or None, the row: ``score`` (a
    like counts three plays, a skip takes one away), ``plays``, ``dislikes``, ``last`` (Unix
    seconds), ``track_id`` and ``name``, the artist as written). Imported history has names and
    no track id, so a track is found by id, else by artist and title."""
    rows = db.query(
        "SELECT track_id, lower(artist) AS artist, lower(title) AS title, artist AS name, "
        "SUM(CASE event WHEN 'liked' THEN 3 WHEN 'started' THEN 1 WHEN 'skipped' THEN -1 "
        "ELSE 0 END) AS score, SUM(event = 'started') AS plays, "
        "SUM(event = 'disliked') AS dislikes, MAX(ts) AS last "
        "FROM history GROUP BY track_id, lower(artist), lower(title)")
    by_id = {t.id: t for t in tracks}
    by_name = {(t.artist.lower(), t.title.lower()): t for t in tracks}
    for r in rows:
        yield by_id.get(r["track_id"]) or by_name.get((r["artist"], r["title"])), r


def favourite_queue(db: Database, tracks: list[library.Track]) -> list[library.Track]:
    """The library's tracks the household likes most, best first: a like counts three plays, a
    skip takes one away; anything disliked, or under :data:`FAVOURITE_MIN`, is left out."""
    by_id = {t.id: t for t in tracks}
    scores: dict[int, tuple[float, float]] = {}
    banned: set[int] = set()
    for t, r in _scored(db, tracks):
        if t is None:
            continue
        if r["dislikes"]:
            banned.add(t.id)
        s, last = scores.get(t.id, (0.0, 0.0))
        scores[t.id] = (s + r["score"], max(last, r["last"] or 0.0))
    ranked = sorted((k for k, (s, _) in scores.items() if s >= FAVOURITE_MIN and k not in banned),
                    key=lambda k: scores[k], reverse=True)
    return [by_id[k] for k in ranked]


_TOP_OF = re.compile(
    r"\b(?:favou?rite|most (?:played|listened(?: to)?|heard)|top|(?:play|listen to|hear)(?: the)? most)"
    r"\b.*?\b(?P<of>artists?|bands?|singers?|groups?|musicians?|genres?|albums?|kinds? of music|"
    r"types? of music|styles? of music)\b|"
    r"\b(?P<of2>which|what) (?P<noun>artist|band|singer|genre|album|kind of music|type of music) "
    r"(?:do|have|did) (?:i|we) (?:play|listen to|hear)(?:ed)? (?:the )?most\b|"
    r"\bwho (?:do|have|did) (?:i|we) (?:play|listen to)(?:ed)? (?:the )?most\b")
_TOP_BY = {"genre": "genre", "kind": "genre", "type": "genre", "style": "genre", "album": "album"}


def top_of(text: str, db: Database) -> Reply | None:
    """"Who's my favourite artist", "what genre do I listen to most", "my most played album": the
    artist, genre or album whose music the household plays most (scored as
    :func:`favourite_queue` scores tracks), or None when ``text`` asks none of these."""
    m = _TOP_OF.search(" ".join(tokens(text)))
    if m is None:
        return None
    noun = (m["of"] or m["noun"] or "artist").split()[0].rstrip("s")
    by = _TOP_BY.get(noun, "artist")
    said = {"artist": "artist", "genre": "kind of music", "album": "album"}[by]
    score: Counter = Counter()
    plays: Counter = Counter()
    names: dict[str, str] = {}
    for t, r in _scored(db, library.tracks(db, kind="music")):
        if t is None and (r["track_id"] is not None or by != "artist"):
            continue  # a podcast or audiobook (not in the music), or no genre/album to count
        key = (getattr(t, by) if t is not None else r["name"]).strip()
        if not key:
            continue
        score[key.lower()] += r["score"]
        plays[key.lower()] += r["plays"]
        names.setdefault(key.lower(), key)
    best = [(k, s) for k, s in score.most_common() if s > 0]
    if not best:
        return Reply(f"I don't know your favourite {said} yet. Play some music and I'll learn it.",
                     "say")
    key = best[0][0]
    n = plays[key]
    counted = f", with {n} play{'' if n == 1 else 's'}" if n else ""
    text = (f"You play {speakable(names[key]).lower()} music the most{counted}." if by == "genre" else
            f"Your most played {said} is {speakable(names[key])}{counted}.")
    return Reply(text, "say", ((by, names[key]), ("plays", str(n))))


_WHO_MADE = re.compile(r"(?:so |and )?who (?:wrote|sang|sings|sung|composed|performed|recorded|"
                       r"produced) (?P<what>.+)")
_THIS_ONE = re.compile(r"(?:(?:this|that|the|it)(?: one)?(?: (?:song|track|tune|piece|album|record|"
                       r"music|one|book|episode|podcast|audiobook|chapter|playlist|station|stuff))?|"
                       r"it|you|the one (?:playing|on)|what's playing|what is playing)"
                       r"(?: (?:again|now|then|playing|on))?")


def asks_who_made(text: str) -> bool:
    """"Who wrote hamlet", "who sang waltz for nobody"; not "who sings this" nor "who sang the
    last one" (the track before this one, answered from the play history)."""
    m = _WHO_MADE.fullmatch(" ".join(tokens(text)))
    return m is not None and not _THIS_ONE.fullmatch(m["what"]) and not BEFORE.search(m["what"])


def who_made(text: str, db: Database) -> Reply | None:
    """"Who sang Waltz for Nobody": the artist of a library title; "who wrote hamlet": the honest
    answer (it once got the artist of what was playing); None for "who sings this"."""
    if not asks_who_made(text):
        return None
    m = _WHO_MADE.fullmatch(" ".join(tokens(text)))
    found = best_items(m["what"], library.tracks(db))
    if found and score(m["what"], found[0].title) >= MIN_SCORE and found[0].artist:
        t = found[0]
        return Reply(f"{speakable(t.title)} is by {speakable(t.artist)}.", "say",
                     (("title", t.title), ("artist", t.artist)))
    return Reply("Sorry, I can't look up facts offline yet. I only know who made the music in "
                 "your library.", "unsupported", (("intent", "qa_factoid"),))


_FORGET = re.compile(
    r"(?P<yes>yes )?(?:please |can you |could you |i want to |i'd like to )?(?:clear|delete|erase|"
    r"wipe|forget|remove|reset|empty) (?:all )?(?:of )?(?:(?:my|our|the|your) )?(?:(?:listening|play|music|"
    r"playing|song|playback|listen) )?history(?: please)?|"
    r"(?P<yes2>yes )?forget (?:what|everything|all) (?:i|we)(?:'ve| have)? (?:listened to|played)")


def asks_forget(text: str) -> bool:
    """"Clear my listening history", "forget what I played"."""
    return bool(_FORGET.fullmatch(" ".join(tokens(text))))


def forget_history(text: str, db: Database) -> Reply | None:
    """"Clear my listening history": asks first (action ``confirm_first``; the detail's ``confirm`` is
    the command a "yes" carries out), then deletes every play, like and skip. None when
    ``text`` asks something else."""
    m = _FORGET.fullmatch(" ".join(tokens(text)))
    if m is None:
        return None
    if not history.count(db):
        return Reply("Your listening history is already empty.", "history_clear", (("events", "0"),))
    if m["yes"] or m["yes2"]:
        n = history.clear(db)
        return Reply("Done. I've forgotten everything you played and liked.", "history_clear",
                     (("events", str(n)),))
    return Reply("Clear your whole listening history? I'll forget every song you've played and "
                 "liked. Say yes to clear it.", "confirm_first",
                 (("confirm", "yes " + " ".join(tokens(text))),))


_UNFAVOURITE = re.compile(
    r"(?:please )?(?:remove|take|delete|drop) (?:this|it|that)(?: song| track| one)? (?:from|off|out of) "
    r"(?:my |the |our )?(?:favou?rites?|favou?rite songs|liked songs|likes)|"
    r"(?:unlike|unfavou?rite|un favou?rite) (?:this|it|that)(?: song| track| one)?")


def asks_unfavourite(text: str) -> bool:
    """"Remove this from my favourites", "unlike this song"."""
    return bool(_UNFAVOURITE.fullmatch(" ".join(tokens(text))))


def unfavourite(db: Database, t: library.Track | None) -> Reply:
    """Forget the likes of ``t`` (what plays): off the favourites, though not disliked."""
    if t is None:
        return Reply("Nothing is playing right now.", "say")
    with db.transaction() as c:
        n = c.execute("DELETE FROM history WHERE event = 'liked' AND (track_id = ? OR (track_id IS "
                      "NULL AND lower(artist) = lower(?) AND lower(title) = lower(?)))",
                      (t.id, t.artist, t.title)).rowcount
    still = any(f.id == t.id for f in favourite_queue(db, [t]))
    tail = " You play it often, so it may come back." if still else ""
    said = f"Okay, I took {speakable(t.title)} off your favourites.{tail}" if n or still else \
        f"{speakable(t.title)} wasn't one of your favourites."
    return Reply(said, "unlike", (("title", t.title), ("artist", t.artist), ("likes", str(n))))


DONE_AT = 0.97
"""Fraction heard after which an audiobook chapter or an episode counts as finished."""
REWIND_S = 5.0
"""Seconds before the bookmark that resuming starts, to pick up the thread."""


def natural(t: library.Track) -> tuple:
    """Library order that puts "Chapter 2" before "Chapter 10"."""
    title = [int(x) if x.isdigit() else x.lower() for x in re.split(r"(\d+)", t.title)]
    return (t.artist.lower(), t.album.lower(), title)


_EDGE = re.compile(r"\b(?:(?P<new>latest|newest|most recent|new|last) (?:episode|chapter|one)|"
                   r"(?P<first>from the (?:beginning|start|top)|from (?:episode|chapter) one|first "
                   r"(?:episode|chapter)))\b")


_LAST_HEARD = re.compile(r"\bwhen (?:did|have) (?:i|we) (?:last )?(?:hear|heard|play|played|listen to|"
                         r"listened to) (?:this|it|that)\b")
_ALBUM_COUNT = re.compile(r"\bhow many (?:songs|tracks|chapters|episodes|parts) (?:are |is )?(?:there ?)?(?:(?:on|in) "
                          r"(?:this|the|that) (?:album|book|audiobook|podcast|record)\b|$)")


def asks_about_this(text: str) -> bool:
    """"When did I last listen to this book", "how many chapters are there": of what plays."""
    low = " ".join(tokens(text))
    return bool(_LAST_HEARD.search(low) or _ALBUM_COUNT.search(low))


def about_this_song(text: str, db: Database, t: library.Track, now: float) -> Reply | None:
    """"When did I last hear this?" (from the play history, before this play) and "how many
    songs are on this album?" (in the library) of ``t``, the song playing; else None."""
    low = " ".join(tokens(text))
    if _ALBUM_COUNT.search(low) and t.album:
        n = sum(1 for x in library.tracks(db, kind=t.kind) if x.album == t.album
                and x.artist == t.artist)
        part = {"audiobook": "chapter", "podcast": "episode"}.get(t.kind, "song")
        return Reply(f"{speakable(t.album)} has {n} {part}{'s' if n != 1 else ''} in your library.",
                     "say", (("album", t.album), ("count", str(n))))
    if not _LAST_HEARD.search(low):
        return None
    rows = db.query("SELECT ts FROM history WHERE event = 'started' AND track_id = ? "
                    "ORDER BY ts DESC LIMIT 2", (t.id,))
    if len(rows) < 2:  # the one row is this play
        return Reply(f"This is the first time you've played {speakable(t.title)}.", "say",
                     (("title", t.title),))
    then = dt.datetime.fromtimestamp(rows[1]["ts"])
    days = (dt.date.fromtimestamp(now) - then.date()).days
    when = ("earlier today" if days == 0 else "yesterday" if days == 1 else
            f"on {then.strftime('%A')}" if days < 7 else f"on {then.strftime('%B')} {then.day}")
    return Reply(f"Before this, you last played {speakable(t.title)} {when}.", "say",
                 (("title", t.title), ("at", then.isoformat(timespec="minutes"))))


def from_edge(text: str, items: list[library.Track],
              current: library.Track | None) -> list[library.Track] | None:
    """"The latest episode of Demo Radio Hour" → that show from its newest item; "the podcast
    from the beginning" → from its first; None when ``text`` asks neither. The show is the one
    whose name is said, else the one playing, else the first; the library's order is the
    episodes' numbers ("Episode 2" before "Episode 10")."""
    m = _EDGE.search(" ".join(tokens(text)))
    if m is None or not items:
        return None
    shows: dict[str, list[library.Track]] = {}
    for t in sorted(items, key=natural):
        shows.setdefault((t.album or t.artist).lower(), []).append(t)
    low = " ".join(tokens(text))
    said = [k for k in shows if k and k in low]
    key = said[0] if said else ((current.album or current.artist).lower() if current is not None
                                and (current.album or current.artist).lower() in shows
                                else next(iter(shows)))
    show = shows[key]
    return show[-1:] if m["new"] else show


def number_asked(text: str) -> tuple[str, int] | None:
    """"play chapter three" → ("chapter", 3); None when no numbered part is asked for."""
    m = re.search(r"\b(episode|chapter|part)\s+(\S+)", text.lower())
    n = first_number(m.group(2)) if m else None
    return (m.group(1), int(n)) if n is not None else None


def numbered(text: str, items: list[library.Track],
             current: library.Track | None) -> list[library.Track]:
    """"episode two" / "chapter 3" → the items titled with that number (the current show's
    first), or []."""
    asked = number_asked(text)
    if asked is None:
        return []
    word, n = asked
    pattern = re.compile(rf"\b{word}\s+0*{int(n)}\b", re.I)
    hits = [t for t in items if pattern.search(t.title)]
    if current is not None:
        hits.sort(key=lambda t: (t.album or t.artist) != (current.album or current.artist))
    return hits


def bookmark(db: Database,
             items: list[library.Track]) -> tuple[list[library.Track], float, bool] | None:
    """Where the household left off in ``items`` (one kind: audiobooks, podcasts): (the queue
    from that item on, seconds into its first item, whether it is the one that was left partway),
    or None when none of them was played. A finished item continues with the next one."""
    order = sorted(items, key=natural)
    index = {t.id: i for i, t in enumerate(order)}
    if not index:
        return None
    marks = ",".join("?" * len(index))
    rows = db.query(f"SELECT track_id, event, fraction FROM history WHERE track_id IN ({marks}) "
                    "AND event IN ('finished', 'skipped') ORDER BY ts DESC, id DESC LIMIT 1",
                    list(index))
    if not rows:
        return None
    i, frac = index[rows[0]["track_id"]], rows[0]["fraction"] or 0.0
    if frac < DONE_AT:
        t = order[i]
        return order[i:], max(0.0, frac * (t.duration_s or 0.0) - REWIND_S), True
    return (order[i + 1:], 0.0, False) if i + 1 < len(order) else None


__all__ = ["about_this_song", "asks_forget", "asks_history", "asks_suggestion", "asks_unfavourite",
           "asks_who_made", "bookmark", "favourite_queue", "forget_history", "from_edge",
           "history_reply", "numbered", "top_of", "unfavourite", "wants_favourites", "who_made"]
