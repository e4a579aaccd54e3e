"""``srdi serve`` stopped as a service manager stops it (SIGTERM) leaves no process behind.

A table upload runs in a worker process the server starts on first use. The server
must stop that worker before it exits: a worker left running holds its memory (a
catalog and pandas, some 150 MB) until someone finds it. Linux only: the server's
children are read from ``/proc``.
"""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest

httpx = pytest.importorskip("httpx")
pytest.importorskip("litestar")
pytest.importorskip("uvicorn")
if not Path("/proc/self/stat").exists():
    pytest.skip("the server's children are read from /proc", allow_module_level=True)

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "plugins" / "liaoning" / "examples" / "little-giant-eligible.toml"


def _children(pid: int) -> set[int]:
    """The processes whose parent is ``pid``."""
    out = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):  # gone meanwhile
            continue
        if int(fields[1]) == pid:
            out.add(int(stat.parent.name))
    return out


def _alive(pids: set[int]) -> set[int]:
    return {p for p in pids if Path(f"/proc/{p}").exists() and "Z" not in _state(p)}


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return "Z"


def test_a_stopped_server_leaves_no_table_worker(serve, tmp_path):
    import srdi
    from srdi.batch.write import profiles_table

    catalog = srdi.load(["liaoning"])
    table = tmp_path / "申报企业.csv"
    profiles_table([catalog.load_profile(EXAMPLE)], catalog.vocabulary, catalog.titles).to_csv(table, index=False)
    server, base = serve()
    with table.open("rb") as f:
        r = httpx.post(
            base + "/api/v1/batch",
            params={"program": "liaoning.little-giant-2022", "on": "2022-03-01", "format": "json"},
            files={"file": (table.name, f, "text/csv")},
            timeout=120,
        )
    assert r.status_code == 200, r.text
    workers = _alive(_children(server.pid))
    assert workers, "the upload ran in no worker process"
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=30)
    deadline = time.monotonic() + 10
    while _alive(workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(workers), f"processes left running after the server stopped: {sorted(_alive(workers))}"
