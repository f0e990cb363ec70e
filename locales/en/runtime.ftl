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

## A batch that stops before the end of its input

batch-read = cannot read the batch after line { $line }: { $reason }
batch-write = cannot write the results: { $reason }
batch-threads = cannot start { $count } worker threads
