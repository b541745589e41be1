"""Lists kept on the device: "add milk and eggs to my shopping list", "what's on my shopping
list", "take milk off the list", "we're out of coffee", "create a camping list".

HWU64's lists intents carry only the list's name as a slot (and not always), so the items are
read from the sentence's own shape ("add X to my Y list", "remove X from ...", "we need X"). A
list that is not named is the shopping list. A command whose item can't be read ("add something
to my list") gets a question back, and the answer completes it.
"""

from __future__ import annotations

import dataclasses
import re

from ..lists import Lists
from ..types import Reply, Understanding
from .base import Skill, SkillContext
from .list_words import (ADD_IF_NOT, ARTICLE as _ARTICLE, HAVE, HOW_MANY, IS_ON, OTHER_NAMES, TO_DO_NAMES, closest,
                         is_or_are, item_key, list_with, split_items)
from .spoken import say_list, tokens

DEFAULT_LIST = "shopping"
MAX_READ = 8
"""A list is read out up to this many items, then "and N more"."""

_SAME = {"grocery": "shopping", "groceries": "shopping", "shopping": "shopping",
         "todo": "to do", "to do": "to do", "things to do": "to do", "to dos": "to do"}
_LEAD = re.compile(r"^(?:(?:hey|ok|okay|so|please|can|could|would|will|you|go|ahead|and|also|just|kindly|"
                   r"quickly|now|i want you to|i'd like you to|i would like you to|be sure to|make sure to|"
                   r"make sure you)\s+)+")
_WHOSE = r"(?:my|the|our|a|an|this|that|your)"
_NAME_WORD = r"(?!(?:to(?! do\b)|on|onto|in|into|my|the|our|from|off|of|and)\b)[a-z']+ "
_LIST = rf"(?:{_WHOSE} )?(?:(?P<name>(?:{_NAME_WORD}){{1,3}}?))?list"
_OWN_LIST = rf"{_WHOSE} (?:(?P<name>(?:{_NAME_WORD}){{1,3}}?))?list"
"""A list, named with its article or not ("my shopping list", "the list", "school supplies
list"): a name of at most 3 words, none of them a preposition or an article."""
_ADD = [
    re.compile(rf"^(?:add|put|include|write|stick|pop|place|save|type|mark|jot|note|throw|toss)(?: down)? (?P<items>.+?) "
               rf"(?:to|on|onto|on to|in|into|in to) {_LIST}$"),
    re.compile(rf"^(?:(?:i|we) )?(?:need|want) (?!to |for |you )(?P<items>.+?) (?:to be )?(?:added |put )?(?:to|on|onto|in) "
               rf"{_LIST}$"),
]
_ADD_SHOPPING = re.compile(
    r"^(?:(?:we|i) (?:need|need some|need more|are out of|re out of|ran out of|have run out of|"
    r"are running low on|re running low on|need to buy|need to get)|"
    r"(?:remember|don't forget) to (?:buy|get)|buy|get) (?P<items>.+)$")
_ADD_BARE = re.compile(r"^(?:add|put|include) (?P<items>.+?)(?: to it| on it| on there| in there| "
                       r"to the list| on the list| too| as well)?$")
_CREATE = re.compile(r"\b(?:create|make|start|begin|open|set up|new)\b.*\blist\b|\blist\b.*\b(?:"
                     r"called|named)\b")
_CREATE_NAME = [re.compile(r"\blist (?:called|named|titled|for) (?P<name>[a-z' ]+)$"),
                re.compile(r"\b(?:a|an|my|the|it) (?:new )?(?P<name>[a-z' ]+?) list\b")]
_QUERY = [re.compile(rf"\bwhat(?:'s| is| s|s)? (?:on|in) {_OWN_LIST}\b"),
          re.compile(rf"^(?:go )?(?:back )?(?:through|over) (?:everything |all )?(?:on |in )?{_OWN_LIST}\b"),  # "go over it"
          re.compile(rf"\b(?:read|tell|check|show|give|list|go through|go over)(?: me| out| back)? "
                     rf"(?:what's on )?{_OWN_LIST}\b")]
_ALL_LISTS = re.compile(r"\bwhat lists\b|\bwhich lists\b|\b(?:my|all) lists\b|\bany lists\b|"
                        r"\bwhat list (?:do|have|are)\b|\bhow many lists\b")
