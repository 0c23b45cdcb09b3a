"""Render a fixed list of prompts through the local agent and renderer; write the MP4s and one
contact sheet PNG (several frames per video) to look at.

    python benchmarks/gallery.py [--out gallery] [--size 960x540] [--only 3]

(``docs/gallery-sheet.png``, shown in the README, is ``sheet-small.png`` from a 960x540 run.)

Each prompt goes through the same path as a chat message (``plan_turn``: scene descriptions,
palette, style, music, title, captions and narration for scripts) and is rendered with
``render_draft``. The sheet has one row per prompt: the prompt, the scene summary and three
frames (near the start, the middle and the end).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw

from backend.local.agent import Result, plan_turn
from backend.local.render import ffmpeg_exe, render_draft
from backend.local.render_fonts import find_fonts, load_font
from backend.local.store import empty_state

PROMPTS = (
    "Generate a 10-second video of a sunset over a mountain lake with calm music, cinematic style",
    "Generate a video from this script: A city wakes up at dawn. Trains glide along the river. "
    "At night the skyline glows in the rain.",
    "Make a 10-second video of a snowy forest with a cabin",
    "Make a 10-second video of a city at night in the rain",
    "Make a 10-second upbeat video of a beach at noon",
    "Make a 10-second video of a desert road at dawn, vintage style",
    "Make a 10-second video of a starry sky over a tent",
    "生成一个10秒的视频：山间湖泊上的日落，动漫风格",
    "make a 10 second video of 비 오는 밤의 도시",
    "Genera un video de 10 segundos: un atardecer en la playa con barcos",
)
THUMB_W = 320
_LABEL_W = 360


def draft_for(prompt: str) -> dict[str, Any]:
    """The draft the local agent makes for ``prompt`` (the final stage of its generation)."""
    state: dict[str, Any] = empty_state()
    for step in plan_turn(prompt, state, {}).steps:
        if isinstance(step, Result) and step.state is not None:
            state = step.state
    return dict(state["draft"])


def frames(video: Path, times: list[float], width: int) -> list[Image.Image]:
    import subprocess
    import tempfile

    shots = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, t in enumerate(times):
            out = Path(tmp) / f"f{i}.png"
            subprocess.run([ffmpeg_exe(), "-v", "error", "-ss", f"{t:.2f}", "-i", str(video),
                            "-frames:v", "1", "-vf", f"scale={width}:-2", str(out)], check=True)
            shots.append(Image.open(out).convert("RGB"))
    return shots


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("gallery"))
    parser.add_argument("--size", default="960x540", help="render size, WxH (16:9)")
    parser.add_argument("--only", type=int, default=len(PROMPTS), help="first N prompts")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.lower().split("x"))
    args.out.mkdir(parents=True, exist_ok=True)
    fonts = find_fonts()
    rows: list[tuple[str, str, list[Image.Image]]] = []
    for n, prompt in enumerate(PROMPTS[: args.only]):
        draft = draft_for(prompt)
        draft["w"], draft["h"] = width, height
        out = args.out / f"{n:02d}.mp4"
        started = time.perf_counter()
        render_draft(draft, out, media=lambda _id: None)
        seconds = draft["d"] / 1000
        video = next(t for t in draft["t"] if t["tt"] == 0)["sg"]
        summary = " / ".join(dict.fromkeys(s["m"]["scene"]["summary"] for s in video))
        print(f"{out}  {seconds:.1f} s video in {time.perf_counter() - started:.1f} s  {summary}")
        times = [min(1.5, seconds / 4), seconds / 2, max(0.0, seconds - 1.0)]
        rows.append((prompt, summary, frames(out, times, THUMB_W)))
    sheet = contact_sheet(rows, fonts)
    sheet.save(args.out / "sheet.png", optimize=True)
    # A small copy for the README: half size, 256 colours, no dithering (about 200 KB).
    small = sheet.resize((sheet.width // 2, sheet.height // 2), Image.Resampling.LANCZOS)
    small = small.quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    small.save(args.out / "sheet-small.png", optimize=True)
    for name in ("sheet.png", "sheet-small.png"):
        path = args.out / name
        print(f"{path}  {Image.open(path).size}  {path.stat().st_size // 1024} KB")


def contact_sheet(rows: list[tuple[str, str, list[Image.Image]]], fonts: Any) -> Image.Image:
    thumb_h = rows[0][2][0].height
    pad = 6
    sheet = Image.new("RGB", (_LABEL_W + 3 * (THUMB_W + pad) + pad, len(rows) * (thumb_h + pad)
                              + pad), (18, 18, 22))
    draw = ImageDraw.Draw(sheet)
    for r, (prompt, summary, shots) in enumerate(rows):
        y = pad + r * (thumb_h + pad)
        for c, shot in enumerate(shots):
            sheet.paste(shot, (_LABEL_W + pad + c * (THUMB_W + pad), y))
        _label(draw, fonts, prompt, (pad, y), size=15, colour=(235, 235, 235),
               max_h=thumb_h * 2 // 3)
        _label(draw, fonts, summary, (pad, y + thumb_h * 2 // 3 + 4), size=13,
               colour=(150, 200, 255), max_h=thumb_h // 3)
    return sheet


def _label(draw: ImageDraw.ImageDraw, fonts: Any, text: str, at: tuple[int, int], *,
           size: int, colour: tuple[int, int, int], max_h: int) -> None:
    from backend.local.render_text import wrap_text

    font = load_font(fonts.face_for(text), size, "Regular")
    lines = wrap_text(text, font, _LABEL_W - 12)
    x, y = at
    for line in lines[: max(1, max_h // (size + 4))]:
        draw.text((x, y), line, font=font, fill=colour)
        y += size + 4


if __name__ == "__main__":
    main()
