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


def to_ics(items: Iterable[Occurrence], name: str = "srdi", stamp: dt.datetime | None = None) -> str:
    """A VCALENDAR with one all-day VEVENT per dated occurrence (windows span start…date)."""
    stamp = stamp or dt.datetime(2000, 1, 1)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//srdi//deadlines//ZH",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_escape(name)}",
    ]
    for occ in items:
        if occ.date is None:
            continue
        start = occ.start or occ.date
        lines += [
            "BEGIN:VEVENT",
            f"UID:{occ.program}-{occ.event}-{occ.date.isoformat()}@srdi",
            f"DTSTAMP:{stamp.strftime('%Y%m%dT%H%M%SZ')}",
            f"DTSTART;VALUE=DATE:{start.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(occ.date + dt.timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{_escape(occ.title)}",
            f"DESCRIPTION:{_escape(f'{occ.notice} {occ.clause}：{occ.quote}')}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(part for line in lines for part in _fold(line)) + "\r\n"
