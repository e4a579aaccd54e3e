"""Holiday arrangements (节假日安排) as data: one small file per year.

Each November or so the State Council publishes the next year's arrangement: the
days off for each public holiday and the weekend days worked in exchange (调休上班).
srdi reads such an arrangement from a TOML file, so that working-day deadlines in a
year the ``chinesecalendar`` package does not cover yet can be counted as soon as
the arrangement is published — from a file core ships, or one the user supplies::

    year = 2027
    document = "国办发明电〔…〕…号"              # the 文号 (or title) that published it
    title = "国务院办公厅关于2027年部分节假日安排的通知"
    issued_on = 2026-11-…

    [[holidays]]
    name = "元旦"
    start = 2027-01-01
    end = 2027-01-03          # or `date = …` for one day

    [[workdays]]              # a weekend day worked in exchange
    name = "春节"
    date = 2027-02-…

A file is checked whole before it is used: every make-up working day falls on a
Saturday or Sunday, no date is listed twice, holidays end after they start, and
every date lies in the arrangement's year (or the last days of December before it,
where a 元旦 holiday may begin).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from attrs import frozen

from .errors import UNKNOWN_KEY, CalendarError, Problem, suggest, syntax_reason
from .i18n import t as message

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

_TOP_KEYS = ("year", "document", "title", "issued_on", "note", "holidays", "workdays")
_HOLIDAY_KEYS = ("name", "start", "end", "date")
_WORKDAY_KEYS = ("name", "date")
#: The weekdays' names in the catalogue, Monday first (as ``date.weekday()`` counts).
_WEEKDAYS = (
    "weekday.monday",
    "weekday.tuesday",
    "weekday.wednesday",
    "weekday.thursday",
    "weekday.friday",
    "weekday.saturday",
    "weekday.sunday",
)


@frozen
class Arrangement:
    """One year's holiday arrangement: the days off, the make-up working days and who published them."""

    year: int
    document: str
    days_off: frozenset[dt.date]
    workdays: frozenset[dt.date]
    title: str | None = None
    issued_on: dt.date | None = None
    source: str | None = None

    @property
    def label(self) -> str:
        """How the arrangement is cited: its title and document number."""
        return f"《{self.title}》（{self.document}）" if self.title else self.document


def _date(value: Any, key: str, problems: list[Problem], file: str) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    problems.append(Problem(message("notice.expected_date", value=repr(value)), file=file, key=key))
    return None


def _unknown(table: dict[str, Any], allowed: tuple[str, ...], base: str, file: str) -> list[Problem]:
    return [
        Problem(
            message(UNKNOWN_KEY, hint=suggest(k, allowed)),
            file=file,
            key=f"{base}{k}" if not base else f"{base}.{k}",
            code=UNKNOWN_KEY,
        )
        for k in table
        if k not in allowed
    ]


