//! What khabar prints and writes, attacked through file names, titles and piped input:
//!
//! - a path is printed one way everywhere (`extract`, `index`, JSON and CSV, stderr): bytes
//!   that are not UTF-8 as `\xNN`, control and bidi characters as `\x1B`, `\u{202E}`;
//! - a Markdown export of an article whose file name and title carry escape sequences and
//!   U+202E holds neither (`cat` of it cannot set the terminal's title);
//! - a CSV cell a spreadsheet would run as a formula starts with `'`;
//! - `tag --conll` skips a line that is not UTF-8 by its number, keeps the sentence around
//!   it, and never writes a control character;
//! - `--no-cache` with `--cache-dir` is a usage error;
//! - property tests: the sanitiser, `tag --conll`, and a line end ending every escape
//!   sequence, on arbitrary bytes. They run a few hundred cases; `PROPTEST_CASES=100000 cargo test --test faults_output` runs long.
//!
//! No network; every file is written in a temporary folder, and the binary runs with its
//! XDG folders there too.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use khabar::article::clean::{clean_text, display_path, is_unsafe, safe_line, safe_text};
use khabar::article::{Article, Dateline, load_file};
use khabar::export::conll::tag_conll;
use khabar::export::{
    ArticleExport, Companion, EntityPage, PageArticle, PageEvent, Snippet, article_markdown, csv,
    entity_markdown,
};
use khabar::extract::report::{ArticleReport, DatelineReport, ExtractReport};
use khabar::extract::time::{TimelineEntry, TimexKind};
use khabar::extract::{Entity, Kind, Mention, Tag};
use proptest::prelude::*;
use serde_json::Value;

/// What a file name can carry to a terminal: a title-setting OSC, a clear-screen CSI and a
/// right-to-left override.
const HOSTILE: &str = "\u{1b}]2;PWNED\u{7}\u{1b}[2J\u{202e}";
/// The same, as khabar prints it.
const HOSTILE_SHOWN: &str = "\\x1B]2;PWNED\\x07\\x1B[2J\\u{202E}";

fn chunav() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/extract/chunav.txt"),
    )
    .expect("fixture")
}

/// Fails with the character's position when `text` holds anything a terminal would act on
/// or that reorders text; newlines (and tabs, where `tabs`) are allowed.
fn assert_safe(what: &str, text: &str, tabs: bool) {
    if let Some((at, c)) = text
        .char_indices()
        .find(|&(_, c)| is_unsafe(c) && c != '\n' && !(tabs && c == '\t'))
    {
        panic!("{what} carries {c:?} at byte {at}:\n{text}");
    }
}

fn khabar(home: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_khabar"));
    cmd.env("NO_COLOR", "1")
        .env("HOME", home)
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .current_dir(home);
    cmd
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("khabar runs")
}

fn stdout_json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

// ---------------------------------------------------------------------------------------
// Paths: one way everywhere.

/// A folder `news` with an article under a hostile name, one under a name that is not
/// UTF-8, and an empty file (an error) under a name that is not UTF-8 either.
#[cfg(unix)]
fn hostile_names(home: &Path) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    let news = home.join("news");
    std::fs::create_dir_all(&news).expect("folder");
    let name = |bytes: &[u8]| news.join(std::ffi::OsStr::from_bytes(bytes));
    std::fs::write(name(format!("{HOSTILE}a.txt").as_bytes()), chunav()).expect("write");
    std::fs::write(name(b"b_\xff\xfe.txt"), chunav()).expect("write");
    std::fs::write(name(b"c_\xff_empty.txt"), "").expect("write");
    PathBuf::from("news")
}

