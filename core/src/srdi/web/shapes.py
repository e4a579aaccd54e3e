"""The JSON shapes the API returns, as typed dicts: the OpenAPI document is generated from them.

They describe what :mod:`srdi.views` builds (the shapes of the CLI's ``--format
json``); a test holds each one to the keys the views actually produce.
"""

from __future__ import annotations

from typing import Any, Literal, TypedDict

Verdict = Literal["eligible", "ineligible", "incomplete", "review"]
Outcome = Literal["met", "not_met", "unknown", "review"]


class _PluginInfo(TypedDict):
    name: str
    version: str | None
    distribution: str | None
    regions: list[str]
    hooks: list[str]
    programs: int
    status: Literal["loaded", "broken"]


class PluginInfo(_PluginInfo, total=False):
    """A plugin (``srdi plugins``): loaded, or set aside as broken with its ``error``."""

    error: str


class InForce(TypedDict):
    """A standing measure's in-force period, with the clause that sets it."""

    start: str
    end: str | None
    applications: str
    clause: str | None
    quote: str | None


class ProgramSummary(TypedDict):
    """A program in a listing (``srdi programs``)."""

    id: str
    region: str
    notice: str
    title: str
    kind: str
    extends: str | None
    series: str | None
    follows: str | None
    in_force: InForce | None
    issued_on: str
    origin: str


class CriterionSpec(TypedDict):
    """A criterion as its notice states it."""

    id: str
    label: str
    type: str
    args: dict[str, Any]
    clause: str
    quote: str
    origin: str
    summary: str | None


class GroupSpec(TypedDict):
    """A node of a program's rule tree."""

    id: str
    label: str
    mode: str
    n: int | None
    of: list[str]
    choice: Any
    origin: str
    summary: str


class DroppedCriterion(TypedDict):
    """An inherited criterion a program drops."""

    id: str
    reason: str | None
    origin: str


class Parameter(TypedDict):
    """A named parameter (a reading of the notice) and where it comes from."""

    name: str
    value: Any
    origin: str
    reason: str | None


class ProgramDetail(TypedDict):
    """A program's criteria, groups and parameters (``srdi show``)."""

    id: str
    title: str
    notice: str
    region: str
    extends: str | None
    reference_year: int | str
    criteria: list[CriterionSpec]
    groups: list[GroupSpec]
    quotas: list[dict[str, Any]]
    benchmarks: list[dict[str, Any]]
    dropped: list[DroppedCriterion]
    parameters: list[Parameter]
    series: str | None
    follows: str | None
    in_force: InForce | None
    cadence: dict[str, Any] | None


class CriterionResult(TypedDict):
    """One criterion's outcome, with its clause, quote, figures, threshold and gap."""

    id: str
    label: str
    outcome: Outcome
    outcome_label: str
    role: str
    clause: str
    quote: str
    notice: str
    origin: str
    values: dict[str, Any]
    threshold: str | None
    gap: str | None
    note: str | None


class GroupResult(TypedDict):
    """A rule-tree node's outcome."""

    id: str
    label: str
    mode: str
    n: int | None
    of: list[str]
    outcome: Outcome
    outcome_label: str
    clause: str
    quote: str


class ProgramResult(TypedDict):
    """A program's verdict for one enterprise (``srdi check``)."""

    program: str
    title: str
    region: str
    notice: str
    enterprise: str | None
    on: str
    reference_year: int
    verdict: Verdict
    verdict_label: str
    recommended: bool | None
    criteria: list[CriterionResult]
    groups: list[GroupResult]
    decisive: list[str]
    notes: list[str]
    overridden: list[str]
    overrides: dict[str, Any]


class LatestRound(TypedDict):
    """A series' latest round and its state on the day."""

    program: str
    title: str
    notice: str
    follows: str | None
    state: str
    windows: list[list[str]]
    closed_on: str | None


