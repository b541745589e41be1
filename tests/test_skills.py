"""Skills and timers over the real modules: a temporary database with the demo library scanned
in, the WAV-output player (time moved by the test), the shipped recommender, the durable timers.

Understanding objects are built directly (they are the input); two tests go through the real
understanding model when models/nlu is present.
"""

from __future__ import annotations

import datetime as dt

import pytest

from assistant import db as D
from assistant import demo_library, history, library, recommend
from assistant.config import Config
from assistant.errors import ModelError
from assistant.paths import MODELS_DIR, data_dir
from assistant.player_wav import WavPlayer
from assistant.skills import ALL_INTENTS, EXTRA_INTENTS, HWU64_INTENTS, build_skills, respond
from assistant.skills.base import SkillContext
from assistant.skills.match import best_artist, best_genre
from assistant.skills.spoken import next_occurrence, parse_clock, parse_duration
from assistant.timers import Timers
from assistant.types import Reply, Slot, Understanding


class Clock:
    """A clock the test moves (the loop's stream clock plays this part with --input)."""

    def __init__(self, t: float):
        self.t = t

    def __call__(self) -> float:
        return self.t


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return demo_library.ensure(tmp_path_factory.mktemp("demo") / "library")


@pytest.fixture(scope="module")
def recommender():
    try:
        return recommend.default_recommender()
    except ModelError:  # not built yet: the skills fall back to library order
        return None


@pytest.fixture
def ctx(tmp_path, demo, recommender):
    db = D.open_db(tmp_path / "assistant.db")
    library.scan(db, demo)
    player = WavPlayer(db=db, out_dir=tmp_path / "out")
    c = SkillContext(cfg=Config(), db=db, player=player, recommender=recommender,
                     timers=Timers(db), clock=Clock(dt.datetime(2026, 3, 2, 22, 0).timestamp()))
    yield c
    player.close()
    db.close()


def ask(ctx: SkillContext, text: str, intent: str, confidence: float = 0.95,
        sentiment: str = "neutral", slots=(), skills=None) -> Reply:
    u = Understanding(text, intent, confidence, sentiment, 0.9, tuple(Slot(*s) for s in slots))
    reply = respond(u, ctx, skills)
    if reply.action != "repeat":
        ctx.last_reply, ctx.last_heard = reply, text
    return reply


# ---------------------------------------------------------------------- every intent


def test_every_hwu64_intent_has_a_skill():
    skills = build_skills()
    assert len(HWU64_INTENTS) == 64 and set(skills) == set(HWU64_INTENTS) | set(EXTRA_INTENTS)
    labels = data_dir() / "intent_hwu64" / "train" / "label"
    if labels.is_file():
        assert set(labels.read_text().split()) == set(HWU64_INTENTS)


@pytest.mark.parametrize("playing", [False, True], ids=["idle", "playing"])
def test_every_intent_gets_a_short_reply(ctx, playing):
    skills = build_skills()
    if playing:
        ctx.player.play(library.tracks(ctx.db, kind="music")[:3])
    for intent in ALL_INTENTS:
        text = intent.replace("_", " ")
        for sentiment in ("neutral", "negative"):
            r = ask(ctx, text, intent, sentiment=sentiment, skills=skills)
            assert isinstance(r, Reply) and r.text.strip(), (intent, r)
            assert len(r.text) < 200 and not set(r.text) & set("/_*#<>{}[]|\\"), r.text
            assert r.action and all(isinstance(k, str) and isinstance(v, str) for k, v in r.detail)


# ---------------------------------------------------------------------- music


def test_play_some_jazz_plays_a_jazz_track_and_history_has_it(ctx):
    r = ask(ctx, "play some jazz", "play_music", slots=[("music_genre", "jazz", "jazz")])
    assert r.action == "play" and dict(r.detail)["genre"] == "Jazz"
    assert ctx.player.current.genre == "Jazz"
    ctx.player.advance(0.5)
    (e,) = history.events(ctx.db)
    assert (e.event, e.track_id) == ("started", ctx.player.current.id)
    # the same without the slot (the model left it out): the words are matched
    r = ask(ctx, "play some rock music please", "play_music")
    assert r.action == "play" and ctx.player.current.genre == "Rock"


def test_spoken_names_match_the_library(ctx):
    tracks = library.tracks(ctx.db, kind="music")
    assert best_artist("ac dc", tracks) == "AC/DC"
    assert best_artist("chopin", tracks) == "Frédéric Chopin"
    assert best_artist("rolling stones", tracks) == "The Rolling Stones"
    assert best_artist("beyonce", tracks) is None
    assert best_genre("techno", tracks) == "Electronic"
    assert best_genre("modern alternative rock", tracks) == "Rock"
    r = ask(ctx, "play giant stairs by john coltrane", "play_music",
            slots=[("song_name", "giant stairs", "giant stairs"),
                   ("artist_name", "john coltrane", "john coltrane")])
    now = ctx.player.current
    assert (now.title, now.artist) == ("Giant Stairs", "John Coltrane")
    r = ask(ctx, "play beyonce", "play_music", slots=[("artist_name", "beyonce", "beyonce")])
    assert r.action == "not_found" and "beyonce" in r.text.lower()


def test_play_music_with_nothing_named_plays_recommendations(ctx):
    r = ask(ctx, "play some music", "play_music")
    assert r.action == "play" and dict(r.detail)["source"] == "recommendation"
    assert ctx.player.current is not None and ctx.player.current.kind == "music"


def test_like_and_dislike_are_recorded_and_dislike_skips(ctx):
    ask(ctx, "play so late by miles davis", "play_music")
    liked = ctx.player.current
    r = ask(ctx, "i love this song", "music_likeness", sentiment="positive")
    assert r.action == "like"
    r = ask(ctx, "i hate this song", "music_likeness", sentiment="negative")
    assert r.action == "dislike" and not r.text.startswith("Sorry")  # a dislike, not an apology
    assert ctx.player.current is not None and ctx.player.current.id != liked.id
    events = [(e.event, e.track_id) for e in history.events(ctx.db)]
    assert ("liked", liked.id) in events and ("disliked", liked.id) in events
    assert ("skipped", liked.id) in events


