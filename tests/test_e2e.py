"""End to end through the real entry point: spoken recordings into `assistant run --input`.

The recordings are synthesised with the project's own voice (Piper) and go through exactly
the microphone's path: VAD → Whisper → wake gate → understanding → skill → speech → output.
"""

from __future__ import annotations

import json
import re
import sqlite3

import numpy as np
import pytest

from assistant import audio as A
from assistant.paths import MODELS_DIR
from tests.conftest import run_cli

pytestmark = pytest.mark.skipif(not (MODELS_DIR / "nlu" / "card.json").exists(),
                                reason="the understanding model (models/nlu) is not built")


@pytest.fixture
def speaker():
    """The project's Piper voice: espeak's "hey speaker" is too often heard as "here's the car"
    (bench/results/wake.md), which would test espeak rather than the loop."""
    import os

    from assistant.tts_piper import PiperSpeaker

    # seeded, and made anew for each test (0.2 s): Piper samples noise as it speaks, from one
    # process-wide stream, so a voice shared by the module made each test's recording depend on
    # the tests before it (E2E_VOICE_SEED=N tries another recording)
    return PiperSpeaker(seed=int(os.environ.get("E2E_VOICE_SEED", "0")))


def recording(tmp_path, speaker, *lines, tail_s: float = 2.0):
    """Lines spoken with 2 s of silence after each (a ``(text, gap_s)`` line: its own), then
    ``tail_s`` more → a WAV file."""
    from assistant.demo import render

    audio, _ = render(list(lines), speaker, gap_s=2.0)
    path = tmp_path / "input.wav"
    A.write_wav(path, np.concatenate([audio, np.zeros(A.samples(tail_s), np.float32)]))
    return path


def run(path, state_dir, *extra):
    r = run_cli("run", "--input", str(path), "--json", "--state-dir", str(state_dir), *extra)
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    return [json.loads(l) for l in r.stdout.splitlines() if l.strip()]


def kinds(events, kind):
    return [e for e in events if e["event"] == kind]


def rows(state_dir, sql):
    """What the loop left in its database (durable state, not the process's memory)."""
    con = sqlite3.connect(state_dir / "assistant.db")
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def history(state_dir):
    return rows(state_dir, "SELECT event, artist, title FROM history ORDER BY id")


def test_timer_rings(tmp_path, speaker, state_dir):
    ev = run(recording(tmp_path, speaker, "Hey speaker, set a timer for two seconds."), state_dir)
    assert kinds(ev, "understood")[0]["intent"] == "alarm_set"
    rings = [e for e in kinds(ev, "timer") if e.get("state") == "ringing"]
    assert rings, ev
    said = kinds(ev, "reply")[0]
    assert rings[0]["t"] >= said["t"] + 1.5  # it rang about two seconds later, not at once


def test_answering_a_ringing_timer_in_a_word(tmp_path, speaker, state_dir):
    """While a timer rings a short answer needs no wake phrase. "Snooze." said alone is heard right
    less than one time in four ("Snows.", "Please.", "Choose." ...): each snoozes it; later,
    "Okay, I'm up." silences it (it used to be ignored)."""
    ev = run(recording(tmp_path, speaker, ("Hey speaker, set a timer for two seconds.", 4.0),
                       ("Snooze.", 66.0), ("Okay, I'm up.", 3.0), tail_s=0.0), state_dir)
    assert [a["action"] for a in kinds(ev, "action")] == ["timer_set", "snooze", "dismiss"], ev
    assert [e["state"] for e in kinds(ev, "timer")] == ["ringing", "stopped", "ringing", "stopped"]


def test_a_ringing_timer_goes_quiet_when_something_else_is_asked(tmp_path, speaker, state_dir):
    """Found in a scripted conversation: a timer rang on, a minute, through "what was that timer
    for?" and two alarm commands; asked anything, it has been heard and goes quiet."""
    ev = run(recording(tmp_path, speaker, ("Hey speaker, set a timer for two seconds.", 5.0),
                       ("Hey speaker, what time is it?", 3.0), tail_s=0.0), state_dir)
    assert [a["action"] for a in kinds(ev, "action")] == ["timer_set", "say"], ev
    stopped = [e for e in kinds(ev, "timer") if e.get("state") == "stopped"]
    assert [e.get("why") for e in stopped] == ["answered"], ev
    assert kinds(ev, "reply")[-1]["text"].startswith("It's "), ev


