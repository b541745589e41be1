"""Household requests about music and spoken media, found by talking to the speaker: what was
played and what to play next, favourites, games, albums, audiobooks and bookmarks. Through
``respond`` over a real database and the demo library (the test's clock: Monday 2 March 2026,
22:00; the play history is on the real clock, as the player writes it)."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from assistant import history, library
from assistant.skills.listening import asks_history, asks_suggestion, wants_favourites

from .test_skills import ask, ctx, demo, recommender  # noqa: F401  (fixtures)

# ---------------------------------------------------------------------- what was played


def test_listening_phrases():
    assert wants_favourites("play my favourite songs") and wants_favourites("play the songs i like")
    assert not wants_favourites("play my favourite jazz")  # a genre is named: play that
    assert asks_suggestion("what should I listen to") and asks_suggestion("recommend some music")
    assert not asks_suggestion("recommend a restaurant")
    assert asks_history("what did I listen to yesterday") and not asks_history("what's playing")


def test_a_suggestion_that_yes_plays(ctx):
    r = ask(ctx, "what should i listen to", "music_query", confidence=0.56)
    assert r.action == "suggest" and r.text.startswith("How about ")
    offered = dict(r.detail)["track_id"]
    assert ctx.player.current is None  # only offered
    r = ask(ctx, "yes", "general_affirm")
    assert r.action == "play" and dict(r.detail)["track_id"] == offered
    # offered again while it plays: something else
    assert dict(ask(ctx, "recommend me a song", "play_music").detail)["track_id"] != offered


def test_something_else_after_a_suggestion_offers_another(ctx):
    """"How about ...?" "Something else." was "Okay, never mind."; each new offer is one not
    offered yet."""
    r = ask(ctx, "what should i listen to", "music_query", confidence=0.56)
    seen = {dict(r.detail)["track_id"]}
    for said, intent in [("something else", "general_negate"), ("no something else", "general_dontcare"),
                         ("another one", "general_repeat")]:
        r = ask(ctx, said, intent, confidence=0.7)
        assert r.action == "suggest" and dict(r.detail)["track_id"] not in seen, r
        seen.add(dict(r.detail)["track_id"])
    r = ask(ctx, "yes", "general_affirm")
    assert r.action == "play" and str(ctx.player.current.id) == dict(r.detail)["track_id"]


def test_what_was_played_yesterday(ctx):
    midnight = dt.datetime.combine(dt.date.today(), dt.time()).timestamp()
    tracks = library.tracks(ctx.db, kind="music")
    for i, t in enumerate(tracks[:5]):
        history.record(ctx.db, "started", artist=t.artist, title=t.title, track_id=t.id,
                       ts=midnight - 3600 + i)
    r = ask(ctx, "what did i listen to yesterday", "music_query")
    newest = tracks[4]
    assert r.text.startswith(f"Yesterday you listened to {newest.title} by {newest.artist}, ")
    assert r.text.endswith(" and 2 more.")
    if time.time() - midnight > 60:  # the history is on the real clock
        assert ask(ctx, "what did i play today", "music_query").text == \
            "You didn't play anything today."


def test_playing_the_favourites(ctx):
    r = ask(ctx, "play my favourite songs", "play_music")
    assert r.text.startswith("I don't know your favourites yet. Playing ")
    ctx.player.stop()
    tracks = library.tracks(ctx.db, kind="music")
    loved, played, hated = tracks[3], tracks[5], tracks[7]
    history.record(ctx.db, "liked", artist=loved.artist, title=loved.title, track_id=loved.id)
    for _ in range(2):
        history.record(ctx.db, "started", artist=played.artist, title=played.title,
                       track_id=played.id)
        history.record(ctx.db, "started", artist=hated.artist, title=hated.title,
                       track_id=hated.id)
    history.record(ctx.db, "disliked", artist=hated.artist, title=hated.title, track_id=hated.id)
    r = ask(ctx, "play my favorite song", "play_music")
    assert r.text == f"Playing your favourites, starting with {loved.title} by {loved.artist}."
    assert dict(r.detail)["queued"] == "2"  # the loved one, the one played twice; not the hated
    ctx.player.next()
    assert ctx.player.current.id == played.id


# ---------------------------------------------------------------------- games and music


@pytest.mark.parametrize("text,pattern", [
    ("flip a coin", r"It's (heads|tails)\."),
    ("heads or tails", r"It's (heads|tails)\."),
    ("roll a dice", r"You rolled a [1-6]\."),
    ("roll two dice", r"You rolled [1-6] and [1-6], that's \d+\."),
    ("pick a number between one and a hundred", r"\d+\."),
    ("spell necessary", r"Necessary is spelled N, E, C, E, S, S, A, R, Y\."),
    ("how do you spell rhythm", r"Rhythm is spelled R, H, Y, T, H, M\."),
])
def test_small_games_played_on_the_device(ctx, text, pattern):
    import re

    r = ask(ctx, text, "play_game", confidence=0.4)  # "spell necessary": play_game at 0.40
    assert re.fullmatch(pattern, r.text) and r.action == "game"


def test_numbers_picked_in_range(ctx):
    for _ in range(30):
        r = ask(ctx, "pick a number between 5 and 7", "play_game")
        assert dict(r.detail)["range"] == "5-7" and r.text in ("5.", "6.", "7.")
    assert ask(ctx, "play chess", "play_game").text.startswith("Sorry, I can't play that one yet.")


def test_play_it_again_and_how_long(ctx):
    ask(ctx, "play some jazz", "play_music", slots=[("music_genre", "jazz", "jazz")])
    t = ctx.player.current
    ctx.player.advance(2.0)
    r = ask(ctx, "how long is this song", "music_query")
    assert r.text.startswith(f"{t.title} is ") and " to go." in r.text
    # the model read "play it again" as play_audiobook and played a book
    r = ask(ctx, "play it again", "play_audiobook", confidence=0.69)
    assert r.action == "restart" and ctx.player.current.id == t.id
    assert ctx.player.status().position_s < 0.5
    ctx.player.stop()
    r = ask(ctx, "play that song again", "play_music")
    assert r.text == f"Playing it again, starting with {t.title} by {t.artist}."


def test_skipping_past_the_end_keeps_the_music_going(ctx):
    ask(ctx, "play some music by miles davis", "play_music",
        slots=[("artist_name", "miles davis", "miles davis")])
    r = ask(ctx, "skip two songs", "music_settings")
    if ctx.recommender is not None:
        assert r.text.startswith("That was the last one, so here's more. Playing ")
        assert ctx.player.current is not None
    ctx.player.stop()


def test_autoplay_tops_up_the_last_track(ctx):
    from assistant.recommend import top_up

    if ctx.recommender is None:
        pytest.skip("the recommender model is not built (make models)")
    tracks = library.tracks(ctx.db, kind="music")
    ctx.player.play([tracks[0]])
    assert top_up(ctx.player, ctx.db, ctx.recommender, n=2) == 2
    assert ctx.player.status().queue_len == 3
    assert top_up(ctx.player, ctx.db, ctx.recommender) == 0  # not on the last track any more
    ctx.player.set_repeat("one")
    ctx.player.next()
    ctx.player.next()
    assert top_up(ctx.player, ctx.db, ctx.recommender) == 0  # on repeat: nothing more
    ctx.player.set_repeat("off")
    assert top_up(ctx.player, ctx.db, ctx.recommender, n=1) == 1
    ctx.player.next()
    started = [e for e in history.events(ctx.db) if e.event == "started"]
    assert started[0].source == "follow-on" and started[-1].source == "voice"


def test_autoplay_tries_once_per_last_track(ctx):
    from assistant.recommend import Autoplay

    if ctx.recommender is None:
        pytest.skip("the recommender model is not built (make models)")
    tracks = library.tracks(ctx.db, kind="music")
    for t in tracks[1:]:  # nothing left to recommend
        history.record(ctx.db, "disliked", artist=t.artist, title=t.title, track_id=t.id)
    autoplay, calls = Autoplay(n=2), []
    rec = ctx.recommender

    class Counting:
        def recommend(self, *a, **kw):
            calls.append(1)
            return rec.recommend(*a, **kw)

    ctx.player.play([tracks[0]])
    for _ in range(5):
        autoplay(ctx.player, ctx.db, Counting())
    assert len(calls) == 1


# ---------------------------------------------------------------------- audiobooks


@pytest.fixture
def book(ctx, tmp_path):
    """Three 90-second chapters of a book (a real WAV each, untagged: the artist and album come
    from the folders; the demo library's chapters are 6 seconds)."""
    import numpy as np
    import soundfile as sf

    folder = tmp_path / "books" / "Audiobooks" / "Jane Reader" / "Long Book"
    folder.mkdir(parents=True)
    tone = (0.1 * np.sin(2 * np.pi * 220 * np.arange(90 * 8000) / 8000)).astype(np.float32)
    for n in (1, 2, 10):
        sf.write(folder / f"Chapter {n}.wav", tone, 8000)
    library.scan(ctx.db, tmp_path / "books")
    return sorted((t for t in library.tracks(ctx.db, kind="audiobook") if t.album == "Long Book"),
                  key=lambda t: int(t.title.split()[-1]))


def test_an_audiobook_resumes_where_it_was_left(ctx, book):
    from assistant.skills.listening import bookmark

    assert [t.title for t in book] == ["Chapter 1", "Chapter 2", "Chapter 10"]
    assert bookmark(ctx.db, book) is None
    ctx.player.play(book)
    ctx.player.advance(70.0)
    ask(ctx, "stop", "general_commandstop")
    queue, offset, partway = bookmark(ctx.db, book)
    assert [t.title for t in queue] == ["Chapter 1", "Chapter 2", "Chapter 10"] and partway
    assert 60 <= offset <= 70
    r = ask(ctx, "resume my audiobook", "play_audiobook")
    assert r.text == "Resuming Chapter 1 of Long Book by Jane Reader, 1 minute and 5 seconds in."
    assert 64 <= ctx.player.status().position_s <= 66  # the position counts from the start
    ctx.player.advance(25.5)  # chapter 1 ends, chapter 2 plays on: stop it near its end
    assert ctx.player.current.title == "Chapter 2"
    ctx.player.advance(88.0)
    ask(ctx, "stop", "general_commandstop")
    r = ask(ctx, "play the audiobook", "play_audiobook")
    assert r.text == "Continuing with Chapter 10 of Long Book by Jane Reader."  # 2 was heard to the end


def test_keep_going_resumes_and_the_last_song_is_the_one_before(ctx):
    ask(ctx, "play some jazz", "play_music", slots=[("music_genre", "jazz", "jazz")])
    first = ctx.player.current
    ask(ctx, "pause", "music_settings")
    r = ask(ctx, "keep going", "music_likeness", confidence=0.57)  # was a like of the song
    assert r.action == "resume" and ctx.player.status().state == "playing", r
    ask(ctx, "skip this song", "music_settings")
    ctx.player.flush_events()  # the loop does this every tick
    r = ask(ctx, "what was the last song", "music_query")
    assert r.text == f"Before this, {first.title} by {first.artist}.", r
    assert ask(ctx, "what's playing", "music_query").text.startswith("This is ")


def test_an_album_by_its_name(ctx):
    # the model's slot was song_name "blue": "I couldn't find blue, so here's jazz"
    r = ask(ctx, "play the album sheets of sound", "play_music", slots=[("song_name", "sound", "sound")])
    assert r.text.startswith("Playing the album Sheets of Sound, starting with ") and \
        ctx.player.current.album == "Sheets of Sound", r
    r = ask(ctx, "play the album kind of blue", "play_music", slots=[("song_name", "blue", "blue")])
    assert r.text == "Sorry, I couldn't find the album kind of blue in your library.", r
    r = ask(ctx, "play the album kind of blue by miles davis", "play_music",
            slots=[("artist_name", "miles davis", "miles davis")])
    assert r.text.startswith("I couldn't find the album kind of blue, so here's Miles Davis"), r
    # SNIPS phrasings: "songs from the album sheets of sound" played an electronic pick, and "a
    # song from voices & images" (a slot "voices" only) a pop one
    r = ask(ctx, "play songs from the album sheets of sound", "play_music", 0.99, sentiment="negative")
    assert r.text.startswith("Playing the album Sheets of Sound"), r
    r = ask(ctx, "play something off sheets of sound", "play_music", 0.72)
    assert r.text.startswith("Playing the album Sheets of Sound"), r
    r = ask(ctx, "play me a song from voices & images", "play_music", 0.99, slots=[("media_type", "voices", "voices")])
    assert r.text == "Sorry, I couldn't find voices and images in your library.", r
    assert ask(ctx, "play something from miles davis", "play_music", 0.48).text.startswith("Playing Miles Davis")
    assert ask(ctx, "play some music from my library", "play_music").action == "play"
    # more SNIPS phrasings the regression diff showed
    r = ask(ctx, "play music from the twenties", "play_music", 0.96)
    assert r.text == "Sorry, your music isn't tagged by year, so I can't pick songs from the twenties.", r
    assert ask(ctx, "please play music from itunes", "play_music", 0.96).text.startswith("I don't use iTunes. Playing")
    r = ask(ctx, "play music from the track she came in through the bathroom window", "play_music", 0.68)
    assert r.text == "Sorry, I couldn't find she came in through the bathroom window in your library.", r


def test_play_something_else_leaves_the_artist(ctx):
    first = dict(ask(ctx, "play some jazz", "play_music", slots=[("music_genre", "jazz", "jazz")])
                 .detail)["artist"]
    r = ask(ctx, "play something else", "play_music", confidence=0.47, sentiment="negative")
    assert r.action == "play" and dict(r.detail)["artist"] != first


def test_jumping_in_an_episode_and_the_radio(ctx, book):
    ctx.player.play(book)
    ctx.player.advance(20.0)
    # the model read these as play_podcasts, and a book or an episode began again
    r = ask(ctx, "skip ahead thirty seconds", "play_podcasts", confidence=0.73)
    assert r.text == "Ahead 30 seconds." and 49 <= ctx.player.status().position_s <= 51
    assert ask(ctx, "go back ten seconds", "play_podcasts").text == "Back 10 seconds."
    assert 39 <= ctx.player.status().position_s <= 41
    # "skip back" was read as "skip" by 30 seconds: ahead; "rewind" alone restarted the track
    assert ask(ctx, "skip back 30 seconds", "play_podcasts", 0.68, sentiment="negative").text == "Back 30 seconds."
    assert 9 <= ctx.player.status().position_s <= 11
    assert ask(ctx, "fast forward a bit", "play_podcasts").text == "Ahead 10 seconds."
    assert ask(ctx, "rewind", "play_podcasts", 0.57, sentiment="negative").text == "Back 10 seconds."
    assert 9 <= ctx.player.status().position_s <= 11
    assert ask(ctx, "skip it", "play_podcasts").action != "seek"
    r = ask(ctx, "how much is left of this chapter", "play_podcasts", confidence=0.93)
    assert r.text.endswith("to go.")
    assert ask(ctx, "turn the audiobook off", "iot_wemo_off", confidence=0.43).action == "stop"
    ask(ctx, "play the radio", "play_radio")
    assert ask(ctx, "change the station", "play_radio").text.endswith(
        "is the only station in your library.")
    assert ask(ctx, "turn the radio off", "iot_wemo_off", confidence=0.43).action == "stop"
    assert ask(ctx, "snooze", "alarm_remove").text == "Nothing is ringing."


def test_library_counts_and_the_first_song_today(ctx):
    # both were answered "This is <the song playing>."
    music = library.tracks(ctx.db, kind="music")
    r = ask(ctx, "how many songs do i have", "music_query")
    assert r.text == f"You have {len(music)} songs in your library.", r
    r = ask(ctx, "how many artists are in my library", "qa_factoid", confidence=0.6)
    assert r.text == f"You have {len({t.artist for t in music})} artists in your library.", r
    ask(ctx, "play some jazz", "play_music", slots=[("music_genre", "jazz", "jazz")])
    first = ctx.player.current
    ask(ctx, "skip", "music_settings")
    ctx.player.flush_events()
    r = ask(ctx, "what was the first song you played today", "music_query")
    assert r.text == f"The first song today was {first.title} by {first.artist}.", r


def test_a_lone_word_heard_for_a_transport_word_while_playing(ctx):
    """tiny.en hears Piper's "Pause." said alone as "Boss." (bench/results/asr_prompt.md)."""
    from assistant.skills.music_words import one_word_command

    assert [one_word_command(w) for w in ("Boss.", "Voss.", "Ours.", "Scape.", "Stab.", "Yes.",
                                          "Pause.", "Neat.")] == \
        ["pause", "pause", "pause", "skip", "stop", None, None, None]
    assert ask(ctx, "Boss.", "general_affirm", confidence=0.36).action == "clarify"  # nothing plays
    ask(ctx, "play some jazz", "play_music", slots=[("music_genre", "jazz", "jazz")])
    r = ask(ctx, "Boss.", "general_affirm", confidence=0.36)
    assert r.action == "pause" and ctx.player.status().state == "paused", r
    first = ctx.player.current
    ask(ctx, "resume", "music_settings")
    assert ask(ctx, "Scape.", "unknown", confidence=0.2).action == "next" and ctx.player.current != first
    r = ask(ctx, "Bus.", "transport_query", confidence=0.97)  # the model is sure: left alone
    assert r.action == "unsupported", r


def test_play_said_alone(ctx):
    # the model was unsure of "play." (0.38): "Sorry, I didn't catch that."
    r = ask(ctx, "play.", "play_music", confidence=0.38)
    assert r.action == "play" and ctx.player.current is not None, r
    ask(ctx, "pause", "music_settings")
    playing = ctx.player.current
    r = ask(ctx, "play", "play_music", confidence=0.38)
    assert r.action == "resume" and ctx.player.current == playing, r


def test_back_to_the_beginning(ctx):
    # "go back to the beginning" (play_podcasts, negative) started the first episode again, sorry-first
    ask(ctx, "play a podcast about tea", "play_podcasts", slots=[("podcast_name", "tea", "tea")])
    episode = ctx.player.current
    ctx.player.advance(3.0)
    r = ask(ctx, "go back to the beginning", "play_podcasts", confidence=0.85, sentiment="negative")
    assert r.action == "restart" and r.text.startswith("From the top") and ctx.player.current == episode, r
    assert ctx.player.status().position_s < 1.0
    ctx.player.advance(3.0)
    # asked politely it played an audiobook (the model: play_audiobook 0.76)
    r = ask(ctx, "can you play it from the start", "play_audiobook", confidence=0.76)
    assert r.action == "restart" and ctx.player.current == episode, r


def test_polite_pause_and_carry_on(ctx):
    ask(ctx, "play some jazz", "play_music", slots=[("music_genre", "jazz", "jazz")])
    r = ask(ctx, "would you mind pausing", "audio_volume_mute", confidence=0.97)  # was "Muted."
    assert r.action == "pause" and ctx.player.volume > 0, r
    r = ask(ctx, "okay you can carry it on", "transport_taxi", confidence=0.35)  # was asked back
    assert r.action == "resume" and ctx.player.status().state == "playing", r


def test_not_this_one_skips(ctx):
    ask(ctx, "play some electronic music", "play_music", slots=[("music_genre", "electronic", "electronic")])
    first = ctx.player.current
    r = ask(ctx, "not this one", "general_negate", confidence=0.97, sentiment="negative")
    assert r.action == "next" and ctx.player.current != first, r  # was "Okay, never mind."


@pytest.mark.parametrize("said", ["Who is this?", "who's this", "What is this?", "who sings this",
                                  "Who's singing?", "and who was that one"])
def test_who_is_this_while_music_plays(ctx, said):
    """Found in a scripted conversation: "Who is this?" (qa_definition 0.34) was not taken as a
    question about the song playing."""
    assert ask(ctx, said, "qa_definition", confidence=0.34).action == "clarify"  # nothing plays
    ask(ctx, "play some jazz", "play_music", slots=[("music_genre", "jazz", "jazz")])
    r = ask(ctx, said, "qa_definition", confidence=0.34)
    assert r.action == "say" and ctx.player.current.title in r.text, r


def test_who_made_a_work_is_not_who_is_playing(ctx):
    ask(ctx, "play some jazz", "play_music", slots=[("music_genre", "jazz", "jazz")])
    playing = ctx.player.current
    r = ask(ctx, "who wrote hamlet", "music_query", confidence=0.52)  # was "This is <playing>."
    assert r.action == "unsupported" and playing.artist not in r.text, r
    assert ask(ctx, "who wrote this song", "music_query").text == \
        f"This is {playing.artist}, playing {playing.title}."
    r = ask(ctx, "who recorded back in volts", "music_query")  # a title in the library
    assert r.text == "Back in Volts is by AC DC.", r
    # low confidence asked "Did you want me to tell you what's playing?"
    assert ask(ctx, "who wrote hamlet", "music_query", confidence=0.46).action == "unsupported"
    assert "open-source" in ask(ctx, "who made you", "general_quirky", confidence=0.7).text


# ---------------------------------------------------------------------- names said in play commands


def test_a_name_inside_the_words_said_is_not_that_name():
    """"poker tone" scored 100 against "One More Tone" ("one" and "more" are filler words, and
    "tone" is inside "poker tone"), so it could play the wrong song."""
    from assistant.skills.match import MIN_SCORE, score

    assert score("poker tone", "One More Tone") < MIN_SCORE
    assert score("poker tone", "Poker Tone") == 100
    assert score("beethoven", "Ludwig van Beethoven") >= MIN_SCORE  # a surname still names him
    assert score("rolling stones", "The Rolling Stones") >= MIN_SCORE


def test_the_whole_name_said_picks_among_titles_tied_on_their_words(ctx):
    from assistant import library
    from assistant.skills.match import best_items, name_said, residue

    tracks = library.tracks(ctx.db, kind="music")
    said = "play like a demo please"
    assert residue(said) == "demo" and name_said(said) == "like a demo"
    assert len(best_items(residue(said), tracks)) > 1  # every title with "demo" in it
    assert [t.title for t in best_items(residue(said), tracks, whole=name_said(said))] == ["Like a Demo"]


@pytest.mark.parametrize("text,intent,confidence,expect", [
    ("play so late", "play_radio", 0.69, "So Late"),
    ("play airmail swing", "play_radio", 0.71, "Airmail Swing"),
    ("play back in volts", "play_audiobook", 0.45, "Back in Volts"),
    ("play aphex twin", "play_audiobook", 0.94, "Selected Tone"),
    ("play bill ovens", "play_radio", 0.38, "Waltz for Nobody"),  # tiny.en's "Bill Evans"
    ("play the album nachterns", "play_music", 0.99, "Nocturne Sketch"),  # "Nocturnes"
    ("play the radio", "play_radio", 1.0, "Demo FM Live"),  # the kind said: left as it was
    ("play demo fm", "play_radio", 0.99, "Demo FM Live"),
    ("play a podcast", "play_podcasts", 0.99, "Episode 1: Hello"),
])
def test_music_named_where_the_model_heard_radio_podcast_or_audiobook(ctx, text, intent,
                                                                      confidence, expect):
    """Found by bench/spoken_names.py: a song's title alone read as radio, a podcast or an
    audiobook ("play so late": play_radio 0.69) played the radio or was not found."""
    r = ask(ctx, text, intent, confidence=confidence)
    assert r.action == "play" and ctx.player.current.title == expect, r


def test_every_name_in_the_library_plays_as_text(ctx):
    """Every artist, song and album of the demo library, said as "play NAME" and read by the
    shipped understanding model: the named music plays (13 of 66 did not: bench/spoken_names.py
    is the same check spoken, with this as its anchor)."""
    from assistant import demo_library
    from assistant.paths import MODELS_DIR
    from assistant.skills import respond

    if not (MODELS_DIR / "nlu" / "card.json").is_file():
        pytest.skip("models/nlu not built yet (python -m quantize export-nlu)")
    from assistant import nlu as N

    model = N.load()
    wrong = []
    for _genre, artist, album, titles in demo_library.MUSIC:
        for field, name, say in [("artist", artist, artist), ("album", album, f"the album {album}")] \
                + [("title", t, t) for t in titles]:
            u = model.understand_batch([f"play {say}"], now=dt.datetime.fromtimestamp(ctx.clock()))[0]
            r = respond(u, ctx)
            t = ctx.player.current
            if t is None or getattr(t, field) != name or r.action != "play":
                wrong.append((say, u.intent, r.text))
            ctx.player.stop()
    assert not wrong, wrong


@pytest.mark.parametrize("text,intent,confidence,said", [
    ("play something by tailors wift", "play_audiobook", 0.42, "tailors wift"),  # was "play an audiobook?"
    ("play despacito", "play_music", 0.85, "despacito"),  # was "couldn't find pacito" (a slot's piece)
    ("play the song let it go please", "play_music", 0.99, "let it go"),  # was a recommendation
])
def test_a_name_not_in_the_library_is_said_back_whole(ctx, text, intent, confidence, said):
    r = ask(ctx, text, intent, confidence=confidence,
            slots=[("artist_name", "pacito", "pacito")] if "despacito" in text else ())
    assert r.action == "not_found" and r.text == f"Sorry, I couldn't find {said} in your library.", r


def test_stop_everything_stops(ctx):
    ask(ctx, "play some jazz", "play_music", slots=[("music_genre", "jazz", "jazz")])
    r = ask(ctx, "stop everything", "audio_volume_mute", confidence=0.69)  # was "Muted."
    assert r.action == "stop" and ctx.player.current is None, r


def test_how_long_have_i_been_listening(ctx):
    """"How long have I been listening today?" answered "Nothing is playing right now."."""
    assert ask(ctx, "how long have i been listening today", "music_query").text == \
        "You didn't play anything today."
    t = library.tracks(ctx.db, kind="music")[0]
    now = time.time()
    history.record(ctx.db, "finished", artist=t.artist, title=t.title, track_id=t.id, fraction=1.0,
                   ts=now - 1)
    history.record(ctx.db, "finished", artist="Someone", title="Imported", ms_played=30 * 60000,
                   ts=now - 2)
    r = ask(ctx, "how long have i been listening today", "music_query")
    assert r.text == "Today you listened for 30 minutes.", r  # 30 min + one 6 s demo track


# ---------------------------------------------------------------------- found in a conversation


def _play_title(ctx, title):
    (t,) = [t for t in library.tracks(ctx.db, kind="music") if t.title == title]
    ctx.player.play([t])
    return t


def test_more_like_this_is_near_the_song_playing(ctx):
    """"Play more like this" over Nirvana played recommendations from the history ("because you
    played Just Demo by Lady Gaga")."""
    seed = _play_title(ctx, "Smells Like Demo")
    r = ask(ctx, "play more like this", "play_music", confidence=0.72)
    assert r.text.startswith("Playing more like Smells Like Demo, starting with "), r
    assert ctx.player.current.genre == "Rock" and ctx.player.current.artist != seed.artist
    assert dict(r.detail)["seed_track_id"] == str(seed.id)
    # "something similar" read as anything at all is still this
    _play_title(ctx, "So Late")
    r = ask(ctx, "play something similar", "general_quirky", confidence=0.3)
    assert r.text.startswith("Playing more like So Late, "), r
    assert ctx.player.current.genre == "Jazz"


def test_the_album_and_the_plays_of_the_song_playing(ctx):
    """"What album is this from?" said "This is Oops a Demo by Britney Spears."; "how many times
    have I played this?" said the same."""
    _play_title(ctx, "Oops a Demo")
    r = ask(ctx, "what album is this from", "music_query")
    assert r.text == "Oops a Demo is from the album Pop Sketches by Britney Spears.", r
    r = ask(ctx, "how many times have i played this", "music_query", confidence=0.73)
    assert r.text == "This is the first time you've played Oops a Demo.", r
    ctx.player.stop()
    _play_title(ctx, "Oops a Demo")
    r = ask(ctx, "how often have i listened to this song", "music_query")
    assert r.text == "You've played Oops a Demo twice.", r


def test_seeking_with_nothing_playing_plays_nothing(ctx):
    """"Skip ahead thirty seconds" after the audiobook ended, read as play_podcasts (negative,
    0.73), answered "I'm sorry. Playing Episode 1: Hello by Demo Radio Hour."."""
    r = ask(ctx, "skip ahead thirty seconds", "play_podcasts", confidence=0.73, sentiment="negative")
    assert (r.action, r.text) == ("say", "Nothing is playing."), r
    assert ctx.player.current is None
    ask(ctx, "play my audiobook", "play_audiobook")
    r = ask(ctx, "skip ahead thirty seconds", "play_podcasts", confidence=0.73, sentiment="negative")
    assert (r.action, r.text) == ("seek", "Ahead 30 seconds."), r  # no apology for a seek


def test_where_was_i_over_an_audiobook(ctx):
    ask(ctx, "play my audiobook", "play_audiobook")
    r = ask(ctx, "where was i", "qa_factoid", confidence=0.47)
    assert r.text == "This is Chapter 1 of A Short Book by Demo Reader.", r  # the book was not said


def test_a_correction_right_after_playing(ctx):
    """"No, I said jazz." right after rock started was let pass as talk in the room, and "I meant
    John Coltrane" (tiny.en: "I'm in john coltrane.", the model: unknown 0.11) was "Sorry, I
    didn't catch that."."""
    ask(ctx, "play some rock", "play_music", slots=[("music_genre", "rock", "rock")])
    r = ask(ctx, "No, I said jazz.", "general_negate", confidence=0.27, sentiment="negative",
            slots=[("music_genre", "jazz", "jazz")])
    assert r.action == "play" and ctx.player.current.genre == "Jazz", r
    r = ask(ctx, "I'm in john coltrane.", "unknown", confidence=0.11,
            slots=[("artist_name", "coltring", "coltring")])
    assert r.text.startswith("Playing John Coltrane, "), r
    r = ask(ctx, "no thanks", "general_negate", confidence=0.28)  # names nothing: not a correction
    assert r.action != "play", r


def test_dont_play_this_again_is_a_dislike(ctx):
    """"Don't play this song again" (the model: play_music 0.62) played the next song, and
    nothing was recorded."""
    seed = _play_title(ctx, "Smells Like Demo")
    r = ask(ctx, "don't play this song again", "play_music", confidence=0.62)
    assert r.action == "dislike" and r.text.startswith("Okay, I won't play that one again."), r
    rows = ctx.db.query("SELECT track_id FROM history WHERE event = 'disliked'")
    assert [row[0] for row in rows] == [seed.id]


def test_what_is_said_while_a_song_plays(ctx):
    """Found by sentences said while music played, through the model."""
    _play_title(ctx, "Waltz for Nobody")
    r = ask(ctx, "what's this called", "music_query", confidence=0.36)  # "didn't catch that"
    assert r.text == "This is Waltz for Nobody by Bill Evans.", r
    r = ask(ctx, "how much longer is this song", "music_query")  # said what plays, not how long
    assert r.text.startswith("Waltz for Nobody is ") and "to go" in r.text, r
    r = ask(ctx, "i'm done listening", "music_likeness", confidence=0.6)  # recorded a like
    assert r.action == "stop" and ctx.player.current is None, r
    assert not ctx.db.query("SELECT id FROM history WHERE event = 'liked'")


def test_what_the_library_has_and_something_new(ctx):
    """Found by a bank of sentences through the model: "do I have any Beatles" and "what jazz do I
    have" said "Nothing is playing right now.", "list my podcasts" played one, "play my liked
    songs" played whatever, "play something new" (0.31) asked to say it another way."""
    assert ask(ctx, "do i have any beatles", "music_query").text == \
        "No, there's no beatles in your library."
    assert ask(ctx, "do i have any miles davis", "unknown", confidence=0.16).text == \
        "Yes, 2 songs by Miles Davis."
    r = ask(ctx, "what jazz do i have", "music_query")
    assert r.text == "You have 6 jazz songs, by John Coltrane, Miles Davis, Bill Evans and 1 more.", r
    r = ask(ctx, "list my podcasts", "play_podcasts")
    assert (r.action, r.text) == ("say", "You have 1 podcast: Demo Radio Hour."), r
    assert ask(ctx, "what alarms do i have", "alarm_query").text == "You have no alarms set."
    r = ask(ctx, "play my liked songs", "play_music")
    assert r.text.startswith("I don't know your favourites yet."), r
    played = ctx.player.current.id
    r = ask(ctx, "play something new", "play_music", confidence=0.31)
    assert r.action == "play" and ctx.player.current.id != played, r


def test_what_is_said_over_an_audiobook(ctx):
    """Found by a bank of sentences said while the audiobook played, through the model."""
    ask(ctx, "play my audiobook", "play_audiobook")
    r = ask(ctx, "next chapter", "play_podcasts", confidence=0.97)  # it stopped the book
    assert r.text == "This is the last chapter." and ctx.player.current.title == "Chapter 1", r
    r = ask(ctx, "how much of the book is left", "qa_stock", confidence=0.49)  # "stock prices?"
    assert "to go" in r.text, r
    r = ask(ctx, "go back to the previous chapter", "play_podcasts", confidence=0.65)
    assert r.action == "previous" and ctx.player.current.kind == "audiobook", r  # played a podcast
    r = ask(ctx, "stop reading", "audio_volume_mute", confidence=0.52)  # "Muted."
    assert r.action == "stop" and ctx.player.current is None, r
    ask(ctx, "play my audiobook", "play_audiobook")
    r = ask(ctx, "play the next episode of my podcast", "play_podcasts",
            slots=[("podcast_descriptor", "next episode", "next episode")])  # "couldn't find"
    assert r.action == "play" and ctx.player.current.kind == "podcast", r


def test_the_album_or_the_artist_of_the_song_playing(ctx):
    """Found by a bank of sentences said while music played: "play the album" was "couldn't find
    the album", "play something by the same artist" was "couldn't find same", "shuffle this album"
    shuffled the whole library."""
    _play_title(ctx, "So Late")
    r = ask(ctx, "play the album", "play_music")
    assert r.text.startswith("Playing the album Blue Sketches, starting with "), r
    assert ctx.player.status().queue_len == 2  # So Late and Modal Walk
    _play_title(ctx, "Modal Walk")
    r = ask(ctx, "play something by the same artist", "play_music")
    assert r.text.startswith("Playing Miles Davis, starting with "), r
    r = ask(ctx, "shuffle this album", "music_settings")
    assert r.text.startswith("Shuffling the album Blue Sketches"), r
    assert ctx.player.status().queue_len == 2


def test_more_said_while_something_plays(ctx):
    """Found by a bank of sentences; what each did before is said beside it."""
    ask(ctx, "play some jazz", "play_music", slots=[("music_genre", "jazz", "jazz")])
    playing = ctx.player.current
    nxt = ctx.player.upcoming(1)[0]
    # "Sorry, I didn't catch that." / "This is <the song playing>."
    assert ask(ctx, "what's next", "recommendation_movies", confidence=0.38).text == \
        f"Next up: {nxt.title} by {nxt.artist}."
    assert ask(ctx, "what's the next song", "music_query").text.startswith("Next up: ")
    assert ctx.player.current == playing
    # "skip this chapter" over music played a podcast, with an apology
    assert ask(ctx, "skip this chapter", "play_podcasts", confidence=0.69).action == "next"
    # "couldn't find it faster"; a question back
    r = ask(ctx, "play it faster", "play_music", confidence=0.53)
    assert r.action == "unsupported" and "playback speed" in r.text, r
    # it added a like; "remove this" took "this from my favourites" off the shopping list
    ask(ctx, "add this song to my favourites", "music_likeness")
    r = ask(ctx, "remove this from my favourites", "lists_remove", confidence=0.95)
    assert r.action == "unlike" and r.text.startswith("Okay, I took "), r
    assert [e for e in history.events(ctx.db) if e.event == "liked"] == []
    # "play the next episode" over music played the next song
    r = ask(ctx, "play the next episode", "play_podcasts",
            slots=[("podcast_descriptor", "next episode", "next episode")])
    assert r.action == "play" and ctx.player.current.kind == "podcast", r
    # over a podcast it is that podcast's next episode
    assert ask(ctx, "play the next episode", "play_podcasts").action == "next"


def test_white_noise_is_not_mute_and_chapters_are_asked_about(ctx):
    # it muted (the model: audio_volume_mute 0.65)
    r = ask(ctx, "play white noise", "audio_volume_mute", confidence=0.65)
    assert (r.action, r.text) == ("not_found", "Sorry, I couldn't find white noise in your library.")
    ask(ctx, "resume my audiobook", "play_audiobook")
    # a calendar read
    r = ask(ctx, "what chapter am i on", "calendar_query", confidence=0.59)
    assert r.text.startswith("This is Chapter 1"), r


def test_a_show_from_its_newest_or_its_first(ctx):
    """Found by a bank of sentences: "the latest episode" played the first, "the podcast from the
    beginning" said "couldn't find beginning", "stop reading in ten minutes" muted at once."""
    r = ask(ctx, "play the latest episode of demo radio hour", "play_podcasts", confidence=0.71)
    newest = max((t for t in library.tracks(ctx.db, kind="podcast")), key=lambda t: t.title)
    assert r.action == "play" and ctx.player.current == newest, r
    r = ask(ctx, "play the podcast from the beginning", "play_podcasts",
            slots=[("podcast_descriptor", "beginning", "beginning")])
    assert r.action == "play" and ctx.player.current.title.startswith("Episode 1"), r
    ask(ctx, "play my audiobook", "play_audiobook")
    r = ask(ctx, "stop reading in ten minutes", "audio_volume_mute", confidence=0.86)
    assert r.action == "sleep_timer" and ctx.player.volume > 0, r


def test_questions_about_the_song_playing(ctx):
    """Found by a bank of sentences; what each did before is said beside it."""
    ask(ctx, "play some jazz", "play_music", slots=[("music_genre", "jazz", "jazz")])
    t = ctx.player.current
    # "This is <the song>." / social media / stock prices
    for said, intent in (("what year is this song from", "music_query"), ("is this live", "social_query"),
                         ("what's the bpm", "qa_stock"), ("how old is this song", "music_query"),
                         ("what's this song about", "music_query"), ("what are the lyrics", "music_query"),
                         ("is this the original", "music_query"), ("what label is this on", "music_query")):
        r = ask(ctx, said, intent, confidence=0.6)
        assert r.text.startswith("Sorry, I don't know that. Your library tells me"), (said, r)
    # "This is <the song>."
    assert ask(ctx, "what's the next song after this", "music_query").text.startswith("Next up: ")
    assert ask(ctx, "when did i last hear this", "music_query", confidence=0.8).text == \
        f"This is the first time you've played {t.title}."
    ctx.clock.t += 86400
    ctx.player.play([t])
    ctx.player.advance(0.5)
    r = ask(ctx, "when did i last hear this", "music_query", confidence=0.8)
    assert r.text.startswith(f"Before this, you last played {t.title} "), r
    # "You have 26 songs in your library."
    n = sum(1 for x in library.tracks(ctx.db, kind="music") if x.album == t.album)
    assert ask(ctx, "how many songs are in this album", "music_query").text == \
        f"{t.album} has {n} song{'s' if n != 1 else ''} in your library."
    # played "Whole Lotta Riff" (a title with "whole")
    r = ask(ctx, "play the whole album", "play_music")
    assert r.text.startswith(f"Playing the album {t.album}"), r


def test_a_chapter_the_book_does_not_have_is_said_not_played(ctx):
    """"Play chapter three" of the demo's one-chapter book played chapter 1 without a word."""
    r = ask(ctx, "play chapter three", "play_audiobook", sentiment="negative")
    assert r.text == "Sorry, there's no chapter 3. You have 1 chapter." and r.action == "not_found", r
    assert ctx.player.current is None
    assert ask(ctx, "play chapter one", "play_audiobook").action == "play"


def test_a_plain_play_command_gets_no_apology(ctx):
    """"Play episode 2" read as negative at 0.81 got "Sorry. Playing Episode 2 …"."""
    r = ask(ctx, "play episode 2", "play_podcasts", sentiment="negative")
    assert r.text.startswith("Playing Episode 2"), r


def test_reading_faster_over_a_book_is_the_books_speed(ctx):
    """"Read faster" while a book played said "I'm not speaking out loud, so there's no pace to
    change" (or changed the speaker's own pace)."""
    ctx.player.play(library.tracks(ctx.db, kind="audiobook")[:1])
    r = ask(ctx, "read faster", "play_audiobook", 0.53)
    assert r.text.startswith("Sorry, I can't change the speed of a book yet.") and \
        r.action == "unsupported", r


@pytest.mark.parametrize("text,intent,slots,says,action", [
    # each played something else without a word
    ("play some christmas music", "play_music", [("music_descriptor", "christmas", "christmas")],
     "Sorry, I couldn't find christmas music in your library.", "not_found"),
    ("play songs from the 80s", "play_music", [],
     "Sorry, your music isn't tagged by year, so I can't pick songs from the 80s.", "not_found"),
    ("create a playlist called road trip", "play_music", [("playlist_name", "road trip", "road trip")],
     "Sorry, I can't make playlists yet.", "unsupported"),  # "couldn't find road trip"
    ("add this song to my road trip playlist", "music_likeness", [],
     "Sorry, I can't make playlists yet.", "unsupported"),  # a like
    ("Add new songs to play list.", "lists_createoradd", [],  # tiny.en; it went on the shopping list
     "Sorry, I can't make playlists yet.", "unsupported"),
    ("what albums do i have by miles davis", "music_query", [],  # all 20 albums
     "You have one album by Miles Davis: Blue Sketches.", "say"),
    ("what songs do i have by daft punk", "music_query", [],
     "You have two songs by Daft Punk: Around the Loop and One More Tone.", "say"),
])
def test_music_the_library_cannot_pick_is_said(ctx, text, intent, slots, says, action):
    r = ask(ctx, text, intent, slots=slots)
    assert r.text.startswith(says) and r.action == action, r
    # with the genre in the library, a descriptor plays it as before
    assert ask(ctx, "play some jazz music", "play_music",
               slots=[("music_descriptor", "jazz", "jazz")]).action == "play"


def test_the_play_queue_by_voice(ctx):
    """"Add this to the queue" went on the shopping list, "clear the queue" asked what to take
    off it, "how many songs are in the queue" named the last song."""
    assert ask(ctx, "what's in the queue", "calendar_query", 0.41).text == \
        "Nothing is playing, so the queue is empty."
    music = library.tracks(ctx.db, kind="music")
    ctx.player.play(music[:3])
    r = ask(ctx, "add daft punk to the queue", "lists_createoradd", 0.51, sentiment="negative")
    assert r.action == "queue_add" and r.text.startswith("Added to the queue: two songs"), r
    assert [t.artist for t in ctx.player.upcoming(10)][-2:] == ["Daft Punk", "Daft Punk"]
    jazz = [t for t in music if t.genre == "Jazz"]
    r = ask(ctx, f"play {jazz[-1].title} next", "play_podcasts", 0.56)
    assert r.text == f"Okay, next: {jazz[-1].title} by {jazz[-1].artist}.", r
    assert ctx.player.upcoming(1)[0].id == jazz[-1].id
    r = ask(ctx, "how many songs are in the queue", "music_query")
    assert r.text.startswith("Five more songs after this one. Next is "), r
    r = ask(ctx, "clear the cue.", "lists_remove", 0.40, sentiment="negative")  # as tiny.en writes it
    assert r.action == "queue_clear" and not ctx.player.upcoming(5), r
    assert ask(ctx, "add this to the queue", "lists_createoradd").text == "It's already playing."
    assert not ask(ctx, "what's on my shopping list", "lists_query").text.startswith("Your shopping")


def test_a_streaming_service_named_plays_from_the_library(ctx):
    """Found by SNIPS train sentences: "play some jazz on spotify" answered only "I don't use
    streaming services"; "play shara worden" (the model: a game) said it couldn't play "that one"."""
    r = ask(ctx, "play me some jazz on spotify", "play_music", 0.97,
            slots=[("music_genre", "jazz", "jazz"), ("service", "spotify", "spotify")])
    assert r.text.startswith("I don't use Spotify. Playing jazz, starting with ") and \
        ctx.player.current.genre == "Jazz", r
    r = ask(ctx, "play some rap on pandora", "play_radio", 0.93, sentiment="negative")
    assert r.text == "I don't use Pandora. Sorry, I couldn't find rap in your library.", r
    assert ask(ctx, "do you have spotify", "music_query", 0.96).text.startswith(
        "I don't use streaming services")
    r = ask(ctx, "play shara worden", "play_game", 0.6)
    assert r.text == "Sorry, I couldn't find shara worden in your library.", r


@pytest.mark.parametrize("text,intent,confidence", [
    # found by SNIPS valid sentences: a like, a play, or an item on the shopping list before
    ("add this album to old school death metal", "music_likeness", 0.73),
    ("add porter wagoner to the the sleep machine waterscapes playlist", "play_music", 0.54),
    ("add the album to the hot 50 playlist", "lists_createoradd", 0.65),
    ("to the travelling playlist please add this david gahan song", "music_likeness", 0.62),
])
def test_adding_to_a_playlist_gets_the_honest_answer(ctx, text, intent, confidence):
    r = ask(ctx, text, intent, confidence)
    assert r.text.startswith("Sorry, I can't make playlists yet."), r


def test_a_rating_is_a_like_or_a_dislike(ctx):
    """Found by SNIPS valid sentences: "give the current book 4 stars" played the book again,
    "give zero stars to this textbook" too; a rating is a like (high) or a dislike (low)."""
    ctx.player.play(library.tracks(ctx.db, kind="audiobook")[:1])
    r = ask(ctx, "give the current book 4 stars", "play_audiobook", 0.71)
    assert r.action == "like", r
    ctx.player.play(library.tracks(ctx.db, kind="music")[:3])
    first = ctx.player.current
    r = ask(ctx, "give this song one star", "music_likeness", 0.95, sentiment="positive")
    assert r.action == "dislike" and ctx.player.current != first, r
    assert ask(ctx, "rate this song three out of six", "music_likeness").text == \
        "Okay, noted: somewhere in the middle."
    assert ask(ctx, "give me five minutes", "alarm_set").action != "like"


def test_a_like_of_an_artist_or_song_named_is_not_of_the_song_playing(ctx):
    """"Add bruno mars to my favorites" over a song recorded a like of that song; tiny.en's
    "Add brew numbers to my favorites." (the model: a list) put "brew numbers to my favorites"
    on the shopping list."""
    from assistant import history, library
    from assistant.lists import Lists

    tracks = library.tracks(ctx.db, kind="music")
    ctx.player.play([t for t in tracks if t.artist != "Miles Davis"][:1])
    playing = ctx.player.current
    r = ask(ctx, "add bruno mars to my favorites", "music_likeness", 0.81, sentiment="positive",
            slots=[("artist_name", "bruno mars", None)])
    assert r.text == "Noted, you like Bruno Mars. You have none of their songs yet.", r
    r = ask(ctx, "Add brew numbers to my favorites.", "lists_createoradd", 0.82, sentiment="positive")
    assert r.text == "Noted, you like Brew Numbers. You have none of their songs yet.", r
    assert Lists(ctx.db).names() == []
    r = ask(ctx, "I love miles davis", "music_likeness", 1.0, sentiment="positive",
            slots=[("artist_name", "miles davis", None)])
    assert r.text == "Noted, you like Miles Davis.", r
    strobe = next(t for t in tracks if t.title.startswith("Strobe"))
    r = ask(ctx, "add strobe to my favorites", "lists_createoradd", 0.61, sentiment="positive")
    assert r.text == f"Okay, I will remember {strobe.title}.", r
    liked = [e for e in history.events(ctx.db) if e.event == "liked"]
    assert {e.artist for e in liked} == {"Bruno Mars", "Brew Numbers", "Miles Davis", strobe.artist}
    assert playing.id not in {e.track_id for e in liked}
    r = ask(ctx, "i like this song", "music_likeness", 1.0, sentiment="positive")
    assert r.text == f"Glad you like it. I'll remember {playing.title}.", r
    # a name not in the library, said with no word of liking, is no artist liked (tiny.en's noise)
    r = ask(ctx, "Cffral music by erin carter.", "music_likeness", 0.58, sentiment="positive",
            slots=[("artist_name", "Fral", None)])
    assert "Fral" not in r.text, r
    # a taste said is not a like of the song playing ("I like electric music." as tiny.en wrote it)
    r = ask(ctx, "I like electric music.", "music_likeness", 0.99, sentiment="positive")
    assert (r.action, r.text) == ("say", "Good to know."), r
    assert ask(ctx, "I like daft punk", "music_likeness", 0.72, sentiment="positive").text == "Noted, you like Daft Punk."
    assert ask(ctx, "I love it", "music_likeness", 0.68, sentiment="positive").action == "like"
    # the song playing, said other ways (found by a bank of HWU64 music_likeness sentences)
    for text in ("please rate current song as five stars", "add the song to my favorites"):
        r = ask(ctx, text, "music_likeness", 0.99, sentiment="positive")
        assert r.text == f"Glad you like it. I'll remember {playing.title}.", (text, r)
    # no word of liking nor of this song: asked ("Save my car and text." liked the song playing)
    r = ask(ctx, "Save my car and text.", "music_likeness", 0.63, sentiment="positive")
    assert r.action == "clarify", r


def test_start_said_and_the_title_of_this_song_asked(ctx):
    """HWU64 valid as tiny.en heard it: "Start please." (the model: a stop) stopped the music;
    "Tell our best and title of this song." (a like) recorded a like."""
    from assistant import history, library

    ctx.player.play(library.tracks(ctx.db, kind="music")[:2])
    t = ctx.player.current
    r = ask(ctx, "Start please.", "general_commandstop", 0.81, sentiment="negative")
    assert r.text == "It's already playing." and ctx.player.current == t, r
    r = ask(ctx, "Hey smoking, pho.", "general_commandstop", 0.64)  # tiny.en's "facebook info"
    assert r.text == "Did you want me to stop?" and ctx.player.current == t, r  # it stopped
    ask(ctx, "no", "general_negate")
    ask(ctx, "pause", "audio_volume_mute")
    assert ask(ctx, "start please", "general_commandstop", 0.21).text == "Resuming."
    r = ask(ctx, "Tell our best and title of this song.", "music_likeness", 0.94, sentiment="positive")
    assert r.action == "say" and r.text.startswith(f"This is {t.title}"), r
    assert not [e for e in history.events(ctx.db) if e.event == "liked"]


def test_podcast_as_the_edge_whisper_writes_it(ctx):
    """HWU64 train as the edge Whisper heard it: "Please play a pod s." said "Sorry, I couldn't
    find s."; "Can you start my save pod s?" asked; "Start playing my most played pot s." (the
    model: music) played a pop song. "Coffee pods" stay coffee pods."""
    from assistant.lists import Lists

    for text, intent, conf in (("Please play a pod s.", "play_podcasts", 0.83),
                               ("Can you start my save pod s?", "play_podcasts", 0.49),
                               ("Start playing my most played pot s.", "play_music", 0.66)):
        r = ask(ctx, text, intent, conf, sentiment="negative")
        assert r.action == "play" and ctx.player.current.kind == "podcast", (text, r)
        ctx.player.stop()
    ask(ctx, "add coffee pods to my shopping list", "lists_createoradd")
    assert Lists(ctx.db).items("shopping") == ["coffee pods"]


def test_an_audiobook_or_podcast_named_and_missing(ctx):
    """HWU64 valid as tiny.en heard it: "Start playing the habit." (no slot) played the one book
    the library has."""
    r = ask(ctx, "Start playing the habit.", "play_audiobook", 0.6, sentiment="negative")
    assert r.text == "Sorry, I couldn't find habit. You have A Short Book.", r
    r = ask(ctx, "Resume water and peace.", "play_audiobook", 0.89)
    assert r.action == "not_found", r
    for text in ("play the audiobook i was listening to", "play my audiobook", "play an audiobook for me please",
                 "resume story", "resume where i left off", "resume playback", "please play recently paused audio"):
        assert ask(ctx, text, "play_audiobook").action == "play", text
        ctx.player.stop()
    assert ask(ctx, "turn on the radio", "play_radio").action == "play"


def test_a_rating_of_a_book_over_a_song_is_not_the_songs(ctx):
    """"Rate the current novel five of 6 points" (SNIPS) over a song recorded a like of the song."""
    from assistant import history, library

    ctx.player.play(library.tracks(ctx.db, kind="music")[:2])
    r = ask(ctx, "rate the current novel five of 6 points", "recommendation_movies", 0.24)
    assert r.text == "I can only rate what plays here, and that is a song.", r
    assert not history.events(ctx.db) or all(e.event != "liked" for e in history.events(ctx.db))
    assert ask(ctx, "give this album 4 stars", "music_likeness", 0.99).action == "like"
    # a rating of a name (SNIPS: 547 of 13,784 sentences liked or disliked the song playing)
    r = ask(ctx, "rate the demolished man a five", "takeaway_order", 0.33, sentiment="negative")
    assert r.text == "Sorry, demolished man isn't in your library, and I can only rate what's there.", r
    r = ask(ctx, "rate the best american short stories 2007 one out of 6 points", "recommendation_movies", 0.73)
    assert r.action == "say", r  # not "I won't play Giant Stairs"
    assert ask(ctx, "rate strobe 5 stars", "qa_stock", 0.34).text.startswith("Okay, I will remember Strobe")
    assert ask(ctx, "rate miles davis 4 stars", "music_likeness", 0.5).text == "Noted, you like Miles Davis."
    ctx.player.stop()  # nor of the song that just stopped
    r = ask(ctx, "rate this textbook four out of 6", "qa_maths", 0.65)
    assert r.text == "I can only rate what plays here, and nothing does.", r
    assert [e.event for e in history.events(ctx.db)].count("liked") == 3  # the album, Strobe, Miles Davis


def test_a_dislike_of_the_artist_playing(ctx):
    """"I don't like this artist" disliked the song and said "I won't play that one again"; the
    next song could be the same artist's."""
    music = library.tracks(ctx.db, kind="music")
    artist = next(a for a in {t.artist for t in music} if sum(t.artist == a for t in music) >= 2)
    mine = [t for t in music if t.artist == artist]
    ctx.player.play(mine + [t for t in music if t.artist != artist][:2])
    r = ask(ctx, "i don't like this artist", "music_likeness", 0.99, sentiment="positive")
    assert r.text.startswith("Okay, less ") and r.action == "dislike" and dict(r.detail)["artist"] == artist, r
    assert ctx.player.current.artist != artist
    assert all(t.artist != artist for t in ctx.player.upcoming(10))
    assert ("disliked", artist) in [(e.event, e.artist) for e in history.events(ctx.db, limit=5)]
    r = ask(ctx, "i love this band", "music_likeness", sentiment="positive")
    assert r.action == "like" and r.text.startswith("Noted, you like "), r


def test_skip_to_the_next_album(ctx):
    """"Skip to the next album" skipped one song, the next of the same album."""
    music = library.tracks(ctx.db, kind="music")
    album = next(a for a in {t.album for t in music} if sum(t.album == a for t in music) >= 2)
    ctx.player.play([t for t in music if t.album == album] + [t for t in music if t.album != album][:2])
    r = ask(ctx, "skip to the next album", "music_settings", 0.63, sentiment="negative")
    assert r.action == "next" and ctx.player.current.album != album, r


def test_a_like_of_the_song_before_this_one(ctx):
    """"Like the last song" went back to it (read as "previous")."""
    music = library.tracks(ctx.db, kind="music")
    ctx.player.play(music[:3])
    first = ctx.player.current
    ask(ctx, "skip", "play_podcasts", 0.93, sentiment="negative")
    now = ctx.player.current
    r = ask(ctx, "like the last song", "music_likeness", 0.89)
    assert r.action == "like" and r.text == f"Okay, I will remember {first.title}." and \
        ctx.player.current == now, r
    assert ("liked", first.title) in [(e.event, e.title) for e in history.events(ctx.db, limit=5)]


def test_who_sang_the_last_one(ctx):
    """"Who sang the last one" while the next song played got "I can't look up facts offline"."""
    ctx.player.play(library.tracks(ctx.db, kind="music")[:3])
    first = ctx.player.current
    ask(ctx, "skip", "play_podcasts", 0.93, sentiment="negative")
    for said in ("who sang the last one", "who sang the song before this"):
        r = ask(ctx, said, "music_query", 1.0)
        assert r.text.startswith(f"Before this, {first.title} by "), r
    r = ask(ctx, "Who's saying the last one?", "general_repeat", 0.64)  # tiny.en, in the loop
    assert r.text.startswith(f"Before this, {first.title} by "), r
    assert ask(ctx, "who wrote hamlet", "music_query").action == "unsupported"


def test_turn_it_up_a_notch_and_lullabies(ctx):
    """"Turn it up a notch" (iot_hue_lightup 0.56) said the smart home was not connected, and
    "play some lullabies" played a pop pick."""
    ctx.player.play(library.tracks(ctx.db, kind="music")[:2])
    ctx.player.set_volume(0.7)
    r = ask(ctx, "turn it up a notch", "iot_hue_lightup", 0.56)
    assert r.action == "volume" and ctx.player.volume == pytest.approx(0.8), r
    r = ask(ctx, "Turn it up a notch.", "general_affirm", 0.40)  # as the loop heard it (Piper)
    assert r.action == "volume" and ctx.player.volume == pytest.approx(0.9), r
    assert ask(ctx, "turn on the lights", "iot_hue_lighton", 0.9).action == "unsupported"
    r = ask(ctx, "play some lullabies", "play_music", 0.77, sentiment="negative")
    assert r.text == "Sorry, I couldn't find lullabies in your library.", r


def test_what_i_liked_and_disliked_and_my_favourites_shuffled(ctx):
    """Found by a bank of sentences: "what songs have I liked" named the whole library, "what
    did I dislike" got the social-media answer, "shuffle my favourites" shuffled everything."""
    assert ask(ctx, "what songs have I liked", "music_query", 1.0).text == "You haven't liked any songs yet."
    ask(ctx, "play some rock", "play_music")
    rock = ctx.player.current
    ask(ctx, "I love this song", "music_likeness", 1.0, sentiment="positive")
    ask(ctx, "skip", "play_podcasts", 0.93, sentiment="negative")
    gone = ctx.player.current
    ask(ctx, "never play this again", "audio_volume_mute", 0.31, sentiment="negative")
    r = ask(ctx, "what songs have I liked", "music_query", 1.0)
    assert r.text.startswith(f"You've liked {rock.title} by "), r
    r = ask(ctx, "what did I dislike", "social_query", 0.56, sentiment="negative")
    assert r.text.startswith(f"You've disliked {gone.title} by "), r
    r = ask(ctx, "shuffle my favorites", "music_settings", 0.97, sentiment="negative")
    assert r.text.startswith("Shuffling your favourites") and ctx.player.current == rock, r
    assert ask(ctx, "play my liked songs", "play_music").text.startswith("Playing your favourites")


@pytest.mark.parametrize("said,intent,confidence,action", [
    ("recommend something", "recommendation_movies", 0.34, "suggest"),  # "didn't catch that"
    ("any recommendations", "lists_query", 0.61, "suggest"),
    ("I'm in the mood for something sad", "general_quirky", 0.85, "play"),  # "a good listener"
    ("I'm in the mood for some jazz", "play_music", 0.49, "play"),
])
def test_a_suggestion_or_a_mood_asked_in_few_words(ctx, said, intent, confidence, action):
    assert ask(ctx, said, intent, confidence).action == action
    assert ask(ctx, "I'm in the mood for pizza", "cooking_recipe", 0.52).action != "play"


def test_a_plain_question_gets_no_apology(ctx):
    """"How much is left of this episode" (negative 0.93) was answered "Sorry. Episode 2 ..."."""
    ask(ctx, "play the latest episode", "play_podcasts")
    r = ask(ctx, "how much is left of this episode", "play_podcasts", 0.93, sentiment="negative")
    assert not r.text.startswith(("Sorry", "I'm sorry")), r
    r = ask(ctx, "why is the music so loud", "audio_volume_down", 0.9, sentiment="negative")
    assert r.text.startswith(("Sorry", "I'm sorry")), r


def test_what_book_was_i_listening_to_over_music(ctx):
    """"What book was I listening to?" with music on named the song (Piper, through the loop);
    "what podcast was I listening to" played one."""
    ask(ctx, "play my audiobook", "play_audiobook")
    book = ctx.player.current
    ask(ctx, "play some jazz", "play_music")
    r = ask(ctx, "What book was I listening to?", "music_query", 0.99)
    assert r.text == f"You were listening to {book.title} of {book.album} by {book.artist}.", r
    r = ask(ctx, "what podcast was I listening to", "play_podcasts", 0.96)
    assert r.text == "You haven't listened to any podcasts yet." and ctx.player.current.kind == "music", r


def test_music_asked_for_as_a_question(ctx):
    """"Can I get some rock music please" while music played said "This is <the song>."."""
    ctx.player.play(library.tracks(ctx.db, kind="music")[:1])
    r = ask(ctx, "can I get some rock music please", "music_query", 0.69)
    assert r.action == "play" and ctx.player.current.genre == "Rock", r
    assert ask(ctx, "can I get a timer for ten minutes", "alarm_set", 0.89).action == "timer_set"


def test_the_album_from_its_start_or_last_track_and_stop_after_this_song(ctx):
    """"Play the first song on this album" played a recommendation, "play this album from the
    start" was not found, "play the last track of this album" went back one song, "stop after
    this song" asked when, "what was the song before" named the song playing."""
    music = library.tracks(ctx.db, kind="music")
    album = [t for t in music if t.album == music[0].album and t.artist == music[0].artist]
    ctx.player.play([album[-1]] + music[:2])
    for said in ("play the first song on this album", "play this album from the start"):
        r = ask(ctx, said, "play_music", 0.98)
        assert r.text.startswith(f"Playing the album {album[0].album}") and ctx.player.current == album[0], r
    r = ask(ctx, "play the last track of this album", "play_music", 0.89, sentiment="negative")
    assert r.text.startswith("Playing the last track of") and ctx.player.current == album[-1], r
    r = ask(ctx, "stop after this song", "music_settings", 0.75, sentiment="negative")
    assert (r.action, r.text) == ("sleep_timer", "Okay, I'll stop the music after this song."), r
    left = ctx.timers.pending("timer")[0].due_at - ctx.clock()
    assert 0 < left <= album[-1].duration_s + 1
    ctx.player.play(music[:2])
    ctx.player.next()
    r = ask(ctx, "what was the song before", "music_query", 1.0)
    assert r.text.startswith(f"Before this, {music[0].title} by "), r


@pytest.mark.parametrize("said,intent,confidence,start", [
    ("speed it up", "audio_volume_up", 0.85, "Sorry, I can't change the playback speed"),  # volume up
    ("subscribe to this podcast", "play_podcasts", 1.0, "Sorry, I can't fetch or follow podcasts"),
    ("are there new episodes", "play_podcasts", 0.7, "Sorry, I can't fetch or follow podcasts"),
    ("delete this episode", "lists_remove", 0.72, "Sorry, I can't delete from your library"),  # a list
    ("what's this podcast about", "play_podcasts", 0.99, "Sorry, I don't know that."),  # played it again
])
def test_what_a_podcast_cannot_do_is_said(ctx, said, intent, confidence, start):
    ask(ctx, "play a podcast", "play_podcasts")
    volume = ctx.player.volume
    r = ask(ctx, said, intent, confidence, sentiment="negative")
    assert r.text.startswith(start) and ctx.player.volume == volume, r


def test_a_chapter_read_as_a_podcast_and_a_song_off_the_queue(ctx):
    """"Go to chapter one" (play_podcasts) over a book said "there's no chapter 1"; "remove this
    song from the queue" went to the shopping list."""
    ask(ctx, "read me a book", "play_audiobook")
    r = ask(ctx, "go to chapter one", "play_podcasts", 0.84, sentiment="negative")
    assert r.action == "play" and ctx.player.current.kind == "audiobook", r
    ask(ctx, "play some jazz", "play_music")
    first = ctx.player.current
    r = ask(ctx, "remove this song from the queue", "lists_remove", 0.6, sentiment="negative")
    assert r.action == "next" and ctx.player.current != first, r
    after = ctx.player.upcoming(100)
    r = ask(ctx, f"remove {after[0].title} from the queue", "lists_remove", 0.91, sentiment="negative")
    assert r.text == "Okay, I took one song off the queue." and after[0] not in ctx.player.upcoming(100), r


def test_how_many_chapters_and_when_i_last_heard_this_book(ctx):
    """"How many chapters are there" over a book got the films answer; "when did I last listen
    to this book" (play_audiobook 0.41) asked "Did you want me to play an audiobook?"."""
    ask(ctx, "read me a book", "play_audiobook")
    book = ctx.player.current
    r = ask(ctx, "how many chapters are there", "recommendation_movies", 0.52)
    assert r.text == f"{book.album} has 1 chapter in your library.", r
    r = ask(ctx, "when did I last listen to this book", "play_audiobook", 0.41)
    assert r.text.startswith("This is the first time you've played"), r


def test_a_genre_disliked_a_mood_asked_and_the_reason_of_the_song_that_plays(ctx):
    """Found by a bank of sentences: "I don't like jazz" while pop played disliked the pop song;
    "not rock" and "something calmer" were "didn't catch that"; "something livelier" liked the
    song; "something else" gave the reason of another song ("a popular jazz pick" for Led
    Zeppelin)."""
    ask(ctx, "play some pop", "play_music")
    pop = ctx.player.current
    r = ask(ctx, "I dont like jazz", "music_likeness", 0.86, sentiment="positive")
    assert r.text == "Okay, no more jazz for now." and ctx.player.current == pop, r
    assert not [e for e in history.events(ctx.db, limit=10) if e.event == "disliked"]
    ask(ctx, "play some jazz", "play_music")
    r = ask(ctx, "I hate jazz", "music_settings", 0.40, sentiment="negative")
    assert r.action == "dislike_genre" and ctx.player.current.genre != "Jazz", r
    ask(ctx, "play some rock", "play_music")
    r = ask(ctx, "not rock", "play_music", 0.24)
    assert r.action == "dislike_genre" and ctx.player.current.genre != "Rock", r
    r = ask(ctx, "something calmer", "audio_volume_mute", 0.19)
    assert r.action == "play" and ctx.player.current.genre == "Classical", r
    r = ask(ctx, "something livelier", "music_likeness", 0.51)
    assert r.action == "play" and ctx.player.current.genre == "Electronic", r
    assert not [e for e in history.events(ctx.db, limit=10) if e.event == "liked"]
    r = ask(ctx, "something else", "general_negate", 0.89, sentiment="negative")
    t = ctx.player.current
    assert r.action == "play" and (t.genre.lower() in r.text or "because" in r.text or "new" in r.text), r


def test_skip_this_artist(ctx):
    """"Skip this artist" skipped one song: the artist's next song could play straight after."""
    ask(ctx, "play some jazz", "play_music")
    miles = ctx.player.current.artist
    ask(ctx, "play miles davis next", "play_music", 0.49)
    r = ask(ctx, "skip this artist", "music_settings", 0.94, sentiment="negative")
    assert r.action == "next" and ctx.player.current.artist != miles, r
    assert miles not in {t.artist for t in ctx.player.upcoming(100)}


def test_music_by_someone_read_as_a_book_is_looked_for_as_music(ctx):
    """"Play something by the police" (the model: play_audiobook 0.57) played the demo's book;
    "play every breath you take by the police" (play_audiobook 0.78, slot "every") said "Sorry,
    I couldn't find every. You have A Short Book."."""
    r = ask(ctx, "play something by the police", "play_audiobook", 0.57, sentiment="negative")
    assert r.text == "Sorry, I couldn't find the police in your library.", r
    assert ctx.player.current is None
    r = ask(ctx, "play every breath you take by the police", "play_audiobook", 0.78,
            slots=[("audiobook_name", "every", "every")])
    assert r.text == "Sorry, I couldn't find every breath you take by the police in your library.", r
    # a book by its name, or "by" its author, stays a book
    r = ask(ctx, "play a short book by demo reader", "play_audiobook")
    assert r.action == "play" and ctx.player.current.kind == "audiobook", r
    r = ask(ctx, "play harry potter", "play_audiobook", slots=[("audiobook_name", "harry potter", "harry potter")])
    assert r.text == "Sorry, I couldn't find harry potter. You have A Short Book.", r


def test_a_song_asked_for_by_its_name_or_words_and_the_last_one_liked(ctx):
    """"Play the song called rock and roll" / "the song that goes we will rock you" played rock
    music; "what was the last song I liked" named the song played before this one."""
    r = ask(ctx, "play the song called rock and roll", "play_music", 1.0,
            slots=[("music_genre", "rock", "rock")])
    assert r.text == "Sorry, I couldn't find the song rock and roll in your library.", r
    r = ask(ctx, "play the song that goes we will rock you", "play_music", 0.99,
            slots=[("music_genre", "rock", "rock")])
    assert r.action == "not_found", r
    r = ask(ctx, "play the song called poker tone", "play_music", 0.99)
    assert r.text == "Playing Poker Tone by Lady Gaga.", r
    assert ask(ctx, "what was the last song i liked", "music_query").text == "You haven't liked any songs yet."
    ask(ctx, "i love this song", "music_likeness", sentiment="positive")
    ask(ctx, "next", "music_settings")
    assert ask(ctx, "what was the last song i liked", "music_query").text == \
        "The last song you liked was Poker Tone by Lady Gaga."


def test_play_again_after_a_pause_goes_on(ctx):
    """"Pause", then "play again" restarted the song from the top (noticed at the last stop)."""
    ctx.player.play(library.tracks(ctx.db, kind="music")[:3])
    ask(ctx, "pause", "audio_volume_mute", 1.0)
    assert ask(ctx, "play again", "play_audiobook", 0.33).action == "resume"
    assert ask(ctx, "play it again", "play_audiobook", 0.69).action == "restart"  # the song again


def test_a_mood_is_not_a_song_not_found(ctx):
    """"Play something romantic" (the model: a song slot "romantic") said "I couldn't find
    romantic, so here's jazz"."""
    r = ask(ctx, "play something romantic", "play_music", 0.65, slots=[("song_name", "romantic", "romantic")])
    assert r.text.startswith("Playing jazz"), r
    r = ask(ctx, "play thriller by michael jackson", "play_music", 0.88,
            slots=[("song_name", "thriller", "thriller"), ("artist_name", "michael jackson", "michael jackson")])
    assert r.text.startswith("I couldn't find thriller, so here's Michael Jackson"), r


def test_is_this_song_liked_and_the_song_i_liked_yesterday(ctx):
    """"Is this song liked" named the song; "do I like this song" and "is this one of my
    favorites" (music_likeness) recorded a like; "play the song I liked yesterday" looked for a
    song called "i liked yesterday"."""
    ctx.player.play(library.tracks(ctx.db, kind="music")[:3])
    playing = ctx.player.current
    r = ask(ctx, "do i like this song", "music_likeness", 0.76, sentiment="positive")
    assert r.action == "say" and r.text.startswith("You haven't said whether you like"), r
    assert ask(ctx, "i like this song", "music_likeness", 1.0, sentiment="positive").action == "like"
    r = ask(ctx, "is this one of my favorites", "music_likeness", 0.57, sentiment="positive")
    assert r.text.startswith("Yes, you liked") and playing.title in r.text, r
    assert ask(ctx, "is this song liked", "music_query", 0.97).text == r.text
    ctx.player.stop()
    r = ask(ctx, "play the song i liked yesterday", "play_music", 0.98)
    assert r.action == "play" and r.text.startswith("Playing your favourites"), r


def test_heard_this_one_too_many_times_is_a_dislike(ctx):
    """"I've heard this one too many times" asked "Did you want me to repeat that?" (general_repeat);
    "we have heard this song enough" (music_likeness, positive) recorded a like."""
    ctx.player.play(library.tracks(ctx.db, kind="music")[:3])
    r = ask(ctx, "i've heard this one too many times", "general_repeat", 0.42, sentiment="negative")
    assert r.action == "dislike", r
    r = ask(ctx, "we have heard this song enough", "music_likeness", 0.75, sentiment="positive")
    assert r.action == "dislike", r


def test_a_book_how_long_a_chapter_by_number_and_its_speed(ctx, book):
    """Over a book: "how long is this book" played it from the start; "how much of the book is
    left" gave the chapter's; "go to chapter 2" (play_podcasts) said there's no chapter 2;
    "slow down the narration" turned the volume down; "stop after this chapter" said "music"."""
    ctx.player.play(book)
    ctx.player.advance(30.0)
    r = ask(ctx, "how long is this book", "play_audiobook", 0.54)
    assert r.text == "Long Book is 4 minutes and 30 seconds long, with 4 minutes to go, 2 more chapters " \
        "after this one.", r
    assert ask(ctx, "how much of the book is left", "qa_stock", 0.49).text == r.text
    r = ask(ctx, "go to chapter 2", "play_podcasts", 0.91, sentiment="negative")
    assert r.action == "play" and ctx.player.current.title == "Chapter 2", r
    r = ask(ctx, "slow down the narration", "audio_volume_down", 0.57, sentiment="negative")
    assert r.action == "unsupported" and "speed" in r.text, r
    assert ask(ctx, "bookmark this", "lists_createoradd", 0.45).text.startswith("I keep your place")
    r = ask(ctx, "stop after this chapter", "play_audiobook", 0.79, sentiment="negative")
    assert r.text == "Okay, I'll stop playing after this chapter.", r


def test_do_you_have_music_by(ctx):
    """"Do you have any elvis music" (music_query, over music) named the song playing."""
    ctx.player.play(library.tracks(ctx.db, kind="music")[:1])
    r = ask(ctx, "do you have any elvis music", "music_query")
    assert r.text == "No, there's no elvis in your library.", r
    assert ask(ctx, "do you have any miles davis", "qa_factoid", 0.28).text.startswith("Yes, ")


def test_what_song_said_with_a_like_and_repeat_when_not_heard(ctx):
    """CLINC150 train/valid phrasings over music: "i need this song title" recorded a like;
    "nice song what is it" recorded one without saying what it is; "i couldn't hear you, can you
    repeat it" turned the volume up and said nothing again."""
    ctx.player.play(library.tracks(ctx.db, kind="music")[:1])
    t = ctx.player.current
    r = ask(ctx, "i need this song title", "music_likeness", 0.93)
    assert r.action == "say" and t.title in r.text, r
    r = ask(ctx, "nice song what is it", "music_likeness", 1.0, sentiment="positive")
    assert r.action == "like" and r.text.startswith("Glad you like it. This is ") and t.title in r.text, r
    r = ask(ctx, "i couldn't hear you, can you repeat it", "audio_volume_up", 0.89)
    assert r.action == "repeat" and r.text.startswith("Glad you like it.") and dict(r.detail).get("volume"), r


def test_a_rating_given_in_the_past_tense(ctx):
    """SNIPS train/valid phrasings: "i gave the current album two stars" was noted as a thing done
    ("Okay, noted: you gave the current album two stars") or recorded a like."""
    ctx.player.play(library.tracks(ctx.db, kind="music")[:3])
    r = ask(ctx, "i gave the current album two stars", "music_likeness", 0.99, sentiment="positive")
    assert r.action == "dislike", r
    assert ask(ctx, "i gave the current album two stars", "general_quirky", 0.5).action != "done_noted"
    # a book or a film named is not the song playing (found by the regression diff of this change)
    playing = ctx.player.current
    assert ask(ctx, "i give the french suicide 5 stars", "recommendation_movies", 0.58).action not in ("like", "dislike")
    assert ctx.player.current == playing


def test_a_like_that_asks_to_play_what_it_names_and_a_volume_of_zero(ctx):
    """Found when the 6-layer understanding model replaced the 4-layer one (HWU64 valid): "i like
    justin beibers music please play it" (music_likeness, artist slot) liked the song playing, and
    "make the volume to zero" (audio_volume_down, amount 0) set 5 percent."""
    ctx.player.play(library.tracks(ctx.db, kind="music")[:3])
    r = ask(ctx, "i like justin beibers music please play it", "music_likeness", 0.58,
            slots=[("artist_name", "justin beibers", "justin beibers")])
    assert r.action == "not_found" and "beibers" in r.text.lower(), r
    r = ask(ctx, "i love miles davis please play some", "music_likeness", 0.6,
            slots=[("artist_name", "miles davis", "miles davis")])
    assert r.action == "play" and ctx.player.current.artist == "Miles Davis", r
    assert not [e for e in history.events(ctx.db, limit=20) if e.event in ("liked", "disliked")]
    r = ask(ctx, "make the volume to zero", "audio_volume_down", 0.64, slots=[("change_amount", "to zero", 0)])
    assert r.action == "mute" and ctx.player.volume == 0, r
    ctx.player.set_volume(0.5)
    r = ask(ctx, "turn it down by 0", "audio_volume_down", 0.64, slots=[("change_amount", "0", 0)])
    assert r.action != "mute", r
    ask(ctx, "mute", "audio_volume_mute")
    for text in ("audio on", "turn the sound back on"):  # HWU64 train: "audio on" (audio_volume_mute) muted
        ask(ctx, "mute", "audio_volume_mute")
        r = ask(ctx, text, "audio_volume_mute", 0.7)
        assert r.action == "unmute" and ctx.player.volume > 0, (text, r)


def test_an_artist_whose_name_holds_a_genre_word_is_a_name(ctx):
    """"punk" is a word for rock, so "put on some daff punk" (tiny.en's Daft Punk, heard so on
    another CPU's int8 kernels) counted as a genre request: the loop did not take that hearing
    over "daff puck", nor hear the name again, and said Daft Punk was not found. The music skill
    takes the artist first; the loop's reading of a play command does too now."""
    from assistant.skills import play_name

    assert play_name("put on some daff punk.", ctx) == ("daff punk", True)
    assert play_name("put on some daff puck.", ctx) == ("daff puck", False)
    assert play_name("play some rock music", ctx) is None  # a genre, found by play_kind
    r = ask(ctx, "put on some daff punk", "play_music")
    assert r.action == "play" and "Daft Punk" in r.text, r
