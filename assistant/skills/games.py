"""play_game, as far as a speaker can play on its own: flip a coin, roll dice, pick a number,
count, spell a word ("spell necessary", which the model also reads as play_game), riddles,
knock-knock jokes and rock, paper, scissors (their next turns: follow_on). Any other game gets
the honest answer.
"""

from __future__ import annotations

import random
import re

from ..types import Reply, Understanding
from .base import Skill, SkillContext
from .spoken import first_number, tokens

_COIN = re.compile(r"\b(?:flip|toss|throw) (?:a|the|me a|that|this) (?:(?:two|2) sided |fair (?:sided )?)?(?:coin|quarter|"
                   r"penny)\b|\bheads or tails\b|\bcoin (?:flip|toss)\b|\b(?:get|take) a coin and (?:flip|toss) it\b")
_DICE = re.compile(r"\b(?:roll|toss|throw) (?:a |an |the |that |some |(?P<n>\S+) )?(?:pair of |fair,? )?(?:(?P<sides>\d+|"
                   r"twenty|twelve|ten|eight|six|four) sided )?(?:dice|die|d ?(?P<d>\d+))\b|\b(?:dice|die) roll\b|"
                   r"\b(?P<sides2>\d+) sided (?:dice|die) (?:roll|rolled)\b")
_NUMBER = re.compile(r"\b(?:pick|choose|give me|think of|say) (?:me )?a (?:random )?number\b|"
                     r"\brandom number\b")
_SPELL = re.compile(r"^(?:can you |could you |please |(?:tell me |can you tell me )?how (?:do|would|should|to) "
                    r"(?:you |i |we )?|(?:can you )?remind me how to |i (?:need to know|forget|don't know) how to |"
                    r"what's the (?:right|correct) way to )?spell (?:out )?(?:the word )?(?P<word>[a-z']+)(?: for me)?$|"
                    r"^how is (?:the word )?(?P<word2>[a-z']+) spelled$|^(?:what is|give me|tell me) the spelling of "
                    r"(?:the word )?(?P<word3>[a-z']+)$|^(?P<word4>[a-z']+) is spelled how$")
_COUNT = re.compile(r"^(?:can you |please )?count (?:(?:up )?to (?P<to>\S+)|(?:down|backwards?) from "
                    r"(?P<down>\S+))$")
_RPS = re.compile(r"\brock,? paper,? (?:scissors?|sisters?|scissor)\b|\bpaper,? scissors,? rock\b")  # tiny.en: "sisters"
_RIDDLE = re.compile(r"\b(?:tell|give|ask) (?:me|us) (?:a|another) riddle\b|"
                     r"^(?:a |another )?riddle(?: please)?$|\bdo you know (?:any|a) riddles?\b|^riddle (?P<i>\d+) answer\b")
_KNOCK = re.compile(r"^knock,? knock(?: (?P<step>who is there|punchline) (?P<said>.+))?$")
_TELL_KNOCK = re.compile(r"\b(?:tell|give) (?:me|us) (?:a|another|the|one) knock knock(?: joke)?\b|^(?:a |another )?"
                         r"knock knock joke(?: please)?$|\bdo you know (?:any|a) knock knock jokes?\b|"
                         r"^knock knock joke (?P<i>\d+) (?P<step>name|punchline)\b")
KNOCKS = (("Lettuce.", "Lettuce in, it's cold out here!"),
          ("Boo.", "Don't cry, it's only a joke!"),
          ("Olive.", "Olive you, and I'm glad you're here!"),
          ("Tank.", "You're welcome!"),
          ("Atch.", "Bless you!"))
"""Knock-knock jokes the speaker tells: (who is there, the punchline)."""
_OTHER_GAME = re.compile(r"\b(?:play|let's play|want to play|can we play)\b.*\b(?:twenty questions|"
                         r"20 questions|i spy|hide and seek|chess|checkers|trivia|a quiz|hangman|tic tac toe|"
                         r"charades|simon says|a word game|monopoly|cards)\b")
