//! The reader's state. Changed only by `update`, read by `view`.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use crate::article::{Article, LoadError};
use crate::extract::Extractor;
use crate::library::search::Searcher;
use crate::state::ReadingState;
use crate::tui::config::LayoutConfig;
use crate::tui::config::theme::Theme;

use super::action::{Focus, Jump};
use super::effect::Effect;
use super::history::History;
use super::keymap::{Binding, DEFAULT_BINDINGS};
use super::page::{Folder, Page, PageRows, Sentence};
use super::reader::Reader;

/// Everything the reader shows and remembers while it runs.
pub struct App {
    /// The folder or file being read (canonical).
    pub root: PathBuf,
    /// Every article found so far, without its text (read again when opened); an article's
    /// index here is its id and never changes, even when its file changes.
    pub articles: Vec<Article>,
    /// Each article's id by [`Article::key`].
    pub ids: HashMap<String, usize>,
    /// Article ids in list order: newest first, undated last. Articles whose file has gone
    /// are left out.
    pub order: Vec<usize>,
    /// During a rescan of the folder, the articles it has reported again.
    pub rescan: Option<HashSet<usize>>,
    /// Articles left out of `order` because their file had gone; a scan that finds them
    /// again puts them back.
    pub unlisted: HashSet<usize>,
    /// What could not be read, as the last scan found it (`E` lists it).
    pub errors: Vec<LoadError>,
    /// During a rescan, the errors it has found so far: they replace `errors` when it ends,
    /// so each file's errors are listed once however often the folder is scanned.
    pub rescan_errors: Vec<LoadError>,
    /// Every warning said in the status line this session (a state file or cache set
    /// aside, say), kept so that `E` still lists it once the status line has moved on.
    pub warnings: Vec<String>,
    pub loading: Loading,
    pub list: ListView,
    pub focus: Focus,
    pub reader: Option<Reader>,
    pub overlay: Option<Overlay>,
    /// The search being typed, when the search line is open, and what it searches.
    pub search_input: Option<String>,
    pub search_scope: SearchScope,
    /// Searches the folder's full-text index, which is kept up to date in the background.
    pub searcher: Option<Searcher>,
    /// Terminal size in columns and rows.
    pub size: (u16, u16),
    /// Read marks and positions: as loaded, with this session's changes.
    pub reading: ReadingState,
    /// A one-line message for the status line (a warning, a hint), cleared by the next key.
    pub message: Option<String>,
    /// The keys in force: the defaults with the config file's `[keys]` applied.
    pub bindings: Vec<Binding>,
    /// The styles to draw with (the config's theme; no colour under `NO_COLOR`).
    pub theme: Theme,
    /// The config's `[layout]`: the sidebar's width and side.
    pub layout: LayoutConfig,
    /// Whether text is shown in Latin letters (ISO 15919) rather than Devanagari.
    pub romanized: bool,
    /// Whether the sidebar's timeline lists every time expression (durations, frequencies,
    /// vague ones) rather than the dated events only.
    pub all_times: bool,
    /// Problems found in the config file, shown in the status line until the first key.
    pub notice: Option<String>,
    /// The entity model, loaded in the background; `None` until then, or when it could not
    /// be loaded (then `model_error` says why, and the reader works without names).
    pub extractor: Option<Extractor>,
    pub model_error: Option<String>,
    /// A page shown in the reader pane's place (an entity's page, the directory); the open
    /// article stays beneath it.
    pub page: Option<Page>,
    /// The views before and after the current one.
    pub history: History<View>,
    /// The folder's library, once built in the background (the last one built while the
    /// folder is indexed again).
    pub folder: Option<Folder>,
    /// Counts the libraries the reader has been given: what cached page rows were made from.
    pub folder_generation: u64,
    /// The shown page's rows, kept current by `update` (shared so that moving the selection
    /// can read them while it changes the page).
    pub page_rows: std::sync::Arc<PageRows>,
    /// Background extraction: files done of files to do, while it runs.
    pub indexing: Option<(usize, usize)>,
    /// The sentences around mentions shown on the open entity page, by (article id, mention
    /// start), read from the articles' files as rows come into view.
    pub sentences: HashMap<(usize, usize), Sentence>,
    /// The sentences asked for and not yet read.
    pub sentences_asked: HashSet<(usize, usize)>,
    /// The article whose file is being read to open it, and what to do once it is.
    pub opening: Option<Opening>,
    /// The number of the last article asked to open.
    pub requests: u64,
    /// What `update` has decided to have done: handed to the effects thread as `update`
    /// returns.
    pub effects: Vec<Effect>,
    pub quit: bool,
}

