"""The wake gate: fuzzy phrase at the start, same-breath or next-utterance commands, windows."""

import json

import pytest

from assistant.config import WakeConfig
from assistant.wake import WakeGate
from tests.conftest import dataset


@pytest.mark.parametrize("text,command", [
    ("Hey speaker, play some jazz.", "play some jazz."),
    ("Hey Speaker! What time is it?", "What time is it?"),
    ("Hay speaker what time is it", "what time is it"),
    ("Hey speakers, stop", "stop"),
    ("Heyspeaker, play music", "play music"),
    # as written, as after the phrase alone: the commas part the items (they were dropped, and
    # "milk, eggs and butter" went on the list as "milk eggs" and "butter")
    ("Hey speaker, add milk, eggs and butter to the shopping list.",
     "add milk, eggs and butter to the shopping list."),
])
def test_phrase_with_command_in_the_same_breath(text, command):
    g = WakeGate(WakeConfig())
    gate = g.check(text, now=0.0)
    assert (gate.kind, gate.command) == ("command", command)


@pytest.mark.parametrize("text", ["the speaker said nothing", "play some jazz", "hey siri, play jazz",
                                  "speaker volume increase", "OK speaker play", ""])
def test_not_addressed_to_us(text):
    assert WakeGate(WakeConfig()).check(text, now=0.0).kind == "ignore"


def test_phrase_alone_then_command_within_the_timeout():
    g = WakeGate(WakeConfig(timeout_s=5))
    assert g.check("Hey speaker.", now=10.0).kind == "wake"
    gate = g.check("Set a timer for two minutes.", now=12.0)
    assert gate.kind == "command" and gate.command.startswith("Set a timer")
    assert g.check("and another thing", now=13.0).kind == "ignore"


def test_wake_times_out():
    g = WakeGate(WakeConfig(timeout_s=5))
    g.check("Hey speaker", now=0.0)
    assert not g.woken_timed_out(4.0)
    assert g.woken_timed_out(5.5)
    assert g.check("play jazz", now=6.0).kind == "ignore"


def test_follow_up_window_needs_no_phrase():
    g = WakeGate(WakeConfig(follow_up_s=6))
    g.listen_for_follow_up(now=100.0)
    assert g.check("and louder", now=103.0).kind == "command"
    assert g.check("and louder", now=104.0).kind == "ignore"  # the window closes after one use
    g.listen_for_follow_up(now=200.0)
    assert g.check("and louder", now=207.0).kind == "ignore"


def test_disabled_gate_takes_everything():
    assert WakeGate(WakeConfig(), enabled=False).check("play jazz", 0).command == "play jazz"
    # the phrase said anyway is cut, as with the gate on ("Hey speaker, okay." turned the volume up)
    assert WakeGate(WakeConfig(), enabled=False).check("Hey speaker, okay.", 0).command == "okay."
    assert WakeGate(WakeConfig(), enabled=False).check("Hey speaker.", 0).command == "Hey speaker."


def test_configurable_phrase():
    g = WakeGate(WakeConfig(phrase="hello box"))
    assert g.check("Hello, box. Play jazz.", 0).command == "Play jazz."
    assert g.check("Hey speaker, play jazz.", 0).kind == "ignore"


def test_no_false_wake_on_reference_transcripts():
    """Read speech and real commands (SLURP) must not wake the speaker by text alone."""
    texts = [l.split("|", 1)[1] for l in
             (dataset("speech_ljspeech_32") / "transcripts.psv").read_text().splitlines()[1:]]
    texts += [p.read_text() for p in dataset("speech_fleurs_en").glob("*.txt")]
    texts += [json.loads(l)["sentence"] for l in
              (dataset("intent_slurp") / "test.jsonl").read_text().splitlines() if l.strip()]
    g = WakeGate(WakeConfig())
    woken = [t for t in texts if g.check(t, now=0.0).kind != "ignore"]
    assert len(texts) > 3000 and woken == []


def test_a_hearing_that_is_a_known_command_is_read_alone():
    """Heard again (other speeds): "Resume." among "Present." is read alone, the first hearing
    before the others; with no known command at all every hearing is read. A known first
    hearing read with the others once lost to a surer other one ("knock knock." to "knock
    not.", which was asked back)."""
    from assistant.rehear import hearings_to_read

    assert hearings_to_read("Present.", ["Resume.", "Present.", "Resume."]) == ["Resume."]
    assert hearings_to_read("Resume.", ["Present."]) == ["Resume."]
    assert hearings_to_read("Play some jazz.", ["Play some jazz.", "Play sam jazz."]) == \
        ["Play some jazz.", "Play some jazz.", "Play sam jazz."]


def test_a_follow_up_left_alone_keeps_the_rest_of_the_window():
    g = WakeGate(WakeConfig(follow_up_s=6))
    g.listen_for_follow_up(100.0)
    gate = g.check("The weather was lovely yesterday.", now=102.0)
    assert gate.kind == "command" and gate.follow_up
    g.keep_window()  # the loop found it was not for the speaker
    assert g.check("Next.", now=105.0).follow_up
    g.keep_window()
    assert g.check("Next.", now=107.0).kind == "ignore"  # past the window's end


def test_a_command_after_the_wake_phrase_alone_is_not_a_follow_up():
    g = WakeGate(WakeConfig(timeout_s=5))
    g.check("Hey speaker.", now=10.0)
    gate = g.check("Who is this?", now=11.0)
    assert gate.kind == "command" and not gate.follow_up
    g.keep_window()
    assert g.check("Next.", now=12.0).kind == "ignore"
