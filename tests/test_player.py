"""The player, through its WAV-file sink (no sound card needed, no real time passing)."""

from __future__ import annotations

import time

import numpy as np
import pytest
import soundfile as sf

from assistant import db as D
from assistant import history as H
from assistant import library as L
from assistant.player import SKIP_BEFORE, open_player
from assistant.player_wav import WavPlayer

RATE = 22050


def rms(x):
    return float(np.sqrt(np.mean(np.square(x, dtype=np.float64))))


@pytest.fixture
def lib(tmp_path):
    """Three 2-second sine tracks at 44.1 kHz stereo (amplitude 0.5), scanned into a database."""
    d = tmp_path / "music"
    d.mkdir()
    for f in (440, 550, 660):
        t = np.arange(2 * 44100) / 44100
        x = 0.5 * np.sin(2 * np.pi * f * t)
        sf.write(str(d / f"tone{f}.flac"), np.stack([x, x], 1), 44100)
    with D.open_db(tmp_path / "assistant.db") as db:
        L.scan(db, d)
        yield db, sorted(L.tracks(db), key=lambda t: t.path)


@pytest.fixture
def player(lib, tmp_path):
    db, _ = lib
    p = WavPlayer(db=db, out_dir=tmp_path / "out", volume=0.5, duck_volume=0.1)
    yield p
    p.close()


def _wav(p):
    p._close_file()
    return [sf.read(str(f), dtype="float32") for f in p.files]


