//! Layout and loading speed on the real corpus.
//!
//! - `layout_longest/{40,80,140}`: `Layout::new` on the title and paragraphs of the longest
//!   article in the corpus (by characters), at 40, 80 and 140 columns: measuring and
//!   wrapping, what opening an article does;
//! - `relayout_longest/{40,80,140}`: `Layout::measured` on the same text measured once:
//!   what a resize does on the UI thread;
//! - `load_corpus`: `load_path` over the whole corpus folder.
//!
//! The corpus is `../shared/corpus/articles` next to the crate, or `$KHABAR_CORPUS`. Without
//! it the bench prints a note and does nothing.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{BenchmarkId, Criterion, Throughput};
use khabar::article::{Article, load_path};
use khabar::text::Layout;
use khabar::text::width::Advance;
use khabar::text::wrap::Measured;

fn corpus_dir() -> PathBuf {
    match std::env::var_os("KHABAR_CORPUS") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/articles"),
    }
}

fn load_all(dir: &Path) -> (Vec<Article>, usize) {
    let mut articles = Vec::new();
    let mut errors = 0;
    load_path(dir, |outcome| {
        errors += outcome.errors.len();
        articles.extend(outcome.articles);
    });
    (articles, errors)
}

/// What the reader lays out for an article's text: its title, then each paragraph.
fn blocks(article: &Article) -> Vec<&str> {
    std::iter::once(article.title.as_str())
        .chain(article.paragraphs.iter().map(String::as_str))
        .collect()
}

fn main() {
    let dir = corpus_dir();
    if !dir.is_dir() {
        println!(
            "layout bench: corpus folder {} not found (set KHABAR_CORPUS); nothing to benchmark",
            dir.display()
        );
        return;
    }
    let (articles, errors) = load_all(&dir);
    let Some(longest) = articles.iter().max_by_key(|a| a.char_count()) else {
        println!(
            "layout bench: no articles in {} ({errors} files could not be read); nothing to benchmark",
            dir.display()
        );
        return;
    };
    let blocks = blocks(longest);
    println!(
        "corpus: {} ({} articles, {errors} load errors)",
        dir.display(),
        articles.len()
    );
    println!(
        "longest article: {} — {} chars in the body ({} with the title), {} paragraphs, {} bytes",
        longest.path.display(),
        longest.char_count(),
        longest.char_count() + longest.title.chars().count(),
        longest.paragraphs.len(),
        blocks.iter().map(|b| b.len()).sum::<usize>()
    );
    for width in [40, 80, 140] {
        println!(
            "  rows at width {width}: {}",
            Layout::new(&blocks, width, Advance::Codepoint).rows.len()
        );
    }

    let mut c = Criterion::default().configure_from_args();

    let mut group = c.benchmark_group("layout_longest");
    group.throughput(Throughput::Elements(longest.char_count() as u64));
    for width in [40usize, 80, 140] {
        group.bench_with_input(BenchmarkId::from_parameter(width), &width, |b, &width| {
            b.iter(|| Layout::new(black_box(&blocks), black_box(width), Advance::Codepoint))
        });
    }
    group.finish();

    let measured: Vec<Measured> = blocks
        .iter()
        .map(|b| Measured::new(b, Advance::Codepoint))
        .collect();
    let mut group = c.benchmark_group("relayout_longest");
    group.throughput(Throughput::Elements(longest.char_count() as u64));
    for width in [40usize, 80, 140] {
        group.bench_with_input(BenchmarkId::from_parameter(width), &width, |b, &width| {
            b.iter(|| Layout::measured(black_box(&blocks), &measured, black_box(width)))
        });
    }
    group.finish();

    c.bench_function("load_corpus", |b| b.iter(|| load_all(black_box(&dir))));

    c.final_summary();
}
