# Words that evaluation's values and the front ends' reports need beyond output.ftl: ledger
# grants named in traces and reasons, keywords' neighbours, the facts-needed listing, test
# failures, replay, clap's own words.

## A ledger grant, as traces and reasons name it.
grant-named = { $rule } on { $entity }, paid { $date } ({ $at })
grants-first = { $count } grants, the first { $first }
award-named = { $rule } on { $entity }

## A value a reason shows.
value-by-default = { $value } by default

## policy facts-needed: each rule, the facts it reads, the ledger rows it counts.
needs-rule = { $policy }.{ $rule } (for each { $entity })
needs-ledger = ledger: { $row }
needs-ledger-own = grants of `{ $rule }`: { $fields }
needs-ledger-pool = pool `{ $pool }`: grants of its members per { $per } with `year`{ $tags }
needs-ledger-pool-tags = , and grants under other policies by `issuer`/`level`
needs-ledger-stack = stack `{ $stack }`: earlier grants of its members per { $per }
needs-via-condition = condition
needs-via-on = on
needs-via-reward = reward
needs-via-once-per = once_per

## policy replay: each decision that came out differently.
replay-line = line { $line }
replay-not-a-decision = { $at }: not a decision: { $error }
replay-facts-hash = { $at }: { $entity }: the facts do not match their logged hash
replay-cannot-evaluate = { $at }: { $entity }: cannot evaluate again: { $message }
replay-changed-decision = { $at }: { $entity } (as of { $as_of }):
replay-as-of-not-a-date = as_of `{ $as_of }` is not a date
replay-no-longer-awarded = no longer awarded: { $key }: logged { $award }
replay-award-changed = changed: { $key }
replay-logged = logged { $award }
replay-now = now    { $again }
replay-newly-awarded = newly awarded: { $key }: { $award }
replay-total-changed = total: logged { $logged }, now { $now }

## What a syntax error expected: phrases of keywords that are not one keyword each (the
## English is the phrase itself; the other phrases are in diagnostics.ftl).
expected-after-issue = `N days after issue`
expected-period = `per year`, `over N years` or `in total`
expected-scope = `per <entity>`
expected-up-to = `up to`
expected-case-by-case = `case by case`

## clap's own words for a usage error, in Chinese only: English is clap's own rendering, so
## these English messages are never shown (they keep the catalogues parallel).
clap-error = error: { $message }
clap-try-help = For more information, try '--help'.
clap-unknown-argument = unexpected argument '{ $arg }' found
clap-unknown-subcommand = unrecognized subcommand '{ $subcommand }'
clap-missing-arguments = the following required arguments were not provided:{ $arguments }
clap-missing-subcommand = '{ $command }' requires a subcommand but one was not provided
clap-subcommands = [subcommands: { $subcommands }]
clap-value-required = a value is required for '{ $arg }' but none was supplied
clap-invalid-value = invalid value '{ $value }' for '{ $arg }'
clap-because = : { $reason }
clap-possible-values = [possible values: { $values }]
clap-conflict = the argument '{ $arg }' cannot be used with '{ $prior }'
clap-used-twice = the argument '{ $arg }' cannot be used multiple times
clap-too-many-values = unexpected value '{ $value }' for '{ $arg }' found; no more were expected
clap-did-you-mean = tip: similar: { $similar }
clap-pass-as-value = tip: to pass '{ $arg }' as a value, use '-- { $arg }'
cli-not-a-language = `{ $text }` is not a language we have messages in: use `zh` or `en`
cli-not-a-date = `{ $text }` is not a date; write YYYY-MM-DD
cli-csv-for-eval = --format csv and xlsx are for `policy eval` only
cli-detail-for-jsonl = --detail compact and awards are for JSON Lines (--jsonl)

## A batch that stops before the end of its input

batch-read = cannot read the batch after line { $line }: { $reason }
batch-write = cannot write the results: { $reason }
batch-threads = cannot start { $count } worker threads

## An evaluation that cannot finish (eval::overflow, eval::division_by_zero, …)

eval-failed = rule `{ $rule }` on `{ $entity }`: { $detail }
eval-overflow = { $op } of { $a } and { $b } overflows the exact decimal range
eval-total-overflow = the total of the awards overflows the exact decimal range
eval-grants-overflow = the grants counted add up beyond the exact decimal range
eval-division-by-zero = division of { $amount } by zero
eval-calendar = { $date } shifted by { $by } leaves the calendar
eval-below-zero = the reward works out below zero ({ $amount }); a reward pays zero or more — check the formula (e.g. `a - b` where b may exceed a)
eval-too-large = the reward works out to { $amount }, beyond the largest amount computed exactly to the fen ({ $max })
eval-internal = internal error: expected { $expected } (the checker should have caught this)
eval-overflow-help = check the facts this rule reads; amounts must stay within 28 significant digits
eval-division-by-zero-help = a fact this rule divides by is zero: guard the rule with a `when` condition
eval-calendar-help = check the dates and durations this rule reads
eval-amount-help = check the rule's formula and the facts it reads
eval-internal-help = this is a bug in policy-lang, not in your rules or facts: please report it with both
# What evaluation expected where the checker let something else through (a bug).
eval-expected-duration = a duration
eval-expected-enum-value = an enum value
eval-expected-amount = an amount
eval-expected-rate = a rate
eval-expected-two-amounts = two amounts
eval-expected-argument = an argument
eval-expected-schedule = a schedule
eval-expected-number = a number
eval-expected-condition = a condition
eval-expected-date = a date
eval-expected-comparable = comparable values
eval-expected-value-for = a value for `{ $name }`
eval-expected-list-holder = the list's holder
eval-expected-list = the list `{ $name }`
# Two bugs worded whole.
eval-internal-event-date = internal error: the event date is not a date
eval-internal-reward = internal error: the reward is not an amount
