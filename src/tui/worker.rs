//! Background work: the library thread (scan the folder, sending each batch of files as
//! soon as it is found; extract what the cache lacks; build the library; then watch the
//! folder and do it again when files change; it keeps the folder's cache open and lends it
//! to the effects thread, which reads opened articles' facts from it), the model loader, and
//! the input reader.

use crate::library::aliases::AliasRules;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Instant;

use super::page::Folder;
use crate::article::watch::Debounce;
use crate::article::{FileOutcome, LoadError, LoadErrorKind, ScanOptions, ScanRules, scan_dirs};
use crate::extract::Extractor;
use crate::library::cache::Cache;
use crate::library::refresh::{Progress, RefreshOptions, open_cache, refresh_in, search_dir};
use crate::library::search::SearchIndex;

use super::effect::CacheShare;
use super::event::{AppEvent, Worker};

/// What the library thread works on.
pub struct LibraryJob {
    pub root: PathBuf,
    pub cache_dir: Option<PathBuf>,
    pub watch: bool,
    /// Whether symlinked folders are followed (`--follow`).
    pub follow: bool,
    /// khabar's own folders besides the default ones (a `--state-dir`, the exports): never
    /// read as articles, and their changes never start a scan.
    pub own_dirs: Vec<PathBuf>,
    /// Where the folder's cache is lent to the effects thread while it is open.
    pub cache: CacheShare,
    /// The reader's aliases file, read again before each indexing of the folder.
    pub aliases: Option<PathBuf>,
}

/// Starts the library thread.
pub fn spawn_library(job: LibraryJob, tx: Sender<AppEvent>) {
    let spawned = spawn_guarded(Worker::Library, tx, move |tx| run_library(job, tx));
    if let Err(e) = spawned {
        // Without a thread the folder cannot load; say so rather than hang.
        eprintln!("khabar: cannot start the loader thread: {e}");
    }
}

/// Starts `body` on a thread of its own, named after `worker`. A panic in it is caught
/// and sent as [`AppEvent::WorkerFailed`], so the reader can show it (or end cleanly) rather
/// than go on without the thread and never know.
fn spawn_guarded(
    worker: Worker,
    tx: Sender<AppEvent>,
    body: impl FnOnce(Sender<AppEvent>) + Send + 'static,
) -> std::io::Result<thread::JoinHandle<()>> {
    thread::Builder::new()
        .name(format!("khabar-{}", worker.name()))
        .spawn(move || {
            let for_body = tx.clone();
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || {
                body(for_body);
            }));
            if let Err(payload) = outcome {
                let message = super::terminal::take_worker_panic(payload.as_ref());
                let _ = tx.send(AppEvent::WorkerFailed { worker, message });
            }
        })
}

