//! Loading a folder: every good article loads, every bad file is listed with a reason, and
//! nothing in the folder is changed.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use khabar::article::{Article, LoadError, LoadErrorKind, MAX_FILE_BYTES, load_path};

fn load(root: &Path) -> (Vec<Article>, Vec<LoadError>) {
    let (mut articles, mut errors) = (Vec::new(), Vec::new());
    load_path(root, |o| {
        articles.extend(o.articles);
        errors.extend(o.errors);
    });
    (articles, errors)
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("mkdir");
    }
    fs::write(&path, bytes).expect("write fixture");
    path
}

/// Every file's bytes and modification time, to prove nothing was touched.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, (Vec<u8>, std::time::SystemTime)> {
    walk(root)
        .into_iter()
        .map(|p| {
            let meta = fs::symlink_metadata(&p).expect("meta");
            let bytes = if meta.is_file() {
                fs::read(&p).expect("read")
            } else {
                Vec::new()
            };
            (p, (bytes, meta.modified().expect("mtime")))
        })
        .collect()
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = vec![dir.to_path_buf()];
    for entry in fs::read_dir(dir).expect("read_dir").flatten() {
        let p = entry.path();
        if entry.file_type().expect("type").is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn a_folder_of_good_and_bad_files_loads_the_good_and_lists_the_bad() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    write(
        root,
        "good.txt",
        "अच्छी ख़बर\n\nपटना, 3 मार्च (भाषा) यह पाठ है।\n",
    );
    write(
        root,
        "nested/deeper/one.json",
        r#"{"title": "जेसन", "body": "पहला।\n\nदूसरा।", "date": "2024-05-01"}"#,
    );
    write(
        root,
        "lines.jsonl",
        "{\"title\": \"एक\", \"body\": \"पाठ\"}\nnot json\n\n{\"title\": \"दो\", \"paragraphs\": [\"पाठ\"]}\n",
    );
    write(root, "latin1.txt", b"caf\xe9 au lait\n\ntext\n");
    write(root, "binary.txt", b"\x7fELF\x00\x01\x02\x00");
    write(root, "empty.txt", "");
    write(root, "blank.json", "  \n ");
    write(root, "broken.json", "{\"title\": ");
    write(root, "picture.png", b"\x89PNG");
    write(root, ".hidden/secret.txt", "छिपा\n\nपाठ");
    let big = vec![b'a'; MAX_FILE_BYTES as usize + 1];
    write(root, "huge.txt", &big);
    #[cfg(unix)]
    std::os::unix::fs::symlink(root, root.join("nested/loop")).expect("symlink");

    let before = snapshot(root);
    let (articles, errors) = load(root);
    assert_eq!(snapshot(root), before, "the folder was modified");

    let mut titles: Vec<&str> = articles.iter().map(|a| a.title.as_str()).collect();
    titles.sort();
    assert_eq!(titles, vec!["अच्छी ख़बर", "एक", "जेसन", "दो"]);

    let reason = |name: &str| -> String {
        errors
            .iter()
            .filter(|e| e.path.to_string_lossy().contains(name))
            .map(|e| e.kind.to_string())
            .collect::<Vec<_>>()
            .join("; ")
    };
    assert!(reason("latin1.txt").contains("not UTF-8"), "{errors:?}");
    assert!(reason("binary.txt").contains("binary"));
    assert!(reason("empty.txt").contains("empty"));
    assert!(reason("blank.json").contains("empty"));
    assert!(reason("broken.json").contains("invalid JSON"));
    // The file's line and the column in it, not serde's "line 1" of the one line it read.
    let lines = reason("lines.jsonl");
    assert!(lines.contains("line 2, column "), "{lines}");
    assert!(lines.contains(": invalid JSON: "), "{lines}");
    assert!(!lines.contains("at line 1"), "{lines}");
    assert!(reason("huge.txt").contains("MiB limit"));
    // Symlinked folders are not followed by default (so the loop is never entered); with
    // --follow the loop is found and reported.
    #[cfg(unix)]
    {
        let mut followed = Vec::new();
        khabar::article::load_path_with(root, &khabar::article::ScanOptions::new(true), |o| {
            followed.extend(o.errors)
        });
        assert!(
            followed
                .iter()
                .any(|e| matches!(e.kind, LoadErrorKind::SymlinkLoop)),
            "{followed:?}"
        );
    }
    assert!(reason("picture.png").is_empty() && reason("secret").is_empty());
    // Every error reads as one line: path, then reason.
    for e in &errors {
        assert!(!e.to_string().contains('\n'));
    }
}

#[test]
fn a_single_file_can_be_opened_whatever_its_extension() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "story.md", "शीर्षक\n\nपाठ यहां।");
    let (articles, errors) = load(&path);
    assert!(errors.is_empty());
    assert_eq!(articles[0].title, "शीर्षक");
    assert_eq!(articles[0].paragraphs, vec!["पाठ यहां।"]);
}

#[test]
fn escape_sequences_never_survive_loading() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "evil.txt",
        "शीर्षक\u{1b}]2;PWNED\u{7}\n\nपाठ\u{1b}]52;c;cHduZWQ=\u{7} \u{1b}[2J\u{1b}[H और\r\nअंत\u{9b}31m",
    );
    write(
        dir.path(),
        "evil.json",
        "{\"title\": \"t\\u001b]2;PWNED\\u0007\", \"body\": \"b\\u001b[31m\", \"source\": \"s\\u0007\"}",
    );
    let (articles, _) = load(dir.path());
    assert_eq!(articles.len(), 2);
    for a in &articles {
        let all = format!("{}{}{:?}", a.title, a.body(), a.source);
        assert!(!all.chars().any(|c| c.is_control() && c != '\n'), "{all:?}");
        assert!(
            !all.contains("PWNED") && !all.contains("cHduZWQ"),
            "{all:?}"
        );
    }
}

#[test]
fn the_bundled_samples_all_load() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample");
    let (articles, errors) = load(&root);
    assert!(errors.is_empty(), "{errors:?}");
    assert!(articles.len() >= 6);
    let seed = articles
        .iter()
        .find(|a| a.title.starts_with("रूस के सुरक्षा अधिकारी"))
        .expect("the seed article");
    let dateline = seed.dateline.as_ref().expect("seed dateline");
    assert_eq!(dateline.place.as_deref(), Some("सोल"));
    assert_eq!(dateline.date_text.as_deref(), Some("21 मार्च"));
    assert_eq!(seed.agency_code.as_deref(), Some("पीएसएम/"));
    assert!(seed.date.is_some_and(|d| d.inferred));
    assert!(seed.paragraphs[0].starts_with("रूस के शीर्ष सुरक्षा अधिकारी"));
    let formats: Vec<String> = articles
        .iter()
        .filter_map(|a| a.path.extension().map(|e| e.to_string_lossy().into_owned()))
        .collect();
    for ext in ["txt", "json", "jsonl"] {
        assert!(formats.iter().any(|f| f == ext), "no sample in .{ext}");
    }
}
