//! Bringing a folder's library up to date: scan the folder, take unchanged files from the
//! cache, read and extract the others in parallel, store them, forget removed files, and
//! build the [`Library`]. What it finds is reported as it goes, so a reader can fill its
//! list while the scan runs and show progress while extraction runs.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::article::{Article, FileOutcome, ScanOptions, load_file, scan_with};
use crate::extract::Extractor;
use crate::extract::time::TimelineEntry;

use super::cache::{Cache, FileRecord, Stamp};
use super::search::{SearchDoc, SearchError, SearchIndex};
use super::{ArticleFacts, Library, LibraryBuilder};

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

/// The search index of a folder whose cache is in `cache_dir`.
pub fn search_dir(cache_dir: &Path) -> PathBuf {
    cache_dir.join("search")
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
    /// How the folder is walked (symlinked folders, folders skipped); the cache folder is
    /// always skipped.
    pub scan: ScanOptions,
    /// Whether the library's events keep the names their clauses mention as written
    /// (`khabar index` prints them; the reader does not need them).
    pub event_names: bool,
    /// The reader's merges and splits of names (`aliases.toml`).
    pub aliases: super::aliases::AliasRules,
}

/// Scans `root`, extracts what the cache does not have, and builds the library. Without an
/// extractor (the model did not load) it only scans, and the library is empty.
///
/// With a search index, it is brought up to date as well: changed and new articles are
/// (re)indexed, gone ones removed, and any article the index lacks (an index deleted, or a
/// run killed before its commit) is read and added.
pub fn refresh(
    root: &Path,
    extractor: Option<&Extractor>,
    options: &RefreshOptions,
    search: Option<&Mutex<SearchIndex>>,
    mut report: impl FnMut(Progress),
) -> (Library, RefreshStats) {
    let cache = open_cache(root, options, &mut report);
    let refreshed = refresh_in(
        root,
        extractor,
        options,
        search,
        cache.as_ref(),
        &mut report,
    );
    // Damage found while reading or writing the cache: it is set aside now, said once.
    if let Some(notice) = cache.and_then(Cache::finish) {
        report(Progress::Warning(notice));
    }
    refreshed
}

/// Opens the cache of `root` in [`RefreshOptions::cache_dir`], for [`refresh_in`]; what
/// was done to a cache that could not be used (or why there is none) is reported.
pub fn open_cache(
    root: &Path,
    options: &RefreshOptions,
    report: &mut dyn FnMut(Progress),
) -> Option<Cache> {
    let dir = options.cache_dir.as_deref()?;
    match Cache::open(dir, root) {
        Ok(mut c) => {
            // A damaged, unreadable or outdated cache was set aside or emptied on opening:
            // said once, here.
            if let Some(notice) = c.take_notice() {
                report(Progress::Warning(notice));
            }
            Some(c)
        }
        Err(e) => {
            report(Progress::Warning(format!("working without the cache: {e}")));
            None
        }
    }
}

/// [`refresh`] with a cache its caller keeps open (the reader's library thread, which lends
/// it to the thread opening articles) and finishes ([`Cache::finish`]) when it is damaged.
pub fn refresh_in(
    root: &Path,
    extractor: Option<&Extractor>,
    options: &RefreshOptions,
    search: Option<&Mutex<SearchIndex>>,
    cache: Option<&Cache>,
    mut report: impl FnMut(Progress),
) -> (Library, RefreshStats) {
    // A damaged search index (or romanised set) found on opening it, or while refreshing
    // it: set aside and rebuilt; said once.
    let search_notices = |report: &mut dyn FnMut(Progress)| {
        if let Some(index) = search {
            let mut index = index.lock().unwrap_or_else(|e| e.into_inner());
            for notice in index.take_notices() {
                report(Progress::Warning(notice));
            }
        }
    };
    search_notices(&mut report);
    let refreshed = refresh_with(root, extractor, options, search, cache, &mut report);
    search_notices(&mut report);
    refreshed
}

