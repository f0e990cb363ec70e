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

## What a syntax error expected, beyond one keyword (the English is the phrase itself).
expected-amendment-entry = `change`, `repeal`, `rule` or the amendment's `document` or `effective`
expected-field = a field such as `rd_cost: money`
expected-type = a type such as `money` or `[drug]`
expected-rule-id = a rule id such as `CZ-03-1b`
expected-rounding-mode = a rounding mode
expected-after-issue = `N days after issue`
expected-grant-tag = a tag such as `issuer "苏州市"` or `level district`
expected-table-entry = a table entry such as `I => 100万`
expected-tier = a tier such as `[1亿, 5亿] => …`
expected-bound = a bound (a number or `..`)
expected-step = a step such as `3 => 30万`
expected-duration = a duration such as `30 days`
expected-rate = a rate such as `20%`
expected-parameter = a parameter such as `p: phase`
expected-schedule = a schedule such as `clinical_cap(phase)`
expected-default-value = a value such as `0`, `false` or an enum value
expected-payer = a payer such as `city 50%`
expected-member = a rule id or `policy <id>`
expected-period = `per year`, `over N years` or `in total`
expected-scope = `per <entity>`
expected-json-object = a JSON object
expected-entity = an entity such as `enterprise.E1`
expected-expect-amount = an amount such as `400万`, `up_to 200万`, `10万..50万` or `case_by_case`
expected-figure = an amount such as `300万` or `3,000,000`
expected-outcome = an outcome such as `400万`, `up_to 200万` or `not_applicable "…"`
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