#[cfg(unix)]
#[test]
fn extract_and_index_print_every_path_the_same_escaped_way() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let folder = hostile_names(tmp.path());
    let hostile = format!("news/{HOSTILE_SHOWN}a.txt");
    let bad = "news/b_\\xFF\\xFE.txt";
    let empty = "news/c_\\xFF_empty.txt";

    let extract = run(khabar(tmp.path()).arg("extract").arg(&folder));
    assert_eq!(extract.status.code(), Some(0));
    assert_safe(
        "extract's JSON",
        &String::from_utf8_lossy(&extract.stdout),
        false,
    );
    let json = stdout_json(&extract);
    let mut paths: Vec<&str> = json["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .map(|a| a["path"].as_str().expect("path"))
        .collect();
    paths.sort_unstable();
    assert_eq!(paths, [hostile.as_str(), bad]);
    assert_eq!(json["errors"][0]["path"], empty);

    let index = run(khabar(tmp.path())
        .args(["index", "--no-cache"])
        .arg(&folder));
    assert_eq!(index.status.code(), Some(0));
    assert_safe(
        "index's JSON",
        &String::from_utf8_lossy(&index.stdout),
        false,
    );
    let json = stdout_json(&index);
    let kumar = json["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .find(|e| e["name"] == "राजीव कुमार")
        .expect("राजीव कुमार");
    let mut paths: Vec<&str> = kumar["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .map(|p| p.as_str().expect("path"))
        .collect();
    paths.sort_unstable();
    assert_eq!(paths, [hostile.as_str(), bad]);
    assert_eq!(json["errors"][0]["path"], empty);
    assert!(
        json["timeline"]
            .as_array()
            .expect("timeline")
            .iter()
            .any(|e| e["path"] == hostile.as_str())
    );

    for args in [
        &["extract", "--format", "csv"][..],
        &[
            "index",
            "--no-cache",
            "--format",
            "csv",
            "--table",
            "timeline",
        ],
    ] {
        let out = run(khabar(tmp.path()).args(args).arg(&folder));
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let text = String::from_utf8(out.stdout).expect("CSV is UTF-8");
        assert_safe("the CSV table", &text, true);
        assert!(text.contains(&hostile), "{args:?}: {text}");
        assert!(text.contains(bad), "{args:?}: {text}");
    }
}

#[test]
fn a_missing_folder_is_named_on_stderr_escaped() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = run(khabar(tmp.path()).arg(format!("gone{HOSTILE}")));
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).expect("UTF-8");
    assert_eq!(
        stderr.trim_end(),
        format!("khabar: gone{HOSTILE_SHOWN}: no such file or folder")
    );
    let out = run(khabar(tmp.path())
        .arg("extract")
        .arg(format!("gone{HOSTILE}")));
    assert_safe(
        "extract's JSON",
        &String::from_utf8_lossy(&out.stdout),
        false,
    );
    assert_eq!(
        stdout_json(&out)["errors"][0]["path"],
        format!("gone{HOSTILE_SHOWN}")
    );
}

// ---------------------------------------------------------------------------------------
// Markdown exports.

fn timeline_entry(text: &str) -> TimelineEntry {
    TimelineEntry {
        text: text.to_string(),
        start: 0,
        end: 0,
        kind: TimexKind::Date,
        value: Some("2025-04-14".into()),
        modifier: None,
        event: format!("घटना {HOSTILE}"),
        entities: vec![format!("नाम{HOSTILE}")],
    }
}

fn entity(name: &str) -> Entity {
    Entity {
        name: name.to_string(),
        kind: Kind::Person,
        aliases: vec![format!("उपनाम{HOSTILE}")],
        mentions: vec![Mention {
            start: 0,
            end: 0,
            text: name.to_string(),
        }],
        confidence: 1.0,
        titles: Vec::new(),
    }
}

#[cfg(unix)]
#[test]
fn an_article_export_whose_file_name_and_title_carry_escapes_holds_none() {
    use std::os::unix::ffi::OsStrExt;
    let tmp = tempfile::tempdir().expect("temp dir");
    let path = tmp.path().join(std::ffi::OsStr::from_bytes(
        format!("{HOSTILE}txt.exe\u{202c}\u{2066}.txt").as_bytes(),
    ));
    // The title too: its escape sequences go on load.
    std::fs::write(&path, format!("{HOSTILE}शीर्षक{HOSTILE}\n\n{}", chunav())).expect("write");
    let loaded = load_file(&path);
    let article = loaded.articles.first().expect("the article loads");
    assert_eq!(article.title, "शीर्षक");
    let found = khabar::extract::Extraction {
        body: article.body(),
        reference: None,
        entities: Vec::new(),
        timeline: Vec::new(),
    };
    let markdown = article_markdown(&ArticleExport::new(article, &found));
    assert_safe("the Markdown", &markdown, false);
    assert!(!markdown.contains("PWNED\u{7}"));
    let shown = format!("{HOSTILE_SHOWN}txt.exe\\u{{202C}}\\u{{2066}}.txt");
    assert!(markdown.contains(&shown), "{markdown}");
    assert_eq!(
        display_path(&path),
        format!("{}/{shown}", display_path(tmp.path()))
    );

    // Made by hand, every field raw: title, byline, path, address, paragraphs, names,
    // timeline.
    let dateline = Dateline {
        place: Some(format!("पटना{HOSTILE}")),
        date_text: Some(format!("14 अप्रैल{HOSTILE}")),
        agency: Some(format!("भाषा{HOSTILE}")),
        ..Default::default()
    };
    let paragraphs = vec![format!("पहला {HOSTILE} अनुच्छेद")];
    let entities = vec![entity(&format!("राजीव{HOSTILE}"))];
    let timeline = vec![timeline_entry(&format!("सोमवार{HOSTILE}"))];
    let (title, source, url) = (
        format!("शीर्षक {HOSTILE} नया"),
        format!("स्रोत{HOSTILE}"),
        format!("https://example.com/{HOSTILE}"),
    );
    let export = ArticleExport {
        title: &title,
        path: format!("news/{HOSTILE}a.txt"),
        dateline: Some(&dateline),
        date: None,
        source: Some(&source),
        url: Some(&url),
        paragraphs: &paragraphs,
        entities: &entities,
        timeline: &timeline,
    };
    let markdown = article_markdown(&export);
    assert_safe("the Markdown", &markdown, false);
    // The title is still there, its escapes shown (and Markdown-escaped).
    assert!(
        markdown.starts_with("# शीर्षक \\\\x1B\\]2;PWNED"),
        "{markdown}"
    );
    assert!(markdown.contains(&format!("`news/{HOSTILE_SHOWN}a.txt`")));
}

