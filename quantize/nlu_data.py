"""The datasets the understanding model is trained, tuned and evaluated on (plain Python, no torch).

Training/tuning: HWU64 (``intent_hwu64``: train/valid/test), its annotated original split
(``intent_hwu64_original_kfold1``: trainset = HWU64 train + valid, testset = HWU64 test) for slots,
SST-3 (``sentiment_sst3``), optionally SST-2 phrases, CLINC150 valid for the out-of-scope threshold,
optionally CLINC150 train sentences of the intents that mean the same as one of HWU64's (``CLINC_AS_HWU64``).
Evaluation only: SLURP test, TweetEval test.

Every text is lower-cased and whitespace-normalised the same way (``norm``); slot spans are
character offsets ``(type, start, end)`` into that normalised text.
"""

from __future__ import annotations

import csv
import json
import random
import re
from pathlib import Path

from assistant.paths import data_dir

SENTIMENTS = ["negative", "neutral", "positive"]
# slot types kept as BIO tags (the rest of HWU64's annotation types are rare or not used by skills);
# every type with >= 10 training examples is kept so the head also learns what is *not* e.g. a song
MIN_SLOT_COUNT = 10

_ENTITY = re.compile(r"\[\s*([\w]+)\s*:\s*([^\]]*?)\s*\]")


def norm(text: str) -> str:
    return " ".join(text.lower().split())


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def hwu64(split: str, root: Path | None = None) -> list[tuple[str, str]]:
    """[(text, intent)] for split in train | valid | test."""
    d = (root or data_dir()) / "intent_hwu64" / split
    texts, labels = _lines(d / "seq.in"), _lines(d / "label")
    assert len(texts) == len(labels), d
    return [(norm(t), lab.strip()) for t, lab in zip(texts, labels)]


def parse_annotation(annotation: str) -> tuple[str, list[tuple[str, int, int]]]:
    """'wake me at [time : six am]' -> ('wake me at six am', [('time', 11, 17)])."""
    words: list[str] = []
    spans: list[tuple[str, int, int]] = []
    pos = 0

    def add(chunk: str) -> tuple[int, int] | None:
        nonlocal pos
        first = None
        for w in chunk.lower().split():
            if words:
                pos += 1
            if first is None:
                first = pos
            words.append(w)
            pos += len(w)
        return None if first is None else (first, pos)

    last = 0
    for m in _ENTITY.finditer(annotation):
        add(annotation[last:m.start()])
        se = add(m.group(2))
        if se:
            spans.append((m.group(1).lower(), se[0], se[1]))
        last = m.end()
    add(annotation[last:])
    return " ".join(words), spans


def hwu64_annotated(part: str = "trainset", root: Path | None = None) -> dict[str, tuple[str, list]]:
    """{norm text: (intent, spans)} from the annotated original split (trainset | testset)."""
    d = (root or data_dir()) / "intent_hwu64_original_kfold1" / part
    files = sorted(d.glob("*.csv")) or sorted((d / "csv").glob("*.csv"))
    out: dict[str, tuple[str, list]] = {}
    for f in files:
        with open(f, newline="", encoding="utf-8") as fh:
            reader = csv.reader(fh, delimiter=";")
            next(reader, None)
            for row in reader:
                if len(row) < 5:
                    continue
                text, spans = parse_annotation(row[3])
                out.setdefault(text, (f"{row[1]}_{row[2]}", spans))
    return out


def slot_types(train_annotations: dict[str, tuple[str, list]]) -> list[str]:
    from collections import Counter
    counts = Counter(t for _, spans in train_annotations.values() for t, _, _ in spans)
    return sorted(t for t, c in counts.items() if c >= MIN_SLOT_COUNT)


def _detok(s: str) -> str:
    """Undo the Penn-Treebank tokenisation of SST so it looks like what people type."""
    s = s.replace("-LRB-", "(").replace("-RRB-", ")").replace("\\/", "/")
    s = s.replace("``", '"').replace("''", '"')
    s = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", s)
    s = re.sub(r" ([.,!?;:%)])", r"\1", s)
    s = re.sub(r"([($]) ", r"\1", s)
    return norm(s)


def sst3(split: str, root: Path | None = None) -> list[tuple[str, int]]:
    """[(text, label)] with label 0 negative, 1 neutral, 2 positive; split train | dev | test."""
    out = []
    for line in _lines((root or data_dir()) / "sentiment_sst3" / f"{split}.txt"):
        if "|||" in line:
            lab, text = line.split("|||", 1)
            out.append((_detok(text), int(lab) + 1))
    return out


def sst2_phrases(limit: int, seed: int = 0, root: Path | None = None) -> list[tuple[str, int]]:
    """Up to ``limit`` SST-2 (GLUE train) phrases of >= 3 words as (text, 0 negative | 2 positive).

    GLUE's SST-2 train holds phrases of SST's train sentences only, so nothing of SST's test leaks.
    """
    d = (root or data_dir()) / "sentiment_sst2"
    rows: list[tuple[str, int]] = []
    for part in ("alps_train.tsv", "alps_dev.tsv"):
        lines = _lines(d / part)
        for line in lines[1:]:
            if "\t" in line:
                t, lab = line.rsplit("\t", 1)
                rows.append((_detok(t), 2 if lab.strip() == "1" else 0))
    rows = [r for r in rows if len(r[0].split()) >= 3]
    random.Random(seed).shuffle(rows)
    return rows[:limit]