def test_cancel_that_over_music_cancels_the_timer_not_the_music(tmp_path, speaker, state_dir):
    """"Hey speaker, cancel that." right after a timer was set, with music playing, cancels the
    timer and leaves the music (a stop word over music would have stopped the music)."""
    ev = run(recording(tmp_path, speaker, "Hey speaker, play some jazz.",
                       "Hey speaker, set a timer for ten minutes.", "Hey speaker, cancel that."),
             state_dir)
    assert [a["action"] for a in kinds(ev, "action")] == ["play", "timer_set", "timer_remove"], ev
    assert not kinds(ev, "barge_in"), ev
    assert rows(state_dir, "SELECT id FROM timers WHERE state = 'pending'") == []


def test_a_calendar_entry_is_told_when_it_starts(tmp_path, state_dir):
    """An entry with a time is told once as it starts (it used to pass in silence): the loop's
    clock on a recording is the wall clock at start plus the position, so an entry at the next
    whole minute falls inside 80 s of quiet."""
    import datetime as dt

    from assistant import db as D
    from assistant.agenda import Agenda

    now = dt.datetime.now()
    at = (now + dt.timedelta(seconds=75)).replace(second=0, microsecond=0)
    if at < now + dt.timedelta(seconds=15):
        at += dt.timedelta(minutes=1)
    with D.open_db(state_dir / "assistant.db") as db:
        Agenda(db).add("lunch with sam", at.date(), at.time(), now.timestamp())
        Agenda(db).add("the school run", at.date(), (at - dt.timedelta(hours=2)).time(),
                       now.timestamp())  # long past: not told
    path = tmp_path / "quiet.wav"
    A.write_wav(path, np.zeros(A.samples(80.0), np.float32))
    ev = run(path, state_dir)
    told = kinds(ev, "calendar")
    assert [e["said"] for e in told] == ["Now on your calendar: lunch with sam."], ev
    assert abs(told[0]["t"] - (at - now).total_seconds()) < 10, (told, at, now)


def test_a_music_alarm_plays_music_and_does_not_ring(tmp_path, state_dir):
    """"Wake me up with jazz at seven" rang the tone: the alarm's music plays instead."""
    import time

    from assistant import db as D
    from assistant.timers import Timers

    with D.open_db(state_dir / "assistant.db") as db:
        Timers(db).add_alarm(time.time() + 3.0, time.time(), "music:jazz")
    path = tmp_path / "quiet.wav"
    A.write_wav(path, np.zeros(A.samples(8.0), np.float32))
    ev = run(path, state_dir)
    states = [e.get("state") for e in kinds(ev, "timer")]
    assert states == ["music"], ev
    genres = rows(state_dir, "SELECT t.genre FROM history h JOIN tracks t ON t.id = h.track_id "
                             "WHERE h.event = 'started'")
    assert genres and {g for (g,) in genres} == {"Jazz"}, genres


def test_a_music_alarm_is_snoozed(tmp_path, speaker, state_dir):
    """"Snooze" while the alarm's jazz played said "Nothing is ringing." and it played on."""
    import time

    from assistant import db as D
    from assistant.demo import render
    from assistant.timers import Timers

    with D.open_db(state_dir / "assistant.db") as db:
        Timers(db).add_alarm(time.time() + 2.0, time.time(), "music:jazz")
    said, _ = render(["Hey speaker, snooze."], speaker, gap_s=3.0)
    path = tmp_path / "snooze.wav"
    A.write_wav(path, np.concatenate([np.zeros(A.samples(6.0), np.float32), said]))
    ev = run(path, state_dir)
    assert [e.get("state") for e in kinds(ev, "timer")] == ["music"], ev
    assert [a["action"] for a in kinds(ev, "action")] == ["snooze"], ev
    left = rows(state_dir, "SELECT label FROM timers WHERE state = 'pending'")
    assert left == [("music:jazz",)], left


