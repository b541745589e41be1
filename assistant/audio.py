"""Audio, declared once.

Inside the process audio is always float32 mono in [-1, 1] at ``SAMPLE_RATE`` (16 kHz): a 1-D
``np.ndarray`` of shape ``(n_samples,)``. Conversion happens only at the edges: files (soundfile),
the microphone (sounddevice) and playback (see ``player.py``).

Sources yield frames of ``FRAME_SAMPLES`` samples (32 ms, what Silero VAD consumes at 16 kHz).
A file and the microphone go through the same ``Source`` interface, so a recording takes exactly
the microphone's path, only faster than real time.
"""

from __future__ import annotations

import logging
import math
import queue
import threading
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Iterator

import numpy as np

from .errors import AudioDeviceError, AudioError

log = logging.getLogger(__name__)

SAMPLE_RATE = 16000
"""Samples per second of all audio inside the process."""
DTYPE = np.float32
CHANNELS = 1
FRAME_SAMPLES = 512
"""Samples per frame handed from a source to the segmenter (32 ms at 16 kHz)."""
FRAME_SECONDS = FRAME_SAMPLES / SAMPLE_RATE
FILE_BLOCK_SECONDS = 30.0
"""A file is decoded and resampled in blocks of this length, so memory stays bounded."""
MIC_QUEUE_SECONDS = 10.0
"""The microphone buffer holds at most this much audio; older frames are dropped if the
consumer falls behind (and that is logged)."""


def seconds(n_samples: int) -> float:
    return n_samples / SAMPLE_RATE


def samples(secs: float) -> int:
    return int(round(secs * SAMPLE_RATE))


# --------------------------------------------------------------------------- conversion


def to_float32(data: np.ndarray) -> np.ndarray:
    """Integer PCM or float of any shape → float32 in [-1, 1] (shape kept)."""
    data = np.asarray(data)
    if data.dtype.kind == "f":
        return data.astype(DTYPE, copy=False)
    if data.dtype.kind == "i":
        scale = float(2 ** (8 * data.dtype.itemsize - 1))
        return (data.astype(np.float32) / scale).astype(DTYPE, copy=False)
    if data.dtype.kind == "u":  # 8-bit WAV is unsigned, centred on 128
        half = float(2 ** (8 * data.dtype.itemsize - 1))
        return ((data.astype(np.float32) - half) / half).astype(DTYPE, copy=False)
    raise AudioError(f"unsupported sample type {data.dtype}")


def to_mono(data: np.ndarray) -> np.ndarray:
    """(n,) or (n, channels) → (n,) by averaging channels."""
    if data.ndim == 1:
        return data
    if data.ndim == 2:
        return data.mean(axis=1, dtype=np.float32) if data.shape[1] > 1 else data[:, 0]
    raise AudioError(f"audio must be 1-D or 2-D (samples, channels), got shape {data.shape}")


def sanitize(audio: np.ndarray, where: str = "audio") -> np.ndarray:
    """Replace NaN/inf with 0 (with a warning) and bring the block within [-1, 1].

    Float audio far beyond full scale (a float file written in int16 units, or garbage) is scaled
    down by its peak rather than clipped: clipping turns speech into a square wave, which Whisper
    hears as words nobody said. Mild overshoot (up to 2x) is clipped.
    """
    bad = ~np.isfinite(audio)
    if bad.any():
        log.warning("%s: %d NaN/inf samples replaced with silence", where, int(bad.sum()))
        audio = np.where(bad, 0.0, audio).astype(DTYPE)
    peak = float(np.abs(audio).max()) if audio.size else 0.0
    if peak > 2.0:
        log.warning("%s: samples up to %.3g times full scale, scaled down", where, peak)
        return (audio / peak).astype(DTYPE)
    return np.clip(audio, -1.0, 1.0, out=audio if audio.flags.writeable else None)


def resample(audio: np.ndarray, src_rate: int, dst_rate: int = SAMPLE_RATE) -> np.ndarray:
    """Polyphase resampling (anti-aliased FIR, scipy's ``resample_poly``), float32 in and out."""
    if src_rate == dst_rate or audio.size == 0:
        return audio.astype(DTYPE, copy=False)
    from scipy.signal import resample_poly

    ratio = Fraction(dst_rate, src_rate)
    out = resample_poly(audio, ratio.numerator, ratio.denominator, axis=0)
    return out.astype(DTYPE, copy=False)


