//! Faults in the folder being read: khabar's own files inside it, symlinks out of it, a file
//! moved away and back, errors that must not pile up over rescans, a JSONL of a thousand
//! tiny articles or bad lines, UTF-16 text; and the parsers fuzzed with arbitrary bytes and
//! mutated articles. Every folder is made in a temporary directory by its test.
//!
//! The fuzz tests run a few dozen cases by default; `PROPTEST_CASES=100000 cargo test --test
//! faults_folder` runs them long.

use std::fs;
use std::path::{Path, PathBuf};

use khabar::article::{
    Article, FileOutcome, LoadError, LoadErrorKind, MAX_ARTICLES_PER_FILE, MAX_ERRORS_PER_FILE,
    ScanOptions, load_path_with, parse_bytes,
};
use khabar::library::refresh::{Progress, RefreshOptions, refresh};
use khabar::tui::harness::Driven;
use proptest::prelude::*;

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("mkdir");
    }
    fs::write(&path, bytes).expect("write fixture");
    path
}

fn article(title: &str) -> String {
    format!("{title}\n\nपटना, 3 मार्च (भाषा) यह {title} का पाठ है।\n")
}

/// Options that skip only what the test names (not the real user's folders).
fn options(follow: bool, skip: &[&Path]) -> ScanOptions {
    ScanOptions {
        follow_links: follow,
        skip: skip.iter().map(|p| p.to_path_buf()).collect(),
    }
}

fn load(root: &Path, options: &ScanOptions) -> (Vec<Article>, Vec<LoadError>) {
    let (mut articles, mut errors) = (Vec::new(), Vec::new());
    load_path_with(root, options, |o| {
        articles.extend(o.articles);
        errors.extend(o.errors);
    });
    (articles, errors)
}

fn titles(articles: &[Article]) -> Vec<String> {
    let mut t: Vec<String> = articles.iter().map(|a| a.title.clone()).collect();
    t.sort();
    t
}

/// Every file under `root`, as one scan of the reader reports them.
fn scan_outcomes(root: &Path) -> Vec<FileOutcome> {
    let mut out = Vec::new();
    load_path_with(root, &options(false, &[]), |o| out.push(o));
    out
}

/// The reader after it has scanned `root` once.
fn reader_of(root: &Path) -> Driven {
    Driven::scanned(root, (100, 30), scan_outcomes(root)).expect("reader")
}

/// One scan of the folder as the library thread reports it to the reader.
fn rescan(app: &mut Driven, root: &Path) {
    app.rescan(scan_outcomes(root));
}

fn listed_titles(app: &Driven) -> Vec<String> {
    app.listed_titles()
}

// --- 8. khabar's own folders -------------------------------------------------------------

#[test]
fn khabars_own_folders_inside_the_folder_are_never_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    write(root, "news/a.txt", article("पहली"));
    // A cache, state and exports that are not hidden, as with XDG_CACHE_HOME=~/cache.
    write(
        root,
        "cache/khabar/0123/search/meta.json",
        "{\"segments\": []}",
    );
    write(root, "cache/khabar/0123/library.redb", "redb");
    write(root, "state/khabar/state.json", "{\"articles\": {}}");
    write(root, "exports/khabar/x.txt", article("निर्यात"));
    let skip = [
        root.join("cache/khabar"),
        root.join("state/khabar"),
        root.join("exports/khabar"),
    ];
    let skip: Vec<&Path> = skip.iter().map(PathBuf::as_path).collect();
    let (articles, errors) = load(root, &options(false, &skip));
    assert_eq!(titles(&articles), vec!["पहली"]);
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn a_refresh_never_reads_its_own_cache_inside_the_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    write(root, "a.txt", article("पहली"));
    let options = RefreshOptions {
        cache_dir: Some(root.join("kcache")),
        ref_date: None,
        scan: options(false, &[]),
        ..RefreshOptions::default()
    };
    // Twice: the second time the cache (with the search index's meta.json) exists.
    for _ in 0..2 {
        let mut paths = Vec::new();
        let search =
            khabar::library::search::SearchIndex::open_or_create(&root.join("kcache/search"))
                .expect("search index");
        let search = std::sync::Mutex::new(search);
        refresh(root, None, &options, Some(&search), |p| {
            if let Progress::Files(files) = p {
                for f in files {
                    paths.extend(f.articles.iter().map(|a| a.path.clone()));
                    paths.extend(f.errors.iter().map(|e| e.path.clone()));
                }
            }
        });
        assert_eq!(paths, vec![root.join("a.txt")]);
    }
    assert!(
        root.join("kcache").exists(),
        "the cache was written in the folder"
    );
}

