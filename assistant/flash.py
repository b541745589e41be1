"""Flash a bundle onto this device: verify, smoke-test, install into the inactive slot, switch,
and tell a running ``assistant`` to reload (SIGHUP to the pid in ``state_dir()/assistant.pid``).

Used by ``python -m quantize flash`` and ``assistant models flash``; both refuse with one line
(BundleError / ModelError) and leave the serving model untouched.
"""

from __future__ import annotations

import logging
import os
import signal
from pathlib import Path

import numpy as np

from .bundle import VerifiedBundle, trusted_keys, verify_bundle
from .errors import BundleError, ModelError
from .paths import state_dir
from .store import Store, default_root

log = logging.getLogger(__name__)

PID_FILE = "assistant.pid"


def smoke_test(component: str, slot: Path) -> None:
    """Load the model with the runtime and run it once; raises BundleError when it cannot."""
    try:
        if component == "asr":
            from .asr.onnx_whisper import OnnxWhisperTranscriber

            tr = OnnxWhisperTranscriber(slot, threads=1)
            rng = np.random.default_rng(0)
            tr.transcribe((rng.standard_normal(16000) * 0.01).astype(np.float32))
            return
        for p in sorted(slot.rglob("*")):
            if p.suffix == ".onnx":
                import onnxruntime as ort

                ort.InferenceSession(str(p), providers=["CPUExecutionProvider"])
            elif p.suffix in (".npz", ".npy"):
                with np.load(p, allow_pickle=False) as _:
                    pass
    except BundleError:
        raise
    except Exception as exc:  # whatever the runtime raises, the flash is refused in one line
        raise BundleError(f"smoke test failed: the runtime cannot run this model ({type(exc).__name__}: "
                          f"{str(exc).splitlines()[0] if str(exc) else ''}); refused") from None


def pid_file(store_root: Path | None = None) -> Path:
    """The running assistant's pid file: beside the store (its state dir), else state_dir()."""
    if store_root is not None and (Path(store_root).parent / PID_FILE).is_file():
        return Path(store_root).parent / PID_FILE
    return state_dir() / PID_FILE


def notify_reload(store_root: Path | None = None) -> int | None:
    """SIGHUP the running assistant, if any; returns its pid. A stale pid file is ignored, and so is
    a pid that is not an assistant (pids get reused; SIGHUP would kill an unrelated process)."""
    path = pid_file(store_root)
    try:
        pid = int(path.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
        if b"assistant" not in cmdline:
            log.warning("%s names pid %d, which is not an assistant; not signalling it", path, pid)
            return None
    except OSError:
        pass  # no /proc (not Linux) or the process is gone: os.kill below tells which
    try:
        os.kill(pid, signal.SIGHUP)
    except ProcessLookupError:
        return None
    except PermissionError:
        log.warning("not allowed to signal pid %d; restart the assistant to load the new model", pid)
        return None
    return pid


def flash(bundle_path: str | Path, store_root: str | Path | None = None,
          keys_dir: str | Path | None = None, target: str | None = None,
          smoke: bool = True, notify: bool = True) -> dict:
    """Verify and install a bundle; returns {"component", "slot", "name", "version", "reloaded"}."""
    store_root = Path(store_root) if store_root else default_root()
    keys = trusted_keys(Path(keys_dir) if keys_dir else None)
    if not keys:
        raise BundleError(f"no trusted keys in {keys_dir or 'the trusted-keys folder'}; "
                          "nothing can be verified, refused")
    vb: VerifiedBundle = verify_bundle(bundle_path, keys=keys, target=target)
    m = vb.manifest
    store = Store(store_root, m["component"])
    try:
        slot = store.install(vb.writers(), m, (lambda d: smoke_test(m["component"], d)) if smoke else None)
    except ModelError as exc:
        raise BundleError(f"{Path(bundle_path).name}: install failed ({exc}); the serving model is unchanged") from None
    pid = notify_reload(store_root) if notify else None
    return {"component": m["component"], "slot": slot, "name": m.get("name"),
            "version": m.get("version"), "reloaded": pid}
