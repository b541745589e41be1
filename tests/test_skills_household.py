"""Questions a household asks that the understanding model has no intent for, or reads wrongly,
found by talking to the speaker: the speaker itself ("what's your name", "are you recording
me"), moving an alarm, timers, reminders, lists, volume, jokes. Through ``respond`` over a real
database and the demo library (Monday 2 March 2026, 22:00 by the test's clock; the play history
is on the real clock, as the player writes it). Days and times: test_skills_clock.py; music and
media: test_skills_media.py."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant import history, library

from .test_skills import ask, ctx, demo, recommender  # noqa: F401  (fixtures)

MON = dt.date(2026, 3, 2)


# ---------------------------------------------------------------------- the speaker itself


@pytest.mark.parametrize("text,intent,says", [
    ("what's your name", "email_querycontact", "I'm your speaker. Say 'hey speaker'"),
    ("who are you", "general_quirky", "I'm your speaker."),
    ("who made you", "general_quirky", "open-source"),
    ("are you recording me", "general_quirky", "stays on this device"),
    ("is everything i say being recorded", "unknown", "stays on this device"),
    # small talk, found by a bank of household sentences through the model
    ("how are you", "general_quirky", "I'm doing well"),  # "I'm just a small speaker"
    ("are you there", "general_quirky", "I'm here."),  # "That's a deep one."
    ("can you hear me", "audio_volume_up", "Yes, I can hear you."),  # the volume went up
    ("i'm home", "transport_taxi", "Welcome home!"),  # "Sorry, I can't book a taxi"
    ("i'm leaving", "general_quirky", "see you later"),  # "didn't catch that"
    ("do you like music", "music_likeness", "I love music."),  # "Nothing is playing right now."
    ("how old are you", "general_quirky", "I'm quite new"),
    ("goodnight everyone", "audio_volume_mute", "Good night, sleep well."),  # it muted
    ("i can't sleep", "audio_volume_mute", "Sorry to hear that. I can play something calm"),  # muted
    ("night night", "iot_hue_lightoff", "Good night, sleep well."),
    # the wake phrase: took "change the wake word" off the shopping list; "Okay, never mind."
    ("change the wake word", "alarm_remove", "My wake phrase is 'hey speaker'. To change it"),
    ("can i call you something else", "general_negate", "My wake phrase is 'hey speaker'."),
    ("set a new wake phrase", "alarm_set", "My wake phrase is"),  # "What time should I set ..."
    # the device itself, found by a bank of sentences (what each did is beside it)
    ("restart yourself", "play_audiobook", "I can't restart myself by voice."),  # an audiobook
    ("turn yourself off", "iot_wemo_off", "I can't switch myself off by voice."),  # smart home
    ("are you connected to the internet", "iot_wemo_on", "I work entirely offline"),
    ("what version are you", "general_repeat", "I'm assistant version "),  # "didn't catch that"
    ("can you learn my voice", "audio_volume_up", "I don't learn voices."),  # volume up
    ("set the bass higher", "audio_volume_up", "Sorry, I can't change the bass"),  # volume up
    ("play on the kitchen speaker", "iot_wemo_on", "Sorry, I can only play on this speaker."),
    ("what can i ask you about music", "music_query", "Just say: play some jazz"),  # "Nothing is playing"
    ("do you have spotify", "music_query", "I don't use streaming services"),  # "This is <the song>"
    ("can you do reminders", "calendar_set", "Yes. Just say: remind me"),  # "When is the can you ..."
    ("can you speak spanish", "audio_volume_up", "Sorry, I only speak English"),  # "turn it up?"
    ("how do i turn you off", "iot_wemo_off", "I can't switch myself off by voice."),  # smart home
    # found by a bank of small talk (what each did is beside it)
    ("can you dance", "play_music", "I can't dance, but I can play something to dance to."),  # "didn't catch"
    ("merry christmas", "iot_hue_lightchange", "Merry Christmas to you too!"),  # "didn't catch that"
    ("happy new year everyone", "general_quirky", "Happy New Year to you too!"),  # "a good listener"
    ("happy birthday", "general_quirky", "Happy birthday!"),  # "I'm just a small speaker"
    ("what should i have for dinner", "general_quirky", "Sorry, I can't look up recipes or meals"),
    # what it can do, asked (what each did is beside it)
    ("can you set recurring alarms", "alarm_query", "Yes. Just say: set an alarm for seven AM."),  # "no alarms"
    ("can you set multiple timers", "alarm_set", "Yes. Just say: set a timer"),  # "For how long ...?"
    ("can you remember things for me", "general_quirky", "Yes. I keep lists and reminders."),
    ("how do i cancel an alarm", "alarm_remove", "Just say: cancel my alarm"),  # "set an alarm for seven"
    ("how do i stop the music", "audio_volume_mute", "Just say: stop, or pause"),  # "play some jazz"
    ("what commands do you know", "general_confirm", "play"),  # "I said: ..." (the help varies)
])
def test_questions_about_the_speaker(ctx, text, intent, says):
    r = ask(ctx, text, intent, confidence=0.4)
    assert says in r.text and r.action == "say"


# ---------------------------------------------------------------------- alarms


def _due(ctx) -> list[str]:
    return [dt.datetime.fromtimestamp(a.due_at).strftime("%a %H:%M")
            for a in ctx.timers.pending("alarm")]


def test_moving_an_alarm(ctx):
    ask(ctx, "set an alarm for six thirty tomorrow", "alarm_set")
    # the model read this as alarm_remove at 0.5: the words decide
    r = ask(ctx, "change my alarm to seven", "alarm_remove", confidence=0.5, sentiment="negative")
    assert r.action == "alarm_change" and r.text == "Okay, your alarm is now at 7 AM tomorrow."
    assert _due(ctx) == ["Tue 07:00"]  # a bare hour keeps the old alarm's morning
    assert ask(ctx, "push my alarm back ten minutes", "alarm_set").text == \
        "Okay, your alarm is now at 7:10 AM tomorrow."
    assert ask(ctx, "make my alarm 6:45 instead", "alarm_set").action == "alarm_change"
    assert _due(ctx) == ["Tue 06:45"]
    ask(ctx, "set an alarm for eight on saturday", "alarm_set")
    r = ask(ctx, "move my 8 am alarm to nine", "alarm_set")
    assert "9 AM on Saturday" in r.text and "instead of 8 AM on Saturday" in r.text
    assert _due(ctx) == ["Tue 06:45", "Sat 09:00"]
    r = ask(ctx, "change my alarm", "alarm_set")
    assert r.action == "clarify"
    assert r.text == "What time should your 6:45 AM tomorrow alarm ring instead?"
    assert ask(ctx, "half past six", "unknown", confidence=0.3).action == "alarm_change"
    assert _due(ctx) == ["Tue 06:30", "Sat 09:00"]


def test_moving_an_alarm_when_there_is_none_sets_one(ctx):
    r = ask(ctx, "change my alarm to seven", "alarm_set")
    assert r.action == "alarm_set" and _due(ctx) == ["Tue 07:00"]


def test_alarms_asked_for_one_day(ctx):
    ask(ctx, "set an alarm for six thirty tomorrow", "alarm_set")
    ask(ctx, "set an alarm for eight on saturday", "alarm_set")
    assert ask(ctx, "what time is my alarm tomorrow", "alarm_query").text == \
        "Your alarm is at 6:30 AM tomorrow."
    assert ask(ctx, "do i have an alarm on friday", "alarm_query").text == \
        "You have no alarm on Friday. The next one is at 6:30 AM tomorrow."
    assert ask(ctx, "what alarms do i have", "alarm_query").text == \
        "You have two alarms, at 6:30 AM tomorrow and 8 AM on Saturday."


def test_a_question_back_does_not_swallow_the_next_command(ctx):
    assert ask(ctx, "set an alarm", "alarm_set").action == "clarify"
    r = ask(ctx, "turn off all my alarms", "alarm_remove", confidence=0.99)
    assert r.text == "You have no alarms to cancel."  # once: "all" answered the question
    assert ask(ctx, "add a haircut to my calendar", "calendar_set").action == "clarify"
    r = ask(ctx, "what's on my calendar tomorrow", "calendar_query")
    assert r.action != "calendar_add" and not ctx.db.query("SELECT * FROM agenda")
    # the answers still complete their questions
    assert ask(ctx, "set an alarm", "alarm_set").action == "clarify"
    assert ask(ctx, "seven thirty", "unknown", confidence=0.3).action == "alarm_set"
    assert ask(ctx, "add a haircut to my calendar", "calendar_set").action == "clarify"
    assert ask(ctx, "saturday at ten", "datetime_query").action == "calendar_add"


# ---------------------------------------------------------------------- timers and reminders


def test_a_second_timer_is_not_one_second_longer(ctx):
    from assistant.skills.spoken import parse_duration

    assert parse_duration("set a second timer for three minutes") == 180
    assert parse_duration("set a one second timer") == 1
    r = ask(ctx, "set a timer for 12 minutes for the pasta", "alarm_set")
    assert r.text == "Pasta timer set for 12 minutes."
    r = ask(ctx, "set a second timer for three minutes", "alarm_set",
            slots=[("time", "second", "00:00"), ("time", "three minutes", 180)])
    assert r.text == "Timer set for 3 minutes."
    assert ask(ctx, "cancel the three minute timer", "alarm_remove").action == "timer_remove"


def test_reminders_listed_and_cancelled(ctx):
    r = ask(ctx, "remind me to call mom at five", "calendar_set", slots=[("time", "five", "05:00")])
    # at 10 PM, "at five" is tomorrow afternoon, as for appointments; "at five" is not the errand
    assert r.text == "Okay, I'll remind you to call mom at 5 PM tomorrow."
    ask(ctx, "remind me in ten minutes to check the oven", "calendar_set")
    r = ask(ctx, "what reminders do i have", "calendar_query")
    assert r.text == ("You have two reminders: check the oven in 10 minutes and call mom at "
                      "5 PM tomorrow.")
    r = ask(ctx, "cancel my reminder", "calendar_remove")
    assert r.action == "clarify" and r.text.endswith("Which one should I cancel?")
    r = ask(ctx, "the oven", "unknown", confidence=0.2)
    assert r.text == "Cancelled your reminder: check the oven in 10 minutes."
    assert ask(ctx, "delete my reminder", "calendar_remove").action == "reminder_remove"
    assert ask(ctx, "do i have any reminders", "calendar_query").text == "You have no reminders set."
    assert not ctx.timers.pending()


def test_reminders_are_not_alarms_or_timers(ctx):
    """A reminder is kept as an alarm or a timer; asked for alarms or timers, the speaker lists
    those only and mentions the reminders, and "cancel my alarm" leaves the reminders alone."""
    ask(ctx, "remind me to take out the trash at eight tonight", "calendar_set",
        slots=[("time", "eight", "08:00")])
    ask(ctx, "remind me in ten minutes to check the oven", "calendar_set")
    r = ask(ctx, "what alarms do i have", "alarm_query")
    assert r.text == "You have no alarms set. You also have two reminders.", r
    assert ask(ctx, "how long is left on my timer", "alarm_query").text == "You have no timers running."
    ask(ctx, "set an alarm for six thirty tomorrow morning", "alarm_set")
    r = ask(ctx, "what alarms do i have", "alarm_query")
    assert r.text == "You have one alarm, at 6:30 AM tomorrow. You also have two reminders.", r
    r = ask(ctx, "cancel my alarm", "alarm_remove")
    assert r.text == "Alarm cancelled." and len(ctx.timers.pending()) == 2
    assert ask(ctx, "cancel my timer", "alarm_remove").text == "You have no timers to cancel."
    assert len(ctx.timers.pending()) == 2


def test_more_time_on_the_timer_named(ctx):
    ask(ctx, "set a timer for 12 minutes for the pasta", "alarm_set")
    ask(ctx, "set an egg timer for 3 minutes", "alarm_set")
    r = ask(ctx, "add five minutes to the pasta timer", "alarm_set")
    assert r.text == "Added 5 minutes. Your pasta timer has 17 minutes left."


# ---------------------------------------------------------------------- lists


def test_an_item_taken_off_by_what_was_done(ctx):
    ask(ctx, "add call the plumber to my to do list", "lists_createoradd")
    ask(ctx, "add milk to my shopping list", "lists_createoradd")
    # the model's list_name was "plumber": no such list, so the item is looked for on all lists
    r = ask(ctx, "i called the plumber take it off the list", "lists_remove",
            slots=[("list_name", "plumber", "plumber")])
    assert r.text == "Removed call the plumber from your to do list."
    assert ask(ctx, "i bought the milk cross it off", "lists_remove").text == \
        "Removed milk from your shopping list."


def test_a_list_command_does_not_answer_a_list_question(ctx):
    ask(ctx, "add bread to my shopping list", "lists_createoradd")
    ask(ctx, "what's on my shopping list", "lists_query")  # "it" is no longer what was just added
    assert ask(ctx, "take it off the list", "lists_remove").action == "clarify"
    r = ask(ctx, "create a packing list", "lists_createoradd")
    assert r.text == "Okay, I made a packing list."
    assert ask(ctx, "what should i add to my shopping list", "lists_createoradd").action == "clarify"
    assert ask(ctx, "eggs", "unknown", confidence=0.2).text == "Added eggs to your shopping list."


# ---------------------------------------------------------------------- what people say to it


@pytest.mark.parametrize("text,intent,says", [
    ("you're useless", "general_negate", "Sorry. I'm still learning."),
    ("i'm sad", "general_quirky", "I'm sorry to hear that."),
    ("i'm having a great day", "general_quirky", "That's great to hear!"),
    ("i'm bored", "general_quirky", "How about a joke"),
    ("never mind", "general_dontcare", "Okay, never mind."),  # was "Okay, I'll choose."
])
def test_what_people_say_of_themselves_and_of_it(ctx, text, intent, says):
    r = ask(ctx, text, intent, confidence=0.4, sentiment="negative")
    assert r.text.startswith(says), r.text


def test_not_what_i_asked_for_stops_what_just_started(ctx):
    ask(ctx, "play some rock", "play_music", slots=[("music_genre", "rock", "rock")])
    r = ask(ctx, "that's not what i asked for", "general_negate", sentiment="negative")
    assert r.text == "Sorry about that. What would you like instead?"
    assert ctx.player.current is None
    ask(ctx, "play some rock", "play_music", slots=[("music_genre", "rock", "rock")])
    r = ask(ctx, "that was the wrong song", "music_query", confidence=0.38)  # was "didn't catch that"
    assert r.text == "Sorry about that. What would you like instead?" and ctx.player.current is None


def test_this_music_is_terrible_is_a_dislike(ctx):
    ask(ctx, "play some rock", "play_music", slots=[("music_genre", "rock", "rock")])
    t = ctx.player.current
    r = ask(ctx, "this music is terrible", "music_settings", confidence=0.62, sentiment="negative")
    assert r.action == "dislike" and ctx.player.current.id != t.id
    r = ask(ctx, "this song is great", "general_quirky", sentiment="positive")
    assert r.action == "like"


def test_what_episode_is_this(ctx):
    ask(ctx, "play a podcast", "play_podcasts")
    t = ctx.player.current
    r = ask(ctx, "what episode is this", "play_podcasts", slots=[("podcast_descriptor", "episode",
                                                                  "episode")])
    assert r.text == f"This is {t.title} by {t.artist}."
    # tiny.en writes "what chapter's this" as "What chapters this?": a podcast replaced the book
    ask(ctx, "play my audiobook", "play_audiobook")
    book = ctx.player.current
    r = ask(ctx, "what chapters this?", "play_podcasts", 0.61)
    assert r.text == f"This is {book.title} of {book.album} by {book.artist}." and ctx.player.current == book, r


# ---------------------------------------------------------------------- more of the clock


def test_pausing_a_timer(ctx):
    ask(ctx, "set a timer for ten minutes", "alarm_set")
    ctx.clock.t += 60
    r = ask(ctx, "pause the timer", "audio_volume_mute", sentiment="negative")  # the model's read
    assert r.text == "Paused your timer with 9 minutes left."
    ctx.clock.t += 3600  # paused: nothing rings, however long
    assert not ctx.timers.due(ctx.clock())
    assert ask(ctx, "how long is left on the timer", "alarm_query").text == \
        "Your timer is paused with 9 minutes left."
    r = ask(ctx, "resume the timer", "alarm_set")
    assert r.text == "Resumed your timer. 9 minutes to go."
    ctx.clock.t += 9 * 60
    assert [t.kind for t in ctx.timers.due(ctx.clock())] == ["timer"]
    assert ask(ctx, "pause the timer", "audio_volume_mute").text == "Okay, it's off."  # ringing
    assert ask(ctx, "pause the timer", "audio_volume_mute").text == "You have no timers running."


def test_a_paused_timer_is_kept_across_a_restart(tmp_path):
    from assistant import db as D
    from assistant.timers import Timers

    db = D.open_db(tmp_path / "a.db")
    t = Timers(db).add_timer(600, now=1000.0, label="pasta")
    Timers(db).pause(t.id, now=1100.0)
    db.close()
    db = D.open_db(tmp_path / "a.db")
    (held,) = Timers(db).paused()
    assert held.label == "pasta" and held.remaining(now=99999.0) == 500.0
    assert Timers(db).cancel(held.id) and not Timers(db).paused()
    db.close()


def test_named_alarms_and_how_long_until_one(ctx):
    r = ask(ctx, "set an alarm for seven called gym", "alarm_set", slots=[("time", "seven", "07:00")])
    assert r.text == "Gym alarm set for 7 AM tomorrow."
    from assistant.skills.timer_words import ring_words

    assert ring_words("alarm", "gym") == "Your gym alarm." and ring_words("alarm", "wake up") == ""
    assert ask(ctx, "what alarms do i have", "alarm_query").text == \
        "You have one alarm, at 7 AM tomorrow for gym."
    assert ask(ctx, "how long until my alarm goes off", "alarm_query").text == \
        "Your alarm goes off in 9 hours, at 7 AM tomorrow."  # the test's clock: Monday 22:00


def test_moods_choose_a_genre(ctx):
    r = ask(ctx, "play something relaxing", "play_music", confidence=0.63)
    assert dict(r.detail)["genre"] == "Classical"
    # what a household asks for (they played AC/DC: "music for studying", "background music")
    for text, genre in [("play music for studying", "Classical"), ("play some background music", "Jazz"),
                        ("play something for dinner", "Jazz"), ("play music for cleaning", "Pop")]:
        assert dict(ask(ctx, text, "play_music", confidence=0.9).detail)["genre"] == genre, text
    r = ask(ctx, "turn it all the way down", "audio_volume_down", sentiment="negative")
    assert not r.text.startswith("Sorry")  # "all the way down" is no complaint


def test_asking_after_one_item_and_how_many(ctx):
    ask(ctx, "add batteries and bread to my shopping list", "lists_createoradd")
    assert ask(ctx, "is milk on my shopping list", "lists_query").text == \
        "No, milk isn't on your shopping list."
    assert ask(ctx, "are batteries on the list", "lists_query").text == \
        "Yes, batteries are on your shopping list."
    assert ask(ctx, "how many things are on my shopping list", "lists_query").text == \
        "2 things: your shopping list has batteries and bread."


def test_a_reminder_without_a_time_asks_when(ctx):
    r = ask(ctx, "remind me to buy milk", "calendar_set")  # was "When is the buy milk?"
    assert r.text == "When should I remind you?"
    r = ask(ctx, "five", "unknown", confidence=0.3)
    assert r.text == "Okay, I'll remind you to buy milk at 5 PM tomorrow."
    ask(ctx, "remind me to call the bank", "calendar_set")
    assert ask(ctx, "in ten minutes", "alarm_set").text == \
        "Okay, I'll remind you to call the bank in 10 minutes."
    # with a day and no time it asks the time (a calendar entry for the whole day was never told)
    r = ask(ctx, "remind me to call mom on friday", "calendar_set")
    assert r.text == "What time on Friday should I remind you?", r
    r = ask(ctx, "in the afternoon", "weather_query", confidence=0.23)
    assert r.text == "Okay, I'll remind you to call mom at 1 PM on Friday.", r
    r = ask(ctx, "remind me tomorrow to call the plumber", "calendar_set")
    assert r.text == "What time tomorrow should I remind you?", r
    assert ask(ctx, "at ten", "alarm_set").text == \
        "Okay, I'll remind you to call the plumber at 10 AM tomorrow."
    r = ask(ctx, "remind me to call grandma saturday", "calendar_set")  # as tiny.en writes it
    assert r.text == "What time on Saturday should I remind you?", r
    ask(ctx, "never mind", "general_dontcare")
    # a day to keep ("that", "of") stays the calendar's
    assert ask(ctx, "remind me that i have a dentist appointment on friday",
               "calendar_set").action == "calendar_add"
    # past a timer's longest (a week): "in two weeks" failed ("When is the weeks to ...?")
    r = ask(ctx, "remind me in two weeks to renew my passport", "calendar_set")
    assert r.text == "Okay, I'll remind you to renew your passport at 10 PM on Monday March 16.", r
    # a reminder about something, or for it, was a calendar entry ("When is the dentist?"), and
    # a calendar or reminders read said so asked when it was ("When is what's?")
    r = ask(ctx, "On every Tuesday reminds me to go shopping.", "calendar_set", 0.88)  # tiny.en's "reminds"
    assert r.text == "What time every Tuesday should I remind you?", r  # was "Added on tomorrow to your calendar."
    ask(ctx, "never mind", "general_dontcare")
    for text in ("remind me about the dentist", "I need a reminder set for signing up for the conference",
                 "set a reminder for the conference signup"):
        r = ask(ctx, text, "calendar_set", 1.0)
        assert r.text == "When should I remind you?", text
        assert " to about " not in dict(r.detail)["then"], r  # how the answer completes it
    r = ask(ctx, "tomorrow at 9", "alarm_set", 0.54)
    assert r.text == "Okay, I'll remind you about the conference signup at 9 AM tomorrow.", r
    assert ask(ctx, "set a reminder for 5 pm to call mom", "calendar_set").action == "reminder_set"
    r = ask(ctx, "can you remind me about what's on my calendar", "calendar_set", 0.92)
    assert r.action == "calendar_read", r
    assert ask(ctx, "remind me about my reminders", "calendar_set", 0.99).text.startswith("You have 7 reminders")



def test_a_reminder_about_something_on_a_day_and_repeats_it_cannot_keep(ctx):
    # "about" on a day with no time was an all-day calendar entry, never told
    r = ask(ctx, "remind me about the dentist tomorrow", "calendar_set")
    assert r.text == "What time tomorrow should I remind you?", r
    assert ask(ctx, "at 3", "alarm_set").text == "Okay, I'll remind you about the dentist at 3 PM tomorrow."
    r = ask(ctx, "remind me about mom's birthday on june 3rd", "calendar_set")  # was "on june 3 rd"
    assert r.text == "What time on Wednesday, June 3 should I remind you?", r
    ask(ctx, "never mind", "general_dontcare")
    # was "I'll remind you to every 30 minutes to check the oven in 30 minutes."
    r = ask(ctx, "remind me every 30 minutes to check the oven", "calendar_set")
    assert r.text == ("Okay, I'll remind you to check the oven in 30 minutes. I can only repeat "
                      "reminders on days of the week, so this one is once."), r
    r = ask(ctx, "remind me every hour to stretch", "calendar_set")  # was "When is the hour to stretch?"
    assert r.text.startswith("Okay, I'll remind you to stretch in 1 hour."), r
    r = ask(ctx, "remind me every half hour to stretch", "calendar_set")  # "remind you to every half hour"
    assert r.text.startswith("Okay, I'll remind you to stretch in 30 minutes. I can only"), r
    # was "When is the other day to water the plants?" / "What time month should I remind you?"
    for said, odd in (("remind me every other day to water the plants", "every other day"),
                      ("remind me every month to pay rent", "every month")):
        r = ask(ctx, said, "calendar_set")
        assert r.text == f"I can only repeat reminders every day or on days of the week, not {odd}.", r
    r = ask(ctx, "remind me every monday to take out the trash", "calendar_set")
    assert r.text == "What time every Monday should I remind you?", r

def test_more_ways_to_stop_and_to_ask_for_music(ctx):
    ask(ctx, "play some jazz", "play_music", slots=[("music_genre", "jazz", "jazz")])
    r = ask(ctx, "that's enough music for today", "music_likeness", confidence=0.46)
    assert r.action == "stop" and ctx.player.current is None
    # Whisper's spelling of a name the library has, said another way
    r = ask(ctx, "i'd like to hear some betowen", "play_music", confidence=0.97)
    assert dict(r.detail)["artist"] == "Ludwig van Beethoven"
    r = ask(ctx, "how about some taylor swift instead", "qa_factoid", confidence=0.77,
            slots=[("artist_name", "taylor swift", "taylor swift")])
    assert r.text == "Sorry, I couldn't find taylor swift in your library."


def test_moving_a_calendar_entry(ctx):
    ask(ctx, "add soccer practice on saturday at nine to my calendar", "calendar_set")
    # was "Added move soccer practice today to your calendar."
    r = ask(ctx, "move soccer practice to sunday", "calendar_set", confidence=0.72)
    assert r.text == "Moved soccer practice to Sunday at 9 AM." and r.action == "calendar_move"
    (e,) = ctx.db.query("SELECT title, day, at FROM agenda")
    assert (e["title"], e["day"], e["at"]) == ("soccer practice", "2026-03-08", "09:00")
    ask(ctx, "push soccer practice to 4 pm", "calendar_set")
    (e,) = ctx.db.query("SELECT day, at FROM agenda")
    assert (e["day"], e["at"]) == ("2026-03-08", "16:00")
    # nothing of that name: an ordinary request, as before
    assert ask(ctx, "move the party to friday", "calendar_set").action == "calendar_add"


def test_shuffle_off_and_the_next_one(ctx):
    ask(ctx, "shuffle my music", "music_settings")
    t = ctx.player.current
    assert ask(ctx, "turn off shuffle", "music_settings").text == "Okay, no more shuffling."
    assert ctx.player.current.id == t.id
    r = ask(ctx, "play the next one", "play_podcasts", confidence=0.88)  # was a podcast
    assert r.action == "next" and dict(r.detail)["media"] == "music"


def test_a_song_not_in_the_library_is_said(ctx):
    r = ask(ctx, "play thriller by michael jackson", "play_music",
            slots=[("artist_name", "michael jackson", "michael jackson")])
    assert r.text.startswith("I couldn't find thriller, so here's Michael Jackson, starting with ")


def test_moving_an_entry_to_a_weekday_that_has_passed_today(ctx):
    ctx.clock.t = dt.datetime(2026, 3, 8, 22, 0).timestamp()  # a Sunday, 10 PM
    ask(ctx, "add soccer practice on saturday at nine to my calendar", "calendar_set")
    r = ask(ctx, "move soccer practice to sunday", "calendar_set")
    assert r.text == "Moved soccer practice to Sunday, March 15 at 9 AM."  # not "today at 9 AM"


def test_lists_that_are_not_the_households(ctx):
    from assistant.skills.lists import command

    for text in ("put sam@gmail dot com in my email contacts list", "please open my contact list",
                 "give me the list of circus shows going on in the city right now",
                 "i need to get a ticket via train to orlando", "i need some coffee made"):
        assert command(text) is None, text
    ask(ctx, "create a list called party time", "lists_createoradd")
    r = ask(ctx, "remove the list called party time", "lists_remove")  # was "create"
    assert r.text == "Okay, I deleted your party time list."


def test_reminders_the_calendar_keeps_and_reminders_on_a_day(ctx):
    ask(ctx, "remind me that i have a dentist appointment on friday", "calendar_set")
    r = ask(ctx, "what reminders do i have", "calendar_query")
    assert "dentist appointment" in r.text and r.action == "calendar_read"
    r = ask(ctx, "cancel the dentist appointment reminder", "calendar_remove")
    assert r.action == "calendar_remove"
    # a reminder with a day and a time rings on that day (Monday 2 March, 22:00 by the clock)
    r = ask(ctx, "remind me to pay the electricity bill on the 7th at nine am", "calendar_set")
    assert r.text == "Okay, I'll remind you to pay the electricity bill at 9 AM on Saturday."


def test_routing_leaves_these_alone(ctx):
    from assistant.skills import route
    from assistant.types import Understanding

    # found by routing HWU64 valid and SLURP test as text (the words, not the labels, decide)
    for text, intent in (("i need to get up at ten tomorrow", "alarm_set"),):
        u = Understanding(text, intent, 0.95, "neutral", 0.9)
        assert route(u, ctx)[0] == intent, text


def test_a_reminder_some_weeks_before_a_day(ctx):
    """"Three weeks before thanksgiving" made a calendar entry on Thanksgiving itself, never told;
    with the model's slot it was a reminder three weeks from now."""
    r = ask(ctx, "can you remind me to order the turkey three weeks before thanksgiving",
            "calendar_set", slots=[("time", "three weeks", 1814400)])
    assert r.text == "What time on Thursday, November 5 should I remind you?", r
    r = ask(ctx, "at nine", "alarm_set", 0.94)
    assert r.text == "Okay, I'll remind you to order the turkey at 9 AM on Thursday November 5.", r


