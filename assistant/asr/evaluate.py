"""Evaluation helpers for tests and ``bench/``: the shared speech clips with their reference
transcripts, and word error rate after whisper's English normaliser.

Not on the device's path: nothing in the runtime imports this module. ``normalize`` imports
``whisper.normalizers`` (and so torch) when first called.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from ..paths import data_dir

SPEECH_SETS = {
    "ljspeech": "speech_ljspeech_32",
    "librispeech": "speech_librispeech_testclean_mini",
    "fleurs": "speech_fleurs_en",
}
"""Name -> folder under the data dir of the read-speech sets with reference transcripts."""


@dataclass(frozen=True)
class Clip:
    """One evaluation clip: its set, an id, the audio file and the reference text (as given)."""

    dataset: str
    id: str
    path: Path
    reference: str


def _ljspeech(root: Path) -> list[Clip]:
    rows = (root / "transcripts.psv").read_text(encoding="utf-8").splitlines()[1:]
    out = []
    for row in rows:
        cid, text = row.split("|", 1)
        out.append(Clip("ljspeech", cid, root / "wavs" / f"{cid}.wav", text))
    return out


def _librispeech(root: Path) -> list[Clip]:
    out = []
    for trans in sorted(root.rglob("*.trans.txt")):
        for line in trans.read_text(encoding="utf-8").splitlines():
            if line.strip():
                cid, text = line.split(" ", 1)
                out.append(Clip("librispeech", cid, trans.parent / f"{cid}.flac", text))
    return out


def _fleurs(root: Path) -> list[Clip]:
    return [Clip("fleurs", p.stem, p, p.with_suffix(".txt").read_text(encoding="utf-8").strip())
            for p in sorted(root.glob("*.ogg")) if p.with_suffix(".txt").is_file()]


_READERS = {"ljspeech": _ljspeech, "librispeech": _librispeech, "fleurs": _fleurs}


def clips(name: str, root: Path | None = None) -> list[Clip]:
    """The clips of one set (``SPEECH_SETS`` key); [] when its folder is absent."""
    folder = (root or data_dir()) / SPEECH_SETS[name]
    return _READERS[name](folder) if folder.is_dir() else []


def keyword_clips(root: Path | None = None, per_word: int = 2) -> list[Clip]:
    """Short (1 s) Google Speech Commands clips of real words (not _silence_/_unknown_)."""
    folder = (root or data_dir()) / "speech_google_speech_commands_v002_test_subset"
    labels = folder / "labels.tsv"
    if not labels.is_file():
        return []
    seen: dict[str, int] = {}
    out = []
    with labels.open(encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t"):
            if len(row) < 2 or row[1].startswith("_") or row[0] == "path":
                continue
            if seen.get(row[1], 0) >= per_word:
                continue
            seen[row[1]] = seen.get(row[1], 0) + 1
            path = folder / row[0]
            if path.is_file():
                out.append(Clip("speech_commands", path.stem, path, row[1]))
    return out


def command_clips(root: Path | None = None, n: int = 20) -> list[Path]:
    """Spoken coffee-maker commands (2-4 s, many speakers; no verbatim transcripts)."""
    folder = (root or data_dir()) / "speech_picovoice_coffee_commands" / "clean"
    return sorted(folder.glob("*.wav"))[:n] if folder.is_dir() else []


_NORMALIZER = None


def normalize(text: str) -> str:
    """whisper's EnglishTextNormalizer (numbers, spellings, punctuation, case)."""
    global _NORMALIZER
    if _NORMALIZER is None:
        from whisper.normalizers import EnglishTextNormalizer

        _NORMALIZER = EnglishTextNormalizer()
    return _NORMALIZER(text)


def word_errors(reference: str, hypothesis: str) -> tuple[int, int]:
    """(edit distance in words, reference word count) after ``normalize``."""
    ref, hyp = normalize(reference).split(), normalize(hypothesis).split()
    prev = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        cur = [i] + [0] * len(hyp)
        for j, h in enumerate(hyp, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (r != h))
        prev = cur
    return prev[-1], len(ref)


def wer(pairs: list[tuple[str, str]]) -> float:
    """Corpus WER over (reference, hypothesis) pairs: total edits / total reference words."""
    errs = words = 0
    for ref, hyp in pairs:
        e, n = word_errors(ref, hyp)
        errs, words = errs + e, words + n
    return errs / max(words, 1)
