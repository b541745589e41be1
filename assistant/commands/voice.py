"""``assistant run``: the voice loop, end to end, with systemd's notifications and signals."""

from __future__ import annotations

import json
import sys

from .. import audio as A
from ..loop import Event, LoopHooks, VoiceLoop
from .hearing import load_config, open_source


def _slots(slots: list[dict]) -> str:
    return ", ".join(f"{s['type']}={s['value'] if s['value'] is not None else s['text']}"
                     for s in slots)


def pretty(event: Event) -> str | None:
    """One readable line per hop (what was heard, understood, done, said)."""
    d, t = event.data, f"[{event.t:7.2f}s]"
    k = event.kind
    if k == "utterance":
        return f"{t} heard:      {d['text']!r}  (asr {d['asr_ms']:.0f} ms)"
    if k == "wake":
        return f"{t} woke:       listening for a command"
    if k == "ignored":
        return f"{t} ignored:    {d['reason']}"
    if k == "understood":
        extra = f", {_slots(d['slots'])}" if d["slots"] else ""
        again = (f"{t} heard again: {' | '.join(map(repr, d['heard_again']))}  "
                 f"(asr {d['asr_again_ms']:.0f} ms, other speeds)\n" if d.get("heard_again") else "")
        if d.get("heard_with_names"):
            again += f"{t} heard with the library's names: {d['heard_with_names']!r}\n"
        if d.get("meant"):  # a command changed in the same breath
            again += f"{t} meant:      {d['meant']!r}\n"
        parts = ("\n" + f"{t} as {len(d['parts'])} commands: " + " | ".join(
            f"{p['text']!r} → {p['intent']} ({p['intent_confidence']:.2f})" for p in d["parts"])
            if d.get("parts") else "")
        return (f"{again}{t} understood: {d['intent']} ({d['intent_confidence']:.2f}), "
                f"{d['sentiment']}{extra}  (nlu {d['nlu_ms']:.1f} ms){parts}")
    if k == "action":
        rest = ", ".join(f"{a}={b}" for a, b in d.items() if a != "action")
        return f"{t} did:        {d['action']}" + (f" ({rest})" if rest else "")
    if k == "reply":
        return (f"{t} said:       {d['text']!r}  (tts {d['tts_ms']:.0f} ms, end of speech → "
                f"reply {d['e2e_ms']:.0f} ms)")
    if k == "timer":
        said = f"  said: {d['said']!r}" if d.get("said") else ""
        if d.get("state") == "music":  # a music alarm
            said = f"  playing {d['title']} by {d['artist']}"
        return f"{t} timer:      {d.get('state')}{said}"
    if k == "calendar":
        return f"{t} calendar:   {d['said']!r}"
    if k == "barge_in":
        return f"{t} barge-in:   stopped {', '.join(d['stopped'])}"
    if k == "wake_timeout":
        return f"{t} wake timed out: no command came"
    if k == "error":
        return f"{t} error:      {d['message']}"
    return None


def cmd_run(args) -> int:
    from .. import service

    cfg = load_config(args)
    service.setup_logging(cfg, verbose=args.verbose, quiet=args.quiet)
    if getattr(args, "input", None):
        source = open_source(args, cfg)
    else:  # the microphone may be missing at boot or pulled later: wait for it, never crash-loop
        source = service.open_microphone(getattr(args, "device", None) or cfg.audio.input_device
                                         or None)
    private = service.running_as_service()  # stdout is the journal: hide what people said

    def on_event(event: Event) -> None:
        if private:
            event = Event(event.kind, event.t, service.private_event(event.kind, event.data))
        if args.json:
            print(json.dumps(event.to_json(), ensure_ascii=False), flush=True)
        else:
            line = pretty(event)
            if line:
                print(line, flush=True)

    notifier = service.Notifier()
    loop = VoiceLoop(cfg, source, on_event=on_event, no_wake=args.no_wake, asr=args.asr,
                     hooks=LoopHooks(**notifier.hooks()), config_path=args.config)
    service.install_signal_handlers(loop, notifier)
    if not args.json:
        where = source.name if not isinstance(source, A.FileSource) else f"the recording {source.name}"
        wake = "no wake phrase needed" if args.no_wake or not cfg.wake.enabled else \
            f"say {cfg.wake.phrase!r} first"
        print(f"assistant: loading models, then listening on {where} ({wake})", file=sys.stderr,
              flush=True)
    service.write_pid_file()
    status = None
    try:
        from ..status import StatusServer

        status = StatusServer(loop.status).start()
    except Exception as exc:  # status is a convenience; the speaker works without it
        print(f"assistant: warning: status socket unavailable: {exc}", file=sys.stderr)
    try:
        return loop.run()
    finally:
        if status is not None:
            status.stop()
        service.remove_pid_file()
