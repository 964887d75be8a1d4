//! Linking across articles: which article-level entities are one folder entity, and why.
//!
//! Names are compared folded (ज़/ज, ँ/ं, ZWJ, case and the spellings [`name_fold`] joins:
//! मुम्बई/मुंबई), and through the hand-made lists' canonical names (यूपी is उत्तर प्रदेश,
//! डब्ल्यूएचओ is विश्व स्वास्थ्य संगठन).
//!
//! - The same full name of the same kind is one entity.
//! - A generic body (स्वास्थ्य विभाग, राज्य सरकार, जिला प्रशासन: a name of function words
//!   only, no place in it) is one entity only within its article: six states' health
//!   departments are not one.
//! - A person's short form standing alone in an article (पुतिन, मोदी) joins a full name
//!   only with evidence: among the full names it fits, exactly one is named with the same
//!   title (पीएम मोदी and प्रधानमंत्री नरेंद्र मोदी) or in an article sharing a name with this
//!   one (a person, place or organisation few articles name). A bare surname is no evidence
//!   by itself. A short form of two words or more (अफजल गुरु) is a name in itself and joins
//!   the one full name it fits.
//! - A place's or organisation's short form (अमेरिका for संयुक्त राज्य अमेरिका) joins the
//!   one full name it ends, unless more articles name it alone than the full name (भारत in
//!   forty articles is not the उत्तर भारत of one) or a modifier makes the full name another
//!   place (दिल्ली is not नई दिल्ली).
//! - Over all of these, the reader's own rules (`aliases.toml`, [`super::aliases`]): a
//!   name said to be another joins it, and two names said to differ never join.

use std::collections::{HashMap, HashSet};

use super::aliases::AliasRules;
use crate::extract::Kind;
use crate::extract::gazetteer::Gazetteer;
use crate::extract::names::{DEMONYMS, NOT_A_SHORT_NAME, PLACE_MODIFIERS, modifier_differs};
use crate::text::fold::name_fold;

/// An entity's identity across articles: its kind and folded name, words separated by one
/// space.
pub(super) type Key = (Kind, String);

/// The key of a name: folded, and the lists' canonical name when they give one.
pub(super) fn key_of(name: &str, kind: Kind) -> Key {
    let gazetteer = Gazetteer::embedded();
    let folded = |name: &str| {
        name_fold(name)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let own = folded(name);
    // A generic body's name stays its own (मौसम विभाग is no one department), and a
    // canonical name that adds a modifier names another place (ग्रेटर नोएडा).
    // A person's one-word name is a short form whatever the lists say: it joins a full
    // name only with evidence (see [`link`]).
    if is_generic(gazetteer, kind, &own) || (kind == Kind::Person && !own.contains(' ')) {
        return (kind, own);
    }
    match gazetteer.canonical(name) {
        Some(c) if gazetteer.kind_of(c).is_none_or(|k| k == kind) => {
            let canonical = folded(c);
            if modifier_differs(&own, &canonical) {
                (kind, own)
            } else {
                (kind, canonical)
            }
        }
        _ => (kind, own),
    }
}

/// Why an article's entity was joined to a folder entity under another name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Evidence {
    /// A short form, and the title it shares with the full name (पीएम).
    Title(String),
    /// A short form, and a name its article shares with an article of the full name.
    NamedWith(String),
    /// A short form of two words or more that fits one full name only.
    LongerName,
    /// A place's or organisation's short form that fits one full name only.
    Tail,
    /// The reader's aliases file says so.
    Reader,
}

impl std::fmt::Display for Evidence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Evidence::Title(t) => write!(f, "same title: {t}"),
            Evidence::NamedWith(n) => write!(f, "named with {n}"),
            Evidence::LongerName => f.write_str("the only full name it fits"),
            Evidence::Tail => f.write_str("the only longer name it ends"),
            Evidence::Reader => f.write_str("your aliases.toml says so"),
        }
    }
}