def test_a_reminder_says_what_it_is_for_when_it_rings(tmp_path, speaker, state_dir):
    ev = run(recording(tmp_path, speaker, "Hey speaker, remind me in two seconds to check the oven."),
             state_dir)
    assert kinds(ev, "action")[0]["action"] == "reminder_set"
    rings = [e for e in kinds(ev, "timer") if e.get("state") == "ringing"]
    assert rings and rings[0]["said"] == "Reminder: check the oven.", ev


def test_a_reminder_answered_with_it_done_is_noted(tmp_path, speaker, state_dir):
    """"Reminder: take your pills." "I took them.": noted, so "did I take my pills today" is
    answered (the answer was "Sorry, I didn't catch that." and nothing was kept)."""
    ev = run(recording(tmp_path, speaker, ("Hey speaker, remind me in two seconds to take my pills.", 5.0),
                       ("I took them.", 3.0), ("Hey speaker, did I take my pills today?", 3.0),
                       tail_s=0.0), state_dir)
    assert [a["action"] for a in kinds(ev, "action")] == ["reminder_set", "done_noted", "say"], ev
    said = [e["text"] for e in kinds(ev, "reply")]
    assert said[1].startswith("Okay, noted: you took your pills at"), said
    assert said[2].startswith("Yes, you told me you took your pills at"), said
    assert rows(state_dir, "SELECT verb, what FROM done") == [("take", "my pills")]


def test_cancel_that_over_the_reply_cancels_what_was_just_set(tmp_path, speaker, state_dir):
    """"Set timers for five and ten minutes." "Cancel that.", said while "Two timers: one for 5
    minutes and one for 10 minutes." was still being said, only stopped the reply: both ran on."""
    ev = run(recording(tmp_path, speaker, ("Hey speaker, set timers for five and ten minutes.", 1.0),
                       ("Cancel that.", 3.0), tail_s=0.0), state_dir)
    assert [a["action"] for a in kinds(ev, "action")] == ["timer_set", "timer_remove"], ev
    assert rows(state_dir, "SELECT COUNT(*) FROM timers WHERE state = 'pending'") == [(0,)]


def test_what_whisper_writes_for_noise_is_not_answered(tmp_path, speaker, state_dir):
    """"Thanks for watching!", which Whisper writes for a TV or music it cannot hear words in, got
    "You're welcome!" in the follow-up window."""
    ev = run(recording(tmp_path, speaker, ("Hey speaker, what time is it?", 1.0), "Thanks for watching!"),
             state_dir)
    assert len(kinds(ev, "reply")) == 1, ev
    assert any(e.get("reason") == "words Whisper writes for noise" for e in kinds(ev, "ignored")), ev


def test_a_named_timer_says_which_one_rang(tmp_path, speaker, state_dir):
    ev = run(recording(tmp_path, speaker, "Hey speaker, set a pasta timer for two seconds."), state_dir)
    assert kinds(ev, "reply")[0]["text"] == "Pasta timer set for 2 seconds.", ev
    rings = [e for e in kinds(ev, "timer") if e.get("state") == "ringing"]
    assert rings and rings[0]["said"] == "Your pasta timer is done.", ev


def test_play_jazz_then_dislike(tmp_path, speaker, state_dir):
    conf = tmp_path / "always-twice.toml"  # hear every command twice, sure or not
    conf.write_text("[asr]\nhear_again_below = 1.0\n")
    ev = run(recording(tmp_path, speaker, "Hey speaker, play some jazz.", "Hey speaker, I hate this song."),
             state_dir, "--config", str(conf))
    understood = kinds(ev, "understood")
    assert understood[0]["intent"] == "play_music"
    # heard again at each of the other speeds, the wake phrase said in the same breath cut off
    again = [a.lower() for a in understood[0]["heard_again"]]
    assert len(again) == 3 and any("jazz" in a for a in again), understood[0]
    assert not any(a.startswith("hey") for a in again), understood[0]
    assert understood[1]["intent"] == "music_likeness" and understood[1]["sentiment"] == "negative"
    actions = kinds(ev, "action")
    assert actions[0]["action"] == "play"
    assert actions[1]["action"] == "dislike"
    rows = history(state_dir)
    assert ("started" in [r[0] for r in rows]) and ("disliked" in [r[0] for r in rows])
    # it skipped: the disliked track was cut short and another one started
    assert [r[0] for r in rows].count("started") >= 2


