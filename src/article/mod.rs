//! Articles: the model, and loading them from `.txt`, `.json`, `.jsonl` files, saved web
//! pages (`.html`, `.htm`) and feeds (`.xml`, `.rss`, `.atom`) in a folder.
//!
//! Loading never stops at a bad file: every file yields its articles and its errors, and
//! nothing is ever written into the folder being read.

pub mod clean;
pub mod dateline;
pub mod feed;
pub mod html;
mod load;
mod parse;
pub mod path_bytes;
mod scan;
pub mod watch;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;

pub use dateline::Dateline;
pub use load::{
    FileOutcome, MAX_ARTICLES_PER_FILE, MAX_ERRORS_PER_FILE, MAX_FILE_BYTES, load_file, load_path,
    load_path_with, parse_bytes, read_again,
};
pub use parse::{parse_iso_date, parse_txt};
pub use scan::{EXTENSIONS, ScanOptions, ScanRules, own_dirs, scan, scan_dirs, scan_with};

/// One news article, cleaned and ready to show.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// The file it came from. Stored as bytes, so a name that is not UTF-8 is cached too.
    #[serde(with = "path_bytes")]
    pub path: PathBuf,
    /// Its line in a `.jsonl` file (1-based); `None` for one-article files.
    pub line: Option<usize>,
    pub title: String,
    pub dateline: Option<Dateline>,
    pub date: Option<ArticleDate>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub place: Option<String>,
    pub tags: Vec<String>,
    /// The body, one string per paragraph, without the dateline and agency code.
    pub paragraphs: Vec<String>,
    /// A trailing agency or desk code such as `पीएसएम/`.
    pub agency_code: Option<String>,
    /// Things worth knowing about how the file was read (an unreadable date, say).
    pub warnings: Vec<String>,
}

/// The date an article was published, and whether it was read or guessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleDate {
    pub date: NaiveDate,
    /// True when the year (or more) came from the file's modification time.
    pub inferred: bool,
}

impl ArticleDate {
    /// The date as a Hindi reader writes it: `21 मार्च 2025`, marked when the year was
    /// inferred.
    pub fn display(&self) -> String {
        use chrono::Datelike;
        let month = dateline::MONTHS_HI[self.date.month0() as usize];
        let shown = format!("{} {month} {}", self.date.day(), self.date.year());
        if self.inferred {
            format!("{shown} (वर्ष अनुमानित)")
        } else {
            shown
        }
    }
}

/// Separator between paragraphs in [`Article::body`].
pub const PARAGRAPH_SEPARATOR: &str = "\n\n";

impl Article {
    /// A key unique within a folder: the path, plus the line for `.jsonl` articles.
    pub fn key(&self) -> String {
        article_key(&self.path, self.line)
    }

    /// The body as one string, paragraphs separated by a blank line. Offsets given by the
    /// extractor are byte offsets into this string.
    pub fn body(&self) -> String {
        self.paragraphs.join(PARAGRAPH_SEPARATOR)
    }

    /// Byte offset in [`Article::body`] where each paragraph starts.
    pub fn paragraph_starts(&self) -> Vec<usize> {
        let mut at = 0;
        self.paragraphs
            .iter()
            .map(|p| {
                let start = at;
                at += p.len() + PARAGRAPH_SEPARATOR.len();
                start
            })
            .collect()
    }

    /// Where the article came from, for the article list: its source, else its agency.
    pub fn origin(&self) -> Option<&str> {
        self.source
            .as_deref()
            .or_else(|| self.dateline.as_ref().and_then(|d| d.agency.as_deref()))
    }

    /// Number of characters in the body.
    pub fn char_count(&self) -> usize {
        self.paragraphs.iter().map(|p| p.chars().count()).sum()
    }
}

/// What a list of articles keeps of one: enough to show, sort and narrow it, and to read
/// it again from its file. 120 bytes and at most six short strings, against 360 bytes and
/// a dozen strings for an [`Article`] without its body: a reader listing 100,000 articles
/// keeps these, not the articles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub path: Box<Path>,
    /// Its line in a `.jsonl` file (1-based); `None` for one-article files.
    pub line: Option<usize>,
    pub title: Box<str>,
    pub date: Option<ArticleDate>,
    pub source: Option<Box<str>>,
    /// The dateline's agency.
    pub agency: Option<Box<str>>,
    pub place: Option<Box<str>>,
    /// The dateline's place.
    pub dateline_place: Option<Box<str>>,
}

impl Listed {
    /// What the list keeps of `article`.
    pub fn of(article: &Article) -> Listed {
        let boxed = |s: Option<&str>| s.map(Box::from);
        let dateline = article.dateline.as_ref();
        Listed {
            path: article.path.as_path().into(),
            line: article.line,
            title: article.title.as_str().into(),
            date: article.date,
            source: boxed(article.source.as_deref()),
            agency: boxed(dateline.and_then(|d| d.agency.as_deref())),
            place: boxed(article.place.as_deref()),
            dateline_place: boxed(dateline.and_then(|d| d.place.as_deref())),
        }
    }

