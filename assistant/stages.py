"""What the voice loop runs: its models (VAD, Whisper with the loop's prompt, the understanding
model, the voice, the recommender), rebuilt as a whole on reload, and its stores (database,
player, timers), which live as long as the loop. :mod:`.loop` drives them.
"""

from __future__ import annotations

import logging

import numpy as np

from . import audio as A
from .config import Config
from .errors import AssistantError, DatabaseError

log = logging.getLogger(__name__)


def wake_prompt(cfg: Config, enabled: bool = True) -> str:
    """Whisper's prompt in the loop: two earlier commands that start with the wake phrase.

    Whisper mishears a bare "hey speaker" ("Here's the car"); with the phrase in its prompt it
    spells it right. The prompt holds whole earlier commands, not the phrase alone: after a
    prompt ending in "Hey speaker," Whisper takes the phrase as already written and drops it
    from the transcript (bench/results/wake.md). Between them, the one-word commands tiny.en
    mishears most when said alone after a wake ("Resume" heard as "Present", "Skip" as "It's
    good"): one-word commands synthesised in three voices, 38/54 heard right → 43/54; HWU64
    valid sentences WER 0.092 → 0.087 (bench/results/asr_prompt.md); no false wakes (wake.md)."""
    if not (enabled and cfg.wake.enabled):
        return ""
    p = cfg.wake.phrase.strip().capitalize()
    return f"{p}, what time is it? Pause. Resume. Skip. Unmute. Quieter. {p}, play some jazz."


class Models:
    """The models the loop runs; rebuilt as a whole on reload (SIGHUP), then swapped in."""

    def __init__(self, cfg: Config, asr: str | None, prompt: str = ""):
        from . import nlu
        from .asr import load_transcriber
        from .recommend import default_recommender
        from .tts import load_speaker
        from .vad import Segmenter

        self.segmenter = Segmenter(cfg.vad)
        self.transcriber = load_transcriber(asr or cfg.asr.engine, model=cfg.asr.model or None,
                                            threads=cfg.asr.threads, prompt=prompt)
        self.nlu = nlu.load(cfg.nlu.model_dir or None, threads=cfg.nlu.threads)
        self.speaker = load_speaker(cfg.tts.engine, cfg.tts.voice, cfg.tts.rate)
        try:
            self.recommender = default_recommender()
        except AssistantError as exc:
            log.warning("recommendations unavailable: %s", exc)
            self.recommender = None

    def warm_up(self) -> None:
        """One pass through each model, so the first command is not the slow one."""
        rng = np.random.default_rng(0)
        self.transcriber.transcribe((rng.standard_normal(A.SAMPLE_RATE) * 0.01).astype(A.DTYPE))
        self.nlu.understand("wake me up at seven am tomorrow")  # dateparser loads lazily
        self.speaker.synthesize("Ready.")

    def describe(self) -> dict:
        out = {"asr": self.transcriber.describe()}
        card = getattr(self.nlu, "card", None)
        if isinstance(card, dict):
            out["nlu"] = {k: card[k] for k in ("name", "version", "created") if k in card}
        return out


class Stages:
    """Every model and store the loop uses. Stores (database, player, timers) live as long as
    the loop; models are replaced on reload."""

    def __init__(self, cfg: Config, asr: str | None, live: bool, prompt: str = ""):
        from . import db as D
        from . import library
        from .player import open_player
        from .player_wav import WavPlayer
        from .timers import Timers

        self.models = Models(cfg, asr, prompt)
        self.models.warm_up()
        try:
            self.db = D.open_db()
        except DatabaseError as exc:
            # a full disk or a stuck lock at boot must not become a restart loop: serve from memory
            log.warning("%s; history, timers and the library index live in memory until the "
                        "next start", exc)
            self.db = D.open_db(":memory:")
        try:
            library.ensure_library(self.db, cfg.library.paths)
        except (AssistantError, OSError) as exc:
            log.warning("media library unavailable: %s", exc)
        self.prune_history(cfg)
        opts = dict(volume=cfg.player.volume, duck_volume=cfg.player.duck_volume)
        # a recording runs faster than real time: its output is rendered on the stream clock
        self.player = open_player(self.db, cfg) if live else WavPlayer(db=self.db, **opts)
        self.timers = Timers(self.db)
        self.apply_pace()

    def apply_pace(self) -> None:
        """The speaking pace last asked for ("speak more slowly"), kept in the database."""
        from .tts import PACE_KEY

        try:
            self.speaker.set_pace(float(self.db.get_meta(PACE_KEY) or 1.0))
        except ValueError:
            log.warning("ignoring an unreadable speaking pace %r", self.db.get_meta(PACE_KEY))

    def prune_history(self, cfg: Config) -> None:
        """The retention setting ([history] retention_days), applied at start and daily."""
        from . import history

        try:
            n = history.prune(self.db, cfg.history.retention_days)
            if n:
                log.info("history: %d events older than %d days removed", n,
                         cfg.history.retention_days)
        except AssistantError as exc:
            log.warning("history retention: %s", exc)

    def __getattr__(self, name):  # segmenter, transcriber, nlu, speaker, recommender
        return getattr(self.__dict__["models"], name)

    def describe(self) -> dict:
        return self.models.describe()

    def close(self) -> None:
        try:
            self.player.close()
            self.player.flush_events()
        finally:
            self.db.close()
