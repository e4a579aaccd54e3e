"""The web page at ``/``, in Chinese: region or credit code, programs, the profile form, verdicts, dates, money.

Server-rendered HTML from the same catalogs and views as the API; the page's own
script and style are served by the app (nothing comes from the internet). A
bureau's upload posts to ``/api/v1/batch`` and downloads the 初审结果.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from litestar import Request, Response, Router, get, post
from litestar.enums import MediaType

from .. import clock, routing, views
from ..catalog import Catalog
from ..errors import ProfileError, SrdiError
from ..profile import credit_code
from ..results import CriterionResult, GroupResult, ProgramResult
from . import forms, language
from .fields import asked
from .state import ServiceState

#: Litestar adds ``charset=utf-8`` to every ``text/*`` type itself: a type naming it would carry it twice.
HTML = MediaType.HTML.value
VERDICT_CLASS = {"eligible": "ok", "ineligible": "no", "incomplete": "unknown", "review": "review"}
MODES = {"all": "全部满足", "any": "满足其一", "none": "均不存在"}


def _layout(body: str, title: str = "专精特新政策测评") -> str:
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/static/page.css">
<script src="/static/page.js" defer></script>
</head><body>
<header><h1>专精特新政策测评</h1>
<p>按各级通知逐条核对申报条件：每条结论附条款、原文、数据、标准与差距。缺少数据即为“信息不完整”，不会当作“不符合”。</p>
<nav><a href="/">企业自测</a> · <a href="/#bureau">主管部门批量初审</a> · <a href="/docs">接口文档</a></nav></header>
<main>{body}</main>
<footer>srdi · 结论依据各通知原文，仅供申报前自查与初审参考。</footer>
</body></html>"""


def _regions(cat: Catalog) -> list[tuple[str, str]]:
    codes = sorted(set(cat.claims))
    return [(c, cat.regions.by_code[c].name if c in cat.regions.by_code else c) for c in codes]


def _step_one(cat: Catalog, region: str, code: str, on: str) -> str:
    options = ['<option value="">（按统一社会信用代码确定）</option>'] + [
        f'<option value="{c}"{" selected" if c == region else ""}>{escape(n)}（{c}）</option>' for c, n in _regions(cat)
    ]
    return f"""<section id="start"><h2>一、选择地区或输入统一社会信用代码</h2>
<form method="get" action="/" class="row">
<div class="field"><label for="credit_code">统一社会信用代码</label>
<input id="credit_code" name="credit_code" value="{escape(code)}" maxlength="18" placeholder="18位，如 91210100MA0YK3N252" aria-describedby="credit_code_hint">
<small class="help" id="credit_code_hint" aria-live="polite"></small></div>
<div class="field"><label for="region">或选择地区</label><select id="region" name="region">{"".join(options)}</select></div>
<div class="field"><label for="on">评价日</label><input type="date" id="on" name="on" value="{escape(on)}" aria-describedby="on_hint">
<small class="help" id="on_hint">默认今天；按该日判断受理中的项目与“上年度”。</small></div>
<button type="submit" id="choose-region">下一步：选择项目</button>
</form></section>"""


def _step_two(
    cat: Catalog, region_code: str, region_name: str, chosen: Sequence[str], on: dt.date, keep: Mapping[str, str]
) -> str:
    progs = cat.programs_for_region(region_code)
    open_ids = {p.id for p in progs if cat.is_open(p, on)}
    ticked = set(chosen) or open_ids
    rows = []
    for p in progs:
        state = "受理中" if p.id in open_ids else "评价日不受理"
        rows.append(
            f'<label class="program"><input type="checkbox" name="program" value="{escape(p.id)}"'
            f'{" checked" if p.id in ticked else ""}> <b>{escape(p.title)}</b> <span class="muted">{escape(p.doc_number)} · '
            f"{escape(p.id)} · {state}</span></label>"
        )
    hidden = "".join(f'<input type="hidden" name="{escape(k)}" value="{escape(v)}">' for k, v in keep.items() if v)
    none_open = (
        ""
        if open_ids
        else f'<p class="note">评价日 {on.isoformat()} 没有受理中的项目；请勾选要对照的项目（可将评价日改为通知的申报期内）。</p>'
    )
    return f"""<section id="programs"><h2>二、选择要评价的项目（{escape(region_name)}及上级）</h2>{none_open}
<form method="get" action="/#profile">{hidden}{"".join(rows)}
<button type="submit" id="choose-programs">下一步：填写企业信息</button></form></section>"""


