//! Bounded cost for hostile input: generates pathological inputs of 1 MB and 10 MB, runs each
//! through the pipeline the CLI runs (check, read facts, evaluate, render the table or the
//! diagnostics) and prints the time and the peak memory against the input's size, as a
//! Markdown table. The targets (docs/robustness.md): under 1 s per MB and under 50× the input.
//!
//!     cargo run --release --example robustness [MB …]
//!     cargo run --release --example robustness -- --save MB DIR   (the inputs, as files)
//!
//! Memory is the process's peak resident set (Linux `VmHWM`, reset before each case through
//! `/proc/self/clear_refs`) less what was resident before the case; elsewhere it shows `–`.

use policy_lang::output::{render_diagnostics, write_table, ErrorFormat};

/// A writer that keeps only the count of bytes written.
struct Counted(usize);

impl std::io::Write for Counted {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0 += bytes.len();
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
use policy_lang::{compile, Errors, Source};
use std::time::Instant;

/// Three levels of entities, rules in a pool, one enterprise-level rule.
const SCHEMA: &str = "schema {
  entity enterprise { rd: money, drugs: [drug] }
  entity drug { cost: money, trials: [trial] }
  entity trial { cost: money, day: date }
}
policy p { issued 2020-01-01 }
";
const RULES: &str = "rule A for trial { on day reward 10% of cost max 100万 every_event }
rule B for trial { on day reward 5% of cost every_event }
rule E for enterprise { on as_of reward 1% of rd yearly }
pool P { members A, B  cap 1000万 per enterprise per year }
";

/// Repeats `unit(i)` until the text holds `bytes`, between `head` and `tail`.
fn grow(bytes: usize, head: &str, tail: &str, unit: impl Fn(usize) -> String) -> String {
    let mut text = head.to_string();
    let mut i = 0;
    while text.len() + tail.len() < bytes {
        text.push_str(&unit(i));
        i += 1;
    }
    text + tail
}

