"""``python -m quantize train-recommender``: learn artist factors from Last.fm listening counts.

Data: ``data_dir()/recsys_lastfm_hetrec2011`` (1892 users x 17632 artists, play counts). Confidence
is log-scaled: ``c = alpha * log1p(count)`` (implicit's ``alpha``). Users are split by ``--seed``
into train / validation / test (70 / 10 / 20 %). Every validation and test user's artists are split
80 / 20: the 80 % is folded in against item factors learned from the train users alone, exactly as
the device does (``assistant.recommend.fold_in``), all artists are ranked, and the 20 % measured.

Hyperparameters (ALS factors, regularization, alpha; BPR learning rate) are chosen on the
validation users only. The shipped model is then refitted on train + validation users with the
chosen setting; the test users, never seen in any fit or choice, give the card's metrics.

Ships ``models/recommender/``: ``factors.npz`` (item factors float16 ``[n_items, factors]`` plus the
ALS regularization and alpha the fold-in needs), ``items.json`` (artist names, Last.fm ids, listener
counts) and ``card.json``.

The helpers here (loading, splitting, metrics, fitting) are shared with ``bench/recommend.py``.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

LASTFM = "recsys_lastfm_hetrec2011"
MOVIELENS = "recsys_movielens_100k"
K = 10

ALS_GRID = [dict(factors=f, regularization=r, alpha=a)
            for f in (32, 64, 128) for r in (0.1, 1.0, 10.0) for a in (0.5, 1.0, 2.0, 4.0)]
BPR_GRID = [dict(factors=f, learning_rate=lr, regularization=0.01, iterations=100)
            for f in (64, 128) for lr in (0.003, 0.01, 0.03)]
ALS_ITERATIONS = 15


def add_parser(sub) -> None:
    p = sub.add_parser("train-recommender", help="learn the recommender's artist factors (Last.fm)",
                       description=__doc__.split("\n\n")[0])
    p.add_argument("--out", default=None, help="output folder (default: models/recommender)")
    p.add_argument("--seed", type=int, default=0, help="user split seed (default 0)")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--quick", action="store_true", help="one setting, no grid (smoke test)")
    p.set_defaults(func=run)


# --------------------------------------------------------------------------- data


@dataclass
class Interactions:
    """A users x items count matrix (scipy CSR, float32 raw counts) with item names."""

    counts: "object"
    item_names: list[str]
    item_ids: list[int]
    name: str


def load_lastfm(data_dir: Path | None = None) -> Interactions:
    from scipy.sparse import csr_matrix

    from assistant import paths
    from assistant.errors import ModelError

    d = Path(data_dir or paths.data_dir()) / LASTFM
    if not (d / "user_artists.dat").is_file():
        raise ModelError(f"{d}: Last.fm HetRec data not found (set ASSISTANT_DATA)")
    names: dict[int, str] = {}
    with open(d / "artists.dat", encoding="utf-8", newline="") as f:
        next(f)
        for line in f:
            parts = line.rstrip("\r\n").split("\t")
            if len(parts) >= 2 and parts[0].strip().isdigit():
                names[int(parts[0])] = parts[1].strip()
    raw = np.loadtxt(d / "user_artists.dat", dtype=np.int64, ndmin=2, comments=None,
                     converters=None, usecols=(0, 1, 2))
    users, artists, counts = raw[:, 0], raw[:, 1], raw[:, 2].astype(np.float32)
    item_ids = sorted(set(names) | set(artists.tolist()))
    col = {a: i for i, a in enumerate(item_ids)}
    uids = np.unique(users)
    row = {u: i for i, u in enumerate(uids.tolist())}
    m = csr_matrix((counts, ([row[u] for u in users.tolist()], [col[a] for a in artists.tolist()])),
                   shape=(len(uids), len(item_ids)), dtype=np.float32)
    m.sum_duplicates()
    return Interactions(m, [names.get(a, f"artist {a}") for a in item_ids], item_ids, "lastfm")


def load_movielens(data_dir: Path | None = None) -> Interactions:
    from scipy.sparse import csr_matrix

    from assistant import paths
    from assistant.errors import ModelError

    d = Path(data_dir or paths.data_dir()) / MOVIELENS
    if not (d / "u.data").is_file():
        raise ModelError(f"{d}: MovieLens-100k not found")
    raw = np.loadtxt(d / "u.data", dtype=np.int64, ndmin=2)
    u, i, r = raw[:, 0] - 1, raw[:, 1] - 1, raw[:, 2].astype(np.float32)
    m = csr_matrix((r, (u, i)), shape=(u.max() + 1, i.max() + 1), dtype=np.float32)
    return Interactions(m, [str(x + 1) for x in range(m.shape[1])], list(range(1, m.shape[1] + 1)),
                        "movielens100k")


def confidence(counts):
    """Raw counts (CSR) → log-scaled values log1p(count) (implicit multiplies by alpha)."""
    c = counts.copy()
    c.data = np.log1p(c.data).astype(np.float32)
    return c


@dataclass
class Split:
    train_users: np.ndarray
    val_users: np.ndarray
    test_users: np.ndarray
    fold: "object"
    """CSR users x items: every user's fold-in part (train users: all of their items)."""
    held: "object"
    """CSR users x items: the held-out 20 % of validation and test users (empty for train users)."""