_OUT_OF = re.compile(r"^(?:we|i)(?:'re|'ve|'m| are| have| am)? (?:out of|run out of|ran out of|"
                     r"running low on|low on|all out of) (?P<items>.+)$|^(?:we|i) need (?:more|some) (?P<more>.+)$|"
                     r"^(?:remember|don't forget|dont forget) to (?:buy|get) (?P<buy>.+)$|"
                     r"^we (?:really |also )?need (?!to |you |a (?:timer|minute|moment|break|plan|hand)\b|help\b)"
                     r"(?P<need>.+)$|"
                     r"^(?:we|i) need to (?:buy|get) (?P<get>.+)$|"
                     r"^(?:(?:damn|oh no|oops|ugh|oh) )?(?:we|i) forgot to (?:buy|get|pick up) "
                     r"(?:the )?(?P<forgot>.+?)(?: again)?$")
"""A shopping-list addition by its shape alone ("we're out of coffee", read as iot_coffee)."""
_NOT_GROCERIES = {"ideas", "idea", "time", "luck", "breath", "patience", "options", "here", "it",
                  "this", "that", "energy", "order", "shape", "practice", "town", "touch", "sync",
                  "control", "reach", "sight", "place", "steam", "words", "money", "gas", "my mind",
                  "our minds", "my depth", "the question", "the picture", "the running", "things to do"}
"""What a household runs out of that is not shopping ("I'm out of ideas", "we're out of time")."""
_SHOPPING_QUERY = re.compile(r"\bwhat do (?:i|we) need to (?:buy|get)\b|\bwhat do (?:i|we) need (?:to go shopping for|"
                             r"when (?:i|we) go shopping|at the (?:store|shop|supermarket)|from the (?:store|shop|"
                             r"supermarket))$|\bremind me what (?:i|we) (?:put|added|have) on (?:my|the|our) (?:shopping "
                             r"|grocery )?list$")
_REMOVE = [
    re.compile(rf"^(?:remove|delete|take|cross|scratch|strike|tick|erase|drop)(?: off| away| out)? "
               rf"(?P<items>.+?) (?:off|from|off of|out of|off on|off from) {_LIST}$"),
    re.compile(rf"^check (?P<items>.+?) off(?: on| from| of)? {_LIST}$"),  # "check washing the dishes off my list"
    re.compile(r"^(?:cross|tick|scratch|strike) off (?P<items>.+?)$"),
]
_MOVE = re.compile(rf"^(?:move|transfer|switch) (?P<items>.+?) (?:from {_WHOSE} [a-z' ]+? list )?"
                   rf"(?:to|onto|on to|over to|into) {_WHOSE} (?P<to>(?:{_NAME_WORD}){{1,3}}?)list$")
_LAST = re.compile(r"^(?:the )?(?:last|latest) (?:item|thing|one|entry)(?: (?:i|you|we) added)?$")
_CLEAR = [re.compile(rf"(?:^|\b(?:so|just|and) )(?:clear|empty|wipe|reset|clean|blank)(?: out)? {_OWN_LIST}$"),
          re.compile(rf"^(?:remove|delete|take|erase) (?:everything|all the items|all items|all) "
                     rf"(?:from|off|on|in) {_LIST}$")]
_ALL_BUT = re.compile(r"^(?:clear|empty|wipe|remove everything|delete everything|take everything off|remove all|"
                     r"delete all|take all)\b.*?\b(?:except(?: for)?|but(?: keep| leave)?|apart from|other than|"
                     r"besides|save for) (?:the |my )?(?P<items>[a-z' ,]+?)(?: on it| on there| on the list)?$")
"""Everything but what is named: "remove everything except the milk", "clear the list but keep the milk"."""
_DELETE = re.compile(rf"^(?:delete|remove|get rid of|erase|drop|trash) {_OWN_LIST}$|"
                     r"^(?:delete|remove|get rid of|erase|drop|trash) (?:the |my |our )?list "
                     r"(?:called|named) (?P<called>[a-z' ]+)$")
_NOT_A_LIST = re.compile(r"\bcontacts?\b|\bemails?\b|\blist of\b|\bwaiting list\b")
"""Lists that are not the household's ("my contact list", "a list of circus shows")."""
_NOT_SHOPPING = re.compile(r"^from\b|\b(?:tickets?|train|flight|taxi|cab|uber|ride|bus|table|reservation|"
                           r"appointment|haircut|job|break|rest|sleep|help|made|done|fixed|"
                           r"tomorrow|tonight|today|morning)\b|^(?:up|going|ready|out|back|home)\b")
