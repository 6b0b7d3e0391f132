"""The serving harness the HTTP benches share: gunicorn as `make run` starts it, wrk as the load, ratios per round.

Both sides of a comparison run under the same gunicorn command (the Makefile's: 2 sync workers, access log on),
are driven by the same wrk command and alternate round by round (project, baseline, project, baseline...), so a
noisy moment on the machine hits one round of each rather than one side. A figure is the ratio of the project to
the baseline within one round; what is printed is the median of the rounds' ratios and their range.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import statistics
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
GUNICORN = PROJECT_ROOT / ".venv/bin/gunicorn"
# The Makefile's `run` target, less the address: what a deployment of the embedded default serves with.
GUNICORN_SETTINGS = ("--workers", "2", "--access-logfile", "-")
START_TIMEOUT = 180.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    """One gunicorn master with its workers, and how long it took from launch to its first 200."""

    process: subprocess.Popen[bytes]
    port: int
    started_in: float = 0.0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        return [int(pid) for pid in children]

    def worker_rss_mb(self) -> float:
        """The resident memory of the largest worker (the master is left out: it never serves a request)."""
        sizes = []
        for pid in self.worker_pids():
            status = Path(f"/proc/{pid}/status").read_text()
            found = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
            if found:
                sizes.append(int(found.group(1)) / 1024)
        if not sizes:
            raise RuntimeError("gunicorn has no workers to measure")
        return max(sizes)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def serve(target: str, env: dict[str, str], log: Path, probe: str) -> Server:
    """Launch gunicorn on ``target`` and wait for the first 200 on ``probe``; the wait is the start time."""
    port = free_port()
    started = time.perf_counter()
    with log.open("ab") as output:
        process = subprocess.Popen(
            [str(GUNICORN), *GUNICORN_SETTINGS, "--bind", f"127.0.0.1:{port}", target],
            cwd=PROJECT_ROOT,
            env={**os.environ, **env},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    server = Server(process, port)
    while (waited := time.perf_counter() - started) < START_TIMEOUT:
        if process.poll() is not None:
            raise RuntimeError(f"{target} exited while starting:\n{_tail(log)}")
        try:
            with urllib.request.urlopen(server.base + probe, timeout=START_TIMEOUT - waited) as answer:
                if answer.status == 200:
                    server.started_in = time.perf_counter() - started
                    return server
        except urllib.error.HTTPError as refused:
            server.stop()
            raise RuntimeError(f"{target} answered {probe} with {refused.code}:\n{_tail(log)}") from refused
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.02)
    server.stop()
    raise RuntimeError(f"{target} gave no 200 within {START_TIMEOUT:.0f} s:\n{_tail(log)}")


def _tail(log: Path) -> str:
    """The end of a server's log, printed with the error: the log itself goes with the bench's temporary files."""
    return log.read_text(errors="replace")[-3000:]


def warm(
    server: Server, path: str, body: bytes | None = None, headers: dict[str, str] | None = None, requests: int = 8
) -> None:
    """Send ``requests`` requests four at a time and wait for every answer, so that both workers have done their
    first-request work (lazy imports, caches, connections) before wrk's clock runs."""

    def one(_: int) -> None:
        request = urllib.request.Request(server.base + path, data=body, headers=headers or {})
        with urllib.request.urlopen(request, timeout=START_TIMEOUT) as answer:
            answer.read()

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(one, range(requests)))


def wrk_binary() -> str:
    found = os.environ.get("WRK") or shutil.which("wrk")
    if not found:
        raise SystemExit("the serving benches need wrk: `make bench` installs it, or apt-get install wrk")
    return found


def _lua_string(text: str) -> str:
    """``text`` as a Lua long-bracket literal, which needs no escaping."""
    level = "=" * next(n for n in range(1, 10) if f"]{'=' * n}]" not in text)
    return f"[{level}[{text}]{level}]"


def lua_script(
    paths: Sequence[str],
    method: str = "GET",
    body: str | None = None,
    headers: dict[str, str] | None = None,
    expected: Sequence[int] = (200,),
) -> str:
    """A wrk script that sends ``method`` to each of ``paths`` in turn, with the body and headers given, and counts
    the answers whose status is not one of ``expected`` (wrk itself takes any 2xx or 3xx for a success, so a
    session that was lost and redirects to the start would otherwise pass for a fast page)."""
    lines = [f"wrk.method = {_lua_string(method)}"]
    if body is not None:
        lines.append(f"wrk.body = {_lua_string(body)}")
    for name, value in (headers or {}).items():
        lines.append(f"wrk.headers[ {_lua_string(name)} ] = {_lua_string(value)}")  # "[[" would open a string
    lines += [
        "local paths = {" + ", ".join(_lua_string(path) for path in paths) + "}",
        "local expected = {" + ", ".join(f"[{status}] = true" for status in expected) + "}",
        "local next_path = 0",
        "local threads = {}",
        "unexpected = 0",
        "last_unexpected = 0",
        "setup = function(thread) table.insert(threads, thread) end",
        "request = function()",
        "  next_path = next_path % #paths + 1",
        "  return wrk.format(nil, paths[next_path])",
        "end",
        "response = function(status, headers, body)",
        "  if not expected[status] then",
        "    unexpected = unexpected + 1",
        "    last_unexpected = status",
        "  end",
        "end",
        "done = function(summary, latency, requests)",
        "  local total, last = 0, 0",
        "  for _, thread in ipairs(threads) do",
        '    total = total + thread:get("unexpected")',
        '    if thread:get("last_unexpected") ~= 0 then last = thread:get("last_unexpected") end',
        "  end",
        '  io.write(string.format("Unexpected status: %d (last: %d)\\n", total, last))',
        "end",
    ]
    return "\n".join(lines) + "\n"