def change_speed(audio: np.ndarray, factor: float) -> np.ndarray:
    """The same sound played ``factor`` times as fast, pitch moving with it (a tape sped up or
    slowed down): float32 (n,) in, float32 (about n / factor,) out, both at SAMPLE_RATE.

    factor 0.9 gives 10 % more samples and a pitch 10 % lower. The ratio is taken to the nearest
    fraction with a denominator up to 20, so the polyphase filter stays short."""
    if factor <= 0:
        raise ValueError(f"speed factor must be positive, got {factor}")
    ratio = Fraction(factor).limit_denominator(20)
    if ratio == 1 or audio.size == 0:
        return audio.astype(DTYPE, copy=False)
    from scipy.signal import resample_poly

    return resample_poly(audio, ratio.denominator, ratio.numerator, axis=0).astype(DTYPE, copy=False)


LEAD_IN_S = 0.3
"""Quiet Whisper hears before the first word. A command whose speech starts in the first few
milliseconds of the buffer often loses or garbles that word ("open my calendar" -> "in my
calendar"). The VAD's pre-roll gives it to what the loop hears; transcribers top up whatever
arrives without it (files, synthesised clips). Measured: bench/results/lead_in.md."""

QUIET_DBFS = -60.0
"""A 10 ms frame quieter than this (RMS, dB re full scale) counts as quiet before the speech."""


def with_lead_in(audio: np.ndarray, seconds: float = LEAD_IN_S,
                 quiet_dbfs: float = QUIET_DBFS) -> np.ndarray:
    """``audio`` (float32, shape (n,)) with zeros put before it, so that at least ``seconds`` of
    quiet (10 ms frames below ``quiet_dbfs``) come before its first sound: shape (n + pad,),
    pad between 0 and samples(seconds). Audio that already opens that quietly comes back as is."""
    need = samples(seconds)
    head = np.asarray(audio[:need], dtype=np.float64)
    frame = samples(0.01)
    n = head.size // frame
    quiet = 0
    if n:
        rms = np.sqrt(np.mean(head[:n * frame].reshape(n, frame) ** 2, axis=1))
        loud = np.nonzero(rms >= 10 ** (quiet_dbfs / 20))[0]
        quiet = int(loud[0]) * frame if loud.size else n * frame
    pad = need - quiet
    if pad <= 0:
        return audio
    return np.concatenate([np.zeros(pad, DTYPE), np.asarray(audio, dtype=DTYPE)])


class StreamResampler:
    """Resamples a long stream block by block, with output identical to one-shot resampling.

    Input is processed in multiples of ``down`` samples (src/gcd), so every chunk starts on an
    exact output sample; each chunk is filtered with ``CONTEXT_S`` of its neighbours on both
    sides, and only the output belonging to the chunk proper is kept. Delay: ``CONTEXT_S``.
    """

    CONTEXT_S = 0.05

    def __init__(self, src_rate: int, dst_rate: int = SAMPLE_RATE):
        g = math.gcd(src_rate, dst_rate)
        self.src, self.dst = src_rate, dst_rate
        self.up, self.down = dst_rate // g, src_rate // g
        self.ctx = math.ceil(self.CONTEXT_S * src_rate / self.down) * self.down
        self._prev = np.zeros(0, DTYPE)  # already-emitted input kept as left context
        self._buf = np.zeros(0, DTYPE)  # input not yet emitted

    def _run(self, n: int, right: np.ndarray) -> np.ndarray:
        seg = np.concatenate([self._prev, self._buf[:n], right])
        out = resample(seg, self.src, self.dst)
        start = self._prev.size * self.up // self.down
        keep = math.ceil(n * self.up / self.down)
        self._prev = np.concatenate([self._prev, self._buf[:n]])[-self.ctx:]
        self._buf = self._buf[n:]
        return out[start:start + keep]

    def feed(self, block: np.ndarray) -> np.ndarray:
        """Feed any number of samples; returns the output that is ready (possibly empty)."""
        if self.src == self.dst:
            return block
        self._buf = np.concatenate([self._buf, block]) if self._buf.size else np.asarray(block, DTYPE)
        n = (self._buf.size - self.ctx) // self.down * self.down
        if n <= 0:
            return np.zeros(0, DTYPE)
        return self._run(n, self._buf[n:n + self.ctx])

    def flush(self) -> np.ndarray:
        """End of stream: the output for what is left."""
        if self.src == self.dst or self._buf.size == 0:
            return np.zeros(0, DTYPE)
        return self._run(self._buf.size, np.zeros(0, DTYPE))


# --------------------------------------------------------------------------- files


