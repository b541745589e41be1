"""``python -m quantize asr-augment``: HWU64 sentences as the speaker hears them (ASR-noised text).

Each sentence of HWU64 train (and valid, for tuning) is synthesised with the project's own voices
and transcribed by the installed int8 ONNX Whisper (or ``--whisper DIR``), so the understanding
model can be trained on the mishearings it meets at run time ("same this song" for "save this
song", digits, punctuation). Train leaves out the sentences that are also SLURP's evaluation
sentences (``nlu_data.evaluation_texts``). The edge Whisper is fine-tuned on HWU64 train, so it
hears those sentences better than it will hear new ones: ``--whisper`` with the stock model gives
hearings closer to what a new phrasing meets.
Voices rotate per sentence: espeak-ng gmw/en-us at 170 wpm, Piper, espeak-ng gmw/en-us at 150 wpm
(valid uses the first two only, alternating, as the speaker's own voices); ``--rotate K`` shifts
the rotation, so a second pass into another folder hears each sentence in another voice. SLURP is
never used.

Output: runs/nlu/asr_aug/{split}.tsv with columns sentence, label, voice, transcript (tab-separated,
no header). The work is split over ``--jobs`` processes (one ONNX thread each); an existing TSV is
kept (delete it to rebuild).
"""

from __future__ import annotations

import argparse
import json
import logging
import subprocess
import sys
import time
from pathlib import Path

from assistant.paths import REPO_ROOT, data_dir

log = logging.getLogger("quantize.asr_augment")

OUT = REPO_ROOT / "runs" / "nlu" / "asr_aug"
TRAIN_VOICES = (("espeak", "gmw/en-us", 170), ("piper", "", 0), ("espeak", "gmw/en-us", 150))
VALID_VOICES = TRAIN_VOICES[:2]


