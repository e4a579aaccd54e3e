# mypy: disable-error-code="empty-body"
"""Hook specifications: what a plugin can contribute to srdi.

Every hook is called once per plugin, when a catalog is built, with no arguments,
and returns an iterable of typed records. srdi merges the records of all loaded
plugins in plugin-name order (never in registration order) and refuses two
records that claim the same name. Modelled on conda's typed hook records and on
pytest's and tox's documented specs.

Notice data (programs, criteria, thresholds, dates, amounts, forms) is never
returned from code: a plugin returns the paths of its notice files and srdi reads,
checks and cites them. Hooks exist for what data cannot say.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from .deadlines import EventKind
    from .engine.conditions import ConditionType
    from .engine.metrics import Metric
    from .forms import FormCheck
    from .funds import ComponentKind
    from .regions import Region
    from .selection import SelectionRule
    from .vocabulary import FieldSpec

hookspec = pluggy.HookspecMarker("srdi")
hookimpl = pluggy.HookimplMarker("srdi")


@hookspec
def srdi_register_regions() -> Iterable[Region]:
    """Regions this plugin serves (programs and routing).

    Called once when a catalog is built. Return :class:`srdi.regions.Region`
    records: the province or city the plugin's notices apply to, and any cities
    or zones below it that routing or per-city quotas need. Two plugins returning
    the same region code is an error naming both.
    """


@hookspec
def srdi_register_notices() -> Iterable[Path]:
    """Notice files this plugin ships (registering its programs).

    Called once when a catalog is built. Return the paths of the plugin's notice
    TOML files; srdi loads each with its shipped text, checks every citation, and
    resolves the programs they define (including ``extends`` of other plugins'
    programs). Return paths, not parsed data: srdi owns reading and checking.
    """


@hookspec
def srdi_register_fields() -> Iterable[FieldSpec]:
    """Profile fields this plugin adds to the enterprise vocabulary.

    Called once when a catalog is built. Return :class:`srdi.vocabulary.FieldSpec`
    records whose keys are namespaced with the plugin (``beijing.industry_direction``);
    profiles then accept them under ``[enterprise.beijing]``. Use
    :func:`srdi.vocabulary.load_fields` to keep them in a TOML file.
    """


@hookspec
def srdi_register_metrics() -> Iterable[Metric]:
    """Derived metrics this plugin computes (e.g. a region's own growth definition).

    Called once when a catalog is built. Return :class:`srdi.engine.metrics.Metric`
    records; a metric's ``compute(columns, year)`` returns one NumPy value per
    enterprise and must keep missing inputs as NaN. Criteria then name the metric
    like any field. Optionally, ``compute_one(facts, year)`` gives the same value for
    one enterprise in plain Python (float, NaN when unknown), which spares checking a
    single enterprise the NumPy detour; without it, ``compute`` runs on a one-row
    frame. A categorical metric may give ``compute_codes(columns, year)``: integer
    codes (-1 when unknown) and the categories they index. Like an evaluator, a metric
    reads the frame only through the columns it is given, row by row.
    """


@hookspec
def srdi_register_condition_types() -> Iterable[ConditionType]:
    """New kinds of eligibility test (eligibility).

    Called once when a catalog is built. Return
    :class:`srdi.engine.conditions.ConditionType` records: a name used as a
    criterion's ``type``, an attrs class for its arguments (unknown keys are
    rejected) and its compilers (the contract is :mod:`srdi.engine.evaluation`):

    - ``build(args, context)``, required, returns a vectorised evaluator: called with
      the columns of a frame and an ``Env``, it returns an ``Evaluated`` holding one
      outcome code per enterprise (met / not_met / unknown / review), ``explain(i)``
      for one row and, optionally, ``gaps(rows)``: the gaps of many rows as whole
      columns (``GapColumns``). Without ``gaps`` a batch asks ``explain(i)`` row by row.
    - ``build_one(args, context)``, optional, returns an evaluator for one enterprise
      in plain Python: ``one(facts, env) -> (outcome code, Explanation)``. Without it
      one enterprise is tested as a one-row frame by the ``build`` evaluator; that frame's
      columns are read as the scalar path reads them (a number by ``to_float``, a date by
      ``to_date``), without pandas. Both must give the same outcome and explanation for
      the same facts.

    A row's outcome depends on that row's facts alone, and the evaluator reads the frame
    only through the ``Columns`` it is given (its typed columns, metrics and ``raw``):
    screening evaluates a criterion once, on the first row, where every column it read
    there holds one value in every row.
    """


@hookspec
def srdi_register_form_checks() -> Iterable[FormCheck]:
    """Cross-checks of filled forms beyond derived metrics (form schema).

    Called once when a catalog is built. Return :class:`srdi.forms.FormCheck`
    records: a name a form field can cite in ``derived`` and a function that,
    given a filled form's values, returns the expected value of that cell.
    """


@hookspec
def srdi_register_event_kinds() -> Iterable[EventKind]:
    """Computed deadline rules beyond the built-in kinds (deadlines).

    Called once when a catalog is built. Return :class:`srdi.deadlines.EventKind`
    records: a ``kind`` name timeline events can use and a function that turns an
    event and a year range into dated occurrences (e.g. a rolling monthly cycle).
    """


@hookspec
def srdi_register_fund_components() -> Iterable[ComponentKind]:
    """Fund calculators beyond the built-in component kinds (fund rules).

    Called once when a catalog is built. Return :class:`srdi.funds.ComponentKind`
    records: a ``kind`` name fund components can use, an attrs class for its
    arguments, and a function computing the amount (in 万元) from a profile and
    its outcome, with the cap that bound it.
    """


@hookspec
def srdi_register_selection_rules() -> Iterable[SelectionRule]:
    """Ranking rules for choosing among eligible candidates within a quota.

    Called once when a catalog is built. Return :class:`srdi.selection.SelectionRule`
    records: a name a program's ``[programs.selection] rule`` can refer to and a
    function ``score(columns, context)`` that scores the eligible candidates (one
    key per candidate, or several keys compared in order; higher ranks first). The
    context carries the program, its selection data and an evaluator for criteria
    written in it. srdi's own rule, ``priority``, ranks by the notice's stated
    priorities and indicators; quotas are enforced by srdi after ranking.
    """
