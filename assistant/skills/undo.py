"""Taking back what was just done: "cancel that", "undo that", "scratch that" right after a
timer, an alarm or a reminder was set or changed, items went on or came off a list, or a list
was cleared or deleted.

Before, "actually cancel that" after "Okay, your timer is now 15 minutes." answered "Okay." and
the timer ran on; "undo that" was "Sorry, I didn't catch that."
"""

from __future__ import annotations

import re

from ..agenda import Agenda
from ..done import DoneLog
from ..lists import Lists
from ..types import Reply
from .base import SkillContext
from .lists import ListsSkill, just_added
from .reminders import REMIND_PREFIX
from .spoken import say_list, tokens

_UNDO = re.compile(r"(?:(?:no|oh|oops|actually|wait|sorry|um|uh|hmm|never mind|nevermind) )*"
                   r"(?:undo(?: that| it)?|cancel(?: that| it)?|delete (?:that|it)|remove (?:that|it)|"
                   r"take (?:that|it) (?:off|back)|"
                   r"scratch that|forget (?:that|it))(?: please| then)?")
UNDOABLE = ("timer_set", "alarm_set", "reminder_set", "timer_change", "alarm_change",
            "reminder_change", "list_add", "list_remove", "list_clear", "list_delete", "done_noted",
            "calendar_add")
_PUT_BACK = re.compile(r"(?:(?:no|oh|oops|actually|wait|sorry) )*put (?:it|that|them|those) back(?: on(?: the list| it| there)?)?"
                       r"(?: please)?")
"""Right after "Removed eggs from your shopping list.": the same as "undo"."""
_NOT_DONE = re.compile(r"(?:(?:no|oh|wait|sorry|actually) )*(?:i (?:didn't|did not|haven't|have not)(?: yet)?|"
                       r"not yet)(?: sorry)?")
"""Said right after "Okay, noted: you took your pills": it was not done after all."""


def undoes(text: str, last: Reply | None) -> bool:
    """Is ``text`` "cancel that" said right after something it can take back?"""
    said = " ".join(tokens(text))
    return (last is not None and last.action in UNDOABLE
            and (bool(_UNDO.fullmatch(said)) or last.action == "done_noted" and bool(_NOT_DONE.fullmatch(said))
                 or last.action == "list_remove" and bool(_PUT_BACK.fullmatch(said))))


def undo(ctx: SkillContext) -> Reply:
    """Take back ``ctx.last_reply``'s action (see :func:`undoes`)."""
    d = dict(ctx.last_reply.detail)
    if ctx.last_reply.action == "list_add":  # as the lists skill takes back "remove that"
        added = just_added(ctx)
        if added is None:
            return Reply("There was nothing new on the list to take off.", "say")
        return ListsSkill().remove(Lists(ctx.db), *added)
    if ctx.last_reply.action == "list_remove":  # "scratch that" after "Removed milk ...": back on
        back = [x for x in d.get("removed", "").split(", ") if x]
        if not back:
            return Reply("Nothing was taken off, so there's nothing to put back.", "say")
        back = Lists(ctx.db).add(d["list"], back, ctx.clock())
        return Reply(f"Okay, I put {say_list(back)} back on your {d['list']} list.", "list_add",
                     (("list", d["list"]), ("added", ", ".join(back))))
    if ctx.last_reply.action in ("list_clear", "list_delete"):  # "Please remove the list." (tiny.en) deleted it
        was = [x for x in d.get("was", "").split(", ") if x]
        store = Lists(ctx.db)
        store.create(d["list"], ctx.clock())
        store.add(d["list"], was, ctx.clock())
        said = (f"Okay, your {d['list']} list is back" + (f": {say_list(was)}." if was else ".")
                if ctx.last_reply.action == "list_delete" else f"Okay, I put {say_list(was)} back on your {d['list']} list.")
        return Reply(said, "list_add", (("list", d["list"]), ("added", ", ".join(was))))
    if ctx.last_reply.action == "done_noted":  # "I took my pills" "no I didn't"
        ids = (d.get("ids") or d["id"]).split(",")
        log = DoneLog(ctx.db)
        for i in ids:
            log.remove(int(i))
        return Reply("Okay, I took that back.", "done_removed", (("removed", str(len(ids))),))
    if ctx.last_reply.action == "calendar_add":  # "undo" right after "Added ... to your calendar."
        if not Agenda(ctx.db).remove(int(d["id"])):
            return Reply("That's already gone.", "say")
        return Reply(f"Okay, I took {d.get('title', 'that')} off your calendar.", "calendar_remove",
                     (("removed", "1"),))
    if d.get("ids"):  # "two timers: ..." or "Alarms set for ...", then "cancel that": both
        kind = "alarm" if ctx.last_reply.action.startswith("alarm") else "timer"
        gone = [i for i in d["ids"].split(",") if ctx.timers.cancel(int(i))]
        return Reply(f"Okay, I cancelled {'both' if len(gone) == 2 else 'those'} {kind}s." if gone
                     else "That's already gone.", f"{kind}_remove" if gone else "say",
                     (("removed", str(len(gone))),))
    t = ctx.timers.get(int(d["id"])) if d.get("id") else None
    if t is None or not ctx.timers.cancel(t.id):
        return Reply("That's already gone.", "say")
    what = "reminder" if t.label.startswith(REMIND_PREFIX) else t.kind
    return Reply(f"Okay, I cancelled that {what}.", f"{what}_remove", (("removed", "1"),))
