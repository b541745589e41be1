"""Names said in play commands: does the speaker play the artist, song or album that was named?

    python bench/spoken_names.py [--voice-seeds 0 1 2 3] [--large 20000]

Every artist, song and album of the demo library is asked for as "Hey speaker, play NAME",
spoken by the project's voices (Piper, one recording per voice seed, and espeak-ng gmw/en-us),
heard by the edge Whisper with the loop's prompt, understood by the shipped model and served by
``skills.respond`` against the library, as in the loop. A request counts when what starts
playing is by that artist, is that song, or is from that album, and was chosen for the words
(not a recommendation that happens to be it).

Then, as the product does it: each voice's requests one after another in one recording
through ``assistant run --input`` (wake gate on, hearing again included), scored on the
``action`` events and the tracks in the run's own database.

The anchor, in the same run: the same requests as text (perfect hearing), through the same
understanding and skills. ``--large N`` asks again with N made-up tracks added to the library
(bench/library_scale.py's rows), where a loose match has more names to land on wrongly.

Not a target of any issue and not a training or tuning set: the demo library is the project's
own. It shows how often a name heard the way tiny.en spells it ("bake oven" for Beethoven) still
reaches the music. Results to bench/results/spoken_names.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from assistant import audio as A  # noqa: E402
from assistant import config as C  # noqa: E402
from assistant import db as D  # noqa: E402
from assistant import demo_library, library, nlu  # noqa: E402
from assistant.asr import load_transcriber  # noqa: E402
from assistant.player_wav import WavPlayer  # noqa: E402
from assistant.skills import respond  # noqa: E402
from assistant.skills.base import SkillContext  # noqa: E402
from assistant.stages import wake_prompt  # noqa: E402
from assistant.timers import Timers  # noqa: E402
from assistant.wake import WakeGate  # noqa: E402
from library_scale import add_rows  # noqa: E402


def requests() -> list[tuple[str, str, str]]:
    """(field, name, what to say) for every artist, song and album of the demo library."""
    out = []
    for _genre, artist, album, titles in demo_library.MUSIC:
        out.append(("artist", artist, artist))
        out.append(("album", album, f"the album {album}"))
        out += [("title", t, t) for t in titles]
    seen, unique = set(), []
    for r in out:
        if r[:2] not in seen:
            seen.add(r[:2])
            unique.append(r)
    return unique


def served(texts: list[str], reqs, tmp: Path, extra: int, model) -> list[bool]:
    """Whether each text (the command after the wake phrase) starts the named music."""
    db = D.open_db(tmp / f"names{extra}-{time.monotonic_ns()}.db")
    library.scan(db, demo_library.ensure(tmp / "demo"))
    if extra:
        add_rows(db, extra)
    player = WavPlayer(db=db, out_dir=tmp / "out")
    chosen: list = []  # what the skill asked for first: the made-up rows' files do not exist,
    play = player.play  # and the player would skip on to whatever comes next in the queue

    def record(queue, **kw):
        chosen.append(queue[0] if queue else None)
        return play(queue, **kw)

    player.play = record
    cfg = C.Config()
    ok = []
    for text, (field, name, _) in zip(texts, reqs):
        ctx = SkillContext(cfg=cfg, db=db, player=player, recommender=None, timers=Timers(db),
                           clock=time.time)
        u = model.understand_batch([text], now=dt.datetime.now())[0]
        chosen.clear()
        reply = respond(u, ctx)
        t = chosen[0] if chosen else None  # a recommendation that happens to be it does not count
        ok.append(t is not None and getattr(t, field) == name
                  and dict(reply.detail).get("source") == "voice")
        player.stop()
    player.close()
    db.close()
    return ok


def through_loop(voice, reqs, tmp: Path, label: str, threads: int) -> tuple[list[bool], list[str]]:
    """The requests spoken one after another into ``assistant run --input`` (the wake gate on,
    as a person speaks to it): whether each started the named music, and what was acted on."""
    gap = np.zeros(A.samples(2.5), A.DTYPE)
    parts, spans, pos = [gap], [], gap.size
    for _, _, say in reqs:
        speech = voice.synthesize(f"Hey speaker, play {say}.")
        spans.append(((pos) / A.SAMPLE_RATE, (pos + speech.size) / A.SAMPLE_RATE))
        parts += [speech, gap]
        pos += speech.size + gap.size
    wav = tmp / (re.sub(r"[^A-Za-z0-9]+", "_", label) + ".wav")
    A.write_wav(wav, np.concatenate(parts))
    state = tmp / f"state-{wav.stem}"
    conf = tmp / "loop.toml"
    conf.write_text(f"[asr]\nthreads = {threads}\n")
    out = subprocess.run([sys.executable, "-m", "assistant", "run", "--input", str(wav), "--json",
                          "--state-dir", str(state), "--config", str(conf)], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    events = [json.loads(ln) for ln in out.splitlines() if ln.startswith("{")]
    mids = np.array([(a + b) / 2 for a, b in spans])
    acted: dict[int, dict] = {}
    heard: dict[int, str] = {}
    current = None
    for e in events:
        if e["event"] == "utterance":
            current = int(np.argmin(np.abs(mids - (e["start_s"] + e["end_s"]) / 2)))
        elif e["event"] == "understood" and current is not None:
            heard[current] = e.get("heard", "")
        elif e["event"] == "action" and current is not None and current not in acted:
            acted[current] = e
    con = sqlite3.connect(state / "assistant.db")
    rows = {r[0]: r[1:] for r in con.execute("SELECT id, title, artist, album FROM tracks")}
    con.close()
    ok = []
    for i, (field, name, _) in enumerate(reqs):
        e = acted.get(i, {})
        t = rows.get(int(e.get("track_id", -1)))
        got = dict(zip(("title", "artist", "album"), t)) if t else {}
        ok.append(e.get("action") == "play" and e.get("source") == "voice" and got.get(field) == name)
    return ok, [heard.get(i, "") for i in range(len(reqs))]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--voice-seeds", type=int, nargs="+", default=[0, 1, 2, 3])
    ap.add_argument("--large", type=int, default=20000, help="made-up tracks added (0: skip)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "spoken_names.md"))
    args = ap.parse_args(argv)
    logging.disable(logging.WARNING)
    from assistant.tts import EspeakSpeaker
    from assistant.tts_piper import PiperSpeaker

    cfg = C.load(None)
    tr = load_transcriber("onnx", threads=args.threads, prompt=wake_prompt(cfg, True))
    gate = WakeGate(cfg.wake)
    model = nlu.load(threads=args.threads)
    reqs = requests()
    voices = [(f"piper:joe seed {s}", PiperSpeaker(seed=s)) for s in args.voice_seeds]
    voices.append(("espeak:gmw/en-us@170", EspeakSpeaker("gmw/en-us", 170)))
    tmp = Path(tempfile.mkdtemp(prefix="spoken-names-"))
    sizes = [0] + ([args.large] if args.large else [])
    text_ok = {n: served([f"play {say}" for _, _, say in reqs], reqs, tmp, n, model) for n in sizes}
    rows, misses = [], []
    heard_all: dict[str, list[str]] = {}
    for label, voice in voices:
        heard = []
        for _, _, say in reqs:
            audio = voice.synthesize(f"Hey speaker, play {say}.")
            pad = np.zeros(A.samples(0.5), A.DTYPE)
            text = tr.transcribe(np.concatenate([pad, audio, pad])).text
            score, rest = gate.match(text)
            heard.append(rest if score >= cfg.wake.min_score else text)
        heard_all[label] = heard
    for n in sizes:
        for label, heard in heard_all.items():
            ok = served(heard, reqs, tmp, n, model)
            rows.append((n, label, sum(ok), len(ok)))
            if n == 0:
                misses += [f"{label}: {r[0]} {r[1]!r} heard {h!r}" for r, h, k in zip(reqs, heard, ok)
                           if not k]
    lines = ["# Names said in play commands", "",
             f"Command: `python bench/spoken_names.py --voice-seeds {' '.join(map(str, args.voice_seeds))}"
             f" --large {args.large}`  ",
             f"Date: {dt.date.today()}; {len(reqs)} requests (every artist, song and album of the demo "
             "library), each \"Hey speaker, play NAME\"; edge Whisper with the loop's prompt; the shipped "
             "understanding model; `skills.respond`.", "",
             "| library | voice | spoken: right music plays | text anchor | ratio |", "|---|---|---|---|---|"]
    for n, label, k, total in rows:
        anchor = sum(text_ok[n]) / len(text_ok[n])
        lib = "demo (30 tracks)" if n == 0 else f"demo + {n} made-up"
        lines.append(f"| {lib} | {label} | {k}/{total} = {k / total:.3f} | {anchor:.3f} | "
                     f"{k / total / max(anchor, 1e-9):.2f} |")
    loop_rows, loop_misses = [], []
    for label, voice in voices:
        ok, heard = through_loop(voice, reqs, tmp, label, args.threads)
        loop_rows.append((label, sum(ok), len(ok)))
        loop_misses += [f"{label}: {r[0]} {r[1]!r} acted on {h!r}" for r, h, k in zip(reqs, heard, ok)
                        if not k]
    for n in sizes:
        pooled = [r for r in rows if r[0] == n]
        k, total = sum(r[2] for r in pooled), sum(r[3] for r in pooled)
        lines.append(f"| {'demo' if n == 0 else f'demo + {n}'} | pooled | {k}/{total} = {k / total:.3f} | "
                     f"{sum(text_ok[n]) / len(text_ok[n]):.3f} | |")
    k, total = sum(r[1] for r in loop_rows), sum(r[2] for r in loop_rows)
    lines += ["", "Through the loop (`assistant run --input`, wake gate on: heard again at other "
              "speeds when unsure, and with the library's nearest names when the name is not "
              "in the library), demo library:", "",
              "| voice | right music plays | text anchor | ratio |", "|---|---|---|---|"]
    anchor = sum(text_ok[0]) / len(text_ok[0])
    lines += [f"| {label} | {k_}/{t_} = {k_ / t_:.3f} | {anchor:.3f} | {k_ / t_ / anchor:.2f} |"
              for label, k_, t_ in loop_rows]
    lines += [f"| pooled | {k}/{total} = {k / total:.3f} | {anchor:.3f} | {k / total / anchor:.2f} |"]
    lines += ["", "Misses on the demo library (one hearing, `skills.respond`):", ""] + \
        [f"- {m}" for m in misses]
    lines += ["", "Misses through the loop:", ""] + [f"- {m}" for m in loop_misses]
    print("\n".join(lines))
    Path(args.out).write_text("\n".join(lines) + "\n")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
