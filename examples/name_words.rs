//! Measures which words are mostly ordinary words rather than names, and writes the list
//! extraction uses to keep a one-word name from spreading over them (पूजा the name and पूजा
//! worship, कमल the name and the lotus).
//!
//! A word is ordinary when, in the annotated sets (IL-NER train+dev, HiNER dev and wiki), it
//! stands outside names at least `OUTSIDE` of the times it occurs (at least `MIN_SEEN`
//! times). The counts are written too: extraction treats a word never seen in a name more
//! strictly (it comes off a name's edge). The unlabelled count is for the reader of the
//! list only: a name the news repeats is frequent there too.
//!
//! `cargo run --release --example name_words -- [--data ../shared/data] [--out assets/gazetteers/ordinary_words.txt]`

mod ner_common;

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;

use khabar::extract::gazetteer::token_key;
use khabar::extract::{Kind, Tag};

const OUTSIDE: f64 = 0.6;
const MIN_SEEN: usize = 3;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("name_words: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let mut data = None;
    let mut out =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/gazetteers/ordinary_words.txt");
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--data" => data = Some(args.next().ok_or("--data needs a directory")?),
            "--out" => out = PathBuf::from(args.next().ok_or("--out needs a file")?),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    let data = ner_common::data_dir(data);
    let mut labelled = ner_common::ilner_train_dev(&data)?;
    labelled.extend(ner_common::read_conll(&data.join("ner/hiner-dev.conll"))?);
    labelled.extend(ner_common::read_conll(&data.join("ner/hiner-wiki.conll"))?);
    // word → (in a name, outside names, in a person's name)
    let mut seen: HashMap<String, (usize, usize, usize)> = HashMap::new();
    for (words, tags) in &labelled {
        for (w, t) in words.iter().zip(tags) {
            let e = seen.entry(token_key(w)).or_default();
            match t {
                Tag::O => e.1 += 1,
                Tag::B(Kind::Person) | Tag::I(Kind::Person) => {
                    e.0 += 1;
                    e.2 += 1;
                }
                _ => e.0 += 1,
            }
        }
    }
    let mut unlabelled: HashMap<String, usize> = HashMap::new();
    for sentence in ner_common::unlabelled_text(&data)? {
        for w in sentence {
            *unlabelled.entry(w).or_default() += 1;
        }
    }
    let mut ordinary: Vec<(String, usize, usize, usize, usize)> = Vec::new();
    let letters = |w: &str| w.chars().filter(|c| c.is_alphabetic()).count();
    for (w, &(inside, outside, person)) in &seen {
        let total = inside + outside;
        if letters(w) >= 2 && total >= MIN_SEEN && outside as f64 >= OUTSIDE * total as f64 {
            let u = unlabelled.get(w).copied().unwrap_or(0);
            ordinary.push((w.clone(), inside, outside, u, person));
        }
    }
    ordinary.sort();
    let mut text = String::from(
        "# Words that are mostly ordinary words, not names: measured by examples/name_words.rs\n\
         # on IL-NER train+dev (CC BY 4.0), HiNER dev and wiki (CC BY-SA 4.0) and unlabelled\n\
         # news text. Columns: word, times inside a name, times outside, times in unlabelled\n\
         # text, times inside a person's name.\n",
    );
    for (w, i, o, u, p) in &ordinary {
        text.push_str(&format!("{w}\t{i}\t{o}\t{u}\t{p}\n"));
    }
    std::fs::write(&out, text).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    eprintln!(
        "{} ordinary words written to {}",
        ordinary.len(),
        out.display()
    );
    Ok(())
}