def test_a_sleep_timer_and_what_people_say_to_children(ctx):
    from assistant.skills.chat import ChatSkill

    ask(ctx, "play some jazz", "play_music", slots=[("music_genre", "jazz", "jazz")])
    r = ask(ctx, "turn it off in ten minutes", "audio_volume_mute", confidence=0.68)  # not mute
    assert r.text == "Okay, I'll stop the music in 10 minutes." and ctx.player.volume > 0
    r = ask(ctx, "set a sleep timer for thirty minutes", "alarm_set")
    assert [t.label for t in ctx.timers.pending()] == ["sleep"]  # one sleep timer at a time
    r = ask(ctx, "cancel the sleep timer", "alarm_remove")
    assert r.text == "Sleep timer cancelled. The music will keep playing.", r
    assert ask(ctx, "is it muted", "audio_volume_mute").text.startswith("The volume is ")
    assert ask(ctx, "count to five", "qa_maths", confidence=0.79).text == \
        "One, two, three, four, five."
    assert ask(ctx, "sing a song", "music_likeness", confidence=0.77).text.startswith(
        "I'm better at playing songs")
    # tiny.en's "sing me a song" (was "Sorry, I couldn't find desong in your library")
    assert ask(ctx, "Sing me desong.", "play_music", confidence=0.56).text.startswith(
        "I'm better at playing songs")
    joke = ask(ctx, "tell me a joke", "general_joke").text
    r = ask(ctx, "another one", "general_repeat", confidence=0.76)  # was the same joke again
    assert r.text != joke and r.text in ChatSkill.jokes()
    ctx.player.stop()
    ask(ctx, "what time is it", "datetime_query")
    assert ask(ctx, "repeat", "music_settings", confidence=0.94).action == "repeat"


