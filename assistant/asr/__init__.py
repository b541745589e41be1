"""Speech to text: the ``Transcriber`` base class and its backends (one module each)."""

from .base import Transcriber, load_transcriber

__all__ = ["Transcriber", "load_transcriber"]
