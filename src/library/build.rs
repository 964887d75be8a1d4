//! Putting the [`Library`] together an article at a time: [`LibraryBuilder::add`] folds
//! one article's facts into a compact form (names numbered, mentions as spans, the
//! timeline's text stored once) and drops the rest, so a folder's facts are never all held
//! at once beside the library being made (at 100,000 articles that pair was the reader's
//! peak memory). [`LibraryBuilder::finish`] links the names and orders everything; the
//! result does not depend on the order articles came in.

use super::aliases::AliasRules;
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::extract::Kind;
use crate::extract::time::{TimelineEntry, TimexKind, calendar_start};

use super::ids::part;
use super::link::{self, Key, Named, key_of};
use super::texts::{TextRef, Texts};
use super::{
    ArticleFacts, ArticleId, ArticleInfo, EntityId, Evidence, FolderEntity, FolderEvent, Library,
    Occurrence, Span,
};

/// A library being put together.
#[derive(Debug, Default)]
pub struct LibraryBuilder {
    /// Keep the names each event's clause mentions (see [`Self::keep_event_names`]).
    keep_names: bool,
    /// Every name and alias as written, numbered.
    forms: Forms,
    /// The aliases and titles of the article entities that have any (few do).
    extras: Vec<Extra>,
    articles: Vec<Pending>,
    /// Dated events of every article, by the number of their article in `articles`.
    events: Vec<PendingEvent>,
    /// The names each event's clause mentions, every event's one after another (see
    /// [`PendingEvent::named`]).
    event_named: Vec<u32>,
    /// The names each event's clause mentions as written, by [`PendingEvent::seq`], when
    /// kept (see [`Self::keep_event_names`]).
    event_names: Vec<Box<[TextRef]>>,
    texts: Texts,
    /// Files whose facts came from the cache, with their articles in `articles`: kept
    /// only when [`Self::take_cached`] says they are the file's as it is now.
    cached: HashMap<PathBuf, Range<usize>>,
    /// The reader's merges and splits ([`super::aliases`]), applied when linking.
    aliases: AliasRules,
}

/// One article, folded.
#[derive(Debug)]
struct Pending {
    info: ArticleInfo,
    entities: Box<[PendingEntity]>,
    /// Its entities' mentions, one after another in the order of `entities` (one list
    /// per article rather than one per entity: a folder of 100,000 articles has nearly
    /// two million entities).
    spans: Box<[Span]>,
    /// Whether it is part of the library (an article of a cached file is not, until the
    /// scan finds the file unchanged).
    kept: bool,
}

/// One article-level entity, folded (20 bytes: a folder of 100,000 articles has nearly
/// two million).
#[derive(Debug)]
struct PendingEntity {
    kind: Kind,
    /// Its name, in [`LibraryBuilder::forms`].
    name: u32,
    /// Its aliases and titles, in [`LibraryBuilder::extras`]; [`NO_EXTRA`] when it has
    /// none.
    extra: u32,
    /// Where its mentions start in its article's [`Pending::spans`], and how many.
    first: u32,
    count: u32,
}

impl PendingEntity {
    fn mentions<'a>(&self, spans: &'a [Span]) -> &'a [Span] {
        part(spans, self.first, self.count)
    }
}

/// An article entity's other forms (in [`LibraryBuilder::forms`]) and titles.
#[derive(Debug, Default)]
struct Extra {
    aliases: Box<[u32]>,
    titles: Box<[Box<str>]>,
}

/// No aliases and no titles.
const NO_EXTRA: u32 = u32::MAX;

/// The extras of `entity`.
fn extra_of<'a>(extras: &'a [Extra], entity: &PendingEntity) -> Option<&'a Extra> {
    extras.get(entity.extra as usize)
}

