"""Recommendations from this household's own play history (numpy only, on the device).

The toolchain (``python -m quantize train-recommender``) ships artist factors ``Y`` (``[n_items,
f]``, learned with implicit's ALS on Last.fm listening counts) in ``models/recommender/``. Here the
household's vector ``x`` (``[f]``) is folded in from local history by the exact ALS least-squares
solve that implicit's ``recalculate_user`` does::

    x = (YᵀY + λI + Σ_i (|c_i| - 1) y_i y_iᵀ)⁻¹ Σ_{c_i > 0} c_i y_i,    c_i = alpha · v_i

where ``v_i`` is the household's signed preference for artist i: finished plays (by the fraction
played) and likes count for it, skips and dislikes against it (a negative ``v`` means "predict 0
here, with confidence |c|"), every event decayed by its age (half-life :data:`HALF_LIFE_DAYS`).
Scores ``Y x`` are limited to what the library can play, recently played tracks are left out,
picks are diversified with MMR (maximal marginal relevance over artist-factor cosine), and each pick
is explained by the history artist that contributes most to its score (ALS scores decompose
exactly: ``score_a = Σ_i c_i y_aᵀ A⁻¹ y_i``). With no usable history, a content fallback ranks the
library by its genre tags (those of what was played, else popularity, spread over genres).
"""

from __future__ import annotations

import json
import logging
import math
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import AssistantError, ModelError

log = logging.getLogger(__name__)

HALF_LIFE_DAYS = 90.0
"""An event's weight halves every this many days."""
PLAY_SCALE = 50.0
"""One finished household play ~ this many Last.fm scrobbles (puts v on the training data's scale)."""
WEIGHTS = {"finished": 1.0, "liked": 3.0, "skipped": -0.5, "disliked": -4.0}
"""Per-event contribution to an artist's net preference (finished is scaled by fraction played)."""
RECENT_S = 3 * 3600.0
"""Tracks played within this long are left out (unless too few would remain)."""
MMR_LAMBDA = 0.7
"""Relevance vs. diversity in MMR (1 = relevance only)."""


@dataclass(frozen=True)
class Pick:
    """One recommended track. ``score`` is the model score (or the fallback's, 0..1)."""

    title: str
    artist: str
    score: float
    reason: str
    track_id: int
    path: str
    genre: str = ""

    def to_json(self) -> dict:
        return {"title": self.title, "artist": self.artist, "score": round(self.score, 4),
                "reason": self.reason, "track_id": self.track_id, "path": self.path}