/// [`refresh`] with the cache open.
fn refresh_with(
    root: &Path,
    extractor: Option<&Extractor>,
    options: &RefreshOptions,
    search: Option<&Mutex<SearchIndex>>,
    cache: Option<&Cache>,
    mut report: impl FnMut(Progress),
) -> (Library, RefreshStats) {
    let mut known: HashMap<PathBuf, FileRecord> = cache.map(Cache::records).unwrap_or_default();

    // Scan: unchanged files come from the cache, the others are read now so the list can
    // show them, and handed to the extraction thread, which starts on them while the scan
    // goes on (the scan is one core's work; extraction would otherwise wait for it).
    let mut stats = RefreshStats::default();
    // Files taken from the cache: their stamp and their articles' keys (the facts read
    // from the cache take their paths from these).
    let mut cached_paths: Vec<(PathBuf, Stamp, Vec<String>)> = Vec::new();
    let mut seen: HashSet<PathBuf> = HashSet::new();
    let mut batch = Batch::default();
    // Every article's key, and the file of each cached one (to find what the search index
    // lacks).
    let mut cached_keys: HashMap<String, PathBuf> = HashMap::new();
    let mut stale_keys: HashSet<String> = HashSet::new();
    // The facts of every cached file are read, decoded and folded into the library beside
    // the scan, a file at a time, and so are those of every file extracted: the facts of
    // the whole folder are never held at once.
    let builder = Mutex::new(
        LibraryBuilder::new()
            .keep_event_names(options.event_names)
            .aliases(options.aliases.clone()),
    );
    let mut extracted: Option<Extractions> = None;
    let mut search_update: Option<SearchUpdate> = None;
    let mut missing: Vec<PathBuf> = Vec::new();
    let mut gone: Vec<PathBuf> = Vec::new();
    let mut done = 0;
    let mut total = 0;
    let in_flight = AtomicUsize::new(0);
    let scanning = AtomicBool::new(true);
    std::thread::scope(|threads| {
        let loader = cache.map(|c| {
            threads.spawn(|| c.each_facts(|path, facts| lock(&builder).add_cached(path, facts)))
        });
        let (work_tx, work) = mpsc::channel::<Stale>();
        let (steps_tx, steps) = mpsc::channel::<Step>();
        let worker = extractor.map(|extractor| {
            let job = ExtractJob {
                extractor,
                ref_date: options.ref_date,
                cache,
                library: &builder,
                search: search.map(SearchUpdate::new),
                in_flight: &in_flight,
                scanning: &scanning,
            };
            threads.spawn(move || job.run(work, steps_tx))
        });
        let mut work_tx = worker.is_some().then_some(work_tx);
        let mut stale = 0;
        let walk = options.scan.clone().skipping(options.cache_dir.clone());
        for entry in scan_with(root, &walk) {
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
                    if search.is_some() {
                        for a in &record.articles {
                            cached_keys.insert(a.key(), path.clone());
                        }
                    }
                    let keys = record.articles.iter().map(Article::key).collect();
                    cached_paths.push((path, stamp, keys));
                    batch.push(
                        &mut report,
                        FileOutcome {
                            articles: record.articles,
                            errors: Vec::new(),
                        },
                    );
                }
                (stamp, _) => {
                    let mut outcome = load_file(&path);
                    stale_keys.extend(outcome.articles.iter().map(Article::key));
                    let shown = FileOutcome {
                        articles: outcome.articles.iter_mut().map(text_less).collect(),
                        errors: std::mem::take(&mut outcome.errors),
                    };
                    if !outcome.articles.is_empty()
                        && let Some(tx) = &work_tx
                    {
                        // A file with errors is not cached (its errors would be lost on
                        // reopen); its good articles are extracted all the same.
                        let stamp = stamp.filter(|_| shown.errors.is_empty());
                        let bytes: usize = outcome
                            .articles
                            .iter()
                            .flat_map(|a| &a.paragraphs)
                            .map(String::len)
                            .sum();
                        let keep = in_flight.load(Ordering::Relaxed) + bytes <= TEXT_IN_FLIGHT;
                        if keep {
                            in_flight.fetch_add(bytes, Ordering::Relaxed);
                        }
                        let item = Stale {
                            path,
                            stamp,
                            articles: keep.then_some(outcome.articles),
                            bytes: if keep { bytes } else { 0 },
                        };
                        stale += 1;
                        if tx.send(item).is_err() {
                            // The extraction thread is gone (it panicked): stop feeding it.
                            work_tx = None;
                        }
                    }
                    batch.push(&mut report, shown);
                }
            }
        }
        batch.flush(&mut report);
        // No more files: the extraction thread ends when it has done those it has.
        scanning.store(false, Ordering::Relaxed);
        drop(work_tx);
        // A panic while reading is contained and marks the cache damaged; the files it
        // did not give are extracted again below.
        if let Some(loader) = loader {
            let _ = loader.join();
        }

        // Files the cache knew that are gone.
        let gone_records: Vec<(PathBuf, FileRecord)> = std::mem::take(&mut known)
            .into_iter()
            .filter(|(p, _)| !seen.contains(p))
            .collect();
        let gone_keys: Vec<String> = gone_records
            .iter()
            .flat_map(|(_, r)| r.articles.iter().map(Article::key))
            .collect();
        gone = gone_records.into_iter().map(|(p, _)| p).collect();
        stats.forgotten = gone.len();
        if let Some(c) = &cache
            && let Err(e) = c.remove(&gone)
        {
            report(Progress::Warning(format!(
                "the cache cannot be updated: {e}"
            )));
        }
        let Some(worker) = worker else {
            return;
        };

        // What the search index lacks (besides the files being extracted) and has in
        // excess.
        search_update = search.map(SearchUpdate::new);
        if let Some(update) = &mut search_update {
            let (lacking, excess) = update.differences(&cached_keys, &stale_keys);
            missing = lacking;
            update.remove(gone_keys.iter().chain(&excess), &mut report);
        }

        // Progress of the extraction, which has been going on beside the scan.
        total = stale + missing.len();
        let forward = |step: Step, done: &mut usize, report: &mut dyn FnMut(Progress)| match step {
            Step::Done(n) => *done += n,
            Step::Warning(w) => report(Progress::Warning(w)),
        };
        while let Ok(step) = steps.try_recv() {
            forward(step, &mut done, &mut report);
        }
        report(Progress::Extracting { done, total });
        while let Ok(step) = steps.recv() {
            let progressed = matches!(step, Step::Done(_));
            forward(step, &mut done, &mut report);
            if progressed {
                report(Progress::Extracting { done, total });
            }
        }
        extracted = worker.join().ok();
    });

    // Facts of unchanged files. A file whose facts the cache lacks (or holds for another
    // number of articles) is damage: it is extracted again, so the library is whole.
    let mut lacking: Vec<Stale> = Vec::new();
    {
        let mut builder = lock(&builder);
        for (path, stamp, keys) in cached_paths {
            if !builder.take_cached(&path, keys) {
                if let Some(c) = cache {
                    c.mark_damaged("a cached file's facts are missing");
                }
                lacking.push(Stale {
                    path,
                    stamp: Some(stamp),
                    articles: None,
                    bytes: 0,
                });
            }
        }
    }

    if extractor.is_none() {
        report(Progress::Extracting { done: 0, total: 0 });
        return (Library::default(), stats);
    }
    let Some(extracted) = extracted else {
        // The extraction thread panicked: what it did is lost, and the library would
        // lack those articles.
        report(Progress::Warning(
            "extraction stopped on an internal error; changed files are left out".into(),
        ));
        return (finish(builder), stats);
    };
    stats.extracted = extracted.files;
    if let Some(extractor) = extractor
        && !lacking.is_empty()
    {
        let again = ExtractJob {
            extractor,
            ref_date: options.ref_date,
            cache,
            library: &builder,
            search: None,
            in_flight: &in_flight,
            scanning: &scanning,
        };
        let (work_tx, work) = mpsc::channel::<Stale>();
        for stale in lacking {
            let _ = work_tx.send(stale);
        }
        drop(work_tx);
        let (steps_tx, steps) = mpsc::channel::<Step>();
        let again = again.run(work, steps_tx);
        for step in steps.try_iter() {
            if let Step::Warning(w) = step {
                report(Progress::Warning(w));
            }
        }
        stats.cached -= again.files;
        stats.extracted += again.files;
    }
    if let (Some(update), Some(theirs)) = (&mut search_update, extracted.search) {
        update.absorb(theirs);
    }

    // Unchanged files the search index lacks: read them again.
    if let Some(update) = &mut search_update {
        for chunk in missing.chunks(CHUNK) {
            let texts: Vec<Vec<SearchText>> = chunk
                .par_iter()
                .map(|path| {
                    load_file(path)
                        .articles
                        .iter()
                        .map(SearchText::of)
                        .collect()
                })
                .collect();
            update.add(texts.iter().flatten(), &mut report);
            done += chunk.len();
            report(Progress::Extracting { done, total });
        }
    }

    // What the scan kept of every file is not needed any more: building the library is
    // the refresh's peak, and at 100,000 files these are twenty megabytes.
    drop((seen, cached_keys, stale_keys, missing));
    // The last commit (segments written, romanised word sets built) goes on beside building
    // the library: both take a while, and each would leave the other core idle.
    let library = std::thread::scope(|threads| {
        let building = threads.spawn(|| finish(builder));
        if let Some(update) = &mut search_update {
            update.commit(&mut report);
        }
        building
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    });
    (library, stats)
}

