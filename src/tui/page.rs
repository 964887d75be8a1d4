//! Pages shown in the reader's place: an entity's page (its articles, the names it appears
//! with, its timeline) and the people directory. A page is laid out as a list of one-line
//! rows, some of which belong to a selectable item; `update` moves the selection over the
//! items and `view` draws the rows, both from [`lines`], so they always agree.

use crate::article::Article;
use crate::extract::Kind;
use crate::library::histogram::Histogram;
use crate::library::{ArticleId, EntityId, EventId, Library};
use crate::text::fold::fold;
use crate::text::haystack::Haystack;
use crate::text::plain::search_key;
use crate::text::romanize::{has_devanagari, romanize};
use crate::text::{str_width, truncate};
use chrono::NaiveDate;

/// A sentence of an article and the mention in it (byte offsets into `text`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sentence {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// The folder's library, as the reader uses it.
#[derive(Debug, Clone, Default)]
pub struct Folder {
    /// Shared with the background work that needs it (exports, linking an opened article).
    pub library: std::sync::Arc<Library>,
    /// The reader's article id of each of [`Library::articles`] (filled in by `update` as
    /// the folder arrives: the ids are the reader's).
    pub article_ids: Vec<usize>,
    /// Each entity's name and aliases, folded and joined by newlines, for the directory's
    /// filter.
    pub folded_names: Haystack,
    /// The same names in Latin letters, as search keys ([`search_key`] of the romanised
    /// name), for a filter typed in Latin.
    pub roman_names: Haystack,
    /// Each entity's kind, for the directory's headings: read from the entities themselves,
    /// a cache miss a row, the directory's 128,000 rows at 100,000 articles took 3.4 ms
    /// rather than 2.8.
    pub kinds: Vec<Kind>,
    /// The events of [`Library::timeline`] with a date (not durations, sets or unresolved
    /// expressions), in date order: the folder timeline.
    pub dated: Vec<EventId>,
    /// The folder timeline's dated events per period, for the chart at its top.
    pub dated_chart: Option<Histogram>,
    /// The events of [`Library::timeline`] each entity takes part in, in timeline order
    /// (what its page lists; scanning the folder's timeline per page is too slow at 100k).
    pub events_of: Vec<Box<[EventId]>>,
}

impl Folder {
    /// The library with what the reader's pages look up in it, made on the library's
    /// thread: for 100k articles this is too much work for a frame.
    pub fn new(library: Library) -> Folder {
        // Each entity's name and aliases, written as `form` writes them, one per line.
        let names = |form: fn(&str) -> String| {
            Haystack::new(library.entities.iter().map(|e| {
                let forms: Vec<String> = std::iter::once(&e.name)
                    .chain(&e.aliases)
                    .map(|n| form(n))
                    .collect();
                forms.join("\n")
            }))
        };
        let folded_names = names(fold);
        let roman_names = names(|n| search_key(&romanize(n, Default::default())).0);
        let kinds = library.entities.iter().map(|e| e.kind).collect();
        let dated: Vec<EventId> = library
            .timeline
            .iter()
            .enumerate()
            .filter(|(_, ev)| {
                library
                    .value(ev)
                    .is_some_and(|v| v.starts_with(|c: char| c.is_ascii_digit()))
            })
            .map(|(i, _)| EventId::new(i))
            .collect();
        let dated_chart = (dated.len() >= CHART_MIN)
            .then(|| Histogram::of(dated.iter().filter_map(|&i| library.event_day(i))))
            .flatten();
        // Counted first, so each entity's list is allocated once at its size.
        let mut counts = vec![0usize; library.entities.len()];
        for event in &library.timeline {
            for entity in event.entities.iter() {
                if let Some(n) = counts.get_mut(entity.index()) {
                    *n += 1;
                }
            }
        }
        let mut events_of: Vec<Vec<EventId>> = counts.into_iter().map(Vec::with_capacity).collect();
        for (i, event) in library.timeline.iter().enumerate() {
            for entity in event.entities.iter() {
                if let Some(events) = events_of.get_mut(entity.index()) {
                    events.push(EventId::new(i));
                }
            }
        }
        let events_of = events_of.into_iter().map(Vec::into_boxed_slice).collect();
        Folder {
            library: std::sync::Arc::new(library),
            article_ids: Vec::new(),
            folded_names,
            roman_names,
            kinds,
            dated,
            dated_chart,
            events_of,
        }
    }

