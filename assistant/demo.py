"""The embedded default: demo recordings the project makes itself at setup (``make setup``).

``python -m assistant.demo`` writes ``demo/commands.wav`` (a few spoken commands separated by
silence, synthesised with the project's own TTS) and its transcript. It is idempotent: a
recording whose script has not changed is not made again.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import numpy as np

from . import audio as A
from .paths import demo_dir

COMMANDS = [
    "What time is it?",
    "Set a timer for ten minutes.",
    "Play some jazz music.",
    "Turn the volume up.",
    "Wake me up at seven in the morning.",
]
CONVERSATION = [
    "Hey speaker, what time is it?",
    "Hey speaker, play some jazz.",
    "Hey speaker, I love this song.",
    ("Hey speaker, set a timer for five seconds.", 8.0),
    "Stop.",
    "Hey speaker, tell me a joke.",
    "Hey speaker, what's the weather like tomorrow?",
    "Hey speaker, stop the music.",
]
"""The demo conversation for ``make run``: a wake phrase, commands, a like, a timer, an
unsupported request. A (text, seconds) pair leaves that much silence after the line."""
GAP_S = 2.5
VOICE = "gmw/en-us"
RATE = 150


def render(lines: list, speaker, gap_s: float = GAP_S) -> tuple[np.ndarray, list[dict]]:
    """Speak each line with ``gap_s`` of silence around it → (audio, [{text, start_s, end_s}]).

    A line may be ``(text, gap_after_s)`` to leave a longer pause after it."""
    parts, marks, t = [np.zeros(A.samples(1.0), A.DTYPE)], [], 1.0
    for line in lines:
        text, gap = line if isinstance(line, tuple) else (line, gap_s)
        speech = speaker.synthesize(text)
        marks.append({"text": text, "start_s": round(t, 3), "end_s": round(t + A.seconds(speech.size), 3)})
        parts += [speech, np.zeros(A.samples(gap), A.DTYPE)]
        t += A.seconds(speech.size) + gap
    return np.concatenate(parts), marks


def make_recording(name: str, lines: list, out: Path | None = None, force: bool = False,
                   gap_s: float = GAP_S) -> Path:
    from .tts import EspeakSpeaker

    out = out or demo_dir()
    out.mkdir(parents=True, exist_ok=True)
    wav, meta = out / f"{name}.wav", out / f"{name}.json"
    key = hashlib.sha256(json.dumps([lines, VOICE, RATE, gap_s]).encode()).hexdigest()
    if not force and wav.exists() and meta.exists():
        try:
            if json.loads(meta.read_text()).get("key") == key:
                return wav
        except ValueError:
            pass
    audio, marks = render(lines, EspeakSpeaker(VOICE, RATE), gap_s)
    A.write_wav(wav, audio)
    meta.write_text(json.dumps({"key": key, "voice": VOICE, "rate": RATE, "lines": marks}, indent=2))
    return wav


def main() -> int:
    for name, lines, gap in (("commands", COMMANDS, 1.2), ("conversation", CONVERSATION, GAP_S)):
        print(f"demo recording: {make_recording(name, lines, gap_s=gap)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
