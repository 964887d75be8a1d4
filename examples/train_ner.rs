//! Trains the shipped entity tagger: IL-NER Hindi train+dev plus all of HiNER dev, with the
//! fixed recipe in `ner_common`, and writes `assets/ner/model.bin`.
//!
//! `cargo run --release --example train_ner -- [--data ../shared/data] [--out assets/ner/model.bin]`

mod ner_common;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("train_ner: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let mut data = None;
    let mut out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/ner/model.bin");
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--data" => data = Some(args.next().ok_or("--data needs a directory")?),
            "--out" => out = PathBuf::from(args.next().ok_or("--out needs a file")?),
            other => {
                return Err(format!(
                    "unknown argument {other}; usage: train_ner [--data DIR] [--out FILE]"
                ));
            }
        }
    }
    let data = ner_common::data_dir(data);
    let started = Instant::now();
    let ilner_sentences = ner_common::ilner_train_dev(&data)?;
    let ilner = ilner_sentences.len();
    let mut hiner = ner_common::read_conll(&data.join("ner/hiner-dev.conll"))?;
    let hiner_n = hiner.len();
    let (corpus, wiki) = ner_common::extra_data(&data)?;
    println!(
        "extra: {} annotated corpus sentences, {} HiNER wiki sentences",
        corpus.len(),
        wiki.len()
    );
    hiner.extend(corpus);
    let mut base = ilner_sentences;
    base.extend(wiki);
    let sentences = ner_common::training_set(&base, &hiner);
    let tokens: usize = sentences.iter().map(|s| s.0.len()).sum();
    println!(
        "training data: {ilner} IL-NER train+dev sentences, {hiner_n} HiNER dev sentences, {tokens} tokens"
    );
    let classes = ner_common::word_classes(&data)?;
    println!(
        "word classes: {} words ({:.1} s)",
        classes.len(),
        started.elapsed().as_secs_f64()
    );
    let options = ner_common::train_options(classes);
    let t = Instant::now();
    let tagger = ner_common::train(&sentences, &options);
    let tagger = if ner_common::self_training_margin().is_some() {
        let docs = ner_common::unlabelled_news(&data);
        ner_common::self_train(&tagger, &base, &hiner, &options, &docs).unwrap_or(tagger)
    } else {
        tagger
    };
    println!(
        "trained in {:.1} s: {} features, {} word classes",
        t.elapsed().as_secs_f64(),
        tagger.feature_count(),
        tagger.word_class_count()
    );
    let bytes = tagger.to_bytes();
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    std::fs::write(&out, &bytes).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    println!(
        "wrote {} ({:.2} MB); total time {:.1} s",
        out.display(),
        bytes.len() as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
