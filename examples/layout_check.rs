//! Checks khabar's wrapping on every article of a corpus, at every width from 10 to 140.
//!
//! For the title and each paragraph of every article, and every width, these are
//! violations (exit status 1):
//! - a line wider than the width (`str_width` of the line's text), or a line whose `width`
//!   field disagrees with `str_width`;
//! - a line starting or ending inside a grapheme cluster of the whole text;
//! - lines out of the text, out of order, overlapping or empty;
//! - lines that, with the dropped whitespace put back between them, do not give the text's
//!   words in order, or text other than whitespace left out between lines.
//!
//! It also reports, as findings on wrapping's own rules (fatal only with `--strict`):
//! - a line that starts or ends with whitespace;
//! - a line that starts with closing punctuation such as `।` or `:` where the text has a
//!   space before it (wrapping promises to keep a lone mark with the word before);
//!
//! and counts, as plain information, over-long words cut just before such punctuation.
//!
//! Usage: `cargo run --release --example layout_check [--strict] [CORPUS_DIR]`; the folder
//! defaults to `$KHABAR_CORPUS`, else `../shared/corpus/articles` next to the crate.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use khabar::text::{LineSpan, str_width, wrap};
use unicode_segmentation::UnicodeSegmentation;

const MIN_WIDTH: usize = 10;
const MAX_WIDTH: usize = 140;
/// How many examples of each kind of problem to print.
const SHOW: usize = 5;

struct Options {
    dir: PathBuf,
    strict: bool,
}

fn options() -> Options {
    let mut strict = false;
    let mut dir = None;
    for arg in std::env::args_os().skip(1) {
        if arg == "--strict" {
            strict = true;
        } else if dir.is_none() {
            dir = Some(PathBuf::from(arg));
        }
    }
    let dir = dir
        .or_else(|| std::env::var_os("KHABAR_CORPUS").map(PathBuf::from))
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/articles"));
    Options { dir, strict }
}

/// One problem found, with enough context to reproduce it.
struct Problem {
    kind: &'static str,
    place: String,
    width: usize,
    detail: String,
}

#[derive(Default)]
struct Report {
    articles: usize,
    blocks: usize,
    wraps: usize,
    lines: usize,
    load_errors: usize,
    /// Broken promises of the checks above: fatal.
    violations: Vec<Problem>,
    /// Wrapping's own rules not kept: reported, fatal only with `--strict`.
    findings: Vec<Problem>,
    /// Over-long words cut right before a punctuation mark: allowed, only counted.
    cut_before_punctuation: usize,
}

