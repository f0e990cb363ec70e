//! The library compiles none of the front ends: the CLI (clap, indicatif, ctrlc, and the
//! binary's allocator, mimalloc), the REPL's terminal (rustyline) and the batch runner
//! (rayon) are cargo features, on by default for the binary only.

#[test]
fn the_library_alone_depends_on_no_front_end() {
    let out = std::process::Command::new(env!("CARGO"))
        .args(["tree", "-e", "normal", "--no-default-features", "--prefix", "none", "--offline"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap_or_else(|e| panic!("cannot run cargo tree: {e}"));
    let tree = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && tree.contains("rust_decimal"), "{tree}\n{}", String::from_utf8_lossy(&out.stderr));
    let front_ends: Vec<&str> = tree
        .lines()
        .filter(|l| {
            ["clap ", "rustyline ", "indicatif ", "rayon ", "ctrlc ", "mimalloc ", "libmimalloc-sys "]
                .iter()
                .any(|d| l.starts_with(d))
        })
        .collect();
    assert!(front_ends.is_empty(), "the library pulls in {front_ends:?}");
}
