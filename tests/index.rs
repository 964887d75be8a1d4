//! `khabar index`: the folder's entities linked across articles and its timeline as JSON, on
//! three short articles of our own (a person named in full in one and by surname in another).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, SystemTime};

use serde_json::Value;

fn khabar() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_khabar"));
    cmd.env("NO_COLOR", "1");
    // The tester's own aliases.toml is not read.
    cmd.env("XDG_CONFIG_HOME", "/nonexistent/khabar-test-config");
    cmd
}

/// The fixture articles copied into a fresh folder, each file last modified on 1 June 2025,
/// so the years their datelines leave out are the same on every machine.
fn library_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/library");
    let june_2025 = SystemTime::UNIX_EPOCH + Duration::from_secs(1_748_736_000);
    for entry in std::fs::read_dir(fixtures).expect("fixtures") {
        let from = entry.expect("fixture").path();
        let to: PathBuf = dir.path().join(from.file_name().expect("file name"));
        std::fs::copy(&from, &to).expect("copy");
        std::fs::File::options()
            .write(true)
            .open(&to)
            .and_then(|f| f.set_modified(june_2025))
            .expect("set modification time");
    }
    dir
}

fn index(path: &Path) -> (Output, Value) {
    let out = khabar()
        .arg("index")
        .arg("--no-cache")
        .arg(path)
        .output()
        .expect("khabar runs");
    let json = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (out, json)
}

fn file_name(path: &Value) -> &str {
    path.as_str()
        .and_then(|p| Path::new(p).file_name())
        .and_then(|n| n.to_str())
        .unwrap_or("")
}

#[test]
fn index_prints_entities_linked_across_articles() {
    let dir = library_folder();
    let (out, json) = index(dir.path());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let entities = json["entities"].as_array().expect("entities");
    for e in entities {
        assert!(e["name"].as_str().is_some_and(|n| !n.is_empty()), "{e}");
        assert!(
            ["person", "place", "organization"].contains(&e["kind"].as_str().unwrap_or("")),
            "{e}"
        );
        assert!(e["aliases"].is_array(), "{e}");
        assert!(
            !e["articles"].as_array().expect("articles").is_empty(),
            "{e}"
        );
        assert!(e["mentions"].is_u64(), "{e}");
    }
    // People first, then places, then organisations.
    let kinds: Vec<&str> = entities.iter().filter_map(|e| e["kind"].as_str()).collect();
    let rank = |k: &str| {
        ["person", "place", "organization"]
            .iter()
            .position(|x| *x == k)
    };
    assert!(
        kinds.windows(2).all(|w| rank(w[0]) <= rank(w[1])),
        "{kinds:?}"
    );

    // पुतिन alone in the Delhi story is the व्लादिमीर पुतिन of the Moscow one.
    let putin: Vec<&Value> = entities
        .iter()
        .filter(|e| e["name"].as_str().is_some_and(|n| n.contains("पुतिन")))
        .collect();
    assert_eq!(putin.len(), 1, "{putin:?}");
    let putin = putin[0];
    assert_eq!(putin["name"], "व्लादिमीर पुतिन");
    assert_eq!(putin["kind"], "person");
    assert_eq!(putin["aliases"], serde_json::json!(["पुतिन"]));
    let articles: Vec<&str> = putin["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .map(file_name)
        .collect();
    assert_eq!(
        articles,
        vec!["02_delhi.txt", "01_moscow.txt"],
        "newest first"
    );
    assert_eq!(putin["mentions"], 3);
    assert_eq!(
        entities[0]["name"], "व्लादिमीर पुतिन",
        "the most widely named first"
    );

    // रूस, named in two stories, is one place.
    let russia: Vec<&Value> = entities.iter().filter(|e| e["name"] == "रूस").collect();
    assert_eq!(russia.len(), 1);
    assert_eq!(russia[0]["articles"].as_array().map(Vec::len), Some(2));

    assert_eq!(json["errors"], serde_json::json!([]));
}

#[test]
fn index_prints_one_timeline_in_date_order() {
    let dir = library_folder();
    let (_, json) = index(dir.path());
    let timeline = json["timeline"].as_array().expect("timeline");
    assert!(!timeline.is_empty());
    for e in timeline {
        for key in [
            "path", "title", "text", "start", "end", "kind", "value", "mod", "event", "entities",
        ] {
            assert!(e.get(key).is_some(), "missing {key} in {e}");
        }
    }
    // Entries from several articles, dated ones in calendar order.
    let files: std::collections::BTreeSet<&str> =
        timeline.iter().map(|e| file_name(&e["path"])).collect();
    assert!(files.len() >= 2, "{files:?}");
    let days: Vec<&str> = timeline
        .iter()
        .filter(|e| e["kind"] == "date")
        .filter_map(|e| e["value"].as_str())
        .filter(|v| v.len() == 10 && v.starts_with("20"))
        .collect();
    assert!(days.windows(2).all(|w| w[0] <= w[1]), "{days:?}");
    let december = timeline
        .iter()
        .find(|e| e["value"] == "2024-12")
        .expect("पिछले साल दिसंबर, from 15 March 2025");
    assert_eq!(file_name(&december["path"]), "02_delhi.txt");
    assert!(
        december["event"]
            .as_str()
            .is_some_and(|t| t.contains("पुतिन"))
    );
}

#[test]
fn index_of_nothing_exits_1_and_a_bad_call_2() {
    let (out, json) = index(Path::new("/no/such/folder/for/khabar"));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json["errors"].as_array().map(Vec::len), Some(1));
    assert_eq!(json["entities"], serde_json::json!([]));

    let out = khabar().arg("index").output().expect("khabar runs");
    assert_eq!(out.status.code(), Some(2));
}

