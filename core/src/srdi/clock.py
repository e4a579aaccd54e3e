"""What day it is for the notices: the day in Beijing time, whatever the machine's clock is set to.

Every notice dates its windows in Beijing time (UTC+8; China has kept no daylight
saving time since 1991). A server set to UTC, as most are, would otherwise answer for
the day before until 08:00 in Beijing: on the last day of a window, a firm checking at
07:00 would be told it had already closed the day before, and on its first day that
it had not opened.
"""

from __future__ import annotations

import datetime as dt

#: Beijing time, the time of every notice.
BEIJING = dt.timezone(dt.timedelta(hours=8), "UTC+08:00")


def today(now: dt.datetime | None = None) -> dt.date:
    """The date in Beijing at ``now`` (an aware datetime; default: this moment)."""
    moment = now if now is not None else dt.datetime.now(dt.timezone.utc)
    return moment.astimezone(BEIJING).date()
