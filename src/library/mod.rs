//! The library: the folder as one body of news. Entities linked across articles (the same
//! name in two articles is one person; a surname alone links to the one full name it fits),
//! each entity's articles, companions and timeline, and the folder's timeline. [`Library`] is
//! pure, built from what extraction found in each article; [`cache`] and [`refresh`] are
//! where the library touches the disk.
//!
//! - [`link`]: which article-level names are one folder entity;
//! - [`cache`]: what each file gave, on disk, so an unchanged folder is not extracted again;
//! - [`refresh`]: scan, take from the cache, extract the rest, build (the one pipeline the
//!   reader and `khabar index` share);
//! - [`search`]: the folder's full-text index (tantivy), folded and romanised;
//! - [`report`]: the JSON `khabar index` prints.

pub mod cache;
pub mod histogram;
mod link;
pub mod refresh;
pub mod report;
pub mod search;

#[cfg(test)]
mod tests;

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::article::Article;
use crate::extract::time::{TimelineEntry, calendar_start, chronological_key};
use crate::extract::{Entity, Extractor, Kind, Mention};

pub use link::Evidence;
use link::{Key, Named, key_of};

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
        let mut found = extractor.extract(article, ref_date);
        for mention in found
            .entities
            .iter_mut()
            .flat_map(|e| e.mentions.iter_mut())
        {
            mention.text = String::new();
        }
        ArticleFacts {
            path: article.key(),
            title: article.title.clone(),
            date: article.date.map(|d| d.date),
            entities: found.entities,
            // Durations, sets and unresolved references are a third of all entries: not
            // storing them makes the cache smaller and a reopen faster.
            timeline: found
                .timeline
                .into_iter()
                .filter(|e| calendar_start(e).is_some())
                .collect(),
        }
    }
}

/// An article of the library, without its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleInfo {
    pub path: String,
    pub title: String,
    pub date: Option<NaiveDate>,
}

/// One article's mentions of a folder entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    /// Index into [`Library::articles`].
    pub article: usize,
    /// Where in that article's body, in order. Empty for a place named only in the
    /// dateline.
    pub mentions: Vec<Span>,
    /// When the article names the entity only by another form (a surname), that form and
    /// the evidence that joined it.
    pub joined_by: Option<(String, Evidence)>,
}

/// Where a mention is in an article's body, as byte offsets. Its text is the body's: a
/// folder of 100,000 articles has millions of mentions, so the library keeps only this.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn of(mention: &Mention) -> Span {
        Span {
            start: mention.start,
            end: mention.end,
        }
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
}

/// One entry of the folder timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderEvent {
    /// Index into [`Library::articles`].
    pub article: usize,
    pub entry: TimelineEntry,
    /// The folder entities its clause mentions (indices into [`Library::entities`]).
    pub entities: Vec<usize>,
}

/// Every article's entities linked into folder entities, and all timelines in one.
#[derive(Debug, Clone, Default)]
pub struct Library {
    pub articles: Vec<ArticleInfo>,
    /// People, then places, then organisations; within a kind by number of articles, then
    /// mentions, then name.
    pub entities: Vec<FolderEntity>,
    /// All articles' dated timeline entries (those with a place on the calendar), by
    /// value; ties by article date, path and position.
    pub timeline: Vec<FolderEvent>,
    /// Folded name of every article-level entity → its folder entity.
    by_name: HashMap<Key, usize>,
    /// Folded alias → its folder entity, `None` when it belongs to several.
    by_alias: HashMap<Key, Option<usize>>,
    /// For each article, the folder entities it names.
    article_entities: Vec<Vec<usize>>,
}

