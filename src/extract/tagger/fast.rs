//! Tagging without recomputing what a word always gives: the features of a sentence are
//! those of each word by itself (its form, its cues, its class) and of each word as the
//! neighbour one or two places before or after the token scored, plus the features that
//! combine two positions (word pairs, gazetteer spans, shape trigrams). The first kind are
//! summed once per distinct token and kept in a per-thread cache; only the second kind are
//! looked up per token. Weights are summed as integers (the file's quantised weights), so
//! the grouping gives exactly the sums of [`Context::features`] in any order.
//!
//! `tests::grouped_features_are_the_features` checks that the groups here are exactly the
//! features [`Context::features`] lists, which training uses.

use std::cell::RefCell;

use super::*;
use crate::extract::gazetteer::FirstToken;
use rustc_hash::FxHashMap;

/// Index of the groups in [`WordInfo::at`]: the word as the token scored, as the token
/// before it, after it, two before and two after.
const AT_SELF: usize = 0;
const AT_PREV: usize = 1;
const AT_NEXT: usize = 2;
const AT_PREV2: usize = 3;
const AT_NEXT2: usize = 4;
/// Templates of the two-word features, by the word whose key is hashed first.
const PAIR_TEMPLATES: [u64; 5] = [7, 8, 102, 103, 104];

/// What the tagger needs of one distinct token.
pub(super) struct WordInfo {
    key: Box<str>,
    cue: u8,
    names: u8,
    shape: u64,
    class: Option<(u32, u8)>,
    /// What the gazetteer knows of it as the first token of a name.
    gaz: FirstToken,
    /// `fs(t, key)` for `t` in [`PAIR_TEMPLATES`]: the first half of the pair hashes.
    pair: [u64; 5],
    /// `word_hash(key)`: the second half.
    hash: u64,
    /// Summed quantised weights of the word's own features in each role.
    at: [[i32; T]; 5],
}

/// The sentence-boundary stand-ins for the words before the first and after the last token.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Edge {
    Start,
    End,
}

/// The features a word gives in role `at` (one of `AT_*`). `edge` is set for the stand-ins.
#[allow(clippy::too_many_arguments)]
fn word_features(
    out: &mut Vec<u64>,
    at: usize,
    w: &str,
    hyphen: bool,
    cue: u8,
    names: u8,
    shape_code: u64,
    class: Option<(u32, u8)>,
    edge: bool,
) {
    match at {
        AT_SELF => {
            out.push(fs(2, w));
            out.push(fnum(22, u64::from(cue)));
            out.push(fnum(100, u64::from(names)));
            match class {
                Some((bits, len)) => push_class_features(out, 70, bits, len),
                None => out.push(fnum(70, 0)),
            }
            let chars = push_form_features(out, w);
            out.push(fnum(17, shape_code));
            out.push(fnum(19, chars.min(8) as u64));
            if hyphen {
                out.push(fnum(37, 0));
            }
        }
        AT_PREV | AT_NEXT => {
            let (word_t, suffix_t, cue_t, class_t) = if at == AT_PREV {
                (3, 35, 23, 75)
            } else {
                (4, 36, 24, 80)
            };
            out.push(fs(word_t, w));
            let start = w.char_indices().rev().nth(1).map_or(0, |(b, _)| b);
            out.push(fs(suffix_t, &w[start..]));
            out.push(fnum(cue_t, u64::from(cue)));
            match class {
                Some((bits, len)) => push_class_features(out, class_t, bits, len),
                None => out.push(fnum(class_t, u64::from(edge))),
            }
        }
        _ => {
            let (word_t, cue_t) = if at == AT_PREV2 { (5, 25) } else { (6, 26) };
            out.push(fs(word_t, w));
            out.push(fnum(cue_t, u64::from(cue)));
        }
    }
}

