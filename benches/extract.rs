//! Extraction speed on the real corpus: model and gazetteer load time, then entities (and
//! the timeline) for every article body, reported in MB of text per second on one core.
//!
//! The corpus is `../shared/corpus/articles` next to the crate, or `$KHABAR_CORPUS`. Without
//! it the bench prints a note and does nothing. Run: `cargo bench --bench extract`.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Instant;

use khabar::article::load_path;
use khabar::extract::Extractor;
use khabar::extract::tokenize::tokenize;

/// The allocator the `khabar` binary uses, so the figures are the reader's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn corpus_dir() -> PathBuf {
    match std::env::var_os("KHABAR_CORPUS") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/articles"),
    }
}

fn main() {
    let started = Instant::now();
    let extractor = match Extractor::embedded() {
        Ok(x) => x,
        Err(e) => {
            eprintln!("extract bench: the model does not load: {e}");
            std::process::exit(1);
        }
    };
    let load_ms = started.elapsed().as_secs_f64() * 1000.0;
    println!("model and gazetteers loaded in {load_ms:.1} ms");

    let dir = corpus_dir();
    if !dir.is_dir() {
        println!(
            "extract bench: corpus folder {} not found (set KHABAR_CORPUS)",
            dir.display()
        );
        return;
    }
    let mut bodies = Vec::new();
    load_path(&dir, |o| bodies.extend(o.articles.iter().map(|a| a.body())));
    let bytes: usize = bodies.iter().map(String::len).sum();
    println!(
        "{} articles, {:.2} MB of text",
        bodies.len(),
        bytes as f64 / 1e6
    );

    let mut runs = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let mut found = 0;
        for body in &bodies {
            let tokens = tokenize(black_box(body));
            let entities = extractor.entities_of_tokens(body, &tokens);
            let timeline =
                khabar::extract::time::timeline_of_tokens(body, &tokens, None, &entities);
            found += black_box(entities).len() + black_box(timeline).len();
        }
        let secs = t.elapsed().as_secs_f64();
        runs.push(bytes as f64 / 1e6 / secs);
        black_box(found);
    }
    runs.sort_by(f64::total_cmp);
    println!(
        "entities and timeline: {:.2} MB/s per core (min {:.2}, max {:.2}, 5 runs, one thread)",
        runs[runs.len() / 2],
        runs[0],
        runs[runs.len() - 1]
    );
}