def split(counts, seed: int, test_frac: float = 0.2, val_frac: float = 0.1,
          hold_frac: float = 0.2) -> Split:
    """Users → train/val/test by ``seed``; val and test users' items → 80 % fold / 20 % held."""
    from scipy.sparse import csr_matrix

    rng = np.random.default_rng(seed)
    n_users = counts.shape[0]
    perm = rng.permutation(n_users)
    n_test, n_val = int(round(test_frac * n_users)), int(round(val_frac * n_users))
    test, val, train = perm[:n_test], perm[n_test:n_test + n_val], perm[n_test + n_val:]
    coo = counts.tocoo()
    keep = np.ones(coo.nnz, bool)
    eval_users = np.zeros(n_users, bool)
    eval_users[test] = eval_users[val] = True
    order = np.argsort(coo.row, kind="stable")
    starts = np.searchsorted(coo.row[order], np.arange(n_users + 1))
    for u in np.flatnonzero(eval_users):
        idx = order[starts[u]:starts[u + 1]]
        if idx.size < 2:
            continue
        n_hold = max(1, int(round(hold_frac * idx.size)))
        keep[rng.choice(idx, n_hold, replace=False)] = False
    shape = counts.shape
    fold = csr_matrix((coo.data[keep], (coo.row[keep], coo.col[keep])), shape=shape)
    held = csr_matrix((coo.data[~keep], (coo.row[~keep], coo.col[~keep])), shape=shape)
    return Split(np.sort(train), np.sort(val), np.sort(test), fold, held)


def rows(m, users: np.ndarray):
    """The matrix with only ``users``' rows kept (same shape, other rows empty)."""
    from scipy.sparse import diags

    mask = np.zeros(m.shape[0], np.float32)
    mask[users] = 1
    out = diags(mask) @ m
    out.eliminate_zeros()
    return out.tocsr()


# --------------------------------------------------------------------------- metrics


def topk(scores: np.ndarray, exclude: np.ndarray, k: int = K) -> np.ndarray:
    s = scores.astype(np.float64, copy=True)
    s[exclude] = -np.inf
    idx = np.argpartition(-s, k)[:k]
    return idx[np.argsort(-s[idx])]


def ranking_metrics(recs: np.ndarray, relevant: set, k: int = K) -> tuple[float, float, float]:
    """(recall@k, nDCG@k, precision@k) for one user with binary relevance."""
    hits = np.array([r in relevant for r in recs[:k]], float)
    if not relevant:
        return 0.0, 0.0, 0.0
    dcg = float((hits / np.log2(np.arange(2, hits.size + 2))).sum())
    idcg = float((1 / np.log2(np.arange(2, min(len(relevant), k) + 2))).sum())
    return hits.sum() / min(len(relevant), k), dcg / idcg, hits.sum() / k


