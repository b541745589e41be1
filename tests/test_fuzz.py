"""Fuzz: hostile audio, text and config → a clear one-line message or a result, never a traceback
or a hang. Each test prints its counts (pytest -s shows them).

Audio goes through `assistant transcribe` (all cases in one process, so the model loads once) and
`assistant listen --input`; text through `assistant classify`; config through `assistant run`.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from assistant import audio as A

from .conftest import REPO_ROOT, run_cli

DEMO = REPO_ROOT / "demo" / "commands.wav"
HOUR_S = 3600


def _clean(r: subprocess.CompletedProcess | str) -> None:
    err = r if isinstance(r, str) else r.stdout + r.stderr
    assert "Traceback" not in err, err[-3000:]
    assert "internal error" not in err, err[-3000:]


def _speech(secs: float = 3.0) -> np.ndarray:
    """``secs`` of the demo recording from the start of "Set a timer for ten minutes." (where
    its marks put it: the recording is made at setup, and its timing is espeak's)."""
    marks = DEMO.with_suffix(".json")
    if not DEMO.exists() or not marks.exists():
        pytest.skip("demo/commands.wav missing: run `make setup`")
    line = next(m for m in json.loads(marks.read_text())["lines"] if "timer" in m["text"])
    start = max(0.0, line["start_s"] - 0.1)
    x = A.load_audio(DEMO)
    return x[int(start * A.SAMPLE_RATE):int((start + secs) * A.SAMPLE_RATE)]


@pytest.fixture(scope="module")
def hostile_audio(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("fuzz")
    sp = _speech()
    rng = np.random.default_rng(7)
    files: dict[str, Path] = {}

    def wav(name, data, rate=A.SAMPLE_RATE, subtype="PCM_16"):
        p = d / f"{name}.wav"
        sf.write(str(p), data, rate, subtype=subtype)
        files[name] = p

    nan = sp.copy()
    nan[::7] = np.nan
    wav("nan", nan, subtype="FLOAT")
    wav("all_nan", np.full(A.SAMPLE_RATE, np.nan, np.float32), subtype="FLOAT")
    inf = sp.copy()
    inf[::11] = np.inf
    inf[5::11] = -np.inf
    wav("inf", inf, subtype="FLOAT")
    wav("huge_float", sp * 1e30, subtype="FLOAT")
    wav("empty", np.zeros(0, np.float32))
    wav("clipped", np.clip(sp * 40, -1, 1))
    wav("dc", np.full(3 * A.SAMPLE_RATE, 0.5, np.float32))
    wav("one_sample", np.array([0.25], np.float32))
    wav("8khz", A.resample(sp, A.SAMPLE_RATE, 8000), rate=8000)
    wav("96khz", A.resample(sp, A.SAMPLE_RATE, 96000), rate=96000, subtype="PCM_24")
    six = np.stack([sp] + [rng.standard_normal(sp.size).astype(np.float32) * 0.01] * 5, axis=1)
    wav("6_channels", six)
    wav("white_noise", rng.uniform(-1, 1, 5 * A.SAMPLE_RATE).astype(np.float32))
    # not audio at all, or broken
    (d / "random.wav").write_bytes(rng.bytes(20000))
    files["random_bytes"] = d / "random.wav"
    (d / "text.wav").write_text("hello, I am not a WAV file\n" * 50)
    files["text"] = d / "text.wav"
    full = (d / "clipped.wav").read_bytes()
    (d / "truncated.wav").write_bytes(full[: len(full) // 3 + 1])
    files["truncated"] = d / "truncated.wav"
    (d / "header_only.wav").write_bytes(full[:44])
    files["header_only"] = d / "header_only.wav"
    (d / "zero_bytes.wav").write_bytes(b"")
    files["zero_bytes"] = d / "zero_bytes.wav"
    (d / "a_directory.wav").mkdir()
    files["directory"] = d / "a_directory.wav"
    files["missing"] = d / "missing.wav"
    return files


def test_transcribe_hostile_audio(hostile_audio):
    names = list(hostile_audio)
    r = run_cli("transcribe", "--json", *[str(hostile_audio[n]) for n in names], timeout=600)
    _clean(r)
    assert r.returncode in (0, 1)
    results = {json.loads(ln)["file"]: json.loads(ln) for ln in r.stdout.splitlines() if ln.strip()}
    errors = [ln for ln in r.stderr.splitlines() if ln.startswith("assistant: error: ")]
    outcome = {}
    for n in names:
        p = str(hostile_audio[n])
        if p in results:
            outcome[n] = "result"
        elif any(p in e for e in errors):
            outcome[n] = "message"
        else:
            outcome[n] = "NOTHING"
    print(f"\nfuzz audio → transcribe: {sum(v == 'result' for v in outcome.values())} results, "
          f"{sum(v == 'message' for v in outcome.values())} clear messages, "
          f"{sum(v == 'NOTHING' for v in outcome.values())} silent, 0 tracebacks, of {len(names)}")
    for n in names:
        print(f"  {n:<13} {outcome[n]}")
    assert "NOTHING" not in outcome.values(), outcome
    # the damaged-but-decodable speech still transcribes to the command
    for n in ("nan", "inf", "8khz", "96khz", "6_channels"):
        assert outcome[n] == "result", n
        # the words that carry the command survive (every 11th sample lost to inf still leaves
        # "time(r) for ten minutes")
        assert "minutes" in results[str(hostile_audio[n])]["text"].lower(), (n, results)
    assert "timer" in results[str(hostile_audio["huge_float"])]["text"].lower()  # scaled, not clipped
    for n in ("random_bytes", "text", "zero_bytes", "directory", "missing", "empty"):
        assert outcome[n] == "message", n
    assert len(errors) == sum(v == "message" for v in outcome.values())  # one line each


@pytest.mark.parametrize("case", ["nan", "all_nan", "empty", "one_sample", "96khz", "6_channels",
                                  "random_bytes", "dc"])
def test_listen_hostile_audio(hostile_audio, case):
    r = run_cli("listen", "--input", str(hostile_audio[case]), "--json", timeout=300)
    _clean(r)
    assert r.returncode in (0, 1)
    if r.returncode == 1:
        assert r.stderr.strip().splitlines()[-1].startswith("assistant: error: ")


def _proc_stat(pid: int) -> tuple[int, int]:
    """(VmRSS in kB, bytes read so far) of a live process."""
    rss = 0
    for ln in Path(f"/proc/{pid}/status").read_text().splitlines():
        if ln.startswith("VmRSS:"):
            rss = int(ln.split()[1])
    rchar = 0
    for ln in Path(f"/proc/{pid}/io").read_text().splitlines():
        if ln.startswith("rchar:"):
            rchar = int(ln.split()[1])
    return rss, rchar


def test_one_hour_file_streams_with_bounded_memory(tmp_path):
    """A 1-hour recording (115 MB of 16 kHz PCM_16, written in blocks here): `listen` keeps
    reading it at a steady pace in bounded memory, and Ctrl-C stops it with one line.

    The full hour would take ~40 s of CPU; the test watches 15 s of it and extrapolates (the
    whole run was timed once by hand; see the issue report)."""
    p = tmp_path / "hour.wav"
    rng = np.random.default_rng(1)
    block = (rng.standard_normal(A.SAMPLE_RATE * 60) * 3e-3).astype(np.float32)
    with sf.SoundFile(str(p), "w", samplerate=A.SAMPLE_RATE, channels=1, subtype="PCM_16") as f:
        for _ in range(HOUR_S // 60):
            f.write(block)
    size = p.stat().st_size
    assert size > 110e6
    proc = subprocess.Popen([sys.executable, "-m", "assistant", "listen", "--input", str(p), "--json"],
                            cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=dict(os.environ, PYTHONUNBUFFERED="1"))
    try:
        samples = []
        t0 = time.monotonic()
        while time.monotonic() - t0 < 15 and proc.poll() is None:
            time.sleep(0.5)
            try:
                samples.append((time.monotonic() - t0, *_proc_stat(proc.pid)))
            except (OSError, ValueError):
                break
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    _clean(err)
    peak_rss_mb = max(s[1] for s in samples) / 1024
    # reading progresses during the last 10 s (not stuck), at a rate that finishes the hour
    late = [s for s in samples if s[0] >= samples[-1][0] - 10]
    rate = (late[-1][2] - late[0][2]) / max(1e-9, late[-1][0] - late[0][0])
    eta = size / rate if rate > 0 else float("inf")
    print(f"\n1-hour file: peak RSS {peak_rss_mb:.0f} MB, reading {rate / 1e6:.1f} MB/s "
          f"→ the whole hour in ~{eta:.0f} s; exit {proc.returncode} on SIGINT")
    assert rate > 0, samples
    assert eta < 30 * 60, "slower than 2x real time: effectively a hang for a 1-hour file"
    assert peak_rss_mb < 1024, "memory is not bounded: the file is being loaded whole?"
    assert proc.returncode in (0, 130)
    if proc.returncode == 130:
        assert err.strip().splitlines()[-1] == "assistant: interrupted"


# --------------------------------------------------------------------------- text


def _classify_stdin(data: bytes, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assistant", "classify", "--json"], cwd=REPO_ROOT,
                          input=data, capture_output=True, timeout=timeout)


def _nlu_ready() -> None:
    r = run_cli("classify", "--json", "play some jazz", timeout=300)
    if r.returncode != 0:
        pytest.skip(f"the understanding model is not there yet: {r.stderr.strip()[-200:]}")


def test_classify_hostile_text():
    _nlu_ready()
    rng = np.random.default_rng(3)
    cases = {
        "random_bytes": rng.bytes(4096) + b"\n",
        "nul_and_controls": b"play \x00 some \x1b[31m jazz\x07\r\n\t\x0b\x0c\n",
        "invalid_utf8": b"play \xff\xfe\xc3\x28 jazz\n",
        "100k_chars": ("play some jazz " * 6700)[:100_000].encode() + b"\n",
        "100k_no_spaces": b"a" * 100_000 + b"\n",
        "emoji_rtl": "🎵🎶 \u202eplay\u202c שיר ☕ 日本語の歌 ̷̧̛͎̈́z̴a̶l̵g̸o̸\n".encode(),
        "only_newlines": b"\n\n\n\n",
        "many_lines": b"".join(f"set a timer for {i} minutes\n".encode() for i in range(2000)),
    }
    counts = {"result": 0, "message": 0}
    for name, data in cases.items():
        r = _classify_stdin(data)
        out, err = r.stdout.decode("utf-8", "replace"), r.stderr.decode("utf-8", "replace")
        _clean(out + err)
        assert r.returncode in (0, 1, 2), (name, err)
        if r.returncode == 0:
            for ln in out.splitlines():
                assert isinstance(json.loads(ln)["intent"], str)
            counts["result"] += 1
        else:
            assert err.strip().splitlines()[-1].startswith("assistant: "), (name, err)
            counts["message"] += 1
    # a 100 k-character argument, not stdin
    r = run_cli("classify", "--json", "x" * 100_000, timeout=300)
    _clean(r)
    counts["result" if r.returncode == 0 else "message"] += 1
    print(f"\nfuzz text → classify: {counts['result']} results, {counts['message']} clear "
          f"messages, 0 tracebacks, of {len(cases) + 1}")


# --------------------------------------------------------------------------- config


CONFIGS = {
    "wrong_type": '[vad]\nthreshold = "high"\n',
    "wrong_type_bool": "[log]\ntranscripts = 1\n",
    "unknown_key": "[wake]\nphrse = \"hey speaker\"\n",
    "unknown_section": "[wakeword]\nphrase = \"x\"\n",
    "section_not_table": "wake = 3\n",
    "out_of_range": "[vad]\nthreshold = 7.5\n",
    "negative": "[asr]\nthreads = -2\n",
    "bad_choice": "[asr]\nengine = \"vosk\"\n",
    "not_toml": "[vad\nthreshold = = 0.5\n",
    "binary": None,
    "list_of_ints": "[library]\npaths = [1, 2]\n",
}


@pytest.mark.parametrize("name", list(CONFIGS) + ["missing", "directory"])
def test_config_hostile(tmp_path, name):
    p = tmp_path / "config.toml"
    if name == "binary":
        p.write_bytes(np.random.default_rng(5).bytes(3000))
    elif name == "directory":
        p.mkdir()
    elif name != "missing":
        p.write_text(CONFIGS[name])
    r = run_cli("run", "--config", str(p), "--input", str(DEMO), "--no-wake", "--state-dir",
                str(tmp_path / "state"), timeout=120)
    _clean(r)
    assert r.returncode in (1, 2), r.stdout[-500:]
    last = r.stderr.strip().splitlines()[-1]
    assert last.startswith("assistant: error: ") and str(p) in last, last
    print(f"\nconfig {name}: {last}")