def test_a_joke_that_fell_flat(ctx):
    """"That's not funny" gets an apology and an offer, not "Okay, never mind"; "that was
    terrible" after a joke is of the joke, even with a song playing (no dislike recorded)."""
    from assistant.skills.chat import ChatSkill

    ask(ctx, "play some jazz", "play_music", slots=[("music_genre", "jazz", "jazz")])
    song = ctx.player.current
    joke = ask(ctx, "tell me a joke", "general_joke").text
    r = ask(ctx, "that's not funny", "general_negate", sentiment="negative")
    assert r.text == "Sorry, that one fell flat. Want to hear another?", r
    r = ask(ctx, "yes", "general_affirm")
    assert r.text in ChatSkill.jokes() and r.text != joke
    r = ask(ctx, "that was terrible", "music_likeness", sentiment="negative")
    assert r.text.startswith("Sorry, that one fell flat") and ctx.player.current == song
    assert ask(ctx, "no", "general_negate").text == "Okay, never mind."
    r = ask(ctx, "this song is terrible", "music_likeness", sentiment="negative")
    assert r.action != "suggest"  # no joke just now: about the song


def test_found_on_a_busy_morning(ctx):
    """"Add five more minutes" set an alarm for 5 AM; "actually remove that" after "add bananas"
    asked what to remove; "tokylo" (Whisper's Tokyo) had no time zone."""
    ask(ctx, "set a timer for three minutes for the eggs", "alarm_set")
    r = ask(ctx, "add five more minutes", "alarm_set", confidence=0.61,
            slots=[("time", "five", "05:00")])
    assert r.text == "Added 5 minutes. Your eggs timer has 8 minutes left.", r
    assert [t.kind for t in ctx.timers.pending()] == ["timer"]
    ask(ctx, "add bananas and apples", "lists_createoradd")
    r = ask(ctx, "actually remove that", "lists_remove", confidence=0.82)
    assert r.text == "Removed bananas and apples from your shopping list.", r
    r = ask(ctx, "what time is it in tokylo", "datetime_query",
            slots=[("place_name", "tokylo", "tokylo")])
    assert r.text.startswith("In Tokyo it's "), r
    r = ask(ctx, "what time is it in narnia", "datetime_query",
            slots=[("place_name", "narnia", "narnia")])
    assert r.text == "Sorry, I don't know the time zone of narnia.", r


def test_volume_by_number_timers_counted_and_when_the_music_stops(ctx):
    r = ask(ctx, "set the volume to 30%", "audio_volume_up", confidence=0.46,
            slots=[("change_amount", "30", 30)])  # was "Did you want me to turn the volume up?"
    assert r.text == "Volume 30 percent.", r
    assert ask(ctx, "volume at five", "audio_volume_down", confidence=0.4).text == "Volume 50 percent."
    # a fraction was read as one step up or down: "set the volume to half" gave 60 percent
    for said, level in (("set the volume to half", 50), ("turn it down to a quarter", 25),
                        ("put the volume at three quarters", 75), ("half volume please", 50)):
        r = ask(ctx, said, "audio_volume_up", confidence=0.57, slots=[("change_amount", "to half", None)])
        assert r.text == f"Volume {level} percent.", (said, r)
    r = ask(ctx, "turn it up to eleven", "audio_volume_up", confidence=0.6)
    assert r.text == "Volume 100 percent.", r  # was 11 percent: down from 75
    assert ask(ctx, "turn it down to fifteen", "audio_volume_down").text == "Volume 15 percent."
    ask(ctx, "set the volume to 30%", "audio_volume_up")
    r = ask(ctx, "turn it up by half", "audio_volume_up")  # a step of half the scale, not a level
    assert r.text != "Volume 50 percent.", r
    ask(ctx, "set a timer for five minutes", "alarm_set")
    r = ask(ctx, "how many timers do i have", "calendar_query", confidence=0.87)
    assert r.text == "You have one timer, with 5 minutes left.", r
    ask(ctx, "play some jazz", "play_music", slots=[("music_genre", "jazz", "jazz")])
    ask(ctx, "turn off the music in ten minutes", "audio_volume_mute")
    r = ask(ctx, "how long until the music stops", "play_music", confidence=0.30)  # was "didn't catch"
    assert r.text == "The music stops in 10 minutes.", r