// --- 9. errors are listed once per file ---------------------------------------------------

#[test]
fn errors_stay_the_same_over_repeated_rescans_and_a_fixed_file_leaves_the_list() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    write(root, "good.txt", article("अच्छी"));
    write(root, "broken.json", "{\"title\": ");
    write(
        root,
        "lines.jsonl",
        "not json\n{\"title\": \"एक\", \"body\": \"पाठ\"}\nnor this\n",
    );
    let mut app = reader_of(root);
    assert_eq!(app.errors().len(), 3, "{:?}", app.errors());
    for _ in 0..100 {
        rescan(&mut app, root);
        assert_eq!(app.errors().len(), 3, "{:?}", app.errors());
    }
    write(
        root,
        "broken.json",
        "{\"title\": \"ठीक\", \"body\": \"पाठ\"}",
    );
    rescan(&mut app, root);
    let listed = app.errors();
    assert_eq!(listed.len(), 2, "{listed:?}");
    assert!(
        listed.iter().all(|e| e.contains("lines.jsonl")),
        "{listed:?}"
    );
    assert_eq!(listed_titles(&app), vec!["अच्छी", "एक", "ठीक"]);
}

#[test]
fn a_folder_with_only_bad_files_does_not_pile_up_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    write(root, "broken.json", "{");
    let mut app = reader_of(root);
    for _ in 0..10 {
        rescan(&mut app, root);
    }
    assert_eq!(app.errors().len(), 1, "{:?}", app.errors());
}

#[test]
fn a_jsonl_of_many_bad_lines_lists_a_bounded_number_of_errors() {
    let lines = "{\"title\": \n".repeat(5_000);
    let outcome = parse_bytes(Path::new("bad.jsonl"), lines.into_bytes(), None);
    assert!(outcome.articles.is_empty());
    assert_eq!(outcome.errors.len(), MAX_ERRORS_PER_FILE + 1);
    let last = outcome.errors.last().expect("a summary").to_string();
    assert!(
        matches!(
            outcome.errors.last().map(|e| &e.kind),
            Some(LoadErrorKind::MoreErrors { count: 4_900, .. })
        ),
        "{last}"
    );
    assert!(last.contains("4900 more lines"), "{last}");
}

// --- 10. a file moved away and back -------------------------------------------------------

#[test]
fn a_file_moved_away_and_back_returns_to_the_list() {
    let dir = tempfile::tempdir().expect("tempdir");
    let outside = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    write(root, "a.txt", article("पहली"));
    write(root, "b.txt", article("दूसरी"));
    let mut app = reader_of(root);
    assert_eq!(listed_titles(&app), vec!["दूसरी", "पहली"]);

    fs::rename(root.join("a.txt"), outside.path().join("a.txt")).expect("move away");
    rescan(&mut app, root);
    assert_eq!(listed_titles(&app), vec!["दूसरी"]);

    fs::rename(outside.path().join("a.txt"), root.join("a.txt")).expect("move back");
    rescan(&mut app, root);
    assert_eq!(listed_titles(&app), vec!["दूसरी", "पहली"]);
    // Back once, not twice, and still there after another scan.
    rescan(&mut app, root);
    assert_eq!(app.listed_titles().len(), 2);
}

