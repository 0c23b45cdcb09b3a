"""NemoVideo skill runtime: skill loading, configuration, the conversation and host adapters."""

from backend import __version__

__all__ = ["__version__"]
