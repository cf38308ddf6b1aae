"""listed_proximity: a party that is, or deals directly with, a listed party.

Entities link when they appear on one record (trading partners, a company and its
officers, owners and formation agent). Listed entities come from the screening engine
(``Entity.listed``). Each alert gives the hop count and the path.
"""

from __future__ import annotations

from collections import defaultdict, deque

from interdictor.network.alerts import Alert
from interdictor.network.detectors.base import Context

# Roles that do not tie two parties together: carriers and insurers serve everyone.
LOOSE_ROLES = frozenset({"carrier", "insurer", "notify_party", "declarant"})
MAX_PARTIES = 12  # a record naming more parties than this is a list, not a relation


class Neighbours:
    """Who shares a record with whom, looked up on demand (never all pairs at once)."""

    def __init__(self, ctx: Context):
        self.members: dict[str, list[str]] = defaultdict(list)
        self.records_of: dict[str, list[str]] = defaultdict(list)
        for (record_id, role), entity_id in ctx.entity_of.items():
            if role not in LOOSE_ROLES:
                self.members[record_id].append(entity_id)
                self.records_of[entity_id].append(record_id)

    def of(self, entity_id: str) -> dict[str, str]:
        """Neighbour entity id -> the first record (by id) that ties them."""
        found: dict[str, str] = {}
        for record_id in sorted(self.records_of.get(entity_id, [])):
            members = self.members[record_id]
            if len(members) > MAX_PARTIES:
                continue
            for other in members:
                if other != entity_id:
                    found.setdefault(other, record_id)
        return found


def find_paths(neighbours: Neighbours, sources: list[str], hops: int) -> dict[str, list[str]]:
    """Shortest path (entity ids) from the nearest listed entity to each entity within reach."""
    paths: dict[str, list[str]] = {s: [s] for s in sources}
    queue = deque(sources)
    while queue:
        node = queue.popleft()
        if len(paths[node]) > hops:
            continue
        for neighbour in sorted(neighbours.of(node)):
            if neighbour not in paths:
                paths[neighbour] = [*paths[node], neighbour]
                queue.append(neighbour)
    return paths


def detect(ctx: Context) -> list[Alert]:
    """One alert per listed entity met in the data, and one per party within reach of it."""
    listed = {e.id: e for e in ctx.entities if e.listed}
    if not listed:
        return []
    neighbours = Neighbours(ctx)
    paths = find_paths(neighbours, sorted(listed), ctx.settings.proximity_hops)
    alerts = []
    for _, path in sorted(paths.items()):
        source = listed[path[0]]
        hit = source.listed[0]
        score = float(hit["score"])  # type: ignore[arg-type]
        names = [ctx.entity_by_id[e].name for e in path]
        if len(path) == 1:
            reason = (
                f"{source.name} resembles the listed party {hit['listed_name']} "
                f"({hit['listed_id']}, score {score:.2f})"
            )
            records = source.record_ids
        else:
            score *= 0.85 ** (len(path) - 1)
            links = [neighbours.of(a)[b] for a, b in zip(path, path[1:], strict=False)]
            reason = (
                f"{names[-1]} is {len(path) - 1} hop(s) from the listed party "
                f"{hit['listed_name']}: " + " -> ".join(names) + f" (records {', '.join(links)})"
            )
            records = links
        alerts.append(
            ctx.alert(
                "listed_proximity",
                score,
                reason,
                path,
                records,
                hops=len(path) - 1,
                path=names,
                listed_id=hit["listed_id"],
            )
        )
    return alerts
