//! The reader's UI thread: how long it takes from a key (or a background event) to the frame
//! that answers it, measured by driving `update` and the render into ratatui's test backend
//! (`khabar::tui::harness`), with the effects (reading files, extraction) done beside it
//! untimed, as the effects thread does them.
//!
//! - `indexing`: the folder `$KHABAR_READER_FOLDER` (say a 10k folder made by
//!   `cargo run --release --example make_folder -- 10000 /tmp/khabar-10k`) is indexed cold
//!   in a thread while keys are pressed on the UI side; prints p50/p99/max of key → frame and
//!   of each background event → frame.
//! - `open_longest`: opening the longest article of the corpus (`../shared/corpus/articles`
//!   or `$KHABAR_CORPUS`), alone in a folder: the key's frame and the frame that shows it,
//!   and the effects thread's work of reading it (text and facts), without a cache and
//!   with the folder's cache warm.
//! - `name_page`: at `$KHABAR_READER_FOLDER` with its cache in `$KHABAR_READER_CACHE`
//!   (reused, so a second run is warm), the directory filtered to a name, its page opened
//!   and moved over: each key → frame.
//!
//! Each part prints a note and is skipped when its folder is missing;
//! `KHABAR_READER_PARTS=open_longest,name_page` runs only the parts named, and
//! `KHABAR_READER_SHOW=1` prints the name pages and each move's frames.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use khabar::article::{FileOutcome, ScanOptions, load_path};
use khabar::extract::Extractor;
use khabar::library::Library;
use khabar::library::refresh::{Progress, RefreshOptions, refresh};
use khabar::tui::harness::Driven;

/// The allocator the `khabar` binary uses, so the figures are the reader's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// With the binary's options too.
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static TUNE_ALLOCATOR: extern "C" fn() = khabar::allocator::tune;

const SIZE: (u16, u16) = (120, 40);

fn corpus_dir() -> PathBuf {
    match std::env::var_os("KHABAR_CORPUS") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/articles"),
    }
}

fn main() {
    let folder = std::env::var_os("KHABAR_READER_FOLDER").map(PathBuf::from);
    // `KHABAR_READER_PARTS=open_longest,name_page` runs only those parts.
    let parts = std::env::var("KHABAR_READER_PARTS").unwrap_or_default();
    let run = |part: &str| parts.is_empty() || parts.split(',').any(|p| p.trim() == part);
    if run("indexing") {
        match &folder {
            Some(folder) => indexing(folder),
            None => {
                println!("indexing: set KHABAR_READER_FOLDER to a folder (see the bench's docs)")
            }
        }
    }
    if run("open_longest") {
        open_longest(&corpus_dir());
    }
    if run("name_page") {
        match &folder {
            Some(folder) => name_page(folder),
            None => println!("name_page: set KHABAR_READER_FOLDER to a folder"),
        }
    }
}

/// Percentiles of a set of durations, in milliseconds.
fn summary(label: &str, times: &mut [Duration]) {
    if times.is_empty() {
        println!("{label}: no samples");
        return;
    }
    times.sort();
    let at = |q: f64| {
        let i = ((times.len() - 1) as f64 * q).round() as usize;
        times[i].as_secs_f64() * 1e3
    };
    println!(
        "{label}: n={} p50={:.2} ms p99={:.2} ms max={:.2} ms",
        times.len(),
        at(0.5),
        at(0.99),
        at(1.0)
    );
}

/// Keys a reader presses while the folder indexes: down the list, into an article and out,
/// the help, the sidebar.
const BROWSE: &[&str] = &[
    "j", "j", "j", "Enter", "j", "j", "Tab", "k", "Down", "Enter", "Tab", "G", "g", "j", "?",
    "Esc", "Enter", "Tab",
];

enum Background {
    Files(Vec<FileOutcome>),
    Extracting(usize, usize),
    Done(Box<Library>),
}