/// The library a refresh put together.
fn finish(builder: Mutex<LibraryBuilder>) -> Library {
    builder
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .finish()
}

/// The library being put together, even after a thread panicked while adding to it (what
/// it added before is whole: a panic leaves at most one file's articles out).
fn lock(builder: &Mutex<LibraryBuilder>) -> std::sync::MutexGuard<'_, LibraryBuilder> {
    builder
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Text of files waiting for extraction that the scan may hold, so they are not read twice;
/// past it, files go to the extraction thread by path and are read again there (a large
/// folder's text must not sit in memory).
const TEXT_IN_FLIGHT: usize = 64 << 20;

/// A file for the extraction thread.
struct Stale {
    path: PathBuf,
    /// The stamp to cache it under (`None`: do not cache).
    stamp: Option<Stamp>,
    /// Its articles as the scan read them, with their text; `None`: read the file again.
    articles: Option<Vec<Article>>,
    /// The bytes of text in `articles`, counted in [`TEXT_IN_FLIGHT`].
    bytes: usize,
}

/// What the extraction thread tells the scan's thread.
enum Step {
    /// This many more files are extracted.
    Done(usize),
    Warning(String),
}

/// The extraction thread's work: everything it needs, borrowed from the refresh.
struct ExtractJob<'a> {
    extractor: &'a Extractor,
    ref_date: Option<NaiveDate>,
    cache: Option<&'a Cache>,
    /// Where each file's facts go once extracted.
    library: &'a Mutex<LibraryBuilder>,
    search: Option<SearchUpdate<'a>>,
    in_flight: &'a AtomicUsize,
    /// Whether the scan is still running (it then keeps a core to itself).
    scanning: &'a AtomicBool,
}