"""Words that make "I need to get a ticket", "I need some coffee made" or "I need to get up at
ten tomorrow" no shopping."""


def _creates(t: str) -> bool:
    """"create a new list", "make a camping list"; not "new item for list" or "add ... list"."""
    return bool(_CREATE.search(t)) and not re.search(
        r"\b(?:item|items|add|put|remove|delete|erase|drop|trash)\b", t)


def _plain(text: str) -> str:
    t = " ".join(re.findall(r"[a-z0-9']+", text.lower().replace("-", " ")))
    t = re.sub(r"\bplease\b", "", t)
    return _LEAD.sub("", " ".join(t.split()))


def normalize_name(name: str | None) -> str | None:
    """"Grocery" → "shopping", "to-do" → "to do"; None for nothing said."""
    if not name:
        return None
    n = re.sub(r"^(?:the|a|an|my|our) ", "", name.lower().replace("-", " ").strip())
    n = " ".join(w for w in n.split() if w not in ("new", "list"))
    n = re.sub(r"'s$", "", n)  # "emma's list" is the list made "for emma"
    return _SAME.get(n, n) or None


_WANTS_ADDED = re.compile(r"^(?:i (?:need|want|would like|'d like)(?: you| for you)? to (?:add|put)|"
                          r"(?:can|could|would|will) you (?:please )?(?:add|put)) ")
_SAID_AROUND = re.compile(r"(?<=\blist)(?: and)? (?:cause|'cause|because|as|since|if|unless|when|i'm|i am|"
                          r"please)\b.*$|(?<=\blist) (?:would|will|could|can) you(?: please)?$|"
                          r"(?<=\blist) (?:for me|thanks|thank you)$")
"""Words around a list command that are not its items: "i need to add cherrios to the grocery
list", "put milk on my shopping list cause i'm out of it", "... if it's not already on it",
"put eggs on the shopping list would you"."""


def _a(name: str) -> str:
    """"a packing", "an ikea"."""
    return f"{'an' if name[:1] in 'aeiou' else 'a'} {name}"


def _your(name: str) -> str:
    return f"your {name} list"


def command(text: str) -> tuple[str, str | None, list[str]] | None:
    """What a list command says, from its words alone: (what, list name or None, items) with
    what in add / create / remove / clear / delete / query / lists, or None for no explicit list command.
    Only sentences that name a list (never a playlist) or say "we're out of X" count."""
    t = _plain(text.replace(",", " and "))  # "eggs, flour and sugar": three items
    t = re.sub(r"^(?:(?:alright|all right|okay|ok|so|now|right|well|yeah|um|uh|oh) )+", "", t)  # "alright put eggs ..."
    t = TO_DO_NAMES.sub("to do list", t)  # "is vacuuming on my list of things to do": no "do list"
    for p in ADD_IF_NOT:  # "make sure bread is on my shopping list" made a shopping list
        m = p.match(t)
        if m:
            t = f"add {m['i']} to {m['l']}"
            break
    t = _SAID_AROUND.sub("", OTHER_NAMES.sub("shopping list", _WANTS_ADDED.sub("add ", t))).strip()
    if IS_ON.match(t):  # "is cleaning the toilet on my to do list" (lists_remove: what to take off?)
        return "query", normalize_name(re.search(rf"{_OWN_LIST}$", t)["name"]), []
    if re.match(rf"^(?:i (?:need|want) (?:to hear |to know |you to read )?|let me hear ){_OWN_LIST}(?: read)?$", t):
        return "query", normalize_name(re.search(rf"{_OWN_LIST}", t)["name"]), []  # "i need my todo list read"
    # "the list for the party" is the party list
    t = re.sub(r"\b(?:the|my|our|a|an|new) list for (?:the |my |our |a )?([a-z']+)$", r"the \1 list", t)
    m = _MOVE.match(t)
    if m:  # "move bread to the party list"
        return "move", normalize_name(m["to"]), split_items(m["items"])
    if "playlist" in t or "play list" in t or _NOT_A_LIST.search(t):
        return None
    if _ALL_LISTS.search(t) and not any(p.search(t) for p in _QUERY):
        return "lists", None, []
    if _SHOPPING_QUERY.search(t):
        return "query", DEFAULT_LIST, []
    for p in _CLEAR:
        m = p.search(t)
        if m:
            return "clear", normalize_name(m.group("name")), []
    m = _DELETE.search(t)
    if m:
        return "delete", normalize_name(m.group("name") or m.group("called")), []
    for p in _REMOVE:
        m = p.search(t)
        if m:
            return "remove", normalize_name(m.groupdict().get("name")), split_items(m["items"])
    for p in _ADD:
        m = p.search(t)
        if m:
            return "add", normalize_name(m.group("name")), split_items(m["items"])
    m = _OUT_OF.search(t)
    if m and "list" not in t:
        said = next(g for g in m.groups() if g)
        if _ARTICLE.sub("", said).strip() not in _NOT_GROCERIES and not _NOT_SHOPPING.search(said) \
                and not ((m["need"] or m["more"]) and _NOT_FOOD.search(said)):  # "we need some music"
            return "add", DEFAULT_LIST, split_items(said)
    for p in _QUERY:
        m = p.search(t)
        if m:
            return "query", normalize_name(m.group("name")), []
    if _creates(t):
        for p in _CREATE_NAME:
            m = p.search(t)
            if m:
                return "create", normalize_name(m.group("name")), []
        return "create", None, []
    return None


