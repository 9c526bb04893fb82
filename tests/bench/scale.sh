#!/usr/bin/env bash
# Performance benchmark at the scale of a region (README, « Performances »).
#
#   bash tests/bench/scale.sh [SIZES...]        (default: 100000 300000 1000000)
#
# For each size (ENT accounts, about as many Pronote users), generates with
# the synthetic generator one regional export (one establishment per 1,000
# students, realistic errors) and, as in a real region, each establishment's
# own Pronote lists in a folder named after its UAI (`synth --regional`);
# encrypts the export with the reference `age` CLI, then runs `rapproche
# match` on the export and every list of every establishment (each list's
# establishment inferred) and its floor (`match --lecture-seule`: the same
# decryption and reading, no matching) RUNS times each (default 3) under
# /usr/bin/time, and prints the medians. A run that fails (exit code other
# than 0, or 1 « left to review ») stops the benchmark with its error.
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

# Runs the command RUNS times; prints « wall cpu rss_mb » medians. Exit 1
# (users left to review) is the normal outcome; any other failure stops here.
measure() {
    local walls="" cpus="" rsss="" out rc
    for _ in $(seq "$RUNS"); do
        rc=0
        /usr/bin/time -o "$BENCH_DIR/time.txt" -f '%e %U %S %M' "$@" \
            >/dev/null 2>"$BENCH_DIR/erreurs.txt" || rc=$?
        if [ "$rc" -gt 1 ]; then
            echo "échec (code $rc) de : $*" >&2
            cat "$BENCH_DIR/erreurs.txt" >&2
            return 1
        fi
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
    dir="$BENCH_DIR/regional-$size"
    # About 2.55 ENT accounts per student (parents, staff); one
    # establishment per 1,000 students.
    students=$((size * 100 / 255))
    if [ ! -f "$dir/export.xml.age" ]; then
        echo "génération de $size comptes ENT dans $dir…" >&2
        target/release/examples/synth --seed 1 --students "$students" \
            --establishments $((students / 1000 > 0 ? students / 1000 : 1)) --regional --out "$dir" >&2
        age -r "$RECIPIENT" -o "$dir/export.xml.age" "$dir/export.xml"
        rm "$dir/export.xml"
    fi
    # Every list of every establishment: DIR/<UAI>/eleves.csv, ... Their
    # import files go beside them (DIR/<UAI>/eleves.rapproche.csv).
    lists=("$dir"/*/{eleves,responsables,professeurs,personnels,inspecteurs}.csv)
    inputs=(-i "$BENCH_DIR/cle.txt" "$dir/export.xml.age" "${lists[@]}")
    # An inspectors' list holds two or three users, whom no exact link ties
    # to an establishment: its establishment is named, as the administrator
    # does (`--uai LISTE=UAI`). Every other list's is inferred.
    for list in "$dir"/*/inspecteurs.csv; do
        uai=$(basename "$(dirname "$list")")
        inputs+=(--uai "$list=$uai")
    done
    # « Lecture seule : N comptes ENT et M utilisateurs Pronote lus ; … »
    counts=$("$BIN" match --lecture-seule "${inputs[@]}")
    read -r accounts users <<<"$(awk '{ print $4, $8 }' <<<"$counts")"
    echo "mesure de $size comptes ENT, ${#lists[@]} listes ($RUNS passages)…" >&2
    m=$(measure "$BIN" match -q --force "${inputs[@]}" --state-dir "$dir/etat")
    f=$(measure "$BIN" match -q --lecture-seule "${inputs[@]}")
    read -r m_wall m_cpu m_rss <<<"$m"
    read -r f_wall f_cpu f_rss <<<"$f"
    rows+=("$(printf '| %s | %s | %.1f s | %.1f s | %s Mo | %.1f s | %.1f s | %s Mo | %.1f | %.1f |' \
        "$accounts" "$users" "$m_wall" "$m_cpu" "$m_rss" "$f_wall" "$f_cpu" "$f_rss" \
        "$(echo "$m_wall / $f_wall" | bc -l)" "$(echo "$m_cpu / $f_cpu" | bc -l)")")
done

echo "| comptes ENT | utilisateurs Pronote | match (médiane) | match CPU | mémoire max | plancher (médiane) | plancher CPU | mémoire plancher | rapport | rapport CPU |"
echo "|---|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