def test_names_tiny_en_misspells_still_play(tmp_path, speaker, state_dir):
    """tiny.en writes Piper's "Ella Fitzgerald" as "elephant's Gerald" and "Johann Sebastian Bach"
    as "yo han Sebastian Baap" (bench/results/spoken_names.md). A hearing at another speed that
    names library music wins, else the command is heard again with the library's nearest names
    in Whisper's prompt; a name the library does not have is still not found. So is a chapter
    the book lacks: heard as "play chaper free" (a game), then "play chapter 3" with the names."""
    ev = run(recording(tmp_path, speaker, "Hey speaker, play Ella Fitzgerald.",
                       "Hey speaker, play Johann Sebastian Bach.", "Hey speaker, play Taylor Swift.",
                       "Hey speaker, play chapter three."),
             state_dir)
    acts = kinds(ev, "action")
    assert [a["action"] for a in acts] == ["play", "play", "not_found", "not_found"], ev
    assert [a.get("artist") for a in acts[:2]] == ["Ella Fitzgerald", "Johann Sebastian Bach"], acts
    assert acts[3].get("query") == "chapter 3", acts


def test_unsupported_request_gets_an_honest_answer(tmp_path, speaker, state_dir):
    ev = run(recording(tmp_path, speaker, "Hey speaker, send an email to my boss."), state_dir)
    assert kinds(ev, "action")[0]["action"] == "unsupported"
    assert "offline" in kinds(ev, "reply")[0]["text"].lower() or "can't" in kinds(ev, "reply")[0]["text"].lower()


def test_silence_gives_nothing(tmp_path, state_dir):
    path = tmp_path / "silence.wav"
    A.write_wav(path, np.zeros(A.samples(6), np.float32))
    assert run(path, state_dir) == []


def test_command_without_wake_phrase_is_ignored(tmp_path, speaker, state_dir):
    ev = run(recording(tmp_path, speaker, "Play some jazz."), state_dir)
    assert kinds(ev, "utterance") and not kinds(ev, "action") and kinds(ev, "ignored")


def test_timer_survives_a_restart(tmp_path, speaker, state_dir):
    ev = run(recording(tmp_path, speaker, "Hey speaker, set a timer for one minute."), state_dir)
    assert kinds(ev, "action")[0]["action"] in ("timer_set", "timer")
    assert not [e for e in kinds(ev, "timer") if e.get("state") == "ringing"]
    # a new process, the same state: the timer is still there and rings on time
    silence = tmp_path / "later.wav"
    A.write_wav(silence, np.zeros(A.samples(62), np.float32))
    ev2 = run(silence, state_dir)
    assert [e for e in kinds(ev2, "timer") if e.get("state") == "ringing"]


def test_barge_in_stops_music_but_cancel_my_timer_is_a_command(tmp_path, speaker, state_dir):
    """While jazz plays, "cancel my timer" starts with a stop word but names the timer: it cancels
    the timer and leaves the music on; "stop" then stops the music without a reply."""
    ev = run(recording(tmp_path, speaker, "Hey speaker, set a timer for ten minutes.",
                       "Hey speaker, play some jazz.", "Hey speaker, cancel my timer.",
                       "Hey speaker, stop."), state_dir)
    # the third is understood as some *_remove; the words "cancel" + "timer" route it to the timers
    assert [a["action"] for a in kinds(ev, "action")] == ["timer_set", "play", "timer_remove"], ev
    cancel_t = kinds(ev, "action")[2]["t"]
    barges = kinds(ev, "barge_in")
    assert not [b for b in barges if b["t"] <= cancel_t], barges  # the music played on
    assert [b["stopped"] for b in barges if b["t"] > cancel_t] == [["music"]], ev
    assert len(kinds(ev, "reply")) == 3  # "stop" is answered by the silence, not by words
    states = [r[0] for r in rows(state_dir, "SELECT state FROM timers")]
    assert "pending" not in states, states


