"""Exactness: every enterprise's subsidy computed with Python's Decimal (20% of the cost, at
most 4,000,000, rounded to the fen half away from zero) against policy-lang's JSON Lines
(standard input) and OpenFisca's amounts (one a line, in the population's order) rounded to
the fen."""

import json
import sys
from decimal import ROUND_HALF_UP, Decimal

FEN = Decimal("0.01")


def exact(cost):
    return min(Decimal(cost) * Decimal("0.2"), Decimal(4_000_000)).quantize(FEN, rounding=ROUND_HALF_UP)


population, openfisca = sys.argv[1], sys.argv[2]
with open(population) as f:
    next(f)
    want = {}
    for line in f:
        id_, cost = line.rstrip("\n").split(",")
        want[id_] = exact(cost)
order = list(want.values())

# policy-lang: one result line per enterprise, one award each.
policy_wrong = policy_lines = 0
for line in sys.stdin:
    result = json.loads(line)
    for award in result["awards"]:
        id_ = award["entity"].split(".", 1)[1]
        policy_lines += 1
        if Decimal(award["amount"]) != want[id_]:
            policy_wrong += 1

of_wrong, of_off, of_lines = 0, Decimal(0), 0
with open(openfisca) as f:
    for line, expected in zip(f, order):
        of_lines += 1
        got = Decimal(line.strip()).quantize(FEN, rounding=ROUND_HALF_UP)
        if got != expected:
            of_wrong += 1
            of_off += abs(got - expected)

print(f"enterprises: {len(want)}")
print(f"policy-lang: {policy_lines} awards, {policy_wrong} differ from the exact Decimal result")
print(f"openfisca:   {of_lines} results, {of_wrong} differ by >= 1 fen, {of_off} yuan off in total")
sys.exit(1 if policy_wrong or policy_lines != len(want) else 0)
