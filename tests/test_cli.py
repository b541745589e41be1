"""The command line through a real subprocess: transcribe, listen, devices, doctor, bad input."""

from __future__ import annotations

import json

import numpy as np
import pytest
import soundfile as sf

from assistant import audio as A
from assistant.paths import REPO_ROOT
from tests.conftest import dataset, run_cli

DEMO = REPO_ROOT / "demo" / "commands.wav"


def one_line_error(r, code=1):
    assert r.returncode == code, (r.returncode, r.stderr)
    assert "Traceback" not in r.stderr
    errors = [l for l in r.stderr.splitlines() if l.startswith("assistant: error:")]
    assert len(errors) >= 1
    return errors[0]


def test_transcribe_json_ljspeech_wer_within_bound():
    """The issue's bar: `assistant transcribe --json` over the 32 LJSpeech clips, WER <= 8 %."""
    from assistant.asr.evaluate import clips, wer

    dataset("speech_ljspeech_32")
    cs = clips("ljspeech")
    assert len(cs) == 32
    r = run_cli("transcribe", "--json", *[str(c.path) for c in cs])
    assert r.returncode == 0, r.stderr
    rows = [json.loads(l) for l in r.stdout.splitlines()]
    assert [row["file"] for row in rows] == [str(c.path) for c in cs]
    assert all(set(row) == {"file", "text", "duration_s", "decode_ms"} for row in rows)
    assert all(row["decode_ms"] > 0 and row["duration_s"] > 0 for row in rows)
    score = wer([(c.reference, row["text"]) for c, row in zip(cs, rows)])
    assert score <= 0.08, score


def test_transcribe_plain_and_odd_formats(tmp_path):
    """8 kHz, 44.1 kHz stereo int16 and 48 kHz float files of the same speech agree."""
    speech = A.load_audio(DEMO)[: A.samples(3.0)]
    files = []
    for rate, channels, subtype in ((8000, 1, "PCM_16"), (44100, 2, "PCM_16"), (48000, 1, "FLOAT")):
        x = A.resample(speech, A.SAMPLE_RATE, rate)
        data = np.stack([x] * channels, axis=1) if channels > 1 else x
        p = tmp_path / f"s{rate}.wav"
        sf.write(p, data, rate, subtype=subtype)
        files.append(str(p))
    r = run_cli("transcribe", *files)
    assert r.returncode == 0, r.stderr
    texts = [l.split(": ", 1)[1].lower() for l in r.stdout.splitlines()]
    assert len(texts) == 3 and all("what time" in t for t in texts), texts  # 8 kHz loses detail


def test_silence_gives_an_empty_transcript(tmp_path):
    p = tmp_path / "silence.wav"
    A.write_wav(p, np.zeros(A.samples(3), np.float32))
    r = run_cli("transcribe", "--json", str(p))
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["text"] == ""


def test_nan_samples_are_cleaned_with_a_warning(tmp_path):
    x = A.load_audio(DEMO)[: A.samples(3.0)].copy()
    x[1000:1100] = np.nan
    p = tmp_path / "nan.wav"
    sf.write(p, x, A.SAMPLE_RATE, subtype="FLOAT")
    r = run_cli("transcribe", "-v", str(p))
    assert r.returncode == 0 and "NaN" in r.stderr and "time is it" in r.stdout.lower()


@pytest.mark.parametrize("name,content,expect", [
    ("missing.wav", None, "no such file"),
    ("notes.wav", b"just some text, not audio" * 20, "not a readable audio file"),
    ("empty.wav", "empty", "no audio"),
])
def test_bad_files_get_one_line_and_exit_1(tmp_path, name, content, expect):
    p = tmp_path / name
    if content == "empty":
        sf.write(p, np.zeros(0, np.float32), A.SAMPLE_RATE)
    elif content is not None:
        p.write_bytes(content)
    assert expect in one_line_error(run_cli("transcribe", str(p)))


def test_good_and_bad_files_together(tmp_path):
    r = run_cli("transcribe", str(tmp_path / "nope.wav"), str(DEMO))
    assert r.returncode == 1 and "time is it" in r.stdout.lower()


def test_listen_on_a_recording_prints_each_utterance():
    r = run_cli("listen", "--input", str(DEMO), "--json")
    assert r.returncode == 0, r.stderr
    rows = [json.loads(l) for l in r.stdout.splitlines()]
    meta = json.loads((REPO_ROOT / "demo" / "commands.json").read_text())["lines"]
    assert len(rows) == len(meta)
    for row, m in zip(rows, meta):
        assert set(row) == {"start_s", "end_s", "text", "decode_ms"}
        assert row["start_s"] <= m["start_s"] + 0.1 and abs(row["end_s"] - m["end_s"]) < 0.6


def test_listen_without_a_microphone_names_devices():
    if A.input_devices():
        pytest.skip("this machine has a microphone")
    assert "assistant devices" in one_line_error(run_cli("listen"))


def test_usage_errors_exit_2():
    r = run_cli("transcribe")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert run_cli("no-such-command").returncode == 2
    assert run_cli("listen", "--input", "a.wav", "--device", "1").returncode == 2
    assert run_cli().returncode == 2


def test_version_and_help_on_every_command():
    from assistant import __version__
    from assistant.__main__ import build_parser

    r = run_cli("--version")
    assert r.returncode == 0 and __version__ in r.stdout
    commands = build_parser()._subparsers._group_actions[0].choices
    assert {"transcribe", "listen", "devices", "doctor", "run"} <= set(commands)
    for name in commands:
        r = run_cli(name, "--help")
        assert r.returncode == 0 and "usage:" in r.stdout, name


def test_devices_and_doctor():
    r = run_cli("devices")
    assert r.returncode == 0 and r.stdout.strip()
    r = run_cli("doctor", "--json")
    checks = json.loads(r.stdout)["checks"]
    by = {c["what"]: c for c in checks}
    assert by["VAD model (Silero)"]["status"] == "ok"
    assert by["understanding model"]["status"] == "ok"
    assert r.returncode == (1 if any(c["status"] == "fail" for c in checks) else 0)


def test_readable_run_output_shows_the_second_hearing():
    from assistant.commands.voice import pretty
    from assistant.loop import Event

    base = {"intent": "play_music", "intent_confidence": 0.7, "sentiment": "neutral", "slots": [],
            "nlu_ms": 1.0, "heard_again": [], "asr_again_ms": 0.0}
    assert "heard again" not in pretty(Event("understood", 1.0, base))
    both = pretty(Event("understood", 1.0, {**base, "heard_again": ["play some jazz", "play sun jazz"],
                                            "asr_again_ms": 30.0}))
    assert "heard again: 'play some jazz' | 'play sun jazz'" in both
    assert "understood: play_music (0.70)" in both
