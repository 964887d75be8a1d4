//! Puts together a folder that `../shared/tools/score_values.py` scores the timeline's values
//! against: the reviewed expressions of a value set (`assets/annotations/values-dev` or
//! `values-test`, made by hand under `docs/time_values.md`) and, beside them, the articles
//! they point into, rebuilt from `../shared/corpus/articles.jsonl` (title, publication date,
//! and the paragraphs joined by a blank line). The article text never enters the repository.
//!
//! `cargo run --release --example values_gold -- assets/annotations/values-dev /tmp/values-dev`
//! then `python3 ../shared/tools/score_values.py /tmp/values-dev target/release/khabar`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::{Value, json};

fn main() -> ExitCode {
    match run() {
        Ok(n) => {
            eprintln!("values_gold: {n} articles written");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("values_gold: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<usize, String> {
    let mut args = std::env::args().skip(1);
    let (Some(set), Some(out)) = (args.next(), args.next()) else {
        return Err("usage: values_gold SET_DIR OUT_DIR [CORPUS_JSONL]".into());
    };
    let corpus = args.next().map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/articles.jsonl"),
        PathBuf::from,
    );
    let (set, out) = (Path::new(&set), Path::new(&out));
    let gold_path = set.join("gold.jsonl");
    let gold =
        std::fs::read_to_string(&gold_path).map_err(|e| format!("{}: {e}", gold_path.display()))?;
    let mut wanted = BTreeSet::new();
    for line in gold.lines().filter(|l| !l.trim().is_empty()) {
        let g: Value = serde_json::from_str(line).map_err(|e| format!("gold line: {e}"))?;
        if let Some(file) = g["file"].as_str() {
            wanted.insert(file.to_string());
        }
    }
    let articles = out.join("articles");
    std::fs::create_dir_all(&articles).map_err(|e| format!("{}: {e}", articles.display()))?;
    let rows = std::fs::read_to_string(&corpus)
        .map_err(|e| format!("{} (the corpus is in ../shared): {e}", corpus.display()))?;
    let mut written = 0;
    for line in rows.lines().filter(|l| !l.trim().is_empty()) {
        let row: Value = serde_json::from_str(line).map_err(|e| format!("corpus line: {e}"))?;
        let Some(file) = row["file"].as_str() else {
            continue;
        };
        let stem = Path::new(file)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        let name = format!("{stem}.json");
        if !wanted.contains(&name) {
            continue;
        }
        let paragraphs: Vec<&str> = row["paragraphs"]
            .as_array()
            .map(|ps| ps.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let article = json!({
            "title": row["title"],
            "date": row["date"],
            "body": paragraphs.join("\n\n"),
        });
        let path = articles.join(&name);
        std::fs::write(&path, article.to_string())
            .map_err(|e| format!("{}: {e}", path.display()))?;
        written += 1;
    }
    if written < wanted.len() {
        return Err(format!(
            "{} of the set's articles are not in {}",
            wanted.len() - written,
            corpus.display()
        ));
    }
    let copy = out.join("gold.jsonl");
    std::fs::write(&copy, gold).map_err(|e| format!("{}: {e}", copy.display()))?;
    Ok(written)
}
