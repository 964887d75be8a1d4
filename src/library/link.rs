//! Linking across articles: which article-level entities are one folder entity.
//!
//! Names are compared folded (ज़/ज, ँ/ं, ZWJ and case folded away), word by word. The same
//! folded name of the same kind is one entity. A short form an article uses alone (पुतिन, or
//! अमेरिका for a place) joins the full name it fits — a person's first or last words, a
//! place's or organisation's last words — when the folder holds exactly one such full name;
//! with two or more it stays on its own. A place or organisation also stays on its own when
//! more articles name it alone than name the full form: भारत in forty articles is India,
//! not the उत्तर भारत of one, and मुंबई is not नवी मुंबई. (A person's surname is not held back
//! this way: forty articles saying पुतिन still mean व्लादिमीर पुतिन.)

use std::collections::{BTreeSet, HashMap};

use crate::extract::Kind;
use crate::extract::entities::NOT_A_SHORT_NAME;
use crate::text::fold::fold;

/// An entity's identity across articles: its kind and folded name, words separated by one
/// space.
pub(super) type Key = (Kind, String);

pub(super) fn key_of(name: &str, kind: Kind) -> Key {
    let folded = fold(name);
    (
        kind,
        folded.split_whitespace().collect::<Vec<_>>().join(" "),
    )
}

/// The folder entities: each article-level key's group, and each group's full name.
pub(super) struct Links {
    pub groups: usize,
    /// The group of each key, by its number in the `keys` given to [`link`].
    pub group_of: Vec<usize>,
    /// The key of each group's full name.
    pub canonical: Vec<Key>,
}

/// Links the entities of a folder: `keys` are the distinct keys, and `article_keys` each
/// article's entities' keys (numbers into `keys`), in the order of its entities.
pub(super) fn link(keys: &[Key], article_keys: &[Vec<u32>]) -> Links {
    // Each key, with the number of articles naming it.
    let mut naming = vec![0usize; keys.len()];
    let mut seen: Vec<u32> = Vec::new();
    for ids in article_keys {
        seen.clear();
        seen.extend(ids);
        seen.sort_unstable();
        seen.dedup();
        for &id in &seen {
            naming[id as usize] += 1;
        }
    }
    let counts: HashMap<&Key, usize> = keys.iter().zip(naming).collect();
    let articles_naming = |kind: Kind, name: &str| counts.get(&(kind, name.to_string())).copied();
    // In key order, so groups are numbered the same whatever order the keys came in.
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_unstable_by(|&a, &b| keys[a].cmp(&keys[b]));
    let sorted: Vec<&Key> = order.iter().map(|&i| &keys[i]).collect();

    // Every full name under each short form that would fit it.
    let mut fits: HashMap<(Kind, &str), BTreeSet<&str>> = HashMap::new();
    for (kind, name) in sorted.iter().copied() {
        for (b, _) in name.match_indices(' ') {
            fits.entry((*kind, &name[b + 1..]))
                .or_default()
                .insert(name);
            if *kind == Kind::Person {
                fits.entry((*kind, &name[..b])).or_default().insert(name);
            }
        }
    }

    // Each short form's full name, when exactly one fits.
    let mut parent: HashMap<&Key, Key> = HashMap::new();
    for key in sorted.iter().copied() {
        let (kind, name) = key;
        if !can_stand_for_a_longer_name(*kind, name) {
            continue;
        }
        if let Some(full) = fits.get(&(*kind, name.as_str()))
            && full.len() == 1
            && let Some(full) = full.first()
            && (*kind == Kind::Person
                || articles_naming(*kind, name) <= articles_naming(*kind, full))
        {
            parent.insert(key, (*kind, (*full).to_string()));
        }
    }
    let resolve = |key: &Key| -> Key {
        let mut at = key;
        // A full name has more words than its short form: the chain ends.
        while let Some(next) = parent.get(at) {
            at = next;
        }
        at.clone()
    };

    let mut group_of: Vec<usize> = vec![0; keys.len()];
    let mut canonical: Vec<Key> = Vec::new();
    let mut ids: HashMap<Key, usize> = HashMap::new();
    for &k in &order {
        let full = resolve(&keys[k]);
        let id = *ids.entry(full.clone()).or_insert_with(|| {
            canonical.push(full);
            canonical.len() - 1
        });
        group_of[k] = id;
    }
    Links {
        groups: canonical.len(),
        group_of,
        canonical,
    }
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
