"""NemoVideo skill runtime: skill loading, configuration, the conversation and host adapters."""

__version__ = "0.1.0"