def norm_name(name: str) -> str:
    """Artist names compared case-, accent-form- and whitespace-insensitively."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


class FactorModel:
    """Item factors plus the ALS settings the fold-in needs. ``Y``: float32 ``[n_items, f]``."""

    def __init__(self, item_factors: np.ndarray, regularization: float, alpha: float,
                 names: list[str] | None = None, listeners: np.ndarray | None = None):
        self.Y = np.ascontiguousarray(item_factors, dtype=np.float32)
        self.regularization = float(regularization)
        self.alpha = float(alpha)
        f = self.Y.shape[1]
        # YᵀY in float32 as implicit does (float64 here is ~100x slower for no gain in ranking)
        self.A0 = (self.Y.T @ self.Y).astype(np.float64) + self.regularization * np.eye(f)
        self.names = names or []
        self.index = {norm_name(n): i for i, n in enumerate(self.names)}
        self.listeners = listeners

    @classmethod
    def load(cls, directory: str | Path | None = None) -> "FactorModel":
        """Load ``models/recommender`` (or ``directory``), checking every file against its card."""
        from . import cards, paths

        if directory is None:  # a flashed bundle in the device store wins over the shipped one
            from .store import active_model

            directory = active_model("recommender") or paths.MODELS_DIR / "recommender"
        d = Path(directory)
        cards.verify(d)
        try:
            with np.load(d / "factors.npz", allow_pickle=False) as z:
                Y, reg, alpha = z["item_factors"], float(z["regularization"]), float(z["alpha"])
                listeners = z["listeners"] if "listeners" in z.files else None
            meta = json.loads((d / "items.json").read_text(encoding="utf-8"))
        except (OSError, ValueError, KeyError) as exc:
            raise ModelError(f"{d}: unreadable recommender model ({exc})") from None
        if Y.ndim != 2 or len(meta.get("names", [])) != Y.shape[0]:
            raise ModelError(f"{d}: factors and items.json disagree ({Y.shape} vs "
                             f"{len(meta.get('names', []))} names)")
        return cls(Y, reg, alpha, meta["names"], listeners)

    @property
    def n_items(self) -> int:
        return self.Y.shape[0]

    def system(self, items: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The normal equations (A ``[f, f]``, b ``[f]``) for preferences ``values`` on ``items``."""
        items = np.asarray(items, np.int64)
        c = self.alpha * np.asarray(values, np.float64)
        Yi = self.Y[items].astype(np.float64)
        A = self.A0 + (Yi.T * (np.abs(c) - 1.0)) @ Yi
        b = Yi.T @ np.where(c > 0, c, 0.0)
        return A, b

    def fold_in(self, items: np.ndarray, values: np.ndarray) -> np.ndarray:
        """The user vector ``[f]`` for signed preferences ``values`` (``v``, not ``alpha·v``)."""
        if len(items) == 0:
            return np.zeros(self.Y.shape[1], np.float32)
        A, b = self.system(items, values)
        return np.linalg.solve(A, b).astype(np.float32)

    def scores(self, x: np.ndarray) -> np.ndarray:
        """``[n_items]`` predicted preference of every item."""
        return self.Y @ x

    def top(self, x: np.ndarray, k: int = 10, exclude: np.ndarray | None = None) -> np.ndarray:
        s = self.scores(x)
        if exclude is not None and len(exclude):
            s[exclude] = -np.inf
        k = min(k, s.size)
        idx = np.argpartition(-s, k - 1)[:k]
        return idx[np.argsort(-s[idx])]

    def contributions(self, items: np.ndarray, values: np.ndarray, target: int) -> np.ndarray:
        """Each history item's share of ``target``'s score (they sum to the score)."""
        A, _ = self.system(items, values)
        c = self.alpha * np.asarray(values, np.float64)
        z = np.linalg.solve(A, self.Y[target].astype(np.float64))
        return np.where(c > 0, c, 0.0) * (self.Y[np.asarray(items, np.int64)].astype(np.float64) @ z)


# --------------------------------------------------------------------------- history → preferences


@dataclass(frozen=True)
class Preference:
    """One artist's net preference from history: ``net`` > 0 for, < 0 against."""

    artist: str
    net: float
    example: str
    """A title to name in explanations (the most recent one played)."""
    liked: bool


def preferences(events, now: float | None = None) -> dict[str, Preference]:
    """History events (any order) → {normalized artist: Preference}, decayed by age."""
    now = time.time() if now is None else now
    acc: dict[str, list] = {}
    for e in sorted(events, key=lambda e: e.ts):
        w = WEIGHTS.get(e.event)
        if w is None or not e.artist:
            continue
        if e.event == "finished":
            w *= 1.0 if e.fraction is None else max(0.0, min(1.0, e.fraction))
        age_days = max(0.0, now - e.ts) / 86400.0
        w *= 0.5 ** (age_days / HALF_LIFE_DAYS)
        key = norm_name(e.artist)
        slot = acc.setdefault(key, [e.artist, 0.0, "", False])
        slot[1] += w
        if e.event in ("finished", "liked") and e.title:
            slot[2] = e.title
        slot[3] = slot[3] or e.event == "liked"
        if e.event == "disliked" and e.title and e.title == slot[2]:
            # "because you liked X" once named a song disliked since
            slot[2], slot[3] = "", False
    return {k: Preference(a, net, ex, liked) for k, (a, net, ex, liked) in acc.items()}