_GOT = re.compile(r"^(?:i|we)(?: just| already| finally)? (?:got|bought|picked up|grabbed) "
                  r"(?P<items>.+?)(?: already| today| now)?$|"
                  r"^(?:take|cross|tick|scratch|strike) (?P<off>.+?) off(?: the list| my list| our list)?$|"
                  r"^mark (?P<done>.+?) (?:as )?(?:done|complete|completed|finished|bought)$|"
                  r"^(?:remove|delete|erase|drop|scratch|strike|cross out|forget) (?P<rm>.+?)$")
# "remove coffee and tea" (a coffee machine), "scratch the bread" (the model: unsure)


_DID = re.compile(r"^(?:i|we)(?: just| already| finally)? (?P<verb>[a-z]+) (?P<rest>.+?)"
                  r"(?: already| today| now)?$")
_PAST = {"did": "do", "made": "make", "paid": "pay", "took": "take", "sent": "send", "wrote": "write",
         "went": "go", "fed": "feed", "rang": "ring", "swept": "sweep", "sold": "sell", "told": "tell"}


def _done_errands(text: str) -> list[str]:
    """"I called the vet" → ["call the vet", "calle the vet", "cal the vet"]: the to-dos it may
    be written as on a list (each compared whole with the list's items)."""
    m = _DID.match(text)
    if m is None:
        return []
    verb = m["verb"]
    bases = ([_PAST[verb]] if verb in _PAST
             else [verb[:-2], verb[:-1], verb[:-3]] if verb.endswith("ed") else [])
    return [f"{b} {m['rest']}" for b in bases if b]


def bought(store: Lists, text: str) -> tuple[str, list[str]] | None:
    """"I got the milk": (the list, the items on it that were said), when they are on a list;
    "I called the vet": the to-do "call the vet" done."""
    plain = _plain(text.replace(",", " and "))
    m = _GOT.match(plain)
    if not m:
        for name in store.names():  # "i called the vet", with "call the vet" to do
            have = store.items(name)
            done = next((h for h in have if h in _done_errands(plain)), None)
            if done is not None:
                return name, [done]
        return None
    said = split_items(m["items"] or m["off"] or m["done"] or m["rm"])
    for name in store.names():
        have = store.items(name)
        hits = [h for h in (closest(x, have) for x in said) if h is not None]
        if hits:
            return name, hits
    return None


_NOT_FOOD = re.compile(r"\b(?:plans?|alarms?|timers?|reminders?|meetings?|appointments?|events?|"
                       r"messages?|emails?|time|music|songs?|podcasts?|audiobooks?|lists?|anything|"
                       r"homework|school|work|guests|visitors|company|power|internet|wifi|kids?)\b")


def asks_have(store: Lists, text: str, intent: str) -> bool:
    """"Do we have any milk": with milk on a list, or read as a kitchen question (the model:
    cooking_recipe, "can't look up recipes"); not "do I have any plans tomorrow"."""
    many = HOW_MANY.match(_plain(text))
    if many:  # "how many apples do I need" (the model: recipes) with apples on a list
        return any(closest(many["item"], store.items(n)) for n in store.names())
    m = HAVE.match(_plain(text))
    if m is None or _NOT_FOOD.search(m["item"]):
        return False
    on_a_list = any(closest(m["item"], store.items(n)) for n in store.names())
    return on_a_list or intent in ("cooking_recipe", "lists_query", "lists_createoradd",
                                   "lists_remove", "unknown")


