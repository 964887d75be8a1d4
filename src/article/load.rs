//! Reading one file, or a whole folder, into articles and errors. Read-only: nothing is
//! ever written next to the articles.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use chrono::{DateTime, Local, NaiveDate};

use super::parse::{parse_json, parse_txt};
use super::{Article, LoadError, LoadErrorKind, scan};

/// Files larger than this are not loaded.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// What one file gave: its articles (a `.jsonl` file has many) and what went wrong.
#[derive(Debug, Default)]
pub struct FileOutcome {
    pub articles: Vec<Article>,
    pub errors: Vec<LoadError>,
}

/// Loads every article under `root` (a folder, recursively, or a single file), handing each
/// file's outcome to `on_file` as soon as it is read.
pub fn load_path(root: &Path, mut on_file: impl FnMut(FileOutcome)) {
    for entry in scan(root) {
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
    match read_text(path) {
        Ok((text, file_date)) => parse_file(path, &text, file_date),
        Err(kind) => FileOutcome {
            articles: Vec::new(),
            errors: vec![LoadError::new(path, kind)],
        },
    }
}

/// The whole text of an article the list knows only by its title: its file read again.
/// Fails, with a reason to show, when the file can no longer be read or no longer holds
/// the article.
pub fn read_again(stub: &Article) -> Result<Article, String> {
    let outcome = load_file(&stub.path);
    if let Some(article) = outcome.articles.into_iter().find(|a| a.line == stub.line) {
        return Ok(article);
    }
    Err(match outcome.errors.into_iter().next() {
        Some(e) => e.to_string(),
        None => format!(
            "{} no longer holds this article",
            super::clean::display_path(&stub.path)
        ),
    })
}

fn read_text(path: &Path) -> Result<(String, Option<NaiveDate>), LoadErrorKind> {
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
    let text = unsafe { String::from_utf8_unchecked(bytes) };
    Ok((text, file_date))
}

fn parse_file(path: &Path, text: &str, file_date: Option<NaiveDate>) -> FileOutcome {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    // A byte-order mark opens the file, not its first line or object.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut outcome = FileOutcome::default();
    match ext.as_deref() {
        Some("jsonl") => {
            for (i, line) in text.lines().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                let n = i + 1;
                let parsed = serde_json::from_str(line)
                    .map_err(|e| LoadErrorKind::Json {
                        line: Some(n),
                        message: e.to_string(),
                    })
                    .and_then(|v| parse_json(&v, Some(n), file_date));
                match parsed {
                    Ok(d) => outcome.articles.push(finish(path, Some(n), d)),
                    Err(kind) => outcome.errors.push(LoadError::new(path, kind)),
                }
            }
            if outcome.articles.is_empty() && outcome.errors.is_empty() {
                outcome
                    .errors
                    .push(LoadError::new(path, LoadErrorKind::Empty));
            }
        }
        Some("json") => {
            let parsed = serde_json::from_str(text)
                .map_err(|e| LoadErrorKind::Json {
                    line: None,
                    message: e.to_string(),
                })
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
