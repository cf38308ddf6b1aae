"""Repair the third-party parse of EU Annex I (Regulation 2021/821) with reviewed rules.

Reads ``shared/data/control_lists/eu_annex_i_2025-11.json``, applies the rules in
``scripts/annex_i_rules/`` and writes ``src/interdictor/data/goods/eu_annex_i_repaired.json``
deterministically (same input and rules, same bytes). Prints a count per rule.

    .venv/bin/python scripts/repair_annex_i.py [--input RAW.json] [--output OUT.json]

What the parse gets wrong, and what each rule does, is in ``docs/goods-reference.md``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RULES_DIR = Path(__file__).resolve().parent / "annex_i_rules"
DEFAULT_INPUT = ROOT / ".." / "shared" / "data" / "control_lists" / "eu_annex_i_2025-11.json"
DEFAULT_OUTPUT = ROOT / "src" / "interdictor" / "data" / "goods" / "eu_annex_i_repaired.json"
TOP_CODE = re.compile(r"^\d[A-E]\d{3}$")
ITEM_CODE = re.compile(r"^\d[A-E]\d{3}(?:\.[a-z0-9]+)+$")
ITEM_REFERENCE = re.compile(r"\b(\d[A-E]\d{3})\.([a-z])\b")
UNIT_TOKEN = re.compile(r"(?<=\d )([A-Za-zμµ/]+[23](?:/[A-Za-zμµ]+[23]?)?)(?=[\s;,.:)]|$)")


@dataclass
class Rules:
    """The reviewed rules, as loaded from ``annex_i_rules/``."""

    code_fixes: dict[str, dict[str, str]]
    text_fixes: list[dict[str, Any]]
    unit_powers: dict[str, str]
    patterns: dict[str, re.Pattern[str]]
    digest: str


@dataclass
class Piece:
    """A stretch of an entry's text: item text, or a Note (with the item it names)."""

    kind: str  # "main" or "note"
    text: str
    refers_to: str = ""


@dataclass
class Report:
    counts: Counter[str] = field(default_factory=Counter)
    lost_notes: list[str] = field(default_factory=list)


def load_rules(directory: Path = RULES_DIR) -> Rules:
    """Load the rule files; their combined hash goes into the output's provenance."""
    files = sorted(directory.glob("*.json"))
    digest = hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()
    code_fixes = json.loads((directory / "code_fixes.json").read_text(encoding="utf-8"))
    structure = json.loads((directory / "structure.json").read_text(encoding="utf-8"))
    unit_powers = json.loads((directory / "unit_powers.json").read_text(encoding="utf-8"))
    return Rules(
        code_fixes={fix["raw_code"]: fix for fix in code_fixes},
        text_fixes=json.loads((directory / "text_fixes.json").read_text(encoding="utf-8")),
        unit_powers=unit_powers["tokens"],
        patterns={name: re.compile(spec["pattern"]) for name, spec in structure.items()},
        digest=digest,
    )


def fix_text(text: str, rules: Rules, report: Report) -> str:
    """Apply the text fixes (superscripts, typos) and unit powers; count each use."""
    text = " ".join(text.split())
    for fix in rules.text_fixes:
        if fix["literal"]:
            hits = text.count(fix["pattern"])
            text = text.replace(fix["pattern"], fix["replacement"])
        else:
            text, hits = re.subn(fix["pattern"], fix["replacement"], text)
        report.counts[fix["id"]] += hits
    return fix_unit_powers(text, rules, report)


def fix_unit_powers(text: str, rules: Rules, report: Report) -> str:
    """Replace listed unit tokens that follow a number ("5 g/cm3" -> "5 g/cm³")."""

    def replace(match: re.Match[str]) -> str:
        token = match.group(1)
        if token not in rules.unit_powers:
            return token
        report.counts["unit_power"] += 1
        return rules.unit_powers[token]

    return UNIT_TOKEN.sub(replace, text)