def _step_three(form_html: str, keep: Mapping[str, str], chosen: Sequence[str]) -> str:
    hidden = "".join(f'<input type="hidden" name="_{escape(k)}" value="{escape(v)}">' for k, v in keep.items() if v)
    hidden += "".join(f'<input type="hidden" name="_program" value="{escape(p)}">' for p in chosen)
    return f"""<section id="profile"><h2>三、填写企业信息（只列所选项目用到的数据；金额单位万元，比例单位%）</h2>
<form method="post" action="/check#results" id="profile-form">{hidden}
{form_html}
<button type="submit" id="submit-profile">评价</button></form></section>"""


def _bureau(cat: Catalog, on: str) -> str:
    options = "".join(f'<option value="{c}">{escape(n)}（{c}）</option>' for c, n in _regions(cat))
    return f"""<section id="bureau"><h2>主管部门：上传申报企业表，下载初审结果</h2>
<p>表头可用字段名或申报表的中文表头；每行企业都会出现在结果中，数据有误的行注明原因。</p>
<form method="post" action="/api/v1/batch?lang=zh" enctype="multipart/form-data" id="batch-form" data-api="/api/v1/batch">
<div class="field"><label for="batch-file">申报企业表（.xlsx 或 .csv）</label><input type="file" id="batch-file" name="file" accept=".xlsx,.csv" required></div>
<div class="field"><label for="batch-region">地区</label><select id="batch-region" name="region">{options}</select></div>
<div class="field"><label for="batch-on">评价日</label><input type="date" id="batch-on" name="on" value="{escape(on)}"></div>
<div class="field"><label for="batch-format">结果格式</label><select id="batch-format" name="format"><option value="xlsx">Excel（.xlsx）</option><option value="csv">CSV</option></select></div>
<button type="submit" id="batch-submit">初审并下载结果</button></form></section>"""


def _tree(res: ProgramResult) -> list[GroupResult | CriterionResult]:
    groups = {g.id: g for g in res.groups}
    crits = {c.id: c for c in res.criteria}
    out: list[GroupResult | CriterionResult] = []

    def visit(node: str) -> None:
        if node in groups:
            out.append(groups[node])
            for child in groups[node].of:
                visit(child)
        elif node in crits:
            out.append(crits[node])

    for root in [g.id for g in res.groups if g.depth == 0] or [c.id for c in res.criteria if c.depth == 0]:
        visit(root)
    seen = {id(x) for x in out}
    rest: list[GroupResult | CriterionResult] = [*res.groups, *res.criteria]
    out.extend(x for x in rest if id(x) not in seen)
    return out


def _value(v: Any) -> str:
    if v is None:
        return "—"
    if isinstance(v, bool):
        return "是" if v else "否"
    if isinstance(v, float):
        return f"{v:.4f}".rstrip("0").rstrip(".")
    if isinstance(v, (list, tuple)):
        return "、".join(_value(x) for x in v) or "（无）"
    return str(v)


def _result(res: ProgramResult) -> str:
    rows = []
    for node in _tree(res):
        pad = f' style="padding-left:{node.depth * 1.2 + 0.3}em"'
        if isinstance(node, GroupResult):
            mode = MODES.get(node.mode, f"至少满足{node.n}项")
            rows.append(
                f'<tr class="group"><td{pad}>▸ {escape(node.label)} <span class="muted">[{mode}]</span></td>'
                f'<td class="o-{node.outcome.value}">{escape(node.outcome.label)}</td><td>{escape(node.clause)}</td><td></td></tr>'
            )
            continue
        where = node.clause if node.notice == res.notice else f"{node.notice} {node.clause}"
        detail = []
        if node.values:
            detail.append(
                '<div class="values">'
                + "；".join(f"{escape(k)} = {escape(_value(v))}" for k, v in node.values.items())
                + "</div>"
            )
        if node.role == "exclusion":
            detail.append('<div class="threshold">存在即不得推荐/申报</div>')
        elif node.threshold:
            detail.append(f'<div class="threshold">标准：{escape(node.threshold)}</div>')
        if node.gap:
            detail.append(f'<div class="gap">差距：{escape(node.gap)}</div>')
        if node.note:
            detail.append(f'<div class="note">{escape(node.note)}</div>')
        rows.append(
            f'<tr class="criterion" data-criterion="{escape(node.id)}"><td{pad}>{escape(node.label)}'
            f"<blockquote>“{escape(node.quote)}”</blockquote></td>"
            f'<td class="o-{node.outcome.value}">{escape(node.outcome_label)}</td><td>{escape(where)}</td>'
            f"<td>{''.join(detail)}</td></tr>"
        )
    notes = "".join(f"<li>{escape(n)}</li>" for n in res.notes)
    star = ' <span class="star">★ 建议申报此梯度</span>' if res.recommended else ""
    return f"""<article class="result" id="r-{escape(res.program)}" data-program="{escape(res.program)}">
<h3>{escape(res.title)}</h3>
<p class="muted">{escape(res.notice)} · {escape(res.program)} · 评价日 {res.on.isoformat()} · 上年度 {res.reference_year}</p>
<p>结论：<span class="verdict v-{VERDICT_CLASS[res.verdict.value]}" data-verdict="{res.verdict.value}">{escape(res.verdict.label)}</span>{star}</p>
<table><thead><tr><th>条件（原文）</th><th>结果</th><th>依据</th><th>数值 / 标准 / 差距</th></tr></thead>
<tbody>{"".join(rows)}</tbody></table>
{f"<ul class='notes'>{notes}</ul>" if notes else ""}
"""