fn run_library(job: LibraryJob, tx: Sender<AppEvent>) {
    let scan = ScanOptions::new(job.follow)
        .skipping(job.own_dirs.iter().cloned().chain(job.cache_dir.clone()));
    // Watching is set up beside the first scan: it visits every folder of the tree, which
    // the list must not wait for. A change made in the moments before its folder is watched
    // shows with the next change or on reopen.
    let (changes_tx, changes) = mpsc::channel();
    let mut watching = job.watch.then(|| {
        let (root, tx, scan) = (job.root.clone(), tx.clone(), scan.clone());
        thread::spawn(move || match FolderWatch::new(&root, &scan, changes_tx) {
            Ok(mut w) => {
                report_unwatched(&tx, w.sync());
                Some(w)
            }
            Err(e) => {
                let _ = tx.send(AppEvent::Warning(format!(
                    "changes to the folder will show on reopen only: {e}"
                )));
                None
            }
        })
    });
    let mut watcher: Option<FolderWatch> = None;
    let extractor = Extractor::embedded().ok();
    // The folder's search index, kept up to date by this thread while the reader searches
    // it through a `Searcher` of its own.
    let search = job.cache_dir.as_deref().and_then(|dir| {
        match SearchIndex::open_or_create(&search_dir(dir)) {
            Ok(index) => {
                // The reader searches through its own handle, never this thread's lock.
                let _ = tx.send(AppEvent::SearchReady(index.searcher()));
                Some(Mutex::new(index))
            }
            Err(e) => {
                let _ = tx.send(AppEvent::Warning(format!("folder search unavailable: {e}")));
                None
            }
        }
    });
    let mut options = RefreshOptions {
        cache_dir: job.cache_dir.clone(),
        ref_date: None,
        scan,
        ..RefreshOptions::default()
    };
    // A problem with the aliases file, said once until it changes.
    let mut aliases_problem: Option<String> = None;
    // Open from the first refresh until the reader ends (the effects thread reads from it),
    // or until damage is found: then it is set aside, and the next refresh starts anew.
    let mut cache: Option<Cache> = None;
    let warn = |progress: Progress| {
        if let Progress::Warning(w) = progress {
            let _ = tx.send(AppEvent::Warning(w));
        }
    };
    // Damage found by a refresh, or by the effects thread reading an opened article: the
    // cache is taken back and set aside (said once), and the next refresh opens a new one.
    let set_aside_if_damaged = |cache: &mut Option<Cache>| {
        if cache.as_ref().is_some_and(Cache::is_damaged) {
            job.cache.lend(None);
            if let Some(notice) = cache.take().and_then(Cache::finish) {
                warn(Progress::Warning(notice));
            }
        }
    };
    loop {
        if tx.send(AppEvent::ScanStarted).is_err() {
            return;
        }
        set_aside_if_damaged(&mut cache);
        if cache.is_none() {
            cache = open_cache(&job.root, &options, &mut |p| warn(p));
            job.cache.lend(cache.as_ref().and_then(Cache::reader));
        }
        // Folders made or remade since the last scan are watched before it reads them; the
        // folders that still cannot be watched are listed again with this scan's errors.
        if let Some(w) = &mut watcher {
            report_unwatched(&tx, w.sync());
        }
        if let Some(path) = &job.aliases {
            let (rules, problem) = AliasRules::load(path);
            if problem.is_some() && problem != aliases_problem {
                let _ = tx.send(AppEvent::Warning(problem.clone().unwrap_or_default()));
            }
            aliases_problem = problem;
            options.aliases = rules;
        }
        let mut scanned = false;
        let (library, _) = refresh_in(
            &job.root,
            extractor.as_ref(),
            &options,
            search.as_ref(),
            cache.as_ref(),
            |progress| {
                let event = match progress {
                    Progress::Files(files) => AppEvent::Loaded(files),
                    Progress::Extracting { done, total } => {
                        if !scanned {
                            scanned = true;
                            let _ = tx.send(AppEvent::LoadingDone);
                        }
                        AppEvent::Indexing { done, total }
                    }
                    Progress::Warning(w) => AppEvent::Warning(w),
                };
                let _ = tx.send(event);
            },
        );
        if !scanned {
            let _ = tx.send(AppEvent::LoadingDone);
        }
        set_aside_if_damaged(&mut cache);
        if extractor.is_some()
            && tx
                .send(AppEvent::Indexed(Box::new(Folder::new(library))))
                .is_err()
        {
            return;
        }
        if let Some(setting_up) = watching.take() {
            watcher = setting_up.join().ok().flatten();
        }
        if watcher.is_none() || !wait_for_change(&changes) {
            return;
        }
    }
}

/// Lists the folders that cannot be watched with the files that cannot be read.
fn report_unwatched(tx: &Sender<AppEvent>, errors: Vec<LoadError>) {
    if !errors.is_empty() {
        let _ = tx.send(AppEvent::Loaded(vec![FileOutcome {
            articles: Vec::new(),
            errors,
        }]));
    }
}

/// The folder's watch: each folder the scan reads watched on its own (not one recursive
/// watch, which one unreadable folder turns off for the whole tree, and which would follow
/// links and enter khabar's own cache), and the folder's parent, to notice the folder
/// itself removed and made again.
struct FolderWatch {
    watcher: notify::RecommendedWatcher,
    root: PathBuf,
    scan: ScanOptions,
    /// Folders watched, by the inode they had: a folder removed and made again under the
    /// same name is a new folder to watch.
    watched: HashMap<PathBuf, u64>,
    /// Paths removed or renamed since the last sync, as the watcher reported them: a folder
    /// made again under such a path must be watched again, even when it got the same inode.
    lost: Arc<Mutex<HashSet<PathBuf>>>,
}

