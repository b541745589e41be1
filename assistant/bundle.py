"""Model bundles: the format, the signature and every check a device makes before installing one.

A bundle is an uncompressed tar (``NAME-VERSION.bundle``) of exactly::

    manifest.json      what is inside and what it is for (below)
    manifest.sig       ed25519 signature of manifest.json's exact bytes, hex, + key id
    files/<relpath>    every model file, regular files only

manifest.json::

    {"format": 1, "component": "asr", "name": "...", "version": "...", "created": "...",
     "target": "cpu-x86" | "arm64" | "cuda" | "any",
     "runtime": {"min": "0.1.0", "max": "0.999"},          # assistant versions it works with
     "files": {"encoder.onnx": {"sha256": "...", "size": 123}, ...},
     "card": {... the model card: metrics, source, files: {rel: sha256} ...}}

``verify_bundle`` refuses (BundleError, one line) an unsigned bundle, one signed by a key not in
the trusted set, any file whose bytes differ from the manifest (one changed byte, truncation), a
wrong target, a runtime outside the range, and any path that could escape the slot (absolute,
``..``, links or other non-regular members, duplicates, files not in the manifest). It reads with
``tarfile`` member by member and never extracts blindly; no pickle anywhere.

Keys: ``keygen`` writes ``NAME.key`` (private, PEM, mode 600) and ``NAME.pub``; a device trusts
the ``*.pub`` files of its trusted-keys folder (``state_dir()/trusted_keys`` by default).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import platform
import posixpath
import tarfile
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .errors import BundleError
from .paths import state_dir

FORMAT = 1
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
PREFIX = "files/"
TARGETS = ("cpu-x86", "arm64", "cuda", "any")


SYSTEM_KEYS = Path("/etc/assistant/trusted-keys")


def trusted_keys_dir() -> Path:
    """Where the public keys that may sign bundles live: ``$ASSISTANT_TRUSTED_KEYS``, else the
    root-owned ``/etc/assistant/trusted-keys`` an installed device has (the service cannot
    write there, so a compromised service cannot trust a key of its own), else the state
    directory's ``trusted_keys`` for a person running it by hand."""
    env = os.environ.get("ASSISTANT_TRUSTED_KEYS")
    if env:
        return Path(env)
    return SYSTEM_KEYS if SYSTEM_KEYS.is_dir() else state_dir() / "trusted_keys"


def device_target() -> str:
    m = platform.machine().lower()
    return "arm64" if m in ("aarch64", "arm64", "armv8l") else "cpu-x86"


def _version_tuple(v: str) -> tuple[int, ...]:
    try:
        return tuple(int(x) for x in str(v).split("+")[0].split("."))
    except ValueError:
        raise BundleError(f"bad version string {v!r} in the bundle's runtime range") from None


# ----------------------------------------------------------------------------- keys

def key_id(public_raw: bytes) -> str:
    return hashlib.sha256(public_raw).hexdigest()[:16]


def generate_key(private_path: Path, public_path: Path) -> str:
    """New ed25519 key pair; returns its key id."""
    import os

    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    fd = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(pem)
    public_path.write_text(f"ed25519 {raw.hex()} {key_id(raw)}\n")
    return key_id(raw)


def load_private_key(path: Path):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    try:
        key = serialization.load_pem_private_key(Path(path).read_bytes(), password=None)
    except (OSError, ValueError) as exc:
        raise BundleError(f"{path}: cannot read the signing key ({exc})") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise BundleError(f"{path}: not an ed25519 private key")
    return key


def read_public_key(path: Path) -> bytes:
    parts = Path(path).read_text().split()
    if len(parts) < 2 or parts[0] != "ed25519" or len(parts[1]) != 64:
        raise BundleError(f"{path}: not an ed25519 public key file ('ed25519 HEX [id]')")
    return bytes.fromhex(parts[1])


def trusted_keys(folder: Path | None = None) -> dict[str, bytes]:
    """key id -> raw public key, from the ``*.pub`` files of ``folder``."""
    folder = Path(folder) if folder else trusted_keys_dir()
    keys = {}
    if folder.is_dir():
        for pub in sorted(folder.glob("*.pub")):
            raw = read_public_key(pub)
            keys[key_id(raw)] = raw
    return keys


# ----------------------------------------------------------------------------- writing

def _tar_add(tar: tarfile.TarFile, name: str, data: bytes | None = None, path: Path | None = None) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data) if data is not None else path.stat().st_size
    info.mode = 0o644
    info.mtime = 0  # reproducible bundles
    if data is not None:
        tar.addfile(info, io.BytesIO(data))
    else:
        with open(path, "rb") as f:
            tar.addfile(info, f)


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(1 << 20):
            h.update(block)
    return h.hexdigest()


