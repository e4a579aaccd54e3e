"""Recognition titles (认定称号) and prior supports, and whether one is in force on a day.

Programs that confer a title say how long it lasts (``[programs.grants]``, e.g.
"有效期为3年"); notices can also name titles granted elsewhere (``[[titles]]``).
A profile lists what it holds in ``[[recognitions]]``, with the year, the grant
date or an explicit end of validity, and the day a title was revoked (撤销, 取消称号):
a revoked title is not in force from that day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from attrs import frozen

from ..errors import Problem, UnknownNameError, suggest
from ..i18n import t as message
from ..months import shifted

if TYPE_CHECKING:
    import numpy as np

    from ..programs import Program
    from .columns import Columns
    from .facts import Facts


@frozen
class Title:
    """A title or support an enterprise can hold, with its validity rule."""

    id: str
    label: str
    validity_years: int | None = None
    expiry: str = "from_date"
    granted_by: str | None = None
    clause: str | None = None
    quote: str | None = None
    notice: str | None = None
    reapply: str | None = None
    counts_as: tuple[str, ...] = ()


def columns(title: str) -> tuple[str, str, str]:
    """Frame columns holding a title's year, grant date and end of validity."""
    return f"rec.{title}.year", f"rec.{title}.granted_on", f"rec.{title}.valid_until"


def criteria_titles(program: Program, condition: str) -> list[str]:
    """The titles ``program``'s criteria of one condition type name, in the rule's order (each once)."""
    found = (t for c in program.criteria.values() if c.type == condition for t in c.args.get("titles", ()))
    return list(dict.fromkeys(found))


def revoked_column(title: str) -> str:
    """The frame column holding the day a title was revoked (撤销 or 取消 before its term)."""
    return f"rec.{title}.revoked_on"


#: Words after a title's name that make a table header one of the title's dates ("…种子企业撤销日期").
DATE_WORDS = {"granted_on": "认定日期", "valid_until": "有效期至", "revoked_on": "撤销日期"}


def date_header(label: str, part: str) -> str:
    """The header of a title's date in a table or form: its name and the date's words (``…撤销日期``)."""
    return f"{label}{DATE_WORDS[part]}"


