"""Timers and alarms through ``respond`` and the durable store: countdowns, clock times,
named and repeating alarms, restarts and missed rings. The test's clock: Monday 2 March 2026,
22:00, moved by the tests."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant import db as D, library
from assistant.timers import Timers
from assistant.skills.timer_words import ring_words

from .test_skills import ask, ctx, demo, recommender  # noqa: F401  (fixtures)


# ---------------------------------------------------------------------- timers and alarms


def test_timer_for_two_seconds_is_due_after_two_seconds(ctx):
    r = ask(ctx, "set a timer for two seconds", "alarm_set")
    assert r.action == "timer_set" and "2 seconds" in r.text
    ctx.clock.t += 1.9
    assert ctx.timers.due(ctx.clock()) == []
    ctx.clock.t += 0.2
    ringing = ctx.timers.due(ctx.clock())
    assert [t.kind for t in ringing] == ["timer"] and ctx.timers.ringing()
    assert ctx.timers.due(ctx.clock()) == []  # rings once
    r = ask(ctx, "stop", "general_commandstop")
    assert r.action == "dismiss" and not ctx.timers.ringing()
    assert ctx.timers.get(ringing[0].id).state == "done"


def test_timer_phrases_routed_from_other_intents(ctx):
    r = ask(ctx, "Set a timer for 10 minutes.", "calendar_set", confidence=0.3)
    assert r.action == "timer_set" and dict(r.detail)["seconds"] == "600"
    assert "10 minutes" in ask(ctx, "how long is left on my timer", "datetime_query").text
    r = ask(ctx, "cancel the timer", "general_commandstop")
    assert r.action == "timer_remove" and not ctx.timers.pending()


def test_alarm_at_seven_am_is_the_next_seven(ctx):
    r = ask(ctx, "wake me up at seven am", "alarm_set", slots=[("time", "seven am", "07:00")])
    assert r.action == "alarm_set" and r.text == "Alarm set for 7 AM tomorrow."
    (alarm,) = ctx.timers.pending("alarm")
    assert dt.datetime.fromtimestamp(alarm.due_at) == dt.datetime(2026, 3, 3, 7, 0)
    ctx.clock.t = dt.datetime(2026, 3, 3, 6, 0).timestamp()
    assert ask(ctx, "do i have an alarm set", "alarm_query").text == "Yes. You have one alarm, at 7 AM."
    ctx.clock.t = dt.datetime(2026, 3, 3, 7, 0, 1).timestamp()
    assert [t.id for t in ctx.timers.due(ctx.clock())] == [alarm.id]


def test_alarm_without_am_pm_takes_the_next_one_and_can_be_removed(ctx):
    ctx.clock.t = dt.datetime(2026, 3, 2, 10, 0).timestamp()
    ask(ctx, "set an alarm for seven", "alarm_set")
    ask(ctx, "set alarm for 6:30 am tomorrow", "alarm_set")
    due = sorted(dt.datetime.fromtimestamp(a.due_at) for a in ctx.timers.pending("alarm"))
    assert due == [dt.datetime(2026, 3, 2, 19, 0), dt.datetime(2026, 3, 3, 6, 30)]
    assert ask(ctx, "remove my alarm", "alarm_remove").action == "clarify"
    r = ask(ctx, "get rid of the seven pm alarm", "alarm_remove")
    assert r.action == "alarm_remove" and len(ctx.timers.pending("alarm")) == 1
    assert ask(ctx, "remove all alarms", "alarm_remove").action == "alarm_remove"
    assert ctx.timers.pending() == []


def test_timers_survive_reopening_the_database(tmp_path):
    now = 1_000_000.0
    with D.open_db(tmp_path / "a.db") as db:
        t = Timers(db).add_timer(600, now)
        a = Timers(db).add_alarm(now + 3600, now, "wake up")
    with D.open_db(tmp_path / "a.db") as db:
        timers = Timers(db)
        assert [x.id for x in timers.pending()] == [t.id, a.id]
        assert timers.pending("alarm")[0].label == "wake up"
        assert [x.id for x in timers.due(now + 601)] == [t.id]
    with D.open_db(tmp_path / "a.db") as db:  # ringing when it stopped: rings again after
        timers = Timers(db)
        assert timers.ringing() == [] and [x.id for x in timers.due(now + 602)] == [t.id]
        assert timers.dismiss_ringing() == 1 and [x.id for x in timers.pending()] == [a.id]


def test_long_overdue_alarm_is_missed_not_rung(tmp_path):
    with D.open_db(tmp_path / "a.db") as db:
        timers = Timers(db)
        a = timers.add_alarm(2000.0, 1000.0)
        assert timers.due(2000.0 + 2 * 3600) == []
        assert [x.id for x in timers.missed()] == [a.id] and timers.missed() == []


def test_snooze_while_ringing(ctx):
    ask(ctx, "set an alarm for ten thirty pm", "alarm_set", slots=[("time", "ten thirty pm", "22:30")])
    ctx.clock.t += 31 * 60
    assert ctx.timers.due(ctx.clock())
    r = ask(ctx, "snooze", "alarm_remove")
    assert r.action == "snooze" and r.text == "Snoozing for 9 minutes." and not ctx.timers.ringing()
    (snooze,) = ctx.timers.pending("alarm")
    assert snooze.due_at == pytest.approx(ctx.clock() + 540)
    r = ask(ctx, "cancel the snooze", "alarm_remove")  # the loop used to stop the music for it
    assert r.text == "Cancelled the snooze." and not ctx.timers.pending(), r


def test_snoozed_kitchen_timer_rings_again_in_a_minute_as_itself(ctx):
    """It used to become a 9-minute alarm: "Snoozing for 9 minutes" for the pasta."""
    ask(ctx, "set a pasta timer for one minute", "alarm_set")
    ctx.clock.t += 61
    assert ctx.timers.due(ctx.clock())
    r = ask(ctx, "snooze", "alarm_remove")
    assert r.action == "snooze" and r.text == "Okay, I'll ring again in a minute.", r
    assert not ctx.timers.pending("alarm")
    (again,) = ctx.timers.pending("timer")
    assert again.label == "pasta" and again.due_at == pytest.approx(ctx.clock() + 60)


def test_snoozed_reminder_keeps_its_errand(ctx):
    ask(ctx, "remind me in five seconds to take the pizza out", "calendar_set")
    ctx.clock.t += 6
    assert ctx.timers.due(ctx.clock())
    r = ask(ctx, "snooze", "alarm_remove")
    assert r.text == "I'll remind you again in 9 minutes.", r
    (again,) = ctx.timers.pending()
    assert "pizza" in again.label and again.due_at == pytest.approx(ctx.clock() + 540)


def test_a_repeating_alarm_rings_on_its_days_until_cancelled(ctx):
    """Monday 2 March 2026, 22:00: "six am every weekday" rings Tuesday, then leaves its next
    ring (Wednesday) pending; cancelling that one ends the series."""
    r = ask(ctx, "set an alarm for six every weekday", "alarm_set",
            slots=[("time", "six", "06:00"), ("general_frequency", "every", None)])
    assert r.text == "Alarm set for 6 AM every weekday, starting tomorrow.", r
    (a,) = ctx.timers.pending("alarm")
    assert a.repeat == "01234" and dt.datetime.fromtimestamp(a.due_at) == dt.datetime(2026, 3, 3, 6, 0)
    r = ask(ctx, "what alarms do i have", "alarm_query")
    assert r.text == "You have one alarm, at 6 AM every weekday.", r
    ctx.clock.t = dt.datetime(2026, 3, 3, 6, 0, 1).timestamp()
    assert [t.id for t in ctx.timers.due(ctx.clock())] == [a.id]
    assert ask(ctx, "stop", "general_commandstop").action == "dismiss"
    (nxt,) = ctx.timers.pending("alarm")
    assert dt.datetime.fromtimestamp(nxt.due_at) == dt.datetime(2026, 3, 4, 6, 0) and nxt.repeat == "01234"
    assert ask(ctx, "cancel my alarm", "alarm_remove").text == "Alarm cancelled."
    assert ctx.timers.pending() == []


def test_repeating_alarms_said_other_ways(ctx):
    r = ask(ctx, "wake me up at nine every weekend", "alarm_set", slots=[("time", "nine", "09:00")])
    assert r.text == "Alarm set for 9 AM every weekend, starting on Saturday.", r
    r = ask(ctx, "set an alarm for seven thirty pm every monday and thursday", "alarm_set")
    assert r.text == "Alarm set for 7:30 PM every Monday and Thursday, starting on Thursday.", r
    r = ask(ctx, "set an alarm for six am every other day", "alarm_set")  # not a weekday set
    assert r.text.endswith("so this one rings once.") and "6 AM" in r.text, r
    assert sorted(t.repeat for t in ctx.timers.pending("alarm")) == ["", "03", "56"]
    r = ask(ctx, "cancel my weekend alarm", "alarm_remove")
    assert r.text == "Cancelled the alarm for 9 AM every weekend.", r
    assert sorted(t.repeat for t in ctx.timers.pending("alarm")) == ["", "03"]


def test_a_repeating_alarm_missed_while_off_goes_on_from_its_next_day(tmp_path):
    mon = dt.datetime(2026, 3, 2, 7, 0).timestamp()  # a Monday
    with D.open_db(tmp_path / "a.db") as db:
        timers = Timers(db)
        a = timers.add_alarm(mon, mon - 60, repeat="0123456")
    with D.open_db(tmp_path / "a.db") as db:  # off from Monday to Thursday noon
        timers = Timers(db)
        thu_noon = dt.datetime(2026, 3, 5, 12, 0).timestamp()
        assert timers.due(thu_noon) == [] and [t.id for t in timers.missed()] == [a.id]
        (nxt,) = timers.pending()
        assert dt.datetime.fromtimestamp(nxt.due_at) == dt.datetime(2026, 3, 6, 7, 0)


def test_a_timer_asked_after_by_its_name_alone(ctx):
    ask(ctx, "set a timer for twenty minutes for the cake", "alarm_set")
    r = ask(ctx, "how's the cake doing", "cooking_recipe", confidence=0.56)  # was "recipes offline"
    assert r.text == "Your cake timer has 20 minutes left.", r
    r = ask(ctx, "add ten minutes to the cake", "lists_createoradd", confidence=0.43)  # was "add to a list?"
    assert r.text == "Added 10 minutes. Your cake timer has 30 minutes left.", r
    r = ask(ctx, "add cake to my shopping list", "lists_createoradd")  # a list command stays one
    assert r.action == "list_add", r


def test_what_was_that_and_remind_me_again(ctx):
    ask(ctx, "remind me in five seconds to take the pizza out", "calendar_set")
    ctx.clock.t += 6
    assert ctx.timers.due(ctx.clock())
    r = ask(ctx, "what was that", "general_quirky", confidence=0.51)  # was a stock quip
    assert r.text == "Reminder: take the pizza out.", r
    assert ctx.timers.ringing()  # the skill leaves it ringing (the loop quiets it, as it was answered)
    ask(ctx, "okay", "general_dontcare")
    assert not ctx.timers.ringing()
    r = ask(ctx, "remind me again in ten minutes", "calendar_set", confidence=0.72)
    assert r.text == "Okay, I'll remind you to take the pizza out in 10 minutes.", r  # was "to again"


@pytest.mark.parametrize("heard", ["Snooze.", "Please.", "Choose.", "Slose.", "Close.", "Snaise.",
                                   "Snays.", "Oose.", "Two."])
def test_snooze_said_alone_as_tiny_en_hears_it(ctx, heard):
    """How tiny.en hears a lone "Snooze." (Piper seeds 0-7 and espeak, loop prompt): each
    snoozes what rings; the same word with nothing ringing is left to the model."""
    ask(ctx, "set an alarm for ten thirty pm", "alarm_set", slots=[("time", "ten thirty pm", "22:30")])
    assert ask(ctx, heard, "unknown", confidence=0.2).action == "clarify"
    ctx.clock.t += 31 * 60
    assert ctx.timers.due(ctx.clock())
    r = ask(ctx, heard, "unknown", confidence=0.2)
    assert r.action == "snooze" and not ctx.timers.ringing(), r


@pytest.mark.parametrize("heard,intent", [("Pause.", "music_settings"), ("Boss.", "unknown"),
                                          ("Ours.", "unknown")])
def test_pause_while_ringing_silences_it(ctx, heard, intent):
    """"Pause." said to a ringing timer answered "Nothing is playing." and it rang on; tiny.en's
    "Boss." and "Ours." for it were ignored."""
    ask(ctx, "set a timer for one minute", "alarm_set")
    ctx.clock.t += 61
    assert ctx.timers.due(ctx.clock())
    r = ask(ctx, heard, intent, confidence=0.3)
    assert r.action == "dismiss" and not ctx.timers.pending() and not ctx.timers.ringing(), r


def test_im_up_silences_an_alarm_but_turn_it_up_does_not(ctx):
    ask(ctx, "set a timer for one minute", "alarm_set")
    ctx.clock.t += 61
    assert ctx.timers.due(ctx.clock())
    assert ask(ctx, "turn it up", "audio_volume_up").action == "volume"
    assert ctx.timers.ringing()
    r = ask(ctx, "Okay, I'm up.", "general_affirm", confidence=0.6)
    assert r.action == "dismiss" and not ctx.timers.ringing(), r


def test_another_one_right_after_a_timer_is_one_more_timer(ctx):
    """Found in a scripted conversation: "and another one for ten minutes for the rice" (the
    model: cooking_recipe 0.54) got "Sorry, I can't look up recipes offline yet."."""
    ask(ctx, "set a timer for twenty minutes for the chicken", "alarm_set")
    r = ask(ctx, "and another one for ten minutes for the rice", "cooking_recipe", confidence=0.54)
    assert r.action == "timer_set" and r.text == "Rice timer set for 10 minutes.", r
    assert sorted(t.label for t in ctx.timers.pending("timer")) == ["chicken", "rice"]
    r = ask(ctx, "set an alarm for seven tomorrow", "alarm_set", slots=[("time", "seven", "07:00")])
    r = ask(ctx, "and one more at eight", "alarm_set", confidence=0.4)
    assert r.action == "alarm_set" and "8 AM" in r.text, r
    assert len(ctx.timers.pending("alarm")) == 2
    r = ask(ctx, "another one", "general_joke")  # no time said: not a timer
    assert r.action != "timer_set", r
    # as tiny.en writes it: digits ("for 10 minutes" lost its number) and "M1 for 715"
    ask(ctx, "set a timer for 5 minutes", "alarm_set")
    r = ask(ctx, "And another one for 10 minutes.", "cooking_recipe", confidence=0.5)
    assert r.text == "Timer set for 10 minutes.", r
    ask(ctx, "set an alarm for six tomorrow morning", "alarm_set", slots=[("time", "six", "06:00")])
    r = ask(ctx, "M1 for 715.", "alarm_set", confidence=0.28)
    assert r.action == "alarm_set" and "7:15 AM" in r.text, r


def test_a_reminder_moved_and_its_time_kept_out_of_its_errand(ctx):
    """Found in a scripted conversation: Whisper wrote "call grandma at 5pm" as "call grandmart
    5pm", and the reminder was "to call grandmart 5 pm at 5 PM"; "move it to six" after hearing
    the reminders got "Sorry, I didn't catch that"."""
    r = ask(ctx, "remind me to call grandmart 5pm.", "calendar_set", slots=[("time", "5pm", "17:00")])
    assert r.text == "Okay, I'll remind you to call grandmart at 5 PM tomorrow.", r
    r = ask(ctx, "what are my reminders", "calendar_query")
    r = ask(ctx, "move it to six", "alarm_set", confidence=0.35)
    assert r.action == "reminder_change", r
    assert r.text == "Okay, I'll remind you to call grandmart at 6 PM tomorrow instead.", r
    (t,) = ctx.timers.pending()
    assert dt.datetime.fromtimestamp(t.due_at).hour == 18
    r = ask(ctx, "remind me in ten minutes to check the oven", "calendar_set")
    r = ask(ctx, "no make it fifteen", "alarm_set", confidence=0.5)
    assert r.text == "Okay, I'll remind you to check the oven in 15 minutes instead.", r


def test_a_reminder_is_said_back_in_the_listeners_words(ctx):
    """Found in a scripted conversation: "remind me to take my pills at eight" was answered
    "I'll remind you to take my pills", and rang as "Reminder: take my pills."."""
    r = ask(ctx, "remind me to take my pills at eight", "calendar_set",
            slots=[("time", "eight", "08:00")])
    assert r.text.startswith("Okay, I'll remind you to take your pills at 8 AM"), r
    (t,) = ctx.timers.pending()
    assert ring_words(t.kind, t.label) == "Reminder: take your pills."
    r = ask(ctx, "remind me in an hour that i am meeting sam about our trip", "calendar_set")
    assert "that you are meeting sam about your trip in 1 hour" in r.text, r
    r = ask(ctx, "cancel the reminder about my pills", "alarm_remove")
    assert r.text.startswith("Cancelled your reminder: take your pills"), r


def test_one_day_of_a_repeating_alarm_skipped(ctx):
    """Found in a scripted conversation: "skip tomorrow's alarm" with one alarm every weekday
    cancelled the series ("Alarm cancelled."), and while a timer rang it dismissed the timer."""
    ask(ctx, "set an alarm for six thirty every weekday", "alarm_set",
        slots=[("time", "six thirty", "06:30")])
    (a,) = ctx.timers.pending("alarm")  # Tuesday 3 March 2026, 6:30
    r = ask(ctx, "skip tomorrow's alarm", "alarm_remove", confidence=0.73, sentiment="negative")
    assert r.text == "Okay, no alarm tomorrow. It rings again at 6:30 AM on Wednesday.", r
    (b,) = ctx.timers.pending("alarm")
    assert b.repeat == "01234" and dt.datetime.fromtimestamp(b.due_at) == dt.datetime(2026, 3, 4, 6, 30)
    r = ask(ctx, "skip the next alarm", "alarm_remove")
    assert r.text == "Okay, no alarm on Wednesday. It rings again at 6:30 AM on Thursday.", r
    r = ask(ctx, "cancel tomorrow's alarm", "alarm_remove")
    assert r.text == "You have no alarm tomorrow. The next one is at 6:30 AM on Thursday.", r
    ask(ctx, "set a timer for five seconds", "alarm_set")
    ctx.clock.t += 6
    assert ctx.timers.due(ctx.clock())
    r = ask(ctx, "skip friday's alarm", "alarm_remove")  # names another: not a stop of the ring
    assert r.text == ("I can only skip the next ring of a repeating alarm, and yours is next at "
                      "6:30 AM on Thursday."), r
    assert ctx.timers.ringing() and len(ctx.timers.pending("alarm")) == 1


def test_which_one_answered_by_the_whole_command_again(ctx):
    """"Which one should I cancel?" answered "cancel my alarm on saturday" was read as one
    command glued to the first ("cancel an alarm cancel my alarm on saturday") and asked again."""
    ask(ctx, "set an alarm for six thirty every weekday", "alarm_set", slots=[("time", "six thirty", "06:30")])
    ask(ctx, "set an alarm for 9 am on saturday", "alarm_set", slots=[("time", "9 am", "09:00")])
    assert ask(ctx, "cancel an alarm", "alarm_remove").action == "clarify"
    r = ask(ctx, "cancel my alarm on saturday", "alarm_remove")
    assert r.text == "Okay, no alarm on Saturday.", r
    (a,) = ctx.timers.pending("alarm")
    assert a.repeat == "01234"


def test_set_a_reminder_is_remind_me(ctx):
    """Found in a scripted conversation: "set a reminder for friday at noon to call the bank" put
    "reminder on Friday at noon" on the calendar; the errand was lost."""
    r = ask(ctx, "Set a reminder for Friday at noon to call the bank.", "calendar_set",
            slots=[("date", "friday", "2026-03-06"), ("timeofday", "noon", "noon")])
    assert r.text == "Okay, I'll remind you to call the bank at noon on Friday.", r
    r = ask(ctx, "create a reminder in ten minutes to check the oven", "calendar_set")
    assert r.text == "Okay, I'll remind you to check the oven in 10 minutes.", r
    assert ask(ctx, "set a reminder to water the plants", "calendar_set").text == \
        "When should I remind you?"


@pytest.mark.parametrize("said,intent,seconds", [
    ("five more minutes", "alarm_set", 300),  # was "Alarm set for 5 AM tomorrow."
    ("give me ten more minutes", "alarm_set", 600),  # was "Alarm set for 10 AM tomorrow."
    ("snooze for five minutes", "alarm_remove", 300),  # was "Snoozing for 9 minutes."
])
def test_a_snooze_for_the_while_said(ctx, said, intent, seconds):
    """Found by sentences said to a ringing alarm through the model."""
    ask(ctx, "set an alarm for ten thirty pm", "alarm_set", slots=[("time", "ten thirty pm", "22:30")])
    ctx.clock.t += 31 * 60
    assert ctx.timers.due(ctx.clock())
    r = ask(ctx, said, intent, confidence=0.6)
    assert (r.action, r.text) == ("snooze", f"Okay, I'll ring again in {seconds // 60} minutes."), r
    (t,) = ctx.timers.pending()
    assert t.kind == "alarm" and round(t.due_at - ctx.clock()) == seconds


def test_a_timer_named_right_after_it_was_set(ctx):
    """Found in a scripted conversation: "It's for the pasta." right after "Timer set for 20
    minutes." (the model: takeaway_order 0.69) was let pass as talk in the room."""
    ask(ctx, "set a timer for twenty minutes", "alarm_set")
    r = ask(ctx, "It's for the pasta.", "takeaway_order", confidence=0.69)
    assert (r.action, r.text) == ("timer_change", "Okay, it's your pasta timer."), r
    (t,) = ctx.timers.pending("timer")
    assert t.label == "pasta" and ring_words(t.kind, t.label) == "Your pasta timer is done."
    r = ask(ctx, "what timers do i have", "calendar_query", confidence=0.85)  # "Your timer has"
    assert r.text == "Your pasta timer has 20 minutes left.", r
    r = ask(ctx, "It's for the pasta.", "takeaway_order", confidence=0.69)  # nothing just set
    assert r.action != "timer_change", r


