//! Lists of known names (places, organisations, people) and of the cue words around names
//! (titles, postpositions, organisation heads), embedded from `assets/gazetteers` and matched
//! on folded text so that spelling variants (nukta, ँ/ं, ZWJ) compare equal.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use super::Kind;
use crate::text::fold::fold_cow;
use rustc_hash::FxHashSet;

/// The longest name, in tokens, that [`Gazetteer::longest_match`] looks for.
pub const MAX_NAME_TOKENS: usize = 8;

/// Characters that are tokens of their own inside a listed name (as the tokeniser does).
fn is_split_punct(c: char) -> bool {
    matches!(
        c,
        ',' | '(' | ')' | '"' | '“' | '”' | '‘' | '’' | '\'' | '!' | '?' | ';' | ':' | '।' | '/'
    )
}

/// Quote-like characters trimmed from the edges of a token before lookup (some corpora glue
/// quotes to words: `"अभियान`).
fn is_edge_punct(c: char) -> bool {
    matches!(
        c,
        '"' | '“' | '”' | '‘' | '’' | '\'' | '(' | ')' | '[' | ']' | ',' | '!' | '?' | ';' | ':'
    )
}

/// The lookup key of one token: folded, with quotes at its edges trimmed (a token that is all
/// punctuation is kept as it is).
pub fn token_key(token: &str) -> String {
    key_cow(token).into_owned()
}

/// [`token_key`], borrowed from `token` when folding and trimming change nothing (most words
/// of an article): the lookups below need no string of their own.
fn key_cow(token: &str) -> Cow<'_, str> {
    let trimmed = token.trim_matches(is_edge_punct);
    fold_cow(if trimmed.is_empty() { token } else { trimmed })
}

/// Splits a listed name into tokens the way article text is tokenised: on whitespace, with
/// brackets, quotes and commas as tokens of their own; hyphens and dots stay inside words.
fn name_tokens(name: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for word in name.split_whitespace() {
        let mut start = 0;
        for (i, c) in word.char_indices() {
            if is_split_punct(c) {
                if i > start {
                    out.push(&word[start..i]);
                }
                out.push(&word[i..i + c.len_utf8()]);
                start = i + c.len_utf8();
            }
        }
        if start < word.len() {
            out.push(&word[start..]);
        }
    }
    out
}

/// A fast 64-bit hash of a string, seeded (FxHash-style mixing, finished with a murmur
/// finaliser so the low bits are usable for open addressing).
pub(crate) fn hash_str(seed: u64, s: &str) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h = seed ^ (s.len() as u64).wrapping_mul(K);
    let mut chunks = s.as_bytes().chunks_exact(8);
    for chunk in &mut chunks {
        let mut buf = [0u8; 8];
        buf.copy_from_slice(chunk);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(buf)).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut buf = [0u8; 8];
        buf[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(buf)).wrapping_mul(K);
    }
    finish(h)
}

/// Murmur3's 64-bit finaliser.
pub(crate) fn finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// Hash of a sequence of token keys, extended one token at a time.
fn extend_seq(h: u64, key: &str) -> u64 {
    hash_str(h.rotate_left(17) ^ 0x9e37_79b9_7f4a_7c15, key)
}

const SEQ_SEED: u64 = 0x2545_f491_4f6c_dd1d;

/// A hasher for keys that are already hashes.
#[derive(Default)]
struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type HashedMap<V> = HashMap<u64, V, BuildHasherDefault<IdentityHasher>>;

/// The bit of `kind` in a kind mask.
pub fn kind_bit(kind: Kind) -> u8 {
    match kind {
        Kind::Person => 1,
        Kind::Place => 2,
        Kind::Organization => 4,
    }
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    /// The kind the most trusted list gives the name.
    kind: Kind,
    /// Every kind some list gives it.
    mask: u8,
    /// The kinds the hand-checked lists give it (all but the lists drawn from annotated
    /// text and election rolls), as [`kind_bit`]s.
    checked: u8,
    /// Index into `canonicals`, when the name is on a line with variants.
    canonical: Option<u32>,
}

/// Where a token sits inside the longest gazetteer match of one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// Not inside a match of this kind.
    Out,
    /// A one-token match.
    Single,
    /// First token of a longer match.
    Begin,
    /// Inside a longer match.
    Inside,
    /// Last token of a longer match.
    Last,
}