def test_transport_words_under_any_intent(ctx):
    ask(ctx, "play some pop", "play_music")
    assert ask(ctx, "pause the music", "audio_volume_mute").action == "pause"
    assert ctx.player.status().state == "paused"
    assert ask(ctx, "resume", "play_audiobook", confidence=0.3).action == "resume"
    first = ctx.player.current
    assert ask(ctx, "next song please", "music_settings").action == "next"
    assert ctx.player.current.id != first.id
    assert "This is" in ask(ctx, "what song is this", "music_query").text
    assert ask(ctx, "stop", "unknown", confidence=0.1).action == "stop"
    assert ctx.player.current is None


def test_spoken_media_kinds(ctx):
    assert ask(ctx, "play the radio", "play_radio").action == "play"
    assert ctx.player.current.kind == "radio"
    r = ask(ctx, "play demo radio hour", "play_podcasts",
            slots=[("podcast_name", "demo radio hour", "demo radio hour")])
    assert r.action == "play" and ctx.player.current.kind == "podcast"
    assert ask(ctx, "play my audiobook", "play_audiobook").action == "play"
    assert ctx.player.current.kind == "audiobook"


# ---------------------------------------------------------------------- volume, clock, chat


def test_volume_levels_and_mute(ctx):
    ctx.player.set_volume(0.5)
    assert ask(ctx, "turn it up", "audio_volume_up").text == "Volume 60 percent."
    assert ask(ctx, "set the volume to three", "audio_volume_down").text == "Volume 30 percent."
    ask(ctx, "raise the volume to fifty five percent", "audio_volume_up",
        slots=[("change_amount", "fifty five percent", 55)])
    assert ctx.player.volume == pytest.approx(0.55)
    assert ask(ctx, "mute", "audio_volume_mute").action == "mute" and ctx.player.volume == 0
    assert ask(ctx, "unmute the speaker", "audio_volume_up").action == "unmute"
    assert ctx.player.volume == pytest.approx(0.55)
    # CLINC150's "volume should be set at 4", read as audio_volume_mute 0.59, muted
    r = ask(ctx, "volume should be set at 4", "audio_volume_mute", confidence=0.59)
    assert r.text == "Volume 40 percent." and ctx.player.volume == pytest.approx(0.4), r
    assert ask(ctx, "mute the volume for 5 minutes", "audio_volume_mute").action == "mute"


@pytest.mark.parametrize("said,level,genre", [
    ("play jazz at volume three", 0.3, "Jazz"), ("play some classical music quietly", 0.3, "Classical"),
    ("play rock at full volume", 1.0, "Rock"), ("play some jazz loud please", 0.9, "Jazz")])
def test_a_play_command_with_its_level(ctx, said, level, genre):
    """The level said at the end of a play command was left out ("play jazz at volume three")."""
    r = ask(ctx, said, "play_music")
    assert r.action == "play" and ctx.player.current.genre == genre, r
    assert ctx.player.volume == pytest.approx(level), r
    assert r.text.endswith(f"Volume {round(level * 100)} percent."), r


def test_is_the_sound_on(ctx):
    ctx.player.play(library.tracks(ctx.db, kind="music")[:1])
    r = ask(ctx, "is the sound on", "music_query", confidence=0.51)  # "This is <the song>."
    assert r.text.startswith("The volume is "), r


def test_a_level_is_no_name(ctx):
    r = ask(ctx, "play the podcast at 40 percent", "play_podcasts",
            slots=[("podcast_name", "40 percent", "40 percent")])
    assert r.action == "play" and ctx.player.current.kind == "podcast" and ctx.player.volume == 0.4, r


def test_a_volume_question_is_answered_however_unsure(ctx):
    """Found in a scripted conversation: "How loud is it." (audio_volume_down 0.42) asked back
    "Did you want me to turn the volume down?"."""
    ctx.player.set_volume(0.65)
    r = ask(ctx, "How loud is it.", "audio_volume_down", confidence=0.42)
    assert (r.action, r.text) == ("say", "The volume is 65 percent."), r
    assert ctx.player.volume == pytest.approx(0.65)


def test_too_quiet_is_louder_and_unmute_is_no_quieter(ctx):
    """Found by a bank of sentences through the model: "it's too quiet" (audio_volume_mute 0.96)
    muted the speaker, and "unmute" at 100 % set it to 70 % (the level before an old mute)."""
    ctx.player.set_volume(0.5)
    r = ask(ctx, "it's too quiet", "audio_volume_mute", confidence=0.96, sentiment="negative")
    assert r.action == "volume" and ctx.player.volume == pytest.approx(0.6), r
    r = ask(ctx, "it's way too loud", "audio_volume_mute", confidence=0.5)
    assert r.action == "volume" and ctx.player.volume < 0.6, r
    ctx.player.set_volume(1.0)
    r = ask(ctx, "unmute", "audio_volume_up", confidence=0.7)
    assert (r.text, ctx.player.volume) == ("The sound is on, at 100 percent.", 1.0), r


