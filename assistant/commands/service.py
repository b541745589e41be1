"""``assistant status [--json]`` and ``assistant service install|uninstall``.

Install layout (under ``--root``, default ``/``; tests and packagers pass a scratch directory)::

    etc/systemd/system/assistant.service              the unit, ExecStart = this venv's console script
    etc/systemd/system/multi-user.target.wants/...    the enable link (what `systemctl enable` makes)
    etc/sysusers.d/assistant.conf                     the `assistant` system user, in group `audio`
    etc/assistant/config.toml                         the commented default (never overwritten)
    etc/assistant/trusted-keys/                       public keys that may sign model bundles

State (``var/lib/assistant``: history, timers, the model store) and cache are made by systemd
(``StateDirectory=``/``CacheDirectory=``); uninstall keeps them and the config unless ``--purge``.
Only with ``--root /`` on a machine where systemd runs are ``systemd-sysusers`` and ``systemctl``
called; otherwise nothing outside the root is touched.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from .. import paths
from ..errors import AssistantError, UsageError

UNIT = "assistant.service"
UNIT_DIR = "etc/systemd/system"
WANTS_DIR = "etc/systemd/system/multi-user.target.wants"
SYSUSERS = "etc/sysusers.d/assistant.conf"
CONF_DIR = "etc/assistant"
KEYS_DIR = "etc/assistant/trusted-keys"
STATE_DIRS = ("var/lib/assistant", "var/lib/private/assistant", "var/cache/assistant")
SHIPPED = paths.REPO_ROOT / "systemd"
SHIPPED_KEYS = paths.MODELS_DIR / "trusted-keys"
SYSUSERS_TEXT = """\
# The system user of assistant.service (written by `assistant service install`).
u assistant - "Offline smart-speaker voice assistant" /var/lib/assistant
m assistant audio
"""
HIDDEN_BY_PROTECT_HOME = ("/home", "/root", "/run/user")


# --------------------------------------------------------------------------- status


def cmd_status(args) -> int:
    from .. import status

    st = status.query(status.find_socket())
    if args.json:
        print(json.dumps(st, ensure_ascii=False, default=str))
    else:
        print(status.format_status(st))
    return 0


# --------------------------------------------------------------------------- install


def _say(msg: str, quiet: bool = False) -> None:
    if not quiet:
        print(msg)


def default_exec() -> Path:
    """The console script of the environment this command runs from."""
    cand = Path(sys.prefix) / "bin" / "assistant"
    if cand.exists():
        return cand
    found = shutil.which("assistant")
    if found:
        return Path(found)
    raise AssistantError("cannot find the `assistant` console script; pass --exec PATH "
                         "(make setup installs it into .venv/bin)")


def _quote(path: str) -> str:
    return f'"{path}"' if re.search(r"\s", path) else path


def render_unit(exec_path: str | Path, source: Path | None = None) -> str:
    """The shipped unit with ExecStart pointing at ``exec_path``."""
    text = (source or SHIPPED / UNIT).read_text(encoding="utf-8")
    new, n = re.subn(r"(?m)^ExecStart=\S+(?= run\b)", f"ExecStart={_quote(str(exec_path))}", text)
    if n != 1:
        raise AssistantError(f"{source or SHIPPED / UNIT}: expected one 'ExecStart=... run' line")
    return new


def _systemd_running(root: Path) -> bool:
    return root == Path("/") and Path("/run/systemd/system").is_dir() and bool(
        shutil.which("systemctl"))


def _run(cmd: list[str], quiet: bool) -> None:
    _say("+ " + " ".join(cmd), quiet)
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        raise AssistantError(f"{' '.join(cmd)} failed: {(r.stderr or r.stdout).strip()[:300]}")


def _write(path: Path, text: str, mode: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.chmod(tmp, mode)
    os.replace(tmp, path)


def install(root: str | Path = "/", exec_path: str | Path | None = None, enable: bool = True,
            keys: list[str] | None = None, quiet: bool = False) -> dict:
    """Put the unit, the system user, the default config and the keys directory under ``root``."""
    root = Path(root).resolve()
    exe = Path(exec_path) if exec_path else default_exec()
    if not exe.is_absolute():
        raise UsageError(f"--exec must be an absolute path, got {exe}")
    if any(str(exe) == h or str(exe).startswith(h + "/") for h in HIDDEN_BY_PROTECT_HOME):
        raise AssistantError(f"{exe} is under a home directory, which the unit hides "
                             "(ProtectHome=yes); put the checkout under /opt (e.g. /opt/assistant, "
                             "then make setup && make install there)")
    if root == Path("/") and not os.access(str(exe), os.X_OK):
        raise AssistantError(f"{exe} is not an executable file; pass --exec PATH")
    done: dict = {"root": str(root), "exec": str(exe), "written": [], "kept": []}

    unit = root / UNIT_DIR / UNIT
    _write(unit, render_unit(exe), 0o644)
    done["written"].append(str(unit))
    _write(root / SYSUSERS, SYSUSERS_TEXT, 0o644)
    done["written"].append(str(root / SYSUSERS))

    conf = root / CONF_DIR / "config.toml"
    conf.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(conf.parent, 0o755)
    if conf.exists():
        done["kept"].append(str(conf))
    else:
        _write(conf, (SHIPPED / "config.toml").read_text(encoding="utf-8"), 0o644)
        done["written"].append(str(conf))

    kdir = root / KEYS_DIR
    kdir.mkdir(parents=True, exist_ok=True)
    os.chmod(kdir, 0o755)
    srcs = [Path(k) for k in keys or []]
    if SHIPPED_KEYS.is_dir():
        srcs += sorted(SHIPPED_KEYS.glob("*.pub"))
    for k in srcs:
        if not k.is_file():
            raise AssistantError(f"{k}: no such key file")
        if b"PRIVATE KEY" in k.read_bytes():
            raise AssistantError(f"{k}: is a private key; only public keys go to the device")
        dst = kdir / k.name
        shutil.copyfile(k, dst)
        os.chmod(dst, 0o644)
        done["written"].append(str(dst))

    if _systemd_running(root):
        if shutil.which("systemd-sysusers"):
            _run(["systemd-sysusers", "/" + SYSUSERS], quiet)
        _run(["systemctl", "daemon-reload"], quiet)
        if enable:
            _run(["systemctl", "enable", UNIT], quiet)
    elif enable:
        # what `systemctl enable` does for WantedBy=multi-user.target, without a running systemd
        link = root / WANTS_DIR / UNIT
        link.parent.mkdir(parents=True, exist_ok=True)
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to("/" + UNIT_DIR + "/" + UNIT)
        done["written"].append(str(link))
    done["enabled"] = enable
    for p in done["written"]:
        _say(f"installed {p}", quiet)
    for p in done["kept"]:
        _say(f"kept      {p} (already there)", quiet)
    if enable:
        _say("enabled   assistant.service (starts at boot; now: systemctl start assistant)", quiet)
    return done


def uninstall(root: str | Path = "/", purge: bool = False, quiet: bool = False) -> dict:
    """Remove the unit and its enable link; keep history, models and config unless ``purge``."""
    root = Path(root).resolve()
    done: dict = {"root": str(root), "removed": [], "kept": []}
    if _systemd_running(root):
        r = subprocess.run(["systemctl", "disable", "--now", UNIT], capture_output=True, text=True)
        if r.returncode != 0:
            _say(f"systemctl disable: {(r.stderr or '').strip()[:200]}", quiet)
    for rel in (f"{WANTS_DIR}/{UNIT}", f"{UNIT_DIR}/{UNIT}", SYSUSERS):
        p = root / rel
        if p.is_symlink() or p.exists():
            p.unlink()
            done["removed"].append(str(p))
    for rel in (CONF_DIR,) + STATE_DIRS:
        p = root / rel
        if not (p.exists() or p.is_symlink()):
            continue
        if purge:
            if p.is_symlink() or p.is_file():
                p.unlink()
            else:
                shutil.rmtree(p)
            done["removed"].append(str(p))
        else:
            done["kept"].append(str(p))
    if _systemd_running(root):
        subprocess.run(["systemctl", "daemon-reload"], capture_output=True)
    for p in done["removed"]:
        _say(f"removed {p}", quiet)
    for p in done["kept"]:
        _say(f"kept    {p} (history, models and config; --purge removes them)", quiet)
    return done


def cmd_service(args) -> int:
    root = args.root or os.environ.get("DESTDIR") or "/"
    if args.action == "install":
        if args.purge:
            raise UsageError("--purge goes with uninstall")
        install(root, exec_path=args.exec_path, enable=not args.no_enable, keys=args.trusted_key,
                quiet=args.quiet)
    else:
        uninstall(root, purge=args.purge, quiet=args.quiet)
    return 0