def test_a_stop_word_that_names_something_else_is_a_command(tmp_path, speaker, state_dir):
    """Over music, "cancel next meeting" was taken for "stop" (a barge-in that stopped the
    reply, and the meeting stayed); "silence for two hours" too (nothing was muted). Both are
    commands now, and the music plays on."""
    ev = run(recording(tmp_path, speaker, "Hey speaker, add a meeting with Tom tomorrow at ten.",
                       "Hey speaker, play some jazz.", "Hey speaker, cancel next meeting.",
                       "Hey speaker, silence for two hours."), state_dir)
    assert [a["action"] for a in kinds(ev, "action")] == ["calendar_add", "play", "calendar_remove",
                                                        "mute"], ev
    assert "music" not in [w for b in kinds(ev, "barge_in") for w in b["stopped"]], ev
    assert rows(state_dir, "SELECT title FROM agenda") == [], ev


def test_stop_over_a_reply_stops_what_that_reply_started(tmp_path, speaker, state_dir):
    """"Stop" said over "Playing rock, starting with ..." stops the speech and the music it
    announced; said over the answer to "what's playing", it stops the answer and the music plays on."""
    ev = run(recording(tmp_path, speaker, ("Hey speaker, play some jazz.", 4.0),
                       ("Hey speaker, what's playing?", 1.0), ("Stop.", 3.0),
                       ("Hey speaker, play some rock music.", 1.0), "Stop."), state_dir)
    assert [a["action"] for a in kinds(ev, "action")][-1] == "play", ev
    assert [b["stopped"] for b in kinds(ev, "barge_in")] == [["speech"], ["speech", "music"]], ev


def test_one_word_commands_in_the_follow_up_window(tmp_path, speaker, state_dir):
    """"Pause." and "Skip." said alone right after a reply: tiny.en hears Piper's lone "Pause."
    as "Boss." on this recording; either way the music pauses, then skips."""
    ev = run(recording(tmp_path, speaker, "Hey speaker, play some jazz.", "Pause.",
                       "Hey speaker, resume.", "Skip."), state_dir)
    assert [a["action"] for a in kinds(ev, "action")] == ["play", "pause", "resume", "next"], ev


def test_talk_in_the_room_after_a_reply_is_left_alone(tmp_path, speaker, state_dir):
    """The follow-up window after a reply hears people talking to each other too: a remark about
    yesterday's weather used to get the weather answer. It is let pass in silence; a reaction to
    the reply ("that was a funny one") and a command in the window are still answered."""
    ev = run(recording(tmp_path, speaker, "Hey speaker, what time is it?",
                       "The weather was lovely yesterday.", "Hey speaker, tell me a joke.",
                       "That was a funny one.", "Louder."), state_dir)
    ignored = [e for e in kinds(ev, "ignored") if e["reason"] == "not meant for the speaker"]
    assert len(ignored) == 1 and "weather" in ignored[0]["text"].lower(), ev
    assert len(kinds(ev, "reply")) == 4, ev
    assert kinds(ev, "action")[-1]["action"] == "volume", ev


def test_wake_alone_then_command_then_follow_up(tmp_path, speaker, state_dir):
    """"Hey speaker" alone wakes it (a short tone); the next utterance is the command; right after
    the reply a follow-up needs no wake phrase; later, one without the phrase is ignored again."""
    from assistant.demo import render

    audio_parts = []
    for lines, gap in ((["Hey speaker.", "What time is it?", "Tell me a joke."], 2.0), (["Tell me a joke."], 0.0)):
        audio, _ = render(lines, speaker, gap_s=gap)
        audio_parts += [audio, np.zeros(A.samples(12.0), np.float32)]  # 12 s: past the follow-up window
    path = tmp_path / "input.wav"
    A.write_wav(path, np.concatenate(audio_parts))
    ev = run(path, state_dir)
    assert [e["event"] for e in ev if e["event"] in ("wake", "understood", "ignored")] == \
        ["wake", "understood", "understood", "ignored"], ev
    assert [e["intent"] for e in kinds(ev, "understood")] == ["datetime_query", "general_joke"]


