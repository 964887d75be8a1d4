//! Issue 19: khabar's own main-text extraction measured against maintained readability
//! crates on the fixtures in `tests/fixtures/web` that have a gold body — character F1
//! and boilerplate share as `tests/web_pages.rs` defines them, and MB of HTML per second
//! on one core. The decision it supports is in `docs/extractor.md`.
//!
//! Run (the candidates are optional dependencies behind a feature, so a plain `cargo test`
//! never builds them):
//!
//! ```sh
//! cargo build --release --features extractor-compare --example extractor_compare
//! target/release/examples/extractor_compare            # fixtures, quality and speed
//! target/release/examples/extractor_compare --secs 1   # longer timing rounds
//! target/release/examples/extractor_compare --pages DIR [--show]
//! ```
//!
//! `--pages DIR` runs every extractor on the saved pages under DIR (no gold needed) and
//! reports each one's output length and which boilerplate markers got into the text
//! ("यह भी पढ़ें" blocks, captions, share text, ads, comments); `--show` prints the texts.
//!
//! Extractors:
//! - `khabar`: `html::decode` + `html::extract`, the reader's whole path (JSON-LD
//!   `articleBody` when the page's own text lost it, else the scored main block);
//! - `khabar-dom`: the same on the page with every JSON-LD script removed, so only the
//!   readability-style scoring of the DOM is left;
//! - `dom_smoothie` (readability.js port; `TextMode::Formatted`, default policy cascade;
//!   its own `CandidateSelectMode::DomSmoothie` gave the same text on every fixture);
//! - `dom_smoothie+clean`: the block dom_smoothie chooses (classes kept), cleaned by
//!   khabar's boilerplate rules (`html::fragment_paragraphs`, as for a feed item's HTML) —
//!   to tell a wrong block from boilerplate left inside the right one;
//! - `readability` (arc90 port, no `reqwest`).
//!
//! Every extractor gets the page as `html::decode` gives it (the fixtures include one in
//! ISO-8859-1, which `readability` would otherwise read as broken UTF-8); decoding is
//! inside the timed work for all of them.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::time::{Duration, Instant};

use khabar::article::html;
use regex::Regex;

/// The allocator the `khabar` binary uses, for every extractor alike.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Boilerplate that must never reach the text, as the fixtures' markup and real Hindi
/// news pages word it: related-link blocks ("यह / ये / इसे भी पढ़ें"), ad labels, share and
/// follow lines, cookie banners, a reader's comment and photo captions.
const MARKERS: [(&str, &str); 10] = [
    ("भी पढ़ें", "related"),
    ("विज्ञापन", "ad"),
    ("Advertisement", "ad"),
    ("शेयर करें", "share"),
    ("फॉलो करें", "share"),
    ("कुकीज़", "cookies"),
    ("बहुत अच्छी खबर है", "comment"),
    ("फोटो:", "caption"),
    ("फोटो)", "caption"),
    ("फोटो :", "caption"),
];

#[derive(Clone, Copy, PartialEq)]
enum Extractor {
    Khabar,
    KhabarDom,
    DomSmoothie,
    DomSmoothieClean,
    Readability,
}

const ALL: [Extractor; 5] = [
    Extractor::Khabar,
    Extractor::KhabarDom,
    Extractor::DomSmoothie,
    Extractor::DomSmoothieClean,
    Extractor::Readability,
];

impl Extractor {
    fn name(self) -> &'static str {
        match self {
            Extractor::Khabar => "khabar",
            Extractor::KhabarDom => "khabar-dom",
            Extractor::DomSmoothie => "dom_smoothie",
            Extractor::DomSmoothieClean => "dom_smoothie+clean",
            Extractor::Readability => "readability",
        }
    }

    /// The main text of a page, or why there is none.
    fn run(self, bytes: &[u8]) -> Result<String, String> {
        let page = html::decode(bytes);
        match self {
            Extractor::Khabar => html::extract(&page)
                .map(|a| a.paragraphs.join("\n\n"))
                .map_err(|e| e.to_string()),
            Extractor::KhabarDom => html::extract(&without_json_ld(&page))
                .map(|a| a.paragraphs.join("\n\n"))
                .map_err(|e| e.to_string()),
            Extractor::DomSmoothie | Extractor::DomSmoothieClean => {
                let clean = self == Extractor::DomSmoothieClean;
                let cfg = dom_smoothie::Config {
                    text_mode: dom_smoothie::TextMode::Formatted,
                    // khabar's boilerplate rules read class and id names.
                    keep_classes: clean,
                    ..Default::default()
                };
                let mut r = dom_smoothie::Readability::new(&*page, None, Some(cfg))
                    .map_err(|e| e.to_string())?;
                let article = r.parse().map_err(|e| e.to_string())?;
                Ok(if clean {
                    html::fragment_paragraphs(&article.content).join("\n\n")
                } else {
                    article.text_content.to_string()
                })
            }
            Extractor::Readability => {
                static BASE: LazyLock<url::Url> =
                    LazyLock::new(|| url::Url::parse("https://example.invalid/").expect("url"));
                readability::extractor::extract(&mut page.as_bytes(), &BASE)
                    .map(|p| p.text)
                    .map_err(|e| format!("{e:?}"))
            }
        }
    }
}

