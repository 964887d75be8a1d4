//! The reader's state. Changed only by `update`, read by `view`.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use crate::article::{Article, LoadError};
use crate::extract::time::TimelineEntry;
use crate::extract::{Entity, Extractor, Kind};
use crate::library::Library;
use crate::library::search::Searcher;
use crate::state::ReadingState;
use crate::text::Layout;
use crate::text::romanize::{Options as RomanOptions, Romanized, romanize_mapped};
use crate::tui::config::LayoutConfig;
use crate::tui::config::theme::Theme;

use super::action::{Focus, Jump};
use super::effect::Effect;
use super::history::History;
use super::keymap::{Binding, DEFAULT_BINDINGS};
use super::page::{Folder, Page, Sentence};

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

/// The open article, laid out for the reader pane's width.
#[derive(Debug, Clone)]
pub struct Reader {
    pub article: usize,
    /// The article as read from its file when opened, with its paragraphs.
    pub text: Article,
    /// The text: [`TITLE_BLOCK`], [`DATELINE_BLOCK`], then paragraphs. Mentions, events,
    /// matches and saved positions are byte offsets into these, whatever the script shown.
    pub blocks: Vec<String>,
    /// In the romanised view, each block in Latin letters with its offset map; `None` when
    /// the blocks are shown as written.
    pub roman: Option<Vec<Romanized>>,
    /// The layout of what is shown: [`Reader::blocks`], or their romanised text. Its rows
    /// hold offsets into [`Reader::shown`]; go through [`Reader::row_of`] and
    /// [`Reader::anchor_of`] to use offsets of the blocks.
    pub layout: Layout,
    /// First visible row.
    pub scroll: usize,
    pub search: Option<Search>,
    /// The article's people, places and organisations, people first.
    pub entities: Vec<Entity>,
    /// Each entity's mentions as (block, start, end) in [`Reader::blocks`].
    pub mentions: Vec<Vec<(usize, usize, usize)>>,
    /// Whether names and dates have been looked for (once the model has loaded).
    pub has_facts: bool,
    /// Each entity's entity in the folder's library, once the library is built.
    pub folder_ids: Vec<Option<usize>>,
    /// The entity selected in the sidebar, and which of its mentions the reader is at.
    pub entity: Option<usize>,
    pub mention: usize,
    /// First visible row of the sidebar's entity list.
    pub sidebar_offset: usize,
    /// The article's time expressions as the sidebar lists them (the dated events, or all
    /// of them with [`App::all_times`]), in date order.
    pub timeline: Vec<TimelineEntry>,
    /// Each listed entry's expression as (block, start, end) in [`Reader::blocks`].
    pub timeline_spans: Vec<(usize, usize, usize)>,
    /// Every time expression of the article and its span, whether listed or not.
    pub every_time: Vec<(TimelineEntry, (usize, usize, usize))>,
    /// The timeline entry selected in the sidebar, and the first visible entry.
    pub event: Option<usize>,
    pub timeline_offset: usize,
}

/// A row of the sidebar's entity list: a heading for a kind, or an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SidebarRow {
    Heading(Kind),
    Entity(usize),
}

/// What extraction found in the open article, placed in the reader's blocks.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// People, places and organisations, people first.
    pub entities: Vec<Entity>,
    /// Each entity's mentions as (block, start, end).
    pub mentions: Vec<Vec<(usize, usize, usize)>>,
    /// Every time expression and its span as (block, start, end).
    pub every_time: Vec<(TimelineEntry, (usize, usize, usize))>,
    /// Each entity's entity in the folder's library, when linked.
    pub folder_ids: Vec<Option<usize>>,
}

impl Facts {
    /// Finds the names and dates of `article` (the work of a background thread: tens of
    /// milliseconds on a long article).
    pub fn find(article: &Article, extractor: &Extractor) -> Facts {
        let found = extractor.extract(article, None);
        let starts = article.paragraph_starts();
        let every_time = found
            .timeline
            .into_iter()
            .map(|t| {
                let span = body_to_block(&starts, t.start, t.end);
                (t, span)
            })
            .collect();
        let mentions = found
            .entities
            .iter()
            .map(|e| {
                e.mentions
                    .iter()
                    .map(|m| body_to_block(&starts, m.start, m.end))
                    .collect()
            })
            .collect();
        Facts {
            folder_ids: vec![None; found.entities.len()],
            entities: found.entities,
            mentions,
            every_time,
        }
    }

    /// Links each entity to the folder's entity of its name.
    pub fn link(&mut self, library: &Library) {
        self.folder_ids = link(&self.entities, library);
    }
}

/// Each entity's entity in the folder's library.
pub fn link(entities: &[Entity], library: &Library) -> Vec<Option<usize>> {
    entities
        .iter()
        .map(|e| library.find(&e.name, e.kind))
        .collect()
}

/// A body range as (block, start, end) in the reader's blocks.
pub fn body_to_block(
    paragraph_starts: &[usize],
    start: usize,
    end: usize,
) -> (usize, usize, usize) {
    let para = paragraph_starts
        .partition_point(|&s| s <= start)
        .saturating_sub(1);
    let base = paragraph_starts.get(para).copied().unwrap_or(0);
    (FIRST_PARAGRAPH_BLOCK + para, start - base, end - base)
}

