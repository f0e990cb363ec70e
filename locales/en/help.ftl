# The command line's help (policy --help): the same words as the doc comments in src/main.rs,
# which clap shows in English; a test keeps them equal. Another language replaces them.

cli-about = Check and evaluate subsidy policies written in policy-lang
cli-error-format = How to print diagnostics
cli-lang = The language of messages: `zh` (中文) or `en`; without it, POLICY_LANG, LC_ALL, LC_MESSAGES or LANG decide, and English when none names a language we have
cli-amounts = How amounts are shown: `yuan` (20,000,000) or `wan` (2000万元, 1.5亿元); JSON keeps the exact figure either way
cli-check-about = Parse and type-check rule files (folders are searched for *.policy)
cli-check-paths = Rule files, or folders searched for *.policy
cli-check-show-acknowledged = Also list the warnings the rules answer with `acknowledge`, with their reasons
cli-eval-about = Evaluate rules against a JSON fact set
cli-eval-paths = Rule files, or folders searched for *.policy
cli-eval-facts = The facts: a JSON file, `-` for standard input, a folder of CSV files (one per entity kind, `<kind>.csv`, the owners' ids as columns; `ledger.csv`), an `.xlsx` workbook with a sheet per kind, or a population as one `.csv` file (one top-level entity a row, evaluated like --jsonl)
cli-eval-as-of = The evaluation date (YYYY-MM-DD); it wins over the facts' `as_of` (also on every line of --jsonl); without either, today (UTC)
cli-eval-explain = Show only this entity (e.g. `enterprise.E1`) and what it contains: every rule considered, why each did or did not pay, and the pool arithmetic
cli-eval-jsonl = The facts are JSON Lines, one fact set a line; results are written one a line, in order (implied by a `.jsonl` or `.ndjson` file name). A bad line gives an error record with its line number. A reader that goes away (`| head`) ends the run quietly (exit 0); Ctrl-C finishes the line being written (exit 130)
cli-eval-threads = Worker threads for JSON Lines (default: every core). Never more than the cores there are, nor than the lines evaluated at a time (4,096)
cli-eval-awards-only = JSON Lines: awards and totals only, without traces or reasons (same amounts, several times faster and smaller)
cli-eval-detail = JSON Lines: how much each result says: `full` (traces and reasons, as sentences and as values), `compact` (steps and grouped reasons as values, the rules that did not pay named by their index in `compile --target json`) or `awards` (the same as --awards-only)
cli-eval-decision-log = Append one JSON line per top-level entity (time, rules and facts hashes, awards, total, the facts) to FILE, flushed before the result is printed (JSON Lines: on one thread, each line logged before it is written)
cli-eval-format = How to print the results: `table` (the default), `json`, `csv` (one row per award) or `xlsx` (the same rows as a workbook)
cli-facts-needed-about = List the facts each rule reads (conditions, event date, amount, once-key) and the ledger rows it counts: what to pull for 免申即享
cli-facts-needed-paths = Rule files, or folders searched for *.policy
cli-facts-needed-rule = Only this rule (`CZ-03-2a` or `changzhou_2023.CZ-03-2a`)
cli-facts-needed-format = How to print the list: `table` (the default) or `json`
cli-replay-about = Evaluate a decision log again with these rules; exit 1 if any decision comes out differently
cli-replay-log = The log written by `--decision-log`
cli-replay-paths = Rule files, or folders searched for *.policy
cli-gen-about = Draw a synthetic population from the rules' schema: JSON Lines, one enterprise a line
cli-gen-paths = Rule files, or folders searched for *.policy
cli-gen-count = How many fact sets
cli-gen-seed = The same seed gives the same population
cli-compile-about = Hand checked rules to other tools: `json` (the versioned IR) or `schema` (a JSON Schema of the facts the rules read)
cli-compile-paths = Rule files, or folders searched for *.policy
cli-compile-target = What to write: `json` (the versioned IR) or `schema` (a JSON Schema of the facts)
cli-fmt-about = Lay out rule files canonically (comments kept); rewrites them unless --check or --diff
cli-fmt-paths = Rule files, or folders searched for *.policy
cli-fmt-check = Write nothing; exit 1 if any file is not formatted
cli-fmt-diff = Write nothing; show what would change as a unified diff
cli-repl-about = Draft and explore policies interactively (`:help` inside lists the commands)
cli-repl-paths = Rule files or folders to load first
cli-repl-facts = A JSON fact set to read first
cli-serve-about = Serve the rules over HTTP (`/v1/evaluate`, `/v1/openapi.json`, …); `SIGHUP` or `POST /v1/reload` re-reads them
cli-serve-paths = Rule files, or folders searched for *.policy
cli-serve-addr = Where to listen; port 0 takes a free port (the address is printed)
cli-serve-max-body-bytes = The largest request body, in bytes
cli-serve-max-entities = The most entities in one fact set
cli-serve-timeout-ms = The longest one request may evaluate for, in milliseconds
cli-serve-max-batch-bytes = The largest batch body, in bytes
cli-serve-decision-log = Append one JSON line per top-level entity evaluated (batches too) to FILE, flushed before the answer (or the batch's line) is sent
cli-test-about = Run the test cases written next to the rules; the last line is `N passed, N failed`
cli-test-paths = Rule files, or folders searched for *.policy
cli-test-coverage = Also list the rules no test exercises, and fail if there are any
cli-test-facts-root = Let tests read `facts "…"` files anywhere below this folder (by default a test's facts must be a regular file in the test file's own folder or below it)
cli-test-format = How to print the results: `table` (the default) or `json`

## Headings clap writes

cli-usage-heading = Usage
cli-commands-heading = Commands
cli-arguments-heading = Arguments
cli-options-heading = Options
cli-help = Print help
cli-version = Print version
cli-help-command = Print this message or the help of the given subcommand(s)

## Placeholders of values in usage and help: clap writes the English itself (an argument's
## name in capitals); these keep the catalogues parallel.

cli-value-error-format = ERROR_FORMAT
cli-value-lang = LANG
cli-value-amounts = AMOUNTS
cli-value-paths = PATHS
cli-value-facts = FACTS
cli-value-as-of = AS_OF
cli-value-format = FORMAT
cli-value-explain = ENTITY
cli-value-threads = THREADS
cli-value-detail = DETAIL
cli-value-decision-log = FILE
cli-value-rule = RULE
cli-value-log = LOG
cli-value-count = COUNT
cli-value-seed = SEED
cli-value-target = TARGET
cli-value-addr = ADDR
cli-value-max-body-bytes = MAX_BODY_BYTES
cli-value-max-entities = MAX_ENTITIES
cli-value-timeout-ms = TIMEOUT_MS
cli-value-max-batch-bytes = MAX_BATCH_BYTES
cli-value-facts-root = FOLDER
cli-value-command = COMMAND
cli-value-options = OPTIONS