@dataclass
class Load:
    """What wrk measured: throughput, median latency, and answers that were not a success."""

    requests_per_second: float
    p50_ms: float
    requests: int
    failures: int
    note: str = ""


_UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def parse_wrk(output: str) -> Load:
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    p50 = re.search(r"^\s*50%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.MULTILINE)
    total = re.search(r"(\d+) requests in", output)
    if not (rate and p50 and total):
        raise RuntimeError(f"could not read wrk's output:\n{output}")
    failures = 0
    notes = []
    unexpected = re.search(r"Unexpected status: (\d+) \(last: (\d+)\)", output)
    if not unexpected:
        raise RuntimeError(f"wrk ran without the bench's script:\n{output}")
    if int(unexpected.group(1)):
        failures += int(unexpected.group(1))
        notes.append(f"{unexpected.group(1)} answers with an unexpected status (the last one {unexpected.group(2)})")
    if errors := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output):
        # A read error is a server closing a kept-alive connection, which sync workers do; the rest are failures.
        lost = int(errors.group(1)) + int(errors.group(3)) + int(errors.group(4))
        failures += lost
        if lost:
            notes.append(errors.group(0))
    if not int(total.group(1)):
        failures += 1
        notes.append("no request was answered within the run")
    return Load(float(rate.group(1)), float(p50.group(1)) * _UNIT_MS[p50.group(2)], int(total.group(1)), failures,
                "; ".join(notes))  # fmt: skip


@dataclass
class Drive:
    """How wrk loads a server: the issue's settings by default, shorter durations for a quick run."""

    seconds: float = 10.0
    threads: int = 2
    connections: int = 32
    timeout_seconds: float = 30.0

    def run(self, server: Server, script: Path, first_path: str, seconds: float | None = None) -> Load:
        completed = subprocess.run(
            [
                wrk_binary(),
                f"-t{self.threads}",
                f"-c{self.connections}",
                f"-d{max(1, round(seconds or self.seconds))}s",
                f"--timeout={self.timeout_seconds:.0f}s",
                "--latency",
                "-s",
                str(script),
                server.base + first_path,
            ],
            capture_output=True,
            text=True,
        )
        if (
            completed.returncode or completed.stderr.strip()
        ):  # wrk reports a broken script here and then goes on with plain GETs
            raise RuntimeError(f"wrk failed: {completed.stderr.strip()}\n{completed.stdout}")
        return parse_wrk(completed.stdout)


@dataclass
class Figure:
    """One row of the table: the project's and the baseline's value per round, and the goal for their ratio."""

    name: str
    unit: str
    goal: float
    higher_is_better: bool
    ours: list[float] = field(default_factory=list)
    baseline: list[float] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def add(self, ours: float, baseline: float) -> None:
        self.ours.append(ours)
        self.baseline.append(baseline)

    def ratios(self) -> list[float]:
        return [ours / base for ours, base in zip(self.ours, self.baseline, strict=True) if base > 0]

    def met(self) -> bool:
        ratios = self.ratios()
        if self.failed or not ratios:
            return False
        median = statistics.median(ratios)
        return median >= self.goal if self.higher_is_better else median <= self.goal


def _value(number: float) -> str:
    return f"{number:,.0f}" if number >= 100 else f"{number:.3g}"


def print_table(figures: Sequence[Figure]) -> int:
    """Print every figure with its medians, the median ratio and its range, and the verdict; return the misses."""
    print(f"{'figure':44} {'project':>12} {'baseline':>12} {'ratio':>7} {'range':>13}  goal     verdict")
    missed = 0
    for figure in figures:
        ratios = figure.ratios()
        if not ratios:
            print(f"{figure.name:44} {'no measurement':>33}  MISSED")
            missed += 1
            continue
        ours, base = statistics.median(figure.ours), statistics.median(figure.baseline)
        spread = f"{min(ratios):.2f}-{max(ratios):.2f}"
        goal = f"{'>=' if figure.higher_is_better else '<='} {figure.goal:g}"
        verdict = "ok" if figure.met() else "MISSED"
        missed += verdict == "MISSED"
        print(
            f"{figure.name:44} {_value(ours):>8} {figure.unit:3} {_value(base):>8} {figure.unit:3} "
            f"{statistics.median(ratios):7.2f} {spread:>13}  {goal:8} {verdict}"
        )
        for reason in figure.failed:
            print(f"    not a valid measurement: {reason}")
    return missed