impl FolderWatch {
    /// A watch sending each change under `root` that could change what the scan finds
    /// (see [`ScanRules::matters`]); nothing is watched until [`Self::sync`].
    fn new(root: &Path, scan: &ScanOptions, tx: Sender<Change>) -> notify::Result<Self> {
        use notify::{Config, RecursiveMode, Watcher};
        let rules = scan.rules(root);
        let lost = Arc::new(Mutex::new(HashSet::new()));
        let losing = Arc::clone(&lost);
        let mut watcher = notify::RecommendedWatcher::new(
            move |event: notify::Result<notify::Event>| {
                use notify::EventKind;
                use notify::event::ModifyKind;
                if let Ok(e) = &event
                    && matches!(
                        e.kind,
                        EventKind::Remove(_) | EventKind::Modify(ModifyKind::Name(_))
                    )
                    && let Ok(mut lost) = losing.lock()
                {
                    lost.extend(e.paths.iter().cloned());
                }
                if let Some(path) = change_matters(&rules, &event) {
                    let _ = tx.send(Change {
                        at: Instant::now(),
                        path,
                    });
                }
            },
            Config::default().with_follow_symlinks(scan.follow_links),
        )?;
        if let Some(parent) = root.parent() {
            // Without it, the folder removed and made again goes unnoticed; the folder's
            // own folders are watched all the same.
            let _ = watcher.watch(parent, RecursiveMode::NonRecursive);
        }
        Ok(FolderWatch {
            watcher,
            root: root.to_path_buf(),
            scan: scan.clone(),
            watched: HashMap::new(),
            lost,
        })
    }

    /// Watches every folder the scan reads (again, if it was removed and made anew), stops
    /// watching those gone, and returns an error for each folder that cannot be watched.
    /// Folders that cannot be read are left to the scan, which lists them.
    fn sync(&mut self) -> Vec<LoadError> {
        use notify::{RecursiveMode, Watcher};
        let mut wanted: HashMap<PathBuf, u64> = HashMap::new();
        let mut unreadable: Vec<PathBuf> = Vec::new();
        for entry in scan_dirs(&self.root, &self.scan) {
            match entry {
                Ok(dir) => {
                    let Ok(meta) = std::fs::metadata(&dir) else {
                        continue;
                    };
                    wanted.insert(dir, folder_id(&meta));
                }
                Err(e) => unreadable.push(e.path),
            }
        }
        let gone: Vec<PathBuf> = self
            .watched
            .keys()
            .filter(|d| !wanted.contains_key(*d))
            .cloned()
            .collect();
        for dir in gone {
            // A folder removed has lost its watch already.
            let _ = self.watcher.unwatch(&dir);
            self.watched.remove(&dir);
        }
        let lost = self
            .lost
            .lock()
            .map(|mut lost| std::mem::take(&mut *lost))
            .unwrap_or_default();
        let mut errors = Vec::new();
        let mut wanted: Vec<(PathBuf, u64)> = wanted.into_iter().collect();
        wanted.sort();
        for (dir, id) in wanted {
            let remade = lost.iter().any(|l| dir.starts_with(l));
            if !remade && self.watched.get(&dir) == Some(&id) {
                continue;
            }
            match self.watcher.watch(&dir, RecursiveMode::NonRecursive) {
                Ok(()) => {
                    self.watched.insert(dir, id);
                }
                Err(e) if !unreadable.contains(&dir) => {
                    self.watched.remove(&dir);
                    errors.push(LoadError::new(
                        &dir,
                        LoadErrorKind::NotWatched(e.to_string()),
                    ));
                }
                Err(_) => {
                    self.watched.remove(&dir);
                }
            }
        }
        errors
    }
}

/// What tells a folder from another made under the same name: its inode.
#[cfg(unix)]
fn folder_id(meta: &std::fs::Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt;
    meta.ino()
}

#[cfg(not(unix))]
fn folder_id(_: &std::fs::Metadata) -> u64 {
    0
}

/// A change to the folder that could matter: when it arrived, and the path it was at.
#[derive(Debug)]
struct Change {
    at: Instant,
    /// The path changed: which change it was, for the tests; the scan reads everything.
    #[cfg_attr(not(test), allow(dead_code))]
    path: PathBuf,
}

/// The path of a change reported by the watcher that could change what the scan finds;
/// `None` for one that cannot. Reads (the scan's own), and writes to khabar's own folders
/// and to hidden or unread files, cannot; a lost event might (it reads as the folder).
fn change_matters(rules: &ScanRules, event: &notify::Result<notify::Event>) -> Option<PathBuf> {
    use notify::EventKind;
    use notify::event::{CreateKind, RemoveKind};
    let event = match event {
        Ok(e) => e,
        Err(_) => return Some(rules.root().to_path_buf()),
    };
    if matches!(event.kind, EventKind::Access(_)) {
        return None;
    }
    let known_file = matches!(
        event.kind,
        EventKind::Create(CreateKind::File) | EventKind::Remove(RemoveKind::File)
    );
    event
        .paths
        .iter()
        .find(|p| rules.matters(p, known_file || p.is_file()))
        .cloned()
}