    /// The dated events a folder timeline page lists: all of them, or one name's.
    pub fn timeline_events(&self, entity: Option<EntityId>) -> std::borrow::Cow<'_, [EventId]> {
        let Some(entity) = entity else {
            return std::borrow::Cow::Borrowed(&self.dated);
        };
        let events = self
            .events_of
            .get(entity.index())
            .map_or(&[][..], |e| &e[..]);
        // Both in timeline order: the name's events that are dated. Most names' events all
        // are, and this is asked for each frame: borrowed then, copied only when some are not.
        let is_dated = |e: &EventId| self.dated.binary_search(e).is_ok();
        if events.iter().all(is_dated) {
            return std::borrow::Cow::Borrowed(events);
        }
        std::borrow::Cow::Owned(events.iter().copied().filter(is_dated).collect())
    }

    /// The reader's id of a library article.
    pub fn article_id(&self, library_article: ArticleId) -> Option<usize> {
        self.article_ids.get(library_article.index()).copied()
    }
}

/// A page in the reader's place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    Entity(EntityPage),
    Directory(Directory),
    Search(SearchPage),
    Timeline(TimelinePage),
}

/// The results of a folder search, loaded a page of the index's results at a time as the
/// selection nears the end of what is loaded, with copies of one story grouped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchPage {
    pub query: String,
    /// Which search this is (the reader's count of searches asked): tells its answers from
    /// another search's.
    pub search: u64,
    /// The results loaded so far, best first.
    pub hits: Vec<SearchHit>,
    /// The hits as rows: each group is one story and its copies ([`SearchHit::copy_key`]),
    /// as indices into `hits`, best first; a group is where its best hit ranks.
    pub groups: Vec<Vec<usize>>,
    /// Groups whose copies are listed under them (`c`), by index into `groups`.
    pub expanded: std::collections::BTreeSet<usize>,
    /// The index's results taken so far (some may be left out: see `left_out`): where the
    /// next page starts.
    pub fetched: usize,
    /// The articles the index says match, in all.
    pub total: usize,
    /// Results of articles the reader does not list (a file gone since it was indexed).
    pub left_out: usize,
    /// The start of the page asked for and not yet answered.
    pub asking: Option<usize>,
    pub selected: usize,
    pub offset: usize,
}

impl SearchPage {
    /// A search's page before its results arrive.
    pub fn new(query: String, search: u64) -> SearchPage {
        SearchPage {
            query,
            search,
            hits: Vec::new(),
            groups: Vec::new(),
            expanded: Default::default(),
            fetched: 0,
            total: 0,
            left_out: 0,
            asking: None,
            selected: 0,
            offset: 0,
        }
    }

    /// Adds a page of results: `hits` of the `taken` the index gave (the others are of
    /// articles the reader does not list), each grouped with the copies of its story
    /// already loaded; `total` is the index's count of matches.
    pub fn add(&mut self, hits: Vec<SearchHit>, taken: usize, total: usize) {
        self.left_out += taken.saturating_sub(hits.len());
        self.fetched += taken;
        // An index that now holds fewer results than were taken has no more to give.
        self.total = if taken == 0 {
            self.fetched
        } else {
            total.max(self.fetched)
        };
        let mut group_of: std::collections::HashMap<String, usize> = self
            .groups
            .iter()
            .enumerate()
            .filter_map(|(g, members)| {
                let key = &self.hits.get(*members.first()?)?.copy_key;
                (!key.is_empty()).then(|| (key.clone(), g))
            })
            .collect();
        for hit in hits {
            let index = self.hits.len();
            let group = match group_of.get(&hit.copy_key) {
                Some(&g) => g,
                None => {
                    let g = self.groups.len();
                    self.groups.push(Vec::new());
                    if !hit.copy_key.is_empty() {
                        group_of.insert(hit.copy_key.clone(), g);
                    }
                    g
                }
            };
            self.groups[group].push(index);
            self.hits.push(hit);
        }
    }

    /// Whether the index has results not loaded yet.
    pub fn more(&self) -> bool {
        self.fetched < self.total
    }

    /// The articles found, as the page counts them: the index's count without those left
    /// out.
    pub fn articles(&self) -> usize {
        self.total - self.left_out
    }

