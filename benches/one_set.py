#!/usr/bin/env python3
"""Merges `policy gen` JSON Lines (one enterprise a line) into ONE fact set of all of them.

    policy gen rules/ --count 100000 --seed 2 | python3 benches/one_set.py > big.json

`gen` numbers its enterprises E1, E2, ... so their ids never collide: the enterprises are
written one after another as they come (no tree of the whole set in memory), the ledger
rows after them.
"""
import json
import sys

out = sys.stdout
ledger = []
as_of = None
first = True
for line in sys.stdin:
    if not line.strip():
        continue
    facts = json.loads(line)
    if as_of is None:
        as_of = facts.get("as_of")
        out.write('{"as_of":%s,"enterprise":[' % json.dumps(as_of))
    for enterprise in facts.get("enterprise", []):
        if not first:
            out.write(",")
        out.write(json.dumps(enterprise, ensure_ascii=False, separators=(",", ":")))
        first = False
    ledger.extend(facts.get("ledger", []))
if as_of is None:
    out.write('{"enterprise":[')
out.write('],"ledger":%s}\n' % json.dumps(ledger, ensure_ascii=False, separators=(",", ":")))
