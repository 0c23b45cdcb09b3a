"""The router against the labelled set (tests/router/labelled.yaml): accuracy per language and
per action, and no ordinary chat/edit message sent to an action. Run with ``-s`` to see the
table; it is also in the assertion message when the test fails."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import yaml

from router import ACTIONS, route

# Pure functions: one shared HOME is isolation enough (tests/conftest.py, issue 16).
pytestmark = pytest.mark.pure

LABELLED = Path(__file__).with_name("labelled.yaml")
LANGUAGES = ("en", "zh-Hans", "zh-Hant", "es", "fr", "de", "pt", "ja", "ko")


def _items() -> list[dict[str, Any]]:
    data = yaml.safe_load(LABELLED.read_text(encoding="utf-8"))
    return [{"lang": lang, **item} for lang, items in data.items() for item in items]


def _table(rows: dict[str, list[bool]], title: str) -> str:
    lines = [f"{title:<10} {'n':>4} {'ok':>4} {'accuracy':>9}"]
    for key, results in rows.items():
        lines.append(f"{key:<10} {len(results):>4} {sum(results):>4} "
                     f"{100 * sum(results) / len(results):>8.1f}%")
    return "\n".join(lines)


def test_labelled_set_is_broad_enough() -> None:
    items = _items()
    assert len(items) >= 400
    assert {i["lang"] for i in items} == set(LANGUAGES)
    assert all(i["a"] in ACTIONS for i in items)
    plain_chat = [i for i in items if i["a"] == "chat" and not i.get("then")]
    assert len(plain_chat) >= 150
    tags = {i["tag"] for i in items}
    assert {"typo", "quoted", "edit", "negation", "attachment"} <= tags
    for lang in LANGUAGES:
        assert sum(1 for i in items if i["lang"] == lang) >= 40, lang


def test_accuracy_per_language_and_action() -> None:
    # The table is in the failure message; `benchmarks/router_bench.py --train` prints it.
    by_lang: dict[str, list[bool]] = defaultdict(list)
    by_action: dict[str, list[bool]] = defaultdict(list)
    wrong: list[str] = []
    false_positives: list[str] = []
    items = _items()
    for item in items:
        got = route(item["t"], item.get("files", ()))
        ok = got.action == item["a"] and got.then == item.get("then")
        by_lang[item["lang"]].append(ok)
        by_action[item["a"]].append(ok)
        if not ok:
            wrong.append(f"  [{item['lang']}] {item['t']!r}: expected "
                         f"{item['a']}{'-then-' + item['then'] if item.get('then') else ''}, "
                         f"got {got.label} ({got.detail})")
        if item["a"] == "chat" and not item.get("then") and (got.action != "chat" or got.then):
            false_positives.append(wrong[-1])
    total = [ok for results in by_lang.values() for ok in results]
    accuracy = sum(total) / len(total)
    report = "\n".join([
        _table(dict(by_lang), "language"), "", _table(dict(by_action), "action"), "",
        f"overall: {sum(total)}/{len(total)} = {100 * accuracy:.1f}%",
        *(["misrouted:", *wrong] if wrong else []),
    ])
    assert not false_positives, "ordinary chat/edit routed to an action:\n" + "\n".join(
        false_positives) + "\n\n" + report
    assert accuracy >= 0.98, report


SEEDS = [
    ("export", "export"), ("导出", "export"), ("download", "export"),
    ("send me the video", "export"),
    ("credits", "credits"), ("积分", "credits"), ("balance", "credits"), ("余额", "credits"),
    ("status", "state"), ("状态", "state"), ("show tracks", "state"),
    ("upload", "upload"), ("上传", "upload"),
    ("generate a video of a city at night", "chat"), ("edit the title", "chat"),
    ("add BGM", "chat"),
]


@pytest.mark.parametrize(("text", "action"), SEEDS)
def test_seed_table_examples_route_as_the_seeds_say(text: str, action: str) -> None:
    got = route(text)
    assert got.action == action, got.detail
    assert got.then is None


def test_seed_user_sends_file_is_upload() -> None:
    got = route("", ["/tmp/clip.mp4"])
    assert (got.action, got.then, got.attachments) == ("upload", None, ("/tmp/clip.mp4",))


@pytest.mark.parametrize(("text", "action"), [
    ("make the title say 'Download now'", "chat"),
    ("add a status bar at the top", "chat"),
    ("上傳影片", "upload"),
    ("exprot it pls", "export"),
])
def test_issue_examples(text: str, action: str) -> None:
    assert route(text).action == action