def arrangement_from_dict(data: dict[str, Any], source: str = "<data>") -> Arrangement:
    """Build and check an arrangement from parsed TOML; raise :class:`CalendarError` listing every problem."""
    problems: list[Problem] = _unknown(data, _TOP_KEYS, "", source)
    year = data.get("year")
    if isinstance(year, bool) or not isinstance(year, int):
        problems.append(Problem(message("calendar.expected_year", value=repr(year)), file=source, key="year"))
        year = None
    document = data.get("document")
    if not isinstance(document, str) or not document.strip():
        problems.append(Problem(message("calendar.needs_document"), file=source, key="document"))
    title = data.get("title")
    if title is not None and not isinstance(title, str):
        problems.append(Problem(message("calendar.expected_text", value=repr(title)), file=source, key="title"))
    issued = data.get("issued_on")
    issued_on = _date(issued, "issued_on", problems, source) if issued is not None else None

    seen: dict[dt.date, str] = {}

    def claim(day: dt.date, key: str) -> None:
        if day in seen:
            problems.append(Problem(message("calendar.listed_twice", day=day, other=seen[day]), file=source, key=key))
        else:
            seen[day] = key

    def in_year(day: dt.date, key: str) -> None:
        if year is None:
            return
        if day.year == year or (day.year == year - 1 and day.month == 12 and day.day >= 25):
            return
        problems.append(Problem(message("calendar.not_in_year", day=day, year=year), file=source, key=key))

    off: set[dt.date] = set()
    holidays = data.get("holidays", [])
    if not isinstance(holidays, list) or not holidays:
        problems.append(Problem(message("calendar.holidays_tables"), file=source, key="holidays"))
        holidays = []
    for i, h in enumerate(holidays):
        base = f"holidays[{i}]"
        if not isinstance(h, dict):
            problems.append(Problem(message("calendar.expected_table"), file=source, key=base))
            continue
        problems += _unknown(h, _HOLIDAY_KEYS, base, source)
        if not isinstance(h.get("name"), str):
            problems.append(Problem(message("calendar.holiday_name"), file=source, key=f"{base}.name"))
        if "date" in h and ("start" in h or "end" in h):
            problems.append(Problem(message("calendar.date_or_span"), file=source, key=f"{base}.date"))
            continue
        if "date" in h:
            first = last = _date(h["date"], f"{base}.date", problems, source)
        elif "start" in h and "end" in h:
            first = _date(h["start"], f"{base}.start", problems, source)
            last = _date(h["end"], f"{base}.end", problems, source)
        else:
            problems.append(Problem(message("calendar.holiday_needs_date"), file=source, key=base))
            continue
        if first is None or last is None:
            continue
        if last < first:
            why = message("notice.ends_before_start", end=last, start=first)
            problems.append(Problem(why, file=source, key=f"{base}.end"))
            continue
        day = first
        while day <= last:
            in_year(day, base)
            claim(day, base)
            off.add(day)
            day += dt.timedelta(days=1)

    work: set[dt.date] = set()
    makeups = data.get("workdays", [])
    if not isinstance(makeups, list):
        problems.append(Problem(message("calendar.workdays_tables"), file=source, key="workdays"))
        makeups = []
    for i, w in enumerate(makeups):
        base = f"workdays[{i}]"
        if not isinstance(w, dict):
            problems.append(Problem(message("calendar.expected_table"), file=source, key=base))
            continue
        problems += _unknown(w, _WORKDAY_KEYS, base, source)
        if "date" not in w:
            problems.append(Problem(message("calendar.workday_needs_date"), file=source, key=f"{base}.date"))
            continue
        day_ = _date(w["date"], f"{base}.date", problems, source)
        if day_ is None:
            continue
        if day_.weekday() < 5:
            problems.append(
                Problem(
                    message("calendar.workday_on_named_weekday", day=day_, weekday=message(_WEEKDAYS[day_.weekday()])),
                    file=source,
                    key=f"{base}.date",
                )
            )
        in_year(day_, f"{base}.date")
        claim(day_, f"{base}.date")
        work.add(day_)
    if problems:
        raise CalendarError(problems)
    assert isinstance(year, int) and isinstance(document, str)
    return Arrangement(
        year, document.strip(), frozenset(off), frozenset(work), title, issued_on, source if source else None
    )


def load_arrangement(path: str | Path) -> Arrangement:
    """Read and check one arrangement file; raise :class:`CalendarError` naming the file and key of every problem."""
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CalendarError(Problem(message("input.holidays_not_found"), file=str(p))) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CalendarError(Problem(message("input.cannot_read", why=exc), file=str(p))) from None
    except tomllib.TOMLDecodeError as exc:
        raise CalendarError(Problem(message("input.bad_toml", why=syntax_reason(exc)), file=str(p))) from None
    except RecursionError:
        raise CalendarError(Problem(message("notice.too_deep"), file=str(p))) from None
    return arrangement_from_dict(data, str(p))


def arrangement_files(paths: Iterable[str | Path]) -> list[Path]:
    """The ``.toml`` files among ``paths``; a directory stands for every ``.toml`` file in it."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out.extend(sorted(q for q in p.iterdir() if q.suffix == ".toml"))
        else:
            out.append(p)
    return out


def load_arrangements(paths: Iterable[str | Path]) -> list[Arrangement]:
    """Read every file (or every ``.toml`` in a directory); problems of all files are reported together."""
    out: list[Arrangement] = []
    problems: list[Problem] = []
    for path in arrangement_files(paths):
        try:
            out.append(load_arrangement(path))
        except CalendarError as exc:
            problems.extend(exc.problems)
    by_year: dict[int, Arrangement] = {}
    for a in out:
        if a.year in by_year:
            problems.append(
                Problem(
                    message("calendar.second_arrangement", year=a.year, other=by_year[a.year].source),
                    file=a.source,
                    key="year",
                )
            )
        by_year[a.year] = a
    if problems:
        raise CalendarError(problems)
    return out
