"""Wake phrase: false wakes on real speech, and how many spoken commands with the phrase wake it.

    python bench/wake.py [--asr onnx] [--n 120]

1. False wakes: every clip of LJSpeech 32, LibriSpeech 4 and FLEURS 10 (read speech nobody says
   to a speaker) is cut into utterances by the VAD and transcribed, and each transcript goes
   through the wake gate. Target: fewer than 1 false wake over all of them.
2. Wake rate: spoken commands that start with the phrase ("hey speaker, play some jazz"),
   synthesised with the project's voices (device phrasing from bench/soak.py), are transcribed and
   gated. Target: >= 95 % woken.
The anchor, in the same run: the same gate over the reference transcripts (perfect hearing).
Results to bench/results/wake.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import soak  # noqa: E402  (voices and device-phrased commands)

from assistant import audio as A  # noqa: E402
from assistant.asr import load_transcriber  # noqa: E402
from assistant.asr.evaluate import clips  # noqa: E402
from assistant.config import Config, WakeConfig  # noqa: E402
from assistant.stages import wake_prompt  # noqa: E402
from assistant.vad import Segmenter  # noqa: E402
from assistant.wake import WakeGate  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--asr", default="auto")
    ap.add_argument("--n", type=int, default=120, help="spoken commands with the phrase")
    ap.add_argument("--voices", choices=["product", "stress"], default="product",
                    help="product: the default espeak voice and Piper; stress: seven espeak "
                         "accents and speeds plus Piper")
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "wake.md"))
    args = ap.parse_args(argv)
    cfg = WakeConfig()
    tr = load_transcriber(args.asr, prompt=wake_prompt(Config()))  # as the loop runs it
    seg = Segmenter()

    # 1. false wakes on read speech
    speech = [c for name in ("ljspeech", "librispeech", "fleurs") for c in clips(name)]
    if not speech:
        sys.exit("no speech clips found (set ASSISTANT_DATA)")
    false_heard, false_ref, n_utts = [], [], 0
    for c in speech:
        if WakeGate(cfg).check(c.reference, 0.0).kind != "ignore":
            false_ref.append(c.reference[:60])
        for utt in seg.stream(A.FileSource(c.path).frames()):
            text = tr.transcribe(utt.audio).text
            n_utts += 1
            if text and WakeGate(cfg).check(text, 0.0).kind != "ignore":
                false_heard.append(text[:60])
    print(f"false wakes: {len(false_heard)} over {len(speech)} clips ({n_utts} utterances); "
          f"on reference text: {len(false_ref)}")

    # 2. commands that start with the phrase
    voices = soak.voices(args.voices)
    cmds = soak.commands(args.n, seed=7)
    woken = 0
    woken_ref = 0
    missed = []
    per_voice: dict[str, list[int]] = {}
    for i, (text, *_) in enumerate(cmds):
        line = f"{cfg.phrase.capitalize()}, {text}."
        woken_ref += WakeGate(cfg).check(line, 0.0).kind != "ignore"
        audio = voices[i % len(voices)][1](line)
        heard = tr.transcribe(audio).text
        ok = WakeGate(cfg).check(heard, 0.0).kind != "ignore"
        per_voice.setdefault(voices[i % len(voices)][0], []).append(int(ok))
        if ok:
            woken += 1
        else:
            missed.append(f"{voices[i % len(voices)][0]}: {heard!r}")
    rate, rate_ref = woken / len(cmds), woken_ref / len(cmds)
    print(f"woken: {woken}/{len(cmds)} = {rate:.3f} (reference text {rate_ref:.3f}, "
          f"ratio {rate / rate_ref:.3f})")

    lines = [
        "# Wake phrase (\"hey speaker\")",
        "",
        f"Command: `python bench/wake.py --asr {args.asr} --n {args.n} --voices {args.voices}`  ",
        f"Date: {dt.date.today()}; ASR engine: {tr.name}, prompted with the wake phrase as the "
        f"loop runs it ({wake_prompt(Config())!r}); voices: {', '.join(v for v, _ in voices)}.",
        "",
        "| measure | heard (VAD + ASR + gate) | reference text (anchor) | target |",
        "|---|---|---|---|",
        f"| false wakes over LJSpeech 32 + LibriSpeech 4 + FLEURS 10 ({n_utts} utterances) | "
        f"{len(false_heard)} | {len(false_ref)} | < 1 |",
        f"| spoken commands starting with the phrase, woken | {woken}/{len(cmds)} = {rate:.1%} | "
        f"{rate_ref:.1%} | >= 95 % |",
        "",
        "Woken, by voice: " + "; ".join(f"{v} {sum(x)}/{len(x)}" for v, x in per_voice.items()),
        "",
    ]
    if false_heard:
        lines += ["False wakes:", *[f"- {t!r}" for t in false_heard], ""]
    if missed:
        lines += ["Missed (what was heard):", *[f"- {m}" for m in missed[:20]], ""]
    Path(args.out).write_text("\n".join(lines))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
