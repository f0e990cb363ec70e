//! `policy serve`: the real binary on a loopback port, spoken to over HTTP.

use pretty_assertions::assert_eq;
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

/// A running server, stopped when dropped.
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`
    pub url: String,
}

impl Server {
    /// Starts `policy serve ARGS --addr 127.0.0.1:0` and reads the port it bound.
    pub fn start(args: &[&str]) -> Server {
        let mut child = crate::common::policy()
            .arg("serve")
            .args(args)
            .args(["--addr", "127.0.0.1:0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run policy serve: {e}"));
        let mut line = String::new();
        let stdout = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
        BufReader::new(stdout).read_line(&mut line).unwrap_or_else(|e| panic!("{e}"));
        let url = line.trim().strip_prefix("listening on ").unwrap_or_else(|| panic!("said {line:?}")).to_string();
        Server { child, url }
    }

    /// `kill -HUP`: asks the server to reload its rules.
    pub fn hang_up(&self) {
        let status = Command::new("kill").args(["-HUP", &self.child.id().to_string()]).status();
        assert!(status.is_ok_and(|s| s.success()));
    }

    pub fn post(&self, path: &str, body: &str) -> (u16, String) {
        answer(ureq::post(&format!("{}{path}", self.url)).send_string(body))
    }

    pub fn get(&self, path: &str) -> (u16, String) {
        answer(ureq::get(&format!("{}{path}", self.url)).call())
    }

    pub fn post_json(&self, path: &str, body: &str) -> (u16, Value) {
        let (status, text) = self.post(path, body);
        (status, serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}")))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(crate) fn answer(result: Result<ureq::Response, ureq::Error>) -> (u16, String) {
    match result {
        Ok(r) => (r.status(), r.into_string().unwrap_or_default()),
        Err(ureq::Error::Status(code, r)) => (code, r.into_string().unwrap_or_default()),
        Err(e) => panic!("{e}"),
    }
}

fn cli(args: &[&str]) -> String {
    cli_exit(args, 0)
}

fn cli_exit(args: &[&str], code: i32) -> String {
    let out = crate::common::policy().args(args).output().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(code), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn examples() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir("examples")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path().display().to_string())
        .filter(|p| p.ends_with(".json"))
        .collect();
    files.sort();
    assert!(files.len() >= 3, "{files:?}");
    files
}

#[test]
fn evaluate_answers_what_the_cli_prints_on_every_example() {
    let server = Server::start(&["rules/"]);
    for example in examples() {
        let cli: Value = serde_json::from_str(&cli(&["eval", "rules/", "--facts", &example, "--format", "json"]))
            .unwrap_or_else(|e| panic!("{e}"));
        let facts = std::fs::read_to_string(&example).unwrap_or_default();
        let (status, http) = server.post_json("/v1/evaluate", &facts);
        assert_eq!(status, 200, "{example}: {http}");
        assert_eq!(http, cli, "{example}");
        assert!(http["provenance"]["rules_sha256"].as_str().is_some_and(|h| h.len() == 64));
    }
}

#[test]
fn explain_why_and_why_not_narrow_the_same_evaluation() {
    let server = Server::start(&["rules/"]);
    let facts = std::fs::read_to_string("examples/changzhou_device_maker.json").unwrap_or_default();
    let entity = "enterprise.CZMED.devices.DEV-ENDO";
    let cli: Value = serde_json::from_str(&cli(&[
        "eval",
        "rules/",
        "--facts",
        "examples/changzhou_device_maker.json",
        "--format",
        "json",
        "--explain",
        entity,
    ]))
    .unwrap_or_default();
    let (_, explained) = server.post_json(&format!("/v1/evaluate?explain={entity}"), &facts);
    assert_eq!(explained, cli);
    let (status, why) = server.post_json(&format!("/v1/why?rule=CZ-03-2a&entity={entity}"), &facts);
    assert_eq!(status, 200, "{why}");
    assert_eq!(why["awards"][0]["max"], "2000000.00");
    assert!(why["awards"][0]["trace"].as_array().is_some_and(|t| !t.is_empty()));
    let (status, why_not) = server.post_json("/v1/why-not?rule=changzhou_2023.CZ-03-2a", &facts);
    assert_eq!(status, 200, "{why_not}");
    // Each entry as the whole evaluation writes it: its reasons, sentence and values.
    let (_, full) = server.post_json("/v1/evaluate", &facts);
    let entries: Vec<&serde_json::Value> = full["not_applicable"]
        .as_array()
        .map(|all| all.iter().filter(|n| n["rule"] == "CZ-03-2a").collect())
        .unwrap_or_default();
    assert!(!entries.is_empty(), "{full}");
    assert_eq!(why_not["not_applicable"].as_array().map(|a| a.iter().collect::<Vec<_>>()), Some(entries));
    let (status, unknown) = server.post_json("/v1/why?rule=NO-SUCH", &facts);
    assert_eq!(status, 422);
    assert!(unknown["error"].as_str().is_some_and(|e| e.contains("NO-SUCH")), "{unknown}");
}

#[test]
fn batch_streams_what_the_cli_writes_for_json_lines() {
    let server = Server::start(&["rules/"]);
    let mut lines = Vec::new();
    for example in examples() {
        let facts: Value =
            serde_json::from_str(&std::fs::read_to_string(example).unwrap_or_default()).unwrap_or_default();
        lines.push(facts.to_string());
    }
    lines.insert(1, "{\"enterprise\": [".into());
    let input = lines.join("\n") + "\n";
    let path = format!("{}/serve_batch.jsonl", env!("CARGO_TARGET_TMPDIR"));
    std::fs::write(&path, &input).unwrap_or_else(|e| panic!("{e}"));
    let cli = cli_exit(&["eval", "rules/", "--facts", &path, "--as-of", "2025-01-01"], 1); // a line failed
    let (status, http) = server.post("/v1/evaluate/batch?as_of=2025-01-01", &input);
    assert_eq!(status, 200);
    assert_eq!(http, cli);
    assert!(http.lines().nth(1).is_some_and(|l| l.contains("\"error\"")), "{http}");
    // `detail` says what `--detail` says; `awards_only=true` is `detail=awards`.
    for detail in ["compact", "awards"] {
        let cli = cli_exit(&["eval", "rules/", "--facts", &path, "--as-of", "2025-01-01", "--detail", detail], 1);
        let (status, http) = server.post(&format!("/v1/evaluate/batch?as_of=2025-01-01&detail={detail}"), &input);
        assert_eq!((status, &http), (200, &cli), "{detail}");
    }
    let awards = server.post("/v1/evaluate/batch?as_of=2025-01-01&awards_only=true", &input);
    assert_eq!(awards, server.post("/v1/evaluate/batch?as_of=2025-01-01&detail=awards", &input));
    assert_eq!(server.post("/v1/evaluate/batch?detail=compact&awards_only=true", &input).0, 400);
}

#[test]
fn bad_input_is_a_4xx_with_located_diagnostics_never_a_5xx() {
    let server = Server::start(&["rules/", "--max-body-bytes", "4096", "--max-entities", "2"]);
    // Not JSON: the line and column, as the CLI gives them.
    let (status, bad) = server.post_json("/v1/evaluate", "{\n  \"enterprise\": [\n    {\"id\": }\n");
    assert_eq!(status, 422);
    assert_eq!((&bad["diagnostics"][0]["code"], &bad["diagnostics"][0]["line"]), (&"facts::json".into(), &3.into()));
    assert_eq!(bad["diagnostics"][0]["file"], "body");
    // Facts that do not fit: the JSON path.
    let (status, bad) = server.post_json("/v1/evaluate", r#"{"enterprise": [{"id": "E1", "rd_cost": true}]}"#);
    assert_eq!(status, 422);
    let messages: Vec<&str> =
        bad["diagnostics"].as_array().into_iter().flatten().filter_map(|d| d["message"].as_str()).collect();
    assert!(messages.iter().any(|m| m.starts_with("$.enterprise[0]")), "{messages:?}");
    // Limits.
    let (status, big) = server.post_json("/v1/evaluate", &format!("{{\"x\": \"{}\"}}", "a".repeat(5000)));
    assert_eq!(status, 413, "{big}");
    let three = std::fs::read_to_string("examples/changzhou_device_maker.json").unwrap_or_default();
    let (status, many) = server.post_json("/v1/evaluate", &three);
    assert!(status == 413 || status == 422, "{many}");
    // The query and the body's encoding.
    assert_eq!(server.post_json("/v1/evaluate?as_of=31/12/2024", "{}").0, 400);
    assert_eq!(server.post_json("/v1/evaluate?explain=enterprise.NOPE", "{\"enterprise\": []}").0, 422);
    let not_utf8 = ureq::post(&format!("{}/v1/evaluate", server.url)).send_bytes(&[0xff, 0xfe]);
    assert_eq!(answer(not_utf8).0, 400);
    assert_eq!(server.get("/v1/evaluate").0, 405);
    assert_eq!(server.post_json("/v1/why", "{}").0, 400); // no rule named
}

#[test]
fn too_many_entities_is_413() {
    let server = Server::start(&["rules/", "--max-entities", "1"]);
    let facts = std::fs::read_to_string("examples/changzhou_device_maker.json").unwrap_or_default();
    let (status, body) = server.post_json("/v1/evaluate", &facts);
    assert_eq!(status, 413, "{body}");
    assert!(body["error"].as_str().is_some_and(|e| e.contains("limit is 1")), "{body}");
}

#[test]
fn rules_schema_openapi_check_and_health_describe_the_service() {
    let server = Server::start(&["rules/"]);
    let (status, health) = server.get("/healthz");
    assert_eq!(status, 200);
    assert!(health.contains("\"ok\""));
    let rules: Value = serde_json::from_str(&server.get("/v1/rules").1).unwrap_or_default();
    let loaded = policy_lang::load(&["rules/".into()]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(rules["rules"].as_array().map(Vec::len), Some(loaded.program.rules.len()));
    let schema: Value = serde_json::from_str(&server.get("/v1/schema").1).unwrap_or_default();
    assert_eq!(schema, policy_lang::ir::facts_schema(&loaded.program));
    let api: Value = serde_json::from_str(&server.get("/v1/openapi.json").1).unwrap_or_default();
    for path in [
        "/v1/evaluate",
        "/v1/evaluate/batch",
        "/v1/why",
        "/v1/why-not",
        "/v1/check",
        "/v1/rules",
        "/v1/schema",
        "/v1/facts-needed",
        "/v1/reload",
        "/healthz",
    ] {
        assert!(api["paths"][path].is_object(), "{path} missing from the OpenAPI document");
    }
    let needs: Value = serde_json::from_str(&server.get("/v1/facts-needed?rule=CZ-03-2a").1).unwrap_or_default();
    let expected = policy_lang::needs::facts_needed(&loaded.program).into_iter().filter(|n| n.rule == "CZ-03-2a");
    assert_eq!(needs, serde_json::to_value(expected.collect::<Vec<_>>()).unwrap_or_default());
    assert_eq!(server.get("/v1/facts-needed?rule=NOPE").0, 422);
    // A rules file edited in a browser: checked with the rest of the rules, located.
    let text = std::fs::read_to_string("rules/wuxi.policy").unwrap_or_default().replacen("  reward ", "  rewrd ", 1);
    let (status, check) = server.post_json("/v1/check?name=rules/wuxi.policy", &text);
    assert_eq!(status, 200);
    assert_eq!(check["ok"], false);
    let first = &check["diagnostics"][0];
    assert_eq!(first["file"], "rules/wuxi.policy");
    assert!(first["line"].as_u64().is_some_and(|l| l > 1), "{check}");
    let (_, clean) = server.post_json(
        "/v1/check?name=rules/wuxi.policy",
        &std::fs::read_to_string("rules/wuxi.policy").unwrap_or_default(),
    );
    assert_eq!(clean["ok"], true, "{clean}");
}

/// Two versions of one rule: version `n` pays `n`万.
fn rules_paying(amount: u32) -> String {
    format!(
        "schema {{ entity enterprise {{ name: text }} }}\n\
         policy demo {{ issued 2024-01-01 }}\n\
         rule R1 for enterprise {{ on as_of once reward {amount}万 }}\n"
    )
}

#[test]
fn a_reload_under_load_never_mixes_versions_and_refuses_rules_that_do_not_check() {
    let dir = format!("{}/serve_reload", env!("CARGO_TARGET_TMPDIR"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let file = format!("{dir}/demo.policy");
    std::fs::write(&file, rules_paying(1)).unwrap_or_else(|e| panic!("{e}"));
    let server = std::sync::Arc::new(Server::start(&[dir.as_str()]));
    let facts = r#"{"as_of": "2024-06-30", "enterprise": [{"id": "E1", "name": "示例"}]}"#;
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let clients: Vec<_> = (0..3)
        .map(|_| {
            let (server, stop) = (server.clone(), stop.clone());
            std::thread::spawn(move || {
                let mut seen = Vec::new();
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let (status, json) = server.post_json("/v1/evaluate", facts);
                    assert_eq!(status, 200, "{json}");
                    let hash = json["provenance"]["rules_sha256"].as_str().unwrap_or_default().to_string();
                    seen.push((hash, json["awards"][0]["amount"].as_str().unwrap_or_default().to_string()));
                }
                seen
            })
        })
        .collect();
    for version in 2..=21 {
        std::fs::write(&file, rules_paying(version)).unwrap_or_else(|e| panic!("{e}"));
        let (status, body) = server.post("/v1/reload", "");
        assert_eq!(status, 200, "{body}");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let mut by_hash = std::collections::BTreeMap::<String, std::collections::BTreeSet<String>>::new();
    for client in clients {
        for (hash, amount) in client.join().unwrap_or_else(|_| panic!("a client failed")) {
            by_hash.entry(hash).or_default().insert(amount);
        }
    }
    // Each version of the rules answered with its own amount, and only that.
    assert!(by_hash.len() > 2, "the reloads were not seen: {by_hash:?}");
    for (hash, amounts) in &by_hash {
        assert_eq!(amounts.len(), 1, "rules {hash} answered with {amounts:?}");
    }
    // Rules that do not check are refused, located, and the last good version stays.
    let (_, before) = server.get("/healthz");
    std::fs::write(&file, rules_paying(99).replace("reward", "rewrd")).unwrap_or_else(|e| panic!("{e}"));
    let (status, refused) = server.post_json("/v1/reload", "");
    assert_eq!(status, 422, "{refused}");
    assert_eq!(refused["diagnostics"][0]["line"], 3, "{refused}");
    assert_eq!(server.get("/healthz").1, before);
    let (_, json) = server.post_json("/v1/evaluate", facts);
    assert_eq!(json["awards"][0]["amount"], "210000.00");
}

#[test]
fn every_decision_is_logged_before_it_is_answered() {
    let log = format!("{}/serve_decisions.jsonl", env!("CARGO_TARGET_TMPDIR"));
    let _ = std::fs::remove_file(&log);
    let server = Server::start(&["rules/", "--decision-log", &log]);
    let facts = std::fs::read_to_string("examples/wuxi_innovative_drug.json").unwrap_or_default();
    for round in 1..=3 {
        let (status, answer) = server.post_json("/v1/evaluate", &facts);
        assert_eq!(status, 200);
        let logged = std::fs::read_to_string(&log).unwrap_or_default();
        assert_eq!(logged.lines().count(), round, "the answer came before its log line");
        let last: Value = serde_json::from_str(logged.lines().last().unwrap_or_default()).unwrap_or_default();
        assert_eq!(last["rules_sha256"], answer["provenance"]["rules_sha256"]);
        assert_eq!(last["facts"], facts.as_str());
    }
    // A batch is logged too, line by line, and answers as it does without a log.
    let line = serde_json::from_str::<Value>(&facts).unwrap_or_default().to_string();
    let batch = format!("{line}\nnot json\n\n{line}\n");
    let (status, answer) = server.post("/v1/evaluate/batch?as_of=2025-01-01", &batch);
    assert_eq!(status, 200);
    let plain = Server::start(&["rules/"]);
    assert_eq!(plain.post("/v1/evaluate/batch?as_of=2025-01-01", &batch).1, answer);
    assert_eq!(std::fs::read_to_string(&log).unwrap_or_default().lines().count(), 5);
    let replay = cli(&["replay", &log, "rules/"]);
    assert!(replay.contains("replayed 5 decision(s): 0 different"), "{replay}");
}

#[test]
fn the_readme_shows_the_python_client_that_ci_runs() {
    let readme = std::fs::read_to_string("README.md").unwrap_or_default();
    let client = std::fs::read_to_string("examples/client.py").unwrap_or_default();
    assert!(client.lines().count() <= 12);
    assert!(readme.contains(&client), "README.md and examples/client.py differ");
}

#[cfg(unix)]
#[test]
fn sighup_reloads_rules_that_check_and_keeps_the_old_ones_otherwise() {
    let dir = format!("{}/serve_sighup", env!("CARGO_TARGET_TMPDIR"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let file = format!("{dir}/demo.policy");
    std::fs::write(&file, rules_paying(1)).unwrap_or_else(|e| panic!("{e}"));
    let server = Server::start(&[dir.as_str()]);
    let facts = r#"{"as_of": "2024-06-30", "enterprise": [{"id": "E1", "name": "示例"}]}"#;
    let amount = || server.post_json("/v1/evaluate", facts).1["awards"][0]["amount"].clone();
    assert_eq!(amount(), "10000.00");
    let wait_for = |want: &str| {
        for _ in 0..100 {
            if amount() == want {
                return true;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        false
    };
    std::fs::write(&file, rules_paying(5)).unwrap_or_else(|e| panic!("{e}"));
    server.hang_up();
    assert!(wait_for("50000.00"), "SIGHUP did not reload");
    std::fs::write(&file, rules_paying(7).replace("reward", "rewrd")).unwrap_or_else(|e| panic!("{e}"));
    server.hang_up();
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert_eq!(amount(), "50000.00", "rules that do not check were swapped in");
}

#[test]
fn a_request_over_the_time_limit_is_cut_off_with_a_503_and_the_server_goes_on() {
    let server = Server::start(&["rules/", "--timeout-ms", "1"]);
    // 300 enterprises: far more than a millisecond's work, however the machine is loaded.
    let one: Value =
        serde_json::from_str(&std::fs::read_to_string("examples/changzhou_device_maker.json").unwrap_or_default())
            .unwrap_or_default();
    let many: Vec<Value> = (0..300)
        .map(|i| {
            let mut e = one["enterprise"][0].clone();
            e["id"] = format!("E{i}").into();
            e
        })
        .collect();
    let facts = serde_json::json!({ "as_of": one["as_of"], "enterprise": many }).to_string();
    let (status, body) = server.post_json("/v1/evaluate", &facts);
    assert_eq!(status, 503, "{body}");
    assert!(body["error"].as_str().is_some_and(|e| e.contains("longer than 1 ms")), "{body}");
    assert_eq!(server.get("/healthz").0, 200);
}

#[test]
fn a_batch_over_its_size_limit_ends_with_a_line_saying_so() {
    let server = Server::start(&["rules/", "--max-batch-bytes", "3000"]);
    let line = serde_json::from_str::<Value>(
        &std::fs::read_to_string("examples/changzhou_device_maker.json").unwrap_or_default(),
    )
    .unwrap_or_default()
    .to_string();
    let (status, answer) = server.post("/v1/evaluate/batch", &format!("{line}\n").repeat(5));
    assert_eq!(status, 200); // the status is sent before the body is read to its end
    let last = answer.lines().last().unwrap_or_default();
    assert!(last.contains("larger than the server's limit"), "{last}");
}
