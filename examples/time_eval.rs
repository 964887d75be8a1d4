//! Scores the temporal expression finder: span detection on Hindi TimeBank (relaxed overlap
//! and exact match, recall and precision per TIMEX3 class), TIME-ARG recall on FIRE-2018,
//! value accuracy on the seed cases table, and speed on a folder of article bodies.
//!
//! `cargo run --release --example time_eval -- [--timebank DIR] [--fire DIR]
//! [--seed-cases FILE] [--corpus DIR] [--article FILE --ref-date YYYY-MM-DD] [--misses]`
//!
//! Defaults are under `../shared/data` (and `../shared/corpus/articles`). `--article` prints
//! that article's timeline instead; `--misses` lists FIRE and TimeBank expressions not found.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::LazyLock;
use std::time::Instant;

use chrono::NaiveDate;
use khabar::extract::time::{
    TimelineEntry, TimexKind, display_value, find_timex_parts, find_timexes, timeline,
};
use regex::Regex;

const USAGE: &str = "usage: time_eval [--timebank DIR] [--fire DIR] [--seed-cases FILE] [--corpus DIR] [--article FILE --ref-date YYYY-MM-DD] [--misses]";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("time_eval: {e}");
            ExitCode::FAILURE
        }
    }
}

struct Args {
    timebank: PathBuf,
    fire: PathBuf,
    seed_cases: PathBuf,
    corpus: PathBuf,
    article: Option<PathBuf>,
    ref_date: Option<NaiveDate>,
    misses: bool,
}

fn args() -> Result<Args, String> {
    let data = PathBuf::from("../shared/data");
    let mut a = Args {
        timebank: data.join("time/hindi-timebank"),
        fire: data.join("events/fire2018-train"),
        seed_cases: data.join("time/seed_test_cases_dct_2024-03-21.tsv"),
        corpus: PathBuf::from("../shared/corpus/articles"),
        article: None,
        ref_date: None,
        misses: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || {
            it.next()
                .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))
        };
        match flag.as_str() {
            "--timebank" => a.timebank = value()?.into(),
            "--fire" => a.fire = value()?.into(),
            "--seed-cases" => a.seed_cases = value()?.into(),
            "--corpus" => a.corpus = value()?.into(),
            "--article" => a.article = Some(value()?.into()),
            "--ref-date" => {
                let v = value()?;
                a.ref_date = Some(
                    NaiveDate::parse_from_str(&v, "%Y-%m-%d")
                        .map_err(|e| format!("--ref-date {v}: {e}"))?,
                );
            }
            "--misses" => a.misses = true,
            "-h" | "--help" => return Err(USAGE.to_string()),
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    Ok(a)
}

fn run() -> Result<(), String> {
    let a = args()?;
    if let Some(path) = &a.article {
        return show_article(path, a.ref_date);
    }
    seed_cases(&a.seed_cases)?;
    timebank(&a.timebank, false, false)?;
    timebank(&a.timebank, a.misses, true)?;
    fire(&a.fire, a.misses)?;
    speed(&a.corpus)?;
    Ok(())
}

fn show_article(path: &Path, reference: Option<NaiveDate>) -> Result<(), String> {
    let body = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    for e in timeline(&body, reference, &[]) {
        println!(
            "{:<28} {:<10} {:<12} {:<10} {:<24} | {}",
            display_value(&e),
            kind_name(e.kind),
            e.value.as_deref().unwrap_or("-"),
            e.modifier.as_deref().unwrap_or(""),
            e.text,
            e.event
        );
    }
    Ok(())
}

fn kind_name(k: TimexKind) -> &'static str {
    match k {
        TimexKind::Date => "DATE",
        TimexKind::Time => "TIME",
        TimexKind::Duration => "DURATION",
        TimexKind::Set => "SET",
    }
}

/// The seed cases table: each text inside a clause of its tense; value and mod must match.
fn seed_cases(path: &Path) -> Result<(), String> {
    let table = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let dct = NaiveDate::from_ymd_opt(2024, 3, 21).ok_or("bad DCT")?;
    let (mut right, mut total) = (0, 0);
    for line in table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let cols: Vec<&str> = line.split('\t').collect();
        let (text, tense, class, value) = (cols[0], cols[1], cols[2], cols[3]);
        let want_mod = cols
            .get(4)
            .and_then(|n| n.strip_prefix("mod="))
            .map(str::to_string);
        let sentence = if tense == "fut" {
            format!("{text} बैठक होगी।")
        } else {
            format!("{text} बैठक हुई थी।")
        };
        total += 1;
        let got = find_timexes(&sentence, Some(dct));
        let ok = got.first().is_some_and(|e| {
            e.value.as_deref() == Some(value)
                && e.modifier == want_mod
                && kind_name(e.kind) == class
        });
        if ok {
            right += 1;
        } else {
            let e = got.first();
            println!(
                "  seed case wrong: {text} ({tense}) want {value} {want_mod:?}, got {:?} {:?}",
                e.and_then(|e| e.value.clone()),
                e.and_then(|e| e.modifier.clone())
            );
        }
    }
    println!(
        "Seed cases: {right}/{total} values right ({:.1}%)\n",
        100.0 * f64::from(right) / f64::from(total.max(1))
    );
    Ok(())
}

