"""Running under systemd: readiness and watchdog notifications, signals, the pid file, logging.

``assistant run`` wires these into the voice loop (see ``.notes/loop-contract.md``)::

    notifier = Notifier()                       # no-op unless NOTIFY_SOCKET is set
    hooks = LoopHooks(**notifier.hooks())       # READY=1 after models load, WATCHDOG=1 per tick
    install_signal_handlers(loop)               # SIGTERM → request_stop, SIGHUP → request_reload
    write_pid_file(); ...; remove_pid_file()

Privacy: what people said is logged only when ``[log] transcripts = true`` (:func:`shown`), and
utterance audio is written only when ``[log] store_audio = true`` (:func:`store_audio`).
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import time
from pathlib import Path

log = logging.getLogger(__name__)

PID_FILE = "assistant.pid"
WATCHDOG_DEFAULT_S = 1.0
"""Watchdog pings are sent at most this often when the manager gave no WATCHDOG_USEC."""


# --------------------------------------------------------------------------- sd_notify


class Notifier:
    """The sd_notify protocol (``man sd_notify``) over the ``sdnotify`` package.

    A no-op when ``NOTIFY_SOCKET`` is unset (run by hand). Watchdog pings are rate-limited to a
    quarter of ``WATCHDOG_USEC`` (systemd's own advice is "at least every half"), so the loop may
    call :meth:`watchdog` on every tick without flooding the manager.
    """

    def __init__(self, env: dict | None = None):
        env = os.environ if env is None else env
        self.address = env.get("NOTIFY_SOCKET") or ""
        self._sock = None
        if self.address:
            import sdnotify

            saved = os.environ.get("NOTIFY_SOCKET")
            os.environ["NOTIFY_SOCKET"] = self.address  # sdnotify reads the environment itself
            try:
                self._sock = sdnotify.SystemdNotifier(debug=True)
            except OSError as exc:
                log.warning("cannot reach the service manager at %s: %s", self.address, exc)
            finally:
                if saved is None:
                    os.environ.pop("NOTIFY_SOCKET", None)
                else:
                    os.environ["NOTIFY_SOCKET"] = saved
        usec = env.get("WATCHDOG_USEC", "")
        pid = env.get("WATCHDOG_PID", "")
        mine = not pid or pid == str(os.getpid())
        self.watchdog_s = int(usec) / 1e6 if usec.isdigit() and int(usec) > 0 and mine else 0.0
        """The manager's watchdog timeout in seconds (0 = no watchdog configured)."""
        self.ping_every_s = self.watchdog_s / 4 if self.watchdog_s else WATCHDOG_DEFAULT_S
        self._last_ping = 0.0
        self._lock = threading.Lock()
        self.sent: list[str] = []
        """Every message sent, for status and debugging (bounded)."""

    @property
    def enabled(self) -> bool:
        return self._sock is not None

    def notify(self, message: str) -> bool:
        """Send one raw message (``KEY=VALUE`` lines); False when there is no manager."""
        if self._sock is None:
            return False
        try:
            self._sock.notify(message)
        except OSError as exc:  # the manager went away: keep serving, say it once
            log.warning("sd_notify failed (%s); notifications stop", exc)
            self._sock = None
            return False
        with self._lock:
            self.sent.append(message)
            del self.sent[:-50]
        return True

    def ready(self, status: str = "listening") -> bool:
        return self.notify(f"READY=1\nSTATUS={status}\nMAINPID={os.getpid()}")

    def reloading(self) -> bool:
        return self.notify("RELOADING=1\nSTATUS=reloading config and models")

    def stopping(self) -> bool:
        return self.notify("STOPPING=1\nSTATUS=stopping")

    def status(self, text: str) -> bool:
        return self.notify(f"STATUS={text}")

    def watchdog(self, force: bool = False) -> bool:
        """Keep-alive ping, sent at most every ``ping_every_s`` unless ``force``."""
        if self._sock is None:
            return False
        now = time.monotonic()
        if not force and now - self._last_ping < self.ping_every_s:
            return False
        self._last_ping = now
        return self.notify("WATCHDOG=1")

    def reloaded(self, ok: bool, message: str) -> None:
        """After a reload: back to READY either way (a failed reload keeps the old models)."""
        self.notify(f"READY=1\nSTATUS={'listening' if ok else 'reload failed, old models serve'}: "
                    f"{message}"[:400])

    def hooks(self) -> dict:
        """Keyword arguments for ``loop.LoopHooks``."""
        return {"on_ready": self.ready, "on_tick": self.watchdog, "on_reloaded": self.reloaded}


# --------------------------------------------------------------------------- signals


def install_signal_handlers(loop, notifier: Notifier | None = None) -> None:
    """SIGTERM/SIGINT → ``loop.request_stop()``, SIGHUP → ``loop.request_reload()``.

    Must be called from the main thread. A second SIGINT/SIGTERM while stopping falls back to the
    default action (a stuck shutdown can still be interrupted; systemd would SIGKILL it anyway).
    """
    stopping = {"n": 0}

    def on_stop(signum, frame):
        stopping["n"] += 1
        if stopping["n"] > 1:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        log.info("%s: finishing the current reply and stopping", signal.Signals(signum).name)
        if notifier is not None:
            notifier.stopping()
        loop.request_stop()

    def on_hup(signum, frame):
        log.info("SIGHUP: reloading config and models")
        if notifier is not None:
            notifier.reloading()
        loop.request_reload()

    signal.signal(signal.SIGTERM, on_stop)
    signal.signal(signal.SIGINT, on_stop)
    signal.signal(signal.SIGHUP, on_hup)


# --------------------------------------------------------------------------- pid file


def pid_file_path() -> Path:
    from . import paths

    return paths.state_dir() / PID_FILE


def write_pid_file(path: Path | None = None) -> Path | None:
    """Atomically write our pid (``flash`` reads it to send SIGHUP); returns the path.

    Fails soft (a warning, None): a full disk or a read-only state directory must not stop the
    speaker; only reload-on-flash is lost (``systemctl reload`` still works).
    """
    p = path or pid_file_path()
    tmp = p.with_name(f".{p.name}.{os.getpid()}")
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(f"{os.getpid()}\n")
        os.chmod(tmp, 0o644)
        os.replace(tmp, p)
    except OSError as exc:
        log.warning("cannot write the pid file %s: %s", p, exc.strerror or exc)
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        return None
    return p


def read_pid_file(path: Path | None = None) -> int | None:
    """The pid of a running assistant, or None (no file, garbage, or a dead process)."""
    p = path or pid_file_path()
    try:
        pid = int(p.read_text().strip())
        os.kill(pid, 0)
    except (OSError, ValueError):
        return None
    return pid


def remove_pid_file(path: Path | None = None) -> None:
    """Remove the pid file if it still names us (a newer instance may own it by now)."""
    p = path or pid_file_path()
    try:
        if int(p.read_text().strip()) == os.getpid():
            p.unlink()
    except (OSError, ValueError):
        pass


# --------------------------------------------------------------------------- logging and privacy

_SYSLOG_PRIORITY = {logging.DEBUG: 7, logging.INFO: 6, logging.WARNING: 4, logging.ERROR: 3,
                    logging.CRITICAL: 2}
_show_transcripts = False


class JournalFormatter(logging.Formatter):
    """``<priority>name: message``: journald reads the prefix as the entry's level."""

    def format(self, record: logging.LogRecord) -> str:
        prio = _SYSLOG_PRIORITY.get(record.levelno, 6)
        text = super().format(record).replace("\n", " | ")  # one journal entry per record
        return f"<{prio}>{text}"


def under_journal() -> bool:
    """True when stderr is connected to the journal (systemd sets JOURNAL_STREAM=dev:inode)."""
    stream = os.environ.get("JOURNAL_STREAM", "")
    if not stream:
        return False
    try:
        st = os.fstat(sys.stderr.fileno())
    except (OSError, ValueError, AttributeError):
        return False
    return stream == f"{st.st_dev}:{st.st_ino}"


def setup_logging(cfg=None, verbose: int = 0, quiet: bool = False, default: str = "info") -> None:
    """Levels from ``[log] level`` (else ``default``; ``-v``/``-vv``/``-q`` override), to stderr
    or the journal."""
    global _show_transcripts
    name = getattr(getattr(cfg, "log", None), "level", default)
    level = getattr(logging, name.upper(), logging.INFO)
    if verbose == 1:
        level = min(level, logging.INFO)
    elif verbose >= 2:
        level = logging.DEBUG
    if quiet:
        level = logging.ERROR
    _show_transcripts = bool(getattr(getattr(cfg, "log", None), "transcripts", False))
    handler = logging.StreamHandler(sys.stderr)
    if under_journal():
        handler.setFormatter(JournalFormatter("%(name)s: %(message)s"))
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s",
                                               "%H:%M:%S"))
    root = logging.getLogger()
    for h in list(root.handlers):
        root.removeHandler(h)
    root.addHandler(handler)
    root.setLevel(level)
    # third-party chatter stays at warning even with -vv
    for noisy in ("numba", "urllib3", "filelock", "matplotlib"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def set_transcripts_shown(on: bool) -> None:
    global _show_transcripts
    _show_transcripts = bool(on)


def shown(text: str) -> str:
    """What may go into a log line about something a person said.

    The text itself only with ``[log] transcripts = true``; otherwise its length, so a log still
    shows that something was heard without saying what.
    """
    if _show_transcripts:
        return repr(text)
    return f"<{len(text.split())} words hidden; [log] transcripts = true shows them>"


def running_as_service(env: dict | None = None) -> bool:
    """True under systemd (or another supervisor speaking sd_notify): stdout goes to a log."""
    env = os.environ if env is None else env
    return any(env.get(k) for k in ("INVOCATION_ID", "JOURNAL_STREAM", "NOTIFY_SOCKET"))


PRIVATE_EVENTS = ("utterance", "understood")
"""Loop events that carry what a person said (the transcript, the slot words)."""


def private_event(kind: str, data: dict) -> dict:
    """An event's data as it may be logged: transcript and slot words hidden unless
    ``[log] transcripts = true``. Intents, confidences, timings, actions and replies stay."""
    if _show_transcripts or kind not in PRIVATE_EVENTS:
        return data
    d = dict(data)
    if "text" in d:
        d["text"] = shown(str(d["text"]))
    if d.get("slots"):
        d["slots"] = [{**s, "text": "<hidden>", "value": None} if isinstance(s, dict) else s
                      for s in d["slots"]]
    return d


DEBUG_AUDIO_DIR = "debug-audio"
DEBUG_AUDIO_KEEP = 50


def store_audio(cfg, audio, label: str = "utterance") -> Path | None:
    """Write an utterance to ``state_dir()/debug-audio`` only with ``[log] store_audio = true``.

    Keeps the newest ``DEBUG_AUDIO_KEEP`` files. Failure (a full disk) is logged, never raised.
    """
    if not getattr(getattr(cfg, "log", None), "store_audio", False):
        return None
    from . import audio as A
    from . import paths

    d = paths.state_dir() / DEBUG_AUDIO_DIR
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in label)[:40]
    p = d / f"{time.strftime('%Y%m%d-%H%M%S')}-{int(time.time() * 1000) % 1000:03d}-{safe}.wav"
    try:
        d.mkdir(parents=True, exist_ok=True, mode=0o700)
        A.write_wav(p, audio)
        old = sorted(d.glob("*.wav"))[:-DEBUG_AUDIO_KEEP]
        for f in old:
            f.unlink(missing_ok=True)
    except Exception as exc:  # noqa: BLE001 - a debug aid must never take the speaker down
        log.warning("could not store debug audio in %s: %s", d, exc)
        return None
    return p


# --------------------------------------------------------------------------- microphone


def ReconnectingMicrophone(mic):  # noqa: N802 - reads as the class it returns
    """Wrap an opened ``audio.Microphone`` so its loss and return are survived (see mic_watch)."""
    from .mic_watch import MicrophoneFactory, ReconnectingSource

    dev = getattr(mic, "device", None)
    factory = MicrophoneFactory(dev.get("name") if isinstance(dev, dict) else dev)
    first = [mic]

    def open_source():
        return first.pop() if first else factory()

    return ReconnectingSource(open_source, name=getattr(mic, "name", "microphone"))


def open_microphone(device: str | int | None = None):
    """A microphone source that never fails to open: with no device yet it yields silence and
    retries (a service started at boot before the USB microphone is up must not crash-loop)."""
    from .mic_watch import MicrophoneFactory, ReconnectingSource

    return ReconnectingSource(MicrophoneFactory(device), name="microphone")
