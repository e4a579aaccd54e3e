"""Load benchmark of ``srdi serve``, on 127.0.0.1 only, with a bounded number of clients and requests.

    python benchmarks/bench_web.py                 # 1, 10 and 50 clients; 10,000-request soak; 10,000-row batch
    python benchmarks/bench_web.py --workers 2     # uvicorn worker processes

It starts ``srdi serve`` as a user does, on a free port of 127.0.0.1, and measures
from this process (a separate one from the server):

- warm ``POST /api/v1/check`` (the Liaoning example firm against 辽工信改革〔2022〕9号's
  little giant tier on 2022-03-01): latency p50 and p99 and requests per second at
  1, 10 and 50 concurrent keep-alive connections, each sending requests back to back;
- the same check in this process through ``Catalog.check`` (no HTTP), measured
  before and after the HTTP runs: the service's cost is the ratio of the two p50s;
- a soak of 10,000 checks at 10 clients: errors, and the server's resident memory
  before and after (its process and its children);
- a 10,000-row CSV upload to ``POST /api/v1/batch``: seconds to the whole result
  file, and the latency of single checks sent while it runs (a batch runs in a
  worker process and must not hold them up).

Every run is bounded in requests and in time, and stops by itself. The last line
printed is one JSON object with every figure and the load average (1, 5, 15 min)
at the start and at the end. Not a test: nothing here asserts a speed.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import io
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "plugins" / "liaoning" / "examples" / "little-giant-eligible.toml"
PROGRAM = "liaoning.little-giant-2022"
ON = "2022-03-01"
HOST = "127.0.0.1"

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def free_port() -> int:
    """A free TCP port of 127.0.0.1."""
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def start_server(port: int, workers: int) -> subprocess.Popen[bytes]:
    """``srdi serve`` on ``port``, once it answers ``/healthz``."""
    env = {k: v for k, v in os.environ.items() if k != "SRDI_LOAD_PLUGINS"}
    cmd = [sys.executable, "-m", "srdi.cli.main", "serve", "--host", HOST, "--port", str(port)]
    cmd += ["--workers", str(workers), "--log-level", "warning"]
    # request logs go to a file: writing them to a pipe nobody reads would stall the server
    log = open(Path(tempfile.gettempdir()) / f"srdi-bench-{port}.log", "wb")
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=log)
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/healthz", timeout=2):
                return proc
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise SystemExit(f"the server did not start; see {log.name}") from None
            time.sleep(0.2)


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its descendants, in MB (Linux /proc)."""
    total = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            children = Path(f"/proc/{p}/task/{p}/children").read_text().split()
        except OSError:
            continue
        todo.extend(int(c) for c in children)
    return round(total / 1024, 1)


# --------------------------------------------------------------------------- a small HTTP/1.1 client
def request_bytes(path: str, body: bytes, content_type: str = "application/json") -> bytes:
    """A keep-alive POST request, as bytes to send again and again."""
    head = (
        f"POST {path} HTTP/1.1\r\nHost: {HOST}\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\nConnection: keep-alive\r\n\r\n"
    )
    return head.encode() + body