/// `khabar index --stats` with the cache in `cache`: the JSON, and the stats line.
fn index_cached(path: &Path, cache: &Path) -> (Value, String) {
    let out = khabar()
        .args(["index", "--stats", "--cache-dir"])
        .arg(cache)
        .arg(path)
        .output()
        .expect("khabar runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stats = stderr
        .lines()
        .find(|l| l.contains("from the cache"))
        .unwrap_or("")
        .to_string();
    (json, stats)
}

fn has_entity(json: &Value, name: &str) -> bool {
    json["entities"]
        .as_array()
        .is_some_and(|es| es.iter().any(|e| e["name"].as_str() == Some(name)))
}

#[test]
fn the_cache_follows_changed_added_and_removed_files() {
    let dir = library_folder();
    let cache = tempfile::tempdir().expect("cache folder");
    let (cold, stats) = index_cached(dir.path(), cache.path());
    assert!(
        stats.contains("3 files: 0 from the cache, 3 extracted"),
        "{stats}"
    );

    // Unchanged: nothing is extracted, and the output is the same.
    let (warm, stats) = index_cached(dir.path(), cache.path());
    assert!(stats.contains("3 from the cache, 0 extracted"), "{stats}");
    assert_eq!(cold, warm);
    let (_, fresh) = index(dir.path());
    assert_eq!(
        fresh, warm,
        "cached output differs from a run without the cache"
    );

    // A changed file is extracted again, and the index follows it.
    let delhi = dir.path().join("02_delhi.txt");
    let text = std::fs::read_to_string(&delhi).expect("fixture");
    assert!(!has_entity(&warm, "नरेंद्र मोदी"));
    std::fs::write(
        &delhi,
        text.replace("पुतिन ने", "प्रधानमंत्री नरेंद्र मोदी और पुतिन ने"),
    )
    .expect("write");
    let (changed, stats) = index_cached(dir.path(), cache.path());
    assert!(stats.contains("2 from the cache, 1 extracted"), "{stats}");
    assert!(has_entity(&changed, "नरेंद्र मोदी"), "{changed}");

    // An added file is extracted; a removed one is forgotten.
    std::fs::write(
        dir.path().join("04_new.txt"),
        "नया लेख\n\nमुंबई, 2 अप्रैल (भाषा) उद्धव ठाकरे ने मुंबई में सभा की।\n",
    )
    .expect("write");
    std::fs::remove_file(dir.path().join("03_patna.txt")).expect("remove");
    let (after, stats) = index_cached(dir.path(), cache.path());
    assert!(
        stats.contains("3 files: 2 from the cache, 1 extracted, 1 forgotten"),
        "{stats}"
    );
    let (_, fresh) = index(dir.path());
    assert_eq!(
        after, fresh,
        "cached output differs from a run without the cache"
    );
}

#[test]
fn index_applies_the_readers_aliases() {
    let dir = library_folder();
    let rules = tempfile::tempdir().expect("temporary folder");
    let file = rules.path().join("aliases.toml");
    std::fs::write(
        &file,
        "[[different]]\nname = \"पुतिन\"\nis_not = \"व्लादिमीर पुतिन\"\n",
    )
    .expect("write");
    let out = khabar()
        .args(["index", "--no-cache", "--aliases"])
        .arg(&file)
        .arg(dir.path())
        .output()
        .expect("khabar runs");
    let json: Value = serde_json::from_slice(&out.stdout).expect("json");
    let putins = json["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .filter(|e| e["name"].as_str().is_some_and(|n| n.contains("पुतिन")))
        .count();
    assert_eq!(putins, 2, "kept apart by the reader's rule");
    // A file that cannot be read as rules is said, and the folder linked without it.
    std::fs::write(&file, "[[same]]\nname = \"पुतिन\"\n").expect("write");
    let out = khabar()
        .args(["index", "--no-cache", "--aliases"])
        .arg(&file)
        .arg(dir.path())
        .output()
        .expect("khabar runs");
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("aliases.toml:1:1"), "{stderr}");
}
