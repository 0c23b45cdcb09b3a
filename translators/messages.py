"""Every sentence the user reads, rendered from a Jinja2 catalog per language.

Catalogs are ``translators/catalog/<lang>.yaml``: a flat mapping of message key to a Jinja2
template string. English holds every key; another language may miss keys, which then fall back
to English. Only the catalogs a reply needs are read, on first use (hosts start the CLI once
per message; parsed catalogs are cached by ``backend.datacache``), and each template is compiled
once, with ``StrictUndefined`` so that a missing variable is an error
rather than a silent blank.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from translators.lang import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES, normalize_language

if TYPE_CHECKING:
    import jinja2

__all__ = ["CATALOG_DIR", "catalog_keys", "catalog_source", "prepare", "render"]

#: Where the per-language catalogs live (package data).
CATALOG_DIR: Final = Path(__file__).with_name("catalog")


def render(key: str, lang: str | None = None, /, **variables: Any) -> str:
    """Render message ``key`` in ``lang`` (any tag; unknown or missing means English).

    A key missing from the language's catalog falls back to English. Leading and trailing
    whitespace is stripped. Raises ``KeyError`` for a key no catalog has, and
    ``jinja2.UndefinedError`` when a variable the template uses was not given: both are
    programmer mistakes, never user input.
    """
    code = normalize_language(lang)
    template = _template(code, key)
    if template is None and code != DEFAULT_LANGUAGE:
        template = _template(DEFAULT_LANGUAGE, key)
    if template is None:
        raise KeyError(f"unknown message key {key!r}")
    return template.render(**variables).strip()


def prepare(lang: str | None = None) -> None:
    """Load the template engine and the catalog of ``lang`` (and English) now, e.g. while
    waiting for a server to start, rather than at the first reply."""
    _environment()
    _sources(DEFAULT_LANGUAGE)
    if lang:
        _sources(normalize_language(lang))


def catalog_keys(lang: str) -> frozenset[str]:
    """The keys the catalog of ``lang`` defines itself (without the English fallback)."""
    return frozenset(_sources(normalize_language(lang)))


def catalog_source(lang: str, key: str) -> str | None:
    """The raw template text of ``key`` in ``lang``'s own catalog, or None."""
    return _sources(normalize_language(lang)).get(key)


@functools.cache
def _environment() -> jinja2.Environment:
    import jinja2  # imported on first use: most CLI runs render only a few messages

    # Chat text, not HTML: no autoescape. trim/lstrip let templates use blocks on their own
    # lines without leaving blank lines in the reply.
    from backend.particles import josa

    env = jinja2.Environment(
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["josa"] = josa  # Korean particles after a name or a number ("파일은/는")
    # A value the user (or the host's model) typed, quoted and escaped as Python shows it: an
    # unknown MCP tool or handle name, whatever characters it holds.
    env.filters["repr"] = repr
    return env


@functools.cache
def _sources(lang: str) -> Mapping[str, str]:
    if lang not in SUPPORTED_LANGUAGES:
        return {}
    path = CATALOG_DIR / f"{lang}.yaml"
    if not path.is_file():
        return {}
    from backend.datacache import load_yaml  # parsed once per version, then read as is

    data = load_yaml(path)
    if not isinstance(data, dict):
        raise RuntimeError(f"message catalog {path.name} must be a mapping of key to text")
    for key, value in data.items():
        if not isinstance(key, str) or not isinstance(value, str):
            raise RuntimeError(f"message catalog {path.name}: {key!r} must map to a string")
    return data


@functools.cache
def _template(lang: str, key: str) -> jinja2.Template | None:
    source = _sources(lang).get(key)
    if source is None:
        return None
    return _environment().from_string(source)