def preference_value(net: float) -> float:
    """Net preference → the fold-in's signed value on the training data's log1p(count) scale."""
    if net > 0:
        return math.log1p(net * PLAY_SCALE)
    if net < 0:  # |c| > 1: a confident "not this"
        return -(1.0 + math.log1p(-net * PLAY_SCALE))
    return 0.0


# --------------------------------------------------------------------------- recommenders


class Recommender:
    """Picks what to play next from the library and the history in ``db``."""

    name = "base"

    def recommend(self, db, n: int = 10, kind: str = "music", now: float | None = None) -> list[Pick]:
        raise NotImplementedError

    def like_this(self, db, seed, n: int = 10) -> list[Pick]:
        """Up to ``n`` tracks like the track ``seed`` ("play more like this"): other artists of
        its genre, then the seed's artist, then the rest; never the seed itself nor a disliked
        track. Backends with a notion of similar artists do better."""
        ranked = sorted(_like_pool(db, seed), key=lambda t: (t.genre.lower() != seed.genre.lower(),
                                                             norm_name(t.artist) == norm_name(seed.artist)))
        return [Pick(t.title, t.artist, 0.0, f"like {seed.artist}", t.id, t.path, t.genre)
                for t in ranked[:n]]


def _like_pool(db, seed) -> list:
    """The seed's kind of tracks, less the seed and what was disliked."""
    from . import history, library

    disliked = {e.track_id for e in history.events(db) if e.event == "disliked"}
    return [t for t in library.tracks(db, kind=seed.kind or "music")
            if t.id != seed.id and t.id not in disliked]


def _mmr(cands: list[int], rel: np.ndarray, sim, n: int, lam: float = MMR_LAMBDA) -> list[int]:
    """Greedy MMR over candidate positions: rel (normalized 0..1) vs. max similarity to picked
    (``sim`` >= 0). Each candidate's max similarity is kept up to date with the one just picked,
    so a pick costs one pass: O(n · len(cands)) calls of ``sim``."""
    chosen: list[int] = []
    left = list(range(len(cands)))
    div = np.zeros(len(cands))
    rel = np.asarray(rel, np.float64)
    while left and len(chosen) < n:
        vals = lam * rel[left] - (1 - lam) * div[left]
        best = left[int(np.argmax(vals))]  # the first of equals, as the candidates are ordered
        chosen.append(best)
        left.remove(best)
        for j in left:
            div[j] = max(div[j], sim(j, best))
    return chosen