    /// The hit an item opens: a story's best article, or one of its copies.
    pub fn hit_of(&self, item: Item) -> Option<&SearchHit> {
        let index = match item {
            Item::Hit(g) => *self.groups.get(g)?.first()?,
            Item::Copy(g, k) => *self.groups.get(g)?.get(k)?,
            _ => return None,
        };
        self.hits.get(index)
    }
}

/// One article a folder search found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchHit {
    /// The reader's article id.
    pub article: usize,
    pub title: String,
    /// The sentence that matched best, and the matched words in it (byte ranges).
    pub sentence: String,
    pub highlights: Vec<(usize, usize)>,
    /// What copies of one story share ([`copy_key`]); empty for an article with neither
    /// title nor text, which is nobody's copy.
    pub copy_key: String,
}

/// What makes two articles copies of one story: the same title and the same first
/// sentence once folded as search folds them (case, nukta, ँ/ं) with punctuation and
/// spacing ignored. A wire story run by two papers, or one file saved twice, is one story;
/// two days' reports under one headline differ in their first sentence (its date, its
/// figures) and are not. Empty when both are empty.
pub fn copy_key(title: &str, lead: &str) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    let words = |s: &str| fold(s).unicode_words().collect::<Vec<_>>().join(" ");
    let (title, lead) = (words(title), words(lead));
    if title.is_empty() && lead.is_empty() {
        return String::new();
    }
    format!("{title}\n{lead}")
}

impl SearchHit {
    /// The word to look for when the article is opened: the first matched word as the
    /// article writes it (a romanised query finds nothing in Devanagari text).
    pub fn find(&self, query: &str) -> String {
        self.highlights
            .first()
            .and_then(|&(s, e)| self.sentence.get(s..e))
            .unwrap_or(query)
            .to_string()
    }
}

/// The folder's timeline: every dated event, in date order. Each event takes two rows
/// (its date, then its line), after a two-row heading; `selected` indexes
/// [`Folder::dated`] and `offset` is the first visible row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimelinePage {
    pub selected: usize,
    pub offset: usize,
    /// Only this name's events (`T` on its page), else the whole folder's.
    pub entity: Option<EntityId>,
}

/// Rows above the folder timeline's first event.
pub const TIMELINE_HEADER_ROWS: usize = 2;

/// One entity's page, with its selected item and first visible row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityPage {
    pub entity: EntityId,
    pub selected: usize,
    pub offset: usize,
    /// The kind of names "appears with" lists (`K` goes round them); `None` for all.
    pub companions: Option<Kind>,
}

/// The people directory, with the filter typed so far.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Directory {
    pub filter: String,
    /// Whether keys type into the filter. A directory opened with `p` or typed into is;
    /// one returned to through the history is not, so that `Backspace` and `L` go on
    /// through the history (a letter no key uses starts typing again).
    pub typing: bool,
    pub selected: usize,
    pub offset: usize,
}

impl Page {
    pub fn selected(&self) -> usize {
        match self {
            Page::Entity(p) => p.selected,
            Page::Directory(p) => p.selected,
            Page::Search(p) => p.selected,
            Page::Timeline(p) => p.selected,
        }
    }

    pub fn offset(&self) -> usize {
        match self {
            Page::Entity(p) => p.offset,
            Page::Directory(p) => p.offset,
            Page::Search(p) => p.offset,
            Page::Timeline(p) => p.offset,
        }
    }

    pub fn set_position(&mut self, selected: usize, offset: usize) {
        match self {
            Page::Entity(p) => (p.selected, p.offset) = (selected, offset),
            Page::Directory(p) => (p.selected, p.offset) = (selected, offset),
            Page::Search(p) => (p.selected, p.offset) = (selected, offset),
            Page::Timeline(p) => (p.selected, p.offset) = (selected, offset),
        }
    }
}

/// What a selectable item of a page leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    /// One of the entity's articles: an index into its occurrences.
    Article(usize),
    /// An entity named in the same articles, with the number of articles shared.
    Companion(EntityId, usize),
    /// An event of the entity.
    Event(EventId),
    /// A directory entry.
    Entity(EntityId),
    /// A folder search result: a story, as an index into [`SearchPage::groups`].
    Hit(usize),
    /// One of a story's copies, listed under it when the story is expanded: (group, its
    /// place in the group, from 1).
    Copy(usize, usize),
}

