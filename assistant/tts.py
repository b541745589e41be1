"""Speech out: the ``Speaker`` base class and the pyttsx3 / espeak-ng backend.

``Speaker.synthesize(text)`` returns float32 mono 16 kHz audio at a steady loudness; playing it
is the output's job (``player.py``), so replies and music share one path. pyttsx3's ``say()``
shells out to ``aplay`` and fails silently without it, so we only ever synthesise to a file
(``save_to_file``) in a private temporary directory and read it back.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import tempfile
import threading
import weakref
from pathlib import Path

import numpy as np

from . import audio as A
from .errors import AssistantError

TARGET_RMS_DBFS = -20.0
"""Every reply is scaled to this loudness so the voice does not jump between replies."""
PEAK_LIMIT = 0.89


def normalize_loudness(audio: np.ndarray, target_dbfs: float = TARGET_RMS_DBFS) -> np.ndarray:
    """Scale speech to a target RMS (measured over its voiced part), then limit peaks."""
    if audio.size == 0:
        return audio
    frame = 320
    n = audio.size // frame * frame
    if n:
        rms = np.sqrt((audio[:n].reshape(-1, frame) ** 2).mean(axis=1))
        voiced = rms[rms > rms.max() * 0.1]
        level = float(np.sqrt((voiced ** 2).mean())) if voiced.size else 0.0
    else:
        level = float(np.sqrt((audio ** 2).mean()))
    if level < 1e-6:
        return audio
    out = audio * (10 ** (target_dbfs / 20) / level)
    peak = float(np.abs(out).max())
    if peak > PEAK_LIMIT:
        out *= PEAK_LIMIT / peak
    return out.astype(A.DTYPE)


PACE_MIN, PACE_MAX = 0.6, 1.5
"""The range of :attr:`Speaker.pace`: slower than 0.6 drags, faster than 1.5 blurs."""
PACE_KEY = "speech.pace"
"""Where the database's ``meta`` table keeps the pace asked for, so it outlasts a restart."""


class Speaker:
    """Base class of text-to-speech backends: text → float32 mono 16 kHz, shape (n,)."""

    name = "base"
    pace = 1.0
    """How fast replies are spoken, against the configured speed ("speak more slowly": 0.85)."""

    def set_pace(self, pace: float) -> float:
        """Speak at ``pace`` from now on, kept within PACE_MIN..PACE_MAX; returns what was set."""
        self.pace = round(min(PACE_MAX, max(PACE_MIN, float(pace))), 2)
        return self.pace

    def synthesize(self, text: str) -> np.ndarray:
        raise NotImplementedError


class SilentSpeaker(Speaker):
    """No voice (``[tts] engine = "none"``): replies are only printed and logged."""

    name = "none"

    def synthesize(self, text: str) -> np.ndarray:
        return np.zeros(0, A.DTYPE)


def _size_espeak_text_right() -> None:
    """Make pyttsx3's espeak driver tell espeak-ng the true length of the text it speaks.

    pyttsx3 2.99 (the newest) passes ``len(text) * 10`` as ``espeak_Synth``'s size, and espeak-ng
    copies that many bytes: a read far past the end of the string. For a reply it is a few hundred
    bytes of whatever lies beyond, and now and then that is unmapped memory and the whole speaker
    dies with SIGSEGV (seen once in some 25,000 replies; a 200 kB text crashes every time).
    Upstream: nateshmbhat/pyttsx3#448. The driver looks ``Synth`` up on its ``_espeak`` module at
    each call, so putting a correctly sized one there fixes every engine in the process. A pyttsx3
    whose driver is laid out differently is left alone.
    """
    from pyttsx3.drivers import _espeak as E

    if not hasattr(E, "cSynth") or getattr(E.Synth, "sized_by_assistant", False):
        return

    def synth(text, position=0, position_type=E.POS_CHARACTER, end_position=0, flags=0, user_data=None):
        if isinstance(text, str):
            text = text.encode("utf-8")
        # the bytes and their terminating NUL, which Python keeps after every bytes object
        return E.cSynth(text, len(text) + 1, position, position_type, end_position, flags, None, user_data)

    synth.sized_by_assistant = True
    E.Synth = synth