@dataclass(frozen=True)
class AudioInfo:
    path: str
    samplerate: int
    channels: int
    frames: int

    @property
    def duration_s(self) -> float:
        return self.frames / self.samplerate if self.samplerate else 0.0


def _open(path: str | Path):
    import soundfile as sf

    p = Path(path)
    if not p.exists():
        raise AudioError(f"{path}: no such file")
    if p.is_dir():
        raise AudioError(f"{path}: is a directory, not an audio file")
    try:
        return sf.SoundFile(str(p))
    except (sf.LibsndfileError, RuntimeError, TypeError) as exc:
        raise AudioError(f"{path}: not a readable audio file ({_short(exc)})") from None


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[-1][:160] if text else type(exc).__name__


def info(path: str | Path) -> AudioInfo:
    with _open(path) as f:
        return AudioInfo(str(path), f.samplerate, f.channels, f.frames)


def iter_file_blocks(path: str | Path, block_s: float = FILE_BLOCK_SECONDS) -> Iterator[np.ndarray]:
    """Decode a file block by block → float32 mono 16 kHz blocks (bounded memory)."""
    with _open(path) as f:
        if f.samplerate <= 0:
            raise AudioError(f"{path}: invalid sample rate {f.samplerate}")
        rs = StreamResampler(f.samplerate)
        block = max(1, int(block_s * f.samplerate))
        try:
            for raw in f.blocks(blocksize=block, dtype="float32", always_2d=True):
                mono = sanitize(to_mono(raw).astype(DTYPE, copy=True), str(path))
                out = rs.feed(mono)
                if out.size:
                    yield out
        except RuntimeError as exc:  # libsndfile decode errors mid-file
            raise AudioError(f"{path}: could not decode ({_short(exc)})") from None
        tail = rs.flush()
        if tail.size:
            yield tail


def load_audio(path: str | Path) -> np.ndarray:
    """Read a whole file → float32 mono 16 kHz, shape (n,). Raises AudioError if empty."""
    blocks = list(iter_file_blocks(path))
    audio = np.concatenate(blocks) if blocks else np.zeros(0, DTYPE)
    if audio.size == 0:
        raise AudioError(f"{path}: contains no audio (0 samples)")
    return audio


def write_wav(path: str | Path, audio: np.ndarray, rate: int = SAMPLE_RATE) -> None:
    """float32 mono in [-1, 1] → 16-bit PCM WAV."""
    import soundfile as sf

    sf.write(str(path), np.clip(np.asarray(audio, DTYPE), -1, 1), rate, subtype="PCM_16")


def from_array(data: np.ndarray, rate: int) -> np.ndarray:
    """Any array from the outside (int16, stereo, any rate) → the internal format."""
    audio = to_mono(to_float32(data)).astype(DTYPE, copy=True)
    return sanitize(resample(audio, rate), "array")


# --------------------------------------------------------------------------- sources


