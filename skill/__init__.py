"""NemoVideo skill runtime: skill loading, configuration, the conversation and host adapters."""

from backend.version import __version__

__all__ = ["__version__"]
