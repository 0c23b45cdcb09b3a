"""Translator speed: cold start in a fresh process (hosts start the CLI once per message) and
per-call cost of GUI translation, timeline summary and state diff. Prints figures only.

Run: python benchmarks/translators_bench.py
"""

from __future__ import annotations

import copy
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

REPLY = ("Your video is ready! It opens on a city timelapse, then Lo-fi music fades in. "
         "I've added the title 'Urban Dreams' and you can preview it in the timeline. "
         "Once you're happy with it, click **Export** to download your MP4.")
REPLY_ZH = ("视频已生成！我已添加标题“城市之梦”，你可以在时间线预览效果。"
            "满意后点击导出按钮即可下载。")
DRAFT = {"v": 1, "w": 1920, "h": 1080, "ratio": "16:9", "d": 30000, "t": [
    {"id": "v1", "tt": 0, "sg": [{"id": f"s{i}", "s": i * 10000, "d": 10000,
                                  "m": {"kind": "scene", "desc": f"scene {i}"}} for i in range(3)]},
    {"id": "a1", "tt": 1, "sg": [{"id": "m", "s": 0, "d": 30000,
                                  "m": {"kind": "bgm", "name": "Lo-fi", "vol": 0.35}}]},
    {"id": "x1", "tt": 7, "sg": [{"id": "t", "s": 0, "d": 3000,
                                  "m": {"text": "Urban Dreams", "role": "title"}}]},
]}

COLD = """
import time
t0 = time.perf_counter()
import translators.gui, translators.timeline, translators.diff
t1 = time.perf_counter()
translators.gui.translate({reply!r}, "en")
t2 = time.perf_counter()
translators.timeline.summarize_timeline({draft!r}, "en")
t3 = time.perf_counter()
print(f"{{(t1-t0)*1000:.1f}} {{(t2-t1)*1000:.1f}} {{(t3-t2)*1000:.1f}}")
"""


def cold_start(runs: int = 5) -> None:
    code = COLD.format(reply=REPLY, draft=DRAFT)
    rows = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout.split()
        rows.append([float(x) for x in out])
    med = [statistics.median(col) for col in zip(*rows, strict=True)]
    print(f"cold import of gui+timeline+diff: {med[0]:.1f} ms (median of {runs})")
    print(f"first translate (loads phrase table + catalog): {med[1]:.1f} ms")
    print(f"first timeline summary: {med[2]:.1f} ms")


def per_call(name: str, fn: Callable[[], object], n: int = 2000) -> None:
    fn()
    t0 = time.perf_counter()
    for _ in range(n):
        fn()
    per = (time.perf_counter() - t0) / n * 1e6
    print(f"{name}: {per:.0f} µs per call ({n} calls)")


def main() -> None:
    from translators.diff import summarize_changes
    from translators.gui import translate
    from translators.timeline import summarize_timeline

    cold_start()
    after = copy.deepcopy(DRAFT)
    after["t"][1]["sg"][0]["m"]["vol"] = 0.5
    after["t"][2]["sg"][0]["m"]["text"] = "Paradise Found"
    per_call("translate (English reply with 2 directions)", lambda: translate(REPLY, "en"))
    per_call("translate (Chinese reply with 2 directions)", lambda: translate(REPLY_ZH, "zh"))
    per_call("translate (no direction, fast path)",
             lambda: translate("A calm sunset over the lake, 30 seconds.", "en"))
    per_call("summarize_timeline (3 tracks)", lambda: summarize_timeline(DRAFT, "en"))
    per_call("summarize_changes (2 changes)",
             lambda: summarize_changes({"draft": DRAFT}, {"draft": after}, "en"))


if __name__ == "__main__":
    main()