async def read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    """Status and body of one response (the server always sends Content-Length)."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    length = next((int(v) for k, _, v in (h.partition(":") for h in lines[1:]) if k.lower() == "content-length"), 0)
    return status, await reader.readexactly(length)


async def client_loop(
    port: int, raw: bytes, count: int, until: float, latencies: list[float], errors: list[str]
) -> None:
    """One connection sending ``raw`` back to back, up to ``count`` times or until ``until``."""
    reader, writer = await asyncio.open_connection(HOST, port)
    try:
        for _ in range(count):
            if time.monotonic() > until:
                break
            start = time.perf_counter()
            writer.write(raw)
            status, _ = await read_response(reader)
            latencies.append(time.perf_counter() - start)
            if status != 200:
                errors.append(str(status))
    finally:
        writer.close()


async def load(port: int, raw: bytes, clients: int, requests: int, seconds: float) -> dict[str, Any]:
    """``requests`` checks spread over ``clients`` connections, stopping after ``seconds`` at the latest."""
    latencies: list[float] = []
    errors: list[str] = []
    until = time.monotonic() + seconds
    per = -(-requests // clients)
    start = time.perf_counter()
    await asyncio.gather(*(client_loop(port, raw, per, until, latencies, errors) for _ in range(clients)))
    wall = time.perf_counter() - start
    return {"clients": clients, **summary(latencies), "rps": round(len(latencies) / wall, 1), "errors": len(errors)}


def summary(latencies: list[float]) -> dict[str, Any]:
    """Count, p50, p99 and max of latencies, in ms."""
    if not latencies:
        return {"requests": 0}
    ms = sorted(x * 1000 for x in latencies)
    return {
        "requests": len(ms),
        "p50_ms": round(ms[len(ms) // 2], 2),
        "p99_ms": round(ms[min(len(ms) - 1, int(len(ms) * 0.99))], 2),
        "max_ms": round(ms[-1], 2),
    }


# --------------------------------------------------------------------------- in-process reference
def in_process(profile_data: dict[str, Any], n: int) -> dict[str, Any]:
    """p50 of the same check through ``Catalog.check`` in this process (warm)."""
    import srdi

    cat = srdi.for_credit_code(profile_data["enterprise"]["credit_code"])
    profile = cat.load_profile_data(profile_data)
    on = dt.date.fromisoformat(ON)
    cat.check(profile, on, [PROGRAM])  # compile once
    times = []
    for _ in range(n):
        start = time.perf_counter()
        cat.check(profile, on, [PROGRAM])
        times.append(time.perf_counter() - start)
    return {"p50_ms": round(statistics.median(times) * 1000, 2)}


# --------------------------------------------------------------------------- the batch upload
def batch_table(rows: int) -> bytes:
    """``rows`` copies of the example firm with revenues around the 2000万元 floor, as the CSV a bureau uploads."""
    import numpy as np

    import srdi
    from srdi.batch.synthetic import credit_codes
    from srdi.batch.write import profiles_table

    cat = srdi.load(["liaoning"])
    frame = profiles_table([cat.load_profile(EXAMPLE)], cat.vocabulary, cat.titles)
    big = frame.loc[frame.index.repeat(rows)].reset_index(drop=True)
    rng = np.random.default_rng(20220301)
    big["2021年营业收入"] = rng.integers(1500, 9000, rows)
    big["企业名称"] = [f"企业{i}" for i in range(rows)]
    # distinct firms, as in a real applicant list: valid codes of 沈阳 (210100)
    big["统一社会信用代码"] = credit_codes(np.full(rows, "210100"), np.arange(1, rows + 1))
    out = io.StringIO()
    big.to_csv(out, index=False)
    return out.getvalue().encode("utf-8-sig")


def multipart(table: bytes, name: str) -> tuple[bytes, str]:
    """A multipart body with the table as field ``file``, and its content type."""
    boundary = "srdi-bench-boundary"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            "Content-Type: text/csv\r\n\r\n"
        ).encode()
        + table
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, f"multipart/form-data; boundary={boundary}"


async def batch_while_checking(port: int, table: bytes, check_raw: bytes) -> dict[str, Any]:
    """Upload the table to ``/api/v1/batch`` while one client keeps sending checks."""
    body, ctype = multipart(table, "申报企业.csv")
    raw = request_bytes(f"/api/v1/batch?program={PROGRAM}&on={ON}&format=csv", body, ctype)
    reader, writer = await asyncio.open_connection(HOST, port)
    latencies: list[float] = []
    errors: list[str] = []
    done = asyncio.Event()

    async def checks() -> None:
        r, w = await asyncio.open_connection(HOST, port)
        try:
            while not done.is_set():
                start = time.perf_counter()
                w.write(check_raw)
                status, _ = await read_response(r)
                latencies.append(time.perf_counter() - start)
                if status != 200:
                    errors.append(str(status))
                await asyncio.sleep(0.01)
        finally:
            w.close()

    task = asyncio.create_task(checks())
    start = time.perf_counter()
    writer.write(raw)
    status, content = await asyncio.wait_for(read_response(reader), timeout=600)
    seconds = time.perf_counter() - start
    done.set()
    await task
    writer.close()
    lines = content.decode("utf-8-sig").count("\n") - 1
    return {
        "rows": lines,
        "status": status,
        "seconds": round(seconds, 2),
        "checks_meanwhile": summary(latencies) | {"errors": len(errors)},
    }


def main(argv: list[str] | None = None) -> int:
    """Run every measurement and print the JSON line."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workers", type=int, default=1, help="uvicorn worker processes (default 1)")
    ap.add_argument("--requests", type=int, default=3000, help="checks per concurrency level (default 3000)")
    ap.add_argument("--soak", type=int, default=10_000, help="checks of the memory soak (default 10,000)")
    ap.add_argument("--batch-rows", type=int, default=10_000, help="rows of the uploaded table (default 10,000)")
    ap.add_argument("--seconds", type=float, default=120, help="time bound of each run (default 120 s)")
    args = ap.parse_args(argv)
    # stopped from outside: still stop the server (the finally below)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))

    data = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    body = json.dumps(data, default=str, ensure_ascii=False).encode()
    load_start = os.getloadavg()
    reference_before = in_process(data, 300)

    port = free_port()
    server = start_server(port, args.workers)
    try:
        raw = request_bytes(f"/api/v1/check?program={PROGRAM}&on={ON}", body)
        asyncio.run(load(port, raw, 10, 200, args.seconds))  # warm: catalogs built, programs compiled
        levels = [asyncio.run(load(port, raw, c, args.requests, args.seconds)) for c in (1, 10, 50)]
        reference_after = in_process(data, 300)
        rss_before = rss_mb(server.pid)
        soak = asyncio.run(load(port, raw, 10, args.soak, args.seconds * 5))
        rss_after = rss_mb(server.pid)
        table = batch_table(args.batch_rows)
        batch = asyncio.run(batch_while_checking(port, table, raw))
        rss_end = rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    p50_ref = min(reference_before["p50_ms"], reference_after["p50_ms"])
    out = {
        "benchmark": "srdi serve",
        "workers": args.workers,
        "check_in_process_p50_ms": {"before": reference_before["p50_ms"], "after": reference_after["p50_ms"]},
        "check_http": levels,
        "ratio_http_p50_1_client_vs_in_process": round(levels[0]["p50_ms"] / p50_ref, 2),
        "soak": soak | {"rss_mb_before": rss_before, "rss_mb_after": rss_after},
        "batch_upload": batch | {"rss_mb_after": rss_end},
        "loadavg_start": [round(x, 2) for x in load_start],
        "loadavg_end": [round(x, 2) for x in os.getloadavg()],
        "cpus": os.cpu_count(),
    }
    print(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
