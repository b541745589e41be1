"""``python -m quantize evaluate``: WER of a Whisper model before and after quantization.

The shared real-speech clips (evaluation only): LJSpeech 32 + LibriSpeech test-clean 4 + FLEURS 10
(``speech_clips()``), scored with openai-whisper's English text normalizer (``wer``). An ONNX
model folder is evaluated with the edge backend; ``--reference`` adds a second folder (its fp32
source) and prints the loss (absolute WER difference) that ``bundle`` checks against a threshold.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np

from assistant.asr import evaluate as E
from assistant.paths import data_dir

log = logging.getLogger(__name__)

SETS = ("ljspeech", "librispeech", "fleurs")


Clip = E.Clip


def speech_clips(sets: tuple[str, ...] = SETS, root: Path | None = None) -> list[Clip]:
    """The shared evaluation clips with their reference transcripts (missing sets are skipped)."""
    return [c for name in sets for c in E.clips(name, root)]


def wer(refs: list[str], hyps: list[str]) -> float:
    """Corpus WER (total word edits / total reference words) after whisper's English normalizer."""
    return E.wer(list(zip(refs, hyps)))


def load_clips(clips: list[Clip]) -> list[np.ndarray]:
    from assistant.audio import load_audio

    return [load_audio(c.path) for c in clips]


def evaluate_transcriber(transcriber, clips: list[Clip], audios: list[np.ndarray] | None = None,
                         progress: bool = True) -> dict:
    """{"wer", "ms_per_clip", "hyps"} of a Transcriber over the clips."""
    from tqdm import tqdm

    audios = audios if audios is not None else load_clips(clips)
    hyps, ms = [], []
    for audio in tqdm(audios, desc=transcriber.name, disable=not progress, leave=False):
        t = transcriber.transcribe(audio)
        hyps.append(t.text)
        ms.append(t.decode_ms)
    return {"wer": wer([c.reference for c in clips], hyps), "ms_per_clip": float(np.mean(ms)),
            "hyps": hyps, "n_clips": len(clips)}


def evaluate_onnx(model_dir: str | Path, threads: int = 2, margin_s: float | None = None,
                  clips: list[Clip] | None = None, progress: bool = True) -> dict:
    from assistant.asr.onnx_whisper import OnnxWhisperTranscriber

    clips = clips if clips is not None else speech_clips()
    tr = OnnxWhisperTranscriber(model_dir, threads=threads, margin_s=margin_s, verify=False)
    return evaluate_transcriber(tr, clips, progress=progress)


def add_parser(sub) -> None:
    p = sub.add_parser("evaluate", help="WER of an ONNX Whisper model (and its loss vs a reference)",
                       description="Transcribe the shared speech clips (LJSpeech 32, LibriSpeech 4, "
                                   "FLEURS 10) with an ONNX Whisper model folder and print the WER; "
                                   "with --reference, also the reference's WER and the loss.")
    p.add_argument("model", help="ONNX Whisper model folder (encoder.onnx, decoder.onnx, ...)")
    p.add_argument("--reference", metavar="DIR", help="its fp32 source folder, for the loss")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--margin", type=float, default=None, help="encoder margin in seconds (-1: 30 s window)")
    p.add_argument("--sets", default=",".join(SETS), help=f"comma-separated subset of {','.join(SETS)}")
    p.add_argument("--write-card", action="store_true",
                   help="store the metrics in the model folder's card.json (re-hashing its files)")
    p.set_defaults(func=run)


def run(args) -> int:
    from assistant.errors import UsageError

    sets = tuple(s for s in args.sets.split(",") if s)
    if not set(sets) <= set(SETS):
        raise UsageError(f"--sets: choose from {','.join(SETS)}")
    clips = speech_clips(sets)
    if not clips:
        raise UsageError(f"no speech clips found under {data_dir()} (set ASSISTANT_DATA)")
    res = evaluate_onnx(args.model, args.threads, args.margin, clips)
    metrics = {"wer": round(res["wer"], 4), "ms_per_clip": round(res["ms_per_clip"], 1),
               "clips": len(clips), "sets": list(sets), "threads": args.threads}
    print(f"{args.model}: WER {res['wer']:.2%} over {len(clips)} clips, {res['ms_per_clip']:.0f} ms/clip")
    if args.reference:
        ref = evaluate_onnx(args.reference, args.threads, args.margin, clips)
        metrics["reference_wer"] = round(ref["wer"], 4)
        metrics["loss"] = round(res["wer"] - ref["wer"], 4)
        print(f"{args.reference}: WER {ref['wer']:.2%}; loss {res['wer'] - ref['wer']:+.2%} (absolute)")
    if args.write_card:
        from assistant import cards

        card = cards.read_card(args.model)
        card["metrics"] = {**card.get("metrics", {}), "evaluate": metrics}
        files = list(card["files"])
        extra = {k: v for k, v in card.items() if k not in ("files", "created")}
        cards.write_card(args.model, files, **extra)
    print(json.dumps(metrics))
    return 0
