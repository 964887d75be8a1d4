//! The library at scale: a cold index (every file extracted, the search index built), a
//! warm reopen (everything from the cache), folder search latency, and peak memory, on a
//! generated folder.
//!
//! Make the folder first (from `../shared/corpus`), then point the bench at it:
//!
//! ```text
//! cargo run --release --example make_folder -- 10000 /tmp/khabar-10k
//! KHABAR_SCALE=/tmp/khabar-10k cargo bench --bench scale
//! ```
//!
//! Without `KHABAR_SCALE` the bench prints a note and does nothing. The cache goes to a
//! fresh temporary folder, so nothing of the user's is touched. `KHABAR_SCALE_WARM_ONLY=DIR`
//! reuses the cache in DIR (made by an earlier cold run) and measures reopening only, in a
//! process that never held the cold run's data (for a fair peak-memory figure).
//! `KHABAR_SCALE_NO_SEARCH=1` leaves the search index out, to see what it costs.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use khabar::extract::Extractor;
use khabar::library::refresh::{Progress, RefreshOptions, RefreshStats, refresh, search_dir};
use khabar::library::search::SearchIndex;

/// The allocator the `khabar` binary uses, so the figures are the reader's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// With the binary's options too.
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static TUNE_ALLOCATOR: extern "C" fn() = khabar::allocator::tune;

const QUERIES: &[&str] = &[
    "मोदी",
    "modi",
    "दिल्ली पुलिस",
    "dilli",
    "कोरोना वायरस",
    "corona",
    "लॉकडाउन",
    "lockdown",
    "अमेरिका",
    "amerika",
    "ज़्यादा",
    "स्वास्थ्य मंत्रालय",
    "chunav",
    "पटना",
    "patna",
    "अस्पताल",
    "मुख्यमंत्री नीतीश कुमार",
    "wuhan",
    "संक्रमित",
    "kejriwal",
];

/// One refresh: its time, when the first files reached the list, when the scan ended,
/// what it did, and how many articles and entities the library holds.
struct Run {
    total: Duration,
    /// CPU time of the whole process (all threads) during the run.
    cpu: Option<f64>,
    first_files: Option<Duration>,
    scanned: Option<Duration>,
    stats: RefreshStats,
    articles: usize,
    entities: usize,
    events: usize,
}

fn run(folder: &Path, cache: &Path, extractor: &Extractor) -> Run {
    let options = RefreshOptions {
        cache_dir: Some(cache.to_path_buf()),
        ref_date: None,
        ..RefreshOptions::default()
    };
    let started = Instant::now();
    let cpu_before = cpu_seconds();
    let search = if std::env::var_os("KHABAR_SCALE_NO_SEARCH").is_some() {
        None
    } else {
        match SearchIndex::open_or_create(&search_dir(cache)) {
            Ok(index) => Some(Mutex::new(index)),
            Err(e) => {
                eprintln!("scale bench: search index: {e}");
                std::process::exit(1);
            }
        }
    };
    let mut first_files = None;
    let mut scanned = None;
    let (library, stats) = refresh(
        folder,
        Some(extractor),
        &options,
        search.as_ref(),
        |progress| match progress {
            Progress::Files(_) => {
                first_files.get_or_insert_with(|| started.elapsed());
            }
            Progress::Extracting { .. } => {
                scanned.get_or_insert_with(|| started.elapsed());
            }
            Progress::Warning(w) => eprintln!("scale bench: {w}"),
        },
    );
    Run {
        total: started.elapsed(),
        cpu: cpu_seconds()
            .zip(cpu_before)
            .map(|(after, before)| after - before),
        first_files,
        scanned,
        stats,
        articles: library.articles.len(),
        entities: library.entities.len(),
        events: library.timeline.len(),
    }
}

fn report(label: &str, r: &Run) {
    let ms =
        |d: Option<Duration>| d.map_or("-".into(), |d| format!("{:.0} ms", d.as_secs_f64() * 1e3));
    println!(
        "{label}: {:.2} s, {} s of CPU ({} files: {} from the cache, {} extracted); first files after {}, scan done after {}; {} articles, {} entities, {} events",
        r.total.as_secs_f64(),
        r.cpu.map_or("-".into(), |c| format!("{c:.2}")),
        r.stats.files,
        r.stats.cached,
        r.stats.extracted,
        ms(r.first_files),
        ms(r.scanned),
        r.articles,
        r.entities,
        r.events
    );
}

/// User and system CPU time of this process so far, all threads, from /proc (Linux).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses and may hold spaces).
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    // The kernel's clock ticks are 100 a second on Linux (USER_HZ).
    Some(ticks / 100.0)
}

/// Peak resident memory of this process so far, from /proc (Linux).
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn search_latency(cache: &Path) {
    let index = match SearchIndex::open_or_create(&search_dir(cache)) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("scale bench: search index: {e}");
            return;
        }
    };
    let mut times = Vec::new();
    for _ in 0..3 {
        for q in QUERIES {
            let t = Instant::now();
            let hits = index.search(q, 50).map(|h| h.len()).unwrap_or(0);
            times.push((t.elapsed(), *q, hits));
        }
    }
    times.sort_by_key(|t| t.0);
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let (max, q, _) = times[times.len() - 1];
    println!(
        "search (top 50 with sentences, {} queries × 3): median {:.1} ms, max {:.1} ms ({q})",
        QUERIES.len(),
        ms(times[times.len() / 2].0),
        ms(max)
    );
}

fn main() {
    let Some(folder) = std::env::var_os("KHABAR_SCALE").map(PathBuf::from) else {
        println!(
            "scale bench: set KHABAR_SCALE to a folder made by `cargo run --release --example make_folder -- 10000 DIR`"
        );
        return;
    };
    let extractor = match Extractor::embedded() {
        Ok(x) => x,
        Err(e) => {
            eprintln!("scale bench: the model does not load: {e}");
            std::process::exit(1);
        }
    };
    if let Some(cache) = std::env::var_os("KHABAR_SCALE_WARM_ONLY").map(PathBuf::from) {
        let warm = run(&folder, &cache, &extractor);
        report("warm reopen", &warm);
        search_latency(&cache);
        if let Some(mb) = peak_rss_mb() {
            println!("peak memory (warm reopen and searches): {mb:.0} MB");
        }
        return;
    }
    let cache = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("scale bench: temporary folder: {e}");
            std::process::exit(1);
        }
    };
    let cold = run(&folder, cache.path(), &extractor);
    report("cold index", &cold);
    if let Some(mb) = peak_rss_mb() {
        println!("peak memory (cold index): {mb:.0} MB");
    }
    for i in 1..=3 {
        let warm = run(&folder, cache.path(), &extractor);
        report(&format!("warm reopen #{i}"), &warm);
    }
    search_latency(cache.path());
    let size: u64 = walk_size(cache.path());
    println!("cache on disk: {:.0} MB", size as f64 / 1e6);
}

fn walk_size(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| {
            let path = e.path();
            if path.is_dir() {
                walk_size(&path)
            } else {
                e.metadata().map_or(0, |m| m.len())
            }
        })
        .sum()
}
