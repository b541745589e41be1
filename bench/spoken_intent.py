"""Spoken intent accuracy: SLURP test sentences, spoken by the project's voices, through `assistant run`.

    python bench/spoken_intent.py [--n 0] [--seed 0] [--voice-seeds 0] [--snr 20 10 5]

SLURP's test sentences whose intent is one of HWU64's (evaluation only: never trained or tuned
on), all 2927 of them by default, are synthesised with the project's voices (espeak-ng variants;
Piper when available), one long recording per condition and voice seed: clean, and with the
kitchen noise of speech_picovoice_coffee_commands mixed in continuously at each SNR (speech power
over noise power). Each recording goes through ``assistant run --input FILE --json --no-wake``
(the microphone's path); an utterance is matched to the sentence it overlaps, and its ``understood``
intent is scored.

The anchor, in the same run: the same sentences' text straight into the understanding model
(what the audio path could reach with perfect hearing), printed side by side with the ratio.
Results go to bench/results/spoken_intent.md. The default run takes about an hour on two cores.

``--n N`` draws a sample of N sentences with ``--seed`` instead, for a quicker look; a small one
says little about the target: 20 samples of 150 ranged from 86 to 93 % as text (the whole set:
88.5 %).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import soundfile as sf

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import soak  # noqa: E402  (voices, noise mixing, running the loop and reading its events)

from assistant import audio as A  # noqa: E402
from assistant.paths import data_dir  # noqa: E402

GAP_S = 1.8


def hwu64_intents() -> set[str]:
    return set((data_dir() / "intent_hwu64" / "train" / "label").read_text().split())


def slurp_sentences() -> list[tuple[str, str]]:
    """SLURP test sentences whose intent is one of HWU64's, as (text, intent), in file order."""
    keep = hwu64_intents()
    rows = []
    for line in (data_dir() / "intent_slurp" / "test.jsonl").read_text().splitlines():
        if line.strip():
            r = json.loads(line)
            if r["intent"] in keep:
                rows.append((r["sentence"], r["intent"]))
    return rows


def sample(rows: list, n: int, seed: int) -> list:
    """``n`` of ``rows`` drawn with ``seed``, in their order; all of them when n <= 0 or n >= len."""
    if n <= 0 or n >= len(rows):
        return rows
    idx = np.random.default_rng(seed).choice(len(rows), size=n, replace=False)
    return [rows[i] for i in sorted(idx)]


