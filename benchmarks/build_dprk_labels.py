"""Build the labelled cross-list DPRK evaluation set (benchmarks/data/dprk_crosslist/labels.csv).

Every query is a name printed in the EU DPRK regime file or the OFAC SDN list, screened
against the UN consolidated list; its label is the UN reference number it should match, or
empty when no UN match is expected. Mappings are first proposed automatically (name
agreement, birth dates, passport numbers) and then fixed by the hand-reviewed table
`reviewed_mappings.csv`: a proposal without a reviewed row stops the build, so new raw data
cannot slip unreviewed labels in.

    .venv/bin/python benchmarks/build_dprk_labels.py            # write labels.csv
    .venv/bin/python benchmarks/build_dprk_labels.py --review   # write review_sheet.csv
    .venv/bin/python benchmarks/build_dprk_labels.py --check    # fail if labels.csv is stale
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from dprk_sources import (
    HAN,
    HANGUL,
    SourceRecord,
    is_ofac_dprk,
    normalize_name,
    read_eu,
    read_ofac_2021,
    read_ofac_2024,
    read_un,
)
from rapidfuzz import fuzz, process

OUT_DIR = Path(__file__).resolve().parent / "data" / "dprk_crosslist"
REVIEWED = OUT_DIR / "reviewed_mappings.csv"
COLUMNS = [
    "query_id", "query_name", "schema", "country", "birth_date", "identifier", "source",
    "source_record", "expected_ref", "label_basis", "difficulty",
]  # fmt: skip
# OFAC programmes with no UN Security Council counterpart: their entries make negatives.
NON_UN_PROGRAMS = ("CUBA", "SDNTK", "SDNT", "ILLICIT-DRUGS", "TCO", "VENEZUELA", "NICARAGUA")
NEGATIVE_SAMPLE = 400
NEGATIVE_SEED = 1718  # the UN DPRK sanctions committee's resolution number
SIMILAR = 85  # token_sort_ratio at which a negative name counts as similar to a UN name
REVIEW_POINTS = 2  # evidence points from which a proposal needs a reviewed row


@dataclass
class Evidence:
    """Why a source record may be the same party as a UN record."""

    ref: str
    points: int
    reasons: list[str]
    conflict: str = ""


def latin_names(record: SourceRecord) -> list[str]:
    """Return the record's names without Hangul or Han characters, normalised."""
    return [normalize_name(n) for n in record.names if not HANGUL.search(n) and not HAN.search(n)]


def compare_names(left: SourceRecord, right: SourceRecord) -> tuple[int, str]:
    """Score name agreement: 3 exact or unspaced-equal, 2 fuzzy >= 90, 1 fuzzy >= 80."""
    best, why = 0, ""
    for a in latin_names(left):
        for b in latin_names(right):
            if a == b or a.replace(" ", "") == b.replace(" ", ""):
                return 3, f"names equal ({a})"
            ratio = fuzz.token_sort_ratio(a, b)
            points = 2 if ratio >= 90 else 1 if ratio >= 80 else 0
            if points > best:
                best, why = points, f"names similar ({a} ~ {b}, {ratio:.0f})"
    return best, why


def compare_dates(left: SourceRecord, right: SourceRecord) -> tuple[int, str, str]:
    """Score birth-date agreement; report a conflict when full dates all differ."""
    shared = set(left.birth_dates) & set(right.birth_dates)
    if any(len(d) == 10 for d in shared):
        return 2, f"same DOB {sorted(shared)[0]}", ""
    if shared:
        return 1, f"same birth year {sorted(shared)[0]}", ""
    full_l = {d for d in left.birth_dates if len(d) == 10}
    full_r = {d for d in right.birth_dates if len(d) == 10}
    if full_l and full_r:
        return 0, "", f"DOB differs ({sorted(full_l)[0]} vs {sorted(full_r)[0]})"
    return 0, "", ""


def gather_evidence(record: SourceRecord, un: SourceRecord) -> Evidence:
    """Collect name, date and document agreement between a record and a UN record."""
    name_pts, name_why = compare_names(record, un)
    date_pts, date_why, conflict = compare_dates(record, un)
    docs = sorted(set(record.documents) & set(un.documents))
    doc_pts = 3 if docs else 0
    reasons = [r for r in (name_why, date_why) if r]
    if docs:
        reasons.append(f"document {docs[0]} equals UN document")
    return Evidence(un.key, name_pts + date_pts + doc_pts, reasons, conflict)


def propose_mapping(record: SourceRecord, un_dprk: list[SourceRecord]) -> list[Evidence]:
    """Return UN candidates with any evidence, best first."""
    kinds = {"Person"} if record.schema == "Person" else {"LegalEntity"}
    found = [gather_evidence(record, u) for u in un_dprk if u.schema in kinds]
    found = [e for e in found if e.points > 0]
    return sorted(found, key=lambda e: (-e.points, e.ref))