def clinc150(split: str, oos: bool, root: Path | None = None) -> list[str]:
    d = (root or data_dir()) / "intent_clinc150" / ("oos" if oos else "") / split
    return [norm(t) for t in _lines(d / "seq.in")]


# CLINC150 intents whose every sentence is, by HWU64's annotation guide, one HWU64 intent; decided
# from the intent names and a look at CLINC train sentences, never from an evaluation set. Left out
# on purpose: the ones that mix HWU64 intents (change_volume: up or down; shopping_list_update: add
# or remove; smart_home: any iot_*), timer (HWU64 has none), and near misses (timezone, cook_time).
CLINC_AS_HWU64 = {
    "alarm": "alarm_set", "calculator": "qa_maths", "calendar": "calendar_query",
    "meeting_schedule": "calendar_query", "schedule_meeting": "calendar_set",
    "reminder_update": "calendar_set", "date": "datetime_query", "time": "datetime_query",
    "definition": "qa_definition", "exchange_rate": "qa_currency", "meaning_of_life": "general_quirky",
    "play_music": "play_music", "what_song": "music_query", "recipe": "cooking_recipe",
    "restaurant_suggestion": "recommendation_locations", "shopping_list": "lists_query",
    "todo_list": "lists_query", "tell_joke": "general_joke", "traffic": "transport_traffic",
    "uber": "transport_taxi", "weather": "weather_query", "repeat": "general_repeat",
    "yes": "general_affirm", "no": "general_negate", "thank_you": "general_praise",
}


def evaluation_texts(root: Path | None = None) -> set[str]:
    """Every sentence (``norm``) of HWU64 valid/test and of SLURP devel/test: text that training
    must not see. HWU64 and SLURP come from the same collection, and about a third of SLURP's test
    sentences are word for word in HWU64 *train*."""
    root = root or data_dir()
    held = {t for split in ("valid", "test") for t, _ in hwu64(split, root)}
    for name in ("test.jsonl", "devel.jsonl"):
        path = root / "intent_slurp" / name
        if path.exists():
            held |= {norm(json.loads(x)["sentence"]) for x in _lines(path) if x.strip()}
    return held


def left_out_of_training(card: dict) -> int:
    """How many HWU64 train sentences an understanding model's card says it left out as evaluation
    text (``evaluation_texts``); 0 for a model trained on all of HWU64 train."""
    return int(card.get("data", {}).get("left_out_as_evaluation_text", {}).get("hwu64_train", 0))


def clinc150_as_hwu64(per_intent: int, seed: int = 0, root: Path | None = None) -> list[tuple[str, str]]:
    """Up to ``per_intent`` CLINC150 train sentences of each intent in ``CLINC_AS_HWU64``, as
    (text, HWU64 intent). Sentences also in HWU64 valid/test or in SLURP (evaluation) are dropped."""
    root = root or data_dir()
    d = root / "intent_clinc150" / "train"
    held = evaluation_texts(root)
    by: dict[str, list[str]] = {}
    for t, lab in zip(_lines(d / "seq.in"), _lines(d / "label")):
        t = norm(t)
        if lab.strip() in CLINC_AS_HWU64 and t not in held:
            by.setdefault(lab.strip(), []).append(t)
    rng = random.Random(seed)
    out = []
    for lab in sorted(by):
        rows = by[lab][:]
        rng.shuffle(rows)
        out += [(t, CLINC_AS_HWU64[lab]) for t in rows[:per_intent]]
    return out


def slurp_test(hwu_intents: set[str], root: Path | None = None) -> list[tuple[str, str]]:
    """SLURP test sentences whose intent is one of HWU64's (evaluation only)."""
    out = []
    for line in _lines((root or data_dir()) / "intent_slurp" / "test.jsonl"):
        if line.strip():
            r = json.loads(line)
            if r["intent"] in hwu_intents:
                out.append((norm(r["sentence"]), r["intent"]))
    return out


def tweeteval_test(root: Path | None = None) -> list[tuple[str, int]]:
    """TweetEval sentiment test as (text, 0 negative | 1 neutral | 2 positive) (evaluation only)."""
    d = (root or data_dir()) / "sentiment_tweeteval"
    return [(norm(t), int(lab)) for t, lab in zip(_lines(d / "test_text.txt"), _lines(d / "test_labels.txt"))]


def bio_labels(types: list[str]) -> list[str]:
    return ["O"] + [f"{p}-{t}" for t in types for p in ("B", "I")]


def token_tags(offsets: list[tuple[int, int]], special: list[int], spans: list, tag_index: dict) -> list[int]:
    """BIO tag ids per token from character spans; special tokens get -100 (ignored by the loss)."""
    tags = []
    for (s, e), sp in zip(offsets, special):
        if sp:
            tags.append(-100)
            continue
        tag = 0
        for typ, a, b in spans:
            if f"B-{typ}" not in tag_index:
                continue
            if s >= a and e <= b and e > s:
                tag = tag_index[f"B-{typ}"] if s == a else tag_index[f"I-{typ}"]
                break
        tags.append(tag)
    return tags
