"""The Skill base class and what a skill may touch (``SkillContext``).

A skill turns an ``Understanding`` into a ``Reply`` (the words to say, and ``action``/``detail``
describing what it did, which the loop reports as the ``action`` event). Skills never speak or
sleep themselves: the loop speaks the reply and drives time (timers ring from the loop's clock).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from ..config import Config
from ..types import Reply, Understanding


@dataclass
class SkillContext:
    """Handles a skill may use. ``clock()`` returns epoch seconds: the wall clock on a device,
    the position in the recording (from its start time) with ``--input``, so tests are exact."""

    cfg: Config
    db: Any                      # assistant.db.Database
    player: Any                  # assistant.player.Player (music, volume, ducking)
    recommender: Any | None      # assistant.recommend.Recommender or None
    timers: Any                  # assistant.timers.Timers
    clock: Callable[[], float]
    last_reply: Reply | None = None
    last_heard: str = ""         # the command before this one, as heard ("what did I just say")
    extras: dict = field(default_factory=dict)
    speaker: Any | None = None   # assistant.tts.Speaker (its pace), None where nothing speaks


class Skill:
    """Base class: a skill declares the intents it serves and answers them."""

    intents: tuple[str, ...] = ()

    def handle(self, u: Understanding, ctx: SkillContext) -> Reply:
        raise NotImplementedError
