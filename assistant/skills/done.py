"""Things the household tells the speaker it has done, and asks about later: "I took my pills",
"did I take my pills today?", "when did I last feed the cat?". For a household keeping track of
medicine and chores; nothing is guessed, only what was said is kept (:mod:`assistant.done`).
"""

from __future__ import annotations

import datetime as dt
import re

from ..done import Done, DoneLog
from ..types import Reply, Understanding
from .base import Skill, SkillContext
from .list_words import same_item
from .spoken import say_clock, say_list, to_you, tokens

_FORMS = {  # base: (past, past participle)
    "take": ("took", "taken"), "feed": ("fed", "fed"), "give": ("gave", "given"), "do": ("did", "done"),
    "have": ("had", "had"), "eat": ("ate", "eaten"), "drink": ("drank", "drunk"), "pay": ("paid", "paid"),
    "walk": ("walked", "walked"), "water": ("watered", "watered"), "empty": ("emptied", "emptied"),
    "lock": ("locked", "locked"), "call": ("called", "called"), "brush": ("brushed", "brushed"),
    "clean": ("cleaned", "cleaned"), "wash": ("washed", "washed"), "charge": ("charged", "charged"),
    "change": ("changed", "changed"), "put out": ("put out", "put out"), "finish": ("finished", "finished"),
    "check": ("checked", "checked"), "turn off": ("turned off", "turned off"),
}
_PAST = {form: base for base, forms in _FORMS.items() for form in forms}
_ANY_PAST = "|".join(sorted(_PAST, key=len, reverse=True))
_ANY_BASE = "|".join(sorted(_FORMS, key=len, reverse=True))
_WHEN_SAID = (r"(?P<span>(?: (?:already|today|yet|now|just now|this morning|this afternoon|this evening|tonight|"
              r"earlier|this week|this month|yesterday|last night))*)")
_TOLD = re.compile(rf"^(?:(?:ok|okay|so|well|just so you know|fyi) )?(?:i|we)(?:'ve| have)?(?: just| already| "
                   rf"finally)? (?P<verb>{_ANY_PAST}) (?!(?:a|an) )(?P<what>.+?){_WHEN_SAID}$")  # not "had a bad day"
_ASKED = re.compile(rf"^(?:so |and |okay )?(?:(?P<did>did|have|has) (?:i|we|somebody|someone|anyone)|"
                    rf"(?P<when>when did (?:i|we)(?: last)?)) (?:already |remember to |forget to )?"
                    rf"(?P<verb>{_ANY_BASE}|{_ANY_PAST}) (?P<what>.+?){_WHEN_SAID}$")
_UNTOLD = re.compile(rf"^(?:(?:no|oh|actually|wait) )*(?:forget (?:that )?(?:i|we) (?P<past>{_ANY_PAST})|(?:i|we) "
                     rf"(?:didn't|did not|haven't|have not|never) (?P<verb>{_ANY_BASE}|{_ANY_PAST})) "
                     rf"(?P<what>.+?){_WHEN_SAID}$")
"""Taking a note back later: "forget that I took my pills", "I didn't take my pills"."""
_DAY_LOG = re.compile(rf"^(?:so )?what (?:have (?:i|we) done|did (?:i|we) (?:do|get done)|have i told you i did)"
                      rf"{_WHEN_SAID}$")
"""The day's notes asked for: "what have I done today", "what did I do yesterday"."""
_VAGUE = {"it", "that", "this", "them", "something", "nothing", "so", "too much", "enough", "a lot"}
_SAME = {"medicine": "medicine", "medication": "medicine", "medications": "medicine", "meds": "medicine",
         "pill": "medicine", "pills": "medicine", "tablet": "medicine", "tablets": "medicine"}
_NOT_WHAT = {"my", "the", "a", "an", "our", "your", "his", "her", "their", "some", "all"}


def _key(what: str) -> set[str]:
    """The words that name a thing done: "my pills" / "the medicine" → {"medicine"}."""
    return {_SAME.get(w, same_item(w)) for w in tokens(what) if w not in _NOT_WHAT}


