//! Training the tagger: the averaged structured perceptron over the tagger's features, and
//! the options of a run. Only the `train_ner` and `ner_eval` examples and the tests train;
//! the reader loads the shipped model.

use super::decode::{repair, split_glued, spread_tags, viterbi};
use super::{
    KeyTable, START, T, Tag, Tagger, WeightTable, fnum, hash_str, next_model_id, parse_path,
    quantise, token_key,
};

/// How [`Tagger::train`] trains.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Passes over the training sentences.
    pub epochs: usize,
    /// Seed of the shuffle between epochs (training is deterministic for a given seed).
    pub seed: u64,
    /// Features seen fewer times than this in the training data are not used.
    pub min_feature_count: u32,
    /// Features whose largest absolute averaged weight is below this are dropped.
    pub prune_below: f32,
    /// Distributional word classes: (word, bit-string path such as Brown clusters give).
    /// Words are folded on use. May be empty.
    pub word_classes: Vec<(String, String)>,
    /// Chance, per token and epoch, that the token's identity features (the word itself, its
    /// gazetteer matches, its word class) are left out of training, so that contextual cues
    /// learn weight too. 0 keeps them all.
    pub identity_dropout: f32,
}

impl Default for TrainOptions {
    fn default() -> TrainOptions {
        TrainOptions {
            epochs: 10,
            seed: 0x6b68_6162_6172,
            min_feature_count: 1,
            prune_below: 0.05,
            word_classes: Vec::new(),
            identity_dropout: 0.0,
        }
    }
}

/// Sentences as the perceptron trains on them: per token, the number of identity features at
/// the front and the dense indices of all its features.
type TrainFeatures = [Vec<(usize, Vec<u32>)>];

/// The averaged structured perceptron over `feats` (gold tags in `golds`, `nf` features),
/// shuffled from `options.seed`: the averaged feature weights and transitions.
fn perceptron(
    feats: &TrainFeatures,
    golds: &[Vec<usize>],
    nf: usize,
    options: &TrainOptions,
) -> (Vec<[f32; T]>, [[f32; T]; T + 1]) {
    let mut w = vec![[0f32; T]; nf];
    let mut u = vec![[0f32; T]; nf];
    let mut tw = [[0f32; T]; T + 1];
    let mut tu = [[0f32; T]; T + 1];
    let mut c: f32 = 1.0;
    let mut order: Vec<usize> = (0..feats.len()).collect();
    let mut rng = Rng(options.seed | 1);
    let mut scores: Vec<[f32; T]> = Vec::new();
    let mut skip: Vec<usize> = Vec::new();
    let dropout = (f64::from(options.identity_dropout.clamp(0.0, 1.0)) * 2f64.powi(32)) as u64;
    for _ in 0..options.epochs {
        rng.shuffle(&mut order);
        for &s in &order {
            let sf = &feats[s];
            let gold = &golds[s];
            scores.clear();
            skip.clear();
            for (identity, _) in sf {
                let drop = dropout > 0 && (rng.next() >> 32) < dropout;
                skip.push(if drop { *identity } else { 0 });
            }
            for ((_, tf), &from) in sf.iter().zip(&skip) {
                let mut row = [0f32; T];
                for &f in &tf[from..] {
                    let wf = &w[f as usize];
                    for t in 0..T {
                        row[t] += wf[t];
                    }
                }
                scores.push(row);
            }
            let pred = viterbi(&scores, &tw);
            if pred != *gold {
                let mut prev_g = START;
                let mut prev_p = START;
                for (i, (_, tf)) in sf.iter().enumerate() {
                    let (g, p) = (gold[i], pred[i]);
                    if g != p {
                        for &f in &tf[skip[i]..] {
                            let f = f as usize;
                            w[f][g] += 1.0;
                            w[f][p] -= 1.0;
                            u[f][g] += c;
                            u[f][p] -= c;
                        }
                    }
                    if g != p || prev_g != prev_p {
                        tw[prev_g][g] += 1.0;
                        tw[prev_p][p] -= 1.0;
                        tu[prev_g][g] += c;
                        tu[prev_p][p] -= c;
                    }
                    prev_g = g;
                    prev_p = p;
                }
            }
            c += 1.0;
        }
    }
    // Average.
    for (wf, uf) in w.iter_mut().zip(&u) {
        for t in 0..T {
            wf[t] -= uf[t] / c;
        }
    }
    for (row, urow) in tw.iter_mut().zip(&tu) {
        for t in 0..T {
            row[t] -= urow[t] / c;
        }
    }
    (w, tw)
}

/// A small deterministic random generator (xorshift64*) for shuffling.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn shuffle<X>(&mut self, items: &mut [X]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

