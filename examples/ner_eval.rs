//! Scores the entity tagger on a CoNLL file: exact-span precision, recall and F1 per kind and
//! overall, tagging speed and model load time; or K-fold cross-validates the training recipe.
//!
//! `cargo run --release --example ner_eval -- FILE [--cv K] [--data DIR] [--model FILE] [--seed ARTICLE.txt]`
//!
//! Without `--cv` the shipped model (`assets/ner/model.bin`) tags FILE. With `--cv K`, FILE's
//! sentences are cut into K contiguous folds; each fold is tagged by a model trained on
//! IL-NER train+dev and the other folds, and the counts are pooled. `--seed` prints what the
//! shipped model finds in a plain-text article.
//!
//! With `--cv`, `KHABAR_NER_NEWS_FRACTION=0.5` trains on half the other folds only (a
//! learning curve), `KHABAR_NER_BIAS_GRID` scores extra biases, `KHABAR_NER_DUMP=FILE` keeps
//! the predictions; the recipe's own knobs are in `ner_common`.

mod ner_common;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use khabar::extract::Tag;
use khabar::extract::tagger::Tagger;
use ner_common::{Score, Sentence};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ner_eval: {e}");
            ExitCode::FAILURE
        }
    }
}

const USAGE: &str =
    "usage: ner_eval FILE [--cv K] [--data DIR] [--model FILE] [--seed ARTICLE.txt]";

fn run() -> Result<(), String> {
    let mut file = None;
    let mut cv = None;
    let mut data = None;
    let mut seed = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--cv" => {
                let k: usize = args
                    .next()
                    .and_then(|k| k.parse().ok())
                    .ok_or("--cv needs a number of folds")?;
                if k < 2 {
                    return Err("--cv needs at least 2 folds".into());
                }
                cv = Some(k);
            }
            "--data" => data = Some(args.next().ok_or("--data needs a directory")?),
            "--model" => {
                let path = PathBuf::from(args.next().ok_or("--model needs a file")?);
                let bytes = std::fs::read(&path)
                    .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
                let t = Instant::now();
                let tagger = Tagger::from_bytes(&bytes)
                    .map_err(|e| format!("cannot load {}: {e}", path.display()))?;
                println!(
                    "model {} parsed in {:.1} ms",
                    path.display(),
                    t.elapsed().as_secs_f64() * 1e3
                );
                MODEL_FILE.set(tagger).map_err(|_| "--model given twice")?;
            }
            "--seed" => seed = Some(PathBuf::from(args.next().ok_or("--seed needs a file")?)),
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other if file.is_none() && !other.starts_with("--") => {
                file = Some(PathBuf::from(other))
            }
            other => return Err(format!("unknown argument {other}; {USAGE}")),
        }
    }
    if file.is_none() && seed.is_none() {
        return Err(USAGE.into());
    }
    if let Some(file) = &file {
        let sentences = ner_common::read_conll(file)?;
        let tokens: usize = sentences.iter().map(|s| s.0.len()).sum();
        println!(
            "{}: {} sentences, {tokens} tokens",
            file.display(),
            sentences.len()
        );
        match cv {
            None => shipped(&sentences)?,
            Some(k) => cross_validate(&sentences, k, &ner_common::data_dir(data.clone()))?,
        }
    }
    if let Some(seed) = &seed {
        show_article(seed)?;
    }
    Ok(())
}

/// A model given with `--model`, used instead of the shipped one.
static MODEL_FILE: std::sync::OnceLock<Tagger> = std::sync::OnceLock::new();

fn load_shipped() -> Result<&'static Tagger, String> {
    if let Some(tagger) = MODEL_FILE.get() {
        return Ok(tagger);
    }
    let t = Instant::now();
    let gazetteer = khabar::extract::gazetteer::Gazetteer::embedded();
    println!(
        "gazetteer load time: {:.1} ms (e.g. टीएएसएस is {:?})",
        t.elapsed().as_secs_f64() * 1e3,
        gazetteer.kind_of("टीएएसएस")
    );
    let t = Instant::now();
    let tagger = Tagger::embedded().map_err(|e| format!("cannot load the shipped model: {e}"))?;
    println!(
        "model load time: {:.1} ms ({} features, {} word classes)",
        t.elapsed().as_secs_f64() * 1e3,
        tagger.feature_count(),
        tagger.word_class_count()
    );
    Ok(tagger)
}