def test_a_mute_for_a_while_ends(ctx):
    """Found in a scripted conversation: "don't disturb me for an hour" muted for good."""
    from assistant.skills.volume import unmute_when_due

    ctx.player.set_volume(0.6)
    r = ask(ctx, "don't disturb me for an hour", "audio_volume_mute", slots=[("time", "an hour", 3600)])
    assert (r.action, r.text) == ("mute", "Muted for 1 hour."), r
    assert ctx.player.volume == 0
    now = ctx.clock()
    assert unmute_when_due(ctx.db, ctx.player, now + 3599, 0.7) is None and ctx.player.volume == 0
    assert unmute_when_due(ctx.db, ctx.player, now + 3600, 0.7) == pytest.approx(0.6)
    assert ctx.player.volume == pytest.approx(0.6)
    assert unmute_when_due(ctx.db, ctx.player, now + 7200, 0.7) is None  # once
    # a plain mute, or a level set meanwhile, is not undone by an earlier timed one
    ask(ctx, "mute for ten minutes", "audio_volume_mute")
    ask(ctx, "mute", "audio_volume_mute")
    assert unmute_when_due(ctx.db, ctx.player, now + 3600, 0.7) is None and ctx.player.volume == 0


def test_volume_down_while_muted_and_a_whisper(ctx):
    """Found by a bank of household sentences through the model: "turn the volume down a bit"
    while muted said "That's as quiet as I go before mute.", and "turn it down to a whisper"
    went down one step."""
    ctx.player.set_volume(0.6)
    ask(ctx, "mute", "audio_volume_mute")
    r = ask(ctx, "could you please turn the volume down a bit", "audio_volume_down", 0.99, "negative")
    assert r.text.startswith("It's muted. Say unmute") and ctx.player.volume == 0, r
    ctx.player.set_volume(0.8)
    r = ask(ctx, "turn it down to a whisper", "audio_volume_down", 0.91, "negative")
    assert (r.text, ctx.player.volume) == ("Volume 10 percent.", 0.1), r


@pytest.mark.parametrize("first,intent,then,then_intent,level", [
    ("turn it down", "audio_volume_down", "a bit more", "general_repeat", 0.45),  # "repeat that?"
    ("louder", "audio_volume_up", "more", "general_repeat", 0.8),
    ("louder", "audio_volume_up", "too much", "audio_volume_down", 0.6),  # "didn't catch that"
    ("turn it down", "audio_volume_down", "too far", "unknown", 0.6),
    ("louder", "audio_volume_up", "a little less", "audio_volume_down", 0.65)])
def test_a_bit_more_goes_on_from_the_volume_just_changed(ctx, first, intent, then, then_intent, level):
    ctx.player.set_volume(0.6)
    ask(ctx, first, intent)
    r = ask(ctx, then, then_intent, confidence=0.3)
    assert r.action == "volume" and ctx.player.volume == pytest.approx(level), r


def test_speaking_pace(ctx):
    """Found in a scripted conversation: "can you speak more slowly?" (the model: audio_volume_up
    0.99) turned the volume up. The pace is the real espeak voice's, kept in the database."""
    from assistant.tts import PACE_KEY, EspeakSpeaker

    assert ask(ctx, "can you speak more slowly", "audio_volume_up").text == \
        "I'm not speaking out loud, so there's no pace to change."
    ctx.speaker = EspeakSpeaker()
    usual = len(ctx.speaker.synthesize("Okay, I'll speak more slowly."))
    volume = ctx.player.volume
    r = ask(ctx, "can you speak more slowly", "audio_volume_up", confidence=0.99)
    assert (r.action, r.text) == ("speech_pace", "Okay, I'll speak more slowly."), r
    assert ctx.player.volume == volume and ctx.speaker.pace == 0.85
    assert len(ctx.speaker.synthesize(r.text)) > 1.1 * usual
    assert ctx.db.get_meta(PACE_KEY) == "0.85"
    for _ in range(4):
        r = ask(ctx, "you're talking too fast", "general_quirky", confidence=0.3, sentiment="negative")
    assert r.text.endswith(". This is as slowly as I speak.") and ctx.speaker.pace == 0.6, r
    assert ask(ctx, "talk at normal speed", "audio_volume_down").text == "Okay, back to my usual pace."
    assert ask(ctx, "speak faster", "audio_volume_up").text == "Okay, I'll speak faster."
    assert ctx.speaker.pace == 1.18
    said = ask(ctx, "what time is it", "datetime_query").text
    # was "Nothing is playing to repeat." (the model: music_settings 0.94)
    r = ask(ctx, "repeat that slower", "music_settings", confidence=0.94)
    assert (r.action, r.text) == ("repeat", said) and ctx.speaker.pace == 1.0, r


def test_datetime_query_uses_the_clock(ctx):
    assert ask(ctx, "what time is it", "datetime_query").text == "It's 10:00 PM."
    assert ask(ctx, "what is the date today", "datetime_query").text == \
        "Today is Monday, March 2, 2026."
    assert ask(ctx, "what day is it", "datetime_query").text == "It's Monday."


def test_time_in_a_named_city(ctx):
    zoneinfo = pytest.importorskip("zoneinfo")
    try:
        tokyo = dt.datetime.fromtimestamp(ctx.clock(), zoneinfo.ZoneInfo("Asia/Tokyo"))
    except zoneinfo.ZoneInfoNotFoundError:
        pytest.skip("no time-zone database on this system")
    r = ask(ctx, "what time is it in tokyo", "datetime_query",
            slots=[("place_name", "tokyo", "tokyo")])
    assert r.text.startswith(f"In Tokyo it's {tokyo.hour % 12 or 12}:{tokyo.minute:02d}")
    r = ask(ctx, "how much later is new york than la", "datetime_convert")
    assert r.text == "New York is 3 hours ahead of Los Angeles."


def test_chat_varies_and_repeat_repeats(ctx):
    greetings = {ask(ctx, "hello", "general_greet").text for _ in range(3)}
    assert len(greetings) == 3
    said = ask(ctx, "tell me a joke", "general_joke").text
    r = ask(ctx, "say that again", "general_repeat")
    assert (r.text, r.action) == (said, "repeat")


# ---------------------------------------------------------------------- honesty, doubt, mood