/// What [`Gazetteer::first_token`] knows of a token.
#[derive(Debug, Clone, Copy)]
pub struct FirstToken {
    /// The hash of the one-token sequence.
    hash: u64,
    /// The kinds of the one-token names it is, as [`kind_bit`]s.
    mask: u8,
    /// Whether some longer listed name starts with it.
    continues: bool,
}

/// Known names and cue words.
pub struct Gazetteer {
    names: HashedMap<Entry>,
    /// Hashes of every proper prefix (in tokens) of a listed name, to stop matching early.
    prefixes: HashedMap<()>,
    canonicals: Vec<String>,
    titles: FxHashSet<String>,
    postpositions: FxHashSet<String>,
    org_heads: FxHashSet<String>,
    place_heads: FxHashSet<String>,
    not_names: FxHashSet<String>,
    /// Words that are mostly ordinary words rather than names (पूजा, कमल, मुकाबले), as
    /// measured on annotated and unlabelled text (`examples/name_words.rs`).
    ordinary: FxHashSet<String>,
    /// Words that name a body by its function (स्वास्थ्य, विभाग, सरकार, जिला): a name of
    /// these alone is a generic body's.
    generic: FxHashSet<String>,
    /// Countries' names (CLDR's, and the variants the place lists give for them), folded.
    countries: FxHashSet<String>,
    /// Names (and variants) of `places_india.tsv`, folded.
    indian_places: FxHashSet<String>,
    /// Of the ordinary words, those the annotated sets never put in a person's name (मुकाबले,
    /// कृषि).
    never_in_names: FxHashSet<String>,
    /// And those they never put in any name at all (ऐतिहासिक, मुकाबले).
    never_named: FxHashSet<String>,
    designations: FxHashSet<String>,
    name_parts: FxHashSet<String>,
    /// Words that begin (given names) or end (surnames) a listed person's name of two words
    /// or more.
    first_names: FxHashSet<String>,
    surnames: FxHashSet<String>,
}

/// The embedded list files: (file text, kind of its names or None for `name TAB kind` lines,
/// whether its lines carry variants, whether it is hand-checked). Earlier files are more
/// trusted.
const NAME_FILES: &[(&str, Option<Kind>, bool, bool)] = &[
    (
        include_str!("../../assets/gazetteers/organizations.tsv"),
        Some(Kind::Organization),
        true,
        true,
    ),
    (
        include_str!("../../assets/gazetteers/organizations_more.tsv"),
        Some(Kind::Organization),
        true,
        true,
    ),
    (
        include_str!("../../assets/gazetteers/places_world.tsv"),
        Some(Kind::Place),
        true,
        true,
    ),
    (
        include_str!("../../assets/gazetteers/places_world_more.tsv"),
        Some(Kind::Place),
        true,
        true,
    ),
    (PLACES_INDIA_TSV, Some(Kind::Place), true, true),
    (
        include_str!("../../assets/gazetteers/places_districts.tsv"),
        Some(Kind::Place),
        true,
        true,
    ),
    (
        include_str!("../../assets/gazetteers/persons_known.tsv"),
        Some(Kind::Person),
        true,
        true,
    ),
    (COUNTRIES_TSV, Some(Kind::Place), false, true),
    (
        include_str!("../../assets/gazetteers/ilner_entities.tsv"),
        None,
        false,
        false,
    ),
    (
        include_str!("../../assets/gazetteers/person_names.txt"),
        Some(Kind::Person),
        false,
        false,
    ),
];

/// India's states, cities, districts, regions and rivers, by hand.
const PLACES_INDIA_TSV: &str = include_str!("../../assets/gazetteers/places_india.tsv");
/// CLDR's country names.
const COUNTRIES_TSV: &str = include_str!("../../assets/gazetteers/countries.tsv");

const TITLES: &str = include_str!("../../assets/gazetteers/titles.txt");
const POSTPOSITIONS: &str = include_str!("../../assets/gazetteers/postpositions.txt");
const ORG_HEADS: &str = include_str!("../../assets/gazetteers/org_heads.txt");
const PLACE_HEADS: &str = include_str!("../../assets/gazetteers/place_heads.txt");
const NOT_NAMES: &str = include_str!("../../assets/gazetteers/not_names.txt");
const ORDINARY: &str = include_str!("../../assets/gazetteers/ordinary_words.txt");
const ORDINARY_GIVEN_NAMES: &str = include_str!("../../assets/gazetteers/ordinary_given_names.txt");
const GENERIC_WORDS: &str = include_str!("../../assets/gazetteers/generic_body_words.txt");
const DESIGNATIONS: &str = include_str!("../../assets/gazetteers/designations.txt");

