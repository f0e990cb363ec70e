//! Hostile input and output, through the real binary: every write checked, files rewritten
//! whole, inputs bounded, links in folders not followed, test facts kept in their folder.

use crate::cli::{policy, text};
use std::io::{BufRead, BufReader, Read};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const RULES: &str = "tests/cli/demo.policy";

/// Runs `policy` with standard output (or standard error) sent to `/dev/full`.
fn to_full(args: &[&str], stdin: Option<&str>, stderr_full: bool) -> Output {
    let full = || std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let mut command = crate::common::policy();
    command.args(args).env("NO_COLOR", "1").stdin(Stdio::piped());
    if stderr_full {
        command.stdout(Stdio::null()).stderr(full());
    } else {
        command.stdout(full()).stderr(Stdio::piped());
    }
    let mut child = command.spawn().unwrap();
    if let (Some(input), Some(mut pipe)) = (stdin, child.stdin.take()) {
        std::io::Write::write_all(&mut pipe, input.as_bytes()).unwrap();
    }
    child.wait_with_output().unwrap()
}

/// The demo facts as one JSON Lines line.
fn demo_line() -> String {
    std::fs::read_to_string("tests/cli/demo.json").unwrap().replace('\n', " ") + "\n"
}

/// A JSON Lines file of `n` demo fact sets in `dir`; its path.
fn demo_lines(dir: &Path, n: usize) -> String {
    let input = dir.join("many.jsonl");
    std::fs::write(&input, demo_line().repeat(n)).unwrap();
    input.display().to_string()
}

fn unformatted(dir: &Path) -> String {
    let file = dir.join("messy.policy");
    let demo = std::fs::read_to_string(RULES).unwrap();
    std::fs::write(&file, demo.replace("\n  ", "\n      ")).unwrap();
    file.display().to_string()
}

#[test]
fn a_full_disk_on_standard_output_is_an_error_for_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let messy = unformatted(dir.path());
    let facts = demo_line();
    let commands: [(&[&str], Option<&str>); 7] = [
        (&["compile", "--target", "json", "rules/"], None),
        (&["compile", "--target", "schema", RULES], None),
        (&["eval", RULES, "--facts", "tests/cli/demo.json"], None),
        (&["eval", RULES, "--facts", "-", "--jsonl"], Some(&facts)),
        (&["gen", "rules/", "--count", "10"], None),
        (&["test", RULES], None),
        (&["fmt", "--diff", &messy], None),
    ];
    for (args, stdin) in commands {
        let out = to_full(args, stdin, false);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains("cannot write `standard output`: No space left on device"), "{args:?}: {stderr}");
    }
}

#[test]
fn a_full_disk_on_standard_error_fails_without_a_panic() {
    let out = to_full(&["check", RULES], None, true);
    assert_eq!(out.status.code(), Some(1));
}

/// Reads one line of the command's output, then closes the pipe as `| head -1` does.
fn head_one(args: &[&str]) -> (String, Output) {
    let mut child = crate::common::policy()
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    (line, child.wait_with_output().unwrap())
}

#[test]
fn a_reader_that_goes_away_ends_the_output_quietly_and_successfully() {
    let dir = tempfile::tempdir().unwrap();
    let input = demo_lines(dir.path(), 5000);
    for args in
        [&["gen", "rules/", "--count", "1000000"][..], &["eval", RULES, "--facts", &input, "--threads", "1"][..]]
    {
        let (line, out) = head_one(args);
        assert!(line.ends_with("}\n"), "{args:?}: {line}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", text(&out.stderr));
        assert_eq!(text(&out.stderr), "", "{args:?}");
    }
}

#[test]
fn ctrl_c_in_a_batch_leaves_whole_lines_only() {
    let dir = tempfile::tempdir().unwrap();
    let input = demo_lines(dir.path(), 40_000);
    let mut child = crate::common::policy()
        .args(["eval", RULES, "--facts", &input, "--threads", "1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut output = vec![0; 1];
    stdout.read_exact(&mut output).unwrap(); // results are being written
    let kill = Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(kill.success());
    stdout.read_to_end(&mut output).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("(interrupted)"), "{}", text(&out.stderr));
    let output = text(&output);
    assert!(output.ends_with('\n'), "a cut line: …{}", &output[output.len().saturating_sub(80)..]);
    let lines: Vec<&str> = output.lines().collect();
    assert!(lines.len() < 40_000, "not interrupted: {} lines", lines.len());
    for (i, line) in lines.iter().enumerate() {
        let json: serde_json::Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("line {}: {e}", i + 1));
        assert_eq!(json["line"], i + 1);
    }
}

#[test]
fn a_huge_thread_count_is_bounded_by_the_cores() {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    assert_eq!(policy_lang::batch::threads(Some(20_000)), cores);
    assert_eq!(policy_lang::batch::threads(Some(0)), 1);
    assert_eq!(policy_lang::batch::threads(None), cores);
    let start = Instant::now();
    let out = policy(&["eval", RULES, "--facts", "-", "--jsonl", "--threads", "20000"], Some(&demo_line().repeat(5)));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).lines().count(), 5);
    assert!(start.elapsed() < Duration::from_secs(20), "{:?}", start.elapsed());
    let help = text(&policy(&["eval", "--help"], None).stdout);
    assert!(help.contains("Never more than the cores"), "{help}");
}