@pytest.mark.parametrize("intent,text,word", [
    ("weather_query", "what's the weather like", "weather"),
    ("email_sendemail", "send an email to john", "email"),
    ("takeaway_order", "order a pizza", "takeaway"),
    ("iot_hue_lightoff", "turn off the lights", "smart home"),
    ("news_query", "what's the news", "news"),
])
def test_unsupported_gets_an_honest_answer_and_no_action(ctx, intent, text, word):
    r = ask(ctx, text, intent)
    assert r.action == "unsupported" and word in r.text.lower() and r.text.startswith("Sorry")
    assert ctx.player.current is None and ctx.timers.pending() == []


@pytest.mark.parametrize("text,intent,confidence,said", [
    ("set the thermostat to seventy degrees", "alarm_set", 0.32, "smart home"),  # was "didn't catch"
    ("call my mom", "email_querycontact", 0.80, "phone calls"),  # was "look up your contacts"
    ("book a table for two at an italian restaurant", "takeaway_order", 0.39, "restaurants"),
    ("turn on the lamp in the bedroom", "iot_hue_lighton", 0.55, "smart home"),
    # found by a bank of household requests through the model: each was a wrong action or answer
    ("book a table for two", "lists_createoradd", 0.89, "restaurants"),  # "What should I add ..."
    ("send a text to dad", "email_sendemail", 1.0, "send messages"),  # "can't send email"
    ("who won the game last night", "general_quirky", 0.62, "sports"),  # "a good listener"
    ("what's the score", "music_query", 0.85, "sports"),  # "Nothing is playing right now."
    ("translate hello into spanish", "iot_coffee", 0.18, "translate"),  # "didn't catch that"
    ("lock the front door", "iot_hue_lightoff", 0.20, "smart home"),  # "didn't catch that"
    ("find my phone", "email_querycontact", 0.95, "your phone"),  # "look up your contacts"
    ("what's on tv tonight", "social_query", 0.85, "on TV"),  # "check social media"
])
def test_what_it_cannot_do_is_named_by_the_words(ctx, text, intent, confidence, said):
    r = ask(ctx, text, intent, confidence=confidence)
    assert r.action == "unsupported" and said in r.text, r
    assert ctx.timers.pending() == []


def test_a_request_is_not_an_item_for_the_list(ctx):
    """"What should I add to your shopping list?" then "send a text to dad" put it on the list."""
    # "add to my list" was "Added to my list to your shopping list."
    assert ask(ctx, "add to my list", "lists_createoradd").text == "What should I add to your shopping list?"
    r = ask(ctx, "send a text to dad", "email_sendemail")
    assert r.action == "unsupported", r
    assert ask(ctx, "add something to my shopping list", "lists_createoradd").action == "clarify"
    assert ask(ctx, "dish soap", "general_quirky", confidence=0.4).action == "list_add"
    # "Cheese." read as a recipe request (cooking_recipe 0.98) said it couldn't look up recipes
    assert ask(ctx, "add something to my shopping list", "lists_createoradd").action == "clarify"
    r = ask(ctx, "cheese", "cooking_recipe", confidence=0.98)
    assert r.action == "list_add" and "cheese" in r.text, r


def test_device_words_do_not_take_commands_it_can_do(ctx):
    r = ask(ctx, "remind me to turn off the heating at ten", "calendar_set", confidence=0.5)
    assert r.action == "reminder_set", r
    r = ask(ctx, "play lights by ellie goulding", "play_music", confidence=0.9,
            slots=[("song_name", "lights", "lights")])
    assert r.action != "unsupported", r


def test_low_confidence_asks_and_yes_carries_it_out(ctx):
    r = ask(ctx, "play some jazz", "play_music", confidence=0.45,
            slots=[("music_genre", "jazz", "jazz")])
    assert r.action == "clarify" and r.text == "Did you want me to play music?"
    assert ctx.player.current is None
    r = ask(ctx, "yes please", "general_affirm")
    assert r.action == "play" and ctx.player.current.genre == "Jazz"
    ask(ctx, "set an alarm", "alarm_set", confidence=0.42)
    assert ask(ctx, "no", "general_negate").text == "Okay, never mind."
    assert ask(ctx, "yes", "general_affirm").text == "Okay."  # nothing pending any more
    r = ask(ctx, "mumble mumble", "unknown", confidence=0.9)
    assert r.action == "clarify" and "say it another way" in r.text
    # a guess this unsure is not offered (GUESS_MIN), and "yes" then carries out nothing
    r = ask(ctx, "banana boat", "play_radio", confidence=0.23)
    assert r.action == "clarify" and "say it another way" in r.text, r
    assert ask(ctx, "yes", "general_affirm").action == "say" and ctx.player.current.genre == "Jazz"


def test_clarification_expires(ctx):
    ask(ctx, "play some jazz", "play_music", confidence=0.45)
    ctx.clock.t += 60
    assert ask(ctx, "yes", "general_affirm").action == "say"
    assert ctx.player.current is None


def test_negative_sentiment_makes_the_reply_apologetic(ctx):
    r = ask(ctx, "ugh what time is it", "datetime_query", sentiment="negative")
    assert r.text.startswith(("Sorry", "I'm sorry")) and "10:00 PM" in r.text
    r = ask(ctx, "you never play anything good, play rock", "play_music", sentiment="negative",
            slots=[("music_genre", "rock", "rock")])
    assert r.text.startswith(("Sorry", "I'm sorry")) and r.action == "play"
    neutral = ask(ctx, "what time is it", "datetime_query")
    assert not neutral.text.startswith(("Sorry", "I'm sorry"))


def test_a_volume_command_is_not_a_complaint_but_too_loud_is(ctx):
    r = ask(ctx, "turn the volume down a bit", "audio_volume_down", sentiment="negative")
    assert r.action == "volume" and not r.text.startswith(("Sorry", "I'm sorry")), r
    r = ask(ctx, "it's way too loud", "audio_volume_down", sentiment="negative")
    assert r.action == "volume" and r.text.startswith(("Sorry", "I'm sorry")), r


