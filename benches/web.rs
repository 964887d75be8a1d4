//! Reading saved web pages: decoding, parsing and extracting the article from the pages in
//! `tests/fixtures/web` (shaped like Hindi news sites), in MB of HTML per second on one
//! core; and the whole load of a page (extraction, cleaning, dateline) through `load_file`.
//! Run: `cargo bench --bench web`.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use khabar::article::{html, parse_bytes};

/// The allocator the `khabar` binary uses, so the figures are the reader's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/web");
    let mut pages: Vec<(String, Vec<u8>)> = Vec::new();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("web bench: {} cannot be read", dir.display());
        std::process::exit(1);
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "html")
            && let Ok(bytes) = std::fs::read(&path)
        {
            pages.push((path.display().to_string(), bytes));
        }
    }
    pages.sort();
    let bytes: usize = pages.iter().map(|(_, b)| b.len()).sum();
    println!(
        "{} pages, {:.1} KB of HTML",
        pages.len(),
        bytes as f64 / 1024.0
    );

    let extract = || {
        for (_, page) in &pages {
            let text = html::decode(page);
            let _ = black_box(html::extract(black_box(&text)));
        }
    };
    report("decode + parse + extract", bytes, pages.len(), extract);

    let load = || {
        for (name, page) in &pages {
            black_box(parse_bytes(Path::new(name), page.clone(), None));
        }
    };
    report("load as an article (parse_bytes)", bytes, pages.len(), load);
}

/// Runs `f` for at least two seconds after a warm-up and prints the MB/s.
fn report(what: &str, bytes: usize, count: usize, mut f: impl FnMut()) {
    for _ in 0..5 {
        f();
    }
    let started = Instant::now();
    let mut rounds = 0u32;
    while started.elapsed() < Duration::from_secs(2) {
        f();
        rounds += 1;
    }
    let secs = started.elapsed().as_secs_f64();
    let mb = bytes as f64 * f64::from(rounds) / 1e6;
    println!(
        "{what}: {:.1} MB/s of HTML on one core ({:.3} ms a page)",
        mb / secs,
        secs * 1000.0 / f64::from(rounds) / count as f64
    );
}
