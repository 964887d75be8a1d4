//! Exports: an article or a name's page as Markdown, and the entity and timeline tables of
//! `khabar extract` and `khabar index` as CSV. Pure: data in, text out.
//!
//! - [`ArticleExport`] (from an [`Article`] and its [`Extraction`]) → [`article_markdown`];
//! - [`EntityPage`] (from a [`Library`], an entity and a way to get article bodies) →
//!   [`entity_markdown`];
//! - [`csv`]: the tables of [`ExtractReport`](crate::extract::report::ExtractReport) and
//!   [`IndexReport`](crate::library::report::IndexReport);
//! - [`conll`]: the tagged tokens of `khabar tag --conll`.
//!
//! Everything written passes the one sanitiser,
//! [`safe_text`](crate::article::clean::safe_text): no export can drive a terminal it is
//! printed on.

pub mod conll;
pub mod csv;
pub mod files;

#[cfg(test)]
mod tests;

use std::fmt::Write as _;
use std::ops::Range;

use chrono::NaiveDate;

use crate::article::clean::{safe_line, safe_text};
use crate::article::{Article, ArticleDate, Dateline};
use crate::extract::time::{TimelineEntry, display_value};
use crate::extract::tokenize::{sentences, tokenize};
use crate::extract::{Entity, Extraction, Kind};
use crate::library::{ArticleId, EntityId, Library, Span};

/// A kind as exports write it.
pub fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Person => "person",
        Kind::Place => "place",
        Kind::Organization => "organisation",
    }
}

// ---------------------------------------------------------------------------------------
// Markdown text.

