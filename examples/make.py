"""Build the example tables in this folder from the example profiles: ``python examples/make.py``.

- ``申报企业.xlsx``: seven applicants to Liaoning's 2022 round (辽工信改革〔2022〕9号),
  laid out as ``srdi template liaoning.little-giant-2022`` writes the table a
  bureau fills — the eligible example firm and variations of it;
- ``推荐.xlsx``: thirteen candidates for the national third batch of little giants
  (工信厅企业函〔2021〕79号), all registered in 沈阳, for ``srdi select`` and
  ``srdi tables``;
- ``pool.csv`` and ``pool.parquet``: five firms for ``srdi whatif`` and
  ``srdi batch``, in the official forms' Chinese headers (CSV) and in the
  vocabulary's names (Parquet).

``tests/test_examples.py`` checks that the files here are what this script
writes, and what srdi makes of them.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import attrs

import srdi
from srdi.batch.template import program_template, write_template
from srdi.batch.write import profiles_table
from srdi.profile import Profile
from srdi.testing.strategies import credit_code

HERE = Path(__file__).parent
ROOT = HERE.parent
LIAONING = ROOT / "plugins" / "liaoning" / "examples"
CANDIDATE = ROOT / "core" / "tests" / "data" / "third-batch-category-c.toml"


def _firm(p: Profile, name: str, code: str, **years: dict[str, float]) -> Profile:
    """``p`` renamed, with another credit code and some yearly figures changed."""
    changed = {y: {**p.years.get(y, {}), **facts} for y, facts in ((int(k[1:]), v) for k, v in years.items())}
    return attrs.evolve(p, facts=p.facts | {"name": name, "credit_code": code}, years={**p.years, **changed})


def _smaller(revenue: float) -> dict[str, float]:
    """The example firm's 2021 figures at another 营业收入, its 主营业务收入 kept the same share of it (6300 of 6800).

    A part above its whole (主营业务收入 6300 above 营业收入 2000) cannot be true, and a table row
    holding it has both figures set aside.
    """
    return {"revenue": revenue, "main_business_revenue": round(revenue * 6300 / 6800)}


def applicants(catalog: srdi.Catalog) -> list[Profile]:
    """Liaoning 2022 applicants (辽工信改革〔2022〕9号); expected verdicts in tests/test_examples.py."""
    ok = catalog.load_profile(LIAONING / "little-giant-eligible.toml")
    short = catalog.load_profile(LIAONING / "little-giant-rd-short.toml")
    gap = catalog.load_profile(LIAONING / "little-giant-incomplete.toml")
    return [
        ok,
        _firm(ok, "沈阳恒远轴承制造有限公司", credit_code("210100", 2), y2021=_smaller(2000.0)),
        _firm(ok, "大连北辰液压件有限公司", credit_code("210200", 3), y2021=_smaller(1999.0)),
        _firm(short, "鞍山立诚数控刀具有限公司", credit_code("210300", 4)),
        _firm(gap, "抚顺华科密封技术有限公司", credit_code("210400", 5)),
        _firm(ok, "本溪博锐精密铸件有限公司", credit_code("210500", 6), y2021={"total_liabilities": 7001.0}),
        # a credit code whose check digit is wrong (…25X for …252): the row says so and keeps the code as written
        _firm(ok, "锦州天元电子科技有限公司", "91210100MA0YK3N25X"),
    ]


def candidates(catalog: srdi.Catalog) -> list[Profile]:
    """Candidates of the national third batch (工信厅企业函〔2021〕79号), all of 沈阳 (210100)."""
    base = catalog.load_profile(CANDIDATE)
    base = attrs.evolve(base, facts=base.facts | {"main_product": "高精度膜片联轴器"})
    names = ["精工", "华锐", "博远", "中科", "恒通", "东升", "瑞丰", "金桥", "天成", "新源", "永泰", "宏达"]
    out = [_firm(base, f"沈阳{n}精密部件有限公司", credit_code("210100", 100 + i)) for i, n in enumerate(names)]
    # 资产负债率 7500/10000 = 75% > 70% (必备指标 3): not a candidate
    out.append(_firm(base, "沈阳重负荷机械有限公司", credit_code("210100", 200), y2020={"total_liabilities": 7500.0}))
    return out


def pool(catalog: srdi.Catalog) -> list[Profile]:
    """The eligible Liaoning firm with 2021 营业收入 of 6800, 2000, 2400, 2500 and 1999万元."""
    base = catalog.load_profile(LIAONING / "little-giant-eligible.toml")
    return [
        _firm(base, f"辽宁示例企业{i}有限公司", credit_code("210100", 10 + i), y2021=_smaller(revenue))
        for i, revenue in enumerate([6800.0, 2000.0, 2400.0, 2500.0, 1999.0], start=1)
    ]


def _cells(catalog: srdi.Catalog, profiles: list[Profile]) -> list[dict[str, Any]]:
    """Per profile: its cells by vocabulary column name, numbers as numbers, dates as dates."""
    frame = profiles_table(profiles, catalog.vocabulary, catalog.titles, chinese=False)
    rows = []
    for record in frame.to_dict("records"):
        row: dict[str, Any] = {}
        for column, text in record.items():
            key, _, year = str(column).rpartition("_")
            spec = catalog.vocabulary.get(key if year.isdigit() else str(column))
            kind = spec.kind if spec is not None else ("year" if str(column).startswith("rec.") else "text")
            row[str(column)] = _typed(text, kind)
        rows.append(row)
    return rows


def _typed(text: str, kind: str) -> Any:
    if text == "":
        return None
    if kind == "date":
        return dt.date.fromisoformat(text)
    if kind in ("money", "usd", "number", "percent", "integer", "count", "year"):
        number = float(text)
        return int(number) if number.is_integer() else number
    return text


def build(folder: Path = HERE) -> list[Path]:
    """Write every example table into ``folder``; return their paths."""
    liaoning = srdi.load(["liaoning"])
    national = srdi.load([])
    out = []
    t = program_template(liaoning, "liaoning.little-giant-2022", dt.date(2022, 3, 1))
    out.append(write_template(t, folder / "申报企业.xlsx", _cells(liaoning, applicants(liaoning))))
    t = program_template(national, "national.little-giant-3rd-batch", dt.date(2021, 4, 30))
    out.append(write_template(t, folder / "推荐.xlsx", _cells(national, candidates(national))))
    firms = pool(liaoning)
    path = folder / "pool.csv"
    profiles_table(firms, liaoning.vocabulary, liaoning.titles).to_csv(path, index=False, encoding="utf-8-sig")
    out.append(path)
    path = folder / "pool.parquet"
    profiles_table(firms, liaoning.vocabulary, liaoning.titles, chinese=False).to_parquet(path, index=False)
    out.append(path)
    return out


if __name__ == "__main__":
    for p in build(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(p)
