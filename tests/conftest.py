"""Fixtures shared by the tests under tests/: the width commands print at, and ``srdi serve`` started as a user starts it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator

import pytest


@pytest.fixture(autouse=True)
def _piped_width(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands print as they do when piped (160 columns), whatever ``COLUMNS`` the caller's shell sets.

    A test that reads a layout at a given width sets ``COLUMNS`` itself.
    """
    monkeypatch.delenv("COLUMNS", raising=False)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def serve() -> Iterator[Callable[[], tuple[subprocess.Popen[bytes], str]]]:
    """Start ``srdi serve`` on a free port of 127.0.0.1: the process and its address, once ``/healthz`` answers.

    Every server still running when the module's tests are done is stopped by its pid.
    """
    started: list[subprocess.Popen[bytes]] = []

    def start() -> tuple[subprocess.Popen[bytes], str]:
        port = _free_port()
        env = {k: v for k, v in os.environ.items() if k != "SRDI_LOAD_PLUGINS"}
        proc = subprocess.Popen(
            [sys.executable, "-m", "srdi.cli.main", "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        started.append(proc)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=2) as r:
                    if r.status == 200:
                        return proc, base
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(proc.stderr.read().decode() if proc.stderr else "server did not start") from None
                time.sleep(0.2)

    yield start
    for proc in started:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:  # pragma: no cover
                proc.kill()
