# Evaluation output: the sentences of traces, reasons and exclusions (src/output/words.rs),
# the table (src/output/table.rs) and an entitlement as people read it.
# Amounts, rates and dates arrive formatted as text; counts are numbers.

clause-separator = {"; "}

## Amounts and entitlements

amount-up-to = up to { $amount }
amount-range = { $low } – { $high }
amount-case-by-case = case by case
amount-case-by-case-up-to = case by case, up to { $amount }
amount-case-by-case-uncapped = case by case, uncapped
amount-case-by-case-unbounded = case by case, unbounded
kind-exact = exact
kind-up-to = up_to
kind-range = range
kind-case-by-case = case_by_case

## Trace steps

step-version = version in force: { $version }
version-ref = amendment `{ $amendment }`, effective { $effective }
version-ref-document = amendment `{ $amendment }` ({ $document }), effective { $effective }
step-of = { $rate } of { $base }: { $rate } × { $value } = { $result }
step-range-of = { $low_rate }..{ $high_rate } of { $base }: { $low } .. { $high }
step-per = per { $count }: { $amount } × { $times } = { $result }
step-range = a range: { $low } .. { $high }
step-max-capped = max { $cap }: { $before } → { $after } (capped)
step-max-within = max { $cap }: { $before } is within the cap
step-max-case-by-case = max { $cap }: case by case, at most { $at_most }
step-up-to = up_to: a ceiling of { $ceiling }, the authority may grant less
step-up-to-unbounded = up_to: a ceiling
step-case-by-case = case by case (一事一议): no formula
step-case-by-case-uncapped = case by case (一事一议): no formula, explicitly uncapped (上不封顶)
step-by = by { $table }: { $variant } → { $amount }
step-by-row = by { $table }: { $variant }
step-tier = tiers { $table }: { $value } is in { $tier }
step-marginal = marginal { $table } = { $value }: { $slices } = { $total }
step-steps = steps { $table }: { $value } reaches the step at { $threshold }
step-schedule = schedule { $call } = { $amount }
step-schedule-bare = schedule { $call }
step-value = value { $call } = { $amount }
step-value-bare = value { $call }
step-round = round to { $rounding }: { $before } → { $after }
rounding = { $unit }, { $mode }
rounding-yuan = yuan
rounding-jiao = jiao
rounding-fen = fen
rounding-half-away-from-zero = half away from zero
rounding-half-even = half even
rounding-down = down
rounding-up = up
step-top-up = 补差 (stack { $stack }, earlier top_up): already granted { $granted } for this item ({ $grants }); pays the difference up to { $up_to }
step-top-up-case-by-case = the case-by-case amount
step-split = split: { $shares }
split-share = { $payer } { $rate } = { $amount }
split-share-not-stated = { $payer } (share not stated)
step-aggregate = { $aggregate }: { $counted } of { $records ->
        [one] 1 record
       *[other] { $records } records
    }
counted-by-default = { $record } { $value } by default
counted-more = and { $count } more
holds-true = true
holds-false = false
step-default = { $fact } absent: { $value } by default

## Pools

pool-named = pool { $pool }
pool-cap-as-set-by = { $name } (cap as set by { $version })
pool-per-year-cap = per_year_cap
pool-step = { $name } { $cap } for { $scope } { $period }: { $already } already awarded{ $ledger }, room { $room } → { $outcome }
pool-of-which-ledger = {" "}(of which { $amount } in the ledger)
pool-within = within the cap
pool-cut = cut to { $amount }
period-year = in { $year }
period-years = in { $first }–{ $last }
period-total = in total

## Reasons a rule did not apply

value-true = true
value-false = false
fact-not-given = not given
reason-out-of-scope = outside the scope of policy `{ $policy }`: `{ $condition }` is false{ $reads }
reason-condition-false = condition `{ $condition }` is false{ $reads }
reason-fact-missing = fact `{ $fact }` is not given
reason-not-in-table = `{ $table }` is `{ $variant }`, which the table does not list
reason-no-records = `{ $aggregate }` has no value: there are no records
reason-no-tier = `{ $table }` = { $value } falls in no tier
reason-below-first-step = `{ $table }` = { $value } is below the first step ({ $first })
reason-not-yet = the event on { $date } is after the evaluation date { $as_of }
reason-before-effective = the event on { $date } is before policy `{ $policy }` took effect on { $effective }
reason-after-expiry = the event on { $date } is after policy `{ $policy }` expired on { $expires }
reason-paid-once = paid once only (一次性): already granted{ $what }{ $whom } on { $date } ({ $amount }, { $at })
paid-for-key = {" "}for `{ $key }`
paid-to-entity = {" "}to { $entity }
reason-paid-this-year = paid once a year: already granted for { $year } on { $date } ({ $amount }, { $at })
reason-repealed = repealed by { $version }: the event on { $date } is on or after that date
reason-not-yet-added = added by { $version }: the event on { $date } is before that date
reason-paid-to-another = paid once only (一次性) per `{ $owner }`{ $what }: another record of it earns this award in the same evaluation for an earlier or equal event; that one is paid
reason-under-version = under { $version }: { $reason }
reason-no-entity = no entity `{ $path }` in the facts

## Why an award was set aside

exclusion-outranked = 就高不重复 (stack { $stack }): { $winner } pays more for { $item } ({ $won } against { $lost }){ $tie }
exclusion-outranked-tie = ; equal, so the member listed first in the stack wins
already-granted = already granted { $granted } for this item ({ $grants })
exclusion-earlier-refuse = 就高不重复 (stack { $stack }, earlier refuse): { $already }; no second grant
exclusion-earlier-top-up = 就高不重复 (stack { $stack }, earlier top_up): { $already }, as much as this award's { $max }; nothing to top up
exclusion-count-cap = count cap (pool { $pool }): at most { $count ->
        [one] 1 award
       *[other] { $count } awards
    } per { $scope } { $period }, choosing the { $choose }; { $ledgered } already granted (ledger) and { $kept } kept in this evaluation
choose-highest = highest
choose-earliest = earliest

## Amendments (policy check)

amendment-note = note: amendment `{ $amendment }` of `{ $policy }`, effective { $effective }
amendment-note-document = note: amendment `{ $amendment }` of `{ $policy }` ({ $document }), effective { $effective }
amendment-changes-nothing = changes nothing
amendment-replaces = replaces { $clauses }
amendment-repealed = repealed
amendment-added = added
amendment-cap = cap becomes { $amount }
amendment-validity = validity: in force until { $expires } ({ $was })
amendment-expiry-was = was { $date }
amendment-no-expiry = no expiry stated

## The evaluation table

table-as-of = as of { $date }
table-no-awards = no awards
table-not-applicable = not applicable
table-excluded = excluded (就高不重复, count caps)
table-warning = warning: { $warning }
table-totals = totals
table-rules = { $count ->
        [one] 1 rule
       *[other] { $count } rules
    }
column-entity = ENTITY
column-rule = RULE
column-cite = CITE
column-kind = KIND
column-amount = AMOUNT
column-reason = REASON
column-owed = OWED
column-ceiling = CEILING
column-case-by-case = CASE BY CASE
total-unbounded = unbounded