_ENGINE_LOCK = threading.Lock()
"""pyttsx3's one engine is not safe to drive from two threads."""


def _espeak_idle() -> None:
    """Return once espeak-ng's own thread has done all it was asked (espeak_Synchronize)."""
    from pyttsx3.drivers import _espeak

    _espeak.Synchronize()


class EspeakSpeaker(Speaker):
    """pyttsx3 with its espeak-ng driver, synthesising to a temporary WAV file."""

    name = "espeak"

    def __init__(self, voice: str = "", rate: int = 170):
        try:
            import pyttsx3

            self._engine = pyttsx3.init("espeak")
            _size_espeak_text_right()
        except Exception as exc:
            raise AssistantError(f"text-to-speech unavailable: {exc} "
                                 "(install espeak-ng: sudo apt-get install -y espeak-ng)") from None
        self._voices = {v.id for v in self._engine.getProperty("voices")}
        self.use_voice(voice, rate)
        self._tmp = tempfile.mkdtemp(prefix="assistant-tts-")
        os.chmod(self._tmp, 0o700)
        weakref.finalize(self, shutil.rmtree, self._tmp, True)

    def use_voice(self, voice: str = "", rate: int = 170) -> None:
        """Speak from now on in ``voice`` (an espeak-ng id, optionally with a +variant) at ``rate``
        words a minute."""
        wanted = voice or "gmw/en-us"
        if wanted.split("+")[0] not in self._voices:
            raise AssistantError(f"espeak voice {voice!r} not found; try gmw/en-us or gmw/en")
        self.voice, self.rate = wanted, int(rate)

    def synthesize(self, text: str) -> np.ndarray:
        text = " ".join(text.split())
        if not text:
            return np.zeros(0, A.DTYPE)
        path = Path(self._tmp) / "reply.wav"
        with _ENGINE_LOCK:
            # pyttsx3 keeps one engine per process, shared by every EspeakSpeaker: each one puts
            # its own voice and rate on it before it speaks
            self._engine.setProperty("voice", self.voice)
            self._engine.setProperty("rate", round(self.rate * self.pace))
            # espeak-ng runs its own thread here (pyttsx3 starts it with AUDIO_OUTPUT_RETRIEVAL):
            # a rate is queued to it while a voice is set at once, and runAndWait returns before
            # the speech is made. Waiting for that thread to go idle, before and after, keeps one
            # speaker's rate off another's speech (under load a 170 wpm speaker spoke at 110)
            _espeak_idle()
            # pyttsx3's espeak driver now and then finishes with an empty buffer: try again
            for _ in range(3):
                # the espeak driver prints "Audio saved to ..." on stdout, which is ours to use
                with contextlib.redirect_stdout(io.StringIO()):
                    self._engine.save_to_file(text, str(path))
                    self._engine.runAndWait()
                    _espeak_idle()
                try:
                    audio = A.load_audio(path)
                    break
                except AssistantError:
                    audio = np.zeros(0, A.DTYPE)
                finally:
                    path.unlink(missing_ok=True)
        if audio.size == 0:
            raise AssistantError(f"espeak produced no audio for {text[:40]!r}")
        return normalize_loudness(audio)


def load_speaker(engine: str = "espeak", voice: str = "", rate: int = 170) -> Speaker:
    if engine == "espeak":
        return EspeakSpeaker(voice, rate)
    if engine == "piper":
        from .tts_piper import PiperSpeaker

        return PiperSpeaker(voice)
    if engine == "none":
        return SilentSpeaker()
    raise AssistantError(f"unknown text-to-speech engine {engine!r}")