def test_create_it_to_do_list_is_a_to_do_list(ctx):
    # "create a to do list" heard "create it to do list": "Okay, I made a it list."
    r = ask(ctx, "create it to do list", "lists_createoradd",
            slots=[("list_name", "it", "it"), ("list_name", "to do", "to do")])
    assert r.text == "Okay, I made a to do list.", r
    assert ask(ctx, "what lists do i have", "lists_query").text == "You have 1 list: to do."


def test_items_said_with_commas_and_bought(ctx):
    r = ask(ctx, "add eggs, flour and sugar to my shopping list", "lists_createoradd")
    assert r.text == "Added eggs, flour and sugar to your shopping list."  # was "eggs flour"
    r = ask(ctx, "i got the flour", "qa_definition", confidence=0.21)
    assert r.text == "Removed flour from your shopping list."
    r = ask(ctx, "we bought the eggs and the sugar", "general_quirky")
    assert r.text == "Removed eggs and sugar from your shopping list."
    assert ask(ctx, "i got the job", "general_quirky").action != "list_remove"  # not on a list


def test_the_favourite_song_is_the_liked_one(ctx):
    tracks = library.tracks(ctx.db, kind="music")
    history.record(ctx.db, "liked", artist=tracks[2].artist, title=tracks[2].title,
                   track_id=tracks[2].id)
    history.record(ctx.db, "started", artist=tracks[4].artist, title=tracks[4].title,
                   track_id=tracks[4].id)
    r = ask(ctx, "what's my favourite song", "music_query")
    assert r.text == f"Your favourite seems to be {tracks[2].title} by {tracks[2].artist}."


@pytest.mark.parametrize("text,intent,says", [
    ("announce dinner is ready", "calendar_set", "Dinner is ready!"),  # "add that to your calendar?"
    ("tell the kids it's dinner time", "calendar_set", "Kids, it's dinner time!"),  # "When is ...?"
    ("tell everyone that we're leaving in five minutes", "audio_volume_mute",
     "Everyone, we're leaving in five minutes!"),
    ("tell them to be quiet", "audio_volume_mute", "Be quiet!"),  # no "Sorry." first
    ("tell every one dinner is ready.", "calendar_set", "Everyone, dinner is ready!"),  # as heard
])
def test_an_announcement_is_said_to_the_room(ctx, text, intent, says):
    r = ask(ctx, text, intent, confidence=0.5, sentiment="negative")
    assert (r.action, r.text) == ("announce", says), r


def test_what_an_unhappy_household_says(ctx):
    """Found by a bank of sentences; what each did before is said beside it."""
    ask(ctx, "play some rock", "play_music", slots=[("music_genre", "rock", "rock")])
    playing = ctx.player.current
    # "Sorry, I'm not connected to any smart home devices." and the music played on
    r = ask(ctx, "turn off everything", "iot_wemo_off", confidence=0.67)
    assert r.action == "stop" and ctx.player.current is None, r
    ask(ctx, "play some rock", "play_music", slots=[("music_genre", "rock", "rock")])
    playing = ctx.player.current
    # "Sorry, I can't change that setting yet."
    r = ask(ctx, "i'm so tired of this song", "music_settings", confidence=0.58, sentiment="negative")
    assert r.action == "dislike" and ctx.player.current != playing, r
    # it turned the volume up
    volume = ctx.player.volume
    assert ask(ctx, "wow that's loud", "audio_volume_up", confidence=0.68).action == "volume"
    assert ctx.player.volume < volume
    # it muted the music
    r = ask(ctx, "can you please stop talking", "audio_volume_mute", confidence=0.92)
    assert r.text == "Okay." and ctx.player.status().state == "playing" and ctx.player.volume > 0, r
    # "Did you want me to tell a joke?", "didn't catch that"
    assert ask(ctx, "i'm really angry", "general_joke", confidence=0.41).text.startswith(
        "I'm sorry to hear that.")
    assert ask(ctx, "terrible job", "general_quirky", confidence=0.32).text.startswith(
        "Sorry. I'm still learning.")
    # "I'm just a small speaker"
    r = ask(ctx, "damn i forgot to buy milk", "general_quirky", confidence=0.58)
    assert r.action == "list_add" and "Added milk to your shopping list." in r.text, r
    assert ask(ctx, "i forgot my keys", "unknown", confidence=0.17).action != "list_add"
    # "couldn't find good" (the model tagged "good" a genre)
    r = ask(ctx, "please just play something good", "play_music", confidence=0.89,
            slots=[("music_genre", "good", "good")])
    assert r.action == "play", r


def test_the_favourite_artist_genre_and_album(ctx):
    assert ask(ctx, "who is my favourite artist", "music_query").text == \
        "I don't know your favourite artist yet. Play some music and I'll learn it."
    tracks = library.tracks(ctx.db, kind="music")
    a, b = tracks[0], next(t for t in tracks if t.genre != tracks[0].genre)
    for t in (a, b, b):
        history.record(ctx.db, "started", artist=t.artist, title=t.title, track_id=t.id)
    history.record(ctx.db, "started", artist="Nobody Here", title="Imported")  # an import
    # each was the most played song ("Your most played song is ...")
    assert ask(ctx, "who is my favourite artist", "music_query").text == \
        f"Your most played artist is {b.artist}, with 2 plays."
    assert ask(ctx, "what's my most played album", "music_query").text == \
        f"Your most played album is {b.album}, with 2 plays."
    # was the library's summary ("You have 26 songs by 20 artists, ...")
    assert ask(ctx, "what kind of music do i listen to the most", "music_query").text == \
        f"You play {b.genre.lower()} music the most, with 2 plays."
    history.record(ctx.db, "liked", artist=a.artist, title=a.title, track_id=a.id)
    r = ask(ctx, "who do i listen to most", "music_query")
    assert dict(r.detail)["artist"] == a.artist  # a like counts three plays


def test_clearing_the_listening_history_asks_first(ctx):
    t = library.tracks(ctx.db, kind="music")[0]
    history.record(ctx.db, "started", artist=t.artist, title=t.title, track_id=t.id)
    # was "What should I take off your shopping list?"
    r = ask(ctx, "clear my history", "lists_remove", confidence=0.69)
    assert r.action == "confirm_first" and r.text.startswith("Clear your whole listening history?"), r
    assert ask(ctx, "no", "general_negate").text == "Okay, never mind."
    assert history.count(ctx.db) == 1
    ask(ctx, "delete my play history", "lists_remove", sentiment="negative")
    r = ask(ctx, "yes", "general_affirm")
    assert r.action == "history_clear" and r.text.startswith("Done."), r
    assert history.count(ctx.db) == 0
    r = ask(ctx, "forget what i played", "play_audiobook", confidence=0.31, sentiment="negative")
    assert r.text == "Your listening history is already empty.", r  # no apology, no question


def test_two_timers_in_one_sentence_and_kitchen_ounces(ctx):
    r = ask(ctx, "set a timer for eight minutes for the eggs and fifteen minutes for the rice",
            "alarm_set")
    assert r.text == "Two timers: eggs for 8 minutes and rice for 15 minutes."  # was one "rice"
    assert sorted((t.label, t.duration_s) for t in ctx.timers.pending("timer")) == \
        [("eggs", 480), ("rice", 900)]
    assert ask(ctx, "how long is left on the rice timer", "alarm_query").text == \
        "Your rice timer has 15 minutes left."
    # "ounces in a cup" (the model: cooking_recipe) is a kitchen's fluid ounce
    assert ask(ctx, "how many ounces in a cup", "cooking_recipe", confidence=0.68).text == \
        "A cup is 8 fluid ounces."


def test_no_make_it_fifteen(ctx):
    ask(ctx, "set a timer for ten minutes", "alarm_set")
    r = ask(ctx, "no make it fifteen", "qa_maths", confidence=0.27, sentiment="negative")
    assert r.text == "Okay, your timer is now 15 minutes."  # was "Sorry, I didn't catch that."
    assert [t.duration_s for t in ctx.timers.pending("timer")] == [900]
    ask(ctx, "set an alarm for seven", "alarm_set", slots=[("time", "seven", "07:00")])
    r = ask(ctx, "actually make that 730", "qa_maths", confidence=0.65)
    assert r.text == "Okay, your alarm is now at 7:30 AM tomorrow."
    # with nothing just set, "make it fifteen" is no correction
    ask(ctx, "what time is it", "datetime_query")
    assert ask(ctx, "make it fifteen", "unknown", confidence=0.2).action == "clarify"


def test_a_bare_hour_answers_what_time(ctx):
    assert ask(ctx, "set an alarm", "alarm_set").text == "What time should I set the alarm for?"
    r = ask(ctx, "seven", "qa_maths", confidence=0.93)  # the model, sure it is a sum
    assert r.action == "alarm_set" and r.text == "Alarm set for 7 AM tomorrow."


def test_make_it_louder_after_a_timer_is_no_correction(ctx):
    ask(ctx, "set a timer for ten minutes", "alarm_set")
    r = ask(ctx, "make it louder", "audio_volume_up")
    assert r.action == "volume" and [t.duration_s for t in ctx.timers.pending()] == [600]


def test_cancelling_the_sleep_timer(ctx):
    ask(ctx, "play some jazz", "play_music", slots=[("music_genre", "jazz", "jazz")])
    ask(ctx, "turn it off in one minute", "audio_volume_mute", confidence=0.46)
    assert ask(ctx, "how long is left on the sleep timer", "alarm_query").text == \
        "Your sleep timer has 1 minute left."
    r = ask(ctx, "cancel the sleep timer", "alarm_remove", confidence=0.74)  # asked "when" once
    assert r.action == "timer_remove" and not ctx.timers.pending()


def test_stories_and_compliments(ctx):
    r = ask(ctx, "tell me a story", "general_quirky", confidence=0.63)  # "I'm just a small speaker"
    assert r.text.startswith("I don't know any stories yet."), r
    assert ask(ctx, "you're funny", "general_praise").text == "Thank you! That's nice to hear."
    r = ask(ctx, "play let it go", "play_music", confidence=0.6)  # was recommendations instead
    assert r.text == "Sorry, I couldn't find let it go in your library.", r


def test_turn_it_back_up(ctx):
    ask(ctx, "set the volume to 80 percent", "audio_volume_up")
    ask(ctx, "turn it all the way down", "audio_volume_down")
    r = ask(ctx, "turn it back up", "audio_volume_up", confidence=0.86)  # was one step: 15 percent
    assert r.text == "Volume 80 percent.", r
    assert ask(ctx, "turn it back up", "audio_volume_up").text == "Volume 90 percent."  # nothing to go back to


