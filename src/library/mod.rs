//! The library: the folder as one body of news. Entities linked across articles (the same
//! name in two articles is one person; a surname alone links to the one full name it fits),
//! each entity's articles, companions and timeline, and the folder's timeline. [`Library`] is
//! pure, built from what extraction found in each article; [`cache`] and [`refresh`] are
//! where the library touches the disk.
//!
//! - [`ids`]: the typed ids of articles, entities and events, and mention spans;
//! - [`build`]: the library put together an article at a time (so a folder's facts need
//!   not all be held at once);
//! - [`texts`]: the timeline's text, kept once;
//! - [`link`]: which article-level names are one folder entity;
//! - [`cache`]: what each file gave, on disk, so an unchanged folder is not extracted again;
//! - [`opened`]: one article's facts read back from the cache when the reader opens it;
//! - [`refresh`]: scan, take from the cache, extract the rest, build (the one pipeline the
//!   reader and `khabar index` share);
//! - [`search`]: the folder's full-text index (tantivy), folded and romanised;
//! - [`report`]: the JSON `khabar index` prints.

pub mod aliases;
mod build;
pub mod cache;
pub mod histogram;
mod ids;
mod link;
pub mod opened;
pub mod refresh;
pub mod report;
pub mod search;
mod texts;

#[cfg(test)]
mod tests;

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::article::Article;
use crate::extract::time::{TimelineEntry, TimexKind, calendar_start};
use crate::extract::{Entity, Extractor, Kind};

pub use build::LibraryBuilder;
pub use ids::{ArticleId, EntityId, EventId, Span};
pub use link::Evidence;
use link::{Key, key_of};
use texts::{TextRef, Texts};

/// What extraction found in one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleFacts {
    /// [`Article::key`]: the path, plus the line for `.jsonl` articles.
    pub path: String,
    pub title: String,
    pub date: Option<NaiveDate>,
    /// The article's entities; their mentions keep their offsets but not their text (the
    /// library never needs it, and at 100,000 articles it is hundreds of megabytes).
    pub entities: Vec<Entity>,
    /// The article's dated timeline entries (those with a place on the calendar), the
    /// only ones the folder timeline holds; an opened article's whole timeline is
    /// extracted again with its text.
    pub timeline: Vec<TimelineEntry>,
}

impl ArticleFacts {
    /// Extracts an article's entities and timeline; relative dates resolve against the
    /// article's own date, else `ref_date` (see [`crate::extract::reference_date`]).
    pub fn extract(
        article: &Article,
        extractor: &Extractor,
        ref_date: Option<NaiveDate>,
    ) -> ArticleFacts {
        ArticleFacts::extract_whole(article, extractor, ref_date).0
    }

    /// [`ArticleFacts::extract`], and the timeline entries it leaves out (durations, sets,
    /// unresolved references), in timeline order: with them the reader lists every time
    /// expression of an article opened from the cache (see [`cache::Cache::put`]).
    pub fn extract_whole(
        article: &Article,
        extractor: &Extractor,
        ref_date: Option<NaiveDate>,
    ) -> (ArticleFacts, Vec<TimelineEntry>) {
        let mut found = extractor.extract(article, ref_date);
        for mention in found
            .entities
            .iter_mut()
            .flat_map(|e| e.mentions.iter_mut())
        {
            mention.text = String::new();
        }
        // Durations, sets and unresolved references are a third of all entries: the library
        // does not hold them, and building it does not read them.
        let (timeline, rest) = found
            .timeline
            .into_iter()
            .partition(|e| calendar_start(e).is_some());
        let facts = ArticleFacts {
            path: article.key(),
            title: article.title.clone(),
            date: article.date.map(|d| d.date),
            entities: found.entities,
            timeline,
        };
        (facts, rest)
    }
}

/// An article of the library, without its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleInfo {
    pub path: String,
    pub title: String,
    pub date: Option<NaiveDate>,
}

/// One article's mentions of a folder entity (12 bytes, and no allocation of its own: a
/// folder of 100,000 articles has nearly two million). Its mentions are kept by its
/// entity: ask [`FolderEntity::mentions_of`]; the form that joined it, if any,
/// [`FolderEntity::joined_by`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    pub article: ArticleId,
    /// Where its mentions start in [`FolderEntity::spans`].
    first: u32,
    /// How many there are (none for a place named only in the dateline).
    count: u32,
}

impl Occurrence {
    /// How many times the article names the entity in its body.
    pub fn mention_count(&self) -> usize {
        self.count as usize
    }
}

