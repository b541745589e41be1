"""The status socket: a running ``assistant`` answers ``assistant status`` over a Unix socket.

Protocol: connect to ``state_dir()/status.sock`` (a ``SOCK_STREAM`` Unix socket); the server
writes one JSON object (``loop.status()``, plus ``pid``) and a newline, then closes. Nothing is
read from the client, so there is nothing to parse and nothing to inject.

Access: the socket is mode 0660 inside a 0750 directory, so only the service's user and group
(``assistant`` under systemd) may open it: add a person to the group to let them query it.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import socket
import stat
import threading
from pathlib import Path
from typing import Callable

from .errors import AssistantError

log = logging.getLogger(__name__)

SOCKET_NAME = "status.sock"
SOCKET_MODE = 0o660
DIR_MODE = 0o750
MAX_REPLY_BYTES = 4 * 1024 * 1024


SERVICE_STATE_DIR = Path("/var/lib/assistant")
"""Where systemd's ``StateDirectory=assistant`` puts the service's state."""


def socket_path(state_dir: str | Path | None = None) -> Path:
    from . import paths

    return Path(state_dir or paths.state_dir()) / SOCKET_NAME


def find_socket() -> Path:
    """The socket to ask: ``--state-dir``/``$STATE_DIRECTORY`` when given; otherwise this user's
    own state dir if an assistant runs there, else the system service's."""
    if os.environ.get("STATE_DIRECTORY"):
        return socket_path()
    own = socket_path()
    service = socket_path(SERVICE_STATE_DIR)
    if own.exists() or not (service.exists() or SERVICE_STATE_DIR.exists()):
        return own
    return service


class StatusServer:
    """Serves ``status_fn()`` as JSON on a Unix socket from a daemon thread.

    ``start()`` refuses (``AssistantError``) when another live instance already answers on the
    same socket, and replaces a stale socket file left by a crash.
    """

    def __init__(self, status_fn: Callable[[], dict], path: str | Path | None = None):
        self.status_fn = status_fn
        self.path = Path(path) if path else socket_path()
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self.served = 0

    def _prepare_dir(self) -> None:
        d = self.path.parent
        d.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
        st = d.stat()
        # never leave the socket's directory open to other users (created by hand with umask 022)
        if st.st_mode & 0o007 and st.st_uid == os.geteuid():
            os.chmod(d, stat.S_IMODE(st.st_mode) & ~0o007)

    def _clear_stale(self) -> None:
        if not (self.path.exists() or self.path.is_symlink()):
            return
        if not stat.S_ISSOCK(self.path.lstat().st_mode):
            raise AssistantError(f"{self.path}: exists and is not a socket; remove it")
        probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        probe.settimeout(1.0)
        try:
            probe.connect(str(self.path))
        except OSError:
            self.path.unlink(missing_ok=True)  # nobody listens: left over from a crash
            return
        finally:
            probe.close()
        raise AssistantError(f"another assistant is already running (it answers on {self.path}); "
                             "stop it first (systemctl stop assistant)")

    def start(self) -> "StatusServer":
        self._prepare_dir()
        self._clear_stale()
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            s.bind(str(self.path))
            os.chmod(self.path, SOCKET_MODE)
            s.listen(8)
        except OSError as exc:
            s.close()
            raise AssistantError(f"cannot open the status socket {self.path}: {exc.strerror}") from None
        s.settimeout(0.5)  # so stop() is noticed promptly
        self._sock = s
        self._thread = threading.Thread(target=self._serve, name="status-server", daemon=True)
        self._thread.start()
        return self

    def _reply(self) -> bytes:
        try:
            data = dict(self.status_fn())
        except Exception as exc:  # noqa: BLE001 - a status bug must not kill the speaker
            log.warning("status() failed: %s", exc)
            data = {"error": f"status unavailable: {type(exc).__name__}: {exc}"}
        data.setdefault("pid", os.getpid())
        return (json.dumps(data, default=str, ensure_ascii=False) + "\n").encode()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except socket.timeout:
                continue
            except OSError:
                if self._stop.is_set():
                    return
                continue
            with conn:
                try:
                    conn.settimeout(2.0)
                    conn.sendall(self._reply())
                    self.served += 1
                except OSError as exc:
                    log.debug("status client went away: %s", exc)

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2.0)
        if self._sock is not None:
            self._sock.close()
            self._sock = None
        try:
            if stat.S_ISSOCK(self.path.lstat().st_mode):
                self.path.unlink()
        except OSError:
            pass

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def query(path: str | Path | None = None, timeout: float = 3.0) -> dict:
    """Ask the running assistant for its status; clear ``AssistantError`` messages otherwise."""
    p = Path(path) if path else socket_path()
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(timeout)
    try:
        s.connect(str(p))
        chunks, size = [], 0
        while True:
            b = s.recv(65536)
            if not b:
                break
            chunks.append(b)
            size += len(b)
            if size > MAX_REPLY_BYTES:
                raise AssistantError(f"{p}: status reply too large")
    except FileNotFoundError:
        raise AssistantError(f"assistant is not running (no status socket at {p}; "
                             "systemctl status assistant says more)") from None
    except PermissionError:
        raise AssistantError(f"permission denied on {p}: only the service's user and group may "
                             "query it (sudo usermod -aG assistant $USER, then log in again)") from None
    except ConnectionRefusedError:
        raise AssistantError(f"assistant is not running (stale status socket at {p})") from None
    except socket.timeout:
        raise AssistantError(f"assistant did not answer on {p} within {timeout:g} s") from None
    except OSError as exc:
        if exc.errno == errno.ENOTSOCK:
            raise AssistantError(f"{p} is not a socket") from None
        raise AssistantError(f"cannot query {p}: {exc.strerror or exc}") from None
    finally:
        s.close()
    try:
        data = json.loads(b"".join(chunks))
    except ValueError:
        raise AssistantError(f"{p}: the status reply is not JSON") from None
    if not isinstance(data, dict):
        raise AssistantError(f"{p}: the status reply is not a JSON object")
    return data