def test_a_cancel_or_delete_command_is_not_apologised_for(ctx):
    ask(ctx, "set an alarm for seven am", "alarm_set", slots=[("time", "seven am", "07:00")])
    r = ask(ctx, "cancel my alarm", "alarm_remove", sentiment="negative")
    assert r.action == "alarm_remove" and not r.text.startswith(("Sorry", "I'm sorry")), r


def test_skip_is_not_apologised_for_and_turn_off_the_music_stops_it(ctx):
    ask(ctx, "play some jazz", "play_music", slots=[("music_genre", "jazz", "jazz")])
    r = ask(ctx, "skip", "play_podcasts", sentiment="negative")  # what the model says of "skip"
    assert r.action == "next" and not r.text.startswith(("Sorry", "I'm sorry")), r
    volume = ctx.player.volume
    r = ask(ctx, "turn off the music", "audio_volume_mute", sentiment="negative")
    assert r.action == "stop" and ctx.player.current is None and ctx.player.volume == volume, r


def test_repeat_this_song_and_stop_repeating(ctx):
    assert ask(ctx, "repeat this song", "music_settings").text == "Nothing is playing to repeat."
    ask(ctx, "play some jazz", "play_music", slots=[("music_genre", "jazz", "jazz")])
    playing = ctx.player.current
    r = ask(ctx, "put this song on repeat", "music_settings")
    assert r.action == "repeat_mode" and r.text.endswith("is on repeat.")
    assert ctx.player.status().repeat == "one" and ctx.player.current == playing
    # the model reads "turn repeat off" as a smart plug; "repeat that" stays a spoken repeat
    r = ask(ctx, "turn repeat off", "iot_wemo_off", confidence=0.41)
    assert (r.action, r.text) == ("repeat_mode", "Repeat is off.")
    assert ask(ctx, "turn on repeat", "music_settings").text.startswith("Okay, I'll play these")
    assert ctx.player.status().repeat == "all"
    assert ask(ctx, "repeat that", "general_repeat").action == "repeat"


def test_found_in_conversation_date_volume_mute_farewell_episode_alarm(ctx):
    # "what's the date next friday" answered with today's date
    r = ask(ctx, "what's the date next friday", "datetime_query",
            slots=[("date", "next friday", "2026-03-06")])
    assert r.text == "That's Friday, March 6, 2026.", r
    # "max volume" went up one step
    ask(ctx, "max volume", "audio_volume_up", slots=[("change_amount", "max", None)])
    assert ctx.player.volume == pytest.approx(1.0)
    # "mute" when muted says how to get the sound back; "a mute" then is a misheard "unmute"
    ask(ctx, "mute", "audio_volume_mute")
    r = ask(ctx, "mute", "audio_volume_mute")
    assert "already muted" in r.text.lower() and ctx.player.volume == 0, r
    r = ask(ctx, "A mute.", "audio_volume_mute")
    assert r.action == "unmute" and ctx.player.volume == pytest.approx(1.0), r
    ask(ctx, "Amute.", "audio_volume_mute")  # not muted: a mute
    assert ctx.player.volume == 0
    # "goodbye" was read as audio_volume_mute
    assert ask(ctx, "goodbye", "audio_volume_mute", confidence=0.62).text == "Goodbye."
    assert ask(ctx, "good night", "general_quirky", confidence=0.25).text == "Good night, sleep well."
    # "play the next episode" looked for an episode called "next episode"
    ask(ctx, "play a podcast", "play_podcasts")
    first = ctx.player.current
    r = ask(ctx, "play the next episode", "play_podcasts",
            slots=[("podcast_descriptor", "next episode", "next episode")])
    assert r.action == "next" and ctx.player.current != first, r
    # "delete my 745 alarm" asked which alarm
    ask(ctx, "set an alarm for seven forty five pm", "alarm_set", slots=[("time", "seven forty five pm", "19:45")])
    ask(ctx, "set an alarm for six am", "alarm_set", slots=[("time", "six am", "06:00")])
    r = ask(ctx, "delete my 745 alarm", "alarm_remove")
    assert r.action == "alarm_remove" and "7:45" in r.text, r


def test_found_in_conversation_library_names_shuffle_and_what_was_that(ctx):
    # "put on some daft punk" (unsure, a game_name slot) and "play strobe" (play_game): both in
    # the library, so both play
    r = ask(ctx, "put on some daft punk", "play_music", confidence=0.40,
            slots=[("game_name", "daft punk", "daft punk")])
    assert r.action == "play" and ctx.player.current.artist == "Daft Punk", r
    r = ask(ctx, "play strobe", "play_game", confidence=0.69, slots=[("game_name", "strobe", "strobe")])
    assert r.action == "play" and ctx.player.current.title == "Strobe Demo", r
    # a game that is not in the library is still a game
    assert ask(ctx, "play chess", "play_game").action == "unsupported"
    # "shuffle my music" was an unsupported setting
    r = ask(ctx, "shuffle my music", "music_settings", slots=[("player_setting", "shuffle", "shuffle")])
    assert r.action == "play" and r.text.startswith("Shuffling your music"), r
    assert ctx.player.status().queue_len == len(library.tracks(ctx.db, kind="music"))
    # "what was that song?" just after a stop: the song that was playing
    was = ctx.player.current
    ask(ctx, "stop", "general_commandstop")
    r = ask(ctx, "what was that song", "music_query")
    from assistant.skills.spoken import speakable
    assert r.text == f"That was {speakable(was.title)} by {speakable(was.artist)}.", r  # "AC/DC" said "AC DC"
    r = ask(ctx, "is the music still playing", "music_query")
    assert r.text == f"No, it's stopped. That was {speakable(was.title)} by {speakable(was.artist)}.", r


