"""Notices kept between runs: the same notices and programs as read from the files, and never a failed command.

The cache (srdi.notices.cache) keeps the records of a notice that loaded without a
problem; a later load takes the notice from them instead of parsing and checking the
file. These tests copy a shipped notice (辽工信改革〔2022〕9号, with its text)
into a temporary folder so they can change it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from srdi import api
from srdi.errors import NoticeError
from srdi.notices import cache
from srdi.notices import load as notice_load
from srdi.notices.load import load_notice
from srdi.plugins import PluginHost, installed

LIAONING = Path(__file__).resolve().parents[2] / "plugins" / "liaoning" / "src" / "srdi_liaoning" / "notices"
NOTICE = "lngxgg-2022-9.toml"


@pytest.fixture()
def cached(tmp_path, monkeypatch):
    """A cache folder of its own, turned on."""
    where = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV_DIR, str(where))
    monkeypatch.delenv(cache.ENV_OFF, raising=False)
    return where


@pytest.fixture()
def notice(tmp_path):
    """A copy of Liaoning's 2022 little-giant notice and the text it cites."""
    folder = tmp_path / "notices"
    folder.mkdir()
    src = LIAONING / NOTICE
    shutil.copy(src, folder / NOTICE)
    text = notice_load.read_toml(src)["notice"]["text"]
    (folder / text).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(src.parent / text, folder / text)
    return folder / NOTICE


def entries(where: Path) -> list[Path]:
    return sorted((where / "notices").glob("*.pickle")) if (where / "notices").exists() else []


def no_parsing(monkeypatch):
    """Make reading a notice from its file fail, so a load that succeeds came from the cache."""

    def refuse(*args, **kwargs):
        raise AssertionError("the notice was read from its file")

    monkeypatch.setattr(notice_load, "check_notice", refuse)


def test_a_second_load_comes_from_the_cache_and_equals_the_file(cached, notice, monkeypatch):
    first = load_notice(notice, "srdi-liaoning", "0.1.0")
    assert len(entries(cached)) == 1
    no_parsing(monkeypatch)
    again = load_notice(notice, "srdi-liaoning", "0.1.0")
    assert again == first
    assert again.spec == first.spec and again.text == first.text


def test_a_changed_notice_file_is_read_again(cached, notice, monkeypatch):
    load_notice(notice, "srdi-liaoning", "0.1.0")
    # a comment changes the bytes, not the notice: still a miss, since the key is the content
    notice.write_text(notice.read_text(encoding="utf-8") + "\n# 注释\n", encoding="utf-8")
    calls = []
    real = notice_load.check_notice
    monkeypatch.setattr(notice_load, "check_notice", lambda *a, **k: calls.append(a) or real(*a, **k))
    load_notice(notice, "srdi-liaoning", "0.1.0")
    assert len(calls) == 1
    assert len(entries(cached)) == 1  # the edited file's entry replaced the one before


def test_an_edit_that_breaks_a_quote_is_reported_as_without_the_cache(cached, notice, monkeypatch):
    load_notice(notice, "srdi-liaoning", "0.1.0")
    source = notice.read_text(encoding="utf-8")
    # a quote the shipped text does not contain
    broken = source.replace('quote = "', 'quote = "不在原文中的引文', 1)
    notice.write_text(broken, encoding="utf-8")
    with pytest.raises(NoticeError) as with_cache:
        load_notice(notice, "srdi-liaoning", "0.1.0")
    monkeypatch.setenv(cache.ENV_OFF, "1")
    with pytest.raises(NoticeError) as without:
        load_notice(notice, "srdi-liaoning", "0.1.0")
    assert with_cache.value.problems == without.value.problems
    assert any("quote" in (p.key or "") for p in without.value.problems)
    # a notice with problems is not kept: the edited file's problems are reported again next time
    assert len(entries(cached)) == 1
    with pytest.raises(NoticeError):
        load_notice(notice, "srdi-liaoning", "0.1.0")


def test_a_changed_notice_text_is_checked_again(cached, notice):
    load_notice(notice, "srdi-liaoning", "0.1.0")
    text = notice.parent / notice_load.read_toml(notice)["notice"]["text"]
    # the text loses every character: the title and quotes no longer occur in it
    text.write_text("", encoding="utf-8")
    with pytest.raises(NoticeError) as exc:
        load_notice(notice, "srdi-liaoning", "0.1.0")
    assert any(p.key == "notice.title" for p in exc.value.problems)


def test_another_plugin_version_misses_the_cache_and_replaces_the_entry(cached, notice, monkeypatch):
    load_notice(notice, "srdi-liaoning", "0.1.0")
    (old,) = entries(cached)
    load_notice(notice, "srdi-liaoning", "0.2.0")
    (new,) = entries(cached)
    assert new != old
    calls = []
    real = notice_load.check_notice
    monkeypatch.setattr(notice_load, "check_notice", lambda *a, **k: calls.append(a) or real(*a, **k))
    load_notice(notice, "srdi-liaoning", "0.1.0")  # the older version's entry is gone: read from the file
    assert len(calls) == 1


def test_editing_a_notice_keeps_one_entry_for_it(cached, notice, tmp_path):
    source = notice.read_text(encoding="utf-8")
    for k in range(3):
        notice.write_text(source + f"\n# 第{k}次修改\n", encoding="utf-8")
        load_notice(notice, "srdi-liaoning", "0.1.0")
    assert len(entries(cached)) == 1
    # another notice file (a copy elsewhere) has its own slot: both are kept
    other = tmp_path / "copy" / notice.name
    shutil.copytree(notice.parent, other.parent)
    load_notice(other, "srdi-liaoning", "0.1.0")
    assert len(entries(cached)) == 2