// --- 13. symlinks -------------------------------------------------------------------------

#[cfg(unix)]
#[test]
fn symlinked_folders_are_not_followed_unless_asked_but_symlinked_files_are_read() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().expect("tempdir");
    let elsewhere = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    write(root, "own.txt", article("अपनी"));
    write(elsewhere.path(), "far/one.txt", article("दूर"));
    write(elsewhere.path(), "linked.txt", article("जुड़ी"));
    symlink(elsewhere.path().join("far"), root.join("far")).expect("dir link");
    symlink("/proc", root.join("proc")).expect("proc link");
    symlink(elsewhere.path().join("linked.txt"), root.join("linked.txt")).expect("file link");

    let (articles, errors) = load(root, &options(false, &[]));
    assert_eq!(titles(&articles), vec!["अपनी", "जुड़ी"]);
    assert!(errors.is_empty(), "{errors:?}");

    // With --follow, the linked folder is read too (not /proc: there is no article there,
    // and reading it must end).
    fs::remove_file(root.join("proc")).expect("unlink");
    let (articles, _) = load(root, &options(true, &[]));
    assert_eq!(titles(&articles), vec!["अपनी", "जुड़ी", "दूर"]);
}

#[cfg(unix)]
#[test]
fn extract_follows_symlinked_folders_only_with_follow() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().expect("tempdir");
    let elsewhere = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    write(root, "own.txt", article("अपनी"));
    write(elsewhere.path(), "one.txt", article("दूर"));
    symlink(elsewhere.path(), root.join("far")).expect("dir link");
    let count = |follow: bool| -> usize {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_khabar"));
        cmd.arg("extract");
        if follow {
            cmd.arg("--follow");
        }
        let out = cmd.arg(root).output().expect("run khabar");
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        report["articles"].as_array().map_or(0, Vec::len)
    };
    assert_eq!(count(false), 1);
    assert_eq!(count(true), 2);
}

// --- 14. articles per file ----------------------------------------------------------------

#[test]
fn a_jsonl_of_countless_tiny_articles_is_cut_at_the_limit_with_a_clear_message() {
    let mut text = String::new();
    for i in 0..MAX_ARTICLES_PER_FILE + 7 {
        text.push_str(&format!("{{\"title\":\"{i}\"}}\n"));
    }
    // Tiny articles need a body or a title: these have a title.
    let outcome = parse_bytes(Path::new("tiny.jsonl"), text.into_bytes(), None);
    assert_eq!(outcome.articles.len(), MAX_ARTICLES_PER_FILE);
    assert_eq!(outcome.errors.len(), 1, "{:?}", &outcome.errors[..1]);
    let message = outcome.errors[0].to_string();
    assert!(
        message.starts_with("tiny.jsonl: holds more than"),
        "{message}"
    );
    assert!(message.contains("split the file"), "{message}");
}

#[test]
fn a_jsonl_at_the_limit_is_read_whole() {
    let text: String = (0..MAX_ARTICLES_PER_FILE)
        .map(|i| format!("{{\"title\":\"{i}\"}}\n\n"))
        .collect();
    let outcome = parse_bytes(Path::new("full.jsonl"), text.into_bytes(), None);
    assert_eq!(outcome.articles.len(), MAX_ARTICLES_PER_FILE);
    assert!(outcome.errors.is_empty());
}

