//! Builds a large folder of articles for the scale benchmarks, made from a real corpus:
//! `cargo run --release --example make_folder -- COUNT OUT [CORPUS]`.
//!
//! CORPUS defaults to `../shared/corpus/articles` (or `$KHABAR_CORPUS`). Each generated
//! article starts from one corpus article (in turn), keeps its title and first paragraph,
//! and about three in four of its other paragraphs in a shuffled order, with up to two
//! paragraphs of another article spliced in, so no two articles are the same text and their
//! sizes stay close to the corpus's. Dates spread over ten years. Four in five are `.json` files, one in five a wire
//! story `.txt`; every 50th file is a `.jsonl` bundle of 10 articles. Files go into
//! subfolders of 1,000. Deterministic for a given COUNT and corpus. OUT must not exist or
//! be empty: the example never overwrites anything.

use std::fs;
use std::path::{Path, PathBuf};

use khabar::article::{Article, load_path};

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: make_folder COUNT OUT [CORPUS]");
        std::process::exit(2);
    }
    let count: usize = match args[0].replace('_', "").parse() {
        Ok(n) => n,
        Err(_) => {
            eprintln!("make_folder: COUNT must be a number, not {:?}", args[0]);
            std::process::exit(2);
        }
    };
    let out = PathBuf::from(&args[1]);
    let corpus = args
        .get(2)
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("KHABAR_CORPUS").map(PathBuf::from))
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/articles"));

    if out.exists()
        && fs::read_dir(&out)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        eprintln!(
            "make_folder: {} exists and is not empty; choose a new folder",
            out.display()
        );
        std::process::exit(1);
    }

    let mut sources: Vec<Article> = Vec::new();
    load_path(&corpus, |o| sources.extend(o.articles));
    sources.retain(|a| a.paragraphs.len() >= 2);
    sources.sort_by_key(Article::key);
    if sources.is_empty() {
        eprintln!("make_folder: no articles under {}", corpus.display());
        std::process::exit(1);
    }

    let mut rng = Rng(0x6b68_6162_6172_0001 ^ count as u64);
    let start = chrono::NaiveDate::from_ymd_opt(2016, 1, 1).unwrap_or_default();
    let mut written = 0usize;
    let mut bytes = 0usize;
    let mut file_no = 0usize;
    while written < count {
        let dir = out.join(format!("{:03}", file_no / 1000));
        if let Err(e) = fs::create_dir_all(&dir) {
            eprintln!("make_folder: cannot create {}: {e}", dir.display());
            std::process::exit(1);
        }
        let bundle = file_no % 50 == 49;
        let n = if bundle { 10.min(count - written) } else { 1 };
        let mut lines = Vec::new();
        for _ in 0..n {
            let base = &sources[written % sources.len()];
            let other = &sources[rng.below(sources.len())];
            let date = start + chrono::Days::new(rng.below(3650) as u64);
            let paragraphs = mix(base, other, &mut rng);
            let as_txt = !bundle && written % 5 == 4;
            let text = if as_txt {
                wire_story(base, &paragraphs, date)
            } else {
                json_article(base, &paragraphs, date, written)
            };
            bytes += text.len();
            lines.push(text);
            written += 1;
        }
        let (name, text) = if bundle {
            (format!("{file_no:06}.jsonl"), lines.join("\n") + "\n")
        } else if lines[0].starts_with('{') {
            (format!("{file_no:06}.json"), lines.remove(0))
        } else {
            (format!("{file_no:06}.txt"), lines.remove(0))
        };
        if let Err(e) = fs::write(dir.join(&name), text) {
            eprintln!("make_folder: cannot write {name}: {e}");
            std::process::exit(1);
        }
        file_no += 1;
    }
    println!(
        "{} articles in {} files, {:.1} MB of text, under {}",
        written,
        file_no,
        bytes as f64 / 1e6,
        out.display()
    );
}

/// The base article's first paragraph, then about three in four of its other paragraphs
/// shuffled with up to two of `other`'s.
fn mix(base: &Article, other: &Article, rng: &mut Rng) -> Vec<String> {
    let mut rest: Vec<String> = base.paragraphs[1..]
        .iter()
        .filter(|_| rng.below(4) != 0)
        .cloned()
        .collect();
    let take = rng.below(3).min(other.paragraphs.len());
    for _ in 0..take {
        rest.push(other.paragraphs[rng.below(other.paragraphs.len())].clone());
    }
    for i in (1..rest.len()).rev() {
        let j = rng.below(i + 1);
        rest.swap(i, j);
    }
    let mut all = vec![base.paragraphs[0].clone()];
    all.extend(rest);
    all
}

fn json_article(
    base: &Article,
    paragraphs: &[String],
    date: chrono::NaiveDate,
    n: usize,
) -> String {
    serde_json::json!({
        "title": base.title,
        "date": date.format("%Y-%m-%d").to_string(),
        "source": base.source.clone().unwrap_or_else(|| "khabar-bench".into()),
        "place": base.place,
        "id": n,
        "paragraphs": paragraphs,
    })
    .to_string()
}

/// A wire story: title, a dateline with the day and month, then the paragraphs.
fn wire_story(base: &Article, paragraphs: &[String], date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let place = base
        .dateline
        .as_ref()
        .and_then(|d| d.place.clone())
        .unwrap_or_else(|| "नई दिल्ली".into());
    let month = khabar::article::dateline::MONTHS_HI[date.month0() as usize];
    let mut text = format!("{}\n\n{place}, {} {month} (भाषा)। ", base.title, date.day());
    text.push_str(&paragraphs.join("\n\n"));
    text.push('\n');
    text
}