/// Text safe inside a Markdown paragraph: controls and bidi characters are made visible
/// ([`safe_text`]: `cat` of an export must not set a terminal's title), characters Markdown
/// would read as formatting are backslash-escaped, and a line that would start a heading,
/// list or quote is escaped too.
pub fn escape_markdown(text: &str) -> String {
    let text = safe_text(text);
    let text = text.as_ref();
    let mut out = String::with_capacity(text.len());
    for line_text in text.split_inclusive('\n') {
        let trimmed = line_text.trim_start();
        let indent = line_text.len() - trimmed.len();
        out.push_str(&line_text[..indent]);
        let mut chars = trimmed.chars().peekable();
        // A leading `#`, `>`, `-`, `+` or `1.` would start a block.
        match chars.peek() {
            Some(&c @ ('#' | '>' | '-' | '+' | '=')) => {
                out.push('\\');
                out.push(c);
                chars.next();
            }
            Some(c) if c.is_ascii_digit() => {
                let digits: String = trimmed.chars().take_while(char::is_ascii_digit).collect();
                if trimmed[digits.len()..].starts_with(['.', ')']) {
                    out.push_str(&digits);
                    out.push('\\');
                    for _ in 0..digits.len() {
                        chars.next();
                    }
                }
            }
            _ => {}
        }
        for c in chars {
            if matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~'
            ) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// Text for a Markdown table cell: escaped, pipes escaped, line breaks as spaces.
pub fn escape_cell(text: &str) -> String {
    let one_line: String = text
        .split(['\n', '\r'])
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    escape_markdown(&one_line)
}

/// A Markdown table: header cells, then rows (cells escaped here).
fn table(out: &mut String, header: &[&str], rows: &[Vec<String>]) {
    let line = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
    out.push_str(&line(header.iter().map(|h| h.to_string()).collect()));
    out.push_str(&line(header.iter().map(|_| "---".to_string()).collect()));
    for row in rows {
        out.push_str(&line(row.iter().map(|c| escape_cell(c)).collect()));
    }
}

/// A file path as Markdown code, fenced with enough backticks; controls, line breaks and
/// bidi characters escaped as everywhere a path is shown ([`safe_line`]).
fn code(text: &str) -> String {
    let one_line = safe_line(text);
    let longest = one_line
        .split(|c| c != '`')
        .map(str::len)
        .max()
        .unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if one_line.starts_with('`') || one_line.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{one_line}{pad}{fence}")
}

fn timeline_rows<'e>(
    entries: impl Iterator<Item = (&'e TimelineEntry, Option<String>)>,
) -> Vec<Vec<String>> {
    entries
        .map(|(e, article)| {
            let mut row = vec![
                display_value(e),
                e.value.clone().unwrap_or_default(),
                e.text.clone(),
                e.event.clone(),
            ];
            row.extend(article);
            row
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// An article.

/// What an article's Markdown shows. Fill it with [`ArticleExport::new`], or by hand.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleExport<'a> {
    pub title: &'a str,
    /// [`Article::key`]: the file, plus the line for `.jsonl` articles.
    pub path: String,
    pub dateline: Option<&'a Dateline>,
    pub date: Option<ArticleDate>,
    pub source: Option<&'a str>,
    pub url: Option<&'a str>,
    pub paragraphs: &'a [String],
    pub entities: &'a [Entity],
    pub timeline: &'a [TimelineEntry],
}

impl<'a> ArticleExport<'a> {
    /// An article with what extraction found in it.
    pub fn new(article: &'a Article, found: &'a Extraction) -> ArticleExport<'a> {
        ArticleExport {
            title: &article.title,
            path: article.key(),
            dateline: article.dateline.as_ref(),
            date: article.date,
            source: article.source.as_deref(),
            url: article.url.as_deref(),
            paragraphs: &article.paragraphs,
            entities: &found.entities,
            timeline: &found.timeline,
        }
    }

    /// The line under the title: place, date, agency, source — what the article gives.
    fn byline(&self) -> Option<String> {
        let d = self.dateline;
        let date = self.date.map(|d| format!("{} ({})", d.display(), d.date));
        let date = date.or_else(|| d.and_then(|d| d.date_text.clone()));
        let parts: Vec<String> = [
            d.and_then(|d| d.place.clone()),
            date,
            d.and_then(|d| d.agency.clone()),
            self.source.map(str::to_string),
        ]
        .into_iter()
        .flatten()
        .filter(|s| !s.trim().is_empty())
        .collect();
        (!parts.is_empty()).then(|| {
            parts
                .iter()
                .map(|p| escape_markdown(p))
                .collect::<Vec<_>>()
                .join(" · ")
        })
    }
}

/// An article as Markdown: the title, a line with place, date and source, its path (and
/// address), the paragraphs, then its entities and its timeline as tables.
pub fn article_markdown(article: &ArticleExport<'_>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape_markdown(article.title.trim()));
    if let Some(byline) = article.byline() {
        let _ = writeln!(out, "*{byline}*\n");
    }
    let _ = write!(out, "{}", code(&article.path));
    if let Some(url) = article.url {
        let _ = write!(
            out,
            " · <{}>",
            safe_line(url).replace(['<', '>'], "").replace(' ', "%20")
        );
    }
    out.push_str("\n\n");
    for p in article.paragraphs {
        let _ = writeln!(out, "{}\n", escape_markdown(p.trim()));
    }
    if !article.entities.is_empty() {
        out.push_str("## People, places and organisations\n\n");
        let rows: Vec<Vec<String>> = article
            .entities
            .iter()
            .map(|e| {
                vec![
                    e.name.clone(),
                    kind_name(e.kind).to_string(),
                    e.aliases.join(", "),
                    e.mentions.len().to_string(),
                ]
            })
            .collect();
        table(
            &mut out,
            &["Name", "Kind", "Also written", "Mentions"],
            &rows,
        );
        out.push('\n');
    }
    if !article.timeline.is_empty() {
        out.push_str("## Timeline\n\n");
        let rows = timeline_rows(article.timeline.iter().map(|e| (e, None)));
        table(&mut out, &["When", "Value", "Written", "Event"], &rows);
        out.push('\n');
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

// ---------------------------------------------------------------------------------------
// Sentences around mentions.

/// A sentence of an article, with where mentions fall in it (byte ranges of `text`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    pub marks: Vec<Range<usize>>,
}

impl Snippet {
    /// The sentence as Markdown, mentions in bold; a mark that is not a range of the text
    /// (out of order, past its end, inside a character) is left out.
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        let mut at = 0;
        for m in &self.marks {
            if m.start < at
                || m.start > m.end
                || !self.text.is_char_boundary(m.start)
                || !self.text.is_char_boundary(m.end)
            {
                continue;
            }
            out.push_str(&escape_cell(&self.text[at..m.start]));
            let _ = write!(out, "**{}**", escape_cell(&self.text[m.clone()]));
            at = m.end;
        }
        out.push_str(&escape_cell(&self.text[at..]));
        out
    }
}

/// The sentences of `body` that hold `mentions` (byte offsets into `body`), in order, each
/// once, at most `limit`; the mentions marked.
pub fn sentences_around(body: &str, mentions: &[Span], limit: usize) -> Vec<Snippet> {
    let tokens = tokenize(body);
    let mut out: Vec<(Range<usize>, Snippet)> = Vec::new();
    for sentence in sentences(body, &tokens) {
        if out.len() == limit {
            break;
        }
        let (Some(first), Some(last)) = (tokens.get(sentence.start), tokens.get(sentence.end - 1))
        else {
            continue;
        };
        let span = first.start..last.end;
        let marks: Vec<Range<usize>> = mentions
            .iter()
            .filter(|m| m.start() >= span.start && m.end() <= span.end && m.start < m.end)
            .map(|m| m.start() - span.start..m.end() - span.start)
            .collect();
        if !marks.is_empty() {
            let text = body[span.clone()].to_string();
            out.push((span, Snippet { text, marks }));
        }
    }
    out.into_iter().map(|(_, s)| s).collect()
}

// ---------------------------------------------------------------------------------------
// A name's page.

/// How much a name's page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageLimits {
    /// Sentences quoted from each article.
    pub sentences: usize,
    /// Names listed under "appears with".
    pub companions: usize,
}

impl PageLimits {
    /// Nothing left out: every sentence naming it, every name it appears with (what the
    /// reader's `x` saves, for research).
    pub const ALL: PageLimits = PageLimits {
        sentences: usize::MAX,
        companions: usize::MAX,
    };
}

impl Default for PageLimits {
    fn default() -> PageLimits {
        PageLimits {
            sentences: 3,
            companions: 20,
        }
    }
}

/// One article on a name's page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageArticle<'a> {
    pub path: &'a str,
    pub title: &'a str,
    pub date: Option<NaiveDate>,
    pub mentions: usize,
    /// Sentences around its mentions (empty when the body was not at hand).
    pub sentences: Vec<Snippet>,
}

/// One entry of a name's timeline, with its article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageEvent<'a> {
    pub path: &'a str,
    pub title: &'a str,
    pub entry: TimelineEntry,
}

