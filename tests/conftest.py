"""Shared test fixtures: the data directory, the CLI through a real subprocess."""

from __future__ import annotations

import os

# torch's OpenMP threads spin while they wait; on a loaded 2-core machine that makes Whisper
# several times slower. Must be set before anything imports torch.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import subprocess  # noqa: E402
import sys
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from assistant.paths import REPO_ROOT, data_dir  # noqa: E402


def dataset(name: str) -> Path:
    """A folder of the shared data dir, or skip the test with the reason."""
    path = data_dir() / name
    if not path.is_dir():
        pytest.skip(f"dataset {name} not found under {data_dir()} (set ASSISTANT_DATA)")
    return path


@pytest.fixture
def state_dir(tmp_path) -> Path:
    d = tmp_path / "state"
    d.mkdir()
    return d


def run_cli(*args: str, input: str | None = None, env: dict | None = None,
            timeout: float = 600) -> subprocess.CompletedProcess:
    """``python -m assistant ARGS`` in a subprocess, as a user would run it."""
    full_env = dict(os.environ, PYTHONUNBUFFERED="1")
    if env:
        full_env.update(env)
    return subprocess.run([sys.executable, "-m", "assistant", *args], cwd=REPO_ROOT, input=input,
                          capture_output=True, text=True, env=full_env, timeout=timeout)
