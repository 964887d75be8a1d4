//! The statistical named-entity tagger: an averaged structured perceptron over hashed word,
//! affix, shape, cue, gazetteer and word-class features, decoded with Viterbi under BIO
//! constraints, and its compact model file (`assets/ner/model.bin`).

use std::sync::LazyLock;
use std::sync::atomic::{AtomicU64, Ordering};

use thiserror::Error;

use super::gazetteer::{Gazetteer, Position, finish, hash_str, token_key};
use super::{Kind, Tag};

mod decode;
mod fast;
mod train;

pub use train::TrainOptions;

use decode::{can_bound, span_margins_after, split_glued, viterbi_scored};

/// Number of tags (`Tag::ALL`).
const T: usize = 7;
/// Row of the transition matrix used for the sentence start.
const START: usize = T;

const MAGIC: &[u8; 8] = b"KHABNER\0";
const VERSION: u32 = 1;

static EMBEDDED_BYTES: &[u8] = include_bytes!("../../assets/ner/model.bin");
static EMBEDDED: LazyLock<Result<Tagger, ModelError>> =
    LazyLock::new(|| Tagger::from_bytes(EMBEDDED_BYTES));

/// Why a model file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ModelError {
    #[error("not an entity model for khabar (the file does not start with the model header)")]
    BadMagic,
    #[error("entity model version {0} is not supported (expected {VERSION})")]
    Version(u32),
    #[error("the entity model file is cut short")]
    Truncated,
    #[error("the entity model file is corrupt: {0}")]
    Corrupt(&'static str),
}

/// An open-addressing table from 64-bit keys to dense indices.
#[derive(Debug, Clone)]
struct KeyTable {
    keys: Vec<u64>,
    slots: Vec<u32>,
    mask: usize,
}

impl KeyTable {
    fn with_keys(keys: &[u64]) -> KeyTable {
        let size = (keys.len() * 2).next_power_of_two().max(16);
        let mut table = KeyTable {
            keys: vec![0; size],
            slots: vec![u32::MAX; size],
            mask: size - 1,
        };
        for (i, &k) in keys.iter().enumerate() {
            let mut at = (k as usize) & table.mask;
            while table.slots[at] != u32::MAX {
                at = (at + 1) & table.mask;
            }
            table.keys[at] = k;
            table.slots[at] = i as u32;
        }
        table
    }

    #[inline]
    fn get(&self, k: u64) -> Option<usize> {
        let mut at = (k as usize) & self.mask;
        loop {
            let slot = self.slots[at];
            if slot == u32::MAX {
                return None;
            }
            if self.keys[at] == k {
                return Some(slot as usize);
            }
            at = (at + 1) & self.mask;
        }
    }
}

/// The model's features and their quantised weights, packed for lookups: the entries
/// (a key and its weights side by side, 24 bytes) sorted by bucket (the key's top bits) with
/// an offset per bucket. About two keys share a bucket, so a lookup reads one offset (from a
/// table small enough to stay in cache) and the bucket's entries, whose weights come in the
/// same cache line as the key that matched: one trip to memory for a hit, not two.
///
/// Most features looked up are not in the model (word pairs above all), so a bit per
/// [`FILTER_BITS`] position of the key's low bits, set for the model's keys, turns most of
/// them away first: 128 KB that stay in the core's own cache, where the offsets and entries
/// are a trip to the shared one.
#[derive(Debug, Clone)]
struct WeightTable {
    /// Bit `k & (FILTER_BITS - 1)` is set for every key `k`.
    filter: Vec<u64>,
    /// Bucket `b` holds `entries[offsets[b]..offsets[b + 1]]`.
    offsets: Vec<u32>,
    entries: Vec<WeightEntry>,
    /// 64 minus the number of bucket bits.
    shift: u32,
}

/// A feature's key and its weights, `weight / scale` per tag.
#[derive(Debug, Clone, Copy)]
#[repr(C, align(8))]
struct WeightEntry {
    key: u64,
    q: [i16; T],
}

