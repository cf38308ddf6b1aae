#!/usr/bin/env bash
# The main job on the embedded default store: load the bundled lists, screen
# parties (one by one and in batch), classify goods, and analyse a generated
# trade world. Everything runs offline from data shipped in the package.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
OUT="${INTERDICTOR_HOME:?}/demo"
mkdir -p "$OUT"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "Load the bundled lists (UN consolidated 2026-02-27, EU DPRK regulation 2017/1509)"
$BIN/interdictor lists load src/interdictor/data/lists/un_consolidated_2026-02-27.xml.gz
$BIN/interdictor lists load src/interdictor/data/lists/eu_dprk_reg2017-1509_consolidated.csv
$BIN/interdictor lists show

step "Screen: unspaced Hangul, an acronym, a typo, a vessel by IMO number"
$BIN/interdictor screen "김영철" --schema Person
$BIN/interdictor screen "KOMID" --schema Organization
$BIN/interdictor screen "Namchongang Tradng Corporation"
$BIN/interdictor screen --identifier "IMO 8606173" --limit 1 --explain

step "Screen a batch of parties (examples/parties.csv)"
$BIN/interdictor screen --input examples/parties.csv --output "$OUT/screened.jsonl"
head -c 600 "$OUT/screened.jsonl"; echo " ..."

step "Classify goods and check declared HS codes (examples/goods.csv)"
$BIN/interdictor classify "CNC FILAMENT WINDING MACHINE 4-AXIS" --hs 8452.29
$BIN/interdictor classify --input examples/goods.csv --output "$OUT/goods.jsonl"

step "Generate a trade world with planted procurement schemes, then analyse it"
$BIN/interdictor synth --seed 7 --size 10000 --out "$OUT/world"
$BIN/interdictor analyze "$OUT/world" --output "$OUT/analysis"
ls -l "$OUT/analysis"
echo
echo "Report: $OUT/analysis/report.html"
