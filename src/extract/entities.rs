//! From tagged spans to an article's entities: document-level consistency (a name found
//! once is found everywhere in the article) and alias merging (शोइगु is सर्गेई शोइगु, अमेरिका
//! is संयुक्त राज्य अमेरिका). Spelling variants fold together (ज़/ज, ँ/ं, ZWJ).

use serde::{Deserialize, Serialize};

use super::Kind;
use super::gazetteer::Gazetteer;
use super::names::{NOT_A_SHORT_NAME, PLACE_MODIFIERS, Span, modifier_differs};
use super::spans::{abbreviation_of, alias_of};
use super::tokenize::Token;
use rustc_hash::{FxHashMap, FxHashSet};
use std::borrow::Cow;

use crate::text::fold::{LETTER_NAMES, fold_cow, loose_name_fold, name_fold};
use crate::text::romanize::{Options as RomanOptions, has_devanagari, romanize};

/// One place the article names an entity: byte offsets into the body, and the text there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// A person, place or organisation of one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// The fullest form the article uses.
    pub name: String,
    pub kind: Kind,
    /// Other forms the article uses for it, as written.
    pub aliases: Vec<String>,
    /// Every mention in the body, in order.
    pub mentions: Vec<Mention>,
    /// How sure extraction is that this is a name of this kind, 0–1: the tagger's margins
    /// over its mentions (see [`crate::extract::tagger::confidence_of_margin`]), a name the
    /// hand-checked lists know, or the dateline.
    #[serde(default = "full_confidence")]
    pub confidence: f32,
    /// Titles and designations written right before its mentions (प्रधानमंत्री, पीएम,
    /// मुख्यमंत्री), folded: evidence for linking a short form across articles.
    /// (Always written: the cache's format has no optional fields.)
    #[serde(default)]
    pub titles: Vec<String>,
}

fn full_confidence() -> f32 {
    1.0
}

/// The number of a word that is in no name (see [`merge`]).
const NOT_IN_A_NAME: u32 = u32::MAX;

/// Merges spans found in `tokens` (of `text`) into entities, people first, most mentioned
/// first within each kind.
pub fn merge(
    gazetteer: &Gazetteer,
    text: &str,
    tokens: &[Token<'_>],
    spans: &[Span],
) -> Vec<Entity> {
    merge_folded(gazetteer, text, tokens, &fold_tokens(tokens), spans)
}

/// Each token [`fold_cow`]ed: what merging compares and what the timeline reads, worked out
/// once per article for both.
pub fn fold_tokens<'a>(tokens: &[Token<'a>]) -> Vec<Cow<'a, str>> {
    tokens.iter().map(|t| fold_cow(t.text)).collect()
}