/// An article asked to open: its file is read in the background.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opening {
    pub request: u64,
    pub article: usize,
    pub then: AfterOpen,
}

/// Where an article opens once read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AfterOpen {
    /// Where the reader left it last time (the top the first time).
    Saved,
    /// At a mention or an event.
    Jump(Jump),
    /// At the first match of a search for this word.
    Find(String),
    /// Where a view of the history had it.
    Restore(ArticleView),
}

/// What the search line searches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchScope {
    Article,
    Folder,
}

/// What the reader pane shows, as the history remembers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum View {
    Article(ArticleView),
    Page(Page),
}

/// An open article and where it was: the text at the top of the view (so a new width still
/// finds it) and the name selected in the sidebar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArticleView {
    pub article: usize,
    pub anchor: (usize, usize),
    pub entity: Option<usize>,
    pub mention: usize,
}

/// Progress of the background scan.
#[derive(Debug, Default, Clone, Copy)]
pub struct Loading {
    pub files: usize,
    pub done: bool,
}

/// The article list's selection (an index into `order`) and first visible item.
#[derive(Debug, Default, Clone, Copy)]
pub struct ListView {
    pub selected: usize,
    pub offset: usize,
    /// Whether the reader has moved the selection; until then it stays on the top article
    /// while the list fills.
    pub chosen: bool,
}

/// An overlay drawn over the panes, with its scroll position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help { scroll: usize },
    Errors { scroll: usize },
}

impl App {
    /// A reader of `root` with nothing loaded yet and `reading` as the saved state.
    pub fn new(root: PathBuf, reading: ReadingState) -> App {
        App {
            root,
            articles: Vec::new(),
            ids: HashMap::new(),
            order: Vec::new(),
            rescan: None,
            unlisted: HashSet::new(),
            errors: Vec::new(),
            rescan_errors: Vec::new(),
            warnings: Vec::new(),
            loading: Loading::default(),
            list: ListView::default(),
            focus: Focus::List,
            reader: None,
            overlay: None,
            search_input: None,
            search_scope: SearchScope::Article,
            searcher: None,
            size: (80, 24),
            reading,
            message: None,
            bindings: DEFAULT_BINDINGS.to_vec(),
            theme: Theme::default(),
            layout: LayoutConfig::default(),
            romanized: false,
            all_times: false,
            notice: None,
            extractor: None,
            model_error: None,
            page: None,
            history: History::default(),
            folder: None,
            folder_generation: 0,
            page_rows: std::sync::Arc::default(),
            indexing: None,
            sentences: HashMap::new(),
            sentences_asked: HashSet::new(),
            opening: None,
            requests: 0,
            effects: Vec::new(),
            quit: false,
        }
    }

    /// The article selected in the list.
    pub fn selected_article(&self) -> Option<usize> {
        self.order.get(self.list.selected).copied()
    }

    pub fn is_read(&self, id: usize) -> bool {
        self.reading
            .articles
            .get(&self.articles[id].key())
            .is_some_and(|s| s.read)
    }

    /// A path as the reader shows it: relative to the folder being read.
    pub fn display_path(&self, path: &std::path::Path) -> String {
        let shown = path.strip_prefix(&self.root).unwrap_or(path);
        let shown = if shown.as_os_str().is_empty() {
            path.file_name().map(std::path::Path::new).unwrap_or(path)
        } else {
            shown
        };
        crate::article::clean::display_path(shown)
    }
}
