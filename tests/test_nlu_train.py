"""``python -m quantize train-nlu`` end to end on a tiny subset (real data, real base model)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from assistant.paths import REPO_ROOT

from .conftest import dataset


def test_train_nlu_tiny(tmp_path):
    for name in ("intent_hwu64", "intent_hwu64_original_kfold1", "sentiment_sst3"):
        dataset(name)
    out = tmp_path / "ckpt"
    r = subprocess.run([sys.executable, "-m", "quantize", "train-nlu", "--limit", "48", "--max-steps", "3",
                        "--threads", "2", "--out", str(out)], cwd=REPO_ROOT, capture_output=True, text=True,
                       timeout=120, env=dict(os.environ, HF_HUB_OFFLINE="1"))
    assert r.returncode == 0, r.stderr[-2000:]
    meta = json.loads((out / "meta.json").read_text())
    assert len(meta["intents"]) == 64 and meta["tags"][0] == "O"
    assert {"time", "house_place", "artist_name", "song_name", "change_amount"} <= set(meta["slot_types"])
    assert (out / "model.safetensors").stat().st_size > 1e6
    assert list((out / "tb").glob("events.out.tfevents.*")), "no TensorBoard log"
