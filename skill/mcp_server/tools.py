"""The MCP tool table (``tools.yaml``): names, descriptions and input schemas the host's model
sees, and the server's instructions. Loaded and checked once.

These are English protocol text for the host's model, not replies: the sentences the server
says to the user are in the message catalog (``translators.messages``, keys ``mcp_*``)."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from backend.datacache import load_yaml

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
    output_schema: Mapping[str, Any]


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
    instructions = data.get("instructions")
    if not isinstance(instructions, str) or not instructions.strip():
        raise ValueError(f"{path}: 'instructions' must be a non-empty string")
    output = data.get("output")
    if not isinstance(output, dict) or output.get("type") != "object" or not {
            "state", "reply"} <= set(output.get("required", ())):
        raise ValueError(f"{path}: 'output' must be a JSON Schema of type object requiring "
                         "'state' and 'reply'")
    return ToolTable(instructions.strip(), tools, output)


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