/// The page with its JSON-LD scripts cut out.
fn without_json_ld(page: &str) -> String {
    static LD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?is)<script[^>]*application/ld\+json[^>]*>.*?</script>"#).expect("regex")
    });
    LD.replace_all(page, "").into_owned()
}

// --- the score, exactly as tests/web_pages.rs defines it ---

/// Characters that count: whitespace is layout, not text.
fn chars(s: &str) -> Vec<char> {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Length of the longest common subsequence of two character strings.
fn lcs(a: &[char], b: &[char]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for x in a {
        let mut diag = 0;
        for (j, y) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if x == y { diag + 1 } else { up.max(row[j]) };
            diag = up;
        }
    }
    row[b.len()]
}

/// Character-level F1 of `found` against `gold`, and the share of `found` that is not in
/// the gold text (boilerplate that got through).
fn score(found: &str, gold: &str) -> (f64, f64) {
    let (f, g) = (chars(found), chars(gold));
    let common = lcs(&f, &g) as f64;
    let precision = common / f.len().max(1) as f64;
    let recall = common / g.len().max(1) as f64;
    let f1 = if common == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    (f1, 1.0 - precision)
}

/// Paragraphs of a text: its lines that hold something (an extractor that runs paragraphs
/// together gives the reader one wall of text).
fn paragraphs(text: &str) -> usize {
    text.lines().filter(|l| !l.trim().is_empty()).count()
}

/// The boilerplate markers found in a text, by kind.
fn markers(text: &str) -> String {
    let mut kinds: Vec<&str> = MARKERS
        .iter()
        .filter(|(m, _)| text.contains(m))
        .map(|(_, k)| *k)
        .collect();
    kinds.sort_unstable();
    kinds.dedup();
    if kinds.is_empty() {
        "-".to_string()
    } else {
        kinds.join(",")
    }
}

/// Seconds a round of `f` takes: the best of three rounds of at least `secs` each, after
/// a warm-up (the machine is shared, and the best round is the least disturbed).
fn seconds_per_run(secs: f64, mut f: impl FnMut()) -> f64 {
    for _ in 0..3 {
        f();
    }
    let mut best = f64::INFINITY;
    for _ in 0..3 {
        let started = Instant::now();
        let mut runs = 0u32;
        while started.elapsed() < Duration::from_secs_f64(secs) {
            f();
            runs += 1;
        }
        best = best.min(started.elapsed().as_secs_f64() / f64::from(runs));
    }
    best
}

fn mb_per_s(bytes: usize, secs: f64) -> f64 {
    bytes as f64 / 1e6 / secs
}

struct Fixture {
    stem: String,
    bytes: Vec<u8>,
    gold: Option<String>,
}

fn fixtures() -> Vec<Fixture> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/web");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir)
        .expect("tests/fixtures/web")
        .flatten()
    {
        let path = entry.path();
        let Some(stem) = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".html"))
        else {
            continue;
        };
        let gold = std::fs::read_to_string(dir.join(format!("{stem}.gold.txt"))).ok();
        out.push(Fixture {
            stem: stem.to_string(),
            bytes: std::fs::read(&path).expect("fixture"),
            gold,
        });
    }
    out.sort_by(|a, b| a.stem.cmp(&b.stem));
    out
}

/// A long page for speed alone: the body of `page` repeated `times` times in one document.
fn long_page(page: &[u8], times: usize) -> Vec<u8> {
    let text = String::from_utf8_lossy(page);
    let (Some(open), Some(close)) = (text.find("<body"), text.rfind("</body>")) else {
        return text.repeat(times).into_bytes();
    };
    let start = open + text[open..].find('>').map_or(0, |i| i + 1);
    let body = &text[start..close];
    let mut out = String::with_capacity(text.len() * times);
    out.push_str(&text[..start]);
    for _ in 0..times {
        out.push_str(body);
    }
    out.push_str(&text[close..]);
    out.into_bytes()
}

