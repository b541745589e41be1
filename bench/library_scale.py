"""Play commands against a large media library: how long the skills take to answer.

    python bench/library_scale.py [--tracks 20000] [--repeat 5]

A household's library can hold tens of thousands of files; every play command matches what was
said against its names (skills/match.py). The anchor, in the same run, is the same commands on
the demo library alone (30 tracks). The large library is the demo library plus ``--tracks``
made-up music rows (one artist and album per 12 tracks, made-up words, ten genres), written
straight into the database; their files do not exist, so the player skips them.

Timed: ``skills.respond`` with the shipped recommender for each command (the understanding is
given, as the model would give it), the first call (cold caches) and the median of ``--repeat`` more. Results to
bench/results/library_scale.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]

from assistant import db as D  # noqa: E402
from assistant import demo_library, library  # noqa: E402
from assistant.config import Config  # noqa: E402
from assistant.player_wav import WavPlayer  # noqa: E402
from assistant.recommend import default_recommender  # noqa: E402
from assistant.skills import respond  # noqa: E402
from assistant.skills.base import SkillContext  # noqa: E402
from assistant.timers import Timers  # noqa: E402
from assistant.types import Slot, Understanding  # noqa: E402

COMMANDS = [  # (text, intent, confidence, slots): as the understanding model read them
    ("play strobe by deadmau5", "play_music", 0.9,
     [("song_name", "strobe", "strobe"), ("artist_name", "deadmau5", "deadmau5")]),
    ("play some jazz", "play_music", 0.97, [("music_genre", "jazz", "jazz")]),
    ("put on some miles davis", "play_game", 0.4, []),  # routed by the library's names
    ("play the album sheets of sound", "play_music", 0.9, [("song_name", "sound", "sound")]),
    ("play beethoven", "play_music", 0.9, [("artist_name", "beethoven", "beethoven")]),
    ("play some music", "play_music", 0.95, []),  # the recommender's picks
    ("play more like this", "play_music", 0.72, []),  # near the song just played
]
SYLLABLES = ["ka", "lo", "mi", "ra", "ten", "vor", "sha", "del", "bin", "ox", "qua", "zer", "ul",
             "pe", "gri", "mon"]
GENRES = ["Jazz", "Rock", "Pop", "Classical", "Electronic", "Folk", "Hip Hop", "Country", "Blues",
          "Soul"]


def add_rows(db, n: int, seed: int = 0) -> None:
    rng = random.Random(seed)

    def word(k: int) -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(k)).capitalize()

    artists = [f"{word(2)} {word(3)}" for _ in range(n // 12 + 1)]
    with db.transaction() as c:
        c.executemany(
            "INSERT INTO tracks (path, mtime, size, title, artist, album, genre, kind, duration_s, "
            "added_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
            [(f"/made-up/{i}.mp3", 0, 0, f"{word(2)} {word(2)}", artists[i // 12],
              f"{word(3)} {word(2)}", rng.choice(GENRES), "music", 200.0, 0) for i in range(n)])


def time_commands(tmp: Path, extra: int, repeat: int) -> dict[str, tuple[float, float, str]]:
    """{command: (first call ms, median of the repeats ms, reply)} on a library of 30 + extra."""
    db = D.open_db(tmp / f"lib{extra}.db")
    library.scan(db, demo_library.ensure(tmp / "demo"))
    if extra:
        add_rows(db, extra)
    player = WavPlayer(db=db, out_dir=tmp / f"out{extra}")
    # the shipped recommender, as the loop has it: "play some jazz" ranks the genre's tracks by
    # it, and without it a 12 s ranking on 20,000 tracks went unseen here
    ctx = SkillContext(cfg=Config(), db=db, player=player, recommender=default_recommender(),
                       timers=Timers(db), clock=time.time)
    out = {}
    for text, intent, conf, slots in COMMANDS:
        u = Understanding(text, intent, conf, "neutral", 0.9, tuple(Slot(*s) for s in slots))
        times, reply = [], ""
        for _ in range(repeat + 1):
            t0 = time.perf_counter()
            reply = respond(u, ctx).text
            times.append((time.perf_counter() - t0) * 1000)
            player.stop()
        out[text] = (times[0], statistics.median(times[1:]), reply)
    player.close()
    db.close()
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tracks", type=int, default=20000, help="made-up tracks added")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "library_scale.md"))
    args = ap.parse_args(argv)
    logging.disable(logging.WARNING)  # the made-up rows' missing files, one line each
    tmp = Path(tempfile.mkdtemp(prefix="library-scale-"))
    small = time_commands(tmp, 0, args.repeat)
    large = time_commands(tmp, args.tracks, args.repeat)
    lines = ["# Play commands against a large library", "",
             f"Command: `python bench/library_scale.py --tracks {args.tracks} --repeat {args.repeat}`  ",
             f"Date: {dt.date.today()}; `skills.respond` wall time on this machine, ms.", "",
             f"| command | demo library (30): first / median | {args.tracks + 30} tracks: first / "
             "median | ratio of medians | reply on the large library |",
             "|---|---|---|---|---|"]
    for text, _, _, _ in COMMANDS:
        (f0, m0, _), (f1, m1, reply) = small[text], large[text]
        row = (f"| {text} | {f0:.1f} / {m0:.1f} | {f1:.1f} / {m1:.1f} | {m1 / max(m0, 1e-6):.0f} | "
               f"{reply[:60]} |")
        print(row, flush=True)
        lines.append(row)
    Path(args.out).write_text("\n".join(lines) + "\n")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
