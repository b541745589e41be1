"""Encoder margin sweep for the edge ASR: WER and time per clip against the silence margin.

    python bench/asr_margin.py [--model DIR] [--threads 2] [--margins -1,0.5,1,2,3,4,6]

-1 is Whisper's full 30 s window. Writes bench/results/asr_margin.md (the shared speech clips,
openai-whisper's English normalizer). Speed on short commands: bench/asr_edge.py.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.asr.onnx_whisper import OnnxWhisperTranscriber  # noqa: E402
from quantize.evaluate import evaluate_transcriber, load_clips, speech_clips  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default=None, help="ONNX model folder (default: the installed edge model)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--margins", default="-1,0.5,1,2,3,4,6")
    ap.add_argument("--guard", type=int, default=None,
                    help="repeated n-gram guard in tokens (0: off; default: the model's)")
    ap.add_argument("--out", default=str(RESULTS / "asr_margin.md"))
    args = ap.parse_args()
    from assistant.asr.onnx_whisper import find_model

    model = args.model or find_model()
    clips = speech_clips()
    audios = load_clips(clips)
    rows = []
    for m in [float(x) for x in args.margins.split(",")]:
        tr = OnnxWhisperTranscriber(model, threads=args.threads, margin_s=m, verify=False)
        if args.guard is not None:
            tr.ngram_guard = args.guard
        tr.transcribe(audios[0])  # warm-up
        t0 = time.perf_counter()
        res = evaluate_transcriber(tr, clips, audios)
        rows.append((m, res["wer"], res["ms_per_clip"], time.perf_counter() - t0))
        label = "30 s window" if m < 0 else f"{m:g} s"
        print(f"margin {label:>11}: WER {res['wer']:.2%}  {res['ms_per_clip']:.0f} ms/clip", flush=True)
    full = next((r for r in rows if r[0] < 0), rows[0])
    lines = [f"# Edge ASR: encoder margin vs WER and speed\n",
             f"Command: `python bench/asr_margin.py --threads {args.threads} --margins {args.margins}"
             + (f" --guard {args.guard}" if args.guard is not None else "") + "`  ",
             f"Model: `{model}`; {len(clips)} clips (LJSpeech 32, LibriSpeech 4, FLEURS 10), "
             f"{sum(len(a) for a in audios) / 16000:.0f} s of speech; greedy, no timestamps, "
             f"repeated n-gram guard {tr.ngram_guard} tokens (0: off); whisper's English normalizer. Machine shared with other jobs (+-20 %).\n",
             "| margin | WER | ms/clip | speed vs 30 s window |", "|---|---|---|---|"]
    for m, w, ms, _ in rows:
        label = "30 s window (full)" if m < 0 else f"{m:g} s"
        lines.append(f"| {label} | {w:.2%} | {ms:.0f} | {full[2] / ms:.2f}x |")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text("\n".join(lines) + "\n")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