/// What the extraction thread did (the facts it found went to the library).
struct Extractions<'a> {
    /// Files extracted.
    files: usize,
    search: Option<SearchUpdate<'a>>,
}

impl<'a> ExtractJob<'a> {
    /// Extracts the files sent on `work`, a chunk at a time (in parallel within one), until
    /// the scan is over; stores each chunk in the cache and the search index.
    fn run(mut self, work: Receiver<Stale>, steps: Sender<Step>) -> Extractions<'a> {
        let mut warn = |progress: Progress| {
            if let Progress::Warning(w) = progress {
                let _ = steps.send(Step::Warning(w));
            }
        };
        let mut out = Extractions {
            files: 0,
            search: None,
        };
        let mut chunk: Vec<Stale> = Vec::with_capacity(CHUNK);
        // While the scan runs, extraction leaves it a core, so the list fills as fast as
        // without it.
        let beside_scan = rayon::ThreadPoolBuilder::new()
            .num_threads(rayon::current_num_threads().saturating_sub(1).max(1))
            .thread_name(|i| format!("khabar-extract-{i}"))
            .build()
            .ok();
        loop {
            // A full chunk (the scan is faster than extraction), or what is left.
            chunk.extend(work.iter().take(CHUNK));
            if chunk.is_empty() {
                break;
            }
            let bytes: usize = chunk.iter().map(|s| s.bytes).sum();
            let extract_chunk = |chunk: &mut Vec<Stale>| -> Vec<Extracted> {
                chunk
                    .par_drain(..)
                    .map(|stale| self.extract(stale))
                    .collect()
            };
            let results = match &beside_scan {
                Some(pool) if self.scanning.load(Ordering::Relaxed) => {
                    pool.install(|| extract_chunk(&mut chunk))
                }
                _ => extract_chunk(&mut chunk),
            };
            self.in_flight.fetch_sub(bytes, Ordering::Relaxed);
            out.files += results.len();
            if let Some(update) = &mut self.search {
                update.add(results.iter().flat_map(|r| &r.texts), &mut warn);
            }
            if let Some(c) = self.cache {
                let keep: Vec<_> = results
                    .iter()
                    .filter_map(|r| {
                        Some((
                            r.path.as_path(),
                            r.record.as_ref()?,
                            r.facts.as_slice(),
                            r.rest.as_slice(),
                        ))
                    })
                    .collect();
                if let Err(e) = c.put(&keep) {
                    warn(Progress::Warning(format!(
                        "the cache cannot be updated: {e}"
                    )));
                }
            }
            let n = results.len();
            let mut library = lock(self.library);
            for facts in results.into_iter().flat_map(|r| r.facts) {
                library.add(facts);
            }
            drop(library);
            let _ = steps.send(Step::Done(n));
        }
        out.search = self.search;
        out
    }

    fn extract(&self, stale: Stale) -> Extracted {
        let mut articles = match stale.articles {
            Some(articles) => articles,
            None => load_file(&stale.path).articles,
        };
        let (facts, rest): (Vec<ArticleFacts>, Vec<_>) = articles
            .iter()
            .map(|a| ArticleFacts::extract_whole(a, self.extractor, self.ref_date))
            .unzip();
        let texts = if self.search.is_some() {
            articles.iter().map(SearchText::of).collect()
        } else {
            Vec::new()
        };
        let record = stale.stamp.map(|stamp| FileRecord {
            stamp,
            articles: articles.iter_mut().map(text_less).collect(),
        });
        Extracted {
            path: stale.path,
            record,
            facts,
            rest,
            texts,
        }
    }
}

