"""Slot value normalisation (text2num + dateparser): clock times, durations, numbers, dates."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.normalize import normalize

NOW = dt.datetime(2026, 11, 28, 12, 0)  # a Saturday


@pytest.mark.parametrize("kind, text, value", [
    ("time", "seven am", "07:00"),
    ("time", "six thirty pm", "18:30"),
    ("time", "half past seven", "07:30"),
    ("time", "a quarter to eight", "07:45"),
    ("time", "7:30", "07:30"),
    ("time", "noon", "12:00"),
    ("time", "midnight", "00:00"),
    ("time", "ten minutes", 600),
    ("time", "an hour and a half", 5400),
    ("time", "thirty seconds", 30),
    ("date", "tomorrow", "2026-11-29"),
    ("date", "next monday", "2026-11-30"),
    ("date", "friday", "2026-12-04"),
    ("change_amount", "by twenty percent", 20),
    ("change_amount", "ten", 10),
    ("house_place", "Kitchen", "kitchen"),
    ("music_genre", "jazz.", "jazz"),  # the last word of a transcript keeps Whisper's full stop
    ("time", "Seven thirty.", "07:30"),  # as Whisper writes a bare answer
    ("time", "At seven.", "07:00"),
    ("time", "7 a.m.", "07:00"),
    ("time", "tomorrow", None),  # a day, not a time of day
    ("time", "friday", None),
    ("time", "whenever", None),
    ("date", "blue", None),
    ("time", "", None),
])
def test_values(kind, text, value):
    assert normalize(kind, text, NOW) == value
