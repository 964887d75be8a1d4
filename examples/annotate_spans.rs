//! Turns the per-article entity annotation of the corpus (`assets/annotations/sidebar-dev/
//! gold.jsonl`, made by hand under `docs/annotation.md`) into training spans: every place
//! the article writes one of an entity's forms (name, aliases, short forms), longest form
//! first, at word boundaries. Forms the annotation calls ambiguous (also an ordinary word in
//! that article) are written as `SKIP` spans where no longer form covers them, so training
//! leaves their sentences out rather than guess.
//!
//! The spans are character offsets into the files of `../shared/corpus/articles`, whose text
//! never enters the repository: `cargo run --release --example annotate_spans -- [--corpus
//! DIR] [--gold FILE] [--out assets/annotations/corpus_spans.tsv]`.

use std::path::PathBuf;
use std::process::ExitCode;

use khabar::text::chars::is_alphanumeric;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("annotate_spans: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut corpus = root.join("../shared/corpus/articles");
    let mut gold = root.join("assets/annotations/sidebar-dev/gold.jsonl");
    let mut out = root.join("assets/annotations/corpus_spans.tsv");
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || {
            args.next()
                .map(PathBuf::from)
                .ok_or(format!("{a} needs a value"))
        };
        match a.as_str() {
            "--corpus" => corpus = value()?,
            "--gold" => gold = value()?,
            "--out" => out = value()?,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    let lines = std::fs::read_to_string(&gold)
        .map_err(|e| format!("cannot read {}: {e}", gold.display()))?;
    let mut text_out = String::from(
        "# Entity spans of the corpus articles, projected from the hand annotation by\n\
         # examples/annotate_spans.rs: file TAB start TAB end TAB kind, character offsets.\n",
    );
    let (mut files, mut spans, mut skipped) = (0, 0, 0);
    for line in lines.lines().filter(|l| !l.trim().is_empty()) {
        let article: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("{}: {e}", gold.display()))?;
        let file = article["file"].as_str().ok_or("a line without \"file\"")?;
        let path = corpus.join(file);
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let mut forms: Vec<(String, &str)> = Vec::new();
        for entity in article["entities"].as_array().into_iter().flatten() {
            let kind = match entity["kind"].as_str() {
                Some("person") => "PER",
                Some("place") => "LOC",
                Some("organization") => "ORG",
                _ => continue,
            };
            for field in ["name", "aliases", "short"] {
                let values: Vec<&str> = match &entity[field] {
                    serde_json::Value::String(s) => vec![s.as_str()],
                    serde_json::Value::Array(a) => a.iter().filter_map(|v| v.as_str()).collect(),
                    _ => Vec::new(),
                };
                forms.extend(values.into_iter().map(|v| (v.to_string(), kind)));
            }
        }
        for word in article["ambiguous"].as_array().into_iter().flatten() {
            if let Some(w) = word.as_str() {
                forms.push((w.to_string(), "SKIP"));
            }
        }
        // Longest first; an ambiguous form loses to an entity's form of the same length.
        forms.sort_by_key(|(f, k)| (std::cmp::Reverse(f.chars().count()), *k == "SKIP"));
        let mut taken = vec![false; text.len()];
        let mut found: Vec<(usize, usize, &str)> = Vec::new();
        for (form, kind) in &forms {
            if form.is_empty() {
                continue;
            }
            for (at, _) in text.match_indices(form.as_str()) {
                let end = at + form.len();
                let before = text[..at].chars().next_back();
                let after = text[end..].chars().next();
                let bounded = !before.is_some_and(is_alphanumeric)
                    && !after.is_some_and(|c| is_alphanumeric(c) || is_sign(c));
                if bounded && !taken[at..end].iter().any(|&t| t) {
                    taken[at..end].iter_mut().for_each(|t| *t = true);
                    found.push((at, end, kind));
                }
            }
        }
        found.sort();
        files += 1;
        for (start, end, kind) in found {
            let chars = |byte: usize| text[..byte].chars().count();
            text_out.push_str(&format!(
                "{file}\t{}\t{}\t{kind}\n",
                chars(start),
                chars(end)
            ));
            if kind == "SKIP" {
                skipped += 1;
            } else {
                spans += 1;
            }
        }
    }
    std::fs::write(&out, text_out).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    eprintln!(
        "{files} articles: {spans} spans, {skipped} ambiguous; wrote {}",
        out.display()
    );
    Ok(())
}

/// A combining sign (matra, virama, nukta, anusvara): a form never ends before one.
fn is_sign(c: char) -> bool {
    matches!(c, '\u{900}'..='\u{903}' | '\u{93a}'..='\u{94f}' | '\u{951}'..='\u{957}' | '\u{962}' | '\u{963}' | '\u{200c}' | '\u{200d}')
}
