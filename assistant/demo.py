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
GAP_S = 1.2
VOICE = "gmw/en-us"
RATE = 150


def render(lines: list[str], speaker, gap_s: float = GAP_S) -> tuple[np.ndarray, list[dict]]:
    """Speak each line with ``gap_s`` of silence around it → (audio, [{text, start_s, end_s}])."""
    gap = np.zeros(A.samples(gap_s), A.DTYPE)
    parts, marks, t = [gap], [], gap_s
    for line in lines:
        speech = speaker.synthesize(line)
        marks.append({"text": line, "start_s": round(t, 3), "end_s": round(t + A.seconds(speech.size), 3)})
        parts += [speech, gap]
        t += A.seconds(speech.size) + gap_s
    return np.concatenate(parts), marks


def make_recording(name: str, lines: list[str], out: Path | None = None, force: bool = False) -> Path:
    from .tts import EspeakSpeaker

    out = out or demo_dir()
    out.mkdir(parents=True, exist_ok=True)
    wav, meta = out / f"{name}.wav", out / f"{name}.json"
    key = hashlib.sha256(json.dumps([lines, VOICE, RATE, GAP_S]).encode()).hexdigest()
    if not force and wav.exists() and meta.exists():
        try:
            if json.loads(meta.read_text()).get("key") == key:
                return wav
        except ValueError:
            pass
    audio, marks = render(lines, EspeakSpeaker(VOICE, RATE))
    A.write_wav(wav, audio)
    meta.write_text(json.dumps({"key": key, "voice": VOICE, "rate": RATE, "lines": marks}, indent=2))
    return wav


def main() -> int:
    path = make_recording("commands", COMMANDS)
    print(f"demo recording: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
