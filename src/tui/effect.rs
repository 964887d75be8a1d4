//! What `update` asks of the world outside the reader's state, and the thread that does it.
//!
//! [`super::update::update`] decides and never touches the disk nor runs extraction: it
//! returns [`Effect`]s. [`Effects`] runs them on a thread of its own, one at a time in the
//! order asked, and sends each outcome back on the reader's channel as an [`Action`].
//! [`perform`] is that work; [`super::update::settle`] runs it in line, so tests and
//! benchmarks drive the reader as actions in, state out.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Mutex};
use std::thread;

use crate::article::{Article, Listed, read_again};
use crate::export::files::{slug, write_new};
use crate::export::{EntityPage, PageLimits, entity_markdown};
use crate::extract::Extractor;
use crate::library::cache::Stamp;
use crate::library::opened::CacheReader;
use crate::library::search::Searcher;
use crate::library::{ArticleId, EntityId, Library};
use crate::state::{ReadingState, StateStore};

use super::action::Action;
use super::event::AppEvent;
use super::page::{self, Sentence};
use super::reader::{Facts, Reader};

/// Work for the effects thread.
pub enum Effect {
    /// Read an article's file and its names and dates (from the folder's cache when its file
    /// is cached unchanged, else found once the model has loaded) and lay it out: back as
    /// [`Action::ArticleRead`].
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
    /// Search the whole folder for a page of results: back as [`Action::FolderSearched`].
    SearchFolder(SearchWanted),
    /// Write an export as a new file: back as [`Action::Exported`].
    Export(Export),
    /// Open an article's web address in the browser: back as [`Action::Said`].
    OpenUrl(String),
    /// Append a rule to the reader's aliases file: back as [`Action::Said`].
    WriteAlias {
        path: std::path::PathBuf,
        rule: crate::library::aliases::Rule,
    },
}

/// A page of a folder search's results.
pub struct SearchWanted {
    /// The reader's number of the search (see [`super::page::SearchPage::search`]).
    pub search: u64,
    pub query: String,
    /// The first result wanted, and how many.
    pub start: usize,
    pub limit: usize,
    pub searcher: Searcher,
}

/// An article to open, and how it is to be shown.
pub struct ReadArticle {
    /// Tells this request's answer from an earlier one's.
    pub request: u64,
    pub article: usize,
    /// The article as listed (without its text): where to read it.
    pub stub: Box<Listed>,
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
    pub stub: Box<Listed>,
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
        stubs: HashMap<ArticleId, Listed>,
    },
}

/// What the effects need beyond what they carry: where state and exports are written, and
/// the folder's cache to read opened articles' facts from.
#[derive(Debug, Default)]
pub struct Services {
    pub store: Option<StateStore>,
    pub export_dir: Option<PathBuf>,
    pub cache: CacheShare,
    /// The browser to open web addresses with (`$BROWSER`, else `xdg-open`); `None` where
    /// nothing may be opened (tests).
    pub browser: Option<String>,
}

/// The folder's cache as the library thread lends it for reading: a [`CacheReader`] while
/// that thread holds the cache open, nothing while it does not.
#[derive(Debug, Clone, Default)]
pub struct CacheShare(Arc<Mutex<Option<CacheReader>>>);

impl CacheShare {
    /// Lends a cache just opened, or takes back one being closed (`None`).
    pub fn lend(&self, reader: Option<CacheReader>) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = reader;
    }

    /// The cache lent, if any.
    pub fn reader(&self) -> Option<CacheReader> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