/// What one file gave the extraction step.
struct Extracted {
    path: PathBuf,
    /// Its record to cache (`None`: not cached).
    record: Option<FileRecord>,
    /// Its articles' facts.
    facts: Vec<ArticleFacts>,
    /// The rest of each article's timeline, for the cache only.
    rest: Vec<Vec<TimelineEntry>>,
    /// Its articles' text, for the search index.
    texts: Vec<SearchText>,
}

/// An article's text, as the search index takes it.
struct SearchText {
    key: String,
    title: String,
    body: String,
}

impl SearchText {
    fn of(article: &Article) -> SearchText {
        SearchText {
            key: article.key(),
            title: article.title.clone(),
            body: search_body(article),
        }
    }
}

/// What the search index holds as an article's body: its dateline (`पेरिस, 5 मार्च (भाषा)`,
/// which the article's paragraphs leave out) as a last paragraph after the body, so that a
/// city named only there is found, while the body's first sentence stays what a hit shows
/// and what copies of a story are grouped by.
fn search_body(article: &Article) -> String {
    let body = article.body();
    match &article.dateline {
        Some(d) if !d.raw.trim().is_empty() => {
            format!(
                "{body}{}{}",
                crate::article::PARAGRAPH_SEPARATOR,
                d.raw.trim()
            )
        }
        _ => body,
    }
}

