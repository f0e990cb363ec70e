#!/usr/bin/env bash
# policy-lang beside OpenFisca on one variable (20% of R&D cost, at most 400万) for N
# enterprises (default 1,000,000), end to end: both read the same CSV file and write every
# result. Then checks both against an exact Decimal computation, to the fen.
#
#   benches/openfisca/run.sh [N]
#
# Creates its own venv (target/openfisca-venv, `pip install openfisca-core`) and builds the
# release binary; the population and the results go to target/openfisca/.
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-1000000}
here=benches/openfisca
dir=target/openfisca
venv=target/openfisca-venv
mkdir -p "$dir"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import openfisca_core" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q openfisca-core
fi
cargo build -q --release --bin policy
policy=target/release/policy
"$venv/bin/python" "$here/population.py" "$n" "$dir/population.csv"
echo "$n enterprises, $(nproc) cores, openfisca-core $("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("openfisca-core"))')"

# One timed run: the wall time and peak memory, and what the command says of itself.
timed() {
  local label=$1
  shift
  /usr/bin/time -f "$label: %e s wall, %U s user + %S s system, %M KB peak" -o "$dir/time.txt" "$@" > /dev/null 2> "$dir/stderr.txt"
  cat "$dir/time.txt"
  grep -v "^evaluated" "$dir/stderr.txt" || true
}
for threads in 1 2; do
  timed "policy-lang, $threads thread(s)" "$policy" eval "$here/rd_subsidy.policy" \
    --facts "$dir/population.csv" --awards-only --as-of 2025-06-30 --threads "$threads"
done
timed "openfisca (Python start and imports included)" \
  "$venv/bin/python" "$here/openfisca_run.py" "$dir/population.csv" "$dir/openfisca.csv"

"$policy" eval "$here/rd_subsidy.policy" --facts "$dir/population.csv" --awards-only --as-of 2025-06-30 2>/dev/null \
  | "$venv/bin/python" "$here/check.py" "$dir/population.csv" "$dir/openfisca.csv"