/// What linking needs of one article's entity (12 bytes: at 100,000 articles there are
/// nearly two million, all held while linking, at the top of the library build's peak).
#[derive(Debug, Clone, Copy)]
pub(super) struct Named {
    /// Its number in the `keys` given to [`link`].
    pub key: u32,
    /// The titles written before its mentions (folded), as a number in the `titles` given
    /// to [`link`]; [`Named::NO_TITLES`] when there are none (most names).
    pub titles: u32,
    /// Its mentions in the body.
    pub mentions: u32,
}

impl Named {
    pub const NO_TITLES: u32 = u32::MAX;
}

/// The folder entities.
pub(super) struct Links {
    pub groups: usize,
    /// The group of each article's entities, in the order given.
    pub group_of: Vec<Box<[u32]>>,
    /// For each article, why some of its entities (by their place in the article) joined
    /// their group under another name; an entity not listed uses the group's own name.
    pub evidence: Vec<Box<[(u32, Evidence)]>>,
    /// The key of each group's full name (its number in the `keys` given to [`link`]).
    pub canonical: Vec<u32>,
    /// The group a key stands for when looked up by name: its own, else the one most of
    /// its articles joined.
    pub group_of_key: Vec<usize>,
}

/// Titles that mean the same office.
fn same_office(title: &str) -> &str {
    match title {
        "पीएम" | "प्रधानमंत्री" | "प्रधान" => {
            "प्रधानमंत्री"
        }
        "सीएम" | "मुख्यमंत्री" => "मुख्यमंत्री",
        "राष्ट्रपति" | "प्रेसिडेंट" => "राष्ट्रपति",
        t => t,
    }
}

/// Titles too common to tell two people apart.
const COMMON_TITLES: &[&str] = &["श्री", "श्रीमती", "डॉ.", "डॉ", "डा.", "नेता", "अधिकारी"];

