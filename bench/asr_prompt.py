"""Whisper's prompt in the voice loop: what its command words buy on one-word commands, and
what they cost on whole sentences.

    python bench/asr_prompt.py [--n 300] [--asr onnx]

The loop prompts Whisper with earlier commands (``stages.wake_prompt``). The anchor, in the same
run, is the prompt with the wake phrase alone ("Hey speaker, what time is it? Hey speaker, play
some jazz."); the figure is the loop's prompt, which adds the one-word commands tiny.en mishears
most when they are said alone. Two sets, synthesised in the project's voices:
1. one-word commands ("Pause.", "Resume.", "Skip.", ...; Piper seeds 0 and 1, espeak): how many
   are heard exactly;
2. ``--n`` HWU64 *valid* sentences (Piper seed 0 and espeak): word error rate.
Results to bench/results/asr_prompt.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]

from assistant import audio as A  # noqa: E402
from assistant.asr import load_transcriber  # noqa: E402
from assistant.asr.evaluate import normalize, word_errors  # noqa: E402
from assistant.config import Config  # noqa: E402
from assistant.stages import wake_prompt  # noqa: E402

WORDS = ["Pause.", "Resume.", "Skip.", "Unmute.", "Quieter.", "Louder.", "Stop.", "Next.", "Mute.",
         "Yes.", "No.", "Cancel.", "Previous.", "Shuffle.", "Repeat.", "Thanks.", "Five minutes.",
         "Seven thirty."]
"""Said alone, as after a wake or in the follow-up window; the first five are in the prompt."""


def _voices():
    from assistant.tts import EspeakSpeaker
    from assistant.tts_piper import PiperSpeaker

    return ([(f"piper:joe seed {s}", PiperSpeaker(seed=s)) for s in (0, 1)]
            + [("espeak:gmw/en-us@160", EspeakSpeaker("gmw/en-us", 160))])


def _pad(clip: np.ndarray) -> np.ndarray:
    gap = np.zeros(A.samples(0.5), A.DTYPE)
    return np.concatenate([gap, clip, gap])


def score(tr, recordings: list[tuple[str, np.ndarray]]) -> tuple[float, int, list[str]]:
    """(WER, exact transcripts, the misheard ones) of ``tr`` over (reference, audio) pairs."""
    errors = words = exact = 0
    misheard = []
    for ref, clip in recordings:
        hyp = tr.transcribe(clip).text
        e, n = word_errors(ref, hyp)
        errors, words = errors + e, words + n
        if normalize(ref) == normalize(hyp):
            exact += 1
        else:
            misheard.append(hyp)
    return errors / max(words, 1), exact, misheard


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--asr", default="onnx")
    ap.add_argument("--n", type=int, default=300, help="HWU64 valid sentences")
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "asr_prompt.md"))
    args = ap.parse_args(argv)
    from quantize.nlu_data import hwu64

    cfg = Config()
    phrase = cfg.wake.phrase.strip().capitalize()
    prompts = {"anchor": f"{phrase}, what time is it? {phrase}, play some jazz.",
               "loop": wake_prompt(cfg)}
    trs = {k: load_transcriber(args.asr, threads=2, prompt=p) for k, p in prompts.items()}
    rows = hwu64("valid")
    random.Random(0).shuffle(rows)
    voices = _voices()
    sets = {"one-word commands": [(w, _pad(v.synthesize(w))) for w in WORDS for _, v in voices],
            "HWU64 valid sentences": [(t, _pad(v.synthesize(t))) for t, _ in rows[:args.n]
                                      for name, v in voices if name != "piper:joe seed 1"]}
    lines = ["# Whisper's prompt in the loop: command words", "",
             f"Command: `python bench/asr_prompt.py --n {args.n} --asr {args.asr}`  ",
             f"Date: {dt.date.today()}; ASR engine: {trs['loop'].name}; voices: "
             f"{', '.join(n for n, _ in voices)} (sentences: seed 0 and espeak).", "",
             f"Anchor prompt: {prompts['anchor']!r}  ", f"Loop prompt: {prompts['loop']!r}", "",
             "| set | recordings | anchor: exact / WER | loop prompt: exact / WER | WER ratio |",
             "|---|---|---|---|---|"]
    misheard = {}
    for name, recs in sets.items():
        got = {k: score(tr, recs) for k, tr in trs.items()}
        (wa, ea, _), (wl, el, ml) = got["anchor"], got["loop"]
        misheard[name] = (got["anchor"][2], ml)
        row = (f"| {name} | {len(recs)} | {ea} / {wa:.3f} | {el} / {wl:.3f} | "
               f"{wl / wa if wa else float('nan'):.2f} |")
        print(row, flush=True)
        lines.append(row)
    anchor_miss, loop_miss = misheard["one-word commands"]
    lines += ["", f"One-word commands misheard, anchor: {', '.join(anchor_miss) or 'none'}.  ",
              f"One-word commands misheard, loop prompt: {', '.join(loop_miss) or 'none'}."]
    Path(args.out).write_text("\n".join(lines) + "\n")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