def test_wav_output_has_expected_length_and_level(lib, player):
    db, tracks = lib
    player.play(tracks[0])
    assert player.advance(5.0) == pytest.approx(2.0, abs=0.01)  # silence after the end is not written
    ((x, rate),) = _wav(player)
    assert rate == RATE and abs(x.size - 2 * RATE) <= 2
    # sine of amplitude 0.5 at volume 0.5: rms 0.25 / sqrt(2)
    assert rms(x[RATE // 10:-RATE // 10]) == pytest.approx(0.25 / np.sqrt(2), rel=0.02)
    assert np.abs(np.fft.rfft(x)).argmax() * RATE / x.size == pytest.approx(440, abs=2)
    assert player.status().state == "stopped"
    evs = H.events(db)[::-1]
    assert [(e.event, e.title) for e in evs] == [("started", "tone440"), ("finished", "tone440")]
    assert evs[1].fraction == 1.0 and evs[0].source == "voice" and evs[0].track_id == tracks[0].id


def test_queue_next_previous_and_skip_events(lib, player):
    db, tracks = lib
    player.play(tracks, source="recommendation")
    player.advance(0.5)
    player.next()  # 25 % heard: a skip
    assert player.current.title == "tone550"
    player.advance(1.9)
    player.previous()  # 95 % heard: counts as finished
    assert player.current.title == "tone440"
    player.advance(10)
    evs = [(e.event, e.title, e.source) for e in H.events(db)[::-1]]
    assert evs == [
        ("started", "tone440", "recommendation"), ("skipped", "tone440", "recommendation"),
        ("started", "tone550", "recommendation"), ("finished", "tone550", "recommendation"),
        ("started", "tone440", "recommendation"), ("finished", "tone440", "recommendation"),
        ("started", "tone550", "recommendation"), ("finished", "tone550", "recommendation"),
        ("started", "tone660", "recommendation"), ("finished", "tone660", "recommendation")]
    fr = [e.fraction for e in H.events(db)[::-1] if e.event == "skipped"]
    assert fr[0] == pytest.approx(0.25, abs=0.01) and fr[0] < SKIP_BEFORE
    assert sum(x.size for x, _ in _wav(player)) == pytest.approx((0.5 + 1.9 + 6) * RATE, abs=20)


def test_pause_resume_stop(lib, player):
    db, tracks = lib
    player.play(tracks[0])
    player.advance(0.5)
    player.pause()
    assert player.advance(3.0) == 0.0  # paused: time passes, nothing is heard or consumed
    player.resume()
    assert player.advance(1.0) == pytest.approx(1.0)
    assert player.status().position_s == pytest.approx(1.5, abs=0.01)
    player.stop()
    assert player.advance(1.0) == 0.0
    assert len(player.files) == 2  # one file per stretch of sound
    last = H.events(db)[0]
    assert last.event == "finished" and last.fraction == pytest.approx(0.75, abs=0.01)


def test_volume_and_ducking(lib, player):
    _, tracks = lib
    player.play(tracks[0])
    player.advance(0.5)
    player.duck()
    player.advance(0.5)
    player.unduck()
    player.advance(0.5)
    player.set_volume(0.25)
    player.advance(0.5)
    ((x, _),) = _wav(player)
    q = RATE // 2
    segs = [rms(x[i * q + q // 5:(i + 1) * q]) for i in range(4)]  # skip the 50 ms ramps
    base = 0.5 / np.sqrt(2)
    assert segs == pytest.approx([0.5 * base, 0.1 * base, 0.5 * base, 0.25 * base], rel=0.03)


def test_speech_is_mixed_over_ducked_music(lib, player):
    db, tracks = lib
    player.play(tracks[0])
    speech = np.full(8000, 0.4, np.float32)  # half a second of 16 kHz "speech" (DC for easy level)
    assert player.say(speech) == pytest.approx(0.5)
    player.advance(0.5)
    assert not player.speaking
    player.advance(0.5)
    ((x, _),) = _wav(player)
    first, second = x[RATE // 10:RATE // 2 - 500], x[RATE // 2 + RATE // 10:RATE]
    assert np.mean(first) == pytest.approx(0.4 * 0.5, abs=0.01)  # speech at the volume
    assert rms(first - np.mean(first)) == pytest.approx(0.1 * 0.5 / np.sqrt(2), rel=0.05)  # ducked
    assert rms(second) == pytest.approx(0.5 * 0.5 / np.sqrt(2), rel=0.05)  # and back


def test_muted_music_but_the_speaker_is_still_heard(tmp_path):
    """Volume 0 (mute) silences music, not replies or ring tones: they play at SPEECH_MIN."""
    from assistant.player import SPEECH_MIN

    p = WavPlayer(out_dir=tmp_path / "out", volume=0.0)
    p.say(np.full(16000, 0.5, np.float32))
    p.advance(1.0)
    p.close()
    ((x, _),) = _wav(p)
    assert np.mean(x[RATE // 10:RATE - RATE // 10]) == pytest.approx(0.5 * SPEECH_MIN, abs=0.01)


def test_speech_alone_is_written(tmp_path):
    p = WavPlayer(out_dir=tmp_path / "out", volume=1.0)
    p.say(np.full(16000, 0.3, np.float32))
    assert p.advance(3.0) == pytest.approx(1.0, abs=0.01)
    p.close()


def test_follow_on_extends_the_queue(lib, player):
    db, tracks = lib
    player.follow_on = lambda last: [tracks[2]] if last.id != tracks[2].id else []
    player.play(tracks[0])
    player.advance(10)
    evs = [(e.event, e.title, e.source) for e in H.events(db)[::-1]]
    assert evs[-2:] == [("started", "tone660", "follow-on"), ("finished", "tone660", "follow-on")]
    assert player.status().state == "stopped"


def test_like_and_unplayable_tracks(lib, player, tmp_path):
    db, tracks = lib
    broken = L.Track(999, str(tmp_path / "gone.flac"), "Gone", "X", "", "", "music", 1.0)
    player.play([broken, tracks[1]])
    assert player.current.title == "tone550"  # the missing file is passed over
    player.like()
    player.like(False)
    assert [e.event for e in H.events(db)[:2]] == ["disliked", "liked"]


def test_open_player_without_sound_card_writes_wav(lib, tmp_path, monkeypatch):
    db, tracks = lib
    monkeypatch.setenv("STATE_DIRECTORY", str(tmp_path / "state"))
    p = open_player(db, realtime=True)
    try:
        if not isinstance(p, WavPlayer):
            pytest.skip("this machine has a sound card")
        t0 = time.monotonic()
        p.play(tracks[0])
        # the real-time clock thread moves time on its own, never faster than the wall clock
        # (waited for, not slept for: on a loaded two-core machine 0.6 s of sleep once saw 0.1 s)
        while (pos := p.status().position_s) <= 0.2 and time.monotonic() < t0 + 10:
            time.sleep(0.05)
        assert 0.2 < pos <= time.monotonic() - t0 + 0.05
    finally:
        p.close()
    assert p.files and p.files[0].parent == tmp_path / "state" / "output"


def test_stop_speech_drops_queued_speech(tmp_path):
    p = WavPlayer(out_dir=tmp_path / "out", volume=1.0)
    p.say(np.full(16000, 0.3, np.float32))
    p.advance(0.25)
    assert p.speaking
    p.stop_speech()
    assert not p.speaking and p.advance(1.0) == 0.0
    p.close()


def test_repeat_one_all_and_off(lib, player):
    db, tracks = lib
    player.play(tracks[:2])
    player.set_repeat("one")
    player.advance(5.0)  # 2 s tracks: tone440 three times, never tone550
    started = [e.title for e in H.events(db)[::-1] if e.event == "started"]
    assert started == ["tone440"] * 3 and player.status().repeat == "one"
    player.next()  # a skip still moves on, and the new track repeats
    player.advance(3.0)
    started = [e.title for e in H.events(db)[::-1] if e.event == "started"]
    assert started[-2:] == ["tone550", "tone550"]
    player.set_repeat("all")
    player.advance(1.5)  # tone550 ends: back to the start of the queue
    started = [e.title for e in H.events(db)[::-1] if e.event == "started"]
    assert started[-1] == "tone440" and player.status().state == "playing"
    player.set_repeat("off")
    player.advance(10.0)
    assert player.status().state == "stopped"
    player.set_repeat("one")
    player.play(tracks[0])  # a new request starts without repeat
    assert player.status().repeat == "off"
    with pytest.raises(ValueError):
        player.set_repeat("sometimes")
