//! What the reader can be asked to do, named by intent. Keys, the mouse and the background
//! loader all become actions; only [`super::update::update`] changes the app.

use std::path::PathBuf;

use super::page::Folder;
use crate::article::FileOutcome;
use crate::extract::Extractor;
use crate::library::EntityId;
use crate::library::search::{Found, Searcher};
use crate::state::Saved;

use super::page::Sentence;
use super::reader::{Facts, Reader};

/// Where in an article to open it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Jump {
    /// At a folder entity's mention starting at this body offset (its first mention in the
    /// article, or only selected when it has none, as a dateline's place).
    Mention {
        entity: EntityId,
        start: Option<usize>,
    },
    /// At the dated expression starting at this body offset.
    Event { start: usize },
}

/// The panes that can hold the focus, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Reader,
    /// The sidebar's entity list.
    Entities,
    /// The sidebar's timeline.
    Timeline,
}

impl Focus {
    /// Whether the focus is in the sidebar (entities or timeline).
    pub fn in_sidebar(self) -> bool {
        matches!(self, Focus::Entities | Focus::Timeline)
    }
}

#[derive(Debug)]
pub enum Action {
    Quit,
    /// A key was pressed: the last message and the config notice go.
    ClearMessage,
    /// Move the selection in the focused list by this many items.
    SelectBy(isize),
    /// Move the selection by this many pages.
    SelectPage(isize),
    SelectFirst,
    SelectLast,
    /// Open the selected article in the reader.
    OpenSelected,
    /// From the sidebar: go to the selected name's mention or event in the text.
    ShowInText,
    /// Open a folder entity's page (an index into the library's entities).
    OpenEntityPage(EntityId),
    /// Open the directory of every person, place and organisation in the folder.
    OpenDirectory,
    /// Open an article at a mention or an event.
    OpenArticleAt {
        article: usize,
        jump: Jump,
    },
    /// Go back to the view before, as a browser does.
    Back,
    /// Go forward again after going back.
    Forward,
    /// Type into the directory's filter.
    FilterType(char),
    /// Delete the filter's last character; with an empty filter, go back.
    FilterBackspace,
    /// A left click: opens a listed article, or focuses the pane clicked.
    Click {
        column: u16,
        row: u16,
    },
    /// Scroll the reader by this many rows.
    ScrollBy(isize),
    /// Scroll the reader by this many pages.
    ScrollPage(isize),
    ScrollToTop,
    ScrollToBottom,
    FocusNext,
    FocusPrev,
    /// Mouse wheel at a screen position: scroll whatever is under it.
    Wheel {
        column: u16,
        row: u16,
        delta: isize,
    },
    /// Start typing a search in the open article.
    StartSearch,
    /// Start typing a search of the whole folder.
    StartFolderSearch,
    /// Open the folder's timeline.
    OpenTimeline,
    /// Start typing a date to go to on the timeline.
    StartDateJump,
    /// Start typing a source or dates to narrow the article list to.
    StartListFilter,
    /// On a name's page: "appears with" lists the next kind of names only.
    NextCompanionKind,
    /// On a name's page: start typing the name it is the same as.
    StartMerge,
    /// On a name's page: start typing a form joined to it that is someone else.
    StartSplit,
    /// On folder search results: list the selected story's copies under it, or fold them
    /// away again.
    ToggleCopies,
    /// Open an article and search it for `find` (a search result's matched word).
    OpenArticleFind {
        article: usize,
        find: String,
    },
    SearchType(char),
    SearchBackspace,
    SearchSubmit,
    SearchCancel,
    NextMatch,
    PrevMatch,
    /// Select the previous (-1) or next (1) person of the article and go to their mention.
    StepPerson(isize),
    /// Select the entity mentioned nearest the top of the reader's view.
    SelectEntityInView,
    ToggleHelp,
    ToggleErrors,
    /// Show the text in Latin letters, or in Devanagari again.
    ToggleRomanized,
    /// List every time expression in the sidebar's timeline, or the dated events only.
    ToggleAllTimes,
    /// Write the article or the name's page shown as Markdown.
    Export,
    /// Open the next unread article after the selected one in the list (round to the top).
    NextUnread,
    /// Open the open article's web address in the browser.
    OpenUrl,
    /// List the articles newest first, or by file.
    ToggleSort,
    /// List only the articles naming the name whose page is shown (and those named before).
    FilterByPage,
    /// List every article again.
    ClearListFilter,
    /// Mark the article selected in the list (or, from the reader, the open one) read, or
    /// unread again.
    ToggleRead,
    /// Close what is on top (overlay, search, filter), else go back, else to the list.
    Close,
    Resize(u16, u16),
    /// A (re)scan of the folder begins.
    ScanStarted,
    /// Files have been read (or taken from the cache) in the background.
    Loaded(Vec<FileOutcome>),
    /// The background scan has finished.
    LoadingDone,
    /// Background extraction has done `done` of `total` files.
    Indexing {
        done: usize,
        total: usize,
    },
    /// A background problem that does not stop the reader.
    Warning(String),
    /// The entity model has loaded in the background (or could not be).
    ModelLoaded(Result<Extractor, String>),
    /// The folder's library has been built.
    Indexed(Box<Folder>),
    /// The folder's search index can be searched.
    SearchReady(Searcher),
    /// An article asked to open (request `request`) has been read and laid out, or could
    /// not be read.
    ArticleRead {
        request: u64,
        article: usize,
        result: Result<Box<Reader>, String>,
    },
    /// The names and dates of an open article have been found.
    FactsFound {
        article: usize,
        facts: Box<Facts>,
    },
    /// The reading state has been saved (the merged state), or could not be.
    StateSaved(Result<Saved, String>),
    /// Sentences for an entity page, by (article, mention start).
    SentencesRead(Vec<((usize, usize), Sentence)>),
    /// A page of a folder search's results has been read: search `search`'s results
    /// from `start`.
    FolderSearched {
        search: u64,
        query: String,
        start: usize,
        result: Result<Found, String>,
    },
    /// Something done in the background to be said in the status line.
    Said(String),
    /// An export has been written (where), or could not be.
    Exported(Result<PathBuf, String>),
}
