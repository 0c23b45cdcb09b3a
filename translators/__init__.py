"""Backend text to chat text: GUI directions to API actions, draft to timeline summary,
state diff to change summary, and every user-facing sentence from per-language templates.

Submodules load their data lazily; importing the package is cheap.
"""

__all__ = ["diff", "gui", "lang", "messages", "timeline"]