impl WeightTable {
    fn new(keys: &[u64], weights: impl Iterator<Item = [i16; T]>) -> WeightTable {
        let bits = (keys.len() / 2)
            .max(1)
            .next_power_of_two()
            .trailing_zeros()
            .max(4);
        let shift = 64 - bits;
        let mut entries: Vec<WeightEntry> = keys
            .iter()
            .copied()
            .zip(weights)
            .map(|(key, q)| WeightEntry { key, q })
            .collect();
        // Sorted by bucket, then key: the first of duplicate keys wins, as in the file.
        entries.sort_by_key(|e| (e.key >> shift, e.key));
        entries.dedup_by_key(|e| e.key);
        let mut offsets = vec![0u32; (1usize << bits) + 1];
        for e in &entries {
            offsets[(e.key >> shift) as usize + 1] += 1;
        }
        for b in 1..offsets.len() {
            offsets[b] += offsets[b - 1];
        }
        let mut filter = vec![0u64; FILTER_BITS / 64];
        for e in &entries {
            let bit = (e.key as usize) & (FILTER_BITS - 1);
            filter[bit / 64] |= 1 << (bit % 64);
        }
        WeightTable {
            filter,
            offsets,
            entries,
            shift,
        }
    }

    /// The range of `entries` that may hold `k`.
    #[inline]
    fn bucket(&self, k: u64) -> std::ops::Range<usize> {
        let b = (k >> self.shift) as usize;
        self.offsets[b] as usize..self.offsets[b + 1] as usize
    }

    fn get_mut(&mut self, k: u64) -> Option<&mut [i16; T]> {
        let range = self.bucket(k);
        self.entries[range]
            .iter_mut()
            .find(|e| e.key == k)
            .map(|e| &mut e.q)
    }

    #[inline]
    fn get(&self, k: u64) -> Option<&[i16; T]> {
        let bit = (k as usize) & (FILTER_BITS - 1);
        if self.filter[bit / 64] & (1 << (bit % 64)) == 0 {
            return None;
        }
        let range = self.bucket(k);
        self.entries[range]
            .iter()
            .find(|e| e.key == k)
            .map(|e| &e.q)
    }
}

/// The size of [`WeightTable`]'s filter, in bits (a power of two).
const FILTER_BITS: usize = 1 << 20;

/// Quantises weights to the i16 grid of step `scale`.
fn quantise(wf: &[f32; T], scale: f32) -> [i16; T] {
    let mut q = [0i16; T];
    for (x, w) in q.iter_mut().zip(wf) {
        *x = (w / scale).round().clamp(-32767.0, 32767.0) as i16;
    }
    q
}

/// The tagger: feature weights per tag, tag transitions, and the word classes it uses.
#[derive(Debug, Clone)]
pub struct Tagger {
    /// Feature hashes, in the order of the model file.
    feature_keys: Vec<u64>,
    /// Their weights, quantised (`weight / scale`).
    table: WeightTable,
    /// Quantisation step of the weights (the file stores `weight / scale` as i16).
    scale: f32,
    /// `transitions[prev][cur]`, with row [`START`] for the first token.
    transitions: [[f32; T]; T + 1],
    /// Word-class hashes (of folded words) and their (bits, length) paths.
    class_keys: Vec<u64>,
    class_paths: Vec<(u32, u8)>,
    class_table: KeyTable,
    /// Tells models apart in the per-thread word cache of [`Tagger::scores`].
    id: u64,
}

/// A new [`Tagger::id`].
fn next_model_id() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

// ---------------------------------------------------------------------------------------
// Features

/// What the features of a sentence are computed from, per token.
struct Context<'a> {
    keys: Vec<String>,
    raw: &'a [&'a str],
    gaz: Vec<[Position; 3]>,
    /// Bits: 1 title, 2 postposition, 4 org head, 8 name part.
    cues: Vec<u8>,
    shapes: Vec<u64>,
    classes: Vec<Option<(u32, u8)>>,
    /// Bits: 1 given name, 2 surname (of listed person names).
    names: Vec<u8>,
}

const CUE_TITLE: u8 = 1;
const CUE_POSTP: u8 = 2;
const CUE_ORG_HEAD: u8 = 4;
const CUE_NAME: u8 = 8;

