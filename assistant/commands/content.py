"""Content commands: ``library``, ``history``, ``recommend``.

The database is ``state_dir()/assistant.db`` (``--state-dir``). When the library is empty, the
``[library] paths`` from the config are scanned; with none configured, the demo library
(``demo_dir()/library``, generated on first use) is scanned, so there is always something to play.
History older than ``[history] retention_days`` is deleted whenever the history is read.
"""

from __future__ import annotations

import datetime as dt
import json
import time

from .. import config as C
from .. import db as D
from .. import history as H
from .. import library as L
from ..errors import UsageError


def _open(args) -> tuple[C.Config, D.Database]:
    cfg = C.load(getattr(args, "config", None))
    return cfg, D.open_db()


def _print(obj, as_json: bool) -> None:
    print(json.dumps(obj, ensure_ascii=False) if as_json else obj, flush=True)


def cmd_library(args) -> int:
    cfg, db = _open(args)
    with db:
        if args.action == "scan":
            if not args.dir:
                raise UsageError("library scan: which directory? (assistant library scan DIR)")
            r = L.scan(db, args.dir)
            if args.json:
                _print(r.to_json(), True)
            else:
                print(f"{args.dir}: {r.added} added, {r.updated} updated, {r.unchanged} unchanged, "
                      f"{r.removed} removed, {r.skipped} skipped (not audio or unreadable)")
            return 0
        if args.dir:
            raise UsageError(f"unexpected {args.dir!r} (did you mean `library scan {args.dir}`?)")
        L.ensure_library(db, cfg.library.paths)
        rows = L.tracks(db)
        if args.json:
            for t in rows:
                _print(t.to_json(), True)
            return 0
        if not rows:
            print("the library is empty (assistant library scan DIR)")
        for t in rows:
            print(f"{t.kind:9s} {_mmss(t.duration_s)}  {t.artist or '?'} - {t.title}"
                  f"{'  [' + t.genre + ']' if t.genre else ''}")
        return 0


def _mmss(s: float) -> str:
    return f"{int(s) // 60:2d}:{int(s) % 60:02d}"


def cmd_history(args) -> int:
    cfg, db = _open(args)
    with db:
        if args.clear:
            if args.action:
                raise UsageError("--clear cannot be combined with import")
            n = H.clear(db)
            _print({"cleared": n} if args.json else f"history cleared ({n} events)", args.json)
            return 0
        if args.action == "import":
            if not args.file:
                raise UsageError("history import: which file? (assistant history import FILE)")
            r = H.import_file(db, args.file, cfg.history.retention_days)
            if args.json:
                _print(r.to_json(), True)
            else:
                print(f"{args.file}: imported {r.imported} plays ({r.format})"
                      + (f", {r.skipped_rows} rows skipped (empty, duplicate or older than "
                         f"retention)" if r.skipped_rows else ""))
            return 0
        if args.file:
            raise UsageError(f"unexpected {args.file!r} (did you mean `history import {args.file}`?)")
        H.prune(db, cfg.history.retention_days)
        events = H.events(db, limit=args.limit if args.limit and args.limit > 0 else None)
        if args.json:
            for e in events:
                _print(e.to_json(), True)
            return 0
        if not events:
            print("no play history yet")
        for e in events:
            when = dt.datetime.fromtimestamp(e.ts).strftime("%Y-%m-%d %H:%M")
            extra = f" ({e.fraction:.0%})" if e.fraction is not None else ""
            print(f"{when}  {e.event:8s}{extra:7s} {e.artist} - {e.title}  [{e.source}]")
        return 0


def cmd_recommend(args) -> int:
    from ..recommend import default_recommender

    if args.n <= 0:
        raise UsageError("--n must be at least 1")
    cfg, db = _open(args)
    with db:
        L.ensure_library(db, cfg.library.paths)
        H.prune(db, cfg.history.retention_days)
        t0 = time.perf_counter()
        picks = default_recommender().recommend(db, n=args.n)
        ms = (time.perf_counter() - t0) * 1000
        if args.json:
            for p in picks:
                _print(p.to_json(), True)
            return 0
        if not picks:
            print("nothing to recommend: the library has no music (assistant library scan DIR)")
        for i, p in enumerate(picks, 1):
            print(f"{i:2d}. {p.artist} - {p.title}  ({p.reason})")
        if args.verbose:
            print(f"({ms:.1f} ms)")
        return 0