fn compare_fixtures(secs: f64) {
    let fixtures = fixtures();
    let gold: Vec<&Fixture> = fixtures.iter().filter(|f| f.gold.is_some()).collect();
    let gold_bytes: usize = gold.iter().map(|f| f.bytes.len()).sum();
    println!(
        "{} fixtures with a gold body, {:.1} KB of HTML; timing: best of 3 rounds of {secs} s, one core\n",
        gold.len(),
        gold_bytes as f64 / 1024.0
    );
    println!(
        "| extractor | fixture | F1 | boilerplate % | chars out / gold | paragraphs out / gold | markers | MB/s |\n|---|---|---:|---:|---:|---:|---|---:|"
    );
    let mut summary = Vec::new();
    for ex in ALL {
        let (mut sum_f1, mut sum_noise, mut worst_f1, mut total_secs) = (0.0, 0.0, 1.0f64, 0.0);
        for f in &gold {
            let gold_text = f.gold.as_deref().unwrap_or_default();
            let (f1, noise, len, paras, marks) = match ex.run(&f.bytes) {
                Ok(text) => {
                    let (f1, noise) = score(&text, gold_text);
                    (
                        f1,
                        noise,
                        chars(&text).len(),
                        paragraphs(&text),
                        markers(&text),
                    )
                }
                Err(e) => (0.0, 0.0, 0, 0, format!("error: {e}")),
            };
            let s = seconds_per_run(secs, || {
                let _ = black_box(ex.run(black_box(&f.bytes)));
            });
            total_secs += s;
            sum_f1 += f1;
            sum_noise += noise;
            worst_f1 = worst_f1.min(f1);
            println!(
                "| {} | {} | {f1:.4} | {:.2} | {len} / {} | {paras} / {} | {marks} | {:.1} |",
                ex.name(),
                f.stem,
                noise * 100.0,
                chars(gold_text).len(),
                paragraphs(gold_text),
                mb_per_s(f.bytes.len(), s)
            );
        }
        let n = gold.len() as f64;
        summary.push(format!(
            "| {} | {:.4} | {worst_f1:.4} | {:.2} | {:.1} |",
            ex.name(),
            sum_f1 / n,
            sum_noise / n * 100.0,
            mb_per_s(gold_bytes, total_secs)
        ));
    }
    println!(
        "\n| extractor | mean F1 | worst F1 | mean boilerplate % | MB/s (all gold pages) |\n|---|---:|---:|---:|---:|"
    );
    for line in &summary {
        println!("{line}");
    }

    // Pages that hold no article: khabar lists them under E; what do the others give?
    let others: Vec<&Fixture> = fixtures.iter().filter(|f| f.gold.is_none()).collect();
    println!("\nPages with no article (no gold): characters of text given, or the error\n");
    print!("| extractor |");
    for f in &others {
        print!(" {} |", f.stem);
    }
    println!("\n|---|{}", "---|".repeat(others.len()));
    for ex in ALL {
        print!("| {} |", ex.name());
        for f in &others {
            match ex.run(&f.bytes) {
                Ok(text) => print!(" {} chars |", chars(&text).len()),
                Err(e) => print!(" error: {} |", e.lines().next().unwrap_or_default()),
            }
        }
        println!();
    }

    // Speed on long pages: each gold page's body repeated 20 times in one document.
    let long: Vec<Vec<u8>> = gold.iter().map(|f| long_page(&f.bytes, 20)).collect();
    let long_bytes: usize = long.iter().map(Vec::len).sum();
    println!(
        "\nLong pages: each gold page's body 20 times over ({} pages, {:.1} MB)\n\n| extractor | MB/s | ms a page |\n|---|---:|---:|",
        long.len(),
        long_bytes as f64 / 1e6
    );
    for ex in ALL {
        let s = seconds_per_run(secs, || {
            for page in &long {
                let _ = black_box(ex.run(black_box(page)));
            }
        });
        println!(
            "| {} | {:.1} | {:.2} |",
            ex.name(),
            mb_per_s(long_bytes, s),
            s * 1000.0 / long.len() as f64
        );
    }
}

fn pages_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            pages_under(&path, out);
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
        {
            out.push(path);
        }
    }
}

fn compare_pages(dir: &Path, show: bool) {
    let mut pages = Vec::new();
    pages_under(dir, &mut pages);
    pages.sort();
    if pages.is_empty() {
        println!("no .html or .htm pages under {}", dir.display());
        return;
    }
    println!("| page | extractor | chars | paragraphs | markers |\n|---|---|---:|---:|---|");
    for path in &pages {
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        for ex in ALL {
            let name = path.display();
            match ex.run(&bytes) {
                Ok(text) => {
                    println!(
                        "| {name} | {} | {} | {} | {} |",
                        ex.name(),
                        chars(&text).len(),
                        paragraphs(&text),
                        markers(&text)
                    );
                    if show {
                        println!("\n--- {} on {name}:\n{text}\n---\n", ex.name());
                    }
                }
                Err(e) => println!("| {name} | {} | error: {e} | | |", ex.name()),
            }
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let secs = args
        .iter()
        .position(|a| a == "--secs")
        .and_then(|i| args.get(i + 1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0.3);
    match args.iter().position(|a| a == "--pages") {
        Some(i) => {
            let Some(dir) = args.get(i + 1) else {
                eprintln!("usage: extractor_compare [--secs S] [--pages DIR [--show]]");
                std::process::exit(2);
            };
            compare_pages(Path::new(dir), args.iter().any(|a| a == "--show"));
        }
        None => compare_fixtures(secs),
    }
}
