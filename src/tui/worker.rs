//! Background work: the library thread (scan the folder, sending each batch of files as
//! soon as it is found; extract what the cache lacks; build the library; then watch the
//! folder and do it again when files change), the model loader, and the input reader.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use crate::extract::Extractor;
use crate::library::refresh::{Progress, RefreshOptions, refresh, search_dir};
use crate::library::search::SearchIndex;

use super::{AppEvent, Worker};

/// How long the folder must be quiet after a change before it is scanned again.
const SETTLE: Duration = Duration::from_millis(300);

/// What the library thread works on.
pub struct LibraryJob {
    pub root: PathBuf,
    pub cache_dir: Option<PathBuf>,
    pub watch: bool,
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
    // Watching is set up beside the first scan: notify visits every file of the tree to
    // watch it (185 ms at 100,000 files), which the list must not wait for. A change made
    // in the moments before its folder is watched shows with the next change or on reopen.
    let (changes_tx, changes) = mpsc::channel();
    let mut watching = job.watch.then(|| {
        let (root, tx) = (job.root.clone(), tx.clone());
        thread::spawn(move || match watch(&root, changes_tx) {
            Ok(w) => Some(w),
            Err(e) => {
                let _ = tx.send(AppEvent::Warning(format!(
                    "changes to the folder will show on reopen only: {e}"
                )));
                None
            }
        })
    });
    let mut watcher = None;
    let extractor = Extractor::embedded().ok();
    // The folder's search index, shared with the reader, which searches it while this
    // thread keeps it up to date.
    let search = job.cache_dir.as_deref().and_then(|dir| {
        match SearchIndex::open_or_create(&search_dir(dir)) {
            Ok(index) => {
                let index = Arc::new(Mutex::new(index));
                let _ = tx.send(AppEvent::SearchReady(Arc::clone(&index)));
                Some(index)
            }
            Err(e) => {
                let _ = tx.send(AppEvent::Warning(format!("folder search unavailable: {e}")));
                None
            }
        }
    });
    let options = RefreshOptions {
        cache_dir: job.cache_dir.clone(),
        ref_date: None,
    };
    loop {
        if tx.send(AppEvent::ScanStarted).is_err() {
            return;
        }
        let mut scanned = false;
        let (library, _) = refresh(
            &job.root,
            extractor.as_ref(),
            &options,
            search.as_deref(),
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
        if extractor.is_some() && tx.send(AppEvent::Indexed(Box::new(library))).is_err() {
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

/// A watcher that sends a unit for each change under `root` that could matter.
fn watch(root: &std::path::Path, tx: Sender<()>) -> notify::Result<notify::RecommendedWatcher> {
    use notify::{EventKind, RecursiveMode, Watcher};
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let relevant = match event {
            Ok(e) => !matches!(e.kind, EventKind::Access(_)),
            Err(_) => true,
        };
        if relevant {
            let _ = tx.send(());
        }
    })?;
    watcher.watch(root, RecursiveMode::Recursive)?;
    Ok(watcher)
}

/// Waits for a change, then for the folder to settle; false when watching has ended.
fn wait_for_change(changes: &Receiver<()>) -> bool {
    if changes.recv().is_err() {
        return false;
    }
    loop {
        match changes.recv_timeout(SETTLE) {
            Ok(()) => continue,
            Err(RecvTimeoutError::Timeout) => return true,
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
        for signal in signals.forever() {
            if tx.send(AppEvent::Signal(signal)).is_err() {
                break;
            }
        }
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