def test_play_episode_two_and_stop_the_podcast(ctx):
    ask(ctx, "play a podcast", "play_podcasts")
    r = ask(ctx, "play episode two", "play_podcasts", slots=[("podcast_descriptor", "episode", "episode")])
    assert r.action == "play" and ctx.player.current.title.startswith("Episode 2"), r
    r = ask(ctx, "stop the podcast", "play_podcasts", sentiment="negative")
    assert r.action == "stop" and not r.text.startswith(("Sorry", "I'm sorry")), r


def test_timers_by_length_time_left_and_more_time(ctx):
    ask(ctx, "set a timer for ninety seconds", "alarm_set", slots=[("time", "ninety seconds", 90)])
    ask(ctx, "set a timer for ten minutes", "alarm_set", slots=[("time", "ten minutes", 600)])
    # "how much time is left" was a datetime_query ("It's 8:06 PM.")
    r = ask(ctx, "how much time is left", "datetime_query", confidence=0.77)
    assert r.text.startswith("You have two timers"), r
    # "add five minutes to my timer" set a new five-minute timer
    r = ask(ctx, "add five minutes to my timer", "alarm_set", slots=[("time", "five minutes", 300)])
    assert r.action == "timer_extend" and len(ctx.timers.pending("timer")) == 2, r
    assert "6 minutes and 30 seconds" in r.text, r
    assert ask(ctx, "set another timer for five minutes", "alarm_set",
               slots=[("time", "five minutes", 300)]).action == "timer_set"
    # "cancel the ten minute timer" asked which one
    r = ask(ctx, "cancel the ten minute timer", "alarm_remove", confidence=0.52,
            slots=[("time", "ten minute", 600)])
    assert r.action == "timer_remove" and r.text == "Cancelled the timer set for 10 minutes.", r
    assert sorted(t.duration_s for t in ctx.timers.pending("timer")) == [300, 390]


def test_whats_the_volume_tells_it_and_good_job_is_praise(ctx):
    ctx.player.set_volume(0.7)
    for text in ("what's the volume", "what's the volume now", "how loud is it"):
        r = ask(ctx, text, "audio_volume_up", confidence=0.83)  # what the model says of it
        assert r.text == "The volume is 70 percent." and ctx.player.volume == 0.7, r
    assert ask(ctx, "turn the volume up", "audio_volume_up").action == "volume"
    assert ctx.player.volume > 0.7
    r = ask(ctx, "good job", "general_quirky", confidence=0.68)
    assert r.text in ("You're welcome!", "Glad I could help.", "That's kind of you.",
                      "Thanks, I try my best."), r


@pytest.mark.parametrize("text,what", [
    ("Remind me in ten minutes to check the oven.", "check the oven"),
    ("remind me to call mom in an hour", "call mom"),
    ("remind me at 5 pm to take the bins out", "take the bins out"),
    ("Remind me about the laundry in half an hour.", "about the laundry"),
    ("remind me in twenty minutes", ""),
])
def test_reminder_subject(text, what):
    from assistant.skills.reminders import reminder_subject
    assert reminder_subject(text) == what


def test_remind_me_in_ten_minutes_is_a_reminder_not_a_calendar_entry(ctx):
    # what the model says of it: calendar_set; with a time to ring at it is a reminder
    r = ask(ctx, "remind me in ten minutes to check the oven", "calendar_set",
            slots=[("time", "ten minutes", 600)])
    assert r.action == "reminder_set" and r.text == "Okay, I'll remind you to check the oven in 10 minutes."
    (t,) = ctx.timers.pending("timer")
    assert t.label == "remind: check the oven" and t.duration_s == 600
    r = ask(ctx, "remind me about the laundry in half an hour", "calendar_set")
    assert r.text == "Okay, I'll remind you about the laundry in 30 minutes.", r
    r = ask(ctx, "remind me at seven pm to water the plants", "calendar_set")
    assert r.action == "reminder_set" and "7 PM" in r.text, r
    # without one it is a calendar entry, which needs its day
    r = ask(ctx, "remind me about mom's birthday", "calendar_set")
    assert (r.action, r.text) == ("clarify", "When is mom's birthday?")


def test_named_timers(ctx):
    r = ask(ctx, "set a pasta timer for eight minutes", "alarm_set", slots=[("time", "eight minutes", 480)])
    assert r.text == "Pasta timer set for 8 minutes.", r
    r = ask(ctx, "I need a timer for the eggs, six minutes", "alarm_set", slots=[("time", "six minutes", 360)])
    assert r.text == "Eggs timer set for 6 minutes.", r
    assert ask(ctx, "set a ten minute timer", "alarm_set", slots=[("time", "ten minute", 600)]).text == \
        "Timer set for 10 minutes."
    # "how long is left on the pasta timer" answered for the next timer (the eggs)
    r = ask(ctx, "how long is left on the pasta timer", "calendar_query", confidence=0.68)
    assert r.text == "Your pasta timer has 8 minutes left.", r
    r = ask(ctx, "cancel the pasta timer", "alarm_remove")
    assert r.text == "Cancelled the pasta timer." and [t.label for t in ctx.timers.pending("timer")] == ["eggs", ""]


def test_i_dont_like_this_while_playing_is_a_dislike_whatever_the_confidence(ctx):
    ask(ctx, "play some jazz", "play_music", slots=[("music_genre", "jazz", "jazz")])
    playing = ctx.player.current
    # what the shipped model said of it: unsure, and the sentiment head missed the negation
    r = ask(ctx, "I don't like this.", "music_likeness", confidence=0.31, sentiment="positive")
    assert r.action == "dislike" and ctx.player.current != playing, r
    playing = ctx.player.current
    r = ask(ctx, "skip this one, I don't like it", "music_settings", confidence=0.35, sentiment="negative")
    assert r.action == "dislike" and ctx.player.current != playing, r


