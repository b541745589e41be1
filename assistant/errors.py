"""The project's exception tree.

Library code raises these; the command line and the voice loop turn them into a one-line
message (and a non-zero exit, or a spoken/logged error) and never show a traceback.
"""


class AssistantError(Exception):
    """Base class of every error the assistant raises on purpose."""


class UsageError(AssistantError):
    """The command line or a request was malformed (exit code 2)."""


class ConfigError(AssistantError):
    """The TOML config is missing, unreadable or invalid; the message says what to fix."""


class AudioError(AssistantError):
    """Audio could not be read, decoded or is unusable (empty, not audio, ...)."""


class AudioDeviceError(AudioError):
    """No usable microphone or output device."""


class ModelError(AssistantError):
    """A model could not be found, converted or loaded."""


class ModelIntegrityError(ModelError):
    """A model file does not match the sha256 in its card (tampered or truncated)."""


class DatabaseError(AssistantError):
    """The SQLite database could not be opened or written."""


class ImportFormatError(AssistantError):
    """A history import file has the wrong format; nothing was imported."""


class BundleError(AssistantError):
    """A model bundle was refused (signature, hash, target, compatibility, paths)."""
