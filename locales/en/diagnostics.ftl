# Diagnostics: every error and warning of the parser, the checker, the facts reader and the
# evaluator, with its labels and help. Ids follow the diagnostic code (`syntax::invalid_date` →
# `syntax-invalid-date`); `-label`, `-help` are its label and help. Arguments arrive as text.

## Parsing

syntax-unexpected = expected { $expected }, found { $found }
syntax-unexpected-label = here
syntax-invalid-date = `{ $text }` is not a calendar date
syntax-invalid-date-help = write a date that exists, as YYYY-MM-DD
syntax-invalid-date-label = no such date
syntax-number-too-large = number `{ $text }` is too large
syntax-number-too-large-help = amounts must stay below 79,228,162,514,264,337,593,543,950,335 with 28 significant digits
syntax-number-too-large-label = does not fit an exact decimal
syntax-digit-grouping = `{ $text }` is not grouped in threes
syntax-digit-grouping-help = write the amount as `policy eval` prints it, commas between groups of three digits (`300,000`), or without commas (`300000`, `30万`)
syntax-digit-grouping-label = commas here must stand every three digits
syntax-duplicate-clause = `{ $what }` is given twice
syntax-duplicate-clause-help = keep one `{ $what }` and delete the other
syntax-duplicate-clause-label = second `{ $what }`
syntax-duplicate-clause-first = first given here
syntax-missing-reward = rule `{ $rule }` has no `reward` clause
syntax-missing-reward-help = add a `reward` line, e.g. `reward 20% of rd_cost max 400万`, or `reward case_by_case`
syntax-missing-reward-label = this rule pays nothing
syntax-zero-ratio = ratio `{ $text }` divides by zero
syntax-zero-ratio-help = the second figure of a ratio must not be 0
syntax-full-width = full-width `{ $found }` in the rules
syntax-full-width-help = write `{ $ascii }` instead: figures, operators and brackets are written in ASCII (１０００万 → 1000万); Chinese text belongs in strings and comments
syntax-write = write `{ $fix }`
syntax-drafting = `{ $found }` is the policy text's wording; the rules write `{ $fix }`
syntax-drafting-date = dates are written YYYY-MM-DD
syntax-drafting-max = 最高 (a ceiling) is the operator `max`, written after the amount it bounds
syntax-drafting-up-to = 不超过 before an amount is `up_to`: an award of at most that much
syntax-drafting-comparison = in a condition, 以上、以下、以内、不低于 include the figure (`>=`, `<=`) and 超过、不满、低于 do not (`>`, `<`)
syntax-drafting-bound = a tier is an interval: `[` and `]` include the figure (以上、以下、（含）), `(` and `)` leave it out (超过、不满), `..` leaves a side open
syntax-drafting-included = （含） means the figure belongs to the tier: a square bracket on its side, a round one where it is left out
syntax-drafting-duration = a duration is written `30 days`, `6 months`, `3 years` (or `30日`, `6个月`, `3年`)
syntax-too-deep = this is nested too deeply (the limit is { $limit })
syntax-too-deep-help = split the expression, or write it with fewer levels of nesting
syntax-too-deep-label = too deep here
syntax-trailing = unexpected text after the expression
syntax-trailing-help = remove it, or join the parts with an operator
syntax-trailing-label = not part of the expression
syntax-internal = internal error: the parser produced no tree

## Did you mean …?

suggest-drafted = `{ $name }` is the policy text's wording: write `{ $fix }`
suggest-did-you-mean = did you mean `{ $name }`?
suggest-none = there are no { $what }
suggest-list = { $what } here: { $list }
suggest-far = none of the { $count } { $what } is close to `{ $name }`
noun-commands = commands
noun-entity-kinds = entity kinds
noun-enums = enums
noun-fields = fields
noun-lists = lists
noun-parameters = parameters
noun-payers = payers
noun-policies = policies
noun-rules = rules
noun-schedules-or-values = schedule or values
noun-values = values
noun-warnings = warnings
noun-top-level-keys = top-level keys
noun-types = types

## Checking

