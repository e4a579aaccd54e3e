"""The shape of a notice file.

A notice file is TOML: one ``[notice]`` table (文号, title, issuer, dates, the shipped
text), then its ``[[programs]]``, shared ``[[timeline]]`` events, ``[[forms]]``,
``[[titles]]`` and ``[[ladders]]``. Every value taken from the notice carries a
``clause`` and a verbatim ``quote``; the loader refuses a file where one is missing.

Criteria keep their type-specific keys (``metric``, ``op``, ``value`` …) beside the
common ones; those are checked against the condition type's own schema when the
program is resolved, because only then are inherited parameters known.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

import attrs
from attrs import field, frozen

#: Keys every criterion may have; anything else belongs to its condition type.
CRITERION_KEYS = ("id", "label", "type", "clause", "quote", "replaces", "into", "note")

GroupMode = Literal["all", "any", "none", "at_least", "one_of"]
ProgramKind = Literal["recognition", "funding", "platform", "project", "measure", "selection"]
Subject = Literal["enterprise", "platform", "product", "project"]


@frozen
class Cited:
    """Mixin fields: where in the notice a value comes from."""

    clause: str
    quote: str


@frozen
class ParamSpec:
    """A named, overridable parameter of a program (a threshold, a reading, a count)."""

    value: Any
    clause: str
    quote: str
    unit: str | None = None
    label: str | None = None
    choices: tuple[Any, ...] | None = None
    reason: str | None = None


@frozen
class CriterionSpec:
    """A leaf of a program's rule tree, as written in the notice file."""

    id: str
    label: str
    type: str
    clause: str
    quote: str
    args: dict[str, Any] = field(factory=dict)
    replaces: str | None = None
    into: str | None = None
    note: str | None = None


@frozen
class GroupSpec:
    """An inner node of a rule tree: all-of, any-of, none-of, at-least-N or exactly one of its children.

    ``one_of`` ("选择一类申报"): the enterprise names the alternative it applies under
    in the ``choice`` fact; the group holds when that alternative holds, and only one
    is chosen. ``options`` maps a child to its value of the fact when they differ
    (by default a child's id is its value).
    """

    id: str
    label: str
    mode: GroupMode
    of: tuple[str, ...]
    clause: str
    quote: str
    n: int | str | None = None
    replaces: str | None = None
    into: str | None = None
    note: str | None = None
    choice: str | None = None
    options: dict[str, str] = field(factory=dict)


@frozen
class DropSpec:
    """An inherited criterion, group or quota an extending program removes, and why."""

    id: str
    clause: str
    quote: str
    reason: str | None = None


@frozen
class OverrideSpec:
    """A new value for an inherited parameter (``name`` or ``criterion.key``)."""

    value: Any
    clause: str
    quote: str
    reason: str | None = None


@frozen
class ReviewSpec:
    """A periodic review of a title while it is held (复核, 复评): "每3年复核一次", "每年复评".

    Reviews fall on the anniversaries of the grant, every ``every_years`` years, up to
    the end of the title's validity ("入选满3年的企业进行复核": ``every_years = 3``).
    """

    every_years: int
    clause: str
    quote: str
    label: str = "复核"
    note: str | None = None


@frozen
class GrantSpec:
    """The title a recognition program confers and how long it stays valid."""

    title: str
    validity_years: int
    clause: str
    quote: str
    label: str | None = None
    """The title's own name (default: the program's title, which may carry a batch or year)."""
    expiry: Literal["from_date", "year_end"] = "from_date"
    counts_as: tuple[str, ...] = ()
    reapply: Literal["expiry_year", "after_expiry"] | None = None
    reapply_clause: str | None = None
    reapply_quote: str | None = None
    review: ReviewSpec | None = None


@frozen
class TitleSpec:
    """A recognition granted elsewhere (e.g. 高新技术企业) that criteria may require."""

    id: str
    label: str
    clause: str
    quote: str
    validity_years: int | None = None
    expiry: Literal["from_date", "year_end"] = "from_date"
    counts_as: tuple[str, ...] = ()
    review: ReviewSpec | None = None