def check_relpath(rel: str) -> str:
    """A bundle-relative path that stays inside the slot, or BundleError."""
    if not rel or rel.startswith("/") or "\\" in rel or rel != posixpath.normpath(rel):
        raise BundleError(f"bundle path {rel!r} is not a plain relative path; refused")
    if any(part in ("..", ".", "") for part in rel.split("/")) or ":" in rel.split("/")[0]:
        raise BundleError(f"bundle path {rel!r} escapes the bundle; refused")
    if rel in ("card.json", "bundle.json"):
        raise BundleError(f"bundle path {rel!r} is reserved; refused")
    return rel


def write_bundle(out: Path, model_dir: Path, files: list[str], manifest_fields: dict,
                 private_key_path: Path | None) -> dict:
    """Write ``out`` (a signed tar) holding ``files`` of ``model_dir``; returns the manifest.

    manifest_fields: component, name, version, target, runtime {min, max}, card.
    Without a key the bundle is written unsigned (devices refuse it: useful for tests only).
    """
    entries = {}
    for rel in files:
        check_relpath(rel)
        p = model_dir / rel
        if p.is_symlink() or not p.is_file():
            raise BundleError(f"{p}: not a regular file; bundles hold regular files only")
        entries[rel] = {"sha256": sha256_file(p), "size": p.stat().st_size}
    if manifest_fields.get("target") not in TARGETS:
        raise BundleError(f"target must be one of {', '.join(TARGETS)}")
    manifest = {"format": FORMAT, **manifest_fields, "files": entries}
    card = dict(manifest.get("card") or {})
    card["files"] = {rel: e["sha256"] for rel, e in entries.items()}
    manifest["card"] = card
    body = (json.dumps(manifest, indent=1, sort_keys=True) + "\n").encode()
    tmp = out.with_name(out.name + ".tmp")
    with tarfile.open(tmp, "w", format=tarfile.PAX_FORMAT) as tar:
        _tar_add(tar, MANIFEST, body)
        if private_key_path is not None:
            from cryptography.hazmat.primitives import serialization

            key = load_private_key(private_key_path)
            raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
            sig = {"alg": "ed25519", "key_id": key_id(raw), "signature": key.sign(body).hex()}
            _tar_add(tar, SIGNATURE, (json.dumps(sig) + "\n").encode())
        for rel in files:
            _tar_add(tar, PREFIX + rel, path=model_dir / rel)
    tmp.replace(out)
    return manifest


# ----------------------------------------------------------------------------- reading, verifying

@dataclass
class VerifiedBundle:
    path: Path
    manifest: dict
    key_id: str
    members: dict  # rel -> TarInfo

    def writers(self):
        """(rel, writer) pairs for Store.install: each writer copies that member to a path,
        hashing as it goes (the bytes are checked a second time while they are written)."""
        for rel, info in self.members.items():
            yield rel, (lambda dest, rel=rel, info=info: self._extract(rel, info, dest))

    def _extract(self, rel: str, info: tarfile.TarInfo, dest: Path) -> None:
        want = self.manifest["files"][rel]["sha256"]
        h = hashlib.sha256()
        with tarfile.open(self.path, "r:") as tar, open(dest, "wb") as out:
            src = tar.extractfile(info)
            while block := src.read(1 << 20):
                h.update(block)
                out.write(block)
        if h.hexdigest() != want:
            raise BundleError(f"{self.path.name}: {rel} changed while it was installed; refused")


def _member_bytes(tar: tarfile.TarFile, info: tarfile.TarInfo, limit: int = 1 << 22) -> bytes:
    if info.size > limit:
        raise BundleError(f"bundle member {info.name} is too large ({info.size} bytes)")
    return tar.extractfile(info).read()


