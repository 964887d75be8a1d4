//! Background work: a thread that owns the scan and sends each file's articles over the
//! app's one event channel as soon as they are read; the model loader; and the indexer,
//! which builds the folder's library from a copy of the articles and sends it back whole.

use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::thread;

use std::collections::HashMap;

use crate::article::{Article, load_path};
use crate::extract::Extractor;
use crate::library::{ArticleFacts, Library};

use super::AppEvent;
use super::page::Folder;

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

/// Builds the folder's library on its own thread from a copy of the loaded articles, and
/// sends it back whole.
pub fn spawn_indexer(articles: Vec<Article>, extractor: Extractor, tx: Sender<AppEvent>) {
    let _ = thread::Builder::new()
        .name("khabar-index".into())
        .spawn(move || {
            let _ = tx.send(AppEvent::Indexed(Box::new(index(&articles, extractor))));
        });
}

/// The library of `articles`, with each library article's id in `articles`.
pub fn index(articles: &[Article], extractor: Extractor) -> Folder {
    use rayon::prelude::*;
    let facts: Vec<ArticleFacts> = articles
        .par_iter()
        .map(|a| ArticleFacts::extract(a, &extractor, None))
        .collect();
    let library = Library::build(facts);
    let ids: HashMap<String, usize> = articles
        .iter()
        .enumerate()
        .map(|(id, a)| (a.key(), id))
        .collect();
    let article_ids = library
        .articles
        .iter()
        .map(|a| ids.get(&a.path).copied().unwrap_or(0))
        .collect();
    Folder::new(library, article_ids)
}