class FoldInRecommender(Recommender):
    """ALS fold-in of the household's history against the shipped artist factors."""

    name = "fold-in"

    def __init__(self, model: FactorModel | None = None, model_dir: str | Path | None = None):
        self.model = model or FactorModel.load(model_dir)

    def recommend(self, db, n: int = 10, kind: str = "music", now: float | None = None) -> list[Pick]:
        from . import history, library

        now = time.time() if now is None else now
        tracks = library.tracks(db, kind=kind)
        if not tracks or n <= 0:
            return []
        evs = history.events(db)
        recent = {e.track_id for e in evs if e.track_id is not None and now - e.ts < RECENT_S
                  and e.event in ("started", "finished", "skipped")}
        disliked = {e.track_id for e in evs if e.event == "disliked" and e.track_id is not None}
        pool = [t for t in tracks if t.id not in disliked]
        fresh = [t for t in pool if t.id not in recent]
        cands = fresh if len(fresh) >= min(n, len(pool)) else pool
        if not cands:
            return []
        prefs = preferences(evs, now)
        m = self.model
        known = [(m.index[k], p) for k, p in prefs.items() if k in m.index and p.net != 0]
        if any(p.net > 0 for _, p in known):
            return self._collaborative(cands, known, n)
        return self._content(cands, prefs, tracks, n)

    def like_this(self, db, seed, n: int = 10) -> list[Pick]:
        """Scores of a listener who played only the seed's artist (the fold-in of that one
        artist), over the other artists' tracks, diversified; the seed's artist after them. An
        artist the model does not know falls back to genre (:meth:`Recommender.like_this`)."""
        m = self.model
        i = m.index.get(norm_name(seed.artist))
        if i is None:
            return super().like_this(db, seed, n)
        pool = _like_pool(db, seed)
        own = [t for t in pool if norm_name(t.artist) == norm_name(seed.artist)]
        cands = [t for t in pool if t not in own]
        x = m.fold_in(np.array([i]), np.array([preference_value(1.0)]))
        scores = m.scores(x)
        idx = np.array([m.index.get(norm_name(t.artist), -1) for t in cands], np.int64)
        floor = float(scores.min()) - 1.0
        s = np.where(idx >= 0, scores[np.maximum(idx, 0)], floor)
        s = s + np.array([0.5 * float(t.genre.lower() == seed.genre.lower()) for t in cands]) \
            * (np.ptp(s) if len(s) else 0.0)  # unknown artists of the same genre before the rest
        top = np.argsort(-s)[: max(4 * n, n + 8)]  # MMR is quadratic: a large library's best only
        cands, s = [cands[j] for j in top], s[top]
        rel = (s - s.min()) / (np.ptp(s) or 1.0) if len(s) else s

        keys = [norm_name(t.artist) for t in cands]

        def sim(a: int, b: int) -> float:
            return 10.0 if keys[a] == keys[b] else 0.0

        order = _mmr(list(range(len(cands))), rel, sim, n) if len(cands) else []
        picks = [Pick(cands[j].title, cands[j].artist, float(s[j]), f"like {seed.artist}",
                      cands[j].id, cands[j].path, cands[j].genre) for j in order]
        picks += [Pick(t.title, t.artist, 0.0, f"more {seed.artist}", t.id, t.path, t.genre)
                  for t in own]
        return picks[:n]

    # -- with history the model knows
    def _collaborative(self, cands, known, n: int) -> list[Pick]:
        m = self.model
        items = np.array([i for i, _ in known])
        values = np.array([preference_value(p.net) for _, p in known])
        x = m.fold_in(items, values)
        scores = m.scores(x)
        idx = np.array([m.index.get(norm_name(t.artist), -1) for t in cands])
        floor = float(scores.min()) - 1.0  # artists the model does not know rank last
        s = np.where(idx >= 0, scores[np.maximum(idx, 0)], floor)
        order = np.argsort(-s)[: max(4 * n, n + 8)]
        cands, s, idx = [cands[j] for j in order], s[order], idx[order]
        rel = (s - s.min()) / (np.ptp(s) or 1.0)
        Yn = m.Y / (np.linalg.norm(m.Y, axis=1, keepdims=True) + 1e-9)
        keys = [norm_name(t.artist) for t in cands]

        def sim(a: int, b: int) -> float:
            if keys[a] == keys[b]:
                return 10.0  # no artist twice while other artists remain
            if idx[a] < 0 or idx[b] < 0:
                return float(cands[a].genre.lower() == cands[b].genre.lower()) * 0.5
            return max(0.0, float(Yn[idx[a]] @ Yn[idx[b]]))

        picks = []
        by_item = {i: p for i, p in known}
        for j in _mmr(list(range(len(cands))), rel, sim, n):
            t = cands[j]
            reason = "to try something new"
            if idx[j] >= 0:
                contrib = m.contributions(items, values, int(idx[j]))
                top = int(np.argmax(contrib))
                if contrib[top] > 0:
                    p = by_item[int(items[top])]
                    verb = "liked" if p.liked else "played"
                    reason = f"because you {verb} {p.example + ' by ' if p.example else ''}{p.artist}"
            picks.append(Pick(t.title, t.artist, float(s[j]), reason, t.id, t.path, t.genre))
        return picks

    # -- no usable history: genre tags, else popularity, spread over genres
    def _content(self, cands, prefs, tracks, n: int) -> list[Pick]:
        m = self.model
        genre_of_artist = {norm_name(t.artist): t.genre for t in tracks if t.genre}
        taste: dict[str, float] = {}
        why: dict[str, str] = {}
        for k, p in prefs.items():
            g = genre_of_artist.get(k)
            if g:
                taste[g.lower()] = taste.get(g.lower(), 0.0) + p.net
                if p.net > 0:
                    why.setdefault(g.lower(), p.artist)
        pop = np.zeros(len(cands))
        if m.listeners is not None:
            for j, t in enumerate(cands):
                i = m.index.get(norm_name(t.artist))
                pop[j] = math.log1p(float(m.listeners[i])) if i is not None else 0.0
        pop = pop / (pop.max() or 1.0)
        tmax = max((abs(v) for v in taste.values()), default=0.0) or 1.0
        s = np.array([0.3 * pop[j] + taste.get(t.genre.lower(), 0.0) / tmax
                      for j, t in enumerate(cands)])
        # MMR over the best few only: a large library's every track made "play some jazz" take
        # 12 s at 20,000 tracks; 8n leaves room to spread the picks over genres
        order = np.argsort(-s, kind="stable")[: max(8 * n, n + 8)]
        cands, s = [cands[j] for j in order], s[order]
        rel = (s - s.min()) / (np.ptp(s) or 1.0)
        keys = [norm_name(t.artist) for t in cands]
        genres = [t.genre.lower() for t in cands]

        def sim(a: int, b: int) -> float:
            if keys[a] == keys[b]:
                return 10.0
            return 0.8 if genres[a] == genres[b] else 0.0

        picks = []
        for j in _mmr(list(range(len(cands))), rel, sim, n, lam=0.5):
            t = cands[j]
            g = t.genre.lower()
            if taste.get(g, 0.0) > 0 and g in why:
                reason = f"because you played {t.genre.lower()} ({why[g]})"
            else:
                reason = f"a popular {t.genre.lower() or 'library'} pick to start with"
            picks.append(Pick(t.title, t.artist, float(s[j]), reason, t.id, t.path, t.genre))
        return picks