def told_done(text: str) -> list[tuple[str, str]]:
    """"I took my pills" → [("take", "my pills")]; "I took my pills and fed the cat" → two; []
    for anything else ("I did it")."""
    m = _TOLD.fullmatch(" ".join(tokens(text)))
    if m is None or m["what"] in _VAGUE or not _key(m["what"]) or re.search(
            r"\b(?:list|lists|off|remove|delete|cross|tick)\b", m["what"]) or re.match(  # "... take it off the list"
            r"(?:not|never|n't)\b|(?:\w+ )?(?:hear|understand|catch|get) (?:you|that|what)\b|.*\b(?:with|to) you\b|"
            r".*\b(?:stars?|points?|out of \d+|of (?:6|six|5|five|10|ten))$|.*\b(?:are they|is it|safe|since|need help)\b",
            m["what"]):
        # "i had fun speaking with you", "i gave the current album two stars": no chores
        return []  # "i did not hear you" was noted as done
    first, *more = re.split(rf" and (?:(?:i|we)(?:'ve| have)? )?(?:also )?(?=(?:{_ANY_PAST}) )", m["what"])
    out = [(_PAST[m["verb"]], first)]
    for part in more:  # (each opens with a verb of _PAST: the split is made before one)
        said = re.match(rf"({_ANY_PAST}) (.+)$", part)
        if said[2] not in _VAGUE:
            out.append((_PAST[said[1]], said[2]))
    return out


_DID_IT = re.compile(r"(?:(?:ok|okay|yes|yep|yeah|alright|right) )*(?:i )?(?:did it|did that|done|all done|"
                     r"i've done it|i have done it|finished|took (?:it|them)|i've taken (?:it|them)|"
                     r"i have taken (?:it|them)|fed (?:it|them)|called (?:her|him|them))(?: already| now)?"
                     r"(?: thanks| thank you)?")
RECENT_RING_S = 600.0
"""How long after a reminder rang "I took them" is still taken as its errand done."""


def reminder_done(text: str, ctx: SkillContext) -> tuple[str, str, int | None] | None:
    """"I took them" / "done" while a reminder like "take your pills" rings or just rang →
    ("take", "my pills", the ringing one's id or None); None for anything else."""
    from .reminders import REMIND_PREFIX

    said = " ".join(tokens(text))
    told = (told_done(said) or [None])[0]
    if not (_DID_IT.fullmatch(said) or told):
        return None
    now = ctx.clock()
    ringing = [t for t in ctx.timers.ringing() if t.label.startswith(REMIND_PREFIX)]
    rung = [t for t in ctx.timers.recent("timer") + ctx.timers.recent("alarm")
            if t.label.startswith(REMIND_PREFIX) and t.rang_at and now - t.rang_at <= RECENT_RING_S]
    for t in ringing + sorted(rung, key=lambda t: -t.rang_at):
        m = re.match(rf"({_ANY_BASE}) (.+)$", t.label[len(REMIND_PREFIX):])
        if m and (told is None or told[0] == m[1]):
            mine = re.sub(r"\byour\b", "my", m[2])  # kept as the person would say it
            return m[1], told[1] if told else mine, t.id if t in ringing else None
    return None


def asks_done(text: str) -> bool:
    """"Did I take my pills today", "have I fed the cat", "when did I last water the plants";
    "forget that I took my pills", "I didn't take my pills" (a note taken back)."""
    low = " ".join(tokens(text))
    if _DAY_LOG.fullmatch(low):
        return True
    m = _ASKED.fullmatch(low) or _UNTOLD.fullmatch(low)
    return m is not None and m["what"] not in _VAGUE and bool(_key(m["what"]))


def _since(span: str, now: float) -> tuple[dt.date, str]:
    """The first day a question covers, and how to say it: "today" unless said otherwise."""
    today = dt.date.fromtimestamp(now)
    if "this week" in span:
        return today - dt.timedelta(days=today.weekday()), "this week"
    if "this month" in span:
        return today.replace(day=1), "this month"
    if "yesterday" in span or "last night" in span:
        return today - dt.timedelta(days=1), "since yesterday"
    return today, "today"


