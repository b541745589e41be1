"""Music and spoken media: play_music, music_settings, music_query, music_likeness, play_radio,
play_podcasts, play_audiobook, and the transport words (pause, resume, next, previous, stop) that
arrive under several intents ("pause the music" is audio_volume_mute in HWU64, "resume the
audiobook" is play_audiobook), and the music settings shuffle and repeat ("put this song on
repeat", "repeat the playlist", "stop repeating").

Names are resolved against the library (:mod:`.match`). The Player writes the play history itself;
likes and dislikes go through ``Player.like`` (or straight into history when nothing plays).
"""

from __future__ import annotations

import dataclasses
import logging
import random
import re
from .. import library
from ..errors import AssistantError
from ..types import Reply, Understanding
from .base import Skill, SkillContext
from .likes import likeness
from .listening import bookmark, favourite_queue, from_edge, number_asked, numbered, wants_favourites
from .match import albums_named, best_artist, best_genre, best_items, name_said, norm, residue
from .music_query import query_music, recent_track
from .music_words import says_track as _says
from .music_words import track_detail as _detail
from .queue import queue_command, queue_reply
from .spoken import first_number, say_duration, speakable, tokens
from .music_words import (KIND_OF_INTENT, KIND_SLOTS, KIND_WORDS, KINDS_OF_MUSIC, THIS_ARTIST, album_said,
                          asks_playlist, bare_title, decade_asked, not_found, of_this, only_transport, podcast_heard,
                          from_said, repeat_mode, seek_of, slot_text, song_said, title_said, transport_command,
                          wants_like_this, wants_new, wants_replay, wants_something_else, without_service)

log = logging.getLogger(__name__)


RANK_N = 40
"""Picks asked of the recommender to order a chosen set (the rest follows in library order)."""




_LAST_OF = {"audiobook": "chapter", "podcast": "episode"}


def do_transport(command: str, ctx: SkillContext) -> Reply:
    """Carry out a transport command on the player."""
    p = ctx.player
    current = p.current
    state = p.status().state
    if command == "pause":
        if state != "playing":
            return Reply("Nothing is playing.", "say")
        p.pause()
        return Reply("Paused.", "pause")
    if command == "resume":
        if state == "paused":
            p.resume()
            return Reply("Resuming.", "resume", _detail(current) if current else ())
        if state == "playing":
            return Reply("It's already playing.", "say")
        return Reply("There's nothing to resume.", "say")
    if command in ("next", "previous"):
        if current is None:
            return Reply("Nothing is playing.", "say")
        status = p.status()
        if command == "next" and current.kind in _LAST_OF and status.queue_pos >= status.queue_len - 1:
            # "next chapter" on a book's last one: say so and read on (it stopped the book)
            return Reply(f"This is the last {_LAST_OF[current.kind]}.", "say", _detail(current))
        p.next() if command == "next" else p.previous()
        now_playing = p.current
        if now_playing is None:
            return Reply("That was the last one.", command)
        return Reply(f"{'Next' if command == 'next' else 'Back'}: {_says(now_playing)}.", command,
                     _detail(now_playing))
    if command == "stop":
        if state == "stopped":
            return Reply("Okay.", "stop")
        p.stop()
        return Reply("Stopped.", "stop")
    return Reply("Sorry, I can't change that setting yet.", "unsupported")


_KIND_SAID = {"audiobook": r"\b(?:audio ?books?|books?|chapters?|story|stories|novel|read|reading|author)\b",
              "podcast": r"\b(?:podcasts?|episodes?|shows?)\b",
              "radio": r"\b(?:radio|stations?|fm|channel)\b"}


_SONG_NAMED = re.compile(r"\bplay (?:me )?(?:the|a|that) (?:song|track|tune) (?:called|named|titled|that goes|which "
                         r"goes|with the words) (?P<t>[a-z0-9' ]+?)(?: please)?$")
"""A song asked for by its name or its words, not its genre: "the song that goes we will rock you"."""