impl Library {
    /// Links the entities of `articles` and merges their timelines. The result does not
    /// depend on the order of `articles`.
    pub fn build(mut articles: Vec<ArticleFacts>) -> Library {
        articles.sort_by(|a, b| a.path.cmp(&b.path));
        // Keying names (folding, the lists' canonical names) is most of the work: do it
        // once per distinct name as written, in parallel (a folder of 100,000 articles
        // names a million entities, but only some tens of thousands of distinct names).
        let mut written: HashMap<(Kind, &str), u32> = HashMap::new();
        let mut names: Vec<(Kind, &str)> = Vec::new();
        let article_names: Vec<Vec<u32>> = articles
            .iter()
            .map(|a| {
                a.entities
                    .iter()
                    .map(|e| {
                        *written.entry((e.kind, e.name.as_str())).or_insert_with(|| {
                            names.push((e.kind, e.name.as_str()));
                            names.len() as u32 - 1
                        })
                    })
                    .collect()
            })
            .collect();
        drop(written);
        let name_keys: Vec<Key> = {
            use rayon::prelude::*;
            names
                .par_iter()
                .map(|&(kind, name)| key_of(name, kind))
                .collect()
        };
        drop(names);
        // Number the distinct keys.
        let mut keys: Vec<Key> = Vec::new();
        let mut numbers: HashMap<&Key, u32> = HashMap::new();
        let key_number: Vec<u32> = name_keys
            .iter()
            .map(|key| {
                *numbers.entry(key).or_insert_with(|| {
                    keys.push(key.clone());
                    keys.len() as u32 - 1
                })
            })
            .collect();
        drop(numbers);
        let article_keys: Vec<Vec<u32>> = article_names
            .into_iter()
            .map(|ids| ids.into_iter().map(|n| key_number[n as usize]).collect())
            .collect();
        drop(name_keys);
        let named: Vec<Vec<Named>> = articles
            .iter()
            .zip(&article_keys)
            .map(|(a, ids)| {
                a.entities
                    .iter()
                    .zip(ids)
                    .map(|(e, &key)| Named {
                        key,
                        titles: &e.titles,
                        mentions: e.mentions.len(),
                    })
                    .collect()
            })
            .collect();
        let links = link::link(&keys, &named);
        drop(named);

        // Gather each group's occurrences, spellings and aliases.
        let mut groups: Vec<Group> = (0..links.groups).map(|_| Group::default()).collect();
        let mut local_ids: Vec<Vec<usize>> = Vec::with_capacity(articles.len());
        let mut infos: Vec<ArticleInfo> = Vec::with_capacity(articles.len());
        // Sized up front: at 100,000 articles this is 650,000 events, and growing it by
        // doubling held the old and the new buffer at once, the reader's peak memory.
        let mut events: Vec<(usize, TimelineEntry, Vec<usize>)> =
            Vec::with_capacity(articles.iter().map(|a| a.timeline.len()).sum());
        let mut evidence = links.evidence.into_iter();
        for (a, (facts, ids)) in articles.into_iter().zip(article_keys).enumerate() {
            let mut names: Vec<(String, usize)> = Vec::with_capacity(facts.entities.len());
            let whys = evidence.next().unwrap_or_default();
            for (i, (entity, k)) in facts.entities.into_iter().zip(ids).enumerate() {
                let g = links.group_of[a][i];
                names.push((entity.name.clone(), g));
                let why = whys.get(i).cloned().flatten();
                groups[g].add(a, entity, links.canonical[g] == keys[k as usize], why);
            }
            // The folder timeline holds dated events only: durations, sets and unresolved
            // references stay in their article's timeline (at 100,000 articles they are a
            // third of a million entries no folder view shows).
            for entry in facts
                .timeline
                .into_iter()
                .filter(|e| calendar_start(e).is_some())
            {
                let mut named: Vec<usize> = Vec::new();
                for name in &entry.entities {
                    let g = names.iter().find(|(n, _)| n == name).map(|&(_, g)| g);
                    if let Some(g) = g.filter(|g| !named.contains(g)) {
                        named.push(g);
                    }
                }
                events.push((a, entry, named));
            }
            local_ids.push(names.into_iter().map(|(_, g)| g).collect());
            infos.push(ArticleInfo {
                path: facts.path,
                title: facts.title,
                date: facts.date,
            });
        }

        // Order the entities and renumber.
        let mut built: Vec<(usize, FolderEntity)> = groups
            .into_iter()
            .enumerate()
            .map(|(g, group)| (g, group.finish(links.canonical[g].0, &infos)))
            .collect();
        built.sort_by(|(_, a), (_, b)| {
            (a.kind, std::cmp::Reverse(a.occurrences.len()))
                .cmp(&(b.kind, std::cmp::Reverse(b.occurrences.len())))
                .then(b.mentions.cmp(&a.mentions))
                .then_with(|| a.name.cmp(&b.name))
        });
        let mut renumber = vec![0; built.len()];
        for (new, (old, _)) in built.iter().enumerate() {
            renumber[*old] = new;
        }
        let entities: Vec<FolderEntity> = built.into_iter().map(|(_, e)| e).collect();

        let by_name: HashMap<Key, usize> = keys
            .into_iter()
            .zip(&links.group_of_key)
            .map(|(key, &g)| (key, renumber[g]))
            .collect();
        let mut by_alias: HashMap<Key, Option<usize>> = HashMap::new();
        for (i, e) in entities.iter().enumerate() {
            for alias in &e.aliases {
                let key = key_of(alias, e.kind);
                if by_name.contains_key(&key) {
                    continue;
                }
                by_alias
                    .entry(key)
                    .and_modify(|owner| {
                        if *owner != Some(i) {
                            *owner = None;
                        }
                    })
                    .or_insert(Some(i));
            }
        }
        let article_entities: Vec<Vec<usize>> = local_ids
            .iter()
            .map(|ids| {
                let mut ids: Vec<usize> = ids.iter().map(|&g| renumber[g]).collect();
                ids.sort_unstable();
                ids.dedup();
                ids
            })
            .collect();

        let mut timeline: Vec<FolderEvent> = events
            .into_iter()
            .map(|(article, entry, mut named)| {
                for g in &mut named {
                    *g = renumber[*g];
                }
                FolderEvent {
                    article,
                    entry,
                    entities: named,
                }
            })
            .collect();
        // Collected in place from a vector sized for every entry, dated or not.
        timeline.shrink_to_fit();
        // Articles are numbered in path order, so the article index stands for the path.
        timeline.sort_by_cached_key(|e| {
            let date = infos[e.article].date;
            (
                chronological_key(&e.entry),
                (date.is_none(), date),
                e.article,
                e.entry.start,
            )
        });

        Library {
            articles: infos,
            entities,
            timeline,
            by_name,
            by_alias,
            article_entities,
        }
    }

