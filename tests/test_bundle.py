"""Signed bundles: round trip, flash, rollback, and every refusal leaving the serving model untouched.

The payloads are the real edge model's files (models/whisper-onnx), not stand-ins.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import time

import pytest
from .bundle_helpers import (WHISPER, bundle, flip_byte, make_keys, member_offsets, parts_model,
                            quantize_cli, raw_bundle, store_snapshot)

from assistant import cards
from assistant.bundle import verify_bundle, trusted_keys
from assistant.errors import BundleError
from assistant.store import Store


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    root = tmp_path_factory.mktemp("bundles")
    keys = make_keys(root / "keys")
    parts = parts_model(root / "parts")
    good = bundle(root / "parts-1.bundle", parts, keys["dev"], "asrparts", "1")
    good2 = bundle(root / "parts-2.bundle", parts, keys["dev"], "asrparts", "2")
    return {"root": root, "keys": keys, "parts": parts, "good": good, "good2": good2}


@pytest.fixture
def serving(env, tmp_path):
    """A store with version 1 of the parts model flashed and active."""
    store = tmp_path / "state" / "models"
    r = quantize_cli("flash", str(env["good"]), "--store", str(store),
                     "--trusted-keys", str(env["keys"]["trusted"]))
    assert r.returncode == 0, r.stderr
    return store


def _refused(env, store, bundle_path, *extra, expect: str, cli: bool = True) -> None:
    """Flash must refuse: via the CLI (exit 1, one line on stderr) or, for the many byte-level
    variants, in-process (the same code path without a Python start-up per variant)."""
    before = store_snapshot(store)
    if cli:
        r = quantize_cli("flash", str(bundle_path), "--store", str(store),
                         "--trusted-keys", str(env["keys"]["trusted"]), *extra)
        assert r.returncode == 1, (r.stdout, r.stderr)
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in r.stderr, r.stderr
        message = lines[0]
    else:
        from assistant.flash import flash

        with pytest.raises(BundleError) as err:
            flash(bundle_path, store, env["keys"]["trusted"], notify=False)
        message = str(err.value)
        assert "\n" not in message
    assert expect in message, message
    assert "refused" in message
    assert store_snapshot(store) == before  # serving model untouched, byte for byte
    st = Store(store, "asrparts")
    assert st.pointer()["version"] == "1"
    cards.verify(st.active_dir())


def test_round_trip_real_whisper_model(env, tmp_path):
    """The shipped int8 model: bundle (CLI), verify, flash with the runtime smoke test, list."""
    card = cards.read_card(WHISPER)
    model = WHISPER
    if not (card.get("metrics") or {}).get("evaluate"):
        pytest.skip("shipped model card has no evaluated loss")
    out = tmp_path / "asr.bundle"
    r = quantize_cli("bundle", str(model), "--key", str(env["keys"]["dev"]), "--out", str(out),
                     "--component", "asr", "--version", "7")
    assert r.returncode == 0, r.stderr
    vb = verify_bundle(out, trusted_keys(env["keys"]["trusted"]))
    assert vb.manifest["component"] == "asr" and set(vb.members) == set(card["files"])
    store = tmp_path / "state" / "models"
    r = quantize_cli("flash", str(out), "--store", str(store), "--trusted-keys", str(env["keys"]["trusted"]))
    assert r.returncode == 0, r.stderr
    active = Store(store, "asr").active_dir()
    for rel, digest in card["files"].items():
        assert cards.sha256_file(active / rel) == digest
    r = quantize_cli("list", "--store", str(store), "--json")
    rows = [json.loads(x) for x in r.stdout.splitlines()]
    assert rows == [{"component": "asr", "slot": "A", "active": True, "previous": False,
                     "name": card["name"], "version": "7", "complete": True}]


def test_bundle_refuses_lossy_model(env, tmp_path):
    model = tmp_path / "lossy"
    parts_model(model)
    card = cards.read_card(model)
    card["metrics"] = {"evaluate": {"loss": 0.05, "wer": 0.12, "reference_wer": 0.07}}
    cards.write_card(model, list(card["files"]), **{k: v for k, v in card.items() if k not in ("files", "created")})
    r = quantize_cli("bundle", str(model), "--key", str(env["keys"]["dev"]), "--out", str(tmp_path / "x.bundle"))
    assert r.returncode == 1 and "exceeds" in r.stderr and not (tmp_path / "x.bundle").exists()
    r = quantize_cli("bundle", str(model), "--key", str(env["keys"]["dev"]), "--out", str(tmp_path / "x.bundle"),
                     "--max-loss", "0.06")
    assert r.returncode == 0, r.stderr


def test_flash_rollback_and_previous_kept(env, serving):
    r = quantize_cli("flash", str(env["good2"]), "--store", str(serving),
                     "--trusted-keys", str(env["keys"]["trusted"]))
    assert r.returncode == 0, r.stderr
    st = Store(serving, "asrparts")
    assert st.pointer() | {} and st.pointer()["version"] == "2" and st.pointer()["previous"] == "A"
    r = quantize_cli("rollback", "asrparts", "--store", str(serving))
    assert r.returncode == 0, r.stderr
    assert st.pointer()["active"] == "A" and st.pointer()["version"] == "1"
    r = quantize_cli("rollback", "asrparts", "--store", str(serving))  # and forward again
    assert r.returncode == 0 and st.pointer()["version"] == "2"


def test_rollback_without_previous_is_refused(env, serving):
    r = quantize_cli("rollback", "asrparts", "--store", str(serving))
    assert r.returncode == 1 and "no previous model" in r.stderr


def test_refuses_unsigned(env, serving, tmp_path):
    b = bundle(tmp_path / "u.bundle", env["parts"], None, "asrparts", "9")
    _refused(env, serving, b, expect="unsigned")


def test_refuses_untrusted_key(env, serving, tmp_path):
    b = bundle(tmp_path / "e.bundle", env["parts"], env["keys"]["evil"], "asrparts", "9")
    _refused(env, serving, b, expect="does not trust")


def test_refuses_one_changed_byte_in_any_file(env, serving, tmp_path):
    offsets = member_offsets(env["good2"])
    assert len(offsets) == 5  # manifest, signature, three files
    for name, (start, size) in offsets.items():
        for where in (0, size // 2, size - 1):
            b = flip_byte(env["good2"], tmp_path / "t.bundle", start + where)
            expect = {"manifest.json": "bad signature", "manifest.sig": "signature"}.get(name, "sha256")
            _refused(env, serving, b, expect=expect, cli=name == "files/encoder.onnx" and where == 0)


def test_refuses_truncated(env, serving, tmp_path):
    data = env["good2"].read_bytes()
    offsets = member_offsets(env["good2"])
    cuts = [100, 600, offsets["files/encoder.onnx"][0] + 1000, len(data) // 2, len(data) - 3000, len(data) - 1]
    for cut in cuts:
        (tmp_path / "t.bundle").write_bytes(data[:cut])
        _refused(env, serving, tmp_path / "t.bundle", expect="", cli=cut == len(data) // 2)


def test_refuses_wrong_target(env, serving, tmp_path):
    b = bundle(tmp_path / "arm.bundle", env["parts"], env["keys"]["dev"], "asrparts", "9", target="arm64")
    _refused(env, serving, b, "--target", "cpu-x86", expect="target arm64")


def test_refuses_incompatible_runtime(env, serving, tmp_path):
    for rng in ({"min": "0.2.0", "max": "0.9"}, {"min": "0.0.1", "max": "0.0.9"}):
        b = bundle(tmp_path / "rt.bundle", env["parts"], env["keys"]["dev"], "asrparts", "9", runtime=rng)
        _refused(env, serving, b, expect="needs assistant")


def _manifest(files: dict) -> dict:
    return {"format": 1, "component": "asrparts", "name": "evil", "version": "9", "target": "any",
            "runtime": {"min": "0.1.0", "max": "0.1.999"}, "files": files,
            "card": {"files": {k: v["sha256"] for k, v in files.items()}}}


@pytest.mark.parametrize("member", ["files/../escape.txt", "/etc/cron.d/evil", "files//abs", "files/../../x",
                                    "files/./x", "../outside", "files/a/../../x"])
def test_refuses_escaping_paths(env, serving, tmp_path, member):
    import hashlib

    data = b"payload"
    rel = member[len("files/"):] if member.startswith("files/") else member
    files = {rel: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}}
    b = raw_bundle(tmp_path / "p.bundle", env["keys"]["dev"], _manifest(files), [(member, data)])
    _refused(env, serving, b, expect="")
    assert not (tmp_path / "escape.txt").exists() and not (serving.parent / "outside").exists()


@pytest.mark.parametrize("kind", [tarfile.SYMTYPE, tarfile.LNKTYPE])
def test_refuses_links(env, serving, tmp_path, kind):
    info = tarfile.TarInfo("files/encoder.onnx")
    info.type = kind
    info.linkname = "/etc/passwd"
    files = {"encoder.onnx": {"sha256": "0" * 64, "size": 0}}
    b = raw_bundle(tmp_path / "l.bundle", env["keys"]["dev"], _manifest(files), [info])
    _refused(env, serving, b, expect="link")


def test_refuses_smuggled_extra_file(env, serving, tmp_path):
    import hashlib

    data = b"x"
    files = {"a.json": {"sha256": hashlib.sha256(data).hexdigest(), "size": 1}}
    b = raw_bundle(tmp_path / "x.bundle", env["keys"]["dev"], _manifest(files),
                   [("files/a.json", data), ("files/extra.so", b"elf")])
    _refused(env, serving, b, expect="differ from the manifest")


def test_flash_signals_running_assistant(env, serving, tmp_path):
    """flash sends SIGHUP to the pid in the state dir's assistant.pid."""
    flag = tmp_path / "hup"
    code = ("import signal, sys, time, pathlib\n"
            f"signal.signal(signal.SIGHUP, lambda *a: pathlib.Path({str(flag)!r}).write_text('hup'))\n"
            "print('ready', flush=True)\n"
            "time.sleep(30)\n")
    child = subprocess.Popen([sys.executable, "-c", code, "assistant-run"], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "ready"
        (serving.parent / "assistant.pid").write_text(f"{child.pid}\n")
        r = quantize_cli("flash", str(env["good2"]), "--store", str(serving),
                         "--trusted-keys", str(env["keys"]["trusted"]))
        assert r.returncode == 0, r.stderr
        assert f"told pid {child.pid} to reload" in r.stdout
        for _ in range(50):
            if flag.exists():
                break
            time.sleep(0.05)
        assert flag.read_text() == "hup"
    finally:
        child.kill()
        child.wait()


def test_no_pickle_on_device_path():
    """The device-side modules never unpickle: no pickle/torch.load/allow_pickle=True in them."""
    from assistant.paths import REPO_ROOT

    for rel in ("assistant/bundle.py", "assistant/store.py", "assistant/flash.py", "assistant/asr/onnx_whisper.py"):
        src = (REPO_ROOT / rel).read_text()
        for bad in ("import pickle", "torch.load", "allow_pickle=True", "np.load(p)"):
            assert bad not in src, (rel, bad)
    assert os.environ.get("ASSISTANT_STORE_KILL_AT") is None


@pytest.mark.parametrize("cmd", ["convert-whisper", "quantize", "evaluate", "bench", "keygen", "bundle",
                                 "flash", "rollback", "list"])
def test_toolchain_help(cmd, capsys):
    from quantize.__main__ import build_parser

    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args([cmd, "--help"])
    assert exit_.value.code == 0
    assert "usage: python -m quantize " + cmd in capsys.readouterr().out


def test_device_cli_models_flash_and_list(env, tmp_path):
    """`assistant models` is the device-side entry point: same checks, same store."""
    from .conftest import run_cli

    state = tmp_path / "state"
    (state / "trusted_keys").mkdir(parents=True)
    import shutil

    shutil.copy(env["keys"]["trusted"] / "dev.pub", state / "trusted_keys" / "dev.pub")
    r = run_cli("models", "--state-dir", str(state), "flash", str(env["good"]))
    assert r.returncode == 0, r.stderr
    r = run_cli("models", "--state-dir", str(state), "list", "--json")
    assert json.loads(r.stdout.splitlines()[0])["version"] == "1"
    r = run_cli("models", "--state-dir", str(state), "flash", str(env["root"] / "nope.bundle"))
    assert r.returncode == 1 and r.stderr.count("\n") == 1