impl Tagger {
    /// The [`WordInfo`] of a token as written, or of a sentence-boundary stand-in.
    fn word_info(&self, raw: Result<&str, Edge>, scratch: &mut Vec<u64>) -> WordInfo {
        let gazetteer = Gazetteer::embedded();
        let (key, cue, names, shape_code, class, hyphen) = match raw {
            Ok(raw) => {
                let key = token_key(raw);
                let cue = cue_bits(gazetteer, &key);
                let names = name_bits(gazetteer, &key);
                let shape_code = shape(&key);
                let class = self.class_of(&key);
                (key, cue, names, shape_code, class, raw.contains('-'))
            }
            Err(edge) => {
                let key = if edge == Edge::Start { BOS } else { EOS };
                (key.to_string(), 0, 4, 99, None, false)
            }
        };
        let mut at = [[0i32; T]; 5];
        for (role, sums) in at.iter_mut().enumerate() {
            scratch.clear();
            word_features(
                scratch,
                role,
                &key,
                hyphen,
                cue,
                names,
                shape_code,
                class,
                raw.is_err(),
            );
            self.add_weights(scratch, sums);
        }
        WordInfo {
            pair: PAIR_TEMPLATES.map(|t| fs(t, &key)),
            hash: word_hash(&key),
            gaz: gazetteer.first_token(&key),
            key: key.into_boxed_str(),
            cue,
            names,
            shape: shape_code,
            class,
            at,
        }
    }

    /// Adds the quantised weights of `features` to `sums`.
    #[inline]
    pub(super) fn add_weights(&self, features: &[u64], sums: &mut [i32; T]) {
        for &f in features {
            if let Some(q) = self.table.get(f) {
                for t in 0..T {
                    sums[t] += i32::from(q[t]);
                }
            }
        }
    }

    /// Per-token scores of a sentence (as [`Context::features`] would give them, summed
    /// exactly), using and filling the thread's word cache.
    #[cfg(test)]
    pub(super) fn scores(&self, tokens: &[&str]) -> Vec<[f32; T]> {
        self.scores_and_matches(tokens).0
    }

    /// [`Tagger::scores`] and, per token, where it sits in the gazetteer's matches of each
    /// kind (worked out for the features anyway).
    pub(super) fn scores_and_matches(
        &self,
        tokens: &[&str],
    ) -> (Vec<[f32; T]>, Vec<[Position; 3]>) {
        WORDS.with(|cache| {
            let mut cache = cache.borrow_mut();
            self.scores_with(&mut cache, tokens)
        })
    }

    fn scores_with(
        &self,
        cache: &mut WordCache,
        tokens: &[&str],
    ) -> (Vec<[f32; T]>, Vec<[Position; 3]>) {
        let mut scratch = Vec::with_capacity(64);
        if cache.model != Some(self.id) || cache.infos.len() > MAX_CACHED_WORDS {
            cache.map.clear();
            cache.infos.clear();
            cache
                .infos
                .push(self.word_info(Err(Edge::Start), &mut scratch));
            cache
                .infos
                .push(self.word_info(Err(Edge::End), &mut scratch));
            cache.tables = self.tables();
            cache.model = Some(self.id);
        }
        let n = tokens.len();
        // Word indices with the stand-ins around: idx[i + 2] is token i.
        let mut idx = Vec::with_capacity(n + 4);
        idx.extend([0u32, 0]);
        for &raw in tokens {
            let i = match cache.map.get(raw) {
                Some(&i) => i,
                None => {
                    let i = cache.infos.len() as u32;
                    let info = self.word_info(Ok(raw), &mut scratch);
                    cache.infos.push(info);
                    cache.map.insert(raw.into(), i);
                    i
                }
            };
            idx.push(i);
        }
        idx.extend([1u32, 1]);
        let infos = &cache.infos;
        let word = |i: usize| &infos[idx[i] as usize];
        let keys: Vec<&str> = (0..n).map(|i| &*word(i + 2).key).collect();
        let firsts: Vec<FirstToken> = (0..n).map(|i| word(i + 2).gaz).collect();
        let gaz = Gazetteer::embedded().positions_from(&keys, &firsts);

        let scale = self.scale;
        let mut out = Vec::with_capacity(n);
        // The pair features of every token first, then their weights: the lookups, which
        // wait on memory, then run back to back and overlap.
        let mut pair_features: Vec<u64> = Vec::with_capacity(n * 12);
        let mut ends: Vec<usize> = Vec::with_capacity(n);
        let mut base: Vec<[i32; T]> = Vec::with_capacity(n);
        for i in 0..n {
            let (pp, p, c, nx, nn) = (word(i), word(i + 1), word(i + 2), word(i + 3), word(i + 4));
            let mut sums = [0i32; T];
            for (role, w) in [
                (AT_SELF, c),
                (AT_PREV, p),
                (AT_NEXT, nx),
                (AT_PREV2, pp),
                (AT_NEXT2, nn),
            ] {
                for (sum, x) in sums.iter_mut().zip(w.at[role]) {
                    *sum += x;
                }
            }
            let tables = &cache.tables;
            for (t, sum) in sums.iter_mut().enumerate() {
                *sum += tables.cue_prev[usize::from(p.cue) * 16 + usize::from(c.cue)][t]
                    + tables.cue_next[usize::from(c.cue) * 16 + usize::from(nx.cue)][t]
                    + tables.names[usize::from(p.names) * 8 + usize::from(nx.names)][t];
            }
            let all_out = |j: usize| gaz[j] == [Position::Out; 3];
            if i > 0 && i + 1 < n && all_out(i - 1) && all_out(i) && all_out(i + 1) {
                for (sum, x) in sums.iter_mut().zip(tables.gaz_out) {
                    *sum += x;
                }
            } else {
                gazetteer_features(&mut pair_features, i, &gaz, p.cue, nx.cue);
            }
            other_pair_features(&mut pair_features, i, n, [pp, p, c, nx, nn]);
            ends.push(pair_features.len());
            base.push(sums);
        }
        let mut start = 0;
        for (mut sums, end) in base.into_iter().zip(ends) {
            self.add_weights(&pair_features[start..end], &mut sums);
            start = end;
            out.push(sums.map(|x| x as f32 * scale));
        }
        (out, gaz)
    }
}