def test_the_only_alarm_moved_after_hearing_it(ctx):
    ask(ctx, "set an alarm for six thirty am", "alarm_set", slots=[("time", "six thirty am", "06:30")])
    ask(ctx, "what alarms do i have", "alarm_query")
    r = ask(ctx, "push it to seven", "alarm_set", confidence=0.4)
    assert r.text == "Okay, your alarm is now at 7 AM tomorrow.", r


def test_two_timers_are_each_told(ctx):
    """"What timers do I have" with two said "The next one has ..." and left the other out."""
    ask(ctx, "set a pasta timer for eight minutes", "alarm_set")
    ask(ctx, "set a timer for ten minutes", "alarm_set")
    r = ask(ctx, "what timers do i have", "calendar_query", confidence=0.85)
    assert r.text == ("You have two timers: the pasta timer with 8 minutes left and one with "
                      "10 minutes left."), r


def test_a_repeating_reminder(ctx):
    """Found by a bank of sentences: "remind me every day at 8 to take my pills" was one reminder
    "to every day to take your pills at 8 AM tomorrow"."""
    r = ask(ctx, "remind me every day at 8 to take my pills", "calendar_set",
            slots=[("time", "8", "08:00")])
    assert r.text == "Okay, I'll remind you to take your pills at 8 AM every day.", r
    (t,) = ctx.timers.pending()
    assert t.repeat == "0123456" and ring_words(t.kind, t.label) == "Reminder: take your pills."
    r = ask(ctx, "what reminders do i have", "calendar_query")
    assert r.text == "You have one reminder: take your pills at 8 AM every day.", r
    ctx.clock.t += 11 * 3600  # Tuesday 9 AM: it rang, and the series goes on
    assert ctx.timers.due(ctx.clock())
    ctx.timers.dismiss_ringing()
    (nxt,) = ctx.timers.pending()
    assert dt.datetime.fromtimestamp(nxt.due_at) == dt.datetime(2026, 3, 4, 8, 0)


