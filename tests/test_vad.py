"""Silero VAD segmentation on real speech."""

import numpy as np
import pytest

from assistant import audio as A
from assistant.config import VadConfig
from assistant.vad import Segmenter, SileroVad
from tests.conftest import dataset


@pytest.fixture(scope="module")
def vad():
    return SileroVad()


@pytest.fixture(scope="module")
def clips():
    d = dataset("speech_ljspeech_32") / "wavs"
    return [A.load_audio(p) for p in sorted(d.glob("*.wav"))[:6]]


def joined(clips, gap_s=1.5):
    gap = np.zeros(A.samples(gap_s), np.float32)
    parts, bounds, t = [gap], [], gap_s
    for c in clips:
        parts += [c, gap]
        bounds.append((t, t + A.seconds(c.size)))
        t += A.seconds(c.size) + gap_s
    return np.concatenate(parts), bounds


def test_finds_one_utterance_per_clip(vad, clips):
    x, bounds = joined(clips)
    utts = list(Segmenter(VadConfig(), vad).stream(A.ArraySource(x).frames()))
    assert len(utts) == len(clips)
    for u, (start, end) in zip(utts, bounds):
        # the pre-roll keeps the first syllable: the cut starts before the speech does
        assert u.start_s <= start + 0.2
        assert abs(u.end_s - end) < 0.8
        assert u.audio.dtype == np.float32


def test_file_takes_the_same_path_as_the_microphone(vad, clips, tmp_path):
    x, _ = joined(clips[:3])
    path = tmp_path / "joined.wav"
    A.write_wav(path, x)
    seg = Segmenter(VadConfig(), vad)
    from_file = [(u.start_s, u.end_s) for u in seg.stream(A.FileSource(path).frames())]
    from_array = [(u.start_s, u.end_s) for u in seg.stream(A.ArraySource(x).frames())]
    assert from_file == from_array and len(from_file) == 3


def test_silence_and_noise_give_no_utterance(vad):
    seg = Segmenter(VadConfig(), vad)
    silence = np.zeros(A.samples(5), np.float32)
    noise = (np.random.default_rng(1).standard_normal(A.samples(5)) * 0.003).astype(np.float32)
    assert list(seg.stream(A.ArraySource(silence).frames())) == []
    assert list(seg.stream(A.ArraySource(noise).frames())) == []


def test_max_utterance_length_splits_long_speech(vad, clips):
    long = np.concatenate(clips[:3])  # about 20 s of nearly continuous speech
    cfg = VadConfig(max_utterance_s=4.0, end_ms=800)
    utts = list(Segmenter(cfg, vad).stream(A.ArraySource(long).frames()))
    assert len(utts) >= 4
    assert all(u.duration_s <= 4.0 + 1e-6 for u in utts)
    assert any(u.truncated for u in utts)


def test_end_hangover_keeps_short_pauses_inside_one_utterance(vad, clips):
    x, _ = joined(clips[:2], gap_s=0.3)
    utts = list(Segmenter(VadConfig(end_ms=700), vad).stream(A.ArraySource(x).frames()))
    assert len(utts) == 1