/// One dated timeline entry, folded (80 bytes; aligned as a [`FolderEvent`] is, so the
/// timeline is collected from the pending events in place).
#[derive(Debug)]
#[repr(align(8))]
struct PendingEvent {
    /// Its article, in [`LibraryBuilder::articles`] (then in the library).
    article: u32,
    /// Its number in the order events were added.
    seq: u32,
    /// Where it starts on the calendar.
    when: (i32, u32, u32, u32),
    span: Span,
    kind: TimexKind,
    text: TextRef,
    /// [`TextRef::some`], as in [`FolderEvent`].
    value: TextRef,
    modifier: TextRef,
    line: TextRef,
    /// The article's entities its clause names (indices into its entities), as a range
    /// of [`LibraryBuilder::event_named`].
    named: (u32, u32),
}

/// Written forms, numbered in the order they are first met.
#[derive(Debug, Default)]
struct Forms {
    list: Vec<Box<str>>,
    numbers: HashMap<Box<str>, u32, rustc_hash::FxBuildHasher>,
}

impl Forms {
    fn number(&mut self, form: &str) -> u32 {
        if let Some(&n) = self.numbers.get(form) {
            return n;
        }
        let n = self.list.len() as u32;
        self.list.push(form.into());
        self.numbers.insert(form.into(), n);
        n
    }

    fn get(&self, n: u32) -> &str {
        self.list.get(n as usize).map_or("", |s| s)
    }
}

impl LibraryBuilder {
    pub fn new() -> LibraryBuilder {
        LibraryBuilder::default()
    }

    /// Whether events keep the names their clause mentions as the article writes them
    /// (what `khabar index` prints, and [`Library::entry`] gives back). The reader never
    /// shows them, and at 100,000 articles they are tens of megabytes, so by default they
    /// are dropped.
    pub fn keep_event_names(mut self, keep: bool) -> LibraryBuilder {
        self.keep_names = keep;
        self
    }

    /// The reader's rules of who is who, over linking's own.
    pub fn aliases(mut self, rules: AliasRules) -> LibraryBuilder {
        self.aliases = rules;
        self
    }

    /// Adds an article.
    pub fn add(&mut self, facts: ArticleFacts) {
        self.fold(facts, true);
    }

    /// Adds the facts the cache holds for `file`; they are part of the library only if
    /// [`Self::take_cached`] is called for the file. A file added twice keeps its latest.
    pub fn add_cached(&mut self, file: PathBuf, facts: Vec<ArticleFacts>) {
        let first = self.articles.len();
        for f in facts {
            self.fold(f, false);
        }
        let added = first..self.articles.len();
        if let Some(old) = self.cached.insert(file, added) {
            for article in &mut self.articles[old] {
                article.entities = Box::default();
                article.spans = Box::default();
            }
        }
    }

    /// Takes the cached facts of `file` into the library, its articles keyed by `keys` (as
    /// the file's record in the cache has them). False when the cache gave no facts for
    /// the file or facts for another number of articles: the file must be extracted again.
    pub fn take_cached(&mut self, file: &Path, keys: Vec<String>) -> bool {
        let Some(range) = self.cached.get(file) else {
            return false;
        };
        if range.len() != keys.len() {
            return false;
        }
        for (article, key) in self.articles[range.clone()].iter_mut().zip(keys) {
            article.info.path = key;
            article.kept = true;
        }
        true
    }

