//! The command line for scripts: `khabar extract` prints the documented JSON with offsets
//! that point into the body, `khabar tag --conll` tags CoNLL tokens, and exit codes say
//! what happened.

use std::io::Write;
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

fn extract(args: &[&Path]) -> (Output, Value) {
    let out = khabar()
        .arg("extract")
        .args(args)
        .output()
        .expect("khabar runs");
    let json = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (out, json)
}

#[test]
fn extract_prints_the_documented_shape() {
    let (out, json) = extract(&[&fixture("extract")]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let articles = json["articles"].as_array().expect("articles");
    assert_eq!(articles.len(), 1);
    let a = &articles[0];
    for key in [
        "path", "title", "date", "dateline", "body", "entities", "timeline", "warnings",
    ] {
        assert!(a.get(key).is_some(), "missing {key}");
    }
    assert_eq!(a["title"], "चुनाव आयोग ने मतदान की तारीखें घोषित कीं");
    assert_eq!(a["dateline"]["place"], "पटना");
    assert_eq!(a["dateline"]["date_text"], "14 अप्रैल");
    assert_eq!(a["dateline"]["agency"], "भाषा");
    let body = a["body"].as_str().expect("body");
    assert!(body.starts_with("मुख्य चुनाव आयुक्त"));
    assert!(
        !body.contains("एजेंसी/आरके"),
        "the agency code is not body text"
    );
    let entities = a["entities"].as_array().expect("entities");
    assert!(!entities.is_empty());
    for e in entities {
        let kind = e["kind"].as_str().expect("kind");
        assert!(
            ["person", "place", "organization"].contains(&kind),
            "{kind}"
        );
        assert!(e["name"].as_str().is_some_and(|n| !n.is_empty()));
        assert!(e["aliases"].is_array());
        for m in e["mentions"].as_array().expect("mentions") {
            let (start, end) = (
                m["start"].as_u64().expect("start") as usize,
                m["end"].as_u64().expect("end") as usize,
            );
            assert_eq!(body.get(start..end), m["text"].as_str(), "offsets of {m}");
        }
    }
    let errors = json["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0]["path"]
            .as_str()
            .expect("path")
            .ends_with("broken.json")
    );
    assert!(
        errors[0]["error"]
            .as_str()
            .expect("error")
            .contains("invalid JSON")
    );
}

#[test]
fn extract_merges_a_persons_surname_with_their_full_name() {
    let (_, json) = extract(&[&fixture("extract/chunav.txt")]);
    let entities = json["articles"][0]["entities"]
        .as_array()
        .expect("entities");
    let people: Vec<&Value> = entities.iter().filter(|e| e["kind"] == "person").collect();
    let rajiv = people
        .iter()
        .find(|e| e["name"] == "राजीव कुमार")
        .unwrap_or_else(|| panic!("राजीव कुमार among {people:?}"));
    let texts: Vec<&str> = rajiv["mentions"]
        .as_array()
        .expect("mentions")
        .iter()
        .filter_map(|m| m["text"].as_str())
        .collect();
    assert!(texts.contains(&"राजीव कुमार"), "{texts:?}");
    let places: Vec<&str> = entities
        .iter()
        .filter(|e| e["kind"] == "place")
        .filter_map(|e| e["name"].as_str())
        .collect();
    assert!(places.contains(&"बिहार"), "{places:?}");
}

/// The bundled seed article, as the issue that asked for entities names what it holds.
#[test]
fn extract_finds_the_seed_articles_people_places_and_organisations() {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample/seed-korea-russia.txt");
    let (_, json) = extract(&[&seed]);
    let entities = json["articles"][0]["entities"]
        .as_array()
        .expect("entities");
    let names = |kind: &str| -> Vec<&str> {
        entities
            .iter()
            .filter(|e| e["kind"] == kind)
            .filter_map(|e| e["name"].as_str())
            .collect()
    };
    let people = names("person");
    for full in [
        "व्लादिमीर पुतिन",
        "किम जोंग-उन",
        "सर्गेई शोइगु",
        "किम जोंग-ग्यू",
        "एलेक्जेंडर मात्सेगोरा",
        "एंड्री रुडेंको",
        "चोई सोन-हुई",
        "शिन वोन-सिक",
        "डोनाल्ड ट्रंप",
    ] {
        assert!(people.contains(&full), "{full} among {people:?}");
    }
    assert_eq!(people.len(), 9, "{people:?}");
    let places = names("place");
    for place in ["प्योंगयांग", "सोल", "मॉस्को", "रूस", "उत्तर कोरिया"]
    {
        assert!(places.contains(&place), "{place} among {places:?}");
    }
    let organisations = names("organization");
    for org in ["टीएएसएस", "स्पुतनिक"] {
        assert!(
            organisations.contains(&org),
            "{org} among {organisations:?}"
        );
    }
    assert!(
        organisations.iter().any(|o| o.starts_with("योनहाप")),
        "योनहाप among {organisations:?}"
    );
}

#[test]
fn extract_exits_1_when_nothing_loads_and_2_on_usage_errors() {
    let (out, json) = extract(&[&fixture("extract/broken.json")]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json["articles"].as_array().map(Vec::len), Some(0));
    let out = khabar().arg("extract").output().expect("runs");
    assert_eq!(out.status.code(), Some(2), "no PATH is a usage error");
    let out = khabar()
        .args(["extract", "--ref-date", "21 March"])
        .arg(fixture("extract"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2), "a bad date is a usage error");
}

#[test]
fn tag_conll_keeps_tokens_and_sentence_breaks() {
    let input = std::fs::read_to_string(fixture("conll/small.conll")).expect("fixture");
    let mut child = khabar()
        .args(["tag", "--conll"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawns");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("writes");
    let out = child.wait_with_output().expect("finishes");
    assert!(out.status.success());
    let output = String::from_utf8(out.stdout).expect("utf-8");
    let (ins, outs): (Vec<&str>, Vec<&str>) = (input.lines().collect(), output.lines().collect());
    assert_eq!(ins.len(), outs.len());
    for (i, o) in ins.iter().zip(&outs) {
        if i.is_empty() {
            assert!(o.is_empty());
            continue;
        }
        let (token, tag) = o.split_once('\t').expect("token<TAB>tag");
        assert_eq!(token, i.split('\t').next().expect("token"));
        assert!(
            tag == "O"
                || ["B-", "I-"]
                    .iter()
                    .any(|p| tag.starts_with(p) && ["PER", "LOC", "ORG"].contains(&&tag[2..])),
            "{tag}"
        );
    }
    // Well-known names in plain contexts are found.
    assert!(
        outs.contains(&"नरेंद्र\tB-PER") && outs.contains(&"मोदी\tI-PER"),
        "{output}"
    );
    assert!(outs.contains(&"लखनऊ\tB-LOC"), "{output}");
}

#[test]
fn extract_fills_the_timeline_resolved_against_the_reference_date() {
    let out = khabar()
        .args(["extract", "--ref-date", "2025-03-10"])
        .arg(fixture("timeline/baithak.txt"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let json: Value = serde_json::from_slice(&out.stdout).expect("json");
    let a = &json["articles"][0];
    let body = a["body"].as_str().expect("body");
    let timeline = a["timeline"].as_array().expect("timeline");
    let values: Vec<(&str, &str, Option<&str>)> = timeline
        .iter()
        .map(|t| {
            let (s, e) = (
                t["start"].as_u64().expect("start") as usize,
                t["end"].as_u64().expect("end") as usize,
            );
            assert_eq!(body.get(s..e), t["text"].as_str(), "offsets of {t}");
            for key in ["kind", "value", "mod", "event", "entities"] {
                assert!(t.get(key).is_some(), "missing {key} in {t}");
            }
            (
                t["text"].as_str().expect("text"),
                t["value"].as_str().unwrap_or("-"),
                t["mod"].as_str(),
            )
        })
        .collect();
    // Chronological: dated entries in order, then the duration and the vague one.
    assert_eq!(
        values,
        vec![
            ("पिछले साल जून", "2024-06", None),
            ("25 दिसंबर से 2 जनवरी तक", "2024-12-25/2025-01-02", None),
            ("बुधवार", "2025-03-05", None),
            ("अगले महीने", "2025-04", None),
            ("दो घंटे से ज़्यादा", "PT2H", Some("MORE_THAN")),
            ("हाल ही में", "PAST_REF", None),
        ]
    );
    // The date given is the article's date, and nothing about it is inferred.
    assert_eq!(a["date"], "2025-03-10");
    assert_eq!(a["date_inferred"], false);
    assert_eq!(a["reference_date"], "2025-03-10");
    assert_eq!(a["reference_inferred"], false);
    let meeting = &timeline[4];
    assert_eq!(meeting["kind"], "duration");
    assert!(meeting["event"].as_str().expect("event").contains("बैठक"));
    assert_eq!(meeting["entities"][0], "सुरेश वर्मा");
}