RIDDLES = (  # (riddle, answer, words of a right guess)
    ("What has keys but can't open any doors?", "A piano.", ("piano", "keyboard")),
    ("What gets wetter the more it dries?", "A towel.", ("towel",)),
    ("What has hands but can't clap?", "A clock.", ("clock", "watch")),
    ("What can you catch but not throw?", "A cold.", ("cold",)),
    ("What has a neck but no head?", "A bottle.", ("bottle",)),
    ("What goes up but never comes down?", "Your age.", ("age",)),
    ("What has one eye but can't see?", "A needle.", ("needle",)),
    ("What can travel around the world while staying in a corner?", "A stamp.", ("stamp",)),
)
_SOUNDS = {"cow": "moo", "dog": "woof", "cat": "meow", "duck": "quack", "sheep": "baa",
           "pig": "oink", "horse": "neigh", "owl": "hoot", "lion": "roar", "rooster": "cock-a-doodle-doo",
           "frog": "ribbit", "mouse": "squeak", "snake": "hiss", "bee": "buzz", "donkey": "hee-haw",
           "goat": "maa", "chicken": "cluck", "turkey": "gobble", "wolf": "howl", "bird": "tweet"}
"""What a child asks a speaker: "what does a cow say", "what animal says moo"."""
_ANIMAL = re.compile(r"^(?:so )?what (?:does|do) (?:a |an |the )?(?P<a>[a-z]+?)s? (?:say|go|sound like)$|"
                     r"^what (?:sound|noise) (?:does|do) (?:a |an |the )?(?P<b>[a-z]+?)s? make$|"
                     r"^(?:what|which) animal (?:says|goes|makes) (?:the sound )?(?P<s>[a-z-]+)$|"
                     r"^who says (?P<s2>[a-z-]+)$")
_BEATS = {"rock": "scissors", "paper": "rock", "scissors": "paper"}
_BETWEEN = re.compile(r"\bbetween (\S+) and (\S+)|\bfrom (\S+) to (\S+)|\b(?:1|one) to (\S+)")
MAX_DICE = 10
MAX_COUNT = 20
_WORDS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
          "fifteen sixteen seventeen eighteen nineteen twenty").split()