impl Tagger {
    /// Trains a tagger on tokenised sentences with their gold tags (an averaged structured
    /// perceptron; deterministic for given options). Invalid BIO in the gold is repaired.
    pub fn train(sentences: &[(Vec<String>, Vec<Tag>)], options: &TrainOptions) -> Tagger {
        // Word classes first: features depend on them.
        let mut class_keys = Vec::new();
        let mut class_paths = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (word, path) in &options.word_classes {
            let key = hash_str(0xc1a5, &token_key(word));
            if let Some(p) = parse_path(path)
                && seen.insert(key)
            {
                class_keys.push(key);
                class_paths.push(p);
            }
        }
        let class_table = KeyTable::with_keys(&class_keys);
        let mut model = Tagger {
            feature_keys: Vec::new(),
            table: WeightTable::new(&[], std::iter::empty()),
            scale: 1.0,
            transitions: [[0.0; T]; T + 1],
            class_keys,
            class_paths,
            class_table,
            id: next_model_id(),
        };

        // Feature hashes of every token, counted.
        let mut counts: std::collections::HashMap<u64, u32> = std::collections::HashMap::new();
        let mut hashed: Vec<Vec<(usize, Vec<u64>)>> = Vec::with_capacity(sentences.len());
        let mut golds: Vec<Vec<usize>> = Vec::with_capacity(sentences.len());
        for (words, tags) in sentences {
            if words.is_empty() || words.len() != tags.len() {
                continue;
            }

            let tokens: Vec<&str> = words.iter().map(String::as_str).collect();
            let (tokens, tags) = match split_glued(&tokens) {
                None => (tokens, tags.clone()),
                Some((pieces, spans)) => {
                    let tags = spread_tags(tags, &spans);
                    (pieces, tags)
                }
            };
            let ctx = model.context(&tokens);
            let mut per_token = Vec::with_capacity(tokens.len());
            for i in 0..tokens.len() {
                let mut f = Vec::with_capacity(96);
                let identity = ctx.features(i, &mut f);
                for &h in &f {
                    *counts.entry(h).or_insert(0) += 1;
                }
                per_token.push((identity, f));
            }
            hashed.push(per_token);
            let mut gold: Vec<usize> = tags.iter().map(|t| t.index()).collect();
            repair(&mut gold);
            golds.push(gold);
        }
        // Dense indices for the features kept.
        let mut keys: Vec<u64> = counts
            .iter()
            .filter(|&(_, &c)| c >= options.min_feature_count)
            .map(|(&k, _)| k)
            .collect();
        keys.sort_unstable();
        let index: std::collections::HashMap<u64, u32> = keys
            .iter()
            .enumerate()
            .map(|(i, &k)| (k, i as u32))
            .collect();
        drop(counts);
        // Per token: the number of identity features at the front, then all features kept.
        let feats: Vec<Vec<(usize, Vec<u32>)>> = hashed
            .into_iter()
            .map(|s| {
                s.into_iter()
                    .map(|(identity, f)| {
                        let kept_identity = f[..identity]
                            .iter()
                            .filter(|h| index.contains_key(h))
                            .count();
                        let f = f
                            .into_iter()
                            .filter_map(|h| index.get(&h).copied())
                            .collect();
                        (kept_identity, f)
                    })
                    .collect()
            })
            .collect();
        drop(index);

        let nf = keys.len();
        let (w, tw) = perceptron(&feats, &golds, nf, options);
        // Prune weak features and quantise to the i16 grid the file uses.
        let mut kept_keys = Vec::new();
        let mut kept = Vec::new();
        let mut top = 0f32;
        for (k, wf) in keys.iter().zip(&w) {
            let m = wf.iter().fold(0f32, |a, x| a.max(x.abs()));
            if m >= options.prune_below {
                kept_keys.push(*k);
                kept.push(*wf);
                top = top.max(m);
            }
        }
        let scale = if top > 0.0 { top / 32767.0 } else { 1.0 };
        model.table = WeightTable::new(&kept_keys, kept.iter().map(|wf| quantise(wf, scale)));
        model.feature_keys = kept_keys;
        model.scale = scale;
        model.transitions = tw;
        model.id = next_model_id();
        model
    }

    /// Adds `bias[t]` to the score of tag `t` at every token (through the always-present
    /// bias feature, rounded to the weight grid). A negative bias on `O` trades precision for
    /// recall: the perceptron, trained on text where most tokens are `O`, finds too few names.
    pub fn shift_bias(&mut self, bias: [f32; T]) {
        let key = fnum(1, 0);
        let scale = self.scale;
        let Some(q) = self.table.get_mut(key) else {
            return;
        };
        for (x, b) in q.iter_mut().zip(bias) {
            *x = (f32::from(*x) + b / scale).round().clamp(-32767.0, 32767.0) as i16;
        }
        // The per-thread word cache holds sums made with the old weight.
        self.id = next_model_id();
    }
}
