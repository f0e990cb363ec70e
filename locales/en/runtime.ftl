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
