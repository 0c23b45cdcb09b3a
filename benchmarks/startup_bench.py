"""What a host pays per message, against ``python -c pass`` measured in the same run.

    python benchmarks/startup_bench.py [--runs N] [--e2e-runs N] [--skip-e2e] [--json]
                                       [--imports] [--exe PATH] [--against PATH]

Every figure is a fresh process, run interleaved with the others (paired rounds), so machine
load drifts affect all alike; medians are printed with the difference to bare Python. HOME is
an empty temporary folder, NEMO_* variables are dropped, and byte-code is written as on a
real install (``PYTHONDONTWRITEBYTECODE`` is ignored).

- ``--version``, ``skill info``, ``route "export"``: the cheap commands.
- ``--local say "credits"``, first message of a new project: a fresh config dir each run, so
  the run starts the project's shared local backend and waits for it; and warm: the same
  project, its backend already running. ``--local say "status"`` warm.
- ``say "credits"`` against the cloud API, played on loopback over TLS by a stand-in with
  canned answers (``NEMO_API_URL``; its certificate trusted next to certifi's roots, so the
  client reads a full CA bundle as for the real service): the time from starting the process
  until its request reaches the server, on a project that already has its token and session.
- The two ways to give a project one writer, as a per-message cost: connecting to the shared
  backend (what every message pays now), against starting and stopping an embedded backend
  in the process (what each message would pay if whole turns were serialised under a project
  lock instead, on top of waiting for the other processes' turns).
- The README's main command end to end (new project, generation, render, download) against a
  plain ffmpeg render of comparable output: the same ffmpeg binary (imageio-ffmpeg), 30 s at
  1920x1080 and 30 fps, a still picture panned across the frame with a title and a tone, the
  renderer's encoder settings (libx264 ultrafast crf 23 yuv420p, AAC 128k stereo, faststart).
  Also how long after a local render finished the client had the video (target: 0.5 s), and
  where the main command's time goes: generation (until the render is asked for), the
  render, delivery.

``--against PATH`` measures another install's ``nemoskill`` (e.g. one of ``main``) in the
same rounds, alternating which goes first, each in a HOME of its own, and prints both side
by side: on a shared machine, compare changes this way rather than across runs.

Each row also shows the CPU time (user + system) of the process measured, median: what the
message itself computes, which other jobs on the machine inflate much less than the wall time
(a new project's row counts the message's process, not the server it starts; the cloud row,
the whole process, the reply included).

Targets (issue 16, above bare Python): ``route "export"`` +80 ms, ``--local say "credits"``
+250 ms (new project included), cloud ``say`` +200 ms before the request leaves, the main
command at most 1.3x the plain ffmpeg render; ``--version`` +120 ms (the earlier target).
"""

from __future__ import annotations

import argparse
import http.server
import json
import os
import resource
import shutil
import ssl
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from backend.local import shared

MAIN_MESSAGE = ("generate a 30-second video from this script: A city wakes up. Coffee steams "
                "on a balcony. Trains glide through the morning light.")
TARGETS_MS = {"nemoskill --version": 120.0, 'nemoskill route "export"': 80.0,
              '--local say "credits" (new project)': 250.0,
              '--local say "credits" (warm)': 250.0,
              'say "credits", cloud, until the request leaves': 200.0}
TARGET_RATIO = 1.3
TARGET_SEEN_MS = 500.0


class Bench:
    def __init__(self, exe: str, root: Path) -> None:
        self.exe = exe
        self.root = root
        self.home = root / "home"
        self.home.mkdir(parents=True)
        base = {k: v for k, v in os.environ.items()
                if not k.startswith("NEMO_") and k != "PYTHONDONTWRITEBYTECODE"}
        base.update(HOME=str(self.home), XDG_CONFIG_HOME=str(self.home / ".config"),
                    XDG_CACHE_HOME=str(self.home / ".cache"),
                    NEMO_EXPORT_DIR=str(root / "videos"), NEMO_LOCAL_IDLE_TIMEOUT="120")
        self.env = base
        self.fresh = 0
        self.cpu_ms = float("nan")  # CPU time of the last process run

    def config(self, name: str) -> dict[str, str]:
        return {**self.env, "NEMO_CONFIG_DIR": str(self.root / name)}

    def run(self, argv: list[str], env: dict[str, str]) -> float:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                       check=True, cwd=self.root)
        took = (time.perf_counter() - start) * 1000
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        self.cpu_ms = ((after.ru_utime - before.ru_utime)
                       + (after.ru_stime - before.ru_stime)) * 1000
        return took

    def fresh_credits(self) -> float:
        """``--local say credits`` on a brand-new project (its server stopped afterwards)."""
        self.fresh += 1
        env = self.config(f"fresh-{self.fresh}")
        took = self.run([self.exe, "--local", "say", "credits"], env)
        shared.stop(Path(env["NEMO_CONFIG_DIR"]) / "local-backend")
        return took

    def stop_all(self) -> None:
        for info in self.root.rglob(shared.INFO_FILE):
            shared.stop(info.parent)


