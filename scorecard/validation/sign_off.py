"""Sign-off of a published edition: who signed, in which order, and the right of reply."""

from __future__ import annotations

import datetime as dt
from typing import Any

from scorecard.errors import phrase
from scorecard.validation.findings import Findings

# Names a skeleton or a template leaves for the analyst to replace (compared case-folded,
# without spaces and punctuation): a published edition must name real people.
PLACEHOLDER_NAMES = frozenset(
    {
        "yourname",
        "name",
        "assessor",
        "reviewer",
        "assessorname",
        "reviewername",
        "firstnamelastname",
        "johndoe",
        "janedoe",
        "todo",
        "tbd",
        "xxx",
        "na",
        "nobody",
        "anonymous",
        "tunombre",
        "sunombre",
    }
)


def parse_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _not_before(
    found: Findings,
    where: tuple[str | int, ...],
    step: tuple[str, dt.date | None],
    earlier: tuple[str, dt.date | None],
    code: str = "sign-off",
) -> None:
    """Reports `step` (a name and its date) if it is dated before the `earlier` step it
    may not precede; nothing when either date is missing."""
    (name, when), (before, other) = step, earlier
    if when and other and when < other:
        found.error(
            where,
            phrase(
                "problem.sign_off.order", step=name, date=str(when), before=before, other=str(other)
            ),
            code=code,
        )


def _person_key(name: str) -> str:
    return "".join(ch for ch in name.casefold() if ch.isalnum())


def check_sign_off(
    data: dict[str, Any], found: Findings, today: dt.date, require_reply: bool
) -> None:
    """What a published edition must show of its sign-off: real names, a reviewer who is not
    the assessor, dates in order (as of <= assessed <= reviewed <= published), a complete right
    of reply where the workspace requires one, and corrections dated after publication."""
    assessors = data.get("assessors", [])
    reviewers = data.get("reviewers", [])
    for group in ("assessors", "reviewers"):
        for index, person in enumerate(data.get(group, [])):
            if _person_key(person["name"]) in PLACEHOLDER_NAMES:
                found.error(
                    (group, index, "name"),
                    phrase("problem.sign_off.placeholder", name=person["name"]),
                    phrase("problem.sign_off.placeholder.hint"),
                    code="sign-off",
                )
    authors = {_person_key(p["name"]) for p in assessors}
    approvals = [(i, r) for i, r in enumerate(reviewers) if r.get("verdict") == "approved"]
    independent = [(i, r) for i, r in approvals if _person_key(r["name"]) not in authors]
    if approvals and not independent:
        index, reviewer = approvals[0]
        found.error(
            ("reviewers", index, "name"),
            phrase("problem.sign_off.self_review", name=reviewer["name"]),
            phrase("problem.sign_off.self_review.hint"),
            code="sign-off",
        )
    # Dates in order: what each step may not precede.
    as_of = parse_date(data["as_of"])
    assessed = [d for p in assessors if (d := parse_date(p.get("date") or ""))]
    for index, person in enumerate(assessors):
        when = parse_date(person.get("date") or "")
        _not_before(found, ("assessors", index, "date"), ("assessed", when), ("as_of", as_of))
    last_assessed = max(assessed, default=as_of)
    for index, reviewer in independent:
        when = parse_date(reviewer.get("date") or "")
        if when is None:
            found.error(
                ("reviewers", index),
                phrase("problem.sign_off.review_undated", name=reviewer["name"]),
                code="sign-off",
            )
        else:
            where = ("reviewers", index, "date")
            _not_before(found, where, ("reviewed", when), ("assessed", last_assessed))
    reviewed = [d for _, r in independent if (d := parse_date(r.get("date") or ""))]
    published = parse_date(data.get("published") or "")
    last_reviewed = max(reviewed, default=None)
    _not_before(found, ("published",), ("published", published), ("reviewed", last_reviewed))
    for index, correction in enumerate(data.get("corrections", [])):
        when = parse_date(correction["date"])
        where = ("corrections", index, "date")
        _not_before(found, where, ("corrected", when), ("published", published))
    _check_reply(data, found, today, require_reply)


def _check_reply(data: dict[str, Any], found: Findings, today: dt.date, required: bool) -> None:
    """A right of reply: requested by a date, with a deadline, and the response (received,
    with its date, or none once the deadline has passed)."""
    reply = data.get("right_of_reply")
    if reply is None or reply.get("requested") is False:
        if required:
            found.error(
                ("right_of_reply",) if reply is not None else ("status",),
                phrase("problem.reply.required"),
                phrase("problem.reply.required.hint"),
                code="right-of-reply",
            )
        return
    requested = parse_date(reply["requested"])
    deadline = parse_date(reply.get("deadline") or "")
    received = parse_date(reply.get("received") or "")
    response = reply.get("response") or ("received" if received else None)
    where = ("right_of_reply",)
    if required and deadline is None:
        found.error(where, phrase("problem.reply.no_deadline"), code="right-of-reply")
    for name, when in (("deadline", deadline), ("received", received)):
        step = (name, when)
        _not_before(found, (*where, name), step, ("requested", requested), "right-of-reply")
    if response == "received" and received is None:
        found.error(
            (*where, "response"), phrase("problem.reply.received_undated"), code="right-of-reply"
        )
    if response is None:
        if deadline is not None and deadline >= today:
            found.error(
                where,
                phrase("problem.reply.pending", deadline=str(deadline)),
                phrase("problem.reply.pending.hint"),
                code="right-of-reply",
            )
        elif required:
            found.error(
                where,
                phrase("problem.reply.no_response"),
                phrase("problem.reply.pending.hint"),
                code="right-of-reply",
            )
    elif response == "none" and deadline is not None and deadline >= today:
        found.error(
            (*where, "response"),
            phrase("problem.reply.pending", deadline=str(deadline)),
            phrase("problem.reply.pending.hint"),
            code="right-of-reply",
        )