def group_entries(raw: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    """Yield each top-level entry with the sub-entries that follow it."""
    group: list[dict[str, Any]] = []
    for entry in raw:
        if entry["depth"] == 0 and group:
            yield group
            group = []
        group.append(entry)
    if group:
        yield group


def fix_code(entry: dict[str, Any], rules: Rules, report: Report) -> tuple[str, str]:
    """Return the sub-entry's (code, label), with a reviewed code fix applied."""
    code, label = entry["code"], " ".join(entry["label"].split())
    fix = rules.code_fixes.get(code)
    if fix:
        report.counts["code_fix"] += 1
        return fix["code"], fix["label_prefix"] + label
    return code, label


def split_header(text: str, rules: Rules) -> tuple[str, str]:
    """Split the trailing Note header off a stretch of text: ("...", "Note 2:")."""
    match = rules.patterns["note_header"].search(text)
    if match is None:
        return text, ""
    header = re.sub(r"\s+:", ":", match.group(1))
    return text[: match.start()].rstrip(), header


def split_note_list(text: str, rules: Rules) -> tuple[str, str]:
    """Split a Note's own list off the text that follows it (see structure.json)."""
    match = rules.patterns["note_list_end"].search(text)
    if match is None:
        return text, ""
    return text[: match.start()], text[match.end() :]


def build_pieces(group: list[dict[str, Any]], rules: Rules, report: Report) -> list[Piece]:
    """Re-attach the split-off Notes to their entry, in text order."""
    pieces = [Piece("main", fix_text(group[0]["full_content"], rules, report))]
    for sub in group[1:]:
        code, label = fix_code(sub, rules, report)
        before, header = (
            split_header(pieces[-1].text, rules)
            if pieces[-1].kind == "main"
            else (
                pieces[-1].text,
                "",
            )
        )
        if pieces[-1].kind == "main":
            pieces[-1].text = before
        if not header:
            report.counts["note_header_missing"] += 1
            header = "Note:"
        label = fix_text(label, rules, report)
        rest = fix_text(sub["full_content"], rules, report)
        continuation = ""
        if label.endswith(":"):
            continuation, rest = split_note_list(rest, rules)
        note = f"{header} {code}. {label} {continuation}".strip()
        pieces.append(Piece("note", note, refers_to=code))
        report.counts["note_reattached"] += 1
        pieces.append(Piece("main", rest))
    return pieces


def extract_inline_notes(pieces: list[Piece], code: str, rules: Rules, report: Report) -> None:
    """Move the Notes left inside item text into Note pieces of their own."""
    result: list[Piece] = []
    for piece in pieces:
        if piece.kind != "main":
            result.append(piece)
            continue
        last = 0
        for match in rules.patterns["inline_note"].finditer(piece.text):
            result.append(Piece("main", piece.text[last : match.start()]))
            result.append(Piece("note", match.group(1).strip(), refers_to=code))
            report.counts["inline_note_moved"] += 1
            last = match.end()
        result.append(Piece("main", piece.text[last:]))
    pieces[:] = result


def trim_tail(pieces: list[Piece], code: str, rules: Rules, report: Report) -> None:
    """Cut run-in headings from the end of an entry, and Note headers left dangling."""
    last = next((p for p in reversed(pieces) if p.text.strip()), pieces[-1])
    last.text, hits = rules.patterns["run_in_heading"].subn("", last.text)
    report.counts["run_in_heading_trimmed"] += hits
    for piece in (p for p in pieces if p.kind == "main"):
        piece.text, dangling = rules.patterns["dangling_header"].subn("", piece.text)
        if dangling:
            report.counts["dangling_note_header_removed"] += 1
            report.lost_notes.append(code)


def split_items(
    code: str, label: str, body: str, rules: Rules, referenced: set[str]
) -> dict[str, str]:
    """Split the item text into first-level items a., b., c. (see structure.json).

    Lettered lists nest without indentation, so two readings are made: one that tracks
    nested lists and one that takes every next letter in sequence. The reading that finds
    more of the item letters the Annex itself cites ("specified in 1C010.c.") wins; on a
    tie, the nested reading. A lettered list inside a Technical Note before the items
    (2B201: "Determination of stated positioning accuracy: a. ...") is skipped.
    """
    markers = [
        (m.start(), m.group(1) or "", int(m.group(2) or 0))
        for m in rules.patterns["item_marker"].finditer(body)
    ]
    nested = read_chain(label, body, markers, track_nesting=True)
    flat = read_chain(label, body, markers, track_nesting=False)
    chain = nested
    if len(referenced & {c[1] for c in flat}) > len(referenced & {c[1] for c in nested}):
        chain = flat
    items: dict[str, str] = {}
    for position, (begin, letter) in enumerate(chain):
        end = chain[position + 1][0] if position + 1 < len(chain) else len(body)
        items[f"{code}.{letter}"] = body[begin:end].strip()
    return items


def read_chain(
    label: str, body: str, markers: list[tuple[int, str, int]], track_nesting: bool
) -> list[tuple[int, str]]:
    """Return the first-level item markers, skipping a Technical Note's list before them."""
    start = 0
    while True:
        chain = follow_items(body, markers[start:], track_nesting)
        if len(chain) < 2:
            return chain
        preamble = body[len(label) : chain[0][0]].rstrip()
        if not ("Technical Note" in preamble and preamble.endswith(":")):
            return chain
        start = next((k for k, m in enumerate(markers) if m[0] > chain[-1][0]), len(markers))


def follow_items(
    body: str, markers: list[tuple[int, str, int]], track_nesting: bool
) -> list[tuple[int, str]]:
    """Return the first-level item markers; optionally track nested lists (letters under
    numbers: a list opening with "a." after a colon stays open until the numbering goes on)."""
    chain: list[tuple[int, str]] = []
    top, number, nested, deep = "a", 1, "", 0
    for start, letter, value in markers:
        after_colon = body[:start].rstrip().endswith(":")
        if value:
            if value == number and not (nested and value == 1):
                number, nested, deep = value + 1, "", 0
            elif nested and value in (1, deep):
                deep = value + 1
        elif track_nesting and nested and letter == nested:
            nested = chr(ord(letter) + 1)
        elif track_nesting and letter == "a" and after_colon and top != "a":
            nested = "b"
        elif letter == top:
            chain.append((start, letter))
            top, number, nested, deep = chr(ord(letter) + 1), 1, "", 0
    return chain


def collect_item_references(entries: list[dict[str, Any]]) -> dict[str, set[str]]:
    """Return, per entry code, the item letters cited anywhere in the Annex ("1C010.c.")."""
    cited: dict[str, set[str]] = {}
    for entry in entries:
        for match in ITEM_REFERENCE.finditer(entry["text"]):
            cited.setdefault(match.group(1), set()).add(match.group(2))
    return cited


def join(parts: list[str]) -> str:
    return " ".join(" ".join(p for p in parts if p.strip()).split())


def repair_group(group: list[dict[str, Any]], rules: Rules, report: Report) -> dict[str, Any]:
    """Return one repaired top-level entry."""
    top = group[0]
    code = top["code"]
    label = fix_text(top["label"], rules, report)
    pieces = build_pieces(group, rules, report)
    extract_inline_notes(pieces, code, rules, report)
    trim_tail(pieces, code, rules, report)
    body = join([label] + [p.text for p in pieces if p.kind == "main"])
    text = join([label] + [p.text for p in pieces])
    if not join([p.text for p in pieces if p.kind == "main"]):
        report.counts["text_from_label_only"] += 1
    notes = [{"refers_to": p.refers_to, "text": p.text} for p in pieces if p.kind == "note"]
    return {
        "code": code,
        "category": int(top["category"]),
        "group": top["subgroup"],
        "label": label,
        "text": text,
        "body": body,
        "notes": notes,
        "raw_codes": [g["code"] for g in group],
    }


def check_entry(entry: dict[str, Any]) -> list[str]:
    """Return the problems left in a repaired entry (the script fails on any)."""
    problems = []
    if not TOP_CODE.match(entry["code"]):
        problems.append(f"{entry['code']}: malformed code")
    if not entry["text"].strip():
        problems.append(f"{entry['code']}: empty text")
    problems += [f"{c}: malformed item code" for c in entry["items"] if not ITEM_CODE.match(c)]
    problems += [
        f"{entry['code']}: malformed note reference {n['refers_to']}"
        for n in entry["notes"]
        if not (TOP_CODE.match(n["refers_to"]) or ITEM_CODE.match(n["refers_to"]))
    ]
    return problems


def repair(raw: dict[str, Any], rules: Rules, raw_digest: str) -> tuple[dict[str, Any], Report]:
    """Return the repaired catalogue document and the report of what was done."""
    report = Report()
    entries = [repair_group(g, rules, report) for g in group_entries(raw["entries"])]
    cited = collect_item_references(entries)
    for entry in entries:
        referenced = cited.get(entry["code"], set())
        entry["items"] = split_items(
            entry["code"], entry["label"], entry["body"], rules, referenced
        )
        entry["raw_codes"] = entry.pop("raw_codes")
    metadata = raw["metadata"]
    document = {
        "version": f"eu-2021/821@{metadata['version']}",
        "source": {
            "file": "eu_annex_i_2025-11.json",
            "sha256": raw_digest,
            "title": metadata["source"],
            "consolidation_date": metadata["consolidation_date"],
            "raw_entries": len(raw["entries"]),
        },
        "rules_sha256": rules.digest,
        "repairs": dict(sorted(report.counts.items())),
        "lost_notes": sorted(set(report.lost_notes)),
        "entries": entries,
    }
    return document, report


def render(document: dict[str, Any]) -> str:
    """Serialise deterministically: fixed key order, two-space indent, one final newline."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", type=Path, default=DEFAULT_INPUT)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--rules", type=Path, default=RULES_DIR)
    args = parser.parse_args(argv)
    data = args.input.read_bytes()
    document, report = repair(
        json.loads(data), load_rules(args.rules), hashlib.sha256(data).hexdigest()
    )
    problems = [p for entry in document["entries"] for p in check_entry(entry)]
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if problems:
        return 1
    args.output.write_text(render(document), encoding="utf-8")
    print(
        f"{len(document['entries'])} entries from {document['source']['raw_entries']} raw entries"
    )
    for rule, count in sorted(report.counts.items()):
        print(f"{rule:34} {count:5}")
    print(f"{'notes lost by the parse (headers only)':34} {len(document['lost_notes']):5}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
