"""Hook implementations of the Shanghai plugin: its region, notices, fields and one metric."""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from srdi import hookimpl
from srdi.engine.metrics import Metric, ratio
from srdi.regions import Region
from srdi.vocabulary import FieldSpec, load_fields

HERE = resources.files(__package__)


@hookimpl
def srdi_register_regions() -> Iterable[Region]:
    """Shanghai."""
    return [Region(code="310000", name="上海市", slug="shanghai")]


@hookimpl
def srdi_register_notices() -> Iterable[Path]:
    """The Shanghai notices shipped with this plugin."""
    return sorted(Path(str(p)) for p in (HERE / "notices").iterdir() if p.name.endswith(".toml"))


@hookimpl
def srdi_register_fields() -> Iterable[FieldSpec]:
    """Facts only Shanghai's notices ask about (ranks, awards, the 科技小巨人 project)."""
    with resources.as_file(HERE / "fields.toml") as path:
        return load_fields(path, origin="srdi-shanghai")


@hookimpl
def srdi_register_metrics() -> Iterable[Metric]:
    """R&D spending over 主营业务收入 (not 营业收入), the ratio the 科技小巨人 tiers test."""
    metric = ratio(
        "shanghai.rd_main_business_ratio",
        "研究开发费用占主营业务收入的比例",
        "rd_expense",
        "main_business_revenue",
        description="研发经费支出 / 主营业务收入 × 100; over several years, the ratio of the totals "
        "(沪科规〔2021〕12号 第六条（二）、第七条（二）).",
    )
    return [_with_origin(metric)]


def _with_origin(metric: Metric) -> Metric:
    import attrs

    return attrs.evolve(metric, origin="srdi-shanghai")