def test_an_entry_named_by_its_key_alone_is_removed(cached, notice):
    (cached / "notices").mkdir(parents=True)
    legacy = cached / "notices" / ("0" * 32 + ".pickle")
    legacy.write_bytes(b"")
    load_notice(notice, "srdi-liaoning", "0.1.0")
    assert not legacy.exists() and len(entries(cached)) == 1


@pytest.mark.parametrize("garbage", [b"", b"not a pickle", b"\x80\x05K\x01.", b"\x80\x05\x95"])
def test_a_corrupt_cache_entry_is_ignored(cached, notice, garbage):
    first = load_notice(notice, "srdi-liaoning", "0.1.0")
    (entry,) = entries(cached)
    entry.write_bytes(garbage)
    assert load_notice(notice, "srdi-liaoning", "0.1.0") == first
    # and written again, whole
    assert load_notice(notice, "srdi-liaoning", "0.1.0") == first
    assert entry.read_bytes() != garbage


def test_a_cache_entry_naming_code_is_not_run(cached, notice, tmp_path):
    first = load_notice(notice, "srdi-liaoning", "0.1.0")
    (entry,) = entries(cached)
    marker = tmp_path / "ran"
    # a pickle that would call os.system: refused, and the notice read from its file
    entry.write_bytes(b"cos\nsystem\n(V" + f"touch {marker}".encode() + b"\ntR.")
    assert load_notice(notice, "srdi-liaoning", "0.1.0") == first
    assert not marker.exists()


def test_a_cache_entry_naming_a_class_outside_the_notice_model_is_refused(cached, notice):
    import pickle

    from srdi.results import GroupResult

    first = load_notice(notice, "srdi-liaoning", "0.1.0")
    (entry,) = entries(cached)
    key = entry.name.split(".")[1]
    # an attrs class of srdi's, but not a notice record: the entry is refused, the notice read from its file
    other = GroupResult("g", "g", "all", ("a",), None, "一", "一", None, 0)
    entry.write_bytes(pickle.dumps((key, other, "0" * 32)))
    assert cache.get(key, entry.name.split(".")[0]) is None
    assert load_notice(notice, "srdi-liaoning", "0.1.0") == first


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root writes anywhere")
def test_a_read_only_cache_folder_still_loads(tmp_path, notice, monkeypatch):
    where = tmp_path / "ro"
    where.mkdir()
    where.chmod(0o500)
    monkeypatch.setenv(cache.ENV_DIR, str(where))
    try:
        assert load_notice(notice, "srdi-liaoning", "0.1.0").spec.notice.id
        assert entries(where) == []
    finally:
        where.chmod(0o700)


def test_a_cache_folder_that_is_a_file_still_loads(tmp_path, notice, monkeypatch):
    # a cache "folder" that cannot be made, whoever runs the test: writing fails, loading does not
    where = tmp_path / "a-file"
    where.write_text("", encoding="utf-8")
    monkeypatch.setenv(cache.ENV_DIR, str(where / "srdi"))
    first = load_notice(notice, "srdi-liaoning", "0.1.0")
    assert load_notice(notice, "srdi-liaoning", "0.1.0") == first
    assert where.read_text(encoding="utf-8") == ""


def test_srdi_no_cache_writes_nothing(tmp_path, notice, monkeypatch):
    where = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV_DIR, str(where))
    monkeypatch.setenv(cache.ENV_OFF, "1")
    load_notice(notice, "srdi-liaoning", "0.1.0")
    assert not where.exists()


def test_the_default_folder_follows_xdg_cache_home(tmp_path, monkeypatch):
    monkeypatch.delenv(cache.ENV_DIR, raising=False)
    monkeypatch.delenv(cache.ENV_OFF, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.folder() == tmp_path / "srdi"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.folder() == tmp_path / "home" / ".cache" / "srdi"
    monkeypatch.setenv(cache.ENV_OFF, "0")
    assert cache.folder() is not None


def _every_notice() -> list[tuple[str, str, str]]:
    host = PluginHost()
    host.load_all()
    return [(str(path), p.distribution, p.version) for p, path in host.results("srdi_register_notices")]


def test_every_shipped_notice_is_the_same_from_the_cache(cached, monkeypatch):
    monkeypatch.delenv("SRDI_LOAD_PLUGINS", raising=False)
    everything = _every_notice()
    # the baseline and every installed plugin (all of them in a full checkout, four in a nox cell)
    assert {dist for _, dist, _ in everything} == {"srdi"} | {p.distribution for p in installed()}
    monkeypatch.setenv(cache.ENV_OFF, "1")
    plain = [load_notice(*n) for n in everything]
    monkeypatch.delenv(cache.ENV_OFF)
    written = [load_notice(*n) for n in everything]
    assert len(entries(cached)) == len({cache.slot(Path(p), d) for p, d, _ in everything})
    no_parsing(monkeypatch)
    kept = [load_notice(*n) for n in everything]
    assert kept == plain and written == plain


def test_every_plugin_has_the_same_programs_with_the_cache(cached, monkeypatch):
    monkeypatch.delenv("SRDI_LOAD_PLUGINS", raising=False)
    monkeypatch.setenv(cache.ENV_OFF, "1")
    api.clear_cache()
    plain = api.load()
    monkeypatch.delenv(cache.ENV_OFF)
    api.clear_cache()
    api.load()  # fills the cache
    api.clear_cache()
    try:
        kept = api.load()
    finally:
        api.clear_cache()
    assert kept is not plain
    assert [nf.path for nf in kept.notices] == [nf.path for nf in plain.notices]
    assert kept.programs_by_id.keys() == plain.programs_by_id.keys()
    for pid, prog in plain.programs_by_id.items():
        assert kept.programs_by_id[pid] == prog, pid