fn indexing(folder: &Path) {
    let Ok(root) = std::fs::canonicalize(folder) else {
        println!("indexing: {} not found", folder.display());
        return;
    };
    let (extractor, ui_extractor) = match (Extractor::embedded(), Extractor::embedded()) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => {
            println!("indexing: the model did not load: {e}");
            return;
        }
    };
    let (send, receive) = mpsc::channel();
    let worker_root = root.clone();
    let started = Instant::now();
    let worker = std::thread::spawn(move || {
        let options = RefreshOptions {
            cache_dir: None,
            ref_date: None,
            scan: ScanOptions::new(false),
            ..RefreshOptions::default()
        };
        let report = send.clone();
        let (library, _) = refresh(&worker_root, Some(&extractor), &options, None, |p| {
            let event = match p {
                Progress::Files(files) => Background::Files(files),
                Progress::Extracting { done, total } => Background::Extracting(done, total),
                Progress::Warning(_) => return,
            };
            let _ = report.send(event);
        });
        let _ = send.send(Background::Done(Box::new(library)));
    });

    let mut reader = Driven::empty(&root, SIZE);
    let mut keys = Vec::new();
    let (mut events, mut files, mut progress) = (Vec::new(), Vec::new(), Vec::new());
    events.push(reader.scan_started());
    events.push(reader.model_loaded(ui_extractor));
    let mut library_arrived = Duration::ZERO;
    let mut pressed = 0usize;
    let mut done_loading = false;
    loop {
        // Whatever the background has sent, as the UI thread's event loop takes it.
        match receive.recv_timeout(Duration::from_millis(15)) {
            Ok(Background::Files(found)) => files.push(reader.loaded(found)),
            Ok(Background::Extracting(done, total)) => {
                if !done_loading {
                    done_loading = true;
                    events.push(reader.loading_done());
                }
                progress.push(reader.indexing(done, total));
            }
            Ok(Background::Done(library)) => {
                library_arrived = reader.indexed(*library);
                break;
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
        if reader.listed() > 0 {
            let key = BROWSE[pressed % BROWSE.len()];
            pressed += 1;
            keys.extend(reader.press_timed(key));
        }
    }
    let _ = worker.join();
    println!(
        "indexing {} ({} articles listed) took {:.1} s; {} keys pressed meanwhile",
        root.display(),
        reader.listed(),
        started.elapsed().as_secs_f64(),
        pressed
    );
    summary("indexing: key → frame", &mut keys);
    summary("indexing: files found → frame", &mut files);
    summary("indexing: extraction progress → frame", &mut progress);
    summary(
        "indexing: start, model, end of loading → frame",
        &mut events,
    );
    println!(
        "indexing: the library's arrival → frame {:.2} ms",
        library_arrived.as_secs_f64() * 1e3
    );
}

fn open_longest(corpus: &Path) {
    let mut longest: Option<(usize, PathBuf)> = None;
    load_path(corpus, |outcome| {
        for article in outcome.articles {
            let chars: usize = article.paragraphs.iter().map(|p| p.chars().count()).sum();
            if longest.as_ref().is_none_or(|(n, _)| chars > *n) {
                longest = Some((chars, article.path.clone()));
            }
        }
    });
    let Some((chars, path)) = longest else {
        println!("open_longest: no articles in {}", corpus.display());
        return;
    };
    let Ok(dir) = tempfile::tempdir() else {
        println!("open_longest: no temporary folder");
        return;
    };
    let Some(name) = path.file_name() else { return };
    if std::fs::copy(&path, dir.path().join(name)).is_err() {
        println!("open_longest: could not copy {}", path.display());
        return;
    }
    // A second, short article, so that the reader does not open the only one by itself.
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample/seed-korea-russia.txt");
    if std::fs::copy(&sample, dir.path().join("0-seed.txt")).is_err() {
        println!("open_longest: could not copy {}", sample.display());
        return;
    }
    let longest_title = {
        let mut title = String::new();
        load_path(&path, |outcome| {
            if let Some(a) = outcome.articles.first() {
                title = a.title.clone();
            }
        });
        title
    };
    let (mut key, mut shown, mut title) = (Vec::new(), Vec::new(), None);
    let mut effect = Vec::new();
    for _ in 0..10 {
        // A reader that has not opened it yet, each time.
        let mut reader = match Driven::open(dir.path(), SIZE) {
            Ok(reader) => reader,
            Err(e) => {
                println!("open_longest: {e}");
                return;
            }
        };
        // The list is newest first: the sample (2026) above the live blog.
        reader.press("j");
        let frames = reader.press_timed("Enter");
        if reader.open_title() == Some(longest_title.as_str()) {
            key.extend(frames.first());
            shown.extend(frames.iter().skip(1).copied());
            effect.extend(reader.take_effect_times().first());
            title = Some(longest_title.clone());
        }
    }
    // The same with the folder's cache warm, as a reader reopening the folder has it.
    let mut warm = Vec::new();
    if let Ok(cache) = tempfile::tempdir() {
        for _ in 0..11 {
            let Ok(mut reader) = Driven::open_cached(dir.path(), SIZE, cache.path()) else {
                break;
            };
            reader.press("j");
            reader.press_timed("Enter");
            if reader.open_title() == Some(longest_title.as_str()) {
                warm.extend(reader.take_effect_times().first());
            }
        }
        // The first run made the cache.
        if !warm.is_empty() {
            warm.remove(0);
        }
    }
    println!(
        "open_longest: {} ({chars} characters), opened {:?}",
        path.display(),
        title.as_deref().unwrap_or("nothing")
    );
    summary("open_longest: Enter → frame", &mut key);
    summary("open_longest: article read → frame showing it", &mut shown);
    summary(
        "open_longest: effects thread, reading it (no cache)",
        &mut effect,
    );
    summary(
        "open_longest: effects thread, reading it (cache warm)",
        &mut warm,
    );
}

fn name_page(folder: &Path) {
    let Ok(root) = std::fs::canonicalize(folder) else {
        println!("name_page: {} not found", folder.display());
        return;
    };
    let cache_dir = std::env::var_os("KHABAR_READER_CACHE")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("khabar-bench-reader-cache"));
    let (Ok(extractor), Ok(ui_extractor)) = (Extractor::embedded(), Extractor::embedded()) else {
        println!("name_page: the model did not load");
        return;
    };
    let options = RefreshOptions {
        cache_dir: Some(cache_dir.clone()),
        ref_date: None,
        scan: ScanOptions::new(false),
        ..RefreshOptions::default()
    };
    let started = Instant::now();
    let mut files = Vec::new();
    let (library, stats) = refresh(&root, Some(&extractor), &options, None, |p| {
        if let Progress::Files(f) = p {
            files.extend(f);
        }
    });
    println!(
        "name_page: library of {} articles, {} entities ({} from the cache {}) in {:.1} s",
        library.articles.len(),
        library.entities.len(),
        stats.cached,
        cache_dir.display(),
        started.elapsed().as_secs_f64()
    );
    let mut reader = Driven::empty(&root, SIZE);
    reader.scan_started();
    reader.loaded(files);
    reader.loading_done();
    reader.model_loaded(ui_extractor);
    let indexed = reader.indexed(library);
    println!(
        "name_page: the library's arrival → frame {:.2} ms",
        indexed.as_secs_f64() * 1e3
    );
    let mut open = Vec::new();
    let mut filter = Vec::new();
    let mut moves = Vec::new();
    let verbose = std::env::var_os("KHABAR_READER_SHOW").is_some();
    for name in ["मोदी", "भारत", "दिल्ली", "पुलिस", "सिंह"]
    {
        open.extend(reader.press_timed("p"));
        for c in name.chars() {
            filter.extend(reader.press_timed(&c.to_string()));
        }
        open.extend(reader.press_timed("Enter"));
        for key in ["j", "j", "j", "PageDown", "PageDown", "k", "G", "g", "j"] {
            let frames = reader.press_timed(key);
            if verbose {
                println!("  {name} {key}: {frames:?}");
            }
            moves.extend(frames);
        }
        if verbose {
            println!("{}", reader.text());
        }
        moves.extend(reader.press_timed("Esc"));
    }
    summary(
        "name_page: opening the directory or a page → frame",
        &mut open,
    );
    summary("name_page: a filter letter → frame", &mut filter);
    summary("name_page: a move on the page → frame", &mut moves);
}
