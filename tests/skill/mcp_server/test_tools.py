"""The tool table: the five actions with usable schemas; a broken table is refused at load."""

from __future__ import annotations

import re
from pathlib import Path

import jsonschema  # type: ignore[import-untyped]
import pytest
import yaml

from skill.mcp_server import tools
from skill.mcp_server.tools import TOOL_NAMES, load_tools
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
    text = load_tools().message("not_mp4", path="/v/a.mov", example="/v/a.mp4")
    assert "/v/a.mov" in text
    assert "/v/a.mp4" in text


def test_every_server_sentence_exists_in_every_reply_language() -> None:
    # The host relays these as they are: a Chinese conversation must not get English.
    fields = re.compile(r"{(\w+)")
    for key, texts in load_tools().messages.items():
        assert set(texts) == set(SUPPORTED_LANGUAGES), key
        for lang, text in texts.items():
            assert set(fields.findall(text)) == set(fields.findall(texts["en"])), (key, lang)


def test_messages_follow_the_language_tag() -> None:
    table = load_tools()
    assert table.message("still_working", "zh-Hans", handle="job-1").startswith(
        "⏳ 仍在处理中（句柄 job-1）")
    assert table.message("still_working", "zh-TW", handle="job-1").startswith("⏳ 仍在處理中")
    assert table.message("still_working", "pt-BR", handle="job-1").startswith(
        "⏳ Ainda a trabalhar")
    assert table.message("still_working", "xx", handle="job-1").startswith("⏳ Still working")


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
    elif change == "message without English":
        del data["messages"]["still_working"]["en"]
    path = tmp_path / "tools.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(("change", "says"), [
    ("missing tool", "'tools' must define exactly"),
    ("schema not object", "tool 'upload': 'input' must be a JSON Schema of type object"),
    ("required without schema", "required arguments without a schema: ['txt']"),
    ("unknown hint", "tool 'get_timeline': 'annotations' may only set"),
    ("message without English", "message 'still_working' needs 'en'"),
])
def test_broken_table_is_refused_naming_file_and_problem(tmp_path: Path, change: str,
                                                         says: str) -> None:
    path = _broken(tmp_path, change)
    with pytest.raises(ValueError, match=r"tools\.yaml") as caught:
        load_tools(path)
    assert says in str(caught.value)