def test_repeat_that_repeats_the_last_reply_whatever_the_model_says(ctx):
    said = ask(ctx, "what time is it", "datetime_query")
    # the model reads "repeat that" as the music's repeat setting about as often as a repeat request
    again = ask(ctx, "repeat that", "music_settings", slots=[("player_setting", "repeat", "repeat")])
    assert again.action == "repeat" and again.text == said.text


@pytest.mark.parametrize("answer", ["Seven thirty.", "seven thirty", "At 7:30."])
def test_a_bare_time_answers_what_time_should_i_set_the_alarm_for(ctx, answer):
    assert ask(ctx, "set an alarm", "alarm_set").action == "clarify"
    # as the model reads the bare answer: unsure, its slot as the loop normalises it
    from assistant.normalize import normalize
    r = ask(ctx, answer, "alarm_set", confidence=0.38,
            slots=[("time", answer, normalize("time", answer))])
    assert r.action == "alarm_set" and "7:30" in r.text, r
    # and when the model tags no time slot at all, the words alone
    ctx.timers.cancel(int(dict(r.detail)["id"]))  # not "You already have an alarm at 7:30 AM"
    assert ask(ctx, "set an alarm", "alarm_set").action == "clarify"
    r = ask(ctx, answer, "general_quirky", confidence=0.2)
    assert r.action == "alarm_set" and "7:30" in r.text, r


@pytest.mark.parametrize("text,intent,confidence", [("hello", "unknown", 0.16),
                                                     ("good morning", "alarm_set", 0.28),
                                                     ("hi there", "unknown", 0.09)])
def test_greetings_reach_the_greeting_whatever_the_model_says(ctx, text, intent, confidence):
    # what the shipped model says of these words (HWU64 has no greeting intent)
    r = ask(ctx, text, intent, confidence=confidence)
    assert r.action == "say" and r.text.split()[0].strip(".!,") in ("Hello", "Hi", "Hey", "Good"), r


def test_what_can_you_do_gets_what_it_can_do(ctx):
    r = ask(ctx, "what can you do", "general_quirky", confidence=0.87)
    assert "timer" in r.text.lower() or "play" in r.text.lower(), r


def test_lukewarm_negative_sentiment_on_a_plain_command_is_no_complaint(ctx):
    u = Understanding("tell me a joke", "general_joke", 0.99, "negative", 0.68)
    assert not respond(u, ctx).text.startswith(("Sorry", "I'm sorry"))


# ---------------------------------------------------------------------- spoken numbers


@pytest.mark.parametrize("text,seconds", [
    ("set a timer for ten minutes", 600), ("timer for 10 min", 600), ("two seconds", 2),
    ("an hour and a half", 5400), ("half an hour", 1800), ("1 hour 20 minutes", 4800),
    ("twenty five minutes", 1500), ("a minute and a half", 90), ("wake me at seven", None),
])
def test_parse_duration(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text,clock", [
    ("wake me up at seven am", (7, 0, True)), ("alarm at 7:30 pm", (19, 30, True)),
    ("set alarm for 6 a.m.", (6, 0, True)), ("half past seven", (7, 30, False)),
    ("quarter to eight in the morning", (7, 45, True)), ("alarm at noon", (12, 0, True)),
    ("alarm for six oh five am", (6, 5, True)), ("five o'clock in the evening", (17, 0, True)),
    ("set a timer for ten minutes", None),
])
def test_parse_clock(text, clock):
    assert parse_clock(text) == clock


def test_next_occurrence_picks_am_or_pm():
    ten_am = dt.datetime(2026, 3, 2, 10, 0).timestamp()
    at = dt.datetime.fromtimestamp(next_occurrence(7, 0, ten_am, sure=False))
    assert at == dt.datetime(2026, 3, 2, 19, 0)
    at = dt.datetime.fromtimestamp(next_occurrence(7, 0, ten_am, sure=True, text="on friday"))
    assert at == dt.datetime(2026, 3, 6, 7, 0)


# ---------------------------------------------------------------------- through the real model


@pytest.fixture(scope="module")
def nlu():
    if not (MODELS_DIR / "nlu" / "card.json").is_file():
        pytest.skip("models/nlu not built yet (python -m quantize export-nlu)")
    from assistant import nlu as N

    return N.load()


@pytest.mark.parametrize("text,action", [
    ("set a timer for ten minutes", "timer_set"),
    ("play some jazz", "play"),
    ("what's the weather like tomorrow", "unsupported"),
])
def test_real_understanding_to_reply(ctx, nlu, text, action):
    u = nlu.understand_batch([text], now=dt.datetime.fromtimestamp(ctx.clock()))[0]
    r = respond(u, ctx)
    assert r.action in (action, "clarify"), (u, r)
    if r.action == "clarify":  # a doubtful model asks; "yes" must then do the right thing
        r = respond(Understanding("yes", "general_affirm", 0.99, "neutral", 0.9), ctx)
        assert r.action == action, (u, r)


def test_a_skills_question_is_completed_by_the_next_answer(ctx):
    r = ask(ctx, "set a timer", "alarm_set")
    assert r.action == "clarify" and "how long" in r.text.lower()
    r = ask(ctx, "ten minutes", "unknown", confidence=0.2)
    assert r.action == "timer_set" and dict(r.detail)["seconds"] == "600"
    r = ask(ctx, "set an alarm", "alarm_set")
    assert r.action == "clarify"
    r = ask(ctx, "play some jazz", "play_music")  # a new command, not an answer
    assert r.action == "play" and ctx.timers.pending("alarm") == []


def test_detail_keys_do_not_clash_with_the_loops_event_fields(ctx):
    ask(ctx, "play some jazz", "play_music")
    for intent in ("music_query", "play_radio", "alarm_set", "audio_volume_up", "weather_query"):
        r = ask(ctx, f"{intent} for ten minutes", intent)
        assert not {k for k, _ in r.detail} & {"kind", "action", "event", "time_s", "t"}, r


