//! Hardening: loader cases that real files trip over, one test each.

use khabar::article::load_file;

fn load(name: &str, bytes: &[u8]) -> khabar::article::FileOutcome {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write");
    load_file(&path)
}

#[test]
fn a_jsonl_file_with_a_byte_order_mark_keeps_its_first_article() {
    let text = "\u{feff}{\"title\":\"एक\",\"body\":\"पाठ एक\"}\r\n{\"title\":\"दो\",\"body\":\"पाठ दो\"}\r\n";
    let outcome = load("a.jsonl", text.as_bytes());
    assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
    let titles: Vec<&str> = outcome.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["एक", "दो"]);
    assert_eq!(outcome.articles[0].line, Some(1));
}
