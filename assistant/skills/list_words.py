"""The words of list items, shared by the lists skill and whatever compares things said with
them (reminders, timers, things said done): how a sentence's items are split, how two ways of
saying one item are told to be the same, and how an item is said back.
"""

from __future__ import annotations

import difflib
import re

_VAGUE = {"", "it", "this", "that", "something", "an item", "item", "a thing", "things", "stuff",
          "some things", "an entry", "new item", "a new item", "items", "something new", "on",
          "more", "some more", "something else", "to", "in", "up"}
_ONLY_LIST = re.compile(r"^(?:on )?(?:to|on|onto|into|in) (?:my |the |our |your |a )?(?:[a-z']+ )?list$")
ARTICLE = re.compile(r"^(?:some|a|an|the|more|another|a few|few|of|extra|a couple of)\s+(?!dozen\b)")
"""Words before an item that are not its name ("some milk"; not the "a" of "a dozen eggs")."""


_ORDER_TAIL = re.compile(r"(?:,|\s)+(?:so |and |but )*(?:(?:please |could you |can you |will you |would you )+"
                         r"(?:order|buy|get|reorder)|(?:please )?(?:order|reorder|create an order))\b.*$")
"""What follows the item in "I'm out of soap, so will you order me some more": the request to
order it, which the speaker cannot do (the item still goes on the list)."""


_ONE_ITEM = re.compile(r"\b(?:mac|macaroni) and cheese|\bhalf and half\b|\bpork and beans\b|\bcookies and cream\b|"
                       r"\bsweet and sour\b|\bsalt and vinegar\b|\bfish and chips\b|\bham and cheese\b")
"""Items with an "and" in their name (it was "mac", "cheese")."""


def split_items(text: str) -> list[str]:
    """"milk, eggs and some bread" → ["milk", "eggs", "bread"] (nothing vague like "it"; "soap so
    will you order me some more" → ["soap"])."""
    out = []
    text = re.sub(r"\s+(?:if|unless|cause|'cause|because|since)\b.*$", "", _ORDER_TAIL.sub("", text))
    text = _ONE_ITEM.sub(lambda m: m[0].replace(" and ", " _and_ "), text)  # "mac and cheese" is one
    parts = re.split(r",|\band\b|&|\bplus\b", text)
    last = re.fullmatch(r"\s*(\w+) in (\w+)\s*", parts[-1])
    if len(parts) > 1 and last and last[2] not in _PACKED_IN:  # tiny.en writes the last "and" as "in":
        parts[-1:] = [last[1], last[2]]  # "milk and eggs in bread", but "tuna in oil"
    for part in parts:
        part = ARTICLE.sub("", part.strip().replace(" _and_ ", " and ")).strip()
        if part and part not in _VAGUE and not _ONLY_LIST.match(part):  # "add to my list"
            out.append(part)
    return out


_PACKED_IN = {"oil", "water", "brine", "syrup", "juice", "sauce", "bulk", "season", "stock", "cans", "jars", "tins",
              "bottles", "packs", "boxes", "bags", "glass", "plastic", "cream", "gravy", "vinegar", "wine", "butter", "blankets"}


def is_or_are(item: str) -> str:
    """"eggs are", "milk is", "a dozen eggs are", "hummus is"."""
    last = item.split()[-1] if item.split() else ""
    return "are" if last.endswith("s") and not last.endswith(("ss", "us", "is")) else "is"


def _singular(word: str) -> str:
    for tail, to, least in (("ies", "y", 5), ("oes", "o", 7), ("ches", "ch", 5),
                            ("shes", "sh", 5), ("xes", "x", 4), ("sses", "ss", 5)):
        if word.endswith(tail) and len(word) >= least:  # "potatoes", but "shoes" / "toes"
            return word[: -len(tail)] + to
    if word.endswith("ie") and len(word) > 4:  # "cookie" and "cookies" meet at "cooky"
        return word[:-2] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def same_item(item: str) -> str:
    """An item's key for "is it on the list already": lower case, its last word singular
    ("eggs" / "egg", "tomatoes" / "tomato", "berries" / "berry")."""
    words = item.lower().split()
    return " ".join(words[:-1] + [_singular(words[-1])]) if words else ""


_AMOUNT = re.compile(r"^(?:(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|a few|some|more|"
                     r"extra|another|half a|a couple of|a couple) )?(?:(?:dozen|pack|packs|packet|packets|bag|bags|"
                     r"box|boxes|bottle|bottles|can|cans|jar|jars|loaf|loaves|carton|cartons|pint|pints|pound|"
                     r"pounds|kilo|kilos|bunch|bunches|tin|tins)(?: of)? )?")