/// What one row of a page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Blank,
    /// The entity's name and kind.
    Name,
    /// Its other forms.
    Aliases,
    /// Article and mention counts.
    Summary,
    /// A section heading with the number of items under it.
    Heading(&'static str, usize),
    /// An article's title and date.
    ArticleTitle(usize),
    /// The sentence around the article's first mention.
    ArticleSnippet(usize),
    /// The form the article names it by, and what joined that form to this name.
    ArticleJoin(usize),
    Companion(EntityId, usize),
    EventDate(EventId),
    EventText(EventId),
    /// The directory's filter line.
    Filter,
    /// A kind's heading in the directory.
    KindHeading(Kind),
    /// A directory entry.
    Entry(EntityId),
    /// A row of a chart's bars, from the top (0) to the bottom ([`CHART_ROWS`] - 1).
    ChartBars(usize),
    /// Under the bars: the first and last periods, and the busiest marked.
    ChartAxis,
    /// The busiest period in words.
    ChartNote,
    /// A line of explanation (no matches, no events).
    Note(&'static str),
    /// What a folder search looked for.
    SearchSummary,
    /// How many articles it found, how many are loaded, and in how many stories.
    SearchCounts,
    /// A search result's title, then its sentence (by group).
    HitTitle(usize),
    HitSentence(usize),
    /// A copy listed under its story: (group, place in the group).
    HitCopy(usize, usize),
}

/// One row of a page, and the item it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageLine {
    pub item: Option<usize>,
    pub kind: LineKind,
}

/// Charts are drawn for this many dated articles or events and more.
pub const CHART_MIN: usize = 8;

/// The rows of a chart's bars.
pub const CHART_ROWS: usize = 3;

/// The rows a chart takes on a page, bars to note.
const CHART: [LineKind; CHART_ROWS + 2] = [
    LineKind::ChartBars(0),
    LineKind::ChartBars(1),
    LineKind::ChartBars(2),
    LineKind::ChartAxis,
    LineKind::ChartNote,
];

/// A page's rows and items as last laid out, and what they were laid out for. `update`
/// keeps it current (see [`PageRows::key`]); moving over a page only reads it.
#[derive(Debug, Default)]
pub struct PageRows {
    pub key: Option<RowsKey>,
    pub lines: Vec<PageLine>,
    pub items: Vec<Item>,
    /// The page's chart: a name's articles per period.
    pub chart: Option<Histogram>,
}

/// What a page's rows depend on: the page's subject and the folder they were made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowsKey {
    Entity {
        entity: EntityId,
        companions: Option<Kind>,
        folder: u64,
    },
    Directory {
        filter: String,
        folder: u64,
    },
    Search {
        search: u64,
        hits: usize,
        expanded: Vec<usize>,
    },
    Timeline,
}

impl RowsKey {
    /// The key of `page`'s rows made from the folder of generation `folder`.
    pub fn of(page: &Page, folder: u64) -> RowsKey {
        match page {
            Page::Entity(p) => RowsKey::Entity {
                entity: p.entity,
                companions: p.companions,
                folder,
            },
            Page::Directory(d) => RowsKey::Directory {
                filter: d.filter.clone(),
                folder,
            },
            Page::Search(p) => RowsKey::Search {
                search: p.search,
                hits: p.hits.len(),
                expanded: p.expanded.iter().copied().collect(),
            },
            Page::Timeline(_) => RowsKey::Timeline,
        }
    }
}

impl PageRows {
    /// `page`'s rows from `folder` (of generation `generation`).
    pub fn new(folder: &Folder, page: &Page, generation: u64) -> PageRows {
        let mut rows = PageRows::default();
        rows.remake(folder, page, generation);
        rows
    }

    /// Made again for `page`, in the same buffers: at 100,000 articles the directory is
    /// 128,000 rows, and with memory fresh from the system each time, reopening it took
    /// 4.5 ms rather than 3.4.
    pub fn remake(&mut self, folder: &Folder, page: &Page, generation: u64) {
        let mut out = Lines {
            lines: std::mem::take(&mut self.lines),
            items: std::mem::take(&mut self.items),
        };
        out.lines.clear();
        out.items.clear();
        fill(folder, page, &mut out);
        self.lines = out.lines;
        self.items = out.items;
        self.chart = match page {
            Page::Entity(p) => entity_chart(folder, p.entity),
            Page::Timeline(_) => folder.dated_chart.clone(),
            Page::Directory(_) | Page::Search(_) => None,
        };
        self.key = Some(RowsKey::of(page, generation));
    }
}

