//! Reading one file, or a whole folder, into articles and errors. Read-only: nothing is
//! ever written next to the articles.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use chrono::{DateTime, Local, NaiveDate};

use super::parse::{parse_json, parse_txt};
use super::scan::{ScanOptions, scan_with};
use super::{Article, LoadError, LoadErrorKind};

/// Files larger than this are not loaded.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Articles read from one `.jsonl` file at most: 8 MiB of one-line articles would otherwise
/// be hundreds of thousands of them (a gigabyte in memory, the list useless). Real news runs
/// to a few thousand per 8 MiB.
pub const MAX_ARTICLES_PER_FILE: usize = 20_000;

/// Errors listed for one file at most; the rest are counted in one more error. A million bad
/// lines must not become a million entries in the reader's list.
pub const MAX_ERRORS_PER_FILE: usize = 100;

/// What one file gave: its articles (a `.jsonl` file has many) and what went wrong.
#[derive(Debug, Default)]
pub struct FileOutcome {
    pub articles: Vec<Article>,
    pub errors: Vec<LoadError>,
}

/// Loads every article under `root` (a folder, recursively, or a single file), handing each
/// file's outcome to `on_file` as soon as it is read.
pub fn load_path(root: &Path, on_file: impl FnMut(FileOutcome)) {
    load_path_with(root, &ScanOptions::default(), on_file);
}

/// [`load_path`], walking the folder with the given options.
pub fn load_path_with(root: &Path, options: &ScanOptions, mut on_file: impl FnMut(FileOutcome)) {
    for entry in scan_with(root, options) {
        match entry {
            Ok(path) => on_file(load_file(&path)),
            Err(error) => on_file(FileOutcome {
                articles: Vec::new(),
                errors: vec![error],
            }),
        }
    }
}

/// Loads one file. Never panics and never fails as a whole: problems come back as errors.
pub fn load_file(path: &Path) -> FileOutcome {
    match read_bytes(path) {
        Ok((bytes, file_date)) => parse_bytes(path, bytes, file_date),
        Err(kind) => FileOutcome {
            articles: Vec::new(),
            errors: vec![LoadError::new(path, kind)],
        },
    }
}

/// The articles in a file's bytes: decoded (UTF-8, or UTF-16 with a byte-order mark) and
/// parsed by the file's extension. `path` names the file in the articles and errors; the
/// disk is not touched. Never panics: problems come back as errors.
pub fn parse_bytes(path: &Path, bytes: Vec<u8>, file_date: Option<NaiveDate>) -> FileOutcome {
    // Pages and feeds declare their own charsets: they are decoded by their own readers.
    match extension(path).as_deref() {
        Some("html" | "htm") => return parse_page(path, &bytes, file_date),
        Some("xml" | "rss" | "atom") => return parse_feed(path, &bytes, file_date),
        _ => {}
    }
    match decode(bytes) {
        Ok(text) => parse_file(path, &text, file_date),
        Err(kind) => FileOutcome {
            articles: Vec::new(),
            errors: vec![LoadError::new(path, kind)],
        },
    }
}

/// The whole text of an article the list knows only by its title: its file read again.
/// Fails, with a reason to show, when the file can no longer be read or no longer holds
/// the article.
pub fn read_again(path: &Path, line: Option<usize>) -> Result<Article, String> {
    let outcome = load_file(path);
    if let Some(article) = outcome.articles.into_iter().find(|a| a.line == line) {
        return Ok(article);
    }
    Err(match outcome.errors.into_iter().next() {
        Some(e) => e.to_string(),
        None => format!(
            "{} no longer holds this article",
            super::clean::display_path(path)
        ),
    })
}

fn read_bytes(path: &Path) -> Result<(Vec<u8>, Option<NaiveDate>), LoadErrorKind> {
    let file = File::open(path)?;
    let meta = file.metadata()?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(LoadErrorKind::TooLarge { size: meta.len() });
    }
    let file_date = meta
        .modified()
        .ok()
        .map(|t| DateTime::<Local>::from(t).date_naive());
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The file may grow after the size check; never read past the limit.
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadErrorKind::TooLarge {
            size: bytes.len() as u64,
        });
    }
    Ok((bytes, file_date))
}