#[test]
fn a_name_page_export_holds_no_escapes() {
    let entry = timeline_entry("सोमवार");
    let title = format!("शीर्षक{HOSTILE}");
    let path = format!("news/{HOSTILE}a.txt");
    let name = format!("राजीव{HOSTILE}");
    let aliases = vec![format!("कुमार{HOSTILE}")];
    let sentence = format!("राजीव{HOSTILE} ने कहा");
    // The name, and a mark inside a character (as a damaged cache could give) that is left
    // out rather than panicking.
    let inside = sentence.find("ने").expect("ने") + 1;
    let page = EntityPage {
        name: &name,
        kind: Kind::Person,
        aliases: &aliases,
        mentions: 1,
        articles: vec![PageArticle {
            path: &path,
            title: &title,
            date: None,
            mentions: 1,
            sentences: vec![Snippet {
                marks: vec![0.."राजीव".len(), inside..inside + 3],
                text: sentence,
            }],
        }],
        timeline: vec![PageEvent {
            path: &path,
            title: &title,
            entry: entry.clone(),
        }],
        appears_with: vec![Companion {
            name: &name,
            kind: Kind::Place,
            shared: 1,
        }],
    };
    let markdown = entity_markdown(&page);
    assert_safe("the name's page", &markdown, false);
    assert!(markdown.contains(&format!("`news/{HOSTILE_SHOWN}a.txt`")));
}

// ---------------------------------------------------------------------------------------
// CSV.

fn report_with(title: &str, path: &str, names: &[&str]) -> ExtractReport {
    ExtractReport {
        articles: vec![ArticleReport {
            path: path.to_string(),
            line: None,
            title: title.to_string(),
            date: None,
            date_inferred: false,
            dateline: DatelineReport::default(),
            reference_date: None,
            reference_inferred: false,
            body: String::new(),
            entities: names.iter().map(|n| entity(n)).collect(),
            timeline: names.iter().map(|n| timeline_entry(n)).collect(),
            warnings: Vec::new(),
        }],
        errors: Vec::new(),
    }
}