/// The line under the title: place, date, agency or source, reporter.
pub fn dateline_line(a: &Article) -> String {
    let d = a.dateline.as_ref();
    let place = d.and_then(|d| d.place.clone()).or_else(|| a.place.clone());
    let date = a
        .date
        .map(|d| d.display())
        .or_else(|| d.and_then(|d| d.date_text.clone()));
    let agency = d.and_then(|d| d.agency.clone());
    let reporter = d.and_then(|d| d.reporter.clone());
    [place, date, reporter, agency, a.source.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ")
}

impl Reader {
    /// An article read from its file: title, dateline and paragraphs as blocks, not yet
    /// laid out, nothing found or selected.
    pub fn with_text(article: usize, text: Article) -> Reader {
        let mut blocks = Vec::with_capacity(text.paragraphs.len() + FIRST_PARAGRAPH_BLOCK);
        // Block order: TITLE_BLOCK, DATELINE_BLOCK, then paragraphs from FIRST_PARAGRAPH_BLOCK.
        blocks.push(text.title.clone());
        blocks.push(dateline_line(&text));
        blocks.extend(text.paragraphs.iter().cloned());
        Reader::new(article, text, blocks)
    }

    /// Takes what extraction found; the selections start afresh.
    pub fn set_facts(&mut self, facts: Facts, all_times: bool) {
        self.entities = facts.entities;
        self.mentions = facts.mentions;
        self.folder_ids = facts.folder_ids;
        self.every_time = facts.every_time;
        self.has_facts = true;
        self.list_times(all_times);
        self.entity = None;
        self.sidebar_offset = 0;
    }

    /// An article just opened: its text in `blocks`, not yet laid out, nothing selected.
    pub fn new(article: usize, text: Article, blocks: Vec<String>) -> Reader {
        Reader {
            article,
            text,
            blocks,
            roman: None,
            layout: Layout::default(),
            scroll: 0,
            search: None,
            entities: Vec::new(),
            mentions: Vec::new(),
            has_facts: false,
            folder_ids: Vec::new(),
            entity: None,
            mention: 0,
            sidebar_offset: 0,
            timeline: Vec::new(),
            timeline_spans: Vec::new(),
            every_time: Vec::new(),
            event: None,
            timeline_offset: 0,
        }
    }

    /// Lists the dated events of [`Reader::every_time`], or all of it; the selection starts
    /// afresh.
    pub fn list_times(&mut self, all: bool) {
        let shown = self
            .every_time
            .iter()
            .filter(|(e, _)| all || crate::extract::time::is_dated_event(e));
        (self.timeline, self.timeline_spans) = shown.cloned().unzip();
        self.event = None;
        self.timeline_offset = 0;
    }

    /// How many of the article's time expressions the sidebar leaves out.
    pub fn times_hidden(&self) -> usize {
        self.every_time.len() - self.timeline.len()
    }

    /// Block `block` as shown: as written, or in Latin letters.
    pub fn shown(&self, block: usize) -> &str {
        match &self.roman {
            Some(roman) => roman.get(block).map_or("", Romanized::as_str),
            None => self.blocks.get(block).map_or("", String::as_str),
        }
    }

    /// A byte range of a block as a range of the text shown.
    pub fn shown_range(&self, block: usize, start: usize, end: usize) -> (usize, usize) {
        match self.roman.as_ref().and_then(|r| r.get(block)) {
            Some(roman) => {
                let r = roman.range(start..end);
                (r.start, r.end)
            }
            None => (start, end),
        }
    }

    /// A byte offset of the text shown as an offset of the block: the start of the letter
    /// or syllable it falls in.
    pub fn block_offset(&self, block: usize, shown: usize) -> usize {
        let (Some(roman), Some(text)) = (
            self.roman.as_ref().and_then(|r| r.get(block)),
            self.blocks.get(block),
        ) else {
            return shown;
        };
        let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        let n = starts.partition_point(|&o| roman.start(o) <= shown);
        n.checked_sub(1).map_or(0, |i| starts[i])
    }

    /// A byte offset of the text shown, as the end of a range of the block: the end of the
    /// letter or syllable it falls in.
    pub fn block_end(&self, block: usize, shown: usize) -> usize {
        let (Some(roman), Some(text)) = (
            self.roman.as_ref().and_then(|r| r.get(block)),
            self.blocks.get(block),
        ) else {
            return shown;
        };
        text.char_indices()
            .map(|(i, _)| i)
            .find(|&o| roman.start(o) >= shown)
            .unwrap_or(text.len())
    }

    /// The first row showing byte `offset` of `block` (an offset of the block as written).
    pub fn row_of(&self, block: usize, offset: usize) -> Option<usize> {
        let (shown, _) = self.shown_range(block, offset, offset);
        self.layout.row_of(block, shown)
    }

    /// The block and byte offset (of the block as written) a row starts at.
    pub fn anchor_of(&self, row: usize) -> Option<(usize, usize)> {
        self.layout
            .anchor_of(row)
            .map(|(b, o)| (b, self.block_offset(b, o)))
    }

    /// Lays the text out again at `width`, as written or romanised, keeping the same text
    /// at the top of the view.
    pub fn relayout(&mut self, width: usize, romanized: bool) {
        let anchor = self.anchor_of(self.scroll);
        self.roman = romanized.then(|| {
            self.blocks
                .iter()
                .map(|b| romanize_mapped(b, RomanOptions::default()))
                .collect()
        });
        self.layout = match &self.roman {
            Some(roman) => {
                let shown: Vec<&str> = roman.iter().map(Romanized::as_str).collect();
                Layout::new(&shown, width)
            }
            None => Layout::new(&self.blocks, width),
        };
        self.scroll = anchor.and_then(|(b, o)| self.row_of(b, o)).unwrap_or(0);
    }

    /// The sidebar's rows: each kind's heading followed by its entities.
    pub fn sidebar_rows(&self) -> Vec<SidebarRow> {
        let mut rows = Vec::with_capacity(self.entities.len() + 3);
        for (i, e) in self.entities.iter().enumerate() {
            if i == 0 || self.entities[i - 1].kind != e.kind {
                rows.push(SidebarRow::Heading(e.kind));
            }
            rows.push(SidebarRow::Entity(i));
        }
        rows
    }
}

/// Block index of the title in [`Reader::blocks`].
pub const TITLE_BLOCK: usize = 0;
/// Block index of the dateline line in [`Reader::blocks`].
pub const DATELINE_BLOCK: usize = 1;
/// Block index of the first paragraph in [`Reader::blocks`].
pub const FIRST_PARAGRAPH_BLOCK: usize = 2;

/// A committed search in the open article.
#[derive(Debug, Clone, Default)]
pub struct Search {
    pub query: String,
    /// Matches as (block, start, end), in reading order.
    pub matches: Vec<(usize, usize, usize)>,
    pub current: usize,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn reader(blocks: &[&str]) -> Reader {
        Reader::new(
            0,
            Article::default(),
            blocks.iter().map(|b| b.to_string()).collect(),
        )
    }

    #[test]
    fn romanised_text_keeps_ranges_on_their_words() {
        let text = "रूस के रक्षा मंत्री सर्गेई शोइगु ने कहा।";
        let mut r = reader(&["शीर्षक", "", text]);
        r.relayout(20, true);
        assert_eq!(r.shown(2), "rūs kē rakṣā maṁtrī sargēī śōigu nē kahā.");
        let s = text.find("सर्गेई").unwrap();
        let e = text.find(" ने").unwrap();
        let (a, b) = r.shown_range(2, s, e);
        assert_eq!(&r.shown(2)[a..b], "sargēī śōigu");
        // Back from the text shown to the text as written.
        assert_eq!(r.block_offset(2, a), s);
        assert_eq!(r.block_end(2, b), e);
        // Rows are found by offsets of the text as written.
        let row = r.row_of(2, s).unwrap();
        let (block, at) = r.anchor_of(row).unwrap();
        assert_eq!(block, 2);
        assert!(at <= s);
    }

    #[test]
    fn switching_scripts_keeps_the_reading_position() {
        let para = "रूस के रक्षा मंत्री सर्गेई शोइगु ने कहा कि दोनों देश साथ काम करेंगे। ";
        let blocks: Vec<String> = (0..30).map(|i| format!("{i} {}", para.repeat(3))).collect();
        let refs: Vec<&str> = blocks.iter().map(String::as_str).collect();
        let mut r = reader(&refs);
        r.relayout(30, false);
        r.scroll = r.row_of(17, 0).unwrap();
        r.relayout(30, true);
        assert_eq!(r.anchor_of(r.scroll), Some((17, 0)));
        assert!(r.shown(17).starts_with("17 rūs"));
        r.relayout(30, false);
        assert_eq!(r.anchor_of(r.scroll), Some((17, 0)));
        assert!(r.roman.is_none());
    }

    #[test]
    fn the_timeline_lists_dated_events_unless_every_time_is_asked_for() {
        let body = "सोमवार को बैठक हुई जो दो घंटे चली। लोग रोज आते हैं। हाल ही में बारिश हुई।";
        let reference = chrono::NaiveDate::from_ymd_opt(2024, 3, 21);
        let timeline = crate::extract::time::timeline(body, reference, &[]);
        assert_eq!(timeline.len(), 4, "{timeline:?}");
        let mut r = reader(&[body]);
        r.every_time = timeline.into_iter().map(|t| (t, (0, 0, 0))).collect();
        r.event = Some(2);
        r.list_times(false);
        let texts: Vec<&str> = r.timeline.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(texts, ["सोमवार"]);
        assert_eq!(r.timeline_spans.len(), 1);
        assert_eq!(r.times_hidden(), 3);
        assert_eq!(r.event, None);
        r.list_times(true);
        assert_eq!(r.timeline.len(), 4);
        assert_eq!(r.times_hidden(), 0);
    }
}
