//! Extraction's output on the bundled samples and the test fixtures, entity by entity and
//! timeline entry by entry, against a snapshot taken before a change that should not change
//! it (speed work above all): any difference is shown line by line.
//!
//! The snapshot is `tests/fixtures/extract_snapshot.txt`. After a change meant to alter the
//! output, write it again with `KHABAR_BLESS=1 cargo test --test extract_snapshot` and read
//! the diff before committing it.

use std::path::Path;
use std::process::Command;

use serde_json::{Value, json};

/// The folders read, relative to the crate (the paths printed are these).
const FOLDERS: &[&str] = &[
    "assets/sample",
    "tests/fixtures/extract",
    "tests/fixtures/library",
    "tests/fixtures/people",
    "tests/fixtures/timeline",
    "tests/fixtures/wide",
];

/// Every article as its path, then a line per entity (mentions as byte ranges) and per
/// timeline entry, each compact JSON with sorted keys.
fn render(report: &Value) -> String {
    let mut out = String::new();
    for article in report["articles"].as_array().into_iter().flatten() {
        out.push_str(&format!("{}\n", article["path"].as_str().unwrap_or("?")));
        for e in article["entities"].as_array().into_iter().flatten() {
            let mentions: Vec<Value> = e["mentions"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|m| json!([m["start"], m["end"]]))
                .collect();
            let mut e = e.clone();
            e["mentions"] = Value::Array(mentions);
            out.push_str(&format!("E {e}\n"));
        }
        for t in article["timeline"].as_array().into_iter().flatten() {
            out.push_str(&format!("T {t}\n"));
        }
    }
    out
}

#[test]
fn extraction_of_the_samples_and_fixtures_is_unchanged() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(env!("CARGO_BIN_EXE_khabar"))
        .current_dir(root)
        .args(["extract", "--ref-date", "2025-01-15"])
        .args(FOLDERS)
        .output()
        .expect("khabar runs");
    let report: Value = serde_json::from_slice(&out.stdout).expect("extract prints JSON");
    let got = render(&report);
    let path = root.join("tests/fixtures/extract_snapshot.txt");
    if std::env::var_os("KHABAR_BLESS").is_some() {
        std::fs::write(&path, &got).expect("snapshot written");
        return;
    }
    let want = std::fs::read_to_string(&path).expect("snapshot present");
    let differences: Vec<String> = want
        .lines()
        .zip(got.lines())
        .filter(|(w, g)| w != g)
        .take(10)
        .map(|(w, g)| format!("- {w}\n+ {g}"))
        .collect();
    assert!(
        differences.is_empty() && want.lines().count() == got.lines().count(),
        "extraction changed ({} lines before, {} now):\n{}",
        want.lines().count(),
        got.lines().count(),
        differences.join("\n")
    );
}