fn cells(table: &[u8]) -> Vec<Vec<String>> {
    ::csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(table)
        .records()
        .map(|r| r.expect("a CSV row").iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn csv_cells_a_spreadsheet_would_run_start_with_a_quote() {
    let formulas = [
        "=HYPERLINK(\"http://x\",\"y\")",
        "+1+1",
        "-2+3",
        "@SUM(A1)",
        "\t=1",
        "\r=1",
    ];
    let report = report_with("t", "=cmd|' /C calc'!A0", &formulas);
    let mut out = Vec::new();
    csv::extract_entities(&report, &mut out).expect("written");
    let rows = cells(&out);
    assert_eq!(rows.len(), formulas.len());
    for (row, formula) in rows.iter().zip(formulas) {
        assert_eq!(row[0], "'=cmd|' /C calc'!A0");
        assert!(
            row[2].starts_with('\''),
            "{formula:?} written as {:?}",
            row[2]
        );
        // Tab is kept after the quote; CR is shown escaped.
        assert!(
            row[2] == format!("'{formula}") || row[2] == "'\\x0D=1",
            "{:?}",
            row[2]
        );
    }
    // Plain cells are untouched, numbers included.
    let report = report_with("t", "news/a.txt", &["राजीव कुमार"]);
    let mut out = Vec::new();
    csv::extract_timeline(&report, &mut out).expect("written");
    let rows = cells(&out);
    assert_eq!(rows[0][0], "news/a.txt");
    assert_eq!(rows[0][2], "राजीव कुमार");
    assert_eq!(rows[0][3], "2025-04-14");
}

#[test]
fn a_csv_path_and_title_that_look_like_formulas_are_quoted_by_extract_and_index() {
    let tmp = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        tmp.path().join("=1+1.txt"),
        chunav().replacen("चुनाव आयोग ने", "=HYPERLINK(\"x\") चुनाव आयोग ने", 1),
    )
    .expect("write");
    let out = run(khabar(tmp.path()).args(["extract", "--format", "csv", "=1+1.txt"]));
    assert_eq!(out.status.code(), Some(0));
    let rows = cells(&out.stdout);
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r[0] == "'=1+1.txt"), "{rows:?}");

    let out = run(khabar(tmp.path()).args([
        "index",
        "--no-cache",
        "--format",
        "csv",
        "--table",
        "timeline",
        "=1+1.txt",
    ]));
    assert_eq!(out.status.code(), Some(0));
    let rows = cells(&out.stdout);
    assert!(!rows.is_empty());
    for row in &rows {
        assert_eq!(row[0], "'=1+1.txt");
        assert!(row[1].starts_with("'=HYPERLINK"), "{row:?}");
    }
}

// ---------------------------------------------------------------------------------------
// tag --conll.

