//! The reader's state. Changed only by `update`, read by `view`.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use crate::article::{Listed, LoadError};
use crate::extract::Extractor;
use crate::library::search::Searcher;
use crate::state::ReadingState;
use crate::tui::config::LayoutConfig;
use crate::tui::config::theme::Theme;

use super::action::{Focus, Jump};
use super::effect::Effect;
use super::keymap::{Binding, DEFAULT_BINDINGS};
use super::page::{Folder, Page};

use super::components::overlay::Overlay;
use super::components::pages::Pages;
use super::components::status::Status;
use super::reader::Reader;

/// Everything the reader shows and remembers while it runs.
pub struct App {
    /// The folder or file being read (canonical).
    pub root: PathBuf,
    /// Every article found so far, without its text (read again when opened); an article's
    /// index here is its id and never changes, even when its file changes.
    pub articles: Vec<Listed>,
    /// Each article's id by [`Listed::key`].
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
    pub loading: Loading,
    pub list: ListView,
    pub focus: Focus,
    pub reader: Option<Reader>,
    pub overlay: Option<Overlay>,
    /// The status line: messages, warnings and the search being typed.
    pub status: Status,
    /// Searches the folder's full-text index, which is kept up to date in the background.
    pub searcher: Option<Searcher>,
    /// Terminal size in columns and rows.
    pub size: (u16, u16),
    /// Read marks and positions: as loaded, with this session's changes.
    pub reading: ReadingState,
    /// The keys in force: the defaults with the config file's `[keys]` applied.
    pub bindings: Vec<Binding>,
    /// The styles to draw with (the config's theme; no colour under `NO_COLOR`).
    pub theme: Theme,
    /// The config's `[layout]`: the sidebar's width and side.
    pub layout: LayoutConfig,
    /// The config's `reopen_last`: open the article read last once the folder is listed.
    pub reopen_last: bool,
    /// Where `M` and `D` write the reader's aliases (`None`: no config folder).
    pub aliases_path: Option<PathBuf>,
    /// Whether text is shown in Latin letters (ISO 15919) rather than Devanagari.
    pub romanized: bool,
    /// Whether the sidebar's timeline lists every time expression (durations, frequencies,
    /// vague ones) rather than the dated events only.
    pub all_times: bool,
    /// The entity model, loaded in the background; `None` until then, or when it could not
    /// be loaded (then `model_error` says why, and the reader works without names).
    pub extractor: Option<Extractor>,
    pub model_error: Option<String>,
    /// The page shown in the reader pane's place, if any, and the history of views.
    pub pages: Pages,
    /// The folder's library, once built in the background (the last one built while the
    /// folder is indexed again).
    pub folder: Option<Folder>,
    /// Counts the libraries the reader has been given: what cached page rows were made from.
    pub folder_generation: u64,
    /// Background extraction: files done of files to do, while it runs.
    pub indexing: Option<(usize, usize)>,
    /// The article whose file is being read to open it, and what to do once it is.
    pub opening: Option<Opening>,
    /// The number of the last article asked to open.
    pub requests: u64,
    /// The number of the last folder search asked.
    pub searches: u64,
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

/// The article list: the articles it shows (of `order`, those that pass its filter), its
/// order, its selection (an index into `shown`) and first visible item.
#[derive(Debug, Default, Clone)]
pub struct ListView {
    /// Article ids as listed: `order` when there is no filter.
    pub shown: Vec<usize>,
    /// Listed by file (path, then line) rather than newest first.
    pub by_file: bool,
    /// Only articles naming every one of these folder entities (with their names, for the
    /// list's title); empty for all.
    pub filter: Vec<(crate::library::EntityId, String, crate::extract::Kind)>,
    /// The articles the filter lets through, when there is one.
    pub passing: Option<HashSet<usize>>,
    /// A source and a date range typed after `f` (outside a name's page).
    pub narrow: ListNarrow,
    pub selected: usize,
    pub offset: usize,
    /// Whether the reader has moved the selection; until then it stays on the top article
    /// while the list fills.
    pub chosen: bool,
    /// How many listed articles are unread (counted by `update` after each action).
    pub unread: usize,
}

/// The list narrowed to a source and a date range, each optional.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct ListNarrow {
    /// Folded: an article passes when its source, agency or place contains it.
    pub source: Option<String>,
    /// Inclusive; undated articles do not pass.
    pub dates: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
}

impl ListNarrow {
    pub fn is_empty(&self) -> bool {
        self.source.is_none() && self.dates.is_none()
    }

    pub fn passes(&self, article: &Listed) -> bool {
        let dated = self.dates.is_none_or(|(first, last)| {
            article
                .date
                .is_some_and(|d| first <= d.date && d.date <= last)
        });
        dated
            && self
                .source
                .as_ref()
                .is_none_or(|want| article_from(article).any(|from| from.contains(want.as_str())))
    }

    /// What it narrows to, for the list's title: `jagran · 1 Mar 2025–31 May 2025`.
    pub fn label(&self) -> String {
        let dates = self.dates.map(|(first, last)| {
            if first == last {
                first.format("%-d %b %Y").to_string()
            } else {
                format!("{}–{}", first.format("%-d %b %Y"), last.format("%-d %b %Y"))
            }
        });
        self.source
            .iter()
            .cloned()
            .chain(dates)
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

/// Where an article is from, folded: its source or agency, its place (the dateline's), and
/// its file's name (which the list shows when it knows nothing else: `083_jagran.txt`).
pub fn article_from(article: &Listed) -> impl Iterator<Item = String> + '_ {
    let file = article.path.file_name().map(|n| n.to_string_lossy());
    article
        .origin()
        .into_iter()
        .chain(article.place.as_deref())
        .chain(article.dateline_place.as_deref())
        .map(|s| crate::text::fold::fold(s).to_lowercase())
        .chain(file.map(|f| f.to_lowercase()))
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
            loading: Loading::default(),
            list: ListView::default(),
            focus: Focus::List,
            reader: None,
            overlay: None,
            status: Status::default(),
            searcher: None,
            searches: 0,
            size: (80, 24),
            reading,
            bindings: DEFAULT_BINDINGS.to_vec(),
            theme: Theme::default(),
            layout: LayoutConfig::default(),
            reopen_last: false,
            aliases_path: None,
            romanized: false,
            all_times: false,
            extractor: None,
            model_error: None,
            pages: Pages::default(),
            folder: None,
            folder_generation: 0,
            indexing: None,
            opening: None,
            requests: 0,
            effects: Vec::new(),
            quit: false,
        }
    }

    /// The article selected in the list.
    pub fn selected_article(&self) -> Option<usize> {
        self.list.shown.get(self.list.selected).copied()
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