/// Waits for a change, then for the folder to settle (see [`Debounce`]); false when
/// watching has ended.
fn wait_for_change(changes: &Receiver<Change>) -> bool {
    let mut debounce = Debounce::default();
    match changes.recv() {
        Ok(change) => debounce.change(change.at),
        Err(_) => return false,
    }
    loop {
        let now = Instant::now();
        if debounce.take_due(now) {
            return true;
        }
        let Some(due) = debounce.due() else {
            return true;
        };
        match changes.recv_timeout(due.saturating_duration_since(now)) {
            Ok(change) => debounce.change(change.at),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return false,
        }
    }
}

/// Loads the entity model and gazetteers on their own thread, so the first frame does not
/// wait for them.
pub fn spawn_model_loader(tx: Sender<AppEvent>) {
    let _ = spawn_guarded(Worker::Model, tx, |tx| {
        let result = Extractor::embedded().map_err(|e| e.to_string());
        let _ = tx.send(AppEvent::ModelLoaded(result));
    });
}

/// Forwards terminal input to the channel; ends when the channel closes. A terminal that
/// can no longer be read (it has gone away) ends the reader, which saves its state first.
pub fn spawn_input(tx: Sender<AppEvent>) {
    let _ = spawn_guarded(Worker::Input, tx, |tx| {
        loop {
            match crossterm::event::read() {
                Ok(event) => {
                    if tx.send(AppEvent::Terminal(event)).is_err() {
                        break;
                    }
                }
                Err(e) => {
                    let _ = tx.send(AppEvent::WorkerFailed {
                        worker: Worker::Input,
                        message: format!("cannot read the terminal: {e}"),
                    });
                    break;
                }
            }
        }
    });
}

