"""``python -m quantize COMMAND``: the developer toolchain's one command line.

Each subcommand lives in its own module exposing ``add_parser(subparsers)``; the module is imported
here only to declare its options, and its heavy imports (torch, transformers, ...) happen inside
its ``run(args)``.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from assistant.errors import AssistantError

COMMANDS = [
    # module under quantize/, in the order `--help` lists them
    "convert_whisper",
    "quantize_cmd",
    "evaluate",
    "bench_cmd",
    "bundle_cmd",
    "train_recommender",
    "train_nlu",
    "export_nlu",
    "asr_augment",
    "finetune_whisper",
]


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m quantize",
                                description="assistant's developer toolchain.")
    p.add_argument("-v", "--verbose", action="store_true")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"quantize.{name}").add_parser(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                        format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    try:
        return int(args.func(args) or 0)
    except AssistantError as exc:
        print(f"quantize: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
