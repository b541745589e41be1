"""``python -m quantize train-nlu`` end to end on a tiny subset (real data, real base model)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from assistant.paths import REPO_ROOT
from quantize import export_nlu

from .conftest import dataset


def test_train_nlu_tiny(tmp_path):
    for name in ("intent_hwu64", "intent_hwu64_original_kfold1", "sentiment_sst3"):
        dataset(name)
    out = tmp_path / "ckpt"
    r = subprocess.run([sys.executable, "-m", "quantize", "train-nlu", "--limit", "48", "--max-steps", "3",
                        "--threads", "2", "--clinc-extra", "4", "--out", str(out)], cwd=REPO_ROOT, capture_output=True, text=True,
                       timeout=120, env=dict(os.environ, HF_HUB_OFFLINE="1"))
    assert r.returncode == 0, r.stderr[-2000:]
    meta = json.loads((out / "meta.json").read_text())
    assert len(meta["intents"]) == 64 and meta["tags"][0] == "O"
    assert {"time", "house_place", "artist_name", "song_name", "change_amount"} <= set(meta["slot_types"])
    assert (out / "model.safetensors").stat().st_size > 1e6
    assert list((out / "tb").glob("events.out.tfevents.*")), "no TensorBoard log"

    # export-nlu on it: both weight ranges tried, one chosen on the valid sets, a loadable model out
    ship, work = tmp_path / "nlu", tmp_path / "work"
    r = subprocess.run([sys.executable, "-m", "quantize", "export-nlu", "--teacher", str(out),
                        "--student", str(tmp_path / "none"), "--out", str(ship), "--work", str(work),
                        "--limit", "40", "--latency-n", "3", "--valid-asr-tsv", str(tmp_path / "none.tsv")],
                       cwd=REPO_ROOT, capture_output=True, text=True, timeout=300,
                       env=dict(os.environ, HF_HUB_OFFLINE="1"))
    assert r.returncode == 0, r.stderr[-2000:]
    assert {p.name for p in work.glob("*.onnx")} == {"teacher.fp32.onnx", "teacher.int8.7.onnx", "teacher.int8.8.onnx"}
    assert "weights chosen on valid" in r.stderr
    card = json.loads((ship / "card.json").read_text())
    assert "weight range" in card["quantization"] and "chosen on the valid sets" in card["quantization"]
    report = (ship / "report.md").read_text()
    assert "## Choices made on valid" in report and "(chosen)" in report
    from assistant import nlu
    u = nlu.load(ship).understand("wake me up at seven am")
    assert u.intent and 0.0 <= u.intent_confidence <= 1.0

    # distil-nlu from it: a 2-layer student on the teacher's soft targets, and its rebuild line
    student = tmp_path / "student"
    r = subprocess.run([sys.executable, "-m", "quantize", "distil-nlu", "--teacher", str(out), "--limit", "48",
                        "--max-steps", "2", "--layers", "0,2", "--threads", "2", "--out", str(student)],
                       cwd=REPO_ROOT, capture_output=True, text=True, timeout=180,
                       env=dict(os.environ, HF_HUB_OFFLINE="1"))
    assert r.returncode == 0, r.stderr[-2000:]
    smeta = json.loads((student / "meta.json").read_text())
    assert smeta["layers"] == [0, 2] and smeta["n_layers"] == 2
    assert 0.0 <= smeta["valid"]["intent_acc"] <= 1.0
    line = export_nlu.rebuild_command({"teacher": meta, "student": smeta}, _ExportArgs(student))
    assert f"python -m quantize distil-nlu --teacher {out} --epochs" in line and "--layers 0,2 " in line, line
    assert line.startswith("python -m quantize train-nlu ") and f"--out {out} &&" in line, line

    # from two teachers (an ensemble; here the same one twice): each is named, and so is how it was
    # trained, so the card's rebuild line can remake them; export-nlu ships it with no teacher export
    ens = tmp_path / "ens"
    r = subprocess.run([sys.executable, "-m", "quantize", "distil-nlu", "--teacher", str(out), str(out),
                        "--limit", "48", "--max-steps", "2", "--layers", "0,2", "--threads", "2", "--out", str(ens)],
                       cwd=REPO_ROOT, capture_output=True, text=True, timeout=180,
                       env=dict(os.environ, HF_HUB_OFFLINE="1"))
    assert r.returncode == 0, r.stderr[-2000:]
    emeta = json.loads((ens / "meta.json").read_text())
    assert [t["path"] for t in emeta["teachers"]] == [str(out)] * 2
    assert emeta["teachers"][0]["args"]["max_steps"] == "3"
    line = export_nlu.rebuild_command({"student": emeta}, _ExportArgs(ens))
    assert line.count("python -m quantize train-nlu ") == 2 and f"--teacher {out} {out} " in line, line
    ship2 = tmp_path / "nlu2"
    r = subprocess.run([sys.executable, "-m", "quantize", "export-nlu", "--teacher", str(tmp_path / "none"),
                        "--student", str(ens), "--ship", "student", "--out", str(ship2), "--work", str(work),
                        "--limit", "40", "--latency-n", "3", "--valid-asr-tsv", str(tmp_path / "none.tsv")],
                       cwd=REPO_ROOT, capture_output=True, text=True, timeout=300,
                       env=dict(os.environ, HF_HUB_OFFLINE="1"))
    assert r.returncode == 0, r.stderr[-2000:]
    card = json.loads((ship2 / "card.json").read_text())
    assert card["variant"] == "student" and "no teacher checkpoint" in card["why"], card["why"]
    assert "distil-nlu --teacher" in card["rebuild"]


def test_ensemble_soft_targets_are_the_mean_probabilities():
    import torch

    from quantize.train_nlu import mean_probability_logits
    a, b = torch.tensor([[2.0, 0.0, -1.0]]), torch.tensor([[0.0, 3.0, 0.5]])
    mixed = mean_probability_logits([a, b])
    assert torch.allclose(mixed.softmax(-1), (a.softmax(-1) + b.softmax(-1)) / 2, atol=1e-6)
    # one model alone: the same distribution as its own logits
    assert torch.allclose(mean_probability_logits([a]).softmax(-1), a.softmax(-1), atol=1e-6)


class _ExportArgs:
    def __init__(self, student):
        self.student, self.static, self.weight_range, self.ship = student, False, "auto", "auto"


def test_asr_augment_tiny(tmp_path):
    """HWU64 valid sentences spoken by the project's voices and transcribed by the shipped Whisper."""
    import pytest

    from assistant.asr.onnx_whisper import find_model
    from assistant.errors import AssistantError
    from assistant.tts import EspeakSpeaker
    from assistant.tts_piper import voice_path
    from quantize.asr_augment import read_tsv

    dataset("intent_hwu64")
    if find_model(None) is None:
        pytest.skip("no ONNX Whisper model installed")
    try:
        EspeakSpeaker("gmw/en-us", 170)
        voice_path()
    except AssistantError as exc:
        pytest.skip(f"a project voice is missing: {exc}")
    # the second run names the same (installed) Whisper with --whisper, so it must hear the same
    for out, whisper in ((tmp_path, []), (tmp_path / "again", ["--whisper", str(find_model(None))])):
        r = subprocess.run([sys.executable, "-m", "quantize", "asr-augment", "--splits", "valid", "--limit", "4",
                            "--out", str(out)] + whisper, cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)
        assert r.returncode == 0, r.stderr[-2000:]
    rows, again = read_tsv(tmp_path / "valid.tsv"), read_tsv(tmp_path / "again" / "valid.tsv")
    # Piper's sampled noise is seeded per worker: a rebuild hears the same audio. (Once, in a fresh
    # clone's first `make test`, the espeak row "do i have alarms set before six in the morning"
    # came back as another borderline hearing and never again in a dozen reruns; cause not found,
    # so only the Piper rows, what the seeding promises, must match to the letter.)
    assert [r[:3] for r in again] == [r[:3] for r in rows]
    assert [r for r in again if r[2] == "piper"] == [r for r in rows if r[2] == "piper"]
    assert [v for _, _, v, _ in rows] == ["espeak:gmw/en-us@170", "piper"] * 2
    assert all(lab == "alarm_query" and heard.strip() for _, lab, _, heard in rows)
    # the first sentence is plain enough that tiny.en hears its words
    assert "alarm" in rows[0][3].lower()
    assert not list(tmp_path.glob("*.part*")), "worker files left behind"
    assert json.loads((tmp_path / "valid.json").read_text())["rotate"] == 0
    settings = json.loads((tmp_path / "again" / "valid.json").read_text())
    assert settings["whisper"] == str(find_model(None)) and "--whisper" in settings["command"]


