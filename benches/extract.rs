//! Extraction speed on the real corpus: model and gazetteer load time, then entities (and
//! the timeline) for every article, as `Extractor::extract` gives them, reported in MB of
//! text per second on one core.
//!
//! The corpus is `../shared/corpus/articles` next to the crate, or `$KHABAR_CORPUS`. Without
//! it the bench prints a note and does nothing. Run: `cargo bench --bench extract`.
//!
//! Throughput is given by the clock and by the thread's CPU time (`/proc/thread-self/schedstat`
//! on Linux): on a shared machine the second is the fairer figure.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Instant;

use khabar::article::load_path;
use khabar::extract::Extractor;

/// The allocator the `khabar` binary uses, so the figures are the reader's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn corpus_dir() -> PathBuf {
    match std::env::var_os("KHABAR_CORPUS") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/articles"),
    }
}

/// The CPU time this thread has run, when the system says (Linux).
fn thread_cpu() -> Option<std::time::Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(std::time::Duration::from_nanos(ns))
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
    let mut articles = Vec::new();
    load_path(&dir, |o| articles.extend(o.articles.iter().cloned()));
    let bytes: usize = articles.iter().map(|a| a.body().len()).sum();
    println!(
        "{} articles, {:.2} MB of text",
        articles.len(),
        bytes as f64 / 1e6
    );

    let mut runs = Vec::new();
    let mut cpu_runs = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let cpu = thread_cpu();
        let mut found = 0;
        for article in &articles {
            // What `khabar index` and the reader run per article: body, tokens, entities
            // (with the dateline's), timeline.
            let extraction = extractor.extract(black_box(article), None);
            found += black_box(extraction).entities.len();
        }
        let secs = t.elapsed().as_secs_f64();
        runs.push(bytes as f64 / 1e6 / secs);
        if let (Some(before), Some(after)) = (cpu, thread_cpu()) {
            cpu_runs.push(bytes as f64 / 1e6 / (after - before).as_secs_f64());
        }
        black_box(found);
    }
    runs.sort_by(f64::total_cmp);
    println!(
        "entities and timeline: {:.2} MB/s per core (min {:.2}, max {:.2}, 5 runs, one thread)",
        runs[runs.len() / 2],
        runs[0],
        runs[runs.len() - 1]
    );
    if !cpu_runs.is_empty() {
        cpu_runs.sort_by(f64::total_cmp);
        println!(
            "by CPU time: {:.2} MB per CPU second (min {:.2}, max {:.2})",
            cpu_runs[cpu_runs.len() / 2],
            cpu_runs[0],
            cpu_runs[cpu_runs.len() - 1]
        );
    }
}
