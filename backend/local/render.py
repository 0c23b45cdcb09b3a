"""The local renderer: a draft becomes a real H.264 (yuv420p) + AAC MP4, offline.

Choices, and why:

* **ffmpeg as one subprocess** (the binary shipped in the ``imageio-ffmpeg`` wheel). All per-frame
  work (motion, letterboxing, concatenation, text overlays, audio mixing, x264 and AAC
  encoding) runs in C inside a single filter graph, so no Python touches a frame; the
  process can be killed for a prompt cancel; and memory stays near ffmpeg's own (~120–250 MB
  at 1080p). PyAV would put frames through Python and is kept to the tests for inspection.
* **Pillow** draws each title/caption once to a transparent PNG that ffmpeg overlays only
  during its time (drawtext would re-shape the text on every frame).
* **numpy/Pillow** draw each illustrated scene once as a few layer stills
  (``backend/local/scenes``; moved by the filter graph, see ``render_scene``) and synthesise a
  short seamless BGM loop that ffmpeg repeats, so cost does not grow with the loop.
* **Fonts**: Noto Sans SC/TC/JP/KR from a pip package, one face per script, system CJK fonts
  as the fallback; emoji are left out of the picture rather than drawn as boxes (see
  ``render_fonts``).
* **Parts**: each piece's inputs (layers, a decoder) and frame pools stay in memory until its
  ffmpeg process ends, so a long timeline is rendered a run of pieces at a time (six
  illustrated scenes, 30 s of a narrated script, in one process) into video-only parts that
  a last pass joins by stream copy while encoding the audio mix; memory stays bounded
  whatever the length. A timeline that fits one run (the usual case) is one process and no
  second pass.
* **Encoding**: ``-preset ultrafast -crf 23``: on these smooth images superfast/veryfast took
  ~60 % longer for files only 12–32 % smaller. ``-t`` rather than ``-shortest`` (which
  buffers), ``-movflags +faststart``. Measured figures: ``benchmarks/render_bench.py``.

Where the time goes (30 s at 1080p, six scenes with title, captions and music, 2 cores, CPU
seconds). Before: Python 1.9 s on one thread (drawing six scenes 1.7 s, a tenth of it PNG
encoding), ffmpeg 18.4 s in two processes plus a mux pass; its filter graph alone was about
as costly as x264 because every layer was scaled to 1080p and overlaid there, a chain of
``xfade`` filters copied every frame of the timeline through each one, and concat's format
negotiation converted every 1080p frame once more. Then: Python ~1.5 s on two threads (raw
layer pixels, no PNG), ffmpeg ~10 s in one process, against ~6.8 s for the plain-ffmpeg
floor. The graph's parts (``-f null``, measured by cutting the graph): compositing at 540
lines ~1.3 s (overlays ~0.6, ``xfade`` ~0.25), the one bilinear upscale to 1080p ~0.7-0.9 s
(a 2x upscale costs ~0.75 ms a frame whatever the filter: neighbour, bilinear and zscale
within 15 %), texts ~0.15, audio 0.09 s; against 0.8 s for the floor. x264 takes the rest:
the floor's frames are 99 % skipped macroblocks, ours 70 % (12 % intra, nearly all in
cross-fades: their 120 frames are a third of the bits, 17-62 KB a frame against 4-23 KB),
and x264's cost follows. Scenes are composited at 15 pictures a second
(``render_scene.scene_step``; rain and beating wings keep 30) and fades of the "fade" kind go
through an alpha fade and ``overlay`` instead of ``xfade``. A repeated picture is not free
for x264 (at QP ~18 it codes the previous frame's quantisation error again: 40-60 % of a new
frame's bits), so half the pictures saves less than half of x264's share.

Now (``render_graph._join_scenes``): cross-fades between two scenes at 15 pictures a second
blend pictures too (a faded picture shown twice), and each picture is upscaled and overlaid
with texts once: the repeated frames are dropped (``select``, by position: they are known
when the graph is built) before the run's one upscale and again before the texts, and
``fps`` repeats the pictures by reference before the encoder (a text overlay copies a
shared frame before drawing on it, 0.5 ms at 1080p, so repeating before the texts gave back
what the upscale saved; one scale filter per piece instead of per run kept a pool of 1080p
frames each, +120 MB). Texts therefore change on a picture of these scenes, up to a frame
late. Paired encodes of the bench's graph at load 10-12 (median of four, lower in every
pair): ffmpeg 8.60 -> 8.37 CPU s, the graph alone (one thread) 1.69 -> 1.52 s, the file 5 %
smaller, peak 250 -> 274 MB. A lone run of scenes (the usual timeline) skips the second
drop: its upscaled pictures go straight to the texts (the run's frames were made again with
``fps`` only to be dropped again, and that reference made the first text overlay copy every
picture); the video is bit-identical, ffmpeg 8.95 -> 8.59 CPU s (paired encodes of the
bench's graph at load 10-13, median of four). Narrated scenes last what their sentences do,
an odd number of frames as often as not, and a fade whose outgoing tail starts between two
pictures is blended at 30: a scene that cross-fades into another now lasts an even number
of frames (``render_plan._even_cuts``, the cut one frame later); with both changes the
narrated bench's ffmpeg went 9.39 -> 8.86 CPU s in the same pairs. Drawing is ~17 %
cheaper (numpy passes fewer: 1.10 -> 0.91 CPU s for the six scenes on one thread). The
CPU ratio to the floor barely moves (bench at load 8-12: 1.71-1.73 before, see README for
the final figures): what is left is
x264 on moving pictures (~2 s more than the floor's still) and the drawing and graph work
the floor does not do, ~2.5 s. ``benchmarks/render_elements.py`` renders the bench's draft
with one element switched off at a time: cross-fades cost ~1 s (x264 and graph), rain
~0.3-0.7 s, everything else that moves (pan, parallax, clouds, ripples, snow, light) a few
tenths each; with nothing moving at all ffmpeg still costs ~8.2 s against ~7.0 s for the
floor, because x264 costs ~5 ms per 1080p frame even when nothing changes (the floor pays it
too) and compositing and upscaling are work the floor does not do. Tried and rejected:
variable frame rate output (fewer frames to encode), because the output must stay constant
30 fps like the floor's (editors mis-handle VFR).

The filter graph stays on ffmpeg's default threads: with ``-filter_complex_threads 1`` it
used ~0.15 CPU s less, but under load its one thread became the render's critical path (the
graph is a serial stage before x264's threads).

Memory. ffmpeg's own peak for the bench's draft is 265-275 MB (narrated 287-293 MB) and
does not grow with load: its stages (demuxers, decoders, the filter graph, encoders, muxer)
run in their own threads and hand frames and packets through fixed-size queues, so an
encoder that falls behind stops the graph instead of letting frames pile up. Checked by
putting ffmpeg's x264 thread, then its audio and muxer threads, on ``SCHED_IDLE`` beside
two busy loops (the peak stayed at 273-274 MB), and over 30 runs of the captured command,
alone, beside 2-5 busy loops or pinned to one core (265-293 MB). x264 sizes its threads by
the cores it may use (3 on 2 cores; pinned to one core the peak is 210 MB). Inside the
graph, stills are looped by reference and every split branch is consumed or dropped as it
is made. The two readings of
500-700 MB seen on 30 November did not recur and their cause is not found. The graph
itself runs on one thread, so its branches cannot drift apart with scheduling, and
ffmpeg paces its outputs against each other (audio read at real time held the video to
real time, 186 MB). With ``-f null`` the bench's graph peaked at 437-985 MB in 3 of
~290 runs under load (~190 MB otherwise), the extra taken in the first seconds and kept:
the endless BGM input, the one input that never runs out, is the suspect (read ahead
while ffmpeg waits for every input's first frame), so it now loops a finite number of
times (``render_graph.loop_repeats``): none in 60 runs since, which is not yet proof. The bench's
sampler now reads only processes running ffmpeg: a child between fork and exec reports the
parent's memory as its own (though that is below Python's own peak, so it cannot explain
them). Python draws at most ``_PREP_THREADS`` scenes at once (~100 MB of floats each) and
has freed them before ffmpeg starts.

Drawing is not overlapped with encoding: ffmpeg configures its filter graph only once every
input has delivered a frame, so layers handed over through pipes would still hold it back
until the last scene is drawn (checked with ffmpeg 9). One input per layer *kind*, carrying a
frame per scene, does let it start on the first scene while the others are drawn, but the graph
needs each layer's kind, size and place before it is drawn; not done.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import functools
import logging
import os
import subprocess
import tempfile
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO, Any

from backend.local.render_audio import write_bgm_loop
from backend.local.render_errors import RenderCancelled, RenderError
from backend.local.render_fonts import find_fonts
from backend.local.render_graph import (
    Assets,
    FfmpegCommand,
    PlacedText,
    build_command,
    build_mux_command,
    plan_chunks,
)
from backend.local.render_plan import (
    AudioMedia,
    Bgm,
    MediaPiece,
    Narration,
    RenderPlan,
    ScenePiece,
    TextItem,
    plan_draft,
)
from backend.local.render_scene import agree_orbs, fade_frames, write_scene_layers
from backend.local.render_text import render_text_image

__all__ = ["RenderCancelled", "RenderError", "ffmpeg_exe", "render_draft"]

_log = logging.getLogger(__name__)
MediaResolver = Callable[[str], Path | None]
# Share of the progress bar given to preparing stills, text and music before ffmpeg starts.
_PREP_SHARE = 0.05
_POLL_S = 0.1
# Threads drawing scenes, text and music before ffmpeg starts: one per core of the 2-core
# machines this is measured on; more only adds memory (each scene draws ~100 MB of floats).
_PREP_THREADS = 2
# Titles ease in and out; captions change quickly, so theirs is barely a blink.
_FADE_S = {"title": 0.4, "caption": 0.12}
# Most pieces one ffmpeg process renders at once (a scene weighs 2, a video clip 3, see
# plan_chunks): each piece's inputs and frame pools stay in memory until its process ends.
# Scenes are composited at 540 lines, about 35 MB of ffmpeg's memory each at 1080p, so six
# scenes (30 s of a narrated script) render in one process near 330 MB, with no second
# pass. Longer timelines are rendered in runs; scenes in different runs meet with a dip to
# black instead of a cross-fade.
_CHUNK_WEIGHT = 12
_VIDEO_ARGS = ("-c:v", "libx264", "-preset", "ultrafast", "-crf", "23", "-pix_fmt", "yuv420p")
_AUDIO_ARGS = ("-c:a", "aac", "-b:a", "128k", "-ar", "44100", "-ac", "2")


def ffmpeg_exe() -> str:
    """The ffmpeg binary from ``imageio-ffmpeg``; :class:`RenderError` if it is unavailable."""
    try:
        import imageio_ffmpeg

        return str(imageio_ffmpeg.get_ffmpeg_exe())
    except (ImportError, RuntimeError) as exc:
        raise RenderError(
            "ffmpeg is not available for local rendering. Install the skill with its 'local' "
            "extra: pip install 'nemovideo-skill[local]'."
        ) from exc


def render_draft(
    draft: Mapping[str, Any],
    out_path: Path,
    *,
    media: MediaResolver,
    on_progress: Callable[[float], None] | None = None,
    cancel: threading.Event | None = None,
) -> None:
    """Render ``draft`` to an MP4 at ``out_path`` (synchronously; call it from a worker thread).

    ``media(media_id)`` maps an uploaded file's id to a local path, or None when it is gone.
    ``on_progress`` receives fractions 0..1, never decreasing, ending with 1.0 on success; it
    is called from this thread. Setting ``cancel`` stops the render within about 0.1 s.

    The video is written to a temporary file beside ``out_path`` and renamed into place on
    success, so ``out_path`` is either absent, the previous file, or the complete video.

    Raises :class:`RenderError` for a draft with nothing to render, a missing media file,
    no usable font or ffmpeg, or an ffmpeg failure; :class:`RenderCancelled` when cancelled.
    """
    stop = cancel if cancel is not None else threading.Event()
    progress = _Progress(on_progress)
    plan = plan_draft(draft)
    exe = ffmpeg_exe()
    out_path = Path(out_path)
    tmp = _temp_beside(out_path)  # also proves the folder is writable, with a clear error
    try:
        # Scratch files go beside the output too: the local backend writes nothing outside
        # its data directory.
        with tempfile.TemporaryDirectory(prefix=".nemo-render-", dir=out_path.parent) as work:
            assets = _prepare(plan, Path(work), media, stop, progress)
            _encode(exe, plan, assets, Path(work), tmp, stop=stop, progress=progress)
        os.replace(tmp, out_path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    progress(1.0)


def _encode(
    exe: str,
    plan: RenderPlan,
    assets: Assets,
    work: Path,
    out: Path,
    *,
    stop: threading.Event,
    progress: _Progress,
) -> None:
    # One process when the inputs fit in memory together; otherwise runs of pieces become
    # video-only parts that a last, cheap pass joins (stream copy) with the audio mix.
    canvas = plan.canvas
    chunks = plan_chunks(plan, _CHUNK_WEIGHT)
    share = 1 - _PREP_SHARE
    final = ["-t", f"{canvas.duration:.3f}", "-movflags", "+faststart", "-f", "mp4", str(out)]
    if len(chunks) == 1:
        command = build_command(plan, assets)
        maps = ["-map", "[vout]", "-map", "[aout]", *_video_args(canvas.fps), *_AUDIO_ARGS]
        _run_ffmpeg(
            _ffmpeg_args(exe, command, work / "graph.txt", [*maps, *final]),
            work / "ffmpeg.log",
            stop,
            lambda pos: progress(_PREP_SHARE + share * 0.99 * min(1.0, pos / canvas.duration)),
        )
        return
    parts: list[Path] = []
    for n, chunk in enumerate(chunks):
        first = plan.video[chunk[0]].start_frame
        frames = sum(plan.video[i].frames for i in chunk)
        part = work / f"part{n}.mp4"
        command = build_command(plan, assets, chunk, audio=False)
        args = _ffmpeg_args(
            exe,
            command,
            work / f"graph{n}.txt",
            ["-map", "[vout]", *_video_args(canvas.fps), "-frames:v", str(frames), "-f", "mp4",
             str(part)],
        )  # fmt: skip

        def on_position(pos: float, first: int = first) -> None:
            done = (first + pos * canvas.fps) / canvas.frames
            progress(_PREP_SHARE + share * 0.95 * min(1.0, done))

        _run_ffmpeg(args, work / f"ffmpeg{n}.log", stop, on_position)
        parts.append(part)
    concat_list = work / "parts.txt"
    concat_list.write_text("".join(f"file '{p}'\n" for p in parts), encoding="utf-8")
    command = build_mux_command(plan, assets, concat_list)
    maps = ["-map", "0:v", "-map", "[aout]", "-c:v", "copy", *_AUDIO_ARGS]
    _run_ffmpeg(
        _ffmpeg_args(exe, command, work / "graph-mux.txt", [*maps, *final]),
        work / "ffmpeg-mux.log",
        stop,
        lambda pos: progress(_PREP_SHARE + share * (0.95 + 0.04 * min(1.0, pos / canvas.duration))),
    )


def _video_args(fps: int) -> list[str]:
    return [*_VIDEO_ARGS, "-r", str(fps)]


def _ffmpeg_args(
    exe: str, command: FfmpegCommand, graph_path: Path, outputs: list[str]
) -> list[str]:
    # The graph goes through a file: long timelines would overflow a command-line argument.
    graph_path.write_text(command.graph, encoding="utf-8")
    return [
        exe, "-hide_banner", "-nostdin", "-nostats", "-loglevel", "error",
        "-progress", "pipe:1", "-stats_period", "0.25", "-y",
        *command.inputs, "-/filter_complex", str(graph_path), *outputs,
    ]  # fmt: skip


def _temp_beside(out_path: Path) -> Path:
    try:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(
            dir=out_path.parent, prefix=f".{out_path.name}.", suffix=".part"
        )
    except OSError as exc:
        raise RenderError(
            f"The video cannot be written to {out_path.parent} ({exc.strerror or exc}). "
            "Choose a folder you can write to."
        ) from exc
    os.close(fd)
    return Path(name)


class _Progress:
    """Forwards only increasing values, in steps of at least 0.5 %, and always the final 1.0."""

    def __init__(self, callback: Callable[[float], None] | None) -> None:
        self._callback = callback
        self._last = -1.0

    def __call__(self, value: float) -> None:
        value = min(1.0, max(0.0, value))
        if self._callback is None or value <= self._last:
            return
        if value < 1.0 and value - self._last < 0.005:
            return
        self._last = value
        self._callback(value)


def _prepare(
    plan: RenderPlan, work: Path, media: MediaResolver, stop: threading.Event, progress: _Progress
) -> Assets:
    assets = Assets()
    for piece in (*plan.video, *plan.audio):
        if isinstance(piece, MediaPiece | AudioMedia) and piece.media_id not in assets.media_paths:
            assets.media_paths[piece.media_id] = _resolve(media, piece.media_id, piece.name)
    canvas = plan.canvas
    jobs: list[Callable[[], object]] = []
    orbs = agree_orbs(plan.video, canvas.w, canvas.h, canvas.fps)

    def scene_job(i: int, piece: ScenePiece) -> Callable[[], None]:
        following = plan.video[i + 1] if i + 1 < len(plan.video) else None
        extra = (fade_frames(piece, following, canvas.fps)
                 if isinstance(following, ScenePiece) else 0)

        def job() -> None:
            assets.scene_layers[i] = write_scene_layers(
                piece, canvas.w, canvas.h, fps=canvas.fps, folder=work / f"scene{i}",
                extra_frames=extra, orb=orbs.get(i))
        return job

    for i, piece in enumerate(plan.video):
        if isinstance(piece, ScenePiece):
            jobs.append(scene_job(i, piece))
    fonts = find_fonts() if plan.texts else None
    placed: list[PlacedText | None] = [None] * len(plan.texts)

    def text_job(j: int, text: TextItem) -> Callable[[], None]:
        def job() -> None:
            assert fonts is not None
            drawn = render_text_image(text, canvas.w, canvas.h, fonts)
            path = work / f"text{j}.png"
            drawn.image.save(path, compress_level=1)
            fade = min(_FADE_S[text.role], (text.end - text.start) / 4)
            placed[j] = PlacedText(path, drawn.x, drawn.y, text.start, text.end, fade,
                                   drawn.block_h, drawn.word_starts)
        return job

    jobs += [text_job(j, text) for j, text in enumerate(plan.texts)]
    loops: dict[tuple[str, str, int, int], Path] = {}
    for k, item in enumerate(plan.audio):
        if isinstance(item, Narration):
            path = work / f"voice{k}.wav"
            assets.voices[k] = path
            jobs.append(functools.partial(_voice_file, item, path))
        if isinstance(item, Bgm):
            key = (item.name, item.mood, item.bpm, item.seed)
            if key not in loops:
                loops[key] = work / f"bgm{len(loops)}.wav"
                jobs.append(functools.partial(write_bgm_loop, item, loops[key]))
            assets.bgm_loops[k] = loops[key]
    _run_jobs(jobs, stop, progress)
    assets.texts = [p for p in placed if p is not None]
    return assets


def _run_jobs(jobs: list[Callable[[], object]], stop: threading.Event, progress: _Progress) -> None:
    """Run the drawing and synthesis ``jobs`` on two threads (numpy, Pillow and zlib release
    the GIL for their heavy parts: six 1080p scenes took 1.9 s on one thread, see
    ``render_bench``); stop early with :class:`RenderCancelled` when ``stop`` is set."""
    if stop.is_set():
        raise RenderCancelled
    done = 0
    with concurrent.futures.ThreadPoolExecutor(_PREP_THREADS, "render-prep") as pool:
        pending = {pool.submit(job) for job in jobs}
        try:
            while pending:
                finished, pending = concurrent.futures.wait(
                    pending, timeout=_POLL_S, return_when=concurrent.futures.FIRST_COMPLETED)
                for future in finished:
                    future.result()  # re-raises a job's error here
                    done += 1
                    progress(_PREP_SHARE * done / max(1, len(jobs)))
                if stop.is_set():
                    raise RenderCancelled
        finally:
            for future in pending:
                future.cancel()


def _voice_file(item: Narration, path: Path) -> Path:
    # Speech is synthesised here (2-30 ms a sentence), not stored: the draft keeps the text.
    from backend.local.narration.espeak import Unavailable, synthesize
    from backend.local.narration.narrate import write_wav

    try:
        speech = synthesize(item.text, item.voice, item.wpm)
    except Unavailable as exc:
        raise RenderError(
            f"The narration could not be spoken ({exc}). Install the skill with its 'local' "
            "extra (pip install 'nemovideo-skill[local]') or remove the narration track."
        ) from exc
    write_wav(speech, path)
    return path


def _resolve(media: MediaResolver, media_id: str, name: str) -> Path:
    path = media(media_id) if media_id else None
    if path is None or not Path(path).is_file():
        label = f"'{name}'" if name and name != media_id else f"'{media_id}'"
        raise RenderError(
            f"The uploaded file {label} (id {media_id or 'none'}) is missing. Upload it again "
            "or remove it from the timeline, then export again."
        )
    return Path(path)


def _run_ffmpeg(
    args: list[str], log_path: Path, stop: threading.Event, on_position: Callable[[float], None]
) -> None:
    _log.debug("ffmpeg command: %s", args)
    position = [0.0]
    with log_path.open("wb") as log:
        try:
            proc = subprocess.Popen(
                args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=log
            )
        except OSError as exc:
            raise RenderError(f"ffmpeg could not be started ({exc.strerror or exc}).") from exc
        assert proc.stdout is not None
        reader = threading.Thread(
            target=_read_progress,
            args=(proc.stdout, position),
            daemon=True,
            name="ffmpeg-progress",
        )
        reader.start()
        try:
            while True:
                # wait() returns as soon as ffmpeg exits; the timeout bounds cancel latency.
                with contextlib.suppress(subprocess.TimeoutExpired):
                    proc.wait(timeout=_POLL_S)
                if stop.is_set():
                    raise RenderCancelled
                on_position(position[0])
                if proc.returncode is not None:
                    break
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.wait()
            reader.join(timeout=5)
            proc.stdout.close()
    if proc.returncode != 0:
        detail = _tail(log_path)
        _log.warning("ffmpeg failed (exit %s): %s", proc.returncode, detail)
        raise RenderError(f"The video could not be rendered: ffmpeg said {detail!r}.")


def _read_progress(stream: IO[bytes], position: list[float]) -> None:
    # ``-progress`` writes key=value lines; out_time_us is the output position in microseconds.
    for raw in stream:
        key, _, value = raw.decode("ascii", "replace").strip().partition("=")
        if key == "out_time_us":
            with contextlib.suppress(ValueError):
                position[0] = max(position[0], int(value) / 1_000_000)


def _tail(log_path: Path, limit: int = 300) -> str:
    try:
        lines = log_path.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    except OSError:
        return "no details"
    text = " | ".join(lines[-3:]) if lines else "no details"
    return text[-limit:]