    /// Its source, else its dateline's agency, as [`Article::origin`].
    pub fn origin(&self) -> Option<&str> {
        self.source.as_deref().or(self.agency.as_deref())
    }

    /// The same key as [`Article::key`].
    pub fn key(&self) -> String {
        article_key(&self.path, self.line)
    }
}

/// A key unique within a folder: the path, plus the line for `.jsonl` articles.
fn article_key(path: &Path, line: Option<usize>) -> String {
    let path = path_key(path);
    match line {
        Some(line) => format!("{path}#{line}"),
        None => path,
    }
}

/// A path as text without losing anything: in a name that is not UTF-8 each invalid byte
/// reads `\xNN`, so two such names never give the same key. UTF-8 paths read as they are.
fn path_key(path: &Path) -> String {
    #[cfg(unix)]
    if path.to_str().is_none() {
        use std::fmt::Write;
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in path.as_os_str().as_bytes().utf8_chunks() {
            out.push_str(chunk.valid());
            for byte in chunk.invalid() {
                let _ = write!(out, "\\x{byte:02X}");
            }
        }
        return out;
    }
    path.display().to_string()
}

/// Why a file (or one line of it) could not be loaded.
#[derive(Debug, Error)]
pub enum LoadErrorKind {
    #[error("larger than the {} MiB limit ({size} bytes)", MAX_FILE_BYTES / (1024 * 1024))]
    TooLarge { size: u64 },
    #[error("not UTF-8 text (invalid byte at offset {0})")]
    InvalidUtf8(usize),
    #[error("UTF-16 text that cannot be decoded (bad unit at byte {0}); save it as UTF-8")]
    InvalidUtf16(usize),
    #[error("binary file, not text")]
    Binary,
    #[error("empty file")]
    Empty,
    #[error("no title and no text")]
    NoText,
    #[error("{}invalid JSON: {message}", at_line_column(*line, *column))]
    Json {
        /// The line of the file (a `.jsonl` file's line, or where in a `.json` file).
        line: Option<usize>,
        /// The column in that line, when the JSON itself is broken.
        column: Option<usize>,
        message: String,
    },
    #[error(
        "holds more than {limit} articles: only the first {limit} are read; split the file to \
         read the rest"
    )]
    TooManyArticles { limit: usize },
    #[error("{count} more lines cannot be read (only the first {listed} are listed here)")]
    MoreErrors { count: usize, listed: usize },
    #[error("symbolic link loop")]
    SymlinkLoop,
    #[error("changes here are not followed ({0}); reopen the folder to see them")]
    NotWatched(String),
    /// A web page that holds no article, or one that cannot be shown.
    #[error("{0}")]
    Page(html::PageError),
    /// A feed file that cannot be read as RSS or Atom.
    #[error("not a feed that can be read (RSS 2.0, RSS 1.0 or Atom): {0}")]
    Feed(String),
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
}

/// "line 2, column 7: ", "line 2: " or nothing: where in a file a problem is.
fn at_line_column(line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!("line {l}, column {c}: "),
        (Some(l), None) => format!("line {l}: "),
        _ => String::new(),
    }
}

/// A file that could not be loaded, with the reason in words a reader can act on.
#[derive(Debug, Error)]
#[error("{}: {kind}", clean::display_path(path))]
pub struct LoadError {
    pub path: PathBuf,
    pub kind: LoadErrorKind,
}

impl LoadError {
    pub fn new(path: &Path, kind: impl Into<LoadErrorKind>) -> Self {
        LoadError {
            path: path.to_path_buf(),
            kind: kind.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listed_article_keeps_what_the_list_shows_and_the_same_key() {
        let article = Article {
            path: PathBuf::from("wire/feed.jsonl"),
            line: Some(7),
            title: "संसद में बहस".into(),
            dateline: Some(Dateline {
                raw: "नई दिल्ली, 21 मार्च (भाषा)".into(),
                place: Some("नई दिल्ली".into()),
                agency: Some("भाषा".into()),
                ..Dateline::default()
            }),
            paragraphs: vec!["पहला अनुच्छेद।".into()],
            tags: vec!["संसद".into()],
            ..Article::default()
        };
        let listed = Listed::of(&article);
        assert_eq!(listed.key(), article.key());
        assert_eq!(listed.key(), "wire/feed.jsonl#7");
        assert_eq!(&*listed.title, "संसद में बहस");
        // No source: the agency is where it is from, as for the article.
        assert_eq!(listed.origin(), Some("भाषा"));
        assert_eq!(listed.origin(), article.origin());
        assert_eq!(listed.dateline_place.as_deref(), Some("नई दिल्ली"));
        let sourced = Listed::of(&Article {
            source: Some("जागरण".into()),
            ..article
        });
        assert_eq!(sourced.origin(), Some("जागरण"));
    }
}
