"""The Transcriber stage: float32 16 kHz mono audio in, a ``Transcript`` out."""

from __future__ import annotations

import numpy as np

from ..errors import UsageError
from ..types import Transcript


class Transcriber:
    """Base class of every speech-to-text backend.

    ``transcribe(audio)`` takes float32 mono 16 kHz samples, shape (n,), and returns a Transcript;
    all-silence audio gives an empty text, never hallucinated words. Models load once, in __init__.
    """

    name = "base"

    def transcribe(self, audio: np.ndarray) -> Transcript:
        raise NotImplementedError

    def describe(self) -> dict:
        """Engine name, weights path and sha256, for `doctor` and `status`."""
        return {"engine": self.name}


ENGINES = ("whisper", "onnx")


def load_transcriber(engine: str = "auto", model: str | None = None, threads: int = 2,
                     download: bool = False) -> Transcriber:
    """Build the backend named by ``engine`` ("auto" picks the best one installed)."""
    if engine == "auto":
        engine = "whisper"  # the int8 ONNX backend takes over here once its bundle is installed
    if engine == "whisper":
        from .openai_whisper import WhisperTranscriber

        return WhisperTranscriber(model=model, threads=threads, download=download)
    raise UsageError(f"unknown speech-to-text engine {engine!r}; choose one of {', '.join(ENGINES)}")