/// [`merge`] given `folded`, each token's [`fold_tokens`].
pub(crate) fn merge_folded(
    gazetteer: &Gazetteer,
    text: &str,
    tokens: &[Token<'_>],
    folded: &[Cow<'_, str>],
    spans: &[Span],
) -> Vec<Entity> {
    let mut spans = non_overlapping(spans);
    // Each distinct folded word of a name as a number, for quick comparisons; every other
    // word is [`NOT_IN_A_NAME`]. Spreading only ever matches the words of names.
    let mut numbers: FxHashMap<&str, u32> = FxHashMap::default();
    for s in &spans {
        for w in &folded[s.first..s.last] {
            let next = numbers.len() as u32;
            numbers.entry(w.as_ref()).or_insert(next);
        }
    }
    let ids: Vec<u32> = folded
        .iter()
        .map(|w| numbers.get(w.as_ref()).copied().unwrap_or(NOT_IN_A_NAME))
        .collect();
    let cued = Cues::new(gazetteer, folded);
    spread_known_names(folded, &ids, &cued, &mut spans);
    spread_short_person_names(folded, &ids, &cued, &mut spans);
    spans.sort_by_key(|s| s.first);

    // Group spans by surface (spellings of one name folded together, see [`name_fold`]),
    // then resolve short forms to full names.
    // Each distinct span's key, worked out once (a span's key is asked for several times).
    // A name written again is folded once: equal words have equal numbers in `ids`.
    let mut span_keys: FxHashMap<(usize, usize), String> = FxHashMap::default();
    let mut name_keys: FxHashMap<&[u32], String> = FxHashMap::default();
    for s in &spans {
        if span_keys.contains_key(&(s.first, s.last)) {
            continue;
        }
        let words = &ids[s.first..s.last];
        let fold_name = || name_fold(&folded[s.first..s.last].join(" "));
        let key = if words.contains(&NOT_IN_A_NAME) {
            fold_name()
        } else {
            name_keys.entry(words).or_insert_with(fold_name).clone()
        };
        span_keys.insert((s.first, s.last), key);
    }
    let key_of = |s: &Span| -> String {
        span_keys
            .get(&(s.first, s.last))
            .cloned()
            .unwrap_or_else(|| name_fold(&folded[s.first..s.last].join(" ")))
    };
    let mut kinds: FxHashMap<String, FxHashMap<Kind, usize>> = FxHashMap::default();
    for s in &spans {
        *kinds
            .entry(key_of(s))
            .or_default()
            .entry(s.kind)
            .or_default() += 1;
    }
    let kind_of = |key: &str| -> Kind {
        kinds
            .get(key)
            .and_then(|m| m.iter().max_by_key(|(k, n)| (**n, std::cmp::Reverse(**k))))
            .map(|(k, _)| *k)
            .unwrap_or(Kind::Person)
    };
    // (key, folded tokens, kind, mentions), in order of first mention.
    let mut surfaces: Vec<(String, &[Cow<str>], Kind, usize)> = Vec::new();
    let mut seen: FxHashSet<String> = FxHashSet::default();
    for s in &spans {
        let key = key_of(s);
        if !seen.contains(&key) {
            seen.insert(key.clone());
            let kind = kind_of(&key);
            let mentions = kinds.get(&key).map_or(0, |m| m.values().sum::<usize>());
            surfaces.push((key, &folded[s.first..s.last], kind, mentions));
        }
    }
    // The full form each surface belongs to: the one an abbreviation follows in brackets,
    // else the longest full form it is a short form of.
    let mut owner: FxHashMap<String, String> = FxHashMap::default();
    let pairs = abbreviation_of(&spans, tokens)
        .into_iter()
        .chain(alias_of(&spans, tokens));
    for (short, full) in pairs {
        let (short, full) = (key_of(&short), key_of(&full));
        if short != full {
            owner.entry(short).or_insert(full);
        }
    }
    same_name_spellings(
        gazetteer, text, tokens, &spans, &key_of, &surfaces, &mut owner,
    );
    latin_spellings(&surfaces, &mut owner);
    for (key, words, kind, _) in &surfaces {
        let best = surfaces
            .iter()
            .filter(|(other, other_words, other_kind, _)| {
                other_words.len() > words.len()
                    && other_kind == kind
                    && other != key
                    && is_short_form(words, other_words, *kind)
            })
            .max_by_key(|(_, other_words, _, mentions)| (*mentions, other_words.len()));
        if let Some((full, ..)) = best
            && !owner.contains_key(key)
            && owner.get(full) != Some(key)
        {
            owner.insert(key.clone(), full.clone());
        }
    }
    let resolve = |key: &String| -> String {
        let mut k = key.clone();
        for _ in 0..4 {
            match owner.get(&k) {
                Some(next) => k = next.clone(),
                None => break,
            }
        }
        k
    };

    let mut order: Vec<String> = Vec::new();
    let mut groups: FxHashMap<String, Vec<&Span>> = FxHashMap::default();
    for s in &spans {
        let canonical = resolve(&key_of(s));
        if !groups.contains_key(&canonical) {
            order.push(canonical.clone());
        }
        groups.entry(canonical).or_default().push(s);
    }
    let mut entities: Vec<(usize, Entity)> = order
        .iter()
        .enumerate()
        .map(|(rank, canonical)| {
            let group = &groups[canonical];
            let surface =
                |s: &Span| text[tokens[s.first].start..tokens[s.last - 1].end].to_string();
            // The name: the most frequent spelling of the full form.
            let mut spellings: Vec<(String, usize)> = Vec::new();
            for s in group.iter().filter(|s| key_of(s) == *canonical) {
                let w = surface(s);
                match spellings.iter_mut().find(|(x, _)| *x == w) {
                    Some((_, n)) => *n += 1,
                    None => spellings.push((w, 1)),
                }
            }
            let name = spellings
                .iter()
                .max_by_key(|(_, n)| *n)
                .map(|(w, _)| w.clone())
                .unwrap_or_else(|| surface(group[0]));
            let mut aliases: Vec<String> = Vec::new();
            let mentions = group
                .iter()
                .map(|s| {
                    let m = Mention {
                        start: tokens[s.first].start,
                        end: tokens[s.last - 1].end,
                        text: surface(s),
                    };
                    if m.text != name && !aliases.contains(&m.text) {
                        aliases.push(m.text.clone());
                    }
                    m
                })
                .collect();
            let entity = Entity {
                name,
                kind: kind_of(canonical),
                aliases,
                mentions,
                confidence: 1.0,
                titles: Vec::new(),
            };
            (rank, entity)
        })
        .collect();
    entities.sort_by_key(|(rank, e)| (e.kind, std::cmp::Reverse(e.mentions.len()), *rank));
    entities.into_iter().map(|(_, e)| e).collect()
}

/// A name written in Latin letters (Bihar, Jharkhand, Deoghar) is the article's name in
/// Devanagari of the same kind whose consonants, romanised, are its own: Hindi papers print
/// the English name of a place beside the Hindi one. Exactly one such name must match.
fn latin_spellings(surfaces: &[Surface<'_>], owner: &mut FxHashMap<String, String>) {
    for (key, _, kind, _) in surfaces {
        if owner.contains_key(key) || !key.chars().all(|c| c.is_ascii_alphabetic() || c == ' ') {
            continue;
        }
        let want = consonants(key);
        if want.len() < 3 {
            continue;
        }
        let mut same = surfaces.iter().filter(|(other, _, other_kind, _)| {
            other_kind == kind
                && has_devanagari(other)
                && consonants(&romanize(other, RomanOptions::iast())) == want
        });
        if let (Some((head, ..)), None) = (same.next(), same.next()) {
            owner.insert(key.clone(), head.clone());
        }
    }
}

/// The consonants of a name in Latin letters, diacritics and the letters English and IAST
/// write differently (ch/c, sh/ś, v/w/o in "Deoghar") left out: "jhrkhnd" for both Jharkhand
/// and jhārkhaṃḍ.
fn consonants(latin: &str) -> String {
    let lower = latin.to_lowercase().replace("ch", "c").replace("sh", "s");
    lower
        .chars()
        .filter_map(|c| {
            let c = match c {
                'ṃ' | 'ṁ' | 'ṅ' | 'ñ' | 'ṇ' => 'n',
                'ḍ' => 'd',
                'ṭ' => 't',
                'ś' | 'ṣ' => 's',
                'ṛ' => 'r',
                'ḥ' => 'h',
                c => c,
            };
            (c.is_ascii_alphabetic() && !"aeiouvwy".contains(c)).then_some(c)
        })
        .collect()
}

/// A surface of the article: its key, its folded words, its kind and its mentions.
type Surface<'a> = (String, &'a [Cow<'a, str>], Kind, usize);

/// Spellings of one name that folding alone does not join: those the lists give one
/// canonical name (यूपी and उत्तर प्रदेश, हिंदुस्तान and भारत), and long names that differ
/// only in long and short ई/इ, ऊ/उ (फीरोजाबाद, फिरोजाबाद). Each joins the spelling the
/// article uses most, in `owner`.
fn same_name_spellings(
    gazetteer: &Gazetteer,
    text: &str,
    tokens: &[Token<'_>],
    spans: &[Span],
    key_of: &dyn Fn(&Span) -> String,
    surfaces: &[Surface<'_>],
    owner: &mut FxHashMap<String, String>,
) {
    let mut written: FxHashMap<String, &str> = FxHashMap::default();
    for s in spans {
        written
            .entry(key_of(s))
            .or_insert(&text[tokens[s.first].start..tokens[s.last - 1].end]);
    }
    // (kind, whether by the lists' canonical name, the shared form) → (key, mentions).
    type Group<'k> = FxHashMap<(Kind, bool, String), Vec<(&'k String, usize)>>;
    let mut groups: Group = FxHashMap::default();
    for (key, _, kind, mentions) in surfaces {
        let canonical = written
            .get(key)
            .and_then(|w| gazetteer.canonical(w))
            .map(name_fold)
            .filter(|c| !modifier_differs(c, key));
        let group = match canonical {
            Some(c) => (*kind, true, c),
            None if key.chars().count() >= 6 => (*kind, false, loose_name_fold(key)),
            None => continue,
        };
        groups.entry(group).or_default().push((key, *mentions));
    }
    for ((_, listed, group), members) in groups.into_iter().filter(|(_, m)| m.len() > 1) {
        // The lists' own name when the article writes it, else the fullest, most used
        // spelling.
        let own = members.iter().find(|(key, _)| listed && **key == group);
        let Some(&(head, _)) = own.or_else(|| {
            members.iter().max_by_key(|(key, mentions)| {
                (key.split(' ').count(), *mentions, std::cmp::Reverse(*key))
            })
        }) else {
            continue;
        };
        for (key, _) in &members {
            if *key != head {
                owner.entry((*key).clone()).or_insert_with(|| head.clone());
            }
        }
    }
}

/// `short` names the same thing as `full`: a person's surname or given name (पुतिन,
/// किम), or the tail of a place or organisation (अमेरिका in संयुक्त राज्य अमेरिका) — but
/// not of a place a modifier makes another (दिल्ली and नई दिल्ली).
fn is_short_form(short: &[Cow<str>], full: &[Cow<str>], kind: Kind) -> bool {
    match kind {
        Kind::Person => {
            full.ends_with(short)
                || full.starts_with(short)
                || (short.len() == 1 && full.contains(&short[0]))
        }
        Kind::Place => {
            full.ends_with(short)
                && !full[..full.len() - short.len()]
                    .iter()
                    .any(|w| PLACE_MODIFIERS.contains(&w.as_ref()))
        }
        Kind::Organization => full.ends_with(short),
    }
}

/// Where the words around a one-word name say it is a name here: a title or designation
/// before it (मंत्री पूजा), or ने after it (पूजा ने). A word that is mostly an ordinary word
/// (पूजा worship, कमल the lotus) spreads as a name only where such a cue stands.
struct Cues<'g, 'a> {
    gazetteer: &'g Gazetteer,
    folded: &'a [Cow<'a, str>],
}

impl<'g, 'a> Cues<'g, 'a> {
    fn new(gazetteer: &'g Gazetteer, folded: &'a [Cow<'a, str>]) -> Self {
        Cues { gazetteer, folded }
    }

    fn is_ordinary(&self, i: usize) -> bool {
        self.gazetteer.key_is_ordinary(&self.folded[i])
    }

    fn name_cue_at(&self, i: usize) -> bool {
        let before = i
            .checked_sub(1)
            .map(|j| self.folded[j].as_ref())
            .unwrap_or("");
        let after = self.folded.get(i + 1).map_or("", |w| w.as_ref());
        self.gazetteer.key_is_title(before)
            || self.gazetteer.key_is_designation(before)
            || after == "ने"
    }

    /// Whether the one-word name at `i` may count as a mention there.
    fn may_spread_to(&self, i: usize) -> bool {
        !self.is_ordinary(i) || self.name_cue_at(i)
    }
}

/// Drops spans that overlap an earlier, longer one.
fn non_overlapping(spans: &[Span]) -> Vec<Span> {
    let mut sorted: Vec<Span> = spans.iter().copied().filter(|s| s.last > s.first).collect();
    sorted.sort_by_key(|s| (s.first, std::cmp::Reverse(s.last)));
    let mut out: Vec<Span> = Vec::with_capacity(sorted.len());
    for s in sorted {
        if out.last().is_none_or(|p| s.first >= p.last) {
            out.push(s);
        }
    }
    out
}

fn covered(spans: &[Span], first: usize, last: usize) -> bool {
    spans.iter().any(|s| first < s.last && s.first < last)
}

/// A name recognised once is the same name wherever else the article writes it. `ids`
/// numbers the `folded` words (equal words, equal numbers).
fn spread_known_names(folded: &[Cow<str>], ids: &[u32], cues: &Cues, spans: &mut Vec<Span>) {
    let mut known: Vec<(&[u32], Kind)> = Vec::new();
    for s in spans.iter() {
        let words = &ids[s.first..s.last];
        // Single short words are too ambiguous to spread.
        if (words.len() > 1 || folded[s.first].chars().count() > 2)
            && !known.iter().any(|(w, _)| *w == words)
        {
            known.push((words, s.kind));
        }
    }
    known.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    // Where each word occurs, in order.
    let mut at: FxHashMap<u32, Vec<usize>> = FxHashMap::default();
    for &(words, _) in &known {
        at.entry(words[0]).or_default();
    }
    for (i, id) in ids.iter().enumerate() {
        if *id == NOT_IN_A_NAME {
            continue;
        }
        if let Some(list) = at.get_mut(id) {
            list.push(i);
        }
    }
    for (words, kind) in known {
        let n = words.len();
        let mut from = 0;
        for &i in at.get(&words[0]).map_or(&[][..], Vec::as_slice) {
            if i >= from
                && i + n <= ids.len()
                && ids[i..i + n] == *words
                && !covered(spans, i, i + n)
                && (n > 1 || cues.may_spread_to(i))
            {
                spans.push(Span {
                    first: i,
                    last: i + n,
                    kind,
                });
                from = i + n;
            }
        }
    }
}

/// A surname or given name standing alone (शोइगु, किम) is a mention of the person whose
/// full name the article gives.
fn spread_short_person_names(folded: &[Cow<str>], ids: &[u32], cues: &Cues, spans: &mut Vec<Span>) {
    let mut parts: FxHashSet<u32> = FxHashSet::default();
    for s in spans
        .iter()
        .filter(|s| s.kind == Kind::Person && s.last - s.first > 1)
    {
        for j in [s.first, s.last - 1] {
            let w = &folded[j];
            // An initial (के of "के. विजय राघवन") is no short form of the name.
            let usable = w.chars().count() > 1
                && !NOT_A_SHORT_NAME.contains(&w.as_ref())
                && !LETTER_NAMES.contains(&w.as_ref())
                && !w.chars().all(|c| c.is_ascii_punctuation());
            if usable {
                parts.insert(ids[j]);
            }
        }
    }
    if parts.is_empty() {
        return;
    }
    for (i, id) in ids.iter().enumerate() {
        if *id != NOT_IN_A_NAME
            && parts.contains(id)
            && !covered(spans, i, i + 1)
            && cues.may_spread_to(i)
        {
            spans.push(Span {
                first: i,
                last: i + 1,
                kind: Kind::Person,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokenize::tokenize;

    #[test]
    fn a_name_in_latin_letters_has_the_consonants_of_its_devanagari_name() {
        let roman = |s: &str| consonants(&romanize(s, RomanOptions::iast()));
        assert_eq!(consonants("Jharkhand"), roman("झारखंड"));
        assert_eq!(consonants("Bihar"), roman("बिहार"));
        assert_eq!(consonants("Deoghar"), roman("देवघर"));
        assert_eq!(consonants("Ranchi"), roman("रांची"));
        assert_ne!(consonants("Patna"), roman("पूर्णिया"));
    }

    /// Marks the token ranges given as (first word, number of words, kind).
    fn spans_for(tokens: &[Token<'_>], names: &[(&str, usize, Kind)]) -> Vec<Span> {
        let mut out = Vec::new();
        for &(first, n, kind) in names {
            let i = tokens
                .iter()
                .position(|t| t.text == first)
                .expect("word in text");
            out.push(Span {
                first: i,
                last: i + n,
                kind,
            });
        }
        out
    }

    fn names(entities: &[Entity]) -> Vec<(String, Kind, usize)> {
        entities
            .iter()
            .map(|e| (e.name.clone(), e.kind, e.mentions.len()))
            .collect()
    }

    #[test]
    fn surnames_and_given_names_merge_with_the_full_name() {
        let text = "सचिव सर्गेई शोइगु ने नेता किम जोंग-उन से बात की। शोइगु ने किम को संदेश दिया। \
                    उप मंत्री किम जोंग-ग्यू ने स्वागत किया। बाद में किम जोंग-उन और किम मिले।";
        let tokens = tokenize(text);
        let spans = spans_for(
            &tokens,
            &[("सर्गेई", 2, Kind::Person), ("किम", 2, Kind::Person)],
        );
        let mut spans = spans;
        let gyu = tokens.iter().position(|t| t.text == "जोंग-ग्यू").expect("ग्यू") - 1;
        spans.push(Span {
            first: gyu,
            last: gyu + 2,
            kind: Kind::Person,
        });
        let entities = merge(Gazetteer::embedded(), text, &tokens, &spans);
        assert_eq!(
            names(&entities),
            vec![
                ("किम जोंग-उन".to_string(), Kind::Person, 4),
                ("सर्गेई शोइगु".to_string(), Kind::Person, 2),
                ("किम जोंग-ग्यू".to_string(), Kind::Person, 1),
            ]
        );
        assert_eq!(entities[0].aliases, vec!["किम"]);
        assert_eq!(entities[1].aliases, vec!["शोइगु"]);
    }

    #[test]
    fn a_place_and_its_short_form_are_one_place() {
        let text = "संयुक्त राज्य अमेरिका के साथ बातचीत। अमेरिका और रूस।";
        let tokens = tokenize(text);
        let spans = spans_for(&tokens, &[("संयुक्त", 3, Kind::Place), ("रूस", 1, Kind::Place)]);
        let mut spans = spans;
        let short = tokens
            .iter()
            .rposition(|t| t.text == "अमेरिका")
            .expect("अमेरिका");
        spans.push(Span {
            first: short,
            last: short + 1,
            kind: Kind::Place,
        });
        let entities = merge(Gazetteer::embedded(), text, &tokens, &spans);
        assert_eq!(entities[0].name, "संयुक्त राज्य अमेरिका");
        assert_eq!(entities[0].mentions.len(), 2);
        assert_eq!(entities[0].aliases, vec!["अमेरिका"]);
    }

    #[test]
    fn spelling_variants_never_split_an_entity() {
        let text = "ज़ेलेंस्की ने कहा। जेलेंस्की ने फिर कहा। जेलेंस्\u{200d}की आए।";
        let tokens = tokenize(text);
        let spans = spans_for(&tokens, &[("ज़ेलेंस्की", 1, Kind::Person)]);
        let entities = merge(Gazetteer::embedded(), text, &tokens, &spans);
        assert_eq!(entities.len(), 1, "{entities:?}");
        assert_eq!(entities[0].mentions.len(), 3);
    }

    #[test]
    fn mentions_are_byte_offsets_into_the_text() {
        let text = "पुतिन ने व्लादिमीर पुतिन से कहा";
        let tokens = tokenize(text);
        let spans = spans_for(&tokens, &[("व्लादिमीर", 2, Kind::Person)]);
        let entities = merge(Gazetteer::embedded(), text, &tokens, &spans);
        for m in &entities[0].mentions {
            assert_eq!(&text[m.start..m.end], m.text);
        }
        assert_eq!(entities[0].mentions.len(), 2);
    }
}
