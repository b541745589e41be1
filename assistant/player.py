"""Playback: a queue of library tracks plus spoken replies, mixed into one output.

``Player`` holds everything but the sink: the queue, play/pause/resume/stop/next/previous, volume,
ducking, speech clips pushed by the voice loop (``say``), and the history events every play
writes. The audio is pulled by the sink through :meth:`Player.render`, which is pure: it hands back
the next ``n`` output samples and moves time forward by exactly that much. So:

- :class:`assistant.player_sounddevice.SoundDevicePlayer` calls ``render`` from PortAudio's callback
  (real time, the sound card's rate);
- :class:`assistant.player_wav.WavPlayer` (no sound card) calls it from :meth:`advance` and writes
  what would be heard to WAV files in the state directory, either driven by a real-time clock thread
  or explicitly by tests, with no real time passing.

Tracks are decoded with soundfile block by block (bounded memory) at their own rate, downmixed to
mono, and resampled to the output rate (``audio.StreamResampler``). Speech arrives as the project's
internal audio (float32 mono 16 kHz) and is resampled the same way; while it plays the music is
ducked.

History: ``started`` when a track begins; ``finished`` (with the fraction played) when it ends or is
stopped; ``skipped`` (with the fraction) when ``next``/``previous``/a new ``play`` cuts it short
before :data:`SKIP_BEFORE` of it was heard. Events are queued by the audio thread and written by
:meth:`flush_events` (called from the control methods, from ``advance`` and by the sink's own
worker), never inside the real-time callback.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

from . import audio
from .errors import AudioError
from .library import Track

log = logging.getLogger(__name__)

SKIP_BEFORE = 0.8
"""Cutting a track short before this fraction of it was heard counts as a skip."""
RAMP_S = 0.05
"""Volume and ducking changes ramp over this long (no clicks)."""
DECODE_BLOCK_S = 0.5
SPEECH_MIN = 0.3
"""The speaker's own voice and ring tones never play quieter than this gain. Muting silences the
music, but a reply to "play some jazz" or an alarm going off must still be heard."""


@dataclass(frozen=True)
class PlayerStatus:
    state: str
    """'stopped', 'playing' or 'paused'."""
    track: Track | None
    position_s: float
    volume: float
    ducked: bool
    speaking: bool
    queue_len: int
    repeat: str = "off"
    """'off', 'one' (the current track again) or 'all' (the queue from its start)."""
    queue_pos: int = -1
    """Index of the current track in the queue (queue_len - 1: the last one)."""


class _Decoder:
    """One track, decoded on demand into float32 mono blocks at ``rate``."""

    def __init__(self, path: str, rate: int):
        import soundfile as sf

        try:
            self.f = sf.SoundFile(path)
        except Exception as exc:
            raise AudioError(f"{path}: cannot play ({audio._short(exc)})") from None
        self.path = path
        self.rs = audio.StreamResampler(self.f.samplerate, rate)
        self.rs_rate = rate
        self.buf = np.zeros(0, np.float32)
        self.eof = False

    def read(self, n: int) -> np.ndarray:
        """Up to ``n`` samples (fewer only at the end of the track)."""
        while self.buf.size < n and not self.eof:
            try:
                raw = self.f.read(max(1, int(DECODE_BLOCK_S * self.f.samplerate)), dtype="float32",
                                  always_2d=True)
            except Exception as exc:
                log.warning("%s: decode error, track cut short (%s)", self.path, audio._short(exc))
                raw = np.zeros((0, 1), np.float32)
            if raw.shape[0] == 0:
                self.eof = True
                out = self.rs.flush()
            else:
                out = self.rs.feed(audio.sanitize(audio.to_mono(raw).astype(np.float32), self.path))
            if out.size:
                self.buf = np.concatenate([self.buf, out])
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def seek(self, seconds: float) -> None:
        """Start reading ``seconds`` into the track (a bookmark)."""
        try:
            self.f.seek(min(max(0, int(seconds * self.f.samplerate)), max(0, self.f.frames - 1)))
        except Exception as exc:  # a stream that cannot seek plays from its start
            log.warning("%s: cannot resume at %.0f s (%s)", self.path, seconds, audio._short(exc))
        self.rs = audio.StreamResampler(self.f.samplerate, self.rs_rate)
        self.buf = np.zeros(0, np.float32)

    def close(self) -> None:
        try:
            self.f.close()
        except Exception:
            pass


class Player:
    """The queue, the mixer and the history writer; subclasses only move samples to a sink.

    ``rate``: output sample rate (Hz). ``db``: where history goes (None: no history).
    ``follow_on(last_track) -> list[Track]``: asked for more when the queue runs out (e.g. the
    recommender); what it returns is played with source ``follow-on``.
    """

    def __init__(self, rate: int, db=None, volume: float = 0.7, duck_volume: float = 0.2,
                 follow_on: Callable[[Track], Sequence[Track]] | None = None):
        self.rate = int(rate)
        self.db = db
        self.volume = float(volume)
        self.duck_volume = float(duck_volume)
        self.follow_on = follow_on
        self._lock = threading.RLock()
        self._queue: list[Track] = []
        self._pos = -1
        self._source = "voice"
        self._dec: _Decoder | None = None
        self._played = 0  # output samples of the current track rendered so far
        self._state = "stopped"
        self._ducked = False
        self._gain = self.volume  # current music gain (ramps toward the target)
        self._speech: list[np.ndarray] = []
        self._events: list[dict] = []
        self._repeat = "off"
        self._follow_from = 0  # queue index from which tracks were queued as follow-on

    # ------------------------------------------------------------------ control
    def play(self, tracks: Track | Sequence[Track], source: str = "voice", start: int = 0,
             offset_s: float = 0.0) -> None:
        """Replace the queue with ``tracks`` and start ``tracks[start]``, ``offset_s`` seconds in
        (where an audiobook was left)."""
        tracks = [tracks] if isinstance(tracks, Track) else list(tracks)
        with self._lock:
            self._end_current(cut=True)
            self._queue, self._source = tracks, source
            self._follow_from = len(tracks)
            self._repeat = "off"  # a new request is new listening: nothing repeats unasked
            self._start(start, offset_s)
        self.flush_events()

    def enqueue(self, tracks: Sequence[Track], follow_on: bool = False) -> None:
        """Add ``tracks`` after the queue; ``follow_on``: picked by the speaker, not asked for
        (their history events say so)."""
        with self._lock:
            if follow_on:
                self._follow_from = min(self._follow_from, len(self._queue))
            self._queue.extend(tracks)
            if self._state == "stopped" and self._pos < len(self._queue) - 1:
                self._start(self._pos + 1)
        self.flush_events()

    def set_upcoming(self, tracks: Sequence[Track]) -> None:
        """Replace what follows the current track ("turn off shuffle": the rest in order)."""
        with self._lock:
            self._queue = self._queue[:self._pos + 1] + list(tracks)
            self._follow_from = min(self._follow_from, len(self._queue))

    def upcoming(self, n: int = 1) -> list[Track]:
        """The next ``n`` tracks of the queue after the current one (fewer near its end)."""
        with self._lock:
            return list(self._queue[self._pos + 1:self._pos + 1 + n])

    def pause(self) -> None:
        with self._lock:
            if self._state == "playing":
                self._state = "paused"

    def resume(self) -> None:
        with self._lock:
            if self._state == "paused":
                self._state = "playing"

    def stop(self) -> None:
        with self._lock:
            self._end_current(cut=False)
            self._state = "stopped"
            self._repeat = "off"
        self.flush_events()

    def next(self) -> None:
        with self._lock:
            self._end_current(cut=True)
            self._advance_queue()
        self.flush_events()

    def previous(self) -> None:
        """Back one track (or restart the first one)."""
        with self._lock:
            self._end_current(cut=True)
            self._start(max(0, self._pos - 1))
        self.flush_events()

    def restart(self) -> None:
        """The current track again from its start ("play it again")."""
        with self._lock:
            if self._state != "stopped" and 0 <= self._pos < len(self._queue):
                self._end_current(cut=True)
                self._start(self._pos)
        self.flush_events()

    def seek(self, delta_s: float) -> float | None:
        """Jump ``delta_s`` seconds ahead (or back, when negative) in the current track, within
        it; the new position in seconds, or None when nothing plays."""
        with self._lock:
            if self._dec is None or self._state == "stopped":
                return None
            t = self._queue[self._pos]
            end = max(0.0, (t.duration_s or 0.0) - 0.5)
            at = min(max(0.0, self._played / self.rate + delta_s), end)
            self._dec.seek(at)
            self._played = int(at * self.rate)
            return at

    def set_repeat(self, mode: str) -> None:
        """'one': the current track again and again; 'all': the queue again from its first
        track when it ends; 'off'. A skip still moves on; a new play request turns it off."""
        if mode not in ("off", "one", "all"):
            raise ValueError(f"repeat mode must be off, one or all, not {mode!r}")
        with self._lock:
            self._repeat = mode

    def set_volume(self, volume: float) -> None:
        with self._lock:
            self.volume = min(1.0, max(0.0, float(volume)))

    def duck(self) -> None:
        """Music down to ``duck_volume`` (while the speaker listens or talks)."""
        with self._lock:
            self._ducked = True

    def unduck(self) -> None:
        with self._lock:
            self._ducked = False

    def say(self, clip: np.ndarray, rate: int = audio.SAMPLE_RATE) -> float:
        """Queue a speech clip (float32 mono, default 16 kHz) over the music; returns its seconds."""
        clip = np.asarray(clip, np.float32)
        out = audio.resample(clip, rate, self.rate) if rate != self.rate else clip
        with self._lock:
            self._speech.append(np.clip(out, -1, 1))
        return clip.size / rate

    play_clip = say

    def stop_speech(self) -> None:
        """Drop the speech still queued (barge-in: "stop" while the speaker talks)."""
        with self._lock:
            self._speech.clear()

    def like(self, liked: bool = True) -> None:
        """Record a like (or dislike) of the current track."""
        with self._lock:
            t = self.current
            if t is not None:
                self._emit("liked" if liked else "disliked", t, source=self._src())
        self.flush_events()

    # ------------------------------------------------------------------ state
    @property
    def current(self) -> Track | None:
        with self._lock:
            if self._state == "stopped" or not 0 <= self._pos < len(self._queue):
                return None
            return self._queue[self._pos]

    @property
    def speaking(self) -> bool:
        return bool(self._speech)

    def status(self) -> PlayerStatus:
        with self._lock:
            return PlayerStatus(self._state, self.current, self._played / self.rate, self.volume,
                                self._ducked, bool(self._speech), len(self._queue),
                                self._repeat, self._pos)

    # ------------------------------------------------------------------ rendering
    def render(self, n: int) -> tuple[np.ndarray, bool]:
        """The next ``n`` output samples (float32 mono) and whether anything was audible."""
        with self._lock:
            music = np.zeros(n, np.float32)
            got = 0
            while self._state == "playing" and got < n and self._dec is not None:
                want = n - got
                block = self._dec.read(want)
                music[got:got + block.size] = block
                got += block.size
                self._played += block.size
                if block.size < want:  # the track ended inside this block
                    self._end_current(cut=False, natural=True)
                    again = self._played > 0  # an empty file must not repeat forever
                    if self._repeat == "one" and again:
                        self._start(self._pos)
                    elif self._repeat == "all" and again and self._pos + 1 >= len(self._queue):
                        self._start(0)
                    else:
                        self._advance_queue()
            had_music = got > 0
            speech = np.zeros(n, np.float32)
            filled = 0
            while self._speech and filled < n:
                clip = self._speech[0]
                take = min(clip.size, n - filled)
                speech[filled:filled + take] = clip[:take]
                filled += take
                if take == clip.size:
                    self._speech.pop(0)
                else:
                    self._speech[0] = clip[take:]
            ducked = self._ducked or filled > 0 or bool(self._speech)
            target = min(self.volume, self.duck_volume) if ducked else self.volume
            step = 1.0 / max(1.0, RAMP_S * self.rate)
            ramp = np.clip(self._gain + np.sign(target - self._gain) * step * np.arange(1, n + 1),
                           min(self._gain, target), max(self._gain, target)).astype(np.float32)
            self._gain = float(ramp[-1]) if n else self._gain
            out = music * ramp + speech * max(self.volume, SPEECH_MIN)
            return np.clip(out, -1.0, 1.0), had_music or filled > 0

    # ------------------------------------------------------------------ internals (lock held)
    def _start(self, index: int, offset_s: float = 0.0) -> None:
        if self._dec is not None:
            self._dec.close()
            self._dec = None
        self._played = 0
        while 0 <= index < len(self._queue):
            t = self._queue[index]
            try:
                self._dec = _Decoder(t.path, self.rate)
                if offset_s > 0:
                    self._dec.seek(offset_s)
                    self._played = int(offset_s * self.rate)  # fractions stay of the whole track
            except AudioError as exc:
                log.warning("%s", exc)
                index, offset_s = index + 1, 0.0
                continue
            self._pos, self._state = index, "playing"
            self._emit("started", t, source=self._src())
            return
        self._pos = len(self._queue) - 1 if self._queue else -1
        self._state = "stopped"

    def _advance_queue(self) -> None:
        if self._pos + 1 < len(self._queue):
            self._start(self._pos + 1)
            return
        more = []
        if self.follow_on is not None and self._queue:
            try:
                more = list(self.follow_on(self._queue[-1]) or [])
            except Exception as exc:  # a recommender failure must not stop the music thread
                log.warning("follow-on failed: %s", exc)
        if more:
            self._follow_from = min(self._follow_from, len(self._queue))
            self._queue.extend(more)
            self._start(self._pos + 1)
        else:
            if self._dec is not None:
                self._dec.close()
                self._dec = None
            self._state = "stopped"

    def _fraction(self, t: Track) -> float:
        dur = t.duration_s or 0.0
        return 1.0 if dur <= 0 else min(1.0, self._played / self.rate / dur)

    def _end_current(self, cut: bool, natural: bool = False) -> None:
        """Close the current play's history: finished (with fraction) or skipped."""
        if self._state == "stopped" or self._dec is None or not 0 <= self._pos < len(self._queue):
            return
        t = self._queue[self._pos]
        frac = 1.0 if natural else self._fraction(t)
        event = "skipped" if cut and frac < SKIP_BEFORE else "finished"
        self._emit(event, t, source=self._src(), fraction=frac)
        self._dec.close()
        self._dec = None

    def _src(self) -> str:
        """The history source of the current track: the request's, or "follow-on"."""
        return self._source if self._pos < self._follow_from else "follow-on"

    def _emit(self, event: str, t: Track, source: str, fraction: float | None = None) -> None:
        self._events.append(dict(event=event, artist=t.artist, title=t.title, track_id=t.id,
                                 source=source, fraction=fraction, ts=time.time()))

    def flush_events(self) -> int:
        """Write queued history events to the database; returns how many."""
        with self._lock:
            events, self._events = self._events, []
        if self.db is None or not events:
            return 0
        from . import history

        for e in events:
            try:
                history.record(self.db, **e)
            except Exception as exc:  # history must never stop playback
                log.warning("could not record %s: %s", e["event"], exc)
        return len(events)

    def close(self) -> None:
        self.stop()


def open_player(db=None, config=None, realtime: bool = True, **kw) -> Player:
    """The sound card's player, or the WAV-file player when there is no usable output device."""
    from .errors import AudioDeviceError

    opts = {}
    if config is not None:
        opts = dict(volume=config.player.volume, duck_volume=config.player.duck_volume)
    opts.update(kw)
    try:
        from .player_sounddevice import SoundDevicePlayer

        return SoundDevicePlayer(db=db, device=config.audio.output_device if config else None, **opts)
    except AudioDeviceError as exc:
        from .player_wav import WavPlayer

        log.info("%s; writing playback to WAV files instead", exc)
        return WavPlayer(db=db, realtime=realtime, **opts)