    /// Articles added and kept so far.
    pub fn len(&self) -> usize {
        self.articles.iter().filter(|a| a.kept).count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn fold(&mut self, facts: ArticleFacts, kept: bool) {
        let a = self.articles.len() as u32;
        let mut spans: Vec<Span> =
            Vec::with_capacity(facts.entities.iter().map(|e| e.mentions.len()).sum());
        let entities: Box<[PendingEntity]> = facts
            .entities
            .iter()
            .map(|e| {
                let extra = if e.aliases.is_empty() && e.titles.is_empty() {
                    NO_EXTRA
                } else {
                    self.extras.push(Extra {
                        aliases: e.aliases.iter().map(|s| self.forms.number(s)).collect(),
                        titles: e.titles.iter().map(|t| t.as_str().into()).collect(),
                    });
                    self.extras.len() as u32 - 1
                };
                PendingEntity {
                    kind: e.kind,
                    name: self.forms.number(&e.name),
                    extra,
                    first: u32::try_from(spans.len()).unwrap_or(u32::MAX),
                    count: {
                        spans.extend(e.mentions.iter().map(Span::of));
                        u32::try_from(e.mentions.len()).unwrap_or(u32::MAX)
                    },
                }
            })
            .collect();
        // The folder timeline holds dated events only: durations, sets and unresolved
        // references stay in their article's timeline (at 100,000 articles they are a
        // third of a million entries no folder view shows).
        for entry in &facts.timeline {
            let Some(when) = calendar_start(entry) else {
                continue;
            };
            let event = self.fold_event(a, when, entry, &facts);
            self.events.push(event);
        }
        self.articles.push(Pending {
            info: ArticleInfo {
                path: facts.path,
                title: facts.title,
                date: facts.date,
            },
            entities,
            spans: spans.into(),
            kept,
        });
    }

    fn fold_event(
        &mut self,
        article: u32,
        when: (i32, u32, u32, u32),
        entry: &TimelineEntry,
        facts: &ArticleFacts,
    ) -> PendingEvent {
        // A name of the clause is the article's first entity of that name.
        let first = self.event_named.len();
        for name in &entry.entities {
            let found = facts.entities.iter().position(|e| e.name == *name);
            if let Some(i) = found.map(|i| i as u32)
                && !self.event_named[first..].contains(&i)
            {
                self.event_named.push(i);
            }
        }
        let named = (
            u32::try_from(first).unwrap_or(u32::MAX),
            u32::try_from(self.event_named.len() - first).unwrap_or(0),
        );
        let texts = &mut self.texts;
        if self.keep_names {
            let names = entry.entities.iter().map(|n| texts.add(n)).collect();
            self.event_names.push(names);
        }
        PendingEvent {
            article,
            seq: self.events.len() as u32,
            when,
            span: Span::new(entry.start, entry.end),
            kind: entry.kind,
            text: texts.add(&entry.text),
            value: TextRef::some(entry.value.as_deref().map(|v| texts.add(v))),
            modifier: TextRef::some(entry.modifier.as_deref().map(|m| texts.add(m))),
            line: texts.add(&entry.event),
            named,
        }
    }

    /// Links the entities and orders everything.
    pub fn finish(self) -> Library {
        let LibraryBuilder {
            keep_names,
            forms,
            extras,
            mut articles,
            mut events,
            event_named,
            event_names: mut names_of,
            mut texts,
            cached,
            aliases,
        } = self;
        drop(cached);
        // No more text comes: what was seen (a map as large as the texts are many) goes
        // before linking, the build's peak.
        texts.seal();
        // Articles are numbered in path order.
        let mut order: Vec<u32> = (0..articles.len() as u32)
            .filter(|&a| articles[a as usize].kept)
            .collect();
        order.sort_by(|&a, &b| {
            articles[a as usize]
                .info
                .path
                .cmp(&articles[b as usize].info.path)
        });
        let mut number: Vec<Option<ArticleId>> = vec![None; articles.len()];
        for (n, &a) in order.iter().enumerate() {
            number[a as usize] = Some(ArticleId::new(n));
        }
        drop(order);
        // In place, in the same order (kept articles in the order they came, then a stable
        // sort by path): a second list of every article would be the build's peak.
        articles.retain(|a| a.kept);
        articles.sort_by(|a, b| a.info.path.cmp(&b.info.path));
        articles.shrink_to_fit();

        // Keying names (folding, the lists' canonical names) is most of the work: do it
        // once per distinct name as written, in parallel (a folder of 100,000 articles
        // names a million entities, but only some tens of thousands of distinct names).
        let mut written: HashMap<(Kind, u32), u32> = HashMap::new();
        let mut names: Vec<(Kind, u32)> = Vec::new();
        let article_names: Vec<Vec<u32>> = articles
            .iter()
            .map(|a| {
                a.entities
                    .iter()
                    .map(|e| {
                        *written.entry((e.kind, e.name)).or_insert_with(|| {
                            names.push((e.kind, e.name));
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
                .map(|&(kind, name)| key_of(forms.get(name), kind))
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
        drop(name_keys);
        // Titles by the number of their extra (few names have any).
        let titles: Vec<&[Box<str>]> = extras.iter().map(|x| &x.titles[..]).collect();
        // Each article's names by key (kept until the entities are gathered).
        let named: Vec<Box<[Named]>> = articles
            .iter()
            .zip(article_names)
            .map(|(a, ids)| {
                a.entities
                    .iter()
                    .zip(ids)
                    .map(|(e, n)| Named {
                        key: key_number[n as usize],
                        titles: if extra_of(&extras, e).is_some_and(|x| !x.titles.is_empty()) {
                            e.extra
                        } else {
                            Named::NO_TITLES
                        },
                        mentions: e.count,
                    })
                    .collect()
            })
            .collect();
        let links = link::link(&keys, &named, &titles, &aliases);
        drop(titles);
        drop(key_number);

        // Gather each group's occurrences, spellings and aliases.
        let mut groups: Vec<Group> = (0..links.groups).map(|_| Group::default()).collect();
        let mut local_ids: Vec<Box<[u32]>> = Vec::with_capacity(articles.len());
        let mut infos: Vec<ArticleInfo> = Vec::with_capacity(articles.len());
        let mut evidence = links.evidence.into_iter();
        for (a, (pending, ids)) in articles.into_iter().zip(named).enumerate() {
            let mut whys = evidence.next().unwrap_or_default().into_vec();
            let mut local = Vec::with_capacity(pending.entities.len());
            for (i, (entity, n)) in pending.entities.into_iter().zip(ids).enumerate() {
                let k = n.key;
                let g = links.group_of[a][i] as usize;
                local.push(g as u32);
                let why = whys
                    .iter()
                    .position(|(at, _)| *at as usize == i)
                    .map(|at| whys.swap_remove(at).1);
                let is_full_name = links.canonical[g] == k;
                groups[g].add(
                    ArticleId::new(a),
                    &entity,
                    entity.mentions(&pending.spans),
                    &extras,
                    is_full_name,
                    why,
                );
            }
            local_ids.push(local.into());
            // Made again here, one after another: the strings read from the cache sit
            // among the pending facts, which are freed now, and would keep their pages.
            let info = pending.info;
            infos.push(ArticleInfo {
                path: info.path.as_str().into(),
                title: info.title.as_str().into(),
                date: info.date,
            });
        }
        drop(links.group_of);

        // Order the entities and renumber.
        let mut built: Vec<(usize, FolderEntity)> = groups
            .into_iter()
            .enumerate()
            .map(|(g, group)| {
                (
                    g,
                    group.finish(keys[links.canonical[g] as usize].0, &infos, &forms),
                )
            })
            .collect();
        built.sort_by(|(_, a), (_, b)| {
            (a.kind, std::cmp::Reverse(a.occurrences.len()))
                .cmp(&(b.kind, std::cmp::Reverse(b.occurrences.len())))
                .then(b.mentions.cmp(&a.mentions))
                .then_with(|| a.name.cmp(&b.name))
        });
        let mut renumber = vec![EntityId::default(); built.len()];
        for (new, (old, _)) in built.iter().enumerate() {
            renumber[*old] = EntityId::new(new);
        }
        let entities: Vec<FolderEntity> = built.into_iter().map(|(_, e)| e).collect();

        let by_name: HashMap<Key, EntityId> = keys
            .into_iter()
            .zip(&links.group_of_key)
            .map(|(key, &g)| (key, renumber[g]))
            .collect();
        let mut by_alias: HashMap<Key, Option<EntityId>> = HashMap::new();
        for (i, e) in entities.iter().enumerate() {
            let i = EntityId::new(i);
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
        let mut link_starts: Vec<u32> = Vec::with_capacity(local_ids.len() + 1);
        link_starts.push(0);
        let mut entity_links: Vec<EntityId> =
            Vec::with_capacity(local_ids.iter().map(|ids| ids.len()).sum());
        for ids in &local_ids {
            entity_links.extend(ids.iter().map(|&g| renumber[g as usize]));
            link_starts.push(u32::try_from(entity_links.len()).unwrap_or(u32::MAX));
        }
        let article_entities: Vec<Box<[EntityId]>> = local_ids
            .iter()
            .map(|ids| {
                let mut ids: Vec<EntityId> = ids.iter().map(|&g| renumber[g as usize]).collect();
                ids.sort_unstable();
                ids.dedup();
                ids.into()
            })
            .collect();

        // The timeline: events of the library's articles, renumbered, in order. Articles
        // are numbered in path order, so the article's number stands for the path.
        events.retain_mut(|e| match number[e.article as usize] {
            Some(id) => {
                e.article = id.0;
                true
            }
            None => false,
        });
        drop(number);
        // In place (a stable sort would take a buffer of half the events): the order they
        // were added in breaks ties, as a stable sort would.
        events.sort_unstable_by_key(|e| {
            let date = infos[e.article as usize].date;
            (
                e.when,
                (date.is_none(), date),
                e.article,
                e.span.start,
                e.seq,
            )
        });
        let mut event_names: Vec<Box<[TextRef]>> = Vec::new();
        if keep_names {
            event_names.reserve_exact(events.len());
        }
        // Collected in place (a folder event is smaller than a pending one), then the
        // slack given back.
        let mut timeline: Vec<FolderEvent> = events
            .into_iter()
            .map(|e| {
                let article = ArticleId(e.article);
                let named = part(&event_named, e.named.0, e.named.1);
                let mut entities: Vec<EntityId> = Vec::with_capacity(named.len());
                if let Some(local) = local_ids.get(article.index()) {
                    for &i in named {
                        if let Some(&g) = local.get(i as usize) {
                            let id = renumber[g as usize];
                            if !entities.contains(&id) {
                                entities.push(id);
                            }
                        }
                    }
                }
                if keep_names {
                    let names = names_of.get_mut(e.seq as usize).map(std::mem::take);
                    event_names.push(names.unwrap_or_default());
                }
                FolderEvent {
                    article,
                    span: e.span,
                    kind: e.kind,
                    entities: entities.into(),
                    text: e.text,
                    value: e.value,
                    modifier: e.modifier,
                    line: e.line,
                }
            })
            .collect();
        timeline.shrink_to_fit();
        drop(names_of);
        drop(event_named);

        Library {
            articles: infos,
            entities,
            timeline,
            texts,
            event_names,
            by_name,
            by_alias,
            article_entities,
            entity_links,
            link_starts,
        }
    }
}

/// One folder entity while it is being gathered.
#[derive(Default)]
struct Group {
    /// Its articles, with their mentions in `spans`.
    occurrences: Vec<Occurrence>,
    /// The occurrences' mentions, one after another.
    spans: Vec<Span>,
    /// The occurrences (by their place in `occurrences`) whose article names the group by
    /// another form, with that form and the evidence that joined it (few do).
    joined: Vec<(u32, u32, Evidence)>,
    /// Spellings of the full name (numbers of forms), with the number of articles using
    /// each.
    spellings: Vec<(u32, usize)>,
    /// Every other form, with the number of articles using each.
    others: Vec<(u32, usize)>,
}

impl Group {
    fn add(
        &mut self,
        article: ArticleId,
        entity: &PendingEntity,
        mentions: &[Span],
        extras: &[Extra],
        is_full_name: bool,
        why: Option<Evidence>,
    ) {
        let bump =
            |list: &mut Vec<(u32, usize)>, s: u32| match list.iter_mut().find(|(x, _)| *x == s) {
                Some((_, n)) => *n += 1,
                None => list.push((s, 1)),
            };
        if is_full_name {
            bump(&mut self.spellings, entity.name);
        } else {
            bump(&mut self.others, entity.name);
        }
        for &alias in extra_of(extras, entity).map_or(&[][..], |x| &x.aliases) {
            bump(&mut self.others, alias);
        }
        let count = u32::try_from(mentions.len()).unwrap_or(u32::MAX);
        match self.occurrences.last_mut() {
            // Two names of one article linked into one entity (a dateline's दिल्ली and the
            // body's नई दिल्ली): the last occurrence's mentions are the last spans.
            Some(last) if last.article == article => {
                self.spans.extend_from_slice(mentions);
                let first = (last.first as usize).min(self.spans.len());
                self.spans[first..].sort_by_key(|m| m.start);
                last.count = last.count.saturating_add(count);
            }
            _ => {
                if let Some(why) = why {
                    let at = u32::try_from(self.occurrences.len()).unwrap_or(u32::MAX);
                    self.joined.push((at, entity.name, why));
                }
                self.occurrences.push(Occurrence {
                    article,
                    first: u32::try_from(self.spans.len()).unwrap_or(u32::MAX),
                    count,
                });
                self.spans.extend_from_slice(mentions);
            }
        }
    }

    fn finish(self, kind: Kind, articles: &[ArticleInfo], forms: &Forms) -> FolderEntity {
        let most_common = |list: &mut Vec<(u32, usize)>| {
            list.sort_by(|&(a, n), &(b, m)| m.cmp(&n).then_with(|| forms.get(a).cmp(forms.get(b))));
        };
        let mut spellings = self.spellings;
        most_common(&mut spellings);
        let mut others = self.others;
        most_common(&mut others);
        let name = spellings.first().or(others.first()).map(|&(s, _)| s);
        let mut aliases: Vec<u32> = Vec::new();
        for &(s, _) in spellings.iter().chain(&others) {
            if Some(s) != name && !aliases.contains(&s) {
                aliases.push(s);
            }
        }
        let gathered = self.occurrences;
        let mut order: Vec<u32> = (0..gathered.len() as u32).collect();
        order.sort_by(|&a, &b| {
            let article = |o: u32| &articles[gathered[o as usize].article.index()];
            let (ia, ib) = (article(a), article(b));
            (ib.date.is_some(), ib.date)
                .cmp(&(ia.date.is_some(), ia.date))
                .then_with(|| ia.path.cmp(&ib.path))
        });
        // The mentions in one list and the evidence in another, in the occurrences' order
        // and made to their size: the entities are kept for as long as the reader runs.
        let mentions = self.spans.len();
        let mut spans: Vec<Span> = Vec::with_capacity(mentions);
        let mut occurrences: Vec<Occurrence> = Vec::with_capacity(gathered.len());
        let mut place = vec![0u32; gathered.len()];
        for (i, &o) in order.iter().enumerate() {
            place[o as usize] = i as u32;
            let o = &gathered[o as usize];
            let theirs = part(&self.spans, o.first, o.count);
            occurrences.push(Occurrence {
                article: o.article,
                first: u32::try_from(spans.len()).unwrap_or(u32::MAX),
                count: o.count,
            });
            spans.extend_from_slice(theirs);
        }
        drop(gathered);
        let mut joined: Vec<(u32, (String, Evidence))> = self
            .joined
            .into_iter()
            .map(|(at, form, why)| (place[at as usize], (forms.get(form).to_string(), why)))
            .collect();
        joined.sort_by_key(|(at, _)| *at);
        FolderEntity {
            name: name.map(|n| forms.get(n).to_string()).unwrap_or_default(),
            kind,
            aliases: aliases.iter().map(|&a| forms.get(a).to_string()).collect(),
            occurrences,
            mentions,
            spans: spans.into(),
            joined: joined.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the build holds for every entity and event of a folder stays small, and the
    /// timeline can be collected from the pending events in place.
    #[test]
    fn pending_facts_are_compact() {
        assert!(std::mem::size_of::<PendingEntity>() <= 20);
        assert!(std::mem::size_of::<PendingEvent>() <= 80);
        assert_eq!(
            std::mem::align_of::<PendingEvent>(),
            std::mem::align_of::<FolderEvent>()
        );
        assert!(std::mem::size_of::<FolderEvent>() <= std::mem::size_of::<PendingEvent>());
    }
}
