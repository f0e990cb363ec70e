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