fn trial(i: usize) -> String {
    format!(r#"{{"id": "T{i}", "cost": "{}万", "day": "2024-0{}-01"}}"#, i % 500 + 1, i % 9 + 1)
}

/// The input of a case: rules (and facts, if any).
struct Case {
    shape: &'static str,
    rules: String,
    facts: Option<String>,
}

fn cases(bytes: usize) -> Vec<Case> {
    let rules = |rows: String| {
        format!("{SCHEMA}rule W for enterprise {{\n  on as_of every_event\n  reward tiers rd {{\n{rows}  }}\n}}\n")
    };
    let rows = |unit: &dyn Fn(usize) -> String| grow(bytes, "", "", unit);
    let enterprise = |i: usize| {
        format!(
            r#"{{"id": "E{i}", "rd": "{}万", "drugs": [{{"id": "D1", "cost": "1", "trials": [{}]}}]}},"#,
            i % 900,
            trial(i)
        )
    };
    let facts = |body: String| Some(body.replace(",]", "]"));
    vec![
        Case {
            shape: "wide tiers (disjoint rows)",
            rules: rules(rows(&|i| format!("    [{i}, {}) => {i},\n", i + 1))),
            facts: None,
        },
        Case {
            shape: "overlapping tiers (all `[0, ..)`)",
            rules: rules(rows(&|_| "    [0, ..) => 1,\n".into())),
            facts: None,
        },
        Case {
            shape: "many rules",
            rules: grow(bytes, SCHEMA, "", |i| {
                format!("rule R{i} for enterprise {{ on as_of every_event reward 1% of rd + {i} }}\n")
            }),
            facts: None,
        },
        Case {
            shape: "deep pool (one enterprise, many trials)",
            rules: format!("{SCHEMA}{RULES}"),
            facts: facts(grow(
                bytes,
                r#"{"as_of": "2024-12-31", "enterprise": [{"id": "E1", "rd": 1, "drugs": [{"id": "D1", "cost": 1, "trials": ["#,
                "]}]}]}",
                |i| format!("{},", trial(i)),
            )),
        },
        Case {
            shape: "many enterprises",
            rules: format!("{SCHEMA}{RULES}"),
            facts: facts(grow(bytes, r#"{"as_of": "2024-12-31", "enterprise": ["#, "]}", enterprise)),
        },
        Case {
            shape: "huge ledger",
            rules: format!("{SCHEMA}{RULES}"),
            facts: facts(grow(
                bytes,
                r#"{"as_of": "2024-12-31", "enterprise": [{"id": "E1", "rd": 1, "drugs": [{"id": "D1", "cost": 1, "trials": [{"id": "T1", "cost": "100万", "day": "2024-05-01"}]}]}], "ledger": ["#,
                "]}",
                |i| {
                    format!(
                        r#"{{"policy": "p", "rule": "A", "entity": "enterprise.E1.drugs.D1.trials.T{i}", "year": 2024, "date": "2024-01-01", "amount": 1}},"#
                    )
                },
            )),
        },
        Case {
            shape: "one long line of facts, error at the end",
            rules: format!("{SCHEMA}{RULES}"),
            facts: Some(grow(bytes, r#"{"enterprise": ["#, "x", enterprise)),
        },
        Case {
            shape: "many faults in facts (capped)",
            rules: format!("{SCHEMA}{RULES}"),
            facts: facts(grow(bytes, r#"{"enterprise": ["#, "]}", |i| format!(r#"{{"id": "E{i}", "drugs": []}},"#))),
        },
        Case {
            shape: "one long line of rules, error at the end",
            rules: format!(
                "{SCHEMA}{}rule L for enterprise {{ on as_of every_event reward rd + zz }}\n",
                " ".repeat(bytes)
            ),
            facts: None,
        },
    ]
}

/// Counts what would be printed, without keeping it.
struct Count(usize);

impl std::io::Write for Count {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0 += bytes.len();
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// What the CLI does with the case: check (and compile, for rules alone), or read the facts
/// and evaluate; then print the table or the diagnostics. Returns the bytes printed.
fn run(case: &Case) -> usize {
    let diagnostics = |errors: Errors| render_diagnostics(&errors, ErrorFormat::Plain, false).len();
    let loaded = match compile(vec![Source::new("case.policy", case.rules.as_str())]) {
        Ok(loaded) => loaded,
        Err(errors) => return diagnostics(errors),
    };
    let warnings = render_diagnostics(&loaded.warnings, ErrorFormat::Plain, false).len();
    let Some(json) = &case.facts else {
        let mut ir = Count(0);
        let _ = policy_lang::ir::write(&loaded.program, &mut ir);
        return warnings + ir.0;
    };
    let facts = match loaded.program.facts("case.json", json) {
        Ok(facts) => facts,
        Err(errors) => return diagnostics(errors),
    };
    let as_of = facts.as_of.unwrap_or_default();
    match loaded.program.evaluate(&facts, as_of) {
        Ok(evaluation) => {
            // Written as the CLI writes it, line by line, and counted.
            let mut counted = Counted(0);
            let _ = write_table(&mut counted, &evaluation, None);
            warnings + counted.0
        }
        Err(e) => e.to_string().len(),
    }
}

/// A field of /proc/self/status in bytes (`VmHWM`, `VmRSS`), on Linux.
fn status(field: &str) -> Option<usize> {
    let text = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = text.lines().find(|l| l.starts_with(field))?;
    let kb: usize = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Runs case `index` of size `mb` in this process and prints one row of the table. Each
/// case has a process of its own, so memory freed by one is not reused by the next.
fn measure(mb: usize, index: usize) {
    let Some(case) = cases(mb << 20).into_iter().nth(index) else { return };
    let input = case.rules.len() + case.facts.as_ref().map_or(0, String::len);
    // The peak from here on, less what is resident now (the input included).
    let reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
    let before = status("VmRSS:").filter(|_| reset);
    let start = Instant::now();
    let printed = run(&case);
    let seconds = start.elapsed().as_secs_f64();
    let peak = before.and_then(|b| Some(status("VmHWM:")?.saturating_sub(b)));
    let megabytes = input as f64 / f64::from(1 << 20);
    let (peak_mb, ratio) = match peak {
        Some(p) => (format!("{:.1}", p as f64 / f64::from(1 << 20)), format!("{:.1}×", p as f64 / input as f64)),
        None => ("–".into(), "–".into()),
    };
    let per_mb = seconds / megabytes;
    println!(
        "| {} | {megabytes:.1} | {seconds:.2} | {per_mb:.2} | {peak_mb} | {ratio} | {} |",
        case.shape,
        printed / 1024
    );
}

/// Writes every case of size `mb` to `dir` as `N.policy` (and `N.json`), to run them
/// through the `policy` binary.
fn save(mb: usize, dir: &str) {
    let _ = std::fs::create_dir_all(dir);
    for (i, case) in cases(mb << 20).into_iter().enumerate() {
        let _ = std::fs::write(format!("{dir}/{i}.policy"), &case.rules);
        if let Some(facts) = &case.facts {
            let _ = std::fs::write(format!("{dir}/{i}.json"), facts);
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, mb, arg] = args.as_slice() {
        match flag.as_str() {
            "--case" => return measure(mb.parse().unwrap_or(1), arg.parse().unwrap_or(0)),
            "--save" => return save(mb.parse().unwrap_or(1), arg),
            _ => {}
        }
    }
    let sizes: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![1, 10] } else { sizes };
    println!("| shape | input MB | time s | s per MB | peak MB | peak ÷ input | output KB |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    let me = std::env::current_exe().unwrap_or_default();
    for mb in sizes {
        for index in 0..cases(0).len() {
            let row = std::process::Command::new(&me).args(["--case", &mb.to_string(), &index.to_string()]).output();
            match row {
                Ok(out) => print!("{}", String::from_utf8_lossy(&out.stdout)),
                Err(e) => println!("| case {index} | cannot run: {e} |"),
            }
        }
    }
}