check-unknown-field = unknown field `{ $name }` on `{ $entity }`
check-unknown-field-span = not a field of `{ $entity }`
check-unknown-entity = unknown entity kind `{ $name }`
check-unknown-entity-span = no such entity in the schema
check-unknown-type = unknown type `{ $name }`
check-unknown-type-span = not a type
check-unknown-variant = `{ $name }` is not a value of enum `{ $enum_name }`
check-unknown-variant-span = no such value
check-operand-types = cannot apply `{ $op }` to { $left } and { $right }
check-operand-types-left-span = { $left }
check-operand-types-right-span = { $right }
check-type-mismatch = { $context } must be { $expected }, found { $found }
check-type-mismatch-span = this is { $found }
check-duplicate = duplicate { $what } `{ $name }`
check-duplicate-span = defined again here
check-duplicate-first = defined here first
check-first-definition = `{ $name }` is first defined here
check-first-definition-span = defined here first
check-unknown-extension = cannot extend unknown { $what } `{ $name }`
check-unknown-extension-span = no { $what } of this name is declared
check-required-extension = `{ $field }`, added to `{ $kind }`, is required of every `{ $kind }`
check-required-extension-help = fact sets written for the policies that declared `{ $kind }` do not give it, and would be refused; declare it optional: `{ $field }?: { $ty }`
check-required-extension-span = required, but added by an extension
check-unknown-schedule = unknown schedule `{ $name }`
check-unknown-schedule-span = no schedule of this name
check-schedule-arity = `{ $name }` takes { $expected }, given { $found }
check-schedule-arity-help = call it as `{ $signature }`
check-schedule-arity-span = { $found } given here
check-value-called = `{ $name }` is a value, not a schedule
check-value-called-help = write it without arguments: `{ $name }`
check-value-called-span = a value takes no arguments
check-schedule-reads-facts = `{ $name }` is not a parameter of `{ $schedule }`
check-schedule-reads-facts-span = a value or schedule reads only its parameters and `as_of`
check-schedule-nesting = `{ $name }` uses schedules nested more than { $limit } deep
check-schedule-nesting-help = write the amount out, or use fewer schedules that use schedules
check-schedule-nesting-span = uses a schedule that uses a schedule … too deep
check-ambiguous-name = `{ $name }` is ambiguous
check-ambiguous-name-span = means more than one thing here
check-tier-overlap = tiers overlap at { $at }
check-tier-overlap-help = { $at } matches both tiers, and the first listed wins; if the text itself overlaps, keep its wording, order the tiers so the reading you chose comes first, and answer this with `acknowledge tier_overlap "<the reading and why>"` in the rule
check-tier-overlap-span = this tier
check-tier-overlap-other = overlaps this one
check-tier-gap = no tier covers { $gap }
check-tier-gap-help = { $gap } earns nothing under this table; close the gap if the text means to cover it, or answer this with `acknowledge tier_gap "<why>"` in the rule
check-tier-gap-span = this tier ends
check-tier-gap-next = the next begins
check-empty-tier = tier { $interval } contains no value
check-empty-tier-help = write the lower bound first, e.g. `[1亿, 5亿]`
check-empty-tier-span = empty
check-missing-variants = this `by` table has no amount for { $missing } of enum `{ $enum_name }`
check-missing-variants-span = no arm for { $missing }
check-unknown-warning = no warning is called `{ $name }`
check-unknown-warning-span = not a warning
check-acknowledged-absent = { $item } has no `{ $warning }` warning to acknowledge
check-acknowledged-absent-span = nothing to acknowledge
check-steps-order = step thresholds must increase
check-steps-order-help = list steps from the lowest threshold to the highest
check-steps-order-span = not above the step before
check-no-policy = rule `{ $rule }` belongs to no policy
check-no-policy-help = add a `policy <id> {"{"} … {"}"}` header to this file; every rule belongs to the policy of its file
check-no-policy-span = outside any policy
check-second-policy = a file holds one policy; this is the second
check-second-policy-help = move this policy and its rules to a file of their own
check-second-policy-span = second policy
check-policy-dates = policy `{ $policy }` expires ({ $expires }) before it takes effect ({ $effective })
check-policy-dates-help = check the dates against the document
check-policy-dates-span = expiry
check-no-issue-date = policy `{ $policy }` takes effect after issue but gives no issue date
check-no-issue-date-help = add `issued YYYY-MM-DD`
check-no-issue-date-span = relative to what?
check-bad-path = `{ $name }` is not `{ $entity }` or an entity that contains it
check-bad-path-span = not an enclosing entity
check-two-parents = entity `{ $kind }` is listed by two entities, `{ $first }` and `{ $second }`
check-two-parents-help = an entity belongs to one owner; declare a second entity kind for the other list
check-two-parents-span = second owner
check-reserved = `{ $name }` is reserved
check-reserved-help = facts use `{ $name }` for themselves; choose another name
check-reserved-span = reserved name
check-entity-cycle = { $kinds } own each other in a cycle, so no fact set can hold them
check-entity-cycle-help = rules for them can never apply: make one of them top-level by removing its `[…]` field from the other
check-entity-cycle-span = in a cycle
check-unknown-rule-test-rule = `{ $name }` { $found }
check-unknown-rule-test-rule-span = no such rule
check-list-value = `{ $name }` is a list of `{ $kind }` and has no single value
check-list-value-help = write a rule `for { $kind }` to reward each one
check-list-value-span = a list
check-not-a-list = `{ $name }` is not a list of records
check-not-a-list-span = this is { $found }
check-aggregate-form = `{ $op }(…)` { $problem }
check-aggregate-form-span = here
check-default-not-fact = `default` follows a fact, not a computed value
check-default-not-fact-help = give the default where the fact is read: `(employees default 0) + 1`
check-default-not-fact-span = not a fact
check-default-required = `{ $name }` has a default but is required, so it is never absent
check-default-required-help = mark it optional: `{ $name }?: … default …`
check-default-required-span = never used
check-no-frequency = rule `{ $rule }` does not say how often it pays
check-no-frequency-help = add one of: `once` (一次性), `once per <fact>` (每个品种/阶段一次), `once per enterprise` (每家企业只奖励一次), `yearly` (每年), or `every_event` (每次); nothing is assumed, so that a forgotten word cannot pay every year forever
check-no-frequency-span = how often?
check-no-event-date = rule `{ $rule }` does not say which date it is judged on
check-no-event-date-help = add `on <date fact>` (the date of the rewarded event: 获批/认定/签订之日), or `on as_of` to judge it on the evaluation date; the date decides the policy window and the year it is for
check-no-event-date-span = on which date?
check-not-an-owner = `{ $name }` does not own `{ $kind }`
check-not-an-owner-help = name `{ $kind }` itself or an entity that contains it: { $owners }
check-not-an-owner-span = not above `{ $kind }`
check-unknown-rule = `{ $name }` names no rule of policy `{ $policy }`
check-unknown-rule-span = no such rule
check-unknown-payer = rule `{ $rule }` has no payer `{ $payer }`
check-unknown-payer-span = not in the rule's `split`
check-unknown-policy = unknown policy `{ $name }`
check-unknown-policy-span = no such policy among the files loaded
check-group-scope = { $what } `{ $group }` is kept per `{ $scope }`, but rule `{ $rule }` pays `{ $kind }`, which no `{ $scope }` contains
check-group-scope-help = name an entity that contains every member's entity (e.g. `{ $root }`), or drop rule `{ $rule }` from the { $what }
check-group-scope-span = per `{ $scope }`
check-stack-kinds = stack `{ $group }` mixes rules for `{ $first }` and `{ $second }`
check-stack-kinds-help = awards compete only for the same item: add `per <entity>` naming an entity that contains both, or split the stack
check-stack-kinds-span = members
check-missing-clause = { $what } `{ $group }` has no `{ $clause }`
check-missing-clause-span = incomplete
check-stack-period = a stack compares awards per year or in total
check-stack-period-help = write `per <entity> per year` for awards that compete within a year, or no period for all time
check-stack-period-span = here
check-grants-in-stack = a stack cannot take `grants` members
check-grants-in-stack-help = a stack compares rules' awards for one item; count grants of other policies in a pool instead
check-grants-in-stack-span = here
check-zero-limit = a count cap of 0 pays nothing
check-zero-limit-help = a rule that never pays should be removed; write a limit of 1 or more
check-zero-limit-span = here
check-empty-period = a pool cannot sum over 0 years
check-empty-period-help = write `over N years` with N of 1 or more, `per year`, or `in total`
check-empty-period-span = here
check-split-shares = shares add up to { $total }%, not 100%
check-split-shares-help = give every payer a share and make them add up to 100%, or give none when the text states none
check-split-shares-span = these shares
check-cap-not-fixed = a cap must be a fixed amount
check-cap-not-fixed-help = write the amount the text states, e.g. `per_year_cap 1000万`
check-cap-not-fixed-span = depends on the facts