/// A file's text: UTF-8, or UTF-16 (little- or big-endian) opened by its byte-order mark.
fn decode(bytes: Vec<u8>) -> Result<String, LoadErrorKind> {
    if let Some(utf16) = utf16_order(&bytes) {
        let text = decode_utf16(&bytes[2..], utf16)?;
        return if text.chars().all(char::is_whitespace) {
            Err(LoadErrorKind::Empty)
        } else {
            Ok(text)
        };
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(LoadErrorKind::Empty);
    }
    if bytes.contains(&0) {
        return Err(LoadErrorKind::Binary);
    }
    // Checked with SIMD: the standard library's check is several times slower on Devanagari,
    // and every byte of a folder passes through here.
    if let Err(e) = simdutf8::compat::from_utf8(&bytes) {
        return Err(LoadErrorKind::InvalidUtf8(e.valid_up_to()));
    }
    // SAFETY: `bytes` was just checked to be UTF-8.
    Ok(unsafe { String::from_utf8_unchecked(bytes) })
}

/// Byte order of UTF-16 text, told by its byte-order mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Utf16 {
    Little,
    Big,
}

fn utf16_order(bytes: &[u8]) -> Option<Utf16> {
    match bytes {
        // FF FE 00 00 is UTF-32LE's mark, not UTF-16's.
        [0xFF, 0xFE, 0, 0, ..] => None,
        [0xFF, 0xFE, ..] => Some(Utf16::Little),
        [0xFE, 0xFF, ..] => Some(Utf16::Big),
        _ => None,
    }
}

/// UTF-16 text after its mark; an odd byte or a lone surrogate is an error (its offset
/// counts the mark).
fn decode_utf16(bytes: &[u8], order: Utf16) -> Result<String, LoadErrorKind> {
    const MARK: usize = 2;
    if bytes.len() % 2 == 1 {
        return Err(LoadErrorKind::InvalidUtf16(MARK + bytes.len() - 1));
    }
    let units = bytes.chunks_exact(2).map(|pair| match order {
        Utf16::Little => u16::from_le_bytes([pair[0], pair[1]]),
        Utf16::Big => u16::from_be_bytes([pair[0], pair[1]]),
    });
    let mut text = String::with_capacity(bytes.len());
    let mut at = MARK;
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => {
                at += 2 * c.len_utf16();
                text.push(c);
            }
            Err(_) => return Err(LoadErrorKind::InvalidUtf16(at)),
        }
    }
    if text.contains('\0') {
        return Err(LoadErrorKind::Binary);
    }
    Ok(text)
}

fn extension(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
}

/// A saved web page: its one article, or why it has none.
fn parse_page(path: &Path, bytes: &[u8], file_date: Option<NaiveDate>) -> FileOutcome {
    let failed = |kind| FileOutcome {
        articles: Vec::new(),
        errors: vec![LoadError::new(path, kind)],
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return failed(LoadErrorKind::Empty);
    }
    let text = super::html::decode(bytes);
    if text.contains('\0') {
        return failed(LoadErrorKind::Binary);
    }
    match super::html::extract(&text) {
        Ok(page) => match parse_json(&page.to_json(), None, file_date) {
            Ok(article) => FileOutcome {
                articles: vec![finish(path, None, article)],
                errors: Vec::new(),
            },
            Err(kind) => failed(kind),
        },
        Err(e) => failed(LoadErrorKind::Page(e)),
    }
}

/// A feed: each item an article, numbered from 1 like the lines of a `.jsonl` file.
fn parse_feed(path: &Path, bytes: &[u8], file_date: Option<NaiveDate>) -> FileOutcome {
    let mut outcome = FileOutcome::default();
    match super::feed::read(bytes, None) {
        Ok(feed) => {
            for (i, item) in feed.items.iter().enumerate() {
                if is_full(&mut outcome, path) {
                    break;
                }
                let n = i + 1;
                match parse_json(&item.to_json(), Some(n), file_date) {
                    Ok(mut article) => {
                        if item.summary_only {
                            article.warnings.push(super::feed::SUMMARY_NOTE.to_string());
                        }
                        outcome.articles.push(finish(path, Some(n), article));
                    }
                    Err(kind) => {
                        if outcome.errors.len() < MAX_ERRORS_PER_FILE {
                            outcome.errors.push(LoadError::new(path, kind));
                        }
                    }
                }
            }
            if outcome.articles.is_empty() && outcome.errors.is_empty() {
                outcome
                    .errors
                    .push(LoadError::new(path, LoadErrorKind::Empty));
            }
        }
        Err(message) => outcome
            .errors
            .push(LoadError::new(path, LoadErrorKind::Feed(message))),
    }
    outcome
}

