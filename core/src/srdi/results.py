"""Result records: what a program says about an enterprise, and why, clause by clause."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from attrs import field, frozen

from .engine.outcomes import Outcome, Verdict
from .i18n import t


@frozen
class CriterionResult:
    """One criterion's outcome for one enterprise, with its citation and the figures used."""

    id: str
    label: str
    type: str
    outcome: Outcome
    clause: str
    quote: str
    notice: str
    origin: str
    values: dict[str, Any] = field(factory=dict)
    threshold: str | None = None
    gap: str | None = None
    gap_value: float | None = None
    gap_unit: str | None = None
    note: str | None = None
    depth: int = 0
    role: str = "condition"

    @property
    def outcome_label(self) -> str:
        """The outcome in words; an exclusion that does not hold reads 未触发 (absent)."""
        if self.role == "exclusion" and self.outcome.value in ("met", "not_met"):
            return t(f"outcome.exclusion.{self.outcome.value}")
        return self.outcome.label

    def to_json(self) -> dict[str, Any]:
        """The JSON shape integrators read (``id``, ``outcome``, ``clause``, ``quote`` and more)."""
        return {
            "id": self.id,
            "label": self.label,
            "outcome": self.outcome.value,
            "outcome_label": self.outcome_label,
            "role": self.role,
            "clause": self.clause,
            "quote": self.quote,
            "notice": self.notice,
            "origin": self.origin,
            "values": {k: _jsonable(v) for k, v in self.values.items()},
            "threshold": self.threshold,
            "gap": self.gap,
            "note": self.note,
        }


@frozen
class GroupResult:
    """A rule-tree node's outcome (all-of, any-of, none-of, at-least-N)."""

    id: str
    label: str
    mode: str
    of: tuple[str, ...]
    outcome: Outcome
    clause: str
    quote: str
    n: int | None = None
    depth: int = 0

    def to_json(self) -> dict[str, Any]:
        """JSON for a group node."""
        return {
            "id": self.id,
            "label": self.label,
            "mode": self.mode,
            "n": self.n,
            "of": list(self.of),
            "outcome": self.outcome.value,
            "outcome_label": self.outcome.label,
            "clause": self.clause,
            "quote": self.quote,
        }


@frozen
class ProgramResult:
    """A program's verdict for one enterprise on one date, with every criterion behind it."""

    program: str
    title: str
    region: str
    notice: str
    verdict: Verdict
    on: dt.date
    reference_year: int
    criteria: tuple[CriterionResult, ...]
    groups: tuple[GroupResult, ...]
    enterprise: str | None = None
    notes: tuple[str, ...] = ()
    overridden: tuple[str, ...] = ()
    recommended: bool | None = None
    #: the value each of ``overridden`` was evaluated with
    overrides: Mapping[str, Any] = field(factory=dict)

    def by_outcome(self, outcome: Outcome) -> list[CriterionResult]:
        """The criteria with a given outcome."""
        return [c for c in self.criteria if c.outcome == outcome]

    def decisive(self) -> list[CriterionResult]:
        """The criteria that decide the verdict: those whose outcome carries up to the root.

        A failing criterion inside an any-of group that another child satisfies is not
        decisive; an exclusion that holds is (its none-of group fails). Empty when the
        verdict is eligible.
        """
        groups = {g.id: g for g in self.groups}
        crits = {c.id: c for c in self.criteria}
        flip = {Outcome.met: Outcome.not_met, Outcome.not_met: Outcome.met}
        roots: list[GroupResult | CriterionResult] = [g for g in self.groups if g.depth == 0]
        roots = roots or [c for c in self.criteria if c.depth == 0]
        if not roots or roots[0].outcome == Outcome.met:
            return []
        out: list[CriterionResult] = []

        def visit(node_id: str, target: Outcome) -> None:
            if node_id in crits:
                if crits[node_id].outcome == target and crits[node_id] not in out:
                    out.append(crits[node_id])
                return
            grp = groups[node_id]
            if grp.outcome != target:
                return
            child_target = flip.get(target, target) if grp.mode == "none" else target
            for child in grp.of:
                visit(child, child_target)

        visit(roots[0].id, roots[0].outcome)
        return out

    def criterion(self, cid: str) -> CriterionResult:
        """One criterion's result by id."""
        for c in self.criteria:
            if c.id == cid:
                return c
        raise KeyError(cid)

    def group(self, gid: str) -> GroupResult:
        """One group's result by id."""
        for g in self.groups:
            if g.id == gid:
                return g
        raise KeyError(gid)

    def to_json(self) -> dict[str, Any]:
        """The JSON shape of ``srdi check``: program, verdict and criteria, plus context."""
        return {
            "program": self.program,
            "title": self.title,
            "region": self.region,
            "notice": self.notice,
            "enterprise": self.enterprise,
            "on": self.on.isoformat(),
            "reference_year": self.reference_year,
            "verdict": self.verdict.value,
            "verdict_label": self.verdict.label,
            "recommended": self.recommended,
            "criteria": [c.to_json() for c in self.criteria],
            "groups": [g.to_json() for g in self.groups],
            "decisive": [c.id for c in self.decisive()],
            "notes": list(self.notes),
            "overridden": list(self.overridden),
            "overrides": {k: _jsonable(v) for k, v in self.overrides.items()},
        }


def _jsonable(v: Any) -> Any:
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    if isinstance(v, (list, tuple)):
        return [_jsonable(x) for x in v]
    return v
