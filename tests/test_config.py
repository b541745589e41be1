"""The one TOML config: defaults, validation messages that say what to fix."""

import pytest

from assistant import config as C
from assistant.errors import ConfigError


def write(tmp_path, text):
    p = tmp_path / "config.toml"
    p.write_text(text)
    return p


def test_defaults_when_absent(tmp_path, monkeypatch):
    monkeypatch.setenv("CONFIGURATION_DIRECTORY", str(tmp_path))
    cfg = C.load()
    assert cfg.wake.phrase == "hey speaker" and cfg.vad.threshold == 0.5


def test_values_are_read_and_frozen(tmp_path):
    cfg = C.load(write(tmp_path, '[wake]\nphrase = "hello box"\n[vad]\nthreshold = 0.6\nend_ms = 400\n'
                                 '[library]\npaths = ["/music"]\n'))
    assert cfg.wake.phrase == "hello box" and cfg.vad.threshold == 0.6 and cfg.vad.end_ms == 400
    assert cfg.library.paths == ("/music",)
    with pytest.raises(AttributeError):
        cfg.wake.phrase = "x"


@pytest.mark.parametrize("text,expect", [
    ("[vad]\nthreshold = 'high'\n", "[vad] threshold must be a number"),
    ("[vad]\nthreshold = 3\n", "between 0.0 and 1.0"),
    ("[vad]\nend_ms = -5\n", "must not be negative"),
    ("[wake]\nenabled = 1\n", "must be true or false"),
    ("[wake]\nphrse = 'x'\n", "unknown key 'phrse' in [wake]"),
    ("[waek]\nphrase = 'x'\n", "unknown section [waek]"),
    ("[asr]\nengine = 'cloud'\n", "must be one of auto, whisper, onnx"),
    ("[asr]\nhear_again = [0.9, 0.2]\n", "each number must be between 0.5 and 1.5"),
    ("[asr]\nhear_again = 0.9\n", "[asr] hear_again must be a list of numbers"),
    ("[asr]\nsecond_hearing = 2\n", "each number must be between 0.5 and 1.5"),
    ("[asr]\nhear_again_below = 2\n", "between 0.0 and 1.0"),
    ("vad = 3\n", "[vad] must be a table"),
    ("[vad\n", "not valid TOML"),
])
def test_bad_config_says_what_to_fix(tmp_path, text, expect):
    with pytest.raises(ConfigError) as err:
        C.load(write(tmp_path, text))
    assert expect in str(err.value)
    assert "config.toml" in str(err.value)


def test_explicit_missing_file_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        C.load(tmp_path / "nope.toml")