/// A page's rows and its selectable items.
pub fn lines(folder: &Folder, page: &Page) -> (Vec<PageLine>, Vec<Item>) {
    let mut out = Lines::default();
    fill(folder, page, &mut out);
    (out.lines, out.items)
}

fn fill(folder: &Folder, page: &Page, out: &mut Lines) {
    match page {
        Page::Entity(p) => entity_lines(folder, p.entity, p.companions, out),
        Page::Directory(d) => directory_lines(folder, &d.filter, out),
        Page::Search(p) => search_lines(p, out),
        // Drawn and moved over by item, never as lines: it can hold a million events.
        Page::Timeline(_) => {}
    }
}

#[derive(Default)]
struct Lines {
    lines: Vec<PageLine>,
    items: Vec<Item>,
}

impl Lines {
    fn plain(&mut self, kind: LineKind) {
        self.lines.push(PageLine { item: None, kind });
    }

    /// Adds an item shown on `kinds` rows.
    fn item(&mut self, item: Item, kinds: &[LineKind]) {
        let index = self.items.len();
        self.items.push(item);
        for &kind in kinds {
            self.lines.push(PageLine {
                item: Some(index),
                kind,
            });
        }
    }
}

/// A name's articles per week, month or year, by the articles' dates (undated ones are
/// left out); `None` when fewer than [`CHART_MIN`] are dated: a list that short is read at a
/// glance.
fn entity_chart(folder: &Folder, entity: EntityId) -> Option<Histogram> {
    let library = &folder.library;
    let e = library.entity(entity)?;
    let dates: Vec<NaiveDate> = e
        .occurrences
        .iter()
        .filter_map(|o| library.article(o.article)?.date)
        .collect();
    (dates.len() >= CHART_MIN)
        .then(|| Histogram::of(dates))
        .flatten()
}

/// The rows above the folder timeline's events: its summary, and its chart when it has one.
pub fn timeline_header_rows(folder: &Folder, entity: Option<EntityId>) -> usize {
    if folder.dated_chart.is_some() && entity.is_none() {
        TIMELINE_HEADER_ROWS + CHART.len() + 1
    } else {
        TIMELINE_HEADER_ROWS
    }
}

/// The rows of the folder timeline's header, after its first (the summary): blank when
/// `None`.
pub fn timeline_header_row(
    folder: &Folder,
    entity: Option<EntityId>,
    r: usize,
) -> Option<LineKind> {
    folder.dated_chart.as_ref()?;
    if entity.is_some() {
        return None;
    }
    CHART.get(r.checked_sub(2)?).copied()
}

fn entity_lines(folder: &Folder, entity: EntityId, only: Option<Kind>, out: &mut Lines) {
    let library = &folder.library;
    let Some(e) = library.entity(entity) else {
        out.plain(LineKind::Note("This name is no longer in the folder."));
        return;
    };
    out.plain(LineKind::Name);
    if !e.aliases.is_empty() {
        out.plain(LineKind::Aliases);
    }
    out.plain(LineKind::Summary);
    if entity_chart(folder, entity).is_some() {
        out.plain(LineKind::Blank);
        for row in CHART {
            out.plain(row);
        }
    }
    out.plain(LineKind::Blank);
    out.plain(LineKind::Heading("articles", e.occurrences.len()));
    for o in 0..e.occurrences.len() {
        let rows: &[LineKind] = if e.joined_by(o).is_some() {
            &[
                LineKind::ArticleTitle(o),
                LineKind::ArticleSnippet(o),
                LineKind::ArticleJoin(o),
            ]
        } else {
            &[LineKind::ArticleTitle(o), LineKind::ArticleSnippet(o)]
        };
        out.item(Item::Article(o), rows);
    }
    // Every name it shares an article with, people first, each kind by articles shared;
    // or (`K`) one kind only.
    let mut companions = library.appears_with(entity, usize::MAX);
    if let Some(kind) = only {
        companions.retain(|&(other, _)| library.entity(other).is_some_and(|e| e.kind == kind));
    }
    out.plain(LineKind::Blank);
    out.plain(LineKind::Heading(
        match only {
            None => "appears with (K: one kind)",
            Some(Kind::Person) => "appears with · people (K: places)",
            Some(Kind::Place) => "appears with · places (K: organisations)",
            Some(Kind::Organization) => "appears with · organisations (K: all)",
        },
        companions.len(),
    ));
    if companions.is_empty() {
        out.plain(LineKind::Note(if only.is_some() {
            "None of this kind share its articles (K shows the next kind)."
        } else {
            "No other names share its articles."
        }));
    }
    for kind in [Kind::Person, Kind::Place, Kind::Organization] {
        let of_kind = companions
            .iter()
            .filter(|&&(other, _)| library.entity(other).is_some_and(|e| e.kind == kind));
        for (i, &(other, n)) in of_kind.enumerate() {
            if i == 0 {
                out.plain(LineKind::KindHeading(kind));
            }
            out.item(Item::Companion(other, n), &[LineKind::Companion(other, n)]);
        }
    }
    let events = folder
        .events_of
        .get(entity.index())
        .map_or(&[][..], |events| &events[..]);
    out.plain(LineKind::Blank);
    out.plain(LineKind::Heading("timeline", events.len()));
    if events.is_empty() {
        // Say why: undated articles cannot place their times on the calendar.
        let dated = e
            .occurrences
            .iter()
            .any(|o| library.article(o.article).is_some_and(|a| a.date.is_some()));
        out.plain(LineKind::Note(if dated {
            "No dated events name it."
        } else {
            "No dated events: its articles are undated, so the times they give (गुरुवार, \
             पिछले महीने) cannot be placed on the calendar."
        }));
    }
    for &i in events {
        out.item(
            Item::Event(i),
            &[LineKind::EventDate(i), LineKind::EventText(i)],
        );
    }
}

