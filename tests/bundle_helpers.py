"""Shared by test_bundle.py and test_store.py: keys, real-model payloads, bundles, tampering."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

from assistant import cards
from assistant.bundle import MANIFEST, PREFIX, SIGNATURE, generate_key, key_id, load_private_key, write_bundle
from assistant.paths import MODELS_DIR, REPO_ROOT

WHISPER = MODELS_DIR / "whisper-onnx"
# a smaller payload of real model files for the many tampering and kill-point variants
PARTS = ("encoder.onnx", "tokenizer.json", "whisper.json")


def make_keys(folder: Path) -> dict:
    folder.mkdir(parents=True, exist_ok=True)
    generate_key(folder / "dev.key", folder / "dev.pub")
    generate_key(folder / "evil.key", folder / "evil.pub")
    trusted = folder / "trusted"
    trusted.mkdir()
    shutil.copy(folder / "dev.pub", trusted / "dev.pub")
    return {"dev": folder / "dev.key", "evil": folder / "evil.key", "trusted": trusted}


def parts_model(folder: Path) -> Path:
    """A model folder holding three real files of the shipped edge model, with a card."""
    folder.mkdir(parents=True, exist_ok=True)
    for f in PARTS:
        shutil.copy(WHISPER / f, folder / f)
    cards.write_card(folder, list(PARTS), name="whisper-parts", kind="asrparts", target="any")
    return folder


def bundle(out: Path, model: Path, key: Path | None, component: str, version: str = "1",
           target: str = "any", runtime: dict | None = None) -> Path:
    card = cards.read_card(model)
    write_bundle(out, model, sorted(card["files"]), {
        "component": component, "name": card.get("name", model.name), "version": version,
        "target": target, "runtime": runtime or {"min": "0.1.0", "max": "0.1.999"},
        "card": {k: v for k, v in card.items() if k != "files"}}, key)
    return out


def raw_bundle(out: Path, key: Path, manifest: dict, members: list[tarfile.TarInfo | tuple[str, bytes]]) -> Path:
    """A hand-made tar: a signed manifest and arbitrary members (to build malicious bundles)."""
    from cryptography.hazmat.primitives import serialization

    body = (json.dumps(manifest) + "\n").encode()
    k = load_private_key(key)
    raw = k.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    sig = json.dumps({"alg": "ed25519", "key_id": key_id(raw), "signature": k.sign(body).hex()}).encode()
    with tarfile.open(out, "w") as tar:
        for name, data in ((MANIFEST, body), (SIGNATURE, sig)):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        for m in members:
            if isinstance(m, tarfile.TarInfo):
                tar.addfile(m)
            else:
                info = tarfile.TarInfo(m[0])
                info.size = len(m[1])
                tar.addfile(info, io.BytesIO(m[1]))
    return out


def member_offsets(path: Path) -> dict[str, tuple[int, int]]:
    with tarfile.open(path) as tar:
        return {m.name: (m.offset_data, m.size) for m in tar.getmembers()}


def flip_byte(src: Path, dst: Path, offset: int) -> Path:
    data = bytearray(src.read_bytes())
    data[offset] ^= 0x01
    dst.write_bytes(bytes(data))
    return dst


def quantize_cli(*args: str, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    import os

    full = dict(os.environ, PYTHONUNBUFFERED="1", **(env or {}))
    return subprocess.run([sys.executable, "-m", "quantize", *args], cwd=REPO_ROOT, capture_output=True,
                          text=True, env=full, timeout=timeout)


def store_snapshot(store: Path) -> dict:
    """Pointer contents and every file's hash under the store (to prove 'untouched')."""
    snap = {}
    for p in sorted(store.rglob("*")):
        if p.is_file():
            snap[str(p.relative_to(store))] = cards.sha256_file(p)
    return snap
