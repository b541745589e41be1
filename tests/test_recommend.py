"""The recommender: the fold-in against implicit, a known-answer checkerboard, the shipped model,
the device recommender over a real library and history, and the CLI end to end."""

from __future__ import annotations

import json
import shutil
import time

import numpy as np
import pytest
from scipy.sparse import csr_matrix

from assistant import cards
from assistant import db as D
from assistant import demo_library
from assistant import history as H
from assistant import library as L
from assistant.errors import ModelIntegrityError
from assistant.paths import MODELS_DIR
from assistant.recommend import FactorModel, FoldInRecommender, Recommender, norm_name, preference_value

from tests.conftest import dataset, run_cli

MODEL = MODELS_DIR / "recommender"


def _als(values, factors, reg, alpha, iters=8, seed=0):
    from implicit.als import AlternatingLeastSquares
    from threadpoolctl import threadpool_limits

    with threadpool_limits(1, "blas"):
        m = AlternatingLeastSquares(factors=factors, regularization=reg, alpha=alpha,
                                    iterations=iters, random_state=seed, num_threads=1)
        m.fit(csr_matrix(values, dtype=np.float32), show_progress=False)
    return m


def test_fold_in_equals_implicit_recalculate_user():
    from quantize.train_recommender import confidence, load_lastfm

    dataset("recsys_lastfm_hetrec2011")
    data = load_lastfm()
    values = confidence(data.counts)
    model = _als(values, factors=32, reg=2.0, alpha=1.5, iters=5)
    fm = FactorModel(np.asarray(model.item_factors), model.regularization, model.alpha)
    rng = np.random.default_rng(0)
    for u in rng.choice(values.shape[0], 8, replace=False):
        row = values[u].copy()
        # dislikes: negative values on a few artists the user never played
        extra = rng.choice(values.shape[1], 3, replace=False)
        row = row + csr_matrix((-rng.uniform(1, 4, 3), (np.zeros(3, int), extra)),
                               shape=row.shape)
        row = csr_matrix(row, dtype=np.float32)
        row.eliminate_zeros()
        ref = model.recalculate_user(0, row)
        x = fm.fold_in(row.indices, row.data)
        assert np.allclose(x, ref, rtol=1e-3, atol=1e-4 * np.abs(ref).max()), (u, np.abs(x - ref).max())
        # and the ranking over all artists agrees
        assert np.array_equal(fm.top(x, 10), fm.top(np.asarray(ref), 10))


def test_checkerboard_known_answer():
    """Two taste groups that never overlap: a new user's picks come from their own group only."""
    n_users, half = 40, 10
    v = np.zeros((n_users, 2 * half), np.float32)
    v[0::2, :half] = 2.0  # even users play exactly the first block, odd users the second
    v[1::2, half:] = 2.0
    model = _als(v, factors=4, reg=0.1, alpha=2.0, iters=20)
    fm = FactorModel(np.asarray(model.item_factors), 0.1, 2.0)
    for played, group in (([0, 1, 2], set(range(half))), ([12, 15], set(range(half, 2 * half)))):
        x = fm.fold_in(np.array(played), np.full(len(played), 3.0))
        top = fm.top(x, half - len(played), exclude=np.array(played))
        assert set(top.tolist()) == group - set(played)
        s = fm.scores(x)
        other = np.array(sorted(set(range(2 * half)) - group))
        # the known answer: the block's items share one factor y (|y|² = q), orthogonal to the
        # other block's, so with k played at confidence c = alpha·3 every unplayed item of the
        # block scores k·c·q / ((10 + k·(c - 1))·q + λ) and the other block 0
        Yb = fm.Y[sorted(group)]
        assert np.allclose(Yb, Yb.mean(axis=0), atol=1e-3)
        q, k, c = float(Yb.mean(axis=0) @ Yb.mean(axis=0)), len(played), 2.0 * 3.0
        expected = k * c * q / ((half + k * (c - 1)) * q + 0.1)
        assert np.allclose(s[top], expected, atol=1e-3)
        assert np.abs(s[other]).max() < 0.02  # (not exactly 0: λ couples the blocks slightly)
        # explanations: the contributions are an exact decomposition of the score
        c = fm.contributions(np.array(played), np.full(len(played), 3.0), int(top[0]))
        assert c.sum() == pytest.approx(float(fm.scores(x)[top[0]]), rel=1e-4)
    # a dislike counts against: liking 0 and disliking 1 (the same taste here) gives the block
    # c·q / ((10 + 2(c - 1))·q + λ), less than liking 0 alone
    Yb = fm.Y[:half].mean(axis=0)
    q, c = float(Yb @ Yb), 6.0
    liked = fm.scores(fm.fold_in(np.array([0]), np.array([3.0])))[5]
    mixed = fm.scores(fm.fold_in(np.array([0, 1]), np.array([3.0, -3.0])))[5]
    assert mixed == pytest.approx(c * q / ((half + 2 * (c - 1)) * q + 0.1), abs=1e-3)
    assert mixed < liked - 0.05


