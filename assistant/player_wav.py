"""The player with no sound card: what would be heard goes to WAV files in the state directory.

Same :class:`~assistant.player.Player` code path as the sound card; only the sink differs. Time is
moved by :meth:`WavPlayer.advance` (tests call it directly: no real time passes) or, with
``realtime=True``, by a clock thread that advances in small steps as the wall clock does (the demo
and the voice loop on a machine without a sound card).

Each stretch of continuous sound (from the first audible sample until everything is silent or
paused again) becomes one 16-bit WAV file ``output/play-<time>-<n>.wav`` under the state
directory; silence is not written, and only the newest :data:`KEEP_FILES` files are kept.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

import numpy as np

from .player import Player

log = logging.getLogger(__name__)

WAV_RATE = 22050
"""Output rate of the WAV files (Hz)."""
KEEP_FILES = 50
STEP_S = 0.1
"""The real-time clock's step."""


def default_output_dir() -> Path:
    from . import paths

    return paths.state_dir() / "output"


class WavPlayer(Player):
    """``out_dir``: where the WAV files go (default ``state_dir()/output``)."""

    def __init__(self, db=None, out_dir: str | Path | None = None, rate: int = WAV_RATE,
                 realtime: bool = False, **kw):
        super().__init__(rate, db=db, **kw)
        self.out_dir = Path(out_dir) if out_dir else default_output_dir()
        self.files: list[Path] = []
        """The WAV files written, oldest first."""
        self._sink = None
        self._seq = 0
        self._stop_clock = threading.Event()
        self._clock: threading.Thread | None = None
        if realtime:
            self._clock = threading.Thread(target=self._run_clock, name="wav-player", daemon=True)
            self._clock.start()

    def advance(self, seconds: float) -> float:
        """Render ``seconds`` of output; returns the seconds written to WAV (the audible part)."""
        n_total = int(round(seconds * self.rate))
        step = max(1, int(STEP_S * self.rate))
        written = 0
        done = 0
        while done < n_total:
            n = min(step, n_total - done)
            block, audible = self.render(n)
            if audible:
                self._write(block)
                written += n
            else:
                self._close_file()
            done += n
        self.flush_events()
        return written / self.rate

    def _write(self, block: np.ndarray) -> None:
        try:
            self._write_block(block)
        except Exception as exc:  # noqa: BLE001 - a full disk or read-only state dir: drop the
            # sound, never the speaker; said once until writing works again
            if not getattr(self, "_write_failed", False):
                log.warning("WAV output failed, sound is dropped until it works again: %s", exc)
            self._write_failed = True
            sink, self._sink = self._sink, None
            if sink is not None:
                try:
                    sink.close()
                except Exception:  # noqa: BLE001
                    pass
            return
        self._write_failed = False

    def _write_block(self, block: np.ndarray) -> None:
        import soundfile as sf

        if self._sink is None:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            self._seq += 1
            path = self.out_dir / f"play-{time.strftime('%Y%m%d-%H%M%S')}-{self._seq:03d}.wav"
            self._sink = sf.SoundFile(str(path), "w", samplerate=self.rate, channels=1,
                                      subtype="PCM_16")
            self.files.append(path)
            self._prune()
        self._sink.write(block)

    def _close_file(self) -> None:
        if self._sink is not None:
            sink, self._sink = self._sink, None
            try:
                sink.close()  # flushes the header: may fail on a full disk too
            except Exception as exc:  # noqa: BLE001
                log.warning("WAV output failed on close: %s", exc)

    def _prune(self) -> None:
        old = sorted(self.out_dir.glob("play-*.wav"), key=lambda p: p.stat().st_mtime)
        for p in old[:-KEEP_FILES]:
            try:
                p.unlink()
            except OSError:
                pass

    def _run_clock(self) -> None:
        last = time.monotonic()
        while not self._stop_clock.wait(STEP_S):
            now = time.monotonic()
            try:
                self.advance(now - last)
            except Exception as exc:  # keep the clock alive; report once per failure
                log.warning("WAV output failed: %s", exc)
            last = now

    def close(self) -> None:
        self._stop_clock.set()
        if self._clock is not None:
            self._clock.join(timeout=2)
        super().close()
        self._close_file()
