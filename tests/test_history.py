"""Play history: events, retention, clearing, and imports (good and bad files)."""

from __future__ import annotations

import json
import time

import pytest

from assistant import db as D
from assistant import history as H
from assistant.errors import ImportFormatError, UsageError


@pytest.fixture
def db(tmp_path):
    with D.open_db(tmp_path / "assistant.db") as d:
        yield d


def test_record_list_clear(db):
    H.record(db, "started", artist="Miles Davis", title="So What", source="voice", ts=100.0)
    H.record(db, "finished", artist="Miles Davis", title="So What", fraction=0.93, ts=200.0)
    H.record(db, "skipped", artist="AC/DC", title="Thunder", source="recommendation", ts=300.0,
             fraction=0.1)
    H.record(db, "liked", artist="Miles Davis", title="So What", source="follow-on", ts=400.0)
    evs = H.events(db)
    assert [e.event for e in evs] == ["liked", "skipped", "finished", "started"]
    assert evs[2].fraction == pytest.approx(0.93) and evs[1].source == "recommendation"
    assert evs[0].to_json()["time"].startswith("1970-01-01T00:06:40")
    assert H.clear(db) == 4 and H.count(db) == 0


def test_bad_event_or_source_refused(db):
    with pytest.raises(UsageError):
        H.record(db, "exploded", artist="a", title="b")
    with pytest.raises(UsageError):
        H.record(db, "liked", artist="a", title="b", source="telepathy")


def test_retention(db):
    now = time.time()
    H.record(db, "finished", artist="old", title="x", ts=now - 400 * 86400)
    H.record(db, "finished", artist="new", title="y", ts=now - 10 * 86400)
    assert H.prune(db, 0) == 0
    assert H.prune(db, 365, now=now) == 1
    assert [e.artist for e in H.events(db)] == ["new"]


SPOTIFY = [
    {"endTime": "2026-01-05 18:04", "artistName": "Miles Davis", "trackName": "So What",
     "msPlayed": 545000},
    {"endTime": "2026-01-05 18:10", "artistName": "John Coltrane", "trackName": "Naima",
     "msPlayed": 12000},
    {"endTime": "2026-01-05 18:20", "artistName": "", "trackName": "", "msPlayed": 1000},
]


def test_import_spotify_json(db, tmp_path):
    f = tmp_path / "StreamingHistory0.json"
    f.write_text(json.dumps(SPOTIFY))
    r = H.import_file(db, f)
    assert (r.imported, r.skipped_rows, r.format) == (2, 1, "spotify")
    evs = {e.artist: e for e in H.events(db)}
    assert evs["Miles Davis"].event == "finished" and evs["Miles Davis"].source == "import"
    assert evs["John Coltrane"].event == "skipped"  # under 30 s: Spotify's own skip threshold
    assert evs["Miles Davis"].ts == pytest.approx(1767636240.0)  # endTime is UTC
    r = H.import_file(db, f)  # importing the same file again adds nothing
    assert r.imported == 0 and H.count(db) == 2


def test_import_extended_spotify_and_csv(db, tmp_path):
    f = tmp_path / "endsong.json"
    f.write_text(json.dumps([{"ts": "2026-02-01T10:00:00Z", "ms_played": 200000,
                              "master_metadata_album_artist_name": "Daft Punk",
                              "master_metadata_track_name": "One More Time"}]))
    assert H.import_file(db, f).imported == 1
    c = tmp_path / "plays.csv"
    c.write_text("Artist,Title,Played_At,ms_played\nBill Evans,Peace Piece,2026-02-02T08:00:00Z,\n"
                 "Kraftwerk,Autobahn,1770000000,5000\n")
    r = H.import_file(db, c)
    assert (r.imported, r.format) == (2, "csv")
    evs = {e.artist: e for e in H.events(db)}
    assert evs["Bill Evans"].event == "finished" and evs["Kraftwerk"].event == "skipped"


def test_retention_applies_to_imports(db, tmp_path):
    c = tmp_path / "old.csv"
    c.write_text("artist,title,played_at\nA,B,2001-01-01\nC,D,%d\n" % int(time.time() - 3600))
    r = H.import_file(db, c, retention_days=365)
    assert (r.imported, r.skipped_rows) == (1, 1)


BAD = {
    "wrong_format.json": '{"hello": "world"}',
    "list_of_junk.json": '[{"song": "x"}]',
    "broken.json": '[{"endTime": "2026-01-05 18:04", "artistName": "A"',
    "missing_columns.csv": "artist,song\nA,B\n",
    "bad_time.csv": "artist,title,played_at\nA,B,2026-01-01\nC,D,yesterday-ish\n",
    "bad_ms.csv": "artist,title,played_at,ms_played\nA,B,2026-01-01,lots\n",
    "extra_fields.csv": "artist,title,played_at\nA,B,2026-01-01,surprise\n",
    "missing_key_late.json": json.dumps(SPOTIFY[:2] + [{"endTime": "2026-01-05 19:00",
                                                         "artistName": "X"}]),
    "binary.csv": "\x00\x01\x02garbage",
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_files_import_nothing(db, tmp_path, name):
    H.record(db, "liked", artist="Keep", title="Me", ts=1.0)
    before = [e.to_json() for e in H.events(db)]
    f = tmp_path / name
    f.write_text(BAD[name])
    with pytest.raises(ImportFormatError) as err:
        H.import_file(db, f)
    assert name in str(err.value)
    assert [e.to_json() for e in H.events(db)] == before


def test_huge_file_refused_without_reading_it(db, tmp_path):
    f = tmp_path / "huge.json"
    with open(f, "wb") as fh:  # sparse: 100 MB on paper, nothing on disk
        fh.truncate(100 * 1024 * 1024)
    t0 = time.perf_counter()
    with pytest.raises(ImportFormatError, match="too large"):
        H.import_file(db, f)
    assert time.perf_counter() - t0 < 1.0
    assert H.count(db) == 0


def test_missing_file_is_a_usage_error(db, tmp_path):
    with pytest.raises(UsageError):
        H.import_file(db, tmp_path / "nope.json")


def test_import_links_library_tracks(db, tmp_path):
    db.execute("INSERT INTO tracks (path, mtime, size, title, artist, duration_s, added_at) "
               "VALUES ('/x.flac', 0, 1, 'So Late', 'Miles Davis', 6.0, 0)")
    c = tmp_path / "p.csv"
    c.write_text("artist,title,played_at,ms_played\nmiles davis,so late,2026-01-01,6000\n")
    H.import_file(db, c)
    (e,) = H.events(db)
    assert e.track_id is not None and e.event == "finished" and e.fraction == 1.0