/// A JSON error placed in the file: for a `.jsonl` file at its line `file_line` (serde
/// counts lines within the one line it was given, always line 1), else where serde found it.
fn json_error(e: &serde_json::Error, file_line: Option<usize>) -> LoadErrorKind {
    let text = e.to_string();
    let place = format!(" at line {} column {}", e.line(), e.column());
    let message = text.strip_suffix(&place).unwrap_or(&text).to_string();
    let known = e.line() > 0;
    LoadErrorKind::Json {
        line: file_line.or(known.then(|| e.line())),
        column: known.then(|| e.column()),
        message,
    }
}

/// Whether a file of many articles (a feed, a `.jsonl`) has given as many as one file may;
/// if so the limit is said once, as the file's error.
fn is_full(outcome: &mut FileOutcome, path: &Path) -> bool {
    let full = outcome.articles.len() == MAX_ARTICLES_PER_FILE;
    if full {
        outcome.errors.push(LoadError::new(
            path,
            LoadErrorKind::TooManyArticles {
                limit: MAX_ARTICLES_PER_FILE,
            },
        ));
    }
    full
}

fn parse_file(path: &Path, text: &str, file_date: Option<NaiveDate>) -> FileOutcome {
    let ext = extension(path);
    // A byte-order mark opens the file, not its first line or object.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut outcome = FileOutcome::default();
    match ext.as_deref() {
        Some("jsonl") => {
            let mut more_errors = 0;
            for (i, line) in text.lines().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                if is_full(&mut outcome, path) {
                    break;
                }
                let n = i + 1;
                if outcome.errors.len() >= MAX_ERRORS_PER_FILE {
                    // Past the errors listed, a bad line is only counted (and not parsed
                    // into a message).
                    match serde_json::from_str(line)
                        .ok()
                        .and_then(|v| parse_json(&v, Some(n), file_date).ok())
                    {
                        Some(d) => outcome.articles.push(finish(path, Some(n), d)),
                        None => more_errors += 1,
                    }
                    continue;
                }
                let parsed = serde_json::from_str(line)
                    .map_err(|e| json_error(&e, Some(n)))
                    .and_then(|v| parse_json(&v, Some(n), file_date));
                match parsed {
                    Ok(d) => outcome.articles.push(finish(path, Some(n), d)),
                    Err(kind) => outcome.errors.push(LoadError::new(path, kind)),
                }
            }
            if more_errors > 0 {
                outcome.errors.push(LoadError::new(
                    path,
                    LoadErrorKind::MoreErrors {
                        count: more_errors,
                        listed: MAX_ERRORS_PER_FILE,
                    },
                ));
            }
            if outcome.articles.is_empty() && outcome.errors.is_empty() {
                outcome
                    .errors
                    .push(LoadError::new(path, LoadErrorKind::Empty));
            }
        }
        Some("json") => {
            let parsed = serde_json::from_str(text)
                .map_err(|e| json_error(&e, None))
                .and_then(|v| parse_json(&v, None, file_date));
            match parsed {
                Ok(d) => outcome.articles.push(finish(path, None, d)),
                Err(kind) => outcome.errors.push(LoadError::new(path, kind)),
            }
        }
        _ => match parse_txt(text, file_date) {
            Ok(d) => outcome.articles.push(finish(path, None, d)),
            Err(kind) => outcome.errors.push(LoadError::new(path, kind)),
        },
    }
    outcome
}

/// Ties a parsed article to the file (and line) it came from.
fn finish(path: &Path, line: Option<usize>, article: Article) -> Article {
    Article {
        path: path.to_path_buf(),
        line,
        ..article
    }
}