def intent_of(text: str) -> str | None:
    """The lists intent a sentence's words decide, or None (see :func:`command`)."""
    c = command(text)
    if c is None:
        return None
    return {"add": "lists_createoradd", "create": "lists_createoradd", "query": "lists_query",
            "lists": "lists_query", "move": "lists_createoradd"}.get(
        c[0], "lists_remove")


def _named(u: Understanding, t: str, items: list[str]) -> str | None:
    """The list a command names by the model's slot, else by its words; never words of an item
    ("put toilet paper on the list": the model tagged "paper" as the list)."""
    said = " ".join(items)
    for s in u.slots:  # "create it to do list" (a misheard "a"): slots "it" and "to do"
        name = normalize_name(s.text) if s.type == "list_name" else None
        if name not in (None, *_PRONOUNS, "a", "an", "the") and not re.search(rf"\b{re.escape(name)}\b",
                                                                             said):
            return name
    m = re.search(rf"\b{_OWN_LIST}\b", t)
    return normalize_name(m.group("name")) if m else None


class ListsSkill(Skill):
    intents = ("lists_createoradd", "lists_query", "lists_remove")

    def handle(self, u: Understanding, ctx: SkillContext) -> Reply:
        store = Lists(ctx.db)
        keep = _ALL_BUT.search(_plain(u.text))
        if keep:  # "remove everything except the milk" emptied the list, milk too
            name = _named(u, _plain(u.text)[:keep.start()], []) or DEFAULT_LIST
            have = store.items(name)
            kept = [k for k in (closest(x, have) for x in split_items(keep["items"])) if k is not None]
            if not kept:
                return Reply(f"{keep['items'].capitalize()} isn't on {_your(name)}, so I left it as it is.",
                             "say", (("list", name),))
            gone = [h for h in have if h not in kept]
            for item in gone:
                store.remove(name, item)
            return Reply(f"Okay, I took everything off {_your(name)} but {say_list(kept)}.",
                         "list_remove", (("list", name), ("removed", ", ".join(gone))))
        got = bought(store, u.text) if u.intent == "lists_remove" else None
        if got is not None:  # "I got the milk": off the list it was on
            return self.remove(store, *got)
        change = re.fullmatch(r"(?:change|make|update|replace) (?:the )?(?P<old>[a-z0-9' ]+?) (?:to|into|with) "
                              r"(?P<new>[a-z0-9' ]+?)(?: on (?:my|the|our) (?:\w+ )?list)?", _plain(u.text))
        if change:  # "change apples to 5 apples" asked what to add
            for name in store.names():
                old = closest(change["old"], store.items(name))
                if old is not None:
                    store.remove(name, old)
                    store.add(name, [change["new"]], ctx.clock())
                    return Reply(f"Okay, {change['new']} instead of {old} on {_your(name)}.", "list_add",
                                 (("list", name), ("added", change["new"]), ("removed", old)))
        swap = re.fullmatch(r"replace the last item with (?P<what>.+)", _plain(u.text))
        added = just_added(ctx) if swap else None
        if added is not None:  # (follow_on: "add milk" "I meant oat milk")
            name, old = added
            for item in old:
                store.remove(name, item)
            reply = self.add(store, name, split_items(swap["what"]), ctx)
            return dataclasses.replace(reply, text=f"Okay, not {say_list(old)}. {reply.text}")
        t = TO_DO_NAMES.sub("to do list", _WANTS_ADDED.sub("add ", _plain(u.text)))  # "i need to add x": add x
        what, name, items = command(u.text) or ("", None, [])
        name = name or _named(u, t, items)
        if not what:
            what, items = self._guess(u.intent, t)
        if what == "move":
            return self.move(store, name, items, ctx)
        if what == "lists":
            names = store.names()
            if not names:
                return Reply("You don't have any lists yet.", "list_read")
            return Reply(f"You have {len(names)} list{'s' if len(names) > 1 else ''}: "
                         f"{say_list(names)}.", "list_read", (("lists", ", ".join(names)),))
        if what == "create":
            return self.create(store, name, ctx)
        if what == "query":
            many = HOW_MANY.match(t)
            if many:  # "how many apples do I need": "3 apples are on your shopping list."
                return self.have(store, many["item"], need=True, amount=True)
            have = HAVE.match(t) if not IS_ON.match(t) else None  # not "do I have carrots on my list"
            if have:  # "do we have any milk"
                return self.have(store, have["item"], bool(have["need"]))
            m = IS_ON.match(t)
            if m and m["item"] in ("anything", "something", "stuff"):
                m = None  # "is there anything on my shopping list": read it ("No, anything isn't on ...")
            if m and name and name in m["item"].split():  # "is bread on the list" (the model: list "bread")
                name = _named(dataclasses.replace(u, slots=()), t, [])
            if m and name is None:  # "did i create a task to clean the gutters on my list": on any list
                name = list_with(store, DEFAULT_LIST, m["item"])
                if name is None and store.names():
                    return Reply(f"No, {m['item']} {is_or_are(m['item'])}n't on any of your lists.", "list_read",
                                 (("list", ""), ("found", "")))
            if m and store.exists(name or DEFAULT_LIST):  # "is milk on my shopping list"
                return self.check(store, name or DEFAULT_LIST, m["item"])
            first = re.match(r"what(?:'s| is| s) (?:first|next|the first thing|the next thing|at the top)\b", t)
            have = store.items(name or DEFAULT_LIST)
            if first and have:  # "what's first on my to do list" read the whole list
                return Reply(f"First on {_your(name or DEFAULT_LIST)}: {have[0]}.", "list_read",
                             (("list", name or DEFAULT_LIST), ("items", have[0])))
            rest = re.search(r"\bfrom (\d+)$", t)  # "what else": follow_on names where to go on
            reply = self.read(store, name, int(rest[1]) if rest else 0)
            read = dict(reply.detail).get("list")  # the list read: the one named, or the default
            n = len(store.items(read)) if read and store.exists(read) else 0
            if n and re.match(r"how many\b", t):  # "how many things are on my list"
                head = f"{n} thing{'s' if n > 1 else ''}"
                return Reply(f"{head}: {reply.text[0].lower()}{reply.text[1:]}", reply.action,
                             reply.detail)
            return reply
        if what == "remove" and (not items or set(items) <= _PRONOUNS or (
                name is not None and not store.exists(name))):
            found = _mentioned(store, t)  # "I called the plumber, take it off the list"
            if found is not None:
                name, items = found[0], [found[1]]
            elif set(tokens(t)) & _PRONOUNS and just_added(ctx) and not re.search(r"\b(?:put|add)\b", t):
                # "add bananas" "remove that" (not "... so will you put that on my list")
                name, items = just_added(ctx)
        if what == "remove" and name is None and items:  # "tick off call the vet": on the to do list
            name = list_with(store, DEFAULT_LIST, items[0])
        name = name or DEFAULT_LIST
        if what == "remove" and len(items) == 1 and _LAST.match(items[0]):  # "remove the last item"
            if not store.items(name):
                return Reply(f"{_your(name).capitalize()} is empty.", "list_remove",
                             (("list", name), ("removed", "")))
            items = store.items(name)[-1:]
        if what == "add":
            tail = f" to {name}"  # "add vacuum the stairs to chores": the list named without "list"
            items = [i[:-len(tail)] if i.endswith(tail) and len(i) > len(tail) else i for i in items]
            reply = self.add(store, name, items, ctx)
            if re.search(r"\b(?:order|reorder)\b", t) and reply.action == "list_add":  # "... order some"
                reply = dataclasses.replace(reply, text=f"{reply.text} I can't order things, though.")
            return reply
        if what == "remove":
            return self.remove(store, name, items)
        was = ", ".join(store.items(name))  # kept in the reply, so "undo" brings them back
        if what == "clear":
            n = store.clear(name)
            return Reply(f"Okay, {_your(name)} is empty now." if n else
                         f"{_your(name).capitalize()} was already empty.", "list_clear",
                         (("list", name), ("removed", str(n)), ("was", was)))
        if what == "delete":
            return Reply(f"Okay, I deleted {_your(name)}.", "list_delete", (("list", name), ("was", was))) \
                if store.delete(name) else Reply(f"You don't have a {name} list.", "list_delete", (("list", name),))
        return self.read(store, name)

    @staticmethod
    def _guess(intent: str, t: str) -> tuple[str, list[str]]:
        """For sentences :func:`command` does not read ("we need milk", "add butter"), go by the
        intent the model chose."""
        if re.match(r"(?:(?:can you|could you|please|will you) )*(?:repeat|read back|read out|read|go through|recite|"
                    r"list)\b", t) and not re.search(r"\b(?:add|put)\b", t):
            return "query", []  # "can you repeat my list back to me" asked what to add
        if intent == "lists_createoradd":
            if _creates(t):
                return "create", []
            for p in (_ADD_SHOPPING, _ADD_BARE):
                m = p.search(t)
                if m:
                    return "add", split_items(m["items"])
            return "add", []
        if intent == "lists_remove":
            if re.search(r"\b(?:everything|all)\b", t) and re.search(
                    r"\b(?:remove|delete|clear|take|erase|wipe|cross|empty|scratch|get rid)\b", t):
                return "clear", []  # not "everything needs ordered off my list" (it emptied the list)
            m = re.search(r"^(?:(?:oh|actually|wait|sorry|no|um|uh|and|also|okay|ok|so|please|can you|could you) )*"
                          r"(?:remove|delete|take|cross|scratch|strike|tick|erase|drop)(?: off)? "
                          r"(?P<items>.+?)(?: off| out)?$", t)
            return "remove", split_items(m["items"]) if m else []
        if _ALL_LISTS.search(t):
            return "lists", []
        return "query", []

    def create(self, store: Lists, name: str | None, ctx: SkillContext) -> Reply:
        if name is None:
            return Reply("What should I call the new list?", "clarify",
                         (("need", "name"), ("then", "create a list called {}")))
        if store.create(name, ctx.clock()):
            return Reply(f"Okay, I made {_a(name)} list.", "list_create", (("list", name),))
        return Reply(f"You already have {_a(name)} list.", "list_create", (("list", name),))

    def add(self, store: Lists, name: str, items: list[str], ctx: SkillContext) -> Reply:
        if not items:
            return Reply(f"What should I add to {_your(name)}?", "clarify",
                         (("need", "item"), ("then", f"add {{}} to my {name} list")))
        before = store.items(name)
        have = {item_key(h) for h in before}
        new = [i for i in items if item_key(i) not in have]  # "egg" or "more eggs" when "2 dozen eggs" is on it
        added = store.add(name, new, ctx.clock())
        had = [closest(i, before) or i for i in (x.lower() for x in items) if i not in added]
        detail = (("list", name), ("added", ", ".join(added)))
        if not added:
            it = "it" if len(had) == 1 and is_or_are(had[0]) == "is" else "them"
            return Reply(f"{say_list(had).capitalize()} {is_or_are(had[0]) if len(had) == 1 else 'are'} already "
                         f"on {_your(name)}. I left {it} there.", "list_add", detail)
        text = (f"Added {say_list(added)} to {_your(name)}." if len(added) <= MAX_READ else
                f"Added {len(added)} things to {_your(name)}, from {added[0]} to {added[-1]}.")
        if had:
            text += f" {say_list(had).capitalize()} {'was' if len(had) == 1 else 'were'} already on it."
        return Reply(text, "list_add", detail)

    def read(self, store: Lists, name: str | None, start: int = 0) -> Reply:
        """The list's first items (``start``: from that one on, "what else is on it")."""
        if name is None:
            names = store.names()
            name = DEFAULT_LIST if DEFAULT_LIST in names or len(names) != 1 else names[0]
        if not store.exists(name):
            return Reply(f"You don't have a {name} list yet.", "list_read", (("list", name),))
        items = store.items(name)
        if not items:
            return Reply(f"{_your(name).capitalize()} is empty.", "list_read", (("list", name),))
        said = items[start:start + MAX_READ]
        if not said:
            return Reply(f"That's everything on {_your(name)}.", "list_read", (("list", name),))
        more = len(items) - start - len(said)
        tail = f", and {more} more" if more else ""
        lead = "just " if len(items) == 1 else ""
        head = f"{_your(name).capitalize()} has {lead}" if not start else "After that, "
        return Reply(f"{head}{say_list(said)}{tail}.", "list_read",
                     (("list", name), ("items", ", ".join(items)), ("read_to", str(start + len(said)))))

    def have(self, store: Lists, said: str, need: bool = False, amount: bool = False) -> Reply:
        """"Do we have any milk?": the lists it is on, since the kitchen is out of sight. "Do I
        need eggs?": whether they are on a list (it said it can't look up recipes)."""
        for name in store.names():
            found = closest(said, store.items(name))
            if found is not None:
                head = "Yes," if need else "I can't see your kitchen, but"
                said_found = f"{found[0].upper()}{found[1:]}" if amount else f"{head} {found}"
                return Reply(f"{said_found} {is_or_are(found)} on {_your(name)}.",
                             "list_read", (("list", name), ("found", found)))
        if need:
            return Reply(f"{said[0].upper()}{said[1:]} {is_or_are(said)}n't on your shopping list. Say: add {said}, "
                         "if you need some.", "list_read", (("list", DEFAULT_LIST), ("found", "")))
        return Reply(f"I can't see your kitchen, and {said} {is_or_are(said)}n't on your shopping list. Say: "
                     f"add {said}, if you need some.", "list_read",
                     (("list", DEFAULT_LIST), ("found", "")))

    def move(self, store: Lists, to: str | None, items: list[str], ctx: SkillContext) -> Reply:
        """"Move bread to the party list": off the list it is on, onto the one named."""
        if to is None or not items:
            return Reply("Which list should I move it to?", "clarify")
        moved, added = [], []
        for said in items:
            src = next((n for n in store.names() if n != to and closest(said, store.items(n))), None)
            if src is not None:
                store.remove(src, closest(said, store.items(src)))
            (moved if src is not None else added).append(said)
        if to not in store.names():
            store.create(to, ctx.clock())
        store.add(to, moved + added, ctx.clock())
        text = " ".join(([f"Moved {say_list(moved)} to {_your(to)}."] if moved else []) + (
            [f"{say_list(added).capitalize()} wasn't on a list, so I added it to {_your(to)}."]
            if added else []))
        return Reply(text, "list_add", (("list", to), ("added", ", ".join(moved + added))))

    def check(self, store: Lists, name: str, said: str) -> Reply:
        """"Is milk on my shopping list?" → yes or no, by the same matching as removing."""
        have = store.items(name)
        found = closest(said, have)
        if found is not None:
            return Reply(f"Yes, {found} {is_or_are(found)} on {_your(name)}.", "list_read",
                         (("list", name), ("found", found)))
        return Reply(f"No, {said} {is_or_are(said)}n't on {_your(name)}.", "list_read",
                     (("list", name), ("found", "")))

    def remove(self, store: Lists, name: str, items: list[str]) -> Reply:
        if not items:
            return Reply(f"What should I take off {_your(name)}?", "clarify",
                         (("need", "item"), ("then", f"remove {{}} from my {name} list")))
        have = store.items(name)
        gone, missing = [], []
        for said in items:
            match = closest(said, have)
            if match is not None and store.remove(name, match):
                gone.append(match)
                have.remove(match)
            else:
                missing.append(said)
        detail = (("list", name), ("removed", ", ".join(gone)))
        if not gone:
            verb = "isn't" if len(missing) == 1 else "aren't"
            return Reply(f"{say_list(missing).capitalize()} {verb} on {_your(name)}.", "list_remove",
                         detail)
        text = f"Removed {say_list(gone)} from {_your(name)}."
        if missing:
            text += f" {say_list(missing).capitalize()} wasn't on it."
        return Reply(text, "list_remove", detail)


