"""``assistant doctor``: what is installed, what is missing, and the command that fixes it."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
from dataclasses import dataclass

from . import audio as A
from .errors import AssistantError

DEBIAN = {
    "libportaudio2": "microphone and speaker access (sounddevice)",
    "espeak-ng": "the spoken replies (pyttsx3's espeak driver)",
    "libsndfile1": "reading audio files (soundfile)",
}
PYTHON = ["numpy", "scipy", "soundfile", "sounddevice", "onnxruntime", "tokenizers", "pyttsx3"]


@dataclass
class Check:
    what: str
    status: str  # "ok" | "warn" | "fail"
    detail: str
    fix: str = ""


def _dpkg_installed(pkg: str) -> bool | None:
    if not shutil.which("dpkg-query"):
        return None
    r = subprocess.run(["dpkg-query", "-W", "-f=${Status}", pkg], capture_output=True, text=True)
    return r.returncode == 0 and "install ok installed" in r.stdout


def debian_checks() -> list[Check]:
    out = []
    missing = [p for p in DEBIAN if _dpkg_installed(p) is False]
    for pkg, why in DEBIAN.items():
        state = _dpkg_installed(pkg)
        if state is None:
            out.append(Check(f"debian package {pkg}", "warn", "cannot tell (no dpkg-query)"))
        elif state:
            out.append(Check(f"debian package {pkg}", "ok", f"installed ({why})"))
        else:
            out.append(Check(f"debian package {pkg}", "fail", f"missing: needed for {why}",
                             "sudo apt-get install -y " + " ".join(missing)))
    return out


def python_checks() -> list[Check]:
    out = []
    for mod in PYTHON:
        if importlib.util.find_spec(mod) is None:
            out.append(Check(f"python package {mod}", "fail", "not installed", "make setup"))
        else:
            out.append(Check(f"python package {mod}", "ok", "installed"))
    return out


def audio_checks() -> list[Check]:
    ins, outs = A.input_devices(), A.output_devices()
    return [
        Check("microphone", "ok" if ins else "warn",
              f"{len(ins)} input device(s)" if ins else "none found: use --input FILE",
              "" if ins else "connect a microphone; `assistant devices` lists what PortAudio sees"),
        Check("audio output", "ok" if outs else "warn",
              f"{len(outs)} output device(s)" if outs else
              "none found: replies and music are written to WAV files in the state directory"),
    ]


def model_checks() -> list[Check]:
    out = []
    try:
        from .vad import silero_model_path, verify_silero

        path = silero_model_path()
        verify_silero(path)
        out.append(Check("VAD model (Silero)", "ok", f"{path} (sha256 matches models/vad/card.json)"))
    except AssistantError as exc:
        out.append(Check("VAD model (Silero)", "fail", str(exc), "make setup"))
    try:
        from .asr.weights import describe_weights

        for what, path, status, fix in describe_weights():
            out.append(Check(what, status, path, fix))
    except ImportError as exc:
        out.append(Check("Whisper weights", "fail", f"cannot check ({exc})", "make setup"))
    return out


def shipped_model_checks() -> list[Check]:
    """The models shipped in models/ (or installed in the device store): card hashes."""
    from .cards import verify
    from .paths import MODELS_DIR

    out = []
    for name, what in (("nlu", "understanding model"), ("recommender", "recommender factors"),
                       ("whisper-onnx", "int8 Whisper (ONNX)")):
        d = MODELS_DIR / name
        try:
            card = verify(d)
            out.append(Check(what, "ok", f"{d} ({len(card['files'])} files, sha256 match card.json)"))
        except AssistantError as exc:
            out.append(Check(what, "fail", str(exc), f"git checkout -- models/{name}  (or rebuild: "
                             "see its card.json)"))
    return out


def run_checks() -> list[Check]:
    return (debian_checks() + python_checks() + audio_checks() + model_checks()
            + shipped_model_checks())