def build(path: Path, sentences, snr: float | None, voices, noise) -> list[dict]:
    """One recording: the sentences separated by silence, noise (if any) under all of it."""
    gap = np.zeros(A.samples(GAP_S), A.DTYPE)
    parts, meta, pos = [gap], [], gap.size
    speech_power = []
    for i, (text, intent) in enumerate(sentences):
        vname, synth = voices[i % len(voices)]
        speech = synth(text)
        speech_power.append(float(np.mean(speech ** 2)))
        meta.append({"i": i, "text": text, "intent": intent, "voice": vname, "noisy": snr is not None,
                     "start_s": pos / A.SAMPLE_RATE, "end_s": (pos + speech.size) / A.SAMPLE_RATE})
        parts += [speech, gap]
        pos += speech.size + gap.size
    audio = np.concatenate(parts)
    if snr is not None:
        idx = np.arange(audio.size) % noise.size
        nz = noise[idx]
        scale = np.sqrt(np.mean(speech_power) / (np.mean(nz ** 2) * 10 ** (snr / 10)))
        audio = np.clip(audio + nz * scale, -1, 1).astype(A.DTYPE)
    sf.write(str(path), audio, A.SAMPLE_RATE, subtype="PCM_16")
    return meta


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95 % Wilson score interval of a proportion k/n: 150 sentences leave about +-6 points."""
    if n == 0:
        return 0.0, 1.0
    p = k / n
    mid = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return float(mid - half), float(mid + half)


def in_hwu64_train(sentences) -> np.ndarray:
    """(n,) bool: the sentence is also, word for word, an HWU64 *train* sentence. HWU64 and SLURP
    come from one collection. Models trained since 2026-11-29 leave these out (their card says how
    many: ``nlu_data.left_out_of_training``); an older understanding model learned them as text."""
    from quantize.nlu_data import hwu64, norm

    train = {t for t, _ in hwu64("train")}
    return np.array([norm(s) in train for s, _ in sentences], bool)


def text_accuracy(sentences, clf) -> tuple[np.ndarray, float]:
    """((n,) bool correct per sentence as text by ``clf``, ms per sentence batched)."""
    t0 = time.perf_counter()
    got = clf.understand_batch([s for s, _ in sentences])
    ms = (time.perf_counter() - t0) * 1000 / max(1, len(sentences))
    return np.array([u.intent == want for u, (_, want) in zip(got, sentences)], bool), ms


def split(ok, seen) -> str:
    """"a / b": accuracy on the sentences in HWU64 train / on the others."""
    ok, seen = np.asarray(ok, bool), np.asarray(seen, bool)
    return f"{ok[seen].mean():.3f} / {ok[~seen].mean():.3f}" if seen.any() and (~seen).any() else "-"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=0, help="sentences per condition (0: all of them)")
    ap.add_argument("--seed", type=int, default=0, help="which SLURP sentences, with --n")
    ap.add_argument("--voice-seeds", type=int, nargs="+", default=[0],
                    help="one recording of every sentence per seed (Piper's sampling noise); the "
                         "accuracy pools them (default: %(default)s)")
    ap.add_argument("--snr", type=float, nargs="*", default=[20.0, 10.0, 5.0])
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--voices", choices=["product", "stress"], default="product",
                    help="product: the default espeak voice and Piper; stress: seven espeak "
                         "accents and speeds plus Piper")
    ap.add_argument("--hear-again", type=float, nargs="*", default=None,
                    help="[asr] hear_again speeds for the loop (none given: one hearing per command; "
                         "default: the config default)")
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "spoken_intent.md"))
    args = ap.parse_args(argv)
    if not (data_dir() / "intent_slurp").is_dir():
        sys.exit(f"SLURP not found under {data_dir()} (set ASSISTANT_DATA)")
    every = slurp_sentences()
    sentences = sample(every, args.n, args.seed)
    noise = soak.kitchen_noise()
    from assistant import nlu
    from quantize.nlu_data import left_out_of_training

    clf = nlu.load()
    text_ok, text_ms = text_accuracy(sentences, clf)
    text_acc, seen = float(text_ok.mean()), in_hwu64_train(sentences)
    left = left_out_of_training(clf.card)
    print(f"text anchor: intent accuracy {text_acc:.3f} on {len(sentences)} SLURP sentences "
          f"(in HWU64 train / not: {split(text_ok, seen)}; {seen.sum()} / {(~seen).sum()})")
    rows, crashes = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for snr in [None, *args.snr]:
            if snr is not None and noise is None:
                print("kitchen noise not found: noisy conditions skipped", file=sys.stderr)
                break
            name = "clean" if snr is None else f"{snr:g} dB SNR"
            correct = heard = total = 0
            per_seed, e2e, by_voice, all_ok = [], [], {}, []
            for vs in args.voice_seeds:
                # Piper samples noise inside its ONNX graph: seeded, the same command makes the same
                # recordings; each seed is another recording of the same sentences
                voices = soak.voices(args.voices, seed=vs)
                tag = f"{name.split()[0]}-{vs}"
                wav = Path(tmp) / f"{tag}.wav"
                meta = build(wav, sentences, snr, voices, noise)
                state = Path(tmp) / f"state-{tag}"
                state.mkdir()
                conf = None
                if args.hear_again is not None:
                    conf = Path(tmp) / "config.toml"
                    conf.write_text(f"[asr]\nthreads = {args.threads}\n"
                                    f"hear_again = [{', '.join(map(str, args.hear_again))}]\n")
                res = soak.run(wav, meta, state, args.threads, config=conf)
                per = res["per_cmd"]
                ok = [per.get(i, {}).get("intent") == m["intent"] for i, m in enumerate(meta)]
                correct += sum(ok)
                total += len(meta)
                heard += sum(1 for i in range(len(meta)) if "intent" in per.get(i, {}))
                e2e += [d["e2e_ms"] for d in per.values() if d.get("e2e_ms") is not None]
                for m, good in zip(meta, ok):
                    by_voice.setdefault(m["voice"], []).append(good)
                per_seed.append(float(np.mean(ok)))
                all_ok.append(ok)
                if res["rc"] != 0:
                    crashes.append(f"{tag}: exit {res['rc']}")
                    print(f"assistant run exited with {res['rc']}; its stderr ends:\n{res['stderr'][-4000:]}",
                          file=sys.stderr, flush=True)
                print(f"{name:>12} voice seed {vs}: {per_seed[-1]:.3f} (exit {res['rc']})", flush=True)
            acc = correct / total
            voice_acc = "; ".join(f"{v} {np.mean(x):.3f}" for v, x in by_voice.items())
            lo, hi = wilson(correct, total)
            by_seen = split(np.concatenate(all_ok), np.tile(seen, len(all_ok)))
            rows.append((name, acc, lo, hi, per_seed, heard, total, soak.pct(e2e, 50), voice_acc, by_seen))
            print(f"{name:>12}: spoken intent accuracy {acc:.3f} [95 % {lo:.3f}-{hi:.3f}] over "
                  f"{len(args.voice_seeds)} recordings (text anchor {text_acc:.3f}, ratio {acc / text_acc:.2f}); "
                  f"understood {heard}/{total}; e2e p50 {soak.pct(e2e, 50):.0f} ms; by voice: {voice_acc}; "
                  f"in HWU64 train / not: {by_seen}",
                  flush=True)
    voices_used = ", ".join(v for v, _ in voices)
    lines = [
        "# Spoken intent accuracy (SLURP test sentences, synthesised, through `assistant run`)",
        "",
        f"Command: `python bench/spoken_intent.py --n {args.n} --seed {args.seed} "
        f"--voice-seeds {' '.join(map(str, args.voice_seeds))} "
        f"--voices {args.voices} --snr "
        f"{' '.join(f'{s:g}' for s in args.snr)}"
        + (" --hear-again" + "".join(f" {s:g}" for s in args.hear_again) if args.hear_again is not None else "")
        + "`  ",
        f"Date: {dt.date.today()}; {len(sentences)} sentences (SLURP test, intent among HWU64's, "
        + (f"sample of seed {args.seed}" if len(sentences) < len(every) else "all of them")
        + f"); voices: {voices_used}; noise: kitchen noise of "
        "speech_picovoice_coffee_commands, continuous under the whole recording.",
        "",
        f"Anchor: the same sentences as text into the understanding model: accuracy "
        f"**{text_acc:.3f}** ({text_ms:.2f} ms/sentence batched).",
        "",
        f"{seen.sum()} of the {len(sentences)} sentences are also HWU64 *train* sentences word for word "
        "(HWU64 and SLURP come from one collection). "
        + (f"The understanding model left them out of training ({left} HWU64 train sentences, its card), "
           "as did the edge Whisper's fine-tune, so every sentence here is new to both; "
           f"anchor on them / on the other {(~seen).sum()}: {split(text_ok, seen)}: HWU64's own style "
           "of phrasing against SLURP's. The column 'in HWU64 train / not' splits each figure the same way."
           if left else
           "The understanding model learned them as text "
           f"(anchor on them / on the other {(~seen).sum()}: {split(text_ok, seen)}). The column "
           "'in HWU64 train / not' splits each figure the same way; the second number is how the speaker "
           "does on sentences it never saw."),
        "",
        "| condition | spoken intent accuracy | 95 % interval | per recording | text anchor | ratio "
        "| understood | e2e p50 (ms) | by voice | in HWU64 train / not |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, acc, lo, hi, per_seed, heard, n, e2e, voice_acc, by_seen in rows:
        lines.append(f"| {name} | {acc:.3f} | {lo:.3f}-{hi:.3f} | {' / '.join(f'{x:.3f}' for x in per_seed)} "
                     f"| {text_acc:.3f} | {acc / text_acc:.2f} | {heard}/{n} | {e2e:.0f} | {voice_acc} "
                     f"| {by_seen} |")
    if crashes:
        lines += ["", f"**The loop did not finish every recording** ({'; '.join(crashes)}): commands after "
                  "the crash count as wrong."]
    lines += ["", "Target: clean >= 0.85. Never tuned on these sentences.", "",
              "Each sentence is recorded once per voice seed (Piper samples noise while it speaks, and the "
              "VAD and Whisper react to small changes); the accuracy pools the recordings. The 95 % Wilson "
              "interval is of the pooled count. With a sample (--n), it does not cover the choice of "
              "sentences: 20 samples of 150 ranged from 86 to 93 % as text (the whole set: 88.5 %).", ""]
    Path(args.out).write_text("\n".join(lines))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
