"""Message → action routing (export, credits, state, upload, chat): multilingual,
typo-tolerant, explainable. ``route(text, attachments)`` uses the built-in tables;
``Router.from_tables(skill.overrides)`` builds one per skill."""

from router.core import Router, default_router, route
from router.language import detect_language, detect_locale
from router.model import REASONS, Match, Route
from router.tables import ACTIONS, CONTEXTS

__all__ = ["ACTIONS", "CONTEXTS", "REASONS", "Match", "Route", "Router", "default_router",
           "detect_language", "detect_locale", "route"]