def item_key(item: str) -> str:
    """:func:`same_item` without the amount: "2 dozen eggs", "more eggs" and "eggs" are one item."""
    bare = _AMOUNT.sub("", item.lower()).strip()
    return same_item(bare or item)


def closest(said: str, have: list[str]) -> str | None:
    """The stored item ``said`` means: the same words, a near spelling ("tomatos"), or one word
    inside the other ("the milk" / "oat milk" when only one such item is on the list)."""
    said = said.lower()
    if said in have:
        return said
    same = [h for h in have if same_item(h) == same_item(said)] or [h for h in have if item_key(h) == item_key(said)]
    if same:
        return same[0]
    near = difflib.get_close_matches(said, have, n=1, cutoff=0.8)
    if near:
        return near[0]
    inside = [h for h in have if re.search(rf"\b{re.escape(said)}\b", h)
              or re.search(rf"\b{re.escape(h)}\b", said)]
    return inside[0] if len(inside) == 1 else None


def list_with(store, first: str, item: str) -> str | None:
    """The name of the list ``item`` is on in ``store`` (a :class:`~assistant.lists.Lists`),
    looking at list ``first`` before the others; None when it is on none."""
    return next((n for n in [first, *store.names()] if closest(item, store.items(n))), None)


# ---------------------------------------------------------------------- questions about items
HAVE = re.compile(r"^(?:do|have) (?:we|i) (?:have|got|(?P<need>need)(?: to (?:get|buy|pick up))?) (?:any |some |enough |more )?"
                  r"(?P<item>[a-z' ]+?)(?: left| at home| in the (?:fridge|house|cupboard|pantry)| at the (?:store|shop|"
                  r"supermarket))?$")
""""Do we have any milk": the speaker can't see the kitchen, but it knows the lists."""
HOW_MANY = re.compile(r"^how (?:many|much) (?P<item>[a-z' ]+?) (?:do|did|should) (?:i|we) (?:need|get|buy|put on "
                      r"(?:the|my|our) list)(?: to (?:buy|get))?$")
""""How many apples do I need": the amount on the list, when the item is on one."""
ADD_IF_NOT = [  # said as a question with the wish in it: the addition says whether it was there
    # "i'm out of clorox wipes so will you put that on my shopping list" took the last item off
    re.compile(r"^(?:i'm|i am|we're|we are|i've|we've) (?:all |run )?out of (?P<i>.+?) so (?:(?:will|can|could) you |"
               r"please )?(?:put|add) (?:that|it|them|some|more) (?:on|to) (?P<l>(?:my|the|our) (?:[a-z' ]+ )?list)$"),
    re.compile(r"^add to (?P<l>(?:my|the|our) (?:[a-z' ]+ )?list) (?P<i>.+)$"),  # "add to my to do list: wash the dog"
    re.compile(r"^(?:please )?make sure (?:that )?(?P<i>.+?) (?:is|are|gets|get|goes|go) (?:added to|put on|on|in) "
               r"(?P<l>(?:my|the|our) (?:[a-z' ]+ )?list)$"),
    re.compile(r"^(?:is|are|do (?:i|we) have|have (?:i|we) got) (?:the )?(?P<i>.+?) (?:already )?(?:listed )?(?:on|in) "
               r"(?P<l>(?:my|the|our) (?:[a-z' ]+ )?list)(?: and)? (?:if not|if (?:it's|it is|they're|they are) not|"
               r"(?:please )?add|can you add|(?:please )?put|go ahead).*$"),
]
IS_ON = re.compile(r"^(?:is|are|have i (?:got|put)|did i (?:add|put|create|make|write)(?: an? (?:task|note|item|reminder) "
                   r"to)?|do (?:i|we) have) (?:there )?(?:any |some )?(?P<item>.+?) (?:on|in) (?:my|the|our) (?:\w+ )?"
                   r"(?:list|to do list)$")
""""Is milk on my shopping list", "did I create a task to clean the gutters on my list"."""


# ---------------------------------------------------------------------- other names of lists
OTHER_NAMES = re.compile(r"\b(?:list of groceries|list of things to buy|groceries list|grocery list|"
                         r"shopping bag)\b")
TO_DO_NAMES = re.compile(r"\b(?:list of things (?:i have |i need |we have )?to do|list of to dos|things to do list|"
                         r"list of (?:my )?(?:pending )?tasks|list of chores)\b")
