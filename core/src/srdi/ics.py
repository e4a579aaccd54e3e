"""iCalendar (RFC 5545) export of deadlines, with no dependency beyond the standard library."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .deadlines import Occurrence


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """Fold a content line at 75 octets without splitting a UTF-8 character."""
    out: list[str] = []
    current = ""
    for ch in line:
        limit = 75 if not out else 74
        if len((current + ch).encode("utf-8")) > limit:
            out.append(current)
            current = ch
        else:
            current += ch
    out.append(current)
    return [out[0]] + [" " + part for part in out[1:]]


#: Notices date their deadlines in Beijing time; a timed deadline is written in this zone, which has had a single
#: offset, UTC+8, since 1991 (the calendar carries its definition, as RFC 5545 asks of every TZID it uses).
TZID = "Asia/Shanghai"
VTIMEZONE = [
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:STANDARD",
    "DTSTART:19910915T000000",
    "TZOFFSETFROM:+0800",
    "TZOFFSETTO:+0800",
    "TZNAME:CST",
    "END:STANDARD",
    "END:VTIMEZONE",
]


def _at(day: dt.date, time: str) -> str | None:
    """A day and a notice's clock time ("17:00") as a local DATE-TIME; "24:00" is the last minute of the day."""
    hours, _, minutes = time.partition(":")
    if not (hours.isdigit() and minutes.isdigit()):
        return None
    h, m = int(hours), int(minutes)
    if (h, m) == (24, 0):
        h, m = 23, 59
    if not (0 <= h <= 23 and 0 <= m <= 59):
        return None
    return f"{day.strftime('%Y%m%d')}T{h:02d}{m:02d}00"


def _when(occ: Occurrence, date: dt.date) -> list[str]:
    """DTSTART (and DTEND) of an occurrence: all-day dates, or times in Beijing where the notice gives the hour."""
    start = occ.start or date
    end_at = _at(date, occ.time) if occ.time else None
    if end_at is None:
        return [
            f"DTSTART;VALUE=DATE:{start.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(date + dt.timedelta(days=1)).strftime('%Y%m%d')}",
        ]
    if occ.start is None:  # a deadline at an hour ("中午12：00前"): an instant, no duration
        return [f"DTSTART;TZID={TZID}:{end_at}"]
    return [f"DTSTART;TZID={TZID}:{start.strftime('%Y%m%d')}T000000", f"DTEND;TZID={TZID}:{end_at}"]


def uid(occ: Occurrence) -> str:
    """The event's UID: its program, event and recurrence, not its date, so that a corrected date updates it."""
    which = f"-{occ.recurrence}" if occ.recurrence else ""
    return f"{occ.program}-{occ.event}{which}@srdi"


def undated(items: Iterable[Occurrence]) -> list[Occurrence]:
    """The occurrences a calendar cannot hold, having no date yet (see :func:`to_ics`)."""
    return [occ for occ in items if occ.date is None]


def to_ics(items: Iterable[Occurrence], name: str = "srdi", stamp: dt.datetime | None = None) -> str:
    """A VCALENDAR with one VEVENT per dated occurrence (windows span start…date).

    An occurrence the notice gives an hour for ("17：00前") is timed in Beijing time;
    the others are all-day. Its note, where it has one, follows the citation in the
    description. ``stamp`` (DTSTAMP) is when the calendar was made: now, unless given.
    An occurrence with no date yet is not an event: :func:`undated` names them, for
    the caller to say so beside the file.
    """
    stamp = (stamp or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//srdi//deadlines//ZH",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_escape(name)}",
        *VTIMEZONE,
    ]
    for occ in items:
        if occ.date is None:
            continue
        about = f"{occ.notice} {occ.clause}：{occ.quote}" + (f"\n{occ.note}" if occ.note else "")
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid(occ)}",
            f"DTSTAMP:{stamp.strftime('%Y%m%dT%H%M%SZ')}",
            *_when(occ, occ.date),
            f"SUMMARY:{_escape(occ.title)}",
            f"DESCRIPTION:{_escape(about)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(part for line in lines for part in _fold(line)) + "\r\n"
