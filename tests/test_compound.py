"""Two commands in one breath are cut only where a new command starts."""

from __future__ import annotations

import pytest

from assistant.compound import self_corrected, split_commands


@pytest.mark.parametrize("text,parts", [
    ("Play some jazz and set a timer for five minutes.",
     ["Play some jazz", "set a timer for five minutes."]),
    ("Stop the music, and set an alarm for seven.", ["Stop the music", "set an alarm for seven."]),
    # "and another for ten minutes" set only the first timer (a scripted conversation)
    ("Set a timer for five minutes and another for ten minutes.",
     ["Set a timer for five minutes", "set a timer for ten minutes."]),
    ("set an alarm for six and another one at seven", ["set an alarm for six", "set an alarm at seven"]),
    ("What time is it and what's the date?", ["What time is it", "what's the date?"]),
    ("set the volume to five then play jazz", ["set the volume to five", "play jazz"]),
    ("Play jazz. Turn it up.", ["Play jazz", "Turn it up."]),
    # a greeting first: only the weather was answered (a scripted conversation)
    ("Good morning, what's on my calendar today and what's the weather?",
     ["Good morning, what's on my calendar today", "what's the weather?"]),
    ("Tell me a joke and then play some jazz", ["Tell me a joke", "play some jazz"]),
    ("turn it up and play the next song and set a timer for one minute and pause",
     ["turn it up", "play the next song", "set a timer for one minute and pause"]),
    # Whisper writes a quick "and" as "in"
    ("Play some jazz in set a timer for five minutes.",
     ["Play some jazz", "set a timer for five minutes."]),
    # two reminders with one "remind me": one at 5 with both errands
    ("Remind me at 5 pm to pick up the kids, and at 6 to start dinner.",
     ["Remind me at 5 pm to pick up the kids", "Remind me at 6 to start dinner."]),
    ("remind me at five to pick up the kids in at six to start dinner.",  # "and" as tiny.en wrote it
     ["remind me at five to pick up the kids", "remind me at six to start dinner."]),
    ("remind me in 10 minutes to check the oven and in 20 minutes to take it out",
     ["remind me in 10 minutes to check the oven", "remind me in 20 minutes to take it out"]),
])
def test_a_breath_with_several_commands_is_cut_between_them(text, parts):
    assert split_commands(text) == parts


@pytest.mark.parametrize("text", [
    "Play rock and roll.", "play Simon and Garfunkel", "play drum and bass", "play stop and stare",
    "add bread and butter to my shopping list", "turn the lights on and off",
    "Set an alarm for 7am and 8am", "I like this and that", "and play jazz", "Seven thirty.",
    "play music in the kitchen", "remind me in ten minutes to stop the oven", "play jazz in what room",
    "remind me to call mom and dad at 5", "remind me at 5 to feed the cat and the dog",
])
def test_one_command_stays_whole(text):
    assert split_commands(text) == [text]


@pytest.mark.parametrize("text,meant", [
    # each did what was said first ("Playing jazz", "Alarm set for 7", "Timer set for 10 minutes",
    # "Added milk no wait add eggs", "I can't check the weather", "I haven't said anything yet")
    ("Play jazz, actually no, play rock.", "play rock."),
    ("Set an alarm for seven, wait no, eight.", "Set an alarm for eight"),
    ("Set a timer for ten minutes, I mean fifteen.", "Set a timer for fifteen minutes"),
    ("set a timer for 7 minutes no 8 minutes", "set a timer for 8 minutes"),
    ("Set an alarm for 7 AM. No, wait, 8 AM.", "Set an alarm for 8 AM"),
    ("set the volume to 5 no 6", "set the volume to 6"),
    ("Add milk, no wait, add eggs to the shopping list.", "add eggs to the shopping list."),
    ("What's the weather like? Oh, never mind.", "never mind"),
    ("Sorry, what time is it?", "what time is it?"),
    ("what time is it sorry I mean what day is it", "what day is it"),
])
def test_a_command_changed_in_the_same_breath_is_the_one_meant(text, meant):
    assert self_corrected(text) == meant


@pytest.mark.parametrize("text", [
    "play I mean it by the band", "never mind", "sorry", "sorry?", "no", "I mean it",
    "add milk no wait eggs", "play some jazz, no, rock", "no actually play rock",
    "set a timer for ten minutes", "Sorry I didn't hear you",
])
def test_a_command_not_changed_is_left_as_said(text):
    assert self_corrected(text) is None