/// The features of token `i` that combine two positions, given the gazetteer positions of
/// the sentence and the words from two before to two after `i`: those [`Tables`] sum
/// ([`cue_pair_features`], [`gazetteer_features`], [`name_pair_feature`]) and the rest
/// ([`other_pair_features`]).
#[cfg(test)]
fn pair_features(f: &mut Vec<u64>, i: usize, gaz: &[[Position; 3]], words: [&WordInfo; 5]) {
    let [_, p, c, nx, _] = words;
    f.extend(cue_pair_features(p.cue, c.cue, nx.cue));
    gazetteer_features(f, i, gaz, p.cue, nx.cue);
    f.push(name_pair_feature(p.names, nx.names));
    other_pair_features(f, i, gaz.len(), words);
}

/// The cue pairs around a token.
#[inline]
fn cue_pair_features(cp: u8, c0: u8, cn: u8) -> [u64; 2] {
    [
        fnum(27, u64::from(cp) * 16 + u64::from(c0)),
        fnum(28, u64::from(c0) * 16 + u64::from(cn)),
    ]
}

/// The given-name and surname bits of the words around a token.
#[inline]
fn name_pair_feature(prev: u8, next: u8) -> u64 {
    fnum(105, u64::from(prev) * 8 + u64::from(next))
}

/// Where token `i` and its neighbours sit in gazetteer matches of each kind.
fn gazetteer_features(f: &mut Vec<u64>, i: usize, gaz: &[[Position; 3]], cp: u8, cn: u8) {
    let n = gaz.len();
    for (k, &here) in gaz[i].iter().enumerate() {
        let p0 = position_code(here);
        let pp = if i > 0 {
            position_code(gaz[i - 1][k])
        } else {
            5
        };
        let pn = if i + 1 < n {
            position_code(gaz[i + 1][k])
        } else {
            5
        };
        f.push(fnum(30 + k as u64, p0));
        f.push(fnum(33 + k as u64 * 10, pp * 8 + p0));
        f.push(fnum(34 + k as u64 * 10, p0 * 8 + pn));
        if p0 != 0 {
            f.push(fnum(60 + k as u64, p0 * 256 + u64::from(cn)));
            f.push(fnum(63 + k as u64, p0 * 256 + u64::from(cp)));
        }
    }
}

/// The other features of token `i` (of `n`) that combine positions: word pairs, class and
/// cue, shape trigram, sentence edges.
fn other_pair_features(f: &mut Vec<u64>, i: usize, n: usize, words: [&WordInfo; 5]) {
    let [pp, p, c, nx, nn] = words;
    f.push(pair_hash(p.pair[0], c.hash));
    f.push(pair_hash(c.pair[1], nx.hash));
    if let Some((bits, len)) = c.class {
        let prefix = class_prefix(bits, len.min(6));
        f.push(fnum(90, (prefix << 8) | u64::from(p.cue)));
        f.push(fnum(91, (prefix << 8) | u64::from(nx.cue)));
    }
    f.push(fnum(18, p.shape * 1_000_000 + c.shape * 1000 + nx.shape));
    if i == 0 {
        f.push(fnum(20, 0));
    }
    if i + 1 == n {
        f.push(fnum(21, 0));
    }
    f.push(pair_hash(nx.pair[2], nn.hash));
    f.push(pair_hash(pp.pair[3], p.hash));
    f.push(pair_hash(p.pair[4], nx.hash));
}

