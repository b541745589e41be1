"""Model cards: the JSON beside every model artifact, and the hash check loaders make.

A card holds at least ``{"name", "source", "files": {relpath: sha256}, "created", "rebuild"}``
and whatever metrics the producer measured.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from pathlib import Path

from .errors import ModelError, ModelIntegrityError

CARD = "card.json"


def sha256_file(path: str | Path, chunk: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(chunk):
            h.update(block)
    return h.hexdigest()


def now_iso() -> str:
    return _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()


def write_card(directory: str | Path, files: list[str], card_name: str = CARD, **fields) -> dict:
    """Hash ``files`` (paths relative to ``directory``) and write the card next to them."""
    directory = Path(directory)
    card = {"created": now_iso(), **fields,
            "files": {f: sha256_file(directory / f) for f in files}}
    tmp = directory / (card_name + ".tmp")
    tmp.write_text(json.dumps(card, indent=2, sort_keys=False) + "\n")
    tmp.replace(directory / card_name)
    return card


def read_card(directory: str | Path, card_name: str = CARD) -> dict:
    path = Path(directory) / card_name
    try:
        card = json.loads(path.read_text())
    except FileNotFoundError:
        raise ModelError(f"{path}: model card missing") from None
    except (OSError, ValueError) as exc:
        raise ModelError(f"{path}: unreadable model card ({exc})") from None
    if not isinstance(card, dict) or not isinstance(card.get("files"), dict):
        raise ModelError(f"{path}: model card has no 'files' table")
    return card


def verify(directory: str | Path, card_name: str = CARD, only: list[str] | None = None) -> dict:
    """Check every file the card lists against its sha256; returns the card.

    Raises ModelIntegrityError naming the first file that is missing or differs.
    """
    directory = Path(directory)
    card = read_card(directory, card_name)
    for rel, digest in card["files"].items():
        if only is not None and rel not in only:
            continue
        path = directory / rel
        if not path.is_file():
            raise ModelIntegrityError(f"{path}: missing (listed in {card_name})")
        if sha256_file(path) != digest:
            raise ModelIntegrityError(
                f"{path}: sha256 does not match its card (tampered or corrupt); rebuild or reinstall it")
    return card
