"""``python -m quantize quantize``: fp32 ONNX model folder -> a quantized one, by target preset.

Presets:
  cpu-x86, arm64  dynamic int8, per-channel weights (MatMul and Gather: the embedding lookup is
                  quantized too, so the tied 51864 x 384 table costs 20 MB instead of 80 MB)
  static-int8     static int8 (QDQ) with activations calibrated on recordings (``--calibration``)
  cuda            fp16 weights and activations (onnxruntime's float16 converter), for the CUDA
                  provider (inputs/outputs stay float32)

Every .onnx file of the folder is quantized; the other files (tokenizer.json, whisper.json, ...)
are copied; a card.json records the preset, the source card and the sizes. The fp32 source
stays where it is: ``evaluate --reference`` and ``bundle`` compare against it.
"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

from assistant import cards
from assistant.errors import ModelError, UsageError

log = logging.getLogger(__name__)

PRESETS = ("cpu-x86", "arm64", "static-int8", "cuda")


def _dynamic(src: Path, dst: Path, arm: bool) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    # ARM's int8 kernels (and x86 without VNNI alike) are fastest with signed weights; both presets
    # keep QInt8 weights, per channel, which held Whisper's and MiniLM's outputs closest to fp32.
    quantize_dynamic(str(src), str(dst), per_channel=True, weight_type=QuantType.QInt8,
                     op_types_to_quantize=["MatMul", "Gather"],
                     extra_options={"EnableSubgraph": True, "MatMulConstBOnly": True})


class _ClipReader:
    """Calibration batches for static quantization: real speech through the runtime's own front end
    (and, for the decoder, the fp32 encoder's outputs and a short greedy prefix)."""

    def __init__(self, feeds: list[dict]):
        self.feeds = iter(feeds)

    def get_next(self):
        return next(self.feeds, None)


def calibration_audio(folder: Path | None, n_clips: int) -> list:
    """Utterances for static calibration: audio files of ``folder`` (default: the demo recordings
    the project's own TTS makes; the shared speech sets are evaluation-only), cut by the VAD."""
    from assistant import audio as A
    from assistant import config as C
    from assistant.paths import demo_dir
    from assistant.vad import Segmenter

    folder = Path(folder) if folder else demo_dir()
    files = sorted(p for p in folder.glob("*") if p.suffix.lower() in (".wav", ".flac", ".ogg"))
    out = []
    for f in files:
        for utt in Segmenter(C.load(None).vad).stream(A.FileSource(f).frames()):
            out.append(utt.audio)
            if len(out) >= n_clips:
                return out
    if not out:
        raise UsageError(f"no calibration audio in {folder} (pass --calibration DIR of wav files)")
    return out


def _calibration_feeds(fp32_dir: Path, audios: list) -> dict[str, list[dict]]:
    from assistant.asr.onnx_whisper import OnnxWhisperTranscriber, log_mel

    tr = OnnxWhisperTranscriber(fp32_dir, threads=2, verify=False)
    enc, dec = [], []
    for audio in audios:
        mel = log_mel(audio, tr.filters, tr._frames_for(len(audio)))[None]
        enc.append({"mel": mel})
        ck, cv = tr.encoder.run(None, {"mel": mel})
        # every step of the fp32 model's own greedy decode: activation ranges change as the
        # self-attention cache grows, so calibrating on the first step alone ruins later steps
        tr.decode(ck, cv, max_tokens=64, trace=dec)
    return {"encoder.onnx": enc, "decoder.onnx": dec}


def _static(src: Path, dst: Path, feeds: list[dict]) -> None:
    from onnxruntime.quantization import QuantFormat, QuantType, quantize_static

    quantize_static(str(src), str(dst), _ClipReader(feeds), quant_format=QuantFormat.QDQ,
                    per_channel=True, weight_type=QuantType.QInt8, activation_type=QuantType.QUInt8,
                    op_types_to_quantize=["MatMul"],
                    extra_options={"EnableSubgraph": True, "MatMulConstBOnly": True})


def _fp16(src: Path, dst: Path) -> None:
    import onnx
    from onnxruntime.transformers.float16 import convert_float_to_float16

    # inputs and outputs stay float32, so the runtime's numpy loop feeds the graph unchanged
    model = convert_float_to_float16(onnx.load(str(src)), keep_io_types=True)
    onnx.save(model, str(dst))


def quantize_folder(src: str | Path, dst: str | Path, preset: str, calibration_clips: int = 8,
                    calibration: str | Path | None = None) -> dict:
    """Quantize every .onnx of ``src`` into ``dst``; returns the card written there."""
    from tqdm import tqdm

    src, dst = Path(src), Path(dst)
    if preset not in PRESETS:
        raise UsageError(f"unknown preset {preset!r}; choose one of {', '.join(PRESETS)}")
    graphs = sorted(p.name for p in src.glob("*.onnx"))
    if not graphs:
        raise ModelError(f"{src}: no .onnx files to quantize")
    if dst.resolve() == src.resolve():
        raise UsageError("the output folder must differ from the fp32 source")
    dst.mkdir(parents=True, exist_ok=True)
    feeds = (_calibration_feeds(src, calibration_audio(calibration, calibration_clips))
             if preset == "static-int8" else {})
    for name in tqdm(graphs, desc=f"quantize {preset}"):
        if preset in ("cpu-x86", "arm64"):
            _dynamic(src / name, dst / name, arm=preset == "arm64")
        elif preset == "static-int8":
            _static(src / name, dst / name, feeds.get(name, []))
        else:
            _fp16(src / name, dst / name)
    others = [p.name for p in src.iterdir() if p.is_file() and p.suffix != ".onnx" and p.name != cards.CARD]
    for name in others:
        shutil.copyfile(src / name, dst / name)
    src_card = {}
    if (src / cards.CARD).is_file():
        src_card = json.loads((src / cards.CARD).read_text())
    target = {"cpu-x86": "cpu-x86", "arm64": "arm64", "static-int8": "cpu-x86", "cuda": "cuda"}[preset]
    sizes = {n: (dst / n).stat().st_size for n in graphs}
    card = cards.write_card(
        dst, graphs + others, name=src_card.get("name", src.name) + f"-{preset}",
        kind=src_card.get("kind", "asr"), source=str(src), source_files=src_card.get("files", {}),
        preset=preset, target=target, sizes_bytes=sizes,
        rebuild=f"python -m quantize quantize {src} {dst} --preset {preset}")
    log.info("%s: %s, %.1f MB", dst, preset, sum(sizes.values()) / 1e6)
    return card


def add_parser(sub) -> None:
    p = sub.add_parser("quantize", help="quantize an fp32 ONNX model folder for a target",
                       description="Quantize every .onnx graph of SRC into DST. Presets: cpu-x86 and "
                                   "arm64 (dynamic int8, per-channel), static-int8 (calibrated on "
                                   "real speech clips), cuda (fp16).")
    p.add_argument("src", help="fp32 model folder (from convert-whisper --onnx)")
    p.add_argument("dst", help="output folder")
    p.add_argument("--preset", choices=PRESETS, default="cpu-x86")
    p.add_argument("--calibration", metavar="DIR", default=None,
                   help="static-int8: folder of recordings to calibrate on (default: the demo "
                        "recordings; the shared speech sets are for evaluation only)")
    p.add_argument("--calibration-clips", type=int, default=8, metavar="N",
                   help="static-int8: utterances to calibrate on")
    p.set_defaults(func=run)


def run(args) -> int:
    card = quantize_folder(args.src, args.dst, args.preset, args.calibration_clips, args.calibration)
    total = sum(card["sizes_bytes"].values()) / 1e6
    print(f"{args.dst}: {args.preset}, {len(card['sizes_bytes'])} graphs, {total:.1f} MB")
    return 0
