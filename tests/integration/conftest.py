"""Real server processes (gunicorn, as in production) on loopback, for tests that need more than one process."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")
RATE_LIMIT_REDIS = "redis://127.0.0.1:6379/0"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_healthy(base_url: str, process: subprocess.Popen[bytes], log: Path, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}: {log.read_text()}")
        try:
            with urllib.request.urlopen(f"{base_url}/healthz", timeout=2) as response:  # noqa: S310 - loopback only
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server at {base_url} did not become healthy in {timeout} s")


@pytest.fixture
def start_server(migrated_database: str, tmp_path: Path) -> Iterator[Callable[..., str]]:
    """Start ``gunicorn wsgi:app`` with extra PARTICIPATION_* settings; returns its base URL. Stopped after the test."""
    processes: list[subprocess.Popen[bytes]] = []

    def start(workers: int = 2, threads: int = 4, **settings: str) -> str:
        port = free_port()
        env = {
            **os.environ,
            "PARTICIPATION_ENV": "testing",
            "PARTICIPATION_DATABASE_URL": migrated_database,
            "PARTICIPATION_SECRET_KEY": "integration-test-secret-key-long-enough",
            # Each server its own embedded queue: servers of parallel tests never run each other's tasks.
            "PARTICIPATION_TASKS_URL": f"sqlite:///{tmp_path / f'tasks-{port}.db'}",
            # Threaded workers keep rate-limit counters in Redis, as the README asks: the memory store of `limits`
            # is not safe for threads. A prefix per test keeps parallel tests' counters apart.
            "PARTICIPATION_RATELIMIT_STORAGE_URI": RATE_LIMIT_REDIS,
            "PARTICIPATION_RATELIMIT_KEY_PREFIX": f"test-{uuid.uuid4().hex}",
            **{f"PARTICIPATION_{name}": value for name, value in settings.items()},
        }
        log = tmp_path / f"server-{port}.log"
        with log.open("wb") as output:
            process = subprocess.Popen(
                [
                    str(GUNICORN),
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    str(workers),
                    "--threads",
                    str(threads),
                    "--log-level",
                    "warning",
                    "wsgi:app",
                ],
                cwd=PROJECT_ROOT,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        processes.append(process)
        base_url = f"http://127.0.0.1:{port}"
        wait_until_healthy(base_url, process, log)
        return base_url

    yield start
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