def _deadlines(cat: Catalog, pid: str) -> str:
    items = views.deadline_items(cat, pid)
    if not items:
        return ""
    rows = "".join(
        f"<tr><td>{o.start.isoformat() + ' 至 ' if o.start else ''}"
        f"{o.date.isoformat() if o.date else ('尚不能计算' if o.awaits_calendar else '—')}</td>"
        f"<td>{escape(o.title)}{'（' + escape(o.note) + '）' if o.note else ''}</td><td>{escape(o.notice)} {escape(o.clause)}</td></tr>"
        for o in items
    )
    link = f"/api/v1/programs/{escape(pid)}/deadlines?format=ics"
    return f"""<details class="deadlines"><summary>时间节点</summary><table><thead><tr><th>日期</th><th>事项</th><th>依据</th></tr></thead>
<tbody>{rows}</tbody></table><p><a href="{link}" download class="ics">下载日历文件（.ics）</a></p></details>"""


def _fund(cat: Catalog, pid: str, profile: Any, on: dt.date) -> str:
    prog = cat.program(pid)
    if prog.fund is None:
        return ""
    try:
        res = cat.fund(pid, profile, on)
    except SrdiError as exc:
        return f'<p class="error">资金测算：{escape(str(exc))}</p>'
    rows = "".join(
        f"<tr><td>{escape(c.label)}</td><td>{'—' if c.amount is None else _value(c.amount)}</td><td>{escape(c.explanation)}</td><td>{escape(c.clause)}</td></tr>"
        for c in res.components
    )
    total = "—" if res.total is None else _value(res.total)
    payable = "—" if res.payable is None else _value(res.payable)
    notes = "".join(f"<li>{escape(n)}</li>" for n in res.notes)
    return f"""<details class="fund" open><summary>资金测算（万元）</summary>
<table><thead><tr><th>组成</th><th>金额</th><th>计算</th><th>依据</th></tr></thead><tbody>{rows}</tbody></table>
<p>合计 <b class="fund-total">{total}</b> 万元；可拨付 {payable} 万元</p>{f"<ul>{notes}</ul>" if notes else ""}</details>"""


def _problems(exc: SrdiError) -> str:
    items = "".join(f"<li>{escape(str(p))}</li>" for p in exc.problems)
    return f'<section id="results" class="errors"><h2>数据有误，请修改后重试</h2><ul class="problems">{items}</ul></section>'