def test_and_eggs_after_adding_to_a_list(ctx):
    ask(ctx, "add milk to the shopping list", "lists_createoradd")
    r = ask(ctx, "End eggs.", "unknown", confidence=0.2)  # "And eggs." as heard: was asked back
    assert r.text == "Added eggs to your shopping list.", r
    r = ask(ctx, "and bread and butter too", "lists_createoradd", confidence=0.6)
    assert r.text == "Added bread and butter to your shopping list.", r
    ask(ctx, "what time is it", "datetime_query")
    assert ask(ctx, "and jam", "unknown", confidence=0.2).action == "clarify"  # not after a list


def test_how_do_i_and_what_do_i_have(ctx):
    r = ask(ctx, "how do i set an alarm", "alarm_query", confidence=0.96)  # "You have no alarms set."
    assert r.text.startswith("Just say: set an alarm for seven AM."), r
    assert ask(ctx, "can you set timers", "alarm_set", confidence=0.86).text.startswith("Yes. Just say")
    r = ask(ctx, "what audiobooks do i have", "play_audiobook", confidence=0.46)  # was asked back
    assert r.text == "You have 1 audiobook: A Short Book.", r
    r = ask(ctx, "what music do i have", "music_query")  # was "This is <the song playing>."
    music = library.tracks(ctx.db, kind="music")
    assert r.text.startswith(f"You have {len(music)} songs by {len({t.artist for t in music})} "
                             "artists, like "), r
    assert ask(ctx, "what podcasts do we have", "play_podcasts").text == \
        "You have 1 podcast: Demo Radio Hour."


def test_games_a_child_plays_with_the_speaker(ctx):
    """Found by a bank of sentences; each was a question back, a podcast or the honest answer."""
    from assistant.skills.games import RIDDLES

    assert ask(ctx, "knock knock", "unknown", confidence=0.12).text == "Who's there?"
    assert ask(ctx, "lettuce", "cooking_recipe", confidence=0.5).text == "Lettuce who?"
    r = ask(ctx, "lettuce in it's cold out here", "weather_query", confidence=0.21,
            sentiment="negative")
    assert r.text == "Ha! That's a good one.", r  # no "Sorry" first
    r = ask(ctx, "tell me a riddle", "general_quirky", confidence=0.36)
    riddle = next(x for x in RIDDLES if x[0] == r.text)
    assert ask(ctx, "i give up", "general_quirky").text == f"It's {riddle[1][0].lower()}{riddle[1][1:]}"
    r = ask(ctx, "tell me a riddle", "general_quirky", confidence=0.36)
    riddle = next(x for x in RIDDLES if x[0] == r.text)
    assert ask(ctx, f"a {riddle[2][0]}", "play_music", confidence=0.59).text.startswith("That's right!")
    r = ask(ctx, "rock paper scissors", "play_game", confidence=0.85)
    mine = dict(r.detail)["rps"]
    r = ask(ctx, "rock", "music_likeness", confidence=0.91)  # it was a like
    assert r.text.startswith(f"I picked {mine}. ") and ctx.player.current is None, r
    assert ask(ctx, "count backwards from three", "play_podcasts", confidence=0.5).text == \
        "Three, two, one."  # played a podcast
    r = ask(ctx, "play twenty questions", "play_podcasts", confidence=0.63)
    assert r.action == "unsupported" and "riddle" in r.text and ctx.player.current is None, r
    # a command after a riddle is a command, not a guess
    ask(ctx, "tell me a riddle", "general_quirky", confidence=0.36)
    assert ask(ctx, "play some jazz", "play_music").action == "play"


def test_more_games_found_by_a_bank(ctx):
    """"Let's play a game" said it couldn't play "that one"; "knock knock" right after a riddle
    was taken for its answer; "again" after a round of rock, paper, scissors said the result
    again and a pick said alone then asked back; "what animal says moo" had no answer."""
    assert ask(ctx, "Hey tell me the knock knock joke.", "general_joke", 1.0).text == "Knock, knock."  # a joke
    ask(ctx, "never mind", "general_dontcare")
    # HWU64 valid as tiny.en heard it: "rock paper sisters" played a song
    r = ask(ctx, "I want to play rock paper sisters let's play.", "play_music", confidence=0.93)
    assert r.action == "game" and ctx.player.current is None, r
    r = ask(ctx, "let's play a game", "play_game")
    assert r.text.startswith("Let's play! I can tell a riddle") and r.text.endswith("Which one?"), r
    assert ask(ctx, "a riddle please", "general_quirky", 0.38).text.endswith("?")
    assert ask(ctx, "knock knock", "unknown", 0.12).text == "Who's there?"
    ask(ctx, "play rock paper scissors", "play_game", 0.9, sentiment="negative")
    assert ask(ctx, "rock", "music_likeness", 0.91).text.startswith("I picked ")
    r = ask(ctx, "again", "general_repeat")
    assert r.text == "Rock, paper, scissors... shoot! What did you pick?", r
    ask(ctx, "paper", "lists_createoradd", 0.54)
    r = ask(ctx, "scissors", "general_quirky", 0.32)
    assert r.text.startswith("I picked ") and r.text.endswith("!"), r
    assert ask(ctx, "what animal says moo", "qa_definition", 0.98).text == "A cow says moo!"
    assert ask(ctx, "what sound does an owl make", "qa_definition", 0.8).text == "An owl says hoot!"
    assert ask(ctx, "what does a cow eat", "qa_definition", 0.98).action == "unsupported"


def test_a_games_next_turn_is_heard_by_its_words():
    """Through the loop, "Paper." heard again as "Heyper." was acted on (asked back), and
    "knock knock." lost to "knock not.": a hearing the skills know by its words is read alone."""
    from assistant.rehear import hearings_to_read
    from assistant.skills import known_words
    from assistant.types import Reply

    turn = Reply("Rock, paper, scissors... shoot! What did you pick?", "game", (("rps", "rock"),))
    assert hearings_to_read("Heyper.", ["Paper.", "Heyper."], lambda h: known_words(h, turn)) == \
        ["Paper."]
    assert hearings_to_read("knock knock.", ["knock not."], lambda h: known_words(h, None)) == \
        ["knock knock."]
    assert hearings_to_read("play some jazz", ["play sam jazz"], lambda h: known_words(h, turn)) \
        == ["play some jazz", "play sam jazz"]
    # through the loop, "read the demolish man five stars" (an audiobook to the model) won
    assert hearings_to_read("rate the demolished man five stars.", ["read the demolish man five stars."],
                            lambda h: known_words(h, None)) == ["rate the demolished man five stars."]


def test_short_words_said_alone(ctx):
    """Found by a bank of odd input: "wait" and the wake word alone muted, "okay" said "Okay,
    I'll choose.", and "remind me" after "What should I add?" went on the shopping list."""
    assert ask(ctx, "wait", "audio_volume_mute", 0.95, sentiment="negative").text == \
        "Okay, take your time."
    assert ask(ctx, "speaker", "audio_volume_mute", 0.59).text == "Yes? What can I do for you?"
    assert ctx.player.volume > 0
    assert ask(ctx, "okay", "general_dontcare", 0.87).text in ("Okay.", "Great.", "Good.", "Alright.")
    ask(ctx, "play some jazz", "play_music", slots=[("music_genre", "jazz", "jazz")])
    r = ask(ctx, "hold on", "audio_volume_mute", 0.89)
    assert r.action == "pause" and ctx.player.status().state == "paused", r
    assert ask(ctx, "add", "lists_createoradd", 0.98).text == "What should I add to your shopping list?"
    r = ask(ctx, "remind me", "calendar_set", 0.98)
    assert r.text == "What should I remind you about?", r


def test_a_reminder_for_when_i_get_home_and_one_cancelled_by_a_singular(ctx):
    """"Remind me when I get home to call mom" asked "When is the when i get home to call mom?";
    "cancel my pill reminder" said there was no reminder about pill, with "take your pills" set."""
    r = ask(ctx, "remind me when I get home to call mom", "calendar_set", 1.0)
    assert (r.action, r.text) == ("clarify", "Sorry, I can't tell where you are, only what time it "
                                             "is. When should I remind you?"), r
    r = ask(ctx, "at six", "alarm_set", 0.98)
    assert r.text == "Okay, I'll remind you to call mom at 6 PM tomorrow.", r
    r = ask(ctx, "remind me to call the bank when I get to the office", "calendar_set", 0.99)
    assert dict(r.detail)["then"] == "remind me {} to call the bank", r
    ask(ctx, "remind me to take my pills every morning at eight", "calendar_set", 0.99)
    r = ask(ctx, "cancel my pill reminder", "calendar_remove", 0.99, sentiment="negative")
    assert r.text == "Cancelled your reminder: take your pills at 8 AM every day.", r
    r = ask(ctx, "do I have anything on the weekend", "calendar_query", 0.97)
    assert r.text == "There's nothing on your calendar this weekend.", r  # "... calendar the weekend"


def test_excuse_me_asks_again_and_does_not_mute(ctx):
    ctx.player.set_volume(0.6)
    first = ask(ctx, "what time is it", "datetime_query")
    r = ask(ctx, "excuse me", "audio_volume_mute", 0.64, sentiment="negative")
    assert (r.action, r.text) == ("repeat", first.text) and ctx.player.volume == 0.6, r


@pytest.mark.parametrize("answer,intent", [("Add six.", "qa_maths"), ("and 7 30", "alarm_set"),
                                           ("7 30", "alarm_set"), ("add 6 pm", "alarm_set")])
def test_a_time_said_back_as_tiny_en_hears_it(ctx, answer, intent):
    """"At six." after "When should I remind you?" was heard "Add six." (the sums answer); "7 30"
    made the reminder "to 30 to buy milk"; "add 6 pm" set an alarm instead."""
    ask(ctx, "remind me to buy milk", "calendar_set")
    r = ask(ctx, answer, intent, 0.85)
    assert r.action == "reminder_set" and r.text.startswith("Okay, I'll remind you to buy milk at "), r


def test_a_child_at_bedtime(ctx):
    """Found by a bank of what a child says: "tell me a knock knock joke" told a joke that was
    no knock-knock; "what comes after tuesday" read the calendar; "how long until bedtime" and
    "is it bedtime yet" were not understood; "I'm scared" was "didn't catch that"."""
    assert ask(ctx, "tell me a knock knock joke", "general_joke", 1.0).text == "Knock, knock."
    name = ask(ctx, "who's there", "music_query", 0.59)
    assert name.action == "game" and name.text.endswith("."), name
    r = ask(ctx, f"{name.text[:-1].lower()} who", "social_post", 0.39)
    assert r.action == "game" and dict(r.detail).get("told"), r
    assert ask(ctx, "what comes after tuesday", "calendar_query", 0.98).text == "Wednesday comes after Tuesday."
    assert ask(ctx, "what month comes before january", "datetime_query").text == "December comes before January."
    r = ask(ctx, "how long until bedtime", "general_quirky", 0.22)
    assert r.text.startswith("I don't know when bedtime is."), r
    ask(ctx, "set an alarm for 8 pm called bedtime", "alarm_set")
    r = ask(ctx, "is it bedtime yet", "calendar_query", 0.25)
    assert r.text == "No, bedtime is at 8 PM tomorrow, in 22 hours.", r
    r = ask(ctx, "I'm scared", "general_commandstop", 0.31, sentiment="negative")
    assert r.text.startswith("It's okay, you're safe."), r
    r = ask(ctx, "I have a riddle for you", "general_quirky", 0.78)
    assert r.text.startswith("I'm not good at guessing"), r