def evaluate(score_fn, sp: Split, users: np.ndarray, k: int = K) -> dict:
    """Mean recall@k, nDCG@k, precision@k over ``users`` (the fold-in part excluded from ranking)."""
    out = []
    for u in users:
        rel = set(sp.held.indices[sp.held.indptr[u]:sp.held.indptr[u + 1]].tolist())
        if not rel:
            continue
        seen = sp.fold.indices[sp.fold.indptr[u]:sp.fold.indptr[u + 1]]
        out.append(ranking_metrics(topk(score_fn(u), seen, k), rel, k))
    a = np.array(out)
    return {"recall@10": float(a[:, 0].mean()), "ndcg@10": float(a[:, 1].mean()),
            "precision@10": float(a[:, 2].mean()), "users": len(out)}


# --------------------------------------------------------------------------- models


def _limit_threads(n: int):
    try:
        from threadpoolctl import threadpool_limits

        return threadpool_limits(n, "blas")
    except ImportError:  # pragma: no cover
        import contextlib

        return contextlib.nullcontext()


def fit_als(values, params: dict, seed: int, threads: int = 1):
    from implicit.als import AlternatingLeastSquares

    with _limit_threads(1):
        m = AlternatingLeastSquares(factors=params["factors"], regularization=params["regularization"],
                                    alpha=params["alpha"],
                                    iterations=params.get("iterations", ALS_ITERATIONS),
                                    random_state=seed, num_threads=threads,
                                    calculate_training_loss=False)
        m.fit(values, show_progress=False)
    return m


def fit_bpr(values, params: dict, seed: int, threads: int = 1):
    from implicit.bpr import BayesianPersonalizedRanking

    with _limit_threads(1):
        m = BayesianPersonalizedRanking(factors=params["factors"],
                                        learning_rate=params["learning_rate"],
                                        regularization=params["regularization"],
                                        iterations=params["iterations"], random_state=seed,
                                        num_threads=threads)
        m.fit(values, show_progress=False)
    return m


def foldin_scorer(item_factors: np.ndarray, values, params: dict):
    """Scores for a user from the device's fold-in against fixed item factors."""
    from assistant.recommend import FactorModel

    fm = FactorModel(item_factors, params["regularization"], params["alpha"])

    def score(u: int) -> np.ndarray:
        lo, hi = values.indptr[u], values.indptr[u + 1]
        x = fm.fold_in(values.indices[lo:hi], values.data[lo:hi])
        return fm.scores(x)

    return score


def eval_foldin(values, sp: Split, users, params, seed, threads=1, dtype=np.float16) -> tuple[dict, object]:
    """Fit on train users only, fold ``users`` in (factors cast to ``dtype`` as shipped)."""
    model = fit_als(rows(values, sp.train_users), params, seed, threads)
    Y = np.asarray(model.item_factors).astype(dtype).astype(np.float32)
    fold_values = confidence(sp.fold)
    return evaluate(foldin_scorer(Y, fold_values, params), sp, users), model


def tune(values, sp: Split, seed: int, threads: int = 1, quick: bool = False) -> tuple[dict, dict, list]:
    """Choose ALS and BPR settings by validation nDCG@10. Returns (als, bpr, table)."""
    table = []
    best_als, best_score = None, -1.0
    for params in ALS_GRID[:1] if quick else ALS_GRID:
        t0 = time.perf_counter()
        metrics, _ = eval_foldin(values, sp, sp.val_users, params, seed, threads)
        table.append({"model": "als", **params, **metrics, "fit_s": round(time.perf_counter() - t0, 1)})
        log.info("ALS %s: val nDCG@10 %.4f", params, metrics["ndcg@10"])
        if metrics["ndcg@10"] > best_score:
            best_als, best_score = params, metrics["ndcg@10"]
    # BPR cannot fold in: its validation users' 80 % is part of its training data
    bpr_train = confidence(rows(sp.fold, np.concatenate([sp.train_users, sp.val_users])))
    best_bpr, best_score = None, -1.0
    for params in BPR_GRID[:1] if quick else BPR_GRID:
        model = fit_bpr(bpr_train, params, seed, threads)
        Y, X = np.asarray(model.item_factors), np.asarray(model.user_factors)
        metrics = evaluate(lambda u: Y @ X[u], sp, sp.val_users)
        table.append({"model": "bpr", **params, **metrics})
        log.info("BPR %s: val nDCG@10 %.4f", params, metrics["ndcg@10"])
        if metrics["ndcg@10"] > best_score:
            best_bpr, best_score = params, metrics["ndcg@10"]
    return best_als, best_bpr, table