/// The search index as a refresh updates it: failures are reported once, then updating
/// stops (the index is rebuilt on a later run from what it lacks).
struct SearchUpdate<'a> {
    index: &'a Mutex<SearchIndex>,
    failed: bool,
    /// Changes since the last commit.
    pending: usize,
}

/// Changes after which the search index commits, so a long first run shows results early
/// and loses little if stopped.
const COMMIT_EVERY: usize = 5_000;

impl<'a> SearchUpdate<'a> {
    fn new(index: &'a Mutex<SearchIndex>) -> Self {
        SearchUpdate {
            index,
            failed: false,
            pending: 0,
        }
    }

    /// Takes on what another update of the same index did (not yet committed, or failed).
    fn absorb(&mut self, other: SearchUpdate) {
        self.failed |= other.failed;
        self.pending += other.pending;
    }

    /// Files whose articles the index lacks, and keys it has that no article has.
    fn differences(
        &mut self,
        cached: &HashMap<String, PathBuf>,
        extracting: &HashSet<String>,
    ) -> (Vec<PathBuf>, Vec<String>) {
        let indexed = match self.index.lock().map(|i| i.keys()) {
            Ok(Ok(keys)) => keys,
            _ => HashSet::new(),
        };
        let mut lacking: Vec<PathBuf> = cached
            .iter()
            .filter(|(key, _)| !indexed.contains(*key))
            .map(|(_, path)| path.clone())
            .collect();
        lacking.sort();
        lacking.dedup();
        let excess = indexed
            .into_iter()
            .filter(|k| !cached.contains_key(k) && !extracting.contains(k))
            .collect();
        (lacking, excess)
    }

    fn run(
        &mut self,
        report: &mut impl FnMut(Progress),
        f: impl FnOnce(&mut SearchIndex) -> Result<(), SearchError>,
    ) {
        if self.failed {
            return;
        }
        let result = match self.index.lock() {
            Ok(mut index) => f(&mut index),
            Err(_) => Ok(()),
        };
        if let Err(e) = result {
            self.failed = true;
            report(Progress::Warning(format!(
                "folder search is not up to date: {e}"
            )));
        }
    }

    fn add<'t>(
        &mut self,
        texts: impl Iterator<Item = &'t SearchText>,
        report: &mut impl FnMut(Progress),
    ) {
        let mut added = 0;
        self.run(report, |index| {
            for t in texts {
                index.add(&SearchDoc {
                    key: &t.key,
                    title: &t.title,
                    body: &t.body,
                })?;
                added += 1;
            }
            Ok(())
        });
        self.pending += added;
        if self.pending >= COMMIT_EVERY {
            self.commit(report);
        }
    }

    fn remove<'k>(
        &mut self,
        keys: impl Iterator<Item = &'k String>,
        report: &mut impl FnMut(Progress),
    ) {
        let mut removed = 0;
        self.run(report, |index| {
            for key in keys {
                index.remove(key)?;
                removed += 1;
            }
            Ok(())
        });
        self.pending += removed;
    }

    fn commit(&mut self, report: &mut impl FnMut(Progress)) {
        if self.pending > 0 {
            self.run(report, SearchIndex::commit);
            self.pending = 0;
        }
    }
}

/// A copy of the article without its paragraphs: the list needs only titles and dates,
/// and a folder of 100,000 articles must not sit in memory.
fn text_less(article: &mut Article) -> Article {
    let paragraphs = std::mem::take(&mut article.paragraphs);
    let copy = article.clone();
    article.paragraphs = paragraphs;
    copy
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