def test_someone_in_danger_is_told_to_call_for_help(ctx):
    """"Help, I've fallen and I can't get up" got a joke ("I'm just a small speaker, but I'm a
    good listener"), "call 911" "Sorry, I didn't catch that", "I think someone is breaking in"
    "That's a deep one". The model's readings, as the shipped model gives them."""
    said = (("help i've fallen and i can't get up", "general_quirky", 0.62, "negative"),
            ("call 911", "email_querycontact", 0.31, "neutral"),
            ("call mine one one", "transport_taxi", 0.42, "neutral"),  # as tiny.en heard Piper
            ("call an ambulance", "transport_taxi", 0.91, "positive"),
            ("is there a fire", "weather_query", 0.36, "positive"),
            ("i think someone is breaking in", "general_quirky", 0.88, "negative"),
            ("i smell gas", "iot_cleaning", 0.44, "negative"),
            ("get me a doctor", "iot_coffee", 0.31, "positive"))
    for text, intent, conf, feel in said:
        r = ask(ctx, text, intent, conf, sentiment=feel)
        assert r.text.startswith("I can't call anyone: I have no phone line. If this is an "
                                 "emergency, call your local emergency number"), (text, r)
    # a sum with 112 in it, "help" alone and the band are not
    assert ask(ctx, "what's 112 plus 3", "qa_maths").action == "calculate"
    assert ask(ctx, "help", "general_quirky", 0.34).text.startswith(("I can", "Try saying"))
    ctx.timers.add_timer(1, ctx.clock(), "")
    ctx.clock.t += 2
    assert ctx.timers.due(ctx.clock()) and ctx.timers.ringing()  # it rings: the fall comes first
    assert ask(ctx, "help i've fallen", "general_quirky", 0.88).text.startswith("I can't call anyone")


def test_the_speakers_voice_and_what_it_keeps(ctx):
    r = ask(ctx, "change your voice", "audio_volume_mute", 0.51)  # muted it
    assert r.text.startswith("You can choose my voice in my config file"), r
    assert ctx.player.volume > 0
    assert ask(ctx, "can you sound like a woman", "audio_volume_up", 0.73).action == "say"
    r = ask(ctx, "forget everything i said", "lists_remove", 0.32, sentiment="negative")
    assert r.text.startswith("I don't keep recordings or what you say."), r  # didn't catch that
    r = ask(ctx, "what do you know about me", "general_quirky", 0.99)  # "Interesting. Tell me more"
    assert r.text.startswith("Only what you've told me"), r


def test_other_people_in_the_household(ctx):
    """One speaker for a family: each of these went wrong before."""
    # "Added remind my husband to take out the trash tomorrow at 8 AM to your calendar."
    r = ask(ctx, "remind my husband to take out the trash at 8", "calendar_set")
    assert r.text == "Okay, I'll remind you to tell your husband to take out the trash at 8 AM tomorrow.", r
    r = ask(ctx, "remind tom at 5 to do his homework", "calendar_set", 0.99)
    assert r.text == "Okay, I'll remind you to tell tom to do his homework at 5 PM tomorrow.", r
    assert ask(ctx, "don't let me forget to call mom at 5", "calendar_set", 0.96).text == \
        "Okay, I'll remind you to call mom at 5 PM tomorrow."  # a calendar entry "don't let me forget ..."
    assert ask(ctx, "remind us to take out the trash at 8", "calendar_set").text == \
        "Okay, I'll remind you to take out the trash at 8 AM tomorrow."  # us is the household
    assert ask(ctx, "remind me to call tom at 6", "calendar_set").text == \
        "Okay, I'll remind you to call tom at 6 PM tomorrow."
    # one calendar: "I don't see sarah's on your calendar"; "Added football to jack's on Saturday"
    r = ask(ctx, "what's on sarah's calendar", "calendar_query", 0.98)
    assert r.text == ("There's nothing for Sarah on the calendar. I keep one calendar for the whole "
                      "household."), r
    r = ask(ctx, "add football to jack's calendar on saturday at 10", "calendar_set", 0.96)
    assert r.text == "Added jack's football on Saturday at 10 AM to your calendar.", r
    r = ask(ctx, "what's on jack's calendar", "calendar_query", 0.97)
    assert r.text == "For Jack: jack's football on Saturday at 10 AM.", r
    assert ask(ctx, "what's on today's calendar", "calendar_query").text == \
        "There's nothing on your calendar today."
    # "I made a emma list", then "emma's list" was another list
    assert ask(ctx, "create a list for emma", "lists_createoradd").text == "Okay, I made an emma list."
    ask(ctx, "add crayons to emma's list", "lists_createoradd")
    r = ask(ctx, "what's on emma's list", "lists_query", 0.85)  # "You don't have a shopping list yet."
    assert r.text == "Your emma list has just crayons.", r
    # said to the room: "Sorry, I didn't catch that."
    assert ask(ctx, "tell my wife dinner is ready", "general_quirky", 0.26).text == "Dinner is ready!"
    assert ask(ctx, "tell tom to come downstairs", "transport_query", 0.33).text == "Tom, come downstairs!"
    # a message for someone who may be away is not said to the room ("tell sean i appreciate him
    # reaching out" is HWU64's email_sendemail; "tell my boss I'll be late" asked "When is the ...?")
    for said, intent, conf in (("tell sean i appreciate him reaching out to me", "email_sendemail", 0.99),
                               ("tell my boss i'll be late", "calendar_set", 0.67),
                               ("tell mom i love her", "general_quirky", 0.59)):
        assert ask(ctx, said, intent, conf).text == "Sorry, I can't make phone calls or send messages.", said
    assert ask(ctx, "announce that dinner is ready", "calendar_set", 0.63).text == "Dinner is ready!"
    assert ask(ctx, "tell me the time", "datetime_query").text.startswith("It's")


def test_doors_and_opening_hours_get_honest_answers(ctx):
    """"Is the front door locked" asked "Did you want me to check your alarms?"; "is the pharmacy
    open" said it can't check takeaway orders; "open the door" was not understood."""
    r = ask(ctx, "is the front door locked", "alarm_query", 0.46)
    assert r.text == "Sorry, I'm not connected to any smart home devices.", r
    assert ask(ctx, "open the door", "iot_cleaning", 0.28).action == "unsupported"
    for said, intent, conf in (("is the pharmacy open", "takeaway_query", 0.90),
                               ("when does the library open", "calendar_query", 0.90),
                               ("what time does the bank close", "transport_query", 0.30)):
        assert ask(ctx, said, intent, conf).text == "Sorry, I can't check opening hours offline.", said
    assert ask(ctx, "is the timer still on", "calendar_query", 0.49).text == "You have no timers running."


def test_what_a_child_says(ctx):
    """"Can you play baby shark" (the model: play_game) said "I can't play that one yet";
    "how old am I" told the time; "my birthday is on june 5th" read that day's calendar; "are
    you my friend" got "That's a deep one"."""
    r = ask(ctx, "can you play baby shark", "play_game", 0.96, sentiment="negative")
    assert r.text == "Sorry, I couldn't find baby shark in your library.", r
    assert ask(ctx, "play i spy", "play_game", 0.88).text.startswith("Sorry, I can't play that one yet.")
    r = ask(ctx, "how old am i", "datetime_query", 0.68)
    assert r.text.startswith("I don't know how old you are."), r
    r = ask(ctx, "my birthday is on june 5th", "calendar_query", 0.66)
    assert r.text == "Added birthday on Friday, June 5 to your calendar.", r
    assert ask(ctx, "how many days until my birthday", "datetime_query", 0.47).text == \
        "Your birthday is in 95 days, on Friday, June 5, 2026."
    assert ask(ctx, "are you my friend", "general_quirky", 0.83).text.startswith("Of course!")
    assert ask(ctx, "can you do animal sounds", "audio_volume_up", 0.50).text.startswith("I know a few!")


def test_what_was_said_done_is_kept_and_asked_about(ctx, tmp_path):
    """"I took my pills" got "Sorry, I didn't catch that"; "did I take my pills today" said it
    couldn't check takeaway orders. Only what was said is kept, and said back as told."""
    from assistant import db as D
    from assistant.done import DoneLog

    r = ask(ctx, "did i take my pills today", "takeaway_query", 0.57)
    assert r.text == "You haven't told me that you took your pills. When you do, say: I took my pills.", r
    r = ask(ctx, "i took my pills", "general_quirky", 0.46)
    assert r.text == "Okay, noted: you took your pills at 10 PM.", r
    r = ask(ctx, "have i taken my medicine", "general_quirky", 0.69)  # pills are medicine
    assert r.text == "Yes, you told me you took your medicine at 10 PM.", r
    # kept in the database: another connection (a restart) reads it
    with D.open_db(ctx.db.path) as again:
        assert [(d.verb, d.what) for d in DoneLog(again).of("take")] == [("take", "my pills")]
    ctx.clock.t += 86400
    r = ask(ctx, "did i take my pills today", "takeaway_query", 0.57)
    assert r.text == "Not today, as far as I know. The last time was yesterday at 10 PM.", r
    assert ask(ctx, "when did i last take my pills", "takeaway_query", 0.43).text == \
        "You told me you took your pills yesterday at 10 PM."
    ask(ctx, "i fed the cat", "iot_coffee", 0.56)
    assert ask(ctx, "has anyone fed the cat", "social_query", 0.64).text == \
        "Yes, someone told me they fed the cat at 10 PM."
    assert ask(ctx, "did we feed the dog", "cooking_recipe", 0.35).text.startswith("You haven't told me")
    # not things done
    assert ask(ctx, "i had a bad day", "general_quirky", 0.89, sentiment="negative").action != "done_noted"
    assert ask(ctx, "i did it", "general_affirm", 0.57).action != "done_noted"
    # kept for a bit over a year, then dropped as new notes come: the table does not grow forever
    from assistant.done import KEEP_S
    ctx.clock.t += KEEP_S - 86400
    ask(ctx, "i watered the plants", "iot_coffee", 0.5)
    assert ask(ctx, "when did i last take my pills", "takeaway_query", 0.43).text.startswith("You told me")
    ctx.clock.t += 2 * 86400
    ask(ctx, "i watered the plants", "iot_coffee", 0.5)
    assert ask(ctx, "when did i last take my pills", "takeaway_query", 0.43).text.startswith("You haven't")


def test_taking_back_what_was_just_said_or_set(ctx):
    """"Undo" right after a note, a calendar entry or two timers: "Sorry, I didn't catch that",
    or "That's already gone." with both timers left running; "no I didn't" kept the note."""
    ask(ctx, "i took my pills", "general_quirky", 0.46)
    assert ask(ctx, "no i didn't", "general_negate", 0.99, sentiment="negative").text == "Okay, I took that back."
    assert ask(ctx, "did i take my pills today", "takeaway_query", 0.57).text.startswith("You haven't told me")
    ask(ctx, "i took my pills", "general_quirky", 0.46)
    assert ask(ctx, "undo that", "lists_remove", 0.35).action == "done_removed"
    ask(ctx, "set timers for 5 and 10 minutes", "alarm_set", 0.96)
    r = ask(ctx, "cancel that", "general_commandstop", 0.93, sentiment="negative")
    assert r.text == "Okay, I cancelled both timers." and not ctx.timers.pending("timer"), r
    ask(ctx, "my birthday is on june 5th", "calendar_query", 0.66)
    r = ask(ctx, "undo", "lists_remove", 0.39, sentiment="negative")
    assert r.text == "Okay, I took birthday off your calendar.", r
    assert ask(ctx, "when is my birthday", "calendar_query").text == "I don't see birthday on your calendar."


def test_asking_how_to_keep_track_of_medicine(ctx):
    for said, intent, conf in (("can you keep track of my medicine", "general_quirky", 0.50),
                               ("how do i keep track of my pills", "general_quirky", 0.37)):
        r = ask(ctx, said, intent, conf)  # the second: "Sorry, I didn't catch that."
        assert "Tell me when it's done: I took my pills." in r.text, r


