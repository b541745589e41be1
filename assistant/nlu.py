"""Understanding: intent, sentiment and slots of a command, from one small int8 ONNX model.

Runtime dependencies: onnxruntime and tokenizers only (never torch or transformers).

The model folder (``models/nlu`` by default) holds ``model.onnx`` (inputs ``input_ids`` and
``attention_mask``, int64 (B, T); outputs ``intent`` (B, 64), ``sentiment`` (B, 3) and ``slots``
(B, T, n_tags) logits), ``tokenizer.json``, ``labels.json`` (intents, sentiments, BIO tags,
out-of-scope threshold) and ``card.json`` with the sha256 of every file, checked when loading.

Text that carries no Latin letters or digits (empty, emoji, control characters, other scripts) is
not given to the model: it is answered ``unknown`` / ``neutral`` with confidence 0. An intent whose
probability is below the card's out-of-scope threshold becomes ``unknown``.
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from pathlib import Path

from . import cards
from .errors import ModelError
from .paths import MODELS_DIR
from .types import Slot, Understanding

log = logging.getLogger(__name__)

DEFAULT_DIR = MODELS_DIR / "nlu"
MAX_CHARS = 1000
"""Longer input is cut here (with a warning): a command is a sentence, not a document."""
UNKNOWN = "unknown"
NEUTRAL = "neutral"
_LATIN = re.compile(r"[a-z0-9]", re.IGNORECASE)
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|[@-Z\\-_])")


def clean_text(text: str) -> str:
    """NFKC, control and format characters turned to spaces, whitespace collapsed, cut at MAX_CHARS."""
    text = _ANSI.sub(" ", unicodedata.normalize("NFKC", text or ""))  # terminal colour codes are not words
    # control characters separate words; invisible format characters (zero-width, BOM) join them
    text = "".join(" " if cat in ("Cc", "Cs", "Co", "Cn") else "" if cat == "Cf" else c
                   for c in text for cat in (unicodedata.category(c),))
    text = " ".join(text.split())
    if len(text) > MAX_CHARS:
        log.warning("input of %d characters truncated to %d", len(text), MAX_CHARS)
        text = text[:MAX_CHARS].rsplit(" ", 1)[0] if " " in text[:MAX_CHARS] else text[:MAX_CHARS]
    return text


def decode_spans(tag_ids, offsets, special, tags: list[str], text: str) -> list[tuple[str, int, int]]:
    """BIO tag ids per token -> [(type, start, end)] character spans of ``text``.

    A span that stops inside a word (a sub-word tagged O) is widened to the word's end, and an
    I- tag without its B- starts a span: the model's small slips should not cut words in half.
    Punctuation at a span's edges is left out, and a span of punctuation alone is dropped.
    """
    spans: list[list] = []
    cur = None
    for tid, (s, e), sp in zip(tag_ids, offsets, special):
        if sp or e <= s:
            continue
        tag = tags[int(tid)]
        if tag == "O":
            if cur is not None and s == cur[2]:  # continuation sub-word of a tagged word
                cur[2] = e
                continue
            cur = None
            continue
        bio, typ = tag.split("-", 1)
        if cur is not None and typ == cur[0] and (bio == "I" or s == cur[2]):
            cur[2] = e
        else:
            cur = [typ, s, e]
            spans.append(cur)
    out = []
    for typ, s, e in spans:
        while e < len(text) and not text[e].isspace():
            e += 1
        # Whisper's punctuation is no part of a name: "on audible." gave the slot "audible." and
        # a slot "." alone ("I couldn't find ..")
        while e > s and text[e - 1] in _EDGE_PUNCT and not text[max(s, e - 3):e - 1].startswith("."):
            e -= 1  # (but "a.m." keeps its dot)
        while s < e and text[s] in _EDGE_PUNCT:
            s += 1
        if any(c.isalnum() for c in text[s:e]):
            out.append((typ, s, e))
    return out


_EDGE_PUNCT = frozenset('.,!?;:"()')


def _softmax(x):
    import numpy as np
    z = np.exp(x - x.max(-1, keepdims=True))
    return z / z.sum(-1, keepdims=True)


class Classifier:
    """The understanding stage: text in, Understanding out. Backends override understand_batch."""

    def understand(self, text: str) -> Understanding:
        return self.understand_batch([text])[0]

    def understand_batch(self, texts: list[str], now=None) -> list[Understanding]:
        """``now`` (datetime) anchors relative dates and times in slot values (default: the clock)."""
        raise NotImplementedError

    def understand_heard(self, hearings: list[str], now=None) -> Understanding:
        """One command heard more than once (transcripts of the same utterance, the main one
        first) -> one Understanding. Backends that can average the hearings' intent and
        sentiment probabilities do; this default reads the first hearing alone."""
        return self.understand_batch(hearings[:1], now=now)[0]

    @staticmethod
    def fallback(text: str) -> Understanding:
        """What input the model cannot read gets: unknown, neutral, no slots."""
        return Understanding(text=text, intent=UNKNOWN, intent_confidence=0.0,
                             sentiment=NEUTRAL, sentiment_confidence=0.0)


class OnnxClassifier(Classifier):
    """The shipped multi-task model on ONNX Runtime (CPU, int8).

    model_dir: folder with card.json; threads: intra-op threads (1 is fastest per utterance on a
    Pi-class CPU); batch_size: utterances per ONNX call in understand_batch; top_k: alternatives kept.
    """

    def __init__(self, model_dir: str | Path | None = None, threads: int = 1, batch_size: int = 64,
                 top_k: int = 3, verify: bool = True):
        self.dir = Path(model_dir) if model_dir else DEFAULT_DIR
        if not (self.dir / cards.CARD).is_file():
            raise ModelError(f"{self.dir}: no understanding model (card.json missing); "
                             "rebuild it with `python -m quantize export-nlu`")
        card = cards.verify(self.dir) if verify else cards.read_card(self.dir)
        try:
            labels = json.loads((self.dir / "labels.json").read_text())
            import onnxruntime as ort
            from tokenizers import Tokenizer
            self.tok = Tokenizer.from_file(str(self.dir / "tokenizer.json"))
            opts = ort.SessionOptions()
            opts.intra_op_num_threads = max(1, int(threads))
            opts.inter_op_num_threads = 1
            opts.log_severity_level = 3
            self.session = ort.InferenceSession(str(self.dir / "model.onnx"), opts,
                                                providers=["CPUExecutionProvider"])
        except (OSError, ValueError, RuntimeError) as exc:
            raise ModelError(f"{self.dir}: cannot load the understanding model ({exc})") from None
        except Exception as exc:  # onnxruntime's own exception types (corrupt graph, ...)
            raise ModelError(f"{self.dir}: cannot load the understanding model ({type(exc).__name__}: "
                             f"{str(exc).splitlines()[0] if str(exc) else ''})") from None
        self.card = card
        self.intents: list[str] = labels["intents"]
        self.sentiments: list[str] = labels["sentiments"]
        self.tags: list[str] = labels["tags"]
        self.max_len = int(labels.get("max_len", 64))
        self.threshold = float(labels.get("oos_threshold", 0.0))
        self.tok.no_padding()
        self.tok.enable_truncation(self.max_len)
        self.batch_size, self.top_k = max(1, batch_size), top_k

    def _forward(self, texts: list[str]) -> list[tuple | None]:
        """The model on cleaned texts, batched by similar length: per text (intent probs (64,),
        sentiment probs (3,), slot logits (T, n_tags), the tokenizer's encoding), or None for
        text the model cannot read."""
        import numpy as np

        out: list[tuple | None] = [None] * len(texts)
        todo = sorted((i for i, c in enumerate(texts) if _LATIN.search(c)), key=lambda i: len(texts[i]))
        for b in range(0, len(todo), self.batch_size):
            idx = todo[b:b + self.batch_size]
            encs = self.tok.encode_batch([texts[i] for i in idx])
            T = max(len(e.ids) for e in encs)
            ids = np.zeros((len(idx), T), dtype=np.int64)
            mask = np.zeros((len(idx), T), dtype=np.int64)
            for j, e in enumerate(encs):
                ids[j, :len(e.ids)] = e.ids
                mask[j, :len(e.ids)] = 1
            li, ls, lt = self.session.run(None, {"input_ids": ids, "attention_mask": mask})
            pi, ps = _softmax(li.astype(np.float64)), _softmax(ls.astype(np.float64))
            for j, i in enumerate(idx):
                out[i] = (pi[j], ps[j], lt[j, :len(encs[j].ids)], encs[j])
        return out

    def _understanding(self, text: str, pi, ps, slot_logits, enc, now, top: int | None = None) -> Understanding:
        """top: the intent's index when it is chosen otherwise than as pi's argmax."""
        import numpy as np

        from .normalize import normalize
        top = int(pi.argmax()) if top is None else top
        order = [top] + [int(k) for k in np.argsort(-pi) if int(k) != top][:self.top_k]
        conf = float(pi[top])
        intent = self.intents[top] if conf >= self.threshold else UNKNOWN
        alts = tuple((self.intents[int(k)], float(pi[k])) for k in order
                     if intent == UNKNOWN or int(k) != top)[:self.top_k]
        s = int(ps.argmax())
        spans = decode_spans(slot_logits.argmax(-1), enc.offsets, enc.special_tokens_mask, self.tags, text)
        slots = tuple(Slot(typ, text[a:z], normalize(typ, text[a:z], now)) for typ, a, z in spans)
        return Understanding(text=text, intent=intent, intent_confidence=conf,
                             sentiment=self.sentiments[s], sentiment_confidence=float(ps[s]),
                             slots=slots, alternatives=alts)

    def understand_batch(self, texts: list[str], now=None) -> list[Understanding]:
        """One Understanding per text, same order; texts are batched by similar length."""
        cleaned = [clean_text(t) for t in texts]
        return [self.fallback(c) if r is None else self._understanding(c, *r, now=now)
                for c, r in zip(cleaned, self._forward(cleaned))]

    def understand_heard(self, hearings: list[str], now=None) -> Understanding:
        """One command heard more than once (transcripts of the same utterance, the main one
        first): the intent of the hearing the model is surest of, with the text and slots of the
        first hearing that reads as that intent; the intent's confidence and the sentiment
        averaged over the hearings the model can read.

        Hearings of one command at other speeds rarely share a mishearing, and a mishearing
        mostly reads as an unsure intent, so the surest hearing is the one to act on; the averaged
        confidence still drops where the hearings disagree, and the speaker asks instead of
        acting. Spoken HWU64 valid, four hearings: 88.9 % right against 88.0 % averaging them,
        6.6 % confident and wrong against 7.4 % (README, "Heard again when unsure")."""
        cleaned = [clean_text(t) for t in hearings]
        runs = [(c, r) for c, r in zip(cleaned, self._forward(cleaned)) if r is not None]
        if not runs:
            return self.fallback(cleaned[0] if cleaned else "")
        _, (surest, _, _, _) = max(runs, key=lambda run: float(run[1][0].max()))
        top = int(surest.argmax())
        # the words and slots: the first hearing that reads as that intent (the main one, at the
        # speed it was said, unless it reads otherwise): "split ninety dollars" heard slower as
        # "split $10", read surer, acted on 10
        text, (_, _, slot_logits, enc) = next(run for run in runs if int(run[1][0].argmax()) == top)
        pi = sum(r[0] for _, r in runs) / len(runs)
        ps = sum(r[1] for _, r in runs) / len(runs)
        return self._understanding(text, pi, ps, slot_logits, enc, now, top=top)


_cache: dict[tuple, OnnxClassifier] = {}


def load(model_dir: str | Path | None = None, threads: int = 1) -> OnnxClassifier:
    """The classifier for ``model_dir``, loaded (and hash-checked) once per process."""
    if not model_dir:  # a flashed bundle in the device store wins over the shipped model
        from .store import active_model

        model_dir = active_model("nlu") or DEFAULT_DIR
    key = (str(Path(model_dir).resolve()), threads)
    if key not in _cache:
        _cache[key] = OnnxClassifier(model_dir, threads=threads)
    return _cache[key]
