"""The A/B store: a flash killed with SIGKILL at any point leaves the old or the new model complete
and active, never a mix; the store keeps working afterwards."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time

import numpy as np
import pytest
from .bundle_helpers import bundle, make_keys, parts_model, quantize_cli

from assistant import cards
from assistant.paths import REPO_ROOT
from assistant.store import MANIFEST, Store, write_atomic


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    root = tmp_path_factory.mktemp("store")
    keys = make_keys(root / "keys")
    parts = parts_model(root / "parts")
    return {"keys": keys, "b": {v: bundle(root / f"p{v}.bundle", parts, keys["dev"], "asrparts", v)
                                for v in ("1", "2", "3")}}


def _flash(env, store, version, kill_at: int | None = None) -> subprocess.Popen:
    e = dict(os.environ)
    if kill_at is not None:
        e["ASSISTANT_STORE_KILL_AT"] = str(kill_at)
    return subprocess.Popen([sys.executable, "-m", "quantize", "flash", str(env["b"][version]), "--store",
                             str(store), "--trusted-keys", str(env["keys"]["trusted"]), "--no-smoke"],
                            cwd=REPO_ROOT, env=e, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _check_consistent(store, allowed: set[str]) -> str:
    """Active slot complete and one of the allowed versions; a named previous slot complete too."""
    st = Store(store, "asrparts")
    p = st.pointer()
    assert p["active"] in ("A", "B")
    active = st.active_dir()
    cards.verify(active)  # every file present and intact
    version = json.loads((active / MANIFEST).read_text())["version"]
    assert version in allowed and p["version"] == version
    if p.get("previous"):
        assert st.slot_complete(p["previous"])
    return version


def _prepared(env, tmp_path, name):
    """A store with v1 then v2 flashed: v2 active, v1 kept as previous (so the next flash must
    overwrite the previous slot: the riskiest path)."""
    store = tmp_path / name / "models"
    for v in ("1", "2"):
        assert _flash(env, store, v).wait() == 0
    return store


def test_kill_at_every_step(env, tmp_path):
    store = _prepared(env, tmp_path, "base")
    template = store.parent
    seen = set()
    for n in range(1, 40):
        case = tmp_path / f"k{n}"
        subprocess.run(["cp", "-a", str(template), str(case)], check=True)
        s = case / "models"
        rc = _flash(env, s, "3", kill_at=n).wait()
        v = _check_consistent(s, {"2", "3"})
        seen.add(v)
        if rc == 0:  # n is past the last step: the flash completed
            assert v == "3"
            break
        assert rc == -signal.SIGKILL
        # the store recovers: a later flash succeeds and serves the new model
        assert _flash(env, s, "3").wait() == 0
        assert _check_consistent(s, {"3"}) == "3"
    else:
        pytest.fail("flash never completed within 40 kill points")
    assert seen == {"2", "3"} and n > 8  # both outcomes were hit, over many steps


def test_kill_at_random_times(env, tmp_path):
    """SIGKILL from outside at random instants during real flashes (not only at step boundaries)."""
    store = _prepared(env, tmp_path, "rand")
    rng = random.Random(6)
    t0 = time.perf_counter()
    assert _flash(env, store, "3").wait() == 0
    full = time.perf_counter() - t0
    versions = {"2", "3"}
    for i in range(12):
        proc = _flash(env, store, "2" if i % 2 else "3")
        time.sleep(rng.uniform(0.05, full))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        _check_consistent(store, versions)


def test_pointer_write_is_atomic(tmp_path):
    p = tmp_path / "active.json"
    write_atomic(p, b'{"active": "A"}')
    write_atomic(p, b'{"active": "B"}')
    assert json.loads(p.read_text()) == {"active": "B"}
    assert [x.name for x in tmp_path.iterdir()] == ["active.json"]  # no temp file left


def test_list_shows_slots(env, tmp_path):
    store = _prepared(env, tmp_path, "list")
    r = quantize_cli("list", "--store", str(store))
    assert r.returncode == 0
    lines = r.stdout.splitlines()
    assert any(line.startswith("* asrparts") and " 2" in line for line in lines)
    assert any(line.startswith("p asrparts") and " 1" in line for line in lines)


def _utterances(stdout: str) -> list[dict]:
    out = []
    for line in stdout.splitlines():
        try:
            ev = json.loads(line)
        except ValueError:
            continue
        if ev.get("event") == "utterance":
            out.append(ev)
    return out


def test_flash_while_run_processes_a_long_recording(tmp_path):
    """`assistant run --input` on a long recording; an asr bundle (the real edge model) is flashed
    mid-way; the run reloads on SIGHUP and still handles every utterance."""
    from assistant import audio as A

    from .bundle_helpers import WHISPER

    demo = REPO_ROOT / "demo" / "commands.wav"
    if not demo.is_file():
        pytest.skip("demo/commands.wav missing (make setup generates it)")
    if not (cards.read_card(WHISPER).get("metrics") or {}).get("evaluate"):
        pytest.skip("shipped edge model has no evaluated loss")
    keys = make_keys(tmp_path / "keys")
    b = bundle(tmp_path / "asr.bundle", WHISPER, keys["dev"], "asr", "42")
    one = A.load_audio(demo)
    long = tmp_path / "long.wav"
    A.write_wav(long, np.concatenate([one] * 3))
    args = ["-m", "assistant", "run", "--input", str(long), "--json", "--no-wake", "--asr", "onnx", "-v"]

    state1 = tmp_path / "s1"
    base = subprocess.run([sys.executable, *args[:3], "--input", str(demo), *args[5:], "--state-dir", str(state1)],
                          cwd=REPO_ROOT, capture_output=True, text=True, timeout=300)
    if base.returncode and ("models/nlu" in base.stderr or "understanding model" in base.stderr):
        pytest.skip(f"assistant run cannot start here yet: {base.stderr.strip().splitlines()[-1]}")
    assert base.returncode == 0, base.stderr[-2000:]
    per_copy = len(_utterances(base.stdout))
    assert per_copy >= 3

    state = tmp_path / "s2"
    proc = subprocess.Popen([sys.executable, *args, "--state-dir", str(state)], cwd=REPO_ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines = []
    try:
        while True:  # wait for the first utterance: models loaded, recording under way
            line = proc.stdout.readline()
            assert line, "run ended before its first utterance: " + proc.stderr.read()[-2000:]
            lines.append(line)
            if '"utterance"' in line:
                break
        r = quantize_cli("flash", str(b), "--store", str(state / "models"),
                         "--trusted-keys", str(keys["trusted"]))
        assert r.returncode == 0, r.stderr
        assert "to reload" in r.stdout, r.stdout  # the pid file was found and signalled
        rest, err = proc.communicate(timeout=300)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, err[-2000:]
    assert "reloaded config and models" in err, err[-2000:]  # the new model was loaded mid-run
    got = _utterances("".join(lines) + rest)
    assert len(got) == 3 * per_copy, [u.get("text") for u in got]
    assert Store(state / "models", "asr").pointer()["version"] == "42"