/// A gold or predicted span: byte range and class.
#[derive(Debug, Clone)]
struct Span {
    start: usize,
    end: usize,
    class: String,
}

fn overlaps(a: &Span, b: &Span) -> bool {
    a.start < b.end && b.start < a.end
}

#[derive(Default)]
struct Counts {
    gold: usize,
    gold_relaxed: usize,
    gold_exact: usize,
    pred: usize,
    pred_relaxed: usize,
    pred_exact: usize,
}

static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"<token id="(\d+)">\s*(.*?)\s*</token>"#).expect("token pattern compiles")
});
static TIMEX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<TIMEX ([^>]*)/>").expect("TIMEX pattern compiles"));
static ATTR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(\w+)="([^"]*)""#).expect("attribute pattern compiles"));

fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let p = entry.path();
        if p.is_dir() {
            files(&p, ext, out)?;
        } else if p.extension().is_some_and(|x| x == ext) {
            out.push(p);
        }
    }
    out.sort();
    Ok(())
}

fn class_of(kind: TimexKind) -> String {
    kind_name(kind).to_string()
}

fn timebank(dir: &Path, misses: bool, atoms: bool) -> Result<(), String> {
    let mut paths = Vec::new();
    files(dir, "xml", &mut paths)?;
    let mut by_class: BTreeMap<String, Counts> = BTreeMap::new();
    let mut false_pos: Vec<String> = Vec::new();
    let mut missed: Vec<String> = Vec::new();
    for path in &paths {
        let xml = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut text = String::new();
        let mut at: BTreeMap<u32, (usize, usize)> = BTreeMap::new();
        for c in TOKEN.captures_iter(&xml) {
            let id: u32 = c[1]
                .parse()
                .map_err(|e| format!("{}: token id: {e}", path.display()))?;
            if !text.is_empty() {
                text.push(' ');
            }
            let s = text.len();
            text.push_str(&c[2]);
            at.insert(id, (s, text.len()));
        }
        let mut gold = Vec::new();
        for c in TIMEX.captures_iter(&xml) {
            let attrs: BTreeMap<&str, &str> = ATTR
                .captures_iter(c.get(1).map_or("", |m| m.as_str()))
                .filter_map(|a| Some((a.get(1)?.as_str(), a.get(2)?.as_str())))
                .collect();
            let class = match attrs.get("class").copied().unwrap_or("") {
                "DUR" => "DURATION",
                c => c,
            }
            .to_string();
            let ids: Vec<u32> = attrs
                .get("tokens")
                .map(|t| t.split(',').filter_map(|x| x.trim().parse().ok()).collect())
                .unwrap_or_default();
            let spans: Vec<(usize, usize)> =
                ids.iter().filter_map(|i| at.get(i).copied()).collect();
            if let (Some(s), Some(e)) = (
                spans.iter().map(|x| x.0).min(),
                spans.iter().map(|x| x.1).max(),
            ) {
                gold.push(Span {
                    start: s,
                    end: e,
                    class,
                });
            }
        }
        let found = if atoms {
            find_timex_parts(&text, None)
        } else {
            find_timexes(&text, None)
        };
        let pred: Vec<Span> = found
            .iter()
            .map(|e: &TimelineEntry| Span {
                start: e.start,
                end: e.end,
                class: class_of(e.kind),
            })
            .collect();
        for g in &gold {
            for key in [g.class.clone(), "ALL".to_string()] {
                let c = by_class.entry(key).or_default();
                c.gold += 1;
                if pred.iter().any(|p| overlaps(p, g)) {
                    c.gold_relaxed += 1;
                }
                if pred.iter().any(|p| p.start == g.start && p.end == g.end) {
                    c.gold_exact += 1;
                }
            }
            if !pred.iter().any(|p| overlaps(p, g)) {
                missed.push(format!("{} [{}]", &text[g.start..g.end], g.class));
            } else if !pred.iter().any(|p| p.start == g.start && p.end == g.end) {
                let p: Vec<&str> = pred
                    .iter()
                    .filter(|p| overlaps(p, g))
                    .map(|p| &text[p.start..p.end])
                    .collect();
                missed.push(format!(
                    "~ {} [{}] <> {}",
                    &text[g.start..g.end],
                    g.class,
                    p.join(" | ")
                ));
            }
        }
        for p in &pred {
            let relaxed = gold.iter().any(|g| overlaps(p, g));
            for key in [p.class.clone(), "ALL".to_string()] {
                let c = by_class.entry(key).or_default();
                c.pred += 1;
                if relaxed {
                    c.pred_relaxed += 1;
                }
                if gold.iter().any(|g| p.start == g.start && p.end == g.end) {
                    c.pred_exact += 1;
                }
            }
            if !relaxed {
                let s = text[..p.start]
                    .char_indices()
                    .rev()
                    .nth(40)
                    .map_or(0, |(i, _)| i);
                let e = text[p.end..]
                    .char_indices()
                    .nth(40)
                    .map_or(text.len(), |(i, _)| p.end + i);
                false_pos.push(format!(
                    "{} [[{}]] {}   ({})",
                    &text[s..p.start],
                    &text[p.start..p.end],
                    &text[p.end..e],
                    p.class
                ));
            }
        }
    }
    println!(
        "Hindi TimeBank ({} documents), {}",
        paths.len(),
        if atoms {
            "expressions split into TimeBank-style atoms (find_timex_parts)"
        } else {
            "whole expressions as in the timeline (find_timexes)"
        }
    );
    println!(
        "  {:<9} {:>5} {:>9} {:>9} {:>5} {:>9} {:>9}",
        "class", "gold", "R relax", "R exact", "pred", "P relax", "P exact"
    );
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    for (class, c) in &by_class {
        println!(
            "  {:<9} {:>5} {:>9.3} {:>9.3} {:>5} {:>9.3} {:>9.3}",
            class,
            c.gold,
            ratio(c.gold_relaxed, c.gold),
            ratio(c.gold_exact, c.gold),
            c.pred,
            ratio(c.pred_relaxed, c.pred),
            ratio(c.pred_exact, c.pred)
        );
    }
    if atoms {
        println!(
            "  ({} predictions overlap no gold span; a sample of 30, evenly spaced:)",
            false_pos.len()
        );
        let step = (false_pos.len() / 30).max(1);
        for (n, fp) in false_pos.iter().step_by(step).take(30).enumerate() {
            println!("  {:>2}. {fp}", n + 1);
        }
    }
    if misses {
        for fp in &false_pos {
            println!("  FP {fp}");
        }
        println!("  missed gold spans:");
        for m in &missed {
            println!("    {m}");
        }
    }
    println!();
    Ok(())
}