@frozen
class InForceSpec:
    """When a measure or a set of rules is in force (施行期), and whether firms apply to it.

    ``start`` is the first day in force ("自印发之日起施行": the issue date); ``end`` the
    last ("有效期至…"), or None when the notice states none: then it stays in force
    until a later notice ``replaces`` it. ``applications`` says how firms benefit:
    ``"none"`` — a standing measure that applies to every firm that qualifies, with no
    application window; ``"rounds"`` — the rules stay in force, but firms apply in
    rounds that separate notices call (e.g. "每年度…发布…工作通知"). At the top of a
    notice file it covers every program of the notice (or those in ``programs``).
    """

    start: dt.date
    clause: str
    quote: str
    end: dt.date | None = None
    applications: Literal["none", "rounds"] = "none"
    replaces: tuple[str, ...] = ()
    programs: tuple[str, ...] | None = None
    note: str | None = None


@frozen
class CadenceSpec:
    """How often a notice says rounds of a program recur: 每年, 每半年, 每季度, monthly rolling intake.

    ``through`` is the last year the notice announces rounds for ("2024—2026年…分三批次":
    2026). srdi uses it to say when the next round is *expected* — never announced.
    """

    every: Literal["year", "half_year", "quarter", "month"]
    clause: str
    quote: str
    through: int | None = None
    note: str | None = None


@frozen
class SeriesSpec:
    """A recurring program whose rounds are programs of one or several notices (``series = id``)."""

    id: str
    title: str
    note: str | None = None


@frozen
class EventSpec:
    """A dated or computed event on a program's timeline.

    ``kind`` selects how the date is found: ``date`` (one day), ``window`` (start…end),
    ``period`` (a programme's whole life), ``annual`` (month/day every year),
    ``quarterly`` / ``monthly`` (offset after each period ends), ``after`` (offset
    after another event), or a kind a plugin registers.
    """

    id: str
    title: str
    kind: str
    clause: str
    quote: str
    programs: tuple[str, ...] | None = None
    date: dt.date | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    month: int | None = None
    day: int | None = None
    years: tuple[int, ...] | None = None
    after: str | None = None
    offset_days: int | None = None
    offset_workdays: int | None = None
    offset_months: int | None = None
    application: bool = False
    time: str | None = None
    note: str | None = None
    args: dict[str, Any] = field(factory=dict)


@frozen
class TrancheSpec:
    """A part of a fund paid at one stage (``share`` in %, ``"rest"``, or left out when not stated)."""

    id: str
    label: str
    clause: str
    quote: str
    share: float | Literal["rest"] | None = None
    offset_years: int = 0
    requires: tuple[str, ...] = ()


@frozen
class ComponentSpec:
    """One way money is computed: a fixed sum, a rate of a base, a per-item reward …"""

    id: str
    label: str
    kind: str
    clause: str
    quote: str
    args: dict[str, Any] = field(factory=dict)
    when: tuple[dict[str, Any], ...] = ()
    tranches: tuple[TrancheSpec, ...] = ()


@frozen
class FundRuleSpec:
    """A clawback or stop-payment rule, checked against a plan's outcome."""

    id: str
    label: str
    action: Literal["recover_paid", "cancel_remaining", "reduce", "refund"]
    when: tuple[dict[str, Any], ...]
    clause: str
    quote: str
    share: float | None = None


@frozen
class SplitSpec:
    """A bound on the share of a fund used for one purpose (≥95% to firms, ≤5% …)."""

    id: str
    label: str
    op: Literal[">=", "<=", ">", "<", "=="]
    share: float
    clause: str
    quote: str


@frozen
class FundSpec:
    """How much a program pays, when, and on what conditions it is taken back."""

    clause: str
    quote: str
    unit: str = "万元"
    basis: Literal["per_enterprise", "per_project", "per_platform", "transfer_basis"] = "per_enterprise"
    period_years: int | None = None
    cap: float | None = None
    cap_clause: str | None = None
    cap_quote: str | None = None
    components: tuple[ComponentSpec, ...] = ()
    rules: tuple[FundRuleSpec, ...] = ()
    splits: tuple[SplitSpec, ...] = ()
    note: str | None = None


@frozen
class UnusedSpec:
    """Where the places a unit leaves unused go: ``pool`` (the whole quota, "全省调剂") or ``parent`` (the unit above)."""

    to: Literal["pool", "parent"]
    clause: str
    quote: str


@frozen
class OverflowSpec:
    """Where the candidates a quota cuts go, as the notice says ("落选企业，全部纳入…培育库")."""

    label: str
    clause: str
    quote: str


