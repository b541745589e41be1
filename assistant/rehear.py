"""Hearing one command again, when the first hearing may be wrong.

Two cases, both for the loop (:mod:`.loop`), both on the utterance's own audio:

- the understanding is unsure (below ``[asr] hear_again_below``): the command is heard again at
  the other speeds of ``[asr] hear_again`` (:func:`at_other_speeds`); the understanding then
  reads all hearings and acts on the one it is surest of (:func:`hearings_to_read`);
- a play command names nothing in the library ("play craft port", tiny.en's Kraftwerk): another
  hearing that does wins, else it is heard once more with the library's names nearest to it in
  Whisper's prompt (:func:`with_library_names`; bench/results/spoken_names.md).

``strip`` cuts the wake phrase said in the same breath from a hearing ("" when it is not there),
as the wake gate cut it from the first.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from typing import Callable

import numpy as np

from . import audio as A
from .errors import AssistantError
from .skills import is_bare_command, play_name
from .types import Understanding

log = logging.getLogger(__name__)


def hearings_to_read(first: str, again: list[str],
                     known: Callable[[str], bool] = is_bare_command) -> list[str]:
    """The hearings of one command the understanding reads (it acts on the one it is surest of):
    all of them, unless one is a command the skills know by its words ("Present." then
    "Resume."; "Heyper." then "Paper." in rock, paper, scissors): that one alone, the first
    hearing before the others. ``known``: a short command the skills know (the loop adds games
    and a game's next turn)."""
    hits = [h for h in [first, *again] if known(h)]
    return hits[:1] or [first, *again]


def at_other_speeds(transcriber, audio: np.ndarray, speeds, strip: Callable[[str], str]
                    ) -> tuple[list[str], float]:
    """The command heard again, once per speed: (the texts there are to use, ms taken). A
    hearing where the wake phrase said in the breath cannot be found is not used."""
    texts: list[str] = []
    t0 = time.perf_counter()
    for speed in speeds:
        try:
            text = transcriber.transcribe(A.change_speed(audio, speed)).text
        except AssistantError as exc:  # the first hearing stands on its own
            log.warning("hearing again at %.2fx failed: %s", speed, exc)
            continue
        text = strip(text) if text else ""
        if text.strip():
            texts.append(text.strip())
    return texts, (time.perf_counter() - t0) * 1000


def with_library_names(stages, ctx, audio: np.ndarray, name: str, u: Understanding,
                       hearings: list[str], base_prompt: str, strip: Callable[[str], str],
                       now: dt.datetime) -> tuple[Understanding, float, str]:
    """A play command whose name ``name`` the library does not have: another of its
    ``hearings`` that names something here wins; else it is heard again with the 12 library
    names nearest to ``name`` after ``base_prompt``, and that hearing wins when the library has
    its name. (the understanding to act on, ms taken, what that last hearing heard or "")."""
    from .library import tracks
    from .skills.listening import number_asked
    from .skills.match import nearest_names

    t0 = time.perf_counter()
    for h in hearings:
        found = play_name(h, ctx)
        if h != u.text and found is not None and found[1]:
            return stages.nlu.understand_heard([h], now=now), (time.perf_counter() - t0) * 1000, ""
    names = nearest_names(name, tracks(stages.db))
    prompt = f"{base_prompt} Play {', '.join(names)}.".strip()
    try:
        text = stages.transcriber.transcribe(audio, prompt=prompt).text
    except AssistantError as exc:
        log.warning("hearing again with the library's names failed: %s", exc)
        return u, (time.perf_counter() - t0) * 1000, ""
    text = strip(text).strip() if text else ""
    found = play_name(text, ctx) if text else None
    if found is not None and found[1] or text and number_asked(text) and not number_asked(u.text):
        # (a numbered part, "chapter 3" for "chaper free", is said even when there is no such part)
        u = stages.nlu.understand_heard([text], now=now)
    return u, (time.perf_counter() - t0) * 1000, text
