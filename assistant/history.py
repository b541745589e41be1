"""Play history: what this household started, finished, skipped, liked and disliked.

Each event has a time (Unix seconds, UTC), a kind (:data:`EVENTS`), a source (:data:`SOURCES`: how
the play came about) and names the track by library id when it has one, and always by artist and
title (imported plays and removed files have no library row). ``finished`` carries the fraction
played (0..1).

``import_file`` reads a listening-history export (Spotify ``StreamingHistory*.json``: endTime,
artistName, trackName, msPlayed; Spotify's extended ``endsong``/``Streaming_History_Audio`` JSON;
or a CSV with header ``artist,title,played_at[,ms_played]``). The whole file is parsed and checked
first and written in one transaction: a bad file imports nothing and leaves the history as it was.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from .db import Database
from .errors import ImportFormatError, UsageError

EVENTS = ("started", "finished", "skipped", "liked", "disliked")
SOURCES = ("voice", "recommendation", "follow-on", "import")
MAX_IMPORT_BYTES = 32 * 1024 * 1024
"""Largest import file accepted (a year of Spotify history is a few MB)."""
SKIP_BELOW_MS = 30_000
"""An imported play shorter than this counts as a skip (Spotify's own threshold for a stream)."""


@dataclass(frozen=True)
class Event:
    """One history event. ``ts`` in Unix seconds; ``fraction`` 0..1 for finished plays."""

    id: int
    ts: float
    event: str
    source: str
    artist: str
    title: str
    track_id: int | None = None
    fraction: float | None = None
    ms_played: int | None = None

    def to_json(self) -> dict:
        d = asdict(self)
        d["time"] = dt.datetime.fromtimestamp(self.ts, dt.timezone.utc).isoformat(timespec="seconds")
        return d


@dataclass(frozen=True)
class ImportResult:
    imported: int
    skipped_rows: int
    """Rows with no artist or title, duplicates of an earlier import, or older than retention."""
    format: str

    def to_json(self) -> dict:
        return asdict(self)


def record(db: Database, event: str, *, artist: str = "", title: str = "",
           track_id: int | None = None, source: str = "voice", fraction: float | None = None,
           ms_played: int | None = None, ts: float | None = None) -> int:
    """Append one event (its own transaction); returns its id."""
    if event not in EVENTS:
        raise UsageError(f"unknown history event {event!r}; one of {', '.join(EVENTS)}")
    if source not in SOURCES:
        raise UsageError(f"unknown history source {source!r}; one of {', '.join(SOURCES)}")
    if fraction is not None:
        fraction = min(1.0, max(0.0, float(fraction)))
    with db.transaction() as c:
        cur = c.execute("INSERT INTO history (ts, event, source, track_id, artist, title, fraction, "
                        "ms_played) VALUES (?,?,?,?,?,?,?,?)",
                        (time.time() if ts is None else float(ts), event, source, track_id, artist,
                         title, fraction, ms_played))
        return int(cur.lastrowid)


def _event(r) -> Event:
    return Event(r["id"], r["ts"], r["event"], r["source"], r["artist"], r["title"], r["track_id"],
                 r["fraction"], r["ms_played"])


def events(db: Database, limit: int | None = None, since: float | None = None) -> list[Event]:
    """Events, newest first."""
    sql, params = "SELECT * FROM history", []
    if since is not None:
        sql += " WHERE ts >= ?"
        params.append(since)
    sql += " ORDER BY ts DESC, id DESC"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    return [_event(r) for r in db.query(sql, params)]


def count(db: Database) -> int:
    return int(db.query("SELECT COUNT(*) FROM history")[0][0])


def clear(db: Database) -> int:
    """Delete every event; returns how many there were."""
    with db.transaction() as c:
        return c.execute("DELETE FROM history").rowcount


def prune(db: Database, retention_days: int, now: float | None = None) -> int:
    """Delete events older than ``retention_days`` (0 = keep forever); returns how many."""
    if retention_days <= 0:
        return 0
    cutoff = (time.time() if now is None else now) - retention_days * 86400.0
    with db.transaction() as c:
        return c.execute("DELETE FROM history WHERE ts < ?", (cutoff,)).rowcount


# --------------------------------------------------------------------------- import


def _parse_time(value, where: str) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        v = float(value)
        return v / 1000.0 if v > 1e11 else v  # milliseconds or seconds since the epoch
    text = str(value).strip()
    if not text:
        raise ImportFormatError(f"{where}: empty time")
    try:
        return float(text) / (1000.0 if float(text) > 1e11 else 1.0)
    except ValueError:
        pass
    try:
        t = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ImportFormatError(f"{where}: cannot read the time {text[:40]!r} "
                                "(expected e.g. 2024-03-01 18:04 or 2024-03-01T18:04:05Z)") from None
    if t.tzinfo is None:  # Spotify's endTime is UTC without a zone
        t = t.replace(tzinfo=dt.timezone.utc)
    return t.timestamp()


def _ms(value, where: str) -> int | None:
    if value is None or value == "":
        return None
    try:
        ms = int(float(value))
    except (TypeError, ValueError):
        raise ImportFormatError(f"{where}: ms_played must be a number, got {str(value)[:40]!r}") from None
    if ms < 0:
        raise ImportFormatError(f"{where}: ms_played must not be negative")
    return ms


def _from_json(data, name: str) -> tuple[str, list[tuple[float, str, str, int | None]]]:
    if not isinstance(data, list):
        raise ImportFormatError(f"{name}: expected a JSON list of plays (Spotify StreamingHistory), "
                                f"got a JSON {type(data).__name__}")
    if not data:
        return "spotify", []
    rows = []
    first = data[0]
    if isinstance(first, dict) and "endTime" in first:
        fmt, keys = "spotify", ("endTime", "artistName", "trackName", "msPlayed")
    elif isinstance(first, dict) and "ts" in first and "ms_played" in first:
        fmt, keys = "spotify-extended", ("ts", "master_metadata_album_artist_name",
                                         "master_metadata_track_name", "ms_played")
    else:
        raise ImportFormatError(f"{name}: not a Spotify streaming history (entries need endTime, "
                                "artistName, trackName, msPlayed)")
    for i, item in enumerate(data):
        where = f"{name}: entry {i + 1}"
        if not isinstance(item, dict):
            raise ImportFormatError(f"{where}: expected an object, got {type(item).__name__}")
        missing = [k for k in keys if k not in item]
        if missing:
            raise ImportFormatError(f"{where}: missing {', '.join(missing)}")
        ts_key, a_key, t_key, ms_key = keys
        rows.append((_parse_time(item[ts_key], where), str(item[a_key] or "").strip(),
                     str(item[t_key] or "").strip(), _ms(item[ms_key], where)))
    return fmt, rows


def _from_csv(text: str, name: str) -> tuple[str, list[tuple[float, str, str, int | None]]]:
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        header = [h.strip().lower() for h in (reader.fieldnames or [])]
    except csv.Error as exc:
        raise ImportFormatError(f"{name}: not a readable CSV ({exc})") from None
    missing = [c for c in ("artist", "title", "played_at") if c not in header]
    if missing:
        raise ImportFormatError(f"{name}: CSV header must have artist,title,played_at[,ms_played]; "
                                f"missing {', '.join(missing)} (header: {','.join(header)[:80] or 'none'})")
    reader.fieldnames = header
    rows = []
    try:
        for i, rec in enumerate(reader, start=2):
            where = f"{name}: line {i}"
            if None in rec:
                raise ImportFormatError(f"{where}: more fields than the header has")
            if rec.get("played_at") is None:
                raise ImportFormatError(f"{where}: too few fields")
            rows.append((_parse_time(rec["played_at"], where), (rec["artist"] or "").strip(),
                         (rec["title"] or "").strip(), _ms(rec.get("ms_played"), where)))
    except csv.Error as exc:
        raise ImportFormatError(f"{name}: not a readable CSV ({exc})") from None
    return "csv", rows


def parse_file(path: str | Path) -> tuple[str, list[tuple[float, str, str, int | None]]]:
    """Read and check a whole export → (format, [(ts, artist, title, ms_played)]). No writes."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise UsageError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if p.is_dir():
        raise UsageError(f"{path}: is a directory")
    if size > MAX_IMPORT_BYTES:
        raise ImportFormatError(f"{path}: too large to be a listening history ({size / 2**20:.0f} MB;"
                                f" the limit is {MAX_IMPORT_BYTES // 2**20} MB; split it)")
    raw = p.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFormatError(f"{path}: not a text file (expected Spotify JSON or CSV)") from None
    if "\x00" in text:
        raise ImportFormatError(f"{path}: not a text file (expected Spotify JSON or CSV)")
    stripped = text.lstrip()
    if stripped.startswith(("[", "{")):
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise ImportFormatError(f"{path}: broken JSON ({exc})") from None
        return _from_json(data, str(path))
    return _from_csv(text, str(path))


def import_file(db: Database, path: str | Path, retention_days: int = 0) -> ImportResult:
    """Import an export into the history in one transaction (all rows or none)."""
    fmt, rows = parse_file(path)
    cutoff = time.time() - retention_days * 86400.0 if retention_days > 0 else None
    by_key = {}
    for r in db.query("SELECT id, artist, title, duration_s FROM tracks WHERE kind = 'music'"):
        by_key.setdefault((r["artist"].lower(), r["title"].lower()), (r["id"], r["duration_s"]))
    existing = {(round(r["ts"], 3), r["artist"], r["title"]) for r in db.query(
        "SELECT ts, artist, title FROM history WHERE source = 'import'")}
    out, skipped = [], 0
    for ts, artist, title, ms in rows:
        key = (round(ts, 3), artist, title)
        if not artist or not title or key in existing or (cutoff is not None and ts < cutoff):
            skipped += 1
            continue
        existing.add(key)
        track_id, duration = by_key.get((artist.lower(), title.lower()), (None, 0.0))
        if ms is not None and ms < SKIP_BELOW_MS and not (duration and ms >= 0.8 * duration * 1000):
            event, fraction = "skipped", None
        else:
            event = "finished"
            fraction = min(1.0, ms / (duration * 1000)) if ms is not None and duration else None
        out.append((ts, event, "import", track_id, artist, title, fraction, ms))
    with db.transaction() as c:
        c.executemany("INSERT INTO history (ts, event, source, track_id, artist, title, fraction, "
                      "ms_played) VALUES (?,?,?,?,?,?,?,?)", out)
    return ImportResult(len(out), skipped, fmt)
