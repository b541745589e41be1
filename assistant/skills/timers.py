"""alarm_set / alarm_query / alarm_remove: alarms ("change my alarm to seven"), timers ("set a timer for
ten minutes", "pause the timer", a sleep timer) and reminders (:mod:`.reminders`).

HWU64 has no timer intent: a timer request arrives as alarm_set (or something near it), so the
word "timer" plus a duration in the text makes it a timer (see :func:`.timer_words.mentions_timer`,
which the dispatcher also uses to route timer requests that were classified elsewhere). Times
come from the ``time`` slot when the model normalised one ("HH:MM"), else from the text (``spoken.parse_clock``);
an hour said without am/pm means whichever comes next.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from .. import library
from ..errors import UsageError
from ..timers import next_on_days
from ..types import Reply, Understanding
from .agenda import day_offset_said, parse_days, say_day, when_spans
from .base import Skill, SkillContext
from .reminders import (REMIND_PREFIX, REPEAT_WORDS, about_words, asks_reminders, asks_time_of_day,
                        asks_when_to_remind, is_reminder, later_by_days, move_reminder, moves_reminder,
                        odd_repeat, place_reminder, reminders, remind, remind_before, reminder_subject, to_or_not,
                        remove_reminder, shopping_reminder)
from .spoken import (EXCEPT, _WEEKDAYS, EVERY_DAY, WEEKDAYS, WEEKENDS, first_day, first_number, iso_time,
                     next_occurrence, parse_clock, parse_duration, passed_today, repeat_days, say_clock,
                     say_count, say_duration, say_hm, say_list, say_repeat, say_time, tokens)
from .stopwatch import stopwatch_reply
from .timer_changes import pause_timers, rename_timer
from .timer_query import query_timers, say_alarm, say_timers
from .timer_words import (EXTEND, MUSIC_ALARM, PLAIN_ALARMS, RENAME, REPEATING, SHORTEN, SLEEP,
                          SNOOZE_S, SNOOZE_TIMER_S, alarm_music, alarm_name, asks_sleep_timer,
                          clock_of, correction_value, corrects, duration_of, mentions_timer, moves_alarm,
                          named_durations, named_in, names_other_alarm, names_running_timer, names_the_last,
                          own, pauses_timer, several_alarms, several_durations, timer_name,
                          woke_with_music)


def _food_said(u: Understanding) -> str:
    """The food the model tagged, as a timer's name when the words gave none ("set a timer from
    a pasta for 11 minutes", tiny.en's hearing of "for the pasta")."""
    food = next((s.text.lower().strip(" .,!?") for s in u.slots if s.type == "food_type"), "")
    return food if re.fullmatch(r"[a-z]{3,}", food) else ""


_BACK_ON = re.compile(r"\b(?:turn|switch|put|set) (?:my |the )?alarm back on\b|\b(?:re-?enable|reactivate|"
                      r"re-?activate) (?:my |the )?alarm\b")


def _at_clock(ts: float, clock: tuple[int, int, bool]) -> bool:
    """Is epoch ``ts`` at the clock time said ("7 am"; a bare "7" either 7 AM or PM)?"""
    t = dt.datetime.fromtimestamp(ts)
    return t.minute == clock[1] and (t.hour == clock[0] if clock[2] else t.hour % 12 == clock[0] % 12)


def _titled_days(said: str) -> str:
    """"on friday" → "on Friday", "every mondays" → "every Mondays" (said back in a question)."""
    return re.sub(rf"\b(?:{'|'.join(_WEEKDAYS)})", lambda m: m[0].title(), said)