class _CloudHandler(http.server.BaseHTTPRequestHandler):
    """The three cloud endpoints a ``say credits`` touches, with canned answers."""

    arrivals: ClassVar[list[float]] = []

    def _answer(self, data: dict[str, Any]) -> None:
        self.arrivals.append(time.time())
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        body = json.dumps({"code": 0, "data": data, "message": "success"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:
        if self.path.startswith("/api/auth/anonymous-token"):
            self._answer({"token": "nmv_usr_bench", "user_id": "usr_bench", "credits": 100,
                          "expires_at": "2099-01-01T00:00:00Z"})
        else:
            self._answer({"task_id": "task_bench", "session_id": "session-bench"})

    def do_GET(self) -> None:
        self._answer({"available": 100, "frozen": 0, "total": 100})

    def log_message(self, format: str, *args: object) -> None:
        return None


class CloudStandIn:
    """The cloud API played on loopback over TLS (a certificate of its own, trusted through
    ``SSL_CERT_FILE`` next to certifi's roots, so the client loads a full CA bundle as it
    would for the real service); plain HTTP when openssl is missing. Records arrivals."""

    def __init__(self, bench: Bench) -> None:
        self.bench = bench
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _CloudHandler)
        scheme, env = "http", bench.config("cloud")
        bundle = _certificate(bench.root)
        if bundle is not None:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(bench.root / "cert.pem", bench.root / "key.pem")
            self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
            scheme, env["SSL_CERT_FILE"] = "https", str(bundle)
        self.tls = scheme == "https"
        self.thread = threading.Thread(target=self.server.serve_forever,
                                       kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()
        self.env = {**env, "NEMO_API_URL": f"{scheme}://127.0.0.1:{self.server.server_port}"}
        # The project's token and session exist, as for a user's second message.
        bench.run([bench.exe, "say", "credits"], self.env)

    def until_request(self) -> float:
        before = len(_CloudHandler.arrivals)
        start = time.time()
        self.bench.run([self.bench.exe, "say", "credits"], self.env)
        return (_CloudHandler.arrivals[before] - start) * 1000

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _certificate(root: Path) -> Path | None:
    """A self-signed certificate for 127.0.0.1 and a CA bundle of certifi's roots plus it."""
    import certifi

    cert, key = root / "cert.pem", root / "key.pem"
    try:
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                        "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj",
                        "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                        "-addext", "basicConstraints=critical,CA:TRUE",
                        "-keyout", str(key), "-out", str(cert)], check=True,
                       capture_output=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    bundle = root / "bundle.pem"
    bundle.write_bytes(Path(certifi.where()).read_bytes() + b"\n" + cert.read_bytes())
    return bundle


def plain_ffmpeg(root: Path) -> float:
    """A plain ffmpeg render of output comparable to the main command's video: a still
    picture panned across the frame (as the renderer's scenes move), a title for the first
    four seconds, a tone; the renderer's encoder settings."""
    import imageio_ffmpeg

    from backend.local.render_fonts import find_fonts

    ffmpeg = imageio_ffmpeg.get_ffmpeg_exe()
    still = root / "still.png"
    if not still.is_file():  # prepared once, outside the timing (the renderer's stills are
        # prepared by Python inside its timing, so this favours plain ffmpeg)
        subprocess.run([ffmpeg, "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
                        "-i", "gradients=s=2112x1188:n=3:seed=7", "-frames:v", "1", str(still)],
                       check=True)
    # Copied under a plain name: the packaged file's "[wght]" would break the filter syntax.
    font = root / "title-font.ttf"
    if not font.is_file():
        shutil.copyfile(find_fonts().face_for("A city wakes up").path, font)
    out = root / "plain.mp4"
    # The still is decoded once and repeated (``loop``), as the renderer does with its images.
    video = ("loop=loop=-1:size=1:start=0,settb=1/30,setpts=N,"
             "crop=1920:1080:x='192*t/30':y='108*t/30',"
             f"drawtext=fontfile={font}:text='A city wakes up':fontcolor=white:fontsize=86:"
             "x=(w-text_w)/2:y=(h-text_h)/2:enable='lt(t,4)',format=yuv420p")
    argv = [ffmpeg, "-hide_banner", "-loglevel", "error", "-y",
            "-i", str(still),
            "-f", "lavfi", "-i", "sine=frequency=220:sample_rate=44100:duration=30",
            "-vf", video, "-c:v", "libx264", "-preset", "ultrafast", "-crf", "23",
            "-pix_fmt", "yuv420p", "-r", "30", "-c:a", "aac", "-b:a", "128k", "-ar", "44100",
            "-ac", "2", "-t", "30", "-movflags", "+faststart", "-f", "mp4", str(out)]
    start = time.perf_counter()
    subprocess.run(argv, check=True)
    took = (time.perf_counter() - start) * 1000
    out.unlink()
    return took


def main_command(bench: Bench, number: int) -> dict[str, float]:
    """The README's main command on a new project: its time (``main``), how long a local
    render took to be delivered after it finished (``lag``), and where the time went:
    ``generation`` (start until the render is asked for: start-up, the shared server's start,
    the agent's draft and narration), ``render`` (until the render's job file says it is
    done) and ``delivery`` (polling, download, the reply, the process's end). All ms.

    Run with ``--json`` (same work, one event per line) so that each reply event is seen
    when it is printed; the first progress event is the render being asked for."""
    env = bench.config(f"main-{number}")
    target = bench.root / f"out-{number}.mp4"
    argv = [bench.exe, "--local", "say", MAIN_MESSAGE, "--export", str(target), "--json"]
    started_wall, start = time.time(), time.perf_counter()
    submitted: float | None = None
    with subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
                          cwd=bench.root) as child:
        assert child.stdout is not None
        for line in child.stdout:
            if submitted is None and b'"kind": "progress"' in line:
                submitted = (time.perf_counter() - start) * 1000
        if child.wait() != 0:
            raise subprocess.CalledProcessError(child.returncode, argv)
    took = (time.perf_counter() - start) * 1000
    data = Path(env["NEMO_CONFIG_DIR"]) / "local-backend"
    jobs = sorted((data / "renders").glob("*.json"), key=lambda p: p.stat().st_mtime)
    result = {"main": took}
    if jobs and target.is_file():
        # The job file is written last when the render completes; the delivered file when
        # its download ends (a few ms on loopback): the difference bounds the polling lag.
        done = (jobs[-1].stat().st_mtime - started_wall) * 1000
        result["lag"] = (target.stat().st_mtime - jobs[-1].stat().st_mtime) * 1000
        if submitted is not None:
            result.update(generation=submitted, render=done - submitted, delivery=took - done)
    shared.stop(data)
    target.unlink(missing_ok=True)
    return result


