"""The wake gate: is this transcript addressed to the speaker, and what is the command?

The wake phrase ("hey speaker" by default) is looked for at the start of a transcript with fuzzy
matching (Whisper writes "Hey, speaker.", "Hey Speaker!", "Hay speaker", ...). The command may
follow in the same breath ("hey speaker, play some jazz") or come in the next utterance, within
``timeout_s``. After a reply, a follow-up window of ``follow_up_s`` takes a command without the
phrase. With the gate disabled (``--no-wake``) everything is a command.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from .config import WakeConfig

_WORD = re.compile(r"[a-z0-9']+")


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _same_start(word: str, want: str) -> bool:
    return word[:1] == want[:1] or fuzz.ratio(word, want) >= 80


@dataclass(frozen=True)
class Gate:
    """What the gate decided about one transcript.

    kind: "command" (``command`` holds the text to act on), "wake" (the phrase alone: listen for
    the command), or "ignore" (not addressed to us). ``follow_up``: a command let in by the
    window after a reply, with no wake phrase before it.
    """

    kind: str
    command: str = ""
    score: float = 0.0
    follow_up: bool = False


class WakeGate:
    def __init__(self, cfg: WakeConfig, enabled: bool | None = None):
        self.cfg = cfg
        self.enabled = cfg.enabled if enabled is None else enabled
        self.phrase = words(cfg.phrase)
        self._open_until = float("-inf")  # awake (after the phrase) or in the follow-up window
        self._woken_at: float | None = None
        self._window_left = float("-inf")  # where the follow-up window ended, once it let one in

    def match(self, text: str) -> tuple[float, str]:
        """Best fuzzy score (0-100) of the phrase against the transcript's first words, and the
        rest of the transcript after the matched words, as written: its commas part the items
        of "add milk, eggs and butter", as in a command said after the phrase alone."""
        ws = words(text)
        n = len(self.phrase)
        if not ws or not n:
            return 0.0, ""
        target, joined = " ".join(self.phrase), "".join(self.phrase)
        best, rest_at = 0.0, 0
        # Whisper may split or merge the words ("hey speaker", "heyspeaker", "hey speak er")
        for k in range(1, min(len(ws), n + 1) + 1):
            cand = ws[:k]
            # the initial sounds carry the phrase: "the speaker" is not "hey speaker"
            if not (_same_start(cand[0], self.phrase[0]) and _same_start(cand[-1], self.phrase[-1])
                    or k == 1 and cand[0][:1] == joined[:1]):
                continue
            score = max(fuzz.ratio(" ".join(cand), target), fuzz.ratio("".join(cand), joined))
            if score > best:
                best, rest_at = score, k
        if not best:
            return 0.0, ""
        # offsets in the text as written (lower() may change a length: "İ" → "i̇")
        spans = list(re.finditer(r"[A-Za-z0-9']+", text))
        if len(spans) != len(ws):
            return best, " ".join(ws[rest_at:])
        end = spans[rest_at - 1].end()
        return best, text[end:].strip().lstrip(",.;:!?-— ").strip()

    def in_window(self, now: float) -> bool:
        return now <= self._open_until

    def listen_for_follow_up(self, now: float) -> None:
        """After a reply: the next command within ``follow_up_s`` needs no phrase."""
        self._open_until = now + self.cfg.follow_up_s

    def keep_window(self) -> None:
        """The follow-up window that let in the last command stays open until it would have
        closed: that command was talk in the room, not for the speaker, and the person it
        answered may still say "next"."""
        self._open_until = self._window_left

    def close(self) -> None:
        self._open_until = float("-inf")
        self._woken_at = None

    def woken_timed_out(self, now: float) -> bool:
        """True once, when a wake that brought no command has waited ``timeout_s``."""
        if self._woken_at is not None and now > self._woken_at + self.cfg.timeout_s:
            self.close()
            return True
        return False

    def check(self, text: str, now: float) -> Gate:
        score, rest = self.match(text)
        if not self.enabled:
            # the phrase said anyway is no part of the command: "Hey speaker, okay." whole was
            # read as audio_volume_up and turned the volume up
            if rest and score >= self.cfg.min_score:
                return Gate("command", rest, score)
            return Gate("command", text.strip())
        if score >= self.cfg.min_score:
            if rest:
                self.close()
                return Gate("command", rest, score)
            self._woken_at = now
            self._open_until = now + self.cfg.timeout_s
            return Gate("wake", "", score)
        if self.in_window(now):
            follow_up = self._woken_at is None
            self._window_left = self._open_until if follow_up else float("-inf")
            self.close()
            return Gate("command", text.strip(), score, follow_up)
        return Gate("ignore", "", score)
