"""``assistant classify``: intent, sentiment and slots of typed commands."""

from __future__ import annotations

import json
import sys

CHUNK = 512
"""stdin lines understood per batch: big enough to batch well, small enough to stream."""


def _line(u, as_json: bool) -> str:
    if as_json:
        return json.dumps({"text": u.text, "intent": u.intent,
                           "intent_confidence": round(u.intent_confidence, 4),
                           "sentiment": u.sentiment,
                           "sentiment_confidence": round(u.sentiment_confidence, 4),
                           "slots": [{"type": s.type, "text": s.text, "value": s.value} for s in u.slots]},
                          ensure_ascii=False)
    slots = "  ".join(f"{s.type}={s.text!r}" + (f"->{s.value}" if s.value not in (None, s.text) else "")
                      for s in u.slots)
    return (f"{u.intent} ({u.intent_confidence:.2f})\t{u.sentiment} ({u.sentiment_confidence:.2f})"
            f"\t{slots}\t{u.text}").rstrip("\t")


def cmd_classify(args) -> int:
    """Each TEXT argument is one utterance; with none, one utterance per stdin line."""
    from ..config import load as load_config
    from ..errors import AssistantError
    from ..nlu import load

    model_dir, threads = None, 1
    explicit = getattr(args, "config", None)
    try:
        cfg = load_config(explicit)
        model_dir, threads = (cfg.nlu.model_dir or None), cfg.nlu.threads
    except AssistantError:
        if explicit:  # a config the user named must be right; the system one is only a default
            raise
    clf = load(model_dir, threads=threads)
    out = sys.stdout
    if args.text:
        for u in clf.understand_batch(list(args.text)):
            print(_line(u, args.json), file=out)
        return 0
    stdin = sys.stdin
    try:
        stdin.reconfigure(errors="replace")  # undecodable bytes must not end the run
    except (AttributeError, ValueError):
        pass
    batch: list[str] = []
    for raw in stdin:
        batch.append(raw.rstrip("\r\n"))
        if len(batch) >= CHUNK:
            for u in clf.understand_batch(batch):
                print(_line(u, args.json), file=out)
            out.flush()
            batch = []
    if batch:
        for u in clf.understand_batch(batch):
            print(_line(u, args.json), file=out)
    return 0
