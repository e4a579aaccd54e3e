"""Every shell command in README.md and docs/*.md works as written on a fresh clone.

Each ``sh`` code block is read line by line (``\\`` continues a line, ``#`` starts a
comment, ``&&`` chains commands, ``cd`` carries over to the rest of the page, as a
reader following the page would type it):

- ``srdi …`` runs, in a scratch folder that sees the repository's files, and must
  exit 0;
- ``pip install …`` must name only what exists here (requirement files, folders,
  wheels ``nox -s build`` makes), never a distribution of this repository by name
  as if an index served it;
- ``nox …`` needs nox from ``requirements-dev.txt``, and names only sessions the
  noxfile has; ``pytest``, ``python -m MODULE`` and ``python FILE``, and scripts
  such as ``.ci/run`` must be installed or exist.

Commands that stand for the reader's own work (a notice they wrote) are listed in
``OWN_WORK`` with the reason; nothing else is skipped.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from srdi.cli.main import main

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
#: Commands that act on what the reader made themselves in a tutorial; not runnable on a fresh clone.
OWN_WORK = {
    "gunicorn srdi.web:app -k uvicorn_worker.UvicornWorker -w 4 -b 0.0.0.0:8000 --graceful-timeout 30": (
        "a process manager the integrator installs for production, as the page says"
    ),
    "srdi validate src/srdi_dalian/notices/dljx-2021-1.toml": "the notice the plugin author writes in step 3",
    "srdi diff dalian.srdi-sme-2021 dalian.srdi-sme-2022": "the author's plugin installed, with next year's notice",
    "srdi deadlines --program liaoning.little-giant-2022 --calendar holidays-2027.toml": (
        "the holiday arrangement file the integrator writes once the State Council publishes it"
    ),
    "SRDI_CALENDAR=/etc/srdi/holidays srdi check firm.toml": "the integrator's calendar folder and profile",
}
#: Tools the documented installs provide, and the file that installs each.
TOOLS = {
    "pytest": "requirements.txt",
    "uvicorn": "requirements.txt",
    "nox": "requirements-dev.txt",
    "ruff": "requirements-dev.txt",
}


def blocks(page: Path) -> list[str]:
    """The sh code blocks of a page."""
    return re.findall(r"```(?:sh|bash|shell)\n(.*?)```", page.read_text(encoding="utf-8"), re.S)


def commands(block: str) -> list[list[str]]:
    """The commands of a block as argument lists (continuations joined, comments dropped, && split)."""
    out: list[list[str]] = []
    for line in block.replace("\\\n", " ").splitlines():
        words = shlex.split(line, comments=True)
        cmd: list[str] = []
        for w in [*words, "&&"]:
            if w == "&&":
                if cmd:
                    out.append(cmd)
                cmd = []
            else:
                cmd.append(w)
    return out


def distributions() -> dict[str, str]:
    """Name → version of every distribution in this repository."""
    out = {}
    for pyproject in [
        ROOT / "core" / "pyproject.toml",
        *ROOT.glob("plugins/*/pyproject.toml"),
        *ROOT.glob("contrib/*/pyproject.toml"),
    ]:
        meta = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
        out[meta["name"]] = meta["version"]
    return out


def wheel_name(dist: str, version: str) -> str:
    return f"{dist.replace('-', '_')}-{version}-py3-none-any.whl"


@pytest.fixture(scope="module")
def sessions() -> list[str]:
    """Every session of the noxfile as ``nox -l`` lists it (``liaoning(3.11-highest)``, ``lint`` …)."""
    if importlib.util.find_spec("nox") is None:
        pytest.skip("nox is not installed (pip install -r requirements-dev.txt)")
    run = subprocess.run([sys.executable, "-m", "nox", "-l"], cwd=ROOT, capture_output=True, text=True, check=True)
    return re.findall(r"^[*-] (\S+)", run.stdout, re.M)


def check_pip(words: list[str], cwd: Path) -> None:
    dists = distributions()
    wheels = {wheel_name(d, v) for d, v in dists.items()}
    args = iter(words[2:])
    for arg in args:
        if arg in ("-r", "--requirement", "-c"):
            assert (cwd / next(args)).is_file()
            continue
        if arg.startswith("-"):
            continue
        target = re.sub(r"\[[^\]]*\]$", "", arg)
        if target.endswith(".whl"):
            assert Path(target).name in wheels, f"{target}: nox -s build makes {sorted(wheels)}"
        elif target.startswith((".", "/")) or "/" in target:
            assert (cwd / target).is_dir() and (cwd / target / "pyproject.toml").is_file(), target
        else:
            assert target not in dists, (
                f"pip install {target}: no package index serves {target}; install from the repository"
            )


def check_curl(words: list[str], cwd: Path) -> None:
    """A request to ``srdi serve``: every file it sends exists, and its path is a route of the app."""
    from urllib.parse import urlsplit

    from srdi.web import app

    routes = [re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", r.path) + "$") for r in app.routes]
    urls = [w for w in words if "localhost:" in w or "127.0.0.1:" in w]
    assert urls, f"{shlex.join(words)}: no request to the local server"
    for url in urls:
        path = urlsplit(url if "://" in url else "http://" + url).path
        assert any(r.match(path) for r in routes), f"{url}: srdi serve has no route {path}"
    for w in words:
        if "@" in w and "localhost" not in w:
            sent = w.split("@", 1)[1]
            assert (cwd / sent).is_file(), f"{shlex.join(words)}: sends {sent}, which the clone does not have"


def check(words: list[str], cwd: Path, sessions_fn, monkeypatch, capsys) -> Path:
    """Run or check one command; return the working directory after it."""
    env = {}
    while words and re.match(r"^[A-Z_]+=", words[0]):
        k, v = words.pop(0).split("=", 1)
        env[k] = v
    tool = words[0]
    if tool == "python" and words[1:2] == ["-c"]:
        # a one-line conversion the docs show: run it in the scratch folder, its output where the page sends it
        out = words[words.index(">") + 1] if ">" in words else None
        argv = words[: words.index(">")] if out else words
        done = subprocess.run([sys.executable, *argv[1:]], cwd=cwd, capture_output=True, text=True, check=False)
        assert done.returncode == 0, f"{shlex.join(words)}: {done.stderr[-500:]}"
        if out:
            (cwd / out).write_text(done.stdout, encoding="utf-8")
        return cwd
    if ">" in words:  # a redirection writes into the repository: check the command, do not run it
        words = words[: words.index(">")]
    if tool == "cd":
        target = cwd / words[1]
        assert target.is_dir(), f"cd {words[1]}: no such folder"
        return target
    if tool == "srdi" and words[1:2] == ["serve"]:
        # a server runs until stopped: check that its arguments parse, as the command would take them
        from srdi.cli.main import build_parser

        args = build_parser().parse_args([w for w in words[1:] if w != "&"])
        assert args.fn is not None
        return cwd
    if tool == "srdi":
        for k, v in env.items():
            monkeypatch.setenv(k, v)
        monkeypatch.chdir(cwd)
        code = main(words[1:])
        err = capsys.readouterr().err
        assert code == 0, f"{shlex.join(words)} exited {code}: {err[-500:]}"
    elif tool == "pip":
        assert words[1] == "install"
        check_pip(words, cwd)
    elif tool == "nox":
        req = (ROOT / TOOLS["nox"]).read_text(encoding="utf-8")
        assert re.search(r"^nox\b", req, re.M), "nox is not in requirements-dev.txt"
        listed = sessions_fn()
        names = set(listed) | {re.sub(r"(-3\.\d+)?(\(.*\))?$", "", s) for s in listed}
        if "-s" in words:
            session = words[words.index("-s") + 1]
            assert session in names, f"nox -s {session}: no such session"
        if "-k" in words:
            keyword = words[words.index("-k") + 1]
            assert any(keyword in s for s in listed), f"nox -k {keyword}: matches no session"
        if "-t" in words:
            tag = words[words.index("-t") + 1]
            run = subprocess.run(
                [sys.executable, "-m", "nox", "-l", "-t", tag], cwd=ROOT, capture_output=True, text=True
            )
            assert re.search(r"^\* ", run.stdout, re.M), f"nox -t {tag}: selects no session"
    elif tool == "curl":
        check_curl(words, cwd)
    elif tool in TOOLS:
        assert shutil.which(tool) or importlib.util.find_spec(tool), tool
    elif tool == "python":
        if words[1] == "-m":
            assert importlib.util.find_spec(words[2]) is not None, words[2]
        else:
            assert (cwd / words[1]).is_file(), words[1]
    else:
        script = cwd / tool
        assert script.is_file() and os.access(script, os.X_OK), f"{tool}: not a command the docs' installs provide"
    return cwd


def pages() -> list[Path]:
    return [p for p in PAGES if blocks(p)]


@pytest.mark.parametrize("page", pages(), ids=lambda p: p.name)
def test_every_command_runs_as_written(page, tmp_path, monkeypatch, capsys, request):
    # a scratch folder that sees the repository's files: outputs land here, not in the clone
    for item in ROOT.iterdir():
        if item.name not in (".git",) and not item.name.startswith((".nox", ".venv")):
            (tmp_path / item.name).symlink_to(item)
    cwd = tmp_path
    sessions_fn = lambda: request.getfixturevalue("sessions")  # noqa: E731 - only pages with nox need nox
    ran = 0
    for block in blocks(page):
        for words in commands(block):
            if shlex.join(words) in OWN_WORK:
                continue
            cwd = check(list(words), cwd, sessions_fn, monkeypatch, capsys)
            ran += 1
    assert ran


def test_readme_says_how_to_install_the_dev_tools():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    dev = readme[readme.index("## Development") :]
    assert "pip install -r requirements-dev.txt" in dev.split("nox -l")[0]
    # the dependency group uv reads lists the same tools
    group = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["dependency-groups"]["dev"]
    req = [
        line
        for line in (ROOT / "requirements-dev.txt").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith(("#", "-r"))
    ]
    assert sorted(group) == sorted(req)


def test_own_work_commands_are_still_in_the_docs():
    every = {shlex.join(c) for p in PAGES for b in blocks(p) for c in commands(b)}
    assert set(OWN_WORK) <= every
