"""The NemoVideo API: the HTTP client (cloud or local) and the embedded local backend."""

#: The runtime's version (``skill`` reports it; caches of parsed data are keyed by it).
__version__ = "0.1.0"