/// The cue bits of a token key.
fn cue_bits(gazetteer: &Gazetteer, key: &str) -> u8 {
    let mut cue = 0;
    for (on, bit) in [
        (gazetteer.key_is_title(key), CUE_TITLE),
        (gazetteer.key_is_postposition(key), CUE_POSTP),
        (gazetteer.key_is_org_head(key), CUE_ORG_HEAD),
        (gazetteer.key_is_name_part(key), CUE_NAME),
    ] {
        if on {
            cue |= bit;
        }
    }
    cue
}

/// The name-list bits of a token key: 1 given name, 2 surname.
fn name_bits(gazetteer: &Gazetteer, key: &str) -> u8 {
    u8::from(gazetteer.key_is_first_name(key)) | (u8::from(gazetteer.key_is_surname(key)) << 1)
}

/// Coarse shape of a word: the classes of its characters, runs collapsed, at most 4 runs.
fn shape(word: &str) -> u64 {
    let mut out = 0u64;
    let mut last = 0u64;
    let mut runs = 0;
    for c in word.chars() {
        let class = match c {
            '0'..='9' | '\u{966}'..='\u{96f}' => 1,
            'a'..='z' | 'A'..='Z' => 2,
            '\u{900}'..='\u{963}' | '\u{970}'..='\u{97f}' => 3,
            '-' => 4,
            '.' => 5,
            c if c.is_alphabetic() => 6,
            _ => 7,
        };
        if class != last {
            runs += 1;
            if runs > 4 {
                break;
            }
            out = out * 8 + class;
            last = class;
        }
    }
    out
}

fn position_code(p: Position) -> u64 {
    match p {
        Position::Out => 0,
        Position::Single => 1,
        Position::Begin => 2,
        Position::Inside => 3,
        Position::Last => 4,
    }
}

/// Feature hash of a template with a string value.
#[inline]
fn fs(template: u64, value: &str) -> u64 {
    hash_str(template.wrapping_mul(0x9e37_79b9_7f4a_7c15), value)
}

/// Feature hash of a template with a number value.
#[inline]
fn fnum(template: u64, value: u64) -> u64 {
    finish(
        template.wrapping_mul(0x9e37_79b9_7f4a_7c15)
            ^ value.wrapping_mul(0xd6e8_feb8_6659_fd93)
            ^ 0x5555,
    )
}

/// Feature hash of a template with two string values: the first hashed with the template
/// ([`fs`]), the second by itself ([`word_hash`]), then the two mixed, so that tagging hashes
/// each distinct word once and each pair with a few multiplications.
#[inline]
fn fs2(template: u64, a: &str, b: &str) -> u64 {
    pair_hash(fs(template, a), word_hash(b))
}

/// A word's hash, the second half of [`fs2`].
#[inline]
fn word_hash(w: &str) -> u64 {
    hash_str(0x7a3d_51c2_90e4_b86f, w)
}

/// Mixes [`fs`] of a pair's first word with [`word_hash`] of its second.
#[inline]
fn pair_hash(first: u64, second: u64) -> u64 {
    finish(first.rotate_left(23) ^ second.wrapping_mul(0x9fb2_1c65_1e98_df25))
}

const BOS: &str = "<s>";
const EOS: &str = "</s>";