/// Does one effect; the action to send back, if any.
pub fn perform(services: &Services, effect: Effect) -> Option<Action> {
    Some(match effect {
        Effect::ReadArticle(request) => Action::ArticleRead {
            request: request.request,
            article: request.article,
            result: read_article(services.cache.reader().as_ref(), request).map(Box::new),
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
                    let sentence = match read_again(&w.stub.path, w.stub.line) {
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
        Effect::SearchFolder(wanted) => {
            let result = wanted
                .searcher
                .search_page(&wanted.query, wanted.start, wanted.limit)
                .map_err(|e| e.to_string());
            Action::FolderSearched {
                search: wanted.search,
                query: wanted.query,
                start: wanted.start,
                result,
            }
        }
        Effect::Export(export) => Action::Exported(write_export(services, export)),
        Effect::OpenUrl(url) => Action::Said(open_url(services.browser.as_deref(), &url)),
        Effect::WriteAlias { path, rule } => {
            let result = crate::library::aliases::append(&path, &rule);
            Action::Said(crate::tui::update::aliases::written(&path, &rule, result))
        }
    })
}

/// Reads an article and lays it out, with its facts from the cache when its file is
/// cached unchanged (and was not changed while it was read); else, once the model has
/// loaded, found in it now and linked by name.
fn read_article(cache: Option<&CacheReader>, request: ReadArticle) -> Result<Reader, String> {
    let stamp = || {
        std::fs::metadata(&request.stub.path)
            .ok()
            .map(|m| Stamp::of(&m))
    };
    let before = stamp();
    let text = read_again(&request.stub.path, request.stub.line)?;
    let cached = match (cache, before) {
        (Some(cache), Some(before)) if stamp() == Some(before) => {
            cache.article_facts(&text, before)
        }
        _ => None,
    };
    let mut reader = Reader::with_text(request.article, text);
    reader.advance = request.advance;
    reader.relayout(request.width, request.romanized);
    if let Some(cached) = cached {
        let facts = Facts::cached(&reader.text, cached, request.library.as_deref());
        reader.set_facts(facts, request.all_times);
    } else if let Some(extractor) = &request.extractor {
        let mut facts = Facts::find(&reader.text, extractor);
        if let Some(library) = &request.library {
            facts.link(library);
        }
        reader.set_facts(facts, request.all_times);
    }
    Ok(reader)
}

/// Starts the browser on `url` (not through a shell: the address is one argument) and
/// leaves it running; what to say of it.
fn open_url(browser: Option<&str>, url: &str) -> String {
    let Some(browser) = browser else {
        return "no browser to open it with".into();
    };
    let mut words = browser.split_whitespace();
    let Some(program) = words.next() else {
        return "no browser to open it with (BROWSER is empty)".into();
    };
    let started = std::process::Command::new(program)
        .args(words)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    match started {
        Ok(mut child) => {
            // Reaped when it ends, so it leaves no zombie behind.
            let _ = std::thread::Builder::new()
                .name("khabar-browser".into())
                .spawn(move || child.wait());
            format!("opened in {program}: {url}")
        }
        Err(e) => format!("cannot start {program} to open {url}: {e}"),
    }
}

/// The browser the reader opens web addresses with: the first of `$BROWSER` (a list split
/// by `:`), else `xdg-open`.
pub fn browser_from(env: Option<&str>) -> String {
    env.and_then(|b| b.split(':').map(str::trim).find(|b| !b.is_empty()))
        .unwrap_or("xdg-open")
        .to_string()
}

fn write_export(services: &Services, export: Export) -> Result<PathBuf, String> {
    let (title, markdown) = match export {
        Export::Markdown { title, markdown } => (title, markdown),
        Export::EntityPage {
            library,
            entity,
            stubs,
        } => {
            let body_of = |i: ArticleId| {
                stubs
                    .get(&i)
                    .and_then(|s| read_again(&s.path, s.line).ok())
                    .map(|a| a.body())
            };
            let page = EntityPage::from_library(&library, entity, body_of, PageLimits::ALL)
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

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::article::{ScanOptions, load_file};
    use crate::library::refresh::{RefreshOptions, open_cache, refresh_in};

    fn request(
        stub: &Article,
        extractor: Option<Extractor>,
        library: &Arc<Library>,
    ) -> ReadArticle {
        ReadArticle {
            request: 1,
            article: 0,
            stub: Box::new(Listed::of(stub)),
            extractor,
            width: 60,
            romanized: false,
            all_times: true,
            advance: crate::text::width::Advance::default(),
            library: Some(Arc::clone(library)),
        }
    }

    #[test]
    fn an_article_opened_from_the_cache_shows_what_extracting_it_shows() {
        let dir = tempfile::tempdir().expect("temp");
        let root = dir.path().canonicalize().expect("canonical").join("news");
        std::fs::create_dir(&root).expect("folder");
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/library");
        for entry in std::fs::read_dir(fixtures).expect("fixtures") {
            let from = entry.expect("fixture").path();
            std::fs::copy(&from, root.join(from.file_name().expect("name"))).expect("copy");
        }
        // Times the library leaves out, which the cache keeps for opening.
        std::fs::write(
            root.join("04_meeting.txt"),
            "पटना में बैठक\n\nपटना, 3 मार्च (भाषा) मुख्यमंत्री नीतीश कुमार ने सोमवार को अधिकारियों \
             के साथ दो घंटे बैठक की। वे हर साल बाढ़ से पहले ऐसी बैठक करते हैं। हाल ही में \
             नीतीश कुमार ने दिल्ली का दौरा किया था।\n",
        )
        .expect("write");
        let mut undated = 0;
        let extractor = Extractor::embedded().expect("model");
        let options = RefreshOptions {
            cache_dir: Some(dir.path().join("cache")),
            ref_date: None,
            scan: ScanOptions::new(false),
            ..Default::default()
        };
        let cache = open_cache(&root, &options, &mut |_| {}).expect("cache");
        let (library, _) = refresh_in(
            &root,
            Some(&extractor),
            &options,
            None,
            Some(&cache),
            |_| {},
        );
        let library = Arc::new(library);
        let reader = cache.reader().expect("lent");
        let mut opened = 0;
        for entry in std::fs::read_dir(&root).expect("list") {
            let path = entry.expect("entry").path();
            for article in load_file(&path).articles {
                // Without the model: what it shows comes from the cache.
                let cached =
                    read_article(Some(&reader), request(&article, None, &library)).expect("read");
                let found =
                    read_article(None, request(&article, Some(extractor), &library)).expect("read");
                assert!(cached.has_facts, "{}", path.display());
                assert_eq!(cached.entities, found.entities, "{}", path.display());
                assert_eq!(cached.mentions, found.mentions);
                assert_eq!(cached.every_time, found.every_time);
                assert_eq!(cached.timeline, found.timeline);
                assert_eq!(cached.folder_ids, found.folder_ids);
                assert!(cached.folder_ids.iter().all(Option::is_some));
                undated += found
                    .every_time
                    .iter()
                    .filter(|(t, _)| !crate::extract::time::is_dated_event(t))
                    .count();
                opened += 1;
            }
        }
        assert_eq!(opened, 4);
        assert!(undated >= 2, "{undated}");
        // A file changed since it was cached is extracted again, and without the model
        // has no facts yet.
        let first = root.join("01_moscow.txt");
        let mut text = std::fs::read_to_string(&first).expect("read");
        text.push_str("\n\nएक और अनुच्छेद।\n");
        std::fs::write(&first, text).expect("write");
        let article = &load_file(&first).articles[0];
        let changed = read_article(Some(&reader), request(article, None, &library)).expect("read");
        assert!(!changed.has_facts);
        assert_eq!(cache.finish(), None);
    }
}