def _said_when(d: Done, now: float) -> str:
    """"at 8:05 AM" today, "yesterday at 8 AM", "on Friday at 8 AM", "on March 2"."""
    day, today = dt.date.fromtimestamp(d.at), dt.date.fromtimestamp(now)
    clock = say_clock(d.at)
    if day == today:
        return f"at {clock}"
    if (today - day).days == 1:
        return f"yesterday at {clock}"
    if (today - day).days < 7:
        return f"on {day:%A} at {clock}"
    return f"on {day:%B} {day.day}"


class DoneSkill(Skill):
    """Served for the words above whatever the model read (it has no such intent)."""

    intents = ("note_done",)

    def handle(self, u: Understanding, ctx: SkillContext) -> Reply:
        now = ctx.clock()
        log = DoneLog(ctx.db)
        plain = " ".join(tokens(u.text))
        after = reminder_done(u.text, ctx)  # "Reminder: take your pills." "Okay, I took them."
        if after is not None and after[2] is not None:
            ctx.timers.dismiss_ringing()
        told = [after[:2]] if after is not None else told_done(u.text)
        if told:  # "I took my pills and fed the cat": one note each
            noted = [log.add(verb, what, now) for verb, what in told]
            said = say_list([f"{_FORMS[d.verb][0]} {to_you(d.what)}" for d in noted])
            return Reply(f"Okay, noted: you {said} at {say_clock(now)}.", "done_noted",
                         (("id", str(noted[0].id)), ("ids", ",".join(str(d.id) for d in noted)),
                          ("verb", noted[0].verb), ("what", noted[0].what)))
        asked = _DAY_LOG.fullmatch(plain)
        if asked:  # "what have I done today"
            first, span = _since(asked["span"] or "", now)
            days = log.since(first)
            if span == "since yesterday":  # "what did I do yesterday": that day only
                span, days = "yesterday", [d for d in days if dt.date.fromtimestamp(d.at) == first]
            if not days:
                return Reply(f"You haven't told me of anything done {span}.", "say", (("done", "0"),))
            said = say_list([f"{_FORMS[d.verb][0]} {to_you(d.what)} {_said_when(d, now)}" for d in days[:5]])
            return Reply(f"You told me you {said}.", "say", (("done", str(len(days))),))
        untold = _UNTOLD.fullmatch(plain)
        if untold:  # "I didn't take my pills" after "I took my pills" was noted today
            verb = _PAST.get(untold["past"] or untold["verb"], untold["verb"])
            today = [d for d in log.of(verb) if _key(d.what) & _key(untold["what"])
                     and dt.date.fromtimestamp(d.at) == dt.date.fromtimestamp(now)]
            if not today:
                return Reply(f"Okay. You haven't told me today that you {_FORMS[verb][0]} "
                             f"{to_you(untold['what'])}.", "say", (("done", "0"),))
            log.remove(today[0].id)
            return Reply(f"Okay, I took back that you {_FORMS[verb][0]} {to_you(today[0].what)} "
                         f"{_said_when(today[0], now)}.", "done_removed", (("removed", "1"),))
        m = _ASKED.fullmatch(plain)
        if m is None:
            return Reply("Sorry, I didn't catch what was done.", "clarify")
        verb = _PAST.get(m["verb"], m["verb"])
        key = _key(m["what"])
        seen = [d for d in log.of(verb) if _key(d.what) & key]
        did, what = _FORMS[verb][0], to_you(m["what"])
        if not seen:
            return Reply(f"You haven't told me that you {did} {what}. When you do, say: I {did} "
                         f"{m['what']}.", "say", (("done", "0"),))
        last = seen[0]
        first, span = _since(m["span"], now)
        # only what was said is known: "you told me", never "you did"
        who = "you told me you" if re.search(r"\b(?:did|have) (?:i|we)\b|^when", m[0]) else "someone told me they"
        if m["when"]:
            return Reply(f"You told me you {did} {what} {_said_when(last, now)}.", "say", (("done", "1"),))
        if dt.date.fromtimestamp(last.at) >= first:
            return Reply(f"Yes, {who} {did} {what} {_said_when(last, now)}.", "say", (("done", "1"),))
        return Reply(f"Not {span}, as far as I know. The last time was {_said_when(last, now)}.",
                     "say", (("done", "0"),))