@frozen
class QuotaSpec:
    """A limit on how many candidates may be selected or recommended, and how it is split among units.

    Units are regions (``scope``: ``program``, ``province``, ``city``; ``per`` lists
    regions with their own numbers) or the values of a fact (``by``). ``max`` is each
    unit's limit, or the overall total when ``per``, ``allocation = "supplied"`` or
    ``"proportional"`` split it. ``min`` is a floor each unit should reach; with
    ``allocation = "supplied_min"`` each unit's floor is one the notice sets without
    printing it, and the user supplies. ``exact`` says each unit puts forward exactly
    its number (等额推荐).
    """

    id: str
    label: str
    clause: str
    quote: str
    max: int | None = None
    min: int | None = None
    exact: bool = False
    scope: str = "program"
    where: tuple[dict[str, Any], ...] = ()
    per: dict[str, int] | None = None
    by: str | None = None
    allocation: Literal["stated", "supplied", "supplied_min", "proportional"] = "stated"
    rounding: Literal["largest_remainder", "floor", "round"] = "largest_remainder"
    count: Literal["applicants", "eligible"] = "applicants"
    unused: UnusedSpec | None = None
    overflow: OverflowSpec | None = None
    note: str | None = None


@frozen
class QuotaUnitsSpec:
    """Regions a program's ``scope = "province"`` quotas count as units of their own (计划单列市, 兵团)."""

    separate: tuple[str, ...]
    clause: str
    quote: str


@frozen
class PrioritySpec:
    """A preference a notice states for choosing among eligible candidates (优先, ★ items).

    ``when`` holds criteria in the same form as a rule tree's leaves; candidates for
    whom they all hold rank before those for whom they do not.
    """

    id: str
    label: str
    when: tuple[dict[str, Any], ...]
    clause: str
    quote: str


@frozen
class IndicatorSpec:
    """A quantified indicator a notice ranks by (择优): higher first, or lower with ``order = "asc"``.

    The figure is a ``metric``, or the total of a points table (``points``: the id of
    the program's ``points`` criterion).
    """

    id: str
    label: str
    clause: str
    quote: str
    metric: str | None = None
    points: str | None = None
    order: Literal["desc", "asc"] = "desc"
    year_offset: int = 0


@frozen
class SelectionSpec:
    """How a program chooses among its eligible candidates when a quota binds.

    ``rule`` names a selection rule (``priority`` is srdi's: the stated priorities in
    order, then the indicators in order, then the order of the input); plugins
    register others through ``srdi_register_selection_rules``.
    """

    clause: str
    quote: str
    rule: str = "priority"
    priorities: tuple[PrioritySpec, ...] = ()
    indicators: tuple[IndicatorSpec, ...] = ()
    note: str | None = None


@frozen
class FieldSpecForm:
    """A field of a form: a label, a type, and where it maps into the profile.

    ``profile`` names the vocabulary fact the cell fills: a key (``revenue``), or
    ``key.choice`` for a yes/no cell that ticks one option of a multiple choice
    (``designations.high_tech``). ``yearly`` cells hold one value per year of the
    form's ``years``; a cell that holds one given year (a table column under
    "2021年度经营情况") says so with ``year``. ``choice_profiles`` maps options that
    land elsewhere than ``profile`` (``{"其他" = "management_certs.other"}``).
    ``signed`` allows negative amounts (净利润 of a loss-making year).
    """

    id: str
    label: str
    type: str
    profile: str | None = None
    unit: str | None = None
    yearly: bool = False
    year: int | None = None
    signed: bool = False
    choice_profiles: dict[str, str] = field(factory=dict)
    required: bool = False
    choices: tuple[str, ...] | None = None
    max_chars: int | None = None
    max_items: int | None = None
    derived: str | None = None
    tolerance: float | None = None
    clause: str | None = None
    quote: str | None = None
    note: str | None = None
    #: the note the notice itself prints for this cell (注：…), word for word: it is printed under an official
    #: summary table and checked against the text as a quote is; ``note`` is srdi's, for whoever fills the form
    printed_note: str | None = None
    columns: tuple[FieldSpecForm, ...] = ()


@frozen
class SectionSpec:
    """A titled part of a form."""

    id: str
    title: str
    fields: tuple[FieldSpecForm, ...]
    note: str | None = None


@frozen
class FormSpec:
    """A form a program asks for: its sections, fields, years and limits."""

    id: str
    title: str
    clause: str
    quote: str
    annex: str | None = None
    programs: tuple[str, ...] | None = None
    years: tuple[int, ...] = ()
    layout: Literal["form", "table"] = "form"
    sections: tuple[SectionSpec, ...] = ()
    note: str | None = None


