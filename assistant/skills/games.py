"""play_game, as far as a speaker can play on its own: flip a coin, roll dice, pick a number,
count, spell a word ("spell necessary", which the model also reads as play_game). Any other game gets
the honest answer.
"""

from __future__ import annotations

import random
import re

from ..types import Reply, Understanding
from .base import Skill, SkillContext
from .offline import unsupported_text
from .spoken import first_number, tokens

_COIN = re.compile(r"\b(?:flip|toss|throw) (?:a|the|me a) coin\b|\bheads or tails\b|"
                   r"\bcoin (?:flip|toss)\b")
_DICE = re.compile(r"\broll (?:a |the |(?P<n>\S+) )?(?:dice|die)\b|\b(?:dice|die) roll\b")
_NUMBER = re.compile(r"\b(?:pick|choose|give me|think of|say) (?:me )?a (?:random )?number\b|"
                     r"\brandom number\b")
_SPELL = re.compile(r"^(?:can you |could you |please |how (?:do|would|should) (?:you|i|we) )?spell "
                    r"(?:the word |out )?(?P<word>[a-z']+)$|^how is (?P<word2>[a-z']+) spelled$")
_COUNT = re.compile(r"^(?:can you |please )?count (?:(?:up )?to (?P<to>\S+)|down from (?P<down>\S+))$")
_BETWEEN = re.compile(r"\bbetween (\S+) and (\S+)|\bfrom (\S+) to (\S+)|\b(?:1|one) to (\S+)")
MAX_DICE = 10
MAX_COUNT = 20
_WORDS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
          "fifteen sixteen seventeen eighteen nineteen twenty").split()


def game_of(text: str) -> str | None:
    """"coin" | "dice" | "number" | "spell" when ``text`` asks for one, else None."""
    low = " ".join(tokens(text))
    for kind, rx in (("coin", _COIN), ("dice", _DICE), ("number", _NUMBER), ("spell", _SPELL),
                     ("count", _COUNT)):
        if rx.search(low):
            return kind
    return None


class GamesSkill(Skill):
    intents = ("play_game",)

    def __init__(self, rng: random.Random | None = None) -> None:
        self.rng = rng or random.Random()

    def handle(self, u: Understanding, ctx: SkillContext) -> Reply:
        low = " ".join(tokens(u.text))
        kind = game_of(low)
        if kind == "coin":
            side = self.rng.choice(("Heads", "Tails"))
            return Reply(f"It's {side.lower()}.", "game", (("coin", side.lower()),))
        if kind == "dice":
            m = _DICE.search(low)
            n = first_number(m.group("n")) if m and m.group("n") else None
            n = max(1, min(int(n or 1), MAX_DICE))
            rolls = [self.rng.randint(1, 6) for _ in range(n)]
            said = ", ".join(map(str, rolls[:-1])) + f" and {rolls[-1]}" if n > 1 else str(rolls[0])
            total = f", that's {sum(rolls)}" if n > 1 else ""
            return Reply(f"You rolled {'a ' if n == 1 else ''}{said}{total}.", "game",
                         (("dice", " ".join(map(str, rolls))),))
        if kind == "number":
            lo, hi = 1, 10
            m = _BETWEEN.search(low)
            if m:
                ends = [first_number(x) for x in m.groups() if x is not None]
                if len(ends) == 1:
                    ends = [1] + ends
                if len(ends) == 2 and None not in ends:
                    lo, hi = sorted(int(x) for x in ends)
            n = self.rng.randint(lo, hi)
            return Reply(f"{n}.", "game", (("number", str(n)), ("range", f"{lo}-{hi}")))
        if kind == "spell":
            m = _SPELL.search(low)
            word = (m.group("word") or m.group("word2")).replace("'", "")
            return Reply(f"{word.capitalize()} is spelled {', '.join(word.upper())}.", "game",
                         (("spelled", word),))
        if kind == "count":  # "count to ten", "count down from five"
            m = _COUNT.search(low)
            n = first_number(m.group("to") or m.group("down"))
            if n is not None and 1 <= n <= MAX_COUNT:
                seq = range(1, int(n) + 1) if m.group("to") else range(int(n), 0, -1)
                return Reply(", ".join(_WORDS[i] for i in seq).capitalize() + ".", "game",
                             (("count", str(int(n))),))
            return Reply(f"I only count up to {_WORDS[MAX_COUNT]}.", "game", ())
        return Reply(unsupported_text(u.intent) + " I can flip a coin, roll a die or pick a number.",
                     "unsupported", (("intent", u.intent),))
