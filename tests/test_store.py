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
