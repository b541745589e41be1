"""The openai-whisper backend (PyTorch, fp32 on CPU).

torch and whisper are imported inside ``WhisperTranscriber.__init__``, so importing this module (or
``assistant``) does not load them. The weights come from ``weights.resolve`` (offline by default).

Decoding choices, for speed and for predictable output on a device:
- greedy (temperature 0.0 and no temperature fallback: the fallback re-decodes a window up to five
  times on a repetition or low confidence, which costs seconds on a Pi for rarely better text);
- English, transcribe task, fp16=False (CPU), condition_on_previous_text=False (a bad window cannot
  poison the next), timestamps on (whisper seeks through long audio by them; same as faster-whisper);
- whisper's own 30 s windowing handles long audio; arrays are passed directly, so ffmpeg is unused.

Silence: whisper invents words ("Thank you.", ". . .") on silence and faint noise. Two gates stop it:
the loudest 32 ms frame below ``SILENCE_DBFS`` means silence and skips the model entirely; after
decoding, a segment whose no-speech probability exceeds ``NO_SPEECH_PROB`` (whisper's 0.6, without
whisper's extra condition on log-probability) or that holds no letter or digit is dropped.
"""

from __future__ import annotations

import logging
import os
import re
import time

import numpy as np

from ..audio import SAMPLE_RATE, sanitize, with_lead_in
from ..errors import AudioError, ModelError
from ..types import Transcript
from .base import Transcriber
from .weights import Weights, resolve

log = logging.getLogger(__name__)

# torch's OpenMP workers spin at every barrier by default. When anything else holds a core (on a
# device: VAD, TTS, playback; here: other jobs), a spinning worker starves its partner and decoding
# collapsed: 5.5-11 s per LJSpeech clip with 2 threads, against 1.4-1.5 s with passive waiting and
# 1.3-2.1 s with 1 thread (2 cores, load 4-6, measured). It only takes effect when set before
# torch is first imported, which this module does lazily; an explicit user setting wins.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

SILENCE_DBFS = -70.0
"""Audio whose loudest 32 ms frame is quieter than this (dB re full scale, RMS) is silence. Low on
purpose: whisper normalises level, and real recordings can be very quiet (FLEURS clips peak near
-50 dBFS and transcribe well); faint noise above it is left to the no-speech filter."""
NO_SPEECH_PROB = 0.6
"""A decoded segment with a higher probability of the no-speech token is dropped."""
_FRAME = 512
_WORDY = re.compile(r"[^\W_]")  # any letter or digit, in any script


def loudest_frame_dbfs(audio: np.ndarray, frame: int = _FRAME) -> float:
    """RMS level of the loudest ``frame``-sample frame, dB re full scale (-inf for digital silence)."""
    if audio.size == 0:
        return float("-inf")
    n = max(1, audio.size // frame)
    frames = audio[: n * frame].reshape(n, -1) if audio.size >= frame else audio.reshape(1, -1)
    power = np.mean(np.square(frames, dtype=np.float64), axis=1).max()
    return float(10.0 * np.log10(power)) if power > 0 else float("-inf")


class WhisperTranscriber(Transcriber):
    """openai-whisper on CPU, fp32, greedy.

    model: a path or name for ``weights.resolve`` (None: tiny.en, offline). threads: torch's
    intra-op threads (process-wide). download: allow openai-whisper to download a named model.
    warmup: decode one second of silence at load time, so the first utterance is not slow.
    """

    name = "whisper"

    def __init__(self, model: str | None = None, threads: int = 2, download: bool = False,
                 warmup: bool = True, prompt: str = ""):
        self.weights: Weights = resolve(model, download=download)
        import torch
        from whisper.model import ModelDimensions, Whisper
        from whisper.tokenizer import get_tokenizer

        from .weights import load_checkpoint

        self._torch = torch
        self.prompt = prompt.strip() or None
        self.threads = max(1, int(threads))
        torch.set_num_threads(self.threads)
        ckpt = load_checkpoint(self.weights.path)  # torch.load(weights_only=True)
        try:
            self.model = Whisper(ModelDimensions(**ckpt["dims"]))
            self.model.load_state_dict(ckpt["model_state_dict"], strict=True)
        except (TypeError, RuntimeError) as exc:
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            raise ModelError(f"{self.weights.path}: not a valid openai-whisper checkpoint "
                             f"({first})") from None
        self.model.eval()
        self._eot = get_tokenizer(self.model.is_multilingual).eot
        self._sha256: str | None = None
        if warmup:  # the first pass pays for kernel set-up and caches: not the first command's job
            self._decode(np.zeros(SAMPLE_RATE, np.float32))
        log.info("Whisper loaded from %s (%s), %d thread(s)", self.weights.path,
                 self.weights.origin, self.threads)

    def describe(self) -> dict:
        from ..cards import sha256_file

        if self._sha256 is None:
            self._sha256 = sha256_file(self.weights.path)
        return {"engine": self.name, "weights": str(self.weights.path), "sha256": self._sha256,
                "origin": self.weights.origin, "source": self.weights.source,
                "dims": dict(self.model.dims.__dict__), "threads": self.threads}

    def _decode(self, audio: np.ndarray, prompt: str | None = None) -> dict:
        import whisper

        with self._torch.inference_mode():
            return whisper.transcribe(
                self.model, audio, language="en", task="transcribe", temperature=0.0,
                fp16=False, condition_on_previous_text=False, verbose=None,
                initial_prompt=self.prompt if prompt is None else (prompt.strip() or None),
                no_speech_threshold=NO_SPEECH_PROB,
                logprob_threshold=-1.0,
                compression_ratio_threshold=2.4)

    def transcribe(self, audio: np.ndarray, prompt: str | None = None) -> Transcript:
        """audio: float32 mono 16 kHz, shape (n,), any length (long audio is windowed by 30 s).
        prompt: this call's text prompt instead of the one given at load."""
        audio = np.asarray(audio)
        if audio.ndim != 1:
            raise AudioError(f"transcribe needs mono audio of shape (n,), got {audio.shape}")
        audio = sanitize(audio.astype(np.float32, copy=True), "transcriber input")  # ours to clip
        duration = audio.size / SAMPLE_RATE
        t0 = time.perf_counter()
        if loudest_frame_dbfs(audio) < SILENCE_DBFS:
            return Transcript("", duration, (time.perf_counter() - t0) * 1000.0, self.name, "en", 0)
        self._torch.set_num_threads(self.threads)  # another stage may have changed it
        result = self._decode(with_lead_in(audio), prompt)  # speech at the very start loses its first word
        kept = [s for s in result.get("segments", [])
                if s["no_speech_prob"] <= NO_SPEECH_PROB and _WORDY.search(s["text"])]
        text = " ".join(s["text"].strip() for s in kept).strip()
        n_tokens = sum(1 for s in kept for t in s["tokens"] if t < self._eot)
        decode_ms = (time.perf_counter() - t0) * 1000.0
        return Transcript(text, duration, decode_ms, self.name, "en", n_tokens)