def test_a_reminder_answered_with_done(ctx):
    """While "Reminder: take your pills." rings (or just after), "I took them" / "done" note it
    (they got "Sorry, I didn't catch that." / "Okay."); "thanks" only silences it."""
    for said, intent, conf in (("i took them", "general_quirky", 0.19), ("done", "general_affirm", 0.56)):
        ask(ctx, "remind me in 1 minute to take my pills", "calendar_set")
        ctx.clock.t += 61
        assert ctx.timers.due(ctx.clock())
        r = ask(ctx, said, intent, conf)
        assert r.text.startswith("Okay, noted: you took your pills at"), r
        assert not ctx.timers.ringing()
        ask(ctx, "no i didn't", "general_negate", 0.99)  # taken back for the next round
    ask(ctx, "remind me in 1 minute to call mom", "calendar_set")
    ctx.clock.t += 61
    ctx.timers.due(ctx.clock())
    assert ask(ctx, "thanks", "general_praise", 1.0).action == "dismiss"
    assert ask(ctx, "okay i did it", "general_affirm", 0.5).text.startswith("Okay, noted: you called mom at")


def test_a_thing_said_done_in_the_room_is_not_noted(ctx):
    """In the follow-up window, with no wake phrase, "I fed the cat" may be said to someone
    else: a note kept from it could answer "did I feed the cat" with a false yes."""
    from assistant.skills import respond
    from assistant.types import Understanding

    ask(ctx, "what time is it", "datetime_query")
    u = Understanding("i fed the cat", "iot_coffee", 0.56, "neutral", 0.9, ())
    assert respond(u, ctx, unbidden=True).action == "ignore"
    assert ask(ctx, "did i feed the cat", "cooking_recipe", 0.35).text.startswith("You haven't told me")


def test_the_kids_as_tiny_en_writes_it(ctx):
    assert ask(ctx, "tell the kid's dinner is ready", "general_quirky", 0.3).text == "Kids, dinner is ready!"


def test_asking_for_the_last_reply_again(ctx):
    """"Huh" got "Okay.", "what" "can't look up definitions", "I didn't catch that" the help;
    "repeat that louder" turned it up and said nothing again."""
    ask(ctx, "what time is it", "datetime_query")
    for said, intent, conf in (("huh", "general_affirm", 0.89), ("what", "qa_definition", 0.97),
                               ("i didn't catch that", "general_explain", 1.0)):
        r = ask(ctx, said, intent, conf)
        assert r.action == "repeat" and r.text == "It's 10:00 PM.", (said, r)
    before = ctx.player.volume
    r = ask(ctx, "repeat that louder", "audio_volume_up", 0.98)
    assert r.action == "repeat" and r.text == "It's 10:00 PM." and ctx.player.volume > before, r


def test_a_note_taken_back_later(ctx):
    """"Forget that I took my pills" looked for a calendar entry; "I didn't take my pills" said
    it couldn't check takeaway orders."""
    ask(ctx, "i took my pills", "general_quirky", 0.46)
    ask(ctx, "what time is it", "datetime_query")
    r = ask(ctx, "forget that i took my pills", "calendar_remove", 0.82, sentiment="negative")
    assert r.text == "Okay, I took back that you took your pills at 10 PM.", r
    assert ask(ctx, "did i take my pills today", "takeaway_query", 0.57).text.startswith("You haven't told me")
    r = ask(ctx, "i didn't take my pills", "takeaway_query", 0.70, sentiment="negative")
    assert r.text == "Okay. You haven't told me today that you took your pills.", r


def test_several_things_done_and_the_day_asked_for(ctx):
    """"I took my pills and fed the cat" was one note ("my pills and fed the cat"); "what have
    I done today" got "Sorry, I didn't catch that."."""
    assert ask(ctx, "what have i done today", "lists_query", 0.51).text == \
        "You haven't told me of anything done today."
    r = ask(ctx, "i took my pills and fed the cat", "iot_coffee", 0.28, sentiment="negative")
    assert r.text == "Okay, noted: you took your pills and fed the cat at 10 PM.", r
    assert ask(ctx, "did i feed the cat", "cooking_recipe", 0.35).text.startswith("Yes, you told me")
    assert ask(ctx, "what have i done today", "lists_query", 0.51).text == \
        "You told me you took your pills at 10 PM and fed the cat at 10 PM."
    assert ask(ctx, "what did i do yesterday", "social_query", 0.66).text == \
        "You haven't told me of anything done yesterday."
    ask(ctx, "i took my vitamins and fed the dog", "cooking_recipe", 0.5)
    assert ask(ctx, "undo that", "lists_remove", 0.35).action == "done_removed"  # both taken back
    assert ask(ctx, "did i feed the dog", "cooking_recipe", 0.35).text.startswith("You haven't told me")
    assert ask(ctx, "i fed the cat and the dog", "iot_coffee", 0.24).text == \
        "Okay, noted: you fed the cat and the dog at 10 PM."


def test_the_name_of_the_person_speaking(ctx):
    """"My name is John" and "what's my name" said it couldn't look up contacts."""
    r = ask(ctx, "what's my name", "email_querycontact", 0.93)
    assert r.text.startswith("I don't know your name yet."), r
    assert ask(ctx, "my name is john", "email_querycontact", 1.0).text == "Nice to meet you, John! I'll remember that."
    assert ask(ctx, "what's my name", "email_querycontact", 0.93).text == "You told me your name is John."
    assert ask(ctx, "what's your name", "email_querycontact").text.startswith("I'm your speaker")
    assert ask(ctx, "call me a taxi", "transport_taxi", 1.0).action == "unsupported"


def test_volume_asked_at_max_and_halved(ctx):
    """"Is the volume at max" turned it to 100 percent; "turn it down by half" took one step."""
    ctx.player.set_volume(0.7)
    r = ask(ctx, "is the volume at max", "audio_volume_up", 0.93)
    assert r.text == "The volume is 70 percent." and abs(ctx.player.volume - 0.7) < 1e-6, r
    r = ask(ctx, "turn it down by half", "audio_volume_down", 0.88, sentiment="negative")
    assert r.text == "Volume 35 percent.", r


def test_a_command_said_not_to_be_done_is_not_done(ctx):
    """"Don't cancel my alarm" cancelled it; "don't play jazz" played jazz; "don't stop the
    timer" cancelled the timer; "don't turn it up" turned it up."""
    ask(ctx, "set an alarm for 7", "alarm_set")
    ask(ctx, "set a timer for 10 minutes", "alarm_set")
    for said, intent, conf in (("don't cancel my alarm", "alarm_remove", 1.0), ("don't play jazz", "play_music", 0.94),
                               ("don't stop the timer", "audio_volume_mute", 0.53),
                               ("don't turn it up", "audio_volume_up", 0.94),
                               ("don't add milk to the list", "lists_createoradd", 0.70)):
        r = ask(ctx, said, intent, conf, sentiment="negative")
        assert r.action == "say" and r.text in ("Okay, never mind.", "Alright.", "No problem."), (said, r)
    assert ctx.timers.pending("alarm") and ctx.timers.pending("timer") and ctx.player.current is None
    assert abs(ctx.player.volume - 0.7) < 1e-6
    # a dislike said so is still one
    ask(ctx, "play some jazz", "play_music", slots=[("music_genre", "jazz", "jazz")])
    r = ask(ctx, "don't ever play this again", "play_audiobook", 0.27, sentiment="negative")
    assert r.action == "dislike", r


def test_a_command_on_a_condition_it_cannot_sense(ctx):
    """"If the baby cries turn off the music" muted the speaker at once; "stop the music when
    this song ends" stopped it at once."""
    r = ask(ctx, "if the baby cries turn off the music", "audio_volume_mute", 0.84, sentiment="negative")
    assert r.text.startswith("Sorry, I can't tell when that happens") and ctx.player.volume > 0, r
    assert ask(ctx, "wake me up if it snows", "alarm_set", 0.83).action == "unsupported"
    r = ask(ctx, "remind me to take an umbrella if it rains", "calendar_set", 0.94)  # asked a time
    assert r.action == "unsupported" and not ctx.timers.pending(), r
    assert ask(ctx, "play some jazz if you can", "play_music", 0.97).action == "play"
    r = ask(ctx, "stop the music when this song ends", "music_settings", 0.87, sentiment="negative")
    assert r.text == "Okay, I'll stop the music after this song." and ctx.player.current is not None, r


def test_you_choose_and_words_of_other_languages(ctx):
    """"You choose" after "How about ...?" said "Okay, I'll choose." and played nothing, and
    after "What time should I set the alarm for?" dropped the question; with nothing asked it
    promised a choice; "anything new" played music; "hola" was not understood."""
    assert ask(ctx, "you choose", "general_dontcare", 0.92).text in ("Okay.", "Fair enough.", "Alright.")
    ask(ctx, "what should i listen to", "music_query", 0.56)
    assert ask(ctx, "you choose", "general_dontcare", 0.92).action == "play"
    ask(ctx, "stop", "general_commandstop")
    ask(ctx, "set an alarm", "alarm_set")
    r = ask(ctx, "you choose", "general_dontcare", 0.92)
    assert r.text == "Sorry, I can't pick that for you. What time should I set the alarm for?", r
    assert ask(ctx, "seven", "qa_maths", 0.89).text == "Alarm set for 7 AM tomorrow."
    assert ask(ctx, "anything new", "social_query", 0.81).action == "unsupported"
    assert ask(ctx, "hola", "general_praise", 0.21).text == "Sorry, I only speak English for now."
    assert ask(ctx, "ola", "unknown", 0.2).text == "Sorry, I only speak English for now."  # tiny.en


def test_what_is_going_on(ctx):
    """"What's going on", "status", "what are you doing" were not understood or got small talk."""
    assert ask(ctx, "status", "takeaway_query", 0.28).text == "Nothing is going on: no music, timers or alarms."
    ask(ctx, "set a timer for 10 minutes", "alarm_set")
    ask(ctx, "set an alarm for 7", "alarm_set")
    ctx.player.play(library.tracks(ctx.db, kind="music")[:1])
    r = ask(ctx, "what's going on", "calendar_query", 0.33)
    assert r.text == (f"Playing: {ctx.player.current.title} by {ctx.player.current.artist}. Your timer has 10 "
                      "minutes left. Your next alarm is at 7 AM tomorrow.").replace("AC/DC", "AC DC"), r


def test_coming_and_going(ctx):
    """"I'll be back in an hour" muted the speaker for an hour; "I'm up" turned the volume up;
    "I'm going shopping" and "I'm leaving for work" got small talk."""
    r = ask(ctx, "i'll be back in an hour", "audio_volume_mute", 0.70, sentiment="negative")
    assert r.text == "Okay, see you later!" and ctx.player.volume > 0, r
    assert ask(ctx, "i'm leaving for work", "general_quirky", 0.84).text == "Okay, see you later!"
    assert ask(ctx, "we're going on vacation", "general_quirky", 0.61).text == "Have a great trip!"
    ask(ctx, "add milk and eggs to my shopping list", "lists_createoradd")
    assert ask(ctx, "i'm going shopping", "general_quirky", 0.57).text == "Okay! Your shopping list has milk and eggs."
    before = ctx.player.volume
    assert ask(ctx, "i'm up", "audio_volume_up", 0.67).text == "Okay, good to know." and ctx.player.volume == before
    ctx.clock.t += 10 * 3600  # 8 AM
    assert ask(ctx, "i'm up", "audio_volume_up", 0.67).text == "Good morning!"