def test_cancel_that_takes_back_what_was_just_done(ctx):
    """Found by a bank of sentences: "actually cancel that" after "Okay, your timer is now 15
    minutes." said "Okay." and the timer ran on; "undo that" was "didn't catch that"."""
    ask(ctx, "set a timer for 10 minutes", "alarm_set")
    ask(ctx, "no wait make it 15", "iot_coffee", confidence=0.32)
    r = ask(ctx, "actually cancel that", "general_commandstop", confidence=0.99)
    assert (r.action, r.text) == ("timer_remove", "Okay, I cancelled that timer."), r
    assert ctx.timers.pending() == []
    ask(ctx, "remind me in an hour to call mom", "calendar_set")
    assert ask(ctx, "undo that", "lists_remove", confidence=0.35).text == \
        "Okay, I cancelled that reminder."
    ask(ctx, "add milk and eggs to my shopping list", "lists_createoradd")
    r = ask(ctx, "scratch that", "audio_volume_mute", confidence=0.24)
    assert r.text == "Removed milk and eggs from your shopping list.", r
    assert ask(ctx, "cancel that", "general_commandstop").action != "timer_remove"  # nothing to take back


def test_cancelling_a_reminder_it_does_not_have_keeps_the_one_it_has(ctx):
    """Found by a bank of sentences: with only "check the oven" set, "delete the reminder about
    the plumber" cancelled the oven's reminder (the one there was)."""
    ask(ctx, "remind me in five minutes to check the oven", "calendar_set")
    r = ask(ctx, "delete the reminder about the dentist", "calendar_remove", confidence=0.97)
    assert r.text == "You don't have a reminder about the dentist. You have one reminder: check " \
                     "the oven in 5 minutes.", r
    assert len(ctx.timers.pending()) == 1
    # one the calendar keeps is removed there
    ask(ctx, "remind me that the plumber comes tomorrow", "calendar_set")
    r = ask(ctx, "delete the reminder about the plumber", "calendar_remove", confidence=0.91)
    assert r.action == "calendar_remove" and "plumber" in r.text and len(ctx.timers.pending()) == 1
    r = ask(ctx, "cancel my reminder please", "calendar_remove")
    assert r.action == "reminder_remove" and ctx.timers.pending() == []


def test_cancelling_an_alarm_or_timer_it_does_not_have_keeps_the_one_it_has(ctx):
    """Found by a bank of sentences: with one alarm at 7, "cancel the alarm for six" cancelled
    it; with only a rice timer, "cancel the pasta timer" cancelled the rice."""
    ask(ctx, "set an alarm for seven", "alarm_set")
    r = ask(ctx, "cancel the alarm for six", "alarm_remove")
    assert r.text == "You have no alarm at 6. Your alarm is at 7 AM tomorrow.", r
    assert len(ctx.timers.pending("alarm")) == 1
    ask(ctx, "set a timer for ten minutes for the rice", "alarm_set")
    r = ask(ctx, "cancel the pasta timer", "calendar_remove", confidence=0.74)
    assert r.text == "You don't have a pasta timer. Your rice timer has 10 minutes left.", r
    r = ask(ctx, "cancel the five minute timer", "alarm_remove")
    assert r.text.startswith("You don't have a timer set for 5 minutes."), r
    assert len(ctx.timers.pending("timer")) == 1
    # an unnamed timer answers to any name: "the egg timer" is what a kitchen timer is called
    ask(ctx, "set a timer for three minutes", "alarm_set")
    assert ask(ctx, "cancel the egg timer", "calendar_remove").action == "timer_remove"
    assert [t.label for t in ctx.timers.pending("timer")] == ["rice"]


