//! `--format csv` and `--table` on `khabar extract` and `khabar index`, the shell
//! completions and the man page. No network, and nothing written to the user's cache:
//! `index` always runs with `--no-cache`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn khabar() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_khabar"));
    cmd.env("NO_COLOR", "1");
    cmd
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn run(args: &[&str], path: &Path) -> Output {
    let out = khabar().args(args).arg(path).output().expect("khabar runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "khabar {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The header and the rows of a CSV table, each row as long as the header.
fn table(out: &Output) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let header: Vec<String> = reader
        .headers()
        .expect("a header row")
        .iter()
        .map(str::to_string)
        .collect();
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.expect("a CSV row").iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

fn column(header: &[String], name: &str) -> usize {
    header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no {name} column in {header:?}"))
}

#[test]
fn extract_csv_entities_has_a_row_per_entity() {
    let out = run(
        &["extract", "--format", "csv"],
        &fixture("extract/chunav.txt"),
    );
    let (header, rows) = table(&out);
    assert_eq!(
        header,
        ["path", "line", "name", "kind", "aliases", "mentions"]
    );
    let rajiv = rows
        .iter()
        .find(|r| r[2] == "राजीव कुमार")
        .unwrap_or_else(|| panic!("राजीव कुमार among {rows:?}"));
    assert!(rajiv[0].ends_with("chunav.txt"), "{rajiv:?}");
    assert_eq!(rajiv[1], "", "a .txt file has no line");
    assert_eq!(rajiv[3], "person");
    assert!(rajiv[5].parse::<usize>().is_ok_and(|n| n >= 1), "{rajiv:?}");
    assert!(rows.iter().any(|r| r[2] == "बिहार" && r[3] == "place"));
    // --table entities is the default.
    let explicit = run(
        &["extract", "--format", "csv", "--table", "entities"],
        &fixture("extract/chunav.txt"),
    );
    assert_eq!(explicit.stdout, out.stdout);
}

#[test]
fn extract_csv_timeline_agrees_with_the_json() {
    let path = fixture("timeline/baithak.txt");
    let out = run(
        &[
            "extract",
            "--ref-date",
            "2025-03-10",
            "--format",
            "csv",
            "--table",
            "timeline",
        ],
        &path,
    );
    let (header, rows) = table(&out);
    assert_eq!(
        header,
        [
            "path", "line", "text", "value", "modifier", "kind", "event", "entities", "start",
            "end"
        ]
    );
    let json: Value =
        serde_json::from_slice(&run(&["extract", "--ref-date", "2025-03-10"], &path).stdout)
            .expect("json");
    let body = json["articles"][0]["body"].as_str().expect("body");
    let timeline = json["articles"][0]["timeline"]
        .as_array()
        .expect("timeline");
    assert_eq!(rows.len(), timeline.len());
    for (row, t) in rows.iter().zip(timeline) {
        let (start, end): (usize, usize) =
            (row[8].parse().expect("start"), row[9].parse().expect("end"));
        assert_eq!(body.get(start..end), Some(row[2].as_str()), "{row:?}");
        assert_eq!(Some(row[2].as_str()), t["text"].as_str());
        assert_eq!(row[3], t["value"].as_str().unwrap_or(""));
        assert_eq!(row[5], t["kind"].as_str().expect("kind"));
    }
    let june = rows
        .iter()
        .find(|r| r[2] == "पिछले साल जून")
        .unwrap_or_else(|| panic!("पिछले साल जून among {rows:?}"));
    assert_eq!((june[3].as_str(), june[5].as_str()), ("2024-06", "date"));
    let meeting = rows
        .iter()
        .find(|r| r[5] == "duration")
        .unwrap_or_else(|| panic!("a duration among {rows:?}"));
    assert_eq!(
        (meeting[3].as_str(), meeting[4].as_str()),
        ("PT2H", "MORE_THAN")
    );
    assert!(
        meeting[7].split('|').any(|e| e == "सुरेश वर्मा"),
        "{meeting:?}"
    );
}

#[test]
fn index_csv_entities_links_names_across_articles() {
    let out = run(
        &["index", "--no-cache", "--format", "csv"],
        &fixture("library"),
    );
    let (header, rows) = table(&out);
    assert_eq!(
        header,
        ["name", "kind", "aliases", "articles", "mentions", "paths"]
    );
    let putin = rows
        .iter()
        .find(|r| r[0] == "व्लादिमीर पुतिन")
        .unwrap_or_else(|| panic!("व्लादिमीर पुतिन among {rows:?}"));
    assert_eq!(putin[1], "person");
    assert!(putin[2].split('|').any(|a| a == "पुतिन"), "{putin:?}");
    let paths: Vec<&str> = putin[5].split('|').collect();
    assert_eq!(putin[3], paths.len().to_string());
    assert!(paths.len() >= 2, "{putin:?}");
    assert!(paths.iter().all(|p| p.ends_with(".txt")), "{paths:?}");
    // Rows in the JSON's order.
    let json: Value = serde_json::from_slice(
        &run(
            &["index", "--no-cache", "--format", "json"],
            &fixture("library"),
        )
        .stdout,
    )
    .expect("json");
    let names: Vec<&str> = json["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .filter_map(|e| e["name"].as_str())
        .collect();
    let csv_names: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(csv_names, names);
}

#[test]
fn index_csv_timeline_has_title_and_offsets() {
    let out = run(
        &[
            "index",
            "--no-cache",
            "--format",
            "csv",
            "--table",
            "timeline",
        ],
        &fixture("library"),
    );
    let (header, rows) = table(&out);
    assert_eq!(
        header,
        [
            "path", "title", "text", "value", "modifier", "kind", "event", "entities", "start",
            "end"
        ]
    );
    assert!(!rows.is_empty(), "the library fixtures have dates");
    let (title, kind) = (column(&header, "title"), column(&header, "kind"));
    for row in &rows {
        assert!(row[0].ends_with(".txt"), "{row:?}");
        assert!(!row[title].is_empty(), "{row:?}");
        assert!(
            ["date", "time", "duration", "set"].contains(&row[kind].as_str()),
            "{row:?}"
        );
        let (start, end): (usize, usize) =
            (row[8].parse().expect("start"), row[9].parse().expect("end"));
        assert!(start < end, "{row:?}");
    }
}

#[test]
fn json_stays_the_default_format() {
    let path = fixture("extract");
    let plain = khabar().arg("extract").arg(&path).output().expect("runs");
    let json = khabar()
        .args(["extract", "--format", "json"])
        .arg(&path)
        .output()
        .expect("runs");
    assert_eq!(plain.stdout, json.stdout);
    assert!(plain.stdout.starts_with(b"{\n"));
    let plain = run(&["index", "--no-cache"], &fixture("library"));
    let json = run(
        &["index", "--no-cache", "--format", "json"],
        &fixture("library"),
    );
    assert_eq!(plain.stdout, json.stdout);
}

#[test]
fn table_without_csv_and_unknown_formats_are_usage_errors() {
    for args in [
        &["extract", "--table", "timeline"][..],
        &["extract", "--format", "json", "--table", "entities"],
        &["extract", "--format", "xml"],
        &["extract", "--format", "csv", "--table", "people"],
        &["index", "--no-cache", "--table", "timeline"],
    ] {
        let out = khabar()
            .args(args)
            .arg(fixture("extract/chunav.txt"))
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn csv_into_a_closed_pipe_is_quiet() {
    let mut child = khabar()
        .args([
            "index",
            "--no-cache",
            "--format",
            "csv",
            "--table",
            "timeline",
        ])
        .arg(fixture("library"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    // Close the reading end before khabar (still loading its model) writes.
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("finishes");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn completions_name_the_command_in_every_shell() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = khabar()
            .args(["completions", shell])
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let script = String::from_utf8(out.stdout).expect("utf-8");
        assert!(script.contains("khabar"), "{shell}");
    }
    let out = khabar()
        .args(["completions", "bash"])
        .output()
        .expect("runs");
    let script = String::from_utf8(out.stdout).expect("utf-8");
    for word in ["extract", "index", "--format", "--table", "--no-cache"] {
        assert!(script.contains(word), "{word} in the bash completions");
    }
    let out = khabar()
        .args(["completions", "tcsh"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn man_pages_start_with_their_title() {
    let out = khabar().arg("man").output().expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let page = String::from_utf8(out.stdout).expect("utf-8");
    assert!(page.starts_with(".TH khabar 1 "), "{page}");
    for section in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH OPTIONS",
        "no\\-cache",
        ".SH KEYS",
        ".SH FILES",
        ".SH ENVIRONMENT",
        "state.json",
    ] {
        assert!(page.contains(section), "{section} in {page}");
    }
    assert!(page.contains("khabar\\-extract(1)"), "{page}");
    let out = khabar().args(["man", "index"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let page = String::from_utf8(out.stdout).expect("utf-8");
    assert!(page.starts_with(".TH khabar-index 1 "), "{page}");
    assert!(page.contains("\\-\\-format"), "{page}");
    let out = khabar().args(["man", "bogus"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
}
