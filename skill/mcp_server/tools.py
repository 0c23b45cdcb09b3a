"""The MCP tool table (``tools.yaml``): names, descriptions and input schemas the host's model
sees, the server's instructions, and its own few sentences in every reply language. Loaded and
checked once."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from backend.datacache import load_yaml
from translators.lang import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES, normalize_language

__all__ = ["TOOL_NAMES", "ToolSpec", "ToolTable", "load_tools"]

#: The five actions of DESIGN §5, then ``wait`` (continue work that outlasted a call's time
#: limit) and ``preview``, in the order hosts list them. The table must define exactly these:
#: the server has one handler for each.
TOOL_NAMES = ("send_message", "upload", "export_video", "get_credits", "get_timeline", "wait",
              "preview")

_TABLE = Path(__file__).with_name("tools.yaml")
_HINTS = frozenset({"readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"})


@dataclass(frozen=True)
class ToolSpec:
    """One tool as listed to the host: JSON Schema of its arguments and behaviour hints."""

    name: str
    title: str
    description: str
    input_schema: Mapping[str, Any]
    annotations: Mapping[str, bool]


@dataclass(frozen=True)
class ToolTable:
    """Everything in ``tools.yaml``."""

    instructions: str
    tools: tuple[ToolSpec, ...]
    #: message key -> language -> template (``str.format``); English has every key.
    messages: Mapping[str, Mapping[str, str]]
    output_schema: Mapping[str, Any]

    def message(self, key: str, lang: str | None = None, /, **values: Any) -> str:
        """The server's sentence ``key`` in ``lang`` (any tag; unknown means English) with
        ``values`` filled in. ``KeyError`` if the key is unknown: a programming mistake, since
        the table is checked at load."""
        texts = self.messages[key]
        template = texts.get(normalize_language(lang)) or texts[DEFAULT_LANGUAGE]
        return template.format(**values)


@functools.cache
def load_tools(path: Path = _TABLE) -> ToolTable:
    """Read and check the table. Raises ``ValueError`` naming the file and the problem when
    it is malformed (a packaging mistake, caught by the tests)."""
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping at the top")
    tools_data = data.get("tools")
    if not isinstance(tools_data, dict) or set(tools_data) != set(TOOL_NAMES):
        found = sorted(tools_data) if isinstance(tools_data, dict) else tools_data
        raise ValueError(f"{path}: 'tools' must define exactly {list(TOOL_NAMES)}, "
                         f"found {found}")
    tools = tuple(_tool(path, name, tools_data[name]) for name in TOOL_NAMES)
    messages = _messages(path, data.get("messages"))
    instructions = data.get("instructions")
    if not isinstance(instructions, str) or not instructions.strip():
        raise ValueError(f"{path}: 'instructions' must be a non-empty string")
    output = data.get("output")
    if not isinstance(output, dict) or output.get("type") != "object" or not {
            "state", "reply"} <= set(output.get("required", ())):
        raise ValueError(f"{path}: 'output' must be a JSON Schema of type object requiring "
                         "'state' and 'reply'")
    return ToolTable(instructions.strip(), tools, messages, output)


def _messages(path: Path, data: Any) -> dict[str, dict[str, str]]:
    """Each message maps supported languages to strings and has English (the fallback)."""
    if not isinstance(data, dict):
        raise ValueError(f"{path}: 'messages' must map names to languages to strings")
    for key, texts in data.items():
        if not isinstance(texts, dict) or not all(
                isinstance(lang, str) and isinstance(text, str) for lang, text in texts.items()):
            raise ValueError(f"{path}: message {key!r} must map languages to strings")
        unknown = set(texts) - set(SUPPORTED_LANGUAGES)
        if unknown or DEFAULT_LANGUAGE not in texts:
            raise ValueError(f"{path}: message {key!r} needs {DEFAULT_LANGUAGE!r} and only "
                             f"supported languages (unknown: {sorted(unknown)})")
    return {str(k): dict(v) for k, v in data.items()}


def _tool(path: Path, name: str, spec: Any) -> ToolSpec:
    where = f"{path}: tool {name!r}"
    if not isinstance(spec, dict):
        raise ValueError(f"{where}: expected a mapping")
    title, description = spec.get("title"), spec.get("description")
    if not isinstance(title, str) or not isinstance(description, str) or not description:
        raise ValueError(f"{where}: needs a 'title' and a 'description' (strings)")
    schema = spec.get("input")
    if not isinstance(schema, dict) or schema.get("type") != "object" or not isinstance(
            schema.get("properties"), dict):
        raise ValueError(f"{where}: 'input' must be a JSON Schema of type object with "
                         "'properties'")
    missing = set(schema.get("required", ())) - set(schema["properties"])
    if missing:
        raise ValueError(f"{where}: required arguments without a schema: {sorted(missing)}")
    annotations = spec.get("annotations", {})
    if not isinstance(annotations, dict) or not set(annotations) <= _HINTS or not all(
            isinstance(v, bool) for v in annotations.values()):
        raise ValueError(f"{where}: 'annotations' may only set {sorted(_HINTS)} to booleans")
    return ToolSpec(name, title.strip(), " ".join(description.split()), schema, annotations)