# --------------------------------------------------------------------------- run


def run(args) -> int:
    from assistant import cards, paths

    out = Path(args.out) if args.out else paths.MODELS_DIR / "recommender"
    t_start = time.perf_counter()
    data = load_lastfm()
    values = confidence(data.counts)
    sp = split(data.counts, args.seed)
    log.info("Last.fm: %d users x %d artists, %d plays; split %d/%d/%d users", *data.counts.shape,
             data.counts.nnz, len(sp.train_users), len(sp.val_users), len(sp.test_users))
    als, bpr, table = tune(values, sp, args.seed, args.threads, args.quick)
    log.info("chosen ALS %s, BPR %s", als, bpr)

    # the shipped model: train + validation users (all their items); test users stay unseen
    fit_users = np.concatenate([sp.train_users, sp.val_users])
    model = fit_als(rows(values, fit_users), als, args.seed, args.threads)
    Y = np.asarray(model.item_factors).astype(np.float16)
    test = evaluate(foldin_scorer(Y.astype(np.float32), confidence(sp.fold), als), sp, sp.test_users)
    pop = np.asarray((rows(data.counts, fit_users) > 0).sum(axis=0)).ravel()
    popularity = evaluate(lambda u: pop.astype(np.float64), sp, sp.test_users)
    log.info("test users: fold-in nDCG@10 %.4f, popularity %.4f", test["ndcg@10"], popularity["ndcg@10"])

    out.mkdir(parents=True, exist_ok=True)
    listeners = np.asarray((data.counts > 0).sum(axis=0)).ravel().astype(np.int32)
    np.savez_compressed(out / "factors.npz", item_factors=Y,
                        regularization=np.float32(als["regularization"]),
                        alpha=np.float32(als["alpha"]), listeners=listeners)
    (out / "items.json").write_text(json.dumps(
        {"names": data.item_names, "lastfm_ids": data.item_ids,
         "tags": None,
         "tags_note": "the shared copy of HetRec has no user_taggedartists.dat, so artists carry "
                      "no Last.fm tags; the runtime's content fallback uses the library's genre tags"},
        ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    cards.write_card(
        out, ["factors.npz", "items.json"],
        name="recommender",
        kind="implicit ALS item factors (float16) for on-device fold-in",
        source={"data": f"{LASTFM} (HetRec 2011 Last.fm 2k: user_artists.dat, artists.dat)",
                "users": int(data.counts.shape[0]), "items": int(data.counts.shape[1]),
                "interactions": int(data.counts.nnz), "library": "implicit 0.7.3"},
        confidence="alpha * log1p(play count)",
        split={"seed": args.seed, "train_users": len(sp.train_users),
               "validation_users": len(sp.val_users), "test_users": len(sp.test_users),
               "held_out_per_user": 0.2, "fit_users": "train + validation"},
        hyperparameters={"als": {**als, "iterations": ALS_ITERATIONS}, "bpr": bpr,
                         "chosen_by": "validation users' nDCG@10 (fold-in), never test users"},
        metrics={"test_foldin": test, "test_popularity": popularity,
                 "foldin_vs_popularity": round(test["ndcg@10"] / max(popularity["ndcg@10"], 1e-9), 2)},
        validation=table,
        rebuild=f"python -m quantize train-recommender --seed {args.seed}",
        train_seconds=round(time.perf_counter() - t_start, 1),
    )
    size = sum((out / f).stat().st_size for f in ("factors.npz", "items.json"))
    print(f"wrote {out} ({size / 1e6:.1f} MB): test nDCG@10 fold-in {test['ndcg@10']:.4f}, "
          f"popularity {popularity['ndcg@10']:.4f}")
    return 0
