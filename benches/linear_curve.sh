#!/bin/sh
# The "linear in everything" curve: one fact set of N enterprises (N = 1k, 10k, 100k) in each
# output, time and peak memory per run, and the ratios 10k/1k and 100k/10k (10 = linear).
#
#     cargo build --release && sh benches/linear_curve.sh            # or: SIZES="1000 10000" ...
#
# The fact sets are drawn by `policy gen rules/ --seed 2` (JSON Lines, one enterprise a line)
# and merged into one object by benches/one_set.py; they are written to $DIR (default a fresh
# temporary folder, removed at the end: 100k enterprises are ~360 MB as one set and as lines).
# Output goes to `wc -c` (the explained JSON of 100k enterprises is several GB).
set -eu
cd "$(dirname "$0")/.."  # rules/ and target/ are the repository's (give DIR and POLICY absolute)
POLICY=${POLICY:-target/release/policy}
SIZES=${SIZES:-1000 10000 100000}
KEEP=${DIR:+yes}
DIR=${DIR:-$(mktemp -d)}
AS_OF=2025-06-30
[ -x "$POLICY" ] || { echo "build first: cargo build --release (or set POLICY)" >&2; exit 1; }

# One run: prints "seconds cpu_seconds peak_KB output_bytes exit_status" (CPU = user + system: steadier
# than wall time on a shared machine).
measure() {
    /usr/bin/time -f "%e %U %S %M %x" -o "$DIR/time" "$@" 2>/dev/null > "$DIR/out" || true
    tail -1 "$DIR/time" | awk -v b="$(wc -c < "$DIR/out")" '{ print $1, $2 + $3, $4, b, $5 }'
    rm -f "$DIR/out"
}

echo "| output | N | wall (s) | CPU (s) | peak memory (MB) | output (MB) | CPU ratio | memory ratio |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for n in $SIZES; do
    [ -s "$DIR/lines$n.jsonl" ] || "$POLICY" gen rules/ --count "$n" --seed 2 > "$DIR/lines$n.jsonl"
    [ -s "$DIR/set$n.json" ] || python3 benches/one_set.py < "$DIR/lines$n.jsonl" > "$DIR/set$n.json"
done
for output in table json jsonl jsonl-awards-only; do
    previous=""
    for n in $SIZES; do
        case $output in
            table) set -- --facts "$DIR/set$n.json" ;;
            json) set -- --facts "$DIR/set$n.json" --format json ;;
            jsonl) set -- --facts "$DIR/lines$n.jsonl" --threads 1 ;;
            jsonl-awards-only) set -- --facts "$DIR/lines$n.jsonl" --threads 1 --awards-only ;;
        esac
        read -r wall secs kb bytes status <<MEASURED
$(measure "$POLICY" eval rules/ "$@" --as-of $AS_OF)
MEASURED
        ratios="| | |"
        if [ -n "$previous" ]; then
            set -- $previous
            ratios=$(awk -v s="$secs" -v k="$kb" -v ps="$1" -v pk="$2" \
                'BEGIN { printf "| %.1f× | %.1f× |", (ps > 0 ? s / ps : 0), (pk > 0 ? k / pk : 0) }')
        fi
        awk -v o="$output" -v n="$n" -v s="$secs" -v k="$kb" -v b="$bytes" -v r="$ratios" \
            -v w="$wall" -v x="$status" 'BEGIN { printf "| %s | %d | %.2f | %.2f | %.1f | %.1f%s %s\n",
                o, n, w, s, k / 1024, b / 1048576, (x == 0 ? "" : " (failed: exit " x ")"), r }'
        previous="$secs $kb"
    done
done
[ -n "$KEEP" ] || rm -rf "$DIR"