/// Links the entities of a folder: `keys` are the distinct keys, and `articles` each
/// article's entities.
pub(super) fn link(
    keys: &[Key],
    articles: &[Box<[Named]>],
    titles: &[&[Box<str>]],
    rules: &AliasRules,
) -> Links {
    let titles_at =
        |n: &Named| -> &[Box<str>] { titles.get(n.titles as usize).copied().unwrap_or(&[]) };
    let gazetteer = Gazetteer::embedded();
    // The reader's rules, by key number: a name that is another, and pairs kept apart.
    let (same_as, apart) = reader_rules(keys, rules);
    let kept_apart = |a: usize, b: usize| apart.contains(&(a, b));
    let generic: Vec<bool> = keys
        .iter()
        .map(|(kind, name)| is_generic(gazetteer, *kind, name))
        .collect();
    // Articles naming each key.
    let mut naming: Vec<Vec<u32>> = vec![Vec::new(); keys.len()];
    for (a, named) in articles.iter().enumerate() {
        for n in named.iter() {
            let list = &mut naming[n.key as usize];
            if list.last() != Some(&(a as u32)) {
                list.push(a as u32);
            }
        }
    }

    // Every full name under each short form that would fit it, in key order.
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_unstable_by(|&a, &b| keys[a].cmp(&keys[b]));
    // (Lists rather than sets: most short forms fit one or two names, and a set's first
    // node is a hundred bytes; there are hundreds of thousands of short forms.)
    let mut fits: HashMap<(Kind, &str), Vec<u32>> = HashMap::new();
    for &k in &order {
        let (kind, name) = &keys[k];
        if generic[k] {
            continue;
        }
        for (b, _) in name.match_indices(' ') {
            let head = &name[..b];
            let modified = match kind {
                Kind::Place => head
                    .split(' ')
                    .any(|w| PLACE_MODIFIERS.contains(&w) || DEMONYMS.contains(&w)),
                Kind::Organization => head.split(' ').any(|w| DEMONYMS.contains(&w)),
                Kind::Person => false,
            };
            if !modified {
                fits.entry((*kind, &name[b + 1..]))
                    .or_default()
                    .push(k as u32);
            }
            if *kind == Kind::Person {
                fits.entry((*kind, head)).or_default().push(k as u32);
            }
        }
    }
    for list in fits.values_mut() {
        list.sort_unstable();
        list.dedup();
        list.shrink_to_fit();
    }
    let candidates = |k: usize| -> Vec<usize> {
        let (kind, name) = &keys[k];
        if generic[k] || !can_stand_for_a_longer_name(*kind, name) {
            return Vec::new();
        }
        fits.get(&(*kind, name.as_str()))
            .map(|s| {
                s.iter()
                    .map(|&f| f as usize)
                    .filter(|&f| !kept_apart(k, f))
                    .collect()
            })
            .unwrap_or_default()
    };

    // Titles each full name is written with, anywhere in the folder.
    let mut titles_of: HashMap<usize, HashSet<&str>> = HashMap::new();
    for named in articles {
        for n in named.iter() {
            for t in titles_at(n) {
                titles_of
                    .entry(n.key as usize)
                    .or_default()
                    .insert(same_office(t));
            }
        }
    }
    // A name is telling when few articles give it: sharing भारत says nothing.
    let telling_limit = (articles.len() / 20).max(3);
    let telling = |k: usize| !generic[k] && naming[k].len() <= telling_limit;

    // Keys that are places' and organisations' short forms, by the one full name they end.
    let mut tail_parent: HashMap<usize, usize> = HashMap::new();
    for &k in &order {
        let kind = keys[k].0;
        if kind == Kind::Person {
            continue;
        }
        // A country is never the short form of a longer place (कोलंबिया and ब्रिटिश
        // कोलंबिया, मैक्सिको and मैक्सिको शहर).
        let country = kind == Kind::Place && gazetteer.is_country(&keys[k].1);
        if let [full] = candidates(k)[..]
            && naming[k].len() <= naming[full].len()
            && !country
        {
            tail_parent.insert(k, full);
        }
    }
    let resolve_tail = |mut k: usize| {
        for _ in 0..4 {
            match tail_parent.get(&k) {
                Some(&p) => k = p,
                None => break,
            }
        }
        k
    };

    // The country each article is about: the one it names most (twice at least, and the
    // folder's own country not at all), else the folder's own — the country most articles
    // are about. A name on the list of India's places, in an article about another country
    // that never names India, is that country's place of the same name: Pakistan's पंजाब is
    // not India's.
    let country_of: Vec<Option<usize>> = articles
        .iter()
        .map(|named| {
            named
                .iter()
                .filter(|n| {
                    let (kind, name) = &keys[n.key as usize];
                    *kind == Kind::Place && gazetteer.is_country(name)
                })
                .max_by_key(|n| (n.mentions, std::cmp::Reverse(n.key)))
                .filter(|n| n.mentions >= 2)
                .map(|n| n.key as usize)
        })
        .collect();
    let mut votes: HashMap<usize, usize> = HashMap::new();
    for c in country_of.iter().flatten() {
        *votes.entry(*c).or_default() += 1;
    }
    let home = votes
        .iter()
        .max_by_key(|(c, n)| (**n, std::cmp::Reverse(**c)))
        .map(|(c, _)| *c);
    let abroad = |a: usize| -> Option<usize> {
        let c = country_of[a]?;
        if Some(c) == home {
            return None;
        }
        let mentions = |k: usize| {
            articles[a]
                .iter()
                .filter(|n| n.key as usize == k)
                .map(|n| n.mentions as usize)
                .sum::<usize>()
        };
        (home.is_none_or(|h| mentions(h) == 0)).then_some(c)
    };

    // Each article entity's group: a key number, (key, country) for a place or
    // organisation of an article about another country, or (article, key) for generic
    // bodies.
    // (Numbers of four bytes, and evidence boxed: a folder of 100,000 articles has nearly
    // two million article entities, and this is held for all of them at once.)
    #[derive(Clone, Copy, PartialEq, Eq, Hash)]
    enum Id {
        Key(u32),
        Abroad(u32, u32),
        Local(u32, u32),
    }
    let key = |k: usize| Id::Key(k as u32);
    // The telling names each full name is named with, and in how many articles; worked
    // out once per full name a short form may stand for.
    let companions_of = |full: usize, its: &[u32], articles: &[Box<[Named]>]| {
        let mut with: HashMap<usize, usize> = HashMap::new();
        for &b in its {
            for m in articles[b as usize].iter() {
                let o = m.key as usize;
                if o != full && telling(o) {
                    *with.entry(o).or_default() += 1;
                }
            }
        }
        with
    };
    let mut companions: HashMap<usize, HashMap<usize, usize>> = HashMap::new();
    let mut ids: Vec<Box<[Id]>> = Vec::with_capacity(articles.len());
    let mut evidence: Vec<Box<[(u32, Evidence)]>> = Vec::with_capacity(articles.len());
    for (a, named) in articles.iter().enumerate() {
        let here: HashSet<usize> = named.iter().map(|n| n.key as usize).collect();
        let mut out: Vec<(Id, Option<Box<Evidence>>)> = Vec::with_capacity(named.len());
        for n in named.iter() {
            let k = n.key as usize;
            if let Some(&to) = same_as.get(&k) {
                out.push((key(to), Some(Box::new(Evidence::Reader))));
                continue;
            }
            if generic[k] {
                out.push((Id::Local(a as u32, k as u32), None));
                continue;
            }
            let (kind, name) = &keys[k];
            if *kind != Kind::Person {
                let full = Some(resolve_tail(k))
                    .filter(|&f| !kept_apart(k, f))
                    .unwrap_or(k);
                let why = (full != k).then_some(Evidence::Tail);
                let id = match abroad(a) {
                    // The dateline's place (no mention in the body) is where the story
                    // was filed, not a place of the country it is about.
                    Some(c)
                        if *kind == Kind::Place
                            && n.mentions > 0
                            && gazetteer.is_indian_place(&keys[full].1) =>
                    {
                        Id::Abroad(full as u32, c as u32)
                    }
                    _ => key(full),
                };
                out.push((id, why.map(Box::new)));
                continue;
            }
            let found = candidates(k);
            if found.is_empty() {
                out.push((key(k), None));
                continue;
            }
            if name.contains(' ') {
                // A two-word name is a name: it joins the one full name it fits.
                match found[..] {
                    [full] => out.push((key(full), Some(Box::new(Evidence::LongerName)))),
                    _ => out.push((key(k), None)),
                }
                continue;
            }
            // A bare one-word name: only with a title or a telling companion in common.
            let my_titles: HashSet<&str> = titles_at(n)
                .iter()
                .map(|t| same_office(t))
                .filter(|t| !COMMON_TITLES.contains(t))
                .collect();
            // A shared title settles it; else a telling companion.
            let mut supported: Vec<(usize, Evidence)> = found
                .iter()
                .filter_map(|&full| {
                    let ts = titles_of.get(&full)?;
                    let t = my_titles.iter().find(|t| ts.contains(*t))?;
                    Some((full, Evidence::Title((*t).to_string())))
                })
                .collect();
            if supported.is_empty() {
                supported = found
                    .iter()
                    .filter_map(|&full| {
                        let with = companions
                            .entry(full)
                            .or_insert_with(|| companions_of(full, &naming[full], articles));
                        // Named with `full` in an article other than this one.
                        let own = usize::from(here.contains(&full));
                        let o = named
                            .iter()
                            .map(|m| m.key as usize)
                            .filter(|&o| o != full && o != k)
                            .find(|o| with.get(o).is_some_and(|&n| n > own))?;
                        Some((full, Evidence::NamedWith(keys[o].1.clone())))
                    })
                    .collect();
            }
            match supported.len() {
                1 => {
                    let (full, why) = supported.swap_remove(0);
                    out.push((key(full), Some(Box::new(why))));
                }
                _ => out.push((key(k), None)),
            }
        }
        evidence.push(
            out.iter_mut()
                .enumerate()
                .filter_map(|(i, (_, why))| Some((i as u32, *why.take()?)))
                .collect(),
        );
        ids.push(out.into_iter().map(|(id, _)| id).collect());
    }

    // Number the groups: keys in key order first, so numbering never depends on the order
    // articles came in, then articles' generic bodies.
    // (A key's group by its number; a map only for the few local and abroad bodies.)
    const NO_GROUP: u32 = u32::MAX;
    let mut key_group: Vec<u32> = vec![NO_GROUP; keys.len()];
    for id in ids.iter().flat_map(|row| row.iter()) {
        if let Id::Key(k) = *id {
            key_group[k as usize] = 0;
        }
    }
    let mut canonical: Vec<u32> = Vec::new();
    for &k in &order {
        if key_group[k] != NO_GROUP {
            key_group[k] = canonical.len() as u32;
            canonical.push(k as u32);
        }
    }
    let mut other_group: HashMap<Id, u32> = HashMap::new();
    for row in &ids {
        for id in row.iter() {
            if let Id::Local(_, k) | Id::Abroad(k, _) = *id
                && !other_group.contains_key(id)
            {
                other_group.insert(*id, canonical.len() as u32);
                canonical.push(k);
            }
        }
    }
    let group = |id: &Id| -> usize {
        match id {
            Id::Key(k) => key_group[*k as usize] as usize,
            other => other_group.get(other).copied().unwrap_or(0) as usize,
        }
    };
    let mut group_of_key: Vec<Option<usize>> = vec![None; keys.len()];
    // How many times each key joined each group not its own (few keys do).
    let mut joined: HashMap<(usize, usize), usize> = HashMap::new();
    for (row, named) in ids.iter().zip(articles) {
        for (id, n) in row.iter().zip(named.iter()) {
            let k = n.key as usize;
            let g = group(id);
            if *id == key(k) {
                group_of_key[k] = Some(g);
            } else {
                *joined.entry((k, g)).or_default() += 1;
            }
        }
    }
    let mut most_joined: HashMap<usize, (usize, std::cmp::Reverse<usize>)> = HashMap::new();
    for (&(k, g), &n) in &joined {
        let this = (n, std::cmp::Reverse(g));
        let best = most_joined.entry(k).or_insert(this);
        *best = (*best).max(this);
    }
    drop(joined);
    let group_of_key = group_of_key
        .into_iter()
        .enumerate()
        .map(|(k, own)| {
            own.or_else(|| most_joined.get(&k).map(|&(_, std::cmp::Reverse(g))| g))
                .unwrap_or(0)
        })
        .collect();
    let group_of = ids
        .into_iter()
        .map(|row| row.iter().map(|id| group(id) as u32).collect())
        .collect();
    Links {
        groups: canonical.len(),
        group_of,
        evidence,
        canonical,
        group_of_key,
    }
}

