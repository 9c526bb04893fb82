#!/usr/bin/env bash
# Performance benchmark at the scale of a region (README, « Performances »).
#
#   bash tests/bench/scale.sh [SIZES...]        (default: 100000 300000 1000000)
#
# For each size (ENT accounts, about as many Pronote users), generates with
# the synthetic generator one regional export (one establishment per 1,000
# students, realistic errors) and its Pronote lists, encrypts the export with
# the reference `age` CLI, then runs `rapproche match` and its floor
# (`match --lecture-seule`: the same decryption and reading, no matching)
# RUNS times each (default 3) under /usr/bin/time, and prints the medians.
# Generated files stay in BENCH_DIR (default target/bench) for reruns.
set -euo pipefail

cd "$(dirname "$0")/../.."
RUNS=${RUNS:-3}
BENCH_DIR=${BENCH_DIR:-target/bench}
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(100000 300000 1000000)

for tool in age age-keygen /usr/bin/time; do
    command -v "$tool" >/dev/null || {
        echo "$tool manque : apt-get install -y age time" >&2
        exit 2
    }
done
cargo build --release --locked --quiet --bin rapproche --example synth
BIN=target/release/rapproche
mkdir -p "$BENCH_DIR"
[ -f "$BENCH_DIR/cle.txt" ] || age-keygen -o "$BENCH_DIR/cle.txt" 2>/dev/null
RECIPIENT=$(age-keygen -y "$BENCH_DIR/cle.txt")

# Median of numbers, one per line.
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Runs the command RUNS times; prints « wall cpu rss_mb » medians.
measure() {
    local walls="" cpus="" rsss="" out
    for _ in $(seq "$RUNS"); do
        /usr/bin/time -o "$BENCH_DIR/time.txt" -f '%e %U %S %M' "$@" >/dev/null 2>&1 || true
        out=$(tail -1 "$BENCH_DIR/time.txt")
        read -r wall user sys rss <<<"$out"
        walls+="$wall"$'\n'
        cpus+="$(echo "$user + $sys" | bc)"$'\n'
        rsss+="$((rss / 1024))"$'\n'
    done
    echo "$(printf %s "$walls" | median) $(printf %s "$cpus" | median) $(printf %s "$rsss" | median)"
}

rows=()
for size in "${SIZES[@]}"; do
    dir="$BENCH_DIR/$size"
    # About 2.55 ENT accounts per student (parents, staff); one
    # establishment per 1,000 students.
    students=$((size * 100 / 255))
    if [ ! -f "$dir/export.xml.age" ]; then
        echo "génération de $size comptes ENT dans $dir…" >&2
        target/release/examples/synth --seed 1 --students "$students" \
            --establishments $((students / 1000 > 0 ? students / 1000 : 1)) --out "$dir" >&2
        age -r "$RECIPIENT" -o "$dir/export.xml.age" "$dir/export.xml"
        rm "$dir/export.xml"
    fi
    inputs=(-i "$BENCH_DIR/cle.txt" "$dir/export.xml.age" "$dir"/eleves.csv "$dir"/responsables.csv
        "$dir"/professeurs.csv "$dir"/personnels.csv "$dir"/inspecteurs.csv)
    # « Lecture seule : N comptes ENT et M utilisateurs Pronote lus ; … »
    read -r accounts users < <("$BIN" match --lecture-seule "${inputs[@]}" | awk '{ print $4, $8 }')
    echo "mesure de $size comptes ENT ($RUNS passages)…" >&2
    read -r m_wall m_cpu m_rss < <(measure "$BIN" match -q --force "${inputs[@]}" \
        --output-dir "$dir/import" --state-dir "$dir/etat")
    read -r f_wall f_cpu f_rss < <(measure "$BIN" match -q --lecture-seule "${inputs[@]}")
    rows+=("$(printf '| %s | %s | %.1f s | %.1f s | %s Mo | %.1f s | %.1f s | %s Mo | %.1f | %.1f |' \
        "$accounts" "$users" "$m_wall" "$m_cpu" "$m_rss" "$f_wall" "$f_cpu" "$f_rss" \
        "$(echo "$m_wall / $f_wall" | bc -l)" "$(echo "$m_cpu / $f_cpu" | bc -l)")")
done

echo "| comptes ENT | utilisateurs Pronote | match (médiane) | match CPU | mémoire max | plancher (médiane) | plancher CPU | mémoire plancher | rapport | rapport CPU |"
echo "|---|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
