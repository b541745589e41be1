"""Where things live: config, state and cache directories.

Under systemd the unit's ``StateDirectory=``/``CacheDirectory=``/``ConfigurationDirectory=`` set
``STATE_DIRECTORY``/``CACHE_DIRECTORY``/``CONFIGURATION_DIRECTORY``; by hand, XDG directories are used.
``ASSISTANT_DATA`` points at the shared datasets (tests, benchmarks, toolchain only).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP = "assistant"
REPO_ROOT = Path(__file__).resolve().parent.parent
def _models_dir() -> Path:
    """``$ASSISTANT_MODELS``; else the checkout's ``models/``; else the copy a wheel install puts
    in ``<prefix>/share/assistant/models`` (``pip install .[device]`` on a device)."""
    env = os.environ.get("ASSISTANT_MODELS")
    if env:
        return Path(env)
    here = REPO_ROOT / "models"
    if here.is_dir():
        return here
    return Path(sys.prefix) / "share" / APP / "models"


MODELS_DIR = _models_dir()
"""Models shipped with the code (the embedded defaults)."""


def _first(env: str) -> Path | None:
    value = os.environ.get(env)
    # systemd may pass several colon-separated directories; the first is ours
    return Path(value.split(":")[0]) if value else None


def state_dir() -> Path:
    return (_first("STATE_DIRECTORY")
            or Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local/state") / APP)


def cache_dir() -> Path:
    return (_first("ASSISTANT_CACHE") or _first("CACHE_DIRECTORY")
            or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / APP)


def config_file() -> Path:
    d = _first("CONFIGURATION_DIRECTORY")
    if d:
        return d / "config.toml"
    etc = Path("/etc/assistant/config.toml")
    user = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / APP / "config.toml"
    return user if user.exists() or not etc.exists() else etc


def data_dir() -> Path:
    """The shared datasets (``ASSISTANT_DATA``, default ``../shared/data`` beside the repo)."""
    return Path(os.environ.get("ASSISTANT_DATA") or REPO_ROOT.parent / "shared" / "data")


def demo_dir() -> Path:
    """What setup generates: demo recordings and the demo media library (in the checkout's
    ``demo/``; in the state directory for a wheel install, which has no checkout)."""
    env = os.environ.get("ASSISTANT_DEMO")
    if env:
        return Path(env)
    return REPO_ROOT / "demo" if (REPO_ROOT / "pyproject.toml").is_file() else state_dir() / "demo"