class TimerSkill(Skill):
    intents = ("alarm_set", "alarm_query", "alarm_remove")

    def handle(self, u: Understanding, ctx: SkillContext) -> Reply:
        watch = stopwatch_reply(u.text, ctx)  # "start a stopwatch" (the model: play_audiobook)
        if watch is not None:
            return watch
        renamed = RENAME.fullmatch(" ".join(tokens(u.text)))
        if renamed:  # "rename the pasta timer to noodles" (didn't catch that)
            return rename_timer(renamed, ctx)
        name = names_the_last(u.text, ctx.last_reply)
        if name:  # "it's for the pasta" right after "Timer set for 20 minutes."
            t = ctx.timers.relabel(int(dict(ctx.last_reply.detail)["id"]), name)
            if t is not None:
                return Reply(f"Okay, it's your {name} {t.kind}.", f"{t.kind}_change",
                             (("id", str(t.id)), ("label", name)))
        if corrects(u.text, ctx.last_reply):
            return self.correct(u, ctx)
        paused = pauses_timer(u.text)
        if paused is not None:
            reply = pause_timers(paused, u, ctx)
            if reply is not None:
                return reply
        if moves_reminder(u.text):  # "move my medicine reminder to 9" (a calendar entry)
            return move_reminder(u, ctx, _near)
        if moves_alarm(u.text) and not mentions_timer(u.text) and not is_reminder(u.text):
            return self.move(u, ctx)
        if u.intent == "alarm_query":
            return query_timers(u, ctx)
        if u.intent == "alarm_remove":
            return self.remove(u, ctx)
        return self.set(u, ctx)

    # ------------------------------------------------------------------ set
    def set(self, u: Understanding, ctx: SkillContext) -> Reply:
        now = ctx.clock()
        text = u.text.lower()
        placed = shopping_reminder(u, ctx) or place_reminder(u) or remind_before(u, ctx)
        if placed is not None:  # "remind me when I get home to call mom", "... before my meeting"
            return placed
        seconds = duration_of(u)
        said = parse_clock(text) if mentions_timer(text) and not seconds else None
        if said and not said[2] and not re.search(r"\b(?:at|alarm|until|till|o'?clock)\b", text):
            # "a timer for 1:30" is 1 minute 30, as a kitchen timer shows it ("one thirty", "seven": minutes)
            seconds = (said[0] % 12 or 12) * 60.0 + said[1]
        alarms = own(ctx, "alarm")
        if alarms and _BACK_ON.search(text):  # "turn my alarm back on" (it asked for a time)
            return Reply(f"Your alarm is on, at {say_alarm(alarms[0], now)}.", "say",
                         (("alarms", str(len(alarms))),))
        if is_reminder(text) and seconds and day_offset_said(text):
            seconds = None  # "three weeks before thanksgiving" is a day (the model: a duration)
        if is_reminder(text) and not seconds:
            seconds = later_by_days(text, now)  # "remind me in two weeks to ..."
        clock = clock_of(u)
        if asks_sleep_timer(text):
            if clock is not None and not seconds:  # "turn off the music at nine"
                seconds = next_occurrence(clock[0], clock[1], now, clock[2], u.text) - now
            playing = ctx.player.current
            if not seconds and playing is not None and re.search(
                    r"\bafter (?:this|the current|the|that) (?:song|track|one|episode|chapter)\b|\b(?:when|once) "
                    r"(?:this|the|that) (?:song|track|one|episode|chapter) (?:ends|finishes|is over|is done)\b|"
                    r"\bat the end of (?:this|the) (?:song|track|episode|chapter)\b", text):
                # "stop after this song" asked "When should I stop the music?"
                seconds = max(1.0, (playing.duration_s or 0.0) - ctx.player.status().position_s)
                reply = self.sleep(seconds, ctx)
                what = re.search(r"\b(song|track|one|episode|chapter)\b", text)[1]
                stops = "the music" if playing.kind == "music" else "playing"  # a book is no music
                return dataclasses.replace(reply, text=f"Okay, I'll stop {stops} after this {what}.")
            return self.sleep(seconds, ctx, clock is not None)
        bare_in = re.search(r"\bin (\d+|[a-z]+)[.!?]?$", text)
        n = first_number(bare_in[1]) if bare_in and is_reminder(text) and not seconds else None
        if n and 0 < n <= 180 and not re.search(r"\bat\b", text):
            # "remind me to call mom in 10": ten minutes (read as 10 AM, with "in 10" as the errand)
            seconds, clock = n * 60.0, None
            u = dataclasses.replace(u, text=f"{u.text[:bare_in.start()].rstrip()} in {n:g} minutes")
        odd = odd_repeat(text) if is_reminder(text) else None
        if odd and not seconds and not clock:
            every = re.sub(r"^(?:every|each)\s*", "", odd)
            if re.fullmatch(r"(?:half )?(?:minute|min|hour)s?", every):  # "every hour": one, in an hour
                seconds = parse_duration(f"in an {every}" if every.startswith("hour") else f"in a {every}")
            else:  # "remind me every month to pay rent"
                return Reply(f"I can only repeat reminders every day or on days of the week, not {odd}.",
                             "say", (("repeat", odd),))
        if is_reminder(text) and (seconds or clock):
            return remind(u, ctx, seconds, clock)
        vague = asks_time_of_day(text) if not seconds and not clock else None
        if vague:  # "remind me after lunch to take my medicine": what time is that?
            day = parse_days(text, dt.date.fromtimestamp(now))
            said = "" if day is None else f" {say_day(day[0], dt.date.fromtimestamp(now))}"
            what = reminder_subject(re.sub(re.escape(vague), " ", " ".join(tokens(u.text))))
            return Reply(f"What time{said} {vague} should I remind you?", "clarify",
                         (("need", "time"), ("then", f"remind me{said} {{}} {vague} {to_or_not(what)}{what}")))
        if is_reminder(text) and not seconds and not clock and not asks_when_to_remind(text, ctx):
            # "When should I remind you?" "Tomorrow.": a reminder on that day, at what time?
            said = " ".join(" ".join(tokens(text)[a:b]) for a, b in when_spans(tokens(text)))
            said = _titled_days(said)
            if said.lower() in _WEEKDAYS:  # "call grandma saturday": "What time on Saturday"
                said = f"on {said}"
            if day_offset_said(text) or re.search(r"\d", said):
                # "three weeks before thanksgiving": the day it comes to; "june 3rd", not "june 3 rd"
                day = parse_days(text, dt.date.fromtimestamp(now))[0]
                said = f"on {day:%A}, {day:%B} {day.day}"
            what = reminder_subject(u.text)
            return Reply(f"What time {said} should I remind you?".replace("  ", " "), "clarify",
                         (("need", "time"), ("then", f"remind me {said} {{}} {to_or_not(what)}{what}")))
        if asks_when_to_remind(text, ctx):  # "remind me to buy milk"
            days = REPEAT_WORDS.search(text)  # "every monday": kept for when the time comes
            what = reminder_subject(REPEAT_WORDS.sub(" ", u.text) if days else u.text)
            every = _titled_days(f" {days[0].lower()}") if days else ""
            return Reply(f"What time{every} should I remind you?" if days else
                         "When should I remind you?", "clarify",
                         (("need", "time"), ("then", f"remind me {{}}{every} {to_or_not(what)}{what}")))
        timers = own(ctx, "timer")
        more, less = EXTEND.search(text), SHORTEN.search(text)
        if seconds and timers and (more or less) and "alarm" not in text:
            # "add five minutes to the pasta timer", "knock two minutes off the pasta"
            target = (named_in(timers, text) or timers)[0]
            name = f"{target.label} " if target.label and not target.label.startswith(REMIND_PREFIX) else ""
            left = target.remaining(now)
            if not more and seconds >= left:  # it would be over: say so, change nothing
                return Reply(f"Your {name}timer only has {say_duration(max(1.0, left))} left.", "say",
                             (("id", str(target.id)),))
            t = ctx.timers.extend(target.id, seconds if more else -seconds)
            if t is not None:
                done = "Added" if more else "Took off"
                return Reply(f"{done} {say_duration(seconds)}. Your {name}timer has "
                             f"{say_duration(max(1.0, t.remaining(now)))} left.", "timer_extend",
                             (("id", str(t.id)), ("due_at", iso_time(t.due_at))))
        if (mentions_timer(text) and not (clock and not seconds)) or (
                seconds and not clock and "alarm" not in text and "wake" not in text):
            if not seconds:
                return Reply("For how long should I set the timer?", "clarify",
                             (("need", "duration"),))
            several = named_durations(text) or [("", secs) for secs in several_durations(text)]
            if len(several) >= 2:  # "eight minutes for the eggs and fifteen for the rice"
                ids = [ctx.timers.add_timer(secs, now, name).id for name, secs in several]
                said = say_list([f"{name} for {say_duration(secs)}" if name else f"one for {say_duration(secs)}"
                                 for name, secs in several])
                return Reply(f"{say_count(len(several), 'timer').capitalize()}: {said}.", "timer_set",
                             (("timers", str(len(several))), ("ids", ",".join(map(str, ids)))))
            name = timer_name(text) or _food_said(u)
            try:
                t = ctx.timers.add_timer(seconds, now, name)
            except UsageError:
                return Reply("Sorry, a timer can run for at most a week.", "say")
            said = f"{name.capitalize()} timer" if name else "Timer"
            return Reply(f"{said} set for {say_duration(seconds)}.", "timer_set",
                         (("id", str(t.id)), ("seconds", f"{seconds:g}"),
                          ("due_at", iso_time(t.due_at))))
        several = several_alarms(u.text) if clock is not None and not seconds else []
        if several:  # "alarms for 6 and 6:30": one each, said together
            done = [self.set(dataclasses.replace(u, text=part, slots=()), ctx) for part in several]
            each = [re.fullmatch(r"Alarm set for (.+)\.", r.text) for r in done]
            said = (f"Alarms set for {say_list([m[1] for m in each])}." if all(each)
                    else " ".join(r.text for r in done))
            ids = [dict(r.detail)["id"] for r in done if "id" in dict(r.detail)]
            return Reply(said, "alarm_set", (("alarms", str(len(done))), ("ids", ",".join(ids))))
        days = repeat_days(text) if clock is not None else None
        if clock is None and seconds:
            at = now + seconds  # "wake me up in eight hours"
        elif clock is not None:
            h, m, sure = clock
            if days and not sure and not re.search(r"\b(?:evening|night|tonight|afternoon)\b", text):
                h, sure = h % 12, True  # "seven every weekday" is a wake-up, not 7 PM today
            # the first of its days: a repeating alarm's day names are its days, not one day
            at = next_occurrence(h, m, now, sure, "" if days else u.text)
            if days and str(dt.date.fromtimestamp(at).weekday()) not in days:
                at = next_on_days(at, days)
        else:
            return Reply("What time should I set the alarm for?", "clarify", (("need", "time"),))
        name = alarm_name(text)
        label = name or ("wake up" if "wake" in text else "")
        music = alarm_music(text, lambda: library.tracks(ctx.db, kind="music"))
        if music is not None:  # "wake me up with jazz at seven": it plays, it does not ring
            label = MUSIC_ALARM + music
        same = [a for a in own(ctx, "alarm") if abs(a.due_at - at) < 30 and a.repeat == (days or "")]
        if same:  # "set an alarm for seven" twice made two 7 AM alarms, listed as such
            return Reply(f"You already have an alarm at {say_alarm(same[0], now)}.", "say",
                         (("id", str(same[0].id)), ("due_at", iso_time(same[0].due_at))))
        t = ctx.timers.add_alarm(at, now, label, repeat=days or "")
        said = (f"{passed_today(text, at, now)}{name.capitalize() + ' alarm' if name else 'Alarm'} "
                f"set for {say_clock(at, now)}.")
        if days:
            said = (f"{name.capitalize() + ' alarm' if name else 'Alarm'} set for "
                    f"{say_time(dt.datetime.fromtimestamp(at).time())} {say_repeat(days)}, "
                    f"starting {first_day(at, now)}.")
        elif REPEATING.search(text):  # say so rather than quietly drop "every other day"
            said += " I can only repeat alarms on days of the week, so this one rings once."
        if music is not None:
            said += f" I'll wake you with {music or 'music'}."
        return Reply(said, "alarm_set",
                     (("id", str(t.id)), ("at", dt.datetime.fromtimestamp(at).strftime("%H:%M")),
                      ("due_at", iso_time(at))))

    def sleep(self, seconds: float | None, ctx: SkillContext, at_clock: bool = False) -> Reply:
        """A sleep timer: the music stops when it is due, nothing rings. One at a time.
        ``at_clock``: a time of day was said, and is said back."""
        if not seconds:
            return Reply("When should I stop the music?", "clarify",
                         (("need", "duration"), ("then", "set a sleep timer for {}")))
        for t in own(ctx, "timer"):
            if t.label == SLEEP:
                ctx.timers.cancel(t.id)
        t = ctx.timers.add_timer(seconds, ctx.clock(), SLEEP)
        when = f"at {say_clock(t.due_at, ctx.clock())}" if at_clock else f"in {say_duration(seconds)}"
        return Reply(f"Okay, I'll stop the music {when}.", "sleep_timer",
                     (("id", str(t.id)), ("due_at", iso_time(t.due_at))))

    def stop_after(self, reply: Reply, said: str, ctx: SkillContext) -> Reply:
        """``reply`` to a play command that said how long ("for 20 minutes", "until 11") with a
        sleep timer for then: "Playing jazz, .... I'll stop the music in 20 minutes."."""
        now = ctx.clock()
        clock = parse_clock(said.replace("until", "at", 1)) if said.startswith("until") else None
        seconds = parse_duration(said) if clock is None else \
            next_occurrence(clock[0], clock[1], now, clock[2], said) - now
        if not seconds:
            return reply
        timer = self.sleep(seconds, ctx, clock is not None)
        return Reply(f"{reply.text} {timer.text.replace('Okay, I', 'I', 1)}", reply.action,
                     reply.detail + timer.detail[1:])

    def correct(self, u: Understanding, ctx: SkillContext) -> Reply:
        """The timer or alarm just set, changed: "make it fifteen" keeps the unit said before
        (ten minutes → fifteen minutes), "make that seven thirty" keeps the alarm's morning."""
        now = ctx.clock()
        value = correction_value(u.text)
        detail = dict(ctx.last_reply.detail)
        said = detail.get("id", "")
        t = ctx.timers.get(int(said)) if said.isdigit() else None
        if not said:  # "what are my reminders?" "You have one reminder: ..." "Move it to six."
            only = reminders(ctx) if "reminders" in detail else own(ctx, "alarm")
            t = only[0] if len(only) == 1 else None
        if t is None or t.state != "pending":
            return Reply("There's nothing to change: it has already rung.", "say")
        what = t.label[len(REMIND_PREFIX):] if t.label.startswith(REMIND_PREFIX) else None
        if t.kind == "alarm":
            clock = parse_clock(f"at {value}")
            if clock is None:
                return Reply("What time should the alarm be?", "clarify",
                             (("need", "time"), ("then", "change my alarm to {}")))
            at = _near(t.due_at, clock, now)
            ctx.timers.move(t.id, at)
            text = (f"Okay, I'll remind you{about_words(what)} at {say_clock(at, now)} instead."
                    if what is not None else f"Okay, your alarm is now at {say_clock(at, now)}.")
            return Reply(text, "reminder_change" if what is not None else "alarm_change",
                         (("id", str(t.id)), ("due_at", iso_time(at))))
        seconds = parse_duration(value)
        if seconds is None and first_number(value):
            before = t.duration_s or 60.0
            unit = 3600 if before % 3600 == 0 else 60 if before % 60 == 0 else 1
            seconds = first_number(value) * unit
        if not seconds:
            return Reply("For how long should the timer be?", "clarify",
                         (("need", "duration"), ("then", "set a timer for {}")))
        ctx.timers.cancel(t.id)
        new = ctx.timers.add_timer(seconds, now, t.label)
        name = f"{t.label} " if t.label and what is None else ""
        text = (f"Okay, I'll remind you{about_words(what)} in {say_duration(seconds)} instead."
                if what is not None else f"Okay, your {name}timer is now {say_duration(seconds)}.")
        return Reply(text, "reminder_change" if what is not None else "timer_change",
                     (("id", str(new.id)), ("seconds", f"{seconds:g}"), ("due_at", iso_time(new.due_at))))

    # ------------------------------------------------------------------ pause
    def move(self, u: Understanding, ctx: SkillContext) -> Reply:
        """"Change my alarm to seven": the alarm named by its time or day ("my 6:30 alarm",
        "tomorrow's alarm"), else the next to ring, rings at the new time on its own day; a
        bare hour keeps to the old alarm's half of the day. "Push it back ten minutes" shifts it."""
        now = ctx.clock()
        low = " ".join(tokens(u.text))
        cut = list(re.finditer(r"\b(?:to|for|until|till)\b", low))
        head, tail = (low[:cut[-1].start()], low[cut[-1].end():]) if cut else (low, "")
        if not tail.strip() and "instead" in low:  # "make my alarm 7:30 instead"
            head, _, tail = low.partition("alarm")
            tail = tail.replace("instead", " ")
        shift = parse_duration(low) if re.search(r"\b(?:later|back|earlier|forward)\b", low) else None
        if shift and re.search(r"\bearlier\b|\bforward\b", low):
            shift = -shift
        new = parse_clock(f"at {tail.strip()}") if tail.strip() and not shift else None
        alarms = own(ctx, "alarm")
        if not alarms:
            if new is None:
                return Reply("You have no alarms to change.", "say", (("alarms", "0"),))
            return self.set(dataclasses.replace(u, text=f"set an alarm for {tail}"), ctx)
        old = parse_clock(head)
        days = parse_days(head, dt.date.fromtimestamp(now))
        pick = [a for a in alarms if old is not None and _matches(a.due_at, old)] or [
            a for a in alarms if days is not None
            and days[0] <= dt.date.fromtimestamp(a.due_at) <= days[1]] or alarms
        alarm = pick[0]
        to_day = parse_days(tail, dt.date.fromtimestamp(now)) if tail.strip() and not shift else None
        to_day = to_day[0] if to_day and to_day[0] == to_day[1] and not alarm.repeat else None
        ahead = parse_duration(tail) if not shift and re.search(r"\b(?:in|from now)\b", tail) else None  # "reset my
        if new is None and not shift and to_day is None and not ahead:  # alarm to go off in an hour" asked a time
            return Reply(f"What time should your {say_clock(alarm.due_at, now)} alarm ring "
                         "instead?", "clarify", (("need", "time"), ("then", "change my alarm to {}")))
        at = now + ahead if ahead else alarm.due_at + (shift or 0.0) if new is None else _near(alarm.due_at, new, now)
        if to_day is not None:  # "move my alarm to friday" (asked a time), "to 8 on saturday" (tomorrow)
            at = dt.datetime.combine(to_day, dt.datetime.fromtimestamp(at).time()).timestamp()
            if at <= now:
                return Reply(f"That's already past. Your alarm is still at {say_clock(alarm.due_at, now)}.",
                             "say", (("id", str(alarm.id)),))
        ctx.timers.move(alarm.id, at)
        text = f"Okay, your alarm is now at {say_clock(at, now)}"
        if len(alarms) > 1:
            text += f", instead of {say_clock(alarm.due_at, now)}"
        return Reply(text + ".", "alarm_change",
                     (("id", str(alarm.id)), ("at", dt.datetime.fromtimestamp(at).strftime("%H:%M")),
                      ("due_at", iso_time(at))))

    @staticmethod
    def snooze(ringing: list, ctx: SkillContext, seconds: float | None = None) -> Reply:
        """"Snooze" while something rings: each one rings again later, as what it was. An alarm
        or a reminder in 9 minutes (a reminder says its errand again), a kitchen timer in one
        minute: nine more minutes is long for food, and a timer is not woken from. ``seconds``:
        the while said ("snooze for five minutes", "ten more minutes")."""
        now = ctx.clock()
        kinds = {"reminder" if t.label.startswith(REMIND_PREFIX) else t.kind for t in ringing}
        for t in ringing:
            kitchen = t.kind == "timer" and not t.label.startswith(REMIND_PREFIX)
            delay = seconds or (SNOOZE_TIMER_S if kitchen else SNOOZE_S)
            if t.kind == "timer":
                ctx.timers.add_timer(delay, now, t.label)
            else:  # a repeating alarm's next ring is already pending: the snooze rings once
                ctx.timers.add_alarm(now + delay, now, t.label if t.label and t.label not in
                                     PLAIN_ALARMS else "snooze")
        if seconds:
            return Reply(f"Okay, I'll ring again in {say_duration(seconds)}.", "snooze",
                         (("dismissed", str(len(ringing))), ("for_s", f"{seconds:.0f}")))
        if kinds == {"timer"}:
            text = "Okay, I'll ring again in a minute."
        elif kinds == {"reminder"}:
            text = "I'll remind you again in 9 minutes."
        elif "timer" in kinds:
            text = "Snoozing: timers ring again in a minute, the rest in 9 minutes."
        else:
            text = "Snoozing for 9 minutes."
        return Reply(text, "snooze", (("dismissed", str(len(ringing))),))

    # ------------------------------------------------------------------ remove
    def remove(self, u: Understanding, ctx: SkillContext) -> Reply:
        now = ctx.clock()
        words = set(tokens(u.text))
        ringing = ctx.timers.ringing()
        if ringing and not names_other_alarm(u.text):
            n = ctx.timers.dismiss_ringing()
            if "snooze" in words:
                return self.snooze(ringing, ctx, parse_duration(u.text))
            return Reply("Okay, it's off.", "dismiss", (("dismissed", str(n)),))
        woke = woke_with_music(ctx) if "snooze" in words else None
        if woke is not None:  # the music of "wake me up with jazz" plays: it plays again later
            ctx.player.stop()
            delay = parse_duration(u.text) or SNOOZE_S
            ctx.timers.add_alarm(now + delay, now, woke.label)
            return Reply(f"Okay, the music again in {say_duration(delay)}.", "snooze",
                         (("for_s", f"{delay:.0f}"),))
        if "snooze" in words and not words & {"cancel", "delete", "remove", "off", "stop"}:
            # "snooze the reminder" said "You have no alarms to cancel."
            return Reply("Nothing is ringing.", "say")
        if asks_reminders(u.text):
            return remove_reminder(u, ctx)
        kind = "timer" if mentions_timer(u.text) or names_running_timer(u.text, ctx) else "alarm"
        items = own(ctx, kind)
        noun = kind
        if not items:
            return Reply(f"You have no {noun}s to cancel.", "say")
        named = named_in(items, u.text)
        but = EXCEPT.search(u.text.lower())
        said_at = parse_clock(u.text[but.end():]) if but and kind == "alarm" else None
        if said_at is not None:  # "cancel all alarms except the 7 am one" cancelled both
            named = [a for a in items if _at_clock(a.due_at, said_at)]
        if named and not but and "all" in words and len(named) < len(items):
            # "cancel all timer next step to the rise" (tiny.en: "except the rice") cancelled the rice
            one = f"the {named[0].label} {kind}" if named[0].label else f"that {kind}"
            return Reply(f"To be safe I changed nothing: say cancel all {kind}s, or cancel {one}.", "clarify")
        if named and but:  # "cancel all timers except the rice" cancelled the rice
            kept = named_in(items, u.text[but.end():]) or named
            gone = [t for t in items if t not in kept]
            for t in gone:
                ctx.timers.cancel(t.id)
            left = say_list([f"the {t.label} {kind}" if t.label else f"the {kind}" if kind == "timer"
                             else f"the {say_time(dt.datetime.fromtimestamp(t.due_at).time())} alarm" for t in kept])
            return Reply(f"Cancelled {say_count(len(gone), kind)}. {left[0].upper()}{left[1:]} "
                         f"{'is' if len(kept) == 1 else 'are'} still on.", f"{kind}_remove",
                         (("removed", str(len(gone))),))
        if named and (kind == "alarm" or len(named) < len(items) or len(items) == 1) \
                and named[0].label != SLEEP:  # "cancel the pasta timer"
            for t in named:
                ctx.timers.cancel(t.id)
            what = ("snooze" if named[0].label == "snooze" else f"{named[0].label} {kind}")
            return Reply(f"Cancelled the {what}.", f"{kind}_remove", (("removed", str(len(named))),))
        seconds = duration_of(u) if kind == "timer" else None
        hits = [t for t in items if seconds and t.duration_s and abs(t.duration_s - seconds) < 1]
        if hits and len(hits) < len(items):  # "cancel the ten minute timer"
            for t in hits:
                ctx.timers.cancel(t.id)
            return Reply(f"Cancelled the timer set for {say_duration(seconds)}.", "timer_remove",
                         (("removed", str(len(hits))),))
        if kind == "alarm":  # "skip tomorrow's alarm"; "cancel all my alarms tomorrow" cancelled Wednesday's too
            skipped = self._skip_day(u, ctx, items)
            if skipped is not None:
                return skipped
        everything = bool(words & {"all", "every", "everything"}) or (
            f"{kind}s" in words and clock_of(u) is None and not named)  # "delete my alarms"
        said_name = timer_name(u.text) if kind == "timer" else ""
        unnamed = [t for t in items if not t.label]
        if not everything and said_name and said_name not in ("sleep", "kitchen", "current") \
                and len(unnamed) == 1:  # "cancel the egg timer": the one without a name
            ctx.timers.cancel(unnamed[0].id)
            return Reply("Timer cancelled.", "timer_remove", (("removed", "1"),))
        if not everything and not named and (said_name and said_name not in ("sleep", "kitchen",
                                                                          "current")
                                             and not unnamed or seconds and not hits):
            # "cancel the pasta timer" with only a rice timer running cancelled the rice one
            what = (f"{'an' if said_name[0] in 'aeiou' else 'a'} {said_name} timer" if said_name
                    else f"a timer set for {say_duration(seconds)}")
            return Reply(f"You don't have {what}. {say_timers(items, now)}", "say")
        clock = clock_of(u) if kind == "alarm" else None
        if clock is not None and not everything:
            hits = [a for a in items if _matches(a.due_at, clock)]
            if hits:
                for a in hits:
                    ctx.timers.cancel(a.id)
                return Reply(f"Cancelled the alarm for {say_clock(hits[0].due_at, now)}.",
                             "alarm_remove", (("removed", str(len(hits))),))
            # "cancel the alarm for six" with one at seven cancelled the seven o'clock one
            times = say_list([say_alarm(a, now) for a in items[:3]])
            return Reply(f"You have no alarm at {say_hm(clock)}. Your "
                         f"{'alarm is' if len(items) == 1 else 'alarms are'} at {times}.", "say")
        by_days = _by_days(items, words) if kind == "alarm" else None
        if by_days is not None:  # "turn off my weekend alarms" cancelled the weekday one
            word, named_days = by_days
            if not named_days:
                times = say_list([say_alarm(a, now) for a in items[:3]])
                verb = "alarm is" if len(items) == 1 else "alarms are"
                return Reply(f"You have no {word} alarm. Your {verb} at {times}.", "say")
            for a in named_days:
                ctx.timers.cancel(a.id)
            return Reply(f"Cancelled the alarm for {say_alarm(named_days[0], now)}.", "alarm_remove",
                         (("removed", str(len(named_days))),))
        if kind == "alarm" and len(items) == 1 and not everything and clock is None and re.search(
                r"\b(?:am|pm|a\.m|p\.m|o'clock|\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b",
                u.text.lower()):  # "Cancel my free pm alarm.", "Remove my six ml arm." (tiny.en) cancelled the one at 7
            return Reply(f"Your alarm is at {say_alarm(items[0], now)}. Cancel it?", "confirm_first",
                         (("confirm", "cancel my alarm"), ("confirm_intent", "alarm_remove")))
        if everything or len(items) == 1:
            for t in items:
                ctx.timers.cancel(t.id)
            n = len(items)
            text = f"{noun.capitalize()} cancelled." if n == 1 else f"Both {noun}s cancelled." \
                if n == 2 else f"All {n} {noun}s cancelled."
            if n == 1 and items[0].label == SLEEP:
                text = "Sleep timer cancelled. The music will keep playing."
            return Reply(text, f"{kind}_remove", (("removed", str(n)),))
        if words & {"next", "latest", "last", "first", "soonest"}:
            t = items[0]
            if re.search(r"\b(?:last|latest|newest|just)\b.*\b(?:set|made|started|added|created)\b",
                         u.text.lower()):  # "the last timer I set": the newest, not the soonest
                t = max(items, key=lambda x: x.id)
            ctx.timers.cancel(t.id)
            what = (f"timer set for {say_duration(t.duration_s)}" if kind == "timer" and t.duration_s
                    else f"{noun} for {say_clock(t.due_at, now)}")
            return Reply(f"Cancelled the {what}.", f"{kind}_remove", (("removed", "1"),))
        return Reply(f"You have {say_count(len(items), noun)}. Which one should I cancel, or should "
                     f"I cancel all of them?", "clarify", (("need", "which"),))

    @staticmethod
    def _skip_day(u: Understanding, ctx: SkillContext, items: list) -> Reply | None:
        """"Skip tomorrow's alarm", "cancel my alarm on Monday", "skip the next alarm": that
        day's alarms are off; a repeating one keeps its series and rings on its next day (the
        whole series was cancelled). None when no single day is named."""
        now = ctx.clock()
        today = dt.date.fromtimestamp(now)
        said = re.sub(r"'s\b", "", u.text)  # "tomorrow's alarm"
        words = set(tokens(said))
        days = parse_days(said, today) if words & _DAY_NAMES else None
        if days is None and "next" in words and re.search(r"\bskip", u.text.lower()):
            days = (dt.date.fromtimestamp(items[0].due_at),) * 2
        if days is None or days[0] != days[1]:
            return None
        hits = [a for a in items if dt.date.fromtimestamp(a.due_at) == days[0]]
        when = say_day(days[0], today)
        if len(hits) > 1 and not words & {"all", "every", "both", "alarms"}:
            # "turn off my alarm for tomorrow" with three that day turned off all three unasked
            times = say_list([say_time(dt.datetime.fromtimestamp(a.due_at).time()) for a in hits])
            return Reply(f"You have {say_count(len(hits), 'alarm')} {when}, at {times}. Turn off "
                         f"{'both' if len(hits) == 2 else 'all of them'}?", "confirm_first",
                         (("confirm", f"cancel all my alarms {when}"), ("confirm_intent", "alarm_remove")))
        if not hits:
            later = [a for a in items if a.repeat and str(days[0].weekday()) in a.repeat
                     and days[0] > dt.date.fromtimestamp(a.due_at)]
            if later:  # a later ring of a series: only its next one is kept as a row to move
                return Reply(f"I can only skip the next ring of a repeating alarm, and yours is "
                             f"next at {say_clock(later[0].due_at, now)}.", "say", (("alarms", "1"),))
            return Reply(f"You have no alarm {when}. The next one is at "
                         f"{say_clock(items[0].due_at, now)}.", "say", (("alarms", "0"),))
        again = []
        for a in hits:
            if a.repeat:
                again.append(ctx.timers.move(a.id, next_on_days(a.due_at, a.repeat)))
            else:
                ctx.timers.cancel(a.id)
        text = f"Okay, no alarm {when}."
        if again:
            text += f" It rings again at {say_clock(again[0].due_at, now)}."
        return Reply(text, "alarm_remove", (("removed", str(len(hits) - len(again))),
                                            ("skipped", str(len(again)))))