def page_router(state: ServiceState) -> Router:
    """The page's routes: ``GET /`` (the steps) and ``POST /check`` (the verdicts), always in Chinese."""
    catalogs = state.catalogs

    def resolve(code: str, region: str) -> tuple[str | None, str | None]:
        """The region code to use and a message when the input cannot be used."""
        if code:
            why = credit_code.problem(code)
            if why:
                return None, f"统一社会信用代码 {code}：{why}"
            return credit_code.region_code(code), None
        return (region or None), None

    def build(params: Mapping[str, Any], results_html: str = "", values: Mapping[str, Any] | None = None) -> str:
        code = str(params.get("credit_code") or "").strip().upper()
        region = str(params.get("region") or "").strip()
        on_text = str(params.get("on") or "").strip()
        chosen = [p for p in params.get("program", []) if p]
        all_cat = catalogs.load()
        body = [_step_one(all_cat, region, code, on_text)]
        target, message = resolve(code, region)
        if message:
            body.append(f'<p class="error" id="route-error">{escape(message)}</p>')
        try:
            on = dt.date.fromisoformat(on_text) if on_text else clock.today()
        except ValueError:
            body.append(f'<p class="error">评价日 {escape(on_text)} 不是有效日期（如 2022-03-01）</p>')
            target = None
            on = clock.today()
        if target:
            try:
                cat = catalogs.for_region(target)
                reg = cat.regions.resolve(target)
            except SrdiError as exc:
                body.append(f'<p class="error">{escape(str(exc))}</p>')
            else:
                keep = {"credit_code": code, "region": region, "on": on_text}
                body.append(_step_two(cat, reg.code, reg.name, chosen, on, keep))
                if chosen:
                    try:
                        progs = [cat.program(p) for p in chosen]
                    except SrdiError as exc:
                        body.append(f'<p class="error">{escape(str(exc))}</p>')
                    else:
                        shown = dict(values or {})
                        if code and "enterprise.credit_code" not in shown:
                            shown["enterprise.credit_code"] = code
                        schema = views.profile_schema_json(cat)
                        body.append(_step_three(forms.render_form(asked(cat, progs, on), schema, shown), keep, chosen))
        body.append(results_html)
        body.append(_bureau(all_cat, on_text))
        return _layout("\n".join(body))

    @get("/", media_type=HTML, include_in_schema=False)
    async def index(request: Request[Any, Any, Any]) -> Response[str]:
        """The page: the steps filled in so far from the query."""
        params = {
            k: (request.query_params.getall(k) if k == "program" else request.query_params.get(k))
            for k in request.query_params
        }
        return Response(await state.in_thread(build, params), media_type=HTML)

    @post(
        "/check",
        media_type=HTML,
        include_in_schema=False,
        status_code=200,
        request_max_body_size=state.settings.max_body_bytes,
    )
    async def check(request: Request[Any, Any, Any]) -> Response[str]:
        """The verdicts for the submitted form, below the form itself."""
        form = await request.form()
        submitted = {k: form.getall(k) for k in form}
        params = {
            "credit_code": (submitted.get("_credit_code") or [""])[0],
            "region": (submitted.get("_region") or [""])[0],
            "on": (submitted.get("_on") or [""])[0],
            "program": submitted.get("_program", []),
        }
        inputs = {k: v for k, v in submitted.items() if not k.startswith("_")}

        def answer() -> str:
            chosen = list(params["program"])
            try:
                on = dt.date.fromisoformat(params["on"]) if params["on"] else clock.today()
            except ValueError:
                return build(params)  # the page as GET / shows it for this day: its message, no steps past it
            region = params["region"] or None
            profile_data: dict[str, Any] = {}
            try:
                route_cat = catalogs.for_region(region) if region else catalogs.load()
                schema = views.profile_schema_json(route_cat)
                profile_data = forms.profile_from_form(inputs, schema)
                clashes = forms.clashes(inputs, schema)
                if clashes:  # "无" ticked with options: the form is shown again, the options kept, to choose
                    raise ProfileError(clashes)
                if region and not (profile_data.get("enterprise") or {}).get("credit_code"):
                    profile_data.setdefault("enterprise", {})["region_code"] = route_cat.regions.resolve(region).code
                cat = routing.for_profile_data(profile_data, None, source="表单", loader=catalogs)
                profile = cat.load_profile_data(profile_data, source="表单")
                results = views.check_results(cat, profile, on, chosen or None)
            except SrdiError as exc:
                return build(params, _problems(exc), forms.form_values(profile_data or {}))
            cards = []
            for r in results:
                cards.append(
                    _result(r) + _deadlines(cat, r.program) + _fund(cat, r.program, profile, on) + "</article>"
                )
            summary = "".join(
                f'<li><a href="#r-{escape(r.program)}">{escape(r.title)}</a>：<span class="v-{VERDICT_CLASS[r.verdict.value]}">{escape(r.verdict.label)}</span></li>'
                for r in results
            )
            html = f'<section id="results"><h2>四、评价结果</h2><ul class="summary">{summary}</ul>{"".join(cards)}</section>'
            return build(params, html, forms.form_values(profile_data))

        return Response(await state.in_thread(answer), media_type=HTML)

    return Router("/", route_handlers=[index, check], include_in_schema=False, middleware=[language.in_chinese])
