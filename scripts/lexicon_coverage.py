"""Which EU Annex I goods entries (groups A, B, C of categories 0-9) the goods lexicon covers.

An entry is *covered* when some item concept of ``lexicon_concepts.csv`` gives it a positive
weight and a description can reach the classifier's listing weight with it: the concept's
weight, plus the best modifier weight (or the weight of a second item concept naming the
entry, as "plasmid" with "ebola virus"), plus the parameter support of its rules
(``lexicon_rules.csv``) when it has thresholds, is at least ``MIN_WEIGHT``.
"Listed alone" means one item term lists the entry with nothing else on the line.

Entries that are pure cross-references (goods defined only as the production or test
equipment of other entries, or by the technologies they incorporate) are listed, with the
reason, in the table "Entries without lexicon concepts" of ``data/goods/README.md``.

    .venv/bin/python scripts/lexicon_coverage.py            # summary and the uncovered entries
    .venv/bin/python scripts/lexicon_coverage.py --all      # one row per entry
    .venv/bin/python scripts/lexicon_coverage.py --check    # exit 1 if an entry is neither
                                                            # covered nor in the skip table
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from interdictor.goods.catalogue import ControlCatalogue
from interdictor.goods.classify import MIN_WEIGHT, PARAMETER_SUPPORT
from interdictor.goods.lexicon import Lexicon

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "src" / "interdictor" / "data" / "goods" / "README.md"
GOODS_GROUPS = ("A", "B", "C")
SKIP_HEADING = "## Entries without lexicon concepts"
_SKIP_ROW = re.compile(r"^\|\s*(\d[ABC]\d{3})\s*\|\s*(.+?)\s*\|\s*$")


@dataclass
class EntryCoverage:
    """How the lexicon reaches one Annex I entry."""

    code: str
    label: str
    concepts: list[str] = field(default_factory=list)  # item concepts with positive weight
    best_item: float = 0.0
    second_item: float = 0.0  # a second item concept on the same line adds its weight
    best_modifier: float = 0.0
    has_thresholds: bool = False
    skipped: str = ""  # the README's reason, when the entry is in the skip table

    @property
    def reachable_weight(self) -> float:
        support = PARAMETER_SUPPORT if self.has_thresholds else 0.0
        return self.best_item + max(self.best_modifier, self.second_item) + support

    @property
    def covered(self) -> bool:
        return bool(self.concepts) and self.reachable_weight >= MIN_WEIGHT - 1e-9

    @property
    def listed_alone(self) -> bool:
        return self.best_item >= MIN_WEIGHT - 1e-9

    @property
    def status(self) -> str:
        if self.covered:
            return "covered" if self.listed_alone else "covered (needs a modifier or parameter)"
        return "skipped" if self.skipped else "UNCOVERED"


def read_skip_table(path: Path = README) -> dict[str, str]:
    """Return {entry: reason} from the README's skip table."""
    skipped: dict[str, str] = {}
    inside = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            inside = line.strip() == SKIP_HEADING
            continue
        match = _SKIP_ROW.match(line) if inside else None
        if match:
            skipped[match[1]] = match[2]
    return skipped


def goods_entries(catalogue: ControlCatalogue) -> list[str]:
    """Top-level entries of groups A-C (equipment, test and production equipment, materials)."""
    return [e.code for e in catalogue.top_level() if e.group in GOODS_GROUPS]


def coverage(
    catalogue: ControlCatalogue | None = None,
    lexicon: Lexicon | None = None,
    skipped: dict[str, str] | None = None,
) -> list[EntryCoverage]:
    """One EntryCoverage per A-C entry, in Annex order."""
    catalogue = catalogue or ControlCatalogue.load_default()
    lexicon = lexicon or Lexicon.load_default()
    skipped = read_skip_table() if skipped is None else skipped
    rows: dict[str, EntryCoverage] = {}
    for code in goods_entries(catalogue):
        entry = catalogue.get(code)
        label = entry.label if entry else ""
        rows[code] = EntryCoverage(code, label, skipped=skipped.get(code, ""))
    for concept in lexicon.concepts.values():
        for code, weight in concept.entries.items():
            row = rows.get(code)
            if row is None or weight <= 0:
                continue
            if concept.role == "item":
                row.concepts.append(concept.canonical)
                row.second_item = max(row.second_item, min(row.best_item, weight))
                row.best_item = max(row.best_item, weight)
            elif concept.role == "modifier":
                row.best_modifier = max(row.best_modifier, weight)
    for rule in lexicon.rules:
        if rule.entry in rows and rule.threshold is not None:
            rows[rule.entry].has_thresholds = True
    return list(rows.values())


def summary(rows: list[EntryCoverage]) -> str:
    covered = [r for r in rows if r.covered]
    alone = [r for r in covered if r.listed_alone]
    skipped = [r for r in rows if not r.covered and r.skipped]
    missing = [r for r in rows if not r.covered and not r.skipped]
    share = len(covered) / len(rows) if rows else 0.0
    lines = [
        f"Annex I goods entries (groups {', '.join(GOODS_GROUPS)}): {len(rows)}",
        f"covered by lexicon concepts: {len(covered)} ({share:.1%}); "
        f"listed by one item term alone: {len(alone)}",
        f"skipped (README table): {len(skipped)}; uncovered: {len(missing)}",
    ]
    for row in skipped:
        lines.append(f"  skipped {row.code}: {row.skipped}")
    for row in missing:
        lines.append(f"  UNCOVERED {row.code}: {row.label[:90]}")
    return "\n".join(lines)


def table(rows: list[EntryCoverage]) -> str:
    out = ["entry | status | best item weight | concepts"]
    for row in rows:
        concepts = ", ".join(row.concepts[:4]) + (" ..." if len(row.concepts) > 4 else "")
        out.append(f"{row.code} | {row.status} | {row.best_item:.2f} | {concepts}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="one row per entry")
    parser.add_argument("--check", action="store_true", help="exit 1 if an entry is uncovered")
    args = parser.parse_args(argv)
    rows = coverage()
    if args.all:
        print(table(rows))
        print()
    print(summary(rows))
    missing = [r for r in rows if not r.covered and not r.skipped]
    return 1 if args.check and missing else 0


if __name__ == "__main__":
    sys.exit(main())