def default_recommender(model_dir: str | Path | None = None) -> Recommender:
    return FoldInRecommender(model_dir=model_dir)


def top_up(player, db, recommender: Recommender | None, n: int = 3) -> int:
    """Autoplay: while the last track of a music queue plays (not on repeat), queue ``n`` more
    picks after it; returns how many were queued. Called from the voice loop's tick, so the
    recommender never runs inside the sound card's callback."""
    s = player.status()
    if (recommender is None or s.state != "playing" or s.track is None or s.track.kind != "music"
            or s.repeat != "off" or s.queue_pos != s.queue_len - 1):
        return 0
    try:
        more = [t for t in follow_on(db, recommender, n=n + 1)(s.track) if t.id != s.track.id][:n]
    except AssistantError as exc:
        log.warning("autoplay: %s", exc)
        return 0
    if more:
        player.enqueue(more, follow_on=True)
    return len(more)


class Autoplay:
    """:func:`top_up` for the voice loop's tick, tried once per last track: a library where the
    recommender has nothing more does not cost a recommendation every tick."""

    def __init__(self, n: int = 3):
        self.n = n
        self._tried: tuple | None = None

    def __call__(self, player, db, recommender: Recommender | None) -> int:
        s = player.status()
        key = (s.track.id if s.track else None, s.queue_len)
        if s.queue_pos != s.queue_len - 1 or key == self._tried:
            return 0
        queued = top_up(player, db, recommender, self.n)
        if s.state == "playing":
            self._tried = key
        return queued


def follow_on(db, recommender: Recommender, n: int = 3):
    """A ``Player.follow_on`` callback: when the queue runs out, queue ``n`` more picks."""
    from . import library

    def more(last_track) -> list:
        picks = recommender.recommend(db, n=n, kind=getattr(last_track, "kind", "music") or "music")
        tracks = [library.get(db, p.track_id) for p in picks]
        return [t for t in tracks if t is not None]

    return more
