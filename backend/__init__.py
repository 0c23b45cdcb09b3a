"""The NemoVideo API: the HTTP client (cloud or local) and the embedded local backend."""