    /// The folder entity a name (as some article writes it) belongs to, if any: by its
    /// folded form, else by an alias only one entity has.
    pub fn find(&self, name: &str, kind: Kind) -> Option<usize> {
        let key = key_of(name, kind);
        self.by_name
            .get(&key)
            .copied()
            .or_else(|| self.by_alias.get(&key).copied().flatten())
    }

    /// The articles that name `entity`, newest first, each with its mentions.
    pub fn articles_of(&self, entity: usize) -> &[Occurrence] {
        self.entities
            .get(entity)
            .map_or(&[], |e| e.occurrences.as_slice())
    }

    /// The entities named in the same articles as `entity`, with the number of articles
    /// they share, most shared first (then in the order of [`Library::entities`]); at most
    /// `limit`.
    pub fn appears_with(&self, entity: usize, limit: usize) -> Vec<(usize, usize)> {
        // A count per entity rather than a map: a name in a third of 100k articles meets
        // a million co-mentions, and a map spends milliseconds on them.
        let mut counts = vec![0u32; self.entities.len()];
        let mut met = Vec::new();
        for occurrence in self.articles_of(entity) {
            for &other in &self.article_entities[occurrence.article] {
                if other != entity
                    && let Some(n) = counts.get_mut(other)
                {
                    if *n == 0 {
                        met.push(other);
                    }
                    *n += 1;
                }
            }
        }
        let mut out: Vec<(usize, usize)> = met
            .into_iter()
            .map(|other| (other, counts[other] as usize))
            .collect();
        let order = |&(other, n): &(usize, usize)| (std::cmp::Reverse(n), other);
        if limit < out.len() {
            out.select_nth_unstable_by_key(limit, order);
            out.truncate(limit);
        }
        out.sort_by_key(order);
        out
    }

    /// The events `entity` takes part in (its name is in their clause), in timeline order.
    pub fn timeline_of(&self, entity: usize) -> Vec<&FolderEvent> {
        self.timeline
            .iter()
            .filter(|e| e.entities.contains(&entity))
            .collect()
    }
}

/// One folder entity while it is being gathered.
#[derive(Default)]
struct Group {
    occurrences: Vec<Occurrence>,
    /// Spellings of the full name, with the number of articles using each.
    spellings: Vec<(String, usize)>,
    /// Every other form, with the number of articles using each.
    others: Vec<(String, usize)>,
}

impl Group {
    fn add(&mut self, article: usize, entity: Entity, is_full_name: bool, why: Option<Evidence>) {
        let bump = |list: &mut Vec<(String, usize)>, s: &str| match list
            .iter_mut()
            .find(|(x, _)| x == s)
        {
            Some((_, n)) => *n += 1,
            None => list.push((s.to_string(), 1)),
        };
        if is_full_name {
            bump(&mut self.spellings, &entity.name);
        } else {
            bump(&mut self.others, &entity.name);
        }
        for alias in &entity.aliases {
            bump(&mut self.others, alias);
        }
        match self.occurrences.last_mut() {
            // Two names of one article linked into one entity (a dateline's दिल्ली and the
            // body's नई दिल्ली).
            Some(last) if last.article == article => {
                last.mentions.extend(entity.mentions.iter().map(Span::of));
                last.mentions.sort_by_key(|m| m.start);
            }
            _ => self.occurrences.push(Occurrence {
                article,
                mentions: entity.mentions.iter().map(Span::of).collect(),
                joined_by: why.map(|w| (entity.name.clone(), w)),
            }),
        }
    }

    fn finish(self, kind: Kind, articles: &[ArticleInfo]) -> FolderEntity {
        let most_common = |list: &mut Vec<(String, usize)>| {
            list.sort_by(|(a, n), (b, m)| m.cmp(n).then_with(|| a.cmp(b)));
        };
        let mut spellings = self.spellings;
        most_common(&mut spellings);
        let mut others = self.others;
        most_common(&mut others);
        let name = spellings
            .first()
            .or(others.first())
            .map(|(s, _)| s.clone())
            .unwrap_or_default();
        let mut aliases: Vec<String> = Vec::new();
        for (s, _) in spellings.iter().chain(&others) {
            if *s != name && !aliases.contains(s) {
                aliases.push(s.clone());
            }
        }
        let mut occurrences = self.occurrences;
        occurrences.sort_by(|a, b| {
            let (ia, ib) = (&articles[a.article], &articles[b.article]);
            (ib.date.is_some(), ib.date)
                .cmp(&(ia.date.is_some(), ia.date))
                .then_with(|| ia.path.cmp(&ib.path))
        });
        let mentions = occurrences.iter().map(|o| o.mentions.len()).sum();
        // Grown one article at a time: up to half of it would be slack, which at 100k
        // articles is tens of megabytes the reader holds for nothing.
        occurrences.shrink_to_fit();
        FolderEntity {
            name,
            kind,
            aliases,
            occurrences,
            mentions,
        }
    }
}
