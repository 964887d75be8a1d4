//! What `update` asks of the world outside the reader's state, and the thread that does it.
//!
//! [`super::update::update`] decides and never touches the disk nor runs extraction: it
//! returns [`Effect`]s. [`Effects`] runs them on a thread of its own, one at a time in the
//! order asked, and sends each outcome back on the reader's channel as an [`Action`].
//! [`perform`] is that work; [`super::update::settle`] runs it in line, so tests and
//! benchmarks drive the reader as actions in, state out.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Sender};
use std::thread;

use crate::article::{Article, read_again};
use crate::export::files::{slug, write_new};
use crate::export::{EntityPage, PageLimits, entity_markdown};
use crate::extract::Extractor;
use crate::library::search::Searcher;
use crate::library::{ArticleId, EntityId, Library};
use crate::state::{ReadingState, StateStore};

use super::action::Action;
use super::event::AppEvent;
use super::page::{self, Sentence};
use super::reader::{Facts, Reader};

/// Work for the effects thread.
pub enum Effect {
    /// Read an article's file, find its names and dates (once the model has loaded) and lay
    /// it out: back as [`Action::ArticleRead`].
    ReadArticle(ReadArticle),
    /// Find the names and dates of an article already open (the model loaded after it
    /// opened): back as [`Action::FactsFound`].
    FindFacts {
        article: usize,
        text: Box<Article>,
        extractor: Extractor,
    },
    /// Save the reading state, merged with what other readers saved: back as
    /// [`Action::StateSaved`].
    SaveState(ReadingState),
    /// Read the sentences an entity page shows: back as [`Action::SentencesRead`].
    ReadSentences(Vec<SentenceWanted>),
    /// Search the whole folder: back as [`Action::FolderSearched`].
    SearchFolder { query: String, searcher: Searcher },
    /// Write an export as a new file: back as [`Action::Exported`].
    Export(Export),
}

/// An article to open, and how it is to be shown.
pub struct ReadArticle {
    /// Tells this request's answer from an earlier one's.
    pub request: u64,
    pub article: usize,
    /// The article as listed (without its text): where to read it.
    pub stub: Box<Article>,
    pub extractor: Option<Extractor>,
    /// The reader pane's text width, and the script, to lay it out for.
    pub width: usize,
    pub romanized: bool,
    /// Whether the timeline lists every time expression.
    pub all_times: bool,
    /// How the terminal advances over clusters (the reader's, settled at start).
    pub advance: crate::text::width::Advance,
    /// The folder's library, to link the article's names to the folder's entities.
    pub library: Option<Arc<Library>>,
}

/// The sentence around a mention, for an entity page.
pub struct SentenceWanted {
    pub article: usize,
    pub start: usize,
    pub end: usize,
    pub stub: Box<Article>,
}

/// What `x` saves.
pub enum Export {
    /// An article, already written as Markdown.
    Markdown { title: String, markdown: String },
    /// A name's page, quoting its articles read from their files.
    EntityPage {
        library: Arc<Library>,
        entity: EntityId,
        /// The listed articles of the entity's occurrences, by library article.
        stubs: HashMap<ArticleId, Article>,
    },
}

/// What the effects need beyond what they carry: where state and exports are written.
#[derive(Debug, Default)]
pub struct Services {
    pub store: Option<StateStore>,
    pub export_dir: Option<PathBuf>,
}

