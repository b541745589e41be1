"""Sums, worked out on the device: "what's fifteen times four", "square root of 81",
"twenty percent of 80", "subtract 7 from 50" (unit conversions: skills/units.py).

HWU64 files these under qa_maths. Arithmetic needs no service, so the speaker answers it instead
of saying it can't. Whisper writes numbers as words or digits and operators as words or symbols
("15 x 4", "15 + 4", "10%"), so the text is first brought to one form: numbers become
placeholders (``N0``, ``N1``, ...), symbols become words, and the wordy forms ("the sum of N0 and
N1", "divide N0 by N1") are rewritten as infix. What is left between the lead-in ("what is",
"calculate") and the end must be numbers and operators only; otherwise nothing is computed, so
a sentence that merely contains numbers is never answered with a made-up sum.

:func:`calculate` is a pure function of text: no ``eval``, a small precedence parser.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

from ..types import Reply, Understanding
from .base import Skill, SkillContext
from .spoken import number_at, tokens

_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
_DIGIT_WORDS = {"zero": 0, "oh": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                "six": 6, "seven": 7, "eight": 8, "nine": 9}

_SYMBOLS = (("×", " times "), ("*", " times "), ("÷", " divided by "), ("+", " plus "),
            ("%", " percent "), ("^", " to the power of "), ("−", " minus "), ("=", " equals "))

_REWRITES = [  # wordy forms → infix, applied in order on the placeholder text
    (r"\b(?:the )?sum of (N\d+) and (N\d+)", r"\1 plus \2"),
    (r"\b(?:the )?product of (N\d+) and (N\d+)", r"\1 times \2"),
    (r"\b(?:the )?difference (?:between|of) (N\d+) and (N\d+)", r"\1 minus \2"),
    (r"\badd (N\d+) (?:and|to|plus) (N\d+)", r"\1 plus \2"),
    (r"\bsubtract (N\d+) from (N\d+)", r"\2 minus \1"),
    (r"\btake (N\d+) (?:away )?from (N\d+)", r"\2 minus \1"),
    (r"\bmultiply (N\d+) (?:by|and|times|with) (N\d+)", r"\1 times \2"),
    (r"\bdivide (N\d+) (?:by|over) (N\d+)", r"\1 divided by \2"),
    (r"\bdivide (N\d+) (?:in|into) (N\d+)(?: equal)?(?: parts| pieces)?", r"\1 divided by \2"),
    (r"\b(?:the )?square of (N\d+)", r"\1 squared"),
    (r"\b(N\d+) to the power of (N\d+)", r"\1 power \2"),
    (r"\b(N\d+) to the (N\d+)(?:st|nd|rd|th)? power", r"\1 power \2"),
    (r"\b(N\d+) raised to (?:the power of )?(N\d+)", r"\1 power \2"),
    (r"\b(N\d+) take away (N\d+)", r"\1 minus \2"),
    # "split 90 dollars between 4 people", "90 split 3 ways"
    (r"\bsplit (N\d+) (?:(?:dollars|pounds|euros|bucks) )?(?:between|among|amongst|by|with|into) (N\d+)"
     r"(?: (?:people|persons|ways|friends|of us))?", r"\1 over \2"),
    (r"\b(N\d+) (?:(?:dollars|pounds|euros|bucks) )?split (?:between |among |by |into )?(N\d+)(?: (?:people|persons|ways|friends|of us))?",
     r"\1 over \2"),
    # "a tip of 15 percent on 80", "a 20 percent tip on 45": the tip
    (r"\b(?:a |the )?tip of (N\d+) (?:percent|per cent) (?:on|for) (N\d+)", r"\1 pctof \2"),
    (r"\b(?:a |an |the )?(N\d+) (?:percent|per cent) tip (?:on|for) (N\d+)", r"\1 pctof \2"),
    (r"\b(N\d+) (?:percent|per cent) off of\b", r"\1 pctoff"),  # "60 percent off of 350 dollars"
    (r"\b(N\d+) over (N\d+) of (N\d+)", r"\1 over \2 times \3"),  # "3/4 of 18"
    # "a third of 90", "two thirds of 90" ("one" is a number already: "N0 third of N1")
    (r"\ba (third|quarter|fifth|tenth) of\b", r"a\1of"),
    (r"\b(N\d+) (third|quarter|fifth|tenth)s? of\b", r"\1 \2sof"),
    (r"\b(N\d+) (?:percent|per cent) (?:of)\b", r"\1 pctof"),
    (r"\b(N\d+) (?:percent|per cent) off\b", r"\1 pctoff"),
    (r"\b(N\d+) percent\b", r"\1 pct"),
    (r"\b(?:the )?square root of\b", "sqrt"),
    (r"\b(?:the )?cube root of\b", "cbrt"),
    (r"\bhalf of\b", "halfof"),
    (r"\bmultiplied by\b", "times"),
    (r"\bdivided by\b", "over"),
    (r"\b(N\d+) x (N\d+)", r"\1 times \2"),
    (r"\b(N\d+) into (N\d+)", r"\1 times \2"),
]
_LEAD = re.compile(
    r"^(?:(?:hey|ok|okay|so|please|can|could|would|will|you|tell|me|what|what's|whats|is|are|"
    r"how|much|calculate|compute|work|out|solve|figure|find|give|the|answer|result|value|to|of|"
    r"for|quick|question|maths|math|do|does|make|makes|equal|equals|i|need|know|want|by|show|"
    r"solution|solve|this|problem|sum|help|with|if|let's|lets|see|no|meant|mean|said|actually|sorry|"
    r"oops)\s+)+")
_TAIL = re.compile(r"(?:\s+(?:equal|equals|is|make|makes|come|comes|to|please|for me|exactly|"
                   r"altogether|in total|total|dollars|pounds|euros))+$")

_PARTS = {"third": 3, "quarter": 4, "fifth": 5, "tenth": 10}
_INFIX = {"plus": 1, "minus": 1, "times": 2, "over": 2, "pctof": 2, "pctoff": 2, "power": 4,
          **{f"{p}sof": 2 for p in _PARTS}}
_SAY = {"plus": "plus", "minus": "minus", "times": "times", "over": "divided by",
        "pctof": "percent of", "pctoff": "percent off", "power": "to the power of",
        "sqrt": "the square root of", "cbrt": "the cube root of", "halfof": "half of",
        "squared": "squared", "cubed": "cubed", "pct": "percent", "neg": "minus",
        **{f"a{p}of": f"a {p} of" for p in _PARTS}, **{f"{p}sof": f"{p}s of" for p in _PARTS}}


_A_PART = {f"a{p}of": n for p, n in _PARTS.items()}


class MathsError(ValueError):
    """A sum that has no answer (division by zero, too large); the text says why."""


@dataclass(frozen=True)
class Calculation:
    """A sum read out of a sentence: ``said`` restates it ("15 times 4"), ``value`` its result."""

    said: str
    value: float


def read_number(toks: list[str], i: int) -> tuple[float | None, int]:
    """A number at ``toks[i]`` with scales and decimals ("two thousand five hundred", "3.5",
    "two point five") → (value, tokens used); "a"/"an" only as in "a hundred"."""
    if i >= len(toks) or toks[i] in ("half", "and"):
        return None, 0
    if toks[i] in ("a", "an") and not (i + 1 < len(toks) and toks[i + 1] in
                                       ("hundred", *_SCALES)):
        return None, 0
    value, used = number_at(toks, i)
    if value is None:
        return None, 0
    j = i + used
    if j < len(toks) and toks[j] in _SCALES:
        scale = _SCALES[toks[j]]
        value, j = value * scale, j + 1
        k = j + (1 if j < len(toks) and toks[j] == "and" else 0)
        rest, n = read_number(toks, k)
        if rest is not None and rest < scale:
            value, j = value + rest, k + n
    if j + 1 < len(toks) and toks[j] == "point" and toks[j + 1] in _DIGIT_WORDS \
            and float(value).is_integer():
        digits = ""
        j += 1
        while j < len(toks) and toks[j] in _DIGIT_WORDS:
            digits += str(_DIGIT_WORDS[toks[j]])
            j += 1
        value = float(f"{int(value)}.{digits}")
    return value, j - i


def _placeholders(text: str) -> tuple[str, list[float]]:
    """``text`` in one form, numbers as ``N<i>`` → (that text, [the numbers])."""
    t = text.lower().replace("what's", "what is").replace("whats", "what is")
    t = re.sub(r"(?<=\d),(?=\d{3})", "", t)
    for sym, word in _SYMBOLS:
        t = t.replace(sym, word)
    t = re.sub(r"(?<=\d)\s*/\s*(?=\d)", " over ", t)
    t = re.sub(r"(?<=\d)\s+-\s+(?=\d)", " minus ", t)
    t = re.sub(r"(?<=\d)x(?=\d)", " x ", t)
    t = re.sub(r"\bhalf a dozen\b", "6", t)
    t = re.sub(r"\b(?:a )?dozen\b", "12", t)  # "what's a dozen times 3" had no answer
    toks = re.findall(r"\d+(?:\.\d+)?|[a-z']+", t.replace("-", " "))
    out: list[str] = []
    values: list[float] = []
    i = 0
    while i < len(toks):
        v, n = read_number(toks, i)
        if v is not None:
            out.append(f"N{len(values)}")
            values.append(v)
            i += n
        else:
            out.append(toks[i])
            i += 1
    return " ".join(out), values


def say_number(x: float, places: int = 4) -> str:
    """Speakable: "60", "3.5", "minus 3" (a bare "-3" is read as a dash by some voices)."""
    if x < 0:
        return f"minus {say_number(-x, places)}"
    if float(x).is_integer():
        return str(int(x))
    return f"{x:.{places}f}".rstrip("0").rstrip(".")


def _apply(op: str, a: float, b: float) -> float:
    if op == "plus":
        return a + b
    if op == "minus":
        return a - b
    if op == "times":
        return a * b
    if op == "over":
        if b == 0:
            raise MathsError("You can't divide by zero.")
        return a / b
    if op == "pctof":
        return a / 100 * b
    if op == "pctoff":
        return b * (1 - a / 100)
    if op.endswith("sof"):  # "two thirds of 90"
        return a / _PARTS[op[:-3]] * b
    if abs(b) > 64 or (a == 0 and b < 0):
        raise MathsError("That's too big a number for me.")
    return a ** b


class _Parser:
    """Precedence climbing over ["N0", "times", "N1", ...]; unary prefixes and postfixes bind
    tightest, then powers (right to left), then times/over/percent-of, then plus/minus."""

    def __init__(self, toks: list[str], values: list[float]):
        self.toks, self.values, self.i = toks, values, 0

    def peek(self) -> str | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def operand(self) -> float:
        tok = self.peek()
        self.i += 1
        if tok in ("sqrt", "cbrt", "halfof", "minus", "negative") or tok in _A_PART:
            x = self.operand()
            if tok == "sqrt":
                if x < 0:
                    raise MathsError("Negative numbers have no square root I can say.")
                x = math.sqrt(x)
            elif tok == "cbrt":
                x = math.copysign(abs(x) ** (1 / 3), x)
            elif tok == "halfof":
                x = x / 2
            elif tok in _A_PART:  # "a third of 90"
                x = x / _A_PART[tok]
            else:
                x = -x
        elif tok is not None and re.fullmatch(r"N\d+", tok):
            x = self.values[int(tok[1:])]
        else:
            raise ValueError(tok)
        while self.peek() in ("squared", "cubed", "pct"):
            post = self.toks[self.i]
            self.i += 1
            x = x ** 2 if post == "squared" else x ** 3 if post == "cubed" else x / 100
        return x

    def expr(self, min_prec: int = 1) -> float:
        left = self.operand()
        while (op := self.peek()) in _INFIX and _INFIX[op] >= min_prec:
            self.i += 1
            right = self.expr(_INFIX[op] + (0 if op == "power" else 1))
            left = _apply(op, left, right)
        return left


def calculate(text: str) -> Calculation | None:
    """The sum said in ``text``, or None when the text is not a sum from lead-in to end.

    Raises MathsError for a sum with no answer ("five divided by zero")."""
    if re.search(r"\b(?:plus|minus|times|divided|multiplied|over)\b", text.lower()):
        # tiny.en writes "one hundred and ninety six" as "100 and 96" ("add 100 and 96" stays a sum)
        text = re.sub(r"\b([1-9])00 and (\d{1,2})\b", lambda m: str(int(m[1]) * 100 + int(m[2])), text)
    t, values = _placeholders(text)
    if not values:
        return None
    for pattern, repl in _REWRITES:
        t = re.sub(pattern, repl, t)
    t = _TAIL.sub("", _LEAD.sub("", t + " ").strip())
    toks = t.split()
    if not toks or not any(tok in _INFIX or tok in _SAY for tok in toks):
        return None
    p = _Parser(toks, values)
    try:
        value = p.expr()
    except MathsError:
        raise
    except (ValueError, IndexError):  # not a sum after all ("what is N0 N1")
        return None
    if p.i != len(toks):
        return None
    if not math.isfinite(value) or abs(value) >= 1e15:
        raise MathsError("That's too big a number for me.")
    value = round(value, 10)  # 0.1 plus 0.2 is 0.3, not "about 0.3"
    said = " ".join(say_number(values[int(tok[1:])]) if re.fullmatch(r"N\d+", tok) else _SAY[tok]
                    for tok in toks)
    said = re.sub(r"^1 (third|quarter|fifth|tenth)s of\b|\b1 (third|quarter|fifth|tenth)s of\b",
                  lambda m: f"a {m[1] or m[2]} of", said)  # "one third of 60"
    return Calculation(said.replace(" percent percent", " percent"), value)


def answer_text(c: Calculation) -> str:
    """"15 times 4 is 60." ("about" when the result was rounded)."""
    exact = f"{c.value:.4f}".rstrip("0").rstrip(".")
    said = f"{c.said[0].upper()}{c.said[1:]} is"
    if float(exact) == c.value:
        return f"{said} {say_number(c.value)}."
    return f"{said} about {say_number(c.value, 2)}."


_PRIME = re.compile(r"(?:so )?is (?P<n>[a-z0-9 -]+?) (?:a )?prime(?: number)?")
_BORN = re.compile(r"(?:so )?how old (?:is|am|are|would|will) (?:someone|somebody|a person|i|you|he|she|"
                   r"they|we|my \w+)(?: be)? (?:who was |if (?:i|you|he|she|they) (?:was|were) )?born "
                   r"in (?P<y>1[89]\d\d|20\d\d)")
_MAX_PRIME = 10 ** 12
_FACTORIAL = re.compile(r"(?:so )?(?:what(?:'s| is) |calculate )?(?P<n>[a-z0-9 ]+?) factorial")
_TIP = re.compile(r"(?:so )?(?:what(?:'s| is| should be)|how much(?: is| should)?|calculate) (?:the |a |my )?"
                  r"tip (?:be )?(?:on|for|of) (?:a |the |my )?(?:bill of )?(?P<n>[a-z0-9. ]+?)(?: (?P<cur>dollars?|"
                  r"pounds?|euros?|bucks))?(?: bill| meal| check)?")


_SCALED = re.compile(r"(?:so )?(?:what(?:'s| is) |how much is )?(?P<how>double|triple|twice|half(?: of)?|a third of|"
                     r"a quarter of|two thirds of|three quarters of) (?P<n>[a-z0-9. ]+?)(?: (?P<unit>cups?|grams?|"
                     r"kilos?|kilograms?|ounces?|pounds?|teaspoons?|tablespoons?|milliliters?|millilitres?|ml|"
                     r"liters?|litres?|eggs?|sticks? of butter|pieces?|slices?|servings?|people))?")
_FACTOR = {"double": 2.0, "triple": 3.0, "twice": 2.0, "half": 0.5, "half of": 0.5, "a third of": 1 / 3,
           "a quarter of": 0.25, "two thirds of": 2 / 3, "three quarters of": 0.75}


def _scaled(m: re.Match) -> str | None:
    """"Double 250 grams is 500 grams.", "Half of 3 cups is 1.5 cups." (a recipe scaled)."""
    n, used = read_number(m["n"].split(), 0)
    if n is None or used != len(m["n"].split()):
        return None
    value = n * _FACTOR[m["how"]]
    unit = m["unit"] or ""
    said = re.sub(r"s\b", "", unit, count=1) if value == 1 and unit not in ("people",) else \
        unit if unit.endswith("s") or not unit or unit in ("ml",) else re.sub(r"(\w)\b", r"\1s", unit, count=1)
    head = f"{m['how'][0].upper()}{m['how'][1:]} {say_number(n)}{' ' + unit if unit else ''}"
    close = say_number(value, 2)
    about = "" if float(close) == round(value, 10) else "about "
    return f"{head} is {about}{close}{' ' + said if said else ''}."


_SPLIT = re.compile(r"(?:so )?(?:how much is it each if (?:we|you) )?(?:split|divide|share) (?:a |the |my |our )?"
                    r"(?:bill (?:of )?)?(?P<n>[a-z0-9. ]+?)(?: (?P<cur>dollars?|pounds?|euros?|bucks))?(?: bill| check)? "
                    r"(?:(?P<k>[a-z0-9]+) ways|(?:between|among|for) (?P<k2>[a-z0-9]+)(?: people| of us| friends)?)")
_AVERAGE = re.compile(r"(?:so )?(?:what(?:'s| is) |calculate )?(?:the )?(?:average|mean) of (?P<xs>[a-z0-9. ]+)")
_ROUND = re.compile(r"(?:so )?(?:what(?:'s| is) )?(?:round|rounded) (?P<n>[a-z0-9. ]+?)(?: rounded)?(?: (?:to|up to) "
                    r"the nearest (?P<to>whole number|integer|number|one|ten|hundred|thousand|tenth|hundredth))?")
_AREA = re.compile(r"(?:so )?(?:how many square (?P<u>feet|foot|meters|metres|yards) (?:is|are|in)|what(?:'s| is) the "
                   r"(?:area|square footage) of) (?:a |an |the )?(?P<a>[0-9.]+)(?: (?P<u2>foot|feet|ft|meters?|metres?))? "
                   r"(?:by|x) (?P<b>[0-9.]+)(?: (?:foot|feet|ft|meters?|metres?))?(?: (?:room|space|area|floor|yard|garden|"
                   r"rug|kitchen|bedroom|deck|patio|lot))?")
_ROUND_TO = {None: 0, "whole number": 0, "integer": 0, "number": 0, "one": 0, "ten": -1, "hundred": -2,
             "thousand": -3, "tenth": 1, "hundredth": 2}


def _numbers(words: list[str]) -> list[float] | None:
    """"4 8 and 12" → [4, 8, 12]; None when any word is no number (or "and")."""
    out, i = [], 0
    while i < len(words):
        if words[i] == "and":
            i += 1
            continue
        v, used = read_number(words, i)
        if v is None or not used:
            return None
        out.append(v)
        i += used
    return out


def _shared(low: str) -> str | None:
    """A bill split ("split 90 dollars three ways"), an average ("the average of 4, 8 and 12"),
    a number rounded ("round 3.7"); None for anything else."""
    m = _SPLIT.fullmatch(low)
    if m:
        bill, used = read_number(m["n"].split(), 0)
        k, _ = read_number([m["k"] or m["k2"]], 0)
        if bill is None or used != len(m["n"].split()) or k is None or k != int(k):
            return None
        if k < 2:
            return "I can only split it between two or more."
        cur = m["cur"] or ""
        cur = "" if not cur else f" {cur}" if cur.endswith("s") else f" {cur}s"
        return f"Split {int(k)} ways, {say_number(bill, 2)}{cur} is {say_number(bill / k, 2)}{cur} each."
    m = _AVERAGE.fullmatch(low)
    if m:
        xs = _numbers(m["xs"].split())
        if not xs or len(xs) < 2:
            return None
        return f"The average of {', '.join(say_number(x) for x in xs[:-1])} and {say_number(xs[-1])} " \
               f"is {say_number(sum(xs) / len(xs), 2)}."
    m = _AREA.fullmatch(low)
    if m:  # "how many square feet is a 13 by 74 room" (couldn't look up facts)
        a, b = float(m["a"]), float(m["b"])
        unit = {"foot": "feet", "ft": "feet", "meter": "meters", "metre": "meters", "metres": "meters"}.get(
            m["u"] or m["u2"] or "", m["u"] or m["u2"] or "")
        area = say_number(a * b, 2)
        return (f"{say_number(a)} by {say_number(b)} is {area} square {unit}." if unit else
                f"{say_number(a)} by {say_number(b)} is {area}: square feet if you measured in feet.")
    m = _ROUND.fullmatch(low)
    if m:
        n, used = read_number(m["n"].split(), 0)
        if n is None or used != len(m["n"].split()):
            return None
        places = _ROUND_TO[m["to"]]
        value = math.floor(n * 10 ** places + 0.5) / 10 ** places  # halves up, as taught at school
        to = f" to the nearest {m['to']}" if m["to"] and places else ""
        return f"{say_number(n, 8)} rounded{to} is {say_number(value, max(places, 0))}."
    return None


def number_fact(text: str, year: int) -> str | None:
    """"Is 17 a prime number" → "Yes, 17 is a prime number."; "how old is someone born in
    1990" (in ``year``) → its two ages this year; None for anything else."""
    low = " ".join(tokens(text))
    m = _PRIME.fullmatch(low)
    if m:
        n, _ = read_number(m["n"].split(), 0)
        if n is None or n != int(n) or not 0 <= n <= _MAX_PRIME:
            return None
        n = int(n)
        factor = next((f for f in range(2, int(n ** 0.5) + 1) if n % f == 0), None)
        if n < 2:
            return f"No, {n} is not a prime number."
        if factor is None:
            return f"Yes, {n} is a prime number."
        return f"No, {n} is not prime: it's {factor} times {n // factor}."
    m = _FACTORIAL.fullmatch(low)
    if m:  # "what's ten factorial"
        n, _ = read_number(m["n"].split(), 0)
        if n is None or n != int(n) or not 0 <= n <= 20:
            return None
        return f"{int(n)} factorial is {math.factorial(int(n))}."
    m = _TIP.fullmatch(low)
    if m:  # "what's the tip on 45 dollars" (the model: exchange rates), no percent said
        bill, _ = read_number(m["n"].split(), 0)
        if bill is None or bill <= 0:
            return None
        cur = m["cur"] or "dollars"
        cur = cur if cur.endswith("s") else f"{cur}s"  # "a 60 dollar bill"
        def money(v: float) -> str:  # "8.10", not "8.1"
            v = round(v, 2)
            return str(int(v)) if v == int(v) else f"{v:.2f}"
        tips = [f"{p} percent is {money(bill * p / 100)}" for p in (15, 18, 20)]
        return f"On {money(bill)} {cur}, a tip of {tips[0]}, {tips[1]} and {tips[2]}."
    m = _SCALED.fullmatch(low)
    if m:  # "double 250 grams" (it could not say), "half of 3 cups"
        return _scaled(m)
    shared = _shared(low)
    if shared is not None:  # Whisper writes "90 dollars" as "$90"
        return shared.replace(" is ", " dollars is ", 1).replace(" each.", " dollars each.") \
            if "$" in text and shared.startswith("Split") and "dollars" not in shared else shared
    m = _BORN.fullmatch(low)
    if m:
        age = year - int(m["y"])
        if age < 1:
            return None
        return (f"Someone born in {m['y']} turns {age} this year: {age - 1} before their birthday, "
                f"{age} after it.")
    return None