def test_clinc_as_hwu64():
    """CLINC150 sentences borrowed for HWU64 intents: only mapped intents, capped, no evaluation text."""
    import collections

    from quantize import nlu_data as D

    for name in ("intent_clinc150", "intent_hwu64"):
        dataset(name)
    hwu = {lab for _, lab in D.hwu64("train")}
    assert set(D.CLINC_AS_HWU64.values()) <= hwu
    rows = D.clinc150_as_hwu64(7, seed=1)
    per = collections.Counter(lab for _, lab in rows)
    # two CLINC intents each feed calendar_query, datetime_query and lists_query
    assert per["datetime_query"] == 14 and per["weather_query"] == 7 and max(per.values()) == 14
    assert rows == D.clinc150_as_hwu64(7, seed=1) and rows != D.clinc150_as_hwu64(7, seed=2)
    held = {t for split in ("valid", "test") for t, _ in D.hwu64(split)}
    assert not held & {t for t, _ in rows}
    assert all(t == D.norm(t) for t, _ in rows)


def test_evaluation_texts_cover_slurp_and_hwu64_held_out_splits():
    """What training must not see: every SLURP devel/test and HWU64 valid/test sentence. HWU64 and
    SLURP come from one collection, so over a thousand HWU64 *train* sentences are among them."""
    import json as _json

    from quantize import nlu_data as D

    for name in ("intent_hwu64", "intent_slurp"):
        dataset(name)
    held = D.evaluation_texts()
    slurp = [D.norm(_json.loads(x)["sentence"])
             for x in (D.data_dir() / "intent_slurp" / "test.jsonl").read_text().splitlines() if x.strip()]
    assert set(slurp) <= held
    assert {t for split in ("valid", "test") for t, _ in D.hwu64(split)} <= held
    assert sum(t in held for t, _ in D.hwu64("train")) > 1000
    assert not held & {t for t, _ in D.clinc150_as_hwu64(100)}


