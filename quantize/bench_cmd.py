"""``python -m quantize bench MODEL``: latency p50/p95, peak RSS and size of an ONNX Whisper folder.

Latency is the whole transcription (log-mel front end + encoder + greedy decoder) of short spoken
commands: the Picovoice coffee-maker commands (real speakers) cut to their speech with the
project's Silero VAD, as the voice loop sees them. Peak RSS is measured in a fresh child process
that loads only the runtime and the model, so the toolchain's own imports do not count.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np

from assistant.paths import REPO_ROOT, data_dir


def command_utterances(limit: int = 40, min_s: float = 1.0, max_s: float = 4.0) -> list[np.ndarray]:
    """Speech of the Picovoice commands (VAD-cut), keeping utterances of min_s..max_s seconds."""
    from assistant import audio as A
    from assistant import config as C
    from assistant.vad import Segmenter

    folder = data_dir() / "speech_picovoice_coffee_commands" / "clean"
    out = []
    cfg = C.load(None).vad
    for wav in sorted(folder.glob("*.wav")):
        for utt in Segmenter(cfg).stream(A.FileSource(wav).frames()):
            if min_s <= utt.duration_s <= max_s:
                out.append(utt.audio)
        if len(out) >= limit:
            break
    return out[:limit]


_CHILD = r"""
import json, resource, sys, time
import numpy as np
from assistant.asr.onnx_whisper import OnnxWhisperTranscriber
model, threads, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
t0 = time.perf_counter()
tr = OnnxWhisperTranscriber(model, threads=threads)
load_s = time.perf_counter() - t0
with np.load(path, allow_pickle=False) as z:
    clips = [z[k] for k in sorted(z.files, key=int)]
tr.transcribe(clips[0])
ms = [tr.transcribe(c).decode_ms for c in clips]
print(json.dumps({"load_s": load_s, "ms": ms,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "torch_loaded": "torch" in sys.modules}))
"""


def bench_model(model: str | Path, threads: int = 2, limit: int = 40) -> dict:
    import tempfile

    clips = command_utterances(limit)
    if not clips:
        from assistant.errors import UsageError

        raise UsageError(f"no command clips under {data_dir()} (set ASSISTANT_DATA)")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "clips.npz"
        np.savez(path, **{str(i): c for i, c in enumerate(clips)})
        res = subprocess.run([sys.executable, "-c", _CHILD, str(model), str(threads), str(path)],
                             capture_output=True, text=True, cwd=REPO_ROOT, check=False)
    if res.returncode:
        from assistant.errors import ModelError

        raise ModelError(f"bench child failed: {res.stderr.strip().splitlines()[-1:]}")
    r = json.loads(res.stdout.strip().splitlines()[-1])
    ms = np.array(r["ms"])
    size = sum(p.stat().st_size for p in Path(model).iterdir() if p.is_file())
    return {"model": str(model), "threads": threads, "clips": len(ms),
            "clip_s_mean": float(np.mean([len(c) for c in clips]) / 16000),
            "p50_ms": float(np.percentile(ms, 50)), "p95_ms": float(np.percentile(ms, 95)),
            "peak_rss_mb": r["peak_rss_mb"], "load_s": r["load_s"], "size_mb": size / 1e6,
            "torch_loaded": r["torch_loaded"]}


def add_parser(sub) -> None:
    p = sub.add_parser("bench", help="p50/p95 latency, peak RSS and size of an ONNX Whisper model",
                       description=__doc__.split("\n\n")[1])
    p.add_argument("model", nargs="+", help="ONNX Whisper model folder(s)")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--clips", type=int, default=40, help="number of 1-4 s command utterances")
    p.add_argument("--json", action="store_true")
    p.add_argument("--out", metavar="FILE.md", help="also write the table (with the command) to FILE.md")
    p.set_defaults(func=run)


def run(args) -> int:
    from tqdm import tqdm

    rows = []
    for model in tqdm(args.model, desc="bench", disable=len(args.model) == 1):
        r = bench_model(model, args.threads, args.clips)
        rows.append(r)
        if args.json:
            print(json.dumps(r))
        else:
            print(f"{model}: p50 {r['p50_ms']:.0f} ms, p95 {r['p95_ms']:.0f} ms on {r['clips']} commands "
                  f"({r['clip_s_mean']:.1f} s mean), peak RSS {r['peak_rss_mb']:.0f} MB, "
                  f"load {r['load_s']:.2f} s, size {r['size_mb']:.1f} MB, threads {r['threads']}")
    if args.out:
        import os

        from assistant.cards import now_iso

        lines = ["# quantize bench: ONNX Whisper models on spoken commands", "",
                 f"Made by `python -m quantize bench {' '.join(args.model)} --threads {args.threads} "
                 f"--clips {args.clips}` on {now_iso()} (load average {os.getloadavg()[0]:.1f}; "
                 "the machine is shared, times are noisy). Clips: Picovoice coffee commands cut by "
                 "Silero VAD to 1-4 s utterances; whole transcription per clip; peak RSS of a child "
                 "process that loads only the runtime and the model.", "",
                 "| model | p50 ms | p95 ms | peak RSS MB | load s | size MB | torch loaded |",
                 "|---|---|---|---|---|---|---|"]
        lines += [f"| `{r['model']}` | {r['p50_ms']:.0f} | {r['p95_ms']:.0f} | {r['peak_rss_mb']:.0f} | "
                  f"{r['load_s']:.2f} | {r['size_mb']:.1f} | {r['torch_loaded']} |" for r in rows]
        Path(args.out).write_text("\n".join(lines) + "\n")
    return 0