def _check_end(path: Path, end_of_members: int) -> None:
    """A bundle ends exactly as tarfile writes it: two zero blocks after the last member, padded
    with zeros to a whole record. Anything shorter was truncated (even if only padding was lost)."""
    size = path.stat().st_size
    record = tarfile.RECORDSIZE
    want = -(-(end_of_members + 2 * tarfile.BLOCKSIZE) // record) * record
    if size != want:
        raise BundleError(f"{path.name}: truncated or padded bundle ({size} bytes, expected {want}); refused")
    with open(path, "rb") as f:
        f.seek(end_of_members)
        if f.read().strip(b"\0"):
            raise BundleError(f"{path.name}: data after the end of the archive; refused")


def verify_bundle(path: str | Path, keys: dict[str, bytes] | None = None, target: str | None = None,
                  runtime_version: str = __version__) -> VerifiedBundle:
    """Every check, in order: tar members and paths, signature and key, manifest, target,
    runtime range, every file's size and sha256. Returns what ``Store.install`` needs."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    path = Path(path)
    name = path.name
    keys = trusted_keys() if keys is None else keys
    target = target or device_target()
    try:
        tar = tarfile.open(path, "r:")
    except FileNotFoundError:
        raise BundleError(f"{path}: no such bundle") from None
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise BundleError(f"{name}: not a readable bundle (truncated or corrupt: {exc}); refused") from None
    with tar:
        try:
            infos = tar.getmembers()
        except (tarfile.TarError, EOFError, OSError) as exc:
            raise BundleError(f"{name}: truncated or corrupt bundle ({exc}); refused") from None
        _check_end(path, tar.offset)
        seen: dict[str, tarfile.TarInfo] = {}
        for info in infos:
            if info.name in seen:
                raise BundleError(f"{name}: member {info.name!r} appears twice; refused")
            if not info.isfile():
                kind = "link" if (info.issym() or info.islnk()) else "non-regular member"
                raise BundleError(f"{name}: {kind} {info.name!r} in the bundle; refused")
            seen[info.name] = info
        if MANIFEST not in seen:
            raise BundleError(f"{name}: no {MANIFEST}; refused")
        if SIGNATURE not in seen:
            raise BundleError(f"{name}: unsigned bundle; refused")
        for member in seen:
            if member in (MANIFEST, SIGNATURE):
                continue
            if not member.startswith(PREFIX):
                raise BundleError(f"{name}: unexpected member {member!r}; refused")
            check_relpath(member[len(PREFIX):])
        try:
            body = _member_bytes(tar, seen[MANIFEST])
            sig = json.loads(_member_bytes(tar, seen[SIGNATURE]))
            sig_bytes = bytes.fromhex(sig["signature"])
            kid = str(sig["key_id"])
        except (tarfile.TarError, OSError, EOFError, ValueError, KeyError, TypeError) as exc:
            raise BundleError(f"{name}: unreadable signature or manifest ({exc}); refused") from None
        if kid not in keys:
            raise BundleError(f"{name}: signed by key {kid}, which this device does not trust; refused")
        try:
            Ed25519PublicKey.from_public_bytes(keys[kid]).verify(sig_bytes, body)
        except InvalidSignature:
            raise BundleError(f"{name}: bad signature (manifest altered or wrong key); refused") from None
        try:
            manifest = json.loads(body)
            files = manifest["files"]
            component = manifest["component"]
        except (ValueError, KeyError, TypeError) as exc:
            raise BundleError(f"{name}: malformed manifest ({exc}); refused") from None
        if manifest.get("format") != FORMAT:
            raise BundleError(f"{name}: bundle format {manifest.get('format')} is not {FORMAT}; refused")
        if not isinstance(component, str) or not component.isidentifier():
            raise BundleError(f"{name}: bad component {component!r}; refused")
        btarget = manifest.get("target")
        if btarget not in ("any", target):
            raise BundleError(f"{name}: built for target {btarget}, this device is {target}; refused")
        rng = manifest.get("runtime") or {}
        lo, hi = rng.get("min", "0"), rng.get("max", "999999")
        if not (_version_tuple(lo) <= _version_tuple(runtime_version) <= _version_tuple(hi)):
            raise BundleError(f"{name}: needs assistant {lo} to {hi}, this is {runtime_version}; refused")
        listed = {check_relpath(rel) for rel in files}
        present = {m[len(PREFIX):] for m in seen if m.startswith(PREFIX)}
        if listed != present:
            extra, missing = sorted(present - listed), sorted(listed - present)
            raise BundleError(f"{name}: files differ from the manifest (extra {extra}, missing {missing}); refused")
        members = {}
        for rel in sorted(listed):
            info = seen[PREFIX + rel]
            if info.size != files[rel]["size"]:
                raise BundleError(f"{name}: {rel} is {info.size} bytes, the manifest says "
                                  f"{files[rel]['size']} (truncated or altered); refused")
            h = hashlib.sha256()
            try:
                src = tar.extractfile(info)
                while block := src.read(1 << 20):
                    h.update(block)
            except (tarfile.TarError, OSError, EOFError) as exc:
                raise BundleError(f"{name}: {rel} unreadable (truncated: {exc}); refused") from None
            if h.hexdigest() != files[rel]["sha256"]:
                raise BundleError(f"{name}: {rel} does not match its sha256 (altered or corrupt); refused")
            members[rel] = info
        card_files = (manifest.get("card") or {}).get("files")
        if card_files != {rel: files[rel]["sha256"] for rel in files}:
            raise BundleError(f"{name}: the card's hashes differ from the manifest's; refused")
    return VerifiedBundle(path, manifest, kid, members)
