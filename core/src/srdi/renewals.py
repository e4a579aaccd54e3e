"""Titles over time: when a title a profile holds expires, is reviewed, and can be applied for again.

A notice that confers a title says how long it lasts (``validity_years``, counted
from the grant or to the end of a year), may order periodic reviews while it is
held (``[programs.grants.review]``: "每年复评", "每3年复核一次", "入选满3年的企业进行
复核") and may say when it can be applied for again (``reapply``). Each becomes an
event with the notice and clause that set it, for ``srdi deadlines --profile`` and
the .ics export.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from attrs import frozen

from .deadlines import Occurrence, by_date
from .engine.titles import Title, TitleBook
from .i18n import t as message
from .i18n import tn
from .months import shifted
from .notices.model import NoticeFile, ReviewSpec
from .profile import Profile, Recognition


@frozen
class TitleRules:
    """What the notices say about a title beyond its validity: reviews and re-application, each cited."""

    review: ReviewSpec | None = None
    review_notice: str | None = None
    reapply_clause: str | None = None
    reapply_quote: str | None = None
    reapply_notice: str | None = None


def title_rules(notices: Iterable[NoticeFile]) -> dict[str, TitleRules]:
    """Review and re-application rules by title id; a later notice's rules win over an earlier one's."""
    found: dict[str, tuple[dt.date, TitleRules]] = {}
    for nf in notices:
        issued = nf.spec.notice.issued_on
        entries: list[tuple[str, ReviewSpec | None, str | None, str | None]] = []
        for t in nf.spec.titles:
            entries.append((t.id, t.review, None, None))
        for p in nf.spec.programs:
            g = p.grants
            if g is not None:
                entries.append(
                    (
                        g.title,
                        g.review,
                        (g.reapply_clause or g.clause) if g.reapply else None,
                        (g.reapply_quote or g.quote) if g.reapply else None,
                    )
                )
        for title, review, rc, rq in entries:
            old = found.get(title)
            prev = old[1] if old else TitleRules()
            if old is not None and old[0] > issued:
                continue
            found[title] = (
                issued,
                TitleRules(
                    review or prev.review,
                    nf.label if review else prev.review_notice,
                    rc or prev.reapply_clause,
                    rq or prev.reapply_quote,
                    nf.label if rc else prev.reapply_notice,
                ),
            )
    return {k: v[1] for k, v in found.items()}


def _review_years(review: ReviewSpec, validity: int | None) -> list[int]:
    """Years after the grant at which reviews fall: every ``every_years`` while the title lasts.

    A review as often as the title lasts ("有效期3年…满3年复核") falls when it ends and
    decides whether it continues; more frequent ones ("每年复评") fall while it is held.
    """
    every = review.every_years
    if validity is None:
        return [every]
    out = []
    k = every
    while k <= validity:
        if k < validity or every == validity:
            out.append(k)
        k += every
    return out


def _reviews(r: Recognition, t: Title, rules: TitleRules) -> list[Occurrence]:
    review = rules.review
    if review is None or review.every_years < 1:
        return []
    notice = rules.review_notice or t.notice or ""
    out = []
    for n, years in enumerate(_review_years(review, t.validity_years), start=1):

        def occ(
            day: dt.date, start: dt.date | None = None, note: str | None = None, n: int = n, years: int = years
        ) -> Occurrence:
            return Occurrence(
                day,
                tn("renewals.review_title", years, title=t.label, review=review.label, years=years),
                f"review:{r.title}:{n}",
                t.granted_by or "",
                "review",
                review.clause,
                review.quote,
                notice,
                start=start,
                note=note,
            )

        # a review that would fall after 9999 has no day: it is not listed
        if t.expiry == "year_end":
            y = r.granted_on.year if r.granted_on else r.year
            if y is not None and y + years <= dt.MAXYEAR:  # reviewed in the year, like the title's own end
                out.append(occ(dt.date(y + years, 12, 31), dt.date(y + years, 1, 1)))
        elif r.granted_on is not None:
            if (due_on := shifted(r.granted_on, years)) is not None:
                out.append(occ(due_on))
        elif r.year is not None and r.year + years <= dt.MAXYEAR:
            due = r.year + years
            out.append(occ(dt.date(due, 12, 31), dt.date(due, 1, 1), message("renewals.by_year")))
    return out


def title_events(profile: Profile, titles: TitleBook, rules: dict[str, TitleRules]) -> list[Occurrence]:
    """When each title a profile holds expires, is reviewed, and can be applied for again, with citations.

    A title the profile says was revoked (``revoked_on``) has no review, expiry or re-application after that day.
    """
    out: list[Occurrence] = []
    for r in profile.recognitions or ():
        t = titles.by_id.get(r.title)
        if t is None:
            continue
        found = _title_events(r, t, titles, rules.get(r.title, TitleRules()))
        if r.revoked_on is not None:  # a revoked title is reviewed, expires and is renewed no more
            found = [o for o in found if o.date is not None and o.date <= r.revoked_on]
        out.extend(found)
    return sorted(out, key=by_date)


def _title_events(r: Recognition, t: Title, titles: TitleBook, tr: TitleRules) -> list[Occurrence]:
    """One recognition's reviews, expiry and re-application, as its notices set them."""
    out = _reviews(r, t, tr)
    lo: dt.date | None
    hi: dt.date | None
    if r.valid_until is not None:
        lo = hi = r.valid_until
    else:
        lo, hi = titles.valid_until(r.title, r.year, r.granted_on)
    if hi is None or hi == dt.date.max:  # no end known, or none within the calendar
        return out
    exact = lo == hi
    out.append(
        Occurrence(
            hi,
            message("renewals.expiry_title", title=t.label),
            f"expiry:{r.title}",
            t.granted_by or "",
            "expiry",
            t.clause or "",
            t.quote or "",
            t.notice or "",
            note=None if exact else message("renewals.expiry_between", first=lo, last=hi),
        )
    )
    if t.reapply == "expiry_year":
        out.append(
            Occurrence(
                hi,
                message("renewals.reapply_title", title=t.label),
                f"reapply:{r.title}",
                t.granted_by or "",
                "reapply",
                tr.reapply_clause or t.clause or "",
                tr.reapply_quote or t.quote or "",
                tr.reapply_notice or t.notice or "",
                start=dt.date(hi.year, 1, 1),
            )
        )
    return out
