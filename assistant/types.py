"""The typed, frozen messages that pass between pipeline stages.

One spoken command, end to end::

    Source frames (float32, 16 kHz)          audio.py
      -> Utterance(audio, start_s, end_s)      vad.py
      -> Transcript(text, decode_ms, ...)      asr/
      -> (wake gate: the command text)         wake.py
      -> Understanding(intent, slots, ...)     nlu.py
      -> Reply(text, action)                   skills/
      -> speech audio -> output                tts.py, player.py
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class Utterance:
    """A stretch of speech cut from a stream.

    audio: float32 mono 16 kHz, shape (n,). start_s / end_s: position in the stream, seconds.
    truncated: True when it was cut at the maximum utterance length.
    """

    audio: np.ndarray = field(repr=False)
    start_s: float
    end_s: float
    truncated: bool = False

    @property
    def duration_s(self) -> float:
        return self.end_s - self.start_s


@dataclass(frozen=True)
class Transcript:
    """What a Transcriber heard.

    text: the transcript, stripped ('' for silence). duration_s: audio length in seconds.
    decode_ms: wall-clock time of transcription (front end + encoder + decoder), milliseconds.
    """

    text: str
    duration_s: float
    decode_ms: float
    engine: str = ""
    language: str = "en"
    n_tokens: int = 0


@dataclass(frozen=True)
class Slot:
    """A slot found in a command: its type, the words that said it and a normalised value
    (e.g. ``("time", "seven am", "07:00")``; value is None when it could not be normalised)."""

    type: str
    text: str
    value: str | int | float | None = None


@dataclass(frozen=True)
class Understanding:
    """What was asked and how the person feels about it.

    intent: one of HWU64's 64 intents, or "unknown". confidences are softmax probabilities in [0, 1].
    sentiment: "negative" | "neutral" | "positive". alternatives: the next-best (intent, prob).
    """

    text: str
    intent: str
    intent_confidence: float
    sentiment: str
    sentiment_confidence: float
    slots: tuple[Slot, ...] = ()
    alternatives: tuple[tuple[str, float], ...] = ()

    def slot(self, type_: str) -> Slot | None:
        for s in self.slots:
            if s.type == type_:
                return s
        return None


@dataclass(frozen=True)
class Reply:
    """What a skill decided: the words to say and a short description of the action taken."""

    text: str
    action: str = "none"
    detail: tuple[tuple[str, str], ...] = ()
