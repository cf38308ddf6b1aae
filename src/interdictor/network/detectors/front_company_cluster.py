"""front_company_cluster: companies tied by shared addresses, phones, e-mails, officers
or formation agents, with signs that they exist to hide someone.

Shared details alone are common (serviced offices, group companies), so a cluster fires
only with a second sign: recent incorporation before trading, generic e-mail domains, no
website, a tie to a listed party, or more members than an ordinary group.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from interdictor.network.alerts import Alert
from interdictor.network.detectors.base import Context, days_between
from interdictor.network.records import Record
from interdictor.network.resolve import normalize_address, normalize_phone

GENERIC_DOMAINS = frozenset(
    {
        "gmail.com",
        "yahoo.com",
        "hotmail.com",
        "outlook.com",
        "163.com",
        "126.com",
        "qq.com",
        "mail.ru",
        "yandex.ru",
        "aol.com",
        "protonmail.com",
        "sina.com",
        "yeah.net",
    }
)
MAX_SHARED = 40  # a detail shared by more companies is a registry's or a big agent's
FIRE_AT = 0.6


def list_ties(ctx: Context, reg: Record) -> list[str]:
    """The shareable details of one registration, as typed keys."""
    company = reg.company  # type: ignore[attr-defined]
    ties = []
    if company.address:
        ties.append("address:" + normalize_address(company.address))
    if company.phone and normalize_phone(company.phone):
        ties.append("phone:" + normalize_phone(company.phone))
    if company.email:
        ties.append("email:" + company.email.strip().lower())
    for index, _ in enumerate(reg.officers):  # type: ignore[attr-defined]
        officer = ctx.entity(reg, f"officers.{index}")
        if officer:
            ties.append("officer:" + officer)
    agent = ctx.entity(reg, "formation_agent")
    if agent:
        ties.append("formation agent:" + agent)
    return ties


def group_companies(ctx: Context) -> list[tuple[list[Record], set[str]]]:
    """Registrations joined by shared details: (registrations, the details they share)."""
    regs = [r for r in ctx.by_type.get("company_registration", []) if r.company]  # type: ignore[attr-defined]
    holders: dict[str, list[int]] = defaultdict(list)
    for index, reg in enumerate(regs):
        for tie in set(list_ties(ctx, reg)):
            holders[tie].append(index)
    parent = list(range(len(regs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    shared: dict[int, set[str]] = defaultdict(set)
    for tie, members in holders.items():
        companies = {ctx.entity(regs[m], "company") for m in members}
        if len(companies) < 2 or len(members) > MAX_SHARED:
            continue
        for m in members[1:]:
            parent[find(m)] = find(members[0])
        shared[members[0]].add(tie)
    groups: dict[int, list[int]] = defaultdict(list)
    for index in range(len(regs)):
        groups[find(index)].append(index)
    ties_of: dict[int, set[str]] = defaultdict(set)
    for anchor, ties in shared.items():
        ties_of[find(anchor)] |= ties
    return [([regs[i] for i in g], ties_of[root]) for root, g in groups.items() if len(g) > 1]


def score_cluster(
    ctx: Context, regs: list[Record], ties: set[str], first_trade: dict[str, dt.date]
) -> tuple[float, list[str]]:
    """A score from the signs beyond the shared details, and the signs in words."""
    signs = []
    recent = 0
    for reg in regs:
        entity = ctx.entity(reg, "company")
        incorporated = getattr(reg, "incorporation_date", None)
        gap = days_between(incorporated, first_trade.get(entity or ""))
        if gap is not None and 0 <= gap <= ctx.settings.recent_incorporation_days:
            recent += 1
    if recent:
        signs.append(f"{recent} incorporated less than a year before their first trade")
    generic = sum(_domain(r.company.email) in GENERIC_DOMAINS for r in regs)  # type: ignore[attr-defined]
    if generic:
        signs.append(f"{generic} use a generic e-mail domain")
    bare = sum(not getattr(r, "website", None) for r in regs)
    if bare == len(regs):
        signs.append("none has a website")
    listed = [
        ctx.entity_by_id[e].name
        for r in regs
        for role, _ in r.parties()
        if (e := ctx.entity(r, _role_label(r, role))) and ctx.entity_by_id[e].listed
    ]
    if listed:
        signs.append("tied to the listed " + ", ".join(sorted(set(listed))))
    kinds = {t.split(":", 1)[0] for t in ties}
    score = 0.3 + 0.1 * len(kinds) + 0.15 * bool(recent) + 0.1 * bool(generic)
    score += 0.05 * (bare == len(regs)) + 0.25 * bool(listed) + 0.05 * min(len(regs) - 2, 3)
    return min(score, 0.98), signs


def _role_label(record: Record, role: str) -> str:
    return role if role not in ("officers", "shareholders") else f"{role}.0"


def _domain(email: str | None) -> str:
    return (email or "").rsplit("@", 1)[-1].strip().lower()


def first_trade_dates(ctx: Context) -> dict[str, dt.date]:
    """Entity id -> date of its first deal record."""
    first: dict[str, dt.date] = {}
    for record in ctx.records:
        if record.type in ("company_registration", "vessel_event") or record.date is None:
            continue
        for role, _ in record.parties():
            entity = ctx.entity(record, role)
            if entity and (entity not in first or record.date < first[entity]):
                first[entity] = record.date
    return first


def detect(ctx: Context) -> list[Alert]:
    alerts = []
    first_trade = first_trade_dates(ctx)
    for regs, ties in group_companies(ctx):
        score, signs = score_cluster(ctx, regs, ties, first_trade)
        if score < FIRE_AT or not signs:
            continue
        names = sorted(r.company.name for r in regs)  # type: ignore[attr-defined]
        shared = sorted({t.split(":", 1)[0] for t in ties})
        reason = (
            f"{len(regs)} companies ({', '.join(names)}) share "
            f"{', '.join(shared)}; " + "; ".join(signs)
        )
        entities = [ctx.entity(r, "company") or "" for r in regs]
        alerts.append(
            ctx.alert(
                "front_company_cluster",
                score,
                reason,
                entities,
                [r.id for r in regs],
                shared=shared,
            )
        )
    return alerts
