"""Entity resolution: party mentions across records become entities.

    entities = resolve_mentions(extract_mentions(records))
    link_listed(entities, screen)  # attach listed entities through the screening engine

Two levels, neither of which compares all pairs:

1. ``units``: mentions printing the same normalised name (and country) are grouped, split
   by identifier; trade data repeats the same party thousands of times.
2. ``cluster``: units that share a block (identifier, phone, e-mail, rare name token,
   name prefix or sound) are scored on name, identifier, contacts and country, and
   clustered with union-find guarded against chaining.

Each entity keeps its mentions (record id and role), names, contacts, identifiers and a
confidence (its weakest accepted link).
"""

from interdictor.network.resolve.cluster import (
    cluster_units,
    count_shared_contacts,
    find_candidate_pairs,
    score_pair,
)
from interdictor.network.resolve.entities import (
    Entity,
    ScreenFn,
    ScreenHit,
    index_mentions,
    link_listed,
    resolve_mentions,
)
from interdictor.network.resolve.mentions import (
    LIST_ROLES,
    Mention,
    extract_mentions,
    make_mentions,
    strip_order_prefix,
)
from interdictor.network.resolve.names import (
    compare_names,
    compare_party_names,
    is_bank_name,
    normalize_address,
    normalize_identifier,
    normalize_party_name,
    normalize_phone,
    spell_out_name,
)
from interdictor.network.resolve.units import Unit, build_units

__all__ = [
    "LIST_ROLES",
    "Entity",
    "Mention",
    "ScreenFn",
    "ScreenHit",
    "Unit",
    "build_units",
    "cluster_units",
    "compare_names",
    "compare_party_names",
    "count_shared_contacts",
    "extract_mentions",
    "find_candidate_pairs",
    "index_mentions",
    "is_bank_name",
    "link_listed",
    "make_mentions",
    "normalize_address",
    "normalize_identifier",
    "normalize_party_name",
    "normalize_phone",
    "resolve_mentions",
    "score_pair",
    "spell_out_name",
    "strip_order_prefix",
]