def _music_said(text: str, kind: str) -> bool:
    """"Play something by the police", read as an audiobook with nothing of that name: music
    asked for ("by" someone, a song), with no word of ``kind`` ("book", "episode", "station")."""
    low = text.lower()
    return bool(re.search(r"\bby\b|\b(?:songs?|music|tracks?|tunes?|album)\b", low)) \
        and not re.search(_KIND_SAID[kind], low)


_PLAY_THEM = re.compile(r"\bplay (?:it|them|some|something|their|his|her|that)\b")
"""A like that asks for what it names to be played: a play command."""


class MusicSkill(Skill):
    intents = ("play_music", "music_settings", "music_query", "music_likeness", "play_radio",
               "play_podcasts", "play_audiobook")

    def handle(self, u: Understanding, ctx: SkillContext) -> Reply:
        service = without_service(u.text)
        if service is not None:  # "play some rap on pandora": the library's own, said so
            name, rest = service
            slots = tuple(x for x in u.slots if x.text.strip() and x.text.lower().strip() in rest)
            reply = self.handle(dataclasses.replace(u, text=rest, intent="play_music", slots=slots), ctx)
            return dataclasses.replace(reply, text=f"I don't use {name}. {reply.text}")
        queued = queue_command(u.text)
        if queued is not None:  # "play thriller next", "what's in the queue" (skills/queue.py)
            return queue_reply(queued, u, ctx)
        if u.intent == "play_music":
            return self.play_music(u, ctx)
        if u.intent == "music_settings":
            return self.settings(u, ctx)
        if u.intent == "music_query":
            return query_music(self, u, ctx)
        if u.intent == "music_likeness":
            if (u.slot("artist_name") or u.slot("song_name")) and _PLAY_THEM.search(u.text.lower()):
                # "i like justin beibers music please play it" liked the song playing
                return self.play_music(dataclasses.replace(u, intent="play_music"), ctx)
            return self.likeness(u, ctx)
        kind = KIND_OF_INTENT[u.intent]
        heard = podcast_heard(u.text) if kind == "podcast" else u.text
        if heard != u.text:  # "Please play a pod s." said "Sorry, I couldn't find s."
            u = dataclasses.replace(u, text=heard, slots=tuple(
                x for x in u.slots if re.search(rf"\b{re.escape(x.text)}\b", heard)))
        return self.play_kind(kind, u, ctx)

    # ------------------------------------------------------------------ play_music
    def play_music(self, u: Understanding, ctx: SkillContext) -> Reply:
        tracks = library.tracks(ctx.db, kind="music")
        if not tracks:
            return Reply("Your music library is empty.", "say")
        if asks_playlist(u.text):  # "create a playlist called road trip" ("couldn't find road trip")
            return Reply("Sorry, I can't make playlists yet. Say 'I like this song', and 'play my "
                         "favourites' plays the ones you like.", "unsupported", (("intent", u.intent),))
        decade = decade_asked(u.text)
        if decade and not (slot_text(u, "artist_name") or slot_text(u, "song_name")):
            return Reply(f"Sorry, your music isn't tagged by year, so I can't pick songs {decade}.",
                         "not_found", (("query", decade),))  # "play songs from the 80s": rock
        named = _SONG_NAMED.search(norm(u.text))
        if named:  # "play the song called rock and roll" played rock music
            hits = best_items(named["t"], tracks, fields=("title",))
            if not hits:
                return Reply(f"Sorry, I couldn't find the song {speakable(named['t'])} in your library.",
                             "not_found", (("query", named["t"]),))
            return self._play(ctx, hits + [t for t in tracks if t not in hits], "voice")
        if wants_something_else(u.text):  # "play something else": not this artist
            current = ctx.player.current
            return self._recommended(ctx, [t for t in tracks if current is None
                                           or t.artist != current.artist] or tracks)
        if wants_new(u.text):  # "play something new": what the history has not played yet
            played = {r[0] for r in ctx.db.query("SELECT DISTINCT track_id FROM history WHERE "
                                                  "track_id IS NOT NULL")}
            return self._recommended(ctx, [t for t in tracks if t.id not in played] or tracks)
        which = of_this(u.text) if ctx.player.current is not None else None
        if which:  # "play the album", "the rest of the album", "something by the same artist"
            t = ctx.player.current
            same = [x for x in tracks if (x.album == t.album and x.artist == t.artist if which != "artist"
                                          else x.artist == t.artist)]
            if which == "rest":
                same = same[same.index(t) + 1:] if t in same else same
            elif which == "last":  # "play the last track of this album"
                same = same[-1:]
            if not same:
                return Reply(f"That was the last song on {speakable(t.album)}.", "say")
            lead = f"Playing {speakable(t.artist)}" if which == "artist" else \
                f"Playing {'the rest of ' if which == 'rest' else ''}the album {speakable(t.album)}"
            if which == "last":
                reply = self._play(ctx, same, "voice")
                return dataclasses.replace(reply, text=f"Playing the last track of {speakable(t.album)}, "
                                                       f"{speakable(same[0].title)}.")
            return self._play(ctx, same, "voice", lead=lead, name_artist=which != "artist")
        if wants_like_this(u.text):  # "play more like this": near the song playing (or just played)
            recent = recent_track(ctx)
            seed = ctx.player.current or (library.get(ctx.db, recent.track_id)
                                          if recent is not None and recent.track_id else None)
            if seed is not None and seed.kind == "music" and ctx.recommender is not None:
                return self._like_this(ctx, seed, tracks)
        if wants_favourites(u.text):  # "play my favourite songs"
            favourites = favourite_queue(ctx.db, tracks)
            if favourites:
                return self._play(ctx, favourites, "voice", lead="Playing your favourites")
            reply = self._recommended(ctx, tracks)
            return Reply(f"I don't know your favourites yet. {reply.text}", reply.action,
                         reply.detail)
        named_from = from_said(name_said(u.text))
        hits = albums_named(named_from, tracks) if named_from else []
        if hits:  # "play something off kind of blue"
            return self._play(ctx, hits, "voice", lead=f"Playing the album {speakable(hits[0].album)}")
        album = album_said(u.text)
        if album:  # the model reads an album's name as a song's, or a part of it ("blue")
            hits = albums_named(album, tracks)
            if hits:
                return self._play(ctx, hits, "voice", lead=f"Playing the album {speakable(hits[0].album)}")
            if not (slot_text(u, "artist_name") or " by " in f" {norm(u.text)} "):
                return Reply(f"Sorry, I couldn't find the album {speakable(album)} in your library.",
                             "not_found", (("query", album),))
        song = slot_text(u, "song_name")
        artist_said = slot_text(u, "artist_name")
        genre_said = slot_text(u, "music_genre", "playlist_name") or " ".join(
            s.text for s in u.slots if s.type == "music_descriptor" and norm(s.text) in KINDS_OF_MUSIC) \
            or next((w for w in sorted(KINDS_OF_MUSIC) if f" {w} " in f" {norm(u.text)} "), "")
        if not (song or artist_said or genre_said):
            command = only_transport(u.text)
            if command is not None:
                return do_transport(command, ctx)
            rest = residue(u.text)
            if not rest and ctx.player.status().state == "paused":  # a bare "play"
                return do_transport("resume", ctx)
        whole = name_said(u.text).split(" by ", 1)[0]  # "play like a demo by madonna"
        found = self._resolve(ctx, tracks, song, artist_said, genre_said, whole if song else "")
        if found is None:  # the slots named nothing here: try the words (a mislabelled slot)
            rest = residue(u.text)
            said = f" {norm(u.text)} "
            parts = [residue(x) for x in said.split(" by ", 1)] if " by " in said else [rest] * 2
            found = self._resolve(ctx, tracks, parts[0], parts[1], rest, whole)
        if found is not None:
            queue, lead, name_artist = found
            wanted = (song or song_said(u.text)) if lead.startswith("Playing") else ""
            wanted = "" if wanted and best_genre(wanted, tracks) else wanted  # "something romantic": jazz
            if album:
                lead = f"I couldn't find the album {album}, so here's {lead[len('Playing '):]}"
            elif wanted and not best_items(wanted, queue, fields=("title",)):
                # "play thriller by michael jackson", with no thriller here
                lead = f"I couldn't find {wanted}, so here's {lead[len('Playing '):]}"
            return self._play(ctx, queue, "voice", lead=lead, name_artist=name_artist)
        by = residue(f" {norm(u.text)} ".split(" by ", 1)[1]) if " by " in f" {norm(u.text)} " else ""
        head, _, tail = name_said(u.text).partition(" by ")
        if by and tail:  # said as said: "every breath you take by the police", not "police"
            by = f"{head} by {tail}" if song_said(u.text) else tail
        slot = song or artist_said or genre_said  # a piece of the name ("pacito" of "despacito")
        named = by or (whole if slot and norm(slot) in whole else slot) or (
            title_said(u.text) or title_said(f"play {whole}")  # "the song let it go please"
            if only_transport(u.text) is None else "") or from_said(whole)  # "a song from voices & images"
        if named:  # "play let it go", with no slot from the model: not recommendations instead
            return Reply(f"Sorry, I couldn't find {speakable(named)} in your library.", "not_found",
                         (("query", named),))
        return self._recommended(ctx, tracks)

    def _resolve(self, ctx: SkillContext, tracks: list[library.Track], song: str,
                 artist_said: str, genre_said: str, whole: str = ""):
        """(queue, lead words, name the artist?) for what was named, or None. ``whole``: the
        song's name as said, filler words kept (:func:`.match.name_said`)."""
        artist = best_artist(artist_said, tracks) if artist_said else None
        pool = [t for t in tracks if artist is None or t.artist == artist]
        if song or whole:
            hits = best_items(song, pool, fields=("title",), whole=whole)
            if hits:
                return hits + [t for t in pool if t not in hits], "", True
        if artist is not None:
            return self._ranked(ctx, pool), f"Playing {speakable(artist)}", False
        genre = best_genre(genre_said, tracks) if genre_said else None
        if genre is not None:
            chosen = [t for t in tracks if t.genre.lower() == genre.lower()]
            return self._ranked(ctx, chosen), f"Playing {genre.lower()}", True
        return None

    def _ranked(self, ctx: SkillContext, chosen: list[library.Track]) -> list[library.Track]:
        """``chosen`` in the recommender's order (taste, freshness, no dislikes), rest after."""
        picks = self._picks(ctx, n=min(RANK_N, len(chosen) * 4))
        by_id = {t.id: t for t in chosen}
        first = [by_id[p.track_id] for p in picks if p.track_id in by_id]
        disliked = {r[0] for r in ctx.db.query("SELECT DISTINCT track_id FROM history WHERE "
                                                "event = 'disliked' AND track_id IS NOT NULL")}
        rest = [t for t in chosen if t not in first and t.id not in disliked]
        return first + rest or chosen

    def _picks(self, ctx: SkillContext, n: int) -> list:
        if ctx.recommender is None:
            return []
        try:
            return ctx.recommender.recommend(ctx.db, n=n, kind="music", now=ctx.clock())
        except AssistantError as exc:  # no model: play in library order rather than fail
            log.warning("recommender unavailable: %s", exc)
            return []

    def _recommended(self, ctx: SkillContext, tracks: list[library.Track]) -> Reply:
        picks = self._picks(ctx, n=10)
        by_id = {t.id: t for t in tracks}
        queue = [by_id[p.track_id] for p in picks if p.track_id in by_id]
        if not queue:
            return self._play(ctx, tracks, "recommendation")
        first = next(p for p in picks if p.track_id in by_id)  # its reason is of the song that plays
        reply = self._play(ctx, queue, "recommendation")
        if first.reason and reply.action == "play":
            reply = Reply(f"{reply.text[:-1]}, {speakable(first.reason)}.", reply.action,
                          reply.detail + (("reason", first.reason),))
        return reply

    def _like_this(self, ctx: SkillContext, seed: library.Track, tracks: list[library.Track]) -> Reply:
        try:
            picks = ctx.recommender.like_this(ctx.db, seed, n=10)
        except AssistantError as exc:
            log.warning("recommender unavailable: %s", exc)
            picks = []
        by_id = {t.id: t for t in tracks}
        queue = [by_id[p.track_id] for p in picks if p.track_id in by_id]
        if not queue:
            return self._recommended(ctx, tracks)
        reply = self._play(ctx, queue, "recommendation", lead=f"Playing more like {speakable(seed.title)}")
        return Reply(reply.text, reply.action, reply.detail + (("seed_track_id", str(seed.id)),))

    def _play(self, ctx: SkillContext, queue: list[library.Track], source: str,
              lead: str = "", name_artist: bool = True) -> Reply:
        ctx.player.play(queue, source=source)
        t = ctx.player.current
        if t is None:
            return Reply("Sorry, I couldn't play that.", "error")
        first = _says(t) if name_artist else speakable(t.title)
        text = f"{lead}, starting with {first}." if lead else f"Playing {first}."
        return Reply(text, "play", _detail(t, source=source, queued=str(len(queue))))

    # ------------------------------------------------------------------ radio, podcasts, books
    def play_kind(self, kind: str, u: Understanding, ctx: SkillContext) -> Reply:
        command = only_transport(u.text)
        current = ctx.player.current
        asked = number_asked(u.text)
        if asked and current is not None and current.kind in ("audiobook", "podcast") and \
                asked[0] == {"audiobook": "chapter", "podcast": "episode"}[current.kind]:
            kind = current.kind  # "go to chapter 1" over a book (the model: podcasts): no chapter 1
        named = slot_text(u, *KIND_SLOTS[kind])
        same_kind = current is not None and current.kind == kind
        step = re.fullmatch(r"(?:the )?(next|new|newest|latest|previous|last)(?: one| episode| chapter)?",
                            norm(named))
        if step:  # "play the next episode of my podcast", "the previous chapter": no name
            named = ""
            if not same_kind and step.group(1) not in ("previous", "last"):
                command = None  # the next of a show not playing: from where it was left
        if command in ("pause", "stop") and not named or (
                command in ("next", "previous") and not named and same_kind):
            return do_transport(command, ctx)
        if command == "resume" and not named and ctx.player.status().state == "paused":
            return do_transport("resume", ctx)
        items = library.tracks(ctx.db, kind=kind)
        if not items:
            return Reply(f"You don't have any {KIND_WORDS[kind]} in your library.", "say")
        if kind == "radio" and same_kind and not named and re.search(
                r"\b(?:change|switch|another|different|next|other)\b", u.text.lower()):
            others = [t for t in items if t.id != current.id]  # "change the station"
            if not others:
                return Reply(f"{speakable(current.title)} is the only station in your library.",
                             "say")
            return self._play(ctx, others + [current], "voice")
        edge = from_edge(u.text, items, current if same_kind else None) if kind != "radio" else None
        if edge:  # "the latest episode", "the podcast from the beginning" (couldn't find beginning)
            return self._play(ctx, edge, "voice")
        hits = numbered(u.text, items, current if same_kind else None)
        if hits:  # "play episode two", "chapter 3"
            return self._play(ctx, hits + [t for t in items if t not in hits], "voice")
        asked = number_asked(u.text)
        if asked and not named:  # "play chapter three" of a one-chapter book played chapter 1
            word, n = asked
            have = sum(bool(re.search(rf"\b{word}\b", t.title, re.I)) for t in items)
            more = f" You have {have} {word}{'' if have == 1 else 's'}." if have else ""
            return Reply(f"Sorry, there's no {word} {n}.{more}", "not_found",
                         (("query", f"{word} {n}"),))
        if not named:
            rest = residue(u.text, extra=("radio", "station", "podcast", "podcasts", "episode",
                                          "audiobook", "audio", "book", "books", "fm", "listen"))
            hits = best_items(rest, items, fields=("title", "artist", "album"),
                              whole=name_said(u.text)) if rest else []
            if rest and not hits and _music_said(u.text, kind):
                return self.play_music(dataclasses.replace(u, intent="play_music"), ctx)
            title = bare_title(u.text) if rest and not hits else ""
            if title:  # "start playing the habit" played the one book
                return not_found(title, items)
            mark = bookmark(ctx.db, items) if kind != "radio" and not rest and command != "next" \
                and not same_kind else None
            if mark is not None:  # "play my audiobook": where it was left, or the next chapter
                queue, offset, partway = mark
                ctx.player.play(queue, source="voice", offset_s=offset)
                t = queue[0]
                text = (f"Resuming {_says(t)}" + (f", {say_duration(offset)} in." if offset >= 60
                                                 else ".") if partway
                        else f"Continuing with {_says(t)}.")
                return Reply(text, "play", _detail(t, source="voice", queued=str(len(queue)),
                                                   offset_s=f"{offset:.0f}"))
        else:
            hits = best_items(named, items, fields=("title", "artist", "album"))
            if not hits and _music_said(u.text, kind):  # "play every breath you take by the police"
                return self.play_music(dataclasses.replace(u, intent="play_music"), ctx)
            if not hits:
                return not_found(named, items)
        if same_kind and not hits and command == "resume":
            return Reply("It's already playing.", "say")
        queue = hits + [t for t in items if t not in hits] if hits else items
        return self._play(ctx, queue, "voice")

    # ------------------------------------------------------------------ settings, query
    def settings(self, u: Understanding, ctx: SkillContext) -> Reply:
        if wants_replay(u.text):
            return self.replay(ctx, " ".join(tokens(u.text)))
        jump = seek_of(u.text)
        if jump is not None:  # "skip ahead thirty seconds", "go back ten seconds"
            t = ctx.player.current
            if t is None or ctx.player.seek(jump) is None:
                return Reply("Nothing is playing.", "say")
            way = "Ahead" if jump > 0 else "Back"
            return Reply(f"{way} {say_duration(abs(jump))}.", "seek", _detail(t, seek_s=f"{jump:g}"))
        mode = repeat_mode(u.text)
        if mode is not None:
            return self.repeat(mode, ctx)
        if re.search(r"\b(?:turn|switch) (?:off|of) (?:the )?shuffle\b|\bshuffle (?:off|is off)\b|"
                     r"\b(?:stop|no more|don't|do not) shuffl", u.text.lower()):
            current = ctx.player.current
            if current is None:
                return Reply("Nothing is shuffling.", "say")
            tracks = [t for t in library.tracks(ctx.db, kind=current.kind) if t.id != current.id]
            here = (current.artist, current.album, current.title)
            after = [t for t in tracks if (t.artist, t.album, t.title) > here]
            ctx.player.set_upcoming(after)  # the rest of the library in order, from this track on
            return Reply("Okay, no more shuffling.", "shuffle_off")
        if re.search(r"\bshuffle\b", u.text.lower()):
            tracks = library.tracks(ctx.db, kind="music")
            t = ctx.player.current
            lead = "Shuffling your music"
            if t is not None and re.search(r"\b(?:this|the) album\b", u.text.lower()):
                tracks = [x for x in tracks if x.album == t.album and x.artist == t.artist] or tracks
                lead = f"Shuffling the album {speakable(t.album)}"
            elif re.search(r"\bfavou?rites?\b|\b(?:liked|loved) (?:songs|tracks|music)\b", u.text.lower()):
                best = favourite_queue(ctx.db, tracks)  # "shuffle my favourites" shuffled everything
                tracks, lead = (best, "Shuffling your favourites") if best else (
                    tracks, "I don't know your favourites yet. Shuffling your music")
            if not tracks:
                return Reply("Your music library is empty.", "say")
            random.shuffle(tracks)
            return self._play(ctx, tracks, "voice", lead=lead)
        command = transport_command(u.text)
        if command is None:
            return Reply("Sorry, I can't change that setting yet.", "unsupported")
        was = ctx.player.current
        if command == "next":
            n = first_number(u.text)
            for _ in range(max(0, min(int(n or 1), 10) - 1)):  # "skip two songs"
                ctx.player.next()
            if was is not None and was.album and re.search(r"\b(?:album|record)\b", u.text.lower()):
                after = ctx.player.upcoming(1000)  # "skip to the next album": past this album's songs
                other = next((i for i, t in enumerate(after) if t.album != was.album), len(after))
                for _ in range(other):
                    ctx.player.next()
            elif was is not None and was.artist and THIS_ARTIST.search(u.text.lower()):
                # "skip this artist": the artist's other songs out of the queue too
                ctx.player.set_upcoming([t for t in ctx.player.upcoming(1000) if t.artist != was.artist])
        reply = do_transport(command, ctx)
        if (command == "next" and ctx.player.current is None and was is not None
                and was.kind == "music" and ctx.cfg.player.autoplay):  # skipped past the end
            more = self._recommended(ctx, [t for t in library.tracks(ctx.db, kind="music")
                                           if t.id != was.id])
            if more.action == "play":
                return Reply(f"That was the last one, so here's more. {more.text}", "next",
                             more.detail)
        return reply

    def replay(self, ctx: SkillContext, said: str = "") -> Reply:
        """The current song from its start, or the one that just stopped. ``said``: the words."""
        t = ctx.player.current
        if t is not None and ctx.player.status().state == "paused" and said in ("play again", "start again"):
            return do_transport("resume", ctx)  # after "pause", "play again" is "go on" (it restarted)
        if t is not None:
            ctx.player.restart()
            return Reply(f"From the top: {_says(t)}.", "restart", _detail(t))
        recent = recent_track(ctx)
        track = library.get(ctx.db, recent.track_id) if recent and recent.track_id else None
        if track is None:
            return Reply("Nothing has played yet.", "say")
        return self._play(ctx, [track], "voice", lead="Playing it again")

    @staticmethod
    def repeat(mode: str, ctx: SkillContext) -> Reply:
        current = ctx.player.current
        detail = (("repeat", mode),)
        if mode == "off":
            was = ctx.player.status().repeat
            ctx.player.set_repeat("off")
            return Reply("Repeat is off." if was != "off" else "Nothing is on repeat.",
                         "repeat_mode", detail)
        if current is None:
            return Reply("Nothing is playing to repeat.", "say")
        ctx.player.set_repeat(mode)
        if mode == "one":
            return Reply(f"Okay, {_says(current)} is on repeat.", "repeat_mode",
                         detail + _detail(current))
        return Reply("Okay, I'll play these again from the start when they end.", "repeat_mode",
                     detail)

    def suggest(self, ctx: SkillContext, avoid: frozenset[int] = frozenset()) -> Reply:
        """"What should I listen to": one pick from the recommender, offered; "yes" plays it
        (``skills.respond`` keeps the offer open). ``avoid``: track ids already offered."""
        tracks = library.tracks(ctx.db, kind="music")
        if not tracks:
            return Reply("Your music library is empty.", "say")
        current = ctx.player.current
        avoid = avoid | ({current.id} if current is not None else set())
        by_id = {t.id: t for t in tracks}
        picks = [p for p in self._picks(ctx, n=5 + len(avoid))
                 if p.track_id in by_id and p.track_id not in avoid]
        t = by_id[picks[0].track_id] if picks else next(
            (t for t in tracks if t.id not in avoid), tracks[0])
        why = f", {speakable(picks[0].reason)}" if picks and picks[0].reason else ""
        offered = ",".join(str(i) for i in sorted(avoid | {t.id}))  # "something else" skips them
        return Reply(f"How about {_says(t)}{why}? Say yes and I'll play it.", "suggest",
                     _detail(t, offered=offered))

    def likeness(self, u: Understanding, ctx: SkillContext) -> Reply:
        return likeness(u, ctx, self._recommended)
