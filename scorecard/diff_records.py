"""What a diff says besides scores: sources matched by identity, and the changes of an
edition's own record (status, reviewers, right of reply, publication date, corrections)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from scorecard.model import Assessment, Source


def _evidence_key(source: Source) -> str:
    return source.url or source.title


@dataclass(frozen=True)
class RecordChange:
    """A change of what an edition says about itself rather than its answers: its status,
    reviewers, right of reply, publication date or corrections log. `old` and `new` are
    short data-like statements (ids, names, dates), the same in every language; None when
    the field is absent on that side."""

    field: Literal["status", "reviewers", "right_of_reply", "published", "corrections"]
    old: str | None
    new: str | None
    added: tuple[str, ...] = ()  # corrections: the entries added (date: change)


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

    def reviewers(a: Assessment) -> str | None:
        listed = [f"{r.name} ({r.verdict or '-'}, {r.date or '-'})" for r in a.reviewers]
        return "; ".join(listed) or None

    def reply(a: Assessment) -> str | None:
        r = a.right_of_reply
        if r is None:
            return None
        parts = [
            f"requested {r.requested or 'no'}",
            f"deadline {r.deadline or '-'}",
            f"response {r.response or ('received' if r.received else '-')}",
        ]
        if r.received:
            parts.append(f"received {r.received}")
        return ", ".join(parts)

    def corrections(a: Assessment) -> str | None:
        return str(len(a.corrections)) if a.corrections else None

    found: list[RecordChange] = []
    for name, read in (
        ("status", lambda a: a.status),
        ("reviewers", reviewers),
        ("right_of_reply", reply),
        ("published", lambda a: a.published),
    ):
        before, after = read(old), read(new)
        if before != after:
            found.append(RecordChange(name, before, after))  # type: ignore[arg-type]
    if old.corrections != new.corrections:
        added = tuple(
            f"{c.date}: {next(iter(c.change.values()), '')}"
            for c in new.corrections
            if c not in old.corrections
        )
        found.append(RecordChange("corrections", corrections(old), corrections(new), added))
    return tuple(found)