def slowest_imports(argv: list[str], env: dict[str, str], count: int = 10) -> list[str]:
    """The imports with the largest cumulative time, from ``-X importtime``."""
    with open(argv[0], "rb") as fh:
        is_script = fh.read(2) == b"#!"
    cmd = [sys.executable, "-X", "importtime", *(argv if is_script else argv[1:])]
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    rows = []
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            _, cumulative, name = line.split("|")
            if cumulative.strip().isdigit():
                rows.append((int(cumulative), name.rstrip()))
    rows.sort(reverse=True)
    return [f"{us / 1000:7.1f} ms {name}" for us, name in rows[:count]]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def commands(bench: Bench, exe: str) -> dict[str, Callable[[], float]]:
    """Every per-message figure, as a function that measures it once (ms)."""
    warm, design = bench.config("warm"), bench.config("design")
    connect = ("import sys; from pathlib import Path; from backend.local.shared import "
               "SharedBackend; SharedBackend.begin(Path(sys.argv[1])).wait()")
    embed = ("import sys; from pathlib import Path; from backend.local.runner import "
             "LocalBackend; LocalBackend.start(Path(sys.argv[1])).stop()")
    design_data = str(Path(design["NEMO_CONFIG_DIR"]) / "local-backend")
    return {
        "python -c pass": lambda: bench.run([sys.executable, "-c", "pass"], bench.env),
        "nemoskill --version": lambda: bench.run([exe, "--version"], bench.env),
        "nemoskill skill info": lambda: bench.run([exe, "skill", "info"], bench.env),
        'nemoskill route "export"': lambda: bench.run([exe, "route", "export"], bench.env),
        '--local say "credits" (new project)': bench.fresh_credits,
        '--local say "credits" (warm)':
            lambda: bench.run([exe, "--local", "say", "credits"], warm),
        '--local say "status" (warm)':
            lambda: bench.run([exe, "--local", "say", "status"], warm),
        "design: connect to the shared backend":
            lambda: bench.run([sys.executable, "-c", connect, design_data], design),
        "design: start+stop an embedded backend":
            lambda: bench.run([sys.executable, "-c", embed, str(bench.root / "embedded")],
                              design),
    }


