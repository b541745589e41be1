"""Kitchen and everyday unit conversions, worked out on the device: "how many grams in a pound",
"convert 350 fahrenheit to celsius", "how many miles in five kilometers".

HWU64 files these under qa_maths (or qa_factoid). Like sums, they need no service. Only a
sentence that is a conversion from lead-in to end is answered (see :func:`convert`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .maths import read_number, say_number

# unit word → (dimension, size in the dimension's base unit, the name to say for one, for many)
_UNITS: dict[str, tuple[str, float, str, str]] = {}


def _unit(dim: str, size: float, one: str, many: str, *words: str) -> None:
    for w in (one, many, *words):
        _UNITS[w] = (dim, size, one, many)


_unit("length", 1000.0, "kilometer", "kilometers", "kilometre", "kilometres", "km")
_unit("length", 1.0, "meter", "meters", "metre", "metres")
_unit("length", 0.01, "centimeter", "centimeters", "centimetre", "centimetres", "cm")
_unit("length", 0.001, "millimeter", "millimeters", "millimetre", "millimetres", "mm")
_unit("length", 1609.344, "mile", "miles")
_unit("length", 0.9144, "yard", "yards")
_unit("length", 0.3048, "foot", "feet")
_unit("length", 0.0254, "inch", "inches")
_unit("mass", 1000.0, "kilogram", "kilograms", "kilo", "kilos", "kg", "kgs")
_unit("mass", 1.0, "gram", "grams", "g")
_unit("mass", 453.59237, "pound", "pounds", "lb", "lbs")
_unit("mass", 28.349523125, "ounce", "ounces", "oz")
_unit("mass", 6350.29318, "stone", "stones")
_unit("volume", 1000.0, "liter", "liters", "litre", "litres")
_unit("volume", 1.0, "milliliter", "milliliters", "millilitre", "millilitres", "ml")
_unit("volume", 3785.411784, "gallon", "gallons")
_unit("volume", 946.352946, "quart", "quarts")  # US measures, as the cup and the gallon are
_unit("volume", 473.176473, "pint", "pints")
_unit("volume", 236.5882365, "cup", "cups")
_unit("volume", 14.78676478125, "tablespoon", "tablespoons")
_unit("volume", 4.92892159375, "teaspoon", "teaspoons")
_unit("volume", 29.5735295625, "fluid ounce", "fluid ounces")
_unit("temperature", 1.0, "degree celsius", "degrees celsius", "celsius", "centigrade")
_unit("temperature", 1.0, "degree fahrenheit", "degrees fahrenheit", "fahrenheit")
_unit("time", 1.0, "second", "seconds", "sec", "secs")
_unit("time", 60.0, "minute", "minutes", "min", "mins")
_unit("time", 3600.0, "hour", "hours")
_unit("time", 86400.0, "day", "days")
_unit("time", 604800.0, "week", "weeks")
_unit("time", 31536000.0, "year", "years")  # a common year
_unit("time", 31536000.0 / 12, "month", "months")  # months vary: a twelfth of the year, said so

_DENSITY = {  # grams per milliliter, from grams per US cup as kitchens weigh them
    "all purpose flour": 125, "plain flour": 125, "bread flour": 130, "flour": 125,
    "brown sugar": 220, "powdered sugar": 120, "icing sugar": 120, "caster sugar": 200,
    "sugar": 200, "butter": 227, "rice": 185, "oats": 90, "rolled oats": 90, "water": 237,
    "milk": 245, "honey": 340, "cocoa powder": 85, "cocoa": 85, "salt": 292, "cornstarch": 128,
    "corn starch": 128, "oil": 218, "olive oil": 216, "vegetable oil": 218, "heavy cream": 238,
    "cream": 238, "yogurt": 245, "yoghurt": 245, "peanut butter": 258, "chocolate chips": 170,
    "maple syrup": 322, "syrup": 322, "breadcrumbs": 108, "grated cheese": 100, "almonds": 143,
}
_DENSITY = {k: v / 236.5882365 for k, v in _DENSITY.items()}
_INGREDIENT = re.compile(r"\s(?:of )?(?P<ing>" + "|".join(
    sorted(map(re.escape, _DENSITY), key=len, reverse=True)) + r")\b")

_UNIT_RE = "|".join(sorted((re.escape(w) for w in _UNITS), key=len, reverse=True))
_LEAD = (r"^(?:(?:hey|ok|okay|so|please|can|could|you|tell|me|what|what's|whats|is|are|how|much|"
         r"convert|change|turn|give|the|answer|in|do|does|make|i|need|know|want|to|quick|"
         r"question|there)\s+)*")
_PATTERNS = [  # (regex over the plain sentence, group of the number, of the from-unit, to-unit)
    re.compile(_LEAD + rf"how many (?P<to>{_UNIT_RE}) (?:are )?(?:there )?(?:in|to|make|is|are) (?:an? |one )?"
               rf"(?P<n>.*?)\s*(?P<fro>{_UNIT_RE})$"),
    re.compile(_LEAD + rf"(?P<n>.*?)\s*(?P<fro>{_UNIT_RE}) (?:in|to|into|as|is how many) "
               rf"(?P<to>{_UNIT_RE})$"),
    # "how much does a cup of rice weigh" (in grams unless a unit is said)
    re.compile(_LEAD + rf"(?:how much )?(?:does|do|would|will) (?P<n>.*?)\s*(?P<fro>{_UNIT_RE}) "
               rf"weigh(?: in (?P<to>{_UNIT_RE}))?$"),
]


@dataclass(frozen=True)
class Conversion:
    """``amount`` of unit ``fro`` is ``value`` of unit ``to`` (names as said: "pounds")."""

    amount: float
    fro: str
    value: float
    to: str
    said: str = ""
    """The amount as it is said back: "Half a cup", "A pound", "350 degrees fahrenheit"."""
    of: str = ""
    """What is weighed or measured ("flour") when mass and volume are converted."""


def _plain(text: str) -> str:
    t = text.lower().replace("°", " degrees ").replace("-", " ")
    # Whisper's spellings of the two scales it hears less often ("celsas", "farenheit")
    t = re.sub(r"\bcel[sc][a-z]*", "celsius", t)
    t = re.sub(r"\bfah?ren[a-z]*", "fahrenheit", t)
    t = re.sub(r"\bdegrees? (celsius|fahrenheit|centigrade)\b", r"\1", t)
    # the one other scale asked for, however it was heard ("to solstice", "to selces")
    m = re.search(r"\b(celsius|fahrenheit) (?:in|to|into) ([a-z]+)\W*$", t)
    if m and m.group(2) not in _UNITS:
        other = "fahrenheit" if m.group(1) == "celsius" else "celsius"
        t = t[:m.start(2)] + other
    t = re.sub(r"\b(\d+)\s*/\s*(\d+)\b", lambda f: f" {int(f[1]) / int(f[2]):g} "
               if int(f[2]) else f[0], t)  # "1/2 cup"
    t = re.sub(r"(?<=\d)\s*(km|cm|mm|kg|kgs|g|lb|lbs|oz|ml)\b", r" \1", t)
    t = " ".join(re.findall(r"\d+(?:\.\d+)?|[a-z']+", t.replace(",", "")))
    # CLINC150's phrasings: "what amount of miles are in ...", "... in grams please", "how to convert
    # liters into pints" (the pints in one liter), "the correct amount of ounces in a pound"
    t = re.sub(r"\s+please$", "", t)
    t = re.sub(r"\ba (hundred|thousand)\b", lambda m: "100" if m[1] == "hundred" else "1000", t)
    t = re.sub(r"^what (?:is )?(?:the )?(?:correct |right |exact )?(?:amount|number) of ", "how many ", t)
    m = re.search(rf"(?:convert|change|turn|go from) (?P<a>{_UNIT_RE}) (?:in)?to (?P<b>{_UNIT_RE})$", t)
    return f"how many {m['b']} in a {m['a']}" if m else t


_FRACTIONS = {"half": 0.5, "halves": 0.5, "quarter": 0.25, "quarters": 0.25, "third": 1 / 3,
              "thirds": 1 / 3, "eighth": 0.125, "eighths": 0.125}
_ONE = ([], ["a"], ["an"], ["one"])


def _amount(words: str) -> float | None:
    """"two", "a quarter", "half a", "three quarters of a", "one and a half" → the number."""
    toks = [w for w in words.split() if w != "of"]
    if len(toks) > 1 and toks[-1] in ("a", "an"):  # "half a cup", "a third of a cup"
        toks = toks[:-1]
    if toks in _ONE:
        return 1.0
    if "and" in toks:  # "one and a half cups"
        i = toks.index("and")
        whole, part = _amount(" ".join(toks[:i])), _amount(" ".join(toks[i + 1:]))
        return whole + part if whole is not None and part is not None and part < 1 else None
    if toks[-1] in _FRACTIONS:
        size = _FRACTIONS[toks[-1]]
        many = _amount(" ".join(toks[:-1])) if toks[:-1] not in _ONE else 1.0
        return many * size if many is not None and many * size < 1 else None
    value, used = read_number(toks, 0)
    return value if value is not None and used == len(toks) else None


_PARTS = {0.5: "half", 0.25: "quarter", 0.75: "three quarters", round(1 / 3, 6): "third",
          round(2 / 3, 6): "two thirds", 0.125: "eighth"}


def _say_amount(amount: float, one: str, many: str) -> str:
    """"A cup", "Half a cup", "A quarter of a cup", "1 and a half cups", "5 kilometers"."""
    whole, part = divmod(amount, 1.0)
    name = _PARTS.get(round(part, 6)) if "degree" not in one else None
    article = "an" if one[0] in "aeiou" or one.startswith("hour") else "a"  # "an hour"
    if amount == 1 and "degree" not in one:
        said = f"{article} {one}"
    elif name and whole == 0:
        said = (f"half {article} {one}" if name == "half" else
                f"{'an' if name[0] in 'aeiou' else 'a'} {name} of {article} {one}" if " " not in name
                else f"{name} of {article} {one}")
    elif name and " " not in name:  # "1 and a half cups"
        said = f"{say_number(whole)} and {'an' if name[0] in 'aeiou' else 'a'} {name} {many}"
    else:
        said = f"{say_number(amount)} {one if amount == 1 else many}"
    return said[0].upper() + said[1:]


def convert(text: str) -> Conversion | None:
    """The conversion asked in ``text``, or None when the text is not one from lead-in to end
    (or mixes dimensions: "how many grams in a mile")."""
    t = _plain(text)
    ing = _INGREDIENT.search(t)  # "how many grams is a cup of flour": weighed by its density
    if ing is not None:
        t = " ".join((t[:ing.start()] + " " + t[ing.end():]).split())
    for p in _PATTERNS:
        m = p.search(t)
        if not m:
            continue
        amount = _amount(m["n"].strip())
        fro, to = _UNITS[m["fro"]], _UNITS[m["to"] or "grams"]
        weighed = ing is not None and {fro[0], to[0]} == {"mass", "volume"}
        if {fro[0], to[0]} == {"mass", "volume"} and not weighed:
            # "ounces in a cup": a kitchen means fluid ounces
            fro, to = (_UNITS["fluid ounce"] if u[2] == "ounce" else u for u in (fro, to))
        if amount is None or (fro[0] != to[0] and not weighed) or fro[2] == to[2]:
            return None
        if weighed:
            grams_per_ml = _DENSITY[ing["ing"]]
            factor = grams_per_ml if fro[0] == "volume" else 1 / grams_per_ml
            value = amount * fro[1] * factor / to[1]
            return Conversion(amount, fro[2] if amount == 1 else fro[3], value,
                              to[2] if round(value, 2) == 1 else to[3],
                              _say_amount(amount, fro[2], fro[3]), ing["ing"])
        if fro[0] == "temperature":
            celsius = amount if "celsius" in fro[2] else (amount - 32) * 5 / 9
            value = celsius if "celsius" in to[2] else celsius * 9 / 5 + 32
        else:
            value = amount * fro[1] / to[1]
        return Conversion(amount, fro[2] if amount == 1 else fro[3], value,
                          to[2] if round(value, 2) == 1 else to[3], _say_amount(amount, fro[2], fro[3]))
    return None


def answer_text(c: Conversion) -> str:
    """"A pound is about 453.59 grams." / "5 kilometers is about 3.11 miles."."""
    amount = c.said or f"{say_number(c.amount)} {c.fro}"
    if c.of:  # kitchens weigh to the gram and measure to a quarter cup
        places = 0 if c.value >= 10 else 2 if c.value < 1 else 1
        return f"{amount} of {c.of} is about {say_number(round(c.value, places), places)} {c.to}."
    places = 1 if "degree" in c.to else 2  # "about 176.7 degrees", not 176.67
    exact = round(c.value, places) == round(c.value, 9)  # a foot is 12 inches, not "about" 12
    varies = " Months vary; that takes one as a twelfth of a year." if "month" in c.fro + c.to \
        and "year" not in c.fro + c.to else ""
    return f"{amount} is {'' if exact else 'about '}{say_number(c.value, places)} {c.to}.{varies}"