class SeriesAnswer(TypedDict):
    """Where a series stands: its latest round, the verdict the firm had in it, the next round expected."""

    series: str
    title: str
    latest_round: LatestRound
    evaluated_on: str
    verdict: Verdict
    verdict_label: str
    result: ProgramResult
    next_round: dict[str, Any] | None


class MeasurePeriod(TypedDict):
    """The in-force dates of a standing measure."""

    start: str
    end: str | None
    clause: str
    quote: str


class StandingAnswer(TypedDict):
    """A standing measure in force on the day, and whether the firm qualifies."""

    program: str
    title: str
    notice: str
    in_force: MeasurePeriod
    verdict: Verdict
    verdict_label: str
    qualifies: bool
    result: ProgramResult


class RegionRef(TypedDict):
    """A region's code and name."""

    code: str
    name: str


class TodayAnswer(TypedDict):
    """``srdi check`` without a program: the open rounds, measures in force, and each series on the day."""

    on: str
    region: RegionRef
    message: str | None
    open: list[ProgramResult]
    in_force: list[StandingAnswer]
    series: list[SeriesAnswer]


class Deadline(TypedDict):
    """A dated event of a program's timeline (``srdi deadlines``)."""

    date: str | None
    title: str
    start: str | None
    time: str | None
    event: str
    program: str
    kind: str
    application: bool
    notice: str
    clause: str
    quote: str
    note: str | None
    #: the year whose holiday arrangement the date waits for, or null
    awaits_calendar: int | None
    #: which occurrence of its event this is (the day its recurrence gives), "" for one that happens once
    recurrence: str


class FundComponent(TypedDict):
    """A component of a program's money (万元)."""

    id: str
    label: str
    kind: str
    amount: float | None
    explanation: str
    applies: str
    applies_label: str
    capped: bool
    stated: bool
    clause: str
    quote: str


class FundPayment(TypedDict):
    """A tranche: amount (万元), when it is paid, and its status."""

    component: str
    tranche: str
    label: str
    amount: float | None
    offset_years: int
    status: str
    status_label: str
    reason: str | None
    clause: str
    quote: str


class FundRule(TypedDict):
    """A clawback or stop-payment rule and whether it applies."""

    id: str
    label: str
    action: str
    action_label: str
    applies: str
    applies_label: str
    clause: str
    quote: str


class Fund(TypedDict):
    """A program's money for one enterprise, or per enterprise (``srdi fund``)."""

    program: str
    unit: str
    basis: str
    total: float | None
    payable: float | None
    recovered: float | None
    cap: float | None
    components: list[FundComponent]
    payments: list[FundPayment]
    rules: list[FundRule]
    splits: list[dict[str, Any]]
    notes: list[str]
    verdict: Verdict | None
    #: the day the enterprise was judged on (ISO date; null without an enterprise)
    on: str | None


class FundSchedule(TypedDict):
    """Disbursement by year for a number of enterprises (``srdi fund --enterprises``)."""

    program: str
    unit: str
    enterprises: int
    schedule: list[dict[str, Any]]


class FormCheck(TypedDict):
    """Whether a filled form is valid, with every problem (``srdi form-check``)."""

    form: str
    valid: bool
    problems: list[str]


class Health(TypedDict):
    """The service is up; which plugin sets have their catalogs built."""

    status: Literal["ok"]
    version: str
    catalogs: list[list[str] | None]


class ProblemItem(TypedDict):
    """One problem, as the CLI prints it (``message``) and in parts."""

    message: str
    text: str
    file: str | None
    key: str | None
    line: int | None
    row: int | None
    #: the catalogue key of the message, where a program may act on the kind of problem (``web.query.unknown``)
    code: str | None


class ProblemDetails(TypedDict):
    """An error (RFC 9457 problem details), with srdi's named-field problems."""

    type: str
    title: str
    status: int
    detail: str
    problems: list[ProblemItem]
