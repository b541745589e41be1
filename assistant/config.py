"""One TOML config, loaded into frozen dataclasses and validated here, in one place.

Every section and key is optional; what is missing takes the default below. Unknown sections or
keys, wrong types and out-of-range values are refused with a ``ConfigError`` whose message names
the file, the key and what to write instead.

Example ``config.toml``::

    [wake]
    phrase = "hey speaker"

    [vad]
    threshold = 0.5
"""

from __future__ import annotations

import dataclasses
import tomllib
import typing
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError


@dataclass(frozen=True)
class AudioConfig:
    input_device: str = ""
    """Microphone by index or name substring; "" = the system default."""
    output_device: str = ""


@dataclass(frozen=True)
class VadConfig:
    threshold: float = 0.5
    """Speech probability above which a frame counts as speech."""
    start_ms: int = 64
    """Speech must last this long before an utterance starts (start hangover)."""
    end_ms: int = 500
    """Silence must last this long before an utterance ends (end hangover)."""
    pre_roll_ms: int = 300
    """Audio kept from before the start, so the first syllable is not lost."""
    max_utterance_s: float = 20.0
    min_utterance_ms: int = 250


@dataclass(frozen=True)
class AsrConfig:
    engine: str = "auto"
    """"whisper" (openai-whisper, torch), "onnx" (int8 ONNX Runtime) or "auto"."""
    model: str = ""
    """A path to an openai-whisper .pt or a CTranslate2 folder, or a model name; "" = tiny.en."""
    threads: int = 2
    hear_again: tuple[float, ...] = (0.9, 1.05, 0.95)
    """A command the understanding is unsure of is heard again, once per speed here (0.9: played
    10 % slower and lower); the loop acts on the hearing the understanding is surest of, with the
    confidence averaged over all: fewer misheard intents for a few more Whisper passes
    (README, "Heard again when unsure"; bench/results/spoken_intent.md). [] = off."""
    hear_again_below: float = 0.95
    """Intent confidence of the first hearing below which the others are made (1.0: always).
    0.95 re-hears a quarter of spoken HWU64 valid commands and keeps all of the gain."""


@dataclass(frozen=True)
class NluConfig:
    model_dir: str = ""
    """"" = the model shipped in models/nlu (or the installed bundle)."""
    threads: int = 1
    clarify_below: float = 0.5
    """Intent confidence below which the speaker asks a short clarifying question instead."""


@dataclass(frozen=True)
class WakeConfig:
    enabled: bool = True
    phrase: str = "hey speaker"
    follow_up_s: float = 6.0
    timeout_s: float = 8.0
    min_score: float = 75.0


@dataclass(frozen=True)
class TtsConfig:
    engine: str = "espeak"
    voice: str = ""
    rate: int = 170


@dataclass(frozen=True)
class PlayerConfig:
    volume: float = 0.7
    duck_volume: float = 0.2
    autoplay: bool = True
    """When a music queue is on its last track, queue more like it from the recommender."""


@dataclass(frozen=True)
class HistoryConfig:
    retention_days: int = 365


@dataclass(frozen=True)
class LibraryConfig:
    paths: tuple[str, ...] = ()


@dataclass(frozen=True)
class LogConfig:
    level: str = "info"
    transcripts: bool = False
    """Log what people said (off by default: privacy)."""
    store_audio: bool = False
    """Keep utterance audio in the state dir (debugging only)."""


@dataclass(frozen=True)
class Config:
    audio: AudioConfig = field(default_factory=AudioConfig)
    vad: VadConfig = field(default_factory=VadConfig)
    asr: AsrConfig = field(default_factory=AsrConfig)
    nlu: NluConfig = field(default_factory=NluConfig)
    wake: WakeConfig = field(default_factory=WakeConfig)
    tts: TtsConfig = field(default_factory=TtsConfig)
    player: PlayerConfig = field(default_factory=PlayerConfig)
    history: HistoryConfig = field(default_factory=HistoryConfig)
    library: LibraryConfig = field(default_factory=LibraryConfig)
    log: LogConfig = field(default_factory=LogConfig)
    source: str = ""