static EMBEDDED: LazyLock<Gazetteer> = LazyLock::new(|| {
    let mut g = Gazetteer::empty();
    for &(text, kind, variants, checked) in NAME_FILES {
        g.add_names(text, kind, variants, checked);
    }
    g.titles = word_set(TITLES);
    g.postpositions = word_set(POSTPOSITIONS);
    g.org_heads = word_set(ORG_HEADS);
    g.place_heads = word_set(PLACE_HEADS);
    g.not_names = word_set(NOT_NAMES);
    g.designations = word_set(DESIGNATIONS);
    g.generic = word_set(GENERIC_WORDS);
    g.countries = lines(COUNTRIES_TSV)
        .map(|l| crate::text::fold::name_fold(l.trim()))
        .collect();
    g.indian_places = lines(PLACES_INDIA_TSV)
        .flat_map(|l| l.split('\t'))
        .map(|n| crate::text::fold::name_fold(n.trim()))
        .collect();
    for name in [
        "भारत",
        "हिंदुस्तान",
        "इंडिया",
        "अमेरिका",
        "पाक",
        "चीन",
        "रूस",
        "ब्रिटेन",
    ] {
        g.countries.insert(name.to_string());
    }
    for line in lines(ORDINARY) {
        let mut fields = line.split('\t');
        let word = token_key(fields.next().unwrap_or(""));
        let mut count = || {
            fields
                .next()
                .and_then(|n| n.parse::<u32>().ok())
                .unwrap_or(0)
        };
        let (inside, outside, _unlabelled, in_persons) = (count(), count(), count(), count());
        if in_persons == 0 && outside >= 5 {
            g.never_in_names.insert(word.clone());
        }
        if inside == 0 && outside >= 5 {
            g.never_named.insert(word.clone());
        }
        g.ordinary.insert(word);
    }
    g.ordinary
        .extend(lines(ORDINARY_GIVEN_NAMES).map(|l| token_key(l.trim())));
    g
});

/// Lines of a list file, without comments and blank lines.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

fn word_set(text: &str) -> FxHashSet<String> {
    lines(text).map(|l| token_key(l.trim())).collect()
}

