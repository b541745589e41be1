"""The Transcriber stage: float32 16 kHz mono audio in, a ``Transcript`` out."""

from __future__ import annotations

import numpy as np

from ..errors import UsageError
from ..types import Transcript


class Transcriber:
    """Base class of every speech-to-text backend.

    ``transcribe(audio)`` takes float32 mono 16 kHz samples, shape (n,), and returns a Transcript;
    all-silence audio gives an empty text, never hallucinated words. Models load once, in __init__.
    ``prompt``, when given, replaces the text prompt of the load for that call ("" for none): the
    loop hears a play command again with the library's names nearest to what it heard.
    """

    name = "base"

    def transcribe(self, audio: np.ndarray, prompt: str | None = None) -> Transcript:
        raise NotImplementedError

    def describe(self) -> dict:
        """Engine name, weights path and sha256, for `doctor` and `status`."""
        return {"engine": self.name}


ENGINES = ("whisper", "onnx")


def load_transcriber(engine: str = "auto", model: str | None = None, threads: int = 2,
                     download: bool = False, prompt: str = "") -> Transcriber:
    """Build the backend named by ``engine`` ("auto" picks the best one installed).

    prompt: text Whisper takes as what came before (its "initial prompt"); the voice loop passes
    the wake phrase, which Whisper otherwise mishears ("Here's the car" for "Hey speaker")."""
    if engine == "auto":
        # the int8 ONNX backend when its model is installed (store slot or shipped), else whisper;
        # a --model that is not an ONNX folder (a .pt, a CTranslate2 folder, a name) means whisper
        from .onnx_whisper import find_model

        engine = "onnx" if find_model(model) else "whisper"
    if engine == "onnx":
        from .onnx_whisper import OnnxWhisperTranscriber, find_model

        path = find_model(model)
        if path is None:
            from ..errors import ModelError

            raise ModelError(f"no ONNX Whisper model {'at ' + str(model) if model else 'installed'}; "
                             "flash one (python -m quantize flash BUNDLE) or use --asr whisper")
        return OnnxWhisperTranscriber(path, threads=threads, prompt=prompt)
    if engine == "whisper":
        from .openai_whisper import WhisperTranscriber

        return WhisperTranscriber(model=model, threads=threads, download=download, prompt=prompt)
    raise UsageError(f"unknown speech-to-text engine {engine!r}; choose one of {', '.join(ENGINES)}")