fn directory_lines(folder: &Folder, filter: &str, out: &mut Lines) {
    out.plain(LineKind::Filter);
    out.plain(LineKind::Blank);
    let query = fold(filter.trim());
    // Typed in Latin letters (ISO 15919 or a plain spelling: gandhi, gāṁdhī), the filter
    // matches the names as the romanised view shows them.
    let latin = !has_devanagari(&query) && query.chars().any(char::is_alphabetic);
    let roman = latin.then(|| search_key(&query).0);
    let matching = match &roman {
        Some(roman) => folder.roman_names.holding(roman),
        None => folder.folded_names.holding(&query),
    };
    // One row an entry, and two a kind (its heading and the blank above): reserved at once,
    // as at 100,000 articles the whole directory is 128,000 rows.
    out.items.reserve(matching.len());
    out.lines.reserve(matching.len() + 2 * Kind::ALL.len() + 1);
    let mut last_kind = None;
    for i in matching {
        let Some(&kind) = folder.kinds.get(i) else {
            continue;
        };
        let i = EntityId::new(i);
        if last_kind != Some(kind) {
            if last_kind.is_some() {
                out.plain(LineKind::Blank);
            }
            out.plain(LineKind::KindHeading(kind));
            last_kind = Some(kind);
        }
        out.item(Item::Entity(i), &[LineKind::Entry(i)]);
    }
    if out.items.is_empty() {
        out.plain(LineKind::Note("No names match."));
    }
}

fn search_lines(page: &SearchPage, out: &mut Lines) {
    out.plain(LineKind::SearchSummary);
    out.plain(LineKind::SearchCounts);
    out.plain(LineKind::Blank);
    for (g, members) in page.groups.iter().enumerate() {
        out.item(
            Item::Hit(g),
            &[LineKind::HitTitle(g), LineKind::HitSentence(g)],
        );
        if page.expanded.contains(&g) {
            for k in 1..members.len() {
                out.item(Item::Copy(g, k), &[LineKind::HitCopy(g, k)]);
            }
        }
    }
    if page.hits.is_empty() && !page.more() {
        out.plain(LineKind::Note(
            "No article matches. Try fewer words, or another spelling.",
        ));
    }
}

/// The first and last row of an item.
pub fn item_rows(lines: &[PageLine], item: usize) -> Option<(usize, usize)> {
    let first = lines.iter().position(|l| l.item == Some(item))?;
    let last = lines.iter().rposition(|l| l.item == Some(item))?;
    Some((first, last))
}