impl Gazetteer {
    /// The gazetteers shipped in `assets/gazetteers`, parsed on first use.
    pub fn embedded() -> &'static Gazetteer {
        &EMBEDDED
    }

    fn empty() -> Gazetteer {
        Gazetteer {
            names: HashedMap::default(),
            prefixes: HashedMap::default(),
            canonicals: Vec::new(),
            titles: FxHashSet::default(),
            postpositions: FxHashSet::default(),
            org_heads: FxHashSet::default(),
            place_heads: FxHashSet::default(),
            not_names: FxHashSet::default(),
            ordinary: FxHashSet::default(),
            never_in_names: FxHashSet::default(),
            never_named: FxHashSet::default(),
            generic: FxHashSet::default(),
            countries: FxHashSet::default(),
            indian_places: FxHashSet::default(),
            designations: FxHashSet::default(),
            name_parts: FxHashSet::default(),
            first_names: FxHashSet::default(),
            surnames: FxHashSet::default(),
        }
    }

    /// Adds the names of one list file. With `kind` None each line is `name TAB label`;
    /// with `variants` each line is `canonical TAB variant TAB ...`.
    fn add_names(&mut self, text: &str, kind: Option<Kind>, variants: bool, checked: bool) {
        for line in lines(text) {
            let mut fields = line.split('\t').map(str::trim).filter(|f| !f.is_empty());
            let Some(first) = fields.next() else { continue };
            match kind {
                None => {
                    if let Some(k) = fields.next().and_then(Kind::from_label) {
                        self.add(first, k, None, checked);
                    }
                }
                Some(k) if variants => {
                    let rest: Vec<&str> = fields.collect();
                    let canonical = if rest.is_empty() {
                        None
                    } else {
                        self.canonicals.push(first.to_string());
                        u32::try_from(self.canonicals.len() - 1).ok()
                    };
                    self.add(first, k, canonical, checked);
                    for v in rest {
                        self.add(v, k, canonical, checked);
                    }
                }
                Some(k) => self.add(first, k, None, checked),
            }
        }
    }

    fn add(&mut self, name: &str, kind: Kind, canonical: Option<u32>, checked: bool) {
        let tokens = name_tokens(name);
        if tokens.is_empty() || tokens.len() > MAX_NAME_TOKENS {
            return;
        }
        let mut h = SEQ_SEED;
        for (i, t) in tokens.iter().enumerate() {
            if i > 0 {
                self.prefixes.insert(h, ());
            }
            h = extend_seq(h, &token_key(t));
        }
        if kind == Kind::Person {
            for t in &tokens {
                let key = token_key(t);
                if key.chars().count() > 1 {
                    self.name_parts.insert(key);
                }
            }
            if let [first, .., last] = tokens.as_slice() {
                for (word, set) in [(first, &mut self.first_names), (last, &mut self.surnames)] {
                    let key = token_key(word);
                    if key.chars().count() > 1 {
                        set.insert(key);
                    }
                }
            }
        }
        let entry = self.names.entry(h).or_insert(Entry {
            kind,
            mask: 0,
            checked: 0,
            canonical,
        });
        entry.mask |= kind_bit(kind);
        if checked {
            entry.checked |= kind_bit(kind);
        }
        if entry.canonical.is_none() {
            entry.canonical = canonical;
        }
    }

    fn entry(&self, name: &str) -> Option<&Entry> {
        // One word (what the span rules ask most) is its own only token: no vector for it.
        let one_word =
            !name.is_empty() && !name.chars().any(|c| c.is_whitespace() || is_split_punct(c));
        if one_word {
            return self.entry_of_tokens(&[name]);
        }
        self.entry_of_tokens(&name_tokens(name))
    }

    /// The entry of a name given as its tokens (as written).
    fn entry_of_tokens(&self, tokens: &[&str]) -> Option<&Entry> {
        if tokens.is_empty() {
            return None;
        }
        let mut h = SEQ_SEED;
        for t in tokens {
            h = extend_seq(h, &key_cow(t));
        }
        self.names.get(&h)
    }

    /// Kind of a whole known name (folded comparison): "संयुक्त राज्य अमेरिका" is a place,
    /// "टीएएसएस" an organisation.
    pub fn kind_of(&self, name: &str) -> Option<Kind> {
        self.entry(name).map(|e| e.kind)
    }

    /// Every kind some list gives a whole name, as a mask of [`kind_bit`]s (0 when unknown).
    pub fn kinds_of(&self, name: &str) -> u8 {
        self.entry(name).map_or(0, |e| e.mask)
    }

    /// The kind of a name the hand-checked lists give and no list contradicts (tokens as
    /// written): "स्पुतनिक" is an organisation, while a name also listed as a person or
    /// found only in annotated text has none.
    pub fn checked_kind(&self, tokens: &[&str]) -> Option<Kind> {
        let e = self.entry_of_tokens(tokens)?;
        (e.checked.count_ones() == 1 && e.mask == e.checked).then_some(e.kind)
    }

    /// The longest known name starting at `tokens[start]`: its length in tokens and kind.
    pub fn longest_match(&self, tokens: &[&str], start: usize) -> Option<(usize, Kind)> {
        let keys: Vec<String> = tokens
            .iter()
            .skip(start)
            .take(MAX_NAME_TOKENS)
            .map(|t| token_key(t))
            .collect();
        let mut h = SEQ_SEED;
        let mut best = None;
        for (i, key) in keys.iter().enumerate() {
            h = extend_seq(h, key);
            if let Some(e) = self.names.get(&h) {
                best = Some((i + 1, e.kind));
            }
            if !self.prefixes.contains_key(&h) {
                break;
            }
        }
        best
    }

    /// What the gazetteer knows of `key` (a [`token_key`]) as the first token of a name, for
    /// [`Gazetteer::positions_from`]: a caller that meets the same words again and again
    /// works it out once per word.
    pub fn first_token(&self, key: &str) -> FirstToken {
        let hash = extend_seq(SEQ_SEED, key);
        FirstToken {
            hash,
            mask: self.names.get(&hash).map_or(0, |e| e.mask),
            continues: self.prefixes.contains_key(&hash),
        }
    }

    /// For each token (given as [`token_key`]s), its position in the longest match of each
    /// kind that covers it (indexed like [`Kind::ALL`]). Matches of one kind never overlap:
    /// scanning left to right, the longest match starting at a token wins.
    pub fn positions<S: AsRef<str>>(&self, keys: &[S]) -> Vec<[Position; 3]> {
        let firsts: Vec<FirstToken> = keys.iter().map(|k| self.first_token(k.as_ref())).collect();
        self.positions_from(keys, &firsts)
    }

    /// [`Gazetteer::positions`], given each token's [`Gazetteer::first_token`].
    pub fn positions_from<S: AsRef<str>>(
        &self,
        keys: &[S],
        firsts: &[FirstToken],
    ) -> Vec<[Position; 3]> {
        let n = keys.len();
        let mut out = vec![[Position::Out; 3]; n];
        // Longest match of each kind starting at each token.
        let mut longest = vec![[0usize; 3]; n];
        let mark = |slot: &mut [usize; 3], mask: u8, len: usize| {
            for (k, kind) in Kind::ALL.iter().enumerate() {
                if mask & kind_bit(*kind) != 0 {
                    slot[k] = len;
                }
            }
        };
        for (start, (slot, first)) in longest.iter_mut().zip(firsts).enumerate() {
            mark(slot, first.mask, 1);
            if !first.continues {
                continue;
            }
            let mut h = first.hash;
            let rest = keys[start + 1..].iter().take(MAX_NAME_TOKENS - 1);
            for (len, key) in (2..).zip(rest) {
                h = extend_seq(h, key.as_ref());
                if let Some(e) = self.names.get(&h) {
                    mark(slot, e.mask, len);
                }
                if !self.prefixes.contains_key(&h) {
                    break;
                }
            }
        }
        for k in 0..3 {
            let mut i = 0;
            while i < n {
                let len = longest[i][k];
                if len == 0 {
                    i += 1;
                    continue;
                }
                if len == 1 {
                    out[i][k] = Position::Single;
                } else {
                    out[i][k] = Position::Begin;
                    for slot in &mut out[i + 1..i + len - 1] {
                        slot[k] = Position::Inside;
                    }
                    out[i + len - 1][k] = Position::Last;
                }
                i += len;
            }
        }
        out
    }

    /// Whether `token` is a title or designation that comes before a name (राष्ट्रपति, मंत्री,
    /// सचिव, राजदूत, श्री, डॉ.).
    pub fn is_title(&self, token: &str) -> bool {
        self.titles.contains(key_cow(token).as_ref())
    }

    /// Whether `token` is a postposition or case marker (ने को से के की का पर में).
    pub fn is_postposition(&self, token: &str) -> bool {
        self.postpositions.contains(key_cow(token).as_ref())
    }

    /// Whether `token` is a noun that ends organisation names (परिषद मंत्रालय पार्टी सेना आयोग).
    pub fn is_org_head(&self, token: &str) -> bool {
        self.org_heads.contains(key_cow(token).as_ref())
    }

    /// Whether `token` is a noun that ends place names (नदी ब्रिज मार्ग चौक नगर विहार).
    pub fn is_place_head(&self, token: &str) -> bool {
        self.place_heads.contains(key_cow(token).as_ref())
    }

    /// Whether `token` is a word of some listed person's name (a given name or surname).
    pub fn is_name_part(&self, token: &str) -> bool {
        self.name_parts.contains(key_cow(token).as_ref())
    }

    /// Cue lookups on keys already made with [`token_key`] (no folding again).
    pub(crate) fn key_is_title(&self, key: &str) -> bool {
        self.titles.contains(key)
    }
    pub(crate) fn key_is_postposition(&self, key: &str) -> bool {
        self.postpositions.contains(key)
    }
    pub(crate) fn key_is_place_head(&self, key: &str) -> bool {
        self.place_heads.contains(key)
    }
    /// A designation that comes before a person's name without being part of it and that
    /// the tagger does not read as a title (विश्लेषक, सीएम).
    pub(crate) fn key_is_designation(&self, key: &str) -> bool {
        self.designations.contains(key)
    }
    /// A word that never names anything by itself (डेंगू, युवती).
    /// Whether the word (as [`token_key`] gives it) is mostly an ordinary word, not a name.
    pub(crate) fn key_is_ordinary(&self, key: &str) -> bool {
        self.ordinary.contains(key)
    }
    /// Whether a name (as [`crate::text::fold::name_fold`] gives it) is on the list of
    /// India's places.
    pub fn is_indian_place(&self, folded: &str) -> bool {
        self.indian_places.contains(folded)
    }

    /// Whether a name (as [`crate::text::fold::name_fold`] gives it) is a country's.
    pub fn is_country(&self, folded: &str) -> bool {
        self.countries.contains(folded)
    }

    /// Whether the word (folded) names a body by its function only (स्वास्थ्य, विभाग).
    pub fn key_is_generic(&self, key: &str) -> bool {
        self.generic.contains(key)
    }

    /// Whether the word is an ordinary word the annotated sets never saw in a person's name.
    pub(crate) fn key_is_never_in_names(&self, key: &str) -> bool {
        self.never_in_names.contains(key)
    }
    /// Whether the word is an ordinary word the annotated sets never saw in any name.
    pub(crate) fn key_is_never_named(&self, key: &str) -> bool {
        self.never_named.contains(key)
    }
    pub(crate) fn key_is_not_a_name(&self, key: &str) -> bool {
        self.not_names.contains(key)
    }
    pub(crate) fn key_is_org_head(&self, key: &str) -> bool {
        self.org_heads.contains(key)
    }
    pub(crate) fn key_is_name_part(&self, key: &str) -> bool {
        self.name_parts.contains(key)
    }
    /// Whether the key begins a listed person's name of two words or more (a given name).
    pub(crate) fn key_is_first_name(&self, key: &str) -> bool {
        self.first_names.contains(key)
    }
    /// Whether the key ends a listed person's name of two words or more (a surname).
    pub(crate) fn key_is_surname(&self, key: &str) -> bool {
        self.surnames.contains(key)
    }

    /// The canonical (full) name the hand-made lists give for `name`, when `name` is on a line
    /// with variants: "अमेरिका" → "संयुक्त राज्य अमेरिका", "भाजपा" → "भारतीय जनता पार्टी",
    /// "पुतिन" → "व्लादिमीर पुतिन". None for names listed without variants or not listed.
    pub fn canonical(&self, name: &str) -> Option<&str> {
        let index = self.entry(name)?.canonical?;
        self.canonicals.get(index as usize).map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_names_with_spelling_variants() {
        let g = Gazetteer::embedded();
        assert_eq!(g.kind_of("संयुक्त राज्य अमेरिका"), Some(Kind::Place));
        assert_eq!(g.kind_of("टीएएसएस"), Some(Kind::Organization));
        // nukta and candrabindu fold away
        assert_eq!(g.kind_of("योनहाप न्यूज़"), Some(Kind::Organization));
        assert_eq!(g.kind_of("योनहाप न्यूज"), Some(Kind::Organization));
        assert_eq!(g.kind_of("झाँसी"), Some(Kind::Place));
        assert_eq!(g.kind_of("झांसी"), Some(Kind::Place));
        assert_eq!(g.kind_of("ग़ाज़ियाबाद"), Some(Kind::Place));
        assert_eq!(g.kind_of("बताया"), None);
    }

    #[test]
    fn longest_match_prefers_the_longer_name() {
        let g = Gazetteer::embedded();
        let tokens = ["संयुक्त", "राज्य", "अमेरिका", "के", "साथ"];
        assert_eq!(g.longest_match(&tokens, 0), Some((3, Kind::Place)));
        assert_eq!(g.longest_match(&tokens, 2), Some((1, Kind::Place)));
        assert_eq!(g.longest_match(&tokens, 3), None);
        let keys: Vec<String> = tokens.iter().map(|t| token_key(t)).collect();
        let pos = g.positions(&keys);
        assert_eq!(pos[0][1], Position::Begin);
        assert_eq!(pos[1][1], Position::Inside);
        assert_eq!(pos[2][1], Position::Last);
        assert_eq!(pos[3][1], Position::Out);
    }

    #[test]
    fn cues_and_canonical_names() {
        let g = Gazetteer::embedded();
        assert!(g.is_title("राष्ट्रपति"));
        assert!(g.is_title("डॉ."));
        assert!(g.is_postposition("ने"));
        assert!(!g.is_postposition("पुतिन"));
        assert!(g.is_org_head("परिषद"));
        assert_eq!(g.canonical("भाजपा"), Some("भारतीय जनता पार्टी"));
        assert_eq!(g.canonical("अमेरिका"), Some("संयुक्त राज्य अमेरिका"));
        assert_eq!(g.canonical("बताया"), None);
    }

    #[test]
    fn quotes_glued_to_a_word_are_ignored() {
        assert_eq!(token_key("“पुतिन"), token_key("पुतिन"));
        assert_eq!(token_key("“"), "“");
    }
}
