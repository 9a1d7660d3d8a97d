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
        if when and as_of and when < as_of:
            found.error(
                ("assessors", index, "date"),
                phrase(
                    "problem.sign_off.order",
                    step="assessed",
                    date=str(when),
                    before="as_of",
                    other=str(as_of),
                ),
                code="sign-off",
            )
    last_assessed = max(assessed, default=as_of)
    for index, reviewer in independent:
        when = parse_date(reviewer.get("date") or "")
        if when is None:
            found.error(
                ("reviewers", index),
                phrase("problem.sign_off.review_undated", name=reviewer["name"]),
                code="sign-off",
            )
        elif last_assessed and when < last_assessed:
            found.error(
                ("reviewers", index, "date"),
                phrase(
                    "problem.sign_off.order",
                    step="reviewed",
                    date=str(when),
                    before="assessed",
                    other=str(last_assessed),
                ),
                code="sign-off",
            )
    reviewed = [d for _, r in independent if (d := parse_date(r.get("date") or ""))]
    published = parse_date(data.get("published") or "")
    if published and reviewed and published < max(reviewed):
        found.error(
            ("published",),
            phrase(
                "problem.sign_off.order",
                step="published",
                date=str(published),
                before="reviewed",
                other=str(max(reviewed)),
            ),
            code="sign-off",
        )
    for index, correction in enumerate(data.get("corrections", [])):
        when = parse_date(correction["date"])
        if when and published and when < published:
            found.error(
                ("corrections", index, "date"),
                phrase(
                    "problem.sign_off.order",
                    step="corrected",
                    date=str(when),
                    before="published",
                    other=str(published),
                ),
                code="sign-off",
            )
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
    if requested and deadline and deadline < requested:
        found.error(
            (*where, "deadline"),
            phrase(
                "problem.sign_off.order",
                step="deadline",
                date=str(deadline),
                before="requested",
                other=str(requested),
            ),
            code="right-of-reply",
        )
    if requested and received and received < requested:
        found.error(
            (*where, "received"),
            phrase(
                "problem.sign_off.order",
                step="received",
                date=str(received),
                before="requested",
                other=str(requested),
            ),
            code="right-of-reply",
        )
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