def test_a_household_conversation(tmp_path, speaker, state_dir):
    """Phrasings a household uses that the model alone gets wrong (found by scripted
    conversations through this entry point): each must end in the right action and reply."""
    lines = ["Hey speaker, good morning.", "Hey speaker, what can you do?",
             "Hey speaker, put on some Daft Punk.", "Hey speaker, skip.",
             "Hey speaker, set an alarm.", "Seven thirty.", "Hey speaker, goodbye."]
    ev = run(recording(tmp_path, speaker, *lines), state_dir)
    said = [e["text"] for e in kinds(ev, "reply")]
    actions = [e["action"] for e in kinds(ev, "action")]
    assert len(said) == len(lines) == len(actions), ev
    assert said[0].startswith(("Hello", "Hi", "Hey", "Good morning")), said
    assert "timers" in said[1] and "music" in said[1], said
    assert actions[2] == "play" and "Daft Punk" in said[2], said
    assert actions[3] == "next" and not said[3].startswith(("Sorry", "I'm sorry")), said
    assert actions[4] == "clarify" and actions[5] == "alarm_set" and "7:30" in said[5], said
    assert said[6] == "Goodbye.", said


def test_an_answer_to_a_question_is_heard_once(tmp_path, speaker, state_dir):
    """A bare answer ("Half past seven.") to a skill's question is unsure as an intent by nature;
    hearing it again at other speeds only added mishearings to choose from ("seven party" for
    "Seven thirty." won on some recordings and set the alarm for 7:00). The answer was "Seven
    thirty." until tiny.en's int8 kernels on an AVX2 CPU heard "Seven party." the first time
    too, which no rule about hearing again can mend."""
    conf = tmp_path / "always-again.toml"  # hear every command again, sure or not
    conf.write_text("[asr]\nhear_again_below = 1.0\n")
    ev = run(recording(tmp_path, speaker, "Hey speaker, set an alarm.", "Half past seven."),
             state_dir, "--config", str(conf))
    understood = kinds(ev, "understood")
    assert len(understood[0]["heard_again"]) == 3  # the command itself is heard again
    assert understood[1]["heard_again"] == [], understood[1]
    assert "7:30" in kinds(ev, "reply")[1]["text"], ev


def test_a_reminder_on_a_day_asks_the_time_and_is_kept(tmp_path, speaker, state_dir):
    """"Remind me to call grandma on Saturday" was a whole-day calendar entry, never told: it asks
    the time, and the answer sets a reminder that rings then."""
    ev = run(recording(tmp_path, speaker, "Hey speaker, remind me to call grandma on Saturday.",
                       "At ten."), state_dir)
    said = [r["text"] for r in kinds(ev, "reply")]
    assert said[0] == "What time on Saturday should I remind you?", said
    assert kinds(ev, "action")[1]["action"] == "reminder_set", ev
    left = rows(state_dir, "SELECT label, strftime('%w %H:%M', due_at, 'unixepoch', 'localtime') "
                           "FROM timers WHERE state = 'pending'")
    assert left == [("remind: call grandma", "6 10:00")], left  # Saturday, 10 AM


def test_a_shopping_list_and_a_sum(tmp_path, speaker, state_dir):
    """Lists and sums need no service, so they are answered on the device: an item added by
    "we're out of ..." (which the model reads as iot_coffee), a question back for a missing item
    completed by the answer, the list read back, and a sum worked out."""
    lines = ["Hey speaker, add bread to my shopping list.",
             "Hey speaker, we're out of coffee.",
             "Hey speaker, add something to my list.", "Cheese.",
             "Hey speaker, what's on my shopping list?",
             "Hey speaker, what's fifteen times four?"]
    ev = run(recording(tmp_path, speaker, *lines), state_dir)
    said = [e["text"] for e in kinds(ev, "reply")]
    assert len(said) == len(lines), ev
    assert said[0] == "Added bread to your shopping list.", said
    assert said[1] == "Added coffee to your shopping list.", said
    assert said[2] == "What should I add to your shopping list?", said
    assert said[3] == "Added cheese to your shopping list.", said
    assert said[4] == "Your shopping list has bread, coffee and cheese.", said
    assert said[5] == "15 times 4 is 60.", said
    items = rows(state_dir, "SELECT item FROM list_items ORDER BY id")
    assert [r[0] for r in items] == ["bread", "coffee", "cheese"]


