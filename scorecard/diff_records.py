"""What a diff says besides scores: sources matched by identity, and the changes of an
edition's own record (status, reviewers, right of reply, publication date, corrections)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from scorecard.model import Assessment, Correction, Person, RightOfReply, Source


def _evidence_key(source: Source) -> str:
    return source.url or source.title


# What one side of a record says: a status id or a date (str), the number of corrections
# (int), the reviewers (Person records) or the right of reply (its record). Data, not words:
# the output layer says them in the reader's language.
RecordValue = str | int | tuple[Person, ...] | RightOfReply


@dataclass(frozen=True)
class RecordChange:
    """A change of what an edition says about itself rather than its answers: its status,
    reviewers, right of reply, publication date or corrections log; `old` and `new` are None
    when the field is absent on that side."""

    field: Literal["status", "reviewers", "right_of_reply", "published", "corrections"]
    old: RecordValue | None
    new: RecordValue | None
    added: tuple[Correction, ...] = ()  # corrections: the entries added


def match_evidence(
    old: tuple[Source, ...], new: tuple[Source, ...]
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(added, removed, updated) sources, matched by identity: the same source on both sides
    when all is equal, else when the title or the URL is the same (then "updated")."""
    left = list(old)
    added: list[str] = []
    updated: list[str] = []
    for source in new:
        if source in left:
            left.remove(source)
            continue
        same = next((o for o in left if o.title == source.title), None) or next(
            (o for o in left if source.url is not None and o.url == source.url), None
        )
        if same is not None:
            left.remove(same)
            updated.append(source.title)
        else:
            added.append(_evidence_key(source))
    removed = [_evidence_key(s) for s in left]
    return (
        tuple(dict.fromkeys(added)),
        tuple(dict.fromkeys(removed)),
        tuple(dict.fromkeys(updated)),
    )


def record_changes(old: Assessment | None, new: Assessment | None) -> tuple[RecordChange, ...]:
    """What changed in an edition's own record between two sides (both present)."""
    if old is None or new is None:
        return ()

    def reviewers(a: Assessment) -> tuple[Person, ...] | None:
        return a.reviewers or None

    def corrections(a: Assessment) -> int | None:
        return len(a.corrections) or None

    found: list[RecordChange] = []
    for name, read in (
        ("status", lambda a: a.status),
        ("reviewers", reviewers),
        ("right_of_reply", lambda a: a.right_of_reply),
        ("published", lambda a: a.published),
    ):
        before, after = read(old), read(new)
        if before != after:
            found.append(RecordChange(name, before, after))  # type: ignore[arg-type]
    if old.corrections != new.corrections:
        added = tuple(c for c in new.corrections if c not in old.corrections)
        found.append(RecordChange("corrections", corrections(old), corrections(new), added))
    return tuple(found)
