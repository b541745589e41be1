"""End of speech → first reply audio, through `assistant run`, split by stage.

    python bench/e2e.py [--n 40] [--asr whisper onnx]

Spoken commands of 1-4 s (device phrasing, synthesised with the project's voices) are put in one
recording and run through ``assistant run --input FILE --json --no-wake`` once per ASR engine.
For each command the loop reports, in wall-clock time: ASR (``asr_ms``), the further hearings of
a command the understanding was unsure of (``asr_again_ms``, all of them, 0 when not made; ``[asr]
hear_again``), understanding (``nlu_ms``), TTS (``tts_ms``) and ``e2e_ms``, from the moment
the VAD closed the utterance to the
moment the first sample of the reply is handed to the output. The VAD's end hangover
(``[vad] end_ms``, the silence that must pass before an utterance counts as ended) comes on top;
the table shows both.

Anchors in the same run: the engines against each other (ratio), and the targets (800 ms with
openai-whisper; 300 ms for the edge path). Results to bench/results/e2e.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import soundfile as sf

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import soak  # noqa: E402  (voices, commands, running the loop and reading its events)

from assistant import audio as A  # noqa: E402
from assistant.config import VadConfig  # noqa: E402

TARGETS = {"whisper": 800.0, "onnx": 300.0}
READY_TARGET_S = 2.0
RSS_TARGET_MB = 400.0


def start_to_ready(engine: str, wav: Path, state: Path, conf: Path) -> float:
    """Seconds from starting `assistant run` to its sd_notify READY=1 (models loaded, warm)."""
    import os
    import socket
    import subprocess

    sock_path = state / "notify.sock"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(sock_path))
    sock.settimeout(120)
    env = dict(os.environ, NOTIFY_SOCKET=str(sock_path), PYTHONUNBUFFERED="1")
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "assistant", "run", "--input", str(wav),
                             "--no-wake", "--json", "--state-dir", str(state), "--config", str(conf)],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ready = float("nan")
    try:
        while True:
            msg = sock.recv(4096).decode()
            if "READY=1" in msg.split("\n"):
                ready = time.perf_counter() - t0
                break
    except OSError:
        pass
    finally:
        proc.kill()
        proc.wait()
        sock.close()
    return ready


def build(path: Path, n: int, seed: int) -> list[dict]:
    voices = soak.voices()[:3]
    gap = np.zeros(A.samples(2.0), A.DTYPE)
    parts, meta, pos = [gap], [], gap.size
    for i, (text, intent, *_) in enumerate(soak.commands(n * 3, seed)):
        speech = voices[i % len(voices)][1](text)
        if not 1.0 <= A.seconds(speech.size) <= 4.0:
            continue
        meta.append({"i": len(meta), "text": text, "intent": intent, "start_s": pos / A.SAMPLE_RATE,
                     "end_s": (pos + speech.size) / A.SAMPLE_RATE})
        parts += [speech, gap]
        pos += speech.size + gap.size
        if len(meta) == n:
            break
    sf.write(str(path), np.concatenate(parts), A.SAMPLE_RATE, subtype="PCM_16")
    return meta


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--asr", nargs="+", default=["whisper", "onnx"])
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "e2e.md"))
    args = ap.parse_args(argv)
    hangover = VadConfig().end_ms
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "commands.wav"
        meta = build(wav, args.n, args.seed)
        durs = [m["end_s"] - m["start_s"] for m in meta]
        print(f"{len(meta)} commands, {min(durs):.1f}-{max(durs):.1f} s of speech each")
        for engine in args.asr:
            state = Path(tmp) / f"state-{engine}"
            state.mkdir()
            conf = Path(tmp) / f"{engine}.toml"
            conf.write_text(f'[asr]\nengine = "{engine}"\nthreads = {args.threads}\n')
            t0 = time.time()
            ready_state = Path(tmp) / f"ready-{engine}"
            ready_state.mkdir()
            ready_s = start_to_ready(engine, wav, ready_state, conf)
            res = soak.run(wav, meta, state, args.threads, config=conf)
            per = [d for d in res["per_cmd"].values() if d.get("e2e_ms") is not None]
            if res["rc"] != 0 or not per:
                print(f"{engine}: failed (exit {res['rc']}): {res['stderr'][-300:]}")
                continue
            col = {k: [d[k] for d in per if d.get(k) is not None]
                   for k in ("asr_ms", "asr_again_ms", "nlu_ms", "tts_ms", "e2e_ms")}
            again = [v for v in col["asr_again_ms"] if v > 0]
            results[engine] = {k: (soak.pct(v, 50), soak.pct(v, 95)) for k, v in col.items()}
            results[engine]["n"] = len(per)
            results[engine]["again"] = (len(again), soak.pct(again, 50))
            results[engine]["ready_s"] = ready_s
            results[engine]["peak_mb"] = max((r for _, r in res["samples"]), default=0) / 1024
            r = results[engine]
            print(f"{engine:>8}: e2e p50 {r['e2e_ms'][0]:.0f} ms p95 {r['e2e_ms'][1]:.0f} ms "
                  f"(asr {r['asr_ms'][0]:.0f}, heard again {r['again'][0]}/{r['n']} at p50 {r['again'][1]:.0f}, nlu {r['nlu_ms'][0]:.1f}, tts {r['tts_ms'][0]:.0f}); "
                  f"target {TARGETS.get(engine, float('nan')):.0f} ms, ratio "
                  f"{r['e2e_ms'][0] / TARGETS.get(engine, np.nan):.2f}; start to ready "
                  f"{ready_s:.2f} s; peak RSS {r['peak_mb']:.0f} MB; {time.time() - t0:.0f} s",
                  flush=True)
    lines = [
        "# End of speech → first reply audio (`assistant run --input`, per stage)",
        "",
        f"Command: `python bench/e2e.py --n {args.n} --asr {' '.join(args.asr)} --threads {args.threads}`  ",
        f"Date: {dt.date.today()}; {len(meta)} synthesised commands of 1-4 s; {args.threads} threads; "
        "wall clock on this 2-core machine (other work may have been running: ±20 %).",
        "",
        "`e2e` runs from the VAD closing the utterance to the first reply sample handed to the "
        f"output; the VAD's end hangover ({hangover} ms of silence) comes before it: "
        "`from speech end` = hangover + e2e.",
        "",
        "| engine | n | ASR p50 | heard again: n, p50 | NLU p50 | TTS p50 | e2e p50 | e2e p95 | from speech end p50 | target | ratio to target |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for engine, r in results.items():
        tgt = TARGETS.get(engine, float("nan"))
        lines.append(f"| {engine} | {r['n']} | {r['asr_ms'][0]:.0f} | {r['again'][0]}, {r['again'][1]:.0f} | {r['nlu_ms'][0]:.2f} | "
                     f"{r['tts_ms'][0]:.0f} | {r['e2e_ms'][0]:.0f} | {r['e2e_ms'][1]:.0f} | "
                     f"{hangover + r['e2e_ms'][0]:.0f} | {tgt:.0f} | {r['e2e_ms'][0] / tgt:.2f} |")
    lines += ["", "| engine | start to ready (s) | target | peak RSS of `assistant run` (MB) | target |",
              "|---|---|---|---|---|"]
    for engine, r in results.items():
        lines.append(f"| {engine} | {r['ready_s']:.2f} | {READY_TARGET_S:.0f} | {r['peak_mb']:.0f} | "
                     f"{RSS_TARGET_MB:.0f} (int8 path) |")
    lines += ["", "Start to ready: process start to sd_notify READY=1 (every model loaded and warmed "
              "up). Peak RSS: the largest VmRSS sampled twice a second over the whole run."]
    if len(results) == 2:
        a, b = (results[k]["e2e_ms"][0] for k in args.asr[:2])
        lines += ["", f"{args.asr[1]} vs {args.asr[0]}: e2e p50 ratio {b / a:.2f} "
                      f"({a / b:.2f}x faster)."]
    Path(args.out).write_text("\n".join(lines) + "\n")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
