"""The player on a sound card: a sounddevice OutputStream pulling :meth:`Player.render`.

The stream runs at the output device's default rate (tracks and speech are resampled to it) and
writes the mono mix to every output channel. History events queued by the callback are written by
a small worker thread, never inside the callback.
"""

from __future__ import annotations

import logging
import threading

from . import audio
from .errors import AudioDeviceError
from .player import Player

log = logging.getLogger(__name__)

FLUSH_S = 0.5


def find_output_device(device: str | int | None) -> dict:
    return audio.find_device(device, "output")


class SoundDevicePlayer(Player):
    def __init__(self, db=None, device: str | int | None = None, **kw):
        self.device = find_output_device(device)
        rate = int(self.device.get("default_samplerate") or 48000)
        super().__init__(rate, db=db, **kw)
        self.channels = max(1, min(2, int(self.device.get("max_output_channels", 1))))
        import sounddevice as sd

        try:
            self._stream = sd.OutputStream(device=self.device["index"], samplerate=rate,
                                           channels=self.channels, dtype="float32",
                                           callback=self._callback)
            self._stream.start()
        except Exception as exc:
            raise AudioDeviceError(f"could not open output {self.device['name']!r}: "
                                   f"{audio._short(exc)}") from None
        self._stop = threading.Event()
        self._worker = threading.Thread(target=self._flush_loop, name="player-history", daemon=True)
        self._worker.start()

    def _callback(self, outdata, frames, time_info, status):  # PortAudio's thread
        if status:
            log.debug("output status: %s", status)
        block, _ = self.render(frames)
        outdata[:] = block[:, None]

    def _flush_loop(self) -> None:
        while not self._stop.wait(FLUSH_S):
            self.flush_events()

    def close(self) -> None:
        super().close()
        self._stop.set()
        try:
            self._stream.stop()
            self._stream.close()
        except Exception:
            pass