check-amendment-policy = amendment `{ $amendment }` amends unknown policy `{ $policy }`
check-amendment-policy-span = no policy of this id is loaded
check-amendment-rule = policy `{ $policy }` has no rule `{ $rule }` to { $verb }
check-amendment-rule-span = no such rule in `{ $policy }`
check-amendment-clause-clause = an amendment cannot change the `{ $clause }` of rule `{ $rule }`
check-amendment-clause-clause-span = not replaceable by an amendment
check-amendment-clause = a rule has no `{ $clause }` clause, so an amendment cannot change `{ $rule }`'s
check-amendment-clause-help = `{ $clause }` belongs to a pool or stack; an amendment changes a pool's cap with `change <pool> {"{"} cap … {"}"}`, and a rule's own yearly cap with `per_year_cap`
check-amendment-clause-span = a clause of a pool or stack
check-amendment-rule-exists = policy `{ $policy }` already has a rule `{ $rule }`
check-amendment-rule-exists-help = to change the existing rule write `change { $rule } {"{"} … {"}"}` with the clauses that change; a new provision needs an id of its own
check-amendment-rule-exists-span = a new rule with an id already taken
check-amendment-rule-exists-first = first defined here
check-amendment-same-date = amendments `{ $first_amendment }` and `{ $amendment }` both change rule `{ $rule }` from { $effective }
check-amendment-same-date-help = two versions of one rule cannot start on the same day: merge the changes into one amendment, or correct one effective date
check-amendment-same-date-span = changed again here
check-amendment-same-date-first = first changed here
check-amendment-date = amendment `{ $amendment }` gives no date
check-amendment-date-help = add `effective YYYY-MM-DD`, or `issued YYYY-MM-DD` when it takes effect on issue
check-amendment-date-span = from when?
check-amendment-repealed = rule `{ $rule }` is repealed by `{ $repealed_by }` from { $effective }
check-amendment-repealed-help = a repealed rule has no text left to change: add the new provision as a `rule` with an id of its own
check-amendment-repealed-span = changes a repealed rule
check-amendment-before-policy = amendment `{ $amendment }` takes effect on { $effective }, before policy `{ $policy }` itself ({ $policy_effective })
check-amendment-before-policy-help = an amendment changes the text from its date on, which is the policy's date ({ $policy_effective }) or later; check the date against the amending document
check-amendment-before-policy-span = before the policy takes effect

