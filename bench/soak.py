"""Soak: many spoken commands through one long-running `assistant run`, watching for crashes,
memory growth and latency drift.

    python bench/soak.py [--n 1000] [--snr 10] [--threads 2] [--keep DIR]

1. Synthesises N commands with the project's voices (espeak-ng through ``assistant.tts``, several
   voices and rates; Piper too when ``assistant.tts`` offers it), every other one mixed with the
   kitchen noise of ``speech_picovoice_coffee_commands`` at ``--snr`` dB, separated by silence,
   into one long recording (written block by block).
2. Runs ``assistant run --input long.wav --json --no-wake`` once on it, reading its events as they
   come and sampling the process's RSS (``/proc/PID/status``) twice a second and at every reply.
3. Writes ``bench/results/soak.md``: crashes (non-zero exit, tracebacks), replies per command,
   peak RSS at the 100th command vs at the last (target: growth < 5 %), end-of-speech → reply
   latency p50/p95 per block of 100 commands (target: steady), intent accuracy clean vs noisy.

The commands are written here (device phrasing, not any evaluation set's sentences).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import soundfile as sf

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant import audio as A  # noqa: E402
from assistant.paths import data_dir  # noqa: E402

GAP_S = 1.6
"""Silence between commands (the VAD ends an utterance after 0.5 s)."""
RSS_FROM = 100
NUMBERS = ["two", "three", "five", "ten", "fifteen", "twenty", "forty five"]
ARTISTS = ["miles davis", "the beatles", "norah jones", "daft punk", "bob marley"]
GENRES = ["jazz", "rock", "classical music", "reggae", "blues", "pop"]
TEMPLATES: list[tuple[str, str | None]] = [
    ("what time is it", "datetime_query"),
    ("what's the date today", "datetime_query"),
    ("set a timer for {n} minutes", "alarm_set"),
    ("wake me up at seven in the morning", "alarm_set"),
    ("what alarms do I have", "alarm_query"),
    ("cancel my alarm", "alarm_remove"),
    ("play some {g}", "play_music"),
    ("play something by {a}", "play_music"),
    ("play music", "play_music"),
    ("what song is this", "music_query"),
    ("I love this song", "music_likeness"),
    ("I hate this song", "music_likeness"),
    ("turn the volume up", "audio_volume_up"),
    ("make it quieter", "audio_volume_down"),
    ("mute the speaker", "audio_volume_mute"),
    ("play the radio", "play_radio"),
    ("play a podcast", "play_podcasts"),
    ("play my audiobook", "play_audiobook"),
    ("tell me a joke", "general_joke"),
    ("hello there", None),  # no greeting intent among HWU64's 64: not scored
    ("what's the weather like today", "weather_query"),
    ("send an email to my boss", "email_sendemail"),
    ("order a pizza", "takeaway_order"),
    ("stop", None),  # while something plays it is a barge-in (no understanding): not scored
]


PRODUCT_VOICES = (("gmw/en-us", 170),)
"""The espeak voice the speaker itself talks with (config [tts] defaults); Piper is the other."""
STRESS_VOICES = (("gmw/en-us", 165), ("gmw/en", 150), ("gmw/en-us+f3", 175), ("gmw/en-gb-x-rp", 160),
                 ("gmw/en-029", 150), ("gmw/en-us-nyc", 185), ("gmw/en-gb-scotland", 160))
"""espeak accents and speeds on top: harder for tiny.en, for soaks and stress runs."""


def voices(which: str = "stress", seed: int | None = 0):
    """(name, synthesize) pairs from the project's own speakers.

    which: "product" (the default espeak voice and Piper, alternating) or "stress" (seven espeak
    accents and speeds, plus Piper for 2 commands in 9). seed: Piper's (PiperSpeaker seed): the
    same seed and sentences make the Piper half of a recording the same in every run. espeak-ng
    through pyttsx3 is not quite: the same sentence came out a few samples longer or shorter from
    one call to the next (measured 2026-11-30: 37466, 37464 and 37472 samples), so its half of
    a recording, and what Whisper hears of it, can differ a little between runs."""
    from assistant import tts

    out = []
    for voice, rate in (PRODUCT_VOICES if which == "product" else STRESS_VOICES):
        try:
            sp = tts.EspeakSpeaker(voice, rate)
        except Exception as exc:  # noqa: BLE001 - a missing variant is just one voice fewer
            print(f"voice {voice} unavailable: {exc}", file=sys.stderr)
            continue
        out.append((f"espeak:{voice}@{rate}", sp.synthesize))
    try:
        from assistant.tts_piper import PiperSpeaker

        sp = PiperSpeaker(seed=seed)
        out.append(("piper:joe", sp.synthesize))
        if which != "product":
            out.append(("piper:joe", sp.synthesize))  # a neural voice for 2 in 9 commands
    except Exception as exc:  # noqa: BLE001
        print(f"piper unavailable: {exc}", file=sys.stderr)
    if not out:
        sys.exit("no voice available (install espeak-ng)")
    return out


def commands(n: int, seed: int = 0) -> list[tuple[str, str | None, str]]:
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n):
        k = rng.integers(len(TEMPLATES))
        text, intent = TEMPLATES[int(k)]
        text = text.format(n=NUMBERS[int(rng.integers(len(NUMBERS)))],
                           g=GENRES[int(rng.integers(len(GENRES)))],
                           a=ARTISTS[int(rng.integers(len(ARTISTS)))])
        out.append((text, intent, TEMPLATES[int(k)][0]))
    return out


def kitchen_noise() -> np.ndarray | None:
    p = data_dir() / "speech_picovoice_coffee_commands" / "noise_kitchen.wav"
    return A.load_audio(p) if p.exists() else None


def mix(speech: np.ndarray, noise: np.ndarray, snr_db: float, offset: int) -> np.ndarray:
    idx = (offset + np.arange(speech.size)) % noise.size
    nz = noise[idx]
    ps = float(np.mean(speech ** 2)) + 1e-12
    pn = float(np.mean(nz ** 2)) + 1e-12
    out = speech + nz * np.sqrt(ps / (pn * 10 ** (snr_db / 10)))
    return np.clip(out, -1, 1).astype(A.DTYPE)


def build(path: Path, n: int, snr: float) -> list[dict]:
    """Write the long recording; returns one dict per command (text, intent, voice, noisy, start/end)."""
    vs = voices()
    noise = kitchen_noise()
    if noise is None:
        print("kitchen noise not found: every command clean", file=sys.stderr)
    gap = np.zeros(A.samples(GAP_S), A.DTYPE)
    meta, pos = [], 0
    t0 = time.time()
    with sf.SoundFile(str(path), "w", samplerate=A.SAMPLE_RATE, channels=1, subtype="PCM_16") as f:
        f.write(gap)
        pos += gap.size
        for i, (text, intent, template) in enumerate(commands(n)):
            vname, synth = vs[i % len(vs)]
            speech = synth(text)
            noisy = noise is not None and i % 2 == 1
            if noisy:
                speech = mix(speech, noise, snr, offset=pos)
            f.write(speech)
            meta.append({"i": i, "text": text, "intent": intent, "template": template,
                         "voice": vname, "noisy": noisy,
                         "start_s": pos / A.SAMPLE_RATE, "end_s": (pos + speech.size) / A.SAMPLE_RATE})
            pos += speech.size
            f.write(gap)
            pos += gap.size
            if (i + 1) % 100 == 0:
                print(f"  synthesised {i + 1}/{n} ({time.time() - t0:.0f} s)", file=sys.stderr)
    return meta


def rss_kb(pid: int) -> tuple[int, int]:
    """(VmRSS, VmHWM) in kB; (0, 0) once the process is gone."""
    rss = hwm = 0
    try:
        for ln in Path(f"/proc/{pid}/status").read_text().splitlines():
            if ln.startswith("VmRSS:"):
                rss = int(ln.split()[1])
            elif ln.startswith("VmHWM:"):
                hwm = int(ln.split()[1])
    except OSError:
        pass
    return rss, hwm


def pct(xs, q):
    return float(np.percentile(xs, q)) if len(xs) else float("nan")


def run(path: Path, meta: list[dict], state: Path, threads: int, config: Path | None = None,
        nlu_dir: str = "") -> dict:
    env = dict(os.environ, PYTHONUNBUFFERED="1", OMP_NUM_THREADS=str(threads))
    conf = config or state.parent / "soak-config.toml"
    if config is None:
        text = f"[asr]\nthreads = {threads}\n"
        if nlu_dir:
            text += f"[nlu]\nmodel_dir = \"{nlu_dir}\"\n"
        conf.write_text(text)
    cmd = [sys.executable, "-m", "assistant", "run", "--input", str(path), "--json", "--no-wake",
           "--state-dir", str(state), "--config", str(conf)]
    t0 = time.time()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    samples: list[tuple[float, int]] = []  # (time, rss kB)
    stop = threading.Event()

    def sampler():
        while not stop.is_set() and proc.poll() is None:
            r, _ = rss_kb(proc.pid)
            if r:
                samples.append((time.time() - t0, r))
            time.sleep(0.5)

    errs: list[str] = []
    th = threading.Thread(target=sampler, daemon=True)
    th.start()
    te = threading.Thread(target=lambda: errs.extend(proc.stderr), daemon=True)
    te.start()
    starts = np.array([m["start_s"] for m in meta])
    ends = np.array([m["end_s"] for m in meta])
    per_cmd: dict[int, dict] = {}
    current = None
    events = {"utterance": 0, "reply": 0, "error": 0, "understood": 0}
    hwm_at_reply: list[tuple[int, int]] = []  # (command index, VmHWM kB)
    for ln in proc.stdout:
        if not ln.startswith("{"):
            continue
        e = json.loads(ln)
        kind = e.get("event")
        if kind in events:
            events[kind] += 1
        if kind == "utterance":
            mid = (float(e.get("start_s", e["t"])) + float(e.get("end_s", e["t"]))) / 2
            j = int(np.argmin(np.abs((starts + ends) / 2 - mid)))
            current = j if starts[j] - 0.5 <= mid <= ends[j] + 0.5 else None
            if current is not None:
                per_cmd.setdefault(current, {}).update(asr_ms=e.get("asr_ms"), heard=e.get("text"))
        elif kind == "understood" and current is not None:
            per_cmd.setdefault(current, {}).update(intent=e.get("intent"), nlu_ms=e.get("nlu_ms"),
                                                   confidence=e.get("intent_confidence"),
                                                   asr_again_ms=e.get("asr_again_ms"))
        elif kind == "reply" and current is not None:
            d = per_cmd.setdefault(current, {})
            d["e2e_ms"] = e.get("e2e_ms")
            d["tts_ms"] = e.get("tts_ms")
            _, hwm = rss_kb(proc.pid)
            if hwm:
                d["hwm_kb"] = hwm
                hwm_at_reply.append((current, hwm))
    rc = proc.wait()
    stop.set()
    th.join(2)
    te.join(5)
    wall = time.time() - t0
    return {"rc": rc, "wall_s": wall, "stderr": "".join(errs), "samples": samples,
            "per_cmd": per_cmd, "events": events, "hwm": hwm_at_reply, "cmd": " ".join(cmd)}


def report(meta, res, args, build_s: float, out: Path) -> str:
    n = len(meta)
    per = res["per_cmd"]
    err = res["stderr"]
    tracebacks = err.count("Traceback") + err.count("internal error")
    crashes = int(res["rc"] != 0) + tracebacks
    replied = [i for i in range(n) if per.get(i, {}).get("e2e_ms") is not None]
    # peak RSS: the highest VmHWM seen by the 100th command vs by the last
    hwm = res["hwm"]
    by100 = max((h for i, h in hwm if i < RSS_FROM), default=0)
    at_end = max((h for _, h in hwm), default=0)
    growth = (at_end / by100 - 1) * 100 if by100 else float("nan")
    lines = []
    lines.append("# Soak: spoken commands through one long-running `assistant run`\n")
    extra = (f" --nlu-dir {args.nlu_dir}" if args.nlu_dir else "") + (
        f" --keep {args.keep}" if args.keep else "")
    lines.append(f"Command: `python bench/soak.py --n {args.n} --snr {args.snr:g} --threads "
                 f"{args.threads}{extra}` ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; "
                 f"2-core machine shared with other jobs)\n")
    lines.append(f"Loop command: `{res['cmd'].replace(str(ROOT) + '/', '')}`\n")
    audio_s = meta[-1]["end_s"] + GAP_S if meta else 0
    voices_used = sorted({m["voice"] for m in meta})
    lines.append(f"- {n} commands, {sum(m['noisy'] for m in meta)} of them mixed with kitchen noise "
                 f"at {args.snr:g} dB SNR; voices: {', '.join(voices_used)}")
    lines.append(f"- recording: {audio_s / 60:.1f} min ({audio_s * 32 / 1024:.0f} MB PCM_16), "
                 f"{'reused from an earlier --keep run' if build_s != build_s else f'synthesised in {build_s:.0f} s'}; the loop took {res['wall_s']:.0f} s")
    lines.append(f"- events: {res['events']}\n")
    lines.append("| figure | result | target | |")
    lines.append("|---|---|---|---|")
    lines.append(f"| crashes (exit status {res['rc']}, tracebacks {tracebacks}) | {crashes} | 0 | "
                 f"{'ok' if crashes == 0 else 'FAIL'} |")
    lines.append(f"| commands answered (a reply event) | {len(replied)} / {n} | | |")
    ok_rss = growth < 5
    lines.append(f"| peak RSS by command {RSS_FROM} → by the last | {by100 / 1024:.0f} MB → "
                 f"{at_end / 1024:.0f} MB ({growth:+.2f} %) | < +5 % | {'ok' if ok_rss else 'FAIL'} |")
    blocks = []
    for b in range(0, n, 100):
        xs = [per[i]["e2e_ms"] for i in range(b, min(n, b + 100)) if per.get(i, {}).get("e2e_ms")]
        asr = [per[i]["asr_ms"] for i in range(b, min(n, b + 100)) if per.get(i, {}).get("asr_ms")]
        if xs:
            blocks.append((b, len(xs), pct(xs, 50), pct(xs, 95), pct(asr, 50)))
    if len(blocks) >= 4:
        # steady = no upward trend: the last 300 commands' p95 against that of commands 101-400
        # (after warm-up), and the slope of a line through the per-block p95s
        def p95_of(lo, hi):
            return pct([per[i]["e2e_ms"] for i in range(lo, min(n, hi))
                        if per.get(i, {}).get("e2e_ms")], 95)

        early, late = p95_of(100, 400), p95_of(max(0, n - 300), n)
        slope = float(np.polyfit([b[0] for b in blocks], [b[3] for b in blocks], 1)[0]) * 100
        steady = late <= 1.10 * early
        lines.append(f"| e2e p95: commands 101-400 → the last 300 | {early:.0f} ms → {late:.0f} ms "
                     f"({late / early:.2f}x; trend {slope:+.1f} ms per 100 commands) | steady "
                     f"(<= 1.10x) | {'ok' if steady else 'drift'} |")
    all_e2e = [per[i]["e2e_ms"] for i in replied]
    lines.append(f"| end of speech → reply, all commands | p50 {pct(all_e2e, 50):.0f} ms, p95 "
                 f"{pct(all_e2e, 95):.0f} ms | | |")
    for noisy in (False, True):
        idx = [m["i"] for m in meta if m["noisy"] == noisy and m["intent"]]
        if idx:
            acc = np.mean([per.get(i, {}).get("intent") == meta[i]["intent"] for i in idx]) * 100
            lines.append(f"| intent accuracy, {'noisy' if noisy else 'clean'} (informative) | "
                         f"{acc:.1f} % of {len(idx)} | | |")
    lines.append("\nLatency by block of 100 commands (end of speech → reply audio ready, ms):\n")
    lines.append("| commands | answered | e2e p50 | e2e p95 | asr p50 |")
    lines.append("|---|---|---|---|---|")
    for b, k, p50, p95, a50 in blocks:
        lines.append(f"| {b + 1}-{min(n, b + 100)} | {k} | {p50:.0f} | {p95:.0f} | {a50:.0f} |")
    lines.append("\nBy command (answered = a reply event; a \"stop\" while something plays is a "
                 "barge-in and gets none):\n")
    lines.append("| command | n | answered | intent correct |")
    lines.append("|---|---|---|---|")
    by_t: dict[str, list[int]] = {}
    for m in meta:
        by_t.setdefault(m.get("template", m["text"]), []).append(m["i"])
    for t, idx in by_t.items():
        ans = sum(per.get(i, {}).get("e2e_ms") is not None for i in idx)
        want = meta[idx[0]]["intent"]
        ok = (f"{sum(per.get(i, {}).get('intent') == want for i in idx)} ({want})" if want
              else "not scored")
        lines.append(f"| {t} | {len(idx)} | {ans} | {ok} |")
    if res["samples"]:
        s = res["samples"]
        lines.append(f"\nRSS sampled twice a second: min {min(r for _, r in s) / 1024:.0f} MB, max "
                     f"{max(r for _, r in s) / 1024:.0f} MB over {len(s)} samples.")
    if crashes:
        lines.append("\nLast stderr lines:\n\n```\n" + "\n".join(err.strip().splitlines()[-20:])
                     + "\n```")
    text = "\n".join(lines) + "\n"
    out.write_text(text)
    return text


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=1000, help="spoken commands (default 1000)")
    ap.add_argument("--snr", type=float, default=10.0, help="kitchen noise SNR in dB for the noisy half")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--keep", metavar="DIR", help="work here and keep the recording (default: a temp dir)")
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "soak.md"))
    ap.add_argument("--build-only", action="store_true", help="only synthesise the recording")
    ap.add_argument("--nlu-dir", default="", metavar="DIR",
                    help="understanding model folder (default: the shipped one, as the config says)")
    args = ap.parse_args()
    import tempfile

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="soak-"))
    work.mkdir(parents=True, exist_ok=True)
    wav = work / "long.wav"
    t0 = time.time()
    saved = work / "commands.json"
    if args.keep and wav.exists() and saved.exists() and len(json.loads(saved.read_text())) == args.n:
        meta = json.loads(saved.read_text())  # the recording made by an earlier --keep run
        build_s = float("nan")
    else:
        meta = build(wav, args.n, args.snr)
        build_s = time.time() - t0
        saved.write_text(json.dumps(meta, indent=1))
    if args.build_only:
        print(f"recording: {wav}", file=sys.stderr)
        return 0
    print(f"recording: {wav} ({meta[-1]['end_s'] / 60:.1f} min), running the loop ...", file=sys.stderr)
    import shutil

    # a fresh state every run: timers, alarms, history and volume are durable, and a --keep
    # run that reused them started with the last run's alarms still set
    shutil.rmtree(work / "state", ignore_errors=True)
    res = run(wav, meta, work / "state", args.threads, nlu_dir=args.nlu_dir)
    (work / "results.json").write_text(json.dumps(
        {str(k): v for k, v in sorted(res["per_cmd"].items())}, indent=0))
    print(report(meta, res, args, build_s, Path(args.out)))
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if res["rc"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