/// The sentence of `article` (with its text) around the body range `start..end`, with the
/// range's place in it.
pub fn sentence_around(article: &Article, start: usize, end: usize) -> Sentence {
    let starts = article.paragraph_starts();
    let para = starts.partition_point(|&s| s <= start).saturating_sub(1);
    let (Some(text), Some(&base)) = (article.paragraphs.get(para), starts.get(para)) else {
        return Sentence::default();
    };
    let s = start.saturating_sub(base).min(text.len());
    let e = end.saturating_sub(base).clamp(s, text.len());
    if !text.is_char_boundary(s) || !text.is_char_boundary(e) {
        return Sentence {
            text: text.clone(),
            start: 0,
            end: 0,
        };
    }
    // A full stop between digits is a decimal point ("11.5 प्रतिशत"), not a sentence's end.
    let is_stop = |i: usize, c: char| {
        let digit = |x: Option<char>| x.is_some_and(|x| x.is_numeric());
        match c {
            '।' | '?' | '!' | '॥' => true,
            '.' => !(digit(text[..i].chars().next_back()) && digit(text[i + 1..].chars().next())),
            _ => false,
        }
    };
    let from = text[..s]
        .char_indices()
        .rev()
        .find(|&(i, c)| is_stop(i, c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let to = text[e..]
        .char_indices()
        .find(|&(i, c)| is_stop(e + i, c))
        .map_or(text.len(), |(i, c)| e + i + c.len_utf8());
    let sentence = text[from..to].trim_start();
    let from = to - sentence.len();
    Sentence {
        text: sentence.to_string(),
        start: s - from.min(s),
        end: e - from.min(s),
    }
}

/// A sentence as one line of at most `width` columns: cut before the mention (with `…`)
/// when the sentence opens too far before it, and at the end (with `…`) when too long.
pub fn snippet(sentence: &Sentence, width: usize) -> String {
    let text = sentence.text.as_str();
    let s = sentence.start.min(text.len());
    if !text.is_char_boundary(s) {
        return one_line(text, width);
    }
    let before = &text[..s];
    if str_width(before) <= width / 3 {
        return one_line(text, width);
    }
    // Keep the mention in the first third of the line.
    let keep_from = before
        .char_indices()
        .filter(|&(_, c)| c == ' ')
        .map(|(i, _)| i + 1)
        .find(|&i| str_width(&text[i..s]) <= width / 3)
        .unwrap_or(s);
    one_line(&format!("…{}", &text[keep_from..]), width)
}

/// `text` in at most `width` columns, ending in `…` when cut; never splits a cluster.
pub fn one_line(text: &str, width: usize) -> String {
    if str_width(text) <= width {
        return text.to_string();
    }
    let kept = truncate(text, width.saturating_sub(1));
    format!("{kept}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(paragraphs: &[&str]) -> Article {
        Article {
            paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
            ..Article::default()
        }
    }

    #[test]
    fn snippet_is_the_sentence_of_the_mention() {
        let a = article(&["पहला वाक्य। गडकरी ने बात कही। तीसरा वाक्य।", "दूसरा पैरा।"]);
        let body = a.body();
        let start = body.find("गडकरी").unwrap_or(0);
        let s = snippet(&sentence_around(&a, start, start + "गडकरी".len()), 80);
        assert_eq!(s, "गडकरी ने बात कही।");
    }

    #[test]
    fn snippet_fits_its_width_and_keeps_the_mention() {
        let long = "बहुत लंबा वाक्य जिसमें नाम बहुत देर बाद आता है और फिर गडकरी ने कहा कि सड़क जल्दी बनेगी और सब खुश होंगे";
        let a = article(&[long]);
        let start = long.find("गडकरी").unwrap_or(0);
        for width in [10, 20, 30, 50] {
            let s = snippet(&sentence_around(&a, start, start + "गडकरी".len()), width);
            assert!(str_width(&s) <= width, "{s:?} at {width}");
            if width >= 30 {
                assert!(s.contains("गडकरी"), "{s:?} at {width}");
            }
        }
    }

    #[test]
    fn a_decimal_point_does_not_end_the_sentence() {
        let a = article(&["पहला वाक्य. गडकरी ने कहा कि विकास दर 11.5 प्रतिशत रही. अगला."]);
        let body = a.body();
        let start = body.find("गडकरी").unwrap_or(0);
        let s = sentence_around(&a, start, start + "गडकरी".len());
        assert_eq!(s.text, "गडकरी ने कहा कि विकास दर 11.5 प्रतिशत रही.");
    }

    #[test]
    fn one_line_cuts_whole_clusters() {
        assert_eq!(one_line("स्त्री स्त्री", 13), "स्त्री स्त्री");
        let cut = one_line("स्त्री स्त्री", 7);
        assert!(str_width(&cut) <= 7);
        assert!(cut.ends_with('…'));
    }
}
