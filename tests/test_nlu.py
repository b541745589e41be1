"""The shipped understanding model (models/nlu): plain commands, bad input, integrity, no torch."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from assistant import nlu
from assistant.errors import ModelError, ModelIntegrityError
from assistant.paths import REPO_ROOT

from .conftest import run_cli

MODEL = nlu.DEFAULT_DIR

pytestmark = pytest.mark.skipif(not (MODEL / "card.json").is_file(),
                                reason="models/nlu not built (python -m quantize export-nlu)")


@pytest.fixture(scope="module")
def clf():
    return nlu.load()


@pytest.mark.parametrize("text, intent, slot, value, sentiment", [
    ("wake me up at seven am", "alarm_set", "time", "07:00", None),
    ("turn off the kitchen lights", "iot_hue_lightoff", "house_place", "kitchen", None),
    ("i love this song", "music_likeness", None, None, "positive"),
    ("i hate this song", "music_likeness", None, None, "negative"),
    ("set an alarm for six thirty pm", "alarm_set", "time", "18:30", None),
    ("what is the weather like today", "weather_query", None, None, None),
])
def test_plain_commands(clf, text, intent, slot, value, sentiment):
    u = clf.understand(text)
    assert u.intent == intent, u
    if slot:
        s = u.slot(slot)
        assert s is not None and s.value == value, u.slots
    if sentiment:
        assert u.sentiment == sentiment, u
    assert 0.0 <= u.intent_confidence <= 1.0 and 0.0 <= u.sentiment_confidence <= 1.0
    assert all(name != u.intent for name, _ in u.alternatives)


def test_batch_matches_single(clf):
    texts = ["wake me up at seven am", "i hate this song", "", "turn off the kitchen lights"]
    batch = clf.understand_batch(texts)
    assert [u.intent for u in batch] == [clf.understand(t).intent for t in texts]


def test_hearings_act_on_the_surest_intent_in_the_first_words_and_average_the_confidence(clf):
    one = clf.understand("wake me up at seven am")
    assert clf.understand_heard(["wake me up at seven am"]) == one
    same = clf.understand_heard(["wake me up at seven am", "wake me up at seven am"])
    assert same.intent == one.intent and same.intent_confidence == pytest.approx(one.intent_confidence)
    # the surer hearing gives the intent, the first hearing read as that intent its text and
    # slots (the main one, unless it reads otherwise: a slower hearing of "split ninety dollars"
    # as "split $10" was surer); one that disagrees pulls the confidence down
    a, b, c = "wake me up at seven am", "play some jazz", "wake me up at seven"
    pa, pb, pc = (clf.understand(x) for x in (a, b, c))
    sure = max((pa, pb, pc), key=lambda u: u.intent_confidence)
    for order in ([a, b, c], [c, b, a], [b, c, a]):
        mixed = clf.understand_heard(order)
        first = next(u for u in (clf.understand(x) for x in order) if u.intent == sure.intent)
        assert (mixed.text, mixed.intent, mixed.slots) == (first.text, sure.intent, first.slots)
        assert mixed.intent_confidence < sure.intent_confidence
        assert mixed.intent not in [name for name, _ in mixed.alternatives]


def test_unreadable_hearing_is_left_out(clf):
    u = clf.understand_heard(["😀", "turn off the kitchen lights"])
    assert u.intent == clf.understand("turn off the kitchen lights").intent
    assert u.text == "turn off the kitchen lights"
    assert clf.understand_heard(["", "\x07"]).intent == "unknown"


@pytest.mark.parametrize("text", ["", "   \t ", "😀🎉🔥", "你好，世界", "Привет мир", "\x00\x07\x1b\x7f",
                                  "\u200b\u200e\ufeff"])
def test_unreadable_input_is_unknown_neutral(clf, text):
    u = clf.understand(text)
    assert (u.intent, u.sentiment, u.slots) == ("unknown", "neutral", ())


def test_long_line_is_truncated_with_warning(clf, caplog):
    u = clf.understand("play some music " * 700)  # 11,200 characters
    assert len(u.text) <= nlu.MAX_CHARS and u.intent
    assert any("truncated" in r.getMessage() for r in caplog.records)


def test_mixed_junk_still_answers(clf):
    u = clf.understand("turn on 💡 the lights \x07 in the kitchen 台所")
    assert u.intent.startswith("iot_") or u.intent == "unknown"


def test_tampered_model_refused(tmp_path):
    d = tmp_path / "nlu"
    shutil.copytree(MODEL, d)
    data = bytearray((d / "model.onnx").read_bytes())
    data[len(data) // 2] ^= 0xFF
    (d / "model.onnx").write_bytes(bytes(data))
    with pytest.raises(ModelIntegrityError, match="sha256"):
        nlu.OnnxClassifier(d)


def test_missing_model_refused(tmp_path):
    with pytest.raises(ModelError):
        nlu.OnnxClassifier(tmp_path / "nowhere")


def test_import_does_not_load_torch():
    code = ("import sys, assistant.nlu as n; n.load().understand('wake me up at seven am tomorrow'); "
            "bad = [m for m in ('torch', 'transformers') if m in sys.modules]; print(bad); sys.exit(bool(bad))")
    r = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr


# ---- command line ------------------------------------------------------------------------------
def test_cli_json():
    r = run_cli("classify", "--json", "wake me up at seven am", "i hate this song", timeout=120)
    assert r.returncode == 0, r.stderr
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert [x["intent"] for x in rows] == ["alarm_set", "music_likeness"]
    assert set(rows[0]) == {"text", "intent", "intent_confidence", "sentiment", "sentiment_confidence", "slots"}
    assert {"type": "time", "text": "seven am", "value": "07:00"} in rows[0]["slots"]
    assert rows[1]["sentiment"] == "negative"


def test_cli_stdin_bad_lines():
    lines = ["", "   ", "x" * 10_000, "🙂🙂", "日本語のテキスト", "\x01\x02\x1b[0m", "turn off the kitchen lights"]
    r = run_cli("classify", "--json", input="\n".join(lines) + "\n", timeout=120)
    assert r.returncode == 0, r.stderr
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(rows) == len(lines)
    for i in (0, 1, 3, 4, 5):
        assert (rows[i]["intent"], rows[i]["sentiment"]) == ("unknown", "neutral")
    assert rows[6]["intent"] == "iot_hue_lightoff"
    assert "truncated" in r.stderr


def test_cli_stdin_batched():
    lines = ["wake me up at seven am", "i love this song", "what time is it"] * 700
    r = run_cli("classify", input="\n".join(lines) + "\n", timeout=300)
    assert r.returncode == 0, r.stderr
    assert len(r.stdout.splitlines()) == len(lines)


def test_cli_tampered_model_one_line(tmp_path):
    d = tmp_path / "nlu"
    shutil.copytree(MODEL, d)
    (d / "labels.json").write_text((d / "labels.json").read_text() + " ")
    cfg = tmp_path / "config.toml"
    cfg.write_text(f'[nlu]\nmodel_dir = "{d}"\n')
    r = run_cli("classify", "--config", str(cfg), "hello", timeout=120)
    assert r.returncode == 1
    assert len(r.stderr.strip().splitlines()) == 1 and "sha256" in r.stderr
    cfg.write_text(f'[nlu]\nmodel_dir = "{tmp_path / "missing"}"\n')
    r = run_cli("classify", "--config", str(cfg), "hello", timeout=120)
    assert r.returncode == 1 and len(r.stderr.strip().splitlines()) == 1


def test_decode_spans_widens_to_word():
    tags = ["O", "B-time", "I-time"]
    text = "at sevenish am"
    # tokens: [CLS] at seven ##ish am [SEP]
    offsets = [(0, 0), (0, 2), (3, 8), (8, 11), (12, 14), (0, 0)]
    special = [1, 0, 0, 0, 0, 1]
    spans = nlu.decode_spans([0, 0, 1, 0, 2, 0], offsets, special, tags, text)
    assert [(t, text[a:b]) for t, a, b in spans] == [("time", "sevenish am")]


def test_decode_spans_leave_whispers_punctuation_out():
    """"Resume ... in book on audible." gave the slots "audible." and "." (a reply "I couldn't
    find .."); "a.m." keeps its dot."""
    tags = ["O", "B-media_type", "B-audiobook_name", "B-time", "I-time"]
    text = "on audible. at 7 a.m."
    # tokens: [CLS] on audible . at 7 a . m . [SEP]
    offsets = [(0, 0), (0, 2), (3, 10), (10, 11), (12, 14), (15, 16), (17, 18), (18, 19), (19, 20), (20, 21), (0, 0)]
    special = [1] + [0] * 9 + [1]
    spans = nlu.decode_spans([0, 0, 1, 2, 0, 3, 4, 4, 4, 4, 0], offsets, special, tags, text)
    assert [(t, text[a:b]) for t, a, b in spans] == [("media_type", "audible"), ("time", "7 a.m.")]