_CHOICES = {
    ("asr", "engine"): ("auto", "whisper", "onnx"),
    ("tts", "engine"): ("espeak", "piper", "none"),
    ("log", "level"): ("debug", "info", "warning", "error"),
}
_RANGES = {
    ("vad", "threshold"): (0.0, 1.0),
    ("player", "volume"): (0.0, 1.0),
    ("player", "duck_volume"): (0.0, 1.0),
    ("wake", "min_score"): (0.0, 100.0),
    ("nlu", "clarify_below"): (0.0, 1.0),
    ("asr", "hear_again"): (0.5, 1.5),
    ("asr", "hear_again_below"): (0.0, 1.0),
}


def _one_speed(value):
    """second_hearing's one speed (0: off) as a hear_again list; anything else is left to _check."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return [value] if value else []
    return value


_RENAMED = {("asr", "second_hearing"): ("hear_again", _one_speed),
            ("asr", "second_hearing_below"): ("hear_again_below", lambda value: value)}
"""Old key -> (new key, the old value as the new key takes it)."""


def _type_name(tp) -> str:
    return {str: "a string", int: "an integer", float: "a number", bool: "true or false"}.get(
        tp, "a list of strings")


def _check(where: str, section: str, key: str, value, tp):
    origin = typing.get_origin(tp)
    if origin is tuple and typing.get_args(tp)[0] is float:
        if not isinstance(value, list) or not all(isinstance(v, (int, float)) and not isinstance(v, bool)
                                                  for v in value):
            raise ConfigError(f"{where}: [{section}] {key} must be a list of numbers, got {value!r}")
        lo, hi = _RANGES[(section, key)]
        if not all(lo <= v <= hi for v in value):
            raise ConfigError(f"{where}: [{section}] {key}: each number must be between {lo} and {hi}, "
                              f"got {value}")
        return tuple(float(v) for v in value)
    if origin is tuple:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}: [{section}] {key} must be a list of strings, got {value!r}")
        value = tuple(value)
    elif tp is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ConfigError(f"{where}: [{section}] {key} must be a number, got {value!r}")
        value = float(value)
    elif tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{where}: [{section}] {key} must be an integer, got {value!r}")
        if value < 0:
            raise ConfigError(f"{where}: [{section}] {key} must not be negative, got {value}")
    elif not isinstance(value, tp):
        raise ConfigError(f"{where}: [{section}] {key} must be {_type_name(tp)}, got {value!r}")
    if (section, key) in _CHOICES and value not in _CHOICES[(section, key)]:
        raise ConfigError(f"{where}: [{section}] {key} must be one of "
                          f"{', '.join(_CHOICES[(section, key)])}; got {value!r}")
    if (section, key) in _RANGES:
        lo, hi = _RANGES[(section, key)]
        if not lo <= value <= hi:
            raise ConfigError(f"{where}: [{section}] {key} must be between {lo} and {hi}, got {value}")
    return value


def from_dict(data: dict, where: str = "config") -> Config:
    """Validate a parsed TOML table into a Config."""
    sections = {f.name: f for f in dataclasses.fields(Config) if f.name != "source"}
    built = {}
    for name, table in data.items():
        if name not in sections:
            raise ConfigError(f"{where}: unknown section [{name}]; known sections: "
                              f"{', '.join(sorted(sections))}")
        if not isinstance(table, dict):
            raise ConfigError(f"{where}: [{name}] must be a table (a [{name}] header), got {table!r}")
        cls = sections[name].default_factory
        hints = typing.get_type_hints(cls)
        kwargs = {}
        for key, value in table.items():
            if (name, key) in _RENAMED:
                key, convert = _RENAMED[(name, key)]
                value = convert(value)
            if key not in hints:
                raise ConfigError(f"{where}: unknown key {key!r} in [{name}]; known keys: "
                                  f"{', '.join(sorted(hints))}")
            kwargs[key] = _check(where, name, key, value, hints[key])
        built[name] = cls(**kwargs)
    return Config(**built, source=where)


def load(path: str | Path | None = None, required: bool = False) -> Config:
    """Load ``path`` (or the default location); defaults when absent and not ``required``."""
    from . import paths

    explicit = path is not None
    p = Path(path) if explicit else paths.config_file()
    if not p.exists():
        if explicit or required:
            raise ConfigError(f"{p}: config file not found (create it, or leave out --config "
                              "to use the defaults)")
        return Config(source="defaults")
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{p}: not valid TOML ({exc})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{p}: cannot read ({exc})") from None
    return from_dict(data, str(p))
