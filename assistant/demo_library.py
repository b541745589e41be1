"""The embedded demo library: a few seconds of synthesized audio per track, tagged like real music.

``python -m assistant.demo_library [DIR]`` (setup runs it) writes FLAC files with Vorbis-comment tags
into ``DIR`` (default ``demo_dir()/library``): five genres (jazz, rock, classical, pop, electronic)
by artists the shipped recommender knows from Last.fm, plus a couple of podcast, audiobook and
radio items in their own folders. The audio is made with numpy (chords, rhythms, noise drums),
deterministic, so reruns produce identical files; it is idempotent (a stamp file records what was
made) and takes a second or two.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import sys
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

RATE = 22050
SECONDS = 6.0
VERSION = 1

# (genre, artist, album, [titles]); artists are spelt as in Last.fm's artists.dat
MUSIC = [
    ("Jazz", "Miles Davis", "Blue Sketches", ["So Late", "Modal Walk"]),
    ("Jazz", "John Coltrane", "Sheets of Sound", ["Giant Stairs", "Quiet Love"]),
    ("Jazz", "Bill Evans", "Trio Sketches", ["Waltz for Nobody"]),
    ("Jazz", "Ella Fitzgerald", "Songbook Sketches", ["Airmail Swing"]),
    ("Rock", "Led Zeppelin", "Riff Studies", ["Heavy Stairway", "Whole Lotta Riff"]),
    ("Rock", "AC/DC", "High Voltage Sketches", ["Back in Volts"]),
    ("Rock", "The Rolling Stones", "Garage Sketches", ["Paint It Grey"]),
    ("Rock", "Nirvana", "Grunge Sketches", ["Smells Like Demo"]),
    ("Classical", "Johann Sebastian Bach", "Inventions", ["Invention in C", "Little Fugue"]),
    ("Classical", "Wolfgang Amadeus Mozart", "Sonatinas", ["Sonatina in G"]),
    ("Classical", "Ludwig van Beethoven", "Bagatelles", ["Bagatelle in A minor"]),
    ("Classical", "Frédéric Chopin", "Nocturnes", ["Nocturne Sketch"]),
    ("Pop", "Madonna", "Dance Sketches", ["Like a Demo"]),
    ("Pop", "Britney Spears", "Pop Sketches", ["Oops a Demo"]),
    ("Pop", "Lady Gaga", "Fame Sketches", ["Poker Tone", "Just Demo"]),
    ("Pop", "Michael Jackson", "Groove Sketches", ["Billie Tone"]),
    ("Electronic", "Daft Punk", "Robot Sketches", ["Around the Loop", "One More Tone"]),
    ("Electronic", "Aphex Twin", "Ambient Sketches", ["Selected Tone"]),
    ("Electronic", "Kraftwerk", "Machine Sketches", ["Autobahn Demo"]),
    ("Electronic", "Deadmau5", "Synth Sketches", ["Strobe Demo"]),
]
SPOKEN = [
    # (folder, genre tag, artist, album, title)
    ("Podcasts", "Podcast", "Demo Radio Hour", "Demo Radio Hour", "Episode 1: Hello"),
    ("Podcasts", "Podcast", "Demo Radio Hour", "Demo Radio Hour", "Episode 2: Tea"),
    ("Audiobooks", "Audiobook", "Demo Reader", "A Short Book", "Chapter 1"),
    ("Radio", "Radio", "Demo FM", "Demo FM", "Demo FM Live"),
]


def default_dir() -> Path:
    from . import paths

    return paths.demo_dir() / "library"


def _seed(*parts: str) -> int:
    return int.from_bytes(hashlib.sha256("|".join(parts).encode()).digest()[:4], "little")


def _t(seconds: float = SECONDS) -> np.ndarray:
    return np.arange(int(seconds * RATE)) / RATE


def _tone(freq: float, t: np.ndarray, harmonics=(1.0, 0.5, 0.25)) -> np.ndarray:
    return sum(a * np.sin(2 * np.pi * freq * (k + 1) * t) for k, a in enumerate(harmonics))


def _env(n: int, attack: float = 0.01, decay: float = 4.0) -> np.ndarray:
    t = np.arange(n) / RATE
    return np.minimum(t / attack, 1.0) * np.exp(-decay * t)


def _place(out: np.ndarray, start_s: float, sound: np.ndarray) -> None:
    i = int(start_s * RATE)
    if i >= out.size:
        return
    seg = sound[: out.size - i]
    out[i:i + seg.size] += seg


def _drum(rng, kind: str) -> np.ndarray:
    n = int(0.25 * RATE)
    t = np.arange(n) / RATE
    if kind == "kick":
        return np.sin(2 * np.pi * (50 + 80 * np.exp(-30 * t)) * t) * np.exp(-12 * t)
    if kind == "snare":
        return rng.standard_normal(n) * np.exp(-20 * t) * 0.6
    return rng.standard_normal(n) * np.exp(-60 * t) * 0.25  # hat


def _midi(m: float) -> float:
    return 440.0 * 2 ** ((m - 69) / 12)


def synth(genre: str, key: str) -> np.ndarray:
    """A few seconds of genre-flavoured audio, float32 mono at RATE, peak about 0.8."""
    rng = np.random.default_rng(_seed(genre, key))
    n = int(SECONDS * RATE)
    out = np.zeros(n)
    root = 48 + int(rng.integers(0, 12))
    g = genre.lower()
    if g == "jazz":  # swung ride, walking bass, soft 7th chords
        beat = 60 / rng.uniform(110, 150)
        for i in range(int(SECONDS / beat)):
            _place(out, i * beat, _drum(rng, "hat"))
            _place(out, i * beat + beat * 2 / 3, _drum(rng, "hat") * 0.5)
            note = root - 12 + [0, 4, 7, 9, 10, 7, 5, 2][i % 8]
            m = int(beat * RATE)
            _place(out, i * beat, _tone(_midi(note), _t(beat))[:m] * _env(m, decay=3) * 0.5)
            if i % 4 == 0:
                m4 = int(4 * beat * RATE)
                chord = sum(_tone(_midi(root + d), _t(4 * beat), (0.3, 0.1)) for d in (0, 4, 7, 10))
                _place(out, i * beat, chord[:m4] * _env(m4, 0.05, 0.8))
    elif g == "rock":  # distorted power chords, kick/snare backbeat
        beat = 60 / rng.uniform(120, 150)
        for i in range(int(SECONDS / beat)):
            _place(out, i * beat, _drum(rng, "kick" if i % 2 == 0 else "snare"))
            m = int(beat * RATE)
            step = [0, 0, 5, 7][(i // 2) % 4]
            chord = sum(_tone(_midi(root - 12 + step + d), _t(beat)) for d in (0, 7, 12))
            _place(out, i * beat, np.tanh(3 * chord[:m]) * _env(m, 0.005, 1.5) * 0.6)
    elif g == "classical":  # arpeggiated triads, no drums
        beat = 60 / rng.uniform(70, 100) / 4
        prog = [[0, 4, 7], [5, 9, 12], [7, 11, 14], [0, 4, 7]]
        for i in range(int(SECONDS / beat)):
            chord = prog[(i // 8) % 4]
            note = root + 12 + chord[i % 3] + 12 * ((i // 3) % 2)
            m = int(0.6 * RATE)
            _place(out, i * beat, _tone(_midi(note), _t(0.6), (1.0, 0.3, 0.1, 0.05))[:m]
                   * _env(m, 0.004, 5) * 0.5)
    elif g == "pop":  # four on the floor, I-V-vi-IV
        beat = 60 / rng.uniform(100, 125)
        prog = [0, 7, 9, 5]
        for i in range(int(SECONDS / beat)):
            _place(out, i * beat, _drum(rng, "kick"))
            if i % 2:
                _place(out, i * beat, _drum(rng, "snare") * 0.7)
            if i % 4 == 0:
                m4 = int(4 * beat * RATE)
                r = root + prog[(i // 4) % 4]
                chord = sum(_tone(_midi(r + d), _t(4 * beat), (0.4, 0.2)) for d in (0, 4, 7))
                _place(out, i * beat, chord[:m4] * _env(m4, 0.02, 0.6))
            m = int(beat / 2 * RATE)
            mel = root + 12 + [0, 2, 4, 7, 9, 7, 4, 2][i % 8]
            _place(out, i * beat + beat / 2, _tone(_midi(mel), _t(beat / 2))[:m] * _env(m, 0.01, 6) * 0.4)
    elif g == "electronic":  # saw bass sequence, kick, hats on the off-beat
        beat = 60 / rng.uniform(120, 130)
        seq = rng.integers(0, 12, 8)
        for i in range(int(SECONDS / beat) * 2):
            t0 = i * beat / 2
            if i % 2 == 0:
                _place(out, t0, _drum(rng, "kick") * 1.2)
            else:
                _place(out, t0, _drum(rng, "hat"))
            m = int(beat / 2 * RATE)
            f = _midi(root - 12 + int(seq[i % 8]))
            saw = 2 * ((_t(beat / 2) * f) % 1.0) - 1
            _place(out, t0, saw[:m] * _env(m, 0.002, 8) * 0.35)
    else:  # spoken word: a voice-like buzz shaped into syllables
        t = _t()
        f0 = rng.uniform(100, 200) * (1 + 0.05 * np.sin(2 * np.pi * 0.7 * t))
        phase = 2 * np.pi * np.cumsum(f0) / RATE
        voice = sum(np.sin(k * phase) / k for k in range(1, 12))
        syll = np.clip(np.sin(2 * np.pi * rng.uniform(3, 5) * t), 0, None) ** 2
        pauses = (np.sin(2 * np.pi * 0.4 * t + rng.uniform(0, 6)) > -0.7).astype(float)
        out = voice * syll * pauses
        if g == "radio":
            out = out + 0.05 * rng.standard_normal(n)
    peak = float(np.max(np.abs(out))) or 1.0
    fade = np.minimum(1.0, np.minimum(np.arange(n), n - 1 - np.arange(n)) / (0.05 * RATE))
    return (out / peak * 0.8 * fade).astype(np.float32)


def _items():
    for genre, artist, album, titles in MUSIC:
        for i, title in enumerate(titles, 1):
            folder = f"{genre}/{_safe(artist)}"
            yield folder, genre, artist, album, title, i
    for i, (folder, genre, artist, album, title) in enumerate(SPOKEN, 1):
        yield folder, genre, artist, album, title, i


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in " -_." else "_" for c in name).strip()


def _write(path: Path, audio: np.ndarray, tags: dict[str, str]) -> None:
    import soundfile as sf
    from mutagen.flac import FLAC

    tmp = path.with_name(path.name + ".tmp")
    sf.write(str(tmp), audio, RATE, format="FLAC", subtype="PCM_16")
    f = FLAC(str(tmp))
    for k, v in tags.items():
        f[k] = v
    f.save()
    tmp.replace(path)


def ensure(directory: str | Path | None = None, force: bool = False) -> Path:
    """Generate the demo library in ``directory`` unless it is already there. Returns the dir."""
    d = Path(directory) if directory else default_dir()
    stamp = d / ".demo-library.json"
    items = list(_items())
    expected = [f"{folder}/{n:02d} {_safe(title)}.flac" for folder, _, _, _, title, n in items]
    if not force and stamp.is_file():
        try:
            if json.loads(stamp.read_text()).get("version") == VERSION and all(
                    (d / rel).is_file() for rel in expected):
                return d
        except (OSError, ValueError):
            pass
    for (folder, genre, artist, album, title, n), rel in zip(items, expected):
        path = d / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        audio = synth(genre, f"{artist}/{title}")
        _write(path, audio, {"title": title, "artist": artist, "album": album, "genre": genre,
                             "tracknumber": str(n)})
    stamp.write_text(json.dumps({"version": VERSION, "files": expected}, indent=1) + "\n")
    log.info("demo library written to %s (%d files)", d, len(expected))
    return d


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m assistant.demo_library",
                                description="Generate the demo media library (idempotent).")
    p.add_argument("dir", nargs="?", help=f"where (default: {default_dir()})")
    p.add_argument("--force", action="store_true", help="regenerate even if present")
    args = p.parse_args(argv)
    d = ensure(args.dir, force=args.force)
    print(f"demo library: {d} ({len(list(_items()))} tracks)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
