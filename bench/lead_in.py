"""Lead-in benchmark: spoken commands whose speech starts at the very first sample (as a TTS voice
or a trimmed file gives them), transcribed with the transcriber's lead-in of quiet
(``assistant.audio.with_lead_in``) against the same engine without it (the anchor), same clips,
same run.

    .venv/bin/python bench/lead_in.py [--n 0] [--asr onnx whisper] [--out bench/results/lead_in.md]

Commands: HWU64 valid sentences (never test), spoken by the project's voices in turn (espeak
gmw/en-us@170, Piper joe). Figures: the first word heard right, WER after whisper's English
normalizer, the shipped understanding model's intent accuracy on what was heard, and decode time
per command (p50). The voice loop's utterances already carry the VAD's 300 ms pre-roll, so this
measures what the lead-in does for audio that arrives without one.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

import numpy as np

sys.path[:0] = [str(Path(__file__).resolve().parent.parent), str(Path(__file__).resolve().parent)]

from assistant import audio as A  # noqa: E402
from assistant.asr import evaluate as E  # noqa: E402
from assistant.asr import load_transcriber  # noqa: E402
from assistant.cards import now_iso  # noqa: E402
from assistant.nlu import load as load_nlu  # noqa: E402
from assistant.paths import REPO_ROOT, data_dir  # noqa: E402

import soak  # noqa: E402  (bench/: the project's voices)


def hwu64_valid(n: int) -> list[tuple[str, str]]:
    d = data_dir() / "intent_hwu64" / "valid"
    if not d.is_dir():
        sys.exit(f"{d} not found (set ASSISTANT_DATA)")
    texts = (d / "seq.in").read_text(encoding="utf-8").splitlines()
    labels = (d / "label").read_text(encoding="utf-8").splitlines()
    rows = list(zip(texts, labels))
    return rows[:n] if n else rows


def first_word_right(ref: str, hyp: str) -> bool:
    r, h = E.normalize(ref).split(), E.normalize(hyp).split()
    return bool(r) and h[:1] == r[:1]


def run(engine: str, clips, rows, nlu) -> dict:
    """Both conditions on one engine, alternating which goes first clip by clip."""
    import importlib

    mod = importlib.import_module("assistant.asr." + ("onnx_whisper" if engine == "onnx" else "openai_whisper"))
    tr = load_transcriber(engine, threads=2)
    tr.transcribe(clips[0])  # warm
    lead = mod.with_lead_in
    out = {c: {"text": [], "ms": []} for c in ("without", "with")}
    for i, audio in enumerate(clips):
        for cond in (("without", "with") if i % 2 else ("with", "without")):
            mod.with_lead_in = lead if cond == "with" else (lambda a, *_, **__: a)
            t = tr.transcribe(audio)
            out[cond]["text"].append(t.text)
            out[cond]["ms"].append(t.decode_ms)
    mod.with_lead_in = lead
    res = {}
    for cond, o in out.items():
        us = nlu.understand_batch(o["text"])
        res[cond] = {
            "first": float(np.mean([first_word_right(r[0], h) for r, h in zip(rows, o["text"])])),
            "wer": E.wer([(r[0], h) for r, h in zip(rows, o["text"])]),
            "intent": float(np.mean([u.intent == r[1] for u, r in zip(us, rows)])),
            "ms": statistics.median(o["ms"]),
        }
    return res


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=0, help="first N valid sentences (0: all 1076)")
    ap.add_argument("--asr", nargs="+", default=["onnx", "whisper"], choices=["onnx", "whisper"])
    ap.add_argument("--out", type=Path, default=REPO_ROOT / "bench/results/lead_in.md")
    args = ap.parse_args(argv)
    rows = hwu64_valid(args.n)
    voices = soak.voices("product")
    clips = []
    for i, (text, _) in enumerate(rows):
        audio = voices[i % len(voices)][1](text)
        loud = np.nonzero(np.abs(audio) > 0.01)[0]
        clips.append(audio[loud[0]:] if loud.size else audio)  # speech from the first sample
    nlu = load_nlu()
    text_acc = float(np.mean([u.intent == lab for u, (_, lab) in zip(nlu.understand_batch([t for t, _ in rows]), rows)]))
    lines = ["# Lead-in of quiet before speech that starts at the first sample", "",
             f"Command: `python bench/lead_in.py --n {args.n} --asr {' '.join(args.asr)}`  ",
             f"Date: {now_iso()[:10]}; {len(rows)} HWU64 valid sentences, voices "
             f"{', '.join(n for n, _ in voices)} in turn, each cut to start at its first sample "
             f"above 0.01; lead-in {A.LEAD_IN_S:g} s. Intent as text: {text_acc:.3f}.", "",
             "| engine | measure | without lead-in (anchor) | with lead-in | ratio |",
             "|---|---|---|---|---|"]
    for engine in args.asr:
        r = run(engine, clips, rows, nlu)
        for key, label in (("first", "first word right"), ("wer", "WER"),
                           ("intent", "intent accuracy"), ("ms", "decode p50 (ms)")):
            a, b = r["without"][key], r["with"][key]
            fmt = "{:.1f}" if key == "ms" else "{:.3f}"
            lines.append(f"| {engine} | {label} | {fmt.format(a)} | {fmt.format(b)} | {b / a if a else float('nan'):.2f} |")
        print("\n".join(lines[-4:]), flush=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
