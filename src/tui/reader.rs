//! The open article, as the reader pane shows it: its text in blocks (title, dateline,
//! paragraphs), laid out for the pane's width as written or in Latin letters, with the
//! names and dates found in it placed in those blocks, and the search in it.

use crate::article::Article;
use crate::extract::time::TimelineEntry;
use crate::extract::{Entity, Extractor, Kind};
use crate::library::opened::OpenedFacts;
use crate::library::{EntityId, Library};
use crate::text::Layout;
use crate::text::romanize::{Options as RomanOptions, Romanized, romanize_mapped};
use crate::text::width::Advance;
use crate::text::wrap::Measured;

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
    /// How the terminal advances over clusters, which the layout counts widths by.
    pub advance: Advance,
    /// What is shown, measured for [`Reader::advance`] once: a resize only chooses the
    /// breaks again. Empty until first laid out.
    pub measured: Vec<Measured>,
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
    pub folder_ids: Vec<Option<EntityId>>,
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
    pub folder_ids: Vec<Option<EntityId>>,
}

impl Facts {
    /// Finds the names and dates of `article` (the work of a background thread: tens of
    /// milliseconds on a long article).
    pub fn find(article: &Article, extractor: &Extractor) -> Facts {
        let found = extractor.extract(article, None);
        Facts::placed(article, found.entities, found.timeline)
    }

    /// The facts the cache holds of `article` (read from its file as they were extracted),
    /// linked to the folder's entities by what the library made of each of them. The
    /// mentions' text, which the cache leaves out, is taken from the article.
    pub fn cached(article: &Article, cached: OpenedFacts, library: Option<&Library>) -> Facts {
        let OpenedFacts { facts, timeline } = cached;
        let mut entities = facts.entities;
        let body = article.body();
        for mention in entities.iter_mut().flat_map(|e| e.mentions.iter_mut()) {
            mention.text = body
                .get(mention.start..mention.end)
                .unwrap_or_default()
                .to_string();
        }
        let mut placed = Facts::placed(article, entities, timeline);
        if let Some(library) = library {
            placed.folder_ids = relink(&placed.entities, library, &article.key());
        }
        placed
    }

    /// Entities and time expressions of `article` placed in the reader's blocks.
    fn placed(article: &Article, entities: Vec<Entity>, timeline: Vec<TimelineEntry>) -> Facts {
        let starts = article.paragraph_starts();
        let every_time = timeline
            .into_iter()
            .map(|t| {
                let span = body_to_block(&starts, t.start, t.end);
                (t, span)
            })
            .collect();
        let mentions = entities
            .iter()
            .map(|e| {
                e.mentions
                    .iter()
                    .map(|m| body_to_block(&starts, m.start, m.end))
                    .collect()
            })
            .collect();
        Facts {
            folder_ids: vec![None; entities.len()],
            entities,
            mentions,
            every_time,
        }
    }

    /// Links each entity to the folder's entity of its name.
    pub fn link(&mut self, library: &Library) {
        self.folder_ids = link(&self.entities, library);
    }
}

/// Each entity's entity in the folder's library: by the ids the library gave the article's
/// cached entities when it holds them unchanged, else by name.
pub fn relink(entities: &[Entity], library: &Library, key: &str) -> Vec<Option<EntityId>> {
    linked_by_id(entities, library, key).unwrap_or_else(|| link(entities, library))
}

/// Each entity's entity in the folder's library, as the library linked it when it was built
/// from the article's cached facts: `key` is the article's, and `entities` are its facts'
/// entities in their order. `None` when the library does not hold the article, or holds
/// another extraction of it (the file changed since it was built: some entity's name or kind
/// is not its folder entity's), and the names must be matched.
fn linked_by_id(
    entities: &[Entity],
    library: &Library,
    key: &str,
) -> Option<Vec<Option<EntityId>>> {
    let links = library.links_of(library.article_of(key)?);
    if links.len() != entities.len() {
        return None;
    }
    entities
        .iter()
        .zip(links)
        .map(|(e, &id)| {
            let folder = library.entity(id)?;
            let same = folder.kind == e.kind
                && (folder.name == e.name || folder.aliases.contains(&e.name));
            same.then_some(Some(id))
        })
        .collect()
}

/// Each entity's entity in the folder's library, by its name (for an article extracted on
/// opening, which the library may hold another extraction of).
pub fn link(entities: &[Entity], library: &Library) -> Vec<Option<EntityId>> {
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
    // What the file says of it besides: its tags and where it was published.
    let tags = (!a.tags.is_empty()).then(|| format!("tags: {}", a.tags.join(", ")));
    // A feed item that holds only its summary says so, and where the rest is.
    let summary = a
        .warnings
        .iter()
        .any(|w| w == crate::article::feed::SUMMARY_NOTE)
        .then(|| "only the feed's summary: O opens the whole article".to_string());
    [
        summary,
        place,
        date,
        reporter,
        agency,
        a.source.clone(),
        tags,
        a.url.clone(),
    ]
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
            advance: Advance::default(),
            measured: Vec::new(),
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
    /// at the top of the view. The text is romanised and measured again only when the
    /// script shown changes.
    pub fn relayout(&mut self, width: usize, romanized: bool) {
        let anchor = self.anchor_of(self.scroll);
        if romanized != self.roman.is_some() || self.measured.len() != self.blocks.len() {
            self.roman = romanized.then(|| {
                self.blocks
                    .iter()
                    .map(|b| romanize_mapped(b, RomanOptions::default()))
                    .collect()
            });
            self.measured = (0..self.blocks.len())
                .map(|b| Measured::new(self.shown(b), self.advance))
                .collect();
        }
        self.layout = match &self.roman {
            Some(roman) => {
                let shown: Vec<&str> = roman.iter().map(Romanized::as_str).collect();
                Layout::measured(&shown, &self.measured, width)
            }
            None => Layout::measured(&self.blocks, &self.measured, width),
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
    fn the_dateline_line_says_a_feed_item_is_only_its_summary() {
        let mut article = Article {
            url: Some("https://example.in/khabar".into()),
            ..Article::default()
        };
        assert!(!dateline_line(&article).contains("summary"));
        article
            .warnings
            .push(crate::article::feed::SUMMARY_NOTE.to_string());
        let line = dateline_line(&article);
        assert!(
            line.starts_with("only the feed's summary: O opens the whole article"),
            "{line}"
        );
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