def test_two_commands_in_one_breath(tmp_path, speaker, state_dir):
    """Both commands of "set a timer for two seconds and play some jazz" are carried out and
    answered in one reply; a question back for one part is asked last, and its answer completes
    that part (the model alone reads each breath as one intent and did only one of them)."""
    lines = ["Hey speaker, set a timer for two seconds and play some jazz.",
             "Hey speaker, stop.",
             "Hey speaker, set an alarm and play some jazz.", "Seven thirty."]
    ev = run(recording(tmp_path, speaker, *lines), state_dir)
    first = kinds(ev, "understood")[0]
    assert [p["intent"] for p in first["parts"]] == ["alarm_set", "play_music"], first
    actions = [e["action"] for e in kinds(ev, "action")]
    assert actions[:2] == ["timer_set", "play"], actions
    said = [e["text"] for e in kinds(ev, "reply")]
    assert said[0].startswith("Timer set for 2 seconds. Playing jazz"), said
    assert any(e.get("state") == "ringing" for e in kinds(ev, "timer")), ev
    assert history(state_dir)[0][0] == "started", history(state_dir)  # the jazz was played
    assert said[-2].startswith("Playing jazz") and said[-2].endswith(
        "What time should I set the alarm for?"), said
    # "seven thirty" is whichever comes next by the wall clock: this morning, tonight or tomorrow
    assert re.fullmatch(r"Alarm set for 7:30 [AP]M( tomorrow)?\.", said[-1]), said


def test_a_command_changed_in_the_same_breath(tmp_path, speaker, state_dir):
    """"Play jazz, actually no, play rock" played jazz; "set a timer for ten minutes, I mean
    fifteen" set ten; "what's the weather like, oh never mind" got the weather's answer."""
    lines = ["Hey speaker, play jazz, actually no, play rock.",
             "Hey speaker, set a timer for ten minutes, I mean fifteen.",
             "Hey speaker, what's the weather like? Oh, never mind."]
    ev = run(recording(tmp_path, speaker, *lines), state_dir)
    meant = [e.get("meant") for e in kinds(ev, "understood")]
    assert meant[0].lower().startswith("play rock") and meant[2] == "never mind", meant
    said = [e["text"] for e in kinds(ev, "reply")]
    assert said[0].startswith("Playing rock"), said
    assert said[1] == "Timer set for 15 minutes." and said[2] == "Okay, never mind.", said


def test_a_calendar_kept_on_the_device(tmp_path, speaker, state_dir):
    """The household's calendar needs no account: an entry added with its day and time, one
    whose day is asked for and given in the answer, one looked up by name, then cancelled."""
    lines = ["Hey speaker, put team lunch on my calendar for tomorrow at noon.",
             "Hey speaker, add a haircut to my calendar.", "Saturday at ten.",
             "Hey speaker, when is team lunch?",
             "Hey speaker, cancel team lunch."]
    ev = run(recording(tmp_path, speaker, *lines), state_dir)
    said = [e["text"] for e in kinds(ev, "reply")]
    assert len(said) == len(lines), ev
    assert said[0] == "Added team lunch tomorrow at noon to your calendar.", said
    assert said[1] == "When is the haircut?", said
    assert said[2].startswith("Added haircut ") and said[2].endswith(
        " at 10 AM to your calendar."), said
    assert said[3] == "Team lunch is tomorrow at noon.", said
    assert said[4] == "Removed team lunch tomorrow at noon from your calendar.", said
    assert rows(state_dir, "SELECT title, at FROM agenda") == [("haircut", "10:00")]