_DAY_NAMES = {"today", "tomorrow", "tonight", *_WEEKDAYS}


def _near(old: float, clock: tuple[int, int, bool], now: float) -> float:
    """``clock`` on the old alarm's day, the reading nearest the old time for a bare hour (6:30 AM
    "to seven" is 7 AM); the next such time when that has passed."""
    h, m, sure = clock
    day = dt.datetime.fromtimestamp(old).date()
    cands = [dt.datetime.combine(day, dt.time(x, m)).timestamp()
             for x in ([h] if sure else [h % 12, h % 12 + 12])]
    cands = [c for c in cands if c > now]
    if not cands:
        return next_occurrence(h, m, now, sure)
    return min(cands, key=lambda c: abs(c - old))


def _matches(ts: float, clock: tuple[int, int, bool]) -> bool:
    t = dt.datetime.fromtimestamp(ts)
    h, m, sure = clock
    return t.minute == m and (t.hour == h if sure else t.hour % 12 == h % 12)


def _by_days(items: list, words: set[str]) -> tuple[str, list] | None:
    """The alarms a day word names: "my weekend alarm", "the weekday one", "my daily alarm" →
    ("weekend", those alarms); None when no such word is said."""
    for word, days in (("weekend", WEEKENDS), ("weekends", WEEKENDS), ("weekday", WEEKDAYS),
                       ("weekdays", WEEKDAYS), ("daily", EVERY_DAY)):
        if word in words:
            return word.rstrip("s"), [a for a in items if a.repeat == days]
    return None
