"""Per-city quotas: 冀工信企业函〔2021〕261号 一（二）on top of the national caps it inherits.

"石家庄和唐山各 40 家，…，辛集、定州和雄安新区各 10家": a candidate counts under the most
specific listed region it is registered in, so a firm of 辛集 (130181, inside 石家庄's
130100) uses 辛集's 10, not 石家庄's 40.

Candidates: the category-c firm of core/tests/data moved to category b (营业收入 6000万元;
derivation in core/tests/test_batch_selection.py), registered in Hebei, holding a 2020
河北省“专精特新”中小企业 title (3 years, counts as 省级“专精特新”中小企业 → 一（一）holds),
checked on 2021-04-30 inside the upload window (一（三）2021-04-28 … 05-06). At 6000万元 the
"不足5000万元 ≤ 10" cap does not apply; 200 per province is never reached here.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs

import srdi
from srdi.batch.select import select
from srdi.profile import Recognition
from srdi.testing.strategies import credit_code

ROOT = Path(__file__).parent.parent
PROGRAM = "hebei.little-giant-3rd-batch"
ON = dt.date(2021, 4, 30)


def test_per_city_quotas_cut_the_41st_of_shijiazhuang_and_the_11th_of_xinji():
    cat = srdi.load(["hebei"])
    base = cat.load_profile(ROOT / "core" / "tests" / "data" / "third-batch-category-c.toml")
    years = {**base.years}
    years[2019] = years[2019] | {"revenue": 5000.0}
    years[2020] = years[2020] | {"revenue": 6000.0, "main_business_revenue": 5000.0}

    def firm(serial: int, region: str):
        facts = base.facts | {"name": f"冀企{serial:03d}", "credit_code": credit_code(region, serial)}
        return attrs.evolve(base, facts=facts, years=years, recognitions=(Recognition("hebei.srdi_sme", 2020),))

    pool = [firm(i, "130100") for i in range(1, 42)] + [firm(100 + i, "130181") for i in range(1, 12)]
    # and 12 under 5000万元 elsewhere in Hebei (唐山 130200): the national "不足5000万元 ≤ 10" it
    # inherits cuts the 11th, citing 工信厅企业函〔2021〕79号, not the Hebei notice
    small = [attrs.evolve(firm(200 + i, "130200"), years=base.years) for i in range(1, 13)]
    pool += small
    result = select(cat, cat.frame(pool), PROGRAM, ON)
    out = result.frame
    assert set(out["verdict"]) == {"eligible"}
    # 石家庄: rows 1–40 selected, row 41 cut by its 40; 辛集: rows 42–51 selected, row 52 cut by its 10
    assert list(out["selected"]) == [True] * 40 + [False] + [True] * 10 + [False] + [True] * 10 + [False] * 2
    assert out["cut_by"].iloc[40] == "per-city" and out["cut_by"].iloc[51] == "per-city"
    assert "（石家庄市）已达上限40家" in out["reason"].iloc[40]
    assert "已达上限10家" in out["reason"].iloc[51] and "冀工信企业函〔2021〕261号 一（二）" in out["reason"].iloc[51]
    assert out["cut_by"].iloc[62] == "under-5000"
    assert "（工信厅企业函〔2021〕79号 五（一））" in out["reason"].iloc[62]
    used = {(u.quota, u.group): (u.used, u.limit) for u in result.usage}
    assert used[("per-city", "130100")] == (40, 40)
    assert used[("per-city", "130181")] == (10, 10)
    assert used[("per-province", "130000")] == (60, 200)