// --- 15. UTF-16 -----------------------------------------------------------------------------

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for unit in text.encode_utf16() {
        out.extend(if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    out
}

#[test]
fn utf16_little_and_big_endian_with_a_mark_are_read() {
    let text = article("यूटीएफ़ सोलह 😀");
    for big in [false, true] {
        let outcome = parse_bytes(Path::new("wide.txt"), utf16(&text, big), None);
        assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
        assert_eq!(titles(&outcome.articles), vec!["यूटीएफ़ सोलह 😀"]);
        assert_eq!(outcome.articles[0].place.as_deref(), Some("पटना"));
    }
    let json = r#"{"title": "जेसन", "body": "पाठ"}"#;
    let outcome = parse_bytes(Path::new("wide.json"), utf16(json, false), None);
    assert_eq!(titles(&outcome.articles), vec!["जेसन"]);
}

#[test]
fn broken_utf16_is_a_clear_error() {
    let mut odd = utf16(&article("विषम"), false);
    odd.push(b'x');
    let outcome = parse_bytes(Path::new("odd.txt"), odd, None);
    assert!(outcome.articles.is_empty());
    let message = outcome.errors[0].to_string();
    assert!(message.contains("UTF-16"), "{message}");
    // A lone high surrogate.
    let lone = [0xFF, 0xFE, 0x3D, 0xD8, 0x41, 0x00];
    let outcome = parse_bytes(Path::new("lone.txt"), lone.to_vec(), None);
    assert!(matches!(
        outcome.errors[0].kind,
        LoadErrorKind::InvalidUtf16(2)
    ));
}

// --- Fuzzing the parsers --------------------------------------------------------------------

/// A small number of cases unless `PROPTEST_CASES` asks for more.
fn config(default_cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(default_cases);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// What every outcome must be: articles or a clear error, each error naming the file and
/// saying something after it.
fn check_outcome(name: &str, outcome: &FileOutcome) -> Result<(), TestCaseError> {
    prop_assert!(
        !outcome.articles.is_empty() || !outcome.errors.is_empty(),
        "{name}: neither articles nor an error"
    );
    for e in &outcome.errors {
        let message = e.to_string();
        let prefix = format!("{name}: ");
        prop_assert!(message.starts_with(&prefix), "{message}");
        prop_assert!(message.len() > prefix.len() + 3, "{message}");
        prop_assert!(!message.contains('\n'), "{message:?}");
    }
    for a in &outcome.articles {
        prop_assert!(!a.title.is_empty() || !a.paragraphs.is_empty());
    }
    Ok(())
}

fn wire_story() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "नई",
        "दिल्ली",
        "सरकार",
        "ने",
        "कहा",
        "कि",
        "मुंबई,",
        "21",
        "मार्च",
        "(भाषा)",
        "।",
        "पीएसएम/",
        "\u{1b}]2;x",
        "\r",
        "\t",
        "ज़",
        "क़",
        "\u{200d}",
        "2025",
        ".",
        "--",
        "",
    ]);
    prop::collection::vec(
        prop::collection::vec(words, 0..12).prop_map(|w| w.join(" ")),
        1..6,
    )
    .prop_map(|paras| {
        let mut text = paras.join("\n\n");
        text.insert_str(0, "शीर्षक\n\nपटना, 3 मार्च (भाषा) ");
        text
    })
}

fn json_article() -> impl Strategy<Value = String> {
    (wire_story(), wire_story(), any::<bool>(), "[0-9-]{0,12}").prop_map(
        |(title, body, as_paragraphs, date)| {
            let mut doc = serde_json::json!({"title": title, "date": date, "tags": ["क"]});
            if as_paragraphs {
                doc["paragraphs"] = serde_json::json!(body.split("\n\n").collect::<Vec<_>>());
            } else {
                doc["body"] = serde_json::json!(body);
            }
            doc.to_string()
        },
    )
}