/// Does one effect; the action to send back, if any.
pub fn perform(services: &Services, effect: Effect) -> Option<Action> {
    Some(match effect {
        Effect::ReadArticle(request) => Action::ArticleRead {
            request: request.request,
            article: request.article,
            result: read_article(request).map(Box::new),
        },
        Effect::FindFacts {
            article,
            text,
            extractor,
        } => Action::FactsFound {
            article,
            facts: Box::new(Facts::find(&text, &extractor)),
        },
        Effect::SaveState(state) => {
            let store = services.store.as_ref()?;
            Action::StateSaved(store.save(&state).map_err(|e| e.to_string()))
        }
        Effect::ReadSentences(wanted) => Action::SentencesRead(
            wanted
                .into_iter()
                .map(|w| {
                    let sentence = match read_again(&w.stub) {
                        Ok(article) => page::sentence_around(&article, w.start, w.end),
                        Err(e) => Sentence {
                            text: format!("(cannot read: {e})"),
                            start: 0,
                            end: 0,
                        },
                    };
                    ((w.article, w.start), sentence)
                })
                .collect(),
        ),
        Effect::SearchFolder { query, searcher } => {
            let result = searcher
                .search(&query, FOLDER_HITS)
                .map_err(|e| e.to_string());
            Action::FolderSearched { query, result }
        }
        Effect::Export(export) => Action::Exported(write_export(services, export)),
    })
}

/// Results a folder search shows.
const FOLDER_HITS: usize = 50;

fn read_article(request: ReadArticle) -> Result<Reader, String> {
    let text = read_again(&request.stub)?;
    let mut reader = Reader::with_text(request.article, text);
    reader.advance = request.advance;
    reader.relayout(request.width, request.romanized);
    if let Some(extractor) = &request.extractor {
        let mut facts = Facts::find(&reader.text, extractor);
        if let Some(library) = &request.library {
            facts.link(library);
        }
        reader.set_facts(facts, request.all_times);
    }
    Ok(reader)
}

fn write_export(services: &Services, export: Export) -> Result<PathBuf, String> {
    let (title, markdown) = match export {
        Export::Markdown { title, markdown } => (title, markdown),
        Export::EntityPage {
            library,
            entity,
            stubs,
        } => {
            let body_of = |i: ArticleId| read_again(stubs.get(&i)?).ok().map(|a| a.body());
            let page = EntityPage::from_library(&library, entity, body_of, PageLimits::default())
                .ok_or("this name is no longer in the folder")?;
            (page.name.to_string(), entity_markdown(&page))
        }
    };
    let dir = services
        .export_dir
        .as_deref()
        .ok_or("nowhere to save: no data folder (set XDG_DATA_HOME)")?;
    write_new(dir, &slug(&title), &markdown).map_err(|e| {
        format!(
            "cannot save in {}: {e}",
            crate::article::clean::display_path(dir)
        )
    })
}

/// The effects thread: takes effects in order, sends their outcomes back as
/// [`AppEvent::Done`].
pub struct Effects {
    queue: Option<Sender<Effect>>,
    thread: Option<thread::JoinHandle<()>>,
}

impl Effects {
    /// Starts the thread.
    pub fn start(services: Services, events: Sender<AppEvent>) -> std::io::Result<Effects> {
        let (queue, effects) = mpsc::channel::<Effect>();
        let thread = thread::Builder::new()
            .name("khabar-effects".into())
            .spawn(move || {
                for effect in effects {
                    // A panic in one effect (a file that trips a parser) is said and the
                    // thread goes on with the next.
                    let done = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        perform(&services, effect)
                    }));
                    let action = match done {
                        Ok(action) => action,
                        Err(payload) => Some(Action::Warning(format!(
                            "a background task failed: {}",
                            super::terminal::take_worker_panic(payload.as_ref())
                        ))),
                    };
                    if let Some(action) = action
                        && events.send(AppEvent::Done(Box::new(action))).is_err()
                    {
                        // The reader has gone; what is queued (a last save) still runs.
                        continue;
                    }
                }
            })?;
        Ok(Effects {
            queue: Some(queue),
            thread: Some(thread),
        })
    }

    /// Queues effects, to be done in order.
    pub fn run(&self, effects: Vec<Effect>) {
        if let Some(queue) = &self.queue {
            for effect in effects {
                let _ = queue.send(effect);
            }
        }
    }

    /// Waits until every queued effect is done (the last save is written), then ends the
    /// thread.
    pub fn finish(mut self) {
        self.queue = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