def read_reviewed(path: Path = REVIEWED) -> dict[tuple[str, str], tuple[str, str]]:
    """Load the hand-reviewed table: (source, source_record) -> (un_ref, note)."""
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return {(r["source"], r["source_record"]): (r["un_ref"].strip(), r["note"]) for r in rows}


def family(record: SourceRecord) -> str:
    """The review key's source: OFAC ent_nums are shared by the 2021 and 2024 files."""
    return "ofac" if record.source.startswith("ofac") else "eu"


def decide_label(
    record: SourceRecord,
    un_dprk: list[SourceRecord],
    reviewed: dict[tuple[str, str], tuple[str, str]],
) -> tuple[str, str]:
    """Return (expected_ref, label_basis) for a DPRK-related record."""
    if record.schema in ("Vessel", "Airplane"):
        return "", "negative: vessel/aircraft; the UN consolidated XML carries no vessel records"
    key = (family(record), record.key)
    if key in reviewed:
        ref, note = reviewed[key]
        return ref, ("hand review: " if ref else "negative, hand review: ") + note
    candidates = propose_mapping(record, un_dprk)
    if candidates and candidates[0].points >= REVIEW_POINTS:
        sys.exit(f"unreviewed proposal {key} -> {candidates[0].ref}: add it to {REVIEWED.name}")
    best = ""
    if candidates:
        best = f"; closest {candidates[0].ref} ({'; '.join(candidates[0].reasons)}) read by hand"
    basis = "no UN DPRK entry has an equal name, birth date or document"
    return "", f"negative: {annex_word(record)} {basis}{best}"


def annex_word(record: SourceRecord) -> str:
    """Describe the listing for a negative's label basis."""
    if family(record) == "eu":
        return f"EU annex {record.programs[0]} autonomous listing;"
    return f"OFAC {'/'.join(record.programs)} listing;"


def classify(name: str, ref: str, un_by_ref: dict[str, SourceRecord]) -> str:
    """Name the difficulty of matching `name` to the UN entry `ref`."""
    if HANGUL.search(name):
        return "hangul"
    if HAN.search(name):
        return "han"
    compact = name.replace(".", "").strip()
    if compact.isupper() and compact.isalpha() and 2 <= len(compact) <= 6:
        return "acronym"
    query = normalize_name(name)
    targets = latin_names(un_by_ref[ref])
    if query in targets:
        return "verbatim"
    if sorted(query.split()) in [sorted(t.split()) for t in targets]:
        return "word_order"
    joined = query.replace(" ", "")
    if any(fuzz.ratio(joined, t.replace(" ", "")) >= 85 for t in targets):
        return "romanisation"
    return "alias"


def classify_negative(record: SourceRecord, name: str, un_names: list[str]) -> str:
    """Split negatives into those resembling a UN name and the rest.

    A Hangul or Han name is judged by the Latin names printed on the same record.
    """
    latin = [normalize_name(name)]
    if HANGUL.search(name) or HAN.search(name):
        latin = latin_names(record)
    for text in latin:
        hit = process.extractOne(text, un_names, scorer=fuzz.token_sort_ratio) if text else None
        if hit and hit[1] >= SIMILAR:
            return "negative_similar"
    return "negative"


def make_rows(
    record: SourceRecord,
    ref: str,
    basis: str,
    un_by_ref: dict[str, SourceRecord],
    un_names: list[str],
) -> list[dict[str, str]]:
    """One labelled query per name of the record."""
    identifier = record.documents[0] if record.documents else ""
    rows = []
    for index, name in enumerate(record.names):
        if ref:
            difficulty = classify(name, ref, un_by_ref)
        else:
            difficulty = classify_negative(record, name, un_names)
        rows.append({
            "query_id": f"{record.source}:{record.key}:{index}",
            "query_name": name,
            "schema": record.schema,
            "country": record.countries[0] if record.countries else "",
            "birth_date": record.birth_dates[0] if record.birth_dates else "",
            "identifier": identifier,
            "source": record.source,
            "source_record": record.key,
            "expected_ref": ref,
            "label_basis": basis,
            "difficulty": difficulty,
        })  # fmt: skip
    return rows


def pick_non_un_negatives(ofac: list[SourceRecord], un_norm: set[str]) -> list[SourceRecord]:
    """Sample OFAC entries whose every programme lacks a UN counterpart (fixed seed)."""
    pool = [
        r
        for r in ofac
        if all(p.startswith(NON_UN_PROGRAMS) for p in r.programs)
        and not any(normalize_name(n) in un_norm for n in r.names)
    ]
    sample = random.Random(NEGATIVE_SEED).sample(pool, NEGATIVE_SAMPLE)
    return sorted(sample, key=lambda r: int(r.key))