## Types and places, as the checker names them

type-money = money
type-text = text
type-bool = true or false (bool)
type-number = a number
type-rate = a rate
type-count = a count
type-date = a date
type-duration = a duration
type-enum = enum `{ $name }`
type-award = an award
type-other = a { $name }
type-single-value = a single value
or-separator = {" or "}
context-once-per-key = the key after `once per`
context-in-left = the left side of `in`
context-if-condition = the condition of `if`
context-else-branch = the `else` branch
context-not-operand = the operand of `not`
context-up-to-amount = the amount after `up_to`
context-marginal-rate = a `marginal` tier's rate
context-on-date = the event date after `on`
context-reward = a reward
context-where-filter = the `where` filter
context-scope = the policy's `scope`
context-when = a `when` condition
help-same-branch-type = every branch must give the same type of value
help-once-per-key = key a one-off award by a fact such as `phase` or `approved_on`
check-amendment-pool-clause = an amendment cannot change the `{ $clause }` of pool `{ $pool }`
check-amendment-pool-clause-help = an amendment sets a pool's money cap from its date (`cap 1.2亿 per enterprise per year`); its members, period and count limit stay as first written, so a pool that covers other rules is a new pool
check-amendment-pool-clause-span = not changeable by an amendment
check-amendment-cap-scope = the new cap of pool `{ $pool }` is `{ $written }`, but the pool's is `{ $was }`
check-amendment-cap-scope-help = an amendment changes the amount only: write `cap <amount> { $was }`; whom a cap is for and the period it counts stay as first written
check-amendment-cap-scope-span = not the pool's own `per`
check-amendment-no-cap = `{ $pool }` has no money cap for an amendment to change
check-amendment-no-cap-help = an amendment changes a cap the policy already states: a pool's `cap …` or a rule's `per_year_cap`; a new cap is a new `pool` of the policy
check-amendment-no-cap-span = no cap here to change
check-amendment-expires = amendment `{ $amendment }` ends policy `{ $policy }` on { $expires }, before it takes effect ({ $policy_effective })
check-amendment-expires-help = `expires` in an amendment is the policy's new last day in force (有效期延长至…); check the date against the amending document

## Words of the parser's messages

syntax-something-else = something else
syntax-ends-early = the file ends too early: is a `{"}"}` or a value missing?
syntax-could-not-continue = the parser could not continue at { $found }
syntax-end-of-file = end of file
syntax-line-break = a line break
syntax-an-expression = an expression
syntax-a-name = a name
syntax-a-number = a number
syntax-an-operator = an operator
syntax-a-string = a quoted string
syntax-a-date = a date (YYYY-MM-DD)
syntax-a-clause = a clause

## Kinds of things messages name

noun-rule = rule
noun-field = field
noun-enum = enum
noun-entity = entity
noun-enum-value = enum value
noun-table-entry = table entry
noun-pool = pool
noun-stack = stack
noun-parameter = parameter
noun-payer = payer
noun-policy = policy
noun-type = type
noun-amendment = amendment
noun-value = value
noun-schedule = schedule
# The same, more than one (names of policies must be unique).
nouns-rule = rules
nouns-field = fields
nouns-enum = enums
nouns-entity = entities
nouns-enum-value = enum values
nouns-table-entry = table entries
nouns-pool = pools
nouns-stack = stacks
nouns-parameter = parameters
nouns-payer = payers
nouns-policy = policies
nouns-type = types
nouns-amendment = amendments
nouns-value = values
nouns-schedule = schedules

## Facts

facts-json = facts are not valid JSON: { $message }
facts-json-help = fix the JSON at line { $line }, column { $column }
facts-missing = missing fact `{ $field }` ({ $ty })
facts-missing-help = give `{ $field }` a value, or declare it optional (`{ $field }?: …`) in the schema
facts-unknown-field = `{ $entity }` has no field `{ $name }`
facts-unknown-variant = `{ $name }` is not a value of enum `{ $enum_name }`
facts-expected = expected { $expected }, found { $found }
facts-negative = money cannot be negative, found { $found }
facts-negative-help = amounts in facts are zero or more

tier-exactly = exactly { $value }
tier-every-value-in = every value in { $interval }

## The checker's help, the items and places it names