/// One person, place or organisation across the folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderEntity {
    /// The full name, in its most common spelling.
    pub name: String,
    pub kind: Kind,
    /// Other forms written anywhere in the folder (short forms, other spellings), most
    /// common first.
    pub aliases: Vec<String>,
    /// The articles that name it, newest first (undated last, then by path).
    pub occurrences: Vec<Occurrence>,
    /// Mentions across all articles.
    pub mentions: usize,
    /// Every occurrence's mentions, one after another, in the order of `occurrences`.
    spans: Box<[Span]>,
    /// For the occurrences (by their place in `occurrences`, in order) whose article names
    /// the entity only by another form (a surname): that form and the evidence that
    /// joined it. Few have one.
    joined: Box<[(u32, (String, Evidence))]>,
}

impl FolderEntity {
    /// Where in its article's body `occurrence` (one of [`Self::occurrences`]) names the
    /// entity, in order. Empty for a place named only in the dateline.
    pub fn mentions_of(&self, occurrence: &Occurrence) -> &[Span] {
        ids::part(&self.spans, occurrence.first, occurrence.count)
    }

    /// When the article of the `index`th occurrence names the entity only by another form
    /// (a surname): that form and the evidence that joined it.
    pub fn joined_by(&self, index: usize) -> Option<&(String, Evidence)> {
        let found = self
            .joined
            .binary_search_by_key(&index, |(i, _)| *i as usize);
        found.ok().map(|at| &self.joined[at].1)
    }
}

/// One entry of the folder timeline. Its text (the expression, its value and the line of
/// its clause) is kept by the library, once for the folder: ask [`Library::value`],
/// [`Library::line`] or [`Library::entry`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderEvent {
    pub article: ArticleId,
    /// Where the expression is in its article's body.
    pub span: Span,
    pub kind: TimexKind,
    /// The folder entities its clause mentions.
    pub entities: Box<[EntityId]>,
    /// The expression as written.
    text: TextRef,
    /// Its TIMEX3-style value (`2025-03-21`), if any ([`TextRef::some`]).
    value: TextRef,
    /// Its modifier (START, APPROX…), if any.
    modifier: TextRef,
    /// The clause it anchors, as one line.
    line: TextRef,
}

/// Every article's entities linked into folder entities, and all timelines in one.
#[derive(Debug, Clone, Default)]
pub struct Library {
    /// By [`ArticleId`], in path order.
    pub articles: Vec<ArticleInfo>,
    /// By [`EntityId`]: people, then places, then organisations; within a kind by number
    /// of articles, then mentions, then name.
    pub entities: Vec<FolderEntity>,
    /// By [`EventId`]: all articles' dated timeline entries (those with a place on the
    /// calendar), by value; ties by article date, path and position.
    pub timeline: Vec<FolderEvent>,
    /// The timeline's text.
    texts: Texts,
    /// The article-level names each event's clause mentions, by [`EventId`], as extraction
    /// wrote them: only `khabar index` prints them, so only a library built for it keeps
    /// them (see [`LibraryBuilder::keep_event_names`]); empty otherwise.
    event_names: Vec<Box<[TextRef]>>,
    /// Folded name of every article-level entity → its folder entity.
    by_name: HashMap<Key, EntityId>,
    /// Folded alias → its folder entity, `None` when it belongs to several.
    by_alias: HashMap<Key, Option<EntityId>>,
    /// For each article, the folder entities it names, in order.
    article_entities: Vec<Box<[EntityId]>>,
    /// The folder entity each article-level entity became, article after article, in the
    /// order of each article's [`ArticleFacts::entities`] (see [`Library::links_of`]).
    entity_links: Vec<EntityId>,
    /// Where each article's links start in `entity_links` (one more than the articles).
    link_starts: Vec<u32>,
}

impl Library {
    /// Links the entities of `articles` and merges their timelines. The result does not
    /// depend on the order of `articles`. The events keep the names their clauses mention
    /// (see [`LibraryBuilder::keep_event_names`]).
    pub fn build(articles: Vec<ArticleFacts>) -> Library {
        let mut builder = LibraryBuilder::new().keep_event_names(true);
        for facts in articles {
            builder.add(facts);
        }
        builder.finish()
    }

    pub fn article(&self, id: ArticleId) -> Option<&ArticleInfo> {
        self.articles.get(id.index())
    }

    pub fn entity(&self, id: EntityId) -> Option<&FolderEntity> {
        self.entities.get(id.index())
    }

    pub fn event(&self, id: EventId) -> Option<&FolderEvent> {
        self.timeline.get(id.index())
    }

    /// The article of [`Library::articles`] whose [`Article::key`] is `key`.
    pub fn article_of(&self, key: &str) -> Option<ArticleId> {
        // Articles are in key order (see `build`).
        self.articles
            .binary_search_by(|a| a.path.as_str().cmp(key))
            .ok()
            .map(ArticleId::new)
    }