_HALF_SUM = re.compile(r"(?:so |and )?(?:what(?:'s| is) |how much is |calculate )?(?P<a>[a-z0-9. ]+?) "
                       r"(?P<op>plus|minus|times|multiplied by|divided by|over|to the power of)")


class MathsSkill(Skill):
    """Sums, and unit conversions (skills/units.py)."""

    intents = ("qa_maths",)

    def handle(self, u: Understanding, ctx: SkillContext) -> Reply:
        from . import units

        fact = number_fact(u.text, dt.date.fromtimestamp(ctx.clock()).year)
        if fact is not None:  # "is 17 a prime number" (the model: email_querycontact)
            return Reply(fact, "calculate")
        try:
            c = calculate(u.text)
        except MathsError as e:
            return Reply(str(e), "say", (("maths", "no answer"),))
        conv = units.convert(u.text) if c is None else None
        if conv is not None:
            return Reply(units.answer_text(conv), "convert", (("result", say_number(conv.value, 2)),))
        half = _HALF_SUM.fullmatch(" ".join(tokens(u.text)))
        if c is None and half:  # "what's twelve times" (cut off, or said in two goes)
            return Reply(f"{half['a'].capitalize()} {half['op']} what?", "clarify",
                         (("need", "number"), ("then", f"what is {half['a']} {half['op']} {{}}")))
        if c is None:
            return Reply("Sorry, I can only do simple sums and unit conversions offline, like: "
                         "what is twelve times seven.", "unsupported", (("intent", u.intent),))
        return Reply(answer_text(c), "calculate", (("result", say_number(c.value)),))