and-list-separator = {", "}
and-separator = {" and "}
check-item-rule = rule `{ $id }`
check-item-pool = pool `{ $id }`
check-item-stack = stack `{ $id }`
check-item-amended-rule = rule `{ $id }` as `{ $amendment }` changes it
check-acknowledged-absent-remove = remove this line: the rule as written no longer gives rise to the warning
check-acknowledged-absent-others = its warnings are { $names }: acknowledge one of those, or remove this line
check-unique-within = names of { $what } must be unique within `{ $name }`; rename or remove one
check-unique-entity = names of { $what } must be unique within entity `{ $name }`; rename or remove one
check-unique-files = names of { $what } must be unique across all files; rename or remove one
check-unique-policy = names of { $what } must be unique within a policy; rename or remove one
check-unique-table = names of { $what } must be unique within a `by` table; rename or remove one
check-unique-split = names of { $what } must be unique within a split; rename or remove one
check-unique-builtin = names of { $what } must be unique (it is a built-in type); rename or remove one
check-enum-entity-names-help = enums and entities share one set of names; rename one
check-declared-once-help = an enum or entity is declared once across all files; to add to it from another file, write `extend { $what } { $name } {"{"} … {"}"}` there, else rename one
check-unknown-extension-help = { $suggestion } (to declare a new { $noun }, write `{ $keyword } { $name } {"{"} … {"}"}` without `extend`)
check-list-of-kind-help = `{ $name }` is an entity kind; a list of them is written `[{ $name }]`
check-defined-once-help = a policy defines each name once; rename one, or use the first (another policy's is reached as `<policy>.{ $name }`)
check-no-schedule-help = no schedule is defined: `schedule { $name }(x: money) = …` defines one at the top level
check-arguments = { $count ->
    [one] 1 argument
   *[other] { $count } arguments
}
check-arguments-given = { $count }
check-arguments-none = none
check-aggregate-records = takes records, not a field of them
check-aggregate-records-help = `{ $op }({ $list })` takes the records; to add up a field write `sum(…)`
check-aggregate-field = needs a field of the records
check-aggregate-field-help = name the field taken of each record: `{ $op }({ $list }.{ $field })`
check-aggregate-condition = needs a condition
check-aggregate-condition-help = say what every record must meet: `all({ $list } where { $condition })`
check-aggregate-taken-help = `{ $op }` takes money, a number or a count of each record; to count records write `count(…)`
check-no-lists-help = `{ $entity }` has no list of records; declare one, e.g. `trials: [clinical_trial]`
check-default-literal-help = a default is a literal of the fact's type, e.g. { $example }
check-compare-enum-help = compare it with a value, e.g. `phase == III` or `phase in {"{"} II, III {"}"}`
check-comparison-help = write a comparison, e.g. `rd_cost >= 500万`
check-rate-base-help = a rate needs a base: `20% of rd_cost`
check-rate-range-base-help = a rate range needs a base: `5%..20% of salary`
check-expression-of-type-help = write an expression of type { $types }
check-in-enum-help = `in {"{"} … {"}"}` tests an enum field, e.g. `phase in {"{"} II, III {"}"}`
check-ambiguous-policies-help = more than one policy defines it: write { $choices }
check-reads-facts-help = { $suggestion }; { $fix }
check-reads-facts-schedule = make it a schedule and pass the fact in: `schedule { $schedule }(x: money) = …`, used as `{ $schedule }({ $name })`
check-reads-facts-parameter = pass the fact in as a parameter, and give it where `{ $schedule }` is used, e.g. `{ $schedule }(…, { $name })`
check-placeholder-policy = <policy>
check-field-and-value-help = `{ $name }` is a field of `{ $kind }` and a value; write `{ $kind }.{ $name }` for the field, `{ $policy }.{ $name }` for the value
check-bad-path-help = in a rule for `{ $kind }`, write a field of `{ $kind }` or `<owner>.<field>` for an entity that contains it
check-bad-path-field-help = `{ $name }` is a field of `{ $kind }`; fields have no fields of their own
check-bad-path-form-help = a name is `field` or `owner.field`
check-negate-help = only numbers can be negated
check-share-help = to take a share of an amount write `20% of rd_cost`
check-of-help = `of` takes a rate on the left and money or a number on the right: `20% of rd_cost`
check-max-help = `max` caps money or an award by a money amount: `20% of rd_cost max 400万`
check-per-help = `per` multiplies money by a count: `50万 per new_specialties`
check-range-help = a range joins two amounts or two rates: `10万..50万`, `5%..20%`
check-money-plus-count-help = money adds only to money; to pay an amount per item write `50万 per items`
check-no-combine-help = `{ $op }` does not combine { $left } with { $right }
check-by-enum-help = `by` picks an amount by category; for numeric brackets use `tiers`
check-brackets-help = `{ $what }` brackets a number, money or a count; for categories use `by`
check-missing-variants-help = add { $arms }, or `_ => …` for every value not listed
check-missing-variants-when-help = add { $arms }, or `_ => …` for every value not listed; if the rule does not pay for them, say so before the table: `when { $scrutinee } in {"{"} { $listed } {"}"}`
check-pool-members-help = list the rules the cap covers: `members CZ-03-1a, CZ-03-1b`
check-pool-cap-help = state the cap: `cap 1000万 per enterprise per year`, or a count: `limit 2 per enterprise in total choose highest`
check-stack-members-help = list the rules that reward the same thing: `members CQ-09, CQ-10`
check-stack-earlier-help = say what an earlier grant under a member does: `earlier top_up` pays only the difference up to the higher award (补差), `earlier refuse` pays nothing more
check-no-split-help = `{ $rule }` has no `split`: one payer pays all of it
check-amendment-pool-help = `{ $pool }` is a pool: an amendment sets its money cap from its date (`change { $pool } {"{"} cap … {"}"}`), and does not { $verb } it otherwise
check-amendment-group-help = `{ $name }` is a { $what }: an amendment changes rules (their cite, title, dept, when, reward and split) and pool caps, not a { $what }
check-amendment-on-why = the event date decides which version applies, so every version reads it alike
check-amendment-frequency-why = the ledger counts grants under every version alike
check-amendment-fixed-help = { $why }; to change it, `repeal { $rule }` and add the provision again as a `rule` with an id of its own
check-test-policy-no-rules-help = policy `{ $policy }` has no rules; name another policy's rule as `policy.RULE`
check-test-rule-many = names rules of { $count } policies
check-test-rule-many-help = say which: { $choices }
check-test-rule-none-loaded = names no rule: no rules are loaded
check-test-rule-none-loaded-help = give the rule files as well as the tests, e.g. `policy test rules/ tests/`
check-test-rule-not-loaded = names no rule among the { $count } rule(s) loaded
type-quantity = money, a number or a count
type-an-enum = an enum
type-signed = a number, money or rate
found-a-name = a name
found-an-expression = an expression
found-not-a-count = a number that is not a whole count
context-default-of = the default of `{ $name }`
context-aggregate-field = the field of `{ $op }`
context-argument = argument `{ $param }` of `{ $schedule }`
context-neg-operand = the operand of `-`
context-operand-of = an operand of `{ $op }`
context-value-after = the value after `{ $what }`
context-this-table-entry = this table entry
context-this-tier = this tier
context-this-step = this step

## The parser's words for what it expected

syntax-glued-after = `{ $word }` reads as one name: a keyword ends where a name could not go on, so write a space after it: `{ $keyword } { $rest }`
syntax-glued-before = `{ $word }` reads as one name: a keyword ends where a name could not go on, so write a space before it: `{ $name } { $keyword }`
syntax-choice-separator = {", "}
syntax-choice-or = {" or "}
syntax-amendment-entry = `change`, `repeal`, `rule` or the amendment's `document` or `effective`
syntax-a-field = a field such as `rd_cost: money`
syntax-a-type = a type such as `money` or `[drug]`
syntax-a-rule-id = a rule id such as `CZ-03-1b`
syntax-a-rounding-mode = a rounding mode
syntax-a-tag = a tag such as `issuer "苏州市"` or `level district`
syntax-a-table-entry = a table entry such as `I => 100万`
syntax-a-tier = a tier such as `[1亿, 5亿] => …`
syntax-a-bound = a bound (a number or `..`)
syntax-a-step = a step such as `3 => 30万`
syntax-a-duration = a duration such as `30 days`
syntax-a-rate = a rate such as `20%`
syntax-a-parameter = a parameter such as `p: phase`
syntax-a-schedule = a schedule such as `clinical_cap(phase)`
syntax-a-default-value = a value such as `0`, `false` or an enum value
syntax-a-payer = a payer such as `city 50%`
syntax-a-member = a rule id or `policy <id>`
syntax-a-json-object = a JSON object
syntax-an-entity = an entity such as `enterprise.E1`
syntax-an-amount = an amount such as `400万`, `up_to 200万`, `10万..50万` or `case_by_case`
syntax-a-figure = an amount such as `300万` or `3,000,000`
syntax-an-outcome = an outcome such as `400万`, `up_to 200万` or `not_applicable "…"`

## Facts: what was found, what was expected, how to write it

facts-duplicate-key = duplicate key `{ $key }`
facts-null = null
facts-nothing = nothing
facts-a-list = a list
facts-an-object = an object
facts-json-eof-list = EOF while parsing a list
facts-json-eof-object = EOF while parsing an object
facts-json-eof-string = EOF while parsing a string
facts-json-eof-value = EOF while parsing a value
facts-json-expected-colon = expected `:`
facts-json-expected-list-comma = expected `,` or `]`
facts-json-expected-object-comma = expected `,` or `{"}"}`
facts-json-expected-ident = expected ident
facts-json-expected-value = expected value
facts-json-expected-quote = expected `"`
facts-json-invalid-escape = invalid escape
facts-json-invalid-number = invalid number
facts-json-number-out-of-range = number out of range
facts-json-invalid-code-point = invalid unicode code point
facts-json-control-character = control character (\u0000-\u001F) found while parsing a string
facts-json-key-not-string = key must be a string
facts-json-lone-surrogate = lone leading surrogate in hex escape
facts-json-hex-escape-end = unexpected end of hex escape
facts-json-trailing-comma = trailing comma
facts-json-trailing-characters = trailing characters
facts-json-too-deep = recursion limit exceeded
# serde_json's own words, shown as they are in English (these keep the catalogues parallel).
facts-json-numeric-key = a numeric key must be written in quotes
facts-json-float-key = a floating-point key must be finite (not NaN or infinite)
facts-json-shape = a value of the wrong shape
facts-cell-list = the list is not valid JSON: { $message }
facts-cell-list-help = write the children as a JSON list, [ {"{"} "id": "…", … {"}"} ]; fix column { $column } of the cell
facts-cell-not-utf8 = not UTF-8 text (byte { $at } of the cell is not)
facts-cell-not-utf8-help = save the file as UTF-8; GBK and other encodings are not read
facts-document-help = write {"{"} { $roots }: [ … ] {"}"}
facts-unknown-key = unknown key `{ $key }`
facts-entity-list = a list of entities
facts-entity-list-help = write [ {"{"} "id": "…", … {"}"} ]
facts-duplicate-id = two entities in this list have the id `{ $id }`
facts-duplicate-id-help = give every entity in a list its own id
facts-too-many = more than { $limit } entities in one fact set
facts-too-many-help = give a large population as JSON Lines, one fact set a line (`policy eval --jsonl`)
facts-entity-help = write one `{ $kind }` as {"{"} "id": "…", … {"}"}
facts-id-dot = the id "{ $id }" contains `.`, which separates the parts of a path
facts-id-dot-help = write the id without `.`, e.g. "E1_5" for "E1.5"
facts-id-not-whole = the id `{ $id }` is not written as a whole number
facts-id-not-whole-help = write a numeric id as a whole number, or as a string without `.` (e.g. "1_5")
facts-id-expected = expected an id (a non-empty string without `.`), found { $found }
facts-id-expected-help = give every entity an `id`, e.g. "E1"
facts-a-date = a date
facts-date-help = write a calendar date as "YYYY-MM-DD"
facts-grant-list = a list of grants
facts-ledger-help = write [ {"{"} "policy": …, "rule": …, "entity": …, "year": …, "date": …, "amount": … {"}"} ]
facts-yearly-rule = rule `{ $rule }` pays once a year
facts-yearly-pool = pool `{ $pool }` counts grants per year
facts-missing-year = missing the year the grant is for: { $needs }
facts-missing-year-help = give `"year": 2023`, the year the grant is for (not the year it was paid)
facts-missing-key = missing the key: rule `{ $rule }` pays once per value, so the grant must say which
facts-missing-key-help = give `"key"`: the value the grant was for, e.g. the phase ("III") or the variety's name
facts-grant-not-counted = { $at }: a grant under `{ $policy }`, which is not loaded, counts in no pool; it is not taken into account
facts-a-grant = a grant
facts-grant-help = a grant is an object with policy, rule, entity, year, date, amount
facts-grant-no-field = a grant has no field `{ $key }`
facts-grant-field-help = give the grant's `{ $field }`
facts-missing-date = missing date
facts-missing-date-help = give the date the grant was paid
facts-missing-amount = missing amount
facts-missing-amount-help = give the amount paid
facts-payers-sum = the payers' parts add up to { $sum }, not the amount { $amount }
facts-too-much = too much
facts-payers-sum-help = give each payer's part so that they add up to `amount`
facts-missing-rule = missing the rule: policy `{ $policy }` is loaded, so the grant must name its rule
facts-missing-rule-help = give `"rule"`, the id of the rule the grant was made under
facts-no-rule = policy `{ $policy }` has no rule `{ $rule }`
facts-a-year = a year
facts-year-help = write the year as a number, e.g. 2023
facts-payers = payers
facts-payers-help = write {"{"} "city": …, "district": … {"}"}
facts-money = money
facts-money-help = write a number (30000000) or a string such as "3000万"
facts-a-rate = a rate
facts-rate-help = write a fraction (0.25) or a string such as "25%"
facts-a-number = a number
facts-number-help = write a JSON number
facts-a-count = a count
facts-count-help = write a whole number, 0 or more
facts-a-bool = true or false
facts-bool-help = write true or false
facts-text = text
facts-text-help = write a JSON string
facts-a-duration = a duration
facts-duration-help = write a string such as "3 years" or "30 days"
facts-an-enum-value = a value of enum `{ $name }`
facts-enum-help = write the value as a string
facts-a-value = a value
facts-value-help = see the schema

## Files, and what is left out

eval-unknown-entity = no entity `{ $entity }` in the facts
eval-unknown-entity-help = top-level entities: { $roots }
diagnostics-omitted = and { $more } more `{ $code }` in `{ $file }`
diagnostics-omitted-help = only the first { $count } of each kind per file are shown; fix those and check again
# The word before a note that belongs to a diagnostic (the first definition of a name).
diagnostics-related-error = Error:{" "}
diagnostics-related-warning = Warning:{" "}
diagnostics-related-advice = Advice:{" "}
io-read = cannot read `{ $path }`: { $message }
io-read-help = check the path, its permissions, and that it is UTF-8 text
io-write = cannot write `{ $path }`: { $message }
io-write-help = check that the disk has room and the destination is writable
io-skipped = skipped `{ $path }`: { $reason }
io-skipped-same-file = it was already read under another name
io-skipped-loop = the folder was already searched (a loop)
io-skipped-link = symbolic links in a folder are not followed; name the target to read it
io-no-such-path = no such file or folder
io-standard-input = standard input
io-standard-output = standard output
io-standard-error = standard error
io-terminal = the terminal
io-not-a-file-or-pipe = it is not a regular file or a pipe; only those are read
io-a-folder = it is a folder; only regular files are read
io-not-a-file = it is not a regular file (a device, FIFO or socket); only regular files are read
io-too-big = the file is { $size } MiB; the limit is { $limit } MiB
io-input-too-big = the input is larger than the limit of { $limit } MiB
io-not-utf8 = the file is not UTF-8 text (byte { $at } is not): save it as UTF-8; GBK and other encodings are not read
# Why the operating system refused, by kind (`std::io::ErrorKind`'s name), with the error
# number for a kind not named here. English shows the system's own words instead, so these
# English ones keep the catalogues parallel.
io-os = { $kind ->
    [NotFound] no such file or folder
    [PermissionDenied] permission denied
    [IsADirectory] it is a folder
    [NotADirectory] a part of the path is not a folder
    [AlreadyExists] a file of that name exists
    [InvalidData] the data is not valid (e.g. not UTF-8 text)
    [InvalidInput] an invalid argument
    [StorageFull] the disk is full
    [QuotaExceeded] the disk quota is exceeded
    [ReadOnlyFilesystem] the file system is read-only
    [FilesystemLoop] symbolic links form a loop
    [InvalidFilename] the file name is invalid or too long
    [FileTooLarge] the file is too large
    [DirectoryNotEmpty] the folder is not empty
    [ResourceBusy] the resource is busy
    [CrossesDevices] it cannot be moved across devices
    [BrokenPipe] the other end of the pipe is closed
    [UnexpectedEof] the data ended unexpectedly
    [WriteZero] no more data could be written
    [Interrupted] the operation was interrupted
    [TimedOut] the operation timed out
    [WouldBlock] the operation cannot complete now
    [OutOfMemory] out of memory
    [Unsupported] the system does not support this
    [AddrInUse] the address is in use
    [AddrNotAvailable] the address is not available
    [ConnectionRefused] the connection was refused
    [ConnectionReset] the connection was reset
    [ConnectionAborted] the connection was aborted
    [NotConnected] not connected
   *[other] { $other }
}
io-os-number = os error { $code }
io-os-unknown = an input or output error

## Facts from CSV files and workbooks (the columns themselves stay English in every language)

table-unreadable = { $file }: { $message }
table-unreadable-help = save the sheet as UTF-8 CSV (or .xlsx) with a header row
table-column = { $file }: column `{ $column }` is not a fact of `{ $kind }`
table-column-help = the columns are `id`, the owners' ids ({ $owners }) and the facts: { $facts }
table-column-help-top = the columns are `id` and the facts: { $facts }
table-owner = { $file } line { $line }: its owner { $owner } is not in the owners' file
table-owner-help = add the owner's row, or correct the id columns
table-sheet = { $file } sheet `{ $sheet }`
table-population-kind = a population file is named after its kind: one of { $kinds }
table-no-id-column = the header has no `id` column: one row is one `{ $kind }`, named by its id
# Why CSV or a workbook could not be read, by kind. English shows the csv and workbook
# readers' own words instead, so these English ones keep the catalogues parallel.
table-csv = { $kind ->
    [utf8] line { $line } is not UTF-8 text: save it as UTF-8
    [unequal] line { $line } has { $found } cells where the lines before have { $expected }
    [io] { $reason }
   *[other] line { $line } cannot be read as CSV
}
table-workbook-unreadable = it cannot be read as an Excel workbook (is it an .xlsx file, and whole?)
io-writer-failed = a writer failed mid-line
io-table-not-written = the table could not be written
serve-batch-too-large = the batch is larger than the server's limit (--max-batch-bytes)
serve-client-gone = the client went away
# The HTTP service's problems (the `error` line of a 4xx or 5xx answer).
serve-body-too-large = the body is larger than the server's limit (--max-body-bytes)
serve-body-unreadable = the body could not be read to its end
serve-body-not-utf8 = the body is not UTF-8 text (byte { $at } is not)
serve-facts-misfit = the facts do not fit the rules' schema
serve-too-many-entities = the facts hold { $count } entities; the limit is { $max } a request (use `/v1/evaluate/batch`)
serve-not-exact = the facts cannot be evaluated exactly
serve-not-logged = the decision was not logged, so not sent: { $reason }
serve-no-such-entity = no such entity
serve-too-slow = the request took longer than { $ms } ms; send fewer entities, or retry
serve-bad-as-of = as_of `{ $text }` is not a date; write YYYY-MM-DD
# English adds the query parser's own words after a colon (they are English).
serve-bad-query = bad query string
serve-no-such-rule = no rule `{ $name }` in the loaded rules; `GET /v1/rules` lists them
serve-ambiguous-rule = `{ $name }` names several rules: { $rules }; write one of those
serve-detail-conflict = `detail` and `awards_only=true` say different things: give one
serve-batch-stopped = the batch stopped: { $reason }
serve-internal = internal error, a bug in policy-lang: { $what }
serve-reload-failed = the rules on disk do not check; still serving the previous version
fmt-does-not-parse = the file does not parse
fmt-changed = internal error: formatting would change the meaning of the file, so it is left as it is
fmt-changed-help = please report this file