def test_a_sleep_timer_at_a_time_of_day(ctx):
    """Found by a bank of sentences: "turn off the music at nine" muted at once (the model:
    audio_volume_mute); "what time does the music stop" said the song playing."""
    ctx.player.play(library.tracks(ctx.db, kind="music")[:3])
    r = ask(ctx, "what time does the music stop", "music_query")
    assert r.text.startswith("There's no sleep timer, so the music plays on."), r
    r = ask(ctx, "turn off the music at eleven thirty", "audio_volume_mute", confidence=0.94)
    assert (r.action, r.text) == ("sleep_timer", "Okay, I'll stop the music at 11:30 PM."), r
    assert ctx.player.status().state == "playing"
    assert ask(ctx, "what time does the music stop", "music_query").text == \
        "The music stops at 11:30 PM."
    assert ask(ctx, "how long until the music stops", "play_music", confidence=0.3).text == \
        "The music stops in 1 hour and 30 minutes."
    r = ask(ctx, "when is this over", "calendar_query", confidence=0.61)  # was a calendar read
    assert r.text.startswith(ctx.player.current.title) and "to go" in r.text, r


def test_the_same_alarm_twice_is_one_alarm(ctx):
    """Found by a bank of sentences: "set an alarm for seven" then "wake me up at seven" made two
    alarms, listed as "at 7 AM tomorrow and 7 AM tomorrow"."""
    ask(ctx, "set an alarm for seven", "alarm_set")
    r = ask(ctx, "wake me up at seven", "alarm_set")
    assert r.text == "You already have an alarm at 7 AM tomorrow.", r
    assert ask(ctx, "set an alarm for seven every weekday", "alarm_set").action == "alarm_set"
    assert len(ctx.timers.pending("alarm")) == 2


def test_an_alarm_with_music(ctx):
    """Found by a bank of sentences: "wake me up with music at seven" and "set an alarm for
    eight with jazz" set plain alarms, the music dropped (the loop plays it: test_e2e)."""
    from assistant.skills.timer_words import wake_up_queue

    r = ask(ctx, "wake me up with music at seven", "alarm_set")
    assert r.text == "Alarm set for 7 AM tomorrow. I'll wake you with music.", r
    r = ask(ctx, "set an alarm for eight with jazz", "alarm_set")
    assert r.text == "Alarm set for 8 AM tomorrow. I'll wake you with jazz.", r
    r = ask(ctx, "set an alarm for nine with the kids", "alarm_set")  # not a genre
    assert r.text == "Alarm set for 9 AM tomorrow.", r
    assert ask(ctx, "what alarms do i have", "alarm_query").text == \
        "You have three alarms, at 7 AM tomorrow with music, 8 AM tomorrow with jazz and 9 AM " \
        "tomorrow."
    jazz = ctx.timers.pending("alarm")[1]
    queue = wake_up_queue(ctx.db, jazz.label)
    assert queue and {t.genre for t in queue} == {"Jazz"}
    # it goes off as the loop's _ring does it (test_e2e): done, and its music plays
    ctx.clock.t = jazz.due_at + 30
    for t in ctx.timers.due(ctx.clock()):
        if t.id == jazz.id:
            ctx.timers.finish(t.id)
            ctx.player.play(wake_up_queue(ctx.db, t.label), source="recommendation")
    # "snooze" said "Nothing is ringing." and the music played on
    r = ask(ctx, "snooze", "alarm_remove", confidence=0.9)
    assert (r.action, r.text) == ("snooze", "Okay, the music again in 9 minutes."), r
    assert ctx.player.current is None
    again = [a for a in ctx.timers.pending("alarm") if a.label == jazz.label]
    assert len(again) == 1 and again[0].due_at == ctx.clock() + 540


def test_a_stopwatch(ctx):
    """Found by a bank of sentences: "start a stopwatch" played an audiobook (the model:
    play_audiobook 0.57)."""
    assert ask(ctx, "how long has it been", "qa_factoid", confidence=0.37).action == "clarify"
    r = ask(ctx, "start a stock watch", "qa_stock", confidence=0.86)  # as tiny.en heard it
    assert (r.action, r.text) == ("stopwatch", "Stopwatch started."), r
    assert ctx.player.current is None
    ctx.clock.t += 95
    assert ask(ctx, "how long has it been", "qa_factoid", confidence=0.37).text == \
        "1 minute and 35 seconds so far."
    ctx.clock.t += 25
    r = ask(ctx, "stop the stopwatch", "audio_volume_mute", confidence=0.31, sentiment="negative")
    assert r.text == "Stopped at 2 minutes." and ctx.player.volume > 0, r  # no "Sorry." first
    assert ask(ctx, "stop the stopwatch", "audio_volume_mute").text.startswith("No stopwatch")


def test_a_weekly_reminder_without_a_time_asks_it(ctx):
    """"Remind me every monday to put the bins out" was a calendar entry for today, with "I
    can't repeat calendar entries yet"."""
    r = ask(ctx, "remind me every monday to put the bins out", "calendar_set")
    assert r.text == "What time every Monday should I remind you?", r
    r = ask(ctx, "at seven pm", "alarm_set", confidence=0.96)
    assert r.text == "Okay, I'll remind you to put the bins out at 7 PM every Monday.", r
    ask(ctx, "set a timer for an hour", "alarm_set")
    r = ask(ctx, "add five minutes", "alarm_set", confidence=0.63)  # was a new 5 minute timer
    assert r.action == "timer_extend" and len(ctx.timers.pending("timer")) == 1, r


def test_kitchen_timers_by_their_names(ctx):
    """Found by a bank of sentences; what each did before is said beside it."""
    ask(ctx, "set a pasta timer for 12 minutes", "alarm_set")
    ask(ctx, "set a timer for the sauce for 20 minutes", "alarm_set")
    ask(ctx, "pause the pasta timer", "audio_volume_mute", confidence=0.97)
    # played an audiobook
    r = ask(ctx, "resume the pasta", "play_audiobook", confidence=0.95)
    assert r.action == "timer_resume" and ctx.player.current is None, r
    ask(ctx, "pause the pasta timer", "audio_volume_mute", confidence=0.97)
    # with the pasta paused, the sauce was the only one running: "You don't have a sauce timer."
    r = ask(ctx, "cancel the sauce timer", "calendar_remove", confidence=0.85)
    assert r.text == "Cancelled the sauce timer.", r
    # "didn't catch that"
    r = ask(ctx, "rename the pasta timer to noodles", "calendar_set", confidence=0.21)
    assert r.text == "Okay, it's your noodles timer now.", r
    assert ask(ctx, "resume the noodles", "play_audiobook").action == "timer_resume"
    ctx.clock.t += 300
    # "For how long should I set the timer?"
    r = ask(ctx, "restart the timer", "alarm_remove", confidence=0.24)
    assert r.text == "Restarted your noodles timer: 12 minutes.", r
    assert [t.remaining(ctx.clock()) for t in ctx.timers.pending("timer")] == [720.0]
    ask(ctx, "set a 3 minute timer", "alarm_set")
    # "Stopped." and the timer ran on
    r = ask(ctx, "never mind cancel it", "general_commandstop", confidence=0.94)
    assert r.action == "timer_remove" and len(ctx.timers.pending("timer")) == 1, r


def test_reminders_moved_filtered_and_said_in_minutes(ctx):
    """Found by a bank of sentences; what each did before is said beside it."""
    ask(ctx, "remind me tomorrow at 8 am to take my medicine", "calendar_set")
    ask(ctx, "remind me in half an hour to check the laundry", "calendar_set")
    # a calendar entry "move my medicine reminder"
    r = ask(ctx, "move my medicine reminder to 9", "calendar_set", confidence=0.98)
    assert r.text == "Okay, I'll remind you to take your medicine at 9 AM tomorrow instead.", r
    # every reminder
    assert ask(ctx, "what reminders do i have tomorrow", "calendar_query").text == \
        "You have one reminder: take your medicine at 9 AM tomorrow."
    # "You have no alarms to cancel."
    assert ask(ctx, "snooze the reminder", "alarm_remove", confidence=0.87).text == \
        "Nothing is ringing."
    # "... to call mom in 10 at 10 AM tomorrow"
    assert ask(ctx, "remind me to call mom in 10", "calendar_set").text == \
        "Okay, I'll remind you to call mom in 10 minutes."


def test_yes_or_no_questions_about_timers_and_alarms_start_with_it(ctx):
    ask(ctx, "set a timer for 10 minutes", "alarm_set")
    assert ask(ctx, "is the timer done", "calendar_query", confidence=0.76).text == \
        "No, your timer has 10 minutes left."
    ask(ctx, "set an alarm for 7 tomorrow", "alarm_set")
    assert ask(ctx, "is my alarm set", "alarm_query").text == \
        "Yes. You have one alarm, at 7 AM tomorrow."


def test_a_timer_called_by_name_and_cancelled_by_its_name_alone(ctx):
    """"A timer called pasta" / "named rice" had no name; "cancel the rice" (the model: take it
    off a list, 0.45) asked about lists."""
    assert ask(ctx, "set a timer called pasta for ten minutes", "alarm_set").text == \
        "Pasta timer set for 10 minutes."
    assert ask(ctx, "set a ten minute timer named rice", "alarm_set").text == \
        "Rice timer set for 10 minutes."
    assert ask(ctx, "how much time is left on the rice", "cooking_recipe", 0.36).text == \
        "Your rice timer has 10 minutes left."
    r = ask(ctx, "cancel the rice", "lists_remove", 0.45, sentiment="negative")
    assert r.text == "Cancelled the rice timer." and r.action == "timer_remove", r
    r = ask(ctx, "stop the pasta", "audio_volume_mute", 0.38, sentiment="negative")
    assert r.text == "Cancelled the pasta timer.", r
    # with no timer of that name it is still the list's question
    r = ask(ctx, "cancel the rice", "lists_remove", 0.45, sentiment="negative")
    assert r.action != "timer_remove", r
    ask(ctx, "set a pasta timer for 10 minutes", "alarm_set")
    assert ask(ctx, "time left?", "alarm_query", 0.6).text == "Your pasta timer has 10 minutes left."
    # "left" alone is no question of time: each of these said "Your pasta timer has 10 minutes left."
    for text, intent in (("Just book for me a left taxi to bardonia.", "transport_taxi"),
                         ("tell me where i left my phone", "general_quirky"),
                         ("do i have any vacation days left", "calendar_query"),
                         ("what's left in my gas tank", "qa_factoid")):
        assert "pasta" not in ask(ctx, text, intent, 0.9).text, text