/// A mutation of a document's bytes: cut, insert, flip or duplicate.
#[derive(Debug, Clone)]
enum Mutation {
    Truncate(usize),
    Insert(usize, Vec<u8>),
    Flip(usize, u8),
    Remove(usize, usize),
    Duplicate(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::Truncate),
        (
            any::<usize>(),
            prop::collection::vec(
                prop_oneof![
                    any::<u8>(),
                    Just(b'{'),
                    Just(b'"'),
                    Just(b'\n'),
                    Just(0xFF),
                    Just(0xFE)
                ],
                1..8
            )
        )
            .prop_map(|(at, b)| Mutation::Insert(at, b)),
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Mutation::Flip(at, b)),
        (any::<usize>(), 0usize..64).prop_map(|(at, n)| Mutation::Remove(at, n)),
        (any::<usize>(), 0usize..64).prop_map(|(at, n)| Mutation::Duplicate(at, n)),
    ]
}

fn mutate(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let len = bytes.len();
        let at = |x: usize| if len == 0 { 0 } else { x % (len + 1) };
        match m {
            Mutation::Truncate(x) => bytes.truncate(at(*x)),
            Mutation::Insert(x, b) => {
                let i = at(*x);
                bytes.splice(i..i, b.iter().copied());
            }
            Mutation::Flip(x, b) if len > 0 => bytes[x % len] ^= b,
            Mutation::Flip(..) => {}
            Mutation::Remove(x, n) => {
                let i = at(*x);
                bytes.drain(i..(i + n).min(len));
            }
            Mutation::Duplicate(x, n) => {
                let i = at(*x);
                let piece: Vec<u8> = bytes[i..(i + n).min(len)].to_vec();
                bytes.splice(i..i, piece);
            }
        }
    }
    bytes
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn any_bytes_give_articles_or_a_clear_error(
        bytes in prop::collection::vec(any::<u8>(), 0..1024),
        ext in prop::sample::select(vec!["txt", "json", "jsonl"]),
        bom in prop::sample::select(vec![&b""[..], &[0xEF, 0xBB, 0xBF][..], &[0xFF, 0xFE][..], &[0xFE, 0xFF][..]]),
    ) {
        let name = format!("f.{ext}");
        let mut input = bom.to_vec();
        input.extend(bytes);
        check_outcome(&name, &parse_bytes(Path::new(&name), input, None))?;
    }

    #[test]
    fn mutated_wire_stories_give_articles_or_a_clear_error(
        story in wire_story(),
        mutations in prop::collection::vec(mutation(), 0..4),
        wide in any::<bool>(),
    ) {
        let bytes = if wide { utf16(&story, false) } else { story.into_bytes() };
        let bytes = mutate(bytes, &mutations);
        check_outcome("s.txt", &parse_bytes(Path::new("s.txt"), bytes, None))?;
    }

    #[test]
    fn mutated_json_gives_an_article_or_a_clear_error(
        doc in json_article(),
        mutations in prop::collection::vec(mutation(), 0..4),
    ) {
        let bytes = mutate(doc.into_bytes(), &mutations);
        check_outcome("a.json", &parse_bytes(Path::new("a.json"), bytes, None))?;
    }

    #[test]
    fn every_jsonl_line_gives_an_article_or_an_error(
        docs in prop::collection::vec(json_article(), 1..8),
        mutations in prop::collection::vec(mutation(), 0..3),
    ) {
        // Mutations within lines only, so the lines can be counted.
        let lines: Vec<Vec<u8>> = docs
            .into_iter()
            .map(|d| mutate(d.into_bytes(), &mutations))
            .map(|l| l.into_iter().filter(|&b| b != b'\n' && b != b'\r').collect())
            .collect();
        let mut bytes = lines.join(&b'\n');
        bytes.push(b'\n');
        let outcome = parse_bytes(Path::new("l.jsonl"), bytes.clone(), None);
        check_outcome("l.jsonl", &outcome)?;
        if let Ok(text) = std::str::from_utf8(&bytes) && !text.contains('\0') {
            let text = text.strip_prefix('\u{feff}').unwrap_or(text);
            let non_blank = text.lines().filter(|l| !l.trim().is_empty()).count();
            if non_blank > 0 {
                prop_assert_eq!(outcome.articles.len() + outcome.errors.len(), non_blank);
            }
        }
    }
}