class TitleBook:
    """Every title known to a catalog."""

    def __init__(self, titles: Iterable[Title]) -> None:
        self.by_id: dict[str, Title] = {}
        for t in titles:
            old = self.by_id.get(t.id)
            # a program that grants a title knows its validity better than a mere mention
            if old is None or (old.validity_years is None and t.validity_years is not None):
                self.by_id[t.id] = t

    def holders(self, title: str) -> list[str]:
        """``title`` and every title that counts as it (a province's SRDI SME counts as 省级专精特新)."""
        return [title] + [t.id for t in self.by_id.values() if title in t.counts_as]

    def check(self, title: str, arg: str | None = "titles") -> None:
        """Raise when ``title`` is not known, naming ``arg``, the argument that gives it (placed at its line)."""
        if title not in self.by_id:
            why = message("name.unknown_title", name=repr(title), hint=suggest(title, self.by_id))
            raise UnknownNameError(Problem(why, key=arg))

    def label(self, title: str) -> str:
        """The Chinese name of a title."""
        return self.by_id[title].label if title in self.by_id else title

    def valid_until(
        self, title: str, year: int | None, granted_on: dt.date | None
    ) -> tuple[dt.date | None, dt.date | None]:
        """(earliest, latest) possible last day of validity; equal when it is exactly known.

        A day beyond the calendar (after 9999) is :data:`datetime.date.max`: the title is
        in force on every day there is.
        """
        t = self.by_id.get(title)
        if t is None or t.validity_years is None:
            return None, None
        n = t.validity_years
        if t.expiry == "year_end":
            y = granted_on.year if granted_on else year
            if y is None:
                return None, None
            end = _in_calendar(y + n, 12, 31)
            return end, end
        if granted_on is not None:
            after = shifted(granted_on, n)
            end = dt.date.max if after is None else after - dt.timedelta(days=1)
            return end, end
        if year is None:
            return None, None
        return _in_calendar(year + n - 1, 12, 31), _in_calendar(year + n, 12, 30)

    def status_one(
        self,
        facts: Facts,
        title: str,
        day: dt.date,
        ever: bool = False,
        granted_in: Years = (None, None),
        termless: bool = False,
    ) -> float:
        """One enterprise: 1.0 held and in force on ``day`` (itself or a title counting as it), 0.0 not, NaN unknown.

        ``granted_in`` (first year, last year; either open) asks that the title was
        granted within those years ("2019年以来认定的"). ``termless``: a title whose term
        no notice states (a cultivation pool) is held from its grant until its end of
        validity or its removal (``revoked_on``: 撤销, 移出), where otherwise whether it is
        still in force is unknown.
        """
        parts = [
            _within_one(self._status_one(facts, t, day, ever, termless), _grant_year_one(facts, t), granted_in)
            for t in self.holders(title)
        ]
        if any(p == 1.0 for p in parts):
            return 1.0
        return float("nan") if any(p != p for p in parts) else 0.0

    def _status_one(self, facts: Facts, title: str, day: dt.date, ever: bool, termless: bool = False) -> float:
        ycol, gcol, vcol = columns(title)
        rcol = revoked_column(title)
        if not (facts.has(ycol) or facts.has(gcol) or facts.has(vcol) or facts.has(rcol)):
            return 0.0  # nobody lists it: not held (recognitions_declared decides unknown)
        year, granted, until, revoked = facts.num(ycol), facts.date(gcol), facts.date(vcol), facts.date(rcol)
        if year != year and granted is None and until is None and revoked is None:
            return 0.0
        if ever:
            return 1.0
        # not yet granted on that day, or revoked by then
        if (granted is not None and granted > day) or (granted is None and year == year and year > day.year):
            return 0.0
        if revoked is not None and revoked <= day:
            return 0.0
        # an explicit end of validity decides
        if until is not None:
            return 1.0 if until >= day else 0.0
        if termless and self._termless(title):
            return 1.0
        lo, hi = self.valid_until(title, None if year != year else int(year), granted)
        if lo is None or hi is None:
            return float("nan")
        if day <= lo:
            return 1.0
        return 0.0 if day > hi else float("nan")

    def status(
        self,
        cols: Columns,
        title: str,
        day: dt.date,
        ever: bool = False,
        granted_in: Years = (None, None),
        termless: bool = False,
    ) -> np.ndarray:
        """Per row: 1.0 held and in force on ``day`` (itself or a title counting as it), 0.0 not, NaN unknown.

        ``granted_in`` and ``termless`` as for :meth:`status_one`.
        """
        import numpy as np

        parts = np.stack(
            [
                _within(self._status(cols, t, day, ever, termless), _grant_year(cols, t), granted_in)
                for t in self.holders(title)
            ]
        )
        out = np.where((parts == 1.0).any(axis=0), 1.0, np.where(np.isnan(parts).any(axis=0), np.nan, 0.0))
        return out

    def _status(self, cols: Columns, title: str, day: dt.date, ever: bool, termless: bool = False) -> np.ndarray:
        import numpy as np

        from .columns import to_datetime64

        ycol, gcol, vcol = columns(title)
        rcol = revoked_column(title)
        if not (cols.has(ycol) or cols.has(gcol) or cols.has(vcol) or cols.has(rcol)):
            return np.zeros(cols.n)  # nobody lists it: not held (recognitions_declared decides unknown)
        year = cols.num(ycol)
        granted = cols.date(gcol)
        until = cols.date(vcol)
        revoked = cols.date(rcol) if cols.has(rcol) else None  # most tables list no revocation
        dated = ~np.isnat(granted)
        has = ~np.isnan(year) | dated | ~np.isnat(until)
        if revoked is not None:
            has |= ~np.isnat(revoked)
        out = has.astype(np.float64)
        if ever:
            return out
        d = to_datetime64(day)
        # not yet granted on that day, or revoked by then
        out[dated & (granted > d)] = 0.0
        out[~dated & (year > day.year)] = 0.0
        if revoked is not None:
            out[~np.isnat(revoked) & (revoked <= d)] = 0.0
        open_ = has & (out == 1.0)
        # an explicit end of validity decides
        given = open_ & ~np.isnat(until)
        if given.any():
            out[given] = np.where(until[given] >= d, 1.0, 0.0)
        rest = open_ & np.isnat(until)
        t = self.by_id.get(title)
        if t is None or t.validity_years is None:
            out[rest] = 1.0 if termless and t is not None else np.nan  # a known title with no stated term
            return out
        by_date = rest & dated
        if by_date.any():
            end = self._last_day(t, granted[by_date])
            out[by_date] = np.where(d <= end, 1.0, 0.0)
        by_year = rest & ~dated & ~np.isnan(year)
        if by_year.any():
            out[by_year] = self._status_by_year(t, year[by_year], day)
        out[rest & ~dated & np.isnan(year)] = np.nan  # listed as revoked later, with no grant to count from
        return out

    def _termless(self, title: str) -> bool:
        """Whether ``title`` is known and no notice states its term (a cultivation pool)."""
        t = self.by_id.get(title)
        return t is not None and t.validity_years is None

    @staticmethod
    def _last_day(t: Title, granted: np.ndarray) -> np.ndarray:
        """The last day of validity of titles granted on ``granted`` (as :meth:`valid_until` gives it)."""
        import numpy as np

        n = t.validity_years
        assert n is not None
        if t.expiry == "year_end":
            return _dec31(granted.astype("datetime64[Y]").astype(np.int64) + 1970 + n)
        # the day before the n-th anniversary of the grant (29 February → 28 February)
        month = granted.astype("datetime64[M]")
        day_of_month = (granted - month.astype("datetime64[D]")).astype(np.int64)
        target = (month + np.timedelta64(12 * n, "M")).astype("datetime64[D]")
        length = ((month + np.timedelta64(12 * n + 1, "M")).astype("datetime64[D]") - target).astype(np.int64)
        return target + np.minimum(day_of_month, length - 1) - np.timedelta64(1, "D")

    @staticmethod
    def _status_by_year(t: Title, year: np.ndarray, day: dt.date) -> np.ndarray:
        """In force on ``day`` for titles known by their year of grant alone: 1.0, 0.0, or NaN where it depends on the date.

        The bounds of :meth:`valid_until` compared with ``day`` as years, so that no
        date is built per row: valid to 31 December of year + n (``year_end``), or
        some day from 31 December of year + n − 1 to 30 December of year + n.
        """
        import numpy as np

        n = t.validity_years
        assert n is not None
        if t.expiry == "year_end":  # day <= 31 December of year + n
            return (year >= day.year - n).astype(np.float64)
        held = year >= day.year - n + 1  # day <= 31 December of year + n − 1
        dec31 = (day.month, day.day) == (12, 31)
        lapsed = year <= day.year - n - (0 if dec31 else 1)  # day > 30 December of year + n
        out = held.astype(np.float64)
        out[~held & ~lapsed] = np.nan
        return out

    def describe(self, cols: Columns | Facts, title: str, i: int) -> str | None:
        """How a row holds a title (or a title counting as it), for explanations."""
        for t in self.holders(title):
            text = self._describe(cols, t, i)
            if text is not None:
                return text if t == title else message("titles.held_as", title=self.label(t), text=text)
        return None

    def _describe(self, cols: Columns | Facts, title: str, i: int) -> str | None:
        ycol, gcol, vcol = columns(title)
        year, granted, until = cols.value_at(ycol, i), cols.value_at(gcol, i), cols.value_at(vcol, i)
        revoked = cols.value_at(revoked_column(title), i)
        if year is None and granted is None and until is None and revoked is None:
            return None
        parts = []
        if granted is not None:
            parts.append(message("titles.granted_on", date=granted))
        elif year is not None:
            parts.append(message("titles.granted_in", year=int(year)))
        g = granted if isinstance(granted, dt.date) else None
        lo, hi = (
            (until, until) if until is not None else self.valid_until(title, None if year is None else int(year), g)
        )
        if hi == dt.date.max:
            pass  # its end may lie beyond the calendar: no day to name
        elif lo is not None and lo == hi:
            parts.append(message("titles.valid_until", date=lo))
        elif lo is not None:
            parts.append(message("titles.valid_until_between", first=lo, last=hi))
        if revoked is not None:
            parts.append(message("titles.revoked_on", date=revoked))
        return message("titles.parts_sep").join(parts)