def test_a_weekend_alarm_named_but_not_there_cancels_nothing(ctx):
    """With only a weekday alarm, "turn off my weekend alarms" cancelled it ("Alarm cancelled.")."""
    ask(ctx, "set an alarm for 6:30 every weekday", "alarm_set")
    r = ask(ctx, "turn off my weekend alarms", "alarm_remove", sentiment="negative")
    assert r.text == "You have no weekend alarm. Your alarm is at 6:30 AM every weekday.", r
    assert len(ctx.timers.pending("alarm")) == 1
    ask(ctx, "set an alarm for 7 on weekends", "alarm_set")
    r = ask(ctx, "cancel all my weekend alarms", "alarm_remove")
    assert r.action == "alarm_remove" and "7 AM" in r.text, r
    assert [a.repeat for a in ctx.timers.pending("alarm")] == ["01234"]


def test_a_duration_in_two_slots_pausing_all_the_last_set_and_when_it_goes_off(ctx):
    """"An hour and fifteen minutes" (the model: slots "an hour and", "fifteen minutes") set an
    hour; "pause all timers" paused one; "cancel the last timer I set" cancelled the soonest;
    "what time will my timer go off" gave minutes left."""
    r = ask(ctx, "set a timer for an hour and fifteen minutes", "alarm_set",
            slots=[("time", "an hour and", 3600), ("time", "fifteen minutes", 900)])
    assert r.text == "Timer set for 1 hour and 15 minutes.", r
    r = ask(ctx, "set a timer for five minutes and another for ten minutes", "alarm_set",
            slots=[("time", "five minutes", 300), ("time", "ten minutes", 600)])
    assert "1 hour" not in r.text and "15 minutes" not in r.text, r
    ask(ctx, "set a timer for 45 seconds", "alarm_set", slots=[("time", "45 seconds", 45)])
    assert len(ctx.timers.pending("timer")) == 3
    assert ask(ctx, "pause all timers", "audio_volume_mute").text == "Paused all three timers."
    assert not ctx.timers.pending("timer")
    assert ask(ctx, "resume my timers", "play_audiobook", 0.67).text == "Resumed all three timers."
    r = ask(ctx, "what time will my timer go off", "calendar_query", 0.74)
    assert r.text == "Your next timer goes off at 10 PM, in 45 seconds.", r
    r = ask(ctx, "cancel the last timer i set", "alarm_remove", 0.66)
    assert r.text == "Cancelled the timer set for 45 seconds.", r


def test_a_timer_named_in_the_plural_is_cancelled_in_the_singular(ctx):
    """"Cancel the potato timer" with a potatoes timer and an unnamed one cancelled the unnamed
    one (as "the egg timer" means the only one without a name)."""
    ask(ctx, "set a timer for an hour", "alarm_set")
    ask(ctx, "set a timer for twenty minutes for the potatoes", "alarm_set")
    r = ask(ctx, "cancel the potato timer", "alarm_remove")
    assert r.text == "Cancelled the potatoes timer.", r
    assert [t.label for t in ctx.timers.pending("timer")] == [""]


def test_my_alarms_plural_and_how_much_sleep(ctx):
    """"Delete my alarms" asked which one; "how much sleep will I get" (0.41) asked back."""
    assert ask(ctx, "how much sleep will i get", "alarm_query", 0.41).text == \
        "You have no alarm set, so sleep as long as you like."
    ask(ctx, "set an alarm for 6 am", "alarm_set")
    ask(ctx, "set an alarm for 6:30 am tomorrow", "alarm_set")
    r = ask(ctx, "how much sleep will i get", "alarm_query", 0.41)
    assert r.text == "If you go to sleep now, you'll get 8 hours before your alarm at 6 AM tomorrow.", r
    r = ask(ctx, "delete my alarms", "alarm_remove", sentiment="negative")
    assert r.text == "Both alarms cancelled." and not ctx.timers.pending("alarm"), r


def test_time_off_a_timer_and_what_it_was_set_for(ctx):
    """Found by a bank of household sentences through the model: "take off a minute" with a
    timer running muted the speaker for a minute; "how long did I set it for" said "You have no
    alarms set."; "what time do I need to get up" read the calendar; "turn my alarm back on"
    asked for a time."""
    ask(ctx, "set a timer for ten minutes", "alarm_set")
    r = ask(ctx, "take off a minute", "audio_volume_mute", 0.75, sentiment="negative")
    assert r.text == "Took off 1 minute. Your timer has 9 minutes left." and ctx.player.volume > 0, r
    r = ask(ctx, "knock two minutes off the timer", "alarm_set", 0.6)
    assert r.text == "Took off 2 minutes. Your timer has 7 minutes left.", r
    r = ask(ctx, "take off ten minutes", "audio_volume_mute", 0.75)
    assert r.text == "Your timer only has 7 minutes left." and len(ctx.timers.pending("timer")) == 1, r
    r = ask(ctx, "how long did I set it for", "alarm_query", 0.8)
    assert r.text == "You set it for 7 minutes. It has 7 minutes left.", r
    ask(ctx, "wake me up at six thirty tomorrow", "alarm_set")
    r = ask(ctx, "what time do I need to get up", "calendar_query", 0.64)
    assert r.text == "You have one alarm, at 6:30 AM tomorrow.", r
    r = ask(ctx, "turn my alarm back on", "alarm_set", 0.95)
    assert r.text == "Your alarm is on, at 6:30 AM tomorrow." and len(ctx.timers.pending("alarm")) == 1, r


def test_cancel_the_pasta_one(ctx):
    """"Cancel the pasta one" (general_commandstop 0.27) was "Sorry, I didn't catch that."."""
    ask(ctx, "set a timer for the pasta for eleven minutes", "alarm_set")
    ask(ctx, "set another for the sauce for twenty minutes", "alarm_set")
    r = ask(ctx, "cancel the pasta one", "general_commandstop", 0.27, sentiment="negative")
    assert r.text == "Cancelled the pasta timer." and [t.label for t in ctx.timers.pending("timer")] == ["sauce"], r


@pytest.mark.parametrize("said,slots,name", [
    ("Set a timer from a pasta for 11 minutes.", [("food_type", "pasta", "pasta")], "Pasta"),  # unnamed
    ("Set a hundred one for the sauce for twenty minutes.", [], "Sauce"),  # unnamed
    ("set a timer for ten minutes", [], ""),
    ("hey can you um set a timer for like five minutes", [], ""),  # "Like timer set for 5 minutes."
])
def test_a_timer_named_as_tiny_en_heard_it(ctx, said, slots, name):
    """Found in a scripted conversation spoken by espeak: both timers were set without their
    names, so "cancel the pasta one" asked "Did you want me to stop?"."""
    r = ask(ctx, said, "alarm_set", 0.8, slots=slots)
    assert r.text.startswith(f"{name} timer set" if name else "Timer set"), r


def _due(ctx) -> list[str]:
    return [dt.datetime.fromtimestamp(a.due_at).strftime("%a %H:%M") for a in ctx.timers.pending("alarm")]


def test_an_alarm_moved_to_a_day_and_a_weekday_alarm_on_friday(ctx):
    """Found by a bank of sentences: "move my alarm to friday" asked for a time; "change my
    alarm to 8 on saturday" set it for 8 tomorrow; "for Friday" right after an alarm was set was
    not understood; "which alarms do I have on friday" with a weekday alarm said none."""
    ask(ctx, "set an alarm for 7", "alarm_set")
    r = ask(ctx, "move my alarm to friday", "alarm_set", 0.96)
    assert r.text == "Okay, your alarm is now at 7 AM on Friday.", r
    r = ask(ctx, "change my alarm to 8 on saturday", "alarm_set", 0.53, sentiment="negative")
    assert r.text == "Okay, your alarm is now at 8 AM on Saturday.", r
    assert _due(ctx) == ["Sat 08:00"]
    ask(ctx, "set an alarm for 6:30", "alarm_set")
    r = ask(ctx, "actually make it friday", "calendar_set", 0.41)
    assert r.text.startswith("Okay, your alarm is now at 6:30 AM on Friday"), r
    assert _due(ctx) == ["Fri 06:30", "Sat 08:00"]
    ask(ctx, "set an alarm for every weekday at 6", "alarm_set")
    r = ask(ctx, "which alarms do I have on friday", "alarm_query")
    assert r.text == "You have two alarms, at 6 AM every weekday and 6:30 AM on Friday.", r
    r = ask(ctx, "which alarms do I have on sunday", "alarm_query")
    assert r.text.startswith("You have no alarm on Sunday."), r


@pytest.mark.parametrize("said", ["for the eggs", "its for eggs"])
def test_a_timer_named_in_a_few_words_right_after(ctx, said):
    ask(ctx, "set a timer for 3 minutes", "alarm_set")
    r = ask(ctx, said, "cooking_recipe", 0.41)  # "Did you want me to look up recipes?"
    assert r.text == "Okay, it's your eggs timer.", r


