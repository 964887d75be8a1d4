//! Search speed on the real corpus: every article indexed many times over under distinct
//! keys (to reach 10k, optionally 100k documents), on disk; indexing MB/s, index size,
//! reopen and `keys()` time, and query latency (median and max over ~20 queries,
//! Devanagari and romanised, each the median of 5 runs).
//!
//! The corpus is `../shared/corpus/articles` next to the crate, or `$KHABAR_CORPUS`. Without
//! it the bench prints a note and does nothing. Document counts: `$KHABAR_SEARCH_DOCS`,
//! comma-separated (default `10000`; try `10000,100000`).
//! Run: `cargo bench --bench search`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use khabar::article::load_path;
use khabar::library::search::{SearchDoc, SearchIndex};

const QUERIES: &[&str] = &[
    "पुतिन",
    "putin",
    "मोदी",
    "modi",
    "दिल्ली पुलिस",
    "delhi police",
    "chunav",
    "चुनाव आयोग",
    "कोरोना",
    "corona",
    "ज़्यादा",
    "अमेरिका चीन",
    "trump",
    "सरकार ने कहा",
    "kejriwal",
    "मुंबई",
    "pakistan",
    "बिहार विधानसभा चुनाव",
    "rahul gandhi",
    "xyzzy",
];

fn corpus_dir() -> PathBuf {
    match std::env::var_os("KHABAR_CORPUS") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/articles"),
    }
}

fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter_map(|e| e.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

/// Bytes on disk by kind of file: store (the stored title and body), idx (postings), term
/// (dictionaries), fieldnorm, the rest.
fn size_by_kind(dir: &Path) -> String {
    let mut sizes: Vec<(String, u64)> = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let kind = name.rsplit('.').next().unwrap_or("").to_string();
        let len = entry.metadata().map_or(0, |m| m.len());
        match sizes.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, total)) => *total += len,
            None => sizes.push((kind, len)),
        }
    }
    sizes.sort_by_key(|&(_, len)| std::cmp::Reverse(len));
    sizes
        .iter()
        .filter(|&&(_, len)| len >= 100_000)
        .map(|(kind, len)| format!("{kind} {:.1} MB", *len as f64 / 1e6))
        .collect::<Vec<_>>()
        .join(", ")
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let dir = corpus_dir();
    if !dir.is_dir() {
        println!(
            "search bench: corpus folder {} not found (set KHABAR_CORPUS)",
            dir.display()
        );
        return;
    }
    let mut articles: Vec<(String, String, String)> = Vec::new();
    load_path(&dir, |o| {
        articles.extend(
            o.articles
                .iter()
                .map(|a| (a.key(), a.title.clone(), a.body())),
        )
    });
    if articles.is_empty() {
        println!("search bench: no articles in {}", dir.display());
        return;
    }
    let bytes: usize = articles.iter().map(|(_, t, b)| t.len() + b.len()).sum();
    println!(
        "{} articles, {:.2} MB of text",
        articles.len(),
        bytes as f64 / 1e6
    );
    let counts: Vec<usize> = std::env::var("KHABAR_SEARCH_DOCS")
        .unwrap_or_else(|_| "10000".into())
        .split(',')
        .filter_map(|n| n.trim().parse().ok())
        .collect();
    for docs in counts {
        run(&articles, docs);
    }
}

fn run(articles: &[(String, String, String)], docs: usize) {
    let copies = docs.div_ceil(articles.len());
    let tmp = match tempfile::tempdir() {
        Ok(tmp) => tmp,
        Err(e) => {
            eprintln!("search bench: no temporary folder: {e}");
            std::process::exit(1);
        }
    };
    let path = tmp.path().join("search");
    let fail = |what: &str, e: khabar::library::search::SearchError| -> ! {
        eprintln!("search bench: {what}: {e}");
        std::process::exit(1);
    };

    let started = Instant::now();
    let mut index = SearchIndex::open_or_create(&path).unwrap_or_else(|e| fail("create", e));
    let mut total = 0usize;
    let mut added = 0usize;
    'copies: for copy in 0..copies {
        for (key, title, body) in articles {
            if added == docs {
                break 'copies;
            }
            let key = format!("{key}#{copy}");
            index
                .add(&SearchDoc {
                    key: &key,
                    title,
                    body,
                })
                .unwrap_or_else(|e| fail("add", e));
            total += title.len() + body.len();
            added += 1;
        }
    }
    let adding = started.elapsed();
    let t = Instant::now();
    index.commit().unwrap_or_else(|e| fail("commit", e));
    let committing = t.elapsed();
    let elapsed = started.elapsed();
    println!(
        "\n{added} docs, {:.1} MB: indexed in {:.2} s ({:.1} MB/s; adding {:.2} s, commit and \
         merges {:.2} s); {:.1} MB on disk",
        total as f64 / 1e6,
        elapsed.as_secs_f64(),
        total as f64 / 1e6 / elapsed.as_secs_f64(),
        adding.as_secs_f64(),
        committing.as_secs_f64(),
        dir_size(&path) as f64 / 1e6,
    );
    println!("on disk: {}", size_by_kind(&path));
    drop(index);

    let t = Instant::now();
    let index = SearchIndex::open_or_create(&path).unwrap_or_else(|e| fail("reopen", e));
    let reopening = t.elapsed();
    let t = Instant::now();
    let keys = index.keys().unwrap_or_else(|e| fail("keys", e));
    println!(
        "reopen {:.1} ms, keys() {:.1} ms ({} keys)",
        ms(reopening),
        ms(t.elapsed()),
        keys.len()
    );

    let mut medians: Vec<(Duration, &str, usize)> = Vec::new();
    let mut first_max = Duration::ZERO;
    for &query in QUERIES {
        let mut runs = Vec::new();
        let mut found = 0;
        for run in 0..5 {
            let t = Instant::now();
            let hits = index
                .search(query, 20)
                .unwrap_or_else(|e| fail("search", e));
            let took = t.elapsed();
            if run == 0 {
                first_max = first_max.max(took);
            }
            runs.push(took);
            found = hits.len();
        }
        runs.sort();
        medians.push((runs[runs.len() / 2], query, found));
    }
    medians.sort();
    for (took, query, found) in &medians {
        println!("  {:7.2} ms  {query} ({found} hits)", ms(*took));
    }
    let (median, max) = (medians[medians.len() / 2].0, medians[medians.len() - 1].0);
    // What the reader would see first, to eyeball ranking and highlights.
    for query in ["delhi police", "chunav", "kejriwal", "ज्यादा"] {
        if let Some(hit) = index
            .search(query, 1)
            .unwrap_or_else(|e| fail("search", e))
            .first()
        {
            let mut marked = String::new();
            let mut at = 0;
            for &(s, e) in &hit.highlights {
                marked.push_str(&hit.sentence[at..s]);
                marked.push('[');
                marked.push_str(&hit.sentence[s..e]);
                marked.push(']');
                at = e;
            }
            marked.push_str(&hit.sentence[at..]);
            println!("  {query}: {} | {marked}", hit.title);
        }
    }
    println!(
        "query (top 20 with sentences), {} queries: median {:.2} ms, max {:.2} ms; first runs max {:.2} ms",
        medians.len(),
        ms(median),
        ms(max),
        ms(first_max)
    );
}