def test_answers_to_the_speakers_own_questions(ctx):
    """Found by a bank of sentences; what each did before is said beside it."""
    ask(ctx, "set an alarm", "alarm_set")
    # "Okay, I'll choose." (general_dontcare's own answer), and the question stayed open
    assert ask(ctx, "actually never mind", "general_dontcare").text == "Okay, never mind."
    ask(ctx, "set a timer", "alarm_set")
    # "For how long should I set the timer?" again
    assert ask(ctx, "um, make it five", "qa_maths", confidence=0.41).text == \
        "Timer set for 5 minutes."
    ask(ctx, "remind me to water the plants", "calendar_set")
    # "What time should I set the alarm for?"; "And the evening." is how tiny.en heard it once
    r = ask(ctx, "And the evening.", "calendar_query", confidence=0.23)
    assert r.text == "Okay, I'll remind you to water the plants at 6 PM tomorrow.", r
    ask(ctx, "remind me to call mom", "calendar_set")
    # "Tomorrow is Tuesday, March 3, 2026."
    assert ask(ctx, "tomorrow", "datetime_query", confidence=0.58).text == \
        "What time tomorrow should I remind you?"
    assert ask(ctx, "at ten", "alarm_set").text == \
        "Okay, I'll remind you to call mom at 10 AM tomorrow."
    # "I can only do simple sums"
    assert ask(ctx, "what's twelve times", "qa_maths").text == "Twelve times what?"
    assert ask(ctx, "seven", "qa_maths", confidence=0.89).text == "12 times 7 is 84."


def test_and_what_about_asks_the_last_question_again(ctx):
    """"And tomorrow?" and the like, found by a bank of sentences; each was a question back
    ("Did you want me to tell you the time?"), an events answer or a like."""
    ask(ctx, "what's on my calendar today", "calendar_query")
    assert ask(ctx, "and tomorrow?", "datetime_query", confidence=0.44).text == \
        "There's nothing on your calendar tomorrow."
    ask(ctx, "what time is it in tokyo", "datetime_query")
    assert ask(ctx, "and in london?", "recommendation_events", confidence=0.55).text.startswith(
        "In London it's ")
    ask(ctx, "how many days until christmas", "datetime_query")
    assert ask(ctx, "and until easter?", "datetime_query", confidence=0.42).text == \
        "Easter is in 34 days, on Sunday, April 5, 2026."
    ask(ctx, "what's the weather", "weather_query")
    assert ask(ctx, "and tomorrow?", "datetime_query", confidence=0.44).action == "unsupported"
    # a command of its own after "and" is that command, not the weather again
    ask(ctx, "what's the weather", "weather_query")
    assert ask(ctx, "and play some jazz", "play_music").action == "play"
    ask(ctx, "play some jazz", "play_music", slots=[("music_genre", "jazz", "jazz")])
    r = ask(ctx, "and some rock", "music_likeness", confidence=0.87)
    assert r.action == "play" and ctx.player.current.genre == "Rock", r


def test_the_pace_and_the_next_song_as_clinc150_says_them(ctx):
    """CLINC150 train/valid phrasings, said over music: "slow your speech" and "please don't speak
    so fast" muted the speaker; "decrease the speed of your speech" turned the volume down; "pass
    this song" recorded a like; "play the song after this" looked for a song called "after this"."""
    from assistant.tts import EspeakSpeaker

    ctx.speaker = EspeakSpeaker()
    ctx.player.play(library.tracks(ctx.db, kind="music")[:3])
    volume = ctx.player.volume
    for text, intent in (("slow your speech", "audio_volume_mute"), ("please don't speak so fast", "audio_volume_mute"),
                         ("decrease the speed of your speech please", "audio_volume_down")):
        r = ask(ctx, text, intent, 0.8)
        assert r.action == "speech_pace" and ctx.player.volume == volume, (text, r)
    assert ask(ctx, "don't talk so slow", "audio_volume_mute", 0.8).text == "Okay, I'll speak faster."
    first = ctx.player.current
    r = ask(ctx, "pass this song", "music_likeness", 0.81, sentiment="positive")
    assert r.action == "next" and ctx.player.current != first, r
    assert not [e for e in history.events(ctx.db, limit=50) if e.event == "liked"]
    r = ask(ctx, "play the song after this", "play_music", 0.96, sentiment="negative")
    assert r.action == "next", r
    assert ask(ctx, "Pass the song.", "play_music", 0.6).action == "next"  # as tiny.en heard "this"


def test_whisper_mode(ctx):
    """CLINC150 train/valid phrasings: "change to whisper mode" muted everything, "turn on your
    whisper mode" (iot_wemo_on) said no smart home devices; it is quiet, and "whisper mode off"
    goes back."""
    ctx.player.set_volume(0.7)
    r = ask(ctx, "change to whisper mode", "audio_volume_mute", 0.69, sentiment="negative")
    assert r.text == "Okay, I'll keep it down: volume 10 percent." and ctx.player.volume == pytest.approx(0.1), r
    r = ask(ctx, "whisper mode off", "audio_volume_mute", 0.86, sentiment="negative")
    assert ctx.player.volume == pytest.approx(0.7), r
    assert ask(ctx, "turn on your whisper mode", "iot_wemo_on", 0.74).action == "volume"
    r = ask(ctx, "use your quiet voice", "audio_volume_mute", 0.94)  # CLINC150: it muted
    assert r.action == "volume" and ctx.player.volume == pytest.approx(0.1), r
    assert ask(ctx, "quiet mode four hours", "audio_volume_mute", 1.0).text == "Muted for 4 hours."  # HWU64
    assert ask(ctx, "turn it down to a whisper", "audio_volume_down", 0.91).text == "Volume 10 percent."