def test_preference_values_have_the_right_sign():
    assert preference_value(1.0) > preference_value(0.2) > 0 == preference_value(0.0)
    assert preference_value(-0.5) < -1.0  # a confident "not this": |c| > 1


def test_shipped_model_card_and_integrity(tmp_path):
    card = cards.verify(MODEL)
    assert {"factors.npz", "items.json"} <= set(card["files"])
    assert "train-recommender" in card["rebuild"]
    assert card["metrics"]["test_foldin"]["ndcg@10"] >= 2 * card["metrics"]["test_popularity"]["ndcg@10"]
    size = sum((MODEL / f).stat().st_size for f in card["files"])
    assert size < 6e6
    fm = FactorModel.load(MODEL)
    assert fm.n_items == card["source"]["items"]
    for genre, artist, album, titles in demo_library.MUSIC:
        assert norm_name(artist) in fm.index, artist  # the demo exercises the model for real
    bad = tmp_path / "rec"
    shutil.copytree(MODEL, bad)
    raw = bytearray((bad / "factors.npz").read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    (bad / "factors.npz").write_bytes(bytes(raw))
    with pytest.raises(ModelIntegrityError):
        FactorModel.load(bad)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return demo_library.ensure(tmp_path_factory.mktemp("demo") / "library")


@pytest.fixture(scope="module")
def rec():
    return FoldInRecommender(model_dir=MODEL)


@pytest.fixture
def db(tmp_path, demo):
    with D.open_db(tmp_path / "assistant.db") as d:
        L.scan(d, demo)
        yield d


def _play(db, artist, title, event="finished", ago_s=86400.0, fraction=1.0):
    t = L.find(db, artist=artist, title=title)
    H.record(db, event, artist=artist, title=title, track_id=t[0].id if t else None,
             fraction=fraction if event == "finished" else None, ts=time.time() - ago_s)


def test_jazz_history_gets_jazz_with_reasons(db, rec):
    _play(db, "Miles Davis", "So Late")
    _play(db, "John Coltrane", "Giant Stairs")
    _play(db, "Miles Davis", "So Late", event="liked")
    picks = rec.recommend(db, n=4)
    assert len(picks) == 4
    top_artists = [p.artist for p in picks[:3]]
    jazz = {"Miles Davis", "John Coltrane", "Bill Evans", "Ella Fitzgerald"}
    assert sum(a in jazz for a in top_artists) >= 2, picks
    assert all(p.reason.startswith("because you") for p in picks[:3])
    assert len({p.artist for p in picks}) == len(picks)  # MMR: no artist twice in four picks
    assert all(p.kind == "music" for p in [L.get(db, p.track_id) for p in picks])


def test_recently_played_and_disliked_are_left_out(db, rec):
    _play(db, "Miles Davis", "So Late", ago_s=60)  # just now
    _play(db, "John Coltrane", "Quiet Love", event="disliked", ago_s=60)
    picks = rec.recommend(db, n=10)
    titles = {p.title for p in picks}
    assert "So Late" not in titles and "Quiet Love" not in titles


def test_dislikes_and_skips_count_against(db, rec):
    for title in ("Heavy Stairway", "Whole Lotta Riff"):
        _play(db, "Led Zeppelin", title)
    before = {p.artist: p.score for p in rec.recommend(db, n=30)}
    _play(db, "AC/DC", "Back in Volts", event="disliked")
    for _ in range(3):
        _play(db, "The Rolling Stones", "Paint It Grey", event="skipped")
    after = {p.artist: p.score for p in rec.recommend(db, n=30)}
    assert "AC/DC" in before and "AC/DC" not in after  # its only track was disliked
    assert after["The Rolling Stones"] < before["The Rolling Stones"]
    fm = rec.model
    from assistant.recommend import preferences

    prefs = preferences(H.events(db))
    known = [(fm.index[k], preference_value(p.net)) for k, p in prefs.items()]
    x = fm.fold_in(np.array([i for i, _ in known]), np.array([v for _, v in known]))
    x0 = fm.fold_in(np.array([fm.index["led zeppelin"]]), np.array([preference_value(2.0)]))
    acdc = fm.index["ac/dc"]
    assert fm.scores(x)[acdc] < fm.scores(x0)[acdc]


def test_older_plays_decay(db, rec):
    _play(db, "Johann Sebastian Bach", "Invention in C", ago_s=2 * 365 * 86400)
    _play(db, "Daft Punk", "Around the Loop", ago_s=86400)
    picks = rec.recommend(db, n=3)
    assert picks[0].artist in {"Daft Punk", "Aphex Twin", "Kraftwerk", "Deadmau5"}, picks


def test_no_history_content_fallback_spreads_genres(db, rec):
    picks = rec.recommend(db, n=5)
    assert len(picks) == 5
    assert len({p.genre for p in picks}) == 5  # one per genre
    assert all(p.reason for p in picks)


def test_unknown_artists_fall_back_to_genre_tags(db, rec):
    db.execute("INSERT INTO tracks (path, mtime, size, title, artist, genre, duration_s, added_at) "
               "VALUES ('/nowhere/x.flac', 0, 1, 'Garage Tape', 'Zzyzx Unknown Band', 'Rock', 5, 0)")
    _play(db, "Zzyzx Unknown Band", "Garage Tape")
    picks = rec.recommend(db, n=3)
    assert picks[0].genre == "Rock" and "rock" in picks[0].reason


def test_foldin_is_fast(rec):
    fm = rec.model
    items = np.arange(0, 2000, 100)
    x = fm.fold_in(items, np.ones(items.size))
    t0 = time.perf_counter()
    for _ in range(20):
        fm.top(fm.fold_in(items, np.ones(items.size)), 10)
    # a smoke bound only; the p50 target (5 ms) is measured in bench/recommend.py
    assert (time.perf_counter() - t0) / 20 < 0.25 and x.shape == (fm.Y.shape[1],)


def test_cli_import_history_recommend(tmp_path, demo):
    state = tmp_path / "state"
    env = {"ASSISTANT_DEMO": str(demo.parent)}
    f = tmp_path / "StreamingHistory0.json"
    f.write_text(json.dumps([
        {"endTime": "2026-11-01 20:00", "artistName": "Daft Punk", "trackName": "Harder",
         "msPlayed": 220000},
        {"endTime": "2026-11-02 20:00", "artistName": "Kraftwerk", "trackName": "Autobahn",
         "msPlayed": 600000},
        {"endTime": "2026-11-03 20:00", "artistName": "Nirvana", "trackName": "Lithium",
         "msPlayed": 5000}]))
    r = run_cli("history", "import", str(f), "--state-dir", str(state), env=env)
    assert r.returncode == 0, r.stderr
    assert "imported 3" in r.stdout
    r = run_cli("history", "--json", "--state-dir", str(state), env=env)
    evs = [json.loads(x) for x in r.stdout.splitlines()]
    assert {(e["artist"], e["event"]) for e in evs} == {
        ("Daft Punk", "finished"), ("Kraftwerk", "finished"), ("Nirvana", "skipped")}
    r = run_cli("recommend", "--n", "3", "--json", "--state-dir", str(state), env=env)
    assert r.returncode == 0, r.stderr
    picks = [json.loads(x) for x in r.stdout.splitlines()]
    assert len(picks) == 3
    assert {"title", "artist", "score", "reason"} <= set(picks[0])
    assert picks[0]["artist"] in {"Daft Punk", "Kraftwerk", "Aphex Twin", "Deadmau5"}
    assert picks[0]["reason"].startswith("because you played")
    # a bad import: one line, exit 1, history unchanged
    bad = tmp_path / "bad.csv"
    bad.write_text("who,what\nA,B\n")
    r = run_cli("history", "import", str(bad), "--state-dir", str(state), env=env)
    assert r.returncode == 1 and len(r.stderr.strip().splitlines()) == 1 and "missing" in r.stderr
    r = run_cli("history", "--clear", "--state-dir", str(state), env=env)
    assert r.returncode == 0 and "3 events" in r.stdout
    r = run_cli("library", "--json", "--state-dir", str(state), env=env)
    assert len(r.stdout.splitlines()) == len(list(demo.rglob("*.flac")))


def test_player_follow_on_from_the_recommender(db, rec, tmp_path):
    from assistant.player_wav import WavPlayer
    from assistant.recommend import follow_on

    _play(db, "Kraftwerk", "Autobahn Demo")
    p = WavPlayer(db=db, out_dir=tmp_path / "out", follow_on=follow_on(db, rec, n=2))
    p.play(L.find(db, artist="Kraftwerk"), source="voice")
    p.advance(demo_library.SECONDS + 1.0)
    first = [e for e in H.events(db) if e.source == "follow-on"]
    assert first and first[-1].event == "started" and first[-1].artist != ""
    assert p.status().state == "playing"
    p.close()


@pytest.mark.parametrize("backend", ["fold-in", "genre"])
def test_more_like_this(db, rec, backend):
    """``like_this``: near the seed, never the seed or a dislike; the fold-in by artist factors,
    the base class by genre tags (what any backend falls back to)."""
    like = rec.like_this if backend == "fold-in" else (lambda *a, **k: Recommender.like_this(rec, *a, **k))
    _play(db, "Led Zeppelin", "Heavy Stairway", event="disliked")
    for artist, kin in [("Miles Davis", {"John Coltrane", "Bill Evans", "Ella Fitzgerald"}),
                        ("Nirvana", {"AC/DC", "Led Zeppelin", "The Rolling Stones"})]:
        seed = L.find(db, artist=artist)[0]
        picks = like(db, seed, n=5)
        assert len(picks) == 5 and seed.id not in {p.track_id for p in picks}
        assert picks[0].artist in kin and sum(p.artist in kin for p in picks[:3]) >= 2, picks
        assert "Heavy Stairway" not in {p.title for p in picks}
        assert all(p.reason in (f"like {artist}", f"more {artist}") for p in picks)


def test_mmr_picks_as_the_greedy_definition():
    """The one-pass MMR (each candidate's largest similarity kept up to date) picks what the
    greedy definition picks: at each step the best λ·rel − (1−λ)·max similarity to the chosen."""
    from assistant.recommend import _mmr

    rng = np.random.default_rng(0)
    for trial in range(20):
        n_c = int(rng.integers(1, 40))
        rel = rng.random(n_c)
        S = rng.random((n_c, n_c)) * rng.integers(0, 2, (n_c, n_c))  # ties and zeros too
        S = (S + S.T) / 2

        def sim(a, b):
            return float(S[a, b])

        chosen, left = [], list(range(n_c))
        while left and len(chosen) < 10:
            vals = [0.7 * rel[j] - 0.3 * max((sim(j, k) for k in chosen), default=0.0) for j in left]
            best = left[int(np.argmax(vals))]
            chosen.append(best)
            left.remove(best)
        assert _mmr(list(range(n_c)), rel, sim, 10, lam=0.7) == chosen, trial


def test_a_reason_never_names_a_song_disliked_since(db):
    """"Never play this again" right after "I love this song": "play my favourites" then said
    "I don't know your favourites yet. Playing Little Fugue, because you liked Invention in C"."""
    from assistant.recommend import preferences

    _play(db, "Johann Sebastian Bach", "Little Fugue", event="finished", ago_s=600)
    _play(db, "Johann Sebastian Bach", "Invention in C", event="liked", ago_s=300)
    p = preferences(H.events(db))[norm_name("Johann Sebastian Bach")]
    assert (p.example, p.liked) == ("Invention in C", True)
    _play(db, "Johann Sebastian Bach", "Invention in C", event="disliked", ago_s=60)
    p = preferences(H.events(db))[norm_name("Johann Sebastian Bach")]
    assert (p.example, p.liked) == ("", False)