/// The reader's rules as key numbers: each name said to be another (of the same kind, both
/// named in the folder) with that other, and every pair said to differ, both ways round.
fn reader_rules(
    keys: &[Key],
    rules: &AliasRules,
) -> (HashMap<usize, usize>, HashSet<(usize, usize)>) {
    let mut same = HashMap::new();
    let mut apart = HashSet::new();
    if rules.is_empty() {
        return (same, apart);
    }
    let index: HashMap<&Key, usize> = keys.iter().enumerate().map(|(i, k)| (k, i)).collect();
    let find = |name: &str, kind: Kind| index.get(&key_of(name, kind)).copied();
    for kind in [Kind::Person, Kind::Place, Kind::Organization] {
        for (name, is) in &rules.same {
            if let (Some(a), Some(b)) = (find(name, kind), find(is, kind)) {
                same.insert(a, b);
            }
        }
        for (name, other) in &rules.different {
            if let (Some(a), Some(b)) = (find(name, kind), find(other, kind)) {
                apart.insert((a, b));
                apart.insert((b, a));
            }
        }
    }
    // A name said to be one it is also said to differ from: the difference wins.
    same.retain(|a, b| !apart.contains(&(*a, *b)));
    (same, apart)
}

/// Whether a name is a generic body's: an organisation (or a place) named by words of
/// function only (स्वास्थ्य विभाग, राज्य सरकार, जिला प्रशासन, सदर अस्पताल), with no place
/// or other name in it.
fn is_generic(gazetteer: &Gazetteer, kind: Kind, name: &str) -> bool {
    kind != Kind::Person && name.split(' ').all(|w| gazetteer.key_is_generic(w))
}

/// Whether a folded name alone may stand for a longer one: not a bare initial (पी.), not
/// one letter, not a word shared by many people's names (सिंह, कुमार).
fn can_stand_for_a_longer_name(kind: Kind, name: &str) -> bool {
    if name.contains(' ') {
        return true;
    }
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    letters > 1
        && !name.ends_with('.')
        && !(kind == Kind::Person && NOT_A_SHORT_NAME.contains(&name))
}