def test_time_off_and_set_for_as_tiny_en_heard_them(ctx):
    """Found in a scripted conversation (Piper seed 2): "knock two minutes off the rice" heard
    "not two minutes off the rice" asked to say it again, and "how long did I set it for" heard
    "how on did I set it for?" said "You have no alarms set."."""
    ask(ctx, "set a timer for the rice for fifteen minutes", "alarm_set")
    r = ask(ctx, "Hey speaker, not two minutes off the rice.", "audio_volume_mute", 0.32, sentiment="negative")
    assert r.text == "Took off 2 minutes. Your rice timer has 13 minutes left.", r
    r = ask(ctx, "how on did I set it for?", "alarm_query", 0.73)
    assert r.text == "You set it for 13 minutes. It has 13 minutes left.", r


def test_a_correction_said_barely(ctx):
    """Found by a bank of corrections: "no 7" right after "Alarm set for 6 AM tomorrow." muted
    the speaker; "no at 6" right after a reminder said "It's already muted."."""
    ask(ctx, "set an alarm for 6", "alarm_set")
    r = ask(ctx, "no 7", "audio_volume_mute", 0.68, sentiment="negative")
    assert r.text == "Okay, your alarm is now at 7 AM tomorrow." and ctx.player.volume > 0, r
    ask(ctx, "remind me at 5 to call mom", "calendar_set")
    r = ask(ctx, "no at 6", "audio_volume_mute", 0.51, sentiment="negative")
    assert r.text == "Okay, I'll remind you to call mom at 6 PM tomorrow instead.", r
    assert ask(ctx, "no thanks", "general_negate", 0.9).action != "reminder_change"


def test_how_long_was_it_set_for_after_it_rang(ctx):
    """Found in a scripted conversation through the loop: "how long did I set it for?" right
    after the eggs timer rang said "You have no alarms set."."""
    ask(ctx, "set a timer for thirty seconds for the eggs", "alarm_set")
    ctx.timers.due(ctx.clock() + 31)
    ctx.timers.dismiss_ringing()
    r = ask(ctx, "how long did I set it for", "alarm_query", 0.78)
    assert r.text == "Your eggs timer was set for 30 seconds. It has rung.", r


def test_several_unnamed_timers_at_once_and_a_name_of_several_words(ctx):
    """"Set timers for 5 and 10 minutes" set one, for 10; "set a timer for soft boiled eggs",
    "six minutes" made a "Soft timer"."""
    r = ask(ctx, "set timers for 5 and 10 minutes", "alarm_set", 0.96)
    assert r.text == "Two timers: one for 5 minutes and one for 10 minutes.", r
    assert sorted(t.duration_s for t in ctx.timers.pending("timer")) == [300, 600]
    ask(ctx, "cancel all timers", "alarm_remove")
    r = ask(ctx, "set two timers one for 5 minutes and one for 10 minutes", "alarm_set", 0.96)
    assert r.text.startswith("Two timers"), r
    ask(ctx, "cancel all timers", "alarm_remove")
    r = ask(ctx, "set a timer for soft boiled eggs", "alarm_set", 0.63)
    assert r.text == "For how long should I set the timer?", r
    assert ask(ctx, "six minutes", "audio_volume_mute", 0.59).text == "Eggs timer set for 6 minutes."
    # one timer stays one
    assert ask(ctx, "set a timer for three and a half minutes", "alarm_set").text == \
        "Timer set for 3 minutes and 30 seconds."


def test_play_for_a_while_and_going_to_bed(ctx):
    """"Play music for 20 minutes" played with no sleep timer; "play ocean sounds for an hour"
    looked for "ocean sounds for an hour"; "play some jazz until 11", said over music, dropped
    "until 11"; "I'm going to bed" was not understood."""
    r = ask(ctx, "play music for 20 minutes", "play_music", 0.86, sentiment="negative")
    assert r.action == "play" and r.text.endswith(" I'll stop the music in 20 minutes."), r
    r = ask(ctx, "play some jazz until 11", "play_music", 0.91, slots=[("music_genre", "jazz", "jazz")])
    assert r.text.startswith("Playing jazz") and r.text.endswith("I'll stop the music at 11 PM."), r
    assert [t.label for t in ctx.timers.pending("timer")] == ["sleep"]  # one sleep timer, the last
    r = ask(ctx, "play ocean sounds for an hour", "play_music", 0.51)
    assert r.text == "Sorry, I couldn't find ocean sounds in your library.", r
    assert ask(ctx, "play music for the kids", "play_music").action == "not_found"  # no time said
    assert ask(ctx, "i'm going to bed", "general_quirky", 0.34).text == "Good night, sleep well."
    ask(ctx, "set an alarm for 6 30", "alarm_set")
    assert ask(ctx, "okay i'm going to bed now", "general_quirky", 0.51).text == \
        "Good night, sleep well. Your alarm is set for 6:30 AM tomorrow."
    # HWU64 valid as tiny.en heard it: "Time to sleep." muted the music
    r = ask(ctx, "Time to sleep.", "audio_volume_mute", 0.51, sentiment="negative")
    assert (r.action, r.text) == ("say", "Good night, sleep well. Your alarm is set for 6:30 AM tomorrow."), r


def test_a_quarter_of_an_hour(ctx):
    """"A quarter of an hour" set an hour, named "Of" (the slot's "an hour", read alone)."""
    r = ask(ctx, "set a timer for a quarter of an hour", "alarm_set", 0.97,
            slots=[("time", "an hour", 3600)])
    assert r.text == "Timer set for 15 minutes.", r
    r = ask(ctx, "set a timer for three quarters of an hour", "alarm_set", 0.96,
            slots=[("time", "quarters of an hour", 3600)])
    assert r.text == "Timer set for 45 minutes.", r


def test_a_reminder_at_a_time_of_day_asks_the_time(ctx):
    """"Remind me after lunch to take my medicine" asked "When is the after lunch to take my
    medicine?" (the calendar's question); "in the morning", "before bed" the same."""
    r = ask(ctx, "remind me after lunch to take my medicine", "calendar_set")
    assert r.text == "What time after lunch should I remind you?", r
    assert ask(ctx, "at 1 30", "alarm_set", 0.98).text == \
        "Okay, I'll remind you to take your medicine at 1:30 PM tomorrow."
    r = ask(ctx, "remind me in the morning to water the plants", "calendar_set", 0.96)
    assert r.text == "What time in the morning should I remind you?", r
    assert ask(ctx, "7", "alarm_set", 0.60).text == "Okay, I'll remind you to water the plants at 7 AM tomorrow."
    r = ask(ctx, "remind me before bed to brush my teeth", "calendar_set", 0.99)
    assert r.text == "What time before bed should I remind you?", r


def test_a_reminder_or_alarm_before_a_calendar_entry(ctx):
    """"Remind me 10 minutes before my meeting" and "set an alarm an hour before my meeting"
    answered when the meeting was, and set nothing."""
    ask(ctx, "add meeting with sam tomorrow at 9", "calendar_set")
    r = ask(ctx, "remind me 10 minutes before my meeting", "calendar_set", 0.95)
    assert r.text == "Okay, I'll remind you about meeting with sam at 8:50 AM tomorrow, 10 minutes before it.", r
    r = ask(ctx, "set an alarm an hour before my meeting", "alarm_set", 1.0)
    assert r.text == "Alarm set for 8 AM tomorrow, 1 hour before it.", r
    assert len(ctx.timers.pending("alarm")) == 2
    r = ask(ctx, "remind me 10 minutes before the dentist", "calendar_set", 0.90)
    assert r.text.startswith("I don't see your dentist on the calendar"), r


def test_cancel_all_timers_but_one(ctx):
    """"Cancel all timers except the rice" cancelled the rice, and only the rice."""
    for said in ("set a pasta timer for 10 minutes", "set a rice timer for 20 minutes", "set a timer for 5 minutes"):
        ask(ctx, said, "alarm_set")
    r = ask(ctx, "cancel all timers except the rice", "calendar_remove", 0.58, sentiment="negative")
    assert r.text == "Cancelled two timers. The rice timer is still on.", r
    assert [t.label for t in ctx.timers.pending("timer")] == ["rice"]


def test_cancel_all_reminders_but_one(ctx):
    """"Cancel all reminders except the cat one" cancelled the cat one."""
    ask(ctx, "remind me at 5 to call mom", "calendar_set")
    ask(ctx, "remind me at 6 to feed the cat", "calendar_set")
    r = ask(ctx, "cancel all reminders except the cat one", "calendar_remove", 0.98, sentiment="negative")
    assert r.text == "Cancelled one reminder. Still set: feed the cat at 6 PM tomorrow.", r


def test_cancel_everything_but_one_alarm_or_entry(ctx):
    """"Cancel all alarms except the 7 am one" cancelled both; "cancel everything tomorrow
    except the dentist" removed the dentist."""
    ask(ctx, "set an alarm for 7", "alarm_set")
    ask(ctx, "set an alarm for 8", "alarm_set")
    r = ask(ctx, "cancel all alarms except the 7 am one", "alarm_remove", 1.0, sentiment="negative")
    assert r.text == "Cancelled one alarm. The 7 AM alarm is still on.", r
    for said in ("add dentist tomorrow at 3", "add lunch with dad tomorrow at 12", "add yoga tomorrow at 6"):
        ask(ctx, said, "calendar_set")
    r = ask(ctx, "cancel everything tomorrow except the dentist", "calendar_remove", 0.97, sentiment="negative")
    assert r.text == "Removed lunch with dad tomorrow at noon and yoga tomorrow at 6 PM from your calendar.", r
    r = ask(ctx, "cancel everything except the dentist", "calendar_remove", 0.97)  # which day?
    assert r.action == "clarify" and ask(ctx, "what's on my calendar tomorrow", "calendar_query").text == \
        "Tomorrow you have dentist at 3 PM."


