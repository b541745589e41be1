"""The voice loop: frames → utterance → transcript → wake gate → understanding → skill → speech.

``VoiceLoop`` wires the stages and reports one ``Event`` per hop; it holds no stage logic itself.
It runs on one thread, frame by frame (32 ms). Time comes from a ``StreamClock``: the wall clock
on the microphone, the position in the recording with ``--input`` (so a file runs faster than real
time and timers still ring at the right point of it). Output (speech, music, ring tones) goes to
one ``Player``: the sound card, or WAV files in the state directory when there is none.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from . import audio as A
from . import rehear
from .compound import self_corrected, split_commands
from .config import Config
from .errors import AssistantError
from .recommend import Autoplay
from .service import store_audio
from .stages import Models, Stages, wake_prompt
from .skills import known_words, play_name
from .skills.timer_words import SLEEP, music_of, ring_words, wake_up_queue
from .skills.spoken import parse_duration, say_list
from .skills.undo import undoes
from .skills.volume import unmute_when_due
from .types import Reply, Understanding, Utterance
from .wake import words as wake_words

log = logging.getLogger(__name__)

TICK_S = 0.25
"""Timers, wake timeouts, reloads and the watchdog are looked at this often (stream time)."""
RING_MAX_S = 60.0
"""A ringing timer nobody stops falls silent after this long."""
RING_EVERY_S = 1.2
PRUNE_EVERY_S = 86400.0
SLOW_TICK_S = 5.0
"""How often the tick looks at what has minutes, not frames, to be on time for: calendar entries
starting now, the end of a timed mute (each a read of the database)."""
DRAIN_MAX_S = 30.0
"""With --input: after the recording ends, keep time running this long at most for timers."""
MUSIC_WORDS = {"music", "song", "playing", "track", "radio", "podcast", "audiobook", "everything"}
TIMER_WORDS = {"alarm", "alarms", "timer", "timers", "reminder", "reminders", "snooze"}
OTHER_THINGS = TIMER_WORDS | {"appointment", "appointments", "meeting", "meetings", "event", "events",
                              "calendar", "plans", "list", "lists", "order", "booking", "email"}
"""Things a stop word can name that are not what plays or speaks ("cancel next meeting"): said
over a reply or music, the reply stops and the command is still done."""
RING_REPLY_WORDS = 4
"""While something rings, an utterance this short needs no wake phrase: it answers the ringing
("Snooze.", heard as "Choose.", "Pause.", "Okay, I'm up."); talk the speaker cannot place is still
let pass (:mod:`.skills.addressed`)."""
STOP_WORDS = ("stop", "cancel", "enough", "quiet", "shut up", "be quiet", "silence", "stop it")


@dataclass(frozen=True)
class Event:
    """One hop of one command. kind: utterance | wake | understood | action | reply | timer |
    calendar | error | ignored | barge_in. t: seconds into the input stream."""

    kind: str
    t: float
    data: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"event": self.kind, "t": round(self.t, 3), **self.data}


@dataclass
class LoopHooks:
    on_ready: Callable[[], None] | None = None
    on_tick: Callable[[], None] | None = None
    on_reloaded: Callable[[bool, str], None] | None = None


class StreamClock:
    """Epoch seconds for the loop: wall time for live input, start + position for a recording."""

    def __init__(self, live: bool):
        self.live = live
        self.start = time.time()
        self.position = 0.0  # seconds of input consumed

    def advance(self, secs: float) -> None:
        self.position += secs

    def __call__(self) -> float:
        return time.time() if self.live else self.start + self.position


def tone(freq: float = 880.0, secs: float = 0.35, level: float = 0.3) -> np.ndarray:
    t = np.arange(A.samples(secs)) / A.SAMPLE_RATE
    env = np.minimum(1.0, np.minimum(t, secs - t) / 0.02)  # 20 ms fades: no clicks
    return (level * env * np.sin(2 * np.pi * freq * t)).astype(A.DTYPE)


NOISE_WORDS = re.compile(r"(?:thanks|thank you)(?: so much| very much)? for watching(?: the video)?|(?:please )?"
                         r"(?:like and )?subscribe(?: to (?:my|the|our) channel)?|don't forget to (?:like and )?"
                         r"subscribe|see you (?:in the|on the) next (?:video|one|episode)|subtitles by .*|"
                         r"transcription by .*|captions by .*|amara org(?: community)?")
"""Whole transcripts Whisper is known to write for noise or music it cannot hear words in (its
training had many video credits); nobody says them to a speaker."""


def is_stop(text: str) -> bool:
    from .wake import words

    ws = " ".join(words(text))
    if re.search(r"\b(?:after|in|at|when|once)\b", ws):
        return False  # "stop after this song", "stop in ten minutes", "when this song ends": a sleep timer
    if parse_duration(ws) is not None or re.search(r"\bfor the (?:next|rest)\b", ws):
        return False  # "silence for two hours", "quiet for the rest of the day": a timed mute
    return bool(ws) and len(ws.split()) <= 4 and any(w == ws or ws.startswith(w + " ")
                                                      or ws.endswith(" " + w) for w in STOP_WORDS)


class VoiceLoop:
    def __init__(self, cfg: Config, source: A.Source, *, on_event: Callable[[Event], None],
                 no_wake: bool = False, asr: str | None = None, hooks: LoopHooks | None = None,
                 config_path: str | None = None):
        from .wake import WakeGate

        self.cfg = cfg
        self.config_path = config_path
        self.source = source
        self.on_event = on_event
        self.asr = asr
        self.hooks = hooks or LoopHooks()
        self.live = not isinstance(source, (A.FileSource, A.ArraySource))
        self.clock = StreamClock(self.live)
        self.gate = WakeGate(cfg.wake, enabled=not no_wake and cfg.wake.enabled)
        self.no_wake = no_wake
        self.stages: Stages | None = None
        self._stop = threading.Event()
        self._reload = threading.Event()
        self._started = time.monotonic()
        self._last_tick = 0.0
        self._autoplay = Autoplay()
        self._last_prune = time.time()
        self._last_slow = float("-inf")
        self._ringing_since: float | None = None
        self._last_ring = 0.0
        self._last_reply: Reply | None = None
        self._last_heard = ""
        self._last_reply_t = 0.0
        self._ducked_for_listening = False
        self.latencies: dict[str, float] = {}
        self.errors: dict[str, int] = {}
        self.counts = {"utterances": 0, "commands": 0, "reloads": 0}

    # ------------------------------------------------------------------ control (thread-safe)
    def request_stop(self) -> None:
        self._stop.set()

    def request_reload(self) -> None:
        self._reload.set()

    def status(self) -> dict:
        st = self.stages
        mic = getattr(self.source, "state", None) or ("file" if not self.live else "ok")
        return {
            "uptime_s": round(time.monotonic() - self._started, 1),
            "pid": os.getpid(),
            "models": st.describe() if st else {},
            "last_latencies_ms": dict(self.latencies),
            "errors": dict(self.errors),
            "microphone": {"state": mic, "name": self.source.name},
            **self.counts,
        }

    # ------------------------------------------------------------------ events
    def _emit(self, event_kind: str, /, **data: Any) -> None:
        try:
            self.on_event(Event(event_kind, self.clock.position, data))
        except BrokenPipeError:
            raise
        except Exception:  # a broken printer must not stop the speaker
            log.debug("event handler failed", exc_info=True)

    def _error(self, kind: str, message: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1
        log.warning("%s: %s", kind, message)
        self._emit("error", stage=kind, message=message)

    # ------------------------------------------------------------------ main loop
    def run(self) -> int:
        self.stages = Stages(self.cfg, self.asr, self.live, wake_prompt(self.cfg, self.gate.enabled))
        if self.hooks.on_ready:
            self.hooks.on_ready()
        try:
            with self.source:
                for frame in self.source.frames():
                    self._frame(frame)
                    if self._stop.is_set():
                        break
                else:
                    for utt in self.stages.segmenter.flush():
                        self._handle(utt)
                    self._drain()
        finally:
            self.stages.close()
        return 0

    def _frame(self, frame: np.ndarray) -> None:
        st = self.stages
        self.clock.advance(A.FRAME_SECONDS)
        if not self.live:
            st.player.advance(A.FRAME_SECONDS)
        utts = st.segmenter.feed(frame)
        self._duck_while_listening(st.segmenter.in_speech)
        for utt in utts:
            self._handle(utt)
        if self.clock.position - self._last_tick >= TICK_S:
            self._tick()

    def _drain(self) -> None:
        """After a recording ends: let pending speech finish and timers due soon ring."""
        st = self.stages
        limit = self.clock.position + DRAIN_MAX_S
        while self.clock.position < limit and not self._stop.is_set():
            nxt = st.timers.next_due()
            busy = st.player.speaking or self._ringing_since is not None
            if not busy and (nxt is None or nxt > self.clock() + DRAIN_MAX_S):
                break
            self.clock.advance(A.FRAME_SECONDS)
            st.player.advance(A.FRAME_SECONDS)
            if self.clock.position - self._last_tick >= TICK_S:
                self._tick()

    def _tick(self) -> None:
        self._last_tick = self.clock.position
        now = self.clock()
        if self.hooks.on_tick:
            self.hooks.on_tick()
        if self._reload.is_set():
            self._do_reload()
        if now - self._last_prune >= PRUNE_EVERY_S:
            self._last_prune = now
            self.stages.prune_history(self.cfg)
        if self.gate.woken_timed_out(now):
            self._emit("wake_timeout")
        if self.cfg.player.autoplay:  # more music before the queue runs out, not in the callback
            self._autoplay(self.stages.player, self.stages.db, self.stages.recommender)
        self._ring(now)
        if now - self._last_slow >= SLOW_TICK_S:
            self._last_slow = now
            self._tell_calendar(now)
            level = unmute_when_due(self.stages.db, self.stages.player, now, self.cfg.player.volume)
            if level is not None:  # "mute for an hour" is over
                self._emit("action", action="unmute", volume=f"{level:.2f}", why="timed mute over")

    def _duck_while_listening(self, listening: bool) -> None:
        player = self.stages.player
        if listening and not self._ducked_for_listening and player.current is not None:
            player.duck()
            self._ducked_for_listening = True
        elif not listening and self._ducked_for_listening and not player.speaking:
            player.unduck()
            self._ducked_for_listening = False

    # ------------------------------------------------------------------ timers
    def _ring(self, now: float) -> None:
        st = self.stages
        for t in st.timers.due(now):
            if t.label == SLEEP:  # a sleep timer stops the music; nothing rings
                st.timers.finish(t.id)
                st.player.stop()
                self._emit("timer", id=t.id, kind=t.kind, label=t.label, state="done")
                continue
            queue = wake_up_queue(st.db, t.label) if music_of(t.label) is not None else []
            if queue:  # "wake me up with jazz": the music plays, nothing rings
                st.timers.finish(t.id)
                st.player.play(queue, source="recommendation")
                self._emit("timer", id=t.id, kind=t.kind, label=t.label, state="music",
                           title=queue[0].title, artist=queue[0].artist)
                continue
            said = self._say_on_ring(t)
            self._emit("timer", id=t.id, kind=t.kind, label=t.label, state="ringing",
                       **({"said": said} if said else {}))
            if self._ringing_since is None:
                self._ringing_since = now
                self._last_ring = 0.0
        if self._ringing_since is None:
            return
        if now - self._ringing_since > RING_MAX_S:
            self._stop_ringing("nobody answered")
        elif now - self._last_ring >= RING_EVERY_S and not st.player.speaking:
            st.player.say(np.concatenate([tone(880), np.zeros(A.samples(0.1), A.DTYPE), tone(880)]))
            self._last_ring = now

    def _tell_calendar(self, now: float) -> None:
        """A calendar entry with a time is told as it starts, once: a chime and "Now on your
        calendar: lunch with sam." (it does not ring on: nothing is asked to stop it)."""
        from .agenda import Agenda

        st = self.stages
        try:
            store = Agenda(st.db)
            due = store.due(dt.datetime.fromtimestamp(now))
            for e in due:
                store.mark_told(e.id, now)
        except AssistantError as exc:
            self._error("calendar", str(exc))
            return
        if not due:
            return
        text = f"Now on your calendar: {say_list([e.title for e in due])}."
        st.player.say(tone(660, 0.2))
        try:
            st.player.say(st.speaker.synthesize(text))
        except AssistantError as exc:
            self._error("tts", str(exc))
        self._emit("calendar", ids=[e.id for e in due], said=text)

    def _say_on_ring(self, t) -> str:
        """A reminder or a named timer says what it is for as it starts ringing, before the tone:
        the text said, or "" for a plain timer or alarm."""
        text = ring_words(t.kind, t.label)
        if not text:
            return ""
        try:
            self.stages.player.say(self.stages.speaker.synthesize(text))
        except AssistantError as exc:
            self._error("tts", str(exc))
            return ""
        return text

    def _stop_ringing(self, why: str) -> None:
        n = self.stages.timers.dismiss_ringing()
        self._ringing_since = None
        self._emit("timer", state="stopped", count=n, why=why)

    # ------------------------------------------------------------------ one utterance
    def _handle(self, utt: Utterance) -> None:
        st = self.stages
        self.counts["utterances"] += 1
        t_end = time.perf_counter()  # end of speech as the VAD saw it
        store_audio(self.cfg, utt.audio)  # only with [log] store_audio = true (debugging)
        try:
            tr = st.transcriber.transcribe(utt.audio)
        except AssistantError as exc:
            self._error("asr", str(exc))
            return
        self.latencies["asr"] = round(tr.decode_ms, 1)
        if not tr.text:
            return
        self._emit("utterance", text=tr.text, start_s=utt.start_s, end_s=utt.end_s,
                   asr_ms=round(tr.decode_ms, 1))
        if NOISE_WORDS.fullmatch(" ".join(wake_words(tr.text))):
            self._emit("ignored", reason="words Whisper writes for noise", text=tr.text)
            return  # "Thanks for watching!" heard from a TV in the follow-up window was answered
        now = self.clock()
        busy = st.player.speaking or self._ringing_since is not None or st.player.current is not None
        if busy and self._barge_in(tr.text, now):
            return
        heard = wake_words(tr.text)
        if self._ringing_since is not None and ("snooze" in heard or len(heard) <= RING_REPLY_WORDS):
            # "Snooze.", "Okay, I'm up." while it rings need no wake phrase
            self.gate.listen_for_follow_up(now)
        gate = self.gate.check(tr.text, now)
        if gate.kind == "ignore":
            self._emit("ignored", reason="no wake phrase", score=round(gate.score, 1))
            return
        if gate.kind == "wake":
            self._emit("wake", score=round(gate.score, 1))
            st.player.say(tone(660, 0.15))
            return
        in_breath = gate.score >= self.cfg.wake.min_score  # also with the gate off: the phrase said anyway
        # a follow-up after a question is an answer to it, however unsure
        asked = self._last_reply is not None and self._last_reply.text.rstrip().endswith("?")
        self._command(gate.command, t_end, utt.audio, in_breath,
                      unbidden=gate.follow_up and not asked)

    def _barge_in(self, text: str, now: float) -> bool:
        """The wake phrase or "stop" while the speaker talks, rings or plays stops it. A stop that
        names something else (``OTHER_THINGS``: "cancel my alarm" while none rings, "cancel next
        meeting") is a command, not a barge-in."""
        from .wake import words

        st = self.stages
        score, rest = self.gate.match(text)
        woke = self.gate.enabled and score >= self.cfg.wake.min_score
        stop = is_stop(rest if woke else text)
        if not (stop or (woke and not rest)):
            return False
        if stop and self._ringing_since is None and undoes(rest if woke else text, self._last_reply):
            # "cancel that" just after a timer was set: of the timer, not the music; said over
            # its reply ("Two timers: ..."), the reply stops and the timers are cancelled too
            if st.player.speaking:
                st.player.stop_speech()
                self._emit("barge_in", stopped=["speech"])
            return False
        said = set(words(text))
        what = []
        if st.player.speaking:
            st.player.stop_speech()
            what.append("speech")
        if said & OTHER_THINGS and self._ringing_since is None:
            # "cancel my alarm" or "cancel all my appointments" with nothing ringing is a command:
            # it must not stop the music instead, and it still gets done (and answered) after the
            # speech stops
            if what:
                self._emit("barge_in", stopped=what)
            return False
        if self._ringing_since is not None:
            self._stop_ringing("stop")
            what.append("timer")
        # "stop" over the reply that started the music ("Shuffling your music, ...") is of both;
        # over an answer to something else, of the answer only
        started = self._last_reply is not None and self._last_reply.action == "play"
        if stop and st.player.current is not None and (not what or said & MUSIC_WORDS or started):
            st.player.stop()
            what.append("music")
        if not what:
            return False
        self._emit("barge_in", stopped=what)
        if woke and not rest:  # "hey speaker" alone: listen for the command
            self.gate.check(text, now)
        return True

    def _strip_wake(self, in_breath: bool) -> Callable[[str], str]:
        """For a hearing again: the wake phrase said in the breath cut from it, "" when not found."""
        def strip(text: str) -> str:
            if not in_breath:
                return text
            score, rest = self.gate.match(text)
            return rest if score >= self.cfg.wake.min_score else ""
        return strip

    def _command(self, text: str, t_end: float, audio: np.ndarray, in_breath: bool,
                 unbidden: bool = False) -> None:
        """Understand and act on one command and speak the reply. ``unbidden``: heard in the
        follow-up window with no wake phrase, so it may be talk between people in the room."""
        st = self.stages
        self.counts["commands"] += 1
        again: list[str] = []
        again_ms, nlu_ms, with_names = 0.0, 0.0, ""
        meant = self_corrected(text)  # "play jazz, actually no, play rock": the second is meant
        text = meant or text
        try:
            now = dt.datetime.fromtimestamp(self.clock())
            t0 = time.perf_counter()
            u: Understanding = st.nlu.understand_heard([text], now=now)
            nlu_ms = (time.perf_counter() - t0) * 1000
            unwoken = self._strip_wake(in_breath)

            def strip(heard: str) -> str:
                rest = unwoken(heard)
                return (self_corrected(rest) or rest) if rest else rest
            if u.intent_confidence < self.cfg.asr.hear_again_below and not self._answering():
                again, again_ms = rehear.at_other_speeds(st.transcriber, audio,
                                                         self.cfg.asr.hear_again, strip)
                if again:
                    t0 = time.perf_counter()
                    last = self._last_reply
                    u = st.nlu.understand_heard(rehear.hearings_to_read(
                        text, again, lambda h: known_words(h, last)), now=now)
                    nlu_ms += (time.perf_counter() - t0) * 1000
            ctx = self._skill_context()
            named = play_name(u.text, ctx) if not self._answering() else None
            if named is not None and not named[1]:  # a name the library does not have
                u, names_ms, with_names = rehear.with_library_names(
                    st, ctx, audio, named[0], u, [text, *again],
                    wake_prompt(self.cfg, self.gate.enabled), strip, now)
                again_ms += names_ms
            t0 = time.perf_counter()
            parts = self._parts(u, now)
            nlu_ms += (time.perf_counter() - t0) * 1000
        except AssistantError as exc:
            self._error("nlu", str(exc))
            return
        self.latencies["asr_again"] = round(again_ms, 1)
        self.latencies["nlu"] = round(nlu_ms, 2)
        self._emit("understood", intent=u.intent, intent_confidence=round(u.intent_confidence, 3),
                   sentiment=u.sentiment, sentiment_confidence=round(u.sentiment_confidence, 3),
                   slots=[{"type": s.type, "text": s.text, "value": s.value} for s in u.slots],
                   nlu_ms=round(nlu_ms, 2), heard=u.text, heard_again=again, asr_again_ms=round(again_ms, 1),
                   **({"heard_with_names": with_names} if with_names else {}),
                   **({"meant": meant} if meant else {}),
                   **({"parts": [{"text": p.text, "intent": p.intent,
                                  "intent_confidence": round(p.intent_confidence, 3)} for p in parts]}
                      if parts else {}))
        replies = []
        for i, part in enumerate(parts or [u]):
            reply = self._respond(part, answers=i == 0, unbidden=unbidden)
            if reply.action == "ignore":
                continue
            self._emit("action", action=reply.action, **({"part": part.text} if parts else {}),
                       **{k: v for k, v in reply.detail if k not in ("event", "t", "action", "part")})
            replies.append(reply)
        if not replies:  # not meant for the speaker: nothing is said, the window stays as it was
            self._emit("ignored", reason="not meant for the speaker", text=u.text)
            self.gate.keep_window()
            return
        self._last_heard = u.text  # the whole breath, for "what did I just say"
        if parts:  # one answer for the breath, a question back last; "repeat that" repeats it all
            replies.sort(key=lambda r: r.action == "clarify")
            reply = Reply(" ".join(r.text for r in replies), replies[-1].action, replies[-1].detail)
            self._last_reply = reply
        self._speak(reply, t_end)

    def _parts(self, u: Understanding, now: dt.datetime) -> list[Understanding]:
        """The commands of a breath that holds several ("play some jazz and set a timer for five
        minutes"), each understood on its own; [] to act on ``u`` whole: one command, an answer
        to the speaker's question, or any part the understanding is unsure of."""
        texts = split_commands(u.text)
        if len(texts) < 2 or self._answering():
            return []
        parts = [self.stages.nlu.understand_heard([t], now=now) for t in texts]
        sure = all(p.intent != "unknown" and p.intent_confidence >= self.cfg.nlu.clarify_below
                   for p in parts)
        return parts if sure else []

    def _respond(self, u: Understanding, answers: bool = True, unbidden: bool = False) -> Reply:
        from .skills import respond

        st = self.stages
        ctx = self._skill_context()
        try:
            reply = respond(u, ctx, answers=answers, unbidden=unbidden)
        except AssistantError as exc:
            self._error("skill", str(exc))
            reply = Reply("Sorry, that did not work.", "error")
        if self._ringing_since is not None and not st.timers.ringing():
            # the skill dismissed or snoozed it ("stop", "okay thanks", "snooze")
            self._ringing_since = None
            self._emit("timer", state="stopped", why=reply.action)
        elif self._ringing_since is not None and reply.action != "ignore":
            # asked something else while it rang ("what was that?", "set an alarm for ..."): it
            # was heard, so it goes quiet; ringing on to its time-out drowned the answers
            self._stop_ringing("answered")
        if reply.action not in ("repeat", "ignore"):
            self._last_reply, self._last_reply_t = reply, self.clock()
        return reply

    def _skill_context(self):
        from .skills.base import SkillContext

        st = self.stages
        return SkillContext(cfg=self.cfg, db=st.db, player=st.player, recommender=st.recommender,
                            timers=st.timers, clock=self.clock, last_reply=self._last_reply,
                            last_heard=self._last_heard,
                            speaker=st.speaker)

    def _answering(self) -> bool:
        """Is a skill waiting for a missing piece ("What time should I set the alarm for?")? The
        answer is a bare value ("seven thirty") whose intent is unsure by nature, so hearing it
        again at other speeds only adds mishearings to choose from ("seven party")."""
        from .skills import PENDING_S

        r = self._last_reply
        return (r is not None and r.action == "clarify" and "need" in dict(r.detail)
                and self.clock() - self._last_reply_t <= PENDING_S)

    def _speak(self, reply: Reply, t_end: float) -> None:
        st = self.stages
        t0 = time.perf_counter()
        try:
            speech = st.speaker.synthesize(reply.text)
        except AssistantError as exc:
            self._error("tts", str(exc))
            speech = np.zeros(0, A.DTYPE)
        tts_ms = (time.perf_counter() - t0) * 1000
        if speech.size:
            st.player.say(speech)
        e2e_ms = (time.perf_counter() - t_end) * 1000
        self.latencies.update(tts=round(tts_ms, 1), e2e=round(e2e_ms, 1))
        self._emit("reply", text=reply.text, tts_ms=round(tts_ms, 1), e2e_ms=round(e2e_ms, 1),
                   audio_s=round(A.seconds(speech.size), 2))
        self.gate.listen_for_follow_up(self.clock() + A.seconds(speech.size))

    # ------------------------------------------------------------------ reload
    def _do_reload(self) -> None:
        """Config and models are built aside, then swapped in; on failure the old ones serve."""
        from . import config as C

        self._reload.clear()
        try:
            cfg = C.load(self.config_path)
            models = Models(cfg, self.asr, wake_prompt(cfg, self.gate.enabled))
            models.warm_up()
        except AssistantError as exc:
            self._error("reload", f"reload failed, the running models keep serving: {exc}")
            if self.hooks.on_reloaded:
                self.hooks.on_reloaded(False, str(exc))
            return
        if self.stages.segmenter.in_speech:  # never drop the utterance being collected
            models.segmenter = self.stages.models.segmenter
        self.stages.models, self.cfg = models, cfg
        self.stages.apply_pace()
        self.counts["reloads"] += 1
        log.info("reloaded config and models")
        if self.hooks.on_reloaded:
            self.hooks.on_reloaded(True, "reloaded")