def test_what_did_i_just_say_and_a_confirmation_asked_twice(ctx):
    """"What did I just say" (general_confirm) answered "Yes." and the last reply again; asked
    once more, "Yes. Yes. ...". What was heard is said back, so a mishearing can be seen."""
    assert ask(ctx, "what did i just say", "general_confirm", 0.76).text == "I haven't heard anything from you yet."
    ask(ctx, "delete my history", "lists_remove", 0.90, sentiment="negative")
    r = ask(ctx, "what did i just say", "general_confirm", 0.76)
    assert r.text == "I heard: delete my history.", r
    ask(ctx, "set a timer for 5 minutes", "alarm_set")
    assert ask(ctx, "is that right", "general_confirm", 0.8).text == "Yes. Timer set for 5 minutes."
    assert ask(ctx, "are you sure", "general_confirm", 0.8).text == "Yes. Timer set for 5 minutes."


def test_good_night_names_the_alarm_and_thats_all_stops_nothing(ctx):
    """"Good night" said only "Good night." (with an alarm set); "that's all for now"
    (general_commandstop 0.91) stopped the music."""
    ask(ctx, "set an alarm for 7 am", "alarm_set")
    assert ask(ctx, "good night", "general_quirky", 0.25).text == \
        "Good night, sleep well. Your alarm is set for 7 AM tomorrow."
    ctx.player.play(library.tracks(ctx.db, kind="music")[:3])
    r = ask(ctx, "that's all for now", "general_commandstop", 0.91)
    assert r.text == "Okay." and ctx.player.status().state == "playing", r
    r = ask(ctx, "what's still running", "lists_query", 0.32)  # "didn't catch that"
    assert r.text.startswith("Playing: ") and "alarm" in r.text, r


def test_games_and_saying_it_again_as_clinc150_says_them(ctx):
    """CLINC150 train/valid phrasings: "i did not hear you" was noted as a thing done ("Okay, noted:
    you did not hear you"); "roll a 12 sided dice" and "roll a pair of dice" couldn't play that one;
    "flip a two sided coin" couldn't look up definitions; "what is the spelling of potato" and
    "how is the word economy spelled" couldn't look up definitions."""
    import re as _re

    ask(ctx, "what time is it", "datetime_query")
    said = ctx.last_reply.text
    for text, intent in (("i did not hear you", "general_negate"), ("please repeat yourself", "general_repeat"),
                         ("i did not quite hear you, can you say it again", "general_repeat")):
        r = ask(ctx, text, intent, 0.34)
        assert r.action == "repeat" and r.text == said, (text, r)
    assert ask(ctx, "i did the laundry", "general_quirky", 0.96).action == "done_noted"
    for _ in range(20):
        r = ask(ctx, "will you roll a 12 sided dice", "play_game", 0.97)
        assert 1 <= int(_re.search(r"\d+", r.text)[0]) <= 12, r
    r = ask(ctx, "roll a pair of dice", "play_game", 0.97)
    assert r.text.startswith("You rolled ") and ", that's " in r.text, r
    assert ask(ctx, "will you roll a d20", "qa_currency", 0.34).action == "game"
    assert ask(ctx, "flip a two sided coin and tell me what it lands on", "qa_definition", 0.86).text in (
        "It's heads.", "It's tails.")
    assert ask(ctx, "what is the spelling of potato", "qa_definition").text == "Potato is spelled P, O, T, A, T, O."
    assert ask(ctx, "how is the word economy spelled", "qa_definition").text.startswith("Economy is spelled E,")
    assert ask(ctx, "i forget how to spell xylophone", "play_audiobook", 0.19).action == "game"


def test_names_bots_and_stopping_as_clinc150_says_them(ctx):
    """CLINC150 train/valid phrasings: "please start calling me mandy" was not understood and "what
    name do you have saved for me" couldn't look up contacts; "are you a bot or a person" couldn't
    look up definitions; "i will call you zander" couldn't book a taxi; "ai stop talking" and "quit"
    muted the sound; "cancel action" looked on the calendar; "forget it, i do not need it anymore"
    too, and "forget my previous command" apologised."""
    assert ask(ctx, "please start calling me mandy", "play_radio", 0.22).text == \
        "Nice to meet you, Mandy! I'll remember that."
    # CLINC150: "i prefer to go by brad" (the model: music_likeness) liked the song playing
    assert ask(ctx, "i prefer to go by brad", "music_likeness", 0.44).text == "Nice to meet you, Brad! I'll remember that."
    assert "Bus" not in ask(ctx, "i go by bus", "transport_taxi", 0.7).text
    assert ask(ctx, "please start calling me mandy", "play_radio", 0.22).text == \
        "Nice to meet you, Mandy! I'll remember that."
    assert ask(ctx, "what name do you have saved for me", "email_querycontact", 0.57).text == \
        "You told me your name is Mandy."
    assert ask(ctx, "are you a bot or a person", "qa_definition", 0.49).text.startswith("I'm a small speaker")
    assert ask(ctx, "i will call you zander", "transport_taxi", 0.77).text.startswith("My wake phrase is")
    ctx.player.play(library.tracks(ctx.db, kind="music")[:1])
    r = ask(ctx, "ai stop talking", "audio_volume_mute", 0.99, sentiment="negative")
    assert r.text == "Okay." and ctx.player.volume > 0 and ctx.player.status().state == "playing", r
    assert ask(ctx, "quit", "audio_volume_mute", 0.56, sentiment="negative").action == "stop"
    ctx.player.play(library.tracks(ctx.db, kind="music")[:1])
    for text, intent in (("cancel action", "calendar_remove"), ("abort the current action", "calendar_remove")):
        assert ask(ctx, text, intent, 0.73, sentiment="negative").action == "stop", text
    for text, intent in (("forget it, i do not need it anymore", "calendar_remove"),
                         ("forget my previous command", "general_repeat")):
        r = ask(ctx, text, intent, 0.5, sentiment="negative")
        assert r.action == "say" and not r.text.startswith("Sorry"), (text, r)


def test_are_you_a_real_person_and_your_age(ctx):
    """Other datasets' phrasings got stock small talk: "are you a real person or automated",
    "am i speaking with ai or a real, live person", "what's your age"."""
    for text in ("are you a real person or automated", "am i speaking with ai or a real, live person"):
        assert ask(ctx, text, "general_quirky", 0.5).text.startswith("I'm a small speaker that runs"), text
    assert ask(ctx, "what's your age", "general_quirky", 0.5).text == "I'm quite new, and I learn what you like as we go."


def test_goodbyes_schedules_and_a_calendar_entry_deleted_as_clinc150_says_them(ctx):
    """CLINC150 train/valid phrasings: "talk later" and "i must say goodbye" muted the sound, "until
    next time" played a podcast, "i had fun speaking with you" was noted as a thing done; "i want my
    schedule for march 2" added "i want" to the calendar; "delete lunch with steve on friday"
    (lists_remove) looked on the shopping list."""
    ctx.player.play(library.tracks(ctx.db, kind="music")[:1])
    for text, intent in (("talk later", "audio_volume_mute"), ("i must say goodbye", "audio_volume_mute"),
                         ("until next time", "play_podcasts"), ("see you again soon", "general_repeat")):
        r = ask(ctx, text, intent, 0.9, sentiment="negative")
        assert r.text == "Goodbye." and ctx.player.volume > 0, (text, r)
    assert ask(ctx, "i had fun speaking with you", "general_quirky", 0.82).action != "done_noted"
    assert ask(ctx, "bye, and set a timer for 5 minutes", "alarm_set", 0.88).action == "timer_set"
    r = ask(ctx, "i want my schedule for march 2", "calendar_set", 0.53)
    assert r.action == "calendar_read", r
    ask(ctx, "add lunch with steve on friday at noon", "calendar_set")
    r = ask(ctx, "delete lunch with steve on friday please", "lists_remove", 0.8, sentiment="negative")
    assert r.text == "Removed lunch with steve on Friday at noon from your calendar.", r


def test_a_goodbye_only_at_the_start_or_end_and_no_name_called_what(ctx):
    """Found by the regression diff of this session's changes: "can see you see if there are meeting
    rooms available" and "i m looking to find kiss me goodbye" were taken for goodbyes; "refer to me
    as what" stored the name "What"; "i want to be called by mary" the name "By Mary"."""
    for text, intent in (("can see you see if there are meeting rooms available between 9 and 11", "calendar_query"),
                         ("i m looking to find kiss me goodbye", "general_quirky"),
                         ("rate goodbye mr chips one stars", "takeaway_order")):
        assert ask(ctx, text, intent, 0.5).text != "Goodbye.", text
    assert ask(ctx, "see you later, alligator", "general_quirky", 0.4).text == "Goodbye."
    assert ask(ctx, "tata for now", "qa_stock", 0.52).text == "Goodbye."
    assert ask(ctx, "farewell!", "general_commandstop", 0.66).text == "Goodbye."  # (the regression diff)
    assert not ask(ctx, "call me by my name", "email_querycontact", 0.98).text.startswith("Nice to meet you")
    ask(ctx, "refer to me as what", "qa_definition", 0.91)
    assert ask(ctx, "what's my name", "email_querycontact").text.startswith("I don't know your name yet")
    assert ask(ctx, "i want to be called by mary", "email_querycontact", 0.82).text == "Nice to meet you, Mary! I'll remember that."


def test_wrong_actions_found_by_tallying_other_datasets_over_music(ctx):
    """HWU64 and CLINC150 train/valid sentences through the model, over music, flagged where a
    destructive or recording action met a sentence that asked no such thing: "everything needs
    ordered off my list" emptied the list; "go back over everything on my to do list" cleared it;
    "i've had eggs in the fridge since monday, are they still safe" was noted as a thing done;
    "can't say" muted the sound; "i prefer female voice now", "this was a great conversation" and
    "i don't like this light" recorded likes and a dislike of the song."""
    ask(ctx, "add milk and eggs to my shopping list", "lists_createoradd")
    ask(ctx, "add mop the floor to my to do list", "lists_createoradd")
    assert ask(ctx, "everything needs ordered off my list", "lists_remove", 0.9).action != "list_clear"
    assert ask(ctx, "will you please go back over everything on my to do list", "lists_remove", 0.56).action == "list_read"
    assert ask(ctx, "what's on my shopping list", "lists_query").text == "Your shopping list has milk and eggs."
    r = ask(ctx, "i've had eggs in the fridge since monday, are they still safe", "general_quirky", 0.33)
    assert r.action != "done_noted", r
    ctx.player.play(library.tracks(ctx.db, kind="music")[:3])
    assert ask(ctx, "can't say", "audio_volume_mute", 0.76, sentiment="negative").action != "mute"
    for text, intent in (("i prefer female voice now", "music_likeness"), ("this was a great conversation", "general_affirm"),
                         ("i don't like this light please show me other options", "iot_hue_lightchange")):
        assert ask(ctx, text, intent, 0.6).action not in ("like", "dislike"), text
    # SNIPS's sentences: "find a love song" (music_likeness) liked the song playing; "find quiet night in" muted
    assert ask(ctx, "find a love song", "music_likeness", 0.73).action != "like"
    assert ask(ctx, "find quiet night in", "audio_volume_mute", 0.95).action != "mute"
    # CLINC150's accent changes, read as a mute by the 6-layer model of session 24
    for text in ("use a male voice instead", "switch over to the male voice mode", "set to female voice"):
        r = ask(ctx, text, "audio_volume_mute", 0.7)
        assert r.action != "mute" and "voice" in r.text.lower(), (text, r)
    assert not [e for e in history.events(ctx.db, limit=50) if e.event in ("liked", "disliked")]