def test_training_sets_leave_out_evaluation_text(tmp_path):
    """train-nlu / distil-nlu never see an evaluation sentence, neither as HWU64 train text nor as
    a hearing of one (``--extra-intent-tsv``)."""
    import argparse

    from quantize import nlu_data as D
    from quantize.train_nlu import encode_sets, load_tokenizer

    for name in ("intent_hwu64", "intent_hwu64_original_kfold1", "sentiment_sst3", "intent_slurp"):
        dataset(name)
    held = D.evaluation_texts()
    seen = next(t for t, _ in D.hwu64("train") if t in held)
    new = next(t for t, _ in D.hwu64("train") if t not in held)
    tsv = tmp_path / "heard.tsv"
    tsv.write_text(f"{seen}\talarm_set\tpiper\t{seen}\n{new}\talarm_set\tpiper\t{new}\n")
    args = argparse.Namespace(seed=13, limit=0, max_len=48, extra_intent_tsv=[tsv], clinc_extra=0,
                              valid_asr_tsv=None, sst2_extra=0)
    sets, meta = encode_sets(args, load_tokenizer(48))
    assert not held & {e["text"] for e in sets["train_hwu"]}
    assert len(sets["train_hwu"]) + meta["left_out_as_evaluation_text"]["hwu64_train"] == len(D.hwu64("train"))
    assert meta["left_out_as_evaluation_text"]["hwu64_train"] > 1000
    assert [e["clean"] for e in sets["train_asr"]] == [new]
    assert meta["left_out_as_evaluation_text"]["extra_intent_tsv"] == 1
    assert len(meta["intents"]) == 64


def test_rebuild_names_the_whisper_that_heard(tmp_path):
    """The NLU card's rebuild line says how the hearings were made, down to the Whisper that heard
    them when it was not the installed one (and how that Whisper was made, once)."""
    from quantize.export_nlu import _asr_augment_commands

    fp32, int8 = tmp_path / "w-fp32", tmp_path / "w-int8"
    for folder, card in ((fp32, {"rebuild": f"python -m quantize convert-whisper --onnx {fp32}"}),
                         (int8, {"source": str(fp32),
                                 "rebuild": f"python -m quantize quantize {fp32} {int8} --preset cpu-x86"})):
        folder.mkdir()
        (folder / "card.json").write_text(json.dumps(card))
    tsvs = []
    for name, split, rotate, whisper in (("a", "train", 0, str(int8)), ("b", "train", 1, str(int8)),
                                         ("c", "valid", 0, "installed")):
        (tmp_path / name).mkdir()
        tsv = tmp_path / name / f"{split}.tsv"
        tsv.write_text("")
        tsv.with_suffix(".json").write_text(json.dumps({"split": split, "rotate": rotate, "whisper": whisper}))
        tsvs.append(str(tsv))
    cmds = _asr_augment_commands(tsvs)
    assert cmds == [f"python -m quantize convert-whisper --onnx {fp32}",
                    f"python -m quantize quantize {fp32} {int8} --preset cpu-x86",
                    f"python -m quantize asr-augment --splits train --out {tmp_path / 'a'} --whisper {int8}",
                    f"python -m quantize asr-augment --splits train --rotate 1 --out {tmp_path / 'b'} --whisper {int8}",
                    f"python -m quantize asr-augment --splits valid --out {tmp_path / 'c'}"]
