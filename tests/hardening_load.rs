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

/// Names that differ only in bytes that are not UTF-8 are different files: their keys
/// (which reading state, the cache and search go by) must differ too.
#[cfg(unix)]
#[test]
fn files_whose_names_differ_only_in_invalid_bytes_have_different_keys() {
    use std::os::unix::ffi::OsStrExt;

    let dir = tempfile::tempdir().expect("temp dir");
    let mut keys = Vec::new();
    for name in [&b"a\xff.txt"[..], b"a\xfe.txt", b"a\xef\xbf\xbd.txt"] {
        let path = dir.path().join(std::ffi::OsStr::from_bytes(name));
        std::fs::write(&path, "शीर्षक\n\nपाठ").expect("write");
        let outcome = load_file(&path);
        assert_eq!(outcome.articles.len(), 1, "{:?}", outcome.errors);
        keys.push(outcome.articles[0].key());
    }
    assert!(
        keys[0] != keys[1] && keys[1] != keys[2] && keys[0] != keys[2],
        "{keys:?}"
    );
    // A name that is UTF-8 keeps its key as it reads.
    let plain = dir.path().join("नई दिल्ली.txt");
    std::fs::write(&plain, "शीर्षक\n\nपाठ").expect("write");
    let article = &load_file(&plain).articles[0];
    assert_eq!(article.key(), plain.to_str().expect("UTF-8"));
}