impl<'a> Context<'a> {
    fn new(
        tokens: &'a [&'a str],
        gazetteer: &Gazetteer,
        tagger_classes: &dyn Fn(&str) -> Option<(u32, u8)>,
    ) -> Context<'a> {
        let keys: Vec<String> = tokens.iter().map(|t| token_key(t)).collect();
        let gaz = gazetteer.positions(&keys);
        let cues = keys.iter().map(|k| cue_bits(gazetteer, k)).collect();
        let shapes = keys.iter().map(|k| shape(k)).collect();
        let classes = keys.iter().map(|k| tagger_classes(k)).collect();
        let names = keys.iter().map(|k| name_bits(gazetteer, k)).collect();
        Context {
            keys,
            raw: tokens,
            gaz,
            cues,
            shapes,
            classes,
            names,
        }
    }

    fn len(&self) -> usize {
        self.keys.len()
    }

    fn key(&self, i: isize) -> &str {
        if i < 0 {
            BOS
        } else if i as usize >= self.keys.len() {
            EOS
        } else {
            &self.keys[i as usize]
        }
    }

    fn cue(&self, i: isize) -> u8 {
        if i < 0 || i as usize >= self.cues.len() {
            0
        } else {
            self.cues[i as usize]
        }
    }

    fn shape(&self, i: isize) -> u64 {
        if i < 0 || i as usize >= self.shapes.len() {
            99
        } else {
            self.shapes[i as usize]
        }
    }

    /// Pushes the feature hashes of token `i` into `out` (which should start empty) and
    /// returns how many of them, at the front, describe the token's own identity (the word
    /// itself, its gazetteer matches and word class): training drops those now and then so
    /// that the model also learns the contextual cues unseen names have to be found by.
    fn features(&self, i: usize, out: &mut Vec<u64>) -> usize {
        let n = self.len() as isize;
        let ii = i as isize;
        let w = self.key(ii);
        let (c0, cp, cpp, cn, cnn) = (
            self.cue(ii),
            self.cue(ii - 1),
            self.cue(ii - 2),
            self.cue(ii + 1),
            self.cue(ii + 2),
        );
        // Identity of the token.
        out.push(fs(2, w));
        out.push(fs2(7, self.key(ii - 1), w));
        out.push(fs2(8, w, self.key(ii + 1)));
        out.push(fnum(22, u64::from(c0)));
        out.push(fnum(27, u64::from(cp) * 16 + u64::from(c0)));
        out.push(fnum(28, u64::from(c0) * 16 + u64::from(cn)));
        out.push(fnum(100, u64::from(self.names[i])));
        for (k, _) in Kind::ALL.iter().enumerate() {
            let p0 = position_code(self.gaz[i][k]);
            let pp = if i > 0 {
                position_code(self.gaz[i - 1][k])
            } else {
                5
            };
            let pn = if i + 1 < self.gaz.len() {
                position_code(self.gaz[i + 1][k])
            } else {
                5
            };
            out.push(fnum(30 + k as u64, p0));
            out.push(fnum(33 + k as u64 * 10, pp * 8 + p0));
            out.push(fnum(34 + k as u64 * 10, p0 * 8 + pn));
            if p0 != 0 {
                out.push(fnum(60 + k as u64, p0 * 256 + u64::from(cn)));
                out.push(fnum(63 + k as u64, p0 * 256 + u64::from(cp)));
            }
        }
        match self.classes[i] {
            Some((bits, len)) => {
                push_class_features(out, 70, bits, len);
                let prefix = class_prefix(bits, len.min(6));
                out.push(fnum(90, (prefix << 8) | u64::from(cp)));
                out.push(fnum(91, (prefix << 8) | u64::from(cn)));
            }
            None => out.push(fnum(70, 0)),
        }
        let identity = out.len();

        // Form of the token: affixes, shape, length (these stay for unseen words).
        let chars = push_form_features(out, w);
        out.push(fnum(17, self.shape(ii)));
        out.push(fnum(
            18,
            self.shape(ii - 1) * 1_000_000 + self.shape(ii) * 1000 + self.shape(ii + 1),
        ));
        out.push(fnum(19, chars.min(8) as u64));
        if self.raw[i].contains('-') {
            out.push(fnum(37, 0));
        }

        // Context: the words, cues, name lists and word classes around.
        out.push(fs(3, self.key(ii - 1)));
        out.push(fs(4, self.key(ii + 1)));
        out.push(fs(5, self.key(ii - 2)));
        out.push(fs(6, self.key(ii + 2)));
        out.push(fs2(102, self.key(ii + 1), self.key(ii + 2)));
        out.push(fs2(103, self.key(ii - 2), self.key(ii - 1)));
        out.push(fs2(104, self.key(ii - 1), self.key(ii + 1)));
        for (t, j) in [(35u64, ii - 1), (36, ii + 1)] {
            let v = self.key(j);
            let start = v.char_indices().rev().nth(1).map_or(0, |(b, _)| b);
            out.push(fs(t, &v[start..]));
        }
        if i == 0 {
            out.push(fnum(20, 0));
        }
        if ii == n - 1 {
            out.push(fnum(21, 0));
        }
        out.push(fnum(23, u64::from(cp)));
        out.push(fnum(24, u64::from(cn)));
        out.push(fnum(25, u64::from(cpp)));
        out.push(fnum(26, u64::from(cnn)));
        let name_at = |j: isize| {
            if j < 0 || j >= n {
                4
            } else {
                u64::from(self.names[j as usize])
            }
        };
        out.push(fnum(105, name_at(ii - 1) * 8 + name_at(ii + 1)));
        for (t, j) in [(75u64, ii - 1), (80, ii + 1)] {
            let class = if j < 0 || j >= n {
                None
            } else {
                self.classes[j as usize]
            };
            match class {
                Some((bits, len)) => push_class_features(out, t, bits, len),
                None => out.push(fnum(t, if j < 0 || j >= n { 1 } else { 0 })),
            }
        }
        identity
    }
}