fn shipped(sentences: &[Sentence]) -> Result<(), String> {
    let tagger = load_shipped()?;
    let (score, bytes, seconds) = ner_common::evaluate(tagger, sentences);
    score.print("shipped model, exact-span scores:");
    for (by, bias) in bias_grid() {
        let mut shifted = tagger.clone();
        shifted.shift_bias(bias);
        let (score, _, _) = ner_common::evaluate(&shifted, sentences);
        score.print(&format!("with bias {by} more:"));
    }
    println!(
        "tagging speed: {:.2} MB/s ({bytes} bytes of tokens in {:.3} s)",
        bytes as f64 / 1e6 / seconds,
        seconds
    );
    Ok(())
}

fn cross_validate(sentences: &[Sentence], k: usize, data: &std::path::Path) -> Result<(), String> {
    let mut base = ner_common::ilner_train_dev(data)?;
    let (extra_news, extra_base) = ner_common::extra_data(data)?;
    println!(
        "extra training data: {} corpus sentences (news), {} HiNER wiki sentences",
        extra_news.len(),
        extra_base.len()
    );
    base.extend(extra_base);
    let classes = ner_common::word_classes(data)?;
    let options = ner_common::train_options(classes);
    let docs = if ner_common::self_training_margin().is_some() {
        ner_common::unlabelled_news(data)
    } else {
        Vec::new()
    };
    let n = sentences.len();
    let mut pooled = Score::default();
    // Extra O biases to score too (on top of the recipe's), e.g. KHABAR_NER_BIAS_GRID=1,2,4.
    let grid = bias_grid();
    let mut grid_scores = vec![Score::default(); grid.len()];
    let mut f1s = Vec::new();
    let (mut bytes, mut seconds) = (0, 0.0);
    // KHABAR_NER_DUMP=FILE writes every fold's predictions (`word gold predicted`, CoNLL).
    let mut dump = String::new();
    for fold in 0..k {
        let (lo, hi) = (fold * n / k, (fold + 1) * n / k);
        let news: Vec<Sentence> = sentences[..lo]
            .iter()
            .chain(&sentences[hi..])
            .cloned()
            .collect();
        // KHABAR_NER_NEWS_FRACTION=F trains on the first F of the other folds only: a
        // learning curve, to see what more annotated news would bring.
        let fraction: f64 = std::env::var("KHABAR_NER_NEWS_FRACTION")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(1.0);
        let keep = ((news.len() as f64) * fraction.clamp(0.0, 1.0)).round() as usize;
        let mut news = news[..keep].to_vec();
        news.extend(extra_news.iter().cloned());
        let train = ner_common::training_set(&base, &news);
        let t = Instant::now();
        let tagger = ner_common::train(&train, &options);
        let tagger =
            ner_common::self_train(&tagger, &base, &news, &options, &docs).unwrap_or(tagger);
        let trained = t.elapsed().as_secs_f64();
        for (g, (_, bias)) in grid.iter().enumerate() {
            let mut shifted = tagger.clone();
            shifted.shift_bias(*bias);
            grid_scores[g].merge(&ner_common::evaluate(&shifted, &sentences[lo..hi]).0);
        }
        let (score, b, s) = ner_common::evaluate(&tagger, &sentences[lo..hi]);
        if std::env::var_os("KHABAR_NER_DUMP").is_some() {
            dump_predictions(&tagger, &sentences[lo..hi], &mut dump);
        }
        if std::env::var_os("KHABAR_NER_ERRORS").is_some() && fold == 0 {
            print_errors(&tagger, &sentences[lo..hi]);
        }
        println!(
            "fold {}/{k}: sentences {lo}..{hi}, trained in {trained:.1} s, F1 {:.4}",
            fold + 1,
            score.f1()
        );
        f1s.push(score.f1());
        pooled.merge(&score);
        bytes += b;
        seconds += s;
    }
    if let Some(path) = std::env::var_os("KHABAR_NER_DUMP") {
        std::fs::write(&path, dump).map_err(|e| format!("cannot write the dump: {e}"))?;
    }
    pooled.print(&format!(
        "{k}-fold cross-validation, pooled exact-span scores:"
    ));
    for ((by, _), score) in grid.iter().zip(&grid_scores) {
        score.print(&format!("pooled, with bias {by} more:"));
    }
    println!(
        "mean of fold F1: {:.4}",
        f1s.iter().sum::<f64>() / f1s.len() as f64
    );
    println!("tagging speed: {:.2} MB/s", bytes as f64 / 1e6 / seconds);
    Ok(())
}

