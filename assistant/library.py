"""The local media library: audio files on disk, their tags, in the database's ``tracks`` table.

``scan(db, directory)`` walks a directory, reads each audio file's header with soundfile (duration)
and its tags with mutagen (title, artist, album, genre), guesses its kind (music, podcast, audiobook,
radio) from the genre tag or a folder name, and stores it. An untagged file takes its artist and
album from its folders (``Artist/Album/01 - Title.flac``). Rescans are incremental: a file whose
mtime and size are unchanged is not opened again, a changed one is re-read, a vanished one is
removed. Junk (not audio, unreadable, zero-length) is skipped and counted, never fatal; it is
remembered by mtime/size too, so a rescan does not try it again until it changes.
"""

from __future__ import annotations

import logging
import os
import re
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from .db import Database
from .errors import AudioError, UsageError

log = logging.getLogger(__name__)

AUDIO_EXTENSIONS = {".wav", ".flac", ".ogg", ".oga", ".opus", ".mp3", ".aiff", ".aif", ".au",
                    ".w64", ".caf", ".m4a", ".wv"}
"""Files considered at all; anything else in the tree is ignored (not counted as junk)."""

KINDS = ("music", "podcast", "audiobook", "radio")
_KIND_WORDS = {
    "podcast": ("podcast", "podcasts", "talk", "news"),
    "audiobook": ("audiobook", "audiobooks", "audio book", "spoken word", "spokenword", "books"),
    "radio": ("radio", "stream", "streams", "broadcast"),
}


