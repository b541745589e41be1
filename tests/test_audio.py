"""The audio format, file reading and resampling."""

import numpy as np
import pytest
import soundfile as sf

from assistant import audio as A
from assistant.errors import AudioError


def tone(freq: float, secs: float, rate: int, amp: float = 0.5) -> np.ndarray:
    t = np.arange(int(secs * rate)) / rate
    return (amp * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def dominant_freq(x: np.ndarray, rate: int = A.SAMPLE_RATE) -> float:
    spec = np.abs(np.fft.rfft(x * np.hanning(x.size)))
    return float(np.fft.rfftfreq(x.size, 1 / rate)[spec.argmax()])


@pytest.mark.parametrize("rate", [8000, 22050, 44100, 48000, 96000])
def test_resample_keeps_frequency_length_and_level(rate):
    x = tone(440, 2.0, rate)
    y = A.resample(x, rate)
    assert y.dtype == np.float32
    assert abs(y.size - 2.0 * A.SAMPLE_RATE) <= 2
    assert abs(dominant_freq(y) - 440) < 2
    assert abs(np.sqrt((y[1000:-1000] ** 2).mean()) - 0.5 / np.sqrt(2)) < 0.01


@pytest.mark.parametrize("factor", [0.9, 1.1])
def test_change_speed_moves_length_and_pitch_together(factor):
    # the second hearing of a command: 0.9 is 10 % slower and 10 % lower, like a slowed tape
    y = A.change_speed(tone(440, 2.0, A.SAMPLE_RATE), factor)
    assert y.dtype == np.float32
    assert abs(y.size - 2.0 * A.SAMPLE_RATE / factor) <= 2
    assert abs(dominant_freq(y) - 440 * factor) < 2
    assert A.change_speed(tone(440, 0.1, A.SAMPLE_RATE), 1.0).size == A.samples(0.1)
    with pytest.raises(ValueError):
        A.change_speed(y, 0)


def test_lead_in_tops_up_the_quiet_before_speech():
    tone = (0.3 * np.sin(np.linspace(0, 3000, A.SAMPLE_RATE))).astype(A.DTYPE)
    need = A.samples(A.LEAD_IN_S)
    # speech from the first sample: the whole lead-in is put before it, the audio itself untouched
    out = A.with_lead_in(tone)
    assert out.dtype == A.DTYPE and out.size == tone.size + need
    assert not out[:need].any()
    np.testing.assert_array_equal(out[need:], tone)
    # a pre-roll as long as the lead-in (what the VAD gives the loop): nothing changes
    rolled = np.concatenate([np.zeros(need, A.DTYPE), tone])
    assert A.with_lead_in(rolled) is rolled
    # 0.1 s of quiet (room hiss far below the speech) is topped up to the lead-in
    hiss = (np.random.default_rng(0).standard_normal(A.samples(0.1)) * 1e-4).astype(A.DTYPE)
    part = np.concatenate([hiss, tone])
    assert A.with_lead_in(part).size == part.size + need - hiss.size
    # noise as loud as speech from the start counts as sound: the lead-in goes before it
    assert A.with_lead_in(tone * 0.01).size == tone.size + need
    assert A.with_lead_in(np.zeros(0, A.DTYPE)).size == need


def test_resample_removes_content_above_new_nyquist():
    # 12 kHz at 48 kHz must not alias into the 16 kHz signal (decimation would fold it to 4 kHz)
    y = A.resample(tone(12000, 1.0, 48000), 48000)
    assert np.sqrt((y[500:-500] ** 2).mean()) < 0.01


def test_stream_resampler_matches_one_shot():
    rate = 44100
    x = np.random.default_rng(0).standard_normal(rate * 3).astype(np.float32) * 0.1
    one = A.resample(x, rate)
    rs = A.StreamResampler(rate)
    parts = [rs.feed(b) for b in np.array_split(x, 7)] + [rs.flush()]
    streamed = np.concatenate(parts)
    assert abs(streamed.size - one.size) <= 1
    n = min(streamed.size, one.size)
    assert np.abs(streamed[100:n - 100] - one[100:n - 100]).max() < 1e-3


@pytest.mark.parametrize("subtype,channels,rate", [
    ("PCM_16", 2, 44100), ("PCM_16", 1, 8000), ("FLOAT", 1, 48000), ("PCM_24", 6, 96000)])
def test_files_of_any_rate_and_channels(tmp_path, subtype, channels, rate):
    x = tone(300, 1.5, rate, 0.4)
    data = np.stack([x] * channels, axis=1)
    path = tmp_path / "x.wav"
    sf.write(path, data, rate, subtype=subtype)
    y = A.load_audio(path)
    assert y.dtype == np.float32 and y.ndim == 1
    assert abs(y.size - 1.5 * A.SAMPLE_RATE) <= 2
    assert abs(dominant_freq(y) - 300) < 2
    assert np.abs(y).max() <= 1.0


def test_flac_and_ogg(tmp_path):
    x = tone(500, 1.0, 22050, 0.3)
    for ext in ("flac", "ogg"):
        sf.write(tmp_path / f"x.{ext}", x, 22050)
        y = A.load_audio(tmp_path / f"x.{ext}")
        assert abs(dominant_freq(y) - 500) < 3


def test_int16_array_conversion():
    x = (tone(200, 1.0, 16000) * 32767).astype(np.int16)
    y = A.from_array(x, 16000)
    assert y.dtype == np.float32 and abs(np.abs(y).max() - 0.5) < 0.01


def test_nan_and_inf_are_cleaned_with_warning(tmp_path, caplog):
    x = tone(300, 1.0, 16000)
    x[100:200] = np.nan
    x[300] = np.inf
    sf.write(tmp_path / "bad.wav", x, 16000, subtype="FLOAT")
    y = A.load_audio(tmp_path / "bad.wav")
    assert np.isfinite(y).all()
    assert "NaN/inf" in caplog.text


@pytest.mark.parametrize("content", [b"", b"this is not audio at all" * 10, b"RIFF\x00\x00"])
def test_not_audio_is_an_audio_error(tmp_path, content):
    p = tmp_path / "x.wav"
    p.write_bytes(content)
    with pytest.raises(AudioError):
        A.load_audio(p)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(AudioError, match="no such file"):
        A.load_audio(tmp_path / "nope.wav")
    with pytest.raises(AudioError, match="directory"):
        A.load_audio(tmp_path)


def test_empty_audio(tmp_path):
    sf.write(tmp_path / "e.wav", np.zeros(0, np.float32), 16000)
    with pytest.raises(AudioError, match="no audio"):
        A.load_audio(tmp_path / "e.wav")


def test_frames_are_exact_and_cover_the_input():
    x = np.arange(A.FRAME_SAMPLES * 3 + 17, dtype=np.float32)
    frames = list(A.ArraySource(x).frames())
    assert all(f.shape == (A.FRAME_SAMPLES,) for f in frames)
    assert len(frames) == 4
    assert np.array_equal(np.concatenate(frames)[: x.size], x)


def test_long_file_is_read_in_bounded_blocks(tmp_path):
    # 10 minutes at 44.1 kHz: decoded in 30 s blocks, never all at once
    rate = 44100
    path = tmp_path / "long.wav"
    with sf.SoundFile(path, "w", rate, 1, subtype="PCM_16") as f:
        block = tone(220, 60.0, rate, 0.2)
        for _ in range(10):
            f.write(block)
    sizes = [b.size for b in A.iter_file_blocks(path)]
    assert abs(sum(sizes) - 600 * A.SAMPLE_RATE) <= 2
    assert max(sizes) <= A.samples(A.FILE_BLOCK_SECONDS) + 2


def test_no_microphone_names_devices_command():
    if A.input_devices():
        pytest.skip("this machine has a microphone")
    with pytest.raises(A.AudioDeviceError, match="assistant devices"):
        A.Microphone()
