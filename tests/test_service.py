"""Running as a service: the sd_notify protocol for real, signals, the status socket, the pid
file, logging privacy, and a microphone that disappears and comes back.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from assistant import audio as A
from assistant import service, status
from assistant.errors import AssistantError, AudioDeviceError
from assistant.mic_watch import ReconnectingSource

from .conftest import REPO_ROOT, run_cli


class NotifySocket:
    """A real sd_notify endpoint: a bound Unix datagram socket, as systemd has."""

    def __init__(self, path: Path):
        self.path = str(path)
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(self.path)
        self.sock.settimeout(0.2)
        self.messages: list[str] = []

    def drain(self) -> list[str]:
        while True:
            try:
                self.messages.append(self.sock.recv(4096).decode())
            except (socket.timeout, BlockingIOError):
                return self.messages

    def wait_for(self, key: str, timeout: float, proc=None) -> bool:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if any(key in m.split("\n") for m in self.drain()):
                return True
            if proc is not None and proc.poll() is not None:
                return any(key in m.split("\n") for m in self.drain())
        return False

    def close(self):
        self.sock.close()


@pytest.fixture
def notify(tmp_path):
    ns = NotifySocket(tmp_path / "notify.sock")
    yield ns
    ns.close()


# --------------------------------------------------------------------------- Notifier


def test_notifier_speaks_the_protocol(notify):
    n = service.Notifier({"NOTIFY_SOCKET": notify.path, "WATCHDOG_USEC": "2000000",
                          "WATCHDOG_PID": str(os.getpid())})
    assert n.enabled and n.watchdog_s == 2.0 and n.ping_every_s == 0.5
    assert n.ready()
    assert n.watchdog()
    assert not n.watchdog()  # rate-limited: a tick every frame must not flood the manager
    assert n.watchdog(force=True)
    n.reloading()
    n.reloaded(False, "bundle refused")
    n.stopping()
    msgs = notify.drain()
    assert msgs[0].split("\n")[0] == "READY=1" and f"MAINPID={os.getpid()}" in msgs[0]
    assert msgs[1:3] == ["WATCHDOG=1", "WATCHDOG=1"]
    assert msgs[3].startswith("RELOADING=1")
    assert msgs[4].startswith("READY=1\nSTATUS=reload failed, old models serve: bundle refused")
    assert msgs[5].startswith("STOPPING=1")


def test_notifier_abstract_socket():
    name = f"assistant-test-{os.getpid()}"
    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    s.bind("\0" + name)
    s.settimeout(2)
    try:
        assert service.Notifier({"NOTIFY_SOCKET": "@" + name}).ready()
        assert s.recv(4096).startswith(b"READY=1")
    finally:
        s.close()


def test_notifier_without_manager_is_a_no_op(tmp_path):
    n = service.Notifier({})
    assert not n.enabled and not n.ready() and not n.watchdog()
    # a socket path that does not exist: warn, keep going
    n = service.Notifier({"NOTIFY_SOCKET": str(tmp_path / "gone.sock")})
    assert not n.enabled and not n.ready()
    # another process's watchdog is not ours
    n = service.Notifier({"WATCHDOG_USEC": "1000000", "WATCHDOG_PID": "1"})
    assert n.watchdog_s == 0.0


# --------------------------------------------------------------------------- status socket


def test_status_socket_serves_json_with_private_permissions(tmp_path):
    d = tmp_path / "state"
    d.mkdir(mode=0o755)
    calls = []

    def status_fn():
        calls.append(1)
        return {"uptime_s": 12.5, "utterances": 3, "errors": {"asr": 1},
                "microphone": {"state": "ok", "name": "mic:USB"},
                "models": {"asr": {"version": "tiny.en-int8", "sha256": "ab" * 32, "path": "/x"}}}

    with status.StatusServer(status_fn, status.socket_path(d)) as srv:
        p = srv.path
        assert stat.S_ISSOCK(p.lstat().st_mode)
        assert stat.S_IMODE(p.stat().st_mode) == 0o660
        assert stat.S_IMODE(d.stat().st_mode) & 0o007 == 0  # directory closed to others
        st = status.query(p)
        assert st["utterances"] == 3 and st["pid"] == os.getpid()
        assert "microphone: ok (mic:USB)" in status.format_status(st)
        # a second instance on the same socket is refused, the first keeps serving
        with pytest.raises(AssistantError, match="already running"):
            status.StatusServer(status_fn, p).start()
        assert status.query(p)["uptime_s"] == 12.5
    assert not p.exists()
    with pytest.raises(AssistantError, match="not running"):
        status.query(p)


def test_status_socket_refuses_other_users(tmp_path):
    if os.geteuid() != 0:
        pytest.skip("needs root to try as another user")
    d = tmp_path / "state"
    d.mkdir()
    os.chmod(tmp_path, 0o755)
    with status.StatusServer(lambda: {"uptime_s": 1}, status.socket_path(d)) as srv:
        pid = os.fork()
        if pid == 0:  # the child becomes `nobody` and tries to ask
            code = 3
            try:
                os.setgroups([])
                os.setgid(65534)
                os.setuid(65534)
                status.query(srv.path)
                code = 0
            except AssistantError as exc:
                code = 1 if "permission denied" in str(exc) else 2
            finally:
                os._exit(code)
        _, wstatus = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(wstatus) == 1
        assert status.query(srv.path)["uptime_s"] == 1  # its own user still may


def test_stale_socket_is_replaced_and_bad_status_does_not_kill_server(tmp_path):
    p = tmp_path / "status.sock"
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.bind(str(p))
    s.close()  # a socket file nobody listens on: what a crash leaves
    with pytest.raises(AssistantError, match="stale"):
        status.query(p)

    def broken():
        raise RuntimeError("boom")

    with status.StatusServer(broken, p):
        assert "boom" in status.query(p)["error"]


def test_status_cli_not_running(tmp_path):
    r = run_cli("status", "--state-dir", str(tmp_path), timeout=60)
    assert r.returncode == 1 and "not running" in r.stderr and "Traceback" not in r.stderr


def test_status_cli_json(tmp_path):
    with status.StatusServer(lambda: {"uptime_s": 3725, "reloads": 2},
                             status.socket_path(tmp_path)):
        r = run_cli("status", "--json", "--state-dir", str(tmp_path), timeout=60)
        assert r.returncode == 0, r.stderr
        assert json.loads(r.stdout)["reloads"] == 2
        r = run_cli("status", "--state-dir", str(tmp_path), timeout=60)
        assert r.returncode == 0 and "up 1h02m05s" in r.stdout and "2 reloads" in r.stdout


# --------------------------------------------------------------------------- pid file, logging


def test_pid_file(tmp_path):
    p = tmp_path / "assistant.pid"
    service.write_pid_file(p)
    assert service.read_pid_file(p) == os.getpid()
    p.write_text("999999999\n")
    assert service.read_pid_file(p) is None  # a dead pid is no pid
    service.remove_pid_file(p)
    assert p.exists()  # not ours: left alone
    service.write_pid_file(p)
    service.remove_pid_file(p)
    assert not p.exists()
    # an unwritable place: a warning, not a crash
    (tmp_path / "file").write_text("")
    assert service.write_pid_file(tmp_path / "file" / "assistant.pid") is None


def test_transcripts_hidden_unless_configured(tmp_path, monkeypatch):
    from assistant import config as C

    service.set_transcripts_shown(False)
    assert "play some jazz" not in service.shown("play some jazz")
    assert "3 words hidden" in service.shown("play some jazz")
    service.set_transcripts_shown(True)
    assert "play some jazz" in service.shown("play some jazz")
    service.set_transcripts_shown(False)

    monkeypatch.setenv("STATE_DIRECTORY", str(tmp_path))
    audio = np.zeros(1600, np.float32)
    assert service.store_audio(C.Config(), audio) is None
    assert not (tmp_path / service.DEBUG_AUDIO_DIR).exists()
    cfg = C.from_dict({"log": {"store_audio": True}})
    p = service.store_audio(cfg, audio, "utt/1")
    assert p is not None and p.parent == tmp_path / service.DEBUG_AUDIO_DIR and p.exists()


def test_journal_formatter_levels():
    f = service.JournalFormatter("%(name)s: %(message)s")
    rec = logging.LogRecord("assistant.loop", logging.WARNING, __file__, 1, "two\nlines", (), None)
    assert f.format(rec) == "<4>assistant.loop: two | lines"


# --------------------------------------------------------------------------- microphone faults


class PluggableMic(A.Source):
    """A stand-in sound card: real-time frames of a tone while plugged; when pulled, the stream
    stops delivering (as PortAudio does) and opening fails with AudioDeviceError."""

    plugged = True
    opens = 0

    def __init__(self):
        PluggableMic.opens += 1
        if not PluggableMic.plugged:
            raise AudioDeviceError("no microphone found (see `assistant devices`)")
        self._closed = threading.Event()
        self.name = "mic:test"

    def frames(self):
        if not PluggableMic.plugged:
            raise AudioDeviceError("could not open microphone 'test'")
        tone = (0.3 * np.sin(np.arange(A.FRAME_SAMPLES) * 0.2)).astype(np.float32)

        def gen():
            while not self._closed.is_set():
                if PluggableMic.plugged:
                    yield tone
                time.sleep(A.FRAME_SECONDS)
        return gen()

    def close(self):
        self._closed.set()


def test_microphone_lost_and_back(caplog):
    PluggableMic.plugged, PluggableMic.opens = True, 0
    src = ReconnectingSource(PluggableMic, name="microphone", stall_s=0.5)
    got: list[tuple[float, bool]] = []

    def consume():
        for f in src.frames():
            got.append((time.monotonic(), bool(np.any(f))))

    caplog.set_level(logging.INFO, logger="assistant.mic_watch")
    t = threading.Thread(target=consume, daemon=True)
    t.start()
    time.sleep(0.5)
    assert src.state == "ok" and any(real for _, real in got)
    PluggableMic.plugged = False
    pulled = time.monotonic()
    time.sleep(3.0)  # several failed reopen attempts
    assert src.state == "lost" and src.status()["lost_for_s"] > 1
    # the loop keeps getting (silent) frames while the microphone is away: the watchdog stays fed
    during = [real for ts, real in got if ts > pulled + 0.6]
    assert len(during) > 40 and not any(during)
    back = time.monotonic()
    PluggableMic.plugged = True
    time.sleep(2.5)
    src.close()
    t.join(5)
    first_real = min(ts for ts, real in got if real and ts > back)
    print(f"microphone back → frames again after {first_real - back:.2f} s")
    assert first_real - back < 2.0
    assert src.state == "ok" and src.losses == 1
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1, [r.getMessage() for r in warnings]  # logged once, not per retry
    assert any("is back" in r.getMessage() for r in caplog.records)
    assert PluggableMic.opens >= 3  # it did retry


def test_no_sound_card_at_all_is_survivable(caplog):
    """The real Microphone on a machine with no sound card: silence and a state, no exception."""
    from assistant.mic_watch import MicrophoneFactory

    src = ReconnectingSource(MicrophoneFactory(None), stall_s=0.5)
    n = 0
    t0 = time.monotonic()
    for frame in src.frames():
        n += 1
        assert frame.shape == (A.FRAME_SAMPLES,) and frame.dtype == np.float32
        if time.monotonic() - t0 > 1.0:
            break
    src.close()
    if src.state == "ok":
        pytest.skip("this machine has a microphone")
    assert src.state == "lost" and n > 10
    assert len([r for r in caplog.records if r.levelno == logging.WARNING]) <= 1


# --------------------------------------------------------------------------- the real entry point


def _has_run() -> bool:
    r = run_cli("run", "--help", timeout=60)
    return r.returncode == 0


@pytest.fixture(scope="module")
def long_silence(tmp_path_factory) -> Path:
    """An hour of near-silence: the loop is still reading it when the test signals it."""
    import soundfile as sf

    p = tmp_path_factory.mktemp("rec") / "long.wav"
    rng = np.random.default_rng(0)
    with sf.SoundFile(str(p), "w", samplerate=A.SAMPLE_RATE, channels=1, subtype="PCM_16") as f:
        block = (rng.standard_normal(A.SAMPLE_RATE * 60) * 1e-4).astype(np.float32)
        for _ in range(60):
            f.write(block)
    return p


def test_entry_point_notify_watchdog_reload_and_sigterm(tmp_path, notify, long_silence):
    if not _has_run():
        pytest.skip("`assistant run` is not there yet")
    state = tmp_path / "state"
    env = dict(os.environ, NOTIFY_SOCKET=notify.path, WATCHDOG_USEC="2000000",
               STATE_DIRECTORY=str(state), PYTHONUNBUFFERED="1")
    env.pop("WATCHDOG_PID", None)
    conf = tmp_path / "config.toml"
    conf.write_text("[log]\nlevel = \"info\"\n")
    proc = subprocess.Popen([sys.executable, "-m", "assistant", "run", "--input", str(long_silence),
                             "--no-wake", "--json", "--state-dir", str(state), "--config", str(conf)],
                            cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    try:
        if not notify.wait_for("READY=1", 240, proc):
            err = proc.stderr.read() if proc.poll() is not None else "(still running)"
            pytest.fail(f"no READY=1 (exit {proc.poll()}): {err.strip()[-500:]}")
        assert notify.wait_for("WATCHDOG=1", 10, proc), notify.messages
        # the pid file and the status socket are up
        assert service.read_pid_file(state / service.PID_FILE) == proc.pid
        st = status.query(status.socket_path(state))
        assert st["pid"] == proc.pid and "uptime_s" in st
        assert stat.S_IMODE(status.socket_path(state).stat().st_mode) == 0o660
        # a model that fails to load on reload: the running ones keep serving, status says so
        conf.write_text("[asr]\nengine = \"onnx\"\nmodel = \"/nonexistent/whisper-onnx\"\n")
        notify.messages.clear()
        proc.send_signal(signal.SIGHUP)
        assert notify.wait_for("RELOADING=1", 10, proc), notify.messages
        assert notify.wait_for("READY=1", 120, proc), notify.messages
        assert any("reload failed" in m for m in notify.messages), notify.messages
        st = status.query(status.socket_path(state))
        assert st["errors"].get("reload", 0) >= 1 and st.get("reloads", 0) == 0, st
        assert proc.poll() is None
        # SIGHUP with a good config: RELOADING=1, then READY=1 once config and models are reloaded
        conf.write_text("[log]\nlevel = \"info\"\n")
        notify.messages.clear()
        proc.send_signal(signal.SIGHUP)
        assert notify.wait_for("RELOADING=1", 10, proc), notify.messages
        assert notify.wait_for("READY=1", 120, proc), notify.messages
        assert status.query(status.socket_path(state)).get("reloads", 0) >= 1
        assert proc.poll() is None
        # SIGTERM: STOPPING=1 and exit 0 within a few seconds
        t0 = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        rc = proc.wait(timeout=10)
        took = time.monotonic() - t0
        err = proc.stderr.read()
        print(f"SIGTERM → exit {rc} in {took:.2f} s")
        assert rc == 0, err[-2000:]
        assert took < 5.0
        assert "Traceback" not in err
        assert any("STOPPING=1" in m for m in notify.drain())
        assert not status.socket_path(state).exists()
        assert not (state / service.PID_FILE).exists()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_status_finds_the_service_socket(tmp_path, monkeypatch):
    """`assistant status` typed by an admin (no STATE_DIRECTORY) asks the system service."""
    monkeypatch.delenv("STATE_DIRECTORY", raising=False)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(status, "SERVICE_STATE_DIR", tmp_path / "var-lib-assistant")
    assert status.find_socket() == tmp_path / "xdg" / "assistant" / status.SOCKET_NAME
    (tmp_path / "var-lib-assistant").mkdir()
    assert status.find_socket() == tmp_path / "var-lib-assistant" / status.SOCKET_NAME
    monkeypatch.setenv("STATE_DIRECTORY", str(tmp_path / "given"))
    assert status.find_socket() == tmp_path / "given" / status.SOCKET_NAME
