# Words that evaluation's values and the front ends' reports need beyond output.ftl: ledger
# grants named in traces and reasons, keywords' neighbours, the facts-needed listing, test
# failures, replay, clap's own words.

## A ledger grant, as traces and reasons name it.
grant-named = { $rule } on { $entity }, paid { $date } ({ $at })
grants-first = { $count } grants, the first { $first }
award-named = { $rule } on { $entity }

## A value a reason shows.
value-by-default = { $value } by default