fn tag(input: &[u8]) -> Output {
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut child = khabar(tmp.path())
        .args(["tag", "--conll"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("khabar runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("write stdin");
    child.wait_with_output().expect("khabar ends")
}

#[test]
fn tag_conll_skips_a_line_that_is_not_utf8_by_number_and_keeps_the_sentence() {
    let mut input = Vec::new();
    input.extend_from_slice("प्रधानमंत्री\nनरेंद्र\n".as_bytes());
    input.extend_from_slice(b"\xff\xfe bad\n");
    input.extend_from_slice("मोदी\nने\nकहा\n\nदूसरा\r\nवाक्य\n".as_bytes());
    let out = tag(&input);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8(out.stderr).expect("UTF-8");
    assert_eq!(stderr.trim_end(), "khabar: line 3: not UTF-8, skipped");
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    let tokens: Vec<&str> = stdout
        .lines()
        .map(|l| l.split('\t').next().unwrap_or(""))
        .collect();
    assert_eq!(
        tokens,
        ["प्रधानमंत्री", "नरेंद्र", "मोदी", "ने", "कहा", "", "दूसरा", "वाक्य"]
    );
    // The sentence was tagged whole: नरेंद्र मोदी is one name.
    assert!(stdout.contains("नरेंद्र\tB-PER\nमोदी\tI-PER\n"), "{stdout}");
}

#[test]
fn tag_conll_writes_no_escape_sequences() {
    let input = format!("{HOSTILE}मोदी\tX\n\u{1b}[31m\n\u{9b}2J\u{85}ने\n");
    let out = tag(input.as_bytes());
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    assert_safe("tag's output", &stdout, true);
    let tokens: Vec<&str> = stdout
        .lines()
        .map(|l| l.split('\t').next().unwrap_or(""))
        .collect();
    assert_eq!(tokens, ["मोदी", "_", "ने"]);
}

// ---------------------------------------------------------------------------------------
// Usage.

#[test]
fn no_cache_with_a_cache_dir_is_a_usage_error() {
    let tmp = tempfile::tempdir().expect("temp dir");
    std::fs::write(tmp.path().join("a.txt"), chunav()).expect("write");
    for args in [
        &["--no-cache", "--cache-dir", "c", "a.txt"][..],
        &["index", "--no-cache", "--cache-dir", "c", "a.txt"],
        &["index", "--cache-dir", "c", "--no-cache", "a.txt"],
    ] {
        let out = run(khabar(tmp.path()).args(args));
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("--no-cache") && stderr.contains("--cache-dir"),
            "{args:?}: {stderr}"
        );
        assert!(!tmp.path().join("c").exists(), "{args:?} made the cache");
    }
}

// ---------------------------------------------------------------------------------------
// Properties.

fn cases(default: u32) -> ProptestConfig {
    // PROPTEST_CASES, when set, wins over the default.
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases,
        // Integration tests have no source file for proptest to save failures beside; the
        // failing case and its seed are printed instead.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Bytes a hostile file or pipe could hold: escape sequences whole and cut short, C0/C1
/// controls as UTF-8, bidi controls, Devanagari, and raw bytes that are not UTF-8.
fn hostile_bytes() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        3 => prop::sample::select(vec![
            "\u{1b}]2;PWNED\u{7}", "\u{1b}]52;c;AAAA\u{1b}\\", "\u{1b}]", "\u{1b}P", "\u{1b}[",
            "\u{1b}[31;1m", "\u{1b}[12", "\u{1b}", "\u{1b}(", "\u{9b}", "\u{9d}", "\u{90}",
            "\u{9c}", "\u{85}", "\u{7}", "\u{0}", "\u{18}", "\u{7f}", "\r", "\n", "\t", "\r\n",
            "\u{202e}", "\u{202a}", "\u{2066}", "\u{2069}", "\u{200e}", "\u{61c}", "\u{2028}",
            "\u{feff}", "\u{200d}", "\\", "=", "+", "-", "@",
        ]).prop_map(|s| s.as_bytes().to_vec()),
        3 => prop::sample::select(vec![
            "नरेंद्र", "मोदी", "ने", "कहा", "स्त्री", "।", " ", "दिल्ली", "a", "\n\n",
        ]).prop_map(|s| s.as_bytes().to_vec()),
        2 => any::<char>().prop_map(|c| c.to_string().into_bytes()),
        2 => prop::collection::vec(any::<u8>(), 1..6),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

/// Neither ESC nor any other C0/C1 control but newline (and tab, where allowed), and no
/// bidi embedding, override or isolate.
fn forbidden(c: char, tabs: bool) -> bool {
    (c.is_control() && c != '\n' && !(tabs && c == '\t'))
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

proptest! {
    #![proptest_config(cases(300))]

    #[test]
    fn the_sanitiser_leaves_nothing_a_terminal_acts_on(bytes in hostile_bytes()) {
        let text = String::from_utf8_lossy(&bytes);
        let safe = safe_text(&text);
        prop_assert!(!safe.chars().any(|c| forbidden(c, true)), "{safe:?}");
        // Visible, and stable: escaping twice changes nothing.
        let twice = safe_text(&safe).into_owned();
        prop_assert_eq!(twice.as_str(), safe.as_ref());
        let line = safe_line(&text);
        prop_assert!(!line.contains(['\n', '\t']));
        prop_assert!(!line.chars().any(|c| forbidden(c, false)));
        let cleaned = clean_text(&text);
        prop_assert!(!cleaned.chars().any(|c| c != '\n' && is_unsafe(c)), "{cleaned:?}");
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let path = Path::new(std::ffi::OsStr::from_bytes(&bytes));
            let shown = display_path(path);
            prop_assert!(!shown.chars().any(|c| forbidden(c, false)));
            let article = Article { path: path.to_path_buf(), ..Default::default() };
            let key = safe_line(&article.key()).into_owned();
            prop_assert_eq!(key, shown);
        }
    }

    #[test]
    fn a_line_end_ends_every_escape_sequence(line in hostile_bytes(), rest in hostile_bytes()) {
        // Whatever a line holds, sequences cut short included, the next line is cleaned as
        // if it stood alone: an unterminated ESC ] never swallows the rest of an article.
        let line = String::from_utf8_lossy(&line).replace(['\n', '\r'], "");
        let rest = String::from_utf8_lossy(&rest);
        let whole = clean_text(&format!("{line}\n{rest}"));
        let apart = format!("{}\n{}", clean_text(&line), clean_text(&rest));
        prop_assert_eq!(whole, apart);
    }

    #[test]
    fn tag_conll_never_fails_nor_writes_a_control(bytes in hostile_bytes()) {
        let mut out = Vec::new();
        let mut skipped = Vec::new();
        let tag_all = |words: &[&str]| vec![Tag::O; words.len()];
        tag_conll(bytes.as_slice(), &mut out, tag_all, |s| skipped.push(s.line))
            .expect("reading memory and writing memory never fail");
        let text = String::from_utf8(out).expect("the output is UTF-8");
        prop_assert!(!text.chars().any(|c| forbidden(c, true)), "{text:?}");
        // One output line per token line and per blank line; only skipped lines are lost.
        let lines = bytes.split_inclusive(|&b| b == b'\n').count();
        prop_assert_eq!(text.lines().count() + skipped.len(), lines, "{:?}", text);
        // Every output line is a token, a tab and its tag, or blank.
        for line in text.lines() {
            prop_assert!(line.is_empty() || line.ends_with("\tO"), "{line:?}");
            prop_assert!(line.matches('\t').count() <= 1);
        }
    }
}