def game_of(text: str) -> str | None:
    """"coin" | "dice" | "number" | "spell" | "count" | "rps" | "riddle" | "tell_knock" (one for the
    speaker to tell) | "knock" (one told to it) | "other" when
    ``text`` asks for one, else None."""
    low = " ".join(tokens(text))
    for kind, rx in (("coin", _COIN), ("dice", _DICE), ("number", _NUMBER), ("spell", _SPELL),
                     ("count", _COUNT), ("rps", _RPS), ("riddle", _RIDDLE), ("tell_knock", _TELL_KNOCK),
                     ("knock", _KNOCK),
                     ("other", _OTHER_GAME)):
        if rx.search(low):
            return kind
    m = _ANIMAL.match(low)
    if m and ((m["a"] or m["b"]) in _SOUNDS or (m["s"] or m["s2"]) in _SOUNDS.values()):
        return "animal"
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
            n = 2 if m and "pair of" in m.group(0) else max(1, min(int(n or 1), MAX_DICE))
            sides = first_number(m.group("sides") or m.group("d") or m.group("sides2") or "6") if m else 6
            sides = int(sides) if sides and 2 <= sides <= 100 else 6  # "a 10 sided die", "a d20"
            rolls = [self.rng.randint(1, sides) for _ in range(n)]
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
            word = (m.group("word") or m.group("word2") or m.group("word3") or m.group("word4")).replace("'", "")
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
        if kind == "animal":  # "what does a cow say" (the model: definitions, "can't look up")
            m = _ANIMAL.match(low)
            animal = m["a"] or m["b"] or next(a for a, s in _SOUNDS.items() if s in (m["s"], m["s2"]))
            sound = _SOUNDS[animal]
            return Reply(f"{'An' if animal[0] in 'aeiou' else 'A'} {animal} says {sound}!", "game",
                         (("animal", animal),))
        if kind == "rps":  # "rock paper scissors", then (follow_on) the pick said after it
            return self._rps(low)
        if kind == "riddle":
            return self._riddle(low)
        if kind == "tell_knock":  # "tell me a knock knock joke" (a joke that was no knock-knock)
            m = _TELL_KNOCK.search(low)
            if m["i"] is None:
                i = self.rng.randrange(len(KNOCKS))
                return Reply("Knock, knock.", "game", (("telling", str(i)), ("step", "0")))
            name, punchline = KNOCKS[int(m["i"]) % len(KNOCKS)]
            if m["step"] == "name":
                return Reply(name, "game", (("telling", m["i"]), ("step", "1")))
            return Reply(punchline, "game", (("told", m["i"]),))
        if kind == "knock":  # "Knock knock." "Who's there?" "Lettuce." "Lettuce who?" ...
            m = _KNOCK.match(low)
            if m["step"] is None:
                return Reply("Who's there?", "game", (("knock", "1"),))
            if m["step"] == "who is there":
                return Reply(f"{m['said'].strip().capitalize()} who?", "game", (("knock", "2"),))
            return Reply("Ha! That's a good one.", "game", (("knock", "3"),))
        if kind is None and re.search(r"\bgames?\b", low):  # "let's play a game": which one
            return Reply("Let's play! I can tell a riddle or a knock-knock joke, flip a coin, roll a "
                         "die, pick a number, or play rock, paper, scissors. Which one?", "game",
                         (("menu", "1"),))
        return Reply("Sorry, I can't play that one yet. I can flip a coin, roll a die, pick a number, "
                     "tell a riddle or play rock, paper, scissors.",
                     "unsupported", (("intent", u.intent),))

    def _rps(self, low: str) -> Reply:
        said = re.search(r"\b(?:i picked (rock|paper|scissors?)\b.*\b)?you picked (\w+)", low)
        if said is None:
            mine = self.rng.choice(tuple(_BEATS))
            return Reply("Rock, paper, scissors... shoot! What did you pick?", "game",
                         (("rps", mine),))
        # a pick said straight after a round ("Scissors."): the speaker picks now
        mine = said[1] if said[1] in _BEATS else "scissors" if said[1] else self.rng.choice(tuple(_BEATS))
        theirs = "scissors" if said[2].startswith("scissor") else said[2]
        if theirs not in _BEATS:
            return Reply(f"I picked {mine}. Say rock, paper or scissors next time!", "game")
        result = ("It's a draw!" if theirs == mine else "You win!" if _BEATS[theirs] == mine
                  else "I win!")
        return Reply(f"I picked {mine}. {result}", "game", (("rps_result", result),))

    def _riddle(self, low: str) -> Reply:
        m = _RIDDLE.search(low)
        if m["i"] is None:
            i = self.rng.randrange(len(RIDDLES))
            return Reply(RIDDLES[i][0], "game", (("riddle", str(i)),))
        riddle, answer, right = RIDDLES[int(m["i"]) % len(RIDDLES)]
        guess = low[m.end():]
        if any(re.search(rf"\b{w}", guess) for w in right):
            return Reply(f"That's right! {answer}", "game", (("riddle_answered", "right"),))
        return Reply(f"It's {answer[0].lower()}{answer[1:]}", "game", (("riddle_answered", "told"),))


FACTS = (
    "Honey never spoils: pots thousands of years old have been found still good to eat.",
    "Octopuses have three hearts.",
    "A day on Venus is longer than its year.",
    "Bananas are berries, but strawberries are not.",
    "The Eiffel Tower grows about 15 centimetres taller in summer, as the iron expands.",
    "Sound travels about four times faster in water than in air.",
    "A group of flamingos is called a flamboyance.",
    "Your brain uses about a fifth of your body's energy.",
)
"""Known on the device: "tell me something interesting" got "I'm just a small speaker"."""