def format_status(st: dict) -> str:
    """A readable multi-line summary of ``loop.status()``."""
    lines = []
    up = float(st.get("uptime_s", 0) or 0)
    h, rem = divmod(int(up), 3600)
    m, s = divmod(rem, 60)
    lines.append(f"running (pid {st.get('pid', '?')}), up {h}h{m:02d}m{s:02d}s, "
                 f"{st.get('utterances', 0)} utterances, {st.get('reloads', 0)} reloads")
    mic = st.get("microphone") or {}
    if mic:
        lines.append(f"microphone: {mic.get('state', '?')}" + (f" ({mic['name']})" if mic.get("name")
                                                                else ""))
    models = st.get("models") or {}
    if models:
        lines.append("models:")
        for name, m in sorted(models.items()):
            if isinstance(m, dict):
                sha = str(m.get("sha256") or "")[:12]
                extra = f"  {m['note']}" if m.get("note") else ""
                lines.append(f"  {name:<12} {m.get('version', '?')!s:<14} {sha:<12} "
                             f"{m.get('path', '')}{extra}")
            else:
                lines.append(f"  {name:<12} {m}")
    lat = st.get("last_latencies_ms") or {}
    if lat:
        lines.append("last latencies: " + ", ".join(
            f"{k} {v:.0f} ms" if isinstance(v, (int, float)) else f"{k} {v}" for k, v in lat.items()))
    errors = st.get("errors") or {}
    lines.append("errors: " + (", ".join(f"{k} {v}" for k, v in sorted(errors.items()))
                               if errors else "none"))
    known = {"uptime_s", "pid", "utterances", "reloads", "microphone", "models",
             "last_latencies_ms", "errors"}
    for k, v in st.items():
        if k not in known:
            lines.append(f"{k}: {json.dumps(v, default=str) if isinstance(v, (dict, list)) else v}")
    return "\n".join(lines)