#[test]
fn fmt_replaces_a_file_whole_keeping_its_permissions_and_links() {
    let dir = tempfile::tempdir().unwrap();
    let messy = unformatted(dir.path());
    std::fs::set_permissions(&messy, std::fs::Permissions::from_mode(0o640)).unwrap();
    let link = dir.path().join("link.policy");
    std::os::unix::fs::symlink("messy.policy", &link).unwrap();
    let before = std::fs::metadata(&messy).unwrap();
    let out = policy(&["fmt", &link.display().to_string()], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let after = std::fs::metadata(&messy).unwrap();
    assert_ne!(before.ino(), after.ino(), "written to a new file and renamed, not rewritten in place");
    assert_eq!(after.permissions().mode() & 0o777, 0o640);
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink(), "the link is still a link");
    assert_eq!(
        std::fs::read_to_string(&messy).unwrap(),
        policy_lang::format::format(&std::fs::read_to_string(RULES).unwrap()).unwrap()
    );
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 2, "no temporary file left behind: {names:?}");
}

#[test]
fn folder_walks_do_not_follow_links_and_say_what_they_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let tree = dir.path().join("tree");
    std::fs::create_dir_all(tree.join("sub")).unwrap();
    std::fs::copy(RULES, tree.join("demo.policy")).unwrap();
    let outside = unformatted(dir.path());
    let untouched = std::fs::read_to_string(&outside).unwrap();
    std::os::unix::fs::symlink(".", tree.join("a")).unwrap();
    std::os::unix::fs::symlink("..", tree.join("sub/up")).unwrap();
    std::os::unix::fs::symlink("/", tree.join("root")).unwrap();
    std::os::unix::fs::symlink(&outside, tree.join("outside.policy")).unwrap();
    let tree = tree.display().to_string();
    let start = Instant::now();
    let out = policy(&["check", &tree], None);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("checked 1 file(s)"), "{stderr}");
    for link in ["a", "sub/up", "root", "outside.policy"] {
        assert!(stderr.contains(&format!("skipped `{tree}/{link}`: symbolic links")), "{link}: {stderr}");
    }
    assert!(start.elapsed() < Duration::from_secs(20));
    let out = policy(&["fmt", &tree], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), untouched, "fmt left the tree");
    // Named twice on the command line: read once.
    let out = policy(&["check", &tree, &format!("{tree}/demo.policy")], None);
    assert!(text(&out.stderr).contains("checked 1 file(s)"), "{}", text(&out.stderr));
}

#[test]
fn inputs_are_regular_files_within_their_limits() {
    let out = policy(&["check", "/dev/zero"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("cannot read `/dev/zero`: it is not a regular file"), "{}", text(&out.stderr));
    let out = policy(&["eval", RULES, "--facts", "/dev/zero"], None);
    assert!(text(&out.stderr).contains("cannot read `/dev/zero`: it is not a regular file"), "{}", text(&out.stderr));
    let out = policy(&["eval", RULES, "--facts", "/dev/zero", "--jsonl"], None);
    assert!(
        text(&out.stderr).contains("cannot read `/dev/zero`: it is not a regular file or a pipe"),
        "{}",
        text(&out.stderr)
    );
    let big = policy_lang::read_stream(&[b' '; 101][..], 100, "standard input").unwrap_err().to_string();
    assert_eq!(big, "cannot read `standard input`: the input is larger than the limit of 0 MiB");
    assert_eq!(policy_lang::read_stream(&[b' '; 100][..], 100, "standard input").unwrap().len(), 100);
}

#[test]
fn test_facts_stay_in_the_test_files_folder() {
    let dir = tempfile::tempdir().unwrap();
    let tests = dir.path().join("tests");
    std::fs::create_dir(&tests).unwrap();
    std::fs::write(dir.path().join("secret.json"), "{\"enterprise\": \"TOP SECRET\"}").unwrap();
    let fifo = tests.join("fifo.json");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let case = |name: &str, facts: &str| {
        format!("test \"{name}\" {{\n  as_of 2024-06-30\n  facts \"{facts}\"\n  expect CZ-03-1b for enterprise.E1.drugs.D1: 400万\n}}\n")
    };
    let file = tests.join("hostile.policy");
    let cases = [
        case("up", "../secret.json"),
        case("absolute", "/etc/hostname"),
        case("zero", "/dev/zero"),
        case("fifo", "fifo.json"),
    ];
    std::fs::write(&file, cases.concat()).unwrap();
    let file = file.display().to_string();
    let out = policy(&["test", RULES, &file], None);
    let report = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{report}");
    assert!(!report.contains("TOP SECRET"), "{report}");
    let outside = format!("a test's facts must be in the folder `{}` or below it", tests.display());
    for (name, written) in [("up", "../secret.json"), ("absolute", "/etc/hostname"), ("zero", "/dev/zero")] {
        assert!(report.contains(&format!("{name}\n    cannot read `{written}`: {outside}")), "{name}: {report}");
    }
    assert!(
        report.contains("fifo\n    cannot read `") && report.contains("fifo.json`: it is not a regular file"),
        "{report}"
    );
    // Allowed outside, a device is still refused and the secret is read as facts.
    let out = policy(&["test", "--facts-root", "/", RULES, &file], None);
    let report = text(&out.stdout);
    assert!(report.contains("cannot read `/dev/zero`: it is not a regular file"), "{report}");
    assert!(report.contains("TOP SECRET"), "read when allowed: {report}");
}