def add_parser(sub) -> None:
    p = sub.add_parser("asr-augment", help="HWU64 sentences spoken by the project's voices and transcribed",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--splits", nargs="+", default=["train", "valid"], choices=["train", "valid"])
    p.add_argument("--out", type=Path, default=OUT, help="folder of the TSVs (default: %(default)s)")
    p.add_argument("--jobs", type=int, default=2, help="parallel processes (default: %(default)s)")
    p.add_argument("--limit", type=int, default=0, help="only the first N sentences (smoke tests)")
    p.add_argument("--rotate", type=int, default=0,
                   help="sentence i gets voice i + K: a second pass with another K hears every "
                        "sentence in another voice (default: %(default)s)")
    p.add_argument("--whisper", type=Path, default=None,
                   help="ONNX Whisper folder that hears them (default: the installed one, as at run time); "
                        "a Whisper fine-tuned on these very sentences hears them better than it will hear "
                        "new ones")
    # internal: one worker's share, written to --part-file
    p.add_argument("--worker", type=int, nargs=2, metavar=("K", "N"), help=argparse.SUPPRESS)
    p.add_argument("--part-file", type=Path, help=argparse.SUPPRESS)
    p.set_defaults(func=run)


def read_tsv(path: Path) -> list[tuple[str, str, str, str]]:
    """[(sentence, label, voice, transcript)] from a TSV this module wrote."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 4:
            rows.append((parts[0], parts[1], parts[2], parts[3]))
    return rows


def write_settings(tsv: Path, split: str, rotate: int, n: int, same: int, whisper: Path | None = None) -> None:
    """``{split}.json`` beside the TSV: how it was made (the NLU card's rebuild command reads it)."""
    voices = [_voice_name(*v) for v in (TRAIN_VOICES if split == "train" else VALID_VOICES)]
    tsv.with_suffix(".json").write_text(json.dumps(
        {"split": split, "rotate": rotate, "voices": voices, "sentences": n,
         "heard_word_for_word": round(same / max(n, 1), 4),
         "whisper": str(whisper) if whisper else "installed",
         "command": f"python -m quantize asr-augment --splits {split} --rotate {rotate} --out {tsv.parent}"
                    + (f" --whisper {whisper}" if whisper else "")},
        indent=1) + "\n")


def _sentences(split: str, limit: int) -> list[tuple[str, str]]:
    d = data_dir() / "intent_hwu64" / split
    texts = (d / "seq.in").read_text(encoding="utf-8").splitlines()
    labels = (d / "label").read_text(encoding="utf-8").splitlines()
    rows = [(t.strip(), lab.strip()) for t, lab in zip(texts, labels)]
    if split == "train":
        # training never sees SLURP's evaluation sentences (HWU64 train holds ~1800 of them)
        from .nlu_data import evaluation_texts, norm
        held = evaluation_texts()
        rows = [r for r in rows if norm(r[0]) not in held]
    return rows[:limit] if limit else rows


def _voice_name(kind: str, voice: str, rate: int) -> str:
    return f"espeak:{voice}@{rate}" if kind == "espeak" else kind


def _speakers(split: str, seed: int):
    """The split's voices; seed pins Piper's sampled noise, so the same worker makes the same audio
    in every rebuild."""
    from assistant import tts
    out = []
    for kind, voice, rate in (TRAIN_VOICES if split == "train" else VALID_VOICES):
        if kind == "piper":
            from assistant.tts_piper import PiperSpeaker
            out.append((_voice_name(kind, voice, rate), PiperSpeaker(seed=seed)))
        else:
            out.append((_voice_name(kind, voice, rate), tts.EspeakSpeaker(voice, rate)))
    return out


def _clean(s: str) -> str:
    return " ".join(s.replace("\t", " ").split())


def _work(split: str, k: int, n: int, limit: int, part: Path, rotate: int = 0,
          whisper: Path | None = None) -> int:
    """Worker k of n: sentences i with i % n == k, one line each (in order) to ``part``."""
    from assistant.asr import load_transcriber
    rows = _sentences(split, limit)
    speakers = _speakers(split, seed=100 * rotate + k)  # the same --jobs makes the same data
    asr = load_transcriber("onnx", model=str(whisper) if whisper else None, threads=1)
    t0 = time.time()
    with open(part, "w", encoding="utf-8") as fh:
        for i in range(k, len(rows), n):
            text, label = rows[i]
            name, sp = speakers[(i + rotate) % len(speakers)]
            heard = _clean(asr.transcribe(sp.synthesize(text)).text)
            fh.write(f"{i}\t{_clean(text)}\t{label}\t{name}\t{heard}\n")
            if (i // n) % 500 == 0:
                log.info("%s worker %d: %d/%d (%.0f s)", split, k, i, len(rows), time.time() - t0)
    return 0


def run(args) -> int:
    if args.worker:
        return _work(args.splits[0], args.worker[0], args.worker[1], args.limit, args.part_file, args.rotate,
                     args.whisper)
    args.out.mkdir(parents=True, exist_ok=True)
    for split in args.splits:
        dest = args.out / f"{split}.tsv"
        if dest.exists():
            log.info("%s exists; keeping it", dest)
            continue
        t0 = time.time()
        parts = [args.out / f"{split}.part{k}" for k in range(args.jobs)]
        procs = [subprocess.Popen([sys.executable, "-m", "quantize", "asr-augment", "--splits", split,
                                   "--limit", str(args.limit), "--rotate", str(args.rotate),
                                   "--worker", str(k), str(args.jobs), "--part-file", str(parts[k])]
                                  + (["--whisper", str(args.whisper)] if args.whisper else []),
                                  cwd=str(REPO_ROOT))
                 for k in range(args.jobs)]
        if any(p.wait() != 0 for p in procs):
            from assistant.errors import AssistantError
            raise AssistantError(f"asr-augment: a worker failed on {split}")
        lines = []
        for part in parts:
            for line in part.read_text(encoding="utf-8").splitlines():
                i, rest = line.split("\t", 1)
                lines.append((int(i), rest))
        lines.sort()
        tmp = dest.with_suffix(".tmp")
        tmp.write_text("".join(rest + "\n" for _, rest in lines), encoding="utf-8")
        tmp.replace(dest)
        for part in parts:
            part.unlink()
        rows = read_tsv(dest)
        same = sum(a.lower().strip(" .?!") == b.lower().strip(" .?!") for a, _, _, b in rows)
        log.info("%s: %d sentences in %.1f min, %.1f %% heard word for word -> %s",
                 split, len(rows), (time.time() - t0) / 60, 100 * same / max(len(rows), 1), dest)
        write_settings(dest, split, args.rotate, len(rows), same, args.whisper)
    return 0