@frozen
class FigureValueSpec:
    """One dated value of a reference figure, and where it comes from.

    A figure the notice itself prints cites it (``clause``, ``quote``); one the notice
    only refers to ("同期全省规上工业企业平均水平") names its ``source`` (the statistical
    bulletin it was taken from).
    """

    year: int
    value: float
    clause: str | None = None
    quote: str | None = None
    source: str | None = None
    note: str | None = None


@frozen
class BenchmarkSpec:
    """A published reference figure criteria compare with: an average, an industry's level, GDP growth.

    ``values`` are the dated figures the plugin ships; a user supplies any other year,
    or a figure that depends on the enterprise (its own industry's average), in the
    profile's ``[benchmarks]`` or with ``--benchmark``.
    """

    id: str
    label: str
    clause: str
    quote: str
    unit: str | None = "%"
    values: tuple[FigureValueSpec, ...] = ()
    note: str | None = None


@frozen
class LadderSpec:
    """Programs ordered from lowest to highest tier, when a notice says to apply at the highest that fits."""

    id: str
    programs: tuple[str, ...]
    clause: str
    quote: str
    rule: Literal["highest"] = "highest"


@frozen
class ProgramSpec:
    """A program as written in a notice file, before layering."""

    id: str
    title: str
    clause: str
    quote: str
    kind: ProgramKind = "recognition"
    subject: Subject = "enterprise"
    abstract: bool = False
    region: str | None = None
    extends: str | None = None
    reference_year: int | Literal["previous"] | None = None
    rule: str | None = None
    summary: str | None = None
    params: dict[str, ParamSpec] = field(factory=dict)
    overrides: dict[str, OverrideSpec] = field(factory=dict)
    criteria: tuple[CriterionSpec, ...] = ()
    groups: tuple[GroupSpec, ...] = ()
    drop: tuple[DropSpec, ...] = ()
    grants: GrantSpec | None = None
    timeline: tuple[EventSpec, ...] = ()
    fund: FundSpec | None = None
    forms: tuple[str, ...] = ()
    quotas: tuple[QuotaSpec, ...] = ()
    quota_units: QuotaUnitsSpec | None = None
    selection: SelectionSpec | None = None
    requires_review: tuple[str, ...] = ()
    note: str | None = None
    series: str | None = None
    follows: str | None = None
    in_force: InForceSpec | None = None
    cadence: CadenceSpec | None = None


@frozen
class NoticeMeta:
    """Who issued a notice, when, under which 文号, and where its text is shipped."""

    id: str
    title: str
    issuer: tuple[str, ...]
    issued_on: dt.date
    text: str
    doc_number: str | None = None
    identified_by: str | None = None
    region: str | None = None
    source: str | None = None
    note: str | None = None
    date_printed: bool = True
    """False when the notice prints no date and ``issued_on`` is inferred (say how in ``note``)."""


@frozen
class NoticeSpec:
    """A whole notice file."""

    notice: NoticeMeta
    programs: tuple[ProgramSpec, ...] = ()
    timeline: tuple[EventSpec, ...] = ()
    forms: tuple[FormSpec, ...] = ()
    titles: tuple[TitleSpec, ...] = ()
    ladders: tuple[LadderSpec, ...] = ()
    benchmarks: tuple[BenchmarkSpec, ...] = ()
    series: tuple[SeriesSpec, ...] = ()
    in_force: InForceSpec | None = None


@frozen
class NoticeFile:
    """A loaded notice: its spec, the file it came from, its text, and its owner plugin."""

    spec: NoticeSpec = field(repr=False)
    path: str
    text: str = field(repr=False)
    plugin: str = ""
    plugin_version: str = ""

    @property
    def label(self) -> str:
        """The 文号 when printed, otherwise the issuer, title and date that identify it."""
        meta = self.spec.notice
        when = meta.issued_on.isoformat() if meta.date_printed else "未注明日期"
        return meta.doc_number or f"{'、'.join(meta.issuer)}《{meta.title}》（{when}）"


def criterion_from_table(table: dict[str, Any]) -> dict[str, Any]:
    """Split a criterion table into the common keys and its type-specific ``args``."""
    common = {k: v for k, v in table.items() if k in CRITERION_KEYS}
    common["args"] = {k: v for k, v in table.items() if k not in CRITERION_KEYS}
    return common


EVENT_KEYS = tuple(a.name for a in attrs.fields(EventSpec) if a.name != "args")
COMPONENT_KEYS = ("id", "label", "kind", "clause", "quote", "when", "tranches")