/// Summed weights of the pair features with few values, by value.
struct Tables {
    /// Features 27 and 28 by `cue * 16 + cue` (cues are 4 bits).
    cue_prev: Vec<[i32; T]>,
    cue_next: Vec<[i32; T]>,
    /// Feature 105 by `names * 8 + names` (names are at most 4).
    names: Vec<[i32; T]>,
    /// The gazetteer features of a token inside a sentence with neither it nor its
    /// neighbours in any match.
    gaz_out: [i32; T],
}

impl Tagger {
    fn tables(&self) -> Tables {
        let sum = |f: &[u64]| {
            let mut s = [0i32; T];
            self.add_weights(f, &mut s);
            s
        };
        let cue_prev = (0..256u16)
            .map(|v| sum(&cue_pair_features((v / 16) as u8, (v % 16) as u8, 0)[..1]))
            .collect();
        let cue_next = (0..256u16)
            .map(|v| sum(&cue_pair_features(0, (v / 16) as u8, (v % 16) as u8)[1..]))
            .collect();
        let names = (0..64u8)
            .map(|v| sum(&[name_pair_feature(v / 8, v % 8)]))
            .collect();
        let mut f = Vec::new();
        gazetteer_features(&mut f, 1, &[[Position::Out; 3]; 3], 0, 0);
        Tables {
            cue_prev,
            cue_next,
            names,
            gaz_out: sum(&f),
        }
    }
}

/// The thread's cache of [`WordInfo`]s, for one model at a time.
struct WordCache {
    model: Option<u64>,
    map: FxHashMap<Box<str>, u32>,
    /// The start and end stand-ins, then the words of `map`.
    infos: Vec<WordInfo>,
    tables: Tables,
}

/// Past this many words the cache starts over (about 300 bytes a word).
const MAX_CACHED_WORDS: usize = 200_000;

thread_local! {
    static WORDS: RefCell<WordCache> = RefCell::new(WordCache {
        model: None,
        map: FxHashMap::default(),
        infos: Vec::new(),
        tables: Tables {
            cue_prev: Vec::new(),
            cue_next: Vec::new(),
            names: Vec::new(),
            gaz_out: [0; T],
        },
    });
}

/// The features [`Tagger::scores`] sums for token `i` (its words' groups and its pair
/// features), for the tests against [`Context::features`].
#[cfg(test)]
pub(super) fn grouped_features(tagger: &Tagger, tokens: &[&str], i: usize) -> Vec<u64> {
    let mut scratch = Vec::new();
    let n = tokens.len() as isize;
    let at = |j: isize| -> Result<&str, Edge> {
        if j < 0 {
            Err(Edge::Start)
        } else if j >= n {
            Err(Edge::End)
        } else {
            Ok(tokens[j as usize])
        }
    };
    let ii = i as isize;
    let infos: Vec<WordInfo> = (ii - 2..=ii + 2)
        .map(|j| tagger.word_info(at(j), &mut scratch))
        .collect();
    let mut out = Vec::new();
    for (role, j) in [
        (AT_SELF, 2),
        (AT_PREV, 1),
        (AT_NEXT, 3),
        (AT_PREV2, 0),
        (AT_NEXT2, 4),
    ] {
        let w = &infos[j];
        let raw = at(ii + j as isize - 2);
        word_features(
            &mut out,
            role,
            &w.key,
            raw.is_ok_and(|r| r.contains('-')),
            w.cue,
            w.names,
            w.shape,
            w.class,
            raw.is_err(),
        );
    }
    let keys: Vec<String> = tokens.iter().map(|t| token_key(t)).collect();
    let gaz = Gazetteer::embedded().positions(&keys);
    pair_features(
        &mut out,
        i,
        &gaz,
        [&infos[0], &infos[1], &infos[2], &infos[3], &infos[4]],
    );
    out
}
