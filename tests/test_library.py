"""The media library scan and the embedded demo library."""

from __future__ import annotations

import os
import shutil

import numpy as np
import pytest
import soundfile as sf

from assistant import db as D
from assistant import demo_library
from assistant import library as L


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return demo_library.ensure(tmp_path_factory.mktemp("demo") / "library")


@pytest.fixture
def db(tmp_path):
    with D.open_db(tmp_path / "assistant.db") as d:
        yield d


def test_demo_library_is_idempotent_and_tagged(demo, tmp_path):
    stamp = (demo / ".demo-library.json").stat().st_mtime_ns
    assert demo_library.ensure(demo) == demo
    assert (demo / ".demo-library.json").stat().st_mtime_ns == stamp  # nothing regenerated
    files = sorted(demo.rglob("*.flac"))
    assert len(files) == sum(len(t) for *_, t in demo_library.MUSIC) + len(demo_library.SPOKEN)
    # deterministic audio: a second generation gives identical samples
    other = demo_library.ensure(tmp_path / "again")
    a, _ = sf.read(files[0])
    b, _ = sf.read(other / files[0].relative_to(demo))
    assert np.array_equal(a, b)
    info = L.read_track_info(demo / "Jazz" / "Miles Davis" / "01 So Late.flac")
    assert info["artist"] == "Miles Davis" and info["genre"] == "Jazz" and info["kind"] == "music"
    assert info["title"] == "So Late" and abs(info["duration_s"] - demo_library.SECONDS) < 0.01


def test_demo_audio_is_not_silent(demo):
    for f in list(demo.rglob("*.flac"))[:8]:
        x, _ = sf.read(f)
        assert 0.05 < np.sqrt((x ** 2).mean()) < 0.8 and np.abs(x).max() <= 1.0


def test_scan_is_incremental(demo, tmp_path, db):
    lib = tmp_path / "lib"
    shutil.copytree(demo, lib)
    n = len(list(lib.rglob("*.flac")))
    r = L.scan(db, lib)
    assert (r.added, r.updated, r.unchanged, r.removed, r.skipped) == (n, 0, 0, 0, 0)
    kinds = {t.kind for t in L.tracks(db)}
    assert kinds == {"music", "podcast", "audiobook", "radio"}
    r = L.scan(db, lib)
    assert (r.added, r.unchanged) == (0, n)
    # change one file's tags (new mtime and size), delete another
    changed = lib / "Rock" / "Nirvana" / "01 Smells Like Demo.flac"
    from mutagen.flac import FLAC

    f = FLAC(str(changed))
    f["title"] = "Renamed Demo"
    f.save()
    os.utime(changed, (1, 1))
    (lib / "Pop" / "Madonna" / "01 Like a Demo.flac").unlink()
    r = L.scan(db, lib)
    assert (r.added, r.updated, r.removed, r.unchanged) == (0, 1, 1, n - 2)
    assert L.find(db, artist="Nirvana")[0].title == "Renamed Demo"
    assert not L.find(db, artist="Madonna")
    # the list tracks() keeps between reads follows every scan (renamed, removed, added back)
    listed = {t.title for t in L.tracks(db, kind="music")}
    assert "Renamed Demo" in listed and "Smells Like Demo" not in listed and "Like a Demo" not in listed
    shutil.copy(demo / "Pop" / "Madonna" / "01 Like a Demo.flac", lib / "Pop" / "Madonna")
    L.scan(db, lib)
    assert "Like a Demo" in {t.title for t in L.tracks(db, kind="music")}
    assert len(L.tracks(db)) == n


def test_junk_is_skipped_and_counted_never_fatal(demo, tmp_path, db):
    lib = tmp_path / "lib"
    (lib / "Jazz").mkdir(parents=True)
    shutil.copy(demo / "Jazz" / "Miles Davis" / "01 So Late.flac", lib / "Jazz" / "good.flac")
    (lib / "empty.wav").write_bytes(b"")
    (lib / "text.mp3").write_text("not audio at all\n" * 50)
    good = (lib / "Jazz" / "good.flac").read_bytes()
    (lib / "truncated.flac").write_bytes(good[:200])
    sf.write(str(lib / "zero.wav"), np.zeros(0, np.float32), 16000)
    (lib / "notes.txt").write_text("ignored: not an audio extension")
    os.symlink(lib / "missing-target.ogg", lib / "dangling.ogg")
    r = L.scan(db, lib)
    assert r.added == 1 and r.skipped == 5
    r = L.scan(db, lib)  # remembered: not opened again, still counted
    assert r.unchanged == 1 and r.skipped == 5
    assert [t.title for t in L.tracks(db)] == ["So Late"]


def test_untagged_file_uses_file_name_and_folder_kind(tmp_path, db):
    d = tmp_path / "lib" / "Podcasts"
    d.mkdir(parents=True)
    sf.write(str(d / "my_episode.wav"), 0.1 * np.ones(8000, np.float32), 16000)
    L.scan(db, tmp_path / "lib")
    (t,) = L.tracks(db)
    assert t.title == "my episode" and t.kind == "podcast" and t.artist == ""
    assert abs(t.duration_s - 0.5) < 1e-3


def test_scan_of_a_missing_dir_is_a_usage_error(db, tmp_path):
    from assistant.errors import UsageError

    with pytest.raises(UsageError):
        L.scan(db, tmp_path / "nope")


def test_guess_kind():
    assert L.guess_kind("Audiobook", "/x/y.ogg") == "audiobook"
    assert L.guess_kind("", "/m/Radio/stream.ogg") == "radio"
    assert L.guess_kind("Jazz", "/m/Podcasts/a.ogg") == "podcast"
    assert L.guess_kind("Rock", "/m/rock/a.ogg") == "music"


def test_empty_library_gets_the_demo(tmp_path, db, monkeypatch, demo):
    monkeypatch.setenv("ASSISTANT_DEMO", str(demo.parent))
    r = L.ensure_library(db)
    assert r.added == len(list(demo.rglob("*.flac")))
    assert L.ensure_library(db) is None  # not empty any more: nothing to do


def test_untagged_files_take_their_names_from_folders(tmp_path):
    import numpy as np
    import soundfile as sf

    from assistant import db as D

    tone = (0.1 * np.sin(np.arange(8000) / 5)).astype(np.float32)
    for rel in ("Music/Miles Davis/Kind of Blue/01 - So What.wav", "Podcasts/Tea Talk/ep_1.wav",
                "Loose/99 Luftballons.wav"):
        (tmp_path / "lib" / rel).parent.mkdir(parents=True, exist_ok=True)
        sf.write(tmp_path / "lib" / rel, tone, 8000)
    db = D.open_db(tmp_path / "a.db")
    L.scan(db, tmp_path / "lib")
    got = {(t.title, t.artist, t.album, t.kind) for t in L.tracks(db)}
    assert got == {("So What", "Miles Davis", "Kind of Blue", "music"),
                   ("ep 1", "Tea Talk", "", "podcast"),
                   ("99 Luftballons", "Loose", "", "music")}
    db.close()
