//! Background loading: a thread that owns the scan and sends each file's articles over the
//! app's one event channel as soon as they are read.

use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::thread;

use crate::article::load_path;
use crate::extract::Extractor;

use super::AppEvent;

/// Starts loading `root` on its own thread.
pub fn spawn_loader(root: PathBuf, tx: Sender<AppEvent>) {
    let spawned = thread::Builder::new()
        .name("khabar-loader".into())
        .spawn(move || {
            load_path(&root, |outcome| {
                let _ = tx.send(AppEvent::Loaded(outcome));
            });
            let _ = tx.send(AppEvent::LoadingDone);
        });
    if let Err(e) = spawned {
        // Without a thread the folder cannot load; say so rather than hang.
        eprintln!("khabar: cannot start the loader thread: {e}");
    }
}

/// Loads the entity model and gazetteers on their own thread, so the first frame does not
/// wait for them.
pub fn spawn_model_loader(tx: Sender<AppEvent>) {
    let _ = thread::Builder::new()
        .name("khabar-model".into())
        .spawn(move || {
            let result = Extractor::embedded().map_err(|e| e.to_string());
            let _ = tx.send(AppEvent::ModelLoaded(result));
        });
}

/// Forwards terminal input to the channel; ends when the terminal or the channel closes.
pub fn spawn_input(tx: Sender<AppEvent>) {
    let _ = thread::Builder::new()
        .name("khabar-input".into())
        .spawn(move || {
            while let Ok(event) = crossterm::event::read() {
                if tx.send(AppEvent::Terminal(event)).is_err() {
                    break;
                }
            }
        });
}
