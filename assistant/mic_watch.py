"""A microphone that may disappear and come back: ``ReconnectingSource``.

A USB microphone pulled out of a speaker must not stop the service. ``ReconnectingSource`` wraps
any source factory (normally :class:`MicrophoneFactory`) and:

- notices the loss: opening fails (``AudioDeviceError``), the stream raises, ends, or delivers no
  frame for ``stall_s`` (PortAudio just stops calling back when a device vanishes);
- logs it once (a warning), then retries with exponential backoff capped at ``max_backoff_s``
  (1 s), so it resumes within about 1 s plus the open time of the device's return (< 2 s);
- meanwhile yields silence in real time, so the voice loop keeps ticking (the systemd watchdog
  stays fed) and an utterance cut off by the loss is ended by the VAD instead of hanging;
- reports ``state`` ("ok" / "lost") and ``losses`` for ``assistant status``.

Frames are float32 mono 16 kHz, ``audio.FRAME_SAMPLES`` long, like every other source.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from pathlib import Path
from typing import Callable, Iterator

import numpy as np

from . import audio as A
from .errors import AudioDeviceError

log = logging.getLogger(__name__)

_END = object()


class MicrophoneFactory:
    """Opens ``audio.Microphone(device)``; refreshes PortAudio's device list on a hardware change.

    PortAudio enumerates devices once, at initialisation, so a microphone plugged in later is
    invisible until it is re-initialised. Re-initialising also stops every other PortAudio stream
    (music), so it is done only when the set of sound cards (``/proc/asound/cards``) has changed.
    """

    CARDS = Path("/proc/asound/cards")

    def __init__(self, device: str | int | None = None):
        self.device = device
        self._cards = self._read_cards()

    def _read_cards(self) -> str:
        try:
            return self.CARDS.read_text()
        except OSError:
            return ""

    def __call__(self) -> A.Source:
        cards = self._read_cards()
        if cards != self._cards:
            self._cards = cards
            try:
                import sounddevice as sd

                sd._terminate()  # the documented way to make PortAudio rescan devices
                sd._initialize()
                log.info("sound cards changed: device list refreshed")
            except Exception as exc:  # noqa: BLE001 - a failed rescan is just another failed try
                log.debug("PortAudio rescan failed: %s", exc)
        return A.Microphone(self.device)


class ReconnectingSource(A.Source):
    """Frames from ``open_source()``, surviving the device's loss and return (see module doc)."""

    def __init__(self, open_source: Callable[[], A.Source], *, name: str = "microphone",
                 stall_s: float = 1.0, first_backoff_s: float = 0.1, max_backoff_s: float = 1.0,
                 queue_seconds: float = A.MIC_QUEUE_SECONDS):
        self.open_source = open_source
        self.name = name
        self.stall_s = stall_s
        self.first_backoff_s = first_backoff_s
        self.max_backoff_s = max_backoff_s
        self.state = "opening"
        self.losses = 0
        self.lost_since: float | None = None
        self.last_error = ""
        self._qmax = max(1, int(queue_seconds / A.FRAME_SECONDS))
        self._stop = threading.Event()
        self._inner: A.Source | None = None
        self._lock = threading.Lock()

    def status(self) -> dict:
        d = {"state": self.state, "name": self.name, "losses": self.losses}
        if self.state == "lost" and self.lost_since is not None:
            d["lost_for_s"] = round(time.monotonic() - self.lost_since, 1)
            d["error"] = self.last_error
        return d

    # ---- internals ---------------------------------------------------------------------------

    def _open(self) -> tuple[A.Source, Iterator[np.ndarray]]:
        src = self.open_source()
        try:
            it = src.frames()  # Microphone opens its stream here (raises AudioDeviceError)
        except BaseException:
            src.close()
            raise
        return src, it

    def _pump(self, it: Iterator[np.ndarray], q: queue.Queue, stamp: list) -> None:
        try:
            for frame in it:
                stamp[0] = time.monotonic()
                try:
                    q.put(frame, timeout=1.0)
                except queue.Full:  # the consumer is far behind: drop, as the microphone does
                    continue
                if self._stop.is_set():
                    break
            q.put(_END)
        except BaseException as exc:  # noqa: BLE001 - any device failure means "lost"
            q.put(exc)

    def _close_inner(self) -> None:
        with self._lock:
            inner, self._inner = self._inner, None
        if inner is not None:
            try:
                inner.close()
            except Exception:  # noqa: BLE001
                pass

    def _lose(self, why: str) -> None:
        self._close_inner()
        self.last_error = why
        if self.state != "lost":
            self.losses += 1
            self.lost_since = time.monotonic()
            self.state = "lost"
            log.warning("%s unavailable (%s); retrying with backoff, silence until it is back",
                        self.name, why)

    def _silence_until(self, deadline: float) -> Iterator[np.ndarray]:
        """Real-time silence frames until ``deadline`` (monotonic) or stop."""
        zero = np.zeros(A.FRAME_SAMPLES, A.DTYPE)
        nxt = time.monotonic()
        while not self._stop.is_set():
            now = time.monotonic()
            if now >= deadline:
                return
            if now >= nxt:
                yield zero
                nxt += A.FRAME_SECONDS
                if nxt < now - 1.0:  # fell far behind (consumer busy): do not burst
                    nxt = now
            else:
                time.sleep(min(nxt, deadline) - now)

    # ---- the stream --------------------------------------------------------------------------

    def frames(self) -> Iterator[np.ndarray]:
        backoff = self.first_backoff_s
        while not self._stop.is_set():
            try:
                src, it = self._open()
            except Exception as exc:  # noqa: BLE001 - AudioDeviceError or PortAudio's own
                self._lose(_describe(exc))
                yield from self._silence_until(time.monotonic() + backoff)
                backoff = min(self.max_backoff_s, backoff * 2)
                continue
            with self._lock:
                self._inner = src
            q: queue.Queue = queue.Queue(maxsize=self._qmax)
            stamp = [time.monotonic()]
            t = threading.Thread(target=self._pump, args=(it, q, stamp), name="mic-pump",
                                 daemon=True)
            t.start()
            got_first = False
            while not self._stop.is_set():
                try:
                    item = q.get(timeout=0.05)
                except queue.Empty:
                    if time.monotonic() - stamp[0] > self.stall_s:
                        self._lose(f"no audio for {self.stall_s:g} s")
                        break
                    continue
                if item is _END:
                    if not self._stop.is_set():
                        self._lose("stream ended")
                    break
                if isinstance(item, BaseException):
                    self._lose(_describe(item))
                    break
                if not got_first:
                    got_first = True
                    if self.state == "lost":
                        log.info("%s is back after %.1f s", self.name,
                                 time.monotonic() - (self.lost_since or time.monotonic()))
                    self.state = "ok"
                    self.lost_since = None
                    self.last_error = ""
                    backoff = self.first_backoff_s
                yield item
            if self._stop.is_set():
                break
            yield from self._silence_until(time.monotonic() + backoff)
            backoff = min(self.max_backoff_s, backoff * 2)
        self._close_inner()

    def close(self) -> None:
        self._stop.set()
        self._close_inner()


def _describe(exc: BaseException) -> str:
    if isinstance(exc, AudioDeviceError):
        return str(exc)
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[-1][:160]}" if text else type(exc).__name__