def test_stop_reminding_me(ctx):
    """"Stop reminding me to take my pills" said "I don't see stop reminding pills on your calendar"."""
    ask(ctx, "remind me every day at 9 to take my pills", "calendar_set")
    r = ask(ctx, "stop reminding me to take my pills", "calendar_remove", 0.51, sentiment="negative")
    assert r.text == "Cancelled your reminder: take your pills at 9 AM every day.", r


def test_a_ringing_reminder_put_off(ctx):
    """"I'll do it later" and "not now" to "Reminder: call mom." dismissed it (the errand lost)
    or left it ringing; "who is it for" said "Nothing is playing right now."."""
    for said, intent, conf in (("i'll do it later", "general_commandstop", 0.83), ("not now", "general_negate", 0.66)):
        ask(ctx, "remind me in 1 minute to call mom", "calendar_set")
        ctx.clock.t += 61
        ctx.timers.due(ctx.clock())
        r = ask(ctx, said, intent, conf)
        assert r.action == "snooze" and [t.label for t in ctx.timers.pending()] == ["remind: call mom"], (said, r)
        for t in ctx.timers.pending():
            ctx.timers.cancel(t.id)
    ask(ctx, "remind me in 1 minute to call mom", "calendar_set")
    ctx.clock.t += 61
    ctx.timers.due(ctx.clock())
    assert ask(ctx, "who is it for", "music_query", 0.56).text == "Reminder: call mom."


def test_all_and_one_name_together_changes_nothing(ctx):
    """tiny.en heard espeak's "cancel all timers except the rice" as "Cancel all timer next step
    to the rice.": the rice timer was cancelled, the opposite of what was said."""
    ask(ctx, "set a pasta timer for 10 minutes", "alarm_set")
    ask(ctx, "set a rice timer for 20 minutes", "alarm_set")
    r = ask(ctx, "cancel all timer next step to the rice", "calendar_remove", 0.32, sentiment="negative")
    assert r.text == "To be safe I changed nothing: say cancel all timers, or cancel the rice timer.", r
    assert len(ctx.timers.pending("timer")) == 2


def test_two_alarms_in_one_breath_and_a_time_tonight_already_gone(ctx):
    """"Set an alarm for 6 tomorrow morning and 7 on Saturday" set only 6 AM; "set alarms for 6
    and 6:30 am" only 6. "An alarm for 8 tonight" said at 10 PM quietly rang at 8 PM tomorrow."""
    r = ask(ctx, "set an alarm for 6 tomorrow morning and 7 on saturday", "alarm_set")
    assert r.text == "Alarms set for 6 AM tomorrow and 7 AM on Saturday.", r
    ask(ctx, "cancel all alarms", "alarm_remove")
    r = ask(ctx, "Set alarms for 6 and 6:30 a.m.", "alarm_set")
    assert r.text == "Alarms set for 6 AM tomorrow and 6:30 AM tomorrow.", r
    assert len(ctx.timers.pending("alarm")) == 2
    ask(ctx, "cancel all alarms", "alarm_remove")
    # another command after "and" is not a second alarm
    r = ask(ctx, "wake me up at 7 and remind me at 8 to take my pills", "alarm_set")
    assert "Alarms" not in r.text and len(ctx.timers.pending("alarm")) <= 1, r
    ask(ctx, "cancel all alarms", "alarm_remove")
    assert dt.datetime.fromtimestamp(ctx.clock()).hour == 22
    r = ask(ctx, "set an alarm for 8 tonight", "alarm_set")
    assert r.text == "It's past 8 PM already. Alarm set for 8 PM tomorrow.", r
    r = ask(ctx, "remind me at 9 this evening to call mom", "calendar_set")
    assert r.text == "It's past 9 PM already. Okay, I'll remind you to call mom at 9 PM tomorrow.", r
    r = ask(ctx, "set an alarm for 11 tonight", "alarm_set")
    assert r.text == "Alarm set for 11 PM.", r


def test_a_timer_for_one_thirty_and_an_hour_and_a_quarter(ctx):
    """"Set a timer for 1:30" set an alarm at 1:30 AM; "an hour and a quarter" set 1 hour."""
    r = ask(ctx, "set a timer for 1:30", "alarm_set", 0.98)
    assert r.text == "Timer set for 1 minute and 30 seconds.", r
    assert not ctx.timers.pending("alarm")
    r = ask(ctx, "set a timer for an hour and a quarter", "alarm_set", 0.97)
    assert r.text == "Timer set for 1 hour and 15 minutes.", r
    # as tiny.en writes it, a word each: "one thirty"; "a timer for seven" set a 7 AM alarm
    assert ask(ctx, "set a timer for one thirty", "alarm_set").text == "Timer set for 1 minute and 30 seconds."
    assert ask(ctx, "set a timer for seven", "alarm_set").text == "Timer set for 7 minutes."
    # a clock time with am or pm stays an alarm's
    assert ask(ctx, "set an alarm for 1:30 pm", "alarm_set").action == "alarm_set"
    assert ask(ctx, "set a timer to go off at 7", "alarm_set").action == "alarm_set"


def test_no_alarm_needed_and_a_day_off(ctx):
    """"I don't need an alarm tomorrow" (alarm_set) asked "What time should I set the alarm
    for?"; "I have the day off tomorrow" read out the calendar. A day off offers to skip that
    day's alarm, and changes nothing unasked."""
    ask(ctx, "set an alarm for 7 am every weekday", "alarm_set")
    r = ask(ctx, "i don't need an alarm tomorrow", "alarm_set", 0.53, sentiment="negative")
    assert r.text == "Okay, no alarm tomorrow. It rings again at 7 AM on Wednesday.", r
    ask(ctx, "cancel all alarms", "alarm_remove")
    ask(ctx, "set an alarm for 7 am every weekday", "alarm_set")
    r = ask(ctx, "i have the day off tomorrow", "calendar_query", 0.56, sentiment="positive")
    assert r.text == "Enjoy it! Should I skip your 7 AM alarm tomorrow?", r
    assert dt.date.fromtimestamp(ctx.timers.pending("alarm")[0].due_at) == dt.date(2026, 3, 3)
    r = ask(ctx, "yes", "general_affirm", 1.0, sentiment="positive")
    assert r.text == "Okay, no alarm tomorrow. It rings again at 7 AM on Wednesday.", r
    r = ask(ctx, "no school tomorrow", "calendar_remove", 0.73, sentiment="negative")
    assert r.text == "Enjoy it! You have no alarm tomorrow.", r


def test_a_cancel_needs_a_word_that_cancels(ctx):
    """HWU64 valid as tiny.en heard it: "Good morning isn't it a great day." (the model:
    alarm_remove 0.56) cancelled tomorrow's alarm. Every HWU64 train alarm_remove sentence has a
    word such as alarm, cancel, off or stop; one without is asked about."""
    ask(ctx, "set an alarm for 7 am", "alarm_set")
    r = ask(ctx, "Good morning isn't it a great day.", "alarm_remove", 0.56, sentiment="negative")
    assert r.action == "clarify" and len(ctx.timers.pending("alarm")) == 1, r
    assert ask(ctx, "yes", "general_affirm", 1.0).action == "alarm_remove"
    assert not ctx.timers.pending("alarm")
    ask(ctx, "set an alarm for 7 am", "alarm_set")
    r = ask(ctx, "Renew the alarms I have.", "alarm_remove", 0.77, sentiment="negative")
    assert r.action == "clarify" and ctx.timers.pending("alarm"), r
    r = ask(ctx, "I'll reset my alarm to go off in an hour.", "alarm_remove", 0.84, sentiment="negative")
    assert r.text == "Okay, your alarm is now at 11 PM.", r  # (it asked what time)
    assert ask(ctx, "turn off my alarm", "alarm_remove", 0.8).action == "alarm_remove"
    # a time said and not read ("three pm" as tiny.en wrote it) cancelled the one alarm there was
    ask(ctx, "set an alarm for 7 am", "alarm_set")
    r = ask(ctx, "Cancel my free pm alarm.", "alarm_remove", 1.0, sentiment="negative")
    assert r.text == "Your alarm is at 7 AM tomorrow. Cancel it?" and ctx.timers.pending("alarm"), r
    assert ask(ctx, "yes", "general_affirm", 1.0).action == "alarm_remove" and not ctx.timers.pending("alarm")
    ask(ctx, "set an alarm for 7 am", "alarm_set")
    r = ask(ctx, "Remove my six ml arm.", "alarm_remove", 0.7, sentiment="negative")  # "six am alarm"
    assert r.action == "confirm_first" and ctx.timers.pending("alarm"), r


def test_a_timer_started_to_stop_at_a_time(ctx):
    """"Start the timer now and stop at thirty minutes" (a CLINC150-like phrasing, found in
    session 22 and left) said "You have no timers to cancel."."""
    r = ask(ctx, "start the timer now and stop at thirty minutes", "alarm_set", 0.82, sentiment="negative")
    assert r.text == "Timer set for 30 minutes.", r
    r = ask(ctx, "stop the timer", "alarm_remove", 0.9, sentiment="negative")
    assert r.action == "timer_remove", r