/// The first `depth` bits of a word class (its ancestor at that depth of the hierarchy).
fn class_prefix(bits: u32, depth: u8) -> u64 {
    if depth == 0 {
        0
    } else {
        u64::from(bits >> (32 - u32::from(depth)))
    }
}

/// The features of a word's form that stay for unseen words: a bias, its prefixes and
/// suffixes of up to 4 letters, and the marks of borrowed words (ॉ ऑ, nukta, virama).
/// Returns its length in letters.
fn push_form_features(out: &mut Vec<u64>, w: &str) -> usize {
    out.push(fnum(1, 0));
    let mut chars = 0;
    let mut foreign = 0u64;
    for (k, (b, c)) in w.char_indices().enumerate() {
        if (1..=4).contains(&k) {
            out.push(fs(8 + k as u64, &w[..b]));
        }
        chars = k + 1;
        foreign |= match c {
            '\u{949}' | '\u{911}' => 1,
            '\u{93c}' => 2,
            '\u{94d}' => 4,
            _ => 0,
        };
    }
    if (1..=4).contains(&chars) {
        out.push(fs(8 + chars as u64, w));
    }
    for (k, (b, _)) in w.char_indices().rev().take(4).enumerate() {
        out.push(fs(13 + k as u64, &w[b..]));
    }
    out.push(fnum(101, foreign));
    chars
}

/// Word-class features of template `base`: the class's ancestor at depth 6 and the whole
/// class (depth up to 32), each keyed by its depth.
fn push_class_features(out: &mut Vec<u64>, base: u64, bits: u32, len: u8) {
    for depth in [6u8, 32] {
        let d = depth.min(len);
        out.push(fnum(
            base + u64::from(depth / 4),
            (u64::from(d) << 32) | class_prefix(bits, d),
        ));
        if d == len {
            break;
        }
    }
}

/// Parses a bit-string path ("0110…") into (bits left-aligned in a u32, length ≤ 32).
fn parse_path(path: &str) -> Option<(u32, u8)> {
    let mut bits = 0u32;
    let mut len = 0u8;
    for c in path.chars().take(32) {
        let b = match c {
            '0' => 0,
            '1' => 1,
            _ => return None,
        };
        bits |= b << (31 - u32::from(len));
        len += 1;
    }
    Some((bits, len))
}

/// A name's confidence, 0–1, from the margin [`Tagger::tag_with_margins`] gives: half at a
/// margin of [`MARGIN_HALF`], near 1 for margins several times that.
pub fn confidence_of_margin(margin: f32) -> f32 {
    let m = margin.max(0.0);
    m / (m + MARGIN_HALF)
}

/// The margin (in the model's score units) at which a name's confidence is one half.
pub const MARGIN_HALF: f32 = 8.0;