    /// The folder entity (an index into [`Library::entities`]) each of an article's
    /// entities became, in the order of the article's facts: how an article opened from the
    /// cache links its names, without matching them again.
    pub fn links_of(&self, article: ArticleId) -> &[EntityId] {
        let (Some(&start), Some(&end)) = (
            self.link_starts.get(article.index()),
            self.link_starts.get(article.index() + 1),
        ) else {
            return &[];
        };
        self.entity_links
            .get(start as usize..end as usize)
            .unwrap_or_default()
    }

    /// The folder entity a name (as some article writes it) belongs to, if any: by its
    /// folded form, else by an alias only one entity has.
    pub fn find(&self, name: &str, kind: Kind) -> Option<EntityId> {
        let key = key_of(name, kind);
        self.by_name
            .get(&key)
            .copied()
            .or_else(|| self.by_alias.get(&key).copied().flatten())
    }

    /// The articles that name `entity`, newest first, each with its mentions.
    pub fn articles_of(&self, entity: EntityId) -> &[Occurrence] {
        self.entity(entity)
            .map_or(&[], |e| e.occurrences.as_slice())
    }

    /// The entities named in the same articles as `entity`, with the number of articles
    /// they share, most shared first (then in the order of [`Library::entities`]); at most
    /// `limit`.
    pub fn appears_with(&self, entity: EntityId, limit: usize) -> Vec<(EntityId, usize)> {
        // A count per entity rather than a map: a name in a third of 100k articles meets
        // a million co-mentions, and a map spends milliseconds on them.
        let mut counts = vec![0u32; self.entities.len()];
        let mut met: Vec<EntityId> = Vec::new();
        for occurrence in self.articles_of(entity) {
            let named = self
                .article_entities
                .get(occurrence.article.index())
                .map_or(&[][..], |ids| &ids[..]);
            for &other in named {
                if other != entity
                    && let Some(n) = counts.get_mut(other.index())
                {
                    if *n == 0 {
                        met.push(other);
                    }
                    *n += 1;
                }
            }
        }
        let mut out: Vec<(EntityId, usize)> = met
            .into_iter()
            .map(|other| (other, counts[other.index()] as usize))
            .collect();
        let order = |&(other, n): &(EntityId, usize)| (std::cmp::Reverse(n), other);
        if limit < out.len() {
            out.select_nth_unstable_by_key(limit, order);
            out.truncate(limit);
        }
        out.sort_by_key(order);
        out
    }

    /// The events `entity` takes part in (its name is in their clause), in timeline order.
    pub fn timeline_of(&self, entity: EntityId) -> Vec<EventId> {
        self.timeline
            .iter()
            .enumerate()
            .filter(|(_, e)| e.entities.contains(&entity))
            .map(|(i, _)| EventId::new(i))
            .collect()
    }

    /// An event's TIMEX3-style value (`2025-03-21`, `2024-06`), if it has one.
    pub fn value(&self, event: &FolderEvent) -> Option<&str> {
        event.value.get().map(|v| self.texts.get(v))
    }

    /// Where an event starts on the calendar: (year, month, day, minute of the day); see
    /// [`crate::extract::time::calendar_start`].
    pub fn calendar_start(&self, event: &FolderEvent) -> Option<(i32, u32, u32, u32)> {
        let probe = TimelineEntry {
            text: String::new(),
            start: 0,
            end: 0,
            kind: event.kind,
            value: self.value(event).map(str::to_string),
            modifier: None,
            event: String::new(),
            entities: Vec::new(),
        };
        calendar_start(&probe)
    }

    /// The day an event starts on (its period's first day for a month or a year).
    pub fn event_day(&self, id: EventId) -> Option<NaiveDate> {
        let (y, m, d, _) = self.calendar_start(self.event(id)?)?;
        NaiveDate::from_ymd_opt(y, m, d)
    }

    /// The clause an event anchors, as one line.
    pub fn line(&self, event: &FolderEvent) -> &str {
        self.texts.get(event.line)
    }

    /// An event as a timeline entry of its article (what [`crate::extract::time`]'s
    /// display and the exports take). Its `entities` are the names its clause mentions as
    /// the article writes them when the library keeps them (see
    /// [`LibraryBuilder::keep_event_names`]), else empty.
    pub fn entry(&self, id: EventId) -> Option<TimelineEntry> {
        let event = self.event(id)?;
        let text = |t: TextRef| self.texts.get(t).to_string();
        Some(TimelineEntry {
            text: text(event.text),
            start: event.span.start(),
            end: event.span.end(),
            kind: event.kind,
            value: event.value.get().map(text),
            modifier: event.modifier.get().map(text),
            event: text(event.line),
            entities: self
                .event_names
                .get(id.index())
                .map(|names| names.iter().map(|&n| text(n)).collect())
                .unwrap_or_default(),
        })
    }
}
