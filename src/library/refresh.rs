//! Bringing a folder's library up to date: scan the folder, take unchanged files from the
//! cache, read and extract the others in parallel, store them, forget removed files, and
//! build the [`Library`]. What it finds is reported as it goes, so a reader can fill its
//! list while the scan runs and show progress while extraction runs.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::article::{FileOutcome, load_file, scan};
use crate::extract::Extractor;

use super::cache::{Cache, FileRecord, Stamp};
use super::{ArticleFacts, Library};

/// Files read and extracted per step: progress is reported, and results stored, after each.
const CHUNK: usize = 128;

/// What a refresh reports while it runs, in this order: files (many times), then progress
/// (many times). Warnings may come at any point.
#[derive(Debug)]
pub enum Progress {
    /// Files found by the scan: their articles without text (from the cache or just read),
    /// and what could not be loaded.
    Files(Vec<FileOutcome>),
    /// Extraction of changed and new files: `done` of `total` files.
    Extracting { done: usize, total: usize },
    /// Something the user should know that does not stop the refresh (the cache cannot be
    /// used, say).
    Warning(String),
}

/// How a refresh went, in numbers.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct RefreshStats {
    /// Article files found.
    pub files: usize,
    /// Files taken from the cache unchanged.
    pub cached: usize,
    /// Files read and extracted.
    pub extracted: usize,
    /// Cached files that are gone (or no longer load) and were forgotten.
    pub forgotten: usize,
}

/// Options of a refresh.
#[derive(Debug, Clone, Default)]
pub struct RefreshOptions {
    /// The cache folder (see [`Cache::dir_for`]); `None` extracts everything and stores
    /// nothing.
    pub cache_dir: Option<PathBuf>,
    /// The reference date for articles without a date of their own (see
    /// [`crate::extract::reference_date`]).
    pub ref_date: Option<NaiveDate>,
}

