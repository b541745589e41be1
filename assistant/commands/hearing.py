"""Hearing commands: ``transcribe``, ``listen``, ``devices``, ``doctor``."""

from __future__ import annotations

import json
import logging
import sys

from .. import audio as A
from .. import config as C
from ..errors import AssistantError
from ..types import Transcript

log = logging.getLogger(__name__)

WHOLE_FILE_MAX_S = 30.0
"""Files up to this long are transcribed in one piece; longer ones go through the VAD stream."""


def load_config(args) -> C.Config:
    return C.load(getattr(args, "config", None))


def make_transcriber(args, cfg: C.Config):
    from ..asr import load_transcriber

    engine = getattr(args, "asr", None) or cfg.asr.engine
    model = getattr(args, "model", None) or cfg.asr.model or None
    return load_transcriber(engine, model=model, threads=cfg.asr.threads,
                            download=getattr(args, "download", False))


def open_source(args, cfg: C.Config) -> A.Source:
    """--input FILE, else the microphone (--device or the config's)."""
    if getattr(args, "input", None):
        return A.FileSource(args.input)
    device = getattr(args, "device", None) or cfg.audio.input_device or None
    return A.Microphone(device)


def _emit(line: dict | str, as_json: bool) -> None:
    print(json.dumps(line, ensure_ascii=False) if as_json else line, flush=True)


def transcribe_file(path: str, transcriber, cfg: C.Config) -> Transcript:
    """A short file in one piece; a long one utterance by utterance (bounded memory)."""
    info = A.info(path)
    if info.frames == 0:
        raise AssistantError(f"{path}: contains no audio (0 samples)")
    if info.duration_s <= WHOLE_FILE_MAX_S:
        return transcriber.transcribe(A.load_audio(path))
    from ..vad import Segmenter

    texts, decode_ms, n_tokens = [], 0.0, 0
    for utt in Segmenter(cfg.vad).stream(A.FileSource(path).frames()):
        t = transcriber.transcribe(utt.audio)
        decode_ms += t.decode_ms
        n_tokens += t.n_tokens
        if t.text:
            texts.append(t.text)
    return Transcript(text=" ".join(texts), duration_s=info.duration_s, decode_ms=decode_ms,
                      engine=transcriber.name, n_tokens=n_tokens)


def cmd_transcribe(args) -> int:
    cfg = load_config(args)
    # check every file before loading the model: a typo should fail fast
    failed = 0
    readable = []
    for path in args.files:
        try:
            A.info(path)
            readable.append(path)
        except AssistantError as exc:
            print(f"assistant: error: {exc}", file=sys.stderr)
            failed += 1
    if readable:
        transcriber = make_transcriber(args, cfg)
        for path in readable:
            try:
                t = transcribe_file(path, transcriber, cfg)
            except AssistantError as exc:
                print(f"assistant: error: {exc}", file=sys.stderr)
                failed += 1
                continue
            if args.json:
                _emit({"file": path, "text": t.text, "duration_s": round(t.duration_s, 3),
                       "decode_ms": round(t.decode_ms, 1)}, True)
            else:
                _emit(f"{path}: {t.text}" if len(args.files) > 1 else t.text, False)
    return 1 if failed else 0


def cmd_listen(args) -> int:
    from ..vad import Segmenter

    cfg = load_config(args)
    source = open_source(args, cfg)
    transcriber = make_transcriber(args, cfg)
    segmenter = Segmenter(cfg.vad)
    if not args.json:
        print(f"listening on {source.name} (Ctrl-C to stop)" if isinstance(source, A.Microphone)
              else f"reading {source.name}", file=sys.stderr, flush=True)
    with source:
        for utt in segmenter.stream(source.frames()):
            t = transcriber.transcribe(utt.audio)
            if not t.text:
                continue
            if args.json:
                _emit({"start_s": utt.start_s, "end_s": utt.end_s, "text": t.text,
                       "decode_ms": round(t.decode_ms, 1)}, True)
            else:
                _emit(f"[{utt.start_s:7.2f} – {utt.end_s:7.2f}] {t.text}", False)
    return 0


def cmd_devices(args) -> int:
    inputs, outputs = A.input_devices(), A.output_devices()
    if args.json:
        keep = ("index", "name", "max_input_channels", "max_output_channels", "default_samplerate")
        _emit({"input": [{k: d.get(k) for k in keep} for d in inputs],
               "output": [{k: d.get(k) for k in keep} for d in outputs]}, True)
        return 0
    if not inputs and not outputs:
        print("no audio devices found (no sound card, or PortAudio cannot see it).\n"
              "Without a microphone, use --input FILE; replies and music go to WAV files in the "
              "state directory.")
        return 0
    for title, devs, key in (("input", inputs, "max_input_channels"),
                             ("output", outputs, "max_output_channels")):
        print(f"{title} devices:")
        for d in devs:
            print(f"  {d['index']:3d}  {d['name']}  ({d[key]} ch, {int(d['default_samplerate'])} Hz)")
        if not devs:
            print("  (none)")
    return 0


def cmd_doctor(args) -> int:
    from .. import doctor

    checks = doctor.run_checks()
    if args.json:
        _emit({"checks": [c.__dict__ for c in checks]}, True)
    else:
        for c in checks:
            mark = {"ok": "ok  ", "warn": "warn", "fail": "FAIL"}[c.status]
            print(f"[{mark}] {c.what}: {c.detail}")
            if c.status != "ok" and c.fix:
                print(f"       fix: {c.fix}")
    return 1 if any(c.status == "fail" for c in checks) else 0