/// Splits text simply: on whitespace, with , . । “ ” " ? ! : ; ( ) as tokens of their own;
/// hyphenated words stay whole. Paragraphs and । ? ! end sentences.
fn simple_sentences(text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for para in text.split("\n\n") {
        let mut sentence = Vec::new();
        for word in para.split_whitespace() {
            let mut current = String::new();
            for c in word.chars() {
                if matches!(
                    c,
                    ',' | '.' | '।' | '“' | '”' | '"' | '?' | '!' | ':' | ';' | '(' | ')'
                ) {
                    if !current.is_empty() {
                        sentence.push(std::mem::take(&mut current));
                    }
                    sentence.push(c.to_string());
                    if matches!(c, '।' | '?' | '!' | '.') {
                        out.push(std::mem::take(&mut sentence));
                    }
                } else {
                    current.push(c);
                }
            }
            if !current.is_empty() {
                sentence.push(current);
            }
        }
        if !sentence.is_empty() {
            out.push(sentence);
        }
    }
    out.retain(|s| !s.is_empty());
    out
}

fn show_article(path: &std::path::Path) -> Result<(), String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let tagger = load_shipped()?;
    let mut found: Vec<(String, &'static str, usize)> = Vec::new();
    for sentence in simple_sentences(&text) {
        let tokens: Vec<&str> = sentence.iter().map(String::as_str).collect();
        let tags = tagger.tag(&tokens);
        debug_assert!(tags.len() == tokens.len());
        for (s, e, kind) in ner_common::spans(&tags) {
            let name = tokens[s..e].join(" ");
            match found
                .iter_mut()
                .find(|(n, l, _)| *n == name && *l == kind.label())
            {
                Some(entry) => entry.2 += 1,
                None => found.push((name, kind.label(), 1)),
            }
        }
    }
    println!("{}: entities the shipped model finds", path.display());
    for label in ["PER", "LOC", "ORG"] {
        let names: Vec<String> = found
            .iter()
            .filter(|(_, l, _)| *l == label)
            .map(|(n, _, c)| {
                if *c > 1 {
                    format!("{n} ×{c}")
                } else {
                    n.clone()
                }
            })
            .collect();
        println!("  {label}: {}", names.join(", "));
    }
    let _ = Tag::O;
    Ok(())
}

/// Appends `word TAB gold TAB predicted` lines, a blank line after each sentence.
fn dump_predictions(tagger: &Tagger, sentences: &[Sentence], out: &mut String) {
    for (words, gold) in sentences {
        let tokens: Vec<&str> = words.iter().map(String::as_str).collect();
        let pred = tagger.tag(&tokens);
        for ((w, g), p) in tokens.iter().zip(gold).zip(&pred) {
            out.push_str(&format!("{w}\t{}\t{}\n", g.to_conll(), p.to_conll()));
        }
        out.push('\n');
    }
}

/// Prints the spans a model misses or adds (for error analysis).
fn print_errors(tagger: &Tagger, sentences: &[Sentence]) {
    for (words, gold) in sentences {
        let tokens: Vec<&str> = words.iter().map(String::as_str).collect();
        let pred = tagger.tag(&tokens);
        let g = ner_common::spans(gold);
        let p = ner_common::spans(&pred);
        for (label, found, against) in [("MISS", &g, &p), ("EXTRA", &p, &g)] {
            for s in found.iter().filter(|s| !against.contains(s)) {
                let ctx = tokens[s.0.saturating_sub(2)..(s.1 + 2).min(tokens.len())].join(" ");
                println!(
                    "{label} {} [{}]  ({ctx})",
                    s.2.label(),
                    tokens[s.0..s.1].join(" ")
                );
            }
        }
    }
}

/// Extra biases to score besides the model's own, from `KHABAR_NER_BIAS_GRID`: comma-separated
/// items, each `+`-separated terms: `N` lowers `O` by N more, `pN`/`lN`/`gN` raise the person,
/// place or organization tags by N ("4,p2,4+p2").
fn bias_grid() -> Vec<(String, [f32; 7])> {
    std::env::var("KHABAR_NER_BIAS_GRID")
        .unwrap_or_default()
        .split(',')
        .filter_map(|item| {
            let item = item.trim();
            let mut bias = [0f32; 7];
            for term in item.split('+') {
                let (tags, value): (&[usize], &str) = match term.chars().next()? {
                    'p' => (&[1, 2], &term[1..]),
                    'l' => (&[3, 4], &term[1..]),
                    'g' => (&[5, 6], &term[1..]),
                    _ => (&[0], term),
                };
                let v: f32 = value.parse().ok()?;
                for &t in tags {
                    bias[t] += if t == 0 { -v } else { v };
                }
            }
            Some((item.to_string(), bias))
        })
        .collect()
}