/// A name named in the same articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Companion<'a> {
    pub name: &'a str,
    pub kind: Kind,
    /// Articles they share.
    pub shared: usize,
}

/// What a name's page shows. Fill it with [`EntityPage::from_library`], or by hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityPage<'a> {
    pub name: &'a str,
    pub kind: Kind,
    pub aliases: &'a [String],
    /// Mentions across all articles.
    pub mentions: usize,
    /// Newest first, as the library orders them.
    pub articles: Vec<PageArticle<'a>>,
    pub timeline: Vec<PageEvent<'a>>,
    pub appears_with: Vec<Companion<'a>>,
}

impl<'a> EntityPage<'a> {
    /// The page of `library.entities[entity]`; `None` when there is no such entity.
    /// `body_of(article)` gives the body ([`Article::body`]) of `library.articles[article]`
    /// so sentences can be quoted; where it gives `None` the article is listed without them.
    pub fn from_library(
        library: &'a Library,
        entity: EntityId,
        mut body_of: impl FnMut(ArticleId) -> Option<String>,
        limits: PageLimits,
    ) -> Option<EntityPage<'a>> {
        let e = library.entity(entity)?;
        let articles = e
            .occurrences
            .iter()
            .filter_map(|o| {
                let info = library.article(o.article)?;
                let sentences = body_of(o.article)
                    .map(|body| sentences_around(&body, e.mentions_of(o), limits.sentences))
                    .unwrap_or_default();
                Some(PageArticle {
                    path: &info.path,
                    title: &info.title,
                    date: info.date,
                    mentions: o.mention_count(),
                    sentences,
                })
            })
            .collect();
        let timeline = library
            .timeline_of(entity)
            .into_iter()
            .filter_map(|id| {
                let info = library.article(library.event(id)?.article)?;
                Some(PageEvent {
                    path: &info.path,
                    title: &info.title,
                    entry: library.entry(id)?,
                })
            })
            .collect();
        let appears_with = library
            .appears_with(entity, limits.companions)
            .into_iter()
            .filter_map(|(other, shared)| {
                let o = library.entity(other)?;
                Some(Companion {
                    name: &o.name,
                    kind: o.kind,
                    shared,
                })
            })
            .collect();
        Some(EntityPage {
            name: &e.name,
            kind: e.kind,
            aliases: &e.aliases,
            mentions: e.mentions,
            articles,
            timeline,
            appears_with,
        })
    }
}

/// A name's page as Markdown: the name, kind and other spellings; each article with its
/// date, title and path and the sentences that mention the name; its timeline; the names it
/// appears with.
pub fn entity_markdown(page: &EntityPage<'_>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape_markdown(page.name));
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let _ = writeln!(
        out,
        "*{}* · {} in {}\n",
        kind_name(page.kind),
        count(page.mentions, "mention", "mentions"),
        count(page.articles.len(), "article", "articles"),
    );
    if !page.aliases.is_empty() {
        let aliases: Vec<String> = page.aliases.iter().map(|a| escape_markdown(a)).collect();
        let _ = writeln!(out, "Also written: {}\n", aliases.join(", "));
    }
    if !page.articles.is_empty() {
        out.push_str("## Articles\n\n");
        for a in &page.articles {
            let date = a
                .date
                .map_or_else(|| "undated".to_string(), |d| d.to_string());
            let _ = writeln!(out, "### {} · {}\n", date, escape_markdown(a.title.trim()));
            let _ = writeln!(
                out,
                "{} · {}\n",
                code(a.path),
                count(a.mentions, "mention", "mentions")
            );
            for s in &a.sentences {
                let _ = writeln!(out, "> {}\n", s.markdown());
            }
        }
    }
    if !page.timeline.is_empty() {
        out.push_str("## Timeline\n\n");
        let rows = timeline_rows(
            page.timeline
                .iter()
                .map(|e| (&e.entry, Some(format!("{} ({})", e.title.trim(), e.path)))),
        );
        table(
            &mut out,
            &["When", "Value", "Written", "Event", "Article"],
            &rows,
        );
        out.push('\n');
    }
    if !page.appears_with.is_empty() {
        out.push_str("## Appears with\n\n");
        let rows: Vec<Vec<String>> = page
            .appears_with
            .iter()
            .map(|c| {
                vec![
                    c.name.to_string(),
                    kind_name(c.kind).to_string(),
                    c.shared.to_string(),
                ]
            })
            .collect();
        table(&mut out, &["Name", "Kind", "Shared articles"], &rows);
        out.push('\n');
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}
