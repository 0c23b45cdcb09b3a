"""The tool table: the five actions with usable schemas; a broken table is refused at load.
The server's own sentences come from the message catalog, in every reply language."""

from __future__ import annotations

import re
from pathlib import Path

import jsonschema  # type: ignore[import-untyped]
import pytest
import yaml

from skill.mcp_server import tools
from skill.mcp_server.tools import TOOL_NAMES, load_tools
from translators import messages
from translators.lang import SUPPORTED_LANGUAGES

SHIPPED = Path(tools.__file__).with_name("tools.yaml")


def test_shipped_table_defines_the_five_actions_with_valid_schemas() -> None:
    table = load_tools()
    assert tuple(t.name for t in table.tools) == TOOL_NAMES
    for tool in table.tools:
        jsonschema.Draft202012Validator.check_schema(dict(tool.input_schema))
        assert tool.description
        assert tool.title
    schemas = {t.name: t.input_schema for t in table.tools}
    jsonschema.validate({"text": "make a video", "attachments": ["a.png"]},
                        dict(schemas["send_message"]))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"paths_or_urls": []}, dict(schemas["upload"]))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"force": True}, dict(schemas["get_credits"]))


def test_read_only_hints_mark_only_the_queries() -> None:
    hints = {t.name: t.annotations.get("readOnlyHint") for t in load_tools().tools}
    assert hints == {"send_message": False, "upload": False, "export_video": False,
                     "get_credits": True, "get_timeline": True, "wait": True, "preview": True}


def test_messages_fill_in_their_values() -> None:
    text = messages.render("mcp_not_mp4", "en", path="/v/a.mov", example="/v/a.mp4")
    assert text == "I can only save the video as an .mp4 file (got /v/a.mov); for example /v/a.mp4."


def test_every_sentence_the_server_says_is_in_every_reply_language() -> None:
    # The host relays these as they are: a Chinese conversation must not get English. Every
    # key the server's code names is read from its source, so a misspelt one fails here.
    folder = Path(tools.__file__).parent
    said = {key for source in folder.glob("*.py")
            for key in re.findall(r"[\"'](mcp_\w+)[\"']", source.read_text(encoding="utf-8"))}
    assert len(said) >= 15
    for lang in SUPPORTED_LANGUAGES:
        missing = said - messages.catalog_keys(lang)
        assert not missing, (lang, sorted(missing))


def test_messages_follow_the_language_tag() -> None:
    def awaiting(tag: str | None) -> str:
        return messages.render("mcp_awaiting", tag)

    assert awaiting("zh-Hans").startswith("[等待你的回答：请用 send_message")
    assert awaiting("zh-TW").startswith("[等待你的回答：請用 send_message")
    assert awaiting("pt-BR").startswith("[à espera da sua resposta")
    assert awaiting("xx").startswith("[awaiting your answer")


def test_a_name_the_host_typed_is_quoted_as_it_was_given() -> None:
    text = messages.render("mcp_unknown_tool", "de", name="it's\nnew", names="wait, preview")
    assert text == "Es gibt kein Werkzeug namens \"it's\\nnew\"; die Werkzeuge sind: wait, preview."


def _broken(tmp_path: Path, change: str) -> Path:
    data = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
    if change == "missing tool":
        del data["tools"]["get_credits"]
    elif change == "schema not object":
        data["tools"]["upload"]["input"] = {"type": "string"}
    elif change == "required without schema":
        data["tools"]["send_message"]["input"]["required"].append("txt")
    elif change == "unknown hint":
        data["tools"]["get_timeline"]["annotations"]["fastHint"] = True
    path = tmp_path / "tools.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(("change", "says"), [
    ("missing tool", "'tools' must define exactly"),
    ("schema not object", "tool 'upload': 'input' must be a JSON Schema of type object"),
    ("required without schema", "required arguments without a schema: ['txt']"),
    ("unknown hint", "tool 'get_timeline': 'annotations' may only set"),
])
def test_broken_table_is_refused_naming_file_and_problem(tmp_path: Path, change: str,
                                                         says: str) -> None:
    path = _broken(tmp_path, change)
    with pytest.raises(ValueError, match=r"tools\.yaml") as caught:
        load_tools(path)
    assert says in str(caught.value)