impl Tagger {
    /// The model shipped in `assets/ner/model.bin`, parsed on first use.
    pub fn embedded() -> Result<&'static Tagger, ModelError> {
        EMBEDDED.as_ref().map_err(Clone::clone)
    }

    fn class_of(&self, key: &str) -> Option<(u32, u8)> {
        self.class_table
            .get(hash_str(0xc1a5, key))
            .map(|i| self.class_paths[i])
    }

    fn context<'a>(&self, tokens: &'a [&'a str]) -> Context<'a> {
        Context::new(tokens, Gazetteer::embedded(), &|k| self.class_of(k))
    }

    /// BIO tags for a tokenised sentence (tokens as written, punctuation as tokens of its
    /// own). The result is always a valid BIO sequence.
    pub fn tag(&self, tokens: &[&str]) -> Vec<Tag> {
        self.tag_with_matches(tokens).0
    }

    /// [`Tagger::tag`], and where each token sits in the gazetteer's matches of each kind
    /// (indexed like [`Kind::ALL`]), which tagging works out anyway.
    pub fn tag_with_matches(&self, tokens: &[&str]) -> (Vec<Tag>, Vec<[Position; 3]>) {
        if tokens.is_empty() {
            return (Vec::new(), Vec::new());
        }
        match split_glued(tokens) {
            None => self.tag_pieces(tokens),
            Some((pieces, spans)) => {
                let (tags, matches) = self.tag_pieces(&pieces);
                spans
                    .iter()
                    .map(|&(word, _)| (tags[word], matches[word]))
                    .unzip()
            }
        }
    }

    /// [`Tagger::tag_with_matches`], and for each token in a name the margin by which the
    /// model prefers the name to no name there (0 outside names): the best path's score
    /// minus the best path's without that span. [`confidence_of_margin`] maps it to 0–1.
    pub fn tag_with_margins(&self, tokens: &[&str]) -> (Vec<Tag>, Vec<[Position; 3]>, Vec<f32>) {
        if tokens.is_empty() {
            return (Vec::new(), Vec::new(), Vec::new());
        }
        match split_glued(tokens) {
            None => self.tag_pieces_scored(tokens, true),
            Some((pieces, spans)) => {
                let (tags, matches, margins) = self.tag_pieces_scored(&pieces, true);
                let mut out = (Vec::new(), Vec::new(), Vec::new());
                for &(word, _) in &spans {
                    out.0.push(tags[word]);
                    out.1.push(matches[word]);
                    out.2.push(margins[word]);
                }
                out
            }
        }
    }

    /// [`Tagger::tag_with_matches`] on tokens with no glued punctuation to split off.
    fn tag_pieces(&self, tokens: &[&str]) -> (Vec<Tag>, Vec<[Position; 3]>) {
        let (tags, matches, _) = self.tag_pieces_scored(tokens, false);
        (tags, matches)
    }

    fn tag_pieces_scored(
        &self,
        tokens: &[&str],
        margins: bool,
    ) -> (Vec<Tag>, Vec<[Position; 3]>, Vec<f32>) {
        let (scores, matches) = self.scores_and_matches(tokens);
        let inner_only: Vec<bool> = tokens.iter().map(|t| !can_bound(t)).collect();
        let (path, best) = viterbi_scored(&scores, &self.transitions, &inner_only);
        let margin = if margins {
            span_margins_after(&scores, &self.transitions, &inner_only, &path, &best)
        } else {
            Vec::new()
        };
        let tags = path.into_iter().map(|t| Tag::ALL[t]).collect();
        (tags, matches, margin)
    }

    /// Number of features the model keeps.
    pub fn feature_count(&self) -> usize {
        self.feature_keys.len()
    }

    /// Number of words with a distributional class.
    pub fn word_class_count(&self) -> usize {
        self.class_keys.len()
    }

    /// The model file: header, transitions, feature keys with i16 weights, word classes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out =
            Vec::with_capacity(32 + self.feature_keys.len() * 22 + self.class_keys.len() * 13);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        for row in &self.transitions {
            for x in row {
                out.extend_from_slice(&x.to_le_bytes());
            }
        }
        out.extend_from_slice(&(self.feature_keys.len() as u64).to_le_bytes());
        for k in &self.feature_keys {
            out.extend_from_slice(&k.to_le_bytes());
        }
        for &k in &self.feature_keys {
            let q = self.table.get(k).copied().unwrap_or([0; T]);
            for x in q {
                out.extend_from_slice(&x.to_le_bytes());
            }
        }
        out.extend_from_slice(&(self.class_keys.len() as u64).to_le_bytes());
        for k in &self.class_keys {
            out.extend_from_slice(&k.to_le_bytes());
        }
        for (bits, len) in &self.class_paths {
            out.extend_from_slice(&bits.to_le_bytes());
            out.push(*len);
        }
        out
    }

    /// Reads a model written by [`Tagger::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, ModelError> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(MAGIC.len())? != MAGIC {
            return Err(ModelError::BadMagic);
        }
        let version = r.u32()?;
        if version != VERSION {
            return Err(ModelError::Version(version));
        }
        let scale = f32::from_bits(r.u32()?);
        if !scale.is_finite() || scale <= 0.0 {
            return Err(ModelError::Corrupt("bad weight scale"));
        }
        let mut transitions = [[0f32; T]; T + 1];
        for row in &mut transitions {
            for x in row.iter_mut() {
                *x = f32::from_bits(r.u32()?);
            }
        }
        let nf = r.count(8 + 2 * T)?;
        let mut feature_keys = Vec::with_capacity(nf);
        for _ in 0..nf {
            feature_keys.push(r.u64()?);
        }
        let raw = r.take(nf * 2 * T)?;
        let weights = raw.chunks_exact(2 * T).map(|chunk| {
            let mut q = [0i16; T];
            for (t, x) in q.iter_mut().enumerate() {
                *x = i16::from_le_bytes([chunk[2 * t], chunk[2 * t + 1]]);
            }
            q
        });
        let table = WeightTable::new(&feature_keys, weights);
        let nc = r.count(13)?;
        let mut class_keys = Vec::with_capacity(nc);
        for _ in 0..nc {
            class_keys.push(r.u64()?);
        }
        let mut class_paths = Vec::with_capacity(nc);
        for _ in 0..nc {
            let bits = r.u32()?;
            let len = r.take(1)?[0];
            if len > 32 {
                return Err(ModelError::Corrupt("word class path longer than 32 bits"));
            }
            class_paths.push((bits, len));
        }
        if r.at != bytes.len() {
            return Err(ModelError::Corrupt("trailing bytes"));
        }
        Ok(Tagger {
            table,
            feature_keys,
            scale,
            transitions,
            class_table: KeyTable::with_keys(&class_keys),
            class_keys,
            class_paths,
            id: next_model_id(),
        })
    }
}