def measure(args: argparse.Namespace, exe: str) -> dict[str, Any]:
    root = Path(tempfile.mkdtemp(prefix="nemoskill-bench-"))
    bench = Bench(exe, root)
    # --against: another install measured in the same rounds, in a HOME of its own (the
    # router's compiled cache has one slot per HOME), its runs alternating with these.
    other = Bench(args.against, root / "against") if args.against else None
    clouds: list[CloudStandIn] = []
    try:
        plain = commands(bench, exe)
        clouds.append(CloudStandIn(bench))
        plain['say "credits", cloud, until the request leaves'] = clouds[0].until_request
        paired: dict[str, Callable[[], float]] = {}
        if other is not None:
            paired = {label: run for label, run in commands(other, other.exe).items()
                      if label != "python -c pass" and not label.startswith("design:")}
            clouds.append(CloudStandIn(other))
            paired['say "credits", cloud, until the request leaves'] = clouds[1].until_request
        for run_once in [*plain.values(), *paired.values()]:  # warm-up: file cache,
            run_once()  # byte-code, parsed-data cache
        samples: dict[str, list[float]] = {label: [] for label in plain}
        cpu: dict[str, list[float]] = {label: [] for label in plain}
        against: dict[str, list[float]] = {label: [] for label in paired}
        against_cpu: dict[str, list[float]] = {label: [] for label in paired}
        for number in range(args.runs):
            for label, run_once in plain.items():
                if label in paired and number % 2:  # the other goes first every other round
                    against[label].append(paired[label]())
                    against_cpu[label].append(other.cpu_ms if other else float("nan"))
                samples[label].append(run_once())
                cpu[label].append(bench.cpu_ms)
                if label in paired and not number % 2:
                    against[label].append(paired[label]())
                    against_cpu[label].append(other.cpu_ms if other else float("nan"))
        imports = (slowest_imports([exe, "--local", "say", "credits"], bench.config("warm"))
                   if args.imports else [])
        e2e: dict[str, list[float]] = {name: [] for name in (
            "main", "ffmpeg", "lag", "generation", "render", "delivery")}
        e2e_against: dict[str, list[float]] = {name: [] for name in e2e}
        if not args.skip_e2e:
            for number in range(args.e2e_runs):
                for name, value in main_command(bench, number).items():
                    e2e[name].append(value)
                if other is not None:
                    for name, value in main_command(other, number).items():
                        e2e_against[name].append(value)
                e2e["ffmpeg"].append(plain_ffmpeg(root))
                e2e_against["ffmpeg"] = e2e["ffmpeg"]
    finally:
        for cloud in clouds:
            cloud.close()
        bench.stop_all()
        if other is not None:
            other.stop_all()
        shutil.rmtree(root, ignore_errors=True)
    result = summarize(args, samples, cpu, e2e, imports, tls=clouds[0].tls)
    if other is not None:
        base = {"python -c pass": samples["python -c pass"]}
        theirs = summarize(args, {**base, **against}, {**base, **against_cpu}, e2e_against, [],
                           tls=clouds[1].tls)
        result["against"] = {"exe": other.exe, **theirs}
    return result


def summarize(args: argparse.Namespace, samples: dict[str, list[float]],
              cpu: dict[str, list[float]], e2e: dict[str, list[float]], imports: list[str],
              *, tls: bool) -> dict[str, Any]:
    base = median(samples["python -c pass"])
    rows: list[dict[str, Any]] = []
    for label, values in samples.items():
        value = median(values)
        rows.append({"command": label, "median_ms": round(value, 1),
                     "min_ms": round(min(values), 1),
                     "above_baseline_ms": round(value - base, 1),
                     "cpu_ms": round(median(cpu[label]), 1),
                     "target_above_ms": TARGETS_MS.get(label)})
    result: dict[str, Any] = {"python": sys.version.split()[0], "runs": args.runs,
                              "results": rows, "slowest_imports": imports,
                              "cloud_over_tls": tls}
    if e2e["main"]:
        ratio = median(e2e["main"]) / median(e2e["ffmpeg"])
        result["main_command"] = {
            "runs": args.e2e_runs, "median_ms": round(median(e2e["main"]), 1),
            "plain_ffmpeg_median_ms": round(median(e2e["ffmpeg"]), 1),
            "ratio": round(ratio, 2), "target_ratio": TARGET_RATIO,
            "render_seen_after_ms": round(median(e2e["lag"]), 1) if e2e["lag"] else None,
            "target_seen_ms": TARGET_SEEN_MS,
            "phases_ms": {name: round(median(e2e[name]), 1)
                          for name in ("generation", "render", "delivery") if e2e[name]}}
    return result


