"""The device's model store: two slots per component, an atomic switch, the previous model kept.

Layout (``root`` = ``state_dir()/models`` unless ``--store``)::

    root/<component>/A/          model files + card.json + bundle.json (the verified manifest)
    root/<component>/B/
    root/<component>/active.json {"active": "A", "previous": "B" | null, "version": ..., "name": ...}

The pointer file is the only thing that says which slot serves. It is replaced with a written,
fsynced temporary file and ``os.replace`` (atomic on POSIX), and the directory is fsynced after;
a slot being written is never the one the pointer names, and the pointer forgets the previous slot
before that slot is overwritten. So a flash killed at any instant leaves the old model or the new
one complete and active, never a mix (tests/test_store.py kills it at every step).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from . import cards
from .errors import ModelError
from .paths import state_dir

log = logging.getLogger(__name__)

SLOTS = ("A", "B")
POINTER = "active.json"
MANIFEST = "bundle.json"


def default_root() -> Path:
    return state_dir() / "models"


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _failpoint(step: str) -> None:
    """Crash-test hook: ASSISTANT_STORE_KILL_AT=N kills this process with SIGKILL at the Nth step
    (tests walk N over every step). Unset in normal use: costs one dict lookup."""
    n = os.environ.get("ASSISTANT_STORE_KILL_AT")
    if n is None:
        return
    _failpoint.count = getattr(_failpoint, "count", 0) + 1
    if _failpoint.count >= int(n):
        import signal

        os.kill(os.getpid(), signal.SIGKILL)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically and durably (temp file, fsync, rename, fsync dir)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    _failpoint("pointer-written")
    os.replace(tmp, path)
    _failpoint("pointer-replaced")
    _fsync_dir(path.parent)


@dataclass(frozen=True)
class SlotInfo:
    slot: str
    active: bool
    previous: bool
    name: str
    version: str
    complete: bool


class Store:
    """The slots of one component (``asr``, ``nlu``, ``recommender``, ...)."""

    def __init__(self, root: str | Path | None, component: str):
        if not component.isidentifier():
            raise ModelError(f"bad component name {component!r}")
        self.root = Path(root) if root else default_root()
        self.dir = self.root / component
        self.component = component

    # -- reading ------------------------------------------------------------------------------
    def pointer(self) -> dict:
        try:
            data = json.loads((self.dir / POINTER).read_text())
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            raise ModelError(f"{self.dir / POINTER}: unreadable store pointer ({exc})") from None
        if data.get("active") not in SLOTS:
            raise ModelError(f"{self.dir / POINTER}: names no slot")
        return data

    def active_dir(self, verify: bool = False) -> Path | None:
        """The serving slot's folder, or None when nothing is installed."""
        p = self.pointer()
        if not p:
            return None
        d = self.dir / p["active"]
        if verify:
            cards.verify(d)
        return d

    def slot_complete(self, slot: str) -> bool:
        try:
            cards.verify(self.dir / slot)
            return (self.dir / slot / MANIFEST).is_file()
        except ModelError:
            return False

    def list(self) -> list[SlotInfo]:
        p = self.pointer()
        out = []
        for s in SLOTS:
            d = self.dir / s
            if not d.is_dir():
                continue
            try:
                m = json.loads((d / MANIFEST).read_text())
            except (OSError, ValueError):
                m = {}
            out.append(SlotInfo(s, p.get("active") == s, p.get("previous") == s, m.get("name", "?"),
                                str(m.get("version", "?")), self.slot_complete(s)))
        return out

    # -- writing ------------------------------------------------------------------------------
    def _write_pointer(self, active: str, previous: str | None, manifest: dict) -> None:
        data = {"active": active, "previous": previous, "name": manifest.get("name"),
                "version": manifest.get("version"), "component": self.component}
        write_atomic(self.dir / POINTER, (json.dumps(data, indent=1) + "\n").encode())

    def install(self, files: Iterable[tuple[str, Callable[[Path], None]]], manifest: dict,
                smoke_test: Callable[[Path], None] | None = None) -> str:
        """Write a verified model into the inactive slot and switch to it; returns the slot.

        files: (relative path, writer) pairs, each writer creating that file at the path it gets
        (paths were checked by the bundle reader). The manifest must carry "card" (written as
        card.json, hashes included) — the slot is re-verified against it before the switch.
        smoke_test(slot_dir) runs on the new slot before the switch; raising refuses the flash.
        """
        self.dir.mkdir(parents=True, exist_ok=True)
        p = self.pointer()
        active = p.get("active")
        target = "B" if active == "A" else "A"
        slot = self.dir / target
        if active and p.get("previous") == target:
            # the previous model is about to be overwritten: forget it first, so that a crash
            # mid-write can never leave a rollback pointing at a half-written slot
            self._write_pointer(active, None, {"name": p.get("name"), "version": p.get("version")})
        if slot.exists():
            shutil.rmtree(slot)
        _failpoint("slot-cleared")
        slot.mkdir()
        for rel, writer in files:
            dest = slot / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            writer(dest)
            with open(dest, "rb+") as f:
                os.fsync(f.fileno())
            _failpoint(f"file {rel}")
        (slot / cards.CARD).write_text(json.dumps(manifest["card"], indent=1) + "\n")
        (slot / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n")
        for name in (cards.CARD, MANIFEST):
            with open(slot / name, "rb+") as f:
                os.fsync(f.fileno())
        _fsync_dir(slot)
        _failpoint("slot-written")
        cards.verify(slot)
        if smoke_test:
            smoke_test(slot)
        self._write_pointer(target, active, manifest)
        log.info("%s: slot %s active (%s %s)", self.dir, target, manifest.get("name"), manifest.get("version"))
        return target

    def rollback(self) -> str:
        """Make the previous slot active again (it must be complete); returns it."""
        p = self.pointer()
        prev = p.get("previous")
        if not p or prev not in SLOTS:
            raise ModelError(f"{self.dir}: no previous model to roll back to")
        if not self.slot_complete(prev):
            raise ModelError(f"{self.dir}/{prev}: previous model is incomplete; not rolling back")
        manifest = json.loads((self.dir / prev / MANIFEST).read_text())
        self._write_pointer(prev, p["active"], manifest)
        return prev


def components(root: str | Path | None = None) -> list[str]:
    root = Path(root) if root else default_root()
    if not root.is_dir():
        return []
    return sorted(d.name for d in root.iterdir() if (d / POINTER).is_file())


def active_model(component: str, root: str | Path | None = None) -> Path | None:
    """The active slot of ``component`` when one is installed and readable, else None."""
    try:
        d = Store(root, component).active_dir()
    except ModelError as exc:
        log.warning("%s", exc)
        return None
    return d if d and d.is_dir() else None