def drop_repeated(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Keep the first query per (source family record, exact name): 2024 repeats 2021."""
    seen: set[tuple[str, str, str]] = set()
    kept = []
    for row in rows:
        fam = "ofac" if row["source"].startswith("ofac") else row["source"]
        key = (fam, row["source_record"], row["query_name"])
        if key not in seen:
            seen.add(key)
            kept.append(row)
    return kept


def build_labels() -> list[dict[str, str]]:
    """Assemble all labelled queries from the raw files and the reviewed table."""
    un = read_un()
    un_by_ref = {u.key: u for u in un}
    un_dprk = [u for u in un if u.key.startswith("KP")]
    un_names = sorted({n for u in un for n in latin_names(u)})
    reviewed = read_reviewed()
    ofac_2021, ofac_2024 = read_ofac_2021(), read_ofac_2024()
    dprk = [*read_eu(), *[r for r in [*ofac_2021, *ofac_2024] if is_ofac_dprk(r)]]
    rows = []
    for record in dprk:
        ref, basis = decide_label(record, un_dprk, reviewed)
        rows.extend(make_rows(record, ref, basis, un_by_ref, un_names))
    basis = "negative: OFAC programme without a UN counterpart ({}); no name equal to a UN name"
    for record in pick_non_un_negatives(ofac_2024, set(un_names)):
        rows.extend(make_rows(record, "", basis.format("/".join(record.programs)), un_by_ref, []))
    return drop_repeated(rows)


def write_review_sheet(path: Path) -> None:
    """Write every DPRK record with its best UN candidates side by side, for hand review."""
    un = read_un()
    un_by_ref = {u.key: u for u in un}
    un_dprk = [u for u in un if u.key.startswith("KP")]
    seen: set[tuple[str, str]] = set()
    records = [*read_eu(), *[r for r in [*read_ofac_2021(), *read_ofac_2024()] if is_ofac_dprk(r)]]
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["source", "source_record", "proposal", "points", "reasons", "conflict",
                      "names", "dob", "docs", "un_names", "un_dob", "un_docs", "remarks",
                      "un_remarks"])  # fmt: skip
        for record in records:
            if (family(record), record.key) in seen or record.schema in ("Vessel", "Airplane"):
                continue
            seen.add((family(record), record.key))
            for ev in propose_mapping(record, un_dprk)[:2]:
                u = un_by_ref[ev.ref]
                out.writerow([family(record), record.key, ev.ref, ev.points, "; ".join(ev.reasons),
                              ev.conflict, " | ".join(record.names), " ".join(record.birth_dates),
                              " ".join(record.documents), " | ".join(u.names),
                              " ".join(u.birth_dates), " ".join(u.documents),
                              record.remarks[:300], u.remarks[:300]])  # fmt: skip


def write_transliteration_pairs(path: Path) -> None:
    """Write the EU rows' Hangul names beside the Latin names printed on the same row."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["source_record", "schema", "hangul", "latin"])
        for record in read_eu():
            latin = [n for n in record.names if not HANGUL.search(n) and not HAN.search(n)]
            for hangul in [n for n in record.names if HANGUL.search(n)]:
                writer.writerows([record.key, record.schema, hangul, name] for name in latin)


def write_labels(rows: list[dict[str, str]], path: Path) -> None:
    """Write labels.csv and print counts per source and difficulty."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} queries -> {path}")
    print(Counter((r["source"], bool(r["expected_ref"])) for r in rows))
    print(Counter(r["difficulty"] for r in rows))


def check_labels(rows: list[dict[str, str]], path: Path) -> None:
    """Exit non-zero when the committed labels differ from a fresh build."""
    with path.open(encoding="utf-8", newline="") as handle:
        committed = list(csv.DictReader(handle))
    if committed != rows:
        sys.exit(f"{path} is out of date: run benchmarks/build_dprk_labels.py")
    print(f"{path}: {len(rows)} queries, up to date")


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--review", action="store_true", help="write review_sheet.csv instead")
    parser.add_argument("--check", action="store_true", help="fail if labels.csv is stale")
    parser.add_argument("--out", type=Path, default=OUT_DIR / "labels.csv")
    args = parser.parse_args()
    if args.check:
        check_labels(build_labels(), OUT_DIR / "labels.csv")
    elif args.review:
        write_review_sheet(OUT_DIR / "review_sheet.csv")
    else:
        write_labels(build_labels(), args.out)
        write_transliteration_pairs(OUT_DIR / "transliteration_pairs.csv")


if __name__ == "__main__":
    main()