def show(result: dict[str, Any]) -> None:
    print(f"per-message cost, {result['runs']} paired rounds, python {result['python']} "
          f"(medians; 'above' is above python -c pass)")
    print(f"{'command':<50}{'median':>10}{'min':>10}{'above':>10}{'target':>9}{'CPU':>10}")
    for row in result["results"]:
        target = row["target_above_ms"]
        flag = ""
        if target is not None:
            flag = "  ok" if row["above_baseline_ms"] <= target else "  OVER"
        shown = f"+{target:.0f}" if target is not None else ""
        print(f"{row['command']:<50}{row['median_ms']:>8.1f}ms{row['min_ms']:>8.1f}ms"
              f"{row['above_baseline_ms']:>8.1f}ms{shown:>9}{flag:<6}{row['cpu_ms']:>6.1f}ms")
    if not result["cloud_over_tls"]:
        print("(openssl not found: the cloud stand-in spoke plain HTTP, so no CA bundle was read)")
    if "main_command" in result:
        m = result["main_command"]
        flag = "ok" if m["ratio"] <= TARGET_RATIO else "OVER"
        print(f"\nREADME main command, {m['runs']} runs: {m['median_ms'] / 1000:.2f} s; plain "
              f"ffmpeg render of comparable output {m['plain_ffmpeg_median_ms'] / 1000:.2f} s; "
              f"ratio {m['ratio']:.2f} (target <= {TARGET_RATIO}) {flag}")
        if m["phases_ms"]:
            print("  where it goes (medians): " + ", ".join(
                f"{name} {value / 1000:.2f} s" for name, value in m["phases_ms"].items())
                + " (generation: start-up, server start, the agent's draft and narration, "
                "until the render is asked for; render: until its job is done; delivery: "
                "polling, download, reply and exit)")
        if m["render_seen_after_ms"] is not None:
            seen = m["render_seen_after_ms"]
            print(f"local render delivered {seen:.0f} ms after it finished "
                  f"(target <= {TARGET_SEEN_MS:.0f} ms) "
                  f"{'ok' if seen <= TARGET_SEEN_MS else 'OVER'}")
    if "against" in result:
        theirs = {row["command"]: row for row in result["against"]["results"]}
        print(f"\npaired with {result['against']['exe']} (same rounds, alternating; "
              "'diff' is this install minus that one, medians)")
        print(f"{'command':<50}{'this':>10}{'that':>10}{'diff':>10}{'CPU this':>10}"
              f"{'CPU that':>10}")
        for row in result["results"]:
            that = theirs.get(row["command"])
            if that is None or row["command"] == "python -c pass":
                continue
            print(f"{row['command']:<50}{row['above_baseline_ms']:>+8.1f}ms"
                  f"{that['above_baseline_ms']:>+8.1f}ms"
                  f"{row['median_ms'] - that['median_ms']:>+8.1f}ms"
                  f"{row['cpu_ms']:>8.1f}ms{that['cpu_ms']:>8.1f}ms")
        if "main_command" in result and "main_command" in result["against"]:
            m, t = result["main_command"], result["against"]["main_command"]
            print(f"README main command: this {m['median_ms'] / 1000:.2f} s (ratio "
                  f"{m['ratio']:.2f}), that {t['median_ms'] / 1000:.2f} s (ratio "
                  f"{t['ratio']:.2f}); phases this {m['phases_ms']}, that {t['phases_ms']}")
    if result["slowest_imports"]:
        print("\nslowest imports of --local say credits (warm):")
        for line in result["slowest_imports"]:
            print("  " + line)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="paired rounds of the commands")
    parser.add_argument("--e2e-runs", type=int, default=3,
                        help="runs of the main command and of the plain ffmpeg render")
    parser.add_argument("--skip-e2e", action="store_true", help="skip the main command")
    parser.add_argument("--exe", help="the nemoskill executable (default: next to python)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--against", metavar="EXE",
                        help="another install's nemoskill (e.g. main's) to measure in the "
                             "same rounds, alternating, in a HOME of its own")
    parser.add_argument("--imports", action="store_true",
                        help="also show the slowest imports of the warm local say")
    args = parser.parse_args()
    exe = args.exe or str(Path(sys.executable).with_name("nemoskill"))
    if not Path(exe).exists():
        exe = shutil.which("nemoskill") or ""
    if not exe:
        print("nemoskill not found; install the runtime or pass --exe", file=sys.stderr)
        return 2
    result = measure(args, exe)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        show(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