#: (first year, last year) a title must have been granted in; None leaves that end open.
Years = tuple[int | None, int | None]


def _grant_year_one(facts: Facts, title: str) -> float:
    """The year a title was granted (its date's year, else the year given), NaN when not given."""
    ycol, gcol, _ = columns(title)
    granted = facts.date(gcol)
    return float(granted.year) if granted is not None else facts.num(ycol)


def _grant_year(cols: Columns, title: str) -> np.ndarray:
    import numpy as np

    ycol, gcol, _ = columns(title)
    year = cols.num(ycol)
    if not cols.has(gcol):
        return year
    granted = cols.date(gcol)
    return np.where(np.isnat(granted), year, granted.astype("datetime64[Y]").astype(np.int64) + 1970.0)


def _within_one(status: float, year: float, years: Years) -> float:
    """A title's status, narrowed to grants within ``years``: held but granted outside is 0, of unknown year NaN."""
    lo, hi = years
    if (lo is None and hi is None) or status == 0.0:
        return status
    if year != year:
        return float("nan")
    return status if (lo is None or year >= lo) and (hi is None or year <= hi) else 0.0


def _within(status: np.ndarray, year: np.ndarray, years: Years) -> np.ndarray:
    import numpy as np

    lo, hi = years
    if lo is None and hi is None:
        return status
    inside = np.ones(len(status), dtype=bool)
    with np.errstate(invalid="ignore"):
        if lo is not None:
            inside &= year >= lo
        if hi is not None:
            inside &= year <= hi
    out = np.where(inside, status, 0.0)
    out[np.isnan(year) & (status != 0.0)] = np.nan
    return out


def _dec31(years: np.ndarray) -> np.ndarray:
    """31 December of each year, as datetime64[D]."""
    import numpy as np

    y = np.asarray(years, dtype=np.int64)
    return ((y - 1969).astype("datetime64[Y]")).astype("datetime64[D]") - np.timedelta64(1, "D")


def _in_calendar(year: int, month: int, day: int) -> dt.date:
    """That day, or :data:`datetime.date.max` where its year is beyond the calendar."""
    return dt.date(year, month, day) if year <= dt.MAXYEAR else dt.date.max
