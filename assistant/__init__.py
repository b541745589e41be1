"""assistant: an offline smart-speaker voice assistant that runs entirely on the device."""

__version__ = "0.1.0"
