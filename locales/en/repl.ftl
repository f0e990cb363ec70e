# The REPL's own words (src/repl/): its greeting, :help, and what each command answers.

repl-banner = policy-lang REPL: :help lists the commands, Ctrl-D leaves
repl-cancelled = (input cancelled)
repl-history-not-saved = note: the history cannot be saved to { $path }: { $error }

## :help

repl-help-help = list the commands
repl-help-load = load rule files or folders, replacing the rules loaded before
repl-help-reload = read the loaded rule files again (after editing them)
repl-help-facts = read facts from a JSON file; alone, print the current facts
repl-help-set = set one fact: :set enterprise.E1.drugs.D1.rd_cost = 3000万
repl-help-unset = remove one fact, or a whole entity
repl-help-as-of = show or set the evaluation date (else the facts' as_of, else today)
repl-help-focus = show or set the entity expressions read (else the first in the facts)
repl-help-eval = evaluate every rule; with an entity, only it and what it contains
repl-help-why = the awards a rule gives, each with its trace
repl-help-why-not = why a rule did not apply
repl-help-type = the type of an expression, without evaluating it
repl-help-rules = list the rules: policy, id, entity kind, cite, title
repl-help-schema = list the enums and entity kinds, with each field's type (? = optional)
repl-help-show = print a rule's source text with its citation
repl-help-quit = leave the REPL (also Ctrl-D)
repl-help-tail = Anything else is an expression, evaluated for the focused entity (`20% of rd_cost`),
    or an item (rule, schema, policy, pool, stack, test) added to the session; an item may
    span lines and ends when it is complete. Ctrl-C cancels the input, Ctrl-D leaves.

## Commands

repl-unknown-command = unknown command `{ $name }`: { $help }
repl-help-lists-them = :help lists them
repl-usage = usage: { $usage }
repl-usage-see-help = usage: see :help for `{ $name }`
repl-usage-set = usage: { $usage }, e.g. :set enterprise.E1.rd_cost = 3000万
# The placeholders of the commands' arguments.
repl-arg-paths = paths
repl-arg-file = file
repl-arg-path = path
repl-arg-value = value
repl-arg-entity = entity
repl-arg-rule = rule
repl-arg-expr = expr
repl-arg-expression = expression
repl-no-facts-yet-set = no facts yet: :facts <file>, or :set enterprise.E1 = { "{" } … { "}" }
repl-not-a-date = `{ $text }` is not a date; write YYYY-MM-DD
repl-as-of = as of { $date } ({ $from })
repl-as-of-set = set with :as_of
repl-as-of-facts = the facts' as_of
repl-as-of-today = today
repl-focus = expressions read { $path } (kind { $kind })
repl-focus-no-facts = no facts: expressions are checked for kind { $kind }
repl-no-facts = no facts
repl-and-more = and { $count } more
repl-no-entities = no entities
repl-facts-summary = facts from { $name }: { $roots }
repl-facts-summary-as-of = facts from { $name }: { $roots }; as of { $date }
repl-holds-facts = `{ $file }` holds facts, not rules: read it with :facts { $file } (nothing changed)
repl-nothing-changed = (nothing changed)
repl-loaded = loaded { $files } file(s): { $policies ->
        [one] 1 policy
       *[other] { $policies } policies
    }, { $rules } rule(s)
repl-loaded-warnings = loaded { $files } file(s): { $policies ->
        [one] 1 policy
       *[other] { $policies } policies
    }, { $rules } rule(s), { $warnings } warning(s)
repl-typed-do-not-fit = the items typed in this session do not fit these files (nothing changed)
repl-nothing-loaded = nothing loaded yet: :load <paths>
repl-facts-unchanged = (the facts are unchanged)
repl-facts-do-not-fit-rules = the facts do not fit these rules; fix them with :set / :unset, or read others with :facts <file>
repl-focus-gone = the focused entity `{ $path }` is not in the facts; choose another with :focus
repl-facts-do-not-fit = the facts do not fit the rules loaded; fix them with :set / :unset or :facts <file>
repl-no-facts-yet = no facts yet: read some with :facts <file>, or add an entity with :set
repl-no-rule = no rule `{ $name }`: { $help }
repl-no-rule-bare = no rule `{ $name }`
repl-several-rules = `{ $name }` names several rules: { $rules }; name one

## :eval, :why, :why-not

repl-entity-says = { $entity }: { $text }
repl-excluded = { $entity }: excluded: { $reason }
repl-paid-nothing = it paid nothing; :why-not { $rule }{ $scope } says why
repl-not-applicable-to-others = (not applicable to { $count } other(s): :why-not { $rule }{ $scope })
repl-it-applies = { $entity }: it applies: { $award } (:why { $rule } { $entity })
repl-none-of-kind = no { $kind }{ $under } in the facts, so { $rule } was not evaluated
repl-none-of-kind-under = {" "}in { $entity }

## :rules, :schema, :show

repl-no-rules-yet = no rules yet: :load <paths>, or type a rule
repl-no-schema-yet = no schema yet: :load <paths>, or type a schema { "{" } … { "}" }
repl-column-policy = POLICY
repl-column-rule = RULE
repl-column-for = FOR
repl-column-cite = CITE
repl-column-title = TITLE
repl-no-such-rule = no such rule
repl-source-not-kept = source not kept

## Items typed

repl-added = added { $what } { $name }
repl-replaced = replaced { $what } { $name }
repl-added-rule = added { $what } { $name } for { $kind } (policy { $policy })
repl-replaced-rule = replaced { $what } { $name } for { $kind } (policy { $policy })
repl-policy-heads = policy { $name } now heads the rules typed here
repl-not-added = (not added)

## Expressions, :set, :unset

repl-no-value-for = no value for { $path }: { $reason }
repl-no-value = no value: { $reason } (there are no facts yet: :facts <file>)
repl-no-type = this expression has no type
repl-no-schema-names = no schema yet, so names mean nothing: :load <paths>, or type a schema { "{" } … { "}" }
repl-set = { $path } = { $value }
repl-set-was = { $path } = { $value } (was { $old })
repl-removed = removed { $path } (was { $old })
repl-no-facts-to-change = no facts to change
repl-item-rule = rule
repl-item-schema = schema
repl-item-pool = pool
repl-item-stack = stack
repl-item-test = test
repl-item-value = value
repl-item-schedule = schedule
repl-item-amendment = amendment
repl-value-after-equals = give a value after `=`
repl-not-a-value = `{ $text }` is not a value: { $error }
repl-not-a-path-example = `{ $path }` is not a path; write e.g. enterprise.E1.rd_cost
repl-not-a-path = `{ $path }` is not a path
repl-id-in-path-set = an entity's id is part of its path: :unset it and :set it anew
repl-id-in-path-unset = an entity's id is part of its path: :unset the entity instead
repl-no-entity-add = no entity `{ $entity }` in the facts; add one with :set { $entity } = { "{" } … { "}" }
repl-no-entity = no entity `{ $entity }` in the facts
repl-entity-needs-object = `{ $path }` is an entity: give its facts as a JSON object, { "{" } "field": … { "}" }
repl-facts-have-no = the facts have no `{ $part }`
repl-has-no = `{ $here }` has no `{ $part }`
repl-is-which-has-no = `{ $here }` is { $kind }, which has no `{ $part }`
repl-json-null = null
repl-json-bool = true or false
repl-json-number = a number
repl-json-text = text
repl-json-list = a list
repl-json-object = an object
repl-schema-listed-in = in { $list }