def frames_of(blocks: Iterator[np.ndarray]) -> Iterator[np.ndarray]:
    """Re-chunk blocks of any length into frames of exactly FRAME_SAMPLES (last one zero-padded)."""
    buf = np.zeros(0, DTYPE)
    for b in blocks:
        buf = np.concatenate([buf, b]) if buf.size else b
        n = (buf.size // FRAME_SAMPLES) * FRAME_SAMPLES
        for i in range(0, n, FRAME_SAMPLES):
            yield buf[i:i + FRAME_SAMPLES]
        buf = buf[n:]
    if buf.size:
        yield np.concatenate([buf, np.zeros(FRAME_SAMPLES - buf.size, DTYPE)])


class Source:
    """A stream of float32 mono 16 kHz frames of FRAME_SAMPLES samples."""

    name = "source"

    def frames(self) -> Iterator[np.ndarray]:
        raise NotImplementedError

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class FileSource(Source):
    """Frames from an audio file, decoded block by block (as fast as the consumer takes them)."""

    def __init__(self, path: str | Path):
        self.path = str(path)
        self.info = info(path)  # fails early on a missing or non-audio file
        self.name = self.path

    def frames(self) -> Iterator[np.ndarray]:
        return frames_of(iter_file_blocks(self.path))


class ArraySource(Source):
    """Frames from an in-memory float32 16 kHz array (tests, synthesized audio)."""

    def __init__(self, audio: np.ndarray, name: str = "array"):
        self.audio = np.asarray(audio, DTYPE)
        self.name = name

    def frames(self) -> Iterator[np.ndarray]:
        return frames_of(iter([self.audio]))


def input_devices() -> list[dict]:
    """Input-capable devices as sounddevice reports them (empty with no sound card)."""
    try:
        import sounddevice as sd

        devices = sd.query_devices()
    except Exception as exc:  # PortAudio missing or broken: report as no devices
        log.debug("query_devices failed: %s", exc)
        return []
    return [dict(d, index=i) for i, d in enumerate(devices) if d.get("max_input_channels", 0) > 0]


def output_devices() -> list[dict]:
    try:
        import sounddevice as sd

        devices = sd.query_devices()
    except Exception as exc:
        log.debug("query_devices failed: %s", exc)
        return []
    return [dict(d, index=i) for i, d in enumerate(devices) if d.get("max_output_channels", 0) > 0]


def find_device(device: str | int | None, kind: str = "input") -> dict:
    """Resolve a device by index or (case-insensitive substring of its) name; None = default.

    kind: "input" (microphones) or "output" (speakers)."""
    devs = input_devices() if kind == "input" else output_devices()
    what = "microphone" if kind == "input" else "audio output device"
    if not devs:
        raise AudioDeviceError(f"no {what} found (see `assistant devices`)")
    if device is None or device == "":
        try:
            import sounddevice as sd

            idx = sd.default.device[0 if kind == "input" else 1]
            for d in devs:
                if d["index"] == idx:
                    return d
        except Exception:
            pass
        return devs[0]
    if isinstance(device, int) or str(device).isdigit():
        for d in devs:
            if d["index"] == int(device):
                return d
        raise AudioDeviceError(f"no {kind} device with index {device} (see `assistant devices`)")
    matches = [d for d in devs if str(device).lower() in d["name"].lower()]
    if not matches:
        raise AudioDeviceError(f"no {kind} device named {device!r} (see `assistant devices`)")
    return matches[0]


def find_input_device(device: str | int | None) -> dict:
    return find_device(device, "input")


class Microphone(Source):
    """Frames from a sounddevice InputStream, through a bounded queue.

    Captures at the device's native rate when 16 kHz is not supported and resamples here.
    """

    def __init__(self, device: str | int | None = None, queue_seconds: float = MIC_QUEUE_SECONDS):
        self.device = find_input_device(device)
        self.name = f"mic:{self.device['name']}"
        self._q: queue.Queue[np.ndarray | None] = queue.Queue(
            maxsize=max(1, int(queue_seconds / FRAME_SECONDS)))
        self._stream = None
        self._dropped = 0
        self._stop = threading.Event()

    def _callback(self, indata, frames, time_info, status):  # called on PortAudio's thread
        if status:
            log.debug("microphone status: %s", status)
        try:
            self._q.put_nowait(indata.copy())
        except queue.Full:
            self._dropped += 1
            if self._dropped == 1 or self._dropped % 100 == 0:
                log.warning("microphone buffer full: %d blocks dropped", self._dropped)

    def _open(self) -> int:
        import sounddevice as sd

        rate = SAMPLE_RATE
        try:
            sd.check_input_settings(device=self.device["index"], channels=1, samplerate=rate,
                                    dtype="float32")
        except Exception:
            rate = int(self.device.get("default_samplerate") or 48000)
        blocksize = int(math.ceil(FRAME_SAMPLES * rate / SAMPLE_RATE))
        try:
            self._stream = sd.InputStream(device=self.device["index"], channels=1, samplerate=rate,
                                          dtype="float32", blocksize=blocksize,
                                          callback=self._callback)
            self._stream.start()
        except Exception as exc:
            raise AudioDeviceError(f"could not open microphone {self.device['name']!r}: "
                                   f"{_short(exc)} (see `assistant devices`)") from None
        return rate

    def frames(self) -> Iterator[np.ndarray]:
        rate = self._open()
        rs = StreamResampler(rate) if rate != SAMPLE_RATE else None

        def blocks():
            while not self._stop.is_set():
                try:
                    raw = self._q.get(timeout=0.5)
                except queue.Empty:
                    continue
                if raw is None:
                    return
                mono = sanitize(to_mono(raw).astype(DTYPE, copy=True), "microphone")
                yield rs.feed(mono) if rs else mono

        return frames_of(blocks())

    def close(self) -> None:
        self._stop.set()
        if self._stream is not None:
            try:
                self._stream.stop()
                self._stream.close()
            except Exception:
                pass
            self._stream = None
        try:
            self._q.put_nowait(None)
        except queue.Full:
            pass