/// A short, single-line view of a piece of text, with whitespace made visible.
fn excerpt(s: &str) -> String {
    let mut out = String::from("«");
    for (i, c) in s.chars().enumerate() {
        if i == 60 {
            out.push('…');
            break;
        }
        match c {
            ' ' => out.push('␣'),
            '\n' => out.push('⏎'),
            '\t' => out.push_str("\\t"),
            c if c.is_whitespace() || c.is_control() => {
                out.push_str(&format!("\\u{{{:04x}}}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('»');
    out
}

fn is_closing_punctuation(c: char) -> bool {
    matches!(
        c,
        '।' | '॥' | '.' | ',' | ';' | ':' | '?' | '!' | ')' | ']' | '}' | '”' | '’' | '…'
    )
}

/// `boundary[i]`: a grapheme cluster of `text` starts (or the text ends) at byte `i`.
fn cluster_boundaries(text: &str) -> Vec<bool> {
    let mut boundary = vec![false; text.len() + 1];
    for (at, _) in text.grapheme_indices(true) {
        boundary[at] = true;
    }
    boundary[text.len()] = true;
    boundary
}

fn check_block(text: &str, place: &str, report: &mut Report) {
    let boundary = cluster_boundaries(text);
    report.blocks += 1;
    for width in MIN_WIDTH..=MAX_WIDTH {
        let lines = wrap(text, width, khabar::text::width::advance());
        report.wraps += 1;
        report.lines += lines.len();
        check_lines(text, &boundary, &lines, width, place, report);
    }
}

fn check_lines(
    text: &str,
    boundary: &[bool],
    lines: &[LineSpan],
    width: usize,
    place: &str,
    report: &mut Report,
) {
    let problem = |kind: &'static str, detail: String| Problem {
        kind,
        place: place.to_string(),
        width,
        detail,
    };
    let mut previous_end = 0;
    let mut rebuilt = String::with_capacity(text.len() + 8);
    for (i, line) in lines.iter().enumerate() {
        let usable = line.start <= line.end
            && line.end <= text.len()
            && text.is_char_boundary(line.start)
            && text.is_char_boundary(line.end);
        if !usable {
            report.violations.push(problem(
                "line outside the text or inside a character",
                format!("line {i}: {line:?}, text is {} bytes", text.len()),
            ));
            return;
        }
        if line.start < previous_end {
            report.violations.push(problem(
                "lines out of order or overlapping",
                format!(
                    "line {i} starts at byte {} before {previous_end}",
                    line.start
                ),
            ));
            return;
        }
        let slice = &text[line.start..line.end];
        if slice.is_empty() {
            report.violations.push(problem(
                "empty line",
                format!("line {i} at byte {}", line.start),
            ));
        }
        let measured = str_width(slice);
        if measured > width {
            report.violations.push(problem(
                "line wider than the width",
                format!("line {i} is {measured} columns: {}", excerpt(slice)),
            ));
        }
        if line.width != measured {
            report.violations.push(problem(
                "width field disagrees with str_width",
                format!(
                    "line {i}: field {} but str_width {measured}: {}",
                    line.width,
                    excerpt(slice)
                ),
            ));
        }
        for (edge, at) in [("start", line.start), ("end", line.end)] {
            if !boundary[at] {
                let from = text.floor_char_boundary(at.saturating_sub(12));
                let to = text.ceil_char_boundary((at + 12).min(text.len()));
                report.violations.push(problem(
                    "line boundary inside a grapheme cluster",
                    format!(
                        "line {i} {edge} at byte {at}: {} | {}",
                        excerpt(&text[from..at]),
                        excerpt(&text[at..to])
                    ),
                ));
            }
        }
        let gap = &text[previous_end..line.start];
        if !gap.trim_matches(char::is_whitespace).is_empty() {
            report.violations.push(problem(
                "text between lines dropped",
                format!("before line {i}: {}", excerpt(gap)),
            ));
        }

        // Wrapping's own rules.
        if slice.starts_with(char::is_whitespace) || slice.ends_with(char::is_whitespace) {
            report.findings.push(problem(
                "line starts or ends with whitespace",
                format!("line {i}: {}", excerpt(slice)),
            ));
        }
        if i > 0 && slice.starts_with(is_closing_punctuation) {
            let before = &text[..line.start];
            let previous = &text[lines[i - 1].start..lines[i - 1].end];
            if before.ends_with(char::is_whitespace) {
                let first_word = slice.split_whitespace().next().unwrap_or_default();
                let kind = if !gap.is_empty() && first_word.chars().any(char::is_alphanumeric) {
                    "line starts with punctuation that follows a space (mark stuck to the next word)"
                } else if gap.is_empty() {
                    "line starts with punctuation that follows a space (word + mark cut at the space)"
                } else {
                    "line starts with punctuation that follows a space (lone mark)"
                };
                report.findings.push(problem(
                    kind,
                    format!(
                        "line {} {} then line {i} {}",
                        i - 1,
                        excerpt(previous),
                        excerpt(slice)
                    ),
                ));
            } else {
                report.cut_before_punctuation += 1;
            }
        }

        // Put the dropped whitespace back: a gap becomes one space; no gap (an over-long
        // word cut in pieces) joins the pieces.
        if i > 0 && !gap.is_empty() {
            rebuilt.push(' ');
        }
        rebuilt.push_str(slice);
        previous_end = line.end;
    }
    let tail = &text[previous_end..];
    if !tail.trim_matches(char::is_whitespace).is_empty() {
        report.violations.push(problem(
            "text after the last line dropped",
            format!("dropped {}", excerpt(tail)),
        ));
    }
    if !rebuilt.split_whitespace().eq(text.split_whitespace()) {
        let got: Vec<&str> = rebuilt.split_whitespace().collect();
        let words: Vec<&str> = text.split_whitespace().collect();
        let at = got
            .iter()
            .zip(&words)
            .position(|(a, b)| a != b)
            .unwrap_or(got.len().min(words.len()));
        report.violations.push(problem(
            "lines do not give back the text's words",
            format!(
                "word {at}: expected {}, got {} ({} words, {} expected)",
                words.get(at).map_or("nothing".into(), |w| excerpt(w)),
                got.get(at).map_or("nothing".into(), |w| excerpt(w)),
                got.len(),
                words.len()
            ),
        ));
    }
}

fn print_problems(heading: &str, list: &[Problem]) {
    println!("  {heading}: {}", list.len());
    let mut kinds: Vec<&str> = list.iter().map(|p| p.kind).collect();
    kinds.sort_unstable();
    kinds.dedup();
    for kind in kinds {
        let of_kind: Vec<&Problem> = list.iter().filter(|p| p.kind == kind).collect();
        println!("    {kind}: {}", of_kind.len());
        for p in of_kind.iter().take(SHOW) {
            println!("      {} @ width {}: {}", p.place, p.width, p.detail);
        }
    }
}

fn main() -> ExitCode {
    let Options { dir, strict } = options();
    if !dir.exists() {
        eprintln!("layout_check: {}: no such folder", dir.display());
        return ExitCode::from(2);
    }
    let started = Instant::now();
    let mut report = Report::default();
    let mut articles = Vec::new();
    khabar::article::load_path(&dir, |outcome| {
        report.load_errors += outcome.errors.len();
        articles.extend(outcome.articles);
    });
    let loaded = started.elapsed();
    for article in &articles {
        report.articles += 1;
        let mut name = article
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if let Some(line) = article.line {
            name = format!("{name}#{line}");
        }
        check_block(&article.title, &format!("{name} title"), &mut report);
        for (p, paragraph) in article.paragraphs.iter().enumerate() {
            check_block(paragraph, &format!("{name} ¶{p}"), &mut report);
        }
    }
    let elapsed = started.elapsed();

    println!("layout_check on {}", dir.display());
    println!(
        "  articles: {} ({} load errors), blocks (titles + paragraphs): {}",
        report.articles, report.load_errors, report.blocks
    );
    println!(
        "  widths: {MIN_WIDTH}..={MAX_WIDTH} ({} widths), wraps: {}, lines checked: {}",
        MAX_WIDTH - MIN_WIDTH + 1,
        report.wraps,
        report.lines
    );
    print_problems("violations", &report.violations);
    print_problems(
        if strict {
            "wrapping-rule findings (fatal with --strict)"
        } else {
            "wrapping-rule findings (not fatal; --strict makes them so)"
        },
        &report.findings,
    );
    println!(
        "  info: over-long words cut right before punctuation: {}",
        report.cut_before_punctuation
    );
    println!(
        "  elapsed: {:.1} ms (loading {:.1} ms)",
        elapsed.as_secs_f64() * 1e3,
        loaded.as_secs_f64() * 1e3
    );
    let failed = !report.violations.is_empty() || (strict && !report.findings.is_empty());
    if !failed {
        println!("  result: OK");
        ExitCode::SUCCESS
    } else {
        println!("  result: FAILED");
        ExitCode::FAILURE
    }
}