@dataclass(frozen=True)
class Track:
    """One playable file. ``duration_s`` in seconds; ``kind`` one of :data:`KINDS`."""

    id: int
    path: str
    title: str
    artist: str
    album: str
    genre: str
    kind: str
    duration_s: float

    def to_json(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class ScanResult:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    skipped: int = 0
    """Junk, unreadable or empty files (including ones skipped on an earlier scan)."""

    def to_json(self) -> dict:
        return asdict(self)


def guess_kind(genre: str, path: str | Path) -> str:
    """Kind from the genre tag first, then from folder names (``.../Podcasts/x.ogg``)."""
    g = genre.strip().lower()
    for kind, words in _KIND_WORDS.items():
        if g in words:
            return kind
    for part in reversed(Path(path).parent.parts[-3:]):
        low = part.lower()
        for kind, words in _KIND_WORDS.items():
            if low in words:
                return kind
    return "music"


def _first_tag(tags, *keys: str) -> str:
    if tags is None:
        return ""
    for key in keys:
        try:
            value = tags.get(key)
        except (KeyError, ValueError, TypeError):
            value = None
        if value is None:
            continue
        if isinstance(value, (list, tuple)):
            value = value[0] if value else ""
        text = str(value).strip()
        if text:
            return text
    return ""


def read_tags(path: str | Path) -> dict[str, str]:
    """title/artist/album/genre from the file's tags ('' where absent or unreadable)."""
    try:
        import mutagen

        f = mutagen.File(str(path), easy=True)
    except Exception as exc:  # mutagen raises many types on junk; tags are optional
        log.debug("%s: no readable tags (%s)", path, exc)
        f = None
    tags = getattr(f, "tags", None) if f is not None else None
    return {k: _first_tag(tags, k) for k in ("title", "artist", "album", "genre")}


_NOT_NAMES = {"music", "my music", "songs", "media", "library", "audio", "mp3", "flac"} | {
    w for words in _KIND_WORDS.values() for w in words}
"""Folder names that sort a library by kind, not by artist or album."""


def names_from_folders(path: Path, root: Path | None) -> tuple[str, str]:
    """(artist, album) from an untagged file's folders below ``root``: ".../Artist/Album/x.wav"
    → ("Artist", "Album"), ".../Artist/x.wav" → ("Artist", ""); kind folders ("Podcasts",
    "Music") are skipped."""
    try:
        parts = path.parent.relative_to(root).parts if root is not None else ()
    except ValueError:
        parts = ()
    parts = tuple(x for x in parts if x.lower() not in _NOT_NAMES)
    if len(parts) >= 2:
        return parts[-2], parts[-1]
    return (parts[-1], "") if parts else ("", "")


def read_track_info(path: str | Path, root: str | Path | None = None) -> dict:
    """Everything stored for one file; raises AudioError for junk, unreadable or empty files.
    With the library's ``root``, an untagged file's artist and album come from its folders."""
    from . import audio

    p = Path(path)
    if p.stat().st_size == 0:
        raise AudioError(f"{path}: empty file")
    inf = audio.info(p)
    if inf.frames <= 0 or inf.samplerate <= 0:
        raise AudioError(f"{path}: contains no audio")
    tags = read_tags(p)
    # "01 - Song.wav", "1. Song.flac": the track number is not the title ("99 Luftballons" keeps it)
    title = tags["title"] or re.sub(r"^\d{1,3}\s*[-._]\s*", "", p.stem).replace("_", " ").strip() \
        or p.stem
    if not tags["artist"] and not tags["album"]:
        tags["artist"], tags["album"] = names_from_folders(p, Path(root) if root else None)
    return {"title": title, "artist": tags["artist"], "album": tags["album"],
            "genre": tags["genre"], "kind": guess_kind(tags["genre"], p),
            "duration_s": round(inf.duration_s, 3)}


def _walk(directory: Path):
    for root, dirs, files in os.walk(directory, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or Path(name).suffix.lower() not in AUDIO_EXTENSIONS:
                continue
            yield Path(root) / name


def scan(db: Database, directory: str | Path) -> ScanResult:
    """Bring the library up to date with ``directory`` (recursively). Returns the counts."""
    d = Path(directory).expanduser()
    if not d.is_dir():
        raise UsageError(f"{directory}: not a directory")
    d = d.resolve()
    known = {r["path"]: (r["mtime"], r["size"]) for r in db.query(
        "SELECT path, mtime, size FROM tracks WHERE path LIKE ? ESCAPE '\\'", (_prefix(d),))}
    junk = {r["path"]: (r["mtime"], r["size"]) for r in db.query(
        "SELECT path, mtime, size FROM skipped_files WHERE path LIKE ? ESCAPE '\\'", (_prefix(d),))}
    added = updated = unchanged = skipped = 0
    seen: set[str] = set()
    now = time.time()
    for p in _walk(d):
        key = str(p)
        seen.add(key)
        try:
            st = p.stat()
        except OSError:
            skipped += 1
            continue
        stamp = (st.st_mtime, st.st_size)
        if known.get(key) == stamp:
            unchanged += 1
            continue
        if junk.get(key) == stamp:
            skipped += 1
            continue
        try:
            meta = read_track_info(p, d)
        except (AudioError, OSError) as exc:
            log.info("skipped %s: %s", p, exc)
            skipped += 1
            with db.transaction() as c:
                c.execute("DELETE FROM tracks WHERE path = ?", (key,))
                c.execute("INSERT OR REPLACE INTO skipped_files (path, mtime, size, reason) "
                          "VALUES (?, ?, ?, ?)", (key, st.st_mtime, st.st_size, str(exc)[:200]))
            continue
        with db.transaction() as c:
            c.execute("DELETE FROM skipped_files WHERE path = ?", (key,))
            if key in known:
                c.execute("UPDATE tracks SET mtime=?, size=?, title=?, artist=?, album=?, genre=?, "
                          "kind=?, duration_s=? WHERE path=?",
                          (st.st_mtime, st.st_size, meta["title"], meta["artist"], meta["album"],
                           meta["genre"], meta["kind"], meta["duration_s"], key))
                updated += 1
            else:
                c.execute("INSERT INTO tracks (path, mtime, size, title, artist, album, genre, kind, "
                          "duration_s, added_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                          (key, st.st_mtime, st.st_size, meta["title"], meta["artist"],
                           meta["album"], meta["genre"], meta["kind"], meta["duration_s"], now))
                added += 1
    gone = [k for k in known if k not in seen]
    with db.transaction() as c:
        c.executemany("DELETE FROM tracks WHERE path = ?", [(k,) for k in gone])
        c.executemany("DELETE FROM skipped_files WHERE path = ?",
                      [(k,) for k in junk if k not in seen])
    return ScanResult(added, updated, unchanged, len(gone), skipped)


def _prefix(d: Path) -> str:
    base = str(d).rstrip(os.sep) + os.sep
    return base.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _row(r) -> Track:
    return Track(r["id"], r["path"], r["title"], r["artist"], r["album"], r["genre"], r["kind"],
                 r["duration_s"])


_TRACKS: dict[tuple[str, str | None], tuple[tuple, list[Track]]] = {}
"""The last list :func:`tracks` read, per database file and kind, with the table's fingerprint."""


def tracks(db: Database, kind: str | None = None) -> list[Track]:
    """All tracks (or those of one kind), ordered by artist, album, title.

    Read again only when the table changed (its row count, largest id, or the sum of the files'
    times and sizes, which a scan changes with every file it adds, updates or drops): a play
    command reads the library twice or more, and 20,000 rows took 150 ms a read."""
    mark = tuple(db.query("SELECT COUNT(*), COALESCE(MAX(id), 0), COALESCE(SUM(mtime), 0), "
                          "COALESCE(SUM(size), 0) FROM tracks")[0])
    key = (str(db.path), kind)
    hit = _TRACKS.get(key)
    if hit is not None and hit[0] == mark and str(db.path) != ":memory:":
        return list(hit[1])
    sql = "SELECT * FROM tracks"
    params: tuple = ()
    if kind:
        sql += " WHERE kind = ?"
        params = (kind,)
    sql += " ORDER BY artist COLLATE NOCASE, album COLLATE NOCASE, title COLLATE NOCASE"
    rows = [_row(r) for r in db.query(sql, params)]
    _TRACKS[key] = (mark, rows)
    return list(rows)


def get(db: Database, track_id: int) -> Track | None:
    r = db.query("SELECT * FROM tracks WHERE id = ?", (track_id,))
    return _row(r[0]) if r else None


def count(db: Database) -> int:
    return int(db.query("SELECT COUNT(*) FROM tracks")[0][0])


def find(db: Database, artist: str = "", title: str = "") -> list[Track]:
    """Tracks whose artist and/or title match (case-insensitive, exact first then substring)."""
    rows = tracks(db)
    a, t = artist.strip().lower(), title.strip().lower()

    def hit(tr: Track, exact: bool) -> bool:
        ok_a = not a or (tr.artist.lower() == a if exact else a in tr.artist.lower())
        ok_t = not t or (tr.title.lower() == t if exact else t in tr.title.lower())
        return ok_a and ok_t

    exact = [tr for tr in rows if hit(tr, True)]
    return exact or [tr for tr in rows if hit(tr, False)]


def ensure_library(db: Database, dirs: tuple[str, ...] | list[str] = ()) -> ScanResult | None:
    """Make sure there is something to play.

    With library paths configured (``[library] paths``), those are scanned when the library is
    empty. With none configured and an empty library, the demo library
    (``demo_dir()/library``) is generated if needed and scanned. Returns the scan result, or
    None when nothing had to be done.
    """
    if count(db):
        return None
    if dirs:
        total = ScanResult()
        for d in dirs:
            if Path(d).expanduser().is_dir():
                r = scan(db, d)
                total = ScanResult(*(a + b for a, b in zip(asdict(total).values(), asdict(r).values())))
            else:
                log.warning("library path %s is not a directory", d)
        return total
    from . import demo_library

    return scan(db, demo_library.ensure())