/// Forwards SIGTERM, SIGHUP and SIGINT to the channel as [`AppEvent::Signal`], so the
/// reader quits as `q` does: state saved, terminal restored. The signal handler itself only
/// wakes this thread (signal-hook's self-pipe); everything else happens here and in the
/// reader's loop.
#[cfg(unix)]
pub fn spawn_signals(tx: Sender<AppEvent>) -> std::io::Result<()> {
    use signal_hook::consts::signal::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    spawn_guarded(Worker::Signals, tx, move |tx| {
        for _signal in signals.forever() {
            if tx.send(AppEvent::Signal).is_err() {
                break;
            }
        }
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use std::time::Duration;

    /// Long enough for any event to arrive on a loaded machine; only waited in full when a
    /// test fails.
    const PATIENCE: Duration = Duration::from_secs(10);

    #[test]
    fn a_panic_in_a_worker_becomes_an_event_with_its_message() {
        let (tx, rx) = mpsc::channel();
        let handle =
            spawn_guarded(Worker::Library, tx, |_| panic!("the cache is damaged")).expect("spawn");
        assert!(handle.join().is_ok(), "the panic is contained");
        match rx.recv_timeout(Duration::from_secs(10)) {
            Ok(AppEvent::WorkerFailed { worker, message }) => {
                assert_eq!(worker, Worker::Library);
                assert!(message.contains("the cache is damaged"), "{message}");
            }
            _ => panic!("no WorkerFailed event"),
        }
    }

    #[test]
    fn a_worker_that_ends_normally_sends_nothing_more() {
        let (tx, rx) = mpsc::channel();
        let handle = spawn_guarded(Worker::Model, tx, |tx| {
            let _ = tx.send(AppEvent::LoadingDone);
        })
        .expect("spawn");
        assert!(handle.join().is_ok());
        assert!(matches!(rx.recv(), Ok(AppEvent::LoadingDone)));
        assert!(rx.recv().is_err(), "the channel closes without a failure");
    }

    fn watch(root: &Path, skip: &[PathBuf]) -> (FolderWatch, Receiver<Change>, Vec<LoadError>) {
        let (tx, rx) = mpsc::channel();
        let scan = ScanOptions {
            follow_links: false,
            skip: skip.to_vec(),
        };
        let mut w = FolderWatch::new(root, &scan, tx).expect("watcher");
        let errors = w.sync();
        (w, rx, errors)
    }

    /// The next change that matters.
    fn next_change(rx: &Receiver<Change>) -> PathBuf {
        rx.recv_timeout(PATIENCE)
            .expect("a change is reported")
            .path
    }

    /// Whether a change of `path` is reported (after any others still on their way).
    fn reported(rx: &Receiver<Change>, path: &Path) -> bool {
        let until = Instant::now() + PATIENCE;
        while let Ok(change) = rx.recv_timeout(until.saturating_duration_since(Instant::now())) {
            if change.path == path {
                return true;
            }
        }
        false
    }

    fn canonical_tempdir() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = fs::canonicalize(dir.path())
            .expect("canonical")
            .join("news");
        fs::create_dir(&root).expect("mkdir");
        (dir, root)
    }

    #[test]
    fn writes_to_khabars_own_cache_in_the_folder_start_no_scan() {
        let (_dir, root) = canonical_tempdir();
        let cache = root.join("cache/khabar");
        fs::create_dir_all(cache.join("0123/search")).expect("mkdir");
        let (_w, rx, errors) = watch(&root, std::slice::from_ref(&cache));
        assert!(errors.is_empty(), "{errors:?}");
        // The cache is written (and a temporary file made and renamed) ...
        fs::write(cache.join("0123/library.redb"), "x").expect("write");
        fs::write(cache.join("0123/search/meta.json"), "{}").expect("write");
        fs::write(root.join(".tmp123"), "x").expect("write");
        fs::rename(root.join(".tmp123"), root.join(".tmp456")).expect("rename");
        fs::write(root.join("notes.md"), "x").expect("write");
        // ... then an article: the first change that matters is the article.
        fs::write(root.join("a.txt"), "शीर्षक\n\nपाठ").expect("write");
        assert_eq!(next_change(&rx), root.join("a.txt"));
    }

    #[test]
    fn a_subfolder_removed_and_made_again_is_watched_again() {
        let (_dir, root) = canonical_tempdir();
        fs::create_dir(root.join("sub")).expect("mkdir");
        let (mut w, rx, _) = watch(&root, &[]);
        fs::remove_dir(root.join("sub")).expect("rmdir");
        fs::create_dir(root.join("sub")).expect("mkdir");
        assert_eq!(next_change(&rx), root.join("sub"));
        // The scan this change starts watches the new folder.
        assert!(w.sync().is_empty());
        fs::write(root.join("sub/a.txt"), "x").expect("write");
        assert!(reported(&rx, &root.join("sub/a.txt")));
    }

    #[test]
    fn the_folder_removed_and_made_again_is_watched_again() {
        let (_dir, root) = canonical_tempdir();
        fs::create_dir(root.join("sub")).expect("mkdir");
        let (mut w, rx, _) = watch(&root, &[]);
        fs::remove_dir_all(&root).expect("rm");
        assert!(reported(&rx, &root));
        w.sync();
        fs::create_dir_all(root.join("sub")).expect("mkdir");
        assert!(reported(&rx, &root));
        w.sync();
        fs::write(root.join("sub/a.txt"), "x").expect("write");
        assert!(reported(&rx, &root.join("sub/a.txt")));
    }

    #[cfg(unix)]
    #[test]
    fn an_unreadable_subfolder_leaves_the_rest_watched() {
        use std::os::unix::fs::PermissionsExt;
        let (_dir, root) = canonical_tempdir();
        fs::create_dir(root.join("locked")).expect("mkdir");
        fs::create_dir(root.join("open")).expect("mkdir");
        fs::set_permissions(root.join("locked"), fs::Permissions::from_mode(0o000)).expect("chmod");
        if fs::read_dir(root.join("locked")).is_ok() {
            // Run as root: nothing is unreadable. (Checked as an ordinary user.)
            eprintln!("skipped: permissions do not apply to this user");
            return;
        }
        let (_w, rx, errors) = watch(&root, &[]);
        // The scan lists the folder it cannot read; the watch adds nothing of its own.
        assert!(errors.is_empty(), "{errors:?}");
        fs::write(root.join("open/a.txt"), "x").expect("write");
        assert_eq!(next_change(&rx), root.join("open/a.txt"));
        fs::set_permissions(root.join("locked"), fs::Permissions::from_mode(0o755))
            .expect("chmod back");
    }

    #[cfg(unix)]
    #[test]
    fn symlinked_folders_are_not_watched() {
        let (_dir, root) = canonical_tempdir();
        let elsewhere = tempfile::tempdir().expect("tempdir");
        std::os::unix::fs::symlink(elsewhere.path(), root.join("far")).expect("symlink");
        let (w, _rx, _) = watch(&root, &[]);
        assert_eq!(w.watched.keys().collect::<Vec<_>>(), vec![&root]);
    }
}
