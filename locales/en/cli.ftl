# The command line's own words (policy check, eval, test, fmt summaries).
# Arguments: counts are numbers; amounts arrive already formatted as text.

list-separator = {", "}

check-summary = checked { $files } file(s): { $policies ->
        [one] 1 policy
       *[other] { $policies } policies
    }, { $rules } rule(s), { $warnings } warning(s)
check-acknowledged = { $count ->
        [one] 1 warning acknowledged
       *[other] { $count } warnings acknowledged
    }

check-acknowledged-line = acknowledged { $at }{ $item } ({ $name }): { $warning }
check-acknowledged-reason = reason: { $reason }

## policy test

test-ok = ok{"    "}
test-failed = FAILED
test-summary = { $passed } passed, { $failed } failed
test-coverage = coverage: { $exercised } of { $total } rules exercised by a test
test-not-exercised = not exercised: { $rule }
test-got = got { $got }
test-an-award-of = an award of { $amount }
test-not-applicable = not applicable: { $reason }
test-excluded = excluded: { $reason }
test-no-outcome-for-rule = no outcome at all (is `{ $entity }` in the facts, and is `{ $rule }` for its kind?)
test-no-outcome = no outcome at all (is `{ $entity }` in the facts?)
test-total = owed { $owed }, ceiling { $ceiling }, { $case_by_case } award(s) case by case
test-a-share-of = a share of { $amount } for `{ $payer }` ({ $shares })
test-no-amount-for = no amount for `{ $payer }` ({ $shares })
test-no-trace-line = no trace line containing { $text }; the trace:
test-got-facts-that-load = got facts that load
test-got-other-diagnostics = got other diagnostics:
test-got-no-evaluation = got no evaluation: the facts do not load
test-no-facts = the test gives no `facts`
test-no-as-of = the test gives no `as_of`, and neither do its facts

## policy eval --jsonl, replay, fmt

batch-summary = evaluated { $lines } fact set(s), { $failed } failed
batch-summary-interrupted = evaluated { $lines } fact set(s), { $failed } failed (interrupted)
replay-summary = replayed { $decisions } decision(s): { $different } different; { $other } made by other rules than these
fmt-not-formatted = not formatted: { $file }
fmt-formatted = formatted { $file }
facts-needed-no-rule = no rule `{ $rule }` in the rules given; leave out --rule to list them all
cli-workbook-to-terminal = a workbook is binary: redirect it to a file (`> awards.xlsx`)
cli-decision-log-needs-jsonl = --decision-log logs JSON Lines; give the population as JSON Lines
# The spinner while a batch runs: the three arguments are the progress bar's own fields.
batch-progress = { $spinner } { $count } fact sets, { $rate }
