"""Speech segmentation: Silero VAD (ONNX, run with onnxruntime) and a streaming segmenter.

``SileroVad`` turns one frame of ``audio.FRAME_SAMPLES`` (32 ms) into a speech probability.
``Segmenter`` turns a stream of frames into ``Utterance``s with a start hangover (speech must last
``start_ms``), an end hangover (silence must last ``end_ms``), a pre-roll (audio from before the
start, so the first syllable is kept) and a maximum utterance length. A file and the microphone go
through the same ``Segmenter.stream``.
"""

from __future__ import annotations

import importlib.util
import math
from collections import deque
from pathlib import Path
from typing import Iterable, Iterator

import numpy as np

from . import audio as A
from .config import VadConfig
from .errors import ModelError
from .paths import MODELS_DIR
from .types import Utterance

CONTEXT_SAMPLES = 64
"""Silero (v5+) reads each 512-sample frame with the last 64 samples of the previous one."""
VAD_CARD_DIR = MODELS_DIR / "vad"
VAD_FILE = "silero_vad.onnx"


def silero_model_path() -> Path:
    """The ONNX file inside the installed ``silero-vad`` wheel (found without importing it:
    its ``__init__`` imports torch)."""
    spec = importlib.util.find_spec("silero_vad")
    if spec is None or not spec.submodule_search_locations:
        raise ModelError("the silero-vad package is not installed (run `make setup`, or "
                         "`pip install --no-deps silero-vad==6.2.3`)")
    path = Path(list(spec.submodule_search_locations)[0]) / "data" / VAD_FILE
    if not path.is_file():
        raise ModelError(f"{path}: Silero VAD model missing from the silero-vad package")
    return path


def verify_silero(path: Path) -> None:
    """Check the packaged model against the sha256 recorded in models/vad/card.json."""
    import json

    from .cards import sha256_file
    from .errors import ModelIntegrityError

    card = json.loads((VAD_CARD_DIR / "card.json").read_text())
    want = card["package_files"][VAD_FILE]
    if sha256_file(path) != want:
        raise ModelIntegrityError(f"{path}: sha256 does not match models/vad/card.json "
                                  "(reinstall silero-vad==6.2.3)")


class SileroVad:
    """Speech probability per 32 ms frame. Stateful: call ``reset()`` between streams."""

    def __init__(self, path: str | Path | None = None):
        import onnxruntime as ort

        if path is None:  # the packaged model: checked against models/vad/card.json
            path = silero_model_path()
            verify_silero(path)
        path = Path(path)
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 1  # tiny model: threads cost more than they save
        opts.inter_op_num_threads = 1
        try:
            self.session = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
        except Exception as exc:
            raise ModelError(f"{path}: cannot load the VAD model ({exc})") from None
        self._sr = np.array(A.SAMPLE_RATE, dtype=np.int64)
        self.reset()

    def reset(self) -> None:
        self._state = np.zeros((2, 1, 128), np.float32)
        self._context = np.zeros(CONTEXT_SAMPLES, np.float32)

    def __call__(self, frame: np.ndarray) -> float:
        """frame: float32, shape (FRAME_SAMPLES,) → probability of speech in [0, 1]."""
        x = np.concatenate([self._context, frame]).astype(np.float32)[None, :]
        out, self._state = self.session.run(None, {"input": x, "state": self._state, "sr": self._sr})
        self._context = x[0, -CONTEXT_SAMPLES:]
        return float(out[0, 0])


class Segmenter:
    """Cuts a frame stream into utterances.

    Thresholds: a frame is speech at ``prob >= threshold``; while in speech, a frame counts as
    silence only below ``threshold - 0.15`` (hysteresis, as Silero recommends).
    """

    def __init__(self, cfg: VadConfig | None = None, vad: SileroVad | None = None):
        self.cfg = cfg or VadConfig()
        self.vad = vad or SileroVad()
        fs = A.FRAME_SECONDS
        self.start_frames = max(1, math.ceil(self.cfg.start_ms / 1000 / fs))
        self.end_frames = max(1, math.ceil(self.cfg.end_ms / 1000 / fs))
        self.pre_frames = math.ceil(self.cfg.pre_roll_ms / 1000 / fs)
        self.max_frames = max(self.start_frames + 1, int(self.cfg.max_utterance_s / fs))
        self.min_frames = math.ceil(self.cfg.min_utterance_ms / 1000 / fs)
        self.neg_threshold = max(0.01, self.cfg.threshold - 0.15)
        self.reset()

    def reset(self) -> None:
        self.vad.reset()
        self._index = 0  # frames seen
        self._pre: deque[np.ndarray] = deque(maxlen=self.pre_frames + self.start_frames)
        self._speech_run = 0
        self._silence_run = 0
        self._frames: list[np.ndarray] | None = None  # the utterance being collected
        self._start = 0
        self.last_prob = 0.0

    @property
    def in_speech(self) -> bool:
        return self._frames is not None

    def _emit(self, keep_tail: int, truncated: bool) -> Utterance | None:
        frames = self._frames or []
        n = len(frames) - keep_tail
        # keep a little of the trailing silence: Whisper ends words better with it
        n_kept = min(len(frames), n + min(keep_tail, 4))
        self._frames = None
        if n < self.min_frames:
            return None
        audio = np.concatenate(frames[:n_kept])
        start_s = self._start * A.FRAME_SECONDS
        return Utterance(audio=audio, start_s=round(start_s, 3),
                         end_s=round(start_s + n * A.FRAME_SECONDS, 3), truncated=truncated)

    def feed(self, frame: np.ndarray) -> list[Utterance]:
        """One frame in; zero or more finished utterances out."""
        prob = self.vad(frame)
        self.last_prob = prob
        idx = self._index
        self._index += 1
        out: list[Utterance] = []
        if self._frames is None:
            self._pre.append(frame)
            self._speech_run = self._speech_run + 1 if prob >= self.cfg.threshold else 0
            if self._speech_run >= self.start_frames:
                pre = list(self._pre)
                self._frames = pre
                self._start = idx + 1 - len(pre)
                self._silence_run = 0
                self._pre.clear()
            return out
        self._frames.append(frame)
        self._silence_run = self._silence_run + 1 if prob < self.neg_threshold else 0
        if self._silence_run >= self.end_frames:
            u = self._emit(self._silence_run, truncated=False)
            self._speech_run = 0
            if u:
                out.append(u)
        elif len(self._frames) >= self.max_frames:
            u = self._emit(self._silence_run, truncated=True)
            if u:
                out.append(u)
            # speech goes on: the next utterance starts right here
            self._frames = []
            self._start = idx + 1
            self._silence_run = 0
        return out

    def flush(self) -> list[Utterance]:
        """End of stream: emit what is being collected (if long enough)."""
        if self._frames is None:
            return []
        u = self._emit(self._silence_run, truncated=False)
        return [u] if u else []

    def stream(self, frames: Iterable[np.ndarray]) -> Iterator[Utterance]:
        """Frames in → utterances out, as soon as each one ends."""
        self.reset()
        for frame in frames:
            yield from self.feed(frame)
        yield from self.flush()