def test_a_sleep_timer_stops_the_music_without_ringing(tmp_path, speaker, state_dir):
    ev = run(recording(tmp_path, speaker, "Hey speaker, play some jazz.",
                       "Hey speaker, turn it off in three seconds.", tail_s=4.0), state_dir)
    assert [e["action"] for e in kinds(ev, "action")] == ["play", "sleep_timer"], ev
    timers = kinds(ev, "timer")
    assert [t["state"] for t in timers] == ["done"] and timers[0]["label"] == "sleep", ev
    said = kinds(ev, "reply")[-1]
    assert said["text"] == "Okay, I'll stop the music in 3 seconds."
    assert timers[0]["t"] >= said["t"] + 2.5
    # the music stopped then: its play ends in the history, and nothing rang
    assert rows(state_dir, "SELECT event FROM history ORDER BY id")[-1][0] in ("finished", "skipped")


def test_stop_after_this_song_is_not_a_barge_in(tmp_path, speaker, state_dir):
    """"Hey speaker, stop after this song" over jazz was taken for "stop": the music stopped at
    once and nothing was set. It sets a sleep timer for the rest of the song now."""
    ev = run(recording(tmp_path, speaker, "Hey speaker, play some jazz.",
                       "Hey speaker, stop after this song."), state_dir)
    assert [a["action"] for a in kinds(ev, "action")] == ["play", "sleep_timer"], ev
    assert not kinds(ev, "barge_in"), ev


def test_cancel_alone_two_reminders_in_one_breath_and_what_was_heard(tmp_path, speaker, state_dir):
    """Through the loop: "cancel" alone after a timer was set left it running ("Okay."); "remind me
    at five to ... and at six to ..." (tiny.en writes the "and" as "in") set one reminder with both
    errands; "what did I just say" answered "Yes." and the last reply (it says what was heard)."""
    lines = ["Hey speaker, set a timer for ten minutes.", "Hey speaker, cancel.",
             "Hey speaker, remind me at five to pick up the kids and at six to start dinner.",
             "Hey speaker, what did I just say?"]
    ev = run(recording(tmp_path, speaker, *lines), state_dir)
    said = [e["text"] for e in kinds(ev, "reply")]
    assert said[0] == "Timer set for 10 minutes." and said[1] == "Okay, I cancelled that timer.", said
    assert not rows(state_dir, "SELECT id FROM timers WHERE kind = 'timer' AND state = 'pending'")
    assert said[2].startswith("Okay, I'll remind you to pick up the kids at 5 PM") and \
        "Okay, I'll remind you to start dinner at 6 PM" in said[2], said
    assert len(rows(state_dir, "SELECT id FROM timers WHERE label LIKE 'remind: %'")) == 2
    heard = kinds(ev, "utterance")[2]["text"]
    assert said[3].startswith("I heard: remind me at five to pick up the kids"), (said, heard)


def test_a_cleared_list_comes_back_and_one_days_alarms_are_asked_about(tmp_path, speaker, state_dir):
    """Through the loop: a list cleared by mistake could not be brought back ("undo that" said
    there was nothing to take back), and "turn off my alarm for tomorrow" with two that day
    turned off both unasked."""
    lines = ["Hey speaker, add milk, eggs and bread to my shopping list.",
             "Hey speaker, clear my shopping list.", "Hey speaker, undo that.",
             "Hey speaker, set an alarm for six a.m. tomorrow.", "Hey speaker, set an alarm for seven a.m. tomorrow.",
             "Hey speaker, turn off my alarm for tomorrow.", "No."]
    ev = run(recording(tmp_path, speaker, *lines), state_dir)
    said = [e["text"] for e in kinds(ev, "reply")]
    assert said[1] == "Okay, your shopping list is empty now.", said
    assert said[2] == "Okay, I put milk, eggs and bread back on your shopping list.", said
    assert [r[0] for r in rows(state_dir, "SELECT item FROM list_items ORDER BY id")] == ["milk", "eggs", "bread"]
    assert said[5] == "You have two alarms tomorrow, at 6 AM and 7 AM. Turn off both?", said
    assert said[6] == "Okay, never mind.", said
    assert len(rows(state_dir, "SELECT id FROM timers WHERE kind = 'alarm' AND state = 'pending'")) == 2