_PRONOUNS = {"it", "them", "that", "this", "those", "these", "one"}
_NOT_CONTENT = {"the", "a", "an", "some", "my", "our", "to", "for", "of", "and", "with", "from",
                "off", "take", "list", "remove", "cross", "it", "them", "that", "done", "have",
                "just", "already", "you", "can", "i", "we", "please", "got", "bought", "did"}


def just_added(ctx: SkillContext) -> tuple[str, list[str]] | None:
    """(list, items) that the reply just before added, if it added any ("remove that",
    "undo that": :mod:`.undo`)."""
    last = ctx.last_reply
    detail = dict(last.detail) if last is not None and last.action == "list_add" else {}
    added = [i.strip() for i in detail.get("added", "").split(", ") if i.strip()]
    return (detail["list"], added) if added and detail.get("list") else None


def _stem(word: str) -> str:
    for tail in ("ing", "ed", "es", "s"):
        if word.endswith(tail) and len(word) - len(tail) >= 3:
            return word[: -len(tail)]
    return word


def _mentioned(store: Lists, t: str) -> tuple[str, str] | None:
    """(list, item) of the one item on any list that the sentence talks about ("i called the
    plumber, take it off" → ("to do", "call the plumber")), or None when none or several do."""
    said = {_stem(w) for w in t.split() if w not in _NOT_CONTENT}
    best: list[tuple[int, str, str]] = []
    for name in store.names():
        for item in store.items(name):
            words = {_stem(w) for w in item.split() if w not in _NOT_CONTENT}
            n = len({w for w in words & said if len(w) >= 4})
            if n:
                best.append((n, name, item))
    best.sort(reverse=True)
    if not best or (len(best) > 1 and best[1][0] == best[0][0]):
        return None
    return best[0][1], best[0][2]