static FIRE_PART: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<(/?)([A-Za-z_\-]+)[^>]*?(/?)>|([^<]+)").expect("FIRE pattern compiles")
});

fn fire(dir: &Path, misses: bool) -> Result<(), String> {
    let mut paths = Vec::new();
    files(dir, "xml", &mut paths)?;
    let (mut gold_n, mut found_n) = (0usize, 0usize);
    let mut missed = Vec::new();
    for path in &paths {
        let xml = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut text = String::new();
        let mut in_word = false;
        let mut open: Vec<usize> = Vec::new();
        let mut gold: Vec<Span> = Vec::new();
        for c in FIRE_PART.captures_iter(&xml) {
            if let Some(t) = c.get(4) {
                if in_word {
                    let w = t.as_str().trim();
                    if !w.is_empty() {
                        if !text.is_empty() {
                            text.push(' ');
                        }
                        text.push_str(w);
                    }
                }
                continue;
            }
            let closing = c.get(1).is_some_and(|m| !m.as_str().is_empty());
            let self_closing = c.get(3).is_some_and(|m| !m.as_str().is_empty());
            let name = c.get(2).map_or("", |m| m.as_str());
            match (name, closing, self_closing) {
                ("W", false, false) => in_word = true,
                ("W", true, _) => in_word = false,
                ("TIME-ARG", false, false) => open.push(text.len() + usize::from(!text.is_empty())),
                ("TIME-ARG", true, _) => {
                    if let Some(s) = open.pop()
                        && text.len() > s
                    {
                        gold.push(Span {
                            start: s,
                            end: text.len(),
                            class: "TIME-ARG".into(),
                        });
                    }
                }
                _ => {}
            }
        }
        let pred: Vec<Span> = find_timexes(&text, None)
            .iter()
            .map(|e| Span {
                start: e.start,
                end: e.end,
                class: class_of(e.kind),
            })
            .collect();
        for g in &gold {
            gold_n += 1;
            if pred.iter().any(|p| overlaps(p, g)) {
                found_n += 1;
            } else {
                missed.push(text[g.start..g.end].to_string());
            }
        }
    }
    println!(
        "FIRE-2018 ({} documents): TIME-ARG relaxed recall {:.3} ({found_n}/{gold_n})",
        paths.len(),
        found_n as f64 / gold_n.max(1) as f64
    );
    if misses {
        for m in &missed {
            println!("    missed: {m}");
        }
    }
    println!();
    Ok(())
}

fn speed(dir: &Path) -> Result<(), String> {
    let mut paths = Vec::new();
    if files(dir, "txt", &mut paths).is_err() || paths.is_empty() {
        println!("Speed: no articles under {}", dir.display());
        return Ok(());
    }
    let bodies: Vec<String> = paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    let bytes: usize = bodies.iter().map(String::len).sum();
    let reference = NaiveDate::from_ymd_opt(2025, 3, 21);
    // Warm up the lexicon.
    let _ = find_timexes("आज", reference);
    let rounds = 5;
    let started = Instant::now();
    let mut n = 0;
    for _ in 0..rounds {
        for b in &bodies {
            n += timeline(b, reference, &[]).len();
        }
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "Speed: {} articles, {:.2} MB, {} expressions per round; timeline() at {:.1} MB/s on one core",
        bodies.len(),
        bytes as f64 / 1e6,
        n / rounds,
        (bytes * rounds) as f64 / 1e6 / secs
    );
    Ok(())
}
