//! The entity and timeline tables of `khabar extract` and `khabar index` as CSV (RFC 4180,
//! UTF-8, a header row). Lists inside a cell (aliases, paths, entity names) are joined
//! by `|`.
//!
//! | function | columns |
//! |---|---|
//! | [`extract_entities`] | path, line, name, kind, aliases, mentions |
//! | [`extract_timeline`] | path, line, text, value, modifier, kind, event, entities, start, end |
//! | [`index_entities`] | name, kind, aliases, articles, mentions, paths |
//! | [`index_timeline`] | path, title, text, value, modifier, kind, event, entities, start, end |
//!
//! A cell that begins with `=`, `+`, `-`, `@`, tab or CR is written with a `'` in front, so
//! that a spreadsheet opening the table never runs it as a formula; control and bidi
//! characters are written as visible escapes (`\x1B`, `\u{202E}`).
//!
//! `kind` is written as in the JSON (`person`, `place`, `organization`; `date`, `time`,
//! `duration`, `set`); `start` and `end` are byte offsets into the article's body.

use std::borrow::Cow;
use std::io::Write;

use thiserror::Error;

use crate::article::clean::safe_text;
use crate::extract::Kind;
use crate::extract::report::ExtractReport;
use crate::extract::time::{TimelineEntry, TimexKind};
use crate::library::report::IndexReport;

/// Why a table could not be written.
#[derive(Debug, Error)]
pub enum CsvError {
    #[error("cannot write the CSV table: {0}")]
    Csv(#[from] ::csv::Error),
    #[error("cannot write the CSV table: {0}")]
    Io(#[from] std::io::Error),
}

/// Joins a list for one cell.
pub const LIST_SEPARATOR: &str = "|";

fn kind(k: Kind) -> &'static str {
    match k {
        Kind::Person => "person",
        Kind::Place => "place",
        Kind::Organization => "organization",
    }
}

fn timex_kind(k: TimexKind) -> &'static str {
    match k {
        TimexKind::Date => "date",
        TimexKind::Time => "time",
        TimexKind::Duration => "duration",
        TimexKind::Set => "set",
    }
}

fn writer<W: Write>(out: W, header: &[&str]) -> Result<::csv::Writer<W>, CsvError> {
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(header)?;
    Ok(w)
}

/// A cell as written. Controls and bidi characters other than tab and newline (which CSV
/// quotes) become visible escapes ([`safe_text`]), so a file name holding an escape sequence
/// cannot reach a terminal the table is printed on; and a cell that begins with `=`, `+`,
/// `-`, `@`, tab or CR gets a `'` in front (OWASP's rule against CSV injection), so a
/// spreadsheet reads it as text, never as a formula.
fn cell(s: &str) -> Cow<'_, str> {
    const FORMULA: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];
    let safe = safe_text(s);
    if s.starts_with(FORMULA) || safe.starts_with(FORMULA) {
        Cow::Owned(format!("'{safe}"))
    } else {
        safe
    }
}

/// Writes one row, each cell through [`cell`].
fn write_row<W: Write, S: AsRef<str>>(
    w: &mut ::csv::Writer<W>,
    cells: impl IntoIterator<Item = S>,
) -> Result<(), CsvError> {
    w.write_record(cells.into_iter().map(|c| cell(c.as_ref()).into_owned()))?;
    Ok(())
}

/// The cells of a timeline entry from `text` on.
fn entry_cells(e: &TimelineEntry) -> [String; 8] {
    [
        e.text.clone(),
        e.value.clone().unwrap_or_default(),
        e.modifier.clone().unwrap_or_default(),
        timex_kind(e.kind).to_string(),
        e.event.clone(),
        e.entities.join(LIST_SEPARATOR),
        e.start.to_string(),
        e.end.to_string(),
    ]
}

const ENTRY_COLUMNS: [&str; 8] = [
    "text", "value", "modifier", "kind", "event", "entities", "start", "end",
];

/// Every article's entities, one row each: path, line (of a `.jsonl` file, else empty),
/// name, kind, aliases, mentions (a count).
pub fn extract_entities<W: Write>(report: &ExtractReport, out: W) -> Result<(), CsvError> {
    let mut w = writer(
        out,
        &["path", "line", "name", "kind", "aliases", "mentions"],
    )?;
    for a in &report.articles {
        let line = a.line.map(|l| l.to_string()).unwrap_or_default();
        for e in &a.entities {
            write_row(
                &mut w,
                [
                    a.path.as_str(),
                    &line,
                    &e.name,
                    kind(e.kind),
                    &e.aliases.join(LIST_SEPARATOR),
                    &e.mentions.len().to_string(),
                ],
            )?;
        }
    }
    w.flush()?;
    Ok(())
}

/// Every article's timeline, one row per expression: path, line, then text, value,
/// modifier, kind, event, entities, start, end.
pub fn extract_timeline<W: Write>(report: &ExtractReport, out: W) -> Result<(), CsvError> {
    let mut header = vec!["path", "line"];
    header.extend(ENTRY_COLUMNS);
    let mut w = writer(out, &header)?;
    for a in &report.articles {
        let line = a.line.map(|l| l.to_string()).unwrap_or_default();
        for e in &a.timeline {
            let mut row = vec![a.path.clone(), line.clone()];
            row.extend(entry_cells(e));
            write_row(&mut w, &row)?;
        }
    }
    w.flush()?;
    Ok(())
}

/// The folder's entities: name, kind, aliases, articles (a count), mentions (a count),
/// paths of the articles (newest first).
pub fn index_entities<W: Write>(report: &IndexReport<'_>, out: W) -> Result<(), CsvError> {
    let mut w = writer(
        out,
        &["name", "kind", "aliases", "articles", "mentions", "paths"],
    )?;
    for e in &report.entities {
        write_row(
            &mut w,
            [
                e.name,
                kind(e.kind),
                &e.aliases.join(LIST_SEPARATOR),
                &e.articles.len().to_string(),
                &e.mentions.to_string(),
                &e.articles.join(LIST_SEPARATOR),
            ],
        )?;
    }
    w.flush()?;
    Ok(())
}

/// The folder's timeline, in date order: path, title, then text, value, modifier, kind,
/// event, entities, start, end.
pub fn index_timeline<W: Write>(report: &IndexReport<'_>, out: W) -> Result<(), CsvError> {
    let mut header = vec!["path", "title"];
    header.extend(ENTRY_COLUMNS);
    let mut w = writer(out, &header)?;
    for e in &report.timeline {
        let mut row = vec![e.path.to_string(), e.title.to_string()];
        row.extend(entry_cells(&e.entry));
        write_row(&mut w, &row)?;
    }
    w.flush()?;
    Ok(())
}
