"""Run a command under the unit's system-call sandbox, without systemd (tests have no PID 1).

    python tests/unit_sandbox.py [--unit FILE] -- COMMAND ...

Reads ``SystemCallFilter=``, ``SystemCallErrorNumber=`` and ``RestrictAddressFamilies=`` from the
unit, expands the ``@groups`` with ``systemd-analyze syscall-filter`` (so the lists are systemd's
own), and installs the same seccomp filter with libseccomp (what systemd uses) before exec:
allowed calls pass, the rest fail with the unit's errno, ``socket()`` of any family but the
allowed ones fails with EAFNOSUPPORT. ``NoNewPrivileges=`` is set too (seccomp needs it).
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import errno
import os
import re
import socket
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

UNIT = Path(__file__).resolve().parent.parent / "systemd" / "assistant.service"
SCMP_ACT_ALLOW = 0x7FFF0000
SCMP_CMP_EQ = 4


def SCMP_ACT_ERRNO(e: int) -> int:  # noqa: N802 - libseccomp's name
    return 0x00050000 | (e & 0xFFFF)


class ArgCmp(ctypes.Structure):
    _fields_ = [("arg", ctypes.c_uint), ("op", ctypes.c_int), ("datum_a", ctypes.c_uint64),
                ("datum_b", ctypes.c_uint64)]


@lru_cache(maxsize=None)
def expand(name: str) -> frozenset[str]:
    """A syscall name or @group → the set of syscall names, as systemd-analyze lists them."""
    if not name.startswith("@"):
        return frozenset([name])
    out = subprocess.run(["systemd-analyze", "syscall-filter", name], capture_output=True,
                         text=True, check=True).stdout
    names: set[str] = set()
    for ln in out.splitlines()[1:]:
        ln = ln.strip()
        if not ln or ln.startswith("#"):
            continue
        names |= expand(ln)
    return frozenset(names)


def unit_policy(unit: Path = UNIT) -> tuple[set[str], int, set[int]]:
    """(allowed syscall names, errno for the rest, allowed socket families) from the unit."""
    allowed: set[str] = set()
    err = errno.EPERM
    families: set[int] = set()
    for ln in unit.read_text().splitlines():
        m = re.match(r"^\s*(SystemCallFilter|SystemCallErrorNumber|RestrictAddressFamilies)=(.*)$", ln)
        if not m:
            continue
        key, val = m.group(1), m.group(2).strip()
        if key == "SystemCallErrorNumber":
            err = getattr(errno, val)
        elif key == "RestrictAddressFamilies":
            families = {getattr(socket, f) for f in val.split()}
        elif val.startswith("~"):
            for item in val[1:].split():
                allowed -= expand(item)
        else:
            if not allowed:
                allowed |= expand("@default")  # systemd adds it to every allow list
            for item in val.split():
                allowed |= expand(item)
    return allowed, err, families


def apply(unit: Path = UNIT) -> None:
    """Install the unit's filter on this process (irreversible)."""
    allowed, err, families = unit_policy(unit)
    lib = ctypes.CDLL(ctypes.util.find_library("seccomp") or "libseccomp.so.2", use_errno=True)
    lib.seccomp_init.restype = ctypes.c_void_p
    lib.seccomp_init.argtypes = [ctypes.c_uint32]
    lib.seccomp_syscall_resolve_name.argtypes = [ctypes.c_char_p]
    lib.seccomp_rule_add_array.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_int,
                                           ctypes.c_uint, ctypes.POINTER(ArgCmp)]
    lib.seccomp_load.argtypes = [ctypes.c_void_p]
    ctx = lib.seccomp_init(SCMP_ACT_ERRNO(err))
    if not ctx:
        raise OSError("seccomp_init failed")
    for name in sorted(allowed):
        nr = lib.seccomp_syscall_resolve_name(name.encode())
        if nr < 0:  # not a call on this architecture
            continue
        if name == "socket" and families:
            for fam in families:
                cmp = (ArgCmp * 1)(ArgCmp(0, SCMP_CMP_EQ, fam, 0))
                if lib.seccomp_rule_add_array(ctx, SCMP_ACT_ALLOW, nr, 1, cmp) != 0:
                    raise OSError(f"seccomp rule for socket({fam}) failed")
            continue
        if lib.seccomp_rule_add_array(ctx, SCMP_ACT_ALLOW, nr, 0, None) != 0:
            raise OSError(f"seccomp rule for {name} failed")
    if families:  # other families: EAFNOSUPPORT, as RestrictAddressFamilies= does
        nr = lib.seccomp_syscall_resolve_name(b"socket")
        for fam in (socket.AF_INET, socket.AF_INET6, socket.AF_NETLINK, socket.AF_PACKET):
            if fam not in families:
                cmp = (ArgCmp * 1)(ArgCmp(0, SCMP_CMP_EQ, fam, 0))
                lib.seccomp_rule_add_array(ctx, SCMP_ACT_ERRNO(errno.EAFNOSUPPORT), nr, 1, cmp)
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(38, 1, 0, 0, 0) != 0:  # PR_SET_NO_NEW_PRIVS
        raise OSError(ctypes.get_errno(), "PR_SET_NO_NEW_PRIVS failed")
    if lib.seccomp_load(ctx) != 0:
        raise OSError("seccomp_load failed")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--unit", type=Path, default=UNIT)
    ap.add_argument("command", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    cmd = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not cmd:
        ap.error("no command")
    apply(args.unit)
    os.execvp(cmd[0], cmd)
    return 127


if __name__ == "__main__":
    sys.exit(main())