def test_one_day_of_several_alarms(ctx):
    """"Cancel all my alarms tomorrow" cancelled Wednesday's alarm too; "turn off my alarm for
    tomorrow" with three that day turned off all three unasked."""
    for clock in ("6 am", "6:30 am", "7 am"):
        ask(ctx, f"set an alarm for {clock} tomorrow", "alarm_set")
    ask(ctx, "set an alarm for 8 am on wednesday", "alarm_set")
    r = ask(ctx, "turn off my alarm for tomorrow", "alarm_remove", 0.99, sentiment="negative")
    assert r.text == "You have three alarms tomorrow, at 6 AM, 6:30 AM and 7 AM. Turn off all of them?", r
    assert len(ctx.timers.pending("alarm")) == 4
    r = ask(ctx, "yes", "general_affirm", 1.0, sentiment="positive")
    assert r.text == "Okay, no alarm tomorrow.", r
    (left,) = ctx.timers.pending("alarm")
    assert dt.date.fromtimestamp(left.due_at) == dt.date(2026, 3, 4)
    ask(ctx, "set an alarm for 6 am tomorrow", "alarm_set")
    ask(ctx, "set an alarm for 7 am tomorrow", "alarm_set")
    r = ask(ctx, "cancel all my alarms tomorrow", "alarm_remove", 0.99, sentiment="negative")
    assert r.text == "Okay, no alarm tomorrow.", r
    assert [a.id for a in ctx.timers.pending("alarm")] == [left.id]


def test_cancel_them_both(ctx):
    """"Cancel them both" (general_commandstop) right after two timers said "Okay." and both ran
    on; "stop both" asked whether to mute."""
    ask(ctx, "set timers for 5 and 10 minutes", "alarm_set", 0.96)
    r = ask(ctx, "cancel them both", "general_commandstop", 0.66, sentiment="negative")
    assert r.text == "Both timers cancelled." and not ctx.timers.pending("timer"), r
    ask(ctx, "set an alarm for 6 tomorrow morning and 7 on saturday", "alarm_set")
    r = ask(ctx, "stop both", "audio_volume_mute", 0.48, sentiment="negative")
    assert r.action == "alarm_remove" and not ctx.timers.pending("alarm"), r


def test_reminders_asked_after_moved_by_a_while_and_for_the_shops(ctx):
    """"When is my reminder to call the school" asked "When is the when is my reminder ...?";
    "what's my next reminder" read them all; "change the laundry reminder to 30 minutes" asked
    the time; "remind me to buy milk when I go shopping" asked when."""
    ask(ctx, "remind me in an hour to check the laundry", "calendar_set")
    ask(ctx, "remind me tomorrow morning at 8 to call the school", "calendar_set")
    r = ask(ctx, "when is my reminder to call the school", "calendar_set", 0.60)
    assert r.text == "I'll remind you to call the school at 8 AM tomorrow.", r
    assert ask(ctx, "what's my next reminder", "calendar_query").text == \
        "Your next reminder: check the laundry in 1 hour."
    r = ask(ctx, "change the laundry reminder to 30 minutes", "calendar_set", 0.95, sentiment="negative")
    assert r.text == "Okay, I'll remind you to check the laundry in 30 minutes instead.", r
    assert ask(ctx, "what's my next reminder", "calendar_query").text == \
        "Your next reminder: check the laundry in 30 minutes."
    r = ask(ctx, "remind me to buy milk when I go shopping", "calendar_set", 1.0)
    assert r.text == "I can't tell when you go shopping, so I put milk on your shopping list.", r
    assert ask(ctx, "undo that", "lists_remove").action == "list_remove"


def test_what_was_i_supposed_to_do_after_a_reminder_rang(ctx):
    """"What was I supposed to do" (calendar_query) said it didn't see "was supposed" on the calendar."""
    assert ask(ctx, "what was i supposed to do", "calendar_query", 0.83).text == "You have no reminders set."
    ask(ctx, "remind me in 1 minute to take the cake out", "calendar_set")
    ctx.clock.t += 61
    assert ctx.timers.due(ctx.clock())
    ctx.timers.dismiss_ringing()
    ctx.clock.t += 600
    r = ask(ctx, "what was i supposed to do", "calendar_query", 0.83)
    assert r.text == "The last reminder was to take the cake out, at 10:01 PM.", r


def test_cancel_alone_right_after_setting_and_two_alarms_taken_back(ctx):
    """"Cancel" alone right after "Timer set for 10 minutes." said "Okay." and the timer ran on;
    "cancel that" after two alarms set at once cancelled only the second."""
    ask(ctx, "set a timer for 10 minutes", "alarm_set")
    r = ask(ctx, "cancel", "general_commandstop", 0.85, sentiment="negative")
    assert r.text == "Okay, I cancelled that timer." and not ctx.timers.pending("timer"), r
    ask(ctx, "set alarms for 6 and 6:30 am", "alarm_set")
    r = ask(ctx, "cancel that", "general_commandstop", 0.85, sentiment="negative")
    assert r.text == "Okay, I cancelled both alarms." and not ctx.timers.pending("alarm"), r
    # while something rings, "cancel" silences it (it was set long ago)
    ask(ctx, "set a timer for 1 minute", "alarm_set")
    ctx.clock.t += 61
    assert ctx.timers.due(ctx.clock())
    r = ask(ctx, "cancel", "general_commandstop", 0.85, sentiment="negative")
    assert r.action == "dismiss" and not ctx.timers.ringing(), r


def test_a_reminder_years_ahead(ctx):
    """"Remind me in 5 years to renew my passport" asked "When is the years to renew my passport?"."""
    r = ask(ctx, "remind me in 5 years to renew my passport", "calendar_set", 0.99)
    assert r.text == "Okay, I'll remind you to renew your passport at 10 PM on Sunday March 2, 2031.", r
    r = ask(ctx, "remind me in a year to check the smoke alarm", "alarm_set", 0.82)
    assert r.text == "Okay, I'll remind you to check the smoke alarm at 10 PM on Tuesday March 2, 2027.", r


def test_reminders_asked_for_politely_or_as_a_list_and_timers_without_the_word(ctx):
    """CLINC150's phrasings: "please read my reminders" read the calendar; "what's on the reminder
    list" said there was no such list; "remind me of what I asked you to remember" asked "When is
    the what i asked you to remember?"; "count down 10 minutes" was not understood; "tell me when
    ninety minutes have passed" read the calendar."""
    ask(ctx, "remind me at 5 to call mom", "calendar_set")
    for text, intent in (("please read my reminders", "calendar_query"), ("what's on the reminder list", "lists_query"),
                         ("remind me of what i asked you to remember", "calendar_set"),
                         ("what did i want to remember again", "general_repeat")):
        r = ask(ctx, text, intent, 0.9)
        assert r.text == "You have one reminder: call mom at 5 PM tomorrow.", (text, r)
    assert ask(ctx, "count down 10 minutes", "audio_volume_mute", 0.39).text == "Timer set for 10 minutes."
    assert ask(ctx, "tell me when ninety minutes have passed", "calendar_query", 0.75).text == \
        "Timer set for 1 hour and 30 minutes."
    assert ask(ctx, "count down from ten", "qa_maths", 0.37).action == "game"  # counting, as before


def test_reminders_as_clinc150_says_them(ctx):
    """CLINC150 train/valid phrasings: "tell me to take out the trash in an hour" (takeaway_query)
    said it couldn't check orders; "i want to get reminded to clean my room" smart home devices;
    "i need to set a reminder to go to the post office at 5" said there was none to move; "set
    reminder to feed cat tonight at 6pm" said "feed cat at at 6 PM"; "the next time it rains,
    remind me to close the windows" asked when."""
    r = ask(ctx, "tell me to take out the trash in an hour", "takeaway_query", 0.87, sentiment="negative")
    assert r.text == "Okay, I'll remind you to take out the trash in 1 hour.", r
    assert ask(ctx, "i want to get reminded to clean my room", "iot_cleaning", 0.84).text == "When should I remind you?"
    r = ask(ctx, "i need to set a reminder to go to the post office at 5", "calendar_set", 0.97)
    assert r.text == "Okay, I'll remind you to go to the post office at 5 PM tomorrow.", r
    r = ask(ctx, "please set up a reminder i need to remember to ask about work", "calendar_set")
    assert r.text == "When should I remind you?", r
    r = ask(ctx, "set reminder to feed cat tonight at 6pm", "calendar_set", 0.94)
    assert r.text.endswith("Okay, I'll remind you to feed cat at 6 PM tomorrow."), r
    r = ask(ctx, "the next time it rains, remind me to close the windows", "calendar_set", 0.70, sentiment="negative")
    assert r.action == "unsupported" and "only know the time" in r.text, r
    r = ask(ctx, "remind me next time i see mom to give her the book", "calendar_set")
    assert r.text.startswith("Sorry, I can't tell where you are"), r
    assert ask(ctx, "tell me a joke", "general_joke").action != "clarify"


def test_more_minutes_read_as_a_sum_go_on_the_running_timer(ctx):
    """Found in a scripted conversation under the 6-layer model: "add five more minutes" with a
    timer running was read as qa_maths 0.53 and answered "I can only do simple sums"."""
    ask(ctx, "set a timer for ten minutes", "alarm_set", slots=[("time", "ten minutes", 600)])
    r = ask(ctx, "add five more minutes", "qa_maths", confidence=0.53)
    assert r.action == "timer_extend", r
    (t,) = ctx.timers.pending("timer")
    assert round(t.due_at - ctx.clock()) == 900
    assert ask(ctx, "what is five plus five", "qa_maths").text == "5 plus 5 is 10."
