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