/// Scans `root`, extracts what the cache does not have, and builds the library. Without an
/// extractor (the model did not load) it only scans, and the library is empty.
pub fn refresh(
    root: &Path,
    extractor: Option<&Extractor>,
    options: &RefreshOptions,
    mut report: impl FnMut(Progress),
) -> (Library, RefreshStats) {
    let cache = options
        .cache_dir
        .as_deref()
        .and_then(|dir| match Cache::open(dir) {
            Ok(c) => Some(c),
            Err(e) => {
                report(Progress::Warning(format!("working without the cache: {e}")));
                None
            }
        });
    let mut known: HashMap<PathBuf, FileRecord> = match &cache {
        Some(c) => c.records().unwrap_or_else(|e| {
            report(Progress::Warning(format!("the cache cannot be read: {e}")));
            HashMap::new()
        }),
        None => HashMap::new(),
    };

    // Scan: unchanged files come from the cache, the others are read now so the list can
    // show them, and extracted below.
    let mut stats = RefreshStats::default();
    let mut cached_paths: Vec<PathBuf> = Vec::new();
    // Files to extract, with the stamp to cache them under (`None`: do not cache).
    let mut stale: Vec<(PathBuf, Option<Stamp>)> = Vec::new();
    let mut seen: HashSet<PathBuf> = HashSet::new();
    let mut batch = Batch::default();
    for entry in scan(root) {
        let path = match entry {
            Ok(path) => path,
            Err(error) => {
                batch.push(
                    &mut report,
                    FileOutcome {
                        articles: Vec::new(),
                        errors: vec![error],
                    },
                );
                continue;
            }
        };
        stats.files += 1;
        let stamp = std::fs::metadata(&path).ok().map(|m| Stamp::of(&m));
        seen.insert(path.clone());
        match (stamp, known.remove(&path)) {
            (Some(stamp), Some(record)) if record.stamp == stamp => {
                stats.cached += 1;
                cached_paths.push(path);
                batch.push(
                    &mut report,
                    FileOutcome {
                        articles: record.articles,
                        errors: Vec::new(),
                    },
                );
            }
            (stamp, _) => {
                let outcome = load_file(&path);
                if !outcome.articles.is_empty() {
                    // A file with errors is not cached (its errors would be lost on
                    // reopen); its good articles are extracted all the same.
                    let stamp = stamp.filter(|_| outcome.errors.is_empty());
                    stale.push((path, stamp));
                }
                batch.push(&mut report, without_text(outcome));
            }
        }
    }
    batch.flush(&mut report);

    // Files the cache knew that are gone.
    let gone: Vec<PathBuf> = known.into_keys().filter(|p| !seen.contains(p)).collect();
    stats.forgotten = gone.len();
    if let Some(c) = &cache
        && let Err(e) = c.remove(&gone)
    {
        report(Progress::Warning(format!(
            "the cache cannot be updated: {e}"
        )));
    }

    // Facts of unchanged files.
    let mut facts: Vec<ArticleFacts> = match &cache {
        Some(c) => {
            let paths: Vec<&Path> = cached_paths.iter().map(PathBuf::as_path).collect();
            c.facts(&paths).unwrap_or_else(|e| {
                report(Progress::Warning(format!("the cache cannot be read: {e}")));
                Vec::new()
            })
        }
        None => Vec::new(),
    };

    let Some(extractor) = extractor else {
        report(Progress::Extracting { done: 0, total: 0 });
        return (Library::default(), stats);
    };

    // Extract the others, a chunk at a time.
    let total = stale.len();
    report(Progress::Extracting { done: 0, total });
    let mut done = 0;
    for chunk in stale.chunks(CHUNK) {
        let results: Vec<(PathBuf, Option<FileRecord>, Vec<ArticleFacts>)> = chunk
            .par_iter()
            .map(|(path, stamp)| {
                let outcome = load_file(path);
                let found: Vec<ArticleFacts> = outcome
                    .articles
                    .iter()
                    .map(|a| ArticleFacts::extract(a, extractor, options.ref_date))
                    .collect();
                let record = stamp.map(|stamp| FileRecord {
                    stamp,
                    articles: without_text(outcome).articles,
                });
                (path.clone(), record, found)
            })
            .collect();
        stats.extracted += results.len();
        if let Some(c) = &cache {
            let keep: Vec<_> = results
                .iter()
                .filter_map(|(p, r, f)| Some((p.clone(), r.clone()?, f.clone())))
                .collect();
            if let Err(e) = c.put(&keep) {
                report(Progress::Warning(format!(
                    "the cache cannot be updated: {e}"
                )));
            }
        }
        facts.extend(results.into_iter().flat_map(|(_, _, f)| f));
        done += chunk.len();
        report(Progress::Extracting { done, total });
    }

    (Library::build(facts), stats)
}

/// The outcome with each article's paragraphs dropped: the list needs only titles and
/// dates, and a folder of 100,000 articles must not sit in memory.
fn without_text(mut outcome: FileOutcome) -> FileOutcome {
    for a in &mut outcome.articles {
        a.paragraphs = Vec::new();
    }
    outcome
}

/// Files reported together, so a large folder does not send one message per file; the
/// first file goes at once so the reader can draw it.
#[derive(Default)]
struct Batch {
    files: Vec<FileOutcome>,
    sent: usize,
}

impl Batch {
    fn push(&mut self, report: &mut impl FnMut(Progress), outcome: FileOutcome) {
        self.files.push(outcome);
        // Small at first (the list fills at once), larger as the folder proves large.
        let size = (self.sent / 8).clamp(1, 512);
        if self.files.len() >= size {
            self.flush(report);
        }
    }

    fn flush(&mut self, report: &mut impl FnMut(Progress)) {
        if !self.files.is_empty() {
            self.sent += self.files.len();
            report(Progress::Files(std::mem::take(&mut self.files)));
        }
    }
}