/// Reads little-endian values from a byte slice.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self.at.checked_add(n).ok_or(ModelError::Truncated)?;
        let out = self.bytes.get(self.at..end).ok_or(ModelError::Truncated)?;
        self.at = end;
        Ok(out)
    }

    fn u32(&mut self) -> Result<u32, ModelError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn u64(&mut self) -> Result<u64, ModelError> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }

    /// A count of items of `item_size` bytes each, checked against the bytes left.
    fn count(&mut self, item_size: usize) -> Result<usize, ModelError> {
        let n = usize::try_from(self.u64()?).map_err(|_| ModelError::Truncated)?;
        if n.checked_mul(item_size)
            .is_none_or(|need| need > self.bytes.len() - self.at)
        {
            return Err(ModelError::Truncated);
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::decode::{repair, viterbi};
    use super::*;

    fn sentence(spec: &str) -> (Vec<String>, Vec<Tag>) {
        spec.split_whitespace()
            .map(|pair| {
                let (w, t) = pair.split_once('/').unwrap_or((pair, "O"));
                (w.to_string(), Tag::from_conll(t))
            })
            .unzip()
    }

    fn tiny_model() -> Tagger {
        let data = vec![
            sentence("राष्ट्रपति/O पुतिन/B-PER ने/O मॉस्को/B-LOC में/O कहा/O"),
            sentence(
                "रूस/B-LOC की/O सुरक्षा/B-ORG परिषद/I-ORG के/O सचिव/O सर्गेई/B-PER शोइगु/I-PER ने/O कहा/O",
            ),
            sentence("टीएएसएस/B-ORG ने/O बताया/O"),
        ];
        let options = TrainOptions {
            epochs: 5,
            word_classes: vec![("पुतिन".into(), "0110".into())],
            ..TrainOptions::default()
        };
        Tagger::train(&data, &options)
    }

    fn is_valid_bio(tags: &[Tag]) -> bool {
        let mut prev = Tag::O;
        for &t in tags {
            if let Tag::I(k) = t
                && prev != Tag::B(k)
                && prev != Tag::I(k)
            {
                return false;
            }
            prev = t;
        }
        true
    }

    #[test]
    fn viterbi_output_is_valid_bio_even_when_scores_prefer_inside() {
        // Scores that, taken token by token, would give I-PER after O and I-LOC after B-PER.
        let mut scores = vec![[0f32; T]; 4];
        scores[0][0] = 5.0;
        scores[1][2] = 5.0;
        scores[2][1] = 5.0;
        scores[3][4] = 5.0;
        let path = viterbi(&scores, &[[0.0; T]; T + 1]);
        let tags: Vec<Tag> = path.into_iter().map(|t| Tag::ALL[t]).collect();
        assert!(is_valid_bio(&tags), "{tags:?}");
        let mut gold = vec![0, 2, 1, 4];
        repair(&mut gold);
        assert_eq!(gold, vec![0, 1, 1, 3]);
    }

    #[test]
    fn learns_and_tags_valid_bio() {
        let model = tiny_model();
        let tags = model.tag(&["टीएएसएस", "ने", "बताया"]);
        assert_eq!(tags[0], Tag::B(Kind::Organization));
        for s in [
            vec!["सर्गेई", "शोइगु", "ने", "कहा"],
            vec!["परिषद", "परिषद", "सचिव", "पुतिन", "शोइगु"],
            vec!["।"],
        ] {
            assert!(is_valid_bio(&model.tag(&s)));
        }
        assert!(model.tag(&[]).is_empty());
    }

    const SENTENCES: &[&str] = &[
        "रूस की सुरक्षा परिषद के सचिव सर्गेई शोइगु ने प्योंगयांग में उत्तर कोरिया के नेता किम जोंग-उन से मुलाकात की ।",
        "संयुक्त राज्य अमेरिका , “भाजपा” और डॉ. राव 6.2 <s> </s> - COVID-19 ज़्यादा",
        "पुतिन",
        "एक दो",
    ];

    #[test]
    fn grouped_features_are_the_features() {
        let model = Tagger::embedded().unwrap();
        for sentence in SENTENCES {
            let tokens: Vec<&str> = sentence.split(' ').collect();
            let ctx = model.context(&tokens);
            for i in 0..tokens.len() {
                let mut want = Vec::new();
                ctx.features(i, &mut want);
                let mut got = fast::grouped_features(model, &tokens, i);
                want.sort_unstable();
                got.sort_unstable();
                assert_eq!(got, want, "token {i} of {sentence}");
            }
        }
    }

    #[test]
    fn scores_are_the_exact_sums_of_the_features() {
        let model = Tagger::embedded().unwrap();
        for sentence in SENTENCES.iter().chain(SENTENCES) {
            let tokens: Vec<&str> = sentence.split(' ').collect();
            let ctx = model.context(&tokens);
            let scores = model.scores(&tokens);
            for (i, row) in scores.iter().enumerate() {
                let mut f = Vec::new();
                ctx.features(i, &mut f);
                let mut sums = [0i32; T];
                model.add_weights(&f, &mut sums);
                assert_eq!(*row, sums.map(|x| x as f32 * model.scale));
            }
        }
    }

    #[test]
    fn model_bytes_round_trip() {
        let model = tiny_model();
        let bytes = model.to_bytes();
        let back = Tagger::from_bytes(&bytes).unwrap();
        assert_eq!(back.to_bytes(), bytes);
        let s = [
            "रूस",
            "की",
            "सुरक्षा",
            "परिषद",
            "के",
            "सचिव",
            "सर्गेई",
            "शोइगु",
            "ने",
        ];
        assert_eq!(back.tag(&s), model.tag(&s));
        assert_eq!(back.word_class_count(), 1);
        assert!(matches!(
            Tagger::from_bytes(&bytes[..bytes.len() - 3]),
            Err(ModelError::Truncated)
        ));
        assert!(matches!(
            Tagger::from_bytes(b"NOTAMODEL-----------"),
            Err(ModelError::BadMagic)
        ));
    }
}
